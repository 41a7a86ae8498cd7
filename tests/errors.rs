//! Errors that stop a command say what failed in their type, keep the error underneath as their
//! source, and read as before on the command line: once, with the file, line and column.

mod common;

use std::error::Error as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use briefbook::build::{build, BuildOptions};
use briefbook::error::{Error, OutputRefusal};

fn small_book(dir: &Path) -> PathBuf {
    let root = dir.join("book");
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small"),
        &root,
    );
    root
}

#[test]
fn a_template_error_keeps_teras_error_as_its_source() {
    let temp = tempfile::tempdir().unwrap();
    let root = small_book(temp.path());
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(root.join("templates/article.html"), "<p>\n  {% if %}</p>").unwrap();
    let error = build(&BuildOptions::new(&root)).unwrap_err();
    let Error::Template { message, .. } = &error else {
        panic!("not a template error: {error:?}");
    };
    assert!(
        message.starts_with("templates/article.html:2:"),
        "{message}"
    );
    assert!(error
        .to_string()
        .starts_with("template error: templates/article.html:2:"));
    let source = error.source().expect("the template error has a source");
    assert!(source.downcast_ref::<tera::Error>().is_some(), "{source:?}");
}

#[test]
fn the_command_line_says_a_template_error_once() {
    let temp = tempfile::tempdir().unwrap();
    let root = small_book(temp.path());
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(root.join("templates/article.html"), "{% if %}").unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_briefbook"))
        .args(["build", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(!run.status.success());
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.starts_with("error: template error: templates/article.html:1:"),
        "{said}"
    );
    // Its causes are in its message; the source chain does not repeat them.
    let first_line = said.lines().next().unwrap();
    let cause = first_line.rsplit(": ").next().unwrap();
    assert_eq!(said.matches(cause).count(), 1, "{said}");
}

#[test]
fn a_folder_without_a_book_is_refused_as_such() {
    let temp = tempfile::tempdir().unwrap();
    let error = build(&BuildOptions::new(temp.path())).unwrap_err();
    assert!(matches!(error, Error::NotABook { .. }), "{error:?}");
    let said = error.to_string();
    assert!(
        said.contains("holds no book") && said.contains("briefbook init"),
        "{said}"
    );
}

#[test]
fn an_output_folder_briefbook_did_not_make_is_refused_with_the_reason() {
    let temp = tempfile::tempdir().unwrap();
    let root = small_book(temp.path());
    let output = temp.path().join("mine");
    std::fs::create_dir_all(&output).unwrap();
    std::fs::write(output.join("notes.txt"), "my own file").unwrap();
    let error = build(&BuildOptions {
        output: Some(output.clone()),
        ..BuildOptions::new(&root)
    })
    .unwrap_err();
    let Error::Output { path, refusal } = &error else {
        panic!("not an output refusal: {error:?}");
    };
    assert_eq!(path, &output);
    assert!(matches!(refusal, OutputRefusal::NotMadeByBriefbook { .. }));
    assert!(
        error.to_string().contains("was not made by briefbook"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(output.join("notes.txt")).unwrap(),
        "my own file"
    );
}
