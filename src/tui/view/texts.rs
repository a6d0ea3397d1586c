//! The answers view: what people wrote to a free-text question (意见和建议), one answer after
//! another with its respondent, wrapped to the window; the search narrows the list and marks
//! what it found. Enter opens the selected answer's respondent with every other answer.

use super::{emphasis, list_label, message};
use crate::i18n::fill;
use crate::tui::action::Cmd;
use crate::tui::app::App;
use crate::tui::data::Data;
use crate::tui::keys::key_of;
use crate::tui::texts::{GAP, Texts, display_lines, respondent_label};
use crate::tui::widgets::{color, find_ignoring_case, fit, pad, width, wrap};
use crate::validity::Review;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// The open respondent, or the question's answers under the count line.
pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let (Some(data), Some(texts)) = (&app.data, &app.texts) else {
        return;
    };
    let Some(review) = app.review(texts.population) else {
        return;
    };
    if let Some(row) = texts.open {
        super::respondent::draw(app, data, review, frame, area, row);
        return;
    }
    let s = app.lang.strings();
    let title = data
        .questions(texts.population)
        .get(texts.question)
        .map(|&(qi, q)| {
            let text = data.question_text(texts.population, qi, q);
            let cols = usize::from(area.width.saturating_sub(4));
            format!(" {} ", fit(&list_label(&q.id, &text, cols), cols))
        })
        .unwrap_or_default();
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        title,
        Style::default().add_modifier(Modifier::BOLD),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [count_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(Paragraph::new(count_line(app, texts)), count_area);
    if texts.rows.is_empty() {
        let empty = if texts.all {
            s.texts.empty_all
        } else {
            s.texts.empty
        };
        message(frame, list_area, empty);
        return;
    }
    if texts.matched.is_empty() {
        let query = crate::text::visible(&texts.query).into_owned();
        message(
            frame,
            list_area,
            &fill(s.texts.none_found, &[&query, &key_of(Cmd::Back)]),
        );
        return;
    }
    frame.render_widget(
        Paragraph::new(answer_lines(app, data, review, texts, list_area)),
        list_area,
    );
}

/// How many answers there are, of how many responses; and how many the search found.
fn count_line(app: &App, texts: &Texts) -> Line<'static> {
    let s = &app.lang.strings().texts;
    let template = if texts.all { s.count_all } else { s.count };
    let mut spans = vec![Span::raw(fill(
        template,
        &[&texts.rows.len().to_string(), &texts.base.to_string()],
    ))];
    if !texts.query.is_empty() {
        let query = crate::text::visible(&texts.query).into_owned();
        spans.push(Span::raw("  ·  "));
        spans.push(Span::styled(
            fill(
                s.found,
                &[
                    &query,
                    &texts.matched.len().to_string(),
                    &texts.rows.len().to_string(),
                ],
            ),
            emphasis(app),
        ));
    }
    Line::from(spans)
}

/// The answers from the first on screen until the list is full: the respondent in its column,
/// the answer wrapped beside it, the selected one reversed, what the search found marked.
fn answer_lines(
    app: &App,
    data: &Data,
    review: &Review,
    texts: &Texts,
    area: Rect,
) -> Vec<Line<'static>> {
    let cols = usize::from(area.width);
    let height = usize::from(area.height);
    let text_cols = texts.text_cols(cols);
    let excluded = app.lang.strings().texts.excluded;
    let found =
        color(app.colors, Color::Yellow).add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut lines: Vec<Line<'static>> = Vec::with_capacity(height);
    let top = texts.first_shown(data, texts.top, cols, height);
    for k in top..texts.matched.len() {
        if lines.len() >= height {
            break;
        }
        let Some(row) = texts.row(k) else { break };
        let selected = k == texts.selected;
        let base = if selected {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        };
        let id_style = if review.is_valid(row) {
            base.add_modifier(Modifier::BOLD)
        } else {
            base.patch(color(app.colors, Color::Red))
        };
        let id = pad(
            &respondent_label(data, texts.population, review, row, excluded),
            texts.id_cols,
        );
        let mut first = true;
        for line in display_lines(texts.text(data, k)) {
            let marks = find_ignoring_case(&line, &texts.query);
            for range in wrap(&line, text_cols) {
                let lead = if first {
                    Span::styled(id.clone(), id_style)
                } else {
                    Span::styled(" ".repeat(texts.id_cols), base)
                };
                first = false;
                let mut spans = vec![lead, Span::styled(" ".repeat(GAP), base)];
                spans.extend(marked(
                    &line,
                    range.clone(),
                    &marks,
                    base,
                    base.patch(found),
                ));
                let used = texts.id_cols + GAP + width(&line[range]);
                spans.push(Span::styled(" ".repeat(cols.saturating_sub(used)), base));
                lines.push(Line::from(spans));
            }
        }
    }
    lines.truncate(height);
    lines
}

/// The part `range` of `line` as spans, what the search found (`marks`) in the `found` style.
fn marked(
    line: &str,
    range: std::ops::Range<usize>,
    marks: &[std::ops::Range<usize>],
    plain: Style,
    found: Style,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut at = range.start;
    for m in marks {
        let (start, end) = (m.start.max(range.start), m.end.min(range.end));
        if start >= end {
            continue;
        }
        if start > at {
            spans.push(Span::styled(line[at..start].to_string(), plain));
        }
        spans.push(Span::styled(line[start..end].to_string(), found));
        at = end;
    }
    if at < range.end {
        spans.push(Span::styled(line[at..range.end].to_string(), plain));
    }
    spans
}
