//! Import from the network, feeds and reference libraries, against a small HTTP server on
//! 127.0.0.1 that serves the pages and feeds of `tests/fixtures/net/` (written for these tests),
//! redirects, errors, a slow answer, a page in windows-1252 and a body over the size cap.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use briefbook::import::{run, FetchConfig, ImportOptions, ImportReport, Outcome};
use briefbook::load::parse_article;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/net");

/// What the server saw and what it should add to the feed.
#[derive(Default)]
struct ServerState {
    hits: Mutex<HashMap<String, usize>>,
    user_agents: Mutex<Vec<String>>,
    in_flight: AtomicUsize,
    most_in_flight: AtomicUsize,
    /// Extra RSS `<item>`s, for the feed's next day.
    extra_items: Mutex<String>,
    /// The vote count `/changing` reports: its story is updated between runs.
    votes: AtomicUsize,
}

/// A test HTTP server on 127.0.0.1 with one thread per connection; it stops with the test
/// process (every request loop is bounded by the test's own requests).
struct Server {
    base: String,
    state: Arc<ServerState>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(ServerState::default());
        let (thread_state, thread_base) = (state.clone(), base.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (state, base) = (thread_state.clone(), thread_base.clone());
                std::thread::spawn(move || serve(stream, &state, &base));
            }
        });
        Server { base, state }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn hits(&self, path: &str) -> usize {
        self.state
            .hits
            .lock()
            .unwrap()
            .get(path)
            .copied()
            .unwrap_or(0)
    }
}

fn serve(stream: TcpStream, state: &ServerState, base: &str) {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some(agent) = line
            .strip_prefix("user-agent: ")
            .or(line.strip_prefix("User-Agent: "))
        {
            state
                .user_agents
                .lock()
                .unwrap()
                .push(agent.trim().to_string());
        }
    }
    let now = state.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    state.most_in_flight.fetch_max(now, Ordering::SeqCst);
    let hit = {
        let mut hits = state.hits.lock().unwrap();
        let n = hits.entry(path.clone()).or_default();
        *n += 1;
        *n
    };
    let mut stream = reader.into_inner();
    let (status, headers, body) = respond(&path, hit, state, base);
    // Counted until the answer is ready: the client sends its next request only after it.
    state.in_flight.fetch_sub(1, Ordering::SeqCst);
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
}

type Response = (&'static str, Vec<(&'static str, String)>, Vec<u8>);

fn fixture(name: &str, base: &str) -> Vec<u8> {
    let bytes = std::fs::read(Path::new(FIXTURES).join(name)).unwrap();
    match String::from_utf8(bytes.clone()) {
        Ok(text) => text.replace("{{base}}", base).into_bytes(),
        Err(_) => bytes,
    }
}

fn html(body: Vec<u8>) -> Response {
    (
        "200 OK",
        vec![("Content-Type", "text/html; charset=utf-8".into())],
        body,
    )
}

fn respond(path: &str, hit: usize, state: &ServerState, base: &str) -> Response {
    match path {
        "/article-a.html" | "/article-b.html" | "/article-c.html" | "/article-d.html"
        | "/article-e.html" => html(fixture(&path[1..], base)),
        "/paced/1" | "/paced/2" | "/paced/3" | "/paced/4" | "/paced/5" | "/paced/6" => {
            std::thread::sleep(Duration::from_millis(150));
            let page = String::from_utf8(fixture("article-a.html", base)).unwrap();
            html(
                page.replace("north pier", &format!("north pier {}", &path[7..]))
                    .into_bytes(),
            )
        }
        "/changing" => {
            let page = String::from_utf8(fixture("article-a.html", base)).unwrap();
            let votes = state.votes.load(Ordering::SeqCst);
            html(
                page.replace("seven votes", &format!("{votes} votes"))
                    .into_bytes(),
            )
        }
        "/moved" => (
            "301 Moved Permanently",
            vec![("Location", "/article-b.html".into())],
            Vec::new(),
        ),
        "/latin1" => (
            "200 OK",
            // No charset in the header: the page's own <meta charset> decides.
            vec![("Content-Type", "text/html".into())],
            fixture("latin1.html", base),
        ),
        "/missing" => ("404 Not Found", vec![], b"not here".to_vec()),
        "/menu-only" => html(
            b"<html><head><title>Harbor Ledger</title></head><body><nav><a href=\"/\">Home</a> \
              <a href=\"/world\">World</a></nav></body></html>"
                .to_vec(),
        ),
        "/gone" => ("410 Gone", vec![], b"gone".to_vec()),
        "/broken" => ("503 Service Unavailable", vec![], b"down".to_vec()),
        "/flaky" if hit == 1 => ("500 Internal Server Error", vec![], b"oops".to_vec()),
        "/flaky" => html(fixture("article-c.html", base)),
        "/slow" => {
            std::thread::sleep(Duration::from_millis(2500));
            html(fixture("article-a.html", base))
        }
        "/huge" => {
            let mut page = b"<html><body><p>".to_vec();
            page.resize(6 * 1024 * 1024, b'a');
            html(page)
        }
        "/report.pdf" => (
            "200 OK",
            vec![("Content-Type", "application/pdf".into())],
            b"%PDF-1.4 not an article".to_vec(),
        ),
        "/feed.xml" => {
            let feed = String::from_utf8(fixture("feed.xml", base)).unwrap();
            let extra = state.extra_items.lock().unwrap().clone();
            (
                "200 OK",
                vec![("Content-Type", "application/rss+xml".into())],
                feed.replace("{{extra}}", &extra).into_bytes(),
            )
        }
        "/atom.xml" => (
            "200 OK",
            vec![("Content-Type", "application/atom+xml".into())],
            fixture("atom.xml", base),
        ),
        "/feed.json" => (
            "200 OK",
            vec![("Content-Type", "application/feed+json".into())],
            fixture("feed.json", base),
        ),
        _ => ("404 Not Found", vec![], b"no such page".to_vec()),
    }
}

/// An empty book in a temporary folder.
fn book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("briefbook.toml"), "title = \"Net\"\n").unwrap();
    dir
}

fn options(root: &Path, inputs: &[&str]) -> ImportOptions {
    ImportOptions {
        root: root.to_path_buf(),
        inputs: inputs.iter().map(PathBuf::from).collect(),
        fetch_config: FetchConfig {
            timeout: Duration::from_secs(1),
            retry_pause: Duration::from_millis(50),
            ..FetchConfig::default()
        },
        ..ImportOptions::default()
    }
}

fn articles(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("content/articles"))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn article(path: &Path) -> briefbook::model::Article {
    let text = std::fs::read_to_string(path).unwrap();
    parse_article(path, &text).unwrap()
}

fn outcome_of<'a>(report: &'a ImportReport, input: &str) -> &'a Outcome {
    &report
        .records
        .iter()
        .find(|r| r.input == Path::new(input))
        .unwrap_or_else(|| panic!("no record for {input}: {report}"))
        .outcome
}

fn failure_of(report: &ImportReport, input: &str) -> String {
    match outcome_of(report, input) {
        Outcome::Failed(message) => message.clone(),
        other => panic!("{input} did not fail: {other:?}\n{report}"),
    }
}

#[test]
fn an_address_is_fetched_kept_under_sources_and_imported_like_a_saved_page() {
    let server = Server::start();
    let book = book();
    let url = server.url("/article-a.html");
    let report = run(&options(book.path(), &[&url])).unwrap();
    assert!(!report.has_failures(), "{report}");
    let files = articles(book.path());
    assert_eq!(files.len(), 1, "{report}");
    let a = article(&files[0]);
    assert_eq!(
        a.front.title,
        "Port Ellis council votes to rebuild the north pier"
    );
    assert_eq!(a.front.url.as_deref(), Some(url.as_str()));
    assert_eq!(a.front.date.unwrap().to_string(), "2026-03-03");
    assert_eq!(a.front.byline, ["Ana Whitfield"]);
    assert!(
        a.body.contains("harbour council of Port Ellis voted"),
        "{}",
        a.body
    );
    assert!(!a.body.contains("All rights reserved"));
    let stamp = a.front.imported.clone().unwrap();
    let fetched = stamp.fetched.expect("the fetch time is recorded");
    assert!(
        chrono::DateTime::parse_from_rfc3339(&fetched).is_ok(),
        "{fetched}"
    );
    assert!(stamp.fingerprint.is_some());
    // The page is kept in the book, marked with its address, and imports the same from there.
    let source = a.front.source.clone().unwrap();
    assert!(source.starts_with("sources/"), "{source}");
    let kept = std::fs::read_to_string(book.path().join(&source)).unwrap();
    assert!(kept.starts_with("<!-- saved from url=("), "{kept:.80}");
    assert!(kept.contains("harbour council of Port Ellis"));
    let kept_path = book.path().join(&source).to_string_lossy().into_owned();
    let again = run(&options(book.path(), &[&kept_path])).unwrap();
    assert_eq!(
        outcome_of(&again, &kept_path),
        &Outcome::Unchanged,
        "{again}"
    );
    assert_eq!(articles(book.path()).len(), 1);
    // Fetched again, the same page leaves its article as it is.
    let refetched = run(&options(book.path(), &[&url])).unwrap();
    assert_eq!(
        outcome_of(&refetched, &url),
        &Outcome::Unchanged,
        "{refetched}"
    );
    assert_eq!(articles(book.path()).len(), 1);
    // It said who it is.
    let agents = server.state.user_agents.lock().unwrap();
    assert!(
        agents.iter().all(|a| a.starts_with("briefbook/")),
        "{agents:?}"
    );
}

#[test]
fn a_page_updated_at_its_address_updates_its_article_unless_the_editor_changed_it() {
    let server = Server::start();
    let book = book();
    let url = server.url("/changing");
    server.state.votes.store(7, Ordering::SeqCst);
    run(&options(book.path(), &[&url])).unwrap();
    let path = articles(book.path()).remove(0);
    server.state.votes.store(8, Ordering::SeqCst);
    let updated = run(&options(book.path(), &[&url])).unwrap();
    assert_eq!(
        outcome_of(&updated, &url),
        &Outcome::Overwritten,
        "{updated}"
    );
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("by 8 votes to two"));
    let edited = std::fs::read_to_string(&path).unwrap() + "\nThe editor's addition.\n";
    std::fs::write(&path, &edited).unwrap();
    server.state.votes.store(9, Ordering::SeqCst);
    let skipped = run(&options(book.path(), &[&url])).unwrap();
    assert_eq!(
        outcome_of(&skipped, &url),
        &Outcome::SkippedEdited,
        "{skipped}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    assert_eq!(articles(book.path()), [path]);
}

#[test]
fn redirects_are_followed_and_the_charset_of_the_page_is_honoured() {
    let server = Server::start();
    let book = book();
    let (moved, latin) = (server.url("/moved"), server.url("/latin1"));
    let report = run(&options(book.path(), &[&moved, &latin])).unwrap();
    assert!(!report.has_failures(), "{report}");
    let files = articles(book.path());
    assert_eq!(files.len(), 2, "{report}");
    let titles: Vec<String> = files.iter().map(|f| article(f).front.title).collect();
    assert!(titles.contains(&"Linden Vale library to open on Sundays".to_string()));
    assert!(titles.contains(&"Côte-Verte cafés may stay open until midnight".to_string()));
    let redirected = files
        .iter()
        .map(|f| article(f))
        .find(|a| a.front.title.starts_with("Linden"))
        .unwrap();
    assert_eq!(
        redirected.front.url.as_deref(),
        Some(server.url("/article-b.html").as_str()),
        "the address after the redirect"
    );
    let cafe = files
        .iter()
        .map(|f| article(f))
        .find(|a| a.front.title.starts_with("Côte"))
        .unwrap();
    assert!(
        cafe.body
            .contains("« Nous sommes ravis », said Hélène Dufresne"),
        "{}",
        cafe.body
    );
    assert!(!cafe.body.contains('\u{fffd}'));
}

#[test]
fn each_failure_is_reported_with_its_reason_and_the_others_are_imported() {
    let server = Server::start();
    let book = book();
    let refused = {
        // A port nothing listens on: bound, then closed.
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        format!("http://127.0.0.1:{port}/story")
    };
    let urls = [
        server.url("/missing"),
        server.url("/gone"),
        server.url("/broken"),
        server.url("/slow"),
        server.url("/huge"),
        server.url("/report.pdf"),
        refused.clone(),
        server.url("/menu-only"),
        server.url("/flaky"),
        server.url("/article-a.html"),
    ];
    let inputs: Vec<&str> = urls.iter().map(String::as_str).collect();
    let report = run(&options(book.path(), &inputs)).unwrap();
    assert!(report.has_failures());
    let expect = [
        (
            "/missing",
            "the server answered 404 Not Found: there is no page at this address",
        ),
        ("/gone", "the server answered 410 Gone"),
        (
            "/broken",
            "the server answered 503 Service Unavailable, also when asked again",
        ),
        ("/slow", "no complete answer within 1 s (timeout)"),
        (
            "/huge",
            "refused: the page is larger than the 5 MB an article can be",
        ),
        ("/report.pdf", "not HTML: the server sent application/pdf"),
        ("/menu-only", "no article text left"),
    ];
    for (path, message) in expect {
        let failure = failure_of(&report, &server.url(path));
        assert!(failure.contains(message), "{path}: {failure}");
    }
    let failure = failure_of(&report, &refused);
    assert!(
        failure.contains("nothing answers at this address"),
        "{failure}"
    );
    // One retry of a server error, none of a missing page.
    assert_eq!(server.hits("/broken"), 2);
    assert_eq!(server.hits("/missing"), 1);
    assert_eq!(
        outcome_of(&report, &server.url("/flaky")),
        &Outcome::Written
    );
    assert_eq!(
        outcome_of(&report, &server.url("/article-a.html")),
        &Outcome::Written
    );
    // Nothing written for the failures (not even the kept copy of the page that held no
    // article): two articles, two kept sources.
    assert_eq!(articles(book.path()).len(), 2, "{report}");
    assert_eq!(
        std::fs::read_dir(book.path().join("sources"))
            .unwrap()
            .count(),
        2
    );
    let printed = report.to_string();
    assert!(printed.contains("8 failed"), "{printed}");
}

#[test]
fn no_more_than_two_requests_go_to_one_host_at_once() {
    let server = Server::start();
    let book = book();
    let urls: Vec<String> = (1..=6)
        .map(|n| server.url(&format!("/paced/{n}")))
        .collect();
    let inputs: Vec<&str> = urls.iter().map(String::as_str).collect();
    let report = run(&options(book.path(), &inputs)).unwrap();
    assert!(!report.has_failures(), "{report}");
    assert_eq!(articles(book.path()).len(), 6, "{report}");
    let most = server.state.most_in_flight.load(Ordering::SeqCst);
    assert!(most <= 2, "{most} requests at once");
    assert_eq!(most, 2, "requests to one host still overlap");
}

#[test]
fn a_feed_imports_each_item_and_the_same_run_tomorrow_imports_only_the_new_ones() {
    let server = Server::start();
    let book = book();
    let feed = server.url("/feed.xml");
    let report = run(&options(book.path(), &[&feed])).unwrap();
    assert!(!report.has_failures(), "{report}");
    assert_eq!(report.count(|o| o == &Outcome::Written), 4, "{report}");
    // Items with their full text are not fetched; the others are, once.
    assert_eq!(server.hits("/news/glen-harrow-science-wing"), 0);
    assert_eq!(server.hits("/article-c.html"), 1);
    let all: Vec<_> = articles(book.path()).iter().map(|f| article(f)).collect();
    let school = all
        .iter()
        .find(|a| a.front.title.starts_with("Glen Harrow"))
        .unwrap();
    // The feed's date in the offset it was written in (a UTC date would be the 10th).
    assert_eq!(school.front.date.unwrap().to_string(), "2026-03-09");
    assert_eq!(school.front.byline, ["Ana Whitfield"]);
    assert_eq!(
        school.front.url.as_deref(),
        Some(server.url("/news/glen-harrow-science-wing").as_str())
    );
    assert!(school.body.contains("four laboratories"));
    let pipes = all
        .iter()
        .find(|a| a.front.title.starts_with("Northbrook"))
        .unwrap();
    assert!(pipes.body.contains("lead pipes"), "{}", pipes.body);

    // The next day: one new item; the four known are skipped without fetching their pages.
    *server.state.extra_items.lock().unwrap() = format!(
        "<item><title>Kestrel Falls to plant a thousand street trees</title>\
         <link>{}</link><guid>harbor-ledger-1005</guid>\
         <pubDate>Sat, 07 Mar 2026 12:00:00 +0100</pubDate></item>",
        server.url("/article-e.html")
    );
    let report = run(&options(book.path(), &[&feed])).unwrap();
    assert!(!report.has_failures(), "{report}");
    assert_eq!(report.count(|o| o == &Outcome::Written), 1, "{report}");
    assert_eq!(report.count(|o| o == &Outcome::Known), 4, "{report}");
    assert_eq!(
        server.hits("/article-c.html"),
        1,
        "a known item is not fetched again"
    );
    assert!(
        report
            .to_string()
            .contains("1 written, 4 already in the book"),
        "{report}"
    );
    assert_eq!(articles(book.path()).len(), 5);
}

#[test]
fn atom_and_json_feeds_are_read_from_addresses_and_files() {
    let server = Server::start();
    let book = book();
    let raw = tempfile::tempdir().unwrap();
    let json_feed = raw.path().join("harbor.json");
    std::fs::write(&json_feed, fixture("feed.json", &server.base)).unwrap();
    let atom = server.url("/atom.xml");
    let json_path = json_feed.to_string_lossy().into_owned();
    let report = run(&options(book.path(), &[&atom, &json_path])).unwrap();
    assert!(!report.has_failures(), "{report}");
    let all: Vec<_> = articles(book.path()).iter().map(|f| article(f)).collect();
    assert_eq!(all.len(), 2, "{report}");
    let trees = all
        .iter()
        .find(|a| a.front.title.starts_with("Kestrel"))
        .unwrap();
    assert_eq!(
        trees.front.url.as_deref(),
        Some(server.url("/article-e.html").as_str())
    );
    let orchard = all
        .iter()
        .find(|a| a.front.title.starts_with("Orchard"))
        .unwrap();
    assert_eq!(orchard.front.date.unwrap().to_string(), "2026-03-11");
    assert_eq!(orchard.front.byline, ["Tomas Reyes"]);
    assert!(orchard.body.contains("cider press"));
    // A feed item written from the feed's text keeps that text as its source.
    let source = orchard.front.source.clone().unwrap();
    let kept = std::fs::read_to_string(book.path().join(&source)).unwrap();
    assert!(kept.contains("Twelve orchard growers"), "{kept}");
}

/// Copies a library fixture beside its snapshot, with the server's address filled in.
fn library(dir: &Path, name: &str, base: &str) -> String {
    std::fs::create_dir_all(dir.join("files")).unwrap();
    std::fs::copy(
        Path::new(FIXTURES).join("files/snapshot.html"),
        dir.join("files/snapshot.html"),
    )
    .unwrap();
    let path = dir.join(name);
    std::fs::write(&path, fixture(name, base)).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn a_library_gives_each_item_its_record_and_its_snapshot_or_an_empty_body_for_review() {
    let server = Server::start();
    let book = book();
    let raw = tempfile::tempdir().unwrap();
    let ris = library(raw.path(), "library.ris", &server.base);
    let bib = library(raw.path(), "library.bib", &server.base);
    let json = library(raw.path(), "library.json", &server.base);
    let report = run(&options(book.path(), &[&ris, &bib, &json])).unwrap();
    assert!(!report.has_failures(), "{report}");
    assert_eq!(report.count(|o| o == &Outcome::Written), 6, "{report}");
    // Nothing is fetched without --fetch.
    assert_eq!(server.state.hits.lock().unwrap().len(), 0);
    let all: Vec<_> = articles(book.path()).iter().map(|f| article(f)).collect();
    let tram = all
        .iter()
        .find(|a| a.front.title.starts_with("Meridian"))
        .unwrap();
    assert_eq!(tram.front.outlet, "Meridian Courier");
    assert_eq!(tram.front.date.unwrap().to_string(), "2026-02-02");
    assert_eq!(tram.front.byline, ["Lena Brandt"]);
    assert_eq!(
        tram.front.url.as_deref(),
        Some("https://courier.example/2026/02/02/tram-hospital")
    );
    assert!(
        tram.body.contains("extended by four stops"),
        "the snapshot is the body"
    );
    assert!(!tram.front.review.contains("body"));
    let pipes = all
        .iter()
        .find(|a| a.front.title.starts_with("Northbrook"))
        .unwrap();
    assert_eq!(pipes.front.byline, ["Ana Whitfield", "Harbor Ledger Staff"]);
    assert_eq!(pipes.front.date.unwrap().to_string(), "2026-03");
    assert_eq!(pipes.front.outlet, "Harbor Ledger");
    assert!(pipes.body.trim().is_empty());
    assert!(
        pipes.front.review.contains("body"),
        "{:?}",
        pipes.front.review
    );
    let trees = all
        .iter()
        .find(|a| a.front.title.starts_with("Kestrel"))
        .unwrap();
    assert_eq!(trees.front.byline, ["Ana Whitfield"]);
    assert_eq!(
        trees.front.url.as_deref(),
        Some(server.url("/article-e.html").as_str())
    );
    // Importing the library again writes nothing new.
    let again = run(&options(book.path(), &[&ris, &bib, &json])).unwrap();
    assert_eq!(again.count(|o| o == &Outcome::Written), 0, "{again}");
    assert_eq!(articles(book.path()).len(), 6);
}

#[test]
fn with_fetch_a_library_item_without_a_snapshot_is_fetched() {
    let server = Server::start();
    let book = book();
    let raw = tempfile::tempdir().unwrap();
    let bib = library(raw.path(), "library.bib", &server.base);
    let report = run(&ImportOptions {
        fetch: true,
        ..options(book.path(), &[&bib])
    })
    .unwrap();
    assert!(!report.has_failures(), "{report}");
    assert_eq!(server.hits("/article-b.html"), 1);
    let all: Vec<_> = articles(book.path()).iter().map(|f| article(f)).collect();
    let library = all
        .iter()
        .find(|a| a.front.title.starts_with("Linden"))
        .unwrap();
    assert!(library.body.contains("open on Sundays"), "{}", library.body);
    assert_eq!(library.front.byline, ["Tomas Reyes"]);
    assert!(library.front.imported.as_ref().unwrap().fetched.is_some());
}

#[test]
fn the_books_own_citation_files_import_back_to_the_same_records() {
    let site = tempfile::tempdir().unwrap();
    let fixture_book = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
    let built = briefbook::build::build(&briefbook::build::BuildOptions {
        root: fixture_book.clone(),
        output: Some(site.path().to_path_buf()),
        base_url: Some("https://example.org/book/".to_string()),
        ..briefbook::build::BuildOptions::default()
    })
    .unwrap();
    assert!(built.articles >= 3);
    let csl: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(site.path().join("citations.json")).unwrap())
            .unwrap();
    let expected: Vec<(String, String, Option<String>, String)> = csl
        .iter()
        .map(|item| {
            let date = item["issued"]["date-parts"][0].as_array().map(|parts| {
                parts
                    .iter()
                    .map(|p| format!("{:02}", p.as_u64().unwrap()))
                    .collect::<Vec<_>>()
                    .join("-")
            });
            (
                item["title"].as_str().unwrap().to_string(),
                item["container-title"].as_str().unwrap().to_string(),
                date,
                item["URL"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for name in ["citations.json", "citations.ris", "citations.bib"] {
        let book = book();
        let input = site.path().join(name).to_string_lossy().into_owned();
        let report = run(&options(book.path(), &[&input])).unwrap();
        assert!(!report.has_failures(), "{name}: {report}");
        let mut got: Vec<(String, String, Option<String>, String)> = articles(book.path())
            .iter()
            .map(|f| {
                let a = article(f).front;
                (
                    a.title,
                    a.outlet,
                    a.date.map(|d| d.to_string()),
                    a.url.unwrap(),
                )
            })
            .collect();
        let mut want = expected.clone();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn the_command_line_takes_a_list_of_addresses_and_exits_non_zero_when_one_failed() {
    let server = Server::start();
    let book = book();
    let list = book.path().join("reading-list.txt");
    std::fs::write(
        &list,
        format!(
            "# this week\n{}\n\n{}\nnot an address\n",
            server.url("/article-a.html"),
            server.url("/missing")
        ),
    )
    .unwrap();
    let output = assert_cmd::Command::cargo_bin("briefbook")
        .unwrap()
        .args(["import", "--root"])
        .arg(book.path())
        .arg("--urls")
        .arg(&list)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{stdout}");
    assert!(stdout.contains("404 Not Found"), "{stdout}");
    assert!(
        stdout.contains("reading-list.txt:5:1: `not an address` is not a web address"),
        "{stdout}"
    );
    assert!(stdout.contains("1 written"), "{stdout}");
    assert_eq!(articles(book.path()).len(), 1);
}

#[test]
fn a_renamed_article_is_found_by_its_source_and_never_written_twice() {
    let book = book();
    std::fs::create_dir_all(book.path().join("raw")).unwrap();
    let page = book.path().join("raw/pier.html");
    std::fs::copy(Path::new(FIXTURES).join("article-a.html"), &page).unwrap();
    let input = page.to_string_lossy().into_owned();
    run(&options(book.path(), &[&input])).unwrap();
    let first = articles(book.path()).remove(0);
    let renamed = first.with_file_name("the-pier-vote.md");
    std::fs::rename(&first, &renamed).unwrap();

    let dry = run(&ImportOptions {
        dry_run: true,
        ..options(book.path(), &[&input])
    })
    .unwrap();
    assert_eq!(
        dry.records[0].output.as_deref(),
        Some(Path::new("content/articles/the-pier-vote.md")),
        "--dry-run names the real target: {dry}"
    );
    let again = run(&options(book.path(), &[&input])).unwrap();
    assert_eq!(again.records[0].outcome, Outcome::Unchanged, "{again}");
    assert_eq!(articles(book.path()), std::slice::from_ref(&renamed));

    // The source changes: the renamed file is updated, as the editor never touched it…
    let changed = std::fs::read_to_string(&page)
        .unwrap()
        .replace("seven votes to two", "eight votes to one");
    std::fs::write(&page, &changed).unwrap();
    let updated = run(&options(book.path(), &[&input])).unwrap();
    assert_eq!(
        updated.records[0].outcome,
        Outcome::Overwritten,
        "{updated}"
    );
    assert!(std::fs::read_to_string(&renamed)
        .unwrap()
        .contains("eight votes to one"));
    assert_eq!(articles(book.path()), std::slice::from_ref(&renamed));

    // …but once the editor changes it, a changed source leaves it alone, with a message.
    let edited = std::fs::read_to_string(&renamed)
        .unwrap()
        .replace("Port Ellis council", "Port Ellis's council");
    std::fs::write(&renamed, &edited).unwrap();
    std::fs::write(
        &page,
        changed.replace("eight votes to one", "nine votes to none"),
    )
    .unwrap();
    let skipped = run(&options(book.path(), &[&input])).unwrap();
    assert_eq!(
        skipped.records[0].outcome,
        Outcome::SkippedEdited,
        "{skipped}"
    );
    assert!(skipped.to_string().contains("edited since import"));
    assert_eq!(std::fs::read_to_string(&renamed).unwrap(), edited);
    assert_eq!(articles(book.path()), std::slice::from_ref(&renamed));

    // The same story saved again elsewhere, with other chrome, is known by its fingerprint.
    let copy = book.path().join("raw/pier-again.html");
    std::fs::write(
        &copy,
        changed.replace("All rights reserved", "Subscribe to our newsletter"),
    )
    .unwrap();
    let copy = copy.to_string_lossy().into_owned();
    let known = run(&options(book.path(), &[&copy])).unwrap();
    assert_eq!(known.records[0].outcome, Outcome::Known, "{known}");
    assert!(
        known
            .to_string()
            .contains("already in the book as content/articles/the-pier-vote.md"),
        "{known}"
    );
    assert_eq!(articles(book.path()), [renamed]);
}

#[cfg(unix)]
#[test]
fn a_failed_write_leaves_no_partial_file_behind() {
    let book = book();
    let raw = tempfile::tempdir().unwrap();
    let page = raw.path().join("pier.html");
    std::fs::copy(Path::new(FIXTURES).join("article-a.html"), &page).unwrap();
    let input = page.to_string_lossy().into_owned();
    let dry = run(&ImportOptions {
        dry_run: true,
        ..options(book.path(), &[&input])
    })
    .unwrap();
    let target = book.path().join(dry.records[0].output.as_ref().unwrap());
    let name = target.file_name().unwrap().to_string_lossy().into_owned();
    let partial = target.with_file_name(format!(".{name}.importing"));
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    // The partial file's place is taken by the full device: every write to it fails (ENOSPC).
    std::os::unix::fs::symlink("/dev/full", &partial).unwrap();
    let report = run(&options(book.path(), &[&input])).unwrap();
    match &report.records[0].outcome {
        Outcome::Failed(message) => assert!(message.contains("cannot write"), "{message}"),
        other => panic!("the write did not fail: {other:?}"),
    }
    assert!(report.has_failures());
    assert!(!target.exists());
    assert!(
        std::fs::symlink_metadata(&partial).is_err(),
        "the partial file is removed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(target.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_fetch_of_a_slow_body_is_bounded_by_the_timeout() {
    // A server that sends headers, then trickles: the whole request stays within the timeout.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/trickle", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html>",
            );
            for _ in 0..40 {
                std::thread::sleep(Duration::from_millis(100));
                if stream.write_all(b"<p>a</p>").is_err() {
                    break;
                }
            }
        }
    });
    let book = book();
    let report = run(&options(book.path(), &[&url])).unwrap();
    // Were only each read bounded, the trickle would run its course and end in a short body.
    let failure = failure_of(&report, &url);
    assert!(failure.contains("timeout"), "{failure}");
}
