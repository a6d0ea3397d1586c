//! Which validity rules run and what each does to a response it catches: flag it for review or
//! exclude it from the figures. Defaults (also for inferred questionnaires): duplicates and blank
//! forms are excluded, everything else is flagged; a definition's `[validity]` can change any of it.

use super::Survey;
use crate::ingest::values::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Off,
    Flag,
    Exclude,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Off => "off",
            Action::Flag => "flag",
            Action::Exclude => "exclude",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        match s {
            "off" => Some(Action::Off),
            "flag" => Some(Action::Flag),
            "exclude" => Some(Action::Exclude),
            _ => None,
        }
    }
}

/// 所用时间 far below the median: under `fraction` of it, or under `floor` seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeederRule {
    pub action: Action,
    pub fraction: f64,
    pub floor: Option<u32>,
}

/// The same answers to every question from the same IP or platform user id, or a repeated 序号.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateRule {
    pub action: Action,
}

/// Nothing answered at all.
#[derive(Debug, Clone, PartialEq)]
pub struct BlankRule {
    pub action: Action,
}

/// Required questions left blank (a logic skip is not blank).
#[derive(Debug, Clone, PartialEq)]
pub struct IncompleteRule {
    pub action: Action,
    /// Question ids; `None` means every single- and multiple-choice question that fewer than half
    /// of the respondents left blank.
    pub required: Option<Vec<String>>,
}

/// The same level on every item of a block of at least `min_items` rated items.
#[derive(Debug, Clone, PartialEq)]
pub struct StraightLiningRule {
    pub action: Action,
    pub min_items: usize,
    /// Blocks of question ids; `None` means, per scale, the matrix items (questions with a
    /// dimension) that use it.
    pub blocks: Option<Vec<Vec<String>>>,
}

/// An answer that fits no level of its question's scale.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownLabelRule {
    pub action: Action,
}

/// Submitted outside the fieldwork window (both ends inclusive).
#[derive(Debug, Clone, PartialEq)]
pub struct WindowRule {
    pub action: Action,
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
    /// The window as the definition wrote it, for messages.
    pub written: String,
}

/// A submission time or duration that is there but cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub struct UnreadableRule {
    pub action: Action,
}

/// An attention or consistency check: when `condition` holds, `require` must too.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub id: String,
    pub description: String,
    pub action: Action,
    pub population: Option<String>,
    /// A question and the levels that trigger the check; `None`: it applies to everyone.
    pub condition: Option<(String, Vec<String>)>,
    pub require: Requirement,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Requirement {
    /// These questions must be left unanswered (blank or skipped).
    Blank(Vec<String>),
    /// These questions must be answered with one of these levels.
    In(Vec<String>, Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidityConfig {
    pub speeder: SpeederRule,
    pub duplicate: DuplicateRule,
    pub blank: BlankRule,
    pub incomplete: IncompleteRule,
    pub straight_lining: StraightLiningRule,
    pub unknown_label: UnknownLabelRule,
    pub window: WindowRule,
    pub unreadable: UnreadableRule,
    pub checks: Vec<Check>,
}

impl Default for ValidityConfig {
    fn default() -> Self {
        ValidityConfig {
            speeder: SpeederRule {
                action: Action::Flag,
                fraction: 1.0 / 3.0,
                floor: None,
            },
            duplicate: DuplicateRule {
                action: Action::Exclude,
            },
            blank: BlankRule {
                action: Action::Exclude,
            },
            incomplete: IncompleteRule {
                action: Action::Flag,
                required: None,
            },
            straight_lining: StraightLiningRule {
                action: Action::Flag,
                min_items: 8,
                blocks: None,
            },
            unknown_label: UnknownLabelRule {
                action: Action::Flag,
            },
            window: WindowRule {
                action: Action::Flag,
                start: None,
                end: None,
                written: String::new(),
            },
            unreadable: UnreadableRule {
                action: Action::Flag,
            },
            checks: Vec::new(),
        }
    }
}

/// Checks whose questions or levels do not exist are definition mistakes; named here so the
/// definition loader can report them with their line.
pub fn check_problems(survey: &Survey, check: &Check) -> Vec<crate::i18n::Message> {
    let mut problems = Vec::new();
    let exists = |id: &str| survey.questions.iter().position(|q| q.id == id);
    let verify_levels = |id: &str, labels: &[String], problems: &mut Vec<crate::i18n::Message>| {
        if let Some(q) = exists(id) {
            let known = survey.levels_named(q, labels);
            if known.len() != labels.len() {
                problems.push(crate::msg!(definition.check_level_not_on_scale, id));
            }
        } else {
            problems.push(crate::msg!(definition.check_question_unknown, id));
        }
    };
    if let Some((id, labels)) = &check.condition {
        verify_levels(id, labels, &mut problems);
    }
    match &check.require {
        Requirement::Blank(ids) => {
            for id in ids {
                if exists(id).is_none() {
                    problems.push(crate::msg!(definition.check_question_unknown, id));
                }
            }
        }
        Requirement::In(ids, labels) => {
            for id in ids {
                verify_levels(id, labels, &mut problems);
            }
        }
    }
    problems
}
