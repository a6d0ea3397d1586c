//! Real export shapes against `wenjuan summarize` with no definition.
//!
//! `tests/fixtures/shapes/` holds one questionnaire per shape that 问卷星, 腾讯问卷 and 金数据
//! really write (see its README and the header of `scripts/make_shapes.py`, which cites the
//! sources), and `expected.json`, whose counts the generator computed from the answers it
//! drew. Every file is summarised with `wenjuan --lang en summarize --all FILE`; every
//! expectation that does not hold is collected, and one table of all of them (file,
//! question, what, expected, got) is printed before the test fails, so a run shows
//! everything that is wrong at once.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

type Row = HashMap<String, String>;
/// A summary's standard output and rows, or why there is none.
type Summary = Result<(String, Vec<Row>), String>;

const TOLERANCE: f64 = 1e-9;

struct Mismatch {
    file: String,
    question: String,
    what: String,
    expected: String,
    got: String,
}

fn shapes_dir() -> PathBuf {
    common::root().join("tests/fixtures/shapes")
}

fn expected() -> Value {
    let path = shapes_dir().join("expected.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/make_shapes.py)", path.display()));
    serde_json::from_str(&text).expect("expected.json parses")
}

/// Runs `wenjuan --lang en summarize --all FILE`; the rows, or the failure to report.
fn summarize(file: &str) -> Summary {
    let path = shapes_dir().join(file).display().to_string();
    let r = common::run_en(&["summarize", "--all", &path]);
    if r.status != 0 {
        let dir = format!("{}/", shapes_dir().display());
        let first = r.stderr.lines().next().unwrap_or("");
        let first = first
            .trim_start_matches("wenjuan: error: ")
            .replace(&dir, "");
        return Err(format!("exit {}: {first}", r.status));
    }
    let rows = common::csv_rows(&r.stdout);
    Ok((r.stdout, rows))
}

/// Question ids in the questionnaire's order: q2 before q10, q3_2 before q3_10.
fn natural_key(id: &str) -> Vec<u64> {
    id.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap_or(u64::MAX))
        .collect()
}

fn num(s: &str) -> Option<f64> {
    s.trim().parse().ok()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOLERANCE * b.abs().max(1.0)
}

fn as_count(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

struct Checker<'a> {
    file: &'a str,
    rows: &'a [Row],
    out: Vec<Mismatch>,
    checks: usize,
}

impl Checker<'_> {
    fn miss(
        &mut self,
        question: &str,
        what: impl Into<String>,
        expected: impl Into<String>,
        got: impl Into<String>,
    ) {
        self.out.push(Mismatch {
            file: self.file.to_string(),
            question: question.to_string(),
            what: what.into(),
            expected: expected.into(),
            got: got.into(),
        });
    }

    /// Compares one field of a row; a missing row is a mismatch of its own.
    fn field(&mut self, q: &str, what: &str, row: Option<&Row>, column: &str, want: &str) {
        self.checks += 1;
        match row {
            None => self.miss(q, what, want, "(no row)"),
            Some(r) => {
                let got = r.get(column).map(String::as_str).unwrap_or("");
                if got != want {
                    self.miss(q, format!("{what} {column}"), want, got);
                }
            }
        }
    }

    fn float(&mut self, q: &str, what: &str, row: Option<&Row>, column: &str, want: f64) {
        self.checks += 1;
        match row {
            None => self.miss(q, what, format!("{want}"), "(no row)"),
            Some(r) => {
                let got = r.get(column).map(String::as_str).unwrap_or("");
                if !num(got).is_some_and(|g| close(g, want)) {
                    self.miss(q, format!("{what} {column}"), format!("{want}"), got);
                }
            }
        }
    }

    fn received(&mut self, want: &Value) {
        let row = self
            .rows
            .iter()
            .find(|r| r["statistic"] == "responses" && r["level"] == "received");
        self.field("", "responses received", row, "count", &as_count(want));
    }

    /// Every question the summary shows must be one the questionnaire has: metadata columns
    /// and matrix rows read as questions of their own show up here.
    fn no_other_questions(&mut self, ids: &[&String]) {
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for r in self.rows.iter().filter(|r| r["group"].is_empty()) {
            let q = r["question"].as_str();
            if q.is_empty() || q.starts_with("dimension:") || seen.iter().any(|(s, _)| *s == q) {
                continue;
            }
            seen.push((q, r["text"].as_str()));
        }
        for (q, text) in seen {
            self.checks += 1;
            if !ids.iter().any(|id| id.as_str() == q) {
                self.miss(q, "unexpected question", "-", format!("{q} ({text})"));
            }
        }
    }

    fn question(&mut self, id: &str, q: &Value) {
        let rows: Vec<&Row> = self
            .rows
            .iter()
            .filter(|r| r["question"] == id && r["group"].is_empty())
            .collect();
        self.checks += 1;
        if rows.is_empty() {
            let hint = q["text"].as_str().unwrap_or("");
            let mut found: Vec<&str> = self
                .rows
                .iter()
                .filter(|r| !hint.is_empty() && !r["text"].is_empty())
                .filter(|r| r["text"].contains(hint) || hint.contains(r["text"].as_str()))
                .map(|r| r["question"].as_str())
                .collect();
            found.dedup();
            let got = if found.is_empty() {
                "absent".to_string()
            } else {
                format!("absent; its text is under {}", found.join(", "))
            };
            self.miss(id, "question", format!("present ({hint})"), got);
            return;
        }
        let find = |statistic: &str, level: &str| -> Option<&Row> {
            rows.iter()
                .copied()
                .find(|r| r["statistic"] == statistic && r["level"] == level)
        };
        let kind = q["kind"].as_str().unwrap_or("");
        let n = as_count(&q["n"]);

        if kind == "single" || kind == "multiple" {
            let levels = q["levels"].as_array().cloned().unwrap_or_default();
            let mut n_checked = false;
            for pair in &levels {
                let label = pair[0].as_str().unwrap_or("");
                let row = find("share", label);
                self.field(
                    id,
                    &format!("share[{label}]"),
                    row,
                    "count",
                    &as_count(&pair[1]),
                );
                if let (Some(r), false) = (row, n_checked) {
                    n_checked = true;
                    self.field(id, "share", Some(r), "n", &n);
                }
            }
            let known: Vec<&str> = levels.iter().filter_map(|p| p[0].as_str()).collect();
            for r in rows.iter().filter(|r| r["statistic"] == "share") {
                self.checks += 1;
                if !known.contains(&r["level"].as_str()) {
                    self.miss(
                        id,
                        format!("unexpected share[{}]", r["level"]),
                        "-",
                        r["count"].clone(),
                    );
                }
            }
        }

        match q.get("positive") {
            Some(Value::Object(p)) => {
                let want_levels: Vec<&str> = p["levels"]
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let row = rows
                    .iter()
                    .copied()
                    .find(|r| r["statistic"] == "positive_share");
                self.field(id, "positive_share", row, "count", &as_count(&p["count"]));
                if row.is_some() {
                    self.field(id, "positive_share", row, "level", &want_levels.join("+"));
                    self.field(id, "positive_share", row, "n", &n);
                }
            }
            Some(Value::Null) => {
                self.checks += 1;
                if let Some(r) = rows.iter().find(|r| r["statistic"] == "positive_share") {
                    let got = format!("{} ({}/{})", r["level"], r["count"], r["n"]);
                    self.miss(id, "positive_share on plain options", "none", got);
                }
            }
            _ => {}
        }

        let want_nc = q["not_counted"].as_object().cloned().unwrap_or_default();
        for (label, count) in &want_nc {
            let row = find("not_counted", label);
            self.field(
                id,
                &format!("not_counted[{label}]"),
                row,
                "count",
                &as_count(count),
            );
        }
        for r in rows.iter().filter(|r| r["statistic"] == "not_counted") {
            self.checks += 1;
            if !want_nc.contains_key(&r["level"]) {
                self.miss(
                    id,
                    format!("unexpected not_counted[{}]", r["level"]),
                    "-",
                    r["count"].clone(),
                );
            }
        }

        if kind == "ranking" {
            let options = q["ranking"].as_object().cloned().unwrap_or_default();
            for (option, e) in &options {
                let mean = find("rank_mean", option);
                self.float(
                    id,
                    &format!("rank_mean[{option}]"),
                    mean,
                    "estimate",
                    e["mean_rank"].as_f64().unwrap_or(f64::NAN),
                );
                if mean.is_some() {
                    self.field(
                        id,
                        &format!("rank_mean[{option}]"),
                        mean,
                        "n",
                        &as_count(&e["n"]),
                    );
                }
                let score = find("rank_score", option);
                self.float(
                    id,
                    &format!("rank_score[{option}]"),
                    score,
                    "estimate",
                    e["score"].as_f64().unwrap_or(f64::NAN),
                );
            }
        }

        if kind == "nps" {
            let e = &q["nps"];
            let row = rows.iter().copied().find(|r| r["statistic"] == "nps");
            self.float(
                id,
                "nps",
                row,
                "estimate",
                e["nps"].as_f64().unwrap_or(f64::NAN),
            );
            if row.is_some() {
                self.field(id, "nps", row, "n", &as_count(&e["n"]));
                self.float(
                    id,
                    "nps",
                    row,
                    "ci_low",
                    e["ci_low"].as_f64().unwrap_or(f64::NAN),
                );
                self.float(
                    id,
                    "nps",
                    row,
                    "ci_high",
                    e["ci_high"].as_f64().unwrap_or(f64::NAN),
                );
            }
            for (statistic, key) in [
                ("nps_promoters", "promoters"),
                ("nps_detractors", "detractors"),
            ] {
                let row = rows.iter().copied().find(|r| r["statistic"] == statistic);
                self.field(id, statistic, row, "count", &as_count(&e[key]));
            }
        }
    }
}

/// A cell cut to `max` display columns, so one long error message keeps the table readable.
fn cut(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for ch in s.chars() {
        if out.width() + 2 > max {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
}

fn table(mismatches: &[Mismatch]) -> String {
    let header = ["file", "question", "what", "expected", "got"];
    let owned: Vec<[String; 5]> = mismatches
        .iter()
        .map(|m| {
            [
                m.file.clone(),
                m.question.clone(),
                m.what.clone(),
                cut(&m.expected, 60),
                cut(&m.got, 110),
            ]
        })
        .collect();
    let cells: Vec<[&str; 5]> = owned
        .iter()
        .map(|c| {
            [
                c[0].as_str(),
                c[1].as_str(),
                c[2].as_str(),
                c[3].as_str(),
                c[4].as_str(),
            ]
        })
        .collect();
    let mut widths = header.map(UnicodeWidthStr::width);
    for c in &cells {
        for (w, s) in widths.iter_mut().zip(c) {
            *w = (*w).max(s.width());
        }
    }
    let line = |c: [&str; 5]| {
        let padded: Vec<String> = c
            .iter()
            .zip(widths)
            .map(|(s, w)| format!("{s}{}", " ".repeat(w - s.width())))
            .collect();
        format!("| {} |\n", padded.join(" | "))
    };
    let mut out = line(header);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(w + 2)).collect();
    out.push_str(&format!("|{}|\n", rule.join("|")));
    for c in cells {
        out.push_str(&line(c));
    }
    out
}

#[test]
fn shapes_match_the_counts_the_generator_drew() {
    let expected = expected();
    let files = expected["files"].as_array().expect("files").clone();
    // Summaries run in parallel: the whole set stays well under the 5 s budget.
    let results: Vec<(String, Summary)> = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .iter()
            .map(|f| {
                let name = f["file"].as_str().expect("file").to_string();
                s.spawn(move || {
                    let r = summarize(&name);
                    (name, r)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("summarize thread"))
            .collect()
    });

    let mut all = Vec::new();
    let mut per_file = Vec::new();
    for (f, (name, result)) in files.iter().zip(&results) {
        let rows = match result {
            Ok((_, rows)) => rows,
            Err(e) => {
                all.push(Mismatch {
                    file: name.clone(),
                    question: String::new(),
                    what: "summarize".into(),
                    expected: "exit 0".into(),
                    got: e.clone(),
                });
                per_file.push((name.clone(), 1, 1));
                continue;
            }
        };
        let mut c = Checker {
            file: name,
            rows,
            out: Vec::new(),
            checks: 0,
        };
        c.received(&f["received"]);
        let questions: BTreeMap<Vec<u64>, (&String, &Value)> = f["questions"]
            .as_object()
            .expect("questions")
            .iter()
            .map(|(id, q)| (natural_key(id), (id, q)))
            .collect();
        for (id, q) in questions.values() {
            c.question(id, q);
        }
        let ids: Vec<&String> = questions.values().map(|(id, _)| *id).collect();
        c.no_other_questions(&ids);
        per_file.push((name.clone(), c.checks, c.out.len()));
        all.extend(c.out);
    }

    if !all.is_empty() {
        let mut summary = String::new();
        for (name, checks, bad) in &per_file {
            summary.push_str(&format!("  {name}: {bad} of {checks} checks failed\n"));
        }
        eprintln!("\n{}\n{summary}", table(&all));
        panic!(
            "{} expectations of tests/fixtures/shapes/expected.json do not hold (table above)",
            all.len()
        );
    }
}

/// The population column (the file stem) and nothing else may differ between containers.
fn normalised(stdout: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let population = headers.iter().position(|h| h == "population");
    let mut out = vec![headers.iter().collect::<Vec<_>>().join(",")];
    for record in reader.records() {
        let record = record.expect("record");
        let fields: Vec<&str> = record
            .iter()
            .enumerate()
            .map(|(i, v)| {
                if Some(i) == population {
                    "<population>"
                } else {
                    v
                }
            })
            .collect();
        out.push(fields.join(","));
    }
    out
}

#[test]
fn one_questionnaire_reads_the_same_from_every_container() {
    let files = [
        "containers-utf8.csv",
        "containers-gbk.csv",
        "containers.xlsx",
        "containers.xls",
    ];
    let outputs: Vec<Result<Vec<String>, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .iter()
            .map(|f| s.spawn(move || summarize(f).map(|(stdout, _)| normalised(&stdout))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("summarize thread"))
            .collect()
    });
    let mut problems = Vec::new();
    let reference = match &outputs[0] {
        Ok(lines) => lines.clone(),
        Err(e) => panic!("{}: {e}", files[0]),
    };
    for (file, out) in files.iter().zip(&outputs).skip(1) {
        match out {
            Err(e) => problems.push(format!("{file}: {e}")),
            Ok(lines) if *lines != reference => {
                let mut diffs = Vec::new();
                for i in 0..lines.len().max(reference.len()) {
                    let a = reference.get(i).map(String::as_str).unwrap_or("(none)");
                    let b = lines.get(i).map(String::as_str).unwrap_or("(none)");
                    if a != b {
                        diffs.push(format!(
                            "    line {}:\n      {}: {a}\n      {file}: {b}",
                            i + 1,
                            files[0]
                        ));
                    }
                }
                let shown = diffs.len().min(12);
                problems.push(format!(
                    "{file}: {} lines differ from {}\n{}",
                    diffs.len(),
                    files[0],
                    diffs[..shown].join("\n")
                ));
            }
            Ok(_) => {}
        }
    }
    assert!(
        problems.is_empty(),
        "summaries differ between containers:\n{}",
        problems.join("\n")
    );
}
