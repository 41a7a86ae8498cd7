//! Report: what an import run did to each input, and the end-of-run summary the CLI prints.

use std::fmt;
use std::path::PathBuf;

/// What happened to one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A new article file.
    Written,
    /// The same input was imported before and its article is as import left it: nothing to do.
    Unchanged,
    /// The article was changed by the editor since import; left alone (`--force` overwrites).
    SkippedEdited,
    /// Replaced an article import wrote earlier (its input changed, or `--force`).
    Overwritten,
    /// `--dry-run`: would be written or overwritten.
    WouldWrite,
    /// A feed's or library's item, or a fetched page, whose article the book already has (same
    /// address, feed id or fingerprint): not fetched again, nothing written.
    Known,
    Failed(String),
}

impl Outcome {
    fn label(&self) -> &'static str {
        match self {
            Outcome::Written => "written",
            Outcome::Unchanged => "unchanged",
            Outcome::SkippedEdited => "skipped",
            Outcome::Overwritten => "overwritten",
            Outcome::WouldWrite => "would write",
            Outcome::Known => "known",
            Outcome::Failed(_) => "failed",
        }
    }
}

/// One input's line in the report.
#[derive(Debug, Clone)]
pub struct Record {
    pub input: PathBuf,
    /// The article file, relative to the book root when it is inside it.
    pub output: Option<PathBuf>,
    pub outcome: Outcome,
    /// Front matter fields the editor should check.
    pub review: Vec<String>,
    pub warnings: Vec<String>,
    /// With `--dry-run`, the front matter that would be written.
    pub preview: Option<String>,
}

/// The result of an import run.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// One per input, in input order.
    pub records: Vec<Record>,
    /// People added to the actors file for review (or that would be, with `--dry-run`).
    pub new_actors: Vec<String>,
    pub actors_file: Option<PathBuf>,
    /// Outlets added to the outlets file: their names, and whether the editor must check them
    /// (a name no registry knew) rather than just find them there (a registry entry copied).
    pub new_outlets: Vec<(String, bool)>,
    /// Problems that concern the run, not one input (e.g. the actors file could not be appended).
    pub warnings: Vec<String>,
    pub dry_run: bool,
}

impl ImportReport {
    pub fn count(&self, matches: impl Fn(&Outcome) -> bool) -> usize {
        self.records.iter().filter(|r| matches(&r.outcome)).count()
    }

    pub fn has_failures(&self) -> bool {
        self.count(|o| matches!(o, Outcome::Failed(_))) > 0
    }
}

impl fmt::Display for ImportReport {
    /// The whole report goes out in one write: printed piece by piece, a run of 10,000 files
    /// would cost a system call per line on a line-buffered terminal or pipe.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::with_capacity(self.records.len() * 120 + 256);
        self.write_to(&mut text)?;
        f.write_str(&text)
    }
}

impl ImportReport {
    fn write_to(&self, f: &mut String) -> fmt::Result {
        use fmt::Write as _;
        for record in &self.records {
            // A known item is named as it was given: its article may have another name.
            let shown = match (&record.outcome, &record.output) {
                (Outcome::Known, _) | (_, None) => &record.input,
                (_, Some(output)) => output,
            };
            write!(f, "{:<12} {}", record.outcome.label(), shown.display())?;
            match &record.outcome {
                Outcome::Failed(message) => write!(f, ": {message}")?,
                Outcome::SkippedEdited => write!(f, " (edited since import; --force overwrites)")?,
                Outcome::Known => match &record.output {
                    Some(output) => write!(f, " (already in the book as {})", output.display())?,
                    None => write!(f, " (listed twice; imported once)")?,
                },
                _ if !record.review.is_empty() => {
                    write!(f, "  review: {}", record.review.join(", "))?
                }
                _ => {}
            }
            writeln!(f)?;
            for warning in &record.warnings {
                writeln!(f, "             warning: {warning}")?;
            }
            if let Some(preview) = &record.preview {
                for line in preview.lines() {
                    writeln!(f, "             | {line}")?;
                }
            }
        }
        let parts = [
            (Outcome::Written, "written"),
            (Outcome::WouldWrite, "would be written"),
            (Outcome::Overwritten, "overwritten"),
            (Outcome::Unchanged, "unchanged"),
            (Outcome::SkippedEdited, "skipped as edited"),
            (Outcome::Known, "already in the book"),
        ];
        let mut summary: Vec<String> = parts
            .iter()
            .map(|(outcome, label)| (self.count(|o| o == outcome), label))
            .filter(|(n, _)| *n > 0)
            .map(|(n, label)| format!("{n} {label}"))
            .collect();
        let failed = self.count(|o| matches!(o, Outcome::Failed(_)));
        if failed > 0 {
            summary.push(format!("{failed} failed"));
        }
        let to_review = self.records.iter().filter(|r| !r.review.is_empty()).count();
        if to_review > 0 {
            summary.push(format!("{to_review} with fields to review"));
        }
        if summary.is_empty() {
            summary.push("nothing to import".to_string());
        }
        writeln!(f, "{}", summary.join(", "))?;
        if !self.new_actors.is_empty() {
            let verb = if self.dry_run {
                "would be added"
            } else {
                "added"
            };
            let file = self
                .actors_file
                .as_ref()
                .map(|p| format!(" to {}", p.display()))
                .unwrap_or_default();
            // A long run can discover hundreds of people; name a few, the file holds them all.
            const SHOWN: usize = 12;
            let mut names = self
                .new_actors
                .iter()
                .take(SHOWN)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            if self.new_actors.len() > SHOWN {
                names.push_str(&format!(" and {} more", self.new_actors.len() - SHOWN));
            }
            writeln!(
                f,
                "{} new actor(s) {verb}{file} for review: {names}",
                self.new_actors.len()
            )?;
        }
        if !self.new_outlets.is_empty() {
            let verb = if self.dry_run {
                "would be added"
            } else {
                "added"
            };
            let names = |review: bool| {
                self.new_outlets
                    .iter()
                    .filter(|(_, r)| *r == review)
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>()
            };
            let (known, unknown) = (names(false), names(true));
            if !known.is_empty() {
                writeln!(
                    f,
                    "{} outlet(s) {verb} to {} from the registry: {}",
                    known.len(),
                    crate::layout::OUTLETS_FILE,
                    known.join(", ")
                )?;
            }
            if !unknown.is_empty() {
                writeln!(
                    f,
                    "{} outlet(s) no registry knows {verb} to {} for review: {}",
                    unknown.len(),
                    crate::layout::OUTLETS_FILE,
                    unknown.join(", ")
                )?;
            }
        }
        for warning in &self.warnings {
            writeln!(f, "warning: {warning}")?;
        }
        Ok(())
    }
}
