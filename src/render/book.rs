//! The printable briefing book at `book/`: the introduction, a table of contents grouped by topic
//! or by year (`book_grouping`), every article with its editor's note and annotations, and an
//! index of actors pointing at article numbers (print has no reliable page numbers in browsers).
//!
//! Article bodies were written for their own page, so their links are rebased here: a link to
//! another article of the book becomes a jump to its start in this page, other site links get the book
//! folder's prefix, and footnote ids are made unique per article.

use std::collections::HashMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use regex::{Captures, Regex};
use serde::Serialize;

use super::citations::{format_citation, CitationStyle, Source};
use super::context::{Link, Shared};
use super::markdown::Markdown;
use super::urls::{is_external, relative_path, resolve, split_link};
use crate::config::BookGrouping;
use crate::link::LinkedBook;

/// The folder of the printable book.
pub const BOOK_FOLDER: &str = "book/";

#[derive(Serialize)]
pub struct BookPage<'a> {
    pub introduction_html: Option<String>,
    pub grouping: &'static str,
    pub groups: Vec<BookGroup>,
    pub articles: Vec<BookArticle<'a>>,
    pub actor_index: Vec<IndexEntry>,
}

#[derive(Serialize)]
pub struct BookGroup {
    pub id: String,
    pub label: String,
    /// Positions in `articles`.
    pub entries: Vec<usize>,
}

#[derive(Serialize)]
pub struct BookArticle<'a> {
    pub number: usize,
    pub anchor: String,
    pub title: &'a str,
    pub outlet: &'a str,
    pub date: &'a str,
    pub date_iso: &'a str,
    pub dateline: Option<&'a str>,
    pub byline: &'a [String],
    pub url: Option<&'a str>,
    pub actors: Vec<Link>,
    pub topics: Vec<Link>,
    pub note_html: Option<String>,
    pub body_html: String,
    pub annotations: Vec<BookNote<'a>>,
    pub citation: String,
    /// The article's own page, from the book folder.
    pub page: String,
    /// The group heading above this article, when it opens a group.
    pub group_label: Option<String>,
}

#[derive(Serialize)]
pub struct BookNote<'a> {
    pub quote: &'a str,
    pub note_html: String,
}

#[derive(Serialize)]
pub struct IndexEntry {
    pub name: String,
    pub page: String,
    /// (number, anchor) of each article the actor appears in, in book order.
    pub refs: Vec<(usize, String)>,
}

/// The data of `book.html`.
pub fn book_page<'a>(
    linked: &'a LinkedBook,
    shared: &'a Shared,
    markdown: &Markdown,
) -> BookPage<'a> {
    let book = &linked.book;
    let config = &book.config;
    // (group label, id, articles in chronological order)
    let mut groups: Vec<(String, String, Vec<usize>)> = Vec::new();
    match config.book_grouping {
        BookGrouping::Topic => {
            let mut by_topic: Vec<Vec<usize>> = vec![Vec::new(); linked.topics.len()];
            let mut none = Vec::new();
            for &i in &linked.chronology {
                match primary_topic(linked, i) {
                    Some(t) => by_topic[t].push(i),
                    None => none.push(i),
                }
            }
            for (t, articles) in by_topic.into_iter().enumerate() {
                if !articles.is_empty() {
                    let term = &linked.topics[t];
                    groups.push((term.name.clone(), format!("g-{}", term.slug), articles));
                }
            }
            if !none.is_empty() {
                groups.push(("Other articles".to_string(), "g-other".to_string(), none));
            }
        }
        BookGrouping::Year => {
            for &i in &linked.chronology {
                let label = book.articles[i]
                    .front
                    .date
                    .map_or("Undated".to_string(), |d| d.year().to_string());
                match groups.last_mut() {
                    Some(group) if group.0 == label => group.2.push(i),
                    _ => groups.push((
                        label.clone(),
                        format!("g-{}", label.to_lowercase()),
                        vec![i],
                    )),
                }
            }
        }
    }
    let order: Vec<(usize, Option<String>)> = groups
        .iter()
        .flat_map(|(label, _, articles)| {
            articles
                .iter()
                .enumerate()
                .map(move |(n, &i)| (i, (n == 0).then(|| label.clone())))
        })
        .collect();
    let anchors: HashMap<String, String> = order
        .iter()
        .enumerate()
        .map(|(n, &(i, _))| (shared.summaries[i].path.clone(), anchor(n + 1)))
        .collect();
    let style = CitationStyle::parse(&config.citation_style).unwrap_or(CitationStyle::Chicago);

    let articles: Vec<BookArticle<'a>> = order
        .par_iter()
        .enumerate()
        .map(|(n, (i, group_label))| {
            let i = *i;
            let article = &book.articles[i];
            let summary = &shared.summaries[i];
            let front = &article.front;
            let anchor = anchor(n + 1);
            let rebase = |html: String| rebase_html(&html, &summary.path, &anchor, &anchors);
            BookArticle {
                number: n + 1,
                title: &summary.title,
                outlet: &summary.outlet.name,
                date: &summary.date,
                date_iso: &summary.date_iso,
                dateline: front.dateline.as_deref(),
                byline: &front.byline,
                url: front.url.as_deref(),
                actors: summary.actors.clone(),
                topics: summary.topics.clone(),
                note_html: front.note.as_ref().map(|t| rebase(markdown.to_html(t))),
                body_html: rebase(markdown.to_html(&article.body)),
                annotations: front
                    .annotations
                    .iter()
                    .map(|a| BookNote {
                        quote: &a.quote,
                        note_html: rebase(markdown.to_inline_html(&a.note)),
                    })
                    .collect(),
                citation: format_citation(&Source::of(linked, shared, i), style).1,
                page: relative_path(BOOK_FOLDER, &summary.path),
                group_label: group_label.clone(),
                anchor,
            }
        })
        .collect();

    let number_of: HashMap<usize, usize> = order
        .iter()
        .enumerate()
        .map(|(n, &(i, _))| (i, n + 1))
        .collect();
    let actor_index = linked
        .actors
        .iter()
        .zip(&shared.actor_links)
        .filter(|(term, _)| !term.articles.is_empty())
        .map(|(term, link)| {
            let mut numbers: Vec<usize> = term
                .articles
                .iter()
                .filter_map(|i| number_of.get(i).copied())
                .collect();
            numbers.sort_unstable();
            IndexEntry {
                name: link.name.clone(),
                page: relative_path(BOOK_FOLDER, &link.path),
                refs: numbers.into_iter().map(|n| (n, anchor(n))).collect(),
            }
        })
        .collect();

    let mut position = 0;
    let groups = groups
        .into_iter()
        .map(|(label, id, list)| {
            let entries = (position..position + list.len()).collect();
            position += list.len();
            BookGroup { id, label, entries }
        })
        .collect();
    BookPage {
        // The introduction's links are written for the home page; point them from `book/`.
        introduction_html: linked
            .introduction_markdown
            .as_ref()
            .map(|t| rebase_html(&markdown.to_html(t), "", "intro", &anchors)),
        grouping: match config.book_grouping {
            BookGrouping::Topic => "topic",
            BookGrouping::Year => "year",
        },
        groups,
        articles,
        actor_index,
    }
}

/// The topic the editor listed first for article `i`, which files it in a by-topic book.
fn primary_topic(linked: &LinkedBook, i: usize) -> Option<usize> {
    let topics = &linked.links[i].topics;
    let first = linked.book.articles[i].front.topics.first()?.trim();
    topics
        .iter()
        .copied()
        .find(|&t| {
            let term = &linked.topics[t];
            term.slug.eq_ignore_ascii_case(first)
                || term.name.to_lowercase() == first.to_lowercase()
                || term
                    .entry
                    .is_some_and(|e| linked.book.topics[e].slug.eq_ignore_ascii_case(first))
        })
        .or_else(|| topics.first().copied())
}

fn anchor(number: usize) -> String {
    format!("a{number}")
}

/// Rewrites the links and ids of an article's HTML (written for its page at `page`) for the book.
fn rebase_html(html: &str, page: &str, anchor: &str, anchors: &HashMap<String, String>) -> String {
    static ATTRIBUTE: OnceLock<Regex> = OnceLock::new();
    let attribute = ATTRIBUTE
        .get_or_init(|| Regex::new(r#"\b(href|src|id)="([^"]*)""#).expect("the pattern is valid"));
    attribute
        .replace_all(html, |caps: &Captures<'_>| {
            let (name, value) = (&caps[1], &caps[2]);
            let new = if name == "id" {
                format!("{anchor}-{value}")
            } else if let Some(fragment) = value.strip_prefix('#') {
                format!("#{anchor}-{fragment}")
            } else if is_external(value) || value.starts_with('/') {
                value.to_string()
            } else {
                let (path, query, fragment) = split_link(value);
                match resolve(page, path) {
                    // A place inside another article may not exist in the book (the page's
                    // template ids do not), so the link goes to the article itself.
                    Some(target) if query.is_empty() && anchors.contains_key(&target) => {
                        format!("#{}", anchors[&target])
                    }
                    Some(target) => {
                        let mut link = relative_path(BOOK_FOLDER, &target);
                        if !query.is_empty() {
                            link = format!("{link}?{query}");
                        }
                        if !fragment.is_empty() {
                            link = format!("{link}#{fragment}");
                        }
                        link
                    }
                    None => value.to_string(),
                }
            };
            format!("{name}=\"{new}\"")
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_book_articles_become_jumps_and_others_are_rebased() {
        let anchors = HashMap::from([("articles/b/".to_string(), "a2".to_string())]);
        let html = r##"<a href="../b/">b</a> <a href="../../topics/x/">x</a> <a href="https://e.org/">e</a><sup><a href="#1">1</a></sup><div id="1"></div><img src="pic.png">"##;
        let out = rebase_html(html, "articles/a/", "a1", &anchors);
        assert!(out.contains(r##"href="#a2""##), "{out}");
        assert!(out.contains(r#"href="../topics/x/""#), "{out}");
        assert!(out.contains(r#"href="https://e.org/""#), "{out}");
        assert!(
            out.contains(r##"href="#a1-1""##) && out.contains(r#"id="a1-1""#),
            "{out}"
        );
        assert!(out.contains(r#"src="../articles/a/pic.png""#), "{out}");
    }
}
