//! Sample-size planning: Cochran's required sample size and the margin of error achieved.

use crate::stats::{Confidence, StatsError, z_quantile};

/// Cochran's sample size for an infinite population, `n0 = z²·p(1−p)/e²`, unrounded.
///
/// `margin` is the absolute half-width wanted (0.05 = ±5 points), `p` the anticipated share
/// (0.5 is the conservative choice). Errors when `margin` is not in (0, 1) or `p` not in (0, 1).
///
/// # Examples
///
/// ```
/// use wenjuan::stats::{Confidence, StatsError, cochran_n0};
///
/// let n0 = cochran_n0(Confidence::P95, 0.05, 0.5)?;
/// // make_reference.py: norm.isf(0.025)² · 0.25 / 0.05² (tests/data/sample_size.csv)
/// assert!((n0 - 384.14588206941244).abs() < 1e-9);
/// // Textbooks round z to 1.96: 1.96² · 0.25 / 0.05² = 384.16.
/// assert!((n0 - 384.16).abs() < 0.02);
///
/// assert_eq!(
///     cochran_n0(Confidence::P95, 0.05, 1.0),
///     Err(StatsError::InvalidShare(1.0))
/// );
/// assert_eq!(
///     cochran_n0(Confidence::P95, 0.0, 0.5),
///     Err(StatsError::InvalidMargin(0.0))
/// );
/// # Ok::<(), StatsError>(())
/// ```
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
///
/// # Examples
///
/// ```
/// use wenjuan::stats::{Confidence, StatsError, required_sample_size};
///
/// let c = Confidence::P95;
/// // The textbook case: ±5 points at 95 % with p = 0.5.
/// assert_eq!(required_sample_size(c, 0.05, 0.5, None), Ok(385));
/// // With N known, n0/(1 + (n0 − 1)/N) rounded up (tests/data/sample_size.csv):
/// // N = 400 gives 196.21 → 197; N = 12 gives 11.67 → 12, the whole population.
/// assert_eq!(required_sample_size(c, 0.05, 0.5, Some(400)), Ok(197));
/// assert_eq!(required_sample_size(c, 0.05, 0.5, Some(12)), Ok(12));
/// // A population of one needs one answer; a population of none is an error.
/// assert_eq!(required_sample_size(c, 0.05, 0.5, Some(1)), Ok(1));
/// assert_eq!(
///     required_sample_size(c, 0.05, 0.5, Some(0)),
///     Err(StatsError::EmptyPopulation)
/// );
/// ```
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
///
/// # Examples
///
/// ```
/// use wenjuan::stats::{Confidence, StatsError, margin_of_error};
///
/// let c = Confidence::P95;
/// // make_reference.py: norm.isf(0.025) · sqrt(p(1−p)/n · (N−n)/(N−1))
/// // (tests/data/margin.csv)
/// let e = margin_of_error(c, 0.5, 385, None)?;
/// assert!((e - 0.04994450700198681).abs() < 1e-9); // the textbook ±5 points
/// let e = margin_of_error(c, 0.5, 196, Some(400))?;
/// assert!((e - 0.05005168417889434).abs() < 1e-9);
/// // n = 1: z · sqrt(0.25) = 0.979981992270027.
/// assert!((margin_of_error(c, 0.5, 1, None)? - 0.979981992270027).abs() < 1e-9);
/// // A census, or a share of 0, has no sampling error.
/// assert_eq!(margin_of_error(c, 0.5, 50, Some(50)), Ok(0.0));
/// assert_eq!(margin_of_error(c, 0.0, 385, None), Ok(0.0));
///
/// assert_eq!(margin_of_error(c, 0.5, 0, None), Err(StatsError::EmptySample));
/// assert_eq!(
///     margin_of_error(c, 0.5, 11, Some(10)),
///     Err(StatsError::PopulationSmallerThanSample { population: 10, sample: 11 })
/// );
/// # Ok::<(), StatsError>(())
/// ```
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
