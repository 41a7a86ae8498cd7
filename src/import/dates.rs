//! Dates: the publication date from the article's own stamp, its URL, its dateline with the year
//! found elsewhere, or a dated photo caption confirmed by the weekday in the lead. A date above
//! the headline counts for less, and not at all when it reads like the page's clock (a weekday
//! and no time of day), unless the lead tells of the night before, as a morning paper does. When nothing fixes the day, only what is fixed (month
//! or year) is returned, and never a guess: a wrong date is worse than none.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};
use regex::Regex;

use super::doc::{Block, Doc, Kind, Line, Meta};
use super::headline::first_dateline;
use super::PageHints;
use crate::model::PartialDate;

const MONTH: &str = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    // An ISO 8601 timestamp runs on into its time (`2020-01-20T06:05:18Z`): `T` ends the day too.
    Regex::new(
        r"(?-u:\b)(?P<y>(?:19|20)\d\d) ?[-./] ?(?P<m>\d{1,2}) ?[-./] ?(?P<d>\d{1,2})(?:T|(?-u:\b))",
    )
    .unwrap()
});
/// `14.05.2025`, `09/02/2011`, `04 / 04 / 2019`: day and month in the site's order.
static NUMERIC_YEAR_LAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?P<a>\d{1,2}) ?(?P<sep>[-./]) ?(?P<b>\d{1,2}) ?[-./] ?(?P<y>(?:19|20)\d\d)(?-u:\b)",
    )
    .unwrap()
});
/// A stamp glued to the start of a line of text: ` date 2023-06-15 Christine Lagarde, …`, or a
/// date and time run into the headline (`2021.06.1418:47:00UTC+00Gold futures settle …`).
static LEADING_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:date|published|posted|updated)\s*:?\s*(?:(?:19|20)\d\d-\d\d(?:-\d\d)?)\s+|(?:19|20)\d\d[.-]\d\d[.-]\d\d\s*\d{1,2}:\d\d(?::\d\d)?\s*(?:UTC|GMT)?(?:[+-]\d{1,2}(?::?\d\d)?)?\s*)")
        .unwrap()
});
/// What may stand beside a date on a stamp line: clock times, zones, weekdays, `at`, `on`, its
/// age (`Last update: about 12 years ago`).
static STAMP_FILLER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:source\s*:\s*\S+$|\d+\s+(?:views?|comments?|reads?|shares?)|(?:about\s+)?\d{1,3}\s+(?:min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?|months?|years?)\s+ago|(?:last\s+)?updated?|\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|(?:utc|gmt)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[a-z]{1,2}st|[a-z]dt|et|pt|ct|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|wed|thu|fri|sat|sun)|at|on|the|am|pm|\d+)(?-u:\b)").unwrap()
});
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b){MONTH}\.?,?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y>(?:19|20)\d\d)(?-u:\b)"
    ))
    .unwrap()
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?(?:\s+of)?\s+|-){MONTH}\.?(?:,?\s+|-)(?P<y>(?:19|20)\d\d)(?-u:\b)"
    ))
    .unwrap()
});
/// Month names of other languages, from the shipped list: lower-case name → number.
static FOREIGN_MONTHS: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    super::names::entries(include_str!("registry/month_names.txt"))
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let number: u32 = words.next()?.parse().ok()?;
            Some(words.map(move |w| (w.to_lowercase(), number)))
        })
        .flatten()
        .collect()
});

/// `6 grudnia 2022`, `01 de janeiro de 2022`, `12. Dezember 2022`: a day, a month of another
/// language, a year.
static FOREIGN_DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    let mut names: Vec<&String> = FOREIGN_MONTHS.keys().collect();
    // Longer names first, so `marca` is not read as `marc`.
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let names = names
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<d>\d{{1,2}})\.?\s+(?:de\s+)?(?P<fmonth>{names})\s+(?:de\s+)?(?P<y>(?:19|20)\d\d)(?-u:\b)"
    ))
    .unwrap()
});

static KOREAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<y>(?:19|20)\d\d)년\s*(?P<m>\d{1,2})월\s*(?P<d>\d{1,2})일").unwrap()
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b){MONTH}\.?,?\s+(?P<y>(?:19|20)\d\d)(?-u:\b)"
    ))
    .unwrap()
});
static MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^{MONTH}\.?\s+(?P<d>\d{{1,2}})$")).unwrap());
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?P<label>(?:(?:first )?published|posted(?: on)?|last updated|last update|updated|update|modified(?: on)?|written|created|date|released|issued|all news)(?-u:\b)|입력|수정|기사입력|최종수정|등록)\s*:?").unwrap()
});
/// A span of days in one month, `18 - 24 July 2013`: its first day and the month after it.
static DAY_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?P<first>(?-u:\b)\d{{1,2}})\s*[-–]\s*\d{{1,2}}(?P<after>\s+{MONTH})"
    ))
    .unwrap()
});
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?-u:\b)")
        .unwrap()
});
/// A page's clock: the time, then the weekday and the date (`1.53 AM Friday, 26 April 2024`).
static PAGE_CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\d{1,2}[.:]\d{2}\s*[ap]\.?m\.?\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+\S",
    )
    .unwrap()
});
/// The weather beside a page's clock (`4 February, 2026, 8:28 pm Central - 27°C Rain`): the
/// line is the page's header, dated the day it was saved.
static WEATHER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d\s*(?:°\s*[CF](?-u:\b)|℃|℉)").unwrap());
/// A time of day with minutes: a story's stamp carries one, a page's clock of the day does not.
static CLOCK_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)\d{1,2}:\d{2}(?-u:\b)").unwrap());
static WEEKDAY_EVENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) (?:night|evening)(?-u:\b)").unwrap()
});
static YEAR_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])\s*$").unwrap());
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?P<y>(?:19[5-9]|20\d)\d)(?-u:\b)").unwrap());
/// A day in a URL: `/2017/09/19/`, `…-2024-01-05/`, or eight digits after a letter or separator
/// (`view/AEN20220825000300315`, `?ud=20161017000123`, `/news-20190404.html`).
static URL_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z/=_-](?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])|/(?P<y2>(?:19|20)\d\d)/(?P<m2>\d\d)/(?P<d2>\d\d)(?:/|$)|-(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)(?:/|\.html|$)").unwrap()
});
static URL_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/(?P<y>(?:19|20)\d\d)/(?P<m>\d\d)/").unwrap());

/// A date found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    Day(NaiveDate),
    Month(i32, u32),
    /// `09/02/2011`: 9 February (day first) or 2 September (month first), not yet known which.
    Either(NaiveDate, NaiveDate),
}

/// The month a name or abbreviation starts with (`Sept.` → 9).
pub(crate) fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    NAMES
        .iter()
        .position(|n| lower.starts_with(n))
        .map(|i| i as u32 + 1)
}

fn day(y: &str, m: u32, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m, d.parse().ok()?)
}

/// Every full date in `text`, with its offset, in order.
fn dates_in(text: &str) -> Vec<(usize, Found)> {
    let mut found = Vec::new();
    // Every form has a four-digit year; most paragraphs have none, so skip them cheaply.
    let has_year = text
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    if !has_year {
        return found;
    }
    for caps in NUMERIC
        .captures_iter(text)
        .chain(KOREAN.captures_iter(text))
    {
        if let Some(d) = caps["m"]
            .parse()
            .ok()
            .and_then(|m| day(&caps["y"], m, &caps["d"]))
        {
            found.push((caps.get(0).map_or(0, |m| m.start()), Found::Day(d)));
        }
    }
    for caps in NUMERIC_YEAR_LAST.captures_iter(text) {
        let (Ok(a), Ok(b)) = (caps["a"].parse::<u32>(), caps["b"].parse::<u32>()) else {
            continue;
        };
        let at = caps.get(0).map_or(0, |m| m.start());
        let day_first = day(&caps["y"], b, &a.to_string());
        let month_first = day(&caps["y"], a, &b.to_string());
        let date = match (day_first, month_first) {
            (Some(d), Some(m)) if d == m => Found::Day(d),
            // Dotted dates are written day first wherever they are used.
            (Some(d), Some(_)) if &caps["sep"] == "." => Found::Day(d),
            (Some(d), Some(m)) => Found::Either(d, m),
            (Some(d), None) | (None, Some(d)) => Found::Day(d),
            (None, None) => continue,
        };
        found.push((at, date));
    }
    for caps in MONTH_FIRST
        .captures_iter(text)
        .chain(DAY_FIRST.captures_iter(text))
    {
        if let Some(d) = month_number(&caps["month"]).and_then(|m| day(&caps["y"], m, &caps["d"])) {
            found.push((caps.get(0).map_or(0, |m| m.start()), Found::Day(d)));
        }
    }
    for caps in FOREIGN_DAY_FIRST.captures_iter(text) {
        let month = FOREIGN_MONTHS.get(&caps["fmonth"].to_lowercase()).copied();
        if let Some(d) = month.and_then(|m| day(&caps["y"], m, &caps["d"])) {
            found.push((caps.get(0).map_or(0, |m| m.start()), Found::Day(d)));
        }
    }
    if found.is_empty() {
        for caps in MONTH_YEAR.captures_iter(text) {
            if let (Some(m), Ok(y)) = (month_number(&caps["month"]), caps["y"].parse()) {
                found.push((caps.get(0).map_or(0, |m| m.start()), Found::Month(y, m)));
            }
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found
}

/// A candidate publication date and how much it is trusted.
#[derive(Clone, Copy)]
struct Candidate {
    rank: u8,
    found: Found,
    confident: bool,
}

/// The publication date and whether it is certain enough to need no review.
pub(crate) fn find(doc: &Doc, hints: &PageHints, url: Option<&str>) -> Option<(PartialDate, bool)> {
    let mut candidates = Vec::new();
    if let Some(published) = &hints.published {
        if let Some((_, found)) = dates_in(published).into_iter().next() {
            candidates.push(Candidate {
                rank: 100,
                found,
                confident: true,
            });
        }
    }
    stamps(doc, &mut candidates);
    if let Some(captured) = &hints.captured {
        relative_stamps(doc, captured, &mut candidates);
    }
    if let Some(url) = url {
        from_url(url, &mut candidates);
    }
    // `SUVA (May 21, 1999 – Radio Wire)---`: the day the story was filed.
    let filed = first_dateline(doc).and_then(|d| d.full_date.as_deref());
    if let Some((_, found)) = filed.and_then(|d| dates_in(d).into_iter().next()) {
        candidates.push(Candidate {
            rank: 82,
            found,
            confident: true,
        });
    }
    credited_days(doc, &mut candidates);
    // `… produced before courts today (Feb 13)` under `Last Update 2024-08-29`: a weak stamp on
    // another day than the one the lead names is the page's, and its year is no evidence either.
    if let Some((month, dom)) = dateline_month_day(doc) {
        candidates.retain(|c| {
            c.rank > 60 || !matches!(c.found, Found::Day(d) if (d.month(), d.day()) != (month, dom))
        });
    }
    let mut extra = Vec::new();
    from_dateline(doc, &candidates, &mut extra);
    from_caption_and_weekday(doc, &mut candidates, &mut extra);
    candidates.extend(extra);
    for candidate in &mut candidates {
        if let Found::Either(day_first, month_first) = candidate.found {
            candidate.found = match read_order(doc, day_first, month_first) {
                Some(date) => Found::Day(date),
                None => Found::Month(0, 0),
            };
        }
    }
    candidates.retain(|c| c.found != Found::Month(0, 0));

    let rank = |c: &Candidate| (c.rank, matches!(c.found, Found::Day(_)));
    let mut best = *candidates.iter().max_by_key(|c| rank(c))?;
    // `date 2023-06` over `giovedì 15 giugno 2023`: a stamp fixing only the month, and a day in
    // that month stamped lower: the day.
    if let Found::Month(year, month) = best.found {
        let in_month = |c: &&Candidate| matches!(c.found, Found::Day(d) if d.year() == year && d.month() == month);
        if let Some(day) = candidates.iter().filter(in_month).max_by_key(|c| rank(c)) {
            best = *day;
        }
    }
    let date = match best.found {
        Found::Day(d) => PartialDate::Day(d),
        Found::Month(year, month) => PartialDate::Month { year, month },
        Found::Either(..) => return None,
    };
    Some((date, best.confident && matches!(best.found, Found::Day(_))))
}

/// The days a credit gives the story: where it first ran (`This article first appeared in Harbour
/// Weekly on December 26, 2022`), a lead's credited day (`Dec 04, 2009 (Wire) –`), a wire's
/// sign-off (`… – Wire, January 27, 2016.`).
fn credited_days(doc: &Doc, candidates: &mut Vec<Candidate>) {
    let ran = doc
        .lines
        .iter()
        .find(|l| l.text.len() <= 200 && super::title_line::names_where_it_ran(&l.text));
    if let Some((_, found)) = ran.and_then(|l| dates_in(&l.text).into_iter().next()) {
        candidates.push(Candidate {
            rank: 75,
            found,
            confident: true,
        });
    }
    // `Dec 04, 2009 (Wire) – …`: the day the lead was filed.
    let dated_lead = doc
        .paragraphs()
        .next()
        .and_then(super::headline::dated_lead_credit);
    if let Some((_, found)) = dated_lead.and_then(|(d, _)| dates_in(d).into_iter().next()) {
        candidates.push(Candidate {
            rank: 82,
            found,
            confident: true,
        });
    }
    // `… the shortlist. – Wire, January 27, 2016.`: the day a wire's sign-off gives its story.
    if let Some(found) = signed_off_day(doc) {
        candidates.push(Candidate {
            rank: 70,
            found,
            confident: true,
        });
    }
}

/// The day in a wire's sign-off closing the story (`… the shortlist. – Wire, January 27, 2016.`),
/// from the last paragraphs.
fn signed_off_day(doc: &Doc) -> Option<Found> {
    static SIGNED_OFF_DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r",\s*(?P<date>{MONTH_NAME} \d{{1,2}},? \d{{4}})\.?\s*$"
        ))
        .unwrap()
    });
    doc.paragraphs().rev().take(3).find_map(|p| {
        super::chrome::sign_off(p)?;
        let date = SIGNED_OFF_DAY.captures(p)?.name("date")?;
        dates_in(date.as_str())
            .into_iter()
            .next()
            .map(|(_, found)| found)
    })
}

/// `7 hours ago`, `Updated 2 days ago`, `yesterday`, `a minute ago`: a stamp relative to when
/// the page was read.
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:published|posted|updated)\s*:?\s*)?(?:(?P<n>\d{1,3}|an?|one)\s+(?P<unit>min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?)\s+ago|(?P<yesterday>yesterday))$").unwrap()
});

/// Relative stamps near the headline, counted back from when the page was saved (`captured`):
/// never confident, since the saver's clock and the site's may be in different zones. Without a
/// capture time they are no date at all (see [`find`]).
fn relative_stamps(doc: &Doc, captured: &str, out: &mut Vec<Candidate>) {
    let parse = |f: &str| chrono::NaiveDateTime::parse_from_str(captured, f).ok();
    let (saved, clock) = match parse("%Y-%m-%dT%H:%M:%S") {
        Some(at) => (at, true),
        None => match NaiveDate::parse_from_str(captured, "%Y-%m-%d") {
            Ok(day) => (day.and_hms_opt(0, 0, 0).expect("midnight"), false),
            Err(_) => return,
        },
    };
    for line in doc.lines.iter().take(60) {
        let Some(caps) = RELATIVE.captures(line.text.trim()) else {
            continue;
        };
        let back = if caps.name("yesterday").is_some() {
            chrono::Duration::days(1)
        } else {
            let n = match caps["n"].to_lowercase().as_str() {
                "a" | "an" | "one" => 1,
                n => n.parse().unwrap_or(0),
            };
            match caps["unit"].to_lowercase().chars().next() {
                // Minutes and hours move the day only with the saver's clock known.
                Some('m') if clock => chrono::Duration::minutes(n),
                Some('h') if clock => chrono::Duration::hours(n),
                Some('d') => chrono::Duration::days(n),
                Some('w') => chrono::Duration::weeks(n),
                _ => continue,
            }
        };
        out.push(Candidate {
            rank: 55,
            found: Found::Day((saved - back).date()),
            confident: false,
        });
        return;
    }
}

/// Which reading of an ambiguous `09/02/2011` the text supports: the site's own unambiguous
/// numeric dates (`24/02/2026` is day first), else the one reading that falls on or up to two
/// weeks after a date the story itself mentions. `None` when nothing decides: never a guess.
fn read_order(doc: &Doc, day_first: NaiveDate, month_first: NaiveDate) -> Option<NaiveDate> {
    let texts = || doc.lines.iter().map(|l| l.text.as_str());
    let (mut dmy, mut mdy) = (0, 0);
    let mut mentioned = Vec::new();
    for text in texts() {
        for caps in NUMERIC_YEAR_LAST.captures_iter(text) {
            let (Ok(a), Ok(b)) = (caps["a"].parse::<u32>(), caps["b"].parse::<u32>()) else {
                continue;
            };
            dmy += usize::from(a > 12 && b <= 12);
            mdy += usize::from(b > 12 && a <= 12);
        }
        for (_, found) in dates_in(text) {
            if let Found::Day(d) = found {
                mentioned.push(d);
            }
        }
    }
    match dmy.cmp(&mdy) {
        std::cmp::Ordering::Greater => return Some(day_first),
        std::cmp::Ordering::Less => return Some(month_first),
        std::cmp::Ordering::Equal => {}
    }
    let near = |date: NaiveDate| {
        mentioned
            .iter()
            .any(|&m| m != date && (0..=14).contains(&(date - m).num_days()))
    };
    match (near(day_first), near(month_first)) {
        (true, false) => return Some(day_first),
        (false, true) => return Some(month_first),
        _ => {}
    }
    // The one reading on the dateline's day (`Amman, Jan. 11 (Agency) –` under `11-01-2026`).
    if let Some((month, dom)) = dateline_month_day(doc) {
        let on = |d: NaiveDate| d.month() == month && d.day() == dom;
        match (on(day_first), on(month_first)) {
            (true, false) => return Some(day_first),
            (false, true) => return Some(month_first),
            _ => {}
        }
    }
    // The one reading that falls on the weekday the lead names ("said on Thursday").
    let weekday = lead_weekday(doc)?;
    match (
        day_first.weekday() == weekday,
        month_first.weekday() == weekday,
    ) {
        (true, false) => Some(day_first),
        (false, true) => Some(month_first),
        _ => None,
    }
}

/// Whether a short line is a date stamp: a full date with nothing else but clock times, zones,
/// weekdays and at most three other words (`Xinhua / 10:27 UTC+8, 2025-05-07`, `Scritto il
/// 24/02/2026`, `Daily News 04 / 04 / 2019`, `Brussels, 4 April 2019`).
/// `Tuesday 07th December, 04:18 AM JST`: a page's clock, a weekday and a time of day with at
/// most a few words more; never a headline, even without a year to date it.
pub(crate) fn is_clock_line(text: &str) -> bool {
    WEEKDAY.find(text).is_some_and(|w| w.start() == 0)
        && CLOCK_TIME.is_match(text)
        && text.split_whitespace().count() <= 8
}

pub(crate) fn is_stamp_line(text: &str) -> bool {
    if text.chars().count() > 90 {
        return false;
    }
    let found = dates_in(text);
    if !matches!(found.first(), Some((_, Found::Day(_) | Found::Either(..)))) {
        return false;
    }
    let without_dates = NUMERIC.replace_all(text, " ");
    let without_dates = NUMERIC_YEAR_LAST.replace_all(&without_dates, " ");
    let without_dates = MONTH_FIRST.replace_all(&without_dates, " ");
    let without_dates = DAY_FIRST.replace_all(&without_dates, " ");
    let without_dates = FOREIGN_DAY_FIRST.replace_all(&without_dates, " ");
    let leftover = STAMP_FILLER.replace_all(&without_dates, " ");
    let words = leftover
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .count();
    words <= 3 || (found[0].0 == 0 && tag_list(&leftover))
}

/// `ExxonMobil, News, Oil & Gas` after a stamp's date: the story's tags, two or more names of a
/// word to three, each capitalised.
fn tag_list(text: &str) -> bool {
    let tags: Vec<&str> = text
        .split([',', '|'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    tags.len() >= 2
        && tags.iter().all(|tag| {
            let words: Vec<&str> = tag.split_whitespace().filter(|w| *w != "&").collect();
            (1..=3).contains(&words.len())
                && words.iter().all(|w| w.starts_with(char::is_uppercase))
        })
}

/// `Harbour Wire17-03-2025`: a short line whose date lost the space before it, given it back, so
/// that the line reads as the stamp it is.
pub(crate) fn unglue_trailing_date(text: &str) -> Option<String> {
    let last = text.as_bytes().last()?;
    if text.len() > 80 || !last.is_ascii_digit() {
        return None;
    }
    let caps = GLUED_DATE.captures(text)?;
    Some(format!("{} {}", &caps["head"], &caps["date"]))
}

static GLUED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<head>.*\p{{Ll}})(?P<date>\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}} {MONTH_NAME} \d{{4}})$"
    ))
    .unwrap()
});

/// An English month's name as [`super::headline::MONTH`] writes it.
const MONTH_NAME: &str = super::headline::MONTH;

/// The labels a story's stamp opens with, as the splitters below read them.
const STAMP_LABELS: &str = "published|posted|updated|last updated|first published";

/// `Jane Doe 4 September 2017`: a stamp opening with the writer's name, no `By` before it; the
/// byline, and the stamp from its date.
pub(crate) fn split_name_and_stamp<'t>(
    text: &'t str,
    outlets: &super::outlets::OutletMatcher,
) -> Option<(&'t str, &'t str)> {
    // A name's first two words are capitalised: most lines are turned away before the patterns.
    let mut words = text.split_whitespace();
    let name_opening = words
        .next()
        .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words
            .next()
            .map(|w| w.trim_end_matches(','))
            .is_some_and(|w| {
                w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic)
            });
    let digit = || text.bytes().any(|b| b.is_ascii_digit());
    if text.len() > 80 || !name_opening || !digit() || !is_stamp_line(text) {
        return None;
    }
    let (at, _) = dates_in(text).into_iter().next()?;
    let separators = |c: char| c.is_whitespace() || ",|·•-–".contains(c);
    let name = text[..at].trim_end_matches(separators);
    // `Jane Doe, Monday 18 Jul 2011`: the weekday is the stamp's.
    let name = match name.rsplit_once(' ') {
        Some((before, last)) if weekday_name(last.trim_end_matches([',', '.'])) => {
            before.trim_end_matches(separators)
        }
        _ => name,
    };
    let named = name.split_whitespace().nth(1).is_some()
        && super::headline::bare_byline(name, outlets)
        && !super::headline::is_organisation(name);
    named.then(|| (name, text[name.len()..].trim_start_matches(separators)))
}

/// `Mon., September 5, 2022 | Jane Doe, Harbour Wire`: a stamp and a byline without `By` parted
/// by a bar; the stamp, and the byline.
pub(crate) fn split_stamp_and_bare_byline<'t>(
    text: &'t str,
    outlets: &super::outlets::OutletMatcher,
) -> Option<(&'t str, &'t str)> {
    if text.len() > 120 || !text.contains(" | ") {
        return None;
    }
    let (first, second) = text.split_once(" | ")?;
    let (first, second) = (first.trim(), second.trim());
    let stamp_then_name = is_stamp_line(first) && super::headline::bare_byline(second, outlets);
    let name_then_stamp = is_stamp_line(second) && super::headline::bare_byline(first, outlets);
    if stamp_then_name && !second.contains(" | ") {
        Some((first, second))
    } else if name_then_stamp && !second.contains(" | ") {
        Some((second, first))
    } else {
        None
    }
}

/// `Council approves budgetWritten on the 2 March 2018`: a labelled stamp glued to the end of the
/// headline, the label's capital right after a lower-case letter; the headline and the stamp.
pub(crate) fn split_glued_stamp(text: &str) -> Option<(&str, &str)> {
    static GLUED_STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\p{Ll}(?P<stamp>(?:Published|Posted|Updated|Last updated|Written|Modified)(?-u:\b).*\d.*)$")
            .unwrap()
    });
    if text.len() > 250 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let stamp = GLUED_STAMP.captures(text)?.name("stamp")?;
    if dates_in(stamp.as_str()).is_empty() {
        return None;
    }
    Some((&text[..stamp.start()], stamp.as_str()))
}

/// `Source: Harbour Wire Published: 2020/8/12 19:24:15`: a source line with the story's labelled
/// stamp after it on the same line; the source, and the stamp. Left whole, the stamp's words would
/// be read as part of the source's name.
pub(crate) fn split_source_and_stamp(text: &str) -> Option<(&str, &str)> {
    static SOURCE_THEN_STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^(?:{})\s*:\s*\S.*?\s(?P<stamp>(?:{STAMP_LABELS})\s*:\s*\S.*)$",
            super::chrome::source_labels()
        ))
        .unwrap()
    });
    if text.len() > 160 || !text.bytes().any(|b| b.is_ascii_digit()) || !text.contains(':') {
        return None;
    }
    let stamp = SOURCE_THEN_STAMP.captures(text)?.name("stamp")?;
    if dates_in(stamp.as_str()).is_empty() {
        return None;
    }
    Some((text[..stamp.start()].trim_end(), stamp.as_str()))
}

/// `Published On: April 24, 2024 09:45 PM By: Jane Doe`, `Updated | By Jane Doe`: a labelled
/// stamp (or its label alone) with the byline after it on the same line; the stamp, and the
/// byline from its `By`. Left whole, the line is read as a
/// stamp only and its writer is lost.
pub(crate) fn split_stamp_and_byline(text: &str) -> Option<(&str, &str)> {
    static STAMP_THEN_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^(?:{STAMP_LABELS}|date)(?:\s+on)?\s*:?\s*\S.*?\s(?P<byline>(?-i:By):?\s+\p{{Lu}}.*)$"
        ))
        .unwrap()
    });
    if text.len() > 200 || !text.contains(" By") {
        return None;
    }
    let byline = STAMP_THEN_BYLINE.captures(text)?.name("byline")?;
    let stamp = text[..byline.start()].trim_end();
    // `Updated | By Jane Doe`: the label alone, its date lost in copying, is no stamp but no
    // name either.
    let bare_label = stamp
        .trim_end_matches(|c: char| c.is_whitespace() || "|:-–·•".contains(c))
        .split_whitespace()
        .count()
        <= 2;
    if (!bare_label && dates_in(stamp).is_empty()) || byline.as_str().len() > 100 {
        return None;
    }
    Some((stamp, byline.as_str()))
}

/// A leading stamp as [`split_leading_stamp`] cuts it, its date parted from a clock time glued
/// to it (`2021.06.1418:47:00UTC` → `2021.06.14 18:47:00UTC`) so that the date reads.
pub(crate) fn spaced_stamp(stamp: &str) -> String {
    static GLUED_CLOCK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d[.-]\d\d[.-]\d\d)(\d)").unwrap());
    GLUED_CLOCK.replace(stamp, "$1 $2").into_owned()
}

/// Splits a stamp glued to the start of a line (` date 2023-06-15 Christine Lagarde, …`) from the
/// text that follows it.
pub(crate) fn split_leading_stamp(text: &str) -> Option<(&str, &str)> {
    let m = LEADING_STAMP.find(text)?;
    let rest = text[m.end()..].trim();
    // A byline glued there is split off too: ` date 2023-08-07 By Jane Doe`.
    let byline = rest.starts_with("By ") && rest.split_whitespace().count() >= 3;
    // Or a name alone, the byline without its "By": ` date 2022-07-01 Jane Doe`.
    let words = rest.split_whitespace().count();
    let bare_name = (2..=3).contains(&words)
        && rest.split_whitespace().all(|w| {
            w.starts_with(char::is_uppercase) && w.chars().skip(1).all(char::is_lowercase)
        });
    (byline || bare_name || words >= 4).then(|| (text[..m.end()].trim(), rest))
}

/// Labelled stamps ("Published : …") and dated bylines anywhere; unlabelled date lines below the
/// headline, and above it only at a lower rank, never when they name the weekday the way a page's
/// clock does ("Friday 29 April 2016").
fn stamps(doc: &Doc, out: &mut Vec<Candidate>) {
    let title_at = doc.lines.iter().position(|l| l.kind == Kind::Title);
    // `1.53 AM Friday, 26 April 2024` over the page: its clock, the day the page was saved. A
    // bare date above the headline on that day is the clock's too, not the story's.
    let page_clock = doc.lines[..title_at.unwrap_or(0)]
        .iter()
        .position(|l| PAGE_CLOCK.is_match(&l.text) || WEATHER.is_match(&l.text));
    let clock_day = page_clock.and_then(|at| dates_in(&doc.lines[at].text).into_iter().next());
    // `20 Nov 2024 23 minute ago`, `20 Nov 2024 1 hours ago`: the cards of a feed of the
    // latest stories, each dated and aged; none of them dates this one.
    let aged = |l: &Line| l.kind == Kind::Meta(Meta::Stamp) && AGED.is_match(&l.text);
    let feed_cards = doc.lines.iter().filter(|l| aged(l)).count() >= 2;
    // Author lines' and bare stamps' dates, by rank: kept only where they agree (see below).
    let mut unlabelled: Vec<(u8, Found, usize)> = Vec::new();
    for (i, line) in doc.lines.iter().enumerate() {
        let text = line.text.as_str();
        if Some(i) == page_clock {
            continue;
        }
        if matches!(
            line.kind,
            Kind::Meta(Meta::Byline) | Kind::Meta(Meta::Source)
        ) {
            if let Some((_, found)) = dates_in(text).into_iter().next() {
                unlabelled.push((88, found, i));
            }
            continue;
        }
        if line.kind == Kind::Title {
            // `Headline─── 06:06 Mon, 19 Sep 2022`: the stamp under a headline, glued to it.
            let glued = super::headline::trailing_stamp(text).map(|(_, stamp)| stamp);
            if let Some((_, found)) = glued.and_then(|stamp| dates_in(stamp).into_iter().next()) {
                unlabelled.push((80, found, i));
            }
            continue;
        }
        if line.kind != Kind::Meta(Meta::Stamp)
            || in_event_schedule(&doc.lines, i)
            || (feed_cards && aged(line))
        {
            continue;
        }
        let Some((rank, confident, rest)) = stamp_rank(text, i, title_at)
            .or_else(|| clock_shaped_stamp(text, doc))
            .or_else(|| weekday_confirmed(text, doc))
        else {
            continue;
        };
        // `Issue 1157, (18 - 24 July 2013)`: an issue's span starts on the day it came out.
        let rest = DAY_RANGE.replace(rest, "$first$after");
        if let Some((_, found)) = dates_in(&rest).into_iter().next() {
            let clocks_echo =
                rank == 50 && clock_day.as_ref().is_some_and(|(_, day)| *day == found);
            if clocks_echo {
                continue;
            }
            if matches!(rank, 50 | 75 | 80) {
                unlabelled.push((rank, found, i));
            } else {
                out.push(Candidate {
                    rank,
                    found,
                    confident,
                });
            }
        } else if let Some(caps) = YEAR_MONTH.captures(&rest) {
            // `date 2022-07`: a stamp that fixes only the month.
            if let (Ok(y), Ok(m)) = (caps["y"].parse(), caps["m"].parse()) {
                out.push(Candidate {
                    rank,
                    found: Found::Month(y, m),
                    confident: false,
                });
            }
        }
    }
    // A story has one dated author line and one date under its headline; several that disagree
    // are the cards of a list of other stories (`Jane Doe 03 Jun 2025`, `John Roe 29 May 2025`),
    // and none of them dates this one. Unless only one stands above the story's first paragraph
    // and the others within or after the story: dates of the events it goes on to tell.
    let story_starts = doc
        .lines
        .iter()
        .position(|l| l.kind == Kind::Body && super::chrome::body_like(&l.text))
        .unwrap_or(usize::MAX);
    for &(rank, found, at) in &unlabelled {
        let same_rank = || unlabelled.iter().filter(|(r, _, _)| *r == rank);
        let agree = same_rank().all(|(_, other, _)| *other == found);
        let heads_the_story = at < story_starts
            && same_rank().all(|&(_, _, other)| other == at || other > story_starts);
        if agree || heads_the_story {
            out.push(Candidate {
                rank,
                found,
                confident: true,
            });
        }
    }
}

/// `Tuesday, July 23, 2013` over the headline, shaped like a page's clock, when the lead names
/// that very weekday (`… on Tuesday`): a blog's date header over its post, the story's day.
fn weekday_confirmed<'t>(text: &'t str, doc: &Doc) -> Option<(u8, bool, &'t str)> {
    let named = WEEKDAY.captures(text)?;
    let weekday: Weekday = named["w"].parse().ok()?;
    let (_, Found::Day(day)) = dates_in(text).into_iter().next()? else {
        return None;
    };
    // A lead of the day before under it is the clock's (see `clock_shaped_stamp`).
    (day.weekday() == weekday && lead_weekday(doc) == Some(weekday)).then_some((70, true, text))
}

/// A date with its age after it: `20 Nov 2024 23 minute ago`.
static AGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\d\s+\d{1,3}\s+(?:min(?:ute)?s?|h(?:ou)?rs?|hours?|days?)\s+ago\s*$").unwrap()
});

/// `Date: 31 March 2025` beside `Time: 12:00` and `Venue: Media Room`: the schedule of an event
/// the story announces (a media advisory, a match, a hearing), not the day the story came out.
fn in_event_schedule(lines: &[Line], at: usize) -> bool {
    const EVENT_FIELDS: [&str; 7] = [
        "time", "venue", "location", "place", "where", "when", "kick-off",
    ];
    let field = |line: &Line| {
        line.text
            .split_once(':')
            .is_some_and(|(label, _)| EVENT_FIELDS.contains(&label.trim().to_lowercase().as_str()))
    };
    let is_date_field = lines[at]
        .text
        .split_once(':')
        .is_some_and(|(label, _)| label.trim().eq_ignore_ascii_case("date"));
    let mut near = lines[at.saturating_sub(2)..lines.len().min(at + 3)]
        .iter()
        .filter(|l| l.kind != Kind::Blank);
    is_date_field && near.any(field)
}

/// How far a stamp line at line `at` is trusted, whether its date is confident, and the text
/// after its label: a publication label most, a modification label less, an unlabelled stamp
/// under the headline more than one above it; `None` for a page's clock.
fn stamp_rank(text: &str, at: usize, title_at: Option<usize>) -> Option<(u8, bool, &str)> {
    // `March 4, 2024 / 9:15 AM / Updated 2 hours ago`: a label after a date labels what
    // follows it, not the date before it.
    let label = LABEL.captures(text).filter(|caps| {
        let start = caps.get(0).map_or(0, |m| m.start());
        // A label is a word of its own (`date` inside `Update` is none).
        let word_start = start == 0 || !text.as_bytes()[start - 1].is_ascii_alphanumeric();
        word_start && (start == 0 || dates_in(&text[..start]).is_empty())
    });
    Some(match label {
        Some(caps) => {
            let label = caps["label"].to_lowercase();
            let whole = caps.get(0).expect("match");
            // `Date of Birth: 19.08.1965`, `Date of the final`: another event's date.
            if text[caps["label"].len() + caps.get(0).map_or(0, |m| m.start())..]
                .trim_start()
                .starts_with("of ")
            {
                return None;
            }
            let updated = [
                "updated",
                "update",
                "last update",
                "last updated",
                "modified",
                "modified on",
                "수정",
                "최종수정",
            ]
            .contains(&label.as_str());
            if updated {
                (60, false, &text[whole.end()..])
            } else {
                (90, true, &text[whole.end()..])
            }
        }
        None if title_at.is_some_and(|t| at > t) => (80, true, text),
        None if title_at.is_none() && at > 0 => (75, true, text),
        // A page's clock names the weekday and no time: `Friday 29 April 2016`.
        None if WEEKDAY.is_match(text) && !CLOCK_TIME.is_match(text) => return None,
        None => (50, false, text),
    })
}

/// `AEN20220825…`, `ud=20161017`, `/2017/09/19/`, `…-2024-01-05/`; `/2017/09/` gives the month.
fn from_url(url: &str, out: &mut Vec<Candidate>) {
    if let Some(caps) = URL_DAY.captures(url) {
        let (y, m, d) = ["", "2", "3"]
            .iter()
            .find_map(|s| {
                Some((
                    caps.name(&format!("y{s}"))?.as_str(),
                    caps.name(&format!("m{s}"))?.as_str(),
                    caps.name(&format!("d{s}"))?.as_str(),
                ))
            })
            .unwrap_or(("", "", ""));
        if let Some(date) = m.parse().ok().and_then(|m| day(y, m, d)) {
            out.push(Candidate {
                rank: 85,
                found: Found::Day(date),
                confident: true,
            });
            return;
        }
    }
    if let Some(caps) = URL_MONTH.captures(url) {
        if let (Ok(y), Ok(m)) = (caps["y"].parse(), caps["m"].parse::<u32>()) {
            if (1..=12).contains(&m) {
                out.push(Candidate {
                    rank: 40,
                    found: Found::Month(y, m),
                    confident: false,
                });
            }
        }
    }
}

/// The story's first three paragraphs of text, where its lead tells the day.
fn lead_paragraphs(doc: &Doc) -> impl Iterator<Item = &str> {
    doc.paragraphs()
        .filter(|p| super::chrome::body_like(p))
        .take(3)
}

/// `Saturday, Nov. 27, 2010` above the headline, shaped like a page's clock, is the story's stamp
/// when the weekday it prints is its date's and the lead tells of the night before (`The Diet
/// late Friday enacted …`, `on Friday night`), as a morning paper does. A page's clock on the
/// day after a story of the day before (`… on Thursday`) stays the clock's.
fn clock_shaped_stamp<'t>(text: &'t str, doc: &Doc) -> Option<(u8, bool, &'t str)> {
    let printed = WEEKDAY.captures(text)?["w"].parse::<Weekday>().ok()?;
    let (_, Found::Day(day)) = dates_in(text).into_iter().next()? else {
        return None;
    };
    let eve = full_weekday_name(printed.pred());
    let the_night_before = lead_paragraphs(doc).take(2).any(|p| {
        p.contains(&format!("late {eve}"))
            || p.contains(&format!("{eve} night"))
            || p.contains(&format!("{eve} evening"))
    });
    (day.weekday() == printed && the_night_before).then_some((50, false, text))
}

/// A weekday's name as the lead writes it.
fn full_weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// `Monday`, `Tue`: a word that names a day of the week (a dateline's place never does).
pub(crate) fn weekday_name(word: &str) -> bool {
    word.parse::<Weekday>().is_ok()
}

/// The weekday the lead names ("said Wednesday"), when it names exactly one.
fn lead_weekday(doc: &Doc) -> Option<Weekday> {
    // The lead, or the paragraph after a caption-like opener that names no day.
    let lead = lead_paragraphs(doc).find(|p| WEEKDAY.is_match(p))?;
    // "on Thursday night": an evening's event, reported the day after.
    if WEEKDAY_EVENING.is_match(lead) {
        return None;
    }
    let mut days = WEEKDAY
        .captures_iter(lead)
        .filter_map(|c| c["w"].parse::<Weekday>().ok());
    let first = days.next()?;
    days.all(|d| d == first).then_some(first)
}

/// `… wrapped up on Thursday (April 14)`, `… before courts today (Feb 13)`: the lead's day, named
/// as some sites name it, in place of a dateline's.
fn bracketed_day(doc: &Doc) -> Option<&str> {
    static WEEKDAY_AND_DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)(?-u:\b)(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today) \((?P<md>{MONTH}\.? \d{{1,2}})\)"
        ))
        .unwrap()
    });
    lead_paragraphs(doc)
        .find_map(|p| WEEKDAY_AND_DAY.captures(p))
        .and_then(|c| c.name("md"))
        .map(|m| m.as_str())
}

/// `SEOUL, Feb. 7 (Yonhap)`: the day is fixed once the year is — by a full date elsewhere in the
/// text on the same day, by the lead's weekday falling on that day in exactly one year the text
/// mentions, or by the one year the page's copyright line gives.
/// The month and day the lead's dateline names (`SEOUL, March 5 (Yonhap) --`), or the lead's
/// bracketed day (`on Thursday (Mar 7)`).
fn dateline_month_day(doc: &Doc) -> Option<(u32, u32)> {
    let dateline = first_dateline(doc).and_then(|d| d.month_day.as_deref());
    let md = dateline.or_else(|| bracketed_day(doc))?;
    let caps = MONTH_DAY.captures(md)?;
    Some((month_number(&caps["month"])?, caps["d"].parse().ok()?))
}

fn from_dateline(doc: &Doc, known: &[Candidate], out: &mut Vec<Candidate>) {
    let Some((month, dom)) = dateline_month_day(doc) else {
        return;
    };
    let mut years: Vec<i32> = known
        .iter()
        .map(|c| match c.found {
            Found::Day(d) => d.year(),
            Found::Month(y, _) => y,
            Found::Either(d, _) => d.year(),
        })
        .collect();
    let body: Vec<&str> = doc.blocks.iter().map(Block::text).collect();
    // The story's full dates, read once for both tests below.
    let days: Vec<NaiveDate> = body
        .iter()
        .flat_map(|text| dates_in(text))
        .filter_map(|(_, found)| match found {
            Found::Day(d) => Some(d),
            _ => None,
        })
        .collect();
    years.extend(
        days.iter()
            .filter(|d| d.month() == month && d.day() == dom)
            .map(|d| d.year()),
    );
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        // `Kathmandu, June 23:` over a story recalling `June 19, 2025`: the one year in which a
        // full date of the story falls in the two weeks before the dateline's day.
        let mut recent: Vec<i32> = days
            .iter()
            .filter(|d| {
                NaiveDate::from_ymd_opt(d.year(), month, dom)
                    .is_some_and(|on| (1..=14).contains(&(on - **d).num_days()))
            })
            .map(|d| d.year())
            .collect();
        recent.dedup();
        if let [year] = recent.as_slice() {
            years.push(*year);
        }
    }
    let date = match years.as_slice() {
        [year] => NaiveDate::from_ymd_opt(*year, month, dom),
        [] => {
            let weekday = lead_weekday(doc);
            // Years the story mentions, and the copyright line's year (the page's own year).
            let copyright = doc.meta(Meta::Copyright);
            let mut mentioned: Vec<i32> = body
                .iter()
                .copied()
                .chain(copyright)
                .flat_map(|t| YEAR.captures_iter(t))
                .filter_map(|c| c["y"].parse().ok())
                .collect();
            mentioned.sort_unstable();
            mentioned.dedup();
            let fits: Vec<NaiveDate> = mentioned
                .iter()
                .filter_map(|&y| NaiveDate::from_ymd_opt(y, month, dom))
                .filter(|d| weekday.is_some_and(|w| d.weekday() == w))
                .collect();
            match fits.as_slice() {
                [only] => Some(*only),
                _ => {
                    // No weekday to check: the copyright's one year, for the editor to confirm.
                    let mut years: Vec<i32> = doc
                        .meta(Meta::Copyright)
                        .flat_map(|t| YEAR.captures_iter(t))
                        .filter_map(|c| c["y"].parse().ok())
                        .collect();
                    years.dedup();
                    if let [year] = years.as_slice() {
                        if let Some(date) = NaiveDate::from_ymd_opt(*year, month, dom) {
                            out.push(Candidate {
                                rank: 45,
                                found: Found::Day(date),
                                confident: false,
                            });
                        }
                    }
                    None
                }
            }
        }
        _ => None,
    };
    if let Some(date) = date {
        out.push(Candidate {
            rank: 70,
            found: Found::Day(date),
            confident: true,
        });
    }
}

/// A photo taken "on Aug. 23, 2017" in a story whose lead says "said Wednesday": when Aug. 23, 2017
/// was a Wednesday, that is the day. File photos are no evidence. In the story's own opening
/// paragraphs a date after `since`, `before`, `until`… counts only with its weekday printed
/// (`on Wednesday, Aug. 23, 2017`): it is a reference point (`the highest since Feb. 26, 2020`)
/// that may fall on the same weekday. A weak stamp a day or two after that day is the story's.
fn from_caption_and_weekday(doc: &Doc, stamps: &mut [Candidate], out: &mut Vec<Candidate>) {
    let Some(weekday) = lead_weekday(doc) else {
        return;
    };
    let mut fits: Vec<NaiveDate> = Vec::new();
    for (n, block) in doc.blocks.iter().enumerate().take(6) {
        let text = block.text();
        let is_caption = matches!(block, Block::Caption(_));
        if (!is_caption && n > 2) || archive_photo(text) {
            continue;
        }
        let dated = dates_in(text);
        // `taken 7 July 2020 (reissued 5 August 2024)`: an archive photo dated twice, neither
        // of them surely the story's day.
        let days = || {
            dated.iter().filter_map(|(_, f)| match f {
                Found::Day(d) => Some(*d),
                _ => None,
            })
        };
        if is_caption && days().any(|d| days().any(|e| e != d)) {
            continue;
        }
        for (at, found) in dated {
            if let Found::Day(d) = found {
                let named = is_caption
                    || names_weekday_before(&text[..at], weekday)
                    || !after_reference_word(&text[..at]);
                if named && d.weekday() == weekday && !fits.contains(&d) {
                    fits.push(d);
                }
            }
        }
    }
    let [only] = fits.as_slice() else {
        return;
    };
    // `November 27, 2021` over a story of `Friday November 26, 2021`: a weak stamp a day or
    // two after the events the lead reports is the day the story came out.
    let stamp_after = stamps.iter_mut().find(|c| {
        (50..65).contains(&c.rank)
            && matches!(c.found, Found::Day(s) if (1..=2).contains(&(s - *only).num_days()))
    });
    match stamp_after {
        Some(stamp) => stamp.rank = 66,
        None => out.push(Candidate {
            rank: 65,
            found: Found::Day(*only),
            confident: true,
        }),
    }
}

/// Whether a caption says its photo was taken on another day than the story's: a file photo, a
/// handout (`registry/archive_photo_words.txt`).
fn archive_photo(caption: &str) -> bool {
    static WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        super::names::phrase_automaton(include_str!("registry/archive_photo_words.txt"))
    });
    WORDS.is_match(caption)
}

/// Whether `before` ends with a word that makes the date after it a reference point in time.
fn after_reference_word(before: &str) -> bool {
    let last = before
        .trim_end_matches([' ', ','])
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(
        last.as_str(),
        "since"
            | "before"
            | "after"
            | "until"
            | "till"
            | "from"
            | "through"
            | "between"
            | "by"
            | "than"
    )
}

/// Whether `before` ends with the weekday's name, maybe followed by a comma or a bracket
/// (`… on Wednesday, ` before `Aug. 23, 2017`).
fn names_weekday_before(before: &str, weekday: Weekday) -> bool {
    let name = full_weekday_name(weekday);
    let before = before.trim_end_matches([' ', ',', '(']);
    let tail = &before[before.floor_char_boundary(before.len().saturating_sub(name.len()))..];
    tail.eq_ignore_ascii_case(name)
}

/// Builds the date patterns before the first input needs them (see [`super::warm_up`]): left to
/// the first inputs, one thread builds them while the others wait.
pub(crate) fn patterns() -> Vec<fn()> {
    vec![
        || {
            LazyLock::force(&NUMERIC);
            LazyLock::force(&NUMERIC_YEAR_LAST);
            LazyLock::force(&LEADING_STAMP);
            LazyLock::force(&STAMP_FILLER);
            LazyLock::force(&MONTH_FIRST);
            LazyLock::force(&DAY_FIRST);
            LazyLock::force(&FOREIGN_MONTHS);
            LazyLock::force(&FOREIGN_DAY_FIRST);
        },
        || {
            LazyLock::force(&KOREAN);
            LazyLock::force(&MONTH_YEAR);
            LazyLock::force(&MONTH_DAY);
            LazyLock::force(&LABEL);
            LazyLock::force(&DAY_RANGE);
            LazyLock::force(&WEEKDAY);
            LazyLock::force(&PAGE_CLOCK);
            LazyLock::force(&CLOCK_TIME);
        },
        || {
            LazyLock::force(&WEEKDAY_EVENING);
            LazyLock::force(&YEAR_MONTH);
            LazyLock::force(&YEAR);
            LazyLock::force(&URL_DAY);
            LazyLock::force(&URL_MONTH);
            LazyLock::force(&RELATIVE);
            LazyLock::force(&GLUED_DATE);
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_site_date_formats() {
        let day = |s: &str| match dates_in(s).first() {
            Some((_, Found::Day(d))) => Some(d.to_string()),
            _ => None,
        };
        assert_eq!(day("Sept 19, 2017 - 14:34").as_deref(), Some("2017-09-19"));
        assert_eq!(
            day("11:52 February 07, 2017").as_deref(),
            Some("2017-02-07")
        );
        assert_eq!(day("2021-03-19 16:34 KST").as_deref(), Some("2021-03-19"));
        assert_eq!(day("23 Jan. 2025, 18:07").as_deref(), Some("2025-01-23"));
        assert_eq!(day("2018.01.05 (14:53)").as_deref(), Some("2018-01-05"));
        assert_eq!(
            day("January. 05, 2018 07:40").as_deref(),
            Some("2018-01-05")
        );
        assert_eq!(day("2017-02-30"), None);
        // A comma without its space.
        assert_eq!(day("May 12,2015").as_deref(), Some("2015-05-12"));
    }

    #[test]
    fn url_dates() {
        let mut out = Vec::new();
        from_url("https://en.yna.co.kr/view/AEN20220825000300315", &mut out);
        from_url(
            "http://www.koreaherald.com/view.php?ud=20161017000123",
            &mut out,
        );
        from_url(
            "https://news.example.org/world/story-20190404.html",
            &mut out,
        );
        from_url("https://news.example.org/2021/03/04/story/", &mut out);
        assert_eq!(
            days_of(&out),
            ["2022-08-25", "2016-10-17", "2019-04-04", "2021-03-04"]
        );
        let mut ids = Vec::new();
        from_url("https://news.example.org/story/20191345/", &mut ids);
        from_url("https://news.example.org/a/1020190404", &mut ids);
        assert!(days_of(&ids).is_empty(), "article numbers are not dates");
    }

    fn days_of(candidates: &[Candidate]) -> Vec<String> {
        candidates
            .iter()
            .filter_map(|c| match c.found {
                Found::Day(d) => Some(d.to_string()),
                Found::Month(..) | Found::Either(..) => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod more_tests {
    use crate::import::{import_text, ImportContext};

    fn date_of(text: &str) -> Option<String> {
        let ctx = ImportContext::with_defaults(&[]);
        import_text(text, "t.txt", &ctx)
            .front
            .date
            .map(|d| d.to_string())
    }

    const HEAD: &str = "Council approves river bridge\n\n";
    const LEAD: &str = "The city council approved the new river bridge on Thursday after a \
        four-hour debate, clearing the way for construction to begin next spring.\n";

    #[test]
    fn a_stamp_with_its_age_and_a_months_stamp_with_the_day_under_it() {
        let text = format!(
            "{HEAD}Valley Times Thursday, 1 June 2006, 00:00 Last update: about 12 years ago\n\n{LEAD}"
        );
        assert_eq!(date_of(&text).as_deref(), Some("2006-06-01"));
        let text = format!(" date 2023-06 23.54 - giovedì 15 giugno 2023\n\n{HEAD}{LEAD}");
        assert_eq!(date_of(&text).as_deref(), Some("2023-06-15"));
        // A day of another month is no refinement: the month stands.
        let text = format!(" date 2023-06 23.54 - giovedì 15 luglio 2023\n\n{HEAD}{LEAD}");
        assert_eq!(date_of(&text).as_deref(), Some("2023-06"));
    }

    #[test]
    fn stamps_in_many_forms() {
        for (stamp, want) in [
            ("Published: 14.05.2025, 14:27", "2025-05-14"),
            ("Xinhua / 10:27 UTC+8, 2025-05-07", "2025-05-07"),
            ("Scritto il 24/02/2026", "2026-02-24"),
            ("Daily News 04 / 04 / 2019", "2019-04-04"),
            ("published: October 24, 2014", "2014-10-24"),
            ("Sept 19, 2023", "2023-09-19"),
            ("19 September 2023", "2023-09-19"),
            ("10-Nov-2001", "2001-11-10"),
            ("3-March-2019", "2019-03-03"),
            ("Data publikacji: 6 grudnia 2022, 10:49", "2022-12-06"),
            ("Publicado em 01 de janeiro de 2022", "2022-01-01"),
            ("12. Dezember 2022", "2022-12-12"),
            ("12 noiembrie 2019", "2019-11-12"),
            ("Publié le 3 août 2021", "2021-08-03"),
        ] {
            let text = format!("{HEAD}{stamp}\n\n{LEAD}");
            assert_eq!(date_of(&text).as_deref(), Some(want), "{stamp}");
        }
    }

    #[test]
    fn a_stamp_glued_to_the_text_is_split_off() {
        let text = format!(" date 2023-06-15 {LEAD}");
        assert_eq!(date_of(&text).as_deref(), Some("2023-06-15"));
        // A name alone after the stamp is the byline, not the story's first words.
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let text = format!(" date 2022-07-01 Jane Okafor\n\n{LEAD}");
        let got = crate::import::import_text(&text, "t.txt", &ctx);
        assert_eq!(got.front.byline, ["Jane Okafor"]);
        assert_eq!(
            got.front.date.map(|d| d.to_string()).as_deref(),
            Some("2022-07-01")
        );
        assert!(!got.body.contains("Okafor"), "{}", got.body);
    }

    #[test]
    fn an_ambiguous_day_and_month_are_read_in_the_sites_order_or_not_at_all() {
        // 09/02/2011 is 9 February or 2 September: the story's own "February 8" decides.
        let text = format!(
            "{HEAD}Published 09/02/2011\n\nProtesters filled the square on February 8, 2011, \
             and stayed through the night as talks between the two sides collapsed.\n"
        );
        assert_eq!(date_of(&text).as_deref(), Some("2011-02-09"));
        // Nothing decides: no date rather than a guess.
        let text = format!("{HEAD}Published 09/02/2011\n\n{LEAD}");
        assert_eq!(date_of(&text), None);
    }

    #[test]
    fn a_broadcasters_reported_this_story_line_gives_byline_and_date() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let text = format!(
            "{HEAD}Jane Okafor reported this story on Thursday, January 7, 2016 12:05:00\n\n\
             PRESENTER: First today to the river, where the council has approved a new bridge.\n\n\
             JANE OKAFOR: The vote came after a four-hour debate in the council chamber.\n"
        );
        let got = crate::import::import_text(&text, "t.txt", &ctx);
        assert_eq!(
            got.front.date.map(|d| d.to_string()).as_deref(),
            Some("2016-01-07")
        );
        assert_eq!(got.front.byline, ["Jane Okafor"]);
    }

    #[test]
    fn another_events_date_or_a_page_update_on_another_day_than_the_leads_is_not_the_date() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let date_of = |text: &str| {
            crate::import::import_text(text, "t.txt", &ctx)
                .front
                .date
                .map(|d| d.to_string())
        };
        let profile = "Harbour United name their squad\n\n6 January 2022\n\nThe coach named \
            his squad for the cup on Thursday.\n\nCoach: Jane Doe\n\nDate of Birth: 19.08.1965\n";
        assert_eq!(date_of(profile).as_deref(), Some("2022-01-06"));
        let updated =
            "\u{2022} Last Update 2024-08-29 00:07:00\n\nSuspects remanded over statues\n\n\
            Seventeen suspects were remanded until February 27 by the district court.\n\n\
            Two more were remanded after being produced before courts today (Feb 13).\n";
        assert_eq!(date_of(updated), None);
        // On the lead's own day, the page's update stamp stands (for the editor to confirm).
        let same_day = updated.replace("2024-08-29", "2024-02-13");
        assert_eq!(date_of(&same_day).as_deref(), Some("2024-02-13"));
    }

    #[test]
    fn a_titled_datelines_day_takes_the_year_of_a_date_the_story_recalls_days_before() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let lead = "The foreign minister said the government was working for the safety of \
            citizens in the conflict zone.\n\nShe said the ministry had issued travel advice \
            on June 19, 2025, and would open a help desk.\n";
        let got =
            crate::import::import_text(&format!("Harbourtown, June 23: {lead}"), "t.txt", &ctx);
        assert_eq!(got.front.dateline.as_deref(), Some("HARBOURTOWN"));
        assert_eq!(
            got.front.date.map(|d| d.to_string()).as_deref(),
            Some("2025-06-23")
        );
        // A weekday is no place; a recalled date weeks away fixes no year.
        let got = crate::import::import_text(&format!("Monday, June 23: {lead}"), "t.txt", &ctx);
        assert_eq!(got.front.dateline, None);
        let far = lead.replace("June 19", "March 19");
        let got =
            crate::import::import_text(&format!("Harbourtown, June 23: {far}"), "t.txt", &ctx);
        assert_eq!(got.front.date, None);
    }

    #[test]
    fn a_full_date_in_the_datelines_brackets_is_the_filing_day_and_names_who_filed() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let text = "harbour picture\n\nHARBOURTOWN, Fiji Islands (May 21, 1999 – Harbour \
            Radio)---The newly elected mayor has announced a 17-member council cabinet, which \
            includes two former rivals.\n\nThe mayor said the cabinet would meet on Monday.\n";
        let got = crate::import::import_text(text, "t.txt", &ctx);
        assert_eq!(
            got.front.date.map(|d| d.to_string()).as_deref(),
            Some("1999-05-21")
        );
        assert_eq!(got.front.outlet, "Harbour Radio");
        assert_eq!(got.front.dateline.as_deref(), Some("HARBOURTOWN"));
        // No headline: the editor is asked, and the stand-in is the lead, not the image's label.
        assert!(got.front.review.contains("title"));
        assert!(
            got.front.title.starts_with("The newly elected mayor"),
            "{}",
            got.front.title
        );
        // The day and its year before the credit's bracket.
        let text = "Drought relief grows\n\nPORTVILLE, Feb 25 2010 (Harbour Wire) - Maize \
            farmers near the mountain have lived through no drought like this one.\n";
        let got = crate::import::import_text(text, "t.txt", &ctx);
        assert_eq!(
            got.front.date.map(|d| d.to_string()).as_deref(),
            Some("2010-02-25")
        );
    }

    #[test]
    fn an_ambiguous_stamp_is_read_on_the_datelines_day() {
        // 11-01-2026 is 11 January or 1 November: the dateline's "Jan. 11" decides.
        let text = "Council approves river bridge\n11-01-2026 07:00 PM\n\n\
            HARBOURTOWN, Jan. 11 (Harbour Wire) – The city council approved the new river bridge \
            after a four-hour debate, clearing the way for construction to begin next spring.\n";
        assert_eq!(date_of(text).as_deref(), Some("2026-01-11"));
    }

    #[test]
    fn a_page_timestamp_keeps_its_own_offset() {
        let found = super::dates_in("2020-01-19T23:30:00-05:00");
        assert_eq!(
            found.first().map(|(_, f)| *f),
            Some(super::Found::Day(
                chrono::NaiveDate::from_ymd_opt(2020, 1, 19).unwrap()
            ))
        );
    }

    #[test]
    fn a_relative_stamp_counts_back_from_when_the_page_was_saved() {
        let ctx = crate::import::ImportContext::with_defaults(&[]);
        let read = |stamp: &str, captured: &str| {
            let text = format!("{HEAD}{stamp}\n\n{LEAD}");
            let normalized = crate::import::clean::normalize(&text);
            let doc = crate::import::clean::clean(&normalized, None, &ctx.outlets);
            let hints = crate::import::PageHints {
                captured: Some(captured.to_string()),
                ..Default::default()
            };
            super::find(&doc, &hints, None)
        };
        let day = |y, m, d| {
            crate::model::PartialDate::Day(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap())
        };
        // Saved at 03:00: seven hours earlier was the day before. Never confident.
        assert_eq!(
            read("7 hours ago", "2024-05-06T03:00:00"),
            Some((day(2024, 5, 5), false))
        );
        assert_eq!(
            read("Updated 2 days ago", "2024-05-06T10:00:00"),
            Some((day(2024, 5, 4), false))
        );
        assert_eq!(
            read("Yesterday", "2024-05-06"),
            Some((day(2024, 5, 5), false))
        );
        // Hours without the saver's clock could fall on either day: no date.
        assert_eq!(read("7 hours ago", "2024-05-06"), None);
    }

    #[test]
    fn a_date_before_an_update_label_and_ordinal_days() {
        for (stamp, want) in [
            (
                "March 4, 2024 / 9:15 AM / Updated 2 hours ago",
                "2024-03-04",
            ),
            ("4th March 2024", "2024-03-04"),
            ("Published on the 4th of March, 2024", "2024-03-04"),
        ] {
            let text = format!("{HEAD}{stamp}\n\n{LEAD}");
            assert_eq!(date_of(&text).as_deref(), Some(want), "{stamp}");
        }
    }

    #[test]
    fn a_bare_stamp_a_day_after_the_events_the_lead_dates_is_the_storys() {
        let story = "Parliament rejects the budget statement\n\n\
            Parliament has rejected the government's budget statement, the Speaker said.\n\n\
            The decision came after the majority walked out of the chamber on Friday \
            November 26, 2021, when it lost a voice vote.\n";
        let text = format!("November 27, 2021\n\n{story}");
        assert_eq!(date_of(&text).as_deref(), Some("2021-11-27"));
        // Without the stamp, the dated weekday of the lead is the best there is.
        assert_eq!(date_of(story).as_deref(), Some("2021-11-26"));
    }

    #[test]
    fn a_date_with_the_storys_tags_after_it_is_its_stamp_not_its_headline() {
        // The site's clock of its last update, then the story's own date with its tags.
        let text =
            "Latest update January 29th, 2025 10:24 PM\nAug 25, 2023 Harbour, News, Oil & Gas\n\
            Valley Wire – The minister confirmed on Thursday that the extension was granted \
            because of the pandemic, and that the documents were signed by his predecessor.\n";
        assert_eq!(date_of(text).as_deref(), Some("2023-08-25"));
        let ctx = ImportContext::with_defaults(&[]);
        let got = crate::import::import_text(text, "t.txt", &ctx);
        assert!(!got.front.title.contains("2023"), "{}", got.front.title);
        assert!(super::is_stamp_line(
            "May 5, 2024 Police, Courts | Local News"
        ));
        // A date and clock run into the headline.
        let text = "2021.06.1418:47:00UTC+00Gold Futures Settle At One-Month Low\n\n\
            Gold futures settled lower on Monday as traders weighed the chance of a change in \
            the central bank's policy stance.\n";
        assert_eq!(date_of(text).as_deref(), Some("2021-06-14"));
        let got = crate::import::import_text(text, "t.txt", &ctx);
        assert_eq!(got.front.title, "Gold Futures Settle At One-Month Low");
        assert!(!super::is_stamp_line(
            "May 5, 2024 Voters Choose a New Mayor, Council"
        ));
    }

    #[test]
    fn an_issues_span_of_days_dates_it_by_its_first_day() {
        let text =
            format!("Saturday, 22 September, 2018\nIssue 1157, (18 - 24 July 2013)\n{HEAD}{LEAD}");
        assert_eq!(date_of(&text).as_deref(), Some("2013-07-18"));
    }

    #[test]
    fn the_dated_cards_of_a_list_of_other_stories_do_not_date_this_one() {
        let cards = "More Business\n\nGrain prices ease as harvest starts\nMarkets\n\n\
            Grain prices fell for a third week as the harvest began in the south of the country.\n\n\
            Jane Doe 03 Jun 2025\nPort strike ends after two weeks\nLabour\n\n\
            Dock workers returned on Monday after the union accepted a new pay offer.\n\n\
            John Roe 29 May 2025\n";
        let text = format!("{HEAD}{LEAD}{cards}");
        assert_eq!(date_of(&text), None);
        // One dated author line is the story's own.
        let text = format!("{HEAD}Jane Doe 03 Jun 2025\n\n{LEAD}");
        assert_eq!(date_of(&text).as_deref(), Some("2025-06-03"));
    }

    #[test]
    fn a_relative_stamp_or_a_page_clock_is_not_the_date() {
        let text = format!("{HEAD}7 hours ago\n\n{LEAD}");
        assert_eq!(date_of(&text), None);
        let text = format!("Friday 29 April 2016\n{HEAD}{LEAD}");
        assert_eq!(date_of(&text), None);
    }

    #[test]
    fn a_weekday_with_its_day_in_brackets_dates_the_story_in_the_one_year_it_fits() {
        // 7 March fell on a Thursday in 2024 and not in 2023: the budget's year decides.
        let text = "Budget 2024: council backs river bridge\n\nThe council approved the bridge \
            on Thursday (Mar 7) in its Budget 2024 debate, a year after the 2023 vote was \
            delayed by the floods.\n";
        assert_eq!(date_of(text).as_deref(), Some("2024-03-07"));
        let text = "Council backs river bridge\n\nThe council approved the bridge on Thursday \
            (Mar 7), after years of delays.\n";
        assert_eq!(date_of(text), None);
    }

    #[test]
    fn the_date_under_the_headline_wins_over_dates_of_the_remarks_the_story_goes_on_to_quote() {
        let text = format!(
            "{HEAD}23 May 2023\n\n{LEAD}\n\nJane Doe (Central Bank)\n19 May 2023\n\n\
            'We will take the decisions needed to bring inflation back to target,' she said in \
            a speech to bankers at the annual meeting.\n\n10 May 2023\n\n'There are risks to \
            the outlook,' she told a conference in the capital earlier that month.\n"
        );
        assert_eq!(date_of(&text).as_deref(), Some("2023-05-23"));
    }

    #[test]
    fn a_date_in_the_opening_paragraphs_dates_the_story_only_with_the_leads_weekday_beside_it() {
        // 26 February 2020 was a Wednesday, but here it is only a reference point.
        let text = "Oil rises to its highest in a year\n\nOil rose on Wednesday to the highest \
            since Feb. 26, 2020, after producers agreed to cut output.\n";
        assert_eq!(date_of(text), None);
        let text = "Oil rises to its highest in a year\n\nOil rose on Wednesday, Feb. 26, 2020, \
            after producers agreed to cut output.\n";
        assert_eq!(date_of(text).as_deref(), Some("2020-02-26"));
        // A photo's line run into the text dates the day it was taken.
        let text = "Congress re-elects its leaders in victory for the president\n\nThe Senate's \
            president votes during a session to elect the new leadership in the capital \
            February 26, 2020. REUTERS/Jane Doe\n\nCongress on Wednesday re-elected the leaders \
            of both chambers, a victory that will help the president pass his budget.\n\nThe \
            Senate's president won 49 votes in the 82-member chamber.\n";
        assert_eq!(date_of(text).as_deref(), Some("2020-02-26"));
    }

    #[test]
    fn a_handout_or_file_photos_date_does_not_date_the_story_on_the_leads_weekday() {
        let story = |caption: &str| {
            format!(
                "Congress re-elects its leaders\n\nCongress on Wednesday re-elected the leaders \
                 of both chambers, a victory for the president.\n\n{caption}\n\nThe Senate's \
                 president won 49 votes in the 82-member chamber.\n"
            )
        };
        let taken = "The Senate's president votes in the capital, Wednesday, February 26, 2020.";
        assert_eq!(date_of(&story(taken)).as_deref(), Some("2020-02-26"));
        for caption in [
            "Picture released by the Senate showing its president in the capital, Wednesday, \
             February 26, 2020.",
            "The Senate's president in the capital, Wednesday, February 26, 2020. (File photo)",
            "Handout: the Senate's president in the capital, Wednesday, February 26, 2020.",
        ] {
            assert_eq!(date_of(&story(caption)), None, "{caption}");
        }
    }

    #[test]
    fn an_events_date_field_or_an_archive_photos_two_dates_do_not_date_the_story() {
        let advisory = "date 2025-03-28 Submit Release\n\nMinister to announce flood relief for \
            the provinces\n\nThe minister will announce how the relief fund is shared among the \
            provinces.\n\nThe briefing will be held as follows:\n\nDate: 31 March 2025\nTime: \
            12:00\nVenue: Media Room\n";
        assert_eq!(date_of(advisory).as_deref(), Some("2025-03-28"));
        // A `Date:` field on its own still dates a story.
        let stamped = "Minister announces flood relief\n\nDate: 31 March 2025\n\nThe minister \
            announced on Monday how the relief fund is shared among the provinces.\n";
        assert_eq!(date_of(stamped).as_deref(), Some("2025-03-31"));
        let archive = "Harbour Tech unveils new phones\n\nA phone on display in Portville, 07 \
            July 2020 (reissued 05 August 2024). (Getty Images)\n\nHarbour Tech on Tuesday \
            unveiled a lineup of new phones at its headquarters.\n";
        assert_eq!(
            date_of(archive),
            None,
            "the photo's day matches the lead's weekday by chance"
        );
    }

    #[test]
    fn a_feeds_aged_cards_do_not_date_the_story_and_a_stamp_may_count_its_views() {
        let text = "03 Jun 2019 - {{hits}}\nTourists will return with the festival\nBy Jane Doe\n\
            The government has decided to appoint advisers to the leading hotels, the minister \
            said on Monday.\nLatest\n20 Nov 2024 23 minute ago\n20 Nov 2024 25 minute ago\n\
            20 Nov 2024 1 hours ago\n";
        assert_eq!(date_of(text).as_deref(), Some("2019-06-03"));
        let viewed = "Default Thumbnail\n\nSUPER THREAT\n\nNovember 17, 2024 Harbour Journal 80 \
            views\n\nThe storm has intensified into a super typhoon, forecasters said.\n";
        assert_eq!(date_of(viewed).as_deref(), Some("2024-11-17"));
    }

    #[test]
    fn a_blogs_date_header_dates_its_post_when_the_lead_names_that_weekday() {
        let post = |lead_day: &str| {
            format!(
                "Search This Blog\n\nTuesday, July 23, 2013\n\nDeath toll from quake rises\n\n\
                Rescuers continue to search through the rubble {lead_day}, as the death toll \
                climbed to 94.\n"
            )
        };
        assert_eq!(date_of(&post("on Tuesday")).as_deref(), Some("2013-07-23"));
        // Another weekday: the line may be the page's clock, the day it was saved.
        assert_eq!(date_of(&post("on Sunday")), None);
    }

    #[test]
    fn a_stamp_glued_after_the_headline_dates_the_story() {
        let text =
            format!("World\nCouncil approves river bridge─── 07:15 Tue, 4 Mar 2025\n\n{LEAD}");
        assert_eq!(date_of(&text).as_deref(), Some("2025-03-04"));
    }

    #[test]
    fn a_stamp_above_the_headline_dates_the_story_unless_it_reads_like_a_clock() {
        let text = format!("Jan 11, 2020\n\n{HEAD}{LEAD}");
        assert_eq!(date_of(&text).as_deref(), Some("2020-01-11"));
        // A time to the minute is the story's stamp, weekday or not.
        let text = format!("Monday, February 13th 2012 - 21:05 UTC\n\n{HEAD}{LEAD}");
        assert_eq!(date_of(&text).as_deref(), Some("2012-02-13"));
        // The page's clock, and a bare date of the same day above the headline: the day the page
        // was saved, not the story's.
        let text = format!("1.53 AM Friday, 26 April 2024\n26 April 2024\n\n{HEAD}{LEAD}");
        assert_eq!(date_of(&text), None);
        // A clock's shape, confirmed by the lead's weekday the day before: the story's stamp.
        let text = "Saturday, Nov. 27, 2010\n\nStimulus budget wins passage\n\nThe parliament \
            late Friday enacted the supplementary budget to fund the stimulus package despite the \
            opposition's vote against it.\n";
        assert_eq!(date_of(text).as_deref(), Some("2010-11-27"));
        // Unconfirmed, or after a story of the day before, it is the clock's.
        let text = "Saturday, Nov. 27, 2010\n\nStimulus budget wins passage\n\nThe parliament \
            on Friday enacted the supplementary budget to fund the stimulus package despite the \
            opposition's vote against it.\n";
        assert_eq!(date_of(text), None);
        // A date glued to the outlet's name on the stamp line.
        let text = format!("{HEAD}Harbour Wire17-03-2025\n\n{LEAD}");
        assert_eq!(date_of(&text).as_deref(), Some("2025-03-17"));
        // Another day's date there is still the story's stamp.
        let text = format!("1.53 AM Friday, 26 April 2024\n25 April 2024\n\n{HEAD}{LEAD}");
        assert_eq!(date_of(&text).as_deref(), Some("2024-04-25"));
        // A header's date beside the weather is the page's clock too.
        let text = format!("4 February, 2026, 8:28 pm Portville - 27°C Rain\n\n{HEAD}{LEAD}");
        assert_eq!(date_of(&text), None);
        // A labelled stamp glued to the headline's end.
        let text = format!("Council approves budgetWritten on the 2 March 2018\n\n{LEAD}");
        assert_eq!(date_of(&text).as_deref(), Some("2018-03-02"));
        let got = crate::import::import_text(
            &text,
            "t.txt",
            &crate::import::ImportContext::with_defaults(&[]),
        );
        assert_eq!(got.front.title, "Council approves budget");
    }
}
