//! Reliability: a build killed at any point of its commit leaves every page old or new and the
//! next build makes the site whole; two builds at once never mix; articles at scale (10,000
//! annotations, 5,000 actors named) are linked right; every problem of a file is reported in
//! one run, each at its line and column, invalid UTF-8 included.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use briefbook::build::{build, load_and_link, BuildOptions};
use briefbook::check::check;
use briefbook::error::Error;
use common::{copy_dir, relative_files};

const BINARY: &str = env!("CARGO_BIN_EXE_briefbook");

/// Writes a book of `count` articles; `version` changes every second body, and version 2 drops
/// the last tenth of the articles and adds as many new ones.
fn write_book(root: &Path, count: usize, version: usize) {
    let articles = root.join("content/articles");
    let _ = std::fs::remove_dir_all(&articles);
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(root.join("briefbook.toml"), "title = \"Kill test\"\n").unwrap();
    std::fs::write(
        root.join("content/actors.yaml"),
        "- name: Moon Jae-in\n  aliases: [Moon]\n- name: Rex Tillerson\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/topics.yaml"),
        "- slug: alliance\n  title: Alliance\n- slug: trade\n  title: Trade\n",
    )
    .unwrap();
    let (first, last) = if version == 1 {
        (0, count)
    } else {
        (count / 10, count + count / 10)
    };
    for i in first..last {
        let edit = if i % 2 == 0 { version } else { 1 };
        let topic = if i % 3 == 0 { "alliance" } else { "trade" };
        let text = format!(
            "---\ntitle: \"Story {i}\"\noutlet: Wire\ndate: 20{:02}-0{}-1{}\nactors: [Moon, Rex Tillerson]\n\
             topics: [{topic}]\n---\n\nMoon spoke with Tillerson about item {i} (edition {edit}).\n\n\
             A second paragraph of story {i}, long enough to be a page.\n",
            10 + i % 9,
            1 + i % 9,
            i % 10
        );
        std::fs::write(articles.join(format!("story-{i:04}.md")), text).unwrap();
    }
}

/// Every file under `dir` with its bytes, sorted by path.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found: Vec<(String, Vec<u8>)> = relative_files(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(dir.join(&p)).unwrap();
            (p, bytes)
        })
        .collect();
    found.sort();
    found
}

fn run_build(root: &Path) -> std::process::Output {
    Command::new(BINARY)
        .args(["build", "--root"])
        .arg(root)
        .output()
        .unwrap()
}

/// Names beside the output that a build must not leave: staging folders and a commit journal.
fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.ends_with("briefbook-commit"))
        .collect()
}

/// Kills `child` with SIGKILL once `journal` exists plus `delay`, or when it ends by itself.
fn kill_during_commit(mut child: std::process::Child, journal: &Path, delay: Duration) -> bool {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !journal.exists() {
        if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    std::thread::sleep(delay);
    let killed = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    killed
}

#[test]
fn a_build_killed_during_its_commit_leaves_old_or_new_pages_and_the_next_build_repairs_it() {
    let temp = tempfile::tempdir().unwrap();
    let count = 300;
    // The site each version gives, built clean.
    let clean = |version: usize| -> Vec<(String, Vec<u8>)> {
        let root = temp.path().join(format!("clean-{version}"));
        write_book(&root, count, version);
        let out = run_build(&root);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        files(&root.join("public"))
    };
    let old_site = clean(1);
    let new_site = clean(2);
    let old: std::collections::HashMap<&str, &[u8]> = old_site
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let new: std::collections::HashMap<&str, &[u8]> = new_site
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();

    let root = temp.path().join("book");
    let public = root.join("public");
    let journal = root.join(".public.briefbook-commit");
    let mut killed_mid_commit = 0;
    for delay_ms in [0, 0, 1, 2, 4, 8, 15, 30] {
        let _ = std::fs::remove_dir_all(&root);
        copy_dir(&temp.path().join("clean-1"), &root);
        write_book(&root, count, 2);
        let child = Command::new(BINARY)
            .args(["build", "--root"])
            .arg(&root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        if kill_during_commit(child, &journal, Duration::from_millis(delay_ms)) {
            killed_mid_commit += 1;
        }
        for (path, bytes) in files(&public) {
            let is_old = old.get(path.as_str()) == Some(&bytes.as_slice());
            let is_new = new.get(path.as_str()) == Some(&bytes.as_slice());
            assert!(
                is_old || is_new,
                "killed {delay_ms} ms into the commit: {path} is neither the old nor the new page"
            );
        }
        let out = run_build(&root);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            files(&public) == new_site,
            "killed {delay_ms} ms into the commit, the rebuild differs from a clean build"
        );
        assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
    }
    assert!(
        killed_mid_commit >= 2,
        "the build was killed during its commit only {killed_mid_commit} times"
    );
}

#[test]
fn two_builds_at_once_give_one_whole_site_and_a_clear_refusal() {
    let temp = tempfile::tempdir().unwrap();
    let clean = temp.path().join("clean");
    write_book(&clean, 200, 1);
    assert!(run_build(&clean).status.success());
    let expected = files(&clean.join("public"));

    let root = temp.path().join("book");
    write_book(&root, 200, 1);
    for _ in 0..3 {
        let spawn = || {
            Command::new(BINARY)
                .args(["build", "--root"])
                .arg(&root)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (first, second) = (spawn(), spawn());
        let outputs = [
            first.wait_with_output().unwrap(),
            second.wait_with_output().unwrap(),
        ];
        let succeeded = outputs.iter().filter(|o| o.status.success()).count();
        assert!(succeeded >= 1, "at least one build wins");
        for output in outputs.iter().filter(|o| !o.status.success()) {
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                stderr.contains("another briefbook build is writing this folder"),
                "the loser says why: {stderr}"
            );
        }
        assert!(
            files(&root.join("public")) == expected,
            "one complete build"
        );
        assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
    }
}

/// 10,000 annotations in one article: each quote is anchored, each note rendered after its
/// paragraph (this took 78 s in a debug build when each quote searched the whole text; the
/// figure is in bench/scale.sh).
#[test]
fn ten_thousand_annotations_in_one_article_are_all_anchored() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("book");
    let n = 10_000;
    let body: Vec<String> = (0..n)
        .map(|i| format!("Paragraph {i} says the phrase number{i} plainly and well."))
        .collect();
    let annotations: String = (0..n)
        .map(|i| format!("  - quote: \"phrase number{i} plainly\"\n    note: \"Note {i}.\"\n"))
        .collect();
    std::fs::create_dir_all(root.join("content/articles")).unwrap();
    std::fs::write(
        root.join("content/articles/long.md"),
        format!(
            "---\ntitle: Long\noutlet: Wire\ndate: 2017\nannotations:\n{annotations}---\n\n{}\n",
            body.join("\n\n")
        ),
    )
    .unwrap();
    let options = BuildOptions {
        strict: true,
        ..BuildOptions::new(&root)
    };
    let report = build(&options).unwrap();
    assert!(
        report.warnings.is_empty(),
        "every quote anchored once: {:?}",
        report.warnings.0.first()
    );
    let page = std::fs::read_to_string(root.join("public/articles/long/index.html")).unwrap();
    assert_eq!(page.matches("<mark class=\"annotation\"").count(), n);
    assert_eq!(page.matches("class=\"annotation-note\"").count(), n);
    let last = page.find("id=\"note-10000\"").expect("the last note");
    assert!(page[..last].contains("phrase number9999 plainly</a></mark>"));
}

/// One article naming 5,000 actors: the first mention of each is linked to its page.
#[test]
fn an_article_naming_five_thousand_actors_links_each_first_mention() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("book");
    let n = 5_000;
    let names: Vec<String> = (0..n).map(|i| format!("Actor{i} Person{i}")).collect();
    std::fs::create_dir_all(root.join("content/articles")).unwrap();
    let actors: String = names.iter().map(|x| format!("- name: {x}\n")).collect();
    std::fs::write(root.join("content/actors.yaml"), actors).unwrap();
    let body: Vec<String> = (0..n)
        .map(|i| format!("{} met {} today.", names[i], names[(i + 1) % n]))
        .collect();
    std::fs::write(
        root.join("content/articles/cast.md"),
        format!(
            "---\ntitle: Cast\noutlet: Wire\ndate: 2017\nactors: [{}]\n---\n\n{}\n",
            names.join(", "),
            body.join("\n\n")
        ),
    )
    .unwrap();
    let (linked, warnings) = load_and_link(&BuildOptions::new(&root)).unwrap();
    assert!(warnings.is_empty(), "{:?}", warnings.0.first());
    let body = linked.body_markdown(briefbook::link::ArticleId::new(0));
    // Link texts, counted in one pass over the body.
    let mut linked: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (at, _) in body.match_indices('[') {
        if let Some(end) = body[at..].find("](") {
            *linked.entry(&body[at + 1..at + end]).or_default() += 1;
        }
    }
    for (i, name) in names.iter().enumerate() {
        assert_eq!(linked.get(name.as_str()), Some(&1), "actor {i} linked once");
    }
    // Each link stands at the first mention: paragraph 0 names actors 0 and 1.
    let first = body.find("[Actor1 Person1](").unwrap();
    assert!(
        body[..first].starts_with("\n[Actor0 Person0]("),
        "{}",
        &body[..first]
    );
    assert!(body[..first].ends_with(") met "), "{}", &body[..first]);
}

/// A copy of the small book, for tests that break it.
fn small_book(temp: &Path) -> PathBuf {
    let root = temp.join("book");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small"),
        &root,
    );
    root
}

fn content_errors(root: &Path) -> Vec<briefbook::error::Diagnostic> {
    match check(&BuildOptions::new(root)) {
        Err(Error::Content(found)) => found.0,
        Ok(found) => found.0,
        Err(other) => panic!("{other}"),
    }
}

/// A bad date no longer hides an unknown key, an unknown topic, a broken link and a missing
/// quote: all come out in one run, each at its place.
#[test]
fn every_problem_of_one_article_is_reported_in_one_run() {
    let temp = tempfile::tempdir().unwrap();
    let root = small_book(temp.path());
    std::fs::write(
        root.join("content/articles/2017-05-01-broken.md"),
        "---\ntitle: Broken\noutlet: Yonhap\ndate: 2017-13-40\nsubtitle: x\nactors: []\n\
         topics: [no-such-topic]\nannotations:\n  - quote: \"words not in the body\"\n    note: n\n\
         ---\n\nSee [[nothing-at-all]].\n",
    )
    .unwrap();
    let found: Vec<String> = content_errors(&root)
        .into_iter()
        .filter(|d| d.path.ends_with("2017-05-01-broken.md"))
        .map(|d| {
            format!(
                "{}:{} {}",
                d.line.unwrap_or(0),
                d.column.unwrap_or(0),
                d.message
            )
        })
        .collect();
    let at = |needle: &str| found.iter().find(|f| f.contains(needle)).cloned();
    assert!(
        at("not a date").is_some_and(|f| f.starts_with("4:7 ")),
        "{found:#?}"
    );
    assert!(
        at("unknown field `subtitle`").is_some_and(|f| f.starts_with("5:")),
        "{found:#?}"
    );
    assert!(
        at("no-such-topic").is_some_and(|f| f.starts_with("7:")),
        "{found:#?}"
    );
    assert!(
        at("nothing-at-all").is_some_and(|f| f.starts_with("13:")),
        "{found:#?}"
    );
    assert!(
        at("words not in the body").is_some_and(|f| f.starts_with("9:")),
        "{found:#?}"
    );
}

/// Invalid UTF-8 in any file of the book is an error at its line and column; UTF-16 and
/// UTF-8 with a byte-order mark are read.
#[test]
fn invalid_utf8_anywhere_is_located_and_utf16_is_read() {
    let temp = tempfile::tempdir().unwrap();
    let root = small_book(temp.path());
    let spoil = |name: &str, line: usize| {
        let path = root.join(name);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let mut lines: Vec<Vec<u8>> = text.lines().map(|l| l.as_bytes().to_vec()).collect();
        while lines.len() < line {
            lines.push(b"x".to_vec());
        }
        // `ab` then a lone continuation byte: column 3 of that line.
        lines.insert(line - 1, b"ab\x80cd".to_vec());
        std::fs::write(&path, lines.join(&b"\n"[..])).unwrap();
    };
    spoil("content/actors.yaml", 3);
    spoil("content/index.md", 2);
    spoil("content/articles/2017-02-07-phone-call.md", 12);
    spoil("briefbook.toml", 2);
    let found = content_errors(&root);
    for (name, line) in [
        ("content/actors.yaml", 3),
        ("content/index.md", 2),
        ("content/articles/2017-02-07-phone-call.md", 12),
        ("briefbook.toml", 2),
    ] {
        let problem = found
            .iter()
            .find(|d| d.path.ends_with(name) && d.message.contains("not valid UTF-8"))
            .unwrap_or_else(|| panic!("{name}: {found:#?}"));
        assert_eq!(
            (problem.line, problem.column),
            (Some(line), Some(3)),
            "{problem}"
        );
    }

    // The same article saved as UTF-16 and as UTF-8 with a byte-order mark loads.
    let root = small_book(&temp.path().join("encodings"));
    let article = root.join("content/articles/2017-02-07-phone-call.md");
    let text = std::fs::read_to_string(&article).unwrap();
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(&article, utf16).unwrap();
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend(std::fs::read(root.join("content/actors.yaml")).unwrap());
    std::fs::write(root.join("content/actors.yaml"), bom).unwrap();
    let report = build(&BuildOptions::new(&root)).unwrap();
    assert_eq!(report.articles, 4);
    let page =
        std::fs::read_to_string(root.join("public/articles/2017-02-07-phone-call/index.html"))
            .unwrap();
    let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
    let words = title.trim_start_matches("title:").trim().trim_matches('"');
    assert!(
        page.contains(&words[..10]),
        "the UTF-16 article is read: {words}"
    );
}
