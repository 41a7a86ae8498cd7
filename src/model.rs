//! The book's typed model: what `load` produces and every later stage reads.

use std::cmp::Ordering;
use std::fmt;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A publication date that may be known only to the month or the year.
///
/// Ordering puts less precise dates first within their period, so `2017` sorts before `2017-01-05`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartialDate {
    Day(NaiveDate),
    Month { year: i32, month: u32 },
    Year(i32),
}

impl PartialDate {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, len: usize| -> Option<u32> {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        match parts.as_slice() {
            [y] => Some(PartialDate::Year(number(y, 4)? as i32)),
            [y, m] => {
                let month = number(m, 2)?;
                (1..=12).contains(&month).then_some(PartialDate::Month {
                    year: number(y, 4)? as i32,
                    month,
                })
            }
            [y, m, d] => {
                NaiveDate::from_ymd_opt(number(y, 4)? as i32, number(m, 2)?, number(d, 2)?)
                    .map(PartialDate::Day)
            }
            _ => None,
        }
    }

    pub fn year(&self) -> i32 {
        match *self {
            PartialDate::Day(d) => d.year(),
            PartialDate::Month { year, .. } => year,
            PartialDate::Year(year) => year,
        }
    }

    pub fn month(&self) -> Option<u32> {
        match *self {
            PartialDate::Day(d) => Some(d.month()),
            PartialDate::Month { month, .. } => Some(month),
            PartialDate::Year(_) => None,
        }
    }

    pub fn day(&self) -> Option<NaiveDate> {
        match *self {
            PartialDate::Day(d) => Some(d),
            _ => None,
        }
    }

    fn sort_key(&self) -> (i32, u32, u32) {
        match *self {
            PartialDate::Day(d) => (d.year(), d.month(), d.day()),
            PartialDate::Month { year, month } => (year, month, 0),
            PartialDate::Year(year) => (year, 0, 0),
        }
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // As chrono's `%Y-%m-%d` writes it, without parsing that pattern for every date of
            // every page; chrono still writes the years it signs.
            PartialDate::Day(d) if (0..=9999).contains(&d.year()) => {
                write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
            }
            PartialDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            PartialDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            PartialDate::Year(year) => write!(f, "{year:04}"),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // YAML reads a bare `2017` as a number, so accept both numbers and strings.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(i64),
            Text(String),
        }
        let text = match Raw::deserialize(deserializer)? {
            Raw::Number(n) => n.to_string(),
            Raw::Text(s) => s,
        };
        PartialDate::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a date: write YYYY-MM-DD, or YYYY-MM / YYYY when only that is known"
            ))
        })
    }
}

/// An editor's note anchored to exact words of the article body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    pub quote: String,
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Which occurrence (1-based) of `quote` is meant when it appears more than once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<usize>,
}

/// What `import` wrote, so a re-import can tell whether the editor changed the file since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportStamp {
    /// Hash of the raw input file.
    pub input: String,
    /// Hash of the article file as import wrote it (computed with this field absent).
    pub output: String,
    /// Hash of the source's words as imported, so a re-fetched page whose menus or ads changed
    /// is still known as the same article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// When the source was fetched from its `url` (UTC, RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched: Option<String>,
}

/// One field import was unsure of, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    /// The front-matter key, e.g. `outlet`.
    pub field: String,
    /// What made import unsure; `None` for items written as a bare list of fields.
    pub reason: Option<String>,
}

/// The open review items of an article: written by import as a mapping (`outlet: why`), also
/// read as a plain list of field names (`[outlet, date]`). Deleting an entry closes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Review(pub Vec<ReviewItem>);

impl Review {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `field` is open.
    pub fn contains(&self, field: &str) -> bool {
        self.0.iter().any(|item| item.field == field)
    }

    /// Opens `field` with its reason (once: a second reason for an open field is dropped).
    pub fn push(&mut self, field: &str, reason: impl Into<String>) {
        if !self.contains(field) {
            self.0.push(ReviewItem {
                field: field.to_string(),
                reason: Some(reason.into()),
            });
        }
    }

    /// Closes `field`, if open.
    pub fn remove(&mut self, field: &str) {
        self.0.retain(|item| item.field != field);
    }

    pub fn iter(&self) -> std::slice::Iter<'_, ReviewItem> {
        self.0.iter()
    }

    /// The open fields' names, in order.
    pub fn fields(&self) -> Vec<String> {
        self.0.iter().map(|item| item.field.clone()).collect()
    }
}

impl Serialize for Review {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for item in &self.0 {
            map.serialize_entry(&item.field, &item.reason)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Review {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Items;
        impl<'de> serde::de::Visitor<'de> for Items {
            type Value = Review;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of field names, or `field: reason` lines")
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Review, E> {
                Ok(Review::default())
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Review, A::Error> {
                let mut items = Vec::new();
                while let Some(field) = seq.next_element::<String>()? {
                    items.push(ReviewItem {
                        field,
                        reason: None,
                    });
                }
                Ok(Review(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Review, A::Error> {
                let mut items = Vec::new();
                while let Some((field, reason)) = map.next_entry::<String, Option<String>>()? {
                    items.push(ReviewItem { field, reason });
                }
                Ok(Review(items))
            }
        }
        deserializer.deserialize_any(Items)
    }
}

/// An article's front matter, exactly as the editor writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(deserialize_with = "title_text")]
    pub title: String,
    #[serde(deserialize_with = "outlet_text")]
    pub outlet: String,
    /// Required; `None` only while import could not fix it (then `review` lists `date`).
    #[serde(default)]
    pub date: Option<PartialDate>,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub byline: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<Annotation>,
    /// Fields import was unsure of, each with why; the editor removes entries as they check them.
    #[serde(default, skip_serializing_if = "Review::is_empty")]
    pub review: Review,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Old addresses of this article (`old-slug` or `/articles/old-slug/`): each gets a page
    /// that redirects here, so links made before a rename keep working.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported: Option<ImportStamp>,
}

/// A required text field: YAML's `null` (or `~`, or nothing after the colon) is an error that
/// names the key, so it is placed at the key's line, not the word "null" printed as a headline.
fn required_text<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    key: &str,
) -> Result<String, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        Some(text) => Ok(text),
        None => Err(serde::de::Error::custom(format!(
            "`{key}:` must not be empty (null): write its text, in quotes if it starts with a \
             special character"
        ))),
    }
}

fn title_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    required_text(deserializer, "title")
}

fn outlet_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    required_text(deserializer, "outlet")
}

/// One article file: its front matter, its Markdown body and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The file stem, e.g. `2017-02-07-yun-tillerson`; also its URL slug.
    pub slug: String,
    /// Path relative to the book root, for messages.
    pub path: PathBuf,
    pub front: FrontMatter,
    /// The front matter's YAML text, kept to locate link errors in the file.
    pub front_matter_yaml: String,
    pub body: String,
    /// 1-based line of the file on which `body` starts, so body diagnostics point into the file.
    pub body_line: usize,
}

/// A role an actor held, e.g. Foreign Minister of South Korea from 2017 to 2021.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<PartialDate>,
}

/// A person in `content/actors.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorEntry {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Old addresses of this entry's page (`old-slug` or `/actors/old-slug/`), each redirected
    /// to the current one, as an article's `aliases` are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases_url: Vec<String>,
    /// Set by import on actors it discovered; the editor clears it once checked.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub review: bool,
}

/// A subject in `content/topics.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicEntry {
    pub slug: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Words and phrases import uses to suggest this topic.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Old addresses of this entry's page (`old-slug` or `/topics/old-slug/`), each redirected
    /// to the current one, as an article's `aliases` are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases_url: Vec<String>,
}

/// A news organisation in `content/outlets.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletEntry {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Text that identifies the outlet in raw articles, e.g. `(Yonhap)` or `Source: Yonhap News Agency`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<String>,
    /// E-mail and web domains of the outlet, e.g. `hani.co.kr`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<String>,
    /// Regular expressions for lines of the outlet's own web pages (date stamps, mastheads), e.g.
    /// `^Posted on : \d{4}`. They tell which site a text was copied from, which is the
    /// publisher when the byline names another outlet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub layouts: Vec<String>,
    /// What kind of organisation it is: `wire`, `newspaper`, `broadcaster`, `magazine`, `online`,
    /// `government`, `international`, `think-tank` or `aggregator` (a site that gathers other
    /// outlets' stories, so import credits the outlet it names, never the aggregator itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Old addresses of this entry's page (`old-slug` or `/outlets/old-slug/`), each redirected
    /// to the current one, as an article's `aliases` are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases_url: Vec<String>,
    /// Set by import on an outlet it found named but no outlets file knew; the editor clears it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub review: bool,
}

/// The book as loaded from disk, before any cross-linking.
#[derive(Debug, Clone, Default)]
pub struct Book {
    pub config: crate::config::Config,
    /// Sorted by slug, so every later stage is deterministic.
    pub articles: Vec<Article>,
    pub actors: Vec<ActorEntry>,
    pub topics: Vec<TopicEntry>,
    pub outlets: Vec<OutletEntry>,
    /// Whether `content/topics.yaml` exists: only then are unknown topics errors.
    pub topics_curated: bool,
    /// Markdown of `content/index.md`, the book's introduction.
    pub introduction: Option<String>,
    /// Articles left out of this build because they are under review (`hold_unreviewed`).
    pub held: Vec<std::path::PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_prints_as_chrono_writes_year_month_day() {
        for (year, month, day) in [
            (2017, 2, 7),
            (1999, 12, 31),
            (12, 1, 5),
            (0, 3, 9),
            (9999, 10, 10),
            (10000, 1, 1),
            (-44, 3, 15),
        ] {
            let date = NaiveDate::from_ymd_opt(year, month, day).unwrap();
            assert_eq!(
                PartialDate::Day(date).to_string(),
                date.format("%Y-%m-%d").to_string(),
                "{year}-{month}-{day}"
            );
        }
        assert_eq!(
            PartialDate::Day(NaiveDate::from_ymd_opt(2017, 2, 7).unwrap()).to_string(),
            "2017-02-07"
        );
    }
}
