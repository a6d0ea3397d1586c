//! The audit of a population as rows a person reads: every response a rule caught, with the rule,
//! what it does and the evidence, the evaluator's decisions folded in, and the accounting per file.

use super::log::Verdict;
use super::{Accounting, Review};
use crate::i18n::{Lang, fill};
use crate::model::Dataset;
use crate::survey::Survey;
use crate::survey::validity::Action;
use crate::validity::rule_label;
use std::sync::Arc;

/// One line of the audit.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckRow {
    /// Shared by every row of the file.
    pub file: Arc<str>,
    pub row: u64,
    pub respondent: String,
    pub rule: String,
    pub action: Action,
    pub detail: String,
}

#[derive(Debug, Clone)]
pub struct PopulationCheck {
    pub id: String,
    pub name: String,
    pub files: Vec<(String, Accounting)>,
    pub total: Accounting,
    pub rows: Vec<CheckRow>,
}

/// The findings of one population as rows, with the evaluator's decisions folded in.
pub fn audit_rows(
    id: &str,
    name: &str,
    survey: &Survey,
    dataset: &Dataset,
    review: &Review,
    lang: Lang,
) -> PopulationCheck {
    let mut rows = Vec::new();
    each_row(survey, dataset, review, lang, |r| rows.push(r));
    PopulationCheck {
        id: id.to_string(),
        name: name.to_string(),
        files: file_accounting(dataset, review),
        total: review.accounting(0..dataset.rows),
        rows,
    }
}

/// The accounting of each file of the population.
pub fn file_accounting(dataset: &Dataset, review: &Review) -> Vec<(String, Accounting)> {
    dataset
        .sources
        .iter()
        .map(|src| {
            (
                src.table.path.display().to_string(),
                review.accounting(src.start..src.start + src.table.rows),
            )
        })
        .collect()
}

/// What a line of the audit shows: a finding (its index in the review), or an exclusion the
/// evaluator made that no rule did (its population row).
#[derive(Clone, Copy)]
enum Line {
    Finding(usize),
    Decision(usize),
}

/// Every line of the audit in order — by file path, then row; a row's findings before a
/// decision of its own — each put into words only as it is handed to `emit`: an export with a
/// finding on most of its millions of rows is never held as text all at once.
pub fn each_row(
    survey: &Survey,
    dataset: &Dataset,
    review: &Review,
    lang: Lang,
    mut emit: impl FnMut(CheckRow),
) {
    let s = lang.strings();
    let paths: Vec<Arc<str>> = dataset
        .sources
        .iter()
        .map(|src| src.table.path.display().to_string().into())
        .collect();
    // Files are listed in the order of their paths; a path given twice is one file.
    let mut sorted: Vec<&Arc<str>> = paths.iter().collect();
    sorted.sort();
    sorted.dedup();
    let file_rank: Vec<usize> = paths
        .iter()
        .map(|p| sorted.partition_point(|q| *q < p))
        .collect();
    let source_index = |row: usize| dataset.sources.partition_point(|s| s.start <= row) - 1;
    let key = |row: usize| {
        let (source, local) = dataset.locate(row);
        (file_rank[source_index(row)], source.table.file_row(local))
    };
    // Under `--where`, the audit of the responses the figures are about.
    let mut lines: Vec<((usize, u64), u8, usize, Line)> = review
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| review.is_within(f.row))
        .map(|(i, f)| (key(f.row), 0, i, Line::Finding(i)))
        .collect();
    // Exclusions the rules did not make appear as their own rows.
    for (&row, d) in review
        .decisions
        .iter()
        .filter(|(r, _)| review.is_within(**r))
    {
        let covered = review
            .findings_for(row)
            .iter()
            .any(|f| f.rule().name() == d.rule);
        if d.decision == Verdict::Exclude && !covered {
            lines.push((key(row), 1, row, Line::Decision(row)));
        }
    }
    lines.sort_unstable_by_key(|&(k, phase, i, _)| (k, phase, i));
    let row_of = |row: usize| {
        let (source, local) = dataset.locate(row);
        let respondent = dataset.respondent(row);
        (
            paths[source_index(row)].clone(),
            source.table.file_row(local),
            if respondent.starts_with('#') {
                String::new()
            } else {
                respondent
            },
        )
    };
    for (_, _, _, line) in lines {
        match line {
            Line::Finding(i) => {
                let f = &review.findings[i];
                let (file, file_row, respondent) = row_of(f.row);
                let mut detail = f.describe(survey, dataset, lang);
                if let Some(d) = review.decisions.get(&f.row) {
                    let note = match d.decision {
                        Verdict::Include => s.reinstated,
                        Verdict::Exclude => s.confirmed,
                    };
                    detail.push_str(&fill(s.decision_note, &[note, &d.reason]));
                }
                emit(CheckRow {
                    file,
                    row: file_row,
                    respondent,
                    rule: f.rule().name(),
                    action: review.effective_action(f),
                    detail,
                });
            }
            Line::Decision(row) => {
                let Some(d) = review.decisions.get(&row) else {
                    continue;
                };
                let (file, file_row, respondent) = row_of(row);
                emit(CheckRow {
                    file,
                    row: file_row,
                    respondent,
                    rule: d.rule.clone(),
                    action: Action::Exclude,
                    detail: format!("{}：{}", rule_label(lang, &d.rule), d.reason),
                });
            }
        }
    }
}
