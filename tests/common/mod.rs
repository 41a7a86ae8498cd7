//! Helpers shared by the integration tests.
// Each test crate uses a part of these.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Copies the folder `from` (a fixture book) to `to`, creating `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Appends `lines` (TOML) to the `briefbook.toml` of the book at `root`, creating it if missing.
pub fn append_config(root: &Path, lines: &str) {
    let path = root.join("briefbook.toml");
    let config = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(&path, format!("{config}\n{lines}\n")).unwrap();
}

/// Every file under `dir`, as paths relative to it with `/` separators.
pub fn relative_files(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// Chromium (`program`) headless, quiet and with a fresh first run, ready for more arguments.
pub fn headless_chromium(program: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(program);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ]);
    command
}

/// Chromium's path (`CHROMIUM`, else Debian's), failing the test with what to install when it is
/// missing.
pub fn chromium_path() -> PathBuf {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        chromium.is_file(),
        "this test needs Chromium at {} (apt-get install chromium, or set CHROMIUM); \
         see tests/e2e/README",
        chromium.display()
    );
    chromium
}

/// The Node scripts that drive Chromium in tests/e2e, ready to run: Chromium and Node.js are
/// there and the folder's Node package is installed (once, by `npm ci`).
pub struct BrowserScripts {
    folder: PathBuf,
    chromium: PathBuf,
}

impl BrowserScripts {
    /// Fails the test with what to install when a piece is missing.
    pub fn ready() -> Self {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
        let chromium = chromium_path();
        assert!(
            Command::new("node")
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success()),
            "this test needs Node.js on PATH (apt-get install nodejs); see tests/e2e/README"
        );
        // Tests run in parallel: one installs while the others wait on this lock, then find the
        // packages in place.
        let lock = std::fs::File::create(folder.join(".npm-ci.lock"))
            .expect("tests/e2e is writable for the install lock");
        lock.lock().expect("the install lock");
        // Each package the scripts import: a folder installed before one was added updates.
        let installed = ["playwright-core", "axe-core"]
            .iter()
            .all(|p| folder.join("node_modules").join(p).is_dir());
        if !installed {
            let status = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&folder)
                .status()
                .expect("npm is on PATH to install the tests' Node package");
            assert!(
                status.success(),
                "`npm ci` in tests/e2e failed; see tests/e2e/README"
            );
        }
        drop(lock);
        Self { folder, chromium }
    }

    /// Runs `script` (a file of tests/e2e) with `args`, failing the test with its output, headed
    /// by `what`, unless it exits successfully.
    pub fn run<I, A>(&self, script: &str, args: I, what: &str)
    where
        I: IntoIterator<Item = A>,
        A: AsRef<OsStr>,
    {
        let output = Command::new("node")
            .arg(self.folder.join(script))
            .args(args)
            .env("CHROMIUM", &self.chromium)
            .output()
            .expect("node runs");
        assert!(
            output.status.success(),
            "{what}: the browser script {script} failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// A static file server for `dir`, killed when dropped.
pub struct Server {
    child: std::process::Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve(dir: &Path) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = Server {
        child: Command::new("python3")
            .args([
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--directory",
            ])
            .arg(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3 serves the test site (install python3)"),
        port,
    };
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return server;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the test server did not start on port {port}");
}

/// Imports a raw text whose headline carries `payload` (as an attacker's page would), files it
/// under `topics` in `content/articles/` and returns its file stem: the chain from import into
/// a built page, for the tests that check hostile text stays text.
pub fn write_imported_payload(content: &Path, payload: &str, topics: Vec<String>) -> String {
    let ctx = briefbook::import::ImportContext::new(&[], &[], &[]).unwrap();
    let imported = briefbook::import::import_text(
        &format!(
            "Talks resume in Oslo {payload} today\n\nOSLO (Reuters) - Talks resumed on Monday, \
             officials said, after a break of two weeks over the agenda.\n"
        ),
        "raw.txt",
        &ctx,
    );
    assert!(
        imported.front.title.contains("onerror"),
        "the payload survives import as text"
    );
    let stem = imported.file_stem();
    let mut front = imported.front.clone();
    front.topics = topics;
    std::fs::write(
        content.join("articles").join(format!("{stem}.md")),
        briefbook::import::render_article(&front, &imported.body),
    )
    .unwrap();
    stem
}
