//! The interface's words in the book's language: a translation table per language (English
//! and Korean ship, as data in `i18n/`), any entry of which `[strings]` in `briefbook.toml`
//! replaces, and dates written the language's way. Templates see the table as `t`
//! (`{{ t.editors_note }}`) and fill a phrase with the `tr` filter
//! (`{{ t.n_articles | tr(n=count) }}`); `search.js` and `copy.js` get theirs from the page.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::Datelike;
use serde::Serialize;

use crate::config::Config;
use crate::error::Error;
use crate::model::PartialDate;

/// The built-in tables: a language tag's primary subtag and its table.
const TABLES: [(&str, &str); 2] = [
    ("en", include_str!("i18n/en.toml")),
    ("ko", include_str!("i18n/ko.toml")),
];

/// Every interface string of one book, by key.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Strings(BTreeMap<String, String>);

impl Strings {
    /// English, overlaid with the table of `config.language` (by its primary subtag: `ko-KR`
    /// reads `ko`), overlaid with the book's own `[strings]`. Keys no table knows are left out
    /// here; [`check_overrides`] reports them.
    pub fn for_config(config: &Config) -> Strings {
        let mut strings = table("en");
        let primary = config
            .language
            .split(['-', '_'])
            .next()
            .unwrap_or("en")
            .to_ascii_lowercase();
        if primary != "en" {
            strings.extend(table(&primary));
        }
        for (key, value) in &config.strings {
            if let Some(slot) = strings.get_mut(key) {
                slot.clone_from(value);
            }
        }
        Strings(strings)
    }

    /// The string of `key`, or the key itself when no table has it.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }

    /// The string of `key` with each `{name}` filled from `values`.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.get(key), values)
    }

    /// `7 February 2017`, `February 2017` or `2017`, as the language writes them.
    pub fn date(&self, date: &PartialDate) -> String {
        let year = date.year().to_string();
        match date {
            PartialDate::Day(d) => self.fill(
                "date_day",
                &[
                    ("day", &d.day().to_string()),
                    ("month", self.month(d.month())),
                    ("year", &year),
                ],
            ),
            PartialDate::Month { month, .. } => self.fill(
                "date_month",
                &[("month", self.month(*month)), ("year", &year)],
            ),
            PartialDate::Year(_) => self.fill("date_year", &[("year", &year)]),
        }
    }

    /// The name of month `month` (1–12).
    pub fn month(&self, month: u32) -> &str {
        const KEYS: [&str; 12] = [
            "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8",
            "month_9", "month_10", "month_11", "month_12",
        ];
        self.get(KEYS[(month.clamp(1, 12) - 1) as usize])
    }

    /// The strings whose keys start with `prefix`, as a JSON object, for a script on the page.
    pub fn json_of(&self, prefix: &str) -> String {
        let picked: BTreeMap<&str, &str> = self
            .0
            .iter()
            .filter(|(k, _)| k.starts_with(prefix))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        serde_json::to_string(&picked).unwrap_or_default()
    }
}

/// The built-in table of a language, empty for a language none ships.
fn table(language: &str) -> BTreeMap<String, String> {
    TABLES
        .iter()
        .find(|(tag, _)| *tag == language)
        .and_then(|(_, text)| toml::from_str(text).ok())
        .unwrap_or_default()
}

/// Refuses `[strings]` keys that no table has: a typo would otherwise change nothing, silently.
pub fn check_overrides(config: &Config) -> Result<(), Error> {
    let known = table("en");
    let unknown: Vec<&str> = config
        .strings
        .keys()
        .filter(|k| !known.contains_key(*k))
        .map(String::as_str)
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    Err(Error::UnknownStrings {
        names: unknown.into_iter().map(str::to_string).collect(),
    })
}

/// `pattern` with each `{name}` replaced by its value; a `one|many` pattern picks by `n`.
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let pattern = match pattern.split_once('|') {
        Some((one, many)) => {
            let n = values.iter().find(|(k, _)| *k == "n").map(|(_, v)| *v);
            if n == Some("1") {
                one
            } else {
                many
            }
        }
        None => pattern,
    };
    if !fills_in_one_pass(pattern, values) {
        let mut out = pattern.to_string();
        for (key, value) in values {
            out = out.replace(&format!("{{{key}}}"), value);
        }
        return out;
    }
    // Each `{key}` replaced where it stands, the first value of that key winning as in the
    // loop above: dates and counts are filled on every page, and the loop made a string and a
    // search per value.
    let mut out =
        String::with_capacity(pattern.len() + values.iter().map(|v| v.1.len()).sum::<usize>());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let filled = after.find('}').and_then(|close| {
            let key = &after[..close];
            values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, value)| (close, *value))
        });
        match filled {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether one pass over `pattern` fills it as replacing each `{key}` in turn does: no value or
/// key holds a brace (a value could then make a new `{key}`), and no `{` of the pattern is
/// followed by another before a `}` (a value put inside could join a new one).
fn fills_in_one_pass(pattern: &str, values: &[(&str, &str)]) -> bool {
    let braced = |text: &str| text.contains(['{', '}']);
    if values.iter().any(|(k, v)| braced(k) || braced(v)) {
        return false;
    }
    let mut open = false;
    for byte in pattern.bytes() {
        match byte {
            b'{' if open => return false,
            b'{' => open = true,
            b'}' => open = false,
            _ => {}
        }
    }
    true
}

/// A string or a whole number as `tr` prints it, as JSON writes it; `None` for other values.
fn simple_text(value: &tera::Value) -> Option<Cow<'_, str>> {
    if let Some(text) = value.as_str() {
        return Some(Cow::Borrowed(text));
    }
    if value.is_u64() {
        return value.as_u64().map(|n| Cow::Owned(n.to_string()));
    }
    if value.is_i64() {
        return value.as_i64().map(|n| Cow::Owned(n.to_string()));
    }
    None
}

/// The `tr` filter of the templates: `{{ t.n_articles | tr(n=3) }}` is `3 articles`.
pub fn tr_filter(value: &str, kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    // Nearly always strings and counts: read in place, in key order (as the map below has
    // them), with no copy into JSON values. Anything else goes the general way below.
    let simple: Option<Vec<(&str, Cow<'_, str>)>> = kwargs
        .iter()
        .map(|(key, value)| Some((key.as_str()?, simple_text(value)?)))
        .collect();
    if let Some(mut simple) = simple {
        simple.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let borrowed: Vec<(&str, &str)> = simple.iter().map(|(k, v)| (*k, &**v)).collect();
        return Ok(fill(value, &borrowed));
    }
    let values: BTreeMap<String, serde_json::Value> = kwargs.deserialize()?;
    let values: Vec<(String, String)> = values
        .into_iter()
        .map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            (k, text)
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    Ok(fill(value, &borrowed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key_and_no_other() {
        let english = table("en");
        for (language, _) in TABLES {
            let other = table(language);
            let missing: Vec<&String> =
                english.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<&String> = other.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{language}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    #[test]
    fn dates_follow_the_language() {
        let date = PartialDate::Day(chrono::NaiveDate::from_ymd_opt(2017, 2, 7).unwrap());
        let mut config = Config::default();
        assert_eq!(Strings::for_config(&config).date(&date), "7 February 2017");
        config.language = "ko-KR".to_string();
        let korean = Strings::for_config(&config);
        assert_eq!(korean.date(&date), "2017년 2월 7일");
        assert_eq!(korean.date(&PartialDate::Year(2018)), "2018년");
    }

    #[test]
    fn the_book_replaces_any_string_and_a_typo_is_refused() {
        let mut config = Config::default();
        config
            .strings
            .insert("editors_note".into(), "Why it matters".into());
        assert_eq!(
            Strings::for_config(&config).get("editors_note"),
            "Why it matters"
        );
        assert!(check_overrides(&config).is_ok());
        config.strings.insert("editor_note".into(), "x".into());
        let error = check_overrides(&config).unwrap_err().to_string();
        assert!(error.contains("`editor_note`"), "{error}");
    }

    #[test]
    fn phrases_fill_and_pick_by_number() {
        assert_eq!(fill("{n} article|{n} articles", &[("n", "1")]), "1 article");
        assert_eq!(
            fill("{n} article|{n} articles", &[("n", "12")]),
            "12 articles"
        );
        assert_eq!(fill("기사 {n}건", &[("n", "1")]), "기사 1건");
        assert_eq!(fill("By {names}", &[("names", "A, B")]), "By A, B");
    }

    /// `fill` as it was first written: each `{key}` replaced in turn, over the whole text.
    fn fill_in_turn(pattern: &str, values: &[(&str, &str)]) -> String {
        let pattern = match pattern.split_once('|') {
            Some((one, many)) => {
                if values.iter().find(|(k, _)| *k == "n").map(|(_, v)| *v) == Some("1") {
                    one
                } else {
                    many
                }
            }
            None => pattern,
        };
        let mut out = pattern.to_string();
        for (key, value) in values {
            out = out.replace(&format!("{{{key}}}"), value);
        }
        out
    }

    #[test]
    fn filling_in_one_pass_gives_what_replacing_in_turn_gives() {
        let patterns = [
            "{n} article|{n} articles",
            "{day} {month} {year}",
            "{year}년 {month} {day}일",
            "By {names} and {names}",
            "{n}{n}{total}",
            "{{n}}",
            "{x{n}y}",
            "{n",
            "n}",
            "}{n}{",
            "{unknown} {n}",
            "{} {n}",
            "{{n} of {total}}",
            "plain",
            "",
        ];
        let value_sets: [&[(&str, &str)]; 6] = [
            &[("n", "1"), ("total", "3")],
            &[("n", "12"), ("total", "")],
            &[("day", "7"), ("month", "February"), ("year", "2017")],
            &[("names", "A, B"), ("n", "")],
            &[("n", "{total}"), ("total", "3")],
            &[("n", "x"), ("n", "y"), ("xy", "joined"), ("", "empty")],
        ];
        for pattern in patterns {
            for values in value_sets {
                assert_eq!(
                    fill(pattern, values),
                    fill_in_turn(pattern, values),
                    "{pattern} with {values:?}"
                );
            }
        }
    }

    /// Renders `source` with the `tr` filter and `values` in the context.
    fn render_tr(source: &str, values: &[(&str, tera::Value)]) -> String {
        let mut tera = tera::Tera::new();
        tera.register_filter("tr", tr_filter);
        tera.add_raw_template("t", source).unwrap();
        let mut context = tera::Context::new();
        for (name, value) in values {
            context.insert_value(name.to_string(), value.clone());
        }
        tera.render("t", &context).unwrap()
    }

    #[test]
    fn the_tr_filter_reads_strings_and_numbers_in_place_and_any_other_value_as_json() {
        let phrase = "{n} of {total} by {names} ({ratio})";
        let template =
            format!("{{{{ \"{phrase}\" | tr(n=n, total=total, names=names, ratio=ratio) }}}}");
        let values = [
            ("n", tera::Value::from(3u64)),
            ("total", tera::Value::from(-4i64)),
            ("names", tera::Value::from("A, B")),
            ("ratio", tera::Value::from(0.5f64)),
        ];
        // A float goes the general way, the JSON text of each value.
        assert_eq!(render_tr(&template, &values), "3 of -4 by A, B (0.5)");
        // Strings and whole numbers alone are read in place, to the same text.
        let template = "{{ \"{n} of {total} by {names}\" | tr(n=n, total=total, names=names) }}";
        assert_eq!(render_tr(template, &values), "3 of -4 by A, B");
        // The singular is picked when `n` is one, whichever way it was read.
        let template = "{{ \"{n} article|{n} articles\" | tr(n=n) }}";
        assert_eq!(
            render_tr(template, &[("n", tera::Value::from(1u64))]),
            "1 article"
        );
        assert_eq!(
            render_tr(template, &[("n", tera::Value::from("1"))]),
            "1 article"
        );
    }
}
