//! The `wenjuan` command: parse the arguments, run, map the outcome to an exit status.

use clap::FromArgMatches;
use std::process::ExitCode;
use wenjuan::i18n::Lang;

fn main() -> ExitCode {
    return_freed_memory();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let asked = wenjuan::cli::lang_of(&args);
    let parsed = wenjuan::cli::command(asked)
        .try_get_matches_from(&args)
        .and_then(|m| wenjuan::cli::Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => match (asked, wenjuan::cli::mistake_in_chinese(&e)) {
            (Lang::Zh, Some(said)) => {
                let mut lines = said.lines().map(wenjuan::text::visible);
                let first = lines.next().unwrap_or_default();
                eprintln!("wenjuan: {}: {first}", Lang::Zh.strings().errors.error);
                for line in lines {
                    eprintln!("{line}");
                }
                return ExitCode::from(2);
            }
            _ => e.exit(),
        },
    };
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

/// glibc raises its mmap threshold each time a large block is freed, so after the parse frees its
/// chunk buffers the next large vectors come from the heap, where memory freed later in the run is
/// kept rather than returned: 40 MB more peak memory on a million responses. Pinning the threshold
/// at glibc's default (128 KiB) keeps large blocks mapped and returned when freed; measured with
/// bench/run.sh, it costs no time.
///
/// glibc also gives threads arenas of their own, and memory freed in one is not reused by another:
/// with the summary's threads segmenting free text beside the dimensions, that left 13 MB more
/// peak on a million responses. One arena is shared under a lock, yet on that export, where both
/// cores segment free text and allocate for every clause, it measured no slower.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_freed_memory() {
    const M_MMAP_THRESHOLD: i32 = -3;
    const M_ARENA_MAX: i32 = -8;
    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    // SAFETY: mallopt only changes allocator tunables; called before any thread starts.
    unsafe {
        mallopt(M_MMAP_THRESHOLD, 128 * 1024);
        mallopt(M_ARENA_MAX, 1);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_freed_memory() {}
