//! How a publish shows how far it has got, and how long each phase took.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How a long publish shows how far it has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// A bar on the terminal when standard error is one, else a line every
    /// few seconds.
    Shown,
    /// Nothing (tests).
    Quiet,
}

/// The phases of a publish as they end.
pub(super) struct Phases {
    pub(super) done: Vec<(&'static str, Duration)>,
    since: Instant,
}

impl Default for Phases {
    fn default() -> Self {
        Phases {
            done: Vec::new(),
            since: Instant::now(),
        }
    }
}

impl Phases {
    pub(super) fn end(&mut self, phase: &'static str) {
        self.done.push((phase, self.since.elapsed()));
        self.since = Instant::now();
    }
}

/// How far a phase has got: a bar on a terminal, plain lines elsewhere (as
/// in CI), nothing when quiet.
pub(super) enum Meter {
    Bar(ProgressBar),
    Lines {
        what: &'static str,
        total: usize,
        done: AtomicUsize,
        started: Instant,
        last: Mutex<Instant>,
    },
    Quiet,
}

impl Meter {
    pub(super) fn start(mode: Progress, what: &'static str, total: usize) -> Self {
        match mode {
            Progress::Quiet => Meter::Quiet,
            _ if total < 200 => Meter::Quiet,
            _ if std::io::stderr().is_terminal() => {
                let bar =
                    ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template(
                        "publish: {msg} {bar:30} {human_pos}/{human_len} ({per_sec}, {eta} left)",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar.set_message(what);
                Meter::Bar(bar)
            }
            _ => Meter::Lines {
                what,
                total,
                done: AtomicUsize::new(0),
                started: Instant::now(),
                last: Mutex::new(Instant::now()),
            },
        }
    }

    pub(super) fn advance(&self) {
        match self {
            Meter::Bar(bar) => bar.inc(1),
            Meter::Lines {
                what,
                total,
                done,
                started,
                last,
            } => {
                let done = done.fetch_add(1, Ordering::Relaxed) + 1;
                let Ok(mut last) = last.try_lock() else {
                    return;
                };
                if last.elapsed() < Duration::from_secs(5) {
                    return;
                }
                *last = Instant::now();
                let rate = done as f64 / started.elapsed().as_secs_f64().max(0.001);
                let left = (*total - done.min(*total)) as f64 / rate.max(0.001);
                eprintln!(
                    "publish: {what}: {done} of {total} ({}%), {rate:.0} a second, about {left:.0} s left",
                    done * 100 / (*total).max(1)
                );
            }
            Meter::Quiet => {}
        }
    }

    pub(super) fn finish(&self) {
        if let Meter::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}
