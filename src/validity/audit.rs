//! The audit of a population as rows a person reads: every response a rule caught, with the rule,
//! what it does and the evidence, the evaluator's decisions folded in, and the accounting per file.

use super::log::Verdict;
use super::{Accounting, Review};
use crate::i18n::{Lang, fill};
use crate::model::Dataset;
use crate::survey::Survey;
use crate::survey::validity::Action;
use crate::validity::rule_label;

/// One line of the audit.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckRow {
    pub file: String,
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
    let s = lang.strings();
    let mut rows = Vec::new();
    let row_of = |row: usize| {
        let (source, local) = dataset.locate(row);
        let respondent = dataset.respondent(row);
        (
            source.table.path.display().to_string(),
            source.table.file_row(local),
            if respondent.starts_with('#') {
                String::new()
            } else {
                respondent
            },
        )
    };
    // Under `--where`, the audit of the responses the figures are about.
    for f in review.findings.iter().filter(|f| review.is_within(f.row)) {
        let (file, file_row, respondent) = row_of(f.row);
        let mut detail = f.describe(survey, dataset, lang);
        if let Some(d) = review.decisions.get(&f.row) {
            let note = match d.decision {
                Verdict::Include => s.reinstated,
                Verdict::Exclude => s.confirmed,
            };
            detail.push_str(&fill(s.decision_note, &[note, &d.reason]));
        }
        rows.push(CheckRow {
            file,
            row: file_row,
            respondent,
            rule: f.rule.name(),
            action: review.effective_action(f),
            detail,
        });
    }
    // Exclusions the rules did not make appear as their own rows.
    for (&row, d) in review
        .decisions
        .iter()
        .filter(|(r, _)| review.is_within(**r))
    {
        let covered = review
            .findings_for(row)
            .iter()
            .any(|f| f.rule.name() == d.rule);
        if d.decision == Verdict::Exclude && !covered {
            let (file, file_row, respondent) = row_of(row);
            rows.push(CheckRow {
                file,
                row: file_row,
                respondent,
                rule: d.rule.clone(),
                action: Action::Exclude,
                detail: format!("{}：{}", rule_label(lang, &d.rule), d.reason),
            });
        }
    }
    rows.sort_by(|a, b| (&a.file, a.row).cmp(&(&b.file, b.row)));
    let files = dataset
        .sources
        .iter()
        .map(|src| {
            (
                src.table.path.display().to_string(),
                review.accounting(src.start..src.start + src.table.rows),
            )
        })
        .collect();
    PopulationCheck {
        id: id.to_string(),
        name: name.to_string(),
        files,
        total: review.accounting(0..dataset.rows),
        rows,
    }
}
