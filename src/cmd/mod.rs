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
use crate::figures::Settings;
use crate::figures::study::{Purpose, Study};
use crate::i18n::Lang;
use crate::ingest::ReadOptions;
use crate::model::load::{Inputs, Loaded};

/// Loads the study the user named and tells them on stderr what they should know about it
/// (unknown labels, unreadable review log lines) before any figure is printed.
pub fn load_study(inputs: &Inputs, purpose: Purpose, lang: Lang) -> crate::error::Result<Study> {
    let study = Study::load(inputs, purpose)?;
    for w in study.warnings() {
        crate::output::warn(lang, &w);
    }
    for n in &study.filter_notes {
        crate::output::note(&n.render(lang));
    }
    Ok(study)
}

/// What no output of this run may replace: every definition and export it read, and the review
/// log beside each export.
pub fn protected<'a>(loaded: impl IntoIterator<Item = &'a Loaded>) -> crate::output::Protected {
    let mut protected = crate::output::Protected::default();
    for l in loaded {
        if let Some(definition) = &l.survey.source {
            protected.add(definition);
        }
        for export in l.exports() {
            protected.add(export);
            protected.add(&crate::validity::log::path_for(export));
        }
    }
    protected
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
            filter: args.filter.clone(),
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
