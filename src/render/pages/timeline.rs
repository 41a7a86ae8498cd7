//! The timeline: every article in date order, grouped by year, in pages.

use rayon::prelude::*;
use serde::Serialize;

use super::pager::{list_page_range, Pager};
use crate::error::Error;
use crate::link::{ArticleId, LinkedBook};
use crate::render::context::{group_runs_by, year_label, year_of, Group};
use crate::render::{i18n, to_context, Page, Renderer};

/// The partial that renders an article on the timeline.
const TIMELINE_ITEM: &str = "partials/timeline_item.html";

/// What `timeline.html` is given, for each page of the timeline.
#[derive(Serialize)]
struct TimelineView {
    groups: Vec<Group>,
    /// Present when the timeline has more than one page.
    pager: Option<Pager>,
}

impl<'a> Renderer<'a> {
    /// Page `page` (0-based) of the timeline: the articles in date order, grouped by year.
    pub(in crate::render) fn timeline(
        &self,
        page: usize,
        root: &str,
    ) -> Result<tera::Context, Error> {
        let linked = self.linked;
        let chronology = &linked.chronology;
        let positions = list_page_range(linked, chronology.len(), page);
        // Render the page's entries on every core: the timeline is the longest list of the site.
        let entries: Vec<String> = chronology[positions.clone()]
            .par_iter()
            .map(|&i| self.partial(TIMELINE_ITEM, self.shared.summary(i), root))
            .collect::<Result<_, _>>()?;
        let strings = &*self.shared.strings;
        let groups = group_runs_by(
            positions.clone(),
            |position| year_of(linked, chronology[position]),
            |position| year_label(linked, strings, chronology[position]),
        )
        .into_iter()
        .map(|g| {
            let mut list_html = String::new();
            for &position in &g.articles {
                list_html.push_str(&entries[position - positions.start]);
                list_html.push('\n');
            }
            Group {
                count: g.articles.len(),
                list_html,
                label: g.label,
                id: g.id,
            }
        })
        .collect();
        let pager = self.pager(Page::Timeline, page, root, chronology, |slice| {
            year_span(linked, strings, slice)
        });
        to_context(&TimelineView { groups, pager })
    }
}

/// The years `articles` (in list order) span: `2017`, or `2017–2019` from the earlier year.
pub(super) fn year_span(
    linked: &LinkedBook,
    strings: &i18n::Strings,
    articles: &[ArticleId],
) -> String {
    let (Some(&first), Some(&last)) = (articles.first(), articles.last()) else {
        return String::new();
    };
    let (first, last) = (
        year_label(linked, strings, first).0,
        year_label(linked, strings, last).0,
    );
    if first == last {
        return first;
    }
    let (low, high) = if first <= last || first == strings.get("undated") {
        (first, last)
    } else {
        (last, first)
    };
    format!("{low}–{high}")
}
