//! Drawing: a pure function of the app's state. Every view has a header line (views, population,
//! interval method), its body, a status line when there is news, and the hint bar of its keys.
//! Each screen draws in its own module; this one lays them out and holds what they share.

mod groups;
mod help;
mod loading;
mod overview;
mod prompt;
mod questions;
mod respondent;
mod respondents;

use super::action::View;
use super::app::{App, Tone};
use super::keys::{Binding, hints};
use super::widgets::{color, fit, width};
use crate::i18n::fill;
use crate::report::{conf_percent, method_index};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Wrap};

/// Draws the whole screen from the state alone; a window too small for the layout gets one line
/// saying so rather than a broken screen.
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
        View::Overview => overview::draw(app, frame, body),
        View::Questions => questions::draw(app, frame, body),
        View::Groups => groups::draw(app, frame, body),
        View::Respondents => respondents::draw(app, frame, body),
        View::Help => help::draw(app, frame, body),
    }
    if status {
        render_status(app, frame, status_area);
    }
    render_hints(app, frame, hint);
    if app.prompt.is_some() {
        prompt::draw(app, frame, body);
    }
}

/// The style of a figure or typed text the eye should find first.
pub(super) fn emphasis(app: &App) -> Style {
    color(app.colors, Color::Cyan).add_modifier(Modifier::BOLD)
}

/// The views (the one shown reversed), the population, and the interval method on the right.
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

/// The search being typed, else the latest news in its tone.
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

/// A sentence in place of a screen's body (nothing to show yet, or why not), wrapped.
pub(super) fn message(frame: &mut Frame, area: Rect, text: &str) {
    frame.render_widget(
        Paragraph::new(text.to_string()).wrap(Wrap { trim: true }),
        area,
    );
}

/// A question as the list shows it in `cols` columns. A matrix item (题干—子项) that does not fit
/// keeps its item, which tells it from its siblings, and cuts the shared stem.
pub(super) fn list_label(id: &str, text: &str, cols: usize) -> String {
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
pub(super) fn window(len: usize, selected: usize, height: usize) -> std::ops::Range<usize> {
    let height = height.max(1);
    let start = (selected / height) * height;
    start..(start + height).min(len)
}

/// A row of a figures table: label, count and figure, then (when there is room) the interval
/// and its bar.
pub(super) fn figure_row(
    cells: [String; 3],
    interval: Option<(String, Line<'static>)>,
) -> Row<'static> {
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
