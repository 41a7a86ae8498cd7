//! The composer: the one place the stages are chained, load → (hold, review) → link →
//! (alias redirects) → render, for `build`, `check` and `serve` alike. Each caller names its
//! [`Purpose`] and takes what it needs: `check` stops after linking and renders in memory,
//! `serve` renders pages on demand, `build` writes. What differs between them (what is held,
//! what is an error) is decided here, once.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Diagnostics, Error};
use crate::link::{link_with, link_with_sink, LinkOptions, LinkedBook};
use crate::load::{load, LoadOptions};
use crate::model::Book;
use crate::render::body::EarlyBodies;
use crate::render::context::Shared;
use crate::render::redirects::Redirect;
use crate::render::{templates, Output, Page, Renderer};

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

/// Who runs the stages: it decides what happens between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// `build`, rendering once: articles under review are held back when the book asks for it,
    /// colliding slugs and alias problems are warnings.
    Build,
    /// A build kept in memory, whose links may be rendered more than once: as [`Purpose::Build`],
    /// but link keeps every text it found (see [`LinkOptions::one_off`]).
    BuildInMemory,
    /// The preview server, which links again after every save: nothing is held back (the
    /// editor is reviewing), nothing more is reported than loading and linking find, and link
    /// keeps every text for the next relink.
    Preview,
    /// `check`: nothing is held back, every link must resolve, alias problems (which would
    /// publish the wrong page) are errors and, with `open_reviews_fail`, so is every open review
    /// item. Colliding slugs are left to check's whole-book checks, which make them errors.
    Check,
}

impl Purpose {
    /// How link judges the book for this purpose.
    pub fn link_options(self, options: &BuildOptions) -> LinkOptions {
        match self {
            Purpose::Build | Purpose::BuildInMemory | Purpose::Preview => LinkOptions {
                strict: options.strict,
                one_off: self == Purpose::Build,
            },
            // Unresolved links and unanchored annotations, warnings in `build`, are errors here.
            Purpose::Check => LinkOptions {
                strict: true,
                one_off: false,
            },
        }
    }
}

/// The book loaded and linked, with everything the stages found on the way.
pub struct Composed {
    pub linked: LinkedBook,
    /// Sorted by file, line and column.
    pub diagnostics: Diagnostics,
}

impl Composed {
    /// The linked book and its warnings, or every diagnostic when the book has errors.
    pub fn without_errors(self) -> Result<(LinkedBook, Diagnostics), Error> {
        if self.diagnostics.has_errors() {
            return Err(Error::Content(self.diagnostics));
        }
        Ok((self.linked, self.diagnostics))
    }
}

/// Stage one: loads the book these options name, with the command line's base URL over the
/// config's.
pub fn load_book(options: &BuildOptions) -> (Book, Diagnostics) {
    let (mut book, mut diagnostics) = load(
        &options.root,
        LoadOptions {
            drafts: options.drafts,
        },
    );
    if let Some(url) = &options.base_url {
        match crate::config::check_base_url(url) {
            Ok(()) => book.config.base_url = Some(url.clone()),
            Err(problem) => diagnostics.push(
                Diagnostic::error("--base-url", problem)
                    .with_hint("pass the full address, e.g. --base-url https://example.org/book/"),
            ),
        }
    }
    (book, diagnostics)
}

/// Load → (hold, review) → link, for `purpose`. Errors are diagnostics here; see
/// [`Composed::without_errors`].
pub fn link_book(options: &BuildOptions, purpose: Purpose) -> Composed {
    let (book, mut diagnostics) = load_for(options, purpose);
    let (linked, link_diagnostics) = link_with(book, purpose.link_options(options));
    diagnostics.extend(link_diagnostics);
    diagnostics.sort();
    Composed {
        linked,
        diagnostics,
    }
}

/// [`link_book`] for a one-off build ([`Purpose::Build`]), rendering each article body from
/// the link stage's own parse of it as it is scanned, so no body is parsed twice: the bodies
/// go to [`with_renderer_and_bodies`]. `None` when the book's bodies would not all fit the
/// budget of kept bodies; then the renderer parses each body where it needs it.
pub fn link_book_rendering_bodies(options: &BuildOptions) -> (Composed, Option<EarlyBodies>) {
    let purpose = Purpose::Build;
    let (book, mut diagnostics) = load_for(options, purpose);
    let early = EarlyBodies::for_book(&book);
    let (linked, link_diagnostics) = match &early {
        Some(early) => link_with_sink(book, purpose.link_options(options), &|parsed| {
            early.render(parsed)
        }),
        None => link_with(book, purpose.link_options(options)),
    };
    diagnostics.extend(link_diagnostics);
    diagnostics.sort();
    let composed = Composed {
        linked,
        diagnostics,
    };
    (composed, early)
}

/// Load, then what `purpose` does before linking: the book ready for link, with the
/// diagnostics found so far. The server links it itself, patching its last link where it can.
pub fn load_for(options: &BuildOptions, purpose: Purpose) -> (Book, Diagnostics) {
    let (mut book, mut diagnostics) = load_book(options);
    between_load_and_link(&mut book, &mut diagnostics, options, purpose);
    (book, diagnostics)
}

/// What happens to the loaded book before it is linked: held articles leave it, and the
/// problems only the whole list of files shows are reported.
fn between_load_and_link(
    book: &mut Book,
    diagnostics: &mut Diagnostics,
    options: &BuildOptions,
    purpose: Purpose,
) {
    match purpose {
        Purpose::Build | Purpose::BuildInMemory => {
            if book.config.hold_unreviewed && !options.preview {
                hold_unreviewed(book);
            }
            for collision in crate::load::slug_collisions(book) {
                diagnostics.push(collision);
            }
        }
        Purpose::Preview => {}
        Purpose::Check => {
            if options.open_reviews_fail {
                for open in crate::review::Queue::of(book, &options.root).diagnostics() {
                    diagnostics.push(open);
                }
            }
        }
    }
}

/// Leaves out the articles with open review items; they are listed in `Book::held`.
fn hold_unreviewed(book: &mut Book) {
    let (held, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut book.articles)
        .into_iter()
        .partition(|a| !a.front.review.is_empty());
    book.articles = kept;
    book.held = held.into_iter().map(|a| a.path).collect();
}

/// Loads and links the book as `build` does (for a book rendered more than once); content errors
/// fail with every diagnostic, warnings are returned.
pub fn load_and_link(options: &BuildOptions) -> Result<(LinkedBook, Diagnostics), Error> {
    link_book(options, Purpose::BuildInMemory).without_errors()
}

/// The alias redirects of `pages`, with the alias problems as `purpose` judges them: warnings in
/// a build, errors in a check.
pub fn plan_redirects(
    linked: &LinkedBook,
    pages: &[Page],
    purpose: Purpose,
    diagnostics: &mut Diagnostics,
) -> Vec<Redirect> {
    let (redirects, problems) = crate::render::redirects::plan(linked, pages);
    for problem in problems {
        diagnostics.push(match purpose {
            Purpose::Build | Purpose::BuildInMemory | Purpose::Preview => problem,
            Purpose::Check => problem.into_error(),
        });
    }
    redirects
}

/// The render stage: hands `render` a renderer of `linked` with the templates of the book at
/// `root` and the summaries of `linked`, which it borrows for as long as `render` runs.
pub fn with_renderer<T>(
    root: &Path,
    linked: &LinkedBook,
    render: impl FnOnce(&Renderer<'_>) -> Result<T, Error>,
) -> Result<T, Error> {
    with_renderer_and_bodies(root, linked, None, render)
}

/// [`with_renderer`], the renderer taking over the bodies rendered while linking (see
/// [`link_book_rendering_bodies`]).
pub fn with_renderer_and_bodies<T>(
    root: &Path,
    linked: &LinkedBook,
    early: Option<EarlyBodies>,
    render: impl FnOnce(&Renderer<'_>) -> Result<T, Error>,
) -> Result<T, Error> {
    let mut templates = templates::load_templates(root)?;
    let shared = Shared::new(linked);
    let renderer = match early {
        Some(early) => Renderer::with_early_bodies(linked, &mut templates, &shared, early)?,
        None => Renderer::new(linked, &mut templates, &shared)?,
    };
    let rendered = render(&renderer);
    let kept = renderer.into_kept();
    drop_in_background((kept, shared, templates));
    rendered
}

/// Frees `value` on a thread of its own, so the caller goes on (or exits) without waiting for
/// a big book's thousands of allocations to be freed; where no thread can be had, it is freed
/// here.
pub fn drop_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("drop".into())
        .spawn(move || drop(value));
}

/// Loads, links and renders the whole site in memory, sorted by path.
pub fn render_site(
    options: &BuildOptions,
) -> Result<(LinkedBook, Vec<Output>, Diagnostics), Error> {
    let (linked, warnings) = load_and_link(options)?;
    let outputs = with_renderer(&options.root, &linked, |renderer| {
        renderer.render_all(&options.root)
    })?;
    Ok((linked, outputs, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A book asking to hold unreviewed articles, with one article under review, one alias that
    /// is another page's address, and one unresolved `[[…]]` link.
    fn book() -> (tempfile::TempDir, BuildOptions) {
        let temp = tempfile::tempdir().unwrap();
        let articles = temp.path().join("content/articles");
        std::fs::create_dir_all(&articles).unwrap();
        std::fs::write(
            temp.path().join("briefbook.toml"),
            "title = \"T\"\nhold_unreviewed = true\n",
        )
        .unwrap();
        std::fs::write(
            articles.join("2017-01-01-settled.md"),
            "---\ntitle: Settled\noutlet: Yonhap\ndate: 2017-01-01\n\
             aliases: [/timeline/]\n---\n\nSee [[Nobody At All]].\n",
        )
        .unwrap();
        std::fs::write(
            articles.join("2017-01-02-open.md"),
            "---\ntitle: Open\noutlet: Yonhap\ndate: 2017-01-02\n\
             review:\n  date: only the month is known\n---\n\nText.\n",
        )
        .unwrap();
        let options = BuildOptions::new(temp.path());
        (temp, options)
    }

    fn titles(linked: &LinkedBook) -> Vec<&str> {
        let articles = &linked.book.articles;
        articles.iter().map(|a| a.front.title.as_str()).collect()
    }

    #[test]
    fn the_purpose_decides_what_is_held_back() {
        let (_temp, options) = book();
        let built = link_book(&options, Purpose::Build);
        assert_eq!(titles(&built.linked), ["Settled"]);
        assert_eq!(built.linked.book.held.len(), 1);
        for purpose in [Purpose::Preview, Purpose::Check] {
            let (book, _) = load_for(&options, purpose);
            assert_eq!(book.articles.len(), 2, "{purpose:?}");
            assert!(book.held.is_empty(), "{purpose:?}");
        }
    }

    #[test]
    fn the_purpose_decides_what_is_an_error() {
        let (_temp, options) = book();
        let built = link_book(&options, Purpose::Build);
        assert!(!built.diagnostics.has_errors(), "{:?}", built.diagnostics);
        assert!(built
            .diagnostics
            .warnings()
            .any(|d| d.message.contains("Nobody At All")));
        let checked = link_book(
            &BuildOptions {
                open_reviews_fail: true,
                ..options.clone()
            },
            Purpose::Check,
        );
        let errors: Vec<&str> = checked
            .diagnostics
            .errors()
            .map(|d| d.message.as_str())
            .collect();
        assert!(
            errors.iter().any(|m| m.contains("Nobody At All")),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|m| m.contains("only the month")),
            "{errors:?}"
        );

        // The alias that is the timeline's own address.
        for (purpose, as_error) in [(Purpose::Build, false), (Purpose::Check, true)] {
            let linked = link_book(&options, purpose).linked;
            let mut found = Diagnostics::default();
            let pages = crate::render::all_pages(&linked);
            plan_redirects(&linked, &pages, purpose, &mut found);
            assert_eq!(found.0.len(), 1, "{purpose:?}: {found:?}");
            assert_eq!(found.0[0].is_error(), as_error, "{purpose:?}");
        }
    }

    /// The example book built as `build` builds it, each body rendered from the link stage's
    /// parse, gives the same site as a build that renders every body in the render stage.
    #[test]
    fn bodies_rendered_from_the_link_parse_give_the_same_site() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let options = BuildOptions::new(root);
        let (composed, early) = link_book_rendering_bodies(&options);
        let early = early.expect("the example book's bodies fit the budget");
        let (linked, _) = composed.without_errors().unwrap();
        assert_eq!(
            early.cache.kept_articles(),
            linked.book.articles.len(),
            "every body rendered while linking"
        );
        let from_link = with_renderer_and_bodies(root, &linked, Some(early), |renderer| {
            renderer.render_all(root)
        })
        .unwrap();
        let (_, from_render, _) = render_site(&options).unwrap();
        assert_eq!(from_link.len(), from_render.len());
        for (a, b) in from_link.iter().zip(&from_render) {
            assert!(a == b, "{} differs", a.path);
        }
        let bodies = from_link
            .iter()
            .filter(|o| o.path.starts_with("articles/"))
            .count();
        assert!(bodies >= 5, "{bodies} article pages");
    }

    #[test]
    fn a_book_with_errors_is_refused_with_every_diagnostic() {
        let (temp, options) = book();
        std::fs::write(
            temp.path().join("content/articles/2017-01-03-broken.md"),
            "---\ntitle: [unclosed\n---\n",
        )
        .unwrap();
        match link_book(&options, Purpose::Build).without_errors() {
            Err(Error::Content(found)) => {
                assert!(found
                    .errors()
                    .any(|d| d.path.ends_with("2017-01-03-broken.md")));
                assert!(found
                    .warnings()
                    .any(|d| d.message.contains("Nobody At All")));
            }
            other => panic!("not refused: {:?}", other.map(|(_, d)| d)),
        }
    }
}
