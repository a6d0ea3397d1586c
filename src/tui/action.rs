//! Everything that can happen to the terminal UI: commands from keys, input while typing, and
//! results coming back from work done off the UI thread. `App::update` is the one place these
//! change state; it answers with effects for the runner to carry out.

use super::compute::{Computed, GroupsComputed, IndicatorsComputed};
use super::data::Opened;
use crate::validity::log::{Decision, Verdict};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    Overview,
    Questions,
    Groups,
    Respondents,
    Help,
    /// The written answers to a free-text question, opened from the questions view.
    Texts,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Overview,
        View::Questions,
        View::Groups,
        View::Respondents,
        View::Help,
        View::Texts,
    ];
}

/// What a key asks for (the key table maps keys to these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    Show(View),
    NextView,
    PrevView,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    NextPopulation,
    PrevPopulation,
    CycleMethod,
    CycleConfidence,
    ToggleWeights,
    CycleGrouping,
    CycleFilter,
    Open,
    Back,
    Exclude,
    Include,
    Search,
    NextMatch,
    Help,
    Quit,
    /// Opens the written answers of the selected free-text question.
    ReadAnswers,
    /// Opens the filter prompt: every figure on the responses meeting a condition.
    Where,
    /// Lifts the filter.
    ClearWhere,
    /// The next order of the table on screen.
    CycleSort,
    /// Opens the prompt for a file to write the table on screen to.
    Export,
}

#[derive(Debug)]
pub enum Action {
    Cmd(Cmd),
    /// A character typed into the reason prompt or the search line.
    Input(char),
    Backspace,
    /// Enter while typing.
    Submit,
    Resize(u16, u16),
    /// Reading the exports: the file being read, bytes read of its size.
    Progress {
        file: String,
        done: u64,
        total: u64,
    },
    Loaded(Box<crate::Result<Opened>>),
    Computed(Box<Computed>),
    GroupsComputed(Box<GroupsComputed>),
    IndicatorsComputed(Box<IndicatorsComputed>),
    /// Work off the UI thread panicked: a bug. The UI stops rather than show figures it no
    /// longer computes.
    Crashed(String),
    /// A decision written to the review log (or why it could not be).
    DecisionRecorded(Box<crate::Result<Recorded>>),
    /// Which responses of every population meet a filter.
    Filtered(Box<super::compute::Filtered>),
    /// The table on screen written to a file (rows written, the file), or why not.
    Exported(Box<crate::Result<(usize, PathBuf)>>),
}

#[derive(Debug, Clone)]
pub struct Recorded {
    pub population: usize,
    pub row: usize,
    pub decision: Decision,
}

/// Work the runner does for `update`: anything slow or touching the disk.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Compute a population's figures (the focused question first).
    Compute(super::compute::Job),
    /// Compute the selected question by group.
    ComputeGroups(super::compute::GroupJob),
    /// Evaluate a questionnaire's indicators.
    ComputeIndicators(super::compute::IndicatorJob),
    /// Work out which responses meet a filter, in every population.
    Filter(super::compute::FilterJob),
    /// Write the table on screen to a file, atomically, unless it is one the study reads.
    Export {
        path: PathBuf,
        bytes: Vec<u8>,
        rows: usize,
        protected: crate::output::Protected,
    },
    /// Append a decision to the export's review log and sync it.
    Record {
        population: usize,
        row: usize,
        file: PathBuf,
        decision: Decision,
    },
}

/// The reason prompt of an exclusion or reinstatement.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub verdict: Verdict,
    pub row: usize,
    pub input: String,
}

/// What a one-line prompt other than the reason prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A condition to filter the responses by (added to those already on).
    Where,
    /// A file to write the table on screen to.
    Export,
}

/// A one-line prompt: a filter condition or a file name, as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub kind: EntryKind,
    pub input: String,
}
