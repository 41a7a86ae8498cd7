//! The `briefbook` binary: parses the command line and reports results; all work is in the library.

use std::process::ExitCode;

/// Rendering allocates many short-lived strings on several threads; mimalloc handles that pattern
/// far better than the system allocator (about a quarter of build time went to malloc).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::Context;
use briefbook::build::{build, BuildOptions};
use briefbook::check::check;
use briefbook::error::{Diagnostics, Error};
use clap::Parser;

mod cli;
use cli::{Cli, Command, Format};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            report_error(&error);
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Init { dir } => {
            briefbook::init::init(&dir)
                .with_context(|| format!("cannot create a book in {}", dir.display()))?;
            println!(
                "Created a new book in {}. Next: cd {} && briefbook serve --watch",
                dir.display(),
                dir.display()
            );
        }
        Command::Build(args) => build_command(args)?,
        Command::Check {
            root,
            base_url,
            drafts,
            format,
            strict,
        } => {
            let options = BuildOptions {
                root: root.root,
                output: None,
                base_url,
                drafts,
                strict: true,
                open_reviews_fail: strict,
                ..BuildOptions::default()
            };
            return check_command(&options, format);
        }
        Command::Review { root, format } => review_command(&root.root, format)?,
        Command::Import(args) => return import_command(args),
        Command::Serve(args) => {
            let bind = args
                .bind
                .parse()
                .with_context(|| format!("--bind {}: not an IP address", args.bind))?;
            briefbook::serve::serve(briefbook::serve::ServeOptions {
                root: args.root.root,
                drafts: args.drafts,
                watch: args.watch,
                bind,
                port: args.port,
                open: args.open,
            })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `briefbook review`: the open review items of every article, drafts included.
fn review_command(root: &std::path::Path, format: Format) -> anyhow::Result<()> {
    briefbook::config::ensure_book(root)?;
    let (book, diagnostics) =
        briefbook::load::load(root, briefbook::load::LoadOptions { drafts: true });
    print_diagnostics(&diagnostics);
    let queue = briefbook::review::Queue::of(&book, root);
    match format {
        Format::Text => print!("{}", queue.to_text()),
        Format::Json => {
            let report = serde_json::json!({
                "open": queue.open(),
                "articles": queue.articles(),
                "entries": queue.entries,
            });
            println!("{}", serde_json::to_string_pretty(&report)?);
        }
    }
    Ok(())
}

/// `briefbook import`: fails the exit code when any input could not be imported, after the
/// others were.
fn import_command(args: cli::ImportArgs) -> anyhow::Result<ExitCode> {
    let options = briefbook::import::ImportOptions {
        root: args.root.root,
        into: args.into,
        force: args.force,
        dry_run: args.dry_run,
        inputs: args.inputs,
        url_lists: args.urls,
        fetch: args.fetch,
        fetch_config: briefbook::import::FetchConfig {
            timeout: std::time::Duration::from_secs(args.timeout.max(1)),
            ..Default::default()
        },
        progress: true,
    };
    let report = briefbook::import::run(&options)?;
    print!("{report}");
    Ok(if report.has_failures() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `briefbook build`: builds, then reports what was written, held back and under review.
fn build_command(args: cli::BuildArgs) -> anyhow::Result<()> {
    let options = BuildOptions {
        root: args.root.root,
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        progress: true,
        ..BuildOptions::default()
    };
    let report = build(&options)?;
    print_diagnostics(&report.warnings);
    let written = report.written;
    let changed = if written.changed == written.files {
        String::new()
    } else {
        format!(", {} changed", written.changed)
    };
    println!(
        "Built {} articles into {} ({} files{changed}) in {} ms",
        report.articles,
        report.output_dir.display(),
        written.files,
        report.elapsed.as_millis()
    );
    if !report.held.is_empty() {
        println!(
            "Held back {} article(s) with open review items (hold_unreviewed = true):",
            report.held.len()
        );
        for path in &report.held {
            println!("  {}", path.display());
        }
    }
    if report.under_review > 0 {
        println!(
            "{} of them have fields under review: `briefbook review` lists them",
            report.under_review
        );
    }
    if args.pdf {
        for pdf in briefbook::pdf::write_pdf(&report.output_dir)? {
            println!("Printed the book to {}", pdf.display());
        }
    }
    Ok(())
}

/// `briefbook check`: every diagnostic, as text or JSON; fails when any is an error.
fn check_command(options: &BuildOptions, format: Format) -> anyhow::Result<ExitCode> {
    let diagnostics = match check(options) {
        Ok(warnings) => warnings,
        Err(Error::Content(diagnostics)) => diagnostics,
        Err(other) => return Err(other.into()),
    };
    match format {
        Format::Text => {
            print_diagnostics(&diagnostics);
            let (errors, warnings) = (diagnostics.errors().count(), diagnostics.warnings().count());
            eprintln!("{errors} error(s), {warnings} warning(s)");
        }
        Format::Json => {
            let report = serde_json::json!({
                "errors": diagnostics.errors().count(),
                "warnings": diagnostics.warnings().count(),
                "diagnostics": diagnostics.0,
            });
            println!("{}", serde_json::to_string_pretty(&report)?);
        }
    }
    if diagnostics.has_errors() {
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    for diagnostic in &diagnostics.0 {
        eprintln!("{diagnostic}");
    }
}

fn report_error(error: &anyhow::Error) {
    if let Some(Error::Content(diagnostics)) = error.downcast_ref::<Error>() {
        print_diagnostics(diagnostics);
        eprintln!(
            "error: the book has {} error(s); nothing was written",
            diagnostics.errors().count()
        );
        return;
    }
    eprintln!("error: {}", chain_message(error));
}

/// The error and its causes, one after the other, up to the first of the library's own errors:
/// their messages already say their causes.
fn chain_message(error: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in error.chain() {
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&cause.to_string());
        if cause.is::<Error>() {
            break;
        }
    }
    message
}
