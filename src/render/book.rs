//! The printable briefing book at `book/`: the introduction, a table of contents grouped by topic
//! or by year (`book_grouping`), every article with its editor's note and annotations, and an
//! index of actors pointing at article numbers (print has no reliable page numbers in browsers).
//!
//! Article bodies were written for their own page, so their links are rebased here: a link to
//! another article of the book becomes a jump to its start in this page, other site links get the book
//! folder's prefix, and footnote ids are made unique per article.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use super::citations::{citation_text, CitationStyle, Source};
use super::context::{Link, Shared};
use super::markdown::Markdown;
use super::urls::{is_external, relative_path, resolve, split_link};
use crate::config::BookGrouping;
use crate::error::Error;
use crate::link::{ArticleId, LinkedBook, Taxonomy, TermId};

/// The folder of the printable book.
pub const BOOK_FOLDER: &str = "book/";

/// Whether the book prints in volumes, one per group of the table of contents (`book/1/`,
/// `book/2/`...) with `book/` as their cover: past `book_page_limit` articles, because one page
/// of ten thousand articles is too big for a browser to print, and too big to hold in memory.
fn split(linked: &LinkedBook) -> bool {
    linked.book.articles.len() > linked.book.config.book_page_limit
}

#[derive(Serialize)]
pub struct BookPage<'a> {
    pub introduction_html: Option<String>,
    pub grouping: &'static str,
    /// Articles in the whole book.
    pub article_count: usize,
    pub groups: Vec<BookGroup>,
    /// The table of contents' entries, in print order.
    pub articles: Vec<TocEntry<'a>>,
    /// Every printed article, each rendered from `partials/book_article.html`.
    pub articles_html: String,
    pub actor_index: Vec<IndexEntry>,
    /// On the cover of a book printed in volumes: the volumes.
    pub volumes: Vec<VolumeLink>,
    /// On a volume's page: which volume it is.
    pub volume: Option<VolumeView>,
    /// The years the book's dated articles span, `2017–2024`, for the cover; empty when none is.
    pub years: String,
    /// The printed page's CSS rules: paper size from `book_paper`, the book's title as the
    /// running head and the page number at the foot (Chromium draws `@page` margin boxes).
    pub page_css: String,
}

/// A volume as the cover lists it.
#[derive(Serialize)]
pub struct VolumeLink {
    pub number: usize,
    pub label: String,
    /// From the cover (`book/`).
    pub path: String,
    pub count: usize,
    /// Numbers of its first and last articles.
    pub first: usize,
    pub last: usize,
}

/// The volume a page prints, with links to its neighbours (from the volume's folder).
#[derive(Serialize)]
pub struct VolumeView {
    pub number: usize,
    /// How many volumes the book has.
    pub total: usize,
    pub label: String,
    pub count: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
}

#[derive(Serialize)]
pub struct BookGroup {
    pub id: String,
    pub label: String,
    /// Positions in `articles`.
    pub entries: Vec<usize>,
}

/// An article as the table of contents lists it.
#[derive(Serialize)]
pub struct TocEntry<'a> {
    pub number: usize,
    pub anchor: String,
    pub title: &'a str,
    pub outlet: &'a str,
    pub date: &'a str,
}

/// An article as `partials/book_article.html` prints it.
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
    pub actors: &'a [Link],
    pub topics: &'a [Link],
    pub note_html: Option<String>,
    pub body_html: String,
    pub annotations: Vec<BookNote<'a>>,
    pub citation: String,
    /// The article's own page, from the book folder.
    pub page: String,
    /// The group heading above this article, when it opens a group.
    pub group_label: Option<&'a str>,
    /// The position of the article's group on this page: its printed pages are the named page
    /// `section-N`, whose running head names the group.
    pub section: usize,
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

/// A group of the table of contents: label, anchor id and articles in chronological order.
struct PlannedGroup {
    label: String,
    id: String,
    articles: Vec<ArticleId>,
}

/// The book's groups, in print order.
fn plan(linked: &LinkedBook) -> Vec<PlannedGroup> {
    let book = &linked.book;
    let strings = super::i18n::Strings::for_config(&book.config);
    let mut groups: Vec<PlannedGroup> = Vec::new();
    match book.config.book_grouping {
        BookGrouping::Topic => {
            let mut by_topic: Vec<Vec<ArticleId>> = vec![Vec::new(); linked.topics.len()];
            let mut none = Vec::new();
            for &i in &linked.chronology {
                match primary_topic(linked, i) {
                    Some(t) => by_topic[t.index()].push(i),
                    None => none.push(i),
                }
            }
            for (t, articles) in by_topic.into_iter().enumerate() {
                if !articles.is_empty() {
                    let term = &linked.topics[t];
                    groups.push(PlannedGroup {
                        label: term.name.clone(),
                        id: format!("g-{}", term.slug),
                        articles,
                    });
                }
            }
            if !none.is_empty() {
                groups.push(PlannedGroup {
                    label: strings.get("other_articles").to_string(),
                    id: "g-other".to_string(),
                    articles: none,
                });
            }
        }
        BookGrouping::Year => {
            for &i in &linked.chronology {
                let label = linked.article(i).front.date.map_or_else(
                    || strings.get("undated").to_string(),
                    |d| d.year().to_string(),
                );
                match groups.last_mut() {
                    Some(group) if group.label == label => group.articles.push(i),
                    _ => groups.push(PlannedGroup {
                        id: format!("g-{}", label.to_lowercase()),
                        label,
                        articles: vec![i],
                    }),
                }
            }
        }
    }
    if split(linked) {
        return volumes_of(groups, book.config.book_page_limit);
    }
    groups
}

/// The volumes of a split book: one per group, and a group longer than `limit` articles is cut
/// into parts of at most `limit` (`Sanctions, part 2 of 3`), so no volume is too big to print.
fn volumes_of(groups: Vec<PlannedGroup>, limit: usize) -> Vec<PlannedGroup> {
    let limit = limit.max(1);
    let mut volumes = Vec::with_capacity(groups.len());
    for group in groups {
        if group.articles.len() <= limit {
            volumes.push(group);
            continue;
        }
        let parts = group.articles.len().div_ceil(limit);
        // Equal parts, so the last one is not a stub.
        let size = group.articles.len().div_ceil(parts);
        for (p, articles) in group.articles.chunks(size).enumerate() {
            volumes.push(PlannedGroup {
                label: format!("{}, part {} of {parts}", group.label, p + 1),
                id: format!("{}-{}", group.id, p + 1),
                articles: articles.to_vec(),
            });
        }
    }
    volumes
}

/// How many volume pages the book has besides `book/`: none when it prints as one page.
pub fn volume_count(linked: &LinkedBook) -> usize {
    volume_articles(linked).len()
}

/// The articles every volume prints, in order: what a volume's page shows of the book, besides
/// the numbering, which follows from the chronology and the topics.
pub fn volume_articles(linked: &LinkedBook) -> Vec<Vec<ArticleId>> {
    if split(linked) {
        plan(linked).into_iter().map(|g| g.articles).collect()
    } else {
        Vec::new()
    }
}

/// The folder of volume `volume` (0-based): `book/1/`.
pub fn volume_folder(volume: usize) -> String {
    format!("{BOOK_FOLDER}{}/", volume + 1)
}

/// How the book is laid out, computed once per build and shared by the cover and every volume.
pub struct BookPlan {
    groups: Vec<PlannedGroup>,
    split: bool,
    /// The number of each group's first article.
    first_numbers: Vec<usize>,
    /// Article page path → (number, group).
    targets: HashMap<String, (usize, usize)>,
}

impl BookPlan {
    pub fn new(linked: &LinkedBook, shared: &Shared) -> BookPlan {
        let groups = plan(linked);
        // Articles are numbered through the whole book, volume after volume.
        let mut first_numbers = Vec::with_capacity(groups.len());
        let mut targets = HashMap::with_capacity(linked.book.articles.len());
        let mut number = 0;
        for (g, group) in groups.iter().enumerate() {
            first_numbers.push(number + 1);
            for &i in &group.articles {
                number += 1;
                targets.insert(shared.summary(i).path.clone(), (number, g));
            }
        }
        BookPlan {
            groups,
            split: split(linked),
            first_numbers,
            targets,
        }
    }
}

/// Renders one printed article of the book in the scratch buffer it is given, and gives its
/// text from there: `partials/book_article.html` in the real build.
pub type ArticleRenderer<'r> =
    dyn for<'s> Fn(&BookArticle<'_>, &'s mut Vec<u8>) -> Result<&'s str, Error> + Sync + 'r;

/// Gives article `index`'s body as its page shows it, rendered once for every output.
pub type BodySource<'r> = dyn Fn(ArticleId) -> std::sync::Arc<String> + Sync + 'r;

/// The data of `book.html` for the cover (`volume` None) or one volume.
pub fn book_page<'a>(
    linked: &'a LinkedBook,
    shared: &'a Shared,
    markdown: &Markdown,
    body: &BodySource<'_>,
    plan: &BookPlan,
    volume: Option<usize>,
    render_article: &ArticleRenderer<'_>,
) -> Result<BookPage<'a>, Error> {
    let config = &linked.book.config;
    let folder = match volume {
        Some(v) => volume_folder(v),
        None => BOOK_FOLDER.to_string(),
    };
    let here = Here {
        folder: &folder,
        volume: volume.filter(|_| plan.split),
        split: plan.split,
        targets: &plan.targets,
    };
    if plan.split && volume.is_none() {
        return Ok(cover_page(linked, shared, markdown, plan, &here));
    }
    let printed: Vec<(usize, &PlannedGroup)> = match volume {
        Some(v) => plan.groups.get(v).map(|g| (v, g)).into_iter().collect(),
        None => plan.groups.iter().enumerate().collect(),
    };
    let printer = Printer {
        linked,
        shared,
        markdown,
        body,
        here: &here,
        style: CitationStyle::parse(&config.citation_style).unwrap_or(CitationStyle::Chicago),
        render_article,
    };
    let Printed {
        entries: articles,
        html: articles_html,
        numbers,
    } = printer.print(&printed)?;
    let volume_view = here.volume.map(|v| volume_view(&plan.groups, v));
    Ok(BookPage {
        introduction_html: if volume_view.is_none() {
            introduction_html(linked, markdown, &here)
        } else {
            None
        },
        grouping: grouping(config),
        article_count: linked.book.articles.len(),
        groups: contents(&printed),
        articles,
        articles_html,
        actor_index: actor_index(linked, shared, &folder, &numbers),
        volumes: Vec::new(),
        volume: volume_view,
        page_css: page_css(
            config,
            &shared.site.title,
            &printed
                .iter()
                .map(|(_, g)| g.label.as_str())
                .collect::<Vec<_>>(),
        ),
        years: years_spanned(linked),
    })
}

/// The name of the book's grouping, as the template reads it.
fn grouping(config: &crate::config::Config) -> &'static str {
    match config.book_grouping {
        BookGrouping::Topic => "topic",
        BookGrouping::Year => "year",
    }
}

/// The cover of a book printed in volumes: the introduction and the list of volumes.
fn cover_page<'a>(
    linked: &'a LinkedBook,
    shared: &'a Shared,
    markdown: &Markdown,
    plan: &BookPlan,
    here: &Here<'_>,
) -> BookPage<'a> {
    let volumes = plan
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| VolumeLink {
            number: g + 1,
            label: group.label.clone(),
            path: format!("{}/", g + 1),
            count: group.articles.len(),
            first: plan.first_numbers[g],
            last: plan.first_numbers[g] + group.articles.len() - 1,
        })
        .collect();
    let config = &linked.book.config;
    BookPage {
        introduction_html: introduction_html(linked, markdown, here),
        grouping: grouping(config),
        article_count: linked.book.articles.len(),
        groups: Vec::new(),
        articles: Vec::new(),
        articles_html: String::new(),
        actor_index: Vec::new(),
        volumes,
        volume: None,
        page_css: page_css(config, &shared.site.title, &[]),
        years: years_spanned(linked),
    }
}

/// Volume `v` (0-based) as its own page shows it, with links to its neighbours.
fn volume_view(groups: &[PlannedGroup], v: usize) -> VolumeView {
    VolumeView {
        number: v + 1,
        total: groups.len(),
        label: groups[v].label.clone(),
        count: groups[v].articles.len(),
        previous: v.checked_sub(1).map(|p| format!("../{}/", p + 1)),
        next: (v + 1 < groups.len()).then(|| format!("../{}/", v + 2)),
    }
}

/// The table of contents of the printed groups: positions run on through the groups.
fn contents(printed: &[(usize, &PlannedGroup)]) -> Vec<BookGroup> {
    let mut position = 0;
    printed
        .iter()
        .map(|(_, group)| {
            let entries = (position..position + group.articles.len()).collect();
            position += group.articles.len();
            BookGroup {
                id: group.id.clone(),
                label: group.label.clone(),
                entries,
            }
        })
        .collect()
}

/// The actor index of a page: each actor with the numbers of the articles on this page that
/// name it, `numbers` giving each printed article with its number, in print order. Made from the
/// page's own articles and the actors each names: looking every actor's articles up among the
/// page's, on each of a big book's volumes, was a million hash lookups.
fn actor_index(
    linked: &LinkedBook,
    shared: &Shared,
    folder: &str,
    numbers: &[(ArticleId, usize)],
) -> Vec<IndexEntry> {
    let mut refs: Vec<Vec<usize>> = vec![Vec::new(); linked.actors.len()];
    for &(i, number) in numbers {
        for actor in &linked.links_of(i).actors {
            refs[actor.index()].push(number);
        }
    }
    refs.into_iter()
        .zip(&shared.actor_links)
        .filter(|(refs, _)| !refs.is_empty())
        .map(|(mut refs, link)| {
            // Numbered in print order already; sorted all the same, as the index promises.
            refs.sort_unstable();
            IndexEntry {
                name: link.name.to_string(),
                page: relative_path(folder, &link.path),
                refs: refs.into_iter().map(|n| (n, anchor(n))).collect(),
            }
        })
        .collect()
}

/// The articles of one page of the book, printed.
struct Printed<'a> {
    /// Their contents entries, in print order.
    entries: Vec<TocEntry<'a>>,
    /// Their HTML, joined.
    html: String,
    /// Each article with its number, in print order.
    numbers: Vec<(ArticleId, usize)>,
}

/// What printing the articles of one page of the book needs.
struct Printer<'p, 'a> {
    linked: &'a LinkedBook,
    shared: &'a Shared,
    markdown: &'p Markdown,
    body: &'p BodySource<'p>,
    here: &'p Here<'p>,
    style: CitationStyle,
    render_article: &'p ArticleRenderer<'p>,
}

impl<'a> Printer<'_, 'a> {
    /// Prints every article of the `printed` groups: their contents entries, their HTML joined,
    /// and each article with its number, in print order. The articles are rendered one after
    /// another, each into one reused buffer and from there onto the end of the page's HTML: one
    /// copy of each article, where a string of its own was grown, trimmed, shrunk and then
    /// copied again. The book's pages render in parallel with one another and with the rest of
    /// the site.
    fn print(&self, printed: &[(usize, &PlannedGroup)]) -> Result<Printed<'a>, Error> {
        let order = printed
            .iter()
            .enumerate()
            .flat_map(|(section, (_, group))| {
                group
                    .articles
                    .iter()
                    .enumerate()
                    .map(move |(n, &i)| (i, (n == 0).then_some(group.label.as_str()), section))
            });
        let count: usize = printed.iter().map(|(_, g)| g.articles.len()).sum();
        let mut html = String::with_capacity(self.printed_bytes(printed));
        let mut numbers = Vec::with_capacity(count);
        let mut entries = Vec::with_capacity(count);
        let mut scratch = Vec::new();
        for (i, group_label, section) in order {
            let entry = self.article(i, (group_label, section), &mut scratch, &mut html)?;
            html.push('\n');
            numbers.push((i, entry.number));
            entries.push(entry);
        }
        Ok(Printed {
            entries,
            html,
            numbers,
        })
    }

    /// About the bytes the articles of `printed` print: their Markdown grows by about a fifth
    /// as HTML, and the partial adds a header, the citation and the editor's layer. Sized once,
    /// the page's HTML is not grown and copied, megabytes at a time, as it fills.
    fn printed_bytes(&self, printed: &[(usize, &PlannedGroup)]) -> usize {
        printed
            .iter()
            .flat_map(|(_, group)| &group.articles)
            .map(|&i| self.linked.article(i).body.len() * 6 / 5 + 2048)
            .sum()
    }

    /// Article `i`'s contents entry, its printed HTML (trimmed) put at the end of `html` by way
    /// of `scratch`; `group_label` when it opens a group, and `section` its group's position on
    /// the page.
    fn article(
        &self,
        i: ArticleId,
        (group_label, section): (Option<&str>, usize),
        scratch: &mut Vec<u8>,
        html: &mut String,
    ) -> Result<TocEntry<'a>, Error> {
        let summary = self.shared.summary(i);
        let number = self.here.targets[&summary.path].0;
        let anchor = anchor(number);
        let printed = self.book_article(i, (number, &anchor), group_label, section);
        html.push_str((self.render_article)(&printed, scratch)?.trim());
        Ok(TocEntry {
            number,
            anchor,
            title: &summary.title,
            outlet: summary.outlet_name(),
            date: &summary.date,
        })
    }

    /// Article `i`, with its number and anchor, as its partial prints it (see [`Self::article`]).
    fn book_article<'g>(
        &self,
        i: ArticleId,
        (number, anchor): (usize, &str),
        group_label: Option<&'g str>,
        section: usize,
    ) -> BookArticle<'g>
    where
        'a: 'g,
    {
        let (linked, shared, markdown, here) = (self.linked, self.shared, self.markdown, self.here);
        let front = &linked.article(i).front;
        let links = linked.links_of(i);
        let summary = shared.summary(i);
        let rebase = |html: String| rebase_html(&html, &summary.path, anchor, here);
        BookArticle {
            number,
            title: &summary.title,
            outlet: summary.outlet_name(),
            date: &summary.date,
            date_iso: &summary.date_iso,
            dateline: front.dateline.as_deref(),
            byline: &front.byline,
            url: front
                .url
                .as_deref()
                .filter(|u| super::markdown::is_web_url(u)),
            actors: &summary.actors,
            topics: &summary.topics,
            note_html: links
                .note_markdown
                .as_ref()
                .map(|t| rebase(markdown.to_html(t))),
            // The linked Markdown: `[[…]]` resolved and actors linked, as on the article's page,
            // with its highlights, their numbered notes after each paragraph and the footnotes
            // (the same rendering); ids are made the article's own by `rebase`.
            body_html: rebase_html(&(self.body)(i), &summary.path, anchor, here),
            annotations: front
                .annotations
                .iter()
                .zip(&links.annotation_notes)
                .map(|(a, note)| BookNote {
                    quote: &a.quote,
                    note_html: rebase(markdown.to_inline_html(note)),
                })
                .collect(),
            citation: citation_text(&Source::of(linked, shared, i), self.style),
            page: relative_path(here.folder, &summary.path),
            group_label,
            section,
            anchor: anchor.to_string(),
        }
    }
}

/// The `@page` rules of the printed book: its paper, the book's title as the running head, the
/// page number at the foot of every page but the cover, and for each section (a topic or year
/// group) a named page whose running head also names the section on the right.
fn page_css(config: &crate::config::Config, title: &str, sections: &[&str]) -> String {
    let paper = match config.book_paper {
        crate::config::BookPaper::A4 => "A4",
        crate::config::BookPaper::Letter => "letter",
    };
    let mut css = format!(
        "@page {{ size: {paper}; margin: 20mm 18mm 22mm; \
         @top-left {{ content: {}; font: italic 8.5pt Georgia, serif; color: #444; }} \
         @bottom-center {{ content: counter(page); font: 9pt Georgia, serif; }} }}\n\
         @page :first {{ @top-left {{ content: none; }} @bottom-center {{ content: none; }} }}",
        css_string(title)
    );
    for (n, label) in sections.iter().enumerate() {
        css.push_str(&format!(
            "\n.book-section-{n} {{ page: section-{n}; }} @page section-{n} {{ @top-right {{ \
             content: {}; font: 8.5pt Georgia, serif; color: #444; }} }}",
            css_string(label)
        ));
    }
    css
}

/// The years the dated articles span: `2017–2024`, `2017`, or empty.
fn years_spanned(linked: &LinkedBook) -> String {
    let year = |i: ArticleId| linked.article(i).front.date.map(|d| d.year());
    let mut dated = linked.chronology.iter().filter_map(|&i| year(i));
    match (dated.next(), dated.next_back()) {
        (Some(first), Some(last)) if last != first => format!("{first}–{last}"),
        (Some(first), _) => first.to_string(),
        _ => String::new(),
    }
}

/// `text` as a CSS string that is also safe inside an HTML `<style>` element.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\n' | '\r' => {
                out.push_str(&format!("\\{:x} ", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The introduction, whose links are written for the home page, pointed from the book's page.
fn introduction_html(linked: &LinkedBook, markdown: &Markdown, here: &Here<'_>) -> Option<String> {
    linked
        .introduction_markdown
        .as_ref()
        .map(|t| rebase_html(&markdown.to_html(t), "", "intro", here))
}

/// The page of the book being rendered, for rewriting links.
struct Here<'a> {
    /// `book/` or a volume's folder.
    folder: &'a str,
    /// The volume printed on this page, when the book is split.
    volume: Option<usize>,
    split: bool,
    /// Article page path → (number, volume).
    targets: &'a HashMap<String, (usize, usize)>,
}

impl Here<'_> {
    /// Where a link to the article at `path` goes: its place in this page, in its volume, or
    /// (on the cover of a split book) in the volume that prints it.
    fn article_link(&self, path: &str) -> Option<String> {
        let &(number, volume) = self.targets.get(path)?;
        Some(if !self.split || self.volume == Some(volume) {
            format!("#{}", anchor(number))
        } else {
            format!(
                "{}#{}",
                relative_path(self.folder, &volume_folder(volume)),
                anchor(number)
            )
        })
    }
}

/// The topic the editor listed first for article `i`, which files it in a by-topic book.
fn primary_topic(linked: &LinkedBook, i: ArticleId) -> Option<TermId> {
    let topics = &linked.links_of(i).topics;
    let first = linked.article(i).front.topics.first()?.trim();
    topics
        .iter()
        .copied()
        .find(|&t| {
            let term = linked.term(Taxonomy::Topic, t);
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

/// The `href`, `src` and `id` attributes of `html`, as byte ranges: the matches of
/// `\b(?:href|src|id)="[^"]*"`. Found from each `="` of the text, which only a name can end,
/// rather than by a regex search per attribute (whose setup, a dozen times an article, was half
/// of rebasing the printed book). A name counts where it starts a word: after an ASCII character
/// that is decided here; after any other the pattern itself confirms it, since Unicode's word
/// characters are its to say.
fn attributes(html: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        // Each `"` is found with a fast byte search: text escapes its quotes, so nearly all of
        // them are the attributes' own.
        while let Some(found) = html[from..].find('"') {
            let quote = from + found;
            from = quote + 1;
            let Some(equals) = quote.checked_sub(1).filter(|&e| html.as_bytes()[e] == b'=') else {
                continue;
            };
            let Some(start) = ["href", "src", "id"]
                .iter()
                .find(|name| html[..equals].ends_with(*name))
                .map(|name| equals - name.len())
            else {
                continue;
            };
            let starts_word = match html[..start].chars().next_back() {
                None => true,
                Some(c) if c.is_ascii() => !(c.is_ascii_alphanumeric() || c == '_'),
                Some(_) => attribute_pattern()
                    .find_at(html, start)
                    .is_some_and(|m| m.start() == start),
            };
            if !starts_word {
                continue;
            }
            // With no closing quote there is no `="` further on either: no more attributes.
            let close = quote + 1 + html[quote + 1..].find('"')?;
            from = close + 1;
            return Some(start..close + 1);
        }
        None
    })
}

/// `\b(?:href|src|id)="[^"]*"`, compiled once: [`attributes`] asks it only after a character
/// outside ASCII.
fn attribute_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN
        .get_or_init(|| Regex::new(r#"\b(?:href|src|id)="[^"]*""#).expect("the pattern is valid"))
}

/// Rewrites the links and ids of an article's HTML (written for its page at `page`) for the book.
fn rebase_html(html: &str, page: &str, anchor: &str, here: &Here<'_>) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut copied = 0;
    for found in attributes(html) {
        let text = &html[found.clone()];
        let Some(equals) = text.find('=') else {
            continue;
        };
        let name = &text[..equals];
        // After `="`, before the closing `"`.
        let (value_start, value_end) = (found.start + equals + 2, found.end - 1);
        out.push_str(&html[copied..value_start]);
        copied = value_end;
        let value = &html[value_start..value_end];
        if name == "id" {
            out.push_str(anchor);
            out.push('-');
            out.push_str(value);
        } else if let Some(fragment) = value.strip_prefix('#') {
            out.push('#');
            out.push_str(anchor);
            out.push('-');
            out.push_str(fragment);
        } else if is_external(value) || value.starts_with('/') {
            out.push_str(value);
        } else {
            let (path, query, fragment) = split_link(value);
            let target = resolve(page, path);
            // A place inside another article may not exist in the book (the page's
            // template ids do not), so the link goes to the article itself.
            let jump = target
                .as_deref()
                .filter(|_| query.is_empty())
                .and_then(|t| here.article_link(t));
            match (jump, target) {
                (Some(jump), _) => out.push_str(&jump),
                (None, Some(target)) => {
                    out.push_str(&relative_path(here.folder, &target));
                    if !query.is_empty() {
                        out.push('?');
                        out.push_str(query);
                    }
                    if !fragment.is_empty() {
                        out.push('#');
                        out.push_str(fragment);
                    }
                }
                (None, None) => out.push_str(value),
            }
        }
    }
    out.push_str(&html[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_the_matches_of_the_unicode_pattern() {
        let unicode = Regex::new(r#"\b(?:href|src|id)="[^"]*""#).unwrap();
        for html in [
            r#"<p id="passage-1">“Quoted,” she said. <a href="../x/">x</a> <img src="a.png"></p>"#,
            r#"éhref="no" then id="yes" and ahref="no" and 日src="no" _id="no""#,
            r#"éhref="a id="b" c" href="d""#,
            r#"ßid="x"id="y" id="z""#,
            r#"href="a="b" ="c" id="" src="unclosed"#,
            "=\"id=\"x\" hrefid=\"y\"\nsrc=\"a\nb\"",
            "",
        ] {
            let expected: Vec<(usize, usize)> = unicode
                .find_iter(html)
                .map(|m| (m.start(), m.end()))
                .collect();
            let found: Vec<(usize, usize)> = attributes(html).map(|m| (m.start, m.end)).collect();
            assert_eq!(found, expected, "{html}");
        }
    }

    #[test]
    fn attributes_match_the_unicode_pattern_on_any_text() {
        // Texts of the characters that matter, mixed at random (a fixed sequence).
        const PIECES: [&str; 14] = [
            "id", "href", "src", "=", "\"", "=\"", " ", "é", "日", "_", "x", "h", "\n", "ß",
        ];
        let unicode = Regex::new(r#"\b(?:href|src|id)="[^"]*""#).unwrap();
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            let mut html = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for n in 0..(state % 16) {
                html.push_str(PIECES[((state >> (4 * n)) % PIECES.len() as u64) as usize]);
            }
            let expected: Vec<(usize, usize)> = unicode
                .find_iter(&html)
                .map(|m| (m.start(), m.end()))
                .collect();
            let found: Vec<(usize, usize)> = attributes(&html).map(|m| (m.start, m.end)).collect();
            assert_eq!(found, expected, "{html:?}");
        }
    }

    #[test]
    fn links_to_book_articles_become_jumps_and_others_are_rebased() {
        let targets = HashMap::from([("articles/b/".to_string(), (2, 0))]);
        let here = Here {
            folder: BOOK_FOLDER,
            volume: None,
            split: false,
            targets: &targets,
        };
        let html = r##"<a href="../b/">b</a> <a href="../../topics/x/">x</a> <a href="https://e.org/">e</a><sup><a href="#1">1</a></sup><div id="1"></div><img src="pic.png">"##;
        let out = rebase_html(html, "articles/a/", "a1", &here);
        assert!(out.contains(r##"href="#a2""##), "{out}");
        assert!(out.contains(r#"href="../topics/x/""#), "{out}");
        assert!(out.contains(r#"href="https://e.org/""#), "{out}");
        assert!(
            out.contains(r##"href="#a1-1""##) && out.contains(r#"id="a1-1""#),
            "{out}"
        );
        assert!(out.contains(r#"src="../articles/a/pic.png""#), "{out}");
    }

    #[test]
    fn in_a_split_book_links_reach_articles_in_other_volumes() {
        let targets = HashMap::from([
            ("articles/b/".to_string(), (2, 0)),
            ("articles/c/".to_string(), (7, 1)),
        ]);
        let here = Here {
            folder: "book/1/",
            volume: Some(0),
            split: true,
            targets: &targets,
        };
        let html = r#"<a href="../b/">b</a> <a href="../c/">c</a> <a href="../../topics/x/">x</a>"#;
        let out = rebase_html(html, "articles/a/", "a1", &here);
        assert!(out.contains(r##"href="#a2""##), "{out}");
        assert!(out.contains(r##"href="../2/#a7""##), "{out}");
        assert!(out.contains(r#"href="../../topics/x/""#), "{out}");
        let cover = Here {
            folder: BOOK_FOLDER,
            volume: None,
            ..here
        };
        let out = rebase_html(r#"<a href="articles/c/">c</a>"#, "", "intro", &cover);
        assert!(out.contains(r##"href="2/#a7""##), "{out}");
    }

    #[test]
    fn a_group_longer_than_the_limit_prints_in_equal_parts() {
        let group = |label: &str, n: usize| PlannedGroup {
            label: label.to_string(),
            id: format!("g-{}", label.to_lowercase()),
            articles: ArticleId::all(n).collect(),
        };
        let volumes = volumes_of(vec![group("Trade", 3), group("Sanctions", 2501)], 1000);
        assert_eq!(
            css_string("A \"B\" </style>"),
            "\"A \\22 B\\22  \\3c /style\\3e \""
        );
        let sizes: Vec<usize> = volumes.iter().map(|v| v.articles.len()).collect();
        assert_eq!(sizes, [3, 834, 834, 833]);
        assert_eq!(volumes[0].label, "Trade");
        assert_eq!(volumes[2].label, "Sanctions, part 2 of 3");
        assert_eq!(volumes[3].id, "g-sanctions-3");
        let printed: Vec<usize> = volumes[1..]
            .iter()
            .flat_map(|v| v.articles.iter().map(|a| a.index()))
            .collect();
        assert_eq!(printed, (0..2501).collect::<Vec<_>>());
    }
}
