//! `wenjuan check`, `exclude` and `include` as a user runs them: every planted case in the bundled
//! exports found (and no near miss), the accounting adding up, decisions kept in the review log
//! and applied to every figure, the export's bytes untouched.

mod common;
use common::*;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Planted cases per file, from the generator's ground truth: kind → data rows.
fn planted() -> HashMap<String, HashMap<String, BTreeSet<u64>>> {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/planted_examples.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut out: HashMap<String, HashMap<String, BTreeSet<u64>>> = HashMap::new();
    for (file, spec) in v["files"].as_object().unwrap() {
        for case in spec["cases"].as_array().unwrap() {
            out.entry(file.clone())
                .or_default()
                .entry(case["kind"].as_str().unwrap().to_string())
                .or_default()
                .insert(case["data_row"].as_u64().unwrap());
        }
    }
    out
}

/// (file, rule) → rows caught.
fn caught(stdout: &str) -> HashMap<(String, String), BTreeSet<u64>> {
    let mut out: HashMap<(String, String), BTreeSet<u64>> = HashMap::new();
    for r in csv_rows(stdout) {
        out.entry((r["file"].clone(), r["rule"].clone()))
            .or_default()
            .insert(r["row"].parse().unwrap());
    }
    out
}

#[test]
fn every_planted_case_is_found_and_no_near_miss() {
    let r = run(&["check"]);
    assert_eq!(
        r.status, 1,
        "cases were found, so the status is 1: {}",
        r.stderr
    );
    assert_eq!(
        r.stdout.lines().next(),
        Some("file,row,respondent,rule,action,detail")
    );
    let got = caught(&r.stdout);
    let rows = |file: &str, rule: &str| {
        got.get(&(file.to_string(), rule.to_string()))
            .cloned()
            .unwrap_or_default()
    };
    let truth = planted();
    for (file, kinds) in &truth {
        let want = |kind: &str| kinds.get(kind).cloned().unwrap_or_default();
        let mut duplicates = want("duplicate_resubmission");
        duplicates.extend(want("repeated_serial"));
        assert_eq!(rows(file, "duplicate"), duplicates, "{file}: duplicates");
        assert_eq!(
            rows(file, "blank"),
            want("blank_form"),
            "{file}: blank forms"
        );
        assert_eq!(rows(file, "speeder"), want("speeder"), "{file}: speeders");
        assert_eq!(
            rows(file, "out_of_window"),
            want("outside_fieldwork"),
            "{file}: outside the window"
        );
        assert_eq!(
            rows(file, "check:unaware_but_channels"),
            want("inconsistent_skip"),
            "{file}: consistency"
        );
        // Straight-lining is looked for in blocks of 8+ items: the 18-item health-check matrix.
        if file.contains("health") {
            assert_eq!(
                rows(file, "straight_lining"),
                want("straightliner"),
                "{file}: straight-lining"
            );
        }
        for near in want("speeder_near_miss") {
            assert!(
                !rows(file, "speeder").contains(&near),
                "{file}: row {near} is at 40% of the median"
            );
        }
        for near in want("straightliner_near_miss") {
            assert!(
                !rows(file, "straight_lining").contains(&near),
                "{file}: row {near} differs on one item"
            );
        }
        for near in want("shared_ip_different_answers")
            .into_iter()
            .chain(want("identical_answers_different_ip"))
        {
            assert!(
                !rows(file, "duplicate").contains(&near),
                "{file}: row {near} is not a duplicate"
            );
        }
    }
}

#[test]
fn the_accounting_adds_up_and_the_awareness_split_is_exact() {
    let r = run(&["summarize"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    for population in ["public", "staff", "residents"] {
        let count = |level: &str| -> u64 {
            rows.iter()
                .filter(|r| {
                    r["population"] == population
                        && r["statistic"] == "responses"
                        && r["level"] == level
                })
                .map(|r| r["count"].parse::<u64>().unwrap())
                .sum()
        };
        let excluded: u64 = rows
            .iter()
            .filter(|r| r["population"] == population && r["level"].starts_with("excluded:"))
            .map(|r| r["count"].parse::<u64>().unwrap())
            .sum();
        assert_eq!(count("received"), count("valid") + excluded, "{population}");
    }
    let valid = row(
        &rows,
        &[
            ("population", "public"),
            ("statistic", "responses"),
            ("level", "valid"),
        ],
    );
    assert_eq!(valid["count"], "285");
    for (level, count, pct) in [
        ("非常了解", "67", "23.51%"),
        ("了解一些", "147", "51.58%"),
        ("不太了解", "57", "20.00%"),
        ("完全不了解", "14", "4.91%"),
    ] {
        let r = row(
            &rows,
            &[
                ("population", "public"),
                ("question", "q4"),
                ("statistic", "share"),
                ("level", level),
            ],
        );
        assert_eq!((r["count"].as_str(), r["n"].as_str()), (count, "285"));
        assert_eq!(format!("{:.2}%", num(r, "estimate") * 100.0), pct);
    }
    let staff = row(
        &rows,
        &[
            ("population", "staff"),
            ("statistic", "responses"),
            ("level", "valid"),
        ],
    );
    assert_eq!(staff["count"], "196");
    // --all counts every response instead.
    let all = csv_rows(&run(&["summarize", "--all"]).stdout);
    let q4 = row(
        &all,
        &[
            ("population", "public"),
            ("question", "q4"),
            ("statistic", "positive_share"),
        ],
    );
    assert_eq!(q4["n"], "288", "290 received, 2 of them blank forms");
}

#[test]
fn check_formats_and_exit_status() {
    let clean = run(&["check", &fixture("wjx_text_utf8.csv")]);
    assert_eq!(clean.status, 0, "nothing to find: {}", clean.stderr);
    assert_eq!(
        clean.stdout.trim(),
        "file,row,respondent,rule,action,detail"
    );
    assert!(clean.stderr.contains("收回问卷 40"), "{}", clean.stderr);
    let md = run(&[
        "check",
        "--format",
        "md",
        "--survey",
        "surveys/plan-evaluation.toml",
    ]);
    assert_eq!(md.status, 1);
    assert!(
        md.stdout.contains("所用时间 11秒，中位数 148秒"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout
            .contains("| responses/plan-public.csv | 290 | 285 | 空白问卷 2，重复提交 3 |"),
        "{}",
        md.stdout
    );
    let json = run(&[
        "check",
        "--format",
        "json",
        "--survey",
        "surveys/health-check.toml",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["populations"][0]["responses"]["valid"], 1200);
    assert_eq!(v["populations"][0]["responses"]["excluded"]["duplicate"], 4);
    let bad = run(&["check", &fixture("ragged.csv")]);
    assert_eq!(bad.status, 2);
}

fn copy_fixture(dir: &Path, name: &str) -> String {
    let to = dir.join(name);
    std::fs::copy(fixture(name), &to).unwrap();
    to.display().to_string()
}

#[test]
fn decisions_are_logged_applied_and_overridden_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_fixture(dir.path(), "wjx_text_utf8.csv");
    let before = std::fs::read(&file).unwrap();
    let valid = |args: &[&str]| {
        let mut all = vec!["summarize"];
        all.extend_from_slice(args);
        all.push(&file);
        let rows = csv_rows(&run(&all).stdout);
        row(&rows, &[("statistic", "responses"), ("level", "valid")])["count"].clone()
    };
    assert_eq!(valid(&[]), "40");
    let r = run(&[
        "exclude",
        &file,
        "--respondent",
        "17",
        "--reason",
        "电话回访：代填",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(valid(&[]), "39");
    assert_eq!(valid(&["--all"]), "40");
    let checked = run(&["check", &file]);
    assert_eq!(checked.status, 1);
    assert!(
        checked.stdout.contains(",17,17,manual,exclude,"),
        "{}",
        checked.stdout
    );
    // A later decision wins.
    let r = run(&["include", &file, "--row", "17", "--reason", "核实无误"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(valid(&[]), "40");
    let log = std::fs::read_to_string(format!("{file}.review.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["decision"], "exclude");
    assert_eq!(lines[0]["respondent"], "17");
    assert_eq!(lines[0]["rule"], "manual");
    assert_eq!(lines[1]["reason"], "核实无误");
    assert!(lines[1]["time"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the export is never written"
    );
}

#[test]
fn a_reinstated_duplicate_counts_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_fixture(dir.path(), "wjx_text_utf8.csv");
    // Plant a resubmission: row 3 again, later, from the same IP.
    let mut text = std::fs::read_to_string(&file).unwrap();
    let third = text.lines().nth(3).unwrap().to_string();
    let again = third
        .replacen(third.split(',').next().unwrap(), "41", 1)
        .replace("2024/5/2", "2024/6/2");
    text.push_str(&again);
    text.push('\n');
    std::fs::write(&file, text).unwrap();
    let r = run(&["check", &file]);
    assert!(
        r.stdout.contains(",41,41,duplicate,exclude,"),
        "{}",
        r.stdout
    );
    let r = run(&[
        "include",
        &file,
        "--respondent",
        "41",
        "--reason",
        "两人共用一台手机，答案恰好相同",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let r = run(&["check", &file]);
    assert!(r.stdout.contains(",41,41,duplicate,flag,"), "{}", r.stdout);
    assert!(r.stdout.contains("评价人员已恢复"), "{}", r.stdout);
    let rows = csv_rows(&run(&["summarize", &file]).stdout);
    assert_eq!(
        row(&rows, &[("statistic", "responses"), ("level", "valid")])["count"],
        "41"
    );
}

#[test]
fn a_torn_log_line_is_reported_and_earlier_decisions_still_apply() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_fixture(dir.path(), "wjx_text_utf8.csv");
    assert_eq!(
        run(&["exclude", &file, "--respondent", "5", "--reason", "a"]).status,
        0
    );
    assert_eq!(
        run(&["exclude", &file, "--respondent", "6", "--reason", "b"]).status,
        0
    );
    // The process was killed in the middle of writing a third decision.
    let log = format!("{file}.review.jsonl");
    let mut text = std::fs::read_to_string(&log).unwrap();
    text.push_str(r#"{"time":"2026-11-22T01:00:00Z","row":7,"respondent":"7","deci"#);
    std::fs::write(&log, text).unwrap();
    let r = run_en(&["summarize", &file]);
    assert_eq!(r.status, 0);
    assert!(
        r.stderr.contains("line 3") && r.stderr.contains("incomplete"),
        "{}",
        r.stderr
    );
    // The same warning in the default language.
    let zh = run(&["summarize", &file]);
    assert!(
        zh.stderr.contains("第 3 行") && zh.stderr.contains("不完整"),
        "{}",
        zh.stderr
    );
    let rows = csv_rows(&r.stdout);
    assert_eq!(
        row(&rows, &[("statistic", "responses"), ("level", "valid")])["count"],
        "38"
    );
    // The next decision starts on a fresh line and is read back.
    assert_eq!(
        run(&["exclude", &file, "--respondent", "8", "--reason", "c"]).status,
        0
    );
    let rows = csv_rows(&run(&["summarize", &file]).stdout);
    assert_eq!(
        row(&rows, &[("statistic", "responses"), ("level", "valid")])["count"],
        "37"
    );
}

#[test]
fn decision_mistakes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_fixture(dir.path(), "wjx_text_utf8.csv");
    let missing = run_en(&["exclude", &file, "--respondent", "999", "--reason", "x"]);
    assert_eq!(missing.status, 2);
    assert!(
        missing.stderr.contains("no response has 序号 999"),
        "{}",
        missing.stderr
    );
    assert_eq!(
        run_en(&["exclude", &file, "--row", "41", "--reason", "x"]).status,
        2
    );
    assert_eq!(
        run_en(&["exclude", &file, "--respondent", "3", "--reason", "  "]).status,
        2
    );
    assert_eq!(
        run_en(&["exclude", &file, "--respondent", "3"]).status,
        2,
        "a reason is required"
    );
    assert_eq!(
        run_en(&[
            "exclude",
            &file,
            "--respondent",
            "3",
            "--reason",
            "x",
            "--rule",
            "vibes"
        ])
        .status,
        2
    );
    assert!(
        !Path::new(&format!("{file}.review.jsonl")).exists(),
        "nothing was logged"
    );
    // A repeated 序号 must be named by row.
    let mut text = std::fs::read_to_string(&file).unwrap();
    let row3 = text.lines().nth(3).unwrap().to_string();
    text.push_str(&row3);
    text.push('\n');
    std::fs::write(&file, text).unwrap();
    let r = run_en(&["exclude", &file, "--respondent", "3", "--reason", "x"]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("rows 3, 41"), "{}", r.stderr);
}

#[test]
fn a_rule_that_flags_more_than_a_fifth_is_said_to_be_probably_mis_set() {
    let dir = tempfile::tempdir().unwrap();
    let export = copy_fixture(dir.path(), "wjx_text_utf8.csv");
    let def = dir.path().join("strict.toml");
    let text = std::fs::read_to_string(root().join("tests/fixtures/wjx.toml")).unwrap()
        + "\n[validity.speeder]\nfraction = 0.99\n";
    std::fs::write(&def, text).unwrap();
    let r = run_en(&["check", "--survey", def.to_str().unwrap(), &export]);
    assert!(
        r.stderr.contains("rule speeder flags") && r.stderr.contains("more than a fifth"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("[validity.speeder]"), "{}", r.stderr);
    // The defaults catch a few speeders, well under a fifth: nothing to say.
    let plain = run_en(&["check", &export]);
    assert!(
        !plain.stderr.contains("more than a fifth"),
        "{}",
        plain.stderr
    );
}

/// A blank form is found whatever metadata the platform adds, known to wenjuan or not: a 腾讯问卷
/// export (with 用户类型, UA, Referrer …) gets a form with every question empty, and a column
/// wenjuan has never seen (自定义追踪码) filled in on it too.
#[test]
fn blank_forms_are_found_whatever_the_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("tests/fixtures/shapes/tencent.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let first_question = header
        .iter()
        .position(|h| h.contains("1.您的性别"))
        .unwrap();
    let mut blank: Vec<String> = lines[1].split(',').map(str::to_string).collect();
    blank.truncate(first_question);
    blank[0] = "9999".into();
    blank.resize(header.len(), String::new());
    let mut header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    header.push("自定义追踪码".into());
    blank.push("abc123".into());
    lines[0] = header.join(",");
    for line in lines.iter_mut().skip(1) {
        line.push_str(",x");
    }
    lines.push(blank.join(","));
    let export = dir.path().join("tencent.csv");
    std::fs::write(&export, lines.join("\n") + "\n").unwrap();
    let r = run_en(&["check", export.to_str().unwrap()]);
    let rows = csv_rows(&r.stdout);
    assert!(
        rows.iter()
            .any(|r| r["respondent"] == "9999" && r["rule"] == "blank" && r["action"] == "exclude"),
        "{}",
        r.stdout
    );
}
