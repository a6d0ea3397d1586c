//! Small drawing helpers: text cut to a display width (Chinese characters take two columns), and
//! a share drawn as a horizontal bar with its interval as a whisker.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width in terminal columns.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` made safe to show (control characters visible) and cut to `max` columns with "…".
pub fn fit(text: &str, max: usize) -> String {
    let text = crate::text::visible(text);
    if width(&text) <= max {
        return text.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max.saturating_sub(1) {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` cut or padded with spaces to exactly `cols` columns.
pub fn pad(text: &str, cols: usize) -> String {
    let mut s = fit(text, cols);
    let w = width(&s);
    s.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    s
}

/// A share in [0, 1] as a bar of `cols` columns, with the interval [low, high] drawn over it as a
/// whisker (├──┤); the whisker keeps its shape over the filled part by reversing colours there.
pub fn bar(value: f64, low: f64, high: f64, cols: usize, fill: Style) -> Line<'static> {
    if cols == 0 || !value.is_finite() {
        return Line::default();
    }
    let at =
        |x: f64| ((x.clamp(0.0, 1.0) * cols as f64).round() as usize).min(cols.saturating_sub(1));
    let filled = ((value.clamp(0.0, 1.0) * cols as f64).round() as usize).min(cols);
    let whisker = (low.is_finite() && high.is_finite()).then(|| (at(low), at(high)));
    let mut spans = Vec::with_capacity(cols);
    for i in 0..cols {
        let in_bar = i < filled;
        let ch = match whisker {
            Some((l, h)) if i == l && i == h => '┼',
            Some((l, _)) if i == l => '├',
            Some((_, h)) if i == h => '┤',
            Some((l, h)) if i > l && i < h => '─',
            _ if in_bar => '█',
            _ => ' ',
        };
        let style = match (in_bar, ch) {
            (true, '█') => fill,
            (true, _) => fill.add_modifier(Modifier::REVERSED),
            _ => Style::default(),
        };
        spans.push(Span::styled(ch.to_string(), style));
    }
    Line::from(spans)
}

/// The colour of a verdict, a tone or a highlight — or none at all under `NO_COLOR`. Only the
/// sixteen basic colours are used, so 16-colour terminals show them as meant.
pub fn color(colors: bool, c: Color) -> Style {
    if colors {
        Style::default().fg(c)
    } else {
        Style::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_is_cut_by_columns() {
        assert_eq!(width("非常满意"), 8);
        assert_eq!(fit("非常满意度调查", 7), "非常满…");
        assert_eq!(pad("满意", 6), "满意  ");
        assert_eq!(width(&pad("非常满意度调查", 7)), 7);
        assert_eq!(fit("\u{1b}[31m红", 20), "␛[31m红");
    }

    #[test]
    fn bar_and_whisker_positions() {
        let line = bar(0.5, 0.4, 0.6, 10, Style::default());
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "████├─┤   ");
        assert_eq!(width(&text), 10);
        let empty = bar(f64::NAN, 0.0, 1.0, 10, Style::default());
        assert!(empty.spans.is_empty());
    }
}
