//! The data templates see. Summaries of every article and term are computed once per build and
//! shared by all pages, so a page's context costs only what it shows.

use serde::Serialize;

use crate::link::{ArticleId, LinkedBook, Taxonomy, Term, TermId};
use crate::model::Article;

/// A link to another page: its name and its path from the site root (e.g. `actors/moon-jae-in/`).
/// Shared strings, because every article summary holds the links of its terms: copies of them
/// weighed some 50 MB at 100,000 articles.
#[derive(Debug, Clone)]
pub struct Link {
    pub name: std::sync::Arc<str>,
    pub path: std::sync::Arc<str>,
    /// The link as templates see it, made once: a template's context takes it as it is, where
    /// serialising it anew copied both strings into a new map for every article page, timeline
    /// entry and printed article listing the term.
    value: tera::Value,
}

/// What templates see of a [`Link`].
#[derive(Serialize)]
struct LinkFields<'a> {
    name: &'a str,
    path: &'a str,
}

impl Link {
    pub fn new(name: std::sync::Arc<str>, path: std::sync::Arc<str>) -> Link {
        let value = tera::Value::from_serializable(&LinkFields {
            name: &name,
            path: &path,
        });
        Link { name, path, value }
    }
}

impl PartialEq for Link {
    fn eq(&self, other: &Link) -> bool {
        (&self.name, &self.path) == (&other.name, &other.path)
    }
}

impl Serialize for Link {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Into a template's context, tera takes the value itself; anything else (a JSON test
        // of an entry's text) gets the same two fields.
        self.value.serialize(serializer)
    }
}

/// A term with how many articles it has, for lists and co-occurrence panels.
#[derive(Debug, Clone, Serialize)]
pub struct CountedLink {
    pub name: String,
    pub path: String,
    pub count: usize,
}

impl ArticleSummary {
    /// The outlet's name, or nothing while the outlet awaits the editor.
    pub fn outlet_name(&self) -> &str {
        self.outlet.as_ref().map_or("", |o| &*o.name)
    }
}

/// What a list entry shows of an article.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary {
    pub slug: String,
    pub path: String,
    pub title: String,
    /// `None` while the outlet awaits the editor.
    pub outlet: Option<Link>,
    /// Human date: `7 February 2017`, `February 2017`, `2017`, or empty when undated.
    pub date: String,
    /// Machine date for `<time datetime>`.
    pub date_iso: String,
    pub actors: Vec<Link>,
    pub topics: Vec<Link>,
    pub summary: Option<String>,
}

/// An article as an entry of a list (term pages, years, related, previous/next) shows it: the
/// summary without its actor and topic links. Lists are most of a big book's output (a term page
/// may list thousands of articles), and tera copies every value it is given, so entries carry only
/// what the default list item shows. The timeline and the article page get full summaries.
#[derive(Debug, Clone, Copy)]
pub struct ListItem<'a>(pub &'a ArticleSummary);

impl Serialize for ListItem<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let a = self.0;
        let mut item = serializer.serialize_struct("ListItem", 7)?;
        item.serialize_field("slug", &a.slug)?;
        item.serialize_field("path", &a.path)?;
        item.serialize_field("title", &a.title)?;
        item.serialize_field("outlet", &a.outlet)?;
        item.serialize_field("date", &a.date)?;
        item.serialize_field("date_iso", &a.date_iso)?;
        item.serialize_field("summary", &a.summary)?;
        item.end()
    }
}

/// The site-wide values every page gets.
#[derive(Debug, Clone, Serialize)]
pub struct SiteInfo {
    pub title: String,
    pub description: String,
    pub editors: Vec<String>,
    pub language: String,
    pub base_url: Option<String>,
    pub article_count: usize,
    pub generator: &'static str,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of month `month` (1–12), for citation styles, which are English.
pub fn month_name(month: u32) -> &'static str {
    MONTHS[month as usize - 1]
}

pub fn article_path(article: &Article) -> String {
    format!("articles/{}/", article.slug)
}

pub fn term_path(taxonomy: Taxonomy, term: &Term) -> String {
    format!("{}/{}/", taxonomy.folder(), term.slug)
}

/// The link to every term of a taxonomy, in term order.
fn term_links(linked: &LinkedBook, taxonomy: Taxonomy) -> Vec<Link> {
    linked
        .terms(taxonomy)
        .iter()
        .map(|t| Link::new(t.name.as_str().into(), term_path(taxonomy, t).into()))
        .collect()
}

fn site_info(linked: &LinkedBook) -> SiteInfo {
    let config = &linked.book.config;
    SiteInfo {
        title: config.title.clone(),
        description: config.description.clone(),
        editors: config.editors.clone(),
        language: config.language.clone(),
        base_url: config.base_url(),
        article_count: linked.book.articles.len(),
        generator: concat!("briefbook ", env!("CARGO_PKG_VERSION")),
    }
}

/// Everything precomputed once per build.
pub struct Shared {
    pub site: SiteInfo,
    /// The interface's words in the book's language.
    pub strings: std::sync::Arc<super::i18n::Strings>,
    /// Read by article id through [`Shared::summary`], or all at once through
    /// [`Shared::summaries`].
    summaries: Vec<ArticleSummary>,
    pub actor_links: Vec<Link>,
    pub topic_links: Vec<Link>,
    pub outlet_links: Vec<Link>,
    pub year_links: Vec<Link>,
}

impl Shared {
    pub fn new(linked: &LinkedBook) -> Shared {
        let links_of = |taxonomy| term_links(linked, taxonomy);
        let actor_links = links_of(Taxonomy::Actor);
        let topic_links = links_of(Taxonomy::Topic);
        let outlet_links = links_of(Taxonomy::Outlet);
        let year_links = links_of(Taxonomy::Year);
        let mut shared = Shared {
            site: site_info(linked),
            strings: std::sync::Arc::new(super::i18n::Strings::for_config(&linked.book.config)),
            summaries: Vec::new(),
            actor_links,
            topic_links,
            outlet_links,
            year_links,
        };
        // On every core: a big book's summaries are otherwise the one serial step between
        // linking and rendering.
        shared.summaries = {
            use rayon::prelude::*;
            let shared = &shared;
            (0..linked.book.articles.len())
                .into_par_iter()
                .map(|i| shared.summary_of(linked, ArticleId::new(i)))
                .collect()
        };
        shared
    }

    /// The summaries of `linked` made from `previous`, those of the same book before the articles
    /// at `edited` changed: only theirs are made again when every term and article file is where
    /// it was (an editor's save), otherwise everything is, as [`Shared::new`] does. The server
    /// serves an edited page sooner for not summarising ten thousand articles again.
    pub fn updated(previous: Shared, linked: &LinkedBook, edited: &[ArticleId]) -> Shared {
        let articles = &linked.book.articles;
        let same_files = previous.summaries.len() == articles.len()
            && previous
                .summaries
                .iter()
                .zip(articles)
                .all(|(summary, article)| summary.slug == article.slug);
        let same_terms = same_files
            && Taxonomy::ALL
                .iter()
                .all(|&t| previous.links(t) == term_links(linked, t).as_slice());
        if !same_terms {
            return Shared::new(linked);
        }
        let mut shared = previous;
        shared.site = site_info(linked);
        shared.strings = std::sync::Arc::new(super::i18n::Strings::for_config(&linked.book.config));
        shared.refreshed(linked, edited)
    }

    /// These summaries after the articles at `edited` changed without moving a term, file or the
    /// book's settings (an editor's save, which the caller knows): only theirs are made again,
    /// and nothing else is compared.
    pub fn refreshed(mut self, linked: &LinkedBook, edited: &[ArticleId]) -> Shared {
        for &i in edited {
            self.summaries[i.index()] = self.summary_of(linked, i);
        }
        self
    }

    /// The summary of article `id`, from the term links already made.
    fn summary_of(&self, linked: &LinkedBook, id: ArticleId) -> ArticleSummary {
        let article = linked.article(id);
        let links = linked.links_of(id);
        ArticleSummary {
            slug: article.slug.clone(),
            path: article_path(article),
            title: article.front.title.clone(),
            outlet: links.outlet.map(|o| self.link(Taxonomy::Outlet, o).clone()),
            date: article
                .front
                .date
                .as_ref()
                .map(|d| self.strings.date(d))
                .unwrap_or_default(),
            date_iso: article
                .front
                .date
                .map(|d| d.to_string())
                .unwrap_or_default(),
            actors: links
                .actors
                .iter()
                .map(|&a| self.link(Taxonomy::Actor, a).clone())
                .collect(),
            topics: links
                .topics
                .iter()
                .map(|&t| self.link(Taxonomy::Topic, t).clone())
                .collect(),
            summary: article.front.summary.clone(),
        }
    }

    pub fn links(&self, taxonomy: Taxonomy) -> &[Link] {
        match taxonomy {
            Taxonomy::Actor => &self.actor_links,
            Taxonomy::Topic => &self.topic_links,
            Taxonomy::Outlet => &self.outlet_links,
            Taxonomy::Year => &self.year_links,
        }
    }

    /// The link of term `id` of `taxonomy`.
    #[inline]
    pub fn link(&self, taxonomy: Taxonomy, id: TermId) -> &Link {
        &self.links(taxonomy)[id.index()]
    }

    /// The first `limit` of `pairs` (term, article count) that count any articles, as links.
    pub fn counted(
        &self,
        taxonomy: Taxonomy,
        pairs: impl IntoIterator<Item = (TermId, usize)>,
        limit: usize,
    ) -> Vec<CountedLink> {
        // A term the YAML lists but no article names has nothing to show.
        pairs
            .into_iter()
            .filter(|&(_, count)| count > 0)
            .take(limit)
            .map(|(i, count)| {
                let link = self.link(taxonomy, i);
                CountedLink {
                    name: link.name.to_string(),
                    path: link.path.to_string(),
                    count,
                }
            })
            .collect()
    }

    /// Every article's summary, in the book's order.
    pub fn summaries(&self) -> &[ArticleSummary] {
        &self.summaries
    }

    /// The summary of article `id`.
    #[inline]
    pub fn summary(&self, id: ArticleId) -> &ArticleSummary {
        &self.summaries[id.index()]
    }

    /// The list entry of article `id`.
    pub fn item(&self, id: ArticleId) -> ListItem<'_> {
        ListItem(self.summary(id))
    }
}

/// A group of articles under a heading (a year, a month), as templates see it: the entries come
/// pre-rendered (see `Renderer::list_html`), since a big term page lists thousands of them.
#[derive(Debug, Serialize)]
pub struct Group {
    pub label: String,
    /// Anchor id for the group heading.
    pub id: String,
    pub count: usize,
    pub list_html: String,
}

/// Articles under a heading, before their entries are rendered: by id, or by whatever else
/// names them in order (the timeline's positions in the chronology).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grouped<T = ArticleId> {
    pub label: String,
    pub id: String,
    pub articles: Vec<T>,
}

/// Groups `articles` (in the order given) into runs with the same label.
pub fn group_runs<T: Copy>(
    articles: impl IntoIterator<Item = T>,
    label_of: impl FnMut(T) -> (String, String),
) -> Vec<Grouped<T>> {
    group_runs_keyed(articles, |_| (), false, label_of)
}

/// [`group_runs`] where articles with the same `key` (their year) share a label: the label is
/// made where the key changes, not for every article (a big term page lists hundreds).
pub fn group_runs_by<T: Copy, K: PartialEq>(
    articles: impl IntoIterator<Item = T>,
    key_of: impl FnMut(T) -> K,
    label_of: impl FnMut(T) -> (String, String),
) -> Vec<Grouped<T>> {
    group_runs_keyed(articles, key_of, true, label_of)
}

/// The runs of `articles`: an article whose key is the last one's joins the last run when
/// `keyed` says keys decide labels; otherwise its label is made and compared.
fn group_runs_keyed<T: Copy, K: PartialEq>(
    articles: impl IntoIterator<Item = T>,
    mut key_of: impl FnMut(T) -> K,
    keyed: bool,
    mut label_of: impl FnMut(T) -> (String, String),
) -> Vec<Grouped<T>> {
    let mut groups: Vec<Grouped<T>> = Vec::new();
    let mut last_key: Option<K> = None;
    for i in articles {
        let key = key_of(i);
        if let (Some(group), Some(last)) = (groups.last_mut(), &last_key) {
            if keyed && *last == key {
                group.articles.push(i);
                continue;
            }
        }
        let (label, id) = label_of(i);
        last_key = Some(key);
        match groups.last_mut() {
            Some(group) if group.label == label => group.articles.push(i),
            _ => groups.push(Grouped {
                label,
                id,
                articles: vec![i],
            }),
        }
    }
    groups
}

/// The year of an article, which decides its [`year_label`].
pub fn year_of(linked: &LinkedBook, id: ArticleId) -> Option<i32> {
    linked.article(id).front.date.map(|d| d.year())
}

/// The year label and anchor of an article: `2017`/`y2017`, or `Undated`/`yundated`.
pub fn year_label(
    linked: &LinkedBook,
    strings: &super::i18n::Strings,
    id: ArticleId,
) -> (String, String) {
    let year = linked.article(id).front.date.map(|d| d.year());
    let label = year.map_or_else(|| strings.get("undated").to_string(), |y| y.to_string());
    // The id stays the same in every language: links to `#yundated` keep working.
    let id = year.map_or_else(|| "yundated".to_string(), |y| format!("y{y}"));
    (label, id)
}

/// Chronological `articles` newest first, undated ones last. Labels nothing: a paged term
/// orders its whole list for each of its pages.
pub fn newest_first(linked: &LinkedBook, articles: &[ArticleId]) -> Vec<ArticleId> {
    // Undated articles come last in the chronology.
    let undated = articles
        .iter()
        .rev()
        .take_while(|&&i| linked.article(i).front.date.is_none())
        .count();
    let (dated, undated) = articles.split_at(articles.len() - undated);
    dated
        .iter()
        .rev()
        .chain(undated.iter().rev())
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Grouping by key makes one label per change of key and the same runs as grouping by
    /// label, even where two keys share a label.
    #[test]
    fn runs_grouped_by_key_are_the_runs_grouped_by_label() {
        let years = [2019, 2019, 2018, 2018, 2018, 17, 2017, 2019];
        let label = |year: i32| (year.max(2017).to_string(), format!("y{year}"));
        let mut labelled = 0;
        let by_key = group_runs_by(
            years,
            |year| year,
            |year| {
                labelled += 1;
                label(year)
            },
        );
        assert_eq!(by_key, group_runs(years, label));
        assert_eq!(labelled, 5, "a label where the key changes");
        assert_eq!(by_key.len(), 4);
    }
}
