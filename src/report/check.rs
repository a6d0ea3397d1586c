//! The validity audit as CSV (the `check` contract: one row per response a rule catches), JSON
//! and Markdown, and the one-line accounting printed beside it.

use super::markdown::{cell, rule_counts};
use super::{json::counts, neutralize_formula};
use crate::i18n::Lang;
use crate::survey::validity::Action;
use crate::text::visible;
use crate::validity::Accounting;
use crate::validity::audit::{CheckRow, PopulationCheck};
use crate::validity::rule_label;
use serde_json::json;
use std::fmt::Write;

pub const HEADER: [&str; 6] = ["file", "row", "respondent", "rule", "action", "detail"];

pub fn accounting_line(population: &str, a: &Accounting, lang: Lang) -> String {
    let s = lang.strings();
    let mut line = format!("{population}: {} {}", s.received, a.received);
    if a.filtered_out > 0 {
        line.push_str(&format!(", {} {}", s.filtered_out, a.filtered_out));
    }
    line.push_str(&format!(", {} {}", s.valid, a.valid));
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

/// The `check` CSV written a row at a time into an output [`crate::output::Stream`].
/// Every cell from an export is made visible and kept from reading as a formula here.
pub struct CsvWriter<W: std::io::Write>(::csv::Writer<W>);

impl<W: std::io::Write> CsvWriter<W> {
    pub fn new(to: W) -> CsvWriter<W> {
        let mut out = ::csv::Writer::from_writer(to);
        // A stream keeps its first failure for its own `finish`.
        let _ = out.write_record(HEADER);
        CsvWriter(out)
    }

    pub fn row(&mut self, r: &CheckRow) {
        let _ = self.0.write_record([
            neutralize_formula(&visible(&r.file)).as_ref(),
            r.row.to_string().as_str(),
            neutralize_formula(&visible(&r.respondent)).as_ref(),
            // A decision's rule comes from the review log, which a person may have edited.
            neutralize_formula(&visible(&r.rule)).as_ref(),
            r.action.name(),
            neutralize_formula(&visible(&r.detail)).as_ref(),
        ]);
    }

    /// What it was writing into, every row flushed to it.
    pub fn finish(self) -> std::io::Result<W> {
        self.0.into_inner().map_err(|e| e.into_error())
    }
}

fn accounting_json(a: &Accounting) -> serde_json::Value {
    json!({
        "received": a.received,
        "filtered_out": a.filtered_out,
        "valid": a.valid,
        "excluded": counts(&a.excluded),
        "flagged": counts(&a.flagged),
        "flagged_responses": a.flagged_responses,
    })
}

pub fn json(populations: &[PopulationCheck]) -> Vec<u8> {
    let value = json!({
        "populations": populations.iter().map(|p| json!({
            "id": p.id,
            "name": p.name,
            "responses": accounting_json(&p.total),
            "files": p.files.iter().map(|(path, a)| json!({ "path": path, "responses": accounting_json(a) })).collect::<Vec<_>>(),
            "findings": p.rows.iter().map(|r| json!({
                "file": &*r.file, "row": r.row, "respondent": r.respondent,
                "rule": r.rule, "action": r.action.name(), "detail": r.detail,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    let mut bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

pub fn markdown(populations: &[PopulationCheck], lang: Lang) -> Vec<u8> {
    let s = lang.strings();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", s.check_title);
    for p in populations {
        let pn = super::punct(lang);
        if p.name == p.id || p.name.is_empty() {
            let _ = writeln!(out, "## {}\n", cell(&p.id));
        } else {
            let _ = writeln!(
                out,
                "## {}{}{}{}\n",
                cell(&p.name),
                pn.open,
                cell(&p.id),
                pn.close
            );
        }
        if p.rows.is_empty() {
            let _ = writeln!(out, "{}\n", s.nothing_caught);
        } else {
            let _ = writeln!(out, "| {} |", s.check_columns.join(" | "));
            let _ = writeln!(out, "|---|---:|---:|---|---|---|");
            for r in &p.rows {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    cell(&super::shown_path(&r.file)),
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
        let mut lines: Vec<(String, &Accounting)> = p
            .files
            .iter()
            .map(|(f, a)| (cell(&super::shown_path(f)), a))
            .collect();
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
