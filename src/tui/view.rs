//! Drawing: a pure function of the app's state. Every view has a header line (views, population,
//! interval method), its body, a status line when there is news, and the hint bar of its keys.

use super::action::View;
use super::app::{App, Filter, Tone};
use super::keys::{BINDINGS, Binding, hints};
use super::widgets::{bar, color, fit, pad, width};
use crate::figures::summary::QuestionSummary;
use crate::i18n::fill;
use crate::report::markdown::positive_name;
use crate::report::{conf_percent, method_index, percent};
use crate::survey::headers::MetaField;
use crate::validity::rule_label;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Row, Table, Wrap};

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < 20 || area.height < 5 {
        let s = &app.lang.strings().tui;
        frame.render_widget(
            Paragraph::new(fit(&format!("wenjuan {}", s.too_small), area.width.into())),
            area,
        );
        return;
    }
    let status = app.status.is_some() || app.searching;
    let [header, body, status_area, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(u16::from(status)),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, frame, header);
    match app.view {
        View::Overview => overview(app, frame, body),
        View::Questions => questions(app, frame, body),
        View::Groups => groups(app, frame, body),
        View::Respondents => respondents(app, frame, body),
        View::Help => help(app, frame, body),
    }
    if status {
        render_status(app, frame, status_area);
    }
    render_hints(app, frame, hint);
    if app.prompt.is_some() {
        render_prompt(app, frame, body);
    }
}

fn emphasis(app: &App) -> Style {
    color(app.colors, Color::Cyan).add_modifier(Modifier::BOLD)
}

fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.lang.strings();
    let mut spans = vec![Span::styled(
        " wenjuan ",
        Style::default().add_modifier(Modifier::BOLD),
    )];
    // A narrow window names only the view it shows, leaving room for the population.
    let narrow = area.width < 60;
    for (i, name) in s.tui.views.iter().take(4).enumerate() {
        let view = View::ALL[i];
        if narrow && app.view != view {
            continue;
        }
        let label = format!(" {}{} ", i + 1, name);
        let style = if app.view == view {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        spans.push(Span::styled(label, style));
    }
    if let Some(data) = &app.data {
        let (id, name) = data.name(app.population);
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(
            fit(&fill(app.lang.strings().tui.named, &[name, id]), 24),
            emphasis(app),
        ));
    }
    let method = s.method_names[method_index(app.settings.method)];
    let right = format!(
        "{} {}%{}{}",
        method,
        conf_percent(app.settings.conf.level()),
        if app.settings.weighted {
            s.tui.weighted
        } else {
            ""
        },
        if app.busy { " …" } else { "" }
    );
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    if used + width(&right) < usize::from(area.width) {
        let gap = usize::from(area.width) - used - width(&right) - 1;
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::raw(right));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let s = &app.lang.strings().tui;
    let line = if app.searching {
        Line::from(vec![
            Span::raw(s.search),
            Span::styled(
                format!(
                    "{}▏",
                    crate::text::visible(app.search.as_deref().unwrap_or(""))
                ),
                emphasis(app),
            ),
        ])
    } else if let Some((message, tone)) = &app.status {
        let style = match tone {
            Tone::Info => Style::default(),
            Tone::Done => color(app.colors, Color::Green),
            Tone::Problem => color(app.colors, Color::Red).add_modifier(Modifier::BOLD),
        };
        Line::from(Span::styled(fit(message, area.width.into()), style))
    } else {
        Line::default()
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The hint bar: the view's own keys on the left (cut when the terminal is narrow), the keys of
/// every view (Tab, help, quit) always in sight on the right.
fn render_hints(app: &App, frame: &mut Frame, area: Rect) {
    let spans = |bindings: Vec<&'static Binding>| -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        for b in bindings {
            if !spans.is_empty() {
                spans.push(Span::raw(" · "));
            }
            spans.push(Span::styled(
                b.label,
                Style::default().add_modifier(Modifier::BOLD),
            ));
            spans.push(Span::raw(format!(" {}", b.describe(app.lang))));
        }
        spans
    };
    let (right, left): (Vec<_>, Vec<_>) = hints(app.view).partition(|b| b.views.is_empty());
    let right = spans(right);
    let right_cols = right.iter().map(|s| width(&s.content)).sum::<usize>() as u16 + 1;
    let [left_area, right_area] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(right_cols.min(area.width)),
    ])
    .areas(area);
    let style = color(app.colors, Color::DarkGray);
    frame.render_widget(
        Paragraph::new(Line::from(spans(left))).style(style),
        left_area,
    );
    frame.render_widget(
        Paragraph::new(Line::from(right))
            .style(style)
            .right_aligned(),
        right_area,
    );
}

fn render_prompt(app: &App, frame: &mut Frame, body: Rect) {
    let Some(prompt) = &app.prompt else { return };
    let s = &app.lang.strings().tui;
    let (Some(data), true) = (&app.data, body.height >= 4) else {
        return;
    };
    let dataset = data.dataset(app.population);
    let who = crate::text::visible(&crate::validity::describe_row(
        dataset, prompt.row, app.lang,
    ))
    .into_owned();
    let verb = if prompt.verdict == crate::validity::log::Verdict::Exclude {
        s.exclude
    } else {
        s.include
    };
    let height = 4.min(body.height);
    let area = Rect {
        x: body.x,
        y: body.y + body.height - height,
        width: body.width,
        height,
    };
    frame.render_widget(Clear, area);
    let text = Text::from(vec![
        Line::from(vec![
            Span::raw(fill(s.prompt, &[verb, &who])),
            Span::styled(
                format!("{}▏", crate::text::visible(&prompt.input)),
                emphasis(app),
            ),
        ]),
        Line::styled(s.prompt_hint, color(app.colors, Color::DarkGray)),
    ]);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL)),
        area,
    );
}

fn message(frame: &mut Frame, area: Rect, text: &str) {
    frame.render_widget(
        Paragraph::new(text.to_string()).wrap(Wrap { trim: true }),
        area,
    );
}

fn overview(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.lang.strings();
    let t = &s.tui;
    if let Some(failed) = &app.failed {
        message(
            frame,
            area,
            &format!("{}{}{}", t.failed, t.colon, crate::text::visible(failed)),
        );
        return;
    }
    let Some(data) = &app.data else {
        let text = match &app.loading {
            Some(l) if l.total > 0 => format!(
                "{} {} … {:.0}%",
                t.loading,
                crate::text::visible(&l.file),
                l.done as f64 * 100.0 / l.total as f64
            ),
            Some(l) => format!("{} {} …", t.loading, crate::text::visible(&l.file)),
            None => format!("{} …", t.loading),
        };
        message(frame, area, &text);
        return;
    };
    let populations = data.populations.len() as u16;
    let [top, bottom] =
        Layout::vertical([Constraint::Length(populations + 3), Constraint::Fill(1)]).areas(area);
    population_table(app, data, frame, top);
    indicator_table(app, data, frame, bottom);
}

fn population_table(app: &App, data: &super::data::Data, frame: &mut Frame, area: Rect) {
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
fn indicator_table(app: &App, data: &super::data::Data, frame: &mut Frame, area: Rect) {
    use crate::figures::indicators::{IndicatorResult, Verdict};
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
                data.surveys[survey].survey.title, t.colon, e
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
    let show = |r: &IndicatorResult, x: f64| crate::report::indicators::show(r.figure, x);
    // A narrow window keeps the name, value, interval, target and verdict.
    let columns: &[usize] = match area.width {
        100.. => &[0, 1, 2, 3, 4, 5, 6],
        60.. => &[0, 2, 3, 4, 6],
        _ => &[0, 2, 6],
    };
    let rows: Vec<Row> = shown
        .iter()
        .map(|r| {
            let style = match r.verdict {
                Verdict::Met => color(app.colors, Color::Green),
                Verdict::NotMet => color(app.colors, Color::Red),
                Verdict::Inconclusive => color(app.colors, Color::Yellow),
                Verdict::NoData => Style::default(),
            };
            let interval = if r.ci_low.is_finite() {
                format!("{}–{}", show(r, r.ci_low), show(r, r.ci_high))
            } else {
                String::new()
            };
            let verdict = r.verdict.label(app.lang).to_string();
            let cells = [
                crate::text::visible(&r.name).into_owned(),
                fit(&r.population_name, 10),
                show(r, r.value),
                interval,
                show(r, r.target),
                format!("{:.2}/{}", r.score, r.points),
                verdict,
            ];
            Row::new(columns.iter().map(|&c| cells[c].clone())).style(style)
        })
        .collect();
    // How many valid responses would settle an inconclusive verdict, beneath the table.
    let notes = shown.iter().filter_map(|r| r.more_needed.map(|m| (r, m)));
    let mut notes: Vec<Line> = notes
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

/// A question as the list shows it in `cols` columns. A matrix item (题干—子项) that does not fit
/// keeps its item, which tells it from its siblings, and cuts the shared stem.
fn list_label(id: &str, text: &str, cols: usize) -> String {
    let full = format!("{id} {text}");
    if width(&full) <= cols {
        return full;
    }
    match text.rsplit_once('—') {
        Some((_, item)) if !item.trim().is_empty() => format!("{id} …{}", item.trim()),
        _ => full,
    }
}

/// The window of a long list that holds `selected`: whole pages, so the list does not jump.
fn window(len: usize, selected: usize, height: usize) -> std::ops::Range<usize> {
    let height = height.max(1);
    let start = (selected / height) * height;
    start..(start + height).min(len)
}

fn question_list(app: &App, frame: &mut Frame, area: Rect) {
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

fn questions(app: &App, frame: &mut Frame, area: Rect) {
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

fn question_detail(app: &App, q: &QuestionSummary, frame: &mut Frame, area: Rect) {
    let s = app.lang.strings();
    let t = &s.tui;
    let title = Paragraph::new(Line::styled(
        crate::text::visible(&format!("{} {}", q.id, q.text)).into_owned(),
        Style::default().add_modifier(Modifier::BOLD),
    ))
    .wrap(Wrap { trim: true });
    let title_lines = (width(&q.text) + q.id.len() + 1)
        .div_ceil(usize::from(area.width.max(1)))
        .clamp(1, 3) as u16;
    let mut footer: Vec<Line> = Vec::new();
    if let Some(pos) = &q.positive
        && let Some(e) = &pos.share
    {
        let name = positive_name(s, q.scale.as_deref());
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
    let caption = format!("n = {} {}", q.n, t.n_answers);
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(Block::default().title_bottom(caption)),
        table_area,
    );
}

/// A row of a figures table: label, count and figure, then (when there is room) the interval
/// and its bar.
fn figure_row(cells: [String; 3], interval: Option<(String, Line<'static>)>) -> Row<'static> {
    let mut row: Vec<ratatui::widgets::Cell> = cells
        .into_iter()
        .map(ratatui::widgets::Cell::from)
        .collect();
    if let Some((text, bar)) = interval {
        row.extend([
            ratatui::widgets::Cell::from(text),
            ratatui::widgets::Cell::from(bar),
        ]);
    }
    Row::new(row)
}

fn groups(app: &App, frame: &mut Frame, area: Rect) {
    // The question list stays in sight when there is room, so ↑↓ visibly moves through it.
    let area = if area.width >= 90 {
        let [list, rest] =
            Layout::horizontal([Constraint::Length(area.width / 4), Constraint::Fill(1)])
                .areas(area);
        question_list(app, frame, list);
        rest
    } else {
        area
    };
    let s = app.lang.strings();
    let t = &s.tui;
    let Some(data) = &app.data else { return };
    let questions = data.questions(app.population);
    let Some(&(qi, q)) = questions.get(app.question) else {
        return;
    };
    let text = data.question_text(app.population, qi, q);
    let by = app.grouping_key().unwrap_or_default();
    let by_name = data
        .survey(app.population)
        .groups
        .iter()
        .find(|g| g.id == by)
        .map_or(by.clone(), |g| g.name.clone());
    let block = Block::default()
        .borders(Borders::ALL)
        .title(fit(
            &format!("{} {}", q.id, text),
            usize::from(area.width.saturating_sub(4)),
        ))
        .title_bottom(format!(
            "{}{}{} ({})",
            t.grouped_by,
            t.colon,
            fit(&by_name, 24),
            key_for(super::action::Cmd::CycleGrouping)
        ));
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
        message(frame, inner, t.same_question);
        return;
    }
    let rows = match &g.rows {
        Ok(rows) => rows,
        Err(e) => {
            message(frame, inner, &crate::text::visible(e));
            return;
        }
    };
    let mut test = group_test(app, g);
    // The test right under the table (a blank line between when there is room); the groups keep
    // their rows when the window is short.
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
    let survey = data.survey(app.population);
    let summary_figure = rows
        .iter()
        .any(|r| r.figures.positive.is_some() || r.figures.mean.is_some());
    if summary_figure {
        group_figures(app, rows, g, score_span(survey, q), frame, table_area);
    } else {
        group_crosstab(app, rows, frame, table_area);
    }
    frame.render_widget(Paragraph::new(test).wrap(Wrap { trim: true }), test_area);
}

/// The lowest and highest score of a question's scale, for drawing mean scores as bars.
fn score_span(survey: &crate::survey::Survey, q: &crate::survey::Question) -> (f64, f64) {
    let scores: Vec<f64> = survey
        .scale_of(q)
        .map(|scale| scale.levels.iter().filter_map(|l| l.score).collect())
        .unwrap_or_default();
    let low = scores.iter().copied().fold(f64::INFINITY, f64::min);
    let high = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if low.is_finite() && high > low {
        (low.min(0.0), high)
    } else {
        (0.0, 100.0)
    }
}

/// One figure per group (the positive share, else the mean score) as bars with whiskers, the
/// group furthest from the rest marked.
fn group_figures(
    app: &App,
    rows: &[super::compute::GroupRow],
    g: &super::compute::GroupsComputed,
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
    let heading = match rows.iter().find_map(|r| {
        r.figures
            .positive
            .as_ref()
            .map(|_| r.figures.scale.as_deref())
    }) {
        Some(scale) => positive_name(s, scale).to_string(),
        None => s.mean_score.to_string(),
    };
    let label_cols = rows
        .iter()
        .map(|r| width(&r.label) + 1)
        .max()
        .unwrap_or(4)
        .clamp(4, 18);
    // A narrow window drops the bar, then the interval.
    let with_ci = usize::from(area.width) >= label_cols + 7 + 9 + 16 + 3;
    let bar_cols = usize::from(area.width).saturating_sub(label_cols + 7 + 9 + 16 + 4);
    let bar_cols = if bar_cols >= 5 { bar_cols } else { 0 };
    let fill = color(app.colors, Color::Blue);
    let scale = |x: f64| (x - low) / (high - low);
    let table_rows: Vec<Row> = rows
        .iter()
        .map(|r| {
            let estimate = if share {
                r.figures.positive.as_ref().and_then(|p| p.share)
            } else {
                r.figures.mean.as_ref().and_then(|m| m.mean)
            };
            let (value, ci, line) = match estimate {
                Some(e) if share => (
                    percent(e.estimate),
                    format!("{}–{}", percent(e.low), percent(e.high)),
                    bar(e.estimate, e.low, e.high, bar_cols, fill),
                ),
                Some(e) => (
                    format!("{:.2}", e.estimate),
                    if e.low.is_finite() {
                        format!("{:.2}–{:.2}", e.low, e.high)
                    } else {
                        String::new()
                    },
                    bar(
                        scale(e.estimate),
                        scale(e.low),
                        scale(e.high),
                        bar_cols,
                        fill,
                    ),
                ),
                None => ("—".to_string(), String::new(), Line::default()),
            };
            // The furthest group is marked, not only coloured, for terminals without colour.
            let far = furthest == Some(r.label.as_str());
            let label = if far {
                format!("▶{}", r.label)
            } else {
                r.label.clone()
            };
            let style = if far {
                color(app.colors, Color::Yellow).add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            let label = fit(&label, label_cols);
            figure_row(
                [label, r.valid.to_string(), value],
                with_ci.then_some((ci, line)),
            )
            .style(style)
        })
        .collect();
    let mut header = vec![
        t.group_columns[0].to_string(),
        t.group_columns[1].to_string(),
        heading,
    ];
    let mut widths = vec![
        Constraint::Length(label_cols as u16),
        Constraint::Length(7),
        Constraint::Length(9),
    ];
    if with_ci {
        header.extend([t.group_columns[3].to_string(), String::new()]);
        widths.extend([Constraint::Length(16), Constraint::Fill(1)]);
    }
    let header = Row::new(header).style(Style::default().add_modifier(Modifier::BOLD));
    frame.render_widget(Table::new(table_rows, widths).header(header), area);
}

/// A question without a positive share or scores: every level's share in each group, as many
/// levels as fit.
fn group_crosstab(app: &App, rows: &[super::compute::GroupRow], frame: &mut Frame, area: Rect) {
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
        t.group_columns[0].to_string(),
        t.group_columns[1].to_string(),
    ];
    header.extend(
        first
            .figures
            .levels
            .iter()
            .zip(&level_cols)
            .take(shown)
            .map(|(l, w)| fit(&l.label, *w)),
    );
    let table_rows: Vec<Row> = rows
        .iter()
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
fn group_test(app: &App, g: &super::compute::GroupsComputed) -> Vec<Line<'static>> {
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
            let comma = t.comma;
            lines.push(Line::raw(format!(
                "χ² = {:.2}{comma}df = {}{comma}{p}{comma}Cramér's V = {:.3}",
                test.statistic, test.df, test.cramers_v
            )));
            if x.small_expected() {
                lines.push(Line::styled(s.small_expected, warn));
            }
            if let Some((label, d)) = &x.furthest {
                let points = crate::report::points;
                let mut line = format!(
                    "{} {}{}{} pp [{} – {}]",
                    t.furthest,
                    fit(label, 16),
                    t.colon,
                    points(d.estimate),
                    points(d.low),
                    points(d.high)
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

/// How the key table writes the key of a command.
fn key_for(cmd: super::action::Cmd) -> &'static str {
    BINDINGS
        .iter()
        .find(|b| b.cmd == cmd)
        .map_or("", |b| b.label)
}

/// What a rule is called on screen; a questionnaire's own check by its description.
fn finding_label(app: &App, rule: &str) -> String {
    let described = rule.strip_prefix("check:").and_then(|id| {
        let survey = app.data.as_ref()?.survey(app.population);
        let check = survey.validity.checks.iter().find(|c| c.id == id)?;
        (!check.description.is_empty()).then(|| check.description.clone())
    });
    described.unwrap_or_else(|| rule_label(app.lang, rule))
}

fn respondents(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.lang.strings();
    let t = &s.tui;
    let Some(data) = &app.data else { return };
    let Some(review) = app.review(app.population) else {
        return;
    };
    let dataset = data.dataset(app.population);
    if app.detail
        && let Some(row) = app.selected_row()
    {
        respondent_detail(app, data, review, frame, area, row);
        return;
    }
    let filters: Vec<Span> = [Filter::All, Filter::Flagged, Filter::Excluded]
        .iter()
        .zip(t.filters)
        .map(|(f, name)| {
            let style = if *f == app.filter {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            Span::styled(format!(" {name} "), style)
        })
        .collect();
    let mut title = filters;
    title.push(Span::raw(format!(" {} ", app.listed.len())));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.listed.is_empty() {
        frame.render_widget(Paragraph::new(t.nothing_listed), inner);
        return;
    }
    let height = usize::from(inner.height.saturating_sub(1));
    let rows: Vec<(Vec<String>, Style)> = window(app.listed.len(), app.selected, height)
        .map(|i| {
            let row = app.listed[i];
            let (source, local) = dataset.locate(row);
            let findings = review.findings_for(row);
            let (status, style) = match (review.excluded_by(row), review.decisions.get(&row)) {
                (Some(rule), _) => (
                    format!(
                        "{}{}{}",
                        t.excluded,
                        t.colon,
                        finding_label(app, &rule.name())
                    ),
                    color(app.colors, Color::Red),
                ),
                (None, Some(_)) if !findings.is_empty() => {
                    (t.reinstated.to_string(), color(app.colors, Color::Green))
                }
                (None, _) if !findings.is_empty() => {
                    (t.flagged.to_string(), color(app.colors, Color::Yellow))
                }
                _ => (t.valid.to_string(), Style::default()),
            };
            let mut why: Vec<String> = findings
                .iter()
                .map(|f| finding_label(app, &f.rule.name()))
                .collect();
            why.dedup();
            let style = if i == app.selected {
                style.add_modifier(Modifier::REVERSED)
            } else {
                style
            };
            let meta = |field| fit(&dataset.meta_display(row, field).unwrap_or_default(), 19);
            let cells = vec![
                source.table.file_row(local).to_string(),
                fit(&dataset.respondent(row), 10),
                meta(MetaField::Submitted),
                meta(MetaField::Duration),
                status,
                why.join(t.list),
            ];
            (cells, style)
        })
        .collect();
    // The status column as wide as the widest status on screen.
    let status_cols = rows
        .iter()
        .map(|(cells, _)| width(&cells[4]))
        .chain([width(t.respondent_columns[4])])
        .max()
        .unwrap_or(6);
    // A narrow window keeps 序号, duration, status and why.
    let columns: &[usize] = if area.width >= 70 {
        &[0, 1, 2, 3, 4, 5]
    } else {
        &[1, 3, 4, 5]
    };
    let pick =
        |cells: &[String]| -> Vec<String> { columns.iter().map(|&c| cells[c].clone()).collect() };
    let rows: Vec<Row> = rows
        .iter()
        .map(|(cells, style)| Row::new(pick(cells)).style(*style))
        .collect();
    let header = Row::new(columns.iter().map(|&c| t.respondent_columns[c]))
        .style(Style::default().add_modifier(Modifier::BOLD));
    let widths = [
        Constraint::Length(7),
        Constraint::Length(8),
        Constraint::Length(19),
        Constraint::Length(7),
        Constraint::Length(status_cols as u16),
        Constraint::Fill(1),
    ];
    let widths: Vec<Constraint> = columns.iter().map(|&c| widths[c]).collect();
    frame.render_widget(Table::new(rows, widths).header(header), inner);
}

/// One response: when and how it came in, what the audit found, any decision, every answer.
fn respondent_detail(
    app: &App,
    data: &super::data::Data,
    review: &crate::validity::Review,
    frame: &mut Frame,
    area: Rect,
    row: usize,
) {
    let t = &app.lang.strings().tui;
    let dataset = data.dataset(app.population);
    let title =
        crate::text::visible(&crate::validity::describe_row(dataset, row, app.lang)).into_owned();
    let mut lines: Vec<Line> = Vec::new();
    let meta: Vec<String> = [
        MetaField::Submitted,
        MetaField::Duration,
        MetaField::Ip,
        MetaField::Source,
    ]
    .iter()
    .filter_map(|f| dataset.meta_display(row, *f))
    .collect();
    lines.push(Line::raw(
        crate::text::visible(&meta.join("  ")).into_owned(),
    ));
    let findings = review.findings_for(row);
    if !findings.is_empty() {
        lines.push(Line::styled(
            t.findings,
            Style::default().add_modifier(Modifier::BOLD),
        ));
        for f in findings {
            let style = if review.effective_action(f) == crate::survey::validity::Action::Exclude {
                color(app.colors, Color::Red)
            } else {
                color(app.colors, Color::Yellow)
            };
            lines.push(Line::styled(
                crate::text::visible(&format!(
                    "  {}{}{}",
                    finding_label(app, &f.rule.name()),
                    t.colon,
                    f.evidence.describe(dataset, app.lang)
                ))
                .into_owned(),
                style,
            ));
        }
    }
    if let Some(d) = review.decisions.get(&row) {
        lines.push(Line::styled(
            t.decision,
            Style::default().add_modifier(Modifier::BOLD),
        ));
        let verb = if d.decision == crate::validity::log::Verdict::Exclude {
            t.exclude
        } else {
            t.include
        };
        lines.push(Line::raw(
            crate::text::visible(&format!("  {} {}{}{}", d.time, verb, t.colon, d.reason))
                .into_owned(),
        ));
    }
    lines.push(Line::styled(
        t.answers,
        Style::default().add_modifier(Modifier::BOLD),
    ));
    // Answers in one column after labels padded to the widest (up to half the window).
    let questions = data.questions(app.population);
    let half = usize::from(area.width.saturating_sub(6)) / 2;
    let label = |qi: usize, q: &crate::survey::Question| {
        list_label(&q.id, &data.question_text(app.population, qi, q), half)
    };
    let label_cols = questions
        .iter()
        .map(|&(qi, q)| width(&label(qi, q)))
        .max()
        .unwrap_or(0)
        .min(half);
    for &(qi, q) in &questions {
        let Some(answers) = &dataset.answers[qi] else {
            continue;
        };
        lines.push(Line::from(vec![
            Span::raw(format!("  {}  ", pad(&label(qi, q), label_cols))),
            Span::styled(
                crate::text::visible(&answers.get(row).text).into_owned(),
                emphasis(app),
            ),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(app.scroll).unwrap_or(u16::MAX), 0))
            .block(Block::default().borders(Borders::ALL).title(title)),
        area,
    );
}

fn help(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.lang.strings().tui;
    let names = |b: &Binding| -> String {
        let main = [
            View::Overview,
            View::Questions,
            View::Groups,
            View::Respondents,
        ];
        if b.views.is_empty() || main.iter().all(|v| b.views.contains(v)) {
            return t.everywhere.to_string();
        }
        b.views
            .iter()
            .map(|v| t.views[View::ALL.iter().position(|x| x == v).unwrap_or(0)])
            .collect::<Vec<_>>()
            .join(t.list)
    };
    let mut block = Block::default().borders(Borders::ALL).title(t.help_title);
    let inner = block.inner(area);
    // Side by side when the table is taller than the window and there is room; else scrolled,
    // and the title says which keys are in sight.
    let rows_fit = usize::from(inner.height.saturating_sub(1)).max(1);
    let columns = BINDINGS
        .len()
        .div_ceil(rows_fit)
        .clamp(1, usize::from(inner.width / 48).max(1));
    if columns * rows_fit < BINDINGS.len() {
        let from = app.help_scroll.min(BINDINGS.len() - 1);
        let to = (from + rows_fit).min(BINDINGS.len());
        block = block.title(format!(" {}–{}/{} ↑↓ ", from + 1, to, BINDINGS.len()));
    }
    frame.render_widget(block, area);
    let per_column = BINDINGS.len().div_ceil(columns);
    let areas = Layout::horizontal(vec![Constraint::Fill(1); columns])
        .spacing(2)
        .split(inner);
    for (c, chunk) in BINDINGS.chunks(per_column).enumerate() {
        let skip = if columns == 1 { app.help_scroll } else { 0 };
        let rows: Vec<Row> = chunk
            .iter()
            .skip(skip)
            .map(|b| {
                Row::new(vec![
                    b.label.to_string(),
                    b.describe(app.lang).to_string(),
                    names(b),
                ])
            })
            .collect();
        let header =
            Row::new(t.help_columns.to_vec()).style(Style::default().add_modifier(Modifier::BOLD));
        let action_cols = BINDINGS
            .iter()
            .map(|b| width(b.describe(app.lang)))
            .max()
            .unwrap_or(8);
        let widths = [
            Constraint::Length(7),
            Constraint::Length(action_cols as u16),
            Constraint::Fill(1),
        ];
        frame.render_widget(Table::new(rows, widths).header(header), areas[c]);
    }
}
