//! Publishing: feeds, sitemap, citations, the printable book, sub-path hosting, `check` and the
//! search page in a real browser. Each test builds the `publish` fixture into its own temp dir.

mod common;
use common::{
    append_config, chromium_path, copy_dir, headless_chromium, relative_files, serve,
    BrowserScripts,
};

use std::collections::{HashMap, HashSet};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use briefbook::build::{build, BuildOptions};
use briefbook::render::urls::{is_external, percent_decode, resolve, split_link};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Builds `fixture` into `dir/<sub>` with `base_url`, returning the output folder.
fn build_into(fixture_name: &str, dir: &Path, sub: &str, base_url: Option<String>) -> PathBuf {
    let output = dir.join(sub);
    let options = BuildOptions {
        root: fixture(fixture_name),
        output: Some(output.clone()),
        base_url,
        drafts: false,
        strict: false,
        ..BuildOptions::default()
    };
    build(&options).expect("the fixture builds");
    output
}

/// The values of `attr` on the elements of `html` matching `selector` (entities decoded).
fn attrs(html: &str, selector: &str, attr: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(selector).unwrap();
    doc.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

#[test]
fn feeds_are_valid_atom_for_the_book_and_every_actor_topic_and_outlet() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_into("publish", dir.path(), "site", None);
    let feeds = [
        ("atom.xml", 3),
        ("actors/rex-tillerson/atom.xml", 2),
        ("actors/moon-jae-in/atom.xml", 1),
        ("topics/sanctions/atom.xml", 1),
        ("outlets/yonhap-news-agency/atom.xml", 2),
    ];
    for (path, entries) in feeds {
        let text = read(&out.join(path));
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let feed = doc.root_element();
        assert_eq!(feed.tag_name().namespace(), Some(ATOM), "{path}");
        assert_eq!(feed.tag_name().name(), "feed");
        fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
            node.children()
                .find(|c| c.has_tag_name((ATOM, name)))
                .unwrap_or_else(|| panic!("no <{name}>"))
        }
        for required in ["id", "title", "updated", "author"] {
            child(feed, required);
        }
        let found: Vec<_> = feed
            .children()
            .filter(|c| c.has_tag_name((ATOM, "entry")))
            .collect();
        assert_eq!(found.len(), entries, "{path}");
        for entry in &found {
            for required in ["id", "title", "updated", "link"] {
                child(*entry, required);
            }
            let id = child(*entry, "id").text().unwrap();
            assert!(
                id.starts_with("urn:uuid:"),
                "{path}: ids are absolute: {id}"
            );
            // Without a base URL, entry links resolve against the feed's own address.
            let href = child(*entry, "link").attribute("href").unwrap();
            let folder = path.trim_end_matches("atom.xml");
            let target = resolve(folder, href).unwrap();
            assert!(
                out.join(&target).join("index.html").is_file(),
                "{path}: {href}"
            );
        }
    }
    // The newest article's date (a partial `2018`) is the book feed's `updated`: no build time.
    let book_feed = read(&out.join("atom.xml"));
    assert!(book_feed.contains("<updated>2018-01-01T00:00:00Z</updated>"));
    // Pages link their feeds.
    let actor_page = read(&out.join("actors/rex-tillerson/index.html"));
    let feeds = attrs(
        &actor_page,
        r#"link[rel="alternate"][type="application/atom+xml"]"#,
        "href",
    );
    assert_eq!(
        feeds,
        ["../../atom.xml", "../../actors/rex-tillerson/atom.xml"]
    );
}

#[test]
fn sitemap_lists_every_page_with_absolute_urls_and_robots_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let base = "https://example.org/book/";
    let out = build_into("publish", dir.path(), "site", Some(base.to_string()));
    let text = read(&out.join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&text).unwrap();
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let locations: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "loc")))
        .filter_map(|n| n.text())
        .collect();
    let pages = relative_files(&out)
        .into_iter()
        .filter(|p| p.ends_with("index.html"))
        .count();
    assert_eq!(locations.len(), pages, "every page but 404.html");
    for location in &locations {
        let path = location
            .strip_prefix(base)
            .expect("absolute under the base");
        assert!(out.join(path).join("index.html").is_file(), "{location}");
    }
    assert!(
        text.contains("<lastmod>2017-09-01</lastmod>"),
        "partial dates use day one"
    );
    let robots = read(&out.join("robots.txt"));
    assert!(robots.contains("Sitemap: https://example.org/book/sitemap.xml"));
}

/// A minimal BibTeX reader: entries as (type, key, fields), with braces balanced.
fn parse_bibtex(text: &str) -> Vec<(String, String, HashMap<String, String>)> {
    let mut entries = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        rest = &rest[at + 1..];
        let open = rest.find('{').expect("entry opens");
        let kind = rest[..open].to_string();
        let body_start = open + 1;
        let mut depth = 1;
        let mut end = None;
        let bytes = rest.as_bytes();
        let mut i = body_start;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 1,
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(i);
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let end = end.expect("entry closes");
        let body = &rest[body_start..end];
        let (key, fields_text) = body.split_once(',').expect("key");
        let mut fields = HashMap::new();
        for line in fields_text.lines() {
            if let Some((name, value)) = line.split_once('=') {
                let value = value.trim().trim_end_matches(',');
                let value = value
                    .strip_prefix('{')
                    .and_then(|v| v.strip_suffix('}'))
                    .unwrap_or(value);
                fields.insert(name.trim().to_string(), value.to_string());
            }
        }
        entries.push((kind, key.trim().to_string(), fields));
        rest = &rest[end..];
    }
    entries
}

#[test]
fn citation_exports_parse_and_hold_every_article() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_into("publish", dir.path(), "site", None);

    let csl: serde_json::Value = serde_json::from_str(&read(&out.join("citations.json"))).unwrap();
    let items = csl.as_array().expect("CSL-JSON is an array");
    assert_eq!(items.len(), 3);
    for item in items {
        assert_eq!(item["type"], "article-newspaper");
        assert!(item["id"].is_string() && item["title"].is_string());
    }
    let korean = items
        .iter()
        .find(|i| i["id"] == "2018-moon-interview")
        .unwrap();
    assert_eq!(korean["author"].as_array().unwrap().len(), 3);
    assert_eq!(korean["issued"]["date-parts"][0], serde_json::json!([2018]));

    let bib = parse_bibtex(&read(&out.join("citations.bib")));
    assert_eq!(bib.len(), 3);
    let keys: HashSet<&str> = bib.iter().map(|e| e.1.as_str()).collect();
    assert_eq!(keys.len(), 3, "keys are unique");
    let call = bib
        .iter()
        .find(|e| e.1 == "2017-02-07-yun-tillerson")
        .unwrap();
    assert_eq!(call.0, "article");
    assert_eq!(call.2["journal"], "Yonhap News Agency");
    assert_eq!(call.2["month"], "feb");

    let ris = read(&out.join("citations.ris"));
    assert_eq!(ris.matches("TY  - NEWS").count(), 3);
    assert_eq!(ris.matches("ER  - ").count(), 3);

    let page = read(&out.join("articles/2017-02-07-yun-tillerson/index.html"));
    assert!(
        page.contains("Kim Eun-jung. “Yun, Tillerson reaffirm"),
        "Chicago by default"
    );
    let copied = attrs(&page, "button[data-copy]", "data-copy");
    assert!(
        copied[0].starts_with("Kim Eun-jung. “Yun"),
        "a copy button: {copied:?}"
    );
    let own = attrs(
        &page,
        r#"a[download="2017-02-07-yun-tillerson.bib"]"#,
        "href",
    );
    let decoded = briefbook::render::urls::percent_decode(&own[0]);
    assert!(
        decoded.contains("@article{2017-02-07-yun-tillerson,"),
        "{decoded}"
    );
    let own_csl = attrs(
        &page,
        r#"a[download="2017-02-07-yun-tillerson.json"]"#,
        "href",
    );
    let decoded = briefbook::render::urls::percent_decode(&own_csl[0]);
    let json = decoded
        .strip_prefix("data:application/vnd.citationstyles.csl+json;charset=utf-8,")
        .unwrap_or_else(|| panic!("a CSL-JSON data URL: {decoded}"));
    let entries: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(entries[0]["id"], "2017-02-07-yun-tillerson");
    let listed = items
        .iter()
        .find(|i| i["id"] == "2017-02-07-yun-tillerson")
        .unwrap();
    assert_eq!(
        &entries[0], listed,
        "the page's entry is the one in citations.json"
    );
    let links = attrs(&page, ".citation a", "href");
    assert!(
        links.iter().any(|l| l == "../../citations.json"),
        "{links:?}"
    );
}

#[test]
fn the_printable_book_holds_every_article_with_notes_and_an_actor_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_into("publish", dir.path(), "site", None);
    let html = read(&out.join("book/index.html"));
    let doc = scraper::Html::parse_document(&html);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    assert_eq!(doc.select(&select("article.book-article")).count(), 3);
    assert!(doc.select(&select(".book-introduction")).next().is_some());
    let groups: Vec<String> = doc
        .select(&select(".book-toc h3"))
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(
        groups,
        ["Korea–US alliance", "Sanctions"],
        "grouped by topic"
    );
    // The annotated words are marked in the text, their note right after the paragraph.
    let marked: String = doc
        .select(&select(".book-article mark.annotation"))
        .flat_map(|n| n.text())
        .collect();
    assert!(marked.contains("ironclad commitment"), "{marked}");
    let notes: String = doc
        .select(&select(".book-article .annotation-note"))
        .flat_map(|n| n.text())
        .collect();
    assert!(notes.contains("every joint statement"), "{notes}");
    assert!(html.contains("Editor’s note"));
    let index: Vec<String> = doc
        .select(&select(".actor-index li"))
        .map(|li| li.text().collect())
        .collect();
    assert!(
        index
            .iter()
            .any(|e| e.starts_with("Rex Tillerson") && e.contains('1') && e.contains('3')),
        "{index:?}"
    );
    // The link between two articles becomes a jump inside the book.
    assert!(
        html.contains(r##"<a href="#a3">sanctions against the North</a>"##),
        "{html}"
    );
    // Footnote ids are made unique per article.
    assert!(html.contains(r#"id="a1-"#) || html.contains(r#"id="a2-"#));
    assert!(read(&out.join("theme/publish.css")).contains("@media print"));
}

#[test]
fn the_book_can_be_grouped_by_year() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("book");
    copy_dir(&fixture("publish"), &root);
    let config = read(&root.join("briefbook.toml")) + "book_grouping = \"year\"\n";
    std::fs::write(root.join("briefbook.toml"), config).unwrap();
    let out = dir.path().join("out");
    build(&BuildOptions {
        root,
        output: Some(out.clone()),
        ..BuildOptions::default()
    })
    .unwrap();
    let html = read(&out.join("book/index.html"));
    let doc = scraper::Html::parse_document(&html);
    let groups: Vec<String> = doc
        .select(&scraper::Selector::parse(".book-toc h3").unwrap())
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(groups, ["2017", "2018"]);
}

/// Follows every link of every page of a site published at `base` (an URL ending in `/sub/`)
/// against the files on disk, independently of `briefbook check`. Returns the broken ones.
fn broken_links_under(out: &Path, base: &str) -> Vec<String> {
    let base_path = &base[base.find("://").unwrap() + 3..];
    let base_path = &base_path[base_path.find('/').unwrap()..];
    let mut broken = Vec::new();
    let selector = scraper::Selector::parse("[href], [src], [action], [data-index]").unwrap();
    let files: HashSet<String> = relative_files(out).into_iter().collect();
    let exists = |target: &str| -> bool {
        let target = percent_decode(target);
        files.contains(&target)
            || files.contains(&format!("{target}index.html"))
            || files.contains(&format!("{target}/index.html"))
    };
    for page in files.iter().filter(|p| p.ends_with(".html")) {
        let folder = page.rsplit_once('/').map_or("", |(f, _)| f);
        let folder = if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        };
        let doc = scraper::Html::parse_document(&read(&out.join(page)));
        for element in doc.select(&selector) {
            for attr in ["href", "src", "action", "data-index"] {
                let Some(value) = element.value().attr(attr) else {
                    continue;
                };
                let value = value
                    .strip_prefix(base)
                    .map_or(value.to_string(), |v| format!("{base_path}{v}"));
                if value.is_empty() || is_external(&value) {
                    continue;
                }
                let (path, _, _) = split_link(&value);
                let target = match path.strip_prefix(base_path) {
                    Some(inside) => Some(inside.to_string()),
                    None if path.starts_with('/') => None,
                    None => resolve(&folder, path),
                };
                match target {
                    Some(t) if exists(&t) => {}
                    _ => broken.push(format!("{page}: {attr}={value}")),
                }
            }
        }
    }
    for feed in files
        .iter()
        .filter(|p| p.ends_with("atom.xml") || *p == "sitemap.xml")
    {
        let text = read(&out.join(feed));
        let doc = roxmltree::Document::parse(&text).unwrap();
        let urls = doc
            .descendants()
            .filter_map(|n| {
                n.attribute("href")
                    .or(if n.has_tag_name("loc") || n.tag_name().name() == "loc" {
                        n.text()
                    } else {
                        None
                    })
            })
            .filter(|u| !u.starts_with("https://en.yna.co.kr"));
        let folder = feed
            .trim_end_matches("atom.xml")
            .trim_end_matches("sitemap.xml");
        for url in urls {
            let target = match url.strip_prefix(base) {
                Some(inside) => Some(inside.to_string()),
                None => resolve(folder, split_link(url).0),
            };
            match target {
                Some(t) if exists(&t) => {}
                _ => broken.push(format!("{feed}: {url}")),
            }
        }
    }
    broken
}

#[test]
fn a_site_built_for_a_sub_path_has_no_broken_links_there() {
    let dir = tempfile::tempdir().unwrap();
    let base = "http://127.0.0.1:8000/sub/";
    let out = build_into("publish", dir.path(), "sub", Some(base.to_string()));
    let broken = broken_links_under(&out, base);
    assert!(broken.is_empty(), "{broken:#?}");
    // The 404 page is served at any address, so its links are absolute under the sub-path.
    let not_found = read(&out.join("404.html"));
    assert!(attrs(&not_found, "a", "href").contains(&"/sub/timeline/".to_string()));
    assert!(
        attrs(&not_found, "main form", "action").contains(&"/sub/search/".to_string()),
        "404 has a search box"
    );
}

#[test]
fn a_site_without_base_url_has_relative_links_that_work_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_into("publish", dir.path(), "sub", None);
    // Any mount point works for relative links; 404.html is excluded because it needs the base.
    let broken: Vec<String> = broken_links_under(&out, "http://host/any/where/")
        .into_iter()
        .filter(|b| !b.starts_with("404.html"))
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
}

fn briefbook() -> Command {
    Command::cargo_bin("briefbook").unwrap()
}

#[test]
fn check_passes_a_clean_book_with_warnings_for_partial_dates() {
    let output = briefbook()
        .args(["check", "--format", "json", "--root"])
        .arg(fixture("publish"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["errors"], 0, "{report:#}");
    assert_eq!(report["warnings"], 2, "{report:#}");
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(messages
        .iter()
        .any(|m| m.contains("known only to the month")));
    assert!(messages
        .iter()
        .any(|m| m.contains("known only to the year")));
}

#[test]
fn check_reports_broken_links_anchors_and_colliding_slugs_and_fails() {
    let output = briefbook()
        .args(["check", "--format", "json", "--root"])
        .arg(fixture("broken-links"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let article = "content/articles/2020-01-02-a.md";
    assert!(
        errors
            .iter()
            .any(|(p, m)| p == article && m.contains("no element with id `no-such-anchor`")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|(p, m)| p == article && m.contains("no `articles/2020-01-04-missing/`")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|(_, m)| m.contains("only by case or punctuation")),
        "{errors:#?}"
    );
    assert_eq!(report["errors"].as_u64().unwrap() as usize, errors.len());
}

fn build_pdf(root: &Path, out: &Path) -> std::process::Output {
    briefbook()
        .args(["build", "--pdf", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .output()
        .unwrap()
}

/// Needs Chromium (`./test.sh` installs it): a missing browser fails this test, never skips it.
#[test]
fn build_pdf_prints_the_book_and_each_volume() {
    assert!(
        briefbook::pdf::find_browser().is_some(),
        "this test needs Chromium on PATH (apt-get install chromium, or run ./test.sh)"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let output = build_pdf(&fixture("publish"), &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pdf = std::fs::read(out.join("book.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");

    // A book in volumes prints one PDF per volume.
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("book");
    copy_dir(&fixture("publish"), &root);
    append_config(&root, "book_page_limit = 1");
    let out = temp.path().join("site");
    let output = build_pdf(&root, &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let volumes = std::fs::read_dir(out.join("book"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("index.html").is_file())
        .count();
    assert!(volumes >= 2, "the book is in volumes");
    for n in 1..=volumes {
        let pdf = std::fs::read(out.join(format!("book-{n}.pdf"))).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "volume {n} is a PDF");
    }
    assert!(!out.join("book.pdf").exists());
}

/// Without any browser on PATH, `--pdf` fails after the build and says what to install.
#[test]
fn build_pdf_without_a_browser_says_how_to_install_one() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("no-browsers");
    std::fs::create_dir(&empty).unwrap();
    let out = dir.path().join("site");
    let output = briefbook()
        .args(["build", "--pdf", "--root"])
        .arg(fixture("publish"))
        .arg("--output")
        .arg(&out)
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("apt-get install chromium"));
    assert!(
        out.join("index.html").is_file(),
        "the site itself was built"
    );
}

#[test]
fn a_site_opened_from_the_disk_follows_its_folder_links_in_headless_chromium() {
    let browser = BrowserScripts::ready();
    let dir = tempfile::tempdir().unwrap();
    let out = build_into("publish", dir.path(), "site", None);
    let url = format!("file://{}/", out.display());
    browser.run("file_links.mjs", [&url], "the site opened from the disk");
}

#[test]
fn search_page_finds_names_filters_and_korean_in_headless_chromium() {
    let browser = BrowserScripts::ready();
    let dir = tempfile::tempdir().unwrap();
    let server_root = dir.path().join("www");
    std::fs::create_dir_all(&server_root).unwrap();
    let server = serve(&server_root);
    // The small book ships its index whole in filters.json; the same book split into shard and
    // facet files, as a big book's is, must find the same.
    let split = dir.path().join("split-book");
    copy_dir(&fixture("publish"), &split);
    append_config(&split, "search_split_above = 0");
    for (root, sub) in [(fixture("publish"), "sub"), (split, "split")] {
        let base = format!("http://127.0.0.1:{}/{sub}/", server.port);
        let output_dir = server_root.join(sub);
        build(&BuildOptions {
            root,
            output: Some(output_dir.clone()),
            base_url: Some(base.clone()),
            drafts: false,
            strict: false,
            ..BuildOptions::default()
        })
        .expect("the fixture builds");
        assert_eq!(
            output_dir.join("search/index").is_dir(),
            sub == "split",
            "{sub}: the index is split only past search_split_above"
        );
        let index = if sub == "split" { "split" } else { "whole" };
        browser.run("search.mjs", [base.as_str(), index], sub);
    }
}

/// A static host for `dir` that answers misses under `/sub/` with `sub/404.html`, as hosts do.
fn host_with_404(dir: PathBuf) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let mut words = request.split_whitespace();
            let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
            let mut file = dir.join(path.trim_start_matches('/'));
            if path.ends_with('/') {
                file = file.join("index.html");
            }
            let (status, body) = match std::fs::read(&file) {
                Ok(body) if !path.contains("..") => ("200 OK", body),
                _ => (
                    "404 Not Found",
                    std::fs::read(dir.join("sub/404.html")).unwrap(),
                ),
            };
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            if method != "HEAD" {
                let _ = stream.write_all(&body);
            }
        }
    });
    port
}

#[test]
fn the_404_page_finds_the_site_under_a_sub_path_without_a_base_url() {
    let chromium = chromium_path();
    let dir = tempfile::tempdir().unwrap();
    build_into("publish", dir.path(), "sub", None);
    let port = host_with_404(dir.path().to_path_buf());
    let profile = tempfile::tempdir().unwrap();
    let output = headless_chromium(&chromium)
        .args(["--virtual-time-budget=5000", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("http://127.0.0.1:{port}/sub/no/such/page/"))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&output.stdout);
    let hrefs = attrs(&dom, "main a[href], link[rel=stylesheet]", "href");
    assert!(!hrefs.is_empty(), "no links in the 404 page: {dom}");
    for href in &hrefs {
        assert!(
            href.starts_with("/sub/"),
            "{href} does not lead into the site: {hrefs:?}"
        );
    }
    let actions = attrs(&dom, "main form", "action");
    assert_eq!(actions, ["/sub/search/"]);
}
