# Reference values for raking, design effects and the Rao–Scott test (tests/rake_reference.rs).
#
# Writes a 问卷星-style export, tests/fixtures/rake.csv (seeded: 600 respondents of five
# townships and four age bands, sampled with a skew — the town seat and older people answer
# more — a satisfaction question with a few 不清楚, and an awareness question, both depending on
# township and age), and:
#   tests/data/rake_weights.csv    per respondent (序号): the raking weights, scaled to average 1
#                                  over the respondents (R's sum to the population, N):
#     rake      rake(design, list(~town, ~age), margins, control = list(maxit = 1000,
#               epsilon = 1e-13)) — iterative proportional fitting to convergence;
#     bounded   calibrate(design, list(~town, ~age), margins, calfun = <bounded raking>,
#               bounds = c(0.45, 3.5)) — bounded raking (Deville & Särndal 1992), bounds on the
#               ratio to the equal starting weight N/n, i.e. to the mean weight (see below for
#               why not calfun = "raking");
#     maxit2    rake(…, control = list(maxit = 2, epsilon = 1e-13)): stopped after two sweeps,
#               not converged (R warns).
#   tests/data/rake_reference.csv  case,figure,question,group,level,value: on
#     svydesign(ids = ~1, weights = ~w, data) with w the weights above (the weights taken as the
#     design; see src/stats/design.rs):
#     share / positive_share / mean_score   svymean() on subset(design, answered): the
#                                           respondents who answered (不清楚 is not an answer)
#                                           as a domain of the design, as na.rm = TRUE does;
#     *_deff                                svymean(…, deff = "replace"): design-based variance
#                                           over the with-replacement SRS variance of the same n;
#     rao_scott_{f,ndf,ddf,p,pearson}       svychisq(~q + by, statistic = "F") on the
#                                           respondents who answered both;
#     group = 龙港镇                        the same on subset(design, town == "龙港镇"), a
#                                           domain of the whole design.
# Run from the repository root:  Rscript tests/data/make_rake_reference.R
# Made with R 4.2.2 and survey 4.1.1 (Debian r-base-core, r-cran-survey).
suppressMessages(library(survey))
set.seed(20260517)
n <- 600
towns <- c("龙港镇", "中村镇", "郑庄镇", "端氏镇", "嘉峰镇")
ages <- c("18~30岁", "31~45岁", "46~60岁", "60岁以上")
town_pop <- c(62000, 30000, 24000, 26000, 35000)
age_pop <- c(49560, 53100, 44250, 30090)  # same total, 177 000
sat_levels <- c("非常满意", "满意", "一般", "不满意", "非常不满意")
know_levels <- c("非常了解", "了解一些", "不太了解", "完全不了解")

town <- sample(towns, n, replace = TRUE, prob = c(.40, .25, .15, .12, .08))
age <- sample(ages, n, replace = TRUE, prob = c(.10, .25, .35, .30))
ti <- match(town, towns)
ai <- match(age, ages)
sat <- sapply(seq_len(n), function(r) {
  lift <- c(0.6, 0.2, 0, -0.3, -0.5)[ti[r]] + c(-0.4, -0.1, 0.2, 0.5)[ai[r]]
  p <- exp(lift * c(2, 1, 0, -1, -2)) * c(.30, .35, .20, .10, .05)
  if (runif(1) < 0.05) "不清楚" else sample(sat_levels, 1, prob = p / sum(p))
})
know <- sapply(seq_len(n), function(r) {
  lift <- c(0.5, 0, 0, -0.2, -0.4)[ti[r]] + c(0.5, 0.3, 0, -0.6)[ai[r]]
  p <- exp(lift * c(1.5, 0.5, -0.5, -1.5)) * c(.20, .45, .25, .10)
  sample(know_levels, 1, prob = p / sum(p))
})
# Submission times a minute apart and usage times of 2 to 6 minutes: nothing for the validity
# rules to catch.
stamp <- format(as.POSIXct("2025-06-02 08:00:00", tz = "UTC") + 60 * seq_len(n),
                "%Y/%m/%d %H:%M:%S")
export <- data.frame(seq_len(n), stamp, paste0(sample(120:360, n, replace = TRUE), "秒"),
                     paste0("10.", (seq_len(n) %/% 250) + 1, ".", seq_len(n) %% 250, ".7"),
                     town, age, sat, know, stringsAsFactors = FALSE)
names(export) <- c("序号", "提交答卷时间", "所用时间", "来自IP", "1、您所在的乡镇：",
                   "2、您的年龄：", "3、您对本镇规划实施的总体满意程度：",
                   "4、您对本镇国土空间规划的了解程度：")
write.csv(export, "tests/fixtures/rake.csv", row.names = FALSE, fileEncoding = "UTF-8")

d <- data.frame(id = seq_len(n), town = factor(town, towns), age = factor(age, ages),
                sat = factor(ifelse(sat == "不清楚", NA, sat), sat_levels),
                know = factor(know, know_levels))
d$score <- c(100, 80, 60, 40, 20)[as.integer(d$sat)]
d$sat_pos <- as.numeric(as.integer(d$sat) <= 2)
d$know_pos <- as.numeric(as.integer(d$know) <= 2)
N <- sum(town_pop)
d$w0 <- N / n
des0 <- svydesign(ids = ~1, weights = ~w0, data = d)
margins <- list(data.frame(town = factor(towns, towns), Freq = town_pop),
                data.frame(age = factor(ages, ages), Freq = age_pop))

rk <- rake(des0, list(~town, ~age), margins, control = list(maxit = 1000, epsilon = 1e-13))
# survey's own cal.raking with bounds fails to converge here, bounds binding or not: its
# derivative tests u = log g against bound − 1 instead of g against the bound. The same Newton
# iteration (grake) with the derivative of clip(exp(u), L, U) converges:
bounded_raking <- make.calfun(
  Fm1 = function(u, bounds) pmin(pmax(exp(u), bounds$lower), bounds$upper) - 1,
  dF = function(u, bounds) ifelse(exp(u) < bounds$upper & exp(u) > bounds$lower, exp(u), 0),
  name = "bounded raking")
cal <- calibrate(des0, list(~town, ~age), margins, calfun = bounded_raking,
                 bounds = c(0.45, 3.5), maxit = 500, epsilon = 1e-12)
rk2 <- withCallingHandlers(
  rake(des0, list(~town, ~age), margins, control = list(maxit = 2, epsilon = 1e-13)),
  warning = function(w) {
    message("expected: ", conditionMessage(w))
    invokeRestart("muffleWarning")
  })
w_rake <- weights(rk) * n / N
w_bounded <- weights(cal) * n / N
w_maxit2 <- weights(rk2) * n / N
stopifnot(abs(mean(w_rake) - 1) < 1e-12, abs(mean(w_bounded) - 1) < 1e-12)
stopifnot(min(w_bounded) >= 0.45 - 1e-12, max(w_bounded) <= 3.5 + 1e-12)
message("unbounded weights range ", paste(signif(range(w_rake), 6), collapse = " – "),
        "; bounded: ", sum(abs(w_bounded - 0.45) < 1e-9 | abs(w_bounded - 3.5) < 1e-9),
        " respondents at a bound")
r17 <- function(x) sprintf("%.17g", x)
write.csv(data.frame(id = d$id, town = town, age = age, rake = r17(w_rake),
                     bounded = r17(w_bounded), maxit2 = r17(w_maxit2)),
          "tests/data/rake_weights.csv", row.names = FALSE, quote = FALSE, fileEncoding = "UTF-8")

rows <- list()
add <- function(case, figure, question, group, level, value) {
  rows[[length(rows) + 1]] <<- data.frame(case = case, figure = figure, question = question,
                                          group = group, level = level, value = r17(value))
}
figures <- function(case, data, group) {
  des <- svydesign(ids = ~1, weights = ~w, data = data)
  # A group is a domain of the whole design (subset() keeps its other rows at weight 0).
  if (group != "") des <- subset(des, town == group)
  for (q in c("sat", "know")) {
    answered <- subset(des, !is.na(des$variables[[q]]))
    levs <- levels(data[[q]])
    m <- svymean(as.formula(paste0("~", q)), answered, deff = "replace")
    for (i in seq_along(levs)) {
      add(case, "share", q, group, levs[i], coef(m)[[i]])
      add(case, "share_deff", q, group, levs[i], deff(m)[[i]])
    }
    pos <- svymean(as.formula(paste0("~", q, "_pos")), answered, deff = "replace")
    add(case, "positive_share", q, group, "", coef(pos)[[1]])
    add(case, "positive_share_deff", q, group, "", deff(pos)[[1]])
  }
  sc <- svymean(~score, subset(des, !is.na(des$variables$sat)), deff = "replace")
  add(case, "mean_score", "sat", group, "", coef(sc)[[1]])
  add(case, "mean_score_deff", "sat", group, "", deff(sc)[[1]])
}
rao_scott <- function(case, data, q, by) {
  complete <- data[!is.na(data[[q]]) & !is.na(data[[by]]), ]
  des <- svydesign(ids = ~1, weights = ~w, data = complete)
  t <- svychisq(as.formula(paste0("~", q, "+", by)), des, statistic = "F")
  plain <- chisq.test(svytable(as.formula(paste0("~", q, "+", by)), des, Ntotal = nrow(complete)),
                      correct = FALSE)
  add(case, "rao_scott_f", q, by, "", t$statistic[[1]])
  add(case, "rao_scott_ndf", q, by, "", t$parameter[["ndf"]])
  add(case, "rao_scott_ddf", q, by, "", t$parameter[["ddf"]])
  add(case, "rao_scott_p", q, by, "", t$p.value[[1]])
  add(case, "rao_scott_pearson", q, by, "", plain$statistic[[1]])
}
for (case in c("rake", "bounded")) {
  data <- d
  data$w <- if (case == "rake") w_rake else w_bounded
  figures(case, data, "")
  figures(case, data, "龙港镇")
  for (q in c("sat", "know")) {
    rao_scott(case, data, q, "town")
    rao_scott(case, data, q, "age")
  }
}
write.csv(do.call(rbind, rows), "tests/data/rake_reference.csv", row.names = FALSE,
          quote = FALSE, fileEncoding = "UTF-8")
message("survey ", packageVersion("survey"), ", ", R.version.string)
