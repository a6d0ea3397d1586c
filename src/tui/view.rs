//! Drawing: a pure function of the app's state. Every view has a header line (views, population,
//! interval method), its body, a status line when there is news, and the hint bar of its keys.

use super::action::View;
use super::app::{App, Filter, Tone};
use super::keys::{BINDINGS, hints};
use super::widgets::{bar, color, fit, pad, width};
use crate::i18n::{fill, rule_label};
use crate::report::markdown::positive_name;
use crate::report::{conf_percent, method_index, percent};
use crate::summary::QuestionSummary;
use crate::survey::headers::MetaField;
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
    for (i, name) in s.tui.views.iter().take(4).enumerate() {
        let view = View::ALL[i];
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
            fit(&format!("{name}（{id}）"), 24),
            emphasis(app),
        ));
    }
    let method = s.method_names[method_index(app.settings.method)];
    let right = format!(
        "{} {}%{}",
        method,
        conf_percent(app.settings.conf.level()),
        if app.busy { " …" } else { "" }
    );
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let gap = usize::from(area.width).saturating_sub(used + width(&right) + 1);
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::raw(right));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let s = &app.lang.strings().tui;
    let line = if app.searching {
        Line::from(vec![
            Span::raw(s.search),
            Span::styled(
                format!("{}▏", app.search.as_deref().unwrap_or("")),
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

fn render_hints(app: &App, frame: &mut Frame, area: Rect) {
    let view = if app.view == View::Respondents && app.detail {
        View::Respondents
    } else {
        app.view
    };
    let mut spans = Vec::new();
    for (key, text) in hints(view, app.lang) {
        if !spans.is_empty() {
            spans.push(Span::raw(" · "));
        }
        spans.push(Span::styled(
            key,
            Style::default().add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::raw(format!(" {text}")));
    }
    let style = color(app.colors, Color::DarkGray);
    frame.render_widget(Paragraph::new(Line::from(spans)).style(style), area);
}

fn render_prompt(app: &App, frame: &mut Frame, body: Rect) {
    let Some(prompt) = &app.prompt else { return };
    let s = &app.lang.strings().tui;
    let (Some(data), true) = (&app.data, body.height >= 4) else {
        return;
    };
    let dataset = data.dataset(app.population);
    let who = crate::validity::describe_row(dataset, prompt.row, app.lang);
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
            &format!("{}：{}", t.failed, crate::text::visible(failed)),
        );
        return;
    }
    let Some(data) = &app.data else {
        let text = match &app.loading {
            Some(l) if l.total > 0 => format!(
                "{} {} … {:.0}%",
                t.loading,
                l.file,
                l.done as f64 * 100.0 / l.total as f64
            ),
            Some(l) => format!("{} {} …", t.loading, l.file),
            None => format!("{} …", t.loading),
        };
        message(frame, area, &text);
        return;
    };
    let populations = data.populations.len() as u16;
    let [top, bottom] =
        Layout::vertical([Constraint::Length(populations + 3), Constraint::Fill(1)]).areas(area);
    let header = Row::new(t.population_columns.to_vec())
        .style(Style::default().add_modifier(Modifier::BOLD));
    let rows: Vec<Row> = (0..data.populations.len())
        .map(|p| {
            let (id, name) = data.name(p);
            let cells = match app.accounting.get(p).and_then(|a| a.as_ref()) {
                Some(a) => {
                    let excluded: u64 = a.excluded.iter().map(|(_, n)| n).sum();
                    let why = crate::report::markdown::rule_counts(&a.excluded, app.lang);
                    vec![
                        fit(&format!("{name}（{id}）"), 30),
                        a.received.to_string(),
                        a.valid.to_string(),
                        excluded.to_string(),
                        a.flagged_responses.to_string(),
                        fit(&why, 60),
                    ]
                }
                None => vec![
                    fit(&format!("{name}（{id}）"), 30),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    t.computing.into(),
                ],
            };
            let style = if p == app.population {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            Row::new(cells).style(style)
        })
        .collect();
    let widths = [
        Constraint::Length(22),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(6),
        Constraint::Length(8),
        Constraint::Fill(1),
    ];
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(Block::default().borders(Borders::ALL).title(t.populations)),
        top,
    );

    let indicators: Vec<&crate::indicators::IndicatorResult> =
        app.indicators.iter().flatten().collect();
    let block = Block::default().borders(Borders::ALL).title(t.indicators);
    if indicators.is_empty() {
        let text = if app.busy {
            t.computing
        } else {
            t.no_indicators
        };
        frame.render_widget(Paragraph::new(text).block(block), bottom);
        return;
    }
    let show =
        |r: &crate::indicators::IndicatorResult, x: f64| crate::cmd::indicators::show(r.figure, x);
    let rows: Vec<Row> = indicators
        .iter()
        .map(|r| {
            use crate::indicators::Verdict;
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
            let mut verdict = r.verdict.label(app.lang).to_string();
            if let Some(m) = r.more_needed {
                verdict.push_str(&format!(" (+{m})"));
            }
            Row::new(vec![
                fit(&r.name, 40),
                fit(&r.population_name, 16),
                show(r, r.value),
                interval,
                format!("≥{}", show(r, r.target)),
                format!("{:.2}/{}", r.score, r.points),
                verdict,
            ])
            .style(style)
        })
        .collect();
    let widths = [
        Constraint::Fill(2),
        Constraint::Length(12),
        Constraint::Length(8),
        Constraint::Length(17),
        Constraint::Length(9),
        Constraint::Length(11),
        Constraint::Fill(1),
    ];
    let header =
        Row::new(t.indicator_columns.to_vec()).style(Style::default().add_modifier(Modifier::BOLD));
    frame.render_widget(Table::new(rows, widths).header(header).block(block), bottom);
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
    let dataset = data.dataset(app.population);
    let inner = usize::from(area.height.saturating_sub(2));
    let cols = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = window(questions.len(), app.question, inner)
        .map(|i| {
            let (qi, q) = questions[i];
            let text = if q.text.is_empty() {
                dataset.answers[qi]
                    .as_ref()
                    .map(|a| a.header.as_str())
                    .unwrap_or("")
            } else {
                q.text.as_str()
            };
            let label = pad(&format!("{} {}", q.id, text), cols);
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
    let left = (area.width / 3).clamp(16.min(area.width), 40);
    let [list, detail] =
        Layout::horizontal([Constraint::Length(left), Constraint::Fill(1)]).areas(area);
    question_list(app, frame, list);
    let t = &app.lang.strings().tui;
    let block = Block::default().borders(Borders::ALL);
    let Some(q) = app.question_figures() else {
        frame.render_widget(Paragraph::new(t.computing).block(block), detail);
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
            "{}：{}",
            s.not_counted,
            items.join("，")
        )));
    }
    let [title_area, table_area, footer_area] = Layout::vertical([
        Constraint::Length(title_lines),
        Constraint::Fill(1),
        Constraint::Length(footer.len() as u16),
    ])
    .areas(area);
    frame.render_widget(title, title_area);
    frame.render_widget(
        Paragraph::new(footer).wrap(Wrap { trim: true }),
        footer_area,
    );
    if q.kind == crate::survey::QuestionKind::Text {
        frame.render_widget(
            Paragraph::new(format!("{}：{}", s.free_text_answers, q.n)),
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
    let bar_cols = usize::from(table_area.width).saturating_sub(label_cols + 6 + 8 + 17 + 4);
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
            Row::new(vec![
                ratatui::widgets::Cell::from(fit(&l.label, label_cols)),
                ratatui::widgets::Cell::from(l.count.to_string()),
                ratatui::widgets::Cell::from(share),
                ratatui::widgets::Cell::from(ci),
                ratatui::widgets::Cell::from(line),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(label_cols as u16),
        Constraint::Length(6),
        Constraint::Length(8),
        Constraint::Length(17),
        Constraint::Fill(1),
    ];
    let header = Row::new(vec![
        t.level_columns[0],
        t.level_columns[1],
        t.level_columns[2],
        t.level_columns[3],
        "",
    ])
    .style(Style::default().add_modifier(Modifier::BOLD));
    let caption = format!("n = {} {}", q.n, t.n_answers);
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(Block::default().title_bottom(caption)),
        table_area,
    );
}

fn groups(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.lang.strings();
    let t = &s.tui;
    let Some(data) = &app.data else { return };
    let questions = data.questions(app.population);
    let Some(&(qi, q)) = questions.get(app.question) else {
        return;
    };
    let dataset = data.dataset(app.population);
    let text = if q.text.is_empty() {
        dataset.answers[qi]
            .as_ref()
            .map(|a| a.header.clone())
            .unwrap_or_default()
    } else {
        q.text.clone()
    };
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
        .title_bottom(format!("{}：{}（b）", t.grouped_by, fit(&by_name, 20)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(g) = app
        .groups
        .as_ref()
        .filter(|g| g.population == app.population && g.question == app.question)
    else {
        let text = if by.is_empty() {
            t.no_groupings
        } else {
            t.computing
        };
        frame.render_widget(Paragraph::new(text), inner);
        return;
    };
    let rows = match &g.rows {
        Ok(rows) => rows,
        Err(e) => {
            message(frame, inner, &crate::text::visible(e));
            return;
        }
    };
    let furthest = g
        .test
        .as_ref()
        .and_then(|t| t.furthest.as_ref())
        .map(|(label, _)| label.clone());
    // The figure shown per group: the positive share, else the mean score, else the first level.
    let figure = |f: &QuestionSummary| -> Option<(String, crate::stats::Estimate, bool)> {
        if let Some(p) = &f.positive {
            return p
                .share
                .map(|e| (positive_name(s, f.scale.as_deref()).to_string(), e, true));
        }
        if let Some(m) = &f.mean {
            return m.mean.map(|e| (s.mean_score.to_string(), e, false));
        }
        let first = f.levels.first()?;
        first.share.map(|e| (first.label.clone(), e, true))
    };
    let [table_area, test_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]).areas(inner);
    let label_cols = rows
        .iter()
        .map(|r| width(&r.label))
        .max()
        .unwrap_or(4)
        .clamp(4, 18);
    let bar_cols = usize::from(table_area.width).saturating_sub(label_cols + 7 + 10 + 17 + 4);
    let table_rows: Vec<Row> = rows
        .iter()
        .map(|r| {
            let is_far = furthest.as_deref() == Some(r.label.as_str());
            let (value, ci, line) = match figure(&r.figures) {
                Some((_, e, true)) => (
                    percent(e.estimate),
                    format!("{}–{}", percent(e.low), percent(e.high)),
                    bar(
                        e.estimate,
                        e.low,
                        e.high,
                        bar_cols,
                        color(app.colors, Color::Blue),
                    ),
                ),
                Some((_, e, false)) => (
                    format!("{:.2}", e.estimate),
                    format!("{:.2}–{:.2}", e.low, e.high),
                    bar(
                        e.estimate / 100.0,
                        e.low / 100.0,
                        e.high / 100.0,
                        bar_cols,
                        color(app.colors, Color::Blue),
                    ),
                ),
                None => (String::new(), String::new(), Line::default()),
            };
            // The furthest group is marked, not only coloured, for terminals without colour.
            let label = if is_far {
                fit(&format!("▶{}", r.label), label_cols)
            } else {
                fit(&r.label, label_cols)
            };
            let style = if is_far {
                color(app.colors, Color::Yellow).add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            Row::new(vec![
                ratatui::widgets::Cell::from(label),
                ratatui::widgets::Cell::from(r.valid.to_string()),
                ratatui::widgets::Cell::from(value),
                ratatui::widgets::Cell::from(ci),
                ratatui::widgets::Cell::from(line),
            ])
            .style(style)
        })
        .collect();
    let heading = rows
        .first()
        .and_then(|r| figure(&r.figures))
        .map_or(t.group_columns[2].to_string(), |(name, _, _)| name);
    let header = Row::new(vec![
        t.group_columns[0].to_string(),
        t.group_columns[1].to_string(),
        heading,
        t.group_columns[3].to_string(),
        String::new(),
    ])
    .style(Style::default().add_modifier(Modifier::BOLD));
    let widths = [
        Constraint::Length(label_cols as u16),
        Constraint::Length(7),
        Constraint::Length(10),
        Constraint::Length(17),
        Constraint::Fill(1),
    ];
    frame.render_widget(Table::new(table_rows, widths).header(header), table_area);

    let mut lines = Vec::new();
    match g
        .test
        .as_ref()
        .and_then(|x| x.test.as_ref().map(|test| (x, test)))
    {
        Some((x, test)) => {
            let p = crate::cmd::compare::p_value(test.p_value);
            let p = if p.starts_with('<') {
                format!("p {p}")
            } else {
                format!("p = {p}")
            };
            let mut line = vec![Span::raw(format!(
                "χ² = {:.2}，df = {}，{p}，Cramér's V = {:.3}",
                test.statistic, test.df, test.cramers_v
            ))];
            if x.small_expected() {
                line.push(Span::styled(
                    format!("  {}", s.small_expected),
                    color(app.colors, Color::Yellow),
                ));
            }
            lines.push(Line::from(line));
            if let Some((label, d)) = &x.furthest {
                lines.push(Line::styled(
                    format!(
                        "{} {}：{} pp [{} – {}]",
                        t.furthest,
                        fit(label, 16),
                        crate::cmd::compare::points(d.estimate),
                        crate::cmd::compare::points(d.low),
                        crate::cmd::compare::points(d.high)
                    ),
                    color(app.colors, Color::Yellow),
                ));
            }
        }
        None => lines.push(Line::raw(t.no_test)),
    }
    if g.ungrouped > 0 {
        lines.push(Line::raw(format!("{}：{}", t.ungrouped, g.ungrouped)));
    }
    frame.render_widget(Paragraph::new(lines), test_area);
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
        respondent_detail(app, frame, area, row);
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
    let rows: Vec<Row> = window(app.listed.len(), app.selected, height)
        .map(|i| {
            let row = app.listed[i];
            let (source, local) = dataset.locate(row);
            let findings = review.findings_for(row);
            let (status, style) = match (review.excluded_by(row), review.decisions.get(&row)) {
                (Some(rule), _) => (
                    format!("{}：{}", t.excluded, rule_label(app.lang, &rule.name())),
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
                .map(|f| rule_label(app.lang, &f.rule.name()))
                .collect();
            why.dedup();
            let style = if i == app.selected {
                style.add_modifier(Modifier::REVERSED)
            } else {
                style
            };
            Row::new(vec![
                source.table.file_row(local).to_string(),
                fit(&dataset.respondent(row), 10),
                dataset
                    .meta_display(row, MetaField::Submitted)
                    .unwrap_or_default(),
                dataset
                    .meta_display(row, MetaField::Duration)
                    .unwrap_or_default(),
                status,
                why.join("、"),
            ])
            .style(style)
        })
        .collect();
    let header = Row::new(t.respondent_columns.to_vec())
        .style(Style::default().add_modifier(Modifier::BOLD));
    let widths = [
        Constraint::Length(7),
        Constraint::Length(8),
        Constraint::Length(19),
        Constraint::Length(8),
        Constraint::Length(18),
        Constraint::Fill(1),
    ];
    frame.render_widget(Table::new(rows, widths).header(header), inner);
}

fn respondent_detail(app: &App, frame: &mut Frame, area: Rect, row: usize) {
    let s = app.lang.strings();
    let t = &s.tui;
    let Some(data) = &app.data else { return };
    let Some(review) = app.review(app.population) else {
        return;
    };
    let dataset = data.dataset(app.population);
    let title = crate::validity::describe_row(dataset, row, app.lang);
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
            let style = if review.effective_action(f) == crate::validity::Action::Exclude {
                color(app.colors, Color::Red)
            } else {
                color(app.colors, Color::Yellow)
            };
            lines.push(Line::styled(
                crate::text::visible(&format!(
                    "  {}：{}",
                    rule_label(app.lang, &f.rule.name()),
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
            crate::text::visible(&format!("  {} {}：{}", d.time, verb, d.reason)).into_owned(),
        ));
    }
    lines.push(Line::styled(
        t.answers,
        Style::default().add_modifier(Modifier::BOLD),
    ));
    let cols = usize::from(area.width.saturating_sub(4));
    for (qi, q) in data.questions(app.population) {
        let Some(answers) = &dataset.answers[qi] else {
            continue;
        };
        let text = if q.text.is_empty() {
            &answers.header
        } else {
            &q.text
        };
        let answer = &answers.get(row).text;
        let label = format!("  {} {}", q.id, fit(text, cols / 2));
        lines.push(Line::from(vec![
            Span::raw(label),
            Span::raw("  "),
            Span::styled(crate::text::visible(answer).into_owned(), emphasis(app)),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL).title(title)),
        area,
    );
}

fn help(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.lang.strings().tui;
    let names = |b: &super::keys::Binding| -> String {
        if b.views.is_empty() {
            return t.everywhere.to_string();
        }
        b.views
            .iter()
            .map(|v| t.views[View::ALL.iter().position(|x| x == v).unwrap_or(0)])
            .collect::<Vec<_>>()
            .join("、")
    };
    let rows: Vec<Row> = BINDINGS
        .iter()
        .map(|b| {
            Row::new(vec![
                b.label.to_string(),
                b.text(app.lang).to_string(),
                names(b),
            ])
        })
        .collect();
    let header =
        Row::new(t.help_columns.to_vec()).style(Style::default().add_modifier(Modifier::BOLD));
    let widths = [
        Constraint::Length(8),
        Constraint::Fill(2),
        Constraint::Fill(1),
    ];
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(Block::default().borders(Borders::ALL).title(t.help_title)),
        area,
    );
}
