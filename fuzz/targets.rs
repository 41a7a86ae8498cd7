//! The fuzz targets' bodies, shared by the cargo-fuzz binaries (`fuzz_targets/`) and by the
//! bounded property run inside `cargo test` (tests/property.rs). Each takes arbitrary bytes,
//! must not panic, and checks an invariant of its stage.
// Each fuzz binary calls one of these.
#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use briefbook::error::Diagnostic;
use briefbook::import::ImportContext;
use briefbook::link::{link_with, ArticleId, LinkOptions};
use briefbook::load::{parse_article_all, text};
use briefbook::model::{ActorEntry, Book, TopicEntry};

/// Every error points into its file: a line, and a column when it has a line.
fn located(problems: &[Diagnostic]) {
    for problem in problems.iter().filter(|p| p.is_error()) {
        assert!(problem.line.is_some(), "an error without a line: {problem}");
    }
}

/// Front matter and body as `load` reads them: any bytes give an article or located errors.
pub fn front_matter(data: &[u8]) {
    let shown = Path::new("content/articles/fuzz.md");
    let text = match text::decode(shown, data.to_vec()) {
        Ok(text) => text,
        Err(problem) => return located(&[problem]),
    };
    let (article, problems) = parse_article_all(shown, &text);
    located(&problems);
    if problems.iter().all(|p| !p.is_error()) {
        assert!(article.is_some(), "no error, yet no article");
    }
}

/// The link stage over an article whose body (and a note) are the input, in a book with actors
/// and topics whose names it can mention or link.
pub fn link(data: &[u8]) {
    let body = String::from_utf8_lossy(data);
    let front = "---\ntitle: Fuzz\noutlet: Wire\ndate: 2017-02-07\nactors: [Moon Jae-in]\ntopics: [alliance]\n\
                 annotations:\n  - quote: \"the talks\"\n    note: \"See [[Moon]].\"\n---\n";
    let (Some(article), _) = parse_article_all(
        Path::new("content/articles/a.md"),
        &format!("{front}{body}"),
    ) else {
        return;
    };
    let (Some(other), _) = parse_article_all(
        Path::new("content/articles/b.md"),
        "---\ntitle: Other\noutlet: Wire\ndate: 2017\n---\nMoon Jae-in said \"we talk,\" and left.\n",
    ) else {
        panic!("the fixed article loads");
    };
    let actor = |name: &str, aliases: &[&str]| ActorEntry {
        name: name.to_string(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        roles: Vec::new(),
        country: None,
        description: Some(body.chars().take(200).collect()),
        aliases_url: Vec::new(),
        review: false,
    };
    let book = Book {
        config: Default::default(),
        articles: vec![article, other],
        actors: vec![
            actor("Moon Jae-in", &["Moon", "President Moon"]),
            actor("Kim", &[]),
        ],
        topics: vec![TopicEntry {
            slug: "alliance".to_string(),
            title: "Alliance".to_string(),
            description: None,
            keywords: Vec::new(),
            aliases_url: Vec::new(),
        }],
        outlets: Vec::new(),
        topics_curated: true,
        introduction: Some(body.to_string()),
        held: Vec::new(),
    };
    for strict in [false, true] {
        let (linked, diagnostics) = link_with(
            book.clone(),
            LinkOptions {
                strict,
                one_off: !strict,
            },
        );
        located(&diagnostics.0);
        let _ = linked.body_markdown(ArticleId::new(0));
    }
}

fn context() -> &'static ImportContext {
    static CONTEXT: OnceLock<ImportContext> = OnceLock::new();
    CONTEXT.get_or_init(|| ImportContext::new(&[], &[], &[]).expect("the registry compiles"))
}

/// What import writes, load reads back: no import output is refused by the next build for
/// its front matter.
fn reloads(imported: &briefbook::import::Imported) {
    let written = briefbook::import::render_article(&imported.front, &imported.body);
    let path = format!("content/articles/{}.md", imported.file_stem());
    let (article, problems) = parse_article_all(Path::new(&path), &written);
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "import wrote what load refuses: {errors:?}\n{written}"
    );
    let article = article.expect("an article");
    assert_eq!(
        article.front.title, imported.front.title,
        "the title survives the round trip"
    );
}

/// Import of raw text.
pub fn import_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if text.trim().is_empty() {
        return;
    }
    reloads(&briefbook::import::import_text(
        &text,
        "fuzz.txt",
        context(),
    ));
}

/// Import of a saved page.
pub fn import_html(data: &[u8]) {
    let page = String::from_utf8_lossy(data);
    if let Ok(imported) = briefbook::import::import_html(&page, "fuzz.html", context()) {
        reloads(&imported);
    }
}
