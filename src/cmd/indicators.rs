//! `wenjuan indicators`: each declared indicator's value, interval, target, points, rule, score and
//! verdict — the lines of the evaluation table the survey feeds.

use crate::cli::IndicatorArgs;
use crate::error::Result;
use crate::figures::Settings;
use crate::figures::study::Purpose;
use crate::i18n::Lang;
use crate::model::load::Inputs;
use crate::output;
use crate::report::Format;
use crate::report::indicators::{csv, json, markdown};

pub fn run(args: &IndicatorArgs, lang: Lang) -> Result<()> {
    let study = super::load_study(&Inputs::from(&args.input), Purpose::Figures, lang)?;
    let settings = Settings::from(&args.figures);
    let protected = super::protected(&study.surveys);
    if let Some(path) = &args.output.output {
        protected.check(path)?;
    }
    let summary = study.summary(settings, None, false)?;
    if summary.indicators.is_empty() {
        output::note(lang.strings().no_indicators);
    }
    let format = args.output.resolved_format();
    let bytes = match format {
        Format::Csv => csv(&summary.tables),
        Format::Json => json(&summary.tables, settings),
        Format::Markdown => markdown(&summary.tables, settings, lang).into_bytes(),
    };
    output::emit(args.output.output.as_deref(), &bytes, &protected)
}
