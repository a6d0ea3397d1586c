//! The validity rules, each a plain function over a population's columnar data that returns the
//! responses it catches with the evidence.

use super::config::{Check, Requirement, ValidityConfig};
use super::{Evidence, Finding, Rule};
use crate::ingest::Column;
use crate::ingest::column::IP_MISSING;
use crate::model::{AnswerValue, Dataset};
use crate::survey::headers::MetaField;
use crate::survey::{LabelMatch, QuestionKind, ScaleIndex, Survey};
use std::collections::HashMap;

/// The questions asked of the dataset's population: (index into survey.questions, id).
fn asked(survey: &Survey, dataset: &Dataset) -> Vec<usize> {
    (0..survey.questions.len())
        .filter(|&q| dataset.answers[q].is_some())
        .collect()
}

/// A per-row value of one metadata field across the files of a population.
fn meta_column<'a>(dataset: &'a Dataset, field: MetaField) -> Vec<Option<&'a Column>> {
    dataset
        .sources
        .iter()
        .map(|s| s.meta.get(&field).map(|&c| &s.table.columns[c]))
        .collect()
}

/// Every row's 所用时间 in seconds.
pub fn durations(dataset: &Dataset) -> Vec<Option<u32>> {
    let columns = meta_column(dataset, MetaField::Duration);
    let mut out = Vec::with_capacity(dataset.rows);
    for (source, column) in dataset.sources.iter().zip(columns) {
        for r in 0..source.table.rows {
            out.push(match column {
                Some(Column::Seconds(c)) => c.get(r),
                _ => None,
            });
        }
    }
    out
}

/// Every row's 提交答卷时间.
pub fn submitted(dataset: &Dataset) -> Vec<Option<i64>> {
    let columns = meta_column(dataset, MetaField::Submitted);
    let mut out = Vec::with_capacity(dataset.rows);
    for (source, column) in dataset.sources.iter().zip(columns) {
        for r in 0..source.table.rows {
            out.push(match column {
                Some(Column::Timestamp(c)) => c.get(r),
                _ => None,
            });
        }
    }
    out
}

fn median(values: &mut [u32]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 {
        f64::from(values[n / 2])
    } else {
        (f64::from(values[n / 2 - 1]) + f64::from(values[n / 2])) / 2.0
    })
}

pub fn speeders(dataset: &Dataset, config: &ValidityConfig) -> Vec<Finding> {
    let rule = &config.speeder;
    let times = durations(dataset);
    let mut known: Vec<u32> = times.iter().flatten().copied().collect();
    let Some(median) = median(&mut known) else {
        return Vec::new();
    };
    let limit = (median * rule.fraction).max(rule.floor.map_or(0.0, f64::from));
    times
        .iter()
        .enumerate()
        .filter_map(|(row, t)| {
            let t = (*t)?;
            (f64::from(t) < limit).then(|| Finding {
                row,
                rule: Rule::Speeder,
                action: rule.action,
                evidence: Evidence::Speeder {
                    seconds: t,
                    median,
                    limit,
                },
            })
        })
        .collect()
}

/// True when every asked question is blank or skipped.
fn is_blank(dataset: &Dataset, questions: &[usize], row: usize) -> bool {
    questions.iter().all(|&q| {
        dataset.answers[q]
            .as_ref()
            .is_none_or(|a| !a.get(row).value.is_answered())
    })
}

pub fn blanks(survey: &Survey, dataset: &Dataset, config: &ValidityConfig) -> Vec<Finding> {
    let questions = asked(survey, dataset);
    if questions.is_empty() {
        return Vec::new();
    }
    (0..dataset.rows)
        .filter(|&row| is_blank(dataset, &questions, row))
        .map(|row| Finding {
            row,
            rule: Rule::Blank,
            action: config.blank.action,
            evidence: Evidence::Blank,
        })
        .collect()
}

/// Rows in submission order (time, then position), the order "first" and "later" refer to.
fn submission_order(dataset: &Dataset) -> Vec<usize> {
    let times = submitted(dataset);
    let mut order: Vec<usize> = (0..dataset.rows).collect();
    order.sort_by_key(|&r| (times[r].unwrap_or(i64::MAX), r));
    order
}

pub fn duplicates(survey: &Survey, dataset: &Dataset, config: &ValidityConfig) -> Vec<Finding> {
    let action = config.duplicate.action;
    let questions = asked(survey, dataset);
    let codes: Vec<&crate::ingest::Codes> = questions
        .iter()
        .filter_map(|&q| dataset.answers[q].as_ref().map(|a| &a.codes))
        .collect();
    let same_answers = |a: usize, b: usize| codes.iter().all(|c| c.get(a) == c.get(b));
    let signature = |row: usize| {
        // FNV-1a over the answer codes: equal answers, equal signature.
        codes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, c| {
            (h ^ u64::from(c.get(row))).wrapping_mul(0x0000_0100_0000_01B3)
        })
    };

    // Identity keys per row: the IP address and a platform user id, where the export has them.
    let mut ip_keys: Vec<Option<u64>> = Vec::with_capacity(dataset.rows);
    let mut user_keys: Vec<Option<String>> = Vec::with_capacity(dataset.rows);
    let mut ids: Vec<Option<String>> = Vec::with_capacity(dataset.rows);
    for source in &dataset.sources {
        let ip = source
            .meta
            .get(&MetaField::Ip)
            .map(|&c| &source.table.columns[c]);
        let user = source
            .meta
            .get(&MetaField::RespondentKey)
            .map(|&c| &source.table.columns[c]);
        let id = source
            .meta
            .get(&MetaField::Id)
            .map(|&c| &source.table.columns[c]);
        for r in 0..source.table.rows {
            ip_keys.push(match ip {
                Some(Column::Ip(c)) if c.keys[r] != IP_MISSING => Some(c.keys[r]),
                _ => None,
            });
            let text = |col: Option<&Column>| {
                col.map(|c| c.display(r).trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            user_keys.push(text(user));
            ids.push(text(id));
        }
    }

    let mut findings = Vec::new();
    let mut first_by_ip: HashMap<(u64, u64), Vec<usize>> = HashMap::new();
    let mut first_by_user: HashMap<(String, u64), Vec<usize>> = HashMap::new();
    let mut first_by_id: HashMap<String, usize> = HashMap::new();
    for row in submission_order(dataset) {
        if let Some(id) = &ids[row] {
            match first_by_id.get(id) {
                Some(&first) => findings.push(Finding {
                    row,
                    rule: Rule::Duplicate,
                    action,
                    evidence: Evidence::RepeatedId {
                        id: id.clone(),
                        first,
                    },
                }),
                None => {
                    first_by_id.insert(id.clone(), row);
                }
            }
        }
        if is_blank(dataset, &questions, row) {
            // Two empty forms are the blank rule's business, not resubmissions.
            continue;
        }
        let sig = signature(row);
        let mut found: Option<Evidence> = None;
        if let Some(ip) = ip_keys[row] {
            let seen = first_by_ip.entry((ip, sig)).or_default();
            if let Some(&first) = seen.iter().find(|&&f| same_answers(f, row)) {
                found = Some(Evidence::Duplicate {
                    first,
                    by: dataset.meta_display(row, MetaField::Ip).unwrap_or_default(),
                });
            } else {
                seen.push(row);
            }
        }
        if let Some(user) = &user_keys[row] {
            let seen = first_by_user.entry((user.clone(), sig)).or_default();
            if let Some(&first) = seen.iter().find(|&&f| same_answers(f, row)) {
                found.get_or_insert(Evidence::Duplicate {
                    first,
                    by: user.clone(),
                });
            } else {
                seen.push(row);
            }
        }
        if let Some(evidence) = found {
            // A repeated 序号 with the same answers is one duplicate, not two.
            if !findings.last().is_some_and(|f: &Finding| f.row == row) {
                findings.push(Finding {
                    row,
                    rule: Rule::Duplicate,
                    action,
                    evidence,
                });
            }
        }
    }
    findings.sort_by_key(|f| f.row);
    findings
}

pub fn incomplete(survey: &Survey, dataset: &Dataset, config: &ValidityConfig) -> Vec<Finding> {
    let rule = &config.incomplete;
    let questions = asked(survey, dataset);
    let required: Vec<usize> = match &rule.required {
        Some(ids) => questions
            .iter()
            .copied()
            .filter(|&q| ids.contains(&survey.questions[q].id))
            .collect(),
        None => questions
            .iter()
            .copied()
            .filter(|&q| survey.questions[q].kind != QuestionKind::Text)
            .collect(),
    };
    if required.is_empty() {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for row in 0..dataset.rows {
        let missing: Vec<String> = required
            .iter()
            .filter(|&&q| {
                dataset.answers[q]
                    .as_ref()
                    .is_some_and(|a| a.get(row).value == AnswerValue::Blank)
            })
            .map(|&q| survey.questions[q].id.clone())
            .collect();
        if !missing.is_empty() && !is_blank(dataset, &questions, row) {
            findings.push(Finding {
                row,
                rule: Rule::Incomplete,
                action: rule.action,
                evidence: Evidence::Incomplete { questions: missing },
            });
        }
    }
    findings
}

/// The blocks straight-lining is looked for in: as declared, or per scale the matrix items using it.
fn blocks(survey: &Survey, dataset: &Dataset, config: &ValidityConfig) -> Vec<Vec<usize>> {
    let questions = asked(survey, dataset);
    match &config.straight_lining.blocks {
        Some(declared) => declared
            .iter()
            .map(|ids| {
                questions
                    .iter()
                    .copied()
                    .filter(|&q| ids.contains(&survey.questions[q].id))
                    .collect()
            })
            .collect(),
        None => {
            let mut by_scale: Vec<(usize, Vec<usize>)> = Vec::new();
            for &q in &questions {
                let question = &survey.questions[q];
                if question.kind != QuestionKind::Single || question.dimension.is_none() {
                    continue;
                }
                let Some(scale) = question.scale else {
                    continue;
                };
                match by_scale.iter_mut().find(|(s, _)| *s == scale) {
                    Some((_, block)) => block.push(q),
                    None => by_scale.push((scale, vec![q])),
                }
            }
            by_scale.into_iter().map(|(_, b)| b).collect()
        }
    }
}

pub fn straight_lining(
    survey: &Survey,
    dataset: &Dataset,
    config: &ValidityConfig,
) -> Vec<Finding> {
    let rule = &config.straight_lining;
    let mut findings = Vec::new();
    for block in blocks(survey, dataset, config) {
        if block.len() < rule.min_items {
            continue;
        }
        let answers: Vec<&crate::model::Answers> = block
            .iter()
            .filter_map(|&q| dataset.answers[q].as_ref())
            .collect();
        for row in 0..dataset.rows {
            let mut level = None;
            let mut rated = 0usize;
            let mut same = true;
            for a in &answers {
                if let AnswerValue::Level(k) = a.get(row).value {
                    rated += 1;
                    match level {
                        None => level = Some(k),
                        Some(l) if l != k => {
                            same = false;
                            break;
                        }
                        _ => {}
                    }
                }
            }
            if same
                && rated >= rule.min_items
                && let Some(k) = level
            {
                let scale = survey.scale_of(&survey.questions[block[0]]);
                findings.push(Finding {
                    row,
                    rule: Rule::StraightLining,
                    action: rule.action,
                    evidence: Evidence::StraightLining {
                        items: rated,
                        level: scale.map_or(String::new(), |s| s.levels[k as usize].label.clone()),
                    },
                });
            }
        }
    }
    findings.sort_by_key(|f| f.row);
    findings.dedup_by_key(|f| f.row);
    findings
}

pub fn unknown_labels(survey: &Survey, dataset: &Dataset, config: &ValidityConfig) -> Vec<Finding> {
    let questions = asked(survey, dataset);
    let mut findings = Vec::new();
    for row in 0..dataset.rows {
        let mut labels: Vec<(String, String)> = Vec::new();
        for &q in &questions {
            let Some(a) = &dataset.answers[q] else {
                continue;
            };
            let answer = a.get(row);
            match &answer.value {
                AnswerValue::Unknown => {
                    labels.push((survey.questions[q].id.clone(), answer.text.clone()))
                }
                AnswerValue::Options { unknown, .. } => {
                    for u in unknown {
                        labels.push((survey.questions[q].id.clone(), u.clone()));
                    }
                }
                _ => {}
            }
        }
        if !labels.is_empty() {
            findings.push(Finding {
                row,
                rule: Rule::UnknownLabel,
                action: config.unknown_label.action,
                evidence: Evidence::UnknownLabel { labels },
            });
        }
    }
    findings
}

pub fn out_of_window(dataset: &Dataset, config: &ValidityConfig) -> Vec<Finding> {
    let rule = &config.window;
    if rule.start.is_none() && rule.end.is_none() {
        return Vec::new();
    }
    submitted(dataset)
        .iter()
        .enumerate()
        .filter_map(|(row, t)| {
            let t = (*t)?;
            let outside = rule.start.is_some_and(|s| t < s) || rule.end.is_some_and(|e| t > e);
            outside.then(|| Finding {
                row,
                rule: Rule::OutOfWindow,
                action: rule.action,
                evidence: Evidence::OutOfWindow {
                    submitted: t,
                    window: rule.written.clone(),
                },
            })
        })
        .collect()
}

/// Levels of question `q` named by `labels` (labels or aliases).
fn level_set(survey: &Survey, q: usize, labels: &[String]) -> Vec<u16> {
    let Some(scale) = survey.scale_of(&survey.questions[q]) else {
        return Vec::new();
    };
    let index = ScaleIndex::new(scale);
    labels
        .iter()
        .filter_map(|l| match index.lookup_text(l) {
            Some(LabelMatch::Level(k)) => Some(k),
            _ => None,
        })
        .collect()
}

pub fn checks(survey: &Survey, dataset: &Dataset, config: &ValidityConfig) -> Vec<Finding> {
    let population = &survey.populations[dataset.population].id;
    let find = |id: &str| -> Option<usize> {
        (0..survey.questions.len())
            .find(|&q| survey.questions[q].id == id && dataset.answers[q].is_some())
    };
    let mut findings = Vec::new();
    for check in &config.checks {
        if check.population.as_ref().is_some_and(|p| p != population) {
            continue;
        }
        let condition = match &check.condition {
            Some((id, labels)) => match find(id) {
                Some(q) => Some((q, level_set(survey, q, labels))),
                None => continue,
            },
            None => None,
        };
        let (ids, allowed) = match &check.require {
            Requirement::Blank(ids) => (ids, None),
            Requirement::In(ids, labels) => (ids, Some(labels)),
        };
        let required: Vec<(usize, Option<Vec<u16>>)> = ids
            .iter()
            .filter_map(|id| find(id))
            .map(|q| (q, allowed.map(|l| level_set(survey, q, l))))
            .collect();
        if required.len() != ids.len() {
            continue;
        }
        for row in 0..dataset.rows {
            if let Some((q, levels)) = &condition {
                let hit = matches!(dataset.answers[*q].as_ref().map(|a| &a.get(row).value), Some(AnswerValue::Level(k)) if levels.contains(k));
                if !hit {
                    continue;
                }
            }
            let broken: Vec<String> = required
                .iter()
                .filter_map(|(q, levels)| {
                    let answer = dataset.answers[*q].as_ref()?.get(row);
                    let bad = match levels {
                        None => matches!(
                            answer.value,
                            AnswerValue::Level(_)
                                | AnswerValue::Options { .. }
                                | AnswerValue::Text
                                | AnswerValue::Unknown
                        ),
                        Some(levels) => {
                            !matches!(answer.value, AnswerValue::Level(k) if levels.contains(&k))
                        }
                    };
                    bad.then(|| format!("{} = {}", survey.questions[*q].id, answer.text))
                })
                .collect();
            if !broken.is_empty() {
                let trigger = condition
                    .as_ref()
                    .map(|(q, _)| {
                        let a = dataset.answers[*q]
                            .as_ref()
                            .map(|a| a.get(row).text.clone())
                            .unwrap_or_default();
                        format!("{} = {}", survey.questions[*q].id, a)
                    })
                    .unwrap_or_default();
                findings.push(Finding {
                    row,
                    rule: Rule::Check(check.id.clone()),
                    action: check.action,
                    evidence: Evidence::Check {
                        description: check.description.clone(),
                        trigger,
                        answers: broken,
                    },
                });
            }
        }
    }
    findings
}

/// Checks whose questions or levels do not exist are definition mistakes; named here so the
/// definition loader can report them with their line.
pub fn check_problems(survey: &Survey, check: &Check) -> Vec<String> {
    let mut problems = Vec::new();
    let exists = |id: &str| survey.questions.iter().position(|q| q.id == id);
    let verify_levels = |id: &str, labels: &[String], problems: &mut Vec<String>| {
        if let Some(q) = exists(id) {
            let known = level_set(survey, q, labels);
            if known.len() != labels.len() {
                problems.push(format!(
                    "a level listed for question '{id}' is not on its scale"
                ));
            }
        } else {
            problems.push(format!("question '{id}' is not declared"));
        }
    };
    if let Some((id, labels)) = &check.condition {
        verify_levels(id, labels, &mut problems);
    }
    match &check.require {
        Requirement::Blank(ids) => {
            for id in ids {
                if exists(id).is_none() {
                    problems.push(format!("question '{id}' is not declared"));
                }
            }
        }
        Requirement::In(ids, labels) => {
            for id in ids {
                verify_levels(id, labels, &mut problems);
            }
        }
    }
    problems
}
