//! `wenjuan compare`: per question, the chi-square test of independence against a group (`--by`),
//! or the difference of positive shares between two populations with a Newcombe interval
//! (`--between public,staff`).

use crate::cli::CompareArgs;
use crate::error::{Error, Result};
use crate::figures::Settings;
use crate::figures::compare::{between_populations, by_group};
use crate::figures::means::means_by_group;
use crate::figures::study::Purpose;
use crate::i18n::Lang;
use crate::model::load::Inputs;
use crate::msg;
use crate::output;
use crate::report::Format;
use crate::report::compare::{
    between_csv, between_markdown, by_csv, by_markdown, difference_json, independence_json,
    means_csv, means_json, means_markdown, to_json,
};
use serde_json::json;

pub fn run(args: &CompareArgs, lang: Lang) -> Result<()> {
    let study = super::load_study(&Inputs::from(&args.input), Purpose::Other, lang)?;
    let settings = Settings::from(&args.figures);
    let protected = super::protected(&study.surveys);
    if let Some(path) = &args.output.output {
        protected.check(path)?;
    }
    let format = args.output.resolved_format();
    let bytes = match (&args.by, &args.between) {
        (Some(by), None) if args.means => {
            if settings.weighted {
                return Err(Error::usage(msg!(means_weighted)));
            }
            let rows = means_by_group(&study, by, settings)?;
            match format {
                Format::Csv => means_csv(&rows),
                Format::Json => to_json(json!(rows.iter().map(means_json).collect::<Vec<_>>())),
                Format::Markdown => {
                    let groups = study.surveys.iter().flat_map(|l| &l.survey.groups);
                    let name = |by: &str| named(by, groups.clone().map(|g| (&g.id, &g.name)));
                    means_markdown(&rows, settings.conf.level(), &name, lang).into_bytes()
                }
            }
        }
        (Some(by), None) if settings.weighted => weighted_by(&study, by, settings, format, lang)?,
        (Some(by), None) => {
            let rows = by_group(&study, by, settings)?;
            match format {
                Format::Csv => by_csv(&rows),
                Format::Json => to_json(json!(
                    rows.iter().map(independence_json).collect::<Vec<_>>()
                )),
                Format::Markdown => by_markdown(&rows, lang).into_bytes(),
            }
        }
        (None, Some(between)) => {
            let ids: Vec<&str> = between
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            let [a, b] = ids.as_slice() else {
                return Err(Error::usage(msg!(between_two)));
            };
            let rows = between_populations(&study, a, b, settings)?;
            match format {
                Format::Csv => between_csv(&rows),
                Format::Json => {
                    to_json(json!(rows.iter().map(difference_json).collect::<Vec<_>>()))
                }
                Format::Markdown => {
                    let populations = study.surveys.iter().flat_map(|l| &l.survey.populations);
                    let name = |id: &str| named(id, populations.clone().map(|p| (&p.id, &p.name)));
                    between_markdown(&rows, settings.conf.level(), &name, lang).into_bytes()
                }
            }
        }
        _ => {
            return Err(Error::usage(msg!(compare_what)));
        }
    };
    output::emit(args.output.output.as_deref(), &bytes, &protected)
}

/// `compare --by --weighted`: the Rao–Scott test under each population's weights.
fn weighted_by(
    study: &crate::figures::study::Study,
    by: &str,
    settings: Settings,
    format: Format,
    lang: Lang,
) -> Result<Vec<u8>> {
    use crate::report::compare::{
        weighted_by_csv, weighted_by_markdown, weighted_independence_json,
    };
    let rows = crate::figures::compare::by_group_weighted(study, by, settings)?;
    Ok(match format {
        Format::Csv => weighted_by_csv(&rows),
        Format::Json => to_json(json!(
            rows.iter()
                .map(weighted_independence_json)
                .collect::<Vec<_>>()
        )),
        Format::Markdown => weighted_by_markdown(&rows, lang).into_bytes(),
    })
}

/// The name declared for `id` among `declared` (id, name), else the id itself.
fn named<'a>(id: &str, mut declared: impl Iterator<Item = (&'a String, &'a String)>) -> String {
    declared
        .find(|(i, n)| *i == id && !n.trim().is_empty())
        .map_or_else(|| id.to_string(), |(_, n)| n.clone())
}
