//! The progress bar, drawn with indicatif on stderr when it is a terminal,
//! and only once a run has taken more than a second.

use std::time::Duration;

use folio_cli::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A [`Progress`] shown as a bar on a terminal, hidden otherwise.
pub struct TerminalProgress(ProgressBar);

impl TerminalProgress {
    /// A bar that draws on stderr when `terminal` is set, after a second.
    pub fn new(terminal: bool) -> Self {
        if !terminal {
            return TerminalProgress(ProgressBar::hidden());
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
            bar.set_style(style);
        }
        let shown = bar.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(1));
            if !shown.is_finished() {
                shown.set_draw_target(ProgressDrawTarget::stderr());
            }
        });
        TerminalProgress(bar)
    }

    /// Removes the bar before the summary is printed.
    pub fn finish_and_clear(&self) {
        self.0.finish_and_clear();
    }
}

impl Progress for TerminalProgress {
    fn set_length(&self, total: u64) {
        self.0.set_length(total);
    }

    fn advance(&self, steps: u64) {
        self.0.inc(steps);
    }
}
