//! Data flows one way, import → load → link → render → write, with the composer, build, check
//! and serve on top and a ground floor below every stage. This test reads every `crate::` path
//! in `src/` and fails when a module reaches against that flow (load into link, link into
//! render, build into check…), or when a new top-level module is not placed in the map.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Shared by every stage: diagnostics, the Markdown dialect, slugs, the book's types and
/// settings, the progress bar, the book's file layout and its YAML reader.
const GROUND: &[&str] = &[
    "error", "dialect", "slug", "model", "config", "progress", "layout", "yaml",
];

/// Each module above the ground floor and the modules (besides the ground floor) it may use.
const ALLOWED: &[(&str, &[&str])] = &[
    ("import", &[]),
    ("load", &[]),
    ("link", &["load"]),
    ("render", &["load", "link"]),
    ("write", &["load", "link", "render"]),
    // Beside the render stage: the review queue and the record of published addresses.
    ("review", &["load", "link", "render"]),
    ("renames", &["load", "link", "render"]),
    // The composer chains the stages; build, check and serve are layers on it.
    (
        "compose",
        &["load", "link", "render", "write", "review", "renames"],
    ),
    (
        "build",
        &[
            "compose", "load", "link", "render", "write", "review", "renames",
        ],
    ),
    (
        "check",
        &[
            "compose", "load", "link", "render", "write", "review", "renames",
        ],
    ),
    (
        "serve",
        &[
            "compose", "load", "link", "render", "write", "review", "renames",
        ],
    ),
    ("init", &[]),
    ("pdf", &[]),
];

/// The top-level modules each `crate::` path in `text` names (`use crate::a::b`,
/// `use crate::{a, b::c}`, `crate::a::f()`), comments left out.
fn crate_paths(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + "crate::".len()..];
            // `briefbook_crate::` or `$crate::` are other things.
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                let mut depth = 0;
                let mut name = String::new();
                let mut at_start = true;
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => at_start = true,
                        c if at_start && (c.is_alphanumeric() || c == '_') => name.push(c),
                        _ if !name.is_empty() => {
                            found.insert(std::mem::take(&mut name));
                            at_start = false;
                        }
                        _ => {}
                    }
                }
                if !name.is_empty() {
                    found.insert(name);
                }
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

/// Every `.rs` file under `dir` with the top-level module it belongs to.
fn sources(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(dir).unwrap();
                let first = relative.components().next().unwrap();
                let module = Path::new(first.as_os_str())
                    .file_stem()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.push((module, path));
            }
        }
    }
    files.sort();
    files
}

/// The uses against the flow among `files` (top-level module, shown path, text), and the
/// modules the map does not place.
fn against_the_flow(files: &[(String, String, String)]) -> (Vec<String>, BTreeSet<String>) {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut against = Vec::new();
    let mut unplaced = BTreeSet::new();
    for (module, shown, text) in files {
        let may_use: &[&str] = if GROUND.contains(&module.as_str()) {
            &[]
        } else if let Some(may) = allowed.get(module.as_str()) {
            may
        } else {
            unplaced.insert(module.clone());
            continue;
        };
        for used in crate_paths(text) {
            let fine = used == *module
                || GROUND.contains(&used.as_str())
                || may_use.contains(&used.as_str());
            if !fine {
                against.push(format!("{shown} uses crate::{used}"));
            }
        }
    }
    (against, unplaced)
}

#[test]
fn no_module_reaches_against_the_flow() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files: Vec<(String, String, String)> = sources(&src)
        .into_iter()
        // The binary and the library's root only name modules; they use none against the flow.
        .filter(|(module, _)| !matches!(module.as_str(), "main" | "cli" | "lib"))
        .map(|(module, path)| {
            let text = std::fs::read_to_string(&path).unwrap();
            let shown = path.strip_prefix(&src).unwrap().display().to_string();
            (module, shown, text)
        })
        .collect();
    assert!(
        files.len() > 50,
        "only {} source files under src/",
        files.len()
    );
    let (against, unplaced) = against_the_flow(&files);
    assert!(
        unplaced.is_empty(),
        "modules missing from the map in tests/module_flow.rs: {unplaced:?}"
    );
    assert!(
        against.is_empty(),
        "uses against the flow import → load → link → render → write (compose, then build, \
         check and serve on top):\n  {}",
        against.join("\n  ")
    );
}

#[test]
fn the_scan_sees_every_form_of_a_crate_path() {
    let text = "use crate::load::{a, b};\n\
                use crate::{link::x, render::{y, z}, write};\n\
                let v = crate::serve::f(crate::error::line_column(t, 0));\n\
                // crate::build::build is only named in a comment\n\
                macro_rules! m { () => { $crate::slug::slugify } }\n";
    let found: Vec<String> = crate_paths(text).into_iter().collect();
    assert_eq!(
        found,
        ["error", "link", "load", "render", "serve", "write"],
        "{found:?}"
    );
}

#[test]
fn uses_against_the_flow_are_found() {
    let file = |module: &str, text: &str| {
        (
            module.to_string(),
            format!("{module}/x.rs"),
            text.to_string(),
        )
    };
    let (against, unplaced) = against_the_flow(&[
        file(
            "load",
            "use crate::render::Output;\nuse crate::error::Diagnostic;",
        ),
        file("link", "use crate::load::ACTORS_FILE;"),
        file("render", "let w = crate::write::write_site;"),
        file("build", "pub fn check() { crate::check::check(o) }"),
        file("check", "use crate::compose::link_book;"),
        file("dialect", "use crate::link::Taxonomy;"),
        file("brand_new", "use crate::error::Error;"),
    ]);
    assert_eq!(
        against,
        [
            "load/x.rs uses crate::render",
            "render/x.rs uses crate::write",
            "build/x.rs uses crate::check",
            "dialect/x.rs uses crate::link",
        ]
    );
    assert_eq!(unplaced.into_iter().collect::<Vec<_>>(), ["brand_new"]);
}
