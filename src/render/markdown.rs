//! Markdown → HTML with pulldown-cmark; fenced code is highlighted by syntect with CSS classes.
//! The syntax definitions are loaded only when the first code block needs them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Renders Markdown to HTML. Holds the lazily loaded syntax set, so share one per build.
#[derive(Default)]
pub struct Markdown {
    syntaxes: OnceLock<SyntaxSet>,
    /// Highlighted code blocks by language and code: the article page and the printable book
    /// print the same block, and highlighting is the slowest step of rendering Markdown.
    highlighted: Mutex<HashMap<CodeBlock, Arc<str>>>,
}

/// A fenced code block: its language and its code.
type CodeBlock = (Box<str>, Box<str>);

impl Markdown {
    pub fn options() -> Options {
        Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_SMART_PUNCTUATION
            | Options::ENABLE_HEADING_ATTRIBUTES
    }

    /// Renders `source` to HTML.
    pub fn to_html(&self, source: &str) -> String {
        let mut html = String::with_capacity(source.len() * 3 / 2);
        self.push_events(&mut html, Parser::new_ext(source, Self::options()));
        html
    }

    /// Writes parsed (possibly transformed) events as HTML, highlighting fenced code.
    pub fn push_events<'e>(&self, html: &mut String, events: impl Iterator<Item = Event<'e>>) {
        let mut code: Option<(String, String)> = None;
        let events = events.filter_map(|event| match event {
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
