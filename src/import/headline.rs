//! Headline, byline and dateline: the title without wire labels or site names, the reporters who
//! wrote the story (never actors), and the place the story was filed from.

use std::sync::LazyLock;

use regex::Regex;

use super::doc::{Block, Dateline, Doc, Kind, Meta};
use super::outlets::OutletMatcher;
use super::PageHints;

/// An English month's name, in full or cut short (`September`, `Sept.`, `Sep`).
pub(crate) const MONTH: &str = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?";

/// An English month's short name in capitals, as some datelines print it (`NOV`, `SEPT.`).
const CAPS_MONTH: &str = r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\.?";

/// `SEOUL, Feb. 7 (Yonhap) --`, `NEW YORK --`, `LAHORE, NOV 06 (Wire) —`, `February 15, Portville
/// (Wire):`, `SEOUL:`, `WASHINGTON (AP) —`, `Seoul (AFP) -`,
/// `PORTVILLE, Westland.-`, `OROVILLE, Calif. (Wire) Developments…`,
/// `ANKARA, (Harbour Wire / Coast News - 2nd Oct, 2019 ) :`, `Kathmandu, June 23:`.
pub(crate) static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let caps_place = r"[A-Z][A-Z.'’/-]+(?: [A-Z][A-Z.'’/-]+){0,3}";
    let region = r"(?:, (?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}))?";
    // `LAHORE, NOV 06 (Wire) —`: the month may be printed in capitals like the place.
    let md = format!(
        r"(?:,? (?P<md>(?:{MONTH}|{CAPS_MONTH}) \d{{1,2}})(?:,? (?P<mdyear>(?:19|20)\d\d))?)?"
    );
    let tmd = format!(r"(?:,? (?P<tmd>{MONTH} \d{{1,2}}))?");
    let org = format!(
        r"(?:,?\s*\((?:(?P<fulldate>{MONTH} \d{{1,2}},? \d{{4}})\s*(?:--|—|–|-|,)\s*)?(?P<org>[A-Za-z][A-Za-z0-9 .&/-]{{0,40}}?)(?:\s+(?:-|–|—)\s*(?:\d{{1,2}}(?:st|nd|rd|th)? {MONTH},? \d{{4}}|{MONTH} \d{{1,2}},? \d{{4}}))?\s*\))?"
    );
    let titled_place = r"[A-Z][a-z]+(?: [A-Z][a-z]+)?";
    Regex::new(&format!(
        r"^(?:(?P<place>{caps_place}){region}{md}{org}|(?P<tplace>{titled_place})(?:, {titled_place}){{0,2}}{tmd},?\s*\((?P<torg>[A-Za-z][A-Za-z0-9 .&-]{{0,30}})\)|(?P<dplace>{titled_place}), (?P<dmd>{MONTH} \d{{1,2}})(?:, (?P<dorg>[A-Z][A-Za-z]{{1,15}}))?|(?P<fmd>{MONTH} \d{{1,2}}), (?P<fplace>{titled_place}|{caps_place}) \((?P<forg>[A-Za-z][A-Za-z0-9 .&-]{{0,30}})\))\s*(?:(?:-{{2,3}}|—)\s*|(?:–|-)\s+|:\s*|(?P<glued>–|-))\S"
    ))
    .unwrap()
});

/// Words that open a paragraph in capitals but are labels, not places.
const NOT_PLACES: &[&str] = &[
    "NOTE",
    "UPDATE",
    "EXCLUSIVE",
    "BREAKING",
    "ANALYSIS",
    "EDITORIAL",
    "URGENT",
    "LEAD",
    "PHOTO",
    "VIDEO",
    "OPINION",
    "COLUMN",
    "Q",
    "A",
    "AP",
    "AFP",
    "THE",
    "UN",
    "US",
    "U.S.",
];

/// `Portville, Westland | THE LEDGER | The council…`: a place and the outlet's name between bars
/// opening the lead, as some papers print their dateline.
static BARRED_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,2})(?:, [A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,2}){0,2} \| (?P<org>[A-Z][A-Za-z0-9 .&'’-]{1,40}?) \| \S")
        .unwrap()
});

/// A [`BARRED_DATELINE`]: the place and the outlet, unless the bars hold a section's name or
/// a date (`Portville | Politics |`, `Portville | May 3 |`).
fn barred_dateline(paragraph: &str) -> Option<Dateline> {
    if paragraph.len() < 40 || !paragraph[..paragraph.floor_char_boundary(120)].contains(" | ") {
        return None;
    }
    let caps = BARRED_DATELINE.captures(paragraph)?;
    let org = caps.name("org")?.as_str().trim();
    let dated = org.bytes().any(|b| b.is_ascii_digit())
        || org
            .split_whitespace()
            .next()
            .is_some_and(|w| super::dates::month_number(w).is_some());
    if dated || super::title_line::is_section_label(org) {
        return None;
    }
    Some(Dateline {
        place: caps.name("place")?.as_str().to_uppercase(),
        month_day: None,
        org: Some(org.to_string()),
        full_date: None,
    })
}

/// `Dec 04, 2009 (Harbour Wire) – The…`: a lead opening with its day and the credit of who filed
/// it, with no place; the date and the credit.
pub(crate) fn dated_lead_credit(paragraph: &str) -> Option<(&str, &str)> {
    static DATED_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^(?P<date>{MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}} {MONTH},? \d{{4}})\s*\((?P<org>[A-Za-z][A-Za-z0-9 .&'’-]{{1,40}})\)\s*(?:--|—|–|-)\s*\S"
        ))
        .unwrap()
    });
    if !paragraph.starts_with(|c: char| c.is_ascii_alphanumeric()) || !paragraph.contains(") ") {
        return None;
    }
    let caps = DATED_CREDIT.captures(paragraph)?;
    Some((
        caps.name("date")?.as_str(),
        caps.name("org")?.as_str().trim(),
    ))
}

/// `OROVILLE, Calif. (Wire) Developments…`: a place in capitals and the credit's bracket, with no
/// dash after it; the bracket alone ends the dateline, so the lead must open with a capital.
static UNMARKED_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2})? \((?P<org>[A-Za-z][A-Za-z0-9 .&/-]{0,40}?)\) \p{Lu}")
        .unwrap()
});

fn unmarked_dateline(paragraph: &str) -> Option<Dateline> {
    if !paragraph[..paragraph.floor_char_boundary(80)].contains(") ") {
        return None;
    }
    let caps = UNMARKED_DATELINE.captures(paragraph)?;
    let place = caps.name("place")?.as_str();
    if NOT_PLACES.contains(&place) || place.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return None;
    }
    Some(Dateline {
        place: place.to_string(),
        month_day: None,
        org: Some(caps.name("org")?.as_str().trim().to_string()),
        full_date: None,
    })
}

pub(crate) fn parse_dateline(paragraph: &str) -> Option<Dateline> {
    let Some(caps) = DATELINE.captures(paragraph) else {
        return barred_dateline(paragraph).or_else(|| unmarked_dateline(paragraph));
    };
    let place = caps
        .name("place")
        .or(caps.name("tplace"))
        .or(caps.name("dplace"))
        .or(caps.name("fplace"))?
        .as_str();
    // A dash glued to the next word (`Medan, (Harbour Wire)-Bank …`) ends a dateline only
    // after a credit's bracket; after a place it is a compound (`NEW YORK-based`).
    // A full stop before it ends the place as a dash would (`HERMOSILLO, Sonora.- The…`).
    let glued_after_word = caps
        .name("glued")
        .is_some_and(|dash| !paragraph[..dash.start()].ends_with([')', '.']));
    if glued_after_word
        || NOT_PLACES.contains(&place)
        || place.chars().filter(|c| c.is_alphabetic()).count() < 3
        || super::dates::weekday_name(place)
    {
        return None;
    }
    // `HARBOURWIRE.CO.ID, PORTVILLE --`: the site's address credits the story, the region after
    // it is the place.
    let region = caps.name("region").map(|m| m.as_str());
    let (place, site) = match region.filter(|_| address_shaped(place)) {
        Some(region) => (region, Some(place.to_lowercase())),
        None => (place, None),
    };
    Some(Dateline {
        place: place.to_uppercase(),
        month_day: caps
            .name("md")
            .or(caps.name("tmd"))
            .or(caps.name("dmd"))
            .or(caps.name("fmd"))
            .map(|m| m.as_str().to_string()),
        org: caps
            .name("org")
            .or(caps.name("torg"))
            .or(caps.name("dorg"))
            .or(caps.name("forg"))
            .map(|m| m.as_str().trim().to_string())
            .or(site),
        // `BLANTYRE, Feb 25 2010 (Wire) -`: the day with its year is the filing date too.
        full_date: caps
            .name("fulldate")
            .map(|m| m.as_str().to_string())
            .or_else(|| {
                let (md, year) = (caps.name("md")?, caps.name("mdyear")?);
                Some(format!("{}, {}", md.as_str(), year.as_str()))
            }),
    })
}

/// A web address in capitals (`HARBOURWIRE.CO.ID`): labels parted by dots, the first of three
/// characters or more, the last of two to six letters; never initials (`U.S.`).
fn address_shaped(text: &str) -> bool {
    let labels: Vec<&str> = text.split('.').collect();
    labels.len() >= 2
        && labels[0].len() >= 3
        && labels.iter().all(|l| !l.is_empty())
        && labels
            .last()
            .is_some_and(|l| (2..=6).contains(&l.len()) && l.chars().all(|c| c.is_alphabetic()))
}

/// The dateline of the first paragraph that has one (a deck or a stray widget line may come first).
/// Read once per document: the outlet, date and dateline passes all ask for it.
pub(crate) fn first_dateline(doc: &Doc) -> Option<&Dateline> {
    doc.dateline
        .get_or_init(|| {
            // The first three paragraphs, and past them up to the first paragraph of running
            // text a wire's credited dateline (`DOHA (Wire) -`): an aggregator's card may print
            // several fields above the lead.
            let mut story_seen = false;
            for (n, paragraph) in doc.paragraphs().take(8).enumerate() {
                if n >= 3 && story_seen {
                    break;
                }
                if let Some(dateline) = parse_dateline(paragraph) {
                    if n < 3 || dateline.org.is_some() {
                        return Some(dateline);
                    }
                }
                story_seen |= super::chrome::body_like(paragraph);
            }
            None
        })
        .as_ref()
}

pub(crate) fn dateline(doc: &Doc) -> Option<String> {
    first_dateline(doc).map(|d| d.place.clone())
}

/// Labels before or after a headline (`WATCH:`, `Opinion |`, `(VIDEO)`), from the shipped list.
static TITLE_LABELS: LazyLock<String> =
    LazyLock::new(|| super::names::alternation(include_str!("registry/title_labels.txt")));

/// A wire's bracketed code before the headline (`(LEAD)`, `(2nd LD)`, `(URGENT)`): a version
/// marker of the copy, never part of the headline.
static LEADING_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\((?:[A-Z0-9][A-Z0-9 ,.'/&:-]{0,40}|[0-9]+(?:st|nd|rd|th) LD[^)]{0,40}|LEAD[^)]{0,40}|(?:Yonhap|News|Photo) [A-Za-z ]{2,20}|Update|Editorial[^)]{0,40}|Interview|Feature|Profile|Correction)\)\s*)+").unwrap()
});

/// A label printed as the headline's first words (`WATCH: …`, `UPDATE 1-…`, `Breaking: …`):
/// readers see it as part of the headline, so the title keeps it.
static PRINTED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?:UPDATE|WRAPUP|CORRECTED|RPT|REFILE|EXCLUSIVE)(?: \d+)?-|(?i:{})\s*:\s+)",
        *TITLE_LABELS
    ))
    .unwrap()
});

/// A section label set off before the headline by a bar or a spaced dash (`Opinion | …`,
/// `Analysis - …`): the page's navigation, as a tab title prints it.
static SECTION_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?i:{})\s*(?:\||\s-)\s+", *TITLE_LABELS)).unwrap());

static TRAILING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:\s*\((?:ATTN|attn|Attn)[^)]*\)|\s*\((?:LEAD|URGENT|UPDATE|Update|\d+(?:st|nd|rd|th) LD|CORRECTED|Yonhap|AP|AFP|Reuters|Newsmaker)\)|\s*[(\[](?i:{})[)\]]|\s*\(\d{{1,5}}\s\p{{L}}+\))+\s*$", *TITLE_LABELS)).unwrap()
});

/// A reading label before the headline (`You're reading: …`, `registry/reading_labels.txt`).
static READING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let labels = super::names::alternation(include_str!("registry/reading_labels.txt"));
    Regex::new(&format!(r"(?i)^(?:{labels})\s*:\s+")).unwrap()
});

/// A bracketed site label before the headline (`[<< wikinews]`) and separators left dangling at
/// either end (`Headline |`, a breadcrumb's `//Headline`).
static DANGLING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[[^\[\]]{1,40}\]\s*|^[|:·–—/-]+\s*|\s*[|:·–—-]+$").unwrap());

/// A date trailing a site name in a tab title (`Voice of America 1/19/2008`).
static TRAILING_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{4})$").unwrap());

/// Site-name suffixes and prefixes: `Headline | Yonhap News Agency`, `Headline - The Korea Herald`.
static SITE_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+(?:\||-|–|—|::|:|·)\s+").unwrap());

/// The headline, cleaned; `None` when the text has none.
pub(crate) fn title(doc: &Doc, hints: &PageHints, outlets: &OutletMatcher) -> Option<String> {
    let raw = hints.title.as_deref().or(doc.title_line())?;
    let cleaned = clean_title(raw, hints.site_name.as_deref(), outlets);
    (!cleaned.is_empty()).then_some(cleaned)
}

/// A line without the labels after a headline (`… (PHOTOS)`, `… (LEAD)`, a counter such as
/// `… (18 comments)`).
pub(crate) fn without_trailing_label(text: &str) -> std::borrow::Cow<'_, str> {
    TRAILING_LABEL.replace(text, "")
}

/// Whether a line opens with a headline label (`WATCH:`, `(LEAD)`, `UPDATE 2-`).
pub(crate) fn has_leading_label(text: &str) -> bool {
    LEADING_CODE.is_match(text) || PRINTED_LABEL.is_match(text) || SECTION_LABEL.is_match(text)
}

pub(crate) fn clean_title(raw: &str, site: Option<&str>, outlets: &OutletMatcher) -> String {
    let mut title = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let before = title.len();
        title = LEADING_CODE.replace(&title, "").trim().to_string();
        title = READING_LABEL.replace(&title, "").trim().to_string();
        title = SECTION_LABEL.replace(&title, "").trim().to_string();
        title = without_breadcrumb(&title).to_string();
        title = TRAILING_LABEL.replace(&title, "").trim().to_string();
        title = DANGLING.replace_all(&title, "").trim().to_string();
        title = strip_site_name(&title, site, outlets);
        title = strip_unnamed_site(&title).to_string();
        title = strip_trailing_stamp(&title).to_string();
        title = without_slug_or_note_mark(&title).to_string();
        if title.len() == before {
            break;
        }
    }
    title
}

/// `Headline | mumbai news`, `Headline [1]`: a section's slug after a bar, in lower case as no
/// headline's words are, or a link's note mark closing the headline.
fn without_slug_or_note_mark(title: &str) -> &str {
    if let Some((headline, slug)) = title.rsplit_once(" | ") {
        let slug_shaped = (1..=3).contains(&slug.split_whitespace().count())
            && slug
                .chars()
                .all(|c| c.is_lowercase() || c == ' ' || c == '-');
        if slug_shaped && headline.split_whitespace().count() >= 3 {
            return headline.trim_end();
        }
    }
    if let Some((headline, mark)) = title.rsplit_once(" [") {
        let note = mark
            .strip_suffix(']')
            .is_some_and(|n| (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()));
        if note && headline.split_whitespace().count() >= 3 {
            return headline.trim_end();
        }
    }
    title
}

/// `TOP STORY > >Probe continues…`, `News » Local » Council…`: the section path a page prints
/// before its headline, run into it.
fn without_breadcrumb(title: &str) -> &str {
    static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[\p{L}\d][\p{L}\d &'’-]{0,30}?\s*[>»›]\s*)+(?:[>»›]\s*)*").unwrap()
    });
    let Some(crumbs) = BREADCRUMB.find(title) else {
        return title;
    };
    let rest = &title[crumbs.end()..];
    let headline = rest.starts_with(char::is_uppercase) && rest.split_whitespace().count() >= 3;
    if headline {
        rest
    } else {
        title
    }
}

pub(crate) fn strip_site_name(title: &str, site: Option<&str>, outlets: &OutletMatcher) -> String {
    let is_site = |part: &str| {
        let part = TRAILING_DATE.replace(part.trim(), "");
        let part = part.trim();
        outlets.resolve(part).is_some()
            || site.is_some_and(|s| s.eq_ignore_ascii_case(part))
            || part.ends_with(".com")
            || part.ends_with(".co.kr")
    };
    let separators: Vec<_> = SITE_SEPARATOR.find_iter(title).collect();
    if let Some(last) = separators.last() {
        if is_site(&title[last.end()..]) {
            return title[..last.start()].trim().to_string();
        }
    }
    if let Some(first) = separators.first() {
        if is_site(&title[..first.start()]) {
            return title[first.end()..].trim().to_string();
        }
    }
    title.to_string()
}

/// The outlet a headline's site suffix or prefix names (`Headline | Valley Courier` when the
/// registry knows the Courier): a tab title copied with the page names the site.
pub(crate) fn site_in_title<'t>(title: &'t str, outlets: &OutletMatcher) -> Option<&'t str> {
    let separators: Vec<_> = SITE_SEPARATOR.find_iter(title).collect();
    let first = separators.first()?;
    // From the end, past what a tab title prints after the site's name: the page's date
    // (`… | DW | 14.02.2011`) or a section (`… | Valley Courier | Opinion`).
    let mut end = title.len();
    for separator in separators.iter().rev() {
        let part = title[separator.end()..end].trim();
        let named = TRAILING_DATE
            .find(part)
            .map_or(part, |date| part[..date.start()].trim_end());
        if outlets.resolve(named).is_some() {
            return Some(named);
        }
        let only_date = part.chars().any(|c| c.is_ascii_digit())
            && part
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '-' | ' ' | ','));
        if !only_date && !super::title_line::is_section_label(part) {
            break;
        }
        end = separator.start();
    }
    Some(title[..first.start()].trim()).filter(|part| outlets.resolve(part).is_some())
}

/// Separators a site puts between a headline and its own name or section, never inside a
/// headline: `Headline | Valley Courier`, `Headline :: Site`, `Headline • Section`.
static SITE_BAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+(?:\||::|•|·)\s+").unwrap());

/// Dashes, which headlines also use: only a name with an outlet's head word after one is a site's
/// (`Headline - Valley Courier`, not `Floods hit town - Mayor`).
static SITE_DASH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+(?:-|–|—)\s+").unwrap());

/// A site's name or section after a headline that no registry knows: a short run of capitalised
/// words behind a bar (`| Valley Courier`, `| Opinion`), or behind a dash when it ends in an
/// outlet's head word (`- Valley Courier`). The headline keeps at least three words.
fn strip_unnamed_site(title: &str) -> &str {
    unnamed_site(title).map_or(title, |(head, _)| head)
}

/// The name of a site no registry knows after a headline (`Headline | Valley Courier`), as
/// [`strip_unnamed_site`] finds it; not a section's name (`| Opinion`).
pub(crate) fn unnamed_site_name(title: &str) -> Option<&str> {
    unnamed_site(title)
        .map(|(_, tail)| tail)
        .filter(|tail| !super::title_line::is_section_label(tail))
}

/// The headline and the site's name or section after it, as [`strip_unnamed_site`] describes.
fn unnamed_site(title: &str) -> Option<(&str, &str)> {
    let name_like = |part: &str| {
        let words: Vec<&str> = part.split_whitespace().collect();
        (1..=5).contains(&words.len())
            && !part.contains([',', '.', '?', '!', ':', '"', '“', '‘'])
            && words[0]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(|c| !c.is_lowercase())
                    || matches!(*w, "of" | "the" | "and" | "for" | "de" | "la" | "el" | "on")
            })
    };
    let cut = |m: regex::Match<'_>, dash: bool| {
        let (head, tail) = (&title[..m.start()], title[m.end()..].trim());
        // `Headline | World news | Site`: the section a tab title names before the site.
        let section = !dash && super::title_line::is_section_label(tail);
        let site = section || name_like(tail) && (!dash || is_organisation(tail));
        (site && super::chrome::word_count(head) >= 3).then(|| (head.trim_end(), tail))
    };
    if let Some(found) = SITE_BAR.find_iter(title).last().and_then(|m| cut(m, false)) {
        return Some(found);
    }
    SITE_DASH.find_iter(title).last().and_then(|m| cut(m, true))
}

/// Where a stamp glued after a headline may start: after a separator (`Headline─── 07:15 …`,
/// `Headline | May 5, 2024`), or at a clock time (`Headline 07:15 Tue, 4 Mar 2025`). A date
/// after a plain space is the headline's own (`Vote set for May 5, 2024`).
static STAMP_CUT: LazyLock<Regex> = LazyLock::new(|| {
    // A dash glued to the headline's last word counts too: `Report- Thursday, May 29, 2025`.
    Regex::new(r"\s*(?:[\u{2500}-\u{257f}|·•]+|\s(?:-|–|—)+|(?:-|–|—)+\s)\s*|\s+(?:\d{1,2}:\d{2})")
        .unwrap()
});

/// A headline without the page's date stamp glued after it; the headline keeps three words.
fn strip_trailing_stamp(title: &str) -> &str {
    trailing_stamp(title).map_or(title, |(head, _)| head)
}

/// A headline and the page's date stamp glued after it (`Headline─── 06:06 Mon, 19 Sep 2022`),
/// when the headline keeps three words.
pub(crate) fn trailing_stamp(title: &str) -> Option<(&str, &str)> {
    for cut in STAMP_CUT.find_iter(title) {
        let head = &title[..cut.start()];
        // A clock time starts the stamp itself; a separator comes before it.
        let tail = if cut
            .as_str()
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
        {
            title[cut.start()..].trim()
        } else {
            title[cut.end()..].trim()
        };
        let stamp = !tail.is_empty()
            && tail.starts_with(|c: char| c.is_alphanumeric())
            && (super::chrome::BARE_DATE.is_match(tail) || super::dates::is_stamp_line(tail));
        if stamp && super::chrome::word_count(head) >= 3 {
            return Some((head.trim_end(), tail));
        }
    }
    None
}

/// A stand-in title from the lead sentence, for texts without a headline (the editor reviews it).
pub(crate) fn fallback_title(doc: &Doc) -> String {
    let paragraphs = || {
        doc.blocks.iter().filter_map(|b| match b {
            Block::Para(p) => Some(p.as_str()),
            Block::Caption(_) | Block::Figure(..) => None,
        })
    };
    // The lead is the first paragraph of text, not an image's leftover label above it.
    let lead = paragraphs()
        .find(|p| super::chrome::body_like(p))
        .or_else(|| paragraphs().next());
    let Some(lead) = lead else {
        return "Untitled".to_string();
    };
    let lead = match DATELINE.find(lead) {
        // The match ends with the story's first character, which may take several bytes (“).
        Some(m) => {
            &lead[lead[..m.end()]
                .char_indices()
                .next_back()
                .map_or(0, |(i, _)| i)..]
        }
        None => lead,
    };
    let sentence = lead.split(". ").next().unwrap_or(lead);
    let words: Vec<&str> = sentence.split_whitespace().take(14).collect();
    let title = words
        .join(" ")
        .trim_end_matches(['.', ',', ';', ':'])
        .to_string();
    if title.is_empty() {
        "Untitled".to_string()
    } else {
        title
    }
}

/// How a byline opens: `By`, `Written by`, `Story by`, `Reporter:`, `Author:`, `Contributor:`, and
/// "by" in the other languages news sites print it in (`Por`, `Par`, `Von`, `Przez`, `Oleh`).
/// Shared with the line sorter, which tells byline lines by it.
/// Longer phrases in other languages come from `registry/byline_phrases.txt` (`Rédigé par`).
pub(crate) static BYLINE_OPENING: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:By|BY|by|Por|Par|Von|Przez|Oleh|(?:[Ww]ritten|[Rr]eported|[Pp]osted|[Ss]tory|[Ww]ords|[Aa]rticle) (?:[Bb]y|BY)|(?i:{}))\s*:?|Reporter\s*:|Author\s*:?|Contributor\s*:",
        super::names::alternation(include_str!("registry/byline_phrases.txt"))
    )
});

static BYLINE_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?:(?:{})\s+|{GLUED_BY})", *BYLINE_OPENING)).unwrap());

/// `By:Jane Doe`: a byline's colon with the name glued to it.
pub(crate) const GLUED_BY: &str = r"(?:By|BY):";

/// Role words and contact details that follow a reporter's name in a byline.
static BYLINE_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*[(\[<]?[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[)\]>]?|\s*[(\[]?@[A-Za-z0-9_]{2,15}[)\]]?|\s*[,|/]?\s*(?-u:\b)(?:staff (?:reporter|writer)s?|senior (?:reporter|writer|correspondent)|(?:washington |tokyo |beijing |seoul )?correspondents?|reporters?|writers?|contributing writer|columnist|editor|associated press|the associated press|ap)(?-u:\b)\.?").unwrap()
});

/// `Jin-Woo Ha ha@donga.com`: a reporter's name followed by their address.
static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>[A-Z][A-Za-z'-]+(?: [A-Z][A-Za-z'-]+){1,3})\s*[(\[<]?[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[)\]>]?$").unwrap()
});

static CREDIT_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|;\s*)(?:additional )?(?:reporting|writing|written) by (?P<names>[^;.]+)")
        .unwrap()
});

/// Head words of organisation names, from the shipped word list.
static ORGANISATION_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    super::names::entries(include_str!("registry/organisation_words.txt"))
        .map(str::to_lowercase)
        .collect()
});

/// Whether a byline's part names an organisation (`DoD News`), not a person or a role
/// (`staff reporter`): capitalised words, one of them an organisation's head word.
pub(crate) fn is_organisation(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    // The head word is looked up before the noise pattern is run: most parts have none.
    !words.is_empty()
        && words.len() <= 6
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words.iter().any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            ORGANISATION_WORDS.contains(&w)
        })
        && !BYLINE_NOISE.is_match(part.trim())
}

/// A byline without its "By" / "Written by" / "Reporter :".
pub(crate) fn strip_byline_prefix(line: &str) -> std::borrow::Cow<'_, str> {
    BYLINE_PREFIX.replace(line.trim(), "")
}

/// Byline lines, and stamps that open with a byline (`Posted by Jane Doe on May 5, 2024`,
/// `Author: Jane Doe | May 5, 2024`): the line is sorted as a stamp for its date. Once the
/// story has a byline, one three paragraphs into its text or later opens a teaser of another
/// story (`By John Roe The ministry has…` in a list of related articles), not this one's.
pub(crate) fn byline_lines(doc: &Doc) -> impl Iterator<Item = &str> {
    let mut body_paragraphs = 0;
    let mut bylined = false;
    doc.lines.iter().filter_map(move |line| {
        let is_byline = match line.kind {
            Kind::Meta(Meta::Byline) => true,
            Kind::Meta(Meta::Stamp) => BYLINE_PREFIX.is_match(line.text.trim()),
            Kind::Body => {
                body_paragraphs += usize::from(super::chrome::body_like(&line.text));
                false
            }
            _ => false,
        };
        // `(By Jane Doe; Editing by John Roe)`: a wire's closing credit, naming its editors
        // too, is the story's own.
        let teaser = bylined && body_paragraphs >= 3 && !OTHER_ROLES.is_match(&line.text);
        if !is_byline || teaser {
            return None;
        }
        bylined = true;
        Some(line.text.as_str())
    })
}

/// Where a byline run into the story's dateline ends: a comma, or a spaced dash.
static BYLINE_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r",\s+|\s+(?:-|–|—)\s+").unwrap());

/// A byline run into the dateline that opens the story (`By Jane Doe, PORTVILLE (Wire) - …`,
/// `By Jane Doe – PORTVILLE (Wire) – …`, as reposts print wire copy), or into its first words
/// after a colon (`By Jane Doe: The council …`): the byline, and the story from its dateline or
/// first word on. Every name must be a person's, so a lead that only opens with "By"
/// (`By Tuesday, PORTVILLE (Wire) - …`) stays as it is.
pub(crate) fn split_byline_before_dateline<'t>(
    text: &'t str,
    outlets: &OutletMatcher,
) -> Option<(&'t str, &'t str)> {
    if !text.starts_with(['B', 'b']) {
        return None;
    }
    let opening = BYLINE_PREFIX.find(text)?;
    let rest = &text[opening.end()..];
    let dateline = BYLINE_END
        .find_iter(rest)
        .take_while(|m| m.start() <= 80)
        .find(|m| parse_dateline(&rest[m.end()..]).is_some())
        .map(|m| (m.start(), m.end()));
    // `By Jane Doe: The council …`: the byline ends at a colon, and the story follows it.
    let colon = || {
        let at = rest[..rest.floor_char_boundary(60)].find(": ")?;
        let story = &rest[at + 2..];
        (story.starts_with(char::is_uppercase) && super::chrome::more_words_than(story, 11))
            .then_some((at, at + 2))
    };
    let (end_start, end_end) = dateline.or_else(colon)?;
    let people = people_named(&rest[..end_start], outlets)?;
    (people <= 3).then(|| (text[..opening.end() + end_start].trim(), &rest[end_end..]))
}

/// How many people a byline's names (`Jane Doe, John Roe and Ali Khan`) list, when every one
/// is shaped as a person's name.
fn people_named(names: &str, outlets: &OutletMatcher) -> Option<usize> {
    let mut count = 0;
    for person in names.split(" and ").flat_map(|p| p.split(", ")) {
        if !name_shaped(person, 2, outlets) {
            return None;
        }
        count += 1;
    }
    Some(count)
}

/// A byline between bars in the story's first line, after its place (`Portville, Valley | By Jane
/// Doe | The council approved …`): the byline, and the story with its place.
pub(crate) fn split_byline_in_fields(
    text: &str,
    outlets: &OutletMatcher,
) -> Option<(String, String)> {
    static FIELDS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?P<place>\p{Lu}[^|]{1,40}?) \| (?P<by>[Bb]y \p{Lu}[^|]{2,80}?) \| (?P<rest>\p{Lu}.*)$")
            .unwrap()
    });
    if !text.contains(" | ") {
        return None;
    }
    let caps = FIELDS.captures(text)?;
    let place = &caps["place"];
    let place_words = place.split_whitespace().count();
    if place_words > 4
        || !place
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase))
    {
        return None;
    }
    let names = BYLINE_PREFIX
        .find(&caps["by"])
        .map_or(&caps["by"], |m| &caps["by"][m.end()..]);
    if people_named(names, outlets).is_none() || !super::chrome::more_words_than(&caps["rest"], 11)
    {
        return None;
    }
    Some((
        caps["by"].trim().to_string(),
        format!("{place} | {}", &caps["rest"]),
    ))
}

/// A byline printed without "By" on a line of its own: one to three names, maybe followed by
/// a role or a desk (`Jane Doe, Staff Writer`, `Jane Doe | Valley Courier`, `Jane Doe and John
/// Roe`). Every name is two to four capitalised words, none an outlet's name, with a known given
/// name first or no everyday English word among them.
pub(crate) fn bare_byline(text: &str, outlets: &OutletMatcher) -> bool {
    if text.ends_with(['.', '?', '!', ':']) {
        return false;
    }
    let text = without_byline_extras(text);
    if text.chars().count() > 100 {
        return false;
    }
    // `Valley Courier | Jane Doe | Ali Khan | Sirajuddin`: a desk's list of reporters parted by
    // bars, where one of them may go by a single name.
    let bars: Vec<&str> = text.split(" | ").map(str::trim).collect();
    if bars.len() >= 3 {
        let names: Vec<&str> = bars
            .iter()
            .copied()
            .filter(|p| outlets.resolve(p).is_none())
            .collect();
        return bars.len() - names.len() <= 1
            && names.len() >= 2
            && names.iter().any(|p| p.contains(' '))
            && names.iter().all(|p| name_shaped(p, 1, outlets));
    }
    let (names, tail) = match BARE_BYLINE_TAIL.find(text) {
        Some(m) => (&text[..m.start()], text[m.end()..].trim()),
        None => (text, ""),
    };
    // `Jane Doe in Geneva`: where the reporter filed from, one to three capitalised words.
    let names = match names.rsplit_once(" in ") {
        Some((names, place)) if capitalised_words(place, 3) => names,
        _ => names,
    };
    // `Jane Doe, Lusaka`: the place the reporter filed from, a word or two that are no title.
    let filed_from = capitalised_words(tail, 2)
        && !tail
            .split_whitespace()
            .any(|w| super::names::is_title_word(w) || super::names::is_stop_word(w));
    let tail_ok = tail.is_empty()
        || filed_from
        || outlets.resolve(tail).is_some()
        || is_organisation(tail)
        || BYLINE_NOISE.replace_all(tail, "").trim().is_empty()
        || BYLINE_NOISE.is_match(tail) && word_count_at_most(tail, 4);
    let parts: Vec<&str> = names.split(" and ").flat_map(|p| p.split(" & ")).collect();
    tail_ok && parts.len() <= 3 && parts.iter().all(|p| name_shaped(p, 2, outlets))
}

/// `fewest` to four capitalised words, not an outlet or an organisation, with a known given name
/// first or no everyday English word among them.
fn name_shaped(text: &str, fewest: usize, outlets: &OutletMatcher) -> bool {
    let text = text.trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    let person = words
        .first()
        .is_some_and(|w| super::names::is_given_name(w))
        || !words
            .iter()
            .any(|w| super::names::is_english_word(&w.to_lowercase()));
    (fewest..=4).contains(&words.len())
        && person
        && outlets.resolve(text).is_none()
        && !is_organisation(text)
        && words.iter().all(|w| name_word(w))
}

/// A capitalised name word: `Okafor`, `O'Neill`, `Al-Amin`, `McConnell`, `MacLeod`.
fn name_word(word: &str) -> bool {
    let mut previous = None;
    word.char_indices().all(|(at, c)| {
        let fits = if at == 0 {
            c.is_uppercase()
        } else if c.is_uppercase() {
            matches!(previous, Some('-' | '\'' | '’')) || matches!(&word[..at], "Mc" | "Mac")
        } else {
            c.is_lowercase() || matches!(c, '-' | '\'' | '’' | '.')
        };
        previous = Some(c);
        fits
    })
}

/// One to `most` words, each opening with a capital: a place (`Geneva`, `New Delhi`).
fn capitalised_words(text: &str, most: usize) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=most).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_alphabetic)
        })
}

fn word_count_at_most(text: &str, most: usize) -> bool {
    text.split_whitespace().count() <= most
}

/// Where the names of a bare byline end and its role or desk begins.
static BARE_BYLINE_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r",\s*|\s*\|\s*|\s+(?:-|–|—|/)\s+").unwrap());

/// Reporters who wrote the story, from bylines, page metadata and wire credit lines.
pub(crate) fn byline(doc: &Doc, hints: &PageHints, outlets: &OutletMatcher) -> Vec<String> {
    let mut names = Vec::new();
    let lines = hints
        .byline
        .iter()
        .map(String::as_str)
        .chain(byline_lines(doc));
    for line in lines {
        let rest = BYLINE_PREFIX.replace(line.trim(), "");
        // `By Jane Doe; Edited by John Roe`: editors and photographers are not its writers.
        let rest = OTHER_ROLES
            .find(&rest)
            .map_or(&*rest, |m| &rest[..m.start()]);
        names.extend(split_names(rest, outlets));
    }
    for line in doc.meta(Meta::Contact) {
        if let Some(caps) = SIGN_OFF.captures(line) {
            names.extend(split_names(&caps["name"], outlets));
        }
    }
    for line in doc.meta(Meta::Credit) {
        for caps in CREDIT_NAMES.captures_iter(line) {
            names.extend(split_names(&caps["names"], outlets));
        }
    }
    names.extend(reporters(doc, outlets));
    let mut unique = Vec::new();
    for name in names {
        if !unique.contains(&name) {
            unique.push(name);
        }
    }
    unique
}

/// The roles a credit names besides writing the story: editors, photographers, translators.
const OTHER_WORK: &str = r"edit(?:ed|ing)|photos?|photographs?|graphics?|video|translated|compiled";

/// Credits after a byline's writers for the rest of the work on the story.
static OTHER_ROLES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)[;,]?\s*(?-u:\b)(?:{OTHER_WORK}) by(?-u:\b)")).unwrap()
});

/// Every role a credit line names, the writers' and the others'.
static CREDIT_ROLES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?-u:\b)(?:(?:additional )?reporting|writing|{OTHER_WORK}) by(?-u:\b)|contributed .*$|associated press writers?")).unwrap()
});

/// `Courier's Jane Doe reports.`, `Courier’s Jane Doe reports from Geneva.`: a broadcaster's
/// transcript names its reporter in a line of the text, after the outlet's possessive (the
/// copy sometimes loses the space after it: `Courier'sJane Doe reports.`).
static REPORTER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<outlet>[^.!?'’]{2,60})['’]s\s*(?P<name>\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3})\s+reports(?:\s+from\s+[^.!?]{2,40})?[.:]?$").unwrap()
});

/// A reporter line's outlet and reporter, as written: `("Courier", "Jane Doe")`.
pub(crate) fn reporter_line(line: &str) -> Option<(&str, &str)> {
    // The pattern's bounded repeats of wide classes outgrow its lazy DFA, and every paragraph
    // is asked: a line without `reports` is turned away before it.
    if line.len() > 160 || !line.contains("reports") {
        return None;
    }
    let caps = REPORTER_LINE.captures(line.trim())?;
    Some((caps.name("outlet")?.as_str(), caps.name("name")?.as_str()))
}

/// The reporters that reporter lines of a known outlet credit.
fn reporters<'d>(doc: &'d Doc, outlets: &'d OutletMatcher) -> impl Iterator<Item = String> + 'd {
    let transcripts = doc
        .paragraphs()
        .filter_map(reporter_line)
        .filter(|(outlet, _)| outlets.resolve(outlet.trim()).is_some())
        .filter_map(|(_, name)| person_name(name));
    // `Wire, Portville, May 28 (Reporter Jane Doe) The final…`: a wire's lead credits its
    // reporters in brackets.
    let in_lead = doc
        .paragraphs()
        .take(2)
        .filter(|p| p.contains('('))
        .filter_map(|p| LEAD_REPORTER.captures(p))
        // The pattern's repeat is unbounded (quicker to build): its length is tested here.
        .filter(|caps| (3..=81).contains(&caps["names"].chars().count()))
        .flat_map(move |caps| split_names(&caps["names"], outlets));
    // `Jane Doe reported from Tokyo; John Roe reported from Hong Kong.`: a closing line made
    // only of such credits.
    let signed = doc
        .paragraphs()
        .rev()
        .take(4)
        .filter(|p| {
            // Every credit says ` reported ` or ` reporting `: most closing lines are no credit,
            // and the pattern is slow to say so.
            p.len() < 200
                && (p.contains(" reported ") || p.contains(" reporting "))
                && REPORTED_FROM_LINE.is_match(p)
        })
        .flat_map(|p| REPORTED_FROM.captures_iter(p))
        .filter_map(|c| person_name(&c["name"]));
    // `… courtroom drama. JANE DOE and JOHN ROE report.`, `Jane Doe profiles the new
    // ministers`: a standfirst closing on its writers.
    let standfirst = doc
        .paragraphs()
        .take(2)
        .filter_map(|p| {
            let body = p.trim_end().trim_end_matches('.');
            let last = body.rfind(". ").map_or(body, |at| &body[at + 2..]);
            (last.split_whitespace().nth(20).is_none())
                .then(|| STANDFIRST_CREDIT.captures(last))
                .flatten()
        })
        .flat_map(|caps| {
            // Every part must be a person's name: `Officials in Portville and Jane Doe write` is
            // no credit.
            let names = caps.name("names").map_or("", |m| m.as_str());
            names
                .split(", ")
                .flat_map(|p| p.split(" and "))
                // `Staff Writer, JANE DOE, reports`: the writer's role beside the name.
                .filter(|p| !is_newsroom_role(p))
                .map(|p| person_name(p.trim_start_matches("and ").trim().trim_end_matches(',')))
                .collect::<Option<Vec<String>>>()
                .unwrap_or_default()
        });
    transcripts.chain(in_lead).chain(signed).chain(standfirst)
}

/// The writers a standfirst's last sentence names: `Jane Doe and John Roe report`, `JANE DOE
/// writes`, `Jane Doe profiles the new ministers`.
static STANDFIRST_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    // The names are tested in code: a name's pattern repeated here made it slow to build.
    Regex::new(r"^(?P<names>\p{Lu}[^.]*?) (?:reports?|writes|profiles|examines|explains|investigates|looks at)(?: [^.]*)?$").unwrap()
});

/// One `Jane Doe reported from Tokyo` credit.
/// Repeats are unbounded (the name's words are counted by [`person_name`]): a bounded repeat of a
/// Unicode class makes a pattern many times slower to build.
const REPORTED_FROM_CLAUSE: &str = r"(?P<name>\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+)+) (?:reported|contributed reporting) (?:from|in) \p{Lu}[\p{L}.'’ -]*?";

/// A line of nothing but such credits, parted by `;`, `,` or `and`.
static REPORTED_FROM_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let one = REPORTED_FROM_CLAUSE.replace("?P<name>", "");
    Regex::new(&format!(r"^{one}(?:(?:;|,)?(?: and)? {one})*\.?$")).unwrap()
});

static REPORTED_FROM: LazyLock<Regex> = LazyLock::new(|| Regex::new(REPORTED_FROM_CLAUSE).unwrap());

/// A reporter's credit in brackets: `(Reporter Jane Doe)`, `(Reporters Jane Doe and John Roe)`.
static LEAD_REPORTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\((?:Reporters?|Correspondents?) (?P<names>\p{Lu}[\p{L} .,'’-]+)\)").unwrap()
});

/// Every name in the text's credit lines (bylines, contributors, editors, photographers), so the
/// actor pass can leave them out.
pub(crate) fn credited_people(doc: &Doc, outlets: &OutletMatcher) -> Vec<String> {
    let mut names = Vec::new();
    for line in byline_lines(doc)
        .chain(doc.meta(Meta::Credit))
        .chain(doc.meta(Meta::Contact))
    {
        let rest = BYLINE_PREFIX.replace(line.trim(), "");
        let rest = CREDIT_ROLES.replace_all(&rest, ";");
        for part in rest.split(';') {
            names.extend(split_names(part, outlets));
        }
    }
    names.extend(reporters(doc, outlets));
    names
}

/// What separates the names in a byline from each other and from their desk or outlet:
/// `Jane Doe | Reuters`, `Jane Doe - Valley Courier`, `Jane Doe / AFP`, ` in Geneva`, ` & `.
static BYLINE_PARTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\|\s*|\s+(?:-|–|—|/|·|•)\s+| in | & ").unwrap());

/// A newsroom role closing a byline's part (`Senior Reporter`, `Editor in Chief`;
/// `registry/newsroom_roles.txt`), with a space before it.
static NEWSROOM_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    let roles = super::names::alternation(include_str!("registry/newsroom_roles.txt"));
    let qualifiers =
        super::names::alternation(include_str!("registry/newsroom_role_qualifiers.txt"));
    Regex::new(&format!(
        r"(?i)\s(?:(?:{qualifiers})\s+){{0,2}}(?:{roles})$"
    ))
    .unwrap()
});

/// `Valley Courier Editor in Chief` after a writer's name (`By Jane Doe, Valley Courier Editor in
/// Chief`): the words that may name the outlet the writer holds the role at (`Opinion Editor`
/// names a section, not an outlet). See [`unknown_outlet_before_role`] for a name no outlets file
/// knows.
pub(crate) fn outlet_before_role(part: &str) -> Option<&str> {
    let part = part.trim().trim_end_matches('.');
    if part.len() > 80 || !part.contains(' ') {
        return None;
    }
    let role = NEWSROOM_ROLE.find(part)?;
    let outlet = part[..role.start()].trim();
    let words = outlet.split_whitespace().count();
    let capitalised = outlet.split_whitespace().all(|w| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || matches!(w, "of" | "the")
    });
    ((1..=6).contains(&words) && capitalised && !super::title_line::is_section_label(outlet))
        .then_some(outlet)
}

/// `Staff Writer`, `Senior Reporter`: a newsroom role alone, no name or outlet with it.
fn is_newsroom_role(part: &str) -> bool {
    let spaced = format!(" {}", part.trim());
    NEWSROOM_ROLE.find(&spaced).is_some_and(|m| m.start() == 0)
}

/// An [`outlet_before_role`] to propose when no outlets file knows it: a single word must read
/// as an organisation's or a brand's name (`Business Reporter`, `Portville Reporter` name none).
pub(crate) fn unknown_outlet_before_role(part: &str) -> Option<&str> {
    outlet_before_role(part).filter(|outlet| {
        outlet.contains(' ') || is_organisation(outlet) || super::outlets::brand_name(outlet)
    })
}

/// `Jane DoeJohn Roe & Ali Khan`: two writers' names run together where a separator was lost,
/// parted at a capital right after three lower-case letters (`McDonald`, `DeSantis` and
/// `MacLeod` have fewer before theirs).
fn unglued_names(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::new();
    let mut lower_run = 0;
    let mut last = 0;
    // Handles and addresses (`@ValleyNews`, `jane@valley.example`) are left whole.
    let mut in_address = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            in_address = false;
        } else if c == '@' || c == '.' || c == '/' {
            in_address = true;
        }
        if c.is_uppercase() && lower_run >= 3 && !in_address {
            out.push_str(&text[last..at]);
            out.push_str(", ");
            last = at;
        }
        lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
    }
    if last == 0 {
        return text.into();
    }
    out.push_str(&text[last..]);
    out.into()
}

/// A byline's names without the parts after the first that name the writer's outlet and role
/// (`Jane Doe, Valley Courier Editor in Chief, Portville` → `Jane Doe, Portville`).
fn without_outlet_roles(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(',') {
        return text.into();
    }
    let mut parts = text.split(',');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts
        .filter(|p| unknown_outlet_before_role(p).is_none())
        .collect();
    if rest.len() == text.matches(',').count() {
        return text.into();
    }
    std::iter::once(first)
        .chain(rest)
        .collect::<Vec<_>>()
        .join(",")
        .into()
}

/// `Kim Ji-eun, staff reporter` → `[Kim Ji-eun]`; `HYUNG-JIN KIM and KIM TONG-HYUNG` → two names.
fn split_names(text: &str, outlets: &OutletMatcher) -> Vec<String> {
    // `Valley Courier | @ValleyCourier`: the outlet signing by its name and handle.
    let signing_outlet = text
        .contains('@')
        .then(|| super::outlets::handle_named_outlet(text))
        .flatten();
    let text = without_outlet_roles(text);
    let text = unglued_names(&text);
    let text = without_byline_extras(&text);
    let text = BYLINE_NOISE.replace_all(text, "");
    let text = BYLINE_PARTS.replace_all(&text, ",");
    text.split([',', ';'])
        .flat_map(|p| p.split(" and "))
        // `Jane Doe, John Roe, and Ali Khan`: the serial comma leaves `and` on the last name.
        .map(|p| {
            p.trim()
                .trim_start_matches("and ")
                .trim_end_matches(['.', '-', '–', '—'])
                .trim()
        })
        .filter(|p| !p.is_empty() && outlets.resolve(p).is_none())
        .filter(|p| signing_outlet.as_deref() != Some(*p))
        // `Jane Doe Reuters`: the writer's outlet run on after the name.
        .map(|p| outlets.without_trailing_outlet(p))
        .filter_map(|p| {
            if is_organisation(p) {
                // `Jane Doe WebMD Health News`: a reporter's name run on into the desk's.
                let name = name_before_noise(p);
                let given = name.split_whitespace().next().is_some_and(|first| {
                    super::names::is_given_name(first)
                        || !super::names::is_english_word(&first.to_lowercase())
                });
                return (given && name.len() < p.len())
                    .then(|| person_name(&name))
                    .flatten();
            }
            person_name(p).or_else(|| person_name(&name_before_noise(p)))
        })
        .collect()
}

/// A byline's names without what sites print around them: a stamp or a reading time run on
/// after them (`Jane Doe | Published March 4, 2024`, `Jane Doe Mar 4, 2024`, `Jane Doe · 3 min
/// read`, `Jane Doe 4 hours ago`), the outlet the piece was written for or credited to (`Jane
/// Doe for Daily Mail Australia`, `Jane Doe (Reuters)`), a role (`Jane Doe Sports reporter`), an
/// honorific (`Dr. Jane Doe`), and trailing separators (`Jane Doe •`).
pub(crate) fn without_byline_extras(text: &str) -> &str {
    let mut text = without_glued_link_label(text.trim());
    if let Some(m) = BYLINE_EXTRAS_TAIL.find(text) {
        text = &text[..m.start()];
        text = without_trailing_weekday(text);
    }
    if let Some(m) = CAPITALS_ROLE.find(text) {
        text = &text[..m.start()];
    }
    // `Jane Doe Sports reporter`: the writer's role in running case after the name.
    if let Some(m) = NEWSROOM_ROLE.find(text) {
        if text[..m.start()].split_whitespace().nth(1).is_some() {
            text = &text[..m.start()];
        }
    }
    if let Some((names, _)) = text.split_once(" for ") {
        text = names;
    }
    if let Some(open) = text.rfind(" (").filter(|_| text.ends_with(')')) {
        text = &text[..open];
    }
    text = text.trim_end_matches(|c: char| c.is_whitespace() || "•·|,;-–—".contains(c));
    HONORIFIC
        .find(text)
        .map_or(text, |m| &text[m.end()..])
        .trim()
}

/// A byline part without a stamp, relative time or reading time run on after it (`Reuters 4
/// hours ago in World` → `Reuters`).
pub(crate) fn without_byline_time(text: &str) -> &str {
    BYLINE_EXTRAS_TAIL
        .find(text)
        .map_or(text, |m| &text[..m.start()])
        .trim()
}

/// A reporter's role in capitals after the name, and where they filed from: `Jane Doe CHIEF
/// FOOTBALL CORRESPONDENT at the National Stadium`.
static CAPITALS_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+(?:\p{Lu}{2,}\s+){0,4}(?:CORRESPONDENTS?|EDITORS?|REPORTERS?|WRITERS?|COLUMNIST|CRITIC)(?-u:\b).*$").unwrap()
});

/// A stamp, relative time or reading time run on after a byline's names (`… on Mar 3, 2023`).
static BYLINE_EXTRAS_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[\s,|·•–—-]+(?:(?:on|at)\s+)?(?:(?:(?:first |last )?(?:published|updated|posted|modified)(?-u:\b):?)|(?:reported|filed|presented|wrote) this (?:story|report|piece|article)(?-u:\b)|\d{1,3}\s+(?:min(?:ute)?s?|hours?|hrs?|days?)\s+(?:ago|read)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?-u:\b)|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?-u:\b)|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}:\d\d).*$").unwrap()
});

/// `Jane DoeRead original`: a writer's name with an aggregator's link label run on after it
/// (`registry/glued_link_labels.txt`); the label must follow a lower-case letter with no space.
fn without_glued_link_label(text: &str) -> &str {
    static LABELS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        super::names::entries(include_str!("registry/glued_link_labels.txt")).collect()
    });
    LABELS
        .iter()
        .find_map(|label| {
            text.strip_suffix(label)
                .filter(|name| name.ends_with(|c: char| c.is_lowercase()))
        })
        .unwrap_or(text)
}

/// `Jane Doe le Vendredi` (before `8 Mars 2024`): a byline without the weekday of the stamp cut
/// off after it, and the short word that led into it (`registry/weekday_names.txt`).
fn without_trailing_weekday(text: &str) -> &str {
    static WEEKDAYS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        super::names::entries(include_str!("registry/weekday_names.txt")).collect()
    });
    let Some((head, last)) = text.trim_end_matches([',', ' ']).rsplit_once(' ') else {
        return text;
    };
    if !WEEKDAYS
        .iter()
        .any(|d| d.eq_ignore_ascii_case(last) || *d == last.to_lowercase())
    {
        return text;
    }
    match head.rsplit_once(' ') {
        Some((name, word))
            if word.len() <= 3 && word.chars().all(char::is_lowercase) && name.contains(' ') =>
        {
            name
        }
        _ => head,
    }
}

/// An honorific before a reporter's name: `Dr. Jane Doe`, `Prof Jane Doe`.
static HONORIFIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:Dr|Prof|Professor)\.?\s+").unwrap());

/// The name at the start of a byline that runs on into a date, a time or a desk
/// (`Lucas Nolan22 Dec 2016`, `GILLIAN MOHNEY March 11`, `Kelli Miller WebMD Health News`).
fn name_before_noise(part: &str) -> String {
    let words: Vec<&str> = part.split_whitespace().collect();
    let mut name = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let letters = word.trim_end_matches(|c: char| c.is_ascii_digit());
        let month = letters.len() >= 3
            && super::dates::month_number(letters).is_some()
            && letters.chars().count() <= 9
            && name.len() >= 2;
        let lower = letters.chars().next().is_some_and(char::is_lowercase)
            && !super::names::is_particle(letters);
        if letters.is_empty()
            || month
            || (lower && name.len() >= 2)
            || (name.len() >= 2 && is_organisation(&words[i..].join(" ")))
        {
            break;
        }
        name.push(letters);
        // Digits glued to a word end the name there: `Nolan22` is `Nolan` and a date.
        if letters.len() < word.len() || name.len() == 4 {
            break;
        }
    }
    name.join(" ")
}

/// A person's name as written in a credit, in title case when the site printed it in capitals.
fn person_name(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) {
        return None;
    }
    let name_like = words.iter().enumerate().all(|(i, w)| {
        let mut chars = w.chars();
        (i > 0 && i + 1 < words.len() && super::names::is_particle(w))
            || (chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.'))
    });
    let all_caps = text.chars().all(|c| !c.is_lowercase());
    // `Jan`, `May`, `June` are stop words as months, and given names too.
    let stop_first = super::names::is_stop_word(words[0]) && !super::names::is_given_name(words[0]);
    // `Syndicated Content`, `Rédaction Africanews`: a desk's signature, no person's.
    let no_person = words.iter().any(|w| super::names::is_non_person(w));
    if !name_like || (!all_caps && stop_first) || no_person {
        return None;
    }
    Some(if all_caps {
        words
            .iter()
            .map(|w| title_case(w))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        words.join(" ")
    })
}

/// `HYUNG-JIN` → `Hyung-jin`, the way Korean given names are usually romanised in English text.
fn title_case(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Builds the headline, byline and dateline patterns before the first input needs them (see [`super::warm_up`]).
pub(crate) fn patterns() -> Vec<fn()> {
    vec![
        || {
            LazyLock::force(&DATELINE);
            LazyLock::force(&LEADING_CODE);
            LazyLock::force(&PRINTED_LABEL);
            LazyLock::force(&SECTION_LABEL);
            LazyLock::force(&TRAILING_LABEL);
            LazyLock::force(&DANGLING);
            LazyLock::force(&TRAILING_DATE);
        },
        || {
            LazyLock::force(&SITE_SEPARATOR);
            LazyLock::force(&SITE_BAR);
            LazyLock::force(&SITE_DASH);
            LazyLock::force(&STAMP_CUT);
            LazyLock::force(&BYLINE_PREFIX);
            LazyLock::force(&BYLINE_NOISE);
            LazyLock::force(&SIGN_OFF);
        },
        || {
            LazyLock::force(&CREDIT_NAMES);
            LazyLock::force(&ORGANISATION_WORDS);
            LazyLock::force(&BARE_BYLINE_TAIL);
            LazyLock::force(&OTHER_ROLES);
            LazyLock::force(&CREDIT_ROLES);
        },
        || {
            LazyLock::force(&REPORTER_LINE);
            LazyLock::force(&BYLINE_PARTS);
            LazyLock::force(&CAPITALS_ROLE);
            LazyLock::force(&BYLINE_EXTRAS_TAIL);
            LazyLock::force(&HONORIFIC);
            LazyLock::force(&NEWSROOM_ROLE);
            LazyLock::force(&BARRED_DATELINE);
            LazyLock::force(&UNMARKED_DATELINE);
        },
        || {
            LazyLock::force(&LEAD_REPORTER);
            LazyLock::force(&REPORTED_FROM_LINE);
            LazyLock::force(&REPORTED_FROM);
        },
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn name_words_may_carry_a_capital_after_a_prefix_or_an_apostrophe() {
        for word in [
            "Okafor",
            "O'Neill",
            "Al-Amin",
            "McConnell",
            "MacLeod",
            "D’Souza",
        ] {
            assert!(super::name_word(word), "{word}");
        }
        for word in ["McDONALD", "iPhone", "BBC", "NewsDay"] {
            assert!(!super::name_word(word), "{word}");
        }
    }

    use super::*;

    #[test]
    fn a_closing_credit_names_its_writers_and_keeps_its_editors_out_of_the_story() {
        let text = "Harbour dredging to start in spring\n\nThe port authority said on Monday \
            that dredging of the outer harbour would start in spring, after residents and \
            fishing crews raised concerns. Mayor Alan Brooks said the council backed it.\n\n\
            Written by Jane Okafor, Tunde Bello, and Mei Lin Tan; Edited by Paul Grant and \
            Sara Lind\n";
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let got = crate::import::import_text(text, "t.txt", &ctx);
        assert_eq!(
            got.front.byline,
            ["Jane Okafor", "Tunde Bello", "Mei Lin Tan"]
        );
        assert_eq!(got.front.actors, ["Alan Brooks"]);
    }

    #[test]
    fn a_byline_running_on_into_a_date_or_a_desk_keeps_the_name() {
        assert_eq!(
            name_before_noise("Lucas Nolan22 Dec 2016651"),
            "Lucas Nolan"
        );
        assert_eq!(
            name_before_noise("GILLIAN MOHNEY March 11"),
            "GILLIAN MOHNEY"
        );
        assert_eq!(
            name_before_noise("Kelli Miller WebMD Health News"),
            "Kelli Miller"
        );
        assert_eq!(name_before_noise("Ana May Lopez"), "Ana May Lopez");
    }

    #[test]
    fn writers_run_together_or_into_their_outlet_are_parted() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        for (line, want) in [
            (
                "By Jane OkaforVincent Genovese & Maria Psara",
                vec!["Jane Okafor", "Vincent Genovese", "Maria Psara"],
            ),
            ("Jane Okafor Reuters", vec!["Jane Okafor"]),
            (
                "By Jane McDonald and Ron DeSantis",
                vec!["Jane McDonald", "Ron DeSantis"],
            ),
        ] {
            let text = format!(
                "Council approves new river bridge after long debate\n\n{line}\n\n\
                 The city council approved the new river bridge on Thursday after a four-hour \
                 debate, clearing the way for construction to begin next spring.\n"
            );
            let got = crate::import::import_text(&text, "t.txt", &ctx);
            assert_eq!(got.front.byline, want, "{line}");
        }
    }

    #[test]
    fn a_byline_cut_inside_a_wide_character_does_not_panic() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        // The colon search's window ends inside the replacement character.
        let text = "By Jane DoeTalks went on.cTalks went on.\u{FFFD}SEOUL (Reuters) - \u{FFFD}";
        assert!(super::split_byline_before_dateline(text, &ctx.outlets).is_none());
    }

    #[test]
    fn a_desks_signature_is_no_reporter() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        for line in [
            "By Syndicated Content",
            "Par Rédaction Harbourwire",
            "By Newsroom Staff",
        ] {
            let text = format!(
                "Council approves new river bridge after long debate\n\n{line}\n\n\
                 The city council approved the new river bridge on Thursday after a four-hour \
                 debate, clearing the way for construction to begin next spring.\n"
            );
            let got = crate::import::import_text(&text, "t.txt", &ctx);
            assert!(
                got.front.byline.is_empty(),
                "{line}: {:?}",
                got.front.byline
            );
        }
    }

    #[test]
    fn a_bare_byline_with_its_place_and_a_byline_glued_to_a_stamp() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let story = "The city council approved the new river bridge on Thursday after a \
            four-hour debate, clearing the way for construction to begin next spring.\n";
        for head in [
            "Council approves new river bridge\n\n8 October 2017\n\nJane Doe, Portville\n\n",
            " date 2017-10-08 By Jane Doe\n\n",
        ] {
            let got = crate::import::import_text(&format!("{head}{story}"), "t.txt", &ctx);
            assert_eq!(got.front.byline, ["Jane Doe"], "{head}");
        }
        // A title after the comma is the person's role in the story, not a reporter's place.
        let text = format!("Council approves new river bridge\n\nJane Doe, Minister\n\n{story}");
        let got = crate::import::import_text(&text, "t.txt", &ctx);
        assert!(got.front.byline.is_empty(), "{:?}", got.front.byline);
    }

    #[test]
    fn a_standfirst_closing_on_its_writers_credits_them() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let story = "The city council approved the new river bridge on Thursday after a \
            four-hour debate, clearing the way for construction to begin next spring.\n";
        for (standfirst, want) in [
            (
                "The bridge has divided the town for years. JANE DOE and JOHN ROE report.",
                vec!["Jane Doe", "John Roe"],
            ),
            ("Jane Doe profiles the new councillors", vec!["Jane Doe"]),
        ] {
            let text = format!("Council approves new river bridge\n\n{standfirst}\n\n{story}");
            let got = crate::import::import_text(&text, "t.txt", &ctx);
            assert_eq!(got.front.byline, want, "{standfirst}");
        }
        // Someone the story quotes is no writer: `writes` needs the sentence to open on names.
        let text = format!(
            "Council approves new river bridge\n\nThe mayor said Jane Doe writes the rules.\n\n{story}"
        );
        let got = crate::import::import_text(&text, "t.txt", &ctx);
        assert!(got.front.byline.is_empty(), "{:?}", got.front.byline);
    }

    #[test]
    fn bylines_open_with_by_in_other_languages_too() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        for (line, want) in [
            ("Por Joana Silva", "Joana Silva"),
            ("Von Katrin Becker", "Katrin Becker"),
            ("By Jan Becker", "Jan Becker"),
            ("Par Claire Martin", "Claire Martin"),
        ] {
            let text = format!(
                "Council approves new river bridge after long debate\n\n{line}\n\n\
                 The city council approved the new river bridge on Thursday after a four-hour \
                 debate, clearing the way for construction to begin next spring.\n"
            );
            let got = crate::import::import_text(&text, "t.txt", &ctx);
            assert_eq!(got.front.byline, [want], "{line}");
        }
    }

    #[test]
    fn a_counter_after_the_headline_and_a_reading_label_before_it_are_cut_off() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let clean = |t: &str| clean_title(t, None, &ctx.outlets);
        assert_eq!(
            clean("Ferry crossings resume after storm (18 comments)"),
            "Ferry crossings resume after storm"
        );
        assert_eq!(
            clean("Ferry crossings resume after storm (12 notícias)"),
            "Ferry crossings resume after storm"
        );
        // A number that belongs to the headline stays.
        assert_eq!(
            clean("The 2024 budget (part 2)"),
            "The 2024 budget (part 2)"
        );
        // A reading label before it goes.
        assert_eq!(
            clean("You're reading: Ferry crossings resume after storm"),
            "Ferry crossings resume after storm"
        );
        assert_eq!(
            clean("Reading the signs: Ferry crossings resume"),
            "Reading the signs: Ferry crossings resume"
        );
    }

    #[test]
    fn a_date_stamp_glued_after_a_headline_is_cut_off_but_a_headlines_own_date_stays() {
        assert_eq!(
            strip_trailing_stamp("Ferry crossings resume after storm─── 07:15 Tue, 4 Mar 2025"),
            "Ferry crossings resume after storm"
        );
        assert_eq!(
            strip_trailing_stamp("Ferry crossings resume after storm | March 4, 2025"),
            "Ferry crossings resume after storm"
        );
        assert_eq!(
            strip_trailing_stamp("Ferry crossings resume after storm 07:15 Tue, 4 Mar 2025"),
            "Ferry crossings resume after storm"
        );
        assert_eq!(
            strip_trailing_stamp("Post Cabinet Report- Thursday, May 29, 2025"),
            "Post Cabinet Report"
        );
        for kept in [
            "Council vote set for March 4, 2025",
            "Ferry crossings resume - Harbour master",
            "Covid- 19 cases fall in the capital",
            "Storm | 4 Mar 2025",
        ] {
            assert_eq!(strip_trailing_stamp(kept), kept);
        }
    }

    #[test]
    fn datelines_in_wire_and_newspaper_styles() {
        let d = parse_dateline("SEOUL, Feb. 7 (Yonhap) -- South Korean").unwrap();
        assert_eq!(
            (d.place.as_str(), d.month_day.as_deref(), d.org.as_deref()),
            ("SEOUL", Some("Feb. 7"), Some("Yonhap"))
        );
        assert_eq!(
            parse_dateline("NEW YORK -- The South").unwrap().place,
            "NEW YORK"
        );
        assert_eq!(parse_dateline("SEOUL: South Korea").unwrap().place, "SEOUL");
        let ap = parse_dateline("SEOUL, South Korea (AP) — North Korea fired").unwrap();
        assert_eq!(
            (ap.place.as_str(), ap.org.as_deref()),
            ("SEOUL", Some("AP"))
        );
        assert_eq!(
            parse_dateline("Seoul (AFP) - North Korea").unwrap().place,
            "SEOUL"
        );
        assert!(parse_dateline("South Korea said on Monday - a day").is_none());
        // A credit's bracket may follow the place's comma and meet the lead's first word.
        let glued = parse_dateline("Portville, (Harbour Wire)-The council met").unwrap();
        assert_eq!(
            (glued.place.as_str(), glued.org.as_deref()),
            ("PORTVILLE", Some("Harbour Wire"))
        );
        assert!(parse_dateline("PORTVILLE-based firms said on Monday").is_none());
        // A site's address before the place credits the story.
        let site = parse_dateline("HARBOURWIRE.CO.ID, PORTVILLE -- The council met").unwrap();
        assert_eq!(
            (site.place.as_str(), site.org.as_deref()),
            ("PORTVILLE", Some("harbourwire.co.id"))
        );
        let initials = parse_dateline("U.S., Portville -- The council met");
        assert!(initials.is_none_or(|d| d.org.is_none()));
        assert!(parse_dateline("Portville-based firms said on Monday").is_none());
    }
}
