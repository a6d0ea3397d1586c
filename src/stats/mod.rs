//! Survey statistics for wenjuan: shares and means with confidence intervals, sample sizes,
//! weighting, group comparisons and scale reliability.
//!
//! Every public figure here is checked against reference values from established
//! implementations (statsmodels/scipy, R `survey`/`psych`); see `tests/stats_reference.rs` and the
//! generator scripts in `tests/data/`. Quantiles and CDFs come from `statrs` only.
//!
//! # Float tolerances in tests
//!
//! One policy for every test of this module (unit tests, `tests/stats_reference.rs` and the
//! `# Examples` doctests):
//!
//! * **Conventions are exact.** What a function *defines* rather than computes is asserted
//!   with `==`: a bound of exactly 0 at 0 of n and exactly 1 at n of n, the collapsed
//!   `[p, p]` / `[mean, mean]` interval of a census, `None`, `NaN` bounds for one
//!   observation, error variants, and integer results (required sample size, degrees of
//!   freedom, counts).
//! * **Against a reference: 1e-9 absolute.** Every computed figure compared with
//!   statsmodels/scipy or R must agree within `1e-9` (`TOL` in `tests/stats_reference.rs`).
//!   The `# Examples` use the same bound, with values from the same `tests/data/*.csv` (or
//!   worked by hand, e.g. s² = 6560/9), and name their source in a comment; a few unit tests
//!   check 16-digit published critical values tighter, to 1e-12. The references are
//!   written with round-trip precision, so the tolerance only absorbs different algorithms
//!   (statrs against scipy/Boost quantiles): the largest differences actually seen are a few
//!   ulps of the value for closed-form figures (≤ 5e-13 on values up to ~750) and ≤ 2.5e-12
//!   for those that invert a beta or t CDF (`cargo test --test stats_reference --
//!   --nocapture` prints them).
//! * **Relative 1e-9 where the scale varies.** Figures spanning orders of magnitude are
//!   compared as the ratio `got / want` against 1 within `1e-9`: t critical values for
//!   df ≤ 10⁵ (636 619.77 at df = 1), and chi-square p-values (down to 1e-34) in addition to
//!   the absolute check. Two looser, documented exceptions: t critical values beyond 10⁵ df
//!   within `1e-5` relative (statrs's t CDF, see [`t_quantile`]), and the formula for R's
//!   `svyciprop` effective sample size against the value R reports, `1e-7` relative.
//! * **Identities: as tight as the arithmetic allows.** A figure compared with the same
//!   quantity computed another way (a merge against single adds, counted patterns against
//!   repeated rows, Kish's n_eff against its fraction) uses `1e-12` to `1e-15`; mostly `1e-9`
//!   where a side inverts a CDF (x ↔ n − x symmetry, equal weights against the unweighted interval,
//!   an astronomically large N against no FPC); and a bound scaled to the data for the
//!   accumulators (`1e-10` for a variance of 480, `1e-6` for values offset by 1e9, whose
//!   ulp is 1.2e-7).
//! * **Rounded textbook figures: half a unit in the last printed digit**, e.g. `5e-5` for a
//!   bound printed as 0.2553 (or 25.53 %).

pub mod anova;
pub mod compare;
pub mod design;
pub mod mean;
pub mod proportion;
pub mod rake;
pub mod reliability;
pub mod sample_size;
pub mod tukey;
pub mod weights;

use std::fmt;
use std::str::FromStr;

use statrs::distribution::{Beta, ContinuousCDF, Normal, StudentsT};
use statrs::statistics::{Max, Min};

pub use anova::{
    FTest, PairwiseDifference, TTest, games_howell, oneway_anova, tukey_kramer, welch_anova,
    welch_t_test,
};
pub use compare::{
    ChiSquareTest, chi_square_independence, difference_interval, proportion_difference,
};
pub use mean::{Moments, mean_interval};
pub use proportion::{net_promoter_score, proportion, proportion_interval};
pub use reliability::{
    ItemStats, Reliability, cronbach_alpha, cronbach_alpha_counted, feldt_interval,
};
pub use sample_size::{cochran_n0, margin_of_error, required_sample_size};
pub use tukey::{ptukey, ptukey_upper, qtukey};
pub use weights::{
    WeightedEstimate, WeightedMoments, post_stratification_weights, weighted_mean_interval,
    weighted_proportion,
};

/// How a confidence interval for a binomial share is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CiMethod {
    /// Wilson score interval (the recommended default for survey shares).
    Wilson,
    /// Clopper–Pearson "exact" interval from beta quantiles.
    Exact,
    /// Jeffreys interval: equal-tailed beta(x+½, n−x+½) posterior interval.
    Jeffreys,
    /// Agresti–Coull "add z²/2 successes and failures" interval.
    AgrestiCoull,
    /// Wald (normal approximation) interval; collapses at 0 and n.
    Wald,
}

impl CiMethod {
    /// All methods, in the order the CLI lists them.
    pub const ALL: [CiMethod; 5] = [
        CiMethod::Wilson,
        CiMethod::Exact,
        CiMethod::Jeffreys,
        CiMethod::AgrestiCoull,
        CiMethod::Wald,
    ];

    /// The CLI spelling of the method.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::CiMethod;
    ///
    /// assert_eq!(CiMethod::AgrestiCoull.name(), "agresti-coull");
    /// // Display prints the same spelling, and it parses back.
    /// for m in CiMethod::ALL {
    ///     assert_eq!(m.to_string(), m.name());
    ///     assert_eq!(m.name().parse::<CiMethod>(), Ok(m));
    /// }
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            CiMethod::Wilson => "wilson",
            CiMethod::Exact => "exact",
            CiMethod::Jeffreys => "jeffreys",
            CiMethod::AgrestiCoull => "agresti-coull",
            CiMethod::Wald => "wald",
        }
    }
}

impl fmt::Display for CiMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for CiMethod {
    type Err = StatsError;

    /// Parses the CLI spelling (case-insensitive, surrounding blanks ignored).
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::{CiMethod, StatsError};
    ///
    /// assert_eq!(" Wilson ".parse::<CiMethod>(), Ok(CiMethod::Wilson));
    /// assert_eq!("exact".parse::<CiMethod>(), Ok(CiMethod::Exact));
    /// // statsmodels' name for Clopper–Pearson is not a CLI spelling.
    /// assert_eq!(
    ///     "beta".parse::<CiMethod>(),
    ///     Err(StatsError::UnknownMethod("beta".to_string()))
    /// );
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        CiMethod::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| StatsError::UnknownMethod(s.to_string()))
    }
}

/// A confidence interval `[low, high]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// A point estimate with its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
}

impl Estimate {
    /// The interval part of the estimate.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::{CiMethod, Confidence, proportion};
    ///
    /// let e = proportion(105, 285, CiMethod::Wilson, Confidence::P95, None)?
    ///     .expect("n > 0 gives an estimate");
    /// let ci = e.interval();
    /// // statsmodels proportion_confint(105, 285, alpha=0.05, method="wilson")
    /// // (tests/data/proportion_ci.csv)
    /// assert!((ci.low - 0.31451407600141235).abs() < 1e-9);
    /// assert!((ci.high - 0.42582790846918195).abs() < 1e-9);
    /// assert_eq!((ci.low, ci.high), (e.low, e.high));
    /// # Ok::<(), wenjuan::stats::StatsError>(())
    /// ```
    pub fn interval(&self) -> Interval {
        Interval {
            low: self.low,
            high: self.high,
        }
    }
}

/// A confidence level strictly between 0 and 1 (e.g. 0.95).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Confidence(f64);

impl Confidence {
    /// The customary 95 % level.
    pub const P95: Confidence = Confidence(0.95);

    /// Validates a level; it must be finite and strictly inside (0, 1).
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::{Confidence, StatsError};
    ///
    /// assert_eq!(Confidence::new(0.95), Ok(Confidence::P95));
    /// // A level is a fraction, not a percentage; 0 and 1 are not levels.
    /// assert_eq!(Confidence::new(95.0), Err(StatsError::InvalidConfidence(95.0)));
    /// assert_eq!(Confidence::new(1.0), Err(StatsError::InvalidConfidence(1.0)));
    /// assert!(Confidence::new(0.0).is_err());
    /// assert!(Confidence::new(f64::NAN).is_err());
    /// ```
    pub fn new(level: f64) -> Result<Self, StatsError> {
        if level > 0.0 && level < 1.0 {
            Ok(Confidence(level))
        } else {
            Err(StatsError::InvalidConfidence(level))
        }
    }

    /// The level, e.g. 0.95.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::Confidence;
    ///
    /// assert_eq!(Confidence::P95.level(), 0.95);
    /// assert_eq!(Confidence::new(0.9)?.level(), 0.9);
    /// # Ok::<(), wenjuan::stats::StatsError>(())
    /// ```
    pub fn level(self) -> f64 {
        self.0
    }

    /// The two-sided error rate α = 1 − level.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::Confidence;
    ///
    /// // 1 − 0.95 is 0.05 up to the rounding of 0.95 in binary.
    /// assert!((Confidence::P95.alpha() - 0.05).abs() < 1e-15);
    /// assert!((Confidence::new(0.99)?.alpha() - 0.01).abs() < 1e-15);
    /// # Ok::<(), wenjuan::stats::StatsError>(())
    /// ```
    pub fn alpha(self) -> f64 {
        1.0 - self.0
    }
}

impl Default for Confidence {
    /// The 95 % level, [`Confidence::P95`].
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::Confidence;
    ///
    /// assert_eq!(Confidence::default().level(), 0.95);
    /// ```
    fn default() -> Self {
        Confidence::P95
    }
}

impl TryFrom<f64> for Confidence {
    type Error = StatsError;

    /// Same as [`Confidence::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::{Confidence, StatsError};
    ///
    /// assert_eq!(Confidence::try_from(0.95), Ok(Confidence::P95));
    /// assert_eq!(Confidence::try_from(-0.1), Err(StatsError::InvalidConfidence(-0.1)));
    /// ```
    fn try_from(level: f64) -> Result<Self, Self::Error> {
        Confidence::new(level)
    }
}

impl FromStr for Confidence {
    type Err = StatsError;

    /// Parses a level written as a fraction, e.g. `0.95` (surrounding blanks ignored).
    ///
    /// Text that is not a number gives `InvalidConfidence(NaN)`; a number outside (0, 1),
    /// such as a percentage, gives `InvalidConfidence` with that number.
    ///
    /// # Examples
    ///
    /// ```
    /// use wenjuan::stats::{Confidence, StatsError};
    ///
    /// assert_eq!(" 0.95 ".parse::<Confidence>(), Ok(Confidence::P95));
    /// assert_eq!("0.9".parse::<Confidence>().map(Confidence::level), Ok(0.9));
    /// assert_eq!("95".parse::<Confidence>(), Err(StatsError::InvalidConfidence(95.0)));
    /// assert!(matches!(
    ///     "95%".parse::<Confidence>(),
    ///     Err(StatsError::InvalidConfidence(c)) if c.is_nan()
    /// ));
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let level: f64 = s
            .trim()
            .parse()
            .map_err(|_| StatsError::InvalidConfidence(f64::NAN))?;
        Confidence::new(level)
    }
}

/// Two-sided standard-normal critical value z with P(|Z| ≤ z) = conf.
///
/// # Examples
///
/// ```
/// use wenjuan::stats::{Confidence, z_quantile};
///
/// // scipy.stats.norm.isf(0.025) and norm.isf(0.005) (tests/data/critical_values.csv)
/// assert!((z_quantile(Confidence::P95) - 1.959963984540054).abs() < 1e-9);
/// assert!((z_quantile(Confidence::new(0.99)?) - 2.5758293035489004).abs() < 1e-9);
/// # Ok::<(), wenjuan::stats::StatsError>(())
/// ```
pub fn z_quantile(conf: Confidence) -> f64 {
    // Evaluating the lower tail at α/2 and negating avoids forming 1 − α/2, which loses
    // digits for high levels; the standard normal cannot fail to construct.
    let standard = Normal::standard();
    -standard.inverse_cdf(conf.alpha() / 2.0)
}

/// Two-sided Student-t critical value with `df` degrees of freedom; None unless df > 0.
///
/// Uses statrs's Student-t CDF inverted by statrs's generic quantile search (`Bisection`
/// below), because statrs's own `StudentsT::inverse_cdf` loses accuracy for large df
/// (errors of 1e-8 at df = 10⁴, 1e-5 at 10⁵ and 1e-3 at 10⁶ against scipy) and never returns
/// for df ≥ 10⁸. The result is then as good as statrs's t CDF: ≤ 1e-10 relative for
/// df ≤ 10⁵, ~1e-9 at 10⁶, degrading to ~1e-8 at 10⁷ and ~1e-6 at 10⁹ (the ln Γ prefactor of
/// the incomplete beta cancels), sizes no survey reaches.
///
/// # Examples
///
/// ```
/// use wenjuan::stats::{Confidence, t_quantile};
///
/// let c = Confidence::P95;
/// // scipy.stats.t.isf(0.025, 9) and t.isf(0.025, 1) (tests/data/critical_values.csv);
/// // compared relatively, as the values span orders of magnitude.
/// let t9 = t_quantile(c, 9.0).expect("df > 0");
/// assert!((t9 / 2.262157162798205 - 1.0).abs() < 1e-9);
/// let t1 = t_quantile(c, 1.0).expect("df > 0");
/// assert!((t1 / 12.706204736174694 - 1.0).abs() < 1e-9);
/// // No degrees of freedom (a single observation): no critical value.
/// assert_eq!(t_quantile(c, 0.0), None);
/// ```
pub fn t_quantile(conf: Confidence, df: f64) -> Option<f64> {
    // Each quantile is a bisection over the t CDF (a few microseconds of incomplete-beta work);
    // a summary asks for the same few (df, confidence) pairs once per question, thousands of
    // times on a wide export, so answers are remembered.
    type Memo = std::collections::HashMap<(u64, u64), Option<f64>>;
    static MEMO: std::sync::Mutex<Option<Memo>> = std::sync::Mutex::new(None);
    let key = (df.to_bits(), conf.level().to_bits());
    if let Ok(mut guard) = MEMO.lock() {
        let memo = guard.get_or_insert_with(Memo::new);
        if let Some(&q) = memo.get(&key) {
            return q;
        }
        // Bounded: a pathological run with endless distinct df starts afresh.
        if memo.len() > 4096 {
            memo.clear();
        }
        let q = t_quantile_uncached(conf, df);
        memo.insert(key, q);
        return q;
    }
    t_quantile_uncached(conf, df)
}

fn t_quantile_uncached(conf: Confidence, df: f64) -> Option<f64> {
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    Some(-Bisection(dist).inverse_cdf(conf.alpha() / 2.0))
}

/// Quantile of Beta(a, b) at probability `q`; None for invalid shapes or `q` outside [0, 1].
///
/// Like [`t_quantile`] this inverts statrs's Beta CDF with statrs's generic quantile search
/// rather than calling `Beta::inverse_cdf` (AS 64/AS 109 Newton iteration): that routine
/// clamps its starting value to [1e-4, 0.9999], so when one shape is small and the other is
/// ≳ 10⁷ (e.g. 0 or 1 "yes" at the huge effective size of a near-census with finite
/// population correction) its Newton step overflows and it loops forever; it also stops
/// early, with errors up to 2e-10 at n = 10⁵. statrs's CDF is accurate to ≤ 1e-12 in the
/// quantile up to shapes of 10⁸ and ≤ 1e-9 up to 10¹².
pub(crate) fn beta_quantile(a: f64, b: f64, q: f64) -> Option<f64> {
    let dist = Beta::new(a, b).ok()?;
    Bisection(dist).try_inverse_cdf(q).ok()
}

/// Quantile of the F distribution with (df1, df2) degrees of freedom at probability `p`, from the
/// Beta quantile ([`beta_quantile`]): X ~ Beta(df1/2, df2/2) gives F = (df2/df1)·X/(1 − X).
pub(crate) fn f_quantile(df1: f64, df2: f64, p: f64) -> Option<f64> {
    let x = beta_quantile(0.5 * df1, 0.5 * df2, p)?;
    (x < 1.0).then(|| df2 / df1 * x / (1.0 - x))
}

/// A statrs distribution whose quantile is found by statrs's provided
/// `ContinuousCDF::inverse_cdf` (bracketing plus bisection on the distribution's own `cdf`,
/// switching to `sf` in the upper half, to 1e-14 relative or at most 100 halvings), instead of
/// the distribution's specialised inverse. The search always terminates and is as accurate as
/// the CDF itself.
struct Bisection<D>(D);

impl<D: Min<f64>> Min<f64> for Bisection<D> {
    fn min(&self) -> f64 {
        self.0.min()
    }
}

impl<D: Max<f64>> Max<f64> for Bisection<D> {
    fn max(&self) -> f64 {
        self.0.max()
    }
}

impl<D: ContinuousCDF<f64, f64>> ContinuousCDF<f64, f64> for Bisection<D> {
    fn cdf(&self, x: f64) -> f64 {
        self.0.cdf(x)
    }

    fn sf(&self, x: f64) -> f64 {
        self.0.sf(x)
    }
}

/// Rejects a known population size smaller than the sample (sampling is without replacement).
pub(crate) fn check_population(sample: u64, population: Option<u64>) -> Result<(), StatsError> {
    match population {
        Some(population) if population < sample => {
            Err(StatsError::PopulationSmallerThanSample { population, sample })
        }
        _ => Ok(()),
    }
}

/// Input errors the caller should report to the user (as opposed to "no data", which the
/// functions signal with `Ok(None)`).
#[derive(Debug, Clone, PartialEq)]
pub enum StatsError {
    /// Confidence level not strictly between 0 and 1 (NaN when it did not parse).
    InvalidConfidence(f64),
    /// Unknown CI method name.
    UnknownMethod(String),
    /// More "yes" answers than respondents.
    CountExceedsSample { count: u64, sample: u64 },
    /// A known population size smaller than the sample drawn from it.
    PopulationSmallerThanSample { population: u64, sample: u64 },
    /// A margin of error outside (0, 1).
    InvalidMargin(f64),
    /// An anticipated share outside the range the formula accepts.
    InvalidShare(f64),
    /// A sample of size zero where a positive size is required.
    EmptySample,
    /// A population size of zero.
    EmptyPopulation,
    /// A weight that is negative, NaN or infinite.
    InvalidWeight(f64),
    /// A value that is NaN or infinite where a number is required.
    InvalidValue(f64),
    /// Two inputs that must have the same length (strata, table rows, answer rows) do not.
    LengthMismatch { expected: usize, found: usize },
    /// A population size or share that is negative, NaN or infinite (or all zero).
    InvalidPopulationSize { stratum: usize, size: f64 },
    /// A stratum present in the population but without any respondent.
    EmptyStratum { stratum: usize },
    /// Respondents in a stratum whose population size is 0.
    StratumNotInPopulation { stratum: usize },
}

impl fmt::Display for StatsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatsError::InvalidConfidence(c) => {
                write!(f, "confidence level must be between 0 and 1 (got {c})")
            }
            StatsError::UnknownMethod(m) => write!(
                f,
                "unknown interval method {m:?} (expected wilson, exact, jeffreys, agresti-coull or wald)"
            ),
            StatsError::CountExceedsSample { count, sample } => {
                write!(f, "count {count} exceeds sample size {sample}")
            }
            StatsError::PopulationSmallerThanSample { population, sample } => write!(
                f,
                "population size {population} is smaller than sample size {sample}"
            ),
            StatsError::InvalidMargin(e) => {
                write!(f, "margin of error must be between 0 and 1 (got {e})")
            }
            StatsError::InvalidShare(p) => write!(f, "share must be between 0 and 1 (got {p})"),
            StatsError::EmptySample => write!(f, "sample size must be positive"),
            StatsError::EmptyPopulation => write!(f, "population size must be positive"),
            StatsError::InvalidWeight(w) => {
                write!(f, "weight must be a finite non-negative number (got {w})")
            }
            StatsError::InvalidValue(v) => write!(f, "value must be a finite number (got {v})"),
            StatsError::LengthMismatch { expected, found } => {
                write!(f, "expected {expected} entries, found {found}")
            }
            StatsError::InvalidPopulationSize { stratum, size } => write!(
                f,
                "population size of stratum {} must be finite and non-negative, and not all zero (got {size})",
                stratum + 1
            ),
            StatsError::EmptyStratum { stratum } => write!(
                f,
                "stratum {} has population but no respondents; it cannot be weighted",
                stratum + 1
            ),
            StatsError::StratumNotInPopulation { stratum } => write!(
                f,
                "stratum {} has respondents but population size 0",
                stratum + 1
            ),
        }
    }
}

impl std::error::Error for StatsError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_names_round_trip() {
        for m in CiMethod::ALL {
            assert_eq!(m.name().parse::<CiMethod>(), Ok(m));
            assert_eq!(m.to_string(), m.name());
        }
        assert_eq!(
            " Agresti-Coull ".parse::<CiMethod>(),
            Ok(CiMethod::AgrestiCoull)
        );
        assert!("beta".parse::<CiMethod>().is_err());
    }

    #[test]
    fn confidence_is_validated() {
        assert!(Confidence::new(0.95).is_ok());
        for bad in [0.0, 1.0, -0.1, 95.0, f64::NAN, f64::INFINITY] {
            assert!(Confidence::new(bad).is_err(), "{bad} accepted");
        }
        assert_eq!("0.9".parse::<Confidence>().map(Confidence::level), Ok(0.9));
        assert!("ninety".parse::<Confidence>().is_err());
        assert_eq!(Confidence::default(), Confidence::P95);
    }

    #[test]
    fn critical_values() {
        // Textbook values: z(95 %) = 1.959963984540054, t(95 %, 9) = 2.262157162798205.
        assert!((z_quantile(Confidence::P95) - 1.959_963_984_540_054).abs() < 1e-13);
        let t = t_quantile(Confidence::P95, 9.0).unwrap_or(f64::NAN);
        assert!((t - 2.262_157_162_798_205).abs() < 1e-12);
        assert_eq!(t_quantile(Confidence::P95, 0.0), None);
    }
}
