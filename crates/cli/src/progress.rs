//! How the library tells its caller that long work is moving: a small trait
//! the binary implements with a progress bar, and tests with nothing.

/// Receives progress reports from a build. Both methods may be called from
/// several threads at once.
pub trait Progress: Sync {
    /// The work has `total` steps (it may be called again as the build learns
    /// more).
    fn set_length(&self, total: u64);
    /// `steps` more steps are done.
    fn advance(&self, steps: u64);
}

/// Progress that nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn set_length(&self, _total: u64) {}
    fn advance(&self, _steps: u64) {}
}
