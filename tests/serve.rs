//! `briefbook serve --watch` end to end over HTTP: each way editors save a file leads to one
//! rebuild and a changed page; requests that try to leave the site are refused.

mod common;
use common::copy_dir;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// A running `briefbook serve --watch` on a free port, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    /// Lines the server prints on stdout, one per rebuild.
    lines: Receiver<String>,
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Server {
    fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("book");
        copy_dir(Path::new("tests/fixtures/serve-book"), &root);
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefbook"))
            .args(["serve", "--watch", "--port", "0", "--root"])
            .arg(&root)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let (sender, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let port = loop {
            let line = lines
                .recv_timeout(Duration::from_secs(30))
                .expect("the server did not start");
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        Server {
            child,
            port,
            lines,
            _dir: dir,
            root,
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
        get(self.port, path)
    }

    fn article(&self, slug: &str) -> PathBuf {
        self.root
            .join("content/articles")
            .join(format!("{slug}.md"))
    }

    /// Waits until `path` answers with a body for which `done` holds.
    fn wait_for(&self, path: &str, done: impl Fn(u16, &str) -> bool) {
        let started = Instant::now();
        loop {
            let (status, body) = self.get(path);
            if done(status, &body) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{path} never changed; last answer {status}:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// How many rebuild lines arrive until the server has been quiet for a while.
    fn rebuilds(&self) -> usize {
        let mut count = 0;
        while let Ok(line) = self.lines.recv_timeout(Duration::from_millis(600)) {
            if line.starts_with("Changed ") {
                count += 1;
            }
        }
        count
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A raw HTTP/1.1 GET, so the path reaches the server exactly as written (clients would
/// normalise `..` away).
fn get(port: u16, path: &str) -> (u16, String) {
    get_with(port, path, "Host: 127.0.0.1\r\n")
}

/// A raw GET with the given header lines (each ending in `\r\n`).
fn get_with(port: u16, path: &str, headers: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn replace_in(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not found");
    text.replacen(from, to, 1)
}

const MOON: &str = "2017-05-10-moon-inaugurated";
const MOON_PAGE: &str = "/articles/2017-05-10-moon-inaugurated/";

#[test]
fn every_save_style_makes_one_rebuild_and_a_new_page() {
    let server = Server::start();
    let path = server.article(MOON);
    let (status, body) = server.get(MOON_PAGE);
    assert_eq!(status, 200);
    assert!(body.contains("Moon takes office"));
    assert!(
        body.contains("/__briefbook/events"),
        "no live-reload script"
    );

    let mut title = "Moon takes office".to_string();
    let mut expect_new_title = |server: &Server, style: &str, save: &dyn Fn(&Path, &str)| {
        let next = format!("Moon takes office ({style})");
        let text = replace_in(&fs::read_to_string(&path).unwrap(), &title, &next);
        save(&path, &text);
        server.wait_for(MOON_PAGE, |s, b| s == 200 && b.contains(&next));
        assert_eq!(
            server.rebuilds(),
            1,
            "saving {style} did not rebuild exactly once"
        );
        title = next;
    };

    expect_new_title(&server, "in place", &|path, text| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(path)
            .unwrap();
        file.write_all(text.as_bytes()).unwrap();
    });
    expect_new_title(&server, "temp then rename", &|path, text| {
        let temp = path.with_file_name(".moon.md.tmp1234");
        fs::write(&temp, text).unwrap();
        fs::rename(&temp, path).unwrap();
    });
    expect_new_title(&server, "delete and recreate", &|path, text| {
        fs::remove_file(path).unwrap();
        fs::write(path, text).unwrap();
    });
    expect_new_title(&server, "like vim", &|path, text| {
        let dir = path.parent().unwrap();
        let swap = dir.join(format!(".{MOON}.md.swp"));
        fs::write(&swap, "swap").unwrap();
        fs::write(dir.join("4913"), "").unwrap();
        fs::remove_file(dir.join("4913")).unwrap();
        let backup = dir.join(format!("{MOON}.md~"));
        fs::rename(path, &backup).unwrap();
        fs::write(path, text).unwrap();
        fs::remove_file(&backup).unwrap();
        fs::remove_file(&swap).unwrap();
    });

    // Temp and swap files alone change nothing.
    let dir = path.parent().unwrap().to_path_buf();
    fs::write(dir.join(".notes.md.swp"), "x").unwrap();
    fs::write(dir.join("draft.md~"), "x").unwrap();
    assert_eq!(server.rebuilds(), 0, "editor temp files caused a rebuild");

    // A new file is picked up, a deleted one disappears.
    let new = server.article("2019-02-27-hanoi");
    fs::write(
        &new,
        "---\ntitle: Hanoi summit ends early\noutlet: Yonhap\ndate: 2019-02-27\n\
         actors: [Moon]\ntopics: [north-korea]\n---\nNo deal in Hanoi.\n",
    )
    .unwrap();
    server.wait_for("/articles/2019-02-27-hanoi/", |s, b| {
        s == 200 && b.contains("Hanoi summit ends early")
    });
    server.wait_for("/years/2019/", |s, _| s == 200);
    assert_eq!(server.rebuilds(), 1);
    fs::remove_file(&new).unwrap();
    server.wait_for("/articles/2019-02-27-hanoi/", |s, _| s == 404);
    server.wait_for("/years/2019/", |s, _| s == 404);
    assert_eq!(server.rebuilds(), 1);
}

#[test]
fn a_git_checkout_of_many_files_is_one_rebuild() {
    let server = Server::start();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .current_dir(&server.root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("git is installed");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "book"]);
    git(&["checkout", "-qb", "retitle"]);
    for entry in fs::read_dir(server.root.join("content/articles")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, text.replacen("title: \"", "title: \"Retitled: ", 1)).unwrap();
    }
    server.wait_for(MOON_PAGE, |_, b| b.contains("Retitled: Moon"));
    server.rebuilds();
    git(&["commit", "-qam", "retitle"]);
    git(&["checkout", "-q", "main"]);
    server.wait_for(MOON_PAGE, |_, b| {
        b.contains("Moon takes office") && !b.contains("Retitled")
    });
    server.wait_for("/timeline/", |_, b| !b.contains("Retitled"));
    assert_eq!(
        server.rebuilds(),
        1,
        "a checkout of 8 files rebuilt more than once"
    );
}

#[test]
fn edits_while_git_holds_its_index_lock_are_one_rebuild_when_git_is_done() {
    let server = Server::start();
    let git_dir = server.root.join(".git");
    fs::create_dir_all(&git_dir).unwrap();
    // A checkout writing slowly: git holds its lock while the files change, far apart.
    let lock = git_dir.join("index.lock");
    fs::write(&lock, "").unwrap();
    let path = server.article(MOON);
    for n in 0..2 {
        let text = fs::read_to_string(&path).unwrap();
        let edited = text.replacen("title: \"", &format!("title: \"Slow {n}: "), 1);
        fs::write(&path, edited).unwrap();
        server.wait_for(MOON_PAGE, |_, b| b.contains(&format!("Slow {n}: ")));
        std::thread::sleep(Duration::from_millis(300));
    }
    assert_eq!(
        server.rebuilds(),
        0,
        "the site was rebuilt while git held its lock"
    );
    fs::remove_file(&lock).unwrap();
    server.wait_for("/timeline/", |_, b| b.contains("Slow 1: "));
    assert_eq!(
        server.rebuilds(),
        1,
        "the checkout made more than one rebuild"
    );
}

#[test]
fn a_broken_edit_keeps_the_last_good_page_and_shows_the_error() {
    let server = Server::start();
    let path = server.article(MOON);
    let good = fs::read_to_string(&path).unwrap();
    fs::write(&path, replace_in(&good, "date: 2017-05-10", "date: [2017")).unwrap();
    server.wait_for(MOON_PAGE, |s, b| {
        s == 200 && b.contains("Moon takes office") && b.contains("moon-inaugurated.md:")
    });
    // Every page carries the error for the overlay.
    let (_, home) = server.get("/");
    assert!(home.contains("moon-inaugurated.md:"), "{home}");
    fs::write(
        &path,
        replace_in(&good, "Moon takes office", "Moon in office"),
    )
    .unwrap();
    server.wait_for(MOON_PAGE, |s, b| {
        s == 200 && b.contains("Moon in office") && !b.contains("moon-inaugurated.md:")
    });
}

#[test]
fn requests_outside_the_site_are_refused() {
    let server = Server::start();
    let outside = server.root.parent().unwrap().join("secret.txt");
    fs::write(&outside, "top secret").unwrap();
    #[cfg(unix)]
    {
        fs::create_dir_all(server.root.join("theme")).unwrap();
        std::os::unix::fs::symlink(&outside, server.root.join("theme/secret.txt")).unwrap();
        std::os::unix::fs::symlink(server.root.parent().unwrap(), server.root.join("theme/up"))
            .unwrap();
        // Wait for the theme rebuild the new links cause.
        server.rebuilds();
    }
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/articles/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/etc/passwd",
        "/theme/secret.txt",
        "/theme/up/secret.txt",
        "/C:/Windows/win.ini",
    ] {
        let (status, body) = server.get(path);
        assert!(status == 400 || status == 404, "{path} answered {status}");
        assert!(!body.contains("top secret"), "{path} leaked the file");
    }
    let (status, body) = server.get("/no-such-page/");
    assert_eq!(status, 404);
    assert!(body.contains("<html"), "the 404 page is served for misses");
    let (status, _) = server.get("/actors");
    assert_eq!(status, 301, "folders redirect to their trailing slash");
}

#[test]
fn files_are_served_with_their_mime_types() {
    let server = Server::start();
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        stream,
        "GET /theme/style.css HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let head = response.split("\r\n\r\n").next().unwrap().to_lowercase();
    assert!(head.contains("content-type: text/css"), "{head}");
    assert!(
        !response.contains("__briefbook"),
        "a stylesheet got the script"
    );
}

/// DNS rebinding: a page on another site points its own name at 127.0.0.1 and reads the preview
/// with the visitor's browser. The preview answers only to its own names, and its live-reload
/// stream only to its own pages.
#[test]
fn requests_for_another_host_or_from_another_site_are_refused() {
    let server = Server::start();
    let port = server.port;
    let (status, body) = get_with(port, "/", "Host: evil.example\r\n");
    assert_eq!(status, 403, "{body}");
    assert!(!body.contains("<html"), "{body}");
    let (status, _) = get_with(port, "/", &format!("Host: evil.example:{port}\r\n"));
    assert_eq!(status, 403);
    let (status, _) = get_with(port, "/", "");
    assert!(status == 400 || status == 403, "no Host: {status}");
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "LOCALHOST".into(),
    ] {
        let (status, _) = get_with(port, "/", &format!("Host: {host}\r\n"));
        assert_eq!(status, 200, "{host}");
    }
    let events = "/__briefbook/events";
    let (status, _) = get_with(
        port,
        events,
        &format!("Host: 127.0.0.1:{port}\r\nOrigin: http://evil.example\r\n"),
    );
    assert_eq!(status, 403, "the reload stream refuses another site's page");
    let (status, _) = get_with(
        port,
        "/",
        &format!("Host: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n"),
    );
    assert_eq!(status, 200, "the preview's own pages may ask");
}

/// A client that sends its request headers a byte at a time, or never finishes them (slowloris),
/// is cut off instead of holding a connection open for ever; others are served meanwhile.
#[test]
fn a_request_left_half_sent_is_cut_off() {
    let server = Server::start();
    let mut slow: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            write!(stream, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").unwrap();
            stream
        })
        .collect();
    let (status, _) = server.get("/");
    assert_eq!(status, 200, "the server answers others meanwhile");
    for stream in &mut slow {
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut rest = Vec::new();
        // The server closes the connection (maybe after a 408): reading ends instead of blocking.
        let read = stream.read_to_end(&mut rest);
        assert!(
            read.is_ok(),
            "the half-sent request was held open: {read:?}"
        );
    }
}

/// The review queue lives only in the preview: `/_review/` lists an article's open fields with
/// their reasons (the banner on the article page is checked in a browser by tests/e2e.rs), and
/// deleting an entry from `review:` closes it on the next save.
#[test]
fn the_preview_serves_the_review_queue_and_follows_every_save() {
    let server = Server::start();
    let path = server.article(MOON);
    let original = fs::read_to_string(&path).unwrap();
    let flagged = replace_in(
        &original,
        "---\n\n",
        "review:\n  outlet: named only in the lead <b>here</b>\n  date: only the month is known\n---\n\n",
    );
    fs::write(&path, &flagged).unwrap();
    server.wait_for("/_review/", |status, body| {
        status == 200 && body.contains("named only in the lead")
    });
    let (_, queue) = server.get("/_review/");
    assert!(
        queue.contains("lead &lt;b&gt;here&lt;/b&gt;"),
        "escaped: {queue}"
    );
    assert!(
        queue.contains(&format!("href=\"../articles/{MOON}/\"")),
        "{queue}"
    );
    assert!(queue.contains("2 open item(s): 1 article(s)"), "{queue}");
    let (_, json) = server.get("/_review/queue.json");
    assert!(json.contains("\"field\":\"date\""), "{json}");

    let closed = flagged.replace("  date: only the month is known\n", "");
    fs::write(&path, closed).unwrap();
    server.wait_for("/_review/", |_, body| {
        !body.contains("only the month") && body.contains("1 open item(s)")
    });
    fs::write(&path, original).unwrap();
    server.wait_for("/_review/", |_, body| body.contains("0 open item(s)"));
}
