//! Date parsing must never panic, and every date it accepts must print as an
//! RFC 3339 timestamp that folio-core reads back to the same instant.
#![no_main]

use folio_cli::{filename_date, parse_jekyll_date, SiteZone};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = filename_date(text);
    for zone in [SiteZone::default(), SiteZone::from_name("Asia/Shanghai").unwrap()] {
        if let Some(date) = parse_jekyll_date(text, zone) {
            let printed = date.to_rfc3339();
            assert_eq!(folio_core::parse_date(&printed).unwrap(), date, "{text:?} -> {printed}");
        }
    }
});
