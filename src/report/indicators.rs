//! The indicator table as CSV (the `indicators` contract), JSON and Markdown: each line's value,
//! interval, target, points, rule, score and verdict.

use super::{conf_percent, machine_number, markdown::cell, neutralize_formula, percent, punct};
use crate::figures::Settings;
use crate::figures::indicators::{IndicatorResult, Verdict};
use crate::i18n::{Lang, fill};
use crate::survey::analysis::Figure;
use crate::survey::analysis::ScoringRule;
use serde_json::json;
use std::fmt::Write;

pub const HEADER: [&str; 13] = [
    "indicator",
    "name",
    "population",
    "value",
    "ci_low",
    "ci_high",
    "n",
    "target",
    "points",
    "rule",
    "score",
    "verdict",
    "more_needed",
];

pub fn csv(indicators: &[IndicatorResult]) -> Vec<u8> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(HEADER);
    for r in indicators {
        let _ = out.write_record([
            neutralize_formula(&r.id).into_owned(),
            neutralize_formula(&r.name).into_owned(),
            r.population.clone(),
            machine_number(r.value),
            machine_number(r.ci_low),
            machine_number(r.ci_high),
            r.n.to_string(),
            machine_number(r.target),
            machine_number(r.points),
            r.rule.name().to_string(),
            machine_number(r.score),
            r.verdict.name().to_string(),
            r.more_needed.map(|m| m.to_string()).unwrap_or_default(),
        ]);
    }
    out.into_inner().unwrap_or_default()
}

pub fn json(indicators: &[IndicatorResult], settings: Settings) -> Vec<u8> {
    let number = |x: f64| {
        if x.is_finite() {
            json!(x)
        } else {
            serde_json::Value::Null
        }
    };
    let value = json!({
        "method": { "interval": settings.method.name(), "confidence": settings.conf.level() },
        "indicators": indicators.iter().map(|r| json!({
            "indicator": r.id,
            "name": r.name,
            "population": r.population,
            "figure": r.figure.name(),
            "combine": r.combine.name(),
            "questions": r.questions,
            "value": number(r.value),
            "ci_low": number(r.ci_low),
            "ci_high": number(r.ci_high),
            "n": r.n,
            "effective_n": number(r.n_eff),
            "weighted": r.weighted,
            "target": r.target,
            "points": r.points,
            "rule": r.rule.name(),
            "rule_text": rule_text(&r.rule, r.figure, Lang::En),
            "score": number(r.score),
            "verdict": r.verdict.name(),
            "more_needed": r.more_needed,
        })).collect::<Vec<_>>(),
    });
    let mut bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// A value as reports print it: a share as a percentage, a score with two decimals.
pub fn show(figure: Figure, x: f64) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    match figure {
        Figure::PositiveShare => percent(x),
        Figure::MeanScore => format!("{x:.2}"),
    }
}

/// Score over points as a percentage; empty without points.
fn score_rate(score: f64, points: f64) -> String {
    if points > 0.0 && score.is_finite() {
        percent(score / points)
    } else {
        String::new()
    }
}

/// The indicator table in Markdown, with the rules stated beneath it. Each line's score rate
/// has its own column, so the total's rate sits under its label, not under the verdicts.
pub fn markdown(indicators: &[IndicatorResult], settings: Settings, lang: Lang) -> String {
    let s = lang.strings();
    let p = punct(lang);
    let mut out = String::new();
    let ci = fill(s.interval, &[&conf_percent(settings.conf.level())]);
    let _ = writeln!(
        out,
        "| {} |",
        [
            s.ind_name,
            s.population,
            s.ind_value,
            &ci,
            "n",
            s.ind_target,
            s.ind_points,
            s.ind_score,
            s.ind_rate,
            s.ind_verdict,
            s.ind_more
        ]
        .join(" | ")
    );
    let _ = writeln!(out, "|---|---|---:|---|---:|---:|---:|---:|---:|---|---:|");
    let (mut points, mut score) = (0.0, 0.0);
    for r in indicators {
        points += r.points;
        score += r.score;
        let interval = if r.ci_low.is_finite() {
            format!(
                "{} – {}",
                show(r.figure, r.ci_low),
                show(r.figure, r.ci_high)
            )
        } else {
            String::new()
        };
        let verdict = match r.verdict {
            Verdict::Met => format!("✓ {}", r.verdict.label(lang)),
            Verdict::NotMet => format!("✗ {}", r.verdict.label(lang)),
            _ => r.verdict.label(lang).to_string(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {interval} | {} | ≥{} | {} | {:.2} | {} | {verdict} | {} |",
            cell(&r.name),
            cell(&r.population_name),
            show(r.figure, r.value),
            r.n,
            show(r.figure, r.target),
            r.points,
            r.score,
            score_rate(r.score, r.points),
            r.more_needed.map(|m| m.to_string()).unwrap_or_default()
        );
    }
    if !indicators.is_empty() {
        let rate = score_rate(score, points);
        let _ = writeln!(
            out,
            "| **{}** | | | | | | {points} | **{score:.2}** | **{rate}** | | |",
            s.total
        );
        out.push('\n');
        for r in indicators {
            let _ = writeln!(
                out,
                "- {}{}{}",
                cell(&r.name),
                p.colon,
                rule_text(&r.rule, r.figure, lang)
            );
        }
        let _ = writeln!(out, "\n{}", s.verdict_note);
    }
    out
}

/// The scoring rule in words, as the report and every table state it.
pub fn rule_text(rule: &ScoringRule, figure: Figure, lang: Lang) -> String {
    let s = &lang.strings().indicators;
    let pct = |x: f64| format!("{}%", (x * 100.0 * 100.0).round() / 100.0);
    match rule {
        ScoringRule::Proportional => s.rule_proportional.into(),
        ScoringRule::Threshold => s.rule_threshold.into(),
        ScoringRule::Deduction { per_point } => {
            let unit = match figure {
                Figure::PositiveShare => s.unit_share_point,
                Figure::MeanScore => s.unit_score_point,
            };
            fill(s.rule_deduction, &[unit, &per_point.to_string()])
        }
        ScoringRule::Stepped { steps, times_ratio } => {
            let table: Vec<String> = steps
                .iter()
                .map(|(b, c)| fill(s.step, &[&pct(*b), &c.to_string()]))
                .collect();
            let template = if *times_ratio {
                s.rule_stepped_proportional
            } else {
                s.rule_stepped
            };
            fill(template, &[&table.join(s.step_separator)])
        }
    }
}
