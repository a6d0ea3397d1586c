//! Sample-size planning: Cochran's required sample size and the margin of error achieved.

use crate::stats::{Confidence, StatsError, z_quantile};

/// Cochran's sample size for an infinite population, `n0 = z²·p(1−p)/e²`, unrounded.
///
/// `margin` is the absolute half-width wanted (0.05 = ±5 points), `p` the anticipated share
/// (0.5 is the conservative choice). Errors when `margin` is not in (0, 1) or `p` not in (0, 1).
pub fn cochran_n0(conf: Confidence, margin: f64, p: f64) -> Result<f64, StatsError> {
    if !(margin > 0.0 && margin < 1.0) {
        return Err(StatsError::InvalidMargin(margin));
    }
    if !(p > 0.0 && p < 1.0) {
        return Err(StatsError::InvalidShare(p));
    }
    let z = z_quantile(conf);
    Ok(z * z * p * (1.0 - p) / (margin * margin))
}

/// Required sample size: Cochran's `n0`, with the finite population correction
/// `n = n0 / (1 + (n0 − 1)/N)` when the population size `N` is known, rounded up.
///
/// Rounding up treats values within 1e-9 (relative) of an integer as that integer, so that a
/// result that is an integer in exact arithmetic is not pushed up by floating-point noise.
/// The result never exceeds `N`. Errors as [`cochran_n0`], plus `N = 0`.
///
/// Textbook check: ±5 points at 95 % with p = 0.5 needs 385 (n0 = 384.15…).
pub fn required_sample_size(
    conf: Confidence,
    margin: f64,
    p: f64,
    population_size: Option<u64>,
) -> Result<u64, StatsError> {
    let n0 = cochran_n0(conf, margin, p)?;
    let n = match population_size {
        Some(0) => return Err(StatsError::EmptyPopulation),
        Some(population) => n0 / (1.0 + (n0 - 1.0) / population as f64),
        None => n0,
    };
    let nearest = n.round();
    let rounded = if (n - nearest).abs() <= 1e-9 * n.max(1.0) {
        nearest
    } else {
        n.ceil()
    };
    // `as` saturates; n is finite and positive because margin > 0 and 0 < p < 1.
    let rounded = rounded as u64;
    Ok(population_size.map_or(rounded, |population| rounded.min(population)))
}

/// Margin of error (half-width of the Wald interval) achieved by a sample of `n` for a share
/// `p`: `z·sqrt(p(1−p)/n · (N−n)/(N−1))`, without the last factor when `N` is unknown.
///
/// `n = N` (a census) gives 0. Errors when `n = 0`, `p` is outside [0, 1] or `N < n`.
pub fn margin_of_error(
    conf: Confidence,
    p: f64,
    n: u64,
    population_size: Option<u64>,
) -> Result<f64, StatsError> {
    if !(0.0..=1.0).contains(&p) {
        return Err(StatsError::InvalidShare(p));
    }
    if n == 0 {
        return Err(StatsError::EmptySample);
    }
    let fpc = match population_size {
        Some(population) if population < n => {
            return Err(StatsError::PopulationSmallerThanSample {
                population,
                sample: n,
            });
        }
        // Also covers N = n = 1, where (N−n)/(N−1) would be 0/0.
        Some(population) if population == n => 0.0,
        Some(population) => (population - n) as f64 / (population - 1) as f64,
        None => 1.0,
    };
    Ok(z_quantile(conf) * (p * (1.0 - p) / n as f64 * fpc).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_cases() {
        let c = Confidence::P95;
        assert_eq!(required_sample_size(c, 0.05, 0.5, None), Ok(385));
        assert_eq!(required_sample_size(c, 0.05, 0.5, Some(1)), Ok(1));
        assert_eq!(margin_of_error(c, 0.5, 10, Some(10)), Ok(0.0));
        assert_eq!(margin_of_error(c, 0.5, 1, Some(1)), Ok(0.0));
        assert_eq!(
            margin_of_error(c, 0.5, 0, None),
            Err(StatsError::EmptySample)
        );
        assert!(required_sample_size(c, 0.0, 0.5, None).is_err());
        assert!(required_sample_size(c, 0.05, 1.0, None).is_err());
        assert_eq!(
            required_sample_size(c, 0.05, 0.5, Some(0)),
            Err(StatsError::EmptyPopulation)
        );
        assert!(margin_of_error(c, 0.5, 11, Some(10)).is_err());
    }
}
