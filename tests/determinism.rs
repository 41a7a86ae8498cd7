//! Builds are deterministic: the same book gives byte-identical sites whatever the thread count,
//! and the streamed build (pages written as they render) equals the plain in-memory render.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use briefbook::build::{build, render_site, BuildOptions};

/// A book of `count` articles, big enough for rayon to split the work: shared actors and topics,
/// years with and without months, undated articles, code blocks, footnotes and curated lists.
fn write_book(root: &Path, count: usize) {
    let articles = root.join("content/articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(
        root.join("content/actors.yaml"),
        "- name: Moon Jae-in\n  aliases: [Moon]\n- name: Donald Trump\n- name: Kim Jong-un\n- name: Rex Tillerson\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/topics.yaml"),
        "- slug: alliance\n  title: The alliance\n- slug: sanctions\n  title: Sanctions\n- slug: summits\n  title: Summits\n- slug: trade\n  title: Trade\n",
    )
    .unwrap();
    let actors = [
        "Moon Jae-in",
        "Donald Trump",
        "Kim Jong-un",
        "Rex Tillerson",
        "Moon",
    ];
    let topics = ["alliance", "sanctions", "summits", "trade"];
    let outlets = ["Yonhap", "The Korea Herald", "Reuters"];
    for i in 0..count {
        let date = match i % 10 {
            0 => "review: [date]\n".to_string(),
            1 => format!("date: {}-{:02}\n", 2015 + i % 5, 1 + i % 12),
            2 => format!("date: {}\n", 2015 + i % 5),
            _ => format!(
                "date: {}-{:02}-{:02}\n",
                2015 + i % 5,
                1 + i % 12,
                1 + i % 28
            ),
        };
        let mut text = format!(
            "---\ntitle: \"Article {i}: talks on the alliance\"\noutlet: {}\n{date}actors: [\"{}\", \"{}\"]\ntopics: [{}, {}]\n---\n\n",
            outlets[i % 3],
            actors[i % 5],
            actors[(i * 7 + 1) % 5],
            topics[i % 4],
            topics[(i / 4) % 4],
        );
        for p in 0..4 {
            writeln!(
                text,
                "Paragraph {p} of article {i}, with *emphasis* and \"quotes\".\n"
            )
            .unwrap();
        }
        // Quotations (more than an actor page shows), first mentions linked and `[[…]]`: what
        // a one-off build keeps as edits and finds again for the shown quotations.
        writeln!(
            text,
            "\"We will keep the talks of article {i} going,\" {} said. See [[article-{:03}]] and [[Kim Jong-un]].\n",
            actors[i % 5],
            (i + 1) % count,
        )
        .unwrap();
        if i % 5 == 0 {
            text.push_str("A claim.[^1]\n\n[^1]: A footnote.\n\n");
        }
        if i % 20 == 0 {
            text.push_str("```yaml\nmeeting: two-plus-two\n```\n");
        }
        std::fs::write(articles.join(format!("article-{i:03}.md")), text).unwrap();
    }
}

/// Every file under `dir` by relative path.
fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).unwrap();
            files.insert(
                relative.to_string_lossy().replace('\\', "/"),
                std::fs::read(entry.path()).unwrap(),
            );
        }
    }
    files
}

fn build_with_threads(root: &Path, output: &Path, threads: usize) -> BTreeMap<String, Vec<u8>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let options = BuildOptions {
        output: Some(output.to_path_buf()),
        ..BuildOptions::new(root)
    };
    pool.install(|| build(&options)).unwrap();
    read_tree(output)
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}: different files"
    );
    for (path, bytes) in a {
        assert!(bytes == &b[path], "{what}: {path} differs");
    }
}

#[test]
fn builds_are_byte_identical_across_runs_and_thread_counts() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("book");
    write_book(&root, 120);

    let first = build_with_threads(&root, &dir.path().join("one"), 1);
    assert!(
        first.len() > 120,
        "every article has a page: {}",
        first.len()
    );
    let again = build_with_threads(&root, &dir.path().join("one"), 1);
    let parallel = build_with_threads(&root, &dir.path().join("many"), 8);
    assert_same(&first, &again, "a rebuild into the same folder");
    assert_same(&first, &parallel, "1 thread against 8 threads");
}

#[test]
fn the_streamed_build_writes_exactly_the_in_memory_render() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("book");
    // Over 2 × 40 articles per actor (4 of them): a one-off build scans without quotation words
    // and finds them again for the articles the actor pages quote.
    write_book(&root, 400);

    let (_, outputs, _) = render_site(&BuildOptions::new(&root)).unwrap();
    let plain: BTreeMap<String, Vec<u8>> = outputs
        .into_iter()
        .map(|output| (output.path, output.bytes))
        .collect();
    let mut streamed = build_with_threads(&root, &dir.path().join("site"), 4);
    assert!(
        streamed.remove(briefbook::write::MARKER_FILE).is_some(),
        "the build marks its output folder"
    );
    assert_same(&plain, &streamed, "streamed build against render_all");
    let moon = String::from_utf8(plain["actors/moon-jae-in/index.html"].clone()).unwrap();
    assert!(
        moon.contains("We will keep the talks of article"),
        "the actor page shows quotations"
    );
}

/// The default entry partial, from the binary's own templates.
fn default_entry_partial() -> &'static str {
    briefbook::render::templates::DEFAULT_TEMPLATES
        .iter()
        .find(|(name, _)| *name == "partials/article_item.html")
        .map(|(_, text)| *text)
        .expect("the default templates have the entry partial")
}

#[test]
fn list_entries_rendered_once_for_every_depth_equal_entries_rendered_per_depth() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("book");
    write_book(&root, 120);
    // A title holding the character entries are rendered with for their root: that article's
    // entry is rendered per depth, not mistaken for roots.
    let odd = root.join("content/articles/article-007.md");
    let text = std::fs::read_to_string(&odd).unwrap();
    std::fs::write(
        &odd,
        text.replacen("title: \"Article 7", "title: \"Article \u{E000}7", 1),
    )
    .unwrap();
    // The default partial only prints `root`: one rendering serves pages of every depth.
    let shared = build_with_threads(&root, &dir.path().join("shared"), 2);

    // The same partial, plus a test of `root` that prints nothing: entries are now rendered
    // for each depth, and must read exactly the same.
    let partials = root.join("templates/partials");
    std::fs::create_dir_all(&partials).unwrap();
    let entry = partials.join("article_item.html");
    std::fs::write(
        &entry,
        format!(
            "{}{{% if root == \"nowhere\" %}}{{% endif %}}",
            default_entry_partial()
        ),
    )
    .unwrap();
    let per_depth = build_with_threads(&root, &dir.path().join("per-depth"), 2);
    assert_same(
        &shared,
        &per_depth,
        "entries rendered once against per depth",
    );

    // A partial that computes with `root` sees each page's own.
    std::fs::write(&entry, "<li>depth {{ root | length }}: {{ a.title }}</li>").unwrap();
    let custom = build_with_threads(&root, &dir.path().join("custom"), 2);
    let page = |path: &str| String::from_utf8(custom[path].clone()).unwrap();
    assert!(
        page("index.html").contains("<li>depth 2: "),
        "the home page's root is ./"
    );
    let article = custom
        .keys()
        .find(|p| p.starts_with("articles/") && page(p).contains("<li>depth"))
        .expect("some article page lists related articles");
    assert!(
        page(article).contains("<li>depth 6: ") && !page(article).contains("<li>depth 2: "),
        "{article} lists entries with its own root, ../../"
    );
}
