//! Figures over several questions at once (an indicator, a dimension): the mean of the items'
//! figures, or each respondent's mean over the items they rated and then the mean of those — with
//! the composite's own interval.
//!
//! Items answered by the same people are correlated, so the composite's variance is estimated by
//! Taylor linearization, as R's `survey` package does for a contrast of ratio estimates: each
//! respondent's influence z_r = (1/k) Σ_i w_r a_ri (y_ri − p_i) / W_i (a_ri: answered item i,
//! W_i = Σ_r w_r a_ri), Var = m/(m−1) Σ_r z_r² over the m respondents who rated any item. A share's
//! interval then uses the chosen method at the effective size n* = C(1−C)/Var (the construction
//! the finite population correction and the weights use too); a mean score's is C ± t(m−1)·√Var.
//! With a known population size the variance is multiplied by 1 − m/N (unweighted only). One
//! unweighted item gives exactly that question's own figure.

use crate::error::{Error, Result};
use crate::model::{AnswerValue, Answers, Dataset};
use crate::stats::{self, Moments};
use crate::summary::Settings;
use crate::survey::Survey;
use crate::survey::analysis::{Combine, Figure};

/// Which rows count, with what weight, out of how large a population.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sample<'a> {
    pub keep: Option<&'a [bool]>,
    pub weights: Option<&'a [f64]>,
    pub population_size: Option<u64>,
}

impl Sample<'_> {
    #[inline]
    fn weight(&self, row: usize) -> f64 {
        if self.keep.is_some_and(|k| !k[row]) {
            return 0.0;
        }
        self.weights.map_or(1.0, |w| w[row])
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Composite {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    /// Respondents who rated at least one item.
    pub n: u64,
    /// The effective sample size the interval used (Kish's for weights, the design's for a
    /// composite share); equals n for one unweighted item.
    pub n_eff: f64,
    /// Variance of the estimate (before the finite population correction).
    pub variance: f64,
}

/// Per distinct answer: the item's value for the figure (1/0 for a positive level, the level's
/// score), or `None` when the answer is not on a level.
fn values(survey: &Survey, question: usize, answers: &Answers, figure: Figure) -> Vec<Option<f64>> {
    let scale = survey.scale_of(&survey.questions[question]);
    answers
        .distinct
        .iter()
        .map(|a| match (a.value.clone(), scale) {
            (AnswerValue::Level(k), Some(s)) => {
                let level = &s.levels[k as usize];
                match figure {
                    Figure::PositiveShare => Some(if level.positive { 1.0 } else { 0.0 }),
                    Figure::MeanScore => level.score,
                }
            }
            _ => None,
        })
        .collect()
}

fn fpc(sample: &Sample, m: f64) -> f64 {
    match (sample.population_size, sample.weights) {
        (Some(n_pop), None) if n_pop > 0 => (1.0 - m / n_pop as f64).max(0.0),
        _ => 1.0,
    }
}

/// The interval of an estimate with this (uncorrected) variance from m respondents.
pub fn interval(
    figure: Figure,
    value: f64,
    variance: f64,
    m: u64,
    sample: &Sample,
    settings: Settings,
) -> (f64, f64, f64) {
    let corrected = variance * fpc(sample, m as f64);
    match figure {
        Figure::PositiveShare => {
            if corrected <= 0.0 {
                // A census, or everyone alike: no sampling spread to show (value 0 or 1 keeps the
                // method's own edge interval at n = m).
                if fpc(sample, m as f64) == 0.0 {
                    return (value, value, f64::INFINITY);
                }
                let ci = stats::proportion_interval(
                    value * m as f64,
                    m as f64,
                    settings.method,
                    settings.conf,
                );
                return ci.map_or((f64::NAN, f64::NAN, m as f64), |c| {
                    (c.low, c.high, m as f64)
                });
            }
            let n_eff = value * (1.0 - value) / corrected;
            match stats::proportion_interval(value * n_eff, n_eff, settings.method, settings.conf) {
                Some(c) => (c.low, c.high, n_eff),
                None => (f64::NAN, f64::NAN, n_eff),
            }
        }
        Figure::MeanScore => {
            let half = stats::t_quantile(settings.conf, m as f64 - 1.0)
                .map_or(f64::NAN, |t| t * corrected.sqrt());
            (value - half, value + half, m as f64)
        }
    }
}

/// The composite of `questions` (indices into `survey.questions`) over `sample`; `None` when no
/// respondent rated any of them.
pub fn composite(
    survey: &Survey,
    dataset: &Dataset,
    questions: &[usize],
    figure: Figure,
    combine: Combine,
    sample: &Sample,
    settings: Settings,
) -> Result<Option<Composite>> {
    let items: Vec<(&Answers, Vec<Option<f64>>)> = questions
        .iter()
        .filter_map(|&q| {
            let a = dataset.answers[q].as_ref()?;
            Some((a, values(survey, q, a, figure)))
        })
        .collect();
    if items.is_empty() {
        return Ok(None);
    }
    if items.len() == 1 && sample.weights.is_none() {
        return single(&items[0], figure, sample, settings);
    }
    let rows = dataset.rows;
    // Per item: Σw over answered rows and the weighted mean.
    let mut sum_w = vec![0.0f64; items.len()];
    let mut sum_wy = vec![0.0f64; items.len()];
    let mut rated = vec![false; rows];
    for (i, (answers, vals)) in items.iter().enumerate() {
        answers.codes.for_each(|row, code| {
            if let Some(y) = vals[code as usize] {
                let w = sample.weight(row);
                if w > 0.0 {
                    sum_w[i] += w;
                    sum_wy[i] += w * y;
                    rated[row] = true;
                }
            }
        });
    }
    let m = rated.iter().filter(|&&r| r).count() as u64;
    if m == 0 {
        return Ok(None);
    }
    let (value, variance) = match combine {
        Combine::MeanOfItems => {
            let live: Vec<usize> = (0..items.len()).filter(|&i| sum_w[i] > 0.0).collect();
            let k = live.len() as f64;
            let means: Vec<f64> = (0..items.len())
                .map(|i| {
                    if sum_w[i] > 0.0 {
                        sum_wy[i] / sum_w[i]
                    } else {
                        0.0
                    }
                })
                .collect();
            let value = live.iter().map(|&i| means[i]).sum::<f64>() / k;
            let mut z = vec![0.0f64; rows];
            for &i in &live {
                let (answers, vals) = &items[i];
                answers.codes.for_each(|row, code| {
                    if let Some(y) = vals[code as usize] {
                        let w = sample.weight(row);
                        if w > 0.0 {
                            z[row] += w * (y - means[i]) / sum_w[i] / k;
                        }
                    }
                });
            }
            let ss: f64 = z.iter().map(|v| v * v).sum();
            (value, linearized(ss, m))
        }
        Combine::RespondentMean => {
            // Each respondent's mean over the items they rated.
            let mut total = vec![0.0f64; rows];
            let mut count = vec![0u32; rows];
            for (answers, vals) in &items {
                answers.codes.for_each(|row, code| {
                    if let Some(y) = vals[code as usize] {
                        total[row] += y;
                        count[row] += 1;
                    }
                });
            }
            let mut sw = 0.0f64;
            let mut swy = 0.0f64;
            for row in 0..rows {
                let w = sample.weight(row);
                if count[row] > 0 && w > 0.0 {
                    sw += w;
                    swy += w * total[row] / f64::from(count[row]);
                }
            }
            let value = swy / sw;
            let mut ss = 0.0f64;
            for row in 0..rows {
                let w = sample.weight(row);
                if count[row] > 0 && w > 0.0 {
                    let z = w * (total[row] / f64::from(count[row]) - value) / sw;
                    ss += z * z;
                }
            }
            (value, linearized(ss, m))
        }
    };
    let (low, high, n_eff) = interval(figure, value, variance, m, sample, settings);
    Ok(Some(Composite {
        value,
        low,
        high,
        n: m,
        n_eff,
        variance,
    }))
}

/// m/(m−1) Σ z², the with-replacement linearized variance; 0 for one respondent.
fn linearized(sum_sq: f64, m: u64) -> f64 {
    if m < 2 {
        0.0
    } else {
        sum_sq * m as f64 / (m as f64 - 1.0)
    }
}

/// One unweighted item: the question's own share or mean score, with its own interval.
fn single(
    item: &(&Answers, Vec<Option<f64>>),
    figure: Figure,
    sample: &Sample,
    settings: Settings,
) -> Result<Option<Composite>> {
    let (answers, vals) = item;
    let counts = answers.counts(sample.keep);
    let mut moments = Moments::new();
    for (code, &n) in counts.iter().enumerate() {
        if let Some(y) = vals[code]
            && n > 0
        {
            moments.add(y, n);
        }
    }
    let m = moments.n();
    let Some(mean) = moments.mean() else {
        return Ok(None);
    };
    let to_err = |e: stats::StatsError| Error::input(e.to_string());
    let (estimate, variance) = match figure {
        Figure::PositiveShare => {
            let x = (mean * m as f64).round() as u64;
            (
                stats::proportion(x, m, settings.method, settings.conf, sample.population_size)
                    .map_err(to_err)?,
                mean * (1.0 - mean) / m as f64,
            )
        }
        Figure::MeanScore => (
            stats::mean_interval(&moments, settings.conf, sample.population_size)
                .map_err(to_err)?,
            moments.variance().unwrap_or(0.0) / m as f64,
        ),
    };
    Ok(estimate.map(|e| Composite {
        value: e.estimate,
        low: e.low,
        high: e.high,
        n: m,
        n_eff: m as f64,
        variance,
    }))
}

/// About how many more valid responses, at the observed value, would put the whole interval on
/// one side of `target`; `None` when the value equals the target (no sample size settles it) or
/// the interval already does.
pub fn more_needed(
    figure: Figure,
    c: &Composite,
    target: f64,
    sample: &Sample,
    settings: Settings,
) -> Option<u64> {
    if c.low > target || c.high < target || (c.low >= target && c.value > target) {
        return None;
    }
    if c.value == target || !c.variance.is_finite() || c.n == 0 {
        return None;
    }
    // The per-respondent variance, held fixed as the sample grows.
    let unit = c.variance * c.n as f64;
    let settled = |m: u64| -> bool {
        let (low, high, _) = interval(figure, c.value, unit / m as f64, m, sample, settings);
        if c.value > target {
            low >= target
        } else {
            high < target
        }
    };
    let cap = match (sample.population_size, sample.weights) {
        (Some(n_pop), None) => n_pop,
        _ => 1_000_000_000,
    };
    let mut hi = c.n.max(1);
    while !settled(hi) {
        if hi >= cap {
            return None;
        }
        hi = (hi * 2).min(cap);
    }
    let mut lo = c.n;
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if settled(mid) { hi = mid } else { lo = mid }
    }
    Some(hi - c.n)
}
