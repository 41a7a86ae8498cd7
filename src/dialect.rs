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
