//! `briefbook serve`: builds the book into memory, serves it over HTTP and, with `--watch`,
//! rebuilds incrementally on every change and reloads open browser tabs.

mod deps;
pub mod incremental;
