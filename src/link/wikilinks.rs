//! Links between pages written in Markdown: `[[Actor Name]]`, `[[topic:slug]]`, `[[article-slug]]`,
//! `[[Name|shown text]]`, and plain links to other content files (`[text](other-article.md)`).
//! Resolving them, and rewriting them into ordinary Markdown links before rendering.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::{normalise, ArticleId, Term, TermId};
use crate::model::Article;

/// A page another page can link to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Article(ArticleId),
    Actor(TermId),
    Topic(TermId),
}

/// Finds the page a link names. Built once per build from the linked terms.
pub struct Resolver<'a> {
    articles: &'a [Article],
    actors: &'a [Term],
    topics: &'a [Term],
    actor_names: HashMap<String, TermId>,
    topic_names: HashMap<String, TermId>,
    article_slugs: HashMap<&'a str, ArticleId>,
}

impl<'a> Resolver<'a> {
    /// `actor_aliases[t]` are the extra names of actor term `t`; topic slugs are the terms' own.
    pub fn new(
        articles: &'a [Article],
        actors: &'a [Term],
        actor_aliases: &[&[String]],
        topics: &'a [Term],
        topic_slugs: &[Option<&str>],
    ) -> Self {
        let mut actor_names = HashMap::new();
        for (id, term) in TermId::all(actors.len()).zip(actors) {
            actor_names.entry(normalise(&term.name)).or_insert(id);
        }
        for (id, aliases) in TermId::all(actor_aliases.len()).zip(actor_aliases) {
            for alias in aliases.iter() {
                actor_names.entry(normalise(alias)).or_insert(id);
            }
        }
        let mut topic_names = HashMap::new();
        for (id, term) in TermId::all(topics.len()).zip(topics) {
            topic_names.entry(term.slug.to_lowercase()).or_insert(id);
            if let Some(Some(slug)) = topic_slugs.get(id.index()) {
                topic_names.entry(slug.to_lowercase()).or_insert(id);
            }
            topic_names.entry(normalise(&term.name)).or_insert(id);
        }
        let article_slugs = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.as_str(), ArticleId::new(i)))
            .collect();
        Resolver {
            articles,
            actors,
            topics,
            actor_names,
            topic_names,
            article_slugs,
        }
    }

    /// The article with this slug.
    pub fn article(&self, slug: &str) -> Option<ArticleId> {
        self.article_slugs.get(slug).copied()
    }

    /// Resolves the inside of `[[…]]` (without the `|shown` part).
    pub fn wikilink(&self, target: &str) -> Option<Target> {
        let target = target.trim();
        if let Some(topic) = target.strip_prefix("topic:") {
            let topic = topic.trim();
            return self
                .topic_names
                .get(&topic.to_lowercase())
                .or_else(|| self.topic_names.get(&normalise(topic)))
                .map(|&i| Target::Topic(i));
        }
        if let Some(actor) = target.strip_prefix("actor:") {
            return self
                .actor_names
                .get(&normalise(actor))
                .map(|&i| Target::Actor(i));
        }
        let article = target.strip_prefix("article:").unwrap_or(target);
        if let Some(&i) = self.actor_names.get(&normalise(target)) {
            return Some(Target::Actor(i));
        }
        let stem = article.trim().trim_end_matches(".md");
        self.article_slugs.get(stem).map(|&i| Target::Article(i))
    }

    /// Resolves the destination of a Markdown link when it names a content file
    /// (`other.md`, `../articles/other.md#x`); `None` for web links and other files.
    pub fn file_link(&self, destination: &str) -> Option<Result<Target, ()>> {
        let (path, _fragment) = destination
            .split_once('#')
            .map_or((destination, ""), |(p, f)| (p, f));
        if path.contains("://") || path.starts_with("mailto:") || !path.ends_with(".md") {
            return None;
        }
        let stem = path
            .rsplit('/')
            .next()
            .unwrap_or(path)
            .trim_end_matches(".md");
        Some(
            self.article_slugs
                .get(stem)
                .map(|&i| Target::Article(i))
                .ok_or(()),
        )
    }

    /// `text` with each `[[…]]` replaced by the words the link shows.
    pub fn plain_text(&self, text: &str) -> String {
        let edits = find(text, &[])
            .into_iter()
            .map(|link| {
                let shown = link
                    .shown
                    .unwrap_or_else(|| match self.wikilink(&link.target) {
                        Some(target) => self.default_text(target, &link.target),
                        None => link.target.clone(),
                    });
                Edit {
                    range: link.range,
                    text: shown,
                }
            })
            .collect();
        apply(text, edits)
    }

    /// The target's path from the site root, e.g. `actors/moon-jae-in/`.
    pub fn path(&self, target: Target) -> String {
        match target {
            Target::Article(i) => format!("articles/{}/", self.articles[i.index()].slug),
            Target::Actor(i) => format!("actors/{}/", self.actors[i.index()].slug),
            Target::Topic(i) => format!("topics/{}/", self.topics[i.index()].slug),
        }
    }

    /// What a link shows when the writer gave no text: the name as written for actors, the
    /// topic's title, the article's title.
    pub fn default_text(&self, target: Target, written: &str) -> String {
        match target {
            Target::Article(i) => self.articles[i.index()].front.title.clone(),
            Target::Actor(_) => written.trim().to_string(),
            Target::Topic(i) => self.topics[i.index()].name.clone(),
        }
    }
}

/// One `[[…]]` found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wikilink {
    /// Byte range of the whole `[[…]]`.
    pub range: Range<usize>,
    pub target: String,
    pub shown: Option<String>,
}

fn wikilink_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]+))?\]\]").expect("the pattern is valid")
    })
}

/// Every `[[…]]` in `text` outside the `skip` ranges (code), which must be sorted.
pub fn find(text: &str, skip: &[Range<usize>]) -> Vec<Wikilink> {
    if !text.contains("[[") {
        return Vec::new();
    }
    wikilink_pattern()
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            if inside(skip, whole.start()) {
                return None;
            }
            Some(Wikilink {
                range: whole.range(),
                target: c.get(1)?.as_str().trim().to_string(),
                shown: c.get(2).map(|m| m.as_str().trim().to_string()),
            })
        })
        .collect()
}

/// Whether `offset` lies in one of the sorted, non-overlapping `ranges`.
pub fn inside(ranges: &[Range<usize>], offset: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= offset);
    ranges.get(i).is_some_and(|r| r.start <= offset)
}

/// A replacement of part of a Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

/// Applies non-overlapping edits (in any order) to `text`.
pub fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    sort_edits(&mut edits);
    apply_sorted(text, &edits)
}

/// Puts edits in the order [`apply_sorted`] takes.
pub fn sort_edits(edits: &mut [Edit]) {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
}

/// Applies non-overlapping edits, sorted by [`sort_edits`], to `text`.
pub fn apply_sorted(text: &str, edits: &[Edit]) -> String {
    // Exact size: the server keeps every article's linked body, so growth slack would be most
    // of a big book's memory.
    let added: usize = edits.iter().map(|e| e.text.len()).sum();
    let mut out = String::with_capacity(text.len() + added);
    let mut at = 0;
    for edit in edits {
        if edit.range.start < at || edit.range.end > text.len() {
            continue;
        }
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.text);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A Markdown link to `path` (from the site root) on a page `prefix` deep, showing `shown`.
pub fn markdown_link(shown: &str, prefix: &str, path: &str) -> String {
    let mut escaped = String::with_capacity(shown.len());
    for c in shown.chars() {
        // `<` and `&` too: a title like `Talks <img onerror=…>` must stay text, never markup.
        if matches!(
            c,
            '[' | ']' | '\\' | '*' | '_' | '`' | '<' | '>' | '&' | '~' | '|'
        ) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    format!("[{escaped}]({prefix}{})", url_path(path))
}

/// A path safe to write as a Markdown link destination: spaces and brackets percent-encoded.
pub fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c => out.push(c),
        }
    }
    out
}

/// Rewrites the `[[…]]` of a short text (a note, a description) into Markdown links, returning
/// the new text, the targets and the wikilinks that did not resolve.
pub fn rewrite_text(
    resolver: &Resolver<'_>,
    text: &str,
    prefix: &str,
) -> (String, Vec<Target>, Vec<Wikilink>) {
    let skip = code_ranges(text);
    let mut edits = Vec::new();
    let mut targets = Vec::new();
    let mut unresolved = Vec::new();
    for link in find(text, &skip) {
        match resolver.wikilink(&link.target) {
            Some(target) => {
                let shown = link
                    .shown
                    .clone()
                    .unwrap_or_else(|| resolver.default_text(target, &link.target));
                edits.push(Edit {
                    range: link.range.clone(),
                    text: markdown_link(&shown, prefix, &resolver.path(target)),
                });
                targets.push(target);
            }
            None => unresolved.push(link),
        }
    }
    (apply(text, edits), targets, unresolved)
}

/// Byte ranges of code (spans and blocks) in a Markdown text, sorted.
pub fn code_ranges(text: &str) -> Vec<Range<usize>> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    if !text.contains('`') && !text.contains("    ") && !text.contains('~') {
        return Vec::new();
    }
    let mut ranges = Vec::new();
    let mut block_start = None;
    for (event, range) in crate::dialect::parser(text).into_offset_iter() {
        match event {
            Event::Code(_) => ranges.push(range),
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block_start.take() {
                    ranges.push(start.start..range.end.max(start.end));
                }
            }
            _ => {}
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_wikilinks_with_and_without_shown_text_outside_code() {
        let text = "See [[Moon Jae-in]] and [[topic:thaad|the deployment]], not `[[code]]`.";
        let links = find(text, &code_ranges(text));
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].target, "Moon Jae-in");
        assert_eq!(links[1].target, "topic:thaad");
        assert_eq!(links[1].shown.as_deref(), Some("the deployment"));
        assert_eq!(&text[links[0].range.clone()], "[[Moon Jae-in]]");
    }

    #[test]
    fn edits_apply_in_order() {
        let out = apply(
            "abcdef",
            vec![
                Edit {
                    range: 4..5,
                    text: "E".into(),
                },
                Edit {
                    range: 0..1,
                    text: "A".into(),
                },
            ],
        );
        assert_eq!(out, "AbcdEf");
    }

    #[test]
    fn link_text_is_escaped() {
        assert_eq!(
            markdown_link("a_b [c]", "../../", "actors/x y/"),
            "[a\\_b \\[c\\]](../../actors/x%20y/)"
        );
    }
}
