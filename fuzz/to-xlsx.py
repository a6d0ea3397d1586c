#!/usr/bin/env python3
"""Turns an xlsx_ingest fuzz input into the workbook the target reads, to try it with the CLI or
keep it as a test fixture:  python3 fuzz/to-xlsx.py INPUT OUT.xlsx
The input is the worksheet XML, optionally followed by <!--sharedStrings--> and shared strings
XML, and by <!--styles--> and styles XML (see fuzz_targets/xlsx_ingest.rs); an input that is
already a zip is copied as it is."""
import re
import sys
import zipfile

src = open(sys.argv[1], "rb").read()
target = open(sys.argv[2], "wb")
if src.startswith(b"PK\x03\x04"):
    target.write(src)
    sys.exit(0)

rs = open(__file__.replace("to-xlsx.py", "fuzz_targets/xlsx_ingest.rs"), encoding="utf-8").read()


def const(name):
    return re.search(r'const %s: &str = r#"(.*?)"#;' % name, rs, re.S).group(1).encode()


rest, styles = src, None
if b"<!--styles-->" in src:
    rest, styles = src.split(b"<!--styles-->", 1)
sheet, sst = rest, None
if b"<!--sharedStrings-->" in rest:
    sheet, sst = rest.split(b"<!--sharedStrings-->", 1)
with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as z:
    z.writestr("[Content_Types].xml", const("CONTENT_TYPES"))
    z.writestr("_rels/.rels", const("ROOT_RELS"))
    z.writestr("xl/workbook.xml", const("WORKBOOK"))
    z.writestr("xl/_rels/workbook.xml.rels", const("WORKBOOK_RELS"))
    z.writestr("xl/worksheets/sheet1.xml", sheet)
    if sst is not None:
        z.writestr("xl/sharedStrings.xml", sst)
    if styles is not None:
        z.writestr("xl/styles.xml", styles)
