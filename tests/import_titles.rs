//! Which line of a raw text import takes for its headline when the page around it holds lines of
//! a headline's shape that are not: contact lines, photo captions, decks, other stories'
//! headlines, promotions, programme slots. Every text here is written for this test.

use briefbook::import::{import_text, ImportContext};

const STORY: &str = "The harbour authority on Tuesday postponed a vote on the planned container \
    terminal after residents filed more than 400 objections, the chair told reporters outside \
    the meeting.\n\nResidents of the eastern districts said the terminal would bring heavy \
    traffic through their streets day and night, and asked for a new study of its effects.\n";

const HEADLINE: &str = "Harbour authority delays vote on container terminal";

/// The title import drafts for `head` followed by the story, and whether it asks for review.
fn read(head: &str) -> (String, Vec<String>, bool) {
    let ctx = ImportContext::new(&[], &[], &[]).unwrap();
    let text = format!("{head}\n\n{STORY}");
    let got = import_text(&text, "t.txt", &ctx);
    let review = got.front.review.contains("title");
    (got.front.title, got.front.byline, review)
}

#[track_caller]
fn title_of(head: &str) -> String {
    read(head).0
}

#[test]
fn a_reporters_profile_line_with_phone_and_address_is_no_headline() {
    let (title, byline, _) = read(
        "Jane Okafor Reporter with Valley Courier | Published work | + 44 20 7946 0000 | \
         jane.okafor@courier.example\n\nJane Okafor\nHarbour authority delays vote on container \
         terminal",
    );
    assert_eq!(title, HEADLINE);
    assert_eq!(
        byline,
        ["Jane Okafor"],
        "the name above the headline is its byline"
    );
}

#[test]
fn a_caption_cut_short_and_its_full_printing_are_passed_over() {
    let head = "Harbour authority delays vote on container terminal\n\n\
        Residents gather outside the harbour office ahead of the meeting on...\n\
        Residents gather outside the harbour office ahead of the meeting on Tuesday. Photo: \
        Tomas Reyes";
    assert_eq!(title_of(head), HEADLINE);
}

#[test]
fn a_caption_credited_photo_slash_name_is_no_headline_even_printed_twice() {
    let caption = "Harbour chair Ana Lopez speaks at the authority's office. Photo / Tomas Reyes \
        March 4 2025";
    let head = format!("Home /\n\n{HEADLINE}\n\nValley Courier\n{caption}\n\n{caption}");
    assert_eq!(title_of(&head), HEADLINE);
    let agency = "Harbour chair Ana Lopez speaks at the authority's office in the port. (AFP)";
    assert_eq!(title_of(&format!("{agency}\n\n{HEADLINE}")), HEADLINE);
}

#[test]
fn deck_items_under_a_headline_printed_twice_are_not_the_headline() {
    let head = format!(
        "{HEADLINE}\n\nShort Url\nUpdated 4 March 2025\nFollow\n\n{HEADLINE}\n\n\
         • The delay gives residents' objections a hearing before any building starts\n\
         • Officials expect a new vote once an independent traffic study is finished"
    );
    let (title, _, review) = read(&head);
    assert_eq!(title, HEADLINE);
    assert!(!review, "a headline printed twice is sure");
}

#[test]
fn a_list_of_other_stories_above_the_section_label_is_passed_over() {
    let head = format!(
        "Rail union calls off weekend strike after late talks\n\n\
         Museum reopens west wing after two years of repairs\n\n\
         Drought: farmers in the north plead for water quotas\n\n\
         City council approves budget with cuts to parks\n\n\
         Ferry operator adds winter crossings to the islands\n\n\
         Ports\n\n{HEADLINE}\n\n\
         © Tomas Reyes / AFP | Residents protest outside the harbour office on March 3, 2025\n\n\
         Text by NEWS DESK\n\nLatest update : 2025-03-04"
    );
    assert_eq!(title_of(&head), HEADLINE);
}

#[test]
fn promotions_and_programme_slots_are_no_headlines() {
    let head = format!(
        "Get all your news in one place.\nRead 100s of premium titles.\nStart reading\n\n\
         Live\n\nHighlights on The Morning Harbour Show\n\n07:00 AM-10:00 AM\n\n\
         Highlights on The Morning Harbour Show\n\n{HEADLINE}"
    );
    assert_eq!(title_of(&head), HEADLINE);
}

#[test]
fn a_feed_footer_quoting_the_headline_settles_the_pick() {
    let ctx = ImportContext::new(&[], &[], &[]).unwrap();
    let text = format!(
        "Residents rally at the harbour office before the meeting\n\n{HEADLINE}\n\n{STORY}\n\
         The post {HEADLINE} appeared first on Valley Courier.\n"
    );
    let got = import_text(&text, "t.txt", &ctx);
    assert_eq!(got.front.title, HEADLINE);
    assert!(!got.front.review.contains("title"));
}

#[test]
fn a_headline_glued_to_its_standfirst_is_split_and_flagged() {
    let ctx = ImportContext::new(&[], &[], &[]).unwrap();
    let text = format!(
        "Harbour authority delays vote on container terminal, chair says The authority \
         has answered more than 400 objections filed by residents of the eastern districts\n\n\
         {STORY}"
    );
    let got = import_text(&text, "t.txt", &ctx);
    assert_eq!(
        got.front.title,
        "Harbour authority delays vote on container terminal, chair says"
    );
    assert!(
        got.front.review.contains("title"),
        "the split is the editor's to confirm"
    );
    assert!(
        got.body.starts_with("The authority has answered"),
        "the standfirst stays in the body: {}",
        got.body
    );
}

#[test]
fn a_date_stamp_glued_after_the_headline_is_cut_off() {
    let head = format!("World\n{HEADLINE}─── 07:15 Tue, 4 Mar 2025");
    assert_eq!(title_of(&head), HEADLINE);
}

#[test]
fn a_section_label_printed_twice_above_the_headline_does_not_demote_it() {
    let head = format!("World News\nPorts\nWorld News\n\n{HEADLINE}\n\nBy Jane Okafor");
    let (title, byline, review) = read(&head);
    assert_eq!(title, HEADLINE);
    assert_eq!(byline, ["Jane Okafor"]);
    assert!(!review, "the headline with its byline under it is sure");
}

#[test]
fn a_deck_of_bullets_running_into_the_story_leaves_the_headline_its_place() {
    let head = format!(
        "{HEADLINE}\n\n\
         • Residents filed more than 400 objections to the planned terminal\n\
         • The chair says a new traffic study will take at least a year\n\
         • Shipping lines warn the delay will push cargo to other ports\n\
         • Unions say hundreds of jobs depend on the new terminal"
    );
    assert_eq!(title_of(&head), HEADLINE);
}

#[test]
fn a_short_headline_with_its_byline_under_it_wins_over_a_forms_label() {
    let head = "• Subscribe to our newsletter\n\n    Email address\n\n  • Archives\n\n  • Tags\n\n\
        • Harbour Categories\n\n  • « | Main | »\n\n    Harbour vote delayed\n\n    By admin | \
        August 15, 2006";
    assert_eq!(title_of(head), "Harbour vote delayed");
}

#[test]
fn a_headline_a_photos_caption_repeats_with_its_credit_stays_the_headline() {
    let head = format!(
        "{HEADLINE}\n\nBy Jane Okafor\n\nApr 10, 2024 07:24 PM EDT\n\n\
        {HEADLINE}(JANE ROE/AFP via Getty Images) (Credit: Getty Image)"
    );
    assert_eq!(title_of(&head), HEADLINE);
}

#[test]
fn a_widgets_title_over_a_table_copied_cell_by_cell_is_no_headline() {
    let head = format!(
        "Inter Bank Rates\n|Currency\n|Buying\n|Selling\n|U.S Dollar\n|4.3540\n|4.3583\n|Euro\n\
        |4.9728\n|4.9770\n{HEADLINE}"
    );
    assert_eq!(title_of(&head), HEADLINE);
}

#[test]
fn a_long_headline_over_a_summarys_bullet_points_stays_the_headline() {
    let head = "Harbour authority delays vote on container terminal after hundreds of residents \
        object, as the chair admits the plans may have to be redrawn before the summer\n\
        - The vote was put off after more than 400 objections were filed\n\
        - Residents fear heavy traffic through the eastern districts\n\
        - The chair said a new study of the terminal's effects was needed";
    assert!(
        title_of(head).starts_with("Harbour authority delays vote"),
        "{}",
        title_of(head)
    );
}
