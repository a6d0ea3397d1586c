# R cross-checks for wenjuan's statistics module (tests/stats_reference.rs).
#
# How to run (from the crate root, after tests/data/make_reference.py, whose
# mean_vectors.csv, weights_sample.csv, weights_population.csv and
# reliability_data.csv this reads):
#     Rscript tests/data/make_reference.R
# Produced with R 4.2.2, survey 4.1.1 and psych 2.2.9 (Debian r-cran-survey,
# r-cran-psych); deterministic.
# Writes:
#   mean_fpc_r.csv       svymean() with an fpc in an SRS svydesign, confint(df = degf(design))
#   prop_beta_r.csv      svyciprop(method = "beta") (Korn-Graubard) with and without fpc,
#                        plus R's effective sample size, to check our effective-size construction
#   weights_r.csv        postStratify() then svymean(): post-stratified share and mean
#   reliability_psych.csv psych::alpha() raw_alpha, alpha.drop raw_alpha, item.stats r.drop
#                        on the complete rows of reliability_data.csv
suppressPackageStartupMessages({
  library(survey)
  library(psych)
})
message("survey ", packageVersion("survey"), ", psych ", packageVersion("psych"), ", ",
        R.version.string)
here <- local({
  args <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", args[grep("^--file=", args)])
  if (length(f) == 1) dirname(normalizePath(f)) else "tests/data"
})
r17 <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
confs <- c(0.80, 0.90, 0.95, 0.99)

# ---- means with finite population correction
vec <- read.csv(file.path(here, "mean_vectors.csv"), stringsAsFactors = FALSE)
values <- lapply(strsplit(vec$values, ";"), as.numeric)
names(values) <- vec$id
cases <- list(c("ten", 12), c("thirty", 400), c("big", 1300), c("two", 3),
              c("ten", NA), c("big", NA))
rows <- list()
for (case in cases) {
  y <- values[[case[1]]]
  N <- as.numeric(case[2])
  d <- data.frame(y = y, N = N)
  des <- if (is.na(N)) svydesign(ids = ~1, probs = ~1, data = d) else svydesign(ids = ~1, data = d, fpc = ~N)
  m <- svymean(~y, des)
  for (conf in confs) {
    ci <- confint(m, level = conf, df = degf(des))
    rows[[length(rows) + 1]] <- data.frame(id = case[1], conf = conf, N = r17(N),
      n = length(y), mean = r17(coef(m)[[1]]), se = r17(SE(m)[[1]]),
      low = r17(ci[1, 1]), high = r17(ci[1, 2]))
  }
}
write.csv(do.call(rbind, rows), file.path(here, "mean_fpc_r.csv"), row.names = FALSE, quote = FALSE)

# ---- Korn-Graubard beta interval, with and without fpc
rows <- list()
for (case in list(c(196, 400, 80), c(285, 1300000, 105), c(10, 12, 3), c(30, NA, 11),
                  c(100, NA, 37), c(285, 1300, 1))) {
  n <- case[1]; N <- case[2]; x <- case[3]
  d <- data.frame(y = c(rep(1, x), rep(0, n - x)), N = N)
  des <- if (is.na(N)) svydesign(ids = ~1, probs = ~1, data = d) else svydesign(ids = ~1, data = d, fpc = ~N)
  m <- svymean(~y, des)
  p <- coef(m)[[1]]
  n_eff <- p * (1 - p) / vcov(m)[1, 1]
  for (conf in confs) {
    ci <- attr(svyciprop(~y, des, method = "beta", level = conf), "ci")
    rows[[length(rows) + 1]] <- data.frame(x = x, n = n, N = r17(N), conf = conf,
      n_eff = r17(n_eff), low = r17(ci[[1]]), high = r17(ci[[2]]))
  }
}
write.csv(do.call(rbind, rows), file.path(here, "prop_beta_r.csv"), row.names = FALSE, quote = FALSE)

# ---- post-stratification
smp <- read.csv(file.path(here, "weights_sample.csv"))
pop <- read.csv(file.path(here, "weights_population.csv"))
names(pop) <- c("stratum", "Freq")
des <- postStratify(svydesign(ids = ~1, probs = ~1, data = smp), ~stratum, pop)
m <- svymean(~aware + score, des)
write.csv(data.frame(variable = names(coef(m)), estimate = r17(coef(m))),
          file.path(here, "weights_r.csv"), row.names = FALSE, quote = FALSE)

# ---- Cronbach's alpha (psych drops zero-variance items, as wenjuan does)
rel <- read.csv(file.path(here, "reliability_data.csv"), stringsAsFactors = FALSE)
rows <- list()
for (id in unique(rel$id)) {
  x <- do.call(rbind, lapply(strsplit(rel$values[rel$id == id], ";"),
                             function(v) suppressWarnings(as.numeric(v))))
  x <- x[complete.cases(x), , drop = FALSE]
  used <- which(apply(x, 2, function(col) length(unique(col)) > 1)) - 1
  a <- suppressWarnings(alpha(x, warnings = FALSE, check.keys = FALSE))
  rows[[length(rows) + 1]] <- data.frame(id = id, stat = "alpha", item = "",
                                         value = r17(a$total$raw_alpha))
  if (length(used) >= 3) {
    rows[[length(rows) + 1]] <- data.frame(id = id, stat = "alpha_drop", item = used,
                                           value = r17(a$alpha.drop$raw_alpha))
  }
  rows[[length(rows) + 1]] <- data.frame(id = id, stat = "r_drop", item = used,
                                         value = r17(a$item.stats$r.drop))
}
write.csv(do.call(rbind, rows), file.path(here, "reliability_psych.csv"), row.names = FALSE,
          quote = FALSE)
message("wrote mean_fpc_r.csv, prop_beta_r.csv, weights_r.csv, reliability_psych.csv")
