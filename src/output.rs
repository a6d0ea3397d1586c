//! Delivering output: to standard output (a closed pipe is not an error), or to a file written
//! atomically — a temporary file in the same folder, synced, then renamed over the target — so a
//! failed run never leaves a partial file behind.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

pub fn emit(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match path {
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(Error::io(Path::new("<stdout>"), &e))
                }
                _ => Ok(()),
            }
        }
        Some(path) => write_atomic(path, bytes),
    }
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let io = |e: std::io::Error| Error::io(path, &e);
    let mut tmp = tempfile::Builder::new()
        .prefix(".wenjuan-")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Prints a warning to standard error, with any control characters from the data made visible.
pub fn warn(message: &str) {
    eprintln!("wenjuan: warning: {}", crate::text::visible(message));
}

/// Prints information for a person to standard error (standard output carries the data).
pub fn note(message: &str) {
    eprintln!("wenjuan: {}", crate::text::visible(message));
}
