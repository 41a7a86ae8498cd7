//! Snapshot tests: the structure of a small fixture site and its rendered Markdown bodies.
//! Review changes with `cargo insta review` (or `INSTA_UPDATE=always cargo test`).

use std::path::PathBuf;

use briefbook::build::{render_site, BuildOptions};
use scraper::{Html, Selector};

fn small_site() -> Vec<briefbook::render::Output> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
    render_site(&BuildOptions::new(root))
        .expect("the small fixture builds")
        .1
}

#[test]
fn site_map_of_the_small_book() {
    let title = Selector::parse("title").unwrap();
    let lines: Vec<String> = small_site()
        .iter()
        .map(|output| {
            if output.path.ends_with(".html") {
                let html = Html::parse_document(std::str::from_utf8(&output.bytes).unwrap());
                let title: String = html
                    .select(&title)
                    .next()
                    .map(|t| t.text().collect())
                    .unwrap_or_default();
                format!("{}  «{}»", output.path, title)
            } else {
                output.path.clone()
            }
        })
        .collect();
    insta::assert_snapshot!(lines.join("\n"));
}

#[test]
fn article_bodies_of_the_small_book() {
    let body = Selector::parse(".article-body").unwrap();
    let bodies: Vec<String> = small_site()
        .iter()
        .filter(|o| o.path.starts_with("articles/"))
        .map(|output| {
            let html = Html::parse_document(std::str::from_utf8(&output.bytes).unwrap());
            let inner = html
                .select(&body)
                .next()
                .map(|b| b.inner_html())
                .unwrap_or_default();
            format!("== {}\n{}", output.path, inner.trim())
        })
        .collect();
    insta::assert_snapshot!(bodies.join("\n\n"));
}
