#!/usr/bin/env python3
"""Reference values for comparing mean scores across groups and for Feldt's interval of
Cronbach's alpha (tests/means_reference.rs).

How to run (from the crate root; deterministic, no network):
    python3 tests/data/make_means_reference.py   # writes the CSVs below
    Rscript tests/data/make_means_reference.R    # then the R cross-checks (reads means_data.csv)

Produced with Python 3.11, numpy 2.4.6, scipy 1.17.1, statsmodels 0.15.0, pingouin 0.7.0
(`pip install pingouin`). Floats are written with repr(), which round-trips exactly to f64;
an undefined figure is written as an empty cell.

Writes:
  means_data.csv      dataset,group,value  the scores of each case, one row per answer
                      (a group listed in means_groups.csv with n = 0 has no rows: an empty group)
  means_groups.csv    per group: n, mean, sd (ddof 1), se = sd/sqrt(n), and the t interval
                      scipy.stats.t.interval(conf, n-1, mean, se) at 0.90/0.95/0.99
  means_tests.csv     welch_t (two groups; scipy ttest_ind(equal_var=False)), anova (scipy
                      f_oneway), welch_anova (statsmodels anova_oneway(use_var="unequal",
                      welch_correction=True)); statistic, df1, df2, p_value
  means_pairs.csv     games_howell: diff, se, df and p from pingouin.pairwise_gameshowell; the
                      interval diff -+ studentized_range.ppf(conf, k, df)/sqrt(2)*se (pingouin
                      gives no interval; this is the Games-Howell interval as rstatix and SPSS
                      print it), computed with scipy's studentized_range.
                      tukey_kramer: statsmodels pairwise_tukeyhsd (meandiff, p-adj, lower,
                      upper; statsmodels reports group2 - group1, so signs are flipped to a - b),
                      se = sqrt(MSE (1/n_a + 1/n_b)) by hand from the pooled MSE.
  tukey_reference.csv studentized range: cdf on a grid (scipy studentized_range.cdf) and the
                      quantile (studentized_range.ppf); R's ptukey is in tukey_r.csv
  reliability_feldt.csv Feldt's interval for alpha: 1 - (1 - alpha) * scipy.stats.f.ppf(...)
                      with df1 = n - 1, df2 = (n - 1)(k - 1) (psych::alpha.ci's formula), on the
                      alphas of tests/data/reliability_psych.csv and a grid of (alpha, n, k)
"""
import csv
import math
import os
import warnings

import numpy as np
import pandas as pd
import pingouin
from scipy import stats
from scipy.stats import studentized_range
from statsmodels.stats.multicomp import pairwise_tukeyhsd
from statsmodels.stats.oneway import anova_oneway

HERE = os.path.dirname(os.path.abspath(__file__))
CONFS = [0.90, 0.95, 0.99]
warnings.simplefilter("ignore")


def r(x):
    x = float(x)
    return "" if math.isnan(x) or math.isinf(x) else repr(x)


rng = np.random.default_rng(20240715)
LEVELS = np.array([100.0, 80.0, 60.0, 40.0, 20.0])


def scores(n, probs):
    return list(rng.choice(LEVELS, size=n, p=probs))


# Group names sort in declaration order (pingouin and statsmodels sort labels).
CASES = {
    "two_groups": {"g1": [100.0, 80.0, 80.0, 60.0, 100.0], "g2": [60.0, 40.0, 80.0, 60.0]},
    "three_unequal": {
        "g1": scores(12, [0.4, 0.3, 0.2, 0.05, 0.05]),
        "g2": scores(7, [0.1, 0.2, 0.4, 0.2, 0.1]),
        "g3": scores(20, [0.3, 0.4, 0.2, 0.1, 0.0]),
    },
    "five_townships": {
        "g1": scores(30, [0.35, 0.35, 0.2, 0.05, 0.05]),
        "g2": scores(45, [0.3, 0.4, 0.2, 0.05, 0.05]),
        "g3": scores(8, [0.1, 0.3, 0.3, 0.2, 0.1]),
        "g4": scores(60, [0.45, 0.35, 0.15, 0.05, 0.0]),
        "g5": scores(17, [0.2, 0.3, 0.3, 0.1, 0.1]),
    },
    "singleton": {
        "g1": scores(10, [0.3, 0.3, 0.2, 0.1, 0.1]),
        "g2": [40.0],
        "g3": scores(9, [0.5, 0.3, 0.1, 0.1, 0.0]),
    },
    "constant_group": {
        "g1": [80.0] * 6,
        "g2": scores(8, [0.2, 0.3, 0.3, 0.1, 0.1]),
        "g3": scores(7, [0.5, 0.3, 0.2, 0.0, 0.0]),
    },
    # g2 is declared but nobody in it answered.
    "empty_group": {
        "g1": scores(15, [0.3, 0.3, 0.2, 0.1, 0.1]),
        "g2": [],
        "g3": scores(11, [0.1, 0.2, 0.3, 0.2, 0.2]),
    },
    # Respondents' mean scores over a dimension's items: not on the 20-point lattice.
    "respondent_means": {
        "g1": [float(x) for x in np.round(rng.uniform(40, 100, 25), 0) / 3.0 * 3.0],
        "g2": [73.33333333333333, 86.66666666666667, 60.0, 93.33333333333333, 80.0, 66.66666666666667],
        "g3": [float(x) for x in rng.uniform(55, 100, 14)],
        "g4": [float(x) for x in rng.uniform(30, 90, 9)],
    },
    "large": {
        "g1": scores(300, [0.3, 0.35, 0.2, 0.1, 0.05]),
        "g2": scores(250, [0.25, 0.35, 0.25, 0.1, 0.05]),
        "g3": scores(400, [0.35, 0.35, 0.2, 0.05, 0.05]),
    },
    # Small groups with unequal spread: Games-Howell df near 2.
    "small_groups": {
        "g1": [100.0, 20.0],
        "g2": [80.0, 80.0, 60.0],
        "g3": scores(30, [0.3, 0.3, 0.2, 0.1, 0.1]),
    },
}

with open(os.path.join(HERE, "means_data.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["dataset", "group", "value"])
    for case, groups in CASES.items():
        for g, values in groups.items():
            for v in values:
                w.writerow([case, g, r(v)])

with open(os.path.join(HERE, "means_groups.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["dataset", "group", "conf", "n", "mean", "sd", "se", "ci_low", "ci_high"])
    for case, groups in CASES.items():
        for g, values in groups.items():
            y = np.array(values)
            n = len(y)
            for conf in CONFS:
                if n == 0:
                    w.writerow([case, g, conf, 0, "", "", "", "", ""])
                    continue
                mean = float(np.mean(y))
                sd = float(np.std(y, ddof=1)) if n > 1 else math.nan
                se = sd / math.sqrt(n) if n > 1 else math.nan
                if n > 1 and se > 0:
                    lo, hi = stats.t.interval(conf, n - 1, loc=mean, scale=se)
                elif n > 1:
                    lo = hi = mean
                else:
                    lo = hi = math.nan
                w.writerow([case, g, conf, n, r(mean), r(sd), r(se), r(lo), r(hi)])


def present(groups):
    return {g: np.array(v) for g, v in groups.items() if len(v) > 0}


with open(os.path.join(HERE, "means_tests.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["dataset", "test", "statistic", "df1", "df2", "p_value"])
    for case, groups in CASES.items():
        g = present(groups)
        arrays = list(g.values())
        if len(arrays) == 2:
            a, b = arrays
            t = stats.ttest_ind(a, b, equal_var=False)
            va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
            df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
            w.writerow([case, "welch_t", r(t.statistic), r(df), "", r(t.pvalue)])
        fo = stats.f_oneway(*arrays)
        k, n = len(arrays), sum(len(a) for a in arrays)
        undefined = not math.isfinite(fo.statistic)
        w.writerow([case, "anova", "" if undefined else r(fo.statistic), k - 1, n - k,
                    "" if undefined else r(fo.pvalue)])
        if all(len(a) > 1 and a.var(ddof=1) > 0 for a in arrays):
            wa = anova_oneway(arrays, use_var="unequal", welch_correction=True)
            w.writerow([case, "welch_anova", r(wa.statistic), r(wa.df[0]), r(wa.df[1]),
                        r(wa.pvalue)])
        else:
            w.writerow([case, "welch_anova", "", "", "", ""])

with open(os.path.join(HERE, "means_pairs.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["dataset", "method", "conf", "a", "b", "difference", "se", "df", "p_value",
                "ci_low", "ci_high"])
    for case, groups in CASES.items():
        g = present(groups)
        if len(g) < 2:
            continue
        names = list(g)
        k = len(names)
        long = pd.DataFrame([(name, v) for name in names for v in g[name]],
                            columns=["group", "value"])
        gh = pingouin.pairwise_gameshowell(data=long, dv="value", between="group")
        for conf in CONFS:
            for _, row in gh.iterrows():
                df, se, diff = float(row["df"]), float(row["se"]), float(row["diff"])
                if math.isfinite(df) and se > 0:
                    half = studentized_range.ppf(conf, k, df) / math.sqrt(2) * se
                    lo, hi = diff - half, diff + half
                else:
                    lo = hi = math.nan
                w.writerow([case, "games_howell", conf, row["A"], row["B"], r(diff), r(se),
                            r(df), r(row["pval"]), r(lo), r(hi)])
        n_total = sum(len(a) for a in g.values())
        sse = sum(((a - a.mean()) ** 2).sum() for a in g.values())
        if n_total - k < 1 or sse == 0:
            continue
        mse = sse / (n_total - k)
        for conf in CONFS:
            res = pairwise_tukeyhsd(long["value"], long["group"], alpha=1 - conf)
            table = res.summary().data[1:]
            for (g1, g2, *_rest), p_exact in zip(table, res.pvalues):
                i, j = names.index(g1), names.index(g2)
                se = math.sqrt(mse * (1 / len(g[g1]) + 1 / len(g[g2])))
                # statsmodels: meandiff = mean(g2) - mean(g1) and its interval; ours is
                # a - b with a = g1, so both are flipped.
                idx = [(x, y) for x in range(k) for y in range(x + 1, k)].index((i, j))
                assert abs(-res.meandiffs[idx] - (g[g1].mean() - g[g2].mean())) < 1e-9
                diff = float(-res.meandiffs[idx])
                lo2, hi2 = res.confint[idx]
                w.writerow([case, "tukey_kramer", conf, g1, g2, r(diff), r(se),
                            n_total - k, r(p_exact), r(-hi2), r(-lo2)])

# ---- the studentized range itself
with open(os.path.join(HERE, "tukey_reference.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["kind", "x", "k", "df", "value"])
    for k in [2, 3, 4, 5, 8, 10, 20]:
        for df in [2, 3, 5, 10, 20, 37.5, 100, 500, 1000, 6000, 30000]:
            for q in [0.5, 1.0, 2.0, 3.0, 3.5, 4.5, 6.0, 9.0]:
                w.writerow(["cdf", q, k, df, r(studentized_range.cdf(q, k, df))])
            for p in [0.5, 0.9, 0.95, 0.99]:
                w.writerow(["ppf", p, k, df, r(studentized_range.ppf(p, k, df))])

# ---- Feldt's interval for alpha
with open(os.path.join(HERE, "reliability_feldt.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["alpha", "n", "k", "conf", "ci_low", "ci_high"])
    cases = [(0.67129629629629606, 12, 2), (0.3878504672897195, 15, 3)]
    cases += [(a, n, k) for a in [-0.2, 0.5, 0.85, 0.97] for n in [2, 5, 30, 285, 1200]
              for k in [2, 3, 6, 18]]
    for alpha, n, k in cases:
        df1, df2 = n - 1, (n - 1) * (k - 1)
        for conf in CONFS:
            g = 1 - conf
            lo = 1 - (1 - alpha) * stats.f.ppf(1 - g / 2, df1, df2)
            hi = 1 - (1 - alpha) * stats.f.ppf(g / 2, df1, df2)
            w.writerow([r(alpha), n, k, conf, r(lo), r(hi)])
print("wrote means_data.csv means_groups.csv means_tests.csv means_pairs.csv "
      "tukey_reference.csv reliability_feldt.csv")
