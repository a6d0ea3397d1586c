//! An XLSX export whose worksheet, shared strings and styles come from the fuzzer, wrapped in an
//! otherwise valid workbook (random bytes are almost never a zip), then summarised and `init`-ed
//! like `wenjuan summarize FILE` / `wenjuan init FILE`.
//!
//! The input is `SHEET_XML [<!--sharedStrings--> SST_XML] [<!--styles--> STYLES_XML]`: the bytes
//! of `xl/worksheets/sheet1.xml`, then optionally those of `xl/sharedStrings.xml` and
//! `xl/styles.xml` (a part without its marker is left out of the workbook). An input that starts
//! with `PK\x03\x04` is taken as a whole workbook and written as it is.
#![no_main]

mod common;

use std::io::Write;
use zip::write::SimpleFileOptions;

const SST_MARK: &[u8] = b"<!--sharedStrings-->";
const STYLES_MARK: &[u8] = b"<!--styles-->";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Splits the input into the sheet, shared strings and styles parts.
fn parts(data: &[u8]) -> (&[u8], Option<&[u8]>, Option<&[u8]>) {
    let (rest, styles) = match find(data, STYLES_MARK) {
        Some(i) => (&data[..i], Some(&data[i + STYLES_MARK.len()..])),
        None => (data, None),
    };
    let (sheet, sst) = match find(rest, SST_MARK) {
        Some(i) => (&rest[..i], Some(&rest[i + SST_MARK.len()..])),
        None => (rest, None),
    };
    (sheet, sst, styles)
}

fn workbook(data: &[u8]) -> Vec<u8> {
    let (sheet, sst, styles) = parts(data);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut add = |name: &str, bytes: &[u8]| {
        zip.start_file(name, stored).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    };
    add("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    add("_rels/.rels", ROOT_RELS.as_bytes());
    add("xl/workbook.xml", WORKBOOK.as_bytes());
    add("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes());
    add("xl/worksheets/sheet1.xml", sheet);
    if let Some(sst) = sst {
        add("xl/sharedStrings.xml", sst);
    }
    if let Some(styles) = styles {
        add("xl/styles.xml", styles);
    }
    zip.finish().expect("zip finish").into_inner()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let path = if data.starts_with(b"PK\x03\x04") {
        common::write_export(data, "xlsx")
    } else {
        common::write_export(&workbook(data), "xlsx")
    };
    common::pipeline(&path);
});
