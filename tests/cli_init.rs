//! `wenjuan init`: the inferred definition is valid, commented, and reproduces the inferred figures.

mod common;
use common::*;

#[test]
fn init_writes_a_definition_that_summarize_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let def = dir.path().join("surveys").join("fixture.toml");
    std::fs::create_dir_all(def.parent().unwrap()).unwrap();
    let r = run(&[
        "init",
        &fixture("wjx_text_gbk.csv"),
        "-o",
        def.to_str().unwrap(),
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&def).unwrap();
    // Built-in scales are written out with their scores so they can be changed.
    assert!(
        text.contains("{ label = \"非常满意\", score = 100, positive = true"),
        "{text}"
    );
    assert!(
        text.contains("id = \"q3_1\"\nnumber = 3\nitem = \"服务质量\""),
        "{text}"
    );
    assert!(text.contains("kind = \"multiple\""));
    assert!(text.contains("kind = \"text\""));
    assert!(
        text.contains("# size = "),
        "a commented size line invites the population size"
    );

    let inferred = run(&["summarize", &fixture("wjx_text_gbk.csv")]);
    let defined = run(&["summarize", "--survey", def.to_str().unwrap()]);
    assert_eq!(defined.status, 0, "{}", defined.stderr);
    assert_eq!(defined.stdout, inferred.stdout);
}

#[test]
fn init_to_stdout_writes_paths_for_the_current_folder() {
    let r = run(&[
        "init",
        "responses/plan-public.csv",
        "--population",
        "public",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("files = [\"responses/plan-public.csv\"]"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("id = \"public\""));
    assert!(r.stdout.contains("scale = \"awareness\""));
}

/// A newcomer's first two commands: `init export > def.toml`, then use the definition.
#[test]
fn a_definition_written_to_standard_output_reads_its_export() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("wjx_text.xlsx"), dir.path().join("export.xlsx")).unwrap();
    let r = run_in(Some(dir.path()), &["init", "export.xlsx"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("files = [\"export.xlsx\"]"),
        "{}",
        r.stdout
    );
    std::fs::write(dir.path().join("def.toml"), &r.stdout).unwrap();
    let s = run_in(Some(dir.path()), &["summarize", "--survey", "def.toml"]);
    assert_eq!(s.status, 0, "{}", s.stderr);
    assert!(s.stdout.contains(",q2,"), "{}", s.stdout);
    // Written with -o into a folder: paths relative to that folder.
    std::fs::create_dir(dir.path().join("surveys")).unwrap();
    let o = run_in(
        Some(dir.path()),
        &["init", "export.xlsx", "-o", "surveys/def.toml"],
    );
    assert_eq!(o.status, 0, "{}", o.stderr);
    let written = std::fs::read_to_string(dir.path().join("surveys/def.toml")).unwrap();
    assert!(
        written.contains("files = [\"../export.xlsx\"]"),
        "{written}"
    );
}

/// A definition naming a file that is not there says which definition and line name it.
#[test]
fn a_missing_file_names_the_definition_and_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let def = dir.path().join("def.toml");
    std::fs::write(
        &def,
        "title = \"t\"\n\n[[population]]\nid = \"p\"\nfiles = [\"gone.csv\"]\n\n[[question]]\nid = \"q1\"\nnumber = 1\noptions = [\"a\"]\n",
    )
    .unwrap();
    let r = run_en(&["summarize", "--survey", def.to_str().unwrap()]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("gone.csv"), "{}", r.stderr);
    assert!(
        r.stderr.contains("def.toml, line 3") && r.stderr.contains("relative to its folder"),
        "{}",
        r.stderr
    );
    let zh = run(&["summarize", "--survey", def.to_str().unwrap()]);
    assert!(zh.stderr.contains("第 3 行列出"), "{}", zh.stderr);
}

#[test]
fn init_notes_what_a_person_should_check() {
    let r = run_en(&["init", &fixture("unknown_labels.csv")]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "# note: answers whose words give no level, reported as unknown and not counted in n: 还行 (1)"
        ),
        "{}",
        r.stdout
    );
    let n = run_en(&["init", &fixture("wjx_number.csv")]);
    assert!(n.stdout.contains("option numbers"), "{}", n.stdout);
    // Why the inferred scale is ordered and counted as it is, above the scale.
    assert!(
        r.stdout.contains(
            "# note: scale read from the answers' words: 非常满意 = 很满意 > 满意 > 比较满意 > 一般 > 不满意 > 非常不满意"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("kept as levels of their own with one score (not merged): 非常满意 = 很满意"),
        "{}",
        r.stdout
    );
    // The notes and the explanations are written in the reader's language, Chinese by default.
    let zh = run(&["init", &fixture("unknown_labels.csv")]);
    assert_eq!(zh.status, 0, "{}", zh.stderr);
    assert!(
        zh.stdout
            .contains("# 请核对：以下答案的措辞无法判断等级，列为无法识别、不计入 n：还行 (1)"),
        "{}",
        zh.stdout
    );
    assert!(
        zh.stdout.contains("# 量表：等级按从好到差排列"),
        "{}",
        zh.stdout
    );
    assert!(!zh.stdout.contains("# note:"), "{}", zh.stdout);
    let n = run(&["init", &fixture("wjx_number.csv")]);
    assert!(n.stdout.contains("答案是选项编号"), "{}", n.stdout);
}

#[test]
fn init_needs_files() {
    let r = run(&["init"]);
    assert_eq!(r.status, 2);
}

#[test]
fn the_commented_indicator_block_works_once_uncommented() {
    let dir = tempfile::tempdir().unwrap();
    let def = dir.path().join("def.toml");
    let r = run(&[
        "init",
        &fixture("wjx_text_utf8.csv"),
        "-o",
        def.to_str().unwrap(),
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&def).unwrap();
    let mut inside = false;
    let uncommented: Vec<String> = text
        .lines()
        .map(|l| {
            if l == "# [[indicator]]" {
                inside = true;
            }
            if inside && l.starts_with("# ") && !l.starts_with("# per_point") {
                l[2..].to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&def, uncommented.join("\n")).unwrap();
    let r = run(&["indicators", "--survey", def.to_str().unwrap()]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    // The line, then the table's total.
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["indicator"], "total");
    assert_eq!(rows[0]["rule"], "stepped");
    assert_eq!(
        rows[0]["n"], "36",
        "respondents who rated any of the three satisfaction items"
    );
}
