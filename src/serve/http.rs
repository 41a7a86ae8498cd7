//! HTTP: answers requests from the in-memory site. Request paths are decoded and checked before
//! any lookup, and only keys of the served map can ever be answered, so nothing outside the site
//! (no `..`, no absolute path, no symlink target) is reachable.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::incremental::Served;
use super::reload::{self, LiveReload};

/// What the file handler reads.
pub struct AppState {
    pub served: Served,
    /// Present when watching: HTML gets the live-reload script.
    pub live: Option<Arc<LiveReload>>,
    /// The host names requests may name (see [`allowed_hosts`]).
    pub hosts: AllowedHosts,
}

/// The `Host` names the preview answers to. A page on another site that points its own name at
/// 127.0.0.1 (DNS rebinding) sends its own name, so it never reads the editor's unpublished book.
#[derive(Debug, Clone)]
pub enum AllowedHosts {
    /// Loopback names and the bound address.
    Only(Vec<String>),
    /// Bound to every interface on purpose (`--bind 0.0.0.0`): any name.
    Any,
}

/// The names a server bound to `bind` answers to.
pub fn allowed_hosts(bind: std::net::IpAddr) -> AllowedHosts {
    if bind.is_unspecified() {
        return AllowedHosts::Any;
    }
    let mut names = vec![
        "localhost".to_string(),
        "127.0.0.1".to_string(),
        "[::1]".to_string(),
    ];
    let own = match bind {
        std::net::IpAddr::V6(v6) => format!("[{v6}]"),
        std::net::IpAddr::V4(v4) => v4.to_string(),
    };
    if !names.contains(&own) {
        names.push(own);
    }
    AllowedHosts::Only(names)
}

impl AllowedHosts {
    /// Whether a `Host` header value (a name with an optional port) is one of ours.
    pub fn allows(&self, host: &str) -> bool {
        let AllowedHosts::Only(names) = self else {
            return true;
        };
        let host = host.trim().to_ascii_lowercase();
        let name = match host.rfind(':') {
            // `[::1]:1111`, `127.0.0.1:1111`; a bare `[::1]` has its colons inside brackets.
            Some(i) if !host[i..].contains(']') => &host[..i],
            _ => host.as_str(),
        };
        names.iter().any(|n| n == name)
    }

    /// Whether an `Origin` header (`http://localhost:1111`) is one of ours.
    pub fn allows_origin(&self, origin: &str) -> bool {
        let rest = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"));
        rest.is_some_and(|host| self.allows(host.trim_end_matches('/')))
    }
}

/// The server's routes: the live-reload events (when watching) and every site file, behind the
/// host check.
pub fn router(state: Arc<AppState>) -> Router {
    let files = Router::new().fallback(file).with_state(state.clone());
    let routes = match &state.live {
        Some(live) => Router::new()
            .route(reload::EVENTS_PATH, get(reload::events))
            .with_state(live.clone())
            .merge(files),
        None => files,
    };
    routes.layer(axum::middleware::from_fn_with_state(state, guard))
}

/// Refuses a request that names another host, and a cross-site page's request (its `Origin`).
async fn guard(
    State(state): State<Arc<AppState>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let headers = request.headers();
    let host_ok = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|h| state.hosts.allows(h));
    let origin_ok = headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .is_none_or(|o| state.hosts.allows_origin(o));
    if !host_ok || !origin_ok {
        return (
            StatusCode::FORBIDDEN,
            "This preview answers only to its own address (localhost, 127.0.0.1 or the --bind address).\n",
        )
            .into_response();
    }
    next.run(request).await
}

/// Why a request path was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Malformed or an attempt to leave the site: 400.
    Bad,
}

/// The served-map key for a request path (still percent-encoded), e.g. `/actors/moon/` →
/// `actors/moon/index.html`. Refuses `..` and `.` segments, backslashes, NUL and other control
/// characters, absolute paths (`//etc`, `/C:/`) and invalid percent-encoding, in raw or decoded
/// form alike.
pub fn resolve(path: &str) -> Result<String, Refused> {
    let decoded = percent_decode(path).ok_or(Refused::Bad)?;
    let relative = decoded.strip_prefix('/').ok_or(Refused::Bad)?;
    if relative.starts_with('/')
        || relative.contains('\\')
        || relative.chars().any(char::is_control)
    {
        return Err(Refused::Bad);
    }
    let segments: Vec<&str> = relative.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if *segment == ".." || *segment == "." || (segment.is_empty() && !last) {
            return Err(Refused::Bad);
        }
        if i == 0 && segment.contains(':') {
            return Err(Refused::Bad);
        }
    }
    if relative.is_empty() || relative.ends_with('/') {
        Ok(format!("{relative}index.html"))
    } else {
        Ok(relative.to_string())
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type of a site file, by extension.
pub fn mime_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

async fn file(State(state): State<Arc<AppState>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let Ok(key) = resolve(uri.path()) else {
        return (StatusCode::BAD_REQUEST, "Bad request path\n").into_response();
    };
    let (found, folder_exists, not_found_page) = {
        let served = state.served.read().unwrap_or_else(|e| e.into_inner());
        let found = served.get(&key).cloned();
        let folder_exists = found.is_none() && served.contains_key(&format!("{key}/index.html"));
        (found, folder_exists, served.get("404.html").cloned())
    };
    if let Some(bytes) = found {
        return respond(&state, StatusCode::OK, &key, bytes);
    }
    if folder_exists {
        // Pages link relatively, so a folder must be addressed with its trailing slash.
        let location = format!("{}/", uri.path());
        return (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, location)],
        )
            .into_response();
    }
    let page = not_found_page.unwrap_or_else(|| Bytes::from_static(NO_SITE.as_bytes()));
    respond(&state, StatusCode::NOT_FOUND, "404.html", page)
}

/// Shown for every address until the book first builds without errors.
const NO_SITE: &str =
    "<!doctype html><html><head><meta charset=\"utf-8\"><title>Not built yet</title></head>\
<body><p>The book has not built yet; fix the errors shown in the terminal.</p></body></html>";

fn respond(state: &AppState, status: StatusCode, key: &str, bytes: Bytes) -> Response {
    let mime = mime_type(key);
    let body = match (&state.live, mime.starts_with("text/html")) {
        (Some(live), true) => Body::from(live.inject(&bytes)),
        _ => Body::from(bytes),
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_resolve_to_their_index() {
        assert_eq!(resolve("/").unwrap(), "index.html");
        assert_eq!(
            resolve("/actors/moon-jae-in/").unwrap(),
            "actors/moon-jae-in/index.html"
        );
        assert_eq!(resolve("/theme/style.css").unwrap(), "theme/style.css");
        assert_eq!(resolve("/a%20b.html").unwrap(), "a b.html");
    }

    #[test]
    fn escapes_from_the_site_are_refused() {
        for path in [
            "/../etc/passwd",
            "/articles/../../x",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/..%2fsecret",
            "/..\\secret",
            "/%5c..%5csecret",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/C:/Windows/win.ini",
            "/./index.html",
            "/a%00b",
            "/%zz",
            "/%c0%ae%c0%ae/",
            "relative",
        ] {
            assert_eq!(resolve(path), Err(Refused::Bad), "{path}");
        }
    }

    #[test]
    fn hosts_and_origins_of_the_preview() {
        let loopback = allowed_hosts("127.0.0.1".parse().unwrap());
        for host in [
            "localhost",
            "localhost:1111",
            "127.0.0.1:1111",
            "[::1]:8080",
            "[::1]",
        ] {
            assert!(loopback.allows(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "",
        ] {
            assert!(!loopback.allows(host), "{host}");
        }
        assert!(loopback.allows_origin("http://localhost:1111"));
        assert!(!loopback.allows_origin("http://evil.example"));
        assert!(!loopback.allows_origin("null"));
        let lan = allowed_hosts("192.168.1.5".parse().unwrap());
        assert!(lan.allows("192.168.1.5:1111") && !lan.allows("evil.example"));
        assert!(allowed_hosts("0.0.0.0".parse().unwrap()).allows("anything"));
    }

    #[test]
    fn mime_types_follow_extensions() {
        assert_eq!(mime_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(mime_type("theme/style.css"), "text/css; charset=utf-8");
        assert_eq!(mime_type("theme/favicon.svg"), "image/svg+xml");
        assert_eq!(mime_type("x.unknown"), "application/octet-stream");
    }
}
