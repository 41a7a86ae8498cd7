//! The editor's layer in headless Chromium: margin notes on wide screens (lifted beside their
//! words by theme/notes.js), inline notes and end notes on phones, and in print. Reads computed styles through a probe page that frames the
//! article, so the check is about layout, not markup.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use briefbook::build::{build, BuildOptions};
use common::headless_chromium;

const ARTICLE: &str = "articles/2017-02-07-phone-call/index.html";

fn built_fixture() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let output = temp.path().join("public");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/annotated");
    build(&BuildOptions {
        output: Some(output.clone()),
        ..BuildOptions::new(root)
    })
    .unwrap();
    (temp, output)
}

fn chromium(args: &[&str]) -> String {
    let out = headless_chromium("chromium")
        .arg("--allow-file-access-from-files")
        .args(args)
        .output()
        .expect("headless Chromium runs (the CI script installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Computed layout of the article's notes at a window width, as `key=value;` pairs.
fn layout_at(output: &Path, width: u32) -> String {
    let probe = output.join("probe.html");
    std::fs::write(
        &probe,
        format!(
            r#"<!doctype html><body style="margin:0"><iframe id="f" src="{ARTICLE}" style="border:0;width:{width}px;height:900px"></iframe>
<pre id="result">pending</pre>
<script>
document.getElementById('f').addEventListener('load', () => {{
  const d = document.getElementById('f').contentDocument;
  const style = (sel, prop) => {{ const e = d.querySelector(sel); return e ? getComputedStyle(e)[prop] : 'missing'; }};
  const note = d.querySelector('#note-1').getBoundingClientRect();
  const body = d.querySelector('.article-body p').getBoundingClientRect();
  document.getElementById('result').textContent =
    'sidenote=' + style('.sidenote', 'display') + ';' +
    'footnotes=' + style('.footnotes', 'display') + ';' +
    'note-position=' + style('#note-1', 'position') + ';' +
    'note-in-margin=' + (note.left >= body.right) + ';';
}});
</script>"#
        ),
    )
    .unwrap();
    let width_arg = format!("--window-size={width},1000");
    let url = format!("file://{}", probe.display());
    let dom = chromium(&[&width_arg, "--virtual-time-budget=5000", "--dump-dom", &url]);
    let start = dom.find("<pre id=\"result\">").expect(&dom) + "<pre id=\"result\">".len();
    dom[start..start + dom[start..].find("</pre>").unwrap()].to_string()
}

#[test]
fn wide_screens_put_notes_in_the_margin_and_hide_the_end_notes() {
    let (_t, output) = built_fixture();
    let layout = layout_at(&output, 1280);
    assert_eq!(
        layout,
        "sidenote=block;footnotes=none;note-position=absolute;note-in-margin=true;"
    );
}

#[test]
fn phones_read_notes_inline_and_footnotes_at_the_end() {
    let (_t, output) = built_fixture();
    let layout = layout_at(&output, 390);
    assert_eq!(
        layout,
        "sidenote=none;footnotes=block;note-position=static;note-in-margin=false;"
    );
}

#[test]
fn print_shows_each_note_once_inline_or_at_the_end() {
    let (_t, output) = built_fixture();
    let pdf = output.join("article.pdf");
    let pdf_arg = format!("--print-to-pdf={}", pdf.display());
    let url = format!("file://{}", output.join(ARTICLE).display());
    chromium(&[&pdf_arg, "--no-pdf-header-footer", &url]);
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert_eq!(text.matches("Readout of the ministry").count(), 1, "{text}");
    assert_eq!(text.matches("The standard formula").count(), 1, "{text}");
    assert!(text.contains("Curly quotes in the body"), "{text}");
}
