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

use crate::error::Result;
use crate::figures::Settings;
use crate::model::{AnswerValue, Answers, Dataset};
use crate::stats::{self, Moments};
use crate::survey::Survey;
use crate::survey::analysis::{Combine, Figure};

/// Which rows count, with what weight, out of how large a population.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sample<'a> {
    pub keep: Option<&'a [bool]>,
    /// The rows `keep` leaves out, listed once for a population when they are few
    /// ([`crate::model::few_dropped`]); `None` to read `keep`.
    pub dropped: Option<&'a [u32]>,
    pub weights: Option<&'a [f64]>,
    pub population_size: Option<u64>,
}

impl Sample<'_> {
    /// How many of the rows this sample keeps carry each of `answers`' distinct answers.
    pub fn counts(&self, answers: &Answers) -> Vec<u64> {
        match self.dropped {
            Some(dropped) => answers.counts_without(dropped),
            None => answers.counts(self.keep),
        }
    }

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
    composite_over(
        survey, dataset, questions, figure, combine, sample, settings, None,
    )
}

/// [`composite`], reusing the items' pattern tally when the caller already has it.
#[allow(clippy::too_many_arguments)]
pub fn composite_over(
    survey: &Survey,
    dataset: &Dataset,
    questions: &[usize],
    figure: Figure,
    combine: Combine,
    sample: &Sample,
    settings: Settings,
    patterns: Option<&Patterns>,
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
    let answers: Vec<&Answers> = items.iter().map(|(a, _)| *a).collect();
    let vals: Vec<&[Option<f64>]> = items.iter().map(|(_, v)| v.as_slice()).collect();
    let own;
    let patterns = match patterns {
        Some(p) => Some(p),
        None => {
            own = Patterns::tally(&answers, sample);
            own.as_ref()
        }
    };
    let estimate = match patterns {
        Some(patterns) => estimate(|f| patterns.each(f), &vals, combine),
        None => estimate(|f| each_row(&answers, sample, f), &vals, combine),
    };
    let Some((value, variance, m)) = estimate else {
        return Ok(None);
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

/// A unit of respondents who answered the items alike: their answer codes, how many they are, Σw
/// and Σw². The estimates below are sums over units, so they come out the same whether a unit is
/// one row or one pattern shared by many rows.
type Visit<'a> = &'a mut dyn FnMut(&[u32], u64, f64, f64);

/// Every kept row as its own unit.
fn each_row(answers: &[&Answers], sample: &Sample, f: Visit) {
    let rows = answers.first().map_or(0, |a| a.codes.len());
    let mut codes = vec![0u32; answers.len()];
    for row in 0..rows {
        let w = sample.weight(row);
        if w > 0.0 {
            for (c, a) in codes.iter_mut().zip(answers) {
                *c = a.codes.get(row);
            }
            f(&codes, 1, w, w * w);
        }
    }
}

/// The distinct answer patterns of a few items over a sample, tallied in one pass: a dimension's
/// composites and α then cost a pass over thousands of patterns, not over a million rows.
pub struct Patterns {
    /// Distinct answers per item (the radices of the pattern numbers).
    radices: Vec<usize>,
    /// Per pattern number: respondents.
    count: Vec<u32>,
    /// Per pattern number: Σw and Σw², when rows are weighted. Unweighted, both are the count:
    /// not storing them makes the table a sixth of the size (a million patterns are 4 MB).
    sums: Option<(Vec<f64>, Vec<f64>)>,
}

/// Above this many possible patterns, work row by row instead.
const MAX_PATTERNS: usize = 1 << 20;

impl Patterns {
    /// `None` when the items allow too many patterns for a table.
    pub fn tally(answers: &[&Answers], sample: &Sample) -> Option<Patterns> {
        let radices: Vec<usize> = answers.iter().map(|a| a.distinct.len().max(1)).collect();
        let cells = radices.iter().try_fold(1usize, |acc, &r| {
            acc.checked_mul(r).filter(|&c| c <= MAX_PATTERNS)
        })?;
        let mut count = vec![0u32; cells];
        let mut sums = sample
            .weights
            .map(|_| (vec![0.0f64; cells], vec![0.0f64; cells]));
        let rows = answers.first().map_or(0, |a| a.codes.len());
        // Pattern numbers are made a block of rows at a time, an item after the other, each a
        // pass down one column; then counted. Row by row, every item's width was tested anew.
        const BLOCK: usize = 1 << 14;
        let mut index = vec![0u32; BLOCK.min(rows)];
        for start in (0..rows).step_by(BLOCK) {
            let block = &mut index[..BLOCK.min(rows - start)];
            block.fill(0);
            for (a, &r) in answers.iter().zip(&radices) {
                // The radices multiply to at most MAX_PATTERNS, so each fits.
                let r = r as u32;
                a.codes.fold_into(start, block, |acc, code| acc * r + code);
            }
            match (&mut sums, sample.keep) {
                (None, None) => {
                    for &p in block.iter() {
                        count[p as usize] += 1;
                    }
                }
                (None, Some(keep)) => {
                    for (&p, &kept) in block.iter().zip(&keep[start..]) {
                        count[p as usize] += u32::from(kept);
                    }
                }
                (Some((sum_w, sum_w2)), _) => {
                    for (i, &p) in block.iter().enumerate() {
                        let w = sample.weight(start + i);
                        if w > 0.0 {
                            let p = p as usize;
                            count[p] += 1;
                            sum_w[p] += w;
                            sum_w2[p] += w * w;
                        }
                    }
                }
            }
        }
        Some(Patterns {
            radices,
            count,
            sums,
        })
    }

    /// Visits every pattern that occurs, in pattern-number order.
    pub fn each(&self, f: Visit) {
        let mut codes = vec![0u32; self.radices.len()];
        for (index, &n) in self.count.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let mut rest = index;
            for (c, &r) in codes.iter_mut().zip(&self.radices).rev() {
                *c = (rest % r) as u32;
                rest /= r;
            }
            let (sum_w, sum_w2) = match &self.sums {
                Some((sum_w, sum_w2)) => (sum_w[index], sum_w2[index]),
                None => (f64::from(n), f64::from(n)),
            };
            f(&codes, u64::from(n), sum_w, sum_w2);
        }
    }
}

/// Value, linearized variance and respondents of a composite, from its units.
fn estimate(
    units: impl Fn(Visit),
    vals: &[&[Option<f64>]],
    combine: Combine,
) -> Option<(f64, f64, u64)> {
    let k_all = vals.len();
    match combine {
        Combine::MeanOfItems => {
            // Per item: Σw over the respondents who rated it, and Σw·y.
            let mut sum_w = vec![0.0f64; k_all];
            let mut sum_wy = vec![0.0f64; k_all];
            units(&mut |codes, _, sw, _| {
                for i in 0..k_all {
                    if let Some(y) = vals[i][codes[i] as usize] {
                        sum_w[i] += sw;
                        sum_wy[i] += sw * y;
                    }
                }
            });
            let live: Vec<usize> = (0..k_all).filter(|&i| sum_w[i] > 0.0).collect();
            if live.is_empty() {
                return None;
            }
            let k = live.len() as f64;
            let means: Vec<f64> = (0..k_all)
                .map(|i| {
                    if sum_w[i] > 0.0 {
                        sum_wy[i] / sum_w[i]
                    } else {
                        0.0
                    }
                })
                .collect();
            let value = live.iter().map(|&i| means[i]).sum::<f64>() / k;
            // Each respondent's influence is w·a for the unit's a: Σ z² = Σ a²·Σw².
            let (mut ss, mut m) = (0.0f64, 0u64);
            units(&mut |codes, n, _, sw2| {
                let (mut a, mut any) = (0.0f64, false);
                for &i in &live {
                    if let Some(y) = vals[i][codes[i] as usize] {
                        any = true;
                        a += (y - means[i]) / sum_w[i];
                    }
                }
                if any {
                    m += n;
                    ss += (a / k) * (a / k) * sw2;
                }
            });
            Some((value, linearized(ss, m), m))
        }
        Combine::RespondentMean => {
            // Each respondent's mean over the items they rated.
            let mean_of = |codes: &[u32]| -> Option<f64> {
                let (mut total, mut count) = (0.0f64, 0u32);
                for i in 0..k_all {
                    if let Some(y) = vals[i][codes[i] as usize] {
                        total += y;
                        count += 1;
                    }
                }
                (count > 0).then(|| total / f64::from(count))
            };
            let (mut sw_all, mut swy, mut m) = (0.0f64, 0.0f64, 0u64);
            units(&mut |codes, n, sw, _| {
                if let Some(y) = mean_of(codes) {
                    sw_all += sw;
                    swy += sw * y;
                    m += n;
                }
            });
            if m == 0 {
                return None;
            }
            let value = swy / sw_all;
            let mut ss = 0.0f64;
            units(&mut |codes, _, _, sw2| {
                if let Some(y) = mean_of(codes) {
                    ss += (y - value) * (y - value) * sw2 / (sw_all * sw_all);
                }
            });
            Some((value, linearized(ss, m), m))
        }
    }
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
    let counts = sample.counts(answers);
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
    let to_err = super::stats_error;
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
/// one side of `target`; `None` when the interval already does, or when no realistic sample would:
/// the value is so close to the target that it would take more than [`MORE_NEEDED_CAP`] times the
/// responses in hand (or more people than the population has).
/// A sample this many times the one in hand is beyond any evaluation's fieldwork: a verdict that
/// would need more is said to be too close to the target to settle.
pub const MORE_NEEDED_CAP: u64 = 10;

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
    let realistic = c.n.saturating_mul(MORE_NEEDED_CAP).max(c.n + 1);
    let cap = match (sample.population_size, sample.weights) {
        (Some(n_pop), None) => n_pop.min(realistic),
        _ => realistic,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Codes;
    use crate::model::{Answer, AnswerValue};

    /// Three items answered by 500 respondents (deterministic pseudo-random levels and gaps).
    fn items() -> Vec<Answers> {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..3)
            .map(|_| {
                let mut codes = Codes::default();
                for _ in 0..500 {
                    codes.push((next() % 6) as u32);
                }
                let distinct = (0..6)
                    .map(|k| Answer {
                        text: k.to_string().into(),
                        value: if k < 5 {
                            AnswerValue::Level(k)
                        } else {
                            AnswerValue::NotApplicable(0)
                        },
                    })
                    .collect();
                Answers::new(codes, distinct, String::new())
            })
            .collect()
    }

    #[test]
    fn pattern_tally_and_row_by_row_agree() {
        let items = items();
        let answers: Vec<&Answers> = items.iter().collect();
        let positive: Vec<Option<f64>> = (0..6)
            .map(|k| (k < 5).then_some(if k < 2 { 1.0 } else { 0.0 }))
            .collect();
        let scores: Vec<Option<f64>> = (0..6)
            .map(|k| (k < 5).then_some(100.0 - 20.0 * k as f64))
            .collect();
        let weights: Vec<f64> = (0..500).map(|r| 0.5 + (r % 7) as f64 * 0.25).collect();
        let keep: Vec<bool> = (0..500).map(|r| r % 11 != 0).collect();
        for weighted in [false, true] {
            let sample = Sample {
                keep: Some(&keep),
                dropped: None,
                weights: weighted.then_some(weights.as_slice()),
                population_size: None,
            };
            let patterns = Patterns::tally(&answers, &sample).unwrap();
            for vals in [&positive, &scores] {
                let vals: Vec<&[Option<f64>]> = vec![vals, vals, vals];
                for combine in [Combine::MeanOfItems, Combine::RespondentMean] {
                    let (a, va, ma) = estimate(|f| patterns.each(f), &vals, combine).unwrap();
                    let (b, vb, mb) =
                        estimate(|f| each_row(&answers, &sample, f), &vals, combine).unwrap();
                    assert_eq!(ma, mb);
                    assert!(
                        (a - b).abs() < 1e-12 * a.abs().max(1.0),
                        "{combine:?} weighted={weighted}: {a} vs {b}"
                    );
                    assert!(
                        (va - vb).abs() < 1e-12 * va.abs().max(1e-12),
                        "{combine:?} weighted={weighted}: {va} vs {vb}"
                    );
                }
            }
        }
    }
}
