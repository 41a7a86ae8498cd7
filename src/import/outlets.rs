//! Outlets: who wrote the story and which site it was copied from. Authorship comes from bylines,
//! datelines, sign-offs, "Source:" lines and reporters' e-mail domains; the site from its page
//! layout (date stamps, mastheads), copyright lines and URL. A site that reposts another outlet's
//! story is its `publisher`. Every name resolves through `content/outlets.yaml`.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::RegexSet;

use super::chrome::email_domains;
use super::clean::{Block, Doc, Kind, Meta};
use super::headline::first_dateline;
use super::PageHints;
use crate::error::Diagnostic;
use crate::load::OUTLETS_FILE;
use crate::model::OutletEntry;

/// The outlets file, compiled for matching.
pub(crate) struct OutletMatcher {
    names: Vec<String>,
    by_name: HashMap<String, usize>,
    signatures: Option<AhoCorasick>,
    signature_owner: Vec<usize>,
    domains: Vec<(String, usize)>,
    layouts: RegexSet,
    layout_owner: Vec<usize>,
}

/// The outcome of weighing the evidence.
pub(crate) struct OutletGuess {
    pub outlet: Option<String>,
    pub publisher: Option<String>,
    /// Only faint evidence (a photo credit): the editor should check.
    pub weak: bool,
}

impl OutletMatcher {
    pub fn new(outlets: &[OutletEntry]) -> Result<Self, Diagnostic> {
        let mut by_name = HashMap::new();
        let mut signatures = Vec::new();
        let mut signature_owner = Vec::new();
        let mut domains = Vec::new();
        let mut layouts = Vec::new();
        let mut layout_owner = Vec::new();
        for (i, outlet) in outlets.iter().enumerate() {
            for name in std::iter::once(&outlet.name).chain(&outlet.aliases) {
                by_name.entry(name_key(name)).or_insert(i);
            }
            for signature in outlet.signatures.iter().filter(|s| !s.trim().is_empty()) {
                signatures.push(signature.trim().to_string());
                signature_owner.push(i);
            }
            for domain in &outlet.domains {
                domains.push((domain.trim().to_lowercase(), i));
            }
            for layout in &outlet.layouts {
                if let Err(e) = regex::Regex::new(layout) {
                    return Err(Diagnostic::error(
                        OUTLETS_FILE,
                        format!(
                            "layout `{layout}` of {} is not a valid pattern: {e}",
                            outlet.name
                        ),
                    )
                    .with_hint(
                        "layouts are regular expressions; escape `.`, `(` and `)` with `\\`",
                    ));
                }
                layouts.push(layout.clone());
                layout_owner.push(i);
            }
        }
        let signatures_ac = (!signatures.is_empty()).then(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&signatures)
                .expect("signatures build an automaton")
        });
        Ok(OutletMatcher {
            names: outlets.iter().map(|o| o.name.clone()).collect(),
            by_name,
            signatures: signatures_ac,
            signature_owner,
            domains,
            layouts: RegexSet::new(&layouts).expect("layouts were checked one by one"),
            layout_owner,
        })
    }

    /// The canonical name of the outlet called `text` (a name or alias, any case).
    pub fn resolve(&self, text: &str) -> Option<&str> {
        self.resolve_index(text).map(|i| self.names[i].as_str())
    }

    fn resolve_index(&self, text: &str) -> Option<usize> {
        self.by_name.get(&name_key(text)).copied()
    }

    /// Whether a line belongs to some outlet's page layout.
    pub fn is_layout(&self, line: &str) -> bool {
        self.layouts.is_match(line)
    }

    /// Whether a line is exactly one of the outlets' signatures ("OFFICE OF THE SPOKESPERSON").
    pub fn is_signature_line(&self, line: &str) -> bool {
        self.signatures.as_ref().is_some_and(|ac| {
            ac.find(line)
                .is_some_and(|m| m.start() == 0 && m.end() == line.len())
        })
    }

    /// Whether a line is just an outlet's name (a masthead or a credit on its own).
    pub fn is_masthead(&self, line: &str) -> bool {
        line.split_whitespace().count() <= 6 && self.resolve_index(line).is_some()
    }

    fn domain_owner(&self, domain: &str) -> Option<usize> {
        let domain = domain.to_lowercase();
        self.domains
            .iter()
            .find(|(d, _)| domain == *d || domain.ends_with(&format!(".{d}")))
            .map(|&(_, i)| i)
    }

    /// Weighs every hint in the text and names the outlet and, for a repost, the publisher.
    pub fn identify(&self, doc: &Doc, hints: &PageHints, url: Option<&str>) -> OutletGuess {
        let mut author: HashMap<usize, i32> = HashMap::new();
        let mut site: HashMap<usize, i32> = HashMap::new();
        let add = |map: &mut HashMap<usize, i32>, i: usize, w: i32| {
            *map.entry(i).or_default() += w;
        };

        let bylines = hints.byline.iter().map(String::as_str);
        for line in bylines.chain(doc.meta(Meta::Byline)) {
            let rest = super::headline::strip_byline_prefix(line);
            for part in rest.split([',', '|', '/']).flat_map(|p| p.split(" and ")) {
                if let Some(i) = self.resolve_index(part) {
                    add(&mut author, i, 10);
                }
            }
            self.add_domains(line, 6, &mut author);
        }
        for line in doc.meta(Meta::Source) {
            let rest = line.split_once(':').map_or(line, |(_, r)| r);
            for part in rest.split([',', ';', '/', '|']) {
                if let Some(i) = self.resolve_index(part) {
                    add(&mut author, i, 10);
                }
            }
        }
        for line in doc.meta(Meta::Contact).chain(doc.meta(Meta::Credit)) {
            self.add_domains(line, 6, &mut author);
        }
        for line in doc.meta(Meta::Copyright) {
            for (name, &i) in &self.by_name {
                if name.len() >= 4 && name_key(line).contains(name.as_str()) {
                    add(&mut site, i, 4);
                }
            }
        }
        let body_starts = doc.lines.iter().position(|l| l.kind == Kind::Body);
        for (n, line) in doc.lines.iter().enumerate().filter(|(_, l)| {
            matches!(
                l.kind,
                Kind::Meta(Meta::Layout) | Kind::Meta(Meta::Stamp) | Kind::PreTitle
            )
        }) {
            for m in self.layouts.matches(&line.text).iter() {
                add(&mut site, self.layout_owner[m], 5);
            }
            if let Some(i) = self.resolve_index(&line.text) {
                // An outlet's name on its own line is the site's masthead above the story and the
                // author's credit below it ("Yonhap" closing a story a newspaper reposted).
                if body_starts.is_some_and(|b| n > b) {
                    add(&mut author, i, 8);
                } else {
                    add(&mut site, i, 4);
                }
            }
        }
        if let Some(site_name) = &hints.site_name {
            if let Some(i) = self.resolve_index(site_name) {
                add(&mut site, i, 6);
            }
        }
        let urls = doc.meta(Meta::Url).chain(url);
        for u in urls {
            if let Some(host) = host_of(u) {
                if let Some(i) = self.domain_owner(host) {
                    add(&mut site, i, 5);
                }
            }
        }

        if let Some(org) = first_dateline(doc).and_then(|d| d.org) {
            if let Some(i) = self.resolve_index(&org) {
                add(&mut author, i, 10);
            }
        }
        self.weigh_signatures(doc, &mut author);

        let best = |map: &HashMap<usize, i32>| {
            map.iter()
                .max_by_key(|&(&i, &w)| (w, std::cmp::Reverse(i)))
                .map(|(&i, &w)| (i, w))
        };
        let best_author = best(&author);
        let best_site = best(&site);
        let chosen = match (best_author, best_site) {
            (Some((a, w)), _) if w >= 3 => Some((a, w)),
            (_, Some(s)) => Some(s),
            (a, None) => a,
        };
        let outlet = chosen.map(|(i, _)| i);
        let publisher = best_site
            .map(|(i, _)| i)
            .filter(|&s| Some(s) != outlet)
            .map(|i| self.names[i].clone());
        OutletGuess {
            outlet: outlet.map(|i| self.names[i].clone()),
            publisher,
            weak: chosen.is_none_or(|(_, w)| w < 4),
        }
    }

    fn add_domains(&self, line: &str, weight: i32, map: &mut HashMap<usize, i32>) {
        for domain in email_domains(line) {
            if let Some(i) = self.domain_owner(domain) {
                *map.entry(i).or_default() += weight;
            }
        }
    }

    /// Signatures count where credits stand: in the dateline, at the end of a paragraph, alone on
    /// a line; a photo credit in a caption barely counts, a mention mid-text a little.
    fn weigh_signatures(&self, doc: &Doc, author: &mut HashMap<usize, i32>) {
        let Some(automaton) = &self.signatures else {
            return;
        };
        let first_para = doc.blocks.iter().position(|b| matches!(b, Block::Para(_)));
        for (n, block) in doc.blocks.iter().enumerate() {
            let text = block.text();
            for m in automaton.find_iter(text) {
                let owner = self.signature_owner[m.pattern().as_usize()];
                let weight = match block {
                    Block::Caption(_) => 1,
                    Block::Para(_) if Some(n) == first_para && m.start() < 150 => 10,
                    Block::Para(_) if text[m.end()..].trim().is_empty() || m.start() == 0 => 8,
                    Block::Para(_) => 3,
                };
                *author.entry(owner).or_default() += weight;
            }
        }
        let credits = doc
            .meta(Meta::Contact)
            .chain(doc.meta(Meta::Credit))
            .chain(doc.meta(Meta::Byline));
        for line in credits {
            for m in automaton.find_iter(line) {
                *author
                    .entry(self.signature_owner[m.pattern().as_usize()])
                    .or_default() += 8;
            }
        }
    }
}

/// Case- and punctuation-insensitive key, without a leading "The".
fn name_key(name: &str) -> String {
    let trimmed = name.trim();
    let trimmed = trimmed
        .strip_prefix("The ")
        .or_else(|| trimmed.strip_prefix("the "))
        .unwrap_or(trimmed);
    trimmed
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The host of an `http(s)://` URL.
pub(crate) fn host_of(url: &str) -> Option<&str> {
    let start = url.find("://")? + 3;
    let rest = &url[start..];
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    Some(&rest[..end])
}
