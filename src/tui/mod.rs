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
pub mod keys;
pub mod view;
pub mod widgets;
pub mod worker;

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::load::Inputs;
use crate::study::Study;
use crate::summary::Settings;
use crate::validity::log;
use action::{Action, Effect, Recorded};
use app::App;
use data::Data;
use ratatui::crossterm::event::{self, Event};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};
use worker::Worker;

/// Opens the terminal UI on `inputs`; restores the terminal however it ends.
pub fn run(mut inputs: Inputs, settings: Settings, lang: Lang) -> Result<()> {
    let colors = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let progress = Arc::new(AtomicU64::new(0));
    inputs.read.progress = Some(progress.clone());
    let mut terminal = ratatui::try_init().map_err(|e| Error::io(Path::new("<terminal>"), &e))?;
    let result = event_loop(&mut terminal, inputs, progress, settings, lang, colors);
    ratatui::restore();
    result
}

/// Where to append key-to-figure timings (`WENJUAN_TIMING=path`), for the latency benchmark.
fn timing_file() -> Option<PathBuf> {
    std::env::var_os("WENJUAN_TIMING").map(PathBuf::from)
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
    let (tx, rx) = mpsc::channel::<Action>();
    let total: u64 = all_files(&inputs)
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let first_file = all_files(&inputs)
        .first()
        .map(|f| f.display().to_string())
        .unwrap_or_default();
    {
        let tx = tx.clone();
        std::thread::spawn(move || {
            let loaded = Study::load(&inputs).map(|s| Arc::new(Data::new(s)));
            let _ = tx.send(Action::Loaded(Box::new(loaded)));
        });
    }
    let worker = Worker::start(tx.clone());
    let timing = timing_file();
    // The generation whose first figure is awaited, and when the key that asked for it was
    // pressed; a key whose effect asks for figures later (an exclusion, once logged) waits in
    // `keyed`.
    let mut awaited: Option<(u64, Instant)> = None;
    let mut keyed: Option<Instant> = None;
    let size = terminal
        .size()
        .map_err(|e| Error::io(Path::new("<terminal>"), &e))?;
    app.update(Action::Resize(size.width, size.height));
    loop {
        terminal
            .draw(|f| view::render(&app, f))
            .map_err(|e| Error::io(Path::new("<terminal>"), &e))?;
        if let Some((generation, since)) = awaited
            && app.figures_generation >= generation
        {
            if let Some(path) = &timing
                && let Ok(mut f) = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
            {
                let _ = writeln!(f, "{:.1}", since.elapsed().as_secs_f64() * 1000.0);
            }
            awaited = None;
        }
        if app.quit {
            return Ok(());
        }
        let mut actions = Vec::new();
        if event::poll(Duration::from_millis(40))
            .map_err(|e| Error::io(Path::new("<terminal>"), &e))?
        {
            let pressed = Instant::now();
            match event::read().map_err(|e| Error::io(Path::new("<terminal>"), &e))? {
                Event::Key(key) => {
                    if let Some(a) = keys::dispatch(&app, key) {
                        actions.push((a, Some(pressed)));
                    }
                }
                Event::Resize(w, h) => actions.push((Action::Resize(w, h), None)),
                _ => {}
            }
        }
        while let Ok(a) = rx.try_recv() {
            actions.push((a, None));
        }
        if app.data.is_none() && app.failed.is_none() {
            let done = progress.load(Ordering::Relaxed).min(total);
            actions.push((
                Action::Progress {
                    file: first_file.clone(),
                    done,
                    total,
                },
                None,
            ));
        }
        for (action, pressed) in actions {
            let before = app.generation;
            let effects = app.update(action);
            if let Some(pressed) = pressed.or(keyed) {
                if app.generation != before {
                    awaited = Some((app.generation, pressed));
                    keyed = None;
                } else if effects.iter().any(|e| matches!(e, Effect::Record { .. })) {
                    keyed = Some(pressed);
                }
            }
            for effect in effects {
                run_effect(effect, &worker, &tx);
            }
        }
    }
}

fn all_files(inputs: &Inputs) -> Vec<PathBuf> {
    let mut files = inputs.files.clone();
    if files.is_empty() {
        let surveys = if inputs.surveys.is_empty() {
            std::fs::read_dir(crate::load::EXAMPLE_SURVEYS)
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

/// Carries out one effect: computations go to the worker, decisions are written here and now.
pub fn run_effect(effect: Effect, worker: &Worker, tx: &mpsc::Sender<Action>) {
    match effect {
        Effect::Record { .. } => {
            for action in perform(effect) {
                let _ = tx.send(action);
            }
        }
        _ => worker.submit(effect),
    }
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
        Effect::Record {
            population,
            row,
            file,
            decision,
        } => {
            // Appended and synced before the app hears of it: a decision on screen is on disk.
            let result = log::append(&file, &decision)
                .map(|_| Recorded {
                    population,
                    row,
                    decision,
                })
                .map_err(|e| e.to_string());
            vec![Action::DecisionRecorded(Box::new(result))]
        }
    }
}
