//! The reason prompt over the foot of the body: who is being excluded or reinstated, the reason
//! as typed, and how to save or cancel.

use super::emphasis;
use crate::i18n::fill;
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
