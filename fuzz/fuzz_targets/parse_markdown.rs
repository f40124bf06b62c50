//! Markdown parsing: any input is a draft, with unique clause ids and lines inside the source.
#![no_main]

use clausediff::InputFormat;
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::parse_and_check(&common::text(data), InputFormat::Markdown);
});
