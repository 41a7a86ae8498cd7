//! Lists of articles, as the page kinds show them: each article's entry is rendered once with
//! its partial and reused by every list and page depth, so a big term page costs a string copy
//! per entry, not a template run.

use std::sync::OnceLock;

use serde::Serialize;

use crate::error::Error;
use crate::link::ArticleId;
use crate::render::context::{Group, Grouped};
use crate::render::templates::{self, ARTICLE_ITEM};
use crate::render::{partial_context, Renderer};

/// The root prefixes of the pages that list articles: the home page, first-level pages
/// (`years/`) and second-level pages (articles, terms, years).
const ENTRY_ROOTS: [&str; 3] = ["./", "../", "../../"];

/// What list entries are rendered with for their root, to be replaced by each page's: a private
/// use character, which no escaping changes.
const ROOT_STAND_IN: char = '\u{E000}';

/// The cache of list entries, by the way the entry partial uses `root`.
pub(in crate::render) enum Entries {
    /// It only prints it (see [`templates::prints_root_only`]): one rendering with
    /// [`ROOT_STAND_IN`] serves every depth, each page putting in its own root. `None` inside:
    /// the article's own text holds the stand-in, so its entry is rendered for each page.
    StandIn(Vec<OnceLock<Option<StandInEntry>>>),
    /// It does more with it: one rendering per depth of [`ENTRY_ROOTS`].
    PerDepth([Vec<OnceLock<String>>; ENTRY_ROOTS.len()]),
}

impl Entries {
    pub(in crate::render) fn new(templates: &templates::Templates, articles: usize) -> Entries {
        fn slots<T>(articles: usize) -> Vec<OnceLock<T>> {
            (0..articles).map(|_| OnceLock::new()).collect()
        }
        if templates.entry_prints_root_only {
            Entries::StandIn(slots(articles))
        } else {
            Entries::PerDepth(std::array::from_fn(|_| slots(articles)))
        }
    }
}

/// Whether any string in `value` (keys included) contains `c`: JSON writes every character
/// but quotes, backslashes and control characters as it is.
fn holds_char(value: &impl Serialize, c: char) -> bool {
    serde_json::to_string(value).is_ok_and(|json| json.contains(c))
}

/// An entry rendered with [`ROOT_STAND_IN`] for its root, with where each stand-in is: found
/// once, not again for each of the dozen pages that list the article (searching for the
/// character, whose last byte is common in curly quotes and dashes, was 1% of a build).
pub(in crate::render) struct StandInEntry {
    html: String,
    /// Byte offsets of the stand-ins in `html`, ascending.
    stand_ins: Vec<usize>,
}

impl StandInEntry {
    fn new(html: String) -> StandInEntry {
        let mut buffer = [0; 4];
        let stand_in: &str = ROOT_STAND_IN.encode_utf8(&mut buffer);
        let stand_ins = html.match_indices(stand_in).map(|(at, _)| at).collect();
        StandInEntry { html, stand_ins }
    }

    /// Appends the entry with `root` in place of each stand-in, as `{{ root }}` prints it.
    fn push_with_root(&self, html: &mut String, root: &str) {
        // `../` prefixes need no escaping.
        let printed_root = if root.bytes().all(|b| b == b'.' || b == b'/') {
            std::borrow::Cow::Borrowed(root)
        } else {
            std::borrow::Cow::Owned(templates::escape_html(root))
        };
        let mut from = 0;
        for &at in &self.stand_ins {
            html.push_str(&self.html[from..at]);
            html.push_str(&printed_root);
            from = at + ROOT_STAND_IN.len_utf8();
        }
        html.push_str(&self.html[from..]);
    }
}

impl<'a> Renderer<'a> {
    /// Appends article `id`'s list entry for a page whose root prefix is `root`.
    fn push_entry(&self, html: &mut String, id: ArticleId, root: &str) -> Result<(), Error> {
        let render = || self.partial(ARTICLE_ITEM, &self.shared.item(id), root);
        // Two threads may render the same entry at once; both get the same text.
        match &self.entries {
            Entries::StandIn(slots) => {
                let slot = &slots[id.index()];
                if slot.get().is_none() {
                    let _ = slot.set(self.stand_in_entry(id)?);
                }
                match slot.get().and_then(Option::as_ref) {
                    Some(entry) => entry.push_with_root(html, root),
                    None => html.push_str(&render()?),
                }
            }
            Entries::PerDepth(slots) => match ENTRY_ROOTS.iter().position(|r| *r == root) {
                Some(depth) => {
                    let slot = &slots[depth][id.index()];
                    if slot.get().is_none() {
                        let _ = slot.set(render()?);
                    }
                    html.push_str(slot.get().expect("set just above"));
                }
                None => html.push_str(&render()?),
            },
        }
        Ok(())
    }

    /// Article `id`'s list entry rendered with [`ROOT_STAND_IN`] for its root, or `None` when
    /// its own text holds the stand-in.
    fn stand_in_entry(&self, id: ArticleId) -> Result<Option<StandInEntry>, Error> {
        let item = self.shared.item(id);
        if holds_char(&item, ROOT_STAND_IN) {
            return Ok(None);
        }
        let context = partial_context(&item, &ROOT_STAND_IN.to_string());
        self.render_partial(ARTICLE_ITEM, &context)
            .map(|html| Some(StandInEntry::new(html)))
    }

    /// The list of `articles` (`<ul class="article-list">`) for a page whose root prefix is
    /// `root`, or an empty string when there are none, so templates can test it.
    pub(super) fn list_html(
        &self,
        articles: impl IntoIterator<Item = ArticleId>,
        root: &str,
    ) -> Result<String, Error> {
        let mut html = String::new();
        let mut articles = articles.into_iter();
        if let Some(first) = articles.next() {
            html.push_str("\n<ul class=\"article-list\">\n\n");
            self.push_entry(&mut html, first, root)?;
            html.push('\n');
            // Entries are much alike: sized once from the first, the list is not grown (and
            // copied) again and again on a term page that lists hundreds.
            html.reserve(html.len() * articles.size_hint().0 + 8);
        }
        for id in articles {
            html.push('\n');
            self.push_entry(&mut html, id, root)?;
            html.push('\n');
        }
        if !html.is_empty() {
            html.push_str("\n</ul>\n");
        }
        Ok(html)
    }

    /// Article groups with their lists rendered.
    pub(super) fn groups_html(
        &self,
        groups: Vec<Grouped>,
        root: &str,
    ) -> Result<Vec<Group>, Error> {
        groups
            .into_iter()
            .map(|g| {
                Ok(Group {
                    count: g.articles.len(),
                    list_html: self.list_html(g.articles, root)?,
                    label: g.label,
                    id: g.id,
                })
            })
            .collect()
    }
}
