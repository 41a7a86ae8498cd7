//! Times each stage of a one-off build of a book, one after the other, so a profile can say
//! which stage to work on: `cargo run --release --example stage_timings -- BOOK_DIR [OUT_DIR]`.
//! Pages are grouped by kind; the write step writes the pages rendered in memory.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use briefbook::link::{link_with, link_with_sink, LinkOptions};
use briefbook::load::{load, LoadOptions};
use briefbook::render::body::EarlyBodies;
use briefbook::render::context::Shared;
use briefbook::render::templates::load_templates;
use briefbook::render::{all_pages, Output, Page, Renderer};
use rayon::prelude::*;

/// The allocator of the binary, so the figures are the build's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn kind(page: Page) -> &'static str {
    match page {
        Page::Article(_) => "article pages",
        Page::Term(..) | Page::TermPage(..) | Page::TermIndex(_) => "term pages",
        Page::Timeline | Page::TimelinePage(_) => "timeline pages",
        Page::Book | Page::BookVolume(_) => "book pages",
        _ => "other pages",
    }
}

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let out = std::env::args().nth(2).map(PathBuf::from);
    let clock = Instant::now();
    let mut last = clock.elapsed();
    let mut lap = |name: &str| {
        let now = clock.elapsed();
        eprintln!("{name:<28} {:>8.1} ms", (now - last).as_secs_f64() * 1000.0);
        last = now;
    };
    let (book, _) = load(&root, LoadOptions::default());
    lap("load");
    let options = LinkOptions {
        strict: false,
        one_off: true,
    };
    // As `build` does: each body rendered from the link stage's parse, when the bodies fit.
    let early = EarlyBodies::for_book(&book);
    let (linked, _) = match &early {
        Some(early) => link_with_sink(book, options, &|parsed| early.render(parsed)),
        None => link_with(book, options),
    };
    lap("link (and the bodies)");
    let mut templates = load_templates(&root)?;
    let shared = Shared::new(&linked);
    let renderer = match early {
        Some(early) => Renderer::with_early_bodies(&linked, &mut templates, &shared, early)?,
        None => Renderer::new(&linked, &mut templates, &shared)?,
    };
    lap("renderer (templates, shared)");
    let pages = all_pages(&linked);
    let mut by_kind: BTreeMap<&str, Vec<Page>> = BTreeMap::new();
    for &page in &pages {
        by_kind.entry(kind(page)).or_default().push(page);
    }
    let mut outputs: Vec<Output> = Vec::new();
    // `ONLY="article pages"` renders just that kind, for a profile of it alone.
    let only = std::env::var("ONLY").ok();
    for (name, group) in by_kind {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let rendered: Vec<Output> = group
            .par_iter()
            .map(|&p| renderer.render_page(p))
            .collect::<Result<_, _>>()?;
        let bytes: usize = rendered.iter().map(|o| o.bytes.len()).sum();
        lap(&format!("{name} ({}, {} MB)", rendered.len(), bytes >> 20));
        outputs.extend(rendered);
    }
    if only.as_deref().is_some_and(|o| o != "publications") {
        return Ok(());
    }
    let publications = Mutex::new(Vec::new());
    renderer.publish_each(&pages, &|o| {
        publications.lock().unwrap().push(o);
        Ok(())
    })?;
    let publications = publications.into_inner().unwrap();
    let bytes: usize = publications.iter().map(|o| o.bytes.len()).sum();
    lap(&format!(
        "publications ({}, {} MB)",
        publications.len(),
        bytes >> 20
    ));
    outputs.extend(publications);
    if let Some(out) = out {
        briefbook::write::write_site(&out, &outputs)?;
        lap("write");
    }
    Ok(())
}
