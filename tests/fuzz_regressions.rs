//! Every input the fuzzers crashed on (`fuzz/regressions/`), run through the binary the way the
//! fuzz targets run it, so that CI — which does not fuzz — keeps each fixed: no panic, no abort,
//! and a definition `init` writes reads back.

mod common;
use common::*;
use std::io::Write;
use std::path::Path;

/// Exit statuses of a run that ended on its own terms: 0, 1 (check found something), 2 (refused).
fn ended_well(r: &Run) -> bool {
    matches!(r.status, 0..=2) && !r.stderr.contains("panicked")
}

fn regressions(target: &str) -> Vec<std::path::PathBuf> {
    let dir = root().join("fuzz/regressions").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x != "md"))
        .collect();
    files.sort();
    files
}

#[test]
fn csv_inputs_that_crashed_read_and_init_reads_back() {
    for input in regressions("csv_ingest") {
        let dir = tempfile::tempdir().unwrap();
        let export = dir.path().join("e.csv");
        std::fs::copy(&input, &export).unwrap();
        let r = run_in(Some(dir.path()), &["summarize", "e.csv"]);
        assert!(ended_well(&r), "{}: {}", input.display(), r.stderr);
        if r.status != 0 {
            continue;
        }
        let init = run_in(Some(dir.path()), &["init", "e.csv", "-o", "d.toml"]);
        assert_eq!(init.status, 0, "{}: {}", input.display(), init.stderr);
        let back = run_in(Some(dir.path()), &["summarize", "--survey", "d.toml"]);
        assert_eq!(back.status, 0, "{}: {}", input.display(), back.stderr);
    }
}

/// The workbook the `xlsx_ingest` target makes of an input: the worksheet XML, then optionally
/// `<!--sharedStrings-->` and shared strings XML, then `<!--styles-->` and styles XML (as
/// `fuzz/to-xlsx.py` builds it).
fn workbook(input: &[u8], path: &Path) {
    fn split<'a>(bytes: &'a [u8], marker: &[u8]) -> (&'a [u8], Option<&'a [u8]>) {
        match bytes.windows(marker.len()).position(|w| w == marker) {
            Some(i) => (&bytes[..i], Some(&bytes[i + marker.len()..])),
            None => (bytes, None),
        }
    }
    let (rest, styles) = split(input, b"<!--styles-->");
    let (sheet, strings) = split(rest, b"<!--sharedStrings-->");
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    let mut parts: Vec<(&str, &[u8])> = vec![
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(strings) = strings {
        parts.push(("xl/sharedStrings.xml", strings));
    }
    if let Some(styles) = styles {
        parts.push(("xl/styles.xml", styles));
    }
    for (name, bytes) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn xlsx_sheets_that_crashed_are_read_or_refused() {
    for input in regressions("xlsx_ingest") {
        let dir = tempfile::tempdir().unwrap();
        let sheet = std::fs::read(&input).unwrap();
        workbook(&sheet, &dir.path().join("e.xlsx"));
        for command in ["summarize", "check", "init"] {
            let r = run_in(Some(dir.path()), &[command, "e.xlsx"]);
            assert!(
                ended_well(&r),
                "{} ({command}): {}",
                input.display(),
                r.stderr
            );
            if r.status == 2 {
                assert!(
                    r.stderr.contains("e.xlsx"),
                    "{}: {}",
                    input.display(),
                    r.stderr
                );
            }
        }
        let init = run_in(Some(dir.path()), &["init", "e.xlsx", "-o", "d.toml"]);
        if init.status == 0 {
            let back = run_in(Some(dir.path()), &["summarize", "--survey", "d.toml"]);
            assert_eq!(back.status, 0, "{}: {}", input.display(), back.stderr);
        }
    }
}
