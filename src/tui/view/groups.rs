//! The groups view: the selected question broken down by a grouping, with the chi-square test of
//! the breakdown and the group furthest from the rest.

use super::questions::{list_cols, question_list};
use super::{message, score_span, shown_columns};
use crate::i18n::fill;
use crate::report::markdown::positive_name;
use crate::report::percent;
use crate::survey::Question;
use crate::tui::action::Cmd;
use crate::tui::app::App;
use crate::tui::compute::{GroupRow, GroupsComputed};
use crate::tui::keys::key_of;
use crate::tui::table::{Sort, group_estimate, group_order, group_value, one_figure};
use crate::tui::widgets::{Column, bar, color, fit, layout, widest, width};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

/// The selected question by the grouping, or why there is nothing to show yet.
pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect) {
    // The question list stays in sight when there is room, so ↑↓ visibly moves through it.
    let area = if area.width >= 90 {
        let left = list_cols(app, area.width, 90).min(area.width / 3);
        let [list, rest] =
            Layout::horizontal([Constraint::Length(left), Constraint::Fill(1)]).areas(area);
        question_list(app, frame, list);
        rest
    } else {
        area
    };
    let t = &app.lang.strings().tui;
    let Some(data) = &app.data else { return };
    let questions = data.questions(app.population);
    let Some(&(qi, q)) = questions.get(app.question) else {
        return;
    };
    let text = data.question_text(app.population, qi, q);
    let by = app.grouping_key().unwrap_or_default();
    let block = block(app, &format!("{} {}", q.id, text), &by, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(g) = app.current_groups() else {
        let text = if by.is_empty() {
            t.no_groupings
        } else {
            t.computing
        };
        message(frame, inner, text);
        return;
    };
    if g.same_question {
        let keys = [Cmd::CycleGrouping, Cmd::Up, Cmd::Down].map(key_of);
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        message(frame, inner, &fill(t.same_question, &keys));
        return;
    }
    let rows = match &g.rows {
        Ok(rows) => rows,
        Err(e) => {
            message(frame, inner, &crate::text::visible(&e.render(app.lang)));
            return;
        }
    };
    breakdown(app, q, g, rows, frame, inner);
}

/// The frame of the view: the question on top, the grouping (and the key that changes it) below.
fn block(app: &App, question: &str, by: &str, cols: u16) -> Block<'static> {
    let t = &app.lang.strings().tui;
    // A declared group by its name; a question by its number and text (q1 您的性别).
    let by_name = app.data.as_ref().and_then(|d| {
        let survey = d.survey(app.population);
        if let Some(g) = survey.groups.iter().find(|g| g.id == by) {
            return Some(g.name.clone());
        }
        d.questions(app.population)
            .into_iter()
            .find(|(_, q)| q.id == by)
            .map(|(qi, q)| format!("{} {}", q.id, d.question_text(app.population, qi, q)))
    });
    let by_name = by_name.unwrap_or_else(|| by.to_string());
    let key = format!(" ({})", key_of(Cmd::CycleGrouping));
    let room = usize::from(cols.saturating_sub(4))
        .saturating_sub(width(t.grouped_by) + width(t.colon) + width(&key));
    Block::default()
        .borders(Borders::ALL)
        .title(fit(question, usize::from(cols.saturating_sub(4))))
        .title_bottom(format!(
            "{}{}{}{key}",
            t.grouped_by,
            t.colon,
            fit(&by_name, room.max(8)),
        ))
}

/// The groups' table, and the test right under it (a blank line between when there is room);
/// the groups keep their rows when the window is short.
fn breakdown(
    app: &App,
    q: &Question,
    g: &GroupsComputed,
    rows: &[GroupRow],
    frame: &mut Frame,
    inner: Rect,
) {
    let mut test = group_test(app, g);
    let table_rows = (rows.len() as u16 + 2).min(inner.height);
    let room = inner.height - table_rows;
    let wrapped = |lines: &[Line]| -> u16 {
        let cols = usize::from(inner.width.max(1));
        lines
            .iter()
            .map(|l| l.width().div_ceil(cols).max(1))
            .sum::<usize>() as u16
    };
    if room > wrapped(&test) {
        test.insert(0, Line::default());
    }
    let test_rows = wrapped(&test).min(room);
    let [table_area, test_area, _] = Layout::vertical([
        Constraint::Length(table_rows),
        Constraint::Length(test_rows),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let Some(data) = &app.data else { return };
    let survey = data.survey(app.population);
    if one_figure(rows) {
        group_figures(app, rows, g, score_span(survey, q), frame, table_area);
    } else {
        group_crosstab(app, rows, frame, table_area);
    }
    frame.render_widget(Paragraph::new(test).wrap(Wrap { trim: true }), test_area);
}

/// One figure per group (the positive share, else the mean score) as bars with whiskers, the
/// group furthest from the rest marked.
fn group_figures(
    app: &App,
    rows: &[GroupRow],
    g: &GroupsComputed,
    (low, high): (f64, f64),
    frame: &mut Frame,
    area: Rect,
) {
    let s = app.lang.strings();
    let t = &s.tui;
    let furthest = g
        .test
        .as_ref()
        .and_then(|t| t.furthest.as_ref())
        .map(|(label, _)| label.as_str());
    let share = rows.iter().any(|r| r.figures.positive.is_some());
    let positive = rows.iter().find_map(|r| {
        r.figures
            .positive
            .as_ref()
            .map(|p| (r.figures.measure, &p.levels))
    });
    // The share's name heads its column; the levels it counts head the bars, where there is room.
    let (heading, counted) = match positive {
        Some((measure, levels)) => (
            positive_name(s, measure).to_string(),
            fill(t.counted_levels, &[&levels.join(s.level_separator)]),
        ),
        None => (s.mean_score.to_string(), String::new()),
    };
    // In the order on screen (`s` cycles it); the file `e` writes has the same.
    let rows: Vec<&GroupRow> = group_order(rows, share, app.sort)
        .into_iter()
        .map(|i| &rows[i])
        .collect();
    let cells: Vec<[String; 4]> = rows
        .iter()
        .map(|r| {
            let (value, ci) = group_value(r, share);
            // The furthest group is marked, not only coloured, for terminals without colour.
            let label = if furthest == Some(r.label.as_str()) {
                format!("▶{}", r.label)
            } else {
                r.label.clone()
            };
            [label, r.valid.to_string(), value, ci]
        })
        .collect();
    let marked = [
        Sort::Label.mark(t.group_columns[0], app.sort),
        Sort::Count.mark(t.group_columns[1], app.sort),
        Sort::Share.mark(&heading, app.sort),
    ];
    let heads = [
        marked[0].as_str(),
        marked[1].as_str(),
        marked[2].as_str(),
        t.group_columns[3],
        counted.as_str(),
    ];
    let need = |c: usize| widest(cells.iter().map(|r| r[c].as_str()).chain([heads[c]]));
    // A narrow window drops the bar, then cuts the groups' names, then drops the interval.
    let columns = [
        Column::cut(need(0), 8, 2),
        Column::fixed(need(1)),
        Column::fixed(need(2)),
        Column::fixed(need(3)).or_drop(1),
        Column::bar(10).or_drop(3),
    ];
    let widths = layout(&columns, usize::from(area.width));
    let (shown, constraints) = shown_columns(&widths);
    let fill = color(app.colors, Color::Blue);
    let table_rows: Vec<Row> = rows
        .iter()
        .zip(&cells)
        .map(|(r, cells)| {
            let line = widths[4].map_or_else(Line::default, |cols| {
                group_bar(r, share, (low, high), cols, fill)
            });
            let style = if furthest == Some(r.label.as_str()) {
                color(app.colors, Color::Yellow).add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            let row = [
                Cell::from(fit(&cells[0], widths[0].unwrap_or(0))),
                Cell::from(cells[1].clone()),
                Cell::from(cells[2].clone()),
                Cell::from(cells[3].clone()),
                Cell::from(line),
            ];
            Row::new(shown.iter().map(|&c| row[c].clone())).style(style)
        })
        .collect();
    let header = Row::new(shown.iter().map(|&c| fit(heads[c], widths[c].unwrap_or(0))))
        .style(Style::default().add_modifier(Modifier::BOLD));
    frame.render_widget(Table::new(table_rows, constraints).header(header), area);
}

/// A group's figure as a bar with its interval: a share as it is, a mean score drawn to the
/// scale's span.
fn group_bar(
    r: &GroupRow,
    share: bool,
    (low, high): (f64, f64),
    cols: usize,
    fill: Style,
) -> Line<'static> {
    let scale = |x: f64| {
        if share { x } else { (x - low) / (high - low) }
    };
    match group_estimate(r, share) {
        Some(e) => bar(scale(e.estimate), scale(e.low), scale(e.high), cols, fill),
        None => Line::default(),
    }
}

/// A question without a positive share or scores: every level's share in each group, as many
/// levels as fit.
fn group_crosstab(app: &App, rows: &[GroupRow], frame: &mut Frame, area: Rect) {
    let t = &app.lang.strings().tui;
    let Some(first) = rows.first() else { return };
    let label_cols = rows
        .iter()
        .map(|r| width(&r.label))
        .max()
        .unwrap_or(4)
        .clamp(4, 18);
    let level_cols: Vec<usize> = first
        .figures
        .levels
        .iter()
        .map(|l| width(&l.label).clamp(7, 12))
        .collect();
    let room = usize::from(area.width).saturating_sub(label_cols + 7 + 2);
    let mut used = 0;
    let shown = level_cols
        .iter()
        .take_while(|w| {
            used += **w + 1;
            used <= room
        })
        .count();
    let mut header = vec![
        Sort::Label.mark(t.group_columns[0], app.sort),
        Sort::Count.mark(t.group_columns[1], app.sort),
    ];
    // By share, the groups go by their first level's share.
    header.extend(
        first
            .figures
            .levels
            .iter()
            .zip(&level_cols)
            .take(shown)
            .enumerate()
            .map(|(k, (l, w))| match k {
                0 => fit(&Sort::Share.mark(&l.label, app.sort), *w),
                _ => fit(&l.label, *w),
            }),
    );
    let table_rows: Vec<Row> = group_order(rows, false, app.sort)
        .into_iter()
        .map(|i| &rows[i])
        .map(|r| {
            let mut cells = vec![fit(&r.label, label_cols), r.figures.n.to_string()];
            cells.extend(
                r.figures
                    .levels
                    .iter()
                    .take(shown)
                    .map(|l| l.share.map_or("—".to_string(), |e| percent(e.estimate))),
            );
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![Constraint::Length(label_cols as u16), Constraint::Length(7)];
    widths.extend(
        level_cols
            .iter()
            .take(shown)
            .map(|w| Constraint::Length(*w as u16)),
    );
    let mut table = Table::new(table_rows, widths)
        .header(Row::new(header).style(Style::default().add_modifier(Modifier::BOLD)));
    if shown < level_cols.len() {
        table = table.block(Block::default().title_bottom(fill(
            t.more_levels,
            &[&(level_cols.len() - shown).to_string()],
        )));
    }
    frame.render_widget(table, area);
}

/// The chi-square test of the breakdown and the group furthest from the rest, as lines.
fn group_test(app: &App, g: &GroupsComputed) -> Vec<Line<'static>> {
    let s = app.lang.strings();
    let t = &s.tui;
    let warn = color(app.colors, Color::Yellow);
    let mut lines = Vec::new();
    match g
        .test
        .as_ref()
        .and_then(|x| x.test.as_ref().map(|test| (x, test)))
    {
        Some((x, test)) => {
            let p = crate::report::p_value(test.p_value);
            let p = if p.starts_with('<') {
                format!("p {p}")
            } else {
                format!("p = {p}")
            };
            lines.push(Line::raw(fill(
                t.chi_square,
                &[
                    &format!("{:.2}", test.statistic),
                    &test.df.to_string(),
                    &p,
                    &format!("{:.3}", test.cramers_v),
                ],
            )));
            if x.small_expected() {
                lines.push(Line::styled(s.small_expected, warn));
            }
            if let Some((label, d)) = &x.furthest {
                let points = crate::report::points;
                let mut line = fill(
                    t.furthest,
                    &[
                        &fit(label, 16),
                        &points(d.estimate),
                        &points(d.low),
                        &points(d.high),
                    ],
                );
                // Furthest is not the same as different: say so when the interval holds zero.
                if d.low <= 0.0 && d.high >= 0.0 {
                    line.push_str(&format!("  {}", t.not_significant));
                }
                lines.push(Line::styled(line, warn));
            }
        }
        None => lines.push(Line::raw(t.no_test)),
    }
    if g.ungrouped > 0 {
        lines.push(Line::raw(format!(
            "{}{}{}",
            t.ungrouped, t.colon, g.ungrouped
        )));
    }
    lines
}
