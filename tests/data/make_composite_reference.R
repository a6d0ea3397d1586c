# Reference values for wenjuan's composite figures (tests/composite_reference.rs).
#
# Writes a small 问卷星-style export, tests/fixtures/composite.csv (seeded: 80 respondents, a group
# question and a 4-item satisfaction matrix with some 不清楚), and tests/data/composite_reference.csv:
# for each indicator declared in tests/fixtures/composite.toml, the value and interval computed
# here with R's survey package:
#   - mean of items: svyratio() of each item's positive count over its answered count, with
#     covmat = TRUE, then svycontrast() averaging the k ratios (Taylor linearization);
#   - respondent mean: svymean() of each respondent's mean over the items they rated;
#   - weighted: the same on svydesign(weights = post-stratification weights to the group targets);
#   - shares: Wilson interval at the effective size C(1-C)/Var; scores: C ± qt(.975, n-1)·SE;
#   - weighted item shares: svyratio estimate, Wilson interval at Kish's effective size.
# Run from the repository root:  Rscript tests/data/make_composite_reference.R
# Made with R 4.2.2 and survey 4.1.1.
suppressMessages(library(survey))
set.seed(20261122)
n <- 80
levels <- c("非常满意", "满意", "一般", "不满意", "非常不满意", "不清楚")
score <- c(100, 80, 60, 40, 20, NA)
group <- sample(c("甲", "乙", "丙"), n, replace = TRUE, prob = c(.5, .3, .2))
lift <- c("甲" = 0, "乙" = 1, "丙" = 2)[group]
item <- function(base) {
  sapply(seq_len(n), function(r) {
    p <- base
    p[1:2] <- p[1:2] * (1 + 0.3 * lift[r])
    sample(levels, 1, prob = p / sum(p))
  })
}
items <- sapply(list(c(.30, .40, .15, .05, .03, .07), c(.20, .35, .25, .10, .05, .05),
                     c(.25, .30, .20, .10, .05, .10), c(.35, .35, .15, .05, .02, .08)), item)
# Every respondent rates at least one item.
items[apply(items == "不清楚", 1, all), 1] <- "满意"
export <- data.frame(seq_len(n), group, items, stringsAsFactors = FALSE)
names(export) <- c("序号", "1、您所在的组：", paste0("2、请评价以下方面—项目", c("一", "二", "三", "四")))
write.csv(export, "tests/fixtures/composite.csv", row.names = FALSE, fileEncoding = "UTF-8")

positive <- function(x) ifelse(x == "不清楚", NA, as.numeric(x %in% c("非常满意", "满意")))
scored <- function(x) score[match(x, levels)]
targets <- c("甲" = 5000, "乙" = 3000, "丙" = 2000)
share_n <- table(group)[names(targets)] / n
w <- as.numeric((targets / sum(targets))[group] / share_n[group])

wilson <- function(p, n_eff) {
  z <- qnorm(0.975)
  centre <- (p * n_eff + z^2 / 2) / (n_eff + z^2)
  half <- z / (n_eff + z^2) * sqrt(p * (1 - p) * n_eff + z^2 / 4)
  c(max(0, centre - half), min(1, centre + half))
}

composite <- function(values, weights, combine, figure) {
  k <- ncol(values)
  d <- data.frame(w = weights)
  for (i in 1:k) {
    d[[paste0("a", i)]] <- as.numeric(!is.na(values[, i]))
    d[[paste0("y", i)]] <- ifelse(is.na(values[, i]), 0, values[, i])
  }
  d$rmean <- rowMeans(values, na.rm = TRUE)
  des <- svydesign(ids = ~1, weights = ~w, data = d)
  if (combine == "mean_of_items") {
    num <- as.formula(paste("~", paste0("y", 1:k, collapse = "+")))
    den <- as.formula(paste("~", paste0("a", 1:k, collapse = "+")))
    r <- svyratio(num, den, des, covmat = TRUE)
    contrast <- setNames(rep(1 / k, k), paste0("y", 1:k, "/a", 1:k))
    est <- svycontrast(r, list(c = contrast))
  } else {
    est <- svymean(~rmean, des)
  }
  value <- as.numeric(coef(est))
  variance <- as.numeric(vcov(est))
  if (figure == "positive_share") {
    ci <- wilson(value, value * (1 - value) / variance)
  } else {
    half <- qt(0.975, n - 1) * sqrt(variance)
    ci <- c(value - half, value + half)
  }
  c(value, ci)
}

P <- sapply(1:4, function(i) positive(items[, i]))
S <- sapply(1:4, function(i) scored(items[, i]))
ones <- rep(1, n)
rows <- list(
  c("items_positive", composite(P, ones, "mean_of_items", "positive_share")),
  c("respondent_positive", composite(P, ones, "respondent_mean", "positive_share")),
  c("items_positive_weighted", composite(P, w, "mean_of_items", "positive_share")),
  c("respondent_positive_weighted", composite(P, w, "respondent_mean", "positive_share")),
  c("items_score", composite(S, ones, "mean_of_items", "mean_score")),
  c("respondent_score", composite(S, ones, "respondent_mean", "mean_score"))
)
# Weighted share of each item: the ratio estimate, Wilson at Kish's effective size.
for (i in 1:4) {
  answered <- !is.na(P[, i])
  wi <- w[answered]
  p <- sum(wi * P[answered, i]) / sum(wi)
  kish <- sum(wi)^2 / sum(wi^2)
  rows[[length(rows) + 1]] <- c(paste0("weighted_share_q2_", i), p, wilson(p, kish))
}
out <- do.call(rbind, lapply(rows, function(r) c(r[1], sprintf("%.17g", as.numeric(r[-1])))))
colnames(out) <- c("figure", "value", "ci_low", "ci_high")
write.csv(out, "tests/data/composite_reference.csv", row.names = FALSE, quote = FALSE)
