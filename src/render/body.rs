//! An article body rendered once for every output that shows it. The article's page and the
//! printed book show the same HTML (the book rebases its links), and the search index reads the
//! same words: one parse of the linked Markdown makes both, and each part is kept until its
//! last consumer has had it (the text goes to the index, the only one that reads it, without a
//! copy). A byte budget bounds what is kept; a book whose bodies would not all fit keeps none,
//! and each consumer renders only the part it needs, as before.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::annotate;
use super::markdown::Markdown;
use crate::link::bodies::ParsedBody;
use crate::link::{ArticleId, LinkedBook};

/// How many outputs take each article's HTML in a full build: its page and the printed book.
const HTML_CONSUMERS: u8 = 2;

/// How many take its text: the search index.
const TEXT_CONSUMERS: u8 = 1;

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
        let article_source = &linked.article(index).body;
        let linked_text;
        // A one-off build's links are edits over the source: spliced into its parse where they
        // parse alike (see `link::splice`), else applied and the linked text parsed.
        let spliced = match &linked.links_of(index).body {
            crate::link::LinkedBody::Edits(edits) => {
                crate::link::splice::spliced_events(article_source, edits).map(|events| {
                    // The linked text's length, which sizes the outputs.
                    let added: usize = edits.iter().map(|e| e.text.len()).sum();
                    (events, article_source.len() + added)
                })
            }
            crate::link::LinkedBody::Text(_) => None,
        };
        let (events, source_len) = match spliced {
            Some(spliced) => spliced,
            None => {
                linked_text = linked.body_markdown(index);
                (
                    crate::dialect::merged_events(&linked_text),
                    linked_text.len(),
                )
            }
        };
        let links = linked.links_of(index);
        let parsed = ParsedBody {
            article: index,
            events: &events,
            linked_len: source_len,
            annotations: &linked.article(index).front.annotations,
            annotation_notes: &links.annotation_notes,
            passages: &links.passages,
        };
        Self::from_parse(markdown, strings, &parsed, part)
    }

    /// The `part` asked for of a body already parsed (by the link stage, or by [`Self::of`]),
    /// with the editor's layer.
    pub fn from_parse(
        markdown: &Markdown,
        strings: &super::i18n::Strings,
        parsed: &ParsedBody<'_>,
        part: Part,
    ) -> RenderedBody {
        let html = if part == Part::Text {
            String::new()
        } else {
            let notes_html: Vec<String> = parsed
                .annotation_notes
                .iter()
                .map(|n| markdown.to_html(n))
                .collect();
            let layer = annotate::Layer {
                annotations: parsed.annotations,
                notes_html: &notes_html,
                passages: parsed.passages,
                strings,
            };
            annotate::render_events(markdown, parsed.events, &layer, parsed.linked_len)
        };
        let text = if part == Part::Html {
            String::new()
        } else {
            super::search::events_text(parsed.events, parsed.linked_len)
        };
        RenderedBody { html, text }
    }
}

/// The bodies of a one-off build, rendered from the link stage's own parse of each body as link
/// scans it (see [`crate::link::bodies::BodySink`]) and kept for the page, the printed book and
/// the search index: each body is parsed once in all. The renderer takes them over with the
/// Markdown renderer that made them ([`super::Renderer::with_early_bodies`]).
pub struct EarlyBodies {
    pub(super) markdown: Markdown,
    strings: super::i18n::Strings,
    pub(crate) cache: BodyCache,
}

impl EarlyBodies {
    /// Bodies for `book`, when all of them fit the budget of kept bodies; `None` when they do
    /// not: then nothing is rendered early, and each consumer renders its part as it needs it.
    pub fn for_book(book: &crate::model::Book) -> Option<EarlyBodies> {
        let body_bytes = book.articles.iter().map(|a| a.body.len()).sum();
        let cache = BodyCache::new(book.articles.len(), body_bytes);
        (cache.budget > 0).then(|| EarlyBodies {
            markdown: Markdown::new(book.config.allow_unsafe_html),
            strings: super::i18n::Strings::for_config(&book.config),
            cache,
        })
    }

    /// Renders the body link parsed, whole, and keeps it for its consumers while the budget
    /// allows.
    pub fn render(&self, parsed: ParsedBody<'_>) {
        if !self.cache.has_room() {
            return;
        }
        let body = RenderedBody::from_parse(&self.markdown, &self.strings, &parsed, Part::Both);
        self.cache.keep_rendered(parsed.article.index(), body);
    }
}

/// One article's place in the cache: each part kept until its last consumer has had it.
#[derive(Default)]
struct Slot {
    html: Option<Arc<String>>,
    text: Option<String>,
    html_served: u8,
    text_served: u8,
}

impl Slot {
    /// How many consumers of the HTML and of the text are still to come.
    fn left(&self) -> (u8, u8) {
        (
            HTML_CONSUMERS.saturating_sub(self.html_served),
            TEXT_CONSUMERS.saturating_sub(self.text_served),
        )
    }
}

/// The rendered bodies of one build, each part kept from its first consumer to its last.
pub struct BodyCache {
    slots: Vec<Mutex<Slot>>,
    /// Bytes of kept parts.
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

    /// Article `index`'s HTML (for its page or the book). `make` renders the part it is asked
    /// for: both when a part is to be kept for the consumers still to come, while the budget
    /// allows; the last consumer of a part frees it.
    pub fn html(&self, index: usize, make: impl FnOnce(Part) -> RenderedBody) -> Arc<String> {
        let Some(mut slot) = self.lock(index) else {
            return Arc::new(make(Part::Html).html);
        };
        slot.html_served = slot.html_served.saturating_add(1);
        let (html_left, text_left) = slot.left();
        if let Some(html) = slot.html.clone() {
            if html_left == 0 {
                slot.html = None;
                self.kept.fetch_sub(html.capacity(), Ordering::Relaxed);
            }
            return html;
        }
        if (html_left > 0 || text_left > 0) && self.has_room() {
            let body = make(Part::Both);
            let html = Arc::new(body.html);
            self.keep(
                &mut slot,
                (html_left > 0).then(|| html.clone()),
                (text_left > 0).then_some(body.text),
            );
            return html;
        }
        Arc::new(make(Part::Html).html)
    }

    /// Article `index`'s text (for the search index), as [`BodyCache::html`] gives the HTML.
    pub fn text(&self, index: usize, make: impl FnOnce(Part) -> RenderedBody) -> String {
        let Some(mut slot) = self.lock(index) else {
            return make(Part::Text).text;
        };
        slot.text_served = slot.text_served.saturating_add(1);
        let (html_left, text_left) = slot.left();
        if let Some(text) = slot.text.take() {
            if text_left > 0 {
                // Another consumer of the text is still to come: it gets its own copy.
                slot.text = Some(text.clone());
            } else {
                self.kept.fetch_sub(text.capacity(), Ordering::Relaxed);
            }
            return text;
        }
        if html_left > 0 && self.has_room() {
            let body = make(Part::Both);
            self.keep(
                &mut slot,
                Some(Arc::new(body.html)),
                (text_left > 0).then(|| body.text.clone()),
            );
            return body.text;
        }
        make(Part::Text).text
    }

    /// The slot of article `index`; a poisoned one (a panic while rendering) keeps nothing that
    /// could be trusted.
    fn lock(&self, index: usize) -> Option<std::sync::MutexGuard<'_, Slot>> {
        let slot = self.slots.get(index)?;
        Some(slot.lock().unwrap_or_else(|poisoned| {
            let mut slot = poisoned.into_inner();
            if let Some(html) = slot.html.take() {
                self.kept.fetch_sub(html.capacity(), Ordering::Relaxed);
            }
            if let Some(text) = slot.text.take() {
                self.kept.fetch_sub(text.capacity(), Ordering::Relaxed);
            }
            slot
        }))
    }

    /// Keeps `body`, rendered before any consumer asked, for all of its consumers.
    fn keep_rendered(&self, index: usize, body: RenderedBody) {
        if let Some(mut slot) = self.lock(index) {
            if slot.html.is_none() && slot.text.is_none() {
                self.keep(&mut slot, Some(Arc::new(body.html)), Some(body.text));
            }
        }
    }

    fn has_room(&self) -> bool {
        self.kept.load(Ordering::Relaxed) < self.budget
    }

    fn keep(&self, slot: &mut Slot, html: Option<Arc<String>>, text: Option<String>) {
        let size =
            html.as_ref().map_or(0, |h| h.capacity()) + text.as_ref().map_or(0, String::capacity);
        self.kept.fetch_add(size, Ordering::Relaxed);
        slot.html = html;
        slot.text = text;
    }

    /// How many articles have a part kept now.
    #[cfg(test)]
    pub(crate) fn kept_articles(&self) -> usize {
        self.slots
            .iter()
            .filter(|slot| {
                let slot = slot.lock().unwrap();
                slot.html.is_some() || slot.text.is_some()
            })
            .count()
    }

    /// Bytes of parts kept now.
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
        let page = cache.html(0, make);
        assert!(cache.kept_bytes() > 0);
        let search = cache.text(0, make);
        let book = cache.html(0, make);
        assert_eq!(*made.borrow(), [Part::Both], "one rendering, made whole");
        assert!(Arc::ptr_eq(&page, &book));
        assert_eq!(
            (page.as_str(), search.as_str()),
            ("<p>Talks resumed.</p>\n", "Talks resumed.\n")
        );
        assert_eq!(cache.kept_bytes(), 0, "the last consumer frees it");
        // A fourth asker (a page rendered again) gets its part, made anew and not kept.
        assert_eq!(*cache.html(0, make), *page);
        assert_eq!(*made.borrow(), [Part::Both, Part::Html]);
        assert_eq!(cache.kept_bytes(), 0);
    }

    #[test]
    fn the_text_is_freed_once_the_index_has_it_and_the_html_after_the_second_page() {
        let cache = BodyCache::new(1, 100);
        let made = RefCell::new(Vec::new());
        let make = |part| {
            made.borrow_mut().push(part);
            body("Words.", part)
        };
        assert_eq!(cache.text(0, make), "Words.\n");
        let html_only = cache.kept_bytes();
        assert!(
            html_only >= "<p>Words.</p>\n".len(),
            "the HTML waits for its pages"
        );
        cache.html(0, make);
        assert_eq!(cache.kept_bytes(), html_only);
        cache.html(0, make);
        assert_eq!(cache.kept_bytes(), 0);
        assert_eq!(*made.borrow(), [Part::Both]);
    }

    #[test]
    fn past_the_budget_each_consumer_makes_only_its_part() {
        let cache = BodyCache::with_budget(2, 1);
        let made = RefCell::new(Vec::new());
        let make = |part| {
            made.borrow_mut().push(part);
            body("a", part)
        };
        cache.html(0, make);
        assert_eq!(
            *made.borrow(),
            [Part::Both],
            "kept: the budget was not yet spent"
        );
        assert_eq!(cache.text(1, make), "a\n");
        assert_eq!(*cache.html(1, make), "<p>a</p>\n");
        assert_eq!(*made.borrow(), [Part::Both, Part::Text, Part::Html]);
        cache.html(0, make);
        cache.text(0, make);
        assert_eq!(made.borrow().len(), 3, "the kept body served its consumers");
        assert_eq!(cache.kept_bytes(), 0);
    }

    #[test]
    fn a_body_rendered_early_serves_its_three_consumers_without_rendering_again() {
        let cache = BodyCache::new(2, 100);
        cache.keep_rendered(1, body("Early words.", Part::Both));
        assert!(cache.kept_bytes() > 0);
        let never = |_: Part| -> RenderedBody { panic!("rendered again") };
        let book = cache.html(1, never);
        assert_eq!(cache.text(1, never), "Early words.\n");
        assert_eq!(*cache.html(1, never), *book);
        assert_eq!(*book, "<p>Early words.</p>\n");
        assert_eq!(cache.kept_bytes(), 0, "the last consumer frees it");
        // A body kept already is not replaced by a second early rendering.
        cache.keep_rendered(0, body("First.", Part::Both));
        cache.keep_rendered(0, body("Second.", Part::Both));
        assert_eq!(cache.text(0, never), "First.\n");
    }

    #[test]
    fn a_book_too_big_for_the_budget_keeps_nothing() {
        let cache = BodyCache::new(2, BUDGET_BYTES);
        let made = RefCell::new(Vec::new());
        let make = |part| {
            made.borrow_mut().push(part);
            body("a", part)
        };
        cache.html(0, make);
        cache.text(0, make);
        assert_eq!(*made.borrow(), [Part::Html, Part::Text]);
        assert_eq!(cache.kept_bytes(), 0);
    }
}
