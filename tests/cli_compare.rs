//! `wenjuan compare` as a user runs it: chi-square by group, and differences between populations.

mod common;
use common::*;

#[test]
fn compare_by_group_agrees_with_the_breakdown_counts() {
    use wenjuan::stats::chi_square_independence;
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
    let levels = ["非常满意", "满意", "一般", "不满意", "非常不满意"];
    let groups = ["龙港镇", "中村镇", "郑庄镇", "端氏镇", "嘉峰镇"];
    let table: Vec<Vec<u64>> = groups
        .iter()
        .map(|g| {
            levels
                .iter()
                .map(|l| {
                    row(
                        &by,
                        &[
                            ("group", g),
                            ("question", "q8_3"),
                            ("statistic", "share"),
                            ("level", l),
                        ],
                    )["count"]
                        .parse()
                        .unwrap()
                })
                .collect()
        })
        .collect();
    let expected = chi_square_independence(&table).unwrap().unwrap();
    let r = run(&[
        "compare",
        "--survey",
        "surveys/health-check.toml",
        "--by",
        "township",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.lines().next(),
        Some(
            "population,by,question,text,groups,n,chi_square,df,p_value,cramers_v,min_expected,small_expected_share,warning,furthest_group,furthest_difference,furthest_ci_low,furthest_ci_high"
        )
    );
    let rows = csv_rows(&r.stdout);
    let got = row(&rows, &[("question", "q8_3")]);
    assert!((num(got, "chi_square") - expected.statistic).abs() < 1e-9);
    assert!((num(got, "p_value") - expected.p_value).abs() < 1e-12);
    assert_eq!(got["df"], "16");
    // The planted township with worse parking satisfaction stands out.
    assert_eq!(got["furthest_group"], "端氏镇");
    assert!(num(got, "furthest_ci_high") < 0.0);
    assert!(
        rows.iter().all(|r| r["question"] != "q1"),
        "the grouping question is not tested against itself"
    );
}

#[test]
fn compare_between_populations_matches_by_topic() {
    let r = run(&["compare", "--between", "public,staff"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    assert_eq!(
        rows.len(),
        2,
        "awareness and overall satisfaction share a topic"
    );
    let aw = row(&rows, &[("question", "awareness")]);
    assert_eq!((aw["count_a"].as_str(), aw["n_a"].as_str()), ("214", "285"));
    // statsmodels confint_proportions_2indep(214, 285, 166, 196, method="newcomb", compare="diff").
    assert!((num(aw, "difference") - (214.0 / 285.0 - 166.0 / 196.0)).abs() < 1e-12);
    assert!(
        (num(aw, "ci_low") - (-0.16500192401056019)).abs() < 1e-9,
        "{}",
        aw["ci_low"]
    );
    assert!(
        (num(aw, "ci_high") - (-0.022379339931640027)).abs() < 1e-9,
        "{}",
        aw["ci_high"]
    );
    assert_eq!(
        run(&["compare"]).status,
        2,
        "compare needs --by or --between"
    );
}

#[test]
fn the_between_table_names_the_populations_and_the_level_asked_for() {
    let r = run(&[
        "compare",
        "--between",
        "public,staff",
        "--conf",
        "0.9",
        "-f",
        "md",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let head = r.stdout.lines().next().unwrap_or_default();
    assert_eq!(
        head,
        "| 题目 | 社会公众 | 工作人员及企业 | 差值（百分点） | 90% 置信区间（Newcombe） |"
    );
    // The interval below it is the 90% one: statsmodels confint_proportions_2indep(214, 285, 166,
    // 196, method="newcomb", compare="diff", alpha=0.1) gives (-0.15418824, -0.03457062).
    assert!(r.stdout.contains("−15.42 – −3.46"), "{}", r.stdout);
    let en = run(&[
        "--lang",
        "en",
        "compare",
        "--between",
        "public,staff",
        "-f",
        "md",
    ]);
    assert!(
        en.stdout.starts_with(
            "| Question | 社会公众 | 工作人员及企业 | Difference (pp) | 95% CI (Newcombe) |"
        ),
        "{}",
        en.stdout
    );
}

#[test]
fn compare_means_by_group_agrees_with_the_breakdown_and_refuses_weights() {
    let r = run(&[
        "compare",
        "--survey",
        "surveys/health-check.toml",
        "--by",
        "township",
        "--means",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.lines().next(),
        Some(
            "population,by,question,text,statistic,group,group_b,n,estimate,ci_low,ci_high,sd,se,df,df2,p_value"
        )
    );
    let rows = csv_rows(&r.stdout);
    // Each group's mean is the breakdown's own mean score, with the same interval.
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
    let ours = row(
        &rows,
        &[
            ("question", "q4_1"),
            ("statistic", "group_mean"),
            ("group", "龙港镇"),
        ],
    );
    let theirs = row(
        &by,
        &[
            ("question", "q4_1"),
            ("statistic", "mean_score"),
            ("group", "龙港镇"),
        ],
    );
    for c in ["estimate", "ci_low", "ci_high", "n"] {
        assert!((num(ours, c) - num(theirs, c)).abs() < 1e-9, "{c}");
    }
    let sd = row(
        &by,
        &[
            ("question", "q4_1"),
            ("statistic", "mean_sd"),
            ("group", "龙港镇"),
        ],
    );
    assert!((num(ours, "sd") - num(sd, "estimate")).abs() < 1e-9);
    // Five townships: both ANOVAs and ten pairs by each method, dimensions included.
    let anova = row(&rows, &[("question", "q4_1"), ("statistic", "anova")]);
    assert_eq!(
        (anova["df"].as_str(), anova["df2"].as_str()),
        ("4.000000", "1186.000000")
    );
    let welch = row(&rows, &[("question", "q4_1"), ("statistic", "welch_anova")]);
    assert!(num(welch, "p_value") > 0.0 && num(welch, "p_value") < 1.0);
    for method in ["games_howell", "tukey_kramer"] {
        let pairs = rows
            .iter()
            .filter(|r| r["question"] == "q4_1" && r["statistic"] == method)
            .count();
        assert_eq!(pairs, 10, "{method}");
    }
    assert!(rows.iter().any(|r| r["question"].starts_with("dimension:")));
    assert!(
        rows.iter().all(|r| r["question"] != "q1"),
        "the grouping question is not compared against itself"
    );
    let refused = run_en(&[
        "compare",
        "--survey",
        "surveys/health-check.toml",
        "--by",
        "township",
        "--means",
        "--weighted",
    ]);
    assert_eq!(refused.status, 2);
    assert!(refused.stderr.contains("svyttest"), "{}", refused.stderr);
}

#[test]
fn the_means_in_markdown_name_the_group_by_its_name() {
    let r = run(&[
        "compare",
        "--survey",
        "surveys/health-check.toml",
        "--by",
        "township",
        "--means",
        "-f",
        "md",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("### q4_1 您对城镇安全性方面的满意程度—社会治安：按乡镇分组的平均得分\n"),
        "{}",
        r.stdout
    );
}
