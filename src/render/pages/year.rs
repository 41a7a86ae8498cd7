//! A year's page: its articles by month, then those dated only to the year.

use serde::Serialize;

use super::pager::{list_page_range, Pager};
use crate::error::Error;
use crate::link::{ArticleId, Taxonomy, TermId};
use crate::render::context::{group_runs, Group, Link};
use crate::render::{to_context, Page, Renderer};

/// What `year.html` is given, for each page of a year.
#[derive(Serialize)]
struct YearView<'a> {
    year: &'a Link,
    count: usize,
    months: Vec<Group>,
    /// Articles dated only to this year.
    month_unknown: String,
    previous: Option<&'a Link>,
    next: Option<&'a Link>,
    /// Present when the year's articles take more than one page.
    pager: Option<Pager>,
}

impl<'a> Renderer<'a> {
    /// Page `page` (0-based) of a year: its articles by month, then those dated only to the year.
    pub(in crate::render) fn year(
        &self,
        index: TermId,
        page: usize,
        root: &str,
    ) -> Result<tera::Context, Error> {
        let linked = self.linked;
        let term = linked.term(Taxonomy::Year, index);
        let month_of = |i: ArticleId| linked.article(i).front.date.and_then(|d| d.month());
        let (known, unknown): (Vec<ArticleId>, Vec<ArticleId>) =
            term.articles.iter().partition(|&&i| month_of(i).is_some());
        let shown: Vec<ArticleId> = known.iter().chain(&unknown).copied().collect();
        let on_page = &shown[list_page_range(linked, shown.len(), page)];
        let (known, unknown): (Vec<ArticleId>, Vec<ArticleId>) =
            on_page.iter().partition(|&&i| month_of(i).is_some());
        let strings = &*self.shared.strings;
        let months = group_runs(known, |i| {
            let month = month_of(i).unwrap_or(1);
            (
                strings.fill(
                    "date_month",
                    &[("month", strings.month(month)), ("year", &term.name)],
                ),
                format!("m{month:02}"),
            )
        });
        let month_span = |slice: &[ArticleId]| {
            let label = |i: ArticleId| {
                month_of(i).map_or(strings.get("month_not_known"), |m| strings.month(m))
            };
            match (slice.first(), slice.last()) {
                (Some(&a), Some(&b)) if label(a) != label(b) => {
                    format!("{}–{}", label(a), label(b))
                }
                (Some(&a), _) => label(a).to_string(),
                _ => String::new(),
            }
        };
        let pager = self.pager(
            Page::Term(Taxonomy::Year, index),
            page,
            root,
            &shown,
            month_span,
        );
        to_context(&YearView {
            year: self.shared.link(Taxonomy::Year, index),
            count: term.articles.len(),
            months: self.groups_html(months, root)?,
            month_unknown: self.list_html(unknown, root)?,
            previous: (index.index().checked_sub(1)).map(|i| &self.shared.year_links[i]),
            next: self.shared.year_links.get(index.index() + 1),
            pager,
        })
    }
}
