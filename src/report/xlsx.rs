//! XLSX export: typed cells, percent/decimal number formats and inert Chinese text, for evaluators working in Excel or WPS.
//!
//! The workbook is built in memory with `rust_xlsxwriter` and returned as bytes,
//! so the caller decides where it goes (file, stdout, test buffer).
//!
//! Everything a survey respondent typed is untrusted. Two things are done to it
//! before it reaches a cell (see `neutralise` below):
//! - text that Excel/WPS could take for a formula gets a leading `'`;
//! - characters that XML 1.0 forbids are swapped for visible stand-ins.

use std::borrow::Cow;
use std::collections::HashSet;
use std::error::Error;
use std::fmt;

use rust_xlsxwriter::{ColNum, DocProperties, ExcelDateTime, Format, RowNum, Workbook, Worksheet};

/// One typed cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    /// Untrusted text from survey respondents; neutralised on write.
    Text(String),
    Integer(i64),
    /// Shown with 2 decimals (scores, statistics).
    Number(f64),
    /// A proportion in `[0, 1]`, stored as the number and formatted `0.00%`.
    Percent(f64),
    /// A number shown with this many decimals (p-values with 4, alpha with 3 …).
    Decimal(f64, u8),
}

/// One worksheet: a header row, data rows and method notes below the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Sanitised for Excel (forbidden characters, 31 units, uniqueness) on write.
    pub name: String,
    /// Bold, frozen first row, with an autofilter over the data range.
    pub headers: Vec<String>,
    /// May be ragged: missing trailing cells are left empty.
    pub rows: Vec<Vec<Cell>>,
    /// Plain-text lines written below the table after one empty row.
    pub notes: Vec<String>,
}

/// Failure while building or serialising the workbook.
#[derive(Debug)]
pub enum XlsxError {
    /// `rust_xlsxwriter` refused an operation; `context` says which sheet/cell or step.
    Writer {
        context: String,
        source: rust_xlsxwriter::XlsxError,
    },
}

impl fmt::Display for XlsxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XlsxError::Writer { context, source } => {
                write!(f, "XLSX export failed ({context}): {source}")
            }
        }
    }
}

impl Error for XlsxError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            XlsxError::Writer { source, .. } => Some(source),
        }
    }
}

fn writer_error(context: impl Into<String>, source: rust_xlsxwriter::XlsxError) -> XlsxError {
    XlsxError::Writer {
        context: context.into(),
        source,
    }
}

/// Excel's limit on a sheet name, counted in UTF-16 code units.
const MAX_SHEET_NAME_UNITS: usize = 31;
/// Excel's limit on the text of one cell, counted in UTF-16 code units.
const MAX_CELL_TEXT_UNITS: usize = 32_767;
/// Column width cap in Excel character units; wider content wraps instead.
const MAX_COLUMN_WIDTH: usize = 60;
/// Narrow columns still need room for a readable header and the filter button.
const MIN_COLUMN_WIDTH: usize = 6;
/// Room for the autofilter drop-down button that sits on the header cell.
const FILTER_BUTTON_WIDTH: usize = 2;
/// Breathing space so content does not touch the cell border.
const COLUMN_PADDING: usize = 1;
/// Excel keeps 15 significant digits; larger integers are written as text so
/// they are not silently rounded (f64 is only exact to 2^53 anyway).
const MAX_EXACT_INTEGER: u64 = 999_999_999_999_999;
/// More decimals than f64 can carry would only show noise.
const MAX_DECIMALS: u8 = 15;

/// Characters that make Excel, WPS or LibreOffice treat a cell's text as a
/// formula when it is typed, re-edited (F2 + Enter) or imported from CSV. The
/// first six are OWASP's list; the full-width forms are a precaution for
/// Chinese input methods, which produce them easily and which some
/// spreadsheet builds normalise to their ASCII forms.
const FORMULA_TRIGGERS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// Builds the workbook and returns the XLSX bytes.
///
/// Output is byte-for-byte deterministic for the same input: the document's
/// creation time is pinned (see below) and `rust_xlsxwriter` stamps every zip
/// entry with a fixed 1980-01-01 time.
pub fn write_workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();

    // Pin docProps/core.xml's creation date (otherwise "now") so the bytes
    // depend only on the input and golden tests stay stable.
    let created = ExcelDateTime::from_ymd(2000, 1, 1)
        .map_err(|source| writer_error("fixed document creation date", source))?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));

    let formats = Formats::new();

    if sheets.is_empty() {
        // A workbook needs at least one sheet to be valid.
        workbook
            .add_worksheet()
            .set_name("Sheet1")
            .map_err(|source| writer_error("default sheet", source))?;
    }

    let names = unique_sheet_names(sheets);
    for (sheet, name) in sheets.iter().zip(&names) {
        let worksheet = workbook.add_worksheet();
        worksheet
            .set_name(name.as_str())
            .map_err(|source| writer_error(format!("sheet name {name:?}"), source))?;
        write_sheet(worksheet, sheet, name, &formats)?;
    }

    workbook
        .save_to_buffer()
        .map_err(|source| writer_error("serialising the workbook", source))
}

/// Formats shared by all sheets, built once.
struct Formats {
    header: Format,
    header_wrap: Format,
    wrap: Format,
    integer: Format,
    number: Format,
    percent: Format,
    /// Index = number of decimals, 0..=MAX_DECIMALS.
    decimals: Vec<Format>,
}

impl Formats {
    fn new() -> Self {
        let decimals = (0..=MAX_DECIMALS)
            .map(|d| Format::new().set_num_format(decimal_format_code(d)))
            .collect();
        Formats {
            header: Format::new().set_bold(),
            header_wrap: Format::new().set_bold().set_text_wrap(),
            wrap: Format::new().set_text_wrap(),
            // "0" rather than General: General switches to scientific
            // notation past 11 digits, which hides counts and codes.
            integer: Format::new().set_num_format("0"),
            number: Format::new().set_num_format("0.00"),
            percent: Format::new().set_num_format("0.00%"),
            decimals,
        }
    }

    fn decimal(&self, places: u8) -> &Format {
        let index = usize::from(places.min(MAX_DECIMALS));
        // `decimals` has MAX_DECIMALS + 1 entries, so the index is in range;
        // fall back to the 2-decimal format rather than panic regardless.
        self.decimals.get(index).unwrap_or(&self.number)
    }
}

fn decimal_format_code(places: u8) -> String {
    if places == 0 {
        "0".to_string()
    } else {
        format!("0.{}", "0".repeat(usize::from(places)))
    }
}

fn write_sheet(
    worksheet: &mut Worksheet,
    sheet: &Sheet,
    name: &str,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let at = |what: String| move |source| writer_error(format!("sheet {name:?}, {what}"), source);

    let layouts = column_layouts(sheet);

    for (c, layout) in layouts.iter().enumerate() {
        let col = col_index(c).map_err(at(format!("column {}", c + 1)))?;
        worksheet
            .set_column_width(col, layout.width as f64)
            .map_err(at(format!("width of column {}", c + 1)))?;
    }

    for (c, header) in sheet.headers.iter().enumerate() {
        let col = col_index(c).map_err(at(format!("header {}", c + 1)))?;
        let text = neutralise(header);
        let wrap = layouts.get(c).is_some_and(|l| l.wrap) || text.contains('\n');
        let format = if wrap {
            &formats.header_wrap
        } else {
            &formats.header
        };
        worksheet
            .write_string_with_format(0, col, text.as_ref(), format)
            .map_err(at(format!("header {}", c + 1)))?;
    }

    for (r, row) in sheet.rows.iter().enumerate() {
        // The hot loop: the error context is only formatted on failure.
        let cell_error = |c: usize| {
            move |source| {
                writer_error(
                    format!("sheet {name:?}, row {}, column {}", r + 2, c + 1),
                    source,
                )
            }
        };
        // Row 0 is the header.
        let row_num = row_index(r + 1).map_err(cell_error(0))?;
        for (c, cell) in row.iter().enumerate() {
            let col = col_index(c).map_err(cell_error(c))?;
            let wrap_column = layouts.get(c).is_some_and(|l| l.wrap);
            write_cell(worksheet, row_num, col, cell, wrap_column, formats)
                .map_err(cell_error(c))?;
        }
    }

    // The header stays visible while scrolling through long tables.
    worksheet
        .set_freeze_panes(1, 0)
        .map_err(at("freeze panes".to_string()))?;

    if let Some(last_col) = layouts.len().checked_sub(1) {
        // Header plus data only: the notes below must not be sorted into the data.
        let last_row = row_index(sheet.rows.len()).map_err(at("autofilter".to_string()))?;
        let last_col = col_index(last_col).map_err(at("autofilter".to_string()))?;
        worksheet
            .autofilter(0, 0, last_row, last_col)
            .map_err(at("autofilter".to_string()))?;
    }

    // One empty row between the table and the notes. A note containing line
    // breaks becomes several rows: without wrapping, Excel would run the
    // lines together, and wrapping would need a column as wide as the note.
    let mut note_row = sheet.rows.len() + 2;
    for note in &sheet.notes {
        for line in note.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let row_num = row_index(note_row).map_err(at(format!("note row {}", note_row + 1)))?;
            worksheet
                .write_string(row_num, 0, neutralise(line).as_ref())
                .map_err(at(format!("note row {}", note_row + 1)))?;
            note_row += 1;
        }
    }

    Ok(())
}

fn write_cell(
    worksheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    cell: &Cell,
    wrap_column: bool,
    formats: &Formats,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    // Non-finite numbers are skipped (left empty): rust_xlsxwriter would
    // otherwise write the strings "NAN"/"INF"/"-INF" into a numeric column,
    // which breaks sums and averages and reads like data.
    match cell {
        Cell::Empty => {}
        Cell::Text(raw) => {
            let text = neutralise(raw);
            // Excel only shows line breaks inside a cell when wrapping is on.
            if wrap_column || text.contains('\n') {
                worksheet.write_string_with_format(row, col, text.as_ref(), &formats.wrap)?;
            } else {
                worksheet.write_string(row, col, text.as_ref())?;
            }
        }
        Cell::Integer(value) => {
            if value.unsigned_abs() <= MAX_EXACT_INTEGER {
                // Exact: |value| < 2^53.
                worksheet.write_number_with_format(row, col, *value as f64, &formats.integer)?;
            } else {
                // Our own digits (no respondent text), so no formula guard is
                // needed; a leading '-' followed only by digits is inert.
                worksheet.write_string(row, col, value.to_string())?;
            }
        }
        Cell::Number(value) => {
            if value.is_finite() {
                worksheet.write_number_with_format(row, col, *value, &formats.number)?;
            }
        }
        Cell::Percent(value) => {
            if value.is_finite() {
                worksheet.write_number_with_format(row, col, *value, &formats.percent)?;
            }
        }
        Cell::Decimal(value, places) => {
            if value.is_finite() {
                worksheet.write_number_with_format(row, col, *value, formats.decimal(*places))?;
            }
        }
    }
    Ok(())
}

fn row_index(index: usize) -> Result<RowNum, rust_xlsxwriter::XlsxError> {
    RowNum::try_from(index).map_err(|_| rust_xlsxwriter::XlsxError::RowColumnLimitError)
}

fn col_index(index: usize) -> Result<ColNum, rust_xlsxwriter::XlsxError> {
    ColNum::try_from(index).map_err(|_| rust_xlsxwriter::XlsxError::RowColumnLimitError)
}

/// Width of one column and whether its text must wrap because it hit the cap.
#[derive(Debug, Clone, Copy, PartialEq)]
struct ColumnLayout {
    width: usize,
    wrap: bool,
}

/// One layout per column, covering the header and the longest data row.
fn column_layouts(sheet: &Sheet) -> Vec<ColumnLayout> {
    let columns = sheet
        .rows
        .iter()
        .map(Vec::len)
        .chain(std::iter::once(sheet.headers.len()))
        .max()
        .unwrap_or(0);
    let mut content = vec![0usize; columns];
    for (c, header) in sheet.headers.iter().enumerate() {
        content[c] = display_width(&neutralise(header)) + FILTER_BUTTON_WIDTH;
    }
    for row in &sheet.rows {
        for (c, cell) in row.iter().enumerate() {
            content[c] = content[c].max(cell_display_width(cell));
        }
    }
    content
        .into_iter()
        .map(|w| {
            let padded = w + COLUMN_PADDING;
            ColumnLayout {
                width: padded.clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH),
                wrap: padded > MAX_COLUMN_WIDTH,
            }
        })
        .collect()
}

/// Width of the text Excel will show for this cell, in Excel character units.
fn cell_display_width(cell: &Cell) -> usize {
    match cell {
        Cell::Empty => 0,
        Cell::Text(raw) => display_width(&neutralise(raw)),
        Cell::Integer(value) => value.to_string().len(),
        Cell::Number(value) if value.is_finite() => format!("{value:.2}").len(),
        Cell::Percent(value) if value.is_finite() => format!("{:.2}%", value * 100.0).len(),
        Cell::Decimal(value, places) if value.is_finite() => {
            let places = usize::from((*places).min(MAX_DECIMALS));
            format!("{value:.places$}").len()
        }
        Cell::Number(_) | Cell::Percent(_) | Cell::Decimal(..) => 0,
    }
}

/// Display width of the widest line: CJK and full-width characters take two
/// Excel character units, everything else one.
fn display_width(text: &str) -> usize {
    text.split('\n')
        .map(|line| line.chars().map(char_width).sum::<usize>())
        .max()
        .unwrap_or(0)
}

fn char_width(c: char) -> usize {
    // East Asian Wide and Fullwidth blocks (a hand-kept subset of Unicode's
    // EastAsianWidth W/F, enough for Chinese survey text without a new crate).
    let wide = matches!(
        u32::from(c),
        0x1100..=0x115F          // Hangul Jamo initials
        | 0x2E80..=0x303E        // CJK radicals, Kangxi, CJK symbols and punctuation
        | 0x3041..=0x33FF        // kana, bopomofo, CJK compatibility
        | 0x3400..=0x4DBF        // CJK extension A
        | 0x4E00..=0x9FFF        // CJK unified ideographs
        | 0xA000..=0xA4CF        // Yi
        | 0xAC00..=0xD7A3        // Hangul syllables
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0xFE10..=0xFE19        // vertical forms
        | 0xFE30..=0xFE6F        // CJK compatibility forms, small forms
        | 0xFF00..=0xFF60        // full-width ASCII
        | 0xFFE0..=0xFFE6        // full-width signs
        | 0x1F300..=0x1F64F      // pictographs, emoticons
        | 0x1F900..=0x1F9FF      // supplemental pictographs
        | 0x20000..=0x2FFFD      // CJK extensions B–F
        | 0x30000..=0x3FFFD // CJK extension G+
    );
    if wide { 2 } else { 1 }
}

/// Makes untrusted text safe to put in a cell.
///
/// Formula injection (OWASP "CSV Injection"): text starting with `=`, `+`,
/// `-`, `@`, tab or carriage return (or their full-width forms) gets a leading
/// `'`. The text is always written as a string cell, never a formula, so the
/// XLSX itself never evaluates it; the apostrophe is what keeps it inert in the
/// copies that escape the XLSX: when an evaluator presses F2+Enter on the cell
/// (Excel re-parses the typed text), pastes it elsewhere, or saves the sheet as
/// CSV and reopens it. The apostrophe is part of the value, as OWASP
/// recommends, rather than Excel's hidden `quotePrefix` style, which is lost on
/// CSV export.
///
/// XML validity and safety: control characters (except tab and newline) and
/// bidirectional overrides are made visible as everywhere else
/// ([`crate::text::visible`]: ESC → ␛, U+009B → `<U+009B>`) instead of
/// silently vanishing or reordering what is read; U+FFFE/U+FFFF, also
/// forbidden in XML, become U+FFFD. CRLF is first reduced to LF, because
/// Windows line endings are ordinary in free-text answers and should not
/// show as ␍ at every line end; a lone CR is shown as ␍.
///
/// Text longer than Excel's 32,767-unit cell limit is cut and ends with `…`,
/// instead of failing the whole export.
fn neutralise(raw: &str) -> Cow<'_, str> {
    let guard = raw.starts_with(FORMULA_TRIGGERS);
    // UTF-8 never has fewer bytes than UTF-16 units, so this is a cheap bound.
    let too_long = raw.len() > MAX_CELL_TEXT_UNITS;
    if !guard && !too_long && !raw.chars().any(needs_replacement) {
        return Cow::Borrowed(raw);
    }

    let mut out = String::with_capacity(raw.len() + 3);
    if guard {
        out.push('\'');
    }
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\t' | '\n' => out.push(c),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c if crate::text::is_hazard(c) => {
                out.push_str(&crate::text::visible(c.encode_utf8(&mut [0; 4])))
            }
            c => out.push(c),
        }
    }

    if out.encode_utf16().count() > MAX_CELL_TEXT_UNITS {
        let keep = truncate_utf16(&out, MAX_CELL_TEXT_UNITS - 1).len();
        out.truncate(keep);
        out.push('…');
    }
    Cow::Owned(out)
}

fn needs_replacement(c: char) -> bool {
    matches!(c, '\r' | '\u{FFFE}' | '\u{FFFF}')
        || (crate::text::is_hazard(c) && !matches!(c, '\t' | '\n'))
}

/// The longest prefix of `text` that fits in `max_units` UTF-16 code units,
/// cut on a character boundary (Excel counts lengths in UTF-16).
fn truncate_utf16(text: &str, max_units: usize) -> &str {
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        units += c.len_utf16();
        if units > max_units {
            return &text[..byte];
        }
    }
    text
}

/// Sheet names Excel accepts, unique without regard to case (Excel compares
/// names case-insensitively), in input order.
fn unique_sheet_names(sheets: &[Sheet]) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    sheets
        .iter()
        .enumerate()
        .map(|(index, sheet)| {
            let base = clean_sheet_name(&sheet.name, index);
            let mut candidate = base.clone();
            let mut n = 2usize;
            while used.contains(&candidate.to_lowercase()) {
                let suffix = format!(" ({n})");
                // The suffix is ASCII, so its byte length is its UTF-16 length.
                let stem = trim_sheet_name(truncate_utf16(
                    &base,
                    MAX_SHEET_NAME_UNITS.saturating_sub(suffix.len()),
                ));
                candidate = format!("{stem}{suffix}");
                n += 1;
            }
            used.insert(candidate.to_lowercase());
            candidate
        })
        .collect()
}

/// Excel's rules: no `[]:*?/\`, no leading/trailing apostrophe, not blank, at
/// most 31 UTF-16 units, and not the reserved name "History".
fn clean_sheet_name(raw: &str, index: usize) -> String {
    let replaced: String = raw
        .chars()
        .map(|c| {
            let forbidden = matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\')
                || c.is_control()
                || matches!(c, '\u{FFFE}' | '\u{FFFF}');
            if forbidden { '_' } else { c }
        })
        .collect();
    let cut = trim_sheet_name(truncate_utf16(
        trim_sheet_name(&replaced),
        MAX_SHEET_NAME_UNITS,
    ));
    if cut.is_empty() {
        format!("Sheet{}", index + 1)
    } else if cut.eq_ignore_ascii_case("History") {
        // Excel keeps "History" for shared-workbook change tracking.
        format!("{cut}_")
    } else {
        cut.to_string()
    }
}

fn trim_sheet_name(name: &str) -> &str {
    name.trim_matches(|c: char| c == '\'' || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use std::io::{Cursor, Read};

    fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
        Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens the workbook")
    }

    fn zip_part(bytes: &[u8], path: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("valid zip");
        let mut part = archive.by_name(path).expect("part exists");
        let mut xml = String::new();
        part.read_to_string(&mut xml).expect("utf-8 xml");
        xml
    }

    fn sheet_xml(bytes: &[u8], index: usize) -> String {
        zip_part(bytes, &format!("xl/worksheets/sheet{index}.xml"))
    }

    fn sheet(name: &str, headers: &[&str], rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            name: name.to_string(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows,
            notes: Vec::new(),
        }
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    fn string(s: &str) -> Data {
        Data::String(s.to_string())
    }

    /// Value at an absolute (row, col); `Data::Empty` outside the used range.
    fn value(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str, pos: (u32, u32)) -> Data {
        let range = book.worksheet_range(name).expect("sheet exists");
        range.get_value(pos).cloned().unwrap_or(Data::Empty)
    }

    fn number_format(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str, pos: (u32, u32)) -> String {
        let styles = book.worksheet_style(name).expect("styles readable");
        styles
            .get(pos)
            .and_then(|s| s.number_format.as_ref())
            .map(|n| n.format_code.clone())
            .unwrap_or_default()
    }

    #[test]
    fn names_headers_and_values_round_trip() {
        let sheets = vec![
            sheet(
                "指标",
                &["指标", "得分", "满意率", "p值", "样本量"],
                vec![
                    vec![
                        text("总体满意度"),
                        Cell::Number(87.456),
                        Cell::Percent(0.8125),
                        Cell::Decimal(0.00012, 4),
                        Cell::Integer(1024),
                    ],
                    vec![
                        text("服务效率"),
                        Cell::Number(-3.5),
                        Cell::Percent(1.0),
                        Cell::Decimal(0.05, 3),
                        Cell::Integer(-7),
                    ],
                    // Ragged: padded with empty cells.
                    vec![text("仅名称")],
                ],
            ),
            sheet("说明", &["项目"], vec![vec![text("口径")]]),
        ];
        let bytes = write_workbook(&sheets).expect("writes");
        let mut book = open(&bytes);
        assert_eq!(
            book.sheet_names(),
            vec!["指标".to_string(), "说明".to_string()]
        );

        let range = book.worksheet_range("指标").expect("sheet");
        assert_eq!(range.start(), Some((0, 0)));
        assert_eq!(range.end(), Some((3, 4)));
        let got: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        let expected = vec![
            vec![
                string("指标"),
                string("得分"),
                string("满意率"),
                string("p值"),
                string("样本量"),
            ],
            vec![
                string("总体满意度"),
                Data::Float(87.456),
                Data::Float(0.8125),
                Data::Float(0.00012),
                Data::Float(1024.0),
            ],
            vec![
                string("服务效率"),
                Data::Float(-3.5),
                Data::Float(1.0),
                Data::Float(0.05),
                Data::Float(-7.0),
            ],
            vec![
                string("仅名称"),
                Data::Empty,
                Data::Empty,
                Data::Empty,
                Data::Empty,
            ],
        ];
        assert_eq!(got, expected);
        assert_eq!(value(&mut book, "说明", (1, 0)), string("口径"));
    }

    #[test]
    fn number_formats_follow_the_cell_type() {
        let sheets = vec![sheet(
            "格式",
            &["分数", "占比", "p", "alpha", "n", "整数"],
            vec![vec![
                Cell::Number(1.5),
                Cell::Percent(0.25),
                Cell::Decimal(0.01, 4),
                Cell::Decimal(0.9, 3),
                Cell::Decimal(12.0, 0),
                Cell::Integer(123_456_789_012),
            ]],
        )];
        let bytes = write_workbook(&sheets).expect("writes");
        let mut book = open(&bytes);
        assert_eq!(number_format(&mut book, "格式", (1, 0)), "0.00");
        assert_eq!(number_format(&mut book, "格式", (1, 1)), "0.00%");
        assert_eq!(number_format(&mut book, "格式", (1, 2)), "0.0000");
        assert_eq!(number_format(&mut book, "格式", (1, 3)), "0.000");
        assert_eq!(number_format(&mut book, "格式", (1, 4)), "0");
        assert_eq!(number_format(&mut book, "格式", (1, 5)), "0");

        // Independently of calamine: styles.xml declares a numFmt "0.00%"
        // (or would use the built-in id 10), an xf uses it, and the percent
        // cell B2 refers to that xf.
        let styles = zip_part(&bytes, "xl/styles.xml");
        let fmt_id = styles
            .split("<numFmt ")
            .skip(1)
            .find(|n| n.contains("formatCode=\"0.00%\""))
            .and_then(|n| n.split('"').nth(1))
            .unwrap_or("10")
            .to_string();
        let cell_xfs = styles
            .split("<cellXfs")
            .nth(1)
            .and_then(|s| s.split("</cellXfs>").next())
            .expect("cellXfs");
        let percent_xf = cell_xfs
            .split("<xf ")
            .skip(1)
            .position(|xf| xf.contains(&format!("numFmtId=\"{fmt_id}\"")))
            .expect("an xf with the 0.00% format");
        assert!(sheet_xml(&bytes, 1).contains(&format!("<c r=\"B2\" s=\"{percent_xf}\"")));
    }

    #[test]
    fn header_is_bold_and_text_is_not() {
        let sheets = vec![sheet("s", &["题目"], vec![vec![text("回答")]])];
        let mut book = open(&write_workbook(&sheets).expect("writes"));
        let styles = book.worksheet_style("s").expect("styles");
        let bold = |pos| {
            styles
                .get(pos)
                .and_then(|s| s.font.as_ref())
                .is_some_and(|f| f.is_bold())
        };
        assert!(bold((0, 0)));
        assert!(!bold((1, 0)));
    }

    #[test]
    fn formula_like_text_is_guarded_and_never_a_formula() {
        let inputs = [
            "=HYPERLINK(\"http://x\",\"点击\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tcmd",
            "＝1+1",
        ];
        let expected = [
            "'=HYPERLINK(\"http://x\",\"点击\")",
            "'+1",
            "'-2",
            "'@SUM(A1)",
            "'\tcmd",
            "'＝1+1",
        ];
        let mut s = sheet(
            "注入",
            &["=header", "ok"],
            inputs.iter().map(|i| vec![text(i), text("a=b")]).collect(),
        );
        s.notes = vec!["=note".to_string()];
        let bytes = write_workbook(&[s]).expect("writes");
        let mut book = open(&bytes);
        for (r, want) in expected.iter().enumerate() {
            let row = u32::try_from(r + 1).expect("small");
            assert_eq!(value(&mut book, "注入", (row, 0)), string(want));
            // Text that merely contains '=' is left alone.
            assert_eq!(value(&mut book, "注入", (row, 1)), string("a=b"));
        }
        assert_eq!(value(&mut book, "注入", (0, 0)), string("'=header"));
        let note_row = u32::try_from(inputs.len() + 2).expect("small");
        assert_eq!(value(&mut book, "注入", (note_row, 0)), string("'=note"));

        let formulas = book.worksheet_formula("注入").expect("formulas");
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
        let xml = sheet_xml(&bytes, 1);
        assert!(!xml.contains("<f>") && !xml.contains("<f "), "{xml}");
    }

    #[test]
    fn carriage_return_at_start_is_guarded_and_shown() {
        let bytes =
            write_workbook(&[sheet("s", &["h"], vec![vec![text("\r=1+1")]])]).expect("writes");
        let mut book = open(&bytes);
        assert_eq!(value(&mut book, "s", (1, 0)), string("'\u{240D}=1+1"));
    }

    #[test]
    fn control_characters_become_visible_symbols() {
        let rows = vec![
            vec![text("a\u{1b}b\u{0}c\u{7}d\u{7f}e\rf")],
            vec![text("第一行\r\n第二行")],
            vec![text("tab\tand\nnewline")],
            vec![text("bad\u{FFFF}char")],
        ];
        let bytes = write_workbook(&[sheet("s", &["h\u{1}"], rows)]).expect("writes");
        let mut book = open(&bytes);
        assert_eq!(value(&mut book, "s", (0, 0)), string("h\u{2401}"));
        assert_eq!(value(&mut book, "s", (1, 0)), string("a␛b␀c␇d␡e␍f"));
        assert_eq!(value(&mut book, "s", (2, 0)), string("第一行\n第二行"));
        assert_eq!(value(&mut book, "s", (3, 0)), string("tab\tand\nnewline"));
        assert_eq!(value(&mut book, "s", (4, 0)), string("bad\u{FFFD}char"));
        // The writer's own _xHHHH_ escapes are not needed any more.
        let strings = zip_part(&bytes, "xl/sharedStrings.xml");
        assert!(!strings.contains("_x001B_") && !strings.contains("_x0000_"));
    }

    #[test]
    fn non_finite_numbers_are_empty_cells() {
        let rows = vec![vec![
            Cell::Number(f64::NAN),
            Cell::Percent(f64::INFINITY),
            Cell::Decimal(f64::NEG_INFINITY, 3),
            Cell::Integer(1),
        ]];
        let bytes = write_workbook(&[sheet("s", &["a", "b", "c", "d"], rows)]).expect("writes");
        let mut book = open(&bytes);
        for col in 0..3 {
            assert_eq!(value(&mut book, "s", (1, col)), Data::Empty, "column {col}");
        }
        assert_eq!(value(&mut book, "s", (1, 3)), Data::Float(1.0));
        let xml = sheet_xml(&bytes, 1);
        assert!(!xml.contains("<c r=\"A2\""), "{xml}");
        assert!(!xml.contains("t=\"e\""));
    }

    #[test]
    fn sheet_names_are_sanitised_and_unique() {
        let long = "长".repeat(40);
        let names = [
            "指标",
            "指标",
            "Summary",
            "SUMMARY",
            "a/b:c*d?e[f]g\\h",
            "'引用'",
            "",
            long.as_str(),
            long.as_str(),
            "history",
        ];
        let sheets: Vec<Sheet> = names.iter().map(|n| sheet(n, &["h"], vec![])).collect();
        let bytes = write_workbook(&sheets).expect("writes");
        let got = open(&bytes).sheet_names();
        let cut31 = "长".repeat(31);
        let cut27 = "长".repeat(27);
        assert_eq!(
            got,
            vec![
                "指标".to_string(),
                "指标 (2)".to_string(),
                "Summary".to_string(),
                "SUMMARY (2)".to_string(),
                "a_b_c_d_e_f_g_h".to_string(),
                "引用".to_string(),
                "Sheet7".to_string(),
                cut31,
                format!("{cut27} (2)"),
                "history_".to_string(),
            ]
        );
        for name in &got {
            assert!(name.encode_utf16().count() <= 31, "{name}");
        }
    }

    #[test]
    fn header_row_is_frozen_and_filtered() {
        let rows = vec![
            vec![text("a"), Cell::Integer(1)],
            vec![text("b"), Cell::Integer(2), text("extra")],
        ];
        let mut s = sheet("s", &["名称", "数量"], rows);
        s.notes = vec!["注：说明".to_string()];
        let bytes = write_workbook(&[s]).expect("writes");
        let xml = sheet_xml(&bytes, 1);
        assert!(
            xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\""),
            "{xml}"
        );
        assert!(xml.contains("state=\"frozen\""), "{xml}");
        // Header plus data, widened to the longest ragged row, notes excluded.
        assert!(xml.contains("<autoFilter ref=\"A1:C3\"/>"), "{xml}");
        let workbook = zip_part(&bytes, "xl/workbook.xml");
        assert!(workbook.contains("_xlnm._FilterDatabase"), "{workbook}");
    }

    #[test]
    fn notes_follow_one_empty_row() {
        let mut s = sheet("s", &["h"], vec![vec![text("x")], vec![text("y")]]);
        s.notes = vec![
            "方法：李克特五级量表。".to_string(),
            "第一行\r\n第二行".to_string(),
        ];
        let mut book = open(&write_workbook(&[s]).expect("writes"));
        assert_eq!(value(&mut book, "s", (3, 0)), Data::Empty);
        assert_eq!(
            value(&mut book, "s", (4, 0)),
            string("方法：李克特五级量表。")
        );
        assert_eq!(value(&mut book, "s", (5, 0)), string("第一行"));
        assert_eq!(value(&mut book, "s", (6, 0)), string("第二行"));
    }

    #[test]
    fn chinese_text_round_trips_exactly() {
        let samples = [
            "非常满意",
            "绩效评价：财政支出项目（2024年度）",
            "“引号”、《书名》，全角！？",
            "混合 mixed 文本 123",
            "多行\n回答",
            "𠀀𪚥 生僻字",
            "emoji 😀👍",
            "_x0041_ 字面量",
            "  前后空格  ",
        ];
        let rows = samples.iter().map(|s| vec![text(s)]).collect();
        let mut book =
            open(&write_workbook(&[sheet("中文", &["回答内容"], rows)]).expect("writes"));
        for (r, want) in samples.iter().enumerate() {
            let row = u32::try_from(r + 1).expect("small");
            assert_eq!(value(&mut book, "中文", (row, 0)), string(want));
        }
    }

    #[test]
    fn zero_sheets_give_one_empty_sheet1() {
        let bytes = write_workbook(&[]).expect("writes");
        let mut book = open(&bytes);
        assert_eq!(book.sheet_names(), vec!["Sheet1".to_string()]);
        assert!(book.worksheet_range("Sheet1").expect("sheet").is_empty());
    }

    #[test]
    fn sheet_without_rows_keeps_its_header() {
        let bytes = write_workbook(&[sheet("空表", &["指标", "得分"], vec![])]).expect("writes");
        let mut book = open(&bytes);
        assert_eq!(value(&mut book, "空表", (0, 0)), string("指标"));
        assert_eq!(value(&mut book, "空表", (0, 1)), string("得分"));
        assert!(sheet_xml(&bytes, 1).contains("<autoFilter ref=\"A1:B1\"/>"));
    }

    #[test]
    fn display_width_counts_cjk_as_two() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("指标"), 4);
        assert_eq!(display_width("ＡＢ，"), 6);
        assert_eq!(display_width("ab\n满意度"), 6);
        assert_eq!(display_width(""), 0);
    }

    #[test]
    fn column_widths_fit_content_and_cap_with_wrap() {
        let long = "很".repeat(50);
        let s = sheet(
            "s",
            &["n", "满意度", "意见"],
            vec![
                vec![Cell::Integer(5), Cell::Percent(0.5), text(&long)],
                vec![Cell::Empty, Cell::Percent(1.0), text("短")],
            ],
        );
        let layouts = column_layouts(&s);
        assert_eq!(
            layouts,
            vec![
                // "n" + button + padding = 4, raised to the minimum.
                ColumnLayout {
                    width: 6,
                    wrap: false
                },
                // header 6 + button 2 > "100.00%" (7); + padding.
                ColumnLayout {
                    width: 9,
                    wrap: false
                },
                // 100 units of text: capped, wrapped.
                ColumnLayout {
                    width: 60,
                    wrap: true
                },
            ]
        );
        let bytes = write_workbook(&[s]).expect("writes");
        let mut book = open(&bytes);
        let styles = book.worksheet_style("s").expect("styles");
        let wraps = |pos| {
            styles
                .get(pos)
                .and_then(|s| s.alignment.as_ref())
                .is_some_and(|a| a.wrap_text)
        };
        assert!(wraps((1, 2)) && wraps((2, 2)) && wraps((0, 2)));
        assert!(!wraps((1, 1)));
        // Widths reach the file: the capped column is the widest by far.
        let xml = sheet_xml(&bytes, 1);
        assert!(
            xml.contains("<col min=\"3\" max=\"3\" width=\"60.7109375\""),
            "{xml}"
        );
    }

    #[test]
    fn output_is_deterministic() {
        let s = sheet("s", &["h"], vec![vec![text("x"), Cell::Percent(0.3)]]);
        let first = write_workbook(std::slice::from_ref(&s)).expect("writes");
        let second = write_workbook(&[s]).expect("writes");
        assert_eq!(first, second);
        let core = zip_part(&first, "docProps/core.xml");
        assert!(core.contains("2000-01-01T00:00:00Z"), "{core}");
    }

    #[test]
    fn huge_integers_and_overlong_text_do_not_fail() {
        let long = "长".repeat(40_000);
        let rows = vec![vec![
            Cell::Integer(i64::MIN),
            Cell::Integer(999_999_999_999_999),
            text(&long),
        ]];
        let bytes = write_workbook(&[sheet("s", &["a", "b", "c"], rows)]).expect("writes");
        let mut book = open(&bytes);
        assert_eq!(
            value(&mut book, "s", (1, 0)),
            string("-9223372036854775808")
        );
        assert_eq!(
            value(&mut book, "s", (1, 1)),
            Data::Float(999_999_999_999_999.0)
        );
        let Data::String(cut) = value(&mut book, "s", (1, 2)) else {
            panic!("text cell expected");
        };
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_TEXT_UNITS);
        assert!(cut.ends_with('…') && cut.starts_with("长长"));
    }

    #[test]
    fn writer_errors_carry_context_and_source() {
        // Excel has 16,384 columns; one more must be reported, not panic.
        let row = vec![Cell::Integer(1); 16_385];
        let err = write_workbook(&[sheet("宽表", &[], vec![row])]).expect_err("too wide");
        let message = err.to_string();
        assert!(message.contains("宽表"), "{message}");
        assert!(err.source().is_some());
    }
}
