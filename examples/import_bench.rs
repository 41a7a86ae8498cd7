//! Times `briefbook::import::run` on a folder of raw articles, writing into a temporary folder:
//! `cargo run --release --example import_bench -- RAW_DIR` (make one with
//! `gen_corpus.py 10000 RAW_DIR --flavor raw`).

use std::time::Instant;

use briefbook::import::{run, ImportOptions, Outcome};

fn main() -> anyhow::Result<()> {
    let input = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: import_bench RAW_DIR"))?;
    let book = tempfile::tempdir()?;
    let options = ImportOptions {
        root: book.path().to_path_buf(),
        into: Some(book.path().join("out")),
        inputs: vec![input.into()],
        ..ImportOptions::default()
    };
    let start = Instant::now();
    let report = run(&options)?;
    let elapsed = start.elapsed();
    println!(
        "{} inputs: {} written, {} failed, {} with fields to review in {:.3} s",
        report.records.len(),
        report.count(|o| *o == Outcome::Written),
        report.count(|o| matches!(o, Outcome::Failed(_))),
        report
            .records
            .iter()
            .filter(|r| !r.review.is_empty())
            .count(),
        elapsed.as_secs_f64()
    );
    Ok(())
}
