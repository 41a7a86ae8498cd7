//! Building books end to end: the example book and fixture books, checked page by page.

mod common;
use common::{append_config, copy_dir, relative_files};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use briefbook::build::{build, BuildOptions};
use briefbook::check::check;
use briefbook::error::Error;
use scraper::{Html, Selector};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// Builds `root` into a fresh temp folder and returns (temp guard, output folder).
/// A copy of the annotated fixture book with its own `templates/partials/NAME`.
fn annotated_with_partial(name: &str, template: &str) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("book");
    copy_dir(&fixture("annotated"), &root);
    std::fs::create_dir_all(root.join("templates/partials")).unwrap();
    std::fs::write(root.join("templates/partials").join(name), template).unwrap();
    (temp, root)
}

fn build_into_temp(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let output = temp.path().join("public");
    let options = BuildOptions {
        output: Some(output.clone()),
        ..BuildOptions::new(root)
    };
    build(&options).unwrap_or_else(|e| panic!("build of {} failed: {e:?}", root.display()));
    (temp, output)
}

/// Every file under `dir`, relative, with `/` separators.
fn files(dir: &Path) -> BTreeSet<String> {
    relative_files(dir).into_iter().collect()
}

fn read(output: &Path, page: &str) -> String {
    std::fs::read_to_string(output.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// Resolves `href` found on `page` (a path like `articles/x/index.html`) to a file of the site,
/// with its fragment. `None` for external links.
fn resolve(page: &str, href: &str) -> Option<(String, Option<String>)> {
    if href.contains("://") || href.starts_with("mailto:") || href.starts_with("data:") {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap();
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        let mut base: Vec<&str> = page.split('/').collect();
        base.pop();
        base
    };
    if path.is_empty() {
        return Some((page.to_string(), fragment));
    }
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                assert!(parts.pop().is_some(), "{href} on {page} leaves the site");
            }
            s => parts.push(s),
        }
    }
    let mut target = parts.join("/");
    if path.ends_with('/') || target.is_empty() {
        if !target.is_empty() {
            target.push('/');
        }
        target.push_str("index.html");
    }
    Some((target, fragment))
}

/// Checks every `href` and `src` of every HTML page: the target file exists and so does its anchor.
fn assert_links_resolve(output: &Path) -> usize {
    let all = files(output);
    let link = Selector::parse("a[href], link[href], script[src], img[src]").unwrap();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut checked = 0;
    let pages: Vec<&String> = all.iter().filter(|f| f.ends_with(".html")).collect();
    let mut broken = Vec::new();
    for page in &pages {
        if page.as_str() == "404.html" {
            continue; // served at any address, so its links are absolute; checked separately
        }
        let html = Html::parse_document(&read(output, page));
        for element in html.select(&link) {
            let value = element.value();
            let href = value.attr("href").or(value.attr("src")).unwrap();
            let Some((target, fragment)) = resolve(page, href) else {
                continue;
            };
            checked += 1;
            if !all.contains(&target) {
                broken.push(format!("{page}: {href} → {target} is missing"));
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let known = ids.entry(target.clone()).or_insert_with(|| {
                    let doc = Html::parse_document(&read(output, &target));
                    let any = Selector::parse("[id]").unwrap();
                    doc.select(&any)
                        .map(|e| e.value().attr("id").unwrap().to_string())
                        .collect()
                });
                if !known.contains(&fragment) {
                    broken.push(format!("{page}: {href} → no #{fragment} in {target}"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    checked
}

#[test]
fn the_example_book_builds_and_every_internal_link_resolves() {
    let (_temp, output) = build_into_temp(&repo_root());
    let checked = assert_links_resolve(&output);
    assert!(checked > 200, "only {checked} links checked");
    let all = files(&output);
    for page in [
        "index.html",
        "timeline/index.html",
        "actors/index.html",
        "topics/index.html",
        "outlets/index.html",
        "years/index.html",
        "404.html",
    ] {
        assert!(all.contains(page), "{page} missing");
    }
    let articles = std::fs::read_dir(repo_root().join("content/articles"))
        .unwrap()
        .count();
    let built = all
        .iter()
        .filter(|f| f.starts_with("articles/") && f.ends_with("/index.html"))
        .count();
    assert_eq!(built, articles, "one page per article");
}

/// Past `book_page_limit` articles the printable book splits into volumes, one per group: every
/// article is printed exactly once, numbered through the whole book, and jumps between articles
/// in different volumes (and from the cover's introduction) land on the right anchor.
#[test]
fn a_big_book_prints_in_volumes_whose_links_all_resolve() {
    let (_temp, book) = example_book_with("book_grouping = \"year\"\nbook_page_limit = 2");
    let (_t, output) = build_into_temp(&book);
    assert_links_resolve(&output);

    let cover = read(&output, "book/index.html");
    let volume_link = Selector::parse(".book-volumes li a").unwrap();
    let volumes: Vec<String> = Html::parse_document(&cover)
        .select(&volume_link)
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert!(volumes.len() >= 2, "{cover}");
    assert_eq!(volumes[0], "1/");
    assert!(
        !cover.contains("book-article"),
        "the cover prints no article"
    );

    let number = Selector::parse(".book-article .book-number").unwrap();
    let mut numbers = Vec::new();
    for volume in &volumes {
        let html = read(&output, &format!("book/{volume}index.html"));
        assert!(html.contains("print-button"), "a volume prints on its own");
        let before = numbers.len();
        for n in Html::parse_document(&html).select(&number) {
            numbers.push(n.text().collect::<String>());
        }
        assert!(
            numbers.len() - before <= 2,
            "no volume holds more than book_page_limit articles: {volume}"
        );
    }
    let articles = std::fs::read_dir(book.join("content/articles"))
        .unwrap()
        .count();
    let expected: Vec<String> = (1..=articles).map(|n| format!("{n}.")).collect();
    assert_eq!(
        numbers, expected,
        "each article once, numbered through the volumes"
    );
}

/// Past `list_page_limit` articles a list splits into pages: the timeline in date order, a term
/// or a year newest first. Every article is listed once, each page links to the others, the
/// term's description and related terms stay on its first page, and every link resolves.
#[test]
fn long_lists_are_split_into_linked_pages() {
    let (_temp, book) = example_book_with("list_page_limit = 2");
    let (_t, output) = build_into_temp(&book);
    assert_links_resolve(&output);

    /// The article links of every page of the list at `folder`, page by page.
    fn pages_of(output: &Path, folder: &str, link: &Selector) -> Vec<Vec<String>> {
        let mut pages = Vec::new();
        for p in 1.. {
            let page = if p == 1 {
                format!("{folder}index.html")
            } else {
                format!("{folder}{p}/index.html")
            };
            let Ok(html) = std::fs::read_to_string(output.join(&page)) else {
                break;
            };
            let articles: Vec<String> = Html::parse_document(&html)
                .select(link)
                .map(|a| {
                    let href = a.value().attr("href").unwrap();
                    href.rsplit("articles/").next().unwrap().to_string()
                })
                .collect();
            pages.push(articles);
        }
        pages
    }
    let articles = std::fs::read_dir(book.join("content/articles"))
        .unwrap()
        .count();
    let timeline = pages_of(
        &output,
        "timeline/",
        &Selector::parse(".timeline-title > a").unwrap(),
    );
    assert_eq!(timeline.len(), articles.div_ceil(2), "{timeline:?}");
    let mut listed: Vec<&String> = timeline.iter().flatten().collect();
    assert!(timeline.iter().all(|p| p.len() <= 2), "{timeline:?}");
    assert_eq!(listed.len(), articles, "{timeline:?}");
    listed.sort();
    listed.dedup();
    assert_eq!(listed.len(), articles, "every article once: {timeline:?}");

    let entry = Selector::parse(".articles-by-year .article-link").unwrap();
    let moon = pages_of(&output, "actors/moon-jae-in/", &entry);
    assert!(moon.len() >= 2, "{moon:?}");
    assert!(
        moon.iter().all(|p| !p.is_empty() && p.len() <= 2),
        "{moon:?}"
    );
    let first = read(&output, "actors/moon-jae-in/index.html");
    let second = read(&output, "actors/moon-jae-in/2/index.html");
    assert!(
        first.contains(&format!("page 1 of {}", moon.len())),
        "{first}"
    );
    assert!(
        first.contains(r#"rel="next" href="../../actors/moon-jae-in/2/""#),
        "{first}"
    );
    assert!(!first.contains(r#"rel="prev""#), "{first}");
    assert!(
        second.contains(r#"rel="prev" href="../../../actors/moon-jae-in/""#),
        "{second}"
    );
    assert!(first.contains("Appears with") && !second.contains("Appears with"));
    // Newest first across pages.
    let dates: Vec<&String> = moon.iter().flatten().collect();
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first);

    let year = pages_of(
        &output,
        "years/2017/",
        &Selector::parse(".month .article-link").unwrap(),
    );
    assert!(
        year.len() >= 2 && year.iter().all(|p| p.len() <= 2),
        "{year:?}"
    );
}

#[test]
fn the_example_book_names_every_actor_with_a_curated_page() {
    let (_temp, output) = build_into_temp(&repo_root());
    let index = Html::parse_document(&read(&output, "actors/index.html"));
    let names: Vec<String> = index
        .select(&Selector::parse(".term-index a").unwrap())
        .map(|a| a.text().collect::<String>())
        .collect();
    for name in [
        "Moon Jae-in",
        "Rex Tillerson",
        "Kang Kyung-wha",
        "Antony Blinken",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} not in {names:?}");
    }
    let moon = read(&output, "actors/moon-jae-in/index.html");
    assert!(moon.contains("President"), "the actor page shows the role");
}

#[test]
fn article_pages_show_metadata_terms_note_body_and_neighbours() {
    let (_temp, output) = build_into_temp(&fixture("small"));
    let page = read(&output, "articles/2017-02-07-phone-call/index.html");
    let html = Html::parse_document(&page);
    let text = |selector: &str| -> String {
        html.select(&Selector::parse(selector).unwrap())
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>()
            .join("|")
    };
    assert_eq!(text("h1"), "Yun, Tillerson affirm alliance");
    assert!(text(".article-meta").contains("7 February 2017"));
    assert!(text(".dateline").contains("SEOUL"));
    assert!(text(".byline").contains("Jane Reporter"));
    assert_eq!(
        text(".article-terms .actor"),
        "Rex Tillerson",
        "alias resolved to the canonical name"
    );
    assert!(text(".editor-note").contains("first call"));
    assert!(page.contains("<table>"), "tables render");
    assert!(text(".provenance").contains("seeds/a.txt"));
    // Chronology: the month-only March story comes after 7 February.
    let next = html
        .select(&Selector::parse("a[rel=next]").unwrap())
        .next()
        .unwrap();
    assert_eq!(
        next.value().attr("href"),
        Some("../../articles/2017-month-only/")
    );
    assert!(html
        .select(&Selector::parse("a[rel=prev]").unwrap())
        .next()
        .is_none());
}

#[test]
fn code_is_highlighted_with_classes_and_footnotes_render() {
    let (_temp, output) = build_into_temp(&fixture("small"));
    let page = read(&output, "articles/2017-09-19-moon-new-york/index.html");
    assert!(page.contains("class=\"hl-"), "syntect classes present");
    assert!(
        page.contains("class=\"sidenote\""),
        "footnotes as sidenotes"
    );
    assert!(
        page.contains("<section class=\"footnotes\""),
        "and as end notes"
    );
    assert!(
        page.contains("via <a href=\"../../outlets/the-korea-herald/\">The Korea Herald</a>"),
        "publisher shown"
    );
}

#[test]
fn undated_and_partially_dated_articles_are_shown_apart_never_dropped() {
    let (_temp, output) = build_into_temp(&fixture("small"));
    let years = read(&output, "years/index.html");
    assert!(years.contains("Undated articles") && years.contains("A story without a date"));
    let year = read(&output, "years/2017/index.html");
    assert!(year.contains("February 2017") && year.contains("September 2017"));
    assert!(
        year.contains("March 2017"),
        "month-only date grouped under its month"
    );
    let timeline = read(&output, "timeline/index.html");
    assert!(timeline.contains("A story without a date"));
    let moon = read(&output, "actors/moon-jae-in/index.html");
    assert!(
        moon.contains("A story without a date"),
        "alias `Moon` files the undated story under Moon Jae-in"
    );
    assert_links_resolve(&output);
}

#[test]
fn unknown_actors_still_get_a_page_and_check_warns() {
    let (_temp, output) = build_into_temp(&fixture("small"));
    assert!(output.join("actors/donald-trump/index.html").is_file());
    let warnings = check(&BuildOptions::new(fixture("small"))).unwrap();
    let warning = warnings
        .warnings()
        .find(|d| d.message.contains("Donald Trump"))
        .expect("a warning");
    assert_eq!(
        warning.path,
        Path::new("content/articles/2017-09-19-moon-new-york.md")
    );
    assert_eq!(warning.line, Some(6));
}

#[test]
fn every_content_error_is_reported_with_file_line_and_column() {
    let diagnostics = check(&BuildOptions::new(fixture("invalid"))).unwrap();
    assert!(diagnostics.has_errors(), "the invalid book must fail");
    assert!(
        matches!(
            build(&BuildOptions::new(fixture("invalid"))),
            Err(Error::Content(_))
        ),
        "build refuses it too"
    );
    let shown: Vec<String> = diagnostics.errors().map(|d| d.to_string()).collect();
    let find = |file: &str| -> &str {
        shown
            .iter()
            .find(|s| s.contains(file))
            .unwrap_or_else(|| panic!("no error for {file} in {shown:#?}"))
    };
    assert!(
        find("bad-date.md").contains("bad-date.md:4:7"),
        "{}",
        find("bad-date.md")
    );
    assert!(find("bad-date.md").contains("YYYY-MM-DD"));
    assert!(
        find("unknown-field.md").contains("unknown-field.md:7:1"),
        "{}",
        find("unknown-field.md")
    );
    assert!(find("unknown-field.md").contains("subtitle"));
    assert!(
        find("unknown-topic.md").contains("unknown-topic.md:6:21"),
        "{}",
        find("unknown-topic.md")
    );
    assert!(find("unknown-topic.md").contains("help: use one of the slugs"));
    assert!(
        find("bad-yaml.md").contains("bad-yaml.md:"),
        "{}",
        find("bad-yaml.md")
    );
    assert!(find("no-front-matter.md").contains(":1:1"));
    assert!(find("missing-title.md").contains("missing field `title`"));
    assert_eq!(shown.len(), 6, "all errors, not only the first: {shown:#?}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let (temp, book, output, options) = small_book_building_into_site();
    build(&options).unwrap();
    let before = snapshot(&output);
    std::fs::write(
        book.join("content/articles/broken.md"),
        "---\ntitle: [\n---\n",
    )
    .unwrap();
    assert!(matches!(build(&options), Err(Error::Content(_))));
    assert_eq!(snapshot(&output), before);
    let leftovers: Vec<_> = std::fs::read_dir(temp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The manifest, the lock file and the last build's addresses stay beside the output by
        // design.
        .filter(|n| {
            n.starts_with('.')
                && ![
                    ".site.briefbook-manifest",
                    ".site.briefbook-lock",
                    ".site.briefbook-addresses",
                ]
                .contains(&n.as_str())
        })
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folders or temporary files left: {leftovers:?}"
    );
}

#[test]
fn a_folder_briefbook_did_not_make_is_never_replaced() {
    let temp = tempfile::tempdir().unwrap();
    let output = temp.path().join("precious");
    std::fs::create_dir_all(&output).unwrap();
    std::fs::write(output.join("thesis.docx"), "mine").unwrap();
    let options = BuildOptions {
        output: Some(output.clone()),
        ..BuildOptions::new(fixture("small"))
    };
    let error = build(&options).unwrap_err();
    assert!(
        error.to_string().contains("not made by briefbook"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(output.join("thesis.docx")).unwrap(),
        "mine"
    );
}

#[test]
fn rebuilding_removes_pages_of_deleted_articles() {
    let (_temp, book, output, options) = small_book_building_into_site();
    build(&options).unwrap();
    assert!(output.join("articles/2017-month-only/index.html").exists());
    std::fs::remove_file(book.join("content/articles/2017-month-only.md")).unwrap();
    build(&options).unwrap();
    assert!(!output.join("articles/2017-month-only/index.html").exists());
}

#[test]
fn a_rebuild_rewrites_only_the_files_that_changed_and_matches_a_fresh_build() {
    use std::os::unix::fs::MetadataExt;
    let (temp, book, output, options) = small_book_building_into_site();
    build(&options).unwrap();
    let inode = |page: &str| std::fs::metadata(output.join(page)).unwrap().ino();
    let untouched = inode("404.html");
    let article = book.join("content/articles/2017-02-07-phone-call.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, format!("{text}\nA sentence the editor added.\n")).unwrap();

    let report = build(&options).unwrap();
    assert!(read(&output, "articles/2017-02-07-phone-call/index.html")
        .contains("A sentence the editor added."));
    assert_eq!(
        inode("404.html"),
        untouched,
        "an unchanged page is left as it was"
    );
    assert!(
        report.written.changed > 0 && report.written.changed < report.written.files / 2,
        "{:?}",
        report.written
    );
    assert_eq!(snapshot(&output), fresh_build(&temp, &book));
}

#[test]
fn a_rebuild_trusts_its_manifest_for_untouched_files_and_reads_the_others() {
    let (temp, book, output, options) = small_book_building_into_site();
    build(&options).unwrap();
    let manifest = temp.path().join(".site.briefbook-manifest");
    assert!(manifest.is_file(), "the manifest is kept beside the output");
    assert!(
        !snapshot(&output).keys().any(|p| p.contains("manifest")),
        "and is not published"
    );
    // A clock tick later, the second build finds every file as the manifest recorded it.
    std::thread::sleep(std::time::Duration::from_millis(50));
    build(&options).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(50));
    let again = build(&options).unwrap().written;
    assert_eq!(
        (again.changed, again.vouched),
        (0, again.files),
        "an unchanged site is not read back: {again:?}"
    );

    // A page changed by hand with bytes of the same length, and a page whose article changed.
    let page = output.join("404.html");
    let original = std::fs::read(&page).unwrap();
    let mut tampered = original.clone();
    tampered[0] = if tampered[0] == b'<' { b'(' } else { b'<' };
    std::fs::write(&page, &tampered).unwrap();
    let article = book.join("content/articles/2017-02-07-phone-call.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, format!("{text}\nA sentence the editor added.\n")).unwrap();
    let edited = build(&options).unwrap().written;
    assert_eq!(
        std::fs::read(&page).unwrap(),
        original,
        "the hand-made change is undone"
    );
    assert!(edited.changed >= 2 && edited.vouched > 0, "{edited:?}");
    assert_eq!(snapshot(&output), fresh_build(&temp, &book));

    // A damaged manifest only costs reading.
    std::fs::write(&manifest, "briefbook-manifest 1\ngarbage\n").unwrap();
    let damaged = build(&options).unwrap().written;
    assert_eq!((damaged.changed, damaged.vouched), (0, 0), "{damaged:?}");
    assert_eq!(snapshot(&output), fresh_build(&temp, &book));
}

#[test]
fn a_rebuild_replaces_what_is_in_the_way_and_removes_stale_files() {
    let (temp, book, output, options) = small_book_building_into_site();
    build(&options).unwrap();
    // A file where the site has a folder, a folder where it has a file, and files it has not.
    std::fs::remove_dir_all(output.join("timeline")).unwrap();
    std::fs::write(output.join("timeline"), "not a folder").unwrap();
    std::fs::remove_file(output.join("404.html")).unwrap();
    std::fs::create_dir_all(output.join("404.html/inner")).unwrap();
    std::fs::write(output.join("404.html/inner/page.html"), "old").unwrap();
    std::fs::create_dir_all(output.join("old/deeper")).unwrap();
    std::fs::write(output.join("old/deeper/stale.html"), "stale").unwrap();

    build(&options).unwrap();
    assert_eq!(snapshot(&output), fresh_build(&temp, &book));
    assert!(!output.join("old").exists(), "emptied folders go too");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let (temp, book) = editable_copy_of_small_book();
    std::fs::write(
        book.join("content/articles/2018-draft.md"),
        "---\ntitle: Draft\noutlet: Yonhap\ndate: 2018-01-01\ndraft: true\n---\nBody\n",
    )
    .unwrap();
    let output = temp.path().join("site");
    let mut options = BuildOptions {
        output: Some(output.clone()),
        ..BuildOptions::new(&book)
    };
    build(&options).unwrap();
    assert!(!output.join("articles/2018-draft/index.html").exists());
    options.drafts = true;
    build(&options).unwrap();
    assert!(output.join("articles/2018-draft/index.html").exists());
}

#[test]
fn a_book_template_overrides_the_default() {
    let (_temp, book) = editable_copy_of_small_book();
    std::fs::create_dir_all(book.join("templates")).unwrap();
    std::fs::write(
        book.join("templates/timeline.html"),
        "custom timeline {{ groups | length }}",
    )
    .unwrap();
    let (_t, output) = build_into_temp(&book);
    assert_eq!(read(&output, "timeline/index.html"), "custom timeline 2");
}

/// List entries are rendered once per article and reused by every list: an overridden partial
/// must still reach the home page, term pages, year pages and related articles, each with links
/// that are right for the page's depth.
#[test]
fn a_book_partial_overrides_every_list_entry() {
    let (_temp, book) = editable_copy_of_small_book();
    std::fs::create_dir_all(book.join("templates/partials")).unwrap();
    std::fs::write(
        book.join("templates/partials/article_item.html"),
        "<li class=\"mine\"><a href=\"{{ root }}{{ a.path }}\">{{ a.title }}</a></li>",
    )
    .unwrap();
    std::fs::write(
        book.join("templates/partials/timeline_item.html"),
        "<li class=\"mine-timeline\">{{ a.title }}</li>",
    )
    .unwrap();
    let (_t, output) = build_into_temp(&book);
    let home = read(&output, "index.html");
    assert!(
        home.contains(r#"<li class="mine"><a href="./articles/"#),
        "{home}"
    );
    let actor = read(&output, "actors/moon-jae-in/index.html");
    assert_eq!(
        actor
            .matches(r#"<li class="mine"><a href="../../articles/"#)
            .count(),
        2
    );
    assert!(!actor.contains("article-item"));
    let year = read(&output, "years/2017/index.html");
    assert!(year.contains(r#"<li class="mine">"#), "{year}");
    let article = read(&output, "articles/2017-02-07-phone-call/index.html");
    assert!(article.contains(r#"<li class="mine"><a href="../../articles/"#));
    let timeline = read(&output, "timeline/index.html");
    assert_eq!(timeline.matches(r#"<li class="mine-timeline">"#).count(), 4);
}

#[test]
fn the_book_prints_linked_text_and_its_article_partial_can_be_overridden() {
    // Notes, bodies and annotation notes with `[[…]]` print resolved, pointing from the book.
    let (_t, output) = build_into_temp(&fixture("annotated"));
    let book = read(&output, "book/index.html");
    assert!(!book.contains("[["), "a `[[…]]` printed raw:\n{book}");
    assert!(book.contains(r#">the foreign minister</a>"#), "{book}");
    assert!(book.contains(r#"href="../topics/thaad/""#), "{book}");
    // A link to another article of the book jumps to it within the page.
    assert!(book.contains(r##">Moon in New York</a>"##), "{book}");
    assert!(book.contains(r##"href="#a"##), "{book}");
    assert_links_resolve(&output);
    // Search indexes the words readers see, not the link syntax: `[[topic:thaad]]` reads THAAD.
    let filters: serde_json::Value =
        serde_json::from_str(&read(&output, "search/filters.json")).unwrap();
    let index = filters["index"]
        .as_object()
        .expect("a small book's index is whole");
    assert!(index.contains_key("foreign") && index.contains_key("thaad"));
    assert!(!index.contains_key("topic"), "{index:?}");
    // Results list what the fragments hold; their passages come from the article pages.
    let fragments = read(&output, "search/fragment/0.json");
    assert!(
        fragments.contains("Moon says alliance remains strong"),
        "{fragments}"
    );
    assert!(!fragments.contains("NEW YORK"), "{fragments}");

    let (_book, root) = annotated_with_partial(
        "book_article.html",
        r#"<section class="mine" id="{{ a.anchor }}">{{ a.number }}. {{ a.title }}</section>"#,
    );
    let (_t, output) = build_into_temp(&root);
    let book = read(&output, "book/index.html");
    let printed = book.matches(r#"<section class="mine" id="a"#).count();
    assert_eq!(printed, 3, "{book}");
    assert!(!book.contains("book-article"), "{book}");
    // The table of contents still points at every printed article.
    assert!(book.contains(r##"<a href="#a1">"##) && book.contains(r#"id="a1""#));
}

#[test]
fn the_layout_parts_are_rendered_for_each_depth_and_section_and_can_be_replaced() {
    let (_t, output) = build_into_temp(&fixture("annotated"));
    // The navigation marks the page's own section, at each page's depth.
    let timeline = read(&output, "timeline/index.html");
    assert!(
        timeline.contains(r#"<li><a href="../timeline/" aria-current="page">"#),
        "{timeline}"
    );
    assert!(!timeline.contains(r#"<a href="../actors/" aria-current"#));
    let actors = read(&output, "actors/index.html");
    assert!(
        actors.contains(r#"<li><a href="../actors/" aria-current="page">"#),
        "{actors}"
    );
    let home = read(&output, "index.html");
    assert!(home.contains(r#"<link rel="stylesheet" href="./theme/style.css">"#));
    assert!(!home.contains("aria-current"), "{home}");
    assert!(home.contains(r#"<footer class="site-footer">"#));
    // Every article page shares the same parts, at its own depth.
    let mut articles = 0;
    for entry in std::fs::read_dir(output.join("articles")).unwrap() {
        let entry = entry.unwrap();
        if !entry.file_type().unwrap().is_dir() {
            continue;
        }
        articles += 1;
        let path = format!(
            "articles/{}/index.html",
            entry.file_name().to_string_lossy()
        );
        let page = read(&output, &path);
        assert!(
            page.contains(r#"<link rel="stylesheet" href="../../theme/style.css">"#),
            "{path}"
        );
        assert!(page.contains(r#"<li><a href="../../timeline/" aria-current="page">"#));
    }
    assert!(articles > 1);

    // A book's own partial replaces the built-in one on every page; a page's own `base.html`
    // that prints none of the parts is rendered as it is.
    let (_book, root) = annotated_with_partial(
        "site_nav.html",
        r#"<nav class="mine">{{ site.title }} {{ section }} {{ root }}</nav>"#,
    );
    let (_t2, output) = build_into_temp(&root);
    let actors = read(&output, "actors/index.html");
    assert!(actors.contains(r#"<nav class="mine">"#), "{actors}");
    assert!(actors.contains(" actors ../</nav>"), "{actors}");
    assert!(!actors.contains("site-nav"), "{actors}");
    let timeline = read(&output, "timeline/index.html");
    assert!(timeline.contains(" timeline ../</nav>"), "{timeline}");
    let base = std::fs::read_to_string(repo_root().join("templates/base.html"))
        .unwrap()
        .replace(
            "{{ site_nav | safe }}",
            "<nav class=\"own\">{{ root }}</nav>",
        )
        .replace("{{ site_footer | safe }}", "");
    std::fs::write(root.join("templates/base.html"), base).unwrap();
    let (_t3, output) = build_into_temp(&root);
    let timeline = read(&output, "timeline/index.html");
    assert!(
        timeline.contains("<nav class=\"own\">../</nav>"),
        "{timeline}"
    );
    assert!(!timeline.contains("class=\"mine\""), "{timeline}");
    assert!(!timeline.contains("site-footer"), "{timeline}");
    assert!(timeline.contains(r#"<link rel="stylesheet" href="../theme/style.css">"#));
}

/// The error of building the small book with `templates/timeline.html` replaced by `source`.
fn build_error_with_timeline_template(source: &str) -> String {
    let (_temp, book) = editable_copy_of_small_book();
    std::fs::create_dir_all(book.join("templates")).unwrap();
    std::fs::write(book.join("templates/timeline.html"), source).unwrap();
    build(&BuildOptions::new(&book)).unwrap_err().to_string()
}

#[test]
fn a_template_error_names_the_template() {
    let error = build_error_with_timeline_template("<p>Timeline</p>\n<ul>{% for x in %}</ul>");
    // The file and line of the broken tag, as an editor jumps to them.
    assert!(error.contains("templates/timeline.html:2:"), "{error}");
}

#[test]
fn a_template_failing_to_render_names_its_file_and_line() {
    let error = build_error_with_timeline_template(
        "{% extends \"base.html\" %}\n{% block content %}\n{{ no_such_variable.title }}\n{% endblock content %}",
    );
    assert!(error.contains("templates/timeline.html:3:4"), "{error}");
}

/// A copy of the example book in a temp folder, its configuration extended with `lines`.
fn example_book_with(lines: &str) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let book = temp.path().join("book");
    copy_dir(&repo_root().join("content"), &book.join("content"));
    std::fs::copy(
        repo_root().join("briefbook.toml"),
        book.join("briefbook.toml"),
    )
    .unwrap();
    append_config(&book, lines);
    (temp, book)
}

/// An editable copy of the small book, and options that build it into `site` beside it.
fn small_book_building_into_site() -> (tempfile::TempDir, PathBuf, PathBuf, BuildOptions) {
    let (temp, book) = editable_copy_of_small_book();
    let output = temp.path().join("site");
    let options = BuildOptions {
        output: Some(output.clone()),
        ..BuildOptions::new(&book)
    };
    (temp, book, output, options)
}

/// What `book` builds into a new folder.
fn fresh_build(temp: &tempfile::TempDir, book: &Path) -> BTreeMap<String, Vec<u8>> {
    let fresh = temp.path().join("fresh");
    build(&BuildOptions {
        output: Some(fresh.clone()),
        ..BuildOptions::new(book)
    })
    .unwrap();
    snapshot(&fresh)
}

/// A copy of the small fixture book in a temp folder, for tests that edit it.
fn editable_copy_of_small_book() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let book = temp.path().join("book");
    copy_dir(&fixture("small"), &book);
    (temp, book)
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files(dir)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(dir.join(&f)).unwrap()))
        .collect()
}

/// What in a page would run the payload: a script mentioning it, an event handler, a
/// `javascript:` address. Payload text shown escaped as text is harmless and allowed.
fn runnable_payload(html: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let all = Selector::parse("*").unwrap();
    for element in doc.select(&all) {
        let value = element.value();
        if value.name() == "script" && element.inner_html().contains("pwned") {
            return Some(format!("script {}", element.inner_html()));
        }
        for (name, v) in value.attrs() {
            let lower = v.trim().to_ascii_lowercase();
            if (name.starts_with("on") && v.contains("pwned")) || lower.starts_with("javascript:") {
                return Some(format!("<{} {name}={v:?}>", value.name()));
            }
        }
    }
    None
}

/// Script in every place content can hold it, and the XSS chain through import: a headline with
/// an `<img onerror>` imported as a title, then linked by a label-less `[[…]]` from another
/// article. No page of the built site carries a script, an event handler or a `javascript:`
/// address from content; with `allow_unsafe_html = true` the book's own HTML is published as is.
#[test]
fn script_in_content_never_reaches_a_page() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    let content = root.join("content");
    std::fs::create_dir_all(content.join("articles")).unwrap();
    let x = "<img src=x onerror=\"window.pwned=1\">";
    std::fs::write(root.join("briefbook.toml"), "title = \"Hostile\"\n").unwrap();
    std::fs::write(
        content.join("index.md"),
        format!("Intro {x} <script>window.pwned=2</script> [go](javascript:window.pwned=3)\n"),
    )
    .unwrap();
    std::fs::write(
        content.join("outlets.yaml"),
        "- name: Evil Wire\n  homepage: \"javascript:window.pwned=4\"\n  description: \"<script>window.pwned=5</script>\"\n",
    )
    .unwrap();
    std::fs::write(
        content.join("actors.yaml"),
        format!("- name: Ann Lee\n  description: '{x}'\n"),
    )
    .unwrap();
    // The chain from import: a raw text whose headline carries the payload.
    let stem = common::write_imported_payload(&content, x, Vec::new());
    std::fs::write(
        content.join("articles/2021-01-02-other.md"),
        format!(
            "---\ntitle: 'Other {x}'\noutlet: Evil Wire\ndate: 2021-01-02\nactors: [Ann Lee]\n\
             topics: []\nurl: \"javascript:window.pwned=6\"\nnote: 'Note {x}'\n\
             annotations:\n  - quote: \"Body text\"\n    note: \"<script>window.pwned=7</script>\"\n---\n\n\
             Body text with [[{stem}]] and <b onmouseover=\"window.pwned=8\">bold</b>[^1].\n\n\
             [^1]: A footnote {x}\n"
        ),
    )
    .unwrap();

    let (_guard, output) = build_into_temp(root);
    let mut pages = 0;
    for page in files(&output) {
        if !page.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = read(&output, &page);
        if let Some(bad) = runnable_payload(&html) {
            panic!("{bad} on {page}");
        }
    }
    assert!(pages > 5, "{pages} pages");
    // The text is still there, as text.
    let other = read(&output, "articles/2021-01-02-other/index.html");
    assert!(other.contains("Other &lt;img src=x onerror="), "{other}");
    assert!(other.contains("<b>bold</b>"), "safe markup stays: {other}");
    // The label-less link shows the linked title as the reader sees it elsewhere: text.
    let doc = Html::parse_document(&other);
    let links = Selector::parse(".article-body a").unwrap();
    let shown: Vec<String> = doc
        .select(&links)
        .map(|a| a.text().collect::<String>())
        .collect();
    assert!(
        shown
            .iter()
            .any(|t| t.contains("Talks resume in Oslo <img src=x onerror=")),
        "{shown:?}"
    );

    std::fs::write(
        root.join("briefbook.toml"),
        "title = \"Hostile\"\nallow_unsafe_html = true\n",
    )
    .unwrap();
    let (_guard, output) = build_into_temp(root);
    let home = read(&output, "index.html");
    assert!(
        home.contains("<script>window.pwned=2</script>"),
        "opted out: {home}"
    );
}

/// A FIFO named like an article would block a build forever on reading it: it is skipped, and
/// `check` says so.
#[cfg(unix)]
#[test]
fn a_fifo_among_the_articles_is_skipped_with_a_warning() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("book");
    copy_dir(&fixture("small"), &root);
    let fifo = root.join("content/articles/2017-01-01-pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let (_guard, output) = build_into_temp(&root);
    assert!(output
        .join("articles/2017-02-07-phone-call/index.html")
        .is_file());
    assert!(!output.join("articles/2017-01-01-pipe").exists());
    let report = check(&BuildOptions::new(&root)).unwrap();
    assert!(
        report
            .warnings()
            .any(|d| d.message.contains("not a regular file")),
        "the FIFO is reported"
    );
}

/// One build at a time writes an output folder: a second one is told so, never left to race;
/// and staging folders that killed builds left beside the output are cleaned up by the next.
#[test]
fn builds_take_turns_and_clear_what_killed_builds_left() {
    let temp = tempfile::tempdir().unwrap();
    let output = temp.path().join("public");
    let stale = temp.path().join(".public.staging-4194304");
    std::fs::create_dir_all(stale.join("articles")).unwrap();
    std::fs::write(stale.join("articles/x.html"), "half written").unwrap();
    let options = BuildOptions {
        output: Some(output.clone()),
        ..BuildOptions::new(fixture("small"))
    };
    build(&options).unwrap();
    assert!(!stale.exists(), "a dead build's staging folder is removed");
    assert!(output.join("index.html").is_file());

    // Another build holds the output's lock.
    let lock = std::fs::File::options()
        .write(true)
        .open(temp.path().join(".public.briefbook-lock"))
        .unwrap();
    lock.try_lock().unwrap();
    let refused = build(&options).expect_err("the second build is refused");
    assert!(
        refused.to_string().contains("another briefbook build"),
        "{refused}"
    );
    drop(lock);
    build(&options).unwrap();
}

/// An output inside the theme (or content, or templates) would be copied back into the next
/// build and grow every time: refused with a message that says why.
#[test]
fn an_output_folder_inside_the_books_sources_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("book");
    copy_dir(&fixture("small"), &root);
    for inside in ["theme/site", "content/out", "templates/x"] {
        let options = BuildOptions {
            output: Some(root.join(inside)),
            ..BuildOptions::new(&root)
        };
        let error = build(&options).expect_err(inside);
        assert!(
            error.to_string().contains("next build would read back"),
            "{error}"
        );
        assert!(!root.join(inside).exists(), "{inside} was written");
    }
    // A link that leads into the content folder is inside it too.
    #[cfg(unix)]
    {
        std::fs::create_dir(root.join("content/site")).unwrap();
        let link = temp.path().join("linked-out");
        std::os::unix::fs::symlink(root.join("content/site"), &link).unwrap();
        let options = BuildOptions {
            output: Some(link.join("public")),
            ..BuildOptions::new(&root)
        };
        let error = build(&options).expect_err("an output reached through a link");
        assert!(
            error.to_string().contains("next build would read back"),
            "{error}"
        );
        assert!(!root.join("content/site/public").exists());
    }
}

/// Two file names that give one slug both build (the later as `-2`), and the build says so
/// instead of staying silent; `check` refuses it.
#[test]
fn file_names_that_slug_alike_are_reported_by_build_and_refused_by_check() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("book");
    copy_dir(&fixture("small"), &root);
    let original = root.join("content/articles/2017-02-07-phone-call.md");
    std::fs::copy(
        &original,
        root.join("content/articles/2017-02-07-Phone Call.md"),
    )
    .unwrap();
    let options = BuildOptions {
        output: Some(temp.path().join("public")),
        ..BuildOptions::new(&root)
    };
    let report = build(&options).unwrap();
    assert!(
        report
            .warnings
            .warnings()
            .any(|d| d.message.contains("gives the same slug")),
        "the build warns"
    );
    let checked = check(&BuildOptions::new(&root));
    let refused = match checked {
        Err(Error::Content(d)) => d.errors().any(|d| d.message.contains("same slug")),
        Ok(d) => d.errors().any(|d| d.message.contains("same slug")),
        Err(_) => false,
    };
    assert!(refused, "check reports it as an error");
}

/// Fields under review are the editor's business: the build counts the articles that have
/// some, and the published pages never carry them (the preview shows them from its queue).
#[test]
fn the_build_counts_articles_under_review_and_hides_the_list_from_readers() {
    let temp = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        output: Some(temp.path().join("public")),
        ..BuildOptions::new(fixture("small"))
    };
    let report = build(&options).unwrap();
    assert_eq!(
        report.under_review, 1,
        "undated-story lists `date` under review"
    );
    let public = temp.path().join("public");
    let page = read(&public, "articles/undated-story/index.html");
    assert!(page.contains("<h1"), "the article page was written");
    for word in ["Under review", "review"] {
        assert!(!page.contains(word), "the published page mentions `{word}`");
    }
    assert!(
        !public.join("_review").exists(),
        "the review queue is the preview's alone"
    );
}
