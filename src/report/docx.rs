//! The report as a Word document (`report.docx`): the same blocks as the Markdown report, set
//! the way Chinese evaluation reports are — A4, 宋体 body and 黑体 headings, numbered captions
//! above tables and below figures, bordered native tables whose header row repeats on each page,
//! and the charts as PNG pictures fitted to the text width.
//!
//! Written with `docx-rs`: the maintained pure-Rust Word writer, with native tables, paragraph
//! styles (so headings are real Word headings that the navigation pane and a table of contents
//! see) and inline PNG pictures whose size we give ourselves (`Pic::new_with_dimensions`), so its
//! default `image` feature, and the `image` crate with its decoders, stay out of the build.
//! The one thing it cannot say, a repeated table header row, is added to its XML before packing.
//!
//! Fonts are named as a Chinese Word or WPS installation has them (宋体, 黑体, Times New Roman),
//! for both the Latin and the East Asian slots; elsewhere the reader substitutes its own CJK font.

use crate::i18n::Lang;
use crate::report::blocks::{Block, Figure, Span, Table};
use crate::report::raster;
use crate::text::visible;
use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, FooterReference, LineSpacing, LineSpacingType,
    PageMargin, PageNum, PageOrientationType, PageSize, Paragraph, Pic, Run, RunFonts,
    SectionProperty, Shading, SpecialIndentType, Style, StyleType, TableAlignmentType, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableRow, VAlignType,
    WidthType,
};
use std::fmt::Write;
use std::io::Cursor;
use unicode_width::UnicodeWidthChar;

// Units: lengths in twips (1/20 pt), font sizes in half-points, pictures in EMU.

/// A4 portrait.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
/// Word's own margins for a Chinese A4 page: 2.54 cm top and bottom, 3.17 cm left and right.
const MARGIN_TOP: i32 = 1440;
const MARGIN_SIDE: i32 = 1800;
/// The text width, 14.65 cm.
const TEXT_WIDTH: i32 = PAGE_WIDTH as i32 - 2 * MARGIN_SIDE;
/// A landscape page, for a table whose figures cannot fit across a portrait one (an indicator
/// table of 13 columns): the same margins turned with the page, 24.6 cm of text.
const LANDSCAPE_TEXT_WIDTH: i32 = PAGE_HEIGHT as i32 - 2 * MARGIN_TOP;
const TEXT_HEIGHT: i32 = PAGE_HEIGHT as i32 - 2 * MARGIN_TOP;
const EMU_PER_TWIP: f64 = 635.0;
/// One CSS pixel (1/96 inch) in EMU.
const EMU_PER_PX: f64 = 9525.0;

const SONG: &str = "宋体";
const HEI: &str = "黑体";
const LATIN: &str = "Times New Roman";

/// 小四 (12 pt) for the body, 五号 (10.5 pt) in tables, captions and notes.
const BODY_SIZE: usize = 24;
const SMALL_SIZE: usize = 21;
/// Two characters of the body size: the first-line indent of a Chinese paragraph, and the
/// indent of each list level.
const INDENT: i32 = 480;

const HEADER_FILL: &str = "F2F2F2";
const QUOTE_COLOR: &str = "595959";
const BORDER_COLOR: &str = "000000";

/// Writes the blocks as a `.docx` file. `charts` gives the SVG text of a figure's chart path;
/// a figure whose chart it does not know, or whose SVG cannot be drawn, is an error (a figure
/// silently missing would leave a gap in the 图 numbering), and so is a document that cannot be
/// packed. Error texts are short and technical: the caller says what failed in the user's
/// language. `written_at` (`2026-12-01T09:30:00Z`) is the document's creation and modification
/// time in its properties, which Word shows (docx-rs would write 1970-01-01).
pub fn render(
    blocks: &[Block],
    charts: &dyn Fn(&str) -> Option<String>,
    written_at: &str,
    lang: Lang,
) -> Result<Vec<u8>, String> {
    let mut doc = styled(Docx::new(), lang)
        .created_at(written_at)
        .updated_at(written_at)
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(page_margin())
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .style("Footer")
                    .add_page_num(PageNum::new()),
            ),
        );
    let mut pictures = 0;
    // Where each landscape page starts: at a wide table, or at the headings just before it, so
    // that a heading is never left alone at the foot of the portrait page.
    let mut opens_landscape = vec![false; blocks.len()];
    for (i, b) in blocks.iter().enumerate() {
        if let Block::Table(t) = b
            && is_wide(t)
        {
            let mut start = i;
            while start > 0 && matches!(blocks[start - 1], Block::Heading { .. }) {
                start -= 1;
            }
            opens_landscape[start] = true;
        }
    }
    for (i, block) in blocks.iter().enumerate() {
        if opens_landscape[i] {
            doc = doc.add_paragraph(section_end(false));
        }
        doc = match block {
            Block::Heading { level, text } => {
                let level = (*level).clamp(1, 6);
                doc.add_paragraph(
                    Paragraph::new()
                        .style(&format!("Heading{level}"))
                        .add_run(Run::new().add_text(clean(text))),
                )
            }
            Block::Paragraph(spans) => {
                doc.add_paragraph(runs(Paragraph::new().style("BodyText"), spans))
            }
            Block::Item {
                number,
                depth,
                spans,
            } => {
                let marker = match number {
                    Some(n) => format!("{n}."),
                    None => "•".to_string(),
                };
                // In Chinese the marker stands where a paragraph's first line starts.
                let first = match lang {
                    Lang::Zh => 2,
                    Lang::En => 1,
                };
                let left = INDENT * (i32::from(*depth) + first);
                let p = Paragraph::new()
                    .style("ListParagraph")
                    .indent(
                        Some(left),
                        Some(SpecialIndentType::Hanging(INDENT)),
                        None,
                        None,
                    )
                    .add_run(Run::new().add_text(marker).add_tab());
                doc.add_paragraph(runs(p, spans))
            }
            Block::Quote(spans) => doc.add_paragraph(runs(Paragraph::new().style("Quote"), spans)),
            Block::Table(t) => table(doc, t),
            Block::Figure(f) => {
                pictures += 1;
                figure(doc, f, charts, pictures)?
            }
        };
    }
    let title = blocks.iter().find_map(|b| match b {
        Block::Heading { level: 1, text } => Some(text.as_str()),
        _ => None,
    });
    let mut xml = doc.build();
    xml.document = finish(&xml.document)?;
    xml.doc_props.core = properties(&xml.doc_props.core, title)?;
    xml.font_table = FONT_TABLE.as_bytes().to_vec();
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

/// The portrait page's margins.
fn page_margin() -> PageMargin {
    PageMargin {
        top: MARGIN_TOP,
        left: MARGIN_SIDE,
        bottom: MARGIN_TOP,
        right: MARGIN_SIDE,
        header: 851,
        footer: 992,
        gutter: 0,
    }
}

/// The relationship id docx-rs gives the document's one footer; sections that end inside the
/// body name it too, so every page keeps its number.
const FOOTER_ID: &str = "rIdFooter1";

/// Text as it may be written: control characters made visible, and the two noncharacters XML
/// forbids (U+FFFE, U+FFFF) shown by their code.
fn clean(text: &str) -> String {
    let text = visible(text);
    if !text.contains(['\u{FFFE}', '\u{FFFF}']) {
        return text.into_owned();
    }
    text.chars()
        .map(|c| match c {
            '\u{FFFE}' | '\u{FFFF}' => format!("<U+{:04X}>", c as u32),
            c => c.to_string(),
        })
        .collect()
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
        .east_asia(east_asia)
}

fn spacing(before: u32, after: u32, line: i32) -> LineSpacing {
    LineSpacing::new()
        .before(before)
        .after(after)
        .line(line)
        .line_rule(LineSpacingType::Auto)
}

/// The document's styles. Their names are Word's built-in ones (`heading 1`, `caption`, …), so
/// Word and WPS show them under their localized names (标题 1, 题注) and build a table of contents
/// and the navigation pane from the headings.
fn styled(doc: Docx, lang: Lang) -> Docx {
    // Chinese paragraphs open with a two-character indent; English ones are set apart by space.
    let body = match lang {
        Lang::Zh => Style::new("BodyText", StyleType::Paragraph)
            .line_spacing(spacing(0, 0, 360))
            .indent(None, Some(SpecialIndentType::FirstLine(INDENT)), None, None),
        Lang::En => Style::new("BodyText", StyleType::Paragraph).line_spacing(spacing(0, 120, 360)),
    };
    let mut doc = doc
        // docx-rs writes a bare `Normal` style of its own: what it would say goes in the
        // defaults, which every style inherits.
        .default_fonts(fonts(SONG))
        .default_size(BODY_SIZE)
        .default_line_spacing(spacing(0, 0, 240))
        .add_style(
            body.name("Body Text")
                .based_on("Normal")
                .q_format(true)
                .align(AlignmentType::Both),
        )
        .add_style(
            Style::new("ListParagraph", StyleType::Paragraph)
                .name("List Paragraph")
                .based_on("Normal")
                .line_spacing(spacing(0, 0, 360)),
        )
        .add_style(
            Style::new("Quote", StyleType::Paragraph)
                .name("Quote")
                .based_on("Normal")
                .indent(Some(INDENT), None, Some(INDENT), None)
                .line_spacing(spacing(120, 120, 300))
                .color(QUOTE_COLOR)
                .size(SMALL_SIZE),
        )
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("caption")
                .based_on("Normal")
                .q_format(true)
                .align(AlignmentType::Center)
                .line_spacing(spacing(120, 120, 240))
                .fonts(fonts(HEI))
                .size(SMALL_SIZE),
        )
        .add_style(
            Style::new("TableText", StyleType::Paragraph)
                .name("Table Text")
                .based_on("Normal")
                .size(SMALL_SIZE),
        )
        .add_style(
            Style::new("Figure", StyleType::Paragraph)
                .name("Figure")
                .based_on("Normal")
                .align(AlignmentType::Center)
                .line_spacing(spacing(120, 0, 240)),
        )
        .add_style(
            Style::new("Footer", StyleType::Paragraph)
                .name("footer")
                .based_on("Normal")
                .align(AlignmentType::Center)
                .size(18),
        );
    // Title, section, population, question, then two spare levels.
    for (level, size, before, after) in [
        (1, 44, 240, 360),
        (2, 32, 360, 180),
        (3, 28, 240, 120),
        (4, BODY_SIZE, 180, 60),
        (5, BODY_SIZE, 120, 60),
        (6, BODY_SIZE, 120, 60),
    ] {
        let mut style = Style::new(format!("Heading{level}"), StyleType::Paragraph)
            .name(format!("heading {level}"))
            .based_on("Normal")
            .next("BodyText")
            .q_format(true)
            .outline_lvl(level - 1)
            .fonts(fonts(HEI))
            .size(size)
            .bold()
            .line_spacing(spacing(before, after, 240));
        if level == 1 {
            style = style.align(AlignmentType::Center);
        }
        doc = doc.add_style(style);
    }
    doc
}

/// Adds the spans to a paragraph, in bold where they are strong.
fn runs(mut p: Paragraph, spans: &[Span]) -> Paragraph {
    for span in spans {
        let mut run = Run::new().add_text(clean(&span.text));
        if span.strong {
            run = run.bold();
        }
        p = p.add_run(run);
    }
    p
}

/// The fonts the document names, described as Word describes them, so that a reader without
/// them picks a like font: 宋体 (SimSun) a serif, 黑体 (SimHei) a sans, both Chinese (charset 86).
const FONT_TABLE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"</w:fonts>"#,
);

/// What docx-rs cannot say in the document's properties (`docProps/core.xml`), which Word shows
/// under 文件 → 信息: the report's title, and wenjuan as its author where docx-rs writes
/// "unknown".
fn properties(core: &[u8], title: Option<&str>) -> Result<Vec<u8>, String> {
    let mut xml = std::str::from_utf8(core)
        .map_err(|e| e.to_string())?
        .replace(
            "<dc:creator>unknown</dc:creator>",
            "<dc:creator>wenjuan</dc:creator>",
        )
        .replace(
            "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
            "<cp:lastModifiedBy>wenjuan</cp:lastModifiedBy>",
        );
    if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
        let Some(end) = xml.rfind("</cp:coreProperties>") else {
            return Err("docProps/core.xml has no end".into());
        };
        let title = format!("<dc:title>{}</dc:title>", super::svg::Esc(&clean(title)));
        xml.insert_str(end, &title);
    }
    Ok(xml.into_bytes())
}

/// What docx-rs cannot say, added to its `document.xml`:
/// - rows whose properties say `cantSplit` are header rows (those alone are made so): they are
///   also marked to repeat at the top of each page;
/// - each picture gets an id of its own (docx-rs numbers them all 1, which Word may take for
///   damage).
fn finish(document: &[u8]) -> Result<Vec<u8>, String> {
    const PICTURE: &str = r#"<wp:docPr id="1" name="Figure" />"#;
    let xml = std::str::from_utf8(document)
        .map_err(|e| e.to_string())?
        .replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />");
    let mut out = String::with_capacity(xml.len() + 64);
    for (i, part) in xml.split(PICTURE).enumerate() {
        if i > 0 {
            let _ = write!(out, r#"<wp:docPr id="{i}" name="Figure {i}" />"#);
        }
        out.push_str(part);
    }
    Ok(out.into_bytes())
}

/// A cell's side margins, in twips.
const CELL_PADDING: usize = 2 * 108 + 80;
/// The narrowest a text column is made (two Chinese characters), and the most an unbreakable
/// word may claim, in twips.
const MIN_TEXT: usize = 2 * CJK_TWIPS;
const MAX_WORD: usize = 12 * LATIN_TWIPS;
/// Widths of 五号 (10.5 pt) text, in twips: a Chinese character is square; Latin text as Times
/// New Roman (and its metric twin Liberation Serif) sets it — digits half an em, `%` five
/// sixths, letters about 0.55 em on average with room for the wider ones.
const CJK_TWIPS: usize = 210;
const DIGIT_TWIPS: usize = 105;
const PERCENT_TWIPS: usize = 175;
const LATIN_TWIPS: usize = 125;

/// The width of a line of table text, in twips.
fn text_twips(text: &str) -> usize {
    clean(text)
        .chars()
        .map(|c| match c.width().unwrap_or(0) {
            0 => 0,
            1 if c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '/' | '(' | ')' | ':') => {
                DIGIT_TWIPS
            }
            1 if c == '%' => PERCENT_TWIPS,
            1 => LATIN_TWIPS,
            _ => CJK_TWIPS,
        })
        .sum()
}

/// Column widths in twips, laid out as a browser lays out an automatic table: every column gets
/// at least what it cannot wrap (a number, a Latin word; Chinese text breaks between any two
/// characters, paths after a slash or hyphen), and the rest of the text width goes to the
/// columns in proportion to how much wider their longest line is. So figures never break across
/// lines and long text wraps.
/// Each column's width bounds: what its figures cannot do without (a number, an interval), what
/// it takes without breaking a word, and what its longest line takes.
struct Bounds {
    hard: Vec<usize>,
    min: Vec<usize>,
    max: Vec<usize>,
}

/// A figure, or a short run of them such as an interval (26.14% – 42.57%): kept on one line.
fn short_figures(line: &str) -> bool {
    line.chars().count() <= 16
        && line.chars().any(|c| c.is_ascii_digit())
        && !line.chars().any(char::is_alphabetic)
}

fn column_bounds(t: &Table) -> Bounds {
    let widest = |text: &str| text.lines().map(text_twips).max().unwrap_or(0);
    // The widest run that cannot break: a whole number cell, or a word of a text cell.
    let unbreakable = |text: &str, numeric: bool| -> usize {
        if numeric || text.lines().all(short_figures) {
            return widest(text);
        }
        clean(text)
            .split(|c: char| {
                c.is_whitespace() || c.width().unwrap_or(0) >= 2 || matches!(c, '/' | '-' | '_')
            })
            .map(text_twips)
            .max()
            .unwrap_or(0)
            .min(MAX_WORD)
    };
    let mut hard = Vec::with_capacity(t.columns.len());
    let mut min = Vec::with_capacity(t.columns.len());
    let mut max = Vec::with_capacity(t.columns.len());
    for (i, c) in t.columns.iter().enumerate() {
        let cells: Vec<&str> = t
            .rows
            .iter()
            .filter_map(|r| r.cells.get(i).map(String::as_str))
            .collect();
        let longest = cells
            .iter()
            .map(|c| widest(c))
            .chain([widest(&c.head)])
            .max()
            .unwrap_or(0);
        let tightest = cells
            .iter()
            .map(|x| unbreakable(x, c.numeric))
            .chain([unbreakable(&c.head, false)])
            .max()
            .unwrap_or(0)
            .max(MIN_TEXT.min(longest.max(1)));
        // Figures never break; words may, when nothing else fits.
        let figures = cells
            .iter()
            .filter(|x| c.numeric || (!x.is_empty() && x.lines().all(short_figures)))
            .map(|x| widest(x))
            .max()
            .unwrap_or(0)
            .max(MIN_TEXT.min(longest.max(1)));
        hard.push(figures.min(tightest) + CELL_PADDING);
        min.push(tightest + CELL_PADDING);
        max.push(longest.max(tightest) + CELL_PADDING);
    }
    Bounds { hard, min, max }
}

/// Widths that fill `total`: the most for all when they fit (the spare shared by the same
/// proportions); else each column's least plus the remaining space in proportion to what it
/// would still take; and when even the least do not fit, words give way first (down to what
/// figures need), then everything is scaled down together.
fn share_out(b: &Bounds, total: usize) -> Vec<usize> {
    let (hard, min, max) = (&b.hard, &b.min, &b.max);
    let sum_min: usize = min.iter().sum();
    let sum_max: usize = max.iter().sum();
    if sum_max <= total {
        let spare = total - sum_max;
        return max.iter().map(|m| m + spare * m / sum_max.max(1)).collect();
    }
    if sum_min >= total {
        let sum_hard: usize = hard.iter().sum();
        if sum_hard >= total {
            return hard.iter().map(|m| m * total / sum_hard.max(1)).collect();
        }
        let room = total - sum_hard;
        let want = (sum_min - sum_hard).max(1);
        return hard
            .iter()
            .zip(min.iter())
            .map(|(h, m)| h + room * (m - h) / want)
            .collect();
    }
    let room = total - sum_min;
    let want = sum_max - sum_min;
    min.iter()
        .zip(max)
        .map(|(lo, hi)| lo + room * (hi - lo) / want.max(1))
        .collect()
}

/// A table cell's paragraph: the text's lines joined by line breaks.
fn cell(text: &str, width: usize, align: AlignmentType, bold: bool) -> TableCell {
    let mut run = Run::new();
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(clean(line));
    }
    if bold {
        run = run.bold();
    }
    TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
        .add_paragraph(
            Paragraph::new()
                .style("TableText")
                .align(align)
                .add_run(run),
        )
}

/// A paragraph that ends a section, portrait or landscape, which keeps the page-number footer.
fn section_end(landscape: bool) -> Paragraph {
    let (size, margin) = if landscape {
        (
            PageSize::new()
                .size(PAGE_HEIGHT, PAGE_WIDTH)
                .orient(PageOrientationType::Landscape),
            PageMargin {
                top: MARGIN_SIDE,
                left: MARGIN_TOP,
                bottom: MARGIN_SIDE,
                right: MARGIN_TOP,
                header: 851,
                footer: 992,
                gutter: 0,
            },
        )
    } else {
        (PageSize::new().size(PAGE_WIDTH, PAGE_HEIGHT), page_margin())
    };
    let mut section = SectionProperty::new().page_size(size).page_margin(margin);
    section.footer_reference = Some(FooterReference::new("default", FOOTER_ID));
    Paragraph::new()
        .style("Normal")
        .line_spacing(spacing(0, 0, 240))
        .section_property(section)
}

/// A table whose figures cannot fit across a portrait page: it is set on a landscape one.
fn is_wide(t: &Table) -> bool {
    column_bounds(t).hard.iter().sum::<usize>() > TEXT_WIDTH as usize
}

/// A table; a wide one on the landscape page the caller opened before it (or its headings).
fn table(mut doc: Docx, t: &Table) -> Docx {
    let bounds = column_bounds(t);
    let landscape = is_wide(t);
    let text_width = if landscape {
        LANDSCAPE_TEXT_WIDTH
    } else {
        TEXT_WIDTH
    };
    if let Some(caption) = &t.caption {
        doc = doc.add_paragraph(
            Paragraph::new()
                .style("Caption")
                .keep_next(true)
                .add_run(Run::new().add_text(clean(caption))),
        );
    }
    if t.columns.is_empty() {
        return doc;
    }
    let widths = share_out(&bounds, text_width as usize);
    let head = TableRow::new(
        t.columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                cell(&c.head, *w, AlignmentType::Center, true)
                    .shading(Shading::new().fill(HEADER_FILL))
            })
            .collect(),
    )
    .cant_split();
    let mut rows = vec![head];
    for r in &t.rows {
        rows.push(TableRow::new(
            t.columns
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (c, w))| {
                    let align = if c.numeric {
                        AlignmentType::Right
                    } else {
                        AlignmentType::Left
                    };
                    cell(
                        r.cells.get(i).map_or("", String::as_str),
                        *w,
                        align,
                        r.strong,
                    )
                })
                .collect(),
        ));
    }
    let line = |position| TableBorder::new(position).size(4).color(BORDER_COLOR);
    let borders = TableBorders::new()
        .set(line(TableBorderPosition::Top))
        .set(line(TableBorderPosition::Left))
        .set(line(TableBorderPosition::Bottom))
        .set(line(TableBorderPosition::Right))
        .set(line(TableBorderPosition::InsideH))
        .set(line(TableBorderPosition::InsideV));
    let table = docx_rs::Table::new(rows)
        .set_grid(widths)
        .width(text_width as usize, WidthType::Dxa)
        .align(TableAlignmentType::Center)
        .margins(TableCellMargins::new().margin(0, 108, 0, 108))
        .set_borders(borders);
    // A little space after the table, and a paragraph between two tables so they stay two.
    let after = if landscape {
        section_end(true)
    } else {
        Paragraph::new()
            .style("Normal")
            .line_spacing(spacing(0, 0, 240))
    };
    doc.add_table(table).add_paragraph(after)
}

fn figure(
    doc: Docx,
    f: &Figure,
    charts: &dyn Fn(&str) -> Option<String>,
    number: usize,
) -> Result<Docx, String> {
    let svg = charts(&f.chart).ok_or_else(|| format!("no chart {}", clean(&f.chart)))?;
    let png = raster::svg_to_png(&svg).map_err(|e| format!("{}: {e}", clean(&f.chart)))?;
    let (w, h) = png.natural_size();
    // The size the chart was drawn for, made smaller to fit the text width and most of a page.
    let (w, h) = (f64::from(w) * EMU_PER_PX, f64::from(h) * EMU_PER_PX);
    let max_w = f64::from(TEXT_WIDTH) * EMU_PER_TWIP;
    let max_h = f64::from(TEXT_HEIGHT) * EMU_PER_TWIP * 0.8;
    let fit = (max_w / w).min(max_h / h).min(1.0);
    let (width, height) = (png.width, png.height);
    let pic = Pic::new_with_dimensions(png.bytes, width, height)
        .id(format!("rIdImage{number}"))
        .size((w * fit).round() as u32, (h * fit).round() as u32);
    Ok(doc
        .add_paragraph(
            Paragraph::new()
                .style("Figure")
                .keep_next(true)
                .add_run(Run::new().add_image(pic)),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Caption")
                .add_run(Run::new().add_text(clean(&f.caption))),
        ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::blocks::{Column, Row};
    use std::io::Read;

    const CHART: &str = "charts/plan-public-dimensions.svg";
    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="360" height="120" viewBox="0 0 360 120" font-family="&quot;Noto Sans CJK SC&quot;,sans-serif"><rect x="0" y="0" width="360" height="120" fill="#ffffff"/><rect x="100" y="40" width="200" height="24" fill="#2c5f8d"/><text x="10" y="58" font-size="14">城镇安全性</text></svg>"##;

    fn charts(path: &str) -> Option<String> {
        (path == CHART).then(|| SVG.to_string())
    }

    fn sample() -> Vec<Block> {
        vec![
            Block::heading(1, "某县国土空间总体规划满意度调查报告"),
            Block::heading(2, "一、调查概况"),
            Block::Paragraph(vec![
                Span::plain("社会公众满意率为"),
                Span::strong("23.51%"),
                Span::plain("。"),
            ]),
            Block::Item {
                number: Some(1),
                depth: 0,
                spans: vec![Span::plain("第一项")],
            },
            Block::Quote(vec![Span::plain("生成于 2025-01-01")]),
            Block::Table(Table {
                caption: Some("表1　样本概况".into()),
                columns: vec![Column::text("群体"), Column::number("有效问卷")],
                rows: vec![
                    Row::new(vec!["社会公众\n（居民）".into(), "285".into()]),
                    Row::strong(vec!["合计".into()]),
                ],
            }),
            Block::Figure(Figure {
                caption: "图1　各维度满意率".into(),
                chart: CHART.into(),
            }),
        ]
    }

    /// The files of a .docx: name → bytes.
    fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        let mut files = Vec::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).expect("entry");
            let mut data = Vec::new();
            file.read_to_end(&mut data).expect("read");
            files.push((file.name().expect("name").to_string(), data));
        }
        files
    }

    const WRITTEN_AT: &str = "2026-12-01T09:30:00Z";

    fn document_xml(bytes: &[u8]) -> String {
        part(bytes, "word/document.xml")
    }

    fn part(bytes: &[u8], name: &str) -> String {
        let files = unzip(bytes);
        let (_, xml) = files.iter().find(|(n, _)| n == name).expect(name);
        String::from_utf8(xml.clone()).expect("UTF-8")
    }

    #[test]
    fn the_properties_give_the_time_it_was_written() {
        let bytes = render(&sample(), &charts, WRITTEN_AT, Lang::Zh).expect("written");
        let core = part(&bytes, "docProps/core.xml");
        well_formed(&core);
        assert!(
            core.contains(r#"<dcterms:created xsi:type="dcterms:W3CDTF">2026-12-01T09:30:00Z<"#),
            "{core}"
        );
        assert!(
            core.contains(r#"<dcterms:modified xsi:type="dcterms:W3CDTF">2026-12-01T09:30:00Z<"#),
            "{core}"
        );
        assert!(!core.contains("1970"), "{core}");
        assert!(core.contains("<dc:creator>wenjuan</dc:creator>"), "{core}");
        assert!(
            core.contains("<dc:title>某县国土空间总体规划满意度调查报告</dc:title>"),
            "{core}"
        );
    }

    #[test]
    fn a_title_with_markup_stays_text_in_the_properties() {
        let blocks = [Block::heading(1, "A<b> & \u{1b}[31m")];
        let bytes = render(&blocks, &charts, WRITTEN_AT, Lang::En).expect("written");
        let core = part(&bytes, "docProps/core.xml");
        well_formed(&core);
        assert!(
            core.contains("<dc:title>A&lt;b&gt; &amp; ␛[31m</dc:title>"),
            "{core}"
        );
    }

    /// Fails unless the XML parses from start to end.
    fn well_formed(xml: &str) {
        let mut reader = quick_xml::Reader::from_str(xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("malformed XML: {e}"),
            }
        }
    }

    #[test]
    fn a_report_has_its_text_table_and_picture() {
        let bytes = render(&sample(), &charts, WRITTEN_AT, Lang::Zh).expect("written");
        let xml = document_xml(&bytes);
        well_formed(&xml);
        assert!(xml.contains("某县国土空间总体规划满意度调查报告"));
        assert!(xml.contains(r#"<w:pStyle w:val="Heading1" />"#));
        assert!(xml.contains("表1　样本概况"));
        assert!(xml.contains("图1　各维度满意率"));
        // The caption comes before its table, the figure caption after the picture.
        let table_at = xml.find("<w:tbl>").expect("a table");
        assert!(xml.find("表1　样本概况").expect("caption") < table_at);
        assert!(xml.find("<w:tblHeader />").expect("header row repeats") > table_at);
        assert_eq!(xml.matches("<w:tblHeader />").count(), 1);
        let strong = xml.find("23.51%").expect("the figure");
        assert!(xml[..strong].rfind("<w:b />") > xml[..strong].rfind("</w:r>"));
        assert!(xml.contains(
            "社会公众</w:t><w:br w:type=\"textWrapping\" /><w:t xml:space=\"preserve\">（居民）"
        ));
        let picture = xml.find("r:embed=").expect("a picture");
        assert!(xml.find("<w:drawing>").is_some());
        assert!(xml.contains(r#"<wp:docPr id="1" name="Figure 1" />"#));
        assert!(picture < xml.find("图1　各维度满意率").expect("figure caption"));
        // 360 px wide fits the text width: drawn at its own size, 360 × 9525 EMU.
        assert!(xml.contains(r#"cx="3429000""#));
        let files = unzip(&bytes);
        let media: Vec<_> = files
            .iter()
            .filter(|(name, _)| name.starts_with("word/media/"))
            .filter(|(_, data)| data.starts_with(b"\x89PNG\r\n\x1a\n"))
            .collect();
        assert_eq!(media.len(), 1);
        for (name, data) in &files {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                well_formed(std::str::from_utf8(data).expect("UTF-8"));
            }
        }
        let styles = files
            .iter()
            .find(|(name, _)| name == "word/styles.xml")
            .map(|(_, d)| String::from_utf8_lossy(d).into_owned())
            .expect("styles");
        assert!(styles.contains(r#"w:eastAsia="宋体""#));
        assert!(styles.contains(r#"w:eastAsia="黑体""#));
    }

    #[test]
    fn each_picture_and_style_has_an_id_of_its_own() {
        let figure = |chart: &str| {
            Block::Figure(Figure {
                caption: "图".into(),
                chart: chart.into(),
            })
        };
        // A bar of another length too: without CJK fonts the two labels draw alike, and two
        // identical pictures would be stored once.
        let other = SVG
            .replace("城镇安全性", "生活便利性")
            .replace(r#"width="200""#, r#"width="150""#);
        let bytes = render(
            &[figure(CHART), figure("charts/other.svg")],
            &|path| charts(path).or_else(|| Some(other.clone())),
            WRITTEN_AT,
            Lang::Zh,
        )
        .expect("written");
        let xml = document_xml(&bytes);
        assert!(xml.contains(r#"<wp:docPr id="1" name="Figure 1" />"#));
        assert!(xml.contains(r#"<wp:docPr id="2" name="Figure 2" />"#));
        assert!(xml.contains(r#"r:embed="rIdImage1""#) && xml.contains(r#"r:embed="rIdImage2""#));
        let files = unzip(&bytes);
        let styles = files
            .iter()
            .find(|(name, _)| name == "word/styles.xml")
            .map(|(_, d)| String::from_utf8_lossy(d).into_owned())
            .expect("styles");
        let mut ids: Vec<&str> = styles
            .split("w:styleId=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        let all = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all, "a style id twice: {styles}");
    }

    #[test]
    fn a_wide_chart_is_fitted_to_the_text_width() {
        let wide = SVG.replace(r#"width="360""#, r#"width="1440""#);
        let bytes = render(
            &[Block::Figure(Figure {
                caption: "图1".into(),
                chart: CHART.into(),
            })],
            &|_| Some(wide.clone()),
            WRITTEN_AT,
            Lang::En,
        )
        .expect("written");
        let xml = document_xml(&bytes);
        let width = TEXT_WIDTH as u64 * 635;
        let height = (120.0 * 9525.0 * width as f64 / (1440.0 * 9525.0)).round() as u64;
        assert!(
            xml.contains(&format!(r#"cx="{width}" cy="{height}""#)),
            "{xml}"
        );
    }

    #[test]
    fn control_characters_never_reach_the_document() {
        let hostile = "a\u{1b}[31mb\u{0}c\u{7}\u{FFFF}\u{202E}";
        let blocks = vec![
            Block::heading(2, hostile),
            Block::text(hostile),
            Block::Quote(vec![Span::strong(hostile)]),
            Block::Item {
                number: None,
                depth: 2,
                spans: vec![Span::plain(hostile)],
            },
            Block::Table(Table {
                caption: Some(hostile.into()),
                columns: vec![Column::text(hostile)],
                rows: vec![Row::new(vec![format!("{hostile}\n{hostile}")])],
            }),
        ];
        let xml = document_xml(&render(&blocks, &charts, WRITTEN_AT, Lang::Zh).expect("written"));
        well_formed(&xml);
        for c in ['\u{1b}', '\u{0}', '\u{7}', '\u{FFFF}', '\u{202E}'] {
            assert!(!xml.contains(c), "{c:?} reached document.xml");
        }
        assert!(xml.contains("a␛[31mb␀c␇"));
    }

    #[test]
    fn markup_in_text_stays_text() {
        let blocks = vec![Block::text("<w:p>&amp;</w:p>")];
        let xml = document_xml(&render(&blocks, &charts, WRITTEN_AT, Lang::Zh).expect("written"));
        well_formed(&xml);
        assert!(xml.contains("&lt;w:p&gt;&amp;amp;&lt;/w:p&gt;"));
    }

    #[test]
    fn an_unknown_chart_is_an_error() {
        let blocks = vec![Block::Figure(Figure {
            caption: "图1".into(),
            chart: "charts/missing.svg".into(),
        })];
        let err = render(&blocks, &charts, WRITTEN_AT, Lang::Zh).expect_err("no such chart");
        assert!(err.contains("charts/missing.svg"));
    }

    #[test]
    fn a_table_without_columns_keeps_only_its_caption() {
        let blocks = vec![Block::Table(Table {
            caption: Some("表1　空".into()),
            columns: vec![],
            rows: vec![Row::new(vec!["x".into()])],
        })];
        let xml = document_xml(&render(&blocks, &charts, WRITTEN_AT, Lang::Zh).expect("written"));
        assert!(xml.contains("表1　空"));
        assert!(!xml.contains("<w:tbl>"));
    }

    /// Writes a sample report to /tmp/docxcheck/sample.docx to look at in Word, WPS or
    /// LibreOffice (`soffice --headless --convert-to pdf`).
    #[test]
    #[ignore]
    fn write_sample_for_the_eye() {
        use crate::report::svg::{Axis, Bar, Chart};
        let bars = [
            ("城镇安全性", 0.9123, 0.87, 0.94),
            ("生活便利性", 0.8511, 0.80, 0.89),
            ("自然环境宜人性", 0.7802, 0.73, 0.83),
            ("人文环境舒适性", 0.6605, 0.60, 0.72),
            ("出行便捷性", 0.9400, 0.91, 0.96),
            ("开放创新性", 0.2351, 0.19, 0.29),
        ];
        let chart = crate::report::svg::render(&Chart {
            title: "q7 社会公众对各维度的满意率".into(),
            subtitle: "n = 285；Wilson 95% 置信区间".into(),
            bars: bars
                .iter()
                .map(|(label, value, low, high)| Bar {
                    label: label.to_string(),
                    value: *value,
                    low: *low,
                    high: *high,
                    count: Some((value * 285.0) as u64),
                    highlight: *value >= 0.9,
                })
                .collect(),
            axis: Axis::Share,
            target: Some(0.9),
            target_label: String::new(),
            words: &Lang::Zh.strings().report.chart,
        });
        let mut blocks = sample();
        blocks.push(Block::Paragraph(vec![Span::plain(
            "本次调查面向社会公众和工作人员分别开展，共回收问卷 312 份，其中有效问卷 285 份，有效率 91.35%。以下按群体列出各题的答案分布、满意率及其 95% 置信区间。",
        )]));
        blocks.push(Block::Item {
            number: None,
            depth: 1,
            spans: vec![
                Span::plain("二级项目：满意率 "),
                Span::strong("85.11%"),
                Span::plain("，较目标值低 4.89 个百分点，需要在下一轮规划实施中关注。"),
            ],
        });
        blocks.push(Block::Table(Table {
            caption: Some("表2　社会公众满意度（按维度）".into()),
            columns: vec![
                Column::text("维度"),
                Column::number("n"),
                Column::number("满意率"),
                Column::number("95% 置信区间"),
            ],
            rows: (0..40)
                .map(|i| {
                    let (label, v, lo, hi) = bars[i % bars.len()];
                    Row::new(vec![
                        format!("{label}{i}"),
                        "285".into(),
                        format!("{:.2}%", v * 100.0),
                        format!("{:.2}%–{:.2}%", lo * 100.0, hi * 100.0),
                    ])
                })
                .chain([Row::strong(vec![
                    "合计".into(),
                    "285".into(),
                    "80.54%".into(),
                    String::new(),
                ])])
                .collect(),
        }));
        blocks.push(Block::Figure(Figure {
            caption: "图2　社会公众对各维度的满意率".into(),
            chart: "charts/real.svg".into(),
        }));
        let bytes = render(
            &blocks,
            &|path| {
                if path == "charts/real.svg" {
                    Some(chart.clone())
                } else {
                    charts(path)
                }
            },
            WRITTEN_AT,
            Lang::Zh,
        )
        .expect("written");
        std::fs::create_dir_all("/tmp/docxcheck").expect("dir");
        std::fs::write("/tmp/docxcheck/sample.docx", bytes).expect("written");
    }
}
