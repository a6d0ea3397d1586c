//! The table on screen as data: the order its rows are sorted in (`s`), and its cells as the
//! screen shows them, for writing to a CSV or XLSX file (`e`) that opens in Excel as it looks.
//! The views draw their rows in the order given here, so the file and the screen agree.

use super::action::View;
use super::app::App;
use super::compute::{GroupRow, GroupsComputed};
use crate::figures::summary::{LevelFigure, QuestionSummary};
use crate::i18n::fill;
use crate::report::markdown::positive_name;
use crate::report::percent;
use crate::report::xlsx::{self, Cell, Sheet};
use crate::stats::Estimate;
use std::cmp::Ordering;

/// The order of the rows of the levels and groups tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// As the questionnaire has them (the scale's order, the groups as declared).
    #[default]
    Natural,
    /// The share (or a group's figure), highest first.
    Share,
    /// The count, largest first.
    Count,
    /// By the level's or group's name.
    Label,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Natural, Sort::Share, Sort::Count, Sort::Label];

    pub fn next(self) -> Sort {
        let at = Sort::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Sort::ALL[(at + 1) % Sort::ALL.len()]
    }

    pub fn index(self) -> usize {
        Sort::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// A column's heading with the mark of the order when the table is sorted by it: ↓ highest
    /// first, ↑ by name.
    pub fn mark(self, heading: &str, by: Sort) -> String {
        match (self == by, by) {
            (false, _) | (true, Sort::Natural) => heading.to_string(),
            (true, Sort::Label) => format!("{heading}↑"),
            (true, _) => format!("{heading}↓"),
        }
    }
}

/// Shares highest first, a missing one last.
fn by_share(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.partial_cmp(&a).unwrap_or(Ordering::Equal),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The order of a question's levels on screen: indices into `levels`. Ties keep the
/// questionnaire's order.
pub fn level_order(levels: &[LevelFigure], sort: Sort) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    match sort {
        Sort::Natural => {}
        Sort::Share => order.sort_by(|&a, &b| {
            by_share(
                levels[a].share.map(|e| e.estimate),
                levels[b].share.map(|e| e.estimate),
            )
            .then(levels[b].count.cmp(&levels[a].count))
        }),
        Sort::Count => order.sort_by(|&a, &b| levels[b].count.cmp(&levels[a].count)),
        Sort::Label => order.sort_by(|&a, &b| levels[a].label.cmp(&levels[b].label)),
    }
    order
}

/// The order of the groups on screen: indices into `rows`. By share: the group's figure (a
/// crosstab: the share of its first level).
pub fn group_order(rows: &[GroupRow], share: bool, sort: Sort) -> Vec<usize> {
    let figure = |r: &GroupRow| match group_estimate(r, share) {
        Some(e) => Some(e.estimate),
        None if !share && r.figures.mean.is_none() => r
            .figures
            .levels
            .first()
            .and_then(|l| l.share.map(|e| e.estimate)),
        None => None,
    };
    let mut order: Vec<usize> = (0..rows.len()).collect();
    match sort {
        Sort::Natural => {}
        Sort::Share => order.sort_by(|&a, &b| by_share(figure(&rows[a]), figure(&rows[b]))),
        Sort::Count => order.sort_by(|&a, &b| rows[b].valid.cmp(&rows[a].valid)),
        Sort::Label => order.sort_by(|&a, &b| rows[a].label.cmp(&rows[b].label)),
    }
    order
}

/// A group's figure: the positive share when `share`, else the mean score.
pub fn group_estimate(r: &GroupRow, share: bool) -> Option<Estimate> {
    if share {
        r.figures.positive.as_ref().and_then(|p| p.share)
    } else {
        r.figures.mean.as_ref().and_then(|m| m.mean)
    }
}

/// A group's figure and its interval as the screen shows them: a share as a percentage, else a
/// mean score.
pub fn group_value(r: &GroupRow, share: bool) -> (String, String) {
    match group_estimate(r, share) {
        Some(e) if share => (
            percent(e.estimate),
            format!("{}–{}", percent(e.low), percent(e.high)),
        ),
        Some(e) => (
            format!("{:.2}", e.estimate),
            if e.low.is_finite() {
                format!("{:.2}–{:.2}", e.low, e.high)
            } else {
                String::new()
            },
        ),
        None => ("—".to_string(), String::new()),
    }
}

/// Whether the groups' table shows one figure per group (else every level's share).
pub fn one_figure(rows: &[GroupRow]) -> bool {
    rows.iter()
        .any(|r| r.figures.positive.is_some() || r.figures.mean.is_some())
}

/// One cell of the table on screen: what it shows, and for a spreadsheet what it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text from the survey or the screen, neutralised and made visible on the way out.
    Text(String),
    Count(u64),
    /// A share, shown as 23.51%.
    Percent(f64),
    /// A mean score, shown with two decimals.
    Score(f64),
}

impl Value {
    /// The cell as the screen shows it.
    pub fn shown(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Count(n) => n.to_string(),
            Value::Percent(x) => percent(*x),
            Value::Score(x) => format!("{x:.2}"),
        }
    }
}

/// The table on screen: a name for the sheet, its headings, rows, and the lines shown with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    pub notes: Vec<String>,
}

/// The table of the view on screen, in the order on screen; `None` where there is none (or its
/// figures are still being computed).
pub fn on_screen(app: &App) -> Option<Shown> {
    let data = app.data.as_ref()?;
    let t = &app.lang.strings().tui;
    let (qi, q) = *data.questions(app.population).get(app.question)?;
    let (population, _) = data.name(app.population);
    let mut notes = vec![format!(
        "{}{}{} {}",
        crate::tui::view::population_label(app, app.population, usize::MAX),
        t.colon,
        q.id,
        data.question_text(app.population, qi, q)
    )];
    if let Some(filter) = app.filter_written() {
        notes.push(format!("{}{}", t.filter_label, filter));
    }
    let mut shown = match app.view {
        View::Questions => levels(app, app.question_figures()?)?,
        View::Groups => groups(app, app.current_groups()?)?,
        _ => return None,
    };
    shown.name = format!("{population}-{}", q.id);
    notes.append(&mut shown.notes);
    shown.notes = notes;
    Some(shown)
}

/// A question's levels: label, count, share, interval.
fn levels(app: &App, q: &QuestionSummary) -> Option<Shown> {
    if q.kind == crate::survey::QuestionKind::Text || q.levels.is_empty() {
        return None;
    }
    let t = &app.lang.strings().tui;
    let heads = t.level_columns;
    let marks = [Sort::Label, Sort::Count, Sort::Share, Sort::Natural];
    let headers = heads[..4]
        .iter()
        .zip(marks)
        .map(|(h, m)| m.mark(h, app.sort))
        .collect();
    let rows = level_order(&q.levels, app.sort)
        .into_iter()
        .map(|i| {
            let l = &q.levels[i];
            let (share, ci) = match &l.share {
                Some(e) => (
                    Value::Percent(e.estimate),
                    Value::Text(format!("{}–{}", percent(e.low), percent(e.high))),
                ),
                None => (Value::Text(String::new()), Value::Text(String::new())),
            };
            vec![
                Value::Text(l.label.clone()),
                Value::Count(l.count),
                share,
                ci,
            ]
        })
        .collect();
    Some(Shown {
        name: String::new(),
        headers,
        rows,
        notes: vec![fill(t.n_answers, &[&q.n.to_string()])],
    })
}

/// The groups' table: one figure per group, or every level's share per group.
fn groups(app: &App, g: &GroupsComputed) -> Option<Shown> {
    if g.same_question {
        return None;
    }
    let rows = g.rows.as_ref().ok()?;
    let first = rows.first()?;
    let s = app.lang.strings();
    let t = &s.tui;
    let share = rows.iter().any(|r| r.figures.positive.is_some());
    let order = group_order(rows, share, app.sort);
    let mut notes = Vec::new();
    let (headers, cells): (Vec<String>, Vec<Vec<Value>>) = if one_figure(rows) {
        let heading = match rows.iter().find_map(|r| {
            r.figures
                .positive
                .as_ref()
                .map(|p| (r.figures.measure, &p.levels))
        }) {
            Some((measure, levels)) => {
                notes.push(fill(t.counted_levels, &[&levels.join(s.level_separator)]));
                positive_name(s, measure).to_string()
            }
            None => s.mean_score.to_string(),
        };
        let headers = vec![
            Sort::Label.mark(t.group_columns[0], app.sort),
            Sort::Count.mark(t.group_columns[1], app.sort),
            Sort::Share.mark(&heading, app.sort),
            t.group_columns[3].to_string(),
        ];
        let cells = order
            .iter()
            .map(|&i| {
                let r = &rows[i];
                let (_, ci) = group_value(r, share);
                let value = match group_estimate(r, share) {
                    Some(e) if share => Value::Percent(e.estimate),
                    Some(e) => Value::Score(e.estimate),
                    None => Value::Text("—".to_string()),
                };
                vec![
                    Value::Text(r.label.clone()),
                    Value::Count(r.valid),
                    value,
                    Value::Text(ci),
                ]
            })
            .collect();
        (headers, cells)
    } else {
        let mut headers = vec![
            Sort::Label.mark(t.group_columns[0], app.sort),
            Sort::Count.mark(t.group_columns[1], app.sort),
        ];
        headers.extend(
            first
                .figures
                .levels
                .iter()
                .enumerate()
                .map(|(k, l)| match k {
                    0 => Sort::Share.mark(&l.label, app.sort),
                    _ => l.label.clone(),
                }),
        );
        let cells = order
            .iter()
            .map(|&i| {
                let r = &rows[i];
                let mut cells = vec![Value::Text(r.label.clone()), Value::Count(r.figures.n)];
                cells.extend(r.figures.levels.iter().map(|l| match l.share {
                    Some(e) => Value::Percent(e.estimate),
                    None => Value::Text("—".to_string()),
                }));
                cells
            })
            .collect();
        (headers, cells)
    };
    if let Some(test) = g.test.as_ref().and_then(|x| x.test.as_ref()) {
        let p = crate::report::p_value(test.p_value);
        let p = if p.starts_with('<') {
            format!("p {p}")
        } else {
            format!("p = {p}")
        };
        notes.push(fill(
            t.chi_square,
            &[
                &format!("{:.2}", test.statistic),
                &test.df.to_string(),
                &p,
                &format!("{:.3}", test.cramers_v),
            ],
        ));
    }
    if g.ungrouped > 0 {
        notes.push(format!("{}{}{}", t.ungrouped, t.colon, g.ungrouped));
    }
    Some(Shown {
        name: String::new(),
        headers,
        rows: cells,
        notes,
    })
}

/// Text as it leaves for a spreadsheet: control characters made visible, a formula neutralised.
fn safe(text: &str) -> String {
    crate::report::neutralize_formula(&crate::text::visible(text)).into_owned()
}

/// The table as CSV with a UTF-8 byte order mark (so Excel reads the Chinese right), cells as
/// the screen shows them, then the notes under a blank line.
pub fn csv(shown: &Shown) -> Vec<u8> {
    let mut w = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut out: Vec<Vec<String>> = vec![shown.headers.iter().map(|h| safe(h)).collect()];
    for row in &shown.rows {
        out.push(
            row.iter()
                .map(|v| match v {
                    Value::Text(t) => safe(t),
                    other => other.shown(),
                })
                .collect(),
        );
    }
    if !shown.notes.is_empty() {
        out.push(vec![String::new()]);
        out.extend(shown.notes.iter().map(|n| vec![safe(n)]));
    }
    for record in out {
        // Writing to memory cannot fail.
        let _ = w.write_record(&record);
    }
    w.into_inner().unwrap_or_default()
}

/// The table as an Excel workbook of one sheet: counts as numbers, shares as percentages
/// formatted as on screen, text neutralised by the writer.
pub fn workbook(shown: &Shown) -> crate::Result<Vec<u8>> {
    let rows = shown
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|v| match v {
                    Value::Text(t) if t.is_empty() => Cell::Empty,
                    Value::Text(t) => Cell::Text(t.clone()),
                    Value::Count(n) => Cell::Integer(i64::try_from(*n).unwrap_or(i64::MAX)),
                    Value::Percent(x) => Cell::Percent(*x),
                    Value::Score(x) => Cell::Decimal(*x, 2),
                })
                .collect()
        })
        .collect();
    let sheet = Sheet {
        name: shown.name.clone(),
        headers: shown.headers.clone(),
        rows,
        notes: shown.notes.clone(),
    };
    xlsx::write_workbook(&[sheet]).map_err(|e| {
        crate::error::Error::input(crate::i18n::Message::new(
            |s| s.tui.internal_error,
            vec![crate::i18n::Arg::Text(e.to_string())],
        ))
    })
}

/// A file name to offer for the table on screen: population, question and grouping, with
/// nothing a file name cannot hold.
pub fn suggested_name(app: &App) -> String {
    let Some(data) = &app.data else {
        return String::new();
    };
    let (population, _) = data.name(app.population);
    let question = data
        .questions(app.population)
        .get(app.question)
        .map(|(_, q)| q.id.clone())
        .unwrap_or_default();
    let mut name = format!("{population}-{question}");
    if app.view == View::Groups
        && let Some(by) = app.grouping_key()
    {
        name.push_str(&format!("-{by}"));
    }
    let name: String = name
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{name}.csv")
}
