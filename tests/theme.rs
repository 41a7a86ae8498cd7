//! The default theme and templates: every built page is accessible, self-contained (no remote
//! stylesheets, scripts or fonts) and linked to a stylesheet that has dark-mode and print rules.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use briefbook::build::{build, BuildOptions};
use scraper::{Html, Selector};

const FIXTURE: &str = "tests/fixtures/theme-demo";

/// The fixture built once for all tests: the temp dir (kept alive) and every HTML page in it.
struct Site {
    _dir: tempfile::TempDir,
    out: PathBuf,
    pages: Vec<(PathBuf, String)>,
}

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("out");
        let mut options = BuildOptions::new(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE));
        options.output = Some(out.clone());
        build(&options).expect("the theme fixture builds");
        let mut pages: Vec<(PathBuf, String)> = walkdir::WalkDir::new(&out)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.expect("walk output").into_path())
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .map(|p| {
                let html = std::fs::read_to_string(&p).expect("read page");
                (p, html)
            })
            .collect();
        pages.sort();
        Site {
            _dir: dir,
            out,
            pages,
        }
    })
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("valid selector")
}

/// Resolves `href` as the browser would from `page`; an absolute path starts at the site root
/// (the 404 page's links are absolute because it is served at any address).
fn resolve(out: &Path, page: &Path, href: &str) -> PathBuf {
    let path = href.split(['#', '?']).next().unwrap_or("");
    let base = match path.strip_prefix('/') {
        Some(_) => out.to_path_buf(),
        None => page.parent().expect("page has a folder").to_path_buf(),
    };
    let mut resolved = PathBuf::new();
    for component in base.join(path.trim_start_matches('/')).components() {
        match component {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::CurDir => {}
            other => resolved.push(other),
        }
    }
    if path.is_empty() || path.ends_with('/') {
        resolved.push("index.html");
    }
    resolved
}

fn is_external(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")
}

#[test]
fn the_fixture_has_every_kind_of_page() {
    let site = site();
    let names: Vec<String> = site
        .pages
        .iter()
        .map(|(p, _)| p.strip_prefix(&site.out).unwrap().display().to_string())
        .collect();
    for expected in [
        "index.html",
        "404.html",
        "timeline/index.html",
        "actors/index.html",
        "topics/index.html",
        "outlets/index.html",
        "years/index.html",
        "years/2017/index.html",
        "actors/moon-jae-in/index.html",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    assert!(names.iter().filter(|n| n.starts_with("articles/")).count() >= 5);
}

#[test]
fn every_page_has_landmarks_language_viewport_and_a_skip_link() {
    for (path, html) in &site().pages {
        let doc = Html::parse_document(html);
        let lang = doc
            .select(&sel("html"))
            .next()
            .and_then(|e| e.value().attr("lang"));
        assert!(lang.is_some_and(|l| !l.is_empty()), "{path:?}: <html lang>");
        let viewport = doc
            .select(&sel(r#"meta[name="viewport"]"#))
            .next()
            .and_then(|e| e.value().attr("content"));
        assert!(
            viewport.is_some_and(|v| v.contains("width=device-width")),
            "{path:?}: viewport meta"
        );
        assert_eq!(
            doc.select(&sel("main#main")).count(),
            1,
            "{path:?}: one <main id=main>"
        );
        for landmark in [
            "header.site-header",
            "nav[aria-label]",
            "footer.site-footer",
        ] {
            assert!(
                doc.select(&sel(landmark)).next().is_some(),
                "{path:?}: {landmark}"
            );
        }
        let first_link = doc.select(&sel("body a")).next().expect("a link");
        assert_eq!(
            first_link.value().attr("href"),
            Some("#main"),
            "{path:?}: the skip link comes first"
        );
        assert!(first_link.value().classes().any(|c| c == "skip-link"));
        assert_eq!(doc.select(&sel("h1")).count(), 1, "{path:?}: one h1");
    }
}

#[test]
fn every_page_links_an_existing_stylesheet_and_nothing_remote() {
    let site = site();
    for (path, html) in &site.pages {
        let doc = Html::parse_document(html);
        let stylesheets: Vec<&str> = doc
            .select(&sel(r#"link[rel="stylesheet"]"#))
            .filter_map(|e| e.value().attr("href"))
            .collect();
        assert!(!stylesheets.is_empty(), "{path:?}: a stylesheet");
        for href in &stylesheets {
            let file = resolve(&site.out, path, href);
            assert!(file.is_file(), "{path:?}: {href} → {file:?} exists");
        }
        for element in doc.select(&sel("link[href], script[src]")) {
            let url = element
                .value()
                .attr("href")
                .or_else(|| element.value().attr("src"))
                .unwrap_or_default();
            assert!(!is_external(url), "{path:?}: remote resource {url}");
        }
        for style in doc.select(&sel("style")) {
            let css = style.text().collect::<String>();
            assert!(
                !css.contains("url(http") && !css.contains("@import"),
                "{path:?}"
            );
        }
    }
}

#[test]
fn the_stylesheet_has_dark_mode_and_print_rules_and_loads_nothing_remote() {
    let css = std::fs::read_to_string(site().out.join("theme/style.css")).expect("style.css");
    assert!(css.contains("prefers-color-scheme: dark"));
    assert!(css.contains("@media print"));
    assert!(
        css.contains("@media (min-width: 1100px)"),
        "a margin column"
    );
    for class in [
        "mark.annotation",
        ".annotation-note",
        ".sidenote",
        ".sidenote-ref",
        ".footnote-definition",
        ".hl-comment",
        ".hl-keyword",
        ".hl-string",
    ] {
        assert!(css.contains(class), "style.css styles {class}");
    }
    let lower = css.to_ascii_lowercase();
    assert!(!lower.contains("@import"), "no @import");
    assert!(!lower.contains("@font-face"), "no web fonts");
    for (i, _) in lower.match_indices("url(") {
        let rest = lower[i + 4..].trim_start_matches(['"', '\'', ' ']);
        assert!(
            !is_external(rest),
            "remote url in style.css: {}",
            &css[i..i + 40]
        );
    }
}

#[test]
fn ids_are_unique_and_fragment_links_and_internal_links_resolve() {
    let site = site();
    for (path, html) in &site.pages {
        let doc = Html::parse_document(html);
        let mut ids = HashSet::new();
        for element in doc.select(&sel("[id]")) {
            let id = element.value().attr("id").unwrap_or_default();
            assert!(ids.insert(id.to_string()), "{path:?}: duplicate id {id}");
        }
        for a in doc.select(&sel("a[href]")) {
            let href = a.value().attr("href").unwrap_or_default();
            if let Some(fragment) = href.strip_prefix('#') {
                assert!(ids.contains(fragment), "{path:?}: no #{fragment}");
                continue;
            }
            if is_external(href) || href.starts_with("mailto:") || href.starts_with("data:") {
                continue;
            }
            let target = resolve(&site.out, path, href);
            assert!(target.is_file(), "{path:?}: {href} → {target:?}");
        }
    }
}

#[test]
fn headings_descend_one_level_at_a_time() {
    for (path, html) in &site().pages {
        let doc = Html::parse_document(html);
        let mut previous = 0;
        for heading in doc.select(&sel("h1, h2, h3, h4, h5, h6")) {
            let level: usize = heading.value().name()[1..].parse().expect("h level");
            assert!(
                level <= previous + 1,
                "{path:?}: h{level} after h{previous}: {}",
                heading.text().collect::<String>()
            );
            previous = level;
        }
    }
}

#[test]
fn the_header_search_form_submits_q_to_the_search_page() {
    // The search page replaces the header box with its own, larger one.
    for (path, html) in site()
        .pages
        .iter()
        .filter(|(p, _)| !p.to_string_lossy().contains("/search/"))
    {
        let doc = Html::parse_document(html);
        let form = doc
            .select(&sel(r#"header form[role="search"]"#))
            .next()
            .unwrap_or_else(|| panic!("{path:?}: search form"));
        assert_eq!(form.value().attr("method"), Some("get"));
        assert!(form
            .value()
            .attr("action")
            .is_some_and(|a| a.ends_with("search/")));
        let input = form
            .select(&sel(r#"input[name="q"]"#))
            .next()
            .expect("q input");
        let id = input.value().attr("id").expect("input id");
        let label = format!(r#"label[for="{id}"]"#);
        assert!(
            form.select(&sel(&label)).next().is_some(),
            "{path:?}: label"
        );
    }
}

#[test]
fn the_current_section_is_marked_in_the_main_navigation() {
    let site = site();
    let page = |p: &str| {
        let html = std::fs::read_to_string(site.out.join(p)).expect("page");
        Html::parse_document(&html)
    };
    for (file, section) in [
        ("timeline/index.html", "Timeline"),
        ("actors/moon-jae-in/index.html", "Actors"),
        ("years/2017/index.html", "Years"),
    ] {
        let doc = page(file);
        let current: Vec<String> = doc
            .select(&sel(r#".site-nav a[aria-current="page"]"#))
            .map(|a| a.text().collect())
            .collect();
        assert_eq!(current, vec![section.to_string()], "{file}");
    }
    assert_eq!(
        page("index.html")
            .select(&sel(r#".site-nav a[aria-current]"#))
            .count(),
        0
    );
}

#[test]
fn actor_and_topic_tags_are_told_apart() {
    let html = std::fs::read_to_string(
        site()
            .out
            .join("articles/2017-02-07-yun-tillerson-affirm-commitment-to-alliance/index.html"),
    )
    .expect("article");
    let doc = Html::parse_document(&html);
    assert!(doc.select(&sel("a.tag.actor")).count() >= 2);
    assert!(doc.select(&sel("a.tag.topic")).count() >= 2);
    assert_eq!(
        doc.select(&sel("a.tag.actor.topic")).count(),
        0,
        "a tag is one or the other"
    );
}
