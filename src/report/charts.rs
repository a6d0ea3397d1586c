//! Chart descriptions from the figures: a question's levels, a population's dimensions.

use super::conf_percent;
use super::svg::{Axis, Bar, Chart};
use crate::figures::Settings;
use crate::figures::summary::{DimensionSummary, QuestionSummary};
use crate::i18n::{Lang, fill};
use crate::survey::QuestionKind;

fn subtitle(n: u64, settings: Settings, lang: Lang) -> String {
    let s = lang.strings();
    let ci = fill(s.interval, &[&conf_percent(settings.conf.level())]);
    let method = s.method_names[super::method_index(settings.method)];
    fill(s.report.chart.subtitle, &[&n.to_string(), method, &ci])
}

/// A question's levels (or options) with their shares and intervals; positive levels highlighted.
pub fn question(q: &QuestionSummary, settings: Settings, lang: Lang) -> Option<Chart> {
    if q.kind == QuestionKind::Text || q.levels.is_empty() {
        return None;
    }
    let bars = q
        .levels
        .iter()
        .map(|l| {
            let (value, low, high) = l.share.map_or((f64::NAN, f64::NAN, f64::NAN), |e| {
                (e.estimate, e.low, e.high)
            });
            Bar {
                label: l.label.clone(),
                value,
                low,
                high,
                count: Some(l.count),
                highlight: l.positive,
            }
        })
        .collect();
    Some(Chart {
        title: format!("{} {}", q.id, q.text),
        subtitle: subtitle(q.n, settings, lang),
        bars,
        axis: Axis::Share,
        target: None,
        target_label: String::new(),
        words: &lang.strings().report.chart,
    })
}

/// Each dimension's satisfaction (mean of its items' positive shares) with its interval.
pub fn dimensions(
    title: &str,
    dimensions: &[DimensionSummary],
    settings: Settings,
    lang: Lang,
) -> Option<Chart> {
    let bars: Vec<Bar> = dimensions
        .iter()
        .filter_map(|d| {
            let c = d.positive.as_ref()?;
            Some(Bar {
                label: d.name.clone(),
                value: c.value,
                low: c.low,
                high: c.high,
                count: None,
                highlight: false,
            })
        })
        .collect();
    if bars.is_empty() {
        return None;
    }
    let n = dimensions
        .iter()
        .filter_map(|d| d.positive.as_ref().map(|c| c.n))
        .max()
        .unwrap_or(0);
    Some(Chart {
        title: format!("{title}{}", lang.strings().report.dimension_chart),
        subtitle: subtitle(n, settings, lang),
        bars,
        axis: Axis::Share,
        target: None,
        target_label: String::new(),
        words: &lang.strings().report.chart,
    })
}
