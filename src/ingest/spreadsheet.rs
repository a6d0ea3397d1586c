//! Workbooks (XLSX, XLSB, XLS, ODS) through calamine: the first worksheet (or the one named with
//! `--sheet`), first row as header. Cells are turned into the text an export would have held,
//! so that a workbook and the same data as CSV give identical figures: whole numbers without a
//! decimal point, dates as `2024/07/15 10:23:45`.
//!
//! A workbook is opened by what it holds, not by its name (an old `.xls` renamed `.xlsx` is still
//! read), and its cells are read one by one rather than as a rectangle: a sheet's declared size,
//! or one stray value in its last cell, costs nothing, since memory follows the cells that exist.
//! The reader runs behind `catch_unwind` so that a malformed workbook it trips on is an input
//! error naming the file and the sheet, never a crash.

use super::column::{Builder, ColumnKind};
use super::{ReadOptions, Table, finish_columns, values};
use crate::error::{Error, Result};
use crate::i18n::{Message, ingest::list};
use crate::msg;
use calamine::{Data, Reader, Sheets};
use std::io::BufReader;
use std::path::Path;

/// What the file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Container {
    /// A zip archive: XLSX, XLSB or ODS.
    Zip,
    /// An OLE2 compound document: an old Excel `.xls`, or an encrypted XLSX.
    Ole,
}

/// The largest sheet Excel (and LibreOffice) allows; a cell beyond it means a damaged file.
const MAX_ROWS: u32 = 1 << 20;
const MAX_COLUMNS: u32 = 1 << 14;

/// A sheet's non-empty cells: 0-based row and column, and the cell as export text.
type Cells = Vec<(u32, u32, String)>;

struct Sheet {
    name: String,
    format: &'static str,
    cells: Cells,
}

pub(crate) fn read(
    path: &Path,
    options: &ReadOptions,
    plan: &dyn Fn(&[String]) -> Vec<ColumnKind>,
    container: Container,
) -> Result<Table> {
    let mut sheet_name = None;
    let sheet = match quietly(|| read_sheet(path, options, container, &mut sheet_name)) {
        Ok(sheet) => sheet?,
        Err(why) => {
            let why = why.map_or_else(|| msg!(ingest.reader_failed_silently), Message::raw);
            let message = match &sheet_name {
                Some(name) => msg!(ingest.sheet_reader_failed, name, why),
                None => msg!(ingest.workbook_reader_failed, why),
            };
            return Err(Error::input(message).in_file(path));
        }
    };
    let mut table = build(path, sheet.name, sheet.format, sheet.cells, plan)?;
    let named = extension(path);
    if !named.is_empty() && named != table.format && !(named == "xlsm" && table.format == "xlsx") {
        let kind = match table.format {
            "xls" => msg!(ingest.kind_xls),
            "xlsb" => msg!(ingest.kind_xlsb),
            "ods" => msg!(ingest.kind_ods),
            _ => msg!(ingest.kind_xlsx),
        };
        table
            .notes
            .push(msg!(ingest.note_named_other_format, named, kind));
    }
    Ok(table)
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default()
}

type Book = Sheets<BufReader<std::fs::File>>;

/// Opens the workbook with the reader its content calls for: for a zip the one its name suggests
/// first, then the others.
fn open(path: &Path, container: Container) -> std::result::Result<Book, calamine::Error> {
    let xlsx = || calamine::open_workbook(path).map(Sheets::Xlsx);
    let xlsb = || calamine::open_workbook(path).map(Sheets::Xlsb);
    let ods = || calamine::open_workbook(path).map(Sheets::Ods);
    let xls = || calamine::open_workbook(path).map(Sheets::Xls);
    type Open<'a> = &'a dyn Fn() -> std::result::Result<Book, calamine::Error>;
    let xlsx: Open = &|| xlsx().map_err(calamine::Error::Xlsx);
    let xlsb: Open = &|| xlsb().map_err(calamine::Error::Xlsb);
    let ods: Open = &|| ods().map_err(calamine::Error::Ods);
    let xls: Open = &|| xls().map_err(calamine::Error::Xls);
    let order: [Open; 3] = match (container, extension(path).as_str()) {
        // An encrypted XLSX is an OLE file too; the XLSX reader says it is password-protected.
        (Container::Ole, _) => [xls, xlsx, xlsx],
        (Container::Zip, "xlsb") => [xlsb, xlsx, ods],
        (Container::Zip, "ods") => [ods, xlsx, xlsb],
        (Container::Zip, _) => [xlsx, xlsb, ods],
    };
    let mut first = None;
    for attempt in order {
        match attempt() {
            Ok(book) => return Ok(book),
            Err(e) if is_password(&e) => return Err(e),
            Err(e) => {
                first.get_or_insert(e);
            }
        }
    }
    Err(first.expect("at least one reader was tried"))
}

fn is_password(e: &calamine::Error) -> bool {
    matches!(
        e,
        calamine::Error::Xlsx(calamine::XlsxError::Password)
            | calamine::Error::Xls(calamine::XlsError::Password)
            | calamine::Error::Ods(calamine::OdsError::Password)
    )
}

/// What to tell a person whose workbook would not open.
fn open_error(e: &calamine::Error, container: Container) -> Message {
    use calamine::{Error as E, OdsError, XlsbError, XlsxError};
    if is_password(e) {
        return msg!(ingest.password_protected);
    }
    match (e, container) {
        (E::Xlsx(XlsxError::Zip(z)), _)
        | (E::Xlsb(XlsbError::Zip(z)), _)
        | (E::Ods(OdsError::Zip(z)), _) => msg!(ingest.zip_damaged, z),
        (E::Xlsx(XlsxError::FileNotFound(_) | XlsxError::RelationshipNotFound), Container::Zip) => {
            msg!(ingest.zip_not_workbook, e)
        }
        (_, Container::Ole) => msg!(ingest.xls_unreadable, e),
        _ => msg!(ingest.workbook_unopenable, e),
    }
}

/// Opens the workbook, picks the sheet and collects its cells. Runs under `catch_unwind`:
/// `sheet_name` says which sheet was being read if it panics.
fn read_sheet(
    path: &Path,
    options: &ReadOptions,
    container: Container,
    sheet_name: &mut Option<String>,
) -> Result<Sheet> {
    let mut book =
        open(path, container).map_err(|e| Error::input(open_error(&e, container)).in_file(path))?;
    let names = book.sheet_names();
    let name = match &options.sheet {
        Some(wanted) => names
            .iter()
            .find(|n| *n == wanted)
            .cloned()
            .ok_or_else(|| {
                Error::usage(msg!(ingest.no_such_sheet, wanted, list(&names))).in_file(path)
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::input(msg!(ingest.no_worksheets)).in_file(path))?,
    };
    *sheet_name = Some(name.clone());
    let failed =
        |e: &dyn std::fmt::Display| Error::input(msg!(ingest.sheet_damaged, name, e)).in_file(path);
    let mut cells = Cells::new();
    let mut add = |pos: (u32, u32), data: Data| -> Result<()> {
        if pos.0 >= MAX_ROWS || pos.1 >= MAX_COLUMNS {
            return Err(
                Error::input(msg!(ingest.cell_beyond_sheet, name, cell_reference(pos)))
                    .in_file(path),
            );
        }
        cells.push((pos.0, pos.1, cell_text(&data)));
        Ok(())
    };
    let format = match &mut book {
        Sheets::Xlsx(x) => {
            let mut reader = x.worksheet_cells_reader(&name).map_err(|e| match e {
                calamine::XlsxError::NotAWorksheet(kind) => {
                    Error::input(msg!(ingest.not_a_worksheet, name, kind)).in_file(path)
                }
                e => failed(&e),
            })?;
            while let Some(cell) = reader.next_cell().map_err(|e| failed(&e))? {
                if *cell.get_value() != calamine::DataRef::Empty {
                    add(cell.get_position(), cell.get_value().clone().into())?;
                }
            }
            "xlsx"
        }
        Sheets::Xlsb(x) => {
            let mut reader = x.worksheet_cells_reader(&name).map_err(|e| failed(&e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| failed(&e))? {
                if *cell.get_value() != calamine::DataRef::Empty {
                    add(cell.get_position(), cell.get_value().clone().into())?;
                }
            }
            "xlsb"
        }
        // These readers hold the sheet in memory already; their cells are bounded by the
        // format's own limits (XLS: 65,536 × 256) or checked by calamine (ODS).
        book => {
            let range = book.worksheet_range(&name).map_err(|e| failed(&e))?;
            if let Some((row0, col0)) = range.start() {
                for (r, c, data) in range.used_cells() {
                    add((row0 + r as u32, col0 + c as u32), data.clone())?;
                }
            }
            match book {
                Sheets::Ods(_) => "ods",
                _ => "xls",
            }
        }
    };
    Ok(Sheet {
        name,
        format,
        cells,
    })
}

/// `A1` notation of a 0-based position.
fn cell_reference((row, col): (u32, u32)) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8(letters).unwrap_or_default(),
        u64::from(row) + 1
    )
}

/// The table of a sheet's cells: the first row that has a cell is the header, and columns start
/// at the leftmost cell of the sheet, as they would in the rectangle calamine would make of it.
fn build(
    path: &Path,
    name: String,
    format: &'static str,
    mut cells: Cells,
    plan: &dyn Fn(&[String]) -> Vec<ColumnKind>,
) -> Result<Table> {
    // Stable, so that of two cells at one position (a malformed file) the later wins, as it does
    // in calamine's ranges.
    cells.sort_by_key(|&(r, c, _)| (r, c));
    let mut unique: Cells = Vec::with_capacity(cells.len());
    for cell in cells {
        match unique.last_mut() {
            Some(last) if (last.0, last.1) == (cell.0, cell.1) => *last = cell,
            _ => unique.push(cell),
        }
    }
    let cells = unique;
    let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
        return Err(Error::input(msg!(ingest.sheet_empty, name)).in_file(path));
    };
    let (header_row, last_row) = (first.0, last.0);
    let first_col = cells.iter().map(|c| c.1).min().unwrap_or(0);
    let header_end = cells.partition_point(|c| c.0 == header_row);
    // Trailing blank header cells (a formatted but unused column) are not columns.
    let width = cells[..header_end]
        .iter()
        .filter(|c| !c.2.trim().is_empty())
        .map(|c| (c.1 - first_col) as usize + 1)
        .max()
        .unwrap_or(0);
    if width == 0 {
        return Err(Error::input(msg!(ingest.sheet_no_header, name)).in_file(path));
    }
    let mut headers = vec![String::new(); width];
    for (_, c, text) in &cells[..header_end] {
        if let Some(h) = headers.get_mut((c - first_col) as usize) {
            h.clone_from(text);
        }
    }
    let kinds = plan(&headers);

    // Rows with a non-empty cell under the header: those are the responses.
    let in_table =
        |c: &&(u32, u32, String)| ((c.1 - first_col) as usize) < width && !c.2.is_empty();
    let mut cells: Vec<&(u32, u32, String)> = cells[header_end..].iter().filter(in_table).collect();
    let mut kept: Vec<u32> = cells.iter().map(|c| c.0).collect();
    kept.dedup();
    // Column by column: row by row, a wide sheet would fetch every builder's memory for each cell.
    cells.sort_by_key(|c| (c.1, c.0));
    let mut builders: Vec<Builder> = kinds.iter().map(|&k| Builder::new(k, kept.len())).collect();
    let mut next = cells.iter().peekable();
    for (col, builder) in builders.iter_mut().enumerate() {
        for (table_row, &r) in kept.iter().enumerate() {
            let text = match next.peek() {
                Some(c) if (c.1 - first_col) as usize == col && c.0 == r => {
                    next.next().map_or("", |c| c.2.as_str())
                }
                _ => "",
            };
            builder.push(table_row as u32, text.as_bytes());
        }
    }
    for r in &mut kept {
        *r -= header_row;
    }
    // Every row between the header and the last cell that is not a response was skipped, as an
    // empty row of a CSV is.
    let skipped = (last_row - header_row) as usize - kept.len();
    let mut table = Table {
        path: path.to_path_buf(),
        format,
        encoding: None,
        headers,
        columns: Vec::new(),
        rows: kept.len(),
        file_rows: (skipped > 0).then_some(kept),
        skipped_empty_rows: skipped,
        chunks: 1,
        notes: Vec::new(),
    };
    table.columns = finish_columns(
        &table,
        builders,
        super::Encoding::Utf8,
        super::EncodingChoice::Auto,
    )?;
    Ok(table)
}

std::thread_local! {
    /// Set while a reader runs under `quietly`: its panic is an error message, not a crash report.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `work`, turning a panic into its message (`None` when it has none). The panic hook is
/// told to stay silent for a panic caught here (and only on this thread), so that the person sees
/// one error, not a backtrace followed by an error.
fn quietly<T>(work: impl FnOnce() -> T) -> std::result::Result<T, Option<String>> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    QUIET.with(|q| q.set(was));
    outcome.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
    })
}

/// The text a CSV export would hold for this cell.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                format!("{f}")
            }
        }
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if dt.is_duration() {
                let total = (dt.as_f64() * 86_400.0).round() as i64;
                format!("{total}秒")
            } else {
                values::format_timestamp(values::timestamp(
                    i64::from(y),
                    u32::from(mo),
                    u32::from(d),
                    u32::from(h),
                    u32::from(mi),
                    u32::from(s),
                ))
            }
        }
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_kinds(headers: &[String]) -> Vec<ColumnKind> {
        vec![ColumnKind::Text; headers.len()]
    }

    fn cell(r: u32, c: u32, t: &str) -> (u32, u32, String) {
        (r, c, t.to_string())
    }

    #[test]
    fn references_are_written_as_excel_writes_them() {
        assert_eq!(cell_reference((0, 0)), "A1");
        assert_eq!(cell_reference((9, 27)), "AB10");
        assert_eq!(cell_reference((1_048_575, 16_383)), "XFD1048576");
    }

    #[test]
    fn a_far_stray_cell_costs_nothing_and_the_table_is_read() {
        let mut cells = vec![
            cell(1, 0, "1"),
            cell(1, 1, "满意"),
            cell(0, 1, "1、满意度"),
            cell(0, 0, "序号"),
            cell(3, 0, "2"),
            cell(3, 1, "一般"),
            cell(1_048_575, 16_383, "x"),
        ];
        cells.push(cell(1, 1, "非常满意"));
        let t = build(Path::new("t.xlsx"), "S".into(), "xlsx", cells, &text_kinds).unwrap();
        assert_eq!(t.headers, ["序号", "1、满意度"]);
        assert_eq!(t.rows, 2);
        assert_eq!(t.file_row(0), 1);
        assert_eq!(t.file_row(1), 3);
        // The later of two cells at one position wins.
        assert_eq!(t.columns[1].display(0), "非常满意");
        assert_eq!(t.skipped_empty_rows, 1_048_575 - 2);
    }

    #[test]
    fn columns_start_at_the_leftmost_cell() {
        let cells = vec![
            cell(2, 2, "序号"),
            cell(2, 3, "1、满意度"),
            cell(3, 2, "1"),
            cell(3, 3, "满意"),
            cell(4, 1, "note"),
        ];
        let t = build(Path::new("t.xlsx"), "S".into(), "xlsx", cells, &text_kinds).unwrap();
        assert_eq!(t.headers, ["", "序号", "1、满意度"]);
        assert_eq!(t.rows, 2);
        assert_eq!(t.columns[0].display(1), "note");
    }

    #[test]
    fn a_reader_panic_is_a_message() {
        let r: std::result::Result<(), _> = quietly(|| panic!("capacity overflow"));
        assert_eq!(r.unwrap_err().as_deref(), Some("capacity overflow"));
    }
}
