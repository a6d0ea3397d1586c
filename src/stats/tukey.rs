//! The studentized range distribution (the range of `k` standard normal means over an independent
//! standard deviation on `df` degrees of freedom), behind Tukey–Kramer and Games–Howell.
//!
//! Written here rather than taken from a crate: statrs does not have the distribution, and the
//! one crate that does (`r2rs-nmath`, 0.1.x, a port of R's nmath) brings its own type system of
//! constrained floats and is not maintained as a dependency to lean on. Nor is R's algorithm
//! (Copenhaver & Holland 1988, R's `ptukey.c`) followed: its fixed 16×12-point Gauss–Legendre
//! quadrature is good to only about 1e-7 (1e-4 at df 2–3 and beyond df 25 000, where it switches
//! to the infinite-df form) against scipy's `studentized_range`, which integrates the same double
//! integral adaptively to 1e-11. Here the CDF is that double integral, by adaptive Gauss–Kronrod
//! outside and a fixed Kronrod rule inside ([`ptukey`]); it agrees with scipy to 1e-10 on the grid
//! of `tests/data/tukey_reference.csv` (df 2 to 30 000, k 2 to 20).
//!
//! The quantile is not R's `qtukey` (a secant search that stops at 1e-4): it solves
//! `ptukey(q) = p` by Brent's method to 1e-12, so Tukey and Games–Howell intervals are as exact
//! as the CDF (scipy's `studentized_range.ppf` to 1e-8 relative, the accuracy of that reference).

use statrs::distribution::{ContinuousCDF, StudentsT};
use statrs::function::erf::erfc;
use statrs::function::gamma::ln_gamma;

/// Standard normal CDF and survival function.
fn phi(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

/// Gauss–Kronrod 7/15 nodes (non-negative half, descending), Kronrod weights, and the Gauss
/// weights of the odd-indexed nodes (QUADPACK's qk15).
#[allow(clippy::excessive_precision)] // as published (QUADPACK)
const XGK: [f64; 8] = [
    0.991_455_371_120_812_639_206_854_697_526_329,
    0.949_107_912_342_758_524_526_189_684_047_851,
    0.864_864_423_359_769_072_789_712_788_640_926,
    0.741_531_185_599_394_439_863_864_773_280_788,
    0.586_087_235_467_691_130_294_144_845_693_013,
    0.405_845_151_377_397_166_906_606_412_076_961,
    0.207_784_955_007_898_467_600_689_403_773_245,
    0.0,
];
#[allow(clippy::excessive_precision)] // as published (QUADPACK)
const WGK: [f64; 8] = [
    0.022_935_322_010_529_224_963_732_008_058_970,
    0.063_092_092_629_978_553_290_700_663_189_204,
    0.104_790_010_322_250_183_839_876_322_541_518,
    0.140_653_259_715_525_918_745_189_590_510_238,
    0.169_004_726_639_267_902_826_583_426_598_550,
    0.190_350_578_064_785_409_913_256_402_421_014,
    0.204_432_940_075_298_892_414_161_999_234_649,
    0.209_482_141_084_727_828_012_999_174_891_714,
];
#[allow(clippy::excessive_precision)] // as published (QUADPACK)
const WG: [f64; 4] = [
    0.129_484_966_168_869_693_270_611_432_679_082,
    0.279_705_391_489_276_667_901_467_771_423_780,
    0.381_830_050_505_118_944_950_369_775_488_975,
    0.417_959_183_673_469_387_755_102_040_816_327,
];

/// ∫_a^b f by adaptive Gauss–Kronrod 7/15: a piece is accepted when its error estimate is within
/// `tol` (absolute), else halved with half the tolerance each. The estimate is QUADPACK's
/// (`qk15`): |K − G| sharpened to (200 |K − G| / I_abs)^1.5 · I_abs, since the 15-point Kronrod
/// sum is far more exact than its difference from the 7-point Gauss sum.
fn integrate(f: &mut impl FnMut(f64) -> f64, a: f64, b: f64, tol: f64, depth: u32) -> f64 {
    let centre = 0.5 * (a + b);
    let half = 0.5 * (b - a);
    let fc = f(centre);
    let mut kronrod = fc * WGK[7];
    let mut gauss = fc * WG[3];
    let mut fv = [0.0; 15];
    fv[7] = fc;
    for j in 0..7 {
        let dx = half * XGK[j];
        let (lo, hi) = (f(centre - dx), f(centre + dx));
        fv[j] = lo;
        fv[14 - j] = hi;
        kronrod += WGK[j] * (lo + hi);
        if j % 2 == 1 {
            gauss += WG[j / 2] * (lo + hi);
        }
    }
    // ∫|f − mean| (QUADPACK's resasc), the scale the error is measured against.
    let mean = kronrod * 0.5;
    let mut spread = WGK[7] * (fc - mean).abs();
    for j in 0..7 {
        spread += WGK[j] * ((fv[j] - mean).abs() + (fv[14 - j] - mean).abs());
    }
    let (kronrod, gauss, spread) = (kronrod * half, gauss * half, spread * half.abs());
    let mut err = (kronrod - gauss).abs();
    if spread > 0.0 && err > 0.0 {
        err = spread * (200.0 * err / spread).powf(1.5).min(1.0);
    }
    if err <= tol || depth >= 30 {
        return kronrod;
    }
    integrate(f, a, centre, 0.5 * tol, depth + 1) + integrate(f, centre, b, 0.5 * tol, depth + 1)
}

/// P(range of `k` independent standard normals ≤ w) = k ∫ φ(z) (Φ(z) − Φ(z − w))^(k−1) dz,
/// by a fixed rule: the 15 Kronrod nodes on each unit piece of [−8.5, 8.5] (outside it the
/// normal density carries less than 2e-17 of mass; on a unit piece the rule, exact for degree
/// 23, is exact to rounding for these smooth integrands). The nodes' Φ and φ are computed once
/// per distribution, leaving one normal tail per node for each w.
struct RangeCdf {
    k: f64,
    /// Per node: z, weight · k · φ(z), Φ(z), 1 − Φ(z).
    nodes: Vec<(f64, f64, f64, f64)>,
}

impl RangeCdf {
    fn new(k: f64) -> RangeCdf {
        let mut nodes = Vec::with_capacity(17 * 15);
        for piece in 0..17 {
            let centre = -8.0 + piece as f64;
            for j in 0..15 {
                let (x, w) = if j < 8 {
                    (-XGK[j], WGK[j])
                } else {
                    (XGK[14 - j], WGK[14 - j])
                };
                let z = centre + 0.5 * x;
                let density = (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
                nodes.push((z, 0.5 * w * k * density, phi(z), phi(-z)));
            }
        }
        RangeCdf { k, nodes }
    }

    fn cdf(&self, w: f64) -> f64 {
        if w <= 0.0 {
            return 0.0;
        }
        let power = self.k - 1.0;
        let mut total = 0.0;
        for &(z, weight, lower, upper) in &self.nodes {
            // The probability between z − w and z, from whichever tail keeps its digits.
            let inner = if z - 0.5 * w > 0.0 {
                phi(w - z) - upper
            } else {
                lower - phi(z - w)
            };
            if inner > 0.0 {
                total += weight * (power * inner.ln()).exp();
            }
        }
        total.min(1.0)
    }
}

/// ln of the density of s when df·s² ~ χ²_df: ln(df^{df/2} / (Γ(df/2) 2^{df/2−1})) +
/// (df − 1) ln s − df s²/2.
fn log_density(s: f64, df: f64, lead: f64) -> f64 {
    lead + (df - 1.0) * s.ln() - 0.5 * df * s * s
}

/// P(Q ≤ q) for the studentized range of `k` means with `df` degrees of freedom; NaN unless
/// k ≥ 2 and df ≥ 1, or for a NaN argument.
///
/// P(Q ≤ q) = ∫_0^∞ f_df(s) W_k(q s) ds, with W_k the CDF of the range of k standard normals
/// and f_df the density of the standard deviation on df degrees of freedom: both integrals by
/// adaptive Gauss–Kronrod, the outer one over the s where the density is within e^−46 of its
/// peak. This is the double integral scipy's `studentized_range` evaluates (adaptively, to
/// 1e-11); it agrees with it to 1e-10 on the grid of `tests/data/tukey_reference.csv`.
///
/// # Examples
///
/// ```
/// use wenjuan::stats::ptukey;
///
/// // scipy studentized_range.cdf(3.5, 4, 20) = 0.9050415494536981 (R's ptukey, whose fixed
/// // quadrature is good to about 1e-7, gives 0.90504154945144333)
/// // (tests/data/tukey_reference.csv)
/// assert!((ptukey(3.5, 4.0, 20.0) - 0.9050415494536981).abs() < 1e-10);
/// assert_eq!(ptukey(0.0, 4.0, 20.0), 0.0);
/// assert!(ptukey(3.5, 1.0, 20.0).is_nan());
/// ```
pub fn ptukey(q: f64, k: f64, df: f64) -> f64 {
    if let Some(upper) = two_means_upper(q, k, df) {
        return (0.5 - upper) + 0.5;
    }
    tukey_cdf(q, k, df)
}

/// With two means Q/√2 is |T| on df degrees of freedom, exactly: P(Q > q) = 2·P(T > q/√2).
fn two_means_upper(q: f64, k: f64, df: f64) -> Option<f64> {
    let usable = q > 0.0 && q.is_finite() && df > 0.0;
    if k != 2.0 || !usable {
        return None;
    }
    let t = StudentsT::new(0.0, 1.0, df).ok()?;
    Some(2.0 * t.sf(q / std::f64::consts::SQRT_2))
}

/// P(Q > q): the adjusted p-value of a Tukey or Games–Howell comparison.
pub fn ptukey_upper(q: f64, k: f64, df: f64) -> f64 {
    if let Some(upper) = two_means_upper(q, k, df) {
        return upper;
    }
    let p = ptukey(q, k, df);
    (0.5 - p) + 0.5
}

fn tukey_cdf(q: f64, k: f64, df: f64) -> f64 {
    if q.is_nan() || k.is_nan() || df.is_nan() {
        return f64::NAN;
    }
    if q <= 0.0 {
        return 0.0;
    }
    if df < 1.0 || k < 2.0 {
        return f64::NAN;
    }
    if q.is_infinite() {
        return 1.0;
    }
    let half = 0.5 * df;
    let lead = half * df.ln() - ln_gamma(half) - (half - 1.0) * std::f64::consts::LN_2;
    // The density's peak (at s = √((df − 1)/df), or 0 for df = 1) and where it has fallen by
    // e^46 on either side.
    let mode = ((df - 1.0) / df).sqrt();
    let peak = if mode > 0.0 {
        log_density(mode, df, lead)
    } else {
        lead
    };
    let drop = |s: f64| log_density(s, df, lead) - peak + 46.0;
    let bound = |mut inside: f64, mut outside: f64| {
        for _ in 0..200 {
            let mid = 0.5 * (inside + outside);
            if drop(mid) > 0.0 {
                inside = mid;
            } else {
                outside = mid;
            }
        }
        inside
    };
    let low = if mode > 0.0 && drop(f64::MIN_POSITIVE) < 0.0 {
        bound(mode, 0.0)
    } else {
        0.0
    };
    let mut far = mode.max(1.0) * 2.0;
    while drop(far) > 0.0 {
        far *= 2.0;
    }
    let high = bound(mode, far);
    let range = RangeCdf::new(k);
    let mut f = |s: f64| {
        if s <= 0.0 {
            return 0.0;
        }
        log_density(s, df, lead).exp() * range.cdf(q * s)
    };
    // Split at the peak so both sides are resolved.
    let split = mode.clamp(low, high);
    let total = integrate(&mut f, low, split, 1e-13, 0) + integrate(&mut f, split, high, 1e-13, 0);
    total.clamp(0.0, 1.0)
}

/// The studentized range quantile: the q with P(Q ≤ q) = p for `k` means and `df` degrees of
/// freedom (what R's `qtukey` estimates to 1e-4), solved to 1e-12 by Brent's method on
/// [`ptukey`]; None outside k ≥ 2, df ≥ 1, 0 < p < 1.
///
/// # Examples
///
/// ```
/// use wenjuan::stats::qtukey;
///
/// // scipy studentized_range.ppf(0.95, 4, 20) = 3.9582935609453846 (R's qtukey, a 1e-4 search,
/// // gives 3.9582934614503928) (tests/data/tukey_reference.csv)
/// let q = qtukey(0.95, 4.0, 20.0).expect("valid");
/// assert!((q - 3.9582935609453846).abs() < 1e-8);
/// assert_eq!(qtukey(1.0, 4.0, 20.0), None);
/// ```
pub fn qtukey(p: f64, k: f64, df: f64) -> Option<f64> {
    if k == 2.0 && df > 0.0 {
        let t = crate::stats::t_quantile(crate::stats::Confidence::new(p).ok()?, df)?;
        return Some(t * std::f64::consts::SQRT_2);
    }
    if !(p > 0.0 && p < 1.0 && k >= 2.0 && df >= 1.0) {
        return None;
    }
    let f = |q: f64| ptukey(q, k, df) - p;
    // Bracket: P(Q ≤ 0) = 0 < p; double the upper end until it passes p.
    let (mut a, mut b) = (0.0_f64, 4.0_f64);
    let (mut fa, mut fb) = (-p, f(b));
    let mut grow = 0;
    while fb < 0.0 {
        a = b;
        fa = fb;
        b *= 2.0;
        fb = f(b);
        grow += 1;
        if grow > 60 || fb.is_nan() {
            return None;
        }
    }
    brent(f, a, b, fa, fb, 1e-12)
}

/// Brent's root finder (zeroin) on a bracket [a, b] with f(a), f(b) of opposite signs.
fn brent(
    f: impl Fn(f64) -> f64,
    mut a: f64,
    mut b: f64,
    mut fa: f64,
    mut fb: f64,
    tol: f64,
) -> Option<f64> {
    if fa == 0.0 {
        return Some(a);
    }
    if fb == 0.0 {
        return Some(b);
    }
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut e = d;
    for _ in 0..200 {
        if (fb > 0.0) == (fc > 0.0) {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol1 = 2.0 * f64::EPSILON * b.abs() + 0.5 * tol;
        let m = 0.5 * (c - b);
        if m.abs() <= tol1 || fb == 0.0 {
            return Some(b);
        }
        if e.abs() >= tol1 && fa.abs() > fb.abs() {
            let s = fb / fa;
            let (mut p, mut q);
            if a == c {
                p = 2.0 * m * s;
                q = 1.0 - s;
            } else {
                let qq = fa / fc;
                let r = fb / fc;
                p = s * (2.0 * m * qq * (qq - r) - (b - a) * (r - 1.0));
                q = (qq - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if 2.0 * p < (3.0 * m * q - (tol1 * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = m;
            }
        } else {
            d = m;
            e = m;
        }
        a = b;
        fa = fb;
        b += if d.abs() > tol1 { d } else { tol1.copysign(m) };
        fb = f(b);
        if fb.is_nan() {
            return None;
        }
    }
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges() {
        assert_eq!(ptukey(-1.0, 3.0, 10.0), 0.0);
        assert_eq!(ptukey(f64::INFINITY, 3.0, 10.0), 1.0);
        assert!(ptukey(2.0, 3.0, 0.5).is_nan());
        assert!(ptukey(f64::NAN, 3.0, 10.0).is_nan());
        assert_eq!(qtukey(0.0, 3.0, 10.0), None);
        assert_eq!(qtukey(0.5, 1.0, 10.0), None);
        // Round trip.
        let q = qtukey(0.9, 5.0, 37.5).unwrap_or(f64::NAN);
        assert!((ptukey(q, 5.0, 37.5) - 0.9).abs() < 1e-12);
        // Two means: Q/√2 is |t|, so the quantile is √2 times Student's.
        let q = qtukey(0.95, 2.0, 10.0).unwrap_or(f64::NAN);
        let t = crate::stats::t_quantile(crate::stats::Confidence::P95, 10.0).unwrap_or(0.0);
        assert!((q / std::f64::consts::SQRT_2 - t).abs() < 1e-9);
    }
}
