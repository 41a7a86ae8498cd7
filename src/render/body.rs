//! An article body rendered once for every output that shows it. The article's page and the
//! printed book show the same HTML (the book rebases its links), and the search index reads the
//! same words: one parse of the linked Markdown makes both, kept until the last of the three
//! has taken it. A byte budget bounds what is kept; a book whose bodies would not all fit keeps
//! none, and each consumer renders only the part it needs, as before.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::annotate;
use super::markdown::Markdown;
use crate::link::{ArticleId, LinkedBook};

/// How many outputs take each article's body in a full build: its page, the printed book and
/// the search index.
const CONSUMERS: u8 = 3;

/// At most this many bytes of rendered bodies are kept waiting for their other consumers.
const BUDGET_BYTES: usize = 128 << 20;

/// A rendered body (its HTML and its text) weighs about this many tenths of its Markdown: 2.2
/// times in the benchmark's books; a little more, so a book is kept only when it surely fits.
const RENDERED_TENTHS_PER_SOURCE_BYTE: usize = 25;
/// What one parse of an article body gives every output that shows it.
#[derive(Debug, PartialEq, Eq)]
pub struct RenderedBody {
    /// The body with the editor's layer, as the article's page shows it; empty when only the
    /// text was asked for.
    pub html: String,
    /// The body's words without markup, paragraphs on their own lines (see
    /// [`super::search::plain_text`]); empty when only the HTML was asked for.
    pub text: String,
}

/// Which parts of a body a consumer needs; a body kept for others is made whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The HTML (the article's page, the printed book).
    Html,
    /// The text (the search index).
    Text,
    /// Both, to be kept for the other consumers.
    Both,
}

impl RenderedBody {
    /// Renders article `index`'s linked body with the editor's layer, from one parse: the
    /// `part` asked for.
    pub fn of(
        linked: &LinkedBook,
        markdown: &Markdown,
        strings: &super::i18n::Strings,
        index: ArticleId,
        part: Part,
    ) -> RenderedBody {
        let source = linked.body_markdown(index);
        let events = crate::dialect::merged_events(&source);
        let html = if part == Part::Text {
            String::new()
        } else {
            let article = linked.article(index);
            let links = linked.links_of(index);
            let notes_html: Vec<String> = links
                .annotation_notes
                .iter()
                .map(|n| markdown.to_html(n))
                .collect();
            let layer = annotate::Layer {
                annotations: &article.front.annotations,
                notes_html: &notes_html,
                passages: &links.passages,
                strings,
            };
            annotate::render_events(markdown, &events, &layer, source.len())
        };
        let text = if part == Part::Html {
            String::new()
        } else {
            super::search::events_text(&events, source.len())
        };
        RenderedBody { html, text }
    }

    fn size(&self) -> usize {
        self.html.capacity() + self.text.capacity()
    }
}

/// One article's place in the cache.
#[derive(Default)]
struct Slot {
    /// The body, kept for the consumers still to come.
    body: Option<Arc<RenderedBody>>,
    /// How many consumers have had it.
    served: u8,
}

/// The rendered bodies of one build, each kept from its first consumer to its last.
pub struct BodyCache {
    slots: Vec<Mutex<Slot>>,
    /// Bytes of kept bodies.
    kept: AtomicUsize,
    budget: usize,
}

impl BodyCache {
    /// A cache for a book of `articles` articles whose bodies hold `body_bytes` of Markdown.
    /// Bodies are kept only when all of them fit the budget: the printed book renders every
    /// body before most pages do, so in a bigger book the bodies it kept would wait for pages
    /// far behind and fill the budget for little gain (at 100,000 articles the build took as
    /// long, and 120 MB more memory). Such a book renders each consumer's part on its own.
    pub fn new(articles: usize, body_bytes: usize) -> BodyCache {
        let fits = body_bytes.saturating_mul(RENDERED_TENTHS_PER_SOURCE_BYTE) / 10 <= BUDGET_BYTES;
        Self::with_budget(articles, if fits { BUDGET_BYTES } else { 0 })
    }

    fn with_budget(articles: usize, budget: usize) -> BodyCache {
        BodyCache {
            slots: (0..articles).map(|_| Mutex::new(Slot::default())).collect(),
            kept: AtomicUsize::new(0),
            budget,
        }
    }

    /// Article `index`'s body with at least `part`, made by `make` (asked for the part to make)
    /// for its first consumer and kept whole for the others while the budget allows; the last
    /// consumer's call frees it. A consumer that finds nothing kept makes only its own part.
    pub fn take(
        &self,
        index: usize,
        part: Part,
        make: impl FnOnce(Part) -> RenderedBody,
    ) -> Arc<RenderedBody> {
        let Some(slot) = self.slots.get(index) else {
            return Arc::new(make(part));
        };
        // A poisoned slot (a panic while rendering) has nothing kept that can be trusted.
        let mut slot = slot.lock().unwrap_or_else(|poisoned| {
            let mut slot = poisoned.into_inner();
            slot.body = None;
            slot
        });
        slot.served = slot.served.saturating_add(1);
        let last = slot.served >= CONSUMERS;
        if let Some(body) = &slot.body {
            let body = body.clone();
            if last {
                slot.body = None;
                self.kept.fetch_sub(body.size(), Ordering::Relaxed);
            }
            return body;
        }
        if last || self.kept.load(Ordering::Relaxed) >= self.budget {
            // Nothing kept for the others: only this consumer's part.
            return Arc::new(make(part));
        }
        let body = Arc::new(make(Part::Both));
        self.kept.fetch_add(body.size(), Ordering::Relaxed);
        slot.body = Some(body.clone());
        body
    }

    /// Bytes of bodies kept now.
    #[cfg(test)]
    fn kept_bytes(&self) -> usize {
        self.kept.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// A body as `make` would render `part` of it, with the words `words`.
    fn body(words: &str, part: Part) -> RenderedBody {
        RenderedBody {
            html: if part == Part::Text {
                String::new()
            } else {
                format!("<p>{words}</p>\n")
            },
            text: if part == Part::Html {
                String::new()
            } else {
                format!("{words}\n")
            },
        }
    }

    #[test]
    fn a_body_is_made_once_for_its_three_consumers_then_freed() {
        let cache = BodyCache::new(2, 100);
        let made = RefCell::new(Vec::new());
        let make = |part| {
            made.borrow_mut().push(part);
            body("Talks resumed.", part)
        };
        let page = cache.take(0, Part::Html, make);
        assert!(cache.kept_bytes() > 0);
        let book = cache.take(0, Part::Html, make);
        let search = cache.take(0, Part::Text, make);
        assert_eq!(*made.borrow(), [Part::Both], "one rendering, made whole");
        assert!(Arc::ptr_eq(&page, &book) && Arc::ptr_eq(&book, &search));
        assert_eq!(search.text, "Talks resumed.\n");
        assert_eq!(cache.kept_bytes(), 0, "the last consumer frees it");
        // A fourth asker (a page rendered again) gets its part, made anew and not kept.
        assert_eq!(cache.take(0, Part::Html, make).html, page.html);
        assert_eq!(*made.borrow(), [Part::Both, Part::Html]);
        assert_eq!(cache.kept_bytes(), 0);
    }

    #[test]
    fn past_the_budget_each_consumer_makes_only_its_part() {
        let cache = BodyCache::with_budget(2, 1);
        let made = RefCell::new(Vec::new());
        let make = |part| {
            made.borrow_mut().push(part);
            body("a", part)
        };
        cache.take(0, Part::Html, make);
        assert_eq!(
            *made.borrow(),
            [Part::Both],
            "kept: the budget was not yet spent"
        );
        assert_eq!(cache.take(1, Part::Text, make).text, "a\n");
        assert_eq!(cache.take(1, Part::Html, make).html, "<p>a</p>\n");
        assert_eq!(*made.borrow(), [Part::Both, Part::Text, Part::Html]);
        cache.take(0, Part::Html, make);
        cache.take(0, Part::Text, make);
        assert_eq!(made.borrow().len(), 3, "the kept body served its consumers");
        assert_eq!(cache.kept_bytes(), 0);
    }

    #[test]
    fn a_book_too_big_for_the_budget_keeps_nothing() {
        let cache = BodyCache::new(2, BUDGET_BYTES);
        let made = RefCell::new(Vec::new());
        let make = |part| {
            made.borrow_mut().push(part);
            body("a", part)
        };
        cache.take(0, Part::Html, make);
        cache.take(0, Part::Text, make);
        assert_eq!(*made.borrow(), [Part::Html, Part::Text]);
        assert_eq!(cache.kept_bytes(), 0);
    }
}
