//! A progress bar for long runs: drawn on stderr only when it is a terminal, and only once the
//! run has taken about a second, so quick builds and piped output stay quiet.

use std::io::IsTerminal as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes unreported before its bar appears.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// A bar counting `len` steps; inert when not wanted or stderr is not a terminal.
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    shown: AtomicBool,
}

impl Progress {
    pub fn new(wanted: bool, len: usize, label: &str) -> Progress {
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::hidden());
            if let Ok(style) =
                ProgressStyle::with_template(&format!("{label} {{bar:40}} {{pos}}/{{len}}"))
            {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            shown: AtomicBool::new(false),
        }
    }

    /// One step done; the bar appears once the run has lasted [`QUIET_FOR`].
    pub fn step(&self) {
        self.steps(1);
    }

    /// `n` steps done.
    pub fn steps(&self, n: usize) {
        let Some(bar) = &self.bar else { return };
        bar.inc(n as u64);
        if !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= QUIET_FOR
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Removes the bar, leaving the terminal as it was.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
