//! What linking computed, kept between links of a changing book, so the server's rebuild after
//! an edit scans only the articles whose scan could have changed, and recomputes co-occurrences
//! and related articles only when the articles' terms or order moved.
//!
//! Co-occurrences and related articles are a function of each article's terms and place in the
//! chronology: they are kept with those as their key, compared in full.
//!
//! A scan reads (a) the article's own text and front matter, (b) the actor terms (names, aliases,
//! slugs) the mention matcher and the resolver use, (c) the topic terms, and (d) for the links it
//! resolves, which page each names. (a), and the actor terms the front matter lists, are compared
//! in full; (b) and (c) are hashed into one environment value: when it moves, every article is
//! scanned again. For (d) each scan records the links it looked up (see [`Lookup`]), and the cached
//! scan is reused only when every one of them still resolves to the same page, under the same
//! title. Article indices in a kept scan are stored as slugs and mapped back when it is reused, so
//! adding or deleting an article elsewhere does not invalidate it.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use super::bodies::{Lookup, Scanned};
use super::mentions::NameMatcher;
use super::wikilinks::{Resolver, Target};
use super::{Structure, Term, TermId};
use crate::model::Article;

/// Article scans and cross-links from earlier links. Empty by default;
/// [`super::link_with_cache`] fills it.
#[derive(Debug, Default)]
pub struct LinkCache {
    /// The last cross-links and the key they were computed from.
    structure: Option<(Vec<usize>, Structure)>,
    /// Hash of everything every scan reads besides the article itself and its lookups.
    environment: Option<u64>,
    /// In the order of the articles they were scanned from, which rarely changes.
    entries: Vec<Entry>,
    /// Slugs of the articles the last link scanned (the others reused a kept scan), sorted.
    scanned: Vec<String>,
    /// The mention matcher of the actor terms `environment` was hashed from, once made.
    matcher: Option<(u64, Arc<NameMatcher>)>,
}

impl LinkCache {
    pub fn new() -> Self {
        LinkCache::default()
    }

    /// The slugs of the articles the last link scanned afresh, sorted.
    pub fn scanned(&self) -> &[String] {
        &self.scanned
    }

    /// How many article scans are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The kept cross-links, when they were computed from `key`.
    pub(super) fn structure(&self, key: &[usize]) -> Option<&Structure> {
        self.structure
            .as_ref()
            .filter(|(kept, _)| kept.as_slice() == key)
            .map(|(_, structure)| structure)
    }

    pub(super) fn keep_structure(&mut self, key: Vec<usize>, structure: Structure) {
        self.structure = Some((key, structure));
    }

    /// Whether the cache holds a scan of every article of `articles`, in their order, as the
    /// last link left them, and in particular of the articles at `edited`.
    pub(super) fn holds(&self, articles: &[Article], edited: &[usize]) -> bool {
        self.environment.is_some()
            && self.entries.len() == articles.len()
            && edited
                .iter()
                .all(|&i| self.entries[i].path == articles[i].path)
    }

    /// The articles whose kept scans show the title of an article with one of `slugs`, through
    /// a `[[…]]` without text of its own.
    pub(super) fn showing_titles_of(&self, slugs: &[&str]) -> Vec<usize> {
        if slugs.is_empty() {
            return Vec::new();
        }
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, entry)| {
                entry.answers.iter().any(|(_, answer)| {
                    matches!(answer, Answer::Article { slug, title: Some(_) }
                        if slugs.contains(&slug.as_str()))
                })
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The mention matcher of the current actor terms, made by `make` unless kept. Only for
    /// links that leave the terms as the last link found them.
    pub(super) fn matcher(&mut self, make: impl FnOnce() -> NameMatcher) -> Arc<NameMatcher> {
        let environment = self.environment.unwrap_or_default();
        match &self.matcher {
            Some((kept, matcher)) if *kept == environment => matcher.clone(),
            _ => {
                let matcher = Arc::new(make());
                self.matcher = Some((environment, matcher.clone()));
                matcher
            }
        }
    }

    /// Keeps the fresh scan of the article at `index` in place of the one kept.
    pub(super) fn keep_scan(
        &mut self,
        index: usize,
        articles: &[Article],
        own_actors: &[TermId],
        scanned: &Scanned,
        resolver: &Resolver<'_>,
    ) {
        self.entries[index] = Entry::new(&articles[index], own_actors, scanned, resolver, articles);
    }

    /// Records which articles a patched link scanned afresh.
    pub(super) fn scanned_now(&mut self, mut slugs: Vec<String>) {
        slugs.sort();
        self.scanned = slugs;
    }
}

/// One kept scan and what it was computed from.
#[derive(Debug)]
struct Entry {
    path: PathBuf,
    slug: String,
    front_matter_yaml: String,
    body: String,
    body_line: usize,
    own_actors: Vec<TermId>,
    /// What each of the scan's lookups answered.
    answers: Vec<(Lookup, Answer)>,
    /// The scan; its article targets are re-derived from `outgoing` when it is reused.
    scanned: Scanned,
    outgoing: Vec<Stable>,
}

impl Entry {
    /// The entry of a fresh scan of `article`, one of `articles`.
    fn new(
        article: &Article,
        own_actors: &[TermId],
        scanned: &Scanned,
        resolver: &Resolver<'_>,
        articles: &[Article],
    ) -> Entry {
        Entry {
            path: article.path.clone(),
            slug: article.slug.clone(),
            front_matter_yaml: article.front_matter_yaml.clone(),
            body: article.body.clone(),
            body_line: article.body_line,
            own_actors: own_actors.to_vec(),
            answers: scanned
                .lookups
                .iter()
                .map(|lookup| (lookup.clone(), answer(resolver, articles, lookup)))
                .collect(),
            outgoing: scanned
                .outgoing
                .iter()
                .map(|&target| match target {
                    Target::Article(i) => Stable::Article(articles[i.index()].slug.clone()),
                    Target::Actor(i) => Stable::Actor(i),
                    Target::Topic(i) => Stable::Topic(i),
                })
                .collect(),
            scanned: scanned.clone(),
        }
    }
}

/// A link target that stays the same when articles are added or removed elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stable {
    Article(String),
    Actor(TermId),
    Topic(TermId),
}

/// What one lookup resolved to, in terms that do not depend on article positions: an article by
/// its slug and, for `[[…]]` links without text of their own, the title they show.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Answer {
    /// Not a link to a content file.
    NotALink,
    Unresolved,
    Actor(TermId),
    Topic(TermId),
    Article {
        slug: String,
        title: Option<String>,
    },
}

fn answer(resolver: &Resolver<'_>, articles: &[Article], lookup: &Lookup) -> Answer {
    let target = match lookup {
        Lookup::Wikilink { target, .. } => resolver.wikilink(target),
        Lookup::File(destination) => match resolver.file_link(destination) {
            None => return Answer::NotALink,
            Some(found) => found.ok(),
        },
    };
    match target {
        None => Answer::Unresolved,
        Some(Target::Actor(i)) => Answer::Actor(i),
        Some(Target::Topic(i)) => Answer::Topic(i),
        Some(Target::Article(i)) => Answer::Article {
            slug: articles[i.index()].slug.clone(),
            title: matches!(lookup, Lookup::Wikilink { titled: true, .. })
                .then(|| articles[i.index()].front.title.clone()),
        },
    }
}

/// Hashes the actor and topic terms as the resolver and the mention matcher see them.
pub(super) fn environment(
    actors: &[Term],
    aliases: &[&[String]],
    topics: &[Term],
    topic_slugs: &[Option<&str>],
    strict: bool,
) -> u64 {
    let mut h = DefaultHasher::new();
    strict.hash(&mut h);
    actors.len().hash(&mut h);
    for (i, term) in actors.iter().enumerate() {
        (&term.name, &term.slug, aliases.get(i)).hash(&mut h);
    }
    topics.len().hash(&mut h);
    for (i, term) in topics.iter().enumerate() {
        (&term.name, &term.slug, topic_slugs.get(i)).hash(&mut h);
    }
    h.finish()
}

/// Whether `entry` was scanned from this article as it is now, with the same own actors.
fn same_text(entry: &Entry, article: &Article, own_actors: &[TermId]) -> bool {
    entry.body_line == article.body_line
        && entry.own_actors == own_actors
        && entry.slug == article.slug
        && entry.front_matter_yaml == article.front_matter_yaml
        && entry.body == article.body
}

impl LinkCache {
    /// Scans every article, reusing kept scans that are still valid, and keeps the new ones.
    /// `scan` scans one article given its own actor terms.
    pub(super) fn scan_all(
        &mut self,
        articles: &[Article],
        own_actors: &[&[TermId]],
        resolver: &Resolver<'_>,
        environment: u64,
        scan: impl Fn(&Article, &[TermId]) -> Scanned + Sync,
    ) -> Vec<Scanned> {
        use rayon::prelude::*;
        if self.environment != Some(environment) {
            self.entries.clear();
            self.environment = Some(environment);
        }
        // Where each article's kept entry is: at the same place unless articles were added or
        // removed, which a map by path then finds.
        let entries = &self.entries;
        let moved = entries.len() != articles.len()
            || entries
                .par_iter()
                .zip(articles.par_iter())
                .any(|(entry, article)| entry.path != article.path);
        let places: Vec<Option<usize>> = if moved {
            let by_path: HashMap<&PathBuf, usize> = entries
                .iter()
                .enumerate()
                .map(|(i, entry)| (&entry.path, i))
                .collect();
            articles
                .iter()
                .map(|a| by_path.get(&a.path).copied())
                .collect()
        } else {
            (0..articles.len()).map(Some).collect()
        };
        let results: Vec<(Scanned, bool)> = articles
            .par_iter()
            .zip(own_actors.par_iter())
            .zip(places.par_iter())
            .map(|((article, own), place)| {
                let kept = place.map(|i| &entries[i]).filter(|entry| {
                    same_text(entry, article, own)
                        && entry
                            .answers
                            .iter()
                            .all(|(lookup, was)| answer(resolver, articles, lookup) == *was)
                });
                match kept {
                    Some(entry) => (reuse(entry, resolver), false),
                    None => (scan(article, own), true),
                }
            })
            .collect();
        let mut entries: Vec<Option<Entry>> = std::mem::take(&mut self.entries)
            .into_iter()
            .map(Some)
            .collect();
        self.scanned.clear();
        let mut kept = Vec::with_capacity(articles.len());
        let mut scans = Vec::with_capacity(articles.len());
        for (((scanned, fresh), (article, own)), place) in results
            .into_iter()
            .zip(articles.iter().zip(own_actors))
            .zip(places)
        {
            let entry = match place.and_then(|i| entries[i].take()) {
                Some(entry) if !fresh => entry,
                _ => {
                    self.scanned.push(article.slug.clone());
                    Entry::new(article, own, &scanned, resolver, articles)
                }
            };
            kept.push(entry);
            scans.push(scanned);
        }
        self.scanned.sort();
        self.entries = kept;
        scans
    }
}

/// A copy of a kept scan with its article targets at their current positions.
fn reuse(entry: &Entry, resolver: &Resolver<'_>) -> Scanned {
    let mut scanned = entry.scanned.clone();
    if entry
        .outgoing
        .iter()
        .any(|target| matches!(target, Stable::Article(_)))
    {
        scanned.outgoing = entry
            .outgoing
            .iter()
            .filter_map(|target| match target {
                // Every looked-up article still resolves (the answers matched), so it exists.
                Stable::Article(slug) => resolver.article(slug).map(Target::Article),
                Stable::Actor(i) => Some(Target::Actor(*i)),
                Stable::Topic(i) => Some(Target::Topic(*i)),
            })
            .collect();
        scanned.outgoing.sort_unstable();
        scanned.outgoing.dedup();
    }
    scanned
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::{link_with, link_with_cache, ArticleId, LinkOptions, LinkedBook};
    use super::*;
    use crate::load::parse_article;
    use crate::model::Book;

    fn article(slug: &str, title: &str, actors: &str, body: &str) -> Article {
        let path = Path::new("content/articles").join(format!("{slug}.md"));
        let text = format!(
            "---\ntitle: {title}\noutlet: Yonhap\ndate: 2017-05-10\nactors: [{actors}]\n---\n{body}\n"
        );
        parse_article(&path, &text).unwrap()
    }

    fn book() -> Book {
        Book {
            articles: vec![
                article(
                    "a-moon",
                    "Moon takes office",
                    "Moon Jae-in",
                    "Moon Jae-in took office.",
                ),
                article(
                    "b-envoys",
                    "Envoys return",
                    "Chung Eui-yong",
                    "As [[a-moon]] said, Chung Eui-yong met Moon Jae-in.",
                ),
                article(
                    "c-file",
                    "Talks resume",
                    "Chung Eui-yong",
                    "See [the inauguration](a-moon.md) and [[b-envoys|the envoys]].",
                ),
                article(
                    "d-plain",
                    "Summit",
                    "Moon Jae-in",
                    "Moon Jae-in met Chung Eui-yong.",
                ),
            ],
            ..Book::default()
        }
    }

    fn link_cached(book: Book, cache: &mut LinkCache) -> LinkedBook {
        let (linked, _) = link_with_cache(book, LinkOptions::default(), cache);
        let (full, _) = link_with(linked.book.clone(), LinkOptions::default());
        assert_eq!(linked.links, full.links, "the cache changed the links");
        assert_eq!(linked.actors, full.actors, "the cache changed the actors");
        assert_eq!(linked.topics, full.topics, "the cache changed the topics");
        assert_eq!(
            linked.outlets, full.outlets,
            "the cache changed the outlets"
        );
        assert_eq!(linked.years, full.years, "the cache changed the years");
        linked
    }

    fn retitle(book: &mut Book, slug: &str, title: &str) {
        let i = book.articles.iter().position(|a| a.slug == slug).unwrap();
        let old = &book.articles[i];
        let body = old.body.trim_end().to_string();
        let actors = old.front.actors.join(", ");
        book.articles[i] = article(slug, title, &actors, &body);
    }

    #[test]
    fn an_unchanged_book_is_not_scanned_again() {
        let mut cache = LinkCache::new();
        let linked = link_cached(book(), &mut cache);
        assert_eq!(cache.scanned().len(), 4);
        link_cached(linked.book, &mut cache);
        assert!(cache.scanned().is_empty(), "{:?}", cache.scanned());
    }

    #[test]
    fn a_title_change_rescans_the_article_and_those_whose_links_show_it() {
        let mut cache = LinkCache::new();
        let mut book = link_cached(book(), &mut cache).book;
        // `b-envoys` shows a-moon's title through `[[a-moon]]`; `c-file` links the file, whose
        // link shows its own words, so it keeps its scan.
        retitle(&mut book, "a-moon", "Moon sworn in");
        let linked = link_cached(book, &mut cache);
        assert_eq!(cache.scanned(), ["a-moon", "b-envoys"]);
        assert!(linked
            .body_markdown(ArticleId::new(1))
            .contains("[Moon sworn in]"));

        // `c-file` links `[[b-envoys|the envoys]]` with its own text: b's title does not matter.
        let mut book = linked.book;
        retitle(&mut book, "b-envoys", "Envoys are back");
        link_cached(book, &mut cache);
        assert_eq!(cache.scanned(), ["b-envoys"]);
    }

    #[test]
    fn removing_a_linked_article_rescans_its_linkers_and_remaps_the_rest() {
        let mut cache = LinkCache::new();
        let mut book = link_cached(book(), &mut cache).book;
        // Deleting the first article moves every other one up a place.
        book.articles.remove(0);
        let linked = link_cached(book, &mut cache);
        assert_eq!(cache.scanned(), ["b-envoys", "c-file"]);
        // `c-file` (now index 1) still links `b-envoys` (now index 0).
        assert_eq!(
            linked.links[1].outgoing,
            vec![Target::Article(ArticleId::new(0))]
        );

        let mut book = linked.book;
        book.articles.insert(
            0,
            article("a-moon", "Moon takes office", "Moon Jae-in", "Back."),
        );
        let linked = link_cached(book, &mut cache);
        assert_eq!(cache.scanned(), ["a-moon", "b-envoys", "c-file"]);
        assert_eq!(
            linked.links[2].outgoing,
            vec![
                Target::Article(ArticleId::new(0)),
                Target::Article(ArticleId::new(1))
            ]
        );
    }

    #[test]
    fn cross_links_follow_moved_dates_and_actors() {
        let mut cache = LinkCache::new();
        let mut book = link_cached(book(), &mut cache).book;
        let redate = |article: &mut Article, date: &str| {
            let text = format!(
                "---\n{}---\n{}",
                article.front_matter_yaml.replace("2017-05-10", date),
                article.body
            );
            *article = parse_article(&article.path.clone(), &text).unwrap();
        };
        redate(&mut book.articles[2], "2016-01-01");
        redate(&mut book.articles[3], "2018-01-01");
        let mut book = link_cached(book, &mut cache).book;
        // Chung Eui-yong now appears in an article with Moon Jae-in and in one without.
        book.articles[0] = article(
            "a-moon",
            "Moon takes office",
            "Moon Jae-in, Chung Eui-yong",
            "Moon Jae-in took office.",
        );
        link_cached(book, &mut cache);
    }

    #[test]
    fn a_new_actor_name_rescans_everything() {
        let mut cache = LinkCache::new();
        let mut book = link_cached(book(), &mut cache).book;
        // A name no article listed before adds an actor term, which every body may mention.
        book.articles[3] = article(
            "d-plain",
            "Summit",
            "Moon Jae-in, Kim Jong-un",
            "Kim Jong-un.",
        );
        link_cached(book, &mut cache);
        assert_eq!(cache.scanned().len(), 4);
    }
}
