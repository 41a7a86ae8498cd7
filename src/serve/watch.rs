//! Watching: a debounced file watcher over the book's sources that turns file-system events into
//! [`Change`]s, ignoring editor temp and swap files, and groups a burst of saves into one batch.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use super::incremental::Change;
use crate::config::CONFIG_FILE;
use crate::error::Error;
use crate::load::is_article_file;

/// How long a path must be quiet before its events are delivered. Editors finish a save (temp
/// file, rename, swap file) within microseconds; a save caught half-way only means one more
/// update, as the rebuild is not finished before [`QUIET`].
const DEBOUNCE: Duration = Duration::from_millis(5);

/// How often the debouncer looks for paths that have gone quiet.
const TICK: Duration = Duration::from_millis(2);

/// How long the book must be quiet, after the edited pages are served, before the rest of the
/// site is rebuilt: a long burst (`git checkout`) is delivered in several batches, which must
/// make one rebuild. 8 ms split checkouts in two under load; 40 ms does not, and a batch that
/// comes later still stops the unfinished rebuild and joins the next one.
pub const QUIET: Duration = Duration::from_millis(40);

/// How long git may hold its index lock before the lock counts as left over.
const STALE_GIT_LOCK: Duration = Duration::from_secs(10);

/// The index lock file of the git repository the book at `root` is in: `.git/index.lock` of the
/// nearest folder with a `.git` folder, or of the folder a `.git` file (a worktree) names.
fn git_index_lock(root: &Path) -> Option<PathBuf> {
    let top = root.ancestors().find(|dir| dir.join(".git").exists())?;
    let dot_git = top.join(".git");
    let git_dir = if dot_git.is_dir() {
        dot_git
    } else {
        let named = std::fs::read_to_string(&dot_git).ok()?;
        let dir = PathBuf::from(named.strip_prefix("gitdir:")?.trim());
        if dir.is_absolute() {
            dir
        } else {
            top.join(dir)
        }
    };
    Some(git_dir.join("index.lock"))
}

/// The folders under the book root whose contents matter; the root itself is watched only for
/// `briefbook.toml` and for these folders appearing.
const FOLDERS: [&str; 3] = ["content", "templates", "theme"];

/// A running watcher; dropping it stops watching.
pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    watched: BTreeSet<PathBuf>,
    batches: Receiver<BTreeSet<Change>>,
    /// Set when a batch is sent, cleared when it is received.
    waiting: Arc<AtomicBool>,
}

/// What [`Watcher::next_within`] found.
#[derive(Debug)]
pub enum Next {
    Changes(Vec<Change>),
    /// Nothing changed for the whole wait.
    Quiet,
    /// The watcher has stopped.
    Stopped,
}

impl Watcher {
    /// Starts watching the book at `root` (an absolute, canonical path).
    pub fn start(root: &Path) -> Result<Watcher, Error> {
        let (sender, batches) = mpsc::channel();
        let waiting = Arc::new(AtomicBool::new(false));
        let sent = waiting.clone();
        let classify_root = root.to_path_buf();
        let debouncer = new_debouncer(DEBOUNCE, Some(TICK), move |result: DebounceEventResult| {
            let events = match result {
                Ok(events) => events,
                Err(errors) => {
                    for error in errors {
                        eprintln!("warning: file watcher: {error}");
                    }
                    return;
                }
            };
            let changes: BTreeSet<Change> = events
                .iter()
                .filter(|event| is_modification(event.kind))
                .flat_map(|event| event.paths.iter())
                .filter_map(|path| classify(&classify_root, path))
                .collect();
            if !changes.is_empty() {
                sent.store(true, Ordering::SeqCst);
                let _ = sender.send(changes);
            }
        })
        .map_err(|e| watch_error(root, e))?;
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            debouncer,
            watched: BTreeSet::new(),
            batches,
            waiting,
        };
        watcher
            .debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(root, e))?;
        watcher.watch_folders()?;
        Ok(watcher)
    }

    /// Watches the source folders that exist and are not watched yet (one may appear later).
    fn watch_folders(&mut self) -> Result<(), Error> {
        for folder in FOLDERS {
            let path = self.root.join(folder);
            if path.is_dir() && !self.watched.contains(&path) {
                self.debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| watch_error(&path, e))?;
                self.watched.insert(path);
            } else if !path.is_dir() {
                self.watched.remove(&path);
            }
        }
        Ok(())
    }

    /// Waits for the next changes, merged with any already delivered. `None` when the watcher has
    /// stopped.
    pub fn next_batch(&mut self) -> Option<Vec<Change>> {
        let first = self.batches.recv().ok()?;
        Some(self.merge(first))
    }

    /// Whether git is writing the book's files: it holds its index lock for the whole of a
    /// checkout, merge or rebase, which may write files further apart than [`QUIET`], so the
    /// burst is not over however quiet the book has been. Looked up each time, as a repository
    /// may be made while the server runs. A lock older than [`STALE_GIT_LOCK`] is left over from
    /// a git that died, and ignored.
    pub fn git_busy(&self) -> bool {
        git_index_lock(&self.root).is_some_and(|lock| {
            std::fs::metadata(&lock)
                .and_then(|m| m.modified())
                .is_ok_and(|at| at.elapsed().is_ok_and(|age| age < STALE_GIT_LOCK))
        })
    }

    /// The changes delivered within `wait`, if any.
    pub fn next_within(&mut self, wait: Duration) -> Next {
        match self.batches.recv_timeout(wait) {
            Ok(first) => Next::Changes(self.merge(first)),
            Err(RecvTimeoutError::Timeout) => Next::Quiet,
            Err(RecvTimeoutError::Disconnected) => Next::Stopped,
        }
    }

    /// Whether changes were delivered that are not received yet: a rebuild under way can stop
    /// and let them join it.
    pub fn waiting(&self) -> Arc<AtomicBool> {
        self.waiting.clone()
    }

    fn merge(&mut self, mut changes: BTreeSet<Change>) -> Vec<Change> {
        self.waiting.store(false, Ordering::SeqCst);
        while let Ok(more) = self.batches.try_recv() {
            changes.extend(more);
        }
        if changes.iter().any(|c| {
            matches!(
                c,
                Change::Templates | Change::Theme { .. } | Change::Everything
            )
        }) {
            if let Err(e) = self.watch_folders() {
                eprintln!("warning: {e}");
            }
        }
        changes.into_iter().collect()
    }
}

fn watch_error(path: &Path, error: notify::Error) -> Error {
    Error::Watch {
        path: path.to_path_buf(),
        source: error,
    }
}

/// Reads (opening, closing a file read-only) change nothing; the server reads files itself.
fn is_modification(kind: EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Editors' backup, swap and temp files, which never hold content.
pub fn is_editor_temp(name: &str) -> bool {
    const SUFFIXES: [&str; 9] = [
        "~",
        ".swp",
        ".swx",
        ".swo",
        ".tmp",
        ".bak",
        ".kate-swp",
        ".crswap",
        "___jb_tmp___",
    ];
    name.starts_with('.')
        || name.starts_with('#')
        || name.starts_with('~')
        || name == "4913"
        || SUFFIXES.iter().any(|s| name.ends_with(s))
        || name.ends_with("___jb_old___")
        || name.contains(".sb-")
}

/// What a changed path means for the site; `None` for paths that do not matter.
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let relative = path.strip_prefix(root).ok()?;
    let parts: Vec<&str> = relative
        .components()
        .map(|c| match c {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect::<Option<_>>()?;
    if is_editor_temp(parts.last()?) {
        return None;
    }
    match parts.as_slice() {
        [file] if *file == CONFIG_FILE => Some(Change::Everything),
        ["content"] | ["content", "articles"] => Some(Change::Everything),
        ["content", "articles", _] if is_article_file(path) => {
            Some(Change::Article(path.to_path_buf()))
        }
        ["content", "actors.yaml"] => Some(Change::Actors),
        ["content", "topics.yaml"] => Some(Change::Topics),
        ["content", "outlets.yaml"] => Some(Change::Outlets),
        ["content", "index.md"] => Some(Change::Introduction),
        ["templates", ..] => Some(Change::Templates),
        ["theme", .., last] => Some(Change::Theme {
            css: last.ends_with(".css"),
        }),
        ["theme"] => Some(Change::Theme { css: false }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_git_lock_is_found_above_the_book_or_through_a_worktree_file() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        let book = repo.join("books/alliance");
        std::fs::create_dir_all(&book).unwrap();
        assert_eq!(git_index_lock(&book), None, "no repository");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        assert_eq!(git_index_lock(&book), Some(repo.join(".git/index.lock")));
        let worktree = dir.path().join("worktree");
        std::fs::create_dir_all(&worktree).unwrap();
        std::fs::write(worktree.join(".git"), "gitdir: ../repo/.git/worktrees/w\n").unwrap();
        assert_eq!(
            git_index_lock(&worktree),
            Some(worktree.join("../repo/.git/worktrees/w/index.lock"))
        );
    }

    #[test]
    fn paths_are_classified_by_what_they_hold() {
        let root = Path::new("/book");
        let article = Path::new("/book/content/articles/2017-a.md");
        assert_eq!(
            classify(root, article),
            Some(Change::Article(article.to_path_buf()))
        );
        assert_eq!(
            classify(root, Path::new("/book/briefbook.toml")),
            Some(Change::Everything)
        );
        assert_eq!(
            classify(root, Path::new("/book/content/actors.yaml")),
            Some(Change::Actors)
        );
        assert_eq!(
            classify(root, Path::new("/book/templates/article.html")),
            Some(Change::Templates)
        );
        assert_eq!(
            classify(root, Path::new("/book/theme/style.css")),
            Some(Change::Theme { css: true })
        );
        assert_eq!(
            classify(root, Path::new("/book/theme/logo.svg")),
            Some(Change::Theme { css: false })
        );
        assert_eq!(classify(root, Path::new("/book/public/index.html")), None);
        assert_eq!(classify(root, Path::new("/book/.git/index")), None);
        assert_eq!(classify(root, Path::new("/elsewhere/briefbook.toml")), None);
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [
            ".2017-a.md.swp",
            "2017-a.md~",
            "4913",
            "#2017-a.md#",
            ".#2017-a.md",
            "2017-a.md.tmp",
            "style.css.kate-swp",
            "a.md___jb_tmp___",
        ] {
            let path = PathBuf::from("/book/content/articles").join(name);
            assert_eq!(classify(Path::new("/book"), &path), None, "{name}");
        }
    }
}
