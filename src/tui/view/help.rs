//! The help screen: the key table, every key with what it does and where, side by side when the
//! window is wide, scrolled when it is short.

use crate::tui::action::{Cmd, View};
use crate::tui::app::App;
use crate::tui::keys::{BINDINGS, Binding, key_of};
use crate::tui::widgets::width;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Row, Table};

/// The key table with what each key does and in which views.
pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect) {
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
            .map(|v| match v {
                View::Texts => app.lang.strings().texts.view,
                _ => t.views[View::ALL.iter().position(|x| x == v).unwrap_or(0)],
            })
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
        let keys = key_of(Cmd::Up) + &key_of(Cmd::Down);
        block = block.title(format!(" {}–{}/{} {keys} ", from + 1, to, BINDINGS.len()));
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
