//! The figures: every share, mean, composite, breakdown, weight, comparison and indicator score,
//! computed from a study's responses and its validity review. Plain functions over the model;
//! the CLI and the terminal UI are two front ends over what they return.

pub mod compare;
pub mod composite;
pub mod groups;
pub mod indicators;
pub mod means;
pub mod plan;
pub mod study;
pub mod summary;
pub mod text;
pub mod weighting;

use crate::error::Error;
use crate::i18n::Message;
use crate::msg;
use crate::stats::{CiMethod, Confidence, StatsError};

/// How every figure of a run is computed: the interval method, the confidence level, and
/// whether declared weights apply.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub method: CiMethod,
    pub conf: Confidence,
    /// Post-stratify the populations that declare a `[[weighting]]`.
    pub weighted: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            method: CiMethod::Wilson,
            conf: Confidence::P95,
            weighted: false,
        }
    }
}

/// A statistics function's refusal in the reader's language.
pub fn stats_message(e: &StatsError) -> Message {
    match e {
        StatsError::InvalidConfidence(c) => msg!(stats_confidence, c),
        StatsError::UnknownMethod(m) => msg!(stats_method, m),
        StatsError::CountExceedsSample { count, sample } => {
            msg!(stats_count_exceeds, count, sample)
        }
        StatsError::PopulationSmallerThanSample { population, sample } => {
            msg!(stats_population_below_sample, population, sample)
        }
        StatsError::InvalidMargin(e) => msg!(stats_margin, e),
        StatsError::InvalidShare(p) => msg!(stats_share, p),
        StatsError::EmptySample => msg!(stats_empty_sample),
        StatsError::EmptyPopulation => msg!(stats_empty_population),
        StatsError::InvalidWeight(w) => msg!(stats_weight, w),
        StatsError::InvalidValue(v) => msg!(stats_value, v),
        StatsError::LengthMismatch { expected, found } => msg!(stats_length, expected, found),
        StatsError::InvalidPopulationSize { stratum, size } => {
            msg!(stats_stratum_size, stratum + 1, size)
        }
        StatsError::EmptyStratum { stratum } => msg!(stats_empty_stratum, stratum + 1),
        StatsError::StratumNotInPopulation { stratum } => {
            msg!(stats_stratum_not_in_population, stratum + 1)
        }
    }
}

/// A statistics function's refusal as an input error.
pub fn stats_error(e: StatsError) -> Error {
    Error::input(stats_message(&e))
}
