//! Inferring a questionnaire from exports when there is no definition: questions from the numbered
//! headers, metadata set aside, each question's scale read from its answers — a built-in scale only
//! when the labels used map one-to-one onto its levels, else the questionnaire's own ordered scale
//! read from the labels' words (`ordinal`), numbers as scores or a 0–10 recommendation, rankings
//! (`→`), multiple choice (`┋`, or one column per option), options as found, or free text.
//! "Cannot say" answers are set aside as not applicable on every scale. Nothing is merged or
//! dropped; when the reading is unsure, the plain one is taken and a note says so. It never fails
//! on what it finds: a column it cannot place becomes a question of its own.

use super::headers::{
    HeaderRole, QuestionHeader, classify_all, classify_table, is_number_download,
};
use super::labels::{self, MULTI_SEPARATOR, RANK_SEPARATOR};
use super::ordinal::{self, PositiveRule};
use super::{
    LabelMatch, Level, Locator, Measure, Population, Question, QuestionKind, Scale, ScaleIndex,
    Survey, builtin,
};
use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::ingest::{Column, Table};
use crate::msg;
use hashbrown::HashTable;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

/// What inference noticed that a person should check, written as comments by `wenjuan init` in
/// the reader's language: above a question, or above a scale (`scale` set) to say why it was
/// chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub question: String,
    pub scale: Option<String>,
    pub text: Message,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Inferred {
    pub survey: Survey,
    pub notes: Vec<Note>,
}

/// Labels with how often each was given.
type Counted<'a> = Vec<(&'a str, u64)>;

/// A single choice question has at most this many distinct answers; more is free text.
const MAX_OPTIONS: usize = 30;

/// A scale recognised from its labels may leave at most this share of the answers unknown; beyond
/// it the reading is unsure.
const MAX_UNKNOWN: f64 = 0.1;

/// Distinct answers with how often each occurs. A label is the table's own string unless
/// normalising changed it: a free-text column of a million distinct answers is not copied.
#[derive(Default, Clone)]
struct LabelCounts<'a> {
    counts: Vec<(Cow<'a, str>, u64)>,
    /// Positions in `counts`, by the label's hash.
    index: HashTable<usize>,
    hasher: hashbrown::DefaultHashBuilder,
}

impl<'a> LabelCounts<'a> {
    fn add(&mut self, label: Cow<'a, str>, count: u64) {
        let hash = self.hasher.hash_one(label.as_ref());
        let counts = &mut self.counts;
        match self.index.find(hash, |&i| counts[i].0 == label) {
            Some(&i) => counts[i].1 += count,
            None => {
                let hasher = &self.hasher;
                self.index.insert_unique(hash, counts.len(), |&i| {
                    hasher.hash_one(counts[i].0.as_ref())
                });
                counts.push((label, count));
            }
        }
    }

    fn reserve(&mut self, additional: usize) {
        self.counts.reserve(additional);
        let (counts, hasher) = (&self.counts, &self.hasher);
        self.index
            .reserve(additional, |&i| hasher.hash_one(counts[i].0.as_ref()));
    }

    fn merge(&mut self, other: &LabelCounts<'a>) {
        for (l, n) in &other.counts {
            self.add(l.clone(), *n);
        }
    }

    /// Answered labels (markers set aside), most frequent first, ties in order of appearance.
    fn answered(&self, number_download: bool) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self
            .counts
            .iter()
            .filter(|(l, _)| labels::marker_in(l, number_download).is_none())
            .map(|(l, n)| (l.as_ref(), *n))
            .collect();
        v.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        v
    }
}

fn column_labels<'a>(table: &'a Table, column: usize, into: &mut LabelCounts<'a>) {
    if let Some(Column::Text(c)) = table.columns.get(column) {
        let counts = c.codes.histogram(c.values.len(), None);
        // Room for every label at once: a free-text column has hundreds of thousands.
        into.reserve(c.values.len());
        for (value, count) in c.values.iter().zip(counts) {
            if count > 0 {
                into.add(labels::normalize(value), count);
            }
        }
    }
}

/// One question as found in the first export: its columns and what they hold.
struct Candidate {
    header: QuestionHeader,
    columns: Vec<usize>,
    option_columns: bool,
    /// A matrix row or fill-in field: its number is shared with siblings.
    matrix: Option<u32>,
}

/// Infers the questionnaire of `tables`, which must share one layout, as one population.
pub fn infer(tables: &[Table], population: &str) -> Result<Inferred> {
    let first = tables
        .first()
        .ok_or_else(|| Error::usage(msg!(definition.no_export_to_infer)))?;
    let roles = classify_table(first);
    check_same_layout(tables, &roles)?;
    let number_download = is_number_download(&roles);
    let candidates = candidates(&roles);
    let ids = question_ids(&candidates);

    // Answers per question over every file, and per matrix the union of its rows' answers.
    let same_columns: Vec<HashMap<String, usize>> = tables.iter().map(header_positions).collect();
    // Tallying a column's labels is a pass over its rows: the columns spread over the cores.
    let distinct = |c: &Candidate| match first.columns.get(c.columns[0]) {
        Some(Column::Text(t)) if !c.option_columns => t.values.len(),
        _ => 0,
    };
    let counts: Vec<LabelCounts> =
        crate::parallel::map_heaviest_first(&candidates, distinct, |c| {
            let mut lc = LabelCounts::default();
            if !c.option_columns {
                let key = labels::normalize(&first.headers[c.columns[0]]).into_owned();
                for (table, positions) in tables.iter().zip(&same_columns) {
                    let col = positions.get(&key).copied().unwrap_or(c.columns[0]);
                    column_labels(table, col, &mut lc);
                }
            }
            lc
        });
    let mut matrix_counts: HashMap<u32, LabelCounts> = HashMap::new();
    for (c, lc) in candidates.iter().zip(&counts) {
        if let Some(n) = c.matrix {
            matrix_counts.entry(n).or_default().merge(lc);
        }
    }

    let mut chooser = Chooser::new(number_download);
    let mut questions: Vec<Question> = Vec::new();
    // Matrix rows share a scale: decided once, on the union of their answers.
    let mut matrix_scale: HashMap<u32, (QuestionKind, Option<usize>)> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        let id = ids[i].clone();
        let text = if c.option_columns {
            c.header.stem.clone()
        } else {
            c.header.text.clone()
        };
        let (kind, scale) = if c.option_columns {
            chooser.option_columns(&id, c, &roles)
        } else if let Some(&decided) = c.matrix.and_then(|n| matrix_scale.get(&n)) {
            decided
        } else {
            let answers = match c.matrix {
                Some(n) => &matrix_counts[&n],
                None => &counts[i],
            };
            let scale_id = match c.matrix {
                Some(n) => format!("q{n}_scale"),
                None => format!("{id}_scale"),
            };
            let decided = chooser.decide(&id, &scale_id, &text, &answers.answered(number_download));
            if let Some(n) = c.matrix {
                matrix_scale.insert(n, decided);
            }
            decided
        };
        let locator = unique_locator(c, &roles, first, &id, &mut chooser.notes);
        questions.push(Question {
            id,
            text,
            kind,
            scale,
            locator,
            dimensions: c
                .matrix
                .map(|_| c.header.stem.clone())
                .into_iter()
                .collect(),
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
            scales: chooser.scales,
            questions,
            validity: Default::default(),
            groups: Vec::new(),
            weightings: Vec::new(),
            indicators: Vec::new(),
            grading: Default::default(),
            themes: Vec::new(),
            report: Default::default(),
        },
        notes: chooser.notes,
    })
}

/// Columns grouped into questions: a question per column, except 按序号 / 腾讯问卷 option columns,
/// which make one multiple-choice question per number.
fn candidates(roles: &[HeaderRole]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut option_group: HashMap<u32, usize> = HashMap::new();
    for (col, role) in roles.iter().enumerate() {
        let header = match role {
            HeaderRole::Question(h) => h.clone(),
            HeaderRole::Plain(text) => QuestionHeader {
                number: 0,
                text: text.clone(),
                stem: text.clone(),
                item: None,
                option: None,
                colon: false,
            },
            HeaderRole::Meta(_) | HeaderRole::Blank => continue,
        };
        if header.option.is_some() {
            if let Some(&i) = option_group.get(&header.number) {
                out[i].columns.push(col);
                continue;
            }
            option_group.insert(header.number, out.len());
        }
        out.push(Candidate {
            option_columns: header.option.is_some(),
            matrix: (header.item.is_some() && header.number > 0).then_some(header.number),
            header,
            columns: vec![col],
        });
    }
    out
}

/// Ids: `q` + the questionnaire's number; matrix rows and fill-in fields `q5_1`, `q5_2` … in
/// column order; in an export whose questions carry no numbers (金数据), `q` + their order;
/// other unnumbered columns by their header (or position); never two alike.
fn question_ids(candidates: &[Candidate]) -> Vec<String> {
    let unnumbered = candidates.iter().all(|c| c.header.number == 0);
    let mut ids: Vec<String> = Vec::with_capacity(candidates.len());
    let mut taken: HashSet<String> = HashSet::new();
    let mut rows_of: HashMap<u32, usize> = HashMap::new();
    for c in candidates {
        let id = match c.matrix {
            Some(n) => {
                let k = rows_of.entry(n).or_default();
                *k += 1;
                format!("q{n}_{k}")
            }
            None if c.header.number > 0 => format!("q{}", c.header.number),
            None if unnumbered => format!("q{}", ids.len() + 1),
            None => plain_id(&c.header.text, c.columns[0]),
        };
        let mut unique = id.clone();
        let mut n = 2;
        while taken.contains(&unique) {
            unique = format!("{id}_{n}");
            n += 1;
        }
        taken.insert(unique.clone());
        ids.push(unique);
    }
    ids
}

/// How a question's column is found again: by its number (and item) when that names exactly its
/// columns, else by its whole header when that is unique, else by position — never a locator that
/// would match a neighbour too.
fn unique_locator(
    c: &Candidate,
    roles: &[HeaderRole],
    table: &Table,
    id: &str,
    notes: &mut Vec<Note>,
) -> Locator {
    let numbered: Vec<usize> = roles
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, HeaderRole::Question(h) if c.header.number > 0 && h.number == c.header.number))
        .map(|(i, _)| i)
        .collect();
    let item_key = c.header.item.as_deref().map(labels::match_key);
    let by_number: Vec<usize> = numbered
        .iter()
        .copied()
        .filter(|&i| match (&roles[i], &item_key) {
            (HeaderRole::Question(h), Some(key)) => {
                h.item.as_deref().map(labels::match_key).as_ref() == Some(key)
            }
            _ => true,
        })
        .collect();
    if c.header.number > 0 && by_number == c.columns {
        return Locator::Number {
            number: c.header.number,
            item: c.header.item.clone(),
        };
    }
    let header = labels::normalize(&table.headers[c.columns[0]]).into_owned();
    let key = labels::match_key(&header);
    let same = table
        .headers
        .iter()
        .filter(|h| labels::match_key(h) == key)
        .count();
    if c.columns.len() == 1 && same == 1 && !header.is_empty() {
        return Locator::Header(header);
    }
    notes.push(Note {
        question: id.to_string(),
        scale: None,
        text: msg!(definition.note_by_position, c.columns[0] + 1),
    });
    Locator::Column(c.columns[0] + 1)
}

/// Chooses each question's kind and scale, collecting the scales and the notes.
struct Chooser {
    number_download: bool,
    builtins: Vec<(Scale, ScaleIndex)>,
    scales: Vec<Scale>,
    notes: Vec<Note>,
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

/// Words of a 0–10 "how likely are you to recommend" question.
const RECOMMEND: [&str; 3] = ["推荐", "recommend", "NPS"];

impl Chooser {
    fn new(number_download: bool) -> Chooser {
        Chooser {
            number_download,
            builtins: builtin::all()
                .into_iter()
                .map(|s| {
                    let index = ScaleIndex::new(&s);
                    (s, index)
                })
                .collect(),
            scales: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn note(&mut self, question: &str, text: Message) {
        self.notes.push(Note {
            question: question.to_string(),
            scale: None,
            text,
        });
    }

    fn add_scale(&mut self, scale: Scale, why: Option<Message>) -> usize {
        if let Some(why) = why {
            self.notes.push(Note {
                question: String::new(),
                scale: Some(scale.id.clone()),
                text: why,
            });
        }
        self.scales.push(scale);
        self.scales.len() - 1
    }

    /// 按序号 or 腾讯问卷 option columns: one multiple-choice question, options in column order.
    fn option_columns(
        &mut self,
        id: &str,
        c: &Candidate,
        roles: &[HeaderRole],
    ) -> (QuestionKind, Option<usize>) {
        let levels: Vec<Level> = c
            .columns
            .iter()
            .map(|&col| match &roles[col] {
                HeaderRole::Question(h) => Level::new(h.option.as_deref().unwrap_or("")),
                _ => Level::new(""),
            })
            .collect();
        let scale = options_scale(&format!("{id}_options"), levels, Vec::new());
        (QuestionKind::Multiple, Some(self.add_scale(scale, None)))
    }

    /// Kind and scale from a question's answered labels (most frequent first).
    fn decide(
        &mut self,
        id: &str,
        scale_id: &str,
        text: &str,
        answered: &[(&str, u64)],
    ) -> (QuestionKind, Option<usize>) {
        if answered.is_empty() {
            self.note(id, msg!(definition.note_no_answers));
            return (QuestionKind::Text, None);
        }
        // One pass for both separators: a free-text column's labels are read through once.
        let (mut multiple, mut ranking) = (false, false);
        for (l, _) in answered {
            multiple |= l.contains(MULTI_SEPARATOR);
            ranking |= l.contains(RANK_SEPARATOR);
            if multiple {
                break;
            }
        }
        if multiple {
            return self.multiple(scale_id, answered);
        }
        if ranking {
            return self.ranking(id, scale_id, answered);
        }
        // Where the answers are numbers, -2 and -3 are the blank and skip codes.
        let numeric = answered.iter().all(|(l, _)| labels::number(l).is_some());
        // "Cannot say" answers are set aside on every scale: reported, never counted in n. The
        // labels are copied only when some are set aside (a free-text column has a third of a
        // million).
        let marker = |l: &str| numeric && labels::marker_in(l, true).is_some();
        let aside: Vec<usize> = (0..answered.len())
            .filter(|&i| marker(answered[i].0) || labels::is_cannot_say(answered[i].0))
            .collect();
        let cannot_say: Counted = aside
            .iter()
            .map(|&i| answered[i])
            .filter(|(l, _)| !marker(l))
            .collect();
        let rated: Cow<[(&str, u64)]> = if aside.is_empty() {
            Cow::Borrowed(answered)
        } else {
            let mut aside = aside.iter().peekable();
            Cow::Owned(
                (0..answered.len())
                    .filter(|i| aside.next_if_eq(&i).is_none())
                    .map(|i| answered[i])
                    .collect(),
            )
        };
        let not_applicable: Vec<Level> = cannot_say.iter().map(|(l, _)| Level::new(l)).collect();
        if rated.is_empty() {
            let scale = options_scale(scale_id, Vec::new(), not_applicable);
            return (QuestionKind::Single, Some(self.add_scale(scale, None)));
        }
        if let Some(index) = self.builtin(id, scale_id, &rated) {
            return (QuestionKind::Single, Some(index));
        }
        if let Some(ordered) = ordinal::infer(&rated) {
            let why = ordered_note(&ordered);
            if !ordered.ties.is_empty() {
                let ties: Vec<String> = ordered.ties.iter().map(|t| t.join(" = ")).collect();
                self.note(id, msg!(definition.note_equal_levels, ties.join("；")));
            }
            if !ordered.unread.is_empty() {
                let unread: Vec<String> = rated
                    .iter()
                    .filter(|(l, _)| ordered.unread.iter().any(|u| u == l))
                    .map(|(l, n)| format!("{l} ({n})"))
                    .collect();
                self.note(id, msg!(definition.note_unread_answers, unread.join(", ")));
            }
            let scale = Scale {
                id: scale_id.to_string(),
                name: String::new(),
                measure: ordered.measure,
                levels: ordered.levels,
                not_applicable,
                line: None,
            };
            return (QuestionKind::Single, Some(self.add_scale(scale, Some(why))));
        }
        if let Some(decided) = self.numbers(id, scale_id, text, &rated, &not_applicable) {
            return decided;
        }
        // Options as found: few distinct short answers, chosen twice each on average. Free text
        // is long, or nearly every answer differs, or asked for in the question.
        if OPEN_ENDED.iter().any(|w| text.contains(w)) {
            return (QuestionKind::Text, None);
        }
        let total: u64 = rated.iter().map(|(_, n)| n).sum();
        let distinct = rated.len();
        let mean_chars = || rated.iter().map(|(l, _)| l.chars().count()).sum::<usize>() / distinct;
        if distinct <= MAX_OPTIONS && total >= 2 * distinct as u64 && mean_chars() <= 24 {
            let mut rated = rated.into_owned();
            // Numbers (a 1/2 coded question) in their order; words most frequent first.
            if rated.iter().all(|(l, _)| labels::number(l).is_some()) {
                rated.sort_by_key(|(l, _)| labels::number(l));
            }
            let levels = rated.iter().map(|(l, _)| Level::new(l)).collect();
            let scale = options_scale(scale_id, levels, not_applicable);
            return (QuestionKind::Single, Some(self.add_scale(scale, None)));
        }
        (QuestionKind::Text, None)
    }

    /// Multiple choice joined by `┋`: the options as found, "other" text set aside.
    fn multiple(
        &mut self,
        scale_id: &str,
        answered: &[(&str, u64)],
    ) -> (QuestionKind, Option<usize>) {
        let mut options = LabelCounts::default();
        for (l, n) in answered {
            for part in l.split(MULTI_SEPARATOR) {
                let part = labels::normalize(part);
                let (option, _) = labels::split_other(&part);
                if !option.is_empty() {
                    options.add(Cow::Owned(labels::normalize(option).into_owned()), *n);
                }
            }
        }
        let levels = options
            .answered(false)
            .iter()
            .map(|(l, _)| Level::new(l))
            .collect();
        let scale = options_scale(scale_id, levels, Vec::new());
        (QuestionKind::Multiple, Some(self.add_scale(scale, None)))
    }

    /// A ranking (排序): the options as found in the answers, in order of appearance.
    fn ranking(
        &mut self,
        id: &str,
        scale_id: &str,
        answered: &[(&str, u64)],
    ) -> (QuestionKind, Option<usize>) {
        let mut options: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for (l, _) in answered {
            for part in l.split(RANK_SEPARATOR) {
                let part = labels::normalize(part).into_owned();
                let (option, _) = labels::split_other(&part);
                let option = option.to_string();
                if !option.is_empty() && seen.insert(option.clone()) {
                    options.push(option);
                }
            }
        }
        self.note(id, msg!(definition.note_ranking, options.len()));
        let levels = options.iter().map(|o| Level::new(o)).collect();
        let scale = options_scale(scale_id, levels, Vec::new());
        (QuestionKind::Ranking, Some(self.add_scale(scale, None)))
    }

    /// A built-in scale whose levels the labels map onto one-to-one (no two labels on one level,
    /// at least two levels used, a few answers outside it at most — those are reported as
    /// unknown), with each level shown as the export writes it.
    fn builtin(&mut self, id: &str, scale_id: &str, rated: &[(&str, u64)]) -> Option<usize> {
        let total: u64 = rated.iter().map(|(_, n)| n).sum();
        let mut best: Option<(usize, u64, Vec<Option<String>>)> = None;
        for (b, (scale, index)) in self.builtins.iter().enumerate() {
            let mut used: Vec<Option<String>> = vec![None; scale.levels.len()];
            let mut matched = 0u64;
            let mut unmatched = 0u64;
            // Stops at the first label that breaks one-to-one, or once too many answers are
            // unknown for the scale to fit (a free-text column stops after a few labels).
            let one_to_one = rated.iter().all(|(l, n)| match index.lookup_text(l) {
                Some(LabelMatch::Level(k)) => {
                    let slot = &mut used[k as usize];
                    matched += n;
                    match slot {
                        Some(other) => other == l,
                        None => {
                            *slot = Some(l.to_string());
                            true
                        }
                    }
                }
                _ => {
                    unmatched += n;
                    unmatched as f64 <= MAX_UNKNOWN * total as f64
                }
            });
            let levels_used = used.iter().filter(|u| u.is_some()).count();
            let mostly = (total - matched) as f64 <= MAX_UNKNOWN * total as f64;
            if one_to_one
                && mostly
                && levels_used >= 2
                && best.as_ref().is_none_or(|(_, m, _)| matched > *m)
            {
                best = Some((b, matched, used));
            }
        }
        let (b, _, used) = best?;
        let index = &self.builtins[b].1;
        let unknown: Vec<String> = rated
            .iter()
            .filter(|(l, _)| index.lookup_text(l).is_none())
            .map(|(l, n)| format!("{l} ({n})"))
            .collect();
        if !unknown.is_empty() {
            let scale = self.builtins[b].0.id.clone();
            self.note(
                id,
                msg!(definition.note_unknown_answers, scale, unknown.join(", ")),
            );
        }
        let mut scale = self.builtins[b].0.clone();
        let mut renamed = false;
        for (level, label) in scale.levels.iter_mut().zip(used) {
            if let Some(label) = label
                && label != level.label
            {
                // Shown as the respondents saw it; the built-in name stays as an alias, and the
                // alias the export used is now the label (a label listed twice is refused).
                let key = labels::match_key(&label);
                level.aliases.retain(|a| labels::match_key(a) != key);
                level
                    .aliases
                    .push(std::mem::replace(&mut level.label, label));
                renamed = true;
            }
        }
        if let Some(i) = self.scales.iter().position(|s| *s == scale) {
            return Some(i);
        }
        if renamed {
            scale.id = scale_id.to_string();
        }
        let why = msg!(definition.note_builtin_scale, self.builtins[b].0.id);
        Some(self.add_scale(scale, Some(why)))
    }

    /// Answers that are all whole numbers: a 0–10 recommendation, scores (问卷星 按分数, the
    /// highest best; a 0 among higher scores is a "cannot say" option), or option numbers
    /// (按序号, in option order). `None` when they are not numbers, or too few or too spread to be
    /// a scale.
    fn numbers(
        &mut self,
        id: &str,
        scale_id: &str,
        text: &str,
        rated: &[(&str, u64)],
        not_applicable: &[Level],
    ) -> Option<(QuestionKind, Option<usize>)> {
        let values: Vec<i64> = rated
            .iter()
            .map(|(l, _)| labels::number(l))
            .collect::<Option<_>>()?;
        let label_of: HashMap<i64, &str> = values
            .iter()
            .copied()
            .zip(rated.iter().map(|(l, _)| *l))
            .collect();
        let mut not_applicable = not_applicable.to_vec();
        if self.number_download {
            // Option numbers in option order; which is best is the questionnaire's to say.
            let mut sorted = values.clone();
            sorted.sort_unstable();
            self.note(id, msg!(definition.note_option_numbers));
            let levels = sorted.iter().map(|v| Level::new(label_of[v])).collect();
            let scale = options_scale(scale_id, levels, not_applicable);
            return Some((QuestionKind::Single, Some(self.add_scale(scale, None))));
        }
        let recommend = RECOMMEND.iter().any(|w| text.contains(w));
        let (min, max) = (*values.iter().min()?, *values.iter().max()?);
        if min < 0 || max > 1000 || (recommend && max > 10) {
            return None;
        }
        let mut scored: Vec<i64> = values.clone();
        // 问卷星 按分数 scores a "cannot say" option 0; on a 0–10 rating 0 is a rating.
        let eleven_points = recommend || (8..=10).contains(&max);
        if min == 0 && !eleven_points {
            scored.retain(|&v| v != 0);
            not_applicable.push(Level::new(label_of[&0]));
            self.note(id, msg!(definition.note_zero_score));
        }
        scored.sort_unstable();
        scored.dedup();
        if scored.len() < 3 && !recommend {
            return None;
        }
        let (low, high) = if recommend {
            (0, 10)
        } else {
            (*scored.first()?, *scored.last()?)
        };
        // Scores step evenly (1, or 20 for 100/80/60/40/20): the levels nobody chose still belong.
        let step = scored.windows(2).fold(0, |g, w| gcd(g, w[1] - w[0])).max(1);
        let step = if recommend { 1 } else { step };
        if (high - low) / step > 20 {
            return None;
        }
        let suffix = if rated.iter().any(|(l, _)| l.trim().ends_with('分')) {
            "分"
        } else {
            ""
        };
        let steps: Vec<i64> = (0..=(high - low) / step).map(|i| high - i * step).collect();
        let k = steps.len();
        // Promoters (9–10) to recommend; otherwise the levels above the middle one (the upper
        // half when there is no middle one).
        let positive = |i: usize, v: i64| if recommend { v >= 9 } else { i < k / 2 };
        let levels: Vec<Level> = steps
            .iter()
            .enumerate()
            .map(|(i, &v)| Level {
                score: Some(v as f64),
                positive: positive(i, v),
                ..Level::new(
                    label_of
                        .get(&v)
                        .map_or(format!("{v}{suffix}"), |l| l.to_string())
                        .as_str(),
                )
            })
            .collect();
        let lowest_positive = levels
            .iter()
            .rfind(|l| l.positive)
            .map_or(String::new(), |l| l.label.clone());
        let (measure, why) = if recommend {
            (
                Measure::Recommendation,
                msg!(definition.note_recommendation),
            )
        } else {
            let (best, worst) = (&levels[0].label, &levels[k - 1].label);
            (
                Measure::Other,
                msg!(definition.note_scores, best, worst, lowest_positive),
            )
        };
        let scale = Scale {
            id: scale_id.to_string(),
            name: String::new(),
            measure,
            levels,
            not_applicable,
            line: None,
        };
        Some((QuestionKind::Single, Some(self.add_scale(scale, Some(why)))))
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}

/// A scale of options (no scores, no positive levels).
fn options_scale(id: &str, levels: Vec<Level>, not_applicable: Vec<Level>) -> Scale {
    Scale {
        id: id.to_string(),
        name: String::new(),
        measure: Measure::Other,
        levels,
        not_applicable,
        line: None,
    }
}

/// Why a scale read from its labels counts the levels it counts.
fn ordered_note(o: &ordinal::Ordered) -> Message {
    // Best first; labels said equally strongly joined by `=`.
    let order: Vec<String> = o
        .levels
        .chunk_by(|a, b| a.score == b.score)
        .map(|group| {
            group
                .iter()
                .map(|l| l.label.as_str())
                .collect::<Vec<_>>()
                .join(" = ")
        })
        .collect();
    let positive: Vec<&str> = o
        .levels
        .iter()
        .filter(|l| l.positive)
        .map(|l| l.label.as_str())
        .collect();
    let (order, positive) = (order.join(" > "), positive.join("、"));
    match &o.rule {
        PositiveRule::AboveNeutral => msg!(definition.note_ordered_neutral, order, positive),
        PositiveRule::AboveMiddle { middle } => {
            msg!(definition.note_ordered_middle, order, positive, middle)
        }
        PositiveRule::UpperHalf => msg!(definition.note_ordered_half, order, positive),
    }
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

/// Each header of `table` (normalised) with its column, so that a question of the first file is
/// found in the others by its header.
fn header_positions(table: &Table) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for (i, h) in table.headers.iter().enumerate() {
        out.entry(labels::normalize(h).into_owned()).or_insert(i);
    }
    out
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
