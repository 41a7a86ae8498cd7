//! Markdown → HTML with pulldown-cmark; fenced code is highlighted by syntect with CSS classes.
//! The syntax definitions are loaded only when the first code block needs them. Content is not
//! trusted to run code in a reader's browser: link and image addresses may only be http(s), mailto
//! or relative, and a text with raw HTML in it goes through an allow-list sanitizer (ammonia),
//! unless the book sets `allow_unsafe_html`. Text without raw HTML, nearly all of it, costs
//! nothing more.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Whether a link or image address may be published: http(s), mailto, or relative (a path, a
/// fragment, a query). `javascript:`, `data:`, `vbscript:` and every other scheme may not.
pub fn safe_url(url: &str) -> bool {
    let url = url.trim_start();
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url[i..].starts_with(':') => {
            let scheme = url[..i].to_ascii_lowercase();
            // Browsers ignore tabs and newlines inside a scheme (`java\tscript:`).
            let scheme: String = scheme.chars().filter(|c| !c.is_whitespace()).collect();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Whether an address from front matter or a YAML file (an article's `url`, an outlet's
/// `homepage`) may be published as a link: an absolute http(s) address, nothing else.
pub fn is_web_url(url: &str) -> bool {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.contains(['"', '<', '>'])
}

/// The allow-list for raw HTML in content: what Markdown itself produces, plus figures, details,
/// marks and spans with classes; no scripts, styles, event handlers, forms or frames, and only
/// http(s), mailto and relative addresses.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_tags([
                "figure",
                "figcaption",
                "details",
                "summary",
                "mark",
                "section",
            ])
            .add_generic_attributes(["class", "id", "role", "aria-label"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tags(["input"])
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .link_rel(None)
            .attribute_filter(|_, attribute, value| {
                // Table alignment is the only style content writes; nothing that loads a URL.
                if attribute == "style" && !value.starts_with("text-align:") {
                    None
                } else {
                    Some(value.into())
                }
            });
        builder
    })
}

/// Renders Markdown to HTML. Holds the lazily loaded syntax set, so share one per build.
#[derive(Default)]
pub struct Markdown {
    /// Publish raw HTML and any link scheme as written (`allow_unsafe_html` in the config).
    allow_unsafe_html: bool,
    syntaxes: OnceLock<SyntaxSet>,
    /// Highlighted code blocks by language and code: the article page and the printable book
    /// print the same block, and highlighting is the slowest step of rendering Markdown.
    highlighted: Mutex<HashMap<CodeBlock, Arc<str>>>,
}

/// A fenced code block: its language and its code.
type CodeBlock = (Box<str>, Box<str>);

impl Markdown {
    /// A renderer; `allow_unsafe_html` publishes raw HTML and any link scheme as written.
    pub fn new(allow_unsafe_html: bool) -> Self {
        Markdown {
            allow_unsafe_html,
            ..Markdown::default()
        }
    }

    /// The dialect's parser options (see [`crate::dialect`]).
    pub fn options() -> Options {
        crate::dialect::options()
    }

    /// Renders `source` to HTML.
    pub fn to_html(&self, source: &str) -> String {
        let mut html = String::with_capacity(source.len() * 3 / 2);
        self.push_events(&mut html, Parser::new_ext(source, Self::options()));
        html
    }

    /// Writes parsed events of content as HTML, highlighting fenced code; raw HTML among them is
    /// the content's own, and is sanitized.
    pub fn push_events<'e>(&self, html: &mut String, events: impl Iterator<Item = Event<'e>>) {
        self.push(html, events, None);
    }

    /// Writes events that mix content with markup of our own (annotation marks, sidenotes), so
    /// their raw HTML cannot tell whose it is: `content_has_html` says whether the content had
    /// any, in which case the whole output goes through the sanitizer, whose allow-list keeps
    /// our markup.
    pub fn push_mixed_events<'e>(
        &self,
        html: &mut String,
        events: impl Iterator<Item = Event<'e>>,
        content_has_html: bool,
    ) {
        self.push(html, events, Some(content_has_html));
    }

    fn push<'e>(
        &self,
        html: &mut String,
        events: impl Iterator<Item = Event<'e>>,
        content_has_html: Option<bool>,
    ) {
        let mut code: Option<(String, String)> = None;
        let start = html.len();
        let safe = !self.allow_unsafe_html;
        let mut raw_html = content_has_html.unwrap_or(false);
        let events = events.filter_map(|event| match event {
            Event::Html(_) | Event::InlineHtml(_) if safe && content_has_html.is_none() => {
                raw_html = true;
                Some(event)
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if safe && !safe_url(&dest_url) => Some(Event::Start(Tag::Link {
                link_type,
                dest_url: "#".into(),
                title,
                id,
            })),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if safe && !safe_url(&dest_url) => Some(Event::Start(Tag::Image {
                link_type,
                dest_url: "".into(),
                title,
                id,
            })),
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
                None
            }
            Event::Text(text) if code.is_some() => {
                code.as_mut().expect("checked above").1.push_str(&text);
                None
            }
            Event::End(TagEnd::CodeBlock) => {
                let (language, text) = code.take().unwrap_or_default();
                Some(Event::Html(
                    self.highlighted(language, text).to_string().into(),
                ))
            }
            other => Some(other),
        });
        pulldown_cmark::html::push_html(html, events);
        if raw_html && safe {
            let clean = sanitizer().clean(&html[start..]).to_string();
            html.truncate(start);
            html.push_str(&clean);
        }
    }

    /// Renders Markdown that should sit inline (a one-line note): drops the wrapping paragraph.
    pub fn to_inline_html(&self, source: &str) -> String {
        let html = self.to_html(source);
        let trimmed = html.trim_end();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|s| s.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => html,
        }
    }

    /// [`Self::highlight`], once per distinct block.
    fn highlighted(&self, language: String, code: String) -> Arc<str> {
        let key = (language.into_boxed_str(), code.into_boxed_str());
        let cached = |cache: &HashMap<CodeBlock, Arc<str>>| cache.get(&key).cloned();
        if let Some(html) = self.highlighted.lock().ok().and_then(|c| cached(&c)) {
            return html;
        }
        let html: Arc<str> = self.highlight(&key.0, &key.1).into();
        if let Ok(mut cache) = self.highlighted.lock() {
            cache.insert(key, html.clone());
        }
        html
    }

    fn highlight(&self, language: &str, code: &str) -> String {
        let escaped_language = escape_attribute(language);
        if language.is_empty() {
            return format!(
                "<pre class=\"code\"><code>{}</code></pre>\n",
                escape_text(code)
            );
        }
        let syntaxes = self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines);
        let Some(syntax) = syntaxes.find_syntax_by_token(language) else {
            return format!(
                "<pre class=\"code\" data-lang=\"{escaped_language}\"><code>{}</code></pre>\n",
                escape_text(code)
            );
        };
        let mut generator = ClassedHTMLGenerator::new_with_class_style(
            syntax,
            syntaxes,
            ClassStyle::SpacedPrefixed { prefix: "hl-" },
        );
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return format!(
                    "<pre class=\"code\" data-lang=\"{escaped_language}\"><code>{}</code></pre>\n",
                    escape_text(code)
                );
            }
        }
        format!(
            "<pre class=\"code\" data-lang=\"{escaped_language}\"><code>{}</code></pre>\n",
            generator.finalize()
        )
    }
}

/// Escapes text for HTML element content.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html_body_text(&mut out, text)
        .expect("writing to a String cannot fail");
    out
}

/// Escapes text for a double-quoted HTML attribute.
pub fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_handlers_and_unsafe_addresses_never_reach_the_page() {
        let md = Markdown::default();
        let html = md.to_html(
            "Hi <script>alert(1)</script> <img src=x onerror=\"alert(2)\"> \
             [click](javascript:alert(3)) [ok](https://example.org/a) ![p](data:image/png,AA)\n\n\
             <a href=\"JaVa\tScript:alert(4)\">x</a> <iframe src=\"https://evil.example\"></iframe>\n",
        );
        for bad in [
            "<script",
            "alert(1)",
            "onerror",
            "javascript:",
            "JaVa",
            "data:",
            "<iframe",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(
            html.contains("<a href=\"https://example.org/a\">ok</a>"),
            "{html}"
        );
        assert!(html.contains("<a href=\"#\">click</a>"), "{html}");
    }

    #[test]
    fn safe_markup_stays_and_the_book_may_opt_out() {
        let md = Markdown::default();
        let source = "<details><summary>More</summary>\n\n<span class=\"x\">Text</span>\n\n\
                      </details>\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n";
        let html = md.to_html(source);
        for kept in [
            "<details>",
            "<summary>More</summary>",
            "<span class=\"x\">",
            "text-align",
        ] {
            assert!(html.contains(kept), "{kept} lost in {html}");
        }
        let unsafe_md = Markdown::new(true);
        assert!(unsafe_md
            .to_html("<script>ok()</script>\n")
            .contains("<script>ok()</script>"));
        assert!(unsafe_md
            .to_html("[x](javascript:ok())")
            .contains("javascript:ok()"));
    }

    #[test]
    fn only_http_mailto_and_relative_addresses_are_safe() {
        for url in [
            "https://a.example",
            "http://a",
            "mailto:x@y.z",
            "/a/b",
            "b.html",
            "#n",
            "?q=1",
        ] {
            assert!(safe_url(url), "{url}");
        }
        for url in [
            "javascript:x",
            " JAVASCRIPT:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc",
        ] {
            assert!(!safe_url(url), "{url}");
        }
        assert!(is_web_url("https://example.org/a"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("/relative"));
    }

    #[test]
    fn tables_footnotes_strikethrough_and_smart_quotes() {
        let md = Markdown::default();
        let html =
            md.to_html("\"Hi\" -- ~~no~~[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: note\n");
        assert!(html.contains("“Hi” –"), "{html}");
        assert!(html.contains("<del>no</del>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn fenced_code_gets_css_classes_not_inline_styles() {
        let md = Markdown::default();
        let html = md.to_html("```rust\nfn main() {}\n```\n");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_languages_and_plain_blocks_are_escaped() {
        let md = Markdown::default();
        let html = md.to_html("```nosuchlang\n<script>\n```\n\n    <b>\n");
        assert!(
            html.contains("&lt;script&gt;") && html.contains("&lt;b&gt;"),
            "{html}"
        );
        assert!(
            md.syntaxes.get().is_some(),
            "the fenced block with a language loaded syntaxes"
        );
    }

    #[test]
    fn syntaxes_stay_unloaded_without_code() {
        let md = Markdown::default();
        md.to_html("Just *prose*.\n");
        assert!(md.syntaxes.get().is_none());
    }

    #[test]
    fn a_block_is_highlighted_once_and_languages_are_kept_apart() {
        let md = Markdown::default();
        let rust = md.to_html("```rust\nfn main() {}\n```\n");
        assert_eq!(md.to_html("```rust\nfn main() {}\n```\n"), rust);
        let python = md.to_html("```python\nfn main() {}\n```\n");
        assert!(python.contains("data-lang=\"python\""), "{python}");
        assert_ne!(python, rust);
        assert_eq!(md.highlighted.lock().unwrap().len(), 2);
    }
}
