//! `wenjuan compare`: per question, the chi-square test of independence against a group (`--by`),
//! or the difference of positive shares between two populations with a Newcombe interval
//! (`--between public,staff`).

use crate::cli::CompareArgs;
use crate::compare::{self, Difference, Independence};
use crate::error::{Error, Result};
use crate::groups;
use crate::i18n::Lang;
use crate::load::Inputs;
use crate::output;
use crate::report::{Format, machine_number, markdown::cell, neutralize_formula, percent};
use crate::study::Study;
use crate::summary::Settings;
use crate::validity::Review;
use serde_json::json;
use std::fmt::Write;

pub const BY_HEADER: [&str; 17] = [
    "population",
    "by",
    "question",
    "text",
    "groups",
    "n",
    "chi_square",
    "df",
    "p_value",
    "cramers_v",
    "min_expected",
    "small_expected_share",
    "warning",
    "furthest_group",
    "furthest_difference",
    "furthest_ci_low",
    "furthest_ci_high",
];

pub const BETWEEN_HEADER: [&str; 15] = [
    "question",
    "text",
    "population_a",
    "question_a",
    "count_a",
    "n_a",
    "share_a",
    "population_b",
    "question_b",
    "count_b",
    "n_b",
    "share_b",
    "difference",
    "ci_low",
    "ci_high",
];

pub fn run(args: &CompareArgs, lang: Lang) -> Result<()> {
    let study = super::load_study(&Inputs::from(&args.input))?;
    let settings = Settings::from(&args.figures);
    let protected = study.protected();
    if let Some(path) = &args.output.output {
        protected.check(path)?;
    }
    let format = args.output.resolved_format();
    let bytes = match (&args.by, &args.between) {
        (Some(by), None) => {
            let rows = by_group(&study, by, settings)?;
            match format {
                Format::Csv => by_csv(&rows),
                Format::Json => to_json(json!(
                    rows.iter().map(independence_json).collect::<Vec<_>>()
                )),
                Format::Markdown => by_markdown(&rows, lang).into_bytes(),
            }
        }
        (None, Some(between)) => {
            let rows = between_populations(&study, between, settings)?;
            match format {
                Format::Csv => between_csv(&rows),
                Format::Json => {
                    to_json(json!(rows.iter().map(difference_json).collect::<Vec<_>>()))
                }
                Format::Markdown => between_markdown(&rows, lang).into_bytes(),
            }
        }
        _ => {
            return Err(Error::usage(
                "say what to compare: --by GROUP (a question, group or column) or --between A,B (two populations)",
            ));
        }
    };
    output::emit(args.output.output.as_deref(), &bytes, &protected)
}

/// Every population that can be grouped by `by`, every question tested against it.
pub fn by_group(study: &Study, by: &str, settings: Settings) -> Result<Vec<Independence>> {
    let mut rows = Vec::new();
    let mut first_error = None;
    for (l, reviews) in study.surveys.iter().zip(&study.reviews) {
        for (dataset, review) in l.datasets.iter().zip(reviews) {
            match groups::resolve(&l.survey, dataset, by) {
                Ok(grouping) => {
                    let keep = review.keep();
                    rows.extend(compare::independence(
                        &l.survey,
                        dataset,
                        Some(&keep),
                        &grouping,
                        settings,
                    )?);
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
    }
    match (rows.is_empty(), first_error) {
        (true, Some(e)) => Err(e),
        _ => Ok(rows),
    }
}

fn find<'a>(
    study: &'a Study,
    id: &str,
) -> Option<(
    &'a crate::survey::Survey,
    &'a crate::model::Dataset,
    &'a Review,
)> {
    study
        .surveys
        .iter()
        .zip(&study.reviews)
        .find_map(|(l, reviews)| {
            l.datasets
                .iter()
                .zip(reviews)
                .find(|(d, _)| l.survey.populations[d.population].id == id)
                .map(|(d, r)| (&l.survey, d, r))
        })
}

pub fn between_populations(
    study: &Study,
    between: &str,
    settings: Settings,
) -> Result<Vec<Difference>> {
    let ids: Vec<&str> = between
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let [a, b] = ids.as_slice() else {
        return Err(Error::usage(
            "--between takes two population ids separated by a comma, e.g. --between public,staff",
        ));
    };
    let known = || {
        study
            .surveys
            .iter()
            .flat_map(|l| l.survey.populations.iter().map(|p| p.id.clone()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (sa, da, ra) = find(study, a)
        .ok_or_else(|| Error::usage(format!("no population '{a}' (loaded: {})", known())))?;
    let (sb, db, rb) = find(study, b)
        .ok_or_else(|| Error::usage(format!("no population '{b}' (loaded: {})", known())))?;
    let (ka, kb) = (ra.keep(), rb.keep());
    compare::differences(sa, da, Some(&ka), sb, db, Some(&kb), settings)
}

fn to_json(v: serde_json::Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&v).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn num(x: f64) -> serde_json::Value {
    if x.is_finite() {
        json!(x)
    } else {
        serde_json::Value::Null
    }
}

fn independence_json(r: &Independence) -> serde_json::Value {
    json!({
        "population": r.population, "by": r.by, "question": r.question, "text": r.text,
        "groups": r.groups, "n": r.n,
        "chi_square": r.test.as_ref().map(|t| num(t.statistic)),
        "df": r.test.as_ref().map(|t| t.df),
        "p_value": r.test.as_ref().map(|t| num(t.p_value)),
        "cramers_v": r.test.as_ref().map(|t| num(t.cramers_v)),
        "min_expected": r.test.as_ref().map(|t| num(t.min_expected)),
        "small_expected_share": r.test.as_ref().map(|t| num(t.share_expected_below_5)),
        "small_expected": r.small_expected(),
        "furthest": r.furthest.as_ref().map(|(g, d)| json!({"group": g, "difference": num(d.estimate), "ci_low": num(d.low), "ci_high": num(d.high)})),
    })
}

fn difference_json(r: &Difference) -> serde_json::Value {
    json!({
        "question": r.question, "text": r.text,
        "a": { "population": r.population_a, "question": r.question_a, "count": r.count_a, "n": r.n_a },
        "b": { "population": r.population_b, "question": r.question_b, "count": r.count_b, "n": r.n_b },
        "difference": r.difference.map(|d| json!({"estimate": num(d.estimate), "ci_low": num(d.low), "ci_high": num(d.high)})),
    })
}

fn by_csv(rows: &[Independence]) -> Vec<u8> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(BY_HEADER);
    for r in rows {
        let t = r.test.as_ref();
        let f = |x: Option<f64>| x.map(machine_number).unwrap_or_default();
        let (fg, fd) = match &r.furthest {
            Some((g, d)) => (g.clone(), Some(*d)),
            None => (String::new(), None),
        };
        let _ = out.write_record([
            r.population.clone(),
            neutralize_formula(&r.by).into_owned(),
            r.question.clone(),
            neutralize_formula(&r.text).into_owned(),
            r.groups.to_string(),
            r.n.to_string(),
            f(t.map(|t| t.statistic)),
            t.map(|t| t.df.to_string()).unwrap_or_default(),
            f(t.map(|t| t.p_value)),
            f(t.map(|t| t.cramers_v)),
            f(t.map(|t| t.min_expected)),
            f(t.map(|t| t.share_expected_below_5)),
            if r.small_expected() {
                "small_expected".into()
            } else {
                String::new()
            },
            neutralize_formula(&fg).into_owned(),
            f(fd.map(|d| d.estimate)),
            f(fd.map(|d| d.low)),
            f(fd.map(|d| d.high)),
        ]);
    }
    out.into_inner().unwrap_or_default()
}

fn between_csv(rows: &[Difference]) -> Vec<u8> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(BETWEEN_HEADER);
    let share = |x: u64, n: u64| {
        if n > 0 {
            machine_number(x as f64 / n as f64)
        } else {
            String::new()
        }
    };
    for r in rows {
        let d = r.difference;
        let _ = out.write_record([
            neutralize_formula(&r.question).into_owned(),
            neutralize_formula(&r.text).into_owned(),
            r.population_a.clone(),
            r.question_a.clone(),
            r.count_a.to_string(),
            r.n_a.to_string(),
            share(r.count_a, r.n_a),
            r.population_b.clone(),
            r.question_b.clone(),
            r.count_b.to_string(),
            r.n_b.to_string(),
            share(r.count_b, r.n_b),
            d.map(|d| machine_number(d.estimate)).unwrap_or_default(),
            d.map(|d| machine_number(d.low)).unwrap_or_default(),
            d.map(|d| machine_number(d.high)).unwrap_or_default(),
        ]);
    }
    out.into_inner().unwrap_or_default()
}

/// p-values as reports print them.
pub fn p_value(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".into()
    } else {
        format!("{p:.3}")
    }
}

/// Signed percentage points: `+12.30` / `−4.10`.
pub fn points(d: f64) -> String {
    let pp = d * 100.0;
    if pp < 0.0 {
        format!("−{:.2}", -pp)
    } else {
        format!("+{pp:.2}")
    }
}

pub fn by_markdown(rows: &[Independence], lang: Lang) -> String {
    let s = lang.strings();
    let mut out = String::new();
    let _ = writeln!(out, "| {} |", s.compare_columns.join(" | "));
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---|---|");
    for r in rows {
        let (chi, df, p, v) = match &r.test {
            Some(t) => (
                format!("{:.2}", t.statistic),
                t.df.to_string(),
                p_value(t.p_value),
                format!("{:.3}", t.cramers_v),
            ),
            None => Default::default(),
        };
        let furthest = r
            .furthest
            .as_ref()
            .map(|(g, d)| format!("{}（{} pp）", cell(g), points(d.estimate)))
            .unwrap_or_default();
        let warn = if r.small_expected() {
            s.small_expected
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "| {} {} | {} | {} | {chi} | {df} | {p} | {v} | {furthest} | {warn} |",
            r.question,
            cell(&r.text),
            cell(&r.population),
            r.n
        );
    }
    out
}

pub fn between_markdown(rows: &[Difference], lang: Lang) -> String {
    let s = lang.strings();
    let mut out = String::new();
    // One table per pair of populations, their ids heading the share columns.
    for pair in rows
        .chunk_by(|a, b| (&a.population_a, &a.population_b) == (&b.population_a, &b.population_b))
    {
        let mut columns = s.between_columns;
        columns[1] = &pair[0].population_a;
        columns[2] = &pair[0].population_b;
        let _ = writeln!(out, "| {} |", columns.map(cell).join(" | "));
        let _ = writeln!(out, "|---|---:|---:|---:|---|");
        for r in pair {
            let share = |x: u64, n: u64| {
                if n > 0 {
                    format!("{}（{x}/{n}）", percent(x as f64 / n as f64))
                } else {
                    String::new()
                }
            };
            let (d, ci) = match r.difference {
                Some(d) => (
                    points(d.estimate),
                    format!("{} – {}", points(d.low), points(d.high)),
                ),
                None => Default::default(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {d} | {ci} |",
                cell(&r.text),
                share(r.count_a, r.n_a),
                share(r.count_b, r.n_b)
            );
        }
        out.push('\n');
    }
    out
}
