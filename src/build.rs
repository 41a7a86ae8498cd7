//! Build and check: run the stages in order (load → link → render → write) for one book.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::error::{Diagnostics, Error};
use crate::link::{link_with, LinkOptions, LinkedBook};
use crate::load::{load, LoadOptions};
use crate::model::Book;
use crate::render::{Output, Renderer};
use crate::write::{write_site_with, WriteStats};

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The book folder.
    pub root: PathBuf,
    /// Output folder; defaults to the config's `output_dir` under `root`.
    pub output: Option<PathBuf>,
    /// Overrides the config's `base_url`.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Treat unresolved links and unanchored annotations as errors, as `check` does.
    pub strict: bool,
    /// `check --strict`: every open review item is an error.
    pub open_reviews_fail: bool,
    /// The preview server's build: articles under review stay in even with `hold_unreviewed`.
    pub preview: bool,
    /// Show a progress bar on stderr when the build runs long and stderr is a terminal.
    pub progress: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            ..BuildOptions::default()
        }
    }
}

/// What a build did, for the one-line report.
#[derive(Debug)]
pub struct BuildReport {
    pub output_dir: PathBuf,
    pub articles: usize,
    /// Articles with fields import was unsure of that the editor has not checked yet.
    pub under_review: usize,
    /// Articles left out because they have open review items and `hold_unreviewed` is set.
    pub held: Vec<PathBuf>,
    pub written: WriteStats,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
}

/// Loads the book these options name, with the command line's base URL over the config's.
pub fn load_book(options: &BuildOptions) -> (Book, Diagnostics) {
    let (mut book, diagnostics) = load(
        &options.root,
        LoadOptions {
            drafts: options.drafts,
        },
    );
    let mut diagnostics = diagnostics;
    if let Some(url) = &options.base_url {
        match crate::config::check_base_url(url) {
            Ok(()) => book.config.base_url = Some(url.clone()),
            Err(problem) => diagnostics.push(
                crate::error::Diagnostic::error("--base-url", problem)
                    .with_hint("pass the full address, e.g. --base-url https://example.org/book/"),
            ),
        }
    }
    (book, diagnostics)
}

/// Leaves out the articles with open review items; they are listed in `Book::held`.
fn hold_unreviewed(book: &mut Book) {
    let (held, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut book.articles)
        .into_iter()
        .partition(|a| !a.front.review.is_empty());
    book.articles = kept;
    book.held = held.into_iter().map(|a| a.path).collect();
}

/// Loads and links the book; content errors fail with every diagnostic, warnings are returned.
pub fn load_and_link(options: &BuildOptions) -> Result<(LinkedBook, Diagnostics), Error> {
    link_loaded(options, false)
}

/// [`load_and_link`]; `one_off` for a build that renders once (see [`LinkOptions::one_off`]).
fn link_loaded(options: &BuildOptions, one_off: bool) -> Result<(LinkedBook, Diagnostics), Error> {
    let (mut book, mut diagnostics) = load_book(options);
    if book.config.hold_unreviewed && !options.preview {
        hold_unreviewed(&mut book);
    }
    for collision in crate::load::slug_collisions(&book) {
        diagnostics.push(collision);
    }
    let (linked, link_diagnostics) = link_with(
        book,
        LinkOptions {
            strict: options.strict,
            one_off,
        },
    );
    diagnostics.extend(link_diagnostics);
    diagnostics.sort();
    if diagnostics.has_errors() {
        return Err(Error::Content(diagnostics));
    }
    Ok((linked, diagnostics))
}

/// Builds the whole site in memory.
pub fn render_site(
    options: &BuildOptions,
) -> Result<(LinkedBook, Vec<Output>, Diagnostics), Error> {
    let (linked, warnings) = load_and_link(options)?;
    let outputs = Renderer::new(&options.root, &linked)?.render_all(&options.root)?;
    Ok((linked, outputs, warnings))
}

/// The output folder these options write to.
pub fn output_dir(options: &BuildOptions, linked: &LinkedBook) -> PathBuf {
    match &options.output {
        Some(dir) if dir.is_absolute() => dir.clone(),
        Some(dir) => dir.clone(),
        None => options.root.join(&linked.book.config.output_dir),
    }
}

/// An output inside `content/`, `templates/` or `theme/` would be read back as part of the book
/// on the next build (the site copied into the theme, growing every time): refused.
fn refuse_output_among_sources(
    root: &std::path::Path,
    output: &std::path::Path,
) -> Result<(), Error> {
    // Symbolic links resolved: an output that is a link into `content/` is inside it too. A
    // path that does not exist yet is resolved through its nearest existing ancestor.
    let absolute = |p: &std::path::Path| {
        let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let mut existing = p.as_path();
        let mut rest = Vec::new();
        while !existing.exists() {
            let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
                return p.clone();
            };
            rest.push(name.to_os_string());
            existing = parent;
        }
        let mut resolved =
            std::fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
        resolved.extend(rest.iter().rev());
        resolved
    };
    let output = absolute(output);
    for folder in ["content", "templates", "theme"] {
        let source = absolute(&root.join(folder));
        if output.starts_with(&source) {
            return Err(Error::io(
                &output,
                std::io::Error::other(format!(
                    "the output folder is inside the book's {folder}/ folder, whose files the \
                     next build would read back; choose a folder outside content/, templates/ \
                     and theme/ (the default is public/)"
                )),
            ));
        }
    }
    Ok(())
}

/// Builds the site and writes it atomically. On any error the previous output stays as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let started = Instant::now();
    crate::config::ensure_book(&options.root)?;
    let (linked, mut warnings) = link_loaded(options, true)?;
    let pages = crate::render::all_pages(&linked);
    let (redirects, alias_problems) = crate::render::redirects::plan(&linked, &pages);
    for problem in alias_problems {
        warnings.push(problem);
    }
    let renderer = Renderer::new(&options.root, &linked)?;
    let output_dir = output_dir(options, &linked);
    refuse_output_among_sources(&options.root, &output_dir)?;
    let addresses = crate::renames::record_path(&output_dir);
    if let Ok(previous) = std::fs::read_to_string(&addresses) {
        for moved in crate::renames::moved(&previous, &linked, &redirects) {
            warnings.push(moved);
        }
    }
    // Pages go to disk as they are rendered: writing overlaps rendering, and memory holds only the
    // pages in flight, not the whole site.
    let progress = crate::progress::Progress::new(options.progress, pages.len(), "building");
    let written = write_site_with(&output_dir, |staging| {
        renderer.render_each(&options.root, |output| {
            if output.path.ends_with(".html") {
                progress.step();
            }
            staging.write(&output)
        })
    });
    progress.finish();
    let written = written?;
    // Only a build that landed is the "last build" the next one compares addresses with.
    let _ = std::fs::write(&addresses, crate::renames::record(&linked));
    Ok(BuildReport {
        output_dir,
        articles: linked.book.articles.len(),
        under_review: linked
            .book
            .articles
            .iter()
            .filter(|a| !a.front.review.is_empty())
            .count(),
        held: linked.book.held.clone(),
        written,
        warnings,
        elapsed: started.elapsed(),
    })
}

/// Validates everything `build` validates, plus whole-book checks and every internal link of a
/// fresh build rendered in memory, without writing anything.
pub fn check(options: &BuildOptions) -> Result<Diagnostics, Error> {
    crate::config::ensure_book(&options.root)?;
    crate::check::check(options)
}
