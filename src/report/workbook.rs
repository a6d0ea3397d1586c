//! The report's workbook (report.xlsx): one sheet per table of the report — indicators,
//! questions, dimensions, what people said, groups, tests and the validity audit — for Excel and
//! WPS users.

use super::document::ReportData;
use super::xlsx::{Cell, Sheet};
use crate::figures::summary::{self, Summary};
use crate::i18n::{Lang, fill};
use crate::report::check;
use crate::report::indicators::rule_text;
use crate::survey::analysis::Figure;
use crate::survey::validity::Action;
use crate::validity::rule_label;

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn share_cells(e: Option<crate::stats::Estimate>) -> [Cell; 3] {
    match e {
        Some(e) => [
            Cell::Percent(e.estimate),
            Cell::Percent(e.low),
            Cell::Percent(e.high),
        ],
        None => [Cell::Empty, Cell::Empty, Cell::Empty],
    }
}

fn value_cell(figure: Figure, x: f64) -> Cell {
    match figure {
        Figure::PositiveShare => Cell::Percent(x),
        Figure::MeanScore => Cell::Number(x),
    }
}

fn question_rows(
    rows: &mut Vec<Vec<Cell>>,
    population: &str,
    group: &str,
    questions: &[summary::QuestionSummary],
    s: &'static crate::i18n::Strings,
) {
    for q in questions {
        for l in &q.levels {
            let mut row = vec![
                text(population),
                text(group),
                text(&q.id),
                text(&q.text),
                text(&l.label),
                Cell::Integer(l.count as i64),
                Cell::Integer(q.n as i64),
            ];
            row.extend(share_cells(l.share));
            rows.push(row);
        }
        if let Some(pos) = &q.positive {
            let name = crate::report::markdown::positive_label(s, q.measure, &pos.levels);
            let mut row = vec![
                text(population),
                text(group),
                text(&q.id),
                text(&q.text),
                text(&name),
                Cell::Integer(pos.count as i64),
                Cell::Integer(pos.n as i64),
            ];
            row.extend(share_cells(pos.share));
            rows.push(row);
        }
        if let Some(m) = &q.mean
            && let Some(e) = m.mean
        {
            rows.push(vec![
                text(population),
                text(group),
                text(&q.id),
                text(&q.text),
                text(s.mean_score),
                Cell::Integer(m.n as i64),
                Cell::Integer(m.n as i64),
                Cell::Number(e.estimate),
                Cell::Number(e.low),
                Cell::Number(e.high),
            ]);
        }
    }
}

/// The sheets of report.xlsx, in the order of the report.
pub fn sheets(data: &ReportData, lang: Lang) -> Vec<Sheet> {
    vec![
        indicator_sheet(data.summary, lang),
        question_sheet(data.summary, lang),
        dimension_sheet(data.summary, lang),
        item_sheet(data.summary, lang),
        said_sheet(data.summary, lang),
        group_sheet(data, lang),
        test_sheet(data, lang),
        validity_sheet(data, lang),
    ]
}

fn columns(names: &[&str]) -> Vec<String> {
    names.iter().map(|x| x.to_string()).collect()
}

/// Score over points; empty without points.
fn rate_cell(score: f64, points: f64) -> Cell {
    if points > 0.0 && score.is_finite() {
        Cell::Percent(score / points)
    } else {
        Cell::Empty
    }
}

/// Every indicator table: its lines (an entered one with where its score came from), a subtotal
/// after each 一级 indicator, and the total with its score rate and grade; beneath, what the
/// survey figures' intervals allow the total and grade to be.
fn indicator_sheet(summary: &Summary, lang: Lang) -> Sheet {
    let s = lang.strings();
    let width = s.report.workbook.indicator_columns.len();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut notes = Vec::new();
    for t in &summary.tables {
        if summary.tables.len() > 1 {
            let mut title = vec![Cell::Empty; width];
            title[0] = text(&t.title);
            rows.push(title);
        }
        for (i, l) in t.lines.iter().enumerate() {
            let rule = if l.entered && !l.value.is_finite() {
                Cell::Empty
            } else {
                text(&rule_text(&l.rule, l.figure, lang))
            };
            rows.push(vec![
                text(l.level1.as_deref().unwrap_or("")),
                text(l.level2.as_deref().unwrap_or("")),
                text(&l.id),
                text(&l.name),
                text(&l.population_name),
                value_cell(l.figure, l.value),
                value_cell(l.figure, l.ci_low),
                value_cell(l.figure, l.ci_high),
                if l.entered {
                    Cell::Empty
                } else {
                    Cell::Integer(l.n as i64)
                },
                value_cell(l.figure, l.target),
                Cell::Number(l.points),
                rule,
                Cell::Number(l.score),
                rate_cell(l.score, l.points),
                text(l.verdict.label(lang)),
                l.more_needed
                    .map_or(Cell::Empty, |m| Cell::Integer(m as i64)),
                text(l.note.as_deref().unwrap_or("")),
            ]);
            // A 一级 indicator's subtotal after its last line.
            if let Some((level1, points, score)) = t.subtotal_after(i) {
                let mut row = vec![Cell::Empty; width];
                row[0] = text(&fill(s.ind_subtotal, &[level1]));
                row[10] = Cell::Number(*points);
                row[12] = Cell::Number(*score);
                row[13] = rate_cell(*score, *points);
                rows.push(row);
            }
        }
        // The total: points, score and score rate in their own columns, the grade as its verdict.
        let mut total = vec![Cell::Empty; width];
        total[0] = text(s.total);
        total[10] = Cell::Number(t.points);
        total[12] = Cell::Number(t.score);
        total[13] = rate_cell(t.score, t.points);
        total[14] = text(t.grade.as_deref().unwrap_or(""));
        rows.push(total);
        notes.push(crate::report::indicators::total_sentence(t, lang));
    }
    notes.push(s.verdict_note.to_string());
    Sheet {
        name: s.report.sheet_indicators.into(),
        headers: columns(&s.report.workbook.indicator_columns),
        rows,
        notes,
    }
}

fn question_sheet(summary: &Summary, lang: Lang) -> Sheet {
    let s = lang.strings();
    let mut rows = Vec::new();
    for p in &summary.populations {
        question_rows(&mut rows, &p.name, "", &p.questions, s);
    }
    let method = format!(
        "{}{}{}{}",
        s.method_names[crate::report::method_index(summary.settings.method)],
        crate::report::punct(lang).comma,
        fill(
            s.interval,
            &[&crate::report::conf_percent(summary.settings.conf.level())]
        ),
        crate::report::punct(lang).next,
    ) + s.report.method_shares;
    Sheet {
        name: s.report.sheet_questions.into(),
        headers: columns(&s.report.workbook.question_columns),
        rows,
        notes: vec![method],
    }
}

/// What people said: each free-text question's declared themes (respondents, share of those who
/// said something specific, its interval, a few answers verbatim) and its most used words.
fn said_sheet(summary: &Summary, lang: Lang) -> Sheet {
    let s = lang.strings();
    let w = &s.report.workbook;
    let p = crate::report::punct(lang);
    let mut rows = Vec::new();
    for pop in &summary.populations {
        for q in &pop.questions {
            let Some(said) = &q.said else { continue };
            let head = |kind: &str, name: &str| {
                vec![
                    text(&pop.name),
                    text(&q.id),
                    text(&q.text),
                    text(kind),
                    text(name),
                ]
            };
            for t in &said.themes {
                let mut row = head(s.report.said_theme, &t.name);
                row.extend([
                    text(&t.keywords.join(p.list)),
                    Cell::Integer(t.count as i64),
                    Cell::Integer(said.n as i64),
                ]);
                row.extend(share_cells(t.share));
                row.push(text(&t.examples.join("\n")));
                rows.push(row);
            }
            for (word, count) in &said.keywords {
                let mut row = head(s.report.said_word, word);
                row.extend([
                    Cell::Empty,
                    Cell::Integer(*count as i64),
                    Cell::Integer(said.n as i64),
                    if said.n > 0 {
                        Cell::Percent(*count as f64 / said.n as f64)
                    } else {
                        Cell::Empty
                    },
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                ]);
                rows.push(row);
            }
        }
    }
    Sheet {
        name: s.report.sheet_said.into(),
        headers: columns(&w.said_columns),
        rows,
        notes: vec![s.themes_note.to_string()],
    }
}

fn dimension_sheet(summary: &Summary, lang: Lang) -> Sheet {
    let s = lang.strings();
    let mut rows = Vec::new();
    for p in &summary.populations {
        for d in &p.dimensions {
            let (rate, low, high) =
                d.positive
                    .as_ref()
                    .map_or((Cell::Empty, Cell::Empty, Cell::Empty), |c| {
                        (
                            Cell::Percent(c.value),
                            Cell::Percent(c.low),
                            Cell::Percent(c.high),
                        )
                    });
            let mean = |x: fn(&crate::figures::composite::Composite) -> f64| {
                d.mean.as_ref().map_or(Cell::Empty, |c| Cell::Number(x(c)))
            };
            let n = d.positive.as_ref().or(d.mean.as_ref()).map(|c| c.n);
            rows.push(vec![
                text(&p.name),
                text(&d.name),
                Cell::Integer(d.items.len() as i64),
                rate,
                low,
                high,
                mean(|c| c.value),
                mean(|c| c.low),
                mean(|c| c.high),
                n.map_or(Cell::Empty, |n| Cell::Integer(n as i64)),
                d.reliability
                    .as_ref()
                    .map_or(Cell::Empty, |a| Cell::Decimal(a.alpha, 3)),
                d.reliability
                    .as_ref()
                    .map_or(Cell::Empty, |a| Cell::Integer(a.n as i64)),
                d.reliability
                    .as_ref()
                    .map_or(Cell::Empty, |a| Cell::Integer(a.items_used as i64)),
            ]);
        }
    }
    Sheet {
        name: s.report.sheet_dimensions.into(),
        headers: columns(&s.report.workbook.dimension_columns),
        rows,
        notes: vec![s.report.method_composite.to_string()],
    }
}

/// Each dimension item's α if deleted and item–rest correlation.
fn item_sheet(summary: &Summary, lang: Lang) -> Sheet {
    let s = lang.strings();
    let mut rows = Vec::new();
    for p in &summary.populations {
        for d in &p.dimensions {
            let Some(r) = &d.reliability else { continue };
            for (item, stats) in d.items.iter().zip(&r.items) {
                let question = p.questions.iter().find(|q| &q.id == item);
                let decimal = |x: Option<f64>| x.map_or(Cell::Empty, |x| Cell::Decimal(x, 3));
                rows.push(vec![
                    text(&p.name),
                    text(&d.name),
                    text(item),
                    question.map_or(Cell::Empty, |q| text(&q.text)),
                    decimal(stats.alpha_if_deleted),
                    decimal(stats.item_rest_correlation),
                ]);
            }
        }
    }
    Sheet {
        name: s.report.sheet_items.into(),
        headers: columns(&s.report.workbook.item_columns),
        rows,
        notes: vec![s.dimension_note.to_string()],
    }
}

fn group_sheet(data: &ReportData, lang: Lang) -> Sheet {
    let s = lang.strings();
    let mut rows = Vec::new();
    let colon = crate::report::punct(lang).colon;
    for b in &data.breakdowns {
        for g in &b.breakdown.groups {
            question_rows(
                &mut rows,
                &b.population,
                &format!("{}{colon}{}", b.group, g.label),
                &g.questions,
                s,
            );
        }
    }
    Sheet {
        name: s.report.sheet_groups.into(),
        headers: columns(&s.report.workbook.question_columns),
        rows,
        notes: Vec::new(),
    }
}

fn test_sheet(data: &ReportData, lang: Lang) -> Sheet {
    let s = lang.strings();
    let rows = data
        .tests
        .iter()
        .map(|t| {
            let test = t.test.as_ref();
            vec![
                text(data.population_name(&t.population)),
                text(data.group_name(&t.population, &t.by)),
                text(&t.question),
                text(&t.text),
                Cell::Integer(t.n as i64),
                test.map_or(Cell::Empty, |x| Cell::Number(x.statistic)),
                test.map_or(Cell::Empty, |x| Cell::Integer(x.df as i64)),
                test.map_or(Cell::Empty, |x| Cell::Decimal(x.p_value, 4)),
                test.map_or(Cell::Empty, |x| Cell::Decimal(x.cramers_v, 3)),
                test.map_or(Cell::Empty, |x| Cell::Number(x.min_expected)),
                t.furthest.as_ref().map_or(Cell::Empty, |(g, _)| text(g)),
                t.furthest
                    .as_ref()
                    .map_or(Cell::Empty, |(_, d)| Cell::Percent(d.estimate)),
            ]
        })
        .collect();
    Sheet {
        name: s.report.sheet_tests.into(),
        headers: columns(&s.report.workbook.test_columns),
        rows,
        notes: Vec::new(),
    }
}

fn validity_sheet(data: &ReportData, lang: Lang) -> Sheet {
    let s = lang.strings();
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for c in &data.checks {
        for row in &c.rows {
            rows.push(vec![
                text(&c.name),
                text(&crate::report::shown_path(&row.file)),
                Cell::Integer(row.row as i64),
                text(&row.respondent),
                text(&rule_label(lang, &row.rule)),
                text(if row.action == Action::Exclude {
                    s.action_exclude
                } else {
                    s.action_flag
                }),
                text(&row.detail),
            ]);
        }
        notes.push(check::accounting_line(&c.name, &c.total, lang));
    }
    Sheet {
        name: s.report.sheet_validity.into(),
        headers: columns(&s.report.workbook.validity_columns),
        rows,
        notes,
    }
}
