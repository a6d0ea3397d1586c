//! Comparisons as CSV (the `compare` contracts), JSON and Markdown: the chi-square test of every
//! question against a group, and the differences of positive shares between two populations.

use super::{machine_number, markdown::cell, neutralize_formula, p_value, percent, points};
use crate::figures::compare::{Difference, Independence, WeightedIndependence, WeightedTest};
use crate::figures::means::{MeanComparison, Pair};
use crate::i18n::Lang;
use crate::stats::FTest;
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

pub fn to_json(v: serde_json::Value) -> Vec<u8> {
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

pub fn independence_json(r: &Independence) -> serde_json::Value {
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

pub fn difference_json(r: &Difference) -> serde_json::Value {
    json!({
        "question": r.question, "text": r.text,
        "a": { "population": r.population_a, "question": r.question_a, "count": r.count_a, "n": r.n_a },
        "b": { "population": r.population_b, "question": r.question_b, "count": r.count_b, "n": r.n_b },
        "difference": r.difference.map(|d| json!({"estimate": num(d.estimate), "ci_low": num(d.low), "ci_high": num(d.high)})),
    })
}

pub fn by_csv(rows: &[Independence]) -> Vec<u8> {
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

pub fn between_csv(rows: &[Difference]) -> Vec<u8> {
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

/// The `compare --between` table in Markdown: `name` gives a population's name from its id, and
/// the interval column is headed by the confidence level `conf` the intervals were computed at.
pub fn between_markdown(
    rows: &[Difference],
    conf: f64,
    name: &dyn Fn(&str) -> String,
    lang: Lang,
) -> String {
    let s = lang.strings();
    let mut out = String::new();
    let interval = crate::i18n::fill(s.between_columns[4], &[&super::conf_percent(conf)]);
    // One table per pair of populations, their names heading the share columns.
    for pair in rows
        .chunk_by(|a, b| (&a.population_a, &a.population_b) == (&b.population_a, &b.population_b))
    {
        let (a, b) = (name(&pair[0].population_a), name(&pair[0].population_b));
        let mut columns = s.between_columns;
        columns[1] = &a;
        columns[2] = &b;
        columns[4] = &interval;
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

// ── Under weights (`compare --by --weighted`): Rao–Scott (issue 13, part 4) ──

/// The `compare --by --weighted` CSV: one row per question, `test` naming the test used
/// (`rao_scott_f`; `chi_square` for a population without weighting, `statistic` then being X²
/// and `ndf` its df), `pearson_chi_square` Pearson's X² of the weighted table scaled to n.
pub const WEIGHTED_BY_HEADER: [&str; 12] = [
    "population",
    "by",
    "question",
    "text",
    "test",
    "groups",
    "n",
    "statistic",
    "ndf",
    "ddf",
    "p_value",
    "pearson_chi_square",
];

/// (statistic, ndf, ddf, p, Pearson's X²) of a weighted comparison's test.
fn weighted_numbers(t: &WeightedTest) -> [Option<f64>; 5] {
    match t {
        WeightedTest::RaoScott(r) => [
            Some(r.f),
            Some(r.ndf),
            Some(r.ddf),
            Some(r.p_value),
            Some(r.pearson),
        ],
        WeightedTest::ChiSquare(c) => [
            Some(c.statistic),
            Some(c.df as f64),
            None,
            Some(c.p_value),
            Some(c.statistic),
        ],
        WeightedTest::None => [None; 5],
    }
}

pub fn weighted_by_csv(rows: &[WeightedIndependence]) -> Vec<u8> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(WEIGHTED_BY_HEADER);
    for r in rows {
        let f = |x: Option<f64>| x.map(machine_number).unwrap_or_default();
        let [statistic, ndf, ddf, p, pearson] = weighted_numbers(&r.test);
        let _ = out.write_record([
            r.population.clone(),
            neutralize_formula(&r.by).into_owned(),
            r.question.clone(),
            neutralize_formula(&r.text).into_owned(),
            r.test.name().to_string(),
            r.groups.to_string(),
            r.n.to_string(),
            f(statistic),
            f(ndf),
            f(ddf),
            f(p),
            f(pearson),
        ]);
    }
    out.into_inner().unwrap_or_default()
}

pub fn weighted_independence_json(r: &WeightedIndependence) -> serde_json::Value {
    let [statistic, ndf, ddf, p, pearson] = weighted_numbers(&r.test).map(|x| x.map(num));
    json!({
        "population": r.population, "by": r.by, "question": r.question, "text": r.text,
        "test": r.test.name(), "groups": r.groups, "n": r.n,
        "statistic": statistic, "ndf": ndf, "ddf": ddf, "p_value": p,
        "pearson_chi_square": pearson,
    })
}

pub fn weighted_by_markdown(rows: &[WeightedIndependence], lang: Lang) -> String {
    let s = lang.strings();
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", s.test_rao_scott);
    let mut plain: Vec<&str> = rows
        .iter()
        .filter(|r| matches!(r.test, WeightedTest::ChiSquare(_)))
        .map(|r| r.population.as_str())
        .collect();
    plain.dedup();
    if !plain.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            crate::i18n::fill(s.compare_not_weighted, &[&plain.join(", ")])
        );
    }
    let _ = writeln!(out, "| {} |", s.rao_scott_columns.join(" | "));
    let _ = writeln!(out, "|---|---|---:|---|---:|---:|---:|---:|");
    for r in rows {
        let name = match r.test {
            WeightedTest::RaoScott(_) => s.rao_scott_name,
            WeightedTest::ChiSquare(_) => s.chi_square_name,
            WeightedTest::None => "",
        };
        let [statistic, ndf, ddf, p, _] = weighted_numbers(&r.test);
        let two = |x: Option<f64>| x.map(|x| format!("{x:.2}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} {} | {} | {} | {name} | {} | {} | {} | {} |",
            r.question,
            cell(&r.text),
            cell(&r.population),
            r.n,
            two(statistic),
            two(ndf),
            two(ddf),
            p.map(p_value).unwrap_or_default(),
        );
    }
    out
}

// ── Mean scores across groups (`compare --by GROUP --means`, issue 13) ──

/// The `compare --by GROUP --means` contract: one row per figure (see README).
pub const MEANS_HEADER: [&str; 16] = [
    "population",
    "by",
    "question",
    "text",
    "statistic",
    "group",
    "group_b",
    "n",
    "estimate",
    "ci_low",
    "ci_high",
    "sd",
    "se",
    "df",
    "df2",
    "p_value",
];

pub fn means_csv(rows: &[MeanComparison]) -> Vec<u8> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(MEANS_HEADER);
    let f = |x: Option<f64>| x.map(machine_number).unwrap_or_default();
    for r in rows {
        let head = [
            r.population.clone(),
            neutralize_formula(&r.by).into_owned(),
            neutralize_formula(&r.question).into_owned(),
            neutralize_formula(&r.text).into_owned(),
        ];
        let mut row = |fields: [String; 12]| {
            let _ = out.write_record(head.iter().cloned().chain(fields));
        };
        for g in &r.groups {
            let m = g.mean;
            row([
                "group_mean".into(),
                neutralize_formula(&g.label).into_owned(),
                String::new(),
                g.n.to_string(),
                f(m.map(|m| m.estimate)),
                f(m.map(|m| m.low)),
                f(m.map(|m| m.high)),
                f(g.sd),
                f(g.se),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        let n: u64 = r.groups.iter().map(|g| g.n).sum();
        // The tests: Welch's t (no second df), then the two ANOVAs, one row each when computed.
        let tests = [
            r.welch_t
                .map(|t| ("welch_t", t.statistic, t.df, None, t.p_value)),
            r.anova
                .map(|t| ("anova", t.statistic, t.df1, Some(t.df2), t.p_value)),
            r.welch_anova
                .map(|t| ("welch_anova", t.statistic, t.df1, Some(t.df2), t.p_value)),
        ];
        for (name, statistic, df, df2, p) in tests.into_iter().flatten() {
            row([
                name.into(),
                String::new(),
                String::new(),
                n.to_string(),
                f(Some(statistic)),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                f(Some(df)),
                f(df2),
                f(Some(p)),
            ]);
        }
        for (name, pairs) in [
            ("games_howell", &r.games_howell),
            ("tukey_kramer", &r.tukey_kramer),
        ] {
            for p in pairs {
                let d = p.difference;
                let n = |label: &str| {
                    r.groups
                        .iter()
                        .find(|g| g.label == label)
                        .map_or(0, |g| g.n)
                };
                row([
                    name.into(),
                    neutralize_formula(&p.a).into_owned(),
                    neutralize_formula(&p.b).into_owned(),
                    (n(&p.a) + n(&p.b)).to_string(),
                    f(Some(d.difference)),
                    f(Some(d.low)),
                    f(Some(d.high)),
                    String::new(),
                    f(Some(d.se)),
                    f(Some(d.df)),
                    String::new(),
                    f(Some(d.p_value)),
                ]);
            }
        }
    }
    out.into_inner().unwrap_or_default()
}

fn pair_json(p: &Pair) -> serde_json::Value {
    let d = p.difference;
    json!({"a": p.a, "b": p.b, "difference": num(d.difference), "ci_low": num(d.low),
        "ci_high": num(d.high), "se": num(d.se), "df": num(d.df), "p_value": num(d.p_value)})
}

pub fn means_json(r: &MeanComparison) -> serde_json::Value {
    let f_test = |t: Option<FTest>| {
        t.map(|t| json!({"f": num(t.statistic), "df1": num(t.df1), "df2": num(t.df2), "p_value": num(t.p_value)}))
    };
    json!({
        "population": r.population, "by": r.by, "question": r.question, "text": r.text,
        "groups": r.groups.iter().map(|g| json!({
            "group": g.label, "n": g.n,
            "mean": g.mean.map(|m| num(m.estimate)),
            "ci_low": g.mean.map(|m| num(m.low)), "ci_high": g.mean.map(|m| num(m.high)),
            "sd": g.sd.map(num), "se": g.se.map(num),
        })).collect::<Vec<_>>(),
        "welch_t": r.welch_t.map(|t| json!({"t": num(t.statistic), "df": num(t.df), "p_value": num(t.p_value)})),
        "anova": f_test(r.anova),
        "welch_anova": f_test(r.welch_anova),
        "games_howell": r.games_howell.iter().map(pair_json).collect::<Vec<_>>(),
        "tukey_kramer": r.tukey_kramer.iter().map(pair_json).collect::<Vec<_>>(),
    })
}

/// A score as reports print it (two decimals), empty when undefined.
fn score(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.2}")
    } else {
        String::new()
    }
}

fn score_interval(low: f64, high: f64) -> String {
    if low.is_finite() && high.is_finite() {
        format!("{} – {}", score(low), score(high))
    } else {
        String::new()
    }
}

/// The line of tests under a table of group means, in the reader's language.
pub fn means_tests_line(r: &MeanComparison, lang: Lang) -> String {
    let m = &lang.strings().means;
    let f = |t: &FTest| {
        [
            score(t.df1).trim_end_matches(".00").to_string(),
            score(t.df2).trim_end_matches(".00").to_string(),
            score(t.statistic),
            p_value(t.p_value),
        ]
    };
    let fill = |template: &str, values: &[String]| {
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        crate::i18n::fill(template, &values)
    };
    match r.k {
        0 | 1 => m.too_few_groups.to_string(),
        2 => match r.welch_t {
            Some(t) => fill(
                m.welch_t,
                &[score(t.statistic), score(t.df), p_value(t.p_value)],
            ),
            None => m.welch_t_undefined.to_string(),
        },
        _ => {
            let anova = r
                .anova
                .as_ref()
                .map_or(m.anova_undefined.to_string(), |t| fill(m.anova, &f(t)));
            let welch = r
                .welch_anova
                .as_ref()
                .map_or(m.welch_undefined.to_string(), |t| {
                    fill(m.welch_anova, &f(t))
                });
            format!("{anova}；{welch}")
        }
    }
}

/// The table of group means (group, n, mean, interval, SD, SE) as Markdown.
pub fn group_means_markdown(r: &MeanComparison, conf: f64, lang: Lang) -> String {
    let m = &lang.strings().means;
    let level = super::conf_percent(conf);
    let columns: Vec<String> = m
        .mean_columns
        .iter()
        .map(|c| crate::i18n::fill(c, &[&level]))
        .collect();
    let mut out = String::new();
    let _ = writeln!(out, "| {} |", columns.join(" | "));
    let _ = writeln!(out, "|---|---:|---:|---|---:|---:|");
    for g in &r.groups {
        let (mean, ci) = g.mean.map_or((String::new(), String::new()), |e| {
            (score(e.estimate), score_interval(e.low, e.high))
        });
        let _ = writeln!(
            out,
            "| {} | {} | {mean} | {ci} | {} | {} |",
            cell(&g.label),
            g.n,
            g.sd.map(score).unwrap_or_default(),
            g.se.map(score).unwrap_or_default()
        );
    }
    out
}

/// The `compare --by --means` report in Markdown; `group_name` gives what the groups are by, in
/// words, from its id (a declared group's name).
pub fn means_markdown(
    rows: &[MeanComparison],
    conf: f64,
    group_name: &dyn Fn(&str) -> String,
    lang: Lang,
) -> String {
    let m = &lang.strings().means;
    let level = super::conf_percent(conf);
    let mut out = String::new();
    for r in rows {
        let title = format!("{} {}", r.question, r.text);
        let _ = writeln!(
            out,
            "### {}\n",
            crate::i18n::fill(m.heading, &[&cell(&title), &cell(&group_name(&r.by))])
        );
        out.push_str(&group_means_markdown(r, conf, lang));
        let _ = writeln!(out, "\n{}\n", means_tests_line(r, lang));
        if !r.games_howell.is_empty() {
            let columns: Vec<String> = m
                .pair_columns
                .iter()
                .map(|c| crate::i18n::fill(c, &[&level]))
                .collect();
            let _ = writeln!(out, "| {} |", columns.join(" | "));
            let _ = writeln!(out, "|---|---:|---|---:|---|---:|");
            for (gh, tk) in r.games_howell.iter().zip(&r.tukey_kramer) {
                let p = |x: f64| {
                    if x.is_finite() {
                        p_value(x)
                    } else {
                        String::new()
                    }
                };
                let (g, t) = (gh.difference, tk.difference);
                let _ = writeln!(
                    out,
                    "| {} − {} | {} | {} | {} | {} | {} |",
                    cell(&gh.a),
                    cell(&gh.b),
                    score(g.difference),
                    score_interval(g.low, g.high),
                    p(g.p_value),
                    score_interval(t.low, t.high),
                    p(t.p_value)
                );
            }
            let _ = writeln!(out, "\n{}\n", m.pairs_note);
        }
    }
    out
}
