//! Post-stratification weights per response: each stratum (a township, an age band, or their
//! combination) is weighted to its known share of the population, w = (N_h/N) / (n_h/n) over the
//! valid responses. Responses whose stratum question is unanswered get weight 0 and are counted
//! so the output can say so.

use crate::error::{Error, Result};
use crate::model::{AnswerValue, Dataset};
use crate::stats;
use crate::survey::Survey;
use crate::survey::analysis::Weighting;

/// Weights of a population's responses.
#[derive(Debug, Clone, PartialEq)]
pub struct RowWeights {
    /// Per row; 0 for excluded rows and rows without a stratum.
    pub weights: Vec<f64>,
    /// Valid responses left unweighted because their stratum question is not answered.
    pub without_stratum: u64,
    /// Stratum, valid responses in it, its population share, its weight.
    pub strata: Vec<(String, u64, f64, f64)>,
}

/// The weights of `dataset` under its population's `[[weighting]]`, over the rows `keep` allows;
/// `None` when the population is not weighted.
pub fn row_weights(
    survey: &Survey,
    dataset: &Dataset,
    keep: Option<&[bool]>,
) -> Result<Option<RowWeights>> {
    let population = &survey.populations[dataset.population];
    let Some(w) = survey
        .weightings
        .iter()
        .find(|w| w.population == population.id)
    else {
        return Ok(None);
    };
    let err = |m: crate::i18n::Message| {
        let mut e = Error::input(m);
        if let Some(src) = &survey.source {
            e = e.in_file(src);
        }
        if let Some(line) = w.line {
            e = e.at_line(line);
        }
        e
    };
    let strata_of_row = stratum_keys(survey, dataset, w);
    let keys: Vec<&str> = w.targets.iter().map(|(k, _)| k.as_str()).collect();
    let mut counts = vec![0u64; keys.len()];
    let mut index_of_row: Vec<Option<usize>> = vec![None; dataset.rows];
    let mut without_stratum = 0u64;
    for row in 0..dataset.rows {
        if keep.is_some_and(|k| !k[row]) {
            continue;
        }
        match &strata_of_row[row] {
            None => without_stratum += 1,
            Some(key) => match keys.iter().position(|k| k == key) {
                Some(i) => {
                    counts[i] += 1;
                    index_of_row[row] = Some(i);
                }
                None => {
                    return Err(err(crate::msg!(
                        weighting_unlisted_stratum,
                        population.id,
                        key,
                        keys.join(", ")
                    )));
                }
            },
        }
    }
    let sizes: Vec<f64> = w.targets.iter().map(|(_, s)| *s).collect();
    let per_stratum = stats::post_stratification_weights(&counts, &sizes).map_err(|e| {
        err(match &e {
            stats::StatsError::EmptyStratum { stratum } => {
                crate::msg!(weighting_empty_stratum, population.id, keys[*stratum])
            }
            stats::StatsError::StratumNotInPopulation { stratum } => {
                crate::msg!(weighting_zero_target, population.id, keys[*stratum])
            }
            other => crate::msg!(weighting_failed, population.id, super::stats_message(other)),
        })
    })?;
    let total: f64 = sizes.iter().sum();
    let weights = index_of_row
        .iter()
        .map(|i| i.map_or(0.0, |i| per_stratum[i]))
        .collect();
    Ok(Some(RowWeights {
        weights,
        without_stratum,
        strata: keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.to_string(), counts[i], sizes[i] / total, per_stratum[i]))
            .collect(),
    }))
}

/// Each row's stratum: the level labels of the `by` questions joined by ×, or `None` when one is
/// not answered on a level.
fn stratum_keys(survey: &Survey, dataset: &Dataset, w: &Weighting) -> Vec<Option<String>> {
    let pop = &survey.populations[dataset.population].id;
    let parts: Vec<(&crate::model::Answers, &crate::survey::Scale)> =
        w.by.iter()
            .filter_map(|id| {
                let (qi, q) = survey.questions_for(pop).find(|(_, q)| &q.id == id)?;
                Some((dataset.answers[qi].as_ref()?, survey.scale_of(q)?))
            })
            .collect();
    (0..dataset.rows)
        .map(|row| {
            let labels: Option<Vec<&str>> = parts
                .iter()
                .map(|(answers, scale)| match answers.get(row).value {
                    AnswerValue::Level(k) => Some(scale.levels[k as usize].label.as_str()),
                    _ => None,
                })
                .collect();
            labels.map(|l| l.join("×"))
        })
        .collect()
}
