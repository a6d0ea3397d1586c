#!/usr/bin/env python3
"""Reference values for the net promoter score (tests/stats_reference.rs, `nps_matches_scipy`).

How to run (from the crate root; deterministic, no network):
    python3 tests/data/make_nps_reference.py     # writes tests/data/nps.csv

The NPS of n answers is the mean of x, where a promoter (9-10) scores +1, a passive (7-8) 0 and a
detractor (0-6) -1. Its standard error is therefore scipy.stats.sem(x, ddof=0): the square root of
the maximum-likelihood variance of x over n, which is the delta-method variance wenjuan documents,
(p(1-p) + d(1-d) + 2pd)/n. The interval is NPS +/- scipy.stats.norm.ppf(1 - alpha/2) * se, clipped
to [-1, 1]. wenjuan computes it from the formula; this script from the expanded answers, so the
two are independent. Produced with Python 3.11.7, numpy 2.4.6, scipy 1.17.1.
"""
import csv
import os

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))

# (promoters, passives, detractors): the fixture's two questions, edges (all one kind, n = 1,
# nobody in a group) and a large sample.
CASES = [
    (132, 89, 68),
    (104, 94, 75),
    (10, 0, 0),
    (0, 0, 10),
    (0, 10, 0),
    (1, 0, 0),
    (0, 0, 1),
    (5, 0, 5),
    (3, 4, 3),
    (40123, 35210, 24667),
]
CONFS = [0.90, 0.95, 0.99]


def main():
    out = os.path.join(HERE, "nps.csv")
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["promoters", "passives", "detractors", "conf", "nps", "ci_low", "ci_high"])
        for p, m, d in CASES:
            x = np.concatenate([np.ones(p), np.zeros(m), -np.ones(d)])
            n = len(x)
            nps = float(np.mean(x))
            se = float(stats.sem(x, ddof=0)) if n > 1 else 0.0
            for conf in CONFS:
                z = float(stats.norm.ppf(1 - (1 - conf) / 2))
                low = max(-1.0, nps - z * se)
                high = min(1.0, nps + z * se)
                w.writerow([p, m, d, repr(conf), repr(nps), repr(low), repr(high)])
    print("wrote", out)


if __name__ == "__main__":
    main()
