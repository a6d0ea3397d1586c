//! Mean scores compared across the groups of a breakdown (township, age band …): for every scored
//! single-choice question and every dimension's respondent mean, each group's mean with its t
//! interval, SD and SE; Welch's t test for two groups, the classic and Welch's one-way ANOVA for
//! three or more; and every pair of groups by Games–Howell and by Tukey–Kramer.
//!
//! Unweighted only: design-based tests of weighted means (R survey's `svyttest`, `svyglm`) are
//! not implemented, and an unweighted test is never passed off as a weighted one — the command
//! refuses `--weighted` with `--means`.

use crate::error::Result;
use crate::figures::Settings;
use crate::figures::groups::{Grouping, NO_GROUP};
use crate::figures::study::Study;
use crate::model::{AnswerValue, Dataset};
use crate::stats::{self, Estimate, FTest, Moments, PairwiseDifference, TTest};
use crate::survey::{QuestionKind, Survey};

/// One group's mean score.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupMean {
    pub label: String,
    pub n: u64,
    /// The mean with its t interval (NaN bounds for n = 1); `None` without answers.
    pub mean: Option<Estimate>,
    /// Sample standard deviation (n − 1 divisor); `None` for n < 2.
    pub sd: Option<f64>,
    /// Standard error sd/√n; `None` for n < 2.
    pub se: Option<f64>,
}

/// A pair of groups by name with its difference (mean of `a` − mean of `b`).
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub a: String,
    pub b: String,
    pub difference: PairwiseDifference,
}

/// A question's (or a dimension's) mean score across the groups of one breakdown.
#[derive(Debug, Clone, PartialEq)]
pub struct MeanComparison {
    pub population: String,
    pub by: String,
    /// The question id, or `dimension:<name>` for a dimension's respondent mean.
    pub question: String,
    pub text: String,
    /// Every group of the breakdown, in its order (a group without answers has n = 0).
    pub groups: Vec<GroupMean>,
    /// Groups with at least one answer: the k of the tests.
    pub k: usize,
    /// Welch's t test, when exactly two groups have answers.
    pub welch_t: Option<TTest>,
    /// The classic one-way ANOVA and Welch's ANOVA, when three or more groups have answers.
    pub anova: Option<FTest>,
    pub welch_anova: Option<FTest>,
    pub games_howell: Vec<Pair>,
    pub tukey_kramer: Vec<Pair>,
}

/// Compares the per-group `moments` (one per label of `grouping`).
fn compare(
    population: &str,
    grouping: &Grouping,
    question: String,
    text: String,
    moments: &[Moments],
    settings: Settings,
) -> Result<MeanComparison> {
    let mut groups = Vec::with_capacity(moments.len());
    for (label, m) in grouping.labels.iter().zip(moments) {
        let sd = m.variance().map(f64::sqrt);
        groups.push(GroupMean {
            label: label.clone(),
            n: m.n(),
            mean: stats::mean_interval(m, settings.conf, None).map_err(super::stats_error)?,
            sd,
            se: sd.map(|sd| sd / (m.n() as f64).sqrt()),
        });
    }
    let present: Vec<&Moments> = moments.iter().filter(|m| m.n() > 0).collect();
    let k = present.len();
    let named = |pairs: Vec<PairwiseDifference>| {
        pairs
            .into_iter()
            .map(|d| Pair {
                a: grouping.labels[d.a].clone(),
                b: grouping.labels[d.b].clone(),
                difference: d,
            })
            .collect::<Vec<_>>()
    };
    let (games_howell, tukey_kramer) = if k >= 2 {
        (
            named(stats::games_howell(moments, settings.conf)),
            named(stats::tukey_kramer(moments, settings.conf)),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(MeanComparison {
        population: population.to_string(),
        by: grouping.by.clone(),
        question,
        text,
        groups,
        k,
        welch_t: if k == 2 {
            stats::welch_t_test(present[0], present[1])
        } else {
            None
        },
        anova: if k >= 3 {
            stats::oneway_anova(moments)
        } else {
            None
        },
        welch_anova: if k >= 3 {
            stats::welch_anova(moments)
        } else {
            None
        },
        games_howell,
        tukey_kramer,
    })
}

/// Per distinct answer of question `qi`: its level's score, or `None` (not on a level, or the
/// scale is not scored).
fn scores(survey: &Survey, dataset: &Dataset, qi: usize) -> Option<Vec<Option<f64>>> {
    let q = &survey.questions[qi];
    let scale = survey.scale_of(q)?;
    let answers = dataset.answers[qi].as_ref()?;
    if q.kind != QuestionKind::Single || !scale.levels.iter().all(|l| l.score.is_some()) {
        return None;
    }
    Some(
        answers
            .distinct
            .iter()
            .map(|a| match a.value {
                AnswerValue::Level(l) => scale.levels[l as usize].score,
                _ => None,
            })
            .collect(),
    )
}

/// Every scored single-choice question and every dimension of one population, compared across
/// `grouping` over the rows `keep` allows.
pub fn compare_means(
    survey: &Survey,
    dataset: &Dataset,
    keep: Option<&[bool]>,
    grouping: &Grouping,
    settings: Settings,
) -> Result<Vec<MeanComparison>> {
    let population = &survey.populations[dataset.population].id;
    let g = grouping.labels.len();
    let kept = |row: usize| keep.is_none_or(|k| k[row]);
    // What to compare: (question, text, per-group moments), gathered in one cheap pass each; the
    // tests (the studentized range quantiles of every pair) then run on every core.
    let mut todo: Vec<(String, String, Vec<Moments>)> = Vec::new();
    for (qi, q) in survey.questions_for(population) {
        if grouping.question.as_deref() == Some(q.id.as_str()) {
            continue;
        }
        let (Some(values), Some(answers)) =
            (scores(survey, dataset, qi), dataset.answers[qi].as_ref())
        else {
            continue;
        };
        let mut moments = vec![Moments::new(); g];
        answers.codes.for_each(|row, code| {
            let group = grouping.codes[row];
            if group != NO_GROUP
                && kept(row)
                && let Some(y) = values[code as usize]
            {
                moments[group as usize].add(y, 1);
            }
        });
        let text = if q.text.is_empty() {
            answers.header.clone()
        } else {
            q.text.clone()
        };
        todo.push((q.id.clone(), text, moments));
    }
    // Dimensions: each respondent's mean over the items they rated, then compared.
    for (name, items) in super::summary::dimension_items(survey, dataset) {
        let items: Vec<(usize, Vec<Option<f64>>)> = items
            .iter()
            .filter(|&&qi| grouping.question.as_deref() != Some(survey.questions[qi].id.as_str()))
            .filter_map(|&qi| Some((qi, scores(survey, dataset, qi)?)))
            .collect();
        if items.len() < 2 {
            continue;
        }
        let rows = grouping.codes.len();
        let mut sum = vec![0.0_f64; rows];
        let mut count = vec![0u32; rows];
        for (qi, values) in &items {
            if let Some(answers) = dataset.answers[*qi].as_ref() {
                answers.codes.for_each(|row, code| {
                    if let Some(y) = values[code as usize] {
                        sum[row] += y;
                        count[row] += 1;
                    }
                });
            }
        }
        let mut moments = vec![Moments::new(); g];
        for row in 0..rows {
            let group = grouping.codes[row];
            if group != NO_GROUP && kept(row) && count[row] > 0 {
                moments[group as usize].add(sum[row] / f64::from(count[row]), 1);
            }
        }
        todo.push((format!("dimension:{name}"), name.clone(), moments));
    }
    crate::parallel::map(&todo, |(question, text, moments)| {
        compare(
            population,
            grouping,
            question.clone(),
            text.clone(),
            moments,
            settings,
        )
    })
    .into_iter()
    .collect()
}

/// Every population that can be grouped by `by`, its means compared across the groups.
pub fn means_by_group(study: &Study, by: &str, settings: Settings) -> Result<Vec<MeanComparison>> {
    let mut rows = Vec::new();
    let mut first_error = None;
    for (l, reviews) in study.surveys.iter().zip(&study.reviews) {
        for (dataset, review) in l.datasets.iter().zip(reviews) {
            let grouping = match super::groups::resolve(&l.survey, dataset, by) {
                Ok(g) => g,
                Err(e) => {
                    first_error.get_or_insert(e);
                    continue;
                }
            };
            rows.extend(compare_means(
                &l.survey,
                dataset,
                Some(&review.keep()),
                &grouping,
                settings,
            )?);
        }
    }
    match (rows.is_empty(), first_error) {
        (true, Some(e)) => Err(e),
        _ => Ok(rows),
    }
}
