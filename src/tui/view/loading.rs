//! Before the data is open: how far reading the exports has got, or why they could not be opened.

use super::message;
use crate::i18n::fill;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;

pub(super) fn progress(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.lang.strings().tui;
    let text = match &app.loading {
        // Reading is done; inferring, checking and the first figures take a while on millions.
        Some(l) if l.total > 0 && l.done >= l.total => {
            fill(t.loaded_working, &[&crate::text::visible(&l.file)])
        }
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
}

pub(super) fn failed(app: &App, why: &str, frame: &mut Frame, area: Rect) {
    let t = &app.lang.strings().tui;
    message(frame, area, &fill(t.failed, &[&crate::text::visible(why)]));
}
