//! CSV (and tab-separated) exports, read in parallel chunks.
//!
//! The data region is split at record boundaries found by quote parity: a `"` toggles between
//! inside and outside a quoted field (an escaped `""` toggles twice), so a newline seen at even
//! parity ends a record. This holds in UTF-8 and in GBK/GB18030 alike, whose multi-byte sequences
//! never contain the bytes `"`, `,`, `\r` or `\n`. Each chunk is parsed by its own thread into
//! column builders that are merged in order. A file the split might misjudge (a stray quote inside
//! an unquoted field) shows up as a row with the wrong number of fields in some chunk; the file is
//! then parsed again in one piece, which is also how every error message gets its exact row.
//!
//! Records are parsed by `simd-csv` (about twice as fast as the `csv` crate on exports) while a
//! check on the bytes streaming past confirms the quoting is regular — every quote opens a field or
//! closes/escapes inside one, every `\r` ends a line. On irregular input the two crates can differ
//! (`1,x"y` is a literal quote to `csv`), so a chunk that fails the check, and every error, is
//! parsed again with the `csv` crate, whose reading of malformed files is the reference.
//!
//! A quoted field still open at the end of the file, or one that closes only after taking in lines
//! that read as whole records (a stray quote), is refused with the line, row and column where it
//! opened: read as the parsers read it, the responses after the quote would silently become one
//! cell.
//!
//! Rows of a file wider than a few hundred columns reach the column builders in batches, column by
//! column, which keeps each builder in the cache for more than one cell.

use super::column::{Builder, ColumnKind};
use super::encoding::{self, Encoding, EncodingChoice};
use super::{ReadOptions, Table, finish_columns, read_failed};
use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::msg;
use std::fs::File;
use std::io::{self, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

/// Why a chunk could not be read as it stands. Parsed in parallel, any of these sends the file back
/// to be read in one piece, which is where every error message comes from.
enum Problem {
    /// A record whose field count differs from the header's.
    Ragged {
        record: Record,
        fields: usize,
        /// The record holds a field that runs over several lines (a stray quote, likely).
        multiline: Option<Multiline>,
    },
    /// A quoted field still open at the end: everything after its quote became one cell.
    Unterminated {
        record: Record,
        /// 0-based field of the record the quote opened.
        field: usize,
        /// Offset of the opening quote within the chunk.
        quote: u64,
    },
    /// A quoted field that closes, but only after taking in lines that read as whole records.
    Swallowed {
        record: Record,
        field: Multiline,
        /// How many of its lines have exactly the header's number of fields.
        rows: usize,
    },
}

/// Where a record is within its chunk.
#[derive(Clone, Copy)]
struct Record {
    /// 0-based record index within the chunk (counting skipped empty records).
    index: u64,
    /// Line within the chunk where the record starts (1-based; 0 when not tracked).
    line: u64,
    /// Byte offset within the chunk where the record starts (0 when not tracked).
    offset: u64,
}

/// A field holding line breaks.
#[derive(Clone, Copy)]
struct Multiline {
    /// 0-based field of the record.
    field: usize,
    /// Line breaks in the fields before it: its first line is the record's line plus these.
    lines_before: u64,
    /// Line breaks within it.
    lines: u64,
}

struct Chunk {
    builders: Vec<Builder>,
    /// Records read, including all-empty ones that were skipped.
    records: u64,
    /// Table rows kept (records minus skipped).
    rows: u32,
    /// 0-based record indices (within the chunk) of skipped all-empty records.
    skipped: Vec<u64>,
    /// The last record and its number of fields.
    last: Option<(Record, usize)>,
}

pub(crate) fn read(
    path: &Path,
    options: &ReadOptions,
    prefix: &[u8],
    plan: &dyn Fn(&[String]) -> Vec<ColumnKind>,
) -> Result<Table> {
    let bom = encoding::sniff_bom(prefix);
    if let Some((enc @ (Encoding::Utf16Le | Encoding::Utf16Be), bom_len)) = bom {
        // Rare (Excel's "Unicode text"): convert the whole file to UTF-8 and parse that.
        let bytes = std::fs::read(path).map_err(|e| read_failed(path, &e))?;
        let text = encoding::utf16_to_utf8(enc, &bytes[bom_len..])
            .ok_or_else(|| Error::input(msg!(ingest.bom_not_valid, enc)).in_file(path))?;
        return read_from(
            path,
            options,
            Source::Memory(text.into_bytes()),
            0,
            Some(enc),
            plan,
        );
    }
    if let Some(offset) = prefix.iter().position(|&b| b == 0) {
        return Err(Error::input(msg!(ingest.binary_data, offset)).in_file(path));
    }
    let (bom_encoding, bom_len) = match bom {
        Some((e, len)) => (Some(e), len),
        None => (None, 0),
    };
    read_from(
        path,
        options,
        Source::File,
        bom_len as u64,
        bom_encoding,
        plan,
    )
}

/// The error of a parsing thread that panicked, told apart from the operating system's.
#[derive(Debug)]
pub(crate) struct ThreadPanicked;

impl std::fmt::Display for ThreadPanicked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a reader thread panicked")
    }
}

impl std::error::Error for ThreadPanicked {}

enum Source {
    File,
    Memory(Vec<u8>),
}

impl Source {
    /// A reader of the bytes from `offset` on.
    fn open_at<'a>(&'a self, path: &Path, offset: u64) -> io::Result<Box<dyn Read + Send + 'a>> {
        match self {
            Source::File => {
                // csv::Reader buffers internally; no BufReader here.
                let mut f = File::open(path)?;
                f.seek(SeekFrom::Start(offset))?;
                Ok(Box::new(f))
            }
            Source::Memory(bytes) => Ok(Box::new(Cursor::new(&bytes[offset as usize..]))),
        }
    }
}

/// Where the data region is, and how it is cut and read.
struct Plan<'a> {
    delimiter: u8,
    kinds: &'a [ColumnKind],
    data_start: u64,
    total: u64,
    row_estimate: usize,
}

fn read_from(
    path: &Path,
    options: &ReadOptions,
    source: Source,
    start: u64,
    bom_encoding: Option<Encoding>,
    plan: &dyn Fn(&[String]) -> Vec<ColumnKind>,
) -> Result<Table> {
    let io_err = |e: io::Error| read_failed(path, &e);
    let total = match &source {
        Source::File => std::fs::metadata(path).map_err(io_err)?.len(),
        Source::Memory(bytes) => bytes.len() as u64,
    };
    let open_at = |offset: u64| source.open_at(path, offset);

    // The header record, and where the data starts.
    let mut sample = Vec::new();
    open_at(start)
        .map_err(io_err)?
        .take(64 << 10)
        .read_to_end(&mut sample)
        .map_err(io_err)?;
    let delimiter = sniff_delimiter(&sample);
    let mut header_reader = csv_reader(open_at(start).map_err(io_err)?, delimiter);
    let mut header_record = csv::ByteRecord::new();
    let has_header = header_reader
        .read_byte_record(&mut header_record)
        .map_err(|e| csv_error(path, e))?;
    if !has_header {
        return Err(Error::input(msg!(ingest.no_header_row)).in_file(path));
    }
    let data_start = start + header_reader.position().byte();
    let header_lines = header_reader.position().line() - 1;
    drop(header_reader);
    // The byte-order mark and the header count as read, so a progress display reaches the
    // file's size exactly when its last record is.
    if let Some(progress) = options.progress.as_deref() {
        progress.fetch_add(data_start, std::sync::atomic::Ordering::Relaxed);
    }

    let header_utf8 = header_record.iter().all(|f| std::str::from_utf8(f).is_ok());
    let header_encoding = match (options.encoding, bom_encoding) {
        (EncodingChoice::Utf8, _) => Encoding::Utf8,
        (EncodingChoice::Gb18030, _) => Encoding::Gb18030,
        // Some tools put a UTF-8 byte-order mark in front of GBK text.
        (EncodingChoice::Auto, Some(Encoding::Utf8Bom))
            if !header_utf8 && readable(Encoding::Gb18030, header_record.iter()) =>
        {
            Encoding::Gb18030
        }
        (EncodingChoice::Auto, Some(e)) => e,
        (EncodingChoice::Auto, None) if header_utf8 => Encoding::Utf8,
        (EncodingChoice::Auto, None) => Encoding::Gb18030,
    };
    let headers = decode_header(path, &header_record, header_encoding, options.encoding)?;
    let kinds = plan(&headers);

    // Chunks: parallel when the file is large enough.
    let data_len = total.saturating_sub(data_start);
    let threads = options.threads.max(1);
    let row_estimate = estimate_rows(&sample, data_len);
    let plan = Plan {
        delimiter,
        kinds: &kinds,
        data_start,
        total,
        row_estimate,
    };
    let chunks = if threads > 1 && data_len >= options.parallel_min_bytes {
        parse_in_parallel(path, &source, &plan, threads, options).map_err(io_err)?
    } else {
        None
    };
    let chunks = match chunks {
        Some(c) => c,
        None => {
            let open = || open_at(data_start);
            match parse_chunk(
                open,
                delimiter,
                &kinds,
                row_estimate,
                options.progress.as_deref(),
            )
            .map_err(io_err)?
            {
                Ok(chunk) => vec![chunk],
                Err(problem) => {
                    let quote_lines = |quote: u64| -> io::Result<(u64, u64)> {
                        lines_around(open_at(data_start)?, quote)
                    };
                    return Err(
                        problem_error(path, &headers, header_lines, problem, quote_lines)
                            .map_err(io_err)?,
                    );
                }
            }
        }
    };

    let chunk_count = chunks.len();
    let Merged {
        builders,
        rows,
        file_rows,
        skipped,
    } = merge(chunks);
    // Left to choose, with a header that reads as UTF-8 (nearly every download): every value is
    // decoded as UTF-8 at once. When all are, that settles the encoding and finishes the columns;
    // checking every value first and decoding it after read each twice, the first time on one core.
    let utf8_first = matches!(
        (options.encoding, bom_encoding),
        (EncodingChoice::Auto, None | Some(Encoding::Utf8Bom))
    ) && header_utf8;
    let decoded = if utf8_first {
        super::decode_utf8(&builders)
    } else {
        None
    };
    let encoding = match &decoded {
        Some(_) => bom_encoding.unwrap_or(Encoding::Utf8),
        None => settle_encoding(
            options.encoding,
            bom_encoding,
            header_encoding,
            header_utf8,
            &header_record,
            &builders,
        ),
    };
    let mut notes = Vec::new();
    if bom_encoding == Some(Encoding::Utf8Bom) && encoding == Encoding::Gb18030 {
        notes.push(msg!(ingest.note_bom_but_gbk));
    }
    let headers = if encoding == header_encoding {
        headers
    } else {
        decode_header(path, &header_record, encoding, options.encoding)?
    };
    let mut table = Table {
        path: path.to_path_buf(),
        format: if delimiter == b'\t' { "tsv" } else { "csv" },
        encoding: Some(encoding),
        headers,
        columns: Vec::new(),
        rows: rows as usize,
        file_rows,
        skipped_empty_rows: skipped,
        chunks: chunk_count,
        notes,
    };
    table.columns = match decoded {
        Some(decoded) => super::finish_decoded(builders, decoded),
        None => finish_columns(&table, builders, encoding, options.encoding)?,
    };
    Ok(table)
}

/// Parses the data region in one chunk per thread, cut at record boundaries; `None` when the
/// file does not split, or a chunk's quoting needs the careful single-threaded reading.
fn parse_in_parallel(
    path: &Path,
    source: &Source,
    plan: &Plan,
    threads: usize,
    options: &ReadOptions,
) -> io::Result<Option<Vec<Chunk>>> {
    let (start, end) = (plan.data_start, plan.total);
    let open_at = |offset: u64| source.open_at(path, offset);
    // Boundaries read off the bytes around each target are checked by the parse itself. Every
    // boundary follows a line break; the first chunk starts a record, and a chunk that starts one
    // parses cleanly only if it ends outside quotes, where that line break ends a record, so the
    // next chunk starts one too. If a chunk does not parse, the boundaries are worked out exactly
    // and the chunks parsed again.
    // A failed attempt's bytes are not progress: the count is put back before the next.
    let progress = options.progress.as_deref();
    let read_before = progress.map(|p| p.load(std::sync::atomic::Ordering::Relaxed));
    let rewind = || {
        if let (Some(p), Some(before)) = (progress, read_before) {
            p.store(before, std::sync::atomic::Ordering::Relaxed);
        }
    };
    let width = plan.kinds.len();
    // Several chunks per thread, taken as threads free up: two halves parsed side by side end
    // apart (by 13 to 88 ms at a million responses, as the machine's other work falls), and
    // one core waits while the other finishes.
    let parts = threads * CHUNKS_PER_THREAD;
    if let Some(starts) = guessed_starts(&open_at, start, end, parts, plan.delimiter, width)? {
        if let Some(chunks) = parse_between(&starts, &open_at, plan, options)? {
            return Ok(Some(chunks));
        }
        rewind();
    }
    let starts = chunk_starts(&open_at, start, end, parts)?;
    let chunks = parse_between(&starts, &open_at, plan, options)?;
    if chunks.is_none() {
        rewind();
    }
    Ok(chunks)
}

/// The chunks from each of `starts` to the next (the last to the end), parsed side by side;
/// `None` when one has a problem or quoting that needs the careful single-threaded reading.
fn parse_between<'a>(
    starts: &[u64],
    open_at: &(dyn Fn(u64) -> io::Result<Box<dyn Read + Send + 'a>> + Sync),
    plan: &Plan,
    options: &ReadOptions,
) -> io::Result<Option<Vec<Chunk>>> {
    let Plan {
        delimiter,
        kinds,
        data_start,
        total,
        row_estimate,
    } = *plan;
    let data_len = total.saturating_sub(data_start);
    if starts.len() > 1 {
        let bounds: Vec<(u64, u64)> = starts
            .iter()
            .zip(starts.iter().skip(1).chain(std::iter::once(&total)))
            .map(|(&s, &e)| (s, e))
            .collect();
        let parse = |&(s, e): &(u64, u64)| {
            let capacity =
                (row_estimate as u128 * u128::from(e - s) / u128::from(data_len.max(1))) as usize;
            parse_chunk(
                || Ok(open_at(s)?.take(e - s)),
                delimiter,
                kinds,
                capacity,
                options.progress.as_deref(),
            )
        };
        // Pieces are taken as threads free up; a thread that panicked leaves its pieces without
        // a result, reported as such.
        let threads = options.threads.clamp(1, bounds.len());
        let results = crate::parallel::map_on(threads, &bounds, parse)
            .into_iter()
            .map(|r| r.unwrap_or_else(|| Err(io::Error::other(ThreadPanicked))));
        let mut parsed = Vec::with_capacity(results.len());
        for r in results {
            match r? {
                Ok(chunk) => parsed.push(chunk),
                Err(_) => return Ok(None),
            }
        }
        return Ok(Some(parsed));
    }
    Ok(None)
}

/// Chunks joined in file order: their column builders, the data rows kept, and the file row of
/// each when empty rows were skipped.
struct Merged {
    builders: Vec<Builder>,
    rows: u32,
    file_rows: Option<Vec<u32>>,
    skipped: usize,
}

fn merge(chunks: Vec<Chunk>) -> Merged {
    let mut rows = 0u32;
    let mut records = 0u64;
    let mut skipped: Vec<u64> = Vec::new();
    // Per column, its builder from every chunk with the row the chunk starts at.
    let mut columns: Vec<Vec<(Builder, u32)>> = Vec::new();
    for chunk in chunks {
        skipped.extend(chunk.skipped.iter().map(|r| r + records));
        columns.resize_with(chunk.builders.len(), Vec::new);
        for (column, b) in columns.iter_mut().zip(chunk.builders) {
            column.push((b, rows));
        }
        rows += chunk.rows;
        records += chunk.records;
    }
    // Columns merge independently: spread over the cores.
    let weight = |parts: &Vec<(Builder, u32)>| parts.iter().map(|(b, _)| b.distinct_texts()).sum();
    let builders = crate::parallel::map_owned_heaviest_first(columns, weight, |parts| {
        let mut parts = parts.into_iter();
        let (mut merged, _) = parts.next().expect("every chunk has every column");
        merged.reserve_exact((rows - parts.as_slice().first().map_or(rows, |p| p.1)) as usize);
        merged.reserve_texts(parts.as_slice().iter().map(|(b, _)| b));
        for (b, start) in parts {
            merged.append(b, start);
        }
        merged
    });
    Merged {
        builders,
        rows,
        file_rows: (!skipped.is_empty()).then(|| kept_record_numbers(records, &skipped)),
        skipped: skipped.len(),
    }
}

/// The encoding the values are decoded in. Auto: the one that reads every value; when none does,
/// the header's, so that the error names the cell that breaks it rather than the header.
fn settle_encoding(
    choice: EncodingChoice,
    bom_encoding: Option<Encoding>,
    header_encoding: Encoding,
    header_utf8: bool,
    header_record: &csv::ByteRecord,
    builders: &[Builder],
) -> Encoding {
    match (choice, bom_encoding) {
        (EncodingChoice::Auto, None | Some(Encoding::Utf8Bom)) => {
            let utf8 = bom_encoding.unwrap_or(Encoding::Utf8);
            let reads_all = |e: Encoding| {
                readable(e, header_record.iter())
                    && builders.iter().all(|b| readable(e, b.raw_texts()))
            };
            if reads_all(Encoding::Utf8) {
                utf8
            } else if reads_all(Encoding::Gb18030) {
                Encoding::Gb18030
            } else if header_utf8 {
                utf8
            } else {
                Encoding::Gb18030
            }
        }
        _ => header_encoding,
    }
}

/// The error for a file read in one piece that has `problem`. `quote_lines` tells, for a byte
/// offset of the data, the line breaks before it and the lines after its own.
fn problem_error(
    path: &Path,
    headers: &[String],
    header_lines: u64,
    problem: Problem,
    quote_lines: impl Fn(u64) -> io::Result<(u64, u64)>,
) -> io::Result<Error> {
    let column = |field: usize| super::column_label(headers, field);
    Ok(match problem {
        Problem::Ragged {
            record,
            fields,
            multiline,
        } => {
            let line = record.line + header_lines;
            let hint = match multiline {
                Some(m) => msg!(
                    ingest.ragged_quoted,
                    m.field + 1,
                    line + m.lines_before,
                    line + m.lines_before + m.lines
                ),
                None => Message::raw(""),
            };
            Error::input(msg!(
                ingest.ragged,
                record.index + 1,
                line,
                fields,
                headers.len(),
                hint
            ))
            .in_file(path)
            .at_row(record.index + 1)
        }
        Problem::Unterminated {
            record,
            field,
            quote,
        } => {
            let (before, after) = quote_lines(quote)?;
            let line = header_lines + 1 + before;
            Error::input(msg!(ingest.quote_never_closed, after))
                .in_file(path)
                .at_line(line as usize)
                .at_row(record.index + 1)
                .at_column(column(field))
        }
        Problem::Swallowed {
            record,
            field,
            rows,
        } => {
            let line = record.line + header_lines + field.lines_before;
            Error::input(msg!(ingest.quote_closes_late, line + field.lines, rows))
                .in_file(path)
                .at_line(line as usize)
                .at_row(record.index + 1)
                .at_column(column(field.field))
        }
    })
}

/// For byte `offset` of `reader`: the line breaks before it, and the lines after its own.
fn lines_around(mut reader: impl Read, offset: u64) -> io::Result<(u64, u64)> {
    let mut block = vec![0u8; 1 << 16];
    let (mut pos, mut before, mut after, mut last) = (0u64, 0u64, 0u64, b'\n');
    loop {
        let n = reader.read(&mut block)?;
        if n == 0 {
            // The break that ends the offset's own line starts no line when nothing follows it.
            let lines = if after > 0 && last == b'\n' {
                after - 1
            } else {
                after
            };
            return Ok((before, lines));
        }
        let split = (offset.saturating_sub(pos) as usize).min(n);
        before += memchr::memchr_iter(b'\n', &block[..split]).count() as u64;
        after += memchr::memchr_iter(b'\n', &block[split..n]).count() as u64;
        last = block[n - 1];
        pos += n as u64;
    }
}

/// Whether every value decodes in `encoding`.
fn readable<'a>(encoding: Encoding, mut values: impl Iterator<Item = &'a [u8]>) -> bool {
    match encoding {
        Encoding::Gb18030 => values.all(|v| {
            encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(v)
                .is_some()
        }),
        _ => values.all(|v| std::str::from_utf8(v).is_ok()),
    }
}

fn csv_reader<R: Read>(reader: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(1 << 18)
        .from_reader(reader)
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    Error::input(msg!(ingest.not_csv, e)).in_file(path)
}

fn decode_header(
    path: &Path,
    record: &csv::ByteRecord,
    encoding: Encoding,
    choice: EncodingChoice,
) -> Result<Vec<String>> {
    record
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            encoding.decode(raw).ok_or_else(|| {
                let message = match choice {
                    EncodingChoice::Auto => msg!(ingest.header_cell_unreadable),
                    _ => msg!(ingest.header_cell_not_valid, encoding),
                };
                Error::input(message)
                    .in_file(path)
                    .at_column((i + 1).to_string())
            })
        })
        .collect()
}

/// Comma unless the first line has more tabs (or semicolons) than commas outside quotes.
fn sniff_delimiter(sample: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in sample {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b'\t' if !quoted => counts[1] += 1,
            b';' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    if counts[1] > counts[0] && counts[1] >= counts[2] {
        b'\t'
    } else if counts[2] > counts[0] {
        b';'
    } else {
        b','
    }
}

/// A row-count guess from the average line length of a sample, for reserving column memory once.
fn estimate_rows(sample: &[u8], data_len: u64) -> usize {
    let lines = memchr::memchr_iter(b'\n', sample).count().max(1) as u64;
    let per_row = (sample.len() as u64 / lines).max(16);
    ((data_len / per_row) + data_len / per_row / 20 + 16).min(u64::from(u32::MAX)) as usize
}

/// Start offsets of up to `parts` chunks of `[start, end)`, each at a record boundary: the first
/// newline outside quotes at or after each of `parts - 1` evenly spaced targets.
///
/// Whether a target falls inside quotes is the parity of the quotes before it, so the bytes
/// before the last target are counted in pieces on every core rather than read through once.
fn chunk_starts<'a>(
    open_at: &(dyn Fn(u64) -> io::Result<Box<dyn Read + Send + 'a>> + Sync),
    start: u64,
    end: u64,
    parts: usize,
) -> io::Result<Vec<u64>> {
    let step = end.saturating_sub(start) / parts.max(1) as u64;
    if parts <= 1 || step == 0 {
        return Ok(vec![start]);
    }
    let targets: Vec<u64> = (1..parts as u64).map(|k| start + k * step).collect();
    // Pieces ending at every target, each step cut in as many pieces as there are cores.
    let cut = step.div_ceil(crate::parallel::cores() as u64).max(1);
    let mut pieces: Vec<(u64, u64)> = Vec::new();
    let mut from = start;
    for &t in &targets {
        while from < t {
            let to = (from + cut).min(t);
            pieces.push((from, to));
            from = to;
        }
    }
    let odd: Vec<io::Result<bool>> =
        crate::parallel::map(&pieces, |&(a, b)| odd_quotes(open_at(a)?.take(b - a)));
    // Quoted at each target: the parity of every piece before it.
    let mut quoted_at = Vec::with_capacity(targets.len());
    let mut quoted = false;
    let mut next = targets.iter().peekable();
    for (&(_, to), odd) in pieces.iter().zip(odd) {
        quoted ^= odd?;
        if next.peek() == Some(&&to) {
            quoted_at.push(quoted);
            next.next();
        }
    }
    let mut starts = vec![start];
    for (&target, quoted) in targets.iter().zip(quoted_at) {
        // A quoted field longer than a step puts two targets before one boundary: it counts once.
        if starts.len() > 1 && starts[starts.len() - 1] > target {
            continue;
        }
        if let Some(boundary) = record_start_after(open_at(target)?, target, quoted)?
            && boundary < end
        {
            starts.push(boundary);
        }
    }
    Ok(starts)
}

/// Start offsets of up to `parts` chunks of `[start, end)` as `chunk_starts` finds them, read off
/// the bytes after each target instead of counting every quote before it: whether a target is
/// inside quotes is the reading, of the two, after whose boundary `RECORDS_TO_TELL` records of
/// `width` fields follow. `None` when a target does not tell (both readings or neither fit, as
/// with very long records or few columns): the caller counts.
fn guessed_starts<'a>(
    open_at: &(dyn Fn(u64) -> io::Result<Box<dyn Read + Send + 'a>> + Sync),
    start: u64,
    end: u64,
    parts: usize,
    delimiter: u8,
    width: usize,
) -> io::Result<Option<Vec<u64>>> {
    let step = end.saturating_sub(start) / parts.max(1) as u64;
    if parts <= 1 || step == 0 {
        return Ok(Some(vec![start]));
    }
    let mut starts = vec![start];
    let mut window = Vec::with_capacity(GUESS_WINDOW);
    for k in 1..parts as u64 {
        let target = start + k * step;
        window.clear();
        open_at(target)?
            .take(GUESS_WINDOW as u64)
            .read_to_end(&mut window)?;
        let at_end = target + window.len() as u64 >= end;
        let outside = boundary_if_records_follow(&window, false, delimiter, width, at_end);
        let inside = boundary_if_records_follow(&window, true, delimiter, width, at_end);
        let boundary = match (outside, inside) {
            (Some(b), None) | (None, Some(b)) => b,
            _ => return Ok(None),
        };
        let boundary = target + boundary as u64;
        if boundary > *starts.last().unwrap_or(&start) && boundary < end {
            starts.push(boundary);
        }
    }
    Ok(Some(starts))
}

/// Chunks a parallel parse cuts the data into, per thread.
const CHUNKS_PER_THREAD: usize = 4;

/// How many bytes after a target are read to tell where the next record starts.
const GUESS_WINDOW: usize = 256 << 10;
/// How many whole records must follow a boundary for a reading of the quotes to be believed.
const RECORDS_TO_TELL: usize = 4;

/// With `window` read as starting inside quotes (`quoted`) or not: the offset just past its first
/// newline outside quotes (as `record_start_after` finds it), when the records after it have
/// `width` fields each, with quotes only around whole fields; at least `RECORDS_TO_TELL` of them,
/// or every one to the end of the data when the window reaches it.
fn boundary_if_records_follow(
    window: &[u8],
    mut quoted: bool,
    delimiter: u8,
    width: usize,
    at_end: bool,
) -> Option<usize> {
    // The boundary, by quote parity alone, as the exact method finds it.
    let mut boundary = None;
    for j in memchr::memchr2_iter(b'"', b'\n', window) {
        if window[j] == b'"' {
            quoted = !quoted;
        } else if !quoted {
            boundary = Some(j + 1);
            break;
        }
    }
    let boundary = boundary?;
    // The records after it: fields counted outside quotes, quotes opening only at a field's
    // start and closing only at its end (a doubled quote inside is an escaped one).
    let mut records = 0;
    let mut fields = 1;
    let mut field_start = true;
    let mut i = boundary;
    while i < window.len() {
        let b = window[i];
        if quoted {
            if b == b'"' {
                match window.get(i + 1) {
                    Some(b'"') => i += 1,
                    Some(&next) if next == delimiter || next == b'\n' || next == b'\r' => {
                        quoted = false;
                    }
                    _ => return None,
                }
            }
        } else if b == b'"' {
            if !field_start {
                return None;
            }
            quoted = true;
        } else if b == delimiter {
            fields += 1;
            field_start = true;
            i += 1;
            continue;
        } else if b == b'\n' {
            if fields != width {
                return None;
            }
            records += 1;
            if records == RECORDS_TO_TELL {
                return Some(boundary);
            }
            fields = 1;
            field_start = true;
            i += 1;
            continue;
        }
        field_start = false;
        i += 1;
    }
    // The window ran out: believed only if it holds the rest of the data, ending a record.
    (at_end && !quoted && records > 0 && field_start && fields == 1).then_some(boundary)
}

/// Whether `reader` holds an odd number of `"`.
fn odd_quotes(mut reader: impl Read) -> io::Result<bool> {
    let mut block = vec![0u8; 1 << 20];
    let mut odd = false;
    loop {
        let n = reader.read(&mut block)?;
        if n == 0 {
            return Ok(odd);
        }
        odd ^= memchr::memchr_iter(b'"', &block[..n]).count() % 2 == 1;
    }
}

/// The offset just past the first newline outside quotes read from `reader`, which starts at
/// `pos`, `quoted` or not; `None` when there is none.
fn record_start_after(
    mut reader: impl Read,
    mut pos: u64,
    mut quoted: bool,
) -> io::Result<Option<u64>> {
    let mut block = vec![0u8; 64 << 10];
    loop {
        let n = reader.read(&mut block)?;
        if n == 0 {
            return Ok(None);
        }
        let buf = &block[..n];
        for j in memchr::memchr2_iter(b'"', b'\n', buf) {
            if buf[j] == b'"' {
                quoted = !quoted;
            } else if !quoted {
                return Ok(Some(pos + j as u64 + 1));
            }
        }
        pos += n as u64;
    }
}

/// Parses one chunk: fast when its quoting is regular, with the `csv` crate otherwise and for the
/// exact line of any problem.
fn parse_chunk<R: Read>(
    open: impl Fn() -> io::Result<R>,
    delimiter: u8,
    kinds: &[ColumnKind],
    capacity: usize,
    progress: Option<&std::sync::atomic::AtomicU64>,
) -> io::Result<std::result::Result<Chunk, Problem>> {
    let mut checked = QuoteCheck::new(open()?, delimiter);
    checked.progress = progress;
    let fast = {
        let mut source = FastRecords {
            reader: simd_csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .buffer_capacity(1 << 18)
                .from_reader(&mut checked),
            record: simd_csv::ByteRecord::new(),
        };
        parse_records(&mut source, delimiter, kinds, capacity)?
    };
    if fast.is_ok() && checked.is_regular() {
        return Ok(fast);
    }
    drop(fast);
    // The check rides along again, now only to see whether a quote is left open at the end (the
    // csv crate reads such a field to the end of the file without a word).
    let mut checked = QuoteCheck::new(open()?, delimiter);
    let mut exact = ExactRecords {
        reader: csv_reader(&mut checked, delimiter),
        record: csv::ByteRecord::new(),
    };
    let parsed = parse_records(&mut exact, delimiter, kinds, capacity)?;
    // A problem ends the parse early: the rest must pass the check to know how the file ends.
    io::copy(exact.reader.get_mut(), &mut io::sink())?;
    drop(exact);
    if !checked.quoted {
        return Ok(parsed);
    }
    let quote = checked.opened;
    Ok(Err(match parsed {
        Ok(chunk) => match chunk.last {
            Some((record, fields)) => Problem::Unterminated {
                record,
                field: fields.saturating_sub(1),
                quote,
            },
            None => return Ok(Ok(chunk)),
        },
        // The record a problem was found in runs to the end of the file: the open quote is its.
        Err(Problem::Ragged { record, fields, .. }) if quote >= record.offset => {
            Problem::Unterminated {
                record,
                field: fields.saturating_sub(1),
                quote,
            }
        }
        Err(Problem::Swallowed { record, field, .. }) if quote >= record.offset => {
            Problem::Unterminated {
                record,
                field: field.field,
                quote,
            }
        }
        Err(problem) => problem,
    }))
}

/// A stream of records from one of the two parsers.
trait Records {
    fn advance(&mut self) -> io::Result<bool>;
    /// Where the current record starts within the chunk (line 0 and offset 0 when not tracked).
    fn position(&self) -> (u64, u64);
    fn field_count(&self) -> usize;
    fn fields(&self) -> impl Iterator<Item = &[u8]>;
    /// The record's bytes, possibly with some of its quotes and delimiters but no line break that
    /// is not inside a field.
    fn bytes(&self) -> &[u8];
}

struct FastRecords<R: Read> {
    reader: simd_csv::Reader<R>,
    record: simd_csv::ByteRecord,
}

impl<R: Read> Records for FastRecords<R> {
    fn advance(&mut self) -> io::Result<bool> {
        self.reader
            .read_byte_record(&mut self.record)
            .map_err(|e| io::Error::other(e.to_string()))
    }
    fn position(&self) -> (u64, u64) {
        (0, 0)
    }
    fn field_count(&self) -> usize {
        self.record.len()
    }
    fn fields(&self) -> impl Iterator<Item = &[u8]> {
        self.record.iter()
    }
    fn bytes(&self) -> &[u8] {
        self.record.as_slice()
    }
}

struct ExactRecords<R: Read> {
    reader: csv::Reader<R>,
    record: csv::ByteRecord,
}

impl<R: Read> Records for ExactRecords<R> {
    fn advance(&mut self) -> io::Result<bool> {
        self.reader
            .read_byte_record(&mut self.record)
            .map_err(|e| io::Error::other(e.to_string()))
    }
    fn position(&self) -> (u64, u64) {
        self.record
            .position()
            .map_or((0, 0), |p| (p.line(), p.byte()))
    }
    fn field_count(&self) -> usize {
        self.record.len()
    }
    fn fields(&self) -> impl Iterator<Item = &[u8]> {
        self.record.iter()
    }
    fn bytes(&self) -> &[u8] {
        self.record.as_slice()
    }
}

fn parse_records(
    source: &mut impl Records,
    delimiter: u8,
    kinds: &[ColumnKind],
    capacity: usize,
) -> io::Result<std::result::Result<Chunk, Problem>> {
    let mut builders: Vec<Builder> = kinds.iter().map(|&k| Builder::new(k, capacity)).collect();
    let mut records = 0u64;
    let mut rows = 0u32;
    let mut skipped = Vec::new();
    let mut last = None;
    let mut batch = (kinds.len() > Batch::WIDE).then(|| Batch::new(kinds.len()));
    while source.advance()? {
        let (line, offset) = source.position();
        let record = Record {
            index: records,
            line,
            offset,
        };
        last = Some((record, source.field_count()));
        // Only a field that was quoted can hold a line break; most records have none.
        let multiline = memchr::memchr(b'\n', source.bytes())
            .and_then(|_| multiline_field(source, delimiter, builders.len()));
        if source.fields().all(|f| f.is_empty()) {
            // A row of empty cells (left by spreadsheet editing) is not a response.
            skipped.push(records);
            records += 1;
            continue;
        }
        if source.field_count() != builders.len() {
            return Ok(Err(Problem::Ragged {
                record,
                fields: source.field_count(),
                multiline: multiline.map(|(m, _)| m),
            }));
        }
        if let Some((field, swallowed)) = multiline
            && swallowed > 0
        {
            return Ok(Err(Problem::Swallowed {
                record,
                field,
                rows: swallowed,
            }));
        }
        match &mut batch {
            Some(batch) => {
                batch.add(source.fields());
                if batch.is_full() {
                    batch.flush(&mut builders, rows + 1);
                }
            }
            None => {
                for (builder, field) in builders.iter_mut().zip(source.fields()) {
                    builder.push(rows, field);
                }
            }
        }
        rows += 1;
        records += 1;
    }
    if let Some(batch) = &mut batch {
        batch.flush(&mut builders, rows);
    }
    Ok(Ok(Chunk {
        builders,
        records,
        rows,
        skipped,
        last,
    }))
}

/// Rows of a wide file on their way to the builders. Pushed a row at a time, thousands of columns
/// would each have their builder's memory fetched anew for every cell (a 20,000-column file read
/// at a tenth of the speed per cell of a narrow one); a batch of rows is handed to one builder after
/// the other instead, which halves the time on such a file.
struct Batch {
    width: usize,
    rows: usize,
    bytes: Vec<u8>,
    /// Start and end of each field in `bytes`, column after column, `ROWS` slots per column.
    spans: Vec<(usize, usize)>,
}

impl Batch {
    /// Wider than this, rows are batched.
    const WIDE: usize = 256;
    const ROWS: usize = 16;
    /// A batch of long rows is handed on early, so that it stays in the cache.
    const BYTES: usize = 8 << 20;

    fn new(width: usize) -> Self {
        Batch {
            width,
            rows: 0,
            bytes: Vec::new(),
            spans: vec![(0, 0); width * Self::ROWS],
        }
    }

    fn add<'a>(&mut self, fields: impl Iterator<Item = &'a [u8]>) {
        for (c, field) in fields.enumerate() {
            let start = self.bytes.len();
            self.bytes.extend_from_slice(field);
            self.spans[c * Self::ROWS + self.rows] = (start, self.bytes.len());
        }
        self.rows += 1;
    }

    fn is_full(&self) -> bool {
        self.rows == Self::ROWS || self.bytes.len() >= Self::BYTES
    }

    /// Hands the batch to the builders; `rows` is the table row count including it.
    fn flush(&mut self, builders: &mut [Builder], rows: u32) {
        let first = rows - self.rows as u32;
        for (c, builder) in builders.iter_mut().enumerate().take(self.width) {
            let spans = &self.spans[c * Self::ROWS..c * Self::ROWS + self.rows];
            for (r, &(start, end)) in spans.iter().enumerate() {
                builder.push(first + r as u32, &self.bytes[start..end]);
            }
        }
        self.bytes.clear();
        self.rows = 0;
    }
}

/// The record's field with line breaks that takes in the most lines reading as whole records (of
/// `width` fields, starting like this record does), with that count; the first such field when
/// none does. A free-text answer may run over several lines, but its lines are not records.
fn multiline_field(
    source: &impl Records,
    delimiter: u8,
    width: usize,
) -> Option<(Multiline, usize)> {
    let numbered = source
        .fields()
        .next()
        .is_some_and(|f| !f.is_empty() && f.iter().all(u8::is_ascii_digit));
    // A line of prose can hold a comma or two; only with a numbered first column or many columns
    // is a line with exactly the header's number of fields taken for a record.
    let telling = width >= 3 && (numbered || width >= 5);
    let looks_like_record = |line: &[u8]| {
        let first = line.split(|&b| b == delimiter).next().unwrap_or_default();
        telling
            && memchr::memchr_iter(delimiter, line).count() + 1 == width
            && !first.trim_ascii().is_empty()
            && (!numbered || first.iter().all(u8::is_ascii_digit))
    };
    let mut lines_before = 0u64;
    let mut found: Option<(Multiline, usize)> = None;
    for (index, field) in source.fields().enumerate() {
        let breaks = memchr::memchr_iter(b'\n', field).count() as u64;
        if breaks > 0 {
            // The first piece ends the line the quote opened on, the last starts the line it
            // closes on: only the lines in between are whole.
            let pieces: Vec<&[u8]> = field.split(|&b| b == b'\n').collect();
            let rows = pieces[1..pieces.len() - 1]
                .iter()
                .filter(|l| looks_like_record(l))
                .count();
            let this = Multiline {
                field: index,
                lines_before,
                lines: breaks,
            };
            if found.is_none_or(|(_, most)| rows > most) {
                found = Some((this, rows));
            }
        }
        lines_before += breaks;
    }
    found
}

/// Watches the bytes a parser reads for quoting the fast parser might read differently from the
/// `csv` crate (a quote that neither opens a field nor closes or escapes one inside a quoted field,
/// a `\r` not followed by `\n`), and for a quoted field left open at the end. It follows quotes the
/// way the `csv` crate does: a quote opens a field only at its start, and once a quoted field has
/// closed, further quotes in the same field are text.
struct QuoteCheck<'p, R> {
    inner: R,
    /// Bytes read, added up for a progress display.
    progress: Option<&'p std::sync::atomic::AtomicU64>,
    delimiter: u8,
    quoted: bool,
    /// Offset of the quote that opened the current (or last) quoted field.
    opened: u64,
    /// Bytes scanned before the current read.
    consumed: u64,
    /// The last byte of the previous read.
    prev: u8,
    pending: Pending,
    irregular: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Pending {
    None,
    /// A quote inside a quoted field ended the last read: the next byte decides what it was.
    Quote,
    /// A `\r` outside quotes ended the last read: the next byte must be `\n`.
    Return,
}

impl<R> QuoteCheck<'_, R> {
    fn new(inner: R, delimiter: u8) -> Self {
        QuoteCheck {
            inner,
            progress: None,
            delimiter,
            quoted: false,
            opened: 0,
            consumed: 0,
            prev: b'\n',
            pending: Pending::None,
            irregular: false,
        }
    }

    fn is_regular(&self) -> bool {
        !self.irregular && !self.quoted && self.pending != Pending::Quote
    }

    /// What follows a quote inside a quoted field: another quote (an escape), a field or record
    /// end (the closing quote), or anything else (irregular: the field goes on as text).
    fn after_closing(&mut self, next: u8) -> usize {
        match next {
            b'"' => 1,
            b'\n' | b'\r' => {
                self.quoted = false;
                0
            }
            d if d == self.delimiter => {
                self.quoted = false;
                0
            }
            _ => {
                self.quoted = false;
                self.irregular = true;
                0
            }
        }
    }

    fn scan(&mut self, buf: &[u8]) {
        let n = buf.len();
        if n == 0 {
            if self.pending == Pending::Quote {
                self.quoted = false;
                self.pending = Pending::None;
            }
            return;
        }
        let mut i = 0;
        match std::mem::replace(&mut self.pending, Pending::None) {
            Pending::Quote => i = self.after_closing(buf[0]),
            Pending::Return if buf[0] != b'\n' => self.irregular = true,
            _ => {}
        }
        while i < n {
            if self.quoted {
                let Some(k) = memchr::memchr(b'"', &buf[i..]) else {
                    break;
                };
                let q = i + k;
                if q + 1 == n {
                    self.pending = Pending::Quote;
                    break;
                }
                i = q + 1 + self.after_closing(buf[q + 1]);
            } else {
                let Some(k) = memchr::memchr2(b'"', b'\r', &buf[i..]) else {
                    break;
                };
                let p = i + k;
                if buf[p] == b'"' {
                    let before = if p == 0 { self.prev } else { buf[p - 1] };
                    if before == b'\n' || before == b'\r' || before == self.delimiter {
                        self.quoted = true;
                        self.opened = self.consumed + p as u64;
                    } else {
                        self.irregular = true;
                    }
                } else if p + 1 == n {
                    self.pending = Pending::Return;
                } else if buf[p + 1] != b'\n' {
                    self.irregular = true;
                }
                i = p + 1;
            }
        }
        self.prev = buf[n - 1];
        self.consumed += n as u64;
    }
}

impl<R: Read> Read for QuoteCheck<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(p) = self.progress {
            p.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        }
        self.scan(&buf[..n]);
        Ok(n)
    }
}

/// 1-based file row numbers of the records that were kept.
fn kept_record_numbers(records: u64, skipped: &[u64]) -> Vec<u32> {
    let mut out = Vec::with_capacity((records as usize).saturating_sub(skipped.len()));
    let mut skip = skipped.iter().peekable();
    for r in 0..records {
        if skip.peek() == Some(&&r) {
            skip.next();
            continue;
        }
        out.push((r + 1) as u32);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_starts_land_after_newlines_outside_quotes() {
        let mut data = Vec::new();
        for i in 0..200 {
            data.extend_from_slice(format!("{i},\"a\nb\"\"c\",x\n").as_bytes());
        }
        let source = Source::Memory(data.clone());
        let open_at = |offset: u64| source.open_at(Path::new("memory"), offset);
        let starts = chunk_starts(&open_at, 0, data.len() as u64, 4).unwrap();
        assert_eq!(starts.len(), 4);
        for &s in &starts[1..] {
            let s = s as usize;
            assert_eq!(data[s - 1], b'\n');
            // A record starts with its number, never inside the quoted "a\nb" field.
            assert!(data[s].is_ascii_digit(), "boundary at {s}");
        }
    }

    #[test]
    fn chunk_starts_agree_with_a_walk_through_every_byte() {
        // Records with quoted newlines and doubled quotes, one field longer than a chunk.
        let mut data = Vec::new();
        let mut seed = 7u32;
        for i in 0..3000u32 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            match (seed >> 16) % 5 {
                0 => data.extend_from_slice(format!("{i},\"x\ny\"\"z\"\n").as_bytes()),
                1 if i == 1500 => {
                    data.extend_from_slice(b"long,\"");
                    data.extend(std::iter::repeat_n(b"a\n".as_slice(), 9000).flatten());
                    data.extend_from_slice(b"\"\n");
                }
                _ => data.extend_from_slice(format!("{i},plain\n").as_bytes()),
            }
        }
        let source = Source::Memory(data.clone());
        let open_at = |offset: u64| source.open_at(Path::new("memory"), offset);
        for parts in [2, 3, 8, 40] {
            let got = chunk_starts(&open_at, 0, data.len() as u64, parts).unwrap();
            // Each target's boundary by walking from the start, one byte at a time.
            let step = data.len() / parts;
            let mut expected = vec![0u64];
            for k in 1..parts {
                let mut quoted = false;
                for (j, &b) in data.iter().enumerate() {
                    if b == b'"' {
                        quoted = !quoted;
                    } else if b == b'\n' && !quoted && j >= k * step {
                        let boundary = j as u64 + 1;
                        if boundary < data.len() as u64 && !expected.contains(&boundary) {
                            expected.push(boundary);
                        }
                        break;
                    }
                }
            }
            assert_eq!(got, expected, "{parts} parts");
        }
    }

    /// Records of `width` fields, some with a quoted answer over several lines, escaped quotes
    /// and commas, and one quoted field longer than a chunk.
    fn export_like(width: usize, records: u32) -> Vec<u8> {
        let mut data = Vec::new();
        let mut seed = 11u32;
        for i in 0..records {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            data.extend_from_slice(i.to_string().as_bytes());
            for f in 1..width {
                data.push(b',');
                match ((seed >> 16) + f as u32) % 7 {
                    0 if f == width - 1 => {
                        data.extend_from_slice("\"停车难,\n\"\"路口\"\"\n拥堵\"".as_bytes())
                    }
                    1 if i == records / 2 && f == 1 => {
                        data.push(b'"');
                        data.extend(std::iter::repeat_n(b"a,\n".as_slice(), 20_000).flatten());
                        data.push(b'"');
                    }
                    2 => {}
                    _ => data.extend_from_slice("满意".as_bytes()),
                }
            }
            data.push(b'\n');
        }
        data
    }

    #[test]
    fn guessed_chunk_starts_are_the_counted_ones_or_none() {
        let mut told = 0;
        for width in [2, 3, 8, 40] {
            let data = export_like(width, 4000);
            let source = Source::Memory(data.clone());
            let open_at = |offset: u64| source.open_at(Path::new("memory"), offset);
            for parts in [2, 3, 8, 40] {
                let end = data.len() as u64;
                let exact = chunk_starts(&open_at, 0, end, parts).unwrap();
                if let Some(guessed) = guessed_starts(&open_at, 0, end, parts, b',', width).unwrap()
                {
                    assert_eq!(guessed, exact, "{width} columns, {parts} parts");
                    told += 1;
                }
            }
        }
        // Wide records tell their boundaries: the counting pass is not run for them.
        assert!(told >= 8, "only {told} of 16 layouts were told");
    }

    #[test]
    fn a_reading_of_the_quotes_is_believed_only_when_records_follow() {
        let record = "1,\"a,\nb\",c\n".repeat(6);
        let width = 3;
        // From inside the quoted field, just after its comma: only the inside reading fits.
        let at = record.find(",\n").unwrap() + 1;
        let window = &record.as_bytes()[at..];
        assert_eq!(
            boundary_if_records_follow(window, false, b',', width, false),
            None
        );
        let inside = boundary_if_records_follow(window, true, b',', width, false).unwrap();
        assert!(record[at + inside..].starts_with("1,\""));
        // Records of another width are no records.
        assert_eq!(
            boundary_if_records_follow(window, true, b',', 4, false),
            None
        );
        // A window short of four records fits only when it reaches the end of the data.
        let tail = &record.as_bytes()[record.len() - 30..];
        let tail_inside = boundary_if_records_follow(tail, true, b',', width, true);
        let tail_outside = boundary_if_records_follow(tail, false, b',', width, true);
        assert!(tail_inside.is_some() != tail_outside.is_some());
        assert_eq!(
            boundary_if_records_follow(tail, false, b',', width, false),
            None
        );
        assert_eq!(
            boundary_if_records_follow(tail, true, b',', width, false),
            None
        );
    }

    fn regular(bytes: &[u8], read_size: usize) -> bool {
        let mut check = QuoteCheck::new(bytes, b',');
        let mut buf = vec![0u8; read_size];
        while check.read(&mut buf).unwrap() > 0 {}
        check.scan(&[]);
        check.is_regular()
    }

    #[test]
    fn quote_check_tells_regular_from_irregular_quoting() {
        let cases: [(&[u8], bool); 9] = [
            (b"1,2\n3,4\n", true),
            (b"1,\"a,b\"\n2,\"x\ny\"\n", true),
            (b"1,\"say \"\"hi\"\"\"\r\n2,3\r\n", true),
            (b"\"\"\n", true),
            (b"1,x\"y\n", false),
            (b"1,\"x\"y\n", false),
            (b"1,2\r3,4\n", false),
            (b"1,\"open\n", false),
            (b"1,\"a\"", true),
        ];
        for (bytes, want) in cases {
            // Every read size, so pending states across reads are exercised.
            for size in 1..=bytes.len().max(1) {
                assert_eq!(
                    regular(bytes, size),
                    want,
                    "{:?} read by {size}",
                    String::from_utf8_lossy(bytes)
                );
            }
        }
    }

    #[test]
    fn quote_check_finds_the_quote_left_open() {
        // After an irregular quote the check goes on as the csv crate reads: `"a"b` is text once
        // its quote has closed, and the quote before `c` opens a field that never closes.
        for (bytes, open) in [
            (&b"1,\"a\"b,\"c\n2,3\n"[..], Some(7)),
            (b"1,\"a\nb\",2\n", None),
            (b"1,x\"y\n2,\"z", Some(8)),
            (b"\"\"\"\n", Some(0)),
        ] {
            for size in 1..=bytes.len() {
                let mut check = QuoteCheck::new(bytes, b',');
                let mut buf = vec![0u8; size];
                while check.read(&mut buf).unwrap() > 0 {}
                let found = check.quoted.then_some(check.opened);
                assert_eq!(
                    found,
                    open,
                    "{:?} read by {size}",
                    String::from_utf8_lossy(bytes)
                );
            }
        }
    }

    #[test]
    fn both_parsers_read_an_irregular_file_the_same_way() {
        // A stray quote in an unquoted field: the csv crate's reading (a literal quote) wins.
        let kinds = [ColumnKind::Text, ColumnKind::Text];
        let data: &[u8] = b"1,x\"y\n2,z\n";
        let chunk = parse_chunk(|| Ok(data), b',', &kinds, 4, None)
            .unwrap()
            .ok()
            .unwrap();
        assert_eq!(chunk.rows, 2);
        let second = chunk.builders.into_iter().nth(1).unwrap();
        let mut decode = |b: &[u8]| String::from_utf8(b.to_vec()).ok();
        match second.finish(&mut decode).unwrap() {
            super::super::Column::Text(t) => assert_eq!(t.values, ["x\"y", "z"]),
            _ => unreachable!(),
        }
    }

    #[test]
    fn delimiter_sniffing() {
        assert_eq!(sniff_delimiter(b"a,b\tc,d\n"), b',');
        assert_eq!(sniff_delimiter(b"a\tb\tc\n1,2"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a,b\";c;d\n"), b';');
    }
}
