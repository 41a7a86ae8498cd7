//! The review queue: every field import was unsure of and the editor has not checked yet, across
//! the book (articles' `review:` entries, and actors and outlets marked `review: true`). The
//! `review` command prints it, `check --strict` fails on it and the preview serves it at
//! `/_review/`; a built site never carries it.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::Diagnostic;
use crate::load::{ACTORS_FILE, OUTLETS_FILE};
use crate::model::{Article, Book};
use crate::render::redirects::key_line;
use crate::render::templates::escape_html as escape;

/// The folder of the preview's queue page; never written by `build`.
pub const REVIEW_DIR: &str = "_review";

/// What an open item belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    Article,
    Actor,
    Outlet,
}

/// One open item: a field and why import was unsure of what it wrote there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub field: String,
    /// 1-based line of the field in the file, when it is there.
    pub line: Option<usize>,
    /// What the file holds for the field now (what import wrote, unless the editor changed it).
    pub value: String,
    pub reason: Option<String>,
}

/// The open items of one article, actor or outlet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub owner: Owner,
    /// Title of the article, or the actor's or outlet's name.
    pub name: String,
    /// The file that holds it, relative to the book root.
    pub path: PathBuf,
    /// The article's page from the site root (`articles/slug/`); none for actors and outlets.
    pub page: Option<String>,
    /// The article's original address.
    pub url: Option<String>,
    /// The article's source file or address, as import recorded it.
    pub source: Option<String>,
    pub items: Vec<Item>,
}

/// Every open item of a book, articles first (in slug order), then actors and outlets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Queue {
    pub entries: Vec<Entry>,
}

impl Queue {
    /// The queue of `book` as loaded (drafts included when the load included them).
    pub fn of(book: &Book, root: &Path) -> Queue {
        let mut entries: Vec<Entry> = book
            .articles
            .iter()
            .filter(|a| !a.front.review.is_empty())
            .map(article_entry)
            .collect();
        let actors_text = std::fs::read_to_string(root.join(ACTORS_FILE)).unwrap_or_default();
        entries.extend(
            book.actors
                .iter()
                .filter(|a| a.review)
                .map(|actor| listed_entry(Owner::Actor, &actor.name, ACTORS_FILE, &actors_text)),
        );
        let outlets_text = std::fs::read_to_string(root.join(OUTLETS_FILE)).unwrap_or_default();
        entries.extend(
            book.outlets.iter().filter(|o| o.review).map(|outlet| {
                listed_entry(Owner::Outlet, &outlet.name, OUTLETS_FILE, &outlets_text)
            }),
        );
        Queue { entries }
    }

    /// How many items are open.
    pub fn open(&self) -> usize {
        self.entries.iter().map(|e| e.items.len()).sum()
    }

    /// How many articles have open items.
    pub fn articles(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.owner == Owner::Article)
            .count()
    }

    /// One error per open item, placed on its line, for `check --strict`.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for entry in &self.entries {
            for item in &entry.items {
                let mut message = match entry.owner {
                    Owner::Article => format!("`{}` is still under review", item.field),
                    Owner::Actor => format!("the actor `{}` is still under review", entry.name),
                    Owner::Outlet => format!("the outlet `{}` is still under review", entry.name),
                };
                if let Some(reason) = &item.reason {
                    message.push_str(": ");
                    message.push_str(reason);
                }
                let hint = match entry.owner {
                    Owner::Article => format!(
                        "check the field, then delete `{}` from `review:` in the front matter",
                        item.field
                    ),
                    _ => "check the entry, then delete its `review: true` line".to_string(),
                };
                let mut diagnostic = Diagnostic::error(&entry.path, message).with_hint(hint);
                if let Some(line) = item.line {
                    diagnostic = diagnostic.at(line, Some(1));
                }
                found.push(diagnostic);
            }
        }
        found
    }

    /// The queue as the `review` command prints it: grouped by file, one line per item.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for entry in &self.entries {
            if entry.owner != Owner::Article {
                let place = entry.items[0]
                    .line
                    .map_or_else(String::new, |line| format!(":{line}"));
                let kind = if entry.owner == Owner::Actor {
                    "actor"
                } else {
                    "outlet"
                };
                out.push_str(&format!(
                    "{}{place}  {kind} {}: new, check it and delete `review: true`\n",
                    entry.path.display(),
                    entry.name
                ));
                continue;
            }
            out.push_str(&format!("{}  {}\n", entry.path.display(), entry.name));
            if let Some(url) = entry.url.as_ref().or(entry.source.as_ref()) {
                out.push_str(&format!("  source: {url}\n"));
            }
            for item in &entry.items {
                let place = item
                    .line
                    .map_or_else(String::new, |line| format!(":{line}"));
                out.push_str(&format!(
                    "  {}{place}  {}: {}\n",
                    entry.path.display(),
                    item.field,
                    if item.value.is_empty() {
                        "(empty)"
                    } else {
                        &item.value
                    }
                ));
                if let Some(reason) = &item.reason {
                    out.push_str(&format!("      why: {reason}\n"));
                }
            }
        }
        let articles = self.articles();
        let others = self.entries.len() - articles;
        out.push_str(&format!(
            "{} open review item(s): {articles} article(s), {others} actor(s) or outlet(s)\n",
            self.open()
        ));
        out
    }

    /// The preview's `/_review/` page; `root` leads back to the site root.
    pub fn to_html(&self, root: &str) -> String {
        let mut out = String::from(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"robots\" content=\"noindex\">\n<title>Review queue</title>\n",
        );
        out.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"{root}theme/style.css\">\n</head>\n<body>\n\
             <main class=\"review-queue prose\">\n<p><a href=\"{root}\">← The book</a></p>\n\
             <h1>Review queue</h1>\n"
        ));
        let articles = self.articles();
        out.push_str(&format!(
            "<p class=\"review-count\">{} open item(s): {articles} article(s), {} actor(s) or \
             outlet(s). Check each field in its file, then delete it from <code>review:</code>; \
             this page updates on every save. Only the preview shows it.</p>\n",
            self.open(),
            self.entries.len() - articles
        ));
        for entry in &self.entries {
            out.push_str("<section class=\"review-entry\">\n<h2>");
            match &entry.page {
                Some(page) => out.push_str(&format!(
                    "<a href=\"{root}{}\">{}</a>",
                    escape(page),
                    escape(&entry.name)
                )),
                None => out.push_str(&escape(&entry.name)),
            }
            out.push_str(&format!(
                "</h2>\n<p><code>{}</code>",
                escape(&entry.path.display().to_string())
            ));
            if let Some(url) = entry
                .url
                .as_deref()
                .filter(|u| crate::render::markdown::is_web_url(u))
            {
                out.push_str(&format!(
                    " · <a href=\"{}\" rel=\"noopener\">original</a>",
                    escape(url)
                ));
            }
            out.push_str("</p>\n<dl>\n");
            for item in &entry.items {
                let place = item
                    .line
                    .map_or_else(String::new, |line| format!(" (line {line})"));
                out.push_str(&format!(
                    "<dt><code>{}</code>{place}: {}</dt>\n",
                    escape(&item.field),
                    escape(if item.value.is_empty() {
                        "(empty)"
                    } else {
                        &item.value
                    })
                ));
                if let Some(reason) = &item.reason {
                    out.push_str(&format!("<dd>{}</dd>\n", escape(reason)));
                }
            }
            out.push_str("</dl>\n</section>\n");
        }
        out.push_str("</main>\n</body>\n</html>\n");
        out
    }
}

fn article_entry(article: &Article) -> Entry {
    let front = &article.front;
    let items = front
        .review
        .iter()
        .map(|item| Item {
            field: item.field.clone(),
            line: key_line(&article.front_matter_yaml, &item.field).map(|l| l + 1),
            value: field_value(article, &item.field),
            reason: item.reason.clone(),
        })
        .collect();
    Entry {
        owner: Owner::Article,
        name: front.title.clone(),
        path: article.path.clone(),
        page: Some(format!("articles/{}/", article.slug)),
        url: front.url.clone(),
        source: front.source.clone(),
        items,
    }
}

/// An actor or outlet marked `review: true`, placed at its `name:` line.
fn listed_entry(owner: Owner, name: &str, file: &str, text: &str) -> Entry {
    let line = text
        .lines()
        .position(|line| {
            let line = line.trim_start().trim_start_matches("- ").trim_start();
            line.strip_prefix("name:")
                .is_some_and(|rest| rest.trim().trim_matches(|c| c == '"' || c == '\'') == name)
        })
        .map(|i| i + 1);
    let reason = match owner {
        Owner::Actor => {
            "a person import found in an article; check the name, add roles and aliases"
        }
        _ => "an outlet import found named in an article but no outlets file knew",
    };
    Entry {
        owner,
        name: name.to_string(),
        path: PathBuf::from(file),
        page: None,
        url: None,
        source: None,
        items: vec![Item {
            field: "review".to_string(),
            line,
            value: name.to_string(),
            reason: Some(reason.to_string()),
        }],
    }
}

/// What the article holds for `field` now, in a line.
fn field_value(article: &Article, field: &str) -> String {
    let front = &article.front;
    match field {
        "title" => front.title.clone(),
        "outlet" => front.outlet.clone(),
        "date" => front.date.map(|d| d.to_string()).unwrap_or_default(),
        "actors" => front.actors.join(", "),
        "topics" => front.topics.join(", "),
        "byline" => front.byline.join(", "),
        "publisher" => front.publisher.clone().unwrap_or_default(),
        "dateline" => front.dateline.clone().unwrap_or_default(),
        "url" => front.url.clone().unwrap_or_default(),
        _ => {
            let yaml = &article.front_matter_yaml;
            key_line(yaml, field)
                .and_then(|line| yaml.lines().nth(line - 1))
                .and_then(|line| line.split_once(':'))
                .map(|(_, value)| value.trim().to_string())
                .unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FrontMatter, Review, ReviewItem};

    fn article(yaml: &str) -> Article {
        let front: FrontMatter = serde_yaml::from_str(yaml).unwrap();
        Article {
            slug: "s".into(),
            path: PathBuf::from("content/articles/s.md"),
            front,
            front_matter_yaml: yaml.to_string(),
            body: String::new(),
            body_line: 10,
        }
    }

    #[test]
    fn items_are_placed_on_their_fields_lines_with_the_reason() {
        let yaml = "title: T\noutlet: Gulf Times\ndate:\nreview:\n  outlet: named only in the lead\n  date: no date found\n";
        let entry = article_entry(&article(yaml));
        assert_eq!(entry.items.len(), 2);
        assert_eq!(entry.items[0].field, "outlet");
        assert_eq!(entry.items[0].line, Some(3), "file line = yaml line + 1");
        assert_eq!(entry.items[0].value, "Gulf Times");
        assert_eq!(
            entry.items[0].reason.as_deref(),
            Some("named only in the lead")
        );
        assert_eq!(entry.items[1].line, Some(4));
        assert_eq!(entry.items[1].value, "");
    }

    #[test]
    fn a_plain_list_of_fields_still_reads_and_deleting_one_closes_it() {
        let listed = article("title: T\noutlet: O\nreview: [outlet, date]\n");
        assert_eq!(listed.front.review.fields(), ["outlet", "date"]);
        assert_eq!(listed.front.review.0[0].reason, None);
        let closed = article("title: T\noutlet: O\nreview:\n  date: why\n");
        assert!(!closed.front.review.contains("outlet"));
        let none = article("title: T\noutlet: O\nreview:\n");
        assert!(none.front.review.is_empty());
    }

    #[test]
    fn the_page_escapes_what_import_wrote() {
        let mut review = Review::default();
        review.0.push(ReviewItem {
            field: "title".into(),
            reason: Some("<b>why</b>".into()),
        });
        let mut a = article("title: \"<script>x</script>\"\noutlet: O\n");
        a.front.review = review;
        let queue = Queue {
            entries: vec![article_entry(&a)],
        };
        let html = queue.to_html("../");
        assert!(!html.contains("<script>x") && html.contains("&lt;script&gt;"));
        assert!(html.contains("&lt;b&gt;why"));
        assert!(queue
            .to_text()
            .contains("1 open review item(s): 1 article(s)"));
    }
}
