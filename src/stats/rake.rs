//! Raking (iterative proportional fitting) of respondents to known marginal shares — the
//! township and age margins a census table gives when their cross is not published — with
//! optional bounds on the weights.
//!
//! Without bounds this is R `survey`'s `rake()`: each sweep post-stratifies to every margin in
//! turn (w ← w · T_c / Σ_{i∈c} w_i), until the margins are met. With bounds `[L, U]` it is the
//! bounded raking calibration of Deville & Särndal (1992), R `survey`'s
//! `calibrate(design, margins, population, calfun = "raking", bounds = c(L, U))` on equal starting
//! weights: each weight is `clip(Π_m f_{m,c_m(i)}, L, U)` relative to the mean weight, and the
//! factors are found by exact coordinate updates (one margin category at a time, solving the
//! piecewise-linear equation Σ clip(f·r_i, L, U) = T_c), so the weights meet the margins and lie
//! within the bounds whenever both are possible.
//!
//! Weights are scaled to average 1 over the respondents (Σw = n), as post-stratification weights
//! are here; each margin's targets are read as shares of that margin's own total.

/// A respondent class: its category on every margin, and how many respondents share it.
#[derive(Debug, Clone, PartialEq)]
pub struct RakeCell {
    /// Category index on each margin, in margin order.
    pub categories: Vec<usize>,
    pub count: u64,
}

/// How far to iterate, and the optional bounds on the weights relative to their mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RakeControl {
    /// `(L, U)` with 0 ≤ L ≤ 1 ≤ U (U may be infinite).
    pub bounds: Option<(f64, f64)>,
    /// Sweeps (one post-stratification to every margin) allowed.
    pub max_iterations: usize,
    /// Converged when every margin category's weighted share is within this of its target.
    pub tolerance: f64,
}

impl Default for RakeControl {
    fn default() -> Self {
        RakeControl {
            bounds: None,
            max_iterations: 1000,
            tolerance: 1e-10,
        }
    }
}

/// The weights found and how the iteration ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Raked {
    /// One weight per cell (every respondent of a cell has it); they average 1 over respondents
    /// when the margins are met.
    pub weights: Vec<f64>,
    /// Sweeps done.
    pub iterations: usize,
    /// The largest |weighted share − target share| over every margin category after the last
    /// sweep.
    pub discrepancy: f64,
    pub converged: bool,
    /// Respondents whose weight sits on a bound.
    pub at_bounds: u64,
}

/// Why raking cannot start.
#[derive(Debug, Clone, PartialEq)]
pub enum RakeError {
    /// No respondents at all.
    EmptySample,
    /// A margin's targets are not one per category, or a cell names a category out of range.
    Shape { margin: usize },
    /// A negative or non-finite target, or a margin whose targets are all 0.
    InvalidTarget { margin: usize, category: usize },
    /// A category with a positive target has no respondent: its share cannot be represented.
    EmptyCategory { margin: usize, category: usize },
    /// Respondents fall in a category whose target is 0.
    CategoryNotInPopulation { margin: usize, category: usize },
    /// Bounds must satisfy 0 ≤ L ≤ 1 ≤ U.
    InvalidBounds { lower: f64, upper: f64 },
}

/// Rakes `cells` to `targets` (per margin, per category: people or shares).
///
/// # Examples
///
/// Two margins of two categories; the margins of the sample are 50/50 and 50/50 while the
/// population is 70/30 and 40/60:
///
/// ```
/// use wenjuan::stats::rake::{RakeCell, RakeControl, rake};
///
/// let cells = [
///     RakeCell { categories: vec![0, 0], count: 25 },
///     RakeCell { categories: vec![0, 1], count: 25 },
///     RakeCell { categories: vec![1, 0], count: 25 },
///     RakeCell { categories: vec![1, 1], count: 25 },
/// ];
/// let r = rake(&cells, &[vec![70.0, 30.0], vec![0.4, 0.6]], RakeControl::default())
///     .expect("every category has respondents");
/// assert!(r.converged);
/// // A balanced sample rakes in one sweep to the product of the margins (by hand:
/// // 4·0.7·0.4 = 1.12, 4·0.7·0.6 = 1.68, 4·0.3·0.4 = 0.48, 4·0.3·0.6 = 0.72).
/// for (w, want) in r.weights.iter().zip([1.12, 1.68, 0.48, 0.72]) {
///     assert!((w - want).abs() < 1e-12);
/// }
/// ```
pub fn rake(
    cells: &[RakeCell],
    targets: &[Vec<f64>],
    control: RakeControl,
) -> Result<Raked, RakeError> {
    let margins = targets.len();
    let n: u64 = cells.iter().map(|c| c.count).sum();
    if n == 0 {
        return Err(RakeError::EmptySample);
    }
    let n_f = n as f64;
    let (lower, upper) = control.bounds.unwrap_or((0.0, f64::INFINITY));
    if !(lower.is_finite() && (0.0..=1.0).contains(&lower) && upper >= 1.0) || upper.is_nan() {
        return Err(RakeError::InvalidBounds { lower, upper });
    }
    let bounded = control.bounds.is_some();
    // Targets as respondents: share × n.
    let mut goal: Vec<Vec<f64>> = Vec::with_capacity(margins);
    for (m, t) in targets.iter().enumerate() {
        if let Some(category) = t.iter().position(|x| !(x.is_finite() && *x >= 0.0)) {
            return Err(RakeError::InvalidTarget {
                margin: m,
                category,
            });
        }
        let total: f64 = t.iter().sum();
        if total <= 0.0 {
            return Err(RakeError::InvalidTarget {
                margin: m,
                category: 0,
            });
        }
        goal.push(t.iter().map(|x| x / total * n_f).collect());
    }
    // Members of each margin category, and the check that every category is represented.
    let mut members: Vec<Vec<Vec<usize>>> =
        goal.iter().map(|g| vec![Vec::new(); g.len()]).collect();
    for (k, cell) in cells.iter().enumerate() {
        if cell.categories.len() != margins {
            return Err(RakeError::Shape { margin: 0 });
        }
        if cell.count == 0 {
            continue;
        }
        for (m, &c) in cell.categories.iter().enumerate() {
            match members[m].get_mut(c) {
                Some(list) => list.push(k),
                None => return Err(RakeError::Shape { margin: m }),
            }
        }
    }
    for (m, g) in goal.iter().enumerate() {
        for (c, &t) in g.iter().enumerate() {
            match (members[m][c].is_empty(), t > 0.0) {
                (true, true) => {
                    return Err(RakeError::EmptyCategory {
                        margin: m,
                        category: c,
                    });
                }
                (false, false) => {
                    return Err(RakeError::CategoryNotInPopulation {
                        margin: m,
                        category: c,
                    });
                }
                _ => {}
            }
        }
    }

    let mut factor: Vec<Vec<f64>> = goal.iter().map(|g| vec![1.0; g.len()]).collect();
    let clip = |x: f64| x.max(lower).min(upper);
    let raw = |factor: &[Vec<f64>], cell: &RakeCell| -> f64 {
        cell.categories
            .iter()
            .enumerate()
            .map(|(m, &c)| factor[m][c])
            .product()
    };
    let discrepancy = |factor: &[Vec<f64>]| -> f64 {
        let w: Vec<f64> = cells.iter().map(|c| clip(raw(factor, c))).collect();
        let mut worst = 0.0f64;
        for (m, g) in goal.iter().enumerate() {
            for (c, &t) in g.iter().enumerate() {
                let got: f64 = members[m][c]
                    .iter()
                    .map(|&k| cells[k].count as f64 * w[k])
                    .sum();
                worst = worst.max((got - t).abs() / n_f);
            }
        }
        worst
    };
    let mut iterations = 0;
    let mut last = discrepancy(&factor);
    let mut converged = false;
    while iterations < control.max_iterations {
        iterations += 1;
        for m in 0..margins {
            for c in 0..goal[m].len() {
                if members[m][c].is_empty() {
                    continue;
                }
                // Each member cell's weight without this margin's factor.
                let rest: Vec<(f64, f64)> = members[m][c]
                    .iter()
                    .map(|&k| {
                        let r: f64 = cells[k]
                            .categories
                            .iter()
                            .enumerate()
                            .filter(|&(mm, _)| mm != m)
                            .map(|(mm, &cc)| factor[mm][cc])
                            .product();
                        (cells[k].count as f64, r)
                    })
                    .collect();
                factor[m][c] = if bounded {
                    solve_clipped(&rest, goal[m][c], lower, upper)
                } else {
                    goal[m][c] / rest.iter().map(|(n, r)| n * r).sum::<f64>()
                };
            }
        }
        last = discrepancy(&factor);
        if last < control.tolerance {
            converged = true;
            break;
        }
    }
    let weights: Vec<f64> = cells.iter().map(|c| clip(raw(&factor, c))).collect();
    let at_bounds = if bounded {
        cells
            .iter()
            .zip(&weights)
            .filter(|(_, w)| **w == lower || **w == upper)
            .map(|(c, _)| c.count)
            .sum()
    } else {
        0
    };
    Ok(Raked {
        weights,
        iterations,
        discrepancy: last,
        converged,
        at_bounds,
    })
}

/// The factor f with Σ n_k·clip(f·r_k, L, U) = t, for cells `(n_k, r_k)` with r_k > 0; the
/// nearest f when t cannot be reached within the bounds (raking then does not converge).
fn solve_clipped(cells: &[(f64, f64)], t: f64, lower: f64, upper: f64) -> f64 {
    let h = |f: f64| -> f64 {
        cells
            .iter()
            .map(|(n, r)| n * (f * r).max(lower).min(upper))
            .sum()
    };
    let r_max = cells.iter().map(|c| c.1).fold(0.0f64, f64::max);
    let r_min = cells.iter().map(|c| c.1).fold(f64::INFINITY, f64::min);
    if !(r_max > 0.0 && r_max.is_finite()) {
        return 1.0;
    }
    let mut breaks: Vec<f64> = Vec::with_capacity(2 * cells.len());
    for &(_, r) in cells {
        breaks.push(lower / r);
        if upper.is_finite() {
            breaks.push(upper / r);
        }
    }
    breaks.sort_by(f64::total_cmp);
    breaks.dedup();
    let first = breaks[0];
    if t <= h(first) {
        // Every weight at the lower bound already: as low as it goes.
        return lower / r_max;
    }
    let mut prev = (first, h(first));
    for &b in &breaks[1..] {
        let hb = h(b);
        if hb >= t {
            if hb == t {
                return b;
            }
            // h is linear between two breakpoints.
            return prev.0 + (t - prev.1) * (b - prev.0) / (hb - prev.1);
        }
        prev = (b, hb);
    }
    // Past the last breakpoint: every weight at the upper bound (unreachable), or, with no
    // upper bound, every weight free.
    if upper.is_finite() {
        return upper / r_min;
    }
    let slope: f64 = cells.iter().map(|(n, r)| n * r).sum();
    prev.0 + (t - prev.1) / slope
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(categories: &[usize], count: u64) -> RakeCell {
        RakeCell {
            categories: categories.to_vec(),
            count,
        }
    }

    #[test]
    fn solve_clipped_is_exact() {
        // Two cells (n, r): (10, 1), (10, 2), bounds [0.5, 3]; t = 30 → f·1 + f·2 = 3 → f = 1
        assert!((solve_clipped(&[(10.0, 1.0), (10.0, 2.0)], 30.0, 0.5, 3.0) - 1.0).abs() < 1e-15);
        // t = 50: with f = 2 the second clips at 3: 10·2 + 30 = 50.
        assert!((solve_clipped(&[(10.0, 1.0), (10.0, 2.0)], 50.0, 0.5, 3.0) - 2.0).abs() < 1e-15);
        // Unbounded above: f = t / Σ n r once nothing is clipped.
        let f = solve_clipped(&[(10.0, 1.0), (10.0, 2.0)], 90.0, 0.0, f64::INFINITY);
        assert!((f - 3.0).abs() < 1e-15);
        // Out of reach: every weight at a bound.
        assert_eq!(solve_clipped(&[(10.0, 1.0)], 100.0, 0.5, 3.0), 3.0);
        assert_eq!(solve_clipped(&[(10.0, 2.0)], 1.0, 0.5, 3.0), 0.25);
    }

    #[test]
    fn already_matching_takes_one_sweep() {
        let cells = [
            cell(&[0, 0], 30),
            cell(&[0, 1], 10),
            cell(&[1, 0], 20),
            cell(&[1, 1], 40),
        ];
        let r = rake(
            &cells,
            &[vec![40.0, 60.0], vec![50.0, 50.0]],
            RakeControl::default(),
        );
        let r = r.expect("valid");
        assert_eq!((r.iterations, r.converged), (1, true));
        assert!(r.weights.iter().all(|w| (w - 1.0).abs() < 1e-15));
    }

    #[test]
    fn errors() {
        let cells = [cell(&[0, 0], 3), cell(&[1, 0], 2)];
        assert_eq!(
            rake(
                &cells,
                &[vec![1.0, 1.0], vec![1.0, 1.0]],
                RakeControl::default()
            ),
            Err(RakeError::EmptyCategory {
                margin: 1,
                category: 1
            })
        );
        assert_eq!(
            rake(&cells, &[vec![0.0, 1.0], vec![1.0]], RakeControl::default()),
            Err(RakeError::CategoryNotInPopulation {
                margin: 0,
                category: 0
            })
        );
        assert_eq!(
            rake(
                &cells,
                &[vec![1.0, -1.0], vec![1.0]],
                RakeControl::default()
            ),
            Err(RakeError::InvalidTarget {
                margin: 0,
                category: 1
            })
        );
        assert_eq!(
            rake(&[], &[vec![1.0]], RakeControl::default()),
            Err(RakeError::EmptySample)
        );
        let bad = RakeControl {
            bounds: Some((1.5, 3.0)),
            ..RakeControl::default()
        };
        assert!(matches!(
            rake(&cells, &[vec![1.0, 1.0], vec![1.0]], bad),
            Err(RakeError::InvalidBounds { .. })
        ));
    }

    #[test]
    fn bounds_hold_and_margins_are_met() {
        // A skewed sample: category 1 of margin 0 is rare.
        let cells = [
            cell(&[0, 0], 40),
            cell(&[0, 1], 40),
            cell(&[1, 0], 5),
            cell(&[1, 1], 15),
        ];
        let control = RakeControl {
            bounds: Some((0.5, 2.5)),
            ..RakeControl::default()
        };
        let r = rake(&cells, &[vec![0.6, 0.4], vec![0.5, 0.5]], control).expect("valid");
        assert!(r.converged, "{r:?}");
        assert!(r.weights.iter().all(|&w| (0.5..=2.5).contains(&w)));
        assert!(r.at_bounds > 0);
        let share0: f64 = (40.0 * r.weights[0] + 40.0 * r.weights[1]) / 100.0;
        assert!((share0 - 0.6).abs() < 1e-9);
    }
}
