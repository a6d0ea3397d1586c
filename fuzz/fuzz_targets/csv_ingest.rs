//! A CSV export (any bytes, any encoding): read in parallel chunks and on one thread (the two must
//! agree), summarised and `init`-ed like `wenjuan summarize FILE` / `wenjuan init FILE`.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let path = common::write_export(data, "csv");
    common::csv(&path);
});
