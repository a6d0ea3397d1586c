//! Response validity: the rules that catch speeders, resubmissions, blank and incomplete forms,
//! straight-lining, unknown labels, late submissions and failed checks; the evaluator's decisions
//! from the review log; and the accounting (received = valid + excluded, by reason) that every
//! summary carries. Shared by `check`, `summarize` and the terminal UI.

pub mod audit;
pub mod log;
pub mod rules;

use crate::survey::validity::{Action, ValidityConfig};

use crate::error::Result;
use crate::i18n::{Lang, Message, fill};
use crate::ingest::values::format_timestamp;
use crate::model::Dataset;
use crate::survey::Survey;
use crate::survey::headers::MetaField;
use log::{Decision, Verdict};
use std::collections::BTreeMap;

/// What caught a response. The order is the precedence of exclusion reasons in the accounting:
/// a response excluded by several rules is counted once, under the first.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    Manual,
    Blank,
    Duplicate,
    Incomplete,
    Speeder,
    StraightLining,
    UnknownLabel,
    OutOfWindow,
    Unreadable,
    Check(Box<str>),
}

impl Rule {
    /// The rules with a name of their own, in precedence order; declared checks follow them.
    pub const FIXED: [Rule; 9] = [
        Rule::Manual,
        Rule::Blank,
        Rule::Duplicate,
        Rule::Incomplete,
        Rule::Speeder,
        Rule::StraightLining,
        Rule::UnknownLabel,
        Rule::OutOfWindow,
        Rule::Unreadable,
    ];

    /// The name used in the review log, `--rule`, the CSV and the accounting.
    pub fn name(&self) -> String {
        match self {
            Rule::Check(id) => format!("check:{id}"),
            fixed => fixed.fixed_name().to_string(),
        }
    }

    fn fixed_name(&self) -> &'static str {
        match self {
            Rule::Manual => "manual",
            Rule::Blank => "blank",
            Rule::Duplicate => "duplicate",
            Rule::Incomplete => "incomplete",
            Rule::Speeder => "speeder",
            Rule::StraightLining => "straight_lining",
            Rule::UnknownLabel => "unknown_label",
            Rule::OutOfWindow => "out_of_window",
            Rule::Unreadable => "unreadable",
            Rule::Check(_) => "check",
        }
    }

    pub fn parse(name: &str) -> Option<Rule> {
        if let Some(rule) = Rule::FIXED.iter().find(|r| r.fixed_name() == name) {
            return Some(rule.clone());
        }
        let id = name.strip_prefix("check:")?;
        // A check id names a definition entry; anything else (controls, spaces) is not one.
        let plain = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.');
        (!id.is_empty() && id.chars().all(plain)).then(|| Rule::Check(id.into()))
    }

    /// The rule as a person reads it (`duplicate` → 重复提交).
    pub fn label(&self, lang: Lang) -> String {
        let r = &lang.strings().rules;
        match self {
            Rule::Manual => r.manual.into(),
            Rule::Blank => r.blank.into(),
            Rule::Duplicate => r.duplicate.into(),
            Rule::Incomplete => r.incomplete.into(),
            Rule::Speeder => r.speeder.into(),
            Rule::StraightLining => r.straight_lining.into(),
            Rule::UnknownLabel => r.unknown_label.into(),
            Rule::OutOfWindow => r.out_of_window.into(),
            Rule::Unreadable => r.unreadable.into(),
            Rule::Check(id) => fill(r.check, &[id]),
        }
    }
}

/// A rule named as in the review log or the accounting, as a person reads it; a name that is no
/// rule is shown as it is.
pub fn rule_label(lang: Lang, name: &str) -> String {
    Rule::parse(name).map_or_else(|| name.to_string(), |r| r.label(lang))
}

/// The questions a finding names (indices into the survey's questions): up to three in place,
/// as nearly every incomplete or unknown-label finding has, more behind a pointer. A box each
/// would be an allocation per finding, a hundred and fifty thousand on a million responses; and
/// at 16 bytes the evidence stays 24 (a finding 40), which a slice's box would not allow.
#[derive(Clone, PartialEq, Eq)]
pub enum Questions {
    /// Unused places hold `Questions::NONE`.
    Inline([u32; 3]),
    Boxed(Box<Vec<u32>>),
}

impl Questions {
    /// No question has this index: a survey of four billion questions does not load.
    const NONE: u32 = u32::MAX;
}

impl std::ops::Deref for Questions {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        match self {
            Questions::Inline(ids) => {
                let len = ids.iter().take_while(|&&q| q != Questions::NONE).count();
                &ids[..len]
            }
            Questions::Boxed(ids) => ids,
        }
    }
}

impl From<&[u32]> for Questions {
    fn from(ids: &[u32]) -> Questions {
        if ids.len() <= 3 && !ids.contains(&Questions::NONE) {
            let mut inline = [Questions::NONE; 3];
            inline[..ids.len()].copy_from_slice(ids);
            Questions::Inline(inline)
        } else {
            Questions::Boxed(Box::new(ids.to_vec()))
        }
    }
}

impl std::fmt::Debug for Questions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Why a rule caught a response, held compactly (a few numbers per finding; a resubmission-heavy
/// export has millions) and put into words only when shown, from the survey and the data.
#[derive(Debug, Clone, PartialEq)]
pub enum Evidence {
    Speeder {
        seconds: u32,
        median: f64,
        limit: f64,
    },
    /// Same answers as population row `first`, from the same value of metadata field `by` (the
    /// IP or the platform's user id), shown as row `first` holds it.
    Duplicate {
        first: usize,
        by: MetaField,
    },
    /// The export's 序号 already appeared at population row `first`.
    RepeatedId {
        first: usize,
    },
    Blank,
    /// The required questions left blank (indices into the survey's questions).
    Incomplete {
        questions: Questions,
    },
    /// `items` rated items of the block opening with question `question`, all at level `level`
    /// of its scale.
    StraightLining {
        items: u32,
        question: u32,
        level: u32,
    },
    /// The questions whose answer on this row holds a label their scale does not have (the
    /// labels are read back from the answers when shown).
    UnknownLabel {
        questions: Questions,
    },
    /// Submitted at `submitted`, outside the survey's window.
    OutOfWindow {
        submitted: i64,
    },
    /// The cell of a metadata column (its header) holds a value that is not a time.
    Unreadable(Box<Unreadable>),
    Check(Box<CheckEvidence>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub column: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckEvidence {
    /// The declared check that caught the response (`Rule::Check`).
    pub rule: Rule,
    pub description: String,
    pub trigger: String,
    pub answers: Vec<String>,
}

/// The rule that caught a response is read from its evidence (each kind of evidence comes from
/// one rule), not held beside it: a resubmission-heavy export has millions of findings, and the
/// rule's own field made each one 64 bytes instead of 40.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Row within the population.
    pub row: usize,
    /// What the rule is configured to do.
    pub action: Action,
    pub evidence: Evidence,
}

impl Finding {
    /// The rule that caught the response.
    pub fn rule(&self) -> &Rule {
        match &self.evidence {
            Evidence::Speeder { .. } => &Rule::Speeder,
            Evidence::Duplicate { .. } | Evidence::RepeatedId { .. } => &Rule::Duplicate,
            Evidence::Blank => &Rule::Blank,
            Evidence::Incomplete { .. } => &Rule::Incomplete,
            Evidence::StraightLining { .. } => &Rule::StraightLining,
            Evidence::UnknownLabel { .. } => &Rule::UnknownLabel,
            Evidence::OutOfWindow { .. } => &Rule::OutOfWindow,
            Evidence::Unreadable(_) => &Rule::Unreadable,
            Evidence::Check(check) => &check.rule,
        }
    }
}

/// The audit of one population: what the rules found, what the evaluator decided, and the
/// resulting status of every response.
#[derive(Debug, Clone)]
pub struct Review {
    /// Sorted by row, then rule.
    pub findings: Vec<Finding>,
    /// The latest decision per population row.
    pub decisions: BTreeMap<usize, Decision>,
    /// Per row: 0 when valid, else 1 + index into `reasons`.
    status: Vec<u8>,
    reasons: Vec<Rule>,
    /// Problems met reading the review logs (reported, not fatal).
    pub problems: Vec<Message>,
    /// Per row, under `--where`: whether it meets the filter (`None`: every row does).
    within: Option<Vec<bool>>,
}

/// received = filtered out + valid + Σ excluded, per population or per file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Accounting {
    pub received: u64,
    /// Responses outside the `--where` filter: neither valid nor excluded.
    pub filtered_out: u64,
    pub valid: u64,
    /// Rule name → responses excluded for it (each response once).
    pub excluded: Vec<(String, u64)>,
    /// Rule name → valid responses flagged by it (a response may be flagged by several rules).
    pub flagged: Vec<(String, u64)>,
    /// Valid responses flagged by at least one rule.
    pub flagged_responses: u64,
}

/// Runs every rule on a population and applies the review logs of its files.
pub fn review(survey: &Survey, dataset: &Dataset) -> Result<Review> {
    let config = &survey.validity;
    let cx = rules::Context::new(survey, dataset);
    type RuleFn = fn(&rules::Context, &ValidityConfig) -> Vec<Finding>;
    let all: [(Action, RuleFn); 7] = [
        (config.blank.action, rules::blanks),
        (config.incomplete.action, rules::incomplete),
        (config.speeder.action, rules::speeders),
        (config.straight_lining.action, rules::straight_lining),
        (config.unknown_label.action, rules::unknown_labels),
        (config.window.action, rules::out_of_window),
        (config.unreadable.action, rules::unreadable),
    ];
    // Duplicates (two sorts over every row) run beside the other rules.
    let mut findings: Vec<Finding> = std::thread::scope(|scope| {
        let cx = &cx;
        let duplicates = (config.duplicate.action != Action::Off)
            .then(|| scope.spawn(move || rules::duplicates(cx, config)));
        let mut parts: Vec<Vec<Finding>> = Vec::new();
        for (action, rule) in all {
            if action != Action::Off {
                parts.push(rule(cx, config));
            }
        }
        if let Some(handle) = duplicates {
            // A panic in the rule is a bug; surface it rather than lose the findings silently.
            parts.push(
                handle
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        // Joined into the largest part, grown once to the exact size: a file with a finding on
        // most rows holds millions of them, and a fresh vector would hold them all twice while
        // the parts are copied in (26 MB more at a million responses).
        let largest = (0..parts.len()).max_by_key(|&i| parts[i].len());
        let mut found = largest.map(|i| parts.swap_remove(i)).unwrap_or_default();
        found.reserve_exact(parts.iter().map(Vec::len).sum());
        for part in parts {
            found.extend(part);
        }
        found
    });
    findings.extend(
        rules::checks(&cx, config)
            .into_iter()
            .filter(|f| f.action != Action::Off),
    );
    findings.sort_by(|a, b| a.row.cmp(&b.row).then_with(|| a.rule().cmp(b.rule())));
    // Kept for the whole session: no spare capacity from growing.
    findings.shrink_to_fit();

    let mut decisions = BTreeMap::new();
    let mut problems = Vec::new();
    for source in &dataset.sources {
        let replay = log::read(&source.table.path)?;
        problems.extend(replay.problems);
        let log_path = log::path_for(&source.table.path);
        for (line, d) in replay.decisions {
            let Some(r) = table_row(&source.table, d.row) else {
                problems.push(crate::msg!(
                    log_row_missing,
                    log_path.display(),
                    line,
                    d.row
                ));
                continue;
            };
            let row = source.start + r;
            // A log copied beside another export names rows that hold other people.
            let here = dataset.respondent(row);
            let named = d.respondent.trim();
            if !named.is_empty() && named != here {
                problems.push(crate::msg!(
                    log_other_respondent,
                    log_path.display(),
                    line,
                    named,
                    d.row,
                    here
                ));
                continue;
            }
            decisions.insert(row, d);
        }
    }
    let mut review = Review {
        findings,
        decisions,
        status: Vec::new(),
        reasons: Vec::new(),
        problems,
        within: None,
    };
    review.settle(dataset.rows);
    // A rule that flags more than a fifth of the responses is more likely mis-set than right.
    let population = &survey.populations[dataset.population].id;
    let accounting = review.accounting(0..dataset.rows);
    for (rule, n) in &accounting.flagged {
        if *n * 5 > accounting.received {
            let share = format!("{:.0}%", 100.0 * *n as f64 / accounting.received as f64);
            review.problems.push(crate::msg!(
                rule_flags_too_many,
                population,
                rule,
                n,
                accounting.received,
                share
            ));
        }
    }
    Ok(review)
}

/// The review of every population of a questionnaire.
pub fn review_all(survey: &Survey, datasets: &[Dataset]) -> Result<Vec<Review>> {
    datasets.iter().map(|d| review(survey, d)).collect()
}

/// The table row holding 1-based file row `file_row`.
fn table_row(table: &crate::ingest::Table, file_row: u64) -> Option<usize> {
    match &table.file_rows {
        None => (file_row >= 1 && file_row <= table.rows as u64).then(|| file_row as usize - 1),
        Some(rows) => rows.binary_search(&(file_row as u32)).ok(),
    }
}

impl Review {
    /// Works out every row's status from the findings and decisions.
    fn settle(&mut self, rows: usize) {
        let mut status = vec![0u8; rows];
        let mut reasons: Vec<Rule> = Vec::new();
        let reason_code = |rule: &Rule, reasons: &mut Vec<Rule>| -> u8 {
            match reasons.iter().position(|r| r == rule) {
                Some(i) => (i + 1) as u8,
                None => {
                    reasons.push(rule.clone());
                    reasons.len().min(255) as u8
                }
            }
        };
        for f in &self.findings {
            if f.action == Action::Exclude
                && status[f.row] == 0
                && !self.decisions.contains_key(&f.row)
            {
                // Findings are sorted by rule within a row, so the first is the one that counts.
                status[f.row] = reason_code(f.rule(), &mut reasons);
            }
        }
        for (&row, d) in &self.decisions {
            status[row] = match d.decision {
                Verdict::Include => 0,
                Verdict::Exclude => {
                    reason_code(&Rule::parse(&d.rule).unwrap_or(Rule::Manual), &mut reasons)
                }
            };
        }
        self.status = status;
        self.reasons = reasons;
    }

    /// Records a decision (already written to the log) and updates the statuses.
    pub fn apply(&mut self, row: usize, decision: Decision) {
        self.decisions.insert(row, decision);
        let rows = self.status.len();
        self.settle(rows);
    }

    /// Valid and within the filter: counted in the figures.
    pub fn is_valid(&self, row: usize) -> bool {
        self.status[row] == 0 && self.is_within(row)
    }

    /// Whether a row meets the `--where` filter (every row does without one).
    pub fn is_within(&self, row: usize) -> bool {
        self.within.as_ref().is_none_or(|w| w[row])
    }

    /// Restricts the figures to the rows `within` marks (a `--where` filter); the others are
    /// accounted as filtered out.
    pub fn restrict(&mut self, within: Vec<bool>) {
        debug_assert_eq!(within.len(), self.status.len());
        self.within = Some(within);
    }

    /// Lifts a filter: every row counts again (the terminal UI's filter can be cleared).
    pub fn lift(&mut self) {
        self.within = None;
    }

    /// Whether a filter restricts this review.
    pub fn is_filtered(&self) -> bool {
        self.within.is_some()
    }

    /// The reason a row is excluded, if it is.
    pub fn excluded_by(&self, row: usize) -> Option<&Rule> {
        match self.status[row] {
            0 => None,
            k => self.reasons.get(k as usize - 1),
        }
    }

    /// Which rows count in the figures.
    pub fn keep(&self) -> Vec<bool> {
        match &self.within {
            None => self.status.iter().map(|&s| s == 0).collect(),
            Some(w) => self
                .status
                .iter()
                .zip(w)
                .map(|(&s, &within)| s == 0 && within)
                .collect(),
        }
    }

    /// Every valid response, inside a filter or not: the design weights are computed over, so
    /// that a filter's rows are a domain of it (as R `survey`'s `subset()` keeps them) rather than
    /// reweighted to targets the filter itself moves them away from.
    pub fn design_rows(&self) -> Vec<bool> {
        self.status.iter().map(|&s| s == 0).collect()
    }

    pub fn findings_for(&self, row: usize) -> &[Finding] {
        let start = self.findings.partition_point(|f| f.row < row);
        let end = self.findings.partition_point(|f| f.row <= row);
        &self.findings[start..end]
    }

    /// What a finding does now: exclude, or only flag (also when the evaluator reinstated the row).
    pub fn effective_action(&self, f: &Finding) -> Action {
        match self.decisions.get(&f.row).map(|d| d.decision) {
            Some(Verdict::Include) => Action::Flag,
            Some(Verdict::Exclude) => Action::Exclude,
            None => f.action,
        }
    }

    /// Accounting over population rows `range` (a file's rows, or all).
    pub fn accounting(&self, range: std::ops::Range<usize>) -> Accounting {
        // One pass over the status codes, and one over the findings in the range (sorted by row,
        // then rule): no per-row lookups.
        let mut by_status = [0u64; 256];
        let mut filtered_out = 0u64;
        match &self.within {
            None => {
                for &s in &self.status[range.clone()] {
                    by_status[s as usize] += 1;
                }
            }
            Some(w) => {
                for (&s, &within) in self.status[range.clone()].iter().zip(&w[range.clone()]) {
                    if within {
                        by_status[s as usize] += 1;
                    } else {
                        filtered_out += 1;
                    }
                }
            }
        }
        let mut excluded: BTreeMap<Rule, u64> = BTreeMap::new();
        for (code, &n) in by_status.iter().enumerate().skip(1) {
            if n > 0
                && let Some(rule) = self.reasons.get(code - 1)
            {
                *excluded.entry(rule.clone()).or_default() += n;
            }
        }
        let mut flagged: BTreeMap<Rule, u64> = BTreeMap::new();
        let mut flagged_responses = 0u64;
        let start = self.findings.partition_point(|f| f.row < range.start);
        let end = self.findings.partition_point(|f| f.row < range.end);
        for group in self.findings[start..end].chunk_by(|a, b| a.row == b.row) {
            if !self.is_valid(group[0].row) {
                continue;
            }
            flagged_responses += 1;
            for same_rule in group.chunk_by(|a, b| a.rule() == b.rule()) {
                *flagged.entry(same_rule[0].rule().clone()).or_default() += 1;
            }
        }
        Accounting {
            received: range.len() as u64,
            filtered_out,
            valid: by_status[0],
            excluded: excluded.into_iter().map(|(r, n)| (r.name(), n)).collect(),
            flagged: flagged.into_iter().map(|(r, n)| (r.name(), n)).collect(),
            flagged_responses,
        }
    }
}

/// "row 45 (序号 45)" — how a response is named in evidence.
pub fn describe_row(dataset: &Dataset, row: usize, lang: Lang) -> String {
    let (source, local) = dataset.locate(row);
    let s = lang.strings();
    let file_row = source.table.file_row(local).to_string();
    let respondent = dataset.respondent(row);
    if respondent.starts_with('#') {
        fill(s.row_ref, &[&file_row])
    } else {
        fill(s.row_ref_id, &[&file_row, &respondent])
    }
}

fn seconds(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

impl Finding {
    /// The evidence in words, as the audit, the CSV and the terminal show it.
    pub fn describe(&self, survey: &Survey, dataset: &Dataset, lang: Lang) -> String {
        let s = lang.strings();
        let id = |q: u32| {
            survey
                .questions
                .get(q as usize)
                .map_or("", |q| q.id.as_str())
        };
        match &self.evidence {
            Evidence::Speeder {
                seconds: t,
                median,
                limit,
            } => fill(
                s.ev_speeder,
                &[&t.to_string(), &seconds(*median), &seconds(*limit)],
            ),
            Evidence::Duplicate { first, by } => {
                let by = dataset.meta_display(*first, *by).unwrap_or_default();
                fill(s.ev_duplicate, &[&describe_row(dataset, *first, lang), &by])
            }
            Evidence::RepeatedId { first } => fill(
                s.ev_repeated_id,
                &[
                    &dataset.respondent(*first),
                    &describe_row(dataset, *first, lang),
                ],
            ),
            Evidence::Blank => s.ev_blank.to_string(),
            Evidence::Incomplete { questions } => {
                let mut list = questions
                    .iter()
                    .take(6)
                    .map(|&q| id(q))
                    .collect::<Vec<_>>()
                    .join(", ");
                if questions.len() > 6 {
                    list.push_str(&format!(" … (+{})", questions.len() - 6));
                }
                fill(s.ev_incomplete, &[&list])
            }
            Evidence::StraightLining {
                items,
                question,
                level,
            } => {
                let label = survey
                    .questions
                    .get(*question as usize)
                    .and_then(|q| survey.scale_of(q))
                    .and_then(|scale| scale.levels.get(*level as usize))
                    .map_or("", |l| l.label.as_str());
                fill(s.ev_straight, &[&items.to_string(), label])
            }
            Evidence::UnknownLabel { questions } => {
                let mut list: Vec<String> = Vec::new();
                for &q in questions.iter() {
                    let Some(Some(answers)) = dataset.answers.get(q as usize) else {
                        continue;
                    };
                    let answer = answers.get(self.row);
                    match &answer.value {
                        crate::model::AnswerValue::Unknown => {
                            list.push(format!("{} = {}", id(q), answer.text));
                        }
                        other => list.extend(
                            other
                                .unknown_parts()
                                .iter()
                                .map(|u| format!("{} = {u}", id(q))),
                        ),
                    }
                }
                fill(s.ev_unknown, &[&list.join(", ")])
            }
            Evidence::OutOfWindow { submitted } => fill(
                s.ev_window,
                &[
                    &format_timestamp(*submitted),
                    &survey.validity.window.written,
                ],
            ),
            Evidence::Unreadable(u) => fill(s.ev_unreadable, &[&u.column, &u.value]),
            Evidence::Check(c) => {
                let mut text = c.description.clone();
                if !c.trigger.is_empty() {
                    text.push_str(&format!(" ({}", c.trigger));
                    text.push_str(&fill(s.ev_check_but, &[&c.answers.join(", ")]));
                    text.push(')');
                } else {
                    text.push_str(&format!(" ({})", c.answers.join(", ")));
                }
                text
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Questions;

    #[test]
    fn question_lists_keep_every_index_in_place_or_boxed() {
        for n in 0..6u32 {
            let ids: Vec<u32> = (0..n).map(|i| 7 + i * 1000).collect();
            let q = Questions::from(ids.as_slice());
            assert_eq!(&*q, ids.as_slice());
            assert_eq!(matches!(q, Questions::Inline(_)), n <= 3);
            assert_eq!(format!("{q:?}"), format!("{ids:?}"));
        }
        let odd = [u32::MAX];
        assert_eq!(&*Questions::from(&odd[..]), &odd[..]);
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_finding_stays_at_40_bytes() {
        // Millions are held on a resubmission-heavy export: 8 bytes more each is 16 MB at 2M.
        assert_eq!(std::mem::size_of::<super::Questions>(), 16);
        assert_eq!(std::mem::size_of::<super::Finding>(), 40);
    }
}
