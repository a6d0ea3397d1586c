//! `--where`: every command restricted to the responses meeting a condition, the figures equal to
//! the group's own in a breakdown, every response still accounted for (received = filtered out +
//! valid + excluded), and conditions that cannot be met or read refused with a reason.

mod common;
use common::*;

const PLAN: &str = "surveys/plan-evaluation.toml";

#[test]
fn a_filtered_summary_equals_that_group_of_the_breakdown() {
    let filtered = run(&["summarize", "--survey", PLAN, "--where", "q3 = 城区"]);
    assert_eq!(filtered.status, 0, "{}", filtered.stderr);
    assert!(
        filtered
            .stderr
            .contains("已按筛选条件统计：q3 = 城区；社会公众 收回 290 份，其中 120 份符合条件"),
        "{}",
        filtered.stderr
    );
    let by = csv_rows(&run(&["summarize", "--survey", PLAN, "--by", "q3"]).stdout);
    let rows = csv_rows(&filtered.stdout);
    // Every question figure of the public is the 城区 group's figure of the breakdown.
    let mut compared = 0;
    for r in rows
        .iter()
        .filter(|r| r["population"] == "public" && r["statistic"] == "share")
    {
        let g = row(
            &by,
            &[
                ("population", "public"),
                ("group", "城区"),
                ("question", &r["question"]),
                ("statistic", "share"),
                ("level", &r["level"]),
            ],
        );
        for column in ["count", "n", "estimate", "ci_low", "ci_high"] {
            assert_eq!(
                r[column], g[column],
                "{} {} {column}",
                r["question"], r["level"]
            );
        }
        compared += 1;
    }
    assert!(compared > 30, "{compared}");
    // The filter and what it left out are stated, and every response is accounted for.
    row(
        &rows,
        &[
            ("population", "public"),
            ("statistic", "filter"),
            ("level", "q3 = 城区"),
        ],
    );
    let count = |level: &str| {
        num(
            row(
                &rows,
                &[
                    ("population", "public"),
                    ("statistic", "responses"),
                    ("level", level),
                ],
            ),
            "count",
        )
    };
    let excluded: f64 = rows
        .iter()
        .filter(|r| r["population"] == "public" && r["level"].starts_with("excluded:"))
        .map(|r| num(r, "count"))
        .sum();
    assert_eq!(count("received"), 290.0);
    assert_eq!(count("filtered_out"), 170.0);
    assert_eq!(count("valid"), 119.0);
    assert_eq!(
        count("received"),
        count("filtered_out") + count("valid") + excluded
    );
    // Staff were not asked where they live in these words: nothing of theirs meets it, and the
    // user is told.
    assert!(
        filtered
            .stderr
            .contains("在 工作人员及企业 中没有符合的答卷")
    );
}

/// 提交答卷时间 of the public's export before a day, counted from the file itself.
fn submitted_before(day: (u32, u32, u32)) -> usize {
    let path = root().join("responses/plan-public.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader
        .records()
        .filter(|r| {
            let r = r.as_ref().unwrap();
            let date = r[1].split(' ').next().unwrap();
            let parts: Vec<u32> = date.split('/').map(|p| p.parse().unwrap()).collect();
            (parts[0], parts[1], parts[2]) < day
        })
        .count()
}

#[test]
fn a_range_of_submission_dates_and_a_list_of_answers() {
    let before = submitted_before((2024, 7, 16));
    let r = run(&[
        "summarize",
        "--survey",
        PLAN,
        "--population",
        "public",
        "--where",
        "提交答卷时间 < 2024-07-16",
        "--where",
        "q2 not in (60岁以上)",
        "--format",
        "json",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        json["filter"],
        serde_json::json!(["提交答卷时间 < 2024-07-16", "q2 not in (60岁以上)"])
    );
    let public = json["populations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "public")
        .unwrap();
    let responses = &public["responses"];
    let within = 290 - responses["filtered_out"].as_u64().unwrap() as usize;
    assert!(within < before, "the age condition narrows further");
    assert!(within > 0);
    // The same two conditions, counted by the check.
    let check = run(&[
        "check",
        "--survey",
        PLAN,
        "--where",
        "提交答卷时间 < 2024-07-16",
    ]);
    assert!(
        check.stderr.contains(&format!(
            "public: 收回问卷 290, 不符合筛选条件 {}",
            290 - before
        )),
        "{}",
        check.stderr
    );
}

#[test]
fn the_report_states_its_filter() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(&[
        "report",
        "--survey",
        PLAN,
        "--where",
        "q3 in (城区, 矿区)",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(
        md.contains("本报告仅统计符合筛选条件（q3 in (城区, 矿区)）的答卷"),
        "{md}"
    );
}

#[test]
fn conditions_that_cannot_be_read_or_met_are_refused() {
    let r = run(&["summarize", "--survey", PLAN, "--where", "q99 = 城区"]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("没有题目或列“q99”"), "{}", r.stderr);
    let r = run(&["summarize", "--survey", PLAN, "--where", "q3 城区"]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains("筛选条件“q3 城区”无法识别"),
        "{}",
        r.stderr
    );
    let r = run(&[
        "summarize",
        "--survey",
        PLAN,
        "--population",
        "public",
        "--where",
        "q3 >= 3",
    ]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("不是日期或数字"), "{}", r.stderr);
}
