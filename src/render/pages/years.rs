//! The index of years (`years/`), with the undated articles.

use serde::Serialize;

use crate::error::Error;
use crate::link::Taxonomy;
use crate::render::context::CountedLink;
use crate::render::{to_context, Renderer};

/// What `years.html` (the index of years) is given.
#[derive(Serialize)]
struct YearsView {
    years: Vec<CountedLink>,
    undated: String,
}

impl<'a> Renderer<'a> {
    /// The index of years, newest first, and the undated articles.
    pub(in crate::render) fn years(&self, root: &str) -> Result<tera::Context, Error> {
        let linked = self.linked;
        let pairs = linked
            .term_ids(Taxonomy::Year)
            .zip(&linked.years)
            .rev()
            .map(|(i, y)| (i, y.articles.len()));
        to_context(&YearsView {
            years: self.shared.counted(Taxonomy::Year, pairs, usize::MAX),
            undated: self.list_html(linked.undated.iter().copied(), root)?,
        })
    }
}
