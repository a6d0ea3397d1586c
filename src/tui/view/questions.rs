//! The questions view: the population's questions as a list, and the selected one's figures —
//! every level's share with its interval drawn as a bar, the positive share and the mean score.

use super::{emphasis, figure_row, list_label, window};
use crate::figures::summary::QuestionSummary;
use crate::i18n::fill;
use crate::report::markdown::positive_label;
use crate::report::percent;
use crate::tui::app::App;
use crate::tui::widgets::{bar, color, fit, pad, width};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Wrap};

/// The population's questions, a page at a time, the selected one reversed.
pub(super) fn question_list(app: &App, frame: &mut Frame, area: Rect) {
    let Some(data) = &app.data else { return };
    let t = &app.lang.strings().tui;
    let questions = data.questions(app.population);
    let inner = usize::from(area.height.saturating_sub(2));
    let cols = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = window(questions.len(), app.question, inner)
        .map(|i| {
            let (qi, q) = questions[i];
            let text = data.question_text(app.population, qi, q);
            let label = pad(&list_label(&q.id, &text, cols), cols);
            let style = if i == app.question {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            Line::styled(label, style)
        })
        .collect();
    let title = format!("{} {}/{}", t.questions, app.question + 1, questions.len());
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(title)),
        area,
    );
}

/// The list beside the figures when the window is wide; the figures alone when it is narrow.
pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.lang.strings().tui;
    let count = app
        .data
        .as_ref()
        .map_or(0, |d| d.questions(app.population).len());
    let mut block = Block::default().borders(Borders::ALL);
    // A narrow window gives the figures all the room; the title still says where the list is.
    let detail = if area.width >= 60 {
        let left = (area.width / 3).min(40);
        let [list, detail] =
            Layout::horizontal([Constraint::Length(left), Constraint::Fill(1)]).areas(area);
        question_list(app, frame, list);
        detail
    } else {
        block = block.title(format!("{} {}/{}", t.questions, app.question + 1, count));
        area
    };
    let Some(q) = app.question_figures() else {
        let text = if count == 0 {
            t.no_questions
        } else {
            t.computing
        };
        frame.render_widget(Paragraph::new(text).block(block), detail);
        return;
    };
    let inner = block.inner(detail);
    frame.render_widget(block, detail);
    question_detail(app, q, frame, inner);
}

/// The selected question's figures: its text, the levels table, and the summary lines under it.
fn question_detail(app: &App, q: &QuestionSummary, frame: &mut Frame, area: Rect) {
    let title = Paragraph::new(Line::styled(
        crate::text::visible(&format!("{} {}", q.id, q.text)).into_owned(),
        Style::default().add_modifier(Modifier::BOLD),
    ))
    .wrap(Wrap { trim: true });
    let title_lines = (width(&q.text) + q.id.len() + 1)
        .div_ceil(usize::from(area.width.max(1)))
        .clamp(1, 3) as u16;
    let mut footer = summary_lines(app, q);
    // The summary lines sit right under the table (after a blank line), not at the bottom of a
    // tall window.
    // When the window is short, the levels keep their rows and the summary lines give way.
    let table_rows = (q.levels.len() as u16 + 2).min(area.height.saturating_sub(title_lines));
    let room = area.height.saturating_sub(title_lines + table_rows);
    if !footer.is_empty() && room > footer.len() as u16 {
        footer.insert(0, Line::default());
    }
    let footer_rows = (footer.len() as u16).min(room);
    let [title_area, table_area, footer_area, _] = Layout::vertical([
        Constraint::Length(title_lines),
        Constraint::Length(table_rows),
        Constraint::Length(footer_rows),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(title, title_area);
    frame.render_widget(
        Paragraph::new(footer).wrap(Wrap { trim: true }),
        footer_area,
    );
    levels_table(app, q, frame, table_area);
}

/// The lines under the levels: the positive share, the mean score, and the answers not counted.
fn summary_lines(app: &App, q: &QuestionSummary) -> Vec<Line<'static>> {
    let s = app.lang.strings();
    let t = &s.tui;
    let mut footer: Vec<Line<'static>> = Vec::new();
    if let Some(pos) = &q.positive
        && let Some(e) = &pos.share
    {
        let name = positive_label(s, q.measure, &pos.levels);
        footer.push(Line::from(vec![
            Span::raw(format!("{name} ")),
            Span::styled(percent(e.estimate), emphasis(app)),
            Span::raw(format!(
                "  [{} – {}]  {}/{}",
                percent(e.low),
                percent(e.high),
                pos.count,
                pos.n
            )),
        ]));
    }
    if let Some(m) = &q.mean
        && let Some(e) = &m.mean
    {
        let ci = if e.low.is_finite() {
            format!("  [{:.2} – {:.2}]", e.low, e.high)
        } else {
            String::new()
        };
        footer.push(Line::raw(format!(
            "{} {:.2}{ci}  n = {}",
            s.mean_score, e.estimate, m.n
        )));
    }
    if !q.not_counted.is_empty() {
        let items: Vec<String> = q
            .not_counted
            .iter()
            .map(|n| {
                format!(
                    "{} {} ×{}",
                    crate::report::markdown::not_counted_name(s, n.kind),
                    crate::text::visible(&n.label),
                    n.count
                )
            })
            .collect();
        footer.push(Line::raw(format!(
            "{}{}{}",
            s.not_counted,
            t.colon,
            items.join(t.comma)
        )));
    }
    footer
}

/// Every level's count and share, with the interval and its bar when there is room; a free-text
/// question has only its number of answers.
fn levels_table(app: &App, q: &QuestionSummary, frame: &mut Frame, table_area: Rect) {
    let s = app.lang.strings();
    let t = &s.tui;
    if q.kind == crate::survey::QuestionKind::Text {
        frame.render_widget(
            Paragraph::new(format!("{}{}{}", s.free_text_answers, t.colon, q.n)),
            table_area,
        );
        return;
    }
    let label_cols = q
        .levels
        .iter()
        .map(|l| width(&l.label))
        .max()
        .unwrap_or(4)
        .clamp(4, 16);
    // Columns: label, count, share, interval, bar, one space between each; a narrow window drops
    // the bar, then the interval.
    let room = usize::from(table_area.width);
    let with_ci = room >= label_cols + 6 + 7 + 14 + 3;
    let bar_cols = room.saturating_sub(label_cols + 6 + 7 + 14 + 4);
    let bar_cols = if bar_cols >= 5 { bar_cols } else { 0 };
    let fill_style = color(app.colors, Color::Blue);
    let rows: Vec<Row> = q
        .levels
        .iter()
        .map(|l| {
            let (share, ci, line) = match &l.share {
                Some(e) => (
                    percent(e.estimate),
                    format!("{}–{}", percent(e.low), percent(e.high)),
                    bar(
                        e.estimate,
                        e.low,
                        e.high,
                        bar_cols,
                        if l.positive {
                            fill_style.add_modifier(Modifier::BOLD)
                        } else {
                            fill_style
                        },
                    ),
                ),
                None => (String::new(), String::new(), Line::default()),
            };
            let label = fit(&l.label, label_cols);
            figure_row(
                [label, l.count.to_string(), share],
                with_ci.then_some((ci, line)),
            )
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(label_cols as u16),
        Constraint::Length(6),
        Constraint::Length(7),
    ];
    let mut header = t.level_columns[..3].to_vec();
    if with_ci {
        widths.extend([Constraint::Length(14), Constraint::Fill(1)]);
        header.extend([t.level_columns[3], ""]);
    }
    let header = Row::new(header).style(Style::default().add_modifier(Modifier::BOLD));
    let caption = fill(t.n_answers, &[&q.n.to_string()]);
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(Block::default().title_bottom(caption)),
        table_area,
    );
}
