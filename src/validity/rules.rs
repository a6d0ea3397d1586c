//! The validity rules, each a plain function over a population's columnar data that returns the
//! responses it catches with the evidence.
//!
//! A [`Context`] is built once per population: for each question, what each of its distinct answers
//! means (answered, blank, a level, unknown), so that the rules walk rows of small codes and table
//! lookups, never strings. Duplicates are found by sorting (identity key, answer signature,
//! submission order) triples rather than hashing rows into maps, which keeps a million responses
//! within a few tens of megabytes.

use super::{Evidence, Finding, Rule};
use crate::ingest::column::{IP_MISSING, IpKeys};
use crate::ingest::{Codes, Column, Wholes};
use crate::model::{AnswerValue, Dataset};
use crate::survey::headers::MetaField;
use crate::survey::validity::{Requirement, ValidityConfig};
use crate::survey::{Locator, QuestionKind, Survey};
use std::borrow::Cow;
use std::collections::HashMap;

/// One asked question, with what each distinct answer means.
pub struct QuestionView<'a> {
    /// Index into `survey.questions`.
    pub question: usize,
    pub codes: &'a Codes,
    /// Per distinct answer: says something (not blank, not skipped).
    pub answered: Vec<bool>,
    /// Per distinct answer: left blank (a skip is not blank).
    pub blank: Vec<bool>,
    /// Per distinct answer: the level, or -1.
    pub level: Vec<i32>,
    /// Any distinct answer that fits no level.
    pub has_unknown: bool,
}

/// A population prepared for the rules.
pub struct Context<'a> {
    pub survey: &'a Survey,
    pub dataset: &'a Dataset,
    pub questions: Vec<QuestionView<'a>>,
    /// Per row: nothing answered at all.
    pub blank_rows: Vec<bool>,
}

impl<'a> Context<'a> {
    pub fn new(survey: &'a Survey, dataset: &'a Dataset) -> Context<'a> {
        let questions: Vec<QuestionView> = (0..survey.questions.len())
            .filter_map(|q| {
                let a = dataset.answers[q].as_ref()?;
                Some(QuestionView {
                    question: q,
                    codes: &a.codes,
                    answered: a.distinct.iter().map(|d| d.value.is_answered()).collect(),
                    blank: a
                        .distinct
                        .iter()
                        .map(|d| d.value == AnswerValue::Blank)
                        .collect(),
                    level: a
                        .distinct
                        .iter()
                        .map(|d| match d.value {
                            AnswerValue::Level(k) => i32::from(k),
                            _ => -1,
                        })
                        .collect(),
                    has_unknown: a.distinct.iter().any(|d| match &d.value {
                        AnswerValue::Unknown => true,
                        other => !other.unknown_parts().is_empty(),
                    }),
                })
            })
            .collect();
        // Blank means no question answered. When the questionnaire numbers its questions, an
        // unnumbered column is most likely a platform's metadata wenjuan does not know (UA, a
        // custom field) and does not make a form answered.
        let numbered = |v: &&QuestionView| {
            matches!(survey.questions[v.question].locator, Locator::Number { .. })
        };
        let any_numbered = questions.iter().any(|v| numbered(&v));
        let counted: Vec<&QuestionView> = questions
            .iter()
            .filter(|v| !any_numbered || numbered(v))
            .collect();
        let blank_rows = (0..dataset.rows)
            .map(|row| {
                !counted
                    .iter()
                    .any(|v| v.answered[v.codes.get(row) as usize])
            })
            .collect();
        Context {
            survey,
            dataset,
            questions,
            blank_rows,
        }
    }
}

/// A per-row value of one metadata field across the files of a population.
fn meta_column(dataset: &Dataset, field: MetaField) -> Vec<Option<&Column>> {
    dataset
        .sources
        .iter()
        .map(|s| s.meta.get(&field).map(|&c| &s.table.columns[c]))
        .collect()
}

/// The values of a parsed metadata column across the files of a population: borrowed when the
/// population has one file (the usual case, and no copy of a million values), joined otherwise.
/// Rows without a value hold `missing`.
fn meta_values<'a, T: Copy>(
    dataset: &'a Dataset,
    field: MetaField,
    missing: T,
    values: impl Fn(&'a Column) -> Option<&'a [T]>,
) -> Cow<'a, [T]> {
    let columns = meta_column(dataset, field);
    if let [Some(column)] = columns.as_slice()
        && let Some(v) = values(column)
    {
        return Cow::Borrowed(v);
    }
    let mut out = Vec::with_capacity(dataset.rows);
    for (source, column) in dataset.sources.iter().zip(columns) {
        match column.and_then(&values) {
            Some(v) => out.extend_from_slice(v),
            None => out.extend(std::iter::repeat_n(missing, source.table.rows)),
        }
    }
    Cow::Owned(out)
}

/// Every row's 所用时间 in seconds (`u32::MAX` when unknown).
pub fn durations(dataset: &Dataset) -> Cow<'_, [u32]> {
    meta_values(dataset, MetaField::Duration, u32::MAX, |c| match c {
        Column::Seconds(p) => Some(&p.values),
        _ => None,
    })
}

/// Every row's 提交答卷时间 (`i64::MIN` when unknown): the column itself when the population has
/// one file, joined otherwise.
pub fn submitted(dataset: &Dataset) -> Cow<'_, Wholes> {
    let columns = meta_column(dataset, MetaField::Submitted);
    if let [Some(Column::Timestamp(p))] = columns.as_slice() {
        return Cow::Borrowed(&p.values);
    }
    let mut out = Vec::with_capacity(dataset.rows);
    for (source, column) in dataset.sources.iter().zip(columns) {
        match column {
            Some(Column::Timestamp(p)) => out.extend(p.values.iter()),
            _ => out.extend(std::iter::repeat_n(i64::MIN, source.table.rows)),
        }
    }
    Cow::Owned(Wholes::from(out))
}

/// Per-row identity keys (see [`identity_keys`]), borrowed from the column when it can be.
enum Keys<'a> {
    Numbers(&'a Wholes),
    Ips(&'a IpKeys),
    Owned(Vec<u64>),
}

impl Keys<'_> {
    #[inline]
    fn get(&self, row: usize) -> u64 {
        match self {
            Keys::Numbers(v) => match v.get(row) {
                n if n >= 0 => n as u64,
                _ => NO_KEY,
            },
            Keys::Ips(v) => v.get(row),
            Keys::Owned(v) => v[row],
        }
    }
}

fn keys(dataset: &Dataset, field: MetaField) -> Keys<'_> {
    // One file with every number whole and non-negative, or an IP column: the column's own
    // values are keys already (its IP_MISSING is NO_KEY).
    if let [Some(column)] = meta_column(dataset, field).as_slice() {
        match column {
            Column::Integer(p)
                if p.unparsed.is_empty() && p.values.iter().all(|v| v >= 0 || v == i64::MIN) =>
            {
                return Keys::Numbers(&p.values);
            }
            Column::Ip(c) => return Keys::Ips(&c.keys),
            _ => {}
        }
    }
    Keys::Owned(identity_keys(dataset, field))
}

/// No value (an empty cell) in [`identity_keys`].
const NO_KEY: u64 = u64::MAX;

/// Per row, a number equal for equal cell values of `field` across every file of the population
/// ([`NO_KEY`] for an empty cell): IPv4 addresses and whole 序号 as themselves, anything else
/// numbered through a small map of the distinct values.
fn identity_keys(dataset: &Dataset, field: MetaField) -> Vec<u64> {
    const SYNTHETIC: u64 = 1 << 63;
    let mut named: HashMap<String, u64> = HashMap::new();
    let mut name = |text: &str| -> u64 {
        let next = SYNTHETIC | named.len() as u64;
        *named.entry(text.to_string()).or_insert(next)
    };
    let mut out = Vec::with_capacity(dataset.rows);
    for (source, column) in dataset.sources.iter().zip(meta_column(dataset, field)) {
        let rows = source.table.rows;
        match column {
            None => out.extend(std::iter::repeat_n(NO_KEY, rows)),
            Some(Column::Ip(c)) => {
                let others: Vec<u64> = c.others.iter().map(|o| name(o)).collect();
                out.extend(c.keys.iter().map(|k| match k {
                    IP_MISSING => NO_KEY,
                    k if k >= 1 << 32 => others[(k - (1 << 32)) as usize],
                    k => k,
                }));
            }
            Some(column @ Column::Integer(c)) => {
                for r in 0..rows {
                    out.push(match c.get(r) {
                        Some(v) if v >= 0 => v as u64,
                        _ => {
                            let shown = column.display(r);
                            let shown = shown.trim();
                            if shown.is_empty() {
                                NO_KEY
                            } else {
                                name(shown)
                            }
                        }
                    });
                }
            }
            Some(Column::Text(c)) => {
                let keys: Vec<u64> = c
                    .values
                    .iter()
                    .map(|v| {
                        if v.trim().is_empty() {
                            NO_KEY
                        } else {
                            name(v.trim())
                        }
                    })
                    .collect();
                out.extend((0..rows).map(|r| keys[c.codes.get(r) as usize]));
            }
            Some(other) => {
                for r in 0..rows {
                    let shown = other.display(r);
                    let shown = shown.trim();
                    out.push(if shown.is_empty() {
                        NO_KEY
                    } else {
                        name(shown)
                    });
                }
            }
        }
    }
    out
}

fn median(values: &mut [u32]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 {
        f64::from(values[n / 2])
    } else {
        (f64::from(values[n / 2 - 1]) + f64::from(values[n / 2])) / 2.0
    })
}

pub fn speeders(cx: &Context, config: &ValidityConfig) -> Vec<Finding> {
    let rule = &config.speeder;
    let times = durations(cx.dataset);
    let mut known: Vec<u32> = times.iter().copied().filter(|&t| t != u32::MAX).collect();
    let Some(median) = median(&mut known) else {
        return Vec::new();
    };
    let limit = (median * rule.fraction).max(rule.floor.map_or(0.0, f64::from));
    times
        .iter()
        .enumerate()
        .filter_map(|(row, &t)| {
            (t != u32::MAX && f64::from(t) < limit).then_some(Finding {
                row,
                action: rule.action,
                evidence: Evidence::Speeder {
                    seconds: t,
                    median,
                    limit,
                },
            })
        })
        .collect()
}

pub fn blanks(cx: &Context, config: &ValidityConfig) -> Vec<Finding> {
    if cx.questions.is_empty() {
        return Vec::new();
    }
    (0..cx.dataset.rows)
        .filter(|&row| cx.blank_rows[row])
        .map(|row| Finding {
            row,
            action: config.blank.action,
            evidence: Evidence::Blank,
        })
        .collect()
}

/// Rows in submission order (by 提交答卷时间, then position in the files): "first" and "later"
/// refer to this order. `None` when the files are already in that order, as exports usually are.
fn submission_order(dataset: &Dataset) -> Option<Vec<u32>> {
    let times = submitted(dataset);
    // Unknown times sort last.
    let key = |t: i64| if t == i64::MIN { i64::MAX } else { t };
    if (1..times.len()).all(|r| key(times.get(r - 1)) <= key(times.get(r))) {
        return None;
    }
    let mut order: Vec<u32> = (0..dataset.rows as u32).collect();
    order.sort_by_key(|&r| key(times.get(r as usize)));
    Some(order)
}

pub fn duplicates(cx: &Context, config: &ValidityConfig) -> Vec<Finding> {
    let dataset = cx.dataset;
    let action = config.duplicate.action;
    let codes: Vec<&Codes> = cx.questions.iter().map(|v| v.codes).collect();
    let same_answers = |a: usize, b: usize| codes.iter().all(|c| c.get(a) == c.get(b));
    // Rank = place in submission order; `at[rank]` = the row. Identity when already in order.
    let order = submission_order(dataset);
    let ranks: Option<Vec<u32>> = order.as_ref().map(|order| {
        let mut ranks = vec![0u32; dataset.rows];
        for (i, &r) in order.iter().enumerate() {
            ranks[r as usize] = i as u32;
        }
        ranks
    });
    let rank = |row: usize| ranks.as_ref().map_or(row as u32, |r| r[row]);
    let row_at = |rank: u32| {
        order
            .as_ref()
            .map_or(rank as usize, |o| o[rank as usize] as usize)
    };
    // Each row is caught once, by the first of the reasons below: a byte per row says which
    // (`NOT_CAUGHT`, `BY_ID`, or `BY_FIELD` plus the field's place in `FIELDS`), and the row it
    // repeats. The findings are made from these in row order at the end: with millions of
    // resubmissions, findings made as found came in the order of their hashes, and sorting them
    // took a fifth of a second at three million responses.
    const NOT_CAUGHT: u8 = 0;
    const BY_ID: u8 = 1;
    const BY_FIELD: u8 = 2;
    const FIELDS: [MetaField; 2] = [MetaField::Ip, MetaField::RespondentKey];
    let mut caught = vec![NOT_CAUGHT; dataset.rows];
    let mut repeats = vec![0u32; dataset.rows];

    // A repeated 序号: every later occurrence of the same number. Numbers that rise with the
    // submission order (the usual export) cannot repeat, and are not sorted.
    let ids = keys(dataset, MetaField::Id);
    let rising = {
        let mut prev: Option<u64> = None;
        (0..dataset.rows as u32).all(|k| {
            let id = ids.get(row_at(k));
            let ok = id != NO_KEY && prev.is_none_or(|p| id > p);
            prev = Some(id);
            ok
        })
    };
    if !rising {
        let mut by_id: Vec<(u64, u32)> = (0..dataset.rows)
            .filter(|&row| ids.get(row) != NO_KEY)
            .map(|row| (ids.get(row), rank(row)))
            .collect();
        by_id.sort_unstable();
        for run in by_id.chunk_by(|a, b| a.0 == b.0) {
            let first = row_at(run[0].1);
            for &(_, later) in &run[1..] {
                let row = row_at(later);
                if caught[row] == NOT_CAUGHT {
                    caught[row] = BY_ID;
                    repeats[row] = first as u32;
                }
            }
        }
    }
    drop(ids);

    // The same answers from the same IP or platform user: sort (key, answer signature, rank) so
    // resubmissions sit next to their original; equal signatures are confirmed answer by answer.
    // FNV-1a over each row's answer codes, one question at a time: equal answers, equal signature.
    // Thirty-two bits are enough: rows that share one are only candidates, confirmed below.
    let mut signatures = vec![0x811c_9dc5u32; dataset.rows];
    // In blocks of rows on every core: the longest step before the sort, while the review's
    // other rules take one core for about as long.
    const BLOCK: usize = 1 << 16;
    let blocks: Vec<(usize, &mut [u32])> = signatures.chunks_mut(BLOCK).enumerate().collect();
    crate::parallel::map_owned(blocks, |(b, block)| {
        for c in &codes {
            c.fold_into(b * BLOCK, block, |s, code| {
                (s ^ code).wrapping_mul(0x0100_0193)
            });
        }
    });
    for (f, field) in FIELDS.into_iter().enumerate() {
        let keys = keys(dataset, field);
        // One number per row: the high bits mix (key, signature), the low bits hold the rank, so
        // a million responses sort in 8 MB and a run of equal mixes is in submission order. Rows
        // sharing a mix are candidates; a candidate is confirmed by its key and every answer, so
        // a collision of the mix never makes a duplicate.
        let rank_bits = u64::BITS - (dataset.rows.max(2) as u64 - 1).leading_zeros();
        let entry = |key: u64, signature: u32, rank: u32| {
            let mix = (u64::from(signature)
                ^ key.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(31))
            .wrapping_mul(0xBF58_476D_1CE4_E5B9);
            (mix >> rank_bits << rank_bits) | u64::from(rank)
        };
        let rank_of = |entry: u64| (entry & ((1 << rank_bits) - 1)) as u32;
        // Sorted as two halves on two cores (the review's other rules are done by the time the
        // entries are): the mixes are hashes, so their top bit splits the entries about evenly,
        // and every entry of the first half sorts before the second's. Each is written to its
        // own end of one buffer as it is made, without a branch on the bit.
        let mut entries = vec![0u64; dataset.rows];
        let (mut low, mut high) = (0, dataset.rows);
        for (row, &signature) in signatures.iter().enumerate() {
            if !cx.blank_rows[row] && keys.get(row) != NO_KEY {
                let e = entry(keys.get(row), signature, rank(row));
                let top = (e >> 63) as usize;
                entries[if top == 1 { high - 1 } else { low }] = e;
                low += 1 - top;
                high -= top;
            }
        }
        entries.copy_within(high.., low);
        entries.truncate(low + dataset.rows - high);
        {
            let (first, second) = entries.split_at_mut(low);
            std::thread::scope(|scope| {
                scope.spawn(|| second.sort_unstable());
                first.sort_unstable();
            });
        }
        // Nearly always a later row of a run repeats the run's first. Those pairs are confirmed
        // a question at a time, so each pass reads one column (a megabyte or less, in cache)
        // rather than every column at two random rows (a cache miss per answer); in blocks of
        // whole runs, so millions of resubmissions spread over many keys need no list of millions
        // of pairs (one key resubmitted a million times still lists its run's pairs at once).
        let mut runs = entries
            .chunk_by(|a, b| a >> rank_bits == b >> rank_bits)
            .filter(|run| run.len() > 1)
            .peekable();
        let mut block: Vec<&[u64]> = Vec::new();
        // A candidate pair as one number, the first row above the later one: sorted, the pairs
        // are confirmed in the order of the rows they read, so each pass down a column moves
        // forward through it (runs come in the order of their mixes, which is random).
        let mut pairs: Vec<u64> = Vec::new();
        // A bit per row: its pair was confirmed (set and cleared a block at a time).
        let mut confirmed = vec![0u64; dataset.rows.div_ceil(64)];
        let bit = |row: usize| (row / 64, 1u64 << (row % 64));
        while runs.peek().is_some() {
            block.clear();
            let mut candidates = 0;
            for run in runs.by_ref() {
                candidates += run.len() - 1;
                block.push(run);
                if candidates >= PAIRS_PER_BLOCK || block.len() >= PAIRS_PER_BLOCK {
                    break;
                }
            }
            // Listing and sorting the pairs is a random read of two rows' keys per pair: the
            // block's runs split between the cores, each share's pairs sorted on its own. Two
            // sorted shares one after the other keep the confirmation's passes moving forward.
            let shares = shares_of(&block, crate::parallel::cores());
            let listed = crate::parallel::map(&shares, |share| {
                let mut pairs = Vec::with_capacity(share.iter().map(|run| run.len() - 1).sum());
                for run in share.iter() {
                    let first = row_at(rank_of(run[0]));
                    let key = keys.get(first);
                    for &later in &run[1..] {
                        let row = row_at(rank_of(later));
                        if caught[row] == NOT_CAUGHT && keys.get(row) == key {
                            pairs.push((first as u64) << 32 | row as u64);
                        }
                    }
                }
                pairs.sort_unstable();
                pairs
            });
            pairs.clear();
            for share in listed {
                pairs.extend_from_slice(&share);
            }
            // The questions split between the cores (the review's other rules are long done
            // when millions of resubmissions are confirmed), each part's verdicts joined.
            let parts: Vec<&[&Codes]> = codes
                .chunks(codes.len().div_ceil(crate::parallel::cores()).max(1))
                .collect();
            let verdicts = crate::parallel::map(&parts, |part| {
                let mut same = vec![true; pairs.len()];
                for c in part.iter() {
                    c.same_at(&pairs, &mut same);
                }
                same
            });
            let same = verdicts
                .into_iter()
                .reduce(|mut same, part| {
                    for (same, part) in same.iter_mut().zip(part) {
                        *same &= part;
                    }
                    same
                })
                .unwrap_or_else(|| vec![true; pairs.len()]);
            for (&pair, _) in pairs.iter().zip(&same).filter(|(_, same)| **same) {
                let (word, mask) = bit(pair as u32 as usize);
                confirmed[word] |= mask;
            }
            for run in &block {
                let first = row_at(rank_of(run[0]));
                for (j, &later) in run.iter().enumerate().skip(1) {
                    let row = row_at(rank_of(later));
                    if caught[row] != NOT_CAUGHT {
                        continue;
                    }
                    let (word, mask) = bit(row);
                    let original = if confirmed[word] & mask != 0 {
                        Some(first)
                    } else {
                        // Another key or other answers than the first's: any earlier row of the
                        // run with the same key and answers is the original.
                        let key = keys.get(row);
                        run[1..j]
                            .iter()
                            .map(|&e| row_at(rank_of(e)))
                            .find(|&first| keys.get(first) == key && same_answers(first, row))
                    };
                    if let Some(first) = original {
                        caught[row] = BY_FIELD + f as u8;
                        repeats[row] = first as u32;
                    }
                }
            }
            for &pair in &pairs {
                let (word, mask) = bit(pair as u32 as usize);
                confirmed[word] &= !mask;
            }
        }
    }
    let mut found = Vec::with_capacity(caught.iter().filter(|&&c| c != NOT_CAUGHT).count());
    for (row, (&how, &first)) in caught.iter().zip(&repeats).enumerate() {
        let first = first as usize;
        let evidence = match how {
            NOT_CAUGHT => continue,
            BY_ID => Evidence::RepeatedId { first },
            by => Evidence::Duplicate {
                first,
                by: FIELDS[(by - BY_FIELD) as usize],
            },
        };
        found.push(Finding {
            row,
            action,
            evidence,
        });
    }
    found
}

/// Candidate resubmissions confirmed together (eight megabytes of pairs). Each pass down a
/// column in a block reads most of the column's cache lines whatever the block's size, so fewer,
/// larger blocks read each column fewer times: at three million responses with two million
/// resubmissions, blocks of a million pairs confirmed in 130 ms where blocks of 65,536 took 230.
const PAIRS_PER_BLOCK: usize = 1 << 20;

/// `runs` cut into up to `n` consecutive shares of about as many later rows each.
fn shares_of<'a>(runs: &'a [&'a [u64]], n: usize) -> Vec<&'a [&'a [u64]]> {
    let total: usize = runs.iter().map(|run| run.len() - 1).sum();
    let per_share = total.div_ceil(n.max(1)).max(1);
    let mut shares = Vec::with_capacity(n);
    let (mut start, mut size) = (0, 0);
    for (i, run) in runs.iter().enumerate() {
        size += run.len() - 1;
        if size >= per_share {
            shares.push(&runs[start..=i]);
            (start, size) = (i + 1, 0);
        }
    }
    if start < runs.len() {
        shares.push(&runs[start..]);
    }
    shares
}

/// A question is taken as required when at most this share of those who saw it left it blank.
const REQUIRED_BLANK_SHARE: f64 = 0.02;

pub fn incomplete(cx: &Context, config: &ValidityConfig) -> Vec<Finding> {
    let rule = &config.incomplete;
    let survey = cx.survey;
    let required: Vec<&QuestionView> = cx
        .questions
        .iter()
        .filter(|v| match &rule.required {
            Some(ids) => ids.contains(&survey.questions[v.question].id),
            // Without a list: the choice questions the data show are required, answered by
            // nearly everyone who saw them (a logic skip is not seeing it). A question that more
            // than a few left blank was evidently optional, and leaving it blank is no fault.
            None => {
                survey.questions[v.question].kind != QuestionKind::Text && {
                    let counts = cx.dataset.answers[v.question]
                        .as_ref()
                        .map(|a| a.counts(None))
                        .unwrap_or_default();
                    let (mut blank, mut skipped) = (0u64, 0u64);
                    for (code, &n) in counts.iter().enumerate() {
                        if v.blank[code] {
                            blank += n;
                        } else if !v.answered[code] {
                            skipped += n;
                        }
                    }
                    let saw = (cx.dataset.rows as u64).saturating_sub(skipped);
                    blank > 0 && (blank as f64) <= REQUIRED_BLANK_SHARE * saw as f64
                }
            }
        })
        // A question nobody left blank cannot make anyone incomplete.
        .filter(|v| v.blank.iter().any(|&b| b))
        .collect();
    if required.is_empty() {
        return Vec::new();
    }
    // One pass down each required column, collecting the rows that left it blank.
    let mut missing: Vec<(usize, usize)> = Vec::new();
    for (i, v) in required.iter().enumerate() {
        v.codes.rows_where(&v.blank, |row| {
            if !cx.blank_rows[row] {
                missing.push((row, i));
            }
        });
    }
    missing.sort_unstable();
    let mut questions: Vec<u32> = Vec::new();
    missing
        .chunk_by(|a, b| a.0 == b.0)
        .map(|group| {
            questions.clear();
            questions.extend(group.iter().map(|&(_, i)| required[i].question as u32));
            Finding {
                row: group[0].0,
                action: rule.action,
                evidence: Evidence::Incomplete {
                    questions: questions.as_slice().into(),
                },
            }
        })
        .collect()
}

/// The blocks straight-lining is looked for in (as positions in `cx.questions`): as declared, or
/// per scale the matrix items using it.
fn blocks(cx: &Context, config: &ValidityConfig) -> Vec<Vec<usize>> {
    let survey = cx.survey;
    match &config.straight_lining.blocks {
        Some(declared) => declared
            .iter()
            .map(|ids| {
                (0..cx.questions.len())
                    .filter(|&i| ids.contains(&survey.questions[cx.questions[i].question].id))
                    .collect()
            })
            .collect(),
        None => {
            let mut by_scale: Vec<(usize, Vec<usize>)> = Vec::new();
            for (i, v) in cx.questions.iter().enumerate() {
                let question = &survey.questions[v.question];
                if question.kind != QuestionKind::Single || question.dimensions.is_empty() {
                    continue;
                }
                let Some(scale) = question.scale else {
                    continue;
                };
                match by_scale.iter_mut().find(|(s, _)| *s == scale) {
                    Some((_, block)) => block.push(i),
                    None => by_scale.push((scale, vec![i])),
                }
            }
            by_scale.into_iter().map(|(_, b)| b).collect()
        }
    }
}

pub fn straight_lining(cx: &Context, config: &ValidityConfig) -> Vec<Finding> {
    let rule = &config.straight_lining;
    let mut findings = Vec::new();
    for block in blocks(cx, config) {
        if block.len() < rule.min_items {
            continue;
        }
        let views: Vec<&QuestionView> = block.iter().map(|&i| &cx.questions[i]).collect();
        for row in 0..cx.dataset.rows {
            let mut level = -1;
            let mut rated = 0usize;
            let mut same = true;
            for v in &views {
                let k = v.level[v.codes.get(row) as usize];
                if k < 0 {
                    continue;
                }
                rated += 1;
                if level < 0 {
                    level = k;
                } else if level != k {
                    same = false;
                    break;
                }
            }
            if same && rated >= rule.min_items && level >= 0 {
                findings.push(Finding {
                    row,
                    action: rule.action,
                    evidence: Evidence::StraightLining {
                        items: rated as u32,
                        question: views[0].question as u32,
                        level: level as u32,
                    },
                });
            }
        }
    }
    findings.sort_by_key(|f| f.row);
    findings.dedup_by_key(|f| f.row);
    findings
}

pub fn unknown_labels(cx: &Context, config: &ValidityConfig) -> Vec<Finding> {
    let views: Vec<&QuestionView> = cx.questions.iter().filter(|v| v.has_unknown).collect();
    if views.is_empty() {
        return Vec::new();
    }
    let mut findings = Vec::new();
    let mut questions: Vec<u32> = Vec::new();
    for row in 0..cx.dataset.rows {
        questions.clear();
        for v in &views {
            let Some(a) = &cx.dataset.answers[v.question] else {
                continue;
            };
            let answer = a.get(row);
            if matches!(answer.value, AnswerValue::Unknown)
                || !answer.value.unknown_parts().is_empty()
            {
                questions.push(v.question as u32);
            }
        }
        if !questions.is_empty() {
            findings.push(Finding {
                row,
                action: config.unknown_label.action,
                evidence: Evidence::UnknownLabel {
                    questions: questions.as_slice().into(),
                },
            });
        }
    }
    findings
}

pub fn out_of_window(cx: &Context, config: &ValidityConfig) -> Vec<Finding> {
    let rule = &config.window;
    if rule.start.is_none() && rule.end.is_none() {
        return Vec::new();
    }
    submitted(cx.dataset)
        .iter()
        .enumerate()
        .filter_map(|(row, t)| {
            if t == i64::MIN {
                return None;
            }
            let outside = rule.start.is_some_and(|s| t < s) || rule.end.is_some_and(|e| t > e);
            outside.then_some(Finding {
                row,
                action: rule.action,
                evidence: Evidence::OutOfWindow { submitted: t },
            })
        })
        .collect()
}

/// A 提交答卷时间 or 所用时间 that is there but cannot be read (`2024/13/45`, `昨天下午`, `-30秒`):
/// such a response would escape the window and speeder rules silently, so it is caught on its own.
pub fn unreadable(cx: &Context, config: &ValidityConfig) -> Vec<Finding> {
    let mut findings = Vec::new();
    for source in &cx.dataset.sources {
        for field in [MetaField::Submitted, MetaField::Duration] {
            let Some(&column) = source.meta.get(&field) else {
                continue;
            };
            let unparsed = match &source.table.columns[column] {
                Column::Timestamp(p) => &p.unparsed,
                Column::Seconds(p) => &p.unparsed,
                _ => continue,
            };
            for (row, value) in unparsed {
                findings.push(Finding {
                    row: source.start + *row as usize,
                    action: config.unreadable.action,
                    evidence: Evidence::Unreadable(Box::new(super::Unreadable {
                        column: source.table.headers[column].trim().to_string(),
                        value: value.clone(),
                    })),
                });
            }
        }
    }
    findings
}

pub fn checks(cx: &Context, config: &ValidityConfig) -> Vec<Finding> {
    let (survey, dataset) = (cx.survey, cx.dataset);
    let population = &survey.populations[dataset.population].id;
    let find = |id: &str| -> Option<usize> {
        (0..survey.questions.len())
            .find(|&q| survey.questions[q].id == id && dataset.answers[q].is_some())
    };
    let mut findings = Vec::new();
    for check in &config.checks {
        if check.population.as_ref().is_some_and(|p| p != population) {
            continue;
        }
        let condition = match &check.condition {
            Some((id, labels)) => match find(id) {
                Some(q) => Some((q, survey.levels_named(q, labels))),
                None => continue,
            },
            None => None,
        };
        let (ids, allowed) = match &check.require {
            Requirement::Blank(ids) => (ids, None),
            Requirement::In(ids, labels) => (ids, Some(labels)),
        };
        let required: Vec<(usize, Option<Vec<u16>>)> = ids
            .iter()
            .filter_map(|id| find(id))
            .map(|q| (q, allowed.map(|l| survey.levels_named(q, l))))
            .collect();
        if required.len() != ids.len() {
            continue;
        }
        for row in 0..dataset.rows {
            if let Some((q, levels)) = &condition {
                let hit = matches!(dataset.answers[*q].as_ref().map(|a| &a.get(row).value), Some(AnswerValue::Level(k)) if levels.contains(k));
                if !hit {
                    continue;
                }
            }
            let broken: Vec<String> = required
                .iter()
                .filter_map(|(q, levels)| {
                    let answer = dataset.answers[*q].as_ref()?.get(row);
                    let bad = match levels {
                        None => matches!(
                            answer.value,
                            AnswerValue::Level(_)
                                | AnswerValue::Options { .. }
                                | AnswerValue::Text
                                | AnswerValue::Unknown
                        ),
                        Some(levels) => {
                            !matches!(answer.value, AnswerValue::Level(k) if levels.contains(&k))
                        }
                    };
                    bad.then(|| format!("{} = {}", survey.questions[*q].id, answer.text))
                })
                .collect();
            if !broken.is_empty() {
                let trigger = condition
                    .as_ref()
                    .map(|(q, _)| {
                        let a = dataset.answers[*q]
                            .as_ref()
                            .map(|a| a.get(row).text.clone())
                            .unwrap_or_default();
                        format!("{} = {}", survey.questions[*q].id, a)
                    })
                    .unwrap_or_default();
                findings.push(Finding {
                    row,
                    action: check.action,
                    evidence: Evidence::Check(Box::new(super::CheckEvidence {
                        rule: Rule::Check(check.id.as_str().into()),
                        description: check.description.clone(),
                        trigger,
                        answers: broken,
                    })),
                });
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::shares_of;

    #[test]
    fn shares_cover_the_runs_in_order_about_evenly() {
        // A run's entries; only its length counts (the later rows it lists are `len - 1`).
        let runs: Vec<Vec<u64>> = [2usize, 5, 2, 3, 9, 2, 2, 4, 2, 7]
            .iter()
            .map(|&n| vec![0; n])
            .collect();
        let runs: Vec<&[u64]> = runs.iter().map(Vec::as_slice).collect();
        let later = |share: &[&[u64]]| share.iter().map(|r| r.len() - 1).sum::<usize>();
        for n in 1..=12 {
            let shares = shares_of(&runs, n);
            assert!(shares.len() <= n && !shares.is_empty(), "{n} cores");
            // Consecutive, every run once, in order.
            let joined: Vec<*const u64> = shares
                .iter()
                .flat_map(|s| s.iter().map(|r| r.as_ptr()))
                .collect();
            let all: Vec<*const u64> = runs.iter().map(|r| r.as_ptr()).collect();
            assert_eq!(joined, all, "{n} cores");
            // Each share stops at the run that brings it to its due (8 is the longest run's later
            // rows); the last holds what is left.
            let due = later(&runs).div_ceil(n);
            for (i, share) in shares.iter().enumerate() {
                assert!(later(share) < due + 8, "{n} cores");
                assert!(i + 1 == shares.len() || later(share) >= due, "{n} cores");
            }
        }
        assert!(shares_of(&[], 2).is_empty());
    }
}
