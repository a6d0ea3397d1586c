//! Workbooks (XLSX, XLS, ODS) through calamine: the first worksheet (or the one named with
//! `--sheet`), first row as header. Cells are turned into the text an export would have held,
//! so that a workbook and the same data as CSV give identical figures: whole numbers without a
//! decimal point, dates as `2024/07/15 10:23:45`.

use super::column::{Builder, ColumnKind};
use super::{ReadOptions, Table, finish_columns, values};
use crate::error::{Error, Result};
use calamine::{Data, Reader};
use std::path::Path;

pub(crate) fn read(
    path: &Path,
    options: &ReadOptions,
    plan: &dyn Fn(&[String]) -> Vec<ColumnKind>,
) -> Result<Table> {
    let mut workbook = calamine::open_workbook_auto(path)
        .map_err(|e| Error::input(format!("could not open the workbook: {e}")).in_file(path))?;
    let names = workbook.sheet_names();
    let name = match &options.sheet {
        Some(wanted) => names
            .iter()
            .find(|n| *n == wanted)
            .cloned()
            .ok_or_else(|| {
                Error::usage(format!(
                    "no worksheet named '{wanted}'; the workbook has: {}",
                    names.join(", ")
                ))
                .in_file(path)
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::input("the workbook has no worksheets").in_file(path))?,
    };
    let range = workbook.worksheet_range(&name).map_err(|e| {
        Error::input(format!("could not read worksheet '{name}': {e}")).in_file(path)
    })?;
    let format = match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
    {
        Some(e) if e == "xls" => "xls",
        Some(e) if e == "ods" => "ods",
        _ => "xlsx",
    };

    let mut rows = range.rows();
    let header_row = rows.next().ok_or_else(|| {
        Error::input(format!(
            "worksheet '{name}' is empty: expected a header row"
        ))
        .in_file(path)
    })?;
    // Trailing blank header cells (a formatted but unused column) are not columns.
    let width = header_row
        .iter()
        .rposition(|c| !cell_text(c).trim().is_empty())
        .map_or(0, |i| i + 1);
    if width == 0 {
        return Err(Error::input(format!(
            "worksheet '{name}' has an empty first row: expected the header"
        ))
        .in_file(path));
    }
    let headers: Vec<String> = header_row[..width].iter().map(cell_text).collect();
    let kinds = plan(&headers);
    let capacity = range.height().saturating_sub(1);
    let mut builders: Vec<Builder> = kinds.iter().map(|&k| Builder::new(k, capacity)).collect();
    let mut kept = Vec::with_capacity(capacity);
    let mut skipped = 0usize;
    for (index, row) in rows.enumerate() {
        let cells: Vec<String> = (0..width)
            .map(|c| row.get(c).map(cell_text).unwrap_or_default())
            .collect();
        if cells.iter().all(|c| c.is_empty()) {
            skipped += 1;
            continue;
        }
        let table_row = kept.len() as u32;
        for (builder, cell) in builders.iter_mut().zip(&cells) {
            builder.push(table_row, cell.as_bytes());
        }
        kept.push(index as u32 + 1);
    }
    let rows = kept.len();
    let mut table = Table {
        path: path.to_path_buf(),
        format,
        encoding: None,
        headers,
        columns: Vec::new(),
        rows,
        file_rows: (skipped > 0).then_some(kept),
        skipped_empty_rows: skipped,
        chunks: 1,
    };
    table.columns = finish_columns(
        &table,
        builders,
        super::Encoding::Utf8,
        super::EncodingChoice::Auto,
    )?;
    Ok(table)
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
