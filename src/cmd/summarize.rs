//! `wenjuan summarize`: every figure of every population and question, as CSV, JSON or Markdown.

use crate::cli::SummarizeArgs;
use crate::error::Result;
use crate::figures::Settings;
use crate::figures::study::Purpose;
use crate::figures::study::Study;
use crate::i18n::Lang;
use crate::model::load::Inputs;
use crate::output;
use crate::report;

pub fn run(args: &SummarizeArgs, lang: Lang) -> Result<()> {
    let inputs = Inputs::from(&args.input);
    let settings = Settings::from(&args.figures);
    let format = args.output.resolved_format();
    let study = super::load_study(&inputs, Purpose::Figures, lang)?;
    let protected = super::protected(&study.surveys);
    if let Some(path) = &args.output.output {
        protected.check(path)?;
    }
    let summary = study.summary(settings, args.by.as_deref(), args.all)?;
    for note in Study::summary_notes(&summary, args.by.as_deref()) {
        output::warn(lang, &note);
    }
    let bytes = report::summary(&summary, format, lang);
    output::emit(args.output.output.as_deref(), &bytes, &protected)
}
