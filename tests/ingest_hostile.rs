//! Hostile exports, each built here byte by byte: workbooks with impossible cell references, a
//! declared size or one stray value in the last cell of a sheet, files that are not what their
//! name says; CSV with a quote that never closes or closes many lines later, bytes that are not
//! the file's encoding. Each is read correctly or refused with exit 2 and a message naming the
//! file and the place of the fault — never a panic, an abort or responses silently lost.

mod common;

use common::{csv_rows, run_in};
use std::io::Write;
use std::path::{Path, PathBuf};
use wenjuan::i18n::Lang;
use wenjuan::ingest::{Encoding, ReadOptions, Table, read_table};
use wenjuan::survey::headers::column_kinds;

const HEADER: [&str; 4] = [
    "序号",
    "提交答卷时间",
    "1、您对规划的满意程度",
    "2、意见和建议",
];
const LEVELS: [&str; 3] = ["非常满意", "满意", "一般"];

/// The 30 responses every case starts from: one row of four cells each.
fn responses() -> Vec<[String; 4]> {
    (1..=30)
        .map(|r| {
            [
                r.to_string(),
                "2024/7/15 10:23:45".to_string(),
                LEVELS[r % 3].to_string(),
                "无".to_string(),
            ]
        })
        .collect()
}

fn csv_text(rows: &[[String; 4]]) -> String {
    let mut out = HEADER.join(",") + "\n";
    for row in rows {
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// Runs `wenjuan summarize FILE` (plus `extra` arguments) with its address space capped at 4 GB,
/// so that a reader that allocates by a declared size fails quickly instead of swapping.
fn summarize(file: &Path, extra: &[&str]) -> common::Run {
    let mut args = vec!["summarize", "--lang", "en"];
    args.extend_from_slice(extra);
    let file = file.to_str().unwrap();
    args.push(file);
    let script = format!(
        "ulimit -v 4194304; exec '{}' \"$@\"",
        env!("CARGO_BIN_EXE_wenjuan")
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("wenjuan")
        .args(&args)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run wenjuan");
    common::Run {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn received(run: &common::Run) -> Option<u64> {
    csv_rows(&run.stdout)
        .iter()
        .find(|r| r["statistic"] == "responses" && r["level"] == "received")
        .map(|r| r["count"].parse().unwrap())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn read(path: &Path, threads: usize) -> wenjuan::Result<Table> {
    let options = ReadOptions {
        threads,
        parallel_min_bytes: 0,
        ..ReadOptions::default()
    };
    read_table(path, &options, &column_kinds)
}

// ---- workbooks -------------------------------------------------------------------------------

/// An XLSX holding one worksheet `Sheet1` whose `<sheetData>` is `rows` (and an optional
/// `<dimension>`), written by hand so that the XML can be anything.
fn xlsx(sheet_data: &str, dimension: Option<&str>) -> Vec<u8> {
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{}<sheetData>{sheet_data}</sheetData></worksheet>"#,
                dimension
                    .map(|d| format!(r#"<dimension ref="{d}"/>"#))
                    .unwrap_or_default()
            ),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn cell(reference: &str, text: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// The 30 responses as `<row>`s from row 1 (the header), plus `extra` XML at the end.
fn sheet_rows(extra: &str) -> String {
    let mut xml = String::new();
    let all = std::iter::once(HEADER.map(str::to_string)).chain(responses());
    for (i, row) in all.enumerate() {
        let r = i + 1;
        xml.push_str(&format!(r#"<row r="{r}">"#));
        for (c, text) in ["A", "B", "C", "D"].iter().zip(&row) {
            xml.push_str(&cell(&format!("{c}{r}"), text));
        }
        xml.push_str("</row>");
    }
    xml + extra
}

#[test]
fn impossible_cell_references_are_refused_naming_file_and_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "row-zero",
            sheet_rows(&format!(r#"<row r="40">{}</row>"#, cell("A0", "x"))),
            None,
        ),
        (
            "zzzzzz1",
            sheet_rows(&format!(r#"<row r="40">{}</row>"#, cell("ZZZZZZ1", "x"))),
            None,
        ),
        (
            "twenty-letters",
            sheet_rows(&format!(
                r#"<row r="40">{}</row>"#,
                cell("ZZZZZZZZZZZZZZZZZZZZ40", "x")
            )),
            None,
        ),
        (
            "garbage",
            sheet_rows(&format!(r#"<row r="40">{}</row>"#, cell("3D!", "x"))),
            None,
        ),
        (
            "row-attribute-zero",
            sheet_rows(r#"<row r="0"><c t="inlineStr"><is><t>x</t></is></c></row>"#),
            None,
        ),
        ("reversed-dimension", sheet_rows(""), Some("M31:A1")),
        ("huge-dimension", sheet_rows(""), Some("A1:XFD1048576")),
    ];
    for (name, rows, dimension) in cases {
        let file = format!("{name}.xlsx");
        let path = write(dir.path(), &file, &xlsx(&rows, dimension));
        let r = summarize(&path, &[]);
        assert!(
            r.status == 0 || r.status == 2,
            "{name}: exit {} {}",
            r.status,
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
        if r.status == 2 {
            assert!(r.stderr.contains(&file), "{name}: {}", r.stderr);
            assert!(r.stderr.contains("Sheet1"), "{name}: {}", r.stderr);
        } else {
            assert_eq!(received(&r), Some(30), "{name}");
        }
    }
}

#[test]
fn a_cell_beyond_the_largest_sheet_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let rows = sheet_rows(&format!(r#"<row r="40">{}</row>"#, cell("ZZZZZZ40", "x")));
    let path = write(dir.path(), "far.xlsx", &xlsx(&rows, None));
    let r = summarize(&path, &[]);
    assert_eq!(r.status, 2, "{}", r.stderr);
    assert!(r.stderr.contains("ZZZZZZ40"), "{}", r.stderr);
}

#[test]
fn one_value_in_the_last_cell_of_a_sheet_costs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let rows = sheet_rows(&format!(
        r#"<row r="1048576">{}</row>"#,
        cell("XFD1048576", "x")
    ));
    let path = write(dir.path(), "last-cell.xlsx", &xlsx(&rows, None));
    let started = std::time::Instant::now();
    let r = summarize(&path, &[]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(received(&r), Some(30));
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

#[test]
fn workbooks_are_opened_by_what_they_hold() {
    let dir = tempfile::tempdir().unwrap();
    let book = xlsx(&sheet_rows(""), None);

    // An old .xls (OLE2 compound file) named .xlsx: said to be one, not a zip error.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let path = write(dir.path(), "old.xlsx", &ole);
    let r = summarize(&path, &[]);
    assert_eq!(r.status, 2, "{}", r.stderr);
    assert!(r.stderr.contains("old.xlsx"), "{}", r.stderr);
    assert!(r.stderr.contains(".xls workbook"), "{}", r.stderr);
    assert!(!r.stderr.contains("EOCD"), "{}", r.stderr);

    // A cut-short download.
    let path = write(dir.path(), "cut.xlsx", &book[..book.len() * 2 / 3]);
    let r = summarize(&path, &[]);
    assert_eq!(r.status, 2, "{}", r.stderr);
    assert!(r.stderr.contains("damaged or incomplete"), "{}", r.stderr);

    // CSV text saved under a workbook's name is read as what it is.
    let text = csv_text(&responses());
    let path = write(dir.path(), "text.xlsx", text.as_bytes());
    let r = summarize(&path, &[]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(received(&r), Some(30));
    let table = read(&path, 1).unwrap();
    assert_eq!(table.format, "csv");
    assert_eq!(
        table.notes[0].render(Lang::En),
        "the file is named .xlsx but holds text; it was read as a CSV file"
    );
    assert_eq!(
        table.notes[0].render(Lang::Zh),
        "文件扩展名为 .xlsx，内容却是文本，已按 CSV 文件读取"
    );

    // An .xlsx named .xls.
    let path = write(dir.path(), "new.xls", &book);
    let r = summarize(&path, &[]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(received(&r), Some(30));
    assert_eq!(read(&path, 1).unwrap().format, "xlsx");

    // Neither a workbook nor text.
    let mut binary = b"\x01\x02\x00\x00".to_vec();
    binary.extend(std::iter::repeat_n(0u8, 100));
    let path = write(dir.path(), "blob.xlsx", &binary);
    let r = summarize(&path, &[]);
    assert_eq!(r.status, 2, "{}", r.stderr);
    assert!(r.stderr.contains("neither a workbook"), "{}", r.stderr);

    // A web page saved as .xls.
    let path = write(
        dir.path(),
        "page.xls",
        b"<html><body><table></table></body></html>",
    );
    let r = summarize(&path, &[]);
    assert_eq!(r.status, 2, "{}", r.stderr);
    assert!(r.stderr.contains("HTML"), "{}", r.stderr);
}

#[test]
fn how_a_file_was_read_is_told_as_a_warning_in_the_reader_language() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "text.xlsx", csv_text(&responses()).as_bytes());
    let file = path.to_str().unwrap();

    let zh = run_in(None, &["summarize", file]);
    assert_eq!(zh.status, 0, "{}", zh.stderr);
    assert!(
        zh.stderr.contains(&format!(
            "wenjuan: 注意: {file}：文件扩展名为 .xlsx，内容却是文本，已按 CSV 文件读取"
        )),
        "{}",
        zh.stderr
    );

    let en = summarize(&path, &[]);
    assert_eq!(en.status, 0, "{}", en.stderr);
    assert!(
        en.stderr.contains(&format!(
            "wenjuan: warning: {file}: the file is named .xlsx but holds text; it was read as a \
             CSV file"
        )),
        "{}",
        en.stderr
    );
    // The figures are the same: the note is for the reader, not a change to the data.
    assert_eq!(received(&en), Some(30));
}

// ---- quotes ----------------------------------------------------------------------------------

#[test]
fn a_quote_that_never_closes_is_refused_where_it_opens() {
    let dir = tempfile::tempdir().unwrap();
    // In the last column the open field has the header's number of fields: nothing looked wrong
    // and "received 12" was all that was said. In the third column the record is short.
    for (column, at) in [
        (3usize, "4 「2、意见和建议」"),
        (2, "3 「1、您对规划的满意程度」"),
    ] {
        let mut rows = responses();
        rows[11][column] = format!("\"{}", rows[11][column]);
        let path = write(dir.path(), "open.csv", csv_text(&rows).as_bytes());
        let r = summarize(&path, &[]);
        assert_eq!(r.status, 2, "{}", r.stdout);
        for part in ["open.csv", "line 13", "row 12", at, "never closed"] {
            assert!(r.stderr.contains(part), "{part}: {}", r.stderr);
        }
        // The parallel reader finds the same.
        for threads in [1, 3] {
            let e = read(&path, threads).unwrap_err();
            assert_eq!(e.at.line, Some(13));
            assert_eq!(e.at.row, Some(12));
        }
    }
}

#[test]
fn a_stray_quote_closing_lines_later_does_not_swallow_rows() {
    let dir = tempfile::tempdir().unwrap();
    // Opens in row 12 and closes in row 25 of the same column: the record then has the right
    // number of fields, and rows 13 to 24 were read as part of one answer.
    let mut rows = responses();
    rows[11][2] = format!("\"{}", rows[11][2]);
    rows[24][2] = format!("{}\"", rows[24][2]);
    let path = write(dir.path(), "stray.csv", csv_text(&rows).as_bytes());
    let r = summarize(&path, &[]);
    assert_eq!(r.status, 2, "{}", r.stdout);
    for part in ["stray.csv", "line 13", "row 12", "column 3", "line 26"] {
        assert!(r.stderr.contains(part), "{part}: {}", r.stderr);
    }
    for threads in [1, 3] {
        assert_eq!(read(&path, threads).unwrap_err().at.line, Some(13));
    }

    // Closing in another column makes the record ragged; the message says where the quote runs.
    let mut rows = responses();
    rows[11][2] = format!("\"{}", rows[11][2]);
    rows[24][1] = format!("{}\"", rows[24][1]);
    let path = write(dir.path(), "ragged.csv", csv_text(&rows).as_bytes());
    let r = summarize(&path, &[]);
    assert_eq!(r.status, 2, "{}", r.stdout);
    for part in ["row 12 (line 13)", "from line 13 to line 26", "stray"] {
        assert!(r.stderr.contains(part), "{part}: {}", r.stderr);
    }
}

#[test]
fn quoted_multi_line_answers_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = responses();
    rows[11][3] = "\"第一行\n第二行, with a comma, and another\r\n第三行\"".to_string();
    rows[20][3] = "\"建议增加\"\"周末办理\"\",\n方便上班族\"".to_string();
    let path = write(dir.path(), "multi.csv", csv_text(&rows).as_bytes());
    let r = summarize(&path, &[]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(received(&r), Some(30));
    for threads in [1, 3] {
        let t = read(&path, threads).unwrap();
        assert_eq!(t.rows, 30);
        assert_eq!(
            t.columns[3].display(11),
            "第一行\n第二行, with a comma, and another\r\n第三行"
        );
        assert_eq!(
            t.columns[3].display(20),
            "建议增加\"周末办理\",\n方便上班族"
        );
    }
}

// ---- encodings -------------------------------------------------------------------------------

#[test]
fn bytes_foreign_to_the_file_are_blamed_on_their_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = Vec::new();
    for (i, line) in csv_text(&responses()).lines().enumerate() {
        let mut line = line.as_bytes().to_vec();
        if i == 15 {
            // Data row 15, column 3: FF FE is neither UTF-8 nor GB18030.
            let at = line.iter().rposition(|&b| b == b',').unwrap();
            line.splice(at..at, [0xFF, 0xFE]);
        }
        bytes.extend(line);
        bytes.push(b'\n');
    }
    let path = write(dir.path(), "bad-bytes.csv", &bytes);
    for extra in [&[][..], &["--encoding", "utf-8"]] {
        let r = summarize(&path, extra);
        assert_eq!(r.status, 2, "{}", r.stdout);
        for part in ["bad-bytes.csv", "row 15", "column 3", "not valid utf-8"] {
            assert!(r.stderr.contains(part), "{extra:?} {part}: {}", r.stderr);
        }
        assert!(!r.stderr.contains("header cell"), "{extra:?}: {}", r.stderr);
    }
}

#[test]
fn a_utf8_byte_order_mark_in_front_of_gbk_is_read_as_gbk() {
    let dir = tempfile::tempdir().unwrap();
    let text = csv_text(&responses());
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&gbk);
    let path = write(dir.path(), "bom-gbk.csv", &bytes);
    let r = summarize(&path, &[]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(received(&r), Some(30));
    let t = read(&path, 1).unwrap();
    assert_eq!(t.encoding, Some(Encoding::Gb18030));
    assert_eq!(t.headers[2], HEADER[2]);
    assert!(
        t.notes[0].render(Lang::En).contains("byte-order mark"),
        "{:?}",
        t.notes
    );
    assert!(
        t.notes[0].render(Lang::Zh).contains("字节顺序标记"),
        "{:?}",
        t.notes
    );
}

// ---- wide files ------------------------------------------------------------------------------

#[test]
fn wide_files_read_the_same_cell_for_cell() {
    // Past 256 columns rows reach the builders in batches: every cell must land where it was.
    let dir = tempfile::tempdir().unwrap();
    let width = 700;
    let mut text = (1..=width)
        .map(|c| format!("{c}、问题{c}"))
        .collect::<Vec<_>>()
        .join(",");
    text.push('\n');
    for r in 0..45 {
        let row: Vec<String> = (0..width)
            .map(|c| LEVELS[(r * 7 + c) % 3].to_string())
            .collect();
        text.push_str(&row.join(","));
        text.push('\n');
    }
    let path = write(dir.path(), "wide.csv", text.as_bytes());
    for threads in [1, 3] {
        let t = read(&path, threads).unwrap();
        assert_eq!((t.rows, t.headers.len()), (45, width));
        for r in 0..45 {
            for c in 0..width {
                assert_eq!(t.columns[c].display(r), LEVELS[(r * 7 + c) % 3], "{r} {c}");
            }
        }
    }
    let r = run_in(None, &["summarize", path.to_str().unwrap()]);
    assert_eq!(r.status, 0, "{}", r.stderr);
}
