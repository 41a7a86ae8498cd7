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
    (
        "partials/site_head.html",
        include_str!("../../templates/partials/site_head.html"),
    ),
    (
        "partials/site_nav.html",
        include_str!("../../templates/partials/site_nav.html"),
    ),
    (
        "partials/site_footer.html",
        include_str!("../../templates/partials/site_footer.html"),
    ),
];

/// The compiled templates, and what the renderer needs to know of their sources.
pub struct Templates {
    pub tera: tera::Tera,
    /// Whether the list-entry partial uses `root` only to print it (see [`prints_root_only`]).
    pub entry_prints_root_only: bool,
}

/// The partial that renders an article as a list entry.
pub const ARTICLE_ITEM: &str = "partials/article_item.html";

/// Compiles the default templates, replaced or extended by those in `root/templates/`.
pub fn load_templates(root: &Path) -> Result<Templates, Error> {
    let mut sources: Vec<(String, String)> = DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    let dir = root.join("templates");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|source| Error::Unlisted {
                dir: dir.clone(),
                source,
            })?;
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
    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    // Tera's default escaper also escapes `/`, which bloats every URL; quotes, `<`, `>` and `&` suffice.
    tera.set_escape_fn(escape_html_to);
    tera.register_filter("tr", super::i18n::tr_filter);
    tera.register_filter("safe", safe_without_copy);
    tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(template_error)?;
    let entry_prints_root_only = sources
        .iter()
        .find(|(name, _)| name == ARTICLE_ITEM)
        .is_some_and(|(_, source)| prints_root_only(source));
    Ok(Templates {
        tera,
        entry_prints_root_only,
    })
}

/// How templates print a value: the escaper set on every `.html` template.
pub fn escape_html(text: &str) -> String {
    crate::render::markdown::escape_attribute(text)
}

/// [`escape_html`] as tera calls it, straight into the page.
fn escape_html_to(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    pulldown_cmark_escape::escape_html(pulldown_cmark_escape::IoWriter(out), text)
}

/// Tera's `safe` filter, which copies the string it marks (an article's whole body, its lists
/// and citation links, on every page): this one marks the string it is given, shared, and
/// turns any other value into its text as tera's does.
fn safe_without_copy(value: &tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    if value.is_string() {
        value.clone().mark_safe()
    } else {
        tera::Value::safe_string(&value.to_string())
    }
}

/// Whether the template `source` uses the variable `root` only to print it as it is
/// (`{{ root }}`, with no filter), and otherwise holds only text, comments, `if` and `for` tags
/// that do not name it, and printed expressions that do not name it. Then its output for any
/// root is its output for a stand-in root with the stand-in replaced, so an article's list entry
/// is rendered once for pages of every depth. Read off the source's tags, not tera's syntax
/// tree (which tera keeps to itself), so it errs on the side of `false`: a tag it does not know,
/// an include, a parent template, a `set`, or `root` anywhere else (even in a string) says no.
pub fn prints_root_only(source: &str) -> bool {
    const ALLOWED_TAGS: [&str; 10] = [
        "if", "elif", "else", "endif", "for", "endfor", "break", "continue", "raw", "endraw",
    ];
    let mut rest = source;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = match after.as_bytes().first() {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                rest = after;
                continue;
            }
        };
        let Some(end) = after[1..].find(close) else {
            return false;
        };
        let inside = after[1..1 + end]
            .trim_start_matches(['-', '+'])
            .trim_end_matches(['-', '+'])
            .trim();
        rest = &after[1 + end + close.len()..];
        let names_root = || names_word(inside, "root") || inside.contains("__tera_context");
        let fine = match close {
            "#}" => true,
            "}}" => inside == "root" || !(names_root() || inside.starts_with('<')),
            _ => {
                let keyword = inside
                    .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                    .next()
                    .unwrap_or("");
                ALLOWED_TAGS.contains(&keyword) && !names_root()
            }
        };
        if !fine {
            return false;
        }
    }
    true
}

/// Whether `text` holds `word` with no letter, digit or `_` on either side.
fn names_word(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(is_word)
            && !text[at + word.len()..].chars().next().is_some_and(is_word)
    })
}

/// Turns tera's error into one message naming the template file, its line and column; the
/// error itself stays the source.
pub fn template_error(error: tera::Error) -> Error {
    let located = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            Some(format!(
                "templates/{}:{}:{}: {}",
                report.filename(),
                span.start_line,
                span.start_col + 1,
                report.message()
            ))
        }
        _ => None,
    };
    let mut message = located.unwrap_or_else(|| error.to_string());
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    Error::Template {
        message,
        source: error,
    }
}

/// A template error as a diagnostic, for the server's error overlay and `check`.
pub fn template_diagnostic(error: &Error) -> Diagnostic {
    Diagnostic::error("templates", error.to_string())
        .with_hint("fix the template named in the message")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_safe_filter_prints_what_teras_own_prints() {
        let source = "{{ s | safe }}|{{ s }}|{{ n | safe }}|{{ list | safe }}|{{ none | safe }}";
        let mut context = tera::Context::new();
        context.insert(
            "s",
            "<b>Moon & Trump</b> said \"no\" in a sentence long enough",
        );
        context.insert("n", &12.5);
        context.insert("list", &["<a>", "b"]);
        context.insert("none", &Option::<String>::None);
        let render = |ours: bool| {
            let mut tera = tera::Tera::new();
            tera.autoescape_on([".html"]);
            if ours {
                tera.register_filter("safe", safe_without_copy);
            }
            tera.add_raw_template("t.html", source).unwrap();
            tera.render("t.html", &context).unwrap()
        };
        let ours = render(true);
        assert_eq!(ours, render(false));
        assert!(ours.starts_with("<b>Moon & Trump</b>"), "{ours}");
        assert!(ours.contains("|&lt;b&gt;"), "{ours}");
    }

    #[test]
    fn only_a_template_that_just_prints_root_can_share_one_rendering() {
        assert!(prints_root_only(
            "<a href=\"{{ root }}{{ a.path }}\">{{ a.title }}</a>{% if a.date %}{{ a.date }}{% else %}{{root}}x{% endif %}{% for l in a.tags %}{{ root }}{{ l }}{% endfor %}"
        ));
        assert!(prints_root_only("no root at all"));
        for uses_root in [
            "{% if root == \"../\" %}deep{% endif %}",
            "{{ root | upper }}",
            "{{ root ~ \"x\" }}",
            "{{ root.length }}",
            "{% for c in root %}{{ c }}{% endfor %}",
            "{% for root in a.list %}{{ root }}{% endfor %}",
            "{% if a.x %}{% if root %}y{% endif %}{% endif %}",
            "{% set r = root %}{{ r }}",
            "{% include \"base.html\" %}",
            "{% extends \"base.html\" %}{% block b %}{{ root }}{% endblock b %}",
        ] {
            assert!(!prints_root_only(uses_root), "{uses_root}");
        }
        assert!(prints_root_only(
            "{#- Variables: `a` and `root`. -#}<a href=\"{{- root -}}{{ a.path }}\">{{ a.rooted }}</a>"
        ));
        assert!(prints_root_only(
            DEFAULT_TEMPLATES
                .iter()
                .find(|(name, _)| *name == ARTICLE_ITEM)
                .unwrap()
                .1
        ));
        for unknown in [
            "{{ __tera_context }}",
            "{{ a.root }}",
            "{{ \"root\" }}",
            "{% filter upper %}{{ root }}{% endfilter %}",
            "{% set_global r = 1 %}",
            "{{ <item root=root /> }}",
            "{% import \"macros.html\" as m %}",
            "unclosed {{ root",
        ] {
            assert!(!prints_root_only(unknown), "{unknown}");
        }
    }
}
