//! wenjuan: survey exports (问卷星 and friends) in, evaluation figures out — shares with confidence
//! intervals, validity audit, indicator scores — for the CLI and the terminal UI alike.

pub mod cli;
pub mod cmd;
pub mod error;
pub mod figures;
pub mod i18n;
pub mod ingest;
pub mod model;
pub mod output;
pub mod parallel;
pub mod report;
pub mod stats;
pub mod survey;
pub mod text;
pub mod tui;
pub mod validity;

pub use error::{Error, ErrorKind, Result};

use cli::{Cli, Command, FigureArgs, InputArgs, OutputArgs, SummarizeArgs};
use i18n::Lang;

/// Runs a parsed command line; the `Ok` value is the exit status (0, or 1 when a check found
/// something). Errors map to status 2 in `main`.
pub fn run(cli: Cli) -> Result<u8> {
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    match cli.command {
        Some(Command::Summarize(args)) => cmd::summarize::run(&args, lang).map(|_| 0),
        Some(Command::Init(args)) => cmd::init::run(&args, lang).map(|_| 0),
        Some(Command::Check(args)) => cmd::check::run(&args, lang),
        Some(Command::Indicators(args)) => cmd::indicators::run(&args, lang).map(|_| 0),
        Some(Command::Compare(args)) => cmd::compare::run(&args, lang).map(|_| 0),
        Some(Command::Plan(args)) => cmd::plan::run(&args, lang).map(|_| 0),
        Some(Command::Report(args)) => cmd::report::run(&args, lang).map(|_| 0),
        Some(Command::Exclude(args)) => {
            cmd::decide::run(&args, validity::log::Verdict::Exclude, lang).map(|_| 0)
        }
        Some(Command::Include(args)) => {
            cmd::decide::run(&args, validity::log::Verdict::Include, lang).map(|_| 0)
        }
        Some(Command::Tui(args)) => tui::run(
            model::load::Inputs::from(&args.input),
            figures::Settings::from(&args.figures),
            lang,
        )
        .map(|_| 0),
        None => {
            use std::io::IsTerminal;
            let input = InputArgs {
                files: Vec::new(),
                survey: Vec::new(),
                population: None,
                encoding: ingest::EncodingChoice::Auto,
                sheet: None,
                filter: Vec::new(),
            };
            let figures = FigureArgs {
                ci: stats::CiMethod::Wilson,
                conf: stats::Confidence::P95,
                weighted: false,
            };
            if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
                return tui::run(
                    model::load::Inputs::from(&input),
                    figures::Settings::from(&figures),
                    lang,
                )
                .map(|_| 0);
            }
            // Not at a terminal (a pipe, CI): the bundled example's figures as Markdown.
            let args = SummarizeArgs {
                input,
                figures,
                output: OutputArgs {
                    format: Some(report::Format::Markdown),
                    output: None,
                },
                all: false,
                by: None,
            };
            cmd::summarize::run(&args, lang).map(|_| 0)
        }
    }
}
