//! Post-stratification weights per response: each stratum (a township, an age band, or their
//! combination) is weighted to its known share of the population, w = (N_h/N) / (n_h/n) over the
//! valid responses. Responses whose stratum question is unanswered get weight 0 and are counted
//! so the output can say so. With `method = "rake"`, the weights are raked to several margins
//! instead (iterative proportional fitting, optionally bounded), and how it converged is kept.

use crate::error::{Error, Result};
use crate::model::{AnswerValue, Dataset};
use crate::stats;
use crate::survey::Survey;
use crate::survey::analysis::{MarginDef, RakeDef};

/// Weights of a population's responses.
#[derive(Debug, Clone, PartialEq)]
pub struct RowWeights {
    /// Per row; 0 for excluded rows and rows without a stratum.
    pub weights: Vec<f64>,
    /// Valid responses left unweighted because their stratum question is not answered.
    pub without_stratum: u64,
    /// Stratum, valid responses in it, its population share, its weight. Raked: each margin
    /// category (`q1：龙港镇`), its valid responses, its target share and their mean weight.
    pub strata: Vec<(String, u64, f64, f64)>,
    /// How raking went, when the weighting rakes to margins.
    pub rake: Option<RakeReport>,
}

/// How raking to margins ended.
#[derive(Debug, Clone, PartialEq)]
pub struct RakeReport {
    /// The margins, by their question ids (several joined by ×).
    pub margins: Vec<String>,
    pub iterations: usize,
    pub max_iterations: usize,
    /// Largest |weighted share − target share| over the margin categories.
    pub discrepancy: f64,
    pub tolerance: f64,
    pub converged: bool,
    pub bounds: Option<(f64, f64)>,
    /// Valid responses whose weight sits on a bound.
    pub at_bounds: u64,
    /// Smallest and largest weight (relative to the mean).
    pub min_weight: f64,
    pub max_weight: f64,
}

/// The weights of `dataset` under its population's `[[weighting]]`, over the rows `keep` allows
/// (every valid response, [`crate::validity::Review::design_rows`]: a filter's rows are a domain);
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
    if let Some(rake) = &w.rake {
        return raked(survey, dataset, keep, rake, &err).map(Some);
    }
    let strata_of_row = stratum_keys(survey, dataset, &w.by);
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
        rake: None,
    }))
}

/// Raking to the margins of `rake`: every valid response answering every margin question is a
/// member of one class (its categories on all margins); classes are raked (see
/// [`stats::rake::rake`]) and each response takes its class's weight.
fn raked(
    survey: &Survey,
    dataset: &Dataset,
    keep: Option<&[bool]>,
    rake: &RakeDef,
    err: &dyn Fn(crate::i18n::Message) -> Error,
) -> Result<RowWeights> {
    let population = &survey.populations[dataset.population].id;
    let margin_name = |m: &MarginDef| m.by.join("×");
    let keys: Vec<Vec<Option<String>>> = rake
        .margins
        .iter()
        .map(|m| stratum_keys(survey, dataset, &m.by))
        .collect();
    let mut classes: Vec<stats::rake::RakeCell> = Vec::new();
    let mut class_of: std::collections::HashMap<Vec<usize>, usize> = Default::default();
    let mut class_of_row: Vec<Option<usize>> = vec![None; dataset.rows];
    let mut without_stratum = 0u64;
    'rows: for row in 0..dataset.rows {
        if keep.is_some_and(|k| !k[row]) {
            continue;
        }
        let mut categories = Vec::with_capacity(rake.margins.len());
        for (m, margin) in rake.margins.iter().enumerate() {
            let Some(key) = &keys[m][row] else {
                without_stratum += 1;
                continue 'rows;
            };
            match margin.targets.iter().position(|(k, _)| k == key) {
                Some(c) => categories.push(c),
                None => {
                    let listed: Vec<&str> =
                        margin.targets.iter().map(|(k, _)| k.as_str()).collect();
                    return Err(err(crate::msg!(
                        rake_unlisted_category,
                        population,
                        margin_name(margin),
                        key,
                        listed.join(", ")
                    )));
                }
            }
        }
        let next = classes.len();
        let class = *class_of.entry(categories.clone()).or_insert(next);
        if class == next {
            classes.push(stats::rake::RakeCell {
                categories,
                count: 0,
            });
        }
        classes[class].count += 1;
        class_of_row[row] = Some(class);
    }
    let targets: Vec<Vec<f64>> = rake
        .margins
        .iter()
        .map(|m| m.targets.iter().map(|(_, s)| *s).collect())
        .collect();
    let control = stats::rake::RakeControl {
        bounds: rake.bounds,
        max_iterations: rake.max_iterations,
        tolerance: rake.tolerance,
    };
    let category = |m: usize, c: usize| {
        (
            margin_name(&rake.margins[m]),
            rake.margins[m].targets[c].0.clone(),
        )
    };
    use stats::rake::RakeError;
    let result = stats::rake::rake(&classes, &targets, control).map_err(|e| match e {
        RakeError::EmptySample => err(crate::msg!(
            weighting_failed,
            population,
            super::stats_message(&stats::StatsError::EmptySample)
        )),
        RakeError::EmptyCategory {
            margin,
            category: c,
        } => {
            let (m, k) = category(margin, c);
            err(crate::msg!(rake_empty_category, population, m, k))
        }
        RakeError::CategoryNotInPopulation {
            margin,
            category: c,
        } => {
            let (m, k) = category(margin, c);
            err(crate::msg!(rake_zero_target, population, m, k))
        }
        RakeError::InvalidTarget {
            margin,
            category: c,
        } => {
            let (_, k) = category(margin, c);
            err(crate::msg!(definition.weighting_target_invalid, k))
        }
        RakeError::InvalidBounds { lower, upper } => err(crate::msg!(
            definition.weighting_bounds_invalid,
            lower,
            upper
        )),
        RakeError::Shape { .. } => err(crate::msg!(
            weighting_failed,
            population,
            super::stats_message(&stats::StatsError::EmptySample)
        )),
    })?;
    let weights: Vec<f64> = class_of_row
        .iter()
        .map(|c| c.map_or(0.0, |c| result.weights[c]))
        .collect();
    let mut strata = Vec::new();
    for (m, margin) in rake.margins.iter().enumerate() {
        let total: f64 = margin.targets.iter().map(|(_, s)| s).sum();
        for (c, (key, size)) in margin.targets.iter().enumerate() {
            let (mut n, mut sum_w) = (0u64, 0.0);
            for (class, cell) in classes.iter().enumerate() {
                if cell.categories[m] == c {
                    n += cell.count;
                    sum_w += cell.count as f64 * result.weights[class];
                }
            }
            let mean = if n > 0 { sum_w / n as f64 } else { 0.0 };
            strata.push((
                format!("{}：{}", margin_name(margin), key),
                n,
                size / total,
                mean,
            ));
        }
    }
    let used = classes
        .iter()
        .zip(&result.weights)
        .filter(|(c, _)| c.count > 0);
    let (min_weight, max_weight) = used.fold((f64::INFINITY, 0.0f64), |(lo, hi), (_, &w)| {
        (lo.min(w), hi.max(w))
    });
    Ok(RowWeights {
        weights,
        without_stratum,
        strata,
        rake: Some(RakeReport {
            margins: rake.margins.iter().map(margin_name).collect(),
            iterations: result.iterations,
            max_iterations: rake.max_iterations,
            discrepancy: result.discrepancy,
            tolerance: rake.tolerance,
            converged: result.converged,
            bounds: rake.bounds,
            at_bounds: result.at_bounds,
            min_weight,
            max_weight,
        }),
    })
}

/// Each row's stratum: the level labels of the `by` questions joined by ×, or `None` when one is
/// not answered on a level.
fn stratum_keys(survey: &Survey, dataset: &Dataset, by: &[String]) -> Vec<Option<String>> {
    let pop = &survey.populations[dataset.population].id;
    let parts: Vec<(&crate::model::Answers, &crate::survey::Scale)> = by
        .iter()
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
