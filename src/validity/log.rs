//! The review log: the evaluator's decisions (exclude or reinstate a response, with a reason),
//! kept next to the export as `<export>.review.jsonl`, one JSON object per line, append-only.
//!
//! Each decision is written and synced to disk before the command (or key press) returns, so a
//! killed process loses nothing. On replay, later decisions about a row override earlier ones; a
//! line that cannot be read (a torn last line after a crash) is reported and skipped, and every
//! other decision still applies.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Exclude,
    Include,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Exclude => "exclude",
            Verdict::Include => "include",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// When it was made, UTC, `2026-11-22T09:30:00Z`.
    pub time: String,
    /// 1-based data row in the export.
    pub row: u64,
    /// The export's own respondent number (序号), or `#row` when it has none.
    pub respondent: String,
    pub decision: Verdict,
    /// The rule the decision confirms (`speeder` …), or `manual`.
    pub rule: String,
    pub reason: String,
}

/// The log of an export: `responses/public.csv` → `responses/public.csv.review.jsonl`.
pub fn path_for(export: &Path) -> PathBuf {
    let name = export
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    export.with_file_name(format!("{name}.review.jsonl"))
}

/// Decisions in the order they were made, and a message per unreadable line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Replay {
    /// Each with the 1-based line of the log it was read from.
    pub decisions: Vec<(usize, Decision)>,
    pub problems: Vec<crate::i18n::Message>,
}

pub fn read(export: &Path) -> Result<Replay> {
    let path = path_for(export);
    let text = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Replay::default()),
        Err(e) => return Err(Error::io(&path, &e)),
    };
    let mut replay = Replay::default();
    let lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
    let last = lines.len().saturating_sub(1);
    for (i, line) in lines.iter().enumerate() {
        if line.trim_ascii().is_empty() {
            continue;
        }
        match serde_json::from_slice::<Decision>(line) {
            Ok(d) => replay.decisions.push((i + 1, d)),
            Err(e) => {
                let what = if i == last {
                    crate::msg!(log_line_torn)
                } else {
                    crate::msg!(log_line_unreadable)
                };
                replay.problems.push(crate::msg!(
                    log_line_skipped,
                    path.display(),
                    i + 1,
                    what,
                    e
                ));
            }
        }
    }
    Ok(replay)
}

/// Appends one decision and syncs it to disk. A torn last line left by a crash is closed first so
/// the new decision starts on a line of its own.
pub fn append(export: &Path, decision: &Decision) -> Result<()> {
    let path = path_for(export);
    let io = |e: std::io::Error| Error::io(&path, &e);
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(&path)
        .map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    let mut line = Vec::with_capacity(256);
    if len > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::Start(len - 1)).map_err(io)?;
        file.read_exact(&mut last).map_err(io)?;
        if last[0] != b'\n' {
            line.push(b'\n');
        }
    }
    serde_json::to_writer(&mut line, decision)
        .map_err(|e| Error::input(crate::i18n::Message::raw(e.to_string())))?;
    line.push(b'\n');
    file.write_all(&line).map_err(io)?;
    file.sync_data().map_err(io)?;
    Ok(())
}

/// The current time as `2026-11-22T09:30:00Z`.
pub fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (y, m, d) = crate::ingest::values::civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(row: u64, verdict: Verdict, reason: &str) -> Decision {
        Decision {
            time: "2026-11-22T09:30:00Z".into(),
            row,
            respondent: row.to_string(),
            decision: verdict,
            rule: "manual".into(),
            reason: reason.into(),
        }
    }

    #[test]
    fn decisions_replay_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let export = dir.path().join("a.csv");
        append(&export, &decision(3, Verdict::Exclude, "speeder, 8 s")).unwrap();
        append(
            &export,
            &decision(3, Verdict::Include, "called back: genuine"),
        )
        .unwrap();
        let replay = read(&export).unwrap();
        assert_eq!(replay.decisions.len(), 2);
        assert_eq!(replay.decisions[1].1.decision, Verdict::Include);
        assert!(replay.problems.is_empty());
    }

    #[test]
    fn a_torn_last_line_is_reported_and_the_next_write_starts_clean() {
        let dir = tempfile::tempdir().unwrap();
        let export = dir.path().join("a.csv");
        append(&export, &decision(1, Verdict::Exclude, "dup")).unwrap();
        // A crash in the middle of the second write.
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(path_for(&export))
            .unwrap();
        f.write_all(br#"{"time":"2026-11-22T09:31:00Z","row":2,"respon"#)
            .unwrap();
        let replay = read(&export).unwrap();
        assert_eq!(replay.decisions.len(), 1);
        assert_eq!(replay.problems.len(), 1);
        assert!(
            replay.problems[0]
                .render(crate::i18n::Lang::En)
                .contains("line 2"),
            "{:?}",
            replay.problems
        );
        append(&export, &decision(4, Verdict::Exclude, "blank")).unwrap();
        let replay = read(&export).unwrap();
        assert_eq!(
            replay
                .decisions
                .iter()
                .map(|(_, d)| d.row)
                .collect::<Vec<_>>(),
            [1, 4]
        );
        assert_eq!(replay.problems.len(), 1, "the torn line stays reported");
    }

    #[test]
    fn log_sits_next_to_the_export() {
        assert_eq!(
            path_for(Path::new("responses/p.csv")),
            PathBuf::from("responses/p.csv.review.jsonl")
        );
    }
}
