//! The indicator table as CSV (the `indicators` contract), JSON and Markdown: each line's value,
//! interval, target, points, rule, score and verdict.

use super::blocks::{Block, Column, Row, Span, Table, to_markdown};
use super::{conf_percent, machine_number, neutralize_formula, percent, punct};
use crate::figures::Settings;
use crate::figures::indicators::{IndicatorResult, IndicatorTable, Verdict};
use crate::i18n::{Lang, fill};
use crate::survey::analysis::Figure;
use crate::survey::analysis::ScoringRule;
use serde_json::json;

pub const HEADER: [&str; 16] = [
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
    "level1",
    "level2",
    "note",
];

/// One row per line of every table; then, per table, a row per 一级 subtotal (`indicator` =
/// `subtotal:<一级>`) and the total (`indicator` = `total`, `verdict` = its grade), with points,
/// score and, for the total, the lowest and highest score within the survey figures' intervals
/// in `ci_low` / `ci_high`.
pub fn csv(tables: &[IndicatorTable]) -> Vec<u8> {
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(HEADER);
    let text = |s: &str| neutralize_formula(&crate::text::visible(s)).into_owned();
    for t in tables {
        for r in &t.lines {
            let _ = out.write_record([
                text(&r.id),
                text(&r.name),
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
                text(r.level1.as_deref().unwrap_or("")),
                text(r.level2.as_deref().unwrap_or("")),
                text(r.note.as_deref().unwrap_or("")),
            ]);
        }
        let total_row = |id: String, points: f64, score: f64, low: f64, high: f64, grade: &str| {
            let mut row = vec![String::new(); HEADER.len()];
            row[0] = id;
            row[4] = machine_number(low);
            row[5] = machine_number(high);
            row[8] = machine_number(points);
            row[10] = machine_number(score);
            row[11] = text(grade);
            row
        };
        for (level1, points, score) in &t.subtotals {
            let id = text(&format!("subtotal:{level1}"));
            let _ = out.write_record(total_row(id, *points, *score, f64::NAN, f64::NAN, ""));
        }
        let _ = out.write_record(total_row(
            "total".into(),
            t.points,
            t.score,
            t.low.0,
            t.high.0,
            t.grade.as_deref().unwrap_or(""),
        ));
    }
    out.into_inner().unwrap_or_default()
}

fn line_json(r: &IndicatorResult) -> serde_json::Value {
    json!({
        "indicator": r.id,
        "name": r.name,
        "level1": r.level1,
        "level2": r.level2,
        "entered": r.entered,
        "note": r.note,
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
        "target": number(r.target),
        "points": r.points,
        "rule": r.rule.name(),
        "rule_text": rule_text(&r.rule, r.figure, Lang::En),
        "score": number(r.score),
        "verdict": r.verdict.name(),
        "more_needed": r.more_needed,
        "too_close_to_settle": r.too_close,
    })
}

fn number(x: f64) -> serde_json::Value {
    if x.is_finite() {
        json!(x)
    } else {
        serde_json::Value::Null
    }
}

/// A table as JSON: its lines, subtotals, total and grade, and what the intervals allow.
pub fn table_json(t: &IndicatorTable) -> serde_json::Value {
    json!({
        "title": t.title,
        "lines": t.lines.iter().map(line_json).collect::<Vec<_>>(),
        "subtotals": t.subtotals.iter().map(|(level1, points, score)| json!({
            "level1": level1, "points": points, "score": score,
        })).collect::<Vec<_>>(),
        "points": t.points,
        "score": t.score,
        "grade": t.grade,
        "within_intervals": {
            "score_low": t.low.0, "grade_low": t.low.1,
            "score_high": t.high.0, "grade_high": t.high.1,
            "grade_could_change": t.grade_uncertain(),
        },
    })
}

pub fn json(tables: &[IndicatorTable], settings: Settings) -> Vec<u8> {
    let value = json!({
        "method": { "interval": settings.method.name(), "confidence": settings.conf.level() },
        "tables": tables.iter().map(table_json).collect::<Vec<_>>(),
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

/// Every indicator table in Markdown: each line with its value, interval, target, points, score,
/// score rate and verdict (an entered line with where it came from), the subtotal of each 一级
/// indicator, the total and its grade — and whether the grade could change within the survey
/// figures' intervals — then the rules beneath.
pub fn markdown(tables: &[IndicatorTable], settings: Settings, lang: Lang) -> String {
    to_markdown(&blocks(tables, settings, lang, false))
}

/// The indicator tables as report blocks: each table (captioned when `captioned`, for the
/// report to number), its total sentence and the rule of each line, then what a verdict means.
pub fn blocks(
    tables: &[IndicatorTable],
    settings: Settings,
    lang: Lang,
    captioned: bool,
) -> Vec<Block> {
    let mut out = Vec::new();
    for t in tables {
        let title = (!t.title.is_empty()).then(|| t.title.clone());
        if tables.len() > 1
            && !captioned
            && let Some(title) = &title
        {
            out.push(Block::Paragraph(vec![Span::strong(title.clone())]));
        }
        let caption = captioned.then(|| {
            let s = lang.strings();
            title.map_or(s.indicators_caption.to_string(), |t| {
                fill(s.indicators_caption_of, &[&t])
            })
        });
        out.extend(table_blocks(t, settings, lang, caption));
    }
    if !tables.is_empty() {
        out.push(Block::text(lang.strings().verdict_note));
    }
    out
}

fn table_blocks(
    t: &IndicatorTable,
    settings: Settings,
    lang: Lang,
    caption: Option<String>,
) -> Vec<Block> {
    let s = lang.strings();
    let p = punct(lang);
    let levels = t.lines.iter().any(|l| l.level1.is_some());
    let ci = fill(s.interval, &[&conf_percent(settings.conf.level())]);
    let mut columns: Vec<Column> = Vec::new();
    if levels {
        columns.extend([Column::text(s.ind_level1), Column::text(s.ind_level2)]);
    }
    columns.extend([
        Column::text(s.ind_name),
        Column::text(s.population),
        Column::number(s.ind_value),
        Column::text(ci),
        Column::number("n"),
        Column::number(s.ind_target),
        Column::number(s.ind_points),
        Column::number(s.ind_score),
        Column::number(s.ind_rate),
        Column::text(s.ind_verdict),
        Column::text(s.ind_remark),
    ]);
    let blank_levels = || -> Vec<String> {
        if levels {
            vec![String::new(), String::new()]
        } else {
            Vec::new()
        }
    };
    let mut rows = Vec::new();
    for (i, r) in t.lines.iter().enumerate() {
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
        let remark = match (&r.note, r.more_needed, r.too_close) {
            (Some(note), _, _) => note.clone(),
            (None, Some(m), _) => fill(s.more_needed_note, &[&m.to_string()]),
            (None, None, true) => s.too_close.to_string(),
            _ => String::new(),
        };
        let target = if r.target.is_finite() {
            format!("≥{}", show(r.figure, r.target))
        } else {
            String::new()
        };
        let value = if r.value.is_finite() {
            show(r.figure, r.value)
        } else {
            String::new()
        };
        let n = if r.entered {
            String::new()
        } else {
            r.n.to_string()
        };
        let mut cells = if levels {
            vec![
                r.level1.clone().unwrap_or_default(),
                r.level2.clone().unwrap_or_default(),
            ]
        } else {
            Vec::new()
        };
        cells.extend([
            r.name.clone(),
            r.population_name.clone(),
            value,
            interval,
            n,
            target,
            r.points.to_string(),
            format!("{:.2}", r.score),
            score_rate(r.score, r.points),
            verdict,
            remark,
        ]);
        rows.push(Row::new(cells));
        // A 一级 indicator's subtotal after its last line.
        if let Some((level1, points, score)) = t.subtotal_after(i) {
            let mut cells = vec![fill(s.ind_subtotal, &[level1])];
            cells.extend(std::iter::repeat_n(String::new(), columns.len() - 6));
            cells.extend([
                points.to_string(),
                format!("{score:.2}"),
                score_rate(*score, *points),
                String::new(),
                String::new(),
            ]);
            rows.push(Row::strong(cells));
        }
    }
    let mut cells = blank_levels();
    cells.push(s.total.to_string());
    cells.extend(std::iter::repeat_n(String::new(), 5));
    cells.extend([
        t.points.to_string(),
        format!("{:.2}", t.score),
        score_rate(t.score, t.points),
        t.grade.clone().unwrap_or_default(),
        String::new(),
    ]);
    rows.push(Row::strong(cells));
    let mut out = vec![
        Block::Table(Table {
            caption,
            columns,
            rows,
        }),
        Block::text(total_sentence(t, lang)),
    ];
    for r in t.lines.iter().filter(|r| !(r.entered && r.value.is_nan())) {
        out.push(Block::bullet(vec![Span::plain(format!(
            "{}{}{}",
            r.name,
            p.colon,
            rule_text(&r.rule, r.figure, lang)
        ))]));
    }
    out
}

/// The total, its score rate and grade, and what the survey figures' intervals allow them to be.
pub fn total_sentence(t: &IndicatorTable, lang: Lang) -> String {
    let s = lang.strings();
    let grade = t.grade.as_deref().unwrap_or("");
    let range = fill(
        s.grade_range,
        &[&format!("{:.2}", t.low.0), &format!("{:.2}", t.high.0)],
    );
    let holds = if t.grade_uncertain() {
        fill(
            s.grade_could_change,
            &[
                t.low.1.as_deref().unwrap_or(""),
                t.high.1.as_deref().unwrap_or(""),
            ],
        )
    } else {
        fill(s.grade_holds, &[grade])
    };
    fill(
        s.total_line,
        &[
            &format!("{:.2}", t.score),
            &t.points.to_string(),
            &score_rate(t.score, t.points),
            grade,
            &range,
            &holds,
        ],
    )
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
