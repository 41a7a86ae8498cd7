//! `briefbook build`: the composed stages, then the write, the addresses record and the report.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::compose::{
    drop_in_background, link_book_rendering_bodies, plan_redirects, with_renderer_and_bodies,
    Purpose,
};
pub use crate::compose::{load_and_link, load_book, render_site, BuildOptions};
use crate::error::{Diagnostics, Error};
use crate::link::LinkedBook;
use crate::write::{write_site_with, WriteStats};

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
    // Each body is rendered from link's parse of it (one parse per body), for the renderer.
    let (composed, bodies) = link_book_rendering_bodies(options);
    let (mut linked, mut warnings) = composed.without_errors()?;
    let pages = crate::render::all_pages(&linked);
    let redirects = plan_redirects(&linked, &pages, Purpose::Build, &mut warnings);
    let written = with_renderer_and_bodies(&options.root, &linked, bodies, |renderer| {
        let output_dir = output_dir(options, &linked);
        refuse_output_among_sources(&options.root, &output_dir)?;
        let addresses = crate::renames::record_path(&output_dir);
        let previous = std::fs::read_to_string(&addresses).ok();
        // Pages go to disk as they are rendered: writing overlaps rendering, and memory holds
        // only the pages in flight, not the whole site.
        let progress = crate::progress::Progress::new(options.progress, pages.len(), "building");
        // Beside the render, not before or after it with a core idle: the articles whose
        // address moved since the last build, and this build's record of the addresses.
        let (written, (moved, record)) = rayon::join(
            || {
                write_site_with(&output_dir, |staging| {
                    renderer.render_each(&options.root, |output| {
                        if output.path.ends_with(".html") {
                            progress.step();
                        }
                        staging.write(&output)
                    })
                })
            },
            || {
                let moved = previous.map(|p| crate::renames::moved(&p, &linked, &redirects));
                (moved, crate::renames::record(&linked))
            },
        );
        for moved in moved.into_iter().flatten() {
            warnings.push(moved);
        }
        progress.finish();
        let written = written?;
        // Only a build that landed is the "last build" the next one compares addresses with.
        let _ = std::fs::write(&addresses, record);
        Ok((output_dir, written))
    });
    let (output_dir, written) = written?;
    let report = BuildReport {
        output_dir,
        articles: linked.book.articles.len(),
        under_review: linked
            .book
            .articles
            .iter()
            .filter(|a| !a.front.review.is_empty())
            .count(),
        held: std::mem::take(&mut linked.book.held),
        written,
        warnings,
        elapsed: started.elapsed(),
    };
    // A 10k book is millions of allocations: freeing them kept one core busy for some 30 ms
    // after the site was written, and the command line exits once the report is printed.
    drop_in_background(linked);
    Ok(report)
}
