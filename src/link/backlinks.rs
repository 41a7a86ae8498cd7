//! Backlinks: for every article, actor and topic, the articles that link to it or name it, and
//! for every actor the quotations attributed to them. One pass over the articles' outgoing links;
//! after an edit that leaves the chronology as it was, [`Backlinks::replace`] moves only what the
//! edited articles point at.

use super::wikilinks::Target;
use super::{ArticleId, ArticleLinks, TermId};

/// Who points at each page, in chronological order of the pointing article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Backlinks {
    /// Per article: other articles linking to it.
    pub(super) articles: Vec<Vec<ArticleId>>,
    /// Per actor term: articles linking to or naming the actor that are not filed under it.
    pub(super) actors: Vec<Vec<ArticleId>>,
    /// Per topic term: articles linking to the topic that are not filed under it.
    pub(super) topics: Vec<Vec<ArticleId>>,
    /// Per actor term: (article, index into that article's `quotes`), chronological.
    pub(super) quotes: Vec<Vec<(ArticleId, usize)>>,
}

/// What one article points at, as backlinks list it.
#[derive(Debug, Default, PartialEq)]
struct Pointers {
    articles: Vec<ArticleId>,
    actors: Vec<TermId>,
    topics: Vec<TermId>,
    /// (actor, index into the article's `quotes`).
    quotes: Vec<(TermId, usize)>,
}

fn pointers(article: ArticleId, link: &ArticleLinks) -> Pointers {
    let mut found = Pointers::default();
    let mut actors: Vec<TermId> = link.named_actors.clone();
    for &target in &link.outgoing {
        match target {
            Target::Article(other) if other != article => found.articles.push(other),
            Target::Article(_) => {}
            Target::Actor(actor) => actors.push(actor),
            Target::Topic(topic) => {
                if link.topics.binary_search(&topic).is_err() {
                    found.topics.push(topic);
                }
            }
        }
    }
    actors.sort_unstable();
    actors.dedup();
    found.actors = actors
        .into_iter()
        .filter(|actor| link.actors.binary_search(actor).is_err())
        .collect();
    found.quotes = link
        .quotes
        .iter()
        .enumerate()
        .map(|(i, quote)| (quote.actor(), i))
        .collect();
    found
}

pub fn collect(
    links: &[ArticleLinks],
    chronology: &[ArticleId],
    actor_count: usize,
    topic_count: usize,
) -> Backlinks {
    let mut backlinks = Backlinks {
        articles: vec![Vec::new(); links.len()],
        actors: vec![Vec::new(); actor_count],
        topics: vec![Vec::new(); topic_count],
        quotes: vec![Vec::new(); actor_count],
    };
    // What each article points at, on every core; only filing it needs the chronology's order.
    let found: Vec<Pointers> = {
        use rayon::prelude::*;
        chronology
            .par_iter()
            .map(|&article| pointers(article, &links[article.index()]))
            .collect()
    };
    for (&article, found) in chronology.iter().zip(found) {
        for other in found.articles {
            backlinks.articles[other.index()].push(article);
        }
        for actor in found.actors {
            backlinks.actors[actor.index()].push(article);
        }
        for topic in found.topics {
            backlinks.topics[topic.index()].push(article);
        }
        for (actor, i) in found.quotes {
            backlinks.quotes[actor.index()].push((article, i));
        }
    }
    backlinks
}

impl Backlinks {
    /// The other articles linking to article `id`, in chronological order.
    #[inline]
    pub fn of_article(&self, id: ArticleId) -> &[ArticleId] {
        &self.articles[id.index()]
    }

    /// The quotations of `actor` its page shows, newest first: (article, index into that
    /// article's `quotes`).
    pub fn shown_quotes(&self, actor: TermId) -> impl Iterator<Item = &(ArticleId, usize)> {
        self.quotes_of(actor).iter().rev().take(super::QUOTES_SHOWN)
    }

    /// Every quotation attributed to `actor`: (article, index into its `quotes`), chronological.
    #[inline]
    pub fn quotes_of(&self, actor: TermId) -> &[(ArticleId, usize)] {
        &self.quotes[actor.index()]
    }

    /// The articles linking to or naming `actor` that are not filed under it.
    #[inline]
    pub fn of_actor(&self, actor: TermId) -> &[ArticleId] {
        &self.actors[actor.index()]
    }

    /// The articles linking to `topic` that are not filed under it.
    #[inline]
    pub fn of_topic(&self, topic: TermId) -> &[ArticleId] {
        &self.topics[topic.index()]
    }

    /// Replaces what `article` points at, `before` its links changed, with what it points at
    /// now in `links`. The articles' places in the chronology (`position`) must not have moved:
    /// lists stay in that order.
    pub(super) fn replace(
        &mut self,
        article: ArticleId,
        before: &ArticleLinks,
        links: &[ArticleLinks],
    ) {
        let old = pointers(article, before);
        let new = pointers(article, &links[article.index()]);
        if old == new {
            return;
        }
        let position = |i: ArticleId| links[i.index()].position;
        let at = position(article);
        // Takes `article` out of the lists it was in and into those it is in now, in place.
        let moved = Moved {
            article,
            at,
            position: &position,
        };
        moved.between(
            &mut self.articles,
            old.articles,
            new.articles,
            ArticleId::index,
        );
        moved.between(&mut self.actors, old.actors, new.actors, TermId::index);
        moved.between(&mut self.topics, old.topics, new.topics, TermId::index);
        for (actor, _) in old.quotes {
            self.quotes[actor.index()].retain(|&(a, _)| a != article);
        }
        for (actor, i) in new.quotes {
            let key = |&(a, i): &(ArticleId, usize)| (position(a), i);
            insert_by(&mut self.quotes[actor.index()], (article, i), key, (at, i));
        }
    }
}

/// An article moving between backlink lists, and where it sits in the chronology.
struct Moved<'p> {
    article: ArticleId,
    /// The article's `position`.
    at: usize,
    position: &'p dyn Fn(ArticleId) -> usize,
}

impl Moved<'_> {
    /// Takes the article out of the `old` lists and into the `new`, each kept in chronological
    /// order; `index` says where a list of `lists` is.
    fn between<L>(
        &self,
        lists: &mut [Vec<ArticleId>],
        old: Vec<L>,
        new: Vec<L>,
        index: impl Fn(L) -> usize,
    ) {
        for list in old {
            lists[index(list)].retain(|&a| a != self.article);
        }
        for list in new {
            let list = &mut lists[index(list)];
            insert_by(list, self.article, |&a| (self.position)(a), self.at);
        }
    }
}

/// Inserts `item` into `list`, sorted by `key`, where `key(item)` is `item_key`.
fn insert_by<T, K: Ord>(list: &mut Vec<T>, item: T, key: impl Fn(&T) -> K, item_key: K) {
    let place = list.partition_point(|other| key(other) < item_key);
    list.insert(place, item);
}
