//! The command line: clap parses arguments into typed options, then calls the library.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// briefbook turns a folder of annotated news articles into a cross-linked briefing-book website.
#[derive(Debug, Parser)]
#[command(name = "briefbook", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

const EXAMPLES: &str = "Examples:
  briefbook init my-book                 start a new book with one sample article
  briefbook import seeds/*.txt           turn raw article text into content/articles/*.md
  briefbook serve --watch                preview at http://127.0.0.1:1111/, reloading on save
  briefbook build                        write the site to public/
  briefbook review                       list the fields import was unsure of, still to check
  briefbook check                        validate the book, write nothing";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new book with a sample article.
    #[command(after_help = "Example:\n  briefbook init alliance-book")]
    Init {
        /// Folder to create (must not exist or be empty).
        dir: PathBuf,
    },
    /// Build the site into the output folder (default `public/`).
    #[command(
        after_help = "Examples:\n  briefbook build\n  briefbook build --root my-book --output /tmp/site --base-url https://example.org/book/"
    )]
    Build(BuildArgs),
    /// Validate the book like `build` does, writing nothing; exits non-zero on any error.
    #[command(
        after_help = "Examples:\n  briefbook check --root my-book\n  briefbook check --format json --base-url https://example.org/book/"
    )]
    Check {
        #[command(flatten)]
        root: RootArg,
        /// Check links as they will be published at this URL, e.g. https://example.org/book/.
        #[arg(long)]
        base_url: Option<String>,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Output format of the diagnostics: `json` prints one object for CI.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Also fail while any review item is open (see `briefbook review`).
        #[arg(long)]
        strict: bool,
    },
    /// List every field import was unsure of that the editor has not checked yet.
    #[command(
        after_help = "Examples:\n  briefbook review\n  briefbook review --format json\n\nDelete a field from an article's `review:` (or an entry's `review: true`) once checked;\nthe preview shows the same queue at /_review/."
    )]
    Review {
        #[command(flatten)]
        root: RootArg,
        /// Output format: `json` prints the queue as one object.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Import articles as Markdown: raw text (.txt), saved pages (.html), web addresses, news
    /// feeds (RSS, Atom, JSON Feed) and reference libraries (CSL-JSON, RIS, BibTeX).
    #[command(
        after_help = "Examples:\n  briefbook import seeds/*.txt\n  briefbook import --dry-run ~/Downloads/article.html\n  briefbook import https://example.org/news/story.html\n  briefbook import --urls reading-list.txt\n  briefbook import https://example.org/world/rss.xml     (run it daily: known items are skipped)\n  briefbook import --fetch zotero-export.bib"
    )]
    Import(ImportArgs),
    /// Serve the site locally, rebuilding and reloading the browser on every change with --watch.
    #[command(after_help = "Example:\n  briefbook serve --watch --open")]
    Serve(ServeArgs),
}

#[derive(Debug, Clone, Args)]
pub struct RootArg {
    /// The book folder (holding briefbook.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Output folder (default: the book's `output_dir`, `public`).
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// The absolute URL the site will be published at, e.g. https://example.org/book/.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Also print the printable book to book.pdf (book-1.pdf… for a book in volumes) with
    /// headless Chromium.
    #[arg(long)]
    pub pdf: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Folder to write articles to (default: content/articles under the root).
    #[arg(long)]
    pub into: Option<PathBuf>,
    /// Overwrite articles the editor has changed since they were imported.
    #[arg(long)]
    pub force: bool,
    /// Print what would be written, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Files, folders of them, http(s):// addresses of pages or feeds, feeds and library exports.
    #[arg(required_unless_present = "urls")]
    pub inputs: Vec<PathBuf>,
    /// A text file of addresses to fetch and import, one a line.
    #[arg(long, value_name = "FILE")]
    pub urls: Vec<PathBuf>,
    /// Fetch the address of each library item that has no saved snapshot.
    #[arg(long)]
    pub fetch: bool,
    /// Seconds a fetch may take before it fails.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArg,
    /// Rebuild on changes and reload open browser tabs.
    #[arg(long)]
    pub watch: bool,
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; anything but loopback exposes the preview to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}
