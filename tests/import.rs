//! Import: accuracy against the editor's answer keys, round-trips through `load`, re-import safety,
//! bad input, and a no-panic check on random bytes.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use briefbook::import::{
    import_html, import_text, render_article, run, ImportContext, ImportOptions, Imported, Outcome,
};
use briefbook::load::{parse_article, parse_list};
use briefbook::model::{ActorEntry, PartialDate};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const FIXTURES: &str = "tests/fixtures/import";

/// One article of an answer key.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Answer {
    file: String,
    /// `None`: the text has no headline and import must flag `title` for review.
    title: Option<String>,
    outlet: String,
    #[serde(default)]
    publisher: Option<String>,
    /// `None`: the text does not fix the date; import must leave it out and flag it.
    date: Option<PartialDate>,
    #[serde(default)]
    dateline: Option<String>,
    #[serde(default)]
    byline: Vec<String>,
    #[serde(default)]
    url: Option<String>,
    actors: Vec<String>,
    #[serde(default)]
    topics: Vec<String>,
}

fn provisional_actors() -> Vec<ActorEntry> {
    let path = Path::new(ROOT).join(FIXTURES).join("actors.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    parse_list(&path, &text).unwrap()
}

fn answers(key: &str) -> Vec<Answer> {
    let text = std::fs::read_to_string(Path::new(ROOT).join(key)).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

fn import_file(path: &Path, ctx: &ImportContext) -> Imported {
    let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    let source = path.to_string_lossy();
    if path.extension().is_some_and(|e| e == "html") {
        import_html(&text, &source, ctx).unwrap()
    } else {
        import_text(&text, &source, ctx)
    }
}

/// Per-field results over a set of articles.
#[derive(Default)]
struct Scorecard {
    articles: usize,
    title: usize,
    outlet: usize,
    publisher: usize,
    date: usize,
    wrong_dates: usize,
    dateline: usize,
    byline: usize,
    url: usize,
    topics: usize,
    actors_tp: usize,
    actors_fp: usize,
    actors_fn: usize,
    misses: Vec<String>,
}

impl Scorecard {
    fn check<T: PartialEq + std::fmt::Debug>(
        &mut self,
        file: &str,
        field: &str,
        got: T,
        want: T,
    ) -> usize {
        if got == want {
            1
        } else {
            self.misses
                .push(format!("{file}: {field}: got {got:?}, want {want:?}"));
            0
        }
    }

    fn actors_f1(&self) -> f64 {
        let precision = self.actors_tp as f64 / (self.actors_tp + self.actors_fp).max(1) as f64;
        let recall = self.actors_tp as f64 / (self.actors_tp + self.actors_fn).max(1) as f64;
        if precision + recall == 0.0 {
            return if self.actors_fn + self.actors_fp == 0 {
                1.0
            } else {
                0.0
            };
        }
        2.0 * precision * recall / (precision + recall)
    }

    fn summary(&self, name: &str) -> String {
        let pct = |n: usize| 100.0 * n as f64 / self.articles.max(1) as f64;
        let mut out = format!(
            "{name}: {} articles — title {:.0}%, outlet {:.0}%, publisher {:.0}%, date {:.0}% \
             ({} wrong), dateline {:.0}%, byline {:.0}%, url {:.0}%, topics {:.0}%, actors F1 {:.3}\n",
            self.articles,
            pct(self.title),
            pct(self.outlet),
            pct(self.publisher),
            pct(self.date),
            self.wrong_dates,
            pct(self.dateline),
            pct(self.byline),
            pct(self.url),
            pct(self.topics),
            self.actors_f1()
        );
        for miss in &self.misses {
            let _ = writeln!(out, "  miss: {miss}");
        }
        out
    }
}

fn score(key: &str, base: &Path, ctx: &ImportContext) -> Scorecard {
    let mut card = Scorecard::default();
    for answer in answers(key) {
        let got = import_file(&base.join(&answer.file), ctx);
        let front = &got.front;
        let file = answer.file.as_str();
        card.articles += 1;
        card.title += match &answer.title {
            Some(title) => card.check(file, "title", &front.title, title),
            None => card.check(
                file,
                "title under review",
                front.review.contains("title"),
                true,
            ),
        };
        card.outlet += card.check(file, "outlet", &front.outlet, &answer.outlet);
        card.publisher += card.check(file, "publisher", &front.publisher, &answer.publisher);
        let date_ok = card.check(file, "date", front.date, answer.date);
        if date_ok == 0 && front.date.is_some() {
            card.wrong_dates += 1;
        }
        if answer.date.is_none() && !front.review.contains("date") {
            card.misses
                .push(format!("{file}: undated but date not under review"));
        }
        card.date += date_ok;
        card.dateline += card.check(file, "dateline", &front.dateline, &answer.dateline);
        card.byline += card.check(file, "byline", &front.byline, &answer.byline);
        card.url += card.check(file, "url", &front.url, &answer.url);
        let got_topics: BTreeSet<&String> = front.topics.iter().collect();
        let want_topics: BTreeSet<&String> = answer.topics.iter().collect();
        card.topics += card.check(file, "topics", got_topics, want_topics);
        let got_actors: BTreeSet<&String> = front.actors.iter().collect();
        let want_actors: BTreeSet<&String> = answer.actors.iter().collect();
        card.actors_tp += got_actors.intersection(&want_actors).count();
        card.actors_fp += got_actors.difference(&want_actors).count();
        card.actors_fn += want_actors.difference(&got_actors).count();
        card.check(file, "actors", got_actors, want_actors);
    }
    card
}

#[test]
fn every_field_of_every_seed_matches_the_answer_key() {
    let ctx = ImportContext::with_defaults(&provisional_actors());
    let card = score("tests/import_answers.yaml", Path::new(ROOT), &ctx);
    eprint!("{}", card.summary("seeds"));
    assert_eq!(card.articles, 5);
    assert!(card.misses.is_empty(), "{}", card.summary("seeds"));
}

#[test]
fn every_fixture_matches_its_answer_key() {
    let ctx = ImportContext::with_defaults(&provisional_actors());
    let base = Path::new(ROOT).join(FIXTURES);
    let card = score(&format!("{FIXTURES}/answers.yaml"), &base, &ctx);
    eprint!("{}", card.summary("fixtures"));
    assert!(card.articles >= 12);
    // Topics are a draft the editor trims; every other field must be right.
    let other_misses: Vec<&String> = card
        .misses
        .iter()
        .filter(|m| !m.contains(": topics:"))
        .collect();
    assert!(other_misses.is_empty(), "{}", card.summary("fixtures"));
    assert!(
        card.topics * 100 >= card.articles * 85,
        "{}",
        card.summary("fixtures")
    );
}

/// Samples added after the passes were first tuned, and since edited with them: they are tuned
/// fixtures now, asserted together with the others. The frozen set below is the held-out check.
#[test]
fn later_samples_meet_the_accuracy_aims_with_the_tuned_ones() {
    let ctx = ImportContext::with_defaults(&provisional_actors());
    let base = Path::new(ROOT).join(FIXTURES);
    let held_out = score(&format!("{FIXTURES}/holdout/answers.yaml"), &base, &ctx);
    eprint!("{}", held_out.summary("held out"));
    let mut all = score(&format!("{FIXTURES}/answers.yaml"), &base, &ctx);
    for (mine, theirs) in [
        (&mut all.title, held_out.title),
        (&mut all.outlet, held_out.outlet),
        (&mut all.date, held_out.date),
        (&mut all.wrong_dates, held_out.wrong_dates),
        (&mut all.articles, held_out.articles),
        (&mut all.actors_tp, held_out.actors_tp),
        (&mut all.actors_fp, held_out.actors_fp),
        (&mut all.actors_fn, held_out.actors_fn),
    ] {
        *mine += theirs;
    }
    let pct = |n: usize| n as f64 / all.articles as f64;
    assert!(pct(all.title) >= 0.95, "{}", held_out.summary("held out"));
    assert!(pct(all.outlet) >= 0.95, "{}", held_out.summary("held out"));
    assert!(pct(all.date) >= 0.90, "{}", held_out.summary("held out"));
    assert_eq!(all.wrong_dates, 0, "{}", held_out.summary("held out"));
    assert!(all.actors_f1() >= 0.90, "{}", held_out.summary("held out"));
}

/// The frozen held-out set (`frozen/`): texts written for the project, never edited in the same
/// commit as the import code, scored on their own into a new, empty book (no actors or outlets
/// file), as a new user would import. These are floors that catch a regression; the targets of
/// the README's evaluation table (95% and up) are not all met on this set yet.
#[test]
fn frozen_held_out_set_stays_above_its_floors() {
    let ctx = ImportContext::new(&[], &[], &[]).unwrap();
    let base = Path::new(ROOT).join(FIXTURES);
    let card = score(&format!("{FIXTURES}/frozen/answers.yaml"), &base, &ctx);
    let shown = card.summary("frozen held-out set");
    eprint!("{shown}");
    let pct = |n: usize| n as f64 / card.articles as f64;
    assert_eq!(card.articles, 14, "{shown}");
    assert!(pct(card.title) >= 0.60, "{shown}");
    assert!(pct(card.outlet) >= 0.85, "{shown}");
    assert!(pct(card.date) >= 0.85, "{shown}");
    assert!(card.wrong_dates <= 1, "{shown}");
    assert!(card.actors_f1() >= 0.50, "{shown}");
}

/// A saved page's own metadata comes first: JSON-LD in a `@graph`, OpenGraph, the canonical link;
/// its publication time keeps its own offset (23:40 on the 4th in New York, not the 5th in UTC); an
/// outlet no registry knows is proposed; cookie banners, share buttons and "Most read" are gone.
#[test]
fn a_saved_pages_structured_metadata_comes_first() {
    let ctx = ImportContext::new(&[], &[], &[]).unwrap();
    let path = Path::new(ROOT)
        .join(FIXTURES)
        .join("pages/harbour_courier.html");
    let got = import_file(&path, &ctx);
    let front = &got.front;
    assert_eq!(
        front.title,
        "Harbour authority delays terminal vote after 400 objections"
    );
    assert_eq!(
        front.date.map(|d| d.to_string()).as_deref(),
        Some("2021-03-04")
    );
    assert_eq!(front.outlet, "The Harbour Courier");
    assert!(front.review.contains("outlet"));
    assert!(got.new_outlet.as_ref().is_some_and(|o| o.review));
    assert_eq!(front.byline, ["Jane Okafor", "Tomás Ferreira"]);
    assert_eq!(
        front.url.as_deref(),
        Some("https://www.harbourcourier.example/news/2021/03/harbour-vote")
    );
    assert!(got.body.contains("400 objections"), "{}", got.body);
    // The image stays where it was, with its alt text, its address made absolute, its caption.
    let figure = "![Cranes at the harbour at dusk](<https://www.harbourcourier.example/img/harbour.jpg>)\\\n\
                  *Cranes at the north quay, where the terminal would be built.*";
    assert!(got.body.contains(figure), "{}", got.body);
    let (before, after) = got.body.split_once("![Cranes").unwrap();
    assert!(before.contains("400 objections") && after.contains("night-time noise"));
    assert!(
        got.body.contains("before ordering the cranes"),
        "{}",
        got.body
    );
    for chrome in [
        "cookies",
        "Facebook",
        "Most read",
        "Ferry timetable",
        "All rights",
    ] {
        assert!(
            !got.body.contains(chrome),
            "{chrome} left in:\n{}",
            got.body
        );
    }
}

/// Without an actors file every name must be discovered from the text alone.
#[test]
fn actors_are_found_without_an_actors_file() {
    let ctx = ImportContext::with_defaults(&[]);
    let mut card = score("tests/import_answers.yaml", Path::new(ROOT), &ctx);
    let fixtures = score(
        &format!("{FIXTURES}/answers.yaml"),
        &Path::new(ROOT).join(FIXTURES),
        &ctx,
    );
    card.actors_tp += fixtures.actors_tp;
    card.actors_fp += fixtures.actors_fp;
    card.actors_fn += fixtures.actors_fn;
    eprintln!(
        "actors F1 with no actors file: {:.3} (tp {}, fp {}, fn {})",
        card.actors_f1(),
        card.actors_tp,
        card.actors_fp,
        card.actors_fn
    );
    assert!(card.actors_f1() >= 0.85, "F1 {:.3}", card.actors_f1());
}

fn all_inputs() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("seeds"))
        .unwrap()
        .chain(std::fs::read_dir(Path::new(ROOT).join(FIXTURES).join("raw")).unwrap())
        .chain(std::fs::read_dir(Path::new(ROOT).join(FIXTURES).join("holdout")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_imported_article_loads() {
    let ctx = ImportContext::with_defaults(&provisional_actors());
    for path in all_inputs() {
        let imported = import_file(&path, &ctx);
        let text = render_article(&imported.front, &imported.body);
        let name = format!("content/articles/{}.md", imported.file_stem());
        let article = parse_article(Path::new(&name), &text)
            .unwrap_or_else(|e| panic!("{}: {e:?}\n{text}", path.display()));
        assert_eq!(article.front, imported.front, "{}", path.display());
        assert!(!article.body.trim().is_empty());
    }
}

#[test]
fn site_chrome_is_removed_and_captions_kept_once() {
    let ctx = ImportContext::with_defaults(&provisional_actors());
    let seed = |n: &str| import_file(&Path::new(ROOT).join("seeds").join(n), &ctx).body;
    let body = seed("001_4a06cad03d85aeb8.txt");
    for junk in [
        "Back To Top",
        "MOST POPULAR",
        "LATEST NEWS",
        "subscribe",
        "지나쌤",
    ] {
        assert!(!body.contains(junk), "{junk} left in:\n{body}");
    }
    assert_eq!(body.matches("(second from R)").count(), 1);
    assert!(body.contains("\n*President Moon Jae-in (second from R)"));
    let body = seed("004_8e00171c27acbf93.txt");
    for junk in [
        "english@hani.co.kr",
        "Related stories",
        "Most viewed",
        "button that move",
        "By Kim Ji-eun",
    ] {
        assert!(!body.contains(junk), "{junk} left in:\n{body}");
    }
    let body = seed("002_ffac2ed4752bda43.txt");
    for junk in ["Send Feedback", "Go to Contents", "ATTN", "All News"] {
        assert!(!body.contains(junk), "{junk} left in:\n{body}");
    }
    let body = seed("003_54ed02ea851f4b50.txt");
    assert!(
        body.contains("military cooperation between Russia"),
        "{body}"
    );
    assert!(
        body.contains("future-oriented manner, particularly as next year"),
        "{body}"
    );
    assert!(!body.contains("Source: Yonhap"), "{body}");
}

#[test]
fn raw_html_in_text_is_escaped_not_rendered() {
    let ctx = ImportContext::with_defaults(&[]);
    let text = "N. Korea test draws condemnation\n\nSEOUL, Feb. 7 (Yonhap) -- The page had <script>alert('x')</script> and *stars* and [links](http://x).\n\n1. A line that looks like a list.\n";
    let imported = import_text(text, "t.txt", &ctx);
    let html = render_markdown(&imported.body);
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(
        !html.contains("<em>") && !html.contains("<a ") && !html.contains("<ol"),
        "{html}"
    );
}

fn render_markdown(body: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(body));
    html
}

/// A book folder with the seeds as inputs.
struct Book {
    dir: tempfile::TempDir,
}

impl Book {
    fn new() -> Book {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        std::fs::create_dir_all(dir.path().join("raw")).unwrap();
        for path in all_inputs()
            .iter()
            .filter(|p| p.starts_with(Path::new(ROOT).join("seeds")))
        {
            std::fs::copy(path, dir.path().join("raw").join(path.file_name().unwrap())).unwrap();
        }
        Book { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn options(&self) -> ImportOptions {
        ImportOptions {
            root: self.root().to_path_buf(),
            inputs: vec![self.root().join("raw")],
            ..ImportOptions::default()
        }
    }

    fn articles(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.root().join("content/articles"))
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        files.sort();
        files
    }
}

#[test]
fn reimport_is_a_no_op_and_never_clobbers_an_edit_without_force() {
    let book = Book::new();
    let report = run(&book.options()).unwrap();
    assert_eq!(report.count(|o| *o == Outcome::Written), 5, "{report}");
    let articles = book.articles();
    assert_eq!(articles.len(), 5);

    let again = run(&book.options()).unwrap();
    assert_eq!(again.count(|o| *o == Outcome::Unchanged), 5, "{again}");

    let edited = &articles[0];
    let text = std::fs::read_to_string(edited).unwrap();
    std::fs::write(edited, text.replace("actors: [", "actors: [Editor Pick, ")).unwrap();
    let report = run(&book.options()).unwrap();
    assert_eq!(
        report.count(|o| *o == Outcome::SkippedEdited),
        1,
        "{report}"
    );
    assert!(std::fs::read_to_string(edited)
        .unwrap()
        .contains("Editor Pick"));
    assert!(
        report.to_string().contains("edited since import"),
        "{report}"
    );

    let forced = run(&ImportOptions {
        force: true,
        ..book.options()
    })
    .unwrap();
    assert_eq!(forced.count(|o| *o == Outcome::Overwritten), 5, "{forced}");
    assert!(!std::fs::read_to_string(edited)
        .unwrap()
        .contains("Editor Pick"));
}

#[test]
fn a_changed_input_replaces_its_untouched_article() {
    let book = Book::new();
    run(&book.options()).unwrap();
    let input = book.root().join("raw/002_ffac2ed4752bda43.txt");
    let text = std::fs::read_to_string(&input).unwrap();
    std::fs::write(&input, text.replace("25-minute talks", "30-minute talks")).unwrap();
    let report = run(&book.options()).unwrap();
    assert_eq!(report.count(|o| *o == Outcome::Overwritten), 1, "{report}");
    assert_eq!(book.articles().len(), 5);
}

#[test]
fn dry_run_writes_nothing_and_shows_what_it_would() {
    let book = Book::new();
    let report = run(&ImportOptions {
        dry_run: true,
        ..book.options()
    })
    .unwrap();
    assert_eq!(report.count(|o| *o == Outcome::WouldWrite), 5);
    assert!(book.articles().is_empty());
    assert!(!book.root().join("content/actors.yaml").exists());
    let shown = report.to_string();
    assert!(shown.contains("| title: Moon says"), "{shown}");
    assert!(shown.contains("would be added"), "{shown}");
}

#[test]
fn inputs_with_the_same_slug_get_distinct_files() {
    let book = Book::new();
    let seed = book.root().join("raw/002_ffac2ed4752bda43.txt");
    let text = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(
        book.root().join("raw/copy.txt"),
        text.replace("25-minute", "short"),
    )
    .unwrap();
    let report = run(&book.options()).unwrap();
    assert_eq!(report.count(|o| *o == Outcome::Written), 6, "{report}");
    let names: Vec<String> = book
        .articles()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|n| n.ends_with("-2.md")), "{names:?}");
}

#[test]
fn new_actors_are_appended_for_review_without_touching_existing_entries() {
    let book = Book::new();
    let existing = "# The editor's people.\n- name: Moon Jae-in\n  aliases: [Moon, President Moon]   # keep this comment\n- name: Donald Trump\n  aliases: [Trump]\n";
    std::fs::write(book.root().join("content/actors.yaml"), existing).unwrap();
    let report = run(&book.options()).unwrap();
    let text = std::fs::read_to_string(book.root().join("content/actors.yaml")).unwrap();
    assert!(text.starts_with(existing), "{text}");
    let actors: Vec<ActorEntry> = parse_list(Path::new("actors.yaml"), &text).unwrap();
    let added: Vec<&ActorEntry> = actors.iter().filter(|a| a.review).collect();
    let names: Vec<&str> = added.iter().map(|a| a.name.as_str()).collect();
    assert!(names.contains(&"Choe Son-hui"), "{names:?}");
    assert!(names.contains(&"Lim Sung-nam"), "{names:?}");
    assert!(
        !names.contains(&"Moon Jae-in") && !names.contains(&"Kim Ji-eun"),
        "{names:?}"
    );
    let lim = added.iter().find(|a| a.name == "Lim Sung-nam").unwrap();
    assert_eq!(lim.roles[0].title, "Vice Foreign Minister");
    assert!(
        report.to_string().contains("new actor(s) added"),
        "{report}"
    );

    // A second run finds them in the file and adds nothing.
    std::fs::remove_dir_all(book.root().join("content/articles")).unwrap();
    let again = run(&book.options()).unwrap();
    assert!(again.new_actors.is_empty(), "{again}");
}

#[test]
fn the_summary_lists_each_file_and_its_fields_under_review() {
    let book = Book::new();
    let shown = run(&book.options()).unwrap().to_string();
    assert!(shown.contains("govt-to-cement-alliance"), "{shown}");
    assert!(shown.contains("review: date"), "{shown}");
    assert!(shown.contains("5 written"), "{shown}");
}

#[test]
fn bad_inputs_get_clear_messages_and_never_panic() {
    let book = Book::new();
    let bad = book.root().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("empty.txt"), "").unwrap();
    std::fs::write(bad.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    let mut latin1 = b"Moon meets Abe in Tokyo\n\nTOKYO, Feb. 7 (Yonhap) -- Caf".to_vec();
    latin1.extend([0xe9, b' ']);
    latin1.extend(b"talks went well, officials said on Tuesday.\n");
    std::fs::write(bad.join("latin1.txt"), latin1).unwrap();
    let big = std::fs::File::create(bad.join("huge.txt")).unwrap();
    big.set_len(50 * 1024 * 1024).unwrap();
    std::fs::write(
        bad.join("menu.html"),
        "<html><body><nav>Home</nav></body></html>",
    )
    .unwrap();
    let missing = book.root().join("no-such-file.txt");

    let report = run(&ImportOptions {
        inputs: vec![bad.clone(), missing],
        ..book.options()
    })
    .unwrap();
    let message = |name: &str| {
        report
            .records
            .iter()
            .find(|r| r.input.ends_with(name))
            .map(|r| (r.outcome.clone(), r.warnings.clone()))
            .unwrap_or_else(|| panic!("no record for {name}: {report}"))
    };
    assert!(matches!(message("empty.txt").0, Outcome::Failed(m) if m.contains("empty")));
    assert!(matches!(message("binary.txt").0, Outcome::Failed(m) if m.contains("binary")));
    assert!(matches!(message("huge.txt").0, Outcome::Failed(m) if m.contains("MB")));
    assert!(matches!(message("menu.html").0, Outcome::Failed(_)));
    assert!(
        matches!(message("no-such-file.txt").0, Outcome::Failed(m) if m.contains("cannot read"))
    );
    let (outcome, warnings) = message("latin1.txt");
    assert_eq!(outcome, Outcome::Written);
    assert!(warnings.iter().any(|w| w.contains("UTF-8")), "{warnings:?}");
    assert!(report.has_failures());
}

#[test]
fn a_folder_of_thousands_of_files_imports() {
    let book = Book::new();
    let many = book.root().join("many");
    std::fs::create_dir_all(many.join("nested")).unwrap();
    let seed = std::fs::read_to_string(book.root().join("raw/002_ffac2ed4752bda43.txt")).unwrap();
    for i in 0..2000 {
        let dir = if i % 2 == 0 {
            many.clone()
        } else {
            many.join("nested")
        };
        let text = seed.replace("25-minute", &format!("{i}-minute"));
        std::fs::write(dir.join(format!("{i:04}.txt")), text).unwrap();
    }
    std::fs::write(many.join("notes.md"), "not an input").unwrap();
    let report = run(&ImportOptions {
        inputs: vec![many],
        into: Some(book.root().join("out")),
        ..book.options()
    })
    .unwrap();
    assert_eq!(report.records.len(), 2000);
    assert_eq!(report.count(|o| *o == Outcome::Written), 2000, "{report}");
    assert_eq!(
        std::fs::read_dir(book.root().join("out")).unwrap().count(),
        2000
    );
}

/// A small deterministic generator, so the no-panic check needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_bytes_and_shuffled_lines_never_panic() {
    let ctx = ImportContext::with_defaults(&provisional_actors());
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let lines: Vec<String> = all_inputs()
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let alphabet: Vec<char> =
        "aZ9 -—.,:;()[]<>*_#`\\\n\n\"“”'’@&|~$^가나é\u{feff}\u{a0}\u{200b}\r\t"
            .chars()
            .collect();
    for round in 0..1500 {
        let text: String = match round % 3 {
            0 => {
                let bytes: Vec<u8> = (0..rng.next() % 600).map(|_| rng.next() as u8).collect();
                String::from_utf8_lossy(&bytes).into_owned()
            }
            1 => (0..rng.next() % 400)
                .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
                .collect(),
            _ => (0..rng.next() % 30)
                .map(|_| {
                    let line = &lines[(rng.next() % lines.len() as u64) as usize];
                    let cut = (rng.next() as usize % (line.len() + 1)).min(line.len());
                    let cut = line.floor_char_boundary(cut);
                    format!(
                        "{}\n",
                        if rng.next().is_multiple_of(4) {
                            &line[..cut]
                        } else {
                            line
                        }
                    )
                })
                .collect(),
        };
        let imported = import_text(&text, "fuzz.txt", &ctx);
        let rendered = render_article(&imported.front, &imported.body);
        parse_article(Path::new("content/articles/x.md"), &rendered)
            .unwrap_or_else(|e| panic!("{e:?}\n--- input\n{text:?}\n--- output\n{rendered}"));
        let _ = import_html(&text, "fuzz.html", &ctx);
    }
}

/// An input from outside the book is kept under `sources/` and recorded by that relative path,
/// so no path of the editor's machine is written into the book or shown on its pages; the
/// outlets import found are added to the book's outlets file (a registry entry as it is, a name
/// no registry knows for review).
#[test]
fn sources_from_outside_the_book_are_kept_in_it_and_outlets_are_added() {
    let book = Book::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let input = elsewhere.path().join("story.txt");
    std::fs::write(
        &input,
        "Ferry operator cancels winter crossings\n\nHELSINKI (Reuters) - The ferry operator \
         cancelled its winter crossings on Monday, citing thick ice and low bookings, the \
         company said in a statement.\n",
    )
    .unwrap();
    let options = ImportOptions {
        inputs: vec![input.clone()],
        ..book.options()
    };
    let report = run(&options).unwrap();
    assert!(
        report.to_string().contains("from the registry: Reuters"),
        "{report}"
    );
    let written = book.articles();
    let text = std::fs::read_to_string(&written[0]).unwrap();
    assert!(text.contains("source: sources/story.txt"), "{text}");
    assert!(
        !text.contains(&*elsewhere.path().to_string_lossy()),
        "{text}"
    );
    assert_eq!(
        std::fs::read(book.root().join("sources/story.txt")).unwrap(),
        std::fs::read(&input).unwrap()
    );
    let outlets = std::fs::read_to_string(book.root().join("content/outlets.yaml")).unwrap();
    assert!(outlets.contains("name: Reuters"), "{outlets}");
    // A second import of the same file is a no-op: same copy, same article, no duplicate.
    let again = run(&options).unwrap();
    assert_eq!(book.articles().len(), 1, "{again}");
    assert_eq!(
        std::fs::read_dir(book.root().join("sources"))
            .unwrap()
            .count(),
        1
    );
}

/// A new actor gets their surname as an alias when it names no one else, in the book or in the
/// same import: "Osei said" then finds Miriam Osei, while two Mensahs get none.
#[test]
fn new_actors_get_a_surname_alias_only_when_it_is_unambiguous() {
    let book = Book::new();
    let input = book.root().join("raw/harbour.txt");
    std::fs::write(
        &input,
        "Harbour vote delayed again\n\nACCRA (Reuters) - Harbour authority chair Miriam Osei \
         said on Monday the vote would wait until June. Finance Minister Kwame Mensah said \
         the delay would cost nothing, and his deputy Ama Mensah said the same.\n",
    )
    .unwrap();
    let options = ImportOptions {
        inputs: vec![input],
        ..book.options()
    };
    run(&options).unwrap();
    let actors: Vec<ActorEntry> = parse_list(
        Path::new("actors.yaml"),
        &std::fs::read_to_string(book.root().join("content/actors.yaml")).unwrap(),
    )
    .unwrap();
    let aliases = |name: &str| {
        actors
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.aliases.clone())
            .unwrap_or_else(|| panic!("{name} missing from {actors:?}"))
    };
    assert_eq!(aliases("Miriam Osei"), ["Osei"]);
    assert!(aliases("Kwame Mensah").is_empty());
    assert!(aliases("Ama Mensah").is_empty());
}

#[test]
fn a_text_file_holding_a_pages_markup_is_read_as_markup() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    let input = dir.path().join("copied.txt");
    std::fs::write(
        &input,
        "<p><em>By Jane Okafor, Ali Khan and Mary Roe</em></p><p>Negotiators at the water \
         summit in Portville worked through the night on Saturday to close a deal on new funds \
         for the valley towns hit by the floods.</p><p>The deal, if agreed, would triple the \
         money set aside for flood defences, officials said.</p>",
    )
    .unwrap();
    run(&ImportOptions {
        root: dir.path().to_path_buf(),
        inputs: vec![input],
        ..ImportOptions::default()
    })
    .unwrap();
    let articles: Vec<PathBuf> = std::fs::read_dir(dir.path().join("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(articles.len(), 1);
    let text = std::fs::read_to_string(&articles[0]).unwrap();
    assert!(!text.contains("<p>") && !text.contains("<em>"), "{text}");
    assert!(
        text.contains("byline: [Jane Okafor, Ali Khan, Mary Roe]"),
        "{text}"
    );
    assert!(text.contains("\n\nThe deal, if agreed"), "{text}");
}
