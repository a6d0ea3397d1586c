//! The loaded study as the terminal UI holds it: immutable data shared with worker threads, and a
//! flat list of populations across the questionnaires.

use crate::model::Dataset;
use crate::model::load::Loaded;
use crate::survey::{Question, Survey};
use crate::validity::Review;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PopRef {
    pub survey: usize,
    pub dataset: usize,
}

#[derive(Debug)]
pub struct Data {
    pub surveys: Vec<Loaded>,
    pub populations: Vec<PopRef>,
}

/// A study as the UI opens it: the data every thread shares, the reviews the UI goes on to
/// update with decisions, and what the person should know about the inputs.
#[derive(Debug)]
pub struct Opened {
    pub data: Arc<Data>,
    /// Per questionnaire, per population.
    pub reviews: Vec<Vec<Arc<Review>>>,
    pub warnings: Vec<crate::i18n::Message>,
}

impl Opened {
    pub fn new(study: crate::figures::study::Study) -> Opened {
        let warnings = study.warnings();
        let populations = study
            .surveys
            .iter()
            .enumerate()
            .flat_map(|(s, l)| {
                (0..l.datasets.len()).map(move |d| PopRef {
                    survey: s,
                    dataset: d,
                })
            })
            .collect();
        Opened {
            data: Arc::new(Data {
                populations,
                surveys: study.surveys,
            }),
            reviews: study
                .reviews
                .into_iter()
                .map(|r| r.into_iter().map(Arc::new).collect())
                .collect(),
            warnings,
        }
    }
}

impl Data {
    pub fn survey(&self, population: usize) -> &Survey {
        &self.surveys[self.populations[population].survey].survey
    }

    pub fn dataset(&self, population: usize) -> &Dataset {
        let p = self.populations[population];
        &self.surveys[p.survey].datasets[p.dataset]
    }

    /// The population's id and display name.
    pub fn name(&self, population: usize) -> (&str, &str) {
        let dataset = self.dataset(population);
        let p = &self.survey(population).populations[dataset.population];
        (&p.id, &p.name)
    }

    /// A question's text, or its export header when the definition gives none.
    pub fn question_text(&self, population: usize, qi: usize, q: &Question) -> String {
        if !q.text.is_empty() {
            return q.text.clone();
        }
        let answers = self
            .dataset(population)
            .answers
            .get(qi)
            .and_then(|a| a.as_ref());
        answers.map(|a| a.header.clone()).unwrap_or_default()
    }

    /// The questions asked of a population, as (index into survey.questions, question), in order.
    pub fn questions(&self, population: usize) -> Vec<(usize, &Question)> {
        let (id, _) = self.name(population);
        let dataset = self.dataset(population);
        self.survey(population)
            .questions_for(id)
            .filter(|(qi, _)| dataset.answers[*qi].is_some())
            .collect()
    }

    /// What a population's figures can be broken down by: its declared groups, then its other
    /// single-choice questions.
    pub fn groupings(&self, population: usize) -> Vec<String> {
        let survey = self.survey(population);
        let (id, _) = self.name(population);
        let mut out: Vec<String> = survey
            .groups
            .iter()
            .filter(|g| g.population.as_ref().is_none_or(|p| p == id))
            .map(|g| g.id.clone())
            .collect();
        for (_, q) in self.questions(population) {
            let choices = q.kind == crate::survey::QuestionKind::Single
                && survey
                    .scale_of(q)
                    .is_some_and(|s| !s.levels.iter().any(|l| l.positive));
            if choices && !out.contains(&q.id) {
                out.push(q.id.clone());
            }
        }
        out
    }
}
