#!/usr/bin/env python3
"""Seeded generator of SYNTHETIC 问卷星 (Wenjuanxing) survey exports for wenjuan.

ALL DATA WRITTEN BY THIS SCRIPT IS SYNTHETIC.  The respondents, answers, IP
addresses, timestamps and comments are made up.  The questionnaires are
modelled on public reports (the 2024 evaluation of the 阳泉市国土空间总体规划
(2021-2035年) and the 2023 沁水县 城市体检 social satisfaction survey), but no
real response from those surveys is reproduced; the percentages only aim to be
believable.

How to run (from the repository root, Python 3.11, openpyxl installed):

    python3 scripts/make_examples.py            # regenerate everything
    python3 scripts/make_examples.py --no-check # skip the read-back checks

What it writes (every run is deterministic: fixed seeds, fixed XLSX
timestamps, so reruns are byte-identical):

    responses/plan-public.csv    UTF-8 with BOM, LF; 285 honest rows + planted
    responses/plan-staff.xlsx    XLSX (Sheet1);   196 honest rows + planted
    responses/health-check.csv   GBK, CRLF;        1,200 honest rows + planted
    tests/fixtures/...           small awkward files for CLI tests
    tests/fixtures/README.md     what each fixture guards + its ground truth
    tests/fixtures/planted_examples.json
                                 machine-readable ground truth: every planted
                                 validity case (file, 序号, 1-based data row,
                                 kind), label counts, label noise, fixture counts

"Data row" numbers are 1-based and exclude the header row (data row 1 is the
first response; in an XLSX sheet it is sheet row 2).

bench/make_export.py imports the shared pieces (scales, metadata formatting,
latent rating model) from this module.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import random
import re
import statistics
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from statistics import NormalDist

ROOT = Path(__file__).resolve().parent.parent
RESPONSES = ROOT / "responses"
FIXTURES = ROOT / "tests" / "fixtures"

# One independent seed per output so that changing one file never reshuffles
# another.  Only random.Random instances are used (never the global RNG).
SEEDS = {
    "public": 20240715,
    "staff": 20240716,
    "health": 20231207,
    "fixtures": 20240520,
    "unknown_labels": 20240521,
    "binary": 20240522,
    "bench": 20240801,
}

# Fixed document timestamps for XLSX files (openpyxl forces "modified" to now
# on save; we rewrite it afterwards, together with the zip entry times).
FIXED_DOC_TIME = dt.datetime(2024, 8, 1, 9, 0, 0)
FIXED_ZIP_TIME = (2024, 8, 1, 9, 0, 0)

ND = NormalDist()

# --------------------------------------------------------------------------
# 问卷星 vocabulary
# --------------------------------------------------------------------------

META_COLUMNS = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]
SKIP = "(跳过)"
EMPTY = "(空)"
MULTI_SEP = "┋"
OTHER = "其他"
SAT5 = ["非常满意", "满意", "一般", "不满意", "非常不满意"]
UNSURE = "不清楚"
AWARE4 = ["非常了解", "了解一些", "不太了解", "完全不了解"]
# Label variants seen in real, hand-merged exports (mapped back to canonical).
SAT_VARIANTS = {"非常满意": "很满意", "满意": "比较满意"}
SOURCES = [("微信", "N/A"), ("手机提交", "直接访问"), ("链接", "直接访问")]
SOURCE_WEIGHTS = [0.55, 0.30, 0.15]
MARKERS = {SKIP, EMPTY, ""}

# Six 城市体检 dimensions; health-check uses the first three items of each,
# the benchmark export all five.
DIMENSIONS = [
    ("城镇安全性", ["社会治安", "消防安全", "防洪排涝", "交通安全", "食品安全"]),
    ("生活便利性", ["购物消费", "医疗服务", "基础教育", "养老服务", "托育服务"]),
    ("自然环境宜人性", ["公园绿地", "空气质量", "河流水环境", "噪声控制", "环境卫生"]),
    ("人文环境舒适性", ["历史文化保护", "文体设施", "邻里氛围", "城市风貌", "社区文化活动"]),
    ("出行便捷性", ["公共交通", "道路通畅", "停车便利", "步行环境", "慢行系统"]),
    ("开放创新性", ["就业机会", "营商环境", "创新创业氛围", "人才政策", "数字化服务"]),
]
TOWNSHIPS = ["龙港镇", "中村镇", "郑庄镇", "端氏镇", "嘉峰镇"]

# Shanxi-ish address prefixes (synthetic; only the shape matters).
IP_PREFIXES = {
    "山西": ["61.134", "118.81", "1.68", "223.11", "171.120", "183.185", "221.205", "60.220"],
    "河北": ["121.28", "27.128", "106.115"],
    "北京": ["123.112", "114.242", "221.216"],
}


def format_wjx_time(t: dt.datetime) -> str:
    """问卷星 style: 2024/7/15 9:03:05 (no padding on month/day/hour)."""
    return f"{t.year}/{t.month}/{t.day} {t.hour}:{t.minute:02d}:{t.second:02d}"


def format_duration(seconds: int) -> str:
    return f"{seconds}秒"


def weighted(rng: random.Random, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def probs_from_positive(pos: float, top: float, neutral: float = 0.68, dis: float = 0.24):
    """Five-level probabilities (best first) with a given top-two share."""
    rest = 1.0 - pos
    return [pos * top, pos * (1 - top), rest * neutral, rest * dis, rest * (1 - neutral - dis)]


class OrdinalScale:
    """Cut a standard-normal latent score into ordered levels (best first)."""

    def __init__(self, labels, probs):
        assert len(labels) == len(probs) and abs(sum(probs) - 1) < 1e-9
        self.labels = list(labels)
        cum, cuts = 0.0, []
        for p in probs[:-1]:
            cum += p
            cuts.append(ND.inv_cdf(1.0 - cum))
        self.cuts = cuts

    def label(self, y: float) -> str:
        for k, c in enumerate(self.cuts):
            if y > c:
                return self.labels[k]
        return self.labels[-1]


def latent(rng: random.Random, *parts):
    """Sum of loading*factor parts plus unique noise with unit total variance."""
    var = sum(l * l for l, _ in parts)
    y = sum(l * f for l, f in parts)
    return y + math.sqrt(max(1e-9, 1.0 - var)) * rng.gauss(0, 1)


def pick_multi(rng: random.Random, n_opts: int, weights, k: int):
    idx, w, out = list(range(n_opts)), list(weights), []
    for _ in range(min(k, n_opts)):
        j = rng.choices(range(len(idx)), weights=w, k=1)[0]
        out.append(idx.pop(j))
        w.pop(j)
    return sorted(out)


def multi_cell(options, chosen, other_text=None):
    parts = []
    for i in chosen:
        if options[i] == OTHER:
            parts.append(f"{OTHER}〖{other_text}〗")
        else:
            parts.append(options[i])
    return MULTI_SEP.join(parts)


# --------------------------------------------------------------------------
# Row / questionnaire model
# --------------------------------------------------------------------------


@dataclass
class Column:
    header: str
    kind: str  # single | matrix | multi | text
    options: list = field(default_factory=list)
    block: str = ""  # matrix block name (straight-lining unit)


@dataclass
class Row:
    answers: list  # canonical cell strings, aligned with the question columns
    honest: bool = True
    roles: list = field(default_factory=list)
    duration: int = 0
    ip: str = ""
    source: tuple = ("微信", "N/A")
    time: dt.datetime | None = None
    serial: int = 0
    raw: list | None = None  # answers after label noise
    origin: "Row | None" = None  # for duplicates / repeated serials
    uid: int = 0
    as_datetime: bool = False  # XLSX only: time stored as a real datetime


def lognormal_duration(rng, median, sigma=0.38, lo=0.5, hi=3.5):
    while True:
        d = median * math.exp(rng.gauss(0, sigma))
        if lo * median <= d <= hi * median:
            return int(round(d))


def random_ip(rng, locations, used: set):
    while True:
        loc = weighted(rng, [l for l, _ in locations], [w for _, w in locations])
        prov = loc.split("-")[0]
        prefix = rng.choice(IP_PREFIXES.get(prov, IP_PREFIXES["山西"]))
        ip = f"{prefix}.{rng.randint(1, 254)}.{rng.randint(1, 254)}({loc})"
        if ip not in used:
            used.add(ip)
            return ip


HOUR_WEIGHTS = [0.3, 0.15, 0.05, 0.05, 0.05, 0.1, 0.4, 1, 3, 6, 7, 6, 3, 3, 5, 6, 6, 4, 3, 4, 5, 5, 3, 1]


def random_time(rng, start: dt.date, end: dt.date, decay=0.18):
    days = (end - start).days + 1
    day = rng.choices(range(days), weights=[math.exp(-decay * i) for i in range(days)], k=1)[0]
    hour = rng.choices(range(24), weights=HOUR_WEIGHTS, k=1)[0]
    d = start + dt.timedelta(days=day)
    return dt.datetime(d.year, d.month, d.day, hour, rng.randrange(60), rng.randrange(60))


def unique_time(rng, used: set, maker):
    while True:
        t = maker()
        if t not in used:
            used.add(t)
            return t


# --------------------------------------------------------------------------
# Label noise
# --------------------------------------------------------------------------

NOISE_KINDS = ["trailing_space", "leading_space", "fullwidth_space", "variant"]


def noisy(rng, value):
    kind = weighted(rng, NOISE_KINDS, [0.35, 0.15, 0.2, 0.3])
    if kind == "variant" and value not in SAT_VARIANTS:
        kind = "trailing_space"
    if kind == "trailing_space":
        return value + " ", kind
    if kind == "leading_space":
        return " " + value, kind
    if kind == "fullwidth_space":
        return (value + "\u3000", kind) if rng.random() < 0.6 else ("\u3000" + value, kind)
    return SAT_VARIANTS[value], kind


def apply_noise(rng, rows, columns, rate, exclude_cols=()):
    """Sprinkle label noise on single/matrix cells of rows with no role."""
    summary = {"rate": rate, "cells": 0, "eligible_cells": 0, "by_kind": {k: 0 for k in NOISE_KINDS}, "by_column": {}}
    for r in rows:
        r.raw = list(r.answers)
        if r.roles or not r.honest:
            continue
        for ci, col in enumerate(columns):
            if col.kind not in ("single", "matrix") or ci in exclude_cols:
                continue
            v = r.answers[ci]
            if v in MARKERS or v == UNSURE:
                continue
            summary["eligible_cells"] += 1
            if rng.random() < rate:
                r.raw[ci], kind = noisy(rng, v)
                summary["cells"] += 1
                summary["by_kind"][kind] += 1
                summary["by_column"][col.header] = summary["by_column"].get(col.header, 0) + 1
    return summary


# --------------------------------------------------------------------------
# Assembly of a bundled file (planted cases, times, serials)
# --------------------------------------------------------------------------


class Planter:
    """Hands out honest rows for planted roles without overlap."""

    def __init__(self, rng, rows):
        self.rng, self.rows = rng, rows

    def take(self, k, pred=lambda r: True):
        pool = [r for r in self.rows if not r.roles and pred(r)]
        got = self.rng.sample(pool, k)
        return got


def block_levels(row, columns, block):
    return [row.answers[i] for i, c in enumerate(columns) if c.kind == "matrix" and c.block == block]


def is_straight(levels):
    return len(levels) > 1 and levels[0] in SAT5 and all(v == levels[0] for v in levels)


def set_block(row, columns, block, values):
    idx = [i for i, c in enumerate(columns) if c.kind == "matrix" and c.block == block]
    assert len(idx) == len(values)
    for i, v in zip(idx, values):
        row.answers[i] = v


def answer_key(row):
    return tuple(row.answers)


@dataclass
class FileSpec:
    key: str
    path: str
    columns: list
    honest_n: int
    window: tuple  # (start date, end date)
    median_duration: float
    locations: list
    office_ip: str
    n_dups: int
    n_blank: int
    speeder_factors: list
    straight_levels: list
    straight_block: str
    repeated_serial: bool = False


def assemble(rng, spec: FileSpec, honest: list, extra_plant=None):
    """Plant validity cases, assign metadata/times/serials; return (rows, cases)."""
    columns = spec.columns
    for i, r in enumerate(honest):
        r.uid = i
    planter = Planter(rng, honest)
    blocks_of = lambda r: block_levels(r, columns, spec.straight_block)

    # File-specific plants first (inconsistent answers, untrusted text, ...)
    if extra_plant:
        extra_plant(rng, planter, honest)

    # Straight-liners and a near miss (same level in all but one item).
    for lvl in spec.straight_levels:
        (r,) = planter.take(1)
        n = len(blocks_of(r))
        set_block(r, columns, spec.straight_block, [lvl] * n)
        r.roles.append("straightliner")
    (r,) = planter.take(1)
    n = len(blocks_of(r))
    vals = ["满意"] * n
    vals[rng.randrange(n)] = "一般"
    set_block(r, columns, spec.straight_block, vals)
    r.roles.append("straightliner_near_miss")

    # Natural straight-lining: in long blocks (health-check, 18 items) it must
    # stay a planted-only signal, so perturb accidental ones by one step; in
    # short blocks (4-5 items) it is honest behaviour and is left alone and
    # listed in the ground truth as "natural".
    long_block = len(blocks_of(honest[0])) >= 10
    for r in honest:
        lv = blocks_of(r)
        if is_straight(lv) and not {"straightliner", "straightliner_near_miss"} & set(r.roles):
            if long_block:
                j = rng.randrange(len(lv))
                k = SAT5.index(lv[j])
                lv[j] = SAT5[k + 1] if k < 2 else SAT5[k - 1]
                set_block(r, columns, spec.straight_block, lv)
            else:
                r.roles.append("straightliner_natural")

    # Speeders and a near miss (durations fixed after the median is known).
    speeders = []
    for f in spec.speeder_factors:
        (r,) = planter.take(1)
        r.roles.append("speeder")
        speeders.append((r, f))
    (near_speed,) = planter.take(1)
    near_speed.roles.append("speeder_near_miss")

    # Originals of duplicate resubmissions.
    originals = planter.take(spec.n_dups)
    for r in originals:
        r.roles.append("duplicate_original")

    # Two honest respondents sharing an office IP with different answers.
    office = planter.take(2)
    for r in office:
        r.roles.append("shared_ip_different_answers")
    assert answer_key(office[0]) != answer_key(office[1])

    # Metadata for honest rows.
    used_ips: set = {spec.office_ip}
    used_times: set = set()
    start, end = spec.window
    for r in honest:
        r.ip = spec.office_ip if r in office else random_ip(rng, spec.locations, used_ips)
        r.source = weighted(rng, SOURCES, SOURCE_WEIGHTS)
        r.duration = lognormal_duration(rng, spec.median_duration)
    for r in honest:
        r.time = unique_time(rng, used_times, lambda: random_time(rng, start, end))

    rows = list(honest)

    # Duplicate resubmissions: same IP and answers, later time, own duration.
    for o in originals:
        d = Row(answers=list(o.answers), honest=False, roles=["duplicate_resubmission"], origin=o)
        d.ip, d.source = o.ip, o.source
        d.duration = lognormal_duration(rng, spec.median_duration)
        limit = dt.datetime.combine(end, dt.time(23, 59, 59))
        d.time = unique_time(
            rng, used_times,
            lambda: min(limit, o.time + dt.timedelta(minutes=rng.randint(3, 150), seconds=rng.randint(0, 59))),
        )
        rows.append(d)

    # Blank forms: every question (空) (first) or empty cells (second).
    for b in range(spec.n_blank):
        ans = []
        for c in columns:
            ans.append(EMPTY if (b == 0 or c.kind == "text") else "")
        r = Row(answers=ans, honest=False, roles=["blank_form"])
        r.ip = random_ip(rng, spec.locations, used_ips)
        r.source = weighted(rng, SOURCES, SOURCE_WEIGHTS)
        r.duration = lognormal_duration(rng, spec.median_duration)
        r.time = unique_time(rng, used_times, lambda: random_time(rng, start, end))
        rows.append(r)

    rows.sort(key=lambda r: r.time)
    for i, r in enumerate(rows, 1):
        r.serial = i

    if spec.repeated_serial:
        # An exact copy of a row (same 序号, time, IP, answers) right after it:
        # what merging two overlapping downloads produces.
        (o,) = planter.take(1, lambda r: r.time.date() <= end)
        o.roles.append("repeated_serial_original")
        c = Row(answers=list(o.answers), honest=False, roles=["repeated_serial"], origin=o)
        c.ip, c.source, c.duration, c.time, c.serial = o.ip, o.source, o.duration, o.time, o.serial
        rows.insert(rows.index(o) + 1, c)

    # Honest respondents from different IPs can give identical answers on
    # their own (short staff questionnaire); list them as a near miss.
    by_answers = {}
    for r in honest:
        by_answers.setdefault(answer_key(r), []).append(r)
    for group in by_answers.values():
        if len(group) > 1:
            assert len({r.ip for r in group}) == len(group)
            for r in group:
                r.roles.append("identical_answers_different_ip")

    # Speeder durations relative to the file median (all data rows).  Placing
    # values below the median does not move the median.
    # (Placeholders first, so the median is computed with them already below it.)
    for r, _ in speeders:
        r.duration = 1
    near_speed.duration = 1
    med = statistics.median(r.duration for r in rows)
    for r, f in speeders:
        r.duration = max(5, int(med * f))
    near_speed.duration = int(round(med * 0.40))
    assert statistics.median(r.duration for r in rows) == med
    return rows, med


def cases_of(rows, spec: FileSpec, med):
    """Ground-truth list of planted cases, computed from the final rows."""
    data_row = {id(r): i for i, r in enumerate(rows, 1)}
    out = []
    order = [
        "duplicate_resubmission", "repeated_serial", "blank_form", "speeder", "speeder_near_miss",
        "straightliner", "straightliner_near_miss", "straightliner_natural", "outside_fieldwork",
        "inconsistent_skip", "shared_ip_different_answers", "identical_answers_different_ip",
        "untrusted_text", "embedded_newline",
    ]
    for kind in order:
        for r in rows:
            if kind not in r.roles:
                continue
            e = {"kind": kind, "serial": r.serial, "data_row": data_row[id(r)], "honest": r.honest}
            if r.origin is not None:
                e["same_as"] = {"serial": r.origin.serial, "data_row": data_row[id(r.origin)]}
            if kind.startswith("speeder"):
                e["duration_seconds"] = r.duration
                e["ratio_to_median"] = round(r.duration / med, 3)
            if kind.startswith("straightliner"):
                e["block_levels"] = block_levels(r, spec.columns, spec.straight_block)
            if kind == "outside_fieldwork":
                e["time"] = format_wjx_time(r.time)
            if kind == "shared_ip_different_answers":
                e["ip"] = r.ip
            out.append(e)
    return out


def label_counts(rows, columns):
    """Canonical label counts per single/matrix column over all data rows."""
    res = {}
    for ci, c in enumerate(columns):
        if c.kind not in ("single", "matrix"):
            continue
        cnt = {}
        for r in rows:
            v = r.answers[ci]
            cnt[v] = cnt.get(v, 0) + 1
        order = list(c.options) + [UNSURE, SKIP, EMPTY, ""]
        res[c.header] = {k: cnt[k] for k in order if k in cnt}
        assert sum(res[c.header].values()) == len(rows)
    return res


def meta_cells(r: Row):
    return [str(r.serial), format_wjx_time(r.time), format_duration(r.duration), r.source[0], r.source[1], r.ip]


def write_csv(path: Path, header, rows, encoding="utf-8", newline="\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator=newline)
        w.writerow(header)
        w.writerows(rows)


def normalize_xlsx(path: Path):
    """Make an openpyxl-written XLSX byte-reproducible.

    openpyxl stamps docProps/core.xml <dcterms:modified> with the current time
    and zipfile stamps every entry with the current local time; rewrite both.
    """
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    stamp = FIXED_DOC_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>", data)
                data = re.sub(rb"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)", rb"\g<1>" + stamp + rb"\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    os.replace(tmp, path)


def write_xlsx(path: Path, header, body_rows, datetime_cols=()):
    """body_rows: list of lists; values may be str, int, datetime or None."""
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    wb.properties.creator = "wenjuan scripts/make_examples.py (SYNTHETIC data)"
    wb.properties.lastModifiedBy = "wenjuan"
    wb.properties.title = "SYNTHETIC 问卷星 export"
    wb.properties.created = FIXED_DOC_TIME
    wb.properties.modified = FIXED_DOC_TIME
    ws.append(header)
    for vals in body_rows:
        ws.append(vals)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy/m/d h:mm:ss"
            elif isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
    wb.save(path)
    normalize_xlsx(path)


# --------------------------------------------------------------------------
# 1. plan-public.csv (社会公众问卷, 阳泉)
# --------------------------------------------------------------------------

PUBLIC_AWARE_HEADER = "4、您对阳泉市国土空间总体规划（2021-2035年）的了解程度："
PUBLIC_AWARE_COUNTS = [67, 147, 57, 14]
PUBLIC_ITEMS = [  # name, positive share among ratings, 非常满意 share of positive, 不清楚 base
    ("生态环境保护", 0.87, 0.47, 0.028),
    ("公共服务设施布局", 0.81, 0.40, 0.036),
    ("交通出行", 0.79, 0.37, 0.025),
    ("历史文化保护", 0.85, 0.44, 0.04),
    ("城乡风貌", 0.83, 0.42, 0.032),
]
PUBLIC_CHANNELS = ["政府网站", "微信公众号", "电视广播", "报纸", "社区宣传栏", "亲友介绍", OTHER]
PUBLIC_CHANNEL_W = [0.42, 0.55, 0.28, 0.08, 0.30, 0.20, 0.035]
PUBLIC_OTHER_TEXTS = ["在公园看到展板", "规划展览馆", "单位组织学习", "抖音短视频", "听社区干部说的"]
PUBLIC_SUGGESTIONS = [
    "加强规划宣传，让更多市民了解规划内容",
    "增加城区停车位",
    "多建一些口袋公园和健身步道",
    "加快老旧小区改造",
    "改善矿区道路交通",
    "公交线路再优化一下，增加班次",
    "保护好娘子关等历史文化资源",
    "规划实施情况要定期向社会公开",
    "加强桃河沿岸生态治理",
    "希望多听取基层群众意见",
    "增加养老服务设施",
    "学校和医院布局要更均衡",
    "盂县到市区的交通需要改善",
    "控制建筑高度，保护城市山水格局",
    "加强采煤沉陷区治理",
    "完善城乡供水供暖设施",
    "多建设一些停车场和充电桩",
    "规划要落到实处，不要只停留在纸面上",
    "郊区村庄环境整治力度要加大",
    '建议在社区设置"规划公示栏",方便老年人了解',
]
PUBLIC_FORMULA = '=HYPERLINK("http://x","点击")'
PUBLIC_ANSI = "建议用\x1b[31m红色\x1b[0m标出重点项目"
PUBLIC_MULTILINE = "两点建议：\n1.增加停车位\n2.多建公园"


def public_columns():
    cols = [
        Column("1、您的性别：", "single", ["男", "女"]),
        Column("2、您的年龄段：", "single", ["18岁以下", "18~30岁", "31~45岁", "46~60岁", "60岁以上"]),
        Column("3、您所在的区域：", "single", ["城区", "矿区", "郊区", "平定县", "盂县"]),
        Column(PUBLIC_AWARE_HEADER, "single", AWARE4),
        Column("5、您通过哪些渠道了解到本规划？", "multi", PUBLIC_CHANNELS),
    ]
    for name, *_ in PUBLIC_ITEMS:
        cols.append(Column(f"6、您对规划在以下方面的满意程度—{name}", "matrix", SAT5, block="q6"))
    cols.append(Column("7、您对本规划的总体满意度：", "single", SAT5))
    cols.append(Column("8、您对规划实施有何意见和建议？", "text"))
    return cols


def gen_public(rng):
    cols = public_columns()
    aware = [lvl for lvl, n in zip(AWARE4, PUBLIC_AWARE_COUNTS) for _ in range(n)]
    rng.shuffle(aware)
    item_scales = [OrdinalScale(SAT5, probs_from_positive(p, t)) for _, p, t, _ in PUBLIC_ITEMS]
    overall = OrdinalScale(SAT5, probs_from_positive(0.83, 0.45))
    aware_shift = {"非常了解": 0.3, "了解一些": 0.08, "不太了解": -0.15, "完全不了解": -0.35}
    unsure_mult = {"非常了解": 0.4, "了解一些": 0.8, "不太了解": 1.7, "完全不了解": None}
    rows = []
    for a in aware:
        g = rng.gauss(0, 1)
        sh = aware_shift[a]
        ans = [
            weighted(rng, ["男", "女"], [0.48, 0.52]),
            weighted(rng, cols[1].options, [0.03, 0.22, 0.34, 0.26, 0.15]),
            weighted(rng, cols[2].options, [0.38, 0.17, 0.15, 0.16, 0.14]),
            a,
        ]
        if a == "完全不了解":
            ans.append(SKIP)
        else:
            k = weighted(rng, [1, 2, 3], [0.45, 0.35, 0.20])
            chosen = pick_multi(rng, len(PUBLIC_CHANNELS), PUBLIC_CHANNEL_W, k)
            ans.append(multi_cell(PUBLIC_CHANNELS, chosen, rng.choice(PUBLIC_OTHER_TEXTS)))
        for (name, _, _, ub), sc in zip(PUBLIC_ITEMS, item_scales):
            pu = 0.45 if unsure_mult[a] is None else ub * unsure_mult[a]
            if rng.random() < pu:
                ans.append(UNSURE)
            else:
                ans.append(sc.label(latent(rng, (0.66, g)) + sh))
        ans.append(overall.label(latent(rng, (0.8, g)) + sh))
        ans.append(rng.choice(PUBLIC_SUGGESTIONS) if rng.random() < 0.15 else EMPTY)
        rows.append(Row(answers=ans))
    return cols, rows


def public_extra_plant(rng, planter, honest):
    cols = public_columns()
    aw = cols.index(next(c for c in cols if c.header == PUBLIC_AWARE_HEADER))
    q5 = 4
    q6 = [i for i, c in enumerate(cols) if c.block == "q6"]
    for r in planter.take(2, lambda r: r.answers[aw] == "完全不了解"):
        k = weighted(rng, [1, 2], [0.6, 0.4])
        r.answers[q5] = multi_cell(PUBLIC_CHANNELS, pick_multi(rng, 6, PUBLIC_CHANNEL_W[:6], k))
        vals = [rng.choice(["满意", "一般", "满意", "非常满意"]) for _ in q6]
        if len(set(vals)) == 1:
            vals[0] = "一般" if vals[0] != "一般" else "满意"
        for i, v in zip(q6, vals):
            r.answers[i] = v
        r.roles.append("inconsistent_skip")
    text_i = len(cols) - 1
    for val, role in [(PUBLIC_FORMULA, "untrusted_text"), (PUBLIC_ANSI, "untrusted_text"), (PUBLIC_MULTILINE, "embedded_newline")]:
        (r,) = planter.take(1)
        r.answers[text_i] = val
        r.roles.append(role)


# --------------------------------------------------------------------------
# 2. plan-staff.xlsx (工作人员问卷)
# --------------------------------------------------------------------------

STAFF_AWARE_COUNTS = [88, 78, 24, 6]  # 44.9% / 39.8% / 12.2% / 3.1%
STAFF_UNIT_COUNTS = [118, 78]
STAFF_IMPACT = ["非常大", "较大", "一般", "较小", "没有影响"]
STAFF_ITEMS = [("规划编制质量", 0.94, 0.50), ("规划成果的指导性", 0.91, 0.46), ("部门协同", 0.88, 0.40), ("公众参与", 0.89, 0.42)]
STAFF_CHANNELS = ["内部文件", "工作会议", "政府网站", "专题培训", OTHER]
STAFF_CHANNEL_W = [0.6, 0.65, 0.3, 0.35, 0.04]
STAFF_OTHER_TEXTS = ["上级部门通知", "项目对接会", "规划局微信工作群"]
STAFF_SUGGESTIONS = [
    "加强部门之间的数据共享",
    "规划指标分解要更具体",
    "建议建立规划实施评估常态化机制",
    "多组织专题培训",
    "国土空间基础信息平台要尽快完善",
    "用地审批流程还可以简化",
    "加强规划对重大项目的用地保障",
    "乡镇层面规划编制力量薄弱，需要支持",
    "规划成果要及时向基层单位推送",
    "公众参与渠道还需拓宽",
    "建议明确各部门实施责任清单",
    "产业用地供给要更灵活",
]


def staff_columns():
    cols = [
        Column("1、您的单位类型：", "single", ["政府职能部门", "企事业单位"]),
        Column("2、您对本规划的了解程度：", "single", AWARE4),
        Column("3、您认为本规划对单位履职、促进事业发展的影响程度：", "single", STAFF_IMPACT),
    ]
    for name, *_ in STAFF_ITEMS:
        cols.append(Column(f"4、您对以下方面的满意程度—{name}", "matrix", SAT5, block="q4"))
    cols.append(Column("5、您通过哪些渠道获取规划信息？", "multi", STAFF_CHANNELS))
    cols.append(Column("6、您对本规划的总体满意度：", "single", SAT5))
    cols.append(Column("7、您对规划实施有何意见建议？", "text"))
    return cols


def gen_staff(rng):
    cols = staff_columns()
    aware = [lvl for lvl, n in zip(AWARE4, STAFF_AWARE_COUNTS) for _ in range(n)]
    units = [u for u, n in zip(cols[0].options, STAFF_UNIT_COUNTS) for _ in range(n)]
    rng.shuffle(aware)
    rng.shuffle(units)
    impact = OrdinalScale(STAFF_IMPACT, [0.33, 0.41, 0.18, 0.06, 0.02])
    scales = [OrdinalScale(SAT5, probs_from_positive(p, t)) for _, p, t in STAFF_ITEMS]
    overall = OrdinalScale(SAT5, probs_from_positive(0.90, 0.46))
    shift = {"非常了解": 0.2, "了解一些": 0.0, "不太了解": -0.25, "完全不了解": -0.5}
    rows = []
    for a, u in zip(aware, units):
        g = rng.gauss(0, 1)
        ans = [u, a, impact.label(latent(rng, (0.5, g)) + shift[a])]
        for sc in scales:
            ans.append(sc.label(latent(rng, (0.62, g)) + shift[a]))
        if a == "完全不了解":
            ans.append(SKIP)
        else:
            k = weighted(rng, [1, 2, 3], [0.35, 0.4, 0.25])
            ans.append(multi_cell(STAFF_CHANNELS, pick_multi(rng, 5, STAFF_CHANNEL_W, k), rng.choice(STAFF_OTHER_TEXTS)))
        ans.append(overall.label(latent(rng, (0.8, g)) + shift[a]))
        ans.append(rng.choice(STAFF_SUGGESTIONS) if rng.random() < 0.12 else EMPTY)
        rows.append(Row(answers=ans))
    return cols, rows


# --------------------------------------------------------------------------
# 3. health-check.csv (城市体检 社会满意度调查, 沁水)
# --------------------------------------------------------------------------

HEALTH_TOWN_COUNTS = [420, 260, 200, 180, 140]
HEALTH_ITEMS = {  # item: (positive share among ratings, 非常满意 share of positive, 不清楚 prob)
    "社会治安": (0.90, 0.45, 0.01), "消防安全": (0.86, 0.40, 0.03), "防洪排涝": (0.82, 0.38, 0.04),
    "购物消费": (0.87, 0.40, 0.01), "医疗服务": (0.74, 0.32, 0.02), "基础教育": (0.80, 0.36, 0.04),
    "公园绿地": (0.89, 0.46, 0.01), "空气质量": (0.92, 0.50, 0.01), "河流水环境": (0.90, 0.44, 0.02),
    "历史文化保护": (0.84, 0.40, 0.05), "文体设施": (0.78, 0.34, 0.03), "邻里氛围": (0.91, 0.48, 0.01),
    "公共交通": (0.70, 0.28, 0.03), "道路通畅": (0.76, 0.30, 0.01), "停车便利": (0.66, 0.26, 0.02),
    "就业机会": (0.64, 0.24, 0.11), "营商环境": (0.74, 0.28, 0.14), "创新创业氛围": (0.68, 0.25, 0.15),
}
# Township effects on the latent score per dimension (端氏镇 clearly lower on 出行便捷性).
HEALTH_TOWN_SHIFT = {
    "龙港镇": {"生活便利性": 0.15, "出行便捷性": 0.1, "开放创新性": 0.1},
    "中村镇": {"自然环境宜人性": 0.1},
    "郑庄镇": {"生活便利性": -0.1},
    "端氏镇": {"出行便捷性": -0.95, "生活便利性": -0.1},
    "嘉峰镇": {"开放创新性": 0.1, "城镇安全性": -0.1},
}
HEALTH_FIELDWORK = (dt.date(2023, 12, 7), dt.date(2023, 12, 15))
HEALTH_LATE_DAY = dt.date(2023, 12, 18)
HEALTH_OTHER_TEXTS = ["垃圾分类", "冬季供暖", "物业管理", "菜市场环境"]
HEALTH_SUGGESTIONS = [
    "增加县城停车位",
    "公交班次太少，建议增加到乡镇的线路",
    "医院看病排队时间长",
    "多建些公园和健身场地",
    "加强沁河水环境治理",
    "希望引进更多企业，增加就业岗位",
    "老旧小区加装电梯",
    "道路修修补补太频繁",
    "加强冬季供暖保障",
    "学校大班额问题需要解决",
    "增加文化活动场所",
    "保护好柳氏民居等古村落",
    "路灯不够亮，晚上出行不方便",
    "农贸市场环境需要改善",
    "加强防洪排涝设施建设",
    "改善营商环境，简化审批",
    "增加养老服务设施",
    "垃圾分类要落实",
    "端氏镇到县城的道路需要拓宽",
    '建议增加"潮汐车位",解决早晚停车难',
]


def health_columns():
    cols = [
        Column("1、您居住的乡镇：", "single", TOWNSHIPS),
        Column("2、您的年龄：", "single", ["18~30岁", "31~45岁", "46~60岁", "60岁以上"]),
        Column("3、您在本地居住的时间：", "single", ["1年以下", "1~5年", "5~10年", "10年以上"]),
    ]
    for qi, (dim, items) in enumerate(DIMENSIONS, start=4):
        for it in items[:3]:
            cols.append(Column(f"{qi}、您对{dim}方面的满意程度—{it}", "matrix", SAT5, block="q4-q9"))
    cols.append(Column("10、您对县城整体人居环境的总体满意度：", "single", SAT5))
    cols.append(Column("11、您认为最需要改进的方面（可多选）", "multi", [d for d, _ in DIMENSIONS] + [OTHER]))
    cols.append(Column("12、您对城市建设还有哪些意见建议？", "text"))
    return cols


def gen_health(rng):
    cols = health_columns()
    towns = [t for t, n in zip(TOWNSHIPS, HEALTH_TOWN_COUNTS) for _ in range(n)]
    rng.shuffle(towns)
    scales = {it: OrdinalScale(SAT5, probs_from_positive(p, t)) for it, (p, t, _) in HEALTH_ITEMS.items()}
    overall = OrdinalScale(SAT5, probs_from_positive(0.86, 0.42))
    improve_opts = cols[-2].options
    improve_base = [0.8, 1.0, 0.5, 0.8, 1.6, 1.5]
    rows = []
    for town in towns:
        g = rng.gauss(0, 1)
        ans = [
            town,
            weighted(rng, cols[1].options, [0.2, 0.32, 0.28, 0.2]),
            weighted(rng, cols[2].options, [0.06, 0.14, 0.18, 0.62]),
        ]
        dim_scores = []
        for dim, items in DIMENSIONS:
            d = rng.gauss(0, 1)
            sh = HEALTH_TOWN_SHIFT[town].get(dim, 0.0)
            dim_scores.append(0.6 * g + 0.5 * d + sh)
            for it in items[:3]:
                if rng.random() < HEALTH_ITEMS[it][2]:
                    ans.append(UNSURE)
                else:
                    ans.append(scales[it].label(latent(rng, (0.6, g), (0.55, d)) + sh))
        ans.append(overall.label(latent(rng, (0.82, g))))
        k = weighted(rng, [1, 2, 3], [0.4, 0.38, 0.22])
        w = [b * math.exp(-1.1 * s) for b, s in zip(improve_base, dim_scores)] + [0.06]
        ans.append(multi_cell(improve_opts, pick_multi(rng, 7, w, k), rng.choice(HEALTH_OTHER_TEXTS)))
        ans.append(rng.choice(HEALTH_SUGGESTIONS) if rng.random() < 0.10 else EMPTY)
        rows.append(Row(answers=ans))
    return cols, rows


def health_extra_plant(rng, planter, honest):
    # Two honest responses submitted after fieldwork closed (times set later).
    for r in planter.take(2):
        r.roles.append("outside_fieldwork")


# --------------------------------------------------------------------------
# Bundled files: orchestration
# --------------------------------------------------------------------------

PUBLIC_LOCS = [("山西-阳泉", 0.86), ("山西-太原", 0.06), ("山西-晋中", 0.04), ("河北-石家庄", 0.02), ("北京-北京", 0.02)]
STAFF_LOCS = [("山西-阳泉", 0.93), ("山西-太原", 0.05), ("山西-晋中", 0.02)]
HEALTH_LOCS = [("山西-晋城", 0.90), ("山西-太原", 0.04), ("山西-长治", 0.04), ("山西-临汾", 0.02)]


def build_public():
    rng = random.Random(SEEDS["public"])
    cols, honest = gen_public(rng)
    spec = FileSpec(
        key="public", path="responses/plan-public.csv", columns=cols, honest_n=285,
        window=(dt.date(2024, 7, 15), dt.date(2024, 7, 28)), median_duration=150,
        locations=PUBLIC_LOCS, office_ip="218.26.117.38(山西-阳泉)", n_dups=3, n_blank=2,
        speeder_factors=[0.08, 0.15, 0.22, 0.29], straight_levels=["非常满意", "一般"], straight_block="q6",
    )
    rows, med = assemble(rng, spec, honest, public_extra_plant)
    aw = [c.header for c in cols].index(PUBLIC_AWARE_HEADER)
    noise = apply_noise(rng, rows, cols, 0.02, exclude_cols=(aw,))
    header = META_COLUMNS + [c.header for c in cols]
    write_csv(ROOT / spec.path, header, [meta_cells(r) + r.raw for r in rows], encoding="utf-8-sig", newline="\n")
    return spec, rows, med, noise, {"encoding": "utf-8 with BOM", "line_ending": "LF"}


def build_staff():
    rng = random.Random(SEEDS["staff"])
    cols, honest = gen_staff(rng)
    spec = FileSpec(
        key="staff", path="responses/plan-staff.xlsx", columns=cols, honest_n=196,
        window=(dt.date(2024, 7, 16), dt.date(2024, 7, 26)), median_duration=170,
        locations=STAFF_LOCS, office_ip="218.26.96.14(山西-阳泉)", n_dups=2, n_blank=1,
        speeder_factors=[0.1, 0.2, 0.27], straight_levels=["非常满意", "满意"], straight_block="q4",
    )
    rows, med = assemble(rng, spec, honest)
    noise = apply_noise(rng, rows, cols, 0.02)
    # ~10 honest, role-free rows carry 提交答卷时间 as a real Excel datetime.
    free = [r for r in rows if r.honest and not r.roles]
    for r in rng.sample(free, 10):
        r.as_datetime = True
    header = META_COLUMNS + [c.header for c in cols]
    body = []
    for r in rows:
        t = r.time if r.as_datetime else format_wjx_time(r.time)
        vals = [r.serial, t, format_duration(r.duration), r.source[0], r.source[1], r.ip]
        vals += [None if v == "" else v for v in r.raw]
        body.append(vals)
    write_xlsx(ROOT / spec.path, header, body)
    return spec, rows, med, noise, {"container": "xlsx", "sheet": "Sheet1",
                                    "note": "序号 numeric; 提交答卷时间 text except rows listed in xlsx_datetime_cells; 所用时间 text"}


def build_health():
    rng = random.Random(SEEDS["health"])
    cols, honest = gen_health(rng)
    spec = FileSpec(
        key="health", path="responses/health-check.csv", columns=cols, honest_n=1200,
        window=HEALTH_FIELDWORK, median_duration=215,
        locations=HEALTH_LOCS, office_ip="183.185.60.22(山西-晋城)", n_dups=3, n_blank=2,
        speeder_factors=[0.065, 0.12, 0.18, 0.24, 0.3], straight_levels=["非常满意", "一般", "满意"],
        straight_block="q4-q9", repeated_serial=True,
    )

    def plant(rng_, planter, rows_):
        health_extra_plant(rng_, planter, rows_)

    rows, med = assemble(rng, spec, honest, plant)
    # Move the outside-fieldwork rows to 2023/12/18 and renumber in time order.
    late = [r for r in rows if "outside_fieldwork" in r.roles]
    used = {r.time for r in rows}
    for r in late:
        r.time = unique_time(rng, used, lambda: random_time(rng, HEALTH_LATE_DAY, HEALTH_LATE_DAY))
    rep = next(r for r in rows if "repeated_serial" in r.roles)
    rows.remove(rep)
    rows.sort(key=lambda r: r.time)
    for i, r in enumerate(rows, 1):
        r.serial = i
    rows.insert(rows.index(rep.origin) + 1, rep)
    rep.serial, rep.time = rep.origin.serial, rep.origin.time
    noise = apply_noise(rng, rows, cols, 0.02)
    header = META_COLUMNS + [c.header for c in cols]
    write_csv(ROOT / spec.path, header, [meta_cells(r) + r.raw for r in rows], encoding="gbk", newline="\r\n")
    return spec, rows, med, noise, {"encoding": "gbk", "line_ending": "CRLF",
                                    "fieldwork": "2023/12/7-2023/12/15"}


def cronbach_alpha(matrix):
    k = len(matrix[0])
    if len(matrix) < 3:
        return float("nan")
    cols = list(zip(*matrix))
    item_var = sum(statistics.pvariance(c) for c in cols)
    tot_var = statistics.pvariance([sum(r) for r in matrix])
    return k / (k - 1) * (1 - item_var / tot_var)


def file_stats(spec, rows):
    """Descriptive shares over honest rows (for the report / sanity)."""
    cols = spec.columns
    honest = [r for r in rows if r.honest]
    out = {}
    for ci, c in enumerate(cols):
        if c.kind in ("single", "matrix") and c.options == SAT5:
            vals = [r.answers[ci] for r in honest]
            rated = [v for v in vals if v in SAT5]
            pos = sum(v in SAT5[:2] for v in rated)
            out[c.header] = {
                "positive_share_of_ratings": round(pos / len(rated), 4),
                "positive_share_of_all": round(pos / len(vals), 4),
                "unsure_share": round(vals.count(UNSURE) / len(vals), 4),
            }
    return out


def alphas(spec, rows):
    cols = spec.columns
    honest = [r for r in rows if r.honest]
    groups = {}
    for ci, c in enumerate(cols):
        if c.kind == "matrix":
            q = c.header.split("、", 1)[0]
            groups.setdefault(q, []).append(ci)
    res = {}
    for q, idx in groups.items():
        m = []
        for r in honest:
            vals = [r.answers[i] for i in idx]
            if all(v in SAT5 for v in vals):
                m.append([5 - SAT5.index(v) for v in vals])
        res[q] = {"alpha": round(cronbach_alpha(m), 3), "complete_cases": len(m)}
    return res


# --------------------------------------------------------------------------
# Test fixtures
# --------------------------------------------------------------------------

FX_GENDER = ["男", "女"]
FX_AWARE_COUNTS = [9, 17, 10, 4]
FX_MATRIX_ITEMS = ["服务质量", "办事效率", "信息公开"]
FX_CHANNELS = ["政府网站", "微信公众号", "社区宣传栏", "电视广播", OTHER]
FX_CHANNEL_W = [0.5, 0.6, 0.35, 0.25, 0.0]
FX_OTHER = "在公园看到展板"
FX_TEXTS = [
    "希望延长周末办理时间",
    "办事指南写得再清楚些",
    '建议增加"周末办理",方便上班族',
    "窗口工作人员态度很好",
    "网上办理系统经常卡顿",
    "信息公开要更及时",
]


def fixture_columns():
    cols = [
        Column("1、您的性别：", "single", FX_GENDER),
        Column("2、您对本项目的了解程度：", "single", AWARE4),
    ]
    for it in FX_MATRIX_ITEMS:
        cols.append(Column(f"3、您对以下方面的满意程度—{it}", "matrix", SAT5, block="q3"))
    cols.append(Column("4、您希望通过哪些渠道获取项目信息？（可多选）", "multi", FX_CHANNELS))
    cols.append(Column("5、您对本项目还有什么意见建议？", "text"))
    return cols


def gen_fixture_rows():
    """The 40-response export shared by wjx_text_* / wjx_number / ragged."""
    rng = random.Random(SEEDS["fixtures"])
    cols = fixture_columns()
    n = 40
    gender = ["男"] * 18 + ["女"] * 22
    aware = [lvl for lvl, k in zip(AWARE4, FX_AWARE_COUNTS) for _ in range(k)]
    rng.shuffle(gender)
    rng.shuffle(aware)
    scale = OrdinalScale(SAT5, probs_from_positive(0.78, 0.4))
    rows = []
    for i in range(n):
        g = rng.gauss(0, 1)
        ans = [gender[i], aware[i]]
        for _ in FX_MATRIX_ITEMS:
            if aware[i] == "完全不了解":
                ans.append(SKIP)  # questionnaire logic: 完全不了解 jumps past Q3
            elif rng.random() < 0.08:
                ans.append(UNSURE)
            else:
                ans.append(scale.label(latent(rng, (0.7, g))))
        k = weighted(rng, [1, 2, 3], [0.45, 0.35, 0.2])
        ans.append(multi_cell(FX_CHANNELS, pick_multi(rng, 4, FX_CHANNEL_W[:4], k)))
        ans.append(EMPTY)
        rows.append(Row(answers=ans))
    # exactly one 其他〖在公园看到展板〗
    r = rows[rng.randrange(n)]
    r.answers[5] = r.answers[5] + MULTI_SEP + f"{OTHER}〖{FX_OTHER}〗"
    for t, r in zip(FX_TEXTS, rng.sample(rows, len(FX_TEXTS))):
        r.answers[6] = t
    used_t, used_ip = set(), set()
    for r in rows:
        r.time = unique_time(rng, used_t, lambda: random_time(rng, dt.date(2024, 5, 20), dt.date(2024, 5, 24)))
        r.duration = lognormal_duration(rng, 110)
        r.source = weighted(rng, SOURCES, SOURCE_WEIGHTS)
        r.ip = random_ip(rng, [("山西-太原", 0.9), ("山西-晋中", 0.1)], used_ip)
        r.raw = list(r.answers)
    rows.sort(key=lambda r: r.time)
    for i, r in enumerate(rows, 1):
        r.serial = i
    return cols, rows


def number_export(cols, rows):
    """问卷星 按序号 download: option numbers, 0/1 per multi option, -3 skip, -2 empty."""
    header = list(META_COLUMNS)
    for c in cols:
        if c.kind == "multi":
            qno = c.header.split("、", 1)[0]
            for j, o in enumerate(c.options):
                header.append(f"{c.header}({o})" if j == 0 else f"{qno}({o})")
        else:
            header.append(c.header)
    body = []
    for r in rows:
        out = meta_cells(r)
        for c, v in zip(cols, r.answers):
            if c.kind in ("single", "matrix"):
                if v == SKIP:
                    out.append("-3")
                elif v in (EMPTY, ""):
                    out.append("-2")
                elif v == UNSURE:
                    out.append(str(len(c.options) + 1))
                else:
                    out.append(str(c.options.index(v) + 1))
            elif c.kind == "multi":
                if v == SKIP:
                    out += ["-3"] * len(c.options)
                elif v in (EMPTY, ""):
                    out += ["-2"] * len(c.options)
                else:
                    picked = [p.split("〖", 1)[0] for p in v.split(MULTI_SEP)]
                    out += ["1" if o in picked else "0" for o in c.options]
            else:
                out.append("-2" if v in (EMPTY, "") else v)
        body.append(out)
    return header, body


def fixture_counts(cols, rows):
    res = {}
    for ci, c in enumerate(cols):
        vals = [r.answers[ci] for r in rows]
        if c.kind in ("single", "matrix"):
            order = list(c.options) + [UNSURE, SKIP, EMPTY]
            res[c.header] = {k: vals.count(k) for k in order if vals.count(k)}
        elif c.kind == "multi":
            cnt = {o: 0 for o in c.options}
            others = []
            for v in vals:
                for p in v.split(MULTI_SEP):
                    base = p.split("〖", 1)[0]
                    cnt[base] += 1
                    if "〖" in p:
                        others.append(p)
            res[c.header] = {"selections": cnt, "respondents": len(vals), "other_texts": others,
                             "picks_per_respondent": {str(k): sum(1 for v in vals if len(v.split(MULTI_SEP)) == k) for k in (1, 2, 3, 4)}}
        else:
            filled = [v for v in vals if v not in (EMPTY, "")]
            res[c.header] = {"non_empty": len(filled), "empty": len(vals) - len(filled), "texts": filled}
    return res


UNKNOWN_SAT_HEADER = "３、您对社区服务的总体满意度：\u3000"
UNKNOWN_CELLS = (
    ["非常满意"] * 6 + ["很满意"] * 2 + ["满意"] * 7 + ["满意 "] * 2 + ["\u3000满意"] + ["比较满意"]
    + ["一般"] * 5 + ["不满意"] * 2 + ["不满意。"] + ["非常不满意"] + ["还行"] + ["（空）"] + [EMPTY]
)
UNKNOWN_CANONICAL = {
    "非常满意": "非常满意", "很满意": "非常满意", "满意": "满意", "满意 ": "满意", "\u3000满意": "满意",
    "比较满意": "满意", "一般": "一般", "不满意": "不满意", "不满意。": "不满意", "非常不满意": "非常不满意",
    "还行": None, "（空）": EMPTY, EMPTY: EMPTY,
}


def build_unknown_labels():
    rng = random.Random(SEEDS["unknown_labels"])
    cells = list(UNKNOWN_CELLS)
    rng.shuffle(cells)
    n = len(cells)
    used_t, used_ip = set(), set()
    rows = []
    for i in range(n):
        r = Row(answers=[
            weighted(rng, FX_GENDER, [0.5, 0.5]),
            weighted(rng, ["东城社区", "西城社区", "南关社区"], [0.4, 0.35, 0.25]),
            cells[i],
        ])
        r.time = unique_time(rng, used_t, lambda: random_time(rng, dt.date(2024, 6, 3), dt.date(2024, 6, 6)))
        r.duration = lognormal_duration(rng, 60)
        r.source = weighted(rng, SOURCES, SOURCE_WEIGHTS)
        r.ip = random_ip(rng, [("山西-阳泉", 1.0)], used_ip)
        rows.append(r)
    rows.sort(key=lambda r: r.time)
    for i, r in enumerate(rows, 1):
        r.serial = i
    header = META_COLUMNS + ["1、您的性别：", "2、您所在的社区：", UNKNOWN_SAT_HEADER]
    write_csv(FIXTURES / "unknown_labels.csv", header, [meta_cells(r) + r.answers for r in rows])
    raw_counts = {}
    for v in UNKNOWN_CELLS:
        raw_counts[v] = raw_counts.get(v, 0) + 1
    canon = {}
    for v, k in raw_counts.items():
        c = UNKNOWN_CANONICAL[v]
        key = "(unknown label)" if c is None else c
        canon[key] = canon.get(key, 0) + k
    unknown_rows = [i for i, r in enumerate(rows, 1) if r.answers[2] == "还行"]
    return {"rows": n, "header_raw": UNKNOWN_SAT_HEADER, "raw_counts": raw_counts, "canonical_counts": canon,
            "unknown_label_data_rows": unknown_rows}


def build_fixtures():
    FIXTURES.mkdir(parents=True, exist_ok=True)
    cols, rows = gen_fixture_rows()
    header = META_COLUMNS + [c.header for c in cols]
    body = [meta_cells(r) + r.answers for r in rows]
    write_csv(FIXTURES / "wjx_text_utf8.csv", header, body, encoding="utf-8")
    write_csv(FIXTURES / "wjx_text_bom.csv", header, body, encoding="utf-8-sig")
    write_csv(FIXTURES / "wjx_text_gbk.csv", header, body, encoding="gbk", newline="\r\n")
    xbody = [[r.serial] + meta_cells(r)[1:] + r.answers for r in rows]
    write_xlsx(FIXTURES / "wjx_text.xlsx", header, xbody)
    nh, nb = number_export(cols, rows)
    write_csv(FIXTURES / "wjx_number.csv", nh, nb, encoding="utf-8")

    # ragged.csv: first 20 responses; data row 7 lacks its trailing field,
    # data row 13 has one extra field.
    rb = [list(x) for x in body[:20]]
    rb[6] = rb[6][:-1]
    rb[12] = rb[12] + ["多余字段"]
    write_csv(FIXTURES / "ragged.csv", header, rb, encoding="utf-8")

    (FIXTURES / "empty.csv").write_bytes(b"")
    write_csv(FIXTURES / "header_only.csv", header, [], encoding="utf-8")
    brng = random.Random(SEEDS["binary"])
    (FIXTURES / "binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + brng.randbytes(4096 - 8))

    unknown = build_unknown_labels()
    counts = fixture_counts(cols, rows)
    return {
        "export": {"columns": header, "rows": len(rows), "counts": counts,
                   "number_header": nh, "serials": [r.serial for r in rows]},
        "ragged": {"rows": 20, "fields_expected": len(header), "short_row": 7, "long_row": 13},
        "unknown_labels": unknown,
        "binary_sha256": hashlib.sha256((FIXTURES / "binary.bin").read_bytes()).hexdigest(),
    }


# --------------------------------------------------------------------------
# Ground truth + README
# --------------------------------------------------------------------------


def ground_truth(built, fx):
    files = {}
    for spec, rows, med, noise, info in built:
        entry = {
            "format": info,
            "data_rows": len(rows),
            "honest_rows": sum(r.honest for r in rows),
            "extra_rows": sum(not r.honest for r in rows),
            "max_serial": max(r.serial for r in rows),
            "median_duration_seconds": med,
            "speeder_rule": "所用时间 < median/3 (median over all data rows)",
            "straightline_block": [c.header for c in spec.columns if c.block == spec.straight_block],
            "straightline_rule": "same scale level (one of 非常满意..非常不满意) in every item of the block; "
                                 "blank/不清楚/(跳过) never count",
            "cases": cases_of(rows, spec, med),
            "label_noise": noise,
            "label_counts_canonical_all_rows": label_counts(rows, spec.columns),
            "label_counts_canonical_honest_rows": label_counts([r for r in rows if r.honest], spec.columns),
            "descriptives_honest": file_stats(spec, rows),
            "cronbach_alpha_honest": alphas(spec, rows),
        }
        if spec.key == "public":
            entry["awareness_honest"] = dict(zip(AWARE4, PUBLIC_AWARE_COUNTS))
        if spec.key == "staff":
            entry["awareness_honest"] = dict(zip(AWARE4, STAFF_AWARE_COUNTS))
            dtrows = [{"serial": r.serial, "data_row": i, "sheet_row": i + 1}
                      for i, r in enumerate(rows, 1) if r.as_datetime]
            entry["xlsx_datetime_cells"] = dtrows
        if spec.key == "health":
            entry["township_honest"] = dict(zip(TOWNSHIPS, HEALTH_TOWN_COUNTS))
            entry["fieldwork_window"] = ["2023/12/7", "2023/12/15"]
            dix = [i for i, c in enumerate(spec.columns) if c.header.startswith("8、")]
            by_town = {}
            for t in TOWNSHIPS:
                vals = [r.answers[i] for r in rows if r.honest and r.answers[0] == t for i in dix]
                rated = [v for v in vals if v in SAT5]
                by_town[t] = round(sum(v in SAT5[:2] for v in rated) / len(rated), 4)
            entry["出行便捷性_positive_by_township_honest"] = by_town
        files[spec.path] = entry
    return {
        "_about": "Ground truth for SYNTHETIC example exports written by scripts/make_examples.py. "
                  "data_row is 1-based and excludes the header (XLSX sheet row = data_row + 1). "
                  "serial is the 序号 cell. Cases with honest=false are extra rows that are NOT among the "
                  "285/196/1200 honest responses. Canonical counts are after undoing the label noise.",
        "seeds": SEEDS,
        "files": files,
        "fixtures": fx,
    }


def fmt_counts(d):
    return ", ".join(f"{k} {v}" for k, v in d.items())


def readme(fx):
    e = fx["export"]
    c = e["counts"]
    cols = e["columns"]
    L = []
    A = L.append
    A("# Test fixtures")
    A("")
    A("SYNTHETIC data, written by `python3 scripts/make_examples.py` (do not edit by hand; rerun the")
    A("script). Machine-readable ground truth for these fixtures is under the `fixtures` key of")
    A("`planted_examples.json`; the `files` key holds the planted validity cases of the bundled")
    A("exports in `responses/`. Data rows are numbered from 1, not counting the header.")
    A("")
    A("## The shared 40-response export")
    A("")
    A("`wjx_text_utf8.csv`, `wjx_text_bom.csv`, `wjx_text_gbk.csv`, `wjx_text.xlsx` hold the SAME")
    A("40 responses of a 问卷星 按文本 export; `wjx_number.csv` is its 按序号 download and")
    A("`ragged.csv`/`header_only.csv` reuse its header. Columns:")
    A("")
    for h in cols:
        A(f"- `{h}`")
    A("")
    A("Planted counts (identical in every container):")
    A("")
    for h, v in c.items():
        if "selections" in v:
            A(f"- `{h}` (multiple choice, `┋`-joined, 40 respondents): selections {fmt_counts(v['selections'])};")
            A(f"  picks per respondent {fmt_counts(v['picks_per_respondent'])}; the only other text is `{v['other_texts'][0]}`.")
        elif "non_empty" in v:
            A(f"- `{h}` (free text): {v['non_empty']} non-empty, {v['empty']} `(空)`; one text contains an ASCII comma and")
            A("  double quotes (`" + next(t for t in v['texts'] if '"' in t) + "`), so it is quoted in the CSV.")
        else:
            A(f"- `{h}`: {fmt_counts(v)}")
    A("")
    A("The 4 `完全不了解` respondents skip Q3 by questionnaire logic, so each Q3 item has 4 `(跳过)`.")
    A("Shares for Q2: 9/40 = 22.50%, 17/40 = 42.50%, 10/40 = 25.00%, 4/40 = 10.00%.")
    A("")
    A("| file | guards |")
    A("|---|---|")
    A("| `wjx_text_utf8.csv` | plain UTF-8 (no BOM), LF, comma separated, QUOTE_MINIMAL |")
    A("| `wjx_text_bom.csv` | UTF-8 with BOM: the BOM must not end up in the `序号` header |")
    A("| `wjx_text_gbk.csv` | GBK (Excel on Chinese Windows), CRLF, no BOM: encoding detection/decoding |")
    A("| `wjx_text.xlsx` | XLSX container (sheet `Sheet1`); 序号 numeric, 提交答卷时间 and 所用时间 stored as text |")
    A("| `wjx_number.csv` | 按序号 download (UTF-8, LF): option numbers instead of labels |")
    A("")
    A("`wjx_number.csv` conventions: single choice = 1-based option number in questionnaire order")
    A("(性别 1=男 2=女; 了解程度 1=非常了解 … 4=完全不了解; satisfaction 1=非常满意 … 5=非常不满意,")
    A("6=不清楚); a logic skip is `-3`, an empty answer `-2` (the free-text `(空)` cells become `-2`);")
    A("the multiple-choice question becomes one 0/1 column per option, headed")
    A("`" + e["number_header"][len(META_COLUMNS) + 5] + "` for the first option and `4(微信公众号)`, `4(社区宣传栏)`, … for the")
    A("rest. The 其他 column is 0/1 only (the 〖…〗 text is not carried in this download).")
    A("Column sums of the Q4 columns equal the selection counts above.")
    A("")
    A("## Other fixtures")
    A("")
    A("| file | guards | ground truth |")
    A("|---|---|---|")
    A(f"| `ragged.csv` | rows with the wrong number of fields | first 20 responses of the shared export, {fx['ragged']['fields_expected']} fields per row; data row 7 lacks its trailing field ({fx['ragged']['fields_expected'] - 1} fields), data row 13 has one extra field `多余字段` ({fx['ragged']['fields_expected'] + 1} fields); all other rows are well formed |")
    u = fx["unknown_labels"]
    A(f"| `unknown_labels.csv` | label normalisation and unknown labels | {u['rows']} rows; see below |")
    A("| `empty.csv` | 0-byte input | no header, no rows |")
    A("| `header_only.csv` | header but no data | the shared export's header line (UTF-8, LF), 0 data rows |")
    A(f"| `binary.bin` | non-text input | 4096 deterministic random bytes starting with the PNG signature `89 50 4E 47 0D 0A 1A 0A`; sha256 `{fx['binary_sha256']}` |")
    A("")
    A("### unknown_labels.csv")
    A("")
    A("UTF-8, LF. Columns: the metadata, `1、您的性别：`, `2、您所在的社区：` and the satisfaction")
    A("question whose header is written with a full-width digit and a trailing full-width space:")
    A("`３、您对社区服务的总体满意度：` + U+3000 (question number 3 after NFKC/trim).")
    A("Raw cell values (exact strings; `␣` = ASCII space, `〿` marks U+3000 here only):")
    A("")
    for k, v in u["raw_counts"].items():
        shown = k.replace(" ", "␣").replace("\u3000", "〿")
        A(f"- `{shown}` × {v}")
    A("")
    A("Expected after normalisation (trim ASCII/full-width spaces, map `很满意`→`非常满意` and")
    A("`比较满意`→`满意`, strip trailing `。`, treat `（空）` like `(空)`): " + fmt_counts(u["canonical_counts"]) + ".")
    A(f"The unknown label `还行` is on data row {u['unknown_label_data_rows'][0]}; it must be reported, not silently counted.")
    A("")
    A("## planted_examples.json")
    A("")
    A("Ground truth for the bundled exports in `responses/`: for each file the planted validity")
    A("cases (kind, 序号, 1-based data row, whether the row is one of the honest responses), the")
    A("file median of 所用时间, label-noise statistics and canonical label counts. Kinds:")
    A("`duplicate_resubmission` (same 来自IP and identical answers as the row in `same_as`, later time),")
    A("`repeated_serial` (health-check: an exact copy of the previous row, same 序号), `blank_form`,")
    A("`speeder` (所用时间 < median/3) and `speeder_near_miss` (40% of the median),")
    A("`straightliner` / `straightliner_near_miss` / `straightliner_natural` (honest short-block")
    A("straight-lining that occurs on its own in the 4-5 item blocks), `outside_fieldwork`,")
    A("`inconsistent_skip` (plan-public: 完全不了解 yet Q5 answered and every Q6 item rated),")
    A("`shared_ip_different_answers` (near miss for duplicates), `identical_answers_different_ip`")
    A("(honest rows that happen to give the same answers from different IPs: the other near miss;")
    A("they occur on their own in the short staff questionnaire), `untrusted_text` (a cell starting")
    A("with `=` and one with an ANSI escape) and `embedded_newline` (a quoted multi-line comment).")
    A("")
    return "\n".join(L)


# --------------------------------------------------------------------------
# Read-back checks
# --------------------------------------------------------------------------


def canon(v: str) -> str:
    v = v.strip(" \u3000")
    return {"很满意": "非常满意", "比较满意": "满意"}.get(v, v)


def audit_against(path, table, g):
    """Recompute the validity rules from raw cells; return mismatches."""
    hdr, body = table[0], table[1:]
    probs = []
    q = list(range(6, len(hdr)))
    free = [i for i in q if "意见" in hdr[i]]
    norm = [[canon(r[i]) for i in q] for r in body]
    truth = {}
    for c in g["cases"]:
        truth.setdefault(c["kind"], set()).add(c["data_row"])
    # duplicates: same IP + identical answers as an earlier row with another 序号
    seen, dups, rep = {}, set(), set()
    for n, (r, a) in enumerate(zip(body, norm), 1):
        key = (r[5], tuple(a))
        if key in seen:
            (rep if body[seen[key] - 1][0] == r[0] else dups).add(n)
        else:
            seen[key] = n
    answers_only = {}
    for n, a in enumerate(norm, 1):
        if n not in dups and n not in rep and not all(x in ("", EMPTY) for x in a):
            answers_only.setdefault(tuple(a), []).append(n)
    clash = {n for v in answers_only.values() if len(v) > 1 for n in v}
    if clash != truth.get("identical_answers_different_ip", set()):
        probs.append(f"{path}: identical answers in unrelated rows {sorted(clash)}")
    if dups != truth.get("duplicate_resubmission", set()):
        probs.append(f"{path}: duplicates {sorted(dups)}")
    if rep != truth.get("repeated_serial", set()):
        probs.append(f"{path}: repeated serials {sorted(rep)}")
    blank = {n for n, a in enumerate(norm, 1) if all(x in ("", EMPTY) for x in a)}
    if blank != truth.get("blank_form", set()):
        probs.append(f"{path}: blanks {sorted(blank)}")
    blk = [hdr.index(h) - 6 for h in g["straightline_block"]]
    sl = {n for n, a in enumerate(norm, 1) if a[blk[0]] in SAT5 and all(a[i] == a[blk[0]] for i in blk)}
    want = truth.get("straightliner", set()) | truth.get("straightliner_natural", set()) | (
        {d for d in dups | rep if norm[d - 1] in [norm[o - 1] for o in sl]})
    if sl != want:
        probs.append(f"{path}: straight-liners {sorted(sl ^ want)}")
    ips = {}
    for n, r in enumerate(body, 1):
        if n not in dups and n not in rep:
            ips.setdefault(r[5], []).append(n)
    shared = {n for v in ips.values() if len(v) > 1 for n in v}
    if shared != truth.get("shared_ip_different_answers", set()):
        probs.append(f"{path}: shared IPs {sorted(shared)}")
    if "health" in path:
        late = {n for n, r in enumerate(body, 1) if not r[1].startswith("2023/12/") or
                not 7 <= int(r[1].split("/")[2].split(" ")[0]) <= 15}
        if late != truth.get("outside_fieldwork", set()):
            probs.append(f"{path}: outside fieldwork {sorted(late)}")
    if "public" in path:
        ai, q5 = hdr.index(PUBLIC_AWARE_HEADER) - 6, 4
        q6 = [i - 6 for i, h in enumerate(hdr) if h.startswith("6、")]
        inc = {n for n, a in enumerate(norm, 1)
               if a[ai] == "完全不了解" and a[q5] != SKIP and all(a[i] in SAT5 for i in q6)}
        if inc != truth.get("inconsistent_skip", set()):
            probs.append(f"{path}: inconsistent {sorted(inc)}")
        if any(body[n - 1][6 + ai] != norm[n - 1][ai] for n in range(1, len(body) + 1)):
            probs.append(f"{path}: label noise in the awareness column")
    return probs


def check(gt):
    problems = []
    ok = lambda cond, msg: None if cond else problems.append(msg)

    pub = gt["files"]["responses/plan-public.csv"]
    raw = (ROOT / "responses/plan-public.csv").read_bytes()
    ok(raw.startswith(b"\xef\xbb\xbf"), "public: no BOM")
    ok(b"\r\n" not in raw, "public: CRLF found")
    with open(ROOT / "responses/plan-public.csv", encoding="utf-8-sig", newline="") as f:
        data = list(csv.reader(f))
    hdr, body = data[0], data[1:]
    ok(hdr[:6] == META_COLUMNS, "public: metadata columns")
    extra = {c["data_row"] for c in pub["cases"] if not c["honest"]}
    ai = hdr.index(PUBLIC_AWARE_HEADER)
    cnt = {}
    for i, row in enumerate(body, 1):
        if i not in extra:
            cnt[row[ai]] = cnt.get(row[ai], 0) + 1
    ok([cnt.get(a, 0) for a in AWARE4] == PUBLIC_AWARE_COUNTS, f"public awareness {cnt}")
    ok(len(body) - len(extra) == 285, "public honest rows")
    ok(any(r[-1].startswith("=HYPERLINK") for r in body), "public formula cell")
    ok(any("\x1b[31m" in r[-1] for r in body), "public ANSI cell")
    serials = [int(r[0]) for r in body]
    ok(serials == list(range(1, len(body) + 1)), "public serials")

    hraw = (ROOT / "responses/health-check.csv").read_bytes()
    ok(not hraw.startswith(b"\xef\xbb\xbf"), "health: BOM")
    text = hraw.decode("gbk")
    ok(hraw.count(b"\r\n") >= 1207 and hraw.count(b"\n") == hraw.count(b"\r\n"), "health: not CRLF")
    try:
        hraw.decode("utf-8")
        problems.append("health: decodes as UTF-8 (should be GBK only)")
    except UnicodeDecodeError:
        pass
    hbody = list(csv.reader(io.StringIO(text, newline="")))[1:]
    hgt = gt["files"]["responses/health-check.csv"]
    ok(len(hbody) == hgt["data_rows"], "health: rows")
    ser = [int(r[0]) for r in hbody]
    ok(len(ser) - len(set(ser)) == 1, "health: exactly one repeated 序号")

    from openpyxl import load_workbook

    wb = load_workbook(ROOT / "responses/plan-staff.xlsx")
    ws = wb["Sheet1"]
    vals = list(ws.iter_rows(values_only=True))
    sgt = gt["files"]["responses/plan-staff.xlsx"]
    ok(len(vals) - 1 == sgt["data_rows"], "staff rows")
    ok(all(isinstance(v[0], int) for v in vals[1:]), "staff 序号 numeric")
    ndt = sum(isinstance(v[1], dt.datetime) for v in vals[1:])
    ok(ndt == len(sgt["xlsx_datetime_cells"]), f"staff datetime cells {ndt}")

    # speeder rules hold exactly on the written files
    for path, g in gt["files"].items():
        if path.endswith(".xlsx"):
            durs = [int(str(v[2]).rstrip("秒")) for v in vals[1:]]
        elif "public" in path:
            durs = [int(r[2].rstrip("秒")) for r in body]
        else:
            durs = [int(r[2].rstrip("秒")) for r in hbody]
        med = statistics.median(durs)
        fast = [i for i, d in enumerate(durs, 1) if d < med / 3]
        planted = sorted(c["data_row"] for c in g["cases"] if c["kind"] == "speeder")
        ok(fast == planted, f"{path}: speeders {fast} vs {planted}")

    # Every rule-based audit recomputed from the written cells matches the
    # planted ground truth exactly.
    tables = {
        "responses/plan-public.csv": [hdr] + body,
        "responses/health-check.csv": [data for data in csv.reader(io.StringIO(text, newline=""))],
        "responses/plan-staff.xlsx": [list(vals[0])] + [
            ["" if v is None else format_wjx_time(v) if isinstance(v, dt.datetime) else str(v) for v in row]
            for row in vals[1:]
        ],
    }
    for path, table in tables.items():
        problems += audit_against(path, table, gt["files"][path])

    wx = load_workbook(FIXTURES / "wjx_text.xlsx")["Sheet1"]
    xv = list(wx.iter_rows(values_only=True))
    with open(FIXTURES / "wjx_text_utf8.csv", encoding="utf-8", newline="") as f:
        u8 = list(csv.reader(f))
    with open(FIXTURES / "wjx_text_bom.csv", encoding="utf-8-sig", newline="") as f:
        bom = list(csv.reader(f))
    with open(FIXTURES / "wjx_text_gbk.csv", encoding="gbk", newline="") as f:
        gbk = list(csv.reader(f))
    ok(u8 == bom == gbk, "fixture containers differ")
    ok([[str(x) for x in r] for r in xv] == u8, "fixture xlsx differs")
    if problems:
        print("CHECK FAILED:\n  " + "\n  ".join(problems))
        return False
    print("checks passed")
    return True


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-check", action="store_true", help="skip read-back checks")
    args = ap.parse_args(argv)
    RESPONSES.mkdir(parents=True, exist_ok=True)
    FIXTURES.mkdir(parents=True, exist_ok=True)
    built = [build_public(), build_staff(), build_health()]
    fx = build_fixtures()
    gt = ground_truth(built, fx)
    (FIXTURES / "planted_examples.json").write_text(json.dumps(gt, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (FIXTURES / "README.md").write_text(readme(fx) + "\n", encoding="utf-8")
    for p in sorted(list(RESPONSES.iterdir()) + list(FIXTURES.iterdir())):
        print(f"wrote {p.relative_to(ROOT)} ({p.stat().st_size} bytes)")
    if not args.no_check and not check(gt):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
