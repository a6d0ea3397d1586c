//! `wenjuan summarize`: every figure of every population and question, as CSV, JSON or Markdown.

use crate::cli::SummarizeArgs;
use crate::error::Result;
use crate::i18n::Lang;
use crate::load::Inputs;
use crate::output;
use crate::report::{self, Format};
use crate::summary::{Settings, Summary};

pub fn run(args: &SummarizeArgs, lang: Lang) -> Result<()> {
    let inputs = Inputs::from(&args.input);
    let settings = Settings::from(&args.figures);
    let format = args.output.resolved_format();
    let summary = compute(&inputs, settings, args.by.as_deref(), args.all)?;
    let bytes = render(&summary, format, lang);
    output::emit(args.output.output.as_deref(), &bytes)
}

/// Loads the inputs and computes the summary of every population of every questionnaire, on the
/// valid responses (or on all of them with `every_response`), by a group when asked.
pub fn compute(
    inputs: &Inputs,
    settings: Settings,
    by: Option<&str>,
    every_response: bool,
) -> Result<Summary> {
    let study = super::load_study(inputs)?;
    study.summary(settings, by, every_response)
}

pub fn render(summary: &Summary, format: Format, lang: Lang) -> Vec<u8> {
    match format {
        Format::Csv => report::csv::write(summary),
        Format::Json => report::json::write(summary),
        Format::Markdown => report::markdown::write(summary, lang),
    }
}
