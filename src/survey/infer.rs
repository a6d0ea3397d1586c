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
use crate::ingest::{Column, Table, TextColumn};
use crate::msg;
use hashbrown::HashTable;
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::ops::Range;

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
/// normalising changed it; then it is kept in the tally's buffer, one after another rather than
/// each in a string of its own: a free-text column of a million distinct answers is not copied
/// one allocation at a time.
#[derive(Default, Clone)]
struct LabelCounts<'a> {
    counts: Vec<(Label<'a>, u64)>,
    /// Each label's hash, kept so that joining two tallies does not hash the labels again.
    hashes: Vec<u64>,
    /// The labels normalising changed.
    text: String,
    /// Positions in `counts`, by the label's hash.
    index: HashTable<usize>,
    hasher: hashbrown::DefaultHashBuilder,
}

/// A label of a tally: the table's own text, or a span of the tally's buffer.
#[derive(Clone)]
enum Label<'a> {
    Table(&'a str),
    Kept(Range<usize>),
}

impl<'a> LabelCounts<'a> {
    /// An empty tally hashing as `hasher` does: tallies to be merged must share one.
    fn with_hasher(hasher: &hashbrown::DefaultHashBuilder) -> Self {
        LabelCounts {
            hasher: hasher.clone(),
            ..Default::default()
        }
    }

    fn text_of<'s>(&'s self, label: &Label<'a>) -> &'s str {
        match label {
            Label::Table(t) => t,
            Label::Kept(span) => &self.text[span.clone()],
        }
    }

    /// Counts `count` more answers `raw`, normalised.
    fn add_raw(&mut self, raw: &'a str, count: u64) {
        let start = self.text.len();
        let label = match labels::normalize_into(raw, &mut self.text) {
            Some(kept) => Label::Table(kept),
            None => Label::Kept(start..self.text.len()),
        };
        self.add_kept_or_table(label, count);
    }

    /// Counts `count` more answers `label` (already normalised).
    fn add(&mut self, label: &str, count: u64) {
        let start = self.text.len();
        self.text.push_str(label);
        self.add_kept_or_table(Label::Kept(start..self.text.len()), count);
    }

    /// Counts a label whose text is in place, a `Kept` one at the end of the buffer, which is
    /// given back when the label was counted before.
    fn add_kept_or_table(&mut self, label: Label<'a>, count: u64) {
        let hash = self.hasher.hash_one(self.text_of(&label));
        if let (false, Label::Kept(span)) = (self.add_label(label.clone(), hash, count), label) {
            self.text.truncate(span.start);
        }
    }

    /// Counts a label whose text is in place; whether it is new.
    fn add_label(&mut self, label: Label<'a>, hash: u64, count: u64) -> bool {
        let (counts, text) = (&mut self.counts, &self.text);
        let of = |l: &Label<'a>| match l {
            Label::Table(t) => *t,
            Label::Kept(span) => &text[span.clone()],
        };
        let wanted = of(&label);
        match self.index.find(hash, |&i| of(&counts[i].0) == wanted) {
            Some(&i) => {
                counts[i].1 += count;
                false
            }
            None => {
                let hashes = &self.hashes;
                self.index.insert_unique(hash, counts.len(), |&i| hashes[i]);
                counts.push((label, count));
                self.hashes.push(hash);
                true
            }
        }
    }

    fn reserve(&mut self, additional: usize) {
        self.counts.reserve(additional);
        self.hashes.reserve(additional);
        let hashes = &self.hashes;
        self.index.reserve(additional, |&i| hashes[i]);
    }

    /// Adds `other`'s labels after this tally's own, so the order of first appearance holds.
    /// `other` must hash as this one does (made `with_hasher` the same hasher). Its buffer is
    /// taken whole, with the text of labels counted here before.
    fn merge(&mut self, other: LabelCounts<'a>) {
        self.reserve(other.counts.len());
        let base = self.text.len();
        self.text.push_str(&other.text);
        for ((label, n), hash) in other.counts.into_iter().zip(other.hashes) {
            let label = match label {
                Label::Kept(span) => Label::Kept(span.start + base..span.end + base),
                table => table,
            };
            self.add_label(label, hash, n);
        }
    }

    /// Answered labels (markers set aside), most frequent first, ties in order of appearance.
    fn answered(&self, number_download: bool) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self
            .counts
            .iter()
            .map(|(l, n)| (self.text_of(l), *n))
            .filter(|(l, _)| labels::marker_in(l, number_download).is_none())
            .collect();
        v.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        v
    }
}

/// The most distinct values one piece of tallying takes: a free-text column's hundreds of
/// thousands are normalised in pieces on every core rather than by one while the others wait.
const PIECE: usize = 1 << 15;

/// A run of one column's distinct values in one table, tallied as one piece of work.
struct Piece<'t, 'p> {
    /// The candidate (question) whose answers these are.
    candidate: usize,
    column: &'t TextColumn,
    /// How often each of the column's values was given, by code.
    given: &'p [u64],
    values: Range<usize>,
    hasher: &'p hashbrown::DefaultHashBuilder,
}

impl<'t> Piece<'t, '_> {
    fn tally(&self) -> LabelCounts<'t> {
        let mut lc = LabelCounts::with_hasher(self.hasher);
        lc.reserve(self.values.len());
        let values = &self.column.values[self.values.clone()];
        for (value, &count) in values.iter().zip(&self.given[self.values.clone()]) {
            if count > 0 {
                lc.add_raw(value, count);
            }
        }
        lc
    }
}

/// Each candidate's answers over every table, tallied by label in order of first appearance:
/// the columns and the runs of a long column spread over the cores.
fn tally_answers<'t>(
    tables: &'t [Table],
    first: &Table,
    candidates: &[Candidate],
) -> Vec<LabelCounts<'t>> {
    // The column of each candidate in each table: matched by header, else by position.
    let same_columns: Vec<HashMap<String, usize>> = tables.iter().map(header_positions).collect();
    let mut columns: Vec<(usize, &TextColumn)> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        if c.option_columns {
            continue;
        }
        let key = labels::normalize(&first.headers[c.columns[0]]).into_owned();
        for (table, positions) in tables.iter().zip(&same_columns) {
            let col = positions.get(&key).copied().unwrap_or(c.columns[0]);
            if let Some(Column::Text(t)) = table.columns.get(col) {
                columns.push((i, t));
            }
        }
    }
    tally_columns(&columns, candidates.len(), PIECE)
}

/// Tallies of `candidates` questions from `columns` (a question's columns in table order), in
/// pieces of at most `piece` distinct values.
fn tally_columns<'t>(
    columns: &[(usize, &'t TextColumn)],
    candidates: usize,
    piece: usize,
) -> Vec<LabelCounts<'t>> {
    // How often each value was given: a pass over the rows, a column per core.
    let given: Vec<Vec<u64>> =
        crate::parallel::map(columns, |(_, t)| t.codes.histogram(t.values.len(), None));
    let hasher = &hashbrown::DefaultHashBuilder::default();
    let pieces: Vec<Piece> = columns
        .iter()
        .zip(&given)
        .flat_map(|(&(candidate, column), given)| {
            (0..column.values.len())
                .step_by(piece)
                .map(move |start| Piece {
                    candidate,
                    column,
                    given,
                    values: start..(start + piece).min(column.values.len()),
                    hasher,
                })
        })
        .collect();
    let tallies = crate::parallel::map_heaviest_first(&pieces, |p| p.values.len(), Piece::tally);
    // Joined in table and value order, a candidate's pieces on one core.
    let mut by_candidate: Vec<Vec<LabelCounts<'t>>> = (0..candidates).map(|_| Vec::new()).collect();
    for (piece, tally) in pieces.iter().zip(tallies) {
        by_candidate[piece.candidate].push(tally);
    }
    crate::parallel::map_owned_heaviest_first(
        by_candidate,
        |parts| parts.iter().skip(1).map(|p| p.counts.len()).sum::<usize>(),
        |parts| {
            let mut parts = parts.into_iter();
            let mut joined = parts
                .next()
                .unwrap_or_else(|| LabelCounts::with_hasher(hasher));
            // Grown once for every piece: growing at each would place the labels again.
            let rest = parts.as_slice();
            joined.reserve(rest.iter().map(|p| p.counts.len()).sum());
            joined.text.reserve(rest.iter().map(|p| p.text.len()).sum());
            for part in parts {
                joined.merge(part);
            }
            joined
        },
    )
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
    let counts = tally_answers(tables, first, &candidates);
    let mut matrix_counts: HashMap<u32, LabelCounts> = HashMap::new();
    for (c, lc) in candidates.iter().zip(&counts) {
        if let Some(n) = c.matrix {
            // The first row's tally, copied, so the union hashes as the rows do.
            match matrix_counts.entry(n) {
                Entry::Occupied(mut union) => union.get_mut().merge(lc.clone()),
                Entry::Vacant(v) => {
                    v.insert(lc.clone());
                }
            }
        }
    }
    // Each other question's answers ordered on every core: a free-text column's are many.
    let order: Vec<usize> = (0..candidates.len()).collect();
    let answered: Vec<Counted> = crate::parallel::map_heaviest_first(
        &order,
        |&i| counts[i].counts.len(),
        |&i| match candidates[i].matrix {
            None => counts[i].answered(number_download),
            Some(_) => Vec::new(),
        },
    );

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
            let union;
            let answers = match c.matrix {
                Some(n) => {
                    union = matrix_counts[&n].answered(number_download);
                    &union
                }
                None => &answered[i],
            };
            let scale_id = match c.matrix {
                Some(n) => format!("q{n}_scale"),
                None => format!("{id}_scale"),
            };
            let decided = chooser.decide(&id, &scale_id, &text, answers);
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
            let (m, r) = labels::separators(l);
            multiple |= m;
            ranking |= r;
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
                    options.add(&labels::normalize(option), *n);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Codes;

    fn column(values: &[&str], codes: &[u32]) -> TextColumn {
        let mut c = Codes::default();
        for &code in codes {
            c.push(code);
        }
        TextColumn {
            values: values.iter().map(|v| v.to_string()).collect(),
            codes: c,
        }
    }

    fn listed<'t>(lc: &'t LabelCounts) -> Vec<(&'t str, u64)> {
        lc.counts.iter().map(|(l, n)| (lc.text_of(l), *n)).collect()
    }

    #[test]
    fn tallies_in_pieces_as_in_one() {
        // Labels that normalise alike fall in different pieces, a value is never given, and the
        // second question's answers come from two files.
        let first = column(
            &[
                "满意",
                "满意 ",
                "（空）",
                "不满意。",
                "没人选",
                "(空)",
                "不满意",
                "满意。",
            ],
            &[0, 1, 2, 3, 5, 6, 7, 0, 0, 3, 7, 2],
        );
        let second_a = column(&["是", "否", "不清楚"], &[0, 1, 2, 2, 0]);
        let second_b = column(&["否 ", "是", "ＹＥＳ"], &[0, 1, 2, 0]);
        let columns = [(0, &first), (1, &second_a), (1, &second_b)];
        let whole = tally_columns(&columns, 3, usize::MAX);
        assert_eq!(listed(&whole[0]), [("满意", 6), ("(空)", 3), ("不满意", 3)]);
        assert_eq!(
            listed(&whole[1]),
            [("是", 3), ("否", 3), ("不清楚", 2), ("YES", 1)]
        );
        assert!(whole[2].counts.is_empty());
        for piece in 1..=4 {
            let pieces = tally_columns(&columns, 3, piece);
            for (p, w) in pieces.iter().zip(&whole) {
                assert_eq!(listed(p), listed(w), "pieces of {piece}");
            }
        }
    }
}
