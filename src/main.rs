//! The `wenjuan` command: parse the arguments, run, map the outcome to an exit status.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = wenjuan::cli::Cli::parse();
    match wenjuan::run(cli) {
        Ok(status) => ExitCode::from(status),
        Err(e) => {
            eprintln!("wenjuan: error: {}", wenjuan::text::visible(&e.to_string()));
            ExitCode::from(2)
        }
    }
}
