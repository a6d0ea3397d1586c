//! Breakdowns: which group each response belongs to, by a declared `[[group]]` (levels merged
//! into bands), by a question's levels, or by a metadata column (来源, the place of 来自IP).

use crate::error::{Error, Result};
use crate::ingest::Column;
use crate::model::{AnswerValue, Dataset};
use crate::survey::Survey;
use crate::survey::analysis::GroupSource;
use crate::survey::headers::{HeaderRole, MetaField};
use crate::survey::labels;

/// A row without a group (its answer is blank, skipped or off the scale).
pub const NO_GROUP: u32 = u32::MAX;

#[derive(Debug, Clone, PartialEq)]
pub struct Grouping {
    /// What the breakdown is by, as the user named it.
    pub by: String,
    /// The question the groups come from, when they come from one.
    pub question: Option<String>,
    /// Group labels in display order.
    pub labels: Vec<String>,
    /// Per row: index into `labels`, or [`NO_GROUP`].
    pub codes: Vec<u32>,
}

impl Grouping {
    /// Rows of group `g` among the rows `keep` allows.
    pub fn mask(&self, g: usize, keep: Option<&[bool]>) -> Vec<bool> {
        self.codes
            .iter()
            .enumerate()
            .map(|(row, &c)| c == g as u32 && keep.is_none_or(|k| k[row]))
            .collect()
    }
}

/// Resolves `by` for a population: a declared group id, a question id, or a metadata column.
pub fn resolve(survey: &Survey, dataset: &Dataset, by: &str) -> Result<Grouping> {
    let population = &survey.populations[dataset.population].id;
    let declared = survey
        .groups
        .iter()
        .find(|g| g.id == by && g.population.as_ref().is_none_or(|p| p == population));
    if let Some(g) = declared {
        return match &g.source {
            GroupSource::Question(q) => by_question(survey, dataset, by, q, &g.merge),
            GroupSource::Meta(header) => by_meta(dataset, by, header, &g.merge),
        };
    }
    if survey.questions_for(population).any(|(_, q)| q.id == by) {
        return by_question(survey, dataset, by, by, &[]);
    }
    if let Ok(g) = by_meta(dataset, by, by, &[]) {
        return Ok(g);
    }
    let mut known: Vec<String> = survey.groups.iter().map(|g| g.id.clone()).collect();
    known.extend(
        survey
            .questions_for(population)
            .filter(|(_, q)| q.kind == crate::survey::QuestionKind::Single)
            .map(|(_, q)| q.id.clone()),
    );
    known.extend(["来源".to_string(), "来自IP".to_string()]);
    Err(Error::usage(crate::msg!(
        no_such_group,
        population,
        by,
        known.join(", ")
    )))
}

/// Orders labels: the merged bands first in the order declared, then the rest as given.
fn ordered(found: Vec<String>, merge: &[(String, Vec<String>)]) -> Vec<String> {
    let mut out: Vec<String> = merge.iter().map(|(name, _)| name.clone()).collect();
    for l in found {
        if !out.contains(&l) {
            out.push(l);
        }
    }
    out
}

fn merged<'a>(label: &'a str, merge: &'a [(String, Vec<String>)]) -> &'a str {
    merge
        .iter()
        .find(|(_, levels)| {
            levels
                .iter()
                .any(|l| labels::match_key(l) == labels::match_key(label))
        })
        .map_or(label, |(name, _)| name.as_str())
}

fn by_question(
    survey: &Survey,
    dataset: &Dataset,
    by: &str,
    id: &str,
    merge: &[(String, Vec<String>)],
) -> Result<Grouping> {
    let population = &survey.populations[dataset.population].id;
    let (qi, q) = survey
        .questions_for(population)
        .find(|(_, q)| q.id == id)
        .ok_or_else(|| Error::usage(crate::msg!(not_asked, population, id)))?;
    let (Some(answers), Some(scale)) = (dataset.answers[qi].as_ref(), survey.scale_of(q)) else {
        return Err(Error::usage(crate::msg!(no_scale_to_group, id)));
    };
    if q.kind != crate::survey::QuestionKind::Single {
        return Err(Error::usage(crate::msg!(not_single_choice, id)));
    }
    let labels = ordered(
        scale
            .levels
            .iter()
            .map(|l| merged(&l.label, merge).to_string())
            .collect(),
        merge,
    );
    let level_group: Vec<u32> = scale
        .levels
        .iter()
        .map(|l| {
            labels
                .iter()
                .position(|g| g == merged(&l.label, merge))
                .map_or(NO_GROUP, |p| p as u32)
        })
        .collect();
    let per_answer: Vec<u32> = answers
        .distinct
        .iter()
        .map(|a| match a.value {
            AnswerValue::Level(k) => level_group[k as usize],
            _ => NO_GROUP,
        })
        .collect();
    let mut codes = Vec::with_capacity(dataset.rows);
    answers
        .codes
        .for_each(|_, c| codes.push(per_answer[c as usize]));
    Ok(Grouping {
        by: by.to_string(),
        question: Some(id.to_string()),
        labels,
        codes,
    })
}

/// A metadata column's values as groups, most frequent first; for 来自IP, the place.
fn by_meta(
    dataset: &Dataset,
    by: &str,
    header: &str,
    merge: &[(String, Vec<String>)],
) -> Result<Grouping> {
    let wanted = labels::match_key(header);
    let mut values: Vec<Option<String>> = Vec::with_capacity(dataset.rows);
    for source in &dataset.sources {
        let roles = crate::survey::headers::classify_table(&source.table);
        let column = source
            .table
            .headers
            .iter()
            .position(|h| labels::match_key(h) == wanted)
            .or_else(|| {
                // 来自IP, IP, 地区: the place in brackets of the IP column.
                let ip = matches!(wanted.as_str(), "来自ip" | "ip" | "地区" | "地理位置");
                ip.then(|| {
                    roles
                        .iter()
                        .position(|r| *r == HeaderRole::Meta(MetaField::Ip))
                })
                .flatten()
            });
        let Some(column) = column else {
            return Err(Error::usage(crate::msg!(no_column, header)).in_file(&source.table.path));
        };
        for row in 0..source.table.rows {
            let value = match &source.table.columns[column] {
                Column::Ip(c) => c
                    .places
                    .value(row)
                    .trim_matches(['(', ')', '（', '）'])
                    .to_string(),
                other => other.display(row).trim().to_string(),
            };
            values.push(
                (!value.is_empty() && labels::marker(&value).is_none())
                    .then(|| merged(&value, merge).to_string()),
            );
        }
    }
    let mut counts: Vec<(String, u64)> = Vec::new();
    for v in values.iter().flatten() {
        match counts.iter_mut().find(|(l, _)| l == v) {
            Some(c) => c.1 += 1,
            None => counts.push((v.clone(), 1)),
        }
    }
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let labels = ordered(counts.into_iter().map(|(l, _)| l).collect(), merge);
    let codes = values
        .iter()
        .map(|v| {
            v.as_ref()
                .and_then(|v| labels.iter().position(|l| l == v))
                .map_or(NO_GROUP, |p| p as u32)
        })
        .collect();
    Ok(Grouping {
        by: by.to_string(),
        question: None,
        labels,
        codes,
    })
}
