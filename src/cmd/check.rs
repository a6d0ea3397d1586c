//! `wenjuan check`: every response a validity rule catches, with the rule, what it does and the
//! evidence, then the accounting per file and per population. Exit status 1 when anything is
//! flagged or excluded, so a script can gate on it.

use crate::cli::CheckArgs;
use crate::error::Result;
use crate::i18n::{Lang, rule_label};
use crate::load::{self, Inputs};
use crate::model::Dataset;
use crate::output;
use crate::report::markdown::{cell, rule_counts};
use crate::report::{Format, json::counts, neutralize_formula};
use crate::text::visible;
use crate::validity::log::Verdict;
use crate::validity::{self, Accounting, Action, Review};
use serde_json::json;
use std::fmt::Write;

pub const HEADER: [&str; 6] = ["file", "row", "respondent", "rule", "action", "detail"];

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

pub fn run(args: &CheckArgs, lang: Lang) -> Result<u8> {
    let inputs = Inputs::from(&args.input);
    let loaded = load::load(&inputs)?;
    let protected = output::Protected::new(loaded.iter().flat_map(|l| l.input_paths()));
    if let Some(path) = &args.output.output {
        protected.check(path)?;
    }
    let mut populations = Vec::new();
    for l in &loaded {
        for w in &l.warnings {
            output::warn(&w.0);
        }
        let reviews = validity::review_all(&l.survey, &l.datasets)?;
        for (dataset, review) in l.datasets.iter().zip(&reviews) {
            for problem in &review.problems {
                output::warn(problem);
            }
            let population = &l.survey.populations[dataset.population];
            populations.push(audit_rows(
                &population.id,
                &population.name,
                dataset,
                review,
                lang,
            ));
        }
    }
    let format = args.output.resolved_format();
    let bytes = match format {
        Format::Csv => csv(&populations),
        Format::Json => json(&populations),
        Format::Markdown => markdown(&populations, lang),
    };
    output::emit(args.output.output.as_deref(), &bytes, &protected)?;
    if format == Format::Csv {
        // The findings are the contract on stdout; a person still sees the accounting.
        for p in &populations {
            output::note(&accounting_line(&p.id, &p.total, lang));
        }
    }
    let caught = populations.iter().any(|p| !p.rows.is_empty());
    Ok(u8::from(caught))
}

/// The findings of one population as rows, with the evaluator's decisions folded in.
pub fn audit_rows(
    id: &str,
    name: &str,
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
    for f in &review.findings {
        let (file, file_row, respondent) = row_of(f.row);
        let mut detail = f.evidence.describe(dataset, lang);
        if let Some(d) = review.decisions.get(&f.row) {
            let note = match d.decision {
                Verdict::Include => s.reinstated,
                Verdict::Exclude => s.confirmed,
            };
            detail.push_str(&format!("；{note}：{}", d.reason));
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
    for (&row, d) in &review.decisions {
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

pub fn accounting_line(population: &str, a: &Accounting, lang: Lang) -> String {
    let s = lang.strings();
    let mut line = format!(
        "{population}: {} {}, {} {}",
        s.received, a.received, s.valid, a.valid
    );
    if !a.excluded.is_empty() {
        line.push_str(&format!(
            "; {} {}",
            s.excluded,
            rule_counts(&a.excluded, lang)
        ));
    }
    if !a.flagged.is_empty() {
        line.push_str(&format!(
            "; {} {}",
            s.flagged,
            rule_counts(&a.flagged, lang)
        ));
    }
    line
}

fn csv(populations: &[PopulationCheck]) -> Vec<u8> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(HEADER);
    for p in populations {
        for r in &p.rows {
            let _ = out.write_record([
                neutralize_formula(&visible(&r.file)).into_owned(),
                r.row.to_string(),
                neutralize_formula(&visible(&r.respondent)).into_owned(),
                r.rule.clone(),
                r.action.name().to_string(),
                neutralize_formula(&visible(&r.detail)).into_owned(),
            ]);
        }
    }
    out.into_inner().unwrap_or_default()
}

fn accounting_json(a: &Accounting) -> serde_json::Value {
    json!({
        "received": a.received,
        "valid": a.valid,
        "excluded": counts(&a.excluded),
        "flagged": counts(&a.flagged),
        "flagged_responses": a.flagged_responses,
    })
}

fn json(populations: &[PopulationCheck]) -> Vec<u8> {
    let value = json!({
        "populations": populations.iter().map(|p| json!({
            "id": p.id,
            "name": p.name,
            "responses": accounting_json(&p.total),
            "files": p.files.iter().map(|(path, a)| json!({ "path": path, "responses": accounting_json(a) })).collect::<Vec<_>>(),
            "findings": p.rows.iter().map(|r| json!({
                "file": r.file, "row": r.row, "respondent": r.respondent,
                "rule": r.rule, "action": r.action.name(), "detail": r.detail,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    let mut bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn markdown(populations: &[PopulationCheck], lang: Lang) -> Vec<u8> {
    let s = lang.strings();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", s.check_title);
    for p in populations {
        let _ = writeln!(out, "## {}（{}）\n", cell(&p.name), cell(&p.id));
        if p.rows.is_empty() {
            let _ = writeln!(out, "{}\n", s.nothing_caught);
        } else {
            let _ = writeln!(out, "| {} |", s.check_columns.join(" | "));
            let _ = writeln!(out, "|---|---:|---:|---|---|---|");
            for r in &p.rows {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    cell(&r.file),
                    r.row,
                    cell(&r.respondent),
                    rule_label(lang, &r.rule),
                    if r.action == Action::Exclude {
                        s.action_exclude
                    } else {
                        s.action_flag
                    },
                    cell(&r.detail)
                );
            }
            out.push('\n');
        }
        let _ = writeln!(out, "| {} |", s.accounting_columns.join(" | "));
        let _ = writeln!(out, "|---|---:|---:|---|---|");
        let mut lines: Vec<(String, &Accounting)> =
            p.files.iter().map(|(f, a)| (cell(f), a)).collect();
        if p.files.len() > 1 {
            lines.push((s.total.to_string(), &p.total));
        }
        for (name, a) in lines {
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {} | {} |",
                a.received,
                a.valid,
                rule_counts(&a.excluded, lang),
                rule_counts(&a.flagged, lang)
            );
        }
        out.push('\n');
    }
    out.into_bytes()
}
