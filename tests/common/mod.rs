//! Helpers for tests that run the built `wenjuan` binary.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> String {
    root()
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// Runs wenjuan in `dir` (the repository root when `None`) with a Chinese locale.
pub fn run_in(dir: Option<&Path>, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_wenjuan"))
        .args(args)
        .current_dir(dir.map(Path::to_path_buf).unwrap_or_else(root))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run wenjuan");
    Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn run(args: &[&str]) -> Run {
    run_in(None, args)
}

/// Runs wenjuan with `--lang en`, for tests that read its English messages.
pub fn run_en(args: &[&str]) -> Run {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    run_in(None, &all)
}

/// Parses CSV output into rows keyed by column name.
pub fn csv_rows(text: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The one row matching every (column, value) pair.
pub fn row<'a>(
    rows: &'a [HashMap<String, String>],
    want: &[(&str, &str)],
) -> &'a HashMap<String, String> {
    let found: Vec<&HashMap<String, String>> = rows
        .iter()
        .filter(|r| {
            want.iter()
                .all(|(k, v)| r.get(*k).map(String::as_str) == Some(*v))
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one row matching {want:?}, found {}",
        found.len()
    );
    found[0]
}

pub fn num(row: &HashMap<String, String>, column: &str) -> f64 {
    row[column]
        .parse()
        .unwrap_or_else(|_| panic!("{column} = {:?} is not a number", row[column]))
}

/// A copy of `dir` (its files, not subfolders) at `to`, leaving out review logs of earlier runs.
pub fn copy_files(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() && !path.to_string_lossy().ends_with(".review.jsonl") {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// The bundled example (`surveys/` and `responses/`) copied to a temporary folder, so
/// decisions made on it land in review logs of its own.
pub fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_files(&root().join("surveys"), &dir.path().join("surveys"));
    copy_files(&root().join("responses"), &dir.path().join("responses"));
    dir
}
