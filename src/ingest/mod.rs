//! Reading exports into a columnar [`Table`]: CSV in UTF-8 (with or without BOM), GBK/GB18030 or
//! UTF-16, and spreadsheets (XLSX, XLS, ODS) through calamine. Raw exports are only ever opened for
//! reading.

pub mod codes;
pub mod column;
mod delimited;
pub mod encoding;
mod interner;
mod spreadsheet;
pub mod values;

pub use codes::Codes;
pub use column::{Column, ColumnKind, IpColumn, Parsed, TextColumn};
pub use encoding::{Encoding, EncodingChoice};

use crate::error::{Error, Result};
use column::Builder;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub encoding: EncodingChoice,
    /// Worksheet to read from a workbook; the first one when `None`.
    pub sheet: Option<String>,
    /// Threads a large CSV may be parsed with.
    pub threads: usize,
    /// CSV files smaller than this are parsed on one thread: splitting would cost more than it
    /// saves.
    pub parallel_min_bytes: u64,
    /// Bytes read so far, for a progress display (the terminal UI's loading screen).
    pub progress: Option<std::sync::Arc<std::sync::atomic::AtomicU64>>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            encoding: EncodingChoice::Auto,
            sheet: None,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get().min(8)),
            parallel_min_bytes: 8 << 20,
            progress: None,
        }
    }
}

/// One export, column by column.
#[derive(Debug, Clone)]
pub struct Table {
    pub path: PathBuf,
    /// `csv`, `tsv`, `xlsx`, `xls`, `ods`.
    pub format: &'static str,
    /// The text encoding of a CSV; `None` for workbooks (which store Unicode).
    pub encoding: Option<Encoding>,
    pub headers: Vec<String>,
    pub columns: Vec<Column>,
    pub rows: usize,
    /// The 1-based data row in the file of each table row, present only when all-empty rows were
    /// skipped and the numbering therefore has gaps.
    pub file_rows: Option<Vec<u32>>,
    pub skipped_empty_rows: usize,
    /// How many pieces the file was parsed in (1 unless a large CSV was read in parallel).
    pub chunks: usize,
}

impl Table {
    /// The 1-based data row in the file (the header is row 0) of table row `row`.
    pub fn file_row(&self, row: usize) -> u64 {
        match &self.file_rows {
            Some(rows) => u64::from(rows[row]),
            None => row as u64 + 1,
        }
    }

    /// How an error message names column `index`: its header, or its number when blank.
    pub fn column_name(&self, index: usize) -> String {
        match self.headers.get(index).map(|h| h.trim()) {
            Some(h) if !h.is_empty() => format!("{} 「{}」", index + 1, h),
            _ => (index + 1).to_string(),
        }
    }
}

/// Reads the export at `path`. `plan` is shown the decoded headers and says how to store each
/// column (metadata columns are parsed, the rest dictionary-encoded).
pub fn read_table(
    path: &Path,
    options: &ReadOptions,
    plan: &dyn Fn(&[String]) -> Vec<ColumnKind>,
) -> Result<Table> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, &e))?;
    if meta.is_dir() {
        return Err(Error::input("is a directory, not an export file").in_file(path));
    }
    let mut prefix = Vec::with_capacity(8192);
    std::fs::File::open(path)
        .map_err(|e| Error::io(path, &e))?
        .take(8192)
        .read_to_end(&mut prefix)
        .map_err(|e| Error::io(path, &e))?;
    if prefix.is_empty() {
        return Err(Error::input(
            "the file is empty (0 bytes): expected a CSV or XLSX export with a header row",
        )
        .in_file(path));
    }
    if is_workbook(path, &prefix) {
        let table = spreadsheet::read(path, options, plan);
        if let Some(p) = &options.progress {
            p.fetch_add(meta.len(), std::sync::atomic::Ordering::Relaxed);
        }
        table
    } else {
        delimited::read(path, options, &prefix, plan)
    }
}

fn is_workbook(path: &Path, prefix: &[u8]) -> bool {
    let zip = prefix.starts_with(b"PK\x03\x04");
    let ole = prefix.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    zip || ole
        || matches!(
            ext.as_deref(),
            Some("xlsx" | "xlsm" | "xls" | "xlsb" | "ods")
        )
}

/// Decodes every builder's values; an undecodable cell becomes an error naming its row and column.
pub(crate) fn finish_columns(
    table: &Table,
    builders: Vec<Builder>,
    encoding: Encoding,
    choice: EncodingChoice,
) -> Result<Vec<Column>> {
    let decode = |b: &[u8]| encoding.decode(b);
    let mut columns = Vec::with_capacity(builders.len());
    for (index, builder) in builders.into_iter().enumerate() {
        match builder.finish(&decode) {
            Ok(c) => columns.push(c),
            Err(bad) => {
                let hint = match choice {
                    EncodingChoice::Auto => String::from("the file mixes encodings"),
                    _ => String::from("try --encoding auto, or the other of utf-8 and gbk"),
                };
                return Err(
                    Error::input(format!("this cell is not valid {encoding} ({hint})"))
                        .in_file(&table.path)
                        .at_row(table.file_row(bad.row as usize))
                        .at_column(table.column_name(index)),
                );
            }
        }
    }
    Ok(columns)
}
