//! Runs the browser end-to-end test (tests/e2e/live_reload.mjs) in headless Chromium. See
//! tests/e2e/README for what it needs; a missing piece fails the test with a message saying so.

mod common;
use common::{copy_dir, BrowserScripts};

use std::path::Path;

#[test]
fn live_reload_works_in_a_browser() {
    let browser = BrowserScripts::ready();
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    copy_dir(Path::new("tests/fixtures/serve-book"), &book);
    std::fs::create_dir_all(book.join("theme")).unwrap();
    std::fs::write(book.join("theme/style.css"), "body { margin: 0 auto; }\n").unwrap();

    browser.run(
        "live_reload.mjs",
        [env!("CARGO_BIN_EXE_briefbook").as_ref(), book.as_os_str()],
        "live reload",
    );
}

#[test]
fn the_review_queue_works_in_a_browser() {
    let browser = BrowserScripts::ready();
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("book");
    copy_dir(Path::new("tests/fixtures/serve-book"), &book);
    let shots = std::env::var_os("E2E_SCREENSHOT_DIR").unwrap_or_default();
    browser.run(
        "review.mjs",
        [
            env!("CARGO_BIN_EXE_briefbook").as_ref(),
            book.as_os_str(),
            shots.as_os_str(),
        ],
        "review queue",
    );
}
