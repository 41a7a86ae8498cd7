//! briefbook: a static-site generator for annotated briefing books.
//!
//! The pipeline runs one way, one module per stage:
//! [`import`] (raw text → Markdown) → [`load`] (content folder → [`model::Book`]) →
//! [`link`] (taxonomies, cross-links) → [`render`] (pages in memory) → [`write`] (atomic output),
//! with [`serve`] watching and rebuilding. The binary in `main.rs` is a thin CLI over this library.

pub mod build;
pub mod check;
pub mod compose;
pub mod config;
pub mod dialect;
pub mod error;
pub mod import;
pub mod init;
pub mod layout;
pub mod link;
pub mod load;
pub mod model;
pub mod pdf;
pub mod progress;
pub mod renames;
pub mod render;
pub mod review;
pub mod serve;
pub mod slug;
pub mod write;
pub mod yaml;
