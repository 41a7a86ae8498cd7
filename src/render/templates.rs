//! The tera templates: defaults embedded in the binary, any of which a book replaces by putting a
//! file of the same name in its own `templates/` folder.

use std::path::Path;

use crate::error::{Diagnostic, Error};

/// The built-in templates, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("terms.html", include_str!("../../templates/terms.html")),
    ("term.html", include_str!("../../templates/term.html")),
    ("years.html", include_str!("../../templates/years.html")),
    ("year.html", include_str!("../../templates/year.html")),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("book.html", include_str!("../../templates/book.html")),
    (
        "partials/article_item.html",
        include_str!("../../templates/partials/article_item.html"),
    ),
    (
        "partials/timeline_item.html",
        include_str!("../../templates/partials/timeline_item.html"),
    ),
    (
        "partials/pager.html",
        include_str!("../../templates/partials/pager.html"),
    ),
    (
        "partials/book_article.html",
        include_str!("../../templates/partials/book_article.html"),
    ),
];

/// Compiles the default templates, replaced or extended by those in `root/templates/`.
pub fn load_templates(root: &Path) -> Result<tera::Tera, Error> {
    let mut sources: Vec<(String, String)> = DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    let dir = root.join("templates");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::Refused(format!("{}: {e}", dir.display())))?;
            if !entry.file_type().is_file()
                || !entry.file_name().to_string_lossy().ends_with(".html")
            {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&dir)
                .expect("walkdir yields paths under its root")
                .to_string_lossy()
                .replace('\\', "/");
            let text =
                std::fs::read_to_string(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            match sources.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = text,
                None => sources.push((name, text)),
            }
        }
    }
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default escaper also escapes `/`, which bloats every URL; quotes, `<`, `>` and `&` suffice.
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| template_error(root, &e))?;
    Ok(tera)
}

fn escape_html(text: &str) -> String {
    crate::render::markdown::escape_attribute(text)
}

/// Turns tera's error chain into one message naming the template file.
pub fn template_error(root: &Path, error: &tera::Error) -> Error {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    let _ = root;
    Error::Template(message)
}

/// A template error as a diagnostic, for the server's error overlay and `check`.
pub fn template_diagnostic(error: &Error) -> Diagnostic {
    Diagnostic::error("templates", error.to_string())
        .with_hint("fix the template named in the message")
}
