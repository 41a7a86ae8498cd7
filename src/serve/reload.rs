//! Live reload: the script the server injects into every HTML page it serves (never into
//! `build` output), the Server-Sent Events stream it listens to, and the error overlay.
//!
//! Each page carries the build id it was served with. On (re)connecting, the stream's first
//! event says the current id and error, so a tab that missed a rebuild, or outlived a server
//! restart, reloads itself.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use tokio::sync::broadcast;

/// Where the script listens for rebuilds.
pub const EVENTS_PATH: &str = "/__briefbook/events";

/// What the browsers are told.
#[derive(Debug, Clone)]
enum Notice {
    Reload,
    Css,
    Error,
    Fixed,
    Shutdown,
}

#[derive(Debug)]
struct Status {
    generation: u64,
    error: Option<String>,
}

/// The state shared by the rebuild loop (which announces) and the HTTP handlers (which listen).
#[derive(Debug)]
pub struct LiveReload {
    /// Distinguishes this server process from an earlier one on the same port.
    instance: u128,
    status: Mutex<Status>,
    sender: broadcast::Sender<Notice>,
}

impl Default for LiveReload {
    fn default() -> Self {
        let instance = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        LiveReload {
            instance,
            status: Mutex::new(Status {
                generation: 0,
                error: None,
            }),
            sender: broadcast::channel(16).0,
        }
    }
}

impl LiveReload {
    fn status(&self) -> std::sync::MutexGuard<'_, Status> {
        self.status.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn build_id(&self, status: &Status) -> String {
        format!("{}-{}", self.instance, status.generation)
    }

    /// New files are served: tabs reload, or only swap stylesheets when `css_only`.
    pub fn published(&self, css_only: bool) {
        let mut status = self.status();
        status.generation += 1;
        status.error = None;
        let _ = self.sender.send(if css_only {
            Notice::Css
        } else {
            Notice::Reload
        });
    }

    /// A rebuild succeeded without changing any served file: clear the overlay, keep the page.
    pub fn unchanged(&self) {
        let mut status = self.status();
        if status.error.take().is_some() {
            let _ = self.sender.send(Notice::Fixed);
        }
    }

    /// A rebuild failed: every tab shows `message` over the last good page.
    pub fn failed(&self, message: String) {
        self.status().error = Some(message);
        let _ = self.sender.send(Notice::Error);
    }

    /// Ends every event stream, so a graceful shutdown need not wait for open tabs.
    pub fn shutdown(&self) {
        let _ = self.sender.send(Notice::Shutdown);
    }

    /// The current error, if the last rebuild failed.
    pub fn error(&self) -> Option<String> {
        self.status().error.clone()
    }

    /// `html` with the live-reload script before `</body>` (or at the end).
    pub fn inject(&self, html: &[u8]) -> Vec<u8> {
        let status = self.status();
        let script = SCRIPT
            .replace("__BUILD__", &json(&self.build_id(&status)))
            .replace("__ERROR__", &json_option(status.error.as_deref()))
            .replace("__EVENTS__", EVENTS_PATH);
        drop(status);
        let tag = format!("<script>{script}</script>\n");
        let at = find_last(html, b"</body>").unwrap_or(html.len());
        let mut out = Vec::with_capacity(html.len() + tag.len());
        out.extend_from_slice(&html[..at]);
        out.extend_from_slice(tag.as_bytes());
        out.extend_from_slice(&html[at..]);
        out
    }

    fn event(&self, notice: &Notice) -> Event {
        let status = self.status();
        let data = serde_json::json!({
            "build": self.build_id(&status),
            "error": status.error,
        })
        .to_string();
        let name = match notice {
            Notice::Reload => "reload",
            Notice::Css => "css",
            Notice::Error => "failed",
            Notice::Fixed => "fixed",
            Notice::Shutdown => "bye",
        };
        Event::default().event(name).data(data)
    }
}

/// The Server-Sent Events endpoint: a `hello` with the current build id and error, then one
/// event per rebuild.
pub async fn events(
    State(live): State<Arc<LiveReload>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = live.sender.subscribe();
    let hello = {
        let status = live.status();
        let data = serde_json::json!({ "build": live.build_id(&status), "error": status.error });
        Event::default()
            .event("hello")
            .retry(Duration::from_millis(500))
            .data(data.to_string())
    };
    let stream = futures_util::stream::unfold(
        (Some(hello), receiver, live, false),
        |(hello, mut receiver, live, done)| async move {
            if done {
                return None;
            }
            if let Some(hello) = hello {
                return Some((Ok(hello), (None, receiver, live, false)));
            }
            let notice = match receiver.recv().await {
                Ok(notice) => notice,
                // Missed rebuilds: the tab is out of date, reload it.
                Err(broadcast::error::RecvError::Lagged(_)) => Notice::Reload,
                Err(broadcast::error::RecvError::Closed) => return None,
            };
            let end = matches!(notice, Notice::Shutdown);
            let event = live.event(&notice);
            Some((Ok(event), (None, receiver, live, end)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn json(text: &str) -> String {
    // Inside a script, `</script>` would end it early and `<!--` would start the HTML parser's
    // escaped-text state, where a later `<script>` keeps the real end tag from counting: every
    // `<` is written as `\u003c`, which JSON and JavaScript read as the same character.
    serde_json::to_string(text)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

fn json_option(text: Option<&str>) -> String {
    text.map_or_else(|| "null".to_string(), json)
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Reloads keeping the scroll position, swaps stylesheets, shows and hides the error overlay.
const SCRIPT: &str = r#"(function () {
  "use strict";
  var build = __BUILD__, error = __ERROR__;
  // The preview shows what only the editor needs: an article's fields under review, from the
  // queue the server keeps at /_review/ (a built site carries neither).
  function reviewBanner() {
    if (location.pathname.indexOf("/_review/") === 0) return;
    fetch("/_review/queue.json").then(function (r) { return r.json(); }).then(function (queue) {
      var here = location.pathname.replace(/^\//, "");
      queue.entries.forEach(function (entry) {
        if (entry.page !== here) return;
        var box = document.createElement("aside");
        box.className = "briefbook-review";
        box.setAttribute("aria-label", "Fields under review");
        box.style.cssText = "border-left:4px solid var(--accent,#b3541e);padding:.6rem 1rem;" +
          "margin:0 0 1.5rem;background:var(--surface,rgba(179,84,30,.08));font-size:.9rem";
        var head = document.createElement("strong");
        head.textContent = "Under review (shown only in the preview)";
        box.appendChild(head);
        var list = document.createElement("ul");
        list.style.margin = ".3rem 0";
        entry.items.forEach(function (item) {
          var li = document.createElement("li");
          li.textContent = item.field + (item.reason ? ": " + item.reason : "");
          list.appendChild(li);
        });
        box.appendChild(list);
        var link = document.createElement("a");
        link.href = "/_review/";
        link.textContent = "All open items";
        box.appendChild(link);
        (document.querySelector("article") || document.body).prepend(box);
      });
    }).catch(function () {});
  }
  if (document.readyState === "loading") addEventListener("DOMContentLoaded", reviewBanner);
  else reviewBanner();
  var key = "briefbook-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = parseInt(saved, 10);
    var restore = function () { window.scrollTo(0, y); };
    if (document.readyState === "complete") restore(); else addEventListener("load", restore);
  }
  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }
  function overlay(message) {
    var box = document.getElementById("briefbook-overlay");
    if (!box) {
      box = document.createElement("div");
      box.id = "briefbook-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,20,.92);color:#fff;padding:2rem;font:14px/1.5 ui-monospace,monospace";
      var title = document.createElement("strong");
      title.textContent = "briefbook: the last edit has an error; this is the last good page.";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;color:#ffb4a8;margin-top:1rem";
      box.appendChild(title);
      box.appendChild(pre);
      document.body.appendChild(box);
    }
    box.lastChild.textContent = message;
  }
  function clear() {
    var box = document.getElementById("briefbook-overlay");
    if (box) box.remove();
  }
  function swapStylesheets() {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("briefbook", Date.now());
      var fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.onload = function () { link.remove(); };
      link.after(fresh);
    });
  }
  if (error) {
    if (document.body) overlay(error);
    else addEventListener("DOMContentLoaded", function () { overlay(error); });
  }
  var source = new EventSource("__EVENTS__");
  function data(event) { return JSON.parse(event.data); }
  source.addEventListener("hello", function (event) {
    var now = data(event);
    if (now.build !== build) return reload();
    if (now.error) overlay(now.error); else clear();
  });
  source.addEventListener("reload", reload);
  source.addEventListener("css", function (event) {
    build = data(event).build;
    clear();
    swapStylesheets();
  });
  source.addEventListener("failed", function (event) { overlay(data(event).error); });
  source.addEventListener("fixed", clear);
})();
"#;

#[cfg(test)]
mod tests {
    use super::json;

    #[test]
    fn an_error_message_cannot_end_or_derail_the_injected_script() {
        let message = "bad <!--<script> and </script> in content";
        let encoded = json(message);
        assert!(!encoded.contains('<'), "{encoded}");
        let decoded: String = serde_json::from_str(&encoded).unwrap();
        assert_eq!(decoded, message);
    }
}
