//! The terminal UI's state, and `update`: the one function that changes it, from an action to the
//! effects the runner must carry out. Rendering reads this state and writes nothing back.

use super::action::{Action, Cmd, Effect, Entry, EntryKind, Prompt, Recorded, View};
use super::compute::{Computed, GroupJob, GroupsComputed, IndicatorJob, IndicatorsComputed, Job};
use super::data::{Data, Opened};
use super::keys::key_of;
use super::table::Sort;
use super::texts::Texts;
use crate::error::Error;
use crate::figures::Settings;
use crate::figures::indicators::IndicatorTable;
use crate::figures::summary::{PopulationSummary, QuestionSummary};
use crate::i18n::{Lang, fill};
use crate::model::filter::Filter as Where;
use crate::stats::{CiMethod, Confidence};
use crate::validity::log::{self, Decision, Verdict};
use crate::validity::{Accounting, Review};
use std::sync::Arc;

/// Which responses the respondents table lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Flagged,
    Excluded,
}

/// How the status line shows a message: news, a decision done, or a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Done,
    Problem,
}

/// One question's figures, computed ahead of the rest of its population's.
pub(super) struct Focus {
    generation: u64,
    population: usize,
    question: usize,
    figures: QuestionSummary,
}

/// The confidence levels `c` cycles through.
const LEVELS: [f64; 3] = [0.90, 0.95, 0.99];

/// How far reading the exports has got: the file being read, bytes read of its size.
pub(super) struct Loading {
    pub(super) file: String,
    pub(super) done: u64,
    pub(super) total: u64,
}

/// The whole state of the terminal UI. Its fields are the TUI's own: the screens read them, and
/// only `update` changes them; outside the TUI (tests included) the state is read through the
/// accessors below and changed only by actions.
pub struct App {
    pub(super) lang: Lang,
    /// False under `NO_COLOR`: only bold, reverse and underline are used.
    pub(super) colors: bool,
    pub(super) view: View,
    /// The view Help or Esc returns to.
    pub(super) previous: View,
    pub(super) data: Option<Arc<Data>>,
    /// Per questionnaire, per population: the review with the evaluator's decisions so far.
    pub(super) reviews: Vec<Vec<Arc<Review>>>,
    pub(super) settings: Settings,
    pub(super) population: usize,
    /// Index into `Data::questions(population)`.
    pub(super) question: usize,
    /// Per population: every figure, once computed.
    pub(super) summaries: Vec<Option<PopulationSummary>>,
    /// Per population: the accounting, as soon as it is known.
    pub(super) accounting: Vec<Option<Accounting>>,
    /// The focused question computed ahead of the rest.
    pub(super) focus: Option<Focus>,
    /// Per questionnaire: its indicators (or why they could not be evaluated), once evaluated.
    pub(super) indicators: Vec<Option<Result<IndicatorTable, Error>>>,
    /// Per questionnaire: the latest indicator evaluation asked for, and the one shown; they
    /// differ while a newer one is computing.
    pub(super) indicators_asked: Vec<u64>,
    pub(super) indicators_shown: Vec<u64>,
    /// Index into `Data::groupings(population)`.
    pub(super) grouping: usize,
    pub(super) groups: Option<GroupsComputed>,
    pub(super) filter: Filter,
    /// Population rows the respondents table lists (under the filter).
    pub(super) listed: Vec<usize>,
    /// Index into `listed`.
    pub(super) selected: usize,
    /// The response whose answers are open.
    pub(super) detail: bool,
    /// Lines scrolled off the top of an open response, and of help.
    pub(super) scroll: usize,
    pub(super) help_scroll: usize,
    pub(super) prompt: Option<Prompt>,
    /// The search being typed, or the last one (for `n`).
    pub(super) search: Option<String>,
    pub(super) searching: bool,
    pub(super) status: Option<(String, Tone)>,
    pub(super) loading: Option<Loading>,
    /// Why the data could not be opened, in the UI's language.
    pub(super) failed: Option<String>,
    /// Bumped with every recomputation of figures; results of older ones are ignored.
    pub(super) generation: u64,
    /// Bumped with every request for the groups view; results of older ones are ignored.
    pub(super) groups_asked: u64,
    /// The generation of the figures last received.
    pub(super) figures_generation: u64,
    pub(super) busy: bool,
    pub(super) size: (u16, u16),
    pub(super) quit: bool,
    /// Why the UI stopped, when a worker panicked.
    pub(super) crashed: Option<String>,
    /// The written answers of a free-text question, once opened (kept, with its search and
    /// place, while a respondent is open from it or another view is shown).
    pub(super) texts: Option<Texts>,
    // ── Filter, sort and export (issue 13) ──
    /// The filter prompt or the export prompt, while one is open.
    pub(super) entry: Option<Entry>,
    /// The conditions every figure is restricted to (applied to the reviews), if any.
    pub(super) where_filter: Option<Where>,
    /// The questionnaire the filter is of (its question ids are that questionnaire's).
    pub(super) where_survey: usize,
    /// Bumped with every filter asked for (or lifted); results of older ones are ignored.
    pub(super) filter_asked: u64,
    /// The order of the levels and groups tables.
    pub(super) sort: Sort,
}

impl App {
    pub fn new(lang: Lang, colors: bool, settings: Settings) -> App {
        App {
            lang,
            colors,
            view: View::Overview,
            previous: View::Overview,
            data: None,
            reviews: Vec::new(),
            settings,
            population: 0,
            question: 0,
            summaries: Vec::new(),
            accounting: Vec::new(),
            focus: None,
            indicators: Vec::new(),
            indicators_asked: Vec::new(),
            indicators_shown: Vec::new(),
            grouping: 0,
            groups: None,
            filter: Filter::All,
            listed: Vec::new(),
            selected: 0,
            detail: false,
            scroll: 0,
            help_scroll: 0,
            prompt: None,
            search: None,
            searching: false,
            status: None,
            loading: None,
            failed: None,
            generation: 0,
            groups_asked: 0,
            figures_generation: 0,
            busy: false,
            size: (80, 24),
            quit: false,
            crashed: None,
            texts: None,
            entry: None,
            where_filter: None,
            where_survey: 0,
            filter_asked: 0,
            sort: Sort::Natural,
        }
    }

    /// The view on screen.
    pub fn view(&self) -> View {
        self.view
    }

    /// The study, once it is open.
    pub fn data(&self) -> Option<&Data> {
        self.data.as_deref()
    }

    /// The population on screen, an index into `Data::populations`.
    pub fn population(&self) -> usize {
        self.population
    }

    /// The selected question, an index into `Data::questions(population)`.
    pub fn question(&self) -> usize {
        self.question
    }

    /// The population rows the respondents table lists under its filter.
    pub fn listed(&self) -> &[usize] {
        &self.listed
    }

    /// Whether the selected response's answers are open (from the respondents or the answers
    /// view).
    pub fn response_open(&self) -> bool {
        match self.view {
            View::Texts => self.texts.as_ref().is_some_and(|t| t.open.is_some()),
            _ => self.detail,
        }
    }

    /// The written answers of the free-text question last opened.
    pub fn texts(&self) -> Option<&Texts> {
        self.texts.as_ref()
    }

    /// The reason prompt, while one is open.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    /// Every figure of a population, once computed under the current settings and decisions.
    pub fn summary(&self, population: usize) -> Option<&PopulationSummary> {
        self.summaries.get(population)?.as_ref()
    }

    /// The generation of figures asked for last; results of older ones are ignored.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether figures are being computed.
    pub fn busy(&self) -> bool {
        self.busy
    }

    /// Whether the UI is to close.
    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// Why the UI stopped, when work off its thread panicked.
    pub fn crashed(&self) -> Option<&str> {
        self.crashed.as_deref()
    }

    /// Keys are text, not commands, while a prompt or the search line is open.
    pub fn typing(&self) -> bool {
        self.prompt.is_some() || self.entry.is_some() || self.searching
    }

    /// The filter prompt or the export prompt, while one is open.
    pub fn entry(&self) -> Option<&Entry> {
        self.entry.as_ref()
    }

    /// The conditions the figures on screen are restricted to, as written, joined by 且 (or
    /// "and"); `None` when the population on screen is not filtered.
    pub fn filter_written(&self) -> Option<String> {
        let and = self.lang.strings().tui.filter_and;
        let here = self
            .review(self.population)
            .is_some_and(|r| r.is_filtered());
        self.where_filter
            .as_ref()
            .filter(|_| here)
            .map(|f| f.written(and))
    }

    /// The conditions set with the filter prompt, whichever population they apply to.
    pub fn filter_set(&self) -> Option<String> {
        let and = self.lang.strings().tui.filter_and;
        self.where_filter.as_ref().map(|f| f.written(and))
    }

    /// The order of the levels and groups tables.
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// The status line's message, if any.
    pub fn status(&self) -> Option<&str> {
        self.status.as_ref().map(|(m, _)| m.as_str())
    }

    /// The figures of the selected question, from the full summary or the focused result;
    /// `None` while they are being computed (never figures from before a change).
    pub fn question_figures(&self) -> Option<&QuestionSummary> {
        if let Some(s) = self.summaries.get(self.population).and_then(|s| s.as_ref()) {
            return s.questions.get(self.question);
        }
        self.focus
            .as_ref()
            .filter(|f| {
                f.generation == self.generation
                    && f.population == self.population
                    && f.question == self.question
            })
            .map(|f| &f.figures)
    }

    /// The groups view's figures, when they are those of the question, grouping and decisions on
    /// screen.
    pub fn current_groups(&self) -> Option<&GroupsComputed> {
        self.groups.as_ref().filter(|g| {
            g.generation == self.groups_asked
                && g.population == self.population
                && g.question == self.question
                && self.grouping_key().as_deref() == Some(g.by.as_str())
        })
    }

    pub fn review(&self, population: usize) -> Option<&Arc<Review>> {
        let p = self.data.as_ref()?.populations.get(population)?;
        self.reviews.get(p.survey)?.get(p.dataset)
    }

    /// The population row selected in the respondents table.
    pub fn selected_row(&self) -> Option<usize> {
        self.listed.get(self.selected).copied()
    }

    pub fn grouping_key(&self) -> Option<String> {
        self.data
            .as_ref()?
            .groupings(self.population)
            .get(self.grouping)
            .cloned()
    }

    pub(super) fn say(&mut self, message: String, tone: Tone) {
        self.status = Some((message, tone));
    }

    /// Rows per page of the long lists, from the terminal height (less the header, hint bar,
    /// borders and a table heading).
    pub(super) fn page(&self) -> usize {
        usize::from(self.size.1.saturating_sub(6)).max(1)
    }

    /// Counts the population's responses under the decisions so far (quick: one pass over a
    /// status byte per response).
    pub(super) fn account(&mut self, population: usize) {
        let Some(data) = &self.data else { return };
        let rows = data.dataset(population).rows;
        let accounting = self.review(population).map(|r| r.accounting(0..rows));
        if let Some(slot) = self.accounting.get_mut(population) {
            *slot = accounting;
        }
    }

    /// Evaluate the indicators of these questionnaires again.
    pub(super) fn reevaluate(&mut self, surveys: impl IntoIterator<Item = usize>) -> Vec<Effect> {
        let Some(data) = self.data.clone() else {
            return Vec::new();
        };
        let mut effects = Vec::new();
        for survey in surveys {
            let loaded = &data.surveys[survey];
            if loaded.survey.indicators.is_empty() {
                let empty = crate::figures::indicators::table(
                    &loaded.survey.title,
                    Vec::new(),
                    &loaded.survey.grading,
                );
                self.indicators[survey] = Some(Ok(empty));
                continue;
            }
            self.indicators_asked[survey] += 1;
            effects.push(Effect::ComputeIndicators(IndicatorJob {
                data: data.clone(),
                generation: self.indicators_asked[survey],
                survey,
                settings: self.settings,
                reviews: self.reviews[survey].clone(),
            }));
        }
        effects
    }

    /// Whether the indicators shown for a questionnaire are being evaluated again.
    pub fn indicators_stale(&self, survey: usize) -> bool {
        self.indicators_asked.get(survey) != self.indicators_shown.get(survey)
    }

    /// Recompute the current population's figures (and the groups view, when shown).
    pub(super) fn recompute(&mut self) -> Vec<Effect> {
        let Some(data) = &self.data else {
            return Vec::new();
        };
        self.generation += 1;
        self.busy = true;
        // Groups computed before this change are out of date too.
        self.groups = None;
        let p = data.populations[self.population];
        let mut effects = vec![Effect::Compute(Job {
            data: data.clone(),
            generation: self.generation,
            population: self.population,
            focus: Some(self.question),
            settings: self.settings,
            reviews: self.reviews[p.survey].clone(),
        })];
        effects.extend(self.group_effect());
        effects
    }

    fn group_effect(&mut self) -> Option<Effect> {
        if self.view != View::Groups {
            return None;
        }
        let by = self.grouping_key()?;
        let review = self.review(self.population)?.clone();
        self.groups_asked += 1;
        Some(Effect::ComputeGroups(GroupJob {
            data: self.data.clone()?,
            generation: self.groups_asked,
            population: self.population,
            question: self.question,
            by,
            settings: self.settings,
            review,
        }))
    }

    /// Rebuilds the respondents list under the filter.
    pub(super) fn relist(&mut self) {
        let Some(data) = &self.data else { return };
        let rows = data.dataset(self.population).rows;
        let Some(review) = self.review(self.population) else {
            return;
        };
        // Under a filter, only the responses meeting it are listed.
        self.listed = match self.filter {
            Filter::All => (0..rows).filter(|&r| review.is_within(r)).collect(),
            Filter::Excluded => (0..rows)
                .filter(|&r| review.is_within(r) && review.excluded_by(r).is_some())
                .collect(),
            Filter::Flagged => {
                let mut rows: Vec<usize> = review
                    .findings
                    .iter()
                    .map(|f| f.row)
                    .filter(|&r| review.is_valid(r))
                    .collect();
                rows.dedup();
                rows
            }
        };
        self.selected = self.selected.min(self.listed.len().saturating_sub(1));
    }

    /// At most how many lines the open response takes on screen, wrapping included: it may be
    /// scrolled until its last line is at the top.
    pub(super) fn response_lines(&self, row: usize) -> usize {
        let (Some(data), Some(review)) = (&self.data, self.review(self.population)) else {
            return 0;
        };
        let dataset = data.dataset(self.population);
        let survey = data.survey(self.population);
        // Answers start at most half-way across; a line wraps every `cols` columns after that.
        let cols = usize::from(self.size.0 / 2).max(1);
        let wrapped = |text: &str| 1 + super::widgets::width(text) / cols;
        let answers: usize = data
            .questions(self.population)
            .iter()
            .filter_map(|&(qi, _)| dataset.answers[qi].as_ref())
            .map(|a| wrapped(&a.get(row).text))
            .sum();
        let findings: usize = review
            .findings_for(row)
            .iter()
            .map(|f| wrapped(&f.describe(survey, dataset, self.lang)) + 1)
            .sum();
        let decision = review
            .decisions
            .get(&row)
            .map_or(0, |d| 2 + wrapped(&d.reason));
        // Meta lines, the findings and answers headings.
        answers + findings + decision + 5
    }

    fn move_selection(&mut self, delta: isize) -> Vec<Effect> {
        if self.view == View::Help {
            // Scroll until the last key is in sight (a page shows about `page()` of them).
            let max = super::keys::BINDINGS.len().saturating_sub(self.page()) as isize;
            self.help_scroll = (self.help_scroll as isize)
                .saturating_add(delta)
                .clamp(0, max) as usize;
            return Vec::new();
        }
        if self.view == View::Texts {
            return self.move_in_texts(delta, false);
        }
        if self.view == View::Respondents
            && self.detail
            && let Some(row) = self.selected_row()
        {
            let max = self.response_lines(row).saturating_sub(1) as isize;
            self.scroll = (self.scroll as isize)
                .saturating_add(delta)
                .clamp(0, max.max(0)) as usize;
            return Vec::new();
        }
        let len = match self.view {
            View::Overview | View::Questions | View::Groups => self
                .data
                .as_ref()
                .map_or(0, |d| d.questions(self.population).len()),
            View::Respondents if !self.detail => self.listed.len(),
            _ => 0,
        };
        if len == 0 {
            return Vec::new();
        }
        let clamp = |i: isize| i.clamp(0, len as isize - 1) as usize;
        match self.view {
            // The overview's headline figures are the questions' too: one selection for all three.
            View::Overview | View::Questions | View::Groups => {
                let next = clamp(self.question as isize + delta);
                if next != self.question {
                    self.question = next;
                    self.groups = None;
                    // The focused figure is in the summary already, unless it is still computing.
                    if self
                        .summaries
                        .get(self.population)
                        .is_some_and(|s| s.is_some())
                    {
                        return self.group_effect().into_iter().collect();
                    }
                    return self.recompute();
                }
            }
            View::Respondents => self.selected = clamp(self.selected as isize + delta),
            _ => {}
        }
        Vec::new()
    }

    fn switch_population(&mut self, population: usize) -> Vec<Effect> {
        if population == self.population {
            return Vec::new();
        }
        self.population = population;
        self.question = 0;
        self.grouping = 0;
        self.groups = None;
        self.selected = 0;
        self.detail = false;
        self.relist();
        if self.summaries[population].is_some() {
            return self.group_effect().into_iter().collect();
        }
        self.recompute()
    }

    /// Applies an action; the returned effects are the runner's to carry out.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Cmd(cmd) => self.command(cmd),
            Action::Input(c) => {
                self.type_char(c);
                Vec::new()
            }
            Action::Backspace => {
                self.erase();
                Vec::new()
            }
            Action::Submit => self.submit(),
            Action::Resize(w, h) => {
                self.size = (w, h);
                Vec::new()
            }
            Action::Progress { file, done, total } => {
                self.loading = Some(Loading { file, done, total });
                Vec::new()
            }
            Action::Loaded(result) => match *result {
                Ok(opened) => self.opened(opened),
                Err(e) => {
                    self.loading = None;
                    self.failed = Some(e.render(self.lang));
                    Vec::new()
                }
            },
            Action::Crashed(message) => {
                self.crashed = Some(message);
                self.quit = true;
                Vec::new()
            }
            Action::Computed(c) => {
                self.computed(*c);
                Vec::new()
            }
            Action::IndicatorsComputed(i) => {
                self.indicators_computed(*i);
                Vec::new()
            }
            Action::GroupsComputed(g) => {
                if g.generation == self.groups_asked {
                    self.groups = Some(*g);
                }
                Vec::new()
            }
            Action::Filtered(f) => self.filtered(*f),
            Action::Exported(result) => {
                self.exported(*result);
                Vec::new()
            }
            Action::DecisionRecorded(result) => match *result {
                Ok(recorded) => self.recorded(recorded),
                Err(e) => {
                    self.say(e.render(self.lang), Tone::Problem);
                    Vec::new()
                }
            },
        }
    }

    /// A character typed into the open prompt or search line.
    fn type_char(&mut self, c: char) {
        if let Some(p) = &mut self.prompt {
            if !c.is_control() {
                p.input.push(c);
            }
        } else if let Some(e) = &mut self.entry {
            if !c.is_control() {
                e.input.push(c);
            }
        } else if self.searching && self.view == View::Texts {
            let query = self.texts.as_ref().map(|t| format!("{}{c}", t.query));
            self.search_texts(query.unwrap_or_default());
        } else if self.searching {
            self.search.get_or_insert_with(String::new).push(c);
        }
    }

    fn erase(&mut self) {
        if let Some(p) = &mut self.prompt {
            p.input.pop();
        } else if let Some(e) = &mut self.entry {
            e.input.pop();
        } else if self.searching && self.view == View::Texts {
            let mut query = self
                .texts
                .as_ref()
                .map(|t| t.query.clone())
                .unwrap_or_default();
            query.pop();
            self.search_texts(query);
        } else if self.searching
            && let Some(s) = &mut self.search
        {
            s.pop();
        }
    }

    /// The study is open: count every population, list the first, and ask for its figures and
    /// every questionnaire's indicators.
    fn opened(&mut self, opened: Opened) -> Vec<Effect> {
        let Opened {
            data,
            reviews,
            warnings,
        } = opened;
        let populations = data.populations.len();
        let surveys = data.surveys.len();
        self.reviews = reviews;
        self.summaries = vec![None; populations];
        self.accounting = vec![None; populations];
        self.indicators = vec![None; surveys];
        self.indicators_asked = vec![0; surveys];
        self.indicators_shown = vec![0; surveys];
        self.data = Some(data);
        self.loading = None;
        self.population = 0;
        for p in 0..populations {
            self.account(p);
        }
        self.relist();
        self.warn(&warnings);
        let mut effects = self.recompute();
        effects.extend(self.reevaluate(0..surveys));
        effects
    }

    /// The first thing a person should know about the inputs (unknown labels, unreadable review
    /// log lines), and how many more `wenjuan check` lists.
    fn warn(&mut self, warnings: &[crate::i18n::Message]) {
        let Some(first) = warnings.first() else {
            return;
        };
        let mut message = crate::text::visible(&first.render(self.lang)).into_owned();
        if warnings.len() > 1 {
            let more = warnings.len() - 1;
            message.push_str(&fill(
                self.lang.strings().tui.more_warnings,
                &[&more.to_string()],
            ));
        }
        self.say(message, Tone::Problem);
    }

    fn indicators_computed(&mut self, i: IndicatorsComputed) {
        if self.indicators_asked.get(i.survey) == Some(&i.generation) {
            self.indicators_shown[i.survey] = i.generation;
            self.indicators[i.survey] = Some(i.results);
        }
    }

    /// A decision is on disk: apply it to the review, say so, and recompute what it changes.
    fn recorded(&mut self, recorded: Recorded) -> Vec<Effect> {
        let Recorded {
            population,
            row,
            decision,
        } = recorded;
        let s = &self.lang.strings().tui;
        let Some(data) = self.data.clone() else {
            return Vec::new();
        };
        let p = data.populations[population];
        let review = Arc::make_mut(&mut self.reviews[p.survey][p.dataset]);
        let verdict = decision.decision;
        let respondent = decision.respondent.clone();
        review.apply(row, decision);
        let template = if verdict == Verdict::Exclude {
            s.excluded_done
        } else {
            s.included_done
        };
        self.say(fill(template, &[&respondent]), Tone::Done);
        self.account(population);
        self.relist();
        // The response left the filtered list: show the list, not its neighbour.
        if self.selected_row() != Some(row) {
            self.detail = false;
        }
        self.relist_texts();
        // Figures of other populations do not change; the questionnaire's indicators may.
        self.summaries[population] = None;
        let mut effects = if population == self.population {
            self.recompute()
        } else {
            Vec::new()
        };
        effects.extend(self.reevaluate([p.survey]));
        effects
    }

    fn computed(&mut self, c: Computed) {
        if c.generation != self.generation {
            return;
        }
        self.figures_generation = c.generation;
        if let Some((question, figures)) = c.focus {
            self.focus = Some(Focus {
                generation: c.generation,
                population: c.population,
                question,
                figures,
            });
        }
        if let Some(summary) = c.summary {
            self.busy = false;
            match summary {
                Ok(s) => self.summaries[c.population] = Some(s),
                Err(e) => self.say(e.render(self.lang), Tone::Problem),
            }
        }
    }

    /// What a key asks for. Until the data is open, only help, back and quit do anything.
    fn command(&mut self, cmd: Cmd) -> Vec<Effect> {
        if self.data.is_none() && !matches!(cmd, Cmd::Quit | Cmd::Help | Cmd::Back) {
            return Vec::new();
        }
        match cmd {
            Cmd::Quit => {
                self.quit = true;
                Vec::new()
            }
            Cmd::Show(view) => self.show(view),
            Cmd::NextView => self.step_view(true),
            Cmd::PrevView => self.step_view(false),
            Cmd::Help => self.toggle_help(),
            Cmd::Back => self.back(),
            Cmd::Up => self.move_selection(-1),
            Cmd::Down => self.move_selection(1),
            Cmd::PageUp if self.view == View::Texts => self.move_in_texts(-1, true),
            Cmd::PageDown if self.view == View::Texts => self.move_in_texts(1, true),
            Cmd::PageUp => self.move_selection(-(self.page() as isize)),
            Cmd::PageDown => self.move_selection(self.page() as isize),
            Cmd::Home => self.move_selection(isize::MIN / 2),
            Cmd::End => self.move_selection(isize::MAX / 2),
            Cmd::NextPopulation => self.step_population(true),
            Cmd::PrevPopulation => self.step_population(false),
            Cmd::CycleMethod => self.cycle_method(),
            Cmd::CycleConfidence => self.cycle_confidence(),
            Cmd::ToggleWeights => self.toggle_weights(),
            Cmd::CycleGrouping => self.cycle_grouping(),
            Cmd::CycleFilter => self.cycle_filter(),
            Cmd::Open => self.toggle_response(),
            Cmd::Exclude => self.ask_reason(Verdict::Exclude),
            Cmd::Include => self.ask_reason(Verdict::Include),
            Cmd::Search => self.start_search(),
            Cmd::NextMatch => self.find_next(),
            Cmd::ReadAnswers => self.read_answers(),
            Cmd::Where => self.open_entry(EntryKind::Where),
            Cmd::ClearWhere => self.clear_where(),
            Cmd::CycleSort => self.cycle_sort(),
            Cmd::Export => self.open_entry(EntryKind::Export),
        }
    }

    /// The next (or previous) of the four main views, wrapping.
    fn step_view(&mut self, forward: bool) -> Vec<Effect> {
        let order = [
            View::Overview,
            View::Questions,
            View::Groups,
            View::Respondents,
        ];
        // The answers view belongs to the questions view.
        let from = if self.view == View::Texts {
            View::Questions
        } else {
            self.view
        };
        let at = order.iter().position(|v| *v == from).unwrap_or(0);
        let next = if forward {
            (at + 1) % order.len()
        } else {
            (at + order.len() - 1) % order.len()
        };
        self.show(order[next])
    }

    fn toggle_help(&mut self) -> Vec<Effect> {
        if self.view == View::Help {
            self.view = self.previous;
        } else {
            self.previous = self.view;
            self.view = View::Help;
            self.help_scroll = 0;
        }
        Vec::new()
    }

    /// Esc closes what is open, innermost first (prompt or search, help, an open response, the
    /// status line), and quits from the overview.
    fn back(&mut self) -> Vec<Effect> {
        if self.view == View::Texts && self.prompt.is_none() && self.entry.is_none() {
            return self.back_in_texts();
        }
        if self.prompt.take().is_some()
            || self.entry.take().is_some()
            || std::mem::take(&mut self.searching)
        {
            return Vec::new();
        }
        if self.view == View::Help {
            self.view = self.previous;
        } else if self.detail {
            self.detail = false;
        } else if self.status.take().is_none() && self.view == View::Overview {
            self.quit = true;
        }
        Vec::new()
    }

    fn step_population(&mut self, forward: bool) -> Vec<Effect> {
        let n = self.data.as_ref().map_or(1, |d| d.populations.len()).max(1);
        let next = if forward {
            (self.population + 1) % n
        } else {
            (self.population + n - 1) % n
        };
        self.switch_population(next)
    }

    fn cycle_method(&mut self) -> Vec<Effect> {
        let all = CiMethod::ALL;
        let at = all
            .iter()
            .position(|m| *m == self.settings.method)
            .unwrap_or(0);
        self.settings.method = all[(at + 1) % all.len()];
        self.after_settings()
    }

    fn cycle_confidence(&mut self) -> Vec<Effect> {
        let at = LEVELS
            .iter()
            .position(|l| (l - self.settings.conf.level()).abs() < 1e-9);
        let next = LEVELS[at.map_or(1, |i| (i + 1) % LEVELS.len())];
        if let Ok(conf) = Confidence::new(next) {
            self.settings.conf = conf;
        }
        self.after_settings()
    }

    fn toggle_weights(&mut self) -> Vec<Effect> {
        let declared = self
            .data
            .as_ref()
            .is_some_and(|d| d.surveys.iter().any(|l| !l.survey.weightings.is_empty()));
        if !declared {
            self.say(self.lang.strings().tui.no_weighting.to_string(), Tone::Info);
            return Vec::new();
        }
        self.settings.weighted = !self.settings.weighted;
        self.after_settings()
    }

    fn cycle_grouping(&mut self) -> Vec<Effect> {
        let n = self
            .data
            .as_ref()
            .map_or(0, |d| d.groupings(self.population).len());
        if n == 0 {
            let s = &self.lang.strings().tui;
            self.say(s.no_groupings.to_string(), Tone::Info);
            return Vec::new();
        }
        self.grouping = (self.grouping + 1) % n;
        self.groups = None;
        self.group_effect().into_iter().collect()
    }

    fn cycle_filter(&mut self) -> Vec<Effect> {
        if self.view == View::Texts {
            return self.toggle_all_texts();
        }
        self.filter = match self.filter {
            Filter::All => Filter::Flagged,
            Filter::Flagged => Filter::Excluded,
            Filter::Excluded => Filter::All,
        };
        self.selected = 0;
        // The open response may not be listed any more: back to the list.
        self.detail = false;
        self.relist();
        Vec::new()
    }

    fn toggle_response(&mut self) -> Vec<Effect> {
        if self.view == View::Texts {
            if let Some(texts) = &mut self.texts {
                texts.open = match texts.open {
                    Some(_) => None,
                    None => texts.selected_row(),
                };
                self.scroll = 0;
            }
            return Vec::new();
        }
        if self.view == View::Respondents && self.selected_row().is_some() {
            self.detail = !self.detail;
            self.scroll = 0;
        }
        Vec::new()
    }

    /// Opens the reason prompt for a decision on the selected response — unless it would change
    /// nothing: say so rather than log it.
    fn ask_reason(&mut self, verdict: Verdict) -> Vec<Effect> {
        let Some(row) = self.selected_row() else {
            return Vec::new();
        };
        // Excluded or not by the rules and decisions, whatever the filter.
        let valid = self
            .review(self.population)
            .is_none_or(|r| r.excluded_by(row).is_none());
        let t = &self.lang.strings().tui;
        if verdict == Verdict::Exclude && !valid {
            self.say(
                fill(t.already_excluded, &[&key_of(Cmd::Include)]),
                Tone::Info,
            );
            return Vec::new();
        }
        if verdict == Verdict::Include && valid {
            self.say(fill(t.already_valid, &[&key_of(Cmd::Exclude)]), Tone::Info);
            return Vec::new();
        }
        self.prompt = Some(Prompt {
            verdict,
            row,
            input: String::new(),
        });
        Vec::new()
    }

    fn start_search(&mut self) -> Vec<Effect> {
        self.searching = true;
        if self.view == View::Texts {
            // Over an open respondent, the search is of the list it was opened from.
            if let Some(texts) = &mut self.texts {
                texts.open = None;
            }
            self.search_texts(String::new());
            return Vec::new();
        }
        self.search = Some(String::new());
        Vec::new()
    }

    fn show(&mut self, view: View) -> Vec<Effect> {
        self.view = view;
        self.detail = false;
        if view == View::Groups && self.current_groups().is_none() {
            return self.group_effect().into_iter().collect();
        }
        Vec::new()
    }

    fn after_settings(&mut self) -> Vec<Effect> {
        let s = self.lang.strings();
        let method = s.method_names[crate::report::method_index(self.settings.method)];
        let conf = crate::report::conf_percent(self.settings.conf.level());
        let mut message = fill(s.tui.settings_changed, &[method, &conf]);
        if self.settings.weighted {
            message.push_str(s.tui.weighted);
        }
        self.say(message, Tone::Info);
        for summary in &mut self.summaries {
            *summary = None;
        }
        let mut effects = self.recompute();
        effects.extend(self.reevaluate(0..self.indicators.len()));
        effects
    }

    fn submit(&mut self) -> Vec<Effect> {
        if self.searching && self.view == View::Texts {
            // The list stays narrowed to the answers that match.
            self.searching = false;
            return Vec::new();
        }
        if self.searching {
            self.searching = false;
            return self.find_next();
        }
        if let Some(entry) = self.entry.take() {
            return match entry.kind {
                EntryKind::Where => self.submit_where(entry.input),
                EntryKind::Export => self.submit_export(entry.input),
            };
        }
        let Some(prompt) = self.prompt.take() else {
            return Vec::new();
        };
        let s = &self.lang.strings().tui;
        let reason = prompt.input.trim().to_string();
        if reason.is_empty() {
            self.say(s.reason_required.to_string(), Tone::Problem);
            self.prompt = Some(prompt);
            return Vec::new();
        }
        let Some(data) = &self.data else {
            return Vec::new();
        };
        let dataset = data.dataset(self.population);
        let (source, local) = dataset.locate(prompt.row);
        let decision = Decision {
            time: log::now(),
            row: source.table.file_row(local),
            respondent: dataset.respondent(prompt.row),
            decision: prompt.verdict,
            rule: "manual".into(),
            reason,
        };
        vec![Effect::Record {
            population: self.population,
            row: prompt.row,
            file: source.table.path.clone(),
            decision,
        }]
    }

    /// Selects the next question (after the current one, wrapping) whose id or text contains the
    /// search.
    fn find_next(&mut self) -> Vec<Effect> {
        let Some(query) = self.search.clone().filter(|q| !q.is_empty()) else {
            return Vec::new();
        };
        let Some(data) = self.data.clone() else {
            return Vec::new();
        };
        let questions = data.questions(self.population);
        let s = &self.lang.strings().tui;
        let matches: Vec<usize> = questions
            .iter()
            .enumerate()
            .filter(|(_, (qi, q))| {
                q.id.contains(&query)
                    || data.question_text(self.population, *qi, q).contains(&query)
            })
            .map(|(i, _)| i)
            .collect();
        let Some(&next) = matches
            .iter()
            .find(|&&i| i > self.question)
            .or(matches.first())
        else {
            self.say(fill(s.search_none, &[&query]), Tone::Problem);
            return Vec::new();
        };
        let at = matches.iter().position(|&i| i == next).unwrap_or(0) + 1;
        self.say(
            fill(
                s.search_found,
                &[
                    &query,
                    &at.to_string(),
                    &matches.len().to_string(),
                    &key_of(Cmd::NextMatch),
                ],
            ),
            Tone::Info,
        );
        if self.view != View::Questions && self.view != View::Groups {
            self.view = View::Questions;
        }
        self.move_selection(next as isize - self.question as isize)
    }
}
