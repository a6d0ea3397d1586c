//! A questionnaire definition (any text): parsed as `--survey FILE` parses it; when it parses,
//! written out as `wenjuan init` writes one, and that text parsed again.
#![no_main]

use std::path::Path;
use wenjuan::survey::{definition, write};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let path = Path::new("/nonexistent/surveys/fuzz.toml");
    let Ok(survey) = definition::parse(&source, path) else {
        return;
    };
    let text = write::to_toml(
        &survey,
        &[],
        Path::new("/nonexistent/surveys"),
        &[],
        wenjuan::i18n::Lang::En,
    );
    let _ = definition::parse(&text, path);
});
