//! The figures: every share, mean, composite, breakdown, weight, comparison and indicator score,
//! computed from a study's responses and its validity review. Plain functions over the model;
//! the CLI and the terminal UI are two front ends over what they return.

pub mod compare;
pub mod composite;
pub mod groups;
pub mod indicators;
pub mod study;
pub mod summary;
pub mod weighting;

use crate::stats::{CiMethod, Confidence};

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
