//! The questionnaire: populations, answer scales, questions and how to find each question's
//! column in an export. A survey comes from a definition file (`definition`) or is inferred from
//! an export's headers and answers (`infer`), and can be written out as a definition (`write`).

pub mod analysis;
pub mod builtin;
pub mod definition;
pub mod headers;
pub mod infer;
pub mod labels;
pub mod ordinal;
pub mod validity;
pub mod write;

use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    pub title: String,
    /// The definition file this survey was read from; `None` when inferred.
    pub source: Option<PathBuf>,
    pub populations: Vec<Population>,
    pub scales: Vec<Scale>,
    pub questions: Vec<Question>,
    /// Which validity rules run and what they do.
    pub validity: validity::ValidityConfig,
    /// Breakdowns a definition declares (`[[group]]`).
    pub groups: Vec<analysis::GroupDef>,
    /// Post-stratification per population (`[[weighting]]`).
    pub weightings: Vec<analysis::Weighting>,
    /// Scored indicators (`[[indicator]]`): the lines of the indicator table.
    pub indicators: Vec<analysis::IndicatorDef>,
    /// How the table's total is graded (`[grading]`).
    pub grading: analysis::Grading,
    /// Themes of the free-text questions (`[[theme]]`).
    pub themes: Vec<analysis::ThemeDef>,
    /// Who the report is for and by (`[report]`).
    pub report: ReportMeta,
}

/// The report's cover: the project evaluated, the client (委托单位), the evaluating
/// organisation (评价机构) and the report's date, as the definition's `[report]` states them.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportMeta {
    pub project: Option<String>,
    pub client: Option<String>,
    pub evaluator: Option<String>,
    pub date: Option<String>,
}

/// A group of people surveyed separately (社会公众, 工作人员), with the files holding their answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Population {
    pub id: String,
    pub name: String,
    /// How many people the population has, when known: intervals then use the finite population
    /// correction.
    pub size: Option<u64>,
    pub files: Vec<PathBuf>,
    /// Line of the definition where it is declared.
    pub line: Option<usize>,
}

/// What a scale measures, which names its positive share (满意率 on a satisfaction scale, 知晓率 on
/// an awareness scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    Satisfaction,
    Awareness,
    Agreement,
    Importance,
    Rating,
    /// A 0–10 likelihood to recommend.
    Recommendation,
    #[default]
    Other,
}

impl Measure {
    pub const ALL: [Measure; 7] = [
        Measure::Satisfaction,
        Measure::Awareness,
        Measure::Agreement,
        Measure::Importance,
        Measure::Rating,
        Measure::Recommendation,
        Measure::Other,
    ];

    /// The name a definition uses (`measure = "satisfaction"`).
    pub fn name(self) -> &'static str {
        match self {
            Measure::Satisfaction => "satisfaction",
            Measure::Awareness => "awareness",
            Measure::Agreement => "agreement",
            Measure::Importance => "importance",
            Measure::Rating => "rating",
            Measure::Recommendation => "recommendation",
            Measure::Other => "other",
        }
    }

    pub fn parse(name: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.name() == name)
    }

    /// A guess from a scale's id or name, for definitions that do not say (`satisfaction`,
    /// `满意度（五级）`, `awareness_4` …).
    pub fn guess(id: &str, name: &str) -> Measure {
        let has = |words: &[&str]| words.iter().any(|w| id.contains(w) || name.contains(w));
        if has(&["satisfaction", "满意"]) {
            Measure::Satisfaction
        } else if has(&["awareness", "知晓", "了解"]) {
            Measure::Awareness
        } else if has(&["agreement", "认同", "同意"]) {
            Measure::Agreement
        } else if has(&["importance", "重要"]) {
            Measure::Importance
        } else if has(&["recommend", "推荐"]) {
            Measure::Recommendation
        } else if has(&["rating", "评价"]) {
            Measure::Rating
        } else {
            Measure::Other
        }
    }
}

/// An ordered answer scale. For a multiple-choice question the levels are its options.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub id: String,
    pub name: String,
    /// What it measures: names the positive share.
    pub measure: Measure,
    pub levels: Vec<Level>,
    /// Answers that mean "cannot say" (不清楚): reported, never counted in n.
    pub not_applicable: Vec<Level>,
    pub line: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    pub label: String,
    pub aliases: Vec<String>,
    pub score: Option<f64>,
    /// Counts toward the positive share (知晓率, 满意率).
    pub positive: bool,
    /// The option number a 按序号 export writes for this level.
    pub code: Option<i64>,
}

impl Level {
    pub fn new(label: &str) -> Level {
        Level {
            label: label.to_string(),
            aliases: Vec::new(),
            score: None,
            positive: false,
            code: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    /// One level of a scale per respondent.
    Single,
    /// Any number of options per respondent.
    Multiple,
    /// Free text.
    Text,
    /// Options put in order (排序), joined by `→`.
    Ranking,
}

impl QuestionKind {
    pub fn name(self) -> &'static str {
        match self {
            QuestionKind::Single => "single",
            QuestionKind::Multiple => "multiple",
            QuestionKind::Text => "text",
            QuestionKind::Ranking => "ranking",
        }
    }
}

/// How to find a question's column(s) in an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Locator {
    /// 问卷星's question number (`3、…`), and for a matrix row or fill-in field the text after the
    /// em dash (`5、请评价…—交通出行`).
    Number { number: u32, item: Option<String> },
    /// The whole header, as written (after normalisation).
    Header(String),
    /// A header containing this text.
    Contains(String),
    /// The column at this 1-based position (when nothing else tells it apart).
    Column(usize),
}

impl std::fmt::Display for Locator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Locator::Number { number, item: None } => write!(f, "number = {number}"),
            Locator::Number {
                number,
                item: Some(item),
            } => write!(f, "number = {number}, item = \"{item}\""),
            Locator::Header(h) => write!(f, "header = \"{h}\""),
            Locator::Contains(c) => write!(f, "contains = \"{c}\""),
            Locator::Column(n) => write!(f, "column = {n}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub kind: QuestionKind,
    /// Index into `Survey::scales`; `None` for free text.
    pub scale: Option<usize>,
    pub locator: Locator,
    /// The dimensions the question is an item of (several when, say, an overall dimension
    /// gathers every item), in the order the definition lists them.
    pub dimensions: Vec<String>,
    /// Questions of different populations with the same topic are compared (staff vs public).
    pub topic: Option<String>,
    /// Populations asked this question; empty means every population.
    pub populations: Vec<String>,
    pub line: Option<usize>,
}

impl Survey {
    pub fn scale_of(&self, question: &Question) -> Option<&Scale> {
        question.scale.map(|i| &self.scales[i])
    }

    pub fn population(&self, id: &str) -> Option<&Population> {
        self.populations.iter().find(|p| p.id == id)
    }

    /// The levels of question `q`'s scale named by `labels` (labels or aliases).
    pub fn levels_named(&self, q: usize, labels: &[String]) -> Vec<u16> {
        let Some(scale) = self.scale_of(&self.questions[q]) else {
            return Vec::new();
        };
        let index = ScaleIndex::new(scale);
        labels
            .iter()
            .filter_map(|l| match index.lookup_text(l) {
                Some(LabelMatch::Level(k)) => Some(k),
                _ => None,
            })
            .collect()
    }

    /// The questions asked of population `id`, in questionnaire order.
    pub fn questions_for<'a>(
        &'a self,
        id: &'a str,
    ) -> impl Iterator<Item = (usize, &'a Question)> + 'a {
        self.questions
            .iter()
            .enumerate()
            .filter(move |(_, q)| q.populations.is_empty() || q.populations.iter().any(|p| p == id))
    }
}

/// What a label means on a given scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelMatch {
    Level(u16),
    NotApplicable(u16),
}

/// Fast lookup of a scale's labels, aliases and option numbers.
#[derive(Debug, Clone, Default)]
pub struct ScaleIndex {
    by_key: HashMap<String, LabelMatch>,
    by_code: HashMap<i64, LabelMatch>,
}

impl ScaleIndex {
    pub fn new(scale: &Scale) -> ScaleIndex {
        let mut index = ScaleIndex::default();
        for (i, level) in scale.levels.iter().enumerate() {
            let m = LabelMatch::Level(i as u16);
            index.add(level, m, i as i64 + 1);
        }
        let first_na_code = scale.levels.len() as i64 + 1;
        for (i, level) in scale.not_applicable.iter().enumerate() {
            let m = LabelMatch::NotApplicable(i as u16);
            index.add(level, m, first_na_code + i as i64);
        }
        index
    }

    fn add(&mut self, level: &Level, m: LabelMatch, default_code: i64) {
        for label in std::iter::once(&level.label).chain(&level.aliases) {
            self.by_key.entry(labels::match_key(label)).or_insert(m);
        }
        self.by_code
            .entry(level.code.unwrap_or(default_code))
            .or_insert(m);
    }

    /// Matches a label by its text or alias, else by option number (for 按序号 exports).
    pub fn lookup(&self, label: &str) -> Option<LabelMatch> {
        if let Some(m) = self.by_key.get(&labels::match_key(label)) {
            return Some(*m);
        }
        let code: i64 = label.trim().parse().ok()?;
        self.by_code.get(&code).copied()
    }

    /// Matches by text or alias only.
    pub fn lookup_text(&self, label: &str) -> Option<LabelMatch> {
        self.by_key.get(&labels::match_key(label)).copied()
    }
}
