//! The analysis part of a definition: groups for breakdowns (`[[group]]`), post-stratification
//! weights (`[[weighting]]`) and the scored indicators (`[[indicator]]`) — parsed and checked
//! against the questionnaire, with the line of every mistake.

use super::{QuestionKind, Survey};
use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::msg;
use serde::Deserialize;
use std::path::Path;

/// Breaks figures down by a question's levels or a metadata column, optionally merging levels.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDef {
    pub id: String,
    pub name: String,
    pub source: GroupSource,
    /// Restricts the group to one population.
    pub population: Option<String>,
    /// Named groups of levels, in order (age bands from single ages …); levels not named stay
    /// groups of their own.
    pub merge: Vec<(String, Vec<String>)>,
    pub line: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum GroupSource {
    /// A question id.
    Question(String),
    /// A metadata column by its header (来源, 来自IP …).
    Meta(String),
}

/// Post-stratification of a population to known sizes of its strata.
#[derive(Debug, Clone, PartialEq)]
pub struct Weighting {
    pub population: String,
    /// Question ids whose answers form the strata (several: their combinations, keys joined by ×).
    pub by: Vec<String>,
    /// Stratum → population size (or share; only proportions matter).
    pub targets: Vec<(String, f64)>,
    pub line: Option<usize>,
    /// Raking to marginal totals (`method = "rake"`) instead of post-stratification to the
    /// full cross; `by` and `targets` are then empty.
    pub rake: Option<RakeDef>,
}

/// Raking of a population to several margins (township and age totals without their cross).
#[derive(Debug, Clone, PartialEq)]
pub struct RakeDef {
    pub margins: Vec<MarginDef>,
    /// Bounds on each weight relative to the mean weight, `[lower, upper]`.
    pub bounds: Option<(f64, f64)>,
    pub max_iterations: usize,
    /// Largest gap between a weighted margin share and its target for convergence.
    pub tolerance: f64,
}

/// One margin: the question(s) it is over and its category totals.
#[derive(Debug, Clone, PartialEq)]
pub struct MarginDef {
    pub by: Vec<String>,
    pub targets: Vec<(String, f64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    PositiveShare,
    MeanScore,
}

impl Figure {
    pub fn name(self) -> &'static str {
        match self {
            Figure::PositiveShare => "positive_share",
            Figure::MeanScore => "mean_score",
        }
    }
}

/// How an indicator combines several questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    /// The mean of the items' figures.
    MeanOfItems,
    /// Each respondent's mean over the items they rated, then the mean of those.
    RespondentMean,
}

impl Combine {
    pub fn name(self) -> &'static str {
        match self {
            Combine::MeanOfItems => "mean_of_items",
            Combine::RespondentMean => "respondent_mean",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ScoringRule {
    /// points × min(1, value / target).
    Proportional,
    /// points × the coefficient of the first step whose bound value / target reaches (steps from
    /// the highest bound down), times value / target as well when `times_ratio`.
    Stepped {
        steps: Vec<(f64, f64)>,
        times_ratio: bool,
    },
    /// Full points at the target, minus `per_point` for each percentage point (or score unit)
    /// below it, never below 0.
    Deduction { per_point: f64 },
    /// Full points at the target, else 0.
    Threshold,
}

impl ScoringRule {
    pub fn name(&self) -> &'static str {
        match self {
            ScoringRule::Proportional => "proportional",
            ScoringRule::Stepped { .. } => "stepped",
            ScoringRule::Deduction { .. } => "deduction",
            ScoringRule::Threshold => "threshold",
        }
    }
}

/// Seed 003's table: completion ≥ 90% ×1, ≥ 80% ×0.9, ≥ 70% ×0.8, ≥ 60% ×0.7, below 60% ×0.5,
/// below 30% ×0.
pub const STEPS_003: [(f64, f64); 6] = [
    (0.9, 1.0),
    (0.8, 0.9),
    (0.7, 0.8),
    (0.6, 0.7),
    (0.3, 0.5),
    (0.0, 0.0),
];

/// A line of the indicator table the survey does not feed (决策, 过程, 产出 …): the value or score
/// the evaluators entered, and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Entered {
    /// A value scored against the target by the rule (a share, or a number in score units).
    pub value: Option<f64>,
    /// A score given directly, in points.
    pub score: Option<f64>,
    /// Where the value or score came from (评价组核查 …).
    pub note: Option<String>,
}

/// A theme of a free-text question (交通: 停车, 公交, 道路 …): the respondents whose answer holds any of
/// its keywords.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeDef {
    /// The free-text question's id.
    pub question: String,
    /// The population, when the id is asked of several.
    pub population: Option<String>,
    pub name: String,
    pub keywords: Vec<String>,
    pub line: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ThemeToml {
    question: String,
    population: Option<String>,
    name: String,
    keywords: Vec<String>,
}

/// A `[[theme]]`: a declared free-text question and at least one keyword.
pub(super) fn theme(
    def: &ThemeToml,
    survey: &Survey,
    path: &Path,
    line: usize,
) -> Result<ThemeDef> {
    let text_question = survey.questions.iter().any(|q| {
        q.id == def.question
            && q.kind == QuestionKind::Text
            && def
                .population
                .as_ref()
                .is_none_or(|p| q.populations.is_empty() || q.populations.contains(p))
    });
    if !text_question {
        return Err(err(
            path,
            line,
            msg!(definition.theme_question, def.name, def.question),
        ));
    }
    let keywords: Vec<String> = def
        .keywords
        .iter()
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    if keywords.is_empty() {
        return Err(err(path, line, msg!(definition.theme_keywords, def.name)));
    }
    Ok(ThemeDef {
        question: def.question.clone(),
        population: def.population.clone(),
        name: def.name.clone(),
        keywords,
        line: Some(line),
    })
}

/// The grade bands of a total score, highest first: (name, lowest total), e.g. 优秀 ≥ 85.
#[derive(Debug, Clone, PartialEq)]
pub struct Grading {
    pub bands: Vec<(String, f64)>,
}

impl Default for Grading {
    /// Seed 004's bands: 优秀 ≥ 85, 良好 75–85, 一般 60–75, 较差 < 60.
    fn default() -> Self {
        Grading {
            bands: vec![
                ("优秀".into(), 85.0),
                ("良好".into(), 75.0),
                ("一般".into(), 60.0),
                ("较差".into(), f64::NEG_INFINITY),
            ],
        }
    }
}

impl Grading {
    /// The band a total falls in.
    pub fn grade(&self, total: f64) -> Option<&str> {
        self.bands
            .iter()
            .find(|(_, from)| total >= *from)
            .map(|(name, _)| name.as_str())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorDef {
    pub id: String,
    pub name: String,
    /// The 一级 and 二级 indicators the line belongs to (决策 / 项目立项), when the definition
    /// holds the whole table.
    pub level1: Option<String>,
    pub level2: Option<String>,
    /// Set for a line the evaluators score; `None` for a line the survey feeds.
    pub entered: Option<Entered>,
    /// The population the survey figure comes from (empty for an entered line).
    pub population: String,
    /// Question ids the indicator draws on.
    pub questions: Vec<String>,
    pub figure: Figure,
    pub combine: Combine,
    /// A share for positive_share (0.9), score units for mean_score.
    pub target: f64,
    pub points: f64,
    pub rule: ScoringRule,
    pub weighted: bool,
    pub line: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GroupToml {
    id: String,
    name: Option<String>,
    question: Option<String>,
    meta: Option<String>,
    population: Option<String>,
    #[serde(default)]
    merge: Vec<MergeToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MergeToml {
    name: String,
    levels: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WeightingToml {
    population: String,
    by: Option<OneOrMany>,
    targets: Option<toml::Table>,
    /// `"poststratify"` (default without margins) or `"rake"`.
    method: Option<String>,
    /// `[[weighting.margin]]` tables, or `margins = [{ by = …, targets = … }, …]`.
    #[serde(alias = "margins")]
    margin: Option<Vec<MarginToml>>,
    bounds: Option<(f64, f64)>,
    max_iterations: Option<i64>,
    tolerance: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MarginToml {
    by: OneOrMany,
    targets: toml::Table,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Amount {
    Number(f64),
    Text(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct IndicatorToml {
    id: String,
    name: Option<String>,
    level1: Option<String>,
    level2: Option<String>,
    population: Option<String>,
    questions: Option<Vec<String>>,
    dimension: Option<String>,
    figure: Option<String>,
    combine: Option<String>,
    target: Option<Amount>,
    points: f64,
    /// An entered line: its value (scored by the rule) or its score, and where it came from.
    value: Option<Amount>,
    score: Option<f64>,
    note: Option<String>,
    rule: Option<String>,
    steps: Option<Vec<(f64, f64)>>,
    times_ratio: Option<bool>,
    per_point: Option<f64>,
    weighted: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GradingToml {
    bands: Vec<(String, f64)>,
}

/// The `[grading]` table: bands of the total score, e.g. `[["优", 90], ["良", 80], ["中", 60], ["差", 0]]`.
pub(super) fn grading(def: &GradingToml, path: &Path, line: usize) -> Result<Grading> {
    let mut bands = def.bands.clone();
    if bands.is_empty()
        || bands
            .iter()
            .any(|(name, from)| name.is_empty() || !from.is_finite())
    {
        return Err(err(path, line, msg!(definition.grading_invalid)));
    }
    bands.sort_by(|a, b| b.1.total_cmp(&a.1));
    // The lowest band takes every total below it too.
    if let Some(last) = bands.last_mut() {
        last.1 = f64::NEG_INFINITY;
    }
    Ok(Grading { bands })
}

fn err(path: &Path, line: usize, message: Message) -> Error {
    Error::input(message).in_file(path).at_line(line)
}

/// The questions of population `population` with this id.
fn asked<'a>(survey: &'a Survey, population: &str, id: &str) -> Option<&'a super::Question> {
    survey.questions.iter().find(|q| {
        q.id == id && (q.populations.is_empty() || q.populations.iter().any(|p| p == population))
    })
}

pub(super) fn group(
    def: &GroupToml,
    survey: &Survey,
    path: &Path,
    line: usize,
) -> Result<GroupDef> {
    let source = match (&def.question, &def.meta) {
        (Some(q), None) => {
            let known = survey
                .questions
                .iter()
                .any(|x| &x.id == q && x.kind == QuestionKind::Single);
            if !known {
                return Err(err(
                    path,
                    line,
                    msg!(definition.group_question_not_single, def.id, q),
                ));
            }
            GroupSource::Question(q.clone())
        }
        (None, Some(m)) => GroupSource::Meta(m.clone()),
        _ => {
            return Err(err(path, line, msg!(definition.group_source, def.id)));
        }
    };
    if let Some(p) = &def.population
        && survey.population(p).is_none()
    {
        return Err(err(
            path,
            line,
            msg!(definition.group_unknown_population, def.id, p),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for m in &def.merge {
        for level in &m.levels {
            if !seen.insert(level.clone()) {
                return Err(err(
                    path,
                    line,
                    msg!(definition.group_level_twice, def.id, level),
                ));
            }
        }
    }
    Ok(GroupDef {
        id: def.id.clone(),
        name: def.name.clone().unwrap_or_else(|| def.id.clone()),
        source,
        population: def.population.clone(),
        merge: def
            .merge
            .iter()
            .map(|m| (m.name.clone(), m.levels.clone()))
            .collect(),
        line: Some(line),
    })
}

pub(super) fn weighting(
    def: &WeightingToml,
    survey: &Survey,
    path: &Path,
    line: usize,
) -> Result<Weighting> {
    if survey.population(&def.population).is_none() {
        return Err(err(
            path,
            line,
            msg!(definition.weighting_unknown_population, def.population),
        ));
    }
    let rake = match def.method.as_deref().map(str::trim) {
        None => def.margin.is_some(),
        Some("rake" | "raking") => true,
        Some("poststratify" | "post-stratify" | "post_stratification") => false,
        Some(other) => {
            return Err(err(
                path,
                line,
                msg!(definition.weighting_method_unknown, other),
            ));
        }
    };
    if !rake {
        if def.margin.is_some()
            || def.bounds.is_some()
            || def.max_iterations.is_some()
            || def.tolerance.is_some()
        {
            return Err(err(
                path,
                line,
                msg!(definition.weighting_rake_keys_without_rake),
            ));
        }
        let (Some(by), Some(targets)) = (&def.by, &def.targets) else {
            return Err(err(path, line, msg!(definition.weighting_no_targets)));
        };
        let by = by_questions(by, survey, &def.population, path, line)?;
        let targets = target_sizes(targets, path, line)?;
        return Ok(Weighting {
            population: def.population.clone(),
            by,
            targets,
            line: Some(line),
            rake: None,
        });
    }
    if def.by.is_some() || def.targets.is_some() {
        return Err(err(path, line, msg!(definition.weighting_rake_with_by)));
    }
    let margins_toml = def.margin.as_deref().unwrap_or_default();
    if margins_toml.len() < 2 {
        return Err(err(path, line, msg!(definition.weighting_rake_margins)));
    }
    let mut margins = Vec::with_capacity(margins_toml.len());
    for m in margins_toml {
        margins.push(MarginDef {
            by: by_questions(&m.by, survey, &def.population, path, line)?,
            targets: target_sizes(&m.targets, path, line)?,
        });
    }
    let bounds = match def.bounds {
        None => None,
        Some((lower, upper))
            if lower.is_finite() && (0.0..=1.0).contains(&lower) && upper >= 1.0 =>
        {
            Some((lower, upper))
        }
        Some((lower, upper)) => {
            return Err(err(
                path,
                line,
                msg!(definition.weighting_bounds_invalid, lower, upper),
            ));
        }
    };
    let max_iterations = match def.max_iterations {
        None => 1000,
        Some(i) if (1..=1_000_000).contains(&i) => i as usize,
        Some(i) => {
            return Err(err(
                path,
                line,
                msg!(definition.weighting_iterations_invalid, i),
            ));
        }
    };
    let tolerance = match def.tolerance {
        None => 1e-10,
        Some(t) if t.is_finite() && t > 0.0 && t < 1.0 => t,
        Some(t) => {
            return Err(err(
                path,
                line,
                msg!(definition.weighting_tolerance_invalid, t),
            ));
        }
    };
    Ok(Weighting {
        population: def.population.clone(),
        by: Vec::new(),
        targets: Vec::new(),
        line: Some(line),
        rake: Some(RakeDef {
            margins,
            bounds,
            max_iterations,
            tolerance,
        }),
    })
}

/// The single-choice questions a stratum or margin is over.
fn by_questions(
    by: &OneOrMany,
    survey: &Survey,
    population: &str,
    path: &Path,
    line: usize,
) -> Result<Vec<String>> {
    let by = match by {
        OneOrMany::One(b) => vec![b.clone()],
        OneOrMany::Many(b) => b.clone(),
    };
    for b in &by {
        match asked(survey, population, b) {
            Some(q) if q.kind == QuestionKind::Single => {}
            _ => {
                return Err(err(
                    path,
                    line,
                    msg!(definition.weighting_by_not_single, b, population),
                ));
            }
        }
    }
    Ok(by)
}

/// Stratum or category → size, each a non-negative number, not all zero.
fn target_sizes(table: &toml::Table, path: &Path, line: usize) -> Result<Vec<(String, f64)>> {
    let mut targets = Vec::new();
    for (key, value) in table {
        let size = value
            .as_float()
            .or_else(|| value.as_integer().map(|i| i as f64));
        match size {
            Some(s) if s.is_finite() && s >= 0.0 => targets.push((key.clone(), s)),
            _ => {
                return Err(err(
                    path,
                    line,
                    msg!(definition.weighting_target_invalid, key),
                ));
            }
        }
    }
    if targets.iter().all(|(_, s)| *s == 0.0) {
        return Err(err(path, line, msg!(definition.weighting_no_targets)));
    }
    Ok(targets)
}

/// `0.9`, `90`, `"90%"` → 0.9 for a share; any number for a score.
fn amount(a: &Amount, share: bool) -> Option<f64> {
    let x = match a {
        Amount::Number(x) => *x,
        Amount::Text(t) => {
            let t = t.trim();
            let (digits, percent) = match t.strip_suffix(['%', '％']) {
                Some(d) => (d.trim(), true),
                None => (t, false),
            };
            let x: f64 = digits.parse().ok()?;
            if percent { x / 100.0 } else { x }
        }
    };
    if !x.is_finite() {
        return None;
    }
    // A share written as a percentage number (90) is read as 90%.
    Some(if share && x > 1.0 && x <= 100.0 {
        x / 100.0
    } else {
        x
    })
}

pub(super) fn indicator(
    def: &IndicatorToml,
    survey: &Survey,
    path: &Path,
    line: usize,
) -> Result<IndicatorDef> {
    let e = |m: Message| err(path, line, msg!(definition.indicator_problem, def.id, m));
    if !(def.points.is_finite() && def.points >= 0.0) {
        return Err(e(msg!(definition.indicator_points_invalid)));
    }
    let entered = def.population.is_none();
    let population = match &def.population {
        Some(p) if survey.population(p).is_none() => {
            return Err(e(msg!(definition.indicator_unknown_population, p)));
        }
        Some(p) => p.clone(),
        None => String::new(),
    };
    if entered {
        return entered_indicator(def, path, line);
    }
    if def.value.is_some() || def.score.is_some() {
        return Err(e(msg!(definition.indicator_entered_with_population)));
    }
    let Some(target) = &def.target else {
        return Err(e(msg!(definition.indicator_target_not_number)));
    };
    let figure = match def.figure.as_deref() {
        None | Some("positive_share") => Figure::PositiveShare,
        Some("mean_score") => Figure::MeanScore,
        Some(other) => {
            return Err(e(msg!(definition.indicator_figure_unknown, other)));
        }
    };
    let combine = match def.combine.as_deref() {
        None | Some("mean_of_items") => Combine::MeanOfItems,
        Some("respondent_mean") => Combine::RespondentMean,
        Some(other) => {
            return Err(e(msg!(definition.indicator_combine_unknown, other)));
        }
    };
    let questions: Vec<String> = match (&def.questions, &def.dimension) {
        (Some(q), None) => q.clone(),
        (None, Some(d)) => survey
            .questions
            .iter()
            .filter(|q| q.dimensions.contains(d))
            .filter(|q| q.populations.is_empty() || q.populations.contains(&population))
            .map(|q| q.id.clone())
            .collect(),
        _ => {
            return Err(e(msg!(definition.indicator_questions_or_dimension)));
        }
    };
    if questions.is_empty() {
        return Err(e(msg!(definition.indicator_no_question)));
    }
    for id in &questions {
        let Some(q) = asked(survey, &population, id) else {
            return Err(e(msg!(
                definition.indicator_question_not_asked,
                id,
                population
            )));
        };
        let scale = survey.scale_of(q);
        let ok = q.kind == QuestionKind::Single
            && match figure {
                Figure::PositiveShare => scale.is_some_and(|s| s.levels.iter().any(|l| l.positive)),
                Figure::MeanScore => {
                    scale.is_some_and(|s| s.levels.iter().all(|l| l.score.is_some()))
                }
            };
        if !ok {
            return Err(e(match figure {
                Figure::PositiveShare => msg!(definition.indicator_question_not_positive, id),
                Figure::MeanScore => msg!(definition.indicator_question_not_scored, id),
            }));
        }
    }
    let share = figure == Figure::PositiveShare;
    let target =
        amount(target, share).ok_or_else(|| e(msg!(definition.indicator_target_not_number)))?;
    if share && !(0.0..=1.0).contains(&target) {
        return Err(e(msg!(definition.indicator_target_not_share, target)));
    }
    let rule = scoring_rule(def).map_err(e)?;
    let weighted = def.weighted.unwrap_or(false);
    Ok(IndicatorDef {
        id: def.id.clone(),
        name: def.name.clone().unwrap_or_else(|| def.id.clone()),
        level1: def.level1.clone(),
        level2: def.level2.clone(),
        entered: None,
        population,
        questions,
        figure,
        combine,
        target,
        points: def.points,
        rule,
        weighted,
        line: Some(line),
    })
}

/// A line the evaluators score: a score given directly, or a value scored against its target.
fn entered_indicator(def: &IndicatorToml, path: &Path, line: usize) -> Result<IndicatorDef> {
    let e = |m: Message| err(path, line, msg!(definition.indicator_problem, def.id, m));
    if def.questions.is_some() || def.dimension.is_some() || def.weighted.is_some() {
        return Err(e(msg!(definition.indicator_survey_without_population)));
    }
    let figure = match def.figure.as_deref() {
        None | Some("positive_share") => Figure::PositiveShare,
        Some("mean_score") => Figure::MeanScore,
        Some(other) => return Err(e(msg!(definition.indicator_figure_unknown, other))),
    };
    let share = figure == Figure::PositiveShare;
    let (value, target) = match (&def.score, &def.value, &def.target) {
        (Some(score), None, _) => {
            if !(score.is_finite() && *score >= 0.0 && *score <= def.points) {
                return Err(e(msg!(
                    definition.indicator_score_invalid,
                    score,
                    def.points
                )));
            }
            (None, f64::NAN)
        }
        (None, Some(value), Some(target)) => {
            let value = amount(value, share)
                .ok_or_else(|| e(msg!(definition.indicator_target_not_number)))?;
            let target = amount(target, share)
                .ok_or_else(|| e(msg!(definition.indicator_target_not_number)))?;
            (Some(value), target)
        }
        _ => return Err(e(msg!(definition.indicator_entered_needs))),
    };
    Ok(IndicatorDef {
        id: def.id.clone(),
        name: def.name.clone().unwrap_or_else(|| def.id.clone()),
        level1: def.level1.clone(),
        level2: def.level2.clone(),
        entered: Some(Entered {
            value,
            score: def.score,
            note: def.note.clone(),
        }),
        population: String::new(),
        questions: Vec::new(),
        figure,
        combine: Combine::MeanOfItems,
        target,
        points: def.points,
        rule: scoring_rule(def).map_err(e)?,
        weighted: false,
        line: Some(line),
    })
}

/// The scoring rule a line declares (proportional by default).
fn scoring_rule(def: &IndicatorToml) -> std::result::Result<ScoringRule, Message> {
    let rule = match def.rule.as_deref() {
        None | Some("proportional") => ScoringRule::Proportional,
        Some("threshold") => ScoringRule::Threshold,
        Some("deduction") => match def.per_point {
            Some(per_point) if per_point.is_finite() && per_point >= 0.0 => {
                ScoringRule::Deduction { per_point }
            }
            Some(_) => return Err(msg!(definition.indicator_per_point_invalid)),
            None => return Err(msg!(definition.indicator_deduction_needs_per_point)),
        },
        Some("stepped") => {
            let mut steps = def.steps.clone().unwrap_or_else(|| STEPS_003.to_vec());
            if steps.is_empty()
                || steps
                    .iter()
                    .any(|(b, c)| !b.is_finite() || !c.is_finite() || *b < 0.0 || *c < 0.0)
            {
                return Err(msg!(definition.indicator_steps_invalid));
            }
            steps.sort_by(|a, b| b.0.total_cmp(&a.0));
            ScoringRule::Stepped {
                steps,
                times_ratio: def.times_ratio.unwrap_or(false),
            }
        }
        Some(other) => {
            return Err(msg!(definition.indicator_rule_unknown, other));
        }
    };
    if def.steps.is_some() && rule.name() != "stepped" {
        return Err(msg!(definition.indicator_steps_without_stepped));
    }
    if def.per_point.is_some() && rule.name() != "deduction" {
        return Err(msg!(definition.indicator_per_point_without_deduction));
    }
    Ok(rule)
}
