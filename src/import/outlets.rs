//! Outlets: who wrote the story and which site it was copied from. Authorship comes from bylines,
//! datelines, sign-offs, "Source:" lines and reporters' e-mail domains; the site from its page
//! layout (date stamps, mastheads), copyright lines and URL. A site that reposts another outlet's
//! story is its `publisher`. Every name resolves through `content/outlets.yaml`.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use regex::RegexSet;

use super::chrome::{email_domains, more_words_than};
use super::doc::{Block, Doc, Kind, Line, Meta};
use super::headline::first_dateline;
use super::openings::Openings;
use super::PageHints;
use crate::error::Diagnostic;
use crate::layout::OUTLETS_FILE;
use crate::model::OutletEntry;

/// Signature lists up to this many are matched with a full DFA (a book could list thousands).
const MAX_DFA_SIGNATURES: usize = 2_000;

/// The outlets file, compiled for matching.
pub(crate) struct OutletMatcher {
    names: Vec<String>,
    /// Looked up for every short line of every input: hashed the fast way.
    by_name: rustc_hash::FxHashMap<String, usize>,
    signatures: Option<AhoCorasick>,
    signature_owner: Vec<usize>,
    /// The signatures in ASCII lower case, for telling a line that is one of them by a look-up.
    signature_lines: rustc_hash::FxHashSet<String>,
    /// Every name and alias, to find outlets named inside a line (`Copyright AFP, 2018`).
    mentions: Option<AhoCorasick>,
    /// Per mention pattern: its outlet, and whether it is an acronym that must match in capitals.
    mention_owner: Vec<(usize, bool)>,
    /// Where a mention pattern may start, in either ASCII case.
    mention_openings: Openings,
    mention_texts: Vec<String>,
    /// Per outlet: whether it only gathers other outlets' stories (`kind: aggregator`).
    aggregator: Vec<bool>,
    /// Outlet by web or e-mail domain; the first outlet to list a domain keeps it.
    domains: HashMap<String, usize>,
    layouts: RegexSet,
    layout_owner: Vec<usize>,
}

/// The evidence for each outlet, by index: as the story's author, and as the site that
/// published it.
#[derive(Default)]
struct Weights {
    author: HashMap<usize, i32>,
    site: HashMap<usize, i32>,
}

impl Weights {
    fn add(map: &mut HashMap<usize, i32>, outlet: usize, weight: i32) {
        *map.entry(outlet).or_default() += weight;
    }
}

/// One mention of an outlet in a line, with what matters about the line.
struct Mention<'t> {
    text: &'t str,
    start: usize,
    end: usize,
    outlet: usize,
    kind: Kind,
    /// Eight words or fewer.
    short: bool,
    /// The story's first paragraph.
    is_first: bool,
    /// Above the headline, or in a text without one.
    above_title: bool,
}

/// What a mention says: who wrote the story, whose site it is, an interview, or nothing.
enum Credit {
    Author(i32),
    Site(i32),
    Interview,
    None,
}

/// The outcome of weighing the evidence.
pub(crate) struct OutletGuess {
    pub outlet: Option<String>,
    pub publisher: Option<String>,
    /// Only faint evidence (a photo credit), or a name no outlets file knows: the editor should check.
    pub weak: bool,
    /// The outlet is not in the registry or the book's outlets file: propose it there.
    pub proposed: bool,
}

impl OutletMatcher {
    pub fn new(outlets: &[OutletEntry]) -> Result<Self, Diagnostic> {
        let mut by_name = rustc_hash::FxHashMap::default();
        let mut signatures = Vec::new();
        let mut signature_owner = Vec::new();
        let mut domains = HashMap::new();
        let mut layouts = Vec::new();
        let mut layout_owner = Vec::new();
        let mut mention_texts = Vec::new();
        let mut mention_owner = Vec::new();
        for (i, outlet) in outlets.iter().enumerate() {
            for name in std::iter::once(&outlet.name).chain(&outlet.aliases) {
                by_name.entry(name_key(name)).or_insert(i);
                let name = name.trim();
                if name.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
                    let acronym =
                        name.chars().count() <= 5 && !name.chars().any(char::is_lowercase);
                    mention_texts.push(name.to_string());
                    mention_owner.push((i, acronym));
                }
            }
            for signature in outlet.signatures.iter().filter(|s| !s.trim().is_empty()) {
                signatures.push(signature.trim().to_string());
                signature_owner.push(i);
            }
            for domain in &outlet.domains {
                domains.entry(domain.trim().to_lowercase()).or_insert(i);
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
            // Signatures are searched in every paragraph of every input; a few hundred short
            // credits make a small DFA, built in a millisecond and several times faster to run
            // than the NFA the builder picks past a hundred patterns.
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .kind(
                    (signatures.len() <= MAX_DFA_SIGNATURES)
                        .then_some(aho_corasick::AhoCorasickKind::DFA),
                )
                .build(&signatures)
                .expect("signatures build an automaton")
        });
        let mentions = (!mention_texts.is_empty()).then(|| {
            let mut builder = AhoCorasick::builder();
            builder
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest);
            // A contiguous NFA: built in a few milliseconds (a DFA of thousands of names takes a
            // good part of a second, paid by every one-file import), and only lines that may
            // carry a credit are searched.
            builder
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .start_kind(StartKind::Both)
                .build(&mention_texts)
                .expect("outlet names build an automaton")
        });
        Ok(OutletMatcher {
            mention_openings: Openings::new(mention_texts.iter().map(String::as_str), true),
            signature_lines: signatures.iter().map(|s| s.to_ascii_lowercase()).collect(),
            aggregator: outlets
                .iter()
                .map(|o| o.kind.as_deref() == Some("aggregator"))
                .collect(),
            mentions,
            mention_owner,
            mention_texts,
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

    /// The outlets named in `text` as whole words: `(start, end, outlet)`. Acronyms (`AP`, `DW`)
    /// count only in capitals, so "ap" or "Dw" inside prose never match.
    pub fn mentions<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (usize, usize, usize)> + 't {
        self.mentions
            .iter()
            .filter(move |ac| self.names_a_whole_word(ac, text))
            .flat_map(move |ac| ac.find_iter(text))
            .filter_map(move |m| self.mention(text, &m))
    }

    /// What a match of the names in `text` is: a mention when it is a whole word in the case
    /// its name asks for.
    fn mention(&self, text: &str, m: &aho_corasick::Match) -> Option<(usize, usize, usize)> {
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        // Most matches are parts of words (`sta` in "statement"): they are turned away before
        // their case is looked at.
        let whole =
            boundary(text[..m.start()].chars().last()) && boundary(text[m.end()..].chars().next());
        if !whole {
            return None;
        }
        let (outlet, acronym) = self.mention_owner[m.pattern().as_usize()];
        let found = &text[m.start()..m.end()];
        let listed = &self.mention_texts[m.pattern().as_usize()];
        // A name is a proper noun: `Dawn` and `The Peninsula` are outlets, "at dawn" and "the
        // peninsula" in prose are not. A brand written in lower case (`openDemocracy`) may be.
        let capital = |t: &str| t.starts_with(char::is_uppercase);
        // A label in brackets (`[<< wikinews]`) or alone on its line is a name in any case.
        let labelled =
            text[..m.start()].trim_end().ends_with(['[', '(', '<', '|']) || text.trim() == found;
        let case_ok = if acronym {
            found == listed
        } else {
            !capital(listed) || capital(found) || labelled
        };
        case_ok.then_some((m.start(), m.end(), outlet))
    }

    /// Whether some name or alias stands in `text` as a whole word, as every mention does. The
    /// automaton is tried anchored only where a word starts with a name's opening, a fraction of
    /// the cost of its search of every byte, which runs only when this finds one: there, names
    /// matched inside words (`sta` in "statement") still hide what they overlap, as before. A
    /// mention's match is the longest name starting at its word: what the anchored try finds.
    fn names_a_whole_word(&self, automaton: &AhoCorasick, text: &str) -> bool {
        let bytes = text.as_bytes();
        let mut after_alphanumeric = false;
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            let (alphanumeric, width) = if b.is_ascii() {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                text[at..]
                    .chars()
                    .next()
                    .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
            };
            if !after_alphanumeric && self.mention_openings.may_start(bytes, at) {
                let input = Input::new(text).range(at..).anchored(Anchored::Yes);
                if automaton.find(input).is_some_and(|m| {
                    text[m.end()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
                }) {
                    return true;
                }
            }
            after_alphanumeric = alphanumeric;
            at += width;
        }
        false
    }

    /// Whether a line belongs to some outlet's page layout.
    pub fn is_layout(&self, line: &str) -> bool {
        self.layouts.is_match(line)
    }

    /// Whether a line is exactly one of the outlets' signatures ("OFFICE OF THE SPOKESPERSON").
    /// The automaton's leftmost-longest match spans a line exactly when the line is one of the
    /// signatures in some ASCII case: a look-up says so without searching the line.
    pub fn is_signature_line(&self, line: &str) -> bool {
        self.signature_lines.contains(&line.to_ascii_lowercase())
    }

    /// Whether a line is just an outlet's name (a masthead or a credit on its own).
    pub fn is_masthead(&self, line: &str) -> bool {
        !more_words_than(line, 6) && self.resolve_index(line).is_some()
    }

    /// The first of two or more outlets making up a whole short line (`Kyodo, Reuters`,
    /// `AFP / dpa`).
    pub(crate) fn credit_list(&self, line: &str) -> Option<usize> {
        if line.len() > 80 || !line.contains([',', '/', '&']) {
            return None;
        }
        let mut parts = line
            .split([',', '/', '&'])
            .flat_map(|p| p.split(" and "))
            .map(str::trim)
            .filter(|p| !p.is_empty());
        let first = self.resolve_index(parts.next()?)?;
        let mut rest = parts.peekable();
        rest.peek()?;
        rest.all(|p| self.resolve_index(p).is_some())
            .then_some(first)
    }

    /// `Jane Doe Reuters`: a byline's name with its outlet after it and no comma between; the
    /// outlet is one to three words, after at least two words of a name.
    /// A byline's part without a known outlet's name run on after the writer's (`Jane Doe
    /// Reuters` → `Jane Doe`).
    pub(crate) fn without_trailing_outlet<'p>(&self, part: &'p str) -> &'p str {
        let Some((n, _)) = self.trailing_outlet_words(part) else {
            return part;
        };
        let words: Vec<&str> = part.split_whitespace().collect();
        let last_kept = words[words.len() - n - 1];
        let end = part
            .find(last_kept)
            .map_or(part.len(), |at| at + last_kept.len());
        part[..end].trim_end()
    }

    fn trailing_outlet(&self, part: &str) -> Option<usize> {
        self.trailing_outlet_words(part).map(|(_, outlet)| outlet)
    }

    /// A known outlet's name of one to three words closing a part two or more words longer
    /// (`Jane Doe Reuters`): how many words the name takes, and the outlet.
    fn trailing_outlet_words(&self, part: &str) -> Option<(usize, usize)> {
        let words: Vec<&str> = part.split_whitespace().collect();
        (1..=3.min(words.len().saturating_sub(2)))
            .rev()
            .find_map(|n| Some((n, self.resolve_index(&words[words.len() - n..].join(" "))?)))
    }

    /// A whole line crediting a known outlet and the place it filed from: `SPA (Riyadh)`,
    /// `Harbour Wire (Portville)`, as aggregators and wires print their source over the lead.
    pub(crate) fn placed_credit(&self, line: &str) -> Option<usize> {
        let line = line.trim();
        if line.len() > 80 || !line.ends_with(')') {
            return None;
        }
        let credit = PLACE_CREDIT.captures(line)?;
        let place = credit.name("place")?.as_str();
        place_shaped(place)
            .then(|| self.resolve_index(credit.name("name")?.as_str()))
            .flatten()
    }

    /// A whole short line crediting an outlet's desk: `ESPN staff`, `Saudi Gazette report`,
    /// `Kyodo News bureau`: a byline without a person.
    pub(crate) fn desk_credit(&self, line: &str) -> Option<usize> {
        desk_names(line).find_map(|name| self.resolve_index(name))
    }

    /// The outlet of a host or its nearest listed parent domain (`news.un.org` before `un.org`).
    fn domain_owner(&self, domain: &str) -> Option<usize> {
        let domain = domain.to_lowercase();
        let mut rest = domain.as_str();
        loop {
            if let Some(&i) = self.domains.get(rest) {
                return Some(i);
            }
            rest = rest.split_once('.')?.1;
        }
    }

    /// Weighs every hint in the text and names the outlet and, for a repost, the publisher.
    pub fn identify(&self, doc: &Doc, hints: &PageHints, url: Option<&str>) -> OutletGuess {
        let mut weights = Weights::default();
        self.weigh_credit_lines(doc, hints, &mut weights);
        let interviewed = self.weigh_mentions(doc, &mut weights.author, &mut weights.site);
        self.weigh_own_lines(doc, &mut weights);
        self.weigh_site_hints(doc, hints, url, &mut weights);
        if let Some(org) = first_dateline(doc).and_then(|d| d.org.as_deref()) {
            // `(AFP-Jiji)`, `(Reuters/Kyodo)`: the agency that wrote it first, its distributor after.
            let parts = std::iter::once(org).chain(org.split(['-', '/']));
            let by_address = || bare_domain(org).and_then(|d| self.domain_owner(&d));
            if let Some(i) = parts
                .filter_map(|p| self.resolve_index(p))
                .next()
                .or_else(by_address)
            {
                Weights::add(&mut weights.author, i, 10);
            }
        }
        // `HARBOUR WIRE -- Gold's reputation…`: the lead opens with an outlet's name in
        // capitals where a dateline's place would stand, with no day or region after it.
        if let Some(i) = first_dateline(doc)
            .filter(|d| d.org.is_none() && d.month_day.is_none())
            .and_then(|d| self.resolve_index(&d.place))
        {
            Weights::add(&mut weights.author, i, 10);
        }
        // `Dec 04, 2009 (Harbour Wire) – …`: the lead's credit, with its day and no place.
        if let Some(i) = doc
            .paragraphs()
            .next()
            .and_then(super::headline::dated_lead_credit)
            .and_then(|(_, org)| self.resolve_index(org))
        {
            Weights::add(&mut weights.author, i, 10);
        }
        self.weigh_signatures(doc, &mut weights.author);
        self.weigh_sign_off(doc, &mut weights.author);
        let nothing_else = weights.author.is_empty() && weights.site.is_empty();
        for &i in &interviewed {
            if weights.author.contains_key(&i) || weights.site.contains_key(&i) {
                Weights::add(&mut weights.author, i, 2);
            }
        }
        // With no other evidence, the outlet people talk to (`…, he told Harbour Wire.`) is most
        // likely the one writing: a wire's copy reposted without its credit keeps what sources
        // told the wire. A guess, flagged for review.
        if nothing_else {
            if let Some(&i) = interviewed.first() {
                Weights::add(&mut weights.author, i, 3);
            }
        }
        self.choose(&weights, doc, hints)
    }

    /// Bylines (`By Jane Doe, Reuters`), `Source:` lines, the domains of contact and credit
    /// lines, and the site's copyright line.
    fn weigh_credit_lines(&self, doc: &Doc, hints: &PageHints, weights: &mut Weights) {
        let bylines = hints.byline.iter().map(String::as_str);
        for line in bylines.chain(super::headline::byline_lines(doc)) {
            let rest = super::headline::strip_byline_prefix(line);
            // `Jane Doe - Reuters`: a spaced dash parts the names from the outlet as a comma does.
            let parts = rest
                .split([',', '|', '/'])
                .flat_map(|p| p.split(" and "))
                .flat_map(|p| p.split(" - "))
                .flat_map(|p| p.split(" – "))
                .flat_map(|p| p.split(" — "));
            // `By Valley Courier Staff`: the outlet's desk.
            for part in parts {
                // `By Harbour Wire 4 hours ago in World`: the outlet before the card's age.
                let part = super::headline::without_byline_time(part);
                // `Jane Doe, Harbour Wire Senior Reporter`; `Jane Doe, harbourwire.example`.
                let before_role = || {
                    super::headline::outlet_before_role(part).and_then(|o| self.resolve_index(o))
                };
                let by_address = || bare_domain(part).and_then(|d| self.domain_owner(&d));
                if let Some(i) = self
                    .resolve_index(part)
                    .or_else(|| self.desk_credit(part))
                    .or_else(|| self.trailing_outlet(part))
                    .or_else(before_role)
                    .or_else(by_address)
                {
                    Weights::add(&mut weights.author, i, 10);
                }
            }
            self.add_domains(line, 6, &mut weights.author);
        }
        // `Mon, 25 Jul 2022 Source: www.harbourweb.example`: a stamp with its source after it.
        let stamped_sources = doc
            .meta(Meta::Stamp)
            .filter_map(|l| l.find("Source:").map(|at| &l[at..]));
        for line in doc.meta(Meta::Source).chain(stamped_sources) {
            let rest = line.split_once(':').map_or(line, |(_, r)| r);
            // `Source: www.valleycourier.example`: the site by its address.
            if let Some(i) = bare_domain(rest).and_then(|d| self.domain_owner(&d)) {
                Weights::add(&mut weights.author, i, 10);
            }
            for part in rest
                .split([',', ';', '/', '|'])
                .flat_map(|p| p.split(" and "))
            {
                if let Some(i) = self.resolve_index(part) {
                    Weights::add(&mut weights.author, i, 10);
                }
            }
        }
        for line in doc.meta(Meta::Contact).chain(doc.meta(Meta::Credit)) {
            self.add_domains(line, 6, &mut weights.author);
        }
        for line in doc.meta(Meta::Copyright) {
            for (start, _, i) in self.mentions(line) {
                // `© Jane Doe / AFP | caption`: a photo's credit, not the site's copyright.
                if line[..start].trim_end().ends_with('/') {
                    continue;
                }
                Weights::add(&mut weights.site, i, 4);
            }
        }
    }

    /// Lines that are only an outlet's name or layout: the masthead above the story, a credit
    /// below it, the agencies credited on a line of their own.
    fn weigh_own_lines(&self, doc: &Doc, weights: &mut Weights) {
        // Where the story's running text starts: short lines above it are the page's head.
        let body_starts = doc
            .lines
            .iter()
            .position(|l| l.kind == Kind::Body && super::chrome::body_like(&l.text));
        for (n, line) in doc.lines.iter().enumerate().filter(|(_, l)| {
            matches!(
                l.kind,
                Kind::Meta(Meta::Layout) | Kind::Meta(Meta::Stamp) | Kind::PreTitle
            )
        }) {
            for m in self.layouts.matches(&line.text).iter() {
                Weights::add(&mut weights.site, self.layout_owner[m], 5);
            }
            if let Some(i) = self.resolve_index(&line.text) {
                // An outlet's name on its own line is the site's masthead above the story and the
                // author's credit below it ("Yonhap" closing a story a newspaper reposted).
                if body_starts.is_some_and(|b| n > b) {
                    Weights::add(&mut weights.author, i, 8);
                } else {
                    Weights::add(&mut weights.site, i, 4);
                }
            } else if let Some(i) = self
                .stamped_credit(&line.text)
                .filter(|_| line.kind == Kind::Meta(Meta::Stamp))
            {
                // `Reuters 02 Mar 2021`, `Harbour Wire | May 3, 2024`: who filed the story, and
                // when.
                Weights::add(&mut weights.author, i, 8);
            }
        }
        // `Harbour Wire (Portville)` beside the stamp under the headline, or on a line of its
        // own anywhere: who filed the story, and where.
        if let Some(i) = place_credited_name(doc)
            .and_then(|name| self.resolve_index(name))
            .or_else(|| {
                doc.lines
                    .iter()
                    .filter(|l| l.kind != Kind::Blank)
                    .find_map(|l| self.placed_credit(&l.text))
            })
        {
            Weights::add(&mut weights.author, i, 8);
        }
        // `Harbourwire.example` on a line of its own: the site's brand.
        if let Some(i) = brand_address_line(doc)
            .and_then(bare_domain)
            .and_then(|d| self.domain_owner(&d))
        {
            Weights::add(&mut weights.site, i, 4);
        }
        // `[harbourwire.example] – The storm…`: the lead opens with its outlet.
        if let Some(i) = doc
            .paragraphs()
            .next()
            .and_then(bracketed_lead_credit)
            .and_then(|name| {
                self.resolve_index(name)
                    .or_else(|| bare_domain(name).and_then(|d| self.domain_owner(&d)))
            })
        {
            Weights::add(&mut weights.author, i, 10);
        }
        // `Full story: Harbour Wire`, `Read at harbourwire.example` closing the text.
        for name in closing_link_credits(doc) {
            if let Some(i) = self
                .resolve_index(name)
                .or_else(|| bare_domain(name).and_then(|d| self.domain_owner(&d)))
            {
                Weights::add(&mut weights.author, i, 8);
            }
        }
        // `Kyodo, Reuters` on a line of its own: the agencies credited for the story, the one that
        // wrote it first.
        for line in doc.lines.iter().filter(|l| l.kind != Kind::Title) {
            if let Some(i) = self.credit_list(&line.text) {
                Weights::add(&mut weights.author, i, 8);
            }
        }
    }

    /// The outlet named before a stamp's date (`Reuters 02 Mar 2021`, `Harbour Wire | 3 May`).
    fn stamped_credit(&self, stamp: &str) -> Option<usize> {
        let (name, date_at) = name_before_stamp(stamp)?;
        // Or it leads fields parted by bars: `Reuters | Abuja | Updated: 28-09-2020 22:58`.
        self.resolve_index(name)
            .or_else(|| {
                let first = name.split(['|', '·', '•']).next()?.trim();
                (first.len() < name.len()).then(|| self.resolve_index(first))?
            })
            .or_else(|| {
                // Or the place it filed from stands between, with its comma: `Harbour Wire
                // Portville, August 02, 2018 —`.
                stamp[..date_at].contains(',').then_some(())?;
                let words: Vec<&str> = name.split_whitespace().collect();
                (1..words.len()).find_map(|n| {
                    let place = &words[n..];
                    let place_shaped =
                        place.len() <= 3 && place.iter().all(|w| w.starts_with(char::is_uppercase));
                    place_shaped
                        .then(|| self.resolve_index(&words[..n].join(" ")))
                        .flatten()
                })
            })
    }

    /// What names the site rather than the story's author: a raw text's tab title, a saved
    /// page's declared site name, the page's address.
    fn weigh_site_hints(
        &self,
        doc: &Doc,
        hints: &PageHints,
        url: Option<&str>,
        weights: &mut Weights,
    ) {
        // A raw text's tab title; a saved page names its site in its metadata instead. The tab
        // title may stand above the headline the page prints (`Headline - Site`, then
        // `Headline`).
        let headline = doc.title_line();
        let tab_titles = doc.lines.iter().filter(|l| {
            l.kind == Kind::Title
                || (l.kind == Kind::PreTitle
                    && headline.is_some_and(|h| l.text.len() > h.len() && l.text.starts_with(h)))
        });
        if let Some(i) = tab_titles
            .filter(|_| hints.site_name.is_none())
            .find_map(|l| super::headline::site_in_title(&l.text, self))
            .and_then(|name| self.resolve_index(name))
        {
            Weights::add(&mut weights.site, i, 6);
        }
        if let Some(site_name) = &hints.site_name {
            if let Some(i) = self.resolve_index(site_name) {
                Weights::add(&mut weights.site, i, 6);
            }
        }
        let urls = doc.meta(Meta::Url).chain(url);
        for u in urls {
            if let Some(host) = host_of(u) {
                if let Some(i) = self.domain_owner(host) {
                    Weights::add(&mut weights.site, i, 5);
                }
            }
        }
    }

    /// The author's outlet when its evidence is enough, else the site's; the site as publisher
    /// when it differs; with no known outlet, the name the text gives, proposed for review.
    fn choose(&self, weights: &Weights, doc: &Doc, hints: &PageHints) -> OutletGuess {
        let best = |map: &HashMap<usize, i32>| {
            map.iter()
                .max_by_key(|&(&i, &w)| (w, std::cmp::Reverse(i)))
                .map(|(&i, &w)| (i, w))
        };
        let best_author = best(&weights.author);
        let best_site = best(&weights.site);
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
        // A dateline crediting an organisation no outlets file knows (`FRANKFURT (Harbour
        // Wire) –`) says who filed the story more surely than a known name's passing mentions.
        let unknown_filer = first_dateline(doc)
            .and_then(|d| d.org.as_deref())
            .filter(|org| self.resolve_index(org).is_none())
            .and_then(plausible_name);
        let outlet =
            outlet.filter(|_| unknown_filer.is_none() || chosen.is_some_and(|(_, w)| w >= 8));
        if let Some(i) = outlet {
            return OutletGuess {
                outlet: Some(self.names[i].clone()),
                publisher,
                weak: chosen.is_none_or(|(_, w)| w < 4),
                proposed: false,
            };
        }
        // No known outlet: the name the page or the text gives, proposed for the outlets file.
        let named = unknown_outlet_name(doc, hints)
            .or_else(|| self.interviewing_newsroom(doc))
            .or_else(|| site_host(hints));
        OutletGuess {
            proposed: named.is_some(),
            outlet: named,
            publisher,
            weak: true,
        }
    }

    /// Outlets named where a credit stands, in any line: a desk credit (`The Hindu Bureau`,
    /// `Tribune News Service`), a wrapper or label (`(MENAFN- Gulf Times)`, `[<< wikinews]`), a
    /// lead credit (`The Punch - The Central Bank…`), a feed's `from Reuters:` or `via AP`, an
    /// interview (`spoke to Briefly News`), a page header (`European Commission - Daily News`).
    /// A name mentioned in passing, or in a photo caption, counts for nothing.
    fn weigh_mentions(
        &self,
        doc: &Doc,
        author: &mut HashMap<usize, i32>,
        site: &mut HashMap<usize, i32>,
    ) -> Vec<usize> {
        let mut interviewed = Vec::new();
        let title_at = doc.lines.iter().position(|l| l.kind == Kind::Title);
        let first_para = doc.paragraphs().next();
        for (n, line) in doc.lines.iter().enumerate() {
            if matches!(line.kind, Kind::Blank) {
                continue;
            }
            let is_first = Some(line.text.as_str()) == first_para;
            // A long paragraph credits its outlet at its head (`(Wire) - …`) or in its last
            // sentence (`… To read the original story by Wire, click here.`).
            let (text, last_sentence) = match line.text.len() {
                ..=600 => (line.text.as_str(), None),
                _ => (
                    &line.text[..line.text.floor_char_boundary(200)],
                    last_sentence(&line.text).filter(|s| CREDIT_WORDS.is_match(s)),
                ),
            };
            let short = !more_words_than(text, 8);
            // Credits stand in short lines, metadata, the lead, a paragraph opening with a
            // bracketed credit, and interviews; a paragraph of the story mentions outlets only in
            // passing, so most are not searched at all.
            let may_credit = short
                || !matches!(line.kind, Kind::Body)
                || is_first
                || text.starts_with(['(', '['])
                || CREDIT_WORDS.is_match(text);
            let head = Some(text).filter(|_| may_credit);
            for (text, at_head) in head
                .map(|t| (t, true))
                .into_iter()
                .chain(last_sentence.map(|t| (t, false)))
            {
                for (start, end, i) in self.mentions(text) {
                    let mention = Mention {
                        text,
                        start,
                        end,
                        outlet: i,
                        kind: line.kind,
                        short: short && at_head,
                        is_first: is_first && at_head,
                        above_title: title_at.is_none_or(|t| n < t),
                    };
                    match self.mention_weight(&mention) {
                        Credit::Author(w) => *author.entry(i).or_default() += w,
                        Credit::Site(w) => *site.entry(i).or_default() += w,
                        Credit::Interview => interviewed.push(i),
                        Credit::None => {}
                    }
                }
            }
        }
        interviewed
    }

    /// What one mention of an outlet says, by the words around it.
    fn mention_weight(&self, m: &Mention) -> Credit {
        let (text, start, end, i, short) = (m.text, m.start, m.end, m.outlet, m.short);
        let before = text[..start].trim_end();
        let after = text[end..].trim_start();
        // `The Punch - The central bank said…`: the outlet credits itself before the lead,
        // even after a stray `News photo` label the copy kept (a photo's credit has its
        // colon: `Photo: Reuters`).
        let lead_credit = m.is_first
            && start < 60
            && (after.starts_with("- ") || after.starts_with("– ") || after.starts_with("— "))
            // `Harbour Wire: The court…`, `(Aggregator)- Harbour Wire : …`, `Harbour Wire,
            // Portville, May 28 (Reporter Jane Doe) …`: the lead opens with its outlet.
            || (m.is_first
                && (before.is_empty() || before.ends_with('-'))
                && (after.starts_with(':') || LEAD_PLACE_AND_DAY.is_match(after)));
        let photo_credit =
            (!lead_credit || before.contains(':')) && PHOTO_CREDIT_BEFORE.is_match(before);
        if photo_credit
            || matches!(m.kind, Kind::Meta(Meta::Copyright))
            || super::clean::is_slashed_credit(text, self)
        {
            return Credit::None;
        }
        if short && DESK.is_match(after) && before.len() <= 3 {
            Credit::Author(10)
        } else if short && before.is_empty() && super::headline::reporter_line(text).is_some() {
            // `Courier's Jane Doe reports.`: a broadcaster's transcript credits its reporter.
            Credit::Author(10)
        } else if m.is_first && start < 200 && STATEMENT_LEAD.is_match(after) {
            // `(Wire) – The Port Authority released the following statement:`.
            Credit::Author(10)
        } else if WRAPPER_OPEN.is_match(before)
            // At the head of a line or after a dateline's place, never closing a
            // sentence as a photo's credit does (`… on Monday. (Reuters)`).
            && !before.contains(['.', '!', '?'])
            && before.split_whitespace().count() <= 5
        {
            if is_affiliation(before, after) {
                return Credit::None;
            }
            self.wrapped_credit(before, after, i)
        } else if let Some(credit) = FEED_CREDIT.captures(before) {
            feed_credit_weight(credit.name("publication").is_some(), after)
        } else if SELF_PROMOTION_AFTER.is_match(after) || SELF_PROMOTION_BEFORE.is_match(before) {
            // The site promoting itself: `Press TV's website can also be accessed at…`,
            // `Follow Reuters on…`, `Download the NDTV app`.
            Credit::Site(4)
        } else if NEWSROOM.after_name.is_match(after) {
            // `Harbour Wire understands that …`, `Harbour Wire can reveal`.
            Credit::Author(6)
        } else if NEWSROOM.before_name.is_match(before) {
            // `a statement seen by Harbour Wire`: the newsroom's own, or another's cited
            // (`according to a transcript reviewed by Business Courier`): only a hint.
            Credit::Interview
        } else if SELF_REPORT.is_match(after) {
            // `News.Az reports citing Ukrainian media`: the site's own report, in the
            // present tense (another outlet's is `Reuters reported, citing…`).
            Credit::Author(4)
        } else if INTERVIEW.is_match(before) {
            // A story often quotes what someone told another outlet: only a hint for an
            // outlet named by other evidence.
            Credit::Interview
        } else if lead_credit {
            Credit::Author(10)
        } else if short
            && m.above_title
            // `Valley Courier Logo`: the masthead's image, by its alt text.
            && (before.is_empty() || after.is_empty() || after.eq_ignore_ascii_case("logo"))
            && !matches!(m.kind, Kind::Title)
        {
            Credit::Site(4)
        } else {
            Credit::None
        }
    }

    /// `(MENAFN- Gulf Times)`: an aggregator wraps the outlet that wrote the story;
    /// `(AFP-Jiji)`: the agency that wrote it comes first, its distributor after.
    fn wrapped_credit(&self, before: &str, after: &str, outlet: usize) -> Credit {
        let opens = after.starts_with(['-', '–', ':', '/']);
        let closes = after.starts_with([')', ']']);
        let inside: Vec<usize> = self.mentions(before).map(|(_, _, o)| o).collect();
        let wrapped_by_aggregator = inside.iter().any(|&o| self.aggregator[o]);
        let credited_before = !inside.is_empty();
        match (opens, closes) {
            _ if self.aggregator[outlet] => Credit::Site(4),
            (true, _) => Credit::Author(10),
            (_, true) if wrapped_by_aggregator || !credited_before => Credit::Author(10),
            (_, true) => Credit::Site(4),
            _ => Credit::None,
        }
    }

    /// A story's closing credit, in the last lines of its body: `(Deutsche Welle with AFP, dpa)`,
    /// `(Kyodo News March 3, 2019)`, `…cut off by the storm.-VNA`. The outlet
    /// named first wrote the story; those after `with` only contributed to it, so they count for
    /// nothing here. A closing parenthesis counts only when it stands alone or after a finished
    /// sentence, so a story ending on `…said the agency (UNHCR)` credits nobody.
    fn weigh_sign_off(&self, doc: &Doc, author: &mut HashMap<usize, i32>) {
        let Some(last_body) = doc
            .lines
            .iter()
            .rposition(|l| l.kind == Kind::Body && l.text.chars().any(char::is_alphanumeric))
        else {
            return;
        };
        // `- Wire` may close the story above a sidebar's short lines (`Most read`, headlines):
        // the lines right after the last paragraph of running text are read too.
        // So may a comment policy's paragraphs below it: the last three paragraphs of running
        // text are read as well.
        // The last three, found from the end.
        let story: Vec<usize> = doc
            .lines
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, l)| l.kind == Kind::Body && super::chrome::body_like(&l.text))
            .map(|(n, _)| n)
            .take(3)
            .collect();
        let last_story = story.first().copied().unwrap_or(last_body);
        let closing_story = if story.len() == 3 {
            story[2]
        } else {
            last_story
        };
        let start = closing_story.min(last_body);
        let closing = doc.lines[start..]
            .iter()
            .enumerate()
            .filter(move |&(n, _)| start + n >= last_body || start + n <= last_story + 4)
            .map(|(_, l)| l)
            .filter(|l| {
                matches!(l.kind, Kind::Body | Kind::Meta(_))
                    && l.text.chars().any(char::is_alphanumeric)
            });
        for line in closing {
            let text = line.text.trim_end();
            let credit = if let Some((before, inner)) = text
                .strip_suffix(')')
                .and_then(|t| t.rfind('(').map(|at| (&t[..at], &t[at + 1..])))
            {
                let before = before.trim_end();
                let after_sentence = before.is_empty()
                    || before.ends_with(['.', '!', '?', '"', '\u{201d}', '\u{2019}']);
                if !after_sentence {
                    continue;
                }
                // `(source: Harbour Wire)`.
                super::chrome::without_source_label(inner)
            } else if let Some(credit) = super::chrome::sign_off(text) {
                credit
            } else if let Some(credit) = initialled_sign_off(text) {
                credit
            } else {
                continue;
            };
            let credit = TRAILING_DATE.replace(credit, "");
            let first = credit
                .split([',', ';'])
                .next()
                .and_then(|c| c.split(" with ").next())
                .unwrap_or(&credit);
            if let Some(i) = self.resolve_index(first.trim()) {
                *author.entry(i).or_default() += 10;
            }
        }
        // `Harbourradio.example/PAP` closing the text, whatever the line sorter made of it: the
        // site and the agency it took the story from, the agency's the story.
        let slashed = doc.lines[last_body + 1..]
            .iter()
            .map(|l| l.text.trim())
            .filter(|t| !t.is_empty() && !t.contains(' ') && t.contains('/') && t.len() <= 40);
        for text in slashed {
            let Some((site, agency)) = text.rsplit_once('/') else {
                continue;
            };
            // The site by its address, not a photographer or a picture agency.
            if let Some(i) = self
                .resolve_index(agency)
                .filter(|_| bare_domain(site).is_some())
            {
                *author.entry(i).or_default() += 10;
            }
        }
    }

    fn add_domains(&self, line: &str, weight: i32, map: &mut HashMap<usize, i32>) {
        for domain in email_domains(line) {
            if let Some(i) = self.domain_owner(domain) {
                *map.entry(i).or_default() += weight;
            }
        }
    }

    /// `…, he told the Valley Daily Times.`: with nothing else to go on, the newsroom a source
    /// talks to is most likely the one writing. Only a name no outlets file knows (a known one
    /// is weighed as an interview) that reads as a newsroom's, proposed for review.
    fn interviewing_newsroom(&self, doc: &Doc) -> Option<String> {
        doc.paragraphs().find_map(|paragraph| {
            INTERVIEWER
                .captures_iter(paragraph)
                .filter(|caps| !cited(paragraph, caps.get(0).map_or(0, |m| m.start())))
                .map(|caps| {
                    let name = caps["name"].trim().trim_end_matches(['.', '\'', '’']);
                    let name = name.strip_prefix("The ").unwrap_or(name);
                    // `told VHR's Jane Doe`: the newsroom, by its reporter; an acronym will do.
                    match name.split_once("'s ").or_else(|| name.split_once("’s ")) {
                        Some((outlet, reporter)) if reporter.contains(' ') => {
                            (outlet.to_string(), true)
                        }
                        _ => (name.to_string(), false),
                    }
                })
                .find(|(name, by_reporter)| {
                    let acronym = (2..=6).contains(&name.len())
                        && name.bytes().all(|b| b.is_ascii_uppercase());
                    (brand_name(name) || (*by_reporter && acronym))
                        && self.resolve_index(name).is_none()
                })
                .map(|(name, _)| name)
        })
    }

    /// Signatures count where credits stand: in the dateline, at the end of a paragraph, alone on
    /// a line; a photo credit in a caption barely counts, a mention mid-text a little.
    fn weigh_signatures(&self, doc: &Doc, author: &mut HashMap<usize, i32>) {
        let Some(automaton) = &self.signatures else {
            return;
        };
        let first_para = doc.blocks.iter().position(|b| matches!(b, Block::Para(_)));
        let last_para = doc.blocks.iter().rposition(|b| matches!(b, Block::Para(_)));
        for (n, block) in doc.blocks.iter().enumerate() {
            // A photo's credit names who took the picture, not who wrote the story: captions are
            // not searched.
            let Block::Para(text) = block else {
                continue;
            };
            for m in automaton.find_iter(text) {
                let owner = self.signature_owner[m.pattern().as_usize()];
                // A credit closing a paragraph mid-story is a photo's or a video's; only the
                // story's last paragraph (or a line of its own) is signed by its author.
                let closes = text[m.end()..].trim().is_empty();
                let alone = closes && m.start() == 0;
                // `… noted in Portville.(Wire)` closing a short first paragraph: a photo's
                // caption and its credit, printed above the byline.
                let after_sentence = text[..m.start()]
                    .trim_end()
                    .ends_with(['.', '!', '?', '"', '”']);
                let weight =
                    if Some(n) == first_para && m.start() < 150 && !(closes && after_sentence) {
                        10
                    } else if alone || (closes && Some(n) == last_para) || m.start() == 0 {
                        8
                    } else if closes {
                        1
                    } else {
                        3
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

/// The outlet a page or text names when no outlets file knows it, in order of trust: the page's
/// declared site name, the organisation in the dateline (`WASHINGTON (STL.News) –`), a byline's
/// trailing organisation (`By: Nick Simeone, DoD News`), a `Source:` line. Never a photo credit.
fn unknown_outlet_name(doc: &Doc, hints: &PageHints) -> Option<String> {
    let plausible = plausible_name;
    if let Some(site) = hints.site_name.as_deref().and_then(plausible) {
        return Some(site);
    }
    if let Some(name) = lead_credit_name(doc).or_else(|| byline_outlet_name(doc, hints)) {
        return Some(name);
    }
    if let Some(name) = source_line_name(doc).or_else(|| feed_credit_line_name(doc)) {
        return Some(name);
    }
    if let Some(holder) = doc.meta(Meta::Copyright).find_map(copyright_holder) {
        return Some(holder);
    }
    // `Headline | Valley Courier`: the site's name after the headline of a tab title.
    if let Some(name) = doc
        .title_line()
        .and_then(super::headline::unnamed_site_name)
        .and_then(plausible)
    {
        return Some(name);
    }
    // `Harbour Football Federation (Portville)` beside the stamp; a person's name with a place
    // (`Jane Doe (Portville)`) is a byline, so the name must read as an organisation's.
    if let Some(name) = place_credited_name(doc).filter(|name| {
        super::headline::is_organisation(name)
            || name.contains(" of ")
            || name.split_whitespace().nth(2).is_some()
    }) {
        return Some(name.to_string());
    }
    if let Some(name) = newsroom_self_name(doc) {
        return Some(name);
    }
    if let Some(name) = unknown_desk_credit(doc, hints) {
        return Some(name);
    }
    if let Some(name) = closing_link_credits(doc).find_map(|name| {
        bare_domain(name).or_else(|| {
            let capitalised = name
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
            capitalised.then(|| plausible(name)).flatten()
        })
    }) {
        return Some(name);
    }
    masthead_or_lead_credit(doc)
        .or_else(|| closing_masthead(doc))
        .or_else(|| credit_above_dateline(doc))
        .or_else(|| brand_address_line(doc))
        .and_then(plausible)
        .or_else(|| barred_name_over_stamp(doc).map(str::to_string))
        .or_else(|| paper_heading_stamp(doc).map(str::to_string))
}

/// The words before a stamp's date (`Reuters` in `Reuters March 2, 2021`, `AFP Published October
/// 25, 2022`, `Valley Daily - 2 October 2024`), past its month and its label, and where the date
/// starts.
fn name_before_stamp(stamp: &str) -> Option<(&str, usize)> {
    let separator = |c: char| {
        c.is_whitespace() || matches!(c, '|' | '-' | '–' | '—' | ',' | '/' | '·' | '•' | ':')
    };
    let date_at = stamp.find(|c: char| c.is_ascii_digit())?;
    let name = stamp[..date_at].trim_end_matches(separator);
    // The month may come before the day: `Reuters March 2, 2021`.
    let name = match name.rsplit_once(' ') {
        Some((head, last)) if is_month_name(last) => head.trim_end_matches(separator),
        _ => name,
    };
    // The stamp's label may stand between: `AFP Published October 25, 2022`.
    let name = match name.rsplit_once(' ') {
        Some((head, label)) if is_stamp_label(label) => head.trim_end_matches(separator),
        _ => name,
    };
    (!name.is_empty()).then_some((name, date_at))
}

/// `Valley Daily - 2 October 2024`: a newspaper's name heading a stamp line, as an edition line
/// prints it.
fn paper_heading_stamp(doc: &Doc) -> Option<&str> {
    doc.meta(Meta::Stamp)
        .take(3)
        .filter_map(|stamp| name_before_stamp(stamp.trim()).map(|(name, _)| name))
        .find(|name| paper_name_shaped(name) && !opens_with_given_name(name))
}

/// `Harbour Times |` (or a newspaper's name without the bar) on the line above the stamp (`Monday September 20, 2021, 12:27:30 PM |`): a
/// card's fields, the outlet's name and the day, each ending in the bar that parted them. A
/// writer's name there (`Jane Doe |`) is a byline, not an outlet.
fn barred_name_over_stamp(doc: &Doc) -> Option<&str> {
    let lines: Vec<&Line> = doc.lines.iter().filter(|l| l.kind != Kind::Blank).collect();
    lines.windows(2).find_map(|pair| {
        let line = pair[0].text.trim();
        // `Amman Today` over `publish date 2023-07-20`: without the bar, the name must read as
        // a newspaper's.
        let (name, barred) = match line.strip_suffix('|') {
            Some(name) => (name.trim(), true),
            None => (line, false),
        };
        let words = name.split_whitespace().count();
        let named = (1..=5).contains(&words)
            && name
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
            && (barred || paper_name_shaped(name));
        let personal = opens_with_given_name(name);
        (pair[1].kind == Kind::Meta(Meta::Stamp) && named && !personal && !name.contains('|'))
            .then_some(name)
    })
}

/// `Valleynews.example` on a line of its own: the site's name as its address, printed as a
/// brand (a capital first), as some sites sign the text they are copied with.
fn brand_address_line(doc: &Doc) -> Option<&str> {
    doc.lines
        .iter()
        .filter(|l| l.kind != Kind::Blank && l.text.len() <= 40)
        .map(|l| l.text.trim())
        // An address is one word with a dot: most lines are turned away before the pattern.
        .find(|text| {
            text.starts_with(char::is_uppercase)
                && text.contains('.')
                && !text.contains(' ')
                && bare_domain(text).is_some()
        })
}

/// `VALLEY COURIER` in capitals on the line right above the lead's dateline (`PORTVILLE, Westland.-
/// The council…`): the paper crediting its story, as Spanish-language papers print it. A section's
/// label (`WORLD NEWS`), a wire label (`UPDATE 2`) or the dateline's place is no credit; one word
/// is more often a label than a paper's name, and is not taken.
fn credit_above_dateline(doc: &Doc) -> Option<&str> {
    first_dateline(doc)?;
    let lines: Vec<&Line> = doc.lines.iter().filter(|l| l.kind != Kind::Blank).collect();
    let lead = lines
        .iter()
        .position(|l| l.kind == Kind::Body && super::headline::parse_dateline(&l.text).is_some())?;
    let above = lines.get(lead.checked_sub(1)?)?;
    let text = above.text.trim();
    let words = text.split_whitespace().count();
    let capitals = text.chars().any(char::is_uppercase) && !text.chars().any(char::is_lowercase);
    let letters = text
        .chars()
        .all(|c| c.is_alphabetic() || " .&'’-".contains(c));
    let dateline_place = super::headline::parse_dateline(&lines[lead].text)
        .is_some_and(|d| d.place.eq_ignore_ascii_case(text));
    (above.kind != Kind::Title
        && (2..=4).contains(&words)
        && text.len() <= 40
        && capitals
        && !super::headline::has_leading_label(text)
        && letters
        && !dateline_place
        && !super::title_line::is_section_label(text))
    .then_some(text)
}

/// `Valley Courier | @ValleyCourier`: a byline naming no person but a name its social handle
/// spells out, the outlet signing its own story. A name opening with a given name is a writer's
/// with their own handle (`Jane Doe | @JaneDoe`).
pub(crate) fn handle_named_outlet(byline: &str) -> Option<String> {
    let (name, handle) = byline.split_once('|')?;
    let handle = handle.trim().strip_prefix('@')?;
    let name = name.trim();
    // `Jane Doe | @JaneDoe`: a writer with their own handle.
    let personal = opens_with_given_name(name);
    let key = name_key(name);
    let spelled = !personal && key.len() >= 4 && name_key(handle).starts_with(&key);
    (spelled && !handle.contains(char::is_whitespace))
        .then(|| plausible_name(name))
        .flatten()
}

/// The organisation a lead's dateline credits (`WASHINGTON (Harbour Wire) –`, `Dec 04, 2009
/// (Harbour Wire) –`), when it reads as a name.
fn lead_credit_name(doc: &Doc) -> Option<String> {
    let plausible = plausible_name;
    if let Some(org) = first_dateline(doc).and_then(|d| d.org.as_deref()) {
        // `(Harbour Wire / Coast News)`: the outlet under its two names, the first its own;
        // `(harbourwire.example)`: the outlet by its address.
        if let Some(org) =
            plausible(org.split(" / ").next().unwrap_or(org)).or_else(|| bare_domain(org))
        {
            return Some(org);
        }
    }
    if let Some((_, org)) = doc
        .paragraphs()
        .next()
        .and_then(super::headline::dated_lead_credit)
    {
        if let Some(org) = plausible(org) {
            return Some(org);
        }
    }
    None
}

/// The outlet a byline names after its writers: `Jane Doe, Valley Courier Editor in Chief`,
/// `Jane Doe, valleycourier.example`, `Valley Courier | @ValleyCourier`, `Jane Doe, Special to
/// The Courier`.
fn byline_outlet_name(doc: &Doc, hints: &PageHints) -> Option<String> {
    let plausible = plausible_name;
    let bylines = hints.byline.iter().map(String::as_str);
    for line in bylines.chain(super::headline::byline_lines(doc)) {
        let rest = super::headline::strip_byline_prefix(line);
        // `Jane Doe, Valley Courier Editor in Chief`, `Jane Doe, valleycourier.example`,
        // `Valley Courier | @ValleyCourier`.
        let named = rest.split([',', '|']).skip(1).find_map(|part| {
            super::headline::unknown_outlet_before_role(part)
                .and_then(plausible)
                .or_else(|| bare_domain(part))
        });
        if let Some(name) = named.or_else(|| handle_named_outlet(&rest)) {
            return Some(name);
        }
        // `Rédigé par valleynews.example le 8 mars 2024`: the site signing by its address.
        if let Some(site) = rest
            .split_whitespace()
            .next()
            .filter(|w| w.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()))
            .and_then(bare_domain)
        {
            return Some(site);
        }
        if let Some((_, last)) = rest.rsplit_once(',') {
            // `Jane Doe, Special to The Courier`: written for the outlet named after it.
            let last = last.trim();
            let last = [
                "Special to ",
                "special to ",
                "Exclusive to ",
                "exclusive to ",
            ]
            .iter()
            .find_map(|p| last.strip_prefix(p))
            .unwrap_or(last);
            if super::headline::is_organisation(last) {
                if let Some(org) = plausible(last) {
                    return Some(org);
                }
            }
        }
    }
    None
}

/// The outlet a `Source:` line names, unless it credits the photo just above it.
fn source_line_name(doc: &Doc) -> Option<String> {
    let plausible = plausible_name;
    let mut previous = "";
    for line in doc.lines.iter().filter(|l| l.kind != Kind::Blank) {
        let source = match line.kind {
            Kind::Meta(Meta::Source) => Some(line.text.as_str()),
            Kind::Meta(Meta::Stamp) => line.text.find("Source:").map(|at| &line.text[at..]),
            _ => None,
        };
        if let Some(source) = source.filter(|_| !PHOTO_CAPTION_LINE.is_match(previous)) {
            let rest = source.split_once(':').map_or(source, |(_, r)| r).trim();
            // `Source: dts Nachrichten`: a brand written in lower case, a capital after it.
            let lower_brand = rest.split_whitespace().count() <= 4
                && rest
                    .split_whitespace()
                    .skip(1)
                    .any(|w| w.starts_with(char::is_uppercase));
            let named = plausible(rest).or_else(|| lower_brand.then(|| rest.to_string()));
            if let Some(org) = named.or_else(|| bare_domain(rest)) {
                return Some(org);
            }
        }
        previous = &line.text;
    }
    None
}

/// `From Valley Ledger, Portville`, `Story from the Valley Ledger`: a line of its own near the
/// headline or at the end crediting the paper the story was taken from, by a name that reads as
/// a newspaper's (`registry/organisation_words.txt`).
fn feed_credit_line_name(doc: &Doc) -> Option<String> {
    static FROM_LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?i:(?:the )?(?:story|article|report) )?(?i:from) (?:the )?(?P<name>[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,4})(?:, [A-Z][\p{L} ]{1,30})?\.?$").unwrap()
    });
    let lines: Vec<&Line> = doc.lines.iter().filter(|l| l.kind != Kind::Blank).collect();
    let title_at = lines
        .iter()
        .position(|l| l.kind == Kind::Title)
        .unwrap_or(0);
    let near_head = lines.iter().skip(title_at + 1).take(3);
    let at_end = lines.iter().rev().take(3);
    near_head
        .chain(at_end)
        .filter(|l| l.text.len() <= 80)
        .filter_map(|l| FROM_LINE.captures(l.text.trim()))
        .filter_map(|caps| caps.name("name"))
        .map(|name| name.as_str())
        .find(|name| paper_name_shaped(name))
        .map(str::to_string)
}

/// Whether a name opens with a known given name: a writer's (`Jane Doe`), not an outlet's.
fn opens_with_given_name(name: &str) -> bool {
    name.split_whitespace()
        .next()
        .is_some_and(super::names::is_given_name)
}

/// A name that may be an outlet's: one to eight words, capitalised, no address.
fn plausible_name(name: &str) -> Option<String> {
    let name = name.trim().trim_end_matches('.').trim();
    let words = name.split_whitespace().count();
    let ok = (1..=8).contains(&words)
        && name.chars().count() <= 60
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !name.contains("://")
        && !name.contains('@');
    ok.then(|| name.to_string())
}

/// Last, the site's own address: `topicseed.com` is a better start for the editor than nothing.
fn site_host(hints: &PageHints) -> Option<String> {
    let host = hints.url.as_deref().and_then(host_of)?;
    let host = host.strip_prefix("www.").unwrap_or(host).to_lowercase();
    host.contains('.').then_some(host)
}

/// The holder a copyright line names, when it reads as an organisation's (a news word, a brand
/// in mixed case, or the name of the address beside it: `© 2000 - 2022 Harbour Wire
/// (www.harbourwire.example)`); never a photo's credit (`© Jane Doe/Agency`).
fn copyright_holder(line: &str) -> Option<String> {
    static LEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^(?:\p{L}+ ){0,2}(?:(?:copyright(?-u:\b)|©|ⓒ|\(c\)|\d{4}(?:\s*[-–]\s*\d{4})?)[\s,]*(?:[-–]\s+)?)+",
        )
        .unwrap()
    });
    static NOTICE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(&format!(
            r"(?i)[\s,.]*(?:{})",
            super::chrome::rights_notices()
        ))
        .unwrap()
    });
    let lead = LEAD.find(line)?;
    let mut rest = &line[lead.end()..];
    // `© All rights reserved. Valley News`: the holder after the notice.
    if let Some(notice) = NOTICE.find(rest).filter(|n| n.start() == 0) {
        rest = rest[notice.end()..].trim_start_matches(['.', ' ', ',']);
    }
    // The name ends at the rights notice, a sentence's end, a field's bar or a bracket.
    let end = [". ", "|", "(", " - ", " – "]
        .iter()
        .filter_map(|stop| rest.find(stop))
        .chain(NOTICE.find(rest).map(|n| n.start()))
        .min()
        .unwrap_or(rest.len());
    let name = rest[..end].trim().trim_end_matches(['.', ',']).trim();
    if name.contains('/') || rest.contains(" by ") {
        return None;
    }
    let key = name_key(name);
    let named_address = !key.is_empty()
        && line
            .split(|c: char| c.is_whitespace() || "()[]".contains(c))
            .any(|word| {
                let host = word.trim_start_matches("www.");
                host.contains('.')
                    && host
                        .split('.')
                        .next()
                        .is_some_and(|label| label.eq_ignore_ascii_case(&key))
            });
    // `Copyright © 2022 Harbourwire.example`: the site by its address.
    if let Some(domain) = bare_domain(name) {
        return Some(if name.chars().any(char::is_uppercase) {
            name.to_string()
        } else {
            domain
        });
    }
    (named_address || brand_name(name))
        .then(|| plausible_name(name))
        .flatten()
}

/// A name that reads as an organisation's (`FBC News`) or a brand written in mixed case
/// (`HumAngle`), never a person's.
pub(crate) fn brand_name(name: &str) -> bool {
    super::headline::is_organisation(name)
        || name.split_whitespace().any(|w| {
            let inner_capital = w
                .char_indices()
                .skip(1)
                .any(|(i, c)| c.is_uppercase() && w[..i].chars().all(char::is_alphabetic))
                && w[1..].chars().any(char::is_lowercase);
            let family_prefix = [
                "Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "O'",
            ]
            .iter()
            .any(|p| w.starts_with(p));
            inner_capital && !family_prefix
        })
}

/// `Harbour Wire (Portville)` on a line of its own next to the stamp under the headline (`6
/// January 2022`): the organisation that filed the story, and where, as news aggregators print
/// their sources.
fn place_credited_name(doc: &Doc) -> Option<&str> {
    let title_at = doc.lines.iter().position(|l| l.kind == Kind::Title);
    let header: Vec<&Line> = doc.lines[title_at.map_or(0, |t| t + 1)..]
        .iter()
        .filter(|l| l.kind != Kind::Blank)
        .take_while(|l| !super::chrome::body_like(&l.text))
        .take(8)
        .collect();
    let is_stamp = |at: Option<&&Line>| at.is_some_and(|l| l.kind == Kind::Meta(Meta::Stamp));
    header.iter().enumerate().find_map(|(n, line)| {
        let beside_stamp =
            is_stamp(n.checked_sub(1).and_then(|p| header.get(p))) || is_stamp(header.get(n + 1));
        let credit = PLACE_CREDIT
            .captures(line.text.trim())
            .filter(|_| beside_stamp)?;
        let (name, place) = (
            credit.name("name")?.as_str(),
            credit.name("place")?.as_str(),
        );
        // Lengths and letters tested here, not in the pattern: bounded repeats of Unicode
        // classes make a pattern slow to build.
        let name_ok = name.chars().count() <= 60
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || " &.'’-".contains(c));
        (name_ok && place_shaped(place)).then_some(name)
    })
}

/// The place in a credit's brackets (`Portville`, `St. Mary's`): a few words of letters. Lengths
/// and letters are tested here, not in the pattern: bounded repeats of Unicode classes make a
/// pattern slow to build.
fn place_shaped(place: &str) -> bool {
    place.chars().count() <= 30
        && place
            .chars()
            .all(|c| c.is_alphabetic() || " .'’-".contains(c))
}

static PLACE_CREDIT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?P<name>\p{Lu}[^()]*?)\s+\((?P<place>\p{Lu}[^()]*)\)$").unwrap()
});

/// A newspaper's name as its masthead, the text's first line above the headline (`Valley
/// Standard`), or crediting the lead (`Valley Mirror: The court released…`): capitalised words,
/// one of them a news organisation's head word (`registry/organisation_words.txt`).
fn masthead_or_lead_credit(doc: &Doc) -> Option<&str> {
    let title_at = doc.lines.iter().position(|l| l.kind == Kind::Title);
    let first = doc.lines.iter().position(|l| l.kind != Kind::Blank)?;
    let name_shaped = paper_name_shaped;
    let line = doc.lines[first].text.trim();
    // Above the headline, or, in a text without one, right above the story (`Valley News`,
    // then the lead).
    let above_story = title_at.is_none()
        && doc
            .lines
            .iter()
            .skip(first + 1)
            .find(|l| l.kind != Kind::Blank)
            .is_some_and(|l| l.kind == Kind::Body && super::chrome::body_like(&l.text));
    if (title_at.is_some_and(|t| first < t) || above_story) && name_shaped(line) {
        return Some(line);
    }
    let lead = doc.paragraphs().next()?;
    if let Some(name) = bracketed_lead_credit(lead) {
        return Some(name);
    }
    let (name, rest) = lead.split_once(": ")?;
    (name_shaped(name) && rest.starts_with(|c: char| c.is_uppercase())).then_some(name)
}

/// `(Valley News)– The storm…`, `[valleynews.example] – The storm…`, `[Valley News] Portville --
/// The storm…`: the outlet's name or address in brackets opening the lead before a dash, maybe
/// with the place it filed from. A label in brackets (`(UPDATED)`, `(VIDEO)`) is no outlet,
/// so the name must read as an organisation's or a brand's.
fn bracketed_lead_credit(lead: &str) -> Option<&str> {
    let (name, after) = if let Some(rest) = lead.strip_prefix('(') {
        rest.split_once(')')?
    } else {
        lead.strip_prefix('[')?.split_once(']')?
    };
    let after = after.trim_start();
    let dash = |text: &str| ["--", "—", "–", "-"].iter().any(|d| text.starts_with(d));
    // `[Valley News] Portville -- The storm…`: the place it was filed from may stand between.
    let after_place = || {
        let mut rest = after;
        for _ in 0..3 {
            let (word, tail) = rest.split_once(' ')?;
            if !word.starts_with(char::is_uppercase) || word.ends_with(['.', ',', ':']) {
                return None;
            }
            rest = tail.trim_start();
            if dash(rest) {
                return Some(());
            }
        }
        None
    };
    let dashed = dash(after) || after_place().is_some();
    let name = name.trim();
    // `[valleynews.example] – The storm…`: the site by its address.
    let named = brand_name(name) || bare_domain(name).is_some();
    (dashed && name.len() <= 60 && named).then_some(name)
}

/// The names in the text's last lines that say where the whole story is (`Full story: Harbour
/// Wire`, `Read at harbourwire.example`; `registry/link_credits.txt`): a name or an address
/// ending its line, with no more words after it.
fn closing_link_credits(doc: &Doc) -> impl Iterator<Item = &str> {
    static LINK_CREDIT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        let phrases = super::names::alternation(include_str!("registry/link_credits.txt"));
        regex::Regex::new(&format!(
            r"(?i)^(?:{phrases})\s*:?\s+(?P<name>[^,;:()]{{2,60}}?)[.!]?$"
        ))
        .unwrap()
    });
    doc.lines
        .iter()
        .rev()
        .filter(|l| l.kind != Kind::Blank && l.kind != Kind::Title)
        .take(5)
        .filter(|l| l.text.len() <= 100)
        .filter_map(|l| LINK_CREDIT.captures(l.text.trim()))
        .filter_map(|caps| caps.name("name"))
        .map(|name| name.as_str().trim())
        .filter(|name| name.split_whitespace().count() <= 5)
}

/// `The Valley DAILY POST` as the text's last line: the paper signing off its story.
fn closing_masthead(doc: &Doc) -> Option<&str> {
    let last = doc.lines.iter().rev().find(|l| l.kind != Kind::Blank)?;
    let line = last.text.trim();
    paper_name_shaped(line).then_some(line)
}

/// Capitalised words, one of them a news organisation's head word, and not only such words and
/// section labels (`Press Release`, `News Desk` label a page; they name no paper).
fn paper_name_shaped(name: &str) -> bool {
    static NAVIGATION: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        super::names::entries(include_str!("registry/navigation_words.txt")).collect()
    });
    let words: Vec<&str> = name.split_whitespace().collect();
    // `More In News`, `Latest News`: a list of links, not the paper.
    if words
        .first()
        .is_some_and(|w| NAVIGATION.iter().any(|n| n.eq_ignore_ascii_case(w)))
    {
        return false;
    }
    // `Categories: News`: a label and its value, no paper's name.
    (1..=5).contains(&words.len())
        && !name.contains(':')
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || matches!(*w, "of" | "the")
        })
        && super::headline::is_organisation(name)
        && !words
            .iter()
            .all(|w| super::headline::is_organisation(w) || super::title_line::is_section_label(w))
}

/// What a feed or publication credit before an outlet's name (`via`, `first appeared in`) says,
/// by what follows the name: nothing, a colon, a feed it came through and the day (`From Wire
/// via Site, September 29:`), or, for a publication, its edition and day (`first appeared in
/// Wire Weekly on December 26, 2022`). Anything else is a mention in passing.
fn feed_credit_weight(publication: bool, after: &str) -> Credit {
    // `the original story by Harbour Wire's Kazakh Service`: the outlet's desk.
    let after = past_possessive_desk(after);
    // `From Harbour Wire via Valley Finance, September 29:`: the feed it came through,
    // and the day, before the quoted story.
    let after = after.strip_prefix("via ").map_or(after, |rest| {
        rest.find([',', ':']).map_or("", |at| &rest[at..])
    });
    let dated_colon = after.strip_prefix(',').is_some_and(|rest| {
        let rest = rest.trim().strip_suffix(':').unwrap_or("");
        let mut words = rest.split_whitespace();
        words.next().is_some_and(is_month_name)
            && words
                .next()
                .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
            && words.next().is_none()
    });
    // `First appeared in Harbour Wire Weekly on December 26, 2022`: a publication's
    // edition and the day it ran.
    let dated_edition = publication && {
        let mut words = after.split_whitespace();
        let mut word = words.next();
        let mut edition_words = 0;
        while word.is_some_and(|w| w.starts_with(char::is_uppercase)) && edition_words < 2 {
            edition_words += 1;
            word = words.next();
        }
        word == Some("on")
            && words
                .next()
                .is_some_and(|w| is_month_name(w) || w.starts_with(|c: char| c.is_ascii_digit()))
    };
    // `From Harbour Wire, Portville`: the feed's credit line with the place it filed from.
    let placed = !publication
        && after.strip_prefix(',').is_some_and(|rest| {
            let words: Vec<&str> = rest.split_whitespace().collect();
            (1..=4).contains(&words.len())
                && words[0].starts_with(char::is_uppercase)
                && words.iter().all(|w| {
                    w.chars().all(char::is_alphabetic)
                        && (w.starts_with(char::is_uppercase) || w.len() <= 3)
                })
        });
    if after.trim_end_matches(['.', '!']).is_empty()
        || dated_colon
        || placed
        || dated_edition
        || after.starts_with(':')
        // A credit naming a publication, not a feed's `from` or `via`, may go on to its date
        // or a link: `Published in Harbour Wire, December 24th, 2015.`, `…, click here.`
        || (publication && after.starts_with(','))
        // `… from The Conversation under a Creative Commons license.`
        || after.starts_with("under ")
        || after.starts_with("with permission")
    {
        Credit::Author(8)
    } else {
        Credit::None
    }
}

/// `de Soto (Harbour Wire)` closing its line: a person and the organisation they speak for, as
/// lists of officials print them; a credit's bracket follows a dateline's capitals (`LAGOS
/// (Harbour Wire) -`) or opens the line.
fn is_affiliation(before: &str, after: &str) -> bool {
    let ends_line = after
        .strip_prefix([')', ']'])
        .is_some_and(|rest| rest.trim().is_empty());
    let named = before.trim_end().trim_end_matches(['(', '[']).trim();
    ends_line && named.chars().any(char::is_lowercase)
}

/// `Published`, `Updated`, `Posted`: the word a stamp opens with.
fn is_stamp_label(word: &str) -> bool {
    let word = word.trim_end_matches(':');
    [
        "published",
        "updated",
        "posted",
        "modified",
        "first published",
        "last updated",
    ]
    .iter()
    .any(|label| word.eq_ignore_ascii_case(label))
}

/// `March`, `Mar.`, `Sept`: an English month's name or its abbreviation.
fn is_month_name(word: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.').to_lowercase();
    word.len() >= 3 && MONTHS.iter().any(|m| m.starts_with(&word))
}

/// `www.valleycourier.example`, `https://valleycourier.example/`: a site named by its address
/// alone, as the editor would write it (`valleycourier.example`).
fn bare_domain(text: &str) -> Option<String> {
    static DOMAIN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)/?$").unwrap()
    });
    let caps = DOMAIN.captures(text.trim())?;
    Some(caps[1].to_lowercase())
}

/// The names a desk credit may be of (`Harbour Wire News Desk` → `Harbour Wire News`,
/// `Harbour Wire`), longest first; none unless the line ends in a desk's words, perhaps with the
/// editor's initials after them (`Harbour Wire News Desk (JD)`).
fn desk_names(line: &str) -> impl Iterator<Item = &str> {
    let mut line = line.trim().trim_end_matches('.');
    if let Some((before, initials)) = line.strip_suffix(')').and_then(|l| l.rsplit_once(" (")) {
        if (1..=4).contains(&initials.len()) && initials.bytes().all(|b| b.is_ascii_alphabetic()) {
            line = before.trim_end();
        }
    }
    // Every desk's words end in one of these: most lines need no further look.
    const LAST_WORDS: [&str; 9] = [
        "bureau",
        "service",
        "desk",
        "staff",
        "reporter",
        "writer",
        "correspondent",
        "network",
        "report",
    ];
    let last = line.rsplit(' ').next().unwrap_or_default();
    let candidate = line.len() <= 80 && LAST_WORDS.iter().any(|w| last.eq_ignore_ascii_case(w));
    // The desk's words are at most three: try the splits before the last three words.
    let spaces: Vec<usize> = if candidate {
        line.match_indices(' ').map(|(i, _)| i).collect()
    } else {
        Vec::new()
    };
    let splits: Vec<usize> = spaces.into_iter().rev().take(3).collect();
    splits.into_iter().filter_map(move |at| {
        let (name, desk) = (line[..at].trim(), line[at + 1..].trim());
        DESK.is_match(desk).then_some(name)
    })
}

/// An unknown outlet's desk signing the story on a line of its own, a byline or the text's
/// closing line: `Harbourwire News Desk (JD)`, `By Valley Courier Staff`. A section's desk
/// (`Business Desk`, `Sports News Desk`) names no outlet.
fn unknown_desk_credit(doc: &Doc, hints: &PageHints) -> Option<String> {
    let closing = doc
        .lines
        .iter()
        .rev()
        .filter(|l| l.kind != Kind::Blank)
        .take(3)
        .map(|l| l.text.as_str());
    let bylines = hints.byline.iter().map(String::as_str);
    bylines
        .chain(doc.meta(Meta::Byline))
        .map(|l| super::headline::strip_byline_prefix(l).into_owned())
        .chain(closing.map(str::to_string))
        .find_map(|line| {
            // `Harbourwire News Desk`: the name reads as an outlet's with `News`, and is
            // `Harbourwire`, the shortest split.
            let names: Vec<&str> = desk_names(&line).collect();
            let outlet_shaped = names.iter().any(|name| brand_name(name))
                && !names
                    .iter()
                    .any(|name| super::title_line::is_section_label(name));
            names
                .last()
                .filter(|_| outlet_shaped)
                .and_then(|name| plausible_name(name))
        })
}

/// What follows an outlet's name in a desk credit.
static DESK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^(?:bureau|news service|(?:\p{L}+ )?desk|staff(?: reporters?| writers?)?|reporters|correspondents?|news network|news team|newsroom|report)\.?$").unwrap()
});

/// `, Kuala Lumpur, May 28 (`, ` Phnom Penh, August 02, 2018 —`: a place and a day after the
/// outlet opening a wire's lead.
static LEAD_PLACE_AND_DAY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?:, )?(?:[A-Z][\w'’.-]+ ){0,3}[A-Z][\w'’.-]+, (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b").unwrap()
});

/// A date closing a credit: `Kyodo News March 3, 2019`, `AFP 12/03/2024`.
static TRAILING_DATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)[\s,]+(?:(?:\d{1,2} )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?: \d{1,2})?,? \d{4}|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})\s*$").unwrap()
});

/// What stands before an outlet's name in a photo credit: `Photo:`, `Image: Jane Doe/`.
static PHOTO_CREDIT_BEFORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)(?:(?:photo(?:graph)?s?|pictures?|images?|credit|file|video|footage)\s*(?:[:|]|by)?|/)$").unwrap()
});

/// A caption line ending in a credit, the line a photo's `Source:` follows.
static PHOTO_CAPTION_LINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)(?:photo(?:graph)?s?|pictures?|images?|credit)\s*:\s*\S").unwrap()
});

/// An opening bracket, maybe with an aggregator's name: `(`, `[<< `, `(MENAFN- `.
static WRAPPER_OPEN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"[(\[](?:[^()\[\]]{0,20}?[-–:<]\s*)?$").unwrap()
});

/// What comes before an outlet's name in a feed or repost credit: `from`, `via`, `source:`, a blog
/// feed's footer `The post <headline> appeared first on`.
/// The credit opens the line or a sentence of it (`… Court. To read the original story by …`);
/// the `publication` group marks the phrases that name where the story was published.
static FEED_CREDIT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"(?i)(?:^|[.!?]["”’]?\s+)(?:(?:(?:the )?(?:story|article|report) )?from(?: the)?|via|source\s*:?|(?P<publication>(?:(?:this|the) (?:article|story|piece|post|report|column) (?:was |is |has been )?)?(?:originally |first )?(?:published|appeared|republished|reproduced)(?: with permission)? (?:by|in|on|from)|(?:to )?read the original (?:story|article|report) (?:by|from|at|on)|the original (?:story|article|report) (?:by|from))|the (?:post|article|story) .{1,400} appeared first (?:on|in)|read (?:more|the (?:full|original) (?:story|article)) (?:at|on))$"#).unwrap()
});

/// `… am 25. Mai stattfinden. dpa/nd`, `AFP/jm`: a wire's name and its editor's initials after
/// the story's last sentence.
fn initialled_sign_off(text: &str) -> Option<&str> {
    let (before, last) = text.rsplit_once(' ').unwrap_or(("", text));
    let (credit, initials) = last.split_once('/')?;
    let initials_only =
        (1..=4).contains(&initials.len()) && initials.bytes().all(|b| b.is_ascii_lowercase());
    let after_sentence = before.is_empty() || before.ends_with(['.', '!', '?', '"', '”', '’']);
    (initials_only && after_sentence && !credit.is_empty()).then_some(credit)
}

/// The last sentence of a long paragraph, from within its last 300 bytes.
fn last_sentence(text: &str) -> Option<&str> {
    let tail = &text[text.floor_char_boundary(text.len().saturating_sub(300))..];
    let trimmed = tail.trim_end();
    let body = trimmed.trim_end_matches(['.', '!', '?', '"', '”', '’']);
    let at = body.rfind(". ").or_else(|| body.rfind("? "))?;
    Some(&tail[at + 2..])
}

/// What follows an outlet's name when a desk of it is meant: `'s Kazakh Service`.
fn past_possessive_desk(after: &str) -> &str {
    let Some(rest) = after
        .strip_prefix("'s ")
        .or_else(|| after.strip_prefix("’s "))
    else {
        return after;
    };
    let mut end = 0;
    for word in rest.split(' ') {
        if !word.starts_with(char::is_uppercase) {
            break;
        }
        let name = word.trim_end_matches([',', '.', ':', ';', '!']);
        end += name.len();
        // Punctuation closes the desk's name.
        if name.len() < word.len() {
            break;
        }
        end += 1;
    }
    if end == 0 {
        return after;
    }
    rest[end.min(rest.len())..].trim_start()
}

/// What follows an outlet's name when the site promotes itself.
static SELF_PROMOTION_AFTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let products = super::names::alternation(include_str!("registry/self_promotion.txt"));
    regex::Regex::new(&format!(
        r"(?i)^(?:['’]s\s+(?:{products})(?-u:\b)|(?:app|newsletters?)(?-u:\b))"
    ))
    .unwrap()
});

/// What follows an organisation's name at the head of a story that reprints its statement
/// (`The Port Authority has issued the following statement:`), from the shipped list.
static STATEMENT_LEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let phrases = super::names::entries(include_str!("registry/statement_leads.txt"))
        .map(|p| regex::escape(p).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|");
    regex::Regex::new(&format!(r"(?i)^(?:(?:has|have)\s+)?(?:{phrases})(?-u:\b)")).unwrap()
});

/// What comes before an outlet's name when the site promotes itself.
static SELF_PROMOTION_BEFORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let phrases = super::names::entries(include_str!("registry/self_promotion_before.txt"))
        .map(|p| regex::escape(p).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|");
    regex::Regex::new(&format!(r"(?i)(?:^|\s)(?:{phrases})(?:\s+the)?$")).unwrap()
});

/// A cheap test for the words of [`INTERVIEW`] and of self-promotion anywhere in a line: a
/// paragraph with none of them is not searched for outlet names.
static CREDIT_WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        let fixed = [
            "told ",
            "spoke to ",
            "speaking to ",
            "said to ",
            "statement to ",
            "interview",
            " app",
            "newsletter",
            "follow ",
            "download ",
            "subscribe ",
            "sign up",
            "published by",
            "published in",
            "published on",
            "published from",
            "appeared in",
            "appeared on",
            "appeared first on",
            "appeared first in",
            "with permission",
            "original story",
            "original article",
            "original report",
            "reports citing",
            "reports with reference",
        ];
        let products = super::names::entries(include_str!("registry/self_promotion.txt"))
            .flat_map(|p| [format!("'s {p}"), format!("’s {p}")]);
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(fixed.into_iter().map(str::to_string).chain(products))
            .expect("credit words build an automaton")
    });

/// A site crediting its own report to its sources: `reports citing`, `reports with reference to`.
static SELF_REPORT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^reports (?:citing|with reference to)(?-u:\b)").unwrap()
});

/// The newsroom's phrases about itself, from the shipped list.
struct Newsroom {
    /// A phrase that follows the outlet's name, anchored at the name's end.
    after_name: regex::Regex,
    /// A phrase that comes before it, anchored at the name's start.
    before_name: regex::Regex,
    /// Capitalised words, then a phrase after them: `FBC News understands that`.
    named_then_phrase: regex::Regex,
    /// A phrase, then capitalised words: `seen by HumAngle`.
    phrase_then_named: regex::Regex,
    /// Any of the phrases: the cheap test a paragraph passes before the others run.
    any_phrase: regex::Regex,
}

static NEWSROOM: std::sync::LazyLock<Newsroom> = std::sync::LazyLock::new(|| {
    let entries: Vec<&str> =
        super::names::entries(include_str!("registry/newsroom_phrases.txt")).collect();
    let alternation = |phrases: Vec<&str>| {
        phrases
            .iter()
            .map(|p| regex::escape(p.trim()).replace(' ', r"\s+"))
            .collect::<Vec<_>>()
            .join("|")
    };
    let after = alternation(
        entries
            .iter()
            .filter_map(|e| e.strip_prefix("{outlet}"))
            .collect(),
    );
    let before = alternation(
        entries
            .iter()
            .filter_map(|e| e.strip_suffix("{outlet}"))
            .collect(),
    );
    let name = r"(?P<name>\p{Lu}[\p{L}\d.&'’-]*(?:\s+\p{Lu}[\p{L}\d.&'’-]*){0,3})";
    let build = |pattern: String| regex::Regex::new(&pattern).expect("newsroom phrases build");
    Newsroom {
        after_name: build(format!(r"(?i)^(?:{after})(?-u:\b)")),
        before_name: build(format!(r"(?i)(?-u:\b)(?:{before})$")),
        named_then_phrase: build(format!(r"{name}\s+(?i:{after})(?-u:\b)")),
        phrase_then_named: build(format!(r"(?-u:\b)(?i:{before})\s+{name}")),
        any_phrase: build(format!(r"(?i)(?:{after}|{before})")),
    }
});

/// `FBC News understands that …`, `… seen by HumAngle on Sunday`: the name of an outlet no
/// registry knows, where the newsroom speaks of itself: capitalised words that name an
/// organisation (`FBC News`) or a brand written in mixed case (`HumAngle`), never a person.
fn newsroom_self_name(doc: &Doc) -> Option<String> {
    let brand = brand_name;
    doc.paragraphs().find_map(|paragraph| {
        if !NEWSROOM.any_phrase.is_match(paragraph) {
            return None;
        }
        let seen_by = NEWSROOM
            .phrase_then_named
            .captures_iter(paragraph)
            .filter(|caps| !cited(paragraph, caps.get(0).map_or(0, |m| m.start())));
        NEWSROOM
            .named_then_phrase
            .captures_iter(paragraph)
            .chain(seen_by)
            .map(|caps| {
                let name = caps["name"].trim();
                name.strip_prefix("The ").unwrap_or(name).to_string()
            })
            .find(|name| brand(name))
    })
}

/// `according to documents obtained by X`: another newsroom's work, cited before `at`.
fn cited(paragraph: &str, at: usize) -> bool {
    let from = paragraph.floor_char_boundary(at.saturating_sub(80));
    paragraph[from..at].to_lowercase().contains("according to")
}

/// Someone talking to a newsroom named after the phrase: `told the Valley Daily Times`, `in a
/// statement to Harbour News`, `spoke to the Mail & Courier`.
static INTERVIEWER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?-u:\b)(?i:told|spoke to|speaking to|talking to|in an interview with|in a statement to|statement sent to) +(?:the +)?(?P<name>\p{Lu}[\p{L}\d.'’-]*(?: +(?:& +)?\p{Lu}[\p{L}\d.&'’-]*){0,4})",
    )
    .unwrap()
});

/// An outlet interviewing someone: `told Reuters`, `spoke to Briefly News`, `in an interview with`.
static INTERVIEW: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)(?:^|\s)(?:told|spoke to|speaking to|said to|in an interview with|interviewed by|in a statement to)(?:\s+the)?$",
    )
    .unwrap()
});

/// Case- and punctuation-insensitive key, without a leading "The".
pub(crate) fn name_key(name: &str) -> String {
    let trimmed = name.trim();
    let trimmed = trimmed
        .strip_prefix("The ")
        .or_else(|| trimmed.strip_prefix("the "))
        .unwrap_or(trimmed);
    super::fold::alnum_lower(trimmed)
}

/// The host of an `http(s)://` URL.
pub(crate) fn host_of(url: &str) -> Option<&str> {
    let start = url.find("://")? + 3;
    let rest = &url[start..];
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Builds the patterns that weigh an outlet's mentions before the first input needs them (see
/// [`super::warm_up`]): left to the first inputs, one thread builds them while the others wait.
pub(crate) fn patterns() -> Vec<fn()> {
    use std::sync::LazyLock;
    vec![
        || {
            LazyLock::force(&DESK);
            LazyLock::force(&LEAD_PLACE_AND_DAY);
            LazyLock::force(&PHOTO_CREDIT_BEFORE);
            LazyLock::force(&WRAPPER_OPEN);
            LazyLock::force(&FEED_CREDIT);
            LazyLock::force(&STATEMENT_LEAD);
        },
        || {
            LazyLock::force(&SELF_PROMOTION_AFTER);
            LazyLock::force(&SELF_PROMOTION_BEFORE);
            LazyLock::force(&CREDIT_WORDS);
            LazyLock::force(&SELF_REPORT);
            LazyLock::force(&NEWSROOM);
            LazyLock::force(&INTERVIEW);
        },
    ]
}

#[cfg(test)]
mod tests {
    use crate::import::{import_text, ImportContext};

    #[test]
    fn mentions_are_what_the_search_of_every_byte_finds() {
        let ctx = ImportContext::with_defaults(&[]);
        let matcher = &ctx.outlets;
        let automaton = matcher.mentions.as_ref().expect("the outlets have names");
        // Every name alone, inside a word, after a bracket, run into another name, in capitals
        // and in lower case: where a match inside a word may hide a whole one.
        let names = &matcher.mention_texts;
        for (n, name) in names.iter().enumerate() {
            let next = &names[(n + 1) % names.len()];
            let cut = &name[..name.floor_char_boundary(name.len() / 2)];
            let lower = name.to_lowercase();
            let upper = name.to_uppercase();
            for text in [
                name.clone(),
                format!("By Jane Doe, {name} said x{name}s and {cut}{name}."),
                format!("({name}) - {lower} told {upper}; é{name} {next}{name} {cut}"),
                format!("{name}{next} [{lower}] {name} {next}"),
            ] {
                let every_byte: Vec<_> = automaton
                    .find_iter(text.as_str())
                    .filter_map(|m| matcher.mention(&text, &m))
                    .collect();
                assert_eq!(
                    matcher.mentions(&text).collect::<Vec<_>>(),
                    every_byte,
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn a_signature_line_is_told_by_look_up_as_the_automaton_tells_it() {
        let ctx = ImportContext::with_defaults(&[]);
        let matcher = &ctx.outlets;
        let automaton = matcher
            .signatures
            .as_ref()
            .expect("the registry has signatures");
        let by_automaton = |line: &str| {
            automaton
                .find(line)
                .is_some_and(|m| m.start() == 0 && m.end() == line.len())
        };
        let lines = [
            "(Reuters)",
            "(reuters)",
            "(REUTERS) -",
            "(AFP)",
            "(Xinhua) --",
            "Thomson Reuters Trust Principles",
            "thomson reuters trust principles",
            "(Reuters) - The central bank said",
            "Text (Reuters)",
            "(Reuters",
            "",
            "Officials said so.",
        ];
        let mut signatures = 0;
        for line in lines {
            assert_eq!(
                matcher.is_signature_line(line),
                by_automaton(line),
                "{line:?}"
            );
            signatures += usize::from(by_automaton(line));
        }
        // Both kinds of line are compared (the example book's outlets replace some of the
        // registry's entries, signatures and all).
        assert!(
            signatures >= 2 && signatures <= lines.len() - 4,
            "{signatures}"
        );
    }

    fn byline_of(text: &str) -> Vec<String> {
        let ctx = ImportContext::with_defaults(&[]);
        import_text(text, "t.txt", &ctx).front.byline
    }

    fn outlet_of(text: &str) -> (String, Option<String>) {
        let ctx = ImportContext::with_defaults(&[]);
        let got = import_text(text, "t.txt", &ctx);
        (got.front.outlet, got.front.publisher)
    }

    const STORY: &str = "Regulators fine shipping line over fuel spill\n\n";
    const LEAD: &str = "Port regulators fined the shipping line on Monday for a fuel spill \
        that closed two beaches for a week, the authority said in a statement.\n\n";

    #[test]
    fn the_nearest_listed_domain_names_the_outlet() {
        let outlet = |name: &str, domain: &str| crate::model::OutletEntry {
            name: name.to_string(),
            domains: vec![domain.to_string()],
            ..Default::default()
        };
        let matcher = super::OutletMatcher::new(&[
            outlet("Example Group", "example.org"),
            outlet("Example News", "news.example.org"),
        ])
        .unwrap();
        let name = |host: &str| matcher.domain_owner(host).map(|i| matcher.names[i].clone());
        assert_eq!(
            name("www.news.example.org").as_deref(),
            Some("Example News")
        );
        assert_eq!(name("shop.example.org").as_deref(), Some("Example Group"));
        assert_eq!(name("EXAMPLE.ORG").as_deref(), Some("Example Group"));
        assert_eq!(name("example.com"), None);
        assert_eq!(name("notexample.org"), None);
    }

    #[test]
    fn a_wires_credit_closing_a_caption_above_the_byline_is_the_photos() {
        let text = "Water crisis still grips the valley\n\nDecember 21, 2015, 11:04am\n\n\
            Since the water crisis announcement was made, water use fell by a quarter in \
            Portville.(REUTERS)  \n\nBy Jane Doe, SABC\n\nAlthough Portville has recently \
            received some rain, the water crisis is far from over, officials said on Monday.\n";
        assert_eq!(outlet_of(text).0, "SABC News");
    }

    #[test]
    fn a_source_closing_the_story_in_another_language_names_the_outlet() {
        let text = format!(
            "{STORY}Port regulators fined the shipping line on Monday for a fuel spill that \
             closed two beaches for a week, and ordered it to pay for the clean-up of the \
             harbour's eastern shore, where oil still coats the rocks. The line said it would \
             appeal. Quelle: hbr Nachrichten\n"
        );
        assert_eq!(outlet_of(&text).0, "hbr Nachrichten");
        let text = format!("{STORY}{LEAD}Fuente: Reuters\n");
        assert_eq!(outlet_of(&text).0, "Reuters");
    }

    #[test]
    fn a_sites_address_before_the_datelines_place_names_the_outlet() {
        let text = format!("{STORY}THEHINDU.COM, CHENNAI -- {LEAD}");
        assert_eq!(outlet_of(&text).0, "The Hindu");
    }

    #[test]
    fn wire_datelines_and_agency_pairs() {
        let text = format!("{STORY}LAGOS (Reuters) - {LEAD}");
        assert_eq!(outlet_of(&text).0, "Reuters");
        let text = format!("{STORY}PARIS (AFP-Jiji) — {LEAD}");
        assert_eq!(outlet_of(&text).0, "Agence France-Presse");
    }

    #[test]
    fn desk_credits_feed_credits_and_aggregator_wrappers() {
        let text = format!("{STORY}The Hindu Bureau\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "The Hindu");
        let text = format!("{STORY}{LEAD}from Reuters: World News\n");
        assert_eq!(outlet_of(&text).0, "Reuters");
        for credit in [
            "This article first appeared in The Conversation.",
            "This article is republished from The Conversation under a Creative Commons license.",
            "This story was originally published by The Conversation.",
        ] {
            let text = format!("{STORY}{LEAD}{credit}\n");
            assert_eq!(outlet_of(&text).0, "The Conversation", "{credit}");
        }
        let text = format!("{STORY}(MENAFN- Gulf Times) {LEAD}");
        let (outlet, publisher) = outlet_of(&text);
        assert_eq!(outlet, "Gulf Times");
        assert_eq!(publisher.as_deref(), Some("MENAFN"));
    }

    #[test]
    fn a_closing_credit_names_who_wrote_the_story_not_who_contributed() {
        let more = "The authority said a second inspection would follow next month.\n\n";
        for (closing, want) in [
            ("(Deutsche Welle with AFP, Reuters)\n", "Deutsche Welle"),
            ("(Kyodo News March 3, 2019)\n|\n", "Kyodo News"),
            ("", "Vietnam News Agency"),
        ] {
            let last = if closing.is_empty() {
                "Two beaches stay closed until the spill is cleaned up, the port authority added.-VNA\n"
            } else {
                more
            };
            let text = format!("{STORY}{LEAD}{last}\n{closing}");
            assert_eq!(outlet_of(&text).0, want, "{closing:?}");
        }
        // A parenthesis closing a sentence names an organisation in passing, not the author.
        let text = format!("{STORY}{LEAD}The fine goes to the refugee agency (UNHCR)\n");
        assert_ne!(
            outlet_of(&text).0,
            "United Nations High Commissioner for Refugees"
        );
    }

    #[test]
    fn a_byline_names_its_outlet_after_a_comma_a_bar_or_a_dash() {
        for byline in [
            "By Jane Okafor, Reuters",
            "Jane Okafor | Reuters",
            "Jane Okafor - Reuters",
        ] {
            let text = format!("{STORY}{byline}\n\n{LEAD}");
            assert_eq!(outlet_of(&text).0, "Reuters", "{byline}");
        }
        // The outlet's desk, in capitals, without the name's article.
        let text = format!("{STORY}By JERUSALEM POST STAFF\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "The Jerusalem Post");
    }

    #[test]
    fn a_byline_names_its_outlet_by_role_address_or_handle_and_no_writer_is_made_of_it() {
        for (byline, outlet, writers) in [
            (
                "By Tom Reddick, Lakeside Ledger Editor in Chief, Portville – April 24, 2024",
                "Lakeside Ledger",
                vec!["Tom Reddick"],
            ),
            (
                "By Tom Reddick, Reuters Senior Political Reporter",
                "Reuters",
                vec!["Tom Reddick"],
            ),
            (
                "By Tom Reddick, lakesideledger.example",
                "lakesideledger.example",
                vec!["Tom Reddick"],
            ),
            (
                "By Tom Reddick, mongabay.com",
                "Mongabay",
                vec!["Tom Reddick"],
            ),
            (
                "By: Lakeside Ledger | @LakesideLedger",
                "Lakeside Ledger",
                vec![],
            ),
            ("By Jane Okafor | @JaneOkafor", "", vec!["Jane Okafor"]),
            (
                "Published On: April 24, 2024 09:45 PM By: Lakeside Ledger | @LakesideLedger",
                "Lakeside Ledger",
                vec![],
            ),
        ] {
            let text = format!("{STORY}{byline}\n\n{LEAD}");
            assert_eq!(outlet_of(&text).0, outlet, "{byline}");
            assert_eq!(byline_of(&text), writers, "{byline}");
        }
        // A beat or a place before the role names no outlet.
        for byline in [
            "By Tom Reddick, Opinion Editor",
            "By Tom Reddick, Washington Correspondent",
        ] {
            let text = format!("{STORY}{byline}\n\n{LEAD}");
            assert_eq!(outlet_of(&text).0, "", "{byline}");
            assert_eq!(byline_of(&text), vec!["Tom Reddick"], "{byline}");
        }
    }

    #[test]
    fn an_outlet_between_bars_after_the_place_or_in_capitals_above_the_dateline() {
        let lead = "The harbour council on Wednesday approved a new ferry terminal for the \
            town's east side after two years of debate.";
        let text = format!("{STORY}Portville, Westland | THE LEDGER | {lead}\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "THE LEDGER");
        let text = format!("{STORY}Portville | Politics | {lead}\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "");
        let text = format!("{STORY}LAKESIDE LEDGER\nPORTVILLE, Westland.- {lead}\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "LAKESIDE LEDGER");
        for label in ["WORLD NEWS", "UPDATE 2", "EXCLUSIVE"] {
            let text = format!("{STORY}{label}\nPORTVILLE, Westland.- {lead}\n\n{LEAD}");
            assert_eq!(outlet_of(&text).0, "", "{label}");
        }
    }

    #[test]
    fn credits_of_wires_and_sites_in_the_forms_pages_print_them() {
        let lead = "Port regulators fined the shipping line on Monday for a fuel spill that \
            closed two beaches for a week, the authority said in a statement.";
        for (text, want) in [
            // A wire's sign-off above a sidebar of other stories' headlines.
            (
                format!(
                    "{STORY}{lead}\n- Sapa\nMost read\nHarbour ferry fares rise\nNew bridge opens"
                ),
                "South African Press Association",
            ),
            // A wire's code and the place it filed from before the stamp's date.
            (
                format!("{STORY}AKP Phnom Penh, August 02, 2018 —\n\n{lead}"),
                "Agence Kampuchea Presse",
            ),
            // The site's address in square brackets opening the lead.
            (format!("{STORY}[mongabay.com] – {lead}"), "Mongabay"),
            // An outlet posting the story, and when.
            (
                format!("{STORY}Posted by Reuters on Mar 03, 2023\n\n{lead}"),
                "Reuters",
            ),
            // A dateline with no dash after the credit's bracket.
            (
                format!("{STORY}PORTVILLE, Calif. (AP) {lead}"),
                "Associated Press",
            ),
            // A desk's credit printed twice.
            (
                format!("{STORY}Reuters Sports Desk Reuters Sports Desk\n\n{lead}"),
                "Reuters",
            ),
        ] {
            assert_eq!(outlet_of(&text).0, want, "{text}");
        }
        // A page's label and its value name no paper.
        let text = format!("Categories: News\n{STORY}{lead}");
        assert_eq!(outlet_of(&text).0, "");
        // A blog quoting a wire's story from the feed it came through.
        let text = format!(
            "{STORY}We rarely pass on such news, but this fine will move prices.\n\
             From Reuters via Valley Finance, September 29:\n{lead}"
        );
        assert_eq!(outlet_of(&text).0, "Reuters");
        // An aggregator's card: its source's name among fields above the wire's dateline.
        let text = format!(
            "{STORY}Valley News News\n\nLatest News, Headlines\n  • 📰 staronline\n  • Reading \
             Time:\n  • 32 sec. here\n  • 2 min. at publisher\n\nDOHA (Reuters) - {lead}"
        );
        assert_eq!(
            outlet_of(&text),
            (
                "Reuters".to_string(),
                Some("The Star (Malaysia)".to_string())
            )
        );
    }

    #[test]
    fn credits_with_their_day_name_the_outlet_and_date_the_story() {
        let ctx = ImportContext::with_defaults(&[]);
        let got = |text: &str| {
            let front = import_text(text, "t.txt", &ctx).front;
            (front.outlet, front.date.map(|d| d.to_string()), front.title)
        };
        let lead = "Port regulators fined the shipping line on Monday for a fuel spill that \
            closed two beaches for a week, the authority said in a statement.";
        let closing = "The regulator said it would publish its full findings in the spring, \
            after hearing from the shipping line and the residents of both beaches.";
        // A wire's sign-off with its day, after the story's last sentence.
        let text = format!("{STORY}{lead}\n\n{closing} – AFP, January 27, 2016.\nComments");
        assert_eq!(got(&text).0, "Agence France-Presse");
        assert_eq!(got(&text).1.as_deref(), Some("2016-01-27"));
        // A list of sources signs nothing.
        let text = format!(
            "{STORY}{lead}\n\n== Sources ==\n\"Fine for spill\" — Reuters, June 11, 2009\n\
             \"Beaches shut\" — BBC News Online, June 11, 2009"
        );
        assert_eq!(got(&text).0, "");
        // A closing source in brackets.
        let text = format!("{STORY}{lead}\n\n{closing}\n\n(source: Reuters)");
        assert_eq!(got(&text).0, "Reuters");
        // A lead opening with its day and its credit, no place.
        let text = format!("{STORY}Dec 04, 2009 (HWN) – {lead}");
        assert_eq!(got(&text).0, "HWN");
        assert_eq!(got(&text).1.as_deref(), Some("2009-12-04"));
        let text = format!("{STORY}Dec 04, 2009 (LBO) – {lead}");
        assert_eq!(got(&text).0, "Lanka Business Online");
        // A credit in square brackets with the place it was filed from.
        let text = format!("{STORY}[Valley News] Portville -- {lead}");
        assert_eq!(got(&text).0, "Valley News");
        // Where the story ran, and on what day: no headline.
        let text = format!(
            "Wednesday 13 Nov 2024\n\nThis article first appeared in The Edge Malaysia Weekly on \
             December 26, 2022 - January 1, 2023\n\n{STORY}{lead}"
        );
        let (outlet, date, title) = got(&text);
        assert_eq!(outlet, "The Edge Malaysia");
        assert_eq!(date.as_deref(), Some("2022-12-26"));
        assert_eq!(title, STORY.trim());
        // A section's label above the headline names no outlet.
        let text = format!("News Feed\n\n{STORY}{lead}");
        assert_eq!(got(&text).0, "");
        // A card's fields under the story: the outlet's name and the stamp, each closed by a bar;
        // a writer's name there is no outlet.
        let text =
            format!("{STORY}{lead}\n\nHarbour Times |\nMonday September 20, 2021, 12:27:30 PM |");
        assert_eq!(got(&text).0, "Harbour Times");
        let text =
            format!("{STORY}{lead}\n\nJane Okafor |\nMonday September 20, 2021, 12:27:30 PM |");
        assert_eq!(got(&text).0, "");
        // The site's address as a brand on a line of its own.
        let text = format!("{STORY}{lead}\n\nValleynews.se\n\nThe line will appeal.");
        assert_eq!(got(&text).0, "Valleynews.se");
        let text = format!("{STORY}{lead}\n\nMongabay.com\n\nThe line will appeal.");
        assert_eq!(got(&text).0, "Mongabay");
    }

    #[test]
    fn a_writer_after_a_dateless_label_or_beside_their_role_is_the_byline() {
        let text = format!("{STORY}Updated | By Jane Okafor\n{LEAD}");
        assert_eq!(byline_of(&text), vec!["Jane Okafor"]);
        // A name and a role, a name glued to the day, a day and a name beside a bar.
        for line in [
            "Jane Okafor Sports reporter",
            "Jane Okafor4 September 2017",
            "Mon., September 5, 2022 | Jane Okafor, Associated Press",
            "Jane Okafor, Monday 18 Jul 2011",
        ] {
            let text = format!("{STORY}{line}\n\n{LEAD}");
            assert_eq!(byline_of(&text), vec!["Jane Okafor"], "{line}");
        }
        let text = format!(
            "{STORY}The regulator has fined the line twice before. Staff Writer, JANE OKAFOR, \
             reports\n\n{LEAD}"
        );
        assert_eq!(byline_of(&text), vec!["Jane Okafor"]);
    }

    #[test]
    fn a_desk_list_of_reporters_a_report_credit_and_a_logo_name_the_outlet() {
        let text = format!(
            "{STORY}Reuters | Jane Okafor | Tunde Bello | Sirajuddin Published May 2, 2024\n\n{LEAD}"
        );
        let ctx = ImportContext::with_defaults(&[]);
        let got = import_text(&text, "t.txt", &ctx);
        assert_eq!(got.front.outlet, "Reuters");
        assert_eq!(got.front.byline, ["Jane Okafor", "Tunde Bello"]);
        let text = format!("{STORY}Gulf News report\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "Gulf News");
        let text = format!("Gulf News Logo\n\n{STORY}{LEAD}");
        assert_eq!(outlet_of(&text).0, "Gulf News");
    }

    #[test]
    fn a_source_line_naming_a_site_by_its_address() {
        let text = format!("{STORY}Source: www.gulfnews.com\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "Gulf News");
        let text = format!("{STORY}Source: www.valleycourier.example\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "valleycourier.example");
    }

    #[test]
    fn a_source_line_with_the_stamp_after_it_names_the_outlet_alone() {
        for (source, want) in [
            ("Gulf News", "Gulf News"),
            ("Valley Courier", "Valley Courier"),
        ] {
            let text = format!("{STORY}Source: {source} Published: 2020/8/12 19:24:15\n\n{LEAD}");
            assert_eq!(outlet_of(&text).0, want);
            let ctx = ImportContext::with_defaults(&[]);
            let got = import_text(&text, "t.txt", &ctx);
            assert_eq!(
                got.front.date.map(|d| d.to_string()).as_deref(),
                Some("2020-08-12")
            );
        }
    }

    #[test]
    fn agencies_credited_on_a_line_a_signed_off_last_sentence_and_a_long_leads_wrapper() {
        let text = format!("• Kyodo, Reuters\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "Kyodo News");
        let text = format!("{STORY}{LEAD}Two beaches stay closed after the spill.-VNA\n");
        let ctx = ImportContext::with_defaults(&[]);
        let got = import_text(&text, "t.txt", &ctx);
        assert_eq!(got.front.outlet, "Vietnam News Agency");
        assert!(got.body.contains("Two beaches stay closed"), "{}", got.body);
        let long = "The fine is the largest the port has ever imposed. ".repeat(14);
        let text = format!("{STORY}Photo of the harbour\n\n(VOVworld) - {LEAD}{long}\n");
        assert_eq!(outlet_of(&text).0, "Voice of Vietnam");
        let text = format!(
            "{STORY}Port regulators fined the line, Xinhua reports citing the authority.\n\n{LEAD}"
        );
        assert_eq!(outlet_of(&text).0, "Xinhua News Agency");
    }

    #[test]
    fn what_someone_told_an_outlet_names_it_only_when_nothing_else_does() {
        let told = "\"We will appeal,\" the line's chief executive told Reuters.\n\n";
        // Nothing else named: the wire's copy, reposted without its credit, most likely.
        assert_eq!(outlet_of(&format!("{STORY}{LEAD}{told}")).0, "Reuters");
        let text = format!("{STORY}{LEAD}{told}Follow Bloomberg on X.\n");
        assert_eq!(outlet_of(&text).0, "Bloomberg News");
        let text = format!("{STORY}LAGOS (Reuters) - {LEAD}{told}");
        assert_eq!(outlet_of(&text).0, "Reuters");
        // Interviews again and again, and nothing else named: the writer, most likely.
        let again = "Harbour master Jane Doe told Reuters the spill was contained.\n\n";
        assert_eq!(
            outlet_of(&format!("{STORY}{LEAD}{told}{again}")).0,
            "Reuters"
        );
        // Another outlet named as the site outweighs them.
        let text = format!("{STORY}{LEAD}{told}{again}Follow Bloomberg on X.\n");
        assert_eq!(outlet_of(&text).0, "Bloomberg News");
    }

    #[test]
    fn a_stamp_labelled_after_the_outlets_name_credits_it() {
        let text =
            format!("{STORY}AFP Published October 25, 2022 Updated October 25, 2022\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "Agence France-Presse");
    }

    #[test]
    fn closing_promotions_and_read_more_links_name_the_site() {
        for (closing, want) in [
            ("Get the latest news from the BBC", "BBC News"),
            ("More news from The Hindu", "The Hindu"),
            ("Read the full story at Al Jazeera.", "Al Jazeera"),
        ] {
            let text = format!("{STORY}{LEAD}{closing}\n");
            assert_eq!(outlet_of(&text).0, want, "{closing}");
        }
    }

    #[test]
    fn a_closing_line_saying_where_the_full_story_is_names_its_outlet() {
        for (closing, want) in [
            ("Full story: Harbour Weekly", "Harbour Weekly"),
            ("Full story: WHBR", "WHBR"),
            ("Read at www.harbourweekly.example", "harbourweekly.example"),
            ("Continue reading on Harbour Weekly.", "Harbour Weekly"),
            ("Read more at Reuters", "Reuters"),
        ] {
            let text = format!("{STORY}{LEAD}{closing}\n\nAdd new comment\n");
            assert_eq!(outlet_of(&text).0, want, "{closing}");
        }
        // A sentence goes on past a name; a lower-case word is no outlet's.
        for closing in [
            "Full story: the council met again, and the port closed.",
            "Read at your own risk",
        ] {
            let text = format!("{STORY}{LEAD}{closing}\n");
            assert_eq!(outlet_of(&text).0, "", "{closing}");
        }
    }

    #[test]
    fn an_unknown_outlets_desk_signing_the_story_is_proposed() {
        for (credit, want) in [
            ("{STORY}{LEAD}Harbourwire News Desk (JD)\n", "Harbourwire"),
            ("{STORY}By Valley Courier Staff\n\n{LEAD}", "Valley Courier"),
        ] {
            let text = credit.replace("{STORY}", STORY).replace("{LEAD}", LEAD);
            assert_eq!(outlet_of(&text).0, want, "{credit}");
        }
        // A section's desk, or a person's role, names no outlet.
        for credit in ["Business News Desk", "Jane Doe Staff Writer"] {
            let text = format!("{STORY}{LEAD}{credit}\n");
            assert_eq!(outlet_of(&text).0, "", "{credit}");
        }
    }

    #[test]
    fn a_byline_of_an_outlet_with_its_cards_age_names_it() {
        let text = format!("{STORY}Listen | Print\nBy Reuters     4 hours ago in World\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "Reuters");
    }

    #[test]
    fn a_byline_written_specially_for_an_unknown_outlet_proposes_it() {
        let text = format!("{STORY}By Jane Okafor, Special to The Harbour Courier\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "The Harbour Courier");
    }

    #[test]
    fn a_photos_copyright_credit_is_not_the_sites() {
        let text = format!(
            "{STORY}© Jane Doe / AFP | The harbour at dawn on Monday\n\n{LEAD}(France 24 with Reuters)\n"
        );
        let (outlet, publisher) = outlet_of(&text);
        assert_eq!(outlet, "France 24");
        assert_eq!(publisher, None);
    }

    #[test]
    fn a_blog_feeds_footer_names_the_outlet() {
        let text = format!(
            "{STORY}{LEAD}The post Regulators fine shipping line over fuel spill appeared first on Al Jazeera.\n"
        );
        assert_eq!(outlet_of(&text).0, "Al Jazeera");
    }

    #[test]
    fn a_site_promoting_itself_names_itself() {
        let text =
            format!("{STORY}{LEAD}Press TV's website can also be accessed at other addresses.\n");
        assert_eq!(outlet_of(&text).0, "Press TV");
        let text = format!("{STORY}{LEAD}Follow Al Jazeera on social media\n");
        assert_eq!(outlet_of(&text).0, "Al Jazeera");
        let text = format!("{STORY}{LEAD}( Also on POLITICO: The votes that matter)\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "Politico");
    }

    #[test]
    fn a_site_promoting_its_live_page_names_itself() {
        let text = format!("{STORY}{LEAD}Follow the latest with Radio New Zealand's live blog:\n");
        assert_eq!(outlet_of(&text).0, "RNZ");
        let text = format!("{STORY}{LEAD}Get the Daily Nation's newsletter every morning.\n");
        assert_ne!(
            outlet_of(&text).0,
            "",
            "a newsletter prompt names its paper"
        );
    }

    #[test]
    fn an_outlet_crediting_itself_before_the_lead_counts_even_after_a_stray_label() {
        let text = format!("{STORY}News photo The Punch  - {LEAD}");
        assert_eq!(outlet_of(&text).0, "Punch (Nigeria)");
        // A photo's credit keeps its colon and never names the outlet.
        let text = format!("{STORY}Photo: Reuters - {LEAD}");
        assert_ne!(outlet_of(&text).0, "Reuters");
    }

    #[test]
    fn a_reprinted_statement_is_credited_to_the_organisation_that_issued_it() {
        let text = format!(
            "{STORY}Harbour City (Valley Wire) – The State Department has issued the following \
             statement:\n\n{LEAD}"
        );
        assert_eq!(outlet_of(&text).0, "U.S. Department of State");
        // Named later in a paragraph, without the statement, it is only a mention.
        let text = format!("{STORY}{LEAD}The State Department released the following figures.\n");
        assert_ne!(outlet_of(&text).0, "U.S. Department of State");
    }

    #[test]
    fn a_transcripts_reporter_line_credits_the_broadcaster() {
        let text = format!("{STORY}{LEAD}TRT World'sAmara Okoye reports.\n");
        assert_eq!(outlet_of(&text).0, "TRT World");
        let text = format!("{STORY}{LEAD}Deutsche Welle’s Lena Brandt reports from Kyiv.\n");
        assert_eq!(outlet_of(&text).0, "Deutsche Welle");
    }

    #[test]
    fn photo_credits_and_captions_never_name_the_outlet() {
        let text = format!(
            "{STORY}Oil on the beach at dawn. Photo: AFP\n\n{LEAD}\
             Workers clear the sand on Monday. (Reuters)\n\nThe line said it would appeal the \
             fine, which it called out of proportion to the spill.\nImage: Jo Bloggs/Getty Images\n\
             Source: Getty Images\n"
        );
        let (outlet, _) = outlet_of(&text);
        assert_ne!(outlet, "Agence France-Presse");
        assert_ne!(outlet, "Reuters");
        assert_ne!(outlet, "Getty Images");
    }

    #[test]
    fn a_sites_tagline_from_the_registry_names_the_site_and_is_no_headline() {
        let ctx = ImportContext::with_defaults(&[]);
        let got = import_text(
            &format!("Democracy Dies in Darkness\n\n{STORY}{LEAD}"),
            "t.txt",
            &ctx,
        );
        assert_eq!(got.front.outlet, "The Washington Post");
        assert_ne!(got.front.title, "Democracy Dies in Darkness");
    }

    #[test]
    fn a_newsroom_speaking_of_itself_names_the_outlet() {
        let ctx = ImportContext::with_defaults(&[]);
        let outlet = |text: &str| import_text(text, "t.txt", &ctx).front.outlet;
        // Not in the registry: proposed by the name the newsroom calls itself.
        let understands = format!(
            "{STORY}{LEAD}Harbour FM News understands that the line will appeal the fine.\n"
        );
        assert_eq!(outlet(&understands), "Harbour FM News");
        let seen_by = format!(
            "{STORY}A statement by the port police seen by HarbourWatch on Sunday said the \
             spill had been contained.\n\n{LEAD}"
        );
        assert_eq!(outlet(&seen_by), "HarbourWatch");
        let survey = format!(
            "{STORY}{LEAD}A snap survey by The Valley Herald yesterday confirmed that both \
             beaches were still closed.\n"
        );
        assert_eq!(outlet(&survey), "Valley Herald");
        // Another newsroom's work, cited, names no one.
        let cited = format!(
            "{STORY}{LEAD}The fine was fair, the minister said, according to a transcript \
             reviewed by HarbourWatch.\n"
        );
        assert_eq!(outlet(&cited), "");
        // A registry outlet that can reveal something wrote the story.
        let reveal = format!("{STORY}{LEAD}Reuters can reveal that the line will appeal.\n");
        assert_eq!(outlet(&reveal), "Reuters");
    }

    #[test]
    fn a_photo_credit_line_above_a_story_without_headline_names_no_outlet() {
        let text = format!("The pier at dusk\nEFE/ Jo Bloggs\nThe pier at dusk\n{LEAD}");
        assert_ne!(outlet_of(&text).0, "Agencia EFE");
    }

    #[test]
    fn an_unknown_outlet_is_proposed_from_the_dateline_and_none_is_left_empty() {
        let ctx = ImportContext::with_defaults(&[]);
        let got = import_text(
            &format!("{STORY}WASHINGTON (Harbour Wire) – {LEAD}"),
            "t.txt",
            &ctx,
        );
        assert_eq!(got.front.outlet, "Harbour Wire");
        assert!(got.new_outlet.as_ref().is_some_and(|o| o.review));
        // The editor is told why: a name no outlets file knows, not a passing mention.
        let reason = got
            .front
            .review
            .0
            .iter()
            .find(|item| item.field == "outlet");
        let reason = reason.and_then(|item| item.reason.as_deref()).unwrap_or("");
        assert!(reason.contains("proposed"), "{reason}");
        // A name with a digit in it, before a colon.
        let got = import_text(
            "Bills fall to a record low at auction\n\nPORTVILLE (Harbour1st): The bill rate \
            fell to a record low at Wednesday's auction, central bank data showed.\n",
            "t.txt",
            &ctx,
        );
        assert_eq!(got.front.outlet, "Harbour1st");
        let none = import_text(&format!("{STORY}{LEAD}"), "t.txt", &ctx);
        assert_eq!(none.front.outlet, "", "never a made-up \"Unknown\"");
        assert!(none.front.review.contains("outlet"));
    }

    #[test]
    fn a_copyright_line_or_a_closing_masthead_names_an_unknown_site() {
        let proposed = |tail: &str| outlet_of(&format!("{STORY}{LEAD}{tail}")).0;
        assert_eq!(
            proposed("© 2001 - 2024 Harbour Courant (www.harbourcourant.example)\n"),
            "Harbour Courant",
            "the name of the address beside it"
        );
        assert_eq!(
            proposed("Copyright © 2024 Valley Gazette. All Rights Reserved.\n"),
            "Valley Gazette"
        );
        // The holder after the notice, and notices in the page's own language.
        assert_eq!(
            proposed("© All rights reserved. HarbourNews\n"),
            "HarbourNews"
        );
        assert_eq!(
            proposed("Hak Cipta © 2024 - Valley Gazette,hak cipta dilindungi undang-undang\n"),
            "Valley Gazette"
        );
        // A person's copyright on a photo is no site's name.
        assert_eq!(proposed("© 2024 Jane Doe\n"), "");
        assert_eq!(proposed("Photo © Jane Doe\n"), "");
        assert_eq!(proposed("© Jane Doe/Harbour Pictures\n"), "");
        // The paper signing off its story on the last line.
        assert_eq!(proposed("The Valley DAILY POST\n"), "The Valley DAILY POST");
        assert_eq!(proposed("Share this story\n"), "");
    }

    #[test]
    fn credits_run_into_bylines_stamps_datelines_and_closing_lines_name_the_outlet() {
        // A byline's outlet after the name with no comma between.
        let text = format!("{STORY}Jane Doe Reuters\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "Reuters");
        // A stamp with its source's address after it.
        let text = format!("{STORY}Mon, 25 Jul 2022 Source: www.harbourweb.example\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "harbourweb.example");
        // A dateline's day, then who filed it.
        let text = format!("{STORY}Portville, August 28, Hana: {LEAD}");
        assert_eq!(outlet_of(&text).0, "Hana");
        // A site by its address and the agency it took the story from, closing the text; a
        // photographer's credit does not count.
        let text = format!("{STORY}{LEAD}Harbourradio.example/PAP\n");
        assert_eq!(outlet_of(&text).0, "Polish Press Agency");
        let text = format!("{STORY}{LEAD}Jane Doe/PAP\n");
        assert_ne!(outlet_of(&text).0, "Polish Press Agency");
        // A copyright line naming the site by its address.
        let text =
            format!("{STORY}{LEAD}Copyright © 2022 Harbourweb.example - All rights reserved\n");
        assert_eq!(outlet_of(&text).0, "Harbourweb.example");
    }

    #[test]
    fn a_newsroom_its_sources_talk_to_names_the_outlet() {
        let told = |name: &str| {
            outlet_of(&format!(
                "{STORY}{LEAD}\"We will appeal,\" the line's chief executive told {name}.\n\n"
            ))
            .0
        };
        // A name no outlets file knows, proposed; a known newspaper or wire, weakly.
        assert_eq!(told("the Harbour Daily Times"), "Harbour Daily Times");
        assert_eq!(told("HarbourNews"), "HarbourNews");
        assert_eq!(told("The Irish Times"), "The Irish Times");
        assert_eq!(told("AFP"), "Agence France-Presse");
        // Not a newsroom's name: a person, a body.
        assert_eq!(told("Jane Doe"), "");
        assert_eq!(told("Parliament"), "");
        // A newsroom by its reporter, even by its initials; initials alone are anyone's.
        assert_eq!(told("VHR's Jane Doe"), "VHR");
        assert_eq!(told("HarbourNews's Jane Doe"), "HarbourNews");
        assert_eq!(told("VHR"), "");
        let statement = format!(
            "{STORY}{LEAD}The port authority said in a statement to Valley News that it would \
            appeal.\n\n"
        );
        assert_eq!(outlet_of(&statement).0, "Valley News");
    }

    #[test]
    fn an_unknown_datelines_credit_outweighs_a_list_of_officials_affiliations() {
        let text = format!(
            "Central bankers weigh the next move\n\nBy Jane Doe – FRANKFURT (Harbourstream) – \
            The following is an overview of recent comments by policymakers.\n\n\
            Doe (European Central Bank)\n\nRoe (European Central Bank)\n\n{LEAD}"
        );
        assert_eq!(outlet_of(&text).0, "Harbourstream");
        // A titled place with its region, and a site credited by its address.
        let text =
            format!("{STORY}Portville, Harbour Region, Valeria (harbourgov.example) - {LEAD}");
        assert_eq!(outlet_of(&text).0, "harbourgov.example");
    }

    #[test]
    fn a_known_wire_and_its_place_on_a_line_of_their_own_credit_the_story() {
        let ctx = ImportContext::with_defaults(&[]);
        let more = "The line said it would appeal against the fine in the courts.\n\n";
        let got = import_text(
            &format!("Xinhua (Portville)\n\n{LEAD}{more}"),
            "t.txt",
            &ctx,
        );
        assert_eq!(got.front.outlet, "Xinhua News Agency");
        assert_ne!(
            got.front.title, "Xinhua (Portville)",
            "a credit is no headline"
        );
    }

    #[test]
    fn an_outlet_before_a_stamps_date_filed_the_story() {
        for stamp in ["Reuters 02 Mar 2021", "Reuters | March 2, 2021"] {
            let (outlet, _) = outlet_of(&format!("{STORY}{stamp}\n\n{LEAD}"));
            assert_eq!(outlet, "Reuters", "{stamp}");
        }
        // The credit leading the fields a page prints under its headline, none of them prose.
        let fields =
            "Reuters | Portville | Updated: 28-09-2020 22:58 IST | Created: 28-09-2020 22:49 IST";
        let text = format!("{STORY}{fields}\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "Reuters");
        let got = import_text(&text, "t.txt", &ImportContext::with_defaults(&[]));
        assert!(!got.body.contains("Updated"), "{}", got.body);
        // A name before the date that no registry knows credits nobody.
        let (outlet, _) = outlet_of(&format!("{STORY}Monday 02 Mar 2021\n\n{LEAD}"));
        assert_eq!(outlet, "");
    }

    #[test]
    fn an_unknown_papers_masthead_lead_credit_or_two_named_dateline_is_proposed() {
        let cases = [
            format!("Valley Standard\n\n{STORY}{LEAD}"),
            format!("Evening Sun\n\n{STORY}{LEAD}"),
            format!("{STORY}Valley Mirror: {LEAD}"),
            format!("{STORY}ANKARA, (Valley Wire / Coast News - 2nd Oct, 2019 ) :{LEAD}"),
            format!("{STORY}(Harbour News)–{LEAD}"),
            format!("VHR News\n\n{LEAD}The line said it would appeal the fine.\n"),
            format!("{STORY}Portville, (Coast Daily)-{LEAD}"),
        ];
        let want = [
            "Valley Standard",
            "Evening Sun",
            "Valley Mirror",
            "Valley Wire",
            "Harbour News",
            "VHR News",
            "Coast Daily",
        ];
        for (text, want) in cases.iter().zip(want) {
            let (outlet, _) = outlet_of(text);
            assert_eq!(outlet, want, "{text}");
        }
        // A page's label is not a paper's name, nor a place crediting the lead.
        for text in [
            format!("Press Release\n\n{STORY}{LEAD}"),
            format!("{STORY}Valley Harbour: {LEAD}"),
            format!("{STORY}(UPDATED)– {LEAD}"),
            format!("{STORY}(Jane Doe)– {LEAD}"),
        ] {
            assert_eq!(outlet_of(&text).0, "", "{text}");
        }
    }

    #[test]
    fn a_lead_opening_with_its_outlet_and_a_desks_reporters_name_the_outlet() {
        let cases = [
            format!("{STORY}Reuters: {LEAD}"),
            format!("{STORY}Reuters, Portville, May 28 (Reporter Jane Doe) {LEAD}"),
            format!("{STORY}By Reuters reporters\n\n{LEAD}"),
        ];
        for text in &cases {
            assert_eq!(outlet_of(text).0, "Reuters", "{text}");
        }
        // A photo's credit is not the lead's.
        let (outlet, _) = outlet_of(&format!("{STORY}Photo: Reuters\n\n{LEAD}"));
        assert_eq!(outlet, "");
    }

    #[test]
    fn a_tab_title_above_the_printed_headline_names_the_site_past_its_date() {
        let headline = STORY.trim_end();
        for tab in [" - Reuters", " | World | Reuters | 14.02.2011"] {
            let text = format!("{headline}{tab}\n\n{STORY}{LEAD}");
            assert_eq!(outlet_of(&text).0, "Reuters", "{text}");
        }
        // A headline's own dash is not a site's: `- Mayor` names nobody.
        let text = format!("{headline} - Mayor\n\n{STORY}{LEAD}");
        assert_eq!(outlet_of(&text).0, "");
    }

    #[test]
    fn a_byline_three_paragraphs_into_a_bylined_story_opens_a_teaser_not_this_story() {
        let body = format!("{LEAD}\n{LEAD}\n{LEAD}\n");
        let teaser = "By John Roe\n\nThe ministry has opened an inquiry into the port.\n";
        let text = format!("{STORY}By Jane Doe\n\n{body}{teaser}");
        assert_eq!(byline_of(&text), ["Jane Doe"]);
        // With no byline above the story, the one closing it is its writer's; a wire's credit
        // in brackets closes a story with a byline above it too.
        let text = format!("{STORY}{body}By Jane Doe\n");
        assert_eq!(byline_of(&text), ["Jane Doe"]);
        let text = format!("{STORY}By:Mining.com\n\n{body}(By Jane Doe; Editing by John Roe)\n");
        assert_eq!(byline_of(&text), ["Jane Doe"]);
    }

    #[test]
    fn a_byline_in_another_language_with_its_stamp_names_the_writer_or_the_site() {
        let stamp = "le Vendredi 8 Mars 2024 à 21:52 | | 0 commentaire(s)|";
        let text = format!("{STORY}Rédigé par Jane Doe {stamp}\n\n{LEAD}");
        assert_eq!(byline_of(&text), ["Jane Doe"]);
        let ctx = ImportContext::with_defaults(&[]);
        let got = import_text(&text, "t.txt", &ctx);
        assert_eq!(
            got.front.date.map(|d| d.to_string()).as_deref(),
            Some("2024-03-08")
        );
        let text = format!("{STORY}Rédigé par valleynews.net {stamp}\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "valleynews.net");
        assert!(byline_of(&text).is_empty());
    }

    #[test]
    fn a_papers_name_over_the_stamp_names_it_and_a_navigation_label_does_not() {
        let text = format!("{STORY}Valley Today\n\npublish date 2023-07-20 09:11:56\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "Valley Today");
        let text = format!("More In News\n\n{STORY}{LEAD}");
        assert_eq!(outlet_of(&text).0, "");
        let text = format!("Valley News\n\n{STORY}{LEAD}");
        assert_eq!(outlet_of(&text).0, "Valley News");
    }

    #[test]
    fn a_papers_name_heading_the_stamp_line_names_it() {
        let text = format!("Valley Daily - 2 October 2024\n\n{STORY}{LEAD}");
        assert_eq!(outlet_of(&text).0, "Valley Daily");
        let text = format!("{STORY}Published - 2 October 2024\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "");
    }

    #[test]
    fn a_writer_with_an_aggregators_link_label_run_on_is_the_byline() {
        let text = format!("{STORY}Jane DoeRead original\nShare\n\n{LEAD}");
        assert_eq!(byline_of(&text), ["Jane Doe"]);
    }

    #[test]
    fn a_name_alone_over_the_stamp_below_a_preview_is_the_writer() {
        let preview = "Port regulators fined the shipping line on Monday for a fuel spill...\n\n";
        let text = format!("{STORY}{LEAD}{preview}Jane Doe\n\nDecember 31, 2019\n\n17:05 GMT\n");
        assert_eq!(byline_of(&text), ["Jane Doe"]);
        // Not when the story has its byline already.
        let text = format!("{STORY}By John Roe\n\n{LEAD}{preview}Jane Doe\n\nDecember 31, 2019\n");
        assert_eq!(byline_of(&text), ["John Roe"]);
    }

    #[test]
    fn a_byline_glued_to_its_colon_names_the_writer_or_the_outlet() {
        assert_eq!(
            byline_of(&format!("{STORY}By:Jane Doe\n\n{LEAD}")),
            ["Jane Doe"]
        );
        let text = format!("{STORY}By:Mining.com\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "Mining.com");
        assert!(byline_of(&text).is_empty());
    }

    #[test]
    fn a_feeds_credit_line_with_its_place_or_a_story_from_line_names_the_paper() {
        for (credit, want) in [
            ("From Valley Ledger, Portville\n\n", "Valley Ledger"),
            ("Story from the Valley Ledger\n\n", "Valley Ledger"),
            ("From Premium Times, Portville\n\n", "Premium Times"),
            ("Story from the Premium Times\n\n", "Premium Times"),
            ("From Jane Doe, Portville\n\n", ""),
        ] {
            let text = format!("{STORY}{credit}{LEAD}");
            assert_eq!(outlet_of(&text).0, want, "{credit}");
        }
        let text = format!("{STORY}{LEAD}Read full story in Valley Ledger.\n");
        assert_eq!(outlet_of(&text).0, "Valley Ledger");
    }

    #[test]
    fn an_outlets_name_in_capitals_opening_the_lead_or_a_capitals_month_in_the_dateline() {
        let text = format!("{STORY}PRESS ASSOCIATION -- {LEAD}");
        assert_eq!(outlet_of(&text).0, "PA Media");
        let text = format!("{STORY}PORTVILLE -- {LEAD}");
        assert_eq!(outlet_of(&text).0, "");
        let text = format!("{STORY}PORTVILLE, NOV 06 (VLN) — {LEAD}");
        assert_eq!(outlet_of(&text).0, "VLN");
        let text = format!("{STORY}Date:\n\nFebruary 15, Portville (VLN): {LEAD}");
        assert_eq!(outlet_of(&text).0, "VLN");
    }

    #[test]
    fn a_blogs_empty_post_meta_is_not_the_lead() {
        let text = format!("{STORY}/0 Comments/in , , /by\n\nHARBOUR- Reuters : {LEAD}");
        assert_eq!(outlet_of(&text).0, "Reuters");
    }

    #[test]
    fn a_closing_credit_of_where_the_story_was_published_first() {
        let long_lead = LEAD.trim_end().repeat(5);
        let cases = [
            format!("{STORY}{long_lead} To read the original story by Reuters's Tokyo Desk, click here.\n"),
            format!("{STORY}{LEAD}Published in Reuters, December 24th, 2015.\n"),
            format!("{STORY}{long_lead} Die Übergabe soll am 25. Mai stattfinden. Reuters/nd\n"),
        ];
        for text in &cases {
            assert_eq!(outlet_of(text).0, "Reuters", "{text}");
        }
        // A feed's `from` goes on to no date: `From Reuters, the court…` is a sentence.
        let text = format!("{STORY}{LEAD}From Reuters, the court heard, came the first report.\n");
        assert_eq!(outlet_of(&text).0, "");
        // Initials after a slash that closes no sentence are a path, not a credit.
        let text = format!("{STORY}{LEAD}See the court's page at Reuters/nd\n");
        assert_eq!(outlet_of(&text).0, "");
    }

    #[test]
    fn a_site_no_registry_knows_after_the_tab_titles_headline_is_proposed() {
        let text =
            format!("Regulators fine shipping line over fuel spill | Valley Courier\n\n{LEAD}");
        let got = import_text(&text, "t.txt", &ImportContext::with_defaults(&[]));
        assert_eq!(got.front.outlet, "Valley Courier");
        assert!(
            got.front.review.contains("outlet"),
            "{:?}",
            got.front.review
        );
        // A section's name there is no site's.
        let text = format!("Regulators fine shipping line over fuel spill | Opinion\n\n{LEAD}");
        assert_eq!(outlet_of(&text).0, "");
    }

    #[test]
    fn an_organisation_and_its_place_beside_the_stamp_filed_the_story() {
        let known = format!("{STORY}6 January 2022\nReuters (Portville)\n\n{LEAD}");
        assert_eq!(outlet_of(&known).0, "Reuters");
        let unknown =
            format!("{STORY}6 January 2022\nHarbour Federation of Rowing (Portville)\n\n{LEAD}");
        assert_eq!(outlet_of(&unknown).0, "Harbour Federation of Rowing");
        // A person and a place is a byline.
        let person = format!("{STORY}6 January 2022\nJane Doe (Portville)\n\n{LEAD}");
        assert_ne!(outlet_of(&person).0, "Jane Doe");
    }
}
