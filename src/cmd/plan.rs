//! `wenjuan plan`: how many responses a margin of error needs (Cochran's formula with the finite
//! population correction), or what margin a sample achieves — for planning fieldwork and for
//! stating the precision of a report's figures.

use crate::cli::PlanArgs;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::output;
use crate::report::{Format, conf_percent, machine_number, percent};
use crate::stats::{self, Confidence};
use serde_json::json;
use std::fmt::Write;

pub const HEADER: [&str; 5] = ["margin", "conf", "p", "population_size", "n"];

/// One line of the plan: the margin, and the sample size that gives it (or the other way round).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanRow {
    pub margin: f64,
    pub conf: f64,
    pub p: f64,
    pub population_size: Option<u64>,
    pub n: u64,
    /// True when `n` was given and `margin` computed.
    pub achieved: bool,
}

pub fn compute(
    margins: &[f64],
    samples: &[u64],
    conf: Confidence,
    p: f64,
    population_size: Option<u64>,
) -> Result<Vec<PlanRow>> {
    let err = |e: stats::StatsError| Error::usage(crate::figures::stats_message(&e));
    let mut rows = Vec::new();
    for &margin in margins {
        rows.push(PlanRow {
            margin,
            conf: conf.level(),
            p,
            population_size,
            n: stats::required_sample_size(conf, margin, p, population_size).map_err(err)?,
            achieved: false,
        });
    }
    for &n in samples {
        rows.push(PlanRow {
            margin: stats::margin_of_error(conf, p, n, population_size).map_err(err)?,
            conf: conf.level(),
            p,
            population_size,
            n,
            achieved: true,
        });
    }
    Ok(rows)
}

pub fn run(args: &PlanArgs, lang: Lang) -> Result<()> {
    let margins = if args.margin.is_empty() && args.n.is_empty() {
        vec![0.05]
    } else {
        args.margin.clone()
    };
    let rows = compute(&margins, &args.n, args.conf, args.p, args.population_size)?;
    let format = args.output.resolved_format();
    let bytes = match format {
        Format::Csv => {
            let mut out = ::csv::Writer::from_writer(Vec::new());
            let _ = out.write_record(HEADER);
            for r in &rows {
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
            for r in &rows {
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
    };
    output::emit(
        args.output.output.as_deref(),
        &bytes,
        &output::Protected::default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_sample_sizes_and_the_margin_of_the_published_survey() {
        let conf = Confidence::P95;
        let rows = compute(&[0.05], &[285], conf, 0.5, None).unwrap();
        assert_eq!(rows[0].n, 385, "1.96² · 0.25 / 0.05² = 384.16, rounded up");
        // 285 public responses: ±1.96 · √(0.25/285) = ±5.80%.
        assert!((rows[1].margin - 1.959963984540054 * (0.25f64 / 285.0).sqrt()).abs() < 1e-12);
        let finite = compute(&[0.05], &[], conf, 0.5, Some(400)).unwrap();
        assert_eq!(finite[0].n, 197);
    }
}
