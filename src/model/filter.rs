//! `--where`: the responses a run is restricted to, as 问卷星's 自定义查询 and 分类统计 do —
//! `q1 = 龙港镇`, `q2 in (18~30岁, 31~45岁)`, `提交答卷时间 >= 2023-12-08`, `来源 = 微信`.
//! Several conditions all hold. A condition names a question (by id) or a column of the export
//! (by its header); it is tested against each response as the export wrote it, and against the
//! scale's level for an answer given under another spelling. Responses outside the filter are
//! not dropped: the accounting counts them apart (received = filtered out + excluded + valid).

use crate::error::{Error, Result};
use crate::ingest::values::parse_timestamp;
use crate::model::{AnswerValue, Dataset};
use crate::msg;
use crate::survey::Survey;
use crate::survey::labels::normalize;
use std::cmp::Ordering;

/// One condition, as written and as understood.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub written: String,
    field: String,
    test: Test,
}

#[derive(Debug, Clone, PartialEq)]
enum Test {
    /// `=`, `in (…)`: any of the values; negated by `!=`, `not in (…)`.
    OneOf { values: Vec<String>, negated: bool },
    /// `>`, `>=`, `<`, `<=` a date or a number: the orderings that pass.
    Order { bound: String, pass: [bool; 3] },
}

/// All the conditions of a run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    pub conditions: Vec<Condition>,
}

impl Filter {
    /// Reads every `--where` given; an empty list is no filter.
    pub fn parse(written: &[String]) -> Result<Option<Filter>> {
        if written.is_empty() {
            return Ok(None);
        }
        let conditions = written
            .iter()
            .map(|w| Condition::parse(w))
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(Filter { conditions }))
    }

    /// The conditions as the user wrote them, joined by `sep` (且 / and).
    pub fn written(&self, sep: &str) -> String {
        self.conditions
            .iter()
            .map(|c| c.written.as_str())
            .collect::<Vec<_>>()
            .join(sep)
    }

    /// Per row of a population: whether it meets every condition.
    pub fn rows(&self, survey: &Survey, dataset: &Dataset) -> Result<Vec<bool>> {
        let mut within = vec![true; dataset.rows];
        for c in &self.conditions {
            let population = &survey.populations[dataset.population];
            let values = field_values(survey, dataset, &c.field).ok_or_else(|| {
                Error::usage(msg!(filter_field, c.written, population.name, c.field))
            })?;
            for (row, keep) in within.iter_mut().enumerate() {
                if *keep {
                    *keep = c.test.passes(&values(row), &c.written)?;
                }
            }
        }
        Ok(within)
    }
}

/// The operators, longest first so that `>=` is not read as `>`.
const OPERATORS: [&str; 8] = [" not in ", " in ", "!=", ">=", "<=", "=", ">", "<"];

impl Condition {
    pub fn parse(written: &str) -> Result<Condition> {
        let text = written.trim();
        let syntax = || Error::usage(msg!(filter_syntax, written));
        let lower = text.to_lowercase();
        let (at, op) = OPERATORS
            .iter()
            .filter_map(|op| lower.find(op).map(|at| (at, *op)))
            // The first operator in the text; at one place, the longest.
            .min_by_key(|(at, op)| (*at, std::cmp::Reverse(op.len())))
            .ok_or_else(syntax)?;
        // `lower` and `text` differ only in ASCII case, so byte offsets agree for the operators.
        let field = normalize(text[..at].trim()).into_owned();
        let rest = text[at + op.len()..].trim();
        if field.is_empty() || rest.is_empty() {
            return Err(syntax());
        }
        let test = match op {
            " in " | " not in " => {
                let inner = rest
                    .strip_prefix(['(', '（'])
                    .and_then(|r| r.strip_suffix([')', '）']))
                    .ok_or_else(syntax)?;
                let values: Vec<String> = inner
                    .split([',', '，', '、'])
                    .map(value)
                    .filter(|v| !v.is_empty())
                    .collect();
                if values.is_empty() {
                    return Err(syntax());
                }
                Test::OneOf {
                    values,
                    negated: op == " not in ",
                }
            }
            "=" | "!=" => Test::OneOf {
                values: vec![value(rest)],
                negated: op == "!=",
            },
            _ => Test::Order {
                bound: value(rest),
                // Passing orderings of (answer vs bound): Less, Equal, Greater.
                pass: match op {
                    ">" => [false, false, true],
                    ">=" => [false, true, true],
                    "<" => [true, false, false],
                    _ => [true, true, false],
                },
            },
        };
        Ok(Condition {
            written: text.to_string(),
            field,
            test,
        })
    }
}

/// A value as written, its quotes taken off, normalised as labels are.
fn value(raw: &str) -> String {
    let v = raw.trim().trim_matches(['"', '\'', '“', '”', '‘', '’']);
    normalize(v.trim()).into_owned()
}

impl Test {
    fn passes(&self, answers: &[String], written: &str) -> Result<bool> {
        match self {
            Test::OneOf { values, negated } => {
                let hit = answers.iter().any(|a| values.iter().any(|v| v == a));
                Ok(hit != *negated)
            }
            Test::Order { bound, pass } => {
                let Some(answer) = answers.first() else {
                    // No answer is neither before nor after anything.
                    return Ok(false);
                };
                let ordering = compare(answer, bound)
                    .ok_or_else(|| Error::usage(msg!(filter_order, written, answer)))?;
                Ok(pass[match ordering {
                    Ordering::Less => 0,
                    Ordering::Equal => 1,
                    Ordering::Greater => 2,
                }])
            }
        }
    }
}

/// Two dates, or two numbers, in order; `None` when they are neither.
fn compare(answer: &str, bound: &str) -> Option<Ordering> {
    if let (Some(a), Some(b)) = (
        parse_timestamp(answer.as_bytes()),
        parse_timestamp(bound.as_bytes()),
    ) {
        return Some(a.cmp(&b));
    }
    let (a, b) = (answer.parse::<f64>().ok()?, bound.parse::<f64>().ok()?);
    a.partial_cmp(&b)
}

type Values<'a> = Box<dyn Fn(usize) -> Vec<String> + 'a>;

/// What a row answered to `field`: a question asked of the population (its answer as written,
/// and the level or options it means), or a column every file of the population has.
fn field_values<'a>(survey: &'a Survey, dataset: &'a Dataset, field: &str) -> Option<Values<'a>> {
    let population = &survey.populations[dataset.population].id;
    if let Some((qi, q)) = survey
        .questions_for(population)
        .find(|(qi, q)| q.id == field && dataset.answers[*qi].is_some())
    {
        let answers = dataset.answers[qi].as_ref()?;
        let scale = survey.scale_of(q);
        return Some(Box::new(move |row| {
            let a = answers.get(row);
            let level = |k: u16| {
                scale
                    .and_then(|s| s.levels.get(k as usize))
                    .map(|l| l.label.clone())
            };
            let mut out = Vec::new();
            match &a.value {
                AnswerValue::Blank | AnswerValue::Skip => {}
                AnswerValue::Level(k) => {
                    out.push(normalize(&a.text).into_owned());
                    out.extend(level(*k));
                }
                AnswerValue::Options { mask, .. } => {
                    out.extend(
                        (0..64u16)
                            .filter(|i| mask & (1 << i) != 0)
                            .filter_map(level),
                    );
                }
                AnswerValue::Ranking { order, .. } => {
                    out.extend(order.iter().filter_map(|&k| level(k)));
                }
                _ => out.push(normalize(&a.text).into_owned()),
            }
            out
        }));
    }
    // A column of the export, found by its header in every file of the population.
    let columns: Vec<usize> = dataset
        .sources
        .iter()
        .map(|s| s.table.headers.iter().position(|h| normalize(h) == field))
        .collect::<Option<Vec<_>>>()?;
    Some(Box::new(move |row| {
        let (source, local) = dataset.locate(row);
        let i = dataset
            .sources
            .iter()
            .position(|s| std::ptr::eq(s, source))
            .unwrap_or(0);
        let cell = source.table.columns[columns[i]].display(local);
        let cell = normalize(&cell);
        if cell.is_empty() {
            Vec::new()
        } else {
            vec![cell.into_owned()]
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_as_evaluators_write_them() {
        let c = Condition::parse("q1 = 龙港镇").unwrap();
        assert_eq!(c.field, "q1");
        assert_eq!(
            c.test,
            Test::OneOf {
                values: vec!["龙港镇".into()],
                negated: false
            }
        );
        let c = Condition::parse("q2 in (18-30岁, 31-45岁)").unwrap();
        assert_eq!(
            c.test,
            Test::OneOf {
                values: vec!["18-30岁".into(), "31-45岁".into()],
                negated: false
            }
        );
        let c = Condition::parse("q2 NOT IN （60岁以上，46~60岁）").unwrap();
        assert!(matches!(c.test, Test::OneOf { negated: true, ref values } if values.len() == 2));
        let c = Condition::parse("提交答卷时间 >= 2023-12-08").unwrap();
        assert_eq!(c.field, "提交答卷时间");
        assert!(matches!(
            c.test,
            Test::Order {
                pass: [false, true, true],
                ..
            }
        ));
        let c = Condition::parse("来源 != “微信”").unwrap();
        assert_eq!(
            c.test,
            Test::OneOf {
                values: vec!["微信".into()],
                negated: true
            }
        );
        for bad in ["q1", "= 龙港镇", "q1 =", "q2 in 18-30岁", "q2 in ()"] {
            assert!(Condition::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_and_numbers_are_ordered() {
        let after = Test::Order {
            bound: "2023-12-08".into(),
            pass: [false, true, true],
        };
        assert!(after.passes(&["2023/12/8 09:00:00".into()], "").unwrap());
        assert!(!after.passes(&["2023/12/07 23:59:59".into()], "").unwrap());
        assert!(!after.passes(&[], "").unwrap(), "no answer passes no bound");
        assert!(after.passes(&["某天".into()], "").is_err());
        let below = Test::Order {
            bound: "60".into(),
            pass: [true, false, false],
        };
        assert!(below.passes(&["45".into()], "").unwrap());
        assert!(!below.passes(&["60".into()], "").unwrap());
    }
}
