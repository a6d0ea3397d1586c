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
    let format = args.output.resolved_format();
    // CSV, the scripting contract, is streamed out as the findings are put into words, one at a
    // time (millions of them when most responses are resubmissions); the other formats gather
    // the rows first.
    let mut csv = match format {
        Format::Csv => Some(check::CsvWriter::new(output::Stream::open(
            args.output.output.as_deref(),
            &protected,
        )?)),
        _ => None,
    };
    let mut populations = Vec::new();
    let mut caught = false;
    for (l, reviews) in loaded.iter().zip(&reviews) {
        for w in &l.warnings {
            output::warn(lang, w);
        }
        for (dataset, review) in l.datasets.iter().zip(reviews) {
            for problem in &review.problems {
                output::warn(lang, problem);
            }
            let population = &l.survey.populations[dataset.population];
            let p = match &mut csv {
                Some(writer) => {
                    audit::each_row(&l.survey, dataset, review, lang, |row| {
                        caught = true;
                        writer.row(&row);
                    });
                    audit::PopulationCheck {
                        id: population.id.clone(),
                        name: population.name.clone(),
                        files: audit::file_accounting(dataset, review),
                        total: review.accounting(0..dataset.rows),
                        rows: Vec::new(),
                    }
                }
                None => audit::audit_rows(
                    &population.id,
                    &population.name,
                    &l.survey,
                    dataset,
                    review,
                    lang,
                ),
            };
            caught |= !p.rows.is_empty();
            populations.push(p);
        }
    }
    match csv {
        Some(writer) => {
            let to = args.output.output.as_deref().unwrap_or("<stdout>".as_ref());
            let stream = writer
                .finish()
                .map_err(|e| crate::error::Error::io(to, &e))?;
            stream.finish()?;
        }
        None => {
            let bytes = match format {
                Format::Json => check::json(&populations),
                _ => check::markdown(&populations, lang),
            };
            output::emit(args.output.output.as_deref(), &bytes, &protected)?;
        }
    }
    if format == Format::Csv {
        // The findings are the contract on stdout; a person still sees the accounting.
        for p in &populations {
            output::note(&check::accounting_line(&p.id, &p.total, lang));
        }
    }
    Ok(u8::from(caught))
}
