//! Title line: which line of a raw text is its headline. Every short line near the top is a
//! candidate; candidates are scored by shape, position, repetition (pages print the headline twice:
//! the browser tab's title and the page's `<h1>`) and agreement with the page's own metadata, and
//! lines that are site chrome, photo captions, pull quotes, datelines or stamps are never chosen.
//! When the winner has no strong evidence, the title is flagged for the editor.

use std::sync::LazyLock;

use regex::Regex;

use super::chrome::{body_like, more_words_than, word_count};
use super::clean::is_caption;
use super::doc::{Kind, Line, Meta};
use super::outlets::OutletMatcher;

/// Lines read for a headline: it sits above the story, after at most a page's worth of chrome.
const HEAD_LINES: usize = 40;

/// `New Delhi, April 16`, `LONDON, 3 March`: a dateline standing alone.
static BARE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[A-Z][\w .'-]{1,30},\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)(?:,?\s+\d{4})?$").unwrap()
});

/// The headline found and how sure the pick is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pick {
    pub line: usize,
    pub sure: bool,
    /// Where the headline ends when its line runs on into the standfirst (`…, chair says The
    /// authority has …`): the byte offset at which the line is to be split.
    pub split: Option<usize>,
}

/// A line's shape allows it to be a headline: a few words, not a sentence of a paragraph.
pub(crate) fn headline_like(text: &str) -> bool {
    // A paragraph is passed over without counting all its words.
    if more_words_than(text, 35) {
        return false;
    }
    let words = word_count(text);
    let ends_period = ends_with_full_stop(text);
    (2..=35).contains(&words)
        && text.chars().count() <= 250
        && !(ends_period && words > 12)
        // `WATCH: …`, `BREAKING: …` are labelled headlines, not datelines, and so is any short
        // line shaped like a dateline without the sentence a dateline opens
        // (`LIVESTREAMED: Ministry briefs press`, `PM: I do not favour …`, `YOUR CITY, YOUR
        // VOICE – Mayor navigates …`).
        && (!super::headline::DATELINE.is_match(text)
            || super::headline::has_leading_label(text)
            || (!ends_period && words <= 15))
}

/// Whether a line ends a sentence with a full stop, not with an abbreviation's dot (`… Ferdinand
/// Marcos, Jr.`, `… in the U.S.`, `… Holdings Inc.`) or an ellipsis.
fn ends_with_full_stop(text: &str) -> bool {
    if !text.ends_with('.') || text.ends_with("..") {
        return false;
    }
    let last = text.rsplit(' ').next().unwrap_or(text);
    let letters = last.chars().filter(|c| c.is_alphabetic()).count();
    let abbreviation = last.chars().next().is_some_and(char::is_uppercase)
        && (letters <= 3 || last[..last.len() - 1].contains('.'));
    !abbreviation
}

/// A sentence ending inside the line and another starting: `… few days. Jane Doe profiles …`.
static TWO_SENTENCES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Ll}{3,}[.!?] \p{Lu}").unwrap());

/// Never a headline, whatever its shape.
fn disqualified(text: &str, outlets: &OutletMatcher) -> bool {
    let first = text.chars().next().unwrap_or(' ');
    let last = text.chars().last().unwrap_or(' ');
    let quoted = matches!(first, '"' | '“' | '‘' | '\'') && matches!(last, '"' | '”' | '’' | '\'');
    let bracketed = first == '[' && last == ']';
    // Counted only for a line shaped like a headline.
    let mostly_digits = || {
        let digits = text.chars().filter(char::is_ascii_digit).count();
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        digits * 2 > letters
    };
    !headline_like(text)
        || first.is_lowercase()
        // `Screenshot 2023 11 24 113714`: a file name or a code, not words.
        || mostly_digits()
        || quoted
        || bracketed
        || last == ':'
        || last == ','
        // `… (PHOTOS)` labels a headline; it is not a photo's credit.
        // A tab title's `| Reuters` is the site's name, not a photo's credit.
        || is_caption(
            &super::headline::without_trailing_label(&super::headline::strip_site_name(
                text, None, outlets,
            )),
            outlets,
        )
        || BARE_DATELINE.is_match(text)
        || super::dates::is_clock_line(text)
        || outlets.resolve(text).is_some()
        || outlets.credit_list(text).is_some()
        || outlets.desk_credit(text).is_some()
        || outlets.placed_credit(text).is_some()
        || is_site_header(text, outlets)
        || is_contact_line(text)
        || is_credited_photo(text, outlets)
        || is_promotion(text)
        || is_teaser(text)
        || doubled(text)
        || tag_row(text)
        || names_where_it_ran(text)
        || name_and_office(text, outlets)
}

/// `Jane Doe, Minister for Health`: a person and the office they hold, as a media release prints
/// under its issuer, never a headline. The office opens with a title and its other words are
/// capitalised or joining words (`for`, `of`, `and`, `the`): no verb says anything happened.
fn name_and_office(text: &str, outlets: &OutletMatcher) -> bool {
    let Some((name, office)) = text.split_once(", ") else {
        return false;
    };
    let mut words = office.split_whitespace();
    words.next().is_some_and(super::names::is_title_word)
        && words.all(|w| {
            w.starts_with(char::is_uppercase) || matches!(w, "for" | "of" | "and" | "the" | "&")
        })
        && super::headline::bare_byline(name, outlets)
}

/// `This article first appeared in Harbour Weekly on May 3, 2022`: a line saying where the
/// story ran (`registry/link_credits.txt`), not its headline.
pub(crate) fn names_where_it_ran(text: &str) -> bool {
    static PLACE_OF_PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
        let phrases = super::names::alternation(include_str!("registry/link_credits.txt"));
        Regex::new(&format!(r"(?i)^(?:{phrases})\s")).unwrap()
    });
    // Every phrase opens with one of these letters.
    text.starts_with(['T', 't', 'O', 'o', 'F', 'f', 'R', 'r', 'C', 'c', 'K', 'k'])
        && PLACE_OF_PUBLICATION.is_match(text)
}

/// `Coronavirus Sri Lanka economy Government bill Coronavirus Sri Lanka`: a row of a story's
/// tags, one of them listed twice. A headline never prints the same three words twice.
fn tag_row(text: &str) -> bool {
    // Most lines are short: no words are folded for them.
    if !super::chrome::more_words_than(text, 5) {
        return false;
    }
    let words: Vec<String> = text
        .split_whitespace()
        .map(super::fold::alnum_lower)
        .filter(|w| !w.is_empty())
        .collect();
    words.len() >= 6
        && (0..words.len().saturating_sub(5)).any(|i| {
            let phrase = &words[i..i + 3];
            (i + 3..=words.len() - 3).any(|j| &words[j..j + 3] == phrase)
        })
}

/// `Send in e-mailSend in e-mail`: a widget's label printed twice without a break (its hidden
/// and its visible text).
pub(crate) fn doubled(text: &str) -> bool {
    let half = text.len() / 2;
    text.len().is_multiple_of(2) && text.is_char_boundary(half) && text[..half] == text[half..]
}

/// `… infrastructure which now houses ...   Read More`: a teaser of another story, cut short and
/// closed by its link.
fn is_teaser(text: &str) -> bool {
    (text.contains("...") || text.contains('…')) && TEASER.is_match(text)
}

static TEASER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\.\.\.|…)\s*(?:read more|continue reading|more)\s*[»›>]*\s*$").unwrap()
});

/// `Jane Doe Journalist with Some Agency | Published work | + 61 400 000 000 | jane@x.com`: a
/// profile or contact line; a headline gives no address or phone number.
fn is_contact_line(text: &str) -> bool {
    (text.contains('@') && super::chrome::email_domains(text).next().is_some())
        || PHONE.is_match(text)
}

/// `+ 61 484 000 000`, `(02) 9999 1234`, `+44 20 7946 0000`: a phone number.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[\s|:])(?:\+\s?\d{1,3}|\(\d{2,4}\))[\s.-]?\d{2,4}(?:[\s.-]?\d{2,4}){2,3}(?:$|[\s|])",
    )
    .unwrap()
});

/// Caption shapes the shared caption test leaves to the body (a caption there must be sure to be
/// one), but that a headline never has: a credit after the sentence (`… Photo / Jane Doe`,
/// `…. Picture: Jane Doe`), an outlet, a picture agency or a credit in brackets after it (`… in
/// Paris. (AFP)`, `…. (Valley Radio: Jane Doe)`), a leading copyright credit (`© Jane Doe / AFP |
/// …`). A label opening a headline (`PHOTOS: …`) is no credit.
fn is_credited_photo(text: &str, outlets: &OutletMatcher) -> bool {
    PHOTO_CREDIT.is_match(text)
        || BRACKETED_CLOSE
            .captures(text)
            .and_then(|c| c.get(1))
            .is_some_and(|credit| {
                let credit = credit.as_str().trim();
                outlets.resolve(credit).is_some() || PICTURE_AGENCY.contains(&credit.to_lowercase())
            })
}

static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[.!?]\s+(?i:photo|picture|image|pic|foto)s?\s*[/:|]|\S\s+(?i:photo|picture|image|foto)s?\s*/)\s*\p{Lu}|^(?:©|\((?i:c)\))|\.\s*\([^()]{2,40}[:/][^()]{2,40}\)\s*$").unwrap()
});

/// A bracket closing a finished sentence: `… in Paris. (AFP)`; an outlet there is a credit.
static BRACKETED_CLOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[.!?]\s*\(([^()]{2,40})\)\s*$").unwrap());

/// Picture agencies that are not news outlets: `(Getty Images)`, `(EPA)`.
static PICTURE_AGENCY: LazyLock<Vec<String>> = LazyLock::new(|| {
    super::names::entries(include_str!("registry/picture_agencies.txt"))
        .map(str::to_lowercase)
        .collect()
});

/// Phrases of sites' promotions and programme schedules (`Read 100s of premium titles.`,
/// `Highlights on The Morning Show`), from the shipped list: such a line sells the site. A phrase
/// written with a leading `^` counts only at the start of a line (`Highlights on …` is a
/// programme, `Budget highlights on tax` a headline).
static PROMOTION: LazyLock<(aho_corasick::AhoCorasick, Vec<bool>)> = LazyLock::new(|| {
    let entries: Vec<&str> =
        super::names::entries(include_str!("registry/promotion_lines.txt")).collect();
    let anchored = entries.iter().map(|e| e.starts_with('^')).collect();
    let phrases = entries.iter().map(|e| e.trim_start_matches('^'));
    let automaton = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(phrases)
        .expect("promotion phrases build an automaton");
    (automaton, anchored)
});

/// A short line with a promotion's phrase standing as whole words.
fn is_promotion(text: &str) -> bool {
    let (automaton, anchored) = &*PROMOTION;
    let bytes = text.as_bytes();
    let letter = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    !more_words_than(text, 12)
        && automaton.find_overlapping_iter(text).any(|m| {
            let starts_word = m.start() == 0 || !letter(m.start() - 1);
            let placed = m.start() == 0 || !anchored[m.pattern().as_usize()];
            starts_word && placed && !letter(m.end())
        })
}

/// `07:00 AM-01:00 PM`: a programme's time slot; the line beside it names the programme.
static TIME_SLOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:-|–|—|to)\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?$").unwrap()
});

/// Whether the text line right above or below line `at` is a programme's time slot.
fn beside_time_slot(lines: &[Line], at: usize) -> bool {
    let above = lines[..at].iter().rev().find(|l| l.kind != Kind::Blank);
    let below = lines[at + 1..].iter().find(|l| l.kind != Kind::Blank);
    [above, below]
        .into_iter()
        .flatten()
        .any(|l| TIME_SLOT.is_match(l.text.trim()))
}

/// `Senator the Hon. Jane Doe`: a person's name after titles and honorifics, the speaker of a
/// transcript or the author of a statement, never a headline.
fn titled_name_only(text: &str, outlets: &OutletMatcher) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let titles = words
        .iter()
        .take_while(|w| {
            super::names::is_title_word(w)
                || matches!(
                    **w,
                    "the" | "Hon." | "Hon" | "Rt." | "Rt" | "Honourable" | "Honorable"
                )
        })
        .count();
    titles > 0
        && titles < words.len()
        && super::headline::bare_byline(&words[titles..].join(" "), outlets)
}

/// `City Fajr Shuruq Duhr` over `Portville 04:25 05:43 12:19`: a table's header row, as many
/// words as the row under it has cells, most of those numbers or times.
fn heads_a_table(lines: &[Line], at: usize) -> bool {
    let Some(row) = lines[at + 1..].iter().find(|l| l.kind != Kind::Blank) else {
        return false;
    };
    // A table copied cell by cell, each on a line of its own after a bar (`|Currency`,
    // `|Buying`, `|4.3540`): a widget's title stands over it.
    let cells = lines[at + 1..]
        .iter()
        .filter(|l| l.kind != Kind::Blank)
        .take(4)
        .filter(|l| l.text.starts_with('|'))
        .count();
    if cells == 4 {
        return true;
    }
    let cells: Vec<&str> = row.text.split_whitespace().collect();
    let numeric = cells
        .iter()
        .filter(|c| c.starts_with(|ch: char| ch.is_ascii_digit()))
        .count();
    // A stamp (`June 16, 2025 10:50 am`) is no row of a table.
    row.kind != Kind::Meta(super::doc::Meta::Stamp)
        && cells.len() >= 4
        && numeric * 2 > cells.len()
        && word_count(&lines[at].text) == cells.len()
}

/// Whether the next text line under line `at` is a byline or a stamp.
fn byline_or_stamp_under(lines: &[Line], at: usize) -> bool {
    lines[at + 1..]
        .iter()
        .find(|l| l.kind != Kind::Blank)
        .is_some_and(|l| matches!(l.kind, Kind::Meta(Meta::Byline) | Kind::Meta(Meta::Stamp)))
}

/// `Harbour authority delays vote on…`: a teaser cut short, ending in an ellipsis.
fn truncated(text: &str) -> bool {
    text.ends_with("...") || text.ends_with('…')
}

/// `The post Headline appeared first on Site.`: a feed's footer quotes the headline.
static POST_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^The post (?P<title>.{8,250}?) appeared first on .{2,80}$").unwrap()
});

/// `European Commission - Daily News`, `Reuters | World`: an outlet's name with a section label,
/// a page header rather than a headline (a headline keeps several words once the name is gone).
fn is_site_header(text: &str, outlets: &OutletMatcher) -> bool {
    let rest = super::headline::strip_site_name(text, None, outlets);
    rest.len() < text.len() && word_count(&rest) <= 3
}

/// Normalised text for comparing two printings of a headline: its first 300 letters and digits
/// (a headline is shorter; a paragraph needs only its start, to find a headline glued to it).
fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(300));
    super::fold::push_alnum_lower(&mut out, text, 300);
    out
}

/// Words of site section menus, from the shipped list.
static SECTION_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    super::names::entries(include_str!("registry/section_words.txt"))
        .map(str::to_lowercase)
        .collect()
});

/// `World news`, `Opinion`, `US politics`: a label made only of section-menu words.
pub(crate) fn is_section_label(text: &str) -> bool {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    (1..=3).contains(&words.len()) && words.iter().all(|w| SECTION_WORDS.contains(w))
}

/// `Home News World Business Opinion Sport Videos`: a menu whose separators were lost in copying.
/// Capitalised words only, no sentence punctuation, and several section names among them. A
/// separator standing alone is no word (`Site - News World Business …`: a tab title run into
/// the menu).
fn is_run_on_menu(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !matches!(*w, "-" | "–" | "—" | "|" | "·" | "•"))
        .collect();
    if words.len() < 4 || text.contains([',', ':', '\'', '’', '?', '!', '"', '“']) {
        return false;
    }
    let capitalised = words.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '&')
    });
    let sections = words
        .iter()
        .filter(|w| SECTION_WORDS.contains(&w.to_lowercase()))
        .count();
    capitalised && sections >= 3 && sections * 5 >= words.len() * 2
}

/// How a candidate looks from where it stands: what follows it and how far the story is.
struct Surroundings {
    /// Text lines between the candidate and the start of the story (a paragraph or a dateline);
    /// metadata lines (bylines, stamps, credits) do not count.
    gap: usize,
    /// A byline or a date stamp comes right after it, as under a headline.
    meta_follows: bool,
    /// One line, then the story: the standfirst under its headline.
    standfirst_follows: bool,
}

/// A photo's caption or credit line, as the title pick sees it.
fn photo_line(line: &Line, outlets: &OutletMatcher) -> bool {
    let copyright =
        line.kind == Kind::Meta(Meta::Copyright) && is_credited_photo(&line.text, outlets);
    copyright
        || (matches!(line.kind, Kind::Body | Kind::PreTitle)
            && (is_caption(&line.text, outlets) || is_credited_photo(&line.text, outlets)))
}

/// The text lines before line `at`, nearest first.
fn text_lines_before(lines: &[Line], at: usize) -> impl Iterator<Item = &Line> {
    lines[..at].iter().rev().filter(|l| l.kind != Kind::Blank)
}

/// A photo's alt text or caption over its credit line: `The court building` / `Image Credit: Wire`.
fn above_photo_credit(lines: &[Line], at: usize, outlets: &OutletMatcher) -> bool {
    lines[at + 1..]
        .iter()
        .find(|l| l.kind != Kind::Blank)
        .is_some_and(|next| is_credit_line(next, outlets))
}

/// Right under a photo's credit line.
fn below_credit_line(lines: &[Line], at: usize, outlets: &OutletMatcher) -> bool {
    text_lines_before(lines, at)
        .next()
        .is_some_and(|l| is_credit_line(l, outlets))
}

/// A photo's caption under its credit line, repeating the alt text over it: `The court` /
/// `Image Credit: Wire` / `The court.`
fn below_photo_credit(lines: &[Line], at: usize, outlets: &OutletMatcher) -> bool {
    if !below_credit_line(lines, at, outlets) {
        return false;
    }
    let Some(alt) = text_lines_before(lines, at).nth(1) else {
        return false;
    };
    let (caption, alt) = (key(&lines[at].text), key(&alt.text));
    !alt.is_empty() && caption.starts_with(alt.as_str())
}

/// A credit on its own line: `Image Credit: Wire`, `Photo: Jane Doe`.
fn is_credit_line(line: &Line, outlets: &OutletMatcher) -> bool {
    !more_words_than(&line.text, 6) && is_caption(&line.text, outlets)
}

fn surroundings(lines: &[Line], at: usize, outlets: &OutletMatcher) -> Surroundings {
    let mut gap = 0;
    let mut between = "";
    let mut meta_follows = false;
    let mut meta_under_between = false;
    // Text lines read so far: a byline or stamp counts right under the candidate, or under the
    // one line of its standfirst (headline, standfirst, byline is the common layout). A photo
    // between them does not count.
    let mut seen = 0;
    let candidate_words = word_count(&lines[at].text);
    for (n, line) in lines.iter().enumerate().skip(at + 1) {
        if line.kind == Kind::Blank {
            continue;
        }
        let under = seen == 0 || (seen == 1 && gap == 1);
        let meta = match line.kind {
            Kind::Meta(Meta::Byline) | Kind::Meta(Meta::Stamp) => true,
            // A byline without "By" (`Jane Doe, Staff Writer`) is not sorted yet.
            Kind::Body | Kind::PreTitle if under => {
                (super::headline::bare_byline(&line.text, outlets)
                    && !super::clean::named_elsewhere(lines, n, outlets))
                    || outlets.desk_credit(&line.text).is_some()
            }
            _ => false,
        };
        let photo = photo_line(line, outlets)
            || above_photo_credit(lines, n, outlets)
            || below_photo_credit(lines, n, outlets);
        match line.kind {
            _ if meta && under => {
                meta_follows = true;
                meta_under_between |= gap == 1;
            }
            Kind::Meta(_) => {}
            _ if body_like(&line.text) || super::headline::parse_dateline(&line.text).is_some() => {
                break
            }
            // Hard-wrapped text has short lines: a long line starts the story too.
            _ if line.text.chars().count() >= 60 && !headline_like(&line.text) => break,
            // A label of a word or three (a photo's subject, a section) stands anywhere, and
            // so does a photo's caption, and a summary's points under a headline.
            _ if photo
                || line.bullet
                || !more_words_than(&line.text, 3)
                || is_caption(&line.text, outlets) => {}
            _ => {
                gap += 1;
                if gap == 1 {
                    between = &line.text;
                }
            }
        }
        // A section label of a word or three between them (`Headline`, `In World/Africa`,
        // then the stamp) leaves the byline or stamp under the headline; a label over a label
        // (`Premier League`, `What They Said`) is not a headline over a section.
        let label = matches!(line.kind, Kind::Body | Kind::PreTitle)
            && (!more_words_than(&line.text, 3) || line.bullet)
            && candidate_words >= 4;
        if !photo && !label {
            seen += 1;
        }
        if gap > 6 {
            break;
        }
    }
    Surroundings {
        gap,
        meta_follows,
        // A standfirst is written in sentence case; a longer line in Title Case between a label
        // and the byline under it is the headline the label stands over.
        standfirst_follows: gap == 1
            && !(in_title_case(between)
                && meta_under_between
                && word_count(between) > word_count(&lines[at].text)),
    }
}

/// `Officials in a group photo after the launch`: a caption's words
/// (`registry/caption_phrases.txt`).
fn describes_a_photo(text: &str) -> bool {
    static PHRASES: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        super::names::phrase_automaton(include_str!("registry/caption_phrases.txt"))
    });
    PHRASES.is_match(text)
}

/// `Peru Declares State of Emergency Over Protest Deaths`: four words or more, and nearly every
/// word of four letters or more capitalised.
pub(crate) fn in_title_case(text: &str) -> bool {
    let long: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    word_count(text) >= 4 && long.len() >= 3 && capitalised * 5 >= long.len() * 4
}

/// Where line `at` stands among headline-shaped lines of four words or more in a row, with
/// nothing but blank lines between them.
enum Run {
    /// Alone, or with its standfirst or its second printing.
    Short,
    /// Four or more that the story does not follow: a list of other stories' headlines.
    List,
    /// Three to five running straight into the story, and not the first of them: a deck line
    /// (a bullet or a standfirst) under the headline.
    Deck,
}

fn run_of_headlines(lines: &[Line], at: usize, outlets: &OutletMatcher) -> Run {
    // Each opens like a headline: lines of hard-wrapped text run on in lower case.
    let in_run = |l: &Line| {
        matches!(l.kind, Kind::Body | Kind::PreTitle)
            && !l.text.starts_with(char::is_lowercase)
            && more_words_than(&l.text, 3)
            && headline_like(&l.text)
            && !body_like(&l.text)
    };
    // A photo (its alt text, caption and credit) stands between the lines, in no run.
    let text_lines = |&(n, l): &(usize, &Line)| {
        l.kind != Kind::Blank
            && !photo_line(l, outlets)
            && !is_credit_line(l, outlets)
            && !above_photo_credit(lines, n, outlets)
            && !below_photo_credit(lines, n, outlets)
            && !outlets.is_masthead(&l.text)
            && !is_site_header(&l.text, outlets)
    };
    let above = lines[..at]
        .iter()
        .enumerate()
        .rev()
        .filter(text_lines)
        .take_while(|(_, l)| in_run(l))
        .count();
    let below = lines
        .iter()
        .enumerate()
        .skip(at + 1)
        .filter(text_lines)
        .take_while(|(_, l)| in_run(l))
        .count();
    let story_follows = lines
        .iter()
        .enumerate()
        .skip(at + 1)
        .filter(text_lines)
        .nth(below)
        .is_some_and(|(_, l)| {
            body_like(&l.text) || super::headline::parse_dateline(&l.text).is_some()
        });
    let length = above + 1 + below;
    match (length, story_follows) {
        (4.., false) => Run::List,
        (3..=5, true) if above > 0 => Run::Deck,
        _ => Run::Short,
    }
}

/// A headline glued to the standfirst under it, without the line break (`Minister resigns over
/// report, party says The minister has asked …`): the byte offset where the standfirst starts.
/// The standfirst opens with a capitalised article or pronoun right after a lower-case word, and
/// both halves read as their kinds: a headline of four to twenty words that is not in title case
/// (where a capital `The` is no sign), and a sentence of eight words or more, mostly lower case.
pub(crate) fn glued_standfirst(text: &str) -> Option<usize> {
    const OPENERS: &[&str] = &[
        "The", "A", "An", "He", "She", "It", "They", "We", "His", "Her", "Its", "Their", "This",
        "These", "Those",
    ];
    // After these a capitalised word is a name or a title (`of The Times`), not a new sentence.
    const FUNCTION_WORDS: &[&str] = &[
        "of", "the", "a", "an", "and", "or", "to", "for", "in", "on", "at", "by", "with", "from",
        "as", "into", "about", "over", "than", "that", "via", "vs",
    ];
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    for i in 4..words.len().min(21) {
        let (at, word) = words[i];
        let before = words[i - 1].1;
        let joins = OPENERS.contains(&word)
            && lower(before)
            && before.chars().last().is_some_and(char::is_alphabetic)
            && !FUNCTION_WORDS.contains(&before);
        if !joins {
            continue;
        }
        let head = &words[..i];
        let tail = &words[i..];
        let head_lower = head.iter().filter(|(_, w)| lower(w)).count();
        let tail_lower = tail.iter().filter(|(_, w)| lower(w)).count();
        if head_lower >= 2 && tail.len() >= 8 && tail_lower * 2 > tail.len() {
            return Some(at);
        }
        return None;
    }
    None
}

/// The headlines the text quotes in a feed's footer (`The post … appeared first on …`).
fn footer_titles(lines: &[Line]) -> Vec<String> {
    lines
        .iter()
        .filter(|l| l.text.starts_with("The post "))
        .filter_map(|l| POST_FOOTER.captures(&l.text))
        .map(|c| key(&c["title"]))
        .filter(|k| k.len() >= 8)
        .collect()
}

/// Picks the headline among the text's top lines; `known` is the page's own title, when it has one.
///
/// The headline is the short line just above the story (at most a standfirst between them, and
/// bylines or stamps right under it), in the shape of a headline; the page's own title agreeing
/// with it, or the page printing it twice, settles it. Position alone counts for little: pages
/// open with menus, section labels and notices.
pub(crate) fn pick(lines: &[Line], known: Option<&str>, outlets: &OutletMatcher) -> Option<Pick> {
    let head = Head::new(lines, known, outlets);
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut paragraphs_before = 0;
    for (n, &i) in head.at.iter().enumerate() {
        let text = lines[i].text.as_str();
        // Teasers of other stories above the headline are neither headline nor story.
        if is_teaser(text) {
            continue;
        }
        if body_like(text) && !headline_like(text) {
            if super::chrome::about_the_site(text) {
                continue;
            }
            paragraphs_before += 1;
            // The story has begun in earnest: a headline is not three paragraphs down.
            if paragraphs_before >= 3 {
                break;
            }
            continue;
        }
        if head.passed_over(n) {
            continue;
        }
        if let Some(evidence) = head.evidence(n, paragraphs_before) {
            candidates.push(Candidate {
                score: evidence.score(text),
                sure: evidence.sure(text),
                line: i,
                at: n,
            });
        }
    }
    head.choose(&candidates)
}

/// A line that may be the headline, scored.
struct Candidate {
    score: i32,
    sure: bool,
    /// The line's index among all lines.
    line: usize,
    /// Its place among the head lines.
    at: usize,
}

/// A widget's label under each of its panels (`No items.` after every paragraph of a consent
/// box): printed three times or more, with a paragraph between each printing and the next. It is
/// neither the headline nor its second printing. A page prints its headline up to four times
/// too (the tab's title, the `<h1>`, a share box), but with no paragraph between.
fn label_under_panels(lines: &[Line], at: &[usize], keys: &[String], n: usize) -> bool {
    let printings: Vec<usize> = (0..keys.len()).filter(|&m| keys[m] == keys[n]).collect();
    printings.len() >= 3
        && printings
            .windows(2)
            .all(|pair| (at[pair[0]] + 1..at[pair[1]]).any(|i| body_like(&lines[i].text)))
}

/// The text lines at the top of the text, where the headline stands, with what is known about
/// them as a whole.
struct Head<'a> {
    lines: &'a [Line],
    outlets: &'a OutletMatcher,
    /// Indexes of the head's text lines.
    at: Vec<usize>,
    /// Each head line's comparison key.
    keys: Vec<String>,
    /// Keys of the titles the page states elsewhere (its metadata, a feed's footer).
    known_keys: Vec<String>,
    /// Where the second printing of a headline printed twice stands: lines below it are its
    /// standfirst, deck or story, not the headline.
    second_printing: Option<usize>,
    /// The story's opening paragraphs, whose words' stems (see [`stems`]) a headline shares.
    story: Vec<usize>,
}

/// What the layout around a head line says about it.
struct Evidence {
    words: i32,
    /// Its place among the head lines.
    place: usize,
    paragraphs_before: i32,
    around: Surroundings,
    in_list: bool,
    repeated: bool,
    agrees: bool,
    deck: bool,
    /// No word of it occurs in the story's opening paragraphs: another story's headline.
    off_topic: bool,
    /// Printed after a bullet.
    bullet: bool,
}

impl<'a> Head<'a> {
    fn new(lines: &'a [Line], known: Option<&str>, outlets: &'a OutletMatcher) -> Self {
        let at: Vec<usize> = (0..lines.len())
            .filter(|&i| matches!(lines[i].kind, Kind::Body | Kind::PreTitle))
            .take(HEAD_LINES)
            .collect();
        let keys: Vec<String> = at.iter().map(|&i| key(&lines[i].text)).collect();
        let known_keys: Vec<String> = known
            .map(key)
            .filter(|k| !k.is_empty())
            .into_iter()
            .chain(footer_titles(lines))
            .collect();
        // A section label or a menu printed twice is no headline.
        let second_printing = (0..keys.len()).find(|&n| {
            let text = &lines[at[n]].text;
            keys[n].len() >= 8
                && more_words_than(text, 3)
                && keys[..n].iter().any(|k| *k == keys[n])
                && !label_under_panels(lines, &at, &keys, n)
                && !disqualified(text, outlets)
                && !is_run_on_menu(text)
                && !beside_time_slot(lines, at[n])
        });
        let story = (0..lines.len())
            .filter(|&i| lines[i].kind == Kind::Body && super::chrome::body_like(&lines[i].text))
            .take(5)
            .collect();
        Head {
            lines,
            outlets,
            at,
            keys,
            known_keys,
            second_printing,
            story,
        }
    }

    /// Head line `n` is never the headline: chrome, a byline, a programme slot, a teaser cut
    /// short, or a caption printed without and with its credit.
    fn passed_over(&self, n: usize) -> bool {
        let (lines, outlets) = (self.lines, self.outlets);
        let i = self.at[n];
        let text = lines[i].text.as_str();
        let k = &self.keys[n];
        if disqualified(text, outlets)
            || is_run_on_menu(text)
            || super::headline::bare_byline(text, outlets)
            || titled_name_only(text, outlets)
            || beside_time_slot(lines, i)
            || heads_a_table(lines, i)
            || k.len() < 8
        {
            return true;
        }
        if label_under_panels(lines, &self.at, &self.keys, n) {
            return true;
        }
        // `5. Headline` as a numbered breadcrumb's last item, the headline printed again below.
        let numbered_item = text
            .split_once(". ")
            .filter(|(number, _)| (1..=2).contains(&number.len()))
            .filter(|(number, _)| number.bytes().all(|b| b.is_ascii_digit()))
            .map(|(_, rest)| key(rest));
        if let Some(rest) = numbered_item {
            if self
                .keys
                .iter()
                .enumerate()
                .any(|(m, other)| m != n && *other == rest)
            {
                return true;
            }
        }
        // A teaser cut short: the start of a longer line printed nearby (its caption or story).
        let cut_short =
            truncated(text)
                && self.keys.iter().enumerate().any(|(m, other)| {
                    m != n && other.len() > k.len() && other.starts_with(k.as_str())
                });
        // `X speaks in the chamber.` and, below it, `X speaks in the chamber.Credit: Jane Doe`:
        // one caption printed without and with its credit.
        // A headline with its byline or stamp under it is no caption, though a photo's caption
        // repeats it with a credit.
        let caption_twin = self.at.iter().enumerate().any(|(m, &j)| {
            m != n
                && self.keys[m].len() > k.len()
                && self.keys[m].starts_with(k.as_str())
                && is_caption(&lines[j].text, outlets)
        }) && !byline_or_stamp_under(lines, i);
        // `NewsLocalStrike action looms…` over `Strike action looms…`: a section label glued to
        // the front of the headline's other printing.
        let glued_label = self.at.iter().enumerate().any(|(m, &j)| {
            m != n
                && self.keys[m].len() >= 20
                && k.len() > self.keys[m].len()
                && k.ends_with(self.keys[m].as_str())
                && {
                    let other = lines[j].text.trim();
                    text.trim_end().strip_suffix(other).is_some_and(|label| {
                        label.ends_with(|c: char| c.is_lowercase())
                            && other.starts_with(char::is_uppercase)
                    })
                }
        });
        cut_short || caption_twin || glued_label
    }

    /// No word of `text` occurs in the story's opening paragraphs (compared by stem), when they
    /// have words: another story's headline. The story is read only up to the first word they
    /// share, which for the headline comes early, instead of gathering all its stems first.
    fn off_topic(&self, text: &str) -> bool {
        let own: Vec<u64> = stems(text).collect();
        let mut story = self
            .story
            .iter()
            .flat_map(|&i| stems(&self.lines[i].text))
            .peekable();
        story.peek().is_some() && !story.any(|stem| own.contains(&stem))
    }

    /// What the layout says about head line `n`, or `None` when it rules the line out.
    fn evidence(&self, n: usize, paragraphs_before: i32) -> Option<Evidence> {
        let (lines, outlets) = (self.lines, self.outlets);
        let i = self.at[n];
        let text = lines[i].text.as_str();
        let k = &self.keys[n];
        let words = word_count(text) as i32;
        // Printed again nearby: the tab's title and the `<h1>`, or glued to the front of its
        // standfirst. A name that recurs inside captions and paragraphs is no headline.
        // Menus and section labels of a word or three are printed twice too.
        // A sentence that a longer paragraph opens with is a summary point the story repeats
        // (`• Jane Doe was speaking after a cabinet meeting.`), not a headline.
        let sentence = ends_with_full_stop(text);
        let repeated = words >= 4
            && self.keys.iter().enumerate().any(|(m, other)| {
                m != n
                    && (other == k || (!sentence && k.len() >= 20 && other.starts_with(k.as_str())))
            });
        // `X in the square` / `Image Credit: Wire` / `X in the square.`: a photo's alt text and
        // caption printed around its credit line.
        let beside_credit =
            above_photo_credit(lines, i, outlets) || below_credit_line(lines, i, outlets);
        if repeated && beside_credit {
            return None;
        }
        let around = surroundings(lines, i, outlets);
        let run = run_of_headlines(lines, i, outlets);
        let in_list = matches!(run, Run::List);
        // Below a paragraph only a headline printed again, or one with its byline or stamp under
        // it, can be the headline; a sentence ending in a full stop is text unless it is short.
        // A blog's post title stands under its date header (`Wednesday, 3 December 2008`), below
        // the blog's own paragraphs of promotion.
        let under_stamp = text_lines_before(lines, i)
            .next()
            .is_some_and(|l| l.kind == Kind::Meta(Meta::Stamp));
        let headline_marks =
            !in_list && (repeated || ((around.meta_follows || under_stamp) && around.gap <= 1));
        if (paragraphs_before > 0 && !headline_marks)
            || (ends_with_full_stop(text) && words > 8 && !repeated)
        {
            return None;
        }
        let agrees = self
            .known_keys
            .iter()
            .any(|known| known.contains(k.as_str()) || k.contains(known.as_str()));
        let deck =
            !repeated && (self.second_printing.is_some_and(|s| n > s) || matches!(run, Run::Deck));
        let off_topic = words >= 4 && self.off_topic(text);
        Some(Evidence {
            words,
            place: n,
            paragraphs_before,
            around,
            in_list,
            repeated,
            agrees,
            deck,
            off_topic,
            bullet: lines[i].bullet,
        })
    }

    /// The first of the best scores wins. A close second means the text itself is unclear: let
    /// the editor confirm. The headline's own second printing is no rival. A headline run on
    /// into its standfirst is split, and the editor confirms the split.
    fn choose(&self, candidates: &[Candidate]) -> Option<Pick> {
        let Some(best) = candidates.iter().rev().max_by_key(|c| c.score) else {
            return glued_pick(self.lines, &self.at);
        };
        let runner_up = candidates
            .iter()
            .filter(|c| c.line != best.line && self.keys[c.at] != self.keys[best.at])
            .map(|c| c.score)
            .max()
            .unwrap_or(i32::MIN);
        let split = glued_standfirst(&self.lines[best.line].text);
        Some(Pick {
            line: best.line,
            sure: best.sure && split.is_none() && best.score.saturating_sub(runner_up) >= 4,
            split,
        })
    }
}

impl Evidence {
    /// Position, the byline or standfirst under it, shape, a second printing and agreement
    /// with the page's stated title count for a line; a list, a deck and a cut-off teaser
    /// against it.
    fn score(&self, text: &str) -> i32 {
        let around = &self.around;
        let mut score = match around.gap {
            0 => 10,
            1 => 8,
            2 => 4,
            3 => 2,
            _ => 0,
        };
        score += if around.meta_follows { 6 } else { 0 };
        score += if around.standfirst_follows { 4 } else { 0 };
        // A site's tagline speaks to the reader ("Keeping you up-to-date on …") and stands
        // apart from the story; a headline that does ("What you need to know") opens it.
        let tagline_like = around.gap > 0 && super::chrome::ADDRESSES_READER.is_match(text);
        score -= if tagline_like { 4 } else { 0 };
        score += match self.words {
            // A short headline with its byline or stamp right under it (`Minister re-iterates
            // support`, then `By admin | August 15, 2006`).
            3 if around.meta_follows && around.gap == 0 => -3,
            ..=3 => -8,
            4 => -2,
            5..=20 => 3,
            _ => -4,
        };
        score -= self.place.min(10) as i32;
        score += if self.repeated { 8 } else { 0 };
        score += if self.agrees { 12 } else { 0 };
        score -= 6 * self.paragraphs_before;
        score -= if ends_with_full_stop(text) { 3 } else { 0 };
        // `… in the next few days. Jane Doe profiles the new ministers`: two sentences make a
        // standfirst, not a headline.
        score -= if TWO_SENTENCES.is_match(text) { 6 } else { 0 };
        score -= if self.in_list { 10 } else { 0 };
        score -= if self.deck { 12 } else { 0 };
        score -= if truncated(text) { 6 } else { 0 };
        score -= if self.off_topic { 5 } else { 0 };
        // A point of a list, a menu or a summary, printed after a bullet.
        score -= if self.bullet { 8 } else { 0 };
        score
    }

    /// Sure enough not to ask the editor: agreed with the page, printed twice, or shaped and
    /// placed as a headline.
    fn sure(&self, text: &str) -> bool {
        !self.in_list
            && !truncated(text)
            && !describes_a_photo(text)
            && (self.agrees
                || self.repeated
                || (self.around.gap <= 1
                    && (4..=15).contains(&self.words)
                    && !ends_with_full_stop(text)))
    }
}

/// The words of four letters or more, lower-cased and cut to their first five letters, so that
/// `unveils` and `unveiled`, `tomb` and `tombs` meet.
fn stems(text: &str) -> Box<dyn Iterator<Item = u64> + '_> {
    // Each stem packed into a number: no string is built for the words of five paragraphs.
    let fold = |stem: u64, c: char| stem.wrapping_mul(0x1_0000_01b3) ^ u64::from(c);
    if text.is_ascii() {
        // Most paragraphs are ASCII: their words are split and folded byte by byte, with the
        // same stems as the character path below.
        return Box::new(
            text.as_bytes()
                .split(|b| !b.is_ascii_alphanumeric())
                .filter(|w| w.len() >= 4)
                .map(move |w| {
                    w.iter()
                        .take(5)
                        .map(|b| char::from(b.to_ascii_lowercase()))
                        .fold(0u64, fold)
                }),
        );
    }
    Box::new(
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().nth(3).is_some())
            .map(move |w| {
                w.chars()
                    .take(5)
                    .flat_map(char::to_lowercase)
                    .fold(0u64, fold)
            }),
    )
}

/// No line has a headline's shape: the first text line may be a headline glued to its
/// standfirst. The editor confirms the split.
fn glued_pick(lines: &[Line], head: &[usize]) -> Option<Pick> {
    let &first = head.first()?;
    let split = glued_standfirst(&lines[first].text)?;
    headline_like(lines[first].text[..split].trim()).then_some(Pick {
        line: first,
        sure: false,
        split: Some(split),
    })
}

/// Builds the headline pick's patterns before the first input needs them (see [`super::warm_up`]).
pub(crate) fn patterns() -> Vec<fn()> {
    vec![
        || {
            LazyLock::force(&BARE_DATELINE);
            LazyLock::force(&TWO_SENTENCES);
            LazyLock::force(&TEASER);
            LazyLock::force(&PHONE);
        },
        || {
            LazyLock::force(&PHOTO_CREDIT);
            LazyLock::force(&BRACKETED_CLOSE);
            LazyLock::force(&PICTURE_AGENCY);
            LazyLock::force(&PROMOTION);
            LazyLock::force(&TIME_SLOT);
            LazyLock::force(&POST_FOOTER);
            LazyLock::force(&SECTION_WORDS);
        },
    ]
}

#[cfg(test)]
mod tests {
    use crate::import::ImportContext;

    #[test]
    fn ascii_stems_are_the_stems_of_the_characters() {
        let by_chars = |text: &str| -> Vec<u64> {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().nth(3).is_some())
                .map(|w| {
                    w.chars()
                        .take(5)
                        .flat_map(char::to_lowercase)
                        .fold(0u64, |stem, c| {
                            stem.wrapping_mul(0x1_0000_01b3) ^ u64::from(c)
                        })
                })
                .collect()
        };
        for text in [
            "Seoul UNVEILS tombs, unveiled_Tomb 2024-05-06 abc abcd A1b2C3d4 x--Talks",
            "",
            "Zoë Ferreira-Nuñez unveils the TOMBS of Åberg",
        ] {
            assert_eq!(
                super::stems(text).collect::<Vec<_>>(),
                by_chars(text),
                "{text}"
            );
        }
    }

    fn title_of(text: &str) -> (String, bool) {
        let ctx = ImportContext::with_defaults(&[]);
        let got = crate::import::import_text(text, "t.txt", &ctx);
        (got.front.title, !got.front.review.contains("title"))
    }

    #[test]
    fn captions_breadcrumbs_slugs_and_note_marks_are_no_headline() {
        const HEADLINE: &str = "Harbour authority delays vote on new container terminal";
        const LEAD: &str = "The harbour authority on Tuesday postponed a vote on the planned \
            container terminal after residents filed more than 400 objections, the chair told \
            reporters outside the meeting.";
        for head in [
            // A photo's caption with its credit in brackets, or after `PIC:`, above it.
            format!("Harbour authority, January 28 (image credit - Valley TV)\nHARBOUR AUTHORITY\n\n{HEADLINE}\n\nJan 28, 2025 | 4:51 PM"),
            format!("Valley Daily\n\n{HEADLINE}\n\nDelayed: the terminal site at dawn. The vote may wait until spring PIC: JANE DOE\nDelayed: the terminal site at dawn. The vote may wait until spring PIC: JANE DOE"),
            // The headline as a numbered breadcrumb's last item, then on its own.
            format!("1. You Are At:\n  2. News\n  3. Local News\n  4. {HEADLINE}\n\n{HEADLINE}"),
            // A site's tagline above it, its age and reading time under it.
            format!("Valley Daily\n\nBe Smart About The Valley\n\n{HEADLINE}\n\n5 mins ago 1 min read"),
            // A section's slug in lower case after a bar; a link's note mark.
            format!("{HEADLINE} | local news"),
            format!("Home > {HEADLINE}\n\n{HEADLINE} [1]"),
            // A media release's issuers: a name with their office.
            format!("Jane Doe\n\nPremier of Westland\n\n18 June 2018\n\nJohn Roe, Minister for Ports\n\n{HEADLINE}"),
        ] {
            let text = format!("{head}\n\n{LEAD}\n");
            assert_eq!(title_of(&text).0, HEADLINE, "{head}");
        }
        // A name and an office with something happening is a headline.
        let text = format!("John Roe, Minister for Ports, resigns over terminal vote\n\n{LEAD}\n");
        assert_eq!(
            title_of(&text).0,
            "John Roe, Minister for Ports, resigns over terminal vote"
        );
        // A headline's own bar and brackets stay.
        let text = format!("Harbour vote: the Greens | Labour split\n\n{LEAD}\n");
        assert_eq!(title_of(&text).0, "Harbour vote: the Greens | Labour split");
    }

    #[test]
    fn menus_labels_and_notices_above_the_headline_are_passed_over() {
        let text = "Skip to main menu\nHome News World Business Opinion Sport Videos Podcasts\n\
            Local\nWe use cookies to improve your experience on our site.\n\n\
            Harbour authority delays vote on new container terminal\n\n\
            By Jane Okafor\n\nThe harbour authority on Tuesday postponed a vote on the \
            planned container terminal after residents filed more than 400 objections, the \
            chair told reporters outside the meeting.\n";
        let (title, sure) = title_of(text);
        assert_eq!(
            title,
            "Harbour authority delays vote on new container terminal"
        );
        assert!(sure);
    }

    #[test]
    fn a_consent_boxs_label_under_each_panel_is_passed_over() {
        let panel = "Analytics cookies are used to understand how visitors interact with the \
            website and which pages they read.\n\nNo items to show.\n\n";
        let text = format!(
            "Customise Consent Preferences\n\n{}Banner Left\n\n\
            Governor praised for opening new maternity ward\n\n\
            The governor was praised on Friday for opening a maternity ward at the district \
            hospital, which had been closed for two years, nurses said at the ceremony.\n",
            panel.repeat(4)
        );
        let (title, _) = title_of(&text);
        assert_eq!(title, "Governor praised for opening new maternity ward");
    }

    #[test]
    fn the_headline_wins_over_its_standfirst() {
        let text = "Rail strike halts commuter trains\n\nUnions say talks broke down over \
            pensions late on Sunday\n\nCommuter trains across the region stood idle on Monday \
            as drivers walked out for the first time in a decade, stranding thousands of \
            passengers at stations.\n";
        assert_eq!(title_of(text).0, "Rail strike halts commuter trains");
    }

    #[test]
    fn another_storys_headline_above_this_one_is_passed_over() {
        let text = "Harbour council elects a new mayor after the vote\n\n\
            Rail strike halts commuter trains\n\nCommuter trains across the region stood idle \
            on Monday as drivers walked out for the first time in a decade, stranding thousands \
            of passengers at stations.\n";
        assert_eq!(title_of(text).0, "Rail strike halts commuter trains");
        // A two-part breadcrumb is the site's path, however close to the story.
        let text = "Home / Rail News\n\nDrivers walk out over pensions\n\nCommuter trains \
            across the region stood idle on Monday as rail drivers walked out for the first time \
            in a decade, stranding thousands of passengers at stations.\n";
        assert_eq!(title_of(text).0, "Drivers walk out over pensions");
    }

    #[test]
    fn a_titled_name_alone_is_no_headline() {
        let text = "Senator the Hon. Jane Doe\n\nRail strike halts commuter trains\n\nCommuter \
            trains across the region stood idle on Monday as drivers walked out for the first \
            time in a decade, stranding thousands of passengers at stations.\n";
        assert_eq!(title_of(text).0, "Rail strike halts commuter trains");
        let outlets = crate::import::outlets::OutletMatcher::new(&[]).expect("no outlets");
        assert!(super::titled_name_only(
            "Senator the Hon. Jane Doe",
            &outlets
        ));
        assert!(!super::titled_name_only(
            "President pledges rail strike talks",
            &outlets
        ));
    }

    #[test]
    fn a_tables_header_row_is_no_headline() {
        let text = "  • City Fajr Shuruq Duhr Asr\n  • Portville 04:25 05:43 12:19 15:46\n\n\
            Rail strike halts commuter trains\n\nCommuter trains across the region stood idle \
            on Monday as drivers walked out for the first time in a decade, stranding thousands \
            of passengers at stations.\n";
        assert_eq!(title_of(text).0, "Rail strike halts commuter trains");
        // Over a stamp, a short headline keeps its place.
        let text = "Rail strike halts commuter trains\n\nJune 16, 2025 10:50 am\n\n\
            Commuter trains across the region stood idle on Monday as drivers walked out for the \
            first time in a decade, stranding thousands of passengers at stations.\n";
        assert_eq!(title_of(text).0, "Rail strike halts commuter trains");
    }

    #[test]
    fn a_photo_between_the_standfirst_and_the_story_is_neither_headline_nor_list() {
        let text = "Jump directly to the content\nJobs board powered by Harbour Herald\n\n\
            Ferry fares rise 12%; island councils call for a cap on peak prices\n\n\
            Operator says fuel costs leave it no choice\n\n\
            The ferry terminal at Port Ellen\nImage Credit: Jane Doe\n\
            The ferry terminal at Port Ellen.\nHarbour Herald\n\n\
            Port Ellen: Ferry fares on the island routes will rise by 12 per cent from \
            March, the operator said on Monday, blaming fuel costs that have doubled in two \
            years.\n";
        assert_eq!(
            title_of(text).0,
            "Ferry fares rise 12%; island councils call for a cap on peak prices"
        );
    }

    #[test]
    fn the_last_card_of_a_list_above_the_story_is_its_headline() {
        let text = "More Top Stories\n\nMarket stalls reopen after fire\n\n27 April 2024\n\n\
            Island ferry timetable changes\n\n11 November 2023\n\n\
            Council plans flood assistance for farmers\n\nFriday 8 April 2016 | Published in Regional\n\n\
            SUVA – The council is expected to reveal an assistance package for farmers whose \
            fields were flooded by last week's storm, the mayor said on Friday.\n";
        let ctx = ImportContext::with_defaults(&[]);
        let got = crate::import::import_text(text, "t.txt", &ctx);
        assert_eq!(
            got.front.title,
            "Council plans flood assistance for farmers"
        );
        assert_eq!(
            got.front.date.map(|d| d.to_string()).as_deref(),
            Some("2016-04-08")
        );
    }

    #[test]
    fn a_standfirst_of_two_sentences_loses_to_a_short_headline() {
        let text = "Meet the council\n\nThe new mayor is expected to name the rest of the \
            council in the next few days. Jane Doe profiles the members named so far\n\n\
            Since the election on Sunday, the new mayor has been meeting party leaders to \
            form a council of twelve members, four of whom were named on Tuesday.\n";
        assert_eq!(title_of(text).0, "Meet the council");
    }

    #[test]
    fn an_app_promotion_is_no_headline() {
        let text = "Download our blog's APP from the store using the link here>>>\n\n\
            Harbour authority delays vote on new container terminal\n\n\
            The harbour authority on Tuesday postponed a vote on the planned container terminal \
            after residents filed more than 400 objections, the chair told reporters.\n";
        assert_eq!(
            title_of(text).0,
            "Harbour authority delays vote on new container terminal"
        );
    }

    #[test]
    fn a_headline_printed_twice_is_sure_and_a_caption_never_a_headline() {
        let text = "Dam inspectors find cracks in spillway | Valley Courier\n\
            A view of the spillway from the east bank. JOHN MWANGI\n\
            Dam inspectors find cracks in spillway\n\
            Engineers inspecting the spillway of the Lower Valley dam found two cracks on \
            Friday and ordered the reservoir lowered by three metres as a precaution.\n";
        let (title, sure) = title_of(text);
        assert_eq!(title, "Dam inspectors find cracks in spillway");
        assert!(sure);
    }

    #[test]
    fn a_summary_point_the_story_repeats_is_no_headline() {
        let text = "Valley's Doe says exports rose 9.6% in February\n\n\
              \u{2022} Doe was speaking at a news conference after a cabinet meeting.\n\
            Harbour Wire 02 Mar 2021\n\n\
            PORTVILLE: Trade Minister Jane Doe said late on Monday that exports rose 9.6% \
            year-on-year to more than $16 billion in February, with the trade deficit \
            narrowing.\n\n\
            Doe was speaking at a news conference after a cabinet meeting. The ministry was to \
            announce the data at 11:30 am.\n";
        assert_eq!(
            title_of(text).0,
            "Valley's Doe says exports rose 9.6% in February"
        );
    }

    #[test]
    fn a_label_over_a_title_case_headline_and_its_byline_is_no_headline() {
        let text = "Andes, South America: Week in Review, Valleyland\n\n\
            Valleyland Declares State of Emergency Over Harbour Protest Deaths\n\n\
            September 30, 2015 By Staff\n\n\
            The government on Tuesday called a 30-day state of emergency following a clash \
            between protesters and police that left four people dead.\n";
        assert_eq!(
            title_of(text).0,
            "Valleyland Declares State of Emergency Over Harbour Protest Deaths"
        );
        // A headline over a standfirst in sentence case keeps it.
        let text = "Valleyland declares state of emergency\n\n\
            The government moved after a clash between protesters and police left four dead\n\n\
            September 30, 2015 By Staff\n\n\
            The government on Tuesday called a 30-day state of emergency following a clash \
            between protesters and police that left four people dead.\n";
        assert_eq!(title_of(text).0, "Valleyland declares state of emergency");
    }

    #[test]
    fn a_photos_description_or_a_podcasts_promotion_is_not_a_sure_headline() {
        let lead = "The health service and its partners launched the vaccine campaign on \
            Monday with a target of two million doses within five days.\n";
        let caption = format!(
            "Officials of the health service and partners in a group photo after the launch\n{lead}"
        );
        assert!(!title_of(&caption).1, "a caption is left for the editor");
        let promo = format!("Hear new episodes of the harbour history podcast now\n\n\n{lead}");
        assert_ne!(
            title_of(&promo),
            (
                "Hear new episodes of the harbour history podcast now".to_string(),
                true
            )
        );
        // The same layout with a headline is sure of it.
        let headline = format!("Health service launches vaccine campaign with partners\n{lead}");
        assert!(title_of(&headline).1);
    }

    #[test]
    fn a_text_without_a_headline_asks_the_editor() {
        let text = "The central bank raised its policy rate by half a point on Wednesday, its \
            third increase this year, citing food prices that rose faster than expected.\n\n\
            The governor said further increases were possible if the currency kept falling.\n";
        assert!(!title_of(text).1, "the title is flagged for review");
    }

    #[test]
    fn an_outlets_page_header_is_not_the_headline() {
        let text = "European Commission - Daily News\n\nBrexit preparedness: ports ready for \
            new customs checks\n\nThe Commission said on Thursday that member states had \
            completed their preparations for new customs checks at the ports.\n";
        assert_eq!(
            title_of(text).0,
            "Brexit preparedness: ports ready for new customs checks"
        );
    }

    #[test]
    fn a_sites_tagline_above_the_headline_is_passed_over() {
        let text = "Keeping you informed on the region\n\nPort authority approves harbour \
            dredging plan\nThe port authority approved the dredging plan on Monday after two \
            years of studies, officials said.\n";
        assert_eq!(
            title_of(text).0,
            "Port authority approves harbour dredging plan"
        );
        let text = "What you need to know about the dredging plan\nThe port authority \
            approved the dredging plan on Monday after two years of studies, officials said.\n";
        assert_eq!(
            title_of(text).0,
            "What you need to know about the dredging plan"
        );
    }

    #[test]
    fn a_glued_standfirst_starts_at_a_capitalised_article_after_a_lower_case_word() {
        let text = "Harbour authority delays vote, chair says The authority has answered more \
            than 400 objections from residents";
        let at = super::glued_standfirst(text).expect("a split");
        assert_eq!(
            text[..at].trim_end(),
            "Harbour authority delays vote, chair says"
        );
        // Title case: a capital `The` is no sign of a new sentence.
        assert_eq!(
            super::glued_standfirst(
                "Inside The Harbour Fight Over A New Terminal And The People Who Oppose It"
            ),
            None
        );
        // After `of`, `The` opens a name; and a short tail is no standfirst.
        assert_eq!(
            super::glued_standfirst(
                "Harbour chair speaks of The Courier report on hidden objections from residents"
            ),
            None
        );
        assert_eq!(
            super::glued_standfirst("Harbour authority delays vote, chair says The end"),
            None
        );
    }

    #[test]
    fn a_caption_printed_again_with_its_credit_is_no_headline() {
        let text =
            "As Council Returns, Mayor's Coalition Wobbles and Opposition Goes on the Attack\n\n\
            'We cannot govern with them,' the opposition leader told councillors, as the council \
            returned from its summer recess with a vote of no confidence\n\n\
            Share by e-mailShare by e-mail\n\
            Opposition leader Jane Doe speaks in the council chamber in Harbourtown, on Monday.\n\
            Opposition leader Jane Doe speaks in the council chamber in Harbourtown, on Monday.\
            Credit: Jane Okafor\n\n\
            The council reconvened on Monday after a two-month recess, with its leaders trading \
            barbs as a snap election loomed over the autumn session.\n\n\
            The motion, which needed the support of at least 16 of the 30 councillors, got 12. \
            Fifteen councillors voted against it, including two from the opposition.\n\n\
            Without a majority after the defection of a councillor last month, the coalition \
            has struggled to pass its budget.\n";
        assert_eq!(
            title_of(text).0,
            "As Council Returns, Mayor's Coalition Wobbles and Opposition Goes on the Attack"
        );
    }

    #[test]
    fn a_blogs_post_title_under_its_date_header_follows_the_blogs_promotions() {
        let text = "A Change of Tides\n\nPlease read more harbour news and listen to Valley \
            Radio at the Valley Party's site. Follow the blog on Facebook for the latest posts.\n\n\
            Wednesday, 3 December 2008\n\nHarbour rice output rises 12 pc\n\nPORTVILLE \
            (Harbour Wire): The region's rice output rose 12 percent this year, national media \
            reported.\n";
        assert_eq!(title_of(text).0, "Harbour rice output rises 12 pc");
    }

    #[test]
    fn a_caption_around_a_credit_line_in_another_language_is_no_headline() {
        let text = "Rabu 29 Nov 2017 19:48 WIB\n\nPresident urges people near the volcano to \
            leave\n\nThe volcano's eruption seen from Kubu, on Tuesday (November 28).\n\
            Foto: Harbour Daily/Jane Doe\nThe volcano's eruption seen from Kubu, on Tuesday \
            (November 28).\n\nPORTVILLE -- The president has urged people living near the \
            volcano to leave amid warnings of another larger eruption.\n";
        assert_eq!(
            title_of(text).0,
            "President urges people near the volcano to leave"
        );
    }

    #[test]
    fn a_caption_with_its_photographer_and_agency_glued_on_is_no_headline() {
        let text = "Harbour council votes to rebuild the old pier by 2030\n\n\
            The mayor's plan won by a single vote after a night of debate\n\n\
            Mayor Jane Okafor in the council chamber.\n\
            Mayor Jane Okafor in the council chamber.Ali Khan (Reuters)\n\n\
            The council voted 16 to 15 on Tuesday to rebuild the old pier, ending a debate that \
            had run for three years and split the mayor's own party.\n";
        assert_eq!(
            title_of(text).0,
            "Harbour council votes to rebuild the old pier by 2030"
        );
    }

    #[test]
    fn a_caption_around_an_agency_credit_line_is_no_headline() {
        let text = "The mayor of Harbourtown, Jane Okafor\nReuters/ Ali Khan\n\
            The mayor of Harbourtown, Jane Okafor\n\
            The council voted 16 to 15 on Tuesday to rebuild the old pier, ending a debate that \
            had run for three years and split the mayor's own party.\n\n\
            The pier has been closed since a storm tore away its end in 2019.\n";
        let (title, sure) = title_of(text);
        assert_ne!(title, "The mayor of Harbourtown, Jane Okafor");
        assert!(!sure, "no headline: the editor is asked");
    }

    #[test]
    fn a_desks_credit_is_a_byline_under_the_headline_not_the_headline() {
        let text = "Premier League\n\nWhat They Said\n\nReuters staff\nAugust 27, 2011\n\n\
            The Harbour United manager was delighted with his side's display as they went top of \
            the table with a 3-1 win, saying it had been a pleasure to watch.\n\n\
            His counterpart said his team had shot themselves in the foot after the break.\n";
        assert_eq!(title_of(text).0, "What They Said");
    }

    #[test]
    fn a_short_line_shaped_like_a_dateline_is_a_labelled_headline() {
        // Above a breadcrumb and a weather widget, a speaker's label or a campaign's slogan in
        // capitals opens the headline, not a dateline: no sentence follows it.
        let text = "Light Rain\nrain\n18 April 2024\nHarbourtown\n22°\nHome / Local News\n\
            PM: I do not favour frequent reshuffles, frankly\n11-01-2026 07:00 PM\n\n\
            HARBOURTOWN, Jan. 11 (Harbour Wire) – The prime minister said on Sunday he saw no \
            need to change his cabinet before the budget, in an interview with the state \
            broadcaster.\n";
        assert_eq!(
            title_of(text).0,
            "PM: I do not favour frequent reshuffles, frankly"
        );
        let text = "YOUR CITY, YOUR VOICE – Mayor navigates the minefield of reform\n\n\
            YOUR CITY, YOUR VOICE – Mayor navigates the minefield of reform\n\n\
            Q: Mayor, congratulations on winning the first vote. What are the next steps for \
            the harbour bill now that it has been tabled in the council?\n\n\
            A: We will follow the normal processes for bills tabled for debate.\n";
        assert_eq!(
            title_of(text).0,
            "YOUR CITY, YOUR VOICE – Mayor navigates the minefield of reform"
        );
    }

    #[test]
    fn a_headline_ending_in_an_abbreviation_is_no_sentence() {
        let text = "Press Release\nAugust 6, 2015\n\n\
            Harbour Forum Transcript with Sen. Juan Dela Rosa, Jr.\n\n\
            On the delay of the harbour bill\n\n\
            Dela Rosa: It took longer than we had anticipated. I asked for a few days and I \
            think today we will finish the last two items of the bill.\n\n\
            On whether there was an intention to delay the report\n\n\
            Dela Rosa: No. There is no reason for us to delay it, and the final version will \
            show why we have been careful.\n";
        assert_eq!(
            title_of(text).0,
            "Harbour Forum Transcript with Sen. Juan Dela Rosa, Jr."
        );
        assert!(super::ends_with_full_stop(
            "The council approved the bridge after a long debate."
        ));
        assert!(!super::ends_with_full_stop("Talks resume in the U.S."));
    }

    #[test]
    fn teasers_of_other_stories_above_the_headline_are_passed_over() {
        let teaser = |n: u32| {
            format!(
                "  • January {n}, 2017\n    The harbour choir gave its winter concert for the \
                school, which raised more than a million dollars for the new hall that now \
                houses ...         Read More\n"
            )
        };
        let text = format!(
            "{}{}{}\nMINISTER INSISTS THE NEW HARBOUR MASTER SHOULD BE CHOSEN AT HOME\n\n\
            The minister said there were enough qualified candidates at home to fill the post \
            of harbour master without hiring a specialist from overseas, officials said.\n",
            teaser(9),
            teaser(8),
            teaser(6)
        );
        assert_eq!(
            title_of(&text).0.to_lowercase(),
            "minister insists the new harbour master should be chosen at home"
        );
    }

    #[test]
    fn contact_lines_promotions_and_credited_photos_are_told_from_headlines() {
        let ctx = ImportContext::with_defaults(&[]);
        let outlets = &ctx.outlets;
        assert!(super::is_contact_line(
            "Jane Doe | Published work | + 61 400 000 000"
        ));
        assert!(super::is_contact_line(
            "Jane Doe Reporter | jane@courier.example"
        ));
        assert!(!super::is_contact_line(
            "Harbour authority delays vote on 400 objections"
        ));
        assert!(super::is_promotion("Read 100s of premium titles."));
        assert!(super::is_promotion("Highlights on The Morning Show"));
        assert!(!super::is_promotion("Flood highlights one app's weakness"));
        assert!(!super::is_promotion(
            "Budget highlights on tax cuts for families"
        ));
        assert!(super::is_credited_photo(
            "The chair at the office. Photo / Jane Doe March 4 2025",
            outlets
        ));
        assert!(super::is_credited_photo(
            "© Jane Doe / AFP | The chair at the office",
            outlets
        ));
        assert!(super::is_credited_photo(
            "The chair at the office in the port. (AFP)",
            outlets
        ));
        assert!(super::is_credited_photo(
            "Smoke rises over the ridge on Saturday. (Valley Radio: Jane Doe)",
            outlets
        ));
        assert!(!super::is_credited_photo(
            "Photographers flock to harbour as tall ships arrive",
            outlets
        ));
        assert!(super::is_credited_photo(
            "Crowds wait for the ferry in the port. (Getty Images)",
            outlets
        ));
        assert!(super::is_credited_photo(
            "Crowds wait for the ferry in the port. (Xinhua)",
            outlets
        ));
        assert!(!super::is_credited_photo(
            "Ferry fares rise again. (Analysis)",
            outlets
        ));
        assert!(super::TEASER.is_match(
            "The singer gave a concert for the school, which now houses ...         Read More"
        ));
        assert!(!super::is_credited_photo(
            "PHOTOS: Residents clean up after the storm",
            outlets
        ));
    }

    #[test]
    fn a_page_clock_and_a_section_label_glued_to_the_headline_are_no_headline() {
        let clock = "Tuesday 07th December, 04:18 AM JST\nPORTVILLE —\nThe High Court ruled \
            Monday that the former mayor serve 17 years in jail for two corruption convictions.\n";
        assert_ne!(title_of(clock).0, "Tuesday 07th December, 04:18 AM JST");
        let glued = "NewsLocalStrike action looms in public schools as talks collapse\n\n\
            Strike action looms in public schools as talks collapse\n\nThe new school year \
            hangs in the balance after teachers unions on Thursday rejected a letter from the \
            minister.\n";
        assert_eq!(
            title_of(glued).0,
            "Strike action looms in public schools as talks collapse"
        );
    }

    #[test]
    fn a_label_over_a_ticker_of_headlines_and_a_stamp_with_a_font_widget_is_no_headline() {
        let text = "Off the wire\nHarbour port reopens after long strike  • Valley farmers \
            expect record harvest  • Coast stocks rise on upbeat earnings, data  • Council \
            approves the new budget  • Ferry operator adds winter crossings this year  • Rail \
            line to reopen after repairs next month  • Storm warning issued for the northern \
            coast  • Court fines shipping line over fuel spill  • Museum opens new wing for \
            modern art  \nYou are here:   Home\n\nPortville projects copper output to hit a \
            record this year\n\nHarbour Wire, April 25, 2017 Adjust font size:\n\nPortville, \
            the region's second largest copper producer, said on Tuesday that it expects \
            output to hit a record this year.\n";
        assert_eq!(
            title_of(text).0,
            "Portville projects copper output to hit a record this year"
        );
    }

    #[test]
    fn a_headline_glued_to_its_copy_is_read_once_and_a_sourced_photo_is_no_headline() {
        let glued =
            "Storm closes the harbour for two daysStorm closes the harbour for two days\n\n\
            Portville: The storm closed the harbour on Monday, the port authority said.\n";
        assert_eq!(title_of(glued).0, "Storm closes the harbour for two days");
        let sourced = "Council member Jane Doe [Source: Harbour Council/Facebook]\n\nCouncil \
            member Jane Doe has strongly criticised the budget, calling it reckless.\n";
        assert!(
            !title_of(sourced).0.contains("[Source"),
            "{:?}",
            title_of(sourced)
        );
    }

    #[test]
    fn a_breadcrumb_run_into_the_headline_and_a_view_more_link_are_no_part_of_it() {
        let crumbs = "Pages\n\nTOP STORY > >Probe continues to focus on trio for killings\n\n\
            By JANE DOE\n\nThe sheriff refused Tuesday to confirm the name of the informant, \
            officials said.\n";
        assert_eq!(
            title_of(crumbs).0,
            "Probe continues to focus on trio for killings"
        );
        let link = "Press Releases\n\nView More In This Section\n\nMayor Accepts Council \
            Budget for Fiscal Year 2016\n\nThe Mayor's Office today announced that the \
            council's proposed budget will be accepted as it is.\n";
        assert_eq!(
            title_of(link).0,
            "Mayor Accepts Council Budget for Fiscal Year 2016"
        );
    }

    #[test]
    fn a_wire_story_copied_as_one_line_parts_into_headline_credit_and_lead() {
        let ctx = ImportContext::with_defaults(&[]);
        let got = crate::import::import_text(
            ". | . |\nAt least 42 dead in floods in the south Portville (AFP) June 16, 2010 At \
            least 42 people have died and 36 are missing after torrential rain in the south, \
            officials said on Wednesday.\n",
            "t.txt",
            &ctx,
        );
        assert_eq!(got.front.title, "At least 42 dead in floods in the south");
        assert_eq!(got.front.outlet, "Agence France-Presse");
        assert_eq!(
            got.front.date.map(|d| d.to_string()).as_deref(),
            Some("2010-06-16")
        );
    }

    #[test]
    fn a_byline_in_malay_or_indonesian_opens_with_oleh() {
        let ctx = ImportContext::with_defaults(&[]);
        let got = crate::import::import_text(
            "Kabinet bincang tol percuma\n\nOleh: Siti Aminah\n\nPUTRAJAYA: Kabinet akan \
            membincangkan perkara itu pada Jumaat ini, kata menteri.\n",
            "t.txt",
            &ctx,
        );
        assert_eq!(got.front.byline, vec!["Siti Aminah".to_string()]);
    }

    #[test]
    fn run_on_menus_are_told_from_title_case_headlines() {
        assert!(super::is_run_on_menu(
            "Home Latest World Business Opinion Sport Tech Videos"
        ));
        assert!(!super::is_run_on_menu(
            "Lecturers Begin Indefinite Strike Over Unpaid Allowances"
        ));
        assert!(super::tag_row(
            "Floods Valley Province economy Government bill Floods Valley Province"
        ));
        assert!(!super::tag_row(
            "Valley Rovers beat Valley Rovers reserves in a friendly"
        ));
        // A tab title's site name run into the menu: the dash is no word.
        assert!(super::is_run_on_menu(
            "The Valley Courier - Valley News Health & Wellness WORLD NEWS Business Opinion"
        ));
    }
}
