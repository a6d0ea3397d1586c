//! The sample-size plan as CSV (the `plan` contract), JSON and Markdown.

use super::{Format, conf_percent, machine_number, percent};
use crate::figures::plan::PlanRow;
use crate::i18n::Lang;
use serde_json::json;
use std::fmt::Write;

pub const HEADER: [&str; 5] = ["margin", "conf", "p", "population_size", "n"];

pub fn render(rows: &[PlanRow], format: Format, lang: Lang) -> Vec<u8> {
    match format {
        Format::Csv => {
            let mut out = ::csv::Writer::from_writer(Vec::new());
            let _ = out.write_record(HEADER);
            for r in rows {
                let _ = out.write_record([
                    machine_number(r.margin),
                    machine_number(r.conf),
                    machine_number(r.p),
                    r.population_size.map(|n| n.to_string()).unwrap_or_default(),
                    r.n.to_string(),
                ]);
            }
            out.into_inner().unwrap_or_default()
        }
        Format::Json => {
            let v = json!(rows.iter().map(|r| json!({
                "margin": r.margin, "conf": r.conf, "p": r.p,
                "population_size": r.population_size, "n": r.n, "margin_computed": r.achieved,
            })).collect::<Vec<_>>());
            let mut b = serde_json::to_vec_pretty(&v).unwrap_or_default();
            b.push(b'\n');
            b
        }
        Format::Markdown => {
            let s = lang.strings();
            let mut out = String::new();
            let _ = writeln!(out, "| {} |", s.plan_columns.join(" | "));
            let _ = writeln!(out, "|---:|---:|---:|---:|---:|");
            for r in rows {
                let size = r
                    .population_size
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "∞".into());
                let _ = writeln!(
                    out,
                    "| ±{} | {}% | {} | {size} | {} |",
                    percent(r.margin),
                    conf_percent(r.conf),
                    r.p,
                    r.n
                );
            }
            let _ = writeln!(out, "\n{}", s.plan_note);
            out.into_bytes()
        }
    }
}
