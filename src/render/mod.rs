//! Render: turns the [`LinkedBook`] into pages in memory (path + bytes). No I/O besides reading
//! templates and theme files at start; rendering runs in parallel and is deterministic.

pub mod annotate;
pub mod assets;
pub mod book;
pub mod charts;
pub mod citations;
pub mod context;
pub mod feeds;
pub mod markdown;
pub mod search;
pub mod sitemap;
pub mod templates;
pub mod urls;

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::Error;
use crate::link::{LinkedBook, Taxonomy, Term};
use context::{
    by_year, human_date, month_name, ArticleSummary, CountedLink, Group, Link, ListItem, Shared,
};
use markdown::Markdown;

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
    /// The printable briefing book, `book/`.
    Book,
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
            Page::Search => format!("{}/", search::SEARCH_DIR),
            Page::Book => book::BOOK_FOLDER.to_string(),
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
    pages.extend((0..linked.book.articles.len()).map(Page::Article));
    for taxonomy in Taxonomy::ALL {
        pages.push(Page::TermIndex(taxonomy));
        pages.extend((0..linked.terms(taxonomy).len()).map(|i| Page::Term(taxonomy, i)));
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
    tera: tera::Tera,
    markdown: Markdown,
    shared: Shared,
    site_value: tera::Value,
    resolver: crate::link::wikilinks::Resolver<'a>,
}

#[derive(Serialize)]
struct Common<'a> {
    site: &'a tera::Value,
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
    pub fn with_templates(linked: &'a LinkedBook, tera: tera::Tera) -> Result<Self, Error> {
        Self::with_shared(linked, tera, Shared::new(linked))
    }

    /// Like [`Renderer::with_templates`] with the summaries of `linked` made earlier (see
    /// [`Renderer::into_parts`]), so the server need not make them twice for one rebuild.
    pub fn with_shared(
        linked: &'a LinkedBook,
        tera: tera::Tera,
        shared: Shared,
    ) -> Result<Self, Error> {
        let site_value =
            tera::to_value(&shared.site).map_err(|e| Error::Template(e.to_string()))?;
        Ok(Renderer {
            linked,
            tera,
            markdown: Markdown::default(),
            shared,
            site_value,
            resolver: crate::link::resolver(&linked.book, &linked.actors, &linked.topics),
        })
    }

    /// The summaries and links every page draws on.
    pub fn shared(&self) -> &Shared {
        &self.shared
    }

    /// The templates and summaries, to make another renderer of the same book without copying
    /// or recomputing them.
    pub fn into_parts(self) -> (tera::Tera, Shared) {
        (self.tera, self.shared)
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
        pages
            .par_iter()
            .try_for_each(|&page| sink(self.render_page(page)?))?;
        // Ten thousand search fragments and feeds: write them from every core, not one.
        self.publications(&pages)
            .into_par_iter()
            .try_for_each(&sink)
    }

    /// Renders the whole site in memory, sorted by path.
    pub fn render_all(&self, root: &Path) -> Result<Vec<Output>, Error> {
        let outputs = std::sync::Mutex::new(Vec::new());
        self.render_each(root, |output| {
            outputs
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push(output);
            Ok(())
        })?;
        let mut outputs = outputs
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(outputs)
    }

    /// The files beside the pages: feeds, sitemap, robots.txt, citations and the search index.
    pub fn publications(&self, pages: &[Page]) -> Vec<Output> {
        let linked = self.linked;
        let texts: Vec<String> = linked
            .book
            .articles
            .par_iter()
            .map(|a| search::plain_text(&a.body))
            .collect();
        let excerpts: Vec<String> = texts.par_iter().map(|t| search::excerpt(t, 280)).collect();
        let base_url = self.shared.site.base_url.as_deref();
        let mut outputs = feeds::feeds(linked, &self.shared, &excerpts);
        outputs.push(sitemap::sitemap(linked, base_url, pages));
        outputs.push(sitemap::robots(base_url));
        outputs.extend(citations::citation_files(linked, &self.shared));
        outputs.extend(search::search_index(linked, &self.shared, &texts));
        outputs
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
            site: &self.site_value,
            root,
            page_path: folder.clone(),
            section: section(page),
            feed: match page {
                Page::Term(taxonomy, _) if feeds::FEED_TAXONOMIES.contains(&taxonomy) => {
                    Some(format!("{folder}{}", feeds::FEED_FILE))
                }
                _ => None,
            },
        };
        let (template, mut context) = match page {
            Page::Home => ("index.html", self.home()?),
            Page::Article(i) => ("article.html", self.article(i)?),
            Page::TermIndex(Taxonomy::Year) => ("years.html", self.years()?),
            Page::TermIndex(taxonomy) => ("terms.html", self.term_index(taxonomy)?),
            Page::Term(Taxonomy::Year, i) => ("year.html", self.year(i)?),
            Page::Term(taxonomy, i) => ("term.html", self.term(taxonomy, i)?),
            Page::Timeline => ("timeline.html", self.timeline()?),
            Page::NotFound => ("404.html", tera::Context::new()),
            Page::Search => ("search.html", tera::Context::new()),
            Page::Book => (
                "book.html",
                to_context(&book::book_page(self.linked, &self.shared, &self.markdown))?,
            ),
        };
        context.extend(to_context(&common)?);
        let html = self
            .tera
            .render(template, &context)
            .map_err(|e| templates::template_error(Path::new(""), &e))?;
        Ok(Output {
            path: page.output_path(self.linked),
            bytes: html.into_bytes(),
        })
    }

    fn home(&self) -> Result<tera::Context, Error> {
        #[derive(Serialize)]
        struct Home<'a> {
            introduction_html: Option<String>,
            latest: Vec<ListItem<'a>>,
            topics: Vec<CountedLink>,
            actors: Vec<CountedLink>,
            years: Vec<CountedLink>,
            counts: [(&'static str, &'static str, usize); 4],
        }
        let linked = self.linked;
        let dated: Vec<usize> = linked
            .chronology
            .iter()
            .copied()
            .filter(|&i| linked.links[i].year.is_some())
            .collect();
        let latest = self
            .shared
            .items_of(dated.iter().rev().take(linked.book.config.latest_count));
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
                ("Articles", "timeline/", linked.book.articles.len()),
                ("Actors", "actors/", linked.actors.len()),
                ("Topics", "topics/", linked.topics.len()),
                ("Outlets", "outlets/", linked.outlets.len()),
            ],
        })
    }

    fn article(&self, index: usize) -> Result<tera::Context, Error> {
        #[derive(Serialize)]
        struct ArticlePage<'a> {
            article: &'a ArticleSummary,
            publisher: Option<&'a Link>,
            dateline: Option<&'a str>,
            byline: &'a [String],
            url: Option<&'a str>,
            source: Option<&'a str>,
            review: &'a [String],
            year: Option<&'a Link>,
            note_html: Option<String>,
            body_html: String,
            previous: Option<ListItem<'a>>,
            next: Option<ListItem<'a>>,
            related: Vec<ListItem<'a>>,
            /// Other articles linking here.
            backlinks: Vec<ListItem<'a>>,
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
            url: front.url.as_deref(),
            source: front.source.as_deref(),
            review: &front.review,
            year: links.year.map(|y| &self.shared.year_links[y]),
            note_html: links
                .note_markdown
                .as_ref()
                .map(|n| self.markdown.to_html(n)),
            body_html: self.body_html(index),
            previous: links.previous.map(|i| self.shared.item(i)),
            next: links.next.map(|i| self.shared.item(i)),
            related: self.shared.items_of(&links.related),
            backlinks: self.shared.items_of(&self.linked.backlinks.articles[index]),
            citation: citations::article_citation(
                &citations::Source::of(self.linked, &self.shared, index),
                citations::CitationStyle::parse(&self.linked.book.config.citation_style)
                    .unwrap_or(citations::CitationStyle::Chicago),
            ),
        })
    }

    /// A curated term's description, its `[[…]]` links resolved for a page `prefix` deep.
    fn description_html(&self, markdown: &str, prefix: &str) -> String {
        let (text, _, _) = crate::link::wikilinks::rewrite_text(&self.resolver, markdown, prefix);
        self.markdown.to_html(&text)
    }

    /// An article body with the editor's layer: annotations, sidenotes, quotation anchors.
    fn body_html(&self, index: usize) -> String {
        let article = &self.linked.book.articles[index];
        let links = &self.linked.links[index];
        let notes_html: Vec<String> = links
            .annotation_notes
            .iter()
            .map(|n| self.markdown.to_html(n))
            .collect();
        annotate::render_body(
            &self.markdown,
            &links.body_markdown,
            &annotate::Layer {
                annotations: &article.front.annotations,
                notes_html: &notes_html,
                passages: &links.passages,
            },
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
            title: &'static str,
            terms: Vec<Entry<'a>>,
            network_svg: Option<String>,
        }
        let terms = self.linked.terms(taxonomy);
        let links = self.shared.links(taxonomy);
        let entries = terms
            .iter()
            .zip(links)
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
            title: index_title(taxonomy),
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

    fn term(&self, taxonomy: Taxonomy, index: usize) -> Result<tera::Context, Error> {
        #[derive(Serialize)]
        struct RoleView {
            title: String,
            organisation: Option<String>,
            period: String,
        }
        #[derive(Serialize)]
        struct TermPage<'a> {
            kind: Taxonomy,
            kind_title: &'static str,
            index_title: &'static str,
            term: &'a Link,
            count: usize,
            subtitle: Option<String>,
            description_html: Option<String>,
            aliases: &'a [String],
            roles: Vec<RoleView>,
            homepage: Option<&'a str>,
            groups: Vec<Group<ListItem<'a>>>,
            co_actors: Vec<CountedLink>,
            co_topics: Vec<CountedLink>,
            chart_svg: Option<String>,
            /// Articles linking to or naming the term without being filed under it.
            backlinks: Vec<ListItem<'a>>,
            quotes: Vec<QuoteView<'a>>,
            quote_count: usize,
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
        let (backlinks, quoted): (&[usize], &[(usize, usize)]) = match taxonomy {
            Taxonomy::Actor => (
                &linked.backlinks.actors[index],
                &linked.backlinks.quotes[index],
            ),
            Taxonomy::Topic => (&linked.backlinks.topics[index], &[]),
            _ => (&[], &[]),
        };
        let quotes = quoted
            .iter()
            .rev()
            .take(QUOTES_SHOWN)
            .map(|&(article, i)| {
                let quote = &linked.links[article].quotes[i];
                let summary = &self.shared.summaries[article];
                QuoteView {
                    text: &quote.text,
                    article: summary,
                    path: format!("{}#passage-{}", summary.path, quote.passage),
                }
            })
            .collect();
        let chart_svg = matches!(taxonomy, Taxonomy::Actor | Taxonomy::Topic)
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
                charts::year_bars(&per_year, &term.name)
            })
            .flatten();
        let (subtitle, description) = self.term_details(taxonomy, term);
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
                                    format!("{}–{}", human_date(&from), human_date(&to))
                                }
                                (Some(from), None) => format!("from {}", human_date(&from)),
                                (None, Some(to)) => format!("until {}", human_date(&to)),
                                (None, None) => String::new(),
                            },
                        })
                        .collect();
                    (&actor.aliases, roles, None)
                }
                (Taxonomy::Outlet, Some(e)) => {
                    let outlet = &linked.book.outlets[e];
                    (&outlet.aliases, Vec::new(), outlet.homepage.as_deref())
                }
                _ => (&[], Vec::new(), None),
            };
        to_context(&TermPage {
            kind: taxonomy,
            kind_title: kind_title(taxonomy),
            index_title: index_title(taxonomy),
            term: &self.shared.links(taxonomy)[index],
            count: term.articles.len(),
            subtitle,
            description_html: description.map(|d| self.description_html(d, "../../")),
            aliases,
            roles,
            homepage,
            groups: by_year(linked, &self.shared, &term.articles),
            co_actors: self.shared.counted(
                Taxonomy::Actor,
                &term.co_actors,
                crate::link::CO_OCCURRENCE_COUNT,
            ),
            co_topics: self.shared.counted(
                Taxonomy::Topic,
                &term.co_topics,
                crate::link::CO_OCCURRENCE_COUNT,
            ),
            chart_svg,
            backlinks: self.shared.items_of(backlinks),
            quotes,
            quote_count: quoted.len(),
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
                path: self.shared.actor_links[a].path.clone(),
                articles: linked.actors[a].articles.len(),
            })
            .collect();
        charts::network(&nodes, &edges, "../")
    }

    fn years(&self) -> Result<tera::Context, Error> {
        #[derive(Serialize)]
        struct Years<'a> {
            years: Vec<CountedLink>,
            undated: Vec<ListItem<'a>>,
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
            undated: self.shared.items_of(&linked.undated),
        })
    }

    fn year(&self, index: usize) -> Result<tera::Context, Error> {
        #[derive(Serialize)]
        struct YearPage<'a> {
            year: &'a Link,
            count: usize,
            months: Vec<Group<ListItem<'a>>>,
            /// Articles dated only to this year.
            month_unknown: Vec<ListItem<'a>>,
            previous: Option<&'a Link>,
            next: Option<&'a Link>,
        }
        let linked = self.linked;
        let term = &linked.years[index];
        let mut months: Vec<Group<ListItem<'_>>> = Vec::new();
        let mut month_unknown = Vec::new();
        for &i in &term.articles {
            let summary = self.shared.item(i);
            match linked.book.articles[i].front.date.and_then(|d| d.month()) {
                Some(month) => {
                    let label = format!("{} {}", month_name(month), term.name);
                    match months.last_mut() {
                        Some(group) if group.label == label => group.articles.push(summary),
                        _ => months.push(Group {
                            id: format!("m{month:02}"),
                            label,
                            articles: vec![summary],
                        }),
                    }
                }
                None => month_unknown.push(summary),
            }
        }
        to_context(&YearPage {
            year: &self.shared.year_links[index],
            count: term.articles.len(),
            months,
            month_unknown,
            previous: index.checked_sub(1).map(|i| &self.shared.year_links[i]),
            next: self.shared.year_links.get(index + 1),
        })
    }

    fn timeline(&self) -> Result<tera::Context, Error> {
        #[derive(Serialize)]
        struct Timeline<'a> {
            groups: Vec<Group<&'a ArticleSummary>>,
        }
        let linked = self.linked;
        let mut groups: Vec<Group<&ArticleSummary>> = Vec::new();
        for &i in &linked.chronology {
            let label = linked.book.articles[i]
                .front
                .date
                .map(|d| d.year().to_string())
                .unwrap_or_else(|| "Undated".to_string());
            let summary = &self.shared.summaries[i];
            match groups.last_mut() {
                Some(group) if group.label == label => group.articles.push(summary),
                _ => groups.push(Group {
                    id: format!("y{}", label.to_lowercase()),
                    label,
                    articles: vec![summary],
                }),
            }
        }
        to_context(&Timeline { groups })
    }
}

/// How many quotations an actor page lists, newest first.
const QUOTES_SHOWN: usize = 40;

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
        Page::Book => "book",
        Page::Article(_) | Page::Timeline => "timeline",
        Page::TermIndex(t) | Page::Term(t, _) => t.folder(),
    }
}

fn kind_title(taxonomy: Taxonomy) -> &'static str {
    match taxonomy {
        Taxonomy::Actor => "Actor",
        Taxonomy::Topic => "Topic",
        Taxonomy::Outlet => "Outlet",
        Taxonomy::Year => "Year",
    }
}

fn index_title(taxonomy: Taxonomy) -> &'static str {
    match taxonomy {
        Taxonomy::Actor => "Actors",
        Taxonomy::Topic => "Topics",
        Taxonomy::Outlet => "Outlets",
        Taxonomy::Year => "Years",
    }
}

/// The first paragraph of a Markdown text, for one-line list entries.
fn first_paragraph(markdown: &str) -> &str {
    markdown.trim().split("\n\n").next().unwrap_or("")
}
