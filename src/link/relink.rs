//! Relinking after the usual save: an article's text or title changed while its terms, date and
//! file stayed where they were. Terms, the chronology, co-occurrences and related articles are a
//! function of those, so they stand; the previous link is patched instead of redone. Only the
//! edited articles, and those whose `[[…]]` show an edited title, are scanned again, and only
//! their backlinks and diagnostics move. A server answering a save in milliseconds cannot afford
//! to walk ten thousand articles; this walks none of them.

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use super::cache::LinkCache;
use super::{
    actor_aliases, apply_scan, bodies, front_matter_diagnostics, mentions, resolver, wikilinks,
    ArticleId, LinkOptions, LinkedBook,
};
use crate::error::Diagnostics;
use crate::model::Article;

/// Relinks `linked` after articles of `linked.book` were replaced in place: `replaced` holds
/// each one's id and the article it replaced. `cache` and `diagnostics` must be those of the
/// previous link; both are updated. The result is what [`super::link_with_cache`] would give.
///
/// Returns false, having changed nothing, when an edit moved an article in the web of links (its
/// actors, topics, outlet, publisher or date changed) or `cache` does not hold the previous link:
/// link the book in full then.
pub fn relink_edited(
    linked: &mut LinkedBook,
    replaced: &[(ArticleId, Article)],
    options: LinkOptions,
    cache: &mut LinkCache,
    diagnostics: &mut Diagnostics,
) -> bool {
    let LinkedBook {
        book,
        links,
        actors,
        topics,
        backlinks,
        introduction_markdown,
        ..
    } = linked;
    let articles = &book.articles;
    let stands = replaced.iter().all(|(i, before)| {
        let now = &articles[i.index()];
        let (front, was) = (&now.front, &before.front);
        now.path == before.path
            && now.slug == before.slug
            && front.actors == was.actors
            && front.topics == was.topics
            && front.outlet == was.outlet
            && front.publisher == was.publisher
            && front.date == was.date
    });
    // The cache keeps its scans by position in the book.
    let edited: Vec<usize> = replaced.iter().map(|(i, _)| i.index()).collect();
    if !stands || replaced.is_empty() || !cache.holds(articles, &edited) {
        return false;
    }

    // A title shows wherever a `[[…]]` names the article without text of its own.
    let retitled: Vec<&str> = replaced
        .iter()
        .filter(|(i, before)| articles[i.index()].front.title != before.front.title)
        .map(|(i, _)| articles[i.index()].slug.as_str())
        .collect();
    let mut rescan = edited;
    rescan.extend(cache.showing_titles_of(&retitled));
    rescan.sort_unstable();
    rescan.dedup();

    let resolver = resolver(book, actors, topics);
    let matcher =
        cache.matcher(|| mentions::NameMatcher::new(actors, &actor_aliases(book, actors)));
    let scanner = bodies::Scanner {
        resolver: &resolver,
        matcher: &matcher,
        strict: options.strict,
        quote_words: true,
        keep_text: true,
        sink: None,
    };
    let scans: Vec<bodies::Scanned> = rescan
        .par_iter()
        .map(|&i| scanner.scan(&articles[i], &links[i].actors))
        .collect();

    // Every diagnostic of a rescanned article comes from its front matter or its scan.
    let paths: HashSet<&Path> = rescan.iter().map(|&i| articles[i].path.as_path()).collect();
    diagnostics.0.retain(|d| !paths.contains(d.path.as_path()));
    let indexes = super::NameIndexes::new(book);
    for (&i, scanned) in rescan.iter().zip(scans) {
        cache.keep_scan(i, articles, &links[i].actors, &scanned, &resolver);
        for diagnostic in front_matter_diagnostics(book, &indexes, &articles[i]) {
            diagnostics.push(diagnostic);
        }
        let before = links[i].clone();
        apply_scan(&mut links[i], scanned, false, diagnostics);
        backlinks.replace(ArticleId::new(i), &before, links);
    }
    cache.scanned_now(rescan.iter().map(|&i| articles[i].slug.clone()).collect());
    diagnostics.sort();

    if let (Some(introduction), false) = (&book.introduction, retitled.is_empty()) {
        let (text, _, _) = wikilinks::rewrite_text(&resolver, introduction, "./");
        *introduction_markdown = Some(text);
    }
    true
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::{link_with, link_with_cache, Target, Taxonomy};
    use super::*;
    use crate::load::parse_article;
    use crate::model::Book;

    fn article(slug: &str, front: &str, body: &str) -> Article {
        let path = Path::new("content/articles").join(format!("{slug}.md"));
        let text = format!("---\noutlet: Yonhap\n{front}\n---\n{body}\n");
        parse_article(&path, &text).unwrap()
    }

    /// Four articles; `b-envoys` shows a-moon's title through `[[a-moon]]`, and `d-aside` shares
    /// no term with the others.
    fn book() -> Book {
        Book {
            articles: vec![
                article(
                    "a-moon",
                    "title: Moon takes office\ndate: 2017-05-10\nactors: [Moon Jae-in]",
                    "Moon Jae-in took office.",
                ),
                article(
                    "b-envoys",
                    "title: Envoys return\ndate: 2018-03-06\nactors: [Chung Eui-yong]",
                    "As [[a-moon]] said, Chung Eui-yong met Moon Jae-in.",
                ),
                article(
                    "c-file",
                    "title: Talks resume\ndate: 2018-04-01\nactors: [Chung Eui-yong]\n\
                     note: See [[b-envoys|the envoys]].",
                    "See [the inauguration](a-moon.md).",
                ),
                article(
                    "d-aside",
                    "title: An aside\ndate: 2019-01-01\nactors: [Kim Jong-un, Nobody Listed]",
                    "Kim Jong-un.",
                ),
            ],
            actors: serde_yaml::from_str(
                "- name: Moon Jae-in\n- name: Chung Eui-yong\n- name: Kim Jong-un\n",
            )
            .unwrap(),
            introduction: Some("Start with [[a-moon]].".to_string()),
            ..Book::default()
        }
    }

    /// Links `book` with `cache`, as the server's last link did.
    fn first_link(cache: &mut LinkCache) -> (LinkedBook, Diagnostics) {
        link_with_cache(book(), LinkOptions::default(), cache)
    }

    /// Replaces the article `slug` with one made of `front` and `body`, relinks in place and
    /// checks the result against a full link of the same book. Returns whether it patched.
    fn edit(
        linked: &mut LinkedBook,
        diagnostics: &mut Diagnostics,
        cache: &mut LinkCache,
        slug: &str,
        front: &str,
        body: &str,
    ) -> bool {
        let i = linked
            .book
            .articles
            .iter()
            .position(|a| a.slug == slug)
            .unwrap();
        let previous = std::mem::replace(&mut linked.book.articles[i], article(slug, front, body));
        let patched = relink_edited(
            linked,
            &[(ArticleId::new(i), previous)],
            LinkOptions::default(),
            cache,
            diagnostics,
        );
        if !patched {
            let book = std::mem::take(&mut linked.book);
            (*linked, *diagnostics) = link_with_cache(book, LinkOptions::default(), cache);
        }
        let (full, full_diagnostics) = link_with(linked.book.clone(), LinkOptions::default());
        assert_eq!(linked.links, full.links, "links after editing {slug}");
        assert_eq!(
            linked.backlinks, full.backlinks,
            "backlinks after editing {slug}"
        );
        assert_eq!(linked.actors, full.actors);
        assert_eq!(linked.chronology, full.chronology);
        assert_eq!(linked.introduction_markdown, full.introduction_markdown);
        assert_eq!(
            diagnostics.0, full_diagnostics.0,
            "diagnostics after editing {slug}"
        );
        patched
    }

    #[test]
    fn a_body_edit_is_patched_with_its_mentions_quotes_and_links() {
        let mut cache = LinkCache::new();
        let (mut linked, mut diagnostics) = first_link(&mut cache);
        // d-aside now names and quotes Moon, whom it is not filed under, links b-envoys and
        // has a broken link.
        let patched = edit(
            &mut linked,
            &mut diagnostics,
            &mut cache,
            "d-aside",
            "title: An aside\ndate: 2019-01-01\nactors: [Kim Jong-un, Nobody Listed]",
            "\u{201c}We will talk,\u{201d} Moon Jae-in said.\n\nKim Jong-un read \
             [[b-envoys]] and [[no-such-page]].",
        );
        assert!(patched);
        assert_eq!(cache.scanned(), ["d-aside"]);
        let moon = linked
            .term_ids(Taxonomy::Actor)
            .find(|&t| linked.term(Taxonomy::Actor, t).name == "Moon Jae-in")
            .unwrap();
        // b-envoys names Moon too.
        let id = ArticleId::new;
        assert_eq!(linked.backlinks.of_actor(moon), [id(1), id(3)]);
        assert_eq!(linked.backlinks.quotes_of(moon), [(id(3), 0)]);
        assert_eq!(linked.backlinks.of_article(id(1)), [id(2), id(3)]);
        assert!(diagnostics
            .0
            .iter()
            .any(|d| d.message.contains("no-such-page")));

        // And back: the backlinks, the quotation and the diagnostic go.
        assert!(edit(
            &mut linked,
            &mut diagnostics,
            &mut cache,
            "d-aside",
            "title: An aside\ndate: 2019-01-01\nactors: [Kim Jong-un, Nobody Listed]",
            "Kim Jong-un.",
        ));
        assert!(linked.backlinks.quotes_of(moon).is_empty());
        assert!(!diagnostics
            .0
            .iter()
            .any(|d| d.message.contains("no-such-page")));
    }

    #[test]
    fn a_title_edit_rescans_the_articles_showing_the_title() {
        let mut cache = LinkCache::new();
        let (mut linked, mut diagnostics) = first_link(&mut cache);
        assert!(edit(
            &mut linked,
            &mut diagnostics,
            &mut cache,
            "a-moon",
            "title: Moon sworn in\ndate: 2017-05-10\nactors: [Moon Jae-in]",
            "Moon Jae-in took office.",
        ));
        // c-file links a-moon's file, with words of its own: its scan stands.
        assert_eq!(cache.scanned(), ["a-moon", "b-envoys"]);
        assert!(linked
            .body_markdown(ArticleId::new(1))
            .contains("[Moon sworn in]"));
        assert_eq!(
            linked.introduction_markdown.as_deref(),
            Some("Start with [Moon sworn in](./articles/a-moon/).")
        );
        assert_eq!(
            linked.links[2].outgoing,
            [
                Target::Article(ArticleId::new(0)),
                Target::Article(ArticleId::new(1))
            ]
        );
    }

    #[test]
    fn a_moved_line_moves_the_front_matter_diagnostics() {
        let mut cache = LinkCache::new();
        let (mut linked, mut diagnostics) = first_link(&mut cache);
        let line_of = |diagnostics: &Diagnostics| {
            let d = diagnostics
                .0
                .iter()
                .find(|d| d.message.contains("Nobody Listed"));
            d.and_then(|d| d.line)
        };
        let before = line_of(&diagnostics);
        assert!(edit(
            &mut linked,
            &mut diagnostics,
            &mut cache,
            "d-aside",
            "title: An aside\nsummary: One line more.\ndate: 2019-01-01\n\
             actors: [Kim Jong-un, Nobody Listed]",
            "Kim Jong-un.",
        ));
        assert_eq!(line_of(&diagnostics), before.map(|line| line + 1));
    }

    #[test]
    fn an_edit_that_moves_terms_or_dates_is_linked_in_full() {
        let mut cache = LinkCache::new();
        let (mut linked, mut diagnostics) = first_link(&mut cache);
        for front in [
            "title: Moon takes office\ndate: 2017-05-10\nactors: [Moon Jae-in, Kim Jong-un]",
            "title: Moon takes office\ndate: 2017-05-10\nactors: []",
            "title: Moon takes office\ndate: 2019-05-10\nactors: [Moon Jae-in]",
            "title: Moon takes office\ndate: 2017-05-10\nactors: [Moon Jae-in]\ntopics: [x]",
        ] {
            let patched = edit(
                &mut linked,
                &mut diagnostics,
                &mut cache,
                "a-moon",
                front,
                "Moon Jae-in took office.",
            );
            assert!(!patched, "{front}");
        }
    }
}
