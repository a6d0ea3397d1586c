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
    /// Write the hand-in report: report.md, report.xlsx and charts/*.svg
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

fn parse_lang(s: &str) -> Result<Lang, String> {
    match s.to_ascii_lowercase().as_str() {
        "zh" | "cn" | "zh-cn" | "chinese" => Ok(Lang::Zh),
        "en" | "english" => Ok(Lang::En),
        other => Err(format!("unknown language '{other}': expected zh or en")),
    }
}
