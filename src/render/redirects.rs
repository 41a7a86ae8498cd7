//! Redirect pages for old addresses: an article's `aliases` and an actor's, topic's or outlet's
//! `aliases_url` each get a small page that sends the reader on to the current address (a meta
//! refresh, a canonical link and a visible link, all relative so the site works under any
//! sub-path), as Zola and Hugo write them.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::error::Diagnostic;
use crate::link::{LinkedBook, Taxonomy};
use crate::load::{ACTORS_FILE, OUTLETS_FILE, TOPICS_FILE};
use crate::render::templates::escape_html as escape;
use crate::render::{root_prefix, Output, Page};

/// One old address and the page it now leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The old page folder from the site root, e.g. `articles/old-slug/`.
    pub from: String,
    /// The current page folder, e.g. `articles/new-slug/`.
    pub to: String,
    /// The current page's title, for the visible link.
    pub title: String,
}

/// Where an alias was written, for messages.
struct Origin {
    path: PathBuf,
    line: Option<usize>,
}

/// Every redirect of the book, and the problems that keep some from being written: an alias
/// that is not a site address, one that is the address of a page, or one claimed twice. The
/// caller decides how serious they are (a build warns, `check` fails).
pub fn plan(linked: &LinkedBook, pages: &[Page]) -> (Vec<Redirect>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let wanted = wanted(linked, &mut problems);
    // Most books have no aliases: no need to list every page's folder for them.
    if wanted.is_empty() {
        return (Vec::new(), problems);
    }
    let redirects = granted(linked, pages, wanted, &mut problems);
    (redirects, problems)
}

/// An alias as written, where it was written, and the redirect it asks for.
type Wanted = (String, Origin, Redirect);

/// The redirects the aliases of articles and curated terms ask for; aliases that are no site
/// address go to `problems`.
fn wanted(linked: &LinkedBook, problems: &mut Vec<Diagnostic>) -> Vec<Wanted> {
    let mut wanted: Vec<Wanted> = Vec::new();
    // The line of `aliases:` is looked for only in the few articles that have it: this runs
    // before the pages render, with the other core idle.
    for article in linked
        .book
        .articles
        .iter()
        .filter(|a| !a.front.aliases.is_empty())
    {
        let line = key_line(&article.front_matter_yaml, "aliases").map(|l| l + 1);
        for alias in &article.front.aliases {
            let origin = Origin {
                path: article.path.clone(),
                line,
            };
            match alias_folder(alias, "articles") {
                Ok(from) => wanted.push((
                    alias.clone(),
                    origin,
                    Redirect {
                        from,
                        to: format!("articles/{}/", article.slug),
                        title: article.front.title.clone(),
                    },
                )),
                Err(problem) => problems.push(diagnostic(&origin, alias, &problem)),
            }
        }
    }
    for taxonomy in [Taxonomy::Actor, Taxonomy::Topic, Taxonomy::Outlet] {
        let file = match taxonomy {
            Taxonomy::Actor => ACTORS_FILE,
            Taxonomy::Topic => TOPICS_FILE,
            _ => OUTLETS_FILE,
        };
        for term in linked.terms(taxonomy) {
            let Some(entry) = term.entry else { continue };
            let book = &linked.book;
            let aliases = match taxonomy {
                Taxonomy::Actor => &book.actors[entry].aliases_url,
                Taxonomy::Topic => &book.topics[entry].aliases_url,
                _ => &book.outlets[entry].aliases_url,
            };
            for alias in aliases {
                let origin = Origin {
                    path: PathBuf::from(file),
                    line: None,
                };
                match alias_folder(alias, taxonomy.folder()) {
                    Ok(from) => wanted.push((
                        alias.clone(),
                        origin,
                        Redirect {
                            from,
                            to: format!("{}/{}/", taxonomy.folder(), term.slug),
                            title: term.name.clone(),
                        },
                    )),
                    Err(problem) => problems.push(diagnostic(&origin, alias, &problem)),
                }
            }
        }
    }

    wanted
}

/// The redirects of `wanted` that lead from no page's own address and from no address claimed
/// first for another page, sorted; the others go to `problems`.
fn granted(
    linked: &LinkedBook,
    pages: &[Page],
    wanted: Vec<Wanted>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Redirect> {
    let page_folders: HashMap<String, Page> = pages
        .iter()
        .map(|&page| (page.folder(linked), page))
        .collect();
    let mut claimed: HashMap<String, String> = HashMap::new();
    let mut redirects = Vec::new();
    for (alias, origin, redirect) in wanted {
        if redirect.from == redirect.to {
            continue;
        }
        if page_folders.contains_key(&redirect.from) {
            problems.push(diagnostic(
                &origin,
                &alias,
                &format!(
                    "it is the address of a page of the book (`{}`), which keeps it; remove the \
                     alias or rename that page",
                    redirect.from
                ),
            ));
            continue;
        }
        if let Some(first) = claimed.get(&redirect.from) {
            if *first != redirect.to {
                problems.push(diagnostic(
                    &origin,
                    &alias,
                    &format!(
                        "`{}` is already an alias of `{first}`; an old address can lead to one \
                         page only",
                        redirect.from
                    ),
                ));
            }
            continue;
        }
        claimed.insert(redirect.from.clone(), redirect.to.clone());
        redirects.push(redirect);
    }
    redirects.sort_by(|a, b| a.from.cmp(&b.from));
    redirects
}

fn diagnostic(origin: &Origin, alias: &str, problem: &str) -> Diagnostic {
    let mut diagnostic = Diagnostic::warning(&origin.path, format!("alias `{alias}`: {problem}"))
        .with_hint("an alias is an old slug (`old-slug`) or an old address from the site root (`/articles/old-slug/`)");
    if let Some(line) = origin.line {
        diagnostic = diagnostic.at(line, Some(1));
    }
    diagnostic
}

/// The page folder an alias names: a bare slug is taken in `section` (`old` → `articles/old/`),
/// anything with a slash is an address from the site root.
pub fn alias_folder(alias: &str, section: &str) -> Result<String, String> {
    let alias = alias.trim();
    if alias.contains("://") || alias.starts_with("//") {
        return Err("an alias is an address on this site, not a full URL".to_string());
    }
    if alias.contains(['?', '#', '\\', '<', '>', '"', '\'']) || alias.chars().any(char::is_control)
    {
        return Err("an alias may not hold `?`, `#`, quotes, `<`, `>` or a backslash".to_string());
    }
    let path = alias.trim_start_matches('/');
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        return Err("an alias cannot be the home page".to_string());
    }
    if path
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return Err("an alias may not hold empty, `.` or `..` parts".to_string());
    }
    if path.contains('/') || alias.starts_with('/') {
        Ok(format!("{path}/"))
    } else {
        Ok(format!("{section}/{path}/"))
    }
}

/// The redirect page at `redirect.from`.
pub fn page(redirect: &Redirect, base_url: Option<&str>, language: &str) -> Output {
    let relative = format!("{}{}", root_prefix(&redirect.from), redirect.to);
    let canonical = match base_url {
        Some(base) => format!("{base}{}", redirect.to),
        None => relative.clone(),
    };
    let (relative, canonical, title, language) = (
        escape(&relative),
        escape(&canonical),
        escape(&redirect.title),
        escape(language),
    );
    let html = format!(
        "<!doctype html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Moved: {title}</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={relative}\">\n</head>\n<body>\n\
         <p>This page has moved to <a href=\"{relative}\">{title}</a>.</p>\n</body>\n</html>\n"
    );
    Output {
        path: format!("{}index.html", redirect.from),
        bytes: html.into_bytes(),
    }
}

/// The 1-based line of a top-level `key:` in a YAML mapping (of the front matter: the file line
/// is one more).
pub(crate) fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines()
        .position(|line| line.strip_prefix(key).is_some_and(|r| r.starts_with(':')))
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alias_is_a_slug_in_its_section_or_an_address_from_the_root() {
        assert_eq!(
            alias_folder("old-slug", "articles").unwrap(),
            "articles/old-slug/"
        );
        assert_eq!(
            alias_folder("/articles/old/", "articles").unwrap(),
            "articles/old/"
        );
        assert_eq!(
            alias_folder("/2017/old.html", "articles").unwrap(),
            "2017/old.html/"
        );
        assert_eq!(
            alias_folder("articles/old/index.html", "articles").unwrap(),
            "articles/old/"
        );
        assert_eq!(alias_folder("moon", "actors").unwrap(), "actors/moon/");
        for bad in [
            "",
            "/",
            "https://x.org/a/",
            "//x.org/a",
            "../up",
            "a/../b",
            "a?b",
            "a\"b",
        ] {
            assert!(alias_folder(bad, "articles").is_err(), "{bad}");
        }
    }

    #[test]
    fn the_redirect_page_leads_on_relatively_and_names_its_canonical_address() {
        let redirect = Redirect {
            from: "articles/old/".into(),
            to: "articles/new/".into(),
            title: "A <b> title".into(),
        };
        let page = page(&redirect, None, "en");
        let html = String::from_utf8(page.bytes).unwrap();
        assert_eq!(page.path, "articles/old/index.html");
        assert!(
            html.contains("content=\"0; url=../../articles/new/\""),
            "{html}"
        );
        assert!(html.contains("<a href=\"../../articles/new/\">A &lt;b&gt; title</a>"));
        assert!(html.contains("<link rel=\"canonical\" href=\"../../articles/new/\">"));
        let published = super::page(&redirect, Some("https://example.org/book/"), "en");
        let html = String::from_utf8(published.bytes).unwrap();
        assert!(html.contains("href=\"https://example.org/book/articles/new/\""));
    }
}
