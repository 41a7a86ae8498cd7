//! Backlinks: for every article, actor and topic, the articles that link to it or name it, and
//! for every actor the quotations attributed to them. One pass over the articles' outgoing links.

use super::wikilinks::Target;
use super::ArticleLinks;

/// Who points at each page, in chronological order of the pointing article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Backlinks {
    /// Per article: other articles linking to it.
    pub articles: Vec<Vec<usize>>,
    /// Per actor term: articles linking to or naming the actor that are not filed under it.
    pub actors: Vec<Vec<usize>>,
    /// Per topic term: articles linking to the topic that are not filed under it.
    pub topics: Vec<Vec<usize>>,
    /// Per actor term: (article, index into that article's `quotes`), chronological.
    pub quotes: Vec<Vec<(usize, usize)>>,
}

pub fn collect(
    links: &[ArticleLinks],
    chronology: &[usize],
    actor_count: usize,
    topic_count: usize,
) -> Backlinks {
    let mut backlinks = Backlinks {
        articles: vec![Vec::new(); links.len()],
        actors: vec![Vec::new(); actor_count],
        topics: vec![Vec::new(); topic_count],
        quotes: vec![Vec::new(); actor_count],
    };
    for &article in chronology {
        let link = &links[article];
        let mut actors: Vec<usize> = link.named_actors.clone();
        for &target in &link.outgoing {
            match target {
                Target::Article(other) if other != article => {
                    backlinks.articles[other].push(article)
                }
                Target::Article(_) => {}
                Target::Actor(actor) => actors.push(actor),
                Target::Topic(topic) => {
                    if link.topics.binary_search(&topic).is_err() {
                        backlinks.topics[topic].push(article);
                    }
                }
            }
        }
        actors.sort_unstable();
        actors.dedup();
        for actor in actors {
            if link.actors.binary_search(&actor).is_err() {
                backlinks.actors[actor].push(article);
            }
        }
        for (i, quote) in link.quotes.iter().enumerate() {
            backlinks.quotes[quote.actor].push((article, i));
        }
    }
    backlinks
}
