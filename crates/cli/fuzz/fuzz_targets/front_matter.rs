//! Front matter splitting must never panic, and what it returns must be
//! slices of the input that add up.
#![no_main]

use folio_cli::{opens_with_front_matter, split_front_matter, FrontMatter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = opens_with_front_matter(data);
    if let Ok(text) = std::str::from_utf8(data) {
        if let FrontMatter::Found(s) = split_front_matter(text) {
            assert!(text.ends_with(s.body));
            assert!(text.contains(s.yaml));
            assert!(s.body_line >= 3);
        }
    }
});
