//! Reading the site: both colour schemes readable, margin notes beside their words, the actor
//! network legible with hundreds of actors (in headless Chromium, through the scripts of
//! tests/e2e), and lists, counts and year charts that show only what the book holds.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use briefbook::build::{build, BuildOptions};
use common::{copy_dir, serve, BrowserScripts};

/// The example book of the repository.
fn example_book() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build_into(root: &Path, output: &Path) {
    build(&BuildOptions {
        output: Some(output.to_path_buf()),
        ..BuildOptions::new(root.to_path_buf())
    })
    .expect("the book builds");
}

/// The first folder (a slug) under `output/kind/`.
fn first_slug(output: &Path, kind: &str) -> String {
    let mut slugs: Vec<String> = std::fs::read_dir(output.join(kind))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    slugs.sort();
    slugs.remove(0)
}

/// The example book's flagship article: three editor's notes.
const FLAGSHIP: &str = "articles/2017-02-07-yun-tillerson-affirm-commitment-to-alliance/";

/// One page of each kind of the example book built into `site`, as paths from the site root:
/// what the contrast and accessibility checks walk.
fn page_kinds(site: &Path) -> Vec<String> {
    let actor = format!("actors/{}/", first_slug(site, "actors"));
    let topic = format!("topics/{}/", first_slug(site, "topics"));
    [
        "",
        FLAGSHIP,
        "search/?q=alliance",
        "actors/",
        &actor,
        "topics/",
        &topic,
        "outlets/",
        "timeline/",
        "years/",
        "years/2017/",
        "book/",
        "404.html",
    ]
    .map(String::from)
    .to_vec()
}

#[test]
fn every_text_meets_wcag_aa_contrast_in_light_and_dark() {
    let browser = BrowserScripts::ready();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build_into(&example_book(), &site);
    // Served at the root, as published: the 404 page's links start at the site root.
    let server = serve(&site);
    let base = format!("http://127.0.0.1:{}/", server.port);
    let mut pages = vec![base];
    pages.extend(page_kinds(&site));
    pages.push(format!("outlets/{}/", first_slug(&site, "outlets")));
    browser.run("contrast.mjs", pages, "contrast in both colour schemes");
}

#[test]
fn axe_core_finds_no_wcag_violation_in_either_colour_scheme() {
    let browser = BrowserScripts::ready();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build_into(&example_book(), &site);
    // And a cast big enough for the actor network's labels and table.
    let book = dir.path().join("big-book");
    big_book(&book, 240, 720);
    build_into(&book, &dir.path().join("big"));
    let server = serve(dir.path());
    let base = format!("http://127.0.0.1:{}/site/", server.port);
    let mut pages = vec![base];
    pages.extend(page_kinds(&site));
    browser.run("axe.mjs", pages, "axe-core on the example book");
    let big = format!("http://127.0.0.1:{}/big/", server.port);
    browser.run(
        "axe.mjs",
        [big.as_str(), "actors/", "actors/actor0-cluster0/"],
        "axe-core on the actor network",
    );
}

/// A book of one article whose first paragraph holds three annotated phrases with long notes
/// and a footnote: the notes crowd, so each must stack below the one above.
fn crowded_book(root: &Path) {
    std::fs::create_dir_all(root.join("content/articles")).unwrap();
    std::fs::write(root.join("briefbook.toml"), "title = \"Crowded\"\n").unwrap();
    let long = "A long note that takes several lines of the margin column, so that the next \
                note, whose words sit on the same line or the next, cannot start at its own line.";
    std::fs::write(
        root.join("content/articles/2020-01-02-crowded.md"),
        format!(
            "---\ntitle: Crowded notes\noutlet: Yonhap\ndate: 2020-01-02\nactors: []\ntopics: []\n\
             annotations:\n  - quote: first words\n    note: \"{long}\"\n  - quote: second words\n    note: \"{long}\"\n  - quote: third words\n    note: \"{long}\"\n---\n\n\
             The first words, the second words and the third words all sit in one sentence.[^a]\n\n\
             A second paragraph follows.\n\n[^a]: A footnote on the same line.\n"
        ),
    )
    .unwrap();
}

#[test]
fn margin_notes_sit_beside_their_words_and_follow_their_paragraph_on_phones() {
    let browser = BrowserScripts::ready();
    let dir = tempfile::tempdir().unwrap();
    build_into(&example_book(), &dir.path().join("example"));
    let crowded = dir.path().join("crowded-book");
    crowded_book(&crowded);
    build_into(&crowded, &dir.path().join("crowded"));
    let server = serve(dir.path());
    let base = |sub: &str| format!("http://127.0.0.1:{}/{sub}/", server.port);
    browser.run(
        "notes.mjs",
        [base("example").as_str(), FLAGSHIP],
        "notes of the example book",
    );
    browser.run(
        "notes.mjs",
        [
            base("crowded").as_str(),
            "articles/2020-01-02-crowded/!crowded",
        ],
        "notes that crowd",
    );
}

/// A book of `actors` actors in clusters of twelve, each article naming three of a cluster
/// and now and then one of five actors who appear everywhere; `outlets.yaml` also lists
/// outlets no article uses.
fn big_book(root: &Path, actors: usize, articles: usize) {
    std::fs::create_dir_all(root.join("content/articles")).unwrap();
    std::fs::write(root.join("briefbook.toml"), "title = \"Big book\"\n").unwrap();
    let name = |i: usize| format!("Actor{} Cluster{}", i, i / 12);
    let clusters = actors / 12;
    for n in 0..articles {
        let cluster = n % clusters;
        let mut named: Vec<String> = (0..3)
            .map(|k| name(cluster * 12 + (n / clusters + k * 5) % 12))
            .collect();
        if n % 3 == 0 {
            named.push(name(n % 5));
        }
        named.dedup();
        let year = 2000 + n % 24;
        std::fs::write(
            root.join(format!("content/articles/{year}-{n:04}-story.md")),
            format!(
                "---\ntitle: Story {n}\noutlet: Yonhap\ndate: {year}-{:02}-{:02}\nactors: [{}]\ntopics: []\n---\n\nStory {n} names {}.\n",
                1 + n % 12,
                1 + n % 28,
                named.join(", "),
                named[0]
            ),
        )
        .unwrap();
    }
    let mut outlets = String::from("- name: Yonhap\n");
    for i in 0..25 {
        let _ = writeln!(outlets, "- name: Unused Outlet {i}");
    }
    std::fs::write(root.join("content/outlets.yaml"), outlets).unwrap();
}

#[test]
fn the_actor_network_stays_legible_with_240_actors_on_desktops_and_phones() {
    let browser = BrowserScripts::ready();
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    big_book(&book, 240, 720);
    build_into(&book, &dir.path().join("site"));
    let server = serve(dir.path());
    let base = format!("http://127.0.0.1:{}/site/", server.port);
    // The drawing holds the 200 actors with most articles.
    browser.run("network.mjs", [base.as_str(), "200"], "the actor network");
}

#[test]
fn search_ranks_by_field_phrase_and_date_corrects_typos_and_says_why() {
    let browser = BrowserScripts::ready();
    let dir = tempfile::tempdir().unwrap();
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search-rank");
    build_into(&fixture, &dir.path().join("whole"));
    // The same book with its index split into shards, as a big book's is.
    let split = dir.path().join("split-book");
    copy_dir(&fixture, &split);
    common::append_config(&split, "search_split_above = 0");
    build_into(&split, &dir.path().join("split"));
    assert!(dir.path().join("split/search/index").is_dir());
    let server = serve(dir.path());
    for mode in ["whole", "split"] {
        let base = format!("http://127.0.0.1:{}/{mode}/", server.port);
        browser.run("search_rank.mjs", [base.as_str(), mode], mode);
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn lists_and_counts_show_only_terms_with_articles() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    big_book(&book, 24, 48);
    let site = dir.path().join("site");
    build_into(&book, &site);
    let outlets = read(&site.join("outlets/index.html"));
    assert_eq!(
        outlets.matches("class=\"term-name\"").count(),
        1,
        "{outlets}"
    );
    assert!(!outlets.contains("Unused Outlet"));
    let home = read(&site.join("index.html"));
    assert!(
        home.contains("<strong>1</strong> Outlets"),
        "one outlet in use is counted"
    );
    let filters = read(&site.join("search/filters.json"));
    assert!(!filters.contains("Unused Outlet"), "{filters}");
}

#[test]
fn every_year_bar_links_to_that_years_articles_of_the_term() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    big_book(&book, 24, 48);
    let site = dir.path().join("site");
    build_into(&book, &site);
    let page = read(&site.join("actors/actor0-cluster0/index.html"));
    let chart = &page[page.find("<svg class=\"year-chart\"").expect("a chart")..];
    let chart = &chart[..chart.find("</svg>").unwrap()];
    let targets: Vec<&str> = chart
        .split("href=\"#")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert!(targets.len() >= 3, "{chart}");
    for target in &targets {
        assert!(
            page.contains(&format!("id=\"{target}\"")),
            "#{target} is a heading of the page"
        );
    }
    // Years are labelled under the bars: the first always, the others as room allows.
    let first = targets.iter().map(|t| &t[1..]).min().unwrap();
    assert!(chart.contains(&format!(">{first}</text>")), "{chart}");
    assert!(chart.matches("</text>").count() >= 4, "{chart}");
}

#[test]
fn the_crowded_fixture_is_a_valid_book() {
    // Guards the notes test: a typo in its front matter would fail it for the wrong reason.
    let dir = tempfile::tempdir().unwrap();
    crowded_book(&dir.path().join("book"));
    let site = dir.path().join("site");
    build_into(&dir.path().join("book"), &site);
    let article = read(&site.join("articles/2020-01-02-crowded/index.html"));
    assert_eq!(article.matches("class=\"annotation-note\"").count(), 3);
    assert_eq!(article.matches("class=\"annotation-ref\"").count(), 3);
}

/// The literal pieces of an interface string (`{name}` gaps and `one|many` forms split off)
/// long enough to be recognised on a page.
fn literal_pieces(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    for form in text.split('|') {
        let mut rest = form;
        while !rest.is_empty() {
            let (piece, after) = match rest.find('{') {
                Some(open) => (
                    &rest[..open],
                    rest[open..].split_once('}').map_or("", |p| p.1),
                ),
                None => (rest, ""),
            };
            let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
            if piece.chars().count() >= 4 && piece.chars().any(char::is_alphabetic) {
                pieces.push(piece.to_string());
            }
            rest = after;
        }
    }
    pieces
}

#[test]
fn a_korean_book_shows_no_english_interface_string() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    std::fs::create_dir_all(&book).unwrap();
    copy_dir(&example_book().join("content"), &book.join("content"));
    let config = read(&example_book().join("briefbook.toml"));
    let config: String = config
        .lines()
        .filter(|l| !l.starts_with("language"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(
        book.join("briefbook.toml"),
        format!("{config}language = \"ko\"\n"),
    )
    .unwrap();
    let site = dir.path().join("site");
    build_into(&book, &site);

    // Words the book's own text (and title) holds may appear on its pages in any language,
    // with their apostrophes curled as the pages print them.
    let content: String = walkdir::WalkDir::new(book.join("content"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| read(e.path()))
        .chain([config])
        .collect::<String>()
        .replace('\'', "’");
    let table: std::collections::BTreeMap<String, String> = toml::from_str(&read(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/render/i18n/en.toml"),
    ))
    .unwrap();
    let english: Vec<String> = table
        .values()
        .flat_map(|v| literal_pieces(v))
        .filter(|piece| !content.contains(piece.as_str()))
        .collect();
    assert!(english.len() > 100, "{english:?}");
    let mut found = Vec::new();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        pages += 1;
        let html = read(entry.path());
        assert!(
            html.contains("<html lang=\"ko\">"),
            "{}",
            entry.path().display()
        );
        for piece in &english {
            if html.contains(piece.as_str()) {
                found.push(format!(
                    "{}: {piece}",
                    entry.path().strip_prefix(&site).unwrap().display()
                ));
            }
        }
    }
    assert!(pages > 20);
    assert!(
        found.is_empty(),
        "English interface strings on Korean pages:\n{}",
        found.join("\n")
    );
    // Dates are written the Korean way.
    let article = read(&site.join(FLAGSHIP).join("index.html"));
    assert!(article.contains("2017년 2월 7일"), "a Korean date");
    assert!(
        article.contains("엮은이 주"),
        "the editor's note is headed in Korean"
    );
}

#[test]
fn briefbook_toml_replaces_any_interface_string_and_refuses_an_unknown_one() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    crowded_book(&book);
    common::append_config(
        &book,
        "[strings]\nrelated_articles = \"See also\"\ncite_this_article = \"How to cite\"",
    );
    let site = dir.path().join("site");
    build_into(&book, &site);
    let article = read(&site.join("articles/2020-01-02-crowded/index.html"));
    assert!(article.contains("How to cite"));
    assert!(!article.contains("Cite this article"));
    common::append_config(&book, "cite_this_articel = \"typo\"");
    let error = build(&BuildOptions {
        output: Some(dir.path().join("other")),
        ..BuildOptions::new(book)
    })
    .unwrap_err()
    .to_string();
    assert!(error.contains("`cite_this_articel`"), "{error}");
}

/// The text of each page of `pdf`, by `pdftotext`.
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let output = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    String::from_utf8_lossy(&output.stdout)
        .split('\u{c}')
        .map(str::to_string)
        .collect()
}

fn pdf_page_size(pdf: &Path) -> String {
    let output = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs (apt-get install poppler-utils)");
    let info = String::from_utf8_lossy(&output.stdout).into_owned();
    info.lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_printed_book_has_page_numbers_running_heads_notes_after_their_paragraph_and_its_paper() {
    common::chromium_path();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build_into(&example_book(), &site);
    let pdfs = briefbook::pdf::write_pdf(&site).expect("the book prints");
    let pages = pdf_pages(&pdfs[0]);
    let pages: Vec<&String> = pages.iter().filter(|p| !p.trim().is_empty()).collect();
    assert!(pages.len() > 5, "{} pages", pages.len());
    assert!(pdf_page_size(&pdfs[0]).contains("(A4)"), "A4 by default");
    // Every page but the cover ends with its number and starts with the book's title.
    for (n, page) in pages.iter().enumerate().skip(1) {
        let last = page.trim_end().lines().last().unwrap_or_default().trim();
        assert_eq!(last, (n + 1).to_string(), "page {}:\n{page}", n + 1);
        let first = page.trim_start().lines().next().unwrap_or_default();
        assert!(
            first.contains("The South Korea–US Alliance"),
            "page {}: {first}",
            n + 1
        );
    }
    let cover = pages[0].trim_end();
    assert!(!cover.ends_with('1'), "no number on the cover:\n{cover}");
    // The cover: title, editors, the years covered and the number of articles.
    for expected in [
        "The South Korea–US Alliance",
        "The briefbook editors",
        "2017–2024 · 5 articles",
    ] {
        assert!(
            cover.contains(expected),
            "{expected} on the cover:\n{cover}"
        );
    }
    // A note prints right after the paragraph of its words, numbered like them.
    let text: String = pages.iter().map(|p| p.as_str()).collect();
    let words = text
        .find("during the campaign")
        .expect("the annotated words");
    let note = text.find("Note 1").expect("the note");
    let next = text.find("The top diplomats").expect("the next paragraph");
    assert!(
        words < note && note < next,
        "the note follows its paragraph"
    );
    // Each article's pages name its section (its group of the contents) on the right of the
    // running head; the contents page, before any section, does not.
    let article_page = pages
        .iter()
        .position(|p| p.contains("SEOUL, Feb. 7"))
        .expect("the first article's page");
    let head = pages[article_page]
        .trim_start()
        .lines()
        .next()
        .unwrap_or_default();
    assert!(
        head.ends_with("Korea–US alliance"),
        "section in the running head: {head}"
    );
    // A footnote prints right after its paragraph, not gathered at the article's end.
    let reference = text
        .find("to rein in North Korea’s evolving nuclear")
        .expect("the paragraph with a footnote");
    let footnote = text
        .find("Editor’s note: the three leaders met over lunch")
        .expect("the footnote");
    assert!(
        reference < footnote && footnote - reference < 400,
        "the footnote follows its paragraph:\n{}",
        &text[reference..]
    );
    // Actors and topics print as a line of names, not chips with stray separators.
    assert!(text.contains("Donald Trump · Rex Tillerson"), "{text}");
    // The contents give each article's page: the page that starts with its number and title.
    let contents = pages
        .iter()
        .position(|p| p.contains("Contents"))
        .expect("a contents page");
    let mut listed = 0;
    for line in pages[contents].lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            continue;
        };
        let (Some(number), Ok(page)) = (first.strip_suffix('.'), last.parse::<usize>()) else {
            continue;
        };
        let title_start = words[1..words.len().min(4)].join(" ");
        let printed = pages[page - 1].to_uppercase();
        assert!(
            printed.contains(&format!("{number}. ")) && pages[page - 1].contains(&title_start),
            "article {number} ({title_start}) is not on page {page}:\n{}",
            pages[page - 1]
        );
        listed += 1;
    }
    assert_eq!(listed, 5, "every article has its page in the contents");
    let index = pages.last().unwrap();
    assert!(index.contains("Numbers refer to pages."), "{index}");
    assert!(
        index.contains("Yun Byung-se 5"),
        "the actor index gives pages: {index}"
    );

    common::append_config(&example_book_copy(dir.path()), "book_paper = \"letter\"");
    let letter = dir.path().join("letter-site");
    build_into(&dir.path().join("book"), &letter);
    let pdfs = briefbook::pdf::write_pdf(&letter).expect("the book prints");
    assert!(pdf_page_size(&pdfs[0]).contains("(letter)"));
}

/// A copy of the example book under `dir/book`, for a test that changes its settings.
fn example_book_copy(dir: &Path) -> PathBuf {
    let book = dir.join("book");
    copy_dir(&example_book().join("content"), &book.join("content"));
    std::fs::copy(
        example_book().join("briefbook.toml"),
        book.join("briefbook.toml"),
    )
    .unwrap();
    book
}
