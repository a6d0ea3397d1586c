//! The terminal UI: browse every figure, drill into groups, spot-check respondents.
//!
//! Keys → action → `App::update` → effects → render. `update` is the only place state changes;
//! `view::render` is a pure function of the state; the key table in `keys` drives dispatch, the
//! hint bar and the help screen. Loading and recomputing run on worker threads and come back as
//! actions, so the screen never freezes; a decision is written to the review log (and synced)
//! the moment it is confirmed.

pub mod action;
pub mod app;
pub mod compute;
pub mod data;
pub mod filter;
pub mod keys;
pub mod table;
pub mod texts;
pub mod view;
pub mod widgets;
pub mod worker;

use crate::error::{Error, Result};
use crate::figures::Settings;
use crate::figures::study::{Purpose, Study};
use crate::i18n::{self, Arg, Lang, fill};
use crate::model::load::Inputs;
use crate::validity::log;
use action::{Action, Effect, Recorded};
use app::App;
use data::Opened;
use ratatui::crossterm::event::{self, Event};
use std::collections::VecDeque;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};
use worker::Worker;

/// Opens the terminal UI on `inputs`; restores the terminal however it ends.
pub fn run(mut inputs: Inputs, settings: Settings, lang: Lang) -> Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::usage(i18n::Message::new(
            |s| s.tui.needs_terminal,
            Vec::new(),
        )));
    }
    let colors = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let progress = Arc::new(AtomicU64::new(0));
    inputs.read.progress = Some(progress.clone());
    let mut terminal = ratatui::try_init().map_err(|e| {
        ratatui::restore();
        terminal_error(e)
    })?;
    let result = event_loop(&mut terminal, inputs, progress, settings, lang, colors);
    ratatui::restore();
    result
}

/// Where to append key-to-figure timings (`WENJUAN_TIMING=path`), for the latency benchmark.
fn timing_file() -> Option<PathBuf> {
    std::env::var_os("WENJUAN_TIMING").map(PathBuf::from)
}

/// What wakes the loop: a terminal event (with when it was read) or an action from a worker.
enum Message {
    Terminal(Event, Instant),
    TerminalFailed(std::io::Error),
    Action(Action),
}

fn terminal_error(e: std::io::Error) -> Error {
    Error::io(Path::new("<terminal>"), &e)
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    inputs: Inputs,
    progress: Arc<AtomicU64>,
    settings: Settings,
    lang: Lang,
    colors: bool,
) -> Result<()> {
    let mut app = App::new(lang, colors, settings);
    // The loop keeps a sender itself, so the channel never closes under it.
    let (tx, rx) = mpsc::channel::<Message>();
    let reading = Reading::new(&inputs, progress, lang);
    load(inputs, tx.clone());
    read_terminal(tx.clone());
    let worker = {
        let tx = tx.clone();
        Worker::start(move |action| {
            let _ = tx.send(Message::Action(action));
        })
    };
    let mut latency = Latency::new(timing_file());
    let size = terminal.size().map_err(terminal_error)?;
    app.update(Action::Resize(size.width, size.height));
    loop {
        terminal
            .draw(|f| view::render(&app, f))
            .map_err(terminal_error)?;
        latency.drawn(&app);
        if app.quit {
            return match &app.crashed {
                Some(m) => Err(Error::input(i18n::Message::new(
                    |s| s.tui.internal_error,
                    vec![Arg::Text(m.clone())],
                ))),
                None => Ok(()),
            };
        }
        // While loading, wake now and then to show progress; otherwise sleep until news.
        let loading = app.data.is_none() && app.failed.is_none();
        let first = if loading {
            rx.recv_timeout(Duration::from_millis(100)).ok()
        } else {
            rx.recv().ok()
        };
        let mut actions = actions(&app, first.into_iter().chain(rx.try_iter()))?;
        if loading {
            actions.push_back((reading.progress(), None));
        }
        apply(&mut app, actions, &mut latency, &worker);
    }
}

/// Reads and opens the study on a thread of its own; the result (or its panic) comes back as an
/// action.
fn load(inputs: Inputs, tx: mpsc::Sender<Message>) {
    std::thread::spawn(move || {
        let loaded = guarded(|| Study::load(&inputs, Purpose::Figures).map(Opened::new));
        let action = match loaded {
            Ok(loaded) => Action::Loaded(Box::new(loaded)),
            Err(crash) => Action::Crashed(crash),
        };
        let _ = tx.send(Message::Action(action));
    });
}

/// Terminal events arrive on their own thread, so the loop sleeps until either a key or a result
/// comes in and answers both at once (no polling interval between a figure and the screen).
fn read_terminal(tx: mpsc::Sender<Message>) {
    std::thread::spawn(move || {
        loop {
            let message = match event::read() {
                Ok(event) => Message::Terminal(event, Instant::now()),
                Err(e) => Message::TerminalFailed(e),
            };
            let failed = matches!(message, Message::TerminalFailed(_));
            if tx.send(message).is_err() || failed {
                return;
            }
        }
    });
}

/// An action, with when its key was pressed (for the latency benchmark).
type Queued = (Action, Option<Instant>);

/// What the messages that came in mean: keys through the key table (against the state they were
/// pressed in), resizes, and workers' results, in order.
fn actions(app: &App, messages: impl Iterator<Item = Message>) -> Result<VecDeque<Queued>> {
    let mut actions = VecDeque::new();
    for message in messages {
        match message {
            Message::Terminal(Event::Key(key), pressed) => {
                if let Some(a) = keys::dispatch(app, key) {
                    actions.push_back((a, Some(pressed)));
                }
            }
            Message::Terminal(Event::Resize(w, h), _) => {
                actions.push_back((Action::Resize(w, h), None))
            }
            Message::Terminal(..) => {}
            Message::TerminalFailed(e) => return Err(terminal_error(e)),
            Message::Action(a) => actions.push_back((a, None)),
        }
    }
    Ok(actions)
}

/// Applies the actions in turn: slow work goes to the worker, a decision is recorded here and now.
fn apply(app: &mut App, mut actions: VecDeque<Queued>, latency: &mut Latency, worker: &Worker) {
    while let Some((action, pressed)) = actions.pop_front() {
        let before = app.generation;
        let effects = app.update(action);
        latency.applied(app, before, pressed, &effects);
        for effect in effects {
            match effect {
                // Written and synced here and now, and applied before any key pressed
                // meanwhile: a decision on screen is on disk, and the next key sees it.
                Effect::Record { .. } | Effect::Export { .. } => {
                    for action in perform(effect).into_iter().rev() {
                        actions.push_front((action, None));
                    }
                }
                _ => worker.submit(effect),
            }
        }
    }
}

/// How far reading the exports has got, as the loading screen shows it.
struct Reading {
    /// The file being read, or how many.
    file: String,
    /// Bytes read so far, counted by the reader.
    done: Arc<AtomicU64>,
    /// Bytes in all the files.
    total: u64,
}

impl Reading {
    fn new(inputs: &Inputs, done: Arc<AtomicU64>, lang: Lang) -> Reading {
        let files = all_files(inputs);
        let total = files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        let file = match files.as_slice() {
            [one] => one.display().to_string(),
            many => fill(lang.strings().tui.files, &[&many.len().to_string()]),
        };
        Reading { file, done, total }
    }

    fn progress(&self) -> Action {
        Action::Progress {
            file: self.file.clone(),
            done: self.done.load(Ordering::Relaxed).min(self.total),
            total: self.total,
        }
    }
}

/// Key to the focused figure drawn, and key to every figure in: the latency benchmark, written to
/// `WENJUAN_TIMING` when set.
struct Latency {
    file: Option<PathBuf>,
    /// The generation whose figures are awaited, when the key that asked for them was pressed,
    /// and how long the focused figure took.
    awaited: Option<(u64, Instant, Option<f64>)>,
    /// A key whose effect asks for figures later (an exclusion, once logged).
    keyed: Option<Instant>,
}

impl Latency {
    fn new(file: Option<PathBuf>) -> Latency {
        Latency {
            file,
            awaited: None,
            keyed: None,
        }
    }

    /// After an action: a key that asked for new figures starts the clock.
    fn applied(&mut self, app: &App, before: u64, pressed: Option<Instant>, effects: &[Effect]) {
        let Some(pressed) = pressed.or(self.keyed) else {
            return;
        };
        if app.generation != before {
            self.awaited = Some((app.generation, pressed, None));
            self.keyed = None;
        } else if effects.iter().any(|e| matches!(e, Effect::Record { .. })) {
            self.keyed = Some(pressed);
        }
    }

    /// After a frame is drawn: the first frame with the awaited figures, and the first with all
    /// of them, stop the two clocks.
    fn drawn(&mut self, app: &App) {
        let Some((generation, since, first)) = &mut self.awaited else {
            return;
        };
        if app.figures_generation < *generation {
            return;
        }
        let ms = since.elapsed().as_secs_f64() * 1000.0;
        let first = *first.get_or_insert(ms);
        if app.busy {
            return;
        }
        if let Some(path) = &self.file
            && let Ok(mut f) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
        {
            let _ = writeln!(f, "{first:.1} {ms:.1}");
        }
        self.awaited = None;
    }
}

/// Runs `work`, turning a panic into its message (the panic hook has already restored the
/// terminal by then).
pub fn guarded<T>(work: impl FnOnce() -> T) -> std::result::Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a computation panicked".to_string())
    })
}

fn all_files(inputs: &Inputs) -> Vec<PathBuf> {
    let mut files = inputs.files.clone();
    if files.is_empty() {
        let surveys = if inputs.surveys.is_empty() {
            std::fs::read_dir(crate::model::load::EXAMPLE_SURVEYS)
                .map(|d| {
                    d.filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                        .collect()
                })
                .unwrap_or_default()
        } else {
            inputs.surveys.clone()
        };
        for s in surveys {
            if let Ok(def) = crate::survey::definition::load(&s) {
                files.extend(def.populations.into_iter().flat_map(|p| p.files));
            }
        }
    }
    files
}

/// Carries out one effect on this thread and returns the actions it results in, in the order the
/// worker would send them. Tests drive the app with this; the real loop records decisions with it.
pub fn perform(effect: Effect) -> Vec<Action> {
    match effect {
        Effect::Compute(job) => vec![
            Action::Computed(Box::new(compute::focus(&job))),
            Action::Computed(Box::new(compute::full(&job))),
        ],
        Effect::ComputeGroups(job) => {
            vec![Action::GroupsComputed(Box::new(compute::by_group(&job)))]
        }
        Effect::ComputeIndicators(job) => {
            vec![Action::IndicatorsComputed(Box::new(compute::indicators(
                &job,
            )))]
        }
        Effect::Filter(job) => vec![Action::Filtered(Box::new(compute::restrict(&job)))],
        Effect::Export {
            path,
            bytes,
            rows,
            protected,
        } => {
            // Never over a file the study reads; all or nothing.
            let result = protected
                .check(&path)
                .and_then(|_| crate::output::write_atomic(&path, &bytes))
                .map(|_| (rows, path));
            vec![Action::Exported(Box::new(result))]
        }
        Effect::Record {
            population,
            row,
            file,
            decision,
        } => {
            // Appended and synced before the app hears of it: a decision on screen is on disk.
            let result = log::append(&file, &decision).map(|_| Recorded {
                population,
                row,
                decision,
            });
            vec![Action::DecisionRecorded(Box::new(result))]
        }
    }
}
