# R cross-checks for comparing mean scores across groups (tests/means_reference.rs).
#
# How to run (from the crate root, after tests/data/make_means_reference.py, whose
# means_data.csv and tukey_reference.csv this reads):
#     Rscript tests/data/make_means_reference.R
# Produced with R 4.2.2 (Debian r-base-core); base R only; deterministic.
# Writes:
#   means_r.csv  per case: t.test(var.equal = FALSE) for two groups, anova(lm(...)) (classic
#                one-way ANOVA) and oneway.test(var.equal = FALSE) (Welch), TukeyHSD(aov(...)) adjusted
#                p-values (as a - b rows; R's interval comes from qtukey, a 1e-4 search, so only
#                its p-values, from ptukey, are taken)
#   tukey_r.csv  ptukey(q, k, df) on the cdf grid of tukey_reference.csv
r17 <- function(x) ifelse(is.na(x) | !is.finite(x), "", sprintf("%.17g", x))
here <- local({
  args <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", args[grep("^--file=", args)])
  if (length(f) == 1) dirname(normalizePath(f)) else "tests/data"
})
message(R.version.string)
d <- read.csv(file.path(here, "means_data.csv"), stringsAsFactors = FALSE)
rows <- list()
add <- function(...) rows[[length(rows) + 1]] <<- data.frame(...)
for (case in unique(d$dataset)) {
  x <- d[d$dataset == case, ]
  x$group <- factor(x$group)
  k <- nlevels(x$group)
  if (k == 2) {
    t <- t.test(value ~ group, data = x, var.equal = FALSE)
    add(dataset = case, test = "welch_t", a = "", b = "", statistic = r17(t$statistic),
        df1 = r17(t$parameter), df2 = "", p_value = r17(t$p.value))
  }
  # oneway.test refuses a group of one answer ("not enough observations"): then anova() of
  # the linear model, which pools the variance as the classic ANOVA does.
  a <- anova(lm(value ~ group, data = x))
  add(dataset = case, test = "anova", a = "", b = "", statistic = r17(a[1, "F value"]),
      df1 = r17(a[1, "Df"]), df2 = r17(a[2, "Df"]), p_value = r17(a[1, "Pr(>F)"]))
  wv <- tapply(x$value, x$group, function(v) if (length(v) > 1) var(v) else NA)
  if (all(!is.na(wv) & wv > 0)) {
    o <- oneway.test(value ~ group, data = x, var.equal = FALSE)
    add(dataset = case, test = "welch_anova", a = "", b = "", statistic = r17(o$statistic),
        df1 = r17(o$parameter[1]), df2 = r17(o$parameter[2]), p_value = r17(o$p.value))
  }
  if (sum(tapply(x$value, x$group, function(v) sum((v - mean(v))^2))) > 0) {
    h <- TukeyHSD(aov(value ~ group, data = x))$group
    for (i in seq_len(nrow(h))) {
      pair <- strsplit(rownames(h)[i], "-")[[1]]  # "B-A": mean(B) - mean(A)
      add(dataset = case, test = "tukey_kramer", a = pair[2], b = pair[1],
          statistic = r17(-h[i, "diff"]), df1 = "", df2 = "", p_value = r17(h[i, "p adj"]))
    }
  }
}
write.csv(do.call(rbind, rows), file.path(here, "means_r.csv"), row.names = FALSE, quote = FALSE)

g <- read.csv(file.path(here, "tukey_reference.csv"))
g <- g[g$kind == "cdf", ]
out <- data.frame(q = g$x, k = g$k, df = g$df,
                  p = r17(mapply(function(q, k, df) ptukey(q, k, df), g$x, g$k, g$df)))
write.csv(out, file.path(here, "tukey_r.csv"), row.names = FALSE, quote = FALSE)
