//! `wenjuan exclude` and `wenjuan include`: the evaluator's decision about one response, appended
//! to the export's review log and synced before the command returns. The export is only read.

use crate::cli::DecideArgs;
use crate::error::{Error, Result};
use crate::i18n::{Lang, fill};
use crate::ingest::{ReadOptions, read_table};
use crate::msg;
use crate::survey::headers::{HeaderRole, MetaField, classify_all, column_kinds};
use crate::validity::Rule;
use crate::validity::log::{self, Decision, Verdict};

pub fn run(args: &DecideArgs, verdict: Verdict, lang: Lang) -> Result<()> {
    let reason = args.reason.trim();
    if reason.is_empty() {
        return Err(Error::usage(msg!(reason_required)));
    }
    if Rule::parse(&args.rule).is_none() {
        let names: Vec<String> = Rule::FIXED.iter().map(Rule::name).collect();
        return Err(Error::usage(msg!(
            unknown_rule,
            args.rule,
            names.join(", ")
        )));
    }
    let options = ReadOptions {
        encoding: args.encoding,
        sheet: args.sheet.clone(),
        ..ReadOptions::default()
    };
    let table = read_table(&args.file, &options, &column_kinds)?;
    let id_column = classify_all(&table.headers)
        .iter()
        .position(|r| *r == HeaderRole::Meta(MetaField::Id));
    // As the review replays it (`Dataset::respondent`): the 序号, else `#` and the file row.
    let respondent_of = |row: usize| match id_column {
        Some(c) if !table.columns[c].display(row).is_empty() => {
            table.columns[c].display(row).into_owned()
        }
        _ => format!("#{}", table.file_row(row)),
    };
    let row = match (&args.respondent, args.row) {
        (Some(wanted), _) => {
            let Some(c) = id_column else {
                return Err(Error::usage(msg!(no_id_column)).in_file(&args.file));
            };
            let wanted = wanted.trim();
            let rows: Vec<usize> = (0..table.rows)
                .filter(|&r| table.columns[c].display(r).trim() == wanted)
                .collect();
            match rows.as_slice() {
                [one] => *one,
                [] => {
                    return Err(Error::usage(msg!(no_respondent, wanted)).in_file(&args.file));
                }
                several => {
                    let list: Vec<String> = several
                        .iter()
                        .map(|&r| table.file_row(r).to_string())
                        .collect();
                    return Err(
                        Error::usage(msg!(repeated_respondent, wanted, list.join(", ")))
                            .in_file(&args.file),
                    );
                }
            }
        }
        (None, Some(n)) => (0..table.rows)
            .find(|&r| table.file_row(r) == n)
            .ok_or_else(|| Error::usage(msg!(not_a_row, n, table.rows)).in_file(&args.file))?,
        (None, None) => {
            return Err(Error::usage(msg!(name_the_response)));
        }
    };
    let decision = Decision {
        time: log::now(),
        row: table.file_row(row),
        respondent: respondent_of(row),
        decision: verdict,
        rule: args.rule.clone(),
        // Kept as typed, but with no character that could act on a terminal when shown later.
        reason: crate::text::visible(reason).into_owned(),
    };
    log::append(&args.file, &decision)?;
    let s = lang.strings();
    let template = match verdict {
        Verdict::Exclude => s.decided_exclude,
        Verdict::Include => s.decided_include,
    };
    crate::output::say(&fill(
        template,
        &[
            &decision.row.to_string(),
            &decision.respondent,
            &log::path_for(&args.file).display().to_string(),
        ],
    ));
    Ok(())
}
