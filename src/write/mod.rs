//! Write: puts rendered outputs on disk so that a failed build never leaves a half-written site.
//! Every file goes first into a staging folder beside the output. A first build then renames the
//! staging folder into place. A rebuild stages only the files whose bytes differ from the
//! output's, then moves each into place and removes the files the site no longer has: unchanged
//! files keep their inode and modification time (so `rsync` to a host sends only what changed),
//! and no build creates and deletes the whole site again, which on some file systems makes the
//! next build slow. A folder briefbook did not create is never touched. Beside the output, a
//! [`manifest`] of what was written lets the next build know an unchanged file from `stat` and a
//! hash, without reading it back.

pub mod manifest;

use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::{Error, OutputRefusal};
use crate::render::Output;
use manifest::{Manifest, Recorded};

/// The file that marks a folder as briefbook's output, safe to replace.
pub const MARKER_FILE: &str = ".briefbook-output";

/// The manifest beside an output folder `public` is `.public.briefbook-manifest`.
pub const MANIFEST_SUFFIX: &str = "briefbook-manifest";

/// What the marker file says.
const MARKER_TEXT: &str = "This folder is written by briefbook and replaced on every build.\n";

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files the site has.
    pub files: usize,
    pub bytes: u64,
    /// Files written (new or changed); the others were already in the output as they are.
    pub changed: usize,
    /// Unchanged files the manifest vouched for, so they were not read back.
    pub vouched: usize,
}

/// Replaces `output_dir` with exactly `outputs`.
pub fn write_site(output_dir: &Path, outputs: &[Output]) -> Result<WriteStats, Error> {
    write_site_with(output_dir, |staging| {
        outputs
            .par_iter()
            .try_for_each(|output| staging.write(output))
    })
}

/// The staging folder of a build being written: `fill` calls [`Staging::write`] for every file,
/// from any thread, typically as each page is rendered.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    /// The output being replaced, whose files are compared with the new ones.
    current: Option<PathBuf>,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// Every path of the new site when it replaces an output (to find the stale files), and
    /// those of them staged (new or changed).
    paths: Mutex<Vec<String>>,
    /// The staged files, with the hash of their bytes.
    changed: Mutex<Vec<(String, u128)>>,
    /// What the last build's manifest says of the output being replaced.
    previous: Option<Manifest>,
    vouched: AtomicUsize,
    /// The next manifest: the files known to be in place, with what `stat` says of them.
    recorded: Mutex<Vec<(String, Recorded)>>,
    /// Folders already made: most files share one (`search/index/`), and asking the file
    /// system again costs two system calls per file.
    made: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    fn new(dir: &Path, current: Option<&Path>, previous: Option<Manifest>) -> Self {
        Staging {
            dir: dir.to_path_buf(),
            current: current.map(Path::to_path_buf),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            paths: Mutex::new(Vec::new()),
            changed: Mutex::new(Vec::new()),
            previous,
            vouched: AtomicUsize::new(0),
            recorded: Mutex::new(Vec::new()),
            made: Mutex::new(HashSet::new()),
        }
    }

    fn record(&self, path: &str, meta: &std::fs::Metadata, hash: u128) {
        if let (Some(recorded), Ok(mut list)) = (Recorded::of(meta, hash), self.recorded.lock()) {
            list.push((path.to_string(), recorded));
        }
    }

    /// The metadata of the output's file at `path` when it already holds `output`'s bytes: as
    /// the manifest vouches, or else as reading it shows.
    fn unchanged(&self, current: &Path, output: &Output, hash: u128) -> Option<std::fs::Metadata> {
        let meta = std::fs::symlink_metadata(current.join(&output.path))
            .ok()
            .filter(|m| m.is_file() && m.len() == output.bytes.len() as u64)?;
        if let Some(previous) = &self.previous {
            if previous.vouches(&output.path, &meta, hash) {
                self.vouched.fetch_add(1, Ordering::Relaxed);
                return Some(meta);
            }
        }
        let old = std::fs::read(current.join(&output.path)).ok()?;
        (old == output.bytes).then_some(meta)
    }

    /// Writes one file of the site (its folders are created as needed), unless the output
    /// being replaced already has it with these bytes.
    pub fn write(&self, output: &Output) -> Result<(), Error> {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes
            .fetch_add(output.bytes.len() as u64, Ordering::Relaxed);
        let hash = manifest::hash(&output.bytes);
        if let Some(current) = &self.current {
            push(&self.paths, &output.path);
            if let Some(meta) = self.unchanged(current, output, hash) {
                self.record(&output.path, &meta, hash);
                return Ok(());
            }
        }
        let path = self.dir.join(&output.path);
        if let Some(parent) = path.parent() {
            let made = self.made.lock().is_ok_and(|made| made.contains(parent));
            if !made {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                if let Ok(mut made) = self.made.lock() {
                    made.insert(parent.to_path_buf());
                }
            }
        }
        let mut file = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        file.write_all(&output.bytes)
            .map_err(|e| Error::io(&path, e))?;
        // A first build renames the staging folder whole, which leaves its files as they are;
        // a rebuild moves each staged file, so it is recorded once moved.
        if self.current.is_none() {
            if let Ok(meta) = file.metadata() {
                self.record(&output.path, &meta, hash);
            }
        }
        if let Ok(mut changed) = self.changed.lock() {
            changed.push((output.path.clone(), hash));
        }
        Ok(())
    }
}

fn push(list: &Mutex<Vec<String>>, path: &str) {
    if let Ok(mut list) = list.lock() {
        list.push(path.to_string());
    }
}

/// Replaces `output_dir` with exactly the files `fill` writes. If `fill` fails (a page does not
/// render, a disk is full) the previous output stays as it was. An output that is a symbolic
/// link is written where the link points, with the staging folder beside the real folder.
pub fn write_site_with(
    output_dir: &Path,
    fill: impl FnOnce(&Staging) -> Result<(), Error>,
) -> Result<WriteStats, Error> {
    let output_dir = &resolve_link(output_dir)?;
    ensure_replaceable(output_dir)?;
    let parent = output_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let name = output_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".to_string());
    // One build at a time writes an output: the lock is the operating system's, so a build
    // killed with -9 releases it, and a second build is told rather than left to race.
    let lock_path = parent.join(format!(".{name}.briefbook-lock"));
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| Error::io(&lock_path, e))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(Error::io(
                output_dir,
                std::io::Error::other(
                    "another briefbook build is writing this folder right now; run this one \
                     again when it has finished",
                ),
            ))
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&lock_path, e)),
    }
    let manifest_path = parent.join(format!(".{name}.{MANIFEST_SUFFIX}"));
    // Holding the lock: first finish the commit a killed build left half done, so the output is
    // one whole site again whatever this build then does.
    let journal = Journal::beside(parent, &name);
    if journal.path.exists() {
        journal.finish(output_dir)?;
        let _ = std::fs::remove_file(&manifest_path);
    }
    // Any other staging folder of this output is a dead build's leftover.
    remove_dead_staging(parent, &name);
    let staging_dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
    if staging_dir.exists() {
        std::fs::remove_dir_all(&staging_dir).map_err(|e| Error::io(&staging_dir, e))?;
    }
    std::fs::create_dir_all(&staging_dir).map_err(|e| Error::io(&staging_dir, e))?;
    let written = stage_and_commit(output_dir, &staging_dir, &manifest_path, &journal, fill);
    // Whatever happened, the staging folder does not outlive this build.
    let _ = std::fs::remove_dir_all(&staging_dir);
    written
}

/// Fills the staging folder and moves it into the output (see [`write_site_with`]).
fn stage_and_commit(
    output_dir: &Path,
    staging_dir: &Path,
    manifest_path: &Path,
    journal: &Journal,
    fill: impl FnOnce(&Staging) -> Result<(), Error>,
) -> Result<WriteStats, Error> {
    // An output briefbook wrote is updated in place; an empty folder is simply replaced.
    let current = output_dir.join(MARKER_FILE).is_file().then_some(output_dir);
    let previous = current.and_then(|_| Manifest::load(manifest_path));
    let staging = Staging::new(staging_dir, current, previous);
    fill(&staging).and_then(|()| {
        staging.write(&Output {
            path: MARKER_FILE.to_string(),
            bytes: MARKER_TEXT.as_bytes().to_vec(),
        })
    })?;
    let paths = staging.paths.into_inner().unwrap_or_default();
    let mut changed = staging.changed.into_inner().unwrap_or_default();
    let mut recorded = staging.recorded.into_inner().unwrap_or_default();
    let stats = WriteStats {
        files: staging.files.into_inner(),
        bytes: staging.bytes.into_inner(),
        changed: changed.len(),
        vouched: staging.vouched.into_inner(),
    };
    if current.is_none() {
        replace_empty(staging_dir, output_dir)?;
    } else {
        // Pages new to the site go in before the pages that link to them are replaced, and
        // stale pages go last, so a reader mid-commit follows no link into nothing.
        changed.sort_by_cached_key(|(path, _)| output_dir.join(path).exists());
        let stale = stale_files(output_dir, &paths)?;
        // A rebuild that changes nothing (most saves in the preview touch one page) has nothing
        // to journal.
        let moves = !changed.is_empty() || !stale.is_empty();
        if moves {
            journal.begin(staging_dir, &stale)?;
        }
        let moved: Vec<&str> = changed.iter().map(|(p, _)| p.as_str()).collect();
        commit(staging_dir, output_dir, &moved)?;
        remove_files(output_dir, &stale)?;
        // Moved into place, the staged files have their final inode and change time.
        for (path, hash) in &changed {
            if let Ok(meta) = std::fs::symlink_metadata(output_dir.join(path)) {
                if let Some(r) = Recorded::of(&meta, *hash) {
                    recorded.push((path.clone(), r));
                }
            }
        }
    }
    // Only an accelerator: a build without it compares files by reading them.
    let _ = Manifest::save(manifest_path, &recorded);
    journal.end()?;
    Ok(stats)
}

/// The output a symbolic link points to, so that staging, lock and manifest sit beside the real
/// folder (a rename cannot cross file systems, and replacing the link would lose it).
fn resolve_link(output_dir: &Path) -> Result<PathBuf, Error> {
    let is_link = std::fs::symlink_metadata(output_dir).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(output_dir.to_path_buf());
    }
    std::fs::canonicalize(output_dir).map_err(|_| Error::Output {
        path: output_dir.to_path_buf(),
        refusal: OutputRefusal::DanglingLink,
    })
}

/// Puts a whole staged site where there was no output, or an empty folder.
fn replace_empty(staging_dir: &Path, output_dir: &Path) -> Result<(), Error> {
    // rename(2) replaces an empty folder in one step, so no moment is without an output.
    if std::fs::rename(staging_dir, output_dir).is_ok() {
        return Ok(());
    }
    if output_dir.is_dir() {
        std::fs::remove_dir(output_dir).map_err(|e| Error::io(output_dir, e))?;
    }
    std::fs::rename(staging_dir, output_dir).map_err(|e| Error::io(output_dir, e))
}

/// The commit journal beside an output (`.public.briefbook-commit`): written before a rebuild
/// moves its first file into the output and removed after the last, it names the staging folder
/// and the stale files. A build killed in between leaves it, and the next build finishes the
/// moves before anything else, so every page is either the old or the new one and the whole site
/// is the new one again before the output is used.
struct Journal {
    path: PathBuf,
    parent: PathBuf,
    /// The staging folders' prefix, `.public.staging-`.
    staging_prefix: String,
}

const JOURNAL_HEADER: &str = "briefbook-commit 1";

impl Journal {
    fn beside(parent: &Path, name: &str) -> Journal {
        Journal {
            path: parent.join(format!(".{name}.briefbook-commit")),
            parent: parent.to_path_buf(),
            staging_prefix: format!(".{name}.staging-"),
        }
    }

    /// Records a commit about to start, through a file renamed into place (never half there).
    fn begin(&self, staging_dir: &Path, stale: &[String]) -> Result<(), Error> {
        let staging_name = staging_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut text = format!("{JOURNAL_HEADER}\n{staging_name}\n");
        for path in stale.iter().filter(|p| !p.contains(['\n', '\r'])) {
            text.push_str(path);
            text.push('\n');
        }
        let mut temporary = self.path.as_os_str().to_owned();
        temporary.push(format!(".{}", std::process::id()));
        let temporary = PathBuf::from(temporary);
        let written = std::fs::File::create(&temporary)
            .and_then(|mut file| {
                file.write_all(text.as_bytes())
                    .and_then(|()| file.sync_all())
            })
            .and_then(|()| std::fs::rename(&temporary, &self.path));
        written.map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            Error::io(&self.path, e)
        })
    }

    /// The commit is complete.
    fn end(&self) -> Result<(), Error> {
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&self.path, e)),
            _ => Ok(()),
        }
    }

    /// Finishes the commit a killed build left: moves what is still staged, removes the stale
    /// files, then the journal. Safe to interrupt again: it picks up where it stopped.
    fn finish(&self, output_dir: &Path) -> Result<(), Error> {
        let text = std::fs::read_to_string(&self.path).unwrap_or_default();
        let mut lines = text.lines();
        let valid_header = lines.next() == Some(JOURNAL_HEADER);
        let staging_name = lines.next().unwrap_or_default();
        let is_ours = staging_name.starts_with(&self.staging_prefix) && !staging_name.contains('/');
        if valid_header && is_ours {
            let staging_dir = self.parent.join(staging_name);
            if staging_dir.is_dir() {
                let staged = staged_files(&staging_dir)?;
                let moved: Vec<&str> = staged.iter().map(String::as_str).collect();
                commit(&staging_dir, output_dir, &moved)?;
                let _ = std::fs::remove_dir_all(&staging_dir);
            }
            let stale: Vec<String> = lines.map(str::to_string).collect();
            remove_files(output_dir, &stale)?;
        }
        // A damaged journal cannot be finished; the build that follows compares every file by
        // reading it and removes whatever the site no longer has, which repairs the output too.
        self.end()
    }
}

/// The files under a staging folder, relative to it.
fn staged_files(staging_dir: &Path) -> Result<Vec<String>, Error> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(staging_dir).min_depth(1) {
        let entry = entry.map_err(|e| Error::io(staging_dir, e.into()))?;
        if !entry.file_type().is_dir() {
            if let Ok(relative) = entry.path().strip_prefix(staging_dir) {
                files.push(relative.to_string_lossy().into_owned());
            }
        }
    }
    Ok(files)
}

/// Removes the staging folders (`.public.staging-PID`) that builds killed mid-way left beside
/// the output. Called with the output's lock held, when no other build can be writing.
fn remove_dead_staging(parent: &Path, name: &str) {
    let prefix = format!(".{name}.staging-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let is_staging = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if is_staging && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Moves each staged file into the output, in place of the old one. A file of the old site where
/// the new one has a folder, or a folder where it has a file, is removed first.
fn commit(staging_dir: &Path, output_dir: &Path, changed: &[&str]) -> Result<(), Error> {
    let mut made: HashSet<PathBuf> = HashSet::new();
    for path in changed {
        let from = staging_dir.join(path);
        let to = output_dir.join(path);
        if let Some(parent) = to.parent() {
            if !made.contains(parent) {
                make_folder(output_dir, parent)?;
                made.insert(parent.to_path_buf());
            }
        }
        if std::fs::symlink_metadata(&to).is_ok_and(|m| m.is_dir()) {
            std::fs::remove_dir_all(&to).map_err(|e| Error::io(&to, e))?;
        }
        std::fs::rename(&from, &to).map_err(|e| Error::io(&to, e))?;
    }
    Ok(())
}

/// Makes `folder` (inside `output_dir`) and its parents, removing any file in the way.
fn make_folder(output_dir: &Path, folder: &Path) -> Result<(), Error> {
    if std::fs::create_dir_all(folder).is_ok() {
        return Ok(());
    }
    let mut ancestor = folder;
    while ancestor != output_dir {
        if std::fs::symlink_metadata(ancestor).is_ok_and(|m| !m.is_dir()) {
            std::fs::remove_file(ancestor).map_err(|e| Error::io(ancestor, e))?;
        }
        match ancestor.parent() {
            Some(parent) => ancestor = parent,
            None => break,
        }
    }
    std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))
}

/// The files of `output_dir` that are not among `paths` (the new site's).
fn stale_files(output_dir: &Path, paths: &[String]) -> Result<Vec<String>, Error> {
    let kept: HashSet<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let mut stale = Vec::new();
    for entry in walkdir::WalkDir::new(output_dir).min_depth(1) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(output_dir).to_path_buf();
            Error::io(&path, e.into())
        })?;
        let path = entry.path();
        let relative = path.strip_prefix(output_dir).unwrap_or(path);
        if !entry.file_type().is_dir() && !kept.contains(relative) {
            stale.push(relative.to_string_lossy().into_owned());
        }
    }
    Ok(stale)
}

/// Removes `stale` files of `output_dir` (those already gone are fine), then the folders left
/// empty.
fn remove_files(output_dir: &Path, stale: &[String]) -> Result<(), Error> {
    for relative in stale {
        let path = output_dir.join(relative);
        // Gone already, or replaced by a folder of the new site.
        if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    let mut folders: Vec<PathBuf> = walkdir::WalkDir::new(output_dir)
        .min_depth(1)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().to_path_buf())
        .collect();
    // Deepest first, so a folder whose subfolders all go goes too.
    folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
    for folder in folders {
        let empty = std::fs::read_dir(&folder).is_ok_and(|mut d| d.next().is_none());
        if empty {
            std::fs::remove_dir(&folder).map_err(|e| Error::io(&folder, e))?;
        }
    }
    Ok(())
}

/// Refuses to replace a non-empty folder that has no marker: it may hold the user's own files.
fn ensure_replaceable(output_dir: &Path) -> Result<(), Error> {
    if !output_dir.exists() {
        return Ok(());
    }
    if !output_dir.is_dir() {
        return Err(Error::Output {
            path: output_dir.to_path_buf(),
            refusal: OutputRefusal::NotAFolder,
        });
    }
    let mut entries = std::fs::read_dir(output_dir).map_err(|e| Error::io(output_dir, e))?;
    if entries.next().is_none() || output_dir.join(MARKER_FILE).is_file() {
        return Ok(());
    }
    Err(Error::Output {
        path: output_dir.to_path_buf(),
        refusal: OutputRefusal::NotMadeByBriefbook {
            marker: MARKER_FILE,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(path: &str, text: &str) -> Output {
        Output {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// A commit killed half way: some staged files moved, others still staged, a stale file not
    /// yet removed. The next build finishes it before doing anything else, even when that build
    /// itself fails.
    #[test]
    fn the_next_build_finishes_an_interrupted_commit_first() {
        let temp = tempfile::tempdir().unwrap();
        let public = temp.path().join("public");
        write_site(
            &public,
            &[
                output("a.html", "old a"),
                output("b/index.html", "old b"),
                output("gone.html", "x"),
            ],
        )
        .unwrap();
        // The killed build staged a and b, had moved a, and meant to remove gone.html.
        let staging = temp.path().join(".public.staging-999999");
        std::fs::create_dir_all(staging.join("b")).unwrap();
        std::fs::write(staging.join("b/index.html"), "new b").unwrap();
        std::fs::write(public.join("a.html"), "new a").unwrap();
        let journal = Journal::beside(temp.path(), "public");
        journal.begin(&staging, &["gone.html".to_string()]).unwrap();

        let failed = write_site_with(&public, |_| Err(Error::TemplatesNotLoaded));
        assert!(failed.is_err());
        let read = |p: &str| std::fs::read_to_string(public.join(p)).ok();
        assert_eq!(read("a.html").as_deref(), Some("new a"));
        assert_eq!(
            read("b/index.html").as_deref(),
            Some("new b"),
            "the staged page moved in"
        );
        assert_eq!(read("gone.html"), None, "the stale page removed");
        assert!(!journal.path.exists(), "the commit is complete");
        assert!(!staging.exists());
    }

    /// An output that is a symbolic link to an empty folder is written where the link points,
    /// the link stays, and no staging folder is left beside either.
    #[cfg(unix)]
    #[test]
    fn a_symlinked_output_is_written_where_it_points() {
        let temp = tempfile::tempdir().unwrap();
        let book = temp.path().join("book");
        let elsewhere = temp.path().join("elsewhere/empty");
        std::fs::create_dir_all(&book).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        let link = book.join("public");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        for text in ["first", "second"] {
            write_site(&link, &[output("index.html", text)]).unwrap();
            assert!(std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink());
            assert_eq!(
                std::fs::read_to_string(elsewhere.join("index.html")).unwrap(),
                text
            );
            let staging_left = |dir: &Path| {
                std::fs::read_dir(dir)
                    .unwrap()
                    .flatten()
                    .any(|e| e.file_name().to_string_lossy().contains("staging"))
            };
            assert!(!staging_left(&book), "no staging folder in the book root");
            assert!(!staging_left(elsewhere.parent().unwrap()));
        }
        // A link to nothing is refused with a message, and nothing is left behind.
        let dangling = book.join("site");
        std::os::unix::fs::symlink(temp.path().join("missing"), &dangling).unwrap();
        let refused = write_site(&dangling, &[output("index.html", "x")]).unwrap_err();
        assert!(refused.to_string().contains("symbolic link"), "{refused}");
        let names: Vec<String> = std::fs::read_dir(&book)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "only the two links: {names:?}");
    }
}
