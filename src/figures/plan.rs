//! Planning a sample: how many responses a margin of error needs (Cochran's formula with the
//! finite population correction), or what margin a sample achieves.

use crate::error::{Error, Result};
use crate::stats::{self, Confidence};

/// One line of the plan: the margin, and the sample size that gives it (or the other way round).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanRow {
    pub margin: f64,
    pub conf: f64,
    pub p: f64,
    pub population_size: Option<u64>,
    pub n: u64,
    /// True when `n` was given and `margin` computed.
    pub achieved: bool,
}

/// One row per margin asked for, then one per sample size whose margin is wanted.
pub fn compute(
    margins: &[f64],
    samples: &[u64],
    conf: Confidence,
    p: f64,
    population_size: Option<u64>,
) -> Result<Vec<PlanRow>> {
    let err = |e: stats::StatsError| Error::usage(crate::figures::stats_message(&e));
    let mut rows = Vec::new();
    for &margin in margins {
        rows.push(PlanRow {
            margin,
            conf: conf.level(),
            p,
            population_size,
            n: stats::required_sample_size(conf, margin, p, population_size).map_err(err)?,
            achieved: false,
        });
    }
    for &n in samples {
        rows.push(PlanRow {
            margin: stats::margin_of_error(conf, p, n, population_size).map_err(err)?,
            conf: conf.level(),
            p,
            population_size,
            n,
            achieved: true,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Confidence;

    #[test]
    fn textbook_sample_sizes_and_the_margin_of_the_published_survey() {
        let conf = Confidence::P95;
        let rows = compute(&[0.05], &[285], conf, 0.5, None).unwrap();
        assert_eq!(rows[0].n, 385, "1.96² · 0.25 / 0.05² = 384.16, rounded up");
        // 285 public responses: ±1.96 · √(0.25/285) = ±5.80%.
        assert!((rows[1].margin - 1.959963984540054 * (0.25f64 / 285.0).sqrt()).abs() < 1e-12);
        let finite = compute(&[0.05], &[], conf, 0.5, Some(400)).unwrap();
        assert_eq!(finite[0].n, 197);
    }
}
