#!/usr/bin/env python3
"""Reference values for wenjuan's statistics module (tests/stats_reference.rs).

How to run (from the crate root; deterministic, no network):
    python3 tests/data/make_reference.py     # writes tests/data/*.csv (Python references)
    Rscript tests/data/make_reference.R       # then the R cross-checks (reads its inputs)

Produced with Python 3.11.7, numpy 2.4.6, scipy 1.17.1, statsmodels 0.15.0
(R 4.2.2, survey 4.1.1, psych 2.2.9 for make_reference.R). Warns if versions differ.

Floats are written with repr(), which round-trips exactly to f64.
"""
import csv
import math
import os
import sys
import warnings

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint
from statsmodels.stats.weightstats import DescrStatsW

EXPECTED = {"numpy": "2.4.6", "scipy": "1.17.1", "statsmodels": "0.15.0"}
HERE = os.path.dirname(os.path.abspath(__file__))

# wenjuan CLI method name -> statsmodels proportion_confint method
SM_METHOD = {
    "wilson": "wilson",
    "exact": "beta",
    "jeffreys": "jeffreys",
    "agresti-coull": "agresti_coull",
    "wald": "normal",
}
CONFS = [0.80, 0.90, 0.95, 0.99]
NS = [1, 2, 5, 10, 30, 100, 285, 1000, 100000]


def check_versions():
    found = {"numpy": np.__version__, "scipy": scipy.__version__,
             "statsmodels": statsmodels.__version__}
    for name, want in EXPECTED.items():
        if found[name] != want:
            print(f"warning: {name} {found[name]} (references made with {want})",
                  file=sys.stderr)


def fmt(v):
    """Exact round-trip text for a float; empty for None."""
    if v is None:
        return ""
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return str(int(v))
    return repr(float(v))


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(v) if not isinstance(v, str) else v for v in r])
    print(f"wrote {name}: {len(rows)} rows")


def sm_ci(x, n, method, conf):
    low, high = proportion_confint(x, n, alpha=1 - conf, method=SM_METHOD[method])
    return float(low), float(high)


# ---------------------------------------------------------------- part 1: proportions
def proportion_grid():
    rows = []
    for n in NS:
        xs = sorted({x for x in (0, 1, int(n * 0.37), n - 1, n) if 0 <= x <= n})
        for x in xs:
            for conf in CONFS:
                for method in SM_METHOD:
                    rows.append((method, conf, x, n) + sm_ci(x, n, method, conf))
    # Fractional (effective) counts: statsmodels accepts them for these methods.
    for x, n in [(0.3, 1.7), (2.5, 7.3), (150.25, 400.5), (0.0, 7.3), (7.3, 7.3)]:
        for conf in CONFS:
            for method in SM_METHOD:
                rows.append((method, conf, x, n) + sm_ci(x, n, method, conf))
    write("proportion_ci.csv", ["method", "conf", "x", "n", "low", "high"], rows)


# (19990, 20000): a near-census whose effective size n* ~ 4e7 once hung statrs's Beta inverse.
FPC_CASES = [(196, 400), (285, 1300000), (10, 12), (50, 50), (2, 3), (19990, 20000)]


def proportion_fpc():
    """Interval at n* = n(N-1)/(N-n), x* = p n*, via statsmodels; census -> [p, p]."""
    rows = []
    for n, big_n in FPC_CASES:
        xs = sorted({x for x in (0, 1, int(n * 0.37), n - 1, n) if 0 <= x <= n})
        for x in xs:
            p = x / n
            for conf in CONFS:
                for method in SM_METHOD:
                    if n == big_n:
                        rows.append((method, conf, x, n, big_n, "", "", p, p, p))
                        continue
                    n_eff = n * (big_n - 1) / (big_n - n)
                    x_eff = p * n_eff
                    rows.append((method, conf, x, n, big_n, n_eff, x_eff, p)
                                + sm_ci(x_eff, n_eff, method, conf))
    write("proportion_fpc.csv",
          ["method", "conf", "x", "n", "N", "n_eff", "x_eff", "estimate", "low", "high"], rows)


# ---------------------------------------------------------------- part 1: means
def mean_vectors():
    rng = np.random.default_rng(20240601)
    levels = np.array([100, 80, 60, 40, 20], dtype=float)
    vectors = {
        "ten": [100, 80, 80, 60, 100, 40, 80, 60, 20, 100],
        "two": [100, 60],
        "one": [80],
        "constant": [80, 80, 80, 80, 80],
        "thirty": list(rng.choice(levels, size=30, p=[0.2, 0.3, 0.3, 0.1, 0.1])),
        "big": list(rng.choice(levels, size=285, p=[0.35, 0.3, 0.2, 0.1, 0.05])),
    }
    write("mean_vectors.csv", ["id", "values"],
          [(k, ";".join(str(int(v)) for v in vs)) for k, vs in vectors.items()])
    return {k: np.array(v, dtype=float) for k, v in vectors.items()}


MEAN_FPC = [("ten", 12), ("thirty", 400), ("thirty", 30), ("big", 1300), ("two", 3)]


def mean_ci(vectors):
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # n = 1 and constant give NaN/0 scale
        for name, v in vectors.items():
            n = len(v)
            for conf in CONFS:
                d = DescrStatsW(v)
                lo, hi = d.tconfint_mean(alpha=1 - conf)
                rows.append((name, conf, "", "statsmodels", n, float(np.mean(v)), lo, hi))
                if n > 1 and np.std(v) > 0:
                    lo, hi = stats.t.interval(conf, df=n - 1, loc=np.mean(v), scale=stats.sem(v))
                    rows.append((name, conf, "", "scipy", n, float(np.mean(v)), lo, hi))
    # Finite population correction: Var(mean) = (1 - n/N) s^2 / n, t with n - 1 df.
    for name, big_n in MEAN_FPC:
        v = vectors[name]
        n = len(v)
        for conf in CONFS:
            m = float(np.mean(v))
            if n == big_n:
                lo = hi = m
            else:
                se = math.sqrt((1 - n / big_n) * np.var(v, ddof=1) / n)
                half = stats.t.isf((1 - conf) / 2, n - 1) * se
                lo, hi = m - half, m + half
            rows.append((name, conf, big_n, "formula", n, m, lo, hi))
    write("mean_ci.csv", ["id", "conf", "N", "source", "n", "mean", "low", "high"], rows)


def critical_values():
    """Two-sided z and t critical values, including the large df where statrs's own t
    inverse is inaccurate (our t_quantile must not inherit that)."""
    rows = []
    for conf in CONFS + [0.5, 0.999999]:
        rows.append((conf, "", float(stats.norm.isf((1 - conf) / 2))))
        for df in [1, 2, 4, 9, 29, 99, 284, 999, 10**4, 10**5, 10**6, 10**7, 10**9]:
            rows.append((conf, df, float(stats.t.isf((1 - conf) / 2, df))))
    write("critical_values.csv", ["conf", "df", "value"], rows)


# ---------------------------------------------------------------- part 1: sample size
def sample_size():
    rows = []
    for conf in [0.90, 0.95, 0.99]:
        z = stats.norm.isf((1 - conf) / 2)
        for margin in [0.03, 0.05, 0.1]:
            for p in [0.5, 0.3, 0.1]:
                for big_n in [None, 400, 1300, 12, 100000]:
                    n0 = z * z * p * (1 - p) / margin ** 2
                    n = n0 if big_n is None else n0 / (1 + (n0 - 1) / big_n)
                    rows.append((conf, margin, p, big_n, n0, n, math.ceil(n)))
    write("sample_size.csv", ["conf", "margin", "p", "N", "n0", "n_raw", "n_required"], rows)

    rows = []
    for conf in [0.90, 0.95, 0.99]:
        z = stats.norm.isf((1 - conf) / 2)
        for p in [0.5, 0.2, 0.0]:
            for n, big_n in [(385, None), (196, 400), (285, 1300000), (10, 12), (50, 50),
                             (1, None), (1000, None)]:
                fpc = 1.0 if big_n is None else (0.0 if big_n == n else (big_n - n) / (big_n - 1))
                rows.append((conf, p, n, big_n, z * math.sqrt(p * (1 - p) / n * fpc)))
    write("margin.csv", ["conf", "p", "n", "N", "margin"], rows)


# ---------------------------------------------------------------- part 2: weights
STRATA_POP = [120000, 80000, 50000, 30000]  # population sizes per stratum (districts)
STRATA_N = [40, 60, 70, 30]                 # deliberately unbalanced sample


def weights():
    rng = np.random.default_rng(20240602)
    aware_p = [0.7, 0.5, 0.35, 0.2]
    score_levels = np.array([100, 80, 60, 40, 20])
    rows = []
    for h, n_h in enumerate(STRATA_N):
        probs = np.array([[0.4, 0.3, 0.15, 0.1, 0.05], [0.3, 0.3, 0.2, 0.1, 0.1],
                          [0.2, 0.3, 0.3, 0.1, 0.1], [0.1, 0.2, 0.3, 0.2, 0.2]][h])
        for _ in range(n_h):
            rows.append((h, int(rng.random() < aware_p[h]), int(rng.choice(score_levels, p=probs))))
    write("weights_sample.csv", ["stratum", "aware", "score"], rows)
    write("weights_population.csv", ["stratum", "N"], list(enumerate(STRATA_POP)))

    n = len(rows)
    big_n = sum(STRATA_POP)
    w_h = [(STRATA_POP[h] / big_n) / (STRATA_N[h] / n) for h in range(len(STRATA_N))]
    write("weights_strata.csv", ["stratum", "n", "N", "weight"],
          [(h, STRATA_N[h], STRATA_POP[h], w_h[h]) for h in range(len(STRATA_N))])

    w = np.array([w_h[h] for h, _, _ in rows])
    aware = np.array([a for _, a, _ in rows], dtype=float)
    score = np.array([s for _, _, s in rows], dtype=float)
    n_eff = w.sum() ** 2 / (w ** 2).sum()  # Kish
    out = []
    p = float((w * aware).sum() / w.sum())
    for conf in CONFS:
        for method in SM_METHOD:
            low, high = sm_ci(p * n_eff, n_eff, method, conf)
            out.append(("aware", method, conf, n_eff, p, low, high))
    m = float((w * score).sum() / w.sum())
    var = float((w * (score - m) ** 2).sum() / w.sum()) * n_eff / (n_eff - 1)
    for conf in CONFS:
        half = stats.t.isf((1 - conf) / 2, n_eff - 1) * math.sqrt(var / n_eff)
        out.append(("score", "t", conf, n_eff, m, m - half, m + half))
    write("weights_ref.csv", ["variable", "method", "conf", "n_eff", "estimate", "low", "high"], out)


# ---------------------------------------------------------------- part 2: comparisons
CHI_TABLES = {
    "two_by_two": [[30, 10], [20, 25]],
    "two_by_two_zero_row": [[12, 7], [0, 0], [5, 9]],
    "zero_column": [[10, 0, 5, 7], [4, 0, 9, 3]],
    "three_by_four": [[20, 15, 10, 5], [12, 18, 14, 9], [6, 10, 16, 21]],
    "small_counts": [[3, 1, 0], [2, 4, 1], [0, 1, 5], [1, 0, 2], [2, 2, 2]],
    "large": [[36000, 64000], [30000, 60000]],
    "strong": [[50, 0], [0, 50]],
}


def chi_square():
    from scipy.stats.contingency import association
    rows = []
    for name, table in CHI_TABLES.items():
        t = np.array(table)
        reduced = t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]
        res = stats.chi2_contingency(reduced, correction=False)
        v = association(reduced, method="cramer", correction=False)
        exp = res.expected_freq
        rows.append((name, ";".join(",".join(str(c) for c in r) for r in table),
                     float(res.statistic), int(res.dof), float(res.pvalue), float(v),
                     float(exp.min()), float((exp < 5).mean())))
    write("chi_square.csv", ["id", "table", "statistic", "df", "p_value", "cramers_v",
                             "min_expected", "share_expected_below_5"], rows)


NEWCOMBE = [(0, 10, 0, 10), (10, 10, 0, 10), (0, 10, 10, 10), (10, 10, 10, 10), (5, 10, 5, 10),
            (1, 1, 0, 1), (0, 1, 1, 2), (80, 196, 60, 120), (3, 7, 9, 11), (0, 285, 105, 285),
            (285, 285, 284, 285), (37000, 100000, 36000, 90000), (56, 70, 48, 80)]


def newcombe():
    rows = []
    for x1, n1, x2, n2 in NEWCOMBE:
        for conf in CONFS:
            low, high = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb",
                                                   compare="diff", alpha=1 - conf)
            rows.append((x1, n1, x2, n2, conf, x1 / n1 - x2 / n2, float(low), float(high)))
    write("newcombe.csv", ["x1", "n1", "x2", "n2", "conf", "diff", "low", "high"], rows)


# ---------------------------------------------------------------- part 2: reliability
def reliability():
    """Item matrices (NA = missing) and a direct numpy computation on complete rows."""
    rng = np.random.default_rng(20240603)

    def likert(latent, noise, reverse=False):
        raw = np.clip(np.rint(3 + latent + rng.normal(0, noise, latent.shape)), 1, 5)
        return 6 - raw if reverse else raw

    data = {}
    latent = rng.normal(0, 1, 60)
    a = np.column_stack([likert(latent, s) for s in (0.6, 0.8, 1.0, 1.2, 1.5)])
    for i, j in [(3, 1), (17, 4), (42, 0)]:
        a[i, j] = np.nan
    data["five_items"] = a
    latent = rng.normal(0, 1, 25)
    data["with_reversed"] = np.column_stack([likert(latent, 0.7), likert(latent, 0.9),
                                             likert(latent, 0.8, reverse=True),
                                             likert(latent, 1.0)])
    latent = rng.normal(0, 1, 15)
    data["with_constant"] = np.column_stack([likert(latent, 0.7), np.full(15, 4.0),
                                             likert(latent, 0.9), likert(latent, 1.1)])
    latent = rng.normal(0, 1, 12)
    data["two_items"] = np.column_stack([likert(latent, 0.5), likert(latent, 0.9)])
    rows = []
    for name, m in data.items():
        for r in m:
            rows.append((name, ";".join("NA" if np.isnan(v) else str(int(v)) for v in r)))
    write("reliability_data.csv", ["id", "values"], rows)

    def alpha(x):
        k = x.shape[1]
        c = np.cov(x, rowvar=False, ddof=1)
        return k / (k - 1) * (1 - np.trace(c) / c.sum())

    out = []
    for name, m in data.items():
        x = m[~np.isnan(m).any(axis=1)]
        used = [j for j in range(x.shape[1]) if np.ptp(x[:, j]) > 0]  # constant items excluded
        xu = x[:, used]
        out.append((name, "alpha", "", alpha(xu)))
        for pos, j in enumerate(used):
            rest = np.delete(xu, pos, axis=1)
            if len(used) >= 3:
                out.append((name, "alpha_drop", j, alpha(rest)))
            out.append((name, "r_drop", j, float(np.corrcoef(xu[:, pos], rest.sum(axis=1))[0, 1])))
    write("reliability_numpy.csv", ["id", "stat", "item", "value"], out)


def main():
    check_versions()
    proportion_grid()
    proportion_fpc()
    mean_ci(mean_vectors())
    critical_values()
    sample_size()
    weights()
    chi_square()
    newcombe()
    reliability()


if __name__ == "__main__":
    main()
