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

/// How templates print a value: the escaper set on every `.html` template.
pub fn escape_html(text: &str) -> String {
    crate::render::markdown::escape_attribute(text)
}

/// Whether template `name` uses the variable `root` only to print it as it is (`{{ root }}`,
/// with no filter), includes no other template and sets no variable. Then its output for any
/// root is its output for a stand-in root with the stand-in replaced, so an article's list entry
/// is rendered once for pages of every depth. Errs on the side of `false`.
pub fn prints_root_only(tera: &tera::Tera, name: &str) -> bool {
    tera.get_template(name)
        .is_ok_and(|template| template.parents.is_empty() && nodes_print_root_only(&template.ast))
}

fn nodes_print_root_only(nodes: &[tera::ast::Node]) -> bool {
    use tera::ast::{ExprVal, Node};
    // Whether an expression names `root` (or `root.x`) anywhere: read off its debug form, which
    // quotes every identifier, so nothing that names it can slip through.
    let names_root = |expr: &tera::ast::Expr| format!("{expr:?}").contains("\"root");
    nodes.iter().all(|node| match node {
        Node::Text(_) | Node::Comment(..) | Node::Raw(..) | Node::Break(_) | Node::Continue(_) => {
            true
        }
        Node::VariableBlock(_, expr) => {
            let plain_root = matches!(&expr.val, ExprVal::Ident(name) if name == "root")
                && !expr.negated
                && expr.filters.is_empty();
            plain_root || !names_root(expr)
        }
        Node::If(branches, _) => {
            branches
                .conditions
                .iter()
                .all(|(_, condition, body)| !names_root(condition) && nodes_print_root_only(body))
                && branches
                    .otherwise
                    .as_ref()
                    .is_none_or(|(_, body)| nodes_print_root_only(body))
        }
        Node::Forloop(_, forloop, _) => {
            forloop.value != "root"
                && forloop.key.as_deref() != Some("root")
                && !names_root(&forloop.container)
                && nodes_print_root_only(&forloop.body)
                && forloop
                    .empty_body
                    .as_deref()
                    .is_none_or(nodes_print_root_only)
        }
        // Includes, macros, blocks, `set`, filter sections: not worth following.
        _ => false,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn prints_root_only_in(source: &str) -> bool {
        let mut tera = tera::Tera::default();
        tera.add_raw_templates([
            ("base.html", "{% block b %}{% endblock b %}"),
            ("t.html", source),
        ])
        .unwrap();
        prints_root_only(&tera, "t.html")
    }

    #[test]
    fn only_a_template_that_just_prints_root_can_share_one_rendering() {
        assert!(prints_root_only_in(
            "<a href=\"{{ root }}{{ a.path }}\">{{ a.title }}</a>{% if a.date %}{{ a.date }}{% else %}{{root}}x{% endif %}{% for l in a.tags %}{{ root }}{{ l }}{% endfor %}"
        ));
        assert!(prints_root_only_in("no root at all"));
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
            assert!(!prints_root_only_in(uses_root), "{uses_root}");
        }
        let tera = tera::Tera::default();
        assert!(!prints_root_only(&tera, "missing.html"));
    }
}
