//! Means of scores (e.g. satisfaction on a 100/80/60/40/20 scale) with t confidence intervals.

use crate::stats::{Confidence, Estimate, StatsError, check_population, t_quantile};

/// Running count, mean and sum of squared deviations (Welford's update generalised to
/// weighted merges by Chan, Golub & LeVeque), so large or shifted scores do not lose digits
/// the way `Σy² − (Σy)²/n` would.
///
/// # Examples
///
/// ```
/// use wenjuan::stats::Moments;
///
/// // The "ten" scores of tests/data/mean_vectors.csv.
/// let m: Moments = [100.0, 80.0, 80.0, 60.0, 100.0, 40.0, 80.0, 60.0, 20.0, 100.0]
///     .into_iter()
///     .collect();
/// assert_eq!(m.n(), 10);
/// // Welford's running mean is within rounding of 720/10 = 72.
/// assert!((m.mean().expect("n > 0") - 72.0).abs() < 1e-9);
/// // Σ(y − 72)² = 6560 by hand, so s² = 6560/9; R svymean gives SE = 8.5374989832437986
/// // = s/√10 (tests/data/mean_fpc_r.csv, no fpc).
/// let variance = m.variance().expect("n > 1");
/// assert!((variance - 6560.0 / 9.0).abs() < 1e-9);
/// assert!((variance - 10.0 * 8.5374989832437986_f64.powi(2)).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Moments {
    n: u64,
    mean: f64,
    m2: f64,
}

impl Moments {
    /// An empty accumulator.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::Moments;
    ///
    /// let m = Moments::new();
    /// assert_eq!((m.n(), m.mean(), m.variance()), (0, None, None));
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `count` observations all equal to `value` (count 0 is a no-op). The caller is
    /// expected to pass finite values: a NaN or infinity poisons the accumulator.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::Moments;
    ///
    /// // The "ten" scores of tests/data/mean_vectors.csv, counted by answer level.
    /// let mut m = Moments::new();
    /// for (score, count) in [(100.0, 3), (80.0, 3), (60.0, 2), (40.0, 1), (20.0, 1), (0.0, 0)] {
    ///     m.add(score, count);
    /// }
    /// // Mean 720/10 = 72 and s² = 6560/9, by hand (R svymean: mean 72, SE² · 10 = s²).
    /// assert_eq!(m.n(), 10);
    /// assert!((m.mean().expect("n > 0") - 72.0).abs() < 1e-9);
    /// assert!((m.variance().expect("n > 1") - 6560.0 / 9.0).abs() < 1e-9);
    /// ```
    pub fn add(&mut self, value: f64, count: u64) {
        self.merge(&Moments {
            n: count,
            mean: value,
            m2: 0.0,
        });
    }

    /// Combines another accumulator into this one (Chan et al. pairwise update).
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::Moments;
    ///
    /// // The "ten" scores of tests/data/mean_vectors.csv in two halves.
    /// let mut m: Moments = [100.0, 80.0, 80.0, 60.0, 100.0].into_iter().collect();
    /// m.merge(&[40.0, 80.0, 60.0, 20.0, 100.0].into_iter().collect());
    /// // Same as the whole: mean 72, s² = 6560/9 (by hand).
    /// assert_eq!(m.n(), 10);
    /// assert!((m.mean().expect("n > 0") - 72.0).abs() < 1e-9);
    /// assert!((m.variance().expect("n > 1") - 6560.0 / 9.0).abs() < 1e-9);
    /// ```
    pub fn merge(&mut self, other: &Moments) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = *other;
            return;
        }
        let (na, nb) = (self.n as f64, other.n as f64);
        let n = na + nb;
        let delta = other.mean - self.mean;
        self.mean += delta * (nb / n);
        self.m2 += other.m2 + delta * delta * (na * nb / n);
        self.n += other.n;
    }

    /// Number of observations.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::Moments;
    ///
    /// let mut m = Moments::new();
    /// m.add(80.0, 285);
    /// assert_eq!(m.n(), 285);
    /// ```
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Mean; None when empty.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::Moments;
    ///
    /// // The "two" scores of tests/data/mean_vectors.csv: mean 80 (tests/data/mean_ci.csv).
    /// let m: Moments = [100.0, 60.0].into_iter().collect();
    /// assert!((m.mean().expect("n > 0") - 80.0).abs() < 1e-9);
    /// assert_eq!(Moments::new().mean(), None);
    /// ```
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then_some(self.mean)
    }

    /// Sample variance (divisor n − 1); None with fewer than two observations.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::Moments;
    ///
    /// // The "two" scores of tests/data/mean_vectors.csv: s² = (20² + 20²)/1 = 800; R svymean
    /// // with fpc N = 3 gives SE = 11.547005383792516 = sqrt((1 − 2/3)·s²/2)
    /// // (tests/data/mean_fpc_r.csv).
    /// let two: Moments = [100.0, 60.0].into_iter().collect();
    /// let s2 = two.variance().expect("n > 1");
    /// assert!((s2 - 800.0).abs() < 1e-9);
    /// let se = ((1.0 - 2.0 / 3.0) * s2 / 2.0).sqrt();
    /// assert!((se - 11.547005383792516).abs() < 1e-9);
    /// // One observation says nothing about spread; a constant sample has none.
    /// let one: Moments = [80.0].into_iter().collect();
    /// assert_eq!(one.variance(), None);
    /// let constant: Moments = [80.0; 5].into_iter().collect();
    /// assert_eq!(constant.variance(), Some(0.0));
    /// ```
    pub fn variance(&self) -> Option<f64> {
        // Rounding can leave a constant sample with a tiny negative m2; variance is ≥ 0.
        (self.n > 1).then(|| (self.m2 / (self.n - 1) as f64).max(0.0))
    }
}

impl Extend<f64> for Moments {
    fn extend<I: IntoIterator<Item = f64>>(&mut self, iter: I) {
        for v in iter {
            self.add(v, 1);
        }
    }
}

impl FromIterator<f64> for Moments {
    fn from_iter<I: IntoIterator<Item = f64>>(iter: I) -> Self {
        let mut m = Moments::new();
        m.extend(iter);
        m
    }
}

/// Mean with the t interval `mean ± t(n−1)·s/√n` for a simple random sample.
///
/// * `Ok(None)` when there are no observations.
/// * `n = 1`: the estimate is the single value and both bounds are `NaN` — one answer says
///   nothing about spread, and a NaN (rather than `None`) keeps the mean printable; this is
///   also what scipy and statsmodels return for one observation.
/// * A constant sample gives the zero-width interval `[mean, mean]`.
/// * `Err(StatsError::PopulationSmallerThanSample)` when a population size `N < n` is given.
///
/// **Finite population correction.** With `N` known the variance of the mean is multiplied
/// by `1 − n/N` (SRSWOR: `Var(ȳ) = (1 − n/N)·S²/n`, with `S²` estimated by the sample variance
/// `s²`); the t quantile keeps `n − 1` degrees of freedom, as R `survey` does with
/// `confint(svymean(...), df = degf(design))`. `n = N` is a census: the interval is
/// `[mean, mean]` whatever `n` is. The factor differs from the proportion's `(N−n)/(N−1)`
/// only because that formula plugs in `p(1−p)`, a variance with divisor `N`
/// (`σ² = S²·(N−1)/N`), whereas here `s²` estimates `S²` (divisor `N − 1`):
/// `(N−n)/(N−1)·σ² = (1 − n/N)·S²`, the same quantity.
///
/// # Examples
///
/// ```
/// use wenjuan::stats::{Confidence, Moments, StatsError, mean_interval};
///
/// let c = Confidence::P95;
/// // The "ten" scores of tests/data/mean_vectors.csv.
/// let ten: Moments = [100.0, 80.0, 80.0, 60.0, 100.0, 40.0, 80.0, 60.0, 20.0, 100.0]
///     .into_iter()
///     .collect();
///
/// // scipy.stats.t.interval(0.95, df=9, loc=72, scale=sem) and statsmodels
/// // DescrStatsW.tconfint_mean(alpha=0.05) (tests/data/mean_ci.csv)
/// let e = mean_interval(&ten, c, None)?.expect("n > 0");
/// assert!((e.estimate - 72.0).abs() < 1e-9);
/// assert!((e.low - 52.68683552267265).abs() < 1e-9);
/// assert!((e.high - 91.31316447732735).abs() < 1e-9);
///
/// // Drawn from N = 12: R survey, confint(svymean(~y, svydesign(ids = ~1, fpc = ~N)),
/// // level = 0.95, df = degf(design)) (tests/data/mean_fpc_r.csv)
/// let e = mean_interval(&ten, c, Some(12))?.expect("n > 0");
/// assert!((e.low - 64.11543361868371).abs() < 1e-9);
/// assert!((e.high - 79.88456638131629).abs() < 1e-9);
///
/// // n = 1: statsmodels tconfint_mean gives (nan, nan); the mean is still reported.
/// let one: Moments = [80.0].into_iter().collect();
/// let e = mean_interval(&one, c, None)?.expect("n > 0");
/// assert_eq!(e.estimate, 80.0);
/// assert!(e.low.is_nan() && e.high.is_nan());
/// // A constant sample: statsmodels gives (80, 80).
/// let constant: Moments = [80.0; 5].into_iter().collect();
/// let e = mean_interval(&constant, c, None)?.expect("n > 0");
/// assert_eq!((e.low, e.high), (80.0, 80.0));
/// // A census (n = N) knows its mean exactly, even for n = 1.
/// let e = mean_interval(&one, c, Some(1))?.expect("n > 0");
/// assert_eq!((e.low, e.high), (80.0, 80.0));
///
/// assert_eq!(mean_interval(&Moments::new(), c, None), Ok(None));
/// assert_eq!(
///     mean_interval(&ten, c, Some(9)),
///     Err(StatsError::PopulationSmallerThanSample { population: 9, sample: 10 })
/// );
/// # Ok::<(), StatsError>(())
/// ```
pub fn mean_interval(
    moments: &Moments,
    conf: Confidence,
    population_size: Option<u64>,
) -> Result<Option<Estimate>, StatsError> {
    let n = moments.n();
    check_population(n, population_size)?;
    let Some(mean) = moments.mean() else {
        return Ok(None);
    };
    let fpc = match population_size {
        Some(population) if population == n => {
            return Ok(Some(Estimate {
                estimate: mean,
                low: mean,
                high: mean,
            }));
        }
        Some(population) => 1.0 - n as f64 / population as f64,
        None => 1.0,
    };
    let n_f = n as f64;
    let (Some(variance), Some(t)) = (moments.variance(), t_quantile(conf, n_f - 1.0)) else {
        return Ok(Some(Estimate {
            estimate: mean,
            low: f64::NAN,
            high: f64::NAN,
        }));
    };
    let half = t * (variance * fpc / n_f).sqrt();
    Ok(Some(Estimate {
        estimate: mean,
        low: mean - half,
        high: mean + half,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welford_matches_two_pass() {
        let values = [1e9 + 4.0, 1e9 + 7.0, 1e9 + 13.0, 1e9 + 16.0];
        let m: Moments = values.iter().copied().collect();
        assert_eq!(m.n(), 4);
        assert_eq!(m.mean(), Some(1e9 + 10.0));
        // Two-pass variance of (4, 7, 13, 16) is 30; the naive formula fails at this offset.
        assert!((m.variance().unwrap_or(f64::NAN) - 30.0).abs() < 1e-6);
    }

    #[test]
    fn counts_and_merge_agree_with_single_adds() {
        let mut by_count = Moments::new();
        by_count.add(100.0, 3);
        by_count.add(60.0, 2);
        by_count.add(20.0, 0);
        let single: Moments = [100.0, 100.0, 100.0, 60.0, 60.0].into_iter().collect();
        let mut merged: Moments = [100.0, 60.0].into_iter().collect();
        merged.merge(&[100.0, 100.0, 60.0].into_iter().collect());
        for m in [by_count, merged] {
            assert_eq!(m.n(), single.n());
            let (a, b) = (m.mean().unwrap_or(f64::NAN), single.mean().unwrap_or(0.0));
            assert!((a - b).abs() < 1e-12);
            let (a, b) = (
                m.variance().unwrap_or(f64::NAN),
                single.variance().unwrap_or(0.0),
            );
            assert!((a - b).abs() < 1e-10);
        }
    }

    #[test]
    fn small_samples() {
        let c = Confidence::P95;
        assert_eq!(mean_interval(&Moments::new(), c, None), Ok(None));
        let one: Moments = [80.0].into_iter().collect();
        let e = mean_interval(&one, c, None).ok().flatten();
        assert!(matches!(e, Some(e) if e.estimate == 80.0 && e.low.is_nan() && e.high.is_nan()));
        // A census of one is known exactly.
        let e = mean_interval(&one, c, Some(1));
        assert_eq!(
            e,
            Ok(Some(Estimate {
                estimate: 80.0,
                low: 80.0,
                high: 80.0
            }))
        );
        let constant: Moments = [60.0; 4].into_iter().collect();
        let e = mean_interval(&constant, c, None).ok().flatten();
        assert!(matches!(e, Some(e) if e.low == 60.0 && e.high == 60.0));
        assert_eq!(
            mean_interval(&constant, c, Some(3)),
            Err(StatsError::PopulationSmallerThanSample {
                population: 3,
                sample: 4
            })
        );
    }
}
