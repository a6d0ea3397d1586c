//! The hostile-input corpus (issue 8) through every command.
//!
//! `tests/fixtures/hostile/` holds malformed and hostile inputs written by
//! `scripts/make_hostile_corpus.py` (seeded; rerun it to regenerate), and `manifest.json` says, per
//! case, which files to copy into a fresh folder, which commands to run there and what each must
//! do. Whatever a run's expectation, five properties hold for every run:
//!
//! 1. no panic: not exit 101 or 134, not killed by a signal, no "panicked" on stderr, no hang;
//! 2. what must be refused exits 2 with a message naming the file and, where the manifest says,
//!    the row, line, column or sheet;
//! 3. nothing left behind: after a refused run the folder holds exactly what it held before, and
//!    no run leaves a `.wenjuan-*` temporary file;
//! 4. no raw control character (ESC, other C0 controls but `\n`, `\t` and `\r\n`, C1 controls,
//!    bidi overrides and isolates) on stdout, on stderr or in any file written;
//! 5. no input changed (compared byte for byte, hashes in the evidence); a review log may only
//!    be appended to, by `exclude`/`include`; a symlink, device or FIFO stays what it was.
//!
//! Every violation across all cases is collected and printed as one table before the test fails.
//! Commands run as `sh -c 'ulimit -v 4 GiB; umask 022; exec wenjuan …'` so that a runaway
//! allocation aborts instead of eating the machine and new files' modes are predictable.
//!
//! Never run `-o /dev/null` itself: a wenjuan that writes outputs by renaming a temporary file
//! over the target replaces the system's /dev/null when run as root. The device case uses a
//! private node made with `mknod` in the case's folder instead.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(120);
const MEMORY_LIMIT_KIB: u64 = 4 * 1024 * 1024;

#[derive(Deserialize)]
struct Manifest {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    #[allow(dead_code)]
    what: String,
    files: Vec<FileSpec>,
    #[serde(default)]
    setup: Vec<Setup>,
    runs: Vec<Run>,
    #[serde(default)]
    large: bool,
}

#[derive(Deserialize)]
struct FileSpec {
    src: String,
    #[serde(rename = "as")]
    dest: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Setup {
    symlink: Option<String>,
    hardlink: Option<String>,
    to: Option<String>,
    fifo: Option<String>,
    null_device: Option<String>,
}

#[derive(Deserialize)]
struct Run {
    id: String,
    steps: Vec<Step>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Step {
    args: Vec<String>,
    lang: String,
    expect: String,
    names: Vec<Vec<String>>,
    #[serde(rename = "where")]
    at: Vec<Vec<String>>,
    must_not: Vec<String>,
    received: Option<u64>,
    received_if_read: Option<u64>,
    flags: Vec<String>,
    stderr_names: Vec<Vec<String>>,
    stderr_where: Vec<Vec<String>>,
    appends: Vec<String>,
    #[allow(dead_code)]
    umask: Option<String>,
    modes: BTreeMap<String, u32>,
    still_device: Option<String>,
    still_fifo: Option<String>,
}

/// One violated property.
struct Failure {
    case: String,
    run: String,
    command: String,
    property: &'static str,
    evidence: String,
}

// ------------------------------------------------------------------------------------------
// Folder snapshots
// ------------------------------------------------------------------------------------------

#[derive(Clone, PartialEq)]
enum Entry {
    File { bytes: Vec<u8>, mode: u32 },
    Symlink(PathBuf),
    Dir,
    Fifo,
    CharDevice,
    Other,
}

impl Entry {
    fn describe(&self) -> String {
        match self {
            Entry::File { bytes, mode } => {
                format!(
                    "file {} bytes, fnv {:016x}, mode {:o}",
                    bytes.len(),
                    fnv(bytes),
                    mode & 0o777
                )
            }
            Entry::Symlink(t) => format!("symlink to {}", t.display()),
            Entry::Dir => "folder".into(),
            Entry::Fifo => "FIFO".into(),
            Entry::CharDevice => "character device".into(),
            Entry::Other => "special file".into(),
        }
    }
    fn same_content(&self, other: &Entry) -> bool {
        match (self, other) {
            (Entry::File { bytes: a, .. }, Entry::File { bytes: b, .. }) => a == b,
            _ => self == other,
        }
    }
}

type Snapshot = BTreeMap<PathBuf, Entry>;

fn snapshot(root: &Path) -> Snapshot {
    let mut out = Snapshot::new();
    walk(root, Path::new(""), &mut out);
    out
}

fn walk(root: &Path, rel: &Path, out: &mut Snapshot) {
    let Ok(read) = std::fs::read_dir(root.join(rel)) else {
        return;
    };
    for entry in read.flatten() {
        let rel = rel.join(entry.file_name());
        let path = root.join(&rel);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let ft = meta.file_type();
        let e = if ft.is_symlink() {
            Entry::Symlink(std::fs::read_link(&path).unwrap_or_default())
        } else if ft.is_dir() {
            walk(root, &rel, out);
            Entry::Dir
        } else if ft.is_file() {
            Entry::File {
                bytes: std::fs::read(&path).unwrap_or_default(),
                mode: meta.permissions().mode(),
            }
        } else if ft.is_fifo() {
            Entry::Fifo
        } else if ft.is_char_device() {
            Entry::CharDevice
        } else {
            Entry::Other
        };
        out.insert(rel, e);
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

// ------------------------------------------------------------------------------------------
// Control characters
// ------------------------------------------------------------------------------------------

/// The first raw control character in `bytes` (read as UTF-8 where it is UTF-8): its name and
/// byte offset. Allowed: `\t`, `\n`, and `\r` directly before `\n`.
fn first_control(bytes: &[u8]) -> Option<(String, usize)> {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\t' | b'\n' => {}
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
            0x1B => return Some(("ESC (U+001B)".into(), i)),
            0x00..=0x1F => return Some((format!("C0 control U+{b:04X}"), i)),
            0xC2 if matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => {
                return Some((format!("C1 control U+{:04X}", bytes[i + 1]), i));
            }
            0xE2 => {
                let c = (bytes.get(i + 1), bytes.get(i + 2));
                match c {
                    (Some(0x80), Some(x @ 0xAA..=0xAE)) => {
                        return Some((
                            format!("bidi override U+{:04X}", 0x2000 + (*x as u32 - 0x80)),
                            i,
                        ));
                    }
                    (Some(0x81), Some(x @ 0xA6..=0xA9)) => {
                        return Some((
                            format!("bidi isolate U+{:04X}", 0x2040 + (*x as u32 - 0x80)),
                            i,
                        ));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Text made safe to print in this test's own report.
fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let u = c as u32;
        if (u < 0x20 && c != ' ')
            || u == 0x7F
            || (0x80..=0x9F).contains(&u)
            || (0x202A..=0x202E).contains(&u)
            || (0x2066..=0x2069).contains(&u)
        {
            let _ = write!(out, "\\u{{{u:x}}}");
        } else {
            out.push(c);
        }
    }
    out
}

fn context(bytes: &[u8], at: usize) -> String {
    let lo = at.saturating_sub(24);
    let hi = (at + 24).min(bytes.len());
    visible(&String::from_utf8_lossy(&bytes[lo..hi]))
}

/// Control characters in a written file (every text part of an XLSX/DOCX zip; the pictures of a
/// Word document are binary by nature, and hold no text from the export).
fn scan_file(name: &str, bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(b"PK\x03\x04")
        && let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes))
    {
        for i in 0..zip.len() {
            let Ok(mut part) = zip.by_index(i) else {
                continue;
            };
            let part_name = part.name().map(|n| n.to_string()).unwrap_or_default();
            if part_name.ends_with(".png") {
                continue;
            }
            let mut data = Vec::new();
            if part.read_to_end(&mut data).is_err() {
                continue;
            }
            if let Some((what, at)) = first_control(&data) {
                return Some(format!(
                    "{name}[{part_name}]: {what} at byte {at}: \"{}\"",
                    context(&data, at)
                ));
            }
        }
        return None;
    }
    first_control(bytes)
        .map(|(what, at)| format!("{name}: {what} at byte {at}: \"{}\"", context(bytes, at)))
}

// ------------------------------------------------------------------------------------------
// Running one step
// ------------------------------------------------------------------------------------------

struct Outcome {
    code: Option<i32>,
    signal: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    elapsed: Duration,
    killed: bool,
}

fn execute(dir: &Path, scratch: &Path, step: &Step, limit: Duration) -> Outcome {
    let out_path = scratch.join("stdout");
    let err_path = scratch.join("stderr");
    let stdout = std::fs::File::create(&out_path).unwrap();
    let stderr = std::fs::File::create(&err_path).unwrap();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_LIMIT_KIB} 2>/dev/null; umask 022; exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_wenjuan"));
    if step.lang == "en" {
        cmd.args(["--lang", "en"]);
    }
    cmd.args(&step.args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr);
    let start = Instant::now();
    let mut child = cmd.spawn().expect("spawn sh");
    let mut nap = Duration::from_millis(1);
    let mut killed = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            killed = true;
            break child.wait().unwrap();
        }
        std::thread::sleep(nap);
        nap = (nap * 2).min(Duration::from_millis(10));
    };
    let elapsed = start.elapsed();
    Outcome {
        code: status.code(),
        signal: status.signal(),
        stdout: std::fs::read(&out_path).unwrap_or_default(),
        stderr: std::fs::read(&err_path).unwrap_or_default(),
        elapsed,
        killed,
    }
}

fn command_line(step: &Step) -> String {
    let mut parts = vec!["wenjuan".to_string()];
    if step.lang == "en" {
        parts.push("--lang en".into());
    }
    for a in &step.args {
        if a.is_empty() || a.contains([' ', '"', '\'']) {
            parts.push(format!("'{a}'"));
        } else {
            parts.push(a.clone());
        }
    }
    visible(&parts.join(" "))
}

fn first_lines(bytes: &[u8], n: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(n)
        .collect();
    visible(&lines.join(" ⏎ "))
}

/// Which alternative-groups are missing from `text`.
fn missing(groups: &[Vec<String>], text: &str) -> Vec<String> {
    groups
        .iter()
        .filter(|alts| !alts.iter().any(|a| text.contains(a.as_str())))
        .map(|alts| {
            format!(
                "one of {:?}",
                alts.iter().map(|a| visible(a)).collect::<Vec<_>>()
            )
        })
        .collect()
}

fn received_count(stdout: &[u8]) -> Option<u64> {
    let mut reader = csv::Reader::from_reader(stdout);
    let headers = reader.headers().ok()?.clone();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (stat, level, count, group) = (
        col("statistic")?,
        col("level")?,
        col("count")?,
        col("group")?,
    );
    let mut total = None;
    for r in reader.records().flatten() {
        if r.get(stat) == Some("responses")
            && r.get(level) == Some("received")
            && r.get(group) == Some("")
        {
            *total.get_or_insert(0) += r.get(count)?.parse::<u64>().ok()?;
        }
    }
    total
}

fn check_respondents(stdout: &[u8]) -> Option<BTreeSet<String>> {
    let mut reader = csv::Reader::from_reader(stdout);
    let headers = reader.headers().ok()?.clone();
    let col = headers.iter().position(|h| h == "respondent")?;
    Some(
        reader
            .records()
            .flatten()
            .filter_map(|r| r.get(col).map(str::to_string))
            .collect(),
    )
}

struct Ctx<'a> {
    case: &'a Case,
    run: &'a Run,
    failures: Vec<Failure>,
    slowest: (Duration, String),
}

impl Ctx<'_> {
    fn fail(&mut self, step: &Step, property: &'static str, evidence: String) {
        self.failures.push(Failure {
            case: self.case.name.clone(),
            run: self.run.id.clone(),
            command: command_line(step),
            property,
            evidence,
        });
    }
}

fn check_step(ctx: &mut Ctx, dir: &Path, scratch: &Path, step: &Step, file_names: &[String]) {
    let before = snapshot(dir);
    // A FIFO output needs a reader (or a writer) on the other end so that opening it does not
    // block: hold it open read-write for the length of the run.
    let _fifo = step.still_fifo.as_ref().and_then(|f| {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(dir.join(f))
            .ok()
    });
    // A hang guard only: how fast wenjuan is gets measured with bench/, never asserted here.
    let limit = TIMEOUT;
    let out = execute(dir, scratch, step, limit);
    drop(_fifo);
    let after = snapshot(dir);
    if out.elapsed > ctx.slowest.0 {
        ctx.slowest = (
            out.elapsed,
            format!("{}: {}", ctx.case.name, command_line(step)),
        );
    }
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out.code;

    // 1. no panic, no hang
    if out.killed {
        ctx.fail(
            step,
            "hang",
            format!(
                "killed after {:.1} s (limit {:.1} s)",
                out.elapsed.as_secs_f64(),
                limit.as_secs_f64()
            ),
        );
        return;
    }
    let panicked = matches!(code, Some(101) | Some(134))
        || out.signal.is_some()
        || stderr.contains("panicked")
        || stderr.contains("memory allocation of");
    if panicked {
        let line = stderr
            .lines()
            .find(|l| {
                l.contains("panicked") || l.contains("memory allocation") || l.contains("overflow")
            })
            .map(|l| {
                let next = stderr.lines().skip_while(|x| *x != l).nth(1).unwrap_or("");
                format!("{l} {next}")
            })
            .unwrap_or_default();
        let how = match (code, out.signal) {
            (_, Some(sig)) => format!("signal {sig}"),
            (Some(c), _) => format!("exit {c}"),
            _ => "?".into(),
        };
        ctx.fail(step, "panic", visible(&format!("{how}: {}", line.trim())));
    }

    // 2. exit status and message
    let code_v = code.unwrap_or(-1);
    if !panicked {
        let ok = match step.expect.as_str() {
            "read" => matches!(code_v, 0 | 1),
            "refuse" | "usage" => code_v == 2,
            _ => matches!(code_v, 0..=2),
        };
        if !ok {
            let want = match step.expect.as_str() {
                "read" => "0 or 1 (read)",
                "refuse" => "2 (refused)",
                "usage" => "2 (usage)",
                _ => "0, 1 or 2",
            };
            let said = if code_v == 2 {
                first_lines(&out.stderr, 2)
            } else {
                first_lines(&out.stdout, 1)
            };
            ctx.fail(
                step,
                "exit",
                format!("exit {code_v}, expected {want}; {said}"),
            );
        }
    }
    let mut stripped = stderr.clone();
    for f in file_names {
        stripped = stripped.replace(f.as_str(), "‹file›");
    }
    if code_v == 2 && step.expect != "usage" {
        let mut lacks = missing(&step.names, &stderr);
        lacks.extend(missing(&step.at, &stripped));
        let bad: Vec<&String> = step
            .must_not
            .iter()
            .filter(|m| stderr.contains(m.as_str()))
            .collect();
        if !lacks.is_empty() || !bad.is_empty() {
            let mut ev = String::new();
            if !lacks.is_empty() {
                let _ = write!(ev, "lacks {}", lacks.join(", "));
            }
            if !bad.is_empty() {
                let _ = write!(
                    ev,
                    "{}names {:?}",
                    if ev.is_empty() { "" } else { "; " },
                    bad
                );
            }
            let _ = write!(ev, "; said: {}", first_lines(&out.stderr, 2));
            ctx.fail(step, "message", ev);
        }
    }
    if matches!(code_v, 0 | 1) && !panicked {
        let mut lacks = missing(&step.stderr_names, &stderr);
        lacks.extend(missing(&step.stderr_where, &stripped));
        if !lacks.is_empty() {
            ctx.fail(
                step,
                "warning",
                format!(
                    "stderr lacks {}; said: {}",
                    lacks.join(", "),
                    first_lines(&out.stderr, 2)
                ),
            );
        }
        if let Some(want) = step.received.or(step.received_if_read) {
            match received_count(&out.stdout) {
                Some(got) if got == want => {}
                Some(got) => ctx.fail(
                    step,
                    "accounting",
                    format!("received {got}, expected {want}"),
                ),
                None => ctx.fail(
                    step,
                    "accounting",
                    format!("no received count in the output (expected {want})"),
                ),
            }
        }
        if !step.flags.is_empty() {
            let found = check_respondents(&out.stdout).unwrap_or_default();
            let lost: Vec<&String> = step.flags.iter().filter(|f| !found.contains(*f)).collect();
            if !lost.is_empty() {
                ctx.fail(
                    step,
                    "not-flagged",
                    format!("check lists no finding for 序号 {lost:?} (exit {code_v})"),
                );
            }
        }
    }

    // 3. nothing left behind
    let temps: Vec<String> = after
        .keys()
        .filter(|p| {
            p.components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with(".wenjuan-"))
        })
        .map(|p| visible(&p.display().to_string()))
        .collect();
    if !temps.is_empty() {
        ctx.fail(step, "leftover", format!("temporary files left: {temps:?}"));
    }
    if code_v == 2 || panicked {
        let new: Vec<String> = after
            .keys()
            .filter(|p| !before.contains_key(*p))
            .filter(|p| {
                !p.components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with(".wenjuan-"))
            })
            .map(|p| visible(&p.display().to_string()))
            .collect();
        if !new.is_empty() {
            ctx.fail(step, "leftover", format!("a failed run left {new:?}"));
        }
    }

    // 4. no raw control character on the terminal or in a file written
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        if let Some((what, at)) = first_control(bytes) {
            ctx.fail(
                step,
                "control-char",
                format!("{stream}: {what} at byte {at}: \"{}\"", context(bytes, at)),
            );
        }
    }
    for (path, entry) in &after {
        let Entry::File { bytes, .. } = entry else {
            continue;
        };
        let written: &[u8] = match before.get(path) {
            None => bytes,
            Some(Entry::File { bytes: old, .. }) if old == bytes => continue,
            Some(Entry::File { bytes: old, .. }) if bytes.starts_with(old) => &bytes[old.len()..],
            Some(_) => bytes,
        };
        if let Some(ev) = scan_file(&visible(&path.display().to_string()), written) {
            ctx.fail(step, "control-char", ev);
        }
    }

    // 5. no input changed; special files stay special
    for (path, old) in &before {
        let name = path.display().to_string();
        let appendable = step.appends.iter().any(|a| Path::new(a) == path);
        match after.get(path) {
            None => ctx.fail(
                step,
                "input-changed",
                format!("{}: removed (was {})", visible(&name), old.describe()),
            ),
            Some(new) if old.same_content(new) => {}
            Some(Entry::File { bytes: nb, .. }) if appendable => {
                if let Entry::File { bytes: ob, .. } = old
                    && !nb.starts_with(ob)
                {
                    ctx.fail(
                        step,
                        "input-changed",
                        format!("{}: rewritten, not appended to", visible(&name)),
                    );
                }
            }
            Some(new) => ctx.fail(
                step,
                "input-changed",
                format!(
                    "{}: {} → {}",
                    visible(&name),
                    old.describe(),
                    new.describe()
                ),
            ),
        }
    }
    if let Some(dev) = &step.still_device
        && !matches!(after.get(Path::new(dev)), Some(Entry::CharDevice))
    {
        let now = after
            .get(Path::new(dev))
            .map(Entry::describe)
            .unwrap_or_else(|| "gone".into());
        ctx.fail(
            step,
            "device-replaced",
            format!("{dev}: was a character device, now {now}"),
        );
    }
    if let Some(fifo) = &step.still_fifo
        && !matches!(after.get(Path::new(fifo)), Some(Entry::Fifo))
    {
        let now = after
            .get(Path::new(fifo))
            .map(Entry::describe)
            .unwrap_or_else(|| "gone".into());
        ctx.fail(
            step,
            "fifo-replaced",
            format!("{fifo}: was a FIFO, now {now}"),
        );
    }
    for (path, want) in &step.modes {
        match after.get(Path::new(path)) {
            Some(Entry::File { mode, .. }) if mode & 0o777 == *want => {}
            Some(Entry::File { mode, .. }) => ctx.fail(
                step,
                "mode",
                format!(
                    "{path}: mode {:04o}, expected {want:04o} (umask 022)",
                    mode & 0o777
                ),
            ),
            _ => {}
        }
    }
}

/// Copies a case's files into `dir` and makes its links and special files; None when a special
/// file cannot be made here (the case is then skipped, with a note).
fn prepare(case: &Case, corpus: &Path, dir: &Path) -> Result<(), String> {
    for f in &case.files {
        std::fs::copy(corpus.join(&f.src), dir.join(&f.dest))
            .map_err(|e| format!("copy {}: {e}", f.src))?;
    }
    for s in &case.setup {
        if let (Some(link), Some(to)) = (&s.symlink, &s.to) {
            std::os::unix::fs::symlink(to, dir.join(link)).map_err(|e| e.to_string())?;
        }
        if let (Some(link), Some(to)) = (&s.hardlink, &s.to) {
            std::fs::hard_link(dir.join(to), dir.join(link)).map_err(|e| e.to_string())?;
        }
        if let Some(name) = &s.fifo {
            let ok = Command::new("mkfifo")
                .arg(dir.join(name))
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            if !ok {
                return Err("mkfifo failed".into());
            }
        }
        if let Some(name) = &s.null_device {
            // A private node with /dev/null's numbers: the real one must never be the target.
            let ok = Command::new("mknod")
                .arg(dir.join(name))
                .args(["c", "1", "3"])
                .stderr(Stdio::null())
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            if !ok {
                return Err("mknod needs CAP_MKNOD (not root here)".into());
            }
        }
    }
    Ok(())
}

#[test]
fn hostile_corpus_through_every_command() {
    let started = Instant::now();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let manifest: Manifest = serde_json::from_str(
        &std::fs::read_to_string(corpus.join("manifest.json")).expect("manifest.json"),
    )
    .expect("manifest.json parses");

    // Jobs: every (case, run); the large cases first so that they overlap the rest.
    let mut jobs: Vec<(usize, usize)> = Vec::new();
    for large in [true, false] {
        for (ci, c) in manifest.cases.iter().enumerate() {
            if c.large == large {
                jobs.extend((0..c.runs.len()).map(|ri| (ci, ri)));
            }
        }
    }
    let next = AtomicUsize::new(0);
    let failures: Mutex<Vec<Failure>> = Mutex::new(Vec::new());
    let skipped: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    let slowest: Mutex<(Duration, String)> = Mutex::new((Duration::ZERO, String::new()));
    let steps_run = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(2, 8)
        * 2;

    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&(ci, ri)) = jobs.get(i) else { break };
                    let case = &manifest.cases[ci];
                    let run = &case.runs[ri];
                    let dir = tempfile::tempdir().unwrap();
                    let scratch = tempfile::tempdir().unwrap();
                    if let Err(why) = prepare(case, &corpus, dir.path()) {
                        skipped
                            .lock()
                            .unwrap()
                            .insert(format!("{}: {why}", case.name));
                        continue;
                    }
                    let mut names: Vec<String> =
                        case.files.iter().map(|f| f.dest.clone()).collect();
                    for s in &case.setup {
                        names.extend(
                            [&s.symlink, &s.hardlink, &s.fifo, &s.null_device]
                                .into_iter()
                                .flatten()
                                .cloned(),
                        );
                    }
                    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
                    let mut ctx = Ctx {
                        case,
                        run,
                        failures: Vec::new(),
                        slowest: (Duration::ZERO, String::new()),
                    };
                    for step in &run.steps {
                        check_step(&mut ctx, dir.path(), scratch.path(), step, &names);
                        steps_run.fetch_add(1, Ordering::Relaxed);
                    }
                    failures.lock().unwrap().extend(ctx.failures);
                    let mut s = slowest.lock().unwrap();
                    if ctx.slowest.0 > s.0 {
                        *s = ctx.slowest;
                    }
                }
            });
        }
    });

    let mut failures = failures.into_inner().unwrap();
    let order: BTreeMap<&str, usize> = manifest
        .cases
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.as_str(), i))
        .collect();
    failures
        .sort_by(|a, b| (order[a.case.as_str()], &a.run).cmp(&(order[b.case.as_str()], &b.run)));
    let elapsed = started.elapsed();
    let slowest = slowest.into_inner().unwrap();
    let mut report = String::new();
    let _ = writeln!(
        report,
        "hostile corpus: {} cases, {} runs, {} steps in {:.1} s ({} worker threads); slowest step {:.2} s: {}",
        manifest.cases.len(),
        jobs.len(),
        steps_run.load(Ordering::Relaxed),
        elapsed.as_secs_f64(),
        workers,
        slowest.0.as_secs_f64(),
        slowest.1
    );
    for s in skipped.into_inner().unwrap() {
        let _ = writeln!(report, "skipped: {s}");
    }
    if !failures.is_empty() {
        let mut by_prop: BTreeMap<&str, usize> = BTreeMap::new();
        let mut cases: BTreeSet<&str> = BTreeSet::new();
        for f in &failures {
            *by_prop.entry(f.property).or_default() += 1;
            cases.insert(&f.case);
        }
        let _ = writeln!(
            report,
            "{} violations in {} of {} cases: {}",
            failures.len(),
            cases.len(),
            manifest.cases.len(),
            by_prop
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(
            report,
            "\n| case | run | command | property | evidence |\n|---|---|---|---|---|"
        );
        for f in &failures {
            let mut ev = f.evidence.replace('|', "\\|");
            if ev.chars().count() > 300 {
                ev = ev.chars().take(300).collect::<String>() + "…";
            }
            let _ = writeln!(
                report,
                "| {} | {} | `{}` | {} | {} |",
                f.case,
                f.run,
                f.command.replace('|', "\\|"),
                f.property,
                ev
            );
        }
    }
    println!("{report}");
    if let Ok(path) = std::env::var("HOSTILE_CORPUS_REPORT") {
        let _ = std::fs::write(path, &report);
    }
    assert!(
        failures.is_empty(),
        "{} violations of the hostile-corpus properties: see the table above",
        failures.len()
    );
}

/// The scanner itself: what it must catch and what it must let through.
#[test]
fn control_scanner_catches_escapes_and_nothing_else() {
    for ok in [
        "非常满意,23.51%\n",
        "a\tb\r\nc\n",
        "「1、您的性别：」┋→〖其他〗",
        "␛[31m <U+202E>",
    ] {
        assert_eq!(first_control(ok.as_bytes()), None, "{ok:?}");
    }
    for (bad, what) in [
        ("x\u{1b}]52;c;eA==\u{7}", "ESC"),
        ("a\rb", "U+000D"),
        ("a\u{8}b", "U+0008"),
        ("满意\u{9b}2J", "U+009B"),
        ("同意\u{202e}意同", "U+202E"),
        ("\u{2066}x\u{2069}", "U+2066"),
    ] {
        let (found, _) = first_control(bad.as_bytes()).unwrap_or_else(|| panic!("missed {bad:?}"));
        assert!(found.contains(what), "{bad:?}: {found}");
    }
    assert_eq!(visible("a\u{1b}b\u{202e}"), "a\\u{1b}b\\u{202e}");
}
