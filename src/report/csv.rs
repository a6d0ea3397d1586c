//! The tidy CSV of figures: the scripting contract. One row per figure, header exactly
//! `population,group,question,text,statistic,level,count,n,estimate,ci_low,ci_high`.
//! Each population opens with its response accounting (`statistic` = `responses`, `level` =
//! `received`, `valid`, `excluded:<rule>`). Text from the export has control characters made
//! visible and formulas neutralised.

use super::{machine_number, neutralize_formula};
use crate::stats::Estimate;
use crate::summary::{QuestionSummary, Summary};
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

struct Row<'a> {
    population: &'a str,
    group: &'a str,
    /// `None` for rows about the population as a whole (the response accounting).
    question: Option<&'a QuestionSummary>,
    statistic: &'a str,
    level: &'a str,
    count: Option<u64>,
    n: Option<u64>,
    estimate: Option<Estimate>,
}

pub fn write(summary: &Summary) -> Vec<u8> {
    let mut out = ::csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = out.write_record(HEADER);
    let mut push = |row: Row| {
        let (estimate, low, high) = match row.estimate {
            Some(e) => (
                machine_number(e.estimate),
                machine_number(e.low),
                machine_number(e.high),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        let record = [
            neutralize_formula(row.population).into_owned(),
            neutralize_formula(row.group).into_owned(),
            row.question
                .map(|q| neutralize_formula(&q.id).into_owned())
                .unwrap_or_default(),
            row.question
                .map(|q| neutralize_formula(&visible(&q.text)).into_owned())
                .unwrap_or_default(),
            row.statistic.to_string(),
            neutralize_formula(&visible(row.level)).into_owned(),
            row.count.map(|c| c.to_string()).unwrap_or_default(),
            row.n.map(|n| n.to_string()).unwrap_or_default(),
            estimate,
            low,
            high,
        ];
        let _ = out.write_record(&record);
    };
    for p in &summary.populations {
        let a = &p.accounting;
        let mut accounting: Vec<(String, u64)> =
            vec![("received".into(), a.received), ("valid".into(), a.valid)];
        accounting.extend(
            a.excluded
                .iter()
                .map(|(rule, n)| (format!("excluded:{rule}"), *n)),
        );
        for (level, count) in &accounting {
            push(Row {
                population: &p.id,
                group: "",
                question: None,
                statistic: "responses",
                level,
                count: Some(*count),
                n: None,
                estimate: None,
            });
        }
        for q in &p.questions {
            for level in &q.levels {
                push(Row {
                    population: &p.id,
                    group: "",
                    question: Some(q),
                    statistic: "share",
                    level: &level.label,
                    count: Some(level.count),
                    n: Some(q.n),
                    estimate: level.share,
                });
            }
            if let Some(pos) = &q.positive {
                push(Row {
                    population: &p.id,
                    group: "",
                    question: Some(q),
                    statistic: "positive_share",
                    level: "",
                    count: Some(pos.count),
                    n: Some(pos.n),
                    estimate: pos.share,
                });
            }
            if let Some(mean) = &q.mean {
                push(Row {
                    population: &p.id,
                    group: "",
                    question: Some(q),
                    statistic: "mean_score",
                    level: "",
                    count: Some(mean.n),
                    n: Some(mean.n),
                    estimate: mean.mean,
                });
            }
            for nc in &q.not_counted {
                push(Row {
                    population: &p.id,
                    group: "",
                    question: Some(q),
                    statistic: "not_counted",
                    level: &nc.label,
                    count: Some(nc.count),
                    n: None,
                    estimate: None,
                });
            }
        }
    }
    out.into_inner().unwrap_or_default()
}
