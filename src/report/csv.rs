//! The tidy CSV of figures: the scripting contract. One row per figure, header exactly
//! `population,group,question,text,statistic,level,count,n,estimate,ci_low,ci_high`.
//!
//! Each population opens with its response accounting (`statistic` = `responses`, `level` =
//! `received`, `valid`, `excluded:<rule>`), then every question's `share`, `positive_share`,
//! `mean_score` (with `mean_sd` and `mean_se`) and `not_counted` rows (plus `effective_n` and the
//! design effects `share_deff`, `positive_share_deff`, `mean_score_deff` when weighted), then each
//! dimension's composite figures (`question` = `dimension:<name>`) and reliability
//! (`cronbach_alpha` with Feldt's interval,
//! `alpha_if_deleted`, `item_rest_correlation`), then, with `--by`, the same question rows per group
//! with `group` filled. Text from the export has control characters made visible and formulas
//! neutralised.

use super::{machine_number, neutralize_formula};
use crate::figures::summary::{PopulationSummary, QuestionSummary, Summary};
use crate::stats::Estimate;
use crate::text::visible;

pub const HEADER: [&str; 11] = [
    "population",
    "group",
    "question",
    "text",
    "statistic",
    "level",
    "count",
    "n",
    "estimate",
    "ci_low",
    "ci_high",
];

/// One output row, before formatting.
#[derive(Default)]
struct Row {
    population: String,
    group: String,
    question: String,
    text: String,
    statistic: &'static str,
    level: String,
    count: Option<u64>,
    n: Option<u64>,
    estimate: Option<Estimate>,
}

struct Out(::csv::Writer<Vec<u8>>);

impl Out {
    fn push(&mut self, row: Row) {
        let number = |x: Option<f64>| x.map(machine_number).unwrap_or_default();
        let text = |s: &str| neutralize_formula(&visible(s)).into_owned();
        let record = [
            text(&row.population),
            text(&row.group),
            text(&row.question),
            text(&row.text),
            row.statistic.to_string(),
            text(&row.level),
            row.count.map(|c| c.to_string()).unwrap_or_default(),
            row.n.map(|n| n.to_string()).unwrap_or_default(),
            number(row.estimate.map(|e| e.estimate)),
            number(row.estimate.map(|e| e.low)),
            number(row.estimate.map(|e| e.high)),
        ];
        // Writing to a Vec cannot fail.
        let _ = self.0.write_record(&record);
    }
}

fn point(x: f64) -> Estimate {
    Estimate {
        estimate: x,
        low: f64::NAN,
        high: f64::NAN,
    }
}

fn questions(out: &mut Out, population: &str, group: &str, questions: &[QuestionSummary]) {
    for q in questions {
        let row = |statistic: &'static str, level: &str| Row {
            population: population.to_string(),
            group: group.to_string(),
            question: q.id.clone(),
            text: q.text.clone(),
            statistic,
            level: level.to_string(),
            ..Row::default()
        };
        for level in &q.levels {
            out.push(Row {
                count: Some(level.count),
                n: Some(q.n),
                estimate: level.share,
                ..row("share", &level.label)
            });
        }
        // A multiple-choice option's share of all choices (响应率), beside its share of
        // respondents (the `share` row, 普及率).
        let choices: u64 = q.levels.iter().map(|l| l.count).sum();
        for level in &q.levels {
            if let Some(r) = level.response_share {
                out.push(Row {
                    count: Some(level.count),
                    n: Some(choices),
                    estimate: Some(point(r)),
                    ..row("response_share", &level.label)
                });
            }
        }
        if let Some(pos) = &q.positive {
            // `level` names the levels counted, joined by `+`.
            out.push(Row {
                count: Some(pos.count),
                n: Some(pos.n),
                estimate: pos.share,
                ..row("positive_share", &pos.levels.join("+"))
            });
        }
        if let Some(mean) = &q.mean {
            out.push(Row {
                count: Some(mean.n),
                n: Some(mean.n),
                estimate: mean.mean,
                ..row("mean_score", "")
            });
            // The spread beside the mean (issue 13).
            for (statistic, value) in [("mean_sd", mean.sd), ("mean_se", mean.se)] {
                if let Some(v) = value {
                    out.push(Row {
                        n: Some(mean.n),
                        estimate: Some(point(v)),
                        ..row(statistic, "")
                    });
                }
            }
        }
        if let Some(n_eff) = q.n_eff {
            out.push(Row {
                n: Some(q.n),
                estimate: Some(point(n_eff)),
                ..row("effective_n", "")
            });
            // Design effects of the weighted figures, `level` as in the figure's own row.
            for level in &q.levels {
                if let Some(deff) = level.deff {
                    out.push(Row {
                        count: Some(level.count),
                        n: Some(q.n),
                        estimate: Some(point(deff)),
                        ..row("share_deff", &level.label)
                    });
                }
            }
            if let Some(pos) = &q.positive
                && let Some(deff) = pos.deff
            {
                out.push(Row {
                    count: Some(pos.count),
                    n: Some(pos.n),
                    estimate: Some(point(deff)),
                    ..row("positive_share_deff", &pos.levels.join("+"))
                });
            }
            if let Some(mean) = &q.mean
                && let Some(deff) = mean.deff
            {
                out.push(Row {
                    count: Some(mean.n),
                    n: Some(mean.n),
                    estimate: Some(point(deff)),
                    ..row("mean_score_deff", "")
                });
            }
        }
        for r in &q.ranking {
            // The mean place is over those who placed the option; the score over every respondent.
            out.push(Row {
                count: Some(r.n),
                n: Some(r.n),
                estimate: Some(point(r.mean_rank)),
                ..row("rank_mean", &r.label)
            });
            out.push(Row {
                n: Some(q.n),
                estimate: Some(point(r.score)),
                ..row("rank_score", &r.label)
            });
        }
        if let Some(nps) = &q.nps {
            out.push(Row {
                n: Some(nps.n),
                estimate: nps.nps,
                ..row("nps", "")
            });
            for (statistic, count) in [
                ("nps_promoters", nps.promoters),
                ("nps_passives", nps.passives),
                ("nps_detractors", nps.detractors),
            ] {
                out.push(Row {
                    count: Some(count),
                    n: Some(nps.n),
                    estimate: (nps.n > 0).then(|| point(count as f64 / nps.n as f64)),
                    ..row(statistic, "")
                });
            }
        }
        if let Some(said) = &q.said {
            // Respondents with a view, then each theme's and keyword's share of them.
            out.push(Row {
                count: Some(said.n),
                n: Some(q.n),
                ..row("text_views", "")
            });
            out.push(Row {
                count: Some(said.nothing),
                n: Some(q.n),
                ..row("text_nothing", "")
            });
            for t in &said.themes {
                out.push(Row {
                    count: Some(t.count),
                    n: Some(said.n),
                    estimate: t.share,
                    ..row("theme", &t.name)
                });
            }
            for (word, count) in &said.keywords {
                out.push(Row {
                    count: Some(*count),
                    n: Some(said.n),
                    estimate: (said.n > 0).then(|| point(*count as f64 / said.n as f64)),
                    ..row("keyword", word)
                });
            }
        }
        for nc in &q.not_counted {
            out.push(Row {
                count: Some(nc.count),
                ..row("not_counted", &nc.label)
            });
        }
    }
}

fn population(out: &mut Out, p: &PopulationSummary, filter: &[String]) {
    let a = &p.accounting;
    // Under `--where`, each condition, then the responses that do not meet them.
    for condition in filter {
        out.push(Row {
            population: p.id.clone(),
            statistic: "filter",
            level: condition.clone(),
            ..Row::default()
        });
    }
    let mut accounting: Vec<(String, u64)> = vec![("received".into(), a.received)];
    if !filter.is_empty() {
        accounting.push(("filtered_out".into(), a.filtered_out));
    }
    accounting.push(("valid".into(), a.valid));
    accounting.extend(
        a.excluded
            .iter()
            .map(|(rule, n)| (format!("excluded:{rule}"), *n)),
    );
    for (level, count) in accounting {
        out.push(Row {
            population: p.id.clone(),
            statistic: "responses",
            level,
            count: Some(count),
            ..Row::default()
        });
    }
    questions(out, &p.id, "", &p.questions);
    let texts: std::collections::HashMap<&str, &str> = p
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q.text.as_str()))
        .collect();
    for d in &p.dimensions {
        let row = |statistic: &'static str| Row {
            population: p.id.clone(),
            question: format!("dimension:{}", d.name),
            text: d.name.clone(),
            statistic,
            ..Row::default()
        };
        for (statistic, c) in [("positive_share", &d.positive), ("mean_score", &d.mean)] {
            if let Some(c) = c {
                out.push(Row {
                    n: Some(c.n),
                    estimate: Some(Estimate {
                        estimate: c.value,
                        low: c.low,
                        high: c.high,
                    }),
                    ..row(statistic)
                });
            }
        }
        if let Some(c) = &d.mean {
            for (statistic, value) in [("mean_sd", d.mean_sd), ("mean_se", d.mean_se)] {
                if let Some(v) = value {
                    out.push(Row {
                        n: Some(c.n),
                        estimate: Some(point(v)),
                        ..row(statistic)
                    });
                }
            }
        }
        if let Some(r) = &d.reliability {
            // With Feldt's interval (issue 13).
            out.push(Row {
                count: Some(r.items_used as u64),
                n: Some(r.n as u64),
                estimate: Some(match d.alpha_ci {
                    Some(ci) => Estimate {
                        estimate: r.alpha,
                        low: ci.low,
                        high: ci.high,
                    },
                    None => point(r.alpha),
                }),
                ..row("cronbach_alpha")
            });
            for (item, stats) in d.items.iter().zip(&r.items) {
                let text = texts.get(item.as_str()).copied().unwrap_or_default();
                for (statistic, value) in [
                    ("alpha_if_deleted", stats.alpha_if_deleted),
                    ("item_rest_correlation", stats.item_rest_correlation),
                ] {
                    if let Some(v) = value {
                        out.push(Row {
                            population: p.id.clone(),
                            question: item.clone(),
                            text: text.to_string(),
                            statistic,
                            level: d.name.clone(),
                            n: Some(r.n as u64),
                            estimate: Some(point(v)),
                            ..Row::default()
                        });
                    }
                }
            }
        }
    }
    if let Some(b) = &p.breakdown {
        for g in &b.groups {
            out.push(Row {
                population: p.id.clone(),
                group: g.label.clone(),
                statistic: "responses",
                level: "valid".into(),
                count: Some(g.valid),
                ..Row::default()
            });
            questions(out, &p.id, &g.label, &g.questions);
        }
    }
}

pub fn write(summary: &Summary) -> Vec<u8> {
    let mut out = Out(::csv::WriterBuilder::new().from_writer(Vec::new()));
    let _ = out.0.write_record(HEADER);
    for p in &summary.populations {
        population(&mut out, p, &summary.filter);
    }
    out.0.into_inner().unwrap_or_default()
}
