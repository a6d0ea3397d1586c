//! `wenjuan check`: every response a validity rule catches, with the rule, what it does and the
//! evidence, then the accounting per file and per population. Exit status 1 when anything is
//! flagged or excluded, so a script can gate on it.

use crate::cli::CheckArgs;
use crate::error::Result;
use crate::figures::study;
use crate::i18n::Lang;
use crate::model::filter::Filter;
use crate::model::load::{self, Inputs};
use crate::output;
use crate::report::{Format, check};
use crate::validity::{self, audit};

pub fn run(args: &CheckArgs, lang: Lang) -> Result<u8> {
    let inputs = Inputs::from(&args.input);
    let loaded = load::load(&inputs)?;
    let protected = super::protected(&loaded);
    if let Some(path) = &args.output.output {
        protected.check(path)?;
    }
    let mut reviews = loaded
        .iter()
        .map(|l| validity::review_all(&l.survey, &l.datasets))
        .collect::<Result<Vec<_>>>()?;
    if let Some(filter) = Filter::parse(&inputs.filter)? {
        for n in study::restrict(&filter, &loaded, &mut reviews)? {
            output::note(&n.render(lang));
        }
    }
    let mut populations = Vec::new();
    for (l, reviews) in loaded.iter().zip(&reviews) {
        for w in &l.warnings {
            output::warn(lang, w);
        }
        for (dataset, review) in l.datasets.iter().zip(reviews) {
            for problem in &review.problems {
                output::warn(lang, problem);
            }
            let population = &l.survey.populations[dataset.population];
            populations.push(audit::audit_rows(
                &population.id,
                &population.name,
                &l.survey,
                dataset,
                review,
                lang,
            ));
        }
    }
    let format = args.output.resolved_format();
    let bytes = match format {
        Format::Csv => check::csv(&populations),
        Format::Json => check::json(&populations),
        Format::Markdown => check::markdown(&populations, lang),
    };
    output::emit(args.output.output.as_deref(), &bytes, &protected)?;
    if format == Format::Csv {
        // The findings are the contract on stdout; a person still sees the accounting.
        for p in &populations {
            output::note(&check::accounting_line(&p.id, &p.total, lang));
        }
    }
    let caught = populations.iter().any(|p| !p.rows.is_empty());
    Ok(u8::from(caught))
}
