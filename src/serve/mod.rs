//! `briefbook serve`: builds the book into memory, serves it over HTTP and, with `--watch`,
//! rebuilds incrementally on every change and reloads open browser tabs. The output folder is
//! never touched: the server answers from memory.

mod deps;
pub mod http;
pub mod incremental;
pub mod reload;
pub mod watch;

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::compose::BuildOptions;
use crate::error::{Diagnostics, Error};
use incremental::{Change, Rebuilt, Site};
use reload::LiveReload;

/// What to serve and how.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub drafts: bool,
    pub watch: bool,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

/// Builds the book, serves it until Ctrl-C and, when watching, rebuilds on every change.
pub fn serve(options: ServeOptions) -> Result<(), Error> {
    crate::config::ensure_book(&options.root)?;
    let root = std::fs::canonicalize(&options.root).map_err(|e| Error::io(&options.root, e))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::io(&root, e))?;
    let address = SocketAddr::new(options.bind, options.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(address))
        .map_err(|source| Error::Listen { address, source })?;
    let address = listener.local_addr().map_err(|e| Error::io(&root, e))?;
    let url = format!("http://{}/", display_address(address));
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: anyone on your network can read this preview",
            options.bind
        );
    }

    let mut site = Site::new(BuildOptions {
        root: root.clone(),
        output: None,
        // Absolute links (the 404 page's) must point at this server, not the published site.
        base_url: Some(url.clone()),
        drafts: options.drafts,
        preview: true,
        ..BuildOptions::default()
    });
    let live = options.watch.then(|| Arc::new(LiveReload::default()));
    first_build(&mut site, live.as_deref())?;

    let state = Arc::new(http::AppState {
        served: site.served(),
        live: live.clone(),
        hosts: http::allowed_hosts(options.bind),
    });
    if let Some(live) = &live {
        start_rebuilding(site, live.clone())?;
    }
    let watching = if options.watch {
        ", rebuilding on changes"
    } else {
        ""
    };
    println!(
        "Serving {} at {url}{watching}; press Ctrl-C to stop",
        root.display()
    );
    if options.open {
        open_browser(&url);
    }

    accept_until_stopped(&runtime, listener, http::router(state), live);
    runtime.shutdown_timeout(Duration::from_millis(500));
    Ok(())
}

/// Builds the whole book once; its errors stop the server unless it is watching, when the fix is
/// one save away.
fn first_build(site: &mut Site, live: Option<&LiveReload>) -> Result<(), Error> {
    match site.rebuild(&[Change::Everything]) {
        Ok(rebuilt) => println!(
            "Built {} articles ({} files) in {} ms",
            site.linked().book.articles.len(),
            rebuilt.written,
            rebuilt.elapsed.as_millis()
        ),
        Err(diagnostics) => match live {
            // While watching, the fix is one save away: keep serving and show the errors.
            Some(live) => live.failed(report(&diagnostics)),
            None => return Err(Error::Content(diagnostics)),
        },
    }
    let warnings = site.diagnostics().warnings().count();
    if warnings > 0 {
        println!("{warnings} warning(s); `briefbook check` lists them");
    }
    Ok(())
}

/// Serves connections on the runtime until Ctrl-C, then tells the browsers the server is gone.
fn accept_until_stopped(
    runtime: &tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    app: axum::Router,
    shutdown_live: Option<Arc<LiveReload>>,
) {
    runtime.block_on(async move {
        let stop = tokio::signal::ctrl_c();
        tokio::pin!(stop);
        loop {
            tokio::select! {
                _ = &mut stop => {
                    println!("Stopping");
                    if let Some(live) = shutdown_live {
                        live.shutdown();
                    }
                    break;
                }
                accepted = listener.accept() => {
                    let Ok((stream, _)) = accepted else { continue };
                    tokio::spawn(serve_connection(stream, app.clone()));
                }
            }
        }
    });
}

/// How long a client may take to send a request's headers: a client that sends them a byte at
/// a time (slowloris) is cut off instead of holding a connection open for ever.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);

/// Serves one connection: HTTP/1.1 with keep-alive, its request headers read under a deadline.
async fn serve_connection(stream: tokio::net::TcpStream, app: axum::Router) {
    let io = hyper_util::rt::TokioIo::new(stream);
    let service = hyper_util::service::TowerToHyperService::new(app);
    let _ = hyper::server::conn::http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .serve_connection(io, service)
        .await;
}

/// Starts the watcher and a thread that rebuilds on every burst of changes. The thread stops
/// with the process.
///
/// Each batch of changes is applied at once ([`Site::update`]), which serves the edited articles'
/// own pages; once the book has been quiet for [`watch::QUIET`] the rest of the site follows
/// ([`Site::finish`]), and one line reports the whole burst. Changes arriving during that stop it:
/// they are applied, and the next finish completes the rebuild.
fn start_rebuilding(mut site: Site, live: Arc<LiveReload>) -> Result<(), Error> {
    let mut watcher = watch::Watcher::start(site.root())?;
    std::thread::Builder::new()
        .name("briefbook-rebuild".to_string())
        .spawn(move || {
            let waiting = watcher.waiting();
            let stop = move || waiting.load(std::sync::atomic::Ordering::SeqCst);
            // Everything changed since the last report.
            let mut burst: BTreeSet<Change> = BTreeSet::new();
            'rebuilds: while let Some(changes) = watcher.next_batch() {
                // Errors wait for the book to be quiet: a save may be caught half-way.
                let _ = site.update(&changes);
                burst.extend(changes);
                loop {
                    match watcher.next_within(watch::QUIET) {
                        watch::Next::Changes(changes) => {
                            let _ = site.update(&changes);
                            burst.extend(changes);
                        }
                        // A checkout writing files slowly: wait for git to finish.
                        watch::Next::Quiet if watcher.git_busy() => {}
                        watch::Next::Quiet => break,
                        watch::Next::Stopped => break 'rebuilds,
                    }
                }
                let result = site.finish(&stop);
                if matches!(result, Ok(ControlFlow::Break(()))) {
                    continue;
                }
                let what = describe(site.root(), &burst.iter().cloned().collect::<Vec<_>>());
                burst.clear();
                match result {
                    Ok(ControlFlow::Continue(rebuilt)) => {
                        println!("{}", log_line(&what, &rebuilt));
                        if rebuilt.written + rebuilt.removed > 0 {
                            live.published(rebuilt.css_only);
                        } else {
                            live.unchanged();
                        }
                    }
                    Ok(ControlFlow::Break(())) => {}
                    Err(diagnostics) => {
                        eprintln!(
                            "Changed {what}: the book has errors; still serving the last good site"
                        );
                        live.failed(report(&diagnostics));
                    }
                }
            }
        })
        .map_err(|e| Error::io(std::path::Path::new("."), e))?;
    Ok(())
}

/// Prints errors (and warnings) to the terminal; returns the errors as one overlay message.
fn report(diagnostics: &Diagnostics) -> String {
    let errors: Vec<String> = diagnostics.errors().map(|d| d.to_string()).collect();
    for error in &errors {
        eprintln!("{error}");
    }
    errors.join("\n\n")
}

/// One compact line: what changed, files written, milliseconds.
fn log_line(what: &str, rebuilt: &Rebuilt) -> String {
    let mut line = format!("Changed {what}: {} file(s) written", rebuilt.written);
    if rebuilt.removed > 0 {
        line.push_str(&format!(", {} removed", rebuilt.removed));
    }
    line.push_str(&format!(" in {} ms", rebuilt.elapsed.as_millis()));
    if let Some(first) = rebuilt.first_served {
        line.push_str(&format!(
            " (edited page served after {} ms)",
            first.as_millis()
        ));
    }
    line
}

fn describe(root: &std::path::Path, changes: &[Change]) -> String {
    let names: Vec<String> = changes
        .iter()
        .map(|change| match change {
            Change::Article(path) => path
                .strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string(),
            Change::Actors => crate::load::ACTORS_FILE.to_string(),
            Change::Topics => crate::load::TOPICS_FILE.to_string(),
            Change::Outlets => crate::load::OUTLETS_FILE.to_string(),
            Change::Introduction => crate::load::INTRODUCTION_FILE.to_string(),
            Change::Templates => "templates".to_string(),
            Change::Theme { .. } => "theme".to_string(),
            Change::Everything => "the whole book".to_string(),
        })
        .collect();
    match names.as_slice() {
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} and {} more", rest.len()),
        [] => "nothing".to_string(),
    }
}

fn display_address(address: SocketAddr) -> String {
    match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => format!("127.0.0.1:{}", address.port()),
        IpAddr::V6(ip) if ip.is_unspecified() => format!("[::1]:{}", address.port()),
        _ => address.to_string(),
    }
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if let Err(e) = std::process::Command::new(command.0)
        .args(&command.1)
        .spawn()
    {
        eprintln!("warning: cannot open a browser ({e}); visit {url}");
    }
}
