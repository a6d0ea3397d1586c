//! The figures of a survey: per population and question, the share of every level, the positive
//! share and the mean score with their intervals, and the answers not counted in n. Computed from
//! the columnar model (counts of codes), never from strings; the CLI writers and the terminal UI
//! both present this one structure.

use crate::error::{Error, Result};
use crate::model::{AnswerValue, Answers, Dataset};
use crate::stats::{self, CiMethod, Confidence, Estimate, Moments};
use crate::survey::labels;
use crate::survey::{QuestionKind, Survey};
use crate::validity::{Accounting, Review};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub method: CiMethod,
    pub conf: Confidence,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            method: CiMethod::Wilson,
            conf: Confidence::P95,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub settings: Settings,
    pub populations: Vec<PopulationSummary>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FileSummary {
    pub path: String,
    pub format: String,
    pub encoding: Option<String>,
    pub rows: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PopulationSummary {
    pub id: String,
    pub name: String,
    pub size: Option<u64>,
    pub files: Vec<FileSummary>,
    /// received = valid + excluded by reason: the responses the figures are computed on.
    pub accounting: Accounting,
    /// True when computed on every response (`--all`), rules and decisions notwithstanding.
    pub all_responses: bool,
    pub questions: Vec<QuestionSummary>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionSummary {
    pub id: String,
    pub text: String,
    pub kind: QuestionKind,
    /// Id of the question's scale.
    pub scale: Option<String>,
    pub dimension: Option<String>,
    /// Valid answers counted: answers on a level of the scale (single choice), respondents who
    /// chose at least one option (multiple choice), or non-empty answers (free text).
    pub n: u64,
    pub levels: Vec<LevelFigure>,
    pub positive: Option<ShareFigure>,
    pub mean: Option<MeanFigure>,
    pub not_counted: Vec<NotCounted>,
}

/// One level (or option) of a question: how many chose it and its share of n.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelFigure {
    pub label: String,
    pub count: u64,
    pub positive: bool,
    /// `None` when n = 0.
    pub share: Option<Estimate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShareFigure {
    pub count: u64,
    pub n: u64,
    pub share: Option<Estimate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MeanFigure {
    pub n: u64,
    /// Bounds are NaN when n = 1 (no spread to estimate).
    pub mean: Option<Estimate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotCountedKind {
    Blank,
    Skip,
    NotApplicable,
    Unknown,
}

impl NotCountedKind {
    pub fn name(self) -> &'static str {
        match self {
            NotCountedKind::Blank => "blank",
            NotCountedKind::Skip => "skip",
            NotCountedKind::NotApplicable => "not_applicable",
            NotCountedKind::Unknown => "unknown",
        }
    }
}

/// Answers that are reported but not in n.
#[derive(Debug, Clone, PartialEq)]
pub struct NotCounted {
    pub kind: NotCountedKind,
    /// `(空)`, `(跳过)`, the not-applicable label, or the unknown label as found.
    pub label: String,
    pub count: u64,
}

/// Computes every figure on the valid responses of each population (`reviews[p]` says which those
/// are), or on every response when `reviews` is `None`.
pub fn summarize(
    survey: &Survey,
    datasets: &[Dataset],
    reviews: Option<&[Review]>,
    settings: Settings,
) -> Result<Summary> {
    let mut populations = Vec::with_capacity(datasets.len());
    for (d, dataset) in datasets.iter().enumerate() {
        let review = reviews.and_then(|r| r.get(d));
        populations.push(summarize_population(survey, dataset, review, settings)?);
    }
    Ok(Summary {
        settings,
        populations,
    })
}

pub fn summarize_population(
    survey: &Survey,
    dataset: &Dataset,
    review: Option<&Review>,
    settings: Settings,
) -> Result<PopulationSummary> {
    let population = &survey.populations[dataset.population];
    let keep_rows = review.map(Review::keep);
    let keep = keep_rows.as_deref();
    let accounting = match review {
        Some(r) => r.accounting(0..dataset.rows),
        None => Accounting {
            received: dataset.rows as u64,
            valid: dataset.rows as u64,
            ..Accounting::default()
        },
    };
    let valid = accounting.valid;
    if let Some(size) = population.size
        && size < valid
    {
        let mut err = Error::input(format!(
            "population '{}' is declared with size = {size}, fewer than its {valid} valid responses; \
             correct the size (or remove it if unknown)",
            population.id
        ));
        if let Some(src) = &survey.source {
            err = err.in_file(src);
        }
        if let Some(line) = population.line {
            err = err.at_line(line);
        }
        return Err(err);
    }
    let files = dataset
        .sources
        .iter()
        .map(|s| FileSummary {
            path: s.table.path.display().to_string(),
            format: s.table.format.to_string(),
            encoding: s.table.encoding.map(|e| e.name().to_string()),
            rows: s.table.rows as u64,
        })
        .collect();
    let mut questions = Vec::new();
    for (qi, q) in survey.questions_for(&population.id) {
        let Some(answers) = &dataset.answers[qi] else {
            continue;
        };
        let scale = survey.scale_of(q);
        let counts = answers.counts(keep);
        let mut not_counted = NotCountedTally::default();
        let mut levels: Vec<LevelFigure> = scale
            .map(|s| {
                s.levels
                    .iter()
                    .map(|l| LevelFigure {
                        label: l.label.clone(),
                        count: 0,
                        positive: l.positive,
                        share: None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut n = 0u64;
        for (answer, &count) in answers.distinct.iter().zip(&counts) {
            if count == 0 {
                continue;
            }
            match &answer.value {
                AnswerValue::Level(k) => {
                    levels[*k as usize].count += count;
                    n += count;
                }
                AnswerValue::NotApplicable(k) => {
                    let label = scale.map_or(answer.text.as_str(), |s| {
                        s.not_applicable[*k as usize].label.as_str()
                    });
                    not_counted.add(NotCountedKind::NotApplicable, label, count);
                }
                AnswerValue::Blank => not_counted.add(NotCountedKind::Blank, labels::BLANK, count),
                AnswerValue::Skip => not_counted.add(NotCountedKind::Skip, labels::SKIP, count),
                AnswerValue::Unknown => {
                    not_counted.add(NotCountedKind::Unknown, &answer.text, count)
                }
                AnswerValue::Options { mask, unknown } => {
                    for (k, level) in levels.iter_mut().enumerate() {
                        if k < 64 && mask & (1 << k) != 0 {
                            level.count += count;
                        }
                    }
                    for u in unknown {
                        not_counted.add(NotCountedKind::Unknown, labels::split_other(u).0, count);
                    }
                    if *mask != 0 {
                        n += count;
                    }
                }
                AnswerValue::Text => n += count,
            }
        }
        let size = population.size;
        let share = |x: u64| -> Result<Option<Estimate>> {
            stats::proportion(x, n, settings.method, settings.conf, size)
                .map_err(|e| Error::input(e.to_string()))
        };
        for level in &mut levels {
            level.share = share(level.count)?;
        }
        let (positive, mean) = match (q.kind, scale) {
            (QuestionKind::Single, Some(s)) => {
                let positive =
                    s.levels
                        .iter()
                        .any(|l| l.positive)
                        .then(|| -> Result<ShareFigure> {
                            let count = levels.iter().filter(|l| l.positive).map(|l| l.count).sum();
                            Ok(ShareFigure {
                                count,
                                n,
                                share: share(count)?,
                            })
                        });
                let mean =
                    s.levels
                        .iter()
                        .all(|l| l.score.is_some())
                        .then(|| -> Result<MeanFigure> {
                            let mut m = Moments::new();
                            for (level, figure) in s.levels.iter().zip(&levels) {
                                if figure.count > 0 {
                                    m.add(level.score.unwrap_or(0.0), figure.count);
                                }
                            }
                            Ok(MeanFigure {
                                n: m.n(),
                                mean: stats::mean_interval(&m, settings.conf, size)
                                    .map_err(|e| Error::input(e.to_string()))?,
                            })
                        });
                (positive.transpose()?, mean.transpose()?)
            }
            _ => (None, None),
        };
        questions.push(QuestionSummary {
            id: q.id.clone(),
            text: if q.text.is_empty() {
                answers_header(answers)
            } else {
                q.text.clone()
            },
            kind: q.kind,
            scale: scale.map(|s| s.id.clone()),
            dimension: q.dimension.clone(),
            n,
            levels,
            positive,
            mean,
            not_counted: not_counted.finish(),
        });
    }
    Ok(PopulationSummary {
        id: population.id.clone(),
        name: population.name.clone(),
        size: population.size,
        files,
        accounting,
        all_responses: review.is_none(),
        questions,
    })
}

fn answers_header(answers: &Answers) -> String {
    answers.header.clone()
}

#[derive(Default)]
struct NotCountedTally(Vec<NotCounted>);

impl NotCountedTally {
    fn add(&mut self, kind: NotCountedKind, label: &str, count: u64) {
        match self
            .0
            .iter_mut()
            .find(|n| n.kind == kind && n.label == label)
        {
            Some(n) => n.count += count,
            None => self.0.push(NotCounted {
                kind,
                label: label.to_string(),
                count,
            }),
        }
    }

    /// Blanks, skips, not-applicable, then unknown labels from most to least frequent.
    fn finish(mut self) -> Vec<NotCounted> {
        let rank = |k: NotCountedKind| match k {
            NotCountedKind::Blank => 0,
            NotCountedKind::Skip => 1,
            NotCountedKind::NotApplicable => 2,
            NotCountedKind::Unknown => 3,
        };
        self.0.sort_by(|a, b| {
            rank(a.kind)
                .cmp(&rank(b.kind))
                .then(if a.kind == NotCountedKind::Unknown {
                    b.count.cmp(&a.count)
                } else {
                    std::cmp::Ordering::Equal
                })
                .then(a.label.cmp(&b.label))
        });
        self.0
    }
}
