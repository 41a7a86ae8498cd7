//! A term's page (an actor, topic or outlet): its articles newest first by year, and on the
//! first page its description, roles, quotations, chart, related terms and backlinks.

use serde::Serialize;

use super::pager::{list_page_limit, list_page_range, Pager};
use super::timeline::year_span;
use crate::error::Error;
use crate::link::{Taxonomy, Term};
use crate::render::context::{
    group_runs, newest_first, year_label, ArticleSummary, CountedLink, Group, Link,
};
use crate::render::{charts, markdown, to_context, Page, Renderer};

#[derive(Serialize)]
struct RoleView {
    title: String,
    organisation: Option<String>,
    period: String,
}

#[derive(Serialize)]
struct TermPage<'a> {
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

#[derive(Serialize)]
struct QuoteView<'a> {
    text: &'a str,
    article: &'a ArticleSummary,
    /// Path from the site root to the passage.
    path: String,
}

impl<'a> Renderer<'a> {
    /// Page `page` (0-based) of a term: its articles newest first, grouped by year. The
    /// description, quotations, related terms and backlinks are on the first page only.
    pub(in crate::render) fn term(
        &self,
        taxonomy: Taxonomy,
        index: usize,
        page: usize,
        root: &str,
    ) -> Result<tera::Context, Error> {
        let linked = self.linked;
        let term = &linked.terms(taxonomy)[index];
        let backlinks: &[usize] = match taxonomy {
            Taxonomy::Actor => &linked.backlinks.actors[index],
            Taxonomy::Topic => &linked.backlinks.topics[index],
            _ => &[],
        };
        let quote_count = match taxonomy {
            Taxonomy::Actor => linked.backlinks.quotes[index].len(),
            _ => 0,
        };
        // An actor's quotations, on the first page only.
        let quoted = (taxonomy == Taxonomy::Actor && page == 0)
            .then(|| linked.backlinks.shown_quotes(index))
            .into_iter()
            .flatten();
        let quotes = quoted
            .filter_map(|&(article, i)| {
                let quotes = &linked.links[article].quotes;
                let quote = quotes.get(i)?;
                let summary = &self.shared.summaries[article];
                Some(QuoteView {
                    text: quotes.text(quote),
                    article: summary,
                    path: format!("{}#passage-{}", summary.path, quote.passage()),
                })
            })
            .collect();
        // Newest first, by year; a long list is cut into pages of that order.
        let shown = newest_first(linked, &term.articles);
        // A bar leads to its year's heading, on whichever page of the list the year starts.
        let year_href = |year: i32| -> Option<String> {
            let at = shown.iter().position(|&i| {
                linked.book.articles[i].front.date.map(|d| d.year()) == Some(year)
            })?;
            let on = at / list_page_limit(linked);
            Some(match on {
                0 => format!("#y{year}"),
                p => format!("{}/#y{year}", p + 1),
            })
        };
        let chart_svg = (page == 0 && matches!(taxonomy, Taxonomy::Actor | Taxonomy::Topic))
            .then(|| {
                let mut per_year: Vec<(i32, usize)> = Vec::new();
                for &i in &term.articles {
                    if let Some(year) = linked.book.articles[i].front.date.map(|d| d.year()) {
                        match per_year.last_mut() {
                            Some((y, n)) if *y == year => *n += 1,
                            _ => per_year.push((year, 1)),
                        }
                    }
                }
                charts::year_bars(&per_year, &term.name, &year_href, &self.shared.strings)
            })
            .flatten();
        let (subtitle, description) = self.term_details(taxonomy, term);
        let on_page = &shown[list_page_range(linked, shown.len(), page)];
        let strings = &*self.shared.strings;
        let groups = group_runs(on_page.iter().copied(), |i| year_label(linked, strings, i));
        let pager = self.pager(Page::Term(taxonomy, index), page, root, &shown, |slice| {
            year_span(linked, strings, slice)
        });
        let first = page == 0;
        let (aliases, roles, homepage): (&[String], Vec<RoleView>, Option<&str>) =
            match (taxonomy, term.entry) {
                (Taxonomy::Actor, Some(e)) => {
                    let actor = &linked.book.actors[e];
                    let roles = actor
                        .roles
                        .iter()
                        .map(|r| RoleView {
                            title: r.title.clone(),
                            organisation: r.organisation.clone(),
                            period: match (r.from, r.to) {
                                (Some(from), Some(to)) => {
                                    format!("{}–{}", strings.date(&from), strings.date(&to))
                                }
                                (Some(from), None) => {
                                    strings.fill("role_from", &[("date", &strings.date(&from))])
                                }
                                (None, Some(to)) => {
                                    strings.fill("role_until", &[("date", &strings.date(&to))])
                                }
                                (None, None) => String::new(),
                            },
                        })
                        .collect();
                    (&actor.aliases, roles, None)
                }
                (Taxonomy::Outlet, Some(e)) => {
                    let outlet = &linked.book.outlets[e];
                    (
                        &outlet.aliases,
                        Vec::new(),
                        outlet
                            .homepage
                            .as_deref()
                            .filter(|u| markdown::is_web_url(u)),
                    )
                }
                _ => (&[], Vec::new(), None),
            };
        to_context(&TermPage {
            kind: taxonomy,
            kind_title: self.shared.strings.get(kind_title(taxonomy)),
            index_title: self.shared.strings.get(index_title(taxonomy)),
            term: &self.shared.links(taxonomy)[index],
            count: term.articles.len(),
            subtitle,
            description_html: description
                .filter(|_| first)
                .map(|d| self.description_html(d, "../../")),
            aliases,
            roles,
            homepage,
            groups: self.groups_html(groups, root)?,
            co_actors: self.shared.counted(
                Taxonomy::Actor,
                if first { &term.co_actors } else { &[] },
                crate::link::CO_OCCURRENCE_COUNT,
            ),
            co_topics: self.shared.counted(
                Taxonomy::Topic,
                if first { &term.co_topics } else { &[] },
                crate::link::CO_OCCURRENCE_COUNT,
            ),
            chart_svg,
            backlinks: if first {
                self.list_html(backlinks.iter().copied(), root)?
            } else {
                String::new()
            },
            quotes,
            quote_count,
            pager,
        })
    }

    /// A one-line subtitle (an actor's latest role and country, an outlet's homepage) and the
    /// Markdown description of a curated term.
    pub(in crate::render) fn term_details(
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
    pub(in crate::render) fn description_html(&self, markdown: &str, prefix: &str) -> String {
        let linked = self.linked;
        let resolver = self
            .resolver
            .get_or_init(|| crate::link::resolver(&linked.book, &linked.actors, &linked.topics));
        let (text, _, _) = crate::link::wikilinks::rewrite_text(resolver, markdown, prefix);
        self.markdown.to_html(&text)
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
