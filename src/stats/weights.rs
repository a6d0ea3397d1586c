//! Weighted shares and means for post-stratified samples, with Kish effective sample size.

use crate::stats::{CiMethod, Confidence, Estimate, StatsError, proportion_interval, t_quantile};

/// Running weighted sums for one variable: Σw, Σw², the weighted mean and the weighted sum of
/// squared deviations (West's 1979 weighted update, merged as in Chan et al.), so large
/// scores do not lose digits.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WeightedMoments {
    n: u64,
    sum_w: f64,
    sum_w2: f64,
    mean: f64,
    m2: f64,
}

impl WeightedMoments {
    /// An empty accumulator.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::WeightedMoments;
    ///
    /// let m = WeightedMoments::new();
    /// assert_eq!((m.n(), m.sum_weights()), (0, 0.0));
    /// assert_eq!((m.mean(), m.effective_size(), m.variance()), (None, None, None));
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Respondents who all share `value`: `n` of them with weights summing to `sum_w`, their
    /// squares to `sum_w2`. Lets a caller aggregate by answer level first and merge the levels,
    /// which gives the same moments as adding the respondents one by one.
    ///
    /// # Examples
    ///
    /// The post-stratified share of "aware" in `tests/data/weights_sample.csv`, from the
    /// counts of no and yes per stratum:
    ///
    /// ```
    /// use wenjuan::stats::{WeightedMoments, post_stratification_weights};
    ///
    /// let weights = post_stratification_weights(
    ///     &[40, 60, 70, 30],
    ///     &[120_000.0, 80_000.0, 50_000.0, 30_000.0],
    /// )?;
    /// // (no, yes) per stratum in tests/data/weights_sample.csv
    /// let answers = [(8u64, 32u64), (30, 30), (45, 25), (24, 6)];
    /// let mut aware = WeightedMoments::new();
    /// for (&w, &(no, yes)) in weights.iter().zip(&answers) {
    ///     for (value, n) in [(0.0, no), (1.0, yes)] {
    ///         let n_f = n as f64;
    ///         aware.merge(&WeightedMoments::constant(value, n, n_f * w, n_f * w * w));
    ///     }
    /// }
    /// assert_eq!(aware.n(), 200);
    /// // R survey: svymean(~aware, postStratify(svydesign(ids = ~1, probs = ~1, data = smp),
    /// // ~stratum, pop)) (tests/data/weights_r.csv)
    /// assert!((aware.mean().expect("weights > 0") - 0.57091836734693879).abs() < 1e-9);
    ///
    /// // No respondents, or no weight, is the empty accumulator.
    /// assert_eq!(WeightedMoments::constant(80.0, 0, 0.0, 0.0), WeightedMoments::new());
    /// # Ok::<(), wenjuan::stats::StatsError>(())
    /// ```
    pub fn constant(value: f64, n: u64, sum_w: f64, sum_w2: f64) -> Self {
        if n == 0 || sum_w <= 0.0 {
            return Self::default();
        }
        WeightedMoments {
            n,
            sum_w,
            sum_w2,
            mean: value,
            m2: 0.0,
        }
    }

    /// Adds one respondent's `value` with `weight`. Errors on a negative or non-finite weight
    /// or a non-finite value. A zero weight is accepted and changes nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::{StatsError, WeightedMoments};
    ///
    /// let mut m = WeightedMoments::new();
    /// for (value, weight) in [(1.0, 1.0), (0.0, 1.0), (1.0, 2.0), (0.0, 4.0), (1.0, 0.0)] {
    ///     m.add(value, weight)?;
    /// }
    /// // By hand: mean (1 + 2)/8 = 3/8; Kish n_eff = 8²/(1 + 1 + 4 + 16) = 64/22.
    /// assert!((m.mean().expect("weights > 0") - 3.0 / 8.0).abs() < 1e-9);
    /// assert!((m.effective_size().expect("weights > 0") - 64.0 / 22.0).abs() < 1e-9);
    /// assert_eq!(m.n(), 4); // the zero weight is not counted
    ///
    /// assert_eq!(m.add(1.0, -1.0), Err(StatsError::InvalidWeight(-1.0)));
    /// assert_eq!(m.add(f64::INFINITY, 1.0), Err(StatsError::InvalidValue(f64::INFINITY)));
    /// # Ok::<(), StatsError>(())
    /// ```
    pub fn add(&mut self, value: f64, weight: f64) -> Result<(), StatsError> {
        if !(weight.is_finite() && weight >= 0.0) {
            return Err(StatsError::InvalidWeight(weight));
        }
        if !value.is_finite() {
            return Err(StatsError::InvalidValue(value));
        }
        if weight == 0.0 {
            return Ok(());
        }
        self.merge(&WeightedMoments {
            n: 1,
            sum_w: weight,
            sum_w2: weight * weight,
            mean: value,
            m2: 0.0,
        });
        Ok(())
    }

    /// Combines another accumulator into this one.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::{StatsError, WeightedMoments};
    ///
    /// // The "ten" scores of tests/data/mean_vectors.csv in two halves, all with weight 2.
    /// let (mut a, mut b) = (WeightedMoments::new(), WeightedMoments::new());
    /// for v in [100.0, 80.0, 80.0, 60.0, 100.0] {
    ///     a.add(v, 2.0)?;
    /// }
    /// for v in [40.0, 80.0, 60.0, 20.0, 100.0] {
    ///     b.add(v, 2.0)?;
    /// }
    /// a.merge(&b);
    /// // Equal weights give the unweighted figures: mean 72, s² = 6560/9 (by hand; R
    /// // svymean's SE 8.5374989832437986 = s/√10, tests/data/mean_fpc_r.csv).
    /// assert_eq!((a.n(), a.sum_weights()), (10, 20.0));
    /// assert!((a.mean().expect("weights > 0") - 72.0).abs() < 1e-9);
    /// assert!((a.variance().expect("n_eff > 1") - 6560.0 / 9.0).abs() < 1e-9);
    /// # Ok::<(), StatsError>(())
    /// ```
    pub fn merge(&mut self, other: &WeightedMoments) {
        if other.sum_w == 0.0 {
            return;
        }
        if self.sum_w == 0.0 {
            *self = *other;
            return;
        }
        let sum_w = self.sum_w + other.sum_w;
        let delta = other.mean - self.mean;
        self.mean += delta * (other.sum_w / sum_w);
        self.m2 += other.m2 + delta * delta * (self.sum_w * other.sum_w / sum_w);
        self.sum_w = sum_w;
        self.sum_w2 += other.sum_w2;
        self.n += other.n;
    }

    /// Number of respondents with a positive weight.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::{StatsError, WeightedMoments};
    ///
    /// let mut m = WeightedMoments::new();
    /// m.add(80.0, 1.5)?;
    /// m.add(60.0, 0.0)?;
    /// assert_eq!(m.n(), 1);
    /// # Ok::<(), StatsError>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Σw.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::{WeightedMoments, post_stratification_weights};
    ///
    /// let weights = post_stratification_weights(
    ///     &[40, 60, 70, 30],
    ///     &[120_000.0, 80_000.0, 50_000.0, 30_000.0],
    /// )?;
    /// let mut m = WeightedMoments::new();
    /// for (&w, n) in weights.iter().zip([40u64, 60, 70, 30]) {
    ///     let n_f = n as f64;
    ///     m.merge(&WeightedMoments::constant(1.0, n, n_f * w, n_f * w * w));
    /// }
    /// // Post-stratification weights average 1 over respondents: Σw = n = 200.
    /// assert!((m.sum_weights() - 200.0).abs() < 1e-9);
    /// # Ok::<(), wenjuan::stats::StatsError>(())
    /// ```
    pub fn sum_weights(&self) -> f64 {
        self.sum_w
    }

    /// Weighted mean Σw·y/Σw; None when no positive weight was added.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::{StatsError, WeightedMoments};
    ///
    /// let mut m = WeightedMoments::new();
    /// m.add(100.0, 3.0)?;
    /// m.add(60.0, 1.0)?;
    /// // (3·100 + 1·60)/4 = 90, by hand.
    /// assert!((m.mean().expect("weights > 0") - 90.0).abs() < 1e-9);
    ///
    /// let mut zero = WeightedMoments::new();
    /// zero.add(100.0, 0.0)?;
    /// assert_eq!(zero.mean(), None);
    /// # Ok::<(), StatsError>(())
    /// ```
    pub fn mean(&self) -> Option<f64> {
        (self.sum_w > 0.0).then_some(self.mean)
    }

    /// Kish's effective sample size (Σw)²/Σw²; None when no positive weight was added.
    /// Equal weights give n; unequal weights give less.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::{WeightedMoments, post_stratification_weights};
    ///
    /// let weights = post_stratification_weights(
    ///     &[40, 60, 70, 30],
    ///     &[120_000.0, 80_000.0, 50_000.0, 30_000.0],
    /// )?;
    /// let mut m = WeightedMoments::new();
    /// for (&w, n) in weights.iter().zip([40u64, 60, 70, 30]) {
    ///     let n_f = n as f64;
    ///     m.merge(&WeightedMoments::constant(1.0, n, n_f * w, n_f * w * w));
    /// }
    /// // make_reference.py: w.sum()**2 / (w**2).sum() (tests/data/weights_ref.csv)
    /// assert!((m.effective_size().expect("weights > 0") - 147.262969588551).abs() < 1e-9);
    ///
    /// // Equal weights: n_eff = n.
    /// let equal = WeightedMoments::constant(1.0, 200, 500.0, 200.0 * 2.5 * 2.5);
    /// assert!((equal.effective_size().expect("weights > 0") - 200.0).abs() < 1e-9);
    /// # Ok::<(), wenjuan::stats::StatsError>(())
    /// ```
    pub fn effective_size(&self) -> Option<f64> {
        (self.sum_w > 0.0).then(|| self.sum_w * self.sum_w / self.sum_w2)
    }

    /// Weighted variance Σw(y−ȳ)²/Σw scaled by n_eff/(n_eff−1), which with equal weights is
    /// the ordinary sample variance; None unless n_eff > 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::{StatsError, WeightedMoments};
    ///
    /// // The "two" scores of tests/data/mean_vectors.csv with equal weights: the ordinary
    /// // s² = 800 (by hand; R svymean with fpc N = 3 gives SE 11.547005383792516 =
    /// // sqrt((1 − 2/3)·800/2), tests/data/mean_fpc_r.csv).
    /// let mut m = WeightedMoments::new();
    /// m.add(100.0, 0.7)?;
    /// m.add(60.0, 0.7)?;
    /// assert!((m.variance().expect("n_eff > 1") - 800.0).abs() < 1e-9);
    ///
    /// // A single respondent (n_eff = 1): no variance.
    /// let mut one = WeightedMoments::new();
    /// one.add(80.0, 2.5)?;
    /// assert_eq!(one.variance(), None);
    /// # Ok::<(), StatsError>(())
    /// ```
    pub fn variance(&self) -> Option<f64> {
        let n_eff = self.effective_size()?;
        (n_eff > 1.0).then(|| (self.m2 / self.sum_w).max(0.0) * n_eff / (n_eff - 1.0))
    }
}

/// A weighted estimate with the Kish effective sample size its interval was computed at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeightedEstimate {
    pub estimate: Estimate,
    pub n_eff: f64,
}

/// Weighted share of "yes" answers: `moments` must hold values 0 (no) and 1 (yes).
///
/// The estimate is Σw·y/Σw. The interval is the unweighted `method` applied at Kish's
/// effective sample size `n_eff = (Σw)²/Σw²` with `x* = p·n_eff` "yes" answers
/// ([`proportion_interval`] accepts fractional counts), so unequal weights widen it as a
/// smaller simple random sample would. This is the design-effect approach (Kish 1965) for
/// post-stratification weights; it ignores the variance reduction post-stratification can
/// bring, so it is conservative when strata differ strongly. No finite population
/// correction is applied. With equal weights it is exactly the unweighted interval.
///
/// None when no respondent has a positive weight, or when the mean is not a share in [0, 1].
///
/// # Examples
///
/// The share "aware" in `tests/data/weights_sample.csv`, post-stratified to
/// `tests/data/weights_population.csv`:
///
/// ```
/// use wenjuan::stats::{
///     CiMethod, Confidence, WeightedMoments, post_stratification_weights, weighted_proportion,
/// };
///
/// let weights = post_stratification_weights(
///     &[40, 60, 70, 30],
///     &[120_000.0, 80_000.0, 50_000.0, 30_000.0],
/// )?;
/// // (no, yes) per stratum in tests/data/weights_sample.csv
/// let answers = [(8u64, 32u64), (30, 30), (45, 25), (24, 6)];
/// let mut aware = WeightedMoments::new();
/// for (&w, &(no, yes)) in weights.iter().zip(&answers) {
///     for (value, n) in [(0.0, no), (1.0, yes)] {
///         let n_f = n as f64;
///         aware.merge(&WeightedMoments::constant(value, n, n_f * w, n_f * w * w));
///     }
/// }
///
/// let e = weighted_proportion(&aware, CiMethod::Wilson, Confidence::P95)
///     .expect("weights > 0, values 0/1");
/// // make_reference.py: statsmodels proportion_confint(p·n_eff, n_eff, alpha=0.05,
/// // method="wilson") at Kish's n_eff (tests/data/weights_ref.csv)
/// assert!((e.n_eff - 147.262969588551).abs() < 1e-9);
/// assert!((e.estimate.estimate - 0.5709183673469389).abs() < 1e-9);
/// assert!((e.estimate.low - 0.4901785954405739).abs() < 1e-9);
/// assert!((e.estimate.high - 0.6480522887741069).abs() < 1e-9);
///
/// // Not a share: no estimate.
/// let score = WeightedMoments::constant(80.0, 3, 3.0, 3.0);
/// assert_eq!(weighted_proportion(&score, CiMethod::Wilson, Confidence::P95), None);
/// # Ok::<(), wenjuan::stats::StatsError>(())
/// ```
pub fn weighted_proportion(
    moments: &WeightedMoments,
    method: CiMethod,
    conf: Confidence,
) -> Option<WeightedEstimate> {
    let p = moments.mean()?;
    let n_eff = moments.effective_size()?;
    if !(0.0..=1.0).contains(&p) {
        return None;
    }
    let ci = proportion_interval(p * n_eff, n_eff, method, conf)?;
    Some(WeightedEstimate {
        estimate: Estimate {
            estimate: p,
            low: ci.low,
            high: ci.high,
        },
        n_eff,
    })
}

/// Weighted mean Σw·y/Σw with the t interval applied at Kish's effective sample size:
/// `ȳ_w ± t(n_eff − 1)·s_w/√n_eff`, where `s_w²` is [`WeightedMoments::variance`]. With equal
/// weights this is exactly the unweighted interval of [`crate::stats::mean_interval`]. No
/// finite population correction is applied.
///
/// None when no respondent has a positive weight; when `n_eff ≤ 1` (a single effective
/// respondent) the bounds are NaN, as for an unweighted mean of one value.
///
/// # Examples
///
/// The mean score in `tests/data/weights_sample.csv`, post-stratified to
/// `tests/data/weights_population.csv`:
///
/// ```
/// use wenjuan::stats::{
///     Confidence, WeightedMoments, post_stratification_weights, weighted_mean_interval,
/// };
///
/// let weights = post_stratification_weights(
///     &[40, 60, 70, 30],
///     &[120_000.0, 80_000.0, 50_000.0, 30_000.0],
/// )?;
/// // Respondents per score 100, 80, 60, 40, 20 in each stratum of tests/data/weights_sample.csv
/// let counts = [
///     [12u64, 11, 10, 3, 4],
///     [19, 20, 11, 6, 4],
///     [13, 21, 24, 7, 5],
///     [4, 7, 9, 7, 3],
/// ];
/// let mut score = WeightedMoments::new();
/// for (&w, row) in weights.iter().zip(&counts) {
///     for (value, &n) in [100.0, 80.0, 60.0, 40.0, 20.0].into_iter().zip(row) {
///         let n_f = n as f64;
///         score.merge(&WeightedMoments::constant(value, n, n_f * w, n_f * w * w));
///     }
/// }
///
/// let e = weighted_mean_interval(&score, Confidence::P95).expect("weights > 0");
/// // R survey postStratify + svymean: 71.006802721088434 (tests/data/weights_r.csv);
/// // make_reference.py: mean ± scipy t.isf(0.025, n_eff − 1)·sqrt(var/n_eff)
/// // (tests/data/weights_ref.csv)
/// assert!((e.estimate.estimate - 71.006802721088434).abs() < 1e-9);
/// assert!((e.estimate.low - 67.00419863706905).abs() < 1e-9);
/// assert!((e.estimate.high - 75.00940680510779).abs() < 1e-9);
/// assert!((e.n_eff - 147.262969588551).abs() < 1e-9);
///
/// // One respondent: the mean, NaN bounds.
/// let mut one = WeightedMoments::new();
/// one.add(80.0, 2.5)?;
/// let e = weighted_mean_interval(&one, Confidence::P95).expect("weight > 0");
/// assert_eq!((e.estimate.estimate, e.n_eff), (80.0, 1.0));
/// assert!(e.estimate.low.is_nan() && e.estimate.high.is_nan());
/// assert_eq!(weighted_mean_interval(&WeightedMoments::new(), Confidence::P95), None);
/// # Ok::<(), wenjuan::stats::StatsError>(())
/// ```
pub fn weighted_mean_interval(
    moments: &WeightedMoments,
    conf: Confidence,
) -> Option<WeightedEstimate> {
    let mean = moments.mean()?;
    let n_eff = moments.effective_size()?;
    let half = match (moments.variance(), t_quantile(conf, n_eff - 1.0)) {
        (Some(variance), Some(t)) => t * (variance / n_eff).sqrt(),
        _ => f64::NAN,
    };
    Some(WeightedEstimate {
        estimate: Estimate {
            estimate: mean,
            low: mean - half,
            high: mean + half,
        },
        n_eff,
    })
}

/// Post-stratification weights, one per stratum: `w_h = (N_h/N) / (n_h/n)`, so that the
/// weighted sample reproduces the population's stratum shares and the weights average 1 over
/// respondents (Σ n_h·w_h = n).
///
/// `sample_counts[h]` is the number of respondents in stratum h; `population[h]` its
/// population size or share (any common scale: only `N_h/N` matters).
///
/// Errors:
/// * `LengthMismatch` when the two slices differ in length;
/// * `InvalidPopulationSize` for a negative or non-finite population entry, or all zero;
/// * `EmptyStratum` when a stratum with population has no respondent — its share cannot be
///   represented, and silently renormalising the others would bias the estimate;
/// * `StratumNotInPopulation` when respondents fall in a stratum with population 0, which
///   means the sample and the population table disagree;
/// * `EmptySample` when there are no respondents at all.
///
/// A stratum that is empty in both gets weight 0 (it has no respondents to weigh).
///
/// # Examples
///
/// ```
/// use wenjuan::stats::{StatsError, post_stratification_weights};
///
/// // 200 respondents in 4 districts of 280 000 people (tests/data/weights_strata.csv,
/// // make_reference.py: (N_h/N)/(n_h/n)): e.g. 40/200 sampled where 120 000/280 000 live.
/// let w = post_stratification_weights(
///     &[40, 60, 70, 30],
///     &[120_000.0, 80_000.0, 50_000.0, 30_000.0],
/// )?;
/// let reference = [2.142857142857143, 0.9523809523809523, 0.5102040816326531, 0.7142857142857143];
/// for (got, want) in w.iter().zip(reference) {
///     assert!((got - want).abs() < 1e-9);
/// }
/// // Shares work as well as sizes (only N_h/N matters).
/// let shares = post_stratification_weights(&[40, 60, 70, 30], &[0.6, 0.4, 0.25, 0.15])?;
/// assert!(shares.iter().zip(&w).all(|(a, b)| (a - b).abs() < 1e-9));
///
/// assert_eq!(
///     post_stratification_weights(&[0, 2], &[1.0, 1.0]),
///     Err(StatsError::EmptyStratum { stratum: 0 })
/// );
/// assert_eq!(
///     post_stratification_weights(&[1, 2], &[0.0, 1.0]),
///     Err(StatsError::StratumNotInPopulation { stratum: 0 })
/// );
/// # Ok::<(), StatsError>(())
/// ```
pub fn post_stratification_weights(
    sample_counts: &[u64],
    population: &[f64],
) -> Result<Vec<f64>, StatsError> {
    if sample_counts.len() != population.len() {
        return Err(StatsError::LengthMismatch {
            expected: sample_counts.len(),
            found: population.len(),
        });
    }
    if let Some((stratum, &size)) = population
        .iter()
        .enumerate()
        .find(|&(_, &size)| !(size.is_finite() && size >= 0.0))
    {
        return Err(StatsError::InvalidPopulationSize { stratum, size });
    }
    let n: u64 = sample_counts.iter().sum();
    if n == 0 {
        return Err(StatsError::EmptySample);
    }
    let big_n: f64 = population.iter().sum();
    if big_n <= 0.0 {
        return Err(StatsError::InvalidPopulationSize {
            stratum: 0,
            size: big_n,
        });
    }
    sample_counts
        .iter()
        .zip(population)
        .enumerate()
        .map(|(stratum, (&n_h, &big_n_h))| match (n_h, big_n_h > 0.0) {
            (0, true) => Err(StatsError::EmptyStratum { stratum }),
            (0, false) => Ok(0.0),
            (_, false) => Err(StatsError::StratumNotInPopulation { stratum }),
            (_, true) => Ok((big_n_h / big_n) / (n_h as f64 / n as f64)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kish_effective_size() {
        let mut m = WeightedMoments::new();
        for (v, w) in [(1.0, 1.0), (0.0, 1.0), (1.0, 2.0), (0.0, 4.0)] {
            assert_eq!(m.add(v, w), Ok(()));
        }
        // (1+1+2+4)² / (1+1+4+16) = 64/22.
        assert!((m.effective_size().unwrap_or(0.0) - 64.0 / 22.0).abs() < 1e-15);
        assert!((m.mean().unwrap_or(0.0) - 3.0 / 8.0).abs() < 1e-15);
        assert_eq!(m.n(), 4);
        assert_eq!(m.add(1.0, -1.0), Err(StatsError::InvalidWeight(-1.0)));
        assert!(matches!(m.add(f64::NAN, 1.0), Err(StatsError::InvalidValue(v)) if v.is_nan()));
    }

    #[test]
    fn empty_and_single() {
        let m = WeightedMoments::new();
        assert_eq!(
            weighted_proportion(&m, CiMethod::Wilson, Confidence::P95),
            None
        );
        assert_eq!(weighted_mean_interval(&m, Confidence::P95), None);
        let mut one = WeightedMoments::new();
        assert_eq!(one.add(80.0, 2.5), Ok(()));
        let e = weighted_mean_interval(&one, Confidence::P95);
        assert!(
            matches!(e, Some(e) if e.estimate.estimate == 80.0 && e.estimate.low.is_nan() && e.n_eff == 1.0)
        );
    }

    #[test]
    fn post_stratification_errors() {
        assert_eq!(
            post_stratification_weights(&[1, 2], &[1.0]),
            Err(StatsError::LengthMismatch {
                expected: 2,
                found: 1
            })
        );
        assert_eq!(
            post_stratification_weights(&[0, 2], &[1.0, 1.0]),
            Err(StatsError::EmptyStratum { stratum: 0 })
        );
        assert_eq!(
            post_stratification_weights(&[1, 2], &[0.0, 1.0]),
            Err(StatsError::StratumNotInPopulation { stratum: 0 })
        );
        assert_eq!(
            post_stratification_weights(&[0, 0], &[1.0, 1.0]),
            Err(StatsError::EmptySample)
        );
        assert_eq!(
            post_stratification_weights(&[0, 4], &[0.0, 7.0]),
            Ok(vec![0.0, 1.0])
        );
        assert!(post_stratification_weights(&[1, 1], &[-1.0, 2.0]).is_err());
        // 10 of 40 sampled from a stratum holding half the population: weight 2.
        let w = post_stratification_weights(&[10, 30], &[500.0, 500.0]).unwrap_or_default();
        assert_eq!(w.len(), 2);
        assert!((w[0] - 2.0).abs() < 1e-15 && (w[1] - 2.0 / 3.0).abs() < 1e-15);
    }
}
