//! Micro-benchmarks of the build's hot paths, so regressions show in `cargo bench`: Markdown of
//! one article, the link stage of a 2,000-article book (as the server links it, and as a one-off
//! `build` does, keeping links as edits), rendering every page of that book both ways, and the
//! files beside the pages (search index, feeds, citations).

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use briefbook::compose::with_renderer;
use briefbook::link::{link, link_with, LinkOptions, LinkedBook};
use briefbook::load::parse_article;
use briefbook::model::Book;
use briefbook::render::all_pages;
use briefbook::render::markdown::Markdown;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

const ARTICLES: usize = 2_000;

/// A small deterministic generator, so every run benchmarks the same book.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below
    }

    /// Skewed towards small numbers, like the popularity of actors and topics in real books.
    fn skewed(&mut self, below: usize) -> usize {
        let a = self.next(below);
        self.next(a + 1)
    }
}

/// A body like a real news article: ~450 words in paragraphs, a quote, a link, a footnote.
fn body(rng: &mut Lcg, i: usize) -> String {
    let nouns = [
        "the alliance",
        "the talks",
        "deterrence",
        "the summit",
        "cost sharing",
    ];
    let mut text = String::new();
    for p in 0..8 {
        for _ in 0..4 {
            let noun = nouns[rng.next(nouns.len())];
            write!(
                text,
                "\"We will keep {noun} *steadfast*,\" an official said of **{noun}**. "
            )
            .unwrap();
        }
        text.push_str("\n\n");
        if p == 2 {
            text.push_str("> A quoted statement on the alliance.\n\n");
        }
        if p == 4 {
            writeln!(text, "See the [statement](https://example.org/{i}).\n").unwrap();
        }
    }
    if i.is_multiple_of(5) {
        text.push_str("A claim.[^1]\n\n[^1]: The 2016 joint statement.\n");
    }
    text
}

fn article_text(rng: &mut Lcg, i: usize) -> String {
    let outlets = [
        "Yonhap",
        "The Korea Herald",
        "Reuters",
        "NK News",
        "KBS World",
    ];
    let mut actors: Vec<String> = (0..2 + rng.next(4))
        .map(|_| format!("Actor {}", rng.skewed(300)))
        .collect();
    actors.dedup();
    let topics: Vec<String> = (0..1 + rng.next(4))
        .map(|_| format!("topic-{}", rng.skewed(40)))
        .collect();
    format!(
        "---\ntitle: \"Article {i} on the alliance\"\noutlet: {}\ndate: {}-{:02}-{:02}\nactors: [{}]\ntopics: [{}]\n---\n\n{}",
        outlets[rng.skewed(outlets.len())],
        2000 + rng.next(25),
        1 + rng.next(12),
        1 + rng.next(28),
        actors.join(", "),
        topics.join(", "),
        body(rng, i)
    )
}

fn book(articles: usize) -> Book {
    let mut rng = Lcg(6);
    let articles = (0..articles)
        .map(|i| {
            let path = format!("content/articles/a{i:05}.md");
            parse_article(Path::new(&path), &article_text(&mut rng, i)).expect("valid article")
        })
        .collect();
    Book {
        articles,
        ..Book::default()
    }
}

fn markdown(c: &mut Criterion) {
    let text = body(&mut Lcg(1), 0);
    let markdown = Markdown::default();
    c.bench_function("markdown/one article", |b| {
        b.iter(|| markdown.to_html(black_box(&text)))
    });
}

fn one_off(book: Book) -> LinkedBook {
    let options = LinkOptions {
        strict: false,
        one_off: true,
    };
    link_with(book, options).0
}

fn link_stage(c: &mut Criterion) {
    let book = book(ARTICLES);
    c.bench_function("link/2k articles", |b| {
        b.iter_batched(|| book.clone(), link, BatchSize::LargeInput)
    });
    c.bench_function("link/2k articles, one-off", |b| {
        b.iter_batched(|| book.clone(), one_off, BatchSize::LargeInput)
    });
}

fn render_pages(c: &mut Criterion) {
    let (linked, _) = link(book(ARTICLES));
    render_all_pages(c, "all pages of 2k articles", &linked);
    // Article bodies made again from their edits for each page that shows them.
    let linked = one_off(book(ARTICLES));
    render_all_pages(c, "all pages of 2k articles, one-off link", &linked);
}

fn render_all_pages(c: &mut Criterion, name: &str, linked: &LinkedBook) {
    // No book folder: the embedded templates and theme.
    let root = Path::new("no-such-book");
    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    group.bench_function(name, |b| {
        b.iter(|| {
            let bytes = std::sync::atomic::AtomicUsize::new(0);
            with_renderer(root, linked, |renderer| {
                renderer.render_each(root, |output| {
                    bytes.fetch_add(output.bytes.len(), std::sync::atomic::Ordering::Relaxed);
                    Ok(())
                })
            })
            .expect("pages render");
            bytes.into_inner()
        })
    });
    group.finish();
}

/// The files beside the pages: the search index (its own pass over every body, the biggest
/// single part of a build), feeds, citations and the sitemap.
fn publications(c: &mut Criterion) {
    let linked = one_off(book(ARTICLES));
    let root = Path::new("no-such-book");
    let pages = all_pages(&linked);
    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    with_renderer(root, &linked, |renderer| {
        group.bench_function("search index, feeds and citations of 2k articles", |b| {
            b.iter(|| renderer.publications(black_box(&pages)).len())
        });
        Ok(())
    })
    .expect("templates compile");
    group.finish();
}

criterion_group!(benches, markdown, link_stage, render_pages, publications);
criterion_main!(benches);
