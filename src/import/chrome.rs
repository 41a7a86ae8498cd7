//! Chrome: sorts each line of a raw article on its own into site chrome (menus, widgets, lists of
//! other stories), metadata (stamps, bylines, credits, contacts) or text, from patterns of the
//! sites' layouts. Patterns use ASCII word boundaries and no long bounded repeats, so the lazy DFA
//! never falls back to a slower engine.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use super::doc::{Kind, Meta};
use super::outlets::OutletMatcher;

/// Lines that are site chrome wherever they appear (compared whole, ignoring case).
static JUNK: LazyLock<RegexSet> = LazyLock::new(|| {
    let whole = |p: &str| format!(r"(?i)^(?:{p})$");
    RegexSet::new(
        [
            r"back to top|go top|top|go to contents(?: go to navigation)?|go to navigation|(?:skip|jump)(?: directly| straight)? to .+|skip navigation",
            r"(?:we use |this (?:site|website) uses )?cookies?(?: (?:on|policy|settings|preferences|notice|consent)(?: .*)?)?|accept(?: all)?(?: cookies)?|manage (?:cookies|preferences|consent)",
            r"subscribe(?: now| to .*)?|newsletter|sign up(?: .*)?|sign in|log ?in|log ?out|register|join|my page|(?:log ?in|sign ?in|continue|connect) with (?:twitter|facebook|google|apple|linkedin|x|e-?mail)|password|remember me.*|forgot (?:your )?password\??|username",
            r"send feedback|how can we improve\??|thanks for your feedback!?|feedback|report an error|corrections?",
            r"(?:share|e-?mail|print|save|send|copy|bookmark|listen to)(?: this| the)?(?: article| story| page| link)?(?: for later)?:?|[-+−]?\d(?:\s+[-+−]?\d){2,}|share on .*|facebook|twitter|x|kakao ?(?:talk|story)?|linkedin|whatsapp|telegram|line|naver|band|e-?mail|print|copy (?:link|url)|(?:url|link) copied.*|bookmark|save|scrap",
            r"font ?size.*|text ?size.*|letter ?size|글자 ?크기.*|폰트.*|(?:[aA가] ?){2,3}|a\s?\+|a\s?-|zoom (?:in|out)|listen(?: to (?:this )?article)?|audio|play|pause|tts",
            r"comments?(?: \(\d+\))?|\d+ comments?|(?:leave|write|post|add) (?:a |your )?comments?.*|please (?:log ?in|sign in) to .*|name|password|submit|cancel|reply",
            r"advertisement|advertising|ad|sponsored(?: content)?|promoted|gift (?:this )?article|save article|listen to this article|(?:\w+ ){0,3}powered by(?: \S+){1,4}",
            r"all news|top news|photo news|news|menu|search|home|close|open|more|view (?:all|more)|see more|read more.*|more (?:stories|news|from .*)|previous(?: article)?|next(?: article)?|prev|list",
            r"click (?:here )?to (?:enlarge|view).*|enlarge|expand|button that move to .*|original korean article.*",
            r"(?:korean|english|中文|日本語|한국어|español|français|русский|عربي)(?:\s*[|/·]\s*(?:korean|english|中文|日本語|한국어|español|français|русский|عربي))*",
            r"(?:home|news)\s*[>/»›].*",
            r"[-=_*·•|/\\.~]{2,}|\W",
            r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|updated(?: (?:\d+|an?|a few) (?:seconds?|minutes?|hours?|days?))? ago|updated|weather.*|\d{1,2}:\d{2}(?: ?[ap]\.?m\.?)?(?: kst)?",
            r"(?:\d{1,3} (?:mins?|minutes?|hrs?|hours?|days?) ago\s*[·•|]?\s*)?\d{1,3} min(?:ute)?s? read",
        ]
        .iter()
        .map(|p| whole(p)),
    )
    .unwrap()
});

/// Headers of lists of other stories: what follows them is junk until the article resumes.
pub(crate) static LIST_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:most (?:popular|viewed|read|shared|commented)(?: articles| stories| news)?|latest (?:news|articles|stories)|latest|related (?:stories|articles|news|links|content|topics)|you might also like|you may also like|recommended(?: stories| articles| for you)?|editor'?s picks?|trending(?: now| news)?|top stories|hot issues?|popular (?:news|articles)|more from .*|more on this topic|more (?:in |on )?(?-i:\p{Lu}[\w&'’-]*(?: (?:&|\p{Lu}[\w&'’-]*)){0,2})|other news|(?:many|most) read|photo ?news|videos?|이 시각 .*|많이 본 기사|인기 기사|관련 ?기사)\s*:?$").unwrap()
});

static STAMP_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:(?:first )?published|posted(?: on)?|updated|last updated|modified(?: on)?|written|created|date|released|issued|all news)(?-u:\b)|입력|수정|기사입력|최종수정|등록)\s*:?\s*\S").unwrap()
});

/// A stamp among short fields parted by bars: `Wire | Portville | Updated: 28-09-2020 22:58 IST`,
/// the credit, place and times a page prints under its headline. No field may read as prose.
fn is_fielded_stamp(text: &str) -> bool {
    let fields: Vec<&str> = text
        .split('|')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    fields.len() >= 2
        && fields.iter().all(|f| !more_words_than(f, 5))
        && fields.iter().any(|f| {
            (STAMP_LABEL.is_match(f) && has_digit(f))
                || BARE_DATE.is_match(f)
                || super::dates::is_stamp_line(f)
        })
}

/// `Jane Doe reported this story on Thursday, January 7, 2016 12:05:00`: a broadcaster's byline
/// and stamp in one sentence.
static REPORTED_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}\s+(?:reported|filed|presented|wrote) this (?:story|report|piece|article) on\s+\S").unwrap()
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?:{}|기자)\s+|{})(?:[A-Z\p{{Hangul}}]|[a-z0-9-]+\.[a-z]{{2,6}}(?:\s|$))",
        *super::headline::BYLINE_OPENING,
        super::headline::GLUED_BY
    ))
    .unwrap()
});

/// A `Source:` line, in the page's language (`registry/source_labels.txt`).
static SOURCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^(?:{})\s*:\s*\S", source_labels())).unwrap());

/// The source labels as one alternation, for a pattern.
pub(crate) fn source_labels() -> String {
    super::names::alternation(include_str!("registry/source_labels.txt"))
}

/// `source: Harbour Wire` → `Harbour Wire`: a credit without its source label, in any of the
/// page's languages; any other text as it is.
pub(crate) fn without_source_label(text: &str) -> &str {
    static LABEL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"(?i)^(?:{})\s*:\s*", source_labels())).unwrap());
    LABEL.find(text).map_or(text, |m| &text[m.end()..])
}

/// `… the rivers rose. Quelle: Harbour Wire`: a source label closing the story's last paragraph
/// after its last sentence; the paragraph, and the source line. A short line is a photo's caption
/// and its credit (`The new bill's sponsor. Source: Supplied`), left whole.
pub(crate) fn split_trailing_source(text: &str) -> Option<(&str, &str)> {
    if text.len() < 250 {
        return None;
    }
    static TRAILING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r#"[.!?"”]\s+(?P<source>(?i:{})\s*:\s*[^.:!?]{{2,60}}?)\s*$"#,
            source_labels()
        ))
        .unwrap()
    });
    let tail = &text[text.floor_char_boundary(text.len().saturating_sub(90))..];
    if !tail.contains(':') {
        return None;
    }
    let source = TRAILING.captures(tail)?.name("source")?;
    let at = text.len() - tail.len() + source.start();
    Some((text[..at].trim_end(), source.as_str()))
}

static NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\((?:attn|attention|editor'?s note|eds)(?-u:\b)[^)]*\)$|^(?:editor'?s note|eds?)\s*:").unwrap()
});

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)").unwrap()
});

static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\(end\)|\(c\)\s*yonhap.*|please (?:direct|send|email|e-mail) .*|(?:contact|e-?mail|write to)(?: the)?(?: reporter| writer| author)?s?\s*(?:at|:).*|for (?:more information|inquiries).*|follow (?:us|\S+) on .*|download (?:the|our)(?: \S+){0,3} app(?:\W.*)?|\[?[a-z0-9._%+-]+@[a-z0-9.-]+\]?)$").unwrap()
});

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:additional )?reporting by |writing by |written by [^;]+; |editing by |compiled by |translated by |edited by |photo(?:graph)?s? by |(?:graphics?|video) by )|contributed (?:to )?(?:this|the) (?:report|story|article)\.?$").unwrap()
});

/// A copyright notice: opened by its sign, perhaps after a word or two naming it in the page's
/// language (`Hak Cipta ©`), or holding a rights notice (`registry/rights_notices.txt`).
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:\p{{L}}+ ){{0,2}}(?:©|ⓒ)|^(?:\(c\)|copyright(?-u:\b))|{}",
        rights_notices()
    ))
    .unwrap()
});

/// The rights notices as one alternation, for a pattern.
pub(crate) fn rights_notices() -> String {
    super::names::alternation(include_str!("registry/rights_notices.txt"))
}

static URL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:source |original |article )?(?:url|link)\s*:\s*)?<?https?://\S+>?$")
        .unwrap()
});

/// A line of a date and maybe a clock time and weekday, with nothing else: a stamp or page clock.
pub(crate) static BARE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4}|\d{4}[-./]\d{1,2}[-./]\d{1,2}\.?)(?:\s*(?:[-,|·]|at)?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*\(?(?:kst|gmt|utc|et|est|edt|jst|cst)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?)?$|^\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?\s+[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}$").unwrap()
});

/// Leading bullets and separators scraped from list items ("• Published : …").
pub(crate) fn strip_bullet(line: &str) -> &str {
    line.trim()
        .trim_start_matches([
            '•', '·', '▶', '■', '□', '◆', '●', '▲', '△', '►', '*', '-', '–',
        ])
        .trim_start()
}

/// Whether `text` has more than `n` words (as [`word_count`] counts them), stopping at the block
/// of text that decides it: most tests only ask whether a line is short.
pub(crate) fn more_words_than(text: &str, n: usize) -> bool {
    // ASCII text is counted a block at a time until the answer is known, without a first pass
    // over the whole text; past ASCII, the words are counted by Unicode's whitespace (the same
    // as ASCII's for the blocks counted so far).
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut before = b' ';
    for block in bytes.chunks(WORD_BLOCK) {
        if !block.is_ascii() {
            return text.split_whitespace().nth(n).is_some();
        }
        count += ascii_word_starts(before, block);
        if count > n {
            return true;
        }
        before = block[block.len() - 1];
    }
    false
}

pub(crate) fn word_count(text: &str) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().count();
    }
    let mut count = 0;
    let mut before = b' ';
    for block in text.as_bytes().chunks(WORD_BLOCK) {
        count += ascii_word_starts(before, block);
        before = block[block.len() - 1];
    }
    count
}

/// Bytes counted at once: a short line is one block, a long paragraph is left early by
/// [`more_words_than`], and a block's count fits a byte.
const WORD_BLOCK: usize = 64;

/// Words that start in `block` (ASCII, at most [`WORD_BLOCK`] bytes), `before` being the byte
/// before it (a space at the start of the text): a word starts at a byte that is no whitespace
/// after one that is. Every line and paragraph is counted, most of them ASCII, so each byte is
/// compared with the one before it without a branch, which the compiler does many at a time.
fn ascii_word_starts(before: u8, block: &[u8]) -> usize {
    // The six bytes `char::is_whitespace` takes in ASCII: tab to carriage return, and the space.
    let space = |b: u8| (b == b' ') | (b.wrapping_sub(b'\t') < 5);
    let Some((&first, rest)) = block.split_first() else {
        return 0;
    };
    let opens = u8::from(space(before) & !space(first));
    let starts = block
        .iter()
        .zip(rest)
        .map(|(&prev, &b)| u8::from(space(prev) & !space(b)))
        .fold(opens, u8::wrapping_add);
    usize::from(starts)
}

/// Reads like article text rather than a menu item or a headline in a list.
pub(crate) fn body_like(text: &str) -> bool {
    // At least 160 characters: no shorter than 160 bytes, and any 640 bytes hold 160 characters.
    let long = text.len() >= 640 || (text.len() >= 160 && text.chars().count() >= 160);
    if long {
        return true;
    }
    // A wire's sign-off glued to the last sentence (`…by the floods.-VNA`) still ends one.
    let ends = text
        .trim_end()
        .ends_with(['.', '?', '!', '"', '”', '’', '\''])
        || sign_off(text).is_some();
    ends && more_words_than(text, 11)
}

/// The short credit after a story's last sentence and a dash: `…by the floods.-VNA` gives `VNA`,
/// `…said. — AFP` and `…said. – AFP, January 27, 2016.` give `AFP`. Only lines with a dash near
/// their end are searched.
pub(crate) fn sign_off(text: &str) -> Option<&str> {
    // `-`, or the lead byte 0xE2 of `–` and `—` in UTF-8, in the last 48 bytes.
    let tail = &text.as_bytes()[text.len().saturating_sub(48)..];
    if !tail.iter().any(|&b| b == b'-' || b == 0xE2) {
        return None;
    }
    // A dated sign-off ends in its year: most lines are turned away by their last byte.
    let dated = || {
        text.len() >= 120
            && text
                .trim_end()
                .trim_end_matches('.')
                .ends_with(|c: char| c.is_ascii_digit())
    };
    let caps = SIGNED_OFF
        .captures(text)
        .or_else(|| dated().then(|| SIGNED_OFF_DATED.captures(text)).flatten())?;
    Some(caps.get(1)?.as_str())
}

static SIGNED_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[.!?\x{201d}\x{2019}\x22]\s*[-\x{2013}\x{2014}]+\s*(\p{Lu}[\w .&'-]{0,40}?)\s*$")
        .unwrap()
});

/// A sign-off with its day (`… debut novels. – Wire, January 27, 2016.`), after a sentence of
/// the story's own: a list of sources prints the same after each quoted title (`"Title" — Wire,
/// June 11, 2009`), and none of them signs the story.
static SIGNED_OFF_DATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"[.!?]\s*[-\x{{2013}}\x{{2014}}]+\s*(\p{{Lu}}[\w .&'-]{{0,40}}?),\s*{} \d{{1,2}},? \d{{4}}\.?\s*$",
        super::headline::MONTH
    ))
    .unwrap()
});

/// Sorts one line (already trimmed and bullet-stripped) without looking at its neighbours.
pub(crate) fn classify(text: &str, outlets: &OutletMatcher, mostly_latin: bool) -> Kind {
    if text.is_empty() {
        return Kind::Blank;
    }
    if is_headline_ticker(text) {
        return Kind::Junk;
    }
    // Chrome, stamps and credits are short; a long line is article text (this also keeps the
    // per-line patterns off most of the input).
    if text.len() > 400 {
        return Kind::Body;
    }
    // Lines here are at most 400 bytes; count their characters once.
    let chars = text.chars().count();
    let short = chars <= 120;
    // Every stamp has a digit (`\d` also takes non-ASCII digits, so only an all-ASCII line
    // without one is passed over); most lines have none, so both stamp patterns are skipped.
    if short
        && (has_digit(text) || !text.is_ascii())
        && (BARE_DATE.is_match(text)
            || (STAMP_LABEL.is_match(text) && has_digit(text))
            || super::dates::is_stamp_line(text))
    {
        return Kind::Meta(Meta::Stamp);
    }
    if short && text.contains(" | ") && has_digit(text) && is_fielded_stamp(text) {
        return Kind::Meta(Meta::Stamp);
    }
    if short && outlets.is_layout(text) {
        return Kind::Meta(Meta::Layout);
    }
    if chars <= 100 && BYLINE.is_match(text) && !body_like(text) {
        return Kind::Meta(Meta::Byline);
    }
    if short && text.contains(" this ") && has_digit(text) && REPORTED_ON.is_match(text) {
        return Kind::Meta(Meta::Byline);
    }
    // Each pattern is run only on lines holding what every match of it holds: a `Source:` and
    // an editor's note have a colon (or the note is bracketed), an address has `://`.
    let colon = text.contains(':');
    if short && colon && SOURCE.is_match(text) {
        return Kind::Meta(Meta::Source);
    }
    if (colon || text.starts_with('(')) && NOTE.is_match(text) {
        return Kind::Meta(Meta::Note);
    }
    if text.contains("://") && URL_LINE.is_match(text) {
        return Kind::Meta(Meta::Url);
    }
    if chars <= 300 && may_credit(text) && CREDIT.is_match(text) {
        return Kind::Meta(Meta::Credit);
    }
    if chars <= 250 && COPYRIGHT.is_match(text) {
        return Kind::Meta(Meta::Copyright);
    }
    if short && may_be_contact(text) && CONTACT.is_match(text) {
        return Kind::Meta(Meta::Contact);
    }
    // An address needs an `@`.
    if short && text.contains('@') && EMAIL.is_match(text) && !more_words_than(text, 6) {
        return Kind::Meta(Meta::Contact);
    }
    if short && outlets.is_signature_line(text) {
        return Kind::Meta(Meta::Credit);
    }
    if short && outlets.is_masthead(text) {
        return Kind::Meta(Meta::Layout);
    }
    if JUNK.is_match(text)
        || is_nav_bar(text)
        || is_widget_run(text)
        || (mostly_latin && is_korean_menu(text))
        || is_reader_notice(text)
    {
        return Kind::Junk;
    }
    Kind::Body
}

/// `Port reopens after strike  • Farmers expect record harvest  • Stocks rise on earnings  • …`:
/// a ticker of other stories' headlines run into one line, the copy of a page's news strip. Four
/// pieces or more between bullets or bars, each of a few capitalised words and none a sentence.
fn is_headline_ticker(text: &str) -> bool {
    // Every line is asked: one pass turns away the lines with none of the separators.
    if !text.contains(['•', '|', '·']) {
        return false;
    }
    let Some(separator) = ['•', '|', '·'].into_iter().find(|&c| text.contains(c)) else {
        return false;
    };
    let pieces: Vec<&str> = text
        .split(separator)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    pieces.len() >= 4
        && pieces.iter().all(|p| {
            let words = p.split_whitespace().count();
            (3..=25).contains(&words)
                && p.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                && !p.ends_with(['.', '!', '?', ':', ','])
        })
}

/// `/0 Comments/in , , /by`: a blog's post-meta widget with its fields left empty, the pieces
/// chrome on their own (`0 Comments`) between separators and one-word labels (`in`, `by`).
fn is_widget_run(text: &str) -> bool {
    if text.len() > 80 || !text.contains(['/', ',', '|']) {
        return false;
    }
    let mut pieces = text
        .split(['/', ',', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let mut widgets = 0;
    let all_chrome = pieces.all(|p| {
        let label = p.len() <= 3 && p.chars().all(|c| c.is_ascii_lowercase());
        let widget = !label && JUNK.is_match(p);
        widgets += usize::from(widget);
        label || widget
    });
    // `Listen | Print`: two widgets are a run too.
    all_chrome && (widgets >= 2 || (widgets > 0 && text.split(['/', ',', '|']).count() >= 3))
}

/// Whether [`CONTACT`] may match `text`: its lines open with `(`, `p`, `c`, `e`, `w`, `f` or `d`
/// in either case (letters no character past ASCII folds to), or hold an address's `@`.
fn may_be_contact(text: &str) -> bool {
    text.bytes()
        .next()
        .is_some_and(|b| b"(pcewfd".contains(&b.to_ascii_lowercase()))
        || text.contains('@')
}

/// Whether [`CREDIT`] may match `text`: its credits open with one of nine letters, and its
/// contributor's line ends in `report`, `story` or `article` and maybe a full stop (tested by
/// `tory`: only `s` and `k` have a character past ASCII that the case-blind pattern takes).
fn may_credit(text: &str) -> bool {
    let opens = text
        .bytes()
        .next()
        .is_some_and(|b| b"arwectpgv".contains(&b.to_ascii_lowercase()));
    let end = text.strip_suffix('.').unwrap_or(text).as_bytes();
    let closes = |word: &[u8]| {
        end.len() >= word.len() && end[end.len() - word.len()..].eq_ignore_ascii_case(word)
    };
    opens || closes(b"report") || closes(b"tory") || closes(b"article")
}

/// `Home | News | Politics | World`, `News / Politics / News`, `Home > World > Africa`: three or
/// more short items separated by bars, spaced slashes or breadcrumb arrows.
fn is_nav_bar(text: &str) -> bool {
    // Most lines have no separator at all: the patterns are not run for them. A byte scan
    // passes over the lines with no ASCII separator and no last byte of `»` (0xC2 0xBB) or `›`
    // (0xE2 0x80 0xBA); a line with one of those bytes in another character is looked at again.
    let may_separate = text
        .bytes()
        .any(|b| matches!(b, b'|' | b'/' | b'>' | 0xBA | 0xBB));
    if !may_separate || !text.contains(['|', '/', '>', '»', '›']) {
        return false;
    }
    let items: Vec<&str> = NAV_SEPARATOR
        .split(text)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let separators = NAV_SEPARATOR.find_iter(text).count();
    (separators >= 2 || (separators == 1 && text.contains(['>', '»', '›'])))
        && items.len() >= 2
        && items
            .iter()
            .all(|i| i.chars().count() <= 25 && !more_words_than(i, 3))
}

static NAV_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\|\s*|\s+/\s+|\s*[>»›]\s*").unwrap());

/// Words of cookie banners, newsletter prompts and browser warnings, from the shipped list.
static NOTICE_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    let words = super::names::entries(include_str!("registry/notice_words.txt"));
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("notice words build an automaton")
});

pub(crate) static ADDRESSES_READER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(?:you|your|we|our|us)(?-u:\b)").unwrap());

/// "We use some essential cookies to make this service work.", "Sign up to our newsletter…": a
/// short paragraph that speaks to the reader about the site itself.
fn is_reader_notice(text: &str) -> bool {
    !more_words_than(text, 60) && NOTICE_WORDS.is_match(text) && ADDRESSES_READER.is_match(text)
}

/// Words with which a site's notices speak of the site itself rather than to the reader:
/// `Analytical cookies are used to understand how visitors interact with the website.`
static SPEAKS_OF_SITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?:this|the) (?:web)?site|visitors?|user experience)(?-u:\b)")
        .unwrap()
});

/// A paragraph of a site's notice that speaks of the site and its visitors (a consent box's
/// panels). Only the search for the headline passes over it: in a story such a paragraph may be
/// news (a regulator's finding on a site's cookies), so it stays in the body.
pub(crate) fn about_the_site(text: &str) -> bool {
    !more_words_than(text, 60) && NOTICE_WORDS.is_match(text) && SPEAKS_OF_SITE.is_match(text)
}

/// A paywall's or a newsletter's notice run on after the story's opening sentences (`HARARE –
/// The minister … to head such... To access this content, please purchase a subscription …`):
/// the story's part, and the notice. The story's part must be a sentence or more of text.
pub(crate) fn split_trailing_notice(text: &str) -> Option<(&str, &str)> {
    // As [`is_reader_notice`] tests, cheapest test first: most lines are short or long text.
    if !more_words_than(text, 12) || more_words_than(text, 60) {
        return None;
    }
    let first_notice = NOTICE_WORDS.find(text)?.start();
    if !ADDRESSES_READER.is_match(text) {
        return None;
    }
    let head = &text[..first_notice];
    let end = head
        .rmatch_indices(['.', '!', '?'])
        .map(|(i, _)| i + 1)
        .find(|&i| text[i..].starts_with(char::is_whitespace))?;
    let (story, notice) = (text[..end].trim_end(), text[end..].trim_start());
    (more_words_than(story, 12) && !is_reader_notice(story)).then_some((story, notice))
}

/// A photo's placeholder alt text glued to the line after it (`article imageThree charged over
/// …`): the label, and the line.
pub(crate) fn split_glued_image_label(text: &str) -> Option<(&str, &str)> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:(?:article|featured|main|lead|hero|post) )?(?:image|photo|picture|img)\p{Lu}",
        )
        .unwrap()
    });
    if !text.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let m = LABEL.find(text)?;
    let at = m.end() - text[..m.end()].chars().next_back()?.len_utf8();
    Some((&text[..at], &text[at..]))
}

/// A font-size widget's label run on after a line (`Harbour Wire, April 25, 2017 Adjust font
/// size:`): the line, and the label.
pub(crate) fn split_trailing_widget(text: &str) -> Option<(&str, &str)> {
    static WIDGET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\s+(?:(?:adjust|change) )?(?:font|text) ?size\s*:?\s*(?:[aA][-+]?\s*){0,3}$",
        )
        .unwrap()
    });
    if text.len() > 200 || !text.contains(['z', 'Z']) {
        return None;
    }
    let at = WIDGET.find(text)?.start();
    let line = text[..at].trim_end();
    (!line.is_empty()).then(|| (line, text[at..].trim()))
}

pub(crate) fn has_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

/// A Korean-language line with next to no Latin letters, in an English article: a menu or widget.
fn is_korean_menu(text: &str) -> bool {
    // Hangul is never ASCII: most lines are passed over by one fast check.
    !text.is_ascii()
        && text.chars().any(is_hangul)
        && text.chars().filter(|c| c.is_ascii_alphabetic()).count() < 12
}

pub(crate) fn is_hangul(c: char) -> bool {
    matches!(c, '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}')
}

/// The domains of every e-mail address in `text`.
pub(crate) fn email_domains(text: &str) -> impl Iterator<Item = &str> {
    EMAIL
        .captures_iter(text)
        .filter_map(|c| c.name("domain").map(|m| m.as_str()))
}

/// Builds the line sorter's patterns before the first input needs them (see [`super::warm_up`]).
pub(crate) fn patterns() -> Vec<fn()> {
    vec![
        || {
            LazyLock::force(&SIGNED_OFF);
            LazyLock::force(&SIGNED_OFF_DATED);
        },
        || {
            LazyLock::force(&JUNK);
        },
        || {
            LazyLock::force(&LIST_HEADER);
            LazyLock::force(&STAMP_LABEL);
            LazyLock::force(&BYLINE);
            LazyLock::force(&SOURCE);
            LazyLock::force(&NOTE);
        },
        || {
            LazyLock::force(&EMAIL);
            LazyLock::force(&CONTACT);
            LazyLock::force(&CREDIT);
            LazyLock::force(&COPYRIGHT);
            LazyLock::force(&URL_LINE);
            LazyLock::force(&BARE_DATE);
            LazyLock::force(&NAV_SEPARATOR);
            LazyLock::force(&NOTICE_WORDS);
            LazyLock::force(&ADDRESSES_READER);
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_print_and_font_size_widgets_are_chrome() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let text = "Ferry operator cancels winter crossings\n\nShare\nPrint\n-2 -1 0 +1 +2\n\
            A A A\nGo Top\nEmail this article\nSave for later\nListen to this article\n\
            Password\nRemember meForgot password?\n    Log in with Twitter\nListen | Print\n\n\
            The ferry operator cancelled its winter crossings on Monday, citing thick ice and low \
            bookings, the company said in a statement.\n";
        let body = crate::import::import_text(text, "t.txt", &ctx).body;
        assert_eq!(
            body.trim(),
            "The ferry operator cancelled its winter crossings on Monday, citing thick ice and \
             low bookings, the company said in a statement."
        );
    }

    #[test]
    fn a_source_closing_the_last_paragraph_is_split_off_in_any_language() {
        let story = "The rivers rose again on Sunday and flooded the roads of three towns, the \
            council said, and residents near the water were told to leave their homes before \
            night fell. More rain is expected on Monday, and the army has been asked to help \
            with sandbags.";
        let text = format!("{story} Quelle: harbour Nachrichten");
        assert_eq!(
            split_trailing_source(&text),
            Some((story, "Quelle: harbour Nachrichten"))
        );
        // A caption and its credit stay whole.
        assert_eq!(
            split_trailing_source("The bill's sponsor at the launch. Source: Supplied"),
            None
        );
        assert_eq!(
            split_trailing_source("The rivers rose. Source: the council said it was false."),
            None
        );
        assert_eq!(
            split_trailing_source("The rivers rose again on Sunday."),
            None
        );
    }

    #[test]
    fn a_photos_placeholder_glued_to_the_headline_is_split_off() {
        assert_eq!(
            split_glued_image_label("article imageThree charged over the port fire"),
            Some(("article image", "Three charged over the port fire"))
        );
        assert_eq!(split_glued_image_label("imagery shows the port"), None);
        assert_eq!(split_glued_image_label("Photo of the port"), None);
    }

    #[test]
    fn a_font_size_widget_run_on_after_a_stamp_is_split_off() {
        assert_eq!(
            split_trailing_widget("Harbour Wire, April 25, 2017 Adjust font size:"),
            Some(("Harbour Wire, April 25, 2017", "Adjust font size:"))
        );
        assert_eq!(
            split_trailing_widget("May 3, 2024 Text size A- A+"),
            Some(("May 3, 2024", "Text size A- A+"))
        );
        assert_eq!(
            split_trailing_widget("The font size of the sign was small"),
            None
        );
        assert_eq!(split_trailing_widget("Font size"), None);
    }

    #[test]
    fn a_ticker_of_other_headlines_is_chrome_and_a_table_row_is_not() {
        let ticker = "Harbour port reopens after long strike  • Valley farmers expect record \
            harvest  • Coast stocks rise on upbeat earnings, data  • Council approves the new \
            budget  • China Focus: Fewer suspects fled in 2016 as drive continues  ";
        assert!(is_headline_ticker(ticker));
        for kept in [
            "| Year | Revenue | Profit | Staff |",
            "Harbour port reopens after strike. | The council met. | Stocks rose. | It rained.",
            "Port reopens | Farmers expect record harvest",
        ] {
            assert!(!is_headline_ticker(kept), "{kept}");
        }
    }

    #[test]
    fn the_line_tests_skip_no_line_their_patterns_match() {
        // Lines each pattern takes, in the cases and spellings the case-blind patterns allow.
        let lines = [
            "Reporting by Jane Doe; Editing by John Roe",
            "ADDITIONAL REPORTING BY JANE DOE",
            "writing by Jane Doe",
            "Written by Jane Doe; edited by John Roe",
            "Compiled by the desk",
            "Translated by Ana Lima",
            "Photographs by Ana Lima",
            "Graphics by Ana Lima",
            "Video by Ana Lima",
            "Jane Doe contributed to this report.",
            "Jane Doe contributed to the STORY",
            "Jane Doe contributed this \u{17f}tory",
            "John Roe contributed to the article",
            "(END)",
            "(c) Yonhap 2024",
            "Please send tips to the desk",
            "Contact the reporter at jane@example.com",
            "E-mail: desk@example.com",
            "Write to the writer at jane@example.com",
            "For more information call the office",
            "Follow us on X",
            "Download our news app",
            "jane.doe@example.com",
            "[jane.doe@example.com]",
        ];
        let mut taken = [0, 0];
        for line in lines {
            if CREDIT.is_match(line) {
                taken[0] += 1;
                assert!(may_credit(line), "{line}");
            }
            if CONTACT.is_match(line) {
                taken[1] += 1;
                assert!(may_be_contact(line), "{line}");
            }
        }
        assert_eq!(taken, [13, 11]);
        // And most lines are turned away before either pattern runs.
        let prose = "Officials said the talks would resume next week in Geneva.";
        assert!(!may_credit(prose) && !may_be_contact(prose));
    }

    #[test]
    fn word_counts_agree_with_split_whitespace() {
        // Texts longer than a block of the count, with words and spaces across its edges.
        let long: Vec<String> = (60..=70)
            .map(|at| format!("{}{}", "x".repeat(at), " a b\tcd  e ".repeat(20)))
            .chain([" a".repeat(100), "ab ".repeat(50) + "문재인 x"])
            .collect();
        for text in [
            "",
            "   ",
            "one",
            " Talks resumed,\tSeoul\nsaid.\r\n",
            "a\x0bb\x0cc \x1cd",
            "Ms Kang\u{a0}said  it\u{3000}again — 문재인 ",
        ]
        .into_iter()
        .chain(long.iter().map(String::as_str))
        {
            let count = text.split_whitespace().count();
            assert_eq!(word_count(text), count, "{text:?}");
            for n in 0..=count + 1 {
                assert_eq!(more_words_than(text, n), count > n, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn bare_dates_and_clocks_are_stamps() {
        for line in [
            "Sept 19, 2017 - 14:34",
            "11:52 February 07, 2017",
            "2021-03-19 16:34 KST",
            "Tuesday, February 7, 2017",
        ] {
            assert!(BARE_DATE.is_match(line), "{line}");
        }
        assert!(!BARE_DATE.is_match("Moon met Trump on Feb. 7, 2017."));
    }
}
