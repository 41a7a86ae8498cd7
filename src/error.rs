//! Diagnostics: every content problem carries the file, line and column it came from and a hint.

use std::fmt;
use std::path::{Path, PathBuf};

/// 1-based line and column (in characters) of byte `offset` in `text`: where every stage places
/// the problems it finds, so it lives here, below them all.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// How serious a diagnostic is: errors fail `build` and `check`, warnings are only reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in the book, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based line in `path`, when known.
    pub line: Option<usize>,
    /// 1-based column in `path`, when known.
    pub column: Option<usize>,
    pub message: String,
    /// What the user should do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(path, message)
        }
    }

    /// The same finding as an error: what a build only warns about, `check` may refuse.
    pub fn into_error(self) -> Self {
        Diagnostic {
            severity: Severity::Error,
            ..self
        }
    }

    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

/// Everything found while loading and linking: the build goes on collecting so the user sees all errors at once.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// Stable order (file, line, column) so output does not depend on thread scheduling.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Failures that stop a command outright (I/O, templates, a refused output folder). Each says
/// what failed; the messages name what to do, and `source()` gives the underlying error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the book has {} error(s)", .0.errors().count())]
    Content(Diagnostics),
    /// A template that does not compile or render. `message` names the template file, line and
    /// column, followed by tera's causes, so that the one line says it all.
    #[error("template error: {message}")]
    Template {
        message: String,
        #[source]
        source: tera::Error,
    },
    /// The server was asked to render while its templates have not loaded; their own error is
    /// reported where they were loaded.
    #[error("template error: the templates did not load")]
    TemplatesNotLoaded,
    /// `[strings]` in `briefbook.toml` names interface strings that do not exist.
    #[error(
        "template error: briefbook.toml: [strings] has no interface string named {}; the names \
         are the keys of src/render/i18n/en.toml (for example `editors_note`)",
        quoted_list(.names)
    )]
    UnknownStrings { names: Vec<String> },
    /// A folder of the book (templates, theme) could not be listed.
    #[error("{}: {source}", .dir.display())]
    Unlisted {
        dir: PathBuf,
        #[source]
        source: walkdir::Error,
    },
    /// `build`, `check` or `serve` was pointed at a folder that holds no book.
    #[error(
        "{} holds no book (no briefbook.toml and no content/ folder); start one with \
         `briefbook init <folder>`, or name the book's folder with `--root <folder>`",
        shown_folder(.root)
    )]
    NotABook { root: PathBuf },
    /// `init` was given a folder that already has files.
    #[error("{} is not empty; choose a new folder", .dir.display())]
    NotEmpty { dir: PathBuf },
    /// The output folder is not one a build may replace.
    #[error("{}", .refusal.message(.path))]
    Output {
        path: PathBuf,
        refusal: OutputRefusal,
    },
    /// The preview server could not take its address.
    #[error("cannot listen on {address}: {source} (is another server using the port? try --port)")]
    Listen {
        address: std::net::SocketAddr,
        #[source]
        source: std::io::Error,
    },
    /// The preview server could not watch the book for changes.
    #[error("cannot watch {}: {source}", .path.display())]
    Watch {
        path: PathBuf,
        #[source]
        source: notify::Error,
    },
    /// The printed book could not be made.
    #[error("{0}")]
    Print(PrintFailure),
    /// A newer change stopped a rebuild of the preview. Never shown: it only carries the stop
    /// out of a sink of outputs, and the server turns it into `ControlFlow::Break` at once.
    #[error("stopped by a newer change")]
    Stopped,
}

/// Why an output folder is not replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputRefusal {
    /// A symbolic link to a folder that does not exist.
    DanglingLink,
    /// A file, not a folder.
    NotAFolder,
    /// A non-empty folder without the marker file (named here) a build leaves.
    NotMadeByBriefbook { marker: &'static str },
}

impl OutputRefusal {
    fn message(&self, path: &Path) -> String {
        let path = path.display();
        match self {
            OutputRefusal::DanglingLink => format!(
                "{path} is a symbolic link to a folder that does not exist; create the folder it \
                 points to, or remove the link"
            ),
            OutputRefusal::NotAFolder => {
                format!("{path} exists and is not a folder; remove it or choose another --output")
            }
            OutputRefusal::NotMadeByBriefbook { marker } => format!(
                "{path} is not empty and was not made by briefbook (it has no {marker} file); \
                 refusing to replace it. Choose another --output, or empty the folder yourself"
            ),
        }
    }
}

/// Why the printed book (`build --pdf`) could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PrintFailure {
    #[error(
        "--pdf needs Chromium or Chrome, and none was found on PATH; install it with \
         `apt-get install chromium` (Debian/Ubuntu) or `brew install --cask chromium` (macOS), \
         or print the page book/index.html from any browser"
    )]
    NoBrowser,
    /// The book's page is not in the output.
    #[error("{} does not exist; build the site first", .page.display())]
    NotBuilt { page: PathBuf },
    /// The printed PDF could not be read back to number its contents.
    #[error("{}: cannot read the printed book to number its contents: {source}", .pdf.display())]
    Unreadable {
        pdf: PathBuf,
        #[source]
        source: lopdf::Error,
    },
    /// The browser ran but printed nothing.
    #[error("{} could not print {}: {said}", .browser.display(), .page.display())]
    Browser {
        browser: PathBuf,
        page: PathBuf,
        /// What the browser wrote on stderr.
        said: String,
    },
}

/// `the current folder`, or the folder's path.
fn shown_folder(root: &Path) -> String {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        "the current folder".to_string()
    } else {
        root.display().to_string()
    }
}

/// `` `a`, `b` ``.
fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
