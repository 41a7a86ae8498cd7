//! The server's incremental rebuilds must give exactly what a full build gives: after each edit
//! in a sequence, the in-memory site is compared byte for byte with a fresh full render.

mod common;
use common::{append_config, copy_dir};

use std::fs;
use std::path::{Path, PathBuf};

use briefbook::build::{render_site, BuildOptions};
use briefbook::serve::incremental::{Change, Site};

fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("book");
    copy_dir(Path::new("tests/fixtures/serve-book"), &root);
    (dir, root)
}

/// Asserts the site serves exactly the files a full build renders.
fn assert_equals_full_build(site: &Site, root: &Path, step: &str) {
    let (_, full, _) = render_site(&BuildOptions::new(root)).unwrap();
    let served = site.outputs();
    let full_paths: Vec<&str> = full.iter().map(|o| o.path.as_str()).collect();
    let served_paths: Vec<&str> = served.iter().map(|o| o.path.as_str()).collect();
    assert_eq!(served_paths, full_paths, "after {step}: different files");
    for (s, f) in served.iter().zip(&full) {
        assert!(
            s.bytes == f.bytes,
            "after {step}: {} differs from the full build\n--- served ---\n{}\n--- full ---\n{}",
            s.path,
            String::from_utf8_lossy(&s.bytes),
            String::from_utf8_lossy(&f.bytes)
        );
    }
}

fn article(root: &Path, slug: &str) -> PathBuf {
    root.join("content/articles").join(format!("{slug}.md"))
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// A named edit and the changes the watcher would report for it.
type Step<'a> = (&'a str, Box<dyn Fn() + 'a>, Vec<Change>);

#[test]
fn every_edit_gives_what_a_full_build_gives() {
    let (_dir, root) = fixture();
    let mut site = Site::new(BuildOptions::new(&root));
    let first = site.rebuild(&[Change::Everything]).unwrap();
    let total = first.written;
    assert_equals_full_build(&site, &root, "the first build");

    let moon = article(&root, "2017-05-10-moon-inaugurated");
    let steps: Vec<Step> = vec![
        (
            "a title change",
            Box::new(|| edit(&moon, "Moon takes office", "Moon sworn in as president")),
            vec![Change::Article(moon.clone())],
        ),
        (
            "an article linking others by [[…]], by file and from its note",
            Box::new(|| {
                fs::write(
                    article(&root, "2017-07-01-recap"),
                    "---\ntitle: A recap\noutlet: Yonhap\ndate: 2017-07-01\n\
                     actors: [Moon]\ntopics: [north-korea]\n\
                     note: \"Compare [[2017-06-30-summit]].\"\n---\n\
                     As [[2017-05-10-moon-inaugurated]] told, Moon sent\n\
                     [envoys](2018-03-06-envoys.md) and [[2016-07-08-thaad-decision|decided]].\n",
                )
                .unwrap()
            }),
            vec![Change::Article(article(&root, "2017-07-01-recap"))],
        ),
        (
            "a title change another article's [[…]] shows",
            Box::new(|| {
                edit(
                    &moon,
                    "Moon sworn in as president",
                    "Moon becomes president",
                )
            }),
            vec![Change::Article(moon.clone())],
        ),
        (
            "a title change another article's note shows",
            Box::new(|| {
                let summit = article(&root, "2017-06-30-summit");
                let text = fs::read_to_string(&summit).unwrap();
                let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
                fs::write(&summit, text.replacen(title, "title: Moon meets Trump", 1)).unwrap()
            }),
            vec![Change::Article(article(&root, "2017-06-30-summit"))],
        ),
        (
            "a body edit that names and quotes an actor the article is not filed under",
            Box::new(|| {
                edit(
                    &article(&root, "2017-06-30-summit"),
                    "The story of",
                    "\u{201c}We will keep talking,\u{201d} Yun Byung-se said.\n\nThe story of",
                )
            }),
            vec![Change::Article(article(&root, "2017-06-30-summit"))],
        ),
        (
            "an article sharing no term with the one it links by [[…]]",
            Box::new(|| {
                fs::write(
                    article(&root, "2019-06-01-aside"),
                    "---\ntitle: An aside\noutlet: The Korea Herald\ndate: 2019-06-01\n\
                     actors: [Yun Byung-se]\n---\nLooking back at [[2017-05-10-moon-inaugurated]].\n",
                )
                .unwrap()
            }),
            vec![Change::Article(article(&root, "2019-06-01-aside"))],
        ),
        (
            "a title change an unrelated article's [[…]] shows",
            Box::new(|| edit(&moon, "Moon becomes president", "Moon takes the oath")),
            vec![Change::Article(moon.clone())],
        ),
        (
            "a title change of an article listed among another's backlinks",
            Box::new(|| {
                edit(
                    &article(&root, "2019-06-01-aside"),
                    "An aside",
                    "A look back",
                )
            }),
            vec![Change::Article(article(&root, "2019-06-01-aside"))],
        ),
        (
            "a body edit that drops the quotation and the mention",
            Box::new(|| {
                edit(
                    &article(&root, "2017-06-30-summit"),
                    "\u{201c}We will keep talking,\u{201d} Yun Byung-se said.\n\n",
                    "",
                )
            }),
            vec![Change::Article(article(&root, "2017-06-30-summit"))],
        ),
        (
            "a deleted article another links to by file",
            Box::new(|| fs::remove_file(article(&root, "2018-03-06-envoys")).unwrap()),
            vec![Change::Article(article(&root, "2018-03-06-envoys"))],
        ),
        (
            "the linked article back",
            Box::new(|| {
                fs::write(
                    article(&root, "2018-03-06-envoys"),
                    fs::read_to_string(Path::new(
                        "tests/fixtures/serve-book/content/articles/2018-03-06-envoys.md",
                    ))
                    .unwrap(),
                )
                .unwrap()
            }),
            vec![Change::Article(article(&root, "2018-03-06-envoys"))],
        ),
        (
            "an added actor",
            Box::new(|| {
                edit(
                    &moon,
                    "actors: [\"Moon Jae-in\"",
                    "actors: [\"Moon Jae-in\", \"Kang Kyung-wha\"",
                )
            }),
            vec![Change::Article(moon.clone())],
        ),
        (
            "a removed actor",
            Box::new(|| {
                edit(
                    &moon,
                    "actors: [\"Moon Jae-in\", \"Kang Kyung-wha\"",
                    "actors: [\"Moon Jae-in\"",
                )
            }),
            vec![Change::Article(moon.clone())],
        ),
        (
            "a date moved to another year",
            Box::new(|| edit(&moon, "date: 2017-05-10", "date: 2016-12-01")),
            vec![Change::Article(moon.clone())],
        ),
        (
            "a deleted article",
            Box::new(|| fs::remove_file(article(&root, "2016-11-02-cost-talks")).unwrap()),
            vec![Change::Article(article(&root, "2016-11-02-cost-talks"))],
        ),
        (
            "a new article in a new year",
            Box::new(|| {
                fs::write(
                    article(&root, "2019-02-27-hanoi"),
                    "---\ntitle: Hanoi summit ends early\noutlet: Yonhap\ndate: 2019-02-27\n\
                     actors: [Moon]\ntopics: [north-korea]\n---\nNo deal in Hanoi.\n",
                )
                .unwrap()
            }),
            vec![Change::Article(article(&root, "2019-02-27-hanoi"))],
        ),
        (
            "an edit to actors.yaml",
            Box::new(|| {
                let path = root.join("content/actors.yaml");
                edit(
                    &path,
                    "- name: Rex Tillerson",
                    "- name: Rex W. Tillerson\n  aliases: [Rex Tillerson]",
                );
                edit(
                    &path,
                    "Foreign minister of South Korea.",
                    "South Korea's first female foreign minister.",
                );
            }),
            vec![Change::Actors],
        ),
        (
            "an edit to topics.yaml",
            Box::new(|| {
                edit(
                    &root.join("content/topics.yaml"),
                    "title: Cost sharing",
                    "title: Defence cost sharing",
                )
            }),
            vec![Change::Topics],
        ),
        (
            "an edit to outlets.yaml",
            Box::new(|| {
                edit(
                    &root.join("content/outlets.yaml"),
                    "- name: The Korea Herald",
                    "- name: The Korea Herald\n  homepage: https://www.koreaherald.com/",
                )
            }),
            vec![Change::Outlets],
        ),
        (
            "an edit to the introduction",
            Box::new(|| fs::write(root.join("content/index.md"), "From 2016 to 2019.\n").unwrap()),
            vec![Change::Introduction],
        ),
        (
            "a draft",
            Box::new(|| {
                edit(
                    &article(&root, "2018-cost-deal"),
                    "summary:",
                    "draft: true\nsummary:",
                )
            }),
            vec![Change::Article(article(&root, "2018-cost-deal"))],
        ),
        (
            "a template override",
            Box::new(|| {
                fs::create_dir_all(root.join("templates")).unwrap();
                fs::write(
                    root.join("templates/404.html"),
                    "{% extends \"base.html\" %}{% block content %}<p>Nothing here.</p>{% endblock content %}",
                )
                .unwrap()
            }),
            vec![Change::Templates],
        ),
        (
            "a theme stylesheet",
            Box::new(|| {
                fs::create_dir_all(root.join("theme")).unwrap();
                fs::write(root.join("theme/extra.css"), "body { color: black }").unwrap()
            }),
            vec![Change::Theme { css: true }],
        ),
        (
            "a configuration change",
            Box::new(|| {
                edit(
                    &root.join("briefbook.toml"),
                    "Alliance test book",
                    "The alliance book",
                )
            }),
            vec![Change::Everything],
        ),
    ];
    for (step, apply, changes) in steps {
        apply();
        let rebuilt = site
            .rebuild(&changes)
            .unwrap_or_else(|d| panic!("after {step}: {:?}", d.0));
        assert_equals_full_build(&site, &root, step);
        if step == "a title change" {
            assert!(
                rebuilt.written < total / 2,
                "a title change re-rendered {} of {total} files",
                rebuilt.written
            );
        }
    }
}

/// A book printed in volumes, with lists in pages: edits that move articles between volumes and
/// pages still give a full build, and a title change re-renders only its own volume.
#[test]
fn volumes_and_paged_lists_follow_every_edit() {
    let (_dir, root) = fixture();
    append_config(&root, "book_page_limit = 2\nlist_page_limit = 2");
    let mut site = Site::new(BuildOptions::new(&root));
    site.rebuild(&[Change::Everything]).unwrap();
    assert_equals_full_build(&site, &root, "the first build");
    let volumes = |site: &Site| {
        site.outputs()
            .into_iter()
            .filter(|o| o.path.starts_with("book/") && o.path.len() > "book/index.html".len())
            .collect::<Vec<_>>()
    };
    assert!(volumes(&site).len() >= 3, "the book is in volumes");
    assert!(site
        .outputs()
        .iter()
        .any(|o| o.path == "timeline/2/index.html"));

    let moon = article(&root, "2017-05-10-moon-inaugurated");
    let before = volumes(&site);
    edit(&moon, "Moon takes office", "Moon sworn in as president");
    site.rebuild(&[Change::Article(moon.clone())]).unwrap();
    assert_equals_full_build(&site, &root, "a title change");
    let changed = volumes(&site)
        .iter()
        .zip(&before)
        .filter(|(now, was)| now.bytes != was.bytes)
        .count();
    assert_eq!(changed, 1, "only the volume printing the article changes");

    let added = article(&root, "2015-01-01-earliest");
    fs::write(
        &added,
        "---\ntitle: The earliest\noutlet: Yonhap\ndate: 2015-01-01\nactors: [Moon]\n\
         topics: [north-korea]\n---\nAn article that shifts every page and number.\n",
    )
    .unwrap();
    site.rebuild(&[Change::Article(added.clone())]).unwrap();
    assert_equals_full_build(&site, &root, "an article added before all others");

    fs::remove_file(&added).unwrap();
    site.rebuild(&[Change::Article(added)]).unwrap();
    assert_equals_full_build(&site, &root, "that article deleted");

    edit(
        &moon,
        "Moon sworn in as president",
        "Moon becomes president",
    );
    edit(&moon, "date: 2017-05-10", "date: 2019-05-10");
    site.rebuild(&[Change::Article(moon)]).unwrap();
    assert_equals_full_build(&site, &root, "a date change that moves the article");
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_until_fixed() {
    let (_dir, root) = fixture();
    let mut site = Site::new(BuildOptions::new(&root));
    site.rebuild(&[Change::Everything]).unwrap();
    let before = site.outputs();

    let moon = article(&root, "2017-05-10-moon-inaugurated");
    edit(&moon, "date: 2017-05-10", "date: [2017-05-10");
    let errors = site.rebuild(&[Change::Article(moon.clone())]).unwrap_err();
    let error = errors.errors().next().unwrap();
    assert!(
        error.path.ends_with("2017-05-10-moon-inaugurated.md"),
        "{error}"
    );
    assert!(error.line.is_some(), "no line in {error}");
    assert_eq!(
        site.outputs(),
        before,
        "a broken edit changed the served site"
    );

    // Another good edit while the book is broken changes nothing served either.
    edit(
        &article(&root, "2018-03-06-envoys"),
        "Envoys return",
        "Envoys come back",
    );
    site.rebuild(&[Change::Article(article(&root, "2018-03-06-envoys"))])
        .unwrap_err();
    assert_eq!(site.outputs(), before);

    edit(&moon, "date: [2017-05-10", "date: 2017-05-11");
    site.rebuild(&[Change::Article(moon)]).unwrap();
    assert_equals_full_build(&site, &root, "the fix");

    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(root.join("templates/article.html"), "{% if %}").unwrap();
    let errors = site.rebuild(&[Change::Templates]).unwrap_err();
    assert!(
        errors.0[0].message.contains("article.html"),
        "{:?}",
        errors.0
    );
    fs::remove_file(root.join("templates/article.html")).unwrap();
    site.rebuild(&[Change::Templates]).unwrap();
    assert_equals_full_build(&site, &root, "the template fix");
}

/// A template that fails on some content only (here a year with no dated month) fails the
/// rebuild that meets it; once the content is fixed the next rebuild works again, with the same
/// templates, and gives a full build.
#[test]
fn a_page_failing_to_render_does_not_lose_the_templates() {
    let (_dir, root) = fixture();
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/year.html"),
        "{% extends \"base.html\" %}{% block content %}{{ months[0].label | upper }}{% endblock content %}",
    )
    .unwrap();
    let moon = article(&root, "2017-05-10-moon-inaugurated");
    let mut site = Site::new(BuildOptions::new(&root));
    site.rebuild(&[Change::Everything]).unwrap();
    assert_equals_full_build(&site, &root, "the first build");

    edit(&moon, "date: 2017-05-10", "date: 2020");
    let errors = site.rebuild(&[Change::Article(moon.clone())]).unwrap_err();
    assert!(
        errors.0.iter().any(|e| e.message.contains("year.html")),
        "{:?}",
        errors.0
    );

    edit(&moon, "date: 2020", "date: 2017-05-10");
    site.rebuild(&[Change::Article(moon)])
        .unwrap_or_else(|e| panic!("the fixed book rebuilds: {:?}", e.0));
    assert_equals_full_build(&site, &root, "the fix");
}

/// The server applies a burst of saves as several updates and one finish, and stops a finish
/// when the next save arrives: the site must still end up as a full build.
#[test]
fn updates_then_one_finish_and_stopped_finishes_give_a_full_build() {
    let (_dir, root) = fixture();
    let mut site = Site::new(BuildOptions::new(&root));
    site.rebuild(&[Change::Everything]).unwrap();
    let moon = article(&root, "2017-05-10-moon-inaugurated");
    let envoys = article(&root, "2018-03-06-envoys");

    // The edited page is served by the update, before the finish.
    edit(&moon, "Moon takes office", "Moon sworn in");
    site.update(&[Change::Article(moon.clone())]).unwrap();
    let page = "articles/2017-05-10-moon-inaugurated/index.html";
    let served = |site: &Site| {
        let outputs = site.outputs();
        let page = outputs.iter().find(|o| o.path == page).unwrap();
        String::from_utf8(page.bytes.clone()).unwrap()
    };
    assert!(served(&site).contains("Moon sworn in"));

    // A second save in the burst puts the title back: the early page must not stay.
    edit(&moon, "Moon sworn in", "Moon takes office");
    site.update(&[Change::Article(moon.clone())]).unwrap();
    edit(&envoys, "Envoys return", "Envoys come back");
    site.update(&[Change::Article(envoys.clone())]).unwrap();
    let rebuilt = site.finish(&|| false).unwrap().continue_value().unwrap();
    assert!(rebuilt.first_served.is_some());
    assert_equals_full_build(&site, &root, "a burst of three saves");

    // A finish stopped early leaves the rest to the next one.
    for (i, title) in ["Moon in office", "Moon takes charge"].iter().enumerate() {
        let from = if i == 0 {
            "Moon takes office"
        } else {
            "Moon in office"
        };
        edit(&moon, from, title);
        site.update(&[Change::Article(moon.clone())]).unwrap();
        let asked = std::sync::atomic::AtomicUsize::new(0);
        let stop = || asked.fetch_add(1, std::sync::atomic::Ordering::SeqCst) >= 2;
        assert!(
            site.finish(&stop).unwrap().is_break(),
            "the finish did not stop"
        );
        assert!(served(&site).contains(title));
    }
    site.update(&[]).unwrap();
    site.finish(&|| false).unwrap().continue_value().unwrap();
    assert_equals_full_build(&site, &root, "stopped finishes");
}

/// A finish stopped at its very last question, which it asks while handing over the
/// publications, leaves a site the next finish completes.
#[test]
fn a_finish_stopped_at_its_last_question_is_completed_by_the_next() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let (_dir, root) = fixture();
    let mut site = Site::new(BuildOptions::new(&root));
    site.rebuild(&[Change::Everything]).unwrap();
    let moon = article(&root, "2017-05-10-moon-inaugurated");

    // How often a finish of this edit asks whether to stop, when never told to.
    edit(&moon, "Moon takes office", "Moon sworn in");
    site.update(&[Change::Article(moon.clone())]).unwrap();
    let asked = AtomicUsize::new(0);
    site.finish(&|| {
        asked.fetch_add(1, Ordering::SeqCst);
        false
    })
    .unwrap()
    .continue_value()
    .unwrap();
    let asks = asked.load(Ordering::SeqCst);
    edit(&moon, "Moon sworn in", "Moon takes office");
    site.rebuild(&[Change::Article(moon.clone())]).unwrap();

    // The same edit again, stopped at the last ask.
    edit(&moon, "Moon takes office", "Moon sworn in");
    site.update(&[Change::Article(moon.clone())]).unwrap();
    let asked = AtomicUsize::new(0);
    let stop = || asked.fetch_add(1, Ordering::SeqCst) + 1 >= asks;
    assert!(
        site.finish(&stop).unwrap().is_break(),
        "the finish did not stop in its publications"
    );
    site.update(&[]).unwrap();
    site.finish(&|| false).unwrap().continue_value().unwrap();
    assert_equals_full_build(&site, &root, "a finish stopped in its publications");
}
