//! Render: turns the [`LinkedBook`] into pages in memory (path + bytes). No I/O besides reading
//! templates and theme files at start; rendering runs in parallel and is deterministic.
//!
//! This module holds the [`Page`] list, the [`Renderer`] (which borrows the templates and the
//! shared summaries) and the dispatch of each page to its kind in [`pages`]; the files beside the
//! pages (feeds, sitemap, search index, citations, redirects) have their own modules.

pub mod annotate;
pub mod assets;
pub mod body;
pub mod book;
pub mod charts;
pub mod chrome;
pub mod citations;
pub mod context;
pub mod feeds;
pub mod i18n;
pub mod markdown;
pub mod pages;
pub mod redirects;
pub mod search;
pub mod sitemap;
pub mod templates;
pub mod urls;

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Error;
use crate::link::{ArticleId, LinkedBook, Taxonomy, TermId};
use std::sync::{Arc, OnceLock};

use context::Shared;
use markdown::Markdown;
use pages::pager::list_page_count;

/// One file of the site: its path under the output folder (`articles/x/index.html`) and content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Every page the site has. An id of the linked book identifies articles and terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Page {
    Home,
    Article(ArticleId),
    TermIndex(Taxonomy),
    Term(Taxonomy, TermId),
    Timeline,
    NotFound,
    /// The search page, `search/`.
    Search,
    /// The printable briefing book, `book/`: the whole book, or the cover of its volumes.
    Book,
    /// One volume of a book too big for one page (0-based), `book/1/`.
    BookVolume(usize),
    /// A later page of a timeline too long for one page (0-based; page 0 is `Timeline`),
    /// `timeline/2/`.
    TimelinePage(usize),
    /// A later page of a term with too many articles for one page (0-based page; page 0 is
    /// `Term`), `actors/moon-jae-in/2/`.
    TermPage(Taxonomy, TermId, usize),
}

impl Page {
    /// The page's folder from the site root, e.g. `actors/moon-jae-in/`; empty for the home page.
    pub fn folder(self, linked: &LinkedBook) -> String {
        match self {
            Page::Home | Page::NotFound => String::new(),
            Page::Article(i) => context::article_path(linked.article(i)),
            Page::TermIndex(taxonomy) => format!("{}/", taxonomy.folder()),
            Page::Term(taxonomy, i) => context::term_path(taxonomy, linked.term(taxonomy, i)),
            Page::Timeline => "timeline/".to_string(),
            Page::TimelinePage(p) => format!("timeline/{}/", p + 1),
            Page::TermPage(taxonomy, i, p) => format!(
                "{}{}/",
                context::term_path(taxonomy, linked.term(taxonomy, i)),
                p + 1
            ),
            Page::Search => format!("{}/", search::SEARCH_DIR),
            Page::Book => book::BOOK_FOLDER.to_string(),
            Page::BookVolume(v) => book::volume_folder(v),
        }
    }

    /// The output file path of the page.
    pub fn output_path(self, linked: &LinkedBook) -> String {
        match self {
            Page::NotFound => "404.html".to_string(),
            other => format!("{}index.html", other.folder(linked)),
        }
    }
}

/// Every page of the linked book, in a stable order.
pub fn all_pages(linked: &LinkedBook) -> Vec<Page> {
    let mut pages = vec![
        Page::Home,
        Page::Timeline,
        Page::NotFound,
        Page::Search,
        Page::Book,
    ];
    pages.extend((0..book::volume_count(linked)).map(Page::BookVolume));
    pages.extend((1..list_page_count(linked, linked.chronology.len())).map(Page::TimelinePage));
    pages.extend(linked.article_ids().map(Page::Article));
    for taxonomy in Taxonomy::ALL {
        pages.push(Page::TermIndex(taxonomy));
        for (i, term) in linked.term_ids(taxonomy).zip(linked.terms(taxonomy)) {
            pages.push(Page::Term(taxonomy, i));
            let count = list_page_count(linked, term.articles.len());
            pages.extend((1..count).map(|p| Page::TermPage(taxonomy, i, p)));
        }
    }
    pages
}

/// `pages` in the order to render them: the pages that list or chart many articles (the book,
/// big terms, the timeline) first, in their order, then the rest as they were. A heavy page left
/// for the end keeps one core busy while the other has nothing left to take: a 10k book's last
/// term pages took one core some 50 ms after the other had finished.
fn heaviest_first(linked: &LinkedBook, pages: &[Page]) -> Vec<Page> {
    let weight = |page: &Page| match *page {
        Page::Book | Page::BookVolume(_) | Page::Timeline | Page::TimelinePage(_) => {
            linked.book.articles.len()
        }
        Page::Term(taxonomy, i) => linked.term(taxonomy, i).articles.len(),
        Page::TermIndex(taxonomy) => linked.terms(taxonomy).len(),
        _ => 0,
    };
    let mut ordered = pages.to_vec();
    // Stable: pages of the same weight keep their order.
    ordered.sort_by_key(|page| std::cmp::Reverse(weight(page)));
    ordered
}

/// The `../` prefix that leads from a page folder back to the site root.
pub fn root_prefix(folder: &str) -> String {
    let depth = folder.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// Renders pages of one linked book: templates, Markdown and shared summaries.
pub struct Renderer<'a> {
    pub linked: &'a LinkedBook,
    /// Borrowed from whoever keeps them between renderings (a build, the server's site).
    templates: &'a templates::Templates,
    markdown: Markdown,
    shared: &'a Shared,
    /// Made on first use: only curated term descriptions need it, and the server renders an
    /// edited article before anything else.
    resolver: OnceLock<crate::link::wikilinks::Resolver<'a>>,
    /// Each article's list entry, rendered on first use: an article is listed on a dozen pages
    /// or more, at up to four depths.
    entries: pages::lists::Entries,
    /// The printable book's layout, made by the first of its pages to render.
    book_plan: OnceLock<book::BookPlan>,
    /// Article bodies rendered once for the page, the book and the search index.
    bodies: body::BodyCache,
    /// The layout's parts shared by every page of a depth and section, rendered once each.
    chrome: chrome::Chrome,
}

/// What an item partial sees: the article as `a`, and the page's `root`.
fn partial_context(entry: &impl Serialize, root: &str) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert("a", entry);
    context.insert("root", root);
    context
}

/// What every page sees besides its own variables (and `site`, in tera's global context).
struct Common {
    root: String,
    page_path: String,
    /// Which navigation section the page belongs to.
    section: &'static str,
    /// The Atom feed of this page's actor, topic or outlet, from the site root.
    feed: Option<String>,
}

impl<'a> Renderer<'a> {
    /// Article `index`'s body HTML, rendered once for its page, the book and the search index.
    fn body_part_html(&self, index: ArticleId) -> Arc<String> {
        self.bodies
            .html(index.index(), |part| self.render_body(index, part))
    }

    /// Article `index`'s body text, for the search index (see [`Renderer::body_part_html`]).
    fn body_part_text(&self, index: ArticleId) -> String {
        self.bodies
            .text(index.index(), |part| self.render_body(index, part))
    }

    fn render_body(&self, index: ArticleId, part: body::Part) -> body::RenderedBody {
        body::RenderedBody::of(
            self.linked,
            &self.markdown,
            &self.shared.strings,
            index,
            part,
        )
    }

    /// A renderer of `linked` with `templates` and the summaries `shared` of `linked`, which it
    /// borrows: the server keeps both between rebuilds and never has to take them back. The
    /// templates are borrowed mutably only to receive the book's globals.
    pub fn new(
        linked: &'a LinkedBook,
        templates: &'a mut templates::Templates,
        shared: &'a Shared,
    ) -> Result<Self, Error> {
        i18n::check_overrides(&linked.book.config)?;
        // Once for every page and partial, not copied into each page's context.
        templates.tera.global_context().insert("site", &shared.site);
        templates
            .tera
            .global_context()
            .insert("t", &*shared.strings);
        templates
            .tera
            .global_context()
            .insert("search_strings", &shared.strings.json_of("search_"));
        let templates: &'a templates::Templates = templates;
        let entries = pages::lists::Entries::new(templates, linked.book.articles.len());
        Ok(Renderer {
            linked,
            templates,
            markdown: Markdown::new(linked.book.config.allow_unsafe_html),
            shared,
            resolver: OnceLock::new(),
            entries,
            book_plan: OnceLock::new(),
            bodies: body::BodyCache::new(
                linked.book.articles.len(),
                linked.book.articles.iter().map(|a| a.body.len()).sum(),
            ),
            chrome: chrome::Chrome::default(),
        })
    }

    /// [`Renderer::new`], taking over the bodies the link stage's parse rendered (see
    /// [`body::EarlyBodies`]) with the Markdown renderer that made them.
    pub fn with_early_bodies(
        linked: &'a LinkedBook,
        templates: &'a mut templates::Templates,
        shared: &'a Shared,
        early: body::EarlyBodies,
    ) -> Result<Self, Error> {
        let mut renderer = Self::new(linked, templates, shared)?;
        renderer.markdown = early.markdown;
        renderer.bodies = early.cache;
        Ok(renderer)
    }

    /// What the renderer made and kept for its pages (list entries, the book's layout, bodies),
    /// handed back so the caller decides when to free it.
    pub fn into_kept(self) -> impl Send + 'static {
        (self.entries, self.book_plan, self.bodies)
    }

    /// The summaries and links every page draws on.
    pub fn shared(&self) -> &'a Shared {
        self.shared
    }

    /// Renders every page, theme file and publication (feeds, sitemap, search index...), in
    /// parallel, handing each output to `sink` as soon as it is ready (in no particular order), so
    /// a build can write pages while it renders others and never holds the whole site in memory.
    /// Stops at the first error of a page or of `sink`. Every output of the site comes through
    /// here: `render_all` is built on it.
    pub fn render_each(
        &self,
        root: &Path,
        sink: impl Fn(Output) -> Result<(), Error> + Sync,
    ) -> Result<(), Error> {
        for (path, bytes) in assets::collect_assets(root)? {
            sink(Output { path, bytes })?;
        }
        let pages = all_pages(self.linked);
        let heaviest_first = heaviest_first(self.linked, &pages);
        // Publications run beside the pages, not after them: their serial steps (merging the
        // search shards, writing the citation files) then fill time another core would idle.
        let (rendered, published) = rayon::join(
            || {
                // Split down to single pages: rayon otherwise leaves the last few hundred
                // article pages to one thread while the other core idles.
                heaviest_first
                    .par_iter()
                    .with_max_len(1)
                    .try_for_each(|&page| sink(self.render_page(page)?))
            },
            || self.publish_each(&pages, &sink),
        );
        rendered.and(published)
    }

    /// Renders the whole site in memory, sorted by path.
    pub fn render_all(&self, root: &Path) -> Result<Vec<Output>, Error> {
        let mut outputs = collect(|sink| self.render_each(root, sink))?;
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(outputs)
    }

    /// The files beside the pages (feeds, sitemap, robots.txt, citations and the search index),
    /// collected in memory, for the server.
    pub fn publications(&self, pages: &[Page]) -> Vec<Output> {
        // Only the sink can fail, and a collecting one does not.
        collect(|sink| self.publish_each(pages, sink)).unwrap_or_default()
    }

    /// Hands the files beside the pages to `sink` as they are made, from every core, so a big
    /// book's search index and citations are never held whole.
    pub fn publish_each(
        &self,
        pages: &[Page],
        sink: &(dyn Fn(Output) -> Result<(), Error> + Sync),
    ) -> Result<(), Error> {
        let linked = self.linked;
        let base_url = self.shared.site.base_url.as_deref();
        let (feeds, others) = rayon::join(
            || {
                let excerpts = search::search_index(
                    linked,
                    self.shared,
                    &|i| self.body_part_text(i),
                    &feeds::in_feeds(linked),
                    sink,
                )?;
                feeds::feeds(linked, self.shared, &excerpts, sink)
            },
            || {
                sink(sitemap::sitemap(linked, base_url, pages))?;
                sink(sitemap::robots(base_url))?;
                let language = &linked.book.config.language;
                for redirect in redirects::plan(linked, pages).0 {
                    sink(redirects::page(&redirect, base_url, language))?;
                }
                citations::citation_files(linked, self.shared, sink)
            },
        );
        feeds.and(others)
    }

    /// Renders one page.
    pub fn render_page(&self, page: Page) -> Result<Output, Error> {
        let folder = page.folder(self.linked);
        // The 404 page is served at any missing address, so its links cannot be relative.
        let root = match page {
            Page::NotFound => self
                .linked
                .book
                .config
                .base_url()
                .map_or_else(|| "/".to_string(), |url| url_path(&url)),
            _ => root_prefix(&folder),
        };
        let common = Common {
            root,
            page_path: folder.clone(),
            section: section(page),
            feed: match page {
                Page::Term(taxonomy, i) | Page::TermPage(taxonomy, i, _)
                    if feeds::FEED_TAXONOMIES.contains(&taxonomy) =>
                {
                    Some(format!(
                        "{}{}",
                        Page::Term(taxonomy, i).folder(self.linked),
                        feeds::FEED_FILE
                    ))
                }
                _ => None,
            },
        };
        let root = common.root.as_str();
        let (template, mut context) = match page {
            Page::Home => ("index.html", self.home(root)?),
            Page::Article(i) => ("article.html", self.article(i, root)?),
            Page::TermIndex(Taxonomy::Year) => ("years.html", self.years(root)?),
            Page::TermIndex(taxonomy) => ("terms.html", self.term_index(taxonomy)?),
            Page::Term(Taxonomy::Year, i) => ("year.html", self.year(i, 0, root)?),
            Page::TermPage(Taxonomy::Year, i, p) => ("year.html", self.year(i, p, root)?),
            Page::Term(taxonomy, i) => ("term.html", self.term(taxonomy, i, 0, root)?),
            Page::TermPage(taxonomy, i, p) => ("term.html", self.term(taxonomy, i, p, root)?),
            Page::Timeline => ("timeline.html", self.timeline(0, root)?),
            Page::TimelinePage(p) => ("timeline.html", self.timeline(p, root)?),
            Page::NotFound => ("404.html", to_context(&pages::not_found::NotFoundView {})?),
            Page::Search => ("search.html", to_context(&pages::search::SearchView {})?),
            Page::Book => ("book.html", self.book(None, root)?),
            Page::BookVolume(v) => ("book.html", self.book(Some(v), root)?),
        };
        // Put in one by one: a context of their own, merged in, cost every page a map more.
        context.insert("root", &common.root);
        context.insert("page_path", &common.page_path);
        context.insert("section", common.section);
        context.insert("feed", &common.feed);
        let parts = self
            .chrome
            .parts(&common.root, common.section, |template, context| {
                self.render_partial(template, context)
            })?;
        for ((name, _), part) in chrome::PARTS.iter().zip(parts.iter()) {
            context.insert_value(*name, part.clone());
        }
        // Straight into the page's bytes: tera's `render` would check them again as UTF-8.
        let mut bytes = Vec::with_capacity(16 * 1024 + prerendered_bytes(&context));
        self.templates
            .tera
            .render_to(template, &context, &mut bytes)
            .map_err(templates::template_error)?;
        Ok(Output {
            path: page.output_path(self.linked),
            bytes,
        })
    }

    /// Renders `entry` (an article summary) with one of the item partials.
    fn partial(&self, template: &str, entry: &impl Serialize, root: &str) -> Result<String, Error> {
        self.render_partial(template, &partial_context(entry, root))
    }

    /// Renders `entry` with an item partial into `scratch` (emptied first) and gives its text,
    /// untrimmed: for a caller that copies the text on at once, so one buffer serves every
    /// rendering, where each had a string of its own grown to its size.
    fn partial_in<'s>(
        &self,
        template: &str,
        entry: &impl Serialize,
        root: &str,
        scratch: &'s mut Vec<u8>,
    ) -> Result<&'s str, Error> {
        scratch.clear();
        self.templates
            .tera
            .render_to(template, &partial_context(entry, root), &mut *scratch)
            .map_err(templates::template_error)?;
        std::str::from_utf8(scratch).map_err(|e| templates::template_error(tera::Error::message(e)))
    }

    fn render_partial(&self, template: &str, context: &tera::Context) -> Result<String, Error> {
        let mut html = self
            .templates
            .tera
            .render(template, context)
            .map_err(templates::template_error)?;
        // Trimmed in place: a book article's HTML holds its whole body, and a partial's file
        // usually ends in a line break. Then given back the room tera's buffer grew into (up to
        // as much again as it holds): list entries and book articles are kept for the whole
        // build, and at 100k articles that room came to 150 MB.
        html.truncate(html.trim_end().len());
        let leading = html.len() - html.trim_start().len();
        html.drain(..leading);
        html.shrink_to_fit();
        Ok(html)
    }
}

/// The bytes of a page context's parts rendered beforehand (an article's body, the lists of a
/// term or the timeline, the articles of a printed volume), which the page prints whole: its
/// buffer is sized for them at once, where growing it doubled and copied it up to a printed
/// volume's megabytes, each time into memory the system had to map afresh.
fn prerendered_bytes(context: &tera::Context) -> usize {
    let text =
        |value: Option<&tera::Value>| value.and_then(tera::Value::as_str).map_or(0, str::len);
    let lists = context
        .get("groups")
        .and_then(tera::Value::as_array)
        .map_or(0, |groups| {
            groups
                .iter()
                .map(|group| text(group.get_from_path("list_html")))
                .sum()
        });
    text(context.get("body_html")) + text(context.get("articles_html")) + lists
}

/// Gathers in memory what `produce` hands to its sink, from any thread, in no particular order.
fn collect(
    produce: impl FnOnce(&(dyn Fn(Output) -> Result<(), Error> + Sync)) -> Result<(), Error>,
) -> Result<Vec<Output>, Error> {
    let outputs = std::sync::Mutex::new(Vec::new());
    produce(&|output| {
        outputs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(output);
        Ok(())
    })?;
    Ok(outputs
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner()))
}

/// The path part of an absolute URL (`https://host/sub/` → `/sub/`).
pub fn url_path(url: &str) -> String {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    match without_scheme.find('/') {
        Some(i) => without_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

fn to_context(value: &impl Serialize) -> Result<tera::Context, Error> {
    tera::Context::from_serialize(value).map_err(templates::template_error)
}

fn section(page: Page) -> &'static str {
    match page {
        Page::Home | Page::NotFound => "home",
        Page::Search => "search",
        Page::Book | Page::BookVolume(_) => "book",
        Page::Article(_) | Page::Timeline | Page::TimelinePage(_) => "timeline",
        Page::TermIndex(t) | Page::Term(t, _) | Page::TermPage(t, _, _) => t.folder(),
    }
}
