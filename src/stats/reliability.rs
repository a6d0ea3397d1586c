//! Internal consistency of a multi-item scale: Cronbach's α and item diagnostics.

use crate::stats::{Confidence, Interval, StatsError, f_quantile};

/// Diagnostics for one input item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemStats {
    /// The item had the same answer from every complete respondent; it is left out of the
    /// scale (as SPSS and R `psych::alpha` do), since it carries no information about
    /// consistency and would only change α through the item count k.
    pub constant: bool,
    /// α of the scale without this item; None when fewer than two items would remain. For a
    /// constant item this is α itself (removing it changes nothing).
    pub alpha_if_deleted: Option<f64>,
    /// Corrected item–total correlation: Pearson r between the item and the sum of the
    /// other scale items; None for a constant item or a constant rest score.
    pub item_rest_correlation: Option<f64>,
}

/// Cronbach's α with per-item diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub struct Reliability {
    /// α = k/(k−1) · (1 − Σ s_i² / s_T²) over the non-constant items.
    pub alpha: f64,
    /// Respondents with an answer to every item (listwise deletion).
    pub n: usize,
    /// Items in the scale, i.e. the non-constant ones.
    pub items_used: usize,
    /// One entry per input item, in input order.
    pub items: Vec<ItemStats>,
}

/// Cronbach's α, α if item deleted and corrected item–total correlations.
///
/// `rows` holds one slice per respondent with their answers to the k items, in the same
/// item order; a missing answer is `f64::NAN`. Only respondents who answered every item are
/// used (listwise deletion, so all statistics come from one consistent sample; `psych::alpha`
/// defaults to pairwise covariances instead, and is fed the complete rows in the references).
/// Variances are sample variances; α does not depend on the divisor.
///
/// * `Err(StatsError::LengthMismatch)` when rows differ in length;
///   `Err(StatsError::InvalidValue)` for an infinite answer.
/// * `Ok(None)` when there are fewer than 2 items or fewer than 2 complete respondents,
///   fewer than 2 non-constant items, or the total score is constant (α undefined).
///
/// # Examples
///
/// The "with_constant" scale of `tests/data/reliability_data.csv`: 15 respondents, four
/// items, the second answered 4 by everyone. One incomplete respondent is added here to
/// show the listwise deletion.
///
/// ```
/// use wenjuan::stats::cronbach_alpha;
///
/// let rows = [
///     [2.0, 4.0, 4.0, 2.0],
///     [4.0, 4.0, 1.0, 4.0],
///     [3.0, 4.0, 3.0, 4.0],
///     [5.0, 4.0, 4.0, 3.0],
///     [2.0, 4.0, 1.0, 1.0],
///     [3.0, 4.0, 3.0, 4.0],
///     [4.0, 4.0, 5.0, 3.0],
///     [4.0, 4.0, 1.0, 5.0],
///     [4.0, 4.0, 4.0, 4.0],
///     [3.0, 4.0, 5.0, 5.0],
///     [3.0, 4.0, 5.0, 5.0],
///     [5.0, 4.0, 3.0, 4.0],
///     [3.0, 4.0, 3.0, 2.0],
///     [2.0, 4.0, 3.0, 5.0],
///     [4.0, 4.0, 4.0, 5.0],
///     [1.0, 4.0, f64::NAN, 1.0], // a missing answer: this respondent is left out
/// ];
/// let r = cronbach_alpha(&rows)?.expect("α is defined");
/// assert_eq!((r.n, r.items_used), (15, 3));
/// // R psych::alpha(x)$total$raw_alpha on the 15 complete rows
/// // (tests/data/reliability_psych.csv; numpy gives the same to 1e-15)
/// assert!((r.alpha - 0.3878504672897195).abs() < 1e-9);
/// // psych alpha.drop$raw_alpha and item.stats$r.drop for the first and last item
/// let first = r.items[0];
/// assert!((first.alpha_if_deleted.expect("3 items") - 0.33777777777777773).abs() < 1e-9);
/// assert!((first.item_rest_correlation.expect("varies") - 0.21004201260420144).abs() < 1e-9);
/// let last = r.items[3];
/// assert!((last.alpha_if_deleted.expect("3 items") - 0.12923076923076926).abs() < 1e-9);
/// assert!((last.item_rest_correlation.expect("varies") - 0.30664232746741471).abs() < 1e-9);
/// // The constant item is left out of the scale, as psych does.
/// let constant = r.items[1];
/// assert!(constant.constant);
/// assert_eq!(constant.item_rest_correlation, None);
/// assert_eq!(constant.alpha_if_deleted, Some(r.alpha));
/// # Ok::<(), wenjuan::stats::StatsError>(())
/// ```
///
/// Undefined cases:
///
/// ```
/// use wenjuan::stats::{StatsError, cronbach_alpha};
///
/// // One respondent, one item, or items whose total never varies: no α.
/// assert_eq!(cronbach_alpha(&[[1.0, 2.0]]), Ok(None));
/// assert_eq!(cronbach_alpha(&[[1.0], [2.0], [3.0]]), Ok(None));
/// assert_eq!(cronbach_alpha(&[[1.0, 5.0], [2.0, 4.0], [3.0, 3.0]]), Ok(None));
/// assert_eq!(
///     cronbach_alpha(&[vec![1.0, 2.0], vec![1.0]]),
///     Err(StatsError::LengthMismatch { expected: 2, found: 1 })
/// );
/// ```
pub fn cronbach_alpha<R: AsRef<[f64]>>(rows: &[R]) -> Result<Option<Reliability>, StatsError> {
    cronbach_alpha_counted(rows, &vec![1; rows.len()])
}

/// [`cronbach_alpha`] over distinct answer patterns, `rows[i]` given by `counts[i]` respondents:
/// the same result as repeating each row, without materialising a million rows when answers are
/// a few levels per item.
///
/// `Err(StatsError::LengthMismatch)` also when `counts` and `rows` differ in length.
///
/// # Examples
///
/// The "two_items" scale of `tests/data/reliability_data.csv` (12 respondents), as its 11
/// distinct answer patterns:
///
/// ```
/// use wenjuan::stats::cronbach_alpha_counted;
///
/// let patterns = [
///     [3.0, 1.0], [3.0, 3.0], [3.0, 4.0], [1.0, 1.0], [5.0, 3.0], [5.0, 5.0],
///     [2.0, 5.0], [4.0, 5.0], [2.0, 2.0], [2.0, 1.0], [4.0, 4.0],
/// ];
/// let counts = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
/// let r = cronbach_alpha_counted(&patterns, &counts)?.expect("α is defined");
/// assert_eq!(r.n, 12);
/// // R psych::alpha(x)$total$raw_alpha = 0.67129629629629606 and item.stats$r.drop =
/// // 0.52836376776044902 (tests/data/reliability_psych.csv)
/// assert!((r.alpha - 0.67129629629629606).abs() < 1e-9);
/// for item in &r.items {
///     assert!((item.item_rest_correlation.expect("varies") - 0.52836376776044902).abs() < 1e-9);
///     // Deleting one of two items leaves no scale.
///     assert_eq!(item.alpha_if_deleted, None);
/// }
/// # Ok::<(), wenjuan::stats::StatsError>(())
/// ```
pub fn cronbach_alpha_counted<R: AsRef<[f64]>>(
    rows: &[R],
    counts: &[u64],
) -> Result<Option<Reliability>, StatsError> {
    if counts.len() != rows.len() {
        return Err(StatsError::LengthMismatch {
            expected: rows.len(),
            found: counts.len(),
        });
    }
    let k = rows.first().map_or(0, |r| r.as_ref().len());
    for row in rows {
        let row = row.as_ref();
        if row.len() != k {
            return Err(StatsError::LengthMismatch {
                expected: k,
                found: row.len(),
            });
        }
        if let Some(&v) = row.iter().find(|v| v.is_infinite()) {
            return Err(StatsError::InvalidValue(v));
        }
    }
    let (complete, weights): (Vec<&[f64]>, Vec<f64>) = rows
        .iter()
        .map(AsRef::as_ref)
        .zip(counts)
        .filter(|(r, c)| **c > 0 && r.iter().all(|v| !v.is_nan()))
        .map(|(r, &c)| (r, c as f64))
        .unzip();
    let n = weights.iter().sum::<f64>() as usize;
    if k < 2 || n < 2 {
        return Ok(None);
    }
    // Exact comparison: a two-pass variance of identical values need not come out as 0.
    let constant: Vec<bool> = (0..k)
        .map(|j| complete.iter().all(|r| r[j] == complete[0][j]))
        .collect();
    let used: Vec<usize> = (0..k).filter(|&j| !constant[j]).collect();
    let m = used.len();
    if m < 2 {
        return Ok(None);
    }

    // Two-pass covariance matrix of the used items.
    let n_f = n as f64;
    let means: Vec<f64> = used
        .iter()
        .map(|&j| {
            complete
                .iter()
                .zip(&weights)
                .map(|(r, w)| w * r[j])
                .sum::<f64>()
                / n_f
        })
        .collect();
    // Only each item's variance and its covariance with the total are needed (the total's
    // variance is the sum of the latter), so the work is k·n, not the k²·n of a full covariance
    // matrix — a dimension may hold hundreds of items.
    let mut item_var = vec![0.0; m];
    let mut item_total_cov = vec![0.0; m];
    let mut dev = vec![0.0; m];
    for (r, w) in complete.iter().zip(&weights) {
        for ((d, &j), mu) in dev.iter_mut().zip(&used).zip(&means) {
            *d = r[j] - mu;
        }
        let total_dev: f64 = dev.iter().sum();
        for ((var, cov), d) in item_var.iter_mut().zip(&mut item_total_cov).zip(&dev) {
            *var += w * d * d;
            *cov += w * d * total_dev;
        }
    }
    for x in item_var.iter_mut().chain(&mut item_total_cov) {
        *x /= n_f - 1.0;
    }
    let total_var: f64 = item_total_cov.iter().sum();
    let item_var_sum: f64 = item_var.iter().sum();
    let Some(alpha) = alpha_from(m, item_var_sum, total_var) else {
        return Ok(None);
    };

    let mut items = vec![
        ItemStats {
            constant: true,
            alpha_if_deleted: Some(alpha),
            item_rest_correlation: None,
        };
        k
    ];
    for (a, &j) in used.iter().enumerate() {
        let (var, with_total) = (item_var[a], item_total_cov[a]);
        // Var(total − item) = Var(total) − 2 Cov(item, total) + Var(item).
        let rest_var = total_var - 2.0 * with_total + var;
        let rest_cov = with_total - var;
        let item_rest_correlation = (rest_var > 0.0).then(|| rest_cov / (var * rest_var).sqrt());
        items[j] = ItemStats {
            constant: false,
            alpha_if_deleted: alpha_from(m - 1, item_var_sum - var, rest_var),
            item_rest_correlation,
        };
    }
    Ok(Some(Reliability {
        alpha,
        n,
        items_used: m,
        items,
    }))
}

/// Feldt's (1965) confidence interval for Cronbach's α of `k` items from `n` respondents:
/// (1 − α̂)/(1 − α) follows F(n − 1, (n − 1)(k − 1)), so
/// `[1 − (1 − α̂)·F_{1−γ/2}, 1 − (1 − α̂)·F_{γ/2}]` with γ = 1 − conf. This is R
/// `psych::alpha.ci` (and the interval `psych::alpha` prints as "Feldt"). `None` unless n ≥ 2,
/// k ≥ 2 and α̂ is finite. Pass `items_used` (the non-constant items) as k, as α itself does.
///
/// # Examples
///
/// ```
/// use wenjuan::stats::{Confidence, feldt_interval};
///
/// // α = 0.67129629629629606 from n = 12, k = 2 ("two_items" of
/// // tests/data/reliability_data.csv); 1 − (1 − α)·scipy.stats.f.ppf(0.975 | 0.025, 11, 11)
/// // and the same with R qf (tests/data/reliability_feldt.csv)
/// let ci = feldt_interval(0.67129629629629606, 12, 2, Confidence::P95).expect("defined");
/// assert!((ci.low - (-0.14181774364394695)).abs() < 1e-9);
/// assert!((ci.high - 0.9053735804772847).abs() < 1e-9);
/// assert_eq!(feldt_interval(0.5, 1, 3, Confidence::P95), None);
/// ```
pub fn feldt_interval(alpha: f64, n: usize, k: usize, conf: Confidence) -> Option<Interval> {
    if n < 2 || k < 2 || !alpha.is_finite() {
        return None;
    }
    let df1 = (n - 1) as f64;
    let df2 = df1 * (k - 1) as f64;
    let tail = conf.alpha() / 2.0;
    let upper = f_quantile(df1, df2, 1.0 - tail)?;
    let lower = f_quantile(df1, df2, tail)?;
    Some(Interval {
        low: 1.0 - (1.0 - alpha) * upper,
        high: 1.0 - (1.0 - alpha) * lower,
    })
}

/// α for `k` items from the sum of item variances and the total-score variance.
fn alpha_from(k: usize, item_var_sum: f64, total_var: f64) -> Option<f64> {
    (k >= 2 && total_var > 0.0).then(|| {
        let k = k as f64;
        k / (k - 1.0) * (1.0 - item_var_sum / total_var)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_patterns_equal_repeated_rows() {
        let patterns = [
            [5.0, 4.0, 4.0],
            [3.0, 3.0, 2.0],
            [4.0, 4.0, 5.0],
            [1.0, 2.0, 2.0],
        ];
        let counts = [3u64, 2, 4, 1];
        let repeated: Vec<[f64; 3]> = patterns
            .iter()
            .zip(counts)
            .flat_map(|(p, c)| std::iter::repeat_n(*p, c as usize))
            .collect();
        let a = cronbach_alpha(&repeated).unwrap().unwrap();
        let b = cronbach_alpha_counted(&patterns, &counts).unwrap().unwrap();
        assert_eq!(a.n, b.n);
        assert!((a.alpha - b.alpha).abs() < 1e-12);
        for (x, y) in a.items.iter().zip(&b.items) {
            assert!((x.alpha_if_deleted.unwrap() - y.alpha_if_deleted.unwrap()).abs() < 1e-12);
            assert!(
                (x.item_rest_correlation.unwrap() - y.item_rest_correlation.unwrap()).abs() < 1e-12
            );
        }
    }

    #[test]
    fn degenerate_inputs() {
        let none: [[f64; 3]; 0] = [];
        assert_eq!(cronbach_alpha(&none), Ok(None));
        assert_eq!(cronbach_alpha(&[[1.0], [2.0], [3.0]]), Ok(None));
        assert_eq!(cronbach_alpha(&[[1.0, 2.0]]), Ok(None));
        // Only one complete respondent.
        assert_eq!(cronbach_alpha(&[[1.0, 2.0], [f64::NAN, 3.0]]), Ok(None));
        // Only one non-constant item.
        assert_eq!(
            cronbach_alpha(&[[1.0, 4.0], [2.0, 4.0], [3.0, 4.0]]),
            Ok(None)
        );
        assert_eq!(
            cronbach_alpha(&[vec![1.0, 2.0], vec![1.0]]),
            Err(StatsError::LengthMismatch {
                expected: 2,
                found: 1
            })
        );
        assert!(cronbach_alpha(&[[1.0, f64::INFINITY], [1.0, 2.0]]).is_err());
        // Perfectly opposed items: the total never varies, so α is undefined.
        assert_eq!(
            cronbach_alpha(&[[1.0, 5.0], [2.0, 4.0], [3.0, 3.0]]),
            Ok(None)
        );
    }

    #[test]
    fn parallel_items_and_two_items() {
        // Identical items: α = 1, item–rest r = 1.
        let rows = [[1.0, 1.0, 1.0], [2.0, 2.0, 2.0], [4.0, 4.0, 4.0]];
        let r = cronbach_alpha(&rows).ok().flatten();
        let Some(r) = r else { panic!("no result") };
        assert!((r.alpha - 1.0).abs() < 1e-12);
        for item in &r.items {
            assert!((item.alpha_if_deleted.unwrap_or(0.0) - 1.0).abs() < 1e-12);
            assert!((item.item_rest_correlation.unwrap_or(0.0) - 1.0).abs() < 1e-12);
        }
        // With two items, deleting one leaves no scale.
        let r = cronbach_alpha(&[[1.0, 2.0], [2.0, 2.5], [3.0, 5.0]])
            .ok()
            .flatten();
        assert!(matches!(r, Some(r) if r.items.iter().all(|i| i.alpha_if_deleted.is_none())));
    }
}
