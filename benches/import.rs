//! Micro-benchmarks of import's hot path, so regressions show in `cargo bench`: one raw article
//! through every pass (line sorting, headline, dates, outlets, actors, topics, Markdown), the test
//! samples with the actors file of the tests, and a dry run over a folder of generated articles
//! (reading, hashing, rendering, placing; nothing is written).

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use briefbook::import::{import_html, import_text, run, ImportContext, ImportOptions};
use briefbook::load::parse_list;
use briefbook::model::ActorEntry;
use criterion::{criterion_group, criterion_main, Criterion};

const SAMPLES: &str = "tests/fixtures/import";

/// A small deterministic generator, so every run benchmarks the same articles.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next(items.len())]
    }
}

/// A raw article as scraped from a news site: menus and a page clock above the headline, a wire
/// dateline, quotes and reporting verbs, a photo caption, and lists of other stories below.
fn raw_article(rng: &mut Lcg, i: usize) -> String {
    let people = [
        "Kwon Nam-tae",
        "Hong Woo-yeon",
        "Lim Bok-hyun",
        "Han Ho-hyun",
        "Antony Blinken",
        "Wang Yi",
    ];
    let subjects = [
        "the talks",
        "the alliance",
        "the sanctions regime",
        "extended deterrence",
        "the joint military exercises",
        "the summit",
    ];
    let moods = ["firm", "candid", "constructive", "urgent", "pragmatic"];
    let mut text = String::new();
    text.push_str("Go to Contents Go to Navigation\nBack To Top\n\nAll News 11:52\n\n");
    let lead = rng.pick(&people);
    writeln!(
        text,
        "{lead} calls {} {} ahead of talks #{i}\n",
        rng.pick(&subjects),
        rng.pick(&moods)
    )
    .unwrap();
    writeln!(
        text,
        "SEOUL, Jul. {} (Yonhap) -- Foreign Minister {lead} said on Tuesday that {} remains {}.\n",
        1 + rng.next(28),
        rng.pick(&subjects),
        rng.pick(&moods)
    )
    .unwrap();
    for _ in 0..8 {
        for _ in 0..3 {
            let who = rng.pick(&people);
            match rng.next(3) {
                0 => write!(
                    text,
                    "{who} said that {} remains {} despite differences over {}. ",
                    rng.pick(&subjects),
                    rng.pick(&moods),
                    rng.pick(&subjects)
                ),
                1 => write!(
                    text,
                    "\"We will keep {} {} and work on {} together,\" {who} told reporters. ",
                    rng.pick(&subjects),
                    rng.pick(&moods),
                    rng.pick(&subjects)
                ),
                _ => write!(
                    text,
                    "The meeting, the first of its kind in {} years, followed weeks of {} consultations on {}. ",
                    1 + rng.next(12),
                    rng.pick(&moods),
                    rng.pick(&subjects)
                ),
            }
            .unwrap();
        }
        text.push_str("\n\n");
    }
    text.push_str("This photo shows the delegations at the table. (Yonhap)\n\n");
    text.push_str("(END)\n\nMOST POPULAR\nLATEST NEWS\nsubscribe\nSend Feedback\n");
    text.push_str("Related stories\nN. Korea fires missile\nAllies hold drills\n");
    text
}

fn samples() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = ["raw", "holdout"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(Path::new(SAMPLES).join(dir)).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "html")))
        .collect();
    paths.sort();
    paths
}

fn one_article(c: &mut Criterion) {
    let ctx = ImportContext::with_defaults(&[]);
    let text = raw_article(&mut Lcg(7), 1);
    c.bench_function("import/one raw article", |b| {
        b.iter(|| import_text(black_box(&text), "raw/1.txt", &ctx))
    });
}

fn test_samples(c: &mut Criterion) {
    let actors_yaml = std::fs::read_to_string(Path::new(SAMPLES).join("actors.yaml")).unwrap();
    let actors: Vec<ActorEntry> = parse_list(Path::new("actors.yaml"), &actors_yaml).unwrap();
    let ctx = ImportContext::with_defaults(&actors);
    let inputs: Vec<(bool, String)> = samples()
        .iter()
        .map(|p| {
            let html = p.extension().is_some_and(|e| e == "html");
            (html, std::fs::read_to_string(p).unwrap())
        })
        .collect();
    c.bench_function("import/test samples", |b| {
        b.iter(|| {
            for (html, text) in &inputs {
                if *html {
                    black_box(import_html(text, "sample.html", &ctx).unwrap());
                } else {
                    black_box(import_text(text, "sample.txt", &ctx));
                }
            }
        })
    });
}

fn dry_run(c: &mut Criterion) {
    let book = tempfile::tempdir().unwrap();
    let raw = book.path().join("raw");
    std::fs::create_dir_all(&raw).unwrap();
    let mut rng = Lcg(42);
    for i in 0..200 {
        std::fs::write(raw.join(format!("{i:04}.txt")), raw_article(&mut rng, i)).unwrap();
    }
    let options = ImportOptions {
        root: book.path().to_path_buf(),
        dry_run: true,
        inputs: vec![raw],
        ..ImportOptions::default()
    };
    let mut group = c.benchmark_group("import");
    group.sample_size(20);
    group.bench_function("dry run of 200 raw articles", |b| {
        b.iter(|| run(&options).unwrap())
    });
    group.finish();
}

criterion_group!(benches, one_article, test_samples, dry_run);
criterion_main!(benches);
