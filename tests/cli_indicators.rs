//! `wenjuan indicators`, and the breakdowns and weights (`summarize --by/--weighted`) they build on, as a user runs them.

mod common;
use common::*;
use std::path::Path;

const INDICATOR_HEADER: &str = "indicator,name,population,value,ci_low,ci_high,n,target,points,rule,score,verdict,more_needed,level1,level2,note";

/// A definition of the 40-response fixture with one indicator on the awareness question (26 of 40
/// positive = 65%).
fn awareness_indicator(dir: &Path, extra: &str) -> String {
    let path = dir.join("ind.toml");
    std::fs::write(
        &path,
        format!(
            "[[population]]\nid = \"p\"\nfiles = [{:?}]\n\n[[question]]\nid = \"a\"\nnumber = 2\nscale = \"awareness\"\n\n[[indicator]]\nid = \"aw\"\nname = \"知晓率\"\npopulation = \"p\"\nquestions = [\"a\"]\npoints = 8\n{extra}\n",
            fixture("wjx_text_utf8.csv")
        ),
    )
    .unwrap();
    path.display().to_string()
}

fn indicator(def: &str) -> std::collections::HashMap<String, String> {
    let r = run(&["indicators", "--survey", def]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().next(), Some(INDICATOR_HEADER));
    csv_rows(&r.stdout).remove(0)
}

#[test]
fn a_single_question_indicator_is_the_questions_own_figure() {
    let dir = tempfile::tempdir().unwrap();
    let def = awareness_indicator(dir.path(), "target = \"65%\"\nrule = \"threshold\"");
    let got = indicator(&def);
    assert_eq!(num(&got, "value"), 0.65);
    // statsmodels proportion_confint(26, 40, method="wilson"), as the summarize test pins.
    assert!((num(&got, "ci_low") - 0.4950588083725769).abs() < 1e-12);
    assert_eq!(got["n"], "40");
    assert_eq!(
        (got["rule"].as_str(), got["verdict"].as_str()),
        ("threshold", "inconclusive")
    );
    assert_eq!(
        num(&got, "score"),
        8.0,
        "exactly at the target earns the points"
    );
    assert!(
        got["more_needed"].is_empty(),
        "no sample settles a value equal to its target"
    );
}

#[test]
fn the_whole_table_adds_up_by_level_and_grades_on_its_score_rate() {
    let dir = tempfile::tempdir().unwrap();
    // The survey line: 26 of 40 against a 65% threshold earns its 8 points, but its Wilson
    // interval (49.5% – 79.0%) reaches below the target, where it earns 0. An entered line adds
    // 1 of 2 points.
    let def = awareness_indicator(
        dir.path(),
        "target = \"65%\"\nrule = \"threshold\"\nlevel1 = \"效益\"\n\n[[indicator]]\nid = \"docs\"\nname = \"档案管理\"\nlevel1 = \"过程\"\npoints = 2\nscore = 1\nnote = \"抽查档案\"",
    );
    let r = run(&["indicators", "--survey", &def]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    let ids: Vec<&str> = rows.iter().map(|r| r["indicator"].as_str()).collect();
    assert_eq!(
        ids,
        ["aw", "docs", "subtotal:效益", "subtotal:过程", "total"]
    );
    let docs = row(&rows, &[("indicator", "docs")]);
    assert_eq!(
        (docs["verdict"].as_str(), docs["note"].as_str()),
        ("entered", "抽查档案")
    );
    assert_eq!(
        num(row(&rows, &[("indicator", "subtotal:效益")]), "score"),
        8.0
    );
    let total = row(&rows, &[("indicator", "total")]);
    assert_eq!((num(total, "points"), num(total, "score")), (10.0, 9.0));
    // 9 of 10 is a score rate of 90%: 优秀 on the default bands (the points alone would be 较差).
    assert_eq!(total["verdict"], "优秀");
    assert_eq!((num(total, "ci_low"), num(total, "ci_high")), (1.0, 9.0));
    let md = run(&["indicators", "--survey", &def, "--format", "md"]).stdout;
    assert!(md.contains("得分率 90.00%"), "{md}");
    assert!(md.contains("等级可能在“较差”与“优秀”之间变化"), "{md}");
    let json: serde_json::Value =
        serde_json::from_str(&run(&["indicators", "--survey", &def, "--format", "json"]).stdout)
            .unwrap();
    let within = &json["tables"][0]["within_intervals"];
    assert_eq!(within["grade_could_change"], true);
    assert_eq!(within["grade_low"], "较差");
}

#[test]
fn one_response_short_of_the_target() {
    let dir = tempfile::tempdir().unwrap();
    // 26/40 against 27/40: one positive answer short.
    let def = awareness_indicator(dir.path(), "target = 0.675\nrule = \"threshold\"");
    let got = indicator(&def);
    assert_eq!(num(&got, "score"), 0.0);
    assert_eq!(got["verdict"], "inconclusive");
    // A 2.5-point gap would take some 1,400 responses, beyond ten times the 40 in hand: no count
    // is given, the verdict is too close to settle.
    assert_eq!(got["more_needed"], "");
    // A 10-point gap (65% against 75%) takes a realistic number more.
    let def = awareness_indicator(dir.path(), "target = 0.75\nrule = \"threshold\"");
    let got = indicator(&def);
    assert_eq!(got["verdict"], "inconclusive");
    let more: u64 = got["more_needed"].parse().unwrap();
    assert!((20..400).contains(&more), "{more}");
    // Proportional and deduction rules on the same value.
    let def = awareness_indicator(dir.path(), "target = 0.8\nrule = \"proportional\"");
    assert!((num(&indicator(&def), "score") - 8.0 * 0.65 / 0.8).abs() < 1e-9);
    let def = awareness_indicator(
        dir.path(),
        "target = \"80%\"\nrule = \"deduction\"\nper_point = 0.2",
    );
    assert!((num(&indicator(&def), "score") - (8.0 - 0.2 * 15.0)).abs() < 1e-9);
    // Seed 003's stepped table: 0.65/0.8 = 81.25% of target → coefficient 0.9.
    let def = awareness_indicator(dir.path(), "target = 0.8\nrule = \"stepped\"");
    assert!((num(&indicator(&def), "score") - 7.2).abs() < 1e-9);
    let def = awareness_indicator(dir.path(), "target = 0.3\nrule = \"threshold\"");
    assert_eq!(indicator(&def)["verdict"], "met");
    let def = awareness_indicator(dir.path(), "target = 0.95\nrule = \"threshold\"");
    assert_eq!(indicator(&def)["verdict"], "not_met");
}

#[test]
fn indicator_mistakes_name_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let def = awareness_indicator(dir.path(), "target = 0.8\nrule = \"steped\"");
    let r = run_en(&["indicators", "--survey", &def]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains("line 10") && r.stderr.contains("steped"),
        "{}",
        r.stderr
    );
    let zh = run(&["indicators", "--survey", &def]);
    assert_eq!(zh.status, 2);
    assert!(
        zh.stderr.contains("第 10 行") && zh.stderr.contains("rule「steped」无效"),
        "{}",
        zh.stderr
    );
    let def = awareness_indicator(dir.path(), "target = 0.8\nweighted = true");
    let r = run_en(&["indicators", "--survey", &def]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("no [[weighting]]"), "{}", r.stderr);
}

#[test]
fn the_bundled_example_scores_its_indicators() {
    let r = run(&["indicators", "--format", "md"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("| 社会公众知晓率 | 社会公众 | 75.09% |"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("不确定"));
    assert!(r.stdout.contains("阶梯系数"));
    let rows = csv_rows(&run(&["indicators"]).stdout);
    let awareness = row(&rows, &[("indicator", "public_awareness")]);
    // The awareness question's own figure: 214 of 285 valid responses.
    assert_eq!(num(awareness, "value"), 214.0 / 285.0);
    assert_eq!(awareness["verdict"], "inconclusive");
    // 75.09% against 75%: no realistic sample settles it, so no absurd count is printed.
    assert_eq!(awareness["more_needed"], "");
}

#[test]
fn breakdowns_fill_the_group_column_and_add_up() {
    let r = run(&[
        "summarize",
        "--survey",
        "surveys/health-check.toml",
        "--by",
        "township",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    let total = row(
        &rows,
        &[
            ("group", ""),
            ("question", "q8_1"),
            ("statistic", "share"),
            ("level", "满意"),
        ],
    );
    let by_group: u64 = rows
        .iter()
        .filter(|r| {
            !r["group"].is_empty()
                && r["question"] == "q8_1"
                && r["statistic"] == "share"
                && r["level"] == "满意"
        })
        .map(|r| r["count"].parse::<u64>().unwrap())
        .sum();
    assert_eq!(total["count"].parse::<u64>().unwrap(), by_group);
    let groups: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| r["group"].as_str())
        .filter(|g| !g.is_empty())
        .collect();
    assert_eq!(groups.len(), 5);
    // A merged band.
    let r = run(&[
        "summarize",
        "--survey",
        "surveys/health-check.toml",
        "--by",
        "residence",
    ]);
    let rows = csv_rows(&r.stdout);
    assert!(rows.iter().any(|r| r["group"] == "5年及以下"));
    let bad = run(&[
        "summarize",
        "--survey",
        "surveys/health-check.toml",
        "--by",
        "nonsense",
    ]);
    assert_eq!(bad.status, 2);
    assert!(
        bad.stderr.contains("township"),
        "lists what can be used: {}",
        bad.stderr
    );
}

#[test]
fn weighted_shares_are_the_post_stratified_estimate() {
    // Post-stratified share = Σ_g w_g x_g / Σ_g w_g n_g, w_g = (N_g/N) / (v_g/v) over valid responses.
    let by = csv_rows(
        &run(&[
            "summarize",
            "--survey",
            "surveys/health-check.toml",
            "--by",
            "township",
        ])
        .stdout,
    );
    let targets = [
        ("龙港镇", 62000.0),
        ("中村镇", 30000.0),
        ("郑庄镇", 24000.0),
        ("端氏镇", 26000.0),
        ("嘉峰镇", 35000.0),
    ];
    let total_target: f64 = targets.iter().map(|(_, n)| n).sum();
    let valid_total: f64 = targets
        .iter()
        .map(|(g, _)| {
            num(
                row(&by, &[("group", g), ("statistic", "responses")]),
                "count",
            )
        })
        .sum();
    let (mut wx, mut wn) = (0.0, 0.0);
    for (g, size) in targets {
        let valid = num(
            row(&by, &[("group", g), ("statistic", "responses")]),
            "count",
        );
        let w = (size / total_target) / (valid / valid_total);
        let pos = row(
            &by,
            &[
                ("group", g),
                ("question", "q8_1"),
                ("statistic", "positive_share"),
            ],
        );
        wx += w * num(pos, "count");
        wn += w * num(pos, "n");
    }
    let weighted = csv_rows(
        &run(&[
            "summarize",
            "--survey",
            "surveys/health-check.toml",
            "--weighted",
        ])
        .stdout,
    );
    let got = row(
        &weighted,
        &[
            ("group", ""),
            ("question", "q8_1"),
            ("statistic", "positive_share"),
        ],
    );
    assert!(
        (num(got, "estimate") - wx / wn).abs() < 1e-12,
        "{} vs {}",
        got["estimate"],
        wx / wn
    );
}
