//! `wenjuan summarize` run as a user would: the CSV contract, every container and encoding, and
//! the awkward inputs that must fail with a message naming file, row and column.

mod common;
use common::*;

const HEADER: &str =
    "population,group,question,text,statistic,level,count,n,estimate,ci_low,ci_high";

#[test]
fn csv_header_is_the_scripting_contract() {
    let r = run(&["summarize", &fixture("wjx_text_utf8.csv")]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().next(), Some(HEADER));
}

#[test]
fn inferred_figures_of_the_fixture_export() {
    let r = run(&["summarize", &fixture("wjx_text_utf8.csv")]);
    let rows = csv_rows(&r.stdout);
    // Awareness 9/17/10/4 of 40 (tests/fixtures/README.md).
    for (level, count, share) in [
        ("非常了解", "9", 0.225),
        ("了解一些", "17", 0.425),
        ("不太了解", "10", 0.25),
        ("完全不了解", "4", 0.1),
    ] {
        let row = row(
            &rows,
            &[("question", "q2"), ("statistic", "share"), ("level", level)],
        );
        assert_eq!((row["count"].as_str(), row["n"].as_str()), (count, "40"));
        assert_eq!(num(row, "estimate"), share);
        assert!(num(row, "ci_low") < share && share < num(row, "ci_high"));
        // Named after its file.
        assert_eq!(row["population"], "wjx_text_utf8");
        assert_eq!(row["group"], "");
        assert_eq!(row["text"], "您对本项目的了解程度");
    }
    let pos = row(
        &rows,
        &[("question", "q2"), ("statistic", "positive_share")],
    );
    assert_eq!(
        (
            pos["count"].as_str(),
            pos["n"].as_str(),
            pos["level"].as_str()
        ),
        ("26", "40", "非常了解+了解一些")
    );
    // Wilson 95% for 26/40, from statsmodels proportion_confint(26, 40, method="wilson").
    assert!((num(pos, "ci_low") - 0.4950588083725769).abs() < 1e-12);
    assert!((num(pos, "ci_high") - 0.7786547112682372).abs() < 1e-12);
    // Mean of 100/75/50/25 scores: (9*100 + 17*75 + 10*50 + 4*25) / 40.
    let mean = row(&rows, &[("question", "q2"), ("statistic", "mean_score")]);
    assert_eq!(num(mean, "estimate"), 69.375);
    assert_eq!((mean["count"].as_str(), mean["n"].as_str()), ("40", "40"));
}

#[test]
fn matrix_items_keep_not_applicable_and_skips_out_of_n() {
    let r = run(&["summarize", &fixture("wjx_text_utf8.csv")]);
    let rows = csv_rows(&r.stdout);
    // 服务质量: 10/15/6/2/1 rated, 2 不清楚, 4 (跳过).
    let share = row(
        &rows,
        &[
            ("question", "q3_1"),
            ("statistic", "share"),
            ("level", "非常满意"),
        ],
    );
    assert_eq!(share["n"], "34");
    let na = row(
        &rows,
        &[
            ("question", "q3_1"),
            ("statistic", "not_counted"),
            ("level", "不清楚"),
        ],
    );
    assert_eq!(
        (
            na["count"].as_str(),
            na["n"].as_str(),
            na["estimate"].as_str()
        ),
        ("2", "", "")
    );
    let skip = row(
        &rows,
        &[
            ("question", "q3_1"),
            ("statistic", "not_counted"),
            ("level", "(跳过)"),
        ],
    );
    assert_eq!(skip["count"], "4");
}

#[test]
fn multiple_choice_shares_are_of_respondents() {
    let r = run(&["summarize", &fixture("wjx_text_utf8.csv")]);
    let rows = csv_rows(&r.stdout);
    for (option, count) in [
        ("政府网站", 22),
        ("微信公众号", 27),
        ("社区宣传栏", 13),
        ("电视广播", 9),
        ("其他", 1),
    ] {
        let row = row(
            &rows,
            &[
                ("question", "q4"),
                ("statistic", "share"),
                ("level", option),
            ],
        );
        assert_eq!(row["count"], count.to_string());
        assert_eq!(row["n"], "40");
        assert_eq!(num(row, "estimate"), count as f64 / 40.0);
    }
}

#[test]
fn bom_gbk_and_xlsx_give_identical_output() {
    // One population name for all, since each is otherwise named after its file.
    let reference = run(&[
        "summarize",
        "--population",
        "p",
        &fixture("wjx_text_utf8.csv"),
    ]);
    assert_eq!(reference.status, 0);
    for name in ["wjx_text_bom.csv", "wjx_text_gbk.csv", "wjx_text.xlsx"] {
        let r = run(&["summarize", "--population", "p", &fixture(name)]);
        assert_eq!(r.status, 0, "{name}: {}", r.stderr);
        assert_eq!(
            r.stdout, reference.stdout,
            "{name} differs from the UTF-8 file"
        );
    }
}

#[test]
fn number_download_reads_like_the_text_download_with_a_definition() {
    let def = fixture("wjx.toml");
    let text = run(&["summarize", "--survey", &def]);
    let number = run(&["summarize", "--survey", &def, &fixture("wjx_number.csv")]);
    assert_eq!(text.status, 0, "{}", text.stderr);
    assert_eq!(number.status, 0, "{}", number.stderr);
    assert_eq!(number.stdout, text.stdout);
    assert!(text.stdout.contains("public,,awareness,"));
}

#[test]
fn forced_encoding_works_and_a_wrong_one_names_row_and_column() {
    let gbk = fixture("wjx_text_gbk.csv");
    let ok = run_en(&["summarize", "--encoding", "gbk", &gbk]);
    assert_eq!(ok.status, 0, "{}", ok.stderr);
    assert_eq!(ok.stdout, run_en(&["summarize", &gbk]).stdout);
    let bad = run_en(&["summarize", "--encoding", "utf-8", &gbk]);
    assert_eq!(bad.status, 2);
    assert!(bad.stderr.contains("wjx_text_gbk.csv"), "{}", bad.stderr);
    assert!(bad.stderr.contains("not valid utf-8"), "{}", bad.stderr);
    assert!(bad.stderr.contains("column 1"), "{}", bad.stderr);
}

#[test]
fn ragged_rows_are_reported_with_row_and_line() {
    let r = run_en(&["summarize", &fixture("ragged.csv")]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("ragged.csv"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("row 7 (line 8) has 12 fields but the header has 13"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    let zh = run(&["summarize", &fixture("ragged.csv")]);
    assert_eq!(zh.status, 2);
    assert!(
        zh.stderr.contains(
            "ragged.csv，数据第 7 行：数据第 7 行（文件第 8 行）有 12 个字段，而表头有 13 列"
        ),
        "{}",
        zh.stderr
    );
    assert!(zh.stdout.is_empty());
}

#[test]
fn unknown_labels_are_listed_not_dropped() {
    let r = run(&["summarize", &fixture("unknown_labels.csv")]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    // Spacing and punctuation are noise ("满意 ", "　满意" → 满意; "不满意。" → 不满意), but a
    // different word is a different option: 很满意 is not merged into 非常满意, nor 比较满意 into
    // 满意 (the two 满意 variants of one scale are kept apart, as the respondents chose them).
    for (level, count) in [
        ("非常满意", 6),
        ("很满意", 2),
        ("满意", 10),
        ("比较满意", 1),
        ("一般", 5),
        ("不满意", 3),
        ("非常不满意", 1),
    ] {
        let row = row(
            &rows,
            &[("question", "q3"), ("statistic", "share"), ("level", level)],
        );
        assert_eq!(row["count"], count.to_string(), "{level}");
        assert_eq!(row["n"], "28");
    }
    let unknown = row(
        &rows,
        &[
            ("question", "q3"),
            ("statistic", "not_counted"),
            ("level", "还行"),
        ],
    );
    assert_eq!(unknown["count"], "1");
    let blank = row(
        &rows,
        &[
            ("question", "q3"),
            ("statistic", "not_counted"),
            ("level", "(空)"),
        ],
    );
    assert_eq!(blank["count"], "2");
    assert!(r.stderr.contains("还行 ×1"), "{}", r.stderr);
    // The satisfaction share counts the levels above 一般 and says which.
    let pos = row(
        &rows,
        &[("question", "q3"), ("statistic", "positive_share")],
    );
    assert_eq!(
        (
            pos["count"].as_str(),
            pos["n"].as_str(),
            pos["level"].as_str()
        ),
        ("19", "28", "非常满意+很满意+满意+比较满意")
    );
}

#[test]
fn empty_and_binary_files_fail_with_a_message() {
    let empty = run_en(&["summarize", &fixture("empty.csv")]);
    assert_eq!(empty.status, 2);
    assert!(
        empty.stderr.contains("empty.csv") && empty.stderr.contains("empty"),
        "{}",
        empty.stderr
    );
    let binary = run_en(&["summarize", &fixture("binary.bin")]);
    assert_eq!(binary.status, 2);
    assert!(
        binary.stderr.contains("binary.bin") && binary.stderr.contains("binary"),
        "{}",
        binary.stderr
    );
    let missing = run_en(&["summarize", "no/such/file.csv"]);
    assert_eq!(missing.status, 2);
    assert!(
        missing.stderr.contains("no/such/file.csv: file not found"),
        "{}",
        missing.stderr
    );
    let missing = run(&["summarize", "no/such/file.csv"]);
    assert_eq!(missing.status, 2);
    assert!(
        missing.stderr.contains("no/such/file.csv：文件不存在"),
        "{}",
        missing.stderr
    );
    // A missing definition is said in the user's language, not the system's.
    let missing = run(&["summarize", "--survey", "no/such/def.toml"]);
    assert_eq!(missing.status, 2);
    assert!(
        missing
            .stderr
            .contains("no/such/def.toml：读写失败：文件或所在的文件夹不存在")
            && !missing.stderr.contains("os error"),
        "{}",
        missing.stderr
    );
}

#[test]
fn a_header_without_rows_gives_figures_with_n_zero() {
    let r = run(&["summarize", &fixture("header_only.csv")]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    // No answers to infer scales from: only the accounting.
    let expected = format!(
        "{HEADER}\nheader_only,,,,responses,received,0,,,,\nheader_only,,,,responses,valid,0,,,,"
    );
    assert_eq!(r.stdout.trim(), expected);
    // With a definition, every figure is there with n = 0 and no estimate.
    let dir = tempfile::tempdir().unwrap();
    let def = dir.path().join("d.toml");
    std::fs::write(
        &def,
        format!(
            "[[population]]\nid = \"p\"\nfiles = [{:?}]\n\n[[question]]\nid = \"a\"\nnumber = 2\nscale = \"awareness\"\n",
            fixture("header_only.csv")
        ),
    )
    .unwrap();
    let r = run(&["summarize", "--survey", def.to_str().unwrap()]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    let share = row(
        &rows,
        &[
            ("question", "a"),
            ("statistic", "share"),
            ("level", "非常了解"),
        ],
    );
    assert_eq!(
        (
            share["count"].as_str(),
            share["n"].as_str(),
            share["estimate"].as_str()
        ),
        ("0", "0", "")
    );
    let mean = row(&rows, &[("question", "a"), ("statistic", "mean_score")]);
    assert_eq!((mean["n"].as_str(), mean["estimate"].as_str()), ("0", ""));
}

#[test]
fn a_definition_naming_a_missing_column_names_the_line_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let def = dir.path().join("bad.toml");
    std::fs::write(
        &def,
        format!(
            "[[population]]\nid = \"p\"\nfiles = [{:?}]\n\n[[question]]\nid = \"q9\"\nnumber = 9\nscale = \"satisfaction\"\n",
            fixture("wjx_text_utf8.csv")
        ),
    )
    .unwrap();
    let r = run_en(&["summarize", "--survey", def.to_str().unwrap()]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains("no column matches question q9"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("bad.toml, line 5"), "{}", r.stderr);
    assert!(r.stderr.contains("wjx_text_utf8.csv"), "{}", r.stderr);
}

#[test]
fn definition_mistakes_name_the_key_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let def = dir.path().join("typo.toml");
    std::fs::write(&def, "[[population]]\nid = \"p\"\nsise = 400\n").unwrap();
    let r = run_en(&["summarize", "--survey", def.to_str().unwrap()]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("typo.toml, line 3"), "{}", r.stderr);
    assert!(r.stderr.contains("sise"), "{}", r.stderr);
}

#[test]
fn markdown_prints_percentages_as_reports_do() {
    let r = run(&["summarize", "--format", "md", &fixture("wjx_text_utf8.csv")]);
    assert_eq!(r.status, 0);
    assert!(
        r.stdout.contains("| 非常了解 | 9 | 22.50% |"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("知晓率（非常了解+了解一些）：**65.00%**（26 / 40"),
        "{}",
        r.stdout
    );
    let en = run(&[
        "summarize",
        "--format",
        "md",
        "--lang",
        "en",
        &fixture("wjx_text_utf8.csv"),
    ]);
    assert!(
        en.stdout
            .contains("Awareness rate (非常了解+了解一些): **65.00%**"),
        "{}",
        en.stdout
    );
}

#[test]
fn json_carries_the_same_figures() {
    let r = run(&[
        "summarize",
        "--format",
        "json",
        &fixture("wjx_text_utf8.csv"),
    ]);
    assert_eq!(r.status, 0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let q2 = &v["populations"][0]["questions"][1];
    assert_eq!(q2["id"], "q2");
    assert_eq!(q2["positive_share"]["count"], 26);
    assert_eq!(v["method"]["interval"], "wilson");
}

#[test]
fn interval_method_and_confidence_are_applied() {
    let f = fixture("wjx_text_utf8.csv");
    let wilson = csv_rows(&run(&["summarize", &f]).stdout);
    let exact = csv_rows(&run(&["summarize", "--ci", "exact", "--conf", "0.99", &f]).stdout);
    let w = row(
        &wilson,
        &[("question", "q2"), ("statistic", "positive_share")],
    );
    let e = row(
        &exact,
        &[("question", "q2"), ("statistic", "positive_share")],
    );
    // statsmodels proportion_confint(26, 40, alpha=0.01, method="beta").
    assert!(
        (num(e, "ci_low") - 0.43491864263385777).abs() < 1e-9,
        "{}",
        e["ci_low"]
    );
    assert!(
        (num(e, "ci_high") - 0.828668288317663).abs() < 1e-9,
        "{}",
        e["ci_high"]
    );
    assert!(num(e, "ci_high") - num(e, "ci_low") > num(w, "ci_high") - num(w, "ci_low"));
    let bad = run(&["summarize", "--conf", "1.5", &f]);
    assert_eq!(bad.status, 2);
    let bad = run(&["summarize", "--ci", "bayes", &f]);
    assert_eq!(bad.status, 2);
}

#[test]
fn finite_population_correction_narrows_and_a_census_collapses() {
    let dir = tempfile::tempdir().unwrap();
    let write = |size: u64| {
        let def = dir.path().join(format!("fpc{size}.toml"));
        std::fs::write(
            &def,
            format!(
                "[[population]]\nid = \"p\"\nsize = {size}\nfiles = [{:?}]\n\n[[question]]\nid = \"a\"\nnumber = 2\nscale = \"awareness\"\n",
                fixture("wjx_text_utf8.csv")
            ),
        )
        .unwrap();
        csv_rows(&run_en(&["summarize", "--survey", def.to_str().unwrap()]).stdout)
    };
    let plain = csv_rows(&run_en(&["summarize", &fixture("wjx_text_utf8.csv")]).stdout);
    let p = row(
        &plain,
        &[("question", "q2"), ("statistic", "positive_share")],
    );
    let f = write(80);
    let f = row(&f, &[("question", "a"), ("statistic", "positive_share")]);
    assert!(num(f, "ci_high") - num(f, "ci_low") < num(p, "ci_high") - num(p, "ci_low"));
    let census = write(40);
    let c = row(
        &census,
        &[("question", "a"), ("statistic", "positive_share")],
    );
    assert_eq!((num(c, "ci_low"), num(c, "ci_high")), (0.65, 0.65));
    let dir2 = tempfile::tempdir().unwrap();
    let def = dir2.path().join("small.toml");
    std::fs::write(
        &def,
        format!(
            "[[population]]\nid = \"p\"\nsize = 10\nfiles = [{:?}]\n\n[[question]]\nid = \"a\"\nnumber = 2\nscale = \"awareness\"\n",
            fixture("wjx_text_utf8.csv")
        ),
    )
    .unwrap();
    let r = run_en(&["summarize", "--survey", def.to_str().unwrap()]);
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains("size = 10") && r.stderr.contains("line 1"),
        "{}",
        r.stderr
    );
}

#[test]
fn output_files_are_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("figures.json");
    let r = run(&[
        "summarize",
        "-o",
        out.to_str().unwrap(),
        &fixture("wjx_text_utf8.csv"),
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.trim_start().starts_with('{'),
        "format follows the extension"
    );
    // A failing run leaves no file, and leaves an existing one untouched.
    let failed = dir.path().join("failed.csv");
    let r = run(&[
        "summarize",
        "-o",
        failed.to_str().unwrap(),
        &fixture("ragged.csv"),
    ]);
    assert_eq!(r.status, 2);
    assert!(!failed.exists());
    let r = run(&[
        "summarize",
        "-o",
        out.to_str().unwrap(),
        &fixture("ragged.csv"),
    ]);
    assert_eq!(r.status, 2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".wenjuan-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn the_raw_export_is_not_modified() {
    let path = fixture("wjx_text_gbk.csv");
    let before = std::fs::read(&path).unwrap();
    let r = run(&["summarize", &path]);
    assert_eq!(r.status, 0);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn the_bundled_example_runs_with_no_arguments() {
    let r = run(&["summarize"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    let populations: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["population"].as_str()).collect();
    assert_eq!(
        populations.into_iter().collect::<Vec<_>>(),
        ["public", "residents", "staff"]
    );
    let md = run(&[]);
    assert_eq!(md.status, 0, "{}", md.stderr);
    assert!(md.stdout.contains("社会公众"));
}

#[test]
fn population_name_in_inferred_mode() {
    let r = run(&[
        "summarize",
        "--population",
        "public",
        &fixture("wjx_text_utf8.csv"),
    ]);
    assert!(
        csv_rows(&r.stdout)
            .iter()
            .all(|row| row["population"] == "public")
    );
}

#[test]
fn an_unknown_or_unstated_population_is_asked_about_in_the_reader_language() {
    let def = "surveys/plan-evaluation.toml";
    let en = run_en(&["summarize", "--survey", def, "--population", "nobody"]);
    assert_eq!(en.status, 2);
    assert!(
        en.stderr.contains(
            "no population 'nobody' in surveys/plan-evaluation.toml; it declares: public, staff"
        ),
        "{}",
        en.stderr
    );
    // The translation puts the values in its own order and lists with 、.
    let zh = run(&["summarize", "--survey", def, "--population", "nobody"]);
    assert_eq!(zh.status, 2);
    assert!(
        zh.stderr.contains(
            "surveys/plan-evaluation.toml 中没有调查对象「nobody」；其中的调查对象有：public、staff"
        ),
        "{}",
        zh.stderr
    );

    let file = fixture("wjx_text_utf8.csv");
    let en = run_en(&["summarize", "--survey", def, &file]);
    assert_eq!(en.status, 2);
    assert!(
        en.stderr.contains(&format!(
            "which population is {file}? the definition has several (public, staff)"
        )),
        "{}",
        en.stderr
    );
    let zh = run(&["summarize", "--survey", def, &file]);
    assert_eq!(zh.status, 2);
    assert!(
        zh.stderr.contains(&format!(
            "{file} 属于哪个调查对象？定义中有多个调查对象（public、staff）"
        )),
        "{}",
        zh.stderr
    );
}

#[test]
fn files_of_different_questionnaires_need_a_definition() {
    let files = [fixture("wjx_text_utf8.csv"), fixture("unknown_labels.csv")];
    let r = run_en(&["summarize", &files[0], &files[1]]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("different questions"), "{}", r.stderr);
    let zh = run(&["summarize", &files[0], &files[1]]);
    assert_eq!(zh.status, 2);
    assert!(
        zh.stderr.contains("题目与第一个文件不同") && zh.stderr.contains("wjx_text_utf8.csv"),
        "{}",
        zh.stderr
    );
}

#[test]
fn spreadsheet_formulas_in_labels_are_neutralised_in_csv() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("formula.csv");
    std::fs::write(&path, "序号,1、选择\n1,=1+1\n2,=1+1\n3,A\n4,A\n").unwrap();
    let r = run(&["summarize", path.to_str().unwrap()]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(r.stdout.contains(",share,'=1+1,2,4,"), "{}", r.stdout);
}

/// A group one population has and another lacks: the first is broken down, the second shown whole
/// with a word about it; a group no population has is refused, listing the choices.
#[test]
fn a_group_only_some_populations_have() {
    let r = run_en(&["summarize", "--by", "district"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    assert!(
        rows.iter()
            .any(|r| r["population"] == "public" && r["group"] == "城区")
    );
    assert!(
        rows.iter()
            .all(|r| r["population"] == "public" || r["group"].is_empty())
    );
    assert!(
        r.stderr
            .contains("population 工作人员及企业 has no group 'district'"),
        "{}",
        r.stderr
    );
    let none = run_en(&["summarize", "--by", "nosuch"]);
    assert_eq!(none.status, 2);
    assert!(none.stderr.contains("try one of"), "{}", none.stderr);
}

/// `summarize` of the bundled health check in a format, with extra arguments.
fn health_check(format: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "summarize",
        "--survey",
        "surveys/health-check.toml",
        "--format",
        format,
    ];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.status, 0, "{}", r.stderr);
    r.stdout
}

#[test]
fn json_carries_the_breakdown_by_group() {
    let plain = health_check("json", &[]);
    let by = health_check("json", &["--by", "township"]);
    assert_ne!(plain, by, "--by changes the JSON");
    let v: serde_json::Value = serde_json::from_str(&by).unwrap();
    let p = &v["populations"][0];
    assert!(
        serde_json::from_str::<serde_json::Value>(&plain).unwrap()["populations"][0]["breakdown"]
            .is_null()
    );
    assert_eq!(p["breakdown"]["by"], "township");
    let csv = csv_rows(&health_check("csv", &["--by", "township"]));
    let groups = p["breakdown"]["groups"].as_array().unwrap();
    let labels: Vec<&str> = groups
        .iter()
        .map(|g| g["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["龙港镇", "中村镇", "郑庄镇", "端氏镇", "嘉峰镇"]);
    for g in groups {
        let label = g["label"].as_str().unwrap();
        let valid = row(
            &csv,
            &[
                ("group", label),
                ("statistic", "responses"),
                ("level", "valid"),
            ],
        );
        assert_eq!(g["valid"].as_u64().unwrap().to_string(), valid["count"]);
        // Each group's question figures are the CSV's rows for that group.
        let q = g["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == "q8_3")
            .unwrap();
        let want = row(
            &csv,
            &[
                ("group", label),
                ("question", "q8_3"),
                ("statistic", "positive_share"),
            ],
        );
        assert_eq!(
            q["positive_share"]["count"].as_u64().unwrap().to_string(),
            want["count"]
        );
        let share = q["positive_share"]["share"]["estimate"].as_f64().unwrap();
        assert!((share - num(want, "estimate")).abs() < 1e-12, "{label}");
        let low = q["positive_share"]["share"]["ci_low"].as_f64().unwrap();
        assert!((low - num(want, "ci_low")).abs() < 1e-12, "{label}");
    }
}

#[test]
fn json_carries_the_dimensions_and_their_reliability() {
    let v: serde_json::Value = serde_json::from_str(&health_check("json", &[])).unwrap();
    let csv = csv_rows(&health_check("csv", &[]));
    let dims = v["populations"][0]["dimensions"].as_array().unwrap();
    assert_eq!(dims.len(), 6);
    for d in dims {
        let name = d["name"].as_str().unwrap();
        let question = format!("dimension:{name}");
        for (key, statistic) in [
            ("positive_share", "positive_share"),
            ("mean_score", "mean_score"),
        ] {
            let want = row(&csv, &[("question", &question), ("statistic", statistic)]);
            for (field, column) in [
                ("estimate", "estimate"),
                ("ci_low", "ci_low"),
                ("ci_high", "ci_high"),
            ] {
                let got = d[key][field].as_f64().unwrap();
                assert!(
                    (got - num(want, column)).abs() < 1e-12,
                    "{name} {key} {field}"
                );
            }
            assert_eq!(d[key]["n"].as_u64().unwrap().to_string(), want["n"]);
        }
        let alpha = row(
            &csv,
            &[("question", &question), ("statistic", "cronbach_alpha")],
        );
        let a = &d["cronbach_alpha"];
        assert!((a["alpha"].as_f64().unwrap() - num(alpha, "estimate")).abs() < 1e-12);
        assert_eq!(a["n"].as_u64().unwrap().to_string(), alpha["n"]);
        assert_eq!(
            a["items_used"].as_u64().unwrap().to_string(),
            alpha["count"]
        );
        for item in a["items"].as_array().unwrap() {
            let id = item["question"].as_str().unwrap();
            for statistic in ["alpha_if_deleted", "item_rest_correlation"] {
                let want = row(
                    &csv,
                    &[("question", id), ("statistic", statistic), ("level", name)],
                );
                let got = item[statistic].as_f64().unwrap();
                assert!(
                    (got - num(want, "estimate")).abs() < 1e-12,
                    "{id} {statistic}"
                );
            }
        }
    }
}

#[test]
fn json_carries_the_effective_n_when_weighted() {
    let plain: serde_json::Value = serde_json::from_str(&health_check("json", &[])).unwrap();
    assert!(plain["populations"][0]["weighting"].is_null());
    assert!(plain["populations"][0]["questions"][3]["effective_n"].is_null());
    let v: serde_json::Value =
        serde_json::from_str(&health_check("json", &["--weighted"])).unwrap();
    assert_eq!(v["method"]["weighted"], true);
    let p = &v["populations"][0];
    assert_eq!(p["weighting"]["method"], "post_stratification");
    assert_eq!(p["weighting"]["counts"], "unweighted");
    assert_eq!(p["weighting"]["strata"].as_array().unwrap().len(), 5);
    let csv = csv_rows(&health_check("csv", &["--weighted"]));
    for q in p["questions"].as_array().unwrap() {
        let id = q["id"].as_str().unwrap();
        let want = row(&csv, &[("question", id), ("statistic", "effective_n")]);
        let got = q["effective_n"].as_f64().unwrap();
        assert!((got - num(want, "estimate")).abs() < 1e-9, "{id}");
    }
}

#[test]
fn markdown_carries_the_dimensions_and_the_breakdown() {
    let md = health_check("md", &["--by", "township"]);
    assert!(md.contains("### 维度"), "{md}");
    // The composite with both intervals, α with its Feldt interval, n and items, and the item
    // statistics.
    assert!(
        md.contains(
            "| 城镇安全性 | q4_1、q4_2、q4_3 | 84.97% | 83.37% – 86.44% | 82.52 | 81.75 – 83.30 | 1200 | 0.787（0.765 – 0.808） | 1112 | 3 / 3 |"
        ),
        "{md}"
    );
    assert!(md.contains("删除该题后的 α") && md.contains("校正的题总相关"));
    assert!(
        md.contains(
            "| 城镇安全性 | q4_1 | 您对城镇安全性方面的满意程度—社会治安 | 0.722 | 0.621 |"
        )
    );
    // Every group with its valid responses and its question figures.
    for (group, n) in [
        ("龙港镇", 420),
        ("中村镇", 260),
        ("郑庄镇", 200),
        ("端氏镇", 180),
        ("嘉峰镇", 140),
    ] {
        assert!(
            md.contains(&format!("### 按 township 分组：{group}（有效问卷 {n}）")),
            "{group}"
        );
    }
    let plain = health_check("md", &[]);
    assert!(!plain.contains("按 township 分组"));
    let en = run_en(&[
        "summarize",
        "--survey",
        "surveys/health-check.toml",
        "--format",
        "md",
    ]);
    assert!(en.stdout.contains("Cronbach's α") && en.stdout.contains("α if item deleted"));
}

#[test]
fn weighted_markdown_says_how_it_is_weighted() {
    let plain = health_check("md", &[]);
    assert!(
        !plain.contains("加权"),
        "unweighted figures say nothing of weights"
    );
    let md = health_check("md", &["--weighted"]);
    assert!(md.contains("- 加权：事后分层加权"), "{md}");
    assert!(md.contains("Kish 有效样本量"));
    assert!(md.contains("人数与 n 为未加权的受访者人数"));
    assert!(md.contains("| 嘉峰镇 | 140 | 19.77% | 1.6949 |"), "{md}");
    assert!(md.contains("有效样本量（Kish）："));
    let en = run_en(&[
        "summarize",
        "--survey",
        "surveys/health-check.toml",
        "--format",
        "md",
        "--weighted",
    ]);
    assert!(
        en.stdout.contains("Weighting: post-stratified"),
        "{}",
        en.stdout
    );
    assert!(en.stdout.contains("Kish's effective sample size"));
    assert!(
        en.stdout
            .contains("counts and n are unweighted respondents")
    );
    // A population the definition does not weight says so.
    let both = run(&["summarize", "--format", "md", "--weighted"]);
    assert_eq!(both.status, 0, "{}", both.stderr);
    assert!(
        both.stdout
            .contains("未加权：定义没有为该调查对象声明 [[weighting]]")
    );
}

#[test]
fn english_markdown_reads_with_english_punctuation() {
    let en = run_en(&["summarize", "--format", "md", &fixture("wjx_text_utf8.csv")]);
    assert_eq!(en.status, 0, "{}", en.stderr);
    assert!(
        en.stdout.contains("Interval method: Wilson, 95% CI"),
        "{}",
        en.stdout
    );
    assert!(
        en.stdout
            .contains("Mean score: 78.24 (n = 34; 95% CI 71.29 – 85.19; SD 19.92; SE 3.42)"),
        "{}",
        en.stdout
    );
    assert!(
        en.stdout.contains(
            "Satisfaction rate (非常满意+满意): **73.53%** (25 / 34; 95% CI 56.88% – 85.40%)"
        ),
        "{}",
        en.stdout
    );
    assert!(
        en.stdout
            .contains("Not counted: skipped (跳过) ×4, cannot say 不清楚 ×2")
    );
    // A population named by its id is not named twice.
    assert!(en.stdout.contains("## wjx_text_utf8\n"), "{}", en.stdout);
}

/// 响应率 beside 普及率: each option's share of all choices, counted here from the export itself
/// (问卷星 joins the options chosen with ┋ and writes 其他〖…〗 with what was typed).
#[test]
fn multiple_choice_shares_of_choices_beside_shares_of_respondents() {
    let path = root().join("responses/plan-public.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h.starts_with("5、"))
        .unwrap();
    let mut chosen: std::collections::HashMap<String, u64> = Default::default();
    for record in reader.records() {
        let record = record.unwrap();
        for part in record[column].split('┋') {
            let option = if part.starts_with("其他〖") {
                "其他"
            } else {
                part
            };
            if !option.is_empty() && option != "(跳过)" && option != "(空)" {
                *chosen.entry(option.to_string()).or_default() += 1;
            }
        }
    }
    let all: u64 = chosen.values().sum();
    let r = run(&[
        "summarize",
        "--survey",
        "surveys/plan-evaluation.toml",
        "--population",
        "public",
        "--all",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    let mut total = 0.0;
    for (option, count) in &chosen {
        let row = row(
            &rows,
            &[
                ("population", "public"),
                ("question", "q5"),
                ("statistic", "response_share"),
                ("level", option),
            ],
        );
        assert_eq!(num(row, "count"), *count as f64, "{option}");
        assert_eq!(num(row, "n"), all as f64);
        assert!((num(row, "estimate") - *count as f64 / all as f64).abs() < 1e-12);
        total += num(row, "estimate");
    }
    assert!(
        (total - 1.0).abs() < 1e-12,
        "the shares of choices sum to 1"
    );
    assert_eq!(all, 493);
}

/// A question may sit in several dimensions: an overall dimension over every item is declared
/// beside the six, with no second definition, and leaves their figures as they were.
#[test]
fn a_question_may_belong_to_several_dimensions() {
    let dir = example_copy();
    let surveys = dir.path().join("surveys");
    let definition = std::fs::read_to_string(surveys.join("health-check.toml")).unwrap();
    // The `dimension` of each [[question]]; an [[indicator]] naming a dimension names
    // `indicator_dimension` (a dimension gone would leave it without questions).
    let rewrite = |with: &dyn Fn(&str) -> String, indicator_dimension: &str| -> String {
        let mut section = "";
        let mut items = 0;
        let text = definition
            .lines()
            .map(|line| {
                if line.starts_with('[') {
                    section = line;
                }
                match line.strip_prefix("dimension = ") {
                    Some(name) if section == "[[question]]" => {
                        items += 1;
                        format!("dimension = {}", with(name))
                    }
                    Some(_) if section == "[[indicator]]" && !indicator_dimension.is_empty() => {
                        format!("dimension = \"{indicator_dimension}\"")
                    }
                    _ => line.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(items, 18, "the health check rates 18 items");
        text
    };
    std::fs::write(
        surveys.join("overall.toml"),
        rewrite(&|name| format!("[{name}, \"总体\"]"), ""),
    )
    .unwrap();
    std::fs::write(
        surveys.join("only-overall.toml"),
        rewrite(&|_| "\"总体\"".to_string(), "总体"),
    )
    .unwrap();
    let lines = |survey: &str| -> Vec<String> {
        let r = run_in(Some(dir.path()), &["summarize", "--survey", survey]);
        assert_eq!(r.status, 0, "{}", r.stderr);
        let mut v: Vec<String> = r.stdout.lines().map(str::to_string).collect();
        v.sort();
        v
    };
    let about_overall = |line: &String| {
        let f: Vec<&str> = line.split(',').collect();
        f[2] == "dimension:总体"
            || (matches!(f[4], "alpha_if_deleted" | "item_rest_correlation") && f[5] == "总体")
    };
    let base = lines("surveys/health-check.toml");
    let both = lines("surveys/overall.toml");
    let only = lines("surveys/only-overall.toml");
    // The six dimensions and every question read exactly as before.
    let rest: Vec<String> = both.iter().filter(|l| !about_overall(l)).cloned().collect();
    assert_eq!(rest, base);
    // The overall dimension is the one a definition of it alone gives.
    let overall: Vec<String> = both.iter().filter(|l| about_overall(l)).cloned().collect();
    let alone: Vec<String> = only.iter().filter(|l| about_overall(l)).cloned().collect();
    assert_eq!(overall, alone);
    let alpha = overall
        .iter()
        .find(|l| l.contains(",cronbach_alpha,"))
        .expect("α of the overall dimension");
    assert_eq!(
        alpha.split(',').nth(6),
        Some("18"),
        "α over all 18 items: {alpha}"
    );
    // Each item's α-if-deleted, in its own dimension and in the overall one.
    let per_item = overall
        .iter()
        .filter(|l| l.contains(",alpha_if_deleted,"))
        .count();
    assert_eq!(per_item, 18);
}

#[test]
fn help_and_mistakes_are_in_chinese_unless_english_is_asked_for() {
    let help = run(&["summarize", "--help"]);
    assert_eq!(help.status, 0, "{}", help.stderr);
    assert!(help.stdout.starts_with("每道题的结果"), "{}", help.stdout);
    assert!(
        help.stdout.contains("用法：wenjuan summarize"),
        "{}",
        help.stdout
    );
    let wrong = run(&["summarize", "--bogus"]);
    assert_eq!(wrong.status, 2);
    assert!(
        wrong
            .stderr
            .starts_with("wenjuan: 错误: 不认识的参数 --bogus\n用法："),
        "{}",
        wrong.stderr
    );
    let en = run_en(&["summarize", "--help"]);
    assert!(
        en.stdout.starts_with("Every question's figures"),
        "{}",
        en.stdout
    );
    let en_wrong = run_en(&["summarize", "--bogus"]);
    assert_eq!(en_wrong.status, 2);
    assert!(
        en_wrong.stderr.contains("unexpected argument '--bogus'"),
        "{}",
        en_wrong.stderr
    );
}
