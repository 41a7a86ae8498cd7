//! Theme assets (CSS, JS, icons): embedded defaults, each replaceable by a file of the same name
//! in the book's `theme/` folder; extra files there are copied too.

use std::path::Path;

use crate::error::Error;

/// The built-in theme files, by path under `theme/`.
pub const DEFAULT_ASSETS: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../theme/style.css")),
    (
        "annotations.css",
        include_bytes!("../../theme/annotations.css"),
    ),
    ("favicon.svg", include_bytes!("../../theme/favicon.svg")),
    ("publish.css", include_bytes!("../../theme/publish.css")),
    ("search.js", include_bytes!("../../theme/search.js")),
    ("copy.js", include_bytes!("../../theme/copy.js")),
    ("notes.js", include_bytes!("../../theme/notes.js")),
    ("file-links.js", include_bytes!("../../theme/file-links.js")),
];

/// The output folder the theme is copied to.
pub const ASSET_DIR: &str = "theme";

/// Every theme file as (output path, bytes): defaults overridden by and extended with `root/theme/`.
pub fn collect_assets(root: &Path) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut assets: Vec<(String, Vec<u8>)> = DEFAULT_ASSETS
        .iter()
        .map(|(name, bytes)| (format!("{ASSET_DIR}/{name}"), bytes.to_vec()))
        .collect();
    let dir = root.join(ASSET_DIR);
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|source| Error::Unlisted {
                dir: dir.clone(),
                source,
            })?;
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file()
                || name.starts_with('.')
                || name.ends_with('~')
                || name.ends_with(".swp")
            {
                continue;
            }
            let relative = entry
                .path()
                .strip_prefix(&dir)
                .expect("walkdir yields paths under its root")
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            let path = format!("{ASSET_DIR}/{relative}");
            match assets.iter_mut().find(|(p, _)| *p == path) {
                Some(slot) => slot.1 = bytes,
                None => assets.push((path, bytes)),
            }
        }
    }
    assets.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(assets)
}
