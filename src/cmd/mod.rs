//! One module per subcommand.

pub mod check;
pub mod compare;
pub mod decide;
pub mod indicators;
pub mod init;
pub mod plan;
pub mod report;
pub mod summarize;

use crate::cli::{FigureArgs, InputArgs};
use crate::ingest::ReadOptions;
use crate::load::Inputs;
use crate::study::Study;
use crate::summary::Settings;

/// Loads the study the user named and tells them on stderr what they should know about it
/// (unknown labels, unreadable review log lines) before any figure is printed.
pub fn load_study(inputs: &Inputs) -> crate::error::Result<Study> {
    let study = Study::load(inputs)?;
    for w in study.warnings() {
        crate::output::warn(&w);
    }
    Ok(study)
}

impl From<&InputArgs> for Inputs {
    fn from(args: &InputArgs) -> Inputs {
        Inputs {
            files: args.files.clone(),
            surveys: args.survey.clone(),
            population: args.population.clone(),
            read: ReadOptions {
                encoding: args.encoding,
                sheet: args.sheet.clone(),
                ..ReadOptions::default()
            },
        }
    }
}

impl From<&FigureArgs> for Settings {
    fn from(args: &FigureArgs) -> Settings {
        Settings {
            method: args.ci,
            conf: args.conf,
            weighted: args.weighted,
        }
    }
}
