//! The viewer's entry point in the browser: everything is in the library
//! (`src/lib.rs`); this only starts it.

fn main() {
    folio::start();
}
