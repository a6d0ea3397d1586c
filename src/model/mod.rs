//! The columnar model of a population's responses: every file of the population read, each
//! question's answers as one small code per response into a table of distinct answers, each answer
//! classified once against the question's scale. Figures are counts over these codes.

pub mod build;
pub mod filter;
pub mod load;

pub use build::build;

use crate::ingest::{Codes, Table};
use crate::survey::headers::MetaField;
use std::collections::HashMap;

/// What one distinct answer means.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AnswerValue {
    /// A level of the question's scale (index into its levels).
    Level(u16),
    /// A "cannot say" answer (index into the scale's not-applicable labels).
    NotApplicable(u16),
    /// Left empty (`(空)` or an empty cell).
    Blank,
    /// Skipped by the questionnaire's logic (`(跳过)`).
    Skip,
    /// A label that fits no level of the scale.
    Unknown,
    /// The options chosen in a multiple-choice answer (bit i = option i), and any parts that fit
    /// no option.
    Options { mask: u64, unknown: Box<[String]> },
    /// A ranking: the options in the order given (indices into the scale's levels), and any parts
    /// that fit no option.
    Ranking {
        order: Box<[u16]>,
        unknown: Box<[String]>,
    },
    /// A free-text answer.
    Text,
}

impl AnswerValue {
    /// An answer that says something (counts toward n for free text and multiple choice).
    pub fn is_answered(&self) -> bool {
        !matches!(self, AnswerValue::Blank | AnswerValue::Skip)
    }

    /// The parts of a multiple-choice or ranking answer that fit no option.
    pub fn unknown_parts(&self) -> &[String] {
        match self {
            AnswerValue::Options { unknown, .. } | AnswerValue::Ranking { unknown, .. } => unknown,
            _ => &[],
        }
    }
}

/// One distinct answer: as written in the export (normalised) and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Answer {
    /// Boxed: a third of a million free-text answers per million responses save its capacity.
    pub text: Box<str>,
    pub value: AnswerValue,
}

/// A question's answers for every response of a population.
#[derive(Debug, Clone)]
pub struct Answers {
    /// Per response: index into `distinct`.
    pub codes: Codes,
    pub distinct: Vec<Answer>,
    /// The question's header in the first file, without its number (a matrix row keeps its item).
    pub header: String,
    /// How many rows carry each distinct answer, counted once on first use.
    totals: std::sync::OnceLock<Vec<u64>>,
    /// Free text: the words of each distinct answer, segmented once on first use.
    segmented: std::sync::OnceLock<Segmented>,
}

/// The words of a free-text question's distinct answers, by the caller's segmenter: the same
/// whatever the filter, weights or interval, so the figures are recounted without segmenting
/// again.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    /// Every word, numbered by its place here.
    pub words: Vec<String>,
    /// The numbers of every answer's words, one answer after another: a vector per answer would
    /// cost more than its words (a third of a million free-text answers per million responses).
    numbers: Vec<u32>,
    /// Where each distinct answer's numbers end in `numbers`.
    ends: Vec<u32>,
}

impl Segmented {
    /// Adds the next distinct answer's word numbers (none for an answer that says nothing).
    pub fn push(&mut self, numbers: impl IntoIterator<Item = u32>) {
        self.numbers.extend(numbers);
        self.ends.push(self.numbers.len() as u32);
    }

    /// The answers of `parts`, each segmented on its own, one part after another: a word keeps
    /// the number the first part to use it gave it, and a later part's new words take the next
    /// free numbers.
    pub fn join(parts: Vec<Segmented>) -> Segmented {
        let mut joined = Segmented::default();
        let mut number: hashbrown::HashMap<String, u32> = hashbrown::HashMap::new();
        for part in parts {
            let renumber: Vec<u32> = part
                .words
                .into_iter()
                .map(|w| {
                    let next = joined.words.len() as u32;
                    *number.entry(w).or_insert_with_key(|w| {
                        joined.words.push(w.clone());
                        next
                    })
                })
                .collect();
            let offset = joined.numbers.len() as u32;
            joined
                .numbers
                .extend(part.numbers.iter().map(|&w| renumber[w as usize]));
            joined.ends.extend(part.ends.iter().map(|&e| e + offset));
        }
        joined
    }

    /// Per distinct answer, the numbers of its distinct words in order of use.
    pub fn of_answers(&self) -> impl Iterator<Item = &[u32]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.numbers[start as usize..end as usize])
    }
}

impl Answers {
    pub fn new(mut codes: Codes, distinct: Vec<Answer>, header: String) -> Answers {
        codes.pack();
        Answers {
            codes,
            distinct,
            header,
            totals: std::sync::OnceLock::new(),
            segmented: std::sync::OnceLock::new(),
        }
    }

    /// The words of each distinct answer, from `segment` the first time.
    pub fn segmented(&self, segment: impl FnOnce(&[Answer]) -> Segmented) -> &Segmented {
        self.segmented.get_or_init(|| segment(&self.distinct))
    }

    pub fn get(&self, row: usize) -> &Answer {
        &self.distinct[self.codes.get(row) as usize]
    }

    /// How many of the rows `keep` allows carry each distinct answer.
    pub fn counts(&self, keep: Option<&[bool]>) -> Vec<u64> {
        let totals = self
            .totals
            .get_or_init(|| self.codes.histogram(self.distinct.len(), None));
        let Some(keep) = keep else {
            return totals.clone();
        };
        // Usually only a few responses are excluded: take them off the totals rather than count
        // every kept row again.
        let dropped = keep.iter().filter(|&&k| !k).count();
        if dropped * 8 > keep.len() {
            return self.codes.histogram(self.distinct.len(), Some(keep));
        }
        let mut counts = totals.clone();
        each_dropped(keep, |row| counts[self.codes.get(row) as usize] -= 1);
        counts
    }

    /// As `counts`, for the rows a mask allows, given the rows it leaves out ([`few_dropped`]):
    /// the mask is read once per population instead of once per question.
    pub fn counts_without(&self, dropped: &[u32]) -> Vec<u64> {
        let mut counts = self
            .totals
            .get_or_init(|| self.codes.histogram(self.distinct.len(), None))
            .clone();
        for &row in dropped {
            counts[self.codes.get(row as usize) as usize] -= 1;
        }
        counts
    }
}

/// The rows `keep` leaves out, when they are at most an eighth of them; beyond that, counting
/// the kept rows is as quick as taking the others off.
pub fn few_dropped(keep: &[bool]) -> Option<Vec<u32>> {
    let dropped = keep.iter().filter(|&&k| !k).count();
    if dropped * 8 > keep.len() {
        return None;
    }
    let mut rows = Vec::with_capacity(dropped);
    each_dropped(keep, |row| rows.push(row as u32));
    Some(rows)
}

/// Calls `f` with each row `keep` leaves out, in order. Eight rows are tested at once (one 8-byte
/// load and a mask), so the rows that are kept, nearly all of them, cost no branch of their own:
/// a row-by-row test was a third of the time of counting a question's answers.
pub fn each_dropped(keep: &[bool], mut f: impl FnMut(usize)) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut words = keep.chunks_exact(8);
    for (w, word) in words.by_ref().enumerate() {
        let bytes: [u8; 8] = std::array::from_fn(|i| u8::from(word[i]));
        // A byte of 1 where the row is left out.
        let mut dropped = !u64::from_le_bytes(bytes) & ONES;
        while dropped != 0 {
            f(w * 8 + dropped.trailing_zeros() as usize / 8);
            dropped &= dropped - 1;
        }
    }
    let tail = keep.len() - words.remainder().len();
    for (i, &k) in words.remainder().iter().enumerate() {
        if !k {
            f(tail + i);
        }
    }
}

/// One export file of a population, with its question columns taken into the answers.
#[derive(Debug, Clone)]
pub struct Source {
    pub table: Table,
    /// First row of this file in the population's rows.
    pub start: usize,
    /// Column of each metadata field in this file.
    pub meta: HashMap<MetaField, usize>,
    /// Column index of each question's answers in this file (for messages).
    pub question_columns: HashMap<usize, Vec<usize>>,
}

/// All responses of one population.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Index into `Survey::populations`.
    pub population: usize,
    pub sources: Vec<Source>,
    pub rows: usize,
    /// Per survey question (same index); `None` when the question is not asked of this population.
    pub answers: Vec<Option<Answers>>,
}

impl Dataset {
    /// The file holding population row `row`, and the row within it.
    pub fn locate(&self, row: usize) -> (&Source, usize) {
        let i = self.sources.partition_point(|s| s.start <= row) - 1;
        let source = &self.sources[i];
        (source, row - source.start)
    }

    /// A metadata cell of a row, as a person would read it.
    pub fn meta_display(&self, row: usize, field: MetaField) -> Option<String> {
        let (source, local) = self.locate(row);
        let col = *source.meta.get(&field)?;
        Some(source.table.columns[col].display(local).into_owned())
    }

    /// The export's own respondent number (序号) of a row, or its row number in the file.
    pub fn respondent(&self, row: usize) -> String {
        let (source, local) = self.locate(row);
        match source.meta.get(&MetaField::Id) {
            Some(&col) => {
                let shown = source.table.columns[col].display(local);
                if shown.is_empty() {
                    format!("#{}", source.table.file_row(local))
                } else {
                    shown.into_owned()
                }
            }
            None => format!("#{}", source.table.file_row(local)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Segmented;

    /// Taking the rows a mask leaves out off the totals counts what the mask allows, whether the
    /// rows are listed once (few left out) or the mask is read (many).
    #[test]
    fn counts_without_the_dropped_rows_are_the_counts_the_mask_allows() {
        use super::{Answer, AnswerValue, Answers, few_dropped};
        let mut codes = crate::ingest::Codes::default();
        for r in 0..1000u32 {
            codes.push(r * 7 % 5);
        }
        let distinct = (0..5)
            .map(|i| Answer {
                text: i.to_string().into(),
                value: AnswerValue::Level(i),
            })
            .collect();
        let answers = Answers::new(codes, distinct, String::new());
        for every in [2, 9, 10, 1000] {
            let keep: Vec<bool> = (0..1000).map(|r| r % every != 3).collect();
            let mut want = vec![0u64; 5];
            for r in (0..1000).filter(|&r| keep[r]) {
                want[answers.codes.get(r) as usize] += 1;
            }
            assert_eq!(answers.counts(Some(&keep)), want, "every {every}th");
            match few_dropped(&keep) {
                Some(dropped) => assert_eq!(answers.counts_without(&dropped), want),
                // Half the rows left out: too many to list.
                None => assert_eq!(every, 2),
            }
        }
    }

    #[test]
    fn dropped_rows_are_those_a_walk_through_every_row_finds() {
        // Lengths around the eight-row words, with rows left out at the edges of words, whole
        // words left out, and none.
        let mut seed = 7u64;
        for len in [0, 1, 7, 8, 9, 15, 16, 17, 64, 100, 1001] {
            for share in [0u64, 1, 5, 50, 100] {
                let keep: Vec<bool> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        seed % 100 >= share
                    })
                    .collect();
                let walked: Vec<usize> = (0..len).filter(|&r| !keep[r]).collect();
                let mut found = Vec::new();
                super::each_dropped(&keep, |row| found.push(row));
                assert_eq!(found, walked, "{len} rows, {share}% left out");
            }
        }
    }

    #[test]
    fn each_answer_gets_back_its_own_words() {
        let mut s = Segmented::default();
        s.push([0, 1]);
        s.push([]);
        s.push([1, 2, 0]);
        s.push([]);
        let got: Vec<&[u32]> = s.of_answers().collect();
        assert_eq!(got, [&[0, 1][..], &[], &[1, 2, 0], &[]]);
    }
}
