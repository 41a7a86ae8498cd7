//! Related articles: those sharing the most actors and topics, found without comparing every pair.
//!
//! For each term an article carries we look only at the articles nearest to it in time within
//! that term's (chronological) list, so the cost is linear in the book however large a topic grows.

use super::{ArticleId, ArticleLinks, Term, TermId};

/// How many related articles an article page shows.
pub const RELATED_COUNT: usize = 5;

/// How many neighbours on each side of an article are considered within one term's list.
const WINDOW: usize = 40;

/// The related articles of every article, in article order.
pub(super) fn all(links: &[ArticleLinks], actors: &[Term], topics: &[Term]) -> Vec<Vec<ArticleId>> {
    use rayon::prelude::*;
    // Each article's place in the chronology, by index, side by side: the ranking looks up
    // hundreds of candidates' places an article, and in `links` each sat in a record of its own,
    // a cache line away from the next.
    let positions: Vec<usize> = links.iter().map(|l| l.position).collect();
    (0..links.len())
        .into_par_iter()
        .map_init(
            || vec![0u32; links.len()],
            |weights, article| {
                let article = ArticleId::new(article);
                related_to(
                    article,
                    &links[article.index()],
                    &positions,
                    actors,
                    topics,
                    weights,
                )
            },
        )
        .collect()
}

/// `own` is the article's links and `positions` every article's place in the chronology.
/// `weights` is a scratch score per article, all zero on entry and left so: summing in it costs
/// one step per candidate, where sorting the candidates cost a dozen.
fn related_to(
    article: ArticleId,
    own: &ArticleLinks,
    positions: &[usize],
    actors: &[Term],
    topics: &[Term],
    weights: &mut [u32],
) -> Vec<ArticleId> {
    // Score: a shared actor counts twice a shared topic, because people are the sharper signal.
    let mut scored: Vec<ArticleId> = Vec::new();
    let mut add = |terms: &[Term], ids: &[TermId], weight: u32| {
        for &id in ids {
            let list = &terms[id.index()].articles;
            // Term lists are chronological, as is `position`: find this article by position.
            let at = list.partition_point(|&other| positions[other.index()] < own.position);
            let from = at.saturating_sub(WINDOW);
            let to = (at + WINDOW + 1).min(list.len());
            for &other in &list[from..to] {
                if other == article {
                    continue;
                }
                if weights[other.index()] == 0 {
                    scored.push(other);
                }
                weights[other.index()] += weight;
            }
        }
    };
    add(actors, &own.actors, 2);
    add(topics, &own.topics, 1);
    // Each candidate's rank as one key (highest score, then nearest in time, then first listed),
    // its distance looked up once: the selection compares keys some ten times a candidate, and
    // looking the distance up in `links` for each comparison missed the cache every time.
    let mut ranked: Vec<(std::cmp::Reverse<u32>, usize, ArticleId)> = scored
        .iter()
        .map(|&other| {
            let score = std::mem::take(&mut weights[other.index()]);
            let distance = positions[other.index()].abs_diff(own.position);
            (std::cmp::Reverse(score), distance, other)
        })
        .collect();
    // Only the best few are shown: select them before sorting (the order is total, so the result
    // is the same as sorting everything, whatever order the candidates came in).
    if ranked.len() > RELATED_COUNT {
        ranked.select_nth_unstable(RELATED_COUNT);
        ranked.truncate(RELATED_COUNT);
    }
    ranked.sort_unstable();
    ranked.iter().map(|&(_, _, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(articles: Vec<usize>) -> Term {
        let mut term = Term::new("t".to_string(), "T".to_string(), None);
        term.articles = articles.into_iter().map(ArticleId::new).collect();
        term
    }

    /// Every pair compared and fully sorted: what the windowed, array-summed ranking must give
    /// whenever no term list is longer than its window.
    fn brute_force(article: usize, links: &[ArticleLinks]) -> Vec<ArticleId> {
        let own = &links[article];
        let shared = |a: &[TermId], b: &[TermId]| a.iter().filter(|t| b.contains(t)).count() as u32;
        let mut scored: Vec<(usize, u32, usize)> = (0..links.len())
            .filter(|&other| other != article)
            .map(|other| {
                let score = 2 * shared(&own.actors, &links[other].actors)
                    + shared(&own.topics, &links[other].topics);
                (other, score, own.position.abs_diff(links[other].position))
            })
            .filter(|&(_, score, _)| score > 0)
            .collect();
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0)));
        scored
            .iter()
            .take(RELATED_COUNT)
            .map(|s| ArticleId::new(s.0))
            .collect()
    }

    #[test]
    fn shared_actors_count_double_then_nearest_in_time_then_first_listed() {
        // Twelve articles whose chronological position is the reverse of their index, over
        // three actors and three topics.
        let n = 12;
        let links: Vec<ArticleLinks> = (0..n)
            .map(|i| ArticleLinks {
                actors: (0..3)
                    .filter(|a| (i + a) % 3 != 0)
                    .map(TermId::new)
                    .collect(),
                topics: (0..3)
                    .filter(|t| i % (t + 2) == 0)
                    .map(TermId::new)
                    .collect(),
                position: n - 1 - i,
                ..ArticleLinks::default()
            })
            .collect();
        let filed = |kind: fn(&ArticleLinks) -> &Vec<TermId>, t: usize| {
            let t = TermId::new(t);
            let mut ids: Vec<usize> = (0..n).filter(|&i| kind(&links[i]).contains(&t)).collect();
            ids.sort_by_key(|&i| links[i].position);
            term(ids)
        };
        let actors: Vec<Term> = (0..3).map(|a| filed(|l| &l.actors, a)).collect();
        let topics: Vec<Term> = (0..3).map(|t| filed(|l| &l.topics, t)).collect();
        let related = all(&links, &actors, &topics);
        // One scratch array for every article in turn, as one thread uses it: each article must
        // find it cleared by the one before.
        let mut weights = vec![0; n];
        let positions: Vec<usize> = links.iter().map(|l| l.position).collect();
        for (article, found) in related.iter().enumerate() {
            let expected = brute_force(article, &links);
            assert_eq!(*found, expected, "article {article}");
            let again = related_to(
                ArticleId::new(article),
                &links[article],
                &positions,
                &actors,
                &topics,
                &mut weights,
            );
            assert_eq!(again, expected, "article {article}, scratch reused");
        }
        assert!(weights.iter().all(|&w| w == 0));
    }
}
