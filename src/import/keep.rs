//! Keep: the book's copies of its sources under `sources/`, and the write-then-move of every
//! file import makes, so a failed write (a full disk) never leaves half a file or a partial one.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::run::ImportOptions;
use super::write::hash_hex;

/// Folder of the book that keeps copies of inputs imported from elsewhere.
pub const SOURCES_DIR: &str = "sources";

/// Keeps a run's sources: its options, and whether the inputs' hard links into the book have
/// failed for crossing devices, after which they are not tried again (a failing link per input
/// costs a system call for nothing when the inputs are on another disk).
pub(crate) struct Keeper<'a> {
    options: &'a ImportOptions,
    links_cross_devices: AtomicBool,
}

impl<'a> Keeper<'a> {
    pub fn new(options: &'a ImportOptions) -> Self {
        Keeper {
            options,
            links_cross_devices: AtomicBool::new(false),
        }
    }

    /// `link_from`, unless a link has already failed for crossing devices.
    fn worth_linking<'p>(&self, link_from: Option<&'p Path>) -> Option<&'p Path> {
        link_from.filter(|_| !self.links_cross_devices.load(Ordering::Relaxed))
    }

    fn note_link_failure(&self, error: &std::io::Error) {
        if error.kind() == std::io::ErrorKind::CrossesDevices {
            self.links_cross_devices.store(true, Ordering::Relaxed);
        }
    }
}

/// Where the article's source lives, relative to the book root: the input itself when it is in
/// the book, else a copy kept under `sources/` (so the article can be re-imported and checked
/// against its source, and no path of the editor's machine is ever recorded or published).
/// Also returns the copy it made, if it made one.
pub(crate) fn source_in_book(
    path: &Path,
    bytes: &[u8],
    keeper: &Keeper,
) -> Result<(String, Option<PathBuf>), String> {
    let options = keeper.options;
    // Absolute, without resolving links (a `realpath` per input costs more than the import).
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    if let Ok(inside) = absolute(path).strip_prefix(absolute(&options.root)) {
        if !inside.starts_with("..") {
            return Ok((inside.to_string_lossy().replace('\\', "/"), None));
        }
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "source".to_string());
    keep_source(&name, bytes, Some(path), keeper)
}

/// Keeps `bytes` under `sources/` as `name`, or as `name` with their hash when another source
/// took that name; returns the path relative to the book root. `link_from` is the input file,
/// hard-linked where it can be (no second copy of the bytes). Also returns the file it created,
/// if it created one.
pub(crate) fn keep_source(
    name: &str,
    bytes: &[u8],
    link_from: Option<&Path>,
    keeper: &Keeper,
) -> Result<(String, Option<PathBuf>), String> {
    let options = keeper.options;
    let dir = options.root.join(SOURCES_DIR);
    // Same name, other bytes (two folders' `article.txt`): the copy's name gets the content hash,
    // worked out only when the plain name is taken.
    let hashed = || {
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        let hash = &hash_hex(bytes)[..12];
        if ext.is_empty() {
            format!("{stem}-{hash}")
        } else {
            format!("{stem}-{hash}.{ext}")
        }
    };
    for candidate in [Some(name.to_string()), None] {
        let candidate = candidate.unwrap_or_else(hashed);
        let target = dir.join(&candidate);
        // The link (or copy) is tried first: it finds a name already taken by itself, so a new
        // source costs one call instead of a failed read, a folder check and a read back.
        if !options.dry_run {
            let created = place_new_file(&dir, &target, bytes, link_from, keeper)
                .map_err(|e| format!("{}: cannot keep a copy: {e}", target.display()))?;
            if created {
                return Ok((format!("{SOURCES_DIR}/{candidate}"), Some(target)));
            }
        }
        match std::fs::read(&target) {
            Ok(existing) if existing == bytes => {
                return Ok((format!("{SOURCES_DIR}/{candidate}"), None))
            }
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && options.dry_run => {
                return Ok((format!("{SOURCES_DIR}/{candidate}"), None));
            }
            Err(e) => return Err(format!("{}: cannot read: {e}", target.display())),
        }
    }
    Err(format!("{name}: cannot keep a copy under {SOURCES_DIR}/"))
}

/// Creates `target` in `dir` with `bytes` unless it exists (another source, or another input of
/// this run, took the name: the caller compares), making `dir` when it is missing. Says whether
/// it created the file.
fn place_new_file(
    dir: &Path,
    target: &Path,
    bytes: &[u8],
    link_from: Option<&Path>,
    keeper: &Keeper,
) -> std::io::Result<bool> {
    match place_new_file_in_place(target, bytes, link_from, keeper) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir)?;
            place_new_file_in_place(target, bytes, link_from, keeper)
        }
        result => result,
    }
}

/// Creates `target` with `bytes` unless it exists: a hard link to `link_from` where the file
/// systems allow, else a copy written beside it and linked into place, so a failed write never
/// leaves half a source. Says whether it created the file.
fn place_new_file_in_place(
    target: &Path,
    bytes: &[u8],
    link_from: Option<&Path>,
    keeper: &Keeper,
) -> std::io::Result<bool> {
    let linked = keeper
        .worth_linking(link_from)
        .map(|from| std::fs::hard_link(from, target));
    let result = match linked {
        Some(Ok(())) => Ok(()),
        Some(Err(e)) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        other => {
            if let Some(Err(e)) = &other {
                keeper.note_link_failure(e);
            }
            let temp = partial_path(target);
            let written =
                std::fs::write(&temp, bytes).and_then(|()| std::fs::hard_link(&temp, target));
            let _ = std::fs::remove_file(&temp);
            written
        }
    };
    match result {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// The partial file a write goes through before it is moved into place: hidden, beside it.
fn partial_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("article.md");
    path.with_file_name(format!(".{name}.importing"))
}

/// Writes through a partial file in the same folder, so a crash never leaves half an article,
/// and removes the partial file when the write fails (a full disk, a lost permission).
pub(crate) fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let temp = partial_path(path);
    std::fs::write(&temp, text)
        .and_then(|()| std::fs::rename(&temp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
}
