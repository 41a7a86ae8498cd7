//! `build --pdf`: prints the written book page (`book/index.html`) to `book.pdf`, or each volume
//! of a book printed in volumes (`book/1/index.html`…) to `book-1.pdf`…, with a headless Chromium
//! or Chrome found on the `PATH`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::Error;

/// Browser executables tried in order.
pub const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// The first browser of [`BROWSERS`] on the `PATH`.
pub fn find_browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        BROWSERS
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// Prints the book to `output_dir/book.pdf`, or each of its volumes to `book-1.pdf`…, and
/// returns the PDFs' paths.
pub fn write_pdf(output_dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let browser = find_browser().ok_or_else(|| {
        Error::Refused(
            "--pdf needs Chromium or Chrome, and none was found on PATH; install it with \
             `apt-get install chromium` (Debian/Ubuntu) or `brew install --cask chromium` (macOS), \
             or print the page book/index.html from any browser"
                .to_string(),
        )
    })?;
    let output_dir = std::fs::canonicalize(output_dir).map_err(|e| Error::io(output_dir, e))?;
    let book = output_dir.join("book");
    let page = book.join("index.html");
    if !page.is_file() {
        return Err(Error::Refused(format!(
            "{} does not exist; build the site first",
            page.display()
        )));
    }
    // A book in volumes has a cover at book/ and the articles in book/1/, book/2/…
    let volumes: Vec<(PathBuf, PathBuf)> = (1..)
        .map(|n| (book.join(n.to_string()).join("index.html"), n))
        .take_while(|(page, _)| page.is_file())
        .map(|(page, n)| (page, output_dir.join(format!("book-{n}.pdf"))))
        .collect();
    let jobs = if volumes.is_empty() {
        vec![(page, output_dir.join("book.pdf"))]
    } else {
        volumes
    };
    jobs.into_iter()
        .map(|(page, pdf)| print(&browser, &output_dir, &page, &pdf).map(|()| pdf))
        .collect()
}

/// Prints one page to `pdf` with `browser`.
fn print(browser: &Path, output_dir: &Path, page: &Path, pdf: &Path) -> Result<(), Error> {
    let profile = tempfile_dir(output_dir);
    std::fs::create_dir_all(&profile).map_err(|e| Error::io(&profile, e))?;
    let result = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(page))
        .output();
    let _ = std::fs::remove_dir_all(&profile);
    let output = result.map_err(|e| Error::io(browser, e))?;
    if !output.status.success() || !pdf.is_file() {
        return Err(Error::Refused(format!(
            "{} could not print {}: {}",
            browser.display(),
            page.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(())
}

/// A throwaway browser profile beside the output, so a running browser's profile is not touched.
fn tempfile_dir(output_dir: &Path) -> PathBuf {
    let parent = output_dir.parent().unwrap_or(output_dir);
    parent.join(format!(".briefbook-pdf-profile-{}", std::process::id()))
}

/// `file://` URL of an absolute path, percent-encoding what URLs cannot hold.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_spaces_and_unicode() {
        assert_eq!(
            file_url(Path::new("/tmp/my book/문")),
            "file:///tmp/my%20book/%EB%AC%B8"
        );
    }
}
