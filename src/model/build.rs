//! Building the model from tables already read: each question located among a file's headers,
//! its column taken over, every distinct answer classified once against the question's scale.

use super::{Answer, AnswerValue, Answers, Dataset, Source};
use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::ingest::{Codes, Column, Table, TextColumn};
use crate::msg;
use crate::survey::headers::{HeaderRole, classify_table, is_number_download};
use crate::survey::labels::{self, MULTI_SEPARATOR, Marker, RANK_SEPARATOR};
use crate::survey::{LabelMatch, Locator, Question, QuestionKind, ScaleIndex, Survey};
use std::collections::HashMap;

/// Builds the datasets of every population from tables already read (`tables[p]` holds the
/// tables of population `p`, in file order).
pub fn build(survey: &Survey, tables: Vec<Vec<Table>>) -> Result<(Vec<Dataset>, Vec<Message>)> {
    let mut datasets = Vec::with_capacity(tables.len());
    let mut warnings = Vec::new();
    for (p, population_tables) in tables.into_iter().enumerate() {
        let (dataset, mut w) = build_population(survey, p, population_tables)?;
        datasets.push(dataset);
        warnings.append(&mut w);
    }
    Ok((datasets, warnings))
}

/// A file with its header roles, the columns of each question asked, and whether it is a
/// 按序号 download.
type Located = (Table, Vec<HeaderRole>, HashMap<usize, Vec<usize>>, bool);

fn build_population(
    survey: &Survey,
    population: usize,
    tables: Vec<Table>,
) -> Result<(Dataset, Vec<Message>)> {
    let pop_id = &survey.populations[population].id;
    let asked: Vec<(usize, &Question)> = survey.questions_for(pop_id).collect();
    let mut warnings = Vec::new();

    // Locate every question in every file first, so a missing column is reported before work.
    let mut located: Vec<Located> = Vec::new();
    for table in tables {
        let roles = classify_table(&table);
        let index = HeaderIndex::new(&table, &roles);
        let mut columns = HashMap::new();
        for &(qi, q) in &asked {
            columns.insert(qi, locate(survey, q, &table, &roles, &index)?);
        }
        let number_download = is_number_download(&roles);
        located.push((table, roles, columns, number_download));
    }

    // Each question's part of each file: option columns are read where they lie; a question's
    // own column is taken out of its table and classified below, the columns spread over the
    // cores (a free-text column's hundreds of thousands of answers are one core's work).
    let indexes: Vec<Option<ScaleIndex>> = asked
        .iter()
        .map(|&(_, q)| survey.scale_of(q).map(ScaleIndex::new))
        .collect();
    let mut parts: Vec<Vec<Part>> = Vec::with_capacity(asked.len());
    let mut headers: Vec<String> = Vec::with_capacity(asked.len());
    for (k, &(qi, q)) in asked.iter().enumerate() {
        let index = indexes[k].as_ref();
        // A scale of numbers (按分数 scores, a 0–10 rating) reads -2 and -3 as the blank and skip
        // codes, as a 按序号 download does.
        let numeric = survey.scale_of(q).is_some_and(|s| {
            !s.levels.is_empty() && s.levels.iter().all(|l| labels::number(&l.label).is_some())
        });
        headers.push(match located.first() {
            Some((_, roles, columns, _)) => match &roles[columns[&qi][0]] {
                HeaderRole::Question(h) if h.option.is_some() => h.stem.clone(),
                HeaderRole::Question(h) => h.text.clone(),
                HeaderRole::Plain(t) => t.clone(),
                _ => String::new(),
            },
            None => String::new(),
        });
        let mut own = Vec::with_capacity(located.len());
        for (table, roles, columns, number_download) in located.iter_mut() {
            let cols = &columns[&qi];
            own.push(
                if cols.len() > 1
                    || q.kind == QuestionKind::Multiple && is_option_column(roles, cols[0])
                {
                    Part::Read(option_columns(table, roles, cols, index))
                } else {
                    match std::mem::take(&mut table.columns[cols[0]]) {
                        Column::Text(t) => Part::Column(t, *number_download || numeric),
                        _ => unreachable!("question columns are read as text"),
                    }
                },
            );
        }
        parts.push(own);
    }
    let jobs: Vec<(usize, Vec<Part>)> = parts.into_iter().enumerate().collect();
    let weight = |(_, parts): &(usize, Vec<Part>)| parts.iter().map(Part::distinct).sum();
    let classified = crate::parallel::map_owned_heaviest_first(jobs, weight, |(k, parts)| {
        let (_, q) = asked[k];
        let mut merged = AnswerBuilder::default();
        for part in parts {
            merged.append(match part {
                Part::Read(answers) => answers,
                Part::Column(column, numbers) => {
                    classify_column(column, q, indexes[k].as_ref(), numbers)
                }
            });
        }
        let built = merged.finish();
        // Counts every answer (kept for the figures): on this core too.
        let unknown = unknown_summary(&built);
        (built, unknown)
    });
    let mut answers: Vec<Option<Answers>> = vec![None; survey.questions.len()];
    for ((&(qi, q), (mut built, unknown)), header) in asked.iter().zip(classified).zip(headers) {
        built.header = header;
        if !unknown.is_empty() {
            let scale = survey.scale_of(q).map(|s| s.id.as_str()).unwrap_or("");
            warnings.push(msg!(
                unknown_labels,
                pop_id,
                q.id,
                scale,
                unknown.join(", ")
            ));
        }
        answers[qi] = Some(built);
    }

    let mut sources = Vec::with_capacity(located.len());
    let mut start = 0usize;
    for (table, roles, columns, _) in located {
        let meta = roles
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r {
                HeaderRole::Meta(f) => Some((*f, i)),
                _ => None,
            })
            .fold(HashMap::new(), |mut m, (f, i)| {
                m.entry(f).or_insert(i);
                m
            });
        let rows = table.rows;
        sources.push(Source {
            table,
            start,
            meta,
            question_columns: columns,
        });
        start += rows;
    }
    Ok((
        Dataset {
            population,
            sources,
            rows: start,
            answers,
        },
        warnings,
    ))
}

impl Default for Column {
    fn default() -> Self {
        Column::Text(TextColumn::default())
    }
}

fn is_option_column(roles: &[HeaderRole], col: usize) -> bool {
    matches!(&roles[col], HeaderRole::Question(h) if h.option.is_some())
}

/// A file's headers indexed once, so that finding each of thousands of questions is a lookup
/// rather than a pass over every header.
struct HeaderIndex {
    /// Every header's match key.
    keys: Vec<String>,
    /// Columns by whole-header key.
    by_key: HashMap<String, Vec<usize>>,
    /// Columns by question number, in file order.
    by_number: HashMap<u32, Vec<usize>>,
    /// Columns by the key of the question text without its number.
    by_text: HashMap<String, Vec<usize>>,
}

impl HeaderIndex {
    fn new(table: &Table, roles: &[HeaderRole]) -> HeaderIndex {
        let keys: Vec<String> = table.headers.iter().map(|h| labels::match_key(h)).collect();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_number: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut by_text: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, key) in keys.iter().enumerate() {
            by_key.entry(key.clone()).or_default().push(i);
            if let HeaderRole::Question(h) = &roles[i] {
                by_number.entry(h.number).or_default().push(i);
                by_text
                    .entry(labels::match_key(&h.text))
                    .or_default()
                    .push(i);
            }
        }
        HeaderIndex {
            keys,
            by_key,
            by_number,
            by_text,
        }
    }

    fn numbered(&self, number: u32) -> &[usize] {
        self.by_number.get(&number).map_or(&[], Vec::as_slice)
    }
}

/// The columns of `table` holding question `q`.
fn locate(
    survey: &Survey,
    q: &Question,
    table: &Table,
    roles: &[HeaderRole],
    index: &HeaderIndex,
) -> Result<Vec<usize>> {
    let found: Vec<usize> = match &q.locator {
        Locator::Number { number, item } => {
            let same = index.numbered(*number);
            match item {
                None => same.to_vec(),
                Some(item) => {
                    let key = labels::match_key(item);
                    let item_of = |i: &usize| match &roles[*i] {
                        HeaderRole::Question(h) => h.item.as_deref().map(labels::match_key),
                        _ => None,
                    };
                    let exact: Vec<usize> = same
                        .iter()
                        .copied()
                        .filter(|i| item_of(i).as_deref() == Some(key.as_str()))
                        .collect();
                    if exact.is_empty() {
                        same.iter()
                            .copied()
                            .filter(|i| item_of(i).is_some_and(|t| t.contains(&key)))
                            .collect()
                    } else {
                        exact
                    }
                }
            }
        }
        Locator::Header(h) => {
            let h = labels::match_key(h);
            // Also accept the header without its question number.
            index
                .by_key
                .get(&h)
                .or_else(|| index.by_text.get(&h))
                .cloned()
                .unwrap_or_default()
        }
        Locator::Contains(c) => {
            let c = labels::match_key(c);
            (0..index.keys.len())
                .filter(|&i| index.keys[i].contains(c.as_str()))
                .collect()
        }
        Locator::Column(n) if (1..=table.headers.len()).contains(n) => vec![n - 1],
        Locator::Column(_) => Vec::new(),
    };
    // Where the question is defined, for a message about it.
    let definition = match (&survey.source, q.line) {
        (Some(p), Some(line)) => msg!(in_definition, p.display(), line),
        _ => Message::raw(""),
    };
    let options = found.len() > 1 && found.iter().all(|&i| is_option_column(roles, i));
    if found.len() == 1 || options {
        if options && q.kind != QuestionKind::Multiple {
            return Err(Error::input(msg!(
                option_columns_need_multiple,
                q.id,
                definition,
                q.kind.name()
            ))
            .in_file(&table.path));
        }
        return Ok(found);
    }
    let listing = |cols: &[usize]| {
        cols.iter()
            .map(|&i| format!("「{}」", table.headers[i]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if found.is_empty() {
        let near: Vec<usize> = match &q.locator {
            Locator::Number { number, .. } => index.numbered(*number).to_vec(),
            _ => Vec::new(),
        };
        let hint = if near.is_empty() {
            let questions: Vec<usize> = roles
                .iter()
                .enumerate()
                .filter(|(_, r)| matches!(r, HeaderRole::Question(_) | HeaderRole::Plain(_)))
                .map(|(i, _)| i)
                .take(12)
                .collect();
            msg!(columns_here, listing(&questions))
        } else {
            msg!(columns_with_number, listing(&near))
        };
        return Err(
            Error::input(msg!(no_column_matches, q.id, definition, q.locator, hint))
                .in_file(&table.path),
        );
    }
    Err(Error::input(msg!(
        matches_several,
        q.id,
        definition,
        q.locator,
        found.len(),
        listing(&found)
    ))
    .in_file(&table.path))
}

/// Classifies each distinct label of a single-column question once.
fn classify_column(
    column: TextColumn,
    q: &Question,
    index: Option<&ScaleIndex>,
    number_download: bool,
) -> Answers {
    let distinct = column
        .values
        .into_iter()
        .map(|raw| {
            // Free text longer than any marker is text: not normalised just to find that out.
            let long_text =
                q.kind == QuestionKind::Text && !labels::may_be_at_most(&raw, labels::MARKER_CHARS);
            let normalized = (!long_text).then(|| labels::normalize(&raw));
            let value = match &normalized {
                Some(n) => classify(n, q.kind, index, number_download),
                None => AnswerValue::Text,
            };
            // What a respondent wrote is quoted as written (full-width punctuation kept);
            // labels are shown and matched normalised. The column's own string is kept when
            // it already reads so (a million free-text answers are not copied).
            let text = if q.kind == QuestionKind::Text && value == AnswerValue::Text {
                let trimmed = raw.trim();
                (trimmed.len() != raw.len()).then(|| trimmed.to_string())
            } else {
                match normalized {
                    Some(std::borrow::Cow::Owned(n)) => Some(n),
                    _ => None,
                }
            };
            Answer {
                text: text.unwrap_or(raw).into_boxed_str(),
                value,
            }
        })
        .collect();
    Answers::new(column.codes, distinct, String::new())
}

fn classify(
    text: &str,
    kind: QuestionKind,
    index: Option<&ScaleIndex>,
    number_download: bool,
) -> AnswerValue {
    match labels::marker_in(text, number_download) {
        Some(Marker::Blank) => return AnswerValue::Blank,
        Some(Marker::Skip) => return AnswerValue::Skip,
        None => {}
    }
    let Some(index) = index else {
        return AnswerValue::Text;
    };
    match kind {
        QuestionKind::Text => AnswerValue::Text,
        QuestionKind::Single => match index.lookup(text) {
            Some(LabelMatch::Level(k)) => AnswerValue::Level(k),
            Some(LabelMatch::NotApplicable(k)) => AnswerValue::NotApplicable(k),
            None => AnswerValue::Unknown,
        },
        QuestionKind::Ranking => {
            let mut order = Vec::new();
            let mut unknown = Vec::new();
            for part in text.split(RANK_SEPARATOR) {
                let part = labels::normalize(part);
                if part.is_empty() {
                    continue;
                }
                let (option, _) = labels::split_other(&part);
                match index.lookup_text(option) {
                    Some(LabelMatch::Level(k)) => order.push(k),
                    _ => unknown.push(part.into_owned()),
                }
            }
            if order.is_empty() && unknown.is_empty() {
                AnswerValue::Blank
            } else {
                AnswerValue::Ranking {
                    order: order.into(),
                    unknown: unknown.into(),
                }
            }
        }
        QuestionKind::Multiple => {
            let mut mask = 0u64;
            let mut unknown = Vec::new();
            for part in text.split(MULTI_SEPARATOR) {
                let part = labels::normalize(part);
                if part.is_empty() {
                    continue;
                }
                let (option, _) = labels::split_other(&part);
                match index.lookup(option) {
                    Some(LabelMatch::Level(k)) if k < 64 => mask |= 1 << k,
                    _ => unknown.push(part.into_owned()),
                }
            }
            if mask == 0 && unknown.is_empty() {
                AnswerValue::Blank
            } else {
                AnswerValue::Options {
                    mask,
                    unknown: unknown.into(),
                }
            }
        }
    }
}

/// A multiple-choice question spread over 0/1 option columns (按序号 export): one answer per row.
fn option_columns(
    table: &Table,
    roles: &[HeaderRole],
    cols: &[usize],
    index: Option<&ScaleIndex>,
) -> Answers {
    // Which option each column stands for.
    let bits: Vec<Option<u16>> = cols
        .iter()
        .map(|&c| match (&roles[c], index) {
            (HeaderRole::Question(h), Some(index)) => {
                match index.lookup_text(h.option.as_deref().unwrap_or("")) {
                    Some(LabelMatch::Level(k)) => Some(k),
                    _ => None,
                }
            }
            _ => None,
        })
        .collect();
    let texts: Vec<&TextColumn> = cols
        .iter()
        .filter_map(|&c| match &table.columns[c] {
            Column::Text(t) => Some(t),
            _ => None,
        })
        .collect();
    let option_names: Vec<String> = cols
        .iter()
        .map(|&c| match &roles[c] {
            HeaderRole::Question(h) => h.option.clone().unwrap_or_default(),
            _ => String::new(),
        })
        .collect();
    let mut interned: HashMap<(u64, u64, u8), u32> = HashMap::new();
    let mut distinct: Vec<Answer> = Vec::new();
    let mut codes = Codes::with_capacity(table.rows);
    for row in 0..table.rows {
        let mut mask = 0u64;
        let mut unknown_cols = 0u64;
        let mut state = 0u8; // 0 nothing yet, 1 skip, 2 answered
        for (j, col) in texts.iter().enumerate() {
            let v = labels::normalize(col.value(row));
            match v.as_ref() {
                "-3" | labels::SKIP => state = state.max(1),
                // Not chosen: 0 (按序号), an empty cell or 未选中 (腾讯问卷), a blank code.
                "" | "0" | "-2" | "未选中" | "未选" | labels::BLANK => {}
                // Chosen: 1, 选中, the option's own text, or what was written in an "other".
                _ => {
                    state = 2;
                    match bits[j] {
                        Some(k) if k < 64 => mask |= 1 << k,
                        _ => unknown_cols |= 1 << j.min(63),
                    }
                }
            }
        }
        let key = (mask, unknown_cols, state);
        let code = *interned.entry(key).or_insert_with(|| {
            let chosen: Vec<&str> = (0..texts.len())
                .filter(|&j| {
                    bits[j].is_some_and(|k| mask & (1 << k) != 0)
                        || unknown_cols & (1 << j.min(63)) != 0
                })
                .map(|j| option_names[j].as_str())
                .collect();
            let value = match state {
                1 if mask == 0 => AnswerValue::Skip,
                2 => AnswerValue::Options {
                    mask,
                    unknown: (0..texts.len())
                        .filter(|&j| unknown_cols & (1 << j.min(63)) != 0)
                        .map(|j| option_names[j].clone())
                        .collect(),
                },
                _ => AnswerValue::Blank,
            };
            let text = if chosen.is_empty() {
                match value {
                    AnswerValue::Skip => labels::SKIP.to_string(),
                    _ => labels::BLANK.to_string(),
                }
            } else {
                chosen.join(&MULTI_SEPARATOR.to_string())
            };
            distinct.push(Answer {
                text: text.into_boxed_str(),
                value,
            });
            (distinct.len() - 1) as u32
        });
        codes.push(code);
    }
    Answers::new(codes, distinct, String::new())
}

/// A question's answers in one file: read already (option columns), or its column with whether
/// its answers are numbers that code blank and skipped, to classify.
enum Part {
    Read(Answers),
    Column(TextColumn, bool),
}

impl Part {
    /// Distinct values still to classify.
    fn distinct(&self) -> usize {
        match self {
            Part::Read(_) => 0,
            Part::Column(column, _) => column.values.len(),
        }
    }
}

/// Concatenates the answers of a question across the files of a population.
#[derive(Default)]
struct AnswerBuilder {
    parts: Vec<Answers>,
}

impl AnswerBuilder {
    fn append(&mut self, part: Answers) {
        self.parts.push(part);
    }

    fn finish(mut self) -> Answers {
        if self.parts.len() == 1 {
            return self.parts.pop().expect("one part");
        }
        let mut distinct: Vec<Answer> = Vec::new();
        let mut index: HashMap<Answer, u32> = HashMap::new();
        let rows: usize = self.parts.iter().map(|p| p.codes.len()).sum();
        let mut codes = Codes::with_capacity(rows);
        for part in &self.parts {
            let map: Vec<u32> = part
                .distinct
                .iter()
                .map(|a| {
                    *index.entry(a.clone()).or_insert_with(|| {
                        distinct.push(a.clone());
                        (distinct.len() - 1) as u32
                    })
                })
                .collect();
            codes.extend_mapped(&part.codes, &map);
        }
        Answers::new(codes, distinct, String::new())
    }
}

/// `label (count)` for each answer that fits no level.
fn unknown_summary(answers: &Answers) -> Vec<String> {
    let counts = answers.counts(None);
    let mut out: Vec<(String, u64)> = Vec::new();
    let mut add = |label: &str, n: u64| match out.iter_mut().find(|(l, _)| l == label) {
        Some(e) => e.1 += n,
        None => out.push((label.to_string(), n)),
    };
    for (a, &n) in answers.distinct.iter().zip(&counts) {
        if n == 0 {
            continue;
        }
        match &a.value {
            AnswerValue::Unknown => add(&a.text, n),
            other => {
                for u in other.unknown_parts() {
                    let (option, _) = labels::split_other(u);
                    add(option, n);
                }
            }
        }
    }
    out.into_iter().map(|(l, n)| format!("{l} ×{n}")).collect()
}
