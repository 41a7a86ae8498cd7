//! The link stage's edits spliced into the parse of the source body, instead of parsing the
//! linked text again: the question of issue 25's "one parse per article". A first mention
//! (`Moon` → `[Moon](../../actors/moon/)`) becomes link events around its text, and a link to an
//! article's file gets its page as destination.
//!
//! Splicing gives the same events as parsing the linked text only where the edit cannot change
//! how its neighbours parse, and [`spliced_events`] refuses every other edit:
//! - an emphasis or smart-quote delimiter (`*`, `_`, `~`, `'`, `"`) next to a mention: delimiters
//!   are read by the characters beside them, and `[`/`)` are punctuation where a name's letters
//!   were not: `a*Moon*b` is emphasis, `a*[Moon](…)*b` is not (`Moon's` happens to keep its
//!   apostrophe, but the rules of quotes are the same rules);
//! - `!`, `\`, `]` or `<` before a mention: `![Moon](…)` is an image, `\[Moon](…)` no link;
//! - a mention whose text the parser changed (entities, escapes) or that holds markup
//!   characters, and a destination not written plainly as `](dest)`;
//! - every `[[…]]` link: its shown text is Markdown of its own.
//!
//! Those cases are not rare mistakes of the splice but real differences of the output: the page
//! shows what the linked text parses to, which is not what the source parsed to.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use super::wikilinks::Edit;

/// Characters whose meaning depends on their neighbours: emphasis, strikethrough, smart quotes.
const DELIMITERS: &[char] = &['*', '_', '~', '\'', '"'];

/// What an edit does to the source, when it can be spliced.
enum Splice<'e> {
    /// A mention made a link: the destination of `[text](dest)`.
    Mention { dest: &'e str },
    /// A link's destination replaced.
    Destination { dest: &'e str },
}

/// The merged events (as [`crate::dialect::merged_events`] makes them) of the text `edits`
/// (sorted, as the link stage keeps them) make from `source`, from the parse of `source`; `None`
/// when an edit could parse differently in the linked text than in the source (see the module
/// documentation), where the caller parses the linked text instead.
pub fn spliced_events<'a>(source: &'a str, edits: &'a [Edit]) -> Option<Vec<Event<'a>>> {
    splice(
        source,
        crate::dialect::parser(source).into_offset_iter(),
        edits,
    )
}

/// [`spliced_events`] from a parse of `source` already made: the events of
/// [`crate::dialect::parser`] with their byte ranges, unmerged.
pub fn splice<'a>(
    source: &'a str,
    parsed: impl IntoIterator<Item = (Event<'a>, Range<usize>)>,
    edits: &'a [Edit],
) -> Option<Vec<Event<'a>>> {
    let splices: Vec<Splice<'a>> = edits
        .iter()
        .map(|edit| classify(source, edit))
        .collect::<Option<_>>()?;
    let parsed = parsed.into_iter();
    let mut out = Merged {
        events: Vec::with_capacity(parsed.size_hint().0),
        run: Vec::new(),
    };
    let mut next = 0;
    for (event, range) in parsed {
        // The next edit, when it starts inside this event.
        let here = edits
            .get(next)
            .filter(|e| range.contains(&e.range.start))
            .map(|e| (e, &splices[next]));
        match (event, here) {
            (Event::Text(text), Some((_, Splice::Mention { .. }))) => {
                if *text != source[range.clone()] {
                    return None;
                }
                // Every mention inside this text.
                let mut at = range.start;
                while let Some(edit) = edits.get(next).filter(|e| e.range.start < range.end) {
                    let Splice::Mention { dest } = splices[next] else {
                        return None;
                    };
                    if edit.range.end > range.end {
                        return None;
                    }
                    out.text(&source[at..edit.range.start]);
                    out.push(Event::Start(link(dest)));
                    out.text(&source[edit.range.clone()]);
                    out.push(Event::End(pulldown_cmark::TagEnd::Link));
                    at = edit.range.end;
                    next += 1;
                }
                out.text(&source[at..range.end]);
            }
            (
                Event::Start(Tag::Link { dest_url, .. }),
                Some((edit, Splice::Destination { dest })),
            ) => {
                let plain = *dest_url == source[edit.range.clone()]
                    && source[..edit.range.start].ends_with("](")
                    && source[edit.range.end..range.end] == *")";
                if !plain {
                    return None;
                }
                out.push(Event::Start(link(dest)));
                next += 1;
            }
            // A mention in anything but text, or a destination that is not a link's.
            (Event::Text(_) | Event::Start(Tag::Link { .. }), Some(_)) => return None,
            (event, _) => out.push(event),
        }
    }
    if next < edits.len() {
        return None;
    }
    Some(out.finish())
}

/// What `edit` does, when it is one the splice can make exactly.
fn classify<'e>(source: &str, edit: &'e Edit) -> Option<Splice<'e>> {
    let replaced = source.get(edit.range.clone())?;
    let plain_destination = |dest: &str| {
        !dest.is_empty()
            && !dest.contains(|c: char| {
                c.is_whitespace() || matches!(c, '\\' | '&' | '(' | ')' | '<' | '>' | '"' | '\'')
            })
    };
    if replaced.starts_with("[[") {
        return None;
    }
    if let Some(rest) = edit
        .text
        .strip_prefix('[')
        .and_then(|t| t.strip_prefix(replaced))
    {
        let dest = rest.strip_prefix("](")?.strip_suffix(')')?;
        let before = source[..edit.range.start].chars().next_back();
        let after = source[edit.range.end..].chars().next();
        let quiet_text = !replaced.contains(|c: char| {
            DELIMITERS.contains(&c)
                || matches!(c, '[' | ']' | '\\' | '`' | '<' | '>' | '&' | '|' | '!')
        });
        let quiet_before =
            before.is_none_or(|c| !DELIMITERS.contains(&c) && !matches!(c, '!' | '\\' | ']' | '<'));
        let quiet_after = after.is_none_or(|c| !DELIMITERS.contains(&c));
        return (quiet_text && quiet_before && quiet_after && plain_destination(dest))
            .then_some(Splice::Mention { dest });
    }
    plain_destination(&edit.text).then_some(Splice::Destination { dest: &edit.text })
}

/// An inline link to `dest`, as the parser makes `[…](dest)`.
fn link(dest: &str) -> Tag<'_> {
    Tag::Link {
        link_type: LinkType::Inline,
        dest_url: CowStr::Borrowed(dest),
        title: CowStr::Borrowed(""),
        id: CowStr::Borrowed(""),
    }
}

/// Events with adjacent texts merged, as `TextMergeStream` merges them, so the list comes out
/// merged with no second pass. A run of texts is joined once it ends, into a string of its
/// exact size: joining each piece as it came grew (and shrank) the string piece by piece.
struct Merged<'a> {
    events: Vec<Event<'a>>,
    /// The texts since the last other event.
    run: Vec<CowStr<'a>>,
}

impl<'a> Merged<'a> {
    fn text(&mut self, text: &'a str) {
        if !text.is_empty() {
            self.run.push(CowStr::Borrowed(text));
        }
    }

    fn push(&mut self, event: Event<'a>) {
        match event {
            Event::Text(text) => self.run.push(text),
            event => {
                self.end_run();
                self.events.push(event);
            }
        }
    }

    fn end_run(&mut self) {
        match self.run.len() {
            0 => {}
            1 => self.events.extend(self.run.pop().map(Event::Text)),
            _ => {
                let len = self.run.iter().map(|t| t.len()).sum();
                let mut joined = String::with_capacity(len);
                for text in self.run.drain(..) {
                    joined.push_str(&text);
                }
                self.events.push(Event::Text(CowStr::from(joined)));
            }
        }
    }

    fn finish(mut self) -> Vec<Event<'a>> {
        self.end_run();
        self.events
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::merged_events;
    use crate::link::wikilinks::apply_sorted;

    /// The mention of `name` at its first place in `source`, linked to `dest`.
    fn mention(source: &str, name: &str, dest: &str) -> Edit {
        let start = source.find(name).unwrap();
        Edit {
            range: start..start + name.len(),
            text: format!("[{name}]({dest})"),
        }
    }

    fn html(events: Vec<Event<'_>>) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, events.into_iter());
        out
    }

    #[test]
    fn quiet_mentions_and_destinations_splice_to_the_parse_of_the_linked_text() {
        let source = "Talks: *when Moon Jae-in met* Yun in Seoul, \"as said\" on **the \
                      trip**.\n\nSee [the visit](2017-01-01-visit.md) and Yun.\n";
        let mut edits = vec![
            mention(source, "Moon Jae-in", "../../actors/moon-jae-in/"),
            mention(source, "Yun", "../../actors/yun/"),
        ];
        let file = source.find("2017-01-01-visit.md").unwrap();
        edits.push(Edit {
            range: file..file + "2017-01-01-visit.md".len(),
            text: "../../articles/2017-01-01-visit/".into(),
        });
        let linked = apply_sorted(source, &edits);
        let spliced = spliced_events(source, &edits).expect("every edit is quiet");
        assert_eq!(spliced, merged_events(&linked));
        assert!(html(spliced).contains("<em>when <a href=\"../../actors/moon-jae-in/\">"));
    }

    /// Where the linked text parses otherwise than the source: the splice must refuse, since the
    /// page shows the linked text's parse.
    #[test]
    fn a_mention_beside_a_delimiter_or_an_image_mark_parses_otherwise_and_is_refused() {
        for (source, differs_by) in [
            ("An a*Moon*b talk.", "<em>"),
            ("Wow !Moon said.", "<img"),
            ("A \\Moon here.", "\\"),
        ] {
            let edits = vec![mention(source, "Moon", "../../actors/moon/")];
            let linked = apply_sorted(source, &edits);
            let (from_source, from_linked) =
                (html(merged_events(source)), html(merged_events(&linked)));
            assert_ne!(
                from_source.contains(differs_by),
                from_linked.contains(differs_by),
                "{source}: {from_source} / {from_linked}"
            );
            assert_eq!(spliced_events(source, &edits), None, "{source}");
        }
        // Beside a quote the guard refuses too, though this one happens to parse alike.
        let source = "Seen with Moon's aides.";
        let edits = vec![mention(source, "Moon", "../../actors/moon/")];
        assert_eq!(spliced_events(source, &edits), None);
    }

    #[test]
    fn wikilinks_are_left_to_the_parser() {
        let source = "See [[Moon]] and AT&amp;T.";
        let start = source.find("[[Moon]]").unwrap();
        let wikilink = Edit {
            range: start..start + 8,
            text: "[Moon](../../actors/moon/)".into(),
        };
        assert_eq!(spliced_events(source, &[wikilink]), None);
    }
}

#[cfg(test)]
mod books {
    use super::*;
    use crate::link::{link_with, LinkOptions, LinkedBody};

    /// Splices every article of the book at `root` that can be spliced, checks it against the
    /// parse of its linked text, and returns (articles, spliced).
    fn check_book(root: &std::path::Path) -> (usize, usize) {
        let (book, _) = crate::load::load(root, crate::load::LoadOptions::default());
        let options = LinkOptions {
            strict: false,
            one_off: true,
        };
        let (linked, _) = link_with(book, options);
        let mut spliced = 0;
        for id in linked.article_ids() {
            let LinkedBody::Edits(edits) = &linked.links_of(id).body else {
                panic!("a one-off link keeps edits");
            };
            let source = &linked.article(id).body;
            if let Some(events) = spliced_events(source, edits) {
                let linked_text = linked.body_markdown(id);
                assert_eq!(
                    events,
                    crate::dialect::merged_events(&linked_text),
                    "{}",
                    linked.article(id).path.display()
                );
                spliced += 1;
            }
        }
        (linked.book.articles.len(), spliced)
    }

    /// The example book, and the book `BRIEFBOOK_SPLICE_BOOK` names (a generated one, say):
    /// every article the splice takes gives the events of its linked text.
    #[test]
    fn every_spliced_article_of_a_book_parses_as_its_linked_text() {
        let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (articles, spliced) = check_book(example);
        assert!(articles >= 5 && spliced >= 1, "{spliced} of {articles}");
        if let Some(other) = std::env::var_os("BRIEFBOOK_SPLICE_BOOK") {
            let (articles, spliced) = check_book(std::path::Path::new(&other));
            eprintln!("spliced {spliced} of {articles} articles");
            assert!(articles > 0);
        }
    }
}
