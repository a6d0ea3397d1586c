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
mod texts;

use super::action::View;
use super::app::{App, Tone};
use super::keys::{Binding, HELP_AND_QUIT, hints};
use super::widgets::{color, fit, width};
use crate::i18n::fill;
use crate::report::{conf_percent, method_index};
use crate::survey::{Question, Survey};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

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
        View::Texts => texts::draw(app, frame, body),
    }
    if status {
        render_status(app, frame, status_area);
    }
    render_hints(app, frame, hint);
    if app.prompt.is_some() {
        prompt::draw(app, frame, body);
    }
    if app.entry.is_some() {
        prompt::draw_entry(app, frame, body);
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
    // The answers view is part of the questions view.
    let shown = if app.view == View::Texts {
        View::Questions
    } else {
        app.view
    };
    for (i, name) in s.tui.views.iter().take(4).enumerate() {
        let view = View::ALL[i];
        if narrow && shown != view {
            continue;
        }
        let label = format!(" {}{} ", i + 1, name);
        let style = if shown == view {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        spans.push(Span::styled(label, style));
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
    let cols = usize::from(area.width);
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    // The population takes what it needs, leaving room for the settings on the right (one
    // column from the edge, at least one from the population) unless that would cut it short.
    const BAR: &str = " │ ";
    let room = cols.saturating_sub(used + width(BAR));
    let settings = width(&right) + 2;
    // A filter on is always named (a filtered figure must never pass for all responses): it
    // leaves the population at least 8 columns, the settings theirs when there is room.
    let filter = app
        .filter_written()
        .map(|w| format!("{}{}", s.tui.filter_label, w));
    let (room, filter) = match filter {
        Some(f) => {
            let room = room.saturating_sub(width(BAR));
            let beside = if room >= settings + 20 {
                room - settings
            } else {
                room
            };
            let cols = width(&f).min(beside.saturating_sub(8)).max(6);
            (room.saturating_sub(cols), Some(fit(&f, cols)))
        }
        None => (room, None),
    };
    let used = used + filter.as_deref().map_or(0, |f| width(BAR) + width(f));
    let room = if room >= settings + 8 {
        room - settings
    } else {
        room
    };
    let population = app
        .data
        .as_ref()
        .map(|_| population_label(app, app.population, room));
    let label_cols = population.as_deref().map_or(0, width);
    let taken = used
        + if population.is_some() {
            width(BAR) + label_cols
        } else {
            0
        };
    if let Some(label) = population {
        spans.push(Span::raw(BAR));
        spans.push(Span::styled(label, emphasis(app)));
    }
    if let Some(filter) = filter {
        spans.push(Span::raw(BAR));
        spans.push(Span::styled(
            filter,
            color(app.colors, Color::Yellow).add_modifier(Modifier::BOLD),
        ));
    }
    if taken + 1 + width(&right) < cols {
        spans.push(Span::raw(" ".repeat(cols - taken - width(&right) - 1)));
        spans.push(Span::raw(right));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A population as a screen names it in `cols` columns: 社会公众（public）, or its name alone
/// when there is room for no more (or the id is the name).
pub(super) fn population_label(app: &App, population: usize, cols: usize) -> String {
    let Some(data) = &app.data else {
        return String::new();
    };
    let (id, name) = data.name(population);
    let full = fill(app.lang.strings().tui.named, &[name, id]);
    if name == id || width(&full) > cols {
        fit(name, cols)
    } else {
        crate::text::visible(&full).into_owned()
    }
}

/// The search being typed, else the latest news in its tone.
fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let s = &app.lang.strings().tui;
    let line = if app.searching {
        // The answers view searches its answers, the other views their questions.
        let (label, query) = match (&app.texts, app.view) {
            (Some(texts), View::Texts) => (app.lang.strings().texts.search, texts.query.as_str()),
            _ => (s.search, app.search.as_deref().unwrap_or("")),
        };
        Line::from(vec![
            Span::raw(label),
            Span::styled(format!("{}▏", crate::text::visible(query)), emphasis(app)),
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

/// The hint bar: the view's own keys on the left, the keys of every view (Tab, help, quit) on
/// the right. A short bar leaves out whole hints, the lowest priority first (help and quit never),
/// rather than cut one in the middle of a word.
fn render_hints(app: &App, frame: &mut Frame, area: Rect) {
    let all: Vec<&'static Binding> = hints(app.view).collect();
    let shown = fitting_hints(&all, app.lang, usize::from(area.width));
    let spans = |global: bool| -> Vec<Span<'static>> {
        let mut spans = Vec::new();
        for (b, _) in all
            .iter()
            .zip(&shown)
            .filter(|(b, s)| **s && b.views.is_empty() == global)
        {
            if !spans.is_empty() {
                spans.push(Span::raw(HINT_GAP));
            }
            spans.push(Span::styled(
                b.label,
                Style::default().add_modifier(Modifier::BOLD),
            ));
            spans.push(Span::raw(format!(" {}", b.describe(app.lang))));
        }
        spans
    };
    let (left, right) = (spans(false), spans(true));
    let right_cols = right.iter().map(|s| width(&s.content)).sum::<usize>() as u16;
    let [left_area, right_area] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(right_cols.min(area.width)),
    ])
    .areas(area);
    let style = color(app.colors, Color::DarkGray);
    frame.render_widget(Paragraph::new(Line::from(left)).style(style), left_area);
    frame.render_widget(
        Paragraph::new(Line::from(right))
            .style(style)
            .right_aligned(),
        right_area,
    );
}

/// Between two hints.
const HINT_GAP: &str = " · ";

/// Which of `hints` fit in `cols` columns, whole: taken the highest priority first until the next
/// does not fit (help and quit always), each side's hints joined by a gap and the two sides at
/// least two columns apart.
fn fitting_hints(hints: &[&Binding], lang: crate::i18n::Lang, cols: usize) -> Vec<bool> {
    let hint_cols = |b: &Binding| width(b.label) + 1 + width(b.describe(lang));
    let side = |shown: &[bool], global: bool| -> usize {
        let widths: Vec<usize> = hints
            .iter()
            .zip(shown)
            .filter(|(b, s)| **s && b.views.is_empty() == global)
            .map(|(b, _)| hint_cols(b))
            .collect();
        widths.iter().sum::<usize>() + width(HINT_GAP) * widths.len().saturating_sub(1)
    };
    let mut order: Vec<usize> = (0..hints.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(hints[i].hint));
    let mut shown = vec![false; hints.len()];
    for i in order {
        shown[i] = true;
        let (left, right) = (side(&shown, false), side(&shown, true));
        let gap = if left > 0 && right > 0 { 2 } else { 0 };
        if left + gap + right > cols && hints[i].hint < HELP_AND_QUIT {
            shown[i] = false;
            break;
        }
    }
    shown
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

/// The lowest and highest score of a question's scale, for drawing mean scores as bars.
pub(super) fn score_span(survey: &Survey, q: &Question) -> (f64, f64) {
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

/// The columns a table shows (indices into its columns) and their widths, from `layout`.
pub(super) fn shown_columns(widths: &[Option<usize>]) -> (Vec<usize>, Vec<Constraint>) {
    widths
        .iter()
        .enumerate()
        .filter_map(|(i, w)| w.map(|w| (i, Constraint::Length(w as u16))))
        .unzip()
}
