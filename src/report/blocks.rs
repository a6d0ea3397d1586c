//! The report as a sequence of blocks — headings, paragraphs, list items, tables, figures —
//! built once and rendered to Markdown (`report.md`, `summarize --format md`) and to Word
//! (`report.docx`), so that every format carries the same words and the same figures.
//!
//! Text in a block is plain: the renderers make it safe for their format (Markdown escapes table
//! pipes; Word escapes XML) and visible (`text::visible`), so text from an export never reaches a
//! file raw.

use crate::i18n::{Lang, fill};
use crate::text::visible;
use std::fmt::Write;

/// A run of text, bold or not.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub strong: bool,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            strong: false,
        }
    }
    pub fn strong(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            strong: true,
        }
    }
}

/// A table column: its heading and whether it holds numbers (right-aligned).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub head: String,
    pub numeric: bool,
}

impl Column {
    pub fn text(head: impl Into<String>) -> Column {
        Column {
            head: head.into(),
            numeric: false,
        }
    }
    pub fn number(head: impl Into<String>) -> Column {
        Column {
            head: head.into(),
            numeric: true,
        }
    }
}

/// A table row; a strong row (a subtotal, a total) is set in bold. A cell may hold line breaks.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<String>,
    pub strong: bool,
}

impl Row {
    pub fn new(cells: Vec<String>) -> Row {
        Row {
            cells,
            strong: false,
        }
    }
    pub fn strong(cells: Vec<String>) -> Row {
        Row {
            cells,
            strong: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Shown above the table as reports do (表1 …), once numbered by [`number_captions`].
    pub caption: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// A chart: the SVG file it is drawn in (relative to the report) and its caption, shown below
/// it (图1 …).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub caption: String,
    pub chart: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 1 is the document's title, 2 a section, 3 a population, 4 a question.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(Vec<Span>),
    /// A list item: numbered when `number` is set, bulleted otherwise; `depth` 0 is the top.
    Item {
        number: Option<usize>,
        depth: u8,
        spans: Vec<Span>,
    },
    /// A remark set apart, such as when the report was generated.
    Quote(Vec<Span>),
    Table(Table),
    Figure(Figure),
}

impl Block {
    pub fn heading(level: u8, text: impl Into<String>) -> Block {
        Block::Heading {
            level,
            text: text.into(),
        }
    }
    pub fn text(text: impl Into<String>) -> Block {
        Block::Paragraph(vec![Span::plain(text)])
    }
    pub fn bullet(spans: Vec<Span>) -> Block {
        Block::Item {
            number: None,
            depth: 0,
            spans,
        }
    }
}

/// Numbers the captions in reading order, as Chinese reports do: 表1, 表2 … above tables and
/// 图1, 图2 … below figures.
pub fn number_captions(blocks: &mut [Block], lang: Lang) {
    let s = lang.strings();
    let (mut tables, mut figures) = (0, 0);
    for b in blocks {
        match b {
            Block::Table(Table {
                caption: Some(c), ..
            }) => {
                tables += 1;
                *c = fill(s.table_caption, &[&tables.to_string(), c]);
            }
            Block::Figure(f) => {
                figures += 1;
                f.caption = fill(s.figure_caption, &[&figures.to_string(), &f.caption]);
            }
            _ => {}
        }
    }
}

/// Text safe inside a Markdown table cell: visible, pipes escaped, line breaks as `<br>`.
fn md_cell(text: &str) -> String {
    text.lines()
        .map(|line| visible(line).replace('|', "\\|"))
        .collect::<Vec<_>>()
        .join("<br>")
}

fn md_spans(out: &mut String, spans: &[Span]) {
    for s in spans {
        let text = visible(&s.text);
        if s.strong && !text.is_empty() {
            let _ = write!(out, "**{text}**");
        } else {
            out.push_str(&text);
        }
    }
}

/// The blocks as Markdown: one blank line between blocks, list items kept together.
pub fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut previous_item = false;
    for b in blocks {
        let item = matches!(b, Block::Item { .. });
        let together = item && previous_item;
        if !out.is_empty() && !together {
            out.push('\n');
        }
        previous_item = item;
        match b {
            Block::Heading { level, text } => {
                let _ = writeln!(out, "{} {}", "#".repeat(*level as usize), visible(text));
            }
            Block::Paragraph(spans) => {
                md_spans(&mut out, spans);
                out.push('\n');
            }
            Block::Item {
                number,
                depth,
                spans,
            } => {
                out.push_str(&"   ".repeat(*depth as usize));
                match number {
                    Some(n) => {
                        let _ = write!(out, "{n}. ");
                    }
                    None => out.push_str("- "),
                }
                md_spans(&mut out, spans);
                out.push('\n');
            }
            Block::Quote(spans) => {
                out.push_str("> ");
                md_spans(&mut out, spans);
                out.push('\n');
            }
            Block::Table(t) => md_table(&mut out, t),
            Block::Figure(f) => {
                let _ = writeln!(out, "![{}]({})", md_cell(&f.caption), f.chart);
            }
        }
    }
    out
}

fn md_table(out: &mut String, t: &Table) {
    if let Some(c) = &t.caption {
        let _ = writeln!(out, "{}\n", visible(c));
    }
    let heads: Vec<String> = t.columns.iter().map(|c| md_cell(&c.head)).collect();
    let _ = writeln!(out, "| {} |", heads.join(" | "));
    let rule: Vec<&str> = t
        .columns
        .iter()
        .map(|c| if c.numeric { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for r in &t.rows {
        let cells: Vec<String> = (0..t.columns.len())
            .map(|i| {
                let text = r.cells.get(i).map(|c| md_cell(c)).unwrap_or_default();
                if r.strong && !text.is_empty() {
                    format!("**{text}**")
                } else {
                    text
                }
            })
            .collect();
        let line = format!("| {} |", cells.join(" | "));
        // An empty cell is written `| |`, as before the block model.
        let _ = writeln!(
            out,
            "{}",
            line.replace("|  |", "| |").replace("|  |", "| |")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_of_each_block() {
        let mut blocks = vec![
            Block::heading(2, "一、调查概况"),
            Block::Paragraph(vec![Span::plain("知晓率："), Span::strong("75.09%")]),
            Block::bullet(vec![Span::plain("a")]),
            Block::bullet(vec![Span::plain("b")]),
            Block::Table(Table {
                caption: Some("样本".into()),
                columns: vec![Column::text("群体"), Column::number("n")],
                rows: vec![
                    Row::new(vec!["公众|居民\n第二行".into(), "285".into()]),
                    Row::strong(vec!["合计".into(), String::new()]),
                ],
            }),
            Block::Figure(Figure {
                caption: "维度".into(),
                chart: "charts/p-dimensions.svg".into(),
            }),
        ];
        number_captions(&mut blocks, Lang::Zh);
        let md = to_markdown(&blocks);
        assert_eq!(
            md,
            "## 一、调查概况\n\n知晓率：**75.09%**\n\n- a\n- b\n\n表1　样本\n\n| 群体 | n |\n|---|---:|\n\
             | 公众\\|居民<br>第二行 | 285 |\n| **合计** | |\n\n![图1　维度](charts/p-dimensions.svg)\n"
        );
    }

    #[test]
    fn control_characters_never_reach_markdown() {
        let blocks = vec![Block::text("a\u{1b}[31mb")];
        assert!(!to_markdown(&blocks).contains('\u{1b}'));
    }
}
