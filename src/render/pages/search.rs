//! The search page (`search/`).

use serde::Serialize;

/// Nothing of its own: the page's script fetches the search index, and the template needs only
/// `site`, `t` and the common variables.
#[derive(Serialize)]
pub struct SearchView {}
