//! Comparing mean scores across groups, from each group's n, mean and variance: Welch's t test
//! (two groups), the classic one-way ANOVA and Welch's ANOVA (three or more), and pairwise
//! differences with simultaneous intervals and adjusted p-values by Games–Howell (unequal
//! variances) and Tukey–Kramer (pooled variance).
//!
//! Groups without answers take no part in any test (they are not a level of the factor). A
//! group of one answer has a mean but no variance: it enters the classic ANOVA and Tukey–Kramer
//! (whose variance is pooled) but makes Welch's ANOVA undefined and leaves its own Games–Howell
//! pairs without a test, as R (`oneway.test`) and pingouin give NaN there. A group whose answers
//! are all alike has variance 0: Welch's weights n/s² are then infinite, so Welch's ANOVA is
//! undefined too. Undefined figures are `None`, never a number made up.
//!
//! References (tests/data/means_*.csv, `tests/means_reference.rs`, tolerance 1e-9): scipy
//! `ttest_ind(equal_var=False)` and R `t.test`; scipy `f_oneway` and R `oneway.test(var.equal =
//! TRUE)`; statsmodels `anova_oneway(use_var="unequal")` and R `oneway.test`; pingouin
//! `pairwise_gameshowell`; R `TukeyHSD` (p-values) and statsmodels `pairwise_tukeyhsd`.

use statrs::distribution::{ContinuousCDF, FisherSnedecor, StudentsT};

use crate::stats::{Confidence, Moments, tukey};

/// A t test: statistic, degrees of freedom (Welch–Satterthwaite, not an integer) and two-sided p.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TTest {
    pub statistic: f64,
    pub df: f64,
    pub p_value: f64,
}

/// An F test with its two degrees of freedom (Welch's df2 is not an integer).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FTest {
    pub statistic: f64,
    pub df1: f64,
    pub df2: f64,
    pub p_value: f64,
}

/// One pair of groups: mean of group `a` minus mean of group `b` (indices into the input),
/// its standard error, a simultaneous interval and the adjusted p-value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairwiseDifference {
    pub a: usize,
    pub b: usize,
    pub difference: f64,
    /// Standard error of the difference: √(s²_a/n_a + s²_b/n_b) for Games–Howell,
    /// √(MSE (1/n_a + 1/n_b)) for Tukey–Kramer.
    pub se: f64,
    pub low: f64,
    pub high: f64,
    /// Welch–Satterthwaite df of the pair (Games–Howell) or N − k (Tukey–Kramer).
    pub df: f64,
    /// P(Q > |difference|·√2/se) in the studentized range of k means.
    pub p_value: f64,
}

/// Groups with at least one answer: (index, n, mean, variance if n ≥ 2).
fn present(groups: &[Moments]) -> Vec<(usize, f64, f64, Option<f64>)> {
    groups
        .iter()
        .enumerate()
        .filter_map(|(i, g)| Some((i, g.n() as f64, g.mean()?, g.variance())))
        .collect()
}

fn t_upper_two_sided(t: f64, df: f64) -> Option<f64> {
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    Some(2.0 * dist.sf(t.abs()))
}

fn f_upper(f: f64, df1: f64, df2: f64) -> Option<f64> {
    let dist = FisherSnedecor::new(df1, df2).ok()?;
    Some(dist.sf(f))
}

/// Welch's unequal-variance t test of `a` against `b`; `None` unless both have two or more
/// answers and the difference has a positive standard error.
///
/// # Examples
///
/// ```
/// use wenjuan::stats::{Moments, welch_t_test};
///
/// let a: Moments = [100.0, 80.0, 80.0, 60.0, 100.0].into_iter().collect();
/// let b: Moments = [60.0, 40.0, 80.0, 60.0].into_iter().collect();
/// // scipy.stats.ttest_ind(a, b, equal_var=False) (tests/data/means_tests.csv, "two_groups")
/// let t = welch_t_test(&a, &b).expect("defined");
/// assert!((t.statistic - 2.166945355543846).abs() < 1e-9);
/// assert!((t.df - 6.641904263667277).abs() < 1e-9);
/// assert!((t.p_value - 0.06900039288430652).abs() < 1e-9);
/// ```
pub fn welch_t_test(a: &Moments, b: &Moments) -> Option<TTest> {
    let (na, nb) = (a.n() as f64, b.n() as f64);
    let (va, vb) = (a.variance()? / na, b.variance()? / nb);
    let se2 = va + vb;
    if se2 <= 0.0 {
        return None;
    }
    let statistic = (a.mean()? - b.mean()?) / se2.sqrt();
    let df = se2 * se2 / (va * va / (na - 1.0) + vb * vb / (nb - 1.0));
    Some(TTest {
        statistic,
        df,
        p_value: t_upper_two_sided(statistic, df)?,
    })
}

/// The classic one-way ANOVA (equal variances) over the groups with answers; `None` with fewer
/// than two such groups, no residual degrees of freedom (every group of one answer), or no
/// variation within groups (F would be infinite or undefined).
pub fn oneway_anova(groups: &[Moments]) -> Option<FTest> {
    let g = present(groups);
    let k = g.len() as f64;
    let n: f64 = g.iter().map(|x| x.1).sum();
    if k < 2.0 || n - k < 1.0 {
        return None;
    }
    let grand = g.iter().map(|x| x.1 * x.2).sum::<f64>() / n;
    let between: f64 = g.iter().map(|x| x.1 * (x.2 - grand).powi(2)).sum();
    let within: f64 = g
        .iter()
        .map(|x| (x.1 - 1.0) * x.3.unwrap_or(0.0))
        .sum::<f64>();
    if within <= 0.0 {
        return None;
    }
    let (df1, df2) = (k - 1.0, n - k);
    let statistic = (between / df1) / (within / df2);
    Some(FTest {
        statistic,
        df1,
        df2,
        p_value: f_upper(statistic, df1, df2)?,
    })
}

/// Welch's (1951) ANOVA for unequal variances over the groups with answers; `None` with fewer
/// than two such groups or when any of them has fewer than two answers or no spread.
pub fn welch_anova(groups: &[Moments]) -> Option<FTest> {
    let g = present(groups);
    let k = g.len() as f64;
    if k < 2.0 {
        return None;
    }
    let mut w = Vec::with_capacity(g.len());
    for x in &g {
        let v = x.3?;
        if v <= 0.0 {
            return None;
        }
        w.push(x.1 / v);
    }
    let total: f64 = w.iter().sum();
    let centre = g.iter().zip(&w).map(|(x, w)| w * x.2).sum::<f64>() / total;
    let a = g
        .iter()
        .zip(&w)
        .map(|(x, w)| w * (x.2 - centre).powi(2))
        .sum::<f64>()
        / (k - 1.0);
    let tmp = g
        .iter()
        .zip(&w)
        .map(|(x, w)| (1.0 - w / total).powi(2) / (x.1 - 1.0))
        .sum::<f64>();
    let b = 1.0 + 2.0 * (k - 2.0) / (k * k - 1.0) * tmp;
    let statistic = a / b;
    let (df1, df2) = (k - 1.0, (k * k - 1.0) / (3.0 * tmp));
    Some(FTest {
        statistic,
        df1,
        df2,
        p_value: f_upper(statistic, df1, df2)?,
    })
}

/// Every pair of groups with answers by Games–Howell: the difference, Welch's standard error and
/// df, the interval difference ± q(conf; k, df)/√2 · se and p = P(Q_{k,df} > |t|·√2), k being
/// the number of groups with answers. A pair involving a group of one answer, or whose
/// difference has no spread, keeps its difference with NaN interval and p.
pub fn games_howell(groups: &[Moments], conf: Confidence) -> Vec<PairwiseDifference> {
    let g = present(groups);
    let k = g.len() as f64;
    let mut out = Vec::new();
    for (i, x) in g.iter().enumerate() {
        for y in &g[i + 1..] {
            let difference = x.2 - y.2;
            let mut pair = PairwiseDifference {
                a: x.0,
                b: y.0,
                difference,
                se: f64::NAN,
                low: f64::NAN,
                high: f64::NAN,
                df: f64::NAN,
                p_value: f64::NAN,
            };
            if let (Some(vx), Some(vy)) = (x.3, y.3) {
                let (va, vb) = (vx / x.1, vy / y.1);
                let se2 = va + vb;
                if se2 > 0.0 {
                    let se = se2.sqrt();
                    let df = se2 * se2 / (va * va / (x.1 - 1.0) + vb * vb / (y.1 - 1.0));
                    pair.se = se;
                    pair.df = df;
                    pair.p_value = tukey::ptukey_upper(
                        difference.abs() * std::f64::consts::SQRT_2 / se,
                        k,
                        df,
                    );
                    if let Some(q) = tukey::qtukey(conf.level(), k, df) {
                        let half = q / std::f64::consts::SQRT_2 * se;
                        pair.low = difference - half;
                        pair.high = difference + half;
                    }
                }
            }
            out.push(pair);
        }
    }
    out
}

/// Every pair of groups with answers by Tukey–Kramer: the difference, the pooled standard error
/// √(MSE (1/n_a + 1/n_b)) on N − k df, the interval difference ± q(conf; k, N − k)/√2 · se and
/// p = P(Q_{k,N−k} > |difference|·√2/se). Empty when fewer than two groups have answers; NaN
/// interval and p when there are no residual degrees of freedom or no variation within groups.
pub fn tukey_kramer(groups: &[Moments], conf: Confidence) -> Vec<PairwiseDifference> {
    let g = present(groups);
    let k = g.len() as f64;
    let n: f64 = g.iter().map(|x| x.1).sum();
    let df = n - k;
    let within: f64 = g.iter().map(|x| (x.1 - 1.0) * x.3.unwrap_or(0.0)).sum();
    let mse = if df >= 1.0 { within / df } else { f64::NAN };
    let q = if mse > 0.0 {
        tukey::qtukey(conf.level(), k, df)
    } else {
        None
    };
    let mut out = Vec::new();
    for (i, x) in g.iter().enumerate() {
        for y in &g[i + 1..] {
            let difference = x.2 - y.2;
            let se = (mse * (1.0 / x.1 + 1.0 / y.1)).sqrt();
            let defined = mse > 0.0;
            let half = q.map_or(f64::NAN, |q| q / std::f64::consts::SQRT_2 * se);
            out.push(PairwiseDifference {
                a: x.0,
                b: y.0,
                difference,
                se: if defined { se } else { f64::NAN },
                low: difference - half,
                high: difference + half,
                df: if df >= 1.0 { df } else { f64::NAN },
                p_value: if defined {
                    tukey::ptukey_upper(difference.abs() * std::f64::consts::SQRT_2 / se, k, df)
                } else {
                    f64::NAN
                },
            });
        }
    }
    out
}
