//! An article body rendered once for every output that shows it. The article's page and the
//! printed book show the same HTML (the book rebases its links), and the search index reads the
//! same words: one parse of the linked Markdown makes both, kept until the last of the three
//! has taken it. A byte budget bounds what is kept at once, so a big book whose consumers run
//! far apart (the book's volumes render first) renders a body again rather than hold them all.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::annotate;
use super::markdown::Markdown;
use crate::link::LinkedBook;

/// How many outputs take each article's body in a full build: its page, the printed book and
/// the search index.
const CONSUMERS: u8 = 3;

/// At most this many bytes of rendered bodies are kept waiting for their other consumers: about
/// 9,000 articles of a typical book, which covers a 10k book's whole build at a tenth of the
/// peak memory of a 100k one.
const BUDGET_BYTES: usize = 96 << 20;

/// What one parse of an article body gives every output that shows it.
#[derive(Debug, PartialEq, Eq)]
pub struct RenderedBody {
    /// The body with the editor's layer, as the article's page shows it.
    pub html: String,
    /// The body's words without markup, paragraphs on their own lines (see
    /// [`super::search::plain_text`]).
    pub text: String,
}

impl RenderedBody {
    /// Renders article `index`'s linked body with the editor's layer, from one parse.
    pub fn of(
        linked: &LinkedBook,
        markdown: &Markdown,
        strings: &super::i18n::Strings,
        index: usize,
    ) -> RenderedBody {
        let article = &linked.book.articles[index];
        let links = &linked.links[index];
        let notes_html: Vec<String> = links
            .annotation_notes
            .iter()
            .map(|n| markdown.to_html(n))
            .collect();
        let source = linked.body_markdown(index);
        let events = crate::dialect::merged_events(&source);
        let layer = annotate::Layer {
            annotations: &article.front.annotations,
            notes_html: &notes_html,
            passages: &links.passages,
            strings,
        };
        RenderedBody {
            html: annotate::render_events(markdown, &events, &layer, source.len()),
            text: super::search::events_text(&events, source.len()),
        }
    }

    fn size(&self) -> usize {
        self.html.capacity() + self.text.capacity()
    }
}

/// One article's place in the cache.
#[derive(Default)]
enum Slot {
    /// Not rendered yet.
    #[default]
    Unmade,
    /// Rendered, and `left` more consumers will ask for it.
    Kept { body: Arc<RenderedBody>, left: u8 },
    /// Every consumer had it, or the budget could not keep it: rendered again if asked.
    Gone,
}

/// The rendered bodies of one build, each kept from its first consumer to its last.
pub struct BodyCache {
    slots: Vec<Mutex<Slot>>,
    /// Bytes of kept bodies.
    kept: AtomicUsize,
    budget: usize,
}

impl BodyCache {
    /// A cache for a book of `articles` articles.
    pub fn new(articles: usize) -> BodyCache {
        Self::with_budget(articles, BUDGET_BYTES)
    }

    fn with_budget(articles: usize, budget: usize) -> BodyCache {
        BodyCache {
            slots: (0..articles).map(|_| Mutex::new(Slot::Unmade)).collect(),
            kept: AtomicUsize::new(0),
            budget,
        }
    }

    /// Article `index`'s body, made by `make` for its first consumer and kept for the others
    /// while the budget allows; the last consumer's call frees it.
    pub fn take(&self, index: usize, make: impl FnOnce() -> RenderedBody) -> Arc<RenderedBody> {
        // A poisoned slot (a panic while rendering) is rendered again, never trusted.
        let Some(slot) = self.slots.get(index) else {
            return Arc::new(make());
        };
        let mut slot = slot.lock().unwrap_or_else(|poisoned| {
            let mut slot = poisoned.into_inner();
            *slot = Slot::Gone;
            slot
        });
        match std::mem::take(&mut *slot) {
            Slot::Kept { body, left } => {
                if left > 1 {
                    *slot = Slot::Kept {
                        body: body.clone(),
                        left: left - 1,
                    };
                } else {
                    self.kept.fetch_sub(body.size(), Ordering::Relaxed);
                    *slot = Slot::Gone;
                }
                body
            }
            Slot::Gone => {
                *slot = Slot::Gone;
                Arc::new(make())
            }
            Slot::Unmade => {
                let body = Arc::new(make());
                let size = body.size();
                let fits = self.kept.fetch_add(size, Ordering::Relaxed) + size <= self.budget;
                if fits {
                    *slot = Slot::Kept {
                        body: body.clone(),
                        left: CONSUMERS - 1,
                    };
                } else {
                    self.kept.fetch_sub(size, Ordering::Relaxed);
                    *slot = Slot::Gone;
                }
                body
            }
        }
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
    use std::cell::Cell;

    fn body(words: &str) -> RenderedBody {
        RenderedBody {
            html: format!("<p>{words}</p>\n"),
            text: format!("{words}\n"),
        }
    }

    #[test]
    fn a_body_is_made_once_for_its_three_consumers_then_freed() {
        let cache = BodyCache::new(2);
        let made = Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            body("Talks resumed.")
        };
        let first = cache.take(0, make);
        assert!(cache.kept_bytes() > 0);
        let second = cache.take(0, make);
        let third = cache.take(0, make);
        assert_eq!(made.get(), 1);
        assert!(Arc::ptr_eq(&first, &second) && Arc::ptr_eq(&second, &third));
        assert_eq!(cache.kept_bytes(), 0, "the last consumer frees it");
        // A fourth asker (a page rendered again) gets the same body, made anew.
        assert_eq!(*cache.take(0, make), *first);
        assert_eq!(made.get(), 2);
    }

    #[test]
    fn past_the_budget_a_body_is_not_kept_but_still_right() {
        let cache = BodyCache::with_budget(3, body("a").size() + 1);
        let made = Cell::new(0);
        let make = |words: &'static str| {
            let made = &made;
            move || {
                made.set(made.get() + 1);
                body(words)
            }
        };
        cache.take(0, make("a"));
        assert_eq!(*cache.take(1, make("b")), body("b"));
        assert_eq!(*cache.take(1, make("b")), body("b"));
        assert_eq!(
            made.get(),
            3,
            "b was over the budget, so made for each consumer"
        );
        cache.take(0, make("a"));
        cache.take(0, make("a"));
        assert_eq!(made.get(), 3, "a was kept");
        assert_eq!(cache.kept_bytes(), 0);
    }
}
