//! Citations: the ready citation on each article page (Chicago, APA or MLA, from the config's
//! `citation_style`) and the book's exports `citations.bib` (BibTeX), `citations.json`
//! (CSL-JSON, which Zotero imports) and `citations.ris`.
//!
//! Names are cited as the byline writes them: Korean names put the family name first, so
//! inverting "First Last" would be wrong as often as right. Articles without a byline are cited
//! by title, as the styles prescribe for unsigned news.

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::json;

use super::context::{month_name, Shared};
use super::Output;
use crate::error::Error;
use crate::link::{ArticleId, LinkedBook};
use crate::model::PartialDate;

/// The citation styles an article page can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitationStyle {
    Chicago,
    Apa,
    Mla,
}

impl CitationStyle {
    /// The style named in the config (`chicago`, `apa`, `mla`, any case).
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "chicago" => Some(CitationStyle::Chicago),
            "apa" => Some(CitationStyle::Apa),
            "mla" => Some(CitationStyle::Mla),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CitationStyle::Chicago => "Chicago",
            CitationStyle::Apa => "APA",
            CitationStyle::Mla => "MLA",
        }
    }
}

/// What a citation is made of.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    /// Citation key, unique in the book: the article slug made safe for BibTeX.
    pub key: String,
    pub title: &'a str,
    pub authors: &'a [String],
    pub outlet: &'a str,
    pub date: Option<PartialDate>,
    /// The original article's address, else the book page's absolute address when known.
    pub url: Option<String>,
}

impl<'a> Source<'a> {
    /// The source of article `index` of the book.
    pub fn of(linked: &'a LinkedBook, shared: &'a Shared, id: ArticleId) -> Self {
        let article = linked.article(id);
        let summary = shared.summary(id);
        let url = article.front.url.clone().or_else(|| {
            shared
                .site
                .base_url
                .as_ref()
                .map(|base| format!("{base}{}", summary.path))
        });
        Source {
            key: bibtex_key(&article.slug),
            title: &article.front.title,
            authors: &article.front.byline,
            outlet: summary.outlet_name(),
            date: article.front.date,
            url,
        }
    }
}

/// The citation box of an article page.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleCitation {
    pub style: &'static str,
    /// The citation with the outlet in italics.
    pub html: String,
    /// The same as plain text, for the clipboard.
    pub text: String,
    /// `data:` links that download this article's own BibTeX, RIS and CSL-JSON entry. Percent-
    /// encoded but for letters, digits and the URL characters HTML gives no meaning to, so
    /// templates print them `| safe`: escaping three such links on every article page cost more
    /// than making them.
    pub bibtex_href: String,
    pub ris_href: String,
    pub csl_href: String,
    pub file_name: String,
}

/// The citation box for one article.
pub fn article_citation(source: &Source<'_>, style: CitationStyle) -> ArticleCitation {
    let (html, text) = format_citation(source, style);
    // Compact, unlike `citations.json`: every article page carries it, percent-encoded.
    let csl = serde_json::to_string(&[csl_entry(source)]).unwrap_or_default();
    ArticleCitation {
        style: style.label(),
        html,
        text,
        bibtex_href: data_uri("application/x-bibtex", &bibtex_entry(source)),
        ris_href: data_uri("application/x-research-info-systems", &ris_entry(source)),
        csl_href: data_uri("application/vnd.citationstyles.csl+json", &csl),
        file_name: source.key.clone(),
    }
}

/// `citations.bib`, `citations.json` and `citations.ris` for every article, in chronological order,
/// each handed to `sink` as soon as it is made.
pub fn citation_files(
    linked: &LinkedBook,
    shared: &Shared,
    sink: &(dyn Fn(Output) -> Result<(), Error> + Sync),
) -> Result<(), Error> {
    let sources: Vec<Source<'_>> = linked
        .chronology
        .iter()
        .map(|&i| Source::of(linked, shared, i))
        .collect();
    // The three files are made side by side, each handed to the sink as soon as it is whole.
    let bib = || {
        let mut bib = String::new();
        for (n, source) in sources.iter().enumerate() {
            if n > 0 {
                bib.push('\n');
            }
            bib.push_str(&bibtex_entry(source));
        }
        sink(Output {
            path: "citations.bib".to_string(),
            bytes: bib.into_bytes(),
        })
    };
    let csl = || {
        // Serialised entry by entry: a `Vec` of every entry as a JSON value would hold the whole
        // book's citations twice over.
        let mut csl = Vec::new();
        let mut serializer = serde_json::Serializer::pretty(&mut csl);
        let _ = serde::Serializer::collect_seq(&mut serializer, sources.iter().map(csl_entry));
        sink(Output {
            path: "citations.json".to_string(),
            bytes: csl,
        })
    };
    let ris = || {
        let ris: String = sources.iter().map(ris_entry).collect();
        sink(Output {
            path: "citations.ris".to_string(),
            bytes: ris.into_bytes(),
        })
    };
    let (bib, (csl, ris)) = rayon::join(bib, || rayon::join(csl, ris));
    bib.and(csl).and(ris)
}

/// The citation as (HTML, plain text).
pub fn format_citation(source: &Source<'_>, style: CitationStyle) -> (String, String) {
    let mut citation = Written::new(source, true);
    write_citation(&mut citation, source, style);
    (citation.html.unwrap_or_default(), citation.text)
}

/// The citation as plain text only, as the printed book shows it: the HTML is not made.
pub fn citation_text(source: &Source<'_>, style: CitationStyle) -> String {
    let mut citation = Written::new(source, false);
    write_citation(&mut citation, source, style);
    citation.text
}

/// A citation being written piece by piece, as plain text and, when asked for, as HTML: each
/// piece is pushed onto both, escaped for the HTML, with no string made for the piece itself
/// (every article page and the printed book cite every article).
struct Written {
    text: String,
    html: Option<String>,
}

impl Written {
    fn new(source: &Source<'_>, with_html: bool) -> Written {
        let size = 64
            + source.title.len()
            + source.outlet.len()
            + source.url.as_ref().map_or(0, String::len)
            + source.authors.iter().map(|a| a.len() + 2).sum::<usize>();
        Written {
            text: String::with_capacity(size),
            html: with_html.then(|| String::with_capacity(size + 16)),
        }
    }

    /// Appends `pieces`, one after the other, as plain text.
    fn plain(&mut self, pieces: &[&str]) {
        for piece in pieces {
            self.text.push_str(piece);
            if let Some(html) = &mut self.html {
                // Body-text escaping changes characters one by one: escaping each piece is
                // escaping their concatenation.
                let _ = pulldown_cmark_escape::escape_html_body_text(&mut *html, piece);
            }
        }
    }

    /// Appends `piece` in italics (the outlet, in all three styles).
    fn italic(&mut self, piece: &str) {
        self.text.push_str(piece);
        if let Some(html) = &mut self.html {
            html.push_str("<i>");
            let _ = pulldown_cmark_escape::escape_html_body_text(&mut *html, piece);
            html.push_str("</i>");
        }
    }
}

/// Writes the citation of `source` in `style` into `out`.
fn write_citation(out: &mut Written, source: &Source<'_>, style: CitationStyle) {
    let authors = join_names(source.authors);
    let authors = authors.trim_end_matches('.');
    let title = source.title.trim();
    let bare_title = title.trim_end_matches('.');
    let outlet = source.outlet;
    let url = source.url.as_deref();
    match style {
        CitationStyle::Chicago => {
            if !authors.is_empty() {
                out.plain(&[authors, ". "]);
            }
            out.plain(&["“", bare_title, ".” "]);
            // An article whose outlet awaits the editor is cited without one, not with a gap.
            let date = source.date.map_or("n.d".to_string(), |d| chicago_date(&d));
            if outlet.is_empty() {
                out.plain(&[&date, "."]);
            } else {
                out.italic(outlet);
                out.plain(&[", ", &date, "."]);
            }
            if let Some(url) = url {
                out.plain(&[" ", url, "."]);
            }
        }
        CitationStyle::Apa => {
            let date = source.date.map_or("n.d.".to_string(), |d| apa_date(&d));
            if authors.is_empty() {
                out.plain(&[bare_title, ". (", &date, "). "]);
            } else {
                out.plain(&[authors, ". (", &date, "). ", bare_title, ". "]);
            }
            if !outlet.is_empty() {
                out.italic(outlet);
                out.plain(&["."]);
            }
            if let Some(url) = url {
                out.plain(&[" ", url]);
            }
        }
        CitationStyle::Mla => {
            if !authors.is_empty() {
                out.plain(&[authors, ". "]);
            }
            out.plain(&["“", bare_title, ".” "]);
            let mut first = outlet.is_empty();
            if !first {
                out.italic(outlet);
            }
            if let Some(date) = source.date {
                let sep = if first { "" } else { ", " };
                out.plain(&[sep, &mla_date(&date)]);
                first = false;
            }
            if let Some(url) = url {
                let bare = url
                    .trim_start_matches("https://")
                    .trim_start_matches("http://");
                let sep = if first { "" } else { ", " };
                out.plain(&[sep, bare]);
            }
            out.plain(&["."]);
        }
    }
}

/// `A`, `A and B`, `A, B, and C`.
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.trim().to_string(),
        [a, b] => format!("{} and {}", a.trim(), b.trim()),
        [rest @ .., last] => {
            let head: Vec<&str> = rest.iter().map(|n| n.trim()).collect();
            format!("{}, and {}", head.join(", "), last.trim())
        }
    }
}

fn chicago_date(date: &PartialDate) -> String {
    match *date {
        PartialDate::Day(d) => {
            use chrono::Datelike;
            format!("{} {}, {}", month_name(d.month()), d.day(), d.year())
        }
        PartialDate::Month { year, month } => format!("{} {year}", month_name(month)),
        PartialDate::Year(year) => year.to_string(),
    }
}

fn apa_date(date: &PartialDate) -> String {
    match *date {
        PartialDate::Day(d) => {
            use chrono::Datelike;
            format!("{}, {} {}", d.year(), month_name(d.month()), d.day())
        }
        PartialDate::Month { year, month } => format!("{year}, {}", month_name(month)),
        PartialDate::Year(year) => year.to_string(),
    }
}

/// MLA abbreviates months longer than four letters.
fn mla_month(month: u32) -> &'static str {
    const ABBREVIATED: [&str; 12] = [
        "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
        "Dec.",
    ];
    ABBREVIATED[(month as usize).clamp(1, 12) - 1]
}

fn mla_date(date: &PartialDate) -> String {
    match *date {
        PartialDate::Day(d) => {
            use chrono::Datelike;
            format!("{} {} {}", d.day(), mla_month(d.month()), d.year())
        }
        PartialDate::Month { year, month } => format!("{} {year}", mla_month(month)),
        PartialDate::Year(year) => year.to_string(),
    }
}

/// A BibTeX key from a slug: ASCII letters, digits and `-_:` only.
fn bibtex_key(slug: &str) -> String {
    let key: String = deunicode::deunicode(slug)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if key.is_empty() {
        "article".to_string()
    } else {
        key
    }
}

/// Escapes a BibTeX field value (inside braces) so LaTeX reads it literally.
fn escape_bibtex(text: &str) -> std::borrow::Cow<'_, str> {
    // Most titles and names need no escape: copied whole.
    let special = |b: u8| {
        matches!(
            b,
            b'\\'
                | b'{'
                | b'}'
                | b'&'
                | b'%'
                | b'$'
                | b'#'
                | b'_'
                | b'~'
                | b'^'
                | b'\n'
                | b'\r'
                | b'\t'
        )
    };
    if !text.bytes().any(special) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

const BIBTEX_MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// One `@article` entry (biblatex reads `journaltitle`/`date`, classic BibTeX `journal`/`year`).
/// Written piece by piece, with no `format!` per field: every article page carries its entry and
/// `citations.bib` all of them.
pub fn bibtex_entry(source: &Source<'_>) -> String {
    let mut out = String::with_capacity(
        160 + source.key.len()
            + source.title.len()
            + 2 * source.outlet.len()
            + source.url.as_ref().map_or(0, String::len),
    );
    out.push_str("@article{");
    out.push_str(&source.key);
    out.push_str(",\n");
    bibtex_field(&mut out, "title", &escape_bibtex(source.title));
    if !source.authors.is_empty() {
        let mut names = String::new();
        for (n, author) in source.authors.iter().enumerate() {
            if n > 0 {
                names.push_str(" and ");
            }
            names.push('{');
            names.push_str(&escape_bibtex(author.trim()));
            names.push('}');
        }
        bibtex_field(&mut out, "author", &names);
    }
    let outlet = escape_bibtex(source.outlet);
    bibtex_field(&mut out, "journal", &outlet);
    bibtex_field(&mut out, "journaltitle", &outlet);
    if let Some(date) = source.date {
        bibtex_field(&mut out, "year", itoa::Buffer::new().format(date.year()));
        // Written in place: no string made for the date.
        bibtex_line(&mut out, "date");
        out.push('{');
        let _ = write!(out, "{date}");
        out.push_str("},\n");
    }
    if let Some(url) = &source.url {
        // URLs are read verbatim by the url package; only braces would unbalance the entry.
        if url.contains(['{', '}']) {
            bibtex_field(
                &mut out,
                "url",
                &url.replace('{', "%7B").replace('}', "%7D"),
            );
        } else {
            bibtex_field(&mut out, "url", url);
        }
    }
    if let Some(month) = source.date.and_then(|d| d.month()) {
        bibtex_line(&mut out, "month");
        out.push_str(BIBTEX_MONTHS[month as usize - 1]);
        out.push_str(",\n");
    }
    out.push_str("}\n");
    out
}

/// `  name         = {value},` and a line break: the name padded to 12 characters.
fn bibtex_field(out: &mut String, name: &str, value: &str) {
    bibtex_line(out, name);
    out.push('{');
    out.push_str(value);
    out.push_str("},\n");
}

/// The start of a field's line, up to its value: `  name         = `.
fn bibtex_line(out: &mut String, name: &str) {
    out.push_str("  ");
    out.push_str(name);
    // The names are ASCII: their length is their width.
    for _ in name.len()..12 {
        out.push(' ');
    }
    out.push_str(" = ");
}

/// One RIS record of type NEWS.
pub fn ris_entry(source: &Source<'_>) -> String {
    let mut out = String::with_capacity(
        128 + source.key.len()
            + source.title.len()
            + source.outlet.len()
            + source.url.as_ref().map_or(0, String::len),
    );
    let mut tag = |tag: &str, value: &str| {
        out.push_str(tag);
        out.push_str("  - ");
        // A line break would end the tag's value early.
        if value.contains(['\n', '\r']) {
            out.push_str(&value.replace(['\n', '\r'], " "));
        } else {
            out.push_str(value);
        }
        out.push_str("\r\n");
    };
    tag("TY", "NEWS");
    tag("ID", &source.key);
    tag("TI", source.title);
    for author in source.authors {
        tag("AU", author.trim());
    }
    tag("T2", source.outlet);
    if let Some(date) = source.date {
        let mut year = itoa::Buffer::new();
        let year = year.format(date.year());
        tag("PY", year);
        // `year/MM/DD/`, the month and day two digits each, empty when not known.
        let mut da = String::with_capacity(16);
        da.push_str(year);
        da.push('/');
        if let Some(month) = date.month() {
            push_two_digits(&mut da, month);
        }
        da.push('/');
        if let Some(day) = date.day() {
            use chrono::Datelike;
            push_two_digits(&mut da, day.day());
        }
        da.push('/');
        tag("DA", &da);
    }
    if let Some(url) = &source.url {
        tag("UR", url);
    }
    tag("ER", "");
    out
}

/// `n` (a month or a day) in two digits, as `{:02}` writes it.
fn push_two_digits(out: &mut String, n: u32) {
    if n < 10 {
        out.push('0');
    }
    out.push_str(itoa::Buffer::new().format(n));
}

/// One CSL-JSON item of type `article-newspaper`.
pub fn csl_entry(source: &Source<'_>) -> serde_json::Value {
    let mut item = json!({
        "id": source.key,
        "type": "article-newspaper",
        "title": source.title,
        "container-title": source.outlet,
    });
    if !source.authors.is_empty() {
        item["author"] = source
            .authors
            .iter()
            .map(|a| json!({ "literal": a.trim() }))
            .collect();
    }
    if let Some(date) = source.date {
        let mut parts = vec![date.year() as u32];
        if let Some(month) = date.month() {
            parts.push(month);
        }
        if let Some(day) = date.day() {
            use chrono::Datelike;
            parts.push(day.day());
        }
        item["issued"] = json!({ "date-parts": [parts] });
    }
    if let Some(url) = &source.url {
        item["URL"] = json!(url);
    }
    item
}

/// A percent-encoded `data:` URI, so each article links its own entry without an extra file.
fn data_uri(media_type: &str, text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = Vec::with_capacity(media_type.len() + 20 + text.len() * 2);
    out.extend_from_slice(b"data:");
    out.extend_from_slice(media_type.as_bytes());
    out.extend_from_slice(b";charset=utf-8,");
    // Every article page carries three of these: a table, not `format!`, per byte.
    for byte in text.bytes() {
        if KEPT_IN_DATA_URI[usize::from(byte)] {
            out.push(byte);
        } else {
            out.extend_from_slice(&[
                b'%',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 15)],
            ]);
        }
    }
    // Only ASCII was written.
    String::from_utf8(out).unwrap_or_default()
}

/// The bytes a `data:` URI keeps as they are: the unreserved characters and those delimiters
/// of RFC 3986 that mean nothing in a quoted HTML attribute (not `&` or `'`) nor to the URL
/// parser in a `data:` URL's path.
const KEPT_IN_DATA_URI: [bool; 256] = {
    const DELIMITERS: &[u8] = b"-_.~!$()*+,;=:@/";
    let mut kept = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        kept[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    let mut i = 0;
    while i < DELIMITERS.len() {
        kept[DELIMITERS[i] as usize] = true;
        i += 1;
    }
    kept
};

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn source<'a>(authors: &'a [String]) -> Source<'a> {
        Source {
            key: "2017-02-07-yun-tillerson".to_string(),
            title: "Yun, Tillerson reaffirm alliance",
            authors,
            outlet: "Yonhap",
            date: Some(PartialDate::Day(
                NaiveDate::from_ymd_opt(2017, 2, 7).unwrap(),
            )),
            url: Some("https://example.org/a?x=1&y=2".to_string()),
        }
    }

    #[test]
    fn chicago_apa_and_mla_follow_their_patterns() {
        let authors = vec!["Kim Eun-jung".to_string()];
        let s = source(&authors);
        let (html, text) = format_citation(&s, CitationStyle::Chicago);
        assert_eq!(
            text,
            "Kim Eun-jung. “Yun, Tillerson reaffirm alliance.” Yonhap, February 7, 2017. https://example.org/a?x=1&y=2."
        );
        assert!(
            html.contains("<i>Yonhap</i>") && html.contains("&amp;y=2"),
            "{html}"
        );
        let (_, apa) = format_citation(&s, CitationStyle::Apa);
        assert!(
            apa.starts_with("Kim Eun-jung. (2017, February 7). Yun"),
            "{apa}"
        );
        let (_, mla) = format_citation(&s, CitationStyle::Mla);
        assert!(mla.contains("Yonhap, 7 Feb. 2017, example.org/a"), "{mla}");
    }

    /// The book's text-only citation is the page's text, and the page's HTML is its text
    /// escaped, the outlet in italics, in every style.
    #[test]
    fn the_text_only_citation_is_the_page_citations_text() {
        let authors = vec!["Kim <Eun-jung>".to_string(), "Lee & Park".to_string()];
        let mut s = source(&authors);
        s.outlet = "Yonhap <News>";
        for style in [
            CitationStyle::Chicago,
            CitationStyle::Apa,
            CitationStyle::Mla,
        ] {
            let (html, text) = format_citation(&s, style);
            assert_eq!(citation_text(&s, style), text);
            let escaped = |t: &str| {
                t.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            };
            assert_eq!(
                html.replace("<i>", "").replace("</i>", ""),
                escaped(&text),
                "{style:?}"
            );
            assert!(html.contains("<i>Yonhap &lt;News&gt;</i>"), "{html}");
        }
    }

    #[test]
    fn unsigned_undated_articles_are_cited_by_title() {
        let mut s = source(&[]);
        s.date = None;
        let (_, text) = format_citation(&s, CitationStyle::Chicago);
        assert!(text.starts_with("“Yun, Tillerson"), "{text}");
        assert!(text.contains("n.d."), "{text}");
        assert!(!text.contains("n.d.."), "{text}");
    }

    #[test]
    fn an_article_awaiting_its_outlet_is_cited_without_a_gap() {
        let mut s = source(&[]);
        s.outlet = "";
        s.date = None;
        s.url = None;
        for style in [
            CitationStyle::Chicago,
            CitationStyle::Apa,
            CitationStyle::Mla,
        ] {
            let (_, text) = format_citation(&s, style);
            assert!(
                !text.contains(" ,") && !text.contains("..") && !text.contains("” ,"),
                "{text}"
            );
        }
    }

    #[test]
    fn bibtex_escapes_latex_specials_and_keeps_braces_balanced() {
        let authors = vec!["A & B".to_string(), "문재인".to_string()];
        let mut s = source(&authors);
        s.title = "50% {more} #1";
        let entry = bibtex_entry(&s);
        assert!(entry.contains("50\\% \\{more\\} \\#1"), "{entry}");
        assert!(entry.contains("{A \\& B} and {문재인}"), "{entry}");
        assert!(entry.contains("month        = feb"), "{entry}");
        let open = entry.matches('{').count() - entry.matches("\\{").count();
        let close = entry.matches('}').count() - entry.matches("\\}").count();
        assert_eq!(open, close, "{entry}");
    }

    #[test]
    fn ris_and_csl_carry_the_date_parts() {
        let s = source(&[]);
        assert!(ris_entry(&s).contains("DA  - 2017/02/07/\r\n"));
        let csl = csl_entry(&s);
        assert_eq!(csl["issued"]["date-parts"][0], json!([2017, 2, 7]));
        assert_eq!(csl["type"], "article-newspaper");
    }

    #[test]
    fn a_line_break_in_a_value_does_not_end_the_ris_tag() {
        let mut s = source(&[]);
        s.title = "Two\nlines\r\nof title";
        let ris = ris_entry(&s);
        assert!(ris.contains("TI  - Two lines  of title\r\n"), "{ris:?}");
        assert_eq!(ris.lines().filter(|l| l.starts_with("TI")).count(), 1);
    }

    #[test]
    fn data_uris_are_percent_encoded() {
        let uri = data_uri("text/plain", "a b&{x = 1, y: 2/3}#?%é");
        assert_eq!(
            uri,
            "data:text/plain;charset=utf-8,a%20b%26%7Bx%20=%201,%20y:%202/3%7D%23%3F%25%C3%A9"
        );
        // Templates print these links unescaped: nothing HTML gives meaning to may remain.
        let uri = data_uri("text/plain", "<a href=\"x\" title='y'>&amp;</a>\n");
        assert!(
            !uri.contains(['<', '>', '"', '\'', '&', ' ', '\n']),
            "{uri}"
        );
    }
}
