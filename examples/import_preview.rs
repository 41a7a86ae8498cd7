//! Prints what import makes of each file, without writing anything:
//! `cargo run --example import_preview -- [--actors ACTORS.yaml] FILE...`

use std::path::Path;

use briefbook::import::{import_html, import_text, render_article, ImportContext};
use briefbook::load::parse_list;
use briefbook::model::ActorEntry;

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut actors: Vec<ActorEntry> = Vec::new();
    if let Some(i) = args.iter().position(|a| a == "--actors") {
        let path = args.get(i + 1).cloned().unwrap_or_default();
        let text = std::fs::read_to_string(&path)?;
        actors = parse_list(Path::new(&path), &text).map_err(|d| anyhow::anyhow!("{d}"))?;
        args.drain(i..=i + 1);
    }
    let ctx = ImportContext::with_defaults(&actors);
    for path in &args {
        let text = String::from_utf8_lossy(&std::fs::read(path)?).into_owned();
        let imported = if path.ends_with(".html") || path.ends_with(".htm") {
            import_html(&text, path, &ctx).map_err(|e| anyhow::anyhow!("{path}: {e}"))?
        } else {
            import_text(&text, path, &ctx)
        };
        println!("==> {path} ({}.md)", imported.file_stem());
        print!("{}", render_article(&imported.front, &imported.body));
        for actor in &imported.new_actors {
            println!("    new actor: {actor:?}");
        }
    }
    Ok(())
}
