//! Raking to margins, design effects and the Rao–Scott test against R's survey package
//! (tests/data/make_rake_reference.R wrote tests/fixtures/rake.csv and the reference values).
//!
//! Tolerances: weights 1e-8 absolute (they lie between 0.40 and 6.3, mean 1; the largest
//! difference seen is printed with `--nocapture`); shares, mean scores, design effects and the
//! Rao–Scott F, degrees of freedom and X² 1e-8 relative; p-values 1e-8 relative as well (they go
//! down to ~1e-6 here).

mod common;
use common::*;
use std::collections::HashMap;
use std::path::Path;
use wenjuan::figures::study::{Purpose, Study};
use wenjuan::figures::weighting::{RowWeights, row_weights};
use wenjuan::model::load::Inputs;

const TOL: f64 = 1e-8;

struct Reference {
    /// Per respondent (序号 − 1): rake, bounded, maxit2.
    weights: Vec<[f64; 3]>,
    towns: Vec<String>,
    ages: Vec<String>,
}

fn reference_weights() -> Reference {
    let text = std::fs::read_to_string(root().join("tests/data/rake_weights.csv")).unwrap();
    let rows = csv_rows(&text);
    Reference {
        weights: rows
            .iter()
            .map(|r| [num(r, "rake"), num(r, "bounded"), num(r, "maxit2")])
            .collect(),
        towns: rows.iter().map(|r| r["town"].clone()).collect(),
        ages: rows.iter().map(|r| r["age"].clone()).collect(),
    }
}

/// case, figure, question, group, level → value.
fn reference_figures() -> HashMap<(String, String, String, String, String), f64> {
    let text = std::fs::read_to_string(root().join("tests/data/rake_reference.csv")).unwrap();
    csv_rows(&text)
        .iter()
        .map(|r| {
            (
                (
                    r["case"].clone(),
                    r["figure"].clone(),
                    r["question"].clone(),
                    r["group"].clone(),
                    r["level"].clone(),
                ),
                num(r, "value"),
            )
        })
        .collect()
}

/// tests/fixtures/rake.toml with `edit` applied, beside a copy of rake.csv in a temporary folder.
fn definition(edit: impl Fn(String) -> String) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/fixtures/rake.csv"),
        dir.path().join("rake.csv"),
    )
    .unwrap();
    let toml = std::fs::read_to_string(root().join("tests/fixtures/rake.toml")).unwrap();
    let path = dir.path().join("rake.toml");
    std::fs::write(&path, edit(toml)).unwrap();
    let path = path.display().to_string();
    (dir, path)
}

fn with_rake_keys(keys: &str) -> impl Fn(String) -> String {
    let keys = keys.to_string();
    move |t: String| {
        t.replace(
            "method = \"rake\"\n",
            &format!("method = \"rake\"\n{keys}\n"),
        )
    }
}

fn weights_of(definition: &Path) -> RowWeights {
    let study = Study::load(
        &Inputs {
            surveys: vec![definition.to_path_buf()],
            ..Inputs::default()
        },
        Purpose::Other,
    )
    .unwrap();
    let loaded = &study.surveys[0];
    let keep = study.reviews[0][0].keep();
    assert!(
        keep.iter().all(|&k| k),
        "every response of the fixture is valid"
    );
    row_weights(&loaded.survey, &loaded.datasets[0], Some(&keep))
        .unwrap()
        .expect("the population is weighted")
}

fn assert_weights(got: &RowWeights, want: &Reference, column: usize, what: &str) {
    assert_eq!(got.weights.len(), want.weights.len());
    let mut worst = 0.0f64;
    for (row, (g, w)) in got.weights.iter().zip(&want.weights).enumerate() {
        let diff = (g - w[column]).abs();
        worst = worst.max(diff);
        assert!(diff < TOL, "{what}: row {row}: {g} vs R {}", w[column]);
    }
    println!("{what}: largest weight difference from R {worst:.2e}");
}

fn close(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= TOL * want.abs().max(1e-300),
        "{what}: {got} vs R {want}"
    );
}

#[test]
fn raked_weights_match_r_rake() {
    let want = reference_weights();
    let got = weights_of(&root().join("tests/fixtures/rake.toml"));
    assert_weights(&got, &want, 0, "rake");
    let report = got.rake.as_ref().expect("raked");
    assert!(report.converged && report.discrepancy < 1e-10, "{report:?}");
    assert!(
        report.iterations > 1 && report.iterations < 100,
        "{report:?}"
    );
    assert_eq!(got.without_stratum, 0);
    assert_eq!(report.margins, ["town", "age"]);
}

#[test]
fn bounded_weights_match_r_bounded_raking() {
    let want = reference_weights();
    let (_dir, path) = definition(with_rake_keys("bounds = [0.45, 3.5]"));
    let got = weights_of(Path::new(&path));
    assert_weights(&got, &want, 1, "bounded");
    let report = got.rake.as_ref().expect("raked");
    assert!(report.converged, "{report:?}");
    // The bounds bind: R puts 193 respondents on one (make_rake_reference.R says so).
    assert_eq!(report.at_bounds, 193);
    assert!((report.min_weight - 0.45).abs() < 1e-12 && (report.max_weight - 3.5).abs() < 1e-12);
}

#[test]
fn stopped_raking_matches_r_and_warns() {
    let want = reference_weights();
    let (_dir, path) = definition(with_rake_keys("max_iterations = 2"));
    let got = weights_of(Path::new(&path));
    assert_weights(&got, &want, 2, "two sweeps");
    let report = got.rake.as_ref().expect("raked");
    assert!(!report.converged && report.iterations == 2, "{report:?}");
    assert!(report.discrepancy > 1e-4, "{report:?}");

    let r = run(&["summarize", "--survey", &path, "--weighted"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("2 次迭代后仍未收敛"),
        "a warning on stderr: {}",
        r.stderr
    );
    let md = run(&["summarize", "--survey", &path, "--weighted", "-f", "md"]);
    assert!(md.stdout.contains("未收敛"), "{}", md.stdout);
}

#[test]
fn margins_already_met_take_one_sweep() {
    let want = reference_weights();
    let count = |v: &[String], k: &str| v.iter().filter(|x| *x == k).count();
    let towns = ["龙港镇", "中村镇", "郑庄镇", "端氏镇", "嘉峰镇"];
    let ages = ["18~30岁", "31~45岁", "46~60岁", "60岁以上"];
    let table = |keys: &[&str], v: &[String]| {
        keys.iter()
            .map(|k| format!("\"{k}\" = {}", count(v, k)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (town_targets, age_targets) = (table(&towns, &want.towns), table(&ages, &want.ages));
    let (_dir, path) = definition(move |t: String| {
        let mut out = String::new();
        for line in t.lines() {
            if line.starts_with("targets = { \"龙港镇\"") {
                out.push_str(&format!("targets = {{ {town_targets} }}\n"));
            } else if line.starts_with("targets = { \"18~30岁\"") {
                out.push_str(&format!("targets = {{ {age_targets} }}\n"));
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    });
    let got = weights_of(Path::new(&path));
    let report = got.rake.as_ref().expect("raked");
    assert_eq!(
        (report.iterations, report.converged),
        (1, true),
        "{report:?}"
    );
    assert!(got.weights.iter().all(|w| (w - 1.0).abs() < 1e-12));
}

#[test]
fn a_margin_category_without_respondents_is_an_error() {
    let (_dir, path) = definition(|t: String| {
        t.replace(
            "\"龙港镇\" = 62000,",
            "\"龙港镇\" = 62000, \"固县乡\" = 5000,",
        )
    });
    let r = run(&["summarize", "--survey", &path, "--weighted"]);
    assert_eq!(r.status, 2, "{}", r.stdout);
    assert!(
        r.stderr.contains("固县乡") && r.stderr.contains("没有任何有效答卷"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("rake.toml"),
        "names the file: {}",
        r.stderr
    );
    assert!(!r.stdout.contains("NaN") && !r.stderr.contains("NaN"));
    // Unweighted figures do not need the weights.
    assert_eq!(run(&["summarize", "--survey", &path]).status, 0);
}

#[test]
fn bad_rake_definitions_name_the_line() {
    for (edit, says) in [
        ("bounds = [1.5, 3.0]", "bounds = [1.5, 3]"),
        ("max_iterations = 0", "max_iterations = 0"),
        ("by = \"town\"", "不要直接写 by 与 targets"),
    ] {
        let (_dir, path) = definition(with_rake_keys(edit));
        let r = run(&["summarize", "--survey", &path, "--weighted"]);
        assert_eq!(r.status, 2, "{edit}: {}", r.stdout);
        assert!(r.stderr.contains(says), "{edit}: {}", r.stderr);
        assert!(r.stderr.contains("rake.toml"), "{edit}: {}", r.stderr);
    }
    let (_dir, path) = definition(|t: String| t.replace("method = \"rake\"", "method = \"ipf\""));
    let r = run(&["summarize", "--survey", &path]);
    assert!(r.status == 2 && r.stderr.contains("ipf"), "{}", r.stderr);
}

/// The summarize CSV rows of `question` in `group`: statistic → level → estimate.
fn figures_of(path: &str, by: bool) -> Vec<HashMap<String, String>> {
    let mut args = vec!["summarize", "--survey", path, "--weighted", "-f", "csv"];
    if by {
        args.extend(["--by", "town"]);
    }
    let r = run(&args);
    assert_eq!(r.status, 0, "{}", r.stderr);
    csv_rows(&r.stdout)
}

/// Compares each of `rows` that has a reference figure, taken as the figure of `group` (`None`:
/// skip the row), with it; how many were compared.
fn compare_rows(
    case: &str,
    rows: Vec<HashMap<String, String>>,
    group: impl Fn(&HashMap<String, String>) -> Option<String>,
) -> usize {
    let want = reference_figures();
    let mut checked = 0;
    for row in rows {
        let Some(group) = group(&row) else {
            continue;
        };
        let statistic = row["statistic"].as_str();
        let level = match statistic {
            "share" | "share_deff" => row["level"].clone(),
            "positive_share" | "positive_share_deff" | "mean_score" | "mean_score_deff" => {
                String::new()
            }
            _ => continue,
        };
        let key = (
            case.to_string(),
            statistic.to_string(),
            row["question"].clone(),
            group,
            level,
        );
        let Some(&r) = want.get(&key) else {
            continue;
        };
        close(num(&row, "estimate"), r, &format!("{key:?}"));
        checked += 1;
    }
    checked
}

fn check_figures(case: &str, path: &str) {
    let whole = compare_rows(case, figures_of(path, false), |row| {
        Some(row["group"].clone())
    });
    let in_town = compare_rows(case, figures_of(path, true), |row| {
        (row["group"] == "龙港镇").then(|| row["group"].clone())
    });
    // sat: 5 shares, 5 deffs, positive share and its deff, mean and its deff; know: 4 + 4 + 2;
    // on the whole sample and in 龙港镇.
    assert_eq!(
        whole + in_town,
        2 * (14 + 10),
        "{case}: every reference figure was found"
    );
}

/// `--where town = 龙港镇` takes the township's respondents as a domain of the design of every
/// valid response, weighted as the whole is: R's `subset(design, town == "龙港镇")`, the same
/// reference rows as the `--by town` group. (Reweighting the filtered rows instead would rake a
/// single township to every township's margin, which fails.)
#[test]
fn a_filter_is_a_domain_of_the_raked_design_as_in_r() {
    let r = run(&[
        "summarize",
        "--survey",
        &fixture("rake.toml"),
        "--weighted",
        "--where",
        "town = 龙港镇",
        "-f",
        "csv",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let checked = compare_rows("rake", csv_rows(&r.stdout), |_| Some("龙港镇".to_string()));
    assert_eq!(checked, 24, "every 龙港镇 reference figure was found");
}

#[test]
fn raked_shares_means_and_design_effects_match_r() {
    check_figures("rake", &fixture("rake.toml"));
}

#[test]
fn bounded_shares_means_and_design_effects_match_r() {
    let (_dir, path) = definition(with_rake_keys("bounds = [0.45, 3.5]"));
    check_figures("bounded", &path);
}

#[test]
fn json_and_markdown_say_how_the_weights_were_raked() {
    let r = run(&[
        "summarize",
        "--survey",
        &fixture("rake.toml"),
        "--weighted",
        "-f",
        "json",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let p = &v["populations"][0];
    assert_eq!(p["weighting"]["method"], "raking");
    assert_eq!(p["weighting"]["raking"]["converged"], true);
    let sat = p["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "sat")
        .unwrap();
    let want = reference_figures();
    let key = |f: &str| {
        (
            "rake".to_string(),
            f.to_string(),
            "sat".to_string(),
            String::new(),
            String::new(),
        )
    };
    close(
        sat["positive_share"]["deff"].as_f64().unwrap(),
        want[&key("positive_share_deff")],
        "json positive deff",
    );
    close(
        sat["mean_score"]["deff"].as_f64().unwrap(),
        want[&key("mean_score_deff")],
        "json mean deff",
    );
    let md = run(&[
        "summarize",
        "--survey",
        &fixture("rake.toml"),
        "--weighted",
        "-f",
        "md",
    ]);
    assert!(
        md.stdout.contains("按边际迭代加权") && md.stdout.contains("设计效应"),
        "{}",
        md.stdout
    );
}

fn check_rao_scott(case: &str, path: &str) {
    let want = reference_figures();
    let mut checked = 0;
    for by in ["town", "age"] {
        let r = run(&["compare", "--survey", path, "--by", by, "--weighted"]);
        assert_eq!(r.status, 0, "{}", r.stderr);
        for row in csv_rows(&r.stdout) {
            let question = row["question"].clone();
            if question != "sat" && question != "know" {
                continue;
            }
            assert_eq!(row["test"], "rao_scott_f", "the test is named");
            for (column, figure) in [
                ("statistic", "rao_scott_f"),
                ("ndf", "rao_scott_ndf"),
                ("ddf", "rao_scott_ddf"),
                ("p_value", "rao_scott_p"),
                ("pearson_chi_square", "rao_scott_pearson"),
            ] {
                let key = (
                    case.to_string(),
                    figure.to_string(),
                    question.clone(),
                    by.to_string(),
                    String::new(),
                );
                close(num(&row, column), want[&key], &format!("{key:?}"));
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 2 * 2 * 5);
}

#[test]
fn rao_scott_matches_r_svychisq() {
    check_rao_scott("rake", &fixture("rake.toml"));
    let (_dir, path) = definition(with_rake_keys("bounds = [0.45, 3.5]"));
    check_rao_scott("bounded", &path);
}

#[test]
fn unweighted_compare_keeps_its_chi_square() {
    let r = run(&["compare", "--survey", &fixture("rake.toml"), "--by", "town"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("population,by,question,text,groups,n,chi_square,df")
    );
    let md = run(&[
        "compare",
        "--survey",
        &fixture("rake.toml"),
        "--by",
        "town",
        "--weighted",
        "-f",
        "md",
    ]);
    assert!(md.stdout.contains("Rao–Scott"), "{}", md.stdout);
}
