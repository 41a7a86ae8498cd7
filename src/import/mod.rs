//! Import: raw scraped article text and saved web pages → Markdown articles with front matter.
//!
//! The pure part, [`import_text`] / [`import_html`], reads one input with an [`ImportContext`] (the
//! outlet, actor and topic matchers, built once) and returns an [`Imported`] article; [`run`] walks
//! the inputs, imports them in parallel and writes the files without ever clobbering an editor's work.
//! Each pass has its own module, all reading the shared line and block types of `doc`: `chrome`
//! (sorting lines into chrome, metadata and text), `clean`
//! (structure, line joins, captions), `headline` (title,
//! byline, dateline), `dates`, `outlets`, `actors` with `names`, `topics`, `markdown` (escaping),
//! `html` (readability extraction), `write` (front matter, hashes, re-import safety), `files` and
//! `report`.
//! From elsewhere: `expand` turns addresses (`fetch`), feeds (`feed`) and reference libraries
//! (`library`) into articles to import, `prepare` imports each, `fingerprint` knows one again
//! and `keep` keeps its source and writes files whole.

mod actors;
mod chrome;
mod clean;
mod dates;
mod doc;
mod expand;
mod feed;
mod fetch;
mod files;
mod fingerprint;
mod fold;
mod gazetteer;
mod headline;
mod html;
mod keep;
mod library;
mod markdown;
mod name_scan;
mod names;
mod openings;
mod outlets;
mod page_meta;
mod prepare;
mod report;
mod run;
mod title_line;
mod topics;
mod write;

use std::path::Path;

use crate::error::{Diagnostic, Error};
use crate::layout::{ACTORS_FILE, OUTLETS_FILE, TOPICS_FILE};
use crate::model::{ActorEntry, FrontMatter, OutletEntry, PartialDate, Review, TopicEntry};
use crate::yaml::parse_list;

pub use fetch::FetchConfig;
pub use report::{ImportReport, Outcome, Record};
pub use run::{run, ImportOptions};
pub use write::{render_article, stamp_matches};

/// The example book's outlets: what tests and benchmarks import against, with the registry.
pub const DEFAULT_OUTLETS: &str = include_str!("../../content/outlets.yaml");
/// The registry of news organisations shipped with briefbook; a book's `content/outlets.yaml`
/// adds to it and overrides its entries by name.
pub const REGISTRY_OUTLETS: &str = include_str!("registry/outlets.yaml");
/// The topic vocabulary shipped with briefbook, used when a book has no `content/topics.yaml`.
pub const DEFAULT_TOPICS: &str = include_str!("../../content/topics.yaml");

/// Everything import matches against, compiled once and shared by every file of a run.
pub struct ImportContext {
    outlets: outlets::OutletMatcher,
    /// Every outlet import knows (the book's first, then the registry's).
    outlet_entries: Vec<OutletEntry>,
    /// Index into `outlet_entries` by name key.
    outlet_by_key: std::collections::HashMap<String, usize>,
    /// Name keys of the outlets the book's own file lists, so import adds only what it lacks.
    book_outlets: std::collections::HashSet<String>,
    actors: actors::ActorMatcher,
    topics: topics::TopicMatcher,
}

impl ImportContext {
    /// Builds the matchers from the book's outlets (which override the registry's by name), actors
    /// and topics. Fails only on an outlet `layouts` pattern that is not a valid regex.
    pub fn new(
        book_outlets: &[OutletEntry],
        actors: &[ActorEntry],
        topics: &[TopicEntry],
    ) -> Result<Self, Diagnostic> {
        let outlet_entries = with_registry(book_outlets);
        Ok(ImportContext {
            outlets: outlets::OutletMatcher::new(&outlet_entries)?,
            book_outlets: book_outlets
                .iter()
                .map(|o| outlets::name_key(&o.name))
                .collect(),
            outlet_by_key: outlet_entries
                .iter()
                .enumerate()
                .rev()
                .map(|(i, o)| (outlets::name_key(&o.name), i))
                .collect(),
            outlet_entries,
            actors: actors::ActorMatcher::new(actors),
            topics: topics::TopicMatcher::new(topics),
        })
    }

    /// Reads the book's outlets, actors and topics; a missing topics file falls back to the
    /// shipped vocabulary so a fresh book imports well from the first run.
    pub fn load(root: &Path) -> Result<Self, Error> {
        let outlets: Vec<OutletEntry> = read_list(root, OUTLETS_FILE, "")?;
        let actors: Vec<ActorEntry> = read_list(root, ACTORS_FILE, "")?;
        let topics: Vec<TopicEntry> = read_list(root, TOPICS_FILE, DEFAULT_TOPICS)?;
        Self::new(&outlets, &actors, &topics)
            .map_err(|d| Error::Content(crate::error::Diagnostics(vec![d])))
    }

    /// The example book's outlets and shipped topics with the given actors; what tests and
    /// benchmarks use.
    pub fn with_defaults(actors: &[ActorEntry]) -> Self {
        let outlets: Vec<OutletEntry> =
            parse_list(Path::new(OUTLETS_FILE), DEFAULT_OUTLETS).expect("shipped outlets parse");
        let topics: Vec<TopicEntry> =
            parse_list(Path::new(TOPICS_FILE), DEFAULT_TOPICS).expect("shipped topics parse");
        Self::new(&outlets, actors, &topics).expect("shipped outlet layouts compile")
    }

    /// The entry to add to the book's outlets file for `name`, when the book lacks it: the
    /// registry's entry, or a new one for the editor to check.
    fn outlet_to_add(&self, name: &str, proposed: bool) -> Option<OutletEntry> {
        let key = outlets::name_key(name);
        if key.is_empty() || self.book_outlets.contains(&key) {
            return None;
        }
        if proposed {
            return Some(OutletEntry {
                name: name.to_string(),
                review: true,
                ..OutletEntry::default()
            });
        }
        self.outlet_by_key
            .get(&key)
            .map(|&i| &self.outlet_entries[i])
            .map(|o| OutletEntry {
                layouts: Vec::new(),
                signatures: Vec::new(),
                ..o.clone()
            })
    }

    /// Whether `name` is already in the actors file, as a name or an alias.
    fn knows_actor(&self, name: &str) -> bool {
        self.actors.canonical(name).is_some()
    }
}

/// Builds the passes' patterns (regexes, automata, word lists) as tasks on the thread pool: left
/// to the first inputs, the threads would wait on each other for the same pattern, one building
/// while the others stand idle. A run does this while it reads the book's own files.
pub(crate) fn warm_up() {
    use rayon::prelude::*;
    let tasks: Vec<fn()> = [
        actors::patterns(),
        chrome::patterns(),
        title_line::patterns(),
        headline::patterns(),
        clean::patterns(),
        names::patterns(),
        outlets::patterns(),
        dates::patterns(),
    ]
    .concat();
    tasks.par_iter().for_each(|build| build());
}

/// The book's outlets followed by the registry's, minus registry entries the book overrides (same
/// name or alias). A book entry that does not say what kind of outlet it is keeps the kind of the
/// registry entry it overrides: a book's short list of agencies is still a list of wires.
fn with_registry(book: &[OutletEntry]) -> Vec<OutletEntry> {
    static REGISTRY: std::sync::LazyLock<Vec<OutletEntry>> = std::sync::LazyLock::new(|| {
        parse_list(Path::new("outlet registry"), REGISTRY_OUTLETS).expect("the registry parses")
    });
    let names = |o: &OutletEntry| {
        std::iter::once(o.name.clone())
            .chain(o.aliases.iter().cloned())
            .map(|n| outlets::name_key(&n))
            .collect::<Vec<_>>()
    };
    let overridden: std::collections::HashSet<String> = book.iter().flat_map(names).collect();
    static KINDS: std::sync::LazyLock<std::collections::HashMap<String, String>> =
        std::sync::LazyLock::new(|| {
            let mut kinds = std::collections::HashMap::new();
            for entry in REGISTRY.iter() {
                for key in std::iter::once(&entry.name).chain(&entry.aliases) {
                    if let Some(kind) = &entry.kind {
                        kinds
                            .entry(outlets::name_key(key))
                            .or_insert_with(|| kind.clone());
                    }
                }
            }
            kinds
        });
    let mut all = book.to_vec();
    for entry in all.iter_mut().filter(|o| o.kind.is_none()) {
        entry.kind = names(entry).iter().find_map(|k| KINDS.get(k).cloned());
    }
    all.extend(
        REGISTRY
            .iter()
            .filter(|o| {
                !std::iter::once(&o.name)
                    .chain(&o.aliases)
                    .any(|n| overridden.contains(&outlets::name_key(n)))
            })
            .cloned(),
    );
    all
}

fn read_list<T: serde::de::DeserializeOwned>(
    root: &Path,
    name: &str,
    default: &str,
) -> Result<Vec<T>, Error> {
    let path = root.join(name);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => default.to_string(),
        Err(e) => return Err(Error::io(&path, e)),
    };
    parse_list(Path::new(name), &text)
        .map_err(|d| Error::Content(crate::error::Diagnostics(vec![d])))
}

/// What a web page told us beyond its text: its own metadata, which outranks guesses from the text.
#[derive(Debug, Clone, Default)]
pub struct PageHints {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    /// When the page was saved (`2024-05-06T10:22:11` or `2024-05-06`), as the saving tool
    /// recorded it: what a relative stamp ("7 hours ago") counts back from.
    pub captured: Option<String>,
    /// The article's images, in reading order; the text marks where each stands.
    pub figures: Vec<Figure>,
}

/// An image of the article: its absolute address, alt text and caption.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figure {
    pub src: String,
    pub alt: String,
    pub caption: String,
}

/// A person named in an article who is not yet in `content/actors.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActor {
    pub name: String,
    /// The title the text gives them, e.g. `Vice Foreign Minister`.
    pub role: Option<String>,
    /// The organisation of that title when the text says it, e.g. `North Korea`.
    pub organisation: Option<String>,
}

/// One imported article, before it is written.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Front matter without the `imported` stamp (the writer adds it).
    pub front: FrontMatter,
    /// Markdown body: escaped paragraphs separated by blank lines.
    pub body: String,
    /// People found in the text who are not in the actors file yet.
    pub new_actors: Vec<NewActor>,
    /// The outlet's entry, when the book's outlets file lacks it (from the registry, or proposed).
    pub new_outlet: Option<OutletEntry>,
    /// Things the editor should know that are not fields (e.g. a lossy decode).
    pub warnings: Vec<String>,
}

impl Imported {
    /// `YYYY-MM-DD-slug`, `YYYY-MM-slug`, `YYYY-slug` or just `slug` when undated.
    pub fn file_stem(&self) -> String {
        let slug = title_slug(&self.front.title);
        match self.front.date {
            Some(date) => format!("{date}-{slug}"),
            None => slug,
        }
    }
}

/// A slug from the headline, cut at a word boundary so file names stay readable.
fn title_slug(title: &str) -> String {
    let full = crate::slug::slugify(title);
    let mut out = String::new();
    for word in full.split('-') {
        if !out.is_empty() && out.len() + word.len() + 1 > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

/// Imports raw article text. `source` is recorded in the front matter as where it came from.
pub fn import_text(text: &str, source: &str, ctx: &ImportContext) -> Imported {
    import_document(text, &PageHints::default(), source, ctx)
}

/// Imports a saved web page: readability extraction, then the same passes as text, with the page's
/// own metadata (title, byline, published time, canonical URL) taking precedence.
pub fn import_html(page: &str, source: &str, ctx: &ImportContext) -> Result<Imported, String> {
    import_html_with(page, source, ctx, &PageHints::default())
}

/// Imports a saved web page whose metadata known from elsewhere (a feed's item, a library's
/// record) counts as the page's own where the page is silent.
pub(crate) fn import_html_with(
    page: &str,
    source: &str,
    ctx: &ImportContext,
    known: &PageHints,
) -> Result<Imported, String> {
    let (text, mut hints, warning) = html::extract(page)?;
    for (field, value) in [
        (&mut hints.title, &known.title),
        (&mut hints.byline, &known.byline),
        (&mut hints.site_name, &known.site_name),
        (&mut hints.published, &known.published),
        (&mut hints.url, &known.url),
    ] {
        if field.is_none() {
            field.clone_from(value);
        }
    }
    let mut imported = import_document(&text, &hints, source, ctx);
    imported.warnings.extend(warning);
    Ok(imported)
}

fn import_document(text: &str, hints: &PageHints, source: &str, ctx: &ImportContext) -> Imported {
    let normalized = clean::normalize(text);
    let mut doc = clean::clean(&normalized, hints.title.as_deref(), &ctx.outlets);
    // Each figure's block carries its caption from here on, so people and topics named only in a
    // caption are found as in any other caption.
    for block in &mut doc.blocks {
        if let doc::Block::Figure(n, text) = block {
            *text = hints
                .figures
                .get(*n)
                .map(|f| f.caption.clone())
                .unwrap_or_default();
        }
    }
    let mut review = Review::default();

    let title = match headline::title(&doc, hints, &ctx.outlets) {
        Some(title) => {
            if hints.title.is_none() && !doc.title_sure {
                review.push(
                    "title",
                    "the headline was picked from the text's first lines; no line stood out clearly",
                );
            }
            title
        }
        None => {
            review.push(
                "title",
                "no headline found: this is the lead sentence, cut short",
            );
            headline::fallback_title(&doc)
        }
    };
    let url = hints
        .url
        .clone()
        .or_else(|| doc.url())
        .filter(|u| u.len() < 500);
    let byline = headline::byline(&doc, hints, &ctx.outlets);
    let dateline = headline::dateline(&doc);

    let outlet = ctx.outlets.identify(&doc, hints, url.as_deref());
    match &outlet.outlet {
        None => review.push(
            "outlet",
            "no outlet is named in the page, its address, a dateline, byline or credit line",
        ),
        // A name no outlets file knows is flagged below as proposed, not as a passing mention.
        Some(_) if outlet.weak && !outlet.proposed => review.push(
            "outlet",
            "the outlet is named only in passing (an interview credit, a copyright line or the lead), not as the article's source",
        ),
        Some(_) => {}
    }
    let new_outlet = outlet
        .outlet
        .as_deref()
        .and_then(|name| ctx.outlet_to_add(name, outlet.proposed));
    if let Some(added) = new_outlet.as_ref().filter(|o| o.review) {
        review.push(
            "outlet",
            format!(
                "`{}` is in no outlets file: import proposed it in outlets.yaml",
                added.name
            ),
        );
    }

    let found_date = dates::find(&doc, hints, url.as_deref());
    match &found_date {
        None => review.push(
            "date",
            "no publication date found in the page, its address or the text",
        ),
        Some((PartialDate::Day(_), true)) => {}
        Some((PartialDate::Day(_), false)) => review.push(
            "date",
            "the date was inferred (a dateline's day with the year from elsewhere, or a date near the text), not printed as the publication date",
        ),
        Some(_) => review.push("date", "only the month or the year is known"),
    }

    let year = found_date.as_ref().map(|(date, _)| date.year());
    let people = actors::find(&doc, &title, &byline, year, ctx);
    if !people.new.is_empty() {
        let names: Vec<&str> = people.new.iter().map(|a| a.name.as_str()).collect();
        review.push(
            "actors",
            format!(
                "new to actors.yaml (added there for review): {}",
                names.join(", ")
            ),
        );
    }
    let topics = ctx.topics.suggest(&title, &doc.blocks);
    if topics.is_empty() {
        review.push("topics", "no topic's keywords occur in the article");
    }

    let front = FrontMatter {
        title,
        outlet: outlet.outlet.unwrap_or_default(),
        publisher: outlet.publisher,
        date: found_date.map(|(date, _)| date),
        dateline,
        byline,
        actors: people.names,
        topics,
        url,
        source: Some(source.to_string()),
        summary: None,
        note: None,
        annotations: Vec::new(),
        review,
        draft: false,
        aliases: Vec::new(),
        imported: None,
    };
    Imported {
        front,
        body: markdown::body(&doc.blocks, &hints.figures),
        new_actors: people.new,
        new_outlet,
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_parses_and_names_each_outlet_once() {
        let registry: Vec<OutletEntry> =
            parse_list(Path::new("outlet registry"), REGISTRY_OUTLETS).unwrap();
        assert!(registry.len() >= 300, "{} outlets", registry.len());
        let mut seen = std::collections::HashSet::new();
        for outlet in &registry {
            for name in std::iter::once(&outlet.name).chain(&outlet.aliases) {
                assert!(
                    seen.insert(outlets::name_key(name)),
                    "`{name}` names two outlets"
                );
            }
        }
        // Every kind of organisation the issue names is there: wires, papers, broadcasters,
        // government press offices, aggregators.
        for kind in [
            "wire",
            "newspaper",
            "broadcaster",
            "government",
            "aggregator",
        ] {
            assert!(
                registry.iter().any(|o| o.kind.as_deref() == Some(kind)),
                "no {kind}"
            );
        }
    }

    #[test]
    fn a_books_outlet_overrides_the_registry_entry_it_names() {
        let book = vec![OutletEntry {
            name: "Reuters News".to_string(),
            aliases: vec!["Reuters".to_string()],
            ..OutletEntry::default()
        }];
        let all = with_registry(&book);
        assert_eq!(all[0].name, "Reuters News");
        assert!(!all[1..]
            .iter()
            .any(|o| o.aliases.iter().any(|a| a == "Reuters") || o.name == "Reuters"));
    }
}
