//! `wenjuan report`: the committed example report (docs/example-report) is what the bundled
//! example produces; the workbook reads back with the figures; every chart is XML with its labels.

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
    for section in [
        "## 一、调查概况",
        "## 二、评价方法",
        "## 三、满意度评价结果",
        "## 四、知晓度",
        "## 五、绩效指标评分",
        "## 六、群体差异",
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
    assert!(md.contains("![城镇居民](charts/residents-dimensions.svg)"));
}

#[test]
fn the_workbook_holds_the_figures() {
    let dir = generate();
    let path = dir.path().join("report.xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["指标", "各题统计", "维度", "分组", "差异检验", "有效性核查"]
    );
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
