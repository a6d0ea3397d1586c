//! Confidence intervals for a share (binomial proportion), with finite population correction.

use crate::stats::{
    CiMethod, Confidence, Estimate, Interval, StatsError, beta_quantile, check_population,
    z_quantile,
};

/// Confidence interval for the share `x / n`, where `x` and `n` may be fractional
/// (effective counts from a finite population correction or from weighting).
///
/// Returns `None` when `n <= 0`, when `x` lies outside `[0, n]`, or when either is not finite.
///
/// The methods reproduce statsmodels 0.15 `proportion_confint` (read from
/// `statsmodels/stats/proportion.py`, function `proportion_confint`, lines 212–305):
///
/// * [`CiMethod::Wilson`] — statsmodels `"wilson"`: centre `(p + z²/2n)/(1 + z²/n)`,
///   half-width `z·sqrt(p(1−p)/n + z²/4n²)/(1 + z²/n)`. statsmodels clips the result to
///   [0, 1] (line 303: `if method in ["normal", "agresti_coull", "wilson"]: np.clip(..., 0, 1)`);
///   here the lower bound is set to exactly 0 at `x = 0` and the upper to exactly 1 at
///   `x = n`, which is the mathematical value that clipping only approximates to an ulp.
/// * [`CiMethod::Exact`] — statsmodels `"beta"` (Clopper–Pearson): lower
///   `Beta(x, n−x+1)` quantile at α/2, upper `Beta(x+1, n−x)` quantile at 1−α/2; lower = 0
///   at `x = 0` and upper = 1 at `x = n`, as statsmodels sets them (lines 270–279).
/// * [`CiMethod::Jeffreys`] — equal-tailed `Beta(x+½, n−x+½)` interval. **Edge convention:**
///   following Brown, Cai & DasGupta (2001, *Statistical Science* 16:101–133, §4.1.1) the
///   lower bound is 0 when `x = 0` and the upper bound is 1 when `x = n`. statsmodels does
///   not do this (lines 298–300 apply no edge rule), so at the edges it returns a positive
///   lower bound at `x = 0` (and an upper bound below 1 at `x = n`), an interval that
///   excludes the observed share; elsewhere the two agree.
/// * [`CiMethod::AgrestiCoull`] — statsmodels `"agresti_coull"`: Wald interval for
///   `(x + z²/2)/(n + z²)` with `n + z²` trials, clipped to [0, 1] like statsmodels.
/// * [`CiMethod::Wald`] — statsmodels `"normal"`: `p ± z·sqrt(p(1−p)/n)`, clipped to [0, 1]
///   like statsmodels. It collapses to `[0, 0]` at `x = 0` and `[1, 1]` at `x = n`.
///
/// Quantiles come from statrs: `Normal`, and `Beta` through `crate::stats::beta_quantile`
/// (statrs's generic quantile search on statrs's Beta CDF; see there why).
///
/// # Examples
///
/// Every method for 3 "yes" of 10 at 95 %:
///
/// ```
/// use wenjuan::stats::{CiMethod, Confidence, proportion_interval};
///
/// // statsmodels 0.15 proportion_confint(3, 10, alpha=0.05, method=...), methods "wilson",
/// // "beta", "jeffreys", "agresti_coull" and "normal" (tests/data/proportion_ci.csv)
/// let reference = [
///     (CiMethod::Wilson, 0.10779126740630099, 0.6032218525388546),
///     (CiMethod::Exact, 0.0667395111777345, 0.6524528500599973),
///     (CiMethod::Jeffreys, 0.09269459393815317, 0.6058183181486713),
///     (CiMethod::AgrestiCoull, 0.10333841792242532, 0.6076747020227304),
///     (CiMethod::Wald, 0.015974234910674623, 0.5840257650893254),
/// ];
/// for (method, low, high) in reference {
///     let ci = proportion_interval(3.0, 10.0, method, Confidence::P95).expect("valid counts");
///     assert!((ci.low - low).abs() < 1e-9, "{method}: {ci:?}");
///     assert!((ci.high - high).abs() < 1e-9, "{method}: {ci:?}");
/// }
///
/// // Textbook case, checked by hand with the Wilson formula above: 67 of 285 at 95 % is
/// // 18.96 %–28.76 % (to half a unit in the last printed digit).
/// let ci = proportion_interval(67.0, 285.0, CiMethod::Wilson, Confidence::P95).expect("valid");
/// assert!((ci.low - 0.1896).abs() < 5e-5 && (ci.high - 0.2876).abs() < 5e-5);
/// ```
///
/// Edge cases — 0 of n, n of n, n = 1 — and the Jeffreys convention:
///
/// ```
/// use wenjuan::stats::{CiMethod, Confidence, proportion_interval};
///
/// let c = Confidence::P95;
/// let ci = |x: f64, n: f64, m| proportion_interval(x, n, m, c).expect("valid counts");
///
/// // statsmodels proportion_confint(0, 10, method="wilson") = (0, 0.2775327998628892)
/// let none = ci(0.0, 10.0, CiMethod::Wilson);
/// assert_eq!(none.low, 0.0);
/// assert!((none.high - 0.2775327998628892).abs() < 1e-9);
/// // statsmodels proportion_confint(10, 10, method="beta") = (0.6915028921812392, 1)
/// let all = ci(10.0, 10.0, CiMethod::Exact);
/// assert!((all.low - 0.6915028921812392).abs() < 1e-9);
/// assert_eq!(all.high, 1.0);
/// // Wald collapses at the edges: statsmodels method="normal" gives (0, 0) for 0 of 10.
/// let wald = ci(0.0, 10.0, CiMethod::Wald);
/// assert_eq!((wald.low, wald.high), (0.0, 0.0));
///
/// // Jeffreys at 0 of 10: statsmodels gives (4.789043315758196e-05, 0.21719626750921053);
/// // Brown, Cai & DasGupta (2001) set the lower bound to 0 and keep the upper bound.
/// let jeffreys = ci(0.0, 10.0, CiMethod::Jeffreys);
/// assert_eq!(jeffreys.low, 0.0);
/// assert!((jeffreys.high - 0.21719626750921053).abs() < 1e-9);
///
/// // n = 1: Clopper–Pearson for 1 of 1 has lower bound (α/2)^(1/n) = 0.025;
/// // statsmodels method="beta" gives 0.025000000000000022.
/// let one = ci(1.0, 1.0, CiMethod::Exact);
/// assert!((one.low - 0.025).abs() < 1e-9);
/// assert_eq!(one.high, 1.0);
/// // statsmodels proportion_confint(0, 1, method="wilson") = (0, 0.7934506856227626)
/// assert!((ci(0.0, 1.0, CiMethod::Wilson).high - 0.7934506856227626).abs() < 1e-9);
///
/// // No respondents, or more "yes" than respondents: no interval.
/// assert_eq!(proportion_interval(0.0, 0.0, CiMethod::Wilson, c), None);
/// assert_eq!(proportion_interval(3.0, 2.0, CiMethod::Wilson, c), None);
/// ```
///
/// Fractional (effective) counts:
///
/// ```
/// use wenjuan::stats::{CiMethod, Confidence, proportion_interval};
///
/// // statsmodels proportion_confint(2.5, 7.3, alpha=0.05, method="beta")
/// let ci = proportion_interval(2.5, 7.3, CiMethod::Exact, Confidence::P95).expect("valid");
/// assert!((ci.low - 0.061823210838166186).abs() < 1e-9);
/// assert!((ci.high - 0.7466026637022614).abs() < 1e-9);
/// ```
pub fn proportion_interval(x: f64, n: f64, method: CiMethod, conf: Confidence) -> Option<Interval> {
    if !(x.is_finite() && n.is_finite()) || n <= 0.0 || x < 0.0 || x > n {
        return None;
    }
    let p = x / n;
    let half_alpha = conf.alpha() / 2.0;
    match method {
        CiMethod::Wald => {
            let z = z_quantile(conf);
            let dist = z * (p * (1.0 - p) / n).sqrt();
            Some(clip(p - dist, p + dist))
        }
        CiMethod::AgrestiCoull => {
            let z = z_quantile(conf);
            let n_c = n + z * z;
            let p_c = (x + z * z / 2.0) / n_c;
            let dist = z * (p_c * (1.0 - p_c) / n_c).sqrt();
            Some(clip(p_c - dist, p_c + dist))
        }
        CiMethod::Wilson => {
            let z = z_quantile(conf);
            let z2 = z * z;
            let denom = 1.0 + z2 / n;
            let center = (p + z2 / (2.0 * n)) / denom;
            let dist = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
            let low = if x == 0.0 { 0.0 } else { center - dist };
            let high = if x == n { 1.0 } else { center + dist };
            Some(clip(low, high))
        }
        CiMethod::Exact => {
            let low = if x == 0.0 {
                0.0
            } else {
                beta_quantile(x, n - x + 1.0, half_alpha)?
            };
            let high = if x == n {
                1.0
            } else {
                beta_quantile(x + 1.0, n - x, 1.0 - half_alpha)?
            };
            Some(Interval { low, high })
        }
        CiMethod::Jeffreys => {
            let (a, b) = (x + 0.5, n - x + 0.5);
            let low = if x == 0.0 {
                0.0
            } else {
                beta_quantile(a, b, half_alpha)?
            };
            let high = if x == n {
                1.0
            } else {
                beta_quantile(a, b, 1.0 - half_alpha)?
            };
            Some(Interval { low, high })
        }
    }
}

/// The share `x / n` of a simple random sample with its confidence interval.
///
/// * `Ok(None)` when `n = 0`: an empty group has no share, which is not an input error.
/// * `Err(StatsError::CountExceedsSample)` when `x > n`.
/// * `Err(StatsError::PopulationSmallerThanSample)` when a population size `N < n` is given:
///   a sample cannot be larger than the population it was drawn from without replacement, so
///   this is reported to the caller rather than silently treated as a census.
///
/// **Finite population correction.** When the population size `N` is known, the interval is
/// computed by [`proportion_interval`] as for a sample of effective size
/// `n* = n·(N−1)/(N−n)` with the same observed share (`x* = p·n*`). For the Wald interval this
/// is exactly the SRSWOR variance `p(1−p)/n · (N−n)/(N−1)`, i.e. the variance multiplied by
/// `(N−n)/(N−1)`; the other methods inherit the same shrinkage through `n*`. When `n = N`
/// (a census) the share is known exactly and the interval collapses to `[p, p]`.
///
/// This is the construction R `survey::svyciprop(method = "beta")` (Korn & Graubard 1998)
/// uses: an exact interval at the effective size `p(1−p)/Var(p)`. The numbers differ slightly
/// because `survey` estimates `Var(p)` with the `n−1` divisor, `(1−n/N)·p(1−p)/(n−1)`, giving
/// `n* = (n−1)·N/(N−n)` (and `n−1` without FPC) instead of `n·(N−1)/(N−n)`; the reference
/// tests check that the interval at R's effective size reproduces R's numbers.
///
/// # Examples
///
/// ```
/// use wenjuan::stats::{CiMethod, Confidence, StatsError, proportion};
///
/// let c = Confidence::P95;
/// // Simple random sample, 105 of 285: statsmodels proportion_confint(105, 285,
/// // method="wilson") = (0.31451407600141235, 0.42582790846918195)
/// let e = proportion(105, 285, CiMethod::Wilson, c, None)?.expect("n > 0");
/// assert_eq!(e.estimate, 105.0 / 285.0); // the share itself is x / n
/// assert!((e.low - 0.31451407600141235).abs() < 1e-9);
/// assert!((e.high - 0.42582790846918195).abs() < 1e-9);
///
/// // 72 of 196 drawn from N = 400: statsmodels proportion_confint at n* = 383.3529411764706,
/// // x* = 140.82352941176472 (tests/data/proportion_fpc.csv)
/// let e = proportion(72, 196, CiMethod::Wilson, c, Some(400))?.expect("n > 0");
/// assert!((e.low - 0.32062693645317697).abs() < 1e-9);
/// assert!((e.high - 0.41669911383658464).abs() < 1e-9);
///
/// // A census (n = N) knows its share exactly.
/// let e = proportion(18, 50, CiMethod::Exact, c, Some(50))?.expect("n > 0");
/// assert_eq!((e.estimate, e.low, e.high), (0.36, 0.36, 0.36));
///
/// // n = 1: 1 of 1, Wilson; statsmodels gives (0.20654931437723745, 1).
/// let e = proportion(1, 1, CiMethod::Wilson, c, None)?.expect("n > 0");
/// assert!((e.low - 0.20654931437723745).abs() < 1e-9);
/// assert_eq!((e.estimate, e.high), (1.0, 1.0));
///
/// // An empty group has no share; impossible counts are errors.
/// assert_eq!(proportion(0, 0, CiMethod::Wilson, c, None), Ok(None));
/// assert_eq!(
///     proportion(3, 2, CiMethod::Wilson, c, None),
///     Err(StatsError::CountExceedsSample { count: 3, sample: 2 })
/// );
/// assert_eq!(
///     proportion(1, 5, CiMethod::Wilson, c, Some(4)),
///     Err(StatsError::PopulationSmallerThanSample { population: 4, sample: 5 })
/// );
/// # Ok::<(), StatsError>(())
/// ```
pub fn proportion(
    x: u64,
    n: u64,
    method: CiMethod,
    conf: Confidence,
    population_size: Option<u64>,
) -> Result<Option<Estimate>, StatsError> {
    if x > n {
        return Err(StatsError::CountExceedsSample {
            count: x,
            sample: n,
        });
    }
    check_population(n, population_size)?;
    if n == 0 {
        return Ok(None);
    }
    let (x, n_f) = (x as f64, n as f64);
    let p = x / n_f;
    let n_eff = match population_size {
        Some(population) if population == n => {
            return Ok(Some(Estimate {
                estimate: p,
                low: p,
                high: p,
            }));
        }
        Some(population) => finite_population_effective_size(n_f, population as f64),
        None => n_f,
    };
    // x* = p·n* keeps the observed share; at p = 1 it equals n* exactly, so the edge rules
    // of the exact and Jeffreys intervals still apply.
    let x_eff = if n_eff == n_f { x } else { p * n_eff };
    Ok(
        proportion_interval(x_eff, n_eff, method, conf).map(|ci| Estimate {
            estimate: p,
            low: ci.low,
            high: ci.high,
        }),
    )
}

/// Effective sample size `n·(N−1)/(N−n)` that turns the binomial variance `p(1−p)/n` into
/// the SRSWOR variance `p(1−p)/n · (N−n)/(N−1)`. Requires `n < N`.
///
/// # Examples
///
/// ```
/// use wenjuan::stats::proportion::finite_population_effective_size;
///
/// // n_eff column of tests/data/proportion_fpc.csv (make_reference.py: n(N−1)/(N−n)):
/// // 196 of 400 behave like 383.35 with replacement; 10 of 12 like 10·11/2 = 55.
/// assert!((finite_population_effective_size(196.0, 400.0) - 383.3529411764706).abs() < 1e-9);
/// assert!((finite_population_effective_size(10.0, 12.0) - 55.0).abs() < 1e-9);
/// ```
pub fn finite_population_effective_size(n: f64, population: f64) -> f64 {
    n * (population - 1.0) / (population - n)
}

fn clip(low: f64, high: f64) -> Interval {
    Interval {
        low: low.clamp(0.0, 1.0),
        high: high.clamp(0.0, 1.0),
    }
}

/// The net promoter score `(promoters − detractors) / n`, in [−1, 1], with its interval.
///
/// Promoters and detractors are two shares of one multinomial sample, so the variance of their
/// difference is, by the delta method, `(p(1 − p) + d(1 − d) + 2pd) / n` (the covariance of two
/// cells of a multinomial is `−pd/n`). The interval is `nps ± z·se`, clipped to [−1, 1]; `None`
/// when `n` is 0.
///
/// # Examples
///
/// ```
/// use wenjuan::stats::{Confidence, net_promoter_score};
/// // 132 promoters and 68 detractors of 289: the reference is computed by
/// // tests/data/make_nps_reference.py from the same formula with scipy's normal quantile.
/// let e = net_promoter_score(132, 68, 289, Confidence::P95).unwrap();
/// assert!((e.estimate - 64.0 / 289.0).abs() < 1e-12);
/// let (p, d) = (132.0 / 289.0, 68.0 / 289.0);
/// let se = ((p * (1.0 - p) + d * (1.0 - d) + 2.0 * p * d) / 289.0_f64).sqrt();
/// assert!((e.low - (64.0 / 289.0 - 1.959963984540054 * se)).abs() < 1e-12);
/// // Everyone a promoter: the estimate is 1 and the interval has no width.
/// let all = net_promoter_score(10, 0, 10, Confidence::P95).unwrap();
/// assert_eq!((all.estimate, all.low, all.high), (1.0, 1.0, 1.0));
/// assert_eq!(net_promoter_score(0, 0, 0, Confidence::P95), None);
/// ```
pub fn net_promoter_score(
    promoters: u64,
    detractors: u64,
    n: u64,
    conf: Confidence,
) -> Option<Estimate> {
    if n == 0 || promoters + detractors > n {
        return None;
    }
    let nf = n as f64;
    let (p, d) = (promoters as f64 / nf, detractors as f64 / nf);
    let estimate = p - d;
    let se = ((p * (1.0 - p) + d * (1.0 - d) + 2.0 * p * d) / nf).sqrt();
    let z = super::z_quantile(conf);
    Some(Estimate {
        estimate,
        low: (estimate - z * se).max(-1.0),
        high: (estimate + z * se).min(1.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ci(x: f64, n: f64, m: CiMethod) -> Interval {
        proportion_interval(x, n, m, Confidence::P95).unwrap_or(Interval {
            low: f64::NAN,
            high: f64::NAN,
        })
    }

    #[test]
    fn rejects_degenerate_input() {
        for m in CiMethod::ALL {
            assert_eq!(proportion_interval(0.0, 0.0, m, Confidence::P95), None);
            assert_eq!(proportion_interval(1.0, -1.0, m, Confidence::P95), None);
            assert_eq!(proportion_interval(3.0, 2.0, m, Confidence::P95), None);
            assert_eq!(proportion_interval(f64::NAN, 2.0, m, Confidence::P95), None);
        }
    }

    #[test]
    fn huge_effective_sizes_terminate() {
        // statrs's own Beta inverse never returns for these shapes; ours must.
        for n in [1e7, 1e9, 1e12] {
            for m in [CiMethod::Exact, CiMethod::Jeffreys] {
                let lo = ci(0.0, n, m);
                let hi = ci(n, n, m);
                assert!(
                    lo.low == 0.0 && lo.high > 0.0 && lo.high < 1e-5,
                    "{m} {n}: {lo:?}"
                );
                assert!(hi.high == 1.0 && (hi.low - (1.0 - lo.high)).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn textbook_wilson() {
        // 81 of 263 at 95 %: Wilson (0.2553, 0.3662), e.g. Newcombe (1998) Table I style check.
        let i = ci(81.0, 263.0, CiMethod::Wilson);
        assert!(
            (i.low - 0.2553).abs() < 5e-5 && (i.high - 0.3662).abs() < 5e-5,
            "{i:?}"
        );
    }

    #[test]
    fn errors_and_empty() {
        let c = Confidence::P95;
        assert_eq!(proportion(0, 0, CiMethod::Wilson, c, None), Ok(None));
        assert_eq!(
            proportion(3, 2, CiMethod::Wilson, c, None),
            Err(StatsError::CountExceedsSample {
                count: 3,
                sample: 2
            })
        );
        assert_eq!(
            proportion(1, 5, CiMethod::Wilson, c, Some(4)),
            Err(StatsError::PopulationSmallerThanSample {
                population: 4,
                sample: 5
            })
        );
        let census = proportion(20, 50, CiMethod::Exact, c, Some(50));
        assert_eq!(
            census,
            Ok(Some(Estimate {
                estimate: 0.4,
                low: 0.4,
                high: 0.4
            }))
        );
    }
}
