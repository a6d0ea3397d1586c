//! A study: the questionnaires and responses named on the command line, loaded once, with each
//! population's validity review — what every command and the terminal UI compute their figures
//! from.

use crate::error::Result;
use crate::figures::Settings;
use crate::figures::indicators;
use crate::figures::summary::{self, Summary};
use crate::figures::text;
use crate::i18n::Message;
use crate::model::filter::Filter;
use crate::model::load::{self, Inputs, Loaded};
use crate::survey::QuestionKind;
use crate::validity::{self, Review};

pub struct Study {
    pub surveys: Vec<Loaded>,
    /// Per survey, per population (same order as `surveys[i].datasets`).
    pub reviews: Vec<Vec<Review>>,
    /// The `--where` filter the figures are restricted to.
    pub filter: Option<Filter>,
    /// What the filter left, per population, to tell the user.
    pub filter_notes: Vec<Message>,
}

/// What a command does with the study once loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Every question's figures (summary, report, indicators, the terminal UI): free text is
    /// segmented, so the segmenter's dictionary is loaded on a spare core during the review.
    Figures,
    /// Anything else (a comparison of groups): nothing to prepare.
    Other,
}

impl Study {
    pub fn load(inputs: &Inputs, purpose: Purpose) -> Result<Study> {
        // Free text inferred from the exports is guessed at once they are read, so the segmenter
        // loads on the core that inference leaves idle; one a definition declares is known after.
        let warm = |tables: &[crate::ingest::Table]| {
            if purpose == Purpose::Figures && tables.iter().any(text::likely_free_text) {
                text::load_segmenter_in_background();
            }
        };
        let surveys = load::load_with(inputs, &warm)?;
        let filter = Filter::parse(&inputs.filter)?;
        let free_text = surveys.iter().any(|l| {
            l.survey
                .questions
                .iter()
                .any(|q| q.kind == QuestionKind::Text)
        });
        if purpose == Purpose::Figures && free_text {
            text::load_segmenter_in_background();
        }
        let mut reviews = surveys
            .iter()
            .map(|l| validity::review_all(&l.survey, &l.datasets))
            .collect::<Result<Vec<_>>>()?;
        let mut filter_notes = Vec::new();
        if let Some(f) = &filter {
            filter_notes = restrict(f, &surveys, &mut reviews)?;
        }
        Ok(Study {
            surveys,
            reviews,
            filter,
            filter_notes,
        })
    }

    /// Things a person should know that did not stop the run: unknown labels, unreadable review
    /// log lines.
    pub fn warnings(&self) -> Vec<Message> {
        let mut out: Vec<Message> = self
            .surveys
            .iter()
            .flat_map(|l| l.warnings.iter().cloned())
            .collect();
        out.extend(
            self.reviews
                .iter()
                .flatten()
                .flat_map(|r| r.problems.iter().cloned()),
        );
        out
    }

    /// Every figure of every population, on the valid responses (or on every response with
    /// `every_response`), broken down `by` a group when given, with the indicators.
    pub fn summary(
        &self,
        settings: Settings,
        by: Option<&str>,
        every_response: bool,
    ) -> Result<Summary> {
        let mut all = Summary {
            settings,
            populations: Vec::new(),
            indicators: Vec::new(),
            tables: Vec::new(),
            filter: self
                .filter
                .iter()
                .flat_map(|f| f.conditions.iter().map(|c| c.written.clone()))
                .collect(),
        };
        for (l, reviews) in self.surveys.iter().zip(&self.reviews) {
            let refs: Vec<&Review> = reviews.iter().collect();
            let (reviews, refs) = match every_response {
                true => (None, None),
                false => (Some(reviews.as_slice()), Some(refs.as_slice())),
            };
            let s = summary::summarize(&l.survey, &l.datasets, reviews, by, settings)?;
            all.populations.extend(s.populations);
            let lines = indicators::evaluate(&l.survey, &l.datasets, refs, settings)?;
            if !lines.is_empty() {
                all.tables.push(indicators::table(
                    &l.survey.title,
                    lines.clone(),
                    &l.survey.grading,
                ));
            }
            all.indicators.extend(lines);
        }
        if by.is_some()
            && let Some(reason) = all
                .populations
                .iter()
                .all(|p| p.not_grouped.is_some())
                .then(|| all.populations.iter().find_map(|p| p.not_grouped.clone()))
                .flatten()
        {
            return Err(crate::error::Error::usage(reason));
        }
        Ok(all)
    }

    /// What a person should know about a summary that did not stop it: the populations shown
    /// whole because they lack the group asked for.
    pub fn summary_notes(summary: &Summary, by: Option<&str>) -> Vec<Message> {
        let mut notes: Vec<Message> = summary
            .populations
            .iter()
            .filter_map(|p| rake_warning(p.id.as_str(), p.weights.as_ref()?))
            .collect();
        let Some(by) = by else {
            return notes;
        };
        notes.extend(
            summary
                .populations
                .iter()
                .filter(|p| p.not_grouped.is_some())
                .map(|p| crate::msg!(not_grouped, p.name, by)),
        );
        notes
    }
}

/// Restricts every population's review to the responses meeting `filter`; says, per population,
/// how many of those received meet it (a warning when none does: a mistyped option, most likely).
pub fn restrict(
    filter: &Filter,
    surveys: &[Loaded],
    reviews: &mut [Vec<Review>],
) -> Result<Vec<Message>> {
    let mut notes = Vec::new();
    let written = filter.written(" 且 ");
    for (l, reviews) in surveys.iter().zip(reviews.iter_mut()) {
        for (dataset, review) in l.datasets.iter().zip(reviews.iter_mut()) {
            let within = filter.rows(&l.survey, dataset)?;
            let meet = within.iter().filter(|&&w| w).count();
            let name = &l.survey.populations[dataset.population].name;
            if meet == 0 {
                review
                    .problems
                    .push(crate::msg!(filter_nothing, written, name));
            }
            notes.push(crate::msg!(
                filter_applied,
                written,
                name,
                dataset.rows,
                meet
            ));
            review.restrict(within);
        }
    }
    Ok(notes)
}

/// The warning that raking stopped before the margins were met, when it did.
pub fn rake_warning(
    population: &str,
    weights: &crate::figures::weighting::RowWeights,
) -> Option<Message> {
    let r = weights.rake.as_ref()?;
    (!r.converged).then(|| {
        crate::msg!(
            rake_not_converged,
            population,
            r.iterations,
            format!("{:.3e}", r.discrepancy),
            format!("{:e}", r.tolerance)
        )
    })
}
