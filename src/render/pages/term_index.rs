//! The index of one kind of term (`actors/`, `topics/`, `outlets/`), with the actors' network.

use serde::Serialize;

use super::term::index_title;
use crate::error::Error;
use crate::link::{Taxonomy, TermId};
use crate::render::{charts, to_context, Renderer};

/// One term of the index.
#[derive(Serialize)]
struct TermEntry<'a> {
    name: &'a str,
    path: &'a str,
    count: usize,
    subtitle: Option<String>,
    description_html: Option<String>,
}

/// What `terms.html` is given: one kind's index.
#[derive(Serialize)]
struct TermIndexView<'a> {
    kind: Taxonomy,
    title: &'a str,
    terms: Vec<TermEntry<'a>>,
    network_svg: Option<String>,
}

impl<'a> Renderer<'a> {
    /// The index of one kind of term: the terms with articles, and for actors their network.
    pub(in crate::render) fn term_index(&self, taxonomy: Taxonomy) -> Result<tera::Context, Error> {
        let terms = self.linked.terms(taxonomy);
        let links = self.shared.links(taxonomy);
        let entries = terms
            .iter()
            .zip(links)
            .filter(|(term, _)| !term.articles.is_empty())
            .map(|(term, link)| {
                let (subtitle, description) = self.term_details(taxonomy, term);
                TermEntry {
                    name: &link.name,
                    path: &link.path,
                    count: term.articles.len(),
                    subtitle,
                    description_html: description
                        .map(|d| self.description_html(first_paragraph(d), "../")),
                }
            })
            .collect();
        to_context(&TermIndexView {
            kind: taxonomy,
            title: self.shared.strings.get(index_title(taxonomy)),
            terms: entries,
            network_svg: (taxonomy == Taxonomy::Actor)
                .then(|| self.actor_network())
                .flatten(),
        })
    }

    /// The network of the actors with most articles, edges weighted by shared articles.
    fn actor_network(&self) -> Option<String> {
        let linked = self.linked;
        let actor = |a: TermId| linked.term(Taxonomy::Actor, a);
        let mut top: Vec<TermId> = linked.term_ids(Taxonomy::Actor).collect();
        top.sort_by(|&a, &b| {
            actor(b)
                .articles
                .len()
                .cmp(&actor(a).articles.len())
                .then(a.cmp(&b))
        });
        top.truncate(charts::NETWORK_SIZE);
        let mut node_of = vec![usize::MAX; linked.actors.len()];
        for (node, &a) in top.iter().enumerate() {
            node_of[a.index()] = node;
        }
        let mut shared: std::collections::HashMap<(usize, usize), usize> =
            std::collections::HashMap::new();
        for links in &linked.links {
            let present: Vec<usize> = links
                .actors
                .iter()
                .map(|&a| node_of[a.index()])
                .filter(|&n| n != usize::MAX)
                .collect();
            for (i, &a) in present.iter().enumerate() {
                for &b in &present[i + 1..] {
                    *shared.entry((a.min(b), a.max(b))).or_default() += 1;
                }
            }
        }
        let edges: Vec<(usize, usize, usize)> =
            shared.into_iter().map(|((a, b), w)| (a, b, w)).collect();
        let nodes: Vec<charts::Node> = top
            .iter()
            .map(|&a| charts::Node {
                name: actor(a).name.clone(),
                path: self.shared.link(Taxonomy::Actor, a).path.to_string(),
                articles: actor(a).articles.len(),
            })
            .collect();
        charts::network(&nodes, &edges, "../", &self.shared.strings)
    }
}

/// The first paragraph of a Markdown text, for one-line list entries.
fn first_paragraph(markdown: &str) -> &str {
    markdown.trim().split("\n\n").next().unwrap_or("")
}
