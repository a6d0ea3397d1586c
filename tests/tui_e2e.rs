//! The real binary in a real pseudo-terminal (tmux): open the bundled example, reach the
//! awareness question with arrow keys and read its share off the screen, open help, exclude a
//! respondent with a reason, see the valid count drop, quit with status 0; then exclude another
//! and kill the process outright, and find both decisions in the review log.
//!
//! tmux is needed: `.ci/run` installs it and sets WENJUAN_REQUIRE_TMUX so CI cannot skip this;
//! elsewhere the test says it skipped.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use wenjuan::i18n::Lang;

/// A tmux server of our own: its own socket in a temporary directory (never the user's server nor
/// another test's), no configuration file, up and answering before any key is sent, and killed
/// when the value is dropped — also when an assertion fails half-way.
struct Tmux {
    /// Holds the socket; removed once the server is gone.
    dir: tempfile::TempDir,
}

/// The longest the test waits for a screen, or for the server to come up or go.
const PATIENCE: Duration = Duration::from_secs(20);

impl Tmux {
    /// Starts a server whose one session, `w`, runs `command` in a `width`×`height` pane, and
    /// waits until the server answers for it.
    fn start(width: u16, height: u16, command: &str) -> Tmux {
        let dir = tempfile::Builder::new()
            .prefix("wenjuan-tmux")
            .tempdir()
            .expect("a directory for the tmux socket");
        let tmux = Tmux { dir };
        let out = tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "w",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            command,
        ]);
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let up = poll(|| tmux.run(&["has-session", "-t", "w"]).status.success());
        assert!(up, "the tmux server did not come up");
        tmux
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("tmux");
        command
            // A UTF-8 locale, or tmux draws Chinese as underscores.
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            // Not a client of a tmux the tests happen to run in.
            .env_remove("TMUX")
            .arg("-S")
            .arg(self.dir.path().join("socket"))
            .args(["-f", "/dev/null"])
            .args(args);
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run tmux")
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "w"]).stdout).into_owned()
    }

    /// Sends tmux key names (Down, Enter, Escape, or a character).
    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", "w", key]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", "w", "-l", text]);
    }

    /// Waits until the screen satisfies `ok`; fails with the screen after a while.
    fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "waited for {what}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait(text, |s| s.contains(text))
    }

    fn pane(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", "w", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Drop for Tmux {
    /// Kills the server and waits until it is gone. Nothing here may panic: this also runs while
    /// a failed assertion unwinds.
    fn drop(&mut self) {
        let answers = |args: &[&str]| {
            self.command(args)
                .output()
                .is_ok_and(|o| o.status.success())
        };
        answers(&["kill-server"]);
        poll(|| !answers(&["has-session"]));
    }
}

/// Asks `done` every 20 ms until it says yes (true) or the patience runs out (false).
fn poll(mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The pane's shell command: wenjuan on the example in `dir`, in a UTF-8 locale. With a
/// `status` file, the shell stays after wenjuan and writes its exit status there; without, the
/// pane's process is wenjuan itself (to be killed).
fn command(dir: &Path, status: Option<&Path>) -> String {
    let run = format!(
        "env LANG=C.UTF-8 LC_ALL= '{}'",
        env!("CARGO_BIN_EXE_wenjuan")
    );
    match status {
        Some(file) => format!(
            "cd '{}' && {run}; echo $? > '{}'; sleep 600",
            dir.display(),
            file.display()
        ),
        None => format!("cd '{}' && exec {run}", dir.display()),
    }
}

/// The line of the overview's population table for `population`.
fn population_line(screen: &str, population: &str) -> String {
    screen
        .lines()
        .skip(1)
        .find(|l| l.contains(population))
        .unwrap_or_default()
        .to_string()
}

/// Whether tmux is there to run the test; without it the test says it skipped (and fails where
/// WENJUAN_REQUIRE_TMUX says it must not skip).
fn tmux_or_skip() -> bool {
    if tmux_available() {
        return true;
    }
    assert!(
        std::env::var_os("WENJUAN_REQUIRE_TMUX").is_none(),
        "tmux is required here (WENJUAN_REQUIRE_TMUX is set) but not installed"
    );
    eprintln!("skipped: tmux is not installed (.ci/run installs it)");
    false
}

#[test]
fn walk_through_the_example_in_a_real_terminal() {
    if !tmux_or_skip() {
        return;
    }
    let work = common::example_copy();
    let log = work.path().join("responses/plan-public.csv.review.jsonl");

    // `wenjuan` with no arguments at a terminal opens the bundled example.
    let status = work.path().join("status");
    let tmux = Tmux::start(100, 30, &command(work.path(), Some(&status)));
    let overview = tmux.wait("the overview", |s| {
        population_line(s, "社会公众（public）").contains("285")
    });
    assert!(overview.contains("绩效指标"), "{overview}");

    // Questions, the public, the awareness question by arrow keys.
    tmux.keys(&["2", "Right", "Down", "Down", "Down"]);
    let screen = tmux.wait_for("q4 对国土空间总体规划的了解程度");
    let screen = if screen.contains("23.51%") {
        screen
    } else {
        tmux.wait_for("23.51%")
    };
    let row = screen.lines().find(|l| l.contains("非常了解")).unwrap();
    assert!(
        row.contains("67") && row.contains("23.51%") && row.contains("18.96%–28.76%"),
        "{row}"
    );

    // Help, then back.
    tmux.keys(&["?"]);
    let help = tmux.wait_for("适用视图");
    assert!(help.contains("剔除") && help.contains("退出"), "{help}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("q4 对国土空间总体规划的了解程度");

    // Respondents, flagged ones, exclude the second (序号 137, 22 seconds) with a reason.
    tmux.keys(&["4", "f", "Down", "x"]);
    tmux.wait_for("剔除第 137 行（序号 137）的原因：");
    tmux.text("用时22秒，未读题");
    tmux.keys(&["Enter"]);
    tmux.wait_for("已剔除序号 137");
    tmux.keys(&["1"]);
    let overview = tmux.wait("valid down by one", |s| {
        population_line(s, "社会公众（public）").contains("284")
    });
    let public = population_line(&overview, "社会公众（public）");
    assert!(
        public.contains("290") && public.contains("人工剔除 1"),
        "{public}"
    );

    // Quit: status 0, the terminal given back (the alternate screen is gone).
    tmux.keys(&["q"]);
    tmux.wait("wenjuan to exit", |_| status.exists());
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(std::fs::read_to_string(&status).unwrap().trim(), "0");
    assert!(!tmux.screen().contains("1概览"), "{}", tmux.screen());
    let decisions = std::fs::read_to_string(&log).unwrap();
    assert_eq!(decisions.lines().count(), 1, "{decisions}");
    assert!(decisions.contains(r#""row":137"#) && decisions.contains(r#""decision":"exclude""#));
    assert!(decisions.contains("用时22秒，未读题"), "{decisions}");
    // A server of its own for the second run: the first one exits with its last session, and a
    // client that reaches it meanwhile hears "server exited unexpectedly".
    drop(tmux);

    // Again, reading the log back; exclude another, then kill the process without warning.
    let tmux = Tmux::start(100, 30, &command(work.path(), None));
    tmux.wait("the decision read back", |s| {
        population_line(s, "社会公众（public）").contains("284")
    });
    tmux.keys(&["4", "Right", "f", "Down", "x"]);
    tmux.wait_for("剔除第 184 行（序号 184）的原因：");
    tmux.text("用时32秒");
    tmux.keys(&["Enter"]);
    tmux.wait_for("已剔除序号 184");
    let pid = tmux.pane("#{pane_pid}");
    let killed = Command::new("kill").args(["-9", &pid]).status().unwrap();
    assert!(killed.success());
    tmux.wait("the kill", |_| tmux.pane("#{pane_pid}") != pid);
    let decisions = std::fs::read_to_string(&log).unwrap();
    assert_eq!(decisions.lines().count(), 2, "{decisions}");
    assert!(
        decisions.lines().nth(1).unwrap().contains(r#""row":184"#),
        "{decisions}"
    );
}

/// A bare export at 80×24: the first screen holds its figures, whole hints, and Enter on a figure
/// opens its question.
#[test]
fn a_bare_export_opens_on_its_figures() {
    if !tmux_or_skip() {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wjx_text_utf8.csv");
    std::fs::copy(fixture, work.path().join("export.csv")).unwrap();
    let run = format!(
        "cd '{}' && exec env LANG=C.UTF-8 LC_ALL= '{}' tui export.csv",
        work.path().display(),
        env!("CARGO_BIN_EXE_wenjuan")
    );
    let tmux = Tmux::start(80, 24, &run);
    let screen = tmux.wait_for("知晓率（非常了解+了解一些）");
    let awareness = screen
        .lines()
        .find(|l| l.contains("q2 您对本项目的了解程度"))
        .unwrap_or_default();
    assert!(
        awareness.contains("65.00%") && awareness.contains("49.51%–77.87%"),
        "{screen}"
    );
    let hints = screen.lines().rfind(|l| !l.trim().is_empty()).unwrap();
    assert!(
        hints.contains("Enter 查看题目") && hints.ends_with("? 帮助 · q 退出"),
        "{hints}"
    );
    tmux.keys(&["Down", "Enter"]);
    let questions = tmux.wait_for("n = 40 有效回答");
    assert!(questions.contains("题目 2/7"), "{questions}");
    tmux.keys(&["q"]);
    tmux.wait("wenjuan to exit", |_| {
        !tmux.run(&["has-session", "-t", "w"]).status.success()
    });
}

#[test]
fn outside_a_terminal_the_ui_says_what_to_use_instead() {
    for (flag, lang) in [("en", Lang::En), ("zh", Lang::Zh)] {
        let out = Command::new(env!("CARGO_BIN_EXE_wenjuan"))
            .args(["tui", "--lang", flag])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty(), "nothing written to a pipe");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(lang.strings().tui.needs_terminal)
                && stderr.contains("wenjuan summarize"),
            "{stderr}"
        );
        if lang == Lang::En {
            assert!(stderr.contains("needs a terminal"), "{stderr}");
        }
    }
}
