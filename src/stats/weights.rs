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
    pub fn new() -> Self {
        Self::default()
    }

    /// Respondents who all share `value`: `n` of them with weights summing to `sum_w`, their
    /// squares to `sum_w2`. Lets a caller aggregate by answer level first and merge the levels,
    /// which gives the same moments as adding the respondents one by one.
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
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Σw.
    pub fn sum_weights(&self) -> f64 {
        self.sum_w
    }

    /// Weighted mean Σw·y/Σw; None when no positive weight was added.
    pub fn mean(&self) -> Option<f64> {
        (self.sum_w > 0.0).then_some(self.mean)
    }

    /// Kish's effective sample size (Σw)²/Σw²; None when no positive weight was added.
    /// Equal weights give n; unequal weights give less.
    pub fn effective_size(&self) -> Option<f64> {
        (self.sum_w > 0.0).then(|| self.sum_w * self.sum_w / self.sum_w2)
    }

    /// Weighted variance Σw(y−ȳ)²/Σw scaled by n_eff/(n_eff−1), which with equal weights is
    /// the ordinary sample variance; None unless n_eff > 1.
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
