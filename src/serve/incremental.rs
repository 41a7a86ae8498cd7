//! The server's in-memory site: the loaded and linked book, the compiled templates and every
//! served file. Given the paths that changed it reparses only those files, links again, and
//! re-renders only the pages whose inputs moved (see [`super::deps`]).
//!
//! A broken edit never replaces good pages: while the book has errors the last good site stays
//! served, and the next clean rebuild compares against what is served, not against the broken
//! state in between.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use rayon::prelude::*;

use super::deps::{article_hash, Inputs};
use crate::compose::{load_for, BuildOptions, Purpose};
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::link::{link, link_with_cache, relink_edited, ArticleId, LinkCache, LinkedBook};
use crate::load::{self, load_article, load_list};
use crate::model::{ActorEntry, Article, Book, OutletEntry, TopicEntry};
use crate::render::context::Shared;
use crate::render::{all_pages, assets, templates, Output, Page, Renderer};
use crate::review::REVIEW_DIR;

/// What changed on disk, as the watcher classifies it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// An article file was written, created or deleted (absolute path).
    Article(PathBuf),
    Actors,
    Topics,
    Outlets,
    Introduction,
    Templates,
    /// A theme file; `css` when it is a stylesheet, which browsers can swap without reloading.
    Theme {
        css: bool,
    },
    /// `briefbook.toml`, or a whole content folder: reload everything.
    Everything,
}

/// The files the server answers with, by path under the site root (`articles/x/index.html`).
pub type Served = Arc<RwLock<HashMap<String, Bytes>>>;

/// What reloading one article file did to the book.
enum Reloaded {
    /// The file was no article before and is none now.
    Nothing,
    /// The article at `index` was replaced in place; `previous` is what it was.
    Replaced {
        index: usize,
        previous: Box<Article>,
    },
    /// The article was added or removed, which moves the others' slugs and places.
    AddedOrRemoved { slug: String },
}

/// The book with an update's changes applied, before it is linked.
struct Applied {
    book: Book,
    /// The slugs of the articles edited, added or removed.
    edited: HashSet<String>,
    /// The articles replaced in place, with what they were, while nothing else changed.
    replaced: Option<Vec<(ArticleId, Article)>>,
    /// The whole book was loaded again.
    everything: bool,
}

/// What one rebuild did, for the log line and the browsers.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    pub written: usize,
    pub removed: usize,
    /// Only stylesheets changed: browsers swap them instead of reloading.
    pub css_only: bool,
    pub elapsed: Duration,
    /// When the edited articles' own pages were served, before the lists they appear on.
    pub first_served: Option<Duration>,
}

/// A page rendered in a finish: its path, fingerprint and bytes.
type RenderedFile = (String, u64, Bytes);

/// The book as the server holds it between rebuilds.
pub struct Site {
    options: BuildOptions,
    linked: LinkedBook,
    tera: Option<templates::Templates>,
    assets: Vec<(String, Vec<u8>)>,
    /// Article file hashes by slug, so unchanged articles are not hashed again.
    article_hashes: HashMap<PathBuf, u64>,
    /// Problems from loading files and templates, by the file (or folder) they come from.
    problems: BTreeMap<PathBuf, Vec<Diagnostic>>,
    link_diagnostics: Diagnostics,
    /// What the last link computed, so a rebuild recomputes only what an edit affects.
    link_cache: LinkCache,
    /// Bumped when templates or configuration change: every page depends on them.
    epoch: u64,
    /// Fingerprint of every served file, but for pages served early and not fingerprinted yet.
    fingerprints: HashMap<String, u64>,
    served: Served,
    /// Pages the last update rendered and served ahead of the rest, by path.
    early: HashMap<String, Bytes>,
    /// The summaries of the current book, once made.
    shared: Option<Shared>,
    /// The rebuild under way: updates applied, not finished yet.
    pending: Option<Pending>,
}

/// What the updates of an unfinished rebuild did so far.
#[derive(Debug)]
struct Pending {
    started: Instant,
    css_only: bool,
    first_served: Option<Duration>,
    written: usize,
}

impl Site {
    /// An empty site for the book at `options.root`; the first [`Site::rebuild`] with
    /// [`Change::Everything`] loads it.
    pub fn new(options: BuildOptions) -> Self {
        Site {
            options,
            linked: link(Book::default()).0,
            tera: None,
            assets: Vec::new(),
            article_hashes: HashMap::new(),
            problems: BTreeMap::new(),
            link_diagnostics: Diagnostics::default(),
            link_cache: LinkCache::new(),
            epoch: 0,
            fingerprints: HashMap::new(),
            served: Served::default(),
            early: HashMap::new(),
            shared: None,
            pending: None,
        }
    }

    /// The map the HTTP server reads; the site updates it in place.
    pub fn served(&self) -> Served {
        self.served.clone()
    }

    pub fn root(&self) -> &Path {
        &self.options.root
    }

    pub fn linked(&self) -> &LinkedBook {
        &self.linked
    }

    /// Every current diagnostic (errors and warnings), sorted.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut all = Diagnostics::default();
        for found in self.problems.values() {
            found.iter().cloned().for_each(|d| all.push(d));
        }
        all.extend(self.link_diagnostics.clone());
        all.sort();
        all
    }

    /// Every served file, sorted by path, as `render_all` would return it.
    pub fn outputs(&self) -> Vec<Output> {
        let served = self.served.read().unwrap_or_else(|e| e.into_inner());
        // The review queue is the preview's own page, never part of a build.
        let mut outputs: Vec<Output> = served
            .iter()
            .filter(|(path, _)| !path.starts_with(REVIEW_DIR))
            .map(|(path, bytes)| Output {
                path: path.clone(),
                bytes: bytes.to_vec(),
            })
            .collect();
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        outputs
    }

    /// Applies `changes` and re-renders what they affect. On errors the served site is left as
    /// it was and every error is returned.
    pub fn rebuild(&mut self, changes: &[Change]) -> Result<Rebuilt, Diagnostics> {
        // An edit is still published whatever `update` says: `finish` reports the errors.
        let _ = self.update(changes);
        match self.finish(&|| false)? {
            ControlFlow::Continue(rebuilt) => Ok(rebuilt),
            ControlFlow::Break(()) => unreachable!("a rebuild that is never stopped finishes"),
        }
    }

    /// The first half of a rebuild: applies `changes`, links the book and serves the edited
    /// articles' own pages at once. [`Site::finish`] renders the rest; several updates (a burst
    /// of saves) may come before it. Returns the errors of the book, if it has any, without
    /// serving anything.
    pub fn update(&mut self, changes: &[Change]) -> Result<(), Diagnostics> {
        let pending = self.pending.get_or_insert_with(|| Pending {
            started: Instant::now(),
            css_only: true,
            first_served: None,
            written: 0,
        });
        pending.css_only &= changes
            .iter()
            .all(|c| matches!(c, Change::Theme { css: true }));
        let started = pending.started;
        // Pages rendered early from the previous state are stale now; their fingerprints are
        // gone, so `finish` renders them again unless this update does.
        self.early.clear();
        let previous_shared = self.shared.take();
        let book = std::mem::take(&mut self.linked.book);
        let applied = self.apply(book, changes);
        let (edited_at, old) = self.relink(applied, previous_shared);
        if self.has_errors() {
            return Err(self.diagnostics());
        }
        let served = self
            .serve_edited(&edited_at, started)
            .map_err(|e| Diagnostics(vec![templates::template_diagnostic(&e)]));
        // The old links are dropped once the edited pages are served: freeing them takes a
        // while.
        drop(old);
        served
    }

    /// Applies `changes` to `book`, reloading what they name.
    fn apply(&mut self, mut book: Book, changes: &[Change]) -> Applied {
        let mut edited = HashSet::new();
        // The articles replaced in place, with what they were, while nothing else changed.
        let mut replaced: Option<Vec<(ArticleId, Article)>> = Some(Vec::new());
        let everything = changes.contains(&Change::Everything);
        if everything {
            book = self.load_everything();
            replaced = None;
        } else {
            for change in changes {
                if !matches!(change, Change::Article(_)) {
                    replaced = None;
                }
                match change {
                    Change::Article(path) => match self.reload_article(&mut book, path) {
                        Reloaded::Replaced { index, previous } => {
                            edited.insert(book.articles[index].slug.clone());
                            if let Some(replaced) = &mut replaced {
                                replaced.push((ArticleId::new(index), *previous));
                            }
                        }
                        Reloaded::AddedOrRemoved { slug } => {
                            edited.insert(slug);
                            replaced = None;
                        }
                        Reloaded::Nothing => {}
                    },
                    other => self.apply_other(&mut book, other),
                }
            }
        }
        Applied {
            book,
            edited,
            replaced,
            everything,
        }
    }

    /// Applies a change to anything but an article file.
    fn apply_other(&mut self, book: &mut Book, change: &Change) {
        match change {
            Change::Actors => {
                book.actors = self
                    .reload_list::<ActorEntry>(load::ACTORS_FILE)
                    .unwrap_or_default();
            }
            Change::Topics => {
                let topics = self.reload_list::<TopicEntry>(load::TOPICS_FILE);
                book.topics_curated = topics.is_some();
                book.topics = topics.unwrap_or_default();
            }
            Change::Outlets => {
                book.outlets = self
                    .reload_list::<OutletEntry>(load::OUTLETS_FILE)
                    .unwrap_or_default();
            }
            Change::Introduction => {
                let mut found = Diagnostics::default();
                book.introduction = load::load_introduction(self.root(), &mut found);
                self.set_problems(load::INTRODUCTION_FILE, found.0);
            }
            Change::Templates => self.reload_templates(),
            Change::Theme { .. } => self.reload_theme(),
            Change::Article(_) | Change::Everything => {}
        }
    }

    /// Links the book `applied` left, and brings the summaries up to date; returns the ids of
    /// the edited articles and the links replaced, if they were.
    fn relink(
        &mut self,
        applied: Applied,
        previous_shared: Option<Shared>,
    ) -> (Vec<ArticleId>, Option<LinkedBook>) {
        let Applied {
            book,
            edited,
            replaced,
            everything,
        } = applied;
        let options = Purpose::Preview.link_options(&self.options);
        self.linked.book = book;
        // An editor's save usually leaves the article's terms and date standing: then the last
        // link is patched, which costs what the edited articles cost, not what the book does.
        let patched = replaced.as_ref().is_some_and(|replaced| {
            relink_edited(
                &mut self.linked,
                replaced,
                options,
                &mut self.link_cache,
                &mut self.link_diagnostics,
            )
        });
        if patched {
            let mut at: Vec<ArticleId> = replaced.iter().flatten().map(|&(i, _)| i).collect();
            at.sort_unstable();
            at.dedup();
            self.shared = previous_shared.map(|shared| shared.refreshed(&self.linked, &at));
            return (at, None);
        }
        let book = std::mem::take(&mut self.linked.book);
        let (linked, link_diagnostics) = link_with_cache(book, options, &mut self.link_cache);
        let old = std::mem::replace(&mut self.linked, linked);
        self.link_diagnostics = link_diagnostics;
        let at: Vec<ArticleId> = self
            .linked
            .article_ids()
            .filter(|&i| edited.contains(&self.linked.article(i).slug))
            .collect();
        if let Some(previous) = previous_shared.filter(|_| !everything) {
            self.shared = Some(Shared::updated(previous, &self.linked, &at));
        }
        (at, Some(old))
    }

    /// Whether the book has errors; cheaper than sorting every diagnostic to find out.
    fn has_errors(&self) -> bool {
        self.problems
            .values()
            .flatten()
            .chain(&self.link_diagnostics.0)
            .any(Diagnostic::is_error)
    }

    /// The second half of a rebuild: renders every other page whose inputs moved, the theme and
    /// the publications, and says what the rebuild (all updates since the last finish) did.
    /// `stop` is asked for every page planned and rendered and every publication made: when it
    /// says so, `finish` returns `Break` and leaves the rest to the next finish (the next
    /// update's), which renders whatever is still stale.
    pub fn finish(&mut self, stop: &Stop<'_>) -> Result<ControlFlow<(), Rebuilt>, Diagnostics> {
        let diagnostics = self.diagnostics();
        if diagnostics.has_errors() {
            self.pending = None;
            return Err(diagnostics);
        }
        match self.render(stop) {
            Ok(ControlFlow::Continue(mut rebuilt)) => {
                self.pending = None;
                rebuilt.written += self.serve_review_queue();
                Ok(ControlFlow::Continue(rebuilt))
            }
            Ok(ControlFlow::Break(())) => Ok(ControlFlow::Break(())),
            Err(e) => {
                self.pending = None;
                Err(Diagnostics(vec![templates::template_diagnostic(&e)]))
            }
        }
    }

    /// Serves the review queue (`/_review/`) of the book as it is now; returns how many of its
    /// files changed, so that closing an item (which changes no page) still reloads the queue.
    fn serve_review_queue(&self) -> usize {
        let queue = crate::review::Queue::of(&self.linked.book, &self.options.root);
        let json = serde_json::to_vec(&queue).unwrap_or_default();
        let files = [
            (
                format!("{REVIEW_DIR}/index.html"),
                queue.to_html("../").into_bytes(),
            ),
            (format!("{REVIEW_DIR}/queue.json"), json),
        ];
        let mut served = self.served.write().unwrap_or_else(|e| e.into_inner());
        let mut changed = 0;
        for (path, bytes) in files {
            if served.get(&path).is_none_or(|old| old[..] != bytes[..]) {
                served.insert(path, Bytes::from(bytes));
                changed += 1;
            }
        }
        changed
    }

    /// Renders the edited articles' pages and serves those that changed at once, before the
    /// lists and publications that depend on the whole book.
    fn serve_edited(&mut self, edited: &[ArticleId], started: Instant) -> Result<(), Error> {
        let pages: Vec<Page> = edited.iter().map(|&i| Page::Article(i)).collect();
        if pages.is_empty() {
            return Ok(());
        }
        let renderer = renderer(&self.linked, &mut self.tera, &mut self.shared)?;
        let rendered: Result<Vec<Output>, Error> = pages
            .iter()
            .map(|&page| renderer.render_page(page))
            .collect();
        let served = self.served.read().unwrap_or_else(|e| e.into_inner());
        let changed: Vec<(String, Bytes)> = rendered?
            .into_iter()
            .filter(|o| served.get(&o.path).is_none_or(|b| b[..] != o.bytes[..]))
            .map(|o| (o.path, Bytes::from(o.bytes)))
            .collect();
        drop(served);
        if changed.is_empty() {
            return Ok(());
        }
        let mut served = self.served.write().unwrap_or_else(|e| e.into_inner());
        for (path, bytes) in changed {
            // Served, but not yet fingerprinted: `finish` takes these bytes for the page.
            self.fingerprints.remove(&path);
            served.insert(path.clone(), bytes.clone());
            self.early.insert(path, bytes);
        }
        drop(served);
        if let Some(pending) = &mut self.pending {
            pending.first_served = Some(started.elapsed());
        }
        Ok(())
    }

    fn load_everything(&mut self) -> Book {
        let (book, found) = load_for(&self.options, Purpose::Preview);
        self.problems.clear();
        for diagnostic in found.0 {
            self.problems
                .entry(diagnostic.path.clone())
                .or_default()
                .push(diagnostic);
        }
        self.article_hashes = book
            .articles
            .iter()
            .map(|a| (a.path.clone(), article_hash(a)))
            .collect();
        self.reload_templates();
        self.reload_theme();
        book
    }

    /// Reloads one article file into `book`, or removes it when the file is gone, broken or a
    /// draft.
    fn reload_article(&mut self, book: &mut Book, path: &Path) -> Reloaded {
        let root = self.options.root.clone();
        let shown = path.strip_prefix(&root).unwrap_or(path).to_path_buf();
        self.problems.remove(&shown);
        let existing = book.articles.iter().position(|a| a.path == shown);
        let loaded = match path.is_file().then(|| load_article(&root, path)) {
            Some(Ok(article)) if self.options.drafts || !article.front.draft => Some(article),
            Some(Ok(_)) | None => None,
            Some(Err(found)) => {
                self.problems.insert(shown.clone(), found);
                None
            }
        };
        match (existing, loaded) {
            // The same set of files keeps the same slugs: replace the article in place.
            (Some(index), Some(mut article)) => {
                article.slug = book.articles[index].slug.clone();
                self.article_hashes.insert(shown, article_hash(&article));
                let previous = std::mem::replace(&mut book.articles[index], article);
                Reloaded::Replaced {
                    index,
                    previous: Box::new(previous),
                }
            }
            (Some(i), None) => {
                let removed = book.articles.remove(i);
                self.article_hashes.remove(&removed.path);
                // Slugs depend on the set of file names, so recompute them as a fresh load would.
                load::assign_url_slugs(&mut book.articles);
                Reloaded::AddedOrRemoved { slug: removed.slug }
            }
            (None, Some(article)) => {
                book.articles.push(article);
                load::assign_url_slugs(&mut book.articles);
                let Some(article) = book.articles.iter().find(|a| a.path == shown) else {
                    return Reloaded::Nothing;
                };
                self.article_hashes
                    .insert(shown.clone(), article_hash(article));
                Reloaded::AddedOrRemoved {
                    slug: article.slug.clone(),
                }
            }
            (None, None) => Reloaded::Nothing,
        }
    }

    fn reload_list<T: serde::de::DeserializeOwned>(&mut self, file: &str) -> Option<Vec<T>> {
        let mut found = Diagnostics::default();
        let list = load_list(&self.options.root, file, &mut found);
        self.set_problems(file, found.0);
        list
    }

    fn reload_templates(&mut self) {
        self.epoch += 1;
        match templates::load_templates(&self.options.root) {
            Ok(tera) => {
                self.tera = Some(tera);
                self.set_problems("templates", Vec::new());
            }
            Err(e) => self.set_problems("templates", vec![templates::template_diagnostic(&e)]),
        }
    }

    fn reload_theme(&mut self) {
        match assets::collect_assets(&self.options.root) {
            Ok(found) => {
                self.assets = found;
                self.set_problems("theme", Vec::new());
            }
            Err(e) => self.set_problems(
                "theme",
                vec![Diagnostic::error("theme", e.to_string())
                    .with_hint("make the theme folder and its files readable")],
            ),
        }
    }

    fn set_problems(&mut self, file: impl Into<PathBuf>, found: Vec<Diagnostic>) {
        let file = file.into();
        if found.is_empty() {
            self.problems.remove(&file);
        } else {
            self.problems.insert(file, found);
        }
    }

    /// Renders the pages whose fingerprint changed, the theme and the publications; `Break` when
    /// `stop` stopped it. Drawing borrows the book, templates and summaries; committing then
    /// updates what is served.
    fn render(&mut self, stop: &Stop<'_>) -> Result<ControlFlow<(), Rebuilt>, Error> {
        let hashes: Vec<u64> = self
            .linked
            .book
            .articles
            .iter()
            .map(|a| match self.article_hashes.get(&a.path) {
                Some(&h) => h,
                None => article_hash(a),
            })
            .collect();
        let renderer = renderer(&self.linked, &mut self.tera, &mut self.shared)?;
        let inputs = Inputs::new(renderer.linked, renderer.shared(), hashes, self.epoch);
        let ControlFlow::Continue(planned) = plan(&renderer, &inputs, stop) else {
            return Ok(ControlFlow::Break(()));
        };
        let drawn = draw(&renderer, planned, &self.fingerprints, &self.early, stop)?;
        drop(inputs);
        drop(renderer);
        Ok(self.commit(drawn))
    }

    /// Serves what [`draw`] made; `Break` when it was stopped before the publications.
    fn commit(&mut self, drawn: Drawn) -> ControlFlow<(), Rebuilt> {
        let Drawn {
            planned,
            early,
            mut files,
            publications,
        } = drawn;
        for (path, fingerprint) in early {
            self.fingerprints.insert(path, fingerprint);
        }
        self.early.clear();
        let ControlFlow::Continue(publications) = publications else {
            let written = files.len();
            publish(&self.served, &mut self.fingerprints, files, &[]);
            if let Some(pending) = &mut self.pending {
                pending.written += written;
            }
            return ControlFlow::Break(());
        };
        let outputs = self
            .assets
            .iter()
            .map(|(path, bytes)| (path, bytes))
            .chain(publications.iter().map(|o| (&o.path, &o.bytes)));
        for (path, bytes) in outputs {
            let fingerprint = asset_fingerprint(bytes);
            if self.fingerprints.get(path) != Some(&fingerprint) {
                files.push((path.clone(), fingerprint, Bytes::from(bytes.clone())));
            }
        }
        let keep: HashSet<&str> = planned
            .iter()
            .map(|(_, path, _)| path.as_str())
            .chain(self.assets.iter().map(|(path, _)| path.as_str()))
            .chain(publications.iter().map(|o| o.path.as_str()))
            .collect();
        let removed: Vec<String> = self
            .fingerprints
            .keys()
            .filter(|path| !keep.contains(path.as_str()))
            .cloned()
            .collect();
        let written = files.len();
        publish(&self.served, &mut self.fingerprints, files, &removed);
        let pending = self.pending.take().unwrap_or(Pending {
            started: Instant::now(),
            css_only: false,
            first_served: None,
            written: 0,
        });
        ControlFlow::Continue(Rebuilt {
            written: pending.written + written,
            removed: removed.len(),
            css_only: pending.css_only,
            elapsed: pending.started.elapsed(),
            first_served: pending.first_served,
        })
    }
}

/// Asked between steps of a rebuild: whether a newer change wants it stopped.
pub type Stop<'a> = dyn Fn() -> bool + Sync + 'a;

/// A page to serve: what it is, its path and the fingerprint of its inputs.
type Planned = (Page, String, u64);

/// What a rebuild drew from the book, before anything is served.
struct Drawn {
    /// Every page of the book.
    planned: Vec<Planned>,
    /// Pages served early, with their fingerprint: their bytes stand.
    early: Vec<(String, u64)>,
    /// The pages rendered (all that were stale unless stopped).
    files: Vec<RenderedFile>,
    /// The publications, or `Break` when stopped before they were all made.
    publications: ControlFlow<(), Vec<Output>>,
}

/// Every page of the book with its path and fingerprint; `Break` when `stop` says so, for
/// fingerprinting every page of a big book takes a while too.
fn plan(
    renderer: &Renderer<'_>,
    inputs: &Inputs<'_>,
    stop: &Stop<'_>,
) -> ControlFlow<(), Vec<Planned>> {
    let linked = renderer.linked;
    let planned: Option<Vec<Planned>> = all_pages(linked)
        .into_par_iter()
        .map(|page| (!stop()).then(|| (page, page.output_path(linked), inputs.page(page))))
        .collect();
    match planned {
        Some(planned) => ControlFlow::Continue(planned),
        None => ControlFlow::Break(()),
    }
}

/// Renders the stale pages of `planned` (those whose fingerprint is not the served one), then the
/// publications, as long as `stop` lets it.
fn draw(
    renderer: &Renderer<'_>,
    planned: Vec<Planned>,
    fingerprints: &HashMap<String, u64>,
    early: &HashMap<String, Bytes>,
    stop: &Stop<'_>,
) -> Result<Drawn, Error> {
    let stale = planned
        .iter()
        .filter(|(_, path, fingerprint)| fingerprints.get(path) != Some(fingerprint));
    // Pages served early keep their bytes: they were rendered from this very book.
    let (served_early, to_render): (Vec<_>, Vec<_>) =
        stale.partition(|(_, path, _)| early.contains_key(path));
    let (files, stopped) = render_stale(renderer, to_render, stop)?;
    let publications = if stopped || stop() {
        ControlFlow::Break(())
    } else {
        // Feeds, sitemap, citations and the search index read the whole book; they are
        // regenerated and replaced only where their bytes changed.
        let pages: Vec<Page> = planned.iter().map(|(page, _, _)| *page).collect();
        publications_unless_stopped(renderer, &pages, stop)?
    };
    let early = served_early
        .into_iter()
        .map(|(_, path, fingerprint)| (path.clone(), *fingerprint))
        .collect();
    Ok(Drawn {
        planned,
        early,
        files,
        publications,
    })
}

/// Renders `pages`, the whole-book ones last; also says whether `stop` cut it short.
fn render_stale(
    renderer: &Renderer<'_>,
    pages: Vec<&Planned>,
    stop: &Stop<'_>,
) -> Result<(Vec<RenderedFile>, bool), Error> {
    // Pages listing the whole book (and the printable book's volumes) take longest and cannot
    // be stopped half-way: they come after the others, so that a save arriving meanwhile waits
    // for as little as possible.
    let (whole_book, others): (Vec<_>, Vec<_>) = pages.into_iter().partition(|(page, _, _)| {
        matches!(
            page,
            Page::Book | Page::BookVolume(_) | Page::Timeline | Page::Home
        )
    });
    let mut rendered: Vec<Option<RenderedFile>> = Vec::new();
    for batch in [others, whole_book] {
        let found: Vec<Option<RenderedFile>> = batch
            .par_iter()
            .map(|(page, path, fingerprint)| {
                if stop() {
                    return Ok(None);
                }
                let output = renderer.render_page(*page)?;
                Ok(Some((
                    path.clone(),
                    *fingerprint,
                    Bytes::from(output.bytes),
                )))
            })
            .collect::<Result<_, Error>>()?;
        rendered.extend(found);
    }
    let stopped = rendered.iter().any(Option::is_none);
    Ok((rendered.into_iter().flatten().collect(), stopped))
}

/// The renderer's publications, or `Break` when `stop` says so before they are all made: the
/// search index alone reads every article's text, which takes long enough in a big book that a
/// save arriving meanwhile must not wait for it. Each output is handed over as it is made, and
/// the handing over is where the stop is noticed.
fn publications_unless_stopped(
    renderer: &Renderer<'_>,
    pages: &[Page],
    stop: &Stop<'_>,
) -> Result<ControlFlow<(), Vec<Output>>, Error> {
    let outputs = std::sync::Mutex::new(Vec::new());
    let made = renderer.publish_each(pages, &|output| {
        if stop() {
            // The one way out of the publications' sink; turned into `Break` just below.
            return Err(Error::Stopped);
        }
        outputs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(output);
        Ok(())
    });
    match made {
        Err(Error::Stopped) => Ok(ControlFlow::Break(())),
        Err(e) => Err(e),
        Ok(()) => Ok(ControlFlow::Continue(
            outputs
                .into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )),
    }
}

/// A renderer for `linked` borrowing the site's templates and summaries; the summaries are made
/// first when the site has none for this book yet (they are kept for the next update).
fn renderer<'a>(
    linked: &'a LinkedBook,
    tera: &'a mut Option<templates::Templates>,
    shared: &'a mut Option<Shared>,
) -> Result<Renderer<'a>, Error> {
    let Some(tera) = tera.as_mut() else {
        return Err(Error::TemplatesNotLoaded);
    };
    let shared = shared.get_or_insert_with(|| Shared::new(linked));
    Renderer::new(linked, tera, shared)
}

fn publish(
    served: &Served,
    fingerprints: &mut HashMap<String, u64>,
    files: Vec<(String, u64, Bytes)>,
    removed: &[String],
) {
    if files.is_empty() && removed.is_empty() {
        return;
    }
    let mut served = served.write().unwrap_or_else(|e| e.into_inner());
    for (path, fingerprint, bytes) in files {
        fingerprints.insert(path.clone(), fingerprint);
        served.insert(path, bytes);
    }
    for path in removed {
        fingerprints.remove(path);
        served.remove(path);
    }
}

fn asset_fingerprint(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    "asset".hash(&mut h);
    bytes.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn publications_stop_when_told_and_are_whole_otherwise() {
        let root = Path::new("tests/fixtures/serve-book");
        let (book, _) = crate::compose::load_book(&BuildOptions::new(root));
        let linked = link(book).0;
        let mut templates = templates::load_templates(root).unwrap();
        let shared = Shared::new(&linked);
        let renderer = Renderer::new(&linked, &mut templates, &shared).unwrap();
        let pages = all_pages(&linked);

        let made = publications_unless_stopped(&renderer, &pages, &|| false)
            .unwrap()
            .continue_value()
            .expect("never told to stop");
        assert_eq!(made.len(), renderer.publications(&pages).len());

        // Told to stop after the first publication is handed over.
        let asked = AtomicUsize::new(0);
        let stop = || asked.fetch_add(1, Ordering::SeqCst) >= 1;
        assert!(publications_unless_stopped(&renderer, &pages, &stop)
            .unwrap()
            .is_break());
        assert!(asked.load(Ordering::SeqCst) < made.len());
    }
}
