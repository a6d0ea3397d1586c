#!/usr/bin/env python3
"""Seeded generator of SYNTHETIC survey exports in the shapes real platforms write.

Writes tests/fixtures/shapes/: one questionnaire per shape (问卷星 按文本 / 按序号 / 按分数
downloads, 腾讯问卷 CSV and XLSX, 金数据 XLSX, and one questionnaire in four containers),
plus expected.json, whose every count is computed HERE from the answers this script drew
(never from wenjuan's output), and README.md. tests/shapes.rs runs `wenjuan summarize`
on each file and compares.

    python3 scripts/make_shapes.py        # Python 3.11, `pip install openpyxl xlwt`

ALL DATA IS SYNTHETIC: respondents, answers, IPs, nicknames and times are made up.
Every run is byte-identical: seeded random.Random instances only, fixed timestamps,
XLSX zip entries and document properties rewritten to a fixed date, xlwt writes none.

Sources for the export formats (what each said), and where none was found
-------------------------------------------------------------------------
[R1] github.com/gasongjian/reportgen, example/datasets/[问卷星数据]800_800_0.xls (按文本) and
     [问卷星数据]800_800_2.xls (按序号), and reportgen/data/All_Data_Readable.xls /
     All_Data_Original.xls at commit bbbad86 (real 问卷星 downloads, 2016):
     - metadata first: 序号, 提交答卷时间 (`2016/12/17 14:22:55`), 所用时间 (`136秒`), 来源
       (`手机提交`), 来源详情 (`微信`, `直接访问`), 来自IP (`183.192.16.69(上海-上海)`); the
       800 file orders 来源, 来源详情, 来自IP, the 2016 one 来自IP, 来源, 来源详情;
     - question headers `1、手机部数`, often with a trailing space (`3、性别 `) or a type
       suffix (`15、…(单选题 *必答)`);
     - 按文本: multiple choice joined with `┋`; "other" written `其他【请注明】〖柜台〗`; ranking
       joined with `→` (`触控流畅,反应快→内存大→价格→…`, respondents rank only some options);
       logic skips `(跳过)`; rating options written `4分`, a 0-10 scale `3分`;
     - matrix rows: the FIRST row header is `13、题干—外观`, the following rows are the bare
       row text (`界面美观度`, `屏幕显示效果` …), no number at all;
     - 按序号: option numbers stored as numbers in the .xls (1.0, 2.0); -3 for a logic skip,
       -2 for an option a respondent did not rank; multiple choice one 0/1 column per option
       headed `第6题(运动)`, `第6题(阅读)` … (option text in the parentheses); ranking one
       column per option holding the rank; a 0-10 question coded by position (3分 -> 4).
     reportgen/report.py `wenjuanxing()` parses exactly this (`^(\\d{1,2})[、：:]` for numbered
     headers, `^第(\\d{1,2})题\\(.*?\\)` for option columns, replace -2/-3 by NaN).
[R2] github.com/SurveyController/SurveyController, software/io/spreadsheets/wjx_excel.py,
     software/core/reverse_fill/{schema,parser}.py and their tests (2025):
     - three 问卷星 downloads named 按序号 / 按分数 / 按文本 (`REVERSE_FILL_FORMAT_WJX_*`);
     - question header regex `^\\s*(\\d+)\\s*[、,.，．]\\s*(.*?)\\s*$` (`1、…` and `2. …`);
     - a 按序号 multiple choice detected by columns `2、(选项1)`, `2、(选项2)`
       (`^\\(\\s*选项\\s*\\d+\\s*\\)$`; 选项1/选项2 are 问卷星's default option names);
     - 多项填空 columns `3、字段A`, `3、字段B` and matrix rows `4、外观`, `4、功能`: the number is
       repeated, the stem is dropped after the first column;
     - 按分数 cells are numbers (`[1, 4]`), 按文本 cells text; `其他〖无〗` carries other-text;
       `→` marks a ranking, `┋` a multiple choice.
[R3] Wsine/kindle-calendar README.md (template/questionaire.csv, "Tencent Questionaire output
     format"): `"编号","开始答题时间","结束答题时间","答题时长","地理位置国家和地区","地理位置省",
     "地理位置市","自定义字段","1.你的网络 ID ？",…,` — every field quoted, a trailing comma on
     every line (so a last, nameless column), times `02-Feb-2021 20:26:58`, 答题时长 `11`.
[R4] a 2016 blog post "CSV Injection Vulnerability" (Jekyll _posts, found in the code index,
     quoting `465864_seg_1.csv` exported from wj.qq.com): `"编号","开始答题时间","结束答题时间",
     "自定义字段","1.您使用过xx网吗？",…` and rows `"1","2016-04-27 19:26:45",…,"A.使用过",
     "A.男","C.26-30岁",…,"3","3",…,""` — single-choice answers carry a letter prefix `A.`,
     scale answers are bare numbers, trailing comma again.
[R5] a Streamlit analysis of a 腾讯问卷 CSV (上海话问卷, code index): metadata 编号, 开始答题时间,
     结束答题时间, 答题时长, 语言, 清洗数据结果, 智能清洗数据无效概率, 地理位置国家和地区, 地理位置省,
     地理位置市, 用户类型, 用户标识, 昵称, 自定义字段, IP, UA, Referrer, 中奖时间, 中奖金额, 审核状态 and
     a trailing `Unnamed: 58` (the trailing comma); multiple choice as option columns
     `21.你通常在以下哪些场合使用上海话？:与家人交流` that are non-empty when chosen; fill-in
     fields `3.你来自于：_填空1`, `_填空2`; answers `A.男`, `D.无所谓（请直接选择此项）`.
     Also an "analyze_generic.py" survey engine (code index): option columns read
     `6.通勤地点:一丹图书馆` with values `D.一丹图书馆` or empty; a metadata list including
     referrer, 地理位置, 自定义, 答题时长, 开始答题时间, 结束答题时间.
[R6] a pandas Postprocess script (code index) reordering a 腾讯问卷-style export, listing its
     metadata in the order 开始答题时间, 结束答题时间, 答题时长, 地理位置国家和地区, 地理位置省,
     地理位置市, 用户类型, 用户标识, 昵称, 自定义字段.
[R7] 金数据 API v4 documentation (金数据API文档, code index): an entry is serial_number, the
     fields field_1 … in form order, then creator_name, updater_name, created_at, updated_at,
     info_remote_ip, info_platform (`Macintosh`), info_os (`OS X 10.11.3`), info_browser
     (`Chrome 48.0.2564.109`); field labels are free text WITHOUT question numbers (`姓名`,
     `称呼`, `您所在的行业`). Other code reads info_region and info_filling_duration.
[R8] 问卷星 help "排序题综合排名规则" (mirror of wjx.cn/help/help.aspx?helpid=674):
     综合排名 = Σ(share of respondents placing the option at rank r × r), smaller is better
     — for the respondents who ranked the option this is its mean rank.
[R9] PRODUCT.md "Inputs" (this project) for everything no public source showed.

NOT found in any source, so taken from PRODUCT.md or the brief and marked as such:
  - the 问卷星 按分数 layout beyond "numbers in the cells" [R2]: we assume 按序号's columns with
    each option's score, an unscored "cannot say" option written 0, -3/-2 as in 按序号, and a
    总分 column after 来自IP (PRODUCT.md);
  - 问卷星 综合得分 for rankings: Σ over positions (frequency × weight) / respondents who
    answered, weight = number of options − position + 1 (the brief; the help page was not in
    the store, [R8] only gives 综合排名);
  - the old 按序号 header `5、(政府网站)` with the option TEXT in the parentheses is inferred
    from [R1] (`第6题(运动)`) and [R2] (`2、(选项1)` with default option names); the newer
    `7、题干(交通)` then `7(教育)` follows PRODUCT.md;
  - 腾讯问卷 matrix rows `5.题干:行` and their cell values (we write plain option text, no
    letter) — no real matrix export was found; the column order of IP / UA / Referrer (we
    put them before the questions); the CSV encoding (we write UTF-8 with a BOM); in the
    option columns of a multiple choice we write the letter-prefixed option when chosen [R5];
  - 金数据's Chinese header names (序号, 提交人, 填写时间, 填写设备, 操作系统, 浏览器, IP come from
    PRODUCT.md mapped onto [R7]'s fields, kept in [R7]'s order: 序号 first, the metadata
    AFTER the questions); whether its export numbers questions (we write none, as [R7]);
  - a lone `-` for an empty answer (the brief); `N分` answers to a 0-10 question [R1] vs bare
    `0`..`10` (we write both, one question each).

expected.json conventions (the inference being built follows them)
--------------------------------------------------------------------
ids: `q` + the questionnaire's own number; matrix rows, fill-in fields, 腾讯问卷 matrix rows
`q6_1`, `q6_2` … in column order; option columns of one multiple choice (0/1 or `:选项`)
form ONE question. A questionnaire with no numbers (金数据) is numbered by the position of
its question columns (q1, q2 … — an assumption, flagged in the README).
kind: single / multiple / text / ranking / nps. n: valid answers (blank, `(空)`, `(跳过)`, a
lone `-`, not-applicable answers such as 不清楚, and the 按分数 0 are excluded).
levels: [label, count] best to worst for ordered scales, option order otherwise; labels as
the export writes them, trimmed (a letter prefix `C.一般了解` is kept; a 按序号 code is its
number `"3"`; option columns take the option text from the header).
positive (ordered scales only): the levels above the neutral one (一般, 中立, 一般了解 …);
with no neutral-worded level the upper half, the middle level of an odd scale being neutral
(so 基本满意 in 满意/基本满意/不满意 is NOT positive). not_counted: {label: count}, blanks
labelled `(空)`. ranking: per option mean_rank (over those who ranked it), score (综合得分
above), n (who ranked it). nps: promoters 9-10, passives 7-8, detractors 0-6,
nps = (P − D)/n as a proportion, se = sqrt((pP(1−pP) + pD(1−pD) + 2·pP·pD)/n),
ci = nps ± 1.959963984540054·se.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import random
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "shapes"

FIXED_DOC_TIME = dt.datetime(2024, 8, 1, 9, 0, 0)
FIXED_ZIP_TIME = (2024, 8, 1, 9, 0, 0)
Z975 = 1.959963984540054

SKIP = "(跳过)"
EMPTY = "(空)"
MULTI = "┋"
NEUTRAL_WORDS = {"一般", "中立", "一般了解", "说不清", "中等", "无所谓"}
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

SAT5 = ["非常满意", "满意", "一般", "不满意", "非常不满意"]
SAT5_CUSTOM = ["很满意", "比较满意", "基本满意", "较不满意", "很不满意"]
SAT3 = ["满意", "基本满意", "不满意"]
SAT7 = ["非常满意", "满意", "比较满意", "一般", "比较不满意", "不满意", "非常不满意"]
AWARE5 = ["非常了解", "比较了解", "一般了解", "不太了解", "完全不了解"]
AWARE4 = ["非常了解", "了解一些", "不太了解", "完全不了解"]


# --------------------------------------------------------------------------
# drawing
# --------------------------------------------------------------------------


def exact(rng: random.Random, counts: list[tuple[str, int]]) -> list[str]:
    """A shuffled list holding each value exactly `count` times."""
    out = [v for v, k in counts for _ in range(k)]
    rng.shuffle(out)
    return out


def draw(rng: random.Random, values: list[str], weights: list[float], n: int) -> list[str]:
    return rng.choices(values, weights=weights, k=n)


def strip_letter(label: str) -> str:
    return re.sub(r"^[A-Z][.．、]\s*", "", label)


def positive_levels(order: list[str]) -> list[str]:
    """The documented rule: levels above the neutral one; else the upper half."""
    for i, label in enumerate(order):
        if strip_letter(label) in NEUTRAL_WORDS:
            return order[:i]
    return order[: len(order) // 2]


# --------------------------------------------------------------------------
# expectations, computed from the cells as written
# --------------------------------------------------------------------------


def blank_label(cell: str, codes: bool = False) -> str | None:
    """The not-counted label of a blank/skip cell, or None for an answer."""
    c = cell.strip()
    if c in ("", EMPTY, "-"):
        return EMPTY
    if c == SKIP:
        return SKIP
    if codes and c == "-3":
        return SKIP
    if codes and c == "-2":
        return EMPTY
    return None


def exp_single(cells, order, *, ordered=False, na=(), codes=False, text="", plain_unchecked=False):
    """ordered: a positive share is expected; otherwise none is (`"positive": null`), unless
    plain_unchecked (是/否: whether a yes/no question has a positive share is left open)."""
    counts = {label: 0 for label in order}
    nc: dict[str, int] = {}
    for cell in cells:
        c = str(cell).strip()
        b = blank_label(c, codes)
        if b is not None:
            nc[b] = nc.get(b, 0) + 1
        elif c in na:
            nc[c] = nc.get(c, 0) + 1
        else:
            assert c in counts, f"{text}: {c!r} not in {order}"
            counts[c] += 1
    assert all(counts.values()), f"{text}: a level was never drawn: {counts}"
    q = {"kind": "single", "text": text, "n": sum(counts.values()), "levels": [[k, v] for k, v in counts.items()]}
    if ordered:
        pos = positive_levels(order)
        q["positive"] = {"levels": pos, "count": sum(counts[p] for p in pos)}
    elif not plain_unchecked:
        q["positive"] = None
    q["not_counted"] = dict(sorted(nc.items()))
    return q


def exp_multi(chosen, options, *, text=""):
    """chosen: per respondent a list of option labels, or a not-counted label string."""
    counts = {o: 0 for o in options}
    nc: dict[str, int] = {}
    n = 0
    for c in chosen:
        if isinstance(c, str):
            nc[c] = nc.get(c, 0) + 1
            continue
        assert c, "an answered multiple choice has at least one option"
        n += 1
        for o in c:
            counts[o] += 1
    assert all(counts.values()), f"{text}: an option was never chosen"
    return {"kind": "multiple", "text": text, "n": n, "levels": [[k, v] for k, v in counts.items()],
            "not_counted": dict(sorted(nc.items()))}


def exp_text(cells, *, codes=False, text=""):
    nc: dict[str, int] = {}
    n = 0
    for cell in cells:
        b = blank_label(str(cell), codes)
        if b is None:
            n += 1
        else:
            nc[b] = nc.get(b, 0) + 1
    return {"kind": "text", "text": text, "n": n, "not_counted": dict(sorted(nc.items()))}


def exp_ranking(rankings, options, *, text=""):
    """rankings: per respondent the ordered list of ranked options, or a not-counted label."""
    k = len(options)
    answered = [r for r in rankings if not isinstance(r, str)]
    nc: dict[str, int] = {}
    for r in rankings:
        if isinstance(r, str):
            nc[r] = nc.get(r, 0) + 1
    per = {}
    for o in options:
        positions = [r.index(o) + 1 for r in answered if o in r]
        weight_sum = sum(k - p + 1 for p in positions)
        per[o] = {"mean_rank": sum(positions) / len(positions), "score": weight_sum / len(answered),
                  "n": len(positions)}
    return {"kind": "ranking", "text": text, "n": len(answered), "ranking": per,
            "not_counted": dict(sorted(nc.items()))}


def exp_nps(cells, *, text=""):
    nc: dict[str, int] = {}
    scores = []
    for cell in cells:
        b = blank_label(cell)
        if b is not None:
            nc[b] = nc.get(b, 0) + 1
        else:
            scores.append(int(cell.strip().removesuffix("分")))
    n = len(scores)
    p = sum(1 for s in scores if s >= 9)
    d = sum(1 for s in scores if s <= 6)
    pp, pd = p / n, d / n
    nps = pp - pd
    se = math.sqrt((pp * (1 - pp) + pd * (1 - pd) + 2 * pp * pd) / n)
    return {"kind": "nps", "text": text, "n": n,
            "nps": {"promoters": p, "passives": n - p - d, "detractors": d, "n": n, "nps": nps, "se": se,
                    "ci_low": nps - Z975 * se, "ci_high": nps + Z975 * se},
            "not_counted": dict(sorted(nc.items()))}


# --------------------------------------------------------------------------
# metadata
# --------------------------------------------------------------------------

WJX_META = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]
IP_PLACES = [("山西-阳泉", ["61.134", "118.81", "1.68"]), ("山西-太原", ["183.185", "221.205"]),
             ("山西-晋城", ["60.220", "171.120"]), ("北京-北京", ["123.112", "114.242"])]


def times(rng, n, start: dt.datetime, days: int):
    out = sorted(start + dt.timedelta(seconds=rng.randrange(days * 86400)) for _ in range(n))
    return out


def wjx_time(t: dt.datetime) -> str:
    return f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}:{t.second:02d}"


def ip(rng) -> tuple[str, str]:
    place, prefixes = rng.choices(IP_PLACES, weights=[6, 2, 2, 1])[0]
    return f"{rng.choice(prefixes)}.{rng.randrange(1, 255)}.{rng.randrange(1, 255)}", place


def wjx_meta(rng, n, start=dt.datetime(2024, 7, 15, 8, 0, 0)):
    rows = []
    for i, t in enumerate(times(rng, n, start, 10), start=1):
        src, detail = rng.choices([("手机提交", "直接访问"), ("微信", "N/A"), ("链接", "直接访问")], weights=[4, 5, 1])[0]
        addr, place = ip(rng)
        rows.append([i, wjx_time(t), f"{rng.randrange(60, 900)}秒", src, detail, f"{addr}({place})"])
    return rows


# --------------------------------------------------------------------------
# writers
# --------------------------------------------------------------------------


def cell_text(v) -> str:
    return "" if v is None else str(v)


def write_csv(path: Path, header, rows, *, encoding="utf-8", bom=False, crlf=False):
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n" if crlf else "\n")
    w.writerow(header)
    for r in rows:
        w.writerow([cell_text(v) for v in r])
    data = buf.getvalue().encode(encoding)  # strict: GBK must hold every character
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def write_tencent_csv(path: Path, header, rows):
    """腾讯问卷: every field quoted, a trailing comma on every line [R3][R4], UTF-8 + BOM."""
    def line(vals):
        return ",".join('"' + cell_text(v).replace('"', '""') + '"' for v in vals) + ",\n"

    text = line(header) + "".join(line(r) for r in rows)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


def normalize_xlsx(path: Path):
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    stamp = FIXED_DOC_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if name == "docProps/core.xml":
                for tag in (rb"dcterms:modified", rb"dcterms:created"):
                    data = re.sub(rb"(<" + tag + rb"[^>]*>)[^<]*(</" + tag + rb">)", rb"\g<1>" + stamp + rb"\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    os.replace(tmp, path)


def write_xlsx(path: Path, header, rows):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    wb.properties.creator = "wenjuan scripts/make_shapes.py (SYNTHETIC data)"
    wb.properties.lastModifiedBy = "wenjuan"
    wb.properties.created = FIXED_DOC_TIME
    wb.properties.modified = FIXED_DOC_TIME
    ws.append(header)
    for r in rows:
        ws.append([None if v == "" else v for v in r])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(("=", "-")):
                cell.data_type = "s"  # text, never a formula
    wb.save(path)
    normalize_xlsx(path)


def write_xls(path: Path, header, rows):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    for c, h in enumerate(header):
        ws.write(0, c, h)
    for r, vals in enumerate(rows, start=1):
        for c, v in enumerate(vals):
            if v != "":
                ws.write(r, c, v)
    wb.save(str(path))


# --------------------------------------------------------------------------
# the shapes
# --------------------------------------------------------------------------

FILES: list[dict] = []  # expected.json entries
README: list[tuple[str, str, str]] = []  # (file, shape, sources)


def read_back(path: Path, encoding: str) -> list[list[str]]:
    """The file as a grid of strings, read with an independent reader."""
    def norm(v) -> str:
        if v is None:
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)

    if path.suffix == ".csv":
        text = path.read_bytes().decode(encoding).removeprefix("\ufeff")
        grid = list(csv.reader(io.StringIO(text, newline="")))
        if path.name.startswith("tencent"):  # the trailing comma: a last, empty field
            assert all(r[-1] == "" for r in grid)
            grid = [r[:-1] for r in grid]
        return grid
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        ws = load_workbook(path, read_only=True).active
        return [[norm(v) for v in r] for r in ws.iter_rows(values_only=True)]
    try:
        import xlrd
    except ImportError:  # optional: only for this self-check
        return []
    sheet = xlrd.open_workbook(str(path)).sheet_by_index(0)
    return [[norm(sheet.cell_value(r, c)) for c in range(sheet.ncols)] for r in range(sheet.nrows)]


def emit(name, header, rows, questions, writer, shape, sources, **kw):
    path = OUT / name
    writer(path, header, rows, **kw)
    assert all(len(r) == len(header) for r in rows), name
    grid = read_back(path, kw.get("encoding", "utf-8"))
    if grid:
        assert grid == [list(header)] + [[cell_text(v) for v in r] for r in rows], f"{name} does not read back"
    FILES.append({"file": name, "received": len(rows), "questions": questions})
    README.append((name, shape, sources))


def with_blanks(rng, cells, rate, marker=EMPTY):
    return [marker if rng.random() < rate else c for c in cells]


def sat_cells(rng, n, scale, weights, na=None, na_rate=0.0, blank=0.0):
    out = []
    for _ in range(n):
        r = rng.random()
        if r < blank:
            out.append(EMPTY)
        elif na and r < blank + na_rate:
            out.append(na)
        else:
            out.append(rng.choices(scale, weights=weights)[0])
    return out


SUGGESTIONS = ["希望加强宣传", "办事效率还可以再提高", "增加停车位", "多建一些口袋公园", "公示时间太短",
               "希望网上能办的事情更多", "社区工作人员态度很好", "老旧小区改造要加快", "加强夜间照明", "无"]


def texts(rng, n, rate):
    return [rng.choice(SUGGESTIONS) if rng.random() < rate else EMPTY for _ in range(n)]


def shape_sat5_custom():
    rng = random.Random(20250301)
    n = 320
    meta = wjx_meta(rng, n)
    q1 = exact(rng, [("本区居民", 210), ("在本区工作", 80), ("外地来访", 30)])
    q2 = exact(rng, [("很满意", 88), ("比较满意", 113), ("基本满意", 65), ("较不满意", 34), ("很不满意", 20)])
    items = ["办事效率", "服务态度", "信息公开"]
    rows3 = []
    for _ in items:
        cells = sat_cells(rng, n, SAT5_CUSTOM, [30, 35, 20, 10, 5], na="不清楚", na_rate=0.06)
        rows3.append([SKIP if q1[i] == "外地来访" else c for i, c in enumerate(cells)])
    q4 = texts(rng, n, 0.3)
    stem = "请对以下方面进行评价"
    header = WJX_META + ["1、您的身份：", "2、您对本区政务服务的总体满意度：", *[f"3、{stem}—{it}" for it in items],
                         "4、您对本区政务服务还有哪些意见和建议？"]
    rows = [meta[i] + [q1[i], q2[i], *[r[i] for r in rows3], q4[i]] for i in range(n)]
    qs = {"q1": exp_single(q1, ["本区居民", "在本区工作", "外地来访"], text="您的身份"),
          "q2": exp_single(q2, SAT5_CUSTOM, ordered=True, text="您对本区政务服务的总体满意度")}
    for j, it in enumerate(items, start=1):
        qs[f"q3_{j}"] = exp_single(rows3[j - 1], SAT5_CUSTOM, ordered=True, na=("不清楚",), text=f"{stem}—{it}")
    qs["q4"] = exp_text(q4, text="您对本区政务服务还有哪些意见和建议？")
    assert qs["q2"]["positive"]["count"] == 201 and qs["q2"]["levels"][2] == ["基本满意", 65]
    emit("wjx-satisfaction-5-custom.csv", header, rows, qs, write_csv,
         "问卷星 按文本, UTF-8 with BOM; custom five-level satisfaction 很满意…很不满意 (201 of 320 in the top two, "
         "65 基本满意, which is not positive); matrix rows `3、题干—行` (PRODUCT.md form) with 不清楚 and logic "
         "skips; free text with (空)", "R1, R9", bom=True)


def shape_sat3():
    rng = random.Random(20250302)
    n = 150
    meta = wjx_meta(rng, n)
    ages = ["18-30岁", "31-45岁", "46-60岁", "60岁以上"]
    q1 = draw(rng, ages, [3, 4, 3, 2], n)
    q2 = exact(rng, [("满意", 78), ("基本满意", 52), ("不满意", 20)])
    items = ["教育", "医疗", "养老", "交通"]
    rows3 = [sat_cells(rng, n, SAT3, [5, 4, 1], blank=0.05) for _ in items]
    q4 = texts(rng, n, 0.25)
    header = WJX_META + ["1、您的年龄段：", "2、您对本社区的总体满意度：",
                         "3、您对以下公共服务的满意程度—教育", *[f"3、{it}" for it in items[1:]],
                         "4、您还有什么意见和建议？"]
    rows = [meta[i] + [q1[i], q2[i], *[r[i] for r in rows3], q4[i]] for i in range(n)]
    qs = {"q1": exp_single(q1, ages, text="您的年龄段"),
          "q2": exp_single(q2, SAT3, ordered=True, text="您对本社区的总体满意度")}
    for j, it in enumerate(items, start=1):
        qs[f"q3_{j}"] = exp_single(rows3[j - 1], SAT3, ordered=True, text=it)
    qs["q4"] = exp_text(q4, text="您还有什么意见和建议？")
    emit("wjx-satisfaction-3.xlsx", header, rows, qs, write_xlsx,
         "问卷星 按文本, XLSX; three-level 满意/基本满意/不满意 (only 满意 is positive); matrix rows in the newer "
         "form `3、…—教育` then `3、医疗` (number kept, stem dropped); blanks (空)", "R2, R9")


def shape_sat7():
    rng = random.Random(20250303)
    n = 200
    meta = wjx_meta(rng, n)
    q1 = draw(rng, ["男", "女"], [1, 1], n)
    w7 = [14, 22, 20, 14, 8, 6, 3]
    q2 = draw(rng, SAT7, w7, n)
    items = ["绿化环境", "道路交通", "公共设施"]
    rows3 = [sat_cells(rng, n, SAT7, w7, blank=0.04) for _ in items]
    header = WJX_META + ["1、您的性别： ", "2、您对本区人居环境的总体满意度：",
                         f"3、您对以下方面的满意度—{items[0]}", *items[1:]]
    rows = [meta[i] + [q1[i], q2[i], *[r[i] for r in rows3]] for i in range(n)]
    qs = {"q1": exp_single(q1, ["男", "女"], text="您的性别"),
          "q2": exp_single(q2, SAT7, ordered=True, text="您对本区人居环境的总体满意度")}
    for j, it in enumerate(items, start=1):
        qs[f"q3_{j}"] = exp_single(rows3[j - 1], SAT7, ordered=True, text=it)
    emit("wjx-satisfaction-7.csv", header, rows, qs, write_csv,
         "问卷星 按文本, UTF-8 (no BOM); seven-level satisfaction (一般 neutral, top three positive); a header with "
         "a trailing space; matrix rows in the 2016 form: `3、题干—绿化环境` then the bare row texts "
         "`道路交通`, `公共设施`", "R1")


CHANNELS = ["政府网站", "微信公众号", "电视广播", "社区宣传栏", "其他"]
OTHER_TEXTS = ["在公园看到展板", "规划展览馆", "单位组织学习", "听社区干部说的"]


def multi_answer(rng, options, weights, other_texts=None, max_k=3):
    k = rng.choices(range(1, max_k + 1), weights=[5, 3, 2][:max_k])[0]
    picked = set()
    while len(picked) < k:
        picked.add(rng.choices(options, weights=weights)[0])
    ordered = [o for o in options if o in picked]
    cell = MULTI.join(f"其他〖{rng.choice(other_texts)}〗" if (o == "其他" and other_texts) else o for o in ordered)
    return ordered, cell


def shape_awareness5():
    rng = random.Random(20250304)
    n = 240
    meta = wjx_meta(rng, n)
    years = ["5年以下", "5-10年", "10年以上"]
    q1 = draw(rng, years, [2, 3, 5], n)
    q2 = exact(rng, [("非常了解", 36), ("比较了解", 78), ("一般了解", 70), ("不太了解", 38), ("完全不了解", 18)])
    q3_chosen, q3 = [], []
    q4 = []
    for i in range(n):
        if q2[i] == "完全不了解":
            q3_chosen.append(SKIP)
            q3.append(SKIP)
            q4.append(SKIP)
            continue
        chosen, cell = multi_answer(rng, CHANNELS, [5, 6, 3, 3, 0.5], OTHER_TEXTS)
        q3_chosen.append(chosen)
        q3.append(cell)
        q4.append(rng.choices(SAT5, weights=[30, 40, 20, 7, 3])[0])
    header = WJX_META + ["1、您在本区居住了多长时间？", "2、您对本区国土空间总体规划的了解程度：",
                         "3、您是通过哪些渠道了解规划的？（多选）", "4、您对规划成果的满意度："]
    rows = [meta[i] + [q1[i], q2[i], q3[i], q4[i]] for i in range(n)]
    qs = {"q1": exp_single(q1, years, text="您在本区居住了多长时间？"),
          "q2": exp_single(q2, AWARE5, ordered=True, text="您对本区国土空间总体规划的了解程度"),
          "q3": exp_multi(q3_chosen, CHANNELS, text="您是通过哪些渠道了解规划的？（多选）"),
          "q4": exp_single(q4, SAT5, ordered=True, text="您对规划成果的满意度")}
    emit("wjx-awareness-5.csv", header, rows, qs, write_csv,
         "问卷星 按文本, GBK with CRLF (Excel on Chinese Windows); five-level awareness 非常了解…完全不了解 "
         "(一般了解 neutral); multiple choice joined with ┋ and `其他〖…〗`; 完全不了解 skips q3 and q4 (跳过)",
         "R1, R9", encoding="gbk", crlf=True)


def shape_multi_fill():
    rng = random.Random(20250305)
    n = 180
    meta = wjx_meta(rng, n)
    housing = ["自有住房", "租赁住房", "其他"]
    q10 = draw(rng, housing, [6, 3, 1], n)
    people = [str(rng.choices([1, 2, 3, 4, 5, 6], weights=[1, 4, 5, 4, 2, 1])[0]) for _ in range(n)]
    water = [str(rng.randrange(15, 120)) for _ in range(n)]
    power = [f"{rng.randrange(40, 400)}" if rng.random() < 0.9 else f"{rng.randrange(40, 400)}.5" for _ in range(n)]
    fills = [with_blanks(rng, people, 0.03), with_blanks(rng, water, 0.08), with_blanks(rng, power, 0.1)]
    q13 = sat_cells(rng, n, SAT5, [30, 40, 18, 8, 4], na="不清楚", na_rate=0.05)
    fields = ["家庭常住人口（人）", "每月水费（元）", "每月电费（元）"]
    header = WJX_META + ["10、您的住房类型：", f"11、您家庭的情况—{fields[0]}", *[f"11、{f}" for f in fields[1:]],
                         "12、您对本区供水服务的满意度："]
    rows = [meta[i] + [q10[i], *[f[i] for f in fills], q13[i]] for i in range(n)]
    qs = {"q10": exp_single(q10, housing, text="您的住房类型")}
    for j, f in enumerate(fields, start=1):
        qs[f"q11_{j}"] = exp_text(fills[j - 1], text=f)
    qs["q12"] = exp_single(q13, SAT5, ordered=True, na=("不清楚",), text="您对本区供水服务的满意度")
    emit("wjx-multi-fill.csv", header, rows, qs, write_csv,
         "问卷星 按文本, UTF-8 with BOM; 多项填空 `11、您家庭的情况—家庭常住人口（人）` then `11、每月水费（元）` "
         "(later fields drop the stem) with numeric answers; numbering starts at 10", "R2, R9", bom=True)


def shape_number_old_options():
    rng = random.Random(20250306)
    n = 220
    meta = wjx_meta(rng, n)
    q1 = draw(rng, [1, 2], [1, 1], n)
    q2 = draw(rng, [1, 2, 3, 4, 5], [2, 4, 4, 3, 1], n)
    q3 = [rng.choices([1, 2, 3, 4, 5], weights=[3, 4, 2, 1, 0.5])[0] if rng.random() > 0.05 else -2 for _ in range(n)]
    q4 = draw(rng, [1, 2], [3, 1], n)
    opts5 = ["政府网站", "微信公众号", "电视", "报纸", "其他"]
    opts6 = ["公园绿地", "体育设施", "文化场馆", "其他"]
    opts7 = ["交通", "教育", "医疗"]
    c5, c6, c7, cells5, cells6, cells7 = [], [], [], [], [], []
    for i in range(n):
        if q4[i] == 2:
            c5.append(SKIP)
            cells5.append([-3] * len(opts5))
        else:
            chosen, _ = multi_answer(rng, opts5, [5, 6, 3, 1, 0.4])
            c5.append(chosen)
            cells5.append([1 if o in chosen else 0 for o in opts5])
        if rng.random() < 0.08:
            c6.append(EMPTY)
            cells6.append([-2] * len(opts6))
        else:
            chosen, _ = multi_answer(rng, opts6, [5, 3, 2, 0.5])
            c6.append(chosen)
            cells6.append([1 if o in chosen else 0 for o in opts6])
        chosen, _ = multi_answer(rng, opts7, [3, 2, 2], max_k=2)
        c7.append(chosen)
        cells7.append([1 if o in chosen else 0 for o in opts7])
    q8 = [rng.choice(SUGGESTIONS) if rng.random() < 0.3 else "-2" for _ in range(n)]
    header = (WJX_META + ["1、您的性别：", "2、您的年龄段：", "3、您对本区环境的满意度：", "4、您是否了解本区规划？"]
              + [f"5、({o})" for o in opts5] + [f"第6题({o})" for o in opts6]
              + [f"7、您最希望改善的方面({opts7[0]})", *[f"7({o})" for o in opts7[1:]]] + ["8、您的建议："])
    rows = [meta[i] + [q1[i], q2[i], q3[i], q4[i], *cells5[i], *cells6[i], *cells7[i], q8[i]] for i in range(n)]
    s = lambda xs: [str(x) for x in xs]  # noqa: E731
    qs = {"q1": exp_single(s(q1), ["1", "2"], codes=True, text="您的性别"),
          "q2": exp_single(s(q2), ["1", "2", "3", "4", "5"], codes=True, text="您的年龄段"),
          "q3": exp_single(s(q3), ["1", "2", "3", "4", "5"], codes=True, text="您对本区环境的满意度"),
          "q4": exp_single(s(q4), ["1", "2"], codes=True, text="您是否了解本区规划？"),
          "q5": exp_multi(c5, opts5, text="5、(政府网站)"),
          "q6": exp_multi(c6, opts6, text="第6题(公园绿地)"),
          "q7": exp_multi(c7, opts7, text="您最希望改善的方面"),
          "q8": exp_text(q8, codes=True, text="您的建议")}
    emit("wjx-number-old-options.xls", header, rows, qs, write_xls,
         "问卷星 按序号, XLS (BIFF8, codes stored as numbers like the real 2016 file): single choice as option "
         "numbers, -3 logic skip, -2 empty; multiple choice as 0/1 columns in three header forms: `5、(政府网站)`, "
         "`第6题(公园绿地)` and `7、题干(交通)` then `7(教育)`", "R1, R2, R9")


def wjx_tencent_meta(rng, n, start):
    rows = []
    for i, t in enumerate(times(rng, n, start, 12), start=1):
        secs = rng.randrange(45, 800)
        addr, place = ip(rng)
        prov, city = place.split("-")
        rows.append([i, t.strftime("%Y-%m-%d %H:%M:%S"), (t + dt.timedelta(seconds=secs)).strftime("%Y-%m-%d %H:%M:%S"),
                     secs, "中国", prov, city, rng.choice(["微信", "QQ", "匿名"]),
                     f"o{rng.getrandbits(40):010x}", rng.choice(["", "", "阳光", "小李", "老王"]), "", addr,
                     rng.choice(["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) MicroMessenger/8.0.49",
                                 "Mozilla/5.0 (Linux; Android 14) MicroMessenger/8.0.47"]),
                     rng.choice(["", "https://mp.weixin.qq.com/"])])
    return rows


TENCENT_META = ["编号", "开始答题时间", "结束答题时间", "答题时长", "地理位置国家和地区", "地理位置省", "地理位置市",
                "用户类型", "用户标识", "昵称", "自定义字段", "IP", "UA", "Referrer"]


def lettered(options):
    return [f"{LETTERS[i]}.{o}" for i, o in enumerate(options)]


def shape_tencent(name, seed, n, writer):
    rng = random.Random(seed)
    meta = wjx_tencent_meta(rng, n, dt.datetime(2024, 9, 2, 8, 0, 0))
    sex = lettered(["男", "女"])
    ages = lettered(["18-30岁", "31-45岁", "46-60岁", "60岁以上"])
    aware = lettered(AWARE5)
    q1 = draw(rng, sex, [1, 1], n)
    q2 = draw(rng, ages, [3, 4, 3, 2], n)
    q3 = draw(rng, aware, [12, 30, 30, 18, 10], n)
    q4_chosen, q4_cells = [], []
    for i in range(n):
        if q3[i].endswith("完全不了解"):
            q4_chosen.append(EMPTY)
            q4_cells.append([""] * len(CHANNELS))
        else:
            chosen, _ = multi_answer(rng, CHANNELS, [5, 6, 3, 3, 0.5])
            q4_chosen.append(chosen)
            q4_cells.append([f"{LETTERS[j]}.{o}" if o in chosen else "" for j, o in enumerate(CHANNELS)])
    items = ["交通出行", "公共服务", "生态环境", "历史文化保护"]
    rows5 = [sat_cells(rng, n, SAT5, [25, 40, 22, 9, 4], blank=0.05) for _ in items]
    rows5 = [["" if c == EMPTY else c for c in r] for r in rows5]
    streets = ["城关街道", "桃林街道", "义井镇", "平坦镇"]
    f1 = [rng.choice(streets) if rng.random() > 0.06 else "" for _ in range(n)]
    f2 = [f"{rng.choice(['东', '西', '南', '北'])}{rng.randrange(1, 9)}社区" if rng.random() > 0.1 else "" for _ in range(n)]
    q7 = [rng.choice(SUGGESTIONS) if rng.random() < 0.35 else "" for _ in range(n)]
    header = (TENCENT_META + ["1.您的性别", "2.您的年龄段", "3.您对本区国土空间规划的了解程度"]
              + [f"4.您通过哪些渠道了解规划？:{o}" for o in CHANNELS]
              + [f"5.您对以下方面的满意度:{it}" for it in items]
              + ["6.您的居住地：_填空1", "6.您的居住地：_填空2", "7.您对本区规划还有什么意见和建议？"])
    rows = [meta[i] + [q1[i], q2[i], q3[i], *q4_cells[i], *[r[i] for r in rows5], f1[i], f2[i], q7[i]] for i in range(n)]
    qs = {"q1": exp_single(q1, sex, text="您的性别"), "q2": exp_single(q2, ages, text="您的年龄段"),
          "q3": exp_single(q3, aware, ordered=True, text="您对本区国土空间规划的了解程度"),
          "q4": exp_multi(q4_chosen, CHANNELS, text="您通过哪些渠道了解规划？")}
    for j, it in enumerate(items, start=1):
        qs[f"q5_{j}"] = exp_single(rows5[j - 1], SAT5, ordered=True, text=it)
    qs["q6_1"] = exp_text(f1, text="您的居住地：_填空1")
    qs["q6_2"] = exp_text(f2, text="您的居住地：_填空2")
    qs["q7"] = exp_text(q7, text="您对本区规划还有什么意见和建议？")
    container = "CSV (UTF-8 with BOM, every field quoted, trailing comma)" if name.endswith(".csv") else "XLSX"
    emit(name, header, rows, qs, writer,
         f"腾讯问卷 {container}: metadata 编号 … Referrer; answers with letter prefixes `C.一般了解`; multiple choice "
         "as option columns `4.题干:选项` holding the lettered option when chosen; matrix rows `5.题干:行`; fill-in "
         "fields `6.题干：_填空1`; blanks as empty cells", "R3, R4, R5, R6, R9")


def shape_jinshuju():
    rng = random.Random(20250308)
    n = 160
    who = ["居民", "企业职工", "公职人员", "其他"]
    q1 = draw(rng, who, [6, 3, 2, 1], n)
    q2 = draw(rng, SAT5, [28, 42, 18, 8, 4], n)
    q3 = sat_cells(rng, n, SAT5, [25, 40, 22, 9, 4], na="不清楚", na_rate=0.08, blank=0.03)
    q3 = ["" if c == EMPTY else c for c in q3]
    q4 = [rng.choice(SUGGESTIONS) if rng.random() < 0.3 else "" for _ in range(n)]
    rows = []
    for i, t in enumerate(times(rng, n, dt.datetime(2024, 10, 8, 8, 0, 0), 7)):
        addr, _ = ip(rng)
        platform, os_, browser = rng.choice([("iPhone", "iOS 17.5", "WeChat 8.0.49"), ("Android", "Android 14", "WeChat 8.0.47"),
                                             ("Windows PC", "Windows 10", "Chrome 126.0.0.0"), ("Macintosh", "OS X 10.15.7", "Safari 17.5")])
        nick = rng.choice(["微信用户", "小张", "王**"]) if rng.random() < 0.2 else ""
        rows.append([i + 1, q1[i], q2[i], q3[i], q4[i], nick, t.strftime("%Y-%m-%d %H:%M:%S"), addr, platform, os_, browser])
    header = ["序号", "您的身份", "您对社区服务的总体满意度", "您对社区环境卫生的满意度", "您对社区工作的意见和建议",
              "提交人", "填写时间", "IP", "填写设备", "操作系统", "浏览器"]
    qs = {"q1": exp_single(q1, who, text="您的身份"),
          "q2": exp_single(q2, SAT5, ordered=True, text="您对社区服务的总体满意度"),
          "q3": exp_single(q3, SAT5, ordered=True, na=("不清楚",), text="您对社区环境卫生的满意度"),
          "q4": exp_text(q4, text="您对社区工作的意见和建议")}
    emit("jinshuju.xlsx", header, rows, qs, write_xlsx,
         "金数据 XLSX: 序号 first, unnumbered question labels, then the metadata AFTER the questions (提交人 mostly "
         "empty, 填写时间, IP, 填写设备, 操作系统, 浏览器); ids are positional (q1…q4, an assumption)", "R7, R9")


def shape_score():
    rng = random.Random(20250309)
    n = 250
    meta = wjx_meta(rng, n)
    q1 = draw(rng, ["1", "2"], [1, 1], n)
    q2 = draw(rng, ["5", "4", "3", "2", "1", "0"], [25, 35, 20, 8, 4, 8], n)
    items = ["教育", "医疗", "养老"]
    rows3 = []
    for _ in items:
        col = []
        for i in range(n):
            r = rng.random()
            col.append("-3" if r < 0.04 else rng.choices(["100", "80", "60", "40", "20", "0"], weights=[22, 38, 22, 8, 3, 7])[0])
        rows3.append(col)
    total = [int(q2[i]) + sum(int(r[i]) for r in rows3 if r[i] != "-3") for i in range(n)]
    header = WJX_META[:] + ["总分", "1、您的性别：", "2、您对本区公共服务的总体满意度：",
                            "3、请对以下方面打分—教育", "3、医疗", "3、养老"]
    rows = [meta[i] + [total[i], q1[i], q2[i], *[r[i] for r in rows3]] for i in range(n)]
    qs = {"q1": exp_single(q1, ["1", "2"], codes=True, text="您的性别"),
          "q2": exp_single(q2, ["5", "4", "3", "2", "1"], ordered=True, na=("0",), codes=True,
                           text="您对本区公共服务的总体满意度")}
    for j, it in enumerate(items, start=1):
        qs[f"q3_{j}"] = exp_single(rows3[j - 1], ["100", "80", "60", "40", "20"], ordered=True, na=("0",), codes=True, text=it)
    emit("wjx-score.csv", header, rows, qs, write_csv,
         "问卷星 按分数, UTF-8 with BOM: scores in the cells (5…1 and 100…20), an unscored 说不清/不了解 option written "
         "0 (reported, never in n), -3 logic skips, a 总分 column after 来自IP; an unscored single choice keeps "
         "its option number", "R2 (numbers in the cells); layout assumed from R1 and R9", bom=True)


def shape_ranking():
    rng = random.Random(20250310)
    n = 200
    meta = wjx_meta(rng, n)
    ages = ["18-30岁", "31-45岁", "46-60岁", "60岁以上"]
    q1 = draw(rng, ages, [3, 4, 3, 2], n)
    opts = ["政府网站", "微信公众号", "电视", "报纸"]
    appeal = {"政府网站": 3.0, "微信公众号": 4.0, "电视": 2.0, "报纸": 0.8}
    ranked, cells = [], []
    for _ in range(n):
        if rng.random() < 0.05:
            ranked.append(SKIP)
            cells.append(SKIP)
            continue
        k = rng.choices([2, 3, 4], weights=[2, 3, 5])[0]
        pool, order = list(opts), []
        while len(order) < k:
            o = rng.choices(pool, weights=[appeal[p] for p in pool])[0]
            pool.remove(o)
            order.append(o)
        ranked.append(order)
        cells.append("→".join(order))
    q3 = sat_cells(rng, n, SAT5, [30, 40, 18, 8, 4], blank=0.03)
    header = WJX_META + ["1、您的年龄段：", "2、请按您获取政务信息的常用程度对以下渠道排序：", "3、您对政务信息公开的满意度："]
    rows = [meta[i] + [q1[i], cells[i], q3[i]] for i in range(n)]
    qs = {"q1": exp_single(q1, ages, text="您的年龄段"),
          "q2": exp_ranking(ranked, opts, text="请按您获取政务信息的常用程度对以下渠道排序"),
          "q3": exp_single(q3, SAT5, ordered=True, text="您对政务信息公开的满意度")}
    emit("wjx-ranking.xlsx", header, rows, qs, write_xlsx,
         "问卷星 按文本, XLSX; a 排序 question `政府网站→微信公众号→电视` over four options, respondents ranking 2-4 "
         "of them, 5% (跳过); expected mean rank (问卷星 综合排名) and 综合得分", "R1, R8, brief (综合得分)")


def shape_nps():
    rng = random.Random(20250311)
    n = 300
    meta = wjx_meta(rng, n)
    who = ["本区居民", "在本区工作", "其他"]
    q1 = draw(rng, who, [6, 3, 1], n)
    w = [2, 1, 1, 2, 2, 5, 6, 10, 14, 16, 18]
    q2 = [str(x) for x in draw(rng, list(range(11)), w, n)]
    q2 = with_blanks(rng, q2, 0.04)
    q3 = [f"{x}分" for x in draw(rng, list(range(11)), [1, 1, 1, 2, 3, 5, 8, 12, 15, 14, 12], n)]
    q3 = [SKIP if q1[i] == "其他" else c for i, c in enumerate(q3)]
    header = WJX_META + ["1、您的身份：", "2、您向朋友推荐本区政务服务的可能性有多大？",
                         "3、您向亲友推荐在本区居住的可能性有多大？(0分表示完全不可能，10分表示极有可能)"]
    rows = [meta[i] + [q1[i], q2[i], q3[i]] for i in range(n)]
    qs = {"q1": exp_single(q1, who, text="您的身份"),
          "q2": exp_nps(q2, text="您向朋友推荐本区政务服务的可能性有多大？"),
          "q3": exp_nps(q3, text="您向亲友推荐在本区居住的可能性有多大？")}
    emit("wjx-nps.csv", header, rows, qs, write_csv,
         "问卷星 按文本, UTF-8; two 0-10 recommendation questions: bare `0`…`10` (with (空)) and `N分` labels "
         "(with (跳过)); expected promoters/passives/detractors, NPS and its delta-method interval", "R1, brief")


def shape_yesno():
    rng = random.Random(20250312)
    n = 200
    meta = wjx_meta(rng, n)
    yn = ["是", "否"]
    q1 = draw(rng, yn, [7, 3], n)
    q2 = draw(rng, ["是", "否", "不清楚"], [35, 25, 40], n)
    q3 = [rng.choices(["是", "否", "不清楚"], weights=[25, 55, 20])[0] if q2[i] == "是" else SKIP for i in range(n)]
    items = ["停车位", "公园绿地", "养老机构"]
    rows4 = [draw(rng, ["是", "否", "不清楚"], [30, 35, 35], n) for _ in items]
    header = WJX_META + ["1、您是否为本区户籍居民？", "2、您是否知道本区正在编制国土空间总体规划？",
                         "3、您是否参加过规划草案公示或意见征集？", *[f"4、您认为以下设施是否充足—{it}" for it in items]]
    rows = [meta[i] + [q1[i], q2[i], q3[i], *[r[i] for r in rows4]] for i in range(n)]
    yes = dict(plain_unchecked=True)
    qs = {"q1": exp_single(q1, yn, text="您是否为本区户籍居民？", **yes),
          "q2": exp_single(q2, yn, na=("不清楚",), text="您是否知道本区正在编制国土空间总体规划？", **yes),
          "q3": exp_single(q3, yn, na=("不清楚",), text="您是否参加过规划草案公示或意见征集？", **yes)}
    for j, it in enumerate(items, start=1):
        qs[f"q4_{j}"] = exp_single(rows4[j - 1], yn, na=("不清楚",), text=f"您认为以下设施是否充足—{it}", **yes)
    emit("wjx-yesno-unsure.csv", header, rows, qs, write_csv,
         "问卷星 按文本, GBK with CRLF; 是/否 with many 不清楚 (not applicable: reported, not in n, not an unknown "
         "label); (跳过) after 否/不清楚", "R9", encoding="gbk", crlf=True)


def shape_containers():
    rng = random.Random(20250313)
    n = 150
    meta = wjx_meta(rng, n)
    who = ["居民", "企业员工", "机关事业单位人员", "其他"]
    q1 = draw(rng, who, [6, 2, 2, 1], n)
    q2 = exact(rng, [("非常了解", 30), ("了解一些", 64), ("不太了解", 42), ("完全不了解", 14)])
    items = ["服务质量", "办事效率", "信息公开", "环境卫生"]
    rows3 = []
    for _ in items:
        cells = sat_cells(rng, n, SAT5, [30, 40, 18, 8, 4], na="不清楚", na_rate=0.05)
        rows3.append([SKIP if q2[i] == "完全不了解" else c for i, c in enumerate(cells)])
    q4_chosen, q4 = [], []
    for _ in range(n):
        chosen, cell = multi_answer(rng, CHANNELS, [5, 6, 3, 3, 0.6], OTHER_TEXTS)
        q4_chosen.append(chosen)
        q4.append(cell)
    q5 = texts(rng, n, 0.3)
    dashes = rng.sample([i for i in range(n) if q5[i] == EMPTY], 4)
    for i in dashes:
        q5[i] = "-"
    q5[[i for i in range(n) if q5[i] == EMPTY][0]] = '建议增加"周末办理",方便上班族'
    header = WJX_META + ["1、您的身份：", "2、您对本项目的了解程度：", *[f"3、您对以下方面的满意程度—{it}" for it in items],
                         "4、您希望通过哪些渠道获取项目信息？（可多选）", "5、您对本项目还有什么意见建议？"]
    rows = [meta[i] + [q1[i], q2[i], *[r[i] for r in rows3], q4[i], q5[i]] for i in range(n)]
    qs = {"q1": exp_single(q1, who, text="您的身份"),
          "q2": exp_single(q2, AWARE4, ordered=True, text="您对本项目的了解程度")}
    for j, it in enumerate(items, start=1):
        qs[f"q3_{j}"] = exp_single(rows3[j - 1], SAT5, ordered=True, na=("不清楚",), text=f"您对以下方面的满意程度—{it}")
    qs["q4"] = exp_multi(q4_chosen, CHANNELS, text="您希望通过哪些渠道获取项目信息？（可多选）")
    qs["q5"] = exp_text(q5, text="您对本项目还有什么意见建议？")
    shape = ("ONE questionnaire (150 responses: awareness, a satisfaction matrix with 不清楚 and (跳过), a ┋ multiple "
             "choice with 其他〖…〗, free text with (空), four lone `-` answers and a quoted comma) in four containers "
             "whose summaries must be identical apart from the file name")
    emit("containers-utf8.csv", header, rows, qs, write_csv, "containers: UTF-8 with BOM, LF. " + shape, "R1, R9", bom=True)
    emit("containers-gbk.csv", header, rows, qs, write_csv, "containers: GBK, CRLF (Excel on Chinese Windows)", "R9",
         encoding="gbk", crlf=True)
    emit("containers.xlsx", header, rows, qs, write_xlsx, "containers: XLSX (序号 a number, times text)", "R9")
    emit("containers.xls", header, rows, qs, write_xls, "containers: XLS (BIFF8, as 问卷星's old downloads [R1])", "R1")


# --------------------------------------------------------------------------
# README and main
# --------------------------------------------------------------------------


SOURCES = [
    ("R1", "github.com/gasongjian/reportgen: example/datasets/[问卷星数据]800_800_0.xls and _2.xls, "
           "reportgen/data/All_Data_Readable.xls and All_Data_Original.xls (real 问卷星 按文本/按序号 downloads), "
           "reportgen/report.py wenjuanxing()"),
    ("R2", "github.com/SurveyController/SurveyController: software/io/spreadsheets/wjx_excel.py, "
           "software/core/reverse_fill/{schema,parser}.py and tests (按序号/按分数/按文本 detection)"),
    ("R3", "github.com/Wsine/kindle-calendar README.md (a 腾讯问卷 CSV: quoted fields, trailing comma)"),
    ("R4", "blog post \"CSV Injection Vulnerability\" quoting a wj.qq.com export (letter-prefixed answers)"),
    ("R5", "腾讯问卷 CSV analyses in the code index (上海话问卷 Streamlit app; analyze_generic.py): metadata names, "
           "`题干:选项` option columns, `_填空N` fields"),
    ("R6", "a pandas Postprocess script in the code index: 腾讯问卷 metadata order"),
    ("R7", "金数据 API v4 documentation (entry fields and their order; unnumbered labels)"),
    ("R8", "问卷星 help 排序题综合排名规则 (mirror of wjx.cn/help/help.aspx?helpid=674)"),
    ("R9", "shared/PRODUCT.md \"Inputs\" of this project"),
]


def readme() -> str:
    lines = ["# Export shapes", "",
             "SYNTHETIC data written by `python3 scripts/make_shapes.py` (seeded, byte-identical on rerun; do not",
             "edit by hand). Each file is one questionnaire in the shape a real platform writes; `expected.json`",
             "holds, per file, the counts the generator computed from the answers it drew, and `tests/shapes.rs`",
             "checks `wenjuan --lang en summarize --all FILE` (no definition) against them, printing every mismatch",
             "in one table. The sources (R1…R9) and the conventions of `expected.json` are in the header of",
             "`scripts/make_shapes.py`.", "",
             "| file | shape | sources |", "|---|---|---|"]
    for name, shape, src in README:
        lines.append(f"| `{name}` | {shape} | {src} |")
    lines += ["", "## Sources", ""] + [f"- {k}: {v}" for k, v in SOURCES]
    lines += ["", "Assumptions not backed by a public source (see the script header): the 按分数 layout, 问卷星's",
              "综合得分 formula, 腾讯问卷's matrix cell values and the place of IP/UA/Referrer, 金数据's Chinese header",
              "names and trailing metadata, positional ids for 金数据's unnumbered questions, a lone `-` meaning an",
              "empty answer (counted under `(空)`).", ""]
    return "\n".join(lines)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for f in OUT.iterdir():
        if f.is_file():
            f.unlink()
    shape_sat5_custom()
    shape_sat3()
    shape_sat7()
    shape_awareness5()
    shape_multi_fill()
    shape_number_old_options()
    shape_tencent("tencent.csv", 20250307, 260, write_tencent_csv)
    shape_tencent("tencent.xlsx", 20250317, 180, write_xlsx)
    shape_jinshuju()
    shape_score()
    shape_ranking()
    shape_nps()
    shape_yesno()
    shape_containers()
    for f in FILES:
        assert 80 <= f["received"] <= 400, f["file"]
    expected = {"generator": "scripts/make_shapes.py", "synthetic": True,
                "conventions": "see the header of scripts/make_shapes.py", "z975": Z975, "files": FILES}
    (OUT / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (OUT / "README.md").write_text(readme(), encoding="utf-8")
    print(f"wrote {len(FILES)} files to {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
