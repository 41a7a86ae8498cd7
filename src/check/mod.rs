//! `briefbook check`: every content problem `build` would report, the checks only a whole-book
//! review makes (colliding slugs, dates known only to the month or year, an unknown citation
//! style), and every internal link and anchor of a fresh build rendered in memory.

pub mod linkcheck;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::compose::{link_book, plan_redirects, with_renderer, BuildOptions, Composed, Purpose};
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::load::TOPICS_FILE;
use crate::model::{Book, PartialDate};
use crate::render::citations::CitationStyle;
use crate::render::{all_pages, Page};
use crate::slug::slugify;

/// Runs every check. Content errors and broken links are returned as diagnostics, not as `Err`;
/// `Err` means the check itself could not run (no book, unreadable files, broken templates).
pub fn check(options: &BuildOptions) -> Result<Diagnostics, Error> {
    crate::config::ensure_book(&options.root)?;
    let Composed {
        linked,
        mut diagnostics,
    } = link_book(options, Purpose::Check);
    // Link leaves the book as loaded: these are the checks of the loaded book.
    diagnostics.extend(book_checks(&linked.book));
    let pages = all_pages(&linked);
    plan_redirects(&linked, &pages, Purpose::Check, &mut diagnostics);
    let outputs = with_renderer(&options.root, &linked, |renderer| {
        renderer.render_all(&options.root)
    })?;
    let sources: HashMap<String, PathBuf> = pages
        .into_iter()
        .filter_map(|page| match page {
            Page::Article(i) => Some((page.output_path(&linked), linked.article(i).path.clone())),
            _ => None,
        })
        .collect();
    let base_path = linked
        .book
        .config
        .base_url()
        .map_or_else(|| "/".to_string(), |url| crate::render::url_path(&url));
    diagnostics
        .0
        .extend(linkcheck::check_links(&outputs, &base_path, &sources));
    diagnostics.sort();
    Ok(diagnostics)
}

/// Checks over the whole loaded book that no single file shows.
pub fn book_checks(book: &Book) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();

    // Two file names with one slug: a warning in a build, an error in a check.
    for collision in crate::load::slug_collisions(book) {
        diagnostics.push(collision.into_error());
    }
    term_checks(book, &mut diagnostics);
    partial_dates(book, &mut diagnostics);
    citation_style(book, &mut diagnostics);
    diagnostics
}

/// Two topics with one slug (an error: one page would hide the other), two actors with one
/// address (a warning: the later gets a suffix).
fn term_checks(book: &Book, diagnostics: &mut Diagnostics) {
    let mut topic_slugs: HashMap<String, usize> = HashMap::new();
    for (i, topic) in book.topics.iter().enumerate() {
        if let Some(first) = topic_slugs.insert(topic.slug.to_lowercase(), i) {
            diagnostics.push(
                Diagnostic::error(
                    TOPICS_FILE,
                    format!(
                        "the topic slug `{}` is used twice (by `{}` and `{}`)",
                        topic.slug, book.topics[first].title, topic.title
                    ),
                )
                .with_hint("give each topic its own slug"),
            );
        }
    }

    let mut actor_slugs: HashMap<String, &str> = HashMap::new();
    for actor in &book.actors {
        if let Some(first) = actor_slugs.insert(slugify(&actor.name), &actor.name) {
            diagnostics.push(
                Diagnostic::warning(
                    crate::load::ACTORS_FILE,
                    format!(
                        "`{}` and `{first}` get the same address; the later one is published with a number suffix",
                        actor.name
                    ),
                )
                .with_hint("if they are one person, merge them and list the other spelling under `aliases`"),
            );
        }
    }
}

/// Dates known only to the month or year, which sort first and stand for their first day.
fn partial_dates(book: &Book, diagnostics: &mut Diagnostics) {
    for article in &book.articles {
        let period = match article.front.date {
            Some(PartialDate::Month { .. }) => "month",
            Some(PartialDate::Year(_)) => "year",
            _ => continue,
        };
        let date = article
            .front
            .date
            .map(|d| d.to_string())
            .unwrap_or_default();
        let line = article
            .front_matter_yaml
            .lines()
            .position(|l| l.trim_start().starts_with("date:"))
            .map(|i| i + 2);
        let mut diagnostic = Diagnostic::warning(
            &article.path,
            format!("the date `{date}` is known only to the {period}: the article sorts first in its {period}, and feeds and sitemaps use its first day"),
        )
        .with_hint("write the full date (YYYY-MM-DD) once it is known");
        if let Some(line) = line {
            diagnostic = diagnostic.at(line, Some(1));
        }
        diagnostics.push(diagnostic);
    }
}

/// A citation style briefbook does not know.
fn citation_style(book: &Book, diagnostics: &mut Diagnostics) {
    if CitationStyle::parse(&book.config.citation_style).is_none() {
        // An error here (a build falls back to Chicago): the editor asked for a style they do
        // not get.
        diagnostics.push(
            Diagnostic::error(
                crate::config::CONFIG_FILE,
                format!(
                    "unknown citation_style `{}`; a build cites articles in the Chicago style",
                    book.config.citation_style
                ),
            )
            .with_hint("use `chicago`, `apa` or `mla`"),
        );
    }
}
