//! The figures of a survey: per population and question, the share of every level, the positive
//! share and the mean score with their intervals, and the answers not counted in n; per dimension,
//! the composite satisfaction and Cronbach's α; optionally the same by group, and weighted.
//! Computed from the columnar model (counts of codes), never from strings; the CLI writers and
//! the terminal UI both present this one structure.

use crate::error::{Error, Result};
use crate::figures::Settings;
use crate::figures::composite::{self, Composite, Patterns, Sample};
use crate::figures::groups::{self, Grouping};
use crate::figures::indicators::IndicatorResult;
use crate::figures::text::{self, TextFigures};
use crate::figures::weighting::{self, RowWeights};
use crate::model::{AnswerValue, Answers, Dataset};
use crate::stats::{self, Estimate, Moments, Reliability, WeightedMoments};
use crate::survey::analysis::{Combine, Figure, ThemeDef};
use crate::survey::labels;
use crate::survey::{Measure, Question, QuestionKind, Scale, Survey};
use crate::validity::{Accounting, Review};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub settings: Settings,
    pub populations: Vec<PopulationSummary>,
    pub indicators: Vec<IndicatorResult>,
    /// Per questionnaire with indicators, its whole table: subtotals, total and grade.
    pub tables: Vec<crate::figures::indicators::IndicatorTable>,
    /// The `--where` conditions the figures are restricted to, as written.
    pub filter: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FileSummary {
    pub path: String,
    pub format: String,
    pub encoding: Option<String>,
    pub rows: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PopulationSummary {
    pub id: String,
    pub name: String,
    pub size: Option<u64>,
    pub files: Vec<FileSummary>,
    /// received = valid + excluded by reason: the responses the figures are computed on.
    pub accounting: Accounting,
    /// True when computed on every response (`--all`), rules and decisions notwithstanding.
    pub all_responses: bool,
    /// The post-stratification applied, when the figures are weighted.
    pub weights: Option<RowWeights>,
    pub questions: Vec<QuestionSummary>,
    pub dimensions: Vec<DimensionSummary>,
    pub breakdown: Option<Breakdown>,
    /// Why this population is not broken down by the group asked for (it has no such group,
    /// question or column), while others are.
    pub not_grouped: Option<crate::i18n::Message>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionSummary {
    pub id: String,
    pub text: String,
    pub kind: QuestionKind,
    /// Id of the question's scale.
    pub scale: Option<String>,
    /// What the scale measures, which names the positive share (满意率, 知晓率 …).
    pub measure: Measure,
    /// The dimensions it is an item of.
    pub dimensions: Vec<String>,
    /// Valid answers counted: answers on a level of the scale (single choice), respondents who
    /// chose at least one option (multiple choice), or non-empty answers (free text).
    pub n: u64,
    /// Kish's effective sample size of the answers, when weighted.
    pub n_eff: Option<f64>,
    pub levels: Vec<LevelFigure>,
    pub positive: Option<ShareFigure>,
    pub mean: Option<MeanFigure>,
    pub not_counted: Vec<NotCounted>,
    /// For a ranking, each option's place (empty otherwise).
    pub ranking: Vec<RankFigure>,
    /// For a 0–10 likelihood to recommend, the net promoter score.
    pub nps: Option<NpsFigure>,
    /// For a free-text question, what people said: keywords and declared themes, counted by
    /// respondent (unweighted).
    pub said: Option<TextFigures>,
}

/// One option of a ranking (排序).
#[derive(Debug, Clone, PartialEq)]
pub struct RankFigure {
    pub label: String,
    /// Respondents who placed it.
    pub n: u64,
    /// Its average place among them (1 = first).
    pub mean_rank: f64,
    /// 问卷星's 综合得分: Σ over places of (how many put it there × (options − place + 1)), over
    /// the respondents who answered the ranking.
    pub score: f64,
}

/// The net promoter score of a 0–10 question: promoters (9–10) less detractors (0–6).
#[derive(Debug, Clone, PartialEq)]
pub struct NpsFigure {
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    pub n: u64,
    /// In [−1, 1], with its delta-method interval.
    pub nps: Option<Estimate>,
}

/// One level (or option) of a question: how many chose it and its share of n.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelFigure {
    pub label: String,
    pub count: u64,
    pub positive: bool,
    /// `None` when n = 0. For a multiple-choice option, the share of respondents who chose it
    /// (普及率).
    pub share: Option<Estimate>,
    /// For a multiple-choice option, its share of all the choices made (响应率; weighted when
    /// the figures are): the shares of the options sum to 1. `None` otherwise, or without choices.
    pub response_share: Option<f64>,
    /// Weighted: the share's design effect (R `svymean(…, deff = "replace")`, the weights
    /// taken as the design); `None` unweighted or when it is undefined (a share of 0 or 1).
    pub deff: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShareFigure {
    /// The levels counted, best first: every output names them beside the share.
    pub levels: Vec<String>,
    pub count: u64,
    pub n: u64,
    pub share: Option<Estimate>,
    /// Weighted: the share's design effect.
    pub deff: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MeanFigure {
    pub n: u64,
    /// Bounds are NaN when n = 1 (no spread to estimate).
    pub mean: Option<Estimate>,
    /// Weighted: the mean's design effect.
    pub deff: Option<f64>,
    // ── Spread beside the mean (issue 13) ──
    /// Standard deviation of the scores (divisor n − 1; weighted: the weighted variance's root);
    /// `None` for n < 2.
    pub sd: Option<f64>,
    /// Standard error of the mean, the one its interval uses (with the finite population
    /// correction, or from Kish's effective size when weighted); `None` for n < 2.
    pub se: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotCountedKind {
    Blank,
    Skip,
    NotApplicable,
    Unknown,
}

impl NotCountedKind {
    pub fn name(self) -> &'static str {
        match self {
            NotCountedKind::Blank => "blank",
            NotCountedKind::Skip => "skip",
            NotCountedKind::NotApplicable => "not_applicable",
            NotCountedKind::Unknown => "unknown",
        }
    }
}

/// Answers that are reported but not in n.
#[derive(Debug, Clone, PartialEq)]
pub struct NotCounted {
    pub kind: NotCountedKind,
    /// `(空)`, `(跳过)`, the not-applicable label, or the unknown label as found.
    pub label: String,
    pub count: u64,
}

/// The rated items of one dimension (城镇安全性 …) taken together.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionSummary {
    pub name: String,
    /// Question ids of its items.
    pub items: Vec<String>,
    /// The mean of the items' positive shares, with its own interval.
    pub positive: Option<Composite>,
    /// The mean of the items' mean scores, with its own interval.
    pub mean: Option<Composite>,
    /// Cronbach's α over the items' scores (respondents who rated every item).
    pub reliability: Option<Reliability>,
    // ── Spread and reliability interval (issue 13) ──
    /// The composite mean's standard error (√ of its variance, with the finite population
    /// correction its interval uses) and standard deviation √(n·Var) — with every item rated by
    /// every respondent, the standard deviation of the respondents' mean scores.
    pub mean_sd: Option<f64>,
    pub mean_se: Option<f64>,
    /// Feldt's interval for α at the run's confidence level.
    pub alpha_ci: Option<crate::stats::Interval>,
}

/// The figures again, per group.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    pub by: String,
    pub groups: Vec<GroupSummary>,
    /// Valid responses in no group (the grouping question left blank).
    pub ungrouped: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupSummary {
    pub label: String,
    pub valid: u64,
    pub questions: Vec<QuestionSummary>,
}

/// Computes every figure on the valid responses of each population (`reviews[p]` says which those
/// are), or on every response when `reviews` is `None`; with `by`, also per group.
pub fn summarize(
    survey: &Survey,
    datasets: &[Dataset],
    reviews: Option<&[Review]>,
    by: Option<&str>,
    settings: Settings,
) -> Result<Summary> {
    let mut populations = Vec::with_capacity(datasets.len());
    for (d, dataset) in datasets.iter().enumerate() {
        let review = reviews.and_then(|r| r.get(d));
        populations.push(summarize_population(survey, dataset, review, by, settings)?);
    }
    Ok(Summary {
        settings,
        populations,
        indicators: Vec::new(),
        tables: Vec::new(),
        filter: Vec::new(),
    })
}

pub fn summarize_population(
    survey: &Survey,
    dataset: &Dataset,
    review: Option<&Review>,
    by: Option<&str>,
    settings: Settings,
) -> Result<PopulationSummary> {
    let population = &survey.populations[dataset.population];
    let keep_rows = review.map(Review::keep);
    let keep = keep_rows.as_deref();
    let accounting = match review {
        Some(r) => r.accounting(0..dataset.rows),
        None => Accounting {
            received: dataset.rows as u64,
            valid: dataset.rows as u64,
            ..Accounting::default()
        },
    };
    let valid = accounting.valid;
    if let Some(size) = population.size
        && size < valid
    {
        let mut err = Error::input(crate::msg!(size_below_valid, population.id, size, valid));
        if let Some(src) = &survey.source {
            err = err.in_file(src);
        }
        if let Some(line) = population.line {
            err = err.at_line(line);
        }
        return Err(err);
    }
    let weights = if settings.weighted {
        let design = review.map(Review::design_rows);
        weighting::row_weights(survey, dataset, design.as_deref())?
    } else {
        None
    };
    // A filtered subset's own size is unknown: no finite population correction for it, as for
    // a group of a breakdown.
    let size = population
        .size
        .filter(|_| !review.is_some_and(Review::is_filtered));
    let dropped = keep.and_then(crate::model::few_dropped);
    let sample = Sample {
        keep,
        dropped: dropped.as_deref(),
        weights: weights.as_ref().map(|w| w.weights.as_slice()),
        population_size: size,
    };
    let (questions, dimensions) = questions_and_dimensions(survey, dataset, &sample, settings)?;
    // A population without the group is shown whole; the study says so, and refuses only when
    // no population has it.
    let (breakdown, not_grouped) = match by.map(|by| groups::resolve(survey, dataset, by)) {
        None => (None, None),
        Some(Ok(grouping)) => (
            Some(breakdown(survey, dataset, &grouping, &sample, settings)?),
            None,
        ),
        Some(Err(e)) => (None, Some(e.message)),
    };
    let files = dataset
        .sources
        .iter()
        .map(|s| FileSummary {
            path: s.table.path.display().to_string(),
            format: s.table.format.to_string(),
            encoding: s.table.encoding.map(|e| e.name().to_string()),
            rows: s.table.rows as u64,
        })
        .collect();
    Ok(PopulationSummary {
        id: population.id.clone(),
        name: population.name.clone(),
        size,
        files,
        accounting,
        all_responses: review.is_none(),
        weights,
        questions,
        dimensions,
        breakdown,
        not_grouped,
    })
}

fn all_questions(
    survey: &Survey,
    dataset: &Dataset,
    sample: &Sample,
    settings: Settings,
) -> Result<Vec<QuestionSummary>> {
    let asked: Vec<Piece> = asked(survey, dataset).map(Piece::Question).collect();
    // Questions are independent passes over their own columns: spread them over the cores.
    crate::parallel::map_heaviest_first(&asked, Piece::weight, |piece| {
        piece.figures(survey, dataset, sample, settings)
    })
    .into_iter()
    .map(|f| match f? {
        Figures::Question(q) => Ok(*q),
        Figures::Dimension(_) => unreachable!("only questions were asked for"),
    })
    .collect()
}

/// The population's questions with answers in this export, in definition order.
fn asked<'a>(
    survey: &'a Survey,
    dataset: &'a Dataset,
) -> impl Iterator<Item = (usize, &'a Question)> + 'a {
    let population = &survey.populations[dataset.population].id;
    survey
        .questions_for(population)
        .filter(|(qi, _)| dataset.answers[*qi].is_some())
}

/// Every question's figures and every dimension's, computed side by side: a dimension need not
/// wait for the free-text question to be segmented.
fn questions_and_dimensions(
    survey: &Survey,
    dataset: &Dataset,
    sample: &Sample,
    settings: Settings,
) -> Result<(Vec<QuestionSummary>, Vec<DimensionSummary>)> {
    let by_name = dimension_items(survey, dataset);
    let pieces: Vec<Piece> = asked(survey, dataset)
        .map(Piece::Question)
        .chain(
            by_name
                .iter()
                .map(|(name, items)| Piece::Dimension(name, items)),
        )
        .collect();
    let mut questions = Vec::new();
    let mut dimensions = Vec::with_capacity(by_name.len());
    let figures = crate::parallel::map_heaviest_first(&pieces, Piece::weight, |piece| {
        piece.figures(survey, dataset, sample, settings)
    });
    for f in figures {
        match f? {
            Figures::Question(q) => questions.push(*q),
            Figures::Dimension(d) => dimensions.push(*d),
        }
    }
    Ok((questions, dimensions))
}

/// A part of a population's figures that is computed on its own.
enum Piece<'a> {
    Question((usize, &'a Question)),
    Dimension(&'a str, &'a [usize]),
}

enum Figures {
    Question(Box<QuestionSummary>),
    Dimension(Box<DimensionSummary>),
}

impl Piece<'_> {
    /// Which to start first: a free-text question (the segmenter's dictionary loaded, then
    /// every distinct answer segmented), then dimensions (several passes over the rows each),
    /// then the other questions (one pass each).
    fn weight(&self) -> usize {
        match self {
            Piece::Question((_, q)) if q.kind == QuestionKind::Text => 2,
            Piece::Dimension(..) => 1,
            Piece::Question(_) => 0,
        }
    }

    fn figures(
        &self,
        survey: &Survey,
        dataset: &Dataset,
        sample: &Sample,
        settings: Settings,
    ) -> Result<Figures> {
        Ok(match *self {
            Piece::Question((qi, q)) => Figures::Question(Box::new(question(
                survey, dataset, qi, q, sample, settings,
            )?)),
            Piece::Dimension(name, items) => Figures::Dimension(Box::new(dimension(
                survey, dataset, name, items, sample, settings,
            )?)),
        })
    }
}

fn breakdown(
    survey: &Survey,
    dataset: &Dataset,
    grouping: &Grouping,
    sample: &Sample,
    settings: Settings,
) -> Result<Breakdown> {
    let mut groups = Vec::with_capacity(grouping.labels.len());
    for group in group_rows(grouping, sample.keep) {
        groups.push(GroupSummary {
            questions: all_questions(survey, dataset, &group.sample(sample), settings)?,
            label: group.label,
            valid: group.valid,
        });
    }
    Ok(Breakdown {
        by: grouping.by.clone(),
        groups,
        ungrouped: ungrouped(grouping, sample.keep),
    })
}

/// One group's rows among those a sample keeps.
pub struct GroupRows {
    pub label: String,
    pub mask: Vec<bool>,
    pub valid: u64,
}

impl GroupRows {
    /// The group as a sample of its own, weighted as the whole is. A group's own size is
    /// unknown, so no finite population correction within it.
    pub fn sample<'a>(&'a self, whole: &Sample<'a>) -> Sample<'a> {
        Sample {
            keep: Some(&self.mask),
            dropped: None,
            weights: whole.weights,
            population_size: None,
        }
    }
}

/// Every group's rows among the rows `keep` allows.
pub fn group_rows(grouping: &Grouping, keep: Option<&[bool]>) -> Vec<GroupRows> {
    grouping
        .labels
        .iter()
        .enumerate()
        .map(|(g, label)| {
            let mask = grouping.mask(g, keep);
            let valid = mask.iter().filter(|&&k| k).count() as u64;
            GroupRows {
                label: label.clone(),
                mask,
                valid,
            }
        })
        .collect()
}

/// Rows `keep` allows that are in no group.
pub fn ungrouped(grouping: &Grouping, keep: Option<&[bool]>) -> u64 {
    (0..grouping.codes.len())
        .filter(|&row| grouping.codes[row] == groups::NO_GROUP && keep.is_none_or(|k| k[row]))
        .count() as u64
}

/// Sums per distinct answer over the kept rows: count, Σw and Σw².
struct Tally {
    count: Vec<u64>,
    sum_w: Vec<f64>,
    sum_w2: Vec<f64>,
    /// Answers with a positive weight (all of them unweighted).
    weighed: Vec<u64>,
}

fn tally(answers: &crate::model::Answers, sample: &Sample) -> Tally {
    let d = answers.distinct.len();
    match sample.weights {
        None => {
            let count = sample.counts(answers);
            let sum_w = count.iter().map(|&c| c as f64).collect::<Vec<_>>();
            Tally {
                sum_w2: sum_w.clone(),
                sum_w,
                weighed: count.clone(),
                count,
            }
        }
        Some(weights) => {
            let mut t = Tally {
                count: vec![0; d],
                sum_w: vec![0.0; d],
                sum_w2: vec![0.0; d],
                weighed: vec![0; d],
            };
            answers.codes.for_each(|row, code| {
                if sample.keep.is_none_or(|k| k[row]) {
                    let (c, w) = (code as usize, weights[row]);
                    t.count[c] += 1;
                    t.weighed[c] += u64::from(w > 0.0);
                    t.sum_w[c] += w;
                    t.sum_w2[c] += w * w;
                }
            });
            t
        }
    }
}

/// A question's answers counted by level (weighted too, and by place for a ranking), and the
/// answers not counted, by why.
struct LevelTally {
    level_count: Vec<u64>,
    level_w: Vec<f64>,
    level_w2: Vec<f64>,
    /// Respondents with a counted answer, and their weights.
    n: u64,
    n_w: f64,
    n_w2: f64,
    /// Respondents counted in n with a positive weight.
    n_weighed: u64,
    /// A ranking's places: the sum of each option's places, and of its 综合得分 weights.
    rank_sum: Vec<u64>,
    rank_weight: Vec<u64>,
}

fn level_tally(
    answers: &Answers,
    t: &Tally,
    scale: Option<&Scale>,
) -> (LevelTally, NotCountedTally) {
    let mut not_counted = NotCountedTally::default();
    let nlevels = scale.map_or(0, |s| s.levels.len());
    let mut level_count = vec![0u64; nlevels];
    let mut level_w = vec![0.0f64; nlevels];
    let mut level_w2 = vec![0.0f64; nlevels];
    let (mut n, mut n_w, mut n_w2) = (0u64, 0.0f64, 0.0f64);
    let mut n_weighed = 0u64;
    let mut rank_sum = vec![0u64; nlevels];
    let mut rank_weight = vec![0u64; nlevels];
    for (code, answer) in answers.distinct.iter().enumerate() {
        let (count, w, w2) = (t.count[code], t.sum_w[code], t.sum_w2[code]);
        if count == 0 {
            continue;
        }
        let n_before = n;
        match &answer.value {
            AnswerValue::Level(k) => {
                let k = *k as usize;
                level_count[k] += count;
                level_w[k] += w;
                level_w2[k] += w2;
                (n, n_w, n_w2) = (n + count, n_w + w, n_w2 + w2);
            }
            AnswerValue::NotApplicable(k) => {
                let label = scale.map_or(&*answer.text, |s| {
                    s.not_applicable[*k as usize].label.as_str()
                });
                not_counted.add(NotCountedKind::NotApplicable, label, count);
            }
            AnswerValue::Blank => not_counted.add(NotCountedKind::Blank, labels::BLANK, count),
            AnswerValue::Skip => not_counted.add(NotCountedKind::Skip, labels::SKIP, count),
            AnswerValue::Unknown => not_counted.add(NotCountedKind::Unknown, &answer.text, count),
            AnswerValue::Options { mask, unknown } => {
                for k in 0..nlevels.min(64) {
                    if mask & (1 << k) != 0 {
                        level_count[k] += count;
                        level_w[k] += w;
                        level_w2[k] += w2;
                    }
                }
                for u in unknown {
                    not_counted.add(NotCountedKind::Unknown, labels::split_other(u).0, count);
                }
                if *mask != 0 {
                    (n, n_w, n_w2) = (n + count, n_w + w, n_w2 + w2);
                }
            }
            AnswerValue::Ranking { order, unknown } => {
                for (place, &k) in order.iter().enumerate() {
                    let k = k as usize;
                    level_count[k] += count;
                    level_w[k] += w;
                    level_w2[k] += w2;
                    rank_sum[k] += count * (place as u64 + 1);
                    rank_weight[k] += count * (nlevels as u64).saturating_sub(place as u64);
                }
                for u in unknown {
                    not_counted.add(NotCountedKind::Unknown, labels::split_other(u).0, count);
                }
                if !order.is_empty() {
                    (n, n_w, n_w2) = (n + count, n_w + w, n_w2 + w2);
                }
            }
            AnswerValue::Text => (n, n_w, n_w2) = (n + count, n_w + w, n_w2 + w2),
        }
        if n > n_before {
            n_weighed += t.weighed[code];
        }
    }
    let tally = LevelTally {
        level_count,
        level_w,
        level_w2,
        n,
        n_w,
        n_w2,
        n_weighed,
        rank_sum,
        rank_weight,
    };
    (tally, not_counted)
}

/// One question's figures over `sample`.
pub fn question(
    survey: &Survey,
    dataset: &Dataset,
    qi: usize,
    q: &Question,
    sample: &Sample,
    settings: Settings,
) -> Result<QuestionSummary> {
    let answers = dataset.answers[qi]
        .as_ref()
        .expect("asked questions have answers");
    let scale = survey.scale_of(q);
    let t = tally(answers, sample);
    let nlevels = scale.map_or(0, |s| s.levels.len());
    let (
        LevelTally {
            level_count,
            level_w,
            level_w2,
            n,
            n_w,
            n_w2,
            n_weighed,
            rank_sum,
            rank_weight,
        },
        not_counted,
    ) = level_tally(answers, &t, scale);
    let weighted = sample.weights.is_some();
    // Kish's effective size of the answers: (Σw)² / Σw².
    let n_eff = (weighted && n_w2 > 0.0).then(|| n_w * n_w / n_w2);
    // A share's design effect, weighted (the weights taken as the design: every response with
    // a positive weight; those without an answer here, or outside the group, are a domain).
    let design_n = sample
        .weights
        .map_or(0, |w| w.iter().filter(|&&x| x > 0.0).count() as u64);
    let deff = |w: f64, w2: f64| -> Option<f64> {
        weighted
            .then(|| stats::design::share_design_effect(n_weighed, design_n, n_w, n_w2, w, w2))
            .flatten()
    };
    let share = |count: u64, w: f64| -> Result<Option<Estimate>> {
        match n_eff {
            None => stats::proportion(
                count,
                n,
                settings.method,
                settings.conf,
                sample.population_size,
            )
            .map_err(super::stats_error),
            Some(n_eff) => {
                let p = w / n_w;
                Ok(
                    stats::proportion_interval(p * n_eff, n_eff, settings.method, settings.conf)
                        .map(|ci| Estimate {
                            estimate: p,
                            low: ci.low,
                            high: ci.high,
                        }),
                )
            }
        }
    };
    // A multiple-choice question's choices, all options together (weighted when the figures are).
    let choices: f64 = level_w.iter().sum();
    let mut levels = Vec::with_capacity(nlevels);
    for (k, level) in scale.map_or(&[][..], |s| &s.levels[..]).iter().enumerate() {
        levels.push(LevelFigure {
            label: level.label.clone(),
            count: level_count[k],
            positive: level.positive,
            share: share(level_count[k], level_w[k])?,
            response_share: (q.kind == QuestionKind::Multiple && choices > 0.0)
                .then(|| level_w[k] / choices),
            deff: deff(level_w[k], level_w2[k]),
        });
    }
    let (positive, mean) = match (q.kind, scale) {
        (QuestionKind::Single, Some(s)) => {
            let positive = if s.levels.iter().any(|l| l.positive) {
                let count = levels.iter().filter(|l| l.positive).map(|l| l.count).sum();
                let w: f64 = (0..nlevels)
                    .filter(|&k| s.levels[k].positive)
                    .map(|k| level_w[k])
                    .sum();
                let w2: f64 = (0..nlevels)
                    .filter(|&k| s.levels[k].positive)
                    .map(|k| level_w2[k])
                    .sum();
                Some(ShareFigure {
                    levels: levels
                        .iter()
                        .filter(|l| l.positive)
                        .map(|l| l.label.clone())
                        .collect(),
                    count,
                    n,
                    share: share(count, w)?,
                    deff: deff(w, w2),
                })
            } else {
                None
            };
            let mean = if s.levels.iter().all(|l| l.score.is_some()) {
                Some(mean_score(
                    s,
                    &level_count,
                    &level_w,
                    &level_w2,
                    weighted.then_some((n_weighed, design_n)),
                    sample,
                    settings,
                )?)
            } else {
                None
            };
            (positive, mean)
        }
        _ => (None, None),
    };
    Ok(QuestionSummary {
        id: q.id.clone(),
        text: if q.text.is_empty() {
            answers.header.clone()
        } else {
            q.text.clone()
        },
        kind: q.kind,
        scale: scale.map(|s| s.id.clone()),
        measure: scale.map_or(Measure::Other, |s| s.measure),
        dimensions: q.dimensions.clone(),
        n,
        n_eff,
        levels,
        positive,
        mean,
        not_counted: not_counted.finish(),
        ranking: ranking(q, scale, &level_count, &rank_sum, &rank_weight, n),
        nps: match scale {
            Some(s) if s.measure == Measure::Recommendation => Some(nps(s, &level_count, settings)),
            _ => None,
        },
        said: match q.kind {
            // Nothing written, nothing to find in it.
            QuestionKind::Text if n > 0 => {
                let population = &survey.populations[dataset.population].id;
                let themes: Vec<&ThemeDef> = survey
                    .themes
                    .iter()
                    .filter(|t| {
                        t.question == q.id && t.population.as_ref().is_none_or(|p| p == population)
                    })
                    .collect();
                Some(text::figures(answers, &t.count, &themes, settings)?)
            }
            _ => None,
        },
    })
}

fn ranking(
    q: &Question,
    scale: Option<&Scale>,
    placed: &[u64],
    rank_sum: &[u64],
    rank_weight: &[u64],
    n: u64,
) -> Vec<RankFigure> {
    let (QuestionKind::Ranking, Some(scale)) = (q.kind, scale) else {
        return Vec::new();
    };
    scale
        .levels
        .iter()
        .enumerate()
        .map(|(k, level)| RankFigure {
            label: level.label.clone(),
            n: placed[k],
            mean_rank: if placed[k] > 0 {
                rank_sum[k] as f64 / placed[k] as f64
            } else {
                f64::NAN
            },
            score: if n > 0 {
                rank_weight[k] as f64 / n as f64
            } else {
                f64::NAN
            },
        })
        .collect()
}

/// Promoters are the levels scored 9–10, detractors 0–6 (the scale's scores are the answers).
fn nps(scale: &Scale, count: &[u64], settings: Settings) -> NpsFigure {
    let (mut promoters, mut passives, mut detractors) = (0, 0, 0);
    for (level, &c) in scale.levels.iter().zip(count) {
        match level.score {
            Some(s) if s >= 9.0 => promoters += c,
            Some(s) if s >= 7.0 => passives += c,
            Some(_) => detractors += c,
            None => {}
        }
    }
    let n = promoters + passives + detractors;
    NpsFigure {
        promoters,
        passives,
        detractors,
        n,
        nps: stats::net_promoter_score(promoters, detractors, n, settings.conf),
    }
}

fn mean_score(
    scale: &Scale,
    count: &[u64],
    w: &[f64],
    w2: &[f64],
    weighed: Option<(u64, u64)>,
    sample: &Sample,
    settings: Settings,
) -> Result<MeanFigure> {
    if let Some((weighed, design_n)) = weighed {
        let mut m = WeightedMoments::new();
        for (k, level) in scale.levels.iter().enumerate() {
            m.merge(&WeightedMoments::constant(
                level.score.unwrap_or(0.0),
                count[k],
                w[k],
                w2[k],
            ));
        }
        let values: Vec<(f64, f64, f64)> = scale
            .levels
            .iter()
            .enumerate()
            .map(|(k, level)| (level.score.unwrap_or(0.0), w[k], w2[k]))
            .collect();
        let e = stats::weighted_mean_interval(&m, settings.conf);
        // The standard error the interval used: its half-width over the t quantile.
        let se = e.and_then(|e| {
            let t = stats::t_quantile(settings.conf, e.n_eff - 1.0)?;
            let se = (e.estimate.high - e.estimate.estimate) / t;
            se.is_finite().then_some(se)
        });
        return Ok(MeanFigure {
            n: count.iter().sum(),
            mean: e.map(|e| e.estimate),
            sd: m.variance().map(f64::sqrt),
            se,
            deff: stats::design::design_effect(weighed, design_n, &values),
        });
    }
    let mut m = Moments::new();
    for (k, level) in scale.levels.iter().enumerate() {
        if count[k] > 0 {
            m.add(level.score.unwrap_or(0.0), count[k]);
        }
    }
    let sd = m.variance().map(f64::sqrt);
    let fpc = sample
        .population_size
        .filter(|&n_pop| n_pop > 0)
        .map_or(1.0, |n_pop| (1.0 - m.n() as f64 / n_pop as f64).max(0.0));
    Ok(MeanFigure {
        n: m.n(),
        mean: stats::mean_interval(&m, settings.conf, sample.population_size)
            .map_err(super::stats_error)?,
        sd,
        se: sd.map(|sd| sd * (fpc / m.n() as f64).sqrt()),
        deff: None,
    })
}

/// Per dimension with two or more rated single-choice items: composite figures and α.
/// The population's dimensions in definition order, each with its rated items (indices into
/// `survey.questions`; single choice with positive levels or every level scored, and answered in
/// this export); a dimension needs two items. A question may belong to several dimensions.
pub fn dimension_items(survey: &Survey, dataset: &Dataset) -> Vec<(String, Vec<usize>)> {
    let population = &survey.populations[dataset.population].id;
    let mut by_name: Vec<(String, Vec<usize>)> = Vec::new();
    for (qi, q) in survey.questions_for(population) {
        let Some(scale) = survey.scale_of(q) else {
            continue;
        };
        let rated = q.kind == QuestionKind::Single
            && (scale.levels.iter().any(|l| l.positive)
                || scale.levels.iter().all(|l| l.score.is_some()));
        if !rated || dataset.answers[qi].is_none() {
            continue;
        }
        for name in &q.dimensions {
            match by_name.iter_mut().find(|(n, _)| n == name) {
                Some((_, items)) => items.push(qi),
                None => by_name.push((name.clone(), vec![qi])),
            }
        }
    }
    by_name
        .into_iter()
        .filter(|(_, items)| items.len() >= 2)
        .collect()
}

fn dimension(
    survey: &Survey,
    dataset: &Dataset,
    name: &str,
    items: &[usize],
    sample: &Sample,
    settings: Settings,
) -> Result<DimensionSummary> {
    let scales: Vec<&Scale> = items
        .iter()
        .filter_map(|&qi| survey.scale_of(&survey.questions[qi]))
        .collect();
    let has_positive = scales.iter().all(|s| s.levels.iter().any(|l| l.positive));
    let scored = scales
        .iter()
        .all(|s| s.levels.iter().all(|l| l.score.is_some()));
    // One pass over the rows for both composites and α.
    let answers: Vec<&crate::model::Answers> = items
        .iter()
        .filter_map(|&qi| dataset.answers[qi].as_ref())
        .collect();
    let patterns = Patterns::tally(&answers, sample);
    let figure = |f: Figure| {
        composite::composite_over(
            survey,
            dataset,
            items,
            f,
            Combine::MeanOfItems,
            sample,
            settings,
            patterns.as_ref(),
        )
    };
    let mean = if scored {
        figure(Figure::MeanScore)?
    } else {
        None
    };
    let reliability = if scored {
        reliability(survey, dataset, items, sample.keep, patterns.as_ref())?
    } else {
        None
    };
    // The composite's SE is the one its interval used: half-width over t(n − 1).
    let mean_se = mean.as_ref().and_then(|c| {
        let t = stats::t_quantile(settings.conf, c.n as f64 - 1.0)?;
        let se = (c.high - c.value) / t;
        se.is_finite().then_some(se)
    });
    let mean_sd = mean
        .as_ref()
        .filter(|c| c.n > 1)
        .map(|c| (c.variance * c.n as f64).sqrt());
    let alpha_ci = reliability
        .as_ref()
        .and_then(|r| stats::feldt_interval(r.alpha, r.n, r.items_used, settings.conf));
    Ok(DimensionSummary {
        name: name.to_string(),
        items: items
            .iter()
            .map(|&qi| survey.questions[qi].id.clone())
            .collect(),
        positive: if has_positive {
            figure(Figure::PositiveShare)?
        } else {
            None
        },
        mean,
        reliability,
        mean_sd,
        mean_se,
        alpha_ci,
    })
}

/// Cronbach's α of the items' scores, from the distinct answer patterns and their counts (the
/// dimension's pattern tally when there is one, else row by row into an ordered map, so the sums
/// run in one fixed order every time).
fn reliability(
    survey: &Survey,
    dataset: &Dataset,
    items: &[usize],
    keep: Option<&[bool]>,
    patterns: Option<&Patterns>,
) -> Result<Option<Reliability>> {
    // Per item, per distinct answer: the level's score, or NaN (not rated).
    let scores: Vec<(&crate::ingest::Codes, Vec<f64>)> = items
        .iter()
        .filter_map(|&qi| {
            let answers = dataset.answers[qi].as_ref()?;
            let scale = survey.scale_of(&survey.questions[qi])?;
            let per_answer = answers
                .distinct
                .iter()
                .map(|a| match a.value {
                    AnswerValue::Level(k) => scale.levels[k as usize].score.unwrap_or(f64::NAN),
                    _ => f64::NAN,
                })
                .collect();
            Some((&answers.codes, per_answer))
        })
        .collect();
    let score_row = |codes: &[u32]| -> Option<Vec<f64>> {
        let row: Vec<f64> = codes
            .iter()
            .zip(&scores)
            .map(|(&c, (_, s))| s[c as usize])
            .collect();
        row.iter().all(|v| !v.is_nan()).then_some(row)
    };
    let (mut rows, mut counts): (Vec<Vec<f64>>, Vec<u64>) = (Vec::new(), Vec::new());
    match patterns {
        Some(p) => p.each(&mut |codes, n, _, _| {
            if let Some(row) = score_row(codes) {
                rows.push(row);
                counts.push(n);
            }
        }),
        None => {
            let mut tally: BTreeMap<Vec<u32>, u64> = BTreeMap::new();
            for row in 0..dataset.rows {
                if keep.is_none_or(|k| k[row]) {
                    let codes: Vec<u32> = scores.iter().map(|(c, _)| c.get(row)).collect();
                    *tally.entry(codes).or_default() += 1;
                }
            }
            for (codes, n) in tally {
                if let Some(row) = score_row(&codes) {
                    rows.push(row);
                    counts.push(n);
                }
            }
        }
    }
    if rows.is_empty() {
        return Ok(None);
    }
    stats::cronbach_alpha_counted(&rows, &counts).map_err(super::stats_error)
}

#[derive(Default)]
struct NotCountedTally(Vec<NotCounted>);

impl NotCountedTally {
    fn add(&mut self, kind: NotCountedKind, label: &str, count: u64) {
        match self
            .0
            .iter_mut()
            .find(|n| n.kind == kind && n.label == label)
        {
            Some(n) => n.count += count,
            None => self.0.push(NotCounted {
                kind,
                label: label.to_string(),
                count,
            }),
        }
    }

    /// Blanks, skips, not-applicable, then unknown labels from most to least frequent.
    fn finish(mut self) -> Vec<NotCounted> {
        let rank = |k: NotCountedKind| match k {
            NotCountedKind::Blank => 0,
            NotCountedKind::Skip => 1,
            NotCountedKind::NotApplicable => 2,
            NotCountedKind::Unknown => 3,
        };
        self.0.sort_by(|a, b| {
            rank(a.kind)
                .cmp(&rank(b.kind))
                .then(if a.kind == NotCountedKind::Unknown {
                    b.count.cmp(&a.count)
                } else {
                    std::cmp::Ordering::Equal
                })
                .then(a.label.cmp(&b.label))
        });
        self.0
    }
}
