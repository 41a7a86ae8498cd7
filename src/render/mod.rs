//! Render: turns the [`LinkedBook`] into pages in memory (path + bytes). No I/O besides reading
//! templates and theme files at start; rendering runs in parallel and is deterministic.

pub mod annotate;
pub mod assets;
pub mod body;
pub mod book;
pub mod charts;
pub mod citations;
pub mod context;
pub mod feeds;
pub mod i18n;
pub mod markdown;
pub mod redirects;
pub mod search;
pub mod sitemap;
pub mod templates;
pub mod urls;

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Error;
use crate::link::{LinkedBook, Taxonomy, Term};
use std::sync::{Arc, OnceLock};

use context::{
    group_runs, newest_first, year_label, ArticleSummary, CountedLink, Group, Grouped, Link,
    ListItem, Shared,
};
use markdown::Markdown;
use templates::ARTICLE_ITEM;

/// One file of the site: its path under the output folder (`articles/x/index.html`) and content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Every page the site has. An index into the linked book's lists identifies articles and terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Page {
    Home,
    Article(usize),
    TermIndex(Taxonomy),
    Term(Taxonomy, usize),
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
    TermPage(Taxonomy, usize, usize),
}

impl Page {
    /// The page's folder from the site root, e.g. `actors/moon-jae-in/`; empty for the home page.
    pub fn folder(self, linked: &LinkedBook) -> String {
        match self {
            Page::Home | Page::NotFound => String::new(),
            Page::Article(i) => context::article_path(&linked.book.articles[i]),
            Page::TermIndex(taxonomy) => format!("{}/", taxonomy.folder()),
            Page::Term(taxonomy, i) => context::term_path(taxonomy, &linked.terms(taxonomy)[i]),
            Page::Timeline => "timeline/".to_string(),
            Page::TimelinePage(p) => format!("timeline/{}/", p + 1),
            Page::TermPage(taxonomy, i, p) => format!(
                "{}{}/",
                context::term_path(taxonomy, &linked.terms(taxonomy)[i]),
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
    pages.extend((0..linked.book.articles.len()).map(Page::Article));
    for taxonomy in Taxonomy::ALL {
        pages.push(Page::TermIndex(taxonomy));
        for (i, term) in linked.terms(taxonomy).iter().enumerate() {
            pages.push(Page::Term(taxonomy, i));
            let count = list_page_count(linked, term.articles.len());
            pages.extend((1..count).map(|p| Page::TermPage(taxonomy, i, p)));
        }
    }
    pages
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
    templates: templates::Templates,
    markdown: Markdown,
    shared: Shared,
    /// Made on first use: only curated term descriptions need it, and the server renders an
    /// edited article before anything else.
    resolver: OnceLock<crate::link::wikilinks::Resolver<'a>>,
    /// Each article's list entry, rendered on first use: an article is listed on a dozen pages
    /// or more, at up to four depths.
    entries: Entries,
    /// The printable book's layout, made by the first of its pages to render.
    book_plan: OnceLock<book::BookPlan>,
    /// Article bodies rendered once for the page, the book and the search index.
    bodies: body::BodyCache,
}

/// The root prefixes of the pages that list articles: the home page, first-level pages
/// (`years/`) and second-level pages (articles, terms, years).
const ENTRY_ROOTS: [&str; 3] = ["./", "../", "../../"];

/// What list entries are rendered with for their root, to be replaced by each page's: a private
/// use character, which no escaping changes.
const ROOT_STAND_IN: char = '\u{E000}';

/// The cache of list entries, by the way the entry partial uses `root`.
enum Entries {
    /// It only prints it (see [`templates::prints_root_only`]): one rendering with
    /// [`ROOT_STAND_IN`] serves every depth, each page putting in its own root. `None` inside:
    /// the article's own text holds the stand-in, so its entry is rendered for each page.
    StandIn(Vec<OnceLock<Option<String>>>),
    /// It does more with it: one rendering per depth of [`ENTRY_ROOTS`].
    PerDepth([Vec<OnceLock<String>>; ENTRY_ROOTS.len()]),
}

impl Entries {
    fn new(templates: &templates::Templates, articles: usize) -> Entries {
        fn slots<T>(articles: usize) -> Vec<OnceLock<T>> {
            (0..articles).map(|_| OnceLock::new()).collect()
        }
        if templates.entry_prints_root_only {
            Entries::StandIn(slots(articles))
        } else {
            Entries::PerDepth(std::array::from_fn(|_| slots(articles)))
        }
    }
}

/// Whether any string in `value` (keys included) contains `c`: JSON writes every character
/// but quotes, backslashes and control characters as it is.
fn holds_char(value: &impl Serialize, c: char) -> bool {
    serde_json::to_string(value).is_ok_and(|json| json.contains(c))
}

/// What an item partial sees: the article as `a`, and the page's `root`.
fn partial_context(entry: &impl Serialize, root: &str) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert("a", entry);
    context.insert("root", root);
    context
}

/// Appends `entry`, rendered with [`ROOT_STAND_IN`], with `root` in its place as `{{ root }}`
/// prints it.
fn push_with_root(html: &mut String, entry: &str, root: &str) {
    // `../` prefixes need no escaping.
    let printed_root = if root.bytes().all(|b| b == b'.' || b == b'/') {
        std::borrow::Cow::Borrowed(root)
    } else {
        std::borrow::Cow::Owned(templates::escape_html(root))
    };
    let mut rest = entry;
    while let Some(at) = rest.find(ROOT_STAND_IN) {
        html.push_str(&rest[..at]);
        html.push_str(&printed_root);
        rest = &rest[at + ROOT_STAND_IN.len_utf8()..];
    }
    html.push_str(rest);
}

/// The partial that renders an article on the timeline.
const TIMELINE_ITEM: &str = "partials/timeline_item.html";

/// What every page sees besides its own variables (and `site`, in tera's global context).
#[derive(Serialize)]
struct Common {
    root: String,
    page_path: String,
    /// Which navigation section the page belongs to.
    section: &'static str,
    /// The Atom feed of this page's actor, topic or outlet, from the site root.
    feed: Option<String>,
}

impl<'a> Renderer<'a> {
    /// Prepares templates and summaries for `linked`, whose book lives at `root`.
    pub fn new(root: &Path, linked: &'a LinkedBook) -> Result<Self, Error> {
        Self::with_templates(linked, templates::load_templates(root)?)
    }

    /// Like [`Renderer::new`] with templates compiled earlier, so the server need not re-read
    /// them for every rebuild.
    pub fn with_templates(
        linked: &'a LinkedBook,
        templates: templates::Templates,
    ) -> Result<Self, Error> {
        Self::with_shared(linked, templates, Shared::new(linked))
    }

    /// Like [`Renderer::with_templates`] with the summaries of `linked` made earlier (see
    /// [`Renderer::into_parts`]), so the server need not make them twice for one rebuild.
    pub fn with_shared(
        linked: &'a LinkedBook,
        mut templates: templates::Templates,
        shared: Shared,
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
        let entries = Entries::new(&templates, linked.book.articles.len());
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
        })
    }

    /// The summaries and links every page draws on.
    pub fn shared(&self) -> &Shared {
        &self.shared
    }

    /// The templates and summaries, to make another renderer of the same book without copying
    /// or recomputing them.
    pub fn into_parts(self) -> (templates::Templates, Shared) {
        (self.templates, self.shared)
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
        // Publications run beside the pages, not after them: their serial steps (merging the
        // search shards, writing the citation files) then fill time another core would idle.
        let (rendered, published) = rayon::join(
            || {
                pages
                    .par_iter()
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
                    &self.shared,
                    &|i| self.body_part_text(i),
                    &feeds::in_feeds(linked),
                    sink,
                )?;
                feeds::feeds(linked, &self.shared, &excerpts, sink)
            },
            || {
                sink(sitemap::sitemap(linked, base_url, pages))?;
                sink(sitemap::robots(base_url))?;
                let language = &linked.book.config.language;
                for redirect in redirects::plan(linked, pages).0 {
                    sink(redirects::page(&redirect, base_url, language))?;
                }
                citations::citation_files(linked, &self.shared, sink)
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
            Page::NotFound => ("404.html", tera::Context::new()),
            Page::Search => ("search.html", tera::Context::new()),
            Page::Book | Page::BookVolume(_) => {
                let volume = match page {
                    Page::BookVolume(v) => Some(v),
                    _ => None,
                };
                (
                    "book.html",
                    to_context(&book::book_page(
                        self.linked,
                        &self.shared,
                        &self.markdown,
                        &|i| self.body_part_html(i),
                        self.book_plan(),
                        volume,
                        &|article| self.partial("partials/book_article.html", article, root),
                    )?)?,
                )
            }
        };
        context.extend(to_context(&common)?);
        // Straight into the page's bytes: tera's `render` would check them again as UTF-8.
        let mut bytes = Vec::with_capacity(16 * 1024);
        self.templates
            .tera
            .render_to(template, &context, &mut bytes)
            .map_err(|e| templates::template_error(&e))?;
        Ok(Output {
            path: page.output_path(self.linked),
            bytes,
        })
    }

    fn book_plan(&self) -> &book::BookPlan {
        self.book_plan
            .get_or_init(|| book::BookPlan::new(self.linked, &self.shared))
    }

    /// Renders `entry` (an article summary) with one of the item partials.
    fn partial(&self, template: &str, entry: &impl Serialize, root: &str) -> Result<String, Error> {
        self.render_partial(template, &partial_context(entry, root))
    }

    fn render_partial(&self, template: &str, context: &tera::Context) -> Result<String, Error> {
        let html = self
            .templates
            .tera
            .render(template, context)
            .map_err(|e| templates::template_error(&e))?;
        // A book article's HTML holds its whole body: copied only when there is space to trim.
        let trimmed = html.trim();
        Ok(if trimmed.len() == html.len() {
            html
        } else {
            trimmed.to_string()
        })
    }

    /// Appends article `index`'s list entry for a page whose root prefix is `root`.
    fn push_entry(&self, html: &mut String, index: usize, root: &str) -> Result<(), Error> {
        let render = || self.partial(ARTICLE_ITEM, &self.shared.item(index), root);
        // Two threads may render the same entry at once; both get the same text.
        match &self.entries {
            Entries::StandIn(slots) => {
                let slot = &slots[index];
                if slot.get().is_none() {
                    let _ = slot.set(self.stand_in_entry(index)?);
                }
                match slot.get().and_then(Option::as_deref) {
                    Some(entry) => push_with_root(html, entry, root),
                    None => html.push_str(&render()?),
                }
            }
            Entries::PerDepth(slots) => match ENTRY_ROOTS.iter().position(|r| *r == root) {
                Some(depth) => {
                    let slot = &slots[depth][index];
                    if slot.get().is_none() {
                        let _ = slot.set(render()?);
                    }
                    html.push_str(slot.get().expect("set just above"));
                }
                None => html.push_str(&render()?),
            },
        }
        Ok(())
    }

    /// Article `index`'s list entry rendered with [`ROOT_STAND_IN`] for its root, or `None` when
    /// its own text holds the stand-in.
    fn stand_in_entry(&self, index: usize) -> Result<Option<String>, Error> {
        let item = self.shared.item(index);
        if holds_char(&item, ROOT_STAND_IN) {
            return Ok(None);
        }
        let context = partial_context(&item, &ROOT_STAND_IN.to_string());
        self.render_partial(ARTICLE_ITEM, &context).map(Some)
    }

    /// The list of `articles` (`<ul class="article-list">`) for a page whose root prefix is
    /// `root`, or an empty string when there are none, so templates can test it.
    fn list_html(
        &self,
        articles: impl IntoIterator<Item = usize>,
        root: &str,
    ) -> Result<String, Error> {
        let mut html = String::new();
        for index in articles {
            if html.is_empty() {
                html.push_str("\n<ul class=\"article-list\">\n");
            }
            html.push('\n');
            self.push_entry(&mut html, index, root)?;
            html.push('\n');
        }
        if !html.is_empty() {
            html.push_str("\n</ul>\n");
        }
        Ok(html)
    }

    /// Article groups with their lists rendered.
    fn groups_html(&self, groups: Vec<Grouped>, root: &str) -> Result<Vec<Group>, Error> {
        groups
            .into_iter()
            .map(|g| {
                Ok(Group {
                    count: g.articles.len(),
                    list_html: self.list_html(g.articles, root)?,
                    label: g.label,
                    id: g.id,
                })
            })
            .collect()
    }

    fn home(&self, root: &str) -> Result<tera::Context, Error> {
        #[derive(Serialize)]
        struct Home<'a> {
            introduction_html: Option<String>,
            latest: String,
            topics: Vec<CountedLink>,
            actors: Vec<CountedLink>,
            years: Vec<CountedLink>,
            counts: [(&'a str, &'static str, usize); 4],
        }
        let linked = self.linked;
        let strings = &*self.shared.strings;
        let dated: Vec<usize> = linked
            .chronology
            .iter()
            .copied()
            .filter(|&i| linked.links[i].year.is_some())
            .collect();
        let latest = self.list_html(
            dated
                .iter()
                .rev()
                .take(linked.book.config.latest_count)
                .copied(),
            root,
        )?;
        let top = |taxonomy: Taxonomy, limit: usize| -> Vec<CountedLink> {
            let mut pairs: Vec<(usize, usize)> = linked
                .terms(taxonomy)
                .iter()
                .enumerate()
                .map(|(i, t)| (i, t.articles.len()))
                .collect();
            pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            self.shared.counted(taxonomy, &pairs, limit)
        };
        to_context(&Home {
            introduction_html: linked
                .introduction_markdown
                .as_ref()
                .map(|t| self.markdown.to_html(t)),
            latest,
            topics: top(Taxonomy::Topic, 16),
            actors: top(Taxonomy::Actor, 16),
            years: self.shared.counted(
                Taxonomy::Year,
                &linked
                    .years
                    .iter()
                    .enumerate()
                    .map(|(i, y)| (i, y.articles.len()))
                    .collect::<Vec<_>>(),
                usize::MAX,
            ),
            counts: [
                (
                    strings.get("articles"),
                    "timeline/",
                    linked.book.articles.len(),
                ),
                (strings.get("actors"), "actors/", in_use(&linked.actors)),
                (strings.get("topics"), "topics/", in_use(&linked.topics)),
                (strings.get("outlets"), "outlets/", in_use(&linked.outlets)),
            ],
        })
    }

    fn article(&self, index: usize, root: &str) -> Result<tera::Context, Error> {
        #[derive(Serialize)]
        struct ArticlePage<'a> {
            article: &'a ArticleSummary,
            publisher: Option<&'a Link>,
            dateline: Option<&'a str>,
            byline: &'a [String],
            url: Option<&'a str>,
            source: Option<&'a str>,
            year: Option<&'a Link>,
            note_html: Option<String>,
            body_html: String,
            previous: Option<ListItem<'a>>,
            next: Option<ListItem<'a>>,
            related: String,
            /// Other articles linking here.
            backlinks: String,
            citation: citations::ArticleCitation,
        }
        let article = &self.linked.book.articles[index];
        let links = &self.linked.links[index];
        let front = &article.front;
        to_context(&ArticlePage {
            article: &self.shared.summaries[index],
            publisher: links.publisher.map(|p| &self.shared.outlet_links[p]),
            dateline: front.dateline.as_deref(),
            byline: &front.byline,
            url: front.url.as_deref().filter(|u| markdown::is_web_url(u)),
            source: front.source.as_deref(),
            year: links.year.map(|y| &self.shared.year_links[y]),
            note_html: links
                .note_markdown
                .as_ref()
                .map(|n| self.markdown.to_html(n)),
            body_html: self.body_html(index),
            previous: links.previous.map(|i| self.shared.item(i)),
            next: links.next.map(|i| self.shared.item(i)),
            related: self.list_html(links.related.iter().copied(), root)?,
            backlinks: self
                .list_html(self.linked.backlinks.articles[index].iter().copied(), root)?,
            citation: citations::article_citation(
                &citations::Source::of(self.linked, &self.shared, index),
                citations::CitationStyle::parse(&self.linked.book.config.citation_style)
                    .unwrap_or(citations::CitationStyle::Chicago),
            ),
        })
    }

    /// A curated term's description, its `[[…]]` links resolved for a page `prefix` deep.
    fn description_html(&self, markdown: &str, prefix: &str) -> String {
        let linked = self.linked;
        let resolver = self
            .resolver
            .get_or_init(|| crate::link::resolver(&linked.book, &linked.actors, &linked.topics));
        let (text, _, _) = crate::link::wikilinks::rewrite_text(resolver, markdown, prefix);
        self.markdown.to_html(&text)
    }

    /// An article body with the editor's layer: annotations, sidenotes, quotation anchors.
    fn body_html(&self, index: usize) -> String {
        // The last of the body's consumers takes it without a copy.
        Arc::try_unwrap(self.body_part_html(index)).unwrap_or_else(|html| (*html).clone())
    }

    /// Article `index`'s body HTML, rendered once for its page, the book and the search index.
    fn body_part_html(&self, index: usize) -> Arc<String> {
        self.bodies
            .html(index, |part| self.render_body(index, part))
    }

    /// Article `index`'s body text, for the search index (see [`Renderer::body_part_html`]).
    fn body_part_text(&self, index: usize) -> String {
        self.bodies
            .text(index, |part| self.render_body(index, part))
    }

    fn render_body(&self, index: usize, part: body::Part) -> body::RenderedBody {
        body::RenderedBody::of(
            self.linked,
            &self.markdown,
            &self.shared.strings,
            index,
            part,
        )
    }

    fn term_index(&self, taxonomy: Taxonomy) -> Result<tera::Context, Error> {
        #[derive(Serialize)]
        struct Entry<'a> {
            name: &'a str,
            path: &'a str,
            count: usize,
            subtitle: Option<String>,
            description_html: Option<String>,
        }
        #[derive(Serialize)]
        struct Index<'a> {
            kind: Taxonomy,
            title: &'a str,
            terms: Vec<Entry<'a>>,
            network_svg: Option<String>,
        }
        let terms = self.linked.terms(taxonomy);
        let links = self.shared.links(taxonomy);
        let entries = terms
            .iter()
            .zip(links)
            .filter(|(term, _)| !term.articles.is_empty())
            .map(|(term, link)| {
                let (subtitle, description) = self.term_details(taxonomy, term);
                Entry {
                    name: &link.name,
                    path: &link.path,
                    count: term.articles.len(),
                    subtitle,
                    description_html: description
                        .map(|d| self.description_html(first_paragraph(d), "../")),
                }
            })
            .collect();
        to_context(&Index {
            kind: taxonomy,
            title: self.shared.strings.get(index_title(taxonomy)),
            terms: entries,
            network_svg: (taxonomy == Taxonomy::Actor)
                .then(|| self.actor_network())
                .flatten(),
        })
    }

    /// A one-line subtitle (an actor's latest role and country, an outlet's homepage) and the
    /// Markdown description of a curated term.
    fn term_details(
        &self,
        taxonomy: Taxonomy,
        term: &Term,
    ) -> (Option<String>, Option<&'a String>) {
        let book = &self.linked.book;
        let Some(entry) = term.entry else {
            return (None, None);
        };
        match taxonomy {
            Taxonomy::Actor => {
                let actor = &book.actors[entry];
                // The current or most recent role, whatever order the editor listed them in.
                let latest = actor
                    .roles
                    .iter()
                    .max_by_key(|r| (r.to.is_none(), r.to, r.from));
                let role = latest.map(|r| match &r.organisation {
                    Some(org) => format!("{}, {org}", r.title),
                    None => r.title.clone(),
                });
                // "President of the United States, United States · United States" says it twice.
                let country = actor.country.as_ref().filter(|c| {
                    latest.is_none_or(|r| r.organisation.as_deref() != Some(c.as_str()))
                });
                let subtitle = match (role, country) {
                    (Some(role), Some(country)) => Some(format!("{role} · {country}")),
                    (Some(role), None) => Some(role),
                    (None, country) => country.cloned(),
                };
                (subtitle, actor.description.as_ref())
            }
            Taxonomy::Topic => (None, book.topics[entry].description.as_ref()),
            Taxonomy::Outlet => (None, book.outlets[entry].description.as_ref()),
            Taxonomy::Year => (None, None),
        }
    }

    /// Page `page` (0-based) of a term: its articles newest first, grouped by year. The
    /// description, quotations, related terms and backlinks are on the first page only.
    fn term(
        &self,
        taxonomy: Taxonomy,
        index: usize,
        page: usize,
        root: &str,
    ) -> Result<tera::Context, Error> {
        #[derive(Serialize)]
        struct RoleView {
            title: String,
            organisation: Option<String>,
            period: String,
        }
        #[derive(Serialize)]
        struct TermPage<'a> {
            kind: Taxonomy,
            kind_title: &'a str,
            index_title: &'a str,
            term: &'a Link,
            count: usize,
            subtitle: Option<String>,
            description_html: Option<String>,
            aliases: &'a [String],
            roles: Vec<RoleView>,
            homepage: Option<&'a str>,
            groups: Vec<Group>,
            co_actors: Vec<CountedLink>,
            co_topics: Vec<CountedLink>,
            chart_svg: Option<String>,
            /// Articles linking to or naming the term without being filed under it.
            backlinks: String,
            quotes: Vec<QuoteView<'a>>,
            quote_count: usize,
            /// Present when the term's articles take more than one page.
            pager: Option<Pager>,
        }
        #[derive(Serialize)]
        struct QuoteView<'a> {
            text: &'a str,
            article: &'a ArticleSummary,
            /// Path from the site root to the passage.
            path: String,
        }
        let linked = self.linked;
        let term = &linked.terms(taxonomy)[index];
        let backlinks: &[usize] = match taxonomy {
            Taxonomy::Actor => &linked.backlinks.actors[index],
            Taxonomy::Topic => &linked.backlinks.topics[index],
            _ => &[],
        };
        let quote_count = match taxonomy {
            Taxonomy::Actor => linked.backlinks.quotes[index].len(),
            _ => 0,
        };
        // An actor's quotations, on the first page only.
        let quoted = (taxonomy == Taxonomy::Actor && page == 0)
            .then(|| linked.backlinks.shown_quotes(index))
            .into_iter()
            .flatten();
        let quotes = quoted
            .filter_map(|&(article, i)| {
                let quotes = &linked.links[article].quotes;
                let quote = quotes.get(i)?;
                let summary = &self.shared.summaries[article];
                Some(QuoteView {
                    text: quotes.text(quote),
                    article: summary,
                    path: format!("{}#passage-{}", summary.path, quote.passage()),
                })
            })
            .collect();
        // Newest first, by year; a long list is cut into pages of that order.
        let shown = newest_first(linked, &term.articles);
        // A bar leads to its year's heading, on whichever page of the list the year starts.
        let year_href = |year: i32| -> Option<String> {
            let at = shown.iter().position(|&i| {
                linked.book.articles[i].front.date.map(|d| d.year()) == Some(year)
            })?;
            let on = at / list_page_limit(linked);
            Some(match on {
                0 => format!("#y{year}"),
                p => format!("{}/#y{year}", p + 1),
            })
        };
        let chart_svg = (page == 0 && matches!(taxonomy, Taxonomy::Actor | Taxonomy::Topic))
            .then(|| {
                let mut per_year: Vec<(i32, usize)> = Vec::new();
                for &i in &term.articles {
                    if let Some(year) = linked.book.articles[i].front.date.map(|d| d.year()) {
                        match per_year.last_mut() {
                            Some((y, n)) if *y == year => *n += 1,
                            _ => per_year.push((year, 1)),
                        }
                    }
                }
                charts::year_bars(&per_year, &term.name, &year_href, &self.shared.strings)
            })
            .flatten();
        let (subtitle, description) = self.term_details(taxonomy, term);
        let on_page = &shown[list_page_range(linked, shown.len(), page)];
        let strings = &*self.shared.strings;
        let groups = group_runs(on_page.iter().copied(), |i| year_label(linked, strings, i));
        let pager = self.pager(Page::Term(taxonomy, index), page, root, &shown, |slice| {
            year_span(linked, strings, slice)
        });
        let first = page == 0;
        let (aliases, roles, homepage): (&[String], Vec<RoleView>, Option<&str>) =
            match (taxonomy, term.entry) {
                (Taxonomy::Actor, Some(e)) => {
                    let actor = &linked.book.actors[e];
                    let roles = actor
                        .roles
                        .iter()
                        .map(|r| RoleView {
                            title: r.title.clone(),
                            organisation: r.organisation.clone(),
                            period: match (r.from, r.to) {
                                (Some(from), Some(to)) => {
                                    format!("{}–{}", strings.date(&from), strings.date(&to))
                                }
                                (Some(from), None) => {
                                    strings.fill("role_from", &[("date", &strings.date(&from))])
                                }
                                (None, Some(to)) => {
                                    strings.fill("role_until", &[("date", &strings.date(&to))])
                                }
                                (None, None) => String::new(),
                            },
                        })
                        .collect();
                    (&actor.aliases, roles, None)
                }
                (Taxonomy::Outlet, Some(e)) => {
                    let outlet = &linked.book.outlets[e];
                    (
                        &outlet.aliases,
                        Vec::new(),
                        outlet
                            .homepage
                            .as_deref()
                            .filter(|u| markdown::is_web_url(u)),
                    )
                }
                _ => (&[], Vec::new(), None),
            };
        to_context(&TermPage {
            kind: taxonomy,
            kind_title: self.shared.strings.get(kind_title(taxonomy)),
            index_title: self.shared.strings.get(index_title(taxonomy)),
            term: &self.shared.links(taxonomy)[index],
            count: term.articles.len(),
            subtitle,
            description_html: description
                .filter(|_| first)
                .map(|d| self.description_html(d, "../../")),
            aliases,
            roles,
            homepage,
            groups: self.groups_html(groups, root)?,
            co_actors: self.shared.counted(
                Taxonomy::Actor,
                if first { &term.co_actors } else { &[] },
                crate::link::CO_OCCURRENCE_COUNT,
            ),
            co_topics: self.shared.counted(
                Taxonomy::Topic,
                if first { &term.co_topics } else { &[] },
                crate::link::CO_OCCURRENCE_COUNT,
            ),
            chart_svg,
            backlinks: if first {
                self.list_html(backlinks.iter().copied(), root)?
            } else {
                String::new()
            },
            quotes,
            quote_count,
            pager,
        })
    }

    /// The network of the actors with most articles, edges weighted by shared articles.
    fn actor_network(&self) -> Option<String> {
        let linked = self.linked;
        let mut top: Vec<usize> = (0..linked.actors.len()).collect();
        top.sort_by(|&a, &b| {
            linked.actors[b]
                .articles
                .len()
                .cmp(&linked.actors[a].articles.len())
                .then(a.cmp(&b))
        });
        top.truncate(charts::NETWORK_SIZE);
        let mut node_of = vec![usize::MAX; linked.actors.len()];
        for (node, &actor) in top.iter().enumerate() {
            node_of[actor] = node;
        }
        let mut shared: std::collections::HashMap<(usize, usize), usize> =
            std::collections::HashMap::new();
        for links in &linked.links {
            let present: Vec<usize> = links
                .actors
                .iter()
                .map(|&a| node_of[a])
                .filter(|&n| n != usize::MAX)
                .collect();
            for (i, &a) in present.iter().enumerate() {
                for &b in &present[i + 1..] {
                    *shared.entry((a.min(b), a.max(b))).or_default() += 1;
                }
            }
        }
        let edges: Vec<(usize, usize, usize)> =
            shared.into_iter().map(|((a, b), w)| (a, b, w)).collect();
        let nodes: Vec<charts::Node> = top
            .iter()
            .map(|&a| charts::Node {
                name: linked.actors[a].name.clone(),
                path: self.shared.actor_links[a].path.to_string(),
                articles: linked.actors[a].articles.len(),
            })
            .collect();
        charts::network(&nodes, &edges, "../", &self.shared.strings)
    }

    fn years(&self, root: &str) -> Result<tera::Context, Error> {
        #[derive(Serialize)]
        struct Years {
            years: Vec<CountedLink>,
            undated: String,
        }
        let linked = self.linked;
        let pairs: Vec<(usize, usize)> = linked
            .years
            .iter()
            .enumerate()
            .rev()
            .map(|(i, y)| (i, y.articles.len()))
            .collect();
        to_context(&Years {
            years: self.shared.counted(Taxonomy::Year, &pairs, usize::MAX),
            undated: self.list_html(linked.undated.iter().copied(), root)?,
        })
    }

    /// Page `page` (0-based) of a year: its articles by month, then those dated only to the year.
    fn year(&self, index: usize, page: usize, root: &str) -> Result<tera::Context, Error> {
        #[derive(Serialize)]
        struct YearPage<'a> {
            year: &'a Link,
            count: usize,
            months: Vec<Group>,
            /// Articles dated only to this year.
            month_unknown: String,
            previous: Option<&'a Link>,
            next: Option<&'a Link>,
            /// Present when the year's articles take more than one page.
            pager: Option<Pager>,
        }
        let linked = self.linked;
        let term = &linked.years[index];
        let month_of = |i: usize| linked.book.articles[i].front.date.and_then(|d| d.month());
        let (known, unknown): (Vec<usize>, Vec<usize>) =
            term.articles.iter().partition(|&&i| month_of(i).is_some());
        let shown: Vec<usize> = known.iter().chain(&unknown).copied().collect();
        let on_page = &shown[list_page_range(linked, shown.len(), page)];
        let (known, unknown): (Vec<usize>, Vec<usize>) =
            on_page.iter().partition(|&&i| month_of(i).is_some());
        let strings = &*self.shared.strings;
        let months = group_runs(known, |i| {
            let month = month_of(i).unwrap_or(1);
            (
                strings.fill(
                    "date_month",
                    &[("month", strings.month(month)), ("year", &term.name)],
                ),
                format!("m{month:02}"),
            )
        });
        let month_span = |slice: &[usize]| {
            let label =
                |i: usize| month_of(i).map_or(strings.get("month_not_known"), |m| strings.month(m));
            match (slice.first(), slice.last()) {
                (Some(&a), Some(&b)) if label(a) != label(b) => {
                    format!("{}–{}", label(a), label(b))
                }
                (Some(&a), _) => label(a).to_string(),
                _ => String::new(),
            }
        };
        let pager = self.pager(
            Page::Term(Taxonomy::Year, index),
            page,
            root,
            &shown,
            month_span,
        );
        to_context(&YearPage {
            year: &self.shared.year_links[index],
            count: term.articles.len(),
            months: self.groups_html(months, root)?,
            month_unknown: self.list_html(unknown, root)?,
            previous: index.checked_sub(1).map(|i| &self.shared.year_links[i]),
            next: self.shared.year_links.get(index + 1),
            pager,
        })
    }

    /// Links between the pages of the list of `articles` whose first page is `first`, for page
    /// `page` (0-based) at depth `root`: `None` when the list fits on one page. `label` names
    /// what a page's articles cover (their years).
    fn pager(
        &self,
        first: Page,
        page: usize,
        root: &str,
        articles: &[usize],
        label: impl Fn(&[usize]) -> String,
    ) -> Option<Pager> {
        let linked = self.linked;
        let total = list_page_count(linked, articles.len());
        if total <= 1 {
            return None;
        }
        let path = |p: usize| format!("{root}{}", list_page(first, p).folder(linked));
        Some(Pager {
            number: page + 1,
            total,
            previous: page.checked_sub(1).map(path),
            next: (page + 1 < total).then(|| path(page + 1)),
            pages: (0..total)
                .map(|p| PagerLink {
                    number: p + 1,
                    path: path(p),
                    label: label(&articles[list_page_range(linked, articles.len(), p)]),
                })
                .collect(),
        })
    }

    /// Page `page` (0-based) of the timeline: the articles in date order, grouped by year.
    fn timeline(&self, page: usize, root: &str) -> Result<tera::Context, Error> {
        #[derive(Serialize)]
        struct Timeline {
            groups: Vec<Group>,
            /// Present when the timeline has more than one page.
            pager: Option<Pager>,
        }
        let linked = self.linked;
        let chronology = &linked.chronology;
        let positions = list_page_range(linked, chronology.len(), page);
        // Render the page's entries on every core: the timeline is the longest list of the site.
        let entries: Vec<String> = chronology[positions.clone()]
            .par_iter()
            .map(|&i| self.partial(TIMELINE_ITEM, &self.shared.summaries[i], root))
            .collect::<Result<_, _>>()?;
        let strings = &*self.shared.strings;
        let groups = group_runs(positions.clone(), |position| {
            year_label(linked, strings, chronology[position])
        })
        .into_iter()
        .map(|g| {
            let mut list_html = String::new();
            for &position in &g.articles {
                list_html.push_str(&entries[position - positions.start]);
                list_html.push('\n');
            }
            Group {
                count: g.articles.len(),
                list_html,
                label: g.label,
                id: g.id,
            }
        })
        .collect();
        let pager = self.pager(Page::Timeline, page, root, chronology, |slice| {
            year_span(linked, strings, slice)
        });
        to_context(&Timeline { groups, pager })
    }
}

/// Links between the pages of a long list; see `templates/partials/pager.html`.
#[derive(Serialize)]
struct Pager {
    number: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
    pages: Vec<PagerLink>,
}

#[derive(Serialize)]
struct PagerLink {
    number: usize,
    path: String,
    /// What the page covers: `2017`, `2017–2018`, `March–May`.
    label: String,
}

/// The years `articles` (in list order) span: `2017`, or `2017–2019` from the earlier year.
fn year_span(linked: &LinkedBook, strings: &i18n::Strings, articles: &[usize]) -> String {
    let (Some(&first), Some(&last)) = (articles.first(), articles.last()) else {
        return String::new();
    };
    let (first, last) = (
        year_label(linked, strings, first).0,
        year_label(linked, strings, last).0,
    );
    if first == last {
        return first;
    }
    let (low, high) = if first <= last || first == strings.get("undated") {
        (first, last)
    } else {
        (last, first)
    };
    format!("{low}–{high}")
}

/// The most articles a list page shows (at least one).
fn list_page_limit(linked: &LinkedBook) -> usize {
    linked.book.config.list_page_limit.max(1)
}

/// The positions page `page` (0-based) of a list of `len` articles shows.
fn list_page_range(linked: &LinkedBook, len: usize, page: usize) -> std::ops::Range<usize> {
    let limit = list_page_limit(linked);
    let start = (page * limit).min(len);
    start..(start + limit).min(len)
}

/// Page `p` (0-based) of the list whose first page is `first` (the timeline or a term).
fn list_page(first: Page, p: usize) -> Page {
    match (first, p) {
        (_, 0) => first,
        (Page::Timeline, p) => Page::TimelinePage(p),
        (Page::Term(taxonomy, index), p) => Page::TermPage(taxonomy, index, p),
        _ => first,
    }
}

/// How many pages a list of `len` articles takes: one, or more past `list_page_limit`.
pub fn list_page_count(linked: &LinkedBook, len: usize) -> usize {
    len.div_ceil(list_page_limit(linked)).max(1)
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
    tera::Context::from_serialize(value).map_err(|e| Error::Template(e.to_string()))
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

/// The translation key of one term's kind: `actor`.
fn kind_title(taxonomy: Taxonomy) -> &'static str {
    match taxonomy {
        Taxonomy::Actor => "actor",
        Taxonomy::Topic => "topic",
        Taxonomy::Outlet => "outlet",
        Taxonomy::Year => "year",
    }
}

/// The translation key of a kind's index: `actors`.
fn index_title(taxonomy: Taxonomy) -> &'static str {
    match taxonomy {
        Taxonomy::Actor => "actors",
        Taxonomy::Topic => "topics",
        Taxonomy::Outlet => "outlets",
        Taxonomy::Year => "years",
    }
}

/// How many of `terms` have articles: the YAML files may curate more than the book uses.
fn in_use(terms: &[Term]) -> usize {
    terms.iter().filter(|t| !t.articles.is_empty()).count()
}

/// The first paragraph of a Markdown text, for one-line list entries.
fn first_paragraph(markdown: &str) -> &str {
    markdown.trim().split("\n\n").next().unwrap_or("")
}
