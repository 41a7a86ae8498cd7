//! Fetch: downloads article pages and feeds over HTTP(S) for import — redirects followed, a
//! timeout, a size cap, a User-Agent that names briefbook, one retry of a server error, a few
//! requests per host at once — and decodes each body to UTF-8 in the charset the server or the
//! page declares, so the rest of import sees text exactly as it would from a saved page.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use super::files::MAX_INPUT_BYTES;

/// How import talks to web servers.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// Longest a whole request may take, from connecting to the last byte.
    pub timeout: Duration,
    /// Requests to one host at once: enough to be quick, few enough to be polite.
    pub per_host: usize,
    /// Requests at once in all.
    pub parallel: usize,
    /// Bodies larger than this are refused.
    pub max_bytes: u64,
    /// Wait before asking again after a server error.
    pub retry_pause: Duration,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            timeout: Duration::from_secs(30),
            per_host: 2,
            parallel: 8,
            max_bytes: MAX_INPUT_BYTES,
            retry_pause: Duration::from_millis(500),
        }
    }
}

/// A page or feed as fetched, decoded to UTF-8.
#[derive(Debug, Clone)]
pub(crate) struct Fetched {
    /// The address after redirects.
    pub url: String,
    /// The media type the server declared, lower-cased, without parameters (may be empty).
    pub media_type: String,
    pub text: String,
    /// When the answer came (RFC 3339, UTC, to the second).
    pub fetched_at: String,
    /// Set when bytes were not valid in the page's charset.
    pub warning: Option<String>,
}

impl Fetched {
    /// Whether the server called it a web page (or said nothing and it starts like one).
    pub fn is_html(&self) -> bool {
        matches!(
            self.media_type.as_str(),
            "text/html" | "application/xhtml+xml"
        ) || (self.media_type.is_empty() && looks_like_html(&self.text))
    }
}

fn looks_like_html(text: &str) -> bool {
    let head = text[..text.floor_char_boundary(text.len().min(1024))].to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html")
}

/// Fetches addresses; its HTTP agent is made on the first fetch, so a run of files alone never
/// pays for it.
pub(crate) struct Fetcher {
    agent: std::sync::OnceLock<ureq::Agent>,
    config: FetchConfig,
}

/// What briefbook says it is to every server it asks.
fn user_agent() -> String {
    format!(
        "briefbook/{} (briefing-book article import)",
        env!("CARGO_PKG_VERSION")
    )
}

impl Fetcher {
    pub fn new(config: FetchConfig) -> Fetcher {
        Fetcher {
            agent: std::sync::OnceLock::new(),
            config,
        }
    }

    fn agent(&self) -> &ureq::Agent {
        self.agent.get_or_init(|| {
            let config = &self.config;
            ureq::Agent::config_builder()
                .http_status_as_error(false)
                .max_redirects(10)
                .user_agent(user_agent())
                .accept(
                    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,\
                 application/feed+json,application/xml;q=0.9,*/*;q=0.5",
                )
                .timeout_global(Some(config.timeout))
                .timeout_connect(Some(config.timeout.min(Duration::from_secs(10))))
                .build()
                .new_agent()
        })
    }

    /// Fetches one address, asking once more after a server error (5xx).
    pub fn fetch(&self, url: &str) -> Result<Fetched, String> {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err("not a web address: only http:// and https:// can be fetched".into());
        }
        match self.fetch_once(url) {
            Err(Failure::Server(_)) => {
                std::thread::sleep(self.config.retry_pause);
                self.fetch_once(url).map_err(|failure| match failure {
                    Failure::Server(message) => format!("{message}, also when asked again"),
                    Failure::Other(message) => message,
                })
            }
            other => other.map_err(Failure::into_message),
        }
    }

    fn fetch_once(&self, url: &str) -> Result<Fetched, Failure> {
        use ureq::ResponseExt;
        let mut response = self
            .agent()
            .get(url)
            .call()
            .map_err(|e| Failure::Other(self.describe(e)))?;
        let status = response.status();
        if !status.is_success() {
            let reason = status.canonical_reason().unwrap_or("");
            let said = format!("the server answered {} {reason}", status.as_u16());
            return Err(match status.as_u16() {
                404 | 410 => Failure::Other(format!(
                    "{said}: there is no page at this address (check it, or find where it moved)"
                )),
                500..=599 => Failure::Server(said),
                _ => Failure::Other(said),
            });
        }
        let final_url = response.get_uri().to_string();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.config.max_bytes)
            .read_to_vec()
            .map_err(|e| Failure::Other(self.describe(e)))?;
        let fetched_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let (text, warning) = decode(&bytes, &content_type);
        Ok(Fetched {
            url: final_url,
            media_type: media_type(&content_type),
            text,
            fetched_at,
            warning,
        })
    }

    /// A sentence for what went wrong, saying what to do where anything can be done.
    fn describe(&self, error: ureq::Error) -> String {
        match error {
            ureq::Error::HostNotFound => {
                "the host name was not found (DNS): check the address".to_string()
            }
            ureq::Error::ConnectionFailed => {
                "the connection failed: nothing answers at this address".to_string()
            }
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
                "the connection was refused: nothing answers at this address".to_string()
            }
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => self.timed_out(),
            ureq::Error::Timeout(_) => self.timed_out(),
            ureq::Error::BodyExceedsLimit(_) => format!(
                "refused: the page is larger than the {} MB an article can be",
                self.config.max_bytes / 1_048_576
            ),
            ureq::Error::TooManyRedirects => "too many redirects (more than 10)".to_string(),
            ureq::Error::BadUri(uri) => format!("not a valid address: {uri}"),
            other => format!("the request failed: {other}"),
        }
    }

    fn timed_out(&self) -> String {
        format!(
            "no complete answer within {} s (timeout): try again later, or raise --timeout",
            self.config.timeout.as_secs_f32()
        )
    }

    /// Fetches every address, a few at once and at most `per_host` from one host; results in
    /// the order of `urls`.
    pub fn fetch_all(&self, urls: &[String]) -> Vec<Result<Fetched, String>> {
        let hosts: Vec<String> = urls.iter().map(|u| host_key(u)).collect();
        let schedule = Schedule {
            state: Mutex::new(ScheduleState {
                started: vec![false; urls.len()],
                in_flight: HashMap::new(),
            }),
            changed: Condvar::new(),
        };
        let results: Vec<Mutex<Option<Result<Fetched, String>>>> =
            urls.iter().map(|_| Mutex::new(None)).collect();
        let workers = self.config.parallel.clamp(1, urls.len().max(1));
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    while let Some(i) = schedule.next(&hosts, self.config.per_host) {
                        let result = self.fetch(&urls[i]);
                        *results[i].lock().expect("no fetch panics") = Some(result);
                        schedule.done(&hosts[i]);
                    }
                });
            }
        });
        results
            .into_iter()
            .map(|slot| {
                slot.into_inner()
                    .expect("no fetch panics")
                    .expect("every address is fetched")
            })
            .collect()
    }
}

/// Why a request failed, kept apart when asking again may help.
enum Failure {
    Server(String),
    Other(String),
}

impl Failure {
    fn into_message(self) -> String {
        match self {
            Failure::Server(message) | Failure::Other(message) => message,
        }
    }
}

/// Which request starts next: the first not started whose host has room.
struct Schedule {
    state: Mutex<ScheduleState>,
    changed: Condvar,
}

struct ScheduleState {
    started: Vec<bool>,
    in_flight: HashMap<String, usize>,
}

impl Schedule {
    fn next(&self, hosts: &[String], per_host: usize) -> Option<usize> {
        let mut state = self.state.lock().expect("no fetch panics");
        loop {
            if state.started.iter().all(|&s| s) {
                return None;
            }
            let ready = (0..hosts.len()).find(|&i| {
                !state.started[i] && state.in_flight.get(&hosts[i]).copied().unwrap_or(0) < per_host
            });
            if let Some(i) = ready {
                state.started[i] = true;
                *state.in_flight.entry(hosts[i].clone()).or_default() += 1;
                return Some(i);
            }
            state = self.changed.wait(state).expect("no fetch panics");
        }
    }

    fn done(&self, host: &str) {
        let mut state = self.state.lock().expect("no fetch panics");
        if let Some(n) = state.in_flight.get_mut(host) {
            *n = n.saturating_sub(1);
        }
        self.changed.notify_all();
    }
}

/// The host (with port) of an address, lower-cased: what the per-host limit counts.
fn host_key(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The charset a `Content-Type` value names, if any.
fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']))
    })
}

/// The charset a page or feed declares in its first bytes: `<meta charset=…>`,
/// `<meta http-equiv=Content-Type content="…; charset=…">` or `<?xml … encoding="…"?>`.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let value_after = |at: usize| -> Option<String> {
        let value: String = head[at..]
            .trim_start_matches(['"', '\'', ' '])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        (!value.is_empty()).then_some(value)
    };
    if head.trim_start().starts_with("<?xml") {
        let decl_end = head.find("?>").unwrap_or(head.len());
        if let Some(at) = head[..decl_end].find("encoding=") {
            return value_after(at + "encoding=".len());
        }
    }
    let mut from = 0;
    while let Some(at) = head[from..].find("<meta") {
        let start = from + at;
        let end = head[start..].find('>').map_or(head.len(), |e| start + e);
        if let Some(c) = head[start..end].find("charset=") {
            return value_after(start + c + "charset=".len());
        }
        from = end;
    }
    None
}

/// Decodes a body: a byte-order mark first, then the server's charset, then the page's own
/// declaration, else UTF-8. Bytes invalid in that charset become U+FFFD, with a warning.
pub(crate) fn decode(bytes: &[u8], content_type: &str) -> (String, Option<String>) {
    let known = |label: &str| encoding_rs::Encoding::for_label(label.trim().as_bytes());
    // A charset nobody knows (`charset=none`) counts as no charset said.
    let encoding = charset_param(content_type)
        .and_then(known)
        .or_else(|| declared_charset(bytes).as_deref().and_then(known))
        .unwrap_or(encoding_rs::UTF_8);
    let (text, used, had_errors) = encoding.decode(bytes);
    let warning = had_errors.then(|| {
        format!(
            "some bytes are not valid {}; they were replaced with \u{fffd}, check the text",
            used.name()
        )
    });
    (text.into_owned(), warning)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_charset_then_the_pages_decide() {
        let latin = b"<html><head><meta charset=\"iso-8859-1\"></head><p>Caf\xe9</p></html>";
        assert!(decode(latin, "text/html").0.contains("Café"));
        assert!(decode(b"<p>Caf\xe9</p>", "text/html; charset=windows-1252")
            .0
            .contains("Café"));
        let http_equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=EUC-KR\"><p>\xc7\xd1\xb1\xb9</p>";
        assert!(decode(http_equiv, "").0.contains("한국"));
        let xml =
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><title>Caf\xe9</title></rss>";
        assert!(decode(xml, "application/rss+xml").0.contains("Café"));
        let bogus = b"<meta charset=\"windows-1252\"><p>Caf\xe9</p>";
        assert!(decode(bogus, "text/html; charset=none").0.contains("Café"));
        let (text, warning) = decode(b"<p>Caf\xe9</p>", "text/html; charset=utf-8");
        assert!(text.contains('\u{fffd}'));
        assert!(warning.unwrap().contains("UTF-8"));
    }

    #[test]
    fn network_failures_say_what_happened() {
        // Tests never resolve outside names: the errors ureq reports are described directly.
        let fetcher = Fetcher::new(FetchConfig::default());
        assert!(fetcher
            .describe(ureq::Error::HostNotFound)
            .contains("host name was not found (DNS)"));
        assert!(fetcher
            .describe(ureq::Error::TooManyRedirects)
            .contains("too many redirects"));
        assert!(fetcher
            .fetch("ftp://example.org/a")
            .unwrap_err()
            .contains("only http:// and https://"));
    }

    #[test]
    fn hosts_are_counted_with_their_port() {
        assert_eq!(
            host_key("http://127.0.0.1:8080/a?b#c"),
            "127.0.0.1:8080".to_string()
        );
        assert_eq!(host_key("https://Example.org"), "example.org");
    }
}
