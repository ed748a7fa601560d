//! Sanitiser runs as User Timing measures, visible in the browser's
//! performance panel and read by the benchmark (`tests/bench/browser.mjs`).

const SANITIZE_START: &str = "folio:sanitize:start";
const SANITIZE_END: &str = "folio:sanitize:end";

/// One sanitiser run, recorded as `folio:sanitize bytes=<input bytes>`.
pub struct SanitizeTiming(Option<web_sys::Performance>);

impl SanitizeTiming {
    /// Marks the start.
    pub fn start() -> Self {
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &performance {
            p.mark(SANITIZE_START).ok();
        }
        SanitizeTiming(performance)
    }

    /// Marks the end and records the measure for `bytes` of input.
    pub fn finish(self, bytes: usize) {
        if let Some(p) = self.0 {
            p.mark(SANITIZE_END).ok();
            let name = format!("folio:sanitize bytes={bytes}");
            p.measure_with_start_mark_and_end_mark(&name, SANITIZE_START, SANITIZE_END).ok();
            p.clear_marks_with_mark_name(SANITIZE_START);
            p.clear_marks_with_mark_name(SANITIZE_END);
        }
    }
}
