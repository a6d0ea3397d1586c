#!/usr/bin/env python3
"""Write a large SYNTHETIC 问卷星 按文本 export for benchmarking wenjuan.

ALL DATA IS SYNTHETIC (made up; the questionnaire is modelled on the public
城市体检 social satisfaction surveys, extended to five items per dimension).

Usage (from the repository root):

    python3 bench/make_export.py --rows 1000000 --out /tmp/bench-1m.csv
    python3 bench/make_export.py --rows 3000000 --resubmit 0.667 --out /tmp/bench-3m-resub.csv

Writes one UTF-8 CSV (no BOM, LF line endings, comma separated, minimal
quoting, as 问卷星's 按文本 CSV download) with 43 columns — the six 问卷星
metadata columns (序号, 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP) and 37
questions:

- three demographic single-choice questions;
- six 5-item satisfaction matrices (30 columns) whose rows carry 不清楚, a
  scattered (空) where a non-required item was left empty, and now and then a
  label no level has (基本满意, as hand-merged exports from a second form
  carry) or a variant (比较满意, 很满意);
- an overall satisfaction question;
- a yes/no awareness question where many answered 不清楚 (about 45%);
- a multiple-choice question joined with ┋, whose 其他〖…〗 fill-ins hold
  commas and so are quoted;
- a free-text question: about a third answered, the common 无 / 没有 / 暂无
  and otherwise text composed per respondent (so nearly every answer is
  distinct, as in real downloads), some over several lines (embedded LF inside
  a quoted cell) and with ASCII commas and doubled quotes;
- resubmissions: with probability --resubmit (default 0.05) a row repeats the
  answers of a recent row from the same IP with a later time, as a respondent
  who submits twice; --resubmit 0.667 gives 2M resubmissions in 3M rows.

The shapes follow scripts/make_examples.py, whose vocabulary (metadata
columns, 问卷星 time and duration formats, ┋ and 〖〗, (空) and (跳过)) was
taken from real 问卷星 按文本 downloads; the help pages of 问卷星-like tools
(e.g. the v739210895/help_center export pages) describe the same CSV shapes.

Each row's counts are not needed here: this file only measures speed and
memory.  Output is deterministic for a given --seed, --rows and --resubmit.
Prints rows/s and size.

To keep it fast, most label cells are not drawn per cell: pools of
pre-quoted CSV fragments (demographics, matrix answers per township from the
latent rating model of scripts/make_examples.py, the awareness and multiple
choice answers) are built once, and each row only draws a few random bits to
pick fragments, compose its free text and format its metadata.  Rows are
written in large chunks.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import random
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from make_examples import (  # noqa: E402  (shared pieces)
    DIMENSIONS,
    EMPTY,
    HEALTH_ITEMS,
    HEALTH_OTHER_TEXTS,
    HEALTH_SUGGESTIONS,
    HEALTH_TOWN_SHIFT,
    IP_PREFIXES,
    META_COLUMNS,
    OTHER,
    SAT5,
    SEEDS,
    SOURCE_WEIGHTS,
    SOURCES,
    TOWNSHIPS,
    UNSURE,
    OrdinalScale,
    format_duration,
    latent,
    multi_cell,
    pick_multi,
    probs_from_positive,
    weighted,
)

POOL_BITS = 12  # 4096 fragments per pool
POOL = 1 << POOL_BITS
CHUNK = 50_000
TOWN_WEIGHTS = [0.35, 0.22, 0.17, 0.15, 0.11]
# items 4-5 of each dimension (not in health-check): positive share, top share, 不清楚
EXTRA_ITEMS = {
    "交通安全": (0.84, 0.38, 0.01), "食品安全": (0.80, 0.34, 0.03),
    "养老服务": (0.72, 0.30, 0.08), "托育服务": (0.70, 0.28, 0.12),
    "噪声控制": (0.82, 0.36, 0.01), "环境卫生": (0.85, 0.40, 0.01),
    "城市风貌": (0.86, 0.42, 0.02), "社区文化活动": (0.78, 0.33, 0.05),
    "步行环境": (0.78, 0.33, 0.01), "慢行系统": (0.70, 0.28, 0.06),
    "人才政策": (0.66, 0.25, 0.18), "数字化服务": (0.76, 0.30, 0.08),
}


AWARE_YN = ["是", "否", UNSURE]
AWARE_YN_WEIGHTS = [0.38, 0.17, 0.45]
BLANK_CELL = 0.006  # a matrix cell left empty: (空)
ODD_CELL = 0.004  # a matrix cell with a hand-merged label: 基本满意 (no level) or a variant
ODD_LABELS = ["基本满意", "基本满意", "比较满意", "很满意"]
TEXT_SHARE = 0.33  # respondents who wrote something in the free-text question
NOTHING = ["无", "没有", "暂无", "无意见", "很好"]
OTHER_TEXTS = ["垃圾分类, 冬季供暖", "物业管理", "菜市场环境, 停车", "供水, 供气"]
PLACES = ["小区", "路口", "学校门口", "医院附近", "菜市场", "公园", "村口", "汽车站"]


def header():
    cols = list(META_COLUMNS) + ["1、您居住的乡镇：", "2、您的年龄：", "3、您在本地居住的时间："]
    for qi, (dim, items) in enumerate(DIMENSIONS, start=4):
        cols += [f"{qi}、您对{dim}方面的满意程度—{it}" for it in items]
    cols += [
        "10、您对县城整体人居环境的总体满意度：",
        "11、您是否知道本县正在开展城市体检工作？",
        "12、您认为最需要改进的方面（可多选）",
        "13、您对城市建设还有哪些意见建议？",
    ]
    return cols


def csv_fragment(cells):
    """',a,b,c' with csv QUOTE_MINIMAL quoting, no line terminator."""
    buf = io.StringIO()
    # The terminator must be "\n" so that cells holding a line break get quoted; it is cut off.
    csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerow(cells)
    return "," + buf.getvalue()[:-1]


def build_pools(rng):
    items = {**HEALTH_ITEMS, **EXTRA_ITEMS}
    scales = {it: OrdinalScale(SAT5, probs_from_positive(p, t)) for it, (p, t, _) in items.items()}
    overall = OrdinalScale(SAT5, probs_from_positive(0.86, 0.42))
    ages = ["18~30岁", "31~45岁", "46~60岁", "60岁以上"]
    stay = ["1年以下", "1~5年", "5~10年", "10年以上"]
    demo = [[] for _ in TOWNSHIPS]  # per township: demographic fragments
    for ti, town in enumerate(TOWNSHIPS):
        for _ in range(POOL):
            demo[ti].append(csv_fragment([town, weighted(rng, ages, [0.2, 0.32, 0.28, 0.2]),
                                          weighted(rng, stay, [0.06, 0.14, 0.18, 0.62])]))
    mats = [[] for _ in TOWNSHIPS]
    for ti, town in enumerate(TOWNSHIPS):
        for _ in range(POOL):
            g = rng.gauss(0, 1)
            cells = []
            for dim, its in DIMENSIONS:
                d = rng.gauss(0, 1)
                sh = HEALTH_TOWN_SHIFT[town].get(dim, 0.0)
                for it in its:
                    u = rng.random()
                    if u < items[it][2]:
                        cells.append(UNSURE)
                    elif u < items[it][2] + BLANK_CELL:
                        cells.append(EMPTY)
                    elif u < items[it][2] + BLANK_CELL + ODD_CELL:
                        cells.append(rng.choice(ODD_LABELS))
                    else:
                        cells.append(scales[it].label(latent(rng, (0.6, g), (0.5, d)) + sh))
            cells.append(overall.label(latent(rng, (0.82, g))))
            mats[ti].append(csv_fragment(cells))
    opts = [d for d, _ in DIMENSIONS] + [OTHER]
    tails = []  # the awareness and multiple-choice answers; the free text is composed per row
    for _ in range(POOL):
        k = weighted(rng, [1, 2, 3], [0.4, 0.38, 0.22])
        multi = multi_cell(opts, pick_multi(rng, 7, [0.8, 1.0, 0.5, 0.8, 1.6, 1.5, 0.06], k), rng.choice(OTHER_TEXTS))
        tails.append(csv_fragment([weighted(rng, AWARE_YN, AWARE_YN_WEIGHTS), multi]))
    return demo, mats, tails


def free_text(rng, serial):
    """The free-text cell (already CSV-quoted when it must be), with its leading comma."""
    if rng.random() >= TEXT_SHARE:
        return "," + EMPTY
    if rng.random() < 0.35:
        return "," + rng.choice(NOTHING)
    first = rng.choice(HEALTH_SUGGESTIONS)
    place = f"{rng.choice(TOWNSHIPS)}{rng.choice(PLACES)}（{serial % 9973}号）"
    u = rng.random()
    if u < 0.25:  # several lines, as typed on a phone
        text = f"{first}\n{place}一带尤其明显\n{rng.choice(HEALTH_SUGGESTIONS)}"
    elif u < 0.6:
        text = f"{first}, {place}"
    else:
        text = f"{place}：{first}"
    return csv_fragment([text])


def main(argv=None):
    ap = argparse.ArgumentParser(description="Write a large SYNTHETIC 问卷星 text export (UTF-8, no BOM).")
    ap.add_argument("--rows", type=int, default=1_000_000, help="data rows (default 1,000,000)")
    ap.add_argument("--out", default="/tmp/bench-1m.csv", help="output path (default /tmp/bench-1m.csv)")
    ap.add_argument("--seed", type=int, default=SEEDS["bench"], help="random seed")
    ap.add_argument("--resubmit", type=float, default=0.05,
                    help="share of rows that resubmit a recent row's answers from its IP (default 0.05)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    rng = random.Random(args.seed)
    demo, mats, tails = build_pools(rng)

    # Metadata lookup tables.
    first = dt.date(2024, 7, 1)
    n_days = 2 + (8 * 3600 + 7 * args.rows) // 86400
    day_prefix = [f"{x.year}/{x.month}/{x.day} " for x in (first + dt.timedelta(days=d) for d in range(n_days))]
    octet = [str(1 + i % 254) for i in range(256)]
    tod = [f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86400)]
    durations = [format_duration(max(20, int(round(215 * math.exp(rng.gauss(0, 0.4)))))) for _ in range(256)]
    srcs = [",".join(weighted(rng, SOURCES, SOURCE_WEIGHTS)) for _ in range(16)]
    prefixes = IP_PREFIXES["山西"]
    locs = ["(山西-晋城)"] * 13 + ["(山西-太原)", "(山西-长治)", "(山西-临汾)"]
    ip_heads = [f"{prefixes[i % len(prefixes)]}." for i in range(16)]
    cum = [sum(TOWN_WEIGHTS[: i + 1]) for i in range(len(TOWN_WEIGHTS))]
    town_table = [next(i for i, c in enumerate(cum) if (k + 0.5) / 256 <= c) for k in range(256)]
    t_build = time.perf_counter() - t0

    secs = 8 * 3600  # start 2024/7/1 8:00:00
    mask = POOL - 1
    written = resubmitted = 0
    getbits = rng.getrandbits
    resubmit_below = int(args.resubmit * (1 << 16))
    recent = [None] * 256  # (ip, answers) of recent rows, for resubmissions
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(header()) + "\n")
        serial = 0
        while serial < args.rows:
            n = min(CHUNK, args.rows - serial)
            parts = []
            ap_ = parts.append
            for _ in range(n):
                serial += 1
                b = getbits(64)
                secs += b & 7  # 0-7 s between submissions
                d, s = divmod(secs, 86400)
                slot = (b >> 55) & 255
                again = recent[slot] if getbits(16) < resubmit_below else None
                if again is not None:
                    ip, answers = again
                    resubmitted += 1
                else:
                    town = town_table[(b >> 3) & 255]
                    ip = f"{ip_heads[(b >> 23) & 15]}{octet[(b >> 27) & 255]}.{octet[(b >> 35) & 255]}{locs[(b >> 43) & 15]}"
                    answers = (f"{demo[town][(b >> 47) & mask]}{mats[town][getbits(POOL_BITS)]}"
                               f"{tails[getbits(POOL_BITS)]}{free_text(rng, serial)}")
                    recent[slot] = (ip, answers)
                ap_(f"{serial},{day_prefix[d]}{tod[s]},{durations[(b >> 11) & 255]},{srcs[(b >> 19) & 15]},{ip}{answers}\n")
            f.write("".join(parts))
            written += n
    elapsed = time.perf_counter() - t0
    size = Path(args.out).stat().st_size
    print(
        f"wrote {args.out}: {written:,} rows ({resubmitted:,} resubmissions), {size:,} bytes "
        f"({size / max(written, 1):.0f} B/row), {elapsed:.1f} s total ({t_build:.1f} s building pools), "
        f"{written / elapsed:,.0f} rows/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
