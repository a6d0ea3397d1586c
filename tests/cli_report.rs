//! `wenjuan report`: the committed example report (docs/example-report) is what the bundled
//! example produces; the workbook reads back with the figures; every chart is XML with its labels;
//! the Word document holds the same tables, captions, figures and charts.

mod common;
use calamine::{Data, DataType, Reader};
use common::*;
use std::path::Path;

fn generate() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let r = run(&["report", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("report.md") && r.stdout.contains("report.xlsx"),
        "the files written are listed"
    );
    dir
}

/// The report without its generation date.
fn undated(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("> "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A file inside a .docx (a zip), as text.
fn docx_part(path: &Path, part: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(part).unwrap(), &mut text).unwrap();
    text
}

/// The pictures a .docx holds.
fn docx_media(path: &Path) -> Vec<Vec<u8>> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut media = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        if file.is_file() && file.name().is_ok_and(|n| n.starts_with("word/media/")) {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
            media.push(bytes);
        }
    }
    media
}

/// Text with its dates (2026-11-30) blanked: the generation date differs from run to run.
fn without_dates(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let date = chars.len() >= i + 10
            && chars[i..i + 10].iter().enumerate().all(|(k, c)| match k {
                4 | 7 => *c == '-',
                _ => c.is_ascii_digit(),
            });
        if date {
            out.push_str("DATE");
            i += 10;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn the_word_report_holds_tables_captions_figures_and_charts() {
    let dir = generate();
    let docx = dir.path().join("report.docx");
    let xml = docx_part(&docx, "word/document.xml");
    // The bundled example's awareness, as reports write it, in a native table and a sentence.
    assert!(xml.contains("23.51%") && xml.contains("75.09%"));
    assert!(xml.matches("<w:tbl>").count() >= 20, "native Word tables");
    for caption in ["表1", "调查样本与有效问卷", "图1", "城镇居民各维度满意度"]
    {
        assert!(xml.contains(caption), "{caption}");
    }
    // The cover, the whole indicator table with its grade, and what people said.
    assert!(xml.contains("阳泉市财政局") && xml.contains("山西博丰资产评估事务所有限公司"));
    assert!(xml.contains("决策小计") && xml.contains("97.41") && xml.contains("优秀"));
    assert!(xml.contains("社会公众的意见主要集中在交通出行（12 人，26.67%）"));
    // Every chart of the report is embedded, as a PNG picture.
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    let figures = md.lines().filter(|l| l.starts_with("![图")).count();
    assert!(figures > 10);
    assert_eq!(xml.matches("<w:drawing>").count(), figures);
    let media = docx_media(&docx);
    assert!(!media.is_empty() && media.len() <= figures);
    assert!(
        media
            .iter()
            .all(|png| png.starts_with(b"\x89PNG\r\n\x1a\n"))
    );
    // A table too wide for a portrait page (the 13 columns of an indicator table) is set on a
    // landscape one.
    assert!(xml.contains(r#"w:orient="landscape""#));
    // Fonts a Chinese Word installation has.
    let styles = docx_part(&docx, "word/styles.xml");
    assert!(styles.contains("宋体") && styles.contains("黑体"));
}

#[test]
fn the_committed_example_report_is_current() {
    let dir = generate();
    let golden = root().join("docs/example-report");
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    let committed = std::fs::read_to_string(golden.join("report.md")).unwrap();
    assert_eq!(
        undated(&md),
        undated(&committed),
        "regenerate with: wenjuan report -o docs/example-report"
    );
    assert_eq!(
        std::fs::read(dir.path().join("report.xlsx")).unwrap(),
        std::fs::read(golden.join("report.xlsx")).unwrap()
    );
    // The Word document's words and layout (its pictures are drawn with this machine's fonts).
    assert_eq!(
        without_dates(&docx_part(
            &dir.path().join("report.docx"),
            "word/document.xml"
        )),
        without_dates(&docx_part(&golden.join("report.docx"), "word/document.xml")),
        "regenerate with: wenjuan report -o docs/example-report"
    );
    for entry in std::fs::read_dir(dir.path().join("charts")).unwrap() {
        let entry = entry.unwrap();
        let committed = std::fs::read(golden.join("charts").join(entry.file_name())).unwrap();
        assert_eq!(
            std::fs::read(entry.path()).unwrap(),
            committed,
            "{:?}",
            entry.file_name()
        );
    }
}

#[test]
fn the_report_reads_as_a_satisfaction_report() {
    let dir = generate();
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    group_means_are_tabled_with_welchs_p_as_compare_gives_them(&md);
    for section in [
        "## 一、调查概况",
        "## 二、评价方法",
        "## 三、满意度评价结果",
        "## 四、知晓度",
        "## 五、绩效指标评分",
        "## 六、意见和建议",
        "## 七、群体差异",
        "## 附录",
    ] {
        assert!(md.contains(section), "missing {section}");
    }
    // The published awareness split, the accounting and the method statement.
    assert!(
        md.contains("非常了解 23.51%；了解一些 51.58%；不太了解 20.00%；完全不了解 4.91%"),
        "{md}"
    );
    assert!(md.contains("| 社会公众 | responses/plan-public.csv | 290 | 285 | 98.28% |"));
    assert!(md.contains("比例采用 Wilson 方法，置信水平 95%"));
    assert!(md.contains("阶梯系数"));
    // The planted township difference is reported as notable.
    assert!(md.contains("端氏镇"));
    // Tables and figures are captioned and numbered as Chinese reports do.
    assert!(md.contains("表1　调查样本与有效问卷"), "{md}");
    assert!(md.contains("![图1　城镇居民各维度满意度](charts/residents-dimensions.svg)"));
    // What people said: where the views centre, each theme's share with its interval.
    assert!(
        md.contains("社会公众的意见主要集中在交通出行（12 人，26.67%）"),
        "{md}"
    );
    assert!(
        md.contains("| 交通出行 | 交通、道路、停车、公交、班次 | 12 | 26.67% | 15.96% – 41.04% |")
    );
}

#[test]
fn the_workbook_holds_the_figures() {
    let dir = generate();
    let path = dir.path().join("report.xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "指标",
            "各题统计",
            "维度",
            "题项信度",
            "意见",
            "分组",
            "差异检验",
            "有效性核查"
        ]
    );
    // What people said: each theme with its respondents, share and interval, and its answers.
    let said = book.worksheet_range("意见").unwrap();
    let traffic = said
        .rows()
        .find(|r| r[0] == "社会公众" && r[4] == "交通出行")
        .expect("the public's traffic theme");
    assert_eq!(traffic[6], Data::Float(12.0));
    assert_eq!(traffic[7], Data::Float(45.0));
    assert!((traffic[8].as_f64().unwrap() - 12.0 / 45.0).abs() < 1e-12);
    assert!(traffic[11].to_string().contains("盂县到市区的交通需要改善"));
    let indicators = book.worksheet_range("指标").unwrap();
    let csv = csv_rows(&run(&["indicators"]).stdout);
    for r in indicators.rows().skip(1) {
        let id = r[0].to_string();
        if id.is_empty() || !r[3].is_float() {
            continue; // the notes below the table
        }
        let want = row(&csv, &[("indicator", &id)]);
        match &r[3] {
            Data::Float(v) => assert!((v - num(want, "value")).abs() < 1e-12, "{id}"),
            other => panic!("{id}: value cell {other:?}"),
        }
    }
    let questions = book.worksheet_range("各题统计").unwrap();
    let awareness = questions
        .rows()
        .find(|r| {
            let text = |c: &Data| c.get_string().unwrap_or_default().to_string();
            text(&r[0]) == "社会公众" && text(&r[2]) == "q4" && text(&r[4]) == "非常了解"
        })
        .unwrap();
    assert_eq!(awareness[5], Data::Float(67.0));
    match &awareness[7] {
        Data::Float(v) => assert!((v - 67.0 / 285.0).abs() < 1e-12),
        other => panic!("{other:?}"),
    }
    // Respondents' text cannot become a formula.
    let validity = book.worksheet_range("有效性核查").unwrap();
    assert!(validity.rows().count() > 30);
}

#[test]
fn every_chart_is_xml_with_its_labels() {
    let dir = generate();
    let charts: Vec<_> = std::fs::read_dir(dir.path().join("charts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(charts.len() > 40);
    for path in &charts {
        let text = std::fs::read_to_string(path).unwrap();
        let mut reader = quick_xml::Reader::from_str(&text);
        let mut words = String::new();
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Text(t)) => words.push_str(&t.xml10_content()),
                Ok(_) => {}
                Err(e) => panic!("{}: {e}", path.display()),
            }
        }
        let name = path.file_name().unwrap().to_string_lossy();
        if name == "public-q4.svg" {
            for label in ["非常了解", "了解一些", "23.51%（67）", "n = 285"] {
                assert!(words.contains(label), "{name} lacks {label}: {words}");
            }
        }
        if name == "residents-dimensions.svg" {
            assert!(
                words.contains("出行便捷性") && words.contains("65.86%"),
                "{words}"
            );
        }
    }
    assert!(Path::new(&dir.path().join("charts/public-q4.svg")).exists());
}

#[test]
fn a_report_into_an_unwritable_place_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let r = run(&["report", "-o", blocker.join("out").to_str().unwrap()]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("file"), "{}", r.stderr);
}

/// The report written for `args` (run in `dir`, the repository when `None`), as Markdown.
fn report_md(dir: Option<&Path>, args: &[&str]) -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let mut all = vec!["report", "-o", out.path().to_str().unwrap()];
    all.extend_from_slice(args);
    let r = run_in(dir, &all);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let md = std::fs::read_to_string(out.path().join("report.md")).unwrap();
    (out, md)
}

/// The numbers of the report's sections (`## 三、…` → 3, `## 3. …` → 3), the appendix aside.
fn section_numbers(md: &str) -> Vec<usize> {
    const ZH: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    md.lines()
        .filter_map(|l| l.strip_prefix("## "))
        .filter_map(|h| {
            if let Some((n, _)) = h.split_once('、') {
                return Some(ZH.iter().position(|z| *z == n).expect(h) + 1);
            }
            let (n, _) = h.split_once(". ")?;
            n.parse().ok()
        })
        .collect()
}

/// The numbers of the method section's items.
fn method_numbers(md: &str, heading: &str) -> Vec<usize> {
    md.lines()
        .skip_while(|l| !(l.starts_with("## ") && l.ends_with(heading)))
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|l| l.split_once(". ")?.0.parse().ok())
        .collect()
}

fn consecutive(numbers: &[usize]) -> bool {
    numbers.iter().enumerate().all(|(i, &n)| n == i + 1)
}

#[test]
fn sections_and_method_items_are_numbered_without_gaps() {
    // A bare export: no indicators, no groups.
    let bare = fixture("wjx_text_utf8.csv");
    for (lang, method) in [("zh", "评价方法"), ("en", "Method")] {
        let (_dir, md) = report_md(None, &["--lang", lang, &bare]);
        let sections = section_numbers(&md);
        assert!(
            sections.len() >= 4 && consecutive(&sections),
            "{lang}: {sections:?}\n{md}"
        );
        let items = method_numbers(&md, method);
        assert!(
            items.len() >= 4 && consecutive(&items),
            "{lang}: {items:?}\n{md}"
        );
    }
    let (_dir, md) = report_md(None, &[&bare]);
    assert!(
        md.contains("## 四、知晓度")
            && md.contains("## 五、意见和建议")
            && md.contains("## 六、群体差异"),
        "{md}"
    );
    assert!(!md.contains("绩效指标评分"));
    // The bundled example: every section, and the method points to the indicators' own number.
    let (_dir, md) = report_md(None, &[]);
    let sections = section_numbers(&md);
    assert_eq!(sections, [1, 2, 3, 4, 5, 6, 7], "{md}");
    assert!(consecutive(&method_numbers(&md, "评价方法")));
    assert!(md.contains("见第五部分各指标的计分规则"));
}

#[test]
fn a_group_difference_names_the_share_its_question_measures() {
    let dir = tempfile::tempdir().unwrap();
    // Awareness differs sharply between men and women.
    let mut csv =
        String::from("序号,提交答卷时间,所用时间,1、您的性别：,2、您对本项目的了解程度：\n");
    let plan = [
        ("男", "非常了解", 15),
        ("男", "了解一些", 10),
        ("男", "不太了解", 3),
        ("男", "完全不了解", 2),
        ("女", "非常了解", 2),
        ("女", "了解一些", 3),
        ("女", "不太了解", 15),
        ("女", "完全不了解", 10),
    ];
    let mut i = 0;
    for (gender, awareness, count) in plan {
        for _ in 0..count {
            i += 1;
            csv.push_str(&format!(
                "{i},2024/5/20 9:{:02}:00,{}秒,{gender},{awareness}\n",
                i % 60,
                100 + i
            ));
        }
    }
    std::fs::write(dir.path().join("export.csv"), csv).unwrap();
    std::fs::write(
        dir.path().join("survey.toml"),
        r#"title = "知晓度分组"

[[population]]
id = "public"
name = "社会公众"
files = ["export.csv"]

[[question]]
id = "gender"
number = 1
options = ["男", "女"]

[[question]]
id = "awareness"
number = 2
scale = "awareness"

[[group]]
id = "gender"
name = "性别"
question = "gender"
"#,
    )
    .unwrap();
    let (_out, md) = report_md(Some(dir.path()), &["--survey", "survey.toml"]);
    let sentence = md
        .lines()
        .find(|l| l.starts_with("- 您对本项目的了解程度（社会公众，按性别）"))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(
        sentence.contains("知晓率相差 +66.67 个百分点"),
        "{sentence}"
    );
    assert!(!sentence.contains("满意率"), "{sentence}");
    assert!(md.contains("| awareness 您对本项目的了解程度 | 知晓率 | 83.33% | 16.67% |"));
    // In English too.
    let (_out, en) = report_md(
        Some(dir.path()),
        &["--lang", "en", "--survey", "survey.toml"],
    );
    assert!(
        en.contains(
            "The group furthest from the rest is 男: Awareness rate +66.67 percentage points"
        ),
        "{en}"
    );
    // And in the bundled example, a satisfaction question's difference is a 满意率.
    let (_out, md) = report_md(None, &[]);
    assert!(
        md.contains("与其余受访者差异最大的是端氏镇，满意率相差 −36.08 个百分点"),
        "{md}"
    );
}

#[test]
fn the_indicator_total_puts_the_score_rate_under_its_own_label() {
    let (_out, md) = report_md(None, &[]);
    let cells = |line: &str| -> Vec<String> {
        let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
        inner.split('|').map(|c| c.trim().to_string()).collect()
    };
    let header = md
        .lines()
        .find(|l| l.starts_with("| 指标 | 调查对象 |"))
        .unwrap_or_else(|| panic!("{md}"));
    let header = cells(header);
    let total = cells(md.lines().find(|l| l.starts_with("| **合计** |")).unwrap());
    assert_eq!(header.len(), total.len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    // The first table is the health check's: 20 points, graded on its score rate.
    assert_eq!(total[col("分值")], "**20**");
    assert_eq!(total[col("得分")], "**19.12**");
    assert_eq!(total[col("得分率")], "**95.58%**");
    assert_eq!(
        total[col("结论")],
        "**优秀**",
        "the verdict column holds the grade, not a percentage"
    );
    // The plan evaluation's whole table: subtotals by 一级 indicator and a 100-point total.
    assert!(
        md.contains("| **决策小计** | | | | | | | | **10** | **10.00** | **100.00%** | | |"),
        "{md}"
    );
    assert!(
        md.contains("| | | **合计** | | | | | | **100** | **97.41** | **97.41%** | **优** | |"),
        "{md}"
    );
    assert!(
        md.contains("总分 97.41（满分 100，得分率 97.41%），绩效等级：优。"),
        "{md}"
    );
    // Each line's own score rate.
    let line = cells(
        md.lines()
            .find(|l| l.starts_with("| 出行便捷性满意度 |"))
            .unwrap(),
    );
    assert_eq!(line[col("得分率")], "82.33%");
    // The workbook's indicator sheet carries the total too.
    let dir = generate();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(dir.path().join("report.xlsx")).unwrap();
    let sheet = book.worksheet_range("指标").unwrap();
    let rows: Vec<_> = sheet.rows().collect();
    let head: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let at = |name: &str| head.iter().position(|h| h == name).unwrap();
    let total = rows
        .iter()
        .find(|r| r[0].get_string() == Some("合计"))
        .expect("a total row");
    assert_eq!(total[at("分值")], Data::Float(20.0));
    match &total[at("得分率")] {
        Data::Float(v) => assert!((v - 19.1157 / 20.0).abs() < 1e-3, "{v}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(total[at("结论")].get_string(), Some("优秀"));
    let subtotal = rows
        .iter()
        .find(|r| r[0].get_string() == Some("决策小计"))
        .expect("a subtotal row");
    assert_eq!(subtotal[at("分值")], Data::Float(10.0));
    let entered = rows
        .iter()
        .find(|r| r[at("名称")].get_string() == Some("组织保障"))
        .expect("an entered line");
    assert_eq!(entered[at("得分")], Data::Float(3.0));
    assert_eq!(entered[at("结论")].get_string(), Some("评价组评分"));
    assert!(entered[at("说明")].to_string().contains("会议纪要"));
}

#[test]
fn file_paths_are_shown_relative_to_the_current_folder() {
    // A definition named by its absolute path, run from the folder that holds it.
    let copy = example_copy();
    let survey = copy.path().join("surveys/health-check.toml");
    let (out, md) = report_md(Some(copy.path()), &["--survey", survey.to_str().unwrap()]);
    assert!(md.contains("| responses/health-check.csv |"), "{md}");
    let base = copy.path().display().to_string();
    assert!(!md.contains(&base), "{md}");
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(out.path().join("report.xlsx")).unwrap();
    let validity = book.worksheet_range("有效性核查").unwrap();
    let files: Vec<String> = validity.rows().skip(1).map(|r| r[1].to_string()).collect();
    assert!(
        files.iter().any(|f| f == "responses/health-check.csv"),
        "{files:?}"
    );
    assert!(files.iter().all(|f| !f.starts_with('/')), "{files:?}");
    // A bare export given by its absolute path.
    let (_out, md) = report_md(None, &[&fixture("wjx_text_utf8.csv")]);
    assert!(md.contains("| tests/fixtures/wjx_text_utf8.csv |"), "{md}");
    assert!(!md.contains(&root().display().to_string()), "{md}");
    // A file outside the current folder keeps the path it was given.
    let elsewhere = tempfile::tempdir().unwrap();
    let (_out, md) = report_md(Some(elsewhere.path()), &[&fixture("wjx_text_utf8.csv")]);
    assert!(md.contains(&fixture("wjx_text_utf8.csv")), "{md}");
}

#[test]
fn english_report_reads_with_english_punctuation() {
    let (_out, md) = report_md(None, &["--lang", "en"]);
    let body: String = md
        .lines()
        .take_while(|l| !l.starts_with("## Appendix"))
        .collect::<Vec<_>>()
        .join("\n");
    // Chinese text comes from the questionnaire; the sentences around it are English.
    for line in body.lines().filter(|l| {
        l.starts_with("1. ")
            || l.starts_with("   - ")
            || l.starts_with("- 社会公众")
            || l.starts_with("- 您对")
    }) {
        for mark in ["：", "；", "，n", "），", "。A"] {
            assert!(!line.contains(mark), "{mark} in {line}");
        }
    }
    assert!(
        body.contains("time taken under one third of the median"),
        "{body}"
    );
    assert!(body.contains("(城镇居民, by 乡镇)"), "{body}");
    assert!(
        body.contains(
            "Awareness rate (非常了解+了解一些) **75.09%** (95% CI 69.76% – 79.75%; n = 285)."
        ),
        "{body}"
    );
}

#[test]
fn the_workbook_carries_each_items_reliability() {
    let dir = generate();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(dir.path().join("report.xlsx")).unwrap();
    let csv = csv_rows(&run(&["summarize"]).stdout);
    let items = book.worksheet_range("题项信度").unwrap();
    let mut seen = 0;
    for r in items.rows().skip(1) {
        let (id, dimension) = (r[2].to_string(), r[1].to_string());
        let Data::Float(got) = r[4] else { continue };
        let want = row(
            &csv,
            &[
                ("question", &id),
                ("statistic", "alpha_if_deleted"),
                ("level", &dimension),
            ],
        );
        assert!((got - num(want, "estimate")).abs() < 1e-12, "{id}");
        seen += 1;
    }
    assert_eq!(seen, 18 + 5 + 4, "every dimension item");
    let dims = book.worksheet_range("维度").unwrap();
    let head: Vec<String> = dims
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(head.contains(&"平均得分下限".to_string()) && head.contains(&"α 计入题数".to_string()));
}

/// A multiple-choice question by a declared group: per option and group, who chose it and their
/// share of the group — the same figures `summarize --by` gives.
#[test]
fn multiple_choice_is_crossed_with_each_group() {
    let (_dir, md) = report_md(None, &[]);
    let table = md
        .split("q5 了解规划的渠道：按年龄段交叉")
        .nth(1)
        .unwrap_or_else(|| panic!("{md}"));
    let by = csv_rows(
        &run(&[
            "summarize",
            "--survey",
            "surveys/plan-evaluation.toml",
            "--by",
            "age_band",
        ])
        .stdout,
    );
    let line = table
        .lines()
        .find(|l| l.starts_with("| 政府网站 |"))
        .unwrap();
    let mut want = vec!["政府网站".to_string()];
    for group in ["30岁及以下", "31~60岁", "60岁以上"] {
        let r = row(
            &by,
            &[
                ("population", "public"),
                ("group", group),
                ("question", "q5"),
                ("statistic", "share"),
                ("level", "政府网站"),
            ],
        );
        want.push(format!(
            "{}（{:.2}%）",
            r["count"],
            num(r, "estimate") * 100.0
        ));
    }
    assert_eq!(line, format!("| {} |", want.join(" | ")));
}

/// Checked on the report another test generates (a report takes a while in a debug build).
fn group_means_are_tabled_with_welchs_p_as_compare_gives_them(md: &str) {
    let compare = run(&[
        "compare",
        "--survey",
        "surveys/health-check.toml",
        "--by",
        "township",
        "--means",
        "-f",
        "json",
    ]);
    assert_eq!(compare.status, 0, "{}", compare.stderr);
    let rows: serde_json::Value = serde_json::from_str(&compare.stdout).unwrap();
    let q4_1 = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["question"] == "q4_1")
        .expect("q4_1");
    let means: Vec<String> = q4_1["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| format!("{:.2}", g["mean"].as_f64().unwrap()))
        .collect();
    let p = q4_1["welch_anova"]["p_value"].as_f64().unwrap();
    let line = format!(
        "| q4_1 您对城镇安全性方面的满意程度—社会治安 | {} | {p:.3} |",
        means.join(" | ")
    );
    let table = md
        .split("城镇居民各组平均得分（按乡镇）")
        .nth(1)
        .expect("the table's caption");
    assert!(
        table.starts_with(
            "\n\n| 题目 | 龙港镇 | 中村镇 | 郑庄镇 | 端氏镇 | 嘉峰镇 | Welch 检验 p |"
        ),
        "{table}"
    );
    assert!(table.contains(&line), "{line}\n{table}");
    // A dimension by its name, and where the rest of the comparison is.
    assert!(table.contains("\n| 出行便捷性 | "), "{table}");
    assert!(
        table.contains("wenjuan compare --by township --means"),
        "{table}"
    );
}
