//! The questions view: the population's questions as a list, and the selected one's figures —
//! every level's share with its interval drawn as a bar, the positive share and the mean score.

use super::{emphasis, list_label, shown_columns, window};
use crate::figures::summary::QuestionSummary;
use crate::i18n::fill;
use crate::report::markdown::positive_label;
use crate::report::percent;
use crate::tui::app::App;
use crate::tui::table::{Sort, level_order};
use crate::tui::widgets::{Column, bar, color, fit, layout, pad, widest, width};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

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

/// What the figures beside the list are given first: a levels table with a bar and the
/// positive share's line whole.
const DETAIL_COLS: u16 = 70;

/// How wide the question list beside a view is in `cols` columns: as wide as its widest question
/// when the view beside it keeps `beside` columns, else a third of the window.
pub(super) fn list_cols(app: &App, cols: u16, beside: u16) -> u16 {
    let widest = app.data.as_ref().map_or(0, |data| {
        data.questions(app.population)
            .iter()
            .map(|&(qi, q)| width(&q.id) + 1 + width(&data.question_text(app.population, qi, q)))
            .max()
            .unwrap_or(0)
    });
    let widest = u16::try_from(widest + 2).unwrap_or(u16::MAX);
    widest.min((cols / 3).max(cols.saturating_sub(beside)))
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
        let left = list_cols(app, area.width, DETAIL_COLS);
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
        let read = fill(
            s.texts.read_hint,
            &[&crate::tui::keys::key_of(
                crate::tui::action::Cmd::ReadAnswers,
            )],
        );
        frame.render_widget(
            Paragraph::new(vec![
                Line::raw(format!("{}{}{}", s.free_text_answers, t.colon, q.n)),
                Line::styled(read, color(app.colors, Color::DarkGray)),
            ])
            .wrap(Wrap { trim: true }),
            table_area,
        );
        return;
    }
    // The headings, the one the table is sorted by marked (`s` cycles the order).
    let marks = [
        Sort::Label,
        Sort::Count,
        Sort::Share,
        Sort::Natural,
        Sort::Natural,
    ];
    let marked: Vec<String> = t
        .level_columns
        .iter()
        .zip(marks)
        .map(|(h, m)| m.mark(h, app.sort))
        .collect();
    let heads: Vec<&str> = marked.iter().map(String::as_str).collect();
    let shares: Vec<(String, String)> = q
        .levels
        .iter()
        .map(|l| match &l.share {
            Some(e) => (
                percent(e.estimate),
                format!("{}–{}", percent(e.low), percent(e.high)),
            ),
            None => (String::new(), String::new()),
        })
        .collect();
    let labels = q.levels.iter().map(|l| l.label.as_str());
    let counts: Vec<String> = q.levels.iter().map(|l| l.count.to_string()).collect();
    // A narrow window drops the bar, then cuts the labels, then drops the interval.
    let columns = [
        Column::cut(widest(labels.chain([heads[0]])), 10, 2),
        Column::fixed(widest(counts.iter().map(String::as_str).chain([heads[1]]))),
        Column::fixed(widest(
            shares.iter().map(|s| s.0.as_str()).chain([heads[2]]),
        )),
        Column::fixed(widest(
            shares.iter().map(|s| s.1.as_str()).chain([heads[3]]),
        ))
        .or_drop(1),
        Column::bar(10).or_drop(3),
    ];
    let widths = layout(&columns, usize::from(table_area.width));
    let (shown, constraints) = shown_columns(&widths);
    let fill_style = color(app.colors, Color::Blue);
    let rows: Vec<Row> = level_order(&q.levels, app.sort)
        .into_iter()
        .map(|i| (&q.levels[i], shares[i].clone(), counts[i].clone()))
        .map(|(l, (share, ci), count)| {
            let line = match (&l.share, widths[4]) {
                (Some(e), Some(cols)) => bar(
                    e.estimate,
                    e.low,
                    e.high,
                    cols,
                    if l.positive {
                        fill_style.add_modifier(Modifier::BOLD)
                    } else {
                        fill_style
                    },
                ),
                _ => Line::default(),
            };
            let cells = [
                Cell::from(fit(&l.label, widths[0].unwrap_or(0))),
                Cell::from(count),
                Cell::from(share),
                Cell::from(ci),
                Cell::from(line),
            ];
            Row::new(shown.iter().map(|&c| cells[c].clone()))
        })
        .collect();
    let header = Row::new(shown.iter().map(|&c| heads[c]))
        .style(Style::default().add_modifier(Modifier::BOLD));
    let caption = fill(t.n_answers, &[&q.n.to_string()]);
    frame.render_widget(
        Table::new(rows, constraints)
            .header(header)
            .block(Block::default().title_bottom(caption)),
        table_area,
    );
}
