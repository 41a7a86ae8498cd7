//! One pass over each article's Markdown: resolves `[[…]]` and `.md` links, links the first
//! mention of each of the article's actors, notes every actor named (for backlinks), anchors the
//! annotations and collects attributed quotations. The result is the article's Markdown with all
//! links made ordinary, which `render` turns into HTML.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::anchors::{locate, Located};
use super::mentions::{Mention, NameMatcher};
use super::quotes;
use super::wikilinks::{self, Edit, Resolver, Target};
use super::{ArticleId, TermId};
use crate::error::Diagnostic;
use crate::model::Article;

/// Articles live at `articles/<slug>/`, two folders below the site root.
const ARTICLE_PREFIX: &str = "../../";

/// An attributed quotation in an article body; its words are kept by the article's
/// [`Quotations`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The speaker's actor term.
    actor: TermId,
    /// Index of the paragraph (counting from 0) it was found in.
    passage: u32,
    /// Where its words are in [`Quotations::words`]: start and end.
    words: (u32, u32),
}

impl Quote {
    /// The speaker's actor term.
    pub fn actor(&self) -> TermId {
        self.actor
    }

    /// Index of the paragraph (counting from 0) it was found in; the page anchors it.
    pub fn passage(&self) -> usize {
        self.passage as usize
    }
}

/// An article's attributed quotations, their words in one string. A big book has over ten per
/// article (1.6 million at 100,000 articles): one allocation per article rather than one per
/// quotation keeps them compact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quotations {
    list: Vec<Quote>,
    words: String,
}

impl Quotations {
    pub fn push(&mut self, actor: TermId, passage: usize, text: &str) {
        // Sixteen bytes a quotation: a book has millions.
        let start = self.words.len() as u32;
        self.words.push_str(text);
        self.list.push(Quote {
            actor,
            passage: passage as u32,
            words: (start, self.words.len() as u32),
        });
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Quote> {
        self.list.iter()
    }

    pub fn get(&self, i: usize) -> Option<&Quote> {
        self.list.get(i)
    }

    /// The words of `quote`, empty when it was scanned without them.
    pub fn text(&self, quote: &Quote) -> &str {
        self.words
            .get(quote.words.0 as usize..quote.words.1 as usize)
            .unwrap_or("")
    }

    pub fn shrink_to_fit(&mut self) {
        self.list.shrink_to_fit();
        self.words.shrink_to_fit();
    }
}

/// A link a scan looked up: what it read from the book beyond the article and the terms.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Lookup {
    /// The inside of a `[[…]]` (without the shown text); `titled` when the link has no text of
    /// its own, so it shows the title of the page it names.
    Wikilink { target: String, titled: bool },
    /// The destination of a Markdown link.
    File(String),
}

/// Everything one article's text contributes to the web of links.
#[derive(Debug, Clone, Default)]
pub struct Scanned {
    /// Shared, so a kept scan is reused without copying the text.
    pub body: std::sync::Arc<str>,
    /// The edits that make `body` from the source body, sorted.
    pub edits: Vec<Edit>,
    pub note: Option<String>,
    pub annotation_notes: Vec<String>,
    pub outgoing: Vec<Target>,
    pub named_actors: Vec<TermId>,
    pub quotes: Quotations,
    pub passages: Vec<usize>,
    pub diagnostics: Vec<Diagnostic>,
    /// Every link looked up while scanning, in the order first seen: the scan reads nothing else
    /// of the other articles.
    pub lookups: Vec<Lookup>,
    /// Hash of the texts above as pages show them (see [`Scanned::texts_hash`]).
    pub texts_hash: u64,
}

impl Scanned {
    /// Hash of what pages show of the scan: the texts, passages and quotations. Made once per
    /// scan, so the server can tell which pages an edit elsewhere changed (a title that a
    /// `[[…]]` shows, a renamed term) without hashing every body again.
    fn texts_hash(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (
            &self.body,
            &self.note,
            &self.annotation_notes,
            &self.passages,
        )
            .hash(&mut h);
        for quote in self.quotes.iter() {
            (self.quotes.text(quote), quote.passage).hash(&mut h);
        }
        h.finish()
    }

    fn looked_up(&mut self, lookup: Lookup) {
        if !self.lookups.contains(&lookup) {
            self.lookups.push(lookup);
        }
    }

    /// Records the `[[…]]` of a text the scan resolves, code included, as `plain_text` and
    /// `rewrite_text` may.
    fn looked_up_wikilinks(&mut self, text: &str) {
        for link in wikilinks::find(text, &[]) {
            self.looked_up(Lookup::Wikilink {
                target: link.target,
                titled: link.shown.is_none(),
            });
        }
    }
}

/// An article body as the link stage parsed it, with its links spliced in: handed to a
/// [`BodySink`] so a one-off build renders each body from link's own parse, the one parse of
/// that body, instead of parsing it again in the render stage.
pub struct ParsedBody<'e> {
    pub article: ArticleId,
    /// The linked body's events, merged as [`crate::dialect::merged_events`] makes them.
    pub events: &'e [Event<'e>],
    /// About the linked text's length in bytes, to size what is made from the events.
    pub linked_len: usize,
    /// The article's annotations, and their notes with the links made ordinary.
    pub annotations: &'e [crate::model::Annotation],
    pub annotation_notes: &'e [String],
    /// The paragraphs holding attributed quotations, ascending.
    pub passages: &'e [usize],
}

/// Takes each body's parse as the scan makes it (from any thread).
pub type BodySink<'s> = &'s (dyn Fn(ParsedBody<'_>) + Sync);

/// What the scan needs from the whole book, built once.
pub struct Scanner<'a> {
    pub resolver: &'a Resolver<'a>,
    pub matcher: &'a NameMatcher,
    pub strict: bool,
    /// Keep the words of quotations. A big book's one-off build scans without them and asks
    /// [`Scanner::quotations`] again for the few articles whose quotations a page shows.
    pub quote_words: bool,
    /// Make the linked text and the hash of the texts (the server's scans). A one-off build keeps
    /// only the edits, so it makes the text only to anchor annotations.
    pub keep_text: bool,
    /// Where each body's parse goes when the scan is told the article's id (see
    /// [`Scanner::scan_into`]).
    pub sink: Option<BodySink<'a>>,
}

/// The actors a body names, found once and read by the mention links and the quotations.
struct Names {
    /// Per paragraph, in its text.
    paragraphs: Vec<Vec<Mention>>,
    /// Per prose text, in that text.
    prose: Vec<Vec<Mention>>,
}

/// The structure of a body as the parser sees it, with byte ranges into the source.
struct Structure<'a> {
    /// The parse itself, kept when asked for: an annotated article's annotations are anchored
    /// in it, with the links spliced in (see [`super::splice`]), rather than in a second parse.
    parsed: Vec<(Event<'a>, Range<usize>)>,
    code: Vec<Range<usize>>,
    /// Text eligible for mention links: outside links, images, headings and code.
    prose: Vec<Range<usize>>,
    /// Markdown links: destination and the range of the whole link.
    links: Vec<(String, Range<usize>)>,
    /// The rendered text of each paragraph, in order (wikilinks still raw).
    paragraphs: Vec<String>,
    /// The prose texts that are, byte for byte, a stretch of a paragraph's text: where in its
    /// paragraph's text, in order; their names are found in the one search of the paragraph (see
    /// [`NameMatcher::find_with_segments`]).
    in_paragraphs: Vec<Range<usize>>,
    /// For each of `in_paragraphs`: (its paragraph, its index in `prose`).
    in_paragraph_of: Vec<(usize, usize)>,
}

fn structure(body: &str, keep_parse: bool) -> Structure<'_> {
    // About one event per 16 bytes of a news body: sized once rather than grown (and copied)
    // a dozen times.
    let mut parsed = Vec::with_capacity(if keep_parse { body.len() / 16 } else { 0 });
    let mut code = Vec::new();
    let mut prose = Vec::new();
    let mut links = Vec::new();
    let (mut in_link, mut in_heading, mut in_image, mut in_code) = (0usize, 0usize, 0usize, 0usize);
    let mut block_start = 0;
    let mut paragraphs = Vec::new();
    let mut paragraph: Option<String> = None;
    let (mut in_paragraphs, mut in_paragraph_of) = (Vec::new(), Vec::new());
    for (event, range) in crate::dialect::parser(body).into_offset_iter() {
        if let Some(text) = paragraph.as_mut() {
            match &event {
                Event::Text(t)
                    if in_link + in_heading + in_image + in_code == 0
                        && is_source(t, body, &range) =>
                {
                    let at = text.len();
                    in_paragraphs.push(at..at + t.len());
                    in_paragraph_of.push((paragraphs.len(), prose.len()));
                    text.push_str(t);
                }
                Event::Text(t) | Event::Code(t) if in_image == 0 => text.push_str(t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
        }
        match &event {
            // The paragraph's source bounds its text (the text drops the markup).
            Event::Start(Tag::Paragraph) => paragraph = Some(String::with_capacity(range.len())),
            Event::End(TagEnd::Paragraph) => paragraphs.extend(paragraph.take()),
            Event::Start(Tag::Link { dest_url, .. }) => {
                in_link += 1;
                links.push((dest_url.to_string(), range.clone()));
            }
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Start(Tag::Heading { .. }) => in_heading += 1,
            Event::End(TagEnd::Heading(_)) => in_heading = in_heading.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => {
                in_code += 1;
                block_start = range.start;
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = in_code.saturating_sub(1);
                code.push(block_start..range.end);
            }
            Event::Code(_) => code.push(range.clone()),
            Event::Text(_) if in_link + in_heading + in_image + in_code == 0 => {
                prose.push(range.clone())
            }
            _ => {}
        }
        // Kept last, moved rather than cloned: the parse keeps nearly every event.
        if keep_parse {
            parsed.push((event, range));
        }
    }
    code.sort_by_key(|r| r.start);
    Structure {
        parsed,
        code,
        prose,
        links,
        paragraphs,
        in_paragraphs,
        in_paragraph_of,
    }
}

/// Whether a text event reads exactly `body[range]`: most are that very slice of the body.
fn is_source(text: &str, body: &str, range: &Range<usize>) -> bool {
    text.len() == range.len()
        && (std::ptr::eq(text.as_ptr(), body.as_ptr().wrapping_add(range.start))
            || body.as_bytes().get(range.clone()) == Some(text.as_bytes()))
}

impl Scanner<'_> {
    fn severity(&self, path: &std::path::Path, message: String) -> Diagnostic {
        if self.strict {
            Diagnostic::error(path, message)
        } else {
            Diagnostic::warning(path, message)
        }
    }

    fn body_diagnostic(
        &self,
        article: &Article,
        body: &str,
        offset: usize,
        message: String,
    ) -> Diagnostic {
        let (line, column) = crate::error::line_column(body, offset);
        self.severity(&article.path, message)
            .at(article.body_line + line - 1, Some(column))
    }

    /// The quotations of `body` (an article's source body), with their words.
    pub fn quotations(&self, body: &str) -> Quotations {
        let mut scanned = Scanned::default();
        let paragraphs = structure(body, false).paragraphs;
        let named: Vec<Vec<Mention>> = paragraphs.iter().map(|p| self.matcher.find(p)).collect();
        self.find_quotes(&paragraphs, &named, &mut scanned);
        scanned.quotes.shrink_to_fit();
        scanned.quotes
    }

    /// Scans one article; `own_actors` are the actor terms its front matter lists. In phases:
    /// the body's links and first mentions become edits, the front matter's texts are rewritten,
    /// then the edits are applied and the linked text read for quotations and annotations.
    pub fn scan(&self, article: &Article, own_actors: &[TermId]) -> Scanned {
        self.scan_article(article, own_actors, None)
    }

    /// [`Scanner::scan`] of the article `id`, handing its body's parse to the scanner's sink.
    pub fn scan_into(&self, id: ArticleId, article: &Article, own_actors: &[TermId]) -> Scanned {
        self.scan_article(article, own_actors, self.sink.map(|sink| (id, sink)))
    }

    fn scan_article(
        &self,
        article: &Article,
        own_actors: &[TermId],
        sink: Option<(ArticleId, BodySink<'_>)>,
    ) -> Scanned {
        let body = article.body.as_str();
        let annotated = !article.front.annotations.is_empty();
        let mut found = structure(body, annotated || sink.is_some());
        let named = self.names(body, &found);
        let mut scanned = Scanned::default();
        let mut edits = Vec::new();
        scanned.looked_up_wikilinks(body);
        let wikilinked = self.wikilink_edits(article, &found, &mut scanned, &mut edits);
        self.file_link_edits(article, &found, &mut scanned, &mut edits);
        self.mention_edits(
            body,
            found.prose.iter().zip(&named.prose),
            &wikilinked,
            own_actors,
            &mut scanned,
            &mut edits,
        );
        scanned.note = article
            .front
            .note
            .as_ref()
            .map(|note| self.rewrite_front_text(article, note, &mut scanned));
        let notes: Vec<String> = article
            .front
            .annotations
            .iter()
            .map(|a| self.rewrite_front_text(article, &a.note, &mut scanned))
            .collect();
        scanned.annotation_notes = notes;
        self.finish(article, &mut found, &named, edits, &mut scanned, sink);
        scanned
    }

    /// The actors each paragraph and each prose text names, from one search of each paragraph
    /// and of the prose texts no paragraph search settles.
    fn names(&self, body: &str, found: &Structure<'_>) -> Names {
        let mut prose: Vec<Option<Vec<Mention>>> = vec![None; found.prose.len()];
        let mut segments = found.in_paragraphs.as_slice();
        let mut owners = found.in_paragraph_of.as_slice();
        let paragraphs = found
            .paragraphs
            .iter()
            .enumerate()
            .map(|(index, text)| {
                let here = owners.partition_point(|(p, _)| *p == index);
                let (own, rest) = segments.split_at(here);
                let (own_owners, rest_owners) = owners.split_at(here);
                (segments, owners) = (rest, rest_owners);
                let (mentions, settled) = self.matcher.find_with_segments(text, own);
                for ((_, j), settled) in own_owners.iter().zip(settled) {
                    prose[*j] = settled;
                }
                mentions
            })
            .collect();
        let prose = prose
            .into_iter()
            .zip(&found.prose)
            .map(|(settled, range)| {
                settled.unwrap_or_else(|| self.matcher.find(&body[range.clone()]))
            })
            .collect();
        Names { paragraphs, prose }
    }

    /// The edits that make the body's `[[…]]` links (outside code) ordinary links; returns
    /// their ranges, where no mention is linked.
    fn wikilink_edits(
        &self,
        article: &Article,
        found: &Structure,
        scanned: &mut Scanned,
        edits: &mut Vec<Edit>,
    ) -> Vec<Range<usize>> {
        let body = article.body.as_str();
        let wikilinks = wikilinks::find(body, &found.code);
        for link in &wikilinks {
            match self.resolver.wikilink(&link.target) {
                Some(target) => {
                    let shown = link
                        .shown
                        .clone()
                        .unwrap_or_else(|| self.resolver.default_text(target, &link.target));
                    edits.push(Edit {
                        range: link.range.clone(),
                        text: wikilinks::markdown_link(
                            &shown,
                            ARTICLE_PREFIX,
                            &self.resolver.path(target),
                        ),
                    });
                    scanned.outgoing.push(target);
                }
                None => scanned.diagnostics.push(
                    self.body_diagnostic(
                        article,
                        body,
                        link.range.start,
                        format!("unresolved link `[[{}]]`", link.target),
                    )
                    .with_hint(UNRESOLVED_HINT),
                ),
            }
        }
        wikilinks.into_iter().map(|l| l.range).collect()
    }

    /// The edits that point Markdown links to an article's file (`other.md`) at its page.
    fn file_link_edits(
        &self,
        article: &Article,
        found: &Structure,
        scanned: &mut Scanned,
        edits: &mut Vec<Edit>,
    ) {
        let body = article.body.as_str();
        for (destination, range) in &found.links {
            let resolved = self.resolver.file_link(destination);
            if resolved.is_some() {
                scanned.looked_up(Lookup::File(destination.clone()));
            }
            match resolved {
                None => {}
                Some(Ok(target)) => {
                    let source = &body[range.clone()];
                    if let Some(at) = source.rfind(destination.as_str()) {
                        let start = range.start + at;
                        edits.push(Edit {
                            range: start..start + destination.len(),
                            text: format!(
                                "{ARTICLE_PREFIX}{}",
                                wikilinks::url_path(&self.resolver.path(target))
                            ),
                        });
                    }
                    scanned.outgoing.push(target);
                }
                Some(Err(())) => scanned.diagnostics.push(
                    self.body_diagnostic(
                        article,
                        body,
                        range.start,
                        format!("link to `{destination}`, which is not an article of this book"),
                    )
                    .with_hint(
                        "link to an article's file name, e.g. `2017-02-07-yun-tillerson.md`",
                    ),
                ),
            }
        }
    }

    /// Notes every actor the prose names (`named_prose`: each prose text with its names), and the
    /// edits that link the first mention of each of `own_actors` the body does not link already
    /// (outside the `wikilinked` ranges).
    fn mention_edits<'m>(
        &self,
        body: &str,
        named_prose: impl Iterator<Item = (&'m Range<usize>, &'m Vec<Mention>)>,
        wikilinked: &[Range<usize>],
        own_actors: &[TermId],
        scanned: &mut Scanned,
        edits: &mut Vec<Edit>,
    ) {
        // Sets, not lists: an article may name thousands of actors, and each mention asks.
        let own_actors: rustc_hash::FxHashSet<TermId> = own_actors.iter().copied().collect();
        let mut linked_actors: rustc_hash::FxHashSet<TermId> = scanned
            .outgoing
            .iter()
            .filter_map(|t| match t {
                Target::Actor(a) => Some(*a),
                _ => None,
            })
            .collect();
        for (range, mentions) in named_prose {
            for mention in mentions {
                let (start, end) = (range.start + mention.start, range.start + mention.end);
                if wikilinks::inside(wikilinked, start) {
                    continue;
                }
                scanned.named_actors.push(mention.actor);
                if own_actors.contains(&mention.actor) && linked_actors.insert(mention.actor) {
                    edits.push(Edit {
                        range: start..end,
                        text: wikilinks::markdown_link(
                            &body[start..end],
                            ARTICLE_PREFIX,
                            &self.resolver.path(Target::Actor(mention.actor)),
                        ),
                    });
                }
            }
        }
    }

    /// Applies the edits, finds the quotations, anchors the annotations in the linked text and
    /// puts the findings in their final, compact form.
    fn finish(
        &self,
        article: &Article,
        found: &mut Structure<'_>,
        named: &Names,
        mut edits: Vec<Edit>,
        scanned: &mut Scanned,
        sink: Option<(ArticleId, BodySink<'_>)>,
    ) {
        wikilinks::sort_edits(&mut edits);
        if self.keep_text {
            scanned.body = wikilinks::apply_sorted(&article.body, &edits).into();
        }
        self.find_quotes(&found.paragraphs, &named.paragraphs, scanned);
        scanned.quotes.shrink_to_fit();
        let annotated = !article.front.annotations.is_empty();
        if annotated || sink.is_some() {
            let parsed = std::mem::take(&mut found.parsed);
            // The linked text parsed again only where the links cannot be spliced in.
            let linked_text;
            let events = match super::splice::splice(&article.body, parsed, &edits) {
                Some(events) => events,
                None => {
                    linked_text = wikilinks::apply_sorted(&article.body, &edits);
                    crate::dialect::merged_events(&linked_text)
                }
            };
            if annotated {
                self.anchor_annotations(article, &events, scanned);
            }
            if let Some((id, sink)) = sink {
                let added: usize = edits.iter().map(|e| e.text.len()).sum();
                sink(ParsedBody {
                    article: id,
                    events: &events,
                    linked_len: article.body.len() + added,
                    annotations: &article.front.annotations,
                    annotation_notes: &scanned.annotation_notes,
                    passages: &scanned.passages,
                });
            }
        }
        edits.shrink_to_fit();
        scanned.edits = edits;
        scanned.outgoing.sort_unstable();
        scanned.outgoing.dedup();
        scanned.named_actors.sort_unstable();
        scanned.named_actors.dedup();
        if self.keep_text {
            scanned.texts_hash = scanned.texts_hash();
        }
        // Kept for the whole build, so without growth slack.
        scanned.outgoing.shrink_to_fit();
        scanned.named_actors.shrink_to_fit();
        scanned.passages.shrink_to_fit();
    }

    /// Rewrites the `[[…]]` of a front-matter text (note, annotation note).
    fn rewrite_front_text(&self, article: &Article, text: &str, scanned: &mut Scanned) -> String {
        scanned.looked_up_wikilinks(text);
        let (rewritten, targets, unresolved) =
            wikilinks::rewrite_text(self.resolver, text, ARTICLE_PREFIX);
        scanned.outgoing.extend(targets);
        for link in unresolved {
            let written = format!("[[{}", link.target);
            let mut diagnostic = self.severity(
                &article.path,
                format!("unresolved link `[[{}]]` in a note", link.target),
            );
            if let Some((line, column)) = super::front_matter_position(article, &written) {
                diagnostic = diagnostic.at(line, Some(column));
            }
            scanned
                .diagnostics
                .push(diagnostic.with_hint(UNRESOLVED_HINT));
        }
        rewritten
    }

    /// Reports the annotations that the linked body's `events` (merged, as `render` reads
    /// them) cannot anchor.
    fn anchor_annotations(&self, article: &Article, events: &[Event<'_>], scanned: &mut Scanned) {
        let wanted: Vec<(&str, Option<usize>)> = article
            .front
            .annotations
            .iter()
            .map(|a| (a.quote.as_str(), a.occurrence))
            .collect();
        for (index, (annotation, located)) in article
            .front
            .annotations
            .iter()
            .zip(locate(events, &wanted))
            .enumerate()
        {
            let message = match located {
                Located::Found(_) => continue,
                Located::NotFound => format!(
                    "annotation quote “{}” is not in the article body",
                    annotation.quote
                ),
                Located::Ambiguous(n) => format!(
                    "annotation quote “{}” occurs {n} times in the body",
                    annotation.quote
                ),
                Located::TooFew(n) => format!(
                    "annotation quote “{}” asks for occurrence {} but occurs {n} time(s)",
                    annotation.quote,
                    annotation.occurrence.unwrap_or_default()
                ),
            };
            let hint = match located {
                Located::Ambiguous(_) => "add `occurrence: N` to the annotation to say which one is meant",
                _ => "copy the exact words from the body (whitespace, curly and straight quotes do not matter)",
            };
            let mut diagnostic = self.severity(&article.path, message);
            if let Some((line, column)) = annotation_position(article, index) {
                diagnostic = diagnostic.at(line, Some(column));
            }
            scanned.diagnostics.push(diagnostic.with_hint(hint));
        }
    }

    /// Attributed quotations, paragraph by paragraph, from the actors each names.
    fn find_quotes(&self, paragraphs: &[String], named: &[Vec<Mention>], scanned: &mut Scanned) {
        for (index, (text, mentions)) in paragraphs.iter().zip(named).enumerate() {
            if mentions.is_empty() {
                continue;
            }
            for quote in quotes::find(text, mentions) {
                scanned.looked_up_wikilinks(&quote.text);
                if self.quote_words {
                    let text = self.resolver.plain_text(&quote.text);
                    scanned.quotes.push(quote.actor, index, &text);
                } else {
                    scanned.quotes.push(quote.actor, index, "");
                }
                if scanned.passages.last() != Some(&index) {
                    scanned.passages.push(index);
                }
            }
        }
    }
}

/// File line and column of the `index`-th annotation's quote in the front matter: the
/// `index`-th `quote:` key, since several annotations may quote the same words.
fn annotation_position(article: &Article, index: usize) -> Option<(usize, usize)> {
    let yaml = &article.front_matter_yaml;
    let annotations = yaml.find("annotations:")?;
    let offset = yaml[annotations..]
        .match_indices("quote:")
        .nth(index)
        .map(|(at, _)| annotations + at)?;
    let (line, column) = crate::error::line_column(yaml, offset);
    // The front matter starts on the file's second line, after the opening `---`.
    Some((line + 1, column))
}

const UNRESOLVED_HINT: &str =
    "use an actor's name or alias, `topic:slug`, or an article's file name without `.md`";
