//! The link checker: every `href`, `src` and form `action` of every rendered page must lead to a
//! file of the site, and every `#fragment` to an element with that id (or name) on the target.
//! Pages are read with html5ever's tokenizer (no tree), so checking stays cheap on big books.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use rayon::prelude::*;

use crate::error::Diagnostic;
use crate::render::urls::{is_external, percent_decode, resolve, split_link};
use crate::render::Output;

/// A link found on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLink {
    pub value: String,
    pub line: usize,
}

/// What a page holds that links depend on.
#[derive(Debug, Default)]
pub struct PageScan {
    pub ids: HashSet<String>,
    pub links: Vec<FoundLink>,
}

#[derive(Default)]
struct Sink {
    scan: RefCell<PageScan>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let name: &str = &tag.name;
        let mut scan = self.scan.borrow_mut();
        for attribute in &tag.attrs {
            let attr: &str = &attribute.name.local;
            let value = &attribute.value;
            match attr {
                "id" => {
                    scan.ids.insert(value.to_string());
                }
                "name" if name == "a" => {
                    scan.ids.insert(value.to_string());
                }
                // <link rel="alternate"> and friends are links too; <base> is not followed.
                "href" | "src" | "action" if name != "base" => {
                    scan.links.push(FoundLink {
                        value: value.trim().to_string(),
                        line: line_number as usize,
                    });
                }
                _ => {}
            }
        }
        match name {
            "script" if !tag.self_closing => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "noscript" | "xmp" | "iframe" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            _ => TokenSinkResult::Continue,
        }
    }
}

/// The ids and links of one HTML page.
pub fn scan_page(html: &str) -> PageScan {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.scan.into_inner()
}

/// Checks every internal link and anchor of the site `outputs`. `base_path` is the path part of
/// the base URL (`/sub/`), which absolute links must start with; `sources` names the content file
/// a page came from, so messages point at what the editor can fix.
pub fn check_links(
    outputs: &[Output],
    base_path: &str,
    sources: &HashMap<String, PathBuf>,
) -> Vec<Diagnostic> {
    let files: HashSet<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
    let scans: HashMap<&str, PageScan> = outputs
        .par_iter()
        .filter(|o| o.path.ends_with(".html"))
        .map(|o| {
            (
                o.path.as_str(),
                scan_page(&String::from_utf8_lossy(&o.bytes)),
            )
        })
        .collect();
    let mut pages: Vec<&&str> = scans.keys().collect();
    pages.sort();
    pages
        .par_iter()
        .flat_map_iter(|&&page| {
            let scan = &scans[page];
            let folder = match page.rfind('/') {
                Some(i) => &page[..=i],
                None => "",
            };
            let mut problems = Vec::new();
            for link in &scan.links {
                if let Some(problem) =
                    check_link(page, folder, &link.value, base_path, &files, &scans)
                {
                    let (path, line) = match sources.get(page) {
                        Some(source) => (source.clone(), None),
                        None => (PathBuf::from(page), Some(link.line)),
                    };
                    let mut diagnostic = Diagnostic::error(
                        path,
                        format!("broken link `{}` on {page}: {problem}", link.value),
                    )
                    .with_hint("fix the link in the article or template, or add the missing page");
                    if let Some(line) = line {
                        diagnostic = diagnostic.at(line, None);
                    }
                    problems.push(diagnostic);
                }
            }
            problems
        })
        .collect()
}

/// Why `href` on `page` (in `folder`) is broken, or `None` when it is fine.
fn check_link(
    page: &str,
    folder: &str,
    href: &str,
    base_path: &str,
    files: &HashSet<&str>,
    scans: &HashMap<&str, PageScan>,
) -> Option<String> {
    if href.is_empty() || is_external(href) {
        return None;
    }
    let (path, _query, fragment) = split_link(href);
    let path = percent_decode(path);
    let target = if let Some(absolute) = path.strip_prefix('/') {
        let Some(inside) = format!("/{absolute}")
            .strip_prefix(base_path)
            .map(str::to_string)
        else {
            return Some(format!("it leaves the site's base path `{base_path}`"));
        };
        resolve("", &inside)
    } else if path.is_empty() {
        Some(page.to_string())
    } else {
        resolve(folder, &path)
    };
    let Some(target) = target else {
        return Some("it climbs above the site's root".to_string());
    };
    let file = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else if files.contains(target.as_str()) {
        target.clone()
    } else {
        format!("{target}/index.html")
    };
    if !files.contains(file.as_str()) {
        return Some(format!("there is no `{}` in the site", target));
    }
    let fragment = percent_decode(fragment);
    if fragment.is_empty() || fragment == "top" {
        return None;
    }
    match scans.get(file.as_str()) {
        Some(scan) if !scan.ids.contains(&fragment) => {
            Some(format!("`{file}` has no element with id `{fragment}`"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(path: &str, html: &str) -> Output {
        Output {
            path: path.to_string(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn scanning_skips_scripts_and_finds_ids_and_links() {
        let scan = scan_page(
            "<a id=x href='../a/#b'>a</a><script>var s = '<a href=\"nope\">';</script><img src=p.png><a name=old></a>",
        );
        let values: Vec<&str> = scan.links.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(values, ["../a/#b", "p.png"]);
        assert!(scan.ids.contains("x") && scan.ids.contains("old"));
    }

    #[test]
    fn broken_files_and_anchors_are_reported_and_good_links_are_not() {
        let outputs = vec![
            output("index.html", "<a href='a/'>a</a><a href='a/#here'>h</a><a href='a'>r</a><a href='https://x/'>x</a><a href='#top'>t</a>"),
            output("a/index.html", "<p id=here></p><a href='../b/'>b</a><a href='../#nowhere'>n</a><a href='/sub/a/'>abs</a><a href='/other/'>o</a><a href='../../x'>up</a>"),
        ];
        let problems = check_links(&outputs, "/sub/", &HashMap::new());
        let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(problems.len(), 4, "{messages:#?}");
        assert!(messages
            .iter()
            .any(|m| m.contains("`../b/`") && m.contains("no `b/`")));
        assert!(messages
            .iter()
            .any(|m| m.contains("no element with id `nowhere`")));
        assert!(messages
            .iter()
            .any(|m| m.contains("`/other/`") && m.contains("base path")));
        assert!(messages.iter().any(|m| m.contains("climbs above")));
    }
}
