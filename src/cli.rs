//! Command-line definitions (clap). Only parsing lives here; `run` resolves these into the
//! library's own options.

use crate::i18n::Lang;
use crate::ingest::EncodingChoice;
use crate::report::Format;
use crate::stats::{CiMethod, Confidence};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "wenjuan",
    version,
    about = "问卷 exports (问卷星 and others) to evaluation figures: shares with confidence intervals, \
             validity audit, indicator scores",
    after_help = "With no command, wenjuan opens the terminal UI on the bundled example (./surveys and ./responses);\n\
                  when standard output is not a terminal, it prints the example's figures as Markdown instead.\n\
                  Exit status: 0 success, 1 check found flagged or excluded responses, 2 bad input or usage."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Language of messages and reports: zh (default) or en (also chosen by an English LANG)
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Browse figures, groups and respondents in the terminal (the default with no command)
    Tui(TuiArgs),
    /// Every question's figures: share of each level, positive share, mean score, with intervals
    Summarize(SummarizeArgs),
    /// Print a questionnaire definition inferred from exports, as a commented starting point
    Init(InitArgs),
    /// List the responses the validity rules catch, with evidence, and the accounting
    Check(CheckArgs),
    /// Exclude a response from the figures, with a reason (kept in the export's review log)
    Exclude(DecideArgs),
    /// Reinstate a response the rules or an earlier decision excluded, with a reason
    Include(DecideArgs),
    /// Score the indicators the definition declares, with a verdict against each target
    Indicators(IndicatorArgs),
    /// Test each question against a group (chi-square), or compare two populations' positive shares
    Compare(CompareArgs),
    /// Responses needed for a margin of error, or the margin a sample achieves
    Plan(PlanArgs),
    /// Write the hand-in report: report.md, report.docx, report.xlsx and charts/*.svg
    Report(ReportArgs),
}

#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Export files (CSV or XLSX). With neither files nor --survey: the bundled example
    pub files: Vec<PathBuf>,

    /// Questionnaire definition (TOML); repeat to read several
    #[arg(long, short = 's', value_name = "DEF")]
    pub survey: Vec<PathBuf>,

    /// Population the files belong to (without a definition: its id; default: the file's name, or "all" for several files)
    #[arg(long, value_name = "ID")]
    pub population: Option<String>,

    /// Text encoding of CSV files: auto (BOM, then strict UTF-8, then GB18030), utf-8 or gbk
    #[arg(long, default_value = "auto", value_name = "ENC")]
    pub encoding: EncodingChoice,

    /// Worksheet to read from XLSX files (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Only the responses meeting a condition, e.g. 'q1 = 龙港镇', 'q2 in (18~30岁, 31~45岁)',
    /// '提交答卷时间 >= 2023-12-08', '来源 = 微信'; repeat for several (all must hold)
    #[arg(long = "where", value_name = "CONDITION")]
    pub filter: Vec<String>,
}

#[derive(Args, Debug, Clone)]
pub struct FigureArgs {
    /// Interval method for shares: wilson, exact (Clopper–Pearson), jeffreys, agresti-coull, wald
    #[arg(long, default_value = "wilson", value_name = "METHOD")]
    pub ci: CiMethod,

    /// Confidence level of the intervals
    #[arg(long, default_value = "0.95", value_name = "LEVEL")]
    pub conf: Confidence,

    /// Post-stratify the populations the definition weights (`[[weighting]]`); intervals then use
    /// Kish's effective sample size
    #[arg(long)]
    pub weighted: bool,
}

#[derive(Args, Debug, Clone)]
pub struct OutputArgs {
    /// Output format: csv, json or md (default: from the -o extension, else csv)
    #[arg(long, short = 'f', value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Write to this file (atomically: all or nothing) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl OutputArgs {
    /// The format asked for, else the one the output file's extension names, else CSV.
    pub fn resolved_format(&self) -> Format {
        self.format
            .or_else(|| self.output.as_deref().and_then(Format::from_extension))
            .unwrap_or(Format::Csv)
    }
}

#[derive(Args, Debug, Clone)]
pub struct SummarizeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub figures: FigureArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Compute on every response, ignoring the validity rules and review decisions (for comparison)
    #[arg(long)]
    pub all: bool,

    /// Also break every figure down by a group, question or column (township, age band, 来源)
    #[arg(long, value_name = "GROUP")]
    pub by: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct TuiArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub figures: FigureArgs,
}

#[derive(Args, Debug, Clone)]
pub struct IndicatorArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub figures: FigureArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args, Debug, Clone)]
pub struct CompareArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub figures: FigureArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// A group, question or column to test every question against (township, age band, 来源)
    #[arg(long, value_name = "GROUP", conflicts_with = "between")]
    pub by: Option<String>,
    /// Two populations whose positive shares to compare, e.g. public,staff
    #[arg(long, value_name = "A,B")]
    pub between: Option<String>,
    /// With --by: compare mean scores across the groups instead (group means with intervals,
    /// Welch's t or one-way and Welch ANOVA, Games–Howell and Tukey–Kramer pairs)
    #[arg(long, requires = "by")]
    pub means: bool,
}

#[derive(Args, Debug, Clone)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub figures: FigureArgs,
    /// Folder to write the report into (created if missing)
    #[arg(long = "output", short = 'o', value_name = "DIR")]
    pub output_dir: PathBuf,
}

#[derive(Args, Debug, Clone)]
pub struct PlanArgs {
    /// Margin of error to plan for (repeat or separate with commas: 0.03,0.05); default 0.05
    #[arg(long, value_name = "E", value_delimiter = ',')]
    pub margin: Vec<f64>,
    /// A sample size whose achieved margin to report (repeat or separate with commas)
    #[arg(long, value_name = "N", value_delimiter = ',')]
    pub n: Vec<u64>,
    /// Confidence level
    #[arg(long, default_value = "0.95", value_name = "LEVEL")]
    pub conf: Confidence,
    /// Expected share (0.5 is the most conservative)
    #[arg(long, default_value = "0.5", value_name = "P")]
    pub p: f64,
    /// Size of the population, for the finite population correction
    #[arg(long, value_name = "N")]
    pub population_size: Option<u64>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Args, Debug, Clone)]
pub struct DecideArgs {
    /// The export the response is in (its review log is kept next to it)
    pub file: PathBuf,

    /// The response's number in the export (序号)
    #[arg(
        long,
        value_name = "ID",
        required_unless_present = "row",
        conflicts_with = "row"
    )]
    pub respondent: Option<String>,

    /// The response's 1-based data row in the file (for exports without 序号, or a repeated one)
    #[arg(long, value_name = "N")]
    pub row: Option<u64>,

    /// Why (kept in the review log with the time)
    #[arg(long, value_name = "TEXT")]
    pub reason: String,

    /// The rule this decision confirms (speeder, duplicate …); default: manual
    #[arg(long, default_value = "manual", value_name = "RULE")]
    pub rule: String,

    /// Worksheet, for XLSX exports
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Text encoding of a CSV export: auto, utf-8 or gbk
    #[arg(long, default_value = "auto", value_name = "ENC")]
    pub encoding: EncodingChoice,
}

#[derive(Args, Debug, Clone)]
pub struct InitArgs {
    /// Export files of one questionnaire (CSV or XLSX)
    #[arg(required = true)]
    pub files: Vec<PathBuf>,

    /// Id of the population the files belong to (default: the file's name, or "all" for several)
    #[arg(long, value_name = "ID")]
    pub population: Option<String>,

    /// Text encoding of CSV files: auto, utf-8 or gbk
    #[arg(long, default_value = "auto", value_name = "ENC")]
    pub encoding: EncodingChoice,

    /// Worksheet to read from XLSX files (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Write the definition to this file (file paths in it are then relative to its folder)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The command line as clap parses it, its help in `lang`: English as written above, or Chinese
/// from `i18n::cli`'s table.
pub fn command(lang: Lang) -> clap::Command {
    use crate::i18n::cli::help;
    let mut cmd = <Cli as clap::CommandFactory>::command();
    if lang == Lang::En {
        return cmd;
    }
    // Built first, so the help flags, the `help` subcommand and the global `--lang` are there in
    // every subcommand to be given their Chinese help too.
    cmd.build();
    cmd = match help("after_help") {
        Some(text) => cmd.after_help(text),
        None => cmd,
    };
    in_chinese(cmd, None)
}

/// A command (`sub` names it when it is a subcommand) and everything under it in Chinese.
fn in_chinese(mut cmd: clap::Command, sub: Option<&str>) -> clap::Command {
    use crate::i18n::cli::{ARGUMENTS_ZH, COMMANDS_ZH, DEFAULT_ZH, OPTIONS_ZH, USAGE_ZH, help};
    use crate::i18n::fill;
    if let Some(about) = help(sub.unwrap_or("")) {
        cmd = cmd.about(about);
    }
    cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{USAGE_ZH}{{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(COMMANDS_ZH);
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in ids {
        let text = sub
            .and_then(|s| help(&format!("{s}.{id}")))
            .or_else(|| help(&id));
        cmd = cmd.mut_arg(&id, |a| {
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let a = a.help_heading(if positional { ARGUMENTS_ZH } else { OPTIONS_ZH });
            match text {
                // clap would add "[default: …]" in English.
                Some(text) if !defaults.is_empty() => a
                    .help(fill(DEFAULT_ZH, &[text, &defaults.join(", ")]))
                    .hide_default_value(true),
                Some(text) => a.help(text),
                None => a,
            }
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |c| in_chinese(c, Some(&name)));
    }
    cmd
}

/// A command line clap could not parse, said in Chinese (its own words are English), with the
/// usage line; `None` for what is not a mistake (`--help`, `--version`) or a kind not known here,
/// which clap says itself.
pub fn mistake_in_chinese(e: &clap::Error) -> Option<String> {
    use crate::i18n::cli::*;
    use crate::i18n::fill;
    use clap::error::{ContextKind, ErrorKind};
    let said = |kind: ContextKind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let arg = said(ContextKind::InvalidArg);
    let what = match e.kind() {
        ErrorKind::UnknownArgument => fill(UNKNOWN_ARGUMENT_ZH, &[&arg]),
        ErrorKind::InvalidSubcommand => {
            fill(UNKNOWN_COMMAND_ZH, &[&said(ContextKind::InvalidSubcommand)])
        }
        ErrorKind::InvalidValue
            if e.get(ContextKind::InvalidValue)
                .is_some_and(|v| v.to_string().is_empty()) =>
        {
            fill(MISSING_VALUE_ZH, &[&arg])
        }
        ErrorKind::InvalidValue => fill(
            INVALID_VALUE_ZH,
            &[
                &arg,
                &said(ContextKind::InvalidValue),
                &said(ContextKind::ValidValue),
            ],
        ),
        ErrorKind::ValueValidation => {
            // The parsers' own reasons are English: the option's help says what it takes.
            let flag = arg.split_whitespace().next().unwrap_or_default();
            let why = help_of(flag).unwrap_or_else(|| {
                std::error::Error::source(e)
                    .map(|s| s.to_string())
                    .unwrap_or_default()
            });
            fill(
                VALUE_VALIDATION_ZH,
                &[flag, &said(ContextKind::InvalidValue), &why],
            )
        }
        ErrorKind::MissingRequiredArgument => fill(MISSING_ARGUMENT_ZH, &[&arg]),
        ErrorKind::ArgumentConflict => fill(CONFLICT_ZH, &[&arg, &said(ContextKind::PriorArg)]),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            fill(TOO_MANY_ZH, &[&said(ContextKind::InvalidValue)])
        }
        _ => return None,
    };
    let usage = said(ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    Some(if usage.is_empty() {
        format!("{what}\n{MORE_HELP_ZH}")
    } else {
        format!("{what}\n{}", fill(USAGE_HINT_ZH, &[usage]))
    })
}

/// The Chinese help of the option `--flag`, in whichever command has it.
fn help_of(flag: &str) -> Option<String> {
    fn find(cmd: &clap::Command, long: &str) -> Option<String> {
        cmd.get_arguments()
            .find(|a| a.get_long() == Some(long))
            .and_then(|a| a.get_help().map(|h| h.to_string()))
            .or_else(|| cmd.get_subcommands().find_map(|c| find(c, long)))
    }
    find(&command(Lang::Zh), flag.strip_prefix("--")?)
}

/// The language asked for with `--lang` among `args`, else the environment's: known before the
/// arguments are parsed, so that their help is in it.
pub fn lang_of(args: &[std::ffi::OsString]) -> Lang {
    let mut asked = None;
    for (i, arg) in args.iter().enumerate() {
        let Some(arg) = arg.to_str() else { continue };
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.get(i + 1).and_then(|v| v.to_str()),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(lang) = value.and_then(|v| parse_lang(v).ok()) {
            asked = Some(lang);
        }
    }
    asked.unwrap_or_else(Lang::from_env)
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    match s.to_ascii_lowercase().as_str() {
        "zh" | "cn" | "zh-cn" | "chinese" => Ok(Lang::Zh),
        "en" | "english" => Ok(Lang::En),
        other => Err(format!("unknown language '{other}': expected zh or en")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
    }

    /// Every subcommand and argument under `cmd`, with the table keys its help could come from.
    fn walk(cmd: &clap::Command, sub: Option<&str>, seen: &mut Vec<(String, String, Vec<String>)>) {
        let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
        seen.push((
            sub.unwrap_or("").to_string(),
            about,
            vec![sub.unwrap_or("").to_string()],
        ));
        for a in cmd.get_arguments() {
            let id = a.get_id().to_string();
            let keys = match sub {
                Some(s) => vec![format!("{s}.{id}"), id.clone()],
                None => vec![id.clone()],
            };
            let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            seen.push((format!("{}.{id}", sub.unwrap_or("")), help, keys));
        }
        for c in cmd.get_subcommands() {
            walk(c, Some(c.get_name()), seen);
        }
    }

    #[test]
    fn every_command_and_argument_has_chinese_help_and_every_entry_is_used() {
        let mut seen = Vec::new();
        walk(&command(Lang::Zh), None, &mut seen);
        assert!(seen.len() > 60, "{}", seen.len());
        let mut used = BTreeSet::from(["after_help".to_string()]);
        for (place, help, keys) in &seen {
            assert!(chinese(help), "{place} has no Chinese help: {help:?}");
            let key = keys.iter().find(|k| crate::i18n::cli::help(k).is_some());
            used.insert(key.unwrap_or_else(|| panic!("{place}: no entry")).clone());
        }
        for (key, _) in crate::i18n::cli::HELP_ZH {
            assert!(
                used.contains(*key),
                "{key} is in the table but nowhere in the command line"
            );
        }
    }

    #[test]
    fn the_chinese_help_has_chinese_headings_and_defaults() {
        let help = command(Lang::Zh)
            .find_subcommand_mut("summarize")
            .expect("summarize")
            .render_help()
            .to_string();
        for part in [
            "用法：wenjuan summarize",
            "参数:",
            "选项:",
            "［默认：wilson］",
        ] {
            assert!(help.contains(part), "{part}: {help}");
        }
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "[default:",
            "Print help",
        ] {
            assert!(!help.contains(english), "{english}: {help}");
        }
        // English as written in the doc comments.
        let en = command(Lang::En).render_help().to_string();
        assert!(
            en.contains("Usage: wenjuan") && en.contains("Commands:"),
            "{en}"
        );
    }

    #[test]
    fn the_language_is_read_before_the_arguments_are_parsed() {
        let args =
            |s: &str| -> Vec<std::ffi::OsString> { s.split_whitespace().map(Into::into).collect() };
        assert_eq!(lang_of(&args("wenjuan --lang en summarize")), Lang::En);
        assert_eq!(
            lang_of(&args("wenjuan summarize --lang=en --help")),
            Lang::En
        );
        assert_eq!(lang_of(&args("wenjuan --lang en plan --lang zh")), Lang::Zh);
        // After `--` it is a file's name, not an option.
        assert_eq!(
            lang_of(&args("wenjuan --lang zh summarize -- --lang en")),
            Lang::Zh
        );
    }

    #[test]
    fn mistakes_are_said_in_chinese_with_the_usage() {
        let mistake = |s: &str| {
            let e = command(Lang::Zh)
                .try_get_matches_from(s.split_whitespace())
                .expect_err(s);
            mistake_in_chinese(&e)
        };
        let unknown = mistake("wenjuan summarize --bogus").expect("said");
        assert!(
            unknown.starts_with("不认识的参数 --bogus\n用法：wenjuan summarize"),
            "{unknown}"
        );
        let value = mistake("wenjuan summarize --ci foo").expect("said");
        assert!(
            value.starts_with("--ci 的值 foo 不对：比例的区间方法"),
            "{value}"
        );
        let missing = mistake("wenjuan exclude x.csv").expect("said");
        assert!(missing.starts_with("缺少必需的参数：--reason"), "{missing}");
        let conflict = mistake("wenjuan compare --by a --between b").expect("said");
        assert!(
            conflict.starts_with("--by <GROUP> 不能与 --between"),
            "{conflict}"
        );
        assert!(
            mistake("wenjuan nosuch")
                .expect("said")
                .starts_with("没有 nosuch 这个命令")
        );
        // Help is not a mistake.
        assert_eq!(mistake("wenjuan --help"), None);
    }
}
