//! Comparing groups: chi-square test of independence and the difference of two shares.

use statrs::distribution::{ChiSquared, ContinuousCDF};

use crate::stats::{CiMethod, Confidence, Estimate, Interval, StatsError, proportion_interval};

/// Result of a Pearson chi-square test of independence on an r×c table of counts.
#[derive(Debug, Clone, PartialEq)]
pub struct ChiSquareTest {
    /// Pearson statistic Σ (O − E)²/E, without continuity correction.
    pub statistic: f64,
    /// Degrees of freedom (r − 1)(c − 1) of the table actually tested.
    pub df: u64,
    /// Upper-tail probability of the statistic under χ²(df).
    pub p_value: f64,
    /// Cramér's V = sqrt(χ² / (n·(min(r, c) − 1))).
    pub cramers_v: f64,
    /// Total count.
    pub n: u64,
    /// Smallest expected count E = row total · column total / n.
    pub min_expected: f64,
    /// Share of cells with E < 5 (the usual threshold for warning that the χ²
    /// approximation may be poor; Cochran's rule asks for at most 20 %).
    pub share_expected_below_5: f64,
    /// Indices of input rows that were all zero and so left out.
    pub dropped_rows: Vec<usize>,
    /// Indices of input columns that were all zero and so left out.
    pub dropped_cols: Vec<usize>,
}

/// Pearson chi-square test of independence (e.g. answer × district).
///
/// `table[i][j]` is the count of row category i and column category j; every row must have
/// the same length, else `Err(StatsError::LengthMismatch)`.
///
/// * Rows and columns whose counts are all zero are dropped before testing (and listed in
///   the result): an empty category carries no information about association, but would
///   give expected counts of 0 (0/0 terms) and inflate the degrees of freedom. scipy's
///   `chi2_contingency` instead refuses such tables, so the references are computed on the
///   reduced table.
/// * No Yates continuity correction, on any table size: the figure reported is the plain
///   Pearson statistic, which is what Cramér's V is defined from and what R's `chisq.test`
///   gives with `correct = FALSE`. Note scipy's `chi2_contingency` applies Yates by default
///   on 2×2 tables (df = 1), so the references use `correction=False`.
/// * `Ok(None)` when fewer than two non-empty rows or columns remain (no test is possible).
///
/// The p-value is the statrs χ² survival function.
///
/// # Examples
///
/// ```
/// use wenjuan::stats::chi_square_independence;
///
/// // scipy.stats.chi2_contingency([[30, 10], [20, 25]], correction=False) and
/// // scipy.stats.contingency.association(..., method="cramer") (tests/data/chi_square.csv)
/// let t = chi_square_independence(&[[30u64, 10], [20, 25]])?.expect("a 2×2 table");
/// assert!((t.statistic - 8.16269841269841).abs() < 1e-9);
/// assert_eq!(t.df, 1);
/// assert!((t.p_value - 0.004276070303601571).abs() < 1e-9);
/// assert!((t.cramers_v - 0.30988989340045603).abs() < 1e-9);
/// assert!((t.min_expected - 16.470588235294116).abs() < 1e-9);
/// assert_eq!((t.n, t.share_expected_below_5), (85, 0.0));
///
/// // Perfect association: χ² = n = 100 and V = 1; p = 1.5239706048320995e-23 (scipy),
/// // compared relatively.
/// let t = chi_square_independence(&[[50u64, 0], [0, 50]])?.expect("a 2×2 table");
/// assert!((t.statistic - 100.0).abs() < 1e-9 && (t.cramers_v - 1.0).abs() < 1e-9);
/// assert!((t.p_value / 1.5239706048320995e-23 - 1.0).abs() < 1e-9);
/// # Ok::<(), wenjuan::stats::StatsError>(())
/// ```
///
/// Empty categories are dropped; too few left means no test:
///
/// ```
/// use wenjuan::stats::{StatsError, chi_square_independence};
///
/// // scipy on the reduced table [[12, 7], [5, 9]] (row 1 is all zero): χ² =
/// // 2.4305755196815575, df = 1, p = 0.118989205532145, V = 0.27139234260883977
/// let t = chi_square_independence(&[[12u64, 7], [0, 0], [5, 9]])?.expect("two rows left");
/// assert_eq!((t.df, t.dropped_rows.as_slice()), (1, &[1][..]));
/// assert!((t.statistic - 2.4305755196815575).abs() < 1e-9);
/// assert!((t.p_value - 0.118989205532145).abs() < 1e-9);
/// assert!((t.cramers_v - 0.27139234260883977).abs() < 1e-9);
///
/// assert_eq!(chi_square_independence(&[[5u64, 3], [0, 0]]), Ok(None));
/// assert_eq!(
///     chi_square_independence(&[vec![1u64, 2], vec![3]]),
///     Err(StatsError::LengthMismatch { expected: 2, found: 1 })
/// );
/// # Ok::<(), StatsError>(())
/// ```
pub fn chi_square_independence<R: AsRef<[u64]>>(
    table: &[R],
) -> Result<Option<ChiSquareTest>, StatsError> {
    let cols = table.first().map_or(0, |r| r.as_ref().len());
    if let Some(row) = table.iter().find(|r| r.as_ref().len() != cols) {
        return Err(StatsError::LengthMismatch {
            expected: cols,
            found: row.as_ref().len(),
        });
    }
    let row_totals: Vec<u64> = table.iter().map(|r| r.as_ref().iter().sum()).collect();
    let col_totals: Vec<u64> = (0..cols)
        .map(|j| table.iter().map(|r| r.as_ref()[j]).sum())
        .collect();
    let kept_rows: Vec<usize> = (0..table.len()).filter(|&i| row_totals[i] > 0).collect();
    let kept_cols: Vec<usize> = (0..cols).filter(|&j| col_totals[j] > 0).collect();
    if kept_rows.len() < 2 || kept_cols.len() < 2 {
        return Ok(None);
    }
    let n: u64 = row_totals.iter().sum();
    let n_f = n as f64;

    let mut statistic = 0.0;
    let mut min_expected = f64::INFINITY;
    let mut below_5 = 0usize;
    for &i in &kept_rows {
        let row = table[i].as_ref();
        for &j in &kept_cols {
            let expected = row_totals[i] as f64 * col_totals[j] as f64 / n_f;
            let diff = row[j] as f64 - expected;
            statistic += diff * diff / expected;
            min_expected = min_expected.min(expected);
            if expected < 5.0 {
                below_5 += 1;
            }
        }
    }
    let (r, c) = (kept_rows.len(), kept_cols.len());
    let df = ((r - 1) * (c - 1)) as u64;
    // df ≥ 1 here, so the distribution always exists; NaN would only flag a statrs change.
    let p_value = ChiSquared::new(df as f64).map_or(f64::NAN, |d| d.sf(statistic));
    let cramers_v = (statistic / (n_f * (r.min(c) - 1) as f64)).sqrt();
    Ok(Some(ChiSquareTest {
        statistic,
        df,
        p_value,
        cramers_v,
        n,
        min_expected,
        share_expected_below_5: below_5 as f64 / (r * c) as f64,
        dropped_rows: (0..table.len()).filter(|&i| row_totals[i] == 0).collect(),
        dropped_cols: (0..cols).filter(|&j| col_totals[j] == 0).collect(),
    }))
}

/// Newcombe's hybrid score interval for the difference of two independent shares p1 − p2
/// (Newcombe 1998, *Statistics in Medicine* 17:873–890, method 10), built from the two
/// Wilson intervals (l1, u1) and (l2, u2):
///
/// ```text
/// low  = (p1 − p2) − sqrt((p1 − l1)² + (u2 − p2)²)
/// high = (p1 − p2) + sqrt((u1 − p1)² + (p2 − l2)²)
/// ```
///
/// Counts may be fractional (effective sizes, e.g. from weighting). None when either group
/// is empty (`n ≤ 0`) or a count lies outside `[0, n]`. This matches statsmodels 0.15
/// `confint_proportions_2indep(..., method="newcomb", compare="diff")`, including 0/n and n/n.
///
/// # Examples
///
/// ```
/// use wenjuan::stats::{Confidence, difference_interval};
///
/// let c = Confidence::P95;
/// // statsmodels confint_proportions_2indep(80, 196, 60, 120, method="newcomb",
/// // compare="diff", alpha=0.05) (tests/data/newcombe.csv)
/// let ci = difference_interval(80.0, 196.0, 60.0, 120.0, c).expect("non-empty groups");
/// assert!((ci.low - -0.2021266374051447).abs() < 1e-9);
/// assert!((ci.high - 0.020614174723235693).abs() < 1e-9);
///
/// // n of n against 0 of n: statsmodels gives (0.6075093504305242, 1.0) for 10/10 − 0/10.
/// let ci = difference_interval(10.0, 10.0, 0.0, 10.0, c).expect("non-empty groups");
/// assert!((ci.low - 0.6075093504305242).abs() < 1e-9);
/// assert!((ci.high - 1.0).abs() < 1e-9);
///
/// // An empty group: no interval.
/// assert_eq!(difference_interval(0.0, 0.0, 1.0, 2.0, c), None);
/// ```
pub fn difference_interval(
    x1: f64,
    n1: f64,
    x2: f64,
    n2: f64,
    conf: Confidence,
) -> Option<Interval> {
    let w1 = proportion_interval(x1, n1, CiMethod::Wilson, conf)?;
    let w2 = proportion_interval(x2, n2, CiMethod::Wilson, conf)?;
    let (p1, p2) = (x1 / n1, x2 / n2);
    let diff = p1 - p2;
    Some(Interval {
        low: diff - (p1 - w1.low).hypot(w2.high - p2),
        high: diff + (w1.high - p1).hypot(p2 - w2.low),
    })
}

/// Difference of two shares `x1/n1 − x2/n2` with the Newcombe interval of
/// [`difference_interval`].
///
/// `Ok(None)` when either group is empty; `Err(StatsError::CountExceedsSample)` when a count
/// exceeds its group size.
///
/// # Examples
///
/// ```
/// use wenjuan::stats::{Confidence, StatsError, proportion_difference};
///
/// let c = Confidence::P95;
/// // statsmodels confint_proportions_2indep(56, 70, 48, 80, method="newcomb",
/// // compare="diff", alpha=0.05) (tests/data/newcombe.csv): 0.8 − 0.6 = 0.2
/// let d = proportion_difference(56, 70, 48, 80, c)?.expect("non-empty groups");
/// assert!((d.estimate - 0.2).abs() < 1e-9);
/// assert!((d.low - 0.05243147240236498).abs() < 1e-9);
/// assert!((d.high - 0.333872654036906).abs() < 1e-9);
///
/// // n = 1 in each group, 1/1 − 0/1: statsmodels gives (-0.12210872068194178, 1.0).
/// let d = proportion_difference(1, 1, 0, 1, c)?.expect("non-empty groups");
/// assert_eq!(d.estimate, 1.0);
/// assert!((d.low - -0.12210872068194178).abs() < 1e-9);
/// assert!((d.high - 1.0).abs() < 1e-9);
///
/// assert_eq!(proportion_difference(0, 0, 1, 2, c), Ok(None));
/// assert_eq!(
///     proportion_difference(3, 2, 0, 1, c),
///     Err(StatsError::CountExceedsSample { count: 3, sample: 2 })
/// );
/// # Ok::<(), StatsError>(())
/// ```
pub fn proportion_difference(
    x1: u64,
    n1: u64,
    x2: u64,
    n2: u64,
    conf: Confidence,
) -> Result<Option<Estimate>, StatsError> {
    for (count, sample) in [(x1, n1), (x2, n2)] {
        if count > sample {
            return Err(StatsError::CountExceedsSample { count, sample });
        }
    }
    let (x1, n1, x2, n2) = (x1 as f64, n1 as f64, x2 as f64, n2 as f64);
    Ok(
        difference_interval(x1, n1, x2, n2, conf).map(|ci| Estimate {
            estimate: x1 / n1 - x2 / n2,
            low: ci.low,
            high: ci.high,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degenerate_tables() {
        let empty: [[u64; 0]; 0] = [];
        assert_eq!(chi_square_independence(&empty), Ok(None));
        assert_eq!(chi_square_independence(&[[3u64, 4]]), Ok(None));
        // A 2×2 with a zero row (or column) leaves a single category: no test.
        assert_eq!(chi_square_independence(&[[5u64, 3], [0, 0]]), Ok(None));
        assert_eq!(chi_square_independence(&[[3u64, 0], [4, 0]]), Ok(None));
        assert_eq!(chi_square_independence(&[[0u64, 0], [0, 0]]), Ok(None));
        assert_eq!(
            chi_square_independence(&[vec![1u64, 2], vec![3]]),
            Err(StatsError::LengthMismatch {
                expected: 2,
                found: 1
            })
        );
    }

    #[test]
    fn independent_table_gives_zero() {
        let t = chi_square_independence(&[[10u64, 20], [20, 40]]);
        let Ok(Some(t)) = t else {
            panic!("no test: {t:?}");
        };
        assert!(t.statistic.abs() < 1e-12 && (t.p_value - 1.0).abs() < 1e-12);
        assert_eq!(t.df, 1);
    }

    #[test]
    fn empty_groups() {
        let c = Confidence::P95;
        assert_eq!(proportion_difference(0, 0, 1, 2, c), Ok(None));
        assert_eq!(proportion_difference(1, 2, 0, 0, c), Ok(None));
        assert!(proportion_difference(3, 2, 0, 1, c).is_err());
    }
}
