//! The manifest of an output folder: for each file the last build left there, a hash of its
//! bytes and what `stat` said of it then (size, inode, change time). A rebuild that finds a file
//! with the same size, inode and change time knows it still holds those bytes, so it compares the
//! hash of the new bytes instead of reading the old file: a rebuild no longer reads the whole site
//! back, which after the page cache has dropped it costs more than building it.
//!
//! The change time (`ctime`), unlike the modification time, cannot be set back by any tool, and a
//! file replaced by another gets a new inode. As in git's index, an entry whose change time is not
//! older than the manifest itself is not trusted: a file changed again within the same clock tick
//! would show the same time. The manifest is kept beside the output, never in it, so it is not
//! published; without it (or with a damaged one) every file is compared by reading, as before.

use std::fs::Metadata;
use std::io::Write as _;
use std::path::Path;

use rustc_hash::FxHashMap;

/// The first line of a manifest file; a manifest of another version is ignored.
const HEADER: &str = "briefbook-manifest 1";

/// A change time: seconds and nanoseconds.
type Stamp = (i64, i64);

/// What the manifest knows of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub hash: u128,
    size: u64,
    inode: u64,
    changed: Stamp,
}

impl Recorded {
    /// The record of a file with `meta` holding bytes of `hash`; `None` where the platform does
    /// not give inodes and change times.
    pub fn of(meta: &Metadata, hash: u128) -> Option<Recorded> {
        let (inode, changed) = identity(meta)?;
        Some(Recorded {
            hash,
            size: meta.len(),
            inode,
            changed,
        })
    }
}

#[cfg(unix)]
fn identity(meta: &Metadata) -> Option<(u64, Stamp)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.ino(), (meta.ctime(), meta.ctime_nsec())))
}

#[cfg(not(unix))]
fn identity(_meta: &Metadata) -> Option<(u64, Stamp)> {
    None
}

/// The hash files are compared by.
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// A manifest read back from the disk.
#[derive(Debug, Default)]
pub struct Manifest {
    files: FxHashMap<String, Recorded>,
    /// The manifest file's own change time.
    written: Stamp,
}

impl Manifest {
    /// Reads the manifest at `path`; `None` when it is missing, unreadable or not a manifest.
    pub fn load(path: &Path) -> Option<Manifest> {
        let text = std::fs::read_to_string(path).ok()?;
        let (_, written) = identity(&std::fs::metadata(path).ok()?)?;
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return None;
        }
        let mut files = FxHashMap::default();
        for line in lines {
            let mut fields = line.splitn(6, ' ');
            let mut number = || fields.next();
            let (Some(hash), Some(size), Some(inode), Some(seconds), Some(nanos), Some(file)) =
                (number(), number(), number(), number(), number(), number())
            else {
                return None;
            };
            let recorded = Recorded {
                hash: u128::from_str_radix(hash, 16).ok()?,
                size: size.parse().ok()?,
                inode: inode.parse().ok()?,
                changed: (seconds.parse().ok()?, nanos.parse().ok()?),
            };
            files.insert(file.to_string(), recorded);
        }
        Some(Manifest { files, written })
    }

    /// Whether the file at `path` (under the output), as `meta` describes it now, is known to
    /// hold bytes of `hash`.
    pub fn vouches(&self, path: &str, meta: &Metadata, hash: u128) -> bool {
        let Some(recorded) = self.files.get(path) else {
            return false;
        };
        Recorded::of(meta, recorded.hash).is_some_and(|now| now == *recorded)
            && recorded.hash == hash
            && recorded.changed < self.written
    }

    /// Writes the manifest of `files` to `path`, through a temporary file renamed into place.
    pub fn save(path: &Path, files: &[(String, Recorded)]) -> std::io::Result<()> {
        let mut text = String::with_capacity(files.len() * 96 + HEADER.len() + 1);
        text.push_str(HEADER);
        text.push('\n');
        for (file, r) in files {
            // A name with a line break could not be read back; its file is compared by reading.
            if file.bytes().any(|b| b == b'\n' || b == b'\r') {
                continue;
            }
            use std::fmt::Write as _;
            let _ = writeln!(
                text,
                "{:032x} {} {} {} {} {file}",
                r.hash, r.size, r.inode, r.changed.0, r.changed.1
            );
        }
        let mut temporary = path.as_os_str().to_owned();
        temporary.push(format!(".{}", std::process::id()));
        let temporary = std::path::PathBuf::from(temporary);
        let written = std::fs::File::create(&temporary)
            .and_then(|mut file| file.write_all(text.as_bytes()))
            .and_then(|()| std::fs::rename(&temporary, path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_saved_manifest_vouches_for_untouched_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("page.html");
        std::fs::write(&file, "old page").unwrap();
        let recorded = Recorded::of(&std::fs::metadata(&file).unwrap(), hash(b"old page")).unwrap();
        let manifest_path = dir.path().join("manifest");
        // The manifest must be younger than the file by a clock tick to trust it.
        std::thread::sleep(std::time::Duration::from_millis(30));
        Manifest::save(&manifest_path, &[("page.html".to_string(), recorded)]).unwrap();
        let manifest = Manifest::load(&manifest_path).unwrap();
        let meta = std::fs::metadata(&file).unwrap();
        assert!(manifest.vouches("page.html", &meta, hash(b"old page")));
        assert!(
            !manifest.vouches("page.html", &meta, hash(b"new page")),
            "other bytes"
        );
        assert!(
            !manifest.vouches("other.html", &meta, hash(b"old page")),
            "unknown file"
        );

        // Rewritten by hand with bytes of the same length: the change time moves on.
        std::fs::write(&file, "odd page").unwrap();
        let meta = std::fs::metadata(&file).unwrap();
        assert!(!manifest.vouches("page.html", &meta, hash(b"old page")));
    }

    #[test]
    fn an_entry_as_young_as_its_manifest_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("page.html");
        std::fs::write(&file, "page").unwrap();
        let meta = std::fs::metadata(&file).unwrap();
        let recorded = Recorded::of(&meta, hash(b"page")).unwrap();
        let manifest = |written: Stamp| Manifest {
            files: [("page.html".to_string(), recorded)].into_iter().collect(),
            written,
        };
        // Written in the file's own clock tick: the file may have changed since, unseen.
        assert!(!manifest(recorded.changed).vouches("page.html", &meta, hash(b"page")));
        let later = (recorded.changed.0 + 1, 0);
        assert!(manifest(later).vouches("page.html", &meta, hash(b"page")));
    }

    #[test]
    fn damaged_manifests_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest");
        for text in [
            "",
            "briefbook-manifest 0\n",
            "briefbook-manifest 1\nnot a line\n",
            "briefbook-manifest 1\nzz 1 2 3 4 a.html\n",
        ] {
            std::fs::write(&path, text).unwrap();
            assert!(Manifest::load(&path).is_none(), "{text:?}");
        }
        std::fs::write(
            &path,
            format!("{HEADER}\n{:032x} 4 7 1 2 a b.html\n", 5u128),
        )
        .unwrap();
        let manifest = Manifest::load(&path).unwrap();
        assert_eq!(manifest.files["a b.html"].size, 4, "names may hold spaces");
    }
}
