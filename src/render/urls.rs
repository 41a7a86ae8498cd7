//! Site-internal URLs: relative links between pages and their resolution back to output paths,
//! shared by the feeds, the printable book and the link checker.

/// The relative link from a file in folder `from` to `to` (both from the site root, folders
/// ending in `/`): `relative_path("actors/x/", "articles/y/")` → `../../articles/y/`.
pub fn relative_path(from: &str, to: &str) -> String {
    // Only whole folders are shared: the last part of `to` is a file name or empty. `shared`
    // is where the rest of `to` starts after the folders both paths open with.
    let mut from_folders = from.split_terminator('/');
    let mut common = 0;
    let mut shared = 0;
    while let Some(slash) = to[shared..].find('/') {
        match from_folders.next() {
            Some(folder) if folder == &to[shared..shared + slash] => {
                common += 1;
                shared += slash + 1;
            }
            _ => break,
        }
    }
    let ups = from.split_terminator('/').count() - common;
    if ups == 0 && shared == to.len() {
        return "./".to_string();
    }
    let mut link = String::with_capacity(ups * 3 + to.len() - shared);
    for _ in 0..ups {
        link.push_str("../");
    }
    link.push_str(&to[shared..]);
    link
}

/// Whether `href` leaves the site: it has a scheme (`https:`, `mailto:`, `data:`) or is
/// protocol-relative (`//host/`).
pub fn is_external(href: &str) -> bool {
    if href.starts_with("//") {
        return true;
    }
    let end = href.find(['/', '?', '#']).unwrap_or(href.len());
    href[..end].contains(':')
}

/// A link split into its path, query and fragment: `a/b?q=1#x` → (`a/b`, `q=1`, `x`).
pub fn split_link(href: &str) -> (&str, &str, &str) {
    let (rest, fragment) = href.split_once('#').unwrap_or((href, ""));
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    (path, query, fragment)
}

/// Resolves the relative path `path` (no query or fragment) against the folder `base` (from the
/// site root, ending in `/` or empty), giving a path from the site root with `.` and `..`
/// removed; `None` when it climbs above the root.
pub fn resolve(base: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    let trailing = path.is_empty() || path.ends_with('/') || path.ends_with("/.") || path == ".";
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut out = parts.join("/");
    if trailing && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Decodes `%XX` escapes; invalid escapes are kept as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_climb_out_of_the_folder() {
        assert_eq!(
            relative_path("actors/x/", "articles/y/"),
            "../../articles/y/"
        );
        assert_eq!(relative_path("", "articles/y/"), "articles/y/");
        assert_eq!(relative_path("", ""), "./");
        assert_eq!(relative_path("actors/x/", "actors/x/atom.xml"), "atom.xml");
        assert_eq!(relative_path("actors/x/", "actors/x/"), "./");
        assert_eq!(relative_path("actors/x/", "actors/"), "../");
        // A folder name that only starts like the other is not shared.
        assert_eq!(
            relative_path("actors/xy/", "actors/x/atom.xml"),
            "../x/atom.xml"
        );
        assert_eq!(relative_path("a/b/c/", "a/d"), "../../d");
        assert_eq!(relative_path("a/", "a/b/c/"), "b/c/");
    }

    #[test]
    fn resolution_normalises_and_refuses_to_leave_the_root() {
        assert_eq!(
            resolve("articles/a/", "../b/").as_deref(),
            Some("articles/b/")
        );
        assert_eq!(resolve("articles/a/", "../../").as_deref(), Some(""));
        assert_eq!(
            resolve("articles/a/", "x.json").as_deref(),
            Some("articles/a/x.json")
        );
        assert_eq!(resolve("", "../x"), None);
        assert_eq!(resolve("book/", "").as_deref(), Some("book/"));
    }

    #[test]
    fn external_links_are_recognised() {
        assert!(is_external("https://x.org/"));
        assert!(is_external("mailto:a@b"));
        assert!(is_external("data:text/plain,x"));
        assert!(is_external("//cdn.example/x"));
        assert!(!is_external("../a/b:c"));
        assert!(!is_external("#x"));
    }

    #[test]
    fn links_split_and_decode() {
        assert_eq!(split_link("a/b?q=1#x"), ("a/b", "q=1", "x"));
        assert_eq!(percent_decode("%EB%AC%B8%2"), "문%2");
    }
}
