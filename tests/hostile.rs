//! Attacks kept as tests, in a real browser: a book with script in every field an editor or an
//! imported page can fill is built, and headless Chromium loads every page of it. Each payload
//! sets `window.pwned` when it runs; the test asserts that no page ran one, and that no page
//! carries an event-handler attribute or a `javascript:` address as the browser parsed it. A
//! control page with a real script proves the probe sees a payload that runs.
//!
//! Other hostile inputs have tests beside the code they attack: a FIFO among the articles and
//! slug collisions (tests/build.rs), YAML alias amplification (src/load), HTML nested 100,000
//! deep (src/import/html.rs), half-sent requests to the preview (tests/serve.rs).

mod common;

use std::path::Path;

use briefbook::build::{build, BuildOptions};
use common::{chromium_path, headless_chromium, relative_files};

const IMG: &str = "<img src=x onerror=\"window.pwned=1\">";
const SCRIPT: &str = "<script>window.pwned=2</script>";
const SVG: &str = "<svg onload=\"window.pwned=3\"></svg>";

/// Writes a book whose every field holds a payload, the import-to-wikilink chain included.
fn hostile_book(root: &Path) {
    let content = root.join("content");
    std::fs::create_dir_all(content.join("articles")).unwrap();
    let all = format!("{IMG} {SCRIPT} {SVG}");
    std::fs::write(
        root.join("briefbook.toml"),
        "title = \"Hostile <script>window.pwned=4</script>\"\ndescription = \"<img src=x onerror=window.pwned=5>\"\n",
    )
    .unwrap();
    std::fs::write(
        content.join("index.md"),
        format!("Intro {all} [go](javascript:window.pwned=6) <a href=\"javascript:window.pwned=7\">x</a>\n"),
    )
    .unwrap();
    std::fs::write(
        content.join("outlets.yaml"),
        format!(
            "- name: 'Evil {IMG} Wire'\n  aliases: [Evil Wire]\n  homepage: \"javascript:window.pwned=8\"\n  description: '{all}'\n"
        ),
    )
    .unwrap();
    std::fs::write(
        content.join("actors.yaml"),
        format!("- name: 'Ann {IMG} Lee'\n  aliases: [Ann Lee]\n  country: '{SCRIPT}'\n  description: '{all} [[topic:evil]]'\n  roles:\n    - title: '{IMG}'\n      organisation: '{SCRIPT}'\n"),
    )
    .unwrap();
    std::fs::write(
        content.join("topics.yaml"),
        format!("- slug: evil\n  title: 'Evil {IMG}'\n  description: '{all}'\n  keywords: ['{SCRIPT}']\n"),
    )
    .unwrap();
    // The chain from import: a raw text whose headline carries the payload, linked by `[[slug]]`.
    let stem = common::write_imported_payload(&content, IMG, vec!["evil".to_string()]);
    std::fs::write(
        content.join("articles/2021-01-02-other.md"),
        format!(
            "---\ntitle: 'Other {IMG}'\noutlet: Evil Wire\ndate: 2021-01-02\nactors: [Ann Lee]\n\
             topics: [evil]\nurl: \"javascript:window.pwned=9\"\nsummary: '{all}'\nnote: 'Note {all}'\n\
             dateline: '{SCRIPT}'\nbyline: ['{IMG}']\npublisher: '{SCRIPT}'\n\
             annotations:\n  - quote: \"Body text\"\n    note: '{all} [x](javascript:window.pwned=10)'\n    id: '\"><script>window.pwned=11</script>'\n---\n\n\
             Body text with [[{stem}]], [[Ann Lee]] and <b onmouseover=\"window.pwned=12\">bold</b>[^1]. {all}\n\n\
             <iframe src=\"javascript:window.parent.pwned=13\"></iframe> [click](javascript:window.pwned=14)\n\n\
             ![pic](javascript:window.pwned=15) <a href=\"  JaVaScRiPt:window.pwned=16\">y</a>\n\n\
             [^1]: A footnote {all}\n"
        ),
    )
    .unwrap();
}

/// A probe page that loads each page in a frame and reports, for each one that is not clean,
/// what ran or what a reader's click could run.
fn probe_page(pages: &[String]) -> String {
    let list = serde_json::to_string(pages).unwrap();
    format!(
        r#"<!doctype html><body><iframe id="f"></iframe><pre id="result">pending</pre>
<script>
const pages = {list};
const found = [];
const frame = document.getElementById('f');
function inspect(page) {{
  const w = frame.contentWindow, d = frame.contentDocument;
  if (!d) {{ found.push(page + ': not readable'); return; }}
  if (w.pwned !== undefined) found.push(page + ': ran payload ' + w.pwned);
  for (const e of d.querySelectorAll('*')) {{
    for (const a of e.attributes) {{
      const v = a.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      // The printable book's own button (a template's, not content's) is the one handler allowed.
      const ours = a.name === 'onclick' && a.value === 'window.print()';
      if (a.name.startsWith('on') && !ours) found.push(page + ': <' + e.tagName + ' ' + a.name + '>');
      if (v.startsWith('javascript:')) found.push(page + ': <' + e.tagName + ' ' + a.name + '=' + a.value + '>');
    }}
  }}
  // Frames of the page ran their own payloads on themselves.
  for (const inner of d.querySelectorAll('iframe')) {{
    try {{ if (inner.contentWindow.pwned !== undefined) found.push(page + ': frame ran ' + inner.contentWindow.pwned); }} catch (e) {{}}
  }}
}}
function next(i) {{
  if (i === pages.length) {{
    document.getElementById('result').textContent = found.length ? found.join('\n') : 'clean ' + pages.length;
    return;
  }}
  frame.onload = () => setTimeout(() => {{ inspect(pages[i]); next(i + 1); }}, 50);
  frame.src = pages[i];
}}
next(0);
</script>"#
    )
}

/// Loads `pages` (paths under `site`) in headless Chromium through the probe.
fn probe(site: &Path, pages: &[String]) -> String {
    let chromium = chromium_path();
    let probe = site.join("hostile-probe.html");
    std::fs::write(&probe, probe_page(pages)).unwrap();
    let url = format!("file://{}", probe.display());
    let out = headless_chromium(&chromium)
        .args([
            "--allow-file-access-from-files",
            "--virtual-time-budget=60000",
            "--dump-dom",
            &url,
        ])
        .output()
        .expect("headless Chromium runs");
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom
        .find("<pre id=\"result\">")
        .unwrap_or_else(|| panic!("no result: {dom}"))
        + "<pre id=\"result\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    dom[start..end].replace("&lt;", "<").replace("&gt;", ">")
}

#[test]
fn no_payload_runs_on_any_page_in_chromium() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("book");
    hostile_book(&root);
    let site = temp.path().join("site");
    build(&BuildOptions {
        output: Some(site.clone()),
        ..BuildOptions::new(&root)
    })
    .unwrap();
    let mut pages: Vec<String> = relative_files(&site)
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect();
    pages.sort();
    assert!(pages.len() > 10, "{pages:?}");
    for expected in [
        "index.html",
        "articles/2021-01-02-other/index.html",
        "topics/evil/index.html",
    ] {
        assert!(
            pages.iter().any(|p| p == expected),
            "{expected} among {pages:?}"
        );
    }

    // The probe sees a payload that runs, and a handler left in a page.
    std::fs::write(
        site.join("control.html"),
        format!("<!doctype html><title>c</title>{SCRIPT}<a href=\"javascript:void 0\">x</a>"),
    )
    .unwrap();
    let control = probe(&site, &["control.html".to_string()]);
    assert!(control.contains("control.html: ran payload 2"), "{control}");
    assert!(control.contains("javascript:void 0"), "{control}");

    let result = probe(&site, &pages);
    assert_eq!(
        result,
        format!("clean {}", pages.len()),
        "payloads ran or stayed runnable"
    );
    // The words are still there, as text.
    let other = std::fs::read_to_string(site.join("articles/2021-01-02-other/index.html")).unwrap();
    assert!(
        other.contains("Other &lt;img src=x onerror="),
        "the title is shown as text"
    );

    // The same book with the sanitizer turned off: the probe sees the body's payloads run.
    let config = std::fs::read_to_string(root.join("briefbook.toml")).unwrap();
    std::fs::write(
        root.join("briefbook.toml"),
        format!("{config}allow_unsafe_html = true\n"),
    )
    .unwrap();
    let unsafe_site = temp.path().join("unsafe");
    build(&BuildOptions {
        output: Some(unsafe_site.clone()),
        ..BuildOptions::new(&root)
    })
    .unwrap();
    let article = "articles/2021-01-02-other/index.html".to_string();
    let result = probe(&unsafe_site, &[article]);
    assert!(result.contains("ran payload"), "{result}");
}
