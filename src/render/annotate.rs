//! The editor's layer in an article body, as a transform of pulldown-cmark's event stream:
//! annotation quotes wrapped in `<mark>` linked to their notes, footnotes as sidenotes, and
//! anchors on the paragraphs that hold attributed quotations.
//!
//! Markup (styled by the theme; `annotations.css` holds the layout):
//! - `<mark class="annotation" id="annotation-N"><a href="#note-N">…</a></mark>` around the quote
//!   (a quote crossing inline markup is several marks; only the first carries the id), then
//!   `<sup class="annotation-ref">N</sup>`, and `<aside class="annotation-note" id="note-N">`
//!   right after the paragraph holding its end (`theme/notes.js` lifts it beside its words on
//!   wide screens).
//! - `<sup class="sidenote-ref">` at a footnote reference and `<aside class="sidenote">` after
//!   its paragraph (for wide screens), plus the usual list at the end,
//!   `<section class="footnotes">` (for phones and print). CSS shows one or the other.
//! - `<p id="passage-K">` on the K-th paragraph when it holds a quotation shown elsewhere.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::markdown::{escape_attribute, escape_text, Markdown};
use crate::link::anchors::{locate, Located};
use crate::model::Annotation;
use crate::slug::slugify;

/// What the editor adds to one body.
pub struct Layer<'a> {
    pub annotations: &'a [Annotation],
    /// Rendered annotation notes, parallel to `annotations`.
    pub notes_html: &'a [String],
    /// Paragraph indices to anchor, ascending.
    pub passages: &'a [usize],
    /// The interface's words (the accessible names of numbers and links back).
    pub strings: &'a super::i18n::Strings,
}

/// The HTML id suffix of annotation `index`: its `id`, or its 1-based number.
pub fn annotation_id(annotation: &Annotation, index: usize) -> String {
    match annotation.id.as_deref().map(slugify) {
        Some(id) if !id.is_empty() => id,
        _ => (index + 1).to_string(),
    }
}

enum Boundary {
    Open(usize),
    Close(usize),
}

/// Renders `source` (an article body with links resolved) with the editor's layer.
pub fn render_body(markdown: &Markdown, source: &str, layer: &Layer<'_>) -> String {
    render_events(
        markdown,
        &crate::dialect::merged_events(source),
        layer,
        source.len(),
    )
}

/// Renders a body already parsed (see [`crate::dialect::merged_events`]) with the editor's
/// layer, so one parse serves the page, the printed book and the search index; `source_len`
/// sizes the output.
pub fn render_events(
    markdown: &Markdown,
    events: &[Event<'_>],
    layer: &Layer<'_>,
    source_len: usize,
) -> String {
    let boundaries = annotation_boundaries(events, layer.annotations);
    let ids: Vec<String> = layer
        .annotations
        .iter()
        .enumerate()
        .map(|(i, a)| annotation_id(a, i))
        .collect();

    let footnotes = Footnotes::collect(markdown, events);
    let mut writer = Writer {
        out: Vec::with_capacity(events.len() + 16),
        active: BTreeSet::new(),
        started: vec![false; layer.annotations.len()],
        link_depth: 0,
        pending: Vec::new(),
        ids: &ids,
        layer,
    };
    let mut paragraph = 0usize;
    let mut in_definition = 0usize;
    // Whether the content has raw HTML of its own, before our marks and notes are mixed in.
    let content_has_html = events
        .iter()
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    for (i, event) in events.iter().cloned().enumerate() {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_definition += 1,
            Event::End(TagEnd::FootnoteDefinition) => in_definition -= 1,
            _ if in_definition > 0 => {}
            Event::Text(text) => writer.text(text, boundaries.get(&i)),
            Event::Code(_) => writer.code(event, boundaries.get(&i)),
            Event::FootnoteReference(label) => writer.footnote_reference(&footnotes, &label),
            Event::Start(Tag::Paragraph) => {
                writer.paragraph_start(event, paragraph);
                paragraph += 1;
            }
            Event::Start(Tag::Link { .. }) => {
                writer.link_depth += 1;
                writer.out.push(event);
            }
            Event::End(TagEnd::Link) => {
                writer.link_depth = writer.link_depth.saturating_sub(1);
                writer.out.push(event);
            }
            Event::End(TagEnd::Item) => {
                writer.flush();
                writer.out.push(event);
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Table
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_),
            ) => {
                writer.out.push(event);
                writer.flush();
            }
            other => writer.out.push(other),
        }
    }
    writer.flush();
    let mut html = String::with_capacity(source_len * 3 / 2);
    markdown.push_mixed_events(&mut html, writer.out.into_iter(), content_has_html);
    footnotes.push_list(&mut html, layer.strings);
    html
}

/// Where each annotation that is found opens and closes: by event index, (offset in the
/// event's text, boundary).
fn annotation_boundaries(
    events: &[Event<'_>],
    annotations: &[Annotation],
) -> HashMap<usize, Vec<(usize, Boundary)>> {
    let wanted: Vec<(&str, Option<usize>)> = annotations
        .iter()
        .map(|a| (a.quote.as_str(), a.occurrence))
        .collect();
    let mut boundaries: HashMap<usize, Vec<(usize, Boundary)>> = HashMap::new();
    for (n, located) in locate(events, &wanted).into_iter().enumerate() {
        if let Located::Found(anchor) = located {
            boundaries
                .entry(anchor.start.event)
                .or_default()
                .push((anchor.start.offset, Boundary::Open(n)));
            boundaries
                .entry(anchor.end.event)
                .or_default()
                .push((anchor.end.offset, Boundary::Close(n)));
        }
    }
    boundaries
}

struct Writer<'a, 'e> {
    out: Vec<Event<'e>>,
    /// Annotations whose quote is open at this point of the text.
    active: BTreeSet<usize>,
    started: Vec<bool>,
    link_depth: usize,
    /// Notes waiting for the end of the paragraph.
    pending: Vec<String>,
    ids: &'a [String],
    layer: &'a Layer<'a>,
}

impl<'e> Writer<'_, 'e> {
    /// A footnote's number in the text, and its note kept for the end of the paragraph, where
    /// it is shown as a sidenote.
    fn footnote_reference(&mut self, footnotes: &Footnotes, label: &str) {
        let (number, id) = footnotes.number(label);
        self.out.push(Event::InlineHtml(
            format!(
                "<sup class=\"sidenote-ref\" id=\"fnref-{id}\"><a href=\"#fn-{id}\">{number}</a></sup>"
            )
            .into(),
        ));
        self.pending.push(format!(
            "<aside class=\"sidenote\" id=\"sidenote-{id}\" role=\"note\"><span class=\"sidenote-number\">{number}</span> {}</aside>\n",
            footnotes.html(label)
        ));
    }

    /// Paragraph `paragraph` opens, with an anchor when it holds a quotation.
    fn paragraph_start(&mut self, event: Event<'e>, paragraph: usize) {
        if self.layer.passages.binary_search(&paragraph).is_ok() {
            self.out.push(Event::Html(
                format!("<p id=\"passage-{paragraph}\">").into(),
            ));
        } else {
            self.out.push(event);
        }
    }

    fn open_marks(&mut self) -> String {
        let mut html = String::new();
        for &n in &self.active {
            let id = &self.ids[n];
            let anchor = if self.started[n] {
                String::new()
            } else {
                format!(" id=\"annotation-{id}\"")
            };
            self.started[n] = true;
            if self.link_depth > 0 {
                html.push_str(&format!("<mark class=\"annotation\"{anchor}>"));
            } else {
                html.push_str(&format!(
                    "<mark class=\"annotation\"{anchor}><a href=\"#note-{id}\">"
                ));
            }
        }
        html
    }

    fn close_marks(&self) -> String {
        let close = if self.link_depth > 0 {
            "</mark>"
        } else {
            "</a></mark>"
        };
        close.repeat(self.active.len())
    }

    fn boundary(&mut self, boundary: &Boundary) {
        match *boundary {
            Boundary::Open(n) => {
                self.active.insert(n);
            }
            Boundary::Close(n) => {
                if self.active.remove(&n) {
                    let id = &self.ids[n];
                    // The highlight ends with the number its note carries, as a footnote does.
                    let number = n + 1;
                    let reference = if self.link_depth > 0 {
                        format!("<sup class=\"annotation-ref\">{number}</sup>")
                    } else {
                        format!(
                            "<sup class=\"annotation-ref\"><a href=\"#note-{id}\" aria-label=\"{}\">{number}</a></sup>",
                            escape_attribute(
                                &self.layer.strings.fill("note_n", &[("n", &number.to_string())])
                            )
                        )
                    };
                    self.out.push(Event::InlineHtml(reference.into()));
                    self.pending.push(format!(
                        "<aside class=\"annotation-note\" id=\"note-{id}\" role=\"note\"><a class=\"annotation-back\" href=\"#annotation-{id}\" title=\"{}\">{}</a>{}</aside>\n",
                        escape_attribute(self.layer.strings.get("back_to_words")),
                        escape_text(
                            &self.layer.strings.fill("note_n", &[("n", &(n + 1).to_string())])
                        ),
                        self.layer.notes_html.get(n).map_or("", String::as_str)
                    ));
                }
            }
        }
    }

    fn piece(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.active.is_empty() {
            self.out.push(Event::Text(text.to_string().into()));
            return;
        }
        let open = self.open_marks();
        self.out.push(Event::InlineHtml(open.into()));
        self.out.push(Event::Text(text.to_string().into()));
        self.out.push(Event::InlineHtml(self.close_marks().into()));
    }

    fn text(&mut self, text: CowStr<'e>, boundaries: Option<&Vec<(usize, Boundary)>>) {
        let Some(boundaries) = boundaries else {
            if self.active.is_empty() {
                self.out.push(Event::Text(text));
            } else {
                self.piece(&text);
            }
            return;
        };
        let mut sorted: Vec<&(usize, Boundary)> = boundaries.iter().collect();
        // At one offset, close before opening so adjacent quotes do not nest.
        sorted.sort_by_key(|(offset, b)| (*offset, matches!(b, Boundary::Open(_))));
        let mut at = 0;
        for (offset, boundary) in sorted {
            let offset = (*offset).min(text.len());
            if offset > at && text.is_char_boundary(offset) {
                self.piece(&text[at..offset]);
                at = offset;
            }
            self.boundary(boundary);
        }
        self.piece(&text[at..]);
    }

    fn code(&mut self, event: Event<'e>, boundaries: Option<&Vec<(usize, Boundary)>>) {
        let (opens, closes): (Vec<_>, Vec<_>) = boundaries
            .map(|b| b.iter().partition(|(_, b)| matches!(b, Boundary::Open(_))))
            .unwrap_or_default();
        for (_, b) in &opens {
            self.boundary(b);
        }
        if self.active.is_empty() {
            self.out.push(event);
        } else {
            let open = self.open_marks();
            self.out.push(Event::InlineHtml(open.into()));
            self.out.push(event);
            self.out.push(Event::InlineHtml(self.close_marks().into()));
        }
        for (_, b) in &closes {
            self.boundary(b);
        }
    }

    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let html = self.pending.concat();
            self.pending.clear();
            self.out.push(Event::Html(html.into()));
        }
    }
}

/// Footnote definitions, rendered once, numbered in order of first reference.
struct Footnotes {
    /// (label, html id, rendered content)
    entries: Vec<(String, String, String)>,
    number_of: HashMap<String, usize>,
}

impl Footnotes {
    fn collect(markdown: &Markdown, events: &[Event<'_>]) -> Self {
        let mut order: Vec<String> = Vec::new();
        // Seen labels: a body may cite thousands of notes, each asked about at every reference.
        let mut referenced: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut definitions: HashMap<String, String> = HashMap::new();
        let mut current: Option<(String, Vec<Event<'_>>)> = None;
        for event in events {
            match event {
                Event::FootnoteReference(label) if current.is_none() => {
                    if referenced.insert(label.as_ref()) {
                        order.push(label.to_string());
                    }
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    current = Some((label.to_string(), Vec::new()));
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    if let Some((label, inner)) = current.take() {
                        let mut html = String::new();
                        markdown.push_events(&mut html, inner.into_iter());
                        definitions.insert(label, strip_paragraph(&html));
                    }
                }
                other => {
                    if let Some((_, inner)) = current.as_mut() {
                        inner.push(other.clone());
                    }
                }
            }
        }
        let entries: Vec<(String, String, String)> = order
            .into_iter()
            .map(|label| {
                let html = definitions.remove(&label).unwrap_or_default();
                let id = escape_attribute(&label.replace(char::is_whitespace, "-"));
                (label, id, html)
            })
            .collect();
        let number_of = entries
            .iter()
            .enumerate()
            .map(|(i, (label, _, _))| (label.clone(), i + 1))
            .collect();
        Footnotes { entries, number_of }
    }

    fn number(&self, label: &str) -> (usize, &str) {
        let n = self.number_of.get(label).copied().unwrap_or(0);
        let id = n
            .checked_sub(1)
            .and_then(|i| self.entries.get(i))
            .map_or("", |e| e.1.as_str());
        (n, id)
    }

    fn html(&self, label: &str) -> &str {
        self.number_of
            .get(label)
            .and_then(|&n| self.entries.get(n - 1))
            .map_or("", |e| e.2.as_str())
    }

    fn push_list(&self, html: &mut String, strings: &super::i18n::Strings) {
        if self.entries.is_empty() {
            return;
        }
        let _ = write!(
            html,
            "<section class=\"footnotes\" aria-label=\"{}\">\n<ol>\n",
            escape_attribute(strings.get("notes"))
        );
        let back = escape_attribute(strings.get("back_to_text"));
        for (_, id, content) in &self.entries {
            html.push_str(&format!(
                "<li id=\"fn-{id}\">{content} <a class=\"footnote-back\" href=\"#fnref-{id}\" aria-label=\"{back}\">↩</a></li>\n"
            ));
        }
        html.push_str("</ol>\n</section>\n");
    }
}

/// A single paragraph's HTML without its `<p>` wrapper, so it can sit inline.
fn strip_paragraph(html: &str) -> String {
    let trimmed = html.trim();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> crate::render::i18n::Strings {
        crate::render::i18n::Strings::for_config(&crate::config::Config::default())
    }

    fn annotation(quote: &str, note: &str) -> Annotation {
        Annotation {
            quote: quote.into(),
            note: note.into(),
            id: None,
            occurrence: None,
        }
    }

    #[test]
    fn marks_a_quote_across_emphasis_and_puts_the_note_after_its_paragraph() {
        let md = Markdown::default();
        let annotations = [annotation("the *talks* went", "n")];
        let notes = ["<p>Why it matters.</p>".to_string()];
        let layer = Layer {
            annotations: &annotations,
            notes_html: &notes,
            passages: &[],
            strings: &english(),
        };
        let html = render_body(&md, "Then the *talks* went well.\n\nNext.\n", &layer);
        assert!(
            html.contains("<mark class=\"annotation\" id=\"annotation-1\"><a href=\"#note-1\">the </a></mark><em><mark class=\"annotation\"><a href=\"#note-1\">talks</a></mark></em>"),
            "{html}"
        );
        let note_at = html.find("id=\"note-1\"").expect(&html);
        let paragraph_end = html.find("</p>").expect(&html);
        let next = html.find("Next.").expect(&html);
        assert!(paragraph_end < note_at && note_at < next, "{html}");
    }

    #[test]
    fn footnotes_become_sidenotes_and_stay_listed_at_the_end() {
        let md = Markdown::default();
        let layer = Layer {
            annotations: &[],
            notes_html: &[],
            passages: &[1],
            strings: &english(),
        };
        let html = render_body(
            &md,
            "Claim.[^a]\n\nSecond.[^b]\n\n[^b]: Bee.\n[^a]: Ay *note*.\n",
            &layer,
        );
        assert!(
            html.contains(
                "<sup class=\"sidenote-ref\" id=\"fnref-a\"><a href=\"#fn-a\">1</a></sup>"
            ),
            "{html}"
        );
        assert!(html.contains("<aside class=\"sidenote\" id=\"sidenote-a\" role=\"note\"><span class=\"sidenote-number\">1</span> Ay <em>note</em>.</aside>"), "{html}");
        assert!(html.contains("<p id=\"passage-1\">Second."), "{html}");
        assert!(html.contains("<li id=\"fn-b\">Bee."), "{html}");
        assert!(!html.contains("footnote-definition"), "{html}");
    }
}
