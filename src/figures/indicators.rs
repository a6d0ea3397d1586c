//! Scored indicators (效益指标, 满意度指标): an indicator's value from the survey figures, the
//! points it earns under its scoring rule, and an honest verdict — met only when the whole
//! interval clears the target, not met when the whole interval is below it, inconclusive when the
//! target lies inside it (with about how many more responses would settle it).

use crate::error::{Error, Result};
use crate::figures::Settings;
use crate::figures::composite::{self, Sample};
use crate::figures::weighting;
use crate::i18n::Lang;
use crate::model::Dataset;
use crate::survey::Survey;
use crate::survey::analysis::{Combine, Figure, IndicatorDef, ScoringRule};
use crate::validity::Review;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Met,
    NotMet,
    Inconclusive,
    /// No valid answer to compute a value from.
    NoData,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::NotMet => "not_met",
            Verdict::Inconclusive => "inconclusive",
            Verdict::NoData => "no_data",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let s = &lang.strings().indicators;
        match self {
            Verdict::Met => s.met,
            Verdict::NotMet => s.not_met,
            Verdict::Inconclusive => s.inconclusive,
            Verdict::NoData => s.no_data,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorResult {
    pub id: String,
    pub name: String,
    pub population: String,
    /// The population's display name (社会公众).
    pub population_name: String,
    pub figure: Figure,
    pub combine: Combine,
    pub questions: Vec<String>,
    /// NaN when there is no data.
    pub value: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// Respondents the value is computed from.
    pub n: u64,
    /// The effective sample size the interval used.
    pub n_eff: f64,
    pub target: f64,
    pub points: f64,
    pub rule: ScoringRule,
    pub score: f64,
    pub verdict: Verdict,
    pub more_needed: Option<u64>,
    /// Inconclusive, and the value so close to the target that no realistic sample (see
    /// [`super::composite::MORE_NEEDED_CAP`]) would settle it.
    pub too_close: bool,
    pub weighted: bool,
}

/// Points earned by `value` against `target` under `rule` (a pure function of the four).
pub fn score(rule: &ScoringRule, figure: Figure, value: f64, target: f64, points: f64) -> f64 {
    if !value.is_finite() {
        return 0.0;
    }
    let ratio = if target > 0.0 {
        (value / target).min(1.0)
    } else {
        1.0
    };
    let raw = match rule {
        ScoringRule::Proportional => points * ratio,
        ScoringRule::Threshold => {
            if value >= target {
                points
            } else {
                0.0
            }
        }
        ScoringRule::Deduction { per_point } => {
            // Percentage points for a share, score units for a mean score.
            let unit = if figure == Figure::PositiveShare {
                100.0
            } else {
                1.0
            };
            let shortfall = ((target - value) * unit).max(0.0);
            points - per_point * shortfall
        }
        ScoringRule::Stepped { steps, times_ratio } => {
            let coefficient = steps
                .iter()
                .find(|(bound, _)| ratio >= *bound - 1e-12)
                .map_or(0.0, |(_, c)| *c);
            points * coefficient * if *times_ratio { ratio } else { 1.0 }
        }
    };
    raw.clamp(0.0, points)
}

/// Met when the whole interval is at or above the target, not met when it is all below.
pub fn verdict(low: f64, high: f64, target: f64) -> Verdict {
    if !(low.is_finite() && high.is_finite()) {
        Verdict::NoData
    } else if low >= target {
        Verdict::Met
    } else if high < target {
        Verdict::NotMet
    } else {
        Verdict::Inconclusive
    }
}

/// Evaluates every indicator of `survey` on the valid responses (`reviews[p]` for population `p`,
/// or every response).
pub fn evaluate(
    survey: &Survey,
    datasets: &[Dataset],
    reviews: Option<&[&Review]>,
    settings: Settings,
) -> Result<Vec<IndicatorResult>> {
    survey
        .indicators
        .iter()
        .map(|def| evaluate_one(survey, datasets, reviews, def, settings))
        .collect()
}

fn evaluate_one(
    survey: &Survey,
    datasets: &[Dataset],
    reviews: Option<&[&Review]>,
    def: &IndicatorDef,
    settings: Settings,
) -> Result<IndicatorResult> {
    let position = datasets
        .iter()
        .position(|d| survey.populations[d.population].id == def.population)
        .ok_or_else(|| {
            Error::input(crate::msg!(
                no_responses_for_indicator,
                def.id,
                def.population
            ))
        })?;
    let dataset = &datasets[position];
    let keep = reviews.and_then(|r| r.get(position)).map(|r| r.keep());
    let weights = if def.weighted {
        weighting::row_weights(survey, dataset, keep.as_deref())?.map(|w| w.weights)
    } else {
        None
    };
    let sample = Sample {
        keep: keep.as_deref(),
        weights: weights.as_deref(),
        population_size: survey.populations[dataset.population].size,
    };
    let questions: Vec<usize> = def
        .questions
        .iter()
        .filter_map(|id| {
            survey
                .questions_for(&def.population)
                .find(|(_, q)| &q.id == id)
                .map(|(i, _)| i)
        })
        .collect();
    let c = composite::composite(
        survey,
        dataset,
        &questions,
        def.figure,
        def.combine,
        &sample,
        settings,
    )?;
    let (value, low, high, n, n_eff) = match &c {
        Some(c) => (c.value, c.low, c.high, c.n, c.n_eff),
        None => (f64::NAN, f64::NAN, f64::NAN, 0, 0.0),
    };
    let verdict = verdict(low, high, def.target);
    let more_needed = match (&c, verdict) {
        (Some(c), Verdict::Inconclusive) => {
            composite::more_needed(def.figure, c, def.target, &sample, settings)
        }
        _ => None,
    };
    Ok(IndicatorResult {
        id: def.id.clone(),
        name: def.name.clone(),
        population: def.population.clone(),
        population_name: survey.populations[dataset.population].name.clone(),
        figure: def.figure,
        combine: def.combine,
        questions: def.questions.clone(),
        value,
        ci_low: low,
        ci_high: high,
        n,
        n_eff,
        target: def.target,
        points: def.points,
        rule: def.rule.clone(),
        score: score(&def.rule, def.figure, value, def.target, def.points),
        verdict,
        more_needed,
        too_close: verdict == Verdict::Inconclusive && more_needed.is_none(),
        weighted: def.weighted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::analysis::STEPS_003;

    fn stepped() -> ScoringRule {
        ScoringRule::Stepped {
            steps: STEPS_003.to_vec(),
            times_ratio: false,
        }
    }

    #[test]
    fn proportional_caps_at_full_points() {
        let r = ScoringRule::Proportional;
        assert_eq!(score(&r, Figure::PositiveShare, 0.90, 0.90, 10.0), 10.0);
        assert_eq!(score(&r, Figure::PositiveShare, 0.95, 0.90, 10.0), 10.0);
        assert!((score(&r, Figure::PositiveShare, 0.81, 0.90, 10.0) - 9.0).abs() < 1e-12);
        assert_eq!(score(&r, Figure::PositiveShare, f64::NAN, 0.90, 10.0), 0.0);
        assert_eq!(
            score(&r, Figure::PositiveShare, 0.5, 0.9, 0.0),
            0.0,
            "0 points earn 0"
        );
    }

    #[test]
    fn stepped_coefficients_follow_seed_003_at_their_edges() {
        // Seed 003: 资金支出率 76.45% of plan falls in the ≥70% step (×0.8).
        let cases = [
            (0.90, 1.0),
            (0.8999, 0.9),
            (0.80, 0.9),
            (0.7645, 0.8),
            (0.70, 0.8),
            (0.60, 0.7),
            (0.5999, 0.5),
            (0.30, 0.5),
            (0.2999, 0.0),
            (0.0, 0.0),
        ];
        for (ratio, coefficient) in cases {
            let s = score(&stepped(), Figure::PositiveShare, ratio, 1.0, 4.0);
            assert!((s - 4.0 * coefficient).abs() < 1e-12, "ratio {ratio}: {s}");
        }
        let proportional_first = ScoringRule::Stepped {
            steps: STEPS_003.to_vec(),
            times_ratio: true,
        };
        // 4 points × 0.7645 × 0.8.
        let s = score(&proportional_first, Figure::PositiveShare, 0.7645, 1.0, 4.0);
        assert!((s - 4.0 * 0.7645 * 0.8).abs() < 1e-12);
    }

    #[test]
    fn deduction_and_threshold() {
        let d = ScoringRule::Deduction { per_point: 0.5 };
        assert_eq!(score(&d, Figure::PositiveShare, 0.90, 0.90, 8.0), 8.0);
        assert!(
            (score(&d, Figure::PositiveShare, 0.87, 0.90, 8.0) - 6.5).abs() < 1e-9,
            "3 points short"
        );
        assert_eq!(
            score(&d, Figure::PositiveShare, 0.50, 0.90, 8.0),
            0.0,
            "never below 0"
        );
        assert!(
            (score(&d, Figure::MeanScore, 82.0, 85.0, 8.0) - 6.5).abs() < 1e-12,
            "score units"
        );
        let t = ScoringRule::Threshold;
        assert_eq!(
            score(&t, Figure::PositiveShare, 0.90, 0.90, 8.0),
            8.0,
            "exactly at target"
        );
        assert_eq!(score(&t, Figure::PositiveShare, 0.8999, 0.90, 8.0), 0.0);
    }

    #[test]
    fn verdicts_at_the_boundary() {
        assert_eq!(
            verdict(0.90, 0.95, 0.90),
            Verdict::Met,
            "interval starting at the target"
        );
        assert_eq!(verdict(0.85, 0.8999, 0.90), Verdict::NotMet);
        assert_eq!(
            verdict(0.85, 0.90, 0.90),
            Verdict::Inconclusive,
            "interval ending at the target"
        );
        assert_eq!(verdict(f64::NAN, f64::NAN, 0.9), Verdict::NoData);
    }
}
