//! Delivering output: to standard output (a closed pipe is not an error), or to a file written
//! atomically — a temporary file in the same folder, synced, then renamed over the target — so a
//! failed run never leaves a partial file behind.
//!
//! An output never replaces what the run read: every export, definition and review log is
//! [`Protected`], compared by canonical path and by file identity (so a symbolic or hard link to
//! an input counts as the input). A target that exists but is not a regular file (a device, a
//! pipe) is written into, never replaced. Text leaves through [`crate::text::visible_document`],
//! so no escape sequence from an export reaches a terminal or a file.

use crate::error::{Error, Result};
use crate::i18n::{Lang, Message};
use crate::msg;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The files a run read, which no output may replace.
#[derive(Debug, Clone, Default)]
pub struct Protected {
    files: Vec<Guarded>,
}

#[derive(Debug, Clone)]
struct Guarded {
    /// As the user named it, for the message.
    shown: PathBuf,
    canonical: Option<PathBuf>,
    identity: Option<FileId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId {
    device: u64,
    inode: u64,
}

#[cfg(unix)]
fn identity(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some(FileId {
        device: m.dev(),
        inode: m.ino(),
    })
}

#[cfg(not(unix))]
fn identity(_path: &Path) -> Option<FileId> {
    None
}

/// The canonical form of a path that may not exist yet: its folder resolved, its name kept.
fn canonical(path: &Path) -> Option<PathBuf> {
    if let Ok(c) = path.canonicalize() {
        return Some(c);
    }
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(dir.canonicalize().ok()?.join(name))
}

impl Protected {
    pub fn new<I, P>(paths: I) -> Protected
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        let mut p = Protected::default();
        for path in paths {
            p.add(path.as_ref());
        }
        p
    }

    pub fn add(&mut self, path: &Path) {
        self.files.push(Guarded {
            shown: path.to_path_buf(),
            canonical: canonical(path),
            identity: identity(path),
        });
    }

    /// The input `target` would replace, if any.
    fn replaced_by(&self, target: &Path) -> Option<&Path> {
        let target_canonical = canonical(target);
        let target_identity = identity(target);
        self.files
            .iter()
            .find(|g| {
                (target_identity.is_some() && g.identity == target_identity)
                    || (target_canonical.is_some() && g.canonical == target_canonical)
            })
            .map(|g| g.shown.as_path())
    }

    /// Refuses a target that is an input of this run, or that cannot be written as a file.
    pub fn check(&self, target: &Path) -> Result<()> {
        self.guard(target)?;
        let dir = folder_of(target);
        if !dir.is_dir() {
            return Err(Error::usage(msg!(folder_missing, dir.display())).in_file(target));
        }
        Ok(())
    }

    /// Refuses a target that is an input of this run or a folder; its folder may not exist yet.
    pub fn guard(&self, target: &Path) -> Result<()> {
        if let Some(input) = self.replaced_by(target) {
            return Err(Error::usage(msg!(would_replace_input, input.display())).in_file(target));
        }
        if target.is_dir() {
            return Err(Error::usage(msg!(output_is_folder)).in_file(target));
        }
        Ok(())
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Writes `text` to standard output, or to `path` when given (checked against `protected`).
pub fn emit(path: Option<&Path>, bytes: &[u8], protected: &Protected) -> Result<()> {
    let mut out = Stream::open(path, protected)?;
    out.write_all(&safe_bytes(bytes))
        .map_err(|e| Error::io(path.unwrap_or(Path::new("<stdout>")), &e))?;
    out.finish()
}

/// Output text with control and escape characters from the data made visible. Binary outputs
/// (XLSX) are passed through: their writer makes each cell visible instead.
fn safe_bytes(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    use std::borrow::Cow;
    match std::str::from_utf8(bytes) {
        Ok(text) => match crate::text::visible_document(text) {
            Cow::Borrowed(_) => Cow::Borrowed(bytes),
            Cow::Owned(s) => Cow::Owned(s.into_bytes()),
        },
        Err(_) => Cow::Borrowed(bytes),
    }
}

/// Writes several files, all checked before any is written, so a refused run writes nothing.
pub fn write_all(files: &[(PathBuf, Vec<u8>)], protected: &Protected) -> Result<()> {
    for (path, _) in files {
        protected.check(path)?;
    }
    for (path, bytes) in files {
        write_file(path, &safe_bytes(bytes))?;
    }
    Ok(())
}

/// Writes `bytes` to `path`: into it when it is a device or a pipe, else atomically.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut out = Stream {
        to: Target::at(path)?,
        failed: None,
    };
    out.write_all(bytes).map_err(|e| Error::io(path, &e))?;
    out.finish()
}

/// Writes a regular file all or nothing. A link is followed, so the file it points to is
/// rewritten and the link kept; a new file gets the permissions the user's umask allows (an
/// existing one keeps its own).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut pending = Pending::beside(path)?;
    pending.tmp.write_all(bytes).map_err(|e| pending.error(e))?;
    pending.persist()
}

/// A regular file being written: a temporary file in the target's folder, renamed over the
/// target once complete.
struct Pending {
    tmp: tempfile::NamedTempFile,
    /// The target, a link followed.
    path: PathBuf,
    existing: Option<std::fs::Permissions>,
}

impl Pending {
    fn beside(path: &Path) -> Result<Pending> {
        let resolved = match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => {
                path.canonicalize().unwrap_or(path.to_path_buf())
            }
            _ => path.to_path_buf(),
        };
        let dir = folder_of(&resolved);
        if !dir.is_dir() {
            return Err(Error::usage(msg!(folder_missing, dir.display())).in_file(&resolved));
        }
        let existing = std::fs::metadata(&resolved).ok().map(|m| m.permissions());
        let mut builder = tempfile::Builder::new();
        builder.prefix(".wenjuan-");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // open(2) applies the umask to these bits, as for any new file.
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder
            .tempfile_in(dir)
            .map_err(|e| Error::io(&resolved, &e))?;
        Ok(Pending {
            tmp,
            path: resolved,
            existing,
        })
    }

    fn error(&self, e: std::io::Error) -> Error {
        Error::io(&self.path, &e)
    }

    fn persist(self) -> Result<()> {
        let io = |e: std::io::Error| Error::io(&self.path, &e);
        if let Some(permissions) = &self.existing {
            self.tmp
                .as_file()
                .set_permissions(permissions.clone())
                .map_err(io)?;
        }
        self.tmp.as_file().sync_all().map_err(io)?;
        self.tmp.persist(&self.path).map_err(|e| io(e.error))?;
        Ok(())
    }
}

/// An output written as it is made (every output goes through one; a `check` CSV of millions of
/// findings is streamed rather than held): to standard output, or into a temporary file that
/// replaces the target only at [`Stream::finish`], so a failed run still leaves no partial file.
/// What is written must already be visible text ([`emit`] makes it so; the `check` CSV writer
/// makes every cell from an export visible).
pub struct Stream {
    to: Target,
    /// The first write that failed; reported by `finish`.
    failed: Option<Error>,
}

enum Target {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    /// A device or pipe named as the target: written into, never replaced.
    Device(std::io::BufWriter<std::fs::File>, PathBuf),
    File(std::io::BufWriter<Pending>),
}

impl Target {
    /// A file named as the target: written into when it is a device or a pipe, else replaced
    /// when complete.
    fn at(path: &Path) -> Result<Target> {
        Ok(match std::fs::metadata(path) {
            Ok(m) if !m.is_file() => {
                let f = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| Error::io(path, &e))?;
                Target::Device(std::io::BufWriter::new(f), path.to_path_buf())
            }
            _ => Target::File(std::io::BufWriter::new(Pending::beside(path)?)),
        })
    }
}

impl Write for Pending {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

impl Stream {
    /// Opens the output: `path` (checked against `protected`), or standard output.
    pub fn open(path: Option<&Path>, protected: &Protected) -> Result<Stream> {
        let to = match path {
            None => Target::Stdout(std::io::BufWriter::new(std::io::stdout())),
            Some(path) => {
                protected.check(path)?;
                Target::at(path)?
            }
        };
        Ok(Stream { to, failed: None })
    }

    /// Writes the file in place of the target, or flushes standard output; the first failed
    /// write, if any, is the error.
    pub fn finish(mut self) -> Result<()> {
        let flushed = self.flush();
        if let Some(e) = self.failed {
            return Err(e);
        }
        match self.to {
            Target::Stdout(_) => flushed.map_err(|e| Error::io(Path::new("<stdout>"), &e)),
            Target::Device(_, path) => flushed.map_err(|e| Error::io(&path, &e)),
            Target::File(w) => {
                let path = w.get_ref().path.clone();
                flushed.map_err(|e| Error::io(&path, &e))?;
                let pending = w.into_inner().map_err(|e| Error::io(&path, e.error()))?;
                pending.persist()
            }
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed.is_some() {
            // Nothing more is written after a failure; `finish` reports it.
            return Ok(buf.len());
        }
        let written = match &mut self.to {
            Target::Stdout(w) => match w.write_all(buf) {
                // A closed pipe (`| head`) is not an error: the reader has what it wanted.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(|e| Error::io(Path::new("<stdout>"), &e)),
            },
            Target::Device(w, path) => w.write_all(buf).map_err(|e| Error::io(path, &e)),
            Target::File(w) => {
                let result = w.write_all(buf);
                result.map_err(|e| w.get_ref().error(e))
            }
        };
        if let Err(e) = written {
            self.failed = Some(e);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.to {
            Target::Stdout(w) => match w.flush() {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            },
            Target::Device(w, _) => w.flush(),
            Target::File(w) => w.flush(),
        }
    }
}

/// Prints a warning to standard error in `lang`, with any control characters from the data made
/// visible.
pub fn warn(lang: Lang, message: &Message) {
    eprintln!(
        "wenjuan: {}: {}",
        lang.strings().errors.warning,
        crate::text::visible(&message.render(lang))
    );
}

/// Prints information for a person to standard error (standard output carries the data).
pub fn note(message: &str) {
    eprintln!("wenjuan: {}", crate::text::visible(message));
}

/// Prints a line of results to standard output, made visible.
pub fn say(message: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}", crate::text::visible(message));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_replaces_its_target_only_when_finished() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("findings.csv");
        std::fs::write(&target, "old\n").unwrap();
        let protected = Protected::default();

        let mut abandoned = Stream::open(Some(&target), &protected).unwrap();
        abandoned.write_all(b"half a").unwrap();
        drop(abandoned);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n");

        let mut stream = Stream::open(Some(&target), &protected).unwrap();
        for i in 0..100_000 {
            writeln!(stream, "row {i}").unwrap();
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n");
        stream.finish().unwrap();
        let written = std::fs::read_to_string(&target).unwrap();
        assert_eq!(written.lines().count(), 100_000);
        assert!(written.ends_with("row 99999\n"));
        // No temporary file is left beside it.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        let input = dir.path().join("e.csv");
        std::fs::write(&input, "a\n").unwrap();
        assert!(Stream::open(Some(&input), &Protected::new([&input])).is_err());
    }

    #[test]
    fn an_input_and_its_links_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let export = dir.path().join("e.csv");
        std::fs::write(&export, "a\n1\n").unwrap();
        let protected = Protected::new([&export, &dir.path().join("e.csv.review.jsonl")]);
        assert!(protected.check(&export).is_err());
        assert!(protected.check(&dir.path().join("./e.csv")).is_err());
        assert!(
            protected
                .check(&dir.path().join("e.csv.review.jsonl"))
                .is_err()
        );
        #[cfg(unix)]
        {
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(&export, &link).unwrap();
            assert!(protected.check(&link).is_err());
            let hard = dir.path().join("hard.csv");
            std::fs::hard_link(&export, &hard).unwrap();
            assert!(protected.check(&hard).is_err());
        }
        assert!(protected.check(&dir.path().join("figures.csv")).is_ok());
        assert!(protected.check(&dir.path().join("nodir/x.csv")).is_err());
        assert_eq!(std::fs::read(&export).unwrap(), b"a\n1\n");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_follow_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let Some(umask) = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                let line = s.lines().find(|l| l.starts_with("Umask:"))?.to_string();
                u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).ok()
            })
        else {
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.csv");
        write_file(&out, b"x\n").unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask, "mode {mode:o}, umask {umask:o}");
    }
}
