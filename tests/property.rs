//! The fuzz targets of `fuzz/` (front matter, the link stage, import of text and of HTML), run
//! on stable inside `cargo test` for a bounded number of generated inputs each: no input may
//! panic, errors carry positions, and what import writes loads back. Inputs are arbitrary bytes
//! and, more often, text built from the pieces each stage reacts to (fences, keys, quotes,
//! brackets, tabs, wikilinks, markup), so the cases reach past the first line.

#[path = "../fuzz/targets.rs"]
mod targets;

use proptest::prelude::*;

/// Lines that look like front matter, broken in the ways editors break it.
fn front_matter_text() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "title",
        "outlet",
        "date",
        "actors",
        "topics",
        "note",
        "summary",
        "annotations",
        "url",
        "review",
        "draft",
        "subtitle",
        "  - quote",
        "    note",
        "\ttitle",
        "- a",
    ]);
    let value = "[ a-zA-Z0-9:\"'\\[\\]{},#&*!|>@`%\\-\t\u{e9}\u{2014}]{0,24}";
    let line = (key, value).prop_map(|(k, v)| format!("{k}: {v}\n"));
    (
        prop::collection::vec(line, 0..10),
        any::<bool>(),
        "[ -~\n]{0,80}",
    )
        .prop_map(|(lines, closed, body)| {
            let fence = if closed { "---\n" } else { "" };
            format!("---\n{}{fence}{body}", lines.concat())
        })
}

/// Markdown with the constructs the link stage rewrites.
fn body_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "[[Moon]]",
        "[[topic:alliance]]",
        "[[b]]",
        "[[",
        "]]",
        "[[Moon|the president]]",
        "[x](b.md)",
        "[y](nowhere.md)",
        "Moon Jae-in",
        "President Moon",
        "the talks",
        "“",
        "”",
        "\"",
        "*",
        "_",
        "`",
        "```\n",
        "\n\n",
        "# ",
        "> ",
        "- ",
        "[^1]",
        "[^1]: note\n",
        "<b>",
        "</b>",
        "<script>",
        " said",
        "according to Moon",
        "\u{e9}",
        " ",
        "|",
        "--",
        "...",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

/// Pages with the markup import reads.
fn html_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "<html>", "<head>", "<title>Talks resume</title>", "<meta property=\"og:title\" content=\"T\">",
        "<meta property=\"og:site_name\" content=\"Reuters\">", "<body>", "<article>", "<h1>Head</h1>",
        "<p>", "</p>", "<div>", "</div>", "By Jane Doe", "SEOUL (Reuters) - ", "Talks went on.",
        "<script>x()</script>", "<time datetime=\"2017-02-07\">", "<img src=\"a.png\" alt=\"a\">",
        "<figure>", "<figcaption>c</figcaption>", "&amp;", "&#0;", "<", ">", "\"", "---\n", ": ",
        "<script type=\"application/ld+json\">{\"headline\":\"H\",\"datePublished\":\"2017\"}</script>",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

/// Raw text with a headline, a dateline and the lines import looks at.
fn raw_text() -> impl Strategy<Value = String> {
    let line = prop::sample::select(vec![
        "Talks resume in Oslo",
        "By Jane Doe, Reuters",
        "OSLO (Reuters) - Talks resumed on Monday.",
        "Published: 7 February 2017",
        "---",
        "title: x",
        "\"",
        "'",
        "[",
        "]",
        ": ",
        "#",
        "\t",
        "Share this article",
        "Copyright 2017 Reuters",
        "",
        "Moon said \"we talk.\"",
        "<img src=x>",
        "2017-02-07",
        "09/02/2011",
        "\u{feff}",
        "A long paragraph of the story, with words enough.",
    ]);
    prop::collection::vec(line, 1..30).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn front_matter_bytes(data in prop::collection::vec(any::<u8>(), 0..300)) {
        targets::front_matter(&data);
    }

    #[test]
    fn front_matter_shaped(text in front_matter_text()) {
        targets::front_matter(text.as_bytes());
    }

    #[test]
    fn link_bodies(text in body_text()) {
        targets::link(text.as_bytes());
    }
}

proptest! {
    // Import compiles pages and runs readability: fewer, costlier cases.
    #![proptest_config(ProptestConfig { cases: 192, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn import_of_text(text in raw_text()) {
        targets::import_text(text.as_bytes());
    }

    #[test]
    fn import_of_html(page in html_text()) {
        targets::import_html(page.as_bytes());
    }

    #[test]
    fn import_of_bytes(data in prop::collection::vec(any::<u8>(), 1..400)) {
        targets::import_text(&data);
        targets::import_html(&data);
    }
}

/// Found by the run above: a dateline followed by a curly quote cut a character in two.
#[test]
fn a_dateline_before_a_curly_quote_imports() {
    targets::import_text("SEOUL (Yonhap) -- \u{201c}We will talk,\u{201d} he said.\n".as_bytes());
    targets::import_html(
        "<html><body><p>SEOUL (Yonhap) -- \u{201c}We will talk,\u{201d} he said.</p></body></html>"
            .as_bytes(),
    );
}

/// Found by the cargo-fuzz run of `import_text`: a headline of U+FFFF, which YAML refuses even
/// quoted, made an article the next build could not load.
#[test]
fn a_headline_yaml_refuses_is_written_escaped() {
    targets::import_text(b"`\n\xef\xbf\xbf.");
    targets::import_text("A headline with \u{7f} and \u{9f} in it\n\nA story.\n".as_bytes());
}
