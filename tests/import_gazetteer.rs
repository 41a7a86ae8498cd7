//! Import's gazetteer of well-known people: a surname in a clear context (a title, a reporting
//! verb, a government mention) names the person a reader would understand, by the article's year,
//! unless the article names someone else of that name, the name is ambiguous, or the word is not
//! a person's name there. The texts are written for these tests.

use briefbook::import::{import_text, ImportContext};
use briefbook::model::ActorEntry;

/// The actors import finds in `text` with the given actors file.
fn actors_with(text: &str, cast: &[ActorEntry]) -> Vec<String> {
    let ctx = ImportContext::with_defaults(cast);
    import_text(text, "sample.txt", &ctx).front.actors
}

fn actors(text: &str) -> Vec<String> {
    actors_with(text, &[])
}

/// A story with a headline, a byline and a printed date, then the given paragraphs.
fn story(date: &str, paragraphs: &[&str]) -> String {
    format!(
        "Harbour talks end without a deal\n\nBy Jane Doe\nPublished: {date}\n\n{}\n",
        paragraphs.join("\n\n")
    )
}

#[test]
fn a_titled_surname_resolves_by_the_articles_year() {
    let text = story(
        "March 3, 2023",
        &["MANILA - President Marcos met fishing crews on Friday and promised new patrol boats for the western coast, officials said."],
    );
    let found = actors(&text);
    assert!(
        found.contains(&"Ferdinand Marcos Jr.".to_string()),
        "{found:?}"
    );
    assert!(
        !found.contains(&"Ferdinand Marcos".to_string()),
        "{found:?}"
    );

    let text = story(
        "March 3, 1985",
        &["MANILA - President Marcos met fishing crews on Friday and promised new patrol boats for the western coast, officials said."],
    );
    let found = actors(&text);
    assert!(found.contains(&"Ferdinand Marcos".to_string()), "{found:?}");
}

#[test]
fn a_shared_surname_without_a_date_is_not_guessed() {
    let text = "Harbour talks end without a deal\n\nPresident Marcos met fishing crews and promised new patrol boats for the western coast, officials said.\n";
    let found = actors(text);
    assert!(
        !found.iter().any(|a| a.contains("Marcos")),
        "no date, two Presidents Marcos: {found:?}"
    );
}

#[test]
fn attributions_titles_and_government_mentions_resolve() {
    let text = story(
        "June 12, 2023",
        &[
            "Erdogan said the grain corridor would reopen once the insurers agreed terms.",
            "Officials in New Delhi said the Modi government would send a delegation next week.",
            "In London, Mr Sunak told reporters the deal was close, while Chancellor Scholz called for patience.",
            "Brasilia said Lula's administration would host the next round.",
        ],
    );
    let found = actors(&text);
    for name in [
        "Recep Tayyip Erdogan",
        "Narendra Modi",
        "Rishi Sunak",
        "Olaf Scholz",
        "Luiz Inácio Lula da Silva",
    ] {
        assert!(
            found.contains(&name.to_string()),
            "{name} missing: {found:?}"
        );
    }
}

#[test]
fn a_different_full_name_in_the_article_wins() {
    let text = story(
        "March 3, 2023",
        &[
            "Elena Marcos, a fisheries scientist at the coastal institute, counted the catch on Friday.",
            "Dr Marcos said the stocks had fallen by a third since the spring.",
        ],
    );
    let found = actors(&text);
    assert!(found.contains(&"Elena Marcos".to_string()), "{found:?}");
    assert!(
        !found.iter().any(|a| a.starts_with("Ferdinand")),
        "the article's own Marcos is not the president: {found:?}"
    );
}

#[test]
fn the_actors_file_spelling_comes_first() {
    let cast: Vec<ActorEntry> =
        serde_yaml::from_str("- name: Recep Tayyip Erdoğan\n  aliases: [President Erdoğan]\n")
            .unwrap();
    let text = story(
        "June 12, 2023",
        &["Erdogan said the grain corridor would reopen once the insurers agreed terms."],
    );
    let found = actors_with(&text, &cast);
    assert_eq!(found, vec!["Recep Tayyip Erdoğan".to_string()]);
    assert_eq!(
        actors(&text),
        vec!["Recep Tayyip Erdogan".to_string()],
        "without the actors file the gazetteer's spelling"
    );
}

#[test]
fn words_that_are_not_a_persons_name_there_stay_unresolved() {
    let text = story(
        "June 12, 2017",
        &[
            "Production at the Lula field rose by a tenth, and the Xiamen port reported record volumes.",
            "Shipping lines said rates in May were the highest since 2021.",
            "In May, said the port authority, the cranes ran around the clock.",
        ],
    );
    let found = actors(&text);
    for wrong in ["Luiz Inácio Lula da Silva", "Xi Jinping", "Theresa May"] {
        assert!(
            !found.contains(&wrong.to_string()),
            "{wrong} found: {found:?}"
        );
    }
}

#[test]
fn a_reporters_surname_is_never_resolved() {
    let text = "Harbour talks end without a deal\n\nBy Anna Sunak\nPublished: June 12, 2023\n\nSunak said the port's managers had declined to comment for this story.\n";
    let found = actors(text);
    assert!(!found.contains(&"Rishi Sunak".to_string()), "{found:?}");
}
