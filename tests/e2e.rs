//! Runs the browser end-to-end test (tests/e2e/live_reload.mjs) in headless Chromium. See
//! tests/e2e/README for what it needs; a missing piece fails the test with a message saying so.

mod common;
use common::copy_dir;

use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn live_reload_works_in_a_browser() {
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        chromium.exists(),
        "Chromium is missing at {}: install it (apt-get install chromium chromium-driver) \
         or set CHROMIUM to its path; see tests/e2e/README",
        chromium.display()
    );
    assert!(
        Command::new("node").arg("--version").output().is_ok(),
        "Node.js is missing from PATH; see tests/e2e/README"
    );
    if !e2e.join("node_modules/playwright-core").is_dir() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&e2e)
            .status()
            .expect("npm is on PATH to install the test's Node dependencies");
        assert!(
            status.success(),
            "`npm ci` in tests/e2e failed; see tests/e2e/README"
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    copy_dir(Path::new("tests/fixtures/serve-book"), &book);
    std::fs::create_dir_all(book.join("theme")).unwrap();
    std::fs::write(book.join("theme/style.css"), "body { margin: 0 auto; }\n").unwrap();

    let output = Command::new("node")
        .arg(e2e.join("live_reload.mjs"))
        .arg(env!("CARGO_BIN_EXE_briefbook"))
        .arg(&book)
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the browser test failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
