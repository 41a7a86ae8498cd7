//! Long lists (the timeline, a term's or a year's articles) cut into pages, and the links
//! between them.

use serde::Serialize;

use crate::link::{ArticleId, LinkedBook};
use crate::render::{Page, Renderer};

/// Links between the pages of a long list; see `templates/partials/pager.html`.
#[derive(Serialize)]
pub(super) struct Pager {
    number: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
    pages: Vec<PagerLink>,
}

#[derive(Serialize)]
struct PagerLink {
    number: usize,
    path: String,
    /// What the page covers: `2017`, `2017–2018`, `March–May`.
    label: String,
}

impl<'a> Renderer<'a> {
    /// Links between the pages of the list of `articles` whose first page is `first`, for page
    /// `page` (0-based) at depth `root`: `None` when the list fits on one page. `label` names
    /// what a page's articles cover (their years).
    pub(super) fn pager(
        &self,
        first: Page,
        page: usize,
        root: &str,
        articles: &[ArticleId],
        label: impl Fn(&[ArticleId]) -> String,
    ) -> Option<Pager> {
        let linked = self.linked;
        let total = list_page_count(linked, articles.len());
        if total <= 1 {
            return None;
        }
        let path = |p: usize| format!("{root}{}", list_page(first, p).folder(linked));
        Some(Pager {
            number: page + 1,
            total,
            previous: page.checked_sub(1).map(path),
            next: (page + 1 < total).then(|| path(page + 1)),
            pages: (0..total)
                .map(|p| PagerLink {
                    number: p + 1,
                    path: path(p),
                    label: label(&articles[list_page_range(linked, articles.len(), p)]),
                })
                .collect(),
        })
    }
}

/// The most articles a list page shows (at least one).
pub(super) fn list_page_limit(linked: &LinkedBook) -> usize {
    linked.book.config.list_page_limit.max(1)
}

/// The positions page `page` (0-based) of a list of `len` articles shows.
pub(super) fn list_page_range(
    linked: &LinkedBook,
    len: usize,
    page: usize,
) -> std::ops::Range<usize> {
    let limit = list_page_limit(linked);
    let start = (page * limit).min(len);
    start..(start + limit).min(len)
}

/// Page `p` (0-based) of the list whose first page is `first` (the timeline or a term).
fn list_page(first: Page, p: usize) -> Page {
    match (first, p) {
        (_, 0) => first,
        (Page::Timeline, p) => Page::TimelinePage(p),
        (Page::Term(taxonomy, index), p) => Page::TermPage(taxonomy, index, p),
        _ => first,
    }
}

/// How many pages a list of `len` articles takes: one, or more past `list_page_limit`.
pub fn list_page_count(linked: &LinkedBook, len: usize) -> usize {
    len.div_ceil(list_page_limit(linked)).max(1)
}
