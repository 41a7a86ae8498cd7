//! Prepare: reads one article to import — a file, or a page fetched or made from a feed's or
//! library's item — keeps its source in the book, imports it, applies a library's record and
//! stamps the result with the input's hash, the text's fingerprint and the fetch time.

use std::path::{Path, PathBuf};

use super::expand::{Origin, Page, Unit};
use super::files::{self, Format};
use super::fingerprint;
use super::keep::{keep_source, source_in_book, Keeper};
use super::library::LibraryItem;
use super::write::{self, hash_hex, StampFields};
use super::{import_html, import_html_with, import_text, ImportContext, Imported};

/// An input that imported, ready to be placed.
pub(crate) struct Prepared {
    pub imported: Imported,
    pub input_hash: String,
    pub source: String,
    /// Hash of the body's words; `None` for an article without text yet.
    pub fingerprint: Option<String>,
    /// The article file as it will be written (stamped), rendered in the parallel part.
    pub text: String,
}

/// Reads, imports and stamps one article of the run; an error is the reason it failed.
pub(crate) fn prepare_unit(
    unit: &Unit,
    keeper: &Keeper,
    ctx: &ImportContext,
) -> Result<Prepared, String> {
    match unit {
        Unit::File(path) => prepare(path, keeper, ctx),
        Unit::Page(page) => prepare_page(page, keeper, ctx),
    }
}

/// Imports a page held in memory: keeps its source in the book, imports it as a saved page with
/// its feed's or library's metadata, and stamps it with when it was fetched.
fn prepare_page(page: &Page, keeper: &Keeper, ctx: &ImportContext) -> Result<Prepared, String> {
    let bytes = page.html.as_bytes();
    let (source, created) = match &page.origin {
        Origin::File(path) => source_in_book(path, bytes, keeper)?,
        Origin::Memory(name) => keep_source(name, bytes, None, keeper)?,
    };
    discard_on_failure(import_page(page, source, ctx), created)
}

/// A failed import writes nothing: the source copy it made for the article goes too.
fn discard_on_failure(
    result: Result<Prepared, String>,
    created: Option<PathBuf>,
) -> Result<Prepared, String> {
    if let (Err(_), Some(created)) = (&result, created) {
        let _ = std::fs::remove_file(created);
    }
    result
}

fn import_page(page: &Page, source: String, ctx: &ImportContext) -> Result<Prepared, String> {
    let bytes = page.html.as_bytes();
    let mut imported = if page.bare {
        bare_article(&source)
    } else {
        // A page fetched now was captured now: "3 hours ago" on it counts back from the fetch.
        let mut known = page.known.clone();
        if known.captured.is_none() {
            // `2026-12-06T18:59:00Z`: the clock time, as a saving tool records it.
            known.captured = page
                .fetched
                .as_deref()
                .and_then(|at| at.get(..19))
                .map(str::to_string);
        }
        import_html_with(&page.html, &source, ctx, &known)?
    };
    if let Some(item) = &page.fixed {
        apply_library_record(&mut imported, item, ctx);
    }
    if imported.front.url.is_none() {
        imported.front.url.clone_from(&page.known.url);
    }
    let fingerprint = if imported.body.trim().is_empty() {
        if !page.bare {
            return Err(
                "no article text left after removing the site's menus and lists".to_string(),
            );
        }
        imported.front.review.push(
            "body",
            "the library item carries no text: save or fetch the page (import --fetch), or write the body",
        );
        None
    } else {
        Some(fingerprint::of_body(&imported.body))
    };
    imported.warnings.extend(page.warning.clone());
    let input_hash = hash_hex(bytes);
    let text = write::stamped(
        &imported.front,
        &imported.body,
        &StampFields {
            input: &input_hash,
            fingerprint: fingerprint.as_deref(),
            fetched: page.fetched.as_deref(),
        },
    );
    Ok(Prepared {
        imported,
        input_hash,
        source,
        fingerprint,
        text,
    })
}

/// An article with no text yet: a library item the editor has not saved or fetched.
fn bare_article(source: &str) -> Imported {
    Imported {
        front: crate::model::FrontMatter {
            title: String::new(),
            outlet: String::new(),
            date: None,
            actors: Vec::new(),
            topics: Vec::new(),
            publisher: None,
            dateline: None,
            byline: Vec::new(),
            url: None,
            source: Some(source.to_string()),
            summary: None,
            note: None,
            annotations: Vec::new(),
            review: {
                let mut review = crate::model::Review::default();
                for field in ["title", "outlet", "date", "actors", "topics"] {
                    review.push(field, "the library item gave no text to read it from");
                }
                review
            },
            draft: false,
            aliases: Vec::new(),
            imported: None,
        },
        body: String::new(),
        new_actors: Vec::new(),
        new_outlet: None,
        warnings: Vec::new(),
    }
}

/// A library's record outranks what import read from the page: the editor curated it. Fields it
/// settles leave the review list; an outlet no registry knows stays on it.
fn apply_library_record(imported: &mut Imported, item: &LibraryItem, ctx: &ImportContext) {
    let front = &mut imported.front;
    let settle = |review: &mut crate::model::Review, field: &str, settled: bool| {
        review.remove(field);
        if !settled {
            review.push(
                field,
                "the library record's value is not one the book knows, or not a full date",
            );
        }
    };
    if let Some(title) = &item.title {
        front.title.clone_from(title);
        settle(&mut front.review, "title", true);
    }
    if let Some(outlet) = &item.outlet {
        let known = ctx.outlets.resolve(outlet).map(str::to_string);
        front.outlet = known.clone().unwrap_or_else(|| outlet.clone());
        imported.new_outlet = ctx.outlet_to_add(&front.outlet, known.is_none());
        settle(&mut front.review, "outlet", known.is_some());
    }
    if let Some(date) = item
        .date
        .as_deref()
        .and_then(crate::model::PartialDate::parse)
    {
        front.date = Some(date);
        let exact = matches!(date, crate::model::PartialDate::Day(_));
        settle(&mut front.review, "date", exact);
    }
    if !item.authors.is_empty() {
        front.byline.clone_from(&item.authors);
    }
    if item.url.is_some() {
        front.url.clone_from(&item.url);
    }
}

/// Reads, decodes and imports one input.
fn prepare(path: &Path, keeper: &Keeper, ctx: &ImportContext) -> Result<Prepared, String> {
    let bytes = files::read(path)?;
    let (text, warning) = files::decode(&bytes)?;
    let (source, created) = source_in_book(path, &bytes, keeper)?;
    let result = import_file(path, &bytes, &text, warning, source, ctx);
    discard_on_failure(result, created)
}

fn import_file(
    path: &Path,
    bytes: &[u8],
    text: &str,
    warning: Option<String>,
    source: String,
    ctx: &ImportContext,
) -> Result<Prepared, String> {
    let mut imported = match files::format_of(path) {
        Format::Html => import_html(text, &source, ctx)?,
        Format::Text if files::is_markup(text) => import_html(text, &source, ctx)?,
        Format::Text => import_text(text, &source, ctx),
    };
    if imported.body.trim().is_empty() {
        return Err("no article text left after removing the site's menus and lists".to_string());
    }
    imported.warnings.extend(warning);
    let input_hash = hash_hex(bytes);
    let fingerprint = fingerprint::of_body(&imported.body);
    let text = write::stamped(
        &imported.front,
        &imported.body,
        &StampFields {
            input: &input_hash,
            fingerprint: Some(&fingerprint),
            fetched: None,
        },
    );
    Ok(Prepared {
        imported,
        input_hash,
        source,
        fingerprint: Some(fingerprint),
        text,
    })
}
