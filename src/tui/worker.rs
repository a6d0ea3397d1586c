//! One background thread for the UI's computations. Jobs queue up while it works; of each kind
//! only the newest is run (an older one would be thrown away on arrival anyway), and the focused
//! figure goes before the rest so the screen answers a key at once.

use super::action::{Action, Effect};
use super::compute::{self, FilterJob, GroupJob, IndicatorJob, Job};
use std::collections::BTreeMap;
use std::sync::mpsc::{self, Receiver, Sender};

pub struct Worker {
    jobs: Sender<Effect>,
}

/// The newest job of each kind, waiting.
#[derive(Default)]
struct Pending {
    /// A filter to work out: before figures, which it makes out of date.
    filter: Option<FilterJob>,
    figures: Option<Job>,
    groups: Option<GroupJob>,
    /// By questionnaire.
    indicators: BTreeMap<usize, IndicatorJob>,
}

impl Pending {
    fn add(&mut self, effect: Effect) {
        match effect {
            Effect::Compute(j) => self.figures = Some(j),
            Effect::ComputeGroups(j) => self.groups = Some(j),
            Effect::ComputeIndicators(j) => {
                self.indicators.insert(j.survey, j);
            }
            Effect::Filter(j) => self.filter = Some(j),
            // Done on the UI's thread, never sent here.
            Effect::Record { .. } | Effect::Export { .. } => {}
        }
    }

    /// Takes every job queued so far without waiting.
    fn drain(&mut self, rx: &Receiver<Effect>) {
        for effect in rx.try_iter() {
            self.add(effect);
        }
    }

    fn is_empty(&self) -> bool {
        self.filter.is_none()
            && self.figures.is_none()
            && self.groups.is_none()
            && self.indicators.is_empty()
    }
}

impl Worker {
    /// Starts the thread; `results` hands each result back to the UI.
    pub fn start(results: impl Fn(Action) + Send + 'static) -> Worker {
        let (jobs, rx) = mpsc::channel::<Effect>();
        std::thread::spawn(move || {
            if let Err(crash) = super::guarded(|| work(&rx, &results)) {
                results(Action::Crashed(crash));
            }
        });
        Worker { jobs }
    }

    pub fn submit(&self, effect: Effect) {
        let _ = self.jobs.send(effect);
    }
}

/// The worker's loop, until the UI hangs up.
fn work(rx: &Receiver<Effect>, results: &impl Fn(Action)) {
    let mut pending = Pending::default();
    loop {
        if pending.is_empty() {
            match rx.recv() {
                Ok(effect) => pending.add(effect),
                Err(_) => return,
            }
        }
        pending.drain(rx);
        if let Some(job) = pending.filter.take() {
            results(Action::Filtered(Box::new(compute::restrict(&job))));
            // The figures asked for before it are out of date once it is applied.
            continue;
        }
        let figures = pending.figures.take();
        if let Some(job) = &figures {
            results(Action::Computed(Box::new(compute::focus(job))));
        }
        if let Some(job) = pending.groups.take() {
            results(Action::GroupsComputed(Box::new(compute::by_group(&job))));
        }
        // A newer figures job makes this one's full run wasted work: start over with it.
        pending.drain(rx);
        if pending.figures.is_some() {
            continue;
        }
        if let Some(job) = &figures {
            results(Action::Computed(Box::new(compute::full(job))));
        }
        pending.drain(rx);
        if pending.figures.is_some() || pending.groups.is_some() {
            continue;
        }
        if let Some((_, job)) = pending.indicators.pop_first() {
            results(Action::IndicatorsComputed(Box::new(compute::indicators(
                &job,
            ))));
        }
    }
}
