//! The home page: the introduction, the latest articles and the busiest terms.

use serde::Serialize;

use crate::error::Error;
use crate::link::{ArticleId, Taxonomy, Term, TermId};
use crate::render::context::CountedLink;
use crate::render::{to_context, Renderer};

/// What `index.html` (the home page) is given.
#[derive(Serialize)]
struct HomeView<'a> {
    introduction_html: Option<String>,
    latest: String,
    topics: Vec<CountedLink>,
    actors: Vec<CountedLink>,
    years: Vec<CountedLink>,
    counts: [(&'a str, &'static str, usize); 4],
}

impl<'a> Renderer<'a> {
    /// The home page: the introduction, the latest dated articles, the busiest topics and
    /// actors, the years and the book's counts.
    pub(in crate::render) fn home(&self, root: &str) -> Result<tera::Context, Error> {
        let linked = self.linked;
        let strings = &*self.shared.strings;
        let dated: Vec<ArticleId> = linked
            .chronology
            .iter()
            .copied()
            .filter(|&i| linked.links_of(i).year.is_some())
            .collect();
        let latest = self.list_html(
            dated
                .iter()
                .rev()
                .take(linked.book.config.latest_count)
                .copied(),
            root,
        )?;
        let top = |taxonomy: Taxonomy, limit: usize| -> Vec<CountedLink> {
            let mut pairs: Vec<(TermId, usize)> = linked
                .term_ids(taxonomy)
                .zip(linked.terms(taxonomy))
                .map(|(i, t)| (i, t.articles.len()))
                .collect();
            pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            self.shared.counted(taxonomy, pairs, limit)
        };
        to_context(&HomeView {
            introduction_html: linked
                .introduction_markdown
                .as_ref()
                .map(|t| self.markdown.to_html(t)),
            latest,
            topics: top(Taxonomy::Topic, 16),
            actors: top(Taxonomy::Actor, 16),
            years: self.shared.counted(
                Taxonomy::Year,
                linked
                    .term_ids(Taxonomy::Year)
                    .zip(&linked.years)
                    .map(|(i, y)| (i, y.articles.len())),
                usize::MAX,
            ),
            counts: [
                (
                    strings.get("articles"),
                    "timeline/",
                    linked.book.articles.len(),
                ),
                (strings.get("actors"), "actors/", in_use(&linked.actors)),
                (strings.get("topics"), "topics/", in_use(&linked.topics)),
                (strings.get("outlets"), "outlets/", in_use(&linked.outlets)),
            ],
        })
    }
}

/// How many of `terms` have articles: the YAML files may curate more than the book uses.
fn in_use(terms: &[Term]) -> usize {
    terms.iter().filter(|t| !t.articles.is_empty()).count()
}
