//! The editor's layer and cross-links: headnotes, annotations, sidenotes, wikilinks, mentions,
//! backlinks, quotations, charts and the actor network, built from fixture books.

use std::path::{Path, PathBuf};

use briefbook::build::{build, BuildOptions};
use briefbook::check::check;
use briefbook::error::{Error, Severity};
use scraper::{Html, Selector};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn build_fixture(root: &Path) -> (tempfile::TempDir, PathBuf, briefbook::error::Diagnostics) {
    let temp = tempfile::tempdir().unwrap();
    let output = temp.path().join("public");
    let options = BuildOptions {
        output: Some(output.clone()),
        ..BuildOptions::new(root)
    };
    let report = build(&options).unwrap_or_else(|e| panic!("build failed: {e:?}"));
    (temp, output, report.warnings)
}

fn page(output: &Path, path: &str) -> Html {
    let text = std::fs::read_to_string(output.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    Html::parse_document(&text)
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn text_of(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>()
}

fn hrefs(html: &Html, selector: &str) -> Vec<String> {
    select(html, selector)
        .iter()
        .filter_map(|e| e.value().attr("href").map(str::to_string))
        .collect()
}

const CALL: &str = "articles/2017-02-07-phone-call/index.html";
const MOON_ARTICLE: &str = "articles/2017-09-19-moon-new-york/index.html";

#[test]
fn headnotes_render_above_the_body_and_the_introduction_on_the_home_page() {
    let (_t, out, _) = build_fixture(&fixture("annotated"));
    let call = page(&out, CALL);
    let note = select(&call, ".editor-note");
    assert_eq!(note.len(), 1);
    assert!(text_of(&note[0]).contains("The first call after the inauguration"));
    assert_eq!(
        hrefs(&call, ".editor-note a"),
        vec!["../../articles/2017-09-19-moon-new-york/"]
    );
    let home = page(&out, "index.html");
    let links = hrefs(&home, "a");
    assert!(
        links.contains(&"./actors/moon-jae-in/".to_string()),
        "{links:?}"
    );
    assert!(links.contains(&"./topics/thaad/".to_string()), "{links:?}");
}

#[test]
fn annotations_mark_their_quote_and_place_the_note_after_its_paragraph() {
    let (_t, out, warnings) = build_fixture(&fixture("annotated"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let call = page(&out, CALL);
    // The first quote spans emphasis and a line break: two marks, one id.
    let first = select(&call, "mark.annotation#annotation-1");
    assert_eq!(first.len(), 1);
    assert_eq!(hrefs(&call, "mark#annotation-1 a"), vec!["#note-1"]);
    let marked: String = select(&call, "mark.annotation")
        .iter()
        .filter(|m| {
            m.select(&Selector::parse("a[href='#note-1']").unwrap())
                .next()
                .is_some()
        })
        .map(text_of)
        .collect::<Vec<_>>()
        .join("|");
    assert_eq!(marked, "ironclad|commitment");
    // A custom id, and curly quotes in the body matched by straight ones in the front matter.
    assert_eq!(select(&call, "mark#annotation-strong").len(), 1);
    let note = select(&call, "aside.annotation-note#note-strong");
    assert_eq!(note.len(), 1);
    assert!(text_of(&note[0]).contains("Curly quotes in the body"));
    // The note follows the paragraph holding the mark.
    let body = select(&call, ".article-body")[0].html();
    let mark_at = body.find("id=\"annotation-1\"").unwrap();
    let paragraph_end = mark_at + body[mark_at..].find("</p>").unwrap();
    let note_at = body.find("id=\"note-1\"").unwrap();
    assert!(paragraph_end < note_at, "{body}");
    // Links in notes are resolved too.
    assert_eq!(
        hrefs(&call, "#note-1 a:not(.annotation-back)"),
        vec!["../../actors/rex-tillerson/"]
    );
    // The body text is unchanged, but for the note's number after the highlighted words.
    let text = text_of(&select(&call, ".article-body")[0]);
    assert!(
        text.contains("reaffirmed the ironclad\ncommitment1 of the two countries"),
        "{text}"
    );
    assert_eq!(hrefs(&call, "sup.annotation-ref a")[0], "#note-1");
}

#[test]
fn footnotes_are_sidenotes_beside_their_paragraph_and_notes_at_the_end() {
    let (_t, out, _) = build_fixture(&fixture("annotated"));
    let call = page(&out, CALL);
    assert_eq!(hrefs(&call, "sup.sidenote-ref a"), vec!["#fn-call"]);
    let sidenote = select(&call, "aside.sidenote#sidenote-call");
    assert_eq!(sidenote.len(), 1);
    assert!(text_of(&sidenote[0]).contains("Readout of the ministry"));
    let end = select(&call, "section.footnotes li#fn-call");
    assert_eq!(end.len(), 1);
    assert!(text_of(&end[0]).contains("Readout of the ministry"));
    assert_eq!(
        hrefs(&call, "#fn-call a.footnote-back"),
        vec!["#fnref-call"]
    );
}

#[test]
fn wikilinks_and_links_to_content_files_point_at_the_right_pages() {
    let (_t, out, _) = build_fixture(&fixture("annotated"));
    let moon = page(&out, MOON_ARTICLE);
    let body_links = hrefs(&moon, ".article-body a");
    for expected in [
        "../../actors/kang-kyung-wha/",
        "../../articles/2017-02-07-phone-call/",
        "../../topics/thaad/",
    ] {
        assert!(
            body_links.contains(&expected.to_string()),
            "{expected} in {body_links:?}"
        );
    }
    let shown: Vec<String> = select(&moon, ".article-body a")
        .iter()
        .map(text_of)
        .collect();
    assert!(
        shown.contains(&"the foreign minister".to_string()),
        "{shown:?}"
    );
    assert!(
        shown.contains(&"Yun, Tillerson affirm commitment to alliance".to_string()),
        "{shown:?}"
    );
    assert!(shown.contains(&"THAAD".to_string()), "{shown:?}");
    let call = page(&out, CALL);
    assert!(hrefs(&call, ".article-body a")
        .contains(&"../../articles/2017-09-19-moon-new-york/".to_string()));
}

#[test]
fn the_first_mention_of_each_actor_links_to_the_actor_but_not_in_code_or_headings() {
    let (_t, out, _) = build_fixture(&fixture("annotated"));
    let moon = page(&out, MOON_ARTICLE);
    let to_moon: Vec<String> = select(&moon, ".article-body a[href='../../actors/moon-jae-in/']")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        to_moon,
        vec!["President Moon"],
        "only the first mention, by alias"
    );
    let call = page(&out, CALL);
    let tillerson = select(
        &call,
        ".article-body > p a[href='../../actors/rex-tillerson/']",
    );
    assert_eq!(tillerson.len(), 1);
    assert_eq!(text_of(&tillerson[0]), "Rex Tillerson");
    assert!(select(&call, ".article-body code a").is_empty());
    assert!(select(&call, ".article-body h2 a").is_empty());
}

#[test]
fn backlinks_list_the_articles_that_link_to_or_name_a_page() {
    let (_t, out, _) = build_fixture(&fixture("annotated"));
    let call = page(&out, CALL);
    assert_eq!(
        hrefs(&call, ".backlinks a[href^='../../articles/']"),
        vec!["../../articles/2017-09-19-moon-new-york/"]
    );
    // Tillerson is named in the THAAD report without being filed under it.
    let tillerson = page(&out, "actors/rex-tillerson/index.html");
    assert!(hrefs(&tillerson, ".backlinks a")
        .contains(&"../../articles/2018-03-01-thaad-report/".to_string()));
    // The Moon article links to THAAD and is filed under it: listed once, as an article.
    let thaad = page(&out, "topics/thaad/index.html");
    assert!(select(&thaad, ".backlinks").is_empty());
}

#[test]
fn quotations_appear_on_the_speakers_page_linking_to_their_passage() {
    let (_t, out, _) = build_fixture(&fixture("annotated"));
    let moon = page(&out, "actors/moon-jae-in/index.html");
    let quotes: Vec<String> = select(&moon, ".term-quotes blockquote")
        .iter()
        .map(text_of)
        .collect();
    assert!(
        quotes
            .iter()
            .any(|q| q.contains("We will never accept a nuclear North Korea")),
        "{quotes:?}"
    );
    assert!(
        quotes
            .iter()
            .any(|q| q.contains("The deployment of THAAD will go ahead")),
        "{quotes:?}"
    );
    let passages = hrefs(&moon, ".term-quotes .quote-source a");
    assert!(
        passages
            .iter()
            .all(|h| h.starts_with("../../articles/2017-09-19-moon-new-york/#passage-")),
        "{passages:?}"
    );
    let article = page(&out, MOON_ARTICLE);
    for href in passages {
        let id = href.rsplit('#').next().unwrap();
        assert_eq!(select(&article, &format!("p#{id}")).len(), 1, "{id}");
    }
    let tillerson = page(&out, "actors/rex-tillerson/index.html");
    let said: Vec<String> = select(&tillerson, ".term-quotes blockquote")
        .iter()
        .map(text_of)
        .collect();
    assert!(
        said.iter().any(|q| q.contains("We will stand together")),
        "{said:?}"
    );
    let kang = page(&out, "actors/kang-kyung-wha/index.html");
    let said: Vec<String> = select(&kang, ".term-quotes blockquote")
        .iter()
        .map(text_of)
        .collect();
    assert!(
        said.iter().any(|q| q.contains("the battery was complete")),
        "{said:?}"
    );
}

#[test]
fn term_pages_show_a_year_chart_roles_descriptions_and_company() {
    let (_t, out, _) = build_fixture(&fixture("annotated"));
    let thaad = page(&out, "topics/thaad/index.html");
    let chart = select(&thaad, "svg.year-chart");
    assert_eq!(chart.len(), 1);
    assert_eq!(
        select(&thaad, "svg.year-chart rect:not(.target)").len(),
        2,
        "2017 and 2018"
    );
    // Each bar leads to its year's articles on the page.
    let bars = hrefs(&thaad, "svg.year-chart a");
    assert_eq!(bars, vec!["#y2017", "#y2018"]);
    for bar in &bars {
        assert_eq!(select(&thaad, bar).len(), 1, "{bar} on the page");
    }
    assert!(select(&thaad, "svg.year-chart title")[0]
        .inner_html()
        .contains("2017: 1, 2018: 1"));
    let moon = page(&out, "actors/moon-jae-in/index.html");
    assert!(text_of(&select(&moon, ".roles")[0]).contains("President"));
    assert!(text_of(&select(&moon, ".term-description")[0]).contains("President of South Korea"));
    assert_eq!(
        hrefs(&moon, ".term-description a"),
        vec!["../../articles/2017-09-19-moon-new-york/"]
    );
    let call_actor = page(&out, "actors/yun-byung-se/index.html");
    assert!(
        hrefs(&call_actor, ".term-aside a").contains(&"../../actors/rex-tillerson/".to_string())
    );
}

#[test]
fn the_actors_index_draws_the_network() {
    let (_t, out, _) = build_fixture(&fixture("annotated"));
    let actors = page(&out, "actors/index.html");
    let svg = select(&actors, "svg.actor-network");
    assert_eq!(svg.len(), 1);
    assert_eq!(select(&actors, "svg.actor-network circle").len(), 4);
    // Labels are links beside the drawing, not inside it (no nested interactive controls).
    assert!(hrefs(&actors, ".network-label").contains(&"../actors/moon-jae-in/".to_string()));
    assert!(select(&actors, "svg.actor-network a").is_empty());
    assert_eq!(select(&actors, ".network-table tbody tr").len(), 4);
}

/// A book of 250 actors in 600 articles: the network keeps the 200 biggest, every one in the
/// table beside it; only as many are labelled as fit without touching (tests/reading.rs
/// measures them in a browser).
#[test]
fn the_network_of_a_large_cast_shows_two_hundred_labelled_actors() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    std::fs::create_dir_all(root.join("content/articles")).unwrap();
    for i in 0..600 {
        let a = i % 250;
        let b = (i * 7 + 3) % 250;
        let text = format!(
            "---\ntitle: \"Story {i}\"\noutlet: Wire\ndate: {}-01-01\nactors: [\"Person {a}\", \"Person {b}\"]\n---\n\nPerson {a} met Person {b}.\n",
            2000 + i % 20
        );
        std::fs::write(root.join(format!("content/articles/story-{i:03}.md")), text).unwrap();
    }
    let (_t, out, _) = build_fixture(root);
    let actors = page(&out, "actors/index.html");
    assert_eq!(select(&actors, "svg.actor-network circle").len(), 200);
    assert_eq!(select(&actors, ".network-table tbody tr").len(), 200);
    let labels = select(&actors, ".network-label").len();
    assert!((10..=60).contains(&labels), "{labels} labels");
    assert!(!select(&actors, "svg.actor-network path").is_empty());
}

#[test]
fn check_reports_unresolved_links_and_unanchored_annotations_as_located_errors() {
    let diagnostics = match check(&BuildOptions::new(fixture("broken-annotations"))) {
        Ok(d) | Err(Error::Content(d)) => d,
        Err(other) => panic!("expected diagnostics, got {other:?}"),
    };
    let lines: Vec<String> = diagnostics.errors().map(|d| d.to_string()).collect();
    let path = "content/articles/2017-01-01-broken.md";
    let expect = |needle: &str, line: usize| {
        assert!(
            lines
                .iter()
                .any(|l| l.contains(needle) && l.contains(&format!("{path}:{line}:"))),
            "{needle} at line {line} in {lines:#?}"
        );
    };
    expect("unresolved link `[[Nobody Known]]`", 18);
    expect("unresolved link `[[topic:nothing]]`", 18);
    expect("`no-such-article.md`", 20);
    expect("“words that are not there” is not in the article body", 7);
    expect("“the talks” occurs 2 times", 9);
    expect("asks for occurrence 3", 11);
    // The site-wide link checker adds its own `broken link` errors for the rendered pages.
    let own = lines.iter().filter(|l| !l.contains("broken link")).count();
    assert_eq!(own, 6, "{lines:#?}");
}

#[test]
fn build_reports_the_same_problems_as_warnings_and_still_writes_the_site() {
    let (_t, out, warnings) = build_fixture(&fixture("broken-annotations"));
    assert_eq!(warnings.0.len(), 6, "{:#?}", warnings.0);
    assert!(warnings.0.iter().all(|d| d.severity == Severity::Warning));
    let article = page(&out, "articles/2017-01-01-broken/index.html");
    let text = text_of(&select(&article, ".article-body")[0]);
    assert!(
        text.contains("[[Nobody Known]]"),
        "unresolved links stay readable: {text}"
    );
}
