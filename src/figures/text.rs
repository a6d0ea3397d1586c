//! What people said: the answers to a free-text question (意见和建议) as findings. Each answer is
//! segmented into words (jieba, the standard Chinese segmenter), common words set aside, and
//! words counted by respondent; themes the definition declares (交通: 停车, 公交, 道路 …) get their
//! share of respondents with an interval, and a few answers verbatim.
//!
//! Counts are by respondent, not by mention: an answer that names 停车 twice counts once. The share
//! of a theme is of the respondents who said something (an empty answer, or 无 / 没有意见, is not a
//! view).

use crate::error::Result;
use crate::figures::Settings;
use crate::ingest::{Column, Table};
use crate::model::{Answer, AnswerValue, Answers, Segmented};
use crate::stats::{self, Estimate};
use crate::survey::analysis::ThemeDef;
use crate::survey::headers::HeaderRole;
use crate::survey::labels::{MULTI_SEPARATOR, RANK_SEPARATOR};
use std::sync::OnceLock;

/// A declared theme: how many respondents' answers touch it.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeFigure {
    pub name: String,
    pub keywords: Vec<String>,
    pub count: u64,
    /// Of the respondents with something to say; `None` when none had.
    pub share: Option<Estimate>,
    /// A few answers that touch it, most often given first.
    pub examples: Vec<String>,
}

/// The free-text answers of one question.
#[derive(Debug, Clone, PartialEq)]
pub struct TextFigures {
    /// Respondents with something to say (not empty, not "nothing").
    pub n: u64,
    /// Respondents who answered only that they have nothing to add (无, 没有, 暂无 …).
    pub nothing: u64,
    pub themes: Vec<ThemeFigure>,
    /// The most used words, by respondents, most first.
    pub keywords: Vec<(String, u64)>,
}

/// How many keywords a question lists.
const TOP_KEYWORDS: usize = 10;
/// How many answers a theme quotes.
const EXAMPLES: usize = 3;

/// Answers that say there is nothing to say.
const NOTHING: &[&str] = &[
    "无",
    "没有",
    "暂无",
    "无意见",
    "没意见",
    "没有意见",
    "无建议",
    "没有建议",
    "暂无建议",
    "暂无意见",
    "不知道",
    "没什么",
    "没什么意见",
    "无所谓",
    "没",
    "否",
    "none",
    "no",
    "n/a",
    "/",
    "无。",
];

/// The most characters an entry of `NOTHING` has.
const NOTHING_CHARS: usize = 5;

/// Words too common in suggestions to say anything about them.
const STOP_WORDS: &[&str] = &[
    "的",
    "了",
    "和",
    "是",
    "在",
    "我",
    "我们",
    "你们",
    "他们",
    "有",
    "也",
    "就",
    "都",
    "要",
    "能",
    "会",
    "希望",
    "建议",
    "意见",
    "一些",
    "一下",
    "可以",
    "进一步",
    "更加",
    "更",
    "多",
    "还",
    "很",
    "非常",
    "比较",
    "以及",
    "对于",
    "关于",
    "这个",
    "那个",
    "这些",
    "还有",
    "没有",
    "应该",
    "需要",
    "目前",
    "现在",
    "方面",
    "问题",
    "情况",
    "工作",
    "进行",
    "加以",
    "能够",
    "不要",
    "不能",
    "一个",
    "两点",
    "市民",
    "群众",
    "老百姓",
    "同时",
    "其他",
    "等等",
    "以上",
    "就是",
    "因为",
    "所以",
    "如果",
    "但是",
    // The verbs every suggestion opens with: they say that something should change, not what.
    "增加",
    "加强",
    "加大",
    "加快",
    "解决",
    "改善",
    "完善",
    "提高",
    "提升",
    "注重",
];

/// Starts loading the segmenter's dictionary (a tenth of a second) on a thread of its own, to be
/// ready when the figures of free text are computed; they wait for it if it is not. Once per run.
pub fn load_segmenter_in_background() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        std::thread::spawn(jieba);
    });
}

/// Whether an export, before its questionnaire is inferred, looks as if it has a free-text
/// question: a question column of more than `LIKELY_TEXT_DISTINCT` distinct answers, long on
/// average and not joined options. A guess, only to start loading the segmenter early: a wrong
/// one costs a tenth of a second on a spare core.
pub fn likely_free_text(table: &Table) -> bool {
    let roles = crate::survey::headers::classify_table(table);
    table.columns.iter().zip(&roles).any(|(column, role)| {
        let Column::Text(c) = column else {
            return false;
        };
        if matches!(role, HeaderRole::Meta(_)) || c.values.len() <= LIKELY_TEXT_DISTINCT {
            return false;
        }
        let sample = &c.values[..LIKELY_TEXT_DISTINCT];
        let joined = |v: &&String| v.contains(MULTI_SEPARATOR) || v.contains(RANK_SEPARATOR);
        sample.iter().map(String::len).sum::<usize>() > LIKELY_TEXT_DISTINCT * 24
            && !sample.iter().any(|v| joined(&v))
    })
}

/// How many distinct answers, at least, a column has for `likely_free_text`.
const LIKELY_TEXT_DISTINCT: usize = 1000;

fn jieba() -> &'static jieba_rs::Jieba {
    static JIEBA: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    JIEBA.get_or_init(|| {
        let mut words = std::io::BufReader::new(flate2::read::GzDecoder::new(DICTIONARY));
        jieba_rs::Jieba::with_dict(&mut words).expect("the bundled dictionary reads")
    })
}

/// jieba's dictionary, its words and frequencies without part-of-speech tags, which segmentation
/// does not use (scripts/make_jieba_words.py).
const DICTIONARY: &[u8] = include_bytes!("jieba-words.txt.gz");

/// Characters outside jieba's blocks of Han characters, letters, digits and `+#&._%-`: the
/// segmenter never joins a word across one, so an answer's words are its clauses' words.
fn is_clause_break(c: char) -> bool {
    // A match, not a search of a string of these: it is asked of every character of every answer.
    c.is_whitespace()
        || matches!(
            c,
            '，' | '。'
                | '！'
                | '？'
                | '；'
                | '：'
                | '、'
                | '（'
                | '）'
                | '【'
                | '】'
                | '《'
                | '》'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '「'
                | '」'
                | '…'
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '<'
                | '>'
                | '"'
                | '\''
                | '/'
                | '|'
                | '~'
                | '*'
                | '='
        )
}

/// The words of each distinct clause, segmented once (answers repeat clauses — 建议增加停车位 —
/// far more often than whole answers), each word numbered in order of first use.
#[derive(Default)]
struct Segmenter<'a> {
    // hashbrown's hasher (foldhash, seeded per process), faster than the standard one: a lookup
    // per clause of every answer. A clause's word numbers are a span of `clause_words`, not a
    // vector each: hundreds of thousands of distinct clauses would each cost an allocation.
    clauses: hashbrown::HashMap<&'a str, (u32, u32)>,
    clause_words: Vec<u32>,
    words: Vec<String>,
    numbers: hashbrown::HashMap<String, u32>,
}

impl<'a> Segmenter<'a> {
    /// Appends to `out` the numbers of an answer's distinct content words, in order of first
    /// use; the same words as `words` gives.
    fn words(&mut self, answer: &'a str, out: &mut Vec<u32>) {
        out.clear();
        for clause in answer.split(is_clause_break).filter(|c| !c.is_empty()) {
            let (numbers, words_seen, clause_words) =
                (&mut self.numbers, &mut self.words, &mut self.clause_words);
            let &mut (start, end) = self.clauses.entry(clause).or_insert_with(|| {
                let start = clause_words.len() as u32;
                clause_words.extend(words(clause).into_iter().map(|w| match numbers.get(&w) {
                    Some(&k) => k,
                    None => {
                        let k = words_seen.len() as u32;
                        numbers.insert(w.clone(), k);
                        words_seen.push(w);
                        k
                    }
                }));
                (start, clause_words.len() as u32)
            });
            for &w in &clause_words[start as usize..end as usize] {
                if !out.contains(&w) {
                    out.push(w);
                }
            }
        }
    }
}

/// The distinct content words of an answer, in order of first use.
pub fn words(answer: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in jieba().cut(answer, false) {
        let w = w.word.trim();
        let meaningful = w.chars().count() >= 2
            && w.chars().any(|c| c.is_alphabetic())
            && !STOP_WORDS.contains(&w);
        if meaningful && !out.iter().any(|o| o == w) {
            out.push(w.to_string());
        }
    }
    out
}

/// From this many distinct answers on, they are segmented on every core.
const PARALLEL_ANSWERS: usize = 20_000;

/// The words of each of `distinct`, numbered among themselves.
fn segment(distinct: &[Answer]) -> Segmented {
    let mut segmenter = Segmenter::default();
    let mut segmented = Segmented::default();
    let mut words = Vec::new();
    for a in distinct {
        words.clear();
        if a.value == AnswerValue::Text && !says_nothing(&a.text) {
            segmenter.words(&a.text, &mut words);
        }
        segmented.push(words.iter().copied());
    }
    segmented.words = segmenter.words;
    segmented
}

fn says_nothing(answer: &str) -> bool {
    let a = answer.trim().trim_end_matches(['。', '.', '！', '!']);
    // Lowercasing never makes fewer characters, so an answer longer than every entry is not one
    // (and a third of a million suggestions are not lowercased to find that out).
    if a.chars().nth(NOTHING_CHARS).is_some() {
        return false;
    }
    let lower = a.to_lowercase();
    NOTHING.contains(&lower.as_str())
}

/// The figures of one free-text question: `count[code]` respondents gave `answers.distinct[code]`.
pub fn figures(
    answers: &Answers,
    count: &[u64],
    themes: &[&ThemeDef],
    settings: Settings,
) -> Result<TextFigures> {
    let segmented = answers.segmented(|distinct| {
        // Large questions are cut in a part per core, segmented side by side (the segmenter's
        // dictionary is shared, read-only) and joined in order: a third of a million answers
        // would otherwise keep the other cores waiting.
        let part_len = if distinct.len() >= PARALLEL_ANSWERS {
            distinct.len().div_ceil(crate::parallel::cores())
        } else {
            distinct.len()
        };
        let parts: Vec<&[Answer]> = distinct.chunks(part_len.max(1)).collect();
        Segmented::join(crate::parallel::map(&parts, |part| segment(part)))
    });
    let mut n = 0u64;
    let mut nothing = 0u64;
    // Respondents per word, and the order words were first used in the answers counted here.
    let mut keyword_count = vec![0u64; segmented.words.len()];
    let mut first_use = vec![u32::MAX; segmented.words.len()];
    let mut used = 0u32;
    let mut theme_count = vec![0u64; themes.len()];
    let mut theme_examples: Vec<Vec<(&str, u64)>> = vec![Vec::new(); themes.len()];
    for ((answer, &c), words) in answers
        .distinct
        .iter()
        .zip(count)
        .zip(segmented.of_answers())
    {
        if c == 0 || answer.value != AnswerValue::Text {
            continue;
        }
        if says_nothing(&answer.text) {
            nothing += c;
            continue;
        }
        n += c;
        for &w in words {
            let w = w as usize;
            keyword_count[w] += c;
            if first_use[w] == u32::MAX {
                first_use[w] = used;
                used += 1;
            }
        }
        for (t, theme) in themes.iter().enumerate() {
            // A keyword anywhere in the answer: 停车 is in 停车场 and 停车位, whatever the
            // segmenter makes of them.
            if theme
                .keywords
                .iter()
                .any(|k| answer.text.contains(k.as_str()))
            {
                theme_count[t] += c;
                theme_examples[t].push((&answer.text, c));
            }
        }
    }
    let mut order: Vec<usize> = (0..keyword_count.len())
        .filter(|&w| first_use[w] != u32::MAX)
        .collect();
    // Most respondents first; ties in order of first use, so the list is stable.
    order.sort_by_key(|&w| (std::cmp::Reverse(keyword_count[w]), first_use[w]));
    order.truncate(TOP_KEYWORDS);
    let keywords: Vec<(String, u64)> = order
        .into_iter()
        .map(|w| (segmented.words[w].clone(), keyword_count[w]))
        .collect();
    let mut figures = Vec::with_capacity(themes.len());
    for ((theme, count), mut examples) in themes.iter().zip(theme_count).zip(theme_examples) {
        examples.sort_by_key(|(text, c)| (std::cmp::Reverse(*c), text.chars().count()));
        figures.push(ThemeFigure {
            name: theme.name.clone(),
            keywords: theme.keywords.clone(),
            count,
            share: stats::proportion(count, n, settings.method, settings.conf, None)
                .map_err(super::stats_error)?,
            examples: examples
                .into_iter()
                .take(EXAMPLES)
                .map(|(t, _)| t.to_string())
                .collect(),
        });
    }
    Ok(TextFigures {
        n,
        nothing,
        themes: figures,
        keywords,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Codes;
    use crate::model::Answer;

    fn answers(texts: &[&str]) -> Answers {
        let distinct = texts
            .iter()
            .map(|t| Answer {
                text: (*t).into(),
                value: AnswerValue::Text,
            })
            .collect();
        Answers::new(Codes::default(), distinct, String::new())
    }

    /// An export of a numbered question and one more column of `header` holding `distinct`
    /// answers made by `answer`.
    fn export_with(header: &str, distinct: usize, answer: impl Fn(usize) -> String) -> Table {
        let column = |values: Vec<String>| {
            let mut codes = Codes::default();
            for c in 0..values.len() {
                codes.push(c as u32);
            }
            Column::Text(crate::ingest::TextColumn { values, codes })
        };
        Table {
            path: "export.csv".into(),
            format: "csv",
            encoding: None,
            headers: vec!["1、您的年龄：".into(), header.into()],
            columns: vec![
                column((0..distinct).map(|i| format!("{}岁", i % 4)).collect()),
                column((0..distinct).map(answer).collect()),
            ],
            rows: distinct,
            file_rows: None,
            skipped_empty_rows: 0,
            chunks: 1,
            notes: Vec::new(),
        }
    }

    #[test]
    fn many_long_distinct_answers_are_taken_for_free_text() {
        let suggestion = |i: usize| format!("建议增加城区停车位，第{i}号路口太堵");
        let q = "2、您对城市建设还有哪些意见建议？";
        assert!(likely_free_text(&export_with(q, 1500, suggestion)));
        // Few, short, joined options or a metadata column are not.
        assert!(!likely_free_text(&export_with(q, 900, suggestion)));
        assert!(!likely_free_text(&export_with(q, 1500, |i| format!(
            "第{i}项"
        ))));
        let joined = |i: usize| format!("交通出行┋环境卫生┋教育医疗┋第{i}项其他");
        assert!(!likely_free_text(&export_with(q, 1500, joined)));
        assert!(!likely_free_text(&export_with(
            "来源详情",
            1500,
            suggestion
        )));
    }

    /// Each answer's words, as text.
    fn words_of(segmented: &Segmented) -> Vec<Vec<String>> {
        segmented
            .of_answers()
            .map(|ws| {
                ws.iter()
                    .map(|&w| segmented.words[w as usize].clone())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn parts_segmented_apart_and_joined_give_every_answer_its_words() {
        let texts: Vec<String> = (0..60)
            .map(|i| match i % 4 {
                0 => format!("建议增加停车位，第{i}小区"),
                1 => "无".to_string(),
                2 => format!("公交线路太少；道路拥堵{i}"),
                _ => "垃圾分类做得好，停车难".to_string(),
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let all = answers(&refs);
        let whole = segment(&all.distinct);
        for cut in [1, 17, 30, 59] {
            let (a, b) = all.distinct.split_at(cut);
            let joined = Segmented::join(vec![segment(a), segment(b)]);
            assert_eq!(words_of(&joined), words_of(&whole), "cut at {cut}");
            // Numbered as one pass numbers them: in order of first use.
            assert_eq!(joined.words, whole.words, "cut at {cut}");
            let mut distinct = joined.words.clone();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), joined.words.len(), "a word numbered twice");
        }
        assert!(
            words_of(&whole)
                .iter()
                .any(|w| w.contains(&"停车位".to_string()))
        );
    }

    #[test]
    fn themes_count_respondents_and_quote_them() {
        let a = answers(&[
            "增加城区停车位",
            "多建公园和停车场",
            "公交线路再优化",
            "无",
            "停车难",
        ]);
        let traffic = ThemeDef {
            question: "q8".into(),
            population: None,
            name: "交通".into(),
            keywords: vec!["停车".into(), "公交".into()],
            line: None,
        };
        let f = figures(&a, &[5, 2, 1, 10, 1], &[&traffic], Settings::default()).unwrap();
        assert_eq!(f.n, 9, "the 10 who had nothing to say are not views");
        assert_eq!(f.nothing, 10);
        let t = &f.themes[0];
        assert_eq!(t.count, 9);
        let share = t.share.unwrap();
        // Wilson 95% for 9 of 9 (statsmodels proportion_confint(9, 9, method="wilson")).
        assert!((share.estimate - 1.0).abs() < 1e-12);
        assert!((share.low - 0.7008549515804557).abs() < 1e-9, "{share:?}");
        assert_eq!(t.examples[0], "增加城区停车位");
        assert_eq!(t.examples.len(), 3);
    }

    #[test]
    fn keywords_by_respondent_without_common_words() {
        let a = answers(&["加强规划宣传，让更多市民了解规划内容", "规划宣传不够"]);
        let f = figures(&a, &[3, 2], &[], Settings::default()).unwrap();
        let get = |w: &str| f.keywords.iter().find(|(k, _)| k == w).map(|(_, c)| *c);
        // 规划 twice in one answer counts that answer's respondents once.
        assert_eq!(get("规划"), Some(5));
        assert_eq!(get("宣传"), Some(5));
        assert_eq!(get("市民"), None, "a stop word");
        assert_eq!(f.keywords[0].1, 5);
    }

    #[test]
    fn our_dictionary_segments_as_jiebas_own() {
        let builtin = jieba_rs::Jieba::new();
        let ours = jieba();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut lines = 0;
        for (export, encoding) in [
            ("responses/plan-public.csv", encoding_rs::UTF_8),
            ("responses/health-check.csv", encoding_rs::GB18030),
        ] {
            let bytes = std::fs::read(root.join(export)).expect("bundled export");
            let (text, _, malformed) = encoding.decode(&bytes);
            assert!(!malformed, "{export}");
            for line in text.lines() {
                let cut = |j: &jieba_rs::Jieba| -> Vec<String> {
                    j.cut(line, false)
                        .into_iter()
                        .map(|w| w.word.to_string())
                        .collect()
                };
                assert_eq!(cut(ours), cut(&builtin), "{line}");
                lines += 1;
            }
        }
        assert!(lines > 1_000, "{lines} lines");
        for word in ["停车位", "国土空间", "规划", "满意度", "城市体检"] {
            assert_eq!(ours.has_word(word), builtin.has_word(word), "{word}");
        }
    }

    #[test]
    fn clause_by_clause_segmentation_finds_the_same_words() {
        let texts = [
            "公交班次太少，建议增加到乡镇的线路",
            "建议增加\"潮汐车位\",解决早晚停车难",
            "Wi-Fi覆盖不够 5G信号差；3.5公里的路修了2年",
            "停车场（收费）太贵!!!停车场",
            "路灯不够亮\n晚上出行不方便\r\n希望改善",
            "A+B方案、C#语言……《规划》【宣传】",
            "增加县城停车位, 龙港镇村口（22号）一带尤其明显",
            "",
            "，，",
        ];
        assert_eq!(
            NOTHING.iter().map(|n| n.chars().count()).max(),
            Some(NOTHING_CHARS)
        );
        let mut segmenter = Segmenter::default();
        let mut numbers = vec![7, 7];
        // Twice: the second time every clause is cached.
        for t in texts.iter().chain(&texts) {
            segmenter.words(t, &mut numbers);
            let numbered: Vec<String> = numbers
                .iter()
                .map(|&k| segmenter.words[k as usize].clone())
                .collect();
            assert_eq!(numbered, words(t), "{t}");
        }
    }
}
