//! The overview: every population's responses accounted for, and every questionnaire's
//! indicators with their verdicts.

use super::{loading, message};
use crate::figures::indicators::{IndicatorResult, Verdict};
use crate::i18n::fill;
use crate::tui::app::App;
use crate::tui::data::Data;
use crate::tui::widgets::{color, fit, width};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Wrap};

/// The overview, or until the data is open, how far reading it has got (or why it failed): keys
/// other than help and quit wait for the data, so this is the view a person sees meanwhile.
pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if let Some(failed) = &app.failed {
        loading::failed(app, failed, frame, area);
        return;
    }
    let Some(data) = &app.data else {
        loading::progress(app, frame, area);
        return;
    };
    let populations = data.populations.len() as u16;
    let [top, bottom] =
        Layout::vertical([Constraint::Length(populations + 3), Constraint::Fill(1)]).areas(area);
    population_table(app, data, frame, top);
    indicator_table(app, data, frame, bottom);
}

/// Every population's responses accounted for: received, valid, excluded, flagged and why.
fn population_table(app: &App, data: &Data, frame: &mut Frame, area: Rect) {
    let t = &app.lang.strings().tui;
    let name_cols = (0..data.populations.len())
        .map(|p| {
            let (id, name) = data.name(p);
            width(name) + width(id) + 4
        })
        .max()
        .unwrap_or(8)
        .clamp(8, 30);
    let header = Row::new(t.population_columns.to_vec())
        .style(Style::default().add_modifier(Modifier::BOLD));
    let rows: Vec<Row> = (0..data.populations.len())
        .map(|p| {
            let (id, name) = data.name(p);
            let mut cells = vec![fit(&fill(t.named, &[name, id]), name_cols)];
            match app.accounting.get(p).and_then(|a| a.as_ref()) {
                Some(a) => {
                    let excluded: u64 = a.excluded.iter().map(|(_, n)| n).sum();
                    cells.extend([
                        a.received.to_string(),
                        a.valid.to_string(),
                        excluded.to_string(),
                        a.flagged_responses.to_string(),
                        crate::report::markdown::rule_counts(&a.excluded, app.lang),
                    ]);
                }
                None => cells.push(t.computing.into()),
            }
            let style = if p == app.population {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            Row::new(cells).style(style)
        })
        .collect();
    // Counts as wide as their heading or largest figure, so a narrow window keeps the names.
    let count_cols = |i: usize, most: u64| {
        Constraint::Length((width(t.population_columns[i]).max(most.to_string().len()) + 2) as u16)
    };
    let received = app
        .accounting
        .iter()
        .flatten()
        .map(|a| a.received)
        .max()
        .unwrap_or(0);
    let widths = [
        Constraint::Length(name_cols.min(usize::from(area.width) * 2 / 5) as u16),
        count_cols(1, received),
        count_cols(2, received),
        count_cols(3, received),
        count_cols(4, received),
        Constraint::Fill(1),
    ];
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(Block::default().borders(Borders::ALL).title(t.populations)),
        area,
    );
}

/// Every questionnaire's indicators, coloured (and worded) by verdict.
fn indicator_table(app: &App, data: &Data, frame: &mut Frame, area: Rect) {
    let t = &app.lang.strings().tui;
    let stale = (0..data.surveys.len()).any(|s| app.indicators_stale(s));
    let title = if stale {
        format!("{} …", t.indicators)
    } else {
        t.indicators.to_string()
    };
    let block = Block::default().borders(Borders::ALL).title(title);
    let mut problems = Vec::new();
    let mut shown: Vec<&IndicatorResult> = Vec::new();
    for (survey, state) in app.indicators.iter().enumerate() {
        match state {
            Some(Ok(results)) => shown.extend(results),
            Some(Err(e)) => problems.push(format!(
                "{}{}{}",
                data.surveys[survey].survey.title,
                t.colon,
                e.render(app.lang)
            )),
            None => {}
        }
    }
    if shown.is_empty() {
        let text = if let Some(p) = problems.first() {
            crate::text::visible(p).into_owned()
        } else if stale {
            t.computing.to_string()
        } else {
            t.no_indicators.to_string()
        };
        message(frame, block.inner(area), &text);
        frame.render_widget(block, area);
        return;
    }
    // A narrow window keeps the name, value, interval, target and verdict.
    let columns: &[usize] = match area.width {
        100.. => &[0, 1, 2, 3, 4, 5, 6],
        60.. => &[0, 2, 3, 4, 6],
        _ => &[0, 2, 6],
    };
    let rows: Vec<Row> = shown
        .iter()
        .map(|r| indicator_row(app, r, columns))
        .collect();
    let notes = notes(app, &shown, problems);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [table_area, notes_area] = Layout::vertical([
        Constraint::Length(rows.len() as u16 + 2),
        Constraint::Fill(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(notes).wrap(Wrap { trim: true }), notes_area);
    let verdict_cols = shown
        .iter()
        .map(|r| width(r.verdict.label(app.lang)))
        .max()
        .unwrap_or(4);
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(10),
        Constraint::Length(8),
        Constraint::Length(16),
        Constraint::Length(8),
        Constraint::Length(10),
        Constraint::Length(verdict_cols as u16),
    ];
    let widths: Vec<Constraint> = columns.iter().map(|&c| widths[c]).collect();
    let header = Row::new(columns.iter().map(|&c| t.indicator_columns[c]))
        .style(Style::default().add_modifier(Modifier::BOLD));
    frame.render_widget(Table::new(rows, widths).header(header), table_area);
}

/// One indicator's row, in the columns that fit, coloured by its verdict.
fn indicator_row(app: &App, r: &IndicatorResult, columns: &[usize]) -> Row<'static> {
    let show = |x: f64| crate::report::indicators::show(r.figure, x);
    let style = match r.verdict {
        Verdict::Met => color(app.colors, Color::Green),
        Verdict::NotMet => color(app.colors, Color::Red),
        Verdict::Inconclusive => color(app.colors, Color::Yellow),
        Verdict::NoData => Style::default(),
    };
    let interval = if r.ci_low.is_finite() {
        format!("{}–{}", show(r.ci_low), show(r.ci_high))
    } else {
        String::new()
    };
    let verdict = r.verdict.label(app.lang).to_string();
    let cells = [
        crate::text::visible(&r.name).into_owned(),
        fit(&r.population_name, 10),
        show(r.value),
        interval,
        show(r.target),
        format!("{:.2}/{}", r.score, r.points),
        verdict,
    ];
    Row::new(columns.iter().map(|&c| cells[c].clone())).style(style)
}

/// Beneath the table: how many valid responses would settle an inconclusive verdict, and the
/// questionnaires whose indicators could not be evaluated.
fn notes(app: &App, shown: &[&IndicatorResult], problems: Vec<String>) -> Vec<Line<'static>> {
    let t = &app.lang.strings().tui;
    let more = shown.iter().filter_map(|r| r.more_needed.map(|m| (r, m)));
    let mut notes: Vec<Line> = more
        .map(|(r, m)| {
            let note = format!(
                "{}{}{} {m}",
                crate::text::visible(&r.name),
                t.colon,
                app.lang.strings().ind_more
            );
            Line::styled(note, color(app.colors, Color::Yellow))
        })
        .collect();
    notes.extend(problems.into_iter().map(|p| {
        Line::styled(
            crate::text::visible(&p).into_owned(),
            color(app.colors, Color::Red),
        )
    }));
    notes
}
