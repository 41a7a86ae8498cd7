//! Headlines and bylines of raw texts laid out the ways news sites lay them out: labels before
//! the headline, site names after it, bylines with and without "By", with roles, desks and
//! dates. Every text here is written for this test.

use briefbook::import::{import_text, ImportContext};

const LEAD: &str = "The regional water board voted on Tuesday to raise tariffs by eight percent \
    from July, citing the cost of repairing pipes damaged in last winter's floods, the board's \
    chair told reporters.";
const MORE: &str = "Residents in the eastern districts will see the biggest increase, according \
    to figures released by the board, which said the money would be spent within three years.";
const HEADLINE: &str = "Water board raises tariffs after floods";

/// The title and byline import drafts for a text of `head` lines, then the story.
fn read(head: &str) -> (String, Vec<String>) {
    let ctx = ImportContext::new(&[], &[], &[]).unwrap();
    let text = format!("{head}\n\n{LEAD}\n\n{MORE}\n");
    let got = import_text(&text, "t.txt", &ctx);
    (got.front.title, got.front.byline)
}

#[track_caller]
fn check(head: &str, byline: &[&str]) {
    let (title, got) = read(head);
    assert_eq!(title, HEADLINE, "title of:\n{head}");
    assert_eq!(got, byline, "byline of:\n{head}");
}

#[test]
fn a_label_printed_in_the_headline_stays_and_a_wire_code_or_section_label_goes() {
    // Readers see `WATCH:` or `UPDATE 2-` as the headline's first words: the title keeps them.
    for (head, title, byline) in [
        (
            "Home | News | Local\n\nWATCH: Water board raises tariffs after floods\n\nBy Jane Okafor and Tomas Reyes",
            "WATCH: Water board raises tariffs after floods",
            &["Jane Okafor", "Tomas Reyes"][..],
        ),
        (
            "UPDATE 2-Water board raises tariffs after floods\n\nBy Jane Okafor",
            "UPDATE 2-Water board raises tariffs after floods",
            &["Jane Okafor"],
        ),
        (
            "Menu\nSearch\nPolitics\n\nBREAKING: Water board raises tariffs after floods\n\nJane Okafor\nSenior Correspondent",
            "BREAKING: Water board raises tariffs after floods",
            &["Jane Okafor"],
        ),
        (
            "VIDEO: Water board raises tariffs after floods\n\nJane Okafor\nMay 5, 2024 at 10:32 am",
            "VIDEO: Water board raises tariffs after floods",
            &["Jane Okafor"],
        ),
    ] {
        let (got_title, got_byline) = read(head);
        assert_eq!(got_title, title, "title of:\n{head}");
        assert_eq!(got_byline, byline, "byline of:\n{head}");
    }
    // A wire's version code, a section set off by a bar, a label in brackets after it: not the
    // headline's words.
    check(
        "(LEAD) Water board raises tariffs after floods\n\nBy Jane Okafor",
        &["Jane Okafor"],
    );
    check(
        "Analysis | Water board raises tariffs after floods\n\nBy Jane Okafor",
        &["Jane Okafor"],
    );
    check(
        "Water board raises tariffs after floods (PHOTOS)\n\nBy Jane Okafor",
        &["Jane Okafor"],
    );
    // A breadcrumb's slashes before the headline.
    check(
        "//Water board raises tariffs after floods\nValley Courier\n\nBy Jane Okafor",
        &["Jane Okafor"],
    );
}

#[test]
fn a_site_name_after_the_headline_is_stripped_even_when_no_registry_knows_it() {
    check(
        "Water board raises tariffs after floods | The Valley Courier\n\nWater board raises tariffs after floods\n\nJane Okafor, Staff Writer",
        &["Jane Okafor"],
    );
    check(
        "Water board raises tariffs after floods - Valley Courier\n\nBy JANE OKAFOR, Associated Press",
        &["Jane Okafor"],
    );
    check(
        "Water board raises tariffs after floods :: Valley Courier\n\nJane Okafor - Valley Courier",
        &["Jane Okafor"],
    );
    // A dash before words that name no outlet is the headline's own.
    let (title, _) = read("Floods hit the valley towns - Mayor Appeals For Calm\n\nBy Jane Okafor");
    assert_eq!(
        title,
        "Floods hit the valley towns - Mayor Appeals For Calm"
    );
}

#[test]
fn bylines_without_by_under_the_headline_are_read_and_never_taken_for_the_headline() {
    check(
        "Local News\n\nWater board raises tariffs after floods\n\nJane Okafor | Valley Courier\n\nMay 5, 2024",
        &["Jane Okafor"],
    );
    check(
        "Water board raises tariffs after floods\n\nJane Okafor, Reuters",
        &["Jane Okafor"],
    );
    check(
        "World\nAsia\nWater board raises tariffs after floods\nJane Okafor and Tomas Reyes\nTue 5 May 2024 10.32 BST",
        &["Jane Okafor", "Tomas Reyes"],
    );
    check(
        "Water board raises tariffs after floods\n\nby Jane Okafor, Political Editor",
        &["Jane Okafor"],
    );
}

#[test]
fn bylines_in_stamps_and_credits_are_read() {
    check(
        "Posted by Jane Okafor on May 5, 2024\n\nWater board raises tariffs after floods",
        &["Jane Okafor"],
    );
    check(
        "Water board raises tariffs after floods\nAuthor: Jane Okafor | May 5, 2024",
        &["Jane Okafor"],
    );
    check(
        "Water board raises tariffs after floods\nWritten by Jane Okafor\nPublished: May 5, 2024",
        &["Jane Okafor"],
    );
    check(
        "Water board raises tariffs after floods\n\nBy Maria da Silva and Jean-Luc Martin in Geneva",
        &["Maria da Silva", "Jean-Luc Martin"],
    );
    // A label printed as the headline's first words stays in it.
    let (title, byline) =
        read("LIVE: Water board raises tariffs after floods\n\nBy Jane Okafor  |  Valley Courier");
    assert_eq!(title, format!("LIVE: {HEADLINE}"));
    assert_eq!(byline, ["Jane Okafor"]);
}

#[test]
fn a_headline_wins_over_its_standfirst_when_a_byline_and_a_captioned_photo_follow() {
    let head = "Skip to content\nVALLEY COURIER\nSubscribe\nLocal\n\n\
        Water board raises tariffs after floods\n\n\
        The increase is the first in six years and will fund pipe repairs\n\n\
        Jane Okafor\nValley Town - 05 May 2024 - 10:32 CEST\n\n\
        Residents queue at the water board offices in Valley Town on Monday. JOHN MWANGI (AFP)";
    check(head, &["Jane Okafor"]);
    // The agency credited for the photo did not write the story.
    let ctx = ImportContext::new(&[], &[], &[]).unwrap();
    let text = format!("{head}\n\n{LEAD}\n\n{MORE}\n");
    let got = import_text(&text, "t.txt", &ctx);
    assert_ne!(got.front.outlet, "Agence France-Presse");
}

#[test]
fn a_name_the_story_goes_on_to_use_is_not_a_byline() {
    let ctx = ImportContext::new(&[], &[], &[]).unwrap();
    let text = format!(
        "Water board raises tariffs after floods\n\nA new levy on every household\n\n\
         Marta Lindqvist\nMarta Lindqvist, the board's chair, at the vote on Tuesday. Photograph: \
         Jane Okafor/Valley Courier\n\n{LEAD} Marta Lindqvist said the vote was close.\n\n{MORE}\n"
    );
    let got = import_text(&text, "t.txt", &ctx);
    assert_eq!(got.front.title, HEADLINE);
    assert!(got.front.byline.is_empty(), "{:?}", got.front.byline);
}

#[test]
fn a_transcripts_reporter_line_is_the_byline_and_no_actor() {
    let ctx = ImportContext::with_defaults(&[]);
    for line in [
        "TRT World'sAmara Okoye reports.",
        "Deutsche Welle’s Amara Okoye reports from Kyiv.",
    ] {
        let text = format!("{HEADLINE}\n\n{LEAD}\n\n{line}\n\n{MORE}\n");
        let got = import_text(&text, "t.txt", &ctx);
        assert_eq!(got.front.byline, ["Amara Okoye"], "{line}");
        assert!(
            !got.front.actors.iter().any(|a| a.contains("Okoye")),
            "a reporter is no actor: {:?}",
            got.front.actors
        );
    }
    // A person who is not an outlet's reporter stays in the story.
    let text = format!("{HEADLINE}\n\n{LEAD}\n\nThe chair's Amara Okoye reports.\n\n{MORE}\n");
    assert!(import_text(&text, "t.txt", &ctx).front.byline.is_empty());
}

#[test]
fn a_tab_titles_section_and_site_are_stripped_and_name_the_outlet() {
    let ctx = ImportContext::with_defaults(&[]);
    for head in [
        "Water board raises tariffs after floods | The Guardian\n\nJane Okafor in Geneva",
        "Water board raises tariffs after floods | World news | The Guardian\n\nBy Jane Okafor",
    ] {
        let text = format!("{head}\n\nSun 5 May 2024 10.30 BST\n\n{LEAD}\n\n{MORE}\n");
        let got = import_text(&text, "t.txt", &ctx);
        assert_eq!(got.front.title, HEADLINE, "{head}");
        assert_eq!(got.front.byline, ["Jane Okafor"], "{head}");
        assert_eq!(got.front.outlet, "The Guardian", "{head}");
    }
    // A site no registry knows, behind its section: both go (the site is proposed as the outlet).
    let (title, byline) = read(
        "Water board raises tariffs after floods | World news | Valley Courier\n\nBy Jane Okafor",
    );
    assert_eq!(title, HEADLINE);
    assert_eq!(byline, ["Jane Okafor"]);
}

#[test]
fn bylines_with_a_place_or_a_handle_are_read() {
    check(
        "Water board raises tariffs after floods\n\nJane Okafor in Geneva\n\nMay 5, 2024",
        &["Jane Okafor"],
    );
    check(
        "Water board raises tariffs after floods\nBy Jane Okafor @janeokafor\nMay 5, 2024",
        &["Jane Okafor"],
    );
}

#[test]
fn a_short_line_after_a_word_in_capitals_and_a_colon_is_a_labelled_headline() {
    let (title, _) = read(
        "Source: www.valleycourier.example\n\nLIVESTREAMED: Water board raises tariffs after floods\n\nJane Okafor is the board's chair",
    );
    assert_eq!(
        title,
        "LIVESTREAMED: Water board raises tariffs after floods"
    );
}

#[test]
fn a_role_in_capitals_after_the_name_and_a_section_masthead_above_the_headline() {
    check(
        "Gulf News - Sport\n\nWater board raises tariffs after floods\n\n- Jane Okafor CHIEF POLITICAL CORRESPONDENT at the Town Hall",
        &["Jane Okafor"],
    );
}

#[test]
fn a_reporters_name_run_on_into_the_desks_name_keeps_the_name() {
    check(
        "Water board raises tariffs after floods\n\nBy Jane Okafor Valley Health News",
        &["Jane Okafor"],
    );
    // A desk alone names no reporter.
    check(
        "Water board raises tariffs after floods\n\nBy Valley Health News",
        &[],
    );
}

#[test]
fn a_byline_run_into_the_stories_dateline_is_the_byline_and_no_actor() {
    let ctx = ImportContext::with_defaults(&[]);
    for (opening, outlet) in [
        ("By Jane Okafor, PORTVILLE (Reuters) -", "Reuters"),
        ("By Jane Okafor – PORTVILLE (Valley Wire) –", "Valley Wire"),
        (
            "By Jane Okafor and Ali Khan, PORTVILLE (Reuters) -",
            "Reuters",
        ),
    ] {
        let text = format!("{HEADLINE}\n\n{opening} {LEAD}\n\n{MORE}\n");
        let got = import_text(&text, "t.txt", &ctx);
        assert_eq!(got.front.byline[0], "Jane Okafor", "{opening}");
        assert_eq!(got.front.outlet, outlet, "{opening}");
        assert!(
            !got.front.actors.iter().any(|a| a.contains("Okafor")),
            "{opening}"
        );
        assert!(got.body.starts_with("PORTVILLE"), "{}", got.body);
    }
    // The byline ends at a colon, with the story's first words after it.
    let text = format!("{HEADLINE}\n\nBy Jane Okafor: {LEAD}\n\n{MORE}\n");
    let got = import_text(&text, "t.txt", &ctx);
    assert_eq!(got.front.byline, ["Jane Okafor"]);
    assert!(!got.front.actors.iter().any(|a| a.contains("Okafor")));
    assert!(!got.body.contains("Okafor"), "{}", got.body);
    // A lead that only opens with "By" keeps it.
    let text = format!("{HEADLINE}\n\nBy nightfall, PORTVILLE (Reuters) - {LEAD}\n\n{MORE}\n");
    let got = import_text(&text, "t.txt", &ctx);
    assert!(got.front.byline.is_empty());
    assert!(got.body.starts_with("By nightfall"), "{}", got.body);
}

#[test]
fn a_section_label_between_the_headline_and_its_stamp_leaves_them_together() {
    // A photo's caption further down, over a second printing of the byline, is no headline.
    check(
        "Water board raises tariffs after floods\n\n  • In World/Africa\n  • 2024-05-05 11:29:02Z\n  • By Jane Okafor\nResidents of the eastern districts queue for water at a standpipe in the valley town\n\nBy Jane Okafor",
        &["Jane Okafor"],
    );
}

#[test]
fn names_over_a_photo_are_no_byline_and_an_author_box_run_into_the_byline_is_read() {
    let ctx = ImportContext::with_defaults(&[]);
    let text = format!(
        "{HEADLINE}\n\nMaria Okoye, Tomas Reyes\n\
        Board chair Maria Okoye and engineer Tomas Reyes inspect a damaged pipe in the eastern \
        districts, Friday, May 3, 2024. (AP Photo/Jane Roe) (Jane Roe)\n\
        Jane Okafor, Valley Courier By Jane Okafor, Valley Courier The Evening Post\n\n\
        {LEAD}\n\n{MORE}\n"
    );
    let got = import_text(&text, "t.txt", &ctx);
    assert_eq!(got.front.title, HEADLINE);
    assert_eq!(got.front.byline, ["Jane Okafor"]);
    // The people in the photo are the story's; its photographer, credited twice, is not.
    assert!(
        got.front.actors.iter().any(|a| a == "Maria Okoye"),
        "{:?}",
        got.front.actors
    );
    assert!(
        !got.front.actors.iter().any(|a| a.contains("Roe")),
        "{:?}",
        got.front.actors
    );
}

#[test]
fn a_wires_bracketed_credit_on_a_line_of_its_own_names_the_reporters_and_no_actors() {
    let ctx = ImportContext::with_defaults(&[]);
    for (credit, byline) in [
        (
            "(Reporting by Jane Okafor; Editing by Tom Reyes)",
            &["Jane Okafor"][..],
        ),
        (
            "(By Jane Okafor and Sarah Morland; Editing by David Alire Garcia)",
            &["Jane Okafor", "Sarah Morland"],
        ),
    ] {
        let text = format!("{HEADLINE}\n\n{LEAD}\n\n{MORE}\n\n{credit}\n");
        let got = import_text(&text, "t.txt", &ctx);
        assert_eq!(got.front.byline, byline, "{credit}");
        assert!(
            got.front.actors.is_empty(),
            "{credit}: {:?}",
            got.front.actors
        );
        assert!(!got.body.contains("Editing"), "{}", got.body);
    }
}

#[test]
fn the_writers_note_on_themselves_closing_the_story_is_the_byline() {
    let ctx = ImportContext::with_defaults(&[]);
    let text = format!(
        "{HEADLINE}\n\n{LEAD}\n\n{MORE}\n\nJane Okafor is a Portville-based journalist and a \
        regular contributor to Valley Radio.\n"
    );
    let got = import_text(&text, "t.txt", &ctx);
    assert_eq!(got.front.byline, ["Jane Okafor"]);
    assert!(got.front.actors.is_empty(), "{:?}", got.front.actors);
    assert!(!got.body.contains("contributor"), "{}", got.body);
    // A journalist the story is about, in its opening, is no byline.
    let text = format!(
        "{HEADLINE}\n\nJane Okafor is a journalist who was detained on Monday, her lawyer said.\n\n\
        {LEAD}\n\n{MORE}\n\nThe board meets again next month.\n"
    );
    assert!(import_text(&text, "t.txt", &ctx).front.byline.is_empty());
}

#[test]
fn a_paywalls_notice_run_on_after_the_teaser_leaves_the_teaser() {
    let ctx = ImportContext::with_defaults(&[]);
    let text = "PORTVILLE – Jane Okafor is one of the most experienced engineers ever to be \
        appointed by the harbour authority to head such... To access this content, please \
        purchase a subscription by clicking the button below and select a package of your \
        choice! Subscriptions\n";
    let got = import_text(text, "t.txt", &ctx);
    assert!(
        got.body.contains("most experienced engineers"),
        "{}",
        got.body
    );
    assert!(!got.body.contains("subscription"), "{}", got.body);
}

#[test]
fn a_byline_between_bars_after_the_stories_place_is_the_byline_and_no_actor() {
    let ctx = ImportContext::with_defaults(&[]);
    let text = format!(
        "{HEADLINE}\n\nPortville, Valley | By Jane Okafor | The council approved the new \
         budget on Tuesday 6, February 2024 after a nine-hour debate, the clerk said.\n\n{MORE}\n"
    );
    let got = import_text(&text, "t.txt", &ctx);
    assert_eq!(got.front.byline, ["Jane Okafor"]);
    assert!(!got.front.actors.iter().any(|a| a.contains("Okafor")));
    assert!(
        got.body.starts_with("Portville, Valley") && !got.body.contains("By Jane"),
        "{}",
        got.body
    );
    assert_eq!(
        got.front.date.map(|d| d.to_string()).as_deref(),
        Some("2024-02-06")
    );
    // Fields of a story that name no person are left as they are.
    let text = format!(
        "{HEADLINE}\n\nPortville | By the numbers | The council approved the new budget after a \
         nine-hour debate on Tuesday, the clerk said.\n\n{MORE}\n"
    );
    let got = import_text(&text, "t.txt", &ctx);
    assert!(got.front.byline.is_empty());
}
