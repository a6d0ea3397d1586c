//! Reading exports into a columnar [`Table`]: CSV in UTF-8 (with or without BOM), GBK/GB18030 or
//! UTF-16, and spreadsheets (XLSX, XLS, ODS) through calamine. Raw exports are only ever opened for
//! reading. A file is read as what its first bytes say it is, whatever its name.

pub mod codes;
pub mod column;
mod delimited;
pub mod encoding;
mod interner;
mod spreadsheet;
pub mod values;
pub mod wholes;

pub use codes::Codes;
pub use column::{Column, ColumnKind, IpColumn, Parsed, TextColumn};
pub use encoding::{Encoding, EncodingChoice};
pub use wholes::Wholes;

use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::msg;
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
            threads: crate::parallel::cores().min(8),
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
    /// What a person should know about how the file was read (an encoding that contradicts the
    /// byte-order mark, a workbook read by its content rather than its name).
    pub notes: Vec<Message>,
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
        column_label(&self.headers, index)
    }
}

/// Column `index` (0-based) as messages name it: its number, and its header when it has one.
pub(crate) fn column_label(headers: &[String], index: usize) -> String {
    match headers.get(index).map(|h| h.trim()) {
        Some(h) if !h.is_empty() => format!("{} 「{}」", index + 1, h),
        _ => (index + 1).to_string(),
    }
}

/// Reads the export at `path`. `plan` is shown the decoded headers and says how to store each
/// column (metadata columns are parsed, the rest dictionary-encoded).
pub fn read_table(
    path: &Path,
    options: &ReadOptions,
    plan: &dyn Fn(&[String]) -> Vec<ColumnKind>,
) -> Result<Table> {
    let meta = std::fs::metadata(path).map_err(|e| read_failed(path, &e))?;
    if meta.is_dir() {
        return Err(Error::input(msg!(ingest.is_directory)).in_file(path));
    }
    let mut prefix = Vec::with_capacity(8192);
    std::fs::File::open(path)
        .map_err(|e| read_failed(path, &e))?
        .take(8192)
        .read_to_end(&mut prefix)
        .map_err(|e| read_failed(path, &e))?;
    if prefix.is_empty() {
        return Err(Error::input(msg!(ingest.file_empty)).in_file(path));
    }
    match sniff(path, &prefix) {
        Content::Workbook(container) => {
            let table = spreadsheet::read(path, options, plan, container);
            if let Some(p) = &options.progress {
                p.fetch_add(meta.len(), std::sync::atomic::Ordering::Relaxed);
            }
            table
        }
        Content::Text => {
            let mut table = delimited::read(path, options, &prefix, plan)?;
            if let Some(ext) = workbook_extension(path) {
                table.notes.push(msg!(
                    ingest.note_text_named_workbook,
                    ext,
                    table.format.to_ascii_uppercase()
                ));
            }
            Ok(table)
        }
        Content::Markup => Err(Error::input(match workbook_extension(path) {
            Some(ext) => msg!(ingest.markup_named, ext),
            None => msg!(ingest.markup),
        })
        .in_file(path)),
        Content::Other(what) => Err(Error::input(what).in_file(path)),
    }
}

/// What a file holds, by its first bytes.
enum Content {
    Workbook(spreadsheet::Container),
    /// CSV or other delimited text (or binary the CSV reader will describe).
    Text,
    /// A web page or XML, which some platforms save under a spreadsheet's name.
    Markup,
    /// A known kind of file that is no export: the message that says what it is.
    Other(Message),
}

fn sniff(path: &Path, prefix: &[u8]) -> Content {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let zip = [&b"PK\x03\x04"[..], b"PK\x05\x06", b"PK\x07\x08"]
        .iter()
        .any(|m| prefix.starts_with(m));
    if zip {
        return Content::Workbook(spreadsheet::Container::Zip);
    }
    if prefix.starts_with(OLE) {
        return Content::Workbook(spreadsheet::Container::Ole);
    }
    let known: [(&[u8], Message); 7] = [
        (b"%PDF", msg!(ingest.kind_pdf)),
        (b"\x89PNG", msg!(ingest.kind_png)),
        (b"\xFF\xD8\xFF", msg!(ingest.kind_jpeg)),
        (b"GIF8", msg!(ingest.kind_gif)),
        (b"\x1F\x8B", msg!(ingest.kind_gzip)),
        (b"Rar!", msg!(ingest.kind_rar)),
        (b"7z\xBC\xAF", msg!(ingest.kind_7z)),
    ];
    if let Some((_, what)) = known.iter().find(|(m, _)| prefix.starts_with(m)) {
        return Content::Other(msg!(ingest.not_an_export, *what));
    }
    let body = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    let body = body.trim_ascii_start();
    let markup = [
        &b"<html"[..],
        b"<!doctype",
        b"<?xml",
        b"<table",
        b"<head",
        b"<meta",
    ]
    .iter()
    .any(|tag| body.len() >= tag.len() && body[..tag.len()].eq_ignore_ascii_case(tag));
    if markup {
        return Content::Markup;
    }
    let utf16 = matches!(
        encoding::sniff_bom(prefix),
        Some((Encoding::Utf16Le | Encoding::Utf16Be, _))
    );
    if workbook_extension(path).is_some() && !utf16 && prefix.contains(&0) {
        return Content::Other(msg!(ingest.neither_workbook_nor_text));
    }
    Content::Text
}

/// The file's extension when it names a spreadsheet format.
fn workbook_extension(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods").then_some(ext)
}

/// Decodes every builder's values; an undecodable cell becomes an error naming its row and column.
pub(crate) fn finish_columns(
    table: &Table,
    builders: Vec<Builder>,
    encoding: Encoding,
    choice: EncodingChoice,
) -> Result<Vec<Column>> {
    // Each column is finished on its own (its distinct values decoded, its codes packed): spread
    // over the cores, the first failure in column order reported.
    let finished =
        crate::parallel::map_owned_heaviest_first(builders, Builder::distinct_texts, |builder| {
            builder.finish(&mut |b: &[u8]| encoding.decode(b))
        });
    let mut columns = Vec::with_capacity(finished.len());
    for (index, finished) in finished.into_iter().enumerate() {
        match finished {
            Ok(c) => columns.push(c),
            Err(bad) => {
                let hint = match choice {
                    EncodingChoice::Auto => msg!(ingest.hint_mixed_encodings),
                    _ => msg!(ingest.hint_other_encoding),
                };
                return Err(Error::input(msg!(ingest.cell_not_valid, encoding, hint))
                    .in_file(&table.path)
                    .at_row(table.file_row(bad.row as usize))
                    .at_column(table.column_name(index)));
            }
        }
    }
    Ok(columns)
}

/// Every builder's distinct values decoded as UTF-8, in the order [`Builder::raw_texts`] lists
/// them; `None` when a column holds a value that is not UTF-8.
pub(crate) fn decode_utf8(builders: &[Builder]) -> Option<Vec<Vec<String>>> {
    crate::parallel::map_heaviest_first(builders, Builder::distinct_texts, Builder::decode_utf8)
        .into_iter()
        .collect()
}

/// The builders finished with the values [`decode_utf8`] gave for them.
pub(crate) fn finish_decoded(builders: Vec<Builder>, decoded: Vec<Vec<String>>) -> Vec<Column> {
    let parts: Vec<(Builder, Vec<String>)> = builders.into_iter().zip(decoded).collect();
    let weight = |(builder, _): &(Builder, Vec<String>)| builder.distinct_texts();
    crate::parallel::map_owned_heaviest_first(parts, weight, |(builder, texts)| {
        let mut texts = texts.into_iter();
        let handed_out = builder.finish(&mut |raw: &[u8]| {
            let text = texts.next();
            debug_assert_eq!(text.as_deref().map(str::as_bytes), Some(raw));
            text
        });
        // Every value was decoded ahead, so none can fail.
        handed_out.unwrap_or_else(|_| unreachable!("every value was decoded ahead"))
    })
}

/// A reading failure of the operating system, in our words around its own.
pub(crate) fn read_failed(path: &Path, e: &std::io::Error) -> Error {
    let message = if e
        .get_ref()
        .is_some_and(|inner| inner.is::<delimited::ThreadPanicked>())
    {
        msg!(ingest.reader_thread_panicked)
    } else {
        msg!(ingest.read_failed, e)
    };
    Error {
        message,
        ..Error::io(path, e)
    }
}
