//! The server's in-memory site: the loaded and linked book, the compiled templates and every
//! served file. Given the paths that changed it reparses only those files, links again, and
//! re-renders only the pages whose inputs moved (see [`super::deps`]).
//!
//! A broken edit never replaces good pages: while the book has errors the last good site stays
//! served, and the next clean rebuild compares against what is served, not against the broken
//! state in between.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use rayon::prelude::*;

use super::deps::{article_hash, Inputs};
use crate::build::BuildOptions;
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::link::{link, link_with_cache, LinkCache, LinkOptions, LinkedBook};
use crate::load::{self, load_article, load_list};
use crate::model::{ActorEntry, Book, OutletEntry, TopicEntry};
use crate::render::{all_pages, assets, templates, Output, Page, Renderer};

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

/// The book as the server holds it between rebuilds.
pub struct Site {
    options: BuildOptions,
    linked: LinkedBook,
    tera: Option<tera::Tera>,
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
    /// Fingerprint of every served file.
    fingerprints: HashMap<String, u64>,
    served: Served,
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
        let mut outputs: Vec<Output> = served
            .iter()
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
        let started = Instant::now();
        let mut book = std::mem::take(&mut self.linked.book);
        let mut edited = HashSet::new();
        if changes.contains(&Change::Everything) {
            book = self.load_everything();
        } else {
            for change in changes {
                match change {
                    Change::Article(path) => {
                        if let Some(slug) = self.reload_article(&mut book, path) {
                            edited.insert(slug);
                        }
                    }
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
                    Change::Everything => {}
                }
            }
        }
        let options = LinkOptions {
            strict: self.options.strict,
        };
        let (linked, link_diagnostics) = link_with_cache(book, options, &mut self.link_cache);
        self.linked = linked;
        self.link_diagnostics = link_diagnostics;
        let diagnostics = self.diagnostics();
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let css_only = changes
            .iter()
            .all(|c| matches!(c, Change::Theme { css: true }));
        self.render(&edited, started, css_only)
            .map_err(|e| Diagnostics(vec![templates::template_diagnostic(&e)]))
    }

    fn load_everything(&mut self) -> Book {
        let (book, found) = crate::build::load_book(&self.options);
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
    /// draft. Returns the article's slug.
    fn reload_article(&mut self, book: &mut Book, path: &Path) -> Option<String> {
        let root = self.options.root.clone();
        let shown = path.strip_prefix(&root).unwrap_or(path).to_path_buf();
        self.problems.remove(&shown);
        let mut slug = None;
        if let Some(i) = book.articles.iter().position(|a| a.path == shown) {
            let removed = book.articles.remove(i);
            self.article_hashes.remove(&removed.path);
            slug = Some(removed.slug);
        }
        if path.is_file() {
            match load_article(&root, path) {
                Ok(article) if self.options.drafts || !article.front.draft => {
                    self.article_hashes
                        .insert(shown.clone(), article_hash(&article));
                    book.articles.push(article);
                }
                Ok(_) => {}
                Err(found) => {
                    self.problems.insert(shown.clone(), found);
                }
            }
        }
        // Slugs depend on the set of file names, so recompute them as a fresh load would.
        load::assign_url_slugs(&mut book.articles);
        book.articles
            .iter()
            .find(|a| a.path == shown)
            .map(|a| a.slug.clone())
            .or(slug)
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

    /// Renders the pages whose fingerprint changed: the edited articles' own pages first, served
    /// at once, then the rest.
    fn render(
        &mut self,
        edited: &HashSet<String>,
        started: Instant,
        css_only: bool,
    ) -> Result<Rebuilt, Error> {
        let Some(tera) = self.tera.clone() else {
            return Err(Error::Template("the templates did not load".to_string()));
        };
        let linked = &self.linked;
        let renderer = Renderer::with_templates(linked, tera)?;
        let hashes = linked
            .book
            .articles
            .iter()
            .map(|a| match self.article_hashes.get(&a.path) {
                Some(&h) => h,
                None => article_hash(a),
            })
            .collect();
        let inputs = Inputs::new(linked, renderer.shared(), hashes, self.epoch);
        let planned: Vec<(Page, String, u64)> = all_pages(linked)
            .into_par_iter()
            .map(|page| (page, page.output_path(linked), inputs.page(page)))
            .collect();
        let (first, rest): (Vec<_>, Vec<_>) = planned
            .iter()
            .filter(|(_, path, fingerprint)| self.fingerprints.get(path) != Some(fingerprint))
            .partition(|(page, _, _)| match page {
                Page::Article(i) => edited.contains(&linked.book.articles[*i].slug),
                _ => false,
            });
        let render = |batch: &[&(Page, String, u64)]| -> Result<Vec<(String, u64, Bytes)>, Error> {
            batch
                .par_iter()
                .map(|(page, path, fingerprint)| {
                    let output = renderer.render_page(*page)?;
                    Ok((path.clone(), *fingerprint, Bytes::from(output.bytes)))
                })
                .collect()
        };

        let mut written = 0;
        let mut first_served = None;
        if !first.is_empty() {
            let files = render(&first)?;
            written += files.len();
            publish(&self.served, &mut self.fingerprints, files, &[]);
            first_served = Some(started.elapsed());
        }
        let mut files = render(&rest)?;
        for (path, bytes) in &self.assets {
            let fingerprint = asset_fingerprint(bytes);
            if self.fingerprints.get(path) != Some(&fingerprint) {
                files.push((path.clone(), fingerprint, Bytes::from(bytes.clone())));
            }
        }
        // Feeds, sitemap, citations and the search index read the whole book; they are cheap
        // next to the pages, so they are regenerated and replaced only where their bytes changed.
        let pages: Vec<Page> = planned.iter().map(|(page, _, _)| *page).collect();
        let publications = renderer.publications(&pages);
        for output in &publications {
            let fingerprint = asset_fingerprint(&output.bytes);
            if self.fingerprints.get(&output.path) != Some(&fingerprint) {
                files.push((
                    output.path.clone(),
                    fingerprint,
                    Bytes::from(output.bytes.clone()),
                ));
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
        written += files.len();
        publish(&self.served, &mut self.fingerprints, files, &removed);
        Ok(Rebuilt {
            written,
            removed: removed.len(),
            css_only,
            elapsed: started.elapsed(),
            first_served,
        })
    }
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
