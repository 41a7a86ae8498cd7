//! Clean: the article's structure. Normalises the text, has every line sorted (see `chrome`), drops
//! lists of other stories, finds the headline, re-joins lines broken mid-sentence or mid-word and
//! keeps one copy of a photo caption the site printed twice. Later passes read the sorted lines;
//! nothing here guesses fields.

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};

use super::chrome::{
    body_like, classify, has_digit, is_hangul, more_words_than, strip_bullet, LIST_HEADER,
};
use super::doc::{Block, Doc, Kind, Line, Meta};
use super::outlets::OutletMatcher;

/// Normalises line ends, spaces and invisible characters so every pass sees plain lines.
pub(crate) fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let plain = |b: &u8| (0x20..0x7f).contains(b) || *b == b'\n';
    if text.as_bytes().iter().all(plain) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' => {}
            '\u{a0}' | '\t' | '\u{2002}'..='\u{200a}' | '\u{3000}' => out.push(' '),
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
            '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// A photo caption: "This photo …", "File photo", "Photo: …", "(AP Photo/…)", "(… photo pool)",
/// "… Photograph: Jane Doe/Reuters", "… GETTY IMAGES", "… Picture: X/@handle", "Jane Doe
/// [Source: Harbour Council/Facebook]".
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:this (?:file )?photo|this image|a (?:file )?photo|file photo|photo\s*:|\(photo|\[photo)|\([^()]*(?-u:\b)(?:photos?|images?|pics?|pool|getty images)(?-u:\b)[^()]*\)\s*$|(?-u:\b)(?:photo(?:graph)?s?|pictures?|images?|pics?|credit|illustration|fotos?|fotografía|bild|picha|gambar)\s*:\s*[^.!?]{2,}$|(?-u:\b)getty images\s*$|[—–-]\s*(?:file )?(?:photo|picture|image)s?\s*$|\[(?:source|photo|image|credit|pic)s?\s*:[^\]]*\]\s*$").unwrap()
});

/// A credit at the end of a caption naming an agency: `… [AFP]`, `… /Reuters`, `… | EPA`.
static AGENCY_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\[(?P<bracketed>[^\[\]]{2,})\]|(?:/|\| )\s*(?P<slashed>[^/|]{2,}))\s*$")
        .unwrap()
});

/// A caption's closing credit in capitals after its sentence: `… on Sunday. DIEGO RAMOS`,
/// `… DIEGO RAMOS / AFP`, `… DIEGO RAMOS (AFP)`.
static CAPITALS_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[.!?]\s+(?:\p{Lu}[\p{Lu}'’.-]*\s+){0,3}\p{Lu}[\p{Lu}'’.-]+\s*(?:/\s*\S+\s*|\([^()]{2,30}\)\s*)?$")
        .unwrap()
});

/// A caption's closing credit of a photographer and an agency in brackets, maybe glued to the
/// sentence: `… Pedro Sánchez.Jane Doe (EFE)`, `… in Lima. Jane Doe (Reuters)`.
static NAMED_AGENCY_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[.!?]\s*(?:\p{Lu}[\p{L}'’.-]+\s+){1,3}\p{Lu}[\p{L}'’.-]+\s*\((?P<agency>[^()]{2,30})\)\s*$")
        .unwrap()
});

/// Where a caption's closing credit of a photographer and an agency begins (`… Pedro
/// Sánchez.Jane Doe (EFE)` → at `Jane`), when it has one.
pub(crate) fn named_agency_credit_start(text: &str, outlets: &OutletMatcher) -> Option<usize> {
    if !text.trim_end().ends_with(')') {
        return None;
    }
    let from = text.floor_char_boundary(text.len().saturating_sub(80));
    let caps = NAMED_AGENCY_CREDIT.captures(&text[from..])?;
    outlets.resolve(caps["agency"].trim())?;
    let whole = caps.get(0)?;
    // The match opens with the sentence's closing mark and any space after it.
    let mark = text[from + whole.start()..].chars().next()?.len_utf8();
    let credit = &text[from + whole.start() + mark..];
    Some(text.len() - credit.trim_start().len())
}

/// A photo's credit line of its own: an agency and a photographer parted by a slash
/// (`EFE/ Jane Doe`, `Jane Doe/AFP`): one side an outlet, the other a capitalised name. Two
/// outlets (`Kyodo/Reuters`) credit the story, not a photo.
pub(crate) fn is_slashed_credit(text: &str, outlets: &OutletMatcher) -> bool {
    if text.len() > 100 {
        return false;
    }
    let Some((left, right)) = text.split_once('/') else {
        return false;
    };
    let (left, right) = (left.trim(), right.trim());
    let name = |side: &str| {
        !side.is_empty()
            && !more_words_than(side, 4)
            && side
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    let (left_outlet, right_outlet) = (
        outlets.resolve(left).is_some(),
        outlets.resolve(right).is_some(),
    );
    name(left) && name(right) && !right.contains('/') && left_outlet != right_outlet
}

/// Whether a paragraph is a photo caption rather than article text.
pub(crate) fn is_caption(text: &str, outlets: &OutletMatcher) -> bool {
    if more_words_than(text, 80) {
        return false;
    }
    // Each pattern is run only when the line has what every match of it needs: most
    // paragraphs end in a lower-case word and a full stop, and have no bracket or slash.
    let end = text.trim_end();
    if may_match_caption(text, end) && CAPTION.is_match(text) {
        return true;
    }
    // Credits close the caption: only its last characters are searched.
    let tail = &text[text.floor_char_boundary(text.len().saturating_sub(80))..];
    let slashed = tail.contains('/');
    let bracketed = end.ends_with(')');
    if slashed || bracketed || capitals_close(end) {
        if let Some(m) = CAPITALS_CREDIT.find(tail) {
            // Two or more letters of credit, not an acronym ending the sentence ("… said the UN.").
            let credit = tail[m.start() + 1..].trim();
            if credit.chars().filter(|c| c.is_alphabetic()).count() >= 5 && credit.contains(' ') {
                return true;
            }
        }
    }
    let agency_credit = (slashed || tail.contains('|') || end.ends_with(']'))
        && AGENCY_CREDIT.captures(tail).is_some_and(|c| {
            let credit = c
                .name("bracketed")
                .or(c.name("slashed"))
                .map_or("", |m| m.as_str());
            outlets.resolve(credit.trim()).is_some()
        });
    agency_credit
        || is_slashed_credit(text, outlets)
        || (bracketed
            && NAMED_AGENCY_CREDIT
                .captures(tail)
                .is_some_and(|c| outlets.resolve(c["agency"].trim()).is_some()))
}

/// Whether [`CAPTION`] can match `text` (`end` is `text` without its trailing whitespace): each
/// of its forms opens with `thi`, `a `, `fil`, `pho` or a bracket and `ph` (letters with no other
/// case than ASCII's), has a colon, or ends with a bracket or a word ending in `o`, `e` or `s`
/// (`ſ` is an `s` to the case-blind pattern).
fn may_match_caption(text: &str, end: &str) -> bool {
    let bytes = text.as_bytes();
    let opens = |prefix: &[u8]| {
        bytes
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    [b"thi".as_slice(), b"a ", b"fil", b"pho", b"(ph", b"[ph"]
        .into_iter()
        .any(opens)
        || text.contains(':')
        || end.ends_with([')', 'o', 'O', 'e', 'E', 's', 'S', 'ſ'])
}

/// Whether the last word of `end` (a text without trailing whitespace) may be the credit in
/// capitals that [`CAPITALS_CREDIT`] ends on without a slash or bracket after it: two or more
/// characters, the first a capital, the rest capitals or `'`, `’`, `.`, `-`.
fn capitals_close(end: &str) -> bool {
    let word = end.rsplit(char::is_whitespace).next().unwrap_or_default();
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().nth(1).is_some()
        && chars.all(|c| c.is_uppercase() || matches!(c, '\'' | '’' | '.' | '-'))
}

/// Sorts the lines, picks the headline and builds the body.
pub(crate) fn clean(text: &str, known_title: Option<&str>, outlets: &OutletMatcher) -> Doc {
    let latin = text.bytes().filter(u8::is_ascii_alphabetic).count();
    let hangul = if text.is_ascii() {
        0
    } else {
        text.chars().filter(|&c| is_hangul(c)).count()
    };
    let mostly_latin = latin > hangul * 2;

    let mut lines: Vec<Line> = Vec::new();
    let mut in_list = false;
    // Whether a paragraph of text came before: a list above the first one is in the page's head.
    let mut story_seen = false;
    // Whether the last text line was a one- or two-word menu item ("Audio", "Video", "Live").
    let mut after_menu_item = false;
    // The last text line, when it was a name signed with a dash (see [`signed_name`]).
    let mut last_signed: Option<usize> = None;
    for raw in text.split('\n') {
        let stripped = strip_bullet(raw);
        let bullet = stripped.len() < raw.trim().len();
        let unglued = super::dates::unglue_trailing_date(stripped);
        let stripped = unglued.as_deref().unwrap_or(stripped);
        let boxed = author_box(stripped);
        let stripped = boxed.as_deref().unwrap_or(stripped);
        let stripped = doubled_byline(stripped).unwrap_or(stripped);
        let stripped = undoubled(stripped);
        if let Some(pieces) = split_run_together(stripped, bullet, outlets, mostly_latin) {
            lines.extend(pieces);
            continue;
        }
        // Keep a lone "*" or "-" line's text rather than an empty one.
        let text = if stripped.is_empty() {
            raw.trim()
        } else {
            stripped
        };
        let mut kind = classify(text, outlets, mostly_latin);
        // `— Jane Doe` on a line of its own: the reporter signing the story. Not a quotation's
        // attribution (it follows a quote), nor one of a list of names.
        let signed = signed_name(raw, outlets).filter(|_| kind == Kind::Body);
        let text = match signed {
            Some(name) if !after_quote(&lines) => {
                match last_signed {
                    // A list of names, each after a dash: none of them signs the story.
                    Some(previous) => lines[previous].kind = Kind::Body,
                    None => kind = Kind::Meta(Meta::Byline),
                }
                last_signed = Some(lines.len());
                name
            }
            _ => {
                if kind != Kind::Blank {
                    last_signed = None;
                }
                text
            }
        };
        let menu_item = matches!(kind, Kind::Body | Kind::Junk) && !more_words_than(text, 2);
        if kind == Kind::Body && LIST_HEADER.is_match(text) {
            // "Video" in a run of menu items is one more item, not the head of a list of stories.
            in_list = !after_menu_item;
            kind = Kind::Junk;
        } else if in_list {
            match kind {
                Kind::Body if body_like(text) => {
                    in_list = false;
                    if !story_seen {
                        reclaim_headline(&mut lines, outlets, mostly_latin);
                    }
                }
                Kind::Body | Kind::Meta(Meta::Stamp) => kind = Kind::Junk,
                // A listed story's card: its author and date (`Jane Doe 03 Jun 2025`).
                Kind::Meta(Meta::Byline) if has_digit(text) => kind = Kind::Junk,
                Kind::Meta(_) => in_list = false,
                _ => {}
            }
        }
        if kind != Kind::Blank {
            after_menu_item = menu_item;
        }
        story_seen |= kind == Kind::Body && body_like(text);
        lines.push(Line {
            text: text.to_string(),
            kind,
            bullet,
        });
    }

    let title_sure = mark_title(&mut lines, known_title, outlets);
    mark_name_bylines(&mut lines, outlets);
    mark_author_bio(&mut lines);
    drop_trailing_lists(&mut lines);
    let blocks = build_blocks(&lines, outlets);
    Doc {
        lines,
        blocks,
        title_sure,
        dateline: Default::default(),
    }
}

/// `Jane Doe is a Lusaka-based journalist and a regular contributor to …` among the last lines:
/// the writer's note on themselves. Their name becomes a byline line (a reporter, never an
/// actor) and the note leaves the body.
fn mark_author_bio(lines: &mut Vec<Line>) {
    static BIO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<name>\p{Lu}[\p{L}'’.-]+(?: \p{Lu}[\p{L}'’.-]+)+) is an? [^.]*?(?:journalist|writer|reporter|correspondent|columnist|contributor|editor|author|freelancer)s?(?:\W|$)").unwrap()
    });
    let last_texts: Vec<usize> = (0..lines.len())
        .rev()
        .filter(|&i| lines[i].kind == Kind::Body)
        .take(3)
        .collect();
    for at in last_texts {
        let Some(name) = BIO
            .captures(&lines[at].text)
            .and_then(|c| c.name("name"))
            .map(|m| m.as_str().to_string())
            .filter(|name| name.split(' ').count() <= 4)
        else {
            continue;
        };
        lines[at].kind = Kind::Meta(Meta::Note);
        lines.insert(
            at,
            Line {
                text: name,
                kind: Kind::Meta(Meta::Byline),
                bullet: false,
            },
        );
        return;
    }
}

/// `— Jane Doe`, `- Jane Doe`: a name alone after a dash, as a reporter signs a story.
fn signed_name<'r>(raw: &'r str, outlets: &OutletMatcher) -> Option<&'r str> {
    let rest = raw.trim().strip_prefix(['-', '–', '—'])?;
    let name = rest.strip_prefix(' ')?.trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let name_word = |w: &&str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_lowercase() || matches!(c, '-' | '\'' | '’'))
    };
    // The dash is evidence enough for names of everyday words (`Goh Yan Han`), not for a phrase
    // made only of them (`Read More Here`).
    ((2..=4).contains(&words.len())
        && words.iter().all(name_word)
        && !super::names::is_everyday_phrase(name)
        && outlets.resolve(name).is_none()
        && !super::headline::is_organisation(name))
    .then_some(name)
}

/// Whether the last text line ends a quotation, so a name under it is the speaker's.
fn after_quote(lines: &[Line]) -> bool {
    lines
        .iter()
        .rev()
        .find(|l| l.kind != Kind::Blank)
        .is_some_and(|l| l.text.trim_end().ends_with(['"', '\u{201d}', '\u{2019}']))
}

/// `More Top Stories` / `Headline A` / `27 April 2024` / `The headline` / `Friday 8 April 2016` /
/// story: the story opens right under the last card of a list of other stories above it, and
/// that card is the story's own headline and stamp.
fn reclaim_headline(lines: &mut [Line], outlets: &OutletMatcher, mostly_latin: bool) {
    let mut text_lines = (0..lines.len())
        .rev()
        .filter(|&i| lines[i].kind != Kind::Blank);
    let Some(last) = text_lines.next() else {
        return;
    };
    let (stamp, headline) = match classify(&lines[last].text, outlets, mostly_latin) {
        Kind::Meta(Meta::Stamp) => (Some(last), text_lines.next()),
        _ => (None, Some(last)),
    };
    let Some(headline) = headline.filter(|&i| {
        lines[i].kind == Kind::Junk
            && more_words_than(&lines[i].text, 2)
            && super::title_line::headline_like(&lines[i].text)
            && classify(&lines[i].text, outlets, mostly_latin) == Kind::Body
    }) else {
        return;
    };
    lines[headline].kind = Kind::Body;
    if let Some(stamp) = stamp {
        lines[stamp].kind = Kind::Meta(Meta::Stamp);
    }
}

/// A line that holds two or more lines run together (a stamp and a byline, a headline and its
/// stamp, a story and its credit…), parted into those lines with their kinds; `None` for a line
/// that is one line. `bullet` marks a headline kept from a bulleted line.
fn split_run_together(
    stripped: &str,
    bullet: bool,
    outlets: &OutletMatcher,
    mostly_latin: bool,
) -> Option<Vec<Line>> {
    let mut pieces: Vec<Line> = Vec::new();
    if let Some((stamp, rest)) = super::dates::split_leading_stamp(stripped) {
        pieces.push(Line {
            text: super::dates::spaced_stamp(stamp),
            kind: Kind::Meta(Meta::Stamp),
            bullet: false,
        });
        // ` date 2022-07-01 Jane Doe`: a name alone after the stamp is the byline.
        let kind = if super::headline::bare_byline(rest, outlets) {
            Kind::Meta(Meta::Byline)
        } else {
            classify(rest, outlets, mostly_latin)
        };
        push_line(&mut pieces, rest, kind);
        return Some(pieces);
    }
    if let Some((headline, credit, lead)) = wire_run_on(stripped) {
        // `Headline Beijing (Wire) June 16, 2010 Lead…`: a wire story copied as one line.
        for (text, kind) in [
            (headline, Kind::Body),
            (credit, Kind::Meta(Meta::Stamp)),
            (lead, Kind::Body),
        ] {
            push_line(&mut pieces, text, kind);
        }
        return Some(pieces);
    }
    if let Some([headline, byline, stamp, lead]) = byline_run_on(stripped) {
        for (text, kind) in [
            (headline, Kind::Body),
            (byline, Kind::Meta(Meta::Byline)),
            (stamp, Kind::Meta(Meta::Stamp)),
            (lead, classify(lead, outlets, mostly_latin)),
        ] {
            push_line(&mut pieces, text, kind);
        }
        return Some(pieces);
    }
    if let Some((byline, story)) = super::headline::split_byline_before_dateline(stripped, outlets)
    {
        push_line(&mut pieces, byline, Kind::Meta(Meta::Byline));
        push_line(&mut pieces, story, classify(story, outlets, mostly_latin));
        return Some(pieces);
    }
    if let Some((byline, story)) = super::headline::split_byline_in_fields(stripped, outlets) {
        let kind = classify(&story, outlets, mostly_latin);
        pieces.push(Line {
            text: byline,
            kind: Kind::Meta(Meta::Byline),
            bullet: false,
        });
        pieces.push(Line {
            text: story,
            kind,
            bullet: false,
        });
        return Some(pieces);
    }
    // `(Reporting by Jane Doe; Editing by John Roe)`, `(By Jane Doe; Editing by John Roe)`
    // on a line of its own: the wire's credit, read without its brackets.
    if let Some(inner) = stripped
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .filter(|t| t.len() <= 300 && !t.contains(['(', ')']))
    {
        let kind = classify(inner, outlets, mostly_latin);
        if matches!(kind, Kind::Meta(Meta::Credit) | Kind::Meta(Meta::Byline)) {
            push_line(&mut pieces, inner, kind);
            return Some(pieces);
        }
    }
    if let Some((headline, stamp)) = super::dates::split_glued_stamp(stripped) {
        pieces.push(Line {
            text: headline.to_string(),
            kind: classify(headline, outlets, mostly_latin),
            bullet,
        });
        push_line(&mut pieces, stamp, Kind::Meta(Meta::Stamp));
        return Some(pieces);
    }
    if let Some((stamp, byline)) = super::dates::split_stamp_and_byline(stripped) {
        let dated = stamp.bytes().any(|b| b.is_ascii_digit());
        let kind = if dated {
            Kind::Meta(Meta::Stamp)
        } else {
            Kind::Junk
        };
        push_line(&mut pieces, stamp, kind);
        push_line(&mut pieces, byline, Kind::Meta(Meta::Byline));
        return Some(pieces);
    }
    if let Some((stamp, byline)) = super::dates::split_stamp_and_bare_byline(stripped, outlets) {
        push_line(&mut pieces, stamp, Kind::Meta(Meta::Stamp));
        push_line(&mut pieces, byline, Kind::Meta(Meta::Byline));
        return Some(pieces);
    }
    if let Some((byline, stamp)) = super::dates::split_name_and_stamp(stripped, outlets) {
        push_line(&mut pieces, byline, Kind::Meta(Meta::Byline));
        push_line(&mut pieces, stamp, Kind::Meta(Meta::Stamp));
        return Some(pieces);
    }
    if let Some((source, stamp)) = super::dates::split_source_and_stamp(stripped) {
        push_line(&mut pieces, source, classify(source, outlets, mostly_latin));
        push_line(&mut pieces, stamp, Kind::Meta(Meta::Stamp));
        return Some(pieces);
    }
    if let Some((label, line)) = super::chrome::split_glued_image_label(stripped) {
        push_line(&mut pieces, label, Kind::Junk);
        push_line(&mut pieces, line, classify(line, outlets, mostly_latin));
        return Some(pieces);
    }
    if let Some((line, widget)) = super::chrome::split_trailing_widget(stripped) {
        push_line(&mut pieces, line, classify(line, outlets, mostly_latin));
        push_line(&mut pieces, widget, Kind::Junk);
        return Some(pieces);
    }
    if let Some((story, notice)) = super::chrome::split_trailing_notice(stripped) {
        push_line(&mut pieces, story, classify(story, outlets, mostly_latin));
        push_line(&mut pieces, notice, Kind::Junk);
        return Some(pieces);
    }
    if let Some((text, source)) = super::chrome::split_trailing_source(stripped) {
        push_line(&mut pieces, text, classify(text, outlets, mostly_latin));
        push_line(&mut pieces, source, Kind::Meta(Meta::Source));
        return Some(pieces);
    }
    if let Some((text, credit)) = split_trailing_credit(stripped) {
        let kind = classify(text, outlets, mostly_latin);
        push_line(&mut pieces, text, kind);
        push_line(&mut pieces, credit, Kind::Meta(Meta::Credit));
        return Some(pieces);
    }
    None
}

/// Adds a line that [`clean`] split off another one, printed after no bullet.
fn push_line(lines: &mut Vec<Line>, text: &str, kind: Kind) {
    lines.push(Line {
        text: text.to_string(),
        kind,
        bullet: false,
    });
}

/// A wire's credit closing the story's last paragraph, `… the forum said. (Reporting by Jane
/// Doe; Editing by John Roe)`: the paragraph without it, and the credit without its brackets,
/// so its names are read as the story's reporters and never as people in the story.
fn split_trailing_credit(text: &str) -> Option<(&str, &str)> {
    if !text.ends_with(')') || !(text.contains(" by ") || text.contains(" By ")) {
        return None;
    }
    let found = TRAILING_CREDIT.captures(text)?;
    let whole = found.get(0)?;
    let before = text[..whole.start()].trim_end();
    (!before.is_empty()).then(|| (before, found.get(1).map_or("", |m| m.as_str()).trim()))
}

static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s*\(((?:additional )?(?:reporting|writing|editing|compiled) by [^()]{3,300})\)$",
    )
    .unwrap()
});

/// Marks the headline line (and the lines above it as pre-title); returns whether the pick is sure.
fn mark_title(lines: &mut Vec<Line>, known_title: Option<&str>, outlets: &OutletMatcher) -> bool {
    if let Some(known) = known_title {
        // A page's own title is authoritative; drop its repeat at the top of the text.
        let key = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let body = (0..lines.len()).filter(|&i| lines[i].kind == Kind::Body);
        if let Some(i) = body.take(3).find(|&i| {
            let line = key(&lines[i].text);
            !line.is_empty() && key(known).contains(&line)
        }) {
            lines[i].kind = Kind::Title;
        }
        return true;
    }
    let Some(pick) = super::title_line::pick(lines, None, outlets) else {
        return false;
    };
    if let Some(at) = pick.split {
        // A headline glued to its standfirst: the standfirst goes on as text of its own.
        let standfirst = lines[pick.line].text.split_off(at);
        lines.insert(
            pick.line + 1,
            Line {
                text: standfirst.trim().to_string(),
                kind: Kind::Body,
                bullet: false,
            },
        );
        let headline = &mut lines[pick.line].text;
        headline.truncate(headline.trim_end().len());
    }
    lines[pick.line].kind = Kind::Title;
    // Lines above the headline are chrome, except article text; a tab title glued to its
    // description (`Headline The story began…`) is a copy of what follows, not text.
    let title_key = lines[pick.line].text.clone();
    for line in lines[..pick.line].iter_mut() {
        if line.kind == Kind::Body && (!body_like(&line.text) || line.text.starts_with(&title_key))
        {
            line.kind = Kind::PreTitle;
        }
    }
    pick.sure
}

/// A byline printed as the bare name between the headline and the story (`Anjali Deshmukh`, then
/// `BBC Marathi, Beed`; `Jane Doe, Staff Writer`; `Jane Doe | Valley Courier`): see
/// [`super::headline::bare_byline`].
fn mark_name_bylines(lines: &mut [Line], outlets: &OutletMatcher) {
    let Some(title) = lines.iter().position(|l| l.kind == Kind::Title) else {
        return;
    };
    let named_elsewhere = |lines: &[Line], at: usize| named_elsewhere(lines, at, outlets);
    for at in title + 1..lines.len() {
        if lines[at].kind == Kind::Body && named_elsewhere(lines, at) {
            continue;
        }
        let line = &mut lines[at];
        // `Jane Doe Mar 4, 2024`: a reporter's name run on into the stamp under the headline.
        if line.kind == Kind::Meta(Meta::Stamp)
            && super::headline::without_byline_extras(&line.text).len() < line.text.trim().len()
            && super::headline::bare_byline(&line.text, outlets)
        {
            line.kind = Kind::Meta(Meta::Byline);
            return;
        }
        if line.kind != Kind::Body {
            continue;
        }
        if body_like(&line.text) {
            break;
        }
        // Before the dateline test: `Jane Doe - Staff Reporter` opens the way `GENEVA - …` does.
        if super::headline::bare_byline(&line.text, outlets) {
            line.kind = Kind::Meta(Meta::Byline);
            return;
        }
        if super::headline::DATELINE.is_match(&line.text) {
            break;
        }
    }
    // None under the headline: a page may print the reporter's name just above it.
    let above = (0..title).rev().find(|&i| lines[i].kind != Kind::Blank);
    if let Some(at) = above.filter(|&at| {
        lines[at].kind == Kind::PreTitle
            && super::headline::bare_byline(&lines[at].text, outlets)
            && !named_elsewhere(lines, at)
    }) {
        lines[at].kind = Kind::Meta(Meta::Byline);
        return;
    }
    // Nor above it: a name on a line of its own right over the stamp, further down (a preview
    // of the story, then `Jane Doe`, then `December 31, 2019`), is the writer's.
    if lines.iter().any(|l| l.kind == Kind::Meta(Meta::Byline)) {
        return;
    }
    let over_stamp = (title + 1..lines.len()).find(|&at| {
        lines[at].kind == Kind::Body
            && lines[at + 1..]
                .iter()
                .find(|l| l.kind != Kind::Blank)
                .is_some_and(|l| l.kind == Kind::Meta(Meta::Stamp))
            && super::headline::bare_byline(&lines[at].text, outlets)
            && !named_elsewhere(lines, at)
    });
    if let Some(at) = over_stamp {
        lines[at].kind = Kind::Meta(Meta::Byline);
    }
}

/// Whether the text goes on to use line `at` (a name): a reporter is not in their own story, so
/// a name used elsewhere (a photo's label above its caption, the subject of a profile) is not a
/// byline. Photo credits do not count: reporters often take the pictures too.
pub(crate) fn named_elsewhere(lines: &[Line], at: usize, outlets: &OutletMatcher) -> bool {
    let text = &lines[at].text;
    // `Margaret Doe, Ken Roe` over a photo: each name of a list counts.
    let parts: Vec<&str> = text
        .split([',', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| p.contains(' '))
        .collect();
    let listed = parts.len() >= 2;
    // Each name is looked for in every body line: its searcher is set up once, not per line.
    let names: Vec<memchr::memmem::Finder> = std::iter::once(text.as_str())
        .chain(parts)
        .map(memchr::memmem::Finder::new)
        .collect();
    let names_any = |text: &str| {
        names
            .iter()
            .any(|name| name.find(text.as_bytes()).is_some())
    };
    lines.iter().enumerate().any(|(i, l)| {
        // A line that names none of them needs no closer look (whether it is a caption).
        if i == at || l.kind != Kind::Body || !names_any(&l.text) {
            return false;
        }
        // A caption may credit the photographer, who may be the story's reporter too; only a
        // list of names is looked for in one, before its credits in brackets (the people in
        // the photo).
        let searched = match is_caption(&l.text, outlets) {
            false => &l.text,
            true if listed => without_trailing_brackets(&l.text),
            true => return false,
        };
        names_any(searched)
    })
}

/// `Dozens dead in floods Portville (Wire) June 16, 2010 At least 42 people…`: a headline, the
/// place and agency with the day it filed, and the lead, copied as one line; the three parts.
fn wire_run_on(text: &str) -> Option<(&str, &str, &str)> {
    static RUN_ON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<head>\S.{18,200}?) (?P<credit>\p{Lu}[\p{L}.-]+(?: \p{Lu}[\p{L}.-]+)? \([A-Z][A-Za-z-]{1,15}\) (?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4})) (?P<lead>\p{Lu}.{60,})$").unwrap()
    });
    // Most long lines have no `) ` before a month or a day: they are not searched. Most have
    // no closing bracket at all, which one byte search tells before the two-byte one runs.
    if text.len() < 120 || !text.as_bytes().contains(&b')') {
        return None;
    }
    let dated_bracket = text.match_indices(") ").any(|(at, _)| {
        text[at + 2..].starts_with(|c: char| c.is_ascii_digit() || "JFMASOND".contains(c))
    });
    if !dated_bracket {
        return None;
    }
    let caps = RUN_ON.captures(text)?;
    Some((
        caps.name("head")?.as_str(),
        caps.name("credit")?.as_str(),
        caps.name("lead")?.as_str(),
    ))
}

/// `Storm closes port By Jane Doe - September 24, 2021 0 182 Facebook Twitter The port …`: a
/// page's headline, byline, stamp, counters, share buttons and lead copied as one line; the
/// headline, the byline, the stamp and the lead.
fn byline_run_on(text: &str) -> Option<[&str; 4]> {
    static RUN_ON: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<head>\S.{18,200}?) (?P<byline>By (?:\p{Lu}[\p{L}'’.-]+ ){1,3}\p{Lu}[\p{L}'’.-]+) [-–|•·] (?P<stamp>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}) (?P<rest>.{60,})$").unwrap()
    });
    /// What a page prints between the stamp and the lead: counters and share buttons.
    fn widget_word(word: &str) -> bool {
        word.bytes().all(|b| b.is_ascii_digit())
            || [
                "Facebook",
                "Twitter",
                "Pinterest",
                "WhatsApp",
                "Email",
                "LinkedIn",
                "Telegram",
                "Share",
                "Print",
                "Tweet",
                "Reddit",
            ]
            .contains(&word)
    }
    if text.len() < 120 || !text.contains(" By ") {
        return None;
    }
    let caps = RUN_ON.captures(text)?;
    let rest = caps.name("rest")?.as_str();
    let mut lead = rest;
    while let Some((word, after)) = lead.split_once(' ') {
        if !widget_word(word) {
            break;
        }
        lead = after;
    }
    // The page's section label comes first: `News Storm closes port`.
    let mut head = caps.name("head")?.as_str();
    while let Some((word, after)) = head.split_once(' ') {
        if !super::title_line::is_section_label(word) || !after.starts_with(char::is_uppercase) {
            break;
        }
        head = after;
    }
    lead.starts_with(|c: char| c.is_uppercase()).then_some([
        head,
        caps.name("byline")?.as_str(),
        caps.name("stamp")?.as_str(),
        lead,
    ])
}

/// `Storm closes portStorm closes port`: a headline printed twice with nothing between (the
/// page's heading and its copy for sharing), once; so is a desk's credit printed twice with a
/// space between (`Valley Sports Desk Valley Sports Desk`).
fn undoubled(text: &str) -> &str {
    if text.len() < 24 {
        return text;
    }
    if text.len() >= 40 && super::title_line::doubled(text) {
        return &text[..text.len() / 2];
    }
    let half = text.len() / 2;
    let spaced = text.len() % 2 == 1
        && text.as_bytes()[half] == b' '
        && text.is_char_boundary(half)
        && text[..half] == text[half + 1..];
    if spaced {
        &text[..half]
    } else {
        text
    }
}

/// `Photo of Jane Doe Jane Doe Follow on Twitter | Published: …`: an author box, the alt text
/// of the author's portrait, the name, a link to follow them; the byline it stands for (`By Jane
/// Doe | Published: …`).
fn author_box(text: &str) -> Option<String> {
    let rest = text.strip_prefix("Photo of ")?;
    let words: Vec<&str> = rest.split(' ').collect();
    (1..=4).find_map(|n| {
        let name = words.get(..n)?.join(" ");
        let again = words.get(n..2 * n)?.join(" ");
        if name != again || !name.starts_with(char::is_uppercase) {
            return None;
        }
        let after = words[2 * n..].join(" ");
        let after = after.trim_start();
        let after = match after.strip_prefix("Follow on ") {
            Some(site) => site.split_once(' ').map_or("", |(_, r)| r),
            None => after,
        };
        let after = after.trim_start_matches(['|', ' ', '·', '-']).trim();
        Some(if after.is_empty() {
            format!("By {name}")
        } else {
            format!("By {name} | {after}")
        })
    })
}

/// `Jane Doe, Courier By Jane Doe, Courier`: an author box's name run on into the byline that
/// repeats it; the byline from its "By" on.
fn doubled_byline(text: &str) -> Option<&str> {
    if text.len() > 160 || text.starts_with(['B', 'b']) {
        return None;
    }
    let at = text.find(" By ")?;
    let (head, byline) = (text[..at].trim(), &text[at + 1..]);
    (head.contains(' ') && byline["By ".len()..].starts_with(head)).then_some(byline)
}

/// A caption without the bracketed credits at its end (`… in Geneva. (Photo/Jane Doe)`).
pub(crate) fn without_trailing_brackets(text: &str) -> &str {
    let mut text = text.trim_end();
    while text.ends_with(')') {
        match text.rfind('(') {
            Some(open) => text = text[..open].trim_end(),
            None => break,
        }
    }
    text
}

/// Short headline-like lines after the last real paragraph are lists of other stories.
fn drop_trailing_lists(lines: &mut [Line]) {
    for line in lines.iter_mut().rev() {
        match line.kind {
            Kind::Blank | Kind::Junk | Kind::Meta(_) => continue,
            Kind::Body if super::html::figure_of_marker(&line.text).is_some() => continue,
            // A story's last sentence signed off by its agency (`… by floods.-VNA`) is no list.
            Kind::Body
                if !body_like(&line.text)
                    && !line.text.ends_with(['.', '"', '”', ')'])
                    && super::chrome::sign_off(&line.text).is_none()
                    && !more_words_than(&line.text, 15) =>
            {
                line.kind = Kind::Junk
            }
            _ => break,
        }
    }
}

/// How two consecutive text lines join.
#[derive(Debug, PartialEq, Eq)]
enum Join {
    Paragraph,
    Space,
    Glue,
}

/// How the line `next` continues `prev`. In hard-wrapped text (`wrapped`), where blank lines mark
/// paragraphs, every single line break is a soft one ("President" / "Moon Jae-in said").
fn join_kind(prev: &str, next: &str, wrapped: bool, vocabulary: &dyn Fn(&str) -> bool) -> Join {
    let (Some(last), Some(first)) = (prev.chars().last(), next.chars().next()) else {
        return Join::Paragraph;
    };
    // A figure stands on its own.
    if last == '\u{27e7}' || first == '\u{27e6}' {
        return Join::Paragraph;
    }
    // `2. Jane Doe (38)`: the next item of a numbered list, a paragraph of its own.
    if !wrapped && opens_numbered_item(next) {
        return Join::Paragraph;
    }
    let continues = wrapped || first.is_lowercase() || first.is_ascii_digit() || first == '(';
    if matches!(last, ',' | ';' | '–' | '—' | '(' | '&') {
        return Join::Space;
    }
    if last == '-' && prev.len() > 1 && first.is_alphabetic() {
        // "well-" + "known": a hyphenated word split at its hyphen keeps the hyphen.
        return Join::Glue;
    }
    if !continues || (!wrapped && matches!(last, '.' | '?' | '!' | ':' | '"' | '”' | '’')) {
        return Join::Paragraph;
    }
    if !(last.is_alphabetic() && first.is_alphabetic()) {
        return Join::Space;
    }
    let left: String = prev
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let right: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    let (l, r) = (left.to_lowercase(), right.to_lowercase());
    // The article's own words confirm a glued form ("cooperation" used elsewhere) but not the
    // fragments, which are in the vocabulary only because of this very break.
    let is_word = super::names::is_english_word;
    let glued = format!("{l}{r}");
    let proper = left.chars().next().is_some_and(char::is_uppercase);
    if is_word(&glued) || vocabulary(&glued) {
        Join::Glue
    } else if proper || is_word(&l) || is_word(&r) {
        // "Gunn" / "held", "ballistic" / "missile": a name or a word on either side is a word break.
        Join::Space
    } else {
        // Neither half is a word ("Pyong" / "yang"): one word broken in two.
        Join::Glue
    }
}

/// `12. ` or `3) `: one to three digits, a full stop or a bracket, and a space.
fn opens_numbered_item(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
        && line.as_bytes().get(digits + 1) == Some(&b' ')
}

/// Text wrapped at a fixed width (pasted from e-mail or a PDF): most lines are of similar, middling
/// length and run on without ending a sentence.
fn hard_wrapped(lines: &[Line]) -> bool {
    let body: Vec<&str> = lines
        .iter()
        .filter(|l| l.kind == Kind::Body)
        .map(|l| l.text.as_str())
        .collect();
    if body.len() < 8 {
        return false;
    }
    let middling = body
        .iter()
        .filter(|t| (40..=100).contains(&t.chars().count()))
        .count();
    let running = body
        .iter()
        .filter(|t| !t.ends_with(['.', '?', '!', '"', '”', ':']))
        .count();
    let paragraphs_marked = lines
        .windows(3)
        .any(|w| w[0].kind == Kind::Body && w[1].kind == Kind::Blank && w[2].kind == Kind::Body);
    middling * 4 >= body.len() * 3 && running * 2 >= body.len() && paragraphs_marked
}

/// Builds paragraphs from consecutive body lines and keeps one copy of repeated captions.
fn build_blocks(lines: &[Line], outlets: &OutletMatcher) -> Vec<Block> {
    // The article's own words, collected only if a line broken mid-word asks for them.
    let words: std::cell::OnceCell<FxHashSet<String>> = std::cell::OnceCell::new();
    let vocabulary = |word: &str| {
        words
            .get_or_init(|| {
                lines
                    .iter()
                    .filter(|l| l.kind == Kind::Body)
                    .flat_map(|l| l.text.split(|c: char| !c.is_alphabetic()))
                    .filter(|w| w.len() > 2)
                    .map(str::to_lowercase)
                    .collect()
            })
            .contains(word)
    };
    let wrapped = hard_wrapped(lines);

    let mut paragraphs: Vec<String> = Vec::new();
    let mut open = false;
    for line in lines {
        if line.kind != Kind::Body {
            if line.kind != Kind::Junk {
                open = false;
            }
            continue;
        }
        match paragraphs.last_mut() {
            Some(last) if open => match join_kind(last, &line.text, wrapped, &vocabulary) {
                Join::Paragraph => paragraphs.push(line.text.clone()),
                Join::Space => {
                    last.push(' ');
                    last.push_str(&line.text);
                }
                Join::Glue => last.push_str(&line.text),
            },
            _ => paragraphs.push(line.text.clone()),
        }
        open = true;
    }

    // Sites print a caption twice character for character, so the text itself is the key.
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for p in &paragraphs {
        *counts.entry(p.as_str()).or_default() += 1;
    }
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let kinds: Vec<Option<bool>> = paragraphs
        .iter()
        .map(|p| {
            if !seen.insert(p.as_str()) {
                return None;
            }
            let repeated = counts[p.as_str()] > 1 && more_words_than(p, 3);
            Some(repeated || is_caption(p, outlets))
        })
        .collect();
    paragraphs
        .into_iter()
        .zip(kinds)
        .filter_map(|(p, caption)| match caption? {
            _ if super::html::figure_of_marker(&p).is_some() => {
                super::html::figure_of_marker(&p).map(|n| Block::Figure(n, p))
            }
            true => Some(Block::Caption(p)),
            false => Some(Block::Para(p)),
        })
        .collect()
}

/// Builds the caption and credit patterns before the first input needs them (see [`super::warm_up`]).
pub(crate) fn patterns() -> Vec<fn()> {
    vec![
        || {
            LazyLock::force(&CAPTION);
            LazyLock::force(&AGENCY_CREDIT);
        },
        || {
            LazyLock::force(&CAPITALS_CREDIT);
            LazyLock::force(&NAMED_AGENCY_CREDIT);
            LazyLock::force(&TRAILING_CREDIT);
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_author_box_is_the_byline() {
        assert_eq!(
            author_box(
                "Photo of Jane Doe Jane Doe Follow on Twitter |   Published: 31st October 2023"
            ),
            Some("By Jane Doe | Published: 31st October 2023".to_string())
        );
        assert_eq!(
            author_box("Photo of Jane Doe Jane Doe"),
            Some("By Jane Doe".to_string())
        );
        assert_eq!(author_box("Photo of the harbour at dawn"), None);
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let got = crate::import::import_text(
            "Harbour deports 12 workers\n\nPhoto of Jane Doe Jane Doe Follow on Twitter | \
            Published: 31st October 2023 12:57 am\nHarbour deports 12 workers\n\nThe port \
            authority deported twelve workers on Monday, officials said.\n",
            "t.txt",
            &ctx,
        );
        assert_eq!(got.front.byline, vec!["Jane Doe".to_string()]);
        assert_eq!(got.front.title, "Harbour deports 12 workers");
    }

    #[test]
    fn a_page_copied_as_one_line_is_read_as_its_headline_byline_stamp_and_lead() {
        let text = "News Storm closes the harbour for two days By Jane Doe - September 24, 2021 \
            0 182 Facebook Twitter Pinterest WhatsApp If you need a ferry today, you will wait \
            longer than you would have a year ago, according to the port authority.\n";
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let got = crate::import::import_text(text, "t.txt", &ctx);
        assert_eq!(got.front.title, "Storm closes the harbour for two days");
        assert_eq!(got.front.byline, vec!["Jane Doe".to_string()]);
        assert_eq!(
            got.front.date.map(|d| d.to_string()).as_deref(),
            Some("2021-09-24")
        );
        assert!(
            got.body.trim().starts_with("If you need a ferry today"),
            "{}",
            got.body
        );
    }

    #[test]
    fn the_caption_tests_skip_no_line_their_patterns_match() {
        let lines = [
            "This photo shows the minister in Seoul.",
            "this file photo shows the site",
            "A photo of the ceremony.",
            "File photo",
            "Photo: Jane Doe",
            "Foto: Harbour Daily/Jane Doe",
            "(Photo: Yonhap)",
            "[photo] the harbour",
            "Leaders meet in Paris. (AP Photo/Jane Doe)  ",
            "The harbour at dawn. Photograph: Jane Doe/Reuters",
            "Crowds gather in the square GETTY IMAGES",
            "The bridge at night - file photos",
            "The bridge at night — picture",
            "The summit opened on Sunday. DIEGO RAMOS",
            "The summit opened on Sunday. DIEGO RAMOS / AFP",
            "The summit opened on Sunday. DIEGO RAMOS (AFP)",
            "The summit opened on Sunday. JANE O’DOE-RAMOS.",
            "The summit opened on Sunday. Jane Doe (EFE)",
            "The summit opened on Sunday [AFP]",
            "The summit opened on Sunday | EPA",
            "The talks resumed on Sunday, the ministry said.",
            "Officials said the talks would resume in March.",
            "He told reporters: the talks go on.",
            "The summit opened on Sunday. UN",
        ];
        let tail_of =
            |line: &'static str| &line[line.floor_char_boundary(line.len().saturating_sub(80))..];
        // The lines exercise every pattern the tests guard.
        assert!(lines.iter().filter(|l| CAPTION.is_match(l)).count() >= 10);
        assert!(
            lines
                .iter()
                .filter(|l| CAPITALS_CREDIT.is_match(tail_of(l)))
                .count()
                >= 3
        );
        assert!(
            lines
                .iter()
                .filter(|l| AGENCY_CREDIT.is_match(tail_of(l)))
                .count()
                >= 2
        );
        assert!(lines
            .iter()
            .any(|l| NAMED_AGENCY_CREDIT.is_match(tail_of(l))));
        for line in lines {
            let end = line.trim_end();
            let tail = tail_of(line);
            if CAPTION.is_match(line) {
                assert!(may_match_caption(line, end), "{line}");
            }
            if CAPITALS_CREDIT.is_match(tail) {
                assert!(
                    tail.contains('/') || end.ends_with(')') || capitals_close(end),
                    "{line}"
                );
            }
            if AGENCY_CREDIT.is_match(tail) {
                assert!(tail.contains(['/', '|']) || end.ends_with(']'), "{line}");
            }
            if NAMED_AGENCY_CREDIT.is_match(tail) {
                assert!(end.ends_with(')'), "{line}");
            }
        }
        // Most paragraphs end in a lower-case word and a full stop: no pattern is run for them.
        for plain in [
            "The talks resumed on Sunday, the ministry said.",
            "Officials said the talks would resume in Seoul.",
        ] {
            assert!(!may_match_caption(plain, plain), "{plain}");
            assert!(!capitals_close(plain), "{plain}");
        }
        assert!(capitals_close("… on Sunday. DIEGO RAMOS"));
        assert!(!capitals_close("… said the U"));
    }

    fn words(_: &str) -> bool {
        false
    }

    #[test]
    fn lines_broken_mid_word_are_glued_and_between_words_spaced() {
        assert_eq!(
            join_kind(
                "On the deepening of military coope",
                "ration between",
                false,
                &words
            ),
            Join::Glue
        );
        assert_eq!(
            join_kind(
                "in a future-oriented manner",
                "particularly as next",
                false,
                &words
            ),
            Join::Space
        );
        assert_eq!(
            join_kind("It ended.", "Then it began", false, &words),
            Join::Paragraph
        );
    }

    fn byline_of(text: &str) -> Vec<String> {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        crate::import::import_text(text, "t.txt", &ctx).front.byline
    }

    #[test]
    fn a_bare_name_under_the_headline_is_its_byline_unless_the_story_names_it() {
        let story = "Ferry operator cancels winter crossings\n\nJane Okafor\n\nThe ferry \
            operator cancelled its winter crossings on Monday, citing thick ice and low bookings, \
            the company said in a statement.\nPassengers were offered refunds. Photo: Jane \
            Okafor/Harbour Courier\n";
        assert_eq!(byline_of(story), ["Jane Okafor"]);
        let profile = "Ferry operator cancels winter crossings\n\nMarta Lindqvist\n\nMarta \
            Lindqvist, who runs the ferry company, cancelled its winter crossings on Monday, \
            citing thick ice and low bookings.\n";
        assert!(byline_of(profile).is_empty());
    }

    #[test]
    fn a_name_signed_with_a_dash_is_the_byline_unless_it_answers_a_quote_or_lists_names() {
        let head = "Ferry operator cancels winter crossings\n\nThe ferry operator cancelled \
            its winter crossings on Monday, citing thick ice and low bookings.\n\n";
        for dash in ["-", "\u{2014}"] {
            let signed = format!("{head}{dash} Goh Yan Han\n\nPassengers were offered refunds.\n");
            assert_eq!(byline_of(&signed), ["Goh Yan Han"], "{dash}");
        }
        let quote = format!(
            "{head}\u{201c}We will sail again in spring.\u{201d}\n\u{2014} Marta Lindqvist\n"
        );
        assert!(byline_of(&quote).is_empty());
        let list = format!("{head}The crew:\n- Marta Lindqvist\n- Goh Yan Han\n- Tamuno Briggs\n");
        assert!(byline_of(&list).is_empty());
    }

    #[test]
    fn a_reporter_credited_in_brackets_in_the_lead_is_the_byline_not_an_actor() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let text = "Harbour Masters final ends in a sweep\n\nHarbour Wire, Portville, May 28 \
            (Reporter Tan Mei Ling) The final of the Harbour Masters was held on the 28th, and \
            coach Kwabe Ajumo said the team had played well.\n";
        let got = crate::import::import_text(text, "t.txt", &ctx).front;
        assert_eq!(got.byline, ["Tan Mei Ling"]);
        assert!(
            !got.actors.iter().any(|a| a == "Tan Mei Ling"),
            "{:?}",
            got.actors
        );
        assert!(
            got.actors.iter().any(|a| a == "Kwabe Ajumo"),
            "{:?}",
            got.actors
        );
    }

    #[test]
    fn a_closing_line_of_reported_from_credits_names_the_reporters_not_actors() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let text = "Quake shakes the harbour coast\n\nA strong earthquake struck the harbour \
            coast on Monday, and Mayor Kwabe Ajumo said crews were checking the piers.\n\n\
            Tan Mei Ling reported from Portville; Ida Lum reported from Valleyford.\n";
        let got = crate::import::import_text(text, "t.txt", &ctx).front;
        assert_eq!(got.byline, ["Tan Mei Ling", "Ida Lum"]);
        assert_eq!(got.actors, ["Kwabe Ajumo"]);
        // A sentence of the story that says who reported what is not a credit line.
        let story = text.replace(
            "Tan Mei Ling reported from Portville; Ida Lum reported from Valleyford.",
            "Tan Mei Ling reported from Portville that the piers had held, officials said.",
        );
        assert!(crate::import::import_text(&story, "t.txt", &ctx)
            .front
            .byline
            .is_empty());
    }

    #[test]
    fn a_wire_credit_closing_the_last_paragraph_names_the_reporters_not_actors() {
        let story = "Ferry operator cancels winter crossings\n\nThe ferry operator cancelled \
            its winter crossings on Monday, citing thick ice and low bookings, the company said in \
            a statement.\n\nPassengers were offered refunds, the company said. (Reporting by Jane \
            Okafor; Writing by Tomas Rask and Mei Ling Ong; Editing by Mark Potter)\n";
        assert_eq!(
            byline_of(story),
            ["Jane Okafor", "Tomas Rask", "Mei Ling Ong"]
        );
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let imported = crate::import::import_text(story, "t.txt", &ctx);
        assert!(
            imported.front.actors.is_empty(),
            "{:?}",
            imported.front.actors
        );
        assert!(imported.body.contains("the company said."));
    }

    #[test]
    fn bylines_in_the_forms_sites_print_them() {
        let lead = "The ferry operator cancelled its winter crossings on Monday, citing thick ice \
            and low bookings, the company said in a statement released in the afternoon.\n";
        for byline in [
            "Story by Jane Okafor",
            "Words by Jane Okafor",
            "Written By Jane Okafor",
            "By Jane Okafor Published March 4, 2024",
            "Jane Okafor - Harbour Wire",
            "Jane Okafor – Staff Reporter",
            "Jane Okafor | Published March 4, 2024",
            "Jane Okafor Mar 4, 2024",
            "Jane Okafor · 3 min read",
            "Jane Okafor 4 hours ago",
            "By Jane Okafor •",
            "By Dr. Jane Okafor",
            "By Jane Okafor for the Harbour Courier",
            "Jane Okafor (Harbour Wire)",
            "Contributor: Jane Okafor",
        ] {
            let story = format!("Ferry operator cancels winter crossings\n\n{byline}\n\n{lead}");
            assert_eq!(byline_of(&story), ["Jane Okafor"], "{byline}");
        }
    }

    #[test]
    fn hard_wrapped_text_runs_on_into_capitalised_words() {
        assert_eq!(
            join_kind(
                "talks with South Korean President",
                "Moon Jae-in on",
                true,
                &words
            ),
            Join::Space
        );
        assert_eq!(
            join_kind(
                "talks with South Korean President",
                "Moon Jae-in on",
                false,
                &words
            ),
            Join::Paragraph
        );
    }
}
