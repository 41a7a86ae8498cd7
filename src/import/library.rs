//! Library: reads reference-manager exports — CSL-JSON, RIS and BibTeX, as Zotero writes them and
//! as `build` writes the book's own `citations.*` — into items with the title, outlet, date,
//! authors and address they record, and the saved snapshot or text of the article when the
//! export carries one.

use std::path::{Path, PathBuf};

use biblatex::ChunksExt;

/// The export formats import reads, told apart by their content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LibraryFormat {
    CslJson,
    Ris,
    Bibtex,
}

/// One reference of a library.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LibraryItem {
    /// The reference's key or id in its library.
    pub key: String,
    pub title: Option<String>,
    /// The newspaper, site or journal (CSL `container-title`, RIS `T2`/`JO`, BibTeX `journal`).
    pub outlet: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    /// As a byline writes them: given name first.
    pub authors: Vec<String>,
    pub url: Option<String>,
    /// A saved copy of the page (a Zotero snapshot), resolved against the library's folder.
    pub snapshot: Option<PathBuf>,
}

/// Which export the text is, if any: a JSON array of objects with `type` or `title` (CSL-JSON),
/// a first tag `TY  - ` (RIS), or an `@type{` entry (BibTeX).
pub(crate) fn detect(text: &str) -> Option<LibraryFormat> {
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if text.starts_with('[') {
        let head = &text[..text.floor_char_boundary(text.len().min(4096))];
        return (head.contains("\"title\"") || head.contains("\"type\""))
            .then_some(LibraryFormat::CslJson);
    }
    if text.starts_with("TY  -") {
        return Some(LibraryFormat::Ris);
    }
    let first_entry = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('%'))?;
    let is_entry = first_entry.starts_with('@')
        && first_entry[1..]
            .split(['{', '('])
            .next()
            .is_some_and(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphabetic()));
    is_entry.then_some(LibraryFormat::Bibtex)
}

/// Reads every item; `dir` is the library file's folder, where snapshot paths start.
pub(crate) fn parse(
    text: &str,
    format: LibraryFormat,
    dir: &Path,
) -> Result<Vec<LibraryItem>, String> {
    let mut items = match format {
        LibraryFormat::CslJson => csl_json(text)?,
        LibraryFormat::Ris => ris(text, dir),
        LibraryFormat::Bibtex => bibtex(text, dir)?,
    };
    for item in &mut items {
        for field in [&mut item.title, &mut item.outlet, &mut item.url] {
            if field.as_deref().is_some_and(|v| v.trim().is_empty()) {
                *field = None;
            }
        }
    }
    Ok(items)
}

fn csl_json(text: &str) -> Result<Vec<LibraryItem>, String> {
    let items: Vec<serde_json::Value> = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| {
        format!(
            "not CSL-JSON that can be read (line {}, column {}: {e})",
            e.line(),
            e.column()
        )
    })?;
    let text_of = |v: &serde_json::Value| v.as_str().map(|s| s.trim().to_string());
    Ok(items
        .iter()
        .enumerate()
        .map(|(i, item)| LibraryItem {
            key: item["id"]
                .as_str()
                .map(str::to_string)
                .or_else(|| item["id"].as_i64().map(|n| n.to_string()))
                .unwrap_or_else(|| format!("item {}", i + 1)),
            title: text_of(&item["title"]),
            outlet: text_of(&item["container-title"]),
            date: csl_date(&item["issued"]),
            authors: item["author"]
                .as_array()
                .map(|people| people.iter().filter_map(csl_name).collect())
                .unwrap_or_default(),
            url: text_of(&item["URL"]),
            snapshot: None,
        })
        .collect())
}

/// `{"date-parts": [[2017, 2, 7]]}`, or `{"raw": "2017-02-07"}`.
fn csl_date(issued: &serde_json::Value) -> Option<String> {
    if let Some(parts) = issued["date-parts"][0].as_array() {
        let numbers: Vec<i64> = parts
            .iter()
            .filter_map(|p| p.as_i64().or_else(|| p.as_str()?.trim().parse().ok()))
            .collect();
        return match numbers.as_slice() {
            [y] => Some(format!("{y:04}")),
            [y, m] => Some(format!("{y:04}-{m:02}")),
            [y, m, d, ..] => Some(format!("{y:04}-{m:02}-{d:02}")),
            [] => None,
        };
    }
    issued["raw"]
        .as_str()
        .and_then(|raw| iso_prefix(raw.trim()))
}

fn csl_name(person: &serde_json::Value) -> Option<String> {
    if let Some(literal) = person["literal"].as_str() {
        return Some(literal.trim().to_string());
    }
    let parts: Vec<&str> = ["given", "non-dropping-particle", "family"]
        .iter()
        .filter_map(|k| person[*k].as_str().map(str::trim))
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// `Family, Given` → `Given Family`; a name without a comma stays as written.
fn given_first(name: &str) -> String {
    match name.split_once(',') {
        Some((family, given)) if !given.trim().is_empty() => {
            format!("{} {}", given.trim(), family.trim())
        }
        _ => name.trim().trim_end_matches(',').to_string(),
    }
}

/// The `YYYY[-MM[-DD]]` a date starts with (`2017-02-07T…`, `2017/02/07/`, `2017`).
fn iso_prefix(raw: &str) -> Option<String> {
    let parts: Vec<&str> = raw
        .split(['-', '/', 'T', ' '])
        .take(3)
        .take_while(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    match parts.as_slice() {
        [y, ..] if y.len() != 4 => None,
        [y] => Some(y.to_string()),
        [y, m] => Some(format!("{y}-{:0>2}", m)),
        [y, m, d] => Some(format!("{y}-{:0>2}-{:0>2}", m, d)),
        _ => None,
    }
}

/// A file attachment's path: `file://` addresses and relative paths (to the library's folder).
fn attachment(raw: &str, dir: &Path) -> Option<PathBuf> {
    let raw = raw.trim();
    let path = raw.strip_prefix("file://").unwrap_or(raw);
    if path.contains("://") || path.is_empty() {
        return None;
    }
    let path = Path::new(path);
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        dir.join(path)
    };
    let readable = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm" | "txt"));
    (readable && path.is_file()).then_some(path)
}

fn ris(text: &str, dir: &Path) -> Vec<LibraryItem> {
    let mut items = Vec::new();
    let mut item = LibraryItem::default();
    let mut open = false;
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        let Some((tag, value)) = line.split_once("  -").filter(|(t, _)| t.len() == 2) else {
            continue;
        };
        let value = value.strip_prefix(' ').unwrap_or(value).trim();
        match tag {
            "TY" => {
                item = LibraryItem::default();
                open = true;
            }
            "ER" => {
                if open {
                    if item.key.is_empty() {
                        item.key = format!("item {}", items.len() + 1);
                    }
                    items.push(std::mem::take(&mut item));
                }
                open = false;
            }
            "ID" => item.key = value.to_string(),
            "TI" | "T1" if item.title.is_none() => item.title = Some(value.to_string()),
            "T2" | "JO" | "JF" | "JA" if item.outlet.is_none() => {
                item.outlet = Some(value.to_string())
            }
            "AU" | "A1" => item.authors.push(given_first(value)),
            "DA" | "Y1" | "PY" => {
                let found = iso_prefix(value);
                let longer = |a: &Option<String>, b: &Option<String>| {
                    a.as_ref().map_or(0, String::len) > b.as_ref().map_or(0, String::len)
                };
                if longer(&found, &item.date) {
                    item.date = found;
                }
            }
            "UR" if item.url.is_none() => item.url = Some(value.to_string()),
            "L1" | "L2" | "L4" if item.snapshot.is_none() => item.snapshot = attachment(value, dir),
            _ => {}
        }
    }
    items
}

fn bibtex(text: &str, dir: &Path) -> Result<Vec<LibraryItem>, String> {
    let bibliography = biblatex::Bibliography::parse(text).map_err(|e| {
        let line = text[..e.span.start.min(text.len())].lines().count().max(1);
        format!("not BibTeX that can be read (line {line}: {e})")
    })?;
    Ok(bibliography
        .iter()
        .map(|entry| {
            let field = |name: &str| {
                entry
                    .get(name)
                    .map(|chunks| chunks.format_verbatim().trim().to_string())
                    .filter(|v| !v.is_empty())
            };
            let authors = entry
                .author()
                .map(|people| {
                    people
                        .iter()
                        .map(|p| {
                            [p.given_name.as_str(), p.prefix.as_str(), p.name.as_str()]
                                .iter()
                                .map(|s| s.trim())
                                .filter(|s| !s.is_empty())
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .filter(|n| !n.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            LibraryItem {
                key: entry.key.clone(),
                title: field("title"),
                outlet: field("journaltitle")
                    .or_else(|| field("journal"))
                    .or_else(|| field("booktitle")),
                date: field("date")
                    .and_then(|d| iso_prefix(&d))
                    .or_else(|| bibtex_year_month(&field("year")?, field("month"))),
                authors,
                url: field("url"),
                snapshot: field("file").and_then(|files| zotero_file(&files, dir)),
            }
        })
        .collect())
}

fn bibtex_year_month(year: &str, month: Option<String>) -> Option<String> {
    let year = iso_prefix(year.trim())?;
    let Some(month) = month else {
        return Some(year);
    };
    let month = month.trim().to_ascii_lowercase();
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let number = month.parse::<usize>().ok().or_else(|| {
        NAMES
            .iter()
            .position(|n| month.starts_with(n))
            .map(|i| i + 1)
    });
    Some(match number {
        Some(m @ 1..=12) => format!("{year}-{m:02}"),
        _ => year,
    })
}

/// Zotero's `file` field: `Title:path:mime;Title:path:mime`; the first readable page wins.
fn zotero_file(files: &str, dir: &Path) -> Option<PathBuf> {
    files.split(';').find_map(|one| {
        let parts: Vec<&str> = one.split(':').collect();
        // The path may itself hold a colon (a drive letter); title first, type last.
        let path = match parts.as_slice() {
            [_, middle @ .., _] if !middle.is_empty() => middle.join(":"),
            [only] => only.to_string(),
            _ => return None,
        };
        attachment(&path, dir)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_formats_are_told_apart() {
        assert_eq!(
            detect("[{\"id\": \"a\", \"title\": \"T\"}]"),
            Some(LibraryFormat::CslJson)
        );
        assert_eq!(
            detect("TY  - NEWS\r\nTI  - T\r\n"),
            Some(LibraryFormat::Ris)
        );
        assert_eq!(
            detect("% comment\n@article{key,\n title = {T}}"),
            Some(LibraryFormat::Bibtex)
        );
        assert_eq!(detect("Seoul (Reuters) - Talks resumed."), None);
        assert_eq!(detect("@Reuters said on Monday"), None);
    }

    #[test]
    fn names_and_dates_read_as_a_byline_and_a_date() {
        assert_eq!(given_first("Kim, Tong-hyung"), "Tong-hyung Kim");
        assert_eq!(given_first("Reuters Staff"), "Reuters Staff");
        assert_eq!(iso_prefix("2017/02/07/").as_deref(), Some("2017-02-07"));
        assert_eq!(iso_prefix("2017/02//").as_deref(), Some("2017-02"));
        assert_eq!(
            bibtex_year_month("2017", Some("feb".into())).as_deref(),
            Some("2017-02")
        );
    }

    #[test]
    fn a_broken_export_says_where_it_breaks() {
        let dir = Path::new(".");
        let json = parse(
            "[{\"id\": \"a\",\n \"title\": }]",
            LibraryFormat::CslJson,
            dir,
        );
        assert!(json.unwrap_err().contains("line 2"), "CSL-JSON");
        let bib = parse(
            "@article{a,\n title = {T},\n}\n\n@article{b,\n title = {Unclosed,\n",
            LibraryFormat::Bibtex,
            dir,
        );
        let message = bib.unwrap_err();
        assert!(
            message.starts_with("not BibTeX that can be read (line "),
            "{message}"
        );
    }

    #[test]
    fn ris_records_keep_their_tags_apart() {
        let ris = "TY  - NEWS\r\nTI  - First\r\nAU  - Kim, Min-ji\r\nAU  - Park, Ji-ho\r\n\
                   JO  - The Daily\r\nPY  - 2019\r\nER  - \r\nTY  - NEWS\r\nT1  - Second\r\n\
                   Y1  - 2020/05/06/\r\nUR  - https://example.org/second\r\nER  - \r\n";
        let items = parse(ris, LibraryFormat::Ris, Path::new(".")).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].authors, ["Min-ji Kim", "Ji-ho Park"]);
        assert_eq!(items[0].outlet.as_deref(), Some("The Daily"));
        assert_eq!(items[0].date.as_deref(), Some("2019"));
        assert_eq!(items[1].title.as_deref(), Some("Second"));
        assert_eq!(items[1].date.as_deref(), Some("2020-05-06"));
        assert_eq!(items[1].url.as_deref(), Some("https://example.org/second"));
        assert!(items[1].authors.is_empty());
    }

    #[test]
    fn zotero_bibtex_with_a_snapshot_and_escapes() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().to_path_buf();
        std::fs::create_dir_all(dir.join("files/12")).unwrap();
        std::fs::write(dir.join("files/12/page.html"), "<html></html>").unwrap();
        let bib = "@article{kim_talks_2017,\n title = {Talks \\& {Allies} resume},\n \
            author = {Kim, Tong-hyung and {Reuters Staff}},\n journal = {The Korea Times},\n \
            date = {2017-02-07},\n url = {https://example.org/a?b=1&c=2},\n \
            file = {Snapshot:files/12/page.html:text/html}\n}\n";
        let items = parse(bib, LibraryFormat::Bibtex, &dir).unwrap();
        let item = &items[0];
        assert_eq!(item.title.as_deref(), Some("Talks & Allies resume"));
        assert_eq!(item.authors, ["Tong-hyung Kim", "Reuters Staff"]);
        assert_eq!(item.outlet.as_deref(), Some("The Korea Times"));
        assert_eq!(item.date.as_deref(), Some("2017-02-07"));
        assert_eq!(item.url.as_deref(), Some("https://example.org/a?b=1&c=2"));
        assert_eq!(item.snapshot, Some(dir.join("files/12/page.html")));
    }
}
