//! Load: reads a book folder into the typed [`Book`] model. Reads files, nothing else; every
//! problem becomes a located [`Diagnostic`] and loading carries on so all of them are reported.

pub mod front_matter;
pub mod text;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics};
use crate::model::{ActorEntry, Article, Book, OutletEntry, TopicEntry};

pub use crate::layout::{
    is_article_file, ACTORS_FILE, ARTICLES_DIR, CONTENT_DIR, INTRODUCTION_FILE, OUTLETS_FILE,
    TOPICS_FILE,
};
pub use crate::yaml::parse_list;

/// What to load.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Keep articles marked `draft: true`.
    pub drafts: bool,
}

/// Reads `briefbook.toml` from `root`; a missing file gives the defaults. Reading is load's job:
/// `config` only parses, so it stays below every stage.
pub fn load_config(root: &Path) -> Result<Config, Diagnostic> {
    match text::read(root, Path::new(crate::config::CONFIG_FILE))? {
        Some(text) => Config::parse(&text),
        None => Ok(Config::default()),
    }
}

/// Loads the whole book under `root`. Never fails outright: a book with errors still loads as far
/// as it can, and the diagnostics say what is wrong.
pub fn load(root: &Path, options: LoadOptions) -> (Book, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let config = load_config(root).unwrap_or_else(|d| {
        diagnostics.push(d);
        Config::default()
    });

    let paths = article_paths(root, &mut diagnostics);
    // One file a task: rayon's larger pieces left one core idle at the end.
    let results: Vec<(Option<Article>, Vec<Diagnostic>)> = paths
        .par_iter()
        .with_max_len(1)
        .map(|path| load_article_all(root, path))
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    for (article, found) in results {
        // An article with errors still goes on to `link`, which reports its other problems;
        // the errors already stop the build.
        if let Some(article) = article {
            if options.drafts || !article.front.draft {
                articles.push(article)
            }
        }
        found.into_iter().for_each(|d| diagnostics.push(d));
    }
    // In the order of their paths already (see `article_paths`): only slugged.
    slug_sorted(&mut articles);

    let actors = load_list::<ActorEntry>(root, ACTORS_FILE, &mut diagnostics).unwrap_or_default();
    let topics_list = load_list::<TopicEntry>(root, TOPICS_FILE, &mut diagnostics);
    let outlets =
        load_list::<OutletEntry>(root, OUTLETS_FILE, &mut diagnostics).unwrap_or_default();
    let introduction = load_introduction(root, &mut diagnostics);

    let book = Book {
        config,
        articles,
        actors,
        topics_curated: topics_list.is_some(),
        topics: topics_list.unwrap_or_default(),
        outlets,
        introduction,
        held: Vec::new(),
    };
    (book, diagnostics)
}

/// Reads `content/index.md`, the book's optional introduction.
pub fn load_introduction(root: &Path, diagnostics: &mut Diagnostics) -> Option<String> {
    text::read(root, Path::new(INTRODUCTION_FILE)).unwrap_or_else(|problem| {
        diagnostics.push(problem);
        None
    })
}

/// Every `*.md` file directly in `content/articles/`, sorted. Editor temp files are skipped.
pub fn article_paths(root: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let dir = root.join(ARTICLES_DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                ARTICLES_DIR,
                format!("cannot read folder: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .map(|entry| (entry.path(), entry.file_type()))
        .filter(|(path, _)| is_article_file(path))
        .filter_map(|(path, file_type)| {
            // A FIFO or a device named `x.md` would block the build forever on reading it. The
            // folder listing says what most entries are; only a link (or an entry it leaves
            // unsaid) is asked about, which spares a big book thousands of calls.
            let regular = match file_type {
                Ok(kind) if kind.is_file() => true,
                Ok(kind) if !kind.is_symlink() => false,
                _ => std::fs::metadata(&path).is_ok_and(|m| m.is_file()),
            };
            if !regular {
                let shown = path.strip_prefix(root).unwrap_or(&path);
                diagnostics.push(
                    Diagnostic::warning(shown, "not a regular file: skipped")
                        .with_hint("an article is a plain text file; remove or rename this entry"),
                );
            }
            regular.then_some(path)
        })
        .collect();
    // By the bytes of the path: every path is `dir` joined to a file name, so this is the
    // order of `Path`'s own comparison, which walks components and took 1% of a big build.
    // On every core: nothing else runs yet. The paths are distinct, so any sort gives this order.
    paths.par_sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    paths
}

/// Reads and parses one article file. `path` may be absolute; messages use it relative to `root`.
pub fn load_article(root: &Path, path: &Path) -> Result<Article, Vec<Diagnostic>> {
    match load_article_all(root, path) {
        (Some(article), problems) if !problems.iter().any(Diagnostic::is_error) => Ok(article),
        (_, problems) => Err(problems),
    }
}

/// Reads one article file with every problem found in it; the article comes back too when its
/// front matter could be read at all, so the link stage can report its other problems (an
/// unknown topic, a broken link) in the same run.
pub fn load_article_all(root: &Path, path: &Path) -> (Option<Article>, Vec<Diagnostic>) {
    let shown = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let text = std::fs::read(path)
        .map_err(|e| Diagnostic::error(&shown, format!("cannot read: {e}")))
        .and_then(|bytes| text::decode(&shown, bytes));
    match text {
        Ok(text) => parse_article_all(&shown, &text),
        Err(problem) => (None, vec![problem]),
    }
}

/// Parses the text of an article file named `path` (relative to the book root).
pub fn parse_article(path: &Path, text: &str) -> Result<Article, Vec<Diagnostic>> {
    match parse_article_all(path, text) {
        (Some(article), problems) if !problems.iter().any(Diagnostic::is_error) => Ok(article),
        (_, problems) => Err(problems),
    }
}

/// [`parse_article`] reporting every problem of the file, with the article whenever its front
/// matter could be read.
pub fn parse_article_all(path: &Path, text: &str) -> (Option<Article>, Vec<Diagnostic>) {
    let slug = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let Some(split) = front_matter::split(text) else {
        let problem = Diagnostic::error(
            path,
            "no front matter: the file must start with a `---` line",
        )
        .at(1, Some(1))
        .with_hint(
            "put `---`, the YAML fields (title, outlet, date, actors, topics) and `---` at the top",
        );
        return (None, vec![problem]);
    };
    let parsed = front_matter::parse_all(path, &split);
    let mut problems = parsed.diagnostics;
    let Some(front) = parsed.front else {
        return (None, problems);
    };
    let reported = |key: &str| parsed.broken.iter().any(|k| k == key);
    let locate = |key: &str| -> Option<usize> {
        split
            .yaml
            .lines()
            .position(|l| l.starts_with(key) && l[key.len()..].trim_start().starts_with(':'))
            .map(|i| split.yaml_line + i)
    };
    if front.title.trim().is_empty() && !reported("title") {
        problems.push(
            Diagnostic::error(path, "`title` is empty")
                .at(locate("title").unwrap_or(split.yaml_line), Some(1))
                .with_hint("give the article its headline"),
        );
    }
    // Import leaves `outlet` empty, and lists it under `review`, when the text names no outlet:
    // the article is published without one rather than under a made-up "Unknown".
    let outlet_awaits_review = front.review.contains("outlet");
    if front.outlet.trim().is_empty() && !outlet_awaits_review && !reported("outlet") {
        problems.push(
            Diagnostic::error(path, "`outlet` is empty")
                .at(locate("outlet").unwrap_or(split.yaml_line), Some(1))
                .with_hint("name the organisation that wrote the story, or list `outlet` under `review` while you find out"),
        );
    }
    if front.date.is_none() && !reported("date") {
        let line = locate("date").unwrap_or(split.yaml_line);
        let awaiting_review = front.review.contains("date");
        let diagnostic = if awaiting_review {
            Diagnostic::warning(path, "no `date`: the article is listed under 'undated'")
        } else {
            Diagnostic::error(path, "missing field `date`")
        };
        problems.push(
            diagnostic.at(line, Some(1)).with_hint(
                "write `date: YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only that is known",
            ),
        );
    }
    // Warnings about an otherwise good article are re-derived by `link`, which sees the whole
    // book; they travel from here only beside errors.
    if !problems.iter().any(Diagnostic::is_error) {
        problems.clear();
    }
    let article = Article {
        slug,
        path: path.to_path_buf(),
        front,
        front_matter_yaml: split.yaml.to_string(),
        body: split.body.to_string(),
        body_line: split.body_line,
    };
    (Some(article), problems)
}

/// Sorts articles by file path and gives each a URL-safe, distinct slug derived from its file
/// name: `Moon Speech.md` becomes `moon-speech`, and if `moon-speech.md` also exists the later
/// one in path order gets `moon-speech-2`. Derived from the paths alone, so running it again after
/// an article is added or removed gives what a fresh load gives.
pub fn assign_url_slugs(articles: &mut [Article]) {
    articles.par_sort_by(|a, b| a.path.cmp(&b.path));
    slug_sorted(articles);
}

/// [`assign_url_slugs`] of articles sorted by path already. The slugs are made on every core:
/// on one, they kept the other idle between loading and linking; only making them distinct
/// needs the order.
fn slug_sorted(articles: &mut [Article]) {
    debug_assert!(articles.is_sorted_by(|a, b| a.path <= b.path));
    let natural: Vec<String> = articles.par_iter().map(natural_slug).collect();
    let slugs = crate::slug::distinct_slugs(natural);
    for (article, slug) in articles.iter_mut().zip(slugs) {
        article.slug = slug;
    }
}

/// The slug of an article's file name, before it is made distinct from the others'.
fn natural_slug(article: &Article) -> String {
    let stem = article
        .path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    crate::slug::slugify(&stem)
}

/// Reads a YAML list file such as `content/actors.yaml`; `None` when the file does not exist,
/// an empty list (and a diagnostic) when it cannot be read or parsed.
pub fn load_list<T: DeserializeOwned>(
    root: &Path,
    name: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<T>> {
    let text = match text::read(root, Path::new(name)) {
        Ok(Some(text)) => text,
        Ok(None) => return None,
        Err(problem) => {
            diagnostics.push(problem);
            return Some(Vec::new());
        }
    };
    let (list, problems) = parse_list_all(Path::new(name), &text);
    problems.into_iter().for_each(|d| diagnostics.push(d));
    Some(list)
}

/// Parses a YAML list of entries with every problem found in it: each entry that does not read
/// gives its own diagnostic at its line, and the others are kept.
pub fn parse_list_all<T: DeserializeOwned>(path: &Path, text: &str) -> (Vec<T>, Vec<Diagnostic>) {
    let first = match parse_list(path, text) {
        Ok(list) => return (list, Vec::new()),
        Err(first) => first,
    };
    // Only a list that is valid YAML, and small once aliases are expanded, is read entry by entry.
    if crate::yaml::refuse_alias_bombs(path, text).is_err() {
        return (Vec::new(), vec![first]);
    }
    let items = match serde_yaml::from_str(text) {
        Ok(serde_yaml::Value::Sequence(items)) => items,
        Ok(_) => return (Vec::new(), vec![first]),
        // Read as it streams, an entry may fail before the parser meets the broken syntax below
        // it: both are reported.
        Err(e) => {
            let syntax = crate::yaml::yaml_diagnostic(path, &e, text, 1);
            let mut problems = vec![first];
            if problems[0].line != syntax.line {
                problems.push(syntax);
            }
            return (Vec::new(), problems);
        }
    };
    let starts: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with('-'))
        .map(|(i, _)| i + 1)
        .collect();
    let mut list = Vec::with_capacity(items.len());
    let mut problems = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        match serde_path_to_error::deserialize::<_, T>(item) {
            Ok(entry) => list.push(entry),
            Err(error) => {
                let field = error.path().to_string();
                let message = error.into_inner().to_string();
                let start = starts.get(index).copied();
                let (line, column) = start
                    .map(|line| entry_field_position(text, line, &field))
                    .unwrap_or((1, 1));
                let shown = if field == "." {
                    format!("entry {}: {message}", index + 1)
                } else {
                    format!("entry {}, `{field}`: {message}", index + 1)
                };
                let mut problem = Diagnostic::error(path, shown).at(line, Some(column));
                if let Some(hint) = crate::yaml::hint(&message) {
                    problem = problem.with_hint(hint);
                }
                problems.push(problem);
            }
        }
    }
    (list, problems)
}

/// Line and column of `field` (its first segment) in the entry starting on `line`, or of the
/// entry itself.
fn entry_field_position(text: &str, line: usize, field: &str) -> (usize, usize) {
    let key = field.split(['.', '[']).next().unwrap_or_default();
    if key.is_empty() {
        return (line, 1);
    }
    text.lines()
        .enumerate()
        .skip(line - 1)
        .take_while(|(i, l)| *i + 1 == line || !l.starts_with('-'))
        .find_map(|(i, l)| Some((i + 1, crate::yaml::key_column(l, key)?)))
        .unwrap_or((line, 1))
}

/// Articles whose file names give the same slug (`A b.md`, `a-b.md`, or names differing only by
/// case): both build, the later one with a `-2` suffix, but the editor almost certainly meant
/// one article or two distinct names. One warning per later file; `check` makes them errors.
pub fn slug_collisions(book: &crate::model::Book) -> Vec<Diagnostic> {
    // The slugs on every core; only finding the repeats needs the order.
    let naturals: Vec<String> = book.articles.par_iter().map(natural_slug).collect();
    let mut by_slug: rustc_hash::FxHashMap<&str, &Path> = rustc_hash::FxHashMap::default();
    let mut found = Vec::new();
    for (article, natural) in book.articles.iter().zip(&naturals) {
        if let Some(first) = by_slug.insert(natural, &article.path) {
            found.push(
                Diagnostic::warning(
                    &article.path,
                    format!(
                        "the file name gives the same slug `{natural}` as {} (they differ only by case or punctuation); \
                         this one was published as `{}`",
                        first.display(),
                        article.slug
                    ),
                )
                .with_hint("rename one of the two files"),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::line_column;

    #[test]
    fn odd_files_give_diagnostics_not_panics() {
        let inputs = [
            "",
            "---",
            "---\n",
            "---\n---\n",
            "---\n---",
            "\u{feff}",
            "---\n: : :\n---\n",
            "---\n- a\n---\n",
            "---\ntitle: \"\u{0}\"\n---\n",
            "---\r\n---\r\n",
            "---\ndate: 99999999999999999999\n---\n",
        ];
        for input in inputs {
            let result = parse_article(Path::new("x.md"), input);
            assert!(result.is_err(), "{input:?} should not load");
        }
    }

    /// The folder listing decides most entries without asking the file system again; a link is
    /// followed, so a link to an article loads and a link to a FIFO is skipped with a warning.
    #[cfg(unix)]
    #[test]
    fn links_among_the_articles_are_judged_by_what_they_point_to() {
        let temp = tempfile::tempdir().unwrap();
        let articles = temp.path().join(ARTICLES_DIR);
        std::fs::create_dir_all(&articles).unwrap();
        let text = "---\ntitle: T\noutlet: O\ndate: 2017\n---\n\nBody.\n";
        std::fs::write(articles.join("2017-01-01-plain.md"), text).unwrap();
        let elsewhere = temp.path().join("kept.md");
        std::fs::write(&elsewhere, text).unwrap();
        std::os::unix::fs::symlink(&elsewhere, articles.join("2017-01-02-linked.md")).unwrap();
        let fifo = temp.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        std::os::unix::fs::symlink(&fifo, articles.join("2017-01-03-pipe.md")).unwrap();
        std::fs::create_dir(articles.join("2017-01-04-folder.md")).unwrap();
        let mut diagnostics = Diagnostics::default();
        let paths = article_paths(temp.path(), &mut diagnostics);
        let names: Vec<_> = paths.iter().filter_map(|p| p.file_name()).collect();
        assert_eq!(names, ["2017-01-01-plain.md", "2017-01-02-linked.md"]);
        let skipped: Vec<_> = diagnostics
            .0
            .iter()
            .filter(|d| d.message.contains("not a regular file"))
            .map(|d| d.path.clone())
            .collect();
        assert_eq!(
            skipped,
            [
                Path::new(ARTICLES_DIR).join("2017-01-03-pipe.md"),
                Path::new(ARTICLES_DIR).join("2017-01-04-folder.md")
            ]
        );
    }

    #[test]
    fn file_names_become_distinct_url_slugs() {
        let make = |slug: &str| {
            parse_article(
                Path::new(&format!("{slug}.md")),
                "---\ntitle: T\noutlet: O\ndate: 2017\n---\n",
            )
            .unwrap()
        };
        let mut articles = vec![
            make("Moon Speech"),
            make("moon-speech"),
            make("2017-02-07-call"),
        ];
        articles.sort_by(|a, b| a.slug.cmp(&b.slug));
        assign_url_slugs(&mut articles);
        let slugs: Vec<&str> = articles.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs, ["2017-02-07-call", "moon-speech", "moon-speech-2"]);
        assign_url_slugs(&mut articles);
        assert_eq!(articles[2].slug, "moon-speech-2", "idempotent");
    }

    #[test]
    fn line_column_counts_from_one() {
        assert_eq!(line_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
    }

    #[test]
    fn aliases_that_expand_a_small_file_to_millions_of_values_are_refused() {
        let mut text = String::from("- name: A\n  aliases: &many [");
        text.push_str(
            &(0..1000)
                .map(|i| format!("a{i}"))
                .collect::<Vec<_>>()
                .join(", "),
        );
        text.push_str("]\n");
        for i in 0..300 {
            text.push_str(&format!("- name: B{i}\n  aliases: *many\n"));
        }
        let error =
            parse_list::<crate::model::ActorEntry>(Path::new("actors.yaml"), &text).unwrap_err();
        assert!(error.message.contains("aliases"), "{error}");
        assert_eq!(error.line, Some(4), "the first alias");
        // A few aliases in a normal file are fine.
        let small = "- name: A\n  aliases: &one [x]\n- name: B\n  aliases: *one\n";
        let list = parse_list::<crate::model::ActorEntry>(Path::new("actors.yaml"), small).unwrap();
        assert_eq!(list[1].aliases, ["x"]);
    }

    #[test]
    fn a_null_title_or_outlet_is_an_error_at_its_line() {
        for (text, line) in [
            ("---\ntitle: null\noutlet: O\ndate: 2017\n---\nBody\n", 2),
            ("---\ntitle: T\noutlet: ~\ndate: 2017\n---\nBody\n", 3),
            ("---\ntitle: T\noutlet:\ndate: 2017\n---\nBody\n", 3),
        ] {
            let errors = parse_article(Path::new("content/articles/a.md"), text).unwrap_err();
            assert!(
                errors[0].message.contains("must not be empty"),
                "{errors:?}"
            );
            assert_eq!(errors[0].line, Some(line), "{text}");
        }
        // An outlet left empty by import, and flagged, is text: it loads.
        let text = "---\ntitle: T\noutlet: \"\"\ndate: 2017\nreview: [outlet]\n---\nBody\n";
        assert!(parse_article(Path::new("a.md"), text).is_ok());
    }

    #[test]
    fn an_article_without_date_is_an_error_unless_under_review() {
        let text = "---\ntitle: T\noutlet: O\nactors: []\ntopics: []\n---\nBody\n";
        let errors = parse_article(Path::new("content/articles/a.md"), text).unwrap_err();
        assert_eq!(errors[0].message, "missing field `date`");
        let text = "---\ntitle: T\noutlet: O\nactors: []\ntopics: []\nreview: [date]\n---\nBody\n";
        assert!(parse_article(Path::new("a.md"), text).is_ok());
    }

    #[test]
    fn bad_dates_name_the_line_and_the_expected_form() {
        let text = "---\ntitle: T\noutlet: O\ndate: 2017-13-40\nactors: []\ntopics: []\n---\n";
        let errors = parse_article(Path::new("a.md"), text).unwrap_err();
        assert_eq!(errors[0].line, Some(4), "{}", errors[0]);
        assert!(errors[0].message.contains("YYYY-MM-DD"), "{}", errors[0]);
    }
}
