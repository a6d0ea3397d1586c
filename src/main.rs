//! The `wenjuan` command: parse the arguments, run, map the outcome to an exit status.

use clap::Parser;
use std::process::ExitCode;
use wenjuan::i18n::Lang;

fn main() -> ExitCode {
    let cli = wenjuan::cli::Cli::parse();
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    match wenjuan::run(cli) {
        Ok(status) => ExitCode::from(status),
        Err(e) => {
            eprintln!(
                "wenjuan: {}: {}",
                lang.strings().errors.error,
                wenjuan::text::visible(&e.render(lang))
            );
            ExitCode::from(e.kind.exit_status())
        }
    }
}
