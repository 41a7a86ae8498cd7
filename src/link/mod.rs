//! Link: resolves names to canonical actors, topics and outlets, builds the four taxonomies
//! (actor, topic, outlet, year), the chronology with previous/next, related articles and
//! co-occurrence counts. Pure computation over the loaded [`Book`]; no I/O.

pub mod anchors;
pub mod backlinks;
pub mod bodies;
pub mod cache;
pub mod ids;
pub mod mentions;
pub mod quotes;
mod related;
mod relink;
pub mod splice;
pub mod wikilinks;

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::error::{Diagnostic, Diagnostics};
use crate::model::{Book, PartialDate};
use crate::slug::unique_slugs;

pub use backlinks::Backlinks;
pub use bodies::{Quotations, Quote};
pub use cache::LinkCache;
pub use ids::{ArticleId, CoOccurrence, TermId};
pub use related::RELATED_COUNT;
pub use relink::relink_edited;
pub use wikilinks::Target;

/// How strictly links and annotations are checked.
#[derive(Debug, Clone, Copy, Default)]
pub struct LinkOptions {
    /// Unresolved links and unanchored annotations are errors (`check`) rather than warnings
    /// (`build`, which should still produce a site while the editor works).
    pub strict: bool,
    /// The book is rendered once and dropped (`build`): each article keeps its links as edits
    /// over its source body rather than as a second copy of its text, and in a big book only the
    /// quotations a page shows keep their words. At 100,000 articles the peak RSS falls by some
    /// 200 MB. The server relinks after every save, so it keeps the linked texts and every
    /// quotation.
    pub one_off: bool,
}

/// The four ways articles are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Taxonomy {
    Actor,
    Topic,
    Outlet,
    Year,
}

impl Taxonomy {
    pub const ALL: [Taxonomy; 4] = [
        Taxonomy::Actor,
        Taxonomy::Topic,
        Taxonomy::Outlet,
        Taxonomy::Year,
    ];

    /// The URL folder of this taxonomy: `actors`, `topics`, `outlets`, `years`.
    pub fn folder(self) -> &'static str {
        match self {
            Taxonomy::Actor => "actors",
            Taxonomy::Topic => "topics",
            Taxonomy::Outlet => "outlets",
            Taxonomy::Year => "years",
        }
    }
}

/// One actor, topic, outlet or year, with the articles filed under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub slug: String,
    /// Display name: the actor's canonical name, the topic's title, the outlet's name, the year.
    pub name: String,
    /// Index into the book's `actors`/`topics`/`outlets` list, when the term is curated there.
    pub entry: Option<usize>,
    /// The articles filed under the term, in chronological order.
    pub articles: Vec<ArticleId>,
    /// Actors that appear with this term most, most shared first.
    pub co_actors: Vec<CoOccurrence>,
    /// Topics that appear with this term most, most shared first.
    pub co_topics: Vec<CoOccurrence>,
}

impl Term {
    fn new(slug: String, name: String, entry: Option<usize>) -> Self {
        Term {
            slug,
            name,
            entry,
            articles: Vec::new(),
            co_actors: Vec::new(),
            co_topics: Vec::new(),
        }
    }
}

/// An article's body with its links made, in one of two forms.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkedBody {
    /// The linked text itself, kept by the server with each scan.
    Text(std::sync::Arc<str>),
    /// The edits, sorted, that make the linked text from the article's source body: a one-off
    /// build keeps these instead, and makes the text again (a copy) for each page that shows it.
    Edits(Vec<wikilinks::Edit>),
}

impl Default for LinkedBody {
    fn default() -> Self {
        LinkedBody::Text("".into())
    }
}

/// An article's place in the web of links. Parallel to `Book::articles`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleLinks {
    /// Actor terms, sorted.
    pub actors: Vec<TermId>,
    /// Topic terms, sorted.
    pub topics: Vec<TermId>,
    /// `None` while the outlet awaits the editor (import found none; `review` lists `outlet`).
    pub outlet: Option<TermId>,
    pub publisher: Option<TermId>,
    pub year: Option<TermId>,
    /// Position in the chronology.
    pub position: usize,
    pub previous: Option<ArticleId>,
    pub next: Option<ArticleId>,
    pub related: Vec<ArticleId>,
    /// The body as Markdown with `[[…]]`, `.md` links and first mentions made ordinary links:
    /// read it with [`LinkedBook::body_markdown`].
    pub body: LinkedBody,
    /// The editor's note, links likewise resolved.
    pub note_markdown: Option<String>,
    /// Annotation notes, parallel to the front matter's `annotations`.
    pub annotation_notes: Vec<String>,
    /// Pages this article links to (body and notes), sorted.
    pub outgoing: Vec<Target>,
    /// Actor terms named anywhere in the body, sorted.
    pub named_actors: Vec<TermId>,
    /// Attributed quotations in the body.
    pub quotes: Quotations,
    /// Paragraph indices that hold a quotation and so get an anchor, ascending.
    pub passages: Vec<usize>,
    /// Hash of the texts, passages and quotations above, for page fingerprints.
    pub texts_hash: u64,
}

/// The book with every cross-link resolved: what `render` reads.
#[derive(Debug, Clone)]
pub struct LinkedBook {
    pub book: Book,
    pub links: Vec<ArticleLinks>,
    /// The articles, oldest first; undated articles last, by slug.
    pub chronology: Vec<ArticleId>,
    pub actors: Vec<Term>,
    pub topics: Vec<Term>,
    pub outlets: Vec<Term>,
    /// Years, ascending.
    pub years: Vec<Term>,
    /// Undated articles, by slug: listed apart, never dropped.
    pub undated: Vec<ArticleId>,
    pub backlinks: Backlinks,
    /// `content/index.md` with its links resolved (the home page is at the site root).
    pub introduction_markdown: Option<String>,
}

impl LinkedBook {
    pub fn terms(&self, taxonomy: Taxonomy) -> &[Term] {
        match taxonomy {
            Taxonomy::Actor => &self.actors,
            Taxonomy::Topic => &self.topics,
            Taxonomy::Outlet => &self.outlets,
            Taxonomy::Year => &self.years,
        }
    }

    /// Term `id` of `taxonomy`.
    #[inline]
    pub fn term(&self, taxonomy: Taxonomy, id: TermId) -> &Term {
        &self.terms(taxonomy)[id.index()]
    }

    /// The ids of every term of `taxonomy`, in its order.
    pub fn term_ids(
        &self,
        taxonomy: Taxonomy,
    ) -> impl DoubleEndedIterator<Item = TermId> + ExactSizeIterator {
        TermId::all(self.terms(taxonomy).len())
    }

    /// The article `id` names.
    #[inline]
    pub fn article(&self, id: ArticleId) -> &crate::model::Article {
        &self.book.articles[id.index()]
    }

    /// The links of the article `id` names.
    #[inline]
    pub fn links_of(&self, id: ArticleId) -> &ArticleLinks {
        &self.links[id.index()]
    }

    /// Every article's id, in the book's order.
    pub fn article_ids(&self) -> impl DoubleEndedIterator<Item = ArticleId> + ExactSizeIterator {
        ArticleId::all(self.book.articles.len())
    }

    /// The linked body of article `id` (see [`ArticleLinks::body`]).
    pub fn body_markdown(&self, id: ArticleId) -> std::borrow::Cow<'_, str> {
        match &self.links_of(id).body {
            LinkedBody::Text(text) => std::borrow::Cow::Borrowed(text),
            LinkedBody::Edits(edits) => {
                std::borrow::Cow::Owned(wikilinks::apply_sorted(&self.article(id).body, edits))
            }
        }
    }
}

/// How many co-occurring actors and topics a term page shows.
pub const CO_OCCURRENCE_COUNT: usize = 8;

/// Lower-cased lookup from names and aliases to a curated entry.
fn name_index<'a>(
    entries: impl Iterator<Item = (usize, impl Iterator<Item = &'a str>)>,
) -> HashMap<String, usize> {
    let mut index = HashMap::new();
    for (i, names) in entries {
        for name in names {
            index.entry(normalise(name)).or_insert(i);
        }
    }
    index
}

pub(crate) fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Lookups from the names front matter uses to the curated actors and topics.
struct NameIndexes {
    /// Normalised names and aliases.
    actors: HashMap<String, usize>,
    /// Lower-cased slugs and normalised titles.
    topics: HashMap<String, usize>,
}

impl NameIndexes {
    fn new(book: &Book) -> Self {
        let actors = name_index(book.actors.iter().enumerate().map(|(i, a)| {
            (
                i,
                std::iter::once(a.name.as_str()).chain(a.aliases.iter().map(String::as_str)),
            )
        }));
        let topics = book
            .topics
            .iter()
            .enumerate()
            .flat_map(|(i, t)| [(t.slug.to_lowercase(), i), (normalise(&t.title), i)])
            .collect();
        NameIndexes { actors, topics }
    }

    fn actor(&self, name: &str) -> Option<usize> {
        self.actors.get(&normalise(name)).copied()
    }

    fn topic(&self, topic: &str) -> Option<usize> {
        self.topics
            .get(&topic.to_lowercase())
            .or_else(|| self.topics.get(&normalise(topic)))
            .copied()
    }
}

/// An actor the front matter names that the curated list lacks.
fn unknown_actor(article: &crate::model::Article, name: &str) -> Diagnostic {
    located(
        article,
        name,
        format!("actor `{name}` is not in content/actors.yaml"),
        false,
    )
    .with_hint("add the person to content/actors.yaml, or use a name or alias listed there")
}

/// A topic the front matter names that the curated list lacks.
fn unknown_topic(book: &Book, article: &crate::model::Article, topic: &str) -> Diagnostic {
    let known: Vec<&str> = book.topics.iter().map(|t| t.slug.as_str()).collect();
    located(article, topic, format!("unknown topic `{topic}`"), true).with_hint(format!(
        "use one of the slugs in content/topics.yaml ({}), or add it there",
        known.join(", ")
    ))
}

/// The problems of one article's front matter that linking finds: names missing from the
/// curated lists. [`link_with`] finds the same while it resolves every article's names.
fn front_matter_diagnostics(
    book: &Book,
    indexes: &NameIndexes,
    article: &crate::model::Article,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if !book.actors.is_empty() {
        for name in &article.front.actors {
            if indexes.actor(name).is_none() {
                found.push(unknown_actor(article, name));
            }
        }
    }
    if book.topics_curated {
        for topic in &article.front.topics {
            if indexes.topic(topic).is_none() {
                found.push(unknown_topic(book, article, topic));
            }
        }
    }
    found
}

/// Builds a taxonomy from curated entries plus names that only articles use.
struct TermBuilder {
    /// (display name, curated entry)
    names: Vec<(String, Option<usize>)>,
    by_key: HashMap<String, usize>,
}

impl TermBuilder {
    fn new(curated: impl Iterator<Item = String>) -> Self {
        let mut builder = TermBuilder {
            names: Vec::new(),
            by_key: HashMap::new(),
        };
        for (i, name) in curated.enumerate() {
            builder.by_key.insert(normalise(&name), builder.names.len());
            builder.names.push((name, Some(i)));
        }
        builder
    }

    /// The provisional index of a name not matched to a curated entry.
    fn uncurated(&mut self, name: &str) -> usize {
        let key = normalise(name);
        if let Some(&i) = self.by_key.get(&key) {
            return i;
        }
        self.by_key.insert(key, self.names.len());
        self.names.push((name.trim().to_string(), None));
        self.names.len() - 1
    }

    /// Sorts terms by name, assigns slugs, and returns the terms with the provisional → final map.
    fn finish(
        self,
        slug_source: impl Fn(&str, Option<usize>) -> String,
    ) -> (Vec<Term>, Vec<TermId>) {
        let mut order: Vec<usize> = (0..self.names.len()).collect();
        order.sort_by(|&a, &b| {
            let (na, nb) = (&self.names[a].0, &self.names[b].0);
            na.to_lowercase().cmp(&nb.to_lowercase()).then(na.cmp(nb))
        });
        let sources: Vec<String> = order
            .iter()
            .map(|&i| slug_source(&self.names[i].0, self.names[i].1))
            .collect();
        let slugs = unique_slugs(sources.iter().map(String::as_str));
        let mut remap = vec![TermId::default(); self.names.len()];
        let mut terms = Vec::with_capacity(order.len());
        for (position, (&i, slug)) in order.iter().zip(slugs).enumerate() {
            remap[i] = TermId::new(position);
            let (name, entry) = self.names[i].clone();
            terms.push(Term::new(slug, name, entry));
        }
        (terms, remap)
    }
}

/// The provisional outlet term of `name`, resolved once per spelling.
fn outlet_term<'a>(
    memo: &mut FxHashMap<&'a str, usize>,
    name: &'a str,
    index: &HashMap<String, usize>,
    outlets: &mut TermBuilder,
) -> usize {
    *memo
        .entry(name)
        .or_insert_with(|| match index.get(&normalise(name)) {
            Some(&i) => i,
            None => outlets.uncurated(name),
        })
}

/// An article's (actors, topics, outlet, publisher) as provisional term indices.
type ProvisionalLinks = (Vec<usize>, Vec<usize>, Option<usize>, Option<usize>);

/// Resolves and cross-links the loaded book, reporting link problems as warnings.
pub fn link(book: Book) -> (LinkedBook, Diagnostics) {
    link_with(book, LinkOptions::default())
}

/// Resolves and cross-links the loaded book. Problems (unknown topics, unknown actors) are
/// reported as diagnostics located in the article's front matter; links and annotations in the
/// text as diagnostics located in the body, errors when `options.strict`.
pub fn link_with(book: Book, options: LinkOptions) -> (LinkedBook, Diagnostics) {
    link_book(book, options, None, None)
}

/// [`link_with`], handing each article body's parse, links spliced in, to `sink` as it is
/// scanned: a one-off build renders the bodies from it, so no body is parsed twice.
pub fn link_with_sink(
    book: Book,
    options: LinkOptions,
    sink: bodies::BodySink<'_>,
) -> (LinkedBook, Diagnostics) {
    link_book(book, options, None, Some(sink))
}

/// [`link_with`], reusing the article scans `cache` kept from an earlier link of the same book
/// where they are still valid, and keeping this link's scans there. The result is the same as
/// [`link_with`]'s.
pub fn link_with_cache(
    book: Book,
    options: LinkOptions,
    cache: &mut LinkCache,
) -> (LinkedBook, Diagnostics) {
    link_book(book, options, Some(cache), None)
}

/// Links the book in phases: names resolved to terms, terms filed with their articles in the
/// chronology, the structure of co-occurrences and related articles (reused from `cache` when
/// the terms did not move), then the texts scanned.
fn link_book(
    book: Book,
    options: LinkOptions,
    cache: Option<&mut LinkCache>,
    sink: Option<bodies::BodySink<'_>>,
) -> (LinkedBook, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let resolved = resolve_names(&book, &mut diagnostics);
    let (mut actor_terms, actor_map) = resolved.actors.finish(|name, _| name.to_string());
    let (mut topic_terms, topic_map) = resolved.topics.finish(|name, entry| match entry {
        Some(i) => book.topics[i].slug.clone(),
        None => name.to_string(),
    });
    let (mut outlet_terms, outlet_map) = resolved.outlets.finish(|name, _| name.to_string());
    let mut links = final_links(resolved.links, &actor_map, &topic_map, &outlet_map);
    let chronology = chronology(&book);
    let year_numbers = year_numbers(&book);
    let mut year_terms: Vec<Term> = year_numbers
        .iter()
        .map(|y| Term::new(format!("{y:04}"), format!("{y:04}"), None))
        .collect();
    let undated = file_articles(
        &book,
        &chronology,
        &year_numbers,
        &mut links,
        [
            &mut actor_terms,
            &mut topic_terms,
            &mut outlet_terms,
            &mut year_terms,
        ],
    );

    let mut cache = cache;
    // The scan's name matcher is made beside the co-occurrences, not after them on one core
    // with the other idle. Scans kept in a cache may need none.
    let fresh = cache.is_none();
    let (structure, matcher) = rayon::join(
        || {
            structure(
                cache.as_deref_mut(),
                &links,
                [&actor_terms, &topic_terms, &outlet_terms, &year_terms],
            )
        },
        || {
            fresh.then(|| {
                mentions::NameMatcher::new(&actor_terms, &actor_aliases(&book, &actor_terms))
            })
        },
    );
    apply_structure(
        structure,
        &mut links,
        [
            &mut actor_terms,
            &mut topic_terms,
            &mut outlet_terms,
            &mut year_terms,
        ],
    );

    let scans = match cache {
        Some(cache) => Scans::Cached(cache),
        None => Scans::Fresh,
    };
    let tools = ScanTools::new(&book, &actor_terms, &topic_terms, matcher);
    let (introduction_markdown, backlinks) = scan_texts(
        &book,
        &tools,
        &chronology,
        scans,
        &mut links,
        (options, sink),
        &mut diagnostics,
    );
    drop(tools);
    diagnostics.sort();
    let linked = LinkedBook {
        book,
        links,
        chronology,
        actors: actor_terms,
        topics: topic_terms,
        outlets: outlet_terms,
        years: year_terms,
        undated,
        backlinks,
        introduction_markdown,
    };
    (linked, diagnostics)
}

/// Scans every article's text for links, mentions, annotations and quotations, and collects
/// the backlinks; returns the introduction with its links resolved, and the backlinks.
fn scan_texts(
    book: &Book,
    tools: &ScanTools<'_>,
    chronology: &[ArticleId],
    scans: Scans<'_>,
    links: &mut [ArticleLinks],
    (options, sink): (LinkOptions, Option<bodies::BodySink<'_>>),
    diagnostics: &mut Diagnostics,
) -> (Option<String>, Backlinks) {
    let (actor_terms, topic_terms) = (tools.actor_terms, tools.topic_terms);
    // Quotation words are found after the scan only when at most half the articles can be quoted
    // on an actor page: then the second look costs less than the words it saves.
    let words_later = options.one_off && actor_terms.len() * QUOTES_SHOWN * 2 < book.articles.len();
    let introduction_markdown = link_texts(
        book,
        tools,
        scans,
        links,
        (options, sink),
        !words_later,
        diagnostics,
    );
    let backlinks = backlinks::collect(links, chronology, actor_terms.len(), topic_terms.len());
    if words_later {
        find_shown_quote_words(book, tools, options, links, &backlinks);
    }
    (introduction_markdown, backlinks)
}

/// Every article's names resolved to provisional terms, with the taxonomies being built.
struct ResolvedNames {
    actors: TermBuilder,
    topics: TermBuilder,
    outlets: TermBuilder,
    /// Per article.
    links: Vec<ProvisionalLinks>,
}

/// Resolves the actors, topics, outlet and publisher each article's front matter names to
/// provisional term indices, before sorting assigns final positions, and reports the names the
/// curated lists lack. Names repeat across articles: each distinct spelling is resolved once, as
/// (term, curated).
fn resolve_names(book: &Book, diagnostics: &mut Diagnostics) -> ResolvedNames {
    let indexes = NameIndexes::new(book);
    let outlet_index = name_index(book.outlets.iter().enumerate().map(|(i, o)| {
        (
            i,
            std::iter::once(o.name.as_str()).chain(o.aliases.iter().map(String::as_str)),
        )
    }));
    let mut actors = TermBuilder::new(book.actors.iter().map(|a| a.name.clone()));
    let mut topics = TermBuilder::new(book.topics.iter().map(|t| t.title.clone()));
    let mut outlets = TermBuilder::new(book.outlets.iter().map(|o| o.name.clone()));
    let mut actor_names: FxHashMap<&str, (usize, bool)> = FxHashMap::default();
    let mut topic_names: FxHashMap<&str, (usize, bool)> = FxHashMap::default();
    let mut outlet_names: FxHashMap<&str, usize> = FxHashMap::default();
    let mut links: Vec<ProvisionalLinks> = Vec::with_capacity(book.articles.len());
    for article in &book.articles {
        let front = &article.front;
        let mut article_actors = Vec::new();
        for name in &front.actors {
            let (term, curated) =
                *actor_names
                    .entry(name)
                    .or_insert_with(|| match indexes.actor(name) {
                        Some(i) => (i, true),
                        None => (actors.uncurated(name), false),
                    });
            if !curated && !book.actors.is_empty() {
                diagnostics.push(unknown_actor(article, name));
            }
            if !article_actors.contains(&term) {
                article_actors.push(term);
            }
        }
        let mut article_topics = Vec::new();
        for topic in &front.topics {
            let (term, curated) =
                *topic_names
                    .entry(topic)
                    .or_insert_with(|| match indexes.topic(topic) {
                        Some(i) => (i, true),
                        None => (topics.uncurated(topic), false),
                    });
            if !curated && book.topics_curated {
                diagnostics.push(unknown_topic(book, article, topic));
            }
            if !article_topics.contains(&term) {
                article_topics.push(term);
            }
        }
        let outlet = (!front.outlet.trim().is_empty()).then(|| {
            outlet_term(
                &mut outlet_names,
                &front.outlet,
                &outlet_index,
                &mut outlets,
            )
        });
        let publisher = front
            .publisher
            .as_deref()
            .map(|p| outlet_term(&mut outlet_names, p, &outlet_index, &mut outlets));
        links.push((article_actors, article_topics, outlet, publisher));
    }
    ResolvedNames {
        actors,
        topics,
        outlets,
        links,
    }
}

/// Each article's links with its terms at their final (sorted) positions; a publisher that is
/// the outlet itself is dropped.
fn final_links(
    provisional: Vec<ProvisionalLinks>,
    actor_map: &[TermId],
    topic_map: &[TermId],
    outlet_map: &[TermId],
) -> Vec<ArticleLinks> {
    provisional
        .into_iter()
        .map(|(a, t, o, p)| {
            let mut actors: Vec<TermId> = a.into_iter().map(|i| actor_map[i]).collect();
            let mut topics: Vec<TermId> = t.into_iter().map(|i| topic_map[i]).collect();
            actors.sort_unstable();
            topics.sort_unstable();
            ArticleLinks {
                actors,
                topics,
                outlet: o.map(|o| outlet_map[o]),
                publisher: p
                    .map(|i| outlet_map[i])
                    .filter(|&p| Some(p) != o.map(|o| outlet_map[o])),
                ..ArticleLinks::default()
            }
        })
        .collect()
}

/// The years of the dated articles, ascending.
fn year_numbers(book: &Book) -> Vec<i32> {
    let mut year_numbers: Vec<i32> = book
        .articles
        .iter()
        .filter_map(|a| a.front.date.map(|d| d.year()))
        .collect();
    year_numbers.sort_unstable();
    year_numbers.dedup();
    year_numbers
}

/// Gives each article its place in the chronology (with previous and next) and its year, and
/// files it under its terms in chronological order (the year terms parallel to
/// `year_numbers`); returns the undated articles.
fn file_articles(
    book: &Book,
    chronology: &[ArticleId],
    year_numbers: &[i32],
    links: &mut [ArticleLinks],
    [actor_terms, topic_terms, outlet_terms, year_terms]: [&mut Vec<Term>; 4],
) -> Vec<ArticleId> {
    let mut undated = Vec::new();
    for (position, &i) in chronology.iter().enumerate() {
        let link = &mut links[i.index()];
        link.position = position;
        link.previous = position.checked_sub(1).map(|p| chronology[p]);
        link.next = chronology.get(position + 1).copied();
        for &a in &link.actors {
            actor_terms[a.index()].articles.push(i);
        }
        for &t in &link.topics {
            topic_terms[t.index()].articles.push(i);
        }
        if let Some(o) = link.outlet {
            outlet_terms[o.index()].articles.push(i);
        }
        if let Some(p) = link.publisher {
            outlet_terms[p.index()].articles.push(i);
        }
        match book.articles[i.index()].front.date {
            Some(date) => {
                let y = year_numbers
                    .binary_search(&date.year())
                    .expect("every year was collected");
                link.year = Some(TermId::new(y));
                year_terms[y].articles.push(i);
            }
            None => undated.push(i),
        }
    }
    undated
}

/// The co-occurrences and related articles of the book: kept in `cache` from an earlier link
/// whose terms and chronology were the same, else computed (and kept there).
fn structure(
    cache: Option<&mut LinkCache>,
    links: &[ArticleLinks],
    taxonomies: [&[Term]; 4],
) -> Structure {
    let Some(cache) = cache else {
        return cross_links(links, taxonomies);
    };
    let key = structure_key(links, taxonomies.map(<[Term]>::len));
    if let Some(kept) = cache.structure(&key) {
        return kept.clone();
    }
    let structure = cross_links(links, taxonomies);
    cache.keep_structure(key, structure.clone());
    structure
}

/// Puts each term's co-occurring actors and topics, and each article's related articles, in
/// their places.
fn apply_structure(
    structure: Structure,
    links: &mut [ArticleLinks],
    taxonomies: [&mut Vec<Term>; 4],
) {
    for (terms, co) in taxonomies.into_iter().zip(structure.co_occurring) {
        for (term, (co_actors, co_topics)) in terms.iter_mut().zip(co) {
            term.co_actors = co_actors;
            term.co_topics = co_topics;
        }
    }
    for (link, related) in links.iter_mut().zip(structure.related) {
        link.related = related;
    }
}

/// How many quotations of an actor (the newest) its page shows.
pub const QUOTES_SHOWN: usize = 40;

/// Finds again, with their words, the quotations of the articles an actor page quotes, which a
/// one-off build scanned without words. A big book has over ten quotations per article (1.6
/// million at 100,000 articles, some 100 MB of words) but shows only each actor's newest few;
/// the server keeps them all, as an edit may bring an older one into view.
fn find_shown_quote_words(
    book: &Book,
    tools: &ScanTools<'_>,
    options: LinkOptions,
    links: &mut [ArticleLinks],
    backlinks: &Backlinks,
) {
    use rayon::prelude::*;
    let mut quoted = vec![false; links.len()];
    for actor in TermId::all(backlinks.quotes.len()) {
        for &(article, _) in backlinks.shown_quotes(actor) {
            quoted[article.index()] = true;
        }
    }
    let scanner = tools.scanner(options, true, None);
    links
        .par_iter_mut()
        .zip(&book.articles)
        .zip(quoted)
        .filter(|(_, quoted)| *quoted)
        .for_each(|((link, article), _)| link.quotes = scanner.quotations(&article.body));
}

/// What scanning needs of the whole book, made once per link.
struct ScanTools<'a> {
    resolver: wikilinks::Resolver<'a>,
    aliases: Vec<&'a [String]>,
    actor_terms: &'a [Term],
    topic_terms: &'a [Term],
    /// Made only when an article is scanned: with every scan kept, none is.
    matcher: std::sync::OnceLock<mentions::NameMatcher>,
}

impl<'a> ScanTools<'a> {
    /// The tools for `book`, with the name matcher when it was made already.
    fn new(
        book: &'a Book,
        actor_terms: &'a [Term],
        topic_terms: &'a [Term],
        matcher: Option<mentions::NameMatcher>,
    ) -> Self {
        ScanTools {
            resolver: resolver(book, actor_terms, topic_terms),
            aliases: actor_aliases(book, actor_terms),
            actor_terms,
            topic_terms,
            matcher: matcher.map_or_else(std::sync::OnceLock::new, std::sync::OnceLock::from),
        }
    }

    /// A scanner for a link with `options`; `quote_words` as [`bodies::Scanner::quote_words`].
    fn scanner<'s>(
        &'s self,
        options: LinkOptions,
        quote_words: bool,
        sink: Option<bodies::BodySink<'s>>,
    ) -> bodies::Scanner<'s> {
        bodies::Scanner {
            resolver: &self.resolver,
            matcher: self
                .matcher
                .get_or_init(|| mentions::NameMatcher::new(self.actor_terms, &self.aliases)),
            strict: options.strict,
            quote_words,
            keep_text: !options.one_off,
            sink,
        }
    }
}

/// The extra names of each actor term (its curated aliases).
fn actor_aliases<'a>(book: &'a Book, actor_terms: &[Term]) -> Vec<&'a [String]> {
    actor_terms
        .iter()
        .map(|t| {
            t.entry
                .map_or(&[][..], |e| book.actors[e].aliases.as_slice())
        })
        .collect()
}

/// The curated slug of each topic term.
fn topic_slugs<'a>(book: &'a Book, topic_terms: &[Term]) -> Vec<Option<&'a str>> {
    topic_terms
        .iter()
        .map(|t| t.entry.map(|e| book.topics[e].slug.as_str()))
        .collect()
}

/// A resolver for `[[…]]` links over the linked terms, for texts `render` resolves itself
/// (term descriptions, whose pages sit at different depths).
pub fn resolver<'a>(
    book: &'a Book,
    actor_terms: &'a [Term],
    topic_terms: &'a [Term],
) -> wikilinks::Resolver<'a> {
    let aliases = actor_aliases(book, actor_terms);
    let topic_slugs = topic_slugs(book, topic_terms);
    wikilinks::Resolver::new(
        &book.articles,
        actor_terms,
        &aliases,
        topic_terms,
        &topic_slugs,
    )
}

/// Where an article's scan comes from.
enum Scans<'c> {
    /// Scanned from the book's bodies.
    Fresh,
    /// Kept in the cache while still valid, else scanned and kept there.
    Cached(&'c mut LinkCache),
}

/// Scans every article's text (in parallel) for links, mentions, annotations and quotations, and
/// resolves the links of the book's introduction, which it returns.
fn link_texts(
    book: &Book,
    tools: &ScanTools<'_>,
    scans: Scans<'_>,
    links: &mut [ArticleLinks],
    (options, sink): (LinkOptions, Option<bodies::BodySink<'_>>),
    quote_words: bool,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    use rayon::prelude::*;
    let resolver = &tools.resolver;
    let scan = |article: &crate::model::Article, own: &[TermId]| {
        tools.scanner(options, quote_words, None).scan(article, own)
    };
    let scanned: Vec<bodies::Scanned> = match scans {
        Scans::Fresh => {
            let scanner = tools.scanner(options, quote_words, sink);
            // One article a task: rayon's larger pieces left one core idle at the end.
            book.articles
                .par_iter()
                .zip(links.par_iter())
                .enumerate()
                .with_max_len(1)
                .map(|(i, (article, link))| {
                    scanner.scan_into(ArticleId::new(i), article, &link.actors)
                })
                .collect()
        }
        Scans::Cached(cache) => {
            let environment = cache::environment(
                tools.actor_terms,
                &tools.aliases,
                tools.topic_terms,
                &topic_slugs(book, tools.topic_terms),
                options.strict,
            );
            let own_actors: Vec<&[TermId]> = links.iter().map(|l| l.actors.as_slice()).collect();
            cache.scan_all(&book.articles, &own_actors, resolver, environment, scan)
        }
    };
    for (link, scanned) in links.iter_mut().zip(scanned) {
        apply_scan(link, scanned, options.one_off, diagnostics);
    }
    let introduction = book.introduction.as_ref()?;
    let (text, _, unresolved) = wikilinks::rewrite_text(resolver, introduction, "./");
    for link in unresolved {
        let message = format!("unresolved link `[[{}]]`", link.target);
        let diagnostic = if options.strict {
            Diagnostic::error(crate::load::INTRODUCTION_FILE, message)
        } else {
            Diagnostic::warning(crate::load::INTRODUCTION_FILE, message)
        };
        let (line, column) = crate::error::line_column(introduction, link.range.start);
        diagnostics.push(diagnostic.at(line, Some(column)));
    }
    Some(text)
}

/// Puts what a scan found into the article's links, and its problems among `diagnostics`.
fn apply_scan(
    link: &mut ArticleLinks,
    scanned: bodies::Scanned,
    one_off: bool,
    diagnostics: &mut Diagnostics,
) {
    link.body = if one_off {
        LinkedBody::Edits(scanned.edits)
    } else {
        LinkedBody::Text(scanned.body)
    };
    link.note_markdown = scanned.note;
    link.annotation_notes = scanned.annotation_notes;
    link.outgoing = scanned.outgoing;
    link.named_actors = scanned.named_actors;
    link.quotes = scanned.quotes;
    link.passages = scanned.passages;
    link.texts_hash = scanned.texts_hash;
    scanned
        .diagnostics
        .into_iter()
        .for_each(|d| diagnostics.push(d));
}

/// What co-occurrence and related articles are computed from: each article's terms and place in
/// the chronology, and how many terms each taxonomy has. Flat, so comparing two is cheap.
fn structure_key(links: &[ArticleLinks], term_counts: [usize; 4]) -> Vec<usize> {
    let mut key = Vec::with_capacity(4 + links.len() * 10);
    key.extend(term_counts);
    for link in links {
        key.push(link.actors.len());
        key.extend(link.actors.iter().map(|a| a.index()));
        key.push(link.topics.len());
        key.extend(link.topics.iter().map(|t| t.index()));
        key.push(link.outlet.map_or(0, |o| o.index() + 1));
        key.push(link.publisher.map_or(0, |p| p.index() + 1));
        key.push(link.year.map_or(0, |y| y.index() + 1));
        key.push(link.position);
    }
    key
}

/// A term's co-occurring actors and topics.
type CoOccurring = (Vec<CoOccurrence>, Vec<CoOccurrence>);

/// Co-occurring actors and topics of every term, and every article's related articles.
#[derive(Debug, Clone, Default)]
pub(crate) struct Structure {
    /// Per taxonomy (actor, topic, outlet, year), per term: (co-actors, co-topics).
    pub co_occurring: [Vec<CoOccurring>; 4],
    /// Per article.
    pub related: Vec<Vec<ArticleId>>,
}

fn cross_links(links: &[ArticleLinks], taxonomies: [&[Term]; 4]) -> Structure {
    use rayon::prelude::*;
    let co_occurring = std::array::from_fn(|t| {
        // Terms filed on the same articles (all the actors of a one-article story) co-occur
        // alike: counted once per distinct list of articles, not once per term.
        let mut distinct: FxHashMap<&[ArticleId], usize> = FxHashMap::default();
        for term in taxonomies[t] {
            let next = distinct.len();
            distinct.entry(term.articles.as_slice()).or_insert(next);
        }
        let mut lists: Vec<(&[ArticleId], usize)> =
            distinct.iter().map(|(l, i)| (*l, *i)).collect();
        lists.sort_unstable_by_key(|(_, i)| *i);
        let counted: Vec<CoOccurring> = lists
            .par_iter()
            .map(|(articles, _)| {
                (
                    co_occurring(articles, |a| &links[a.index()].actors),
                    co_occurring(articles, |a| &links[a.index()].topics),
                )
            })
            .collect();
        taxonomies[t]
            .par_iter()
            .enumerate()
            .map(|(i, term)| {
                let (mut co_actors, mut co_topics) =
                    counted[distinct[term.articles.as_slice()]].clone();
                // A term does not co-occur with itself.
                let own = TermId::new(i);
                match t {
                    0 => co_actors.retain(|co| co.term != own),
                    1 => co_topics.retain(|co| co.term != own),
                    _ => {}
                }
                (co_actors, co_topics)
            })
            .collect()
    });
    Structure {
        co_occurring,
        related: related::all(links, taxonomies[0], taxonomies[1]),
    }
}

/// The articles ordered by date, then slug; undated articles last.
fn chronology(book: &Book) -> Vec<ArticleId> {
    let mut order: Vec<ArticleId> = ArticleId::all(book.articles.len()).collect();
    let key = |i: ArticleId| -> (bool, Option<PartialDate>, &str) {
        let a = &book.articles[i.index()];
        (a.front.date.is_none(), a.front.date, a.slug.as_str())
    };
    order.sort_by(|&a, &b| key(a).cmp(&key(b)));
    order
}

/// The most frequent terms among `articles`, most frequent first, ties by term index.
fn co_occurring<'a>(
    articles: &[ArticleId],
    terms_of: impl Fn(ArticleId) -> &'a Vec<TermId>,
) -> Vec<CoOccurrence> {
    let mut counts: FxHashMap<TermId, usize> = FxHashMap::default();
    for &article in articles {
        for &term in terms_of(article) {
            *counts.entry(term).or_default() += 1;
        }
    }
    let mut counted: Vec<CoOccurrence> = counts
        .into_iter()
        .map(|(term, shared)| CoOccurrence { term, shared })
        .collect();
    let order =
        |a: &CoOccurrence, b: &CoOccurrence| b.shared.cmp(&a.shared).then(a.term.cmp(&b.term));
    // Only the first few are kept: select them before sorting, as an article naming thousands of
    // actors gives each of them thousands of co-occurring ones.
    let keep = CO_OCCURRENCE_COUNT + 1;
    if counted.len() > keep {
        counted.select_nth_unstable_by(keep - 1, order);
        counted.truncate(keep);
    }
    counted.sort_by(order);
    counted
}

/// A diagnostic pointing at `value` in the article's front matter (its first occurrence).
fn located(
    article: &crate::model::Article,
    value: &str,
    message: String,
    error: bool,
) -> Diagnostic {
    let diagnostic = if error {
        Diagnostic::error(&article.path, message)
    } else {
        Diagnostic::warning(&article.path, message)
    };
    match front_matter_position(article, value) {
        Some((line, column)) => diagnostic.at(line, Some(column)),
        None => diagnostic,
    }
}

/// 1-based file line and column of `value` in the article's front matter (which starts on line 2).
pub(crate) fn front_matter_position(
    article: &crate::model::Article,
    value: &str,
) -> Option<(usize, usize)> {
    let yaml = &article.front_matter_yaml;
    let offset = yaml.find(value)?;
    let (line, column) = crate::error::line_column(yaml, offset);
    Some((line + 1, column))
}
