//! Helpers shared by the integration tests.
// Each test crate uses a part of these.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

/// Copies the folder `from` (a fixture book) to `to`, creating `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Appends `lines` (TOML) to the `briefbook.toml` of the book at `root`, creating it if missing.
pub fn append_config(root: &Path, lines: &str) {
    let path = root.join("briefbook.toml");
    let config = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(&path, format!("{config}\n{lines}\n")).unwrap();
}

/// Every file under `dir`, as paths relative to it with `/` separators.
pub fn relative_files(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// Chromium (`program`) headless, quiet and with a fresh first run, ready for more arguments.
pub fn headless_chromium(program: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(program);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ]);
    command
}
