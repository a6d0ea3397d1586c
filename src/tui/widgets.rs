//! Small drawing helpers: text cut to a display width (Chinese characters take two columns),
//! table columns sized to what they hold, and a share drawn as a horizontal bar with its interval
//! as a whisker.

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

/// The width of the widest of `cells` (a heading among them), in terminal columns.
pub fn widest<'a>(cells: impl IntoIterator<Item = &'a str>) -> usize {
    cells.into_iter().map(width).max().unwrap_or(0)
}

/// A table column as the layout sees it: what its cells need, how far it may be cut and how soon,
/// whether it takes the room left over, and how soon it goes when the window is narrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Columns it takes to show every cell whole.
    pub need: usize,
    /// The fewest it may be cut to; `need` for a column that is never cut.
    pub min: usize,
    /// When it is cut to `min`, in the order of `drop`; 0: only when nothing else can give way.
    pub cut: u8,
    /// Takes the room left over (a bar).
    pub grow: bool,
    /// When it is left out: the highest first; 0: never.
    pub drop: u8,
}

impl Column {
    /// A column shown whole, always.
    pub fn fixed(need: usize) -> Column {
        Column {
            need,
            min: need,
            cut: 0,
            grow: false,
            drop: 0,
        }
    }

    /// A column that may be cut down to `min` (never below what it needs, if that is less),
    /// at priority `cut` among the columns that may be left out.
    pub fn cut(need: usize, min: usize, cut: u8) -> Column {
        Column {
            min: min.min(need),
            cut,
            ..Column::fixed(need)
        }
    }

    /// A bar: at least `min` columns, and whatever room is left.
    pub fn bar(min: usize) -> Column {
        Column {
            grow: true,
            ..Column::fixed(min)
        }
    }

    /// The same column, left out at priority `drop` when the table does not fit.
    pub fn or_drop(self, drop: u8) -> Column {
        Column { drop, ..self }
    }
}

/// The widths of `columns` in `room` terminal columns with one space between each, `None` for a
/// column left out. Until the table fits, columns are left out or cut to their least, the highest
/// priority first (a column cut at priority 0 only when nothing else can give way); then the cut
/// columns get back what they need, in order, as far as the room goes, and what is left goes to
/// the bars, shared out evenly.
pub fn layout(columns: &[Column], room: usize) -> Vec<Option<usize>> {
    let mut shown = vec![true; columns.len()];
    let mut cut = vec![false; columns.len()];
    let total = |shown: &[bool], cut: &[bool]| -> usize {
        let (sum, count) = (0..columns.len())
            .filter(|&i| shown[i])
            .map(|i| {
                if cut[i] {
                    columns[i].min
                } else {
                    columns[i].need
                }
            })
            .fold((0, 0), |(sum, n), w| (sum + w, n + 1));
        sum + usize::saturating_sub(count, 1)
    };
    while total(&shown, &cut) > room {
        // (priority, cut rather than drop, index) of what gives way next.
        let drops = (0..columns.len())
            .filter(|&i| shown[i] && columns[i].drop > 0)
            .map(|i| (columns[i].drop, false, i));
        let cuts = (0..columns.len())
            .filter(|&i| shown[i] && !cut[i] && columns[i].min < columns[i].need)
            .map(|i| (columns[i].cut, true, i));
        match drops.chain(cuts).max() {
            Some((_, true, i)) => cut[i] = true,
            Some((_, false, i)) => shown[i] = false,
            None => break,
        }
    }
    let mut spare = room.saturating_sub(total(&shown, &cut));
    let mut widths: Vec<Option<usize>> = (0..columns.len())
        .map(|i| {
            shown[i].then_some(if cut[i] {
                columns[i].min
            } else {
                columns[i].need
            })
        })
        .collect();
    for (w, c) in widths.iter_mut().zip(columns) {
        if let Some(w) = w {
            let more = c.need.saturating_sub(*w).min(spare);
            *w += more;
            spare -= more;
        }
    }
    let bars: Vec<usize> = (0..columns.len())
        .filter(|&i| shown[i] && columns[i].grow)
        .collect();
    for (k, &i) in bars.iter().enumerate() {
        let share = spare / (bars.len() - k);
        if let Some(w) = &mut widths[i] {
            *w += share;
        }
        spare -= share;
    }
    widths
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

/// Where `text` breaks into lines of at most `cols` display columns (a Chinese character takes
/// two), as byte ranges: anywhere in Chinese, at the last space rather than inside a Latin word
/// when the word is short enough to move to the next line. An empty text is one empty line.
pub fn wrap(text: &str, cols: usize) -> Vec<std::ops::Range<usize>> {
    // A wide character needs two columns, whatever the room.
    let cols = cols.max(2);
    let mut lines = Vec::new();
    let (mut start, mut used) = (0, 0);
    // Just after the last space on the current line.
    let mut space: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        while used + w > cols && i > start {
            let in_word = w == 1 && !c.is_whitespace();
            let cut = match space {
                Some(s) if in_word && s > start && width(&text[s..i]) < cols / 2 => s,
                _ => i,
            };
            lines.push(start..cut);
            start = cut;
            used = width(&text[start..i]);
            space = None;
        }
        used += w;
        if c == ' ' {
            space = Some(i + 1);
        }
    }
    lines.push(start..text.len());
    lines
}

/// Where `needle` occurs in `haystack`, ignoring case (character by character), as byte ranges
/// of `haystack` that do not overlap.
pub fn find_ignoring_case(haystack: &str, needle: &str) -> Vec<std::ops::Range<usize>> {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = haystack.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (mut j, mut k) = (i, 0);
        while k < needle.len() && j < chars.len() {
            let mut lower = chars[j].1.to_lowercase();
            let matched = lower
                .by_ref()
                .zip(needle[k..].iter())
                .take_while(|(a, b)| a == *b)
                .count();
            let len = chars[j].1.to_lowercase().count();
            if matched < len {
                break;
            }
            k += len;
            j += 1;
        }
        if k == needle.len() {
            let end = chars.get(j).map_or(haystack.len(), |&(b, _)| b);
            found.push(chars[i].0..end);
            i = j;
        } else {
            i += 1;
        }
    }
    found
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
    fn columns_get_what_they_need_and_bars_the_rest() {
        let name = Column::cut(20, 8, 2);
        let n = Column::fixed(4);
        let ci = Column::fixed(13).or_drop(1);
        let bar = Column::bar(10).or_drop(3);
        let cols = [name, n, ci, bar];
        // Room for all: the bar takes what is left over.
        assert_eq!(layout(&cols, 60), [Some(20), Some(4), Some(13), Some(20)]);
        // Tighter: the bar goes first, then the name is cut (as little as the room allows),
        // then the interval goes.
        assert_eq!(layout(&cols, 44), [Some(20), Some(4), Some(13), None]);
        assert_eq!(layout(&cols, 38), [Some(19), Some(4), Some(13), None]);
        assert_eq!(layout(&cols, 27), [Some(8), Some(4), Some(13), None]);
        assert_eq!(layout(&cols, 26), [Some(20), Some(4), None, None]);
        assert_eq!(layout(&cols, 20), [Some(15), Some(4), None, None]);
        // Nothing left to give way: the columns keep their least and the table is cut.
        assert_eq!(layout(&cols, 5), [Some(8), Some(4), None, None]);
        // A column cut at priority 0 gives way only when nothing else can.
        let last = [Column::cut(20, 8, 0), Column::fixed(4).or_drop(1)];
        assert_eq!(layout(&last, 20), [Some(20), None]);
        assert_eq!(layout(&last, 12), [Some(12), None]);
        assert_eq!(layout(&[], 10), Vec::<Option<usize>>::new());
        assert_eq!(widest(["非常满意度", "ab"]), 10);
    }

    #[test]
    fn wrapping_counts_columns_and_keeps_latin_words_whole() {
        let lines = |text: &str, cols| -> Vec<String> {
            wrap(text, cols)
                .into_iter()
                .map(|r| text[r].to_string())
                .collect()
        };
        // Chinese breaks anywhere, by columns: four characters in eight.
        assert_eq!(
            lines("加强规划宣传让更多市民了解", 8),
            ["加强规划", "宣传让更", "多市民了", "解"]
        );
        // An odd width leaves a column rather than split a character.
        assert_eq!(lines("加强规划宣传", 5), ["加强", "规划", "宣传"]);
        assert_eq!(
            lines("more bus lines please", 10),
            ["more bus ", "lines ", "please"]
        );
        assert_eq!(lines("停车 parking", 8), ["停车 ", "parking"]);
        assert_eq!(lines("", 10), [""]);
        for r in wrap("公交线路太少，建议增加 bus 到乡镇的班次", 7) {
            assert!(width(&"公交线路太少，建议增加 bus 到乡镇的班次"[r]) <= 7);
        }
        // No room at all still makes progress, a character a line.
        assert_eq!(lines("规划", 0), ["规", "划"]);
    }

    #[test]
    fn search_ignores_case_and_finds_every_occurrence() {
        assert_eq!(
            find_ignoring_case("Bus 公交 bus BUS", "bus"),
            [0..3, 11..14, 15..18]
        );
        assert_eq!(
            find_ignoring_case("增加停车位，停车难", "停车"),
            [6..12, 18..24]
        );
        assert_eq!(find_ignoring_case("ＡＢＣ", "ａｂ").first(), Some(&(0..6)));
        assert!(find_ignoring_case("abc", "").is_empty());
        assert!(find_ignoring_case("ab", "abc").is_empty());
        // Occurrences do not overlap.
        assert_eq!(find_ignoring_case("aaa", "aa").len(), 1);
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
