//! Comparisons a careful analyst runs: whether a question's answers depend on a group (chi-square
//! test of independence, Cramér's V, and which group stands furthest from the rest), and whether
//! two populations differ in a positive share (difference with a Newcombe interval).

use crate::error::{Error, Result};
use crate::figures::Settings;
use crate::figures::groups::{Grouping, NO_GROUP};
use crate::figures::study::Study;
use crate::model::{AnswerValue, Dataset};
use crate::stats::{self, ChiSquareTest, Estimate};
use crate::survey::{Question, QuestionKind, Survey};
use crate::validity::Review;

/// A question against a grouping.
#[derive(Debug, Clone, PartialEq)]
pub struct Independence {
    pub population: String,
    pub by: String,
    pub question: String,
    pub text: String,
    /// Groups with at least one answer.
    pub groups: usize,
    /// Answers on a level from respondents in a group.
    pub n: u64,
    /// `None` when fewer than two groups or levels have answers.
    pub test: Option<ChiSquareTest>,
    /// The group whose positive share differs most from the rest of the respondents pooled:
    /// its label and the difference (group − rest) with a Newcombe interval.
    pub furthest: Option<(String, Estimate)>,
}

impl Independence {
    /// Expected counts too small for the chi-square approximation (Cochran: any below 1, or more
    /// than a fifth below 5).
    pub fn small_expected(&self) -> bool {
        self.test
            .as_ref()
            .is_some_and(|t| t.min_expected < 1.0 || t.share_expected_below_5 > 0.2)
    }
}

/// Tests every single-choice question of `dataset` against `grouping`, over the rows `keep` allows.
pub fn independence(
    survey: &Survey,
    dataset: &Dataset,
    keep: Option<&[bool]>,
    grouping: &Grouping,
    settings: Settings,
) -> Result<Vec<Independence>> {
    let population = &survey.populations[dataset.population].id;
    let mut out = Vec::new();
    for (qi, q) in survey.questions_for(population) {
        if let Some(test) = independence_of(survey, dataset, keep, grouping, qi, q, settings)? {
            out.push(test);
        }
    }
    Ok(out)
}

/// Tests one question (`qi` into `survey.questions`) against `grouping`; `None` when the question
/// is not single choice on a scale, or is the grouping's own question.
pub fn independence_of(
    survey: &Survey,
    dataset: &Dataset,
    keep: Option<&[bool]>,
    grouping: &Grouping,
    qi: usize,
    q: &Question,
    settings: Settings,
) -> Result<Option<Independence>> {
    let population = &survey.populations[dataset.population].id;
    let g = grouping.labels.len();
    let (Some(answers), Some(scale)) = (dataset.answers[qi].as_ref(), survey.scale_of(q)) else {
        return Ok(None);
    };
    if q.kind != QuestionKind::Single || grouping.question.as_deref() == Some(q.id.as_str()) {
        return Ok(None);
    }
    {
        let k = scale.levels.len();
        let level: Vec<Option<usize>> = answers
            .distinct
            .iter()
            .map(|a| match a.value {
                AnswerValue::Level(l) => Some(l as usize),
                _ => None,
            })
            .collect();
        let mut table = vec![vec![0u64; k]; g];
        answers.codes.for_each(|row, code| {
            let group = grouping.codes[row];
            if group != NO_GROUP
                && keep.is_none_or(|kp| kp[row])
                && let Some(l) = level[code as usize]
            {
                table[group as usize][l] += 1;
            }
        });
        let n: u64 = table.iter().flatten().sum();
        let groups = table.iter().filter(|r| r.iter().any(|&c| c > 0)).count();
        let test = stats::chi_square_independence(&table).map_err(super::stats_error)?;
        let positive: Vec<bool> = scale.levels.iter().map(|l| l.positive).collect();
        let furthest = if positive.iter().any(|&p| p) && groups >= 2 {
            let pos = |row: &[u64]| {
                row.iter()
                    .zip(&positive)
                    .filter(|(_, p)| **p)
                    .map(|(c, _)| c)
                    .sum::<u64>()
            };
            let (all_x, all_n) = (table.iter().map(|r| pos(r)).sum::<u64>(), n);
            let mut best: Option<(String, Estimate)> = None;
            for (gi, row) in table.iter().enumerate() {
                let (x, m) = (pos(row), row.iter().sum::<u64>());
                if m == 0 || m == all_n {
                    continue;
                }
                let diff = stats::proportion_difference(x, m, all_x - x, all_n - m, settings.conf)
                    .map_err(super::stats_error)?;
                if let Some(diff) = diff
                    && best
                        .as_ref()
                        .is_none_or(|(_, b)| diff.estimate.abs() > b.estimate.abs())
                {
                    best = Some((grouping.labels[gi].clone(), diff));
                }
            }
            best
        } else {
            None
        };
        Ok(Some(Independence {
            population: population.clone(),
            by: grouping.by.clone(),
            question: q.id.clone(),
            text: if q.text.is_empty() {
                answers.header.clone()
            } else {
                q.text.clone()
            },
            groups,
            n,
            test,
            furthest,
        }))
    }
}

/// A question asked of two populations (same topic or same id): their positive shares and the
/// difference a − b with a Newcombe interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    pub question: String,
    pub text: String,
    pub population_a: String,
    pub question_a: String,
    pub count_a: u64,
    pub n_a: u64,
    pub population_b: String,
    pub question_b: String,
    pub count_b: u64,
    pub n_b: u64,
    pub difference: Option<Estimate>,
}

fn answers_header(dataset: &Dataset, qi: usize) -> String {
    dataset.answers[qi]
        .as_ref()
        .map(|a| a.header.clone())
        .unwrap_or_default()
}

/// Positive-share count and n of question `qi` over the rows `keep` allows.
fn positive_count(
    survey: &Survey,
    dataset: &Dataset,
    qi: usize,
    keep: Option<&[bool]>,
) -> Option<(u64, u64)> {
    let q = &survey.questions[qi];
    let scale = survey.scale_of(q)?;
    let answers = dataset.answers[qi].as_ref()?;
    if q.kind != QuestionKind::Single || !scale.levels.iter().any(|l| l.positive) {
        return None;
    }
    let counts = answers.counts(keep);
    let (mut x, mut n) = (0, 0);
    for (a, c) in answers.distinct.iter().zip(counts) {
        if let AnswerValue::Level(l) = a.value {
            n += c;
            if scale.levels[l as usize].positive {
                x += c;
            }
        }
    }
    Some((x, n))
}

/// Every question the two populations share: the same `topic`, or the same id and scale.
#[allow(clippy::too_many_arguments)]
pub fn differences(
    survey_a: &Survey,
    a: &Dataset,
    keep_a: Option<&[bool]>,
    survey_b: &Survey,
    b: &Dataset,
    keep_b: Option<&[bool]>,
    settings: Settings,
) -> Result<Vec<Difference>> {
    let pa = &survey_a.populations[a.population].id;
    let pb = &survey_b.populations[b.population].id;
    let key = |q: &crate::survey::Question| q.topic.clone().unwrap_or_else(|| q.id.clone());
    let mut out = Vec::new();
    for (qa, question_a) in survey_a.questions_for(pa) {
        // Without topics, only populations of one questionnaire are matched, by id and scale: ids
        // repeat across questionnaires for unrelated questions.
        let one_questionnaire = std::ptr::eq(survey_a, survey_b);
        let same = |q: &crate::survey::Question| {
            key(q) == key(question_a)
                && (q.topic.is_some()
                    || (one_questionnaire
                        && survey_b.scale_of(q).map(|s| &s.id)
                            == survey_a.scale_of(question_a).map(|s| &s.id)))
        };
        let Some((qb, question_b)) = survey_b.questions_for(pb).find(|(_, q)| same(q)) else {
            continue;
        };
        let (Some((xa, na)), Some((xb, nb))) = (
            positive_count(survey_a, a, qa, keep_a),
            positive_count(survey_b, b, qb, keep_b),
        ) else {
            continue;
        };
        let difference = stats::proportion_difference(xa, na, xb, nb, settings.conf)
            .map_err(super::stats_error)?;
        out.push(Difference {
            question: key(question_a),
            text: [
                question_a.text.clone(),
                question_b.text.clone(),
                answers_header(a, qa),
            ]
            .into_iter()
            .find(|t| !t.is_empty())
            .unwrap_or_default(),
            population_a: pa.clone(),
            question_a: question_a.id.clone(),
            count_a: xa,
            n_a: na,
            population_b: pb.clone(),
            question_b: question_b.id.clone(),
            count_b: xb,
            n_b: nb,
            difference,
        });
    }
    Ok(out)
}

/// Every question of one population tested against the group, question or column `by`, on its
/// valid responses; an error when the population cannot be grouped by it.
pub fn tests_by(
    survey: &Survey,
    dataset: &Dataset,
    review: &Review,
    by: &str,
    settings: Settings,
) -> Result<Vec<Independence>> {
    let grouping = super::groups::resolve(survey, dataset, by)?;
    independence(survey, dataset, Some(&review.keep()), &grouping, settings)
}

/// Every population that can be grouped by `by`, every question tested against it.
pub fn by_group(study: &Study, by: &str, settings: Settings) -> Result<Vec<Independence>> {
    every_population(study, |survey, dataset, review| {
        tests_by(survey, dataset, review, by, settings)
    })
}

/// `tests` run on every population; an error only when no population could be tested (a
/// population without the group is simply left out).
fn every_population<T>(
    study: &Study,
    tests: impl Fn(&Survey, &Dataset, &Review) -> Result<Vec<T>>,
) -> Result<Vec<T>> {
    let mut rows = Vec::new();
    let mut first_error = None;
    for (l, reviews) in study.surveys.iter().zip(&study.reviews) {
        for (dataset, review) in l.datasets.iter().zip(reviews) {
            match tests(&l.survey, dataset, review) {
                Ok(found) => rows.extend(found),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
    }
    match (rows.is_empty(), first_error) {
        (true, Some(e)) => Err(e),
        _ => Ok(rows),
    }
}

fn find<'a>(
    study: &'a Study,
    id: &str,
) -> Option<(
    &'a crate::survey::Survey,
    &'a crate::model::Dataset,
    &'a Review,
)> {
    study
        .surveys
        .iter()
        .zip(&study.reviews)
        .find_map(|(l, reviews)| {
            l.datasets
                .iter()
                .zip(reviews)
                .find(|(d, _)| l.survey.populations[d.population].id == id)
                .map(|(d, r)| (&l.survey, d, r))
        })
}

/// The positive shares of populations `a` and `b` compared on every question they share.
pub fn between_populations(
    study: &Study,
    a: &str,
    b: &str,
    settings: Settings,
) -> Result<Vec<Difference>> {
    let known = || {
        study
            .surveys
            .iter()
            .flat_map(|l| l.survey.populations.iter().map(|p| p.id.clone()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (sa, da, ra) = find(study, a)
        .ok_or_else(|| Error::usage(crate::msg!(no_population_loaded, a, known())))?;
    let (sb, db, rb) = find(study, b)
        .ok_or_else(|| Error::usage(crate::msg!(no_population_loaded, b, known())))?;
    let (ka, kb) = (ra.keep(), rb.keep());
    differences(sa, da, Some(&ka), sb, db, Some(&kb), settings)
}

// ── Under weights (`compare --by --weighted`): the Rao–Scott test (issue 13, part 4) ──

/// A question against a grouping under the population's weights.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightedIndependence {
    pub population: String,
    pub by: String,
    pub question: String,
    pub text: String,
    /// Groups with at least one answer from a weighted respondent.
    pub groups: usize,
    /// Respondents with a positive weight in a group and an answer on a level.
    pub n: u64,
    pub test: WeightedTest,
}

/// The test a weighted comparison used.
#[derive(Debug, Clone, PartialEq)]
pub enum WeightedTest {
    /// Rao–Scott second-order corrected F (R `svychisq(…, statistic = "F")`, the weights taken
    /// as the design).
    RaoScott(stats::design::RaoScott),
    /// The population declares no weighting: the unweighted chi-square.
    ChiSquare(ChiSquareTest),
    /// Fewer than two groups or levels with answers.
    None,
}

impl WeightedTest {
    /// The name the outputs give it.
    pub fn name(&self) -> &'static str {
        match self {
            WeightedTest::RaoScott(_) => "rao_scott_f",
            WeightedTest::ChiSquare(_) => "chi_square",
            WeightedTest::None => "",
        }
    }
}

/// Every population that can be grouped by `by`, every single-choice question tested against it
/// under the population's weights: Rao–Scott where it is weighted, the plain chi-square where it
/// declares no weighting.
pub fn by_group_weighted(
    study: &Study,
    by: &str,
    settings: Settings,
) -> Result<Vec<WeightedIndependence>> {
    every_population(study, |survey, dataset, review| {
        weighted_tests_by(survey, dataset, review, by, settings)
    })
}

fn weighted_tests_by(
    survey: &Survey,
    dataset: &Dataset,
    review: &Review,
    by: &str,
    settings: Settings,
) -> Result<Vec<WeightedIndependence>> {
    let grouping = super::groups::resolve(survey, dataset, by)?;
    let keep = review.keep();
    let design = review.design_rows();
    let Some(weights) = super::weighting::row_weights(survey, dataset, Some(&design))? else {
        return Ok(
            independence(survey, dataset, Some(&keep), &grouping, settings)?
                .into_iter()
                .map(|r| WeightedIndependence {
                    population: r.population,
                    by: r.by,
                    question: r.question,
                    text: r.text,
                    groups: r.groups,
                    n: r.n,
                    test: r.test.map_or(WeightedTest::None, WeightedTest::ChiSquare),
                })
                .collect(),
        );
    };
    let population = &survey.populations[dataset.population].id;
    let g = grouping.labels.len();
    let mut out = Vec::new();
    for (qi, q) in survey.questions_for(population) {
        let (Some(answers), Some(scale)) = (dataset.answers[qi].as_ref(), survey.scale_of(q))
        else {
            continue;
        };
        if q.kind != QuestionKind::Single || grouping.question.as_deref() == Some(q.id.as_str()) {
            continue;
        }
        let level: Vec<Option<usize>> = answers
            .distinct
            .iter()
            .map(|a| match a.value {
                AnswerValue::Level(l) => Some(l as usize),
                _ => None,
            })
            .collect();
        let mut table = vec![vec![stats::design::CellSums::default(); scale.levels.len()]; g];
        answers.codes.for_each(|row, code| {
            let (group, w) = (grouping.codes[row], weights.weights[row]);
            if group != NO_GROUP
                && keep[row]
                && w > 0.0
                && let Some(l) = level[code as usize]
            {
                let cell = &mut table[group as usize][l];
                cell.n += 1;
                cell.sum_w += w;
                cell.sum_w2 += w * w;
            }
        });
        let n = table.iter().flatten().map(|c| c.n).sum();
        let groups = table.iter().filter(|r| r.iter().any(|c| c.n > 0)).count();
        out.push(WeightedIndependence {
            population: population.clone(),
            by: grouping.by.clone(),
            question: q.id.clone(),
            text: if q.text.is_empty() {
                answers.header.clone()
            } else {
                q.text.clone()
            },
            groups,
            n,
            test: stats::design::rao_scott(&table)
                .map_or(WeightedTest::None, WeightedTest::RaoScott),
        });
    }
    Ok(out)
}
