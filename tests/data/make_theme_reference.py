#!/usr/bin/env python3
"""Reference figures for the themes of free-text answers (issue 12, "What people said").

For a few sets of answers — with how many respondents gave each — this script counts, on its own,
the respondents who said something (answers such as 无 or 没有意见 are not views) and, for each
theme, those whose answer holds any of its keywords (a substring test, as the definition
documents). The share's interval comes from statsmodels' proportion_confint for every interval
method and level wenjuan offers. Edge cases: a theme nobody touched (0 of n), one everybody did
(n of n), a single respondent (n = 1), and a question where nobody said anything (n = 0: no share).

Run: python3 tests/data/make_theme_reference.py  ->  tests/data/theme_shares.csv, with the inputs
it used in theme_answers.csv (case, answer, respondents) and theme_keywords.csv (theme, keywords
joined by |), which the Rust test feeds to wenjuan.
"""
import csv
import os

from statsmodels.stats.proportion import proportion_confint

HERE = os.path.dirname(os.path.abspath(__file__))
SM_METHOD = {
    "wilson": "wilson",
    "exact": "beta",
    "jeffreys": "jeffreys",
    "agresti-coull": "agresti_coull",
    "wald": "normal",
}
CONFS = [0.90, 0.95, 0.99]
# Answers that say there is nothing to say, as wenjuan's list has them (a subset is enough here).
NOTHING = {"无", "没有", "暂无", "没有意见", "无意见", "暂无建议", "无。"}

THEMES = {
    "交通": ["停车", "公交", "道路"],
    "公园": ["公园", "绿地"],
    "宣传": ["宣传", "公示"],
    "无人提及": ["地铁"],
}
# case -> (answer, respondents)
CASES = {
    "suggestions": [
        ("增加城区停车位", 12),
        ("多建公园和停车场", 7),
        ("公交线路再优化，增加班次", 9),
        ("加强规划宣传，让更多市民了解规划内容", 15),
        ("规划公示栏设在社区", 4),
        ("改善矿区道路交通", 3),
        ("无", 40),
        ("没有意见", 6),
        ("保护好历史文化资源", 11),
    ],
    "all_traffic": [("停车难", 5), ("公交太少", 3), ("无", 2)],
    "one": [("多建公园", 1)],
    "nobody": [("无", 3), ("暂无建议", 1)],
}


def main():
    rows = []
    for case, answers in CASES.items():
        said = [(a, c) for a, c in answers if a.strip().rstrip("。.！!") not in NOTHING]
        n = sum(c for _, c in said)
        for theme, keywords in THEMES.items():
            count = sum(c for a, c in said if any(k in a for k in keywords))
            for method, sm in SM_METHOD.items():
                for conf in CONFS:
                    if n == 0:
                        rows.append((case, theme, method, conf, count, n, "", "", ""))
                        continue
                    low, high = proportion_confint(count, n, alpha=1 - conf, method=sm)
                    # Jeffreys at the edges follows Brown, Cai & DasGupta (2001), as wenjuan
                    # does (see tests/stats_reference.rs): the bound at 0 of n is 0, at n of n 1.
                    if method == "jeffreys" and count == 0:
                        low = 0.0
                    if method == "jeffreys" and count == n:
                        high = 1.0
                    rows.append((case, theme, method, conf, count, n, count / n,
                                 repr(float(low)), repr(float(high))))
    with open(os.path.join(HERE, "theme_answers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "answer", "respondents"])
        for case, answers in CASES.items():
            w.writerows((case, a, c) for a, c in answers)
    with open(os.path.join(HERE, "theme_keywords.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["theme", "keywords"])
        w.writerows((t, "|".join(k)) for t, k in THEMES.items())
    with open(os.path.join(HERE, "theme_shares.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["case", "theme", "method", "conf", "count", "n", "estimate", "low", "high"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
