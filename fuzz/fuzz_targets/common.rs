#![allow(dead_code)] // each target uses its part
//! What every ingestion target does with one input: write it to a file as the user would have it,
//! read it, and when it reads, run everything `wenjuan summarize FILE` and `wenjuan init FILE` run
//! on it. Any `Err` is an answer; a panic, abort, hang or runaway allocation is a bug.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use wenjuan::figures::Settings;
use wenjuan::figures::study::Study;
use wenjuan::i18n::Lang;
use wenjuan::ingest::{ReadOptions, Table, read_table};
use wenjuan::model::load::{Inputs, Loaded};
use wenjuan::report::Format;
use wenjuan::survey::headers::column_kinds;
use wenjuan::survey::{QuestionKind, definition, write};

/// One scratch folder per fuzzing process, reused for every input (a new one per input would
/// cost more than the reading).
fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a scratch folder"))
        .path()
}

/// Writes `bytes` to `export.<ext>` in the scratch folder.
pub fn write_export(bytes: &[u8], ext: &str) -> PathBuf {
    let path = scratch().join(format!("export.{ext}"));
    std::fs::write(&path, bytes).expect("writing the scratch export");
    // Nothing here writes a review log (`export.<ext>.review.jsonl`), so every input is read alone.
    path
}

/// What `wenjuan summarize FILE` (inferred questionnaire, validity review, figures, indicators, the
/// three renderings) and `wenjuan init FILE` (the definition written out and read back) do with a
/// file.
pub fn pipeline(path: &Path) {
    let inputs = Inputs {
        files: vec![path.to_path_buf()],
        ..Inputs::default()
    };
    let Ok(study) = Study::load(&inputs) else {
        return;
    };
    let _ = study.warnings();
    if let Ok(summary) = study.summary(Settings::default(), None, false) {
        for format in [Format::Csv, Format::Json, Format::Markdown] {
            let _ = wenjuan::report::summary(&summary, format, Lang::Zh);
        }
    }
    // Broken down by the first single-choice question, on every response.
    let by = study.surveys.first().and_then(|l| {
        l.survey
            .questions
            .iter()
            .find(|q| q.kind == QuestionKind::Single)
            .map(|q| q.id.clone())
    });
    if let Some(by) = by
        && let Ok(summary) = study.summary(Settings::default(), Some(&by), true)
    {
        let _ = wenjuan::report::summary(&summary, Format::Markdown, Lang::En);
    }
    if init_check() {
        for l in &study.surveys {
            init_reads_back(l);
        }
    }
}

/// `FUZZ_NO_INIT_CHECK=1` leaves out the check that `init`'s output reads back (to get past a
/// known failure of it).
fn init_check() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        std::env::var_os("FUZZ_NO_INIT_CHECK").is_none_or(|v| v.is_empty() || v == "0")
    })
}

/// `wenjuan init FILE > def.toml` then `wenjuan summarize --survey def.toml` must work: the written
/// definition parses. (Without a question column it is a template to fill in, which the parser
/// rightly refuses; not checked.)
fn init_reads_back(l: &Loaded) {
    if l.survey.questions.is_empty() {
        return;
    }
    let text = write::to_toml(&l.survey, &l.notes, scratch(), &[], Lang::Zh);
    if let Err(e) = definition::parse(&text, &scratch().join("init.toml")) {
        panic!("`wenjuan init` wrote a definition that does not read back: {e}\n{text}");
    }
}

/// The CSV target: read on one thread and in parallel chunks (as a large export is), which must
/// give the same table; then, when it reads, the whole pipeline.
pub fn csv(path: &Path) {
    let one_thread = ReadOptions {
        threads: 1,
        ..ReadOptions::default()
    };
    let chunked = ReadOptions {
        threads: 3,
        parallel_min_bytes: 0,
        ..ReadOptions::default()
    };
    let one = read_table(path, &one_thread, &column_kinds);
    let many = read_table(path, &chunked, &column_kinds);
    match (one, many) {
        (Err(_), Err(_)) => {}
        (Ok(_), Err(e)) => panic!("read on one thread, but in chunks: {e}"),
        (Err(e), Ok(_)) => panic!("read in chunks, but on one thread: {e}"),
        (Ok(one), Ok(many)) => {
            same_table(&one, &many);
            drop((one, many));
            pipeline(path);
        }
    }
}

fn same_table(one: &Table, many: &Table) {
    assert_eq!(one.headers, many.headers, "headers differ in chunks");
    assert_eq!(one.rows, many.rows, "row count differs in chunks");
    assert_eq!(one.file_rows, many.file_rows, "file rows differ in chunks");
    assert_eq!(
        one.skipped_empty_rows, many.skipped_empty_rows,
        "skipped rows differ in chunks"
    );
    assert_eq!(one.encoding, many.encoding, "encoding differs in chunks");
    assert_eq!(
        one.columns.len(),
        many.columns.len(),
        "columns differ in chunks"
    );
    for c in 0..one.columns.len() {
        for r in 0..one.rows {
            assert_eq!(
                one.columns[c].display(r),
                many.columns[c].display(r),
                "row {r} column {c} differs in chunks"
            );
        }
    }
}
