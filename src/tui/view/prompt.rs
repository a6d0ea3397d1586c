//! The reason prompt over the foot of the body: who is being excluded or reinstated, the reason
//! as typed, and how to save or cancel.

use super::emphasis;
use crate::i18n::fill;
use crate::tui::action::EntryKind;
use crate::tui::app::App;
use crate::tui::keys::{Edit, edit_key};
use crate::tui::widgets::color;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// Over the foot of the body, so the response being decided stays in sight above it.
pub(super) fn draw(app: &App, frame: &mut Frame, body: Rect) {
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
        Line::styled(
            fill(
                s.prompt_hint,
                &[&edit_key(Edit::Submit), &edit_key(Edit::Cancel)],
            ),
            color(app.colors, Color::DarkGray),
        ),
    ]);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL)),
        area,
    );
}

/// The filter or export prompt over the foot of the body: what to type, as typed, and how to
/// apply or cancel (a filter already on is named, since the condition is added to it).
pub(super) fn draw_entry(app: &App, frame: &mut Frame, body: Rect) {
    let Some(entry) = &app.entry else { return };
    if body.height < 4 {
        return;
    }
    let t = &app.lang.strings().tui;
    let (label, mut hint) = match entry.kind {
        EntryKind::Where => (
            t.filter_prompt,
            fill(
                t.entry_hint,
                &[&edit_key(Edit::Submit), &edit_key(Edit::Cancel)],
            ) + t.filter_empty_clears,
        ),
        EntryKind::Export => (
            t.export_prompt,
            fill(
                t.entry_hint,
                &[&edit_key(Edit::Submit), &edit_key(Edit::Cancel)],
            ),
        ),
    };
    if entry.kind == EntryKind::Where
        && let Some(on) = app.filter_written()
    {
        hint = format!(
            "{} · {hint}",
            crate::text::visible(&fill(t.filter_adding, &[&on]))
        );
    }
    // Tall enough for the label and the text typed wrapped under it, and the hint.
    let inner = usize::from(body.width.saturating_sub(2)).max(1);
    let typed = crate::tui::widgets::width(label) + crate::tui::widgets::width(&entry.input) + 1;
    let lines = typed.div_ceil(inner) + crate::tui::widgets::width(&hint).div_ceil(inner);
    let height = (lines as u16 + 2).clamp(4, body.height);
    let area = Rect {
        x: body.x,
        y: body.y + body.height - height,
        width: body.width,
        height,
    };
    frame.render_widget(Clear, area);
    let text = Text::from(vec![
        Line::from(vec![
            Span::raw(label),
            Span::styled(
                format!("{}▏", crate::text::visible(&entry.input)),
                emphasis(app),
            ),
        ]),
        Line::styled(hint, color(app.colors, Color::DarkGray)),
    ]);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL)),
        area,
    );
}
