//! The book's Markdown dialect: the one set of parser options every stage reads bodies with
//! (CommonMark with tables, footnotes, strikethrough, smart punctuation and heading attributes).
//! It sits below link and render alike, as mdBook's `mdbook-markdown` does, so that no stage
//! reaches into the renderer to parse.

use pulldown_cmark::{Options, Parser};

/// The parser options of the dialect.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A parser of `text` in the dialect.
pub fn parser(text: &str) -> Parser<'_> {
    Parser::new_ext(text, options())
}

/// The events of `text` in the dialect with adjacent texts merged, as one list: the form every
/// stage that reads a body's words takes (smart punctuation would otherwise split a sentence
/// into several texts), made once per text and read by as many consumers as need it.
pub fn merged_events(text: &str) -> Vec<pulldown_cmark::Event<'_>> {
    pulldown_cmark::TextMergeStream::new(parser(text)).collect()
}
