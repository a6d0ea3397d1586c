//! Reference tests for `crate::stats`: every figure is compared with values produced by
//! statsmodels/scipy (`tests/data/make_reference.py`) and R `survey`
//! (`tests/data/make_reference.R`), plus grid-wide property checks.
//!
//! Run with `cargo test --test stats_reference -- --nocapture` to see the largest absolute
//! difference found for each function.

use std::collections::HashMap;
use std::path::PathBuf;

use wenjuan::stats::proportion::finite_population_effective_size;
use wenjuan::stats::{
    CiMethod, Confidence, Interval, Moments, cochran_n0, margin_of_error, mean_interval,
    proportion, proportion_interval, required_sample_size, t_quantile, z_quantile,
};
use wenjuan::stats::{
    WeightedMoments, chi_square_independence, cronbach_alpha, mean_interval as unweighted_mean,
    post_stratification_weights, proportion_difference, weighted_mean_interval,
    weighted_proportion,
};

/// Absolute tolerance against the references (see the module docs of each function).
const TOL: f64 = 1e-9;

// ------------------------------------------------------------------ reading the references

type Row = HashMap<String, String>;

fn read(name: &str) -> Vec<Row> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("data")
        .join(name);
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    let header: Vec<String> = reader
        .headers()
        .unwrap_or_else(|e| panic!("{name}: bad header: {e}"))
        .iter()
        .map(str::to_string)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{name}: bad record: {e}"));
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn text<'a>(row: &'a Row, key: &str) -> &'a str {
    row.get(key)
        .map(String::as_str)
        .unwrap_or_else(|| panic!("missing column {key} in {row:?}"))
}

fn num(row: &Row, key: &str) -> f64 {
    let t = text(row, key);
    match t {
        "nan" | "NaN" | "NA" => f64::NAN,
        _ => t
            .parse()
            .unwrap_or_else(|e| panic!("column {key}: {t:?} is not a number: {e}")),
    }
}

fn int(row: &Row, key: &str) -> u64 {
    let t = text(row, key);
    t.parse()
        .unwrap_or_else(|e| panic!("column {key}: {t:?} is not a count: {e}"))
}

fn opt_int(row: &Row, key: &str) -> Option<u64> {
    (!text(row, key).is_empty()).then(|| int(row, key))
}

fn conf(row: &Row) -> Confidence {
    let c = num(row, "conf");
    Confidence::new(c).unwrap_or_else(|e| panic!("{e}"))
}

fn method(row: &Row) -> CiMethod {
    let m = text(row, "method");
    m.parse().unwrap_or_else(|e| panic!("{e}"))
}

// ------------------------------------------------------------------ comparison bookkeeping

/// Tracks the largest absolute difference for one function and collects failures.
struct Worst {
    what: String,
    tol: f64,
    max: f64,
    at: String,
    checked: usize,
    failures: Vec<String>,
}

impl Worst {
    fn new(what: impl Into<String>, tol: f64) -> Self {
        Worst {
            what: what.into(),
            tol,
            max: 0.0,
            at: String::new(),
            checked: 0,
            failures: Vec::new(),
        }
    }

    /// Compares `got` with `want`; two NaNs agree (both say "undefined").
    fn check(&mut self, got: f64, want: f64, context: impl Fn() -> String) {
        self.checked += 1;
        if got.is_nan() && want.is_nan() {
            return;
        }
        let diff = (got - want).abs();
        if diff.is_nan() || diff > self.tol {
            self.failures.push(format!(
                "{}: got {got}, want {want} (|diff| {diff:e})",
                context()
            ));
        }
        if diff > self.max || diff.is_nan() {
            self.max = diff;
            self.at = context();
        }
    }

    fn finish(self) {
        println!(
            "{:<40} {:>5} values, max |diff| = {:.3e}  ({})",
            self.what, self.checked, self.max, self.at
        );
        assert!(self.checked > 0, "{}: nothing compared", self.what);
        assert!(
            self.failures.is_empty(),
            "{}: {} mismatches beyond {:e}:\n{}",
            self.what,
            self.failures.len(),
            self.tol,
            self.failures
                .iter()
                .take(20)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

fn per_method(prefix: &str) -> HashMap<CiMethod, Worst> {
    CiMethod::ALL
        .into_iter()
        .map(|m| (m, Worst::new(format!("{prefix} {}", m.name()), TOL)))
        .collect()
}

fn finish_all(worst: HashMap<CiMethod, Worst>) {
    let mut worst: Vec<_> = worst.into_iter().collect();
    worst.sort_by_key(|(m, _)| m.name());
    for (_, w) in worst {
        w.finish();
    }
}

fn worst_for(map: &mut HashMap<CiMethod, Worst>, m: CiMethod) -> &mut Worst {
    map.get_mut(&m)
        .unwrap_or_else(|| panic!("no tracker for {m}"))
}

fn interval(x: f64, n: f64, m: CiMethod, c: Confidence) -> Interval {
    proportion_interval(x, n, m, c).unwrap_or_else(|| panic!("no {m} interval for {x} of {n}"))
}

// ------------------------------------------------------------------ part 1: proportions

#[test]
fn proportion_interval_matches_statsmodels() {
    let mut worst = per_method("proportion_interval vs statsmodels");
    let mut edges = 0;
    for row in read("proportion_ci.csv") {
        let (m, c) = (method(&row), conf(&row));
        let (x, n) = (num(&row, "x"), num(&row, "n"));
        let (want_low, want_high) = (num(&row, "low"), num(&row, "high"));
        let got = interval(x, n, m, c);
        let ctx = || format!("{m} x={x} n={n} conf={}", c.level());
        let w = worst_for(&mut worst, m);
        // Jeffreys edges follow Brown–Cai–DasGupta, not statsmodels: check the convention
        // and that statsmodels really gives something else there.
        if m == CiMethod::Jeffreys && x == 0.0 {
            assert_eq!(got.low, 0.0, "{}", ctx());
            assert!(
                want_low > 0.0,
                "statsmodels lower bound at x = 0: {}",
                ctx()
            );
            edges += 1;
        } else {
            w.check(got.low, want_low, ctx);
        }
        if m == CiMethod::Jeffreys && x == n {
            assert_eq!(got.high, 1.0, "{}", ctx());
            assert!(
                want_high < 1.0,
                "statsmodels upper bound at x = n: {}",
                ctx()
            );
            edges += 1;
        } else {
            w.check(got.high, want_high, ctx);
        }
    }
    assert!(edges > 0);
    finish_all(worst);
}

#[test]
fn jeffreys_edge_convention_differs_from_statsmodels() {
    // statsmodels 0.15: proportion_confint(0, 10, method="jeffreys") =
    // (0.00004868..., 0.21719...), an interval that excludes the observed 0; BCD (2001) set
    // the lower bound to 0 and keep the upper bound.
    let rows = read("proportion_ci.csv");
    let sm = rows
        .iter()
        .find(|r| {
            text(r, "method") == "jeffreys"
                && text(r, "x") == "0"
                && text(r, "n") == "10"
                && text(r, "conf") == "0.95"
        })
        .unwrap_or_else(|| panic!("reference row missing"));
    let ours = interval(0.0, 10.0, CiMethod::Jeffreys, Confidence::P95);
    println!(
        "Jeffreys 0 of 10 at 95 %: statsmodels [{}, {}], ours (BCD) [{}, {}]",
        num(sm, "low"),
        num(sm, "high"),
        ours.low,
        ours.high
    );
    assert!(num(sm, "low") > 0.0);
    assert_eq!(ours.low, 0.0);
    assert!((ours.high - num(sm, "high")).abs() <= TOL);
    let top = interval(10.0, 10.0, CiMethod::Jeffreys, Confidence::P95);
    assert_eq!(top.high, 1.0);
    assert!((top.low - (1.0 - ours.high)).abs() <= 1e-12);
}

#[test]
fn proportion_fpc_matches_statsmodels_at_effective_size() {
    let mut worst = per_method("proportion (FPC) vs statsmodels");
    let mut n_eff_worst = Worst::new("finite_population_effective_size", TOL);
    for row in read("proportion_fpc.csv") {
        let (m, c) = (method(&row), conf(&row));
        let (x, n, big_n) = (int(&row, "x"), int(&row, "n"), int(&row, "N"));
        let ctx = || format!("{m} x={x} n={n} N={big_n} conf={}", c.level());
        let got = proportion(x, n, m, c, Some(big_n))
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no estimate: {}", ctx()));
        if big_n == n {
            // Census: the interval collapses to the share itself.
            assert_eq!(
                (got.low, got.high),
                (got.estimate, got.estimate),
                "{}",
                ctx()
            );
        } else {
            n_eff_worst.check(
                finite_population_effective_size(n as f64, big_n as f64),
                num(&row, "n_eff"),
                ctx,
            );
        }
        let w = worst_for(&mut worst, m);
        w.check(got.estimate, num(&row, "estimate"), ctx);
        if m == CiMethod::Jeffreys && x == 0 && big_n != n {
            assert_eq!(got.low, 0.0, "{}", ctx());
        } else {
            w.check(got.low, num(&row, "low"), ctx);
        }
        if m == CiMethod::Jeffreys && x == n && big_n != n {
            assert_eq!(got.high, 1.0, "{}", ctx());
        } else {
            w.check(got.high, num(&row, "high"), ctx);
        }
    }
    n_eff_worst.finish();
    finish_all(worst);
}

#[test]
fn effective_size_construction_reproduces_r_survey_beta() {
    // R survey's svyciprop(method = "beta") is the exact interval at R's effective size
    // (n−1)·N/(N−n) (n−1 without fpc); at that size our construction must give R's numbers.
    let mut w = Worst::new("exact interval at R's n_eff vs svyciprop", TOL);
    let mut n_eff = Worst::new("R's n_eff formula vs svyciprop", 1e-7);
    for row in read("prop_beta_r.csv") {
        let (x, n, c) = (int(&row, "x"), int(&row, "n"), conf(&row));
        let big_n = opt_int(&row, "N");
        let r_n_eff = num(&row, "n_eff");
        let ctx = || format!("x={x} n={n} N={big_n:?} conf={}", c.level());
        let formula = match big_n {
            Some(big_n) => (n - 1) as f64 * big_n as f64 / (big_n - n) as f64,
            None => (n - 1) as f64,
        };
        n_eff.check(formula / r_n_eff, 1.0, ctx);
        let p = x as f64 / n as f64;
        let got = interval(p * r_n_eff, r_n_eff, CiMethod::Exact, c);
        w.check(got.low, num(&row, "low"), ctx);
        w.check(got.high, num(&row, "high"), ctx);
    }
    n_eff.finish();
    w.finish();
}

// ------------------------------------------------------------------ part 1: means

#[test]
fn critical_values_match_scipy() {
    let mut z = Worst::new("z_quantile vs scipy", TOL);
    // Relative, because t(0.999999, df = 1) is 636619.77, where 1e-9 absolute is beyond f64.
    let mut t = Worst::new("t_quantile vs scipy (relative, df<=1e5)", TOL);
    // Beyond 1e5 df statrs's t CDF itself (regularised incomplete beta with a ln Γ prefactor
    // that cancels catastrophically) is only good to ~1e-9 (1e6 df) .. 1e-6 (1e9 df); such
    // samples are far beyond any survey, so only sanity is asserted there.
    let mut t_huge = Worst::new("t_quantile vs scipy (relative, df>1e5)", 1e-5);
    for row in read("critical_values.csv") {
        let c = conf(&row);
        let want = num(&row, "value");
        match opt_int(&row, "df") {
            None => z.check(z_quantile(c), want, || format!("conf={}", c.level())),
            Some(df) => {
                let got = t_quantile(c, df as f64).unwrap_or(f64::NAN);
                let w = if df <= 100_000 { &mut t } else { &mut t_huge };
                w.check(got / want, 1.0, || format!("conf={} df={df}", c.level()));
            }
        }
    }
    z.finish();
    t.finish();
    t_huge.finish();
}

fn vectors() -> HashMap<String, Vec<f64>> {
    read("mean_vectors.csv")
        .iter()
        .map(|r| {
            let values = text(r, "values")
                .split(';')
                .map(|v| v.parse().unwrap_or_else(|e| panic!("bad value {v:?}: {e}")))
                .collect();
            (text(r, "id").to_string(), values)
        })
        .collect()
}

fn check_means(file: &str, what: &str) {
    let vectors = vectors();
    let mut w = Worst::new(what, TOL);
    for row in read(file) {
        let id = text(&row, "id");
        let values = vectors
            .get(id)
            .unwrap_or_else(|| panic!("unknown vector {id}"));
        let moments: Moments = values.iter().copied().collect();
        let (c, big_n) = (conf(&row), opt_int(&row, "N"));
        let ctx = || format!("{id} N={big_n:?} conf={}", c.level());
        assert_eq!(moments.n(), int(&row, "n"), "{}", ctx());
        let got = mean_interval(&moments, c, big_n)
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no estimate: {}", ctx()));
        w.check(got.estimate, num(&row, "mean"), ctx);
        w.check(got.low, num(&row, "low"), ctx);
        w.check(got.high, num(&row, "high"), ctx);
    }
    w.finish();
}

#[test]
fn mean_interval_matches_scipy_and_statsmodels() {
    check_means("mean_ci.csv", "mean_interval vs scipy/statsmodels");
}

#[test]
fn mean_interval_fpc_matches_r_svymean() {
    check_means("mean_fpc_r.csv", "mean_interval vs R svymean+confint");
}

// ------------------------------------------------------------------ part 1: sample size

#[test]
fn sample_size_matches_reference() {
    let mut n0_worst = Worst::new("cochran_n0", TOL);
    let mut n_worst = Worst::new("required_sample_size", 0.0);
    for row in read("sample_size.csv") {
        let c = conf(&row);
        let (margin, p, big_n) = (num(&row, "margin"), num(&row, "p"), opt_int(&row, "N"));
        let ctx = || format!("conf={} e={margin} p={p} N={big_n:?}", c.level());
        let n0 = cochran_n0(c, margin, p).unwrap_or_else(|e| panic!("{e}"));
        n0_worst.check(n0, num(&row, "n0"), ctx);
        let n = required_sample_size(c, margin, p, big_n).unwrap_or_else(|e| panic!("{e}"));
        n_worst.check(n as f64, int(&row, "n_required") as f64, ctx);
    }
    n0_worst.finish();
    n_worst.finish();

    let mut w = Worst::new("margin_of_error", TOL);
    for row in read("margin.csv") {
        let c = conf(&row);
        let (p, n, big_n) = (num(&row, "p"), int(&row, "n"), opt_int(&row, "N"));
        let got = margin_of_error(c, p, n, big_n).unwrap_or_else(|e| panic!("{e}"));
        w.check(got, num(&row, "margin"), || {
            format!("conf={} p={p} n={n} N={big_n:?}", c.level())
        });
    }
    w.finish();
}

#[test]
fn textbook_sample_sizes() {
    let c = Confidence::P95;
    assert_eq!(required_sample_size(c, 0.05, 0.5, None), Ok(385));
    // n0 = 384.146 → 384.146 / (1 + 383.146/400) = 196.2 → 197.
    assert_eq!(required_sample_size(c, 0.05, 0.5, Some(400)), Ok(197));
}

// ------------------------------------------------------------------ part 1: properties

const PROPERTY_CONFS: [f64; 7] = [0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.999_999];

fn property_cases() -> Vec<(f64, f64)> {
    let mut cases = Vec::new();
    for n in [1u64, 2, 3, 5, 7, 10, 30, 100, 285] {
        for x in 0..=n {
            cases.push((x as f64, n as f64));
        }
    }
    for n in [1000u64, 100_000, 10_000_000] {
        for x in [0, 1, 2, n / 3, n / 2, n - 2, n - 1, n] {
            cases.push((x as f64, n as f64));
        }
    }
    // Fractional effective sizes, as produced by the FPC and by weighting.
    for (x, n) in [
        (0.0, 0.4),
        (0.4, 0.4),
        (0.2, 0.4),
        (0.3, 1.7),
        (2.5, 7.3),
        (7.3, 7.3),
    ] {
        cases.push((x, n));
    }
    cases
}

#[test]
fn intervals_are_ordered_bounded_and_nested() {
    let mut count = 0;
    for (x, n) in property_cases() {
        let p = x / n;
        for m in CiMethod::ALL {
            let mut previous: Option<Interval> = None;
            for level in PROPERTY_CONFS {
                let c = Confidence::new(level).unwrap_or_else(|e| panic!("{e}"));
                let i = interval(x, n, m, c);
                let ctx = format!("{m} x={x} n={n} conf={level}: {i:?}");
                assert!(0.0 <= i.low && i.high <= 1.0, "outside [0, 1]: {ctx}");
                assert!(i.low <= p && p <= i.high, "share outside interval: {ctx}");
                if let Some(prev) = previous {
                    assert!(
                        i.low <= prev.low && i.high >= prev.high,
                        "not wider than at lower level {prev:?}: {ctx}"
                    );
                }
                previous = Some(i);
                count += 1;
            }
        }
    }
    println!("{count} intervals checked for order, bounds and nesting");
}

#[test]
fn intervals_are_symmetric_under_swapping_yes_and_no() {
    let mut worst = per_method("symmetry x ↔ n−x");
    for (x, n) in property_cases() {
        for m in CiMethod::ALL {
            for level in PROPERTY_CONFS {
                let c = Confidence::new(level).unwrap_or_else(|e| panic!("{e}"));
                let a = interval(x, n, m, c);
                let b = interval(n - x, n, m, c);
                let ctx = || format!("{m} x={x} n={n} conf={level}");
                let w = worst_for(&mut worst, m);
                w.check(a.low, 1.0 - b.high, ctx);
                w.check(a.high, 1.0 - b.low, ctx);
            }
        }
    }
    finish_all(worst);
}

#[test]
fn edge_counts_behave_as_documented() {
    for level in PROPERTY_CONFS {
        let c = Confidence::new(level).unwrap_or_else(|e| panic!("{e}"));
        for n in [1.0, 2.0, 10.0, 1000.0, 0.4] {
            for m in CiMethod::ALL {
                let none = interval(0.0, n, m, c);
                let all = interval(n, n, m, c);
                // Every method puts the lower bound at exactly 0 for 0 of n and the upper
                // bound at exactly 1 for n of n.
                assert_eq!(none.low, 0.0, "{m} 0 of {n}");
                assert_eq!(all.high, 1.0, "{m} {n} of {n}");
                if m == CiMethod::Wald {
                    // Wald collapses at the edges (a documented weakness).
                    assert_eq!(none.high, 0.0, "{m} 0 of {n}");
                    assert_eq!(all.low, 1.0, "{m} {n} of {n}");
                } else {
                    assert!(none.high > 0.0 && all.low < 1.0, "{m} n={n}");
                }
            }
        }
    }
    // n = 1 works for counts as well, and an empty group is "no estimate", not an error.
    for m in CiMethod::ALL {
        for x in [0, 1] {
            let e = proportion(x, 1, m, Confidence::P95, None)
                .unwrap_or_else(|e| panic!("{e}"))
                .unwrap_or_else(|| panic!("{m}: no estimate for {x} of 1"));
            assert_eq!(e.estimate, x as f64);
        }
        assert_eq!(proportion(0, 0, m, Confidence::P95, None), Ok(None));
        assert_eq!(proportion_interval(0.0, 0.0, m, Confidence::P95), None);
    }
}

#[test]
fn fpc_only_narrows_and_census_collapses() {
    for m in CiMethod::ALL {
        for (x, n) in [(0u64, 10u64), (3, 10), (10, 10), (80, 196)] {
            let c = Confidence::P95;
            let srs = proportion(x, n, m, c, None).ok().flatten();
            let fpc = proportion(x, n, m, c, Some(n * 2)).ok().flatten();
            let huge = proportion(x, n, m, c, Some(u64::MAX)).ok().flatten();
            let census = proportion(x, n, m, c, Some(n)).ok().flatten();
            let (Some(srs), Some(fpc), Some(huge), Some(census)) = (srs, fpc, huge, census) else {
                panic!("{m}: missing estimate for {x} of {n}");
            };
            assert!(fpc.low >= srs.low && fpc.high <= srs.high, "{m} {x}/{n}");
            assert!((huge.low - srs.low).abs() < 1e-9 && (huge.high - srs.high).abs() < 1e-9);
            assert_eq!(
                (census.low, census.high),
                (census.estimate, census.estimate)
            );
        }
    }
}

// ------------------------------------------------------------------ part 2: weights

/// The synthetic post-stratified sample: (stratum, aware 0/1, score) per respondent.
fn weights_sample() -> Vec<(usize, f64, f64)> {
    read("weights_sample.csv")
        .iter()
        .map(|r| {
            let stratum =
                usize::try_from(int(r, "stratum")).unwrap_or_else(|e| panic!("stratum: {e}"));
            (stratum, num(r, "aware"), num(r, "score"))
        })
        .collect()
}

fn stratum_weights(sample: &[(usize, f64, f64)]) -> Vec<f64> {
    let population: Vec<f64> = read("weights_population.csv")
        .iter()
        .map(|r| num(r, "N"))
        .collect();
    let mut counts = vec![0u64; population.len()];
    for &(h, _, _) in sample {
        counts[h] += 1;
    }
    post_stratification_weights(&counts, &population).unwrap_or_else(|e| panic!("{e}"))
}

fn weighted(sample: &[(usize, f64, f64)], weights: &[f64]) -> (WeightedMoments, WeightedMoments) {
    let (mut aware, mut score) = (WeightedMoments::new(), WeightedMoments::new());
    for &(h, a, s) in sample {
        aware.add(a, weights[h]).unwrap_or_else(|e| panic!("{e}"));
        score.add(s, weights[h]).unwrap_or_else(|e| panic!("{e}"));
    }
    (aware, score)
}

#[test]
fn weights_match_python_and_r_survey() {
    let sample = weights_sample();
    let weights = stratum_weights(&sample);
    let mut w_worst = Worst::new("post_stratification_weights", TOL);
    for row in read("weights_strata.csv") {
        let h = usize::try_from(int(&row, "stratum")).unwrap_or_else(|e| panic!("{e}"));
        w_worst.check(weights[h], num(&row, "weight"), || format!("stratum {h}"));
    }
    w_worst.finish();

    let (aware, score) = weighted(&sample, &weights);
    let mut share = per_method("weighted_proportion vs statsmodels@n_eff");
    let mut mean = Worst::new("weighted_mean_interval vs scipy t@n_eff", TOL);
    let mut n_eff = Worst::new("Kish n_eff", TOL);
    for row in read("weights_ref.csv") {
        let c = conf(&row);
        let ctx = || {
            format!(
                "{} {} conf={}",
                text(&row, "variable"),
                text(&row, "method"),
                c.level()
            )
        };
        let (got, w) = if text(&row, "variable") == "aware" {
            let m = method(&row);
            let got = weighted_proportion(&aware, m, c);
            (got, worst_for(&mut share, m))
        } else {
            (weighted_mean_interval(&score, c), &mut mean)
        };
        let got = got.unwrap_or_else(|| panic!("no estimate: {}", ctx()));
        w.check(got.estimate.estimate, num(&row, "estimate"), ctx);
        w.check(got.estimate.low, num(&row, "low"), ctx);
        w.check(got.estimate.high, num(&row, "high"), ctx);
        n_eff.check(got.n_eff, num(&row, "n_eff"), ctx);
    }
    n_eff.finish();
    finish_all(share);
    mean.finish();

    let mut r = Worst::new("post-stratified estimate vs R postStratify+svymean", TOL);
    for row in read("weights_r.csv") {
        let got = match text(&row, "variable") {
            "aware" => aware.mean(),
            "score" => score.mean(),
            other => panic!("unexpected variable {other}"),
        };
        r.check(got.unwrap_or(f64::NAN), num(&row, "estimate"), || {
            text(&row, "variable").to_string()
        });
    }
    r.finish();
}

#[test]
fn equal_weights_reproduce_unweighted_intervals() {
    let sample = weights_sample();
    for weight in [1.0, 2.5, 1e-3] {
        let (aware, score) = weighted(&sample, &[weight; 4]);
        let n = sample.len() as u64;
        assert!((aware.effective_size().unwrap_or(0.0) - n as f64).abs() < 1e-9);
        let yes = sample.iter().filter(|s| s.1 == 1.0).count() as u64;
        for level in PROPERTY_CONFS {
            let c = Confidence::new(level).unwrap_or_else(|e| panic!("{e}"));
            for m in CiMethod::ALL {
                let w = weighted_proportion(&aware, m, c).map(|w| w.estimate);
                let u = proportion(yes, n, m, c, None).ok().flatten();
                let (Some(w), Some(u)) = (w, u) else {
                    panic!("missing estimate");
                };
                assert!((w.low - u.low).abs() < 1e-9 && (w.high - u.high).abs() < 1e-9);
                assert!((w.estimate - u.estimate).abs() < 1e-12);
            }
            let w = weighted_mean_interval(&score, c).map(|w| w.estimate);
            let moments: Moments = sample.iter().map(|s| s.2).collect();
            let u = unweighted_mean(&moments, c, None).ok().flatten();
            let (Some(w), Some(u)) = (w, u) else {
                panic!("missing estimate");
            };
            assert!((w.low - u.low).abs() < 1e-9 && (w.high - u.high).abs() < 1e-9);
        }
    }
}

// ------------------------------------------------------------------ part 2: comparisons

fn parse_table(t: &str) -> Vec<Vec<u64>> {
    t.split(';')
        .map(|r| {
            r.split(',')
                .map(|c| c.parse().unwrap_or_else(|e| panic!("cell {c:?}: {e}")))
                .collect()
        })
        .collect()
}

#[test]
fn chi_square_matches_scipy() {
    let mut stat = Worst::new("chi-square statistic", TOL);
    let mut p = Worst::new("chi-square p-value", TOL);
    let mut p_rel = Worst::new("chi-square p-value (relative)", 1e-9);
    let mut v = Worst::new("Cramer's V", TOL);
    let mut e = Worst::new("min expected / share E<5", TOL);
    for row in read("chi_square.csv") {
        let id = text(&row, "id");
        let table = parse_table(text(&row, "table"));
        let got = chi_square_independence(&table)
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("{id}: no test"));
        let ctx = || id.to_string();
        assert_eq!(got.df, int(&row, "df"), "{id}");
        stat.check(got.statistic, num(&row, "statistic"), ctx);
        p.check(got.p_value, num(&row, "p_value"), ctx);
        p_rel.check(got.p_value / num(&row, "p_value"), 1.0, ctx);
        v.check(got.cramers_v, num(&row, "cramers_v"), ctx);
        e.check(got.min_expected, num(&row, "min_expected"), ctx);
        e.check(
            got.share_expected_below_5,
            num(&row, "share_expected_below_5"),
            ctx,
        );
        let dropped = (got.dropped_rows.as_slice(), got.dropped_cols.as_slice());
        match id {
            "two_by_two_zero_row" => assert_eq!(dropped, (&[1][..], &[][..])),
            "zero_column" => assert_eq!(dropped, (&[][..], &[1][..])),
            _ => assert_eq!(dropped, (&[][..], &[][..]), "{id}"),
        }
    }
    for w in [stat, p, p_rel, v, e] {
        w.finish();
    }
}

#[test]
fn newcombe_difference_matches_statsmodels() {
    let mut w = Worst::new("proportion_difference (Newcombe)", TOL);
    for row in read("newcombe.csv") {
        let (x1, n1, x2, n2) = (
            int(&row, "x1"),
            int(&row, "n1"),
            int(&row, "x2"),
            int(&row, "n2"),
        );
        let c = conf(&row);
        let ctx = || format!("{x1}/{n1} - {x2}/{n2} conf={}", c.level());
        let got = proportion_difference(x1, n1, x2, n2, c)
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("no estimate: {}", ctx()));
        w.check(got.estimate, num(&row, "diff"), ctx);
        w.check(got.low, num(&row, "low"), ctx);
        w.check(got.high, num(&row, "high"), ctx);
        assert!(
            -1.0 <= got.low
                && got.low <= got.estimate
                && got.estimate <= got.high
                && got.high <= 1.0
        );
    }
    w.finish();
}

// ------------------------------------------------------------------ part 2: reliability

fn reliability_data() -> Vec<(String, Vec<Vec<f64>>)> {
    let mut data: Vec<(String, Vec<Vec<f64>>)> = Vec::new();
    for row in read("reliability_data.csv") {
        let values: Vec<f64> = text(&row, "values")
            .split(';')
            .map(|v| match v {
                "NA" => f64::NAN,
                _ => v.parse().unwrap_or_else(|e| panic!("bad value {v:?}: {e}")),
            })
            .collect();
        let id = text(&row, "id");
        match data.last_mut() {
            Some((last, rows)) if last == id => rows.push(values),
            _ => data.push((id.to_string(), vec![values])),
        }
    }
    data
}

fn check_reliability(file: &str, what: &str) {
    let results: HashMap<String, _> = reliability_data()
        .into_iter()
        .map(|(id, rows)| {
            let r = cronbach_alpha(&rows)
                .unwrap_or_else(|e| panic!("{e}"))
                .unwrap_or_else(|| panic!("{id}: no alpha"));
            (id, r)
        })
        .collect();
    let mut alpha = Worst::new(format!("cronbach_alpha vs {what}"), TOL);
    let mut drop = Worst::new(format!("alpha_if_deleted vs {what}"), TOL);
    let mut r_drop = Worst::new(format!("item_rest_correlation vs {what}"), TOL);
    for row in read(file) {
        let id = text(&row, "id");
        let r = results
            .get(id)
            .unwrap_or_else(|| panic!("unknown data set {id}"));
        let want = num(&row, "value");
        let item = opt_int(&row, "item").and_then(|i| usize::try_from(i).ok());
        let ctx = || format!("{id} item {item:?}");
        let stats = item.map(|i| {
            r.items
                .get(i)
                .unwrap_or_else(|| panic!("{id}: no item {i}"))
        });
        match (text(&row, "stat"), stats) {
            ("alpha", _) => alpha.check(r.alpha, want, ctx),
            ("alpha_drop", Some(s)) => {
                drop.check(s.alpha_if_deleted.unwrap_or(f64::NAN), want, ctx)
            }
            ("r_drop", Some(s)) => {
                r_drop.check(s.item_rest_correlation.unwrap_or(f64::NAN), want, ctx)
            }
            (stat, _) => panic!("unexpected row {stat} {item:?}"),
        }
    }
    alpha.finish();
    drop.finish();
    r_drop.finish();

    // Conventions the references cannot show directly.
    let with_constant = &results["with_constant"];
    assert_eq!(with_constant.items_used, 3);
    assert!(with_constant.items[1].constant);
    assert_eq!(with_constant.items[1].item_rest_correlation, None);
    assert_eq!(
        with_constant.items[1].alpha_if_deleted,
        Some(with_constant.alpha)
    );
    assert!(
        results["two_items"]
            .items
            .iter()
            .all(|i| i.alpha_if_deleted.is_none())
    );
    assert_eq!(
        results["five_items"].n, 57,
        "three incomplete rows are left out"
    );
}

#[test]
fn reliability_matches_psych() {
    check_reliability("reliability_psych.csv", "psych::alpha");
}

#[test]
fn reliability_matches_numpy() {
    check_reliability("reliability_numpy.csv", "numpy");
}

// ------------------------------------------------------------------ net promoter score

#[test]
fn nps_matches_scipy() {
    let mut worst = Worst::new("net_promoter_score vs scipy sem(ddof=0)", TOL);
    let rows = read("nps.csv");
    assert!(!rows.is_empty());
    for row in rows {
        let (p, m, d) = (
            int(&row, "promoters"),
            int(&row, "passives"),
            int(&row, "detractors"),
        );
        let c = conf(&row);
        let Some(e) = wenjuan::stats::net_promoter_score(p, d, p + m + d, c) else {
            panic!("no NPS for {p}/{m}/{d}");
        };
        let context = || format!("{p}/{m}/{d} conf={}", c.level());
        worst.check(e.estimate, num(&row, "nps"), context);
        worst.check(e.low, num(&row, "ci_low"), context);
        worst.check(e.high, num(&row, "ci_high"), context);
    }
    worst.finish();
}
