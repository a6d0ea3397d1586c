//! Hand-written SVG horizontal bar charts of survey shares or scores, with interval whiskers and Chinese labels, for the HTML evaluation report.
//!
//! The output is a self-contained `<svg>` element that can be written to a
//! `.svg` file or inlined into an HTML page. It uses no `<style>` element and
//! no `id` attributes, so several charts inlined into one page cannot leak CSS
//! into the page or collide with each other.
//!
//! All text drawn comes from survey exports and is treated as untrusted: it is
//! cleaned of control characters and XML-escaped. Non-finite numbers never
//! reach the markup; they drop the bar or whisker they belong to.

use crate::i18n::{ChartWords, fill};
use std::fmt::{self, Write};

/// One row of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Row label, e.g. "非常满意" or a dimension name "城镇安全性"; untrusted text.
    pub label: String,
    /// The estimate; for [`Axis::Share`] a proportion in `[0, 1]`.
    pub value: f64,
    /// Lower interval bound; NaN when there is no interval (no whisker is drawn).
    pub low: f64,
    /// Upper interval bound; NaN when there is no interval.
    pub high: f64,
    /// Shown after the formatted value, e.g. "23.51%（67）".
    pub count: Option<u64>,
    /// Draw with a stronger fill (e.g. positive levels, or the outlying group).
    pub highlight: bool,
}

/// What the horizontal axis measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Axis {
    /// Proportions drawn on 0–100%, labelled like "23.51%".
    Share,
    /// Scores in their own units, labelled like "83.47".
    Score { min: f64, max: f64 },
}

/// A complete chart description.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// E.g. "q4 您对阳泉市国土空间总体规划的了解程度".
    pub title: String,
    /// E.g. "n = 285；Wilson 95% 置信区间".
    pub subtitle: String,
    pub bars: Vec<Bar>,
    pub axis: Axis,
    /// An indicator target, drawn as a dashed vertical line in axis units
    /// (a proportion for [`Axis::Share`]).
    pub target: Option<f64>,
    /// Label of the target line, e.g. "目标 90%"; when empty a label is made
    /// from the formatted target value.
    pub target_label: String,
    /// The chart's own words, in the report's language.
    pub words: &'static ChartWords,
}

// ---- Layout constants (px). The width is fixed so charts line up in the report;
// the height follows from the number of rows.
const WIDTH: f64 = 720.0;
const MARGIN: f64 = 16.0;
const GAP: f64 = 10.0;
const TITLE_FS: f64 = 16.0;
const SUBTITLE_FS: f64 = 12.0;
const LABEL_FS: f64 = 13.0;
const VALUE_FS: f64 = 12.0;
const TICK_FS: f64 = 11.0;
const ROW_H: f64 = 28.0;
const BAR_H: f64 = 16.0;
const CAP_H: f64 = 8.0;
/// Rows of labels narrower than this still get a column, so short labels do
/// not glue the bars to the left margin.
const LABEL_MIN_W: f64 = 24.0;
/// Beyond this, labels are truncated with "…" (about 18 CJK characters) so the
/// plot keeps a usable width.
const LABEL_MAX_W: f64 = 240.0;
/// The value column normally fits "100.00%（12345）"; absurd values may spill
/// past it rather than squeeze the plot.
const VALUE_MAX_W: f64 = 180.0;
/// Target labels sit in their own strip above the first row.
const TARGET_STRIP_H: f64 = 16.0;

const FONT_FAMILY: &str =
    r#""PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif"#;

// ---- Colours. Normal and highlighted bars differ mostly in lightness, so
// they stay distinguishable when printed in greyscale; the target line is
// also dashed for the same reason.
const BACKGROUND: &str = "#ffffff";
const TEXT: &str = "#222222";
const MUTED_TEXT: &str = "#555555";
const TICK_TEXT: &str = "#666666";
const GRID: &str = "#e2e2e2";
const BASELINE: &str = "#8c8c8c";
const BAR_FILL: &str = "#a9c3db";
const BAR_HIGHLIGHT_FILL: &str = "#2c5f8d";
const WHISKER: &str = "#1a1a1a";
const TARGET: &str = "#b03a2e";

/// Renders `chart` as a standalone SVG document (no XML declaration, so the
/// same string can be inlined into HTML).
pub fn render(chart: &Chart) -> String {
    let mut out = String::with_capacity(2048 + chart.bars.len() * 900);
    // `fmt::Write` for `String` never fails, so the result carries no information.
    let _ = write_chart(&mut out, chart);
    out
}

/// A bar prepared for drawing: cleaned and fitted label, formatted value text.
struct Row<'a> {
    bar: &'a Bar,
    full_label: String,
    shown_label: String,
    truncated: bool,
    value_text: String,
}

fn write_chart(out: &mut String, chart: &Chart) -> fmt::Result {
    let scale_domain = Domain::of(chart);

    let title = clean(&chart.title);
    let subtitle = clean(&chart.subtitle);
    let text_max_w = WIDTH - 2.0 * MARGIN;

    // Label column: as wide as the longest label, within [LABEL_MIN_W, LABEL_MAX_W].
    let rows: Vec<Row> = chart
        .bars
        .iter()
        .map(|bar| {
            let full_label = clean(&bar.label);
            let (shown_label, truncated) = fit(&full_label, LABEL_MAX_W, LABEL_FS);
            let mut value_text = scale_domain.fmt_value(bar.value);
            if let Some(n) = bar.count {
                let _ = write!(value_text, "（{n}）");
            }
            Row {
                bar,
                full_label,
                shown_label,
                truncated,
                value_text,
            }
        })
        .collect();
    let label_w = rows
        .iter()
        .map(|r| text_width(&r.shown_label, LABEL_FS))
        .fold(LABEL_MIN_W, f64::max)
        .min(LABEL_MAX_W);
    let value_w = rows
        .iter()
        .map(|r| text_width(&r.value_text, VALUE_FS))
        .fold(text_width("100.00%", VALUE_FS), f64::max)
        .min(VALUE_MAX_W);
    let x0 = MARGIN + label_w + GAP;
    let x1 = WIDTH - MARGIN - value_w - GAP;
    let scale = Scale {
        d: scale_domain,
        x0,
        x1,
    };

    // Vertical layout.
    let title_y = 26.0;
    let mut header_bottom = 34.0;
    let subtitle_y = 46.0;
    if !subtitle.is_empty() {
        header_bottom = 54.0;
    }
    let target = chart.target.filter(|t| t.is_finite());
    let plot_top = header_bottom
        + 10.0
        + if target.is_some() {
            TARGET_STRIP_H
        } else {
            0.0
        };
    let plot_bottom = plot_top + rows.len() as f64 * ROW_H;
    let height = if rows.is_empty() {
        header_bottom + 40.0
    } else {
        plot_bottom + 30.0
    };

    let aria = if title.is_empty() {
        chart.words.untitled
    } else {
        &title
    };
    write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{a}" lang="zh-CN" xml:lang="zh-CN" font-family="{f}">"#,
        w = Num(WIDTH),
        h = Num(height),
        a = Esc(aria),
        f = Esc(FONT_FAMILY),
    )?;
    write!(out, "<title>{}</title>", Esc(aria))?;
    if !subtitle.is_empty() {
        write!(out, "<desc>{}</desc>", Esc(&subtitle))?;
    }
    // An opaque background keeps the chart readable on dark pages and in print.
    write!(
        out,
        r#"<rect class="background" x="0" y="0" width="{}" height="{}" fill="{BACKGROUND}"/>"#,
        Num(WIDTH),
        Num(height)
    )?;

    let (shown_title, title_cut) = fit(&title, text_max_w, TITLE_FS);
    write_text(
        out,
        TextSpec {
            class: "title",
            x: MARGIN,
            y: title_y,
            size: TITLE_FS,
            anchor: "start",
            fill: TEXT,
            bold: true,
        },
        &shown_title,
        title_cut.then_some(title.as_str()),
    )?;
    if !subtitle.is_empty() {
        let (shown, cut) = fit(&subtitle, text_max_w, SUBTITLE_FS);
        write_text(
            out,
            TextSpec {
                class: "subtitle",
                x: MARGIN,
                y: subtitle_y,
                size: SUBTITLE_FS,
                anchor: "start",
                fill: MUTED_TEXT,
                bold: false,
            },
            &shown,
            cut.then_some(subtitle.as_str()),
        )?;
    }

    if rows.is_empty() {
        write_text(
            out,
            TextSpec {
                class: "empty",
                x: WIDTH / 2.0,
                y: header_bottom + 24.0,
                size: LABEL_FS,
                anchor: "middle",
                fill: MUTED_TEXT,
                bold: false,
            },
            chart.words.no_data,
            None,
        )?;
        return out.write_str("</svg>");
    }

    write_grid(out, &scale, plot_top, plot_bottom)?;
    for (i, row) in rows.iter().enumerate() {
        write_row(out, &scale, row, plot_top + i as f64 * ROW_H, chart.words)?;
    }
    if let Some(t) = target {
        write_target(out, &scale, chart, t, plot_top, plot_bottom)?;
    }
    out.write_str("</svg>")
}

fn write_grid(out: &mut String, scale: &Scale, top: f64, bottom: f64) -> fmt::Result {
    out.write_str(r#"<g class="grid">"#)?;
    let base = scale.d.baseline();
    for t in scale.d.ticks() {
        let x = scale.x(t);
        // The baseline is where bars start, so it is drawn darker than gridlines.
        let (class, stroke) = if t == base {
            ("baseline", BASELINE)
        } else {
            ("gridline", GRID)
        };
        write!(
            out,
            r#"<line class="{class}" x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" stroke="{stroke}" stroke-width="1"/>"#,
            x = Num(x),
            y1 = Num(top - 4.0),
            y2 = Num(bottom),
        )?;
        write_text(
            out,
            TextSpec {
                class: "tick",
                x,
                y: bottom + 16.0,
                size: TICK_FS,
                anchor: "middle",
                fill: TICK_TEXT,
                bold: false,
            },
            &scale.d.fmt_tick(t),
            None,
        )?;
    }
    // A baseline inside the axis (e.g. 0 on a -100..100 score axis) is not a tick.
    if !scale.d.ticks().contains(&base) {
        write!(
            out,
            r#"<line class="baseline" x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" stroke="{BASELINE}" stroke-width="1"/>"#,
            x = Num(scale.x(base)),
            y1 = Num(top - 4.0),
            y2 = Num(bottom),
        )?;
    }
    out.write_str("</g>")
}

fn write_row(
    out: &mut String,
    scale: &Scale,
    row: &Row,
    top: f64,
    words: &ChartWords,
) -> fmt::Result {
    let cy = top + ROW_H / 2.0;
    // Baseline offset that centres CJK glyphs on `cy` without relying on
    // `dominant-baseline`, which some converters ignore.
    let text_y = |size: f64| cy + size * 0.36;
    out.write_str(r#"<g class="row">"#)?;
    write_text(
        out,
        TextSpec {
            class: "label",
            x: scale.x0 - GAP,
            y: text_y(LABEL_FS),
            size: LABEL_FS,
            anchor: "end",
            fill: TEXT,
            bold: false,
        },
        &row.shown_label,
        row.truncated.then_some(row.full_label.as_str()),
    )?;

    let bar = row.bar;
    if bar.value.is_finite() {
        let xb = scale.x(scale.d.baseline());
        let xv = scale.x(bar.value);
        let fill = if bar.highlight {
            BAR_HIGHLIGHT_FILL
        } else {
            BAR_FILL
        };
        write!(
            out,
            r#"<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="{fill}"/>"#,
            Num(xb.min(xv)),
            Num(cy - BAR_H / 2.0),
            Num((xv - xb).abs()),
            Num(BAR_H),
        )?;
    }

    if bar.low.is_finite() && bar.high.is_finite() {
        write_whisker(
            out,
            scale,
            (bar.low.min(bar.high), bar.low.max(bar.high)),
            cy,
            words,
        )?;
    }

    write_text(
        out,
        TextSpec {
            class: "value",
            x: scale.x1 + GAP,
            y: text_y(VALUE_FS),
            size: VALUE_FS,
            anchor: "start",
            fill: TEXT,
            bold: false,
        },
        &row.value_text,
        None,
    )?;
    out.write_str("</g>")
}

/// Interval whisker: a line from `low` to `high` with end caps. An end that
/// had to be clamped to the axis gets no cap, signalling that the interval
/// continues beyond the chart. A white halo keeps the dark whisker visible
/// over the dark highlighted bars.
fn write_whisker(
    out: &mut String,
    scale: &Scale,
    (low, high): (f64, f64),
    cy: f64,
    words: &ChartWords,
) -> fmt::Result {
    let (a, b) = (scale.x(low), scale.x(high));
    let (ct, cb) = (Num(cy - CAP_H / 2.0), Num(cy + CAP_H / 2.0));
    let mut caps = String::new();
    if scale.d.contains(low) {
        write!(caps, "M{} {ct}V{cb}", Num(a))?;
    }
    if scale.d.contains(high) {
        write!(caps, "M{} {ct}V{cb}", Num(b))?;
    }
    let hover = fill(
        words.interval,
        &[&scale.d.fmt_value(low), &scale.d.fmt_value(high)],
    );
    write!(out, r#"<g class="interval"><title>{}</title>"#, Esc(&hover))?;
    write!(
        out,
        r##"<path class="whisker-halo" d="M{a} {y}H{b}{caps}" fill="none" stroke="#ffffff" stroke-width="4" stroke-opacity="0.85"/>"##,
        a = Num(a),
        b = Num(b),
        y = Num(cy),
    )?;
    write!(
        out,
        r#"<line class="whisker" x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{WHISKER}" stroke-width="1.5"/>"#,
        Num(a),
        Num(b),
        y = Num(cy),
    )?;
    if !caps.is_empty() {
        write!(
            out,
            r#"<path class="whisker-cap" d="{caps}" fill="none" stroke="{WHISKER}" stroke-width="1.5"/>"#
        )?;
    }
    out.write_str("</g>")
}

fn write_target(
    out: &mut String,
    scale: &Scale,
    chart: &Chart,
    t: f64,
    top: f64,
    bottom: f64,
) -> fmt::Result {
    let x = scale.x(t);
    let mut label = clean(&chart.target_label);
    if label.is_empty() {
        label = fill(chart.words.target, &[&scale.d.fmt_value(t)]);
    }
    let (shown, cut) = fit(&label, scale.x1 - scale.x0, TICK_FS);
    // Centre the label on the line but keep it inside the canvas.
    let half = text_width(&shown, TICK_FS) / 2.0;
    let lx = x.clamp(MARGIN + half, (WIDTH - MARGIN - half).max(MARGIN + half));
    out.write_str(r#"<g class="target">"#)?;
    write!(
        out,
        r#"<line class="target" x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="5 3"/>"#,
        x = Num(x),
        y1 = Num(top - 4.0),
        y2 = Num(bottom),
    )?;
    write_text(
        out,
        TextSpec {
            class: "target-label",
            x: lx,
            y: top - 7.0,
            size: TICK_FS,
            anchor: "middle",
            fill: TARGET,
            bold: false,
        },
        &shown,
        cut.then_some(label.as_str()),
    )?;
    out.write_str("</g>")
}

struct TextSpec {
    class: &'static str,
    x: f64,
    y: f64,
    size: f64,
    anchor: &'static str,
    fill: &'static str,
    bold: bool,
}

/// Writes a `<text>`; `hover` (the untruncated text) becomes a `<title>`
/// child so browsers show it as a tooltip.
fn write_text(out: &mut String, s: TextSpec, text: &str, hover: Option<&str>) -> fmt::Result {
    write!(
        out,
        r#"<text class="{}" x="{}" y="{}" font-size="{}" text-anchor="{}" fill="{}"{}>{}"#,
        s.class,
        Num(s.x),
        Num(s.y),
        Num(s.size),
        s.anchor,
        s.fill,
        if s.bold { r#" font-weight="bold""# } else { "" },
        Esc(text),
    )?;
    if let Some(h) = hover {
        write!(out, "<title>{}</title>", Esc(h))?;
    }
    out.write_str("</text>")
}

// ---- Scales

/// The data range the axis spans, and how its numbers are printed.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Domain {
    lo: f64,
    hi: f64,
    share: bool,
}

impl Domain {
    fn of(chart: &Chart) -> Domain {
        match chart.axis {
            Axis::Share => Domain {
                lo: 0.0,
                hi: 1.0,
                share: true,
            },
            Axis::Score { min, max } => {
                let (lo, hi) = if valid_range(min, max) {
                    (min, max)
                } else {
                    score_fallback(chart)
                };
                Domain {
                    lo,
                    hi,
                    share: false,
                }
            }
        }
    }

    /// Bars grow from zero when zero is on the axis, else from the axis start.
    fn baseline(&self) -> f64 {
        if self.lo <= 0.0 && 0.0 <= self.hi {
            0.0
        } else {
            self.lo
        }
    }

    fn ticks(&self) -> [f64; 5] {
        let step = (self.hi - self.lo) / 4.0;
        // The last tick is set exactly so float steps cannot miss the axis end.
        [
            self.lo,
            self.lo + step,
            self.lo + 2.0 * step,
            self.lo + 3.0 * step,
            self.hi,
        ]
    }

    fn contains(&self, v: f64) -> bool {
        self.lo <= v && v <= self.hi
    }

    /// Value text as reports print it: "23.51%" or "83.47".
    fn fmt_value(&self, v: f64) -> String {
        if self.share {
            match fixed2(v * 100.0) {
                Some(s) => s + "%",
                None => "—".to_owned(),
            }
        } else {
            fixed2(v).unwrap_or_else(|| "—".to_owned())
        }
    }

    /// Tick labels drop trailing zeros: "25%", "2.5".
    fn fmt_tick(&self, v: f64) -> String {
        if self.share {
            format!("{}%", Num(v * 100.0))
        } else {
            Num(v).to_string()
        }
    }
}

fn valid_range(lo: f64, hi: f64) -> bool {
    lo.is_finite() && hi.is_finite() && hi > lo && (hi - lo).is_finite()
}

/// An invalid score axis (NaN, infinite or empty range) falls back to a range
/// covering zero and every finite number the chart draws, so the chart still
/// renders instead of failing the whole report.
fn score_fallback(chart: &Chart) -> (f64, f64) {
    let nums = chart
        .bars
        .iter()
        .flat_map(|b| [b.value, b.low, b.high])
        .chain(chart.target)
        .filter(|v| v.is_finite());
    let (mut lo, mut hi) = nums.fold((0.0_f64, 0.0_f64), |(l, h), v| (l.min(v), h.max(v)));
    if hi <= lo {
        hi = lo + 1.0;
    }
    if !valid_range(lo, hi) {
        (lo, hi) = (0.0, 100.0);
    }
    (lo, hi)
}

/// Maps axis values to x pixels between `x0` and `x1`.
struct Scale {
    d: Domain,
    x0: f64,
    x1: f64,
}

impl Scale {
    /// Values outside the axis are clamped for drawing; callers print the
    /// true value separately.
    fn x(&self, v: f64) -> f64 {
        if !v.is_finite() {
            return self.x0;
        }
        let v = v.clamp(self.d.lo, self.d.hi);
        self.x0 + (v - self.d.lo) / (self.d.hi - self.d.lo) * (self.x1 - self.x0)
    }
}

// ---- Numbers

/// Two decimals, with "-0.00" folded to "0.00"; `None` for non-finite input
/// so that "NaN"/"inf" can never be printed.
fn fixed2(v: f64) -> Option<String> {
    if !v.is_finite() {
        return None;
    }
    let s = format!("{v:.2}");
    Some(if s == "-0.00" { "0.00".to_owned() } else { s })
}

/// A coordinate or tick number: at most two decimals, trailing zeros dropped,
/// and 0 for non-finite input (a guard; layout code never passes one).
struct Num(f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = fixed2(self.0).unwrap_or_else(|| "0".to_owned());
        let s = s.trim_end_matches('0').trim_end_matches('.');
        f.write_str(if s == "-0" || s.is_empty() { "0" } else { s })
    }
}

// ---- Text

/// Characters that must not reach the markup: C0 controls, DEL and C1
/// controls (`char::is_control` is exactly Cc), the XML-forbidden
/// noncharacters U+FFFE/U+FFFF, and bidi embedding/override/isolate controls,
/// which would let a respondent's label visually reorder the text drawn.
fn is_dropped(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{FFFE}' | '\u{FFFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Cleans untrusted text: line breaks and tabs become spaces, other control
/// characters are removed, runs of ASCII spaces collapse and the ends are
/// trimmed (SVG would collapse them anyway, and width estimates should not
/// count them).
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        let c = match c {
            '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => ' ',
            c if is_dropped(c) => continue,
            c => c,
        };
        if c == ' ' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// XML-escapes all five special characters (in the charts and the Word report's properties); it
/// also drops control characters again, so no caller can produce ill-formed XML by forgetting
/// `clean`.
pub(super) struct Esc<'a>(pub(super) &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&apos;")?,
                c if is_dropped(c) => {}
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}

/// Estimated advance of one character, in em. There is no font metrics at
/// hand, so: CJK ideographs, kana, Hangul, full-width forms and the CJK-style
/// punctuation that Chinese fonts draw full width count 1 em; printable ASCII
/// 0.55 em; combining marks and zero-width characters 0; anything else
/// (other Latin, Greek, Cyrillic…) 0.6 em. Erring wide only wastes space,
/// erring narrow overlaps the bars.
fn char_em(c: char) -> f64 {
    match c as u32 {
        0x0300..=0x036F | 0x200B..=0x200F | 0x20D0..=0x20FF | 0xFE00..=0xFE0F => 0.0,
        0x20..=0x7E => 0.55,
        0x1100..=0x115F
        | 0x2014..=0x2026
        | 0x2E80..=0x303F
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 1.0,
        _ => 0.6,
    }
}

/// Estimated rendered width of `s` in px at font size `size`.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * size
}

/// Fits `s` into `max_w` px, cutting at a character boundary and appending
/// "…" when it is too long. Returns the text to draw and whether it was cut.
fn fit(s: &str, max_w: f64, size: f64) -> (String, bool) {
    if text_width(s, size) <= max_w {
        return (s.to_owned(), false);
    }
    let budget = max_w - char_em('…') * size;
    let mut used = 0.0;
    let mut kept = String::new();
    for c in s.chars() {
        let w = char_em(c) * size;
        if used + w > budget {
            break;
        }
        used += w;
        kept.push(c);
    }
    (format!("{}…", kept.trim_end()), true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::XmlVersion;
    use quick_xml::escape::resolve_predefined_entity;
    use quick_xml::events::{BytesStart, Event};
    use quick_xml::reader::Reader;

    /// One parsed element: name, decoded attributes, the decoded text of its
    /// own text children, and the decoded text of all its descendants.
    #[derive(Debug, Default)]
    struct Elem {
        name: String,
        attrs: Vec<(String, String)>,
        own_text: String,
        all_text: String,
    }

    impl Elem {
        fn attr(&self, key: &str) -> Option<&str> {
            self.attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        }
        fn num(&self, key: &str) -> f64 {
            let v = self
                .attr(key)
                .unwrap_or_else(|| panic!("{} has no {key}: {self:?}", self.name));
            v.parse()
                .unwrap_or_else(|e| panic!("{key}={v:?} is not a number: {e}"))
        }
        fn class(&self) -> &str {
            self.attr("class").unwrap_or("")
        }
    }

    struct Doc {
        elems: Vec<Elem>,
    }

    impl Doc {
        fn by_class(&self, class: &str) -> Vec<&Elem> {
            self.elems.iter().filter(|e| e.class() == class).collect()
        }
        fn root(&self) -> &Elem {
            &self.elems[0]
        }
        /// Decoded text of the whole document.
        fn text(&self) -> &str {
            &self.root().all_text
        }
    }

    fn start_elem(e: &BytesStart) -> Elem {
        let mut attrs = Vec::new();
        // `attributes()` checks duplicates and quoting; `normalized_value`
        // fails on undefined entities.
        for a in e.attributes() {
            let a = a.unwrap_or_else(|err| panic!("bad attribute: {err}"));
            let v = a
                .normalized_value(XmlVersion::Implicit1_0)
                .unwrap_or_else(|err| panic!("bad attribute value: {err}"));
            attrs.push((a.key.as_ref().to_owned(), v.into_owned()));
        }
        Elem {
            name: e.name().as_ref().to_owned(),
            attrs,
            ..Elem::default()
        }
    }

    /// Parses with quick-xml, iterating every event; panics on any error.
    /// quick-xml does not check everything XML 1.0 requires, so this also
    /// checks the Char production, unknown entities, a single root and that
    /// every element is closed.
    fn parse(svg: &str) -> Doc {
        for c in svg.chars() {
            let ok = matches!(c, '\t' | '\n' | '\r')
                || ('\u{20}'..='\u{D7FF}').contains(&c)
                || ('\u{E000}'..='\u{FFFD}').contains(&c)
                || c >= '\u{10000}';
            assert!(ok, "character {c:?} not allowed in XML 1.0");
            assert!(!is_dropped(c), "control character {c:?} in output");
        }
        let mut reader = Reader::from_str(svg);
        reader.config_mut().check_comments = true;
        let mut elems: Vec<Elem> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        let mut roots = 0;
        let push_text = |elems: &mut Vec<Elem>, stack: &[usize], s: &str| {
            assert!(
                !stack.is_empty() || s.trim().is_empty(),
                "text outside root: {s:?}"
            );
            if let Some(&top) = stack.last() {
                elems[top].own_text.push_str(s);
            }
            for &i in stack {
                elems[i].all_text.push_str(s);
            }
        };
        loop {
            let ev = reader
                .read_event()
                .unwrap_or_else(|e| panic!("XML error at {}: {e}", reader.error_position()));
            match ev {
                Event::Start(e) => {
                    if stack.is_empty() {
                        roots += 1;
                    }
                    elems.push(start_elem(&e));
                    stack.push(elems.len() - 1);
                }
                Event::Empty(e) => {
                    if stack.is_empty() {
                        roots += 1;
                    }
                    elems.push(start_elem(&e));
                }
                Event::End(_) => {
                    assert!(stack.pop().is_some(), "unmatched end tag");
                }
                Event::Text(t) => {
                    let s = t.xml10_content().into_owned();
                    push_text(&mut elems, &stack, &s);
                }
                Event::GeneralRef(r) => {
                    let s = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => resolve_predefined_entity(&r)
                            .unwrap_or_else(|| panic!("undefined entity &{};", &*r))
                            .to_owned(),
                        Err(e) => panic!("bad character reference: {e}"),
                    };
                    push_text(&mut elems, &stack, &s);
                }
                Event::CData(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
                Event::DocType(_) => panic!("unexpected DOCTYPE"),
                Event::Eof => break,
            }
        }
        assert!(stack.is_empty(), "unclosed elements at end of document");
        assert_eq!(roots, 1, "exactly one root element");
        assert_eq!(elems[0].name, "svg");
        Doc { elems }
    }

    fn bar(label: &str, value: f64, low: f64, high: f64) -> Bar {
        Bar {
            label: label.to_owned(),
            value,
            low,
            high,
            count: None,
            highlight: false,
        }
    }

    fn q4() -> Chart {
        let mut bars = vec![
            bar("非常了解", 0.2351, 0.1888, 0.2888),
            bar("比较了解", 0.3123, 0.2607, 0.3688),
            bar("一般", 0.2105, 0.1663, 0.2627),
            bar("不太了解", 0.1404, 0.1037, 0.1873),
            bar("完全不了解", 0.1017, 0.0708, 0.1440),
        ];
        for (b, n) in bars.iter_mut().zip([67, 89, 60, 40, 29]) {
            b.count = Some(n);
        }
        bars[0].highlight = true;
        bars[1].highlight = true;
        Chart {
            title: "q4 您对阳泉市国土空间总体规划的了解程度".to_owned(),
            subtitle: "n = 285；Wilson 95% 置信区间".to_owned(),
            bars,
            axis: Axis::Share,
            target: None,
            target_label: String::new(),
            words: &crate::i18n::ZH.report.chart,
        }
    }

    fn with_bars(n: usize) -> Chart {
        let mut c = q4();
        c.bars = (0..n)
            .map(|i| bar(&format!("选项{i}"), 0.1, 0.05, 0.15))
            .collect();
        c
    }

    fn hostile() -> Chart {
        let mut c = q4();
        c.title = "<script>alert('x')</script> & \"标题\"".to_owned();
        c.subtitle = "a\u{1b}[31mred\u{7}\u{0}\u{9f} & <b>".to_owned();
        c.bars = vec![
            bar("<script>alert(1)</script>", 0.5, 0.4, 0.6),
            bar("Tom & Jerry's \"quote\"", 0.3, f64::NAN, f64::NAN),
            bar("\u{1b}[31m红色\u{1b}[0m", 0.2, 0.1, 0.3),
            bar(&"很长的标签".repeat(40), 0.1, 0.05, 0.15),
            bar("]]><!-- --> &amp; &#0; \u{202E}反转", 0.4, 0.3, 0.5),
        ];
        c.target = Some(0.9);
        c.target_label = "目标 <90%> & '更高'".to_owned();
        c
    }

    /// Every numeric attribute must be a finite number.
    fn assert_finite_geometry(doc: &Doc) {
        for e in &doc.elems {
            for (k, v) in &e.attrs {
                if matches!(
                    k.as_str(),
                    "x" | "y" | "x1" | "x2" | "y1" | "y2" | "width" | "height" | "font-size"
                ) {
                    let n: f64 = v.parse().unwrap_or_else(|_| panic!("{k}={v:?}"));
                    assert!(n.is_finite(), "{k}={v}");
                    if k == "width" || k == "height" {
                        assert!(n >= 0.0, "negative {k}={v}");
                    }
                }
            }
            if let Some(vb) = e.attr("viewBox") {
                for part in vb.split(' ') {
                    assert!(
                        part.parse::<f64>().is_ok_and(f64::is_finite),
                        "viewBox {vb}"
                    );
                }
            }
        }
    }

    /// (x of 0, x of the axis end) read from the first and last gridlines.
    fn axis_px(doc: &Doc) -> (f64, f64) {
        let grid: Vec<&Elem> = doc
            .elems
            .iter()
            .filter(|e| e.name == "line" && matches!(e.class(), "gridline" | "baseline"))
            .collect();
        assert_eq!(grid.len(), 5, "five gridlines");
        (grid[0].num("x1"), grid[4].num("x1"))
    }

    fn close(a: f64, b: f64) -> bool {
        // Coordinates are printed with two decimals.
        (a - b).abs() <= 0.006
    }

    #[test]
    fn all_variants_parse_as_xml() {
        let mut nan_bounds = q4();
        for b in &mut nan_bounds.bars {
            b.low = f64::NAN;
            b.high = f64::NAN;
        }
        let mut above_one = q4();
        above_one.bars[0].value = 1.37;
        above_one.bars[0].high = 1.5;
        above_one.bars[1].value = -0.2;
        let mut score = q4();
        score.axis = Axis::Score {
            min: 0.0,
            max: 100.0,
        };
        score.target = Some(90.0);
        score.target_label = "目标 90".to_owned();
        for (i, b) in score.bars.iter_mut().enumerate() {
            b.value = 83.47 - i as f64 * 7.0;
            b.low = b.value - 3.0;
            b.high = b.value + 3.0;
        }
        let mut bad_axis = score.clone();
        bad_axis.axis = Axis::Score {
            min: f64::NAN,
            max: f64::INFINITY,
        };
        let mut non_finite = q4();
        non_finite.bars[0].value = f64::NAN;
        non_finite.bars[1].value = f64::INFINITY;
        non_finite.bars[2].low = f64::NEG_INFINITY;
        non_finite.bars[3].high = f64::INFINITY;
        non_finite.bars[4].value = f64::MAX;
        non_finite.target = Some(f64::NAN);
        let charts = [
            q4(),
            with_bars(0),
            with_bars(1),
            hostile(),
            nan_bounds,
            above_one,
            score,
            bad_axis,
            non_finite,
        ];
        for chart in &charts {
            let svg = render(chart);
            let doc = parse(&svg);
            assert_finite_geometry(&doc);
            assert!(!svg.contains("NaN"), "{svg}");
            assert!(!svg.to_ascii_lowercase().contains("inf"), "{svg}");
            let root = doc.root();
            assert_eq!(root.attr("xmlns"), Some("http://www.w3.org/2000/svg"));
            assert_eq!(root.attr("role"), Some("img"));
            assert!(root.attr("viewBox").is_some());
            assert_eq!(root.attr("aria-label"), Some(clean(&chart.title).as_str()));
            assert!(
                root.attr("font-family")
                    .is_some_and(|f| f.starts_with("\"PingFang SC\",\"Microsoft YaHei\"")
                        && f.ends_with("sans-serif"))
            );
            // The first child is the accessible <title>.
            assert_eq!(doc.elems[1].name, "title");
            assert_eq!(doc.elems[1].all_text, clean(&chart.title));
        }
    }

    #[test]
    fn labels_values_and_title_appear_in_decoded_text() {
        let chart = q4();
        let doc = parse(&render(&chart));
        let text = doc.text();
        for l in ["非常了解", "比较了解", "一般", "不太了解", "完全不了解"] {
            assert!(text.contains(l), "{l} missing");
        }
        assert!(text.contains("q4 您对阳泉市国土空间总体规划的了解程度"));
        assert!(text.contains("n = 285；Wilson 95% 置信区间"));
        let values: Vec<&str> = doc
            .by_class("value")
            .iter()
            .map(|e| e.own_text.as_str())
            .collect();
        assert_eq!(
            values,
            [
                "23.51%（67）",
                "31.23%（89）",
                "21.05%（60）",
                "14.04%（40）",
                "10.17%（29）"
            ]
        );
        let ticks: Vec<&str> = doc
            .by_class("tick")
            .iter()
            .map(|e| e.own_text.as_str())
            .collect();
        assert_eq!(ticks, ["0%", "25%", "50%", "75%", "100%"]);
    }

    #[test]
    fn hostile_text_is_escaped_and_cleaned() {
        let chart = hostile();
        let svg = render(&chart);
        let doc = parse(&svg);
        // Markup in labels stays text: no element other than our own.
        for e in &doc.elems {
            assert!(
                matches!(
                    e.name.as_str(),
                    "svg" | "title" | "desc" | "rect" | "text" | "g" | "line" | "path"
                ),
                "unexpected element {}",
                e.name
            );
        }
        let labels: Vec<&str> = doc
            .by_class("label")
            .iter()
            .map(|e| e.own_text.as_str())
            .collect();
        assert_eq!(labels[0], "<script>alert(1)</script>");
        assert_eq!(labels[1], "Tom & Jerry's \"quote\"");
        assert_eq!(labels[2], "[31m红色[0m");
        assert_eq!(labels[4], "]]><!-- --> &amp; &#0; 反转");
        // The very long label is truncated with an ellipsis and its full text
        // kept in a <title> child.
        let long = doc.by_class("label")[3];
        assert!(long.own_text.ends_with('…'));
        assert!(text_width(&long.own_text, LABEL_FS) <= LABEL_MAX_W);
        assert!(long.all_text.contains(&"很长的标签".repeat(40)));
        assert_eq!(
            doc.root().attr("aria-label"),
            Some("<script>alert('x')</script> & \"标题\"")
        );
        assert!(doc.text().contains("a[31mred & <b>"));
        assert!(doc.text().contains("目标 <90%> & '更高'"));
        // All five specials are escaped in the raw markup.
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.contains("Tom &amp; Jerry&apos;s &quot;quote&quot;"));
        assert!(!svg.contains('\u{1b}'));
    }

    #[test]
    fn whisker_matches_bar_scale() {
        let mut chart = q4();
        chart.bars = vec![bar("非常满意", 0.25, 0.2, 0.3)];
        let doc = parse(&render(&chart));
        let (zero, full) = axis_px(&doc);
        // Fixed width: the axis ends a value column plus gaps before 720 px.
        let value_w = text_width("100.00%", VALUE_FS);
        assert!(close(full, WIDTH - MARGIN - value_w - GAP));
        let label_w = text_width("非常满意", LABEL_FS);
        assert!(close(zero, MARGIN + label_w + GAP));
        let px = |v: f64| zero + v * (full - zero);

        let whiskers = doc.by_class("whisker");
        assert_eq!(whiskers.len(), 1);
        let w = whiskers[0];
        assert!(
            close(w.num("x1"), px(0.2)),
            "x1={} want {}",
            w.num("x1"),
            px(0.2)
        );
        assert!(
            close(w.num("x2"), px(0.3)),
            "x2={} want {}",
            w.num("x2"),
            px(0.3)
        );
        assert_eq!(w.num("y1"), w.num("y2"));

        let b = doc.by_class("bar")[0];
        assert!(close(b.num("x"), zero));
        assert!(close(b.num("width"), 0.25 * (full - zero)));
        // The whisker is vertically centred on its bar.
        assert!(close(w.num("y1"), b.num("y") + b.num("height") / 2.0));
        // Both ends are inside the axis, so both get caps.
        let caps = doc.by_class("whisker-cap")[0].attr("d").unwrap_or("");
        assert_eq!(caps.matches('M').count(), 2);
    }

    #[test]
    fn nan_bounds_draw_no_whisker_and_clamped_values_keep_true_text() {
        let mut chart = q4();
        chart.bars = vec![
            bar("无区间", 0.4, f64::NAN, f64::NAN),
            bar("超出", 1.2, 1.1, 1.3),
            bar("半区间", 0.3, 0.2, f64::NAN),
            bar("无值", f64::NAN, 0.1, 0.2),
        ];
        let doc = parse(&render(&chart));
        let (zero, full) = axis_px(&doc);
        // Only the second and fourth rows have finite bounds.
        let whiskers = doc.by_class("whisker");
        assert_eq!(whiskers.len(), 2);
        // 1.1–1.3 lies beyond the axis: clamped to its end, no caps.
        assert!(close(whiskers[0].num("x1"), full) && close(whiskers[0].num("x2"), full));
        assert_eq!(doc.by_class("whisker-cap").len(), 1);
        // The NaN-valued row has no bar; the 120% bar stops at the axis end.
        let bars = doc.by_class("bar");
        assert_eq!(bars.len(), 3);
        assert!(close(bars[1].num("x") + bars[1].num("width"), full));
        assert!(close(bars[1].num("x"), zero));
        let values: Vec<&str> = doc
            .by_class("value")
            .iter()
            .map(|e| e.own_text.as_str())
            .collect();
        assert_eq!(values, ["40.00%", "120.00%", "30.00%", "—"]);
    }

    #[test]
    fn bars_keep_input_order_and_height_grows() {
        let chart = q4();
        let doc = parse(&render(&chart));
        let labels: Vec<&str> = doc
            .by_class("label")
            .iter()
            .map(|e| e.own_text.as_str())
            .collect();
        let want: Vec<&str> = chart.bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, want);
        let ys: Vec<f64> = doc.by_class("bar").iter().map(|b| b.num("y")).collect();
        assert!(ys.windows(2).all(|w| w[0] < w[1]), "{ys:?}");
        // Widths follow the input values, not a sorted order.
        let widths: Vec<f64> = doc.by_class("bar").iter().map(|b| b.num("width")).collect();
        assert!(widths[1] > widths[0] && widths[0] > widths[2]);

        let heights: Vec<f64> = [0, 1, 2, 5, 12]
            .into_iter()
            .map(|n| {
                let doc = parse(&render(&with_bars(n)));
                let h = doc.root().num("height");
                assert_eq!(
                    doc.root().attr("viewBox"),
                    Some(format!("0 0 720 {}", Num(h)).as_str())
                );
                assert_eq!(doc.root().num("width"), WIDTH);
                h
            })
            .collect();
        assert!(heights.windows(2).all(|w| w[0] < w[1]), "{heights:?}");
        // Each extra row adds the same height.
        assert!(close(heights[2] - heights[1], ROW_H));
    }

    #[test]
    fn empty_chart_has_title_and_no_bars() {
        let doc = parse(&render(&with_bars(0)));
        assert!(
            doc.text()
                .contains("q4 您对阳泉市国土空间总体规划的了解程度")
        );
        assert!(doc.text().contains("无数据"));
        assert!(doc.by_class("bar").is_empty());
        assert!(doc.by_class("gridline").is_empty());
    }

    #[test]
    fn target_line_only_when_some() {
        let mut chart = q4();
        let none = parse(&render(&chart));
        assert!(none.elems.iter().all(|e| e.class() != "target"));
        assert!(!none.text().contains("目标"));

        chart.target = Some(0.9);
        chart.target_label = "目标 90%".to_owned();
        let some = parse(&render(&chart));
        let lines: Vec<&Elem> = some
            .elems
            .iter()
            .filter(|e| e.name == "line" && e.class() == "target")
            .collect();
        assert_eq!(lines.len(), 1);
        assert!(lines[0].attr("stroke-dasharray").is_some());
        let (zero, full) = axis_px(&some);
        assert!(close(lines[0].num("x1"), zero + 0.9 * (full - zero)));
        assert_eq!(lines[0].num("x1"), lines[0].num("x2"));
        assert_eq!(some.by_class("target-label")[0].own_text, "目标 90%");
        // Room is made for the label above the plot.
        assert!(some.root().num("height") > none.root().num("height"));

        // Without a label one is made from the value; NaN draws nothing.
        chart.target_label = String::new();
        let auto = parse(&render(&chart));
        assert_eq!(auto.by_class("target-label")[0].own_text, "目标 90.00%");
        chart.target = Some(f64::NAN);
        let nan = parse(&render(&chart));
        assert!(nan.elems.iter().all(|e| e.class() != "target"));
    }

    #[test]
    fn score_axis_ticks_and_values() {
        let mut chart = q4();
        chart.axis = Axis::Score {
            min: 0.0,
            max: 100.0,
        };
        chart.bars = vec![bar("城镇安全性", 83.4666, 80.0, 86.9)];
        let doc = parse(&render(&chart));
        assert_eq!(doc.by_class("value")[0].own_text, "83.47");
        let ticks: Vec<&str> = doc
            .by_class("tick")
            .iter()
            .map(|e| e.own_text.as_str())
            .collect();
        assert_eq!(ticks, ["0", "25", "50", "75", "100"]);
        let (zero, full) = axis_px(&doc);
        let w = doc.by_class("whisker")[0];
        assert!(close(w.num("x1"), zero + 0.8 * (full - zero)));
        assert!(close(w.num("x2"), zero + 0.869 * (full - zero)));

        // An unusable axis falls back to a range covering the data.
        chart.axis = Axis::Score { min: 5.0, max: 5.0 };
        let doc = parse(&render(&chart));
        let ticks: Vec<String> = doc
            .by_class("tick")
            .iter()
            .map(|e| e.own_text.clone())
            .collect();
        assert_eq!(ticks.first().map(String::as_str), Some("0"));
        assert_eq!(ticks.last().map(String::as_str), Some("86.9"));
    }

    #[test]
    fn highlight_is_darker_in_greyscale() {
        let doc = parse(&render(&q4()));
        let fills: Vec<&str> = doc
            .by_class("bar")
            .iter()
            .map(|b| b.attr("fill").unwrap_or(""))
            .collect();
        assert_eq!(fills[0], BAR_HIGHLIGHT_FILL);
        assert_eq!(fills[2], BAR_FILL);
        let luma = |hex: &str| {
            let c =
                |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
            0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
        };
        assert!(luma(BAR_FILL) - luma(BAR_HIGHLIGHT_FILL) > 0.35);
    }

    #[test]
    fn text_width_estimate() {
        assert_eq!(text_width("非常满意", 10.0), 40.0);
        assert_eq!(text_width("（）", 10.0), 20.0);
        assert!((text_width("ab 1", 10.0) - 22.0).abs() < 1e-9);
        assert!((text_width("n = 285；", 10.0) - (7.0 * 5.5 + 10.0)).abs() < 1e-9);
        // Label column follows the longest label.
        let mut chart = q4();
        chart.bars = vec![
            bar("短", 0.1, 0.0, 0.2),
            bar("这是一个较长的标签", 0.1, 0.0, 0.2),
        ];
        let doc = parse(&render(&chart));
        let (zero, _) = axis_px(&doc);
        assert!(close(zero, MARGIN + 9.0 * LABEL_FS + GAP));
    }

    #[test]
    fn fit_and_clean() {
        assert_eq!(fit("非常满意", 100.0, 10.0), ("非常满意".to_owned(), false));
        let (s, cut) = fit("一二三四五六七八九十", 50.0, 10.0);
        assert!(cut);
        assert_eq!(s, "一二三四…");
        assert_eq!(
            clean("  a\tb\n\nc \u{1b}[0m\u{7f}\u{85}d\u{9f} "),
            "a b c [0m d"
        );
        assert_eq!(clean("\u{0}\u{1f}"), "");
        assert_eq!(Esc("&<>\"'").to_string(), "&amp;&lt;&gt;&quot;&apos;");
    }

    #[test]
    fn number_formatting() {
        let share = Domain {
            lo: 0.0,
            hi: 1.0,
            share: true,
        };
        assert_eq!(share.fmt_value(0.2351), "23.51%");
        assert_eq!(share.fmt_value(1.0), "100.00%");
        assert_eq!(share.fmt_value(-0.00001), "0.00%");
        assert_eq!(share.fmt_value(f64::NAN), "—");
        assert_eq!(share.fmt_value(f64::MAX), "—");
        let score = Domain {
            lo: 0.0,
            hi: 100.0,
            share: false,
        };
        assert_eq!(score.fmt_value(83.4666), "83.47");
        assert_eq!(score.fmt_value(f64::NEG_INFINITY), "—");
        assert_eq!(Num(12.5).to_string(), "12.5");
        assert_eq!(Num(-0.001).to_string(), "0");
        assert_eq!(Num(f64::NAN).to_string(), "0");
    }
}
