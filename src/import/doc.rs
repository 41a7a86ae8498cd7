//! The shared shape of an imported document: every line of the input sorted into a kind, and the
//! body blocks built from them. Sorting (`chrome`), structure (`clean`) and the field passes
//! (`headline`, `dates`, `outlets`, `actors`…) all read and write these types, so they live
//! here, below all of them, and no pass has to reach into another for them.

use std::sync::LazyLock;

use regex::Regex;

/// What a line of the raw text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Blank,
    /// Navigation, widgets, lists of other stories: dropped.
    Junk,
    Meta(Meta),
    /// Text before the headline: section labels, page clocks.
    PreTitle,
    Title,
    Body,
}

/// Metadata lines: taken out of the body, read by the field passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Meta {
    /// `Published : Sept 19, 2017 - 14:34`, `입력 2018.01.05 (14:53)`, a bare date line.
    Stamp,
    /// `By Kim Ji-eun, staff reporter`.
    Byline,
    /// `Source: Yonhap News Agency`.
    Source,
    /// `(ATTN: RECASTS headline)`.
    Note,
    /// E-mail addresses, `(END)`, "Please direct comments to …".
    Contact,
    /// `Reporting by …; Editing by …`, `… contributed to this report.`
    Credit,
    /// `© 2017 The Korea Herald. All rights reserved.`
    Copyright,
    /// A line that is only a URL.
    Url,
    /// A masthead or another line of a known site's page layout.
    Layout,
}

#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub text: String,
    pub kind: Kind,
    /// Printed after a bullet (`•`, `-`, `*`): a point of a list, a menu item or a summary's
    /// point under a headline, never the headline itself.
    pub bullet: bool,
}

/// A body block in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    Para(String),
    Caption(String),
    /// A saved page's image `n` (see [`super::Figure`]), with its caption once import has read
    /// the figures (the marker line before).
    Figure(usize, String),
}

impl Block {
    pub fn text(&self) -> &str {
        match self {
            Block::Para(t) | Block::Caption(t) | Block::Figure(_, t) => t,
        }
    }
}

/// What a dateline says.
#[derive(Debug, Clone)]
pub(crate) struct Dateline {
    pub place: String,
    /// `Feb. 7`, when the dateline carries the day.
    pub month_day: Option<String>,
    /// `Yonhap`, `AP`: who filed it.
    pub org: Option<String>,
    /// `May 21, 1999`, when the dateline's brackets carry the full date before who filed it
    /// (`SUVA (May 21, 1999 – Radio Wire)---`).
    pub full_date: Option<String>,
}

/// The sorted lines and the body built from them.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub lines: Vec<Line>,
    pub blocks: Vec<Block>,
    /// Whether the headline was picked on strong evidence; otherwise the editor should check it.
    pub title_sure: bool,
    /// The first paragraphs' dateline, read on first use (see `headline::first_dateline`).
    pub dateline: std::cell::OnceCell<Option<Dateline>>,
}

impl Doc {
    pub fn meta(&self, which: Meta) -> impl Iterator<Item = &str> {
        self.lines
            .iter()
            .filter(move |l| l.kind == Kind::Meta(which))
            .map(|l| l.text.as_str())
    }

    pub fn title_line(&self) -> Option<&str> {
        self.lines
            .iter()
            .find(|l| l.kind == Kind::Title)
            .map(|l| l.text.as_str())
    }

    /// The first URL the text gives for itself.
    pub fn url(&self) -> Option<String> {
        self.meta(Meta::Url)
            .filter_map(|l| URL.find(l))
            .map(|m| m.as_str().trim_end_matches(['.', ',', ')']).to_string())
            .next()
    }

    /// Body paragraphs (not captions).
    pub fn paragraphs(&self) -> impl DoubleEndedIterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Para(t) => Some(t.as_str()),
            Block::Caption(_) | Block::Figure(..) => None,
        })
    }
}

/// A web address inside a line.
static URL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"https?://[^\s<>\[\]]+").unwrap());
