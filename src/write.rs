//! Write: puts rendered outputs on disk atomically. Everything is written into a staging folder
//! beside the output, which then replaces the output, so a failed build never leaves a half-written
//! site; a folder briefbook did not create is never deleted.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::Error;
use crate::render::Output;

/// The file that marks a folder as briefbook's output, safe to replace.
pub const MARKER_FILE: &str = ".briefbook-output";

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub files: usize,
    pub bytes: u64,
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
    files: AtomicUsize,
    bytes: AtomicU64,
    /// Folders already made: most files share one (`search/index/`), and asking the file
    /// system again costs two system calls per file.
    made: Mutex<HashSet<PathBuf>>,
}

impl Staging {
    /// Writes one file of the site (its folders are created as needed).
    pub fn write(&self, output: &Output) -> Result<(), Error> {
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
        std::fs::write(&path, &output.bytes).map_err(|e| Error::io(&path, e))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes
            .fetch_add(output.bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }
}

/// Replaces `output_dir` with exactly the files `fill` writes into the staging folder. If `fill`
/// fails (a page does not render, a disk is full) the previous output stays as it was.
pub fn write_site_with(
    output_dir: &Path,
    fill: impl FnOnce(&Staging) -> Result<(), Error>,
) -> Result<WriteStats, Error> {
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
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
    for leftover in [&staging, &retired] {
        if leftover.exists() {
            std::fs::remove_dir_all(leftover).map_err(|e| Error::io(leftover, e))?;
        }
    }

    let result = fill_staging(&staging, fill);
    let stats = match result {
        Ok(stats) => stats,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };

    if output_dir.exists() {
        std::fs::rename(output_dir, &retired).map_err(|e| Error::io(output_dir, e))?;
    }
    if let Err(e) = std::fs::rename(&staging, output_dir) {
        // Put the previous site back so the user keeps a working output.
        let _ = std::fs::rename(&retired, output_dir);
        return Err(Error::io(output_dir, e));
    }
    if retired.exists() {
        std::fs::remove_dir_all(&retired).map_err(|e| Error::io(&retired, e))?;
    }
    Ok(stats)
}

/// Refuses to replace a non-empty folder that has no marker: it may hold the user's own files.
fn ensure_replaceable(output_dir: &Path) -> Result<(), Error> {
    if !output_dir.exists() {
        return Ok(());
    }
    if !output_dir.is_dir() {
        return Err(Error::Refused(format!(
            "{} exists and is not a folder; remove it or choose another --output",
            output_dir.display()
        )));
    }
    let mut entries = std::fs::read_dir(output_dir).map_err(|e| Error::io(output_dir, e))?;
    if entries.next().is_none() || output_dir.join(MARKER_FILE).is_file() {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "{} is not empty and was not made by briefbook (it has no {MARKER_FILE} file); \
         refusing to replace it. Choose another --output, or empty the folder yourself",
        output_dir.display()
    )))
}

fn fill_staging(
    dir: &Path,
    fill: impl FnOnce(&Staging) -> Result<(), Error>,
) -> Result<WriteStats, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let staging = Staging {
        dir: dir.to_path_buf(),
        files: AtomicUsize::new(0),
        bytes: AtomicU64::new(0),
        made: Mutex::new(HashSet::new()),
    };
    fill(&staging)?;
    let marker = dir.join(MARKER_FILE);
    std::fs::write(
        &marker,
        "This folder is written by briefbook and replaced on every build.\n",
    )
    .map_err(|e| Error::io(&marker, e))?;
    Ok(WriteStats {
        files: staging.files.into_inner(),
        bytes: staging.bytes.into_inner(),
    })
}
