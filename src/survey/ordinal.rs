//! A questionnaire's own ordered scale, read from its labels' words: 非常满意 > 满意 > 比较满意 >
//! 基本满意 > 一般 > 比较不满意 > 不满意 > 非常不满意. Used when the labels a question uses do not map
//! one-to-one onto a built-in scale, so that no option is merged into another or dropped.
//!
//! Each label is taken apart into what it measures (满意, 了解, 同意, 重要, 好 …) and how strongly:
//! an intensity word before it (非常 / 很 / 十分 > none > 比较 / 较 > 基本 > 一般), or a negation
//! (不太 / 较不 > 不 > 很不 / 非常不). The rule for what counts as positive, documented in
//! docs/survey-format.md: the levels above the neutral one; a scale without a neutral-worded level
//! and an odd number of levels treats its middle level as neutral (so 满意 / 基本满意 / 不满意 counts
//! only 满意 — many reports also count 基本满意, which the definition can say); an even number of
//! levels without a neutral one counts its upper half.

use super::{Level, Measure};

/// How strongly a label says its word, from +4 (非常满意) to −3 (非常不满意); 0 is neutral.
type Rank = i8;

/// Words a scale measures, with the measure they name (longest first, so 不满意 is found before
/// 满意 would be, and 认同 before 同).
const CORES: &[(&str, Measure)] = &[
    ("满意", Measure::Satisfaction),
    ("了解", Measure::Awareness),
    ("知晓", Measure::Awareness),
    ("熟悉", Measure::Awareness),
    ("清楚", Measure::Awareness),
    ("同意", Measure::Agreement),
    ("认同", Measure::Agreement),
    ("赞同", Measure::Agreement),
    ("支持", Measure::Agreement),
    ("重要", Measure::Importance),
    ("放心", Measure::Satisfaction),
    ("便利", Measure::Satisfaction),
    ("方便", Measure::Satisfaction),
    ("便捷", Measure::Satisfaction),
    ("安全", Measure::Satisfaction),
    ("合理", Measure::Rating),
    ("有效", Measure::Rating),
    ("好", Measure::Rating),
];

/// The negative of 好: 差 is "not good".
const BAD: &str = "差";

const STRONG: &[&str] = &[
    "非常",
    "很",
    "十分",
    "特别",
    "极其",
    "极",
    "完全",
    "相当",
    "非常地",
    "特",
];
const FAIRLY: &[&str] = &[
    "比较",
    "较",
    "挺",
    "还算",
    "还比较",
    "相对",
    "较为",
    "比较地",
];
const BASICALLY: &[&str] = &["基本", "基本上", "大致", "大体", "大体上", "基本还"];
const NEUTRAL: &[&str] = &["一般", "中立", "中等", "普通", "一般般", "中"];
/// After the word: 了解一些, 了解一点 (a little).
const A_LITTLE: &[&str] = &["一些", "一点", "一点点", "些"];
/// Between 不 and the word: 不太满意, 不怎么了解, 不是很满意.
const NOT_VERY: &[&str] = &["太", "怎么", "大", "是很", "是特别", "够", "是太", "甚"];
/// Before 不: 很不满意, 完全不了解, 一点也不同意.
const NOT_AT_ALL: &[&str] = &[
    "很",
    "非常",
    "十分",
    "极",
    "特别",
    "完全",
    "一点也",
    "一点都",
    "根本",
    "极其",
    "都",
];

/// What one label says: its word's measure (none for a bare 一般) and how strongly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Reading {
    measure: Option<Measure>,
    rank: Rank,
}

fn read(label: &str) -> Option<Reading> {
    let label = label.trim();
    if NEUTRAL.contains(&label) {
        return Some(Reading {
            measure: None,
            rank: 0,
        });
    }
    // 差 words: 差 −2, 较差 −1, 很差 −3.
    if let Some(before) = label.strip_suffix(BAD) {
        let rank = if before.is_empty() {
            -2
        } else if FAIRLY.contains(&before) {
            -1
        } else if STRONG.contains(&before) {
            -3
        } else {
            return None;
        };
        return Some(Reading {
            measure: Some(Measure::Rating),
            rank,
        });
    }
    let (at, core, measure) = CORES
        .iter()
        .filter_map(|&(w, m)| label.rfind(w).map(|at| (at, w, m)))
        .max_by_key(|(at, w, _)| (w.len(), *at))?;
    let before = &label[..at];
    let after = &label[at + core.len()..];
    let rank = if let Some(not) = before.rfind(['不', '没']) {
        if !after.is_empty() {
            return None;
        }
        let (pre, post) = (&before[..not], &before[not + '不'.len_utf8()..]);
        match (pre, post) {
            ("", "") => -2,
            ("", p) if NOT_VERY.contains(&p) => -1,
            (p, "") if FAIRLY.contains(&p) => -1,
            (p, "") if NOT_AT_ALL.contains(&p) => -3,
            _ => return None,
        }
    } else if NEUTRAL.contains(&before) || NEUTRAL.contains(&after) {
        0
    } else if A_LITTLE.contains(&after) && before.is_empty() {
        1
    } else if !after.is_empty() {
        return None;
    } else if before.is_empty() {
        3
    } else if STRONG.contains(&before) {
        4
    } else if FAIRLY.contains(&before) {
        2
    } else if BASICALLY.contains(&before) {
        1
    } else {
        return None;
    };
    Some(Reading {
        measure: Some(measure),
        rank,
    })
}

/// Why the positive levels are the ones they are, for the note `init` writes and the figure shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PositiveRule {
    /// The levels above the neutral-worded one.
    AboveNeutral,
    /// No neutral-worded level and an odd number: the middle one is taken as neutral.
    AboveMiddle { middle: String },
    /// No neutral level and an even number: the upper half.
    UpperHalf,
}

/// A scale read from the labels, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Ordered {
    pub measure: Measure,
    pub levels: Vec<Level>,
    pub rule: PositiveRule,
    /// Labels said equally strongly (很满意 and 非常满意 in one question): kept as levels of their
    /// own, side by side, with the same score.
    pub ties: Vec<Vec<String>>,
    /// Labels whose words could not be read (还行), left out of the scale: reported as unknown.
    pub unread: Vec<String>,
}

/// Unread labels may hold at most this share of the answers; beyond it the reading is unsure.
const MAX_UNREAD: f64 = 0.1;

/// The ordered scale the labels describe (with how often each was given), or `None` when the
/// reading is unsure: labels that measure different things, fewer than two distinct intensities,
/// or too many answers whose words cannot be read.
pub fn infer(labels: &[(&str, u64)]) -> Option<Ordered> {
    let total: u64 = labels.iter().map(|(_, n)| n).sum();
    let mut read_labels: Vec<(&str, Reading)> = Vec::with_capacity(labels.len());
    let mut unread: Vec<String> = Vec::new();
    let mut unread_count = 0u64;
    for &(l, n) in labels {
        match read(super::labels::without_option_letter(l)) {
            Some(r) => read_labels.push((l, r)),
            None => {
                unread_count += n;
                // Past the limit no reading can follow: stop here rather than read every
                // label of a free-text column.
                if unread_count as f64 > MAX_UNREAD * total as f64 {
                    return None;
                }
                unread.push(l.to_string());
            }
        }
    }
    let mut measures = read_labels.iter().filter_map(|(_, r)| r.measure);
    let measure = measures.next()?;
    if measures.any(|m| m != measure) {
        return None;
    }
    // Strongest first; labels given equally strongly stay apart, in the order they came.
    read_labels.sort_by_key(|(_, r)| std::cmp::Reverse(r.rank));
    let mut ranks: Vec<Rank> = read_labels.iter().map(|(_, r)| r.rank).collect();
    ranks.dedup();
    let k = ranks.len();
    if k < 2 {
        return None;
    }
    let neutral = ranks.iter().position(|&r| r == 0);
    let (positive_groups, rule) = match neutral {
        Some(i) => (i, PositiveRule::AboveNeutral),
        None if k % 2 == 1 => {
            let middle = read_labels
                .iter()
                .filter(|(_, r)| r.rank == ranks[k / 2])
                .map(|(l, _)| *l)
                .collect::<Vec<_>>()
                .join("、");
            (k / 2, PositiveRule::AboveMiddle { middle })
        }
        None => (k / 2, PositiveRule::UpperHalf),
    };
    let group_of = |rank: Rank| ranks.iter().position(|&r| r == rank).unwrap_or(0);
    let levels = read_labels
        .iter()
        .map(|(label, r)| {
            let g = group_of(r.rank);
            // Evenly spread, to two decimals (100, 83.33, 66.67 … for six levels).
            let score = (10_000.0 * (k - g) as f64 / k as f64).round() / 100.0;
            Level {
                score: Some(score),
                positive: g < positive_groups,
                ..Level::new(label)
            }
        })
        .collect();
    let ties = ranks
        .iter()
        .map(|&rank| {
            read_labels
                .iter()
                .filter(|(_, r)| r.rank == rank)
                .map(|(l, _)| l.to_string())
                .collect::<Vec<_>>()
        })
        .filter(|group| group.len() > 1)
        .collect();
    Some(Ordered {
        measure,
        levels,
        rule,
        ties,
        unread,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted<'a>(labels: &[&'a str]) -> Vec<(&'a str, u64)> {
        labels.iter().map(|l| (*l, 10)).collect()
    }

    fn infer(labels: &[&str]) -> Option<Ordered> {
        super::infer(&counted(labels))
    }

    fn order(labels: &[&str]) -> Option<(Vec<String>, Vec<bool>)> {
        let o = infer(labels)?;
        Some((
            o.levels.iter().map(|l| l.label.clone()).collect(),
            o.levels.iter().map(|l| l.positive).collect(),
        ))
    }

    #[test]
    fn five_custom_levels_with_basically_in_the_middle() {
        let (labels, positive) =
            order(&["基本满意", "很不满意", "比较满意", "很满意", "较不满意"]).unwrap();
        assert_eq!(
            labels,
            ["很满意", "比较满意", "基本满意", "较不满意", "很不满意"]
        );
        assert_eq!(positive, [true, true, false, false, false]);
    }

    #[test]
    fn three_levels_count_only_the_top() {
        let o = infer(&["不满意", "满意", "基本满意"]).unwrap();
        let labels: Vec<&str> = o.levels.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["满意", "基本满意", "不满意"]);
        assert_eq!(
            o.rule,
            PositiveRule::AboveMiddle {
                middle: "基本满意".into()
            }
        );
        let scores: Vec<f64> = o.levels.iter().filter_map(|l| l.score).collect();
        assert_eq!(scores[0], 100.0);
        assert_eq!(o.measure, Measure::Satisfaction);
    }

    #[test]
    fn seven_levels_keep_fairly_and_plain_apart() {
        let (labels, positive) = order(&[
            "一般",
            "比较不满意",
            "满意",
            "非常不满意",
            "比较满意",
            "不满意",
            "非常满意",
        ])
        .unwrap();
        assert_eq!(
            labels,
            [
                "非常满意",
                "满意",
                "比较满意",
                "一般",
                "比较不满意",
                "不满意",
                "非常不满意"
            ]
        );
        assert_eq!(positive, [true, true, true, false, false, false, false]);
    }

    #[test]
    fn five_awareness_levels_with_a_neutral_one() {
        let o = infer(&["比较了解", "一般了解", "完全不了解", "非常了解", "不太了解"]).unwrap();
        let labels: Vec<&str> = o.levels.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(
            labels,
            ["非常了解", "比较了解", "一般了解", "不太了解", "完全不了解"]
        );
        assert_eq!(o.measure, Measure::Awareness);
        assert_eq!(o.rule, PositiveRule::AboveNeutral);
        assert_eq!(o.levels.iter().filter(|l| l.positive).count(), 2);
    }

    #[test]
    fn four_levels_without_neutral_count_the_upper_half() {
        let o = infer(&["很好", "较好", "较差", "很差"]).unwrap();
        assert_eq!(o.rule, PositiveRule::UpperHalf);
        assert_eq!(o.levels.iter().filter(|l| l.positive).count(), 2);
        assert_eq!(o.measure, Measure::Rating);
    }

    #[test]
    fn letters_are_read_past_and_kept() {
        let (labels, _) = order(&["B.比较了解", "A.非常了解", "C.一般了解"]).unwrap();
        assert_eq!(labels, ["A.非常了解", "B.比较了解", "C.一般了解"]);
    }

    #[test]
    fn equally_strong_labels_stay_apart_with_one_score() {
        let o = infer(&["很满意", "非常满意", "一般", "不满意"]).unwrap();
        let labels: Vec<&str> = o.levels.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["很满意", "非常满意", "一般", "不满意"]);
        assert_eq!(o.levels[0].score, o.levels[1].score);
        assert!(o.levels[0].positive && o.levels[1].positive && !o.levels[2].positive);
        assert_eq!(o.ties, [vec!["很满意".to_string(), "非常满意".to_string()]]);
    }

    #[test]
    fn a_few_unread_answers_are_left_out_many_give_up() {
        let o = super::infer(&[("满意", 40), ("一般", 30), ("不满意", 25), ("还行", 5)]).unwrap();
        assert_eq!(o.unread, ["还行"]);
        assert_eq!(o.levels.len(), 3);
        assert_eq!(
            super::infer(&[("满意", 40), ("马马虎虎", 30), ("不满意", 30)]),
            None
        );
    }

    #[test]
    fn unsure_readings_give_up() {
        // Different words.
        assert_eq!(infer(&["满意", "了解"]), None);
        // One intensity only.
        assert_eq!(infer(&["很满意", "非常满意"]), None);
        assert_eq!(infer(&["是", "否"]), None);
    }
}
