//! The article addresses of the last build into an output folder, kept beside it (for `public`,
//! `.public.briefbook-addresses`), so that a build notices an article whose address changed (a
//! renamed file) and says which `aliases:` line keeps the links to its old address working.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::Diagnostic;
use crate::link::{ArticleId, LinkedBook};
use crate::render::redirects::Redirect;

const SUFFIX: &str = "briefbook-addresses";

/// The record beside `output`.
pub fn record_path(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output
        .parent()
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.{SUFFIX}"))
}

/// What stays the same when a file is renamed: where it was imported from, else its original
/// address, else its title.
fn identity(article: &crate::model::Article) -> String {
    let front = &article.front;
    let key = front
        .source
        .as_deref()
        .or(front.url.as_deref())
        .unwrap_or(&front.title);
    key.replace(['\t', '\n', '\r'], " ")
}

/// The record's text for `linked`: one `identity<TAB>address` line per article.
pub fn record(linked: &LinkedBook) -> String {
    let mut out = String::new();
    for article in &linked.book.articles {
        out.push_str(&identity(article));
        out.push('\t');
        out.push_str(&format!("articles/{}/\n", article.slug));
    }
    out
}

/// A warning for each article the `previous` record knew at another address that neither a page
/// nor a redirect now serves: the exact `aliases:` line to add.
pub fn moved(previous: &str, linked: &LinkedBook, redirects: &[Redirect]) -> Vec<Diagnostic> {
    let served: HashSet<&str> = redirects.iter().map(|r| r.from.as_str()).collect();
    let now: HashMap<String, ArticleId> = linked
        .article_ids()
        .map(|i| (identity(linked.article(i)), i))
        .collect();
    let pages: HashSet<String> = linked
        .book
        .articles
        .iter()
        .map(|a| format!("articles/{}/", a.slug))
        .collect();
    let mut found = Vec::new();
    for line in previous.lines() {
        let Some((key, old)) = line.split_once('\t') else {
            continue;
        };
        let Some(&i) = now.get(key) else { continue };
        let article = linked.article(i);
        if pages.contains(old) || served.contains(old) {
            continue;
        }
        let old_slug = old
            .strip_prefix("articles/")
            .and_then(|s| s.strip_suffix('/'))
            .unwrap_or(old);
        found.push(
            Diagnostic::warning(
                &article.path,
                format!(
                    "this article was at `{old}` in the last build and is now at \
                     `articles/{}/`: links to the old address will break",
                    article.slug
                ),
            )
            .with_hint(format!(
                "add `aliases: [{old_slug}]` to its front matter to redirect the old address"
            )),
        );
    }
    found
}
