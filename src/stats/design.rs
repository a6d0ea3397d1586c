//! Design-based figures for weighted samples, taking the weights as the design — R `survey`'s
//! `svydesign(ids = ~1, weights = ~w)`: one stage, no strata, no finite population correction,
//! with-replacement (linearisation) variances. The calibration that produced the weights
//! (post-stratification or raking) is not modelled, so the variances are those of a sample
//! drawn with these weights — usually a little larger than the calibration-aware ones.
//!
//! * [`design_effect`]: the design effect of a weighted mean or share, as
//!   `svymean(…, deff = "replace")` reports it: the design-based variance over the variance of
//!   a simple random sample of the same size drawn with replacement,
//!   `deff = n·Σw²(y−ȳ)² / (Σw·Σw(y−ȳ)²)`. Kish's deff `n·Σw²/(Σw)²` (= n / effective n) is the
//!   same for every variable; this one depends on how y lies across the weights.
//! * [`rao_scott`]: the Rao–Scott second-order corrected test of independence of a two-way
//!   table, `svychisq(~a + b, design)` with its default `statistic = "F"`.

use statrs::distribution::{ContinuousCDF, FisherSnedecor};

/// The design effect of the weighted mean of a variable over `n` respondents (those with a
/// positive weight), given each distinct value with Σw and Σw² over the respondents who gave it:
/// `(value, Σw, Σw²)`. As R `svymean(~y, svydesign(ids = ~1, weights = ~w, data),
/// na.rm = TRUE, deff = "replace")` reports it: `deff = n·Σw²(y−ȳ)² / (Σw·Σw(y−ȳ)²)`, 1 with
/// equal weights, when all `design_n` respondents of the design have a y. When only `n` of them
/// do (the others said 不清楚, or are outside the group), the n respondents are a domain of the
/// design, as R's `na.rm = TRUE` and `subset()` treat them: the design-based variance keeps the
/// design's N/(N − 1), the SRS variance the domain's n/(n − 1), so deff is the above times
/// N(n − 1)/((N − 1)n). None with fewer than two respondents or when y does not vary (R gives
/// NaN).
///
/// (`deff = TRUE` in R divides instead by the without-replacement variance, which needs the
/// weights scaled to population counts N and is this figure times N/(N − n).)
///
/// # Examples
///
/// ```
/// use wenjuan::stats::design::design_effect;
///
/// // Equal weights: deff = 1.
/// let deff = design_effect(5, 5, &[(1.0, 6.0, 12.0), (0.0, 4.0, 8.0)]).expect("y varies");
/// assert!((deff - 1.0).abs() < 1e-15);
///
/// // Respondents y = 1 with weight 2 and y = 0 with weight 1 (one each): ȳ = 2/3,
/// // Σw²d² = 4/9 + 4/9, Σw d² = 2/9 + 4/9; deff = 2·(8/9)/(3·6/9) = 8/9 (by hand).
/// let deff = design_effect(2, 2, &[(1.0, 2.0, 4.0), (0.0, 1.0, 1.0)]).expect("y varies");
/// assert!((deff - 8.0 / 9.0).abs() < 1e-15);
/// // The same two as a domain of a design of 3: × 3·1/(2·2).
/// let domain = design_effect(2, 3, &[(1.0, 2.0, 4.0), (0.0, 1.0, 1.0)]).expect("y varies");
/// assert!((domain - 8.0 / 9.0 * 0.75).abs() < 1e-15);
/// ```
pub fn design_effect(n: u64, design_n: u64, values: &[(f64, f64, f64)]) -> Option<f64> {
    let w: f64 = values.iter().map(|v| v.1).sum();
    if n < 2 || w <= 0.0 {
        return None;
    }
    let (n_f, big_n) = (n as f64, design_n.max(n) as f64);
    let domain = big_n / (big_n - 1.0) * (n_f - 1.0) / n_f;
    let mean = values.iter().map(|v| v.0 * v.1).sum::<f64>() / w;
    let (mut num, mut den) = (0.0, 0.0);
    for &(value, sum_w, sum_w2) in values {
        let d = value - mean;
        num += sum_w2 * d * d;
        den += sum_w * d * d;
    }
    (den > 0.0).then(|| domain * n_f * num / (w * den))
}

/// The design effect of a weighted share: `n` respondents (of a design of `design_n`) with
/// Σw = `sum_w`, Σw² = `sum_w2`, of whom those counted in the share have Σw = `yes_w`,
/// Σw² = `yes_w2`; see [`design_effect`].
///
/// # Examples
///
/// ```
/// use wenjuan::stats::design::{design_effect, share_design_effect};
///
/// let by_values = design_effect(2, 2, &[(1.0, 2.0, 4.0), (0.0, 1.0, 1.0)]);
/// assert_eq!(share_design_effect(2, 2, 3.0, 5.0, 2.0, 4.0), by_values);
/// ```
pub fn share_design_effect(
    n: u64,
    design_n: u64,
    sum_w: f64,
    sum_w2: f64,
    yes_w: f64,
    yes_w2: f64,
) -> Option<f64> {
    design_effect(
        n,
        design_n,
        &[
            (1.0, yes_w, yes_w2),
            (0.0, sum_w - yes_w, (sum_w2 - yes_w2).max(0.0)),
        ],
    )
}

/// One cell of a two-way table under weights: respondents, Σw and Σw².
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CellSums {
    pub n: u64,
    pub sum_w: f64,
    pub sum_w2: f64,
}

/// The Rao–Scott test of independence (second-order, F form).
#[derive(Debug, Clone, PartialEq)]
pub struct RaoScott {
    /// Pearson's X² on the weighted table scaled to n respondents.
    pub pearson: f64,
    /// F = X² / tr(Δ).
    pub f: f64,
    /// Numerator degrees of freedom tr(Δ)²/tr(Δ²).
    pub ndf: f64,
    /// Denominator degrees of freedom ndf·(n − 1).
    pub ddf: f64,
    pub p_value: f64,
    /// Respondents in the table.
    pub n: u64,
    /// Rows and columns with respondents (those without are left out, as R does).
    pub rows: usize,
    pub cols: usize,
}

/// Rao & Scott's (1984) second-order corrected Pearson test of independence of the weighted
/// table `table[i][j]`, as R `survey`'s `svychisq(~a + b, svydesign(ids = ~1, weights = ~w,
/// data), statistic = "F")` computes it: Δ = (C′D⁻¹C/n)⁻¹ C′D⁻¹VD⁻¹C with V the linearised
/// covariance of the weighted cell shares, D their diagonal and C a basis of the interaction
/// contrasts; F = X²/tr(Δ) on (tr Δ)²/tr(Δ²) and that times (n − 1) degrees of freedom.
///
/// Rows and columns without respondents are left out. None when fewer than two rows or columns
/// remain, or Δ cannot be formed (a singular table).
///
/// # Examples
///
/// ```
/// use wenjuan::stats::design::{CellSums, rao_scott};
///
/// // Equal weights: Δ = n/(n−1)·I, so F = X²·(n−1)/(n·df) on df and df·(n−1) degrees.
/// let c = |n: u64| CellSums { n, sum_w: n as f64, sum_w2: n as f64 };
/// let t = rao_scott(&[vec![c(30), c(10)], vec![c(20), c(25)]]).expect("a 2×2 table");
/// // Pearson's X² = 8.16269841269841 (scipy, tests/data/chi_square.csv)
/// assert!((t.pearson - 8.16269841269841).abs() < 1e-9);
/// assert!((t.f - 8.16269841269841 * 84.0 / 85.0).abs() < 1e-9);
/// assert!((t.ndf - 1.0).abs() < 1e-12 && (t.ddf - 84.0).abs() < 1e-9);
/// ```
pub fn rao_scott(table: &[Vec<CellSums>]) -> Option<RaoScott> {
    let cols_all = table.first().map_or(0, Vec::len);
    if table.iter().any(|r| r.len() != cols_all) {
        return None;
    }
    let rows: Vec<usize> = (0..table.len())
        .filter(|&i| table[i].iter().any(|c| c.n > 0))
        .collect();
    let cols: Vec<usize> = (0..cols_all)
        .filter(|&j| table.iter().any(|r| r[j].n > 0))
        .collect();
    let (r, c) = (rows.len(), cols.len());
    if r < 2 || c < 2 {
        return None;
    }
    // Cells in R's order: the row index varies fastest.
    let cells: Vec<CellSums> = cols
        .iter()
        .flat_map(|&j| rows.iter().map(move |&i| table[i][j]))
        .collect();
    let k = r * c;
    let n: u64 = cells.iter().map(|x| x.n).sum();
    let w: f64 = cells.iter().map(|x| x.sum_w).sum();
    let s2: f64 = cells.iter().map(|x| x.sum_w2).sum();
    if n < 2 || w <= 0.0 {
        return None;
    }
    let n_f = n as f64;
    let p: Vec<f64> = cells.iter().map(|x| x.sum_w / w).collect();
    // V = n/(n−1) Σ_i z_i z_i′, z_i = w_i (e_cell(i) − p)/Σw, summed by cell.
    let scale = n_f / (n_f - 1.0) / (w * w);
    let mut v = vec![vec![0.0; k]; k];
    for a in 0..k {
        for b in 0..k {
            let diag = if a == b { cells[a].sum_w2 } else { 0.0 };
            v[a][b] =
                scale * (diag - cells[a].sum_w2 * p[b] - cells[b].sum_w2 * p[a] + p[a] * p[b] * s2);
        }
    }
    let inv_p: Vec<f64> = p
        .iter()
        .map(|&x| if x == 0.0 { 0.0 } else { 1.0 / x })
        .collect();
    // Interaction contrasts (e_i − e_r) ⊗ (f_j − f_c), orthogonal to the main effects; any basis
    // of that space gives the same Δ up to similarity, so the same traces.
    let m = (r - 1) * (c - 1);
    let mut cmat = vec![vec![0.0; m]; k];
    for j in 0..c - 1 {
        for i in 0..r - 1 {
            let col = j * (r - 1) + i;
            cmat[j * r + i][col] += 1.0;
            cmat[j * r + (r - 1)][col] -= 1.0;
            cmat[(c - 1) * r + i][col] -= 1.0;
            cmat[(c - 1) * r + (r - 1)][col] += 1.0;
        }
    }
    // denom = C′ diag(1/p)/n C; numr = C′ diag(1/p) V diag(1/p) C.
    let mut denom = vec![vec![0.0; m]; m];
    let mut numr = vec![vec![0.0; m]; m];
    // u = diag(1/p) C (k × m).
    let u: Vec<Vec<f64>> = (0..k)
        .map(|a| cmat[a].iter().map(|x| x * inv_p[a]).collect())
        .collect();
    for s in 0..m {
        for t in 0..m {
            denom[s][t] = (0..k).map(|a| cmat[a][s] * u[a][t]).sum::<f64>() / n_f;
            let mut acc = 0.0;
            for a in 0..k {
                if u[a][s] == 0.0 {
                    continue;
                }
                acc += u[a][s] * (0..k).map(|b| v[a][b] * u[b][t]).sum::<f64>();
            }
            numr[s][t] = acc;
        }
    }
    let delta = solve(denom, numr)?;
    let trace: f64 = (0..m).map(|i| delta[i][i]).sum();
    let trace2: f64 = (0..m)
        .map(|i| (0..m).map(|j| delta[i][j] * delta[j][i]).sum::<f64>())
        .sum();
    if !(trace > 0.0 && trace2 > 0.0) {
        return None;
    }
    // Pearson's X² on the weighted table scaled to n.
    let row_p: Vec<f64> = (0..r).map(|i| (0..c).map(|j| p[j * r + i]).sum()).collect();
    let col_p: Vec<f64> = (0..c).map(|j| (0..r).map(|i| p[j * r + i]).sum()).collect();
    let mut pearson = 0.0;
    for j in 0..c {
        for i in 0..r {
            let e = n_f * row_p[i] * col_p[j];
            let o = n_f * p[j * r + i];
            pearson += (o - e) * (o - e) / e;
        }
    }
    let f = pearson / trace;
    let ndf = trace * trace / trace2;
    let ddf = ndf * (n_f - 1.0);
    let p_value = FisherSnedecor::new(ndf, ddf).map_or(f64::NAN, |d| d.sf(f));
    Some(RaoScott {
        pearson,
        f,
        ndf,
        ddf,
        p_value,
        n,
        rows: r,
        cols: c,
    })
}

/// Solves A X = B (square A) by Gaussian elimination with partial pivoting; None when A is
/// singular.
#[allow(clippy::needless_range_loop)]
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<Vec<f64>>) -> Option<Vec<Vec<f64>>> {
    let m = a.len();
    let scale = a
        .iter()
        .flatten()
        .fold(0.0f64, |acc, x| acc.max(x.abs()))
        .max(f64::MIN_POSITIVE);
    for col in 0..m {
        let pivot = (col..m).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() <= scale * 1e-13 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..m {
            let factor = a[row][col] / a[col][col];
            if factor == 0.0 {
                continue;
            }
            for k in col..m {
                a[row][k] -= factor * a[col][k];
            }
            for k in 0..b[row].len() {
                b[row][k] -= factor * b[col][k];
            }
        }
    }
    for col in (0..m).rev() {
        for k in 0..b[col].len() {
            let mut x = b[col][k];
            for j in col + 1..m {
                x -= a[col][j] * b[j][k];
            }
            b[col][k] = x / a[col][col];
        }
    }
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solve_small_system() {
        let x = solve(
            vec![vec![2.0, 1.0], vec![1.0, 3.0]],
            vec![vec![3.0], vec![5.0]],
        );
        let x = x.unwrap_or_default();
        assert!((x[0][0] - 0.8).abs() < 1e-15 && (x[1][0] - 1.4).abs() < 1e-15);
        assert_eq!(
            solve(
                vec![vec![1.0, 2.0], vec![2.0, 4.0]],
                vec![vec![1.0], vec![2.0]]
            ),
            None
        );
    }

    #[test]
    fn too_small_tables() {
        let c = CellSums {
            n: 3,
            sum_w: 3.0,
            sum_w2: 3.0,
        };
        assert_eq!(rao_scott(&[vec![c, c]]), None);
        assert_eq!(
            rao_scott(&[vec![c, CellSums::default()], vec![c, CellSums::default()]]),
            None
        );
    }

    #[test]
    fn deff_none_without_variation() {
        assert_eq!(share_design_effect(5, 5, 5.0, 5.0, 5.0, 5.0), None);
        assert_eq!(share_design_effect(1, 3, 1.0, 1.0, 0.0, 0.0), None);
    }
}
