//! `build --pdf`: prints the written book page (`book/index.html`) to `book.pdf`, or each volume
//! of a book printed in volumes (`book/1/index.html`…) to `book-1.pdf`…, with a headless Chromium
//! or Chrome found on the `PATH`. Printed twice: Chromium cannot number the contents' entries by
//! page, so the first print says where each article starts (its named destination, which
//! Chromium writes for every anchor), and the second prints the page with those numbers in the
//! contents and the actor index, in slots of a fixed width, so nothing moves between the two.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, PrintFailure};

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
    let browser = find_browser().ok_or(Error::Print(PrintFailure::NoBrowser))?;
    let output_dir = std::fs::canonicalize(output_dir).map_err(|e| Error::io(output_dir, e))?;
    let book = output_dir.join("book");
    let page = book.join("index.html");
    if !page.is_file() {
        return Err(Error::Print(PrintFailure::NotBuilt { page }));
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
        .map(|(page, pdf)| print_numbered(&browser, &output_dir, &page, &pdf).map(|()| pdf))
        .collect()
}

/// Prints `page` to `pdf`, then again with the page numbers the first print gave its articles
/// filled into the page's `data-page-of` slots. A page without slots prints once.
fn print_numbered(browser: &Path, output_dir: &Path, page: &Path, pdf: &Path) -> Result<(), Error> {
    print(browser, output_dir, page, pdf)?;
    let html = std::fs::read_to_string(page).map_err(|e| Error::io(page, e))?;
    if !html.contains(PAGE_SLOT) {
        return Ok(());
    }
    let starts = destination_pages(pdf)?;
    // Beside the page, so its relative links and stylesheets still resolve; removed after.
    let numbered = page.with_file_name(".briefbook-numbered.html");
    std::fs::write(&numbered, fill_page_numbers(&html, &starts))
        .map_err(|e| Error::io(&numbered, e))?;
    let printed = print(browser, output_dir, &numbered, pdf);
    let _ = std::fs::remove_file(&numbered);
    printed
}

/// The start of an empty slot for the page number of the anchor it names:
/// `<span class="page-of" data-page-of="a12"></span>`.
const PAGE_SLOT: &str = "data-page-of=\"";

/// Each named destination of `pdf` (Chromium names them after the page's anchors) with the
/// 1-based number of the page it is on.
fn destination_pages(pdf: &Path) -> Result<std::collections::HashMap<String, u32>, Error> {
    let unreadable = |source: lopdf::Error| {
        Error::Print(PrintFailure::Unreadable {
            pdf: pdf.to_path_buf(),
            source,
        })
    };
    let document = lopdf::Document::load(pdf).map_err(unreadable)?;
    let number_of: std::collections::HashMap<lopdf::ObjectId, u32> = document
        .get_pages()
        .into_iter()
        .map(|(number, id)| (id, number))
        .collect();
    let mut pages = std::collections::HashMap::new();
    let catalog = document.catalog().map_err(unreadable)?;
    let Ok(dests) = catalog.get(b"Dests") else {
        return Ok(pages);
    };
    let dests = match dests {
        lopdf::Object::Reference(id) => document.get_dictionary(*id).map_err(unreadable)?,
        lopdf::Object::Dictionary(d) => d,
        _ => return Ok(pages),
    };
    for (name, target) in dests.iter() {
        let target = match target {
            lopdf::Object::Reference(id) => document.get_object(*id).map_err(unreadable)?,
            other => other,
        };
        let page = target
            .as_array()
            .ok()
            .and_then(|a| a.first())
            .and_then(|p| p.as_reference().ok())
            .and_then(|id| number_of.get(&id));
        if let Some(&page) = page {
            pages.insert(String::from_utf8_lossy(name).into_owned(), page);
        }
    }
    Ok(pages)
}

/// `html` with each page-number slot filled from `pages`, and `pages-known` on its `<main>`, so
/// the stylesheet shows page numbers where the screen shows article numbers.
fn fill_page_numbers(html: &str, pages: &std::collections::HashMap<String, u32>) -> String {
    let mut out = String::with_capacity(html.len() + 4096);
    let mut rest = html;
    while let Some(at) = rest.find(PAGE_SLOT) {
        let value_start = at + PAGE_SLOT.len();
        let Some(value_len) = rest[value_start..].find('"') else {
            break;
        };
        let anchor = &rest[value_start..value_start + value_len];
        // The slot's element ends its start tag right after the attribute.
        let Some(tag_end) = rest[value_start..].find('>') else {
            break;
        };
        let content_at = value_start + tag_end + 1;
        out.push_str(&rest[..content_at]);
        if let Some(page) = pages.get(anchor) {
            out.push_str(&page.to_string());
        }
        rest = &rest[content_at..];
    }
    out.push_str(rest);
    out.replacen(
        "<main id=\"main\" class=\"",
        "<main id=\"main\" class=\"pages-known ",
        1,
    )
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
        return Err(Error::Print(PrintFailure::Browser {
            browser: browser.to_path_buf(),
            page: page.to_path_buf(),
            said: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        }));
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
    fn page_numbers_fill_their_slots_and_mark_the_page() {
        let html = "<main id=\"main\" class=\"book\"><span class=\"page-of\" data-page-of=\"a1\"></span> <span class=\"page-of\" data-page-of=\"a9\"></span></main>";
        let pages = std::collections::HashMap::from([("a1".to_string(), 5)]);
        assert_eq!(
            fill_page_numbers(html, &pages),
            "<main id=\"main\" class=\"pages-known book\"><span class=\"page-of\" data-page-of=\"a1\">5</span> <span class=\"page-of\" data-page-of=\"a9\"></span></main>"
        );
    }

    #[test]
    fn file_urls_escape_spaces_and_unicode() {
        assert_eq!(
            file_url(Path::new("/tmp/my book/문")),
            "file:///tmp/my%20book/%EB%AC%B8"
        );
    }
}
