//! The page kinds, one module each: every module holds the view its template is given (the
//! context besides `site`, `t` and the common variables) and the [`Renderer`](super::Renderer)
//! method that makes it. `render/mod.rs` only dispatches a [`Page`](super::Page) to them.

pub mod article;
pub mod book;
pub mod home;
pub mod lists;
pub mod not_found;
pub mod pager;
pub mod search;
pub mod term;
pub mod term_index;
pub mod timeline;
pub mod year;
pub mod years;
