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
use crate::survey::analysis::{Combine, Entered, Figure, Grading, IndicatorDef, ScoringRule};
use crate::validity::Review;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Met,
    NotMet,
    Inconclusive,
    /// No valid answer to compute a value from.
    NoData,
    /// A score the evaluators entered: nothing to test against the target.
    Entered,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::NotMet => "not_met",
            Verdict::Inconclusive => "inconclusive",
            Verdict::NoData => "no_data",
            Verdict::Entered => "entered",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let s = &lang.strings().indicators;
        match self {
            Verdict::Met => s.met,
            Verdict::NotMet => s.not_met,
            Verdict::Inconclusive => s.inconclusive,
            Verdict::NoData => s.no_data,
            Verdict::Entered => s.entered,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorResult {
    pub id: String,
    pub name: String,
    /// The 一级 and 二级 indicators it belongs to.
    pub level1: Option<String>,
    pub level2: Option<String>,
    /// Entered by the evaluators rather than computed from the survey, with where it came from.
    pub entered: bool,
    pub note: Option<String>,
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

/// A line the evaluators scored: its score as entered, or its entered value scored by the rule
/// (met or not met outright: an entered value has no interval).
fn entered(def: &IndicatorDef, e: &Entered) -> IndicatorResult {
    let (value, score, verdict) = match (e.score, e.value) {
        (Some(s), _) => (f64::NAN, s, Verdict::Entered),
        (None, Some(v)) => (
            v,
            score(&def.rule, def.figure, v, def.target, def.points),
            verdict(v, v, def.target),
        ),
        (None, None) => (f64::NAN, 0.0, Verdict::NoData),
    };
    IndicatorResult {
        id: def.id.clone(),
        name: def.name.clone(),
        level1: def.level1.clone(),
        level2: def.level2.clone(),
        entered: true,
        note: e.note.clone(),
        population: String::new(),
        population_name: String::new(),
        figure: def.figure,
        combine: def.combine,
        questions: Vec::new(),
        value,
        ci_low: f64::NAN,
        ci_high: f64::NAN,
        n: 0,
        n_eff: 0.0,
        target: def.target,
        points: def.points,
        rule: def.rule.clone(),
        score,
        verdict,
        more_needed: None,
        too_close: false,
        weighted: false,
    }
}

fn evaluate_one(
    survey: &Survey,
    datasets: &[Dataset],
    reviews: Option<&[&Review]>,
    def: &IndicatorDef,
    settings: Settings,
) -> Result<IndicatorResult> {
    if let Some(e) = &def.entered {
        return Ok(entered(def, e));
    }
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
    let review = reviews.and_then(|r| r.get(position));
    let keep = review.map(|r| r.keep());
    let weights = if def.weighted {
        let design = review.map(|r| r.design_rows());
        weighting::row_weights(survey, dataset, design.as_deref())?.map(|w| w.weights)
    } else {
        None
    };
    let dropped = keep.as_deref().and_then(crate::model::few_dropped);
    let sample = Sample {
        keep: keep.as_deref(),
        dropped: dropped.as_deref(),
        weights: weights.as_deref(),
        // A filtered subset's own size is unknown: no finite population correction.
        population_size: survey.populations[dataset.population]
            .size
            .filter(|_| !review.is_some_and(|r| r.is_filtered())),
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
        level1: def.level1.clone(),
        level2: def.level2.clone(),
        entered: false,
        note: None,
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

/// The whole indicator table of one questionnaire: its lines, the subtotal of each 一级 indicator,
/// the total and its grade — and the grades the total could reach within the survey figures'
/// intervals, which no hand-made table says.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorTable {
    pub title: String,
    pub lines: Vec<IndicatorResult>,
    /// (一级 indicator, points, score), in the order they first appear; lines without one are
    /// in no subtotal.
    pub subtotals: Vec<(String, f64, f64)>,
    pub points: f64,
    pub score: f64,
    pub grade: Option<String>,
    /// The total and its grade with every survey-fed line at its interval's low end, and at its
    /// high end (entered lines as they are).
    pub low: (f64, Option<String>),
    pub high: (f64, Option<String>),
}

impl IndicatorTable {
    /// Whether the grade could differ within the survey figures' intervals.
    pub fn grade_uncertain(&self) -> bool {
        self.low.1 != self.high.1
    }

    /// The subtotal (一级 indicator, points, score) that follows line `i`: the one of its 一级
    /// indicator when `i` is that indicator's last line.
    pub fn subtotal_after(&self, i: usize) -> Option<&(String, f64, f64)> {
        let level1 = self.lines.get(i)?.level1.as_ref()?;
        if self.lines[i + 1..]
            .iter()
            .any(|l| l.level1.as_ref() == Some(level1))
        {
            return None;
        }
        self.subtotals.iter().find(|(l, _, _)| l == level1)
    }

    /// The total as a share of the points, in percent (得分率), which the grade reads.
    pub fn rate(&self) -> f64 {
        rate(self.score, self.points)
    }
}

/// A score as a share of the points, in percent (得分率); the score itself when there are no points.
pub fn rate(score: f64, points: f64) -> f64 {
    if points > 0.0 {
        score / points * 100.0
    } else {
        score
    }
}

/// The table of `lines` (one questionnaire's indicators), graded by `grading` on its score rate.
pub fn table(title: &str, lines: Vec<IndicatorResult>, grading: &Grading) -> IndicatorTable {
    let mut subtotals: Vec<(String, f64, f64)> = Vec::new();
    for l in &lines {
        if let Some(level1) = &l.level1 {
            match subtotals.iter_mut().find(|(name, _, _)| name == level1) {
                Some(s) => {
                    s.1 += l.points;
                    s.2 += l.score;
                }
                None => subtotals.push((level1.clone(), l.points, l.score)),
            }
        }
    }
    let points: f64 = lines.iter().map(|l| l.points).sum();
    let total: f64 = lines.iter().map(|l| l.score).sum();
    // A survey line's score at each end of its interval (scores rise with the value, but a
    // stepped rule may jump: take the lower and the higher of the two).
    let (mut low, mut high) = (0.0, 0.0);
    for l in &lines {
        if l.entered || !l.ci_low.is_finite() || !l.ci_high.is_finite() {
            low += l.score;
            high += l.score;
            continue;
        }
        let at = |v: f64| score(&l.rule, l.figure, v, l.target, l.points);
        let (a, b) = (at(l.ci_low), at(l.ci_high));
        low += a.min(b).min(l.score);
        high += a.max(b).max(l.score);
    }
    // Bands are on the 100-point scale: a table of other points is graded on its score rate.
    let grade = |t: f64| grading.grade(rate(t, points)).map(str::to_string);
    IndicatorTable {
        title: title.to_string(),
        subtotals,
        points,
        score: total,
        grade: grade(total),
        low: (low, grade(low)),
        high: (high, grade(high)),
        lines,
    }
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

    fn line(level1: &str, points: f64, score_: f64, ci: Option<(f64, f64)>) -> IndicatorResult {
        IndicatorResult {
            id: String::new(),
            name: String::new(),
            level1: Some(level1.into()),
            level2: None,
            entered: ci.is_none(),
            note: None,
            population: String::new(),
            population_name: String::new(),
            figure: Figure::PositiveShare,
            combine: Combine::MeanOfItems,
            questions: Vec::new(),
            value: f64::NAN,
            ci_low: ci.map_or(f64::NAN, |c| c.0),
            ci_high: ci.map_or(f64::NAN, |c| c.1),
            n: 0,
            n_eff: 0.0,
            target: 0.9,
            points,
            rule: ScoringRule::Proportional,
            score: score_,
            verdict: Verdict::Entered,
            more_needed: None,
            too_close: false,
            weighted: false,
        }
    }

    #[test]
    fn the_table_adds_up_and_grades_with_the_bands() {
        // Seed 000: 决策 10, 过程 18.7, 产出 38.71, 效益 24.01 → 91.42, 优 on the common bands.
        let lines = vec![
            line("决策", 10.0, 10.0, None),
            line("过程", 20.0, 18.7, None),
            line("产出", 40.0, 38.71, None),
            line("效益", 30.0, 24.01, None),
        ];
        let common = Grading {
            bands: vec![
                ("优".into(), 90.0),
                ("良".into(), 80.0),
                ("中".into(), 60.0),
                ("差".into(), f64::NEG_INFINITY),
            ],
        };
        let t = table("t", lines.clone(), &common);
        assert!((t.score - 91.42).abs() < 1e-9);
        assert_eq!(t.points, 100.0);
        assert_eq!(t.grade.as_deref(), Some("优"));
        assert_eq!(t.subtotals.len(), 4);
        assert!(!t.grade_uncertain());
        // Seed 004's bands, the default.
        assert_eq!(
            table("t", lines, &Grading::default()).grade.as_deref(),
            Some("优秀")
        );
        assert_eq!(Grading::default().grade(84.99), Some("良好"));
        assert_eq!(Grading::default().grade(59.0), Some("较差"));
    }

    #[test]
    fn a_grade_that_the_intervals_could_change_is_said_to() {
        // A 10-point share line, proportional to a 90% target: 81% scores 9, its interval
        // 72% – 90% scores 8 – 10.
        let mut survey_line = line("效益", 10.0, 9.0, Some((0.72, 0.90)));
        survey_line.value = 0.81;
        // With 80 points for sure the total is 89 of 100 (88 – 90): 优秀 whatever the interval.
        let t = table(
            "t",
            vec![line("决策", 90.0, 80.0, None), survey_line.clone()],
            &Grading::default(),
        );
        assert_eq!(t.grade.as_deref(), Some("优秀"));
        assert!((t.low.0 - 88.0).abs() < 1e-9 && (t.high.0 - 90.0).abs() < 1e-9);
        assert!(!t.grade_uncertain());
        // With 76 for sure it is 85 (84 – 86), on the 优秀 / 良好 edge: the interval could
        // change the grade.
        let t = table(
            "t",
            vec![line("决策", 90.0, 76.0, None), survey_line],
            &Grading::default(),
        );
        assert_eq!(t.grade.as_deref(), Some("优秀"));
        assert_eq!(t.low.1.as_deref(), Some("良好"));
        assert_eq!(t.high.1.as_deref(), Some("优秀"));
        assert!(t.grade_uncertain());
    }

    #[test]
    fn a_table_of_other_points_is_graded_on_its_score_rate() {
        // 17 of 20 points is a score rate of 85%: 优秀 on seed 004's bands, not 较差 (17 < 60).
        let t = table(
            "t",
            vec![line("效益", 20.0, 17.0, None)],
            &Grading::default(),
        );
        assert!((t.rate() - 85.0).abs() < 1e-9);
        assert_eq!(t.grade.as_deref(), Some("优秀"));
        assert_eq!(t.low.1.as_deref(), Some("优秀"));
        assert_eq!(rate(3.0, 0.0), 3.0);
    }
}
