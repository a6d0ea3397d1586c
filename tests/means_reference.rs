//! Reference tests for comparing mean scores across groups and for Feldt's interval of α.
//!
//! References: `tests/data/make_means_reference.py` (scipy 1.17, statsmodels 0.15, pingouin 0.7)
//! and `tests/data/make_means_reference.R` (base R 4.2). Tolerances:
//!
//! * **1e-9 absolute** for every figure against scipy / statsmodels / pingouin: group means, SD,
//!   SE and t intervals; Welch's t, the classic and Welch ANOVA (statistics, df, p); Games–Howell
//!   and Tukey–Kramer differences, SEs, df, adjusted p-values and intervals; Feldt's interval.
//!   Feldt's bounds below −1 (n = 2: F quantiles in the tens of thousands) are compared
//!   relatively, 1e-9 × |value|.
//! * **1e-10 absolute** for the studentized range CDF against scipy's `studentized_range.cdf`.
//!   Its quantile, and so the Games–Howell and Tukey–Kramer interval bounds, at **1e-8
//!   relative** (× max(1, |value|)): scipy's `studentized_range.ppf` is a root of its CDF, which
//!   scipy integrates to 1e-11 absolute, so in the far tail (p = 0.99 on few df, where the CDF is
//!   flat) the reference quantile itself is good to about 1e-9 relative.
//! * **1e-9** against R's `t.test`, `anova(lm())` and `oneway.test`; R's `TukeyHSD` p-values come
//!   from R's `ptukey`, a fixed 16×12-point quadrature good to about 1e-7 (against scipy, on the
//!   same grid: ≤ 1e-7 for df between 5 and 6 000, up to 1.2e-4 at df 2–3 and 8e-5 beyond
//!   df 25 000 where R switches to the infinite-df form), so those are compared at **1e-6**,
//!   and R's `ptukey` grid (`tukey_r.csv`) at 2e-7 for df 5–6 000 and 2e-4 elsewhere.
//!
//! Edge cases in the data: two groups only, a group of one answer, a group whose answers are all
//! alike, an empty group, unequal sizes, respondent means off the score lattice, and small groups
//! whose Games–Howell df fall below 2.
//!
//! Run with `cargo test --test means_reference -- --nocapture` to see the largest differences.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;

use wenjuan::stats::{
    Confidence, Moments, feldt_interval, games_howell, mean_interval, oneway_anova, ptukey, qtukey,
    tukey_kramer, welch_anova, welch_t_test,
};

const TOL: f64 = 1e-9;

type Row = HashMap<String, String>;

fn read(name: &str) -> Vec<Row> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("data")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    common::csv_rows(&text)
}

fn text<'a>(row: &'a Row, key: &str) -> &'a str {
    row.get(key)
        .map(String::as_str)
        .unwrap_or_else(|| panic!("missing column {key} in {row:?}"))
}

/// A number, or NaN for an empty cell (an undefined figure).
fn num(row: &Row, key: &str) -> f64 {
    let t = text(row, key);
    if t.is_empty() {
        return f64::NAN;
    }
    t.parse()
        .unwrap_or_else(|e| panic!("{key} = {t:?} is not a number: {e}"))
}

/// Equal within `tol`, or both undefined.
fn check(what: &str, got: f64, want: f64, tol: f64, worst: &mut f64) {
    if want.is_nan() {
        assert!(got.is_nan(), "{what}: expected undefined, got {got}");
        return;
    }
    let d = (got - want).abs();
    assert!(d <= tol, "{what}: got {got}, want {want} (diff {d:e})");
    *worst = worst.max(d);
}

/// The groups of every case, in declaration order (empty groups from means_groups.csv).
fn cases() -> Vec<(String, Vec<(String, Moments)>)> {
    let mut out: Vec<(String, Vec<(String, Moments)>)> = Vec::new();
    for row in read("means_groups.csv") {
        let (case, group) = (text(&row, "dataset"), text(&row, "group"));
        if !out.iter().any(|(c, _)| c == case) {
            out.push((case.to_string(), Vec::new()));
        }
        let entry = &mut out
            .iter_mut()
            .find(|(c, _)| c == case)
            .expect("just added")
            .1;
        if !entry.iter().any(|(g, _)| g == group) {
            entry.push((group.to_string(), Moments::new()));
        }
    }
    for row in read("means_data.csv") {
        let (case, group) = (text(&row, "dataset"), text(&row, "group"));
        let groups = &mut out
            .iter_mut()
            .find(|(c, _)| c == case)
            .expect("case listed")
            .1;
        let m = &mut groups
            .iter_mut()
            .find(|(g, _)| g == group)
            .expect("group listed")
            .1;
        m.add(num(&row, "value"), 1);
    }
    out
}

fn moments_of(all: &[(String, Vec<(String, Moments)>)], case: &str) -> Vec<Moments> {
    all.iter()
        .find(|(c, _)| c == case)
        .map(|(_, g)| g.iter().map(|(_, m)| *m).collect())
        .unwrap_or_else(|| panic!("no case {case}"))
}

fn group_index(all: &[(String, Vec<(String, Moments)>)], case: &str, group: &str) -> usize {
    all.iter()
        .find(|(c, _)| c == case)
        .and_then(|(_, g)| g.iter().position(|(name, _)| name == group))
        .unwrap_or_else(|| panic!("no group {group} in {case}"))
}

#[test]
fn group_means_sd_se_and_intervals() {
    let all = cases();
    let mut worst = 0.0_f64;
    for row in read("means_groups.csv") {
        let case = text(&row, "dataset");
        let g = group_index(&all, case, text(&row, "group"));
        let m = moments_of(&all, case)[g];
        let conf = Confidence::new(num(&row, "conf")).expect("valid level");
        assert_eq!(m.n() as f64, num(&row, "n"));
        let what = format!("{case}/{}", text(&row, "group"));
        let e = mean_interval(&m, conf, None).expect("no fpc");
        let Some(e) = e else {
            assert!(num(&row, "mean").is_nan(), "{what}: empty group has a mean");
            continue;
        };
        check(&what, e.estimate, num(&row, "mean"), TOL, &mut worst);
        let sd = m.variance().map_or(f64::NAN, f64::sqrt);
        check(&what, sd, num(&row, "sd"), TOL, &mut worst);
        check(
            &what,
            sd / (m.n() as f64).sqrt(),
            num(&row, "se"),
            TOL,
            &mut worst,
        );
        check(&what, e.low, num(&row, "ci_low"), TOL, &mut worst);
        check(&what, e.high, num(&row, "ci_high"), TOL, &mut worst);
    }
    println!("group means: largest difference {worst:e}");
}

#[test]
fn tests_against_scipy_and_statsmodels() {
    let all = cases();
    let mut worst = 0.0_f64;
    for row in read("means_tests.csv") {
        let case = text(&row, "dataset");
        let groups = moments_of(&all, case);
        let test = text(&row, "test");
        let what = format!("{case}/{test}");
        let (statistic, df1, df2, p) = match test {
            "welch_t" => {
                let present: Vec<Moments> = groups.iter().copied().filter(|m| m.n() > 0).collect();
                let t = welch_t_test(&present[0], &present[1]);
                t.map_or((f64::NAN, f64::NAN, f64::NAN, f64::NAN), |t| {
                    (t.statistic, t.df, f64::NAN, t.p_value)
                })
            }
            "anova" => oneway_anova(&groups).map_or(
                (f64::NAN, num(&row, "df1"), num(&row, "df2"), f64::NAN),
                |f| (f.statistic, f.df1, f.df2, f.p_value),
            ),
            "welch_anova" => welch_anova(&groups)
                .map_or((f64::NAN, f64::NAN, f64::NAN, f64::NAN), |f| {
                    (f.statistic, f.df1, f.df2, f.p_value)
                }),
            other => panic!("unknown test {other}"),
        };
        check(&what, statistic, num(&row, "statistic"), TOL, &mut worst);
        check(&what, df1, num(&row, "df1"), TOL, &mut worst);
        check(&what, df2, num(&row, "df2"), TOL, &mut worst);
        check(&what, p, num(&row, "p_value"), TOL, &mut worst);
    }
    println!("tests: largest difference {worst:e}");
}

#[test]
fn tests_against_r() {
    let all = cases();
    let mut worst = 0.0_f64;
    for row in read("means_r.csv") {
        let case = text(&row, "dataset");
        let groups = moments_of(&all, case);
        let test = text(&row, "test");
        let what = format!("{case}/{test}");
        match test {
            "welch_t" => {
                let present: Vec<Moments> = groups.iter().copied().filter(|m| m.n() > 0).collect();
                let t = welch_t_test(&present[0], &present[1]).expect("defined");
                // R tests the first level against the second, as we do.
                check(&what, t.statistic, num(&row, "statistic"), TOL, &mut worst);
                check(&what, t.df, num(&row, "df1"), TOL, &mut worst);
                check(&what, t.p_value, num(&row, "p_value"), TOL, &mut worst);
            }
            "anova" | "welch_anova" => {
                let f = if test == "anova" {
                    oneway_anova(&groups)
                } else {
                    welch_anova(&groups)
                };
                let f = f.expect("R computed it");
                check(&what, f.statistic, num(&row, "statistic"), TOL, &mut worst);
                check(&what, f.df1, num(&row, "df1"), TOL, &mut worst);
                check(&what, f.df2, num(&row, "df2"), TOL, &mut worst);
                check(&what, f.p_value, num(&row, "p_value"), TOL, &mut worst);
            }
            "tukey_kramer" => {
                let (a, b) = (
                    group_index(&all, case, text(&row, "a")),
                    group_index(&all, case, text(&row, "b")),
                );
                let pairs = tukey_kramer(&groups, Confidence::P95);
                let pair = pairs
                    .iter()
                    .find(|p| p.a == a && p.b == b)
                    .unwrap_or_else(|| panic!("{what}: no pair {a}-{b}"));
                check(
                    &what,
                    pair.difference,
                    num(&row, "statistic"),
                    TOL,
                    &mut worst,
                );
                // R's ptukey: see the module docs.
                check(&what, pair.p_value, num(&row, "p_value"), 1e-6, &mut 0.0);
            }
            other => panic!("unknown test {other}"),
        }
    }
    println!("R: largest difference {worst:e}");
}

#[test]
fn pairwise_games_howell_and_tukey_kramer() {
    let all = cases();
    let mut worst = 0.0_f64;
    let mut by_method: HashMap<(String, String, u64), Vec<wenjuan::stats::PairwiseDifference>> =
        HashMap::new();
    let mut seen = 0;
    for row in read("means_pairs.csv") {
        let case = text(&row, "dataset");
        let method = text(&row, "method");
        let conf_level = num(&row, "conf");
        let conf = Confidence::new(conf_level).expect("valid level");
        let key = (case.to_string(), method.to_string(), conf_level.to_bits());
        let pairs = by_method.entry(key).or_insert_with(|| {
            let groups = moments_of(&all, case);
            match method {
                "games_howell" => games_howell(&groups, conf),
                "tukey_kramer" => tukey_kramer(&groups, conf),
                other => panic!("unknown method {other}"),
            }
        });
        let (a, b) = (
            group_index(&all, case, text(&row, "a")),
            group_index(&all, case, text(&row, "b")),
        );
        let what = format!("{case}/{method}/{conf_level}/{a}-{b}");
        let pair = pairs
            .iter()
            .find(|p| p.a == a && p.b == b)
            .unwrap_or_else(|| panic!("{what}: no such pair"));
        check(
            &what,
            pair.difference,
            num(&row, "difference"),
            TOL,
            &mut worst,
        );
        check(&what, pair.se, num(&row, "se"), TOL, &mut worst);
        check(&what, pair.df, num(&row, "df"), TOL, &mut worst);
        check(&what, pair.p_value, num(&row, "p_value"), TOL, &mut worst);
        // The bounds use the studentized range quantile: see the module docs.
        let rel = |x: f64| x.abs().max(1.0) * 1e-8;
        let (low, high) = (num(&row, "ci_low"), num(&row, "ci_high"));
        check(&what, pair.low, low, rel(low), &mut worst);
        check(&what, pair.high, high, rel(high), &mut worst);
        seen += 1;
    }
    assert!(seen > 100, "only {seen} pairs checked");
    println!("pairwise: largest difference {worst:e}");
}

#[test]
fn studentized_range_grid() {
    let mut worst_p = 0.0_f64;
    let mut worst_q = 0.0_f64;
    for row in read("tukey_reference.csv") {
        let (x, k, df) = (num(&row, "x"), num(&row, "k"), num(&row, "df"));
        let what = format!("{} x={x} k={k} df={df}", text(&row, "kind"));
        match text(&row, "kind") {
            "cdf" => check(
                &what,
                ptukey(x, k, df),
                num(&row, "value"),
                1e-10,
                &mut worst_p,
            ),
            "ppf" => {
                // Relative: far in the tail (q ≈ 20 at df = 2) the quantile is flat in p.
                let want = num(&row, "value");
                let got = qtukey(x, k, df).unwrap_or(f64::NAN);
                check(&what, got / want, 1.0, 1e-8, &mut worst_q);
            }
            other => panic!("unknown kind {other}"),
        }
    }
    println!("ptukey vs scipy: {worst_p:e}; qtukey vs scipy: {worst_q:e}");
    // R's ptukey, within its own accuracy.
    let mut worst_r = 0.0_f64;
    for row in read("tukey_r.csv") {
        let (q, k, df) = (num(&row, "q"), num(&row, "k"), num(&row, "df"));
        let tol = if (5.0..=6000.0).contains(&df) {
            2e-7
        } else {
            2e-4
        };
        check(
            &format!("R q={q} k={k} df={df}"),
            ptukey(q, k, df),
            num(&row, "p"),
            tol,
            &mut worst_r,
        );
    }
    println!("ptukey vs R: {worst_r:e}");
}

#[test]
fn feldt_intervals() {
    let mut worst = 0.0_f64;
    for row in read("reliability_feldt.csv") {
        let (alpha, n, k) = (num(&row, "alpha"), num(&row, "n"), num(&row, "k"));
        let conf = Confidence::new(num(&row, "conf")).expect("valid level");
        let ci = feldt_interval(alpha, n as usize, k as usize, conf).expect("n, k ≥ 2");
        let what = format!("alpha={alpha} n={n} k={k}");
        // Relative beyond 1: with n = 2 the F quantile is in the tens of thousands.
        let (low, high) = (num(&row, "ci_low"), num(&row, "ci_high"));
        check(&what, ci.low, low, TOL * low.abs().max(1.0), &mut worst);
        check(&what, ci.high, high, TOL * high.abs().max(1.0), &mut worst);
    }
    println!("Feldt: largest difference {worst:e}");
}
