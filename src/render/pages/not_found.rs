//! The page served at any missing address (`404.html`).

use serde::Serialize;

/// Nothing of its own: the template needs only `site`, `t` and the common variables, with a
/// root that is absolute, for the page is served at any depth.
#[derive(Serialize)]
pub struct NotFoundView {}
