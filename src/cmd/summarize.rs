//! `wenjuan summarize`: every figure of every population and question, as CSV, JSON or Markdown.

use crate::cli::SummarizeArgs;
use crate::error::Result;
use crate::i18n::Lang;
use crate::load::{self, Inputs};
use crate::output;
use crate::report::{self, Format};
use crate::summary::{self, Settings, Summary};
use crate::validity;

pub fn run(args: &SummarizeArgs, lang: Lang) -> Result<()> {
    let inputs = Inputs::from(&args.input);
    let settings = Settings::from(&args.figures);
    let format = args
        .output
        .format
        .or_else(|| {
            args.output
                .output
                .as_deref()
                .and_then(Format::from_extension)
        })
        .unwrap_or(Format::Csv);
    let summary = compute(&inputs, settings, args.all)?;
    let bytes = render(&summary, format, lang);
    output::emit(args.output.output.as_deref(), &bytes)
}

/// Loads the inputs and computes the summary of every population of every questionnaire, on the
/// valid responses (or on all of them with `every_response`).
pub fn compute(inputs: &Inputs, settings: Settings, every_response: bool) -> Result<Summary> {
    let loaded = load::load(inputs)?;
    let mut all = Summary {
        settings,
        populations: Vec::new(),
    };
    for l in &loaded {
        for w in &l.warnings {
            output::warn(&w.0);
        }
        let reviews = validity::review_all(&l.survey, &l.datasets)?;
        for r in &reviews {
            for problem in &r.problems {
                output::warn(problem);
            }
        }
        let reviews = (!every_response).then_some(reviews.as_slice());
        let s = summary::summarize(&l.survey, &l.datasets, reviews, settings)?;
        all.populations.extend(s.populations);
    }
    Ok(all)
}

pub fn render(summary: &Summary, format: Format, lang: Lang) -> Vec<u8> {
    match format {
        Format::Csv => report::csv::write(summary),
        Format::Json => report::json::write(summary),
        Format::Markdown => report::markdown::write(summary, lang),
    }
}
