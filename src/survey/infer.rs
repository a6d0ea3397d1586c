//! Inferring a questionnaire from exports when there is no definition: questions from the numbered
//! headers, metadata set aside, each question's scale recognised from its answers (a built-in
//! scale when its labels fit one; the options as found otherwise), multiple choice from `┋` or from
//! 按序号 option columns, free text when answers are too varied to be options.

use super::headers::{HeaderRole, QuestionHeader, classify_all};
use super::labels::{self, MULTI_SEPARATOR};
use super::{
    LabelMatch, Level, Locator, Population, Question, QuestionKind, Scale, ScaleIndex, Survey,
    builtin,
};
use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::ingest::{Column, Table};
use crate::msg;
use std::collections::HashMap;

/// What inference noticed about a question that a person should check (written as comments by
/// `wenjuan init`, in the reader's language).
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub question: String,
    pub text: Message,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Inferred {
    pub survey: Survey,
    pub notes: Vec<Note>,
}

/// A single choice question has at most this many distinct answers; more is free text.
const MAX_OPTIONS: usize = 30;

/// Distinct answers with how often each occurs, merged across spelling variants.
#[derive(Default)]
struct LabelCounts {
    counts: Vec<(String, u64)>,
    index: HashMap<String, usize>,
}

impl LabelCounts {
    fn add(&mut self, label: &str, count: u64) {
        match self.index.get(label) {
            Some(&i) => self.counts[i].1 += count,
            None => {
                self.index.insert(label.to_string(), self.counts.len());
                self.counts.push((label.to_string(), count));
            }
        }
    }

    /// Answered labels (markers set aside), most frequent first, ties in order of appearance.
    fn answered(&self, number_download: bool) -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = self
            .counts
            .iter()
            .filter(|(l, _)| labels::marker_in(l, number_download).is_none())
            .cloned()
            .collect();
        v.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        v
    }
}

fn column_labels(table: &Table, column: usize, into: &mut LabelCounts) {
    if let Column::Text(c) = &table.columns[column] {
        let counts = c.codes.histogram(c.values.len(), None);
        for (value, count) in c.values.iter().zip(counts) {
            if count > 0 {
                into.add(&labels::normalize(value), count);
            }
        }
    }
}

/// One question as found in the first export: its columns and what they hold.
struct Candidate {
    locator: Locator,
    header: QuestionHeader,
    columns: Vec<usize>,
    option_columns: bool,
}

/// Infers the questionnaire of `tables`, which must share one layout, as one population.
pub fn infer(tables: &[Table], population: &str) -> Result<Inferred> {
    let first = tables
        .first()
        .ok_or_else(|| Error::usage(msg!(definition.no_export_to_infer)))?;
    let roles = classify_all(&first.headers);
    check_same_layout(tables, &roles)?;
    let number_download = crate::survey::headers::is_number_download(&roles);

    // Group columns into questions.
    let mut candidates: Vec<Candidate> = Vec::new();
    for (col, role) in roles.iter().enumerate() {
        let (locator, header) = match role {
            HeaderRole::Question(h) => (
                Locator::Number {
                    number: h.number,
                    item: h.item.clone(),
                },
                h.clone(),
            ),
            HeaderRole::Plain(text) => (
                Locator::Header(text.clone()),
                QuestionHeader {
                    number: 0,
                    text: text.clone(),
                    stem: text.clone(),
                    item: None,
                    option: None,
                },
            ),
            HeaderRole::Meta(_) | HeaderRole::Blank => continue,
        };
        if header.option.is_some()
            && let Some(c) = candidates
                .iter_mut()
                .find(|c| c.option_columns && c.header.number == header.number)
        {
            c.columns.push(col);
            continue;
        }
        candidates.push(Candidate {
            option_columns: header.option.is_some(),
            locator,
            header,
            columns: vec![col],
        });
    }

    // Ids: q + the questionnaire's number, matrix items numbered in order.
    let mut ids: Vec<String> = Vec::with_capacity(candidates.len());
    for (i, c) in candidates.iter().enumerate() {
        let id = match &c.locator {
            Locator::Number {
                number,
                item: Some(_),
            } => {
                let k = candidates[..i]
                    .iter()
                    .filter(|o| matches!(&o.locator, Locator::Number { number: n, item: Some(_) } if n == number))
                    .count();
                format!("q{number}_{}", k + 1)
            }
            Locator::Number { number, item: None } => format!("q{number}"),
            _ => plain_id(&c.header.text, c.columns[0]),
        };
        let mut unique = id.clone();
        let mut n = 2;
        while ids.contains(&unique) {
            unique = format!("{id}_{n}");
            n += 1;
        }
        ids.push(unique);
    }

    // Answers per question, over every file.
    let counts: Vec<LabelCounts> = candidates
        .iter()
        .map(|c| {
            let mut lc = LabelCounts::default();
            if !c.option_columns {
                for table in tables {
                    let col = locate_same(table, first, c.columns[0]);
                    column_labels(table, col, &mut lc);
                }
            }
            lc
        })
        .collect();

    let builtins = Builtins::new();
    let mut scales: Vec<Scale> = Vec::new();
    let mut questions: Vec<Question> = Vec::new();
    let mut notes: Vec<Note> = Vec::new();
    // Matrix rows share a scale: decide it on the union of their answers.
    let mut group_scale: HashMap<u32, Option<usize>> = HashMap::new();

    for (i, c) in candidates.iter().enumerate() {
        let id = ids[i].clone();
        let text = if c.option_columns {
            c.header.stem.clone()
        } else {
            c.header.text.clone()
        };
        let matrix_number = match &c.locator {
            Locator::Number {
                number,
                item: Some(_),
            } => Some(*number),
            _ => None,
        };
        let (kind, scale) = if c.option_columns {
            let options: Vec<Level> = c
                .columns
                .iter()
                .map(|&col| match &roles[col] {
                    HeaderRole::Question(h) => Level::new(h.option.as_deref().unwrap_or("")),
                    _ => Level::new(""),
                })
                .collect();
            scales.push(Scale {
                id: format!("{id}_options"),
                name: String::new(),
                levels: options,
                not_applicable: Vec::new(),
                line: None,
            });
            (QuestionKind::Multiple, Some(scales.len() - 1))
        } else if let Some(Some(s)) = matrix_number.and_then(|n| group_scale.get(&n)) {
            (QuestionKind::Single, Some(*s))
        } else {
            // Union of this question's answers and, for a matrix, its siblings'.
            let mut merged = LabelCounts::default();
            for (j, o) in candidates.iter().enumerate() {
                let same = j == i
                    || matrix_number.is_some_and(|n| {
                        matches!(&o.locator, Locator::Number { number, item: Some(_) } if *number == n)
                    });
                if same {
                    for (l, n) in &counts[j].counts {
                        merged.add(l, *n);
                    }
                }
            }
            let answered = merged.answered(number_download);
            let (kind, scale) = decide(
                &id,
                &text,
                matrix_number,
                &answered,
                &builtins,
                &mut scales,
                &mut notes,
            );
            if let Some(n) = matrix_number {
                group_scale.insert(n, scale);
            }
            (kind, scale)
        };
        questions.push(Question {
            id,
            text,
            kind,
            scale,
            locator: c.locator.clone(),
            dimension: matrix_number.map(|_| c.header.stem.clone()),
            topic: None,
            populations: Vec::new(),
            line: None,
        });
    }

    let title = first
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Inferred {
        survey: Survey {
            title,
            source: None,
            populations: vec![Population {
                id: population.to_string(),
                name: population.to_string(),
                size: None,
                files: tables.iter().map(|t| t.path.clone()).collect(),
                line: None,
            }],
            scales,
            questions,
            validity: Default::default(),
            groups: Vec::new(),
            weightings: Vec::new(),
            indicators: Vec::new(),
        },
        notes,
    })
}

/// Decides kind and scale from a question's answered labels (most frequent first).
/// The built-in scales with their label indexes, built once per inference.
struct Builtins {
    scales: Vec<Scale>,
    indexes: Vec<ScaleIndex>,
}

impl Builtins {
    fn new() -> Builtins {
        let scales = builtin::all();
        let indexes = scales.iter().map(ScaleIndex::new).collect();
        Builtins { scales, indexes }
    }
}

/// Words that mark an open-ended question (您对…有何意见和建议？): its answers are free text even when
/// a few short ones repeat (无, 没有).
const OPEN_ENDED: [&str; 9] = [
    "建议",
    "意见",
    "请填写",
    "请说明",
    "原因",
    "为什么",
    "想法",
    "补充",
    "留言",
];

fn decide(
    id: &str,
    text: &str,
    matrix: Option<u32>,
    answered: &[(String, u64)],
    builtins: &Builtins,
    scales: &mut Vec<Scale>,
    notes: &mut Vec<Note>,
) -> (QuestionKind, Option<usize>) {
    let total: u64 = answered.iter().map(|(_, n)| n).sum();
    if total == 0 {
        notes.push(Note {
            question: id.to_string(),
            text: msg!(definition.note_no_answers),
        });
        return (QuestionKind::Text, None);
    }
    let scale_id = match matrix {
        Some(n) => format!("q{n}_options"),
        None => format!("{id}_options"),
    };

    // Multiple choice: options joined by ┋.
    if answered.iter().any(|(l, _)| l.contains(MULTI_SEPARATOR)) {
        let mut options = LabelCounts::default();
        for (l, n) in answered {
            for part in l.split(MULTI_SEPARATOR) {
                let part = labels::normalize(part);
                let (option, _) = labels::split_other(&part);
                if !option.is_empty() {
                    options.add(&labels::normalize(option), *n);
                }
            }
        }
        let levels: Vec<Level> = options
            .answered(false)
            .iter()
            .map(|(l, _)| Level::new(l))
            .collect();
        scales.push(Scale {
            id: scale_id,
            name: String::new(),
            levels,
            not_applicable: Vec::new(),
            line: None,
        });
        return (QuestionKind::Multiple, Some(scales.len() - 1));
    }

    // A built-in scale, if one fits most answers with at least two of its levels.
    let mut best: Option<(usize, u64, usize)> = None;
    let (builtins, indexes) = (&builtins.scales, &builtins.indexes);
    for (b, index) in indexes.iter().enumerate() {
        let mut matched = 0u64;
        let mut levels_hit = std::collections::HashSet::new();
        for (l, n) in answered {
            let (option, _) = labels::split_other(l);
            if let Some(m) = index.lookup_text(option) {
                matched += n;
                if let LabelMatch::Level(k) = m {
                    levels_hit.insert(k);
                }
            }
        }
        if levels_hit.len() >= 2 && best.is_none_or(|(_, m, _)| matched > m) {
            best = Some((b, matched, levels_hit.len()));
        }
    }
    if let Some((b, matched, _)) = best
        && matched * 2 >= total
    {
        let scale = &builtins[b];
        let unknown: Vec<String> = answered
            .iter()
            .filter(|(l, _)| indexes[b].lookup_text(l).is_none())
            .map(|(l, n)| format!("{l} ({n})"))
            .collect();
        if !unknown.is_empty() {
            notes.push(Note {
                question: id.to_string(),
                text: msg!(
                    definition.note_unknown_answers,
                    scale.id,
                    unknown.join(", ")
                ),
            });
        }
        let index = match scales.iter().position(|s| s.id == scale.id) {
            Some(i) => i,
            None => {
                scales.push(scale.clone());
                scales.len() - 1
            }
        };
        return (QuestionKind::Single, Some(index));
    }

    // Options as found: few distinct short answers, chosen twice each on average. Free text is
    // long, or nearly every answer differs, or asked for in the question.
    if OPEN_ENDED.iter().any(|w| text.contains(w)) {
        return (QuestionKind::Text, None);
    }
    let distinct = answered.len();
    let mean_chars = answered
        .iter()
        .map(|(l, _)| l.chars().count())
        .sum::<usize>()
        / distinct.max(1);
    if distinct <= MAX_OPTIONS && total >= 2 * distinct as u64 && mean_chars <= 24 {
        let numeric = answered.iter().all(|(l, _)| l.parse::<i64>().is_ok());
        let mut levels: Vec<(String, u64)> = answered.to_vec();
        if numeric {
            // A 按序号 export writes option numbers: keep them in number order.
            levels.sort_by_key(|(l, _)| l.parse::<i64>().unwrap_or(0));
            notes.push(Note {
                question: id.to_string(),
                text: msg!(definition.note_option_numbers),
            });
        }
        scales.push(Scale {
            id: scale_id,
            name: String::new(),
            levels: levels.iter().map(|(l, _)| Level::new(l)).collect(),
            not_applicable: Vec::new(),
            line: None,
        });
        return (QuestionKind::Single, Some(scales.len() - 1));
    }
    (QuestionKind::Text, None)
}

/// An id for a column without a question number: its header when that is a plain identifier.
fn plain_id(header: &str, column: usize) -> String {
    if !header.is_empty()
        && header.len() <= 32
        && header
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        header.to_string()
    } else {
        format!("c{}", column + 1)
    }
}

/// The column of `table` that corresponds to column `col` of `first` (same header).
fn locate_same(table: &Table, first: &Table, col: usize) -> usize {
    if std::ptr::eq(table, first) {
        return col;
    }
    table
        .headers
        .iter()
        .position(|h| labels::normalize(h) == labels::normalize(&first.headers[col]))
        .unwrap_or(col)
}

/// Inferred mode reads every file as one questionnaire: they must have the same question columns.
fn check_same_layout(tables: &[Table], roles: &[HeaderRole]) -> Result<()> {
    let questions = |roles: &[HeaderRole]| -> Vec<String> {
        roles
            .iter()
            .filter_map(|r| match r {
                HeaderRole::Question(h) => Some(format!("{}、{}", h.number, h.text)),
                HeaderRole::Plain(t) => Some(t.clone()),
                _ => None,
            })
            .collect()
    };
    let expected = questions(roles);
    let first = &tables[0];
    for table in &tables[1..] {
        let found = questions(&classify_all(&table.headers));
        if found != expected {
            let differs = expected
                .iter()
                .zip(&found)
                .find(|(a, b)| a != b)
                .map(|(a, b)| {
                    msg!(
                        definition.layout_question_differs,
                        a,
                        first.path.display(),
                        b
                    )
                })
                .unwrap_or_else(|| {
                    msg!(
                        definition.layout_count_differs,
                        found.len(),
                        expected.len(),
                        first.path.display()
                    )
                });
            return Err(
                Error::input(msg!(definition.different_layout, differs)).in_file(&table.path)
            );
        }
    }
    Ok(())
}
