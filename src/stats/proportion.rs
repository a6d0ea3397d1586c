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
pub fn finite_population_effective_size(n: f64, population: f64) -> f64 {
    n * (population - 1.0) / (population - n)
}

fn clip(low: f64, high: f64) -> Interval {
    Interval {
        low: low.clamp(0.0, 1.0),
        high: high.clamp(0.0, 1.0),
    }
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
