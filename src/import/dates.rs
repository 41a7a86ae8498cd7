//! Dates: the publication date from the article's own stamp, its URL, its dateline with the year
//! found elsewhere, or a dated photo caption confirmed by the weekday in the lead. Page clocks
//! (dates above the headline) are ignored. When nothing fixes the day, only what is fixed (month
//! or year) is returned, and never a guess: a wrong date is worse than none.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};
use regex::Regex;

use super::clean::{Block, Doc, Kind, Meta};
use super::headline::first_dateline;
use super::PageHints;
use crate::model::PartialDate;

const MONTH: &str = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?P<y>(?:19|20)\d\d)[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})(?-u:\b)")
        .unwrap()
});
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b){MONTH}\.?,?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?-u:\b)"
    ))
    .unwrap()
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<d>\d{{1,2}})\s+{MONTH}\.?,?\s+(?P<y>(?:19|20)\d\d)(?-u:\b)"
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
    Regex::new(r"(?i)(?P<label>(?:(?:first )?published|posted(?: on)?|last updated|updated|modified(?: on)?|written|created|date|released|issued|all news)(?-u:\b)|입력|수정|기사입력|최종수정|등록)\s*:?").unwrap()
});
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?-u:\b)")
        .unwrap()
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?P<y>(?:19[5-9]|20\d)\d)(?-u:\b)").unwrap());
static URL_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:AEN|AKR|PYH|[?&]ud=|/)(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)|/(?P<y2>(?:19|20)\d\d)/(?P<m2>\d\d)/(?P<d2>\d\d)(?:/|$)|-(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)(?:/|\.html|$)").unwrap()
});
static URL_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/(?P<y>(?:19|20)\d\d)/(?P<m>\d\d)/").unwrap());

/// A date found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    Day(NaiveDate),
    Month(i32, u32),
}

fn month_number(name: &str) -> Option<u32> {
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
    for caps in MONTH_FIRST
        .captures_iter(text)
        .chain(DAY_FIRST.captures_iter(text))
    {
        if let Some(d) = month_number(&caps["month"]).and_then(|m| day(&caps["y"], m, &caps["d"])) {
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
    if let Some(url) = url {
        from_url(url, &mut candidates);
    }
    let mut extra = Vec::new();
    from_dateline(doc, &candidates, &mut extra);
    from_caption_and_weekday(doc, &mut extra);
    candidates.extend(extra);

    let best = candidates.into_iter().max_by_key(|c| {
        let precise = matches!(c.found, Found::Day(_));
        (c.rank, precise)
    })?;
    let date = match best.found {
        Found::Day(d) => PartialDate::Day(d),
        Found::Month(year, month) => PartialDate::Month { year, month },
    };
    Some((date, best.confident && matches!(best.found, Found::Day(_))))
}

/// Labelled stamps ("Published : …") anywhere; bare date lines only below the headline, since a
/// date above it is the page's clock, not the article's.
fn stamps(doc: &Doc, out: &mut Vec<Candidate>) {
    let title_at = doc.lines.iter().position(|l| l.kind == Kind::Title);
    for (i, line) in doc.lines.iter().enumerate() {
        if line.kind != Kind::Meta(Meta::Stamp) {
            continue;
        }
        let text = line.text.as_str();
        let (rank, confident, rest) = match LABEL.captures(text) {
            Some(caps) => {
                let label = caps["label"].to_lowercase();
                let whole = caps.get(0).expect("match");
                let updated = [
                    "updated",
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
            None if title_at.is_some_and(|t| i > t) => (80, true, text),
            None if title_at.is_none() && i > 0 => (75, true, text),
            None => continue,
        };
        if let Some((_, found)) = dates_in(rest).into_iter().next() {
            out.push(Candidate {
                rank,
                found,
                confident,
            });
        }
    }
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

/// The weekday the lead names ("said Wednesday"), when it names exactly one.
fn lead_weekday(doc: &Doc) -> Option<Weekday> {
    let lead = doc.paragraphs().next()?;
    let mut days = WEEKDAY
        .captures_iter(lead)
        .filter_map(|c| c["w"].parse::<Weekday>().ok());
    let first = days.next()?;
    days.all(|d| d == first).then_some(first)
}

/// `SEOUL, Feb. 7 (Yonhap)`: the day is fixed once the year is — by a full date elsewhere in the
/// text on the same day, or by the lead's weekday falling on that day in exactly one year the text
/// mentions.
fn from_dateline(doc: &Doc, known: &[Candidate], out: &mut Vec<Candidate>) {
    let Some(md) = first_dateline(doc).and_then(|d| d.month_day) else {
        return;
    };
    let Some(caps) = MONTH_DAY.captures(&md) else {
        return;
    };
    let (Some(month), Ok(dom)) = (month_number(&caps["month"]), caps["d"].parse::<u32>()) else {
        return;
    };
    let mut years: Vec<i32> = known
        .iter()
        .map(|c| match c.found {
            Found::Day(d) => d.year(),
            Found::Month(y, _) => y,
        })
        .collect();
    let body: Vec<&str> = doc.blocks.iter().map(Block::text).collect();
    for text in &body {
        for (_, found) in dates_in(text) {
            if let Found::Day(d) = found {
                if d.month() == month && d.day() == dom {
                    years.push(d.year());
                }
            }
        }
    }
    years.sort_unstable();
    years.dedup();
    let date = match years.as_slice() {
        [year] => NaiveDate::from_ymd_opt(*year, month, dom),
        [] => {
            let weekday = lead_weekday(doc);
            let mut mentioned: Vec<i32> = body
                .iter()
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
                _ => None,
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
/// was a Wednesday, that is the day. File photos are no evidence.
fn from_caption_and_weekday(doc: &Doc, out: &mut Vec<Candidate>) {
    let Some(weekday) = lead_weekday(doc) else {
        return;
    };
    let mut fits: Vec<NaiveDate> = Vec::new();
    for (n, block) in doc.blocks.iter().enumerate().take(6) {
        let text = block.text();
        let is_caption = matches!(block, Block::Caption(_));
        if (!is_caption && n > 2) || text.to_lowercase().contains("file photo") {
            continue;
        }
        for (_, found) in dates_in(text) {
            if let Found::Day(d) = found {
                if d.weekday() == weekday && !fits.contains(&d) {
                    fits.push(d);
                }
            }
        }
    }
    if let [only] = fits.as_slice() {
        out.push(Candidate {
            rank: 65,
            found: Found::Day(*only),
            confident: true,
        });
    }
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
    }

    #[test]
    fn url_dates() {
        let mut out = Vec::new();
        from_url("https://en.yna.co.kr/view/AEN20220825000300315", &mut out);
        from_url(
            "http://www.koreaherald.com/view.php?ud=20161017000123",
            &mut out,
        );
        let days: Vec<String> = out
            .iter()
            .filter_map(|c| match c.found {
                Found::Day(d) => Some(d.to_string()),
                Found::Month(..) => None,
            })
            .collect();
        assert_eq!(days, ["2022-08-25", "2016-10-17"]);
    }
}
