//! Run: imports many inputs in parallel, decides for each whether to write, skip or overwrite (an
//! article the editor changed is never overwritten without `--force`), writes atomically and appends
//! newly found people to the actors file for review.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::expand::{self, Unit};
use super::fetch::{FetchConfig, Fetcher};
use super::files;
use super::fingerprint::url_key;
use super::keep::{write_atomic, Keeper};
use super::prepare::{prepare_unit, Prepared};
use super::report::{ImportReport, Outcome, Record};
use super::write;
use super::{ImportContext, NewActor};
use crate::error::Error;
use crate::layout::{is_article_file, ACTORS_FILE, ARTICLES_DIR, OUTLETS_FILE};
use crate::model::{ActorEntry, OutletEntry, Role};
use crate::yaml::parse_list;

/// What to import and where.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The book root: `content/outlets.yaml` etc. are read from here.
    pub root: PathBuf,
    /// Where to write articles instead of `content/articles/`.
    pub into: Option<PathBuf>,
    /// Overwrite articles even when the editor changed them since import.
    pub force: bool,
    /// Write nothing; report what would be written.
    pub dry_run: bool,
    /// Files and folders (walked for `.txt` and `.html`); a feed or a reference library (CSL-JSON,
    /// RIS, BibTeX) is read item by item; an `http(s)://` address is fetched.
    pub inputs: Vec<PathBuf>,
    /// Text files listing addresses to fetch, one a line (`#` starts a comment).
    pub url_lists: Vec<PathBuf>,
    /// Fetch the address of a library item that carries neither a snapshot nor its text.
    pub fetch: bool,
    /// How pages and feeds are fetched.
    pub fetch_config: FetchConfig,
    /// Show a progress bar on long runs when stderr is a terminal.
    pub progress: bool,
}

/// Inputs imported together before their files are handed to the writer.
const CHUNK: usize = 256;

/// Imports every input; fails outright only when the book's own files cannot be read.
pub fn run(options: &ImportOptions) -> Result<ImportReport, Error> {
    // The book's files are read while the other threads build the passes' patterns, and the
    // inputs are listed meanwhile on this thread, which would otherwise wait.
    let (ctx, (files, urls, failures)) = std::thread::scope(|scope| {
        let warm =
            scope.spawn(|| rayon::join(|| ImportContext::load(&options.root), super::warm_up).0);
        let named = named_inputs(options);
        (warm.join().expect("loading the book does not panic"), named)
    });
    let ctx = ctx?;
    let out_dir = options
        .into
        .clone()
        .unwrap_or_else(|| options.root.join(ARTICLES_DIR));
    let mut existing = Existing::scan(&out_dir);
    let fetcher = Fetcher::new(options.fetch_config.clone());
    let expansion = expand::expand(expand::Request {
        files,
        urls,
        fetch_library: options.fetch,
        force: options.force,
        fetcher: &fetcher,
        known: &existing,
    });
    let inputs = expansion.units;

    // A run that lasts past a second shows its progress (on a terminal only).
    let bar = crate::progress::Progress::new(options.progress, inputs.len(), "importing");
    let taken: HashSet<String> = existing.stems.clone();
    let mut records = expansion.records;
    let mut found_actors: Vec<NewActor> = Vec::new();
    let mut found_outlets: Vec<OutletEntry> = Vec::new();
    let keeper = Keeper::new(options);
    // Inputs are imported in parallel a chunk at a time while one thread writes the previous
    // chunk: files are placed in input order (so name collisions resolve the same way on every
    // run), and a single writer avoids the folder lock contention of parallel file creation.
    let write_errors = std::thread::scope(|scope| -> Result<HashMap<PathBuf, String>, Error> {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<(PathBuf, String)>(CHUNK);
        let out = &out_dir;
        let writer = scope.spawn(move || -> Result<HashMap<PathBuf, String>, Error> {
            let mut errors = HashMap::new();
            let mut created = false;
            for (path, text) in receiver {
                if !created {
                    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
                    created = true;
                }
                if let Err(e) = write_atomic(&path, &text) {
                    errors.insert(path, format!("cannot write: {e}"));
                }
            }
            Ok(errors)
        });
        let mut placer = Placer {
            existing: &mut existing,
            taken,
            records: &mut records,
            found_actors: &mut found_actors,
            found_outlets: &mut found_outlets,
            sender: &sender,
            out_dir: &out_dir,
            options,
        };
        // A chunk is placed while the next one is imported, so no thread waits for the placing.
        let mut imported: Option<ImportedChunk> = None;
        for chunk in inputs.chunks(CHUNK) {
            let previous = imported.take();
            let (prepared, ()) = rayon::join(
                || {
                    chunk
                        .par_iter()
                        .map(|unit| prepare_unit(unit, &keeper, &ctx))
                        .collect::<Vec<_>>()
                },
                || {
                    if let Some((units, results)) = previous {
                        placer.place_chunk(units, results);
                    }
                },
            );
            bar.steps(chunk.len());
            imported = Some((chunk, prepared));
        }
        if let Some((units, results)) = imported {
            placer.place_chunk(units, results);
        }
        drop(sender);
        writer.join().expect("the writer thread does not panic")
    })?;
    bar.finish();
    for record in &mut records {
        if let Some(output) = record.output.take() {
            if let Some(message) = write_errors.get(&output) {
                record.outcome = Outcome::Failed(message.clone());
            }
            record.output = Some(shown(&output, &options.root));
        }
    }
    records.extend(failures.into_iter().map(|(p, m)| failed(&p, m)));

    let mut report = ImportReport {
        records,
        dry_run: options.dry_run,
        ..ImportReport::default()
    };
    let actors = new_actor_entries(found_actors, &ctx);
    if !actors.is_empty() {
        report.new_actors = actors.iter().map(|a| a.name.clone()).collect();
        report.actors_file = Some(PathBuf::from(ACTORS_FILE));
        if !options.dry_run {
            let path = options.root.join(ACTORS_FILE);
            if let Err(message) = append_entries(&path, ACTORS_FILE, &actors) {
                report.warnings.push(message);
                report.new_actors.clear();
            }
        }
    }
    let outlets = unique_outlets(found_outlets);
    if !outlets.is_empty() {
        report.new_outlets = outlets.iter().map(|o| (o.name.clone(), o.review)).collect();
        if !options.dry_run {
            let path = options.root.join(OUTLETS_FILE);
            if let Err(message) = append_entries(&path, OUTLETS_FILE, &outlets) {
                report.warnings.push(message);
                report.new_outlets.clear();
            }
        }
    }
    Ok(report)
}

/// A chunk of inputs and what importing each gave.
type ImportedChunk<'a> = (&'a [Unit], Vec<Result<Prepared, String>>);

/// What placing the imported inputs in order keeps track of, and where their files go.
struct Placer<'a> {
    existing: &'a mut Existing,
    taken: HashSet<String>,
    records: &'a mut Vec<Record>,
    found_actors: &'a mut Vec<NewActor>,
    found_outlets: &'a mut Vec<OutletEntry>,
    sender: &'a std::sync::mpsc::SyncSender<(PathBuf, String)>,
    out_dir: &'a Path,
    options: &'a ImportOptions,
}

impl Placer<'_> {
    /// Places one chunk's articles in input order, hands the files to write to the writer and
    /// records each outcome.
    fn place_chunk(&mut self, units: &[Unit], results: Vec<Result<Prepared, String>>) {
        let options = self.options;
        for (input, result) in units.iter().zip(results) {
            let prepared = match result {
                Ok(p) => p,
                Err(message) => {
                    self.records.push(failed(&label_of(input), message));
                    continue;
                }
            };
            let (target, outcome) = place(
                &prepared,
                self.existing,
                &mut self.taken,
                self.out_dir,
                options,
            );
            let text = prepared.text;
            let writes_file = matches!(outcome, Outcome::Written | Outcome::Overwritten);
            let outcome = if writes_file && options.dry_run {
                Outcome::WouldWrite
            } else {
                outcome
            };
            let preview = (outcome == Outcome::WouldWrite).then(|| front_of(&text));
            if writes_file {
                self.found_actors
                    .extend(prepared.imported.new_actors.iter().cloned());
                self.found_outlets
                    .extend(prepared.imported.new_outlet.iter().cloned());
                if !options.dry_run && self.sender.send((target.clone(), text)).is_err() {
                    break;
                }
            }
            self.records.push(Record {
                input: label_of(input),
                output: Some(target),
                outcome,
                review: prepared.imported.front.review.fields(),
                warnings: prepared.imported.warnings.clone(),
                preview,
            });
        }
    }
}

fn failed(input: &Path, message: String) -> Record {
    Record {
        input: input.to_path_buf(),
        output: None,
        outcome: Outcome::Failed(message),
        review: Vec::new(),
        warnings: Vec::new(),
        preview: None,
    }
}

/// The files (folders walked) and web addresses (named, or listed in `--urls` files) the run
/// names, and those it cannot read.
#[allow(clippy::type_complexity)]
fn named_inputs(options: &ImportOptions) -> (Vec<PathBuf>, Vec<String>, Vec<(PathBuf, String)>) {
    let (urls, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        options.inputs.iter().partition(|p| is_address(p));
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let (files, mut failures) = files::gather(&paths);
    let mut urls: Vec<String> = urls
        .into_iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    for list in &options.url_lists {
        match read_url_list(list) {
            Ok((found, bad)) => {
                urls.extend(found);
                failures.extend(bad);
            }
            Err(message) => failures.push((list.clone(), message)),
        }
    }
    (files, urls, failures)
}

/// Whether an input names a web address rather than a file.
fn is_address(path: &Path) -> bool {
    let text = path.to_string_lossy();
    text.starts_with("http://") || text.starts_with("https://")
}

/// The addresses a `--urls` file lists; a line that is not one is a failure at its line.
#[allow(clippy::type_complexity)]
fn read_url_list(path: &Path) -> Result<(Vec<String>, Vec<(PathBuf, String)>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut urls = Vec::new();
    let mut bad = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with("http://") || line.starts_with("https://") {
            urls.push(line.to_string());
        } else {
            bad.push((
                PathBuf::from(format!("{}:{}:1", path.display(), n + 1)),
                format!(
                    "`{line}` is not a web address: write one http:// or https:// address a line"
                ),
            ));
        }
    }
    Ok((urls, bad))
}

/// What the report calls an article to import.
fn label_of(unit: &Unit) -> PathBuf {
    match unit {
        Unit::File(path) => path.clone(),
        Unit::Page(page) => PathBuf::from(&page.label),
    }
}

/// A path as the user should see it: relative to the book root when inside it.
fn shown(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// What already is in the output folder, by the inputs it was imported from.
struct Existing {
    by_input: HashMap<String, PathBuf>,
    by_source: HashMap<String, PathBuf>,
    /// By the source's fingerprint (see `fingerprint::of_body`).
    by_fingerprint: HashMap<String, PathBuf>,
    /// By the article's address (see `fingerprint::url_key`), imported or written by the editor.
    by_url: HashMap<String, PathBuf>,
    stems: HashSet<String>,
    /// Whether each stamped file is still as import wrote it.
    untouched: HashMap<PathBuf, bool>,
}

impl Existing {
    fn scan(dir: &Path) -> Existing {
        let paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| is_article_file(p))
                    .collect()
            })
            .unwrap_or_default();
        let stamps: Vec<(PathBuf, Option<(write::OnDisk, bool)>)> = paths
            .into_par_iter()
            .map(|path| {
                let stamp = std::fs::read_to_string(&path).ok().and_then(|text| {
                    let on_disk = write::read_stamp(&text)?;
                    let untouched = write::stamp_matches(&text) == Some(true);
                    Some((on_disk, untouched))
                });
                (path, stamp)
            })
            .collect();
        let mut existing = Existing {
            by_input: HashMap::new(),
            by_source: HashMap::new(),
            by_fingerprint: HashMap::new(),
            by_url: HashMap::new(),
            stems: HashSet::new(),
            untouched: HashMap::new(),
        };
        for (path, stamp) in stamps {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                existing.stems.insert(stem.to_string());
            }
            let Some((on_disk, untouched)) = stamp else {
                continue;
            };
            if let Some(url) = &on_disk.url {
                existing.by_url.insert(url_key(url), path.clone());
            }
            if let Some(stamp) = on_disk.imported {
                existing.by_input.insert(stamp.input, path.clone());
                if let Some(fingerprint) = stamp.fingerprint {
                    existing.by_fingerprint.insert(fingerprint, path.clone());
                }
                if let Some(source) = on_disk.source {
                    existing.by_source.insert(source, path.clone());
                }
                existing.untouched.insert(path, untouched);
            }
        }
        existing
    }
}

impl expand::Known for Existing {
    fn article_for(&self, url: Option<&str>, source: &str) -> Option<PathBuf> {
        url.and_then(|u| self.by_url.get(&url_key(u)))
            .or_else(|| self.by_source.get(source))
            .cloned()
    }
}

/// Where an input's article goes and what that means for the file already there: found by its
/// input's hash, its kept source, its fingerprint or its address, under whatever name it has now.
fn place(
    prepared: &Prepared,
    existing: &mut Existing,
    taken: &mut HashSet<String>,
    out_dir: &Path,
    options: &ImportOptions,
) -> (PathBuf, Outcome) {
    let untouched = |path: &PathBuf| existing.untouched.get(path).copied().unwrap_or(false);
    if let Some(path) = existing.by_input.get(&prepared.input_hash) {
        let outcome = match (options.force, untouched(path)) {
            (true, _) => Outcome::Overwritten,
            (false, true) => Outcome::Unchanged,
            (false, false) => Outcome::SkippedEdited,
        };
        return (path.clone(), outcome);
    }
    if let Some(path) = existing.by_source.get(&prepared.source) {
        let outcome = if options.force || untouched(path) {
            Outcome::Overwritten
        } else {
            Outcome::SkippedEdited
        };
        return (path.clone(), outcome);
    }
    let by_fingerprint = prepared
        .fingerprint
        .as_ref()
        .and_then(|f| existing.by_fingerprint.get(f));
    if let Some(path) = by_fingerprint {
        let outcome = if options.force {
            Outcome::Overwritten
        } else {
            Outcome::Known
        };
        return (path.clone(), outcome);
    }
    let url = prepared.imported.front.url.as_deref().map(url_key);
    if let Some(path) = url.as_ref().and_then(|u| existing.by_url.get(u)) {
        let outcome = if options.force || untouched(path) {
            Outcome::Overwritten
        } else {
            Outcome::SkippedEdited
        };
        return (path.clone(), outcome);
    }
    let base = prepared.imported.file_stem();
    let mut stem = base.clone();
    let mut n = 1;
    while taken.contains(&stem) {
        n += 1;
        stem = format!("{base}-{n}");
    }
    taken.insert(stem.clone());
    let target = out_dir.join(format!("{stem}.md"));
    // A later input of this run with the same text or address is the same article.
    if let Some(fingerprint) = &prepared.fingerprint {
        existing
            .by_fingerprint
            .insert(fingerprint.clone(), target.clone());
    }
    if let Some(url) = url {
        existing.by_url.insert(url, target.clone());
    }
    (target, Outcome::Written)
}

/// The front matter of a rendered article, for `--dry-run` previews.
fn front_of(text: &str) -> String {
    let end = text[3..].find("\n---\n").map_or(text.len(), |i| i + 8);
    text[..end.min(text.len())].to_string()
}

/// One entry per new person, first role seen, skipping anyone the actors file already names.
fn new_actor_entries(found: Vec<NewActor>, ctx: &ImportContext) -> Vec<ActorEntry> {
    let mut seen = HashSet::new();
    let found: Vec<NewActor> = found
        .into_iter()
        .filter(|a| !ctx.knows_actor(&a.name) && seen.insert(super::names::key(&a.name)))
        .collect();
    // A surname is an alias only when it names one person among the book's actors and these.
    let mut surname_count: HashMap<String, usize> = HashMap::new();
    for actor in &found {
        if let Some(short) = super::names::short_form(&actor.name) {
            *surname_count.entry(super::names::key(short)).or_default() += 1;
        }
    }
    let surname_alias = |name: &str| -> Option<String> {
        let short = super::names::short_form(name)?;
        let unique = surname_count.get(&super::names::key(short)) == Some(&1)
            && !ctx.actors.short_word_taken(short);
        let word_like = super::names::is_english_word(&short.to_lowercase())
            || super::names::is_stop_word(short)
            || short.chars().count() < 3;
        (unique && !word_like).then(|| short.to_string())
    };
    let mut entries = Vec::new();
    for actor in found {
        entries.push(ActorEntry {
            aliases: surname_alias(&actor.name).into_iter().collect(),
            name: actor.name,
            roles: actor
                .role
                .map(|title| Role {
                    title,
                    organisation: actor.organisation,
                    from: None,
                    to: None,
                })
                .into_iter()
                .collect(),
            country: None,
            aliases_url: Vec::new(),
            description: None,
            review: true,
        });
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    entries
}

/// One entry per outlet name (the first seen), in name order.
fn unique_outlets(found: Vec<OutletEntry>) -> Vec<OutletEntry> {
    let mut seen = HashSet::new();
    let mut entries: Vec<OutletEntry> = found
        .into_iter()
        .filter(|o| seen.insert(super::outlets::name_key(&o.name)))
        .collect();
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    entries
}

/// Appends entries to a YAML list file (`content/actors.yaml`, `content/outlets.yaml`) as text
/// at its end, never rewriting the editor's entries; refuses (with a message) when the result
/// would not parse.
fn append_entries<T>(path: &Path, name: &str, entries: &[T]) -> Result<(), String>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
    };
    let addition =
        serde_yaml::to_string(entries).map_err(|e| format!("cannot write to {name}: {e}"))?;
    let content_only: String = existing
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let mut text = if content_only.trim() == "[]" {
        String::new()
    } else {
        existing.clone()
    };
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(
        "# Added by import; check each entry marked `review: true` and remove the mark.\n",
    );
    text.push_str(&addition);
    if let Err(d) = parse_list::<T>(Path::new(name), &text) {
        return Err(format!(
            "new entries were not added to {name}: the file would not parse ({})",
            d.message
        ));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    if text.starts_with(&existing) {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        file.write_all(&text.as_bytes()[existing.len()..])
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))
    } else {
        write_atomic(path, &text).map_err(|e| format!("{}: cannot write: {e}", path.display()))
    }
}
