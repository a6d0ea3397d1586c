//! The built-in answer scales: the common Chinese satisfaction, awareness, agreement, importance
//! and rating scales with the variants seen in real questionnaires.
//!
//! Default scores follow one rule, documented in `docs/survey-format.md`: with k ordered levels the
//! level in position i (0 = best) scores 100·(k − i)/k, so five levels score 100/80/60/40/20 (the
//! usual convention in 满意度 reports) and four score 100/75/50/25. The positive levels are the top
//! two. These are conventions, not regulation: `wenjuan init` writes them out to be changed.

use super::{Level, Scale};

/// (label, aliases) from best to worst.
type LevelSpec = (&'static str, &'static [&'static str]);

struct Spec {
    id: &'static str,
    name: &'static str,
    levels: &'static [LevelSpec],
    not_applicable: &'static [LevelSpec],
    scored: bool,
    positive: usize,
}

/// "Cannot say" answers, each reported under its own label so nothing is merged silently.
const CANNOT_SAY: &[LevelSpec] = super::labels::CANNOT_SAY;

const SPECS: &[Spec] = &[
    Spec {
        id: "satisfaction",
        name: "满意度（五级）",
        levels: &[
            (
                "非常满意",
                &["很满意", "十分满意", "特别满意", "very satisfied"],
            ),
            ("满意", &["比较满意", "较满意", "satisfied"]),
            ("一般", &["中立", "一般满意", "普通", "neutral"]),
            (
                "不满意",
                &["不太满意", "比较不满意", "较不满意", "dissatisfied"],
            ),
            (
                "非常不满意",
                &[
                    "很不满意",
                    "十分不满意",
                    "极不满意",
                    "完全不满意",
                    "特别不满意",
                    "very dissatisfied",
                ],
            ),
        ],
        not_applicable: CANNOT_SAY,
        scored: true,
        positive: 2,
    },
    Spec {
        id: "awareness",
        name: "知晓度（四级）",
        levels: &[
            ("非常了解", &["很了解", "十分了解", "完全了解", "非常清楚"]),
            (
                "了解一些",
                &[
                    "比较了解",
                    "了解",
                    "有所了解",
                    "基本了解",
                    "了解一点",
                    "较了解",
                    "一般了解",
                ],
            ),
            (
                "不太了解",
                &[
                    "不怎么了解",
                    "了解很少",
                    "不是很了解",
                    "听说过",
                    "听说过但不了解",
                ],
            ),
            (
                "完全不了解",
                &[
                    "不了解",
                    "完全不知道",
                    "没听说过",
                    "从未听说过",
                    "一点也不了解",
                ],
            ),
        ],
        not_applicable: CANNOT_SAY,
        scored: true,
        positive: 2,
    },
    Spec {
        id: "agreement",
        name: "认同度（五级）",
        levels: &[
            (
                "非常同意",
                &["完全同意", "很同意", "十分同意", "strongly agree"],
            ),
            ("同意", &["比较同意", "较同意", "agree"]),
            ("一般", &["中立", "不确定", "neutral"]),
            ("不同意", &["不太同意", "比较不同意", "disagree"]),
            (
                "非常不同意",
                &["完全不同意", "很不同意", "strongly disagree"],
            ),
        ],
        not_applicable: CANNOT_SAY,
        scored: true,
        positive: 2,
    },
    Spec {
        id: "importance",
        name: "重要性（五级）",
        levels: &[
            ("非常重要", &["很重要", "十分重要", "very important"]),
            ("重要", &["比较重要", "较重要", "important"]),
            ("一般", &["一般重要", "neutral"]),
            ("不重要", &["不太重要", "比较不重要", "unimportant"]),
            (
                "非常不重要",
                &["很不重要", "完全不重要", "very unimportant"],
            ),
        ],
        not_applicable: CANNOT_SAY,
        scored: true,
        positive: 2,
    },
    Spec {
        id: "rating",
        name: "评价（五级）",
        levels: &[
            ("非常好", &["很好", "十分好", "very good"]),
            ("好", &["比较好", "较好", "good"]),
            ("一般", &["中等", "fair"]),
            ("差", &["比较差", "较差", "不好", "poor"]),
            ("非常差", &["很差", "极差", "very poor"]),
        ],
        not_applicable: CANNOT_SAY,
        scored: true,
        positive: 2,
    },
    Spec {
        id: "yes_no",
        name: "是否",
        levels: &[
            ("是", &["是的", "有", "yes"]),
            ("否", &["不是", "没有", "no"]),
        ],
        not_applicable: CANNOT_SAY,
        scored: false,
        positive: 1,
    },
];

fn build(spec: &Spec) -> Scale {
    let k = spec.levels.len();
    let level = |(i, (label, aliases)): (usize, &LevelSpec)| Level {
        label: label.to_string(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        score: spec.scored.then(|| 100.0 * (k - i) as f64 / k as f64),
        positive: i < spec.positive,
        code: None,
    };
    Scale {
        id: spec.id.to_string(),
        name: spec.name.to_string(),
        measure: super::Measure::guess(spec.id, spec.name),
        levels: spec.levels.iter().enumerate().map(level).collect(),
        not_applicable: spec
            .not_applicable
            .iter()
            .map(|(label, aliases)| Level {
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                ..Level::new(label)
            })
            .collect(),
        line: None,
    }
}

/// Every built-in scale, in the order inference prefers them on a tie.
pub fn all() -> Vec<Scale> {
    SPECS.iter().map(build).collect()
}

/// The built-in scale with this id.
pub fn get(id: &str) -> Option<Scale> {
    SPECS.iter().find(|s| s.id == id).map(build)
}

pub fn ids() -> Vec<&'static str> {
    SPECS.iter().map(|s| s.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::{LabelMatch, ScaleIndex};

    #[test]
    fn default_scores_follow_the_documented_rule() {
        let s = get("satisfaction").unwrap();
        let scores: Vec<f64> = s.levels.iter().filter_map(|l| l.score).collect();
        assert_eq!(scores, [100.0, 80.0, 60.0, 40.0, 20.0]);
        let a = get("awareness").unwrap();
        let scores: Vec<f64> = a.levels.iter().filter_map(|l| l.score).collect();
        assert_eq!(scores, [100.0, 75.0, 50.0, 25.0]);
        assert_eq!(a.levels.iter().filter(|l| l.positive).count(), 2);
    }

    #[test]
    fn variants_match_their_level() {
        let index = ScaleIndex::new(&get("satisfaction").unwrap());
        assert_eq!(index.lookup("很满意"), Some(LabelMatch::Level(0)));
        assert_eq!(index.lookup("比较满意 "), Some(LabelMatch::Level(1)));
        assert_eq!(index.lookup("说不清"), Some(LabelMatch::NotApplicable(1)));
        assert_eq!(index.lookup("还行"), None);
    }

    #[test]
    fn no_alias_is_claimed_by_two_levels() {
        for scale in all() {
            let mut seen = std::collections::HashSet::new();
            for l in scale.levels.iter().chain(&scale.not_applicable) {
                for label in std::iter::once(&l.label).chain(&l.aliases) {
                    assert!(seen.insert(label.clone()), "{} repeats {label}", scale.id);
                }
            }
        }
    }
}
