//! The work the terminal UI does off its own thread: a population's figures (the focused question
//! first, so the figure on screen updates at once, then everything), one question by group, and a
//! questionnaire's indicators.

use super::data::Data;
use crate::error::Error;
use crate::figures::Settings;
use crate::figures::compare::{self, Independence};
use crate::figures::composite::Sample;
use crate::figures::groups;
use crate::figures::indicators;
use crate::figures::summary::{self, PopulationSummary, QuestionSummary};
use crate::model::filter::Filter;
use crate::validity::Review;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Job {
    pub data: Arc<Data>,
    pub generation: u64,
    pub population: usize,
    /// Index into `Data::questions(population)` of the question on screen.
    pub focus: Option<usize>,
    pub settings: Settings,
    /// The reviews of the population's questionnaire, one per population of it.
    pub reviews: Vec<Arc<Review>>,
}

#[derive(Debug, Clone)]
pub struct Computed {
    pub generation: u64,
    pub population: usize,
    /// The focused question, computed first.
    pub focus: Option<(usize, QuestionSummary)>,
    /// Every figure, when done.
    pub summary: Option<Result<PopulationSummary, Error>>,
}

/// The indicators of one questionnaire.
#[derive(Debug, Clone)]
pub struct IndicatorJob {
    pub data: Arc<Data>,
    pub generation: u64,
    pub survey: usize,
    pub settings: Settings,
    /// One review per population of the questionnaire.
    pub reviews: Vec<Arc<Review>>,
}

#[derive(Debug, Clone)]
pub struct IndicatorsComputed {
    pub generation: u64,
    pub survey: usize,
    pub results: Result<indicators::IndicatorTable, Error>,
}

#[derive(Debug, Clone)]
pub struct GroupJob {
    pub data: Arc<Data>,
    pub generation: u64,
    pub population: usize,
    pub question: usize,
    pub by: String,
    pub settings: Settings,
    pub review: Arc<Review>,
}

#[derive(Debug, Clone)]
pub struct GroupRow {
    pub label: String,
    pub valid: u64,
    pub figures: QuestionSummary,
}

#[derive(Debug, Clone)]
pub struct GroupsComputed {
    pub generation: u64,
    pub population: usize,
    pub question: usize,
    pub by: String,
    pub rows: Result<Vec<GroupRow>, Error>,
    pub test: Option<Independence>,
    /// Valid responses in no group.
    pub ungrouped: u64,
    /// The groups come from the question itself: nothing to break down.
    pub same_question: bool,
}

/// The focused question of a figures job: quick, so the figure on screen updates at once.
pub fn focus(job: &Job) -> Computed {
    let data = job.data.as_ref();
    let p = data.populations[job.population];
    let survey = data.survey(job.population);
    let dataset = data.dataset(job.population);
    let keep = job.reviews[p.dataset].keep();
    // Weighted as the full summary will be, so the figure does not change when it arrives.
    let weights = if job.settings.weighted {
        let design = job.reviews[p.dataset].design_rows();
        crate::figures::weighting::row_weights(survey, dataset, Some(&design))
            .ok()
            .flatten()
    } else {
        None
    };
    let dropped = crate::model::few_dropped(&keep);
    let sample = Sample {
        keep: Some(&keep),
        dropped: dropped.as_deref(),
        weights: weights.as_ref().map(|w| w.weights.as_slice()),
        population_size: survey.populations[dataset.population].size,
    };
    let focus = job.focus.and_then(|i| {
        let (qi, q) = *data.questions(job.population).get(i)?;
        summary::question(survey, dataset, qi, q, &sample, job.settings)
            .ok()
            .map(|s| (i, s))
    });
    Computed {
        generation: job.generation,
        population: job.population,
        focus,
        summary: None,
    }
}

/// Every figure of a figures job's population.
pub fn full(job: &Job) -> Computed {
    let data = job.data.as_ref();
    let p = data.populations[job.population];
    let review = &job.reviews[p.dataset];
    let summary = summary::summarize_population(
        data.survey(job.population),
        data.dataset(job.population),
        Some(review),
        None,
        job.settings,
    );
    Computed {
        generation: job.generation,
        population: job.population,
        focus: None,
        summary: Some(summary),
    }
}

/// A questionnaire's indicators under the reviews' decisions.
pub fn indicators(job: &IndicatorJob) -> IndicatorsComputed {
    let loaded = &job.data.surveys[job.survey];
    let reviews: Vec<&Review> = job.reviews.iter().map(|r| r.as_ref()).collect();
    IndicatorsComputed {
        generation: job.generation,
        survey: job.survey,
        results: indicators::evaluate(
            &loaded.survey,
            &loaded.datasets,
            Some(&reviews),
            job.settings,
        )
        .map(|lines| indicators::table(&loaded.survey.title, lines, &loaded.survey.grading)),
    }
}

/// One question of a population by group, with its chi-square test.
pub fn by_group(job: &GroupJob) -> GroupsComputed {
    let data = job.data.as_ref();
    let survey = data.survey(job.population);
    let dataset = data.dataset(job.population);
    let questions = data.questions(job.population);
    let mut out = GroupsComputed {
        generation: job.generation,
        population: job.population,
        question: job.question,
        by: job.by.clone(),
        rows: Ok(Vec::new()),
        test: None,
        ungrouped: 0,
        same_question: false,
    };
    let Some(&(qi, q)) = questions.get(job.question) else {
        return out;
    };
    let grouping = match groups::resolve(survey, dataset, &job.by) {
        Ok(g) => g,
        Err(e) => {
            out.rows = Err(e);
            return out;
        }
    };
    if grouping.question.as_deref() == Some(q.id.as_str()) {
        out.same_question = true;
        return out;
    }
    let keep = job.review.keep();
    // Weighted as the population's figures are, so a group and the whole compare.
    let weights = if job.settings.weighted {
        match crate::figures::weighting::row_weights(
            survey,
            dataset,
            Some(&job.review.design_rows()),
        ) {
            Ok(w) => w,
            Err(e) => {
                out.rows = Err(e);
                return out;
            }
        }
    } else {
        None
    };
    let whole = Sample {
        keep: Some(&keep),
        dropped: None,
        weights: weights.as_ref().map(|w| w.weights.as_slice()),
        population_size: None,
    };
    let mut rows = Vec::with_capacity(grouping.labels.len());
    for group in summary::group_rows(&grouping, Some(&keep)) {
        match summary::question(survey, dataset, qi, q, &group.sample(&whole), job.settings) {
            Ok(figures) => rows.push(GroupRow {
                label: group.label.clone(),
                valid: group.valid,
                figures,
            }),
            Err(e) => {
                out.rows = Err(e);
                return out;
            }
        }
    }
    out.ungrouped = summary::ungrouped(&grouping, Some(&keep));
    out.test =
        compare::independence_of(survey, dataset, Some(&keep), &grouping, qi, q, job.settings)
            .ok()
            .flatten();
    out.rows = Ok(rows);
    out
}

/// A filter to work out over the populations of one questionnaire (question ids mean nothing
/// in another).
#[derive(Debug, Clone)]
pub struct FilterJob {
    pub data: Arc<Data>,
    pub generation: u64,
    pub survey: usize,
    pub filter: Filter,
}

/// Per population (in `Data::populations` order): which rows meet the filter, or why it cannot
/// be applied there (a question or column the population does not have, an answer that cannot
/// be compared); `None` for the populations of other questionnaires.
#[derive(Debug, Clone)]
pub struct Filtered {
    pub generation: u64,
    pub survey: usize,
    pub filter: Filter,
    pub rows: Vec<Option<Result<Vec<bool>, Error>>>,
}

/// Which responses of the questionnaire's populations meet a filter.
pub fn restrict(job: &FilterJob) -> Filtered {
    let data = job.data.as_ref();
    let rows = data
        .populations
        .iter()
        .enumerate()
        .map(|(p, at)| {
            (at.survey == job.survey).then(|| job.filter.rows(data.survey(p), data.dataset(p)))
        })
        .collect();
    Filtered {
        generation: job.generation,
        survey: job.survey,
        filter: job.filter.clone(),
        rows,
    }
}
