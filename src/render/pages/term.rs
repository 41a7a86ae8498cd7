//! A term's page (an actor, topic or outlet): its articles newest first by year, and on the
//! first page its description, roles, quotations, chart, related terms and backlinks.

use serde::Serialize;

use super::pager::{list_page_limit, list_page_range, Pager};
use super::timeline::year_span;
use crate::error::Error;
use crate::link::{ArticleId, CoOccurrence, LinkedBook, Taxonomy, Term, TermId};
use crate::render::context::{
    group_runs_by, newest_first, year_label, year_of, ArticleSummary, CountedLink, Group, Link,
};
use crate::render::{charts, markdown, to_context, Page, Renderer};

#[derive(Serialize)]
struct RoleView {
    title: String,
    organisation: Option<String>,
    period: String,
}

/// What `term.html` is given, for each page of a term.
#[derive(Serialize)]
struct TermView<'a> {
    kind: Taxonomy,
    kind_title: &'a str,
    index_title: &'a str,
    term: &'a Link,
    count: usize,
    subtitle: Option<String>,
    description_html: Option<String>,
    aliases: &'a [String],
    roles: Vec<RoleView>,
    homepage: Option<&'a str>,
    groups: Vec<Group>,
    co_actors: Vec<CountedLink>,
    co_topics: Vec<CountedLink>,
    chart_svg: Option<String>,
    /// Articles linking to or naming the term without being filed under it.
    backlinks: String,
    quotes: Vec<QuoteView<'a>>,
    quote_count: usize,
    /// Present when the term's articles take more than one page.
    pager: Option<Pager>,
}

/// What the editor curated about a term, shown on its first page and the others alike.
struct Curated<'a> {
    aliases: &'a [String],
    roles: Vec<RoleView>,
    homepage: Option<&'a str>,
}

#[derive(Serialize)]
struct QuoteView<'a> {
    text: &'a str,
    article: &'a ArticleSummary,
    /// Path from the site root to the passage.
    path: String,
}

impl<'a> Renderer<'a> {
    /// Page `page` (0-based) of a term: its articles newest first, grouped by year. The
    /// description, quotations, chart, related terms and backlinks are on the first page only.
    pub(in crate::render) fn term(
        &self,
        taxonomy: Taxonomy,
        index: TermId,
        page: usize,
        root: &str,
    ) -> Result<tera::Context, Error> {
        let linked = self.linked;
        let term = linked.term(taxonomy, index);
        let first = page == 0;
        // Newest first, by year; a long list is cut into pages of that order.
        let shown = newest_first(linked, &term.articles);
        let on_page = &shown[list_page_range(linked, shown.len(), page)];
        let strings = &*self.shared.strings;
        let groups = group_runs_by(
            on_page.iter().copied(),
            |i| year_of(linked, i),
            |i| year_label(linked, strings, i),
        );
        let pager = self.pager(Page::Term(taxonomy, index), page, root, &shown, |slice| {
            year_span(linked, strings, slice)
        });
        let (subtitle, description) = self.term_details(taxonomy, term);
        let Curated {
            aliases,
            roles,
            homepage,
        } = self.curated(taxonomy, term);
        let counted = |taxonomy, pairs: &[CoOccurrence]| {
            let pairs = if first { pairs } else { &[] };
            let pairs = pairs.iter().map(|co| (co.term, co.shared));
            self.shared
                .counted(taxonomy, pairs, crate::link::CO_OCCURRENCE_COUNT)
        };
        to_context(&TermView {
            kind: taxonomy,
            kind_title: strings.get(kind_title(taxonomy)),
            index_title: strings.get(index_title(taxonomy)),
            term: self.shared.link(taxonomy, index),
            count: term.articles.len(),
            subtitle,
            description_html: description
                .filter(|_| first)
                .map(|d| self.description_html(d, "../../")),
            aliases,
            roles,
            homepage,
            groups: self.groups_html(groups, root)?,
            co_actors: counted(Taxonomy::Actor, &term.co_actors),
            co_topics: counted(Taxonomy::Topic, &term.co_topics),
            chart_svg: if first {
                self.year_chart(taxonomy, term, &shown)
            } else {
                None
            },
            backlinks: if first {
                self.list_html(
                    term_backlinks(linked, taxonomy, index).iter().copied(),
                    root,
                )?
            } else {
                String::new()
            },
            quotes: if first {
                self.quotes(taxonomy, index)
            } else {
                Vec::new()
            },
            quote_count: match taxonomy {
                Taxonomy::Actor => linked.backlinks.quotes_of(index).len(),
                _ => 0,
            },
            pager,
        })
    }

    /// An actor's quotations shown on its page; none for other kinds.
    fn quotes(&self, taxonomy: Taxonomy, index: TermId) -> Vec<QuoteView<'a>> {
        let linked = self.linked;
        let shared = self.shared;
        let quoted = (taxonomy == Taxonomy::Actor)
            .then(|| linked.backlinks.shown_quotes(index))
            .into_iter()
            .flatten();
        quoted
            .filter_map(|&(article, i)| {
                let quotes = &linked.links_of(article).quotes;
                let quote = quotes.get(i)?;
                let summary = shared.summary(article);
                Some(QuoteView {
                    text: quotes.text(quote),
                    article: summary,
                    path: format!("{}#passage-{}", summary.path, quote.passage()),
                })
            })
            .collect()
    }

    /// The bars of an actor's or topic's articles per year, each leading to its year's heading
    /// in `shown` (the term's list, in page order); none for other kinds.
    fn year_chart(&self, taxonomy: Taxonomy, term: &Term, shown: &[ArticleId]) -> Option<String> {
        if !matches!(taxonomy, Taxonomy::Actor | Taxonomy::Topic) {
            return None;
        }
        let linked = self.linked;
        // A bar leads to its year's heading, on whichever page of the list the year starts.
        let year_href = |year: i32| -> Option<String> {
            let at = shown
                .iter()
                .position(|&i| linked.article(i).front.date.map(|d| d.year()) == Some(year))?;
            let on = at / list_page_limit(linked);
            Some(match on {
                0 => format!("#y{year}"),
                p => format!("{}/#y{year}", p + 1),
            })
        };
        let mut per_year: Vec<(i32, usize)> = Vec::new();
        for &i in &term.articles {
            if let Some(year) = linked.article(i).front.date.map(|d| d.year()) {
                match per_year.last_mut() {
                    Some((y, n)) if *y == year => *n += 1,
                    _ => per_year.push((year, 1)),
                }
            }
        }
        charts::year_bars(&per_year, &term.name, &year_href, &self.shared.strings)
    }

    /// What the editor curated for an actor (other names, roles) or an outlet (other names,
    /// homepage).
    fn curated(&self, taxonomy: Taxonomy, term: &Term) -> Curated<'a> {
        let book = &self.linked.book;
        match (taxonomy, term.entry) {
            (Taxonomy::Actor, Some(e)) => {
                let actor = &book.actors[e];
                Curated {
                    aliases: &actor.aliases,
                    roles: actor.roles.iter().map(|r| self.role(r)).collect(),
                    homepage: None,
                }
            }
            (Taxonomy::Outlet, Some(e)) => {
                let outlet = &book.outlets[e];
                Curated {
                    aliases: &outlet.aliases,
                    roles: Vec::new(),
                    homepage: outlet
                        .homepage
                        .as_deref()
                        .filter(|u| markdown::is_web_url(u)),
                }
            }
            _ => Curated {
                aliases: &[],
                roles: Vec::new(),
                homepage: None,
            },
        }
    }

    /// One of an actor's roles, with its period in the book's language.
    fn role(&self, role: &crate::model::Role) -> RoleView {
        let strings = &*self.shared.strings;
        RoleView {
            title: role.title.clone(),
            organisation: role.organisation.clone(),
            period: match (role.from, role.to) {
                (Some(from), Some(to)) => {
                    format!("{}–{}", strings.date(&from), strings.date(&to))
                }
                (Some(from), None) => strings.fill("role_from", &[("date", &strings.date(&from))]),
                (None, Some(to)) => strings.fill("role_until", &[("date", &strings.date(&to))]),
                (None, None) => String::new(),
            },
        }
    }

    /// A one-line subtitle (an actor's latest role and country, an outlet's homepage) and the
    /// Markdown description of a curated term.
    pub(super) fn term_details(
        &self,
        taxonomy: Taxonomy,
        term: &Term,
    ) -> (Option<String>, Option<&'a String>) {
        let book = &self.linked.book;
        let Some(entry) = term.entry else {
            return (None, None);
        };
        match taxonomy {
            Taxonomy::Actor => {
                let actor = &book.actors[entry];
                // The current or most recent role, whatever order the editor listed them in.
                let latest = actor
                    .roles
                    .iter()
                    .max_by_key(|r| (r.to.is_none(), r.to, r.from));
                let role = latest.map(|r| match &r.organisation {
                    Some(org) => format!("{}, {org}", r.title),
                    None => r.title.clone(),
                });
                // "President of the United States, United States · United States" says it twice.
                let country = actor.country.as_ref().filter(|c| {
                    latest.is_none_or(|r| r.organisation.as_deref() != Some(c.as_str()))
                });
                let subtitle = match (role, country) {
                    (Some(role), Some(country)) => Some(format!("{role} · {country}")),
                    (Some(role), None) => Some(role),
                    (None, country) => country.cloned(),
                };
                (subtitle, actor.description.as_ref())
            }
            Taxonomy::Topic => (None, book.topics[entry].description.as_ref()),
            Taxonomy::Outlet => (None, book.outlets[entry].description.as_ref()),
            Taxonomy::Year => (None, None),
        }
    }

    /// A curated term's description, its `[[…]]` links resolved for a page `prefix` deep.
    pub(super) fn description_html(&self, markdown: &str, prefix: &str) -> String {
        let linked = self.linked;
        let resolver = self
            .resolver
            .get_or_init(|| crate::link::resolver(&linked.book, &linked.actors, &linked.topics));
        let (text, _, _) = crate::link::wikilinks::rewrite_text(resolver, markdown, prefix);
        self.markdown.to_html(&text)
    }
}

/// The articles linking to or naming a term without being filed under it (actors and topics).
fn term_backlinks(linked: &LinkedBook, taxonomy: Taxonomy, index: TermId) -> &[ArticleId] {
    match taxonomy {
        Taxonomy::Actor => linked.backlinks.of_actor(index),
        Taxonomy::Topic => linked.backlinks.of_topic(index),
        _ => &[],
    }
}

/// The translation key of one term's kind: `actor`.
fn kind_title(taxonomy: Taxonomy) -> &'static str {
    match taxonomy {
        Taxonomy::Actor => "actor",
        Taxonomy::Topic => "topic",
        Taxonomy::Outlet => "outlet",
        Taxonomy::Year => "year",
    }
}

/// The translation key of a kind's index: `actors`.
pub(super) fn index_title(taxonomy: Taxonomy) -> &'static str {
    match taxonomy {
        Taxonomy::Actor => "actors",
        Taxonomy::Topic => "topics",
        Taxonomy::Outlet => "outlets",
        Taxonomy::Year => "years",
    }
}
