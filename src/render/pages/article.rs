//! An article's page: its body with the editor's layer, its terms, neighbours, related
//! articles, backlinks and citation.

use serde::Serialize;

use crate::error::Error;
use crate::link::{ArticleId, Taxonomy};
use crate::render::context::{ArticleSummary, Link, ListItem};

use crate::render::{citations, markdown, to_context, Renderer};

/// What `article.html` is given.
#[derive(Serialize)]
struct ArticleView<'a> {
    article: &'a ArticleSummary,
    publisher: Option<&'a Link>,
    dateline: Option<&'a str>,
    byline: &'a [String],
    url: Option<&'a str>,
    source: Option<&'a str>,
    year: Option<&'a Link>,
    note_html: Option<String>,
    body_html: &'a str,
    previous: Option<ListItem<'a>>,
    next: Option<ListItem<'a>>,
    related: String,
    /// Other articles linking here.
    backlinks: String,
    citation: citations::ArticleCitation,
}

impl<'a> Renderer<'a> {
    /// Article `id`'s page, for a page whose root prefix is `root`.
    pub(in crate::render) fn article(
        &self,
        id: ArticleId,
        root: &str,
    ) -> Result<tera::Context, Error> {
        let article = self.linked.article(id);
        let links = self.linked.links_of(id);
        let front = &article.front;
        // Borrowed for the page's context, which copies it anyway: never copied before that.
        let body_html = self.body_part_html(id);
        to_context(&ArticleView {
            article: self.shared.summary(id),
            publisher: links
                .publisher
                .map(|p| self.shared.link(Taxonomy::Outlet, p)),
            dateline: front.dateline.as_deref(),
            byline: &front.byline,
            url: front.url.as_deref().filter(|u| markdown::is_web_url(u)),
            source: front.source.as_deref(),
            year: links.year.map(|y| self.shared.link(Taxonomy::Year, y)),
            note_html: links
                .note_markdown
                .as_ref()
                .map(|n| self.markdown.to_html(n)),
            body_html: &body_html,
            previous: links.previous.map(|i| self.shared.item(i)),
            next: links.next.map(|i| self.shared.item(i)),
            related: self.list_html(links.related.iter().copied(), root)?,
            backlinks: self
                .list_html(self.linked.backlinks.of_article(id).iter().copied(), root)?,
            citation: citations::article_citation(
                &citations::Source::of(self.linked, self.shared, id),
                citations::CitationStyle::parse(&self.linked.book.config.citation_style)
                    .unwrap_or(citations::CitationStyle::Chicago),
            ),
        })
    }
}
