//! Theme shares of free-text answers against references: respondents counted and intervals
//! computed by `tests/data/make_theme_reference.py` (statsmodels' `proportion_confint`) for every
//! interval method and three levels, including 0 of n, n of n, n = 1 and nobody saying anything.
//! Tolerance 1e-9.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use wenjuan::figures::Settings;
use wenjuan::figures::text;
use wenjuan::ingest::Codes;
use wenjuan::model::{Answer, AnswerValue, Answers};
use wenjuan::stats::{CiMethod, Confidence};
use wenjuan::survey::analysis::ThemeDef;

const TOL: f64 = 1e-9;

fn read(name: &str) -> Vec<HashMap<String, String>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    common::csv_rows(&std::fs::read_to_string(path).expect("reference file"))
}

#[test]
fn theme_shares_match_statsmodels() {
    let themes: Vec<ThemeDef> = read("theme_keywords.csv")
        .into_iter()
        .map(|r| ThemeDef {
            question: "q8".into(),
            population: None,
            name: r["theme"].clone(),
            keywords: r["keywords"].split('|').map(String::from).collect(),
            line: None,
        })
        .collect();
    let theme_refs: Vec<&ThemeDef> = themes.iter().collect();
    let mut cases: Vec<(String, Vec<(String, u64)>)> = Vec::new();
    for r in read("theme_answers.csv") {
        let answer = (
            r["answer"].clone(),
            r["respondents"].parse().expect("count"),
        );
        match cases.iter_mut().find(|(c, _)| *c == r["case"]) {
            Some((_, list)) => list.push(answer),
            None => cases.push((r["case"].clone(), vec![answer])),
        }
    }
    let mut checked = 0;
    for r in read("theme_shares.csv") {
        let (_, list) = cases
            .iter()
            .find(|(c, _)| *c == r["case"])
            .expect("case has answers");
        let distinct = list
            .iter()
            .map(|(t, _)| Answer {
                text: t.as_str().into(),
                value: AnswerValue::Text,
            })
            .collect();
        let counts: Vec<u64> = list.iter().map(|(_, c)| *c).collect();
        let answers = Answers::new(Codes::default(), distinct, String::new());
        let settings = Settings {
            method: r["method"].parse::<CiMethod>().expect("method"),
            conf: Confidence::new(r["conf"].parse().expect("conf")).expect("level"),
            weighted: false,
        };
        let f = text::figures(&answers, &counts, &theme_refs, settings).expect("figures");
        let t = f
            .themes
            .iter()
            .find(|t| t.name == r["theme"])
            .expect("theme");
        let what = format!("{} {} {} {}", r["case"], r["theme"], r["method"], r["conf"]);
        assert_eq!(f.n.to_string(), r["n"], "{what}: respondents with a view");
        assert_eq!(t.count.to_string(), r["count"], "{what}: respondents");
        match &t.share {
            None => assert!(r["estimate"].is_empty(), "{what}: a share expected"),
            Some(e) => {
                let x = |k: &str| r[k].parse::<f64>().expect("number");
                assert!((e.estimate - x("estimate")).abs() < TOL, "{what}: {e:?}");
                assert!((e.low - x("low")).abs() < TOL, "{what}: low {}", e.low);
                assert!((e.high - x("high")).abs() < TOL, "{what}: high {}", e.high);
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 240, "every reference row");
}
