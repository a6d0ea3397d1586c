//! The hand-in report in Markdown, in the shape of a 社会满意度评价报告: the sample and its
//! validity accounting, the method (interval method, confidence, weights, the rule of every
//! indicator), overall and per-dimension satisfaction, awareness, the indicator table, notable
//! group differences, and every question's table in an appendix.

use super::markdown::{self, cell, interval, rule_counts};
use super::{conf_percent, method_index, percent};
use crate::figures::compare::{Difference, Independence};
use crate::figures::summary::{Breakdown, PopulationSummary, QuestionSummary, Summary};
use crate::i18n::{Lang, fill};
use crate::report::indicators as indicator_table;
use crate::report::{p_value, points};
use crate::stats;
use crate::survey::Measure;
use crate::survey::QuestionKind;
use crate::survey::validity::{Action, ValidityConfig};
use crate::validity::audit::PopulationCheck;
use crate::validity::rule_label;
use std::fmt::Write;

/// Everything the report shows, computed by the `report` command.
pub struct ReportData<'a> {
    pub title: String,
    pub generated: String,
    pub summary: &'a Summary,
    /// Per population, its declared groups' breakdowns: (population id, group name, breakdown).
    pub breakdowns: Vec<(String, String, Breakdown)>,
    pub tests: Vec<Independence>,
    pub differences: Vec<Difference>,
    pub checks: Vec<PopulationCheck>,
    /// The validity rules in force, per population id.
    pub validity: Vec<(String, ValidityConfig)>,
    /// Decisions the evaluator recorded in the review logs.
    pub decisions: usize,
    /// Chart file per (population id, question id or "dimensions"), relative to the report.
    pub charts: Vec<(String, String, String)>,
}

impl ReportData<'_> {
    fn chart(&self, population: &str, key: &str) -> Option<&str> {
        self.charts
            .iter()
            .find(|(p, k, _)| p == population && k == key)
            .map(|(_, _, f)| f.as_str())
    }
}

/// Significance level for "notable" differences in the report.
const ALPHA: f64 = 0.05;

pub fn render(data: &ReportData, lang: Lang) -> String {
    let s = lang.strings();
    let r = &s.report;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", r.title);
    if !data.title.is_empty() {
        let _ = writeln!(out, "**{}**\n", cell(&data.title));
    }
    let _ = writeln!(out, "> {}\n", fill(r.generated, &[&data.generated]));

    sample_section(&mut out, data, lang);
    method_section(&mut out, data, lang);
    satisfaction_section(&mut out, data, lang);
    awareness_section(&mut out, data, lang);
    indicators_section(&mut out, data, lang);
    groups_section(&mut out, data, lang);
    appendix_section(&mut out, data, lang);
    out
}

/// 一、调查概况: who was asked, what came back, and the precision it allows.
fn sample_section(out: &mut String, data: &ReportData, lang: Lang) {
    let s = lang.strings();
    let r = &s.report;
    let settings = data.summary.settings;
    let _ = writeln!(out, "## {}\n", r.h_sample);
    let _ = writeln!(out, "| {} |", r.sample_columns.join(" | "));
    let _ = writeln!(out, "|---|---|---:|---:|---:|---|---|");
    for p in &data.summary.populations {
        let a = &p.accounting;
        let files: Vec<String> = p.files.iter().map(|f| cell(&f.path)).collect();
        let rate = if a.received > 0 {
            percent(a.valid as f64 / a.received as f64)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {rate} | {} | {} |",
            cell(&p.name),
            files.join("<br>"),
            a.received,
            a.valid,
            rule_counts(&a.excluded, lang),
            rule_counts(&a.flagged, lang)
        );
    }
    out.push('\n');
    let conf = settings.conf;
    let precision: Vec<String> = data
        .summary
        .populations
        .iter()
        .filter(|p| p.accounting.valid > 0)
        .filter_map(|p| {
            let m = stats::margin_of_error(conf, 0.5, p.accounting.valid, p.size).ok()?;
            Some(fill(
                r.precision_item,
                &[&p.name, &p.accounting.valid.to_string(), &percent(m)],
            ))
        })
        .collect();
    if !precision.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            fill(
                r.precision,
                &[&conf_percent(conf.level()), &precision.join(r.list_sep)]
            )
        );
    }
}

/// 二、评价方法: validity rules, interval method, population sizes, weights, composites.
fn method_section(out: &mut String, data: &ReportData, lang: Lang) {
    let s = lang.strings();
    let r = &s.report;
    let settings = data.summary.settings;
    let conf = settings.conf;
    let _ = writeln!(out, "## {}\n", r.h_method);
    let _ = writeln!(
        out,
        "1. {}{}",
        validity_statement(data, lang),
        if lang == Lang::Zh { "。" } else { "." }
    );
    let method = s.method_names[method_index(settings.method)];
    let _ = writeln!(
        out,
        "2. {}",
        fill(r.method_interval, &[method, &conf_percent(conf.level())])
    );
    let sized: Vec<String> = data
        .summary
        .populations
        .iter()
        .filter_map(|p| p.size.map(|n| format!("{} {n}", p.name)))
        .collect();
    if !sized.is_empty() {
        let _ = writeln!(out, "3. {}", fill(r.method_fpc, &[&sized.join(r.list_sep)]));
    }
    let weighted: Vec<&PopulationSummary> = data
        .summary
        .populations
        .iter()
        .filter(|p| p.weights.is_some())
        .collect();
    if weighted.is_empty() {
        let _ = writeln!(out, "4. {}", r.method_unweighted);
    } else {
        for p in weighted {
            if let Some(w) = &p.weights {
                let strata: Vec<String> = w
                    .strata
                    .iter()
                    .map(|(k, n, share, weight)| {
                        format!("{k}（{n}，{}，×{weight:.3}）", percent(*share))
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "4. {}",
                    fill(r.method_weighted, &[&p.name, &strata.join(r.list_sep)])
                );
            }
        }
    }
    let _ = writeln!(out, "5. {}", r.method_shares);
    let _ = writeln!(out, "6. {}", r.method_composite);
    if !data.summary.indicators.is_empty() {
        let _ = writeln!(out, "7. {}", r.method_indicators);
    }
    out.push('\n');
}

/// 三、满意度: overall and per-dimension satisfaction, the weakest items, reliability.
fn satisfaction_section(out: &mut String, data: &ReportData, lang: Lang) {
    let s = lang.strings();
    let r = &s.report;
    let _ = writeln!(out, "## {}\n", r.h_satisfaction);
    for p in &data.summary.populations {
        let overall: Vec<&QuestionSummary> = p
            .questions
            .iter()
            .filter(|q| {
                q.dimension.is_none() && q.kind == QuestionKind::Single && is_satisfaction(q)
            })
            .collect();
        if overall.is_empty() && p.dimensions.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {}\n", cell(&p.name));
        for q in overall {
            if let Some(pos) = &q.positive
                && let Some(e) = &pos.share
            {
                let mean = q
                    .mean
                    .as_ref()
                    .and_then(|m| m.mean)
                    .map(|m| format!("，{} {:.2}", s.mean_score, m.estimate))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "- {}：{} **{}**（{} – {}，n = {}{mean}）",
                    cell(&q.text),
                    markdown::positive_label(s, q.measure, &pos.levels),
                    percent(e.estimate),
                    percent(e.low),
                    percent(e.high),
                    pos.n
                );
            }
        }
        if !p.dimensions.is_empty() {
            let _ = writeln!(out, "\n| {} |", r.dimension_columns.join(" | "));
            let _ = writeln!(out, "|---|---:|---:|---|---:|---:|");
            for d in &p.dimensions {
                let (rate, ci) = d
                    .positive
                    .as_ref()
                    .map_or((String::new(), String::new()), |c| {
                        (
                            percent(c.value),
                            format!("{} – {}", percent(c.low), percent(c.high)),
                        )
                    });
                let mean = d
                    .mean
                    .as_ref()
                    .map(|c| format!("{:.2}", c.value))
                    .unwrap_or_default();
                let alpha = d
                    .reliability
                    .as_ref()
                    .map(|a| format!("{:.3}", a.alpha))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "| {} | {} | {rate} | {ci} | {mean} | {alpha} |",
                    cell(&d.name),
                    d.items.len()
                );
            }
            if let Some(chart) = data.chart(&p.id, "dimensions") {
                let _ = writeln!(out, "\n![{}]({chart})", cell(&p.name));
            }
            // The weakest items: where satisfaction is lowest.
            let mut items: Vec<(&QuestionSummary, f64)> = p
                .questions
                .iter()
                .filter(|q| q.dimension.is_some())
                .filter_map(|q| q.positive.as_ref()?.share.map(|e| (q, e.estimate)))
                .collect();
            items.sort_by(|a, b| a.1.total_cmp(&b.1));
            let low: Vec<String> = items
                .iter()
                .take(3)
                .map(|(q, v)| format!("{}（{}）", cell(&q.text), percent(*v)))
                .collect();
            if !low.is_empty() {
                let _ = writeln!(out, "\n{}", fill(r.lowest_items, &[&low.join(r.list_sep)]));
            }
            let weak_alpha: Vec<String> = p
                .dimensions
                .iter()
                .filter(|d| d.reliability.as_ref().is_some_and(|a| a.alpha < 0.7))
                .map(|d| cell(&d.name))
                .collect();
            if !weak_alpha.is_empty() {
                let _ = writeln!(
                    out,
                    "\n{}",
                    fill(r.low_alpha, &[&weak_alpha.join(r.list_sep)])
                );
            }
        }
        out.push('\n');
    }
}

/// 四、知晓度: each population's awareness split and rate.
fn awareness_section(out: &mut String, data: &ReportData, lang: Lang) {
    let s = lang.strings();
    let r = &s.report;
    let awareness: Vec<(&PopulationSummary, &QuestionSummary)> = data
        .summary
        .populations
        .iter()
        .flat_map(|p| {
            p.questions
                .iter()
                .filter(|q| is_awareness(q))
                .map(move |q| (p, q))
        })
        .collect();
    if !awareness.is_empty() {
        let _ = writeln!(out, "## {}\n", r.h_awareness);
        for (p, q) in awareness {
            let levels: Vec<String> = q
                .levels
                .iter()
                .filter_map(|l| {
                    l.share
                        .map(|e| format!("{} {}", cell(&l.label), percent(e.estimate)))
                })
                .collect();
            let rate = q
                .positive
                .as_ref()
                .and_then(|pos| pos.share)
                .map(|e| format!("{}（{}）", percent(e.estimate), interval(&e)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- {}：{}。{} {rate}，n = {}。",
                cell(&p.name),
                levels.join(r.list_sep),
                q.positive
                    .as_ref()
                    .map_or(s.awareness_rate.to_string(), |pos| {
                        markdown::positive_label(s, q.measure, &pos.levels)
                    }),
                q.n
            );
        }
        out.push('\n');
    }
}

/// 五、指标: the indicator table.
fn indicators_section(out: &mut String, data: &ReportData, lang: Lang) {
    let s = lang.strings();
    let r = &s.report;
    let settings = data.summary.settings;
    if !data.summary.indicators.is_empty() {
        let _ = writeln!(out, "## {}\n", r.h_indicators);
        out.push_str(&indicator_table::markdown(
            &data.summary.indicators,
            settings,
            lang,
        ));
        out.push('\n');
    }
}

/// 六、群体差异: notable group differences, population differences and breakdowns.
fn groups_section(out: &mut String, data: &ReportData, lang: Lang) {
    let s = lang.strings();
    let r = &s.report;
    let _ = writeln!(out, "## {}\n", r.h_groups);
    let notable: Vec<&Independence> = data
        .tests
        .iter()
        // Rated questions only: that demographics differ between townships is no finding.
        .filter(|t| {
            t.furthest.is_some()
                && t.test.as_ref().is_some_and(|x| x.p_value < ALPHA)
                && !t.small_expected()
        })
        .collect();
    if data.tests.is_empty() {
        let _ = writeln!(out, "{}\n", r.no_groups);
    } else if notable.is_empty() {
        let _ = writeln!(out, "{}\n", fill(r.no_differences, &[&ALPHA.to_string()]));
    } else {
        let _ = writeln!(
            out,
            "{}\n",
            fill(r.differences_intro, &[&ALPHA.to_string()])
        );
        for t in notable {
            let test = t.test.as_ref().expect("filtered on a test");
            let furthest = t
                .furthest
                .as_ref()
                .map(|(g, d)| {
                    fill(
                        r.furthest,
                        &[
                            &cell(g),
                            &points(d.estimate),
                            &points(d.low),
                            &points(d.high),
                        ],
                    )
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- {}（{}，{} {}）：χ² = {:.2}，df = {}，p {}，Cramér's V = {:.3}。{furthest}",
                cell(&t.text),
                cell(&t.population),
                r.by,
                cell(&t.by),
                test.statistic,
                test.df,
                if test.p_value < 0.001 {
                    "< 0.001".to_string()
                } else {
                    format!("= {}", p_value(test.p_value))
                },
                test.cramers_v
            );
        }
        out.push('\n');
    }
    if !data.differences.is_empty() {
        out.push_str(&crate::report::compare::between_markdown(
            &data.differences,
            lang,
        ));
        out.push('\n');
    }
    for (population, group, b) in &data.breakdowns {
        let _ = writeln!(
            out,
            "### {}\n",
            fill(r.breakdown_title, &[&cell(population), &cell(group)])
        );
        let _ = writeln!(
            out,
            "| {} |",
            std::iter::once(r.group_column)
                .chain(b.groups.iter().map(|g| g.label.as_str()))
                .map(cell)
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let _ = writeln!(out, "|---|{}", "---:|".repeat(b.groups.len()));
        let _ = writeln!(
            out,
            "| n | {} |",
            b.groups
                .iter()
                .map(|g| g.valid.to_string())
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let Some(first) = b.groups.first() else {
            continue;
        };
        for (i, q) in first.questions.iter().enumerate() {
            if q.positive.is_none() {
                continue;
            }
            let cells: Vec<String> = b
                .groups
                .iter()
                .map(|g| {
                    g.questions
                        .get(i)
                        .and_then(|q| q.positive.as_ref()?.share)
                        .map(|e| percent(e.estimate))
                        .unwrap_or_default()
                })
                .collect();
            let _ = writeln!(
                out,
                "| {} {} | {} |",
                q.id,
                cell(&q.text),
                cells.join(" | ")
            );
        }
        out.push('\n');
    }
}

/// 附录: every question's table and chart.
fn appendix_section(out: &mut String, data: &ReportData, lang: Lang) {
    let s = lang.strings();
    let r = &s.report;
    let settings = data.summary.settings;
    let conf = settings.conf;
    let _ = writeln!(out, "## {}\n", r.h_appendix);
    let ci_head = fill(s.interval, &[&conf_percent(conf.level())]);
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    for p in &data.summary.populations {
        let _ = writeln!(out, "### {}（{}）\n", cell(&p.name), cell(&p.id));
        for q in &p.questions {
            let mut section = String::new();
            markdown::question(&mut section, q, s, &ci_head, sep);
            // One level deeper than in `summarize`.
            out.push_str(&section.replacen("### ", "#### ", 1));
            if let Some(chart) = data.chart(&p.id, &q.id) {
                let _ = writeln!(out, "![{}]({chart})\n", q.id);
            }
        }
    }
}

fn is_satisfaction(q: &QuestionSummary) -> bool {
    q.positive.is_some() && q.measure == Measure::Satisfaction
}

fn is_awareness(q: &QuestionSummary) -> bool {
    q.positive.is_some() && q.measure == Measure::Awareness
}

/// What counted as a valid response, rule by rule (per questionnaire when their rules differ), and
/// the evaluator's decisions.
fn validity_statement(data: &ReportData, lang: Lang) -> String {
    let r = &lang.strings().report;
    let sep = if lang == Lang::Zh { "、" } else { ", " };
    let names = |ids: &[&str]| -> String {
        ids.iter()
            .filter_map(|id| {
                data.summary
                    .populations
                    .iter()
                    .find(|p| p.id == *id)
                    .map(|p| p.name.clone())
            })
            .collect::<Vec<_>>()
            .join(sep)
    };
    // Populations sharing one set of rules are described together.
    let mut groups: Vec<(&ValidityConfig, Vec<&str>)> = Vec::new();
    for (id, v) in &data.validity {
        match groups.iter_mut().find(|(c, _)| *c == v) {
            Some((_, ids)) => ids.push(id),
            None => groups.push((v, vec![id])),
        }
    }
    let mut parts = Vec::new();
    for (v, ids) in &groups {
        let mut excluded: Vec<String> = Vec::new();
        let mut flagged: Vec<String> = Vec::new();
        let mut note = |action: Action, name: &str, detail: String| {
            let text = format!("{}{detail}", rule_label(lang, name));
            match action {
                Action::Exclude => excluded.push(text),
                Action::Flag => flagged.push(text),
                Action::Off => {}
            }
        };
        note(v.duplicate.action, "duplicate", String::new());
        note(v.blank.action, "blank", String::new());
        let floor = v
            .speeder
            .floor
            .map(|f| fill(r.speeder_floor, &[&f.to_string()]))
            .unwrap_or_default();
        let fraction = if (v.speeder.fraction * 3.0 - 1.0).abs() < 1e-9 {
            r.one_third.to_string()
        } else {
            percent(v.speeder.fraction)
        };
        note(
            v.speeder.action,
            "speeder",
            fill(r.speeder_rule, &[&fraction, &floor]),
        );
        note(
            v.straight_lining.action,
            "straight_lining",
            fill(r.straight_rule, &[&v.straight_lining.min_items.to_string()]),
        );
        note(v.incomplete.action, "incomplete", String::new());
        note(v.unknown_label.action, "unknown_label", String::new());
        if v.window.start.is_some() || v.window.end.is_some() {
            note(
                v.window.action,
                "out_of_window",
                format!("（{}）", v.window.written),
            );
        }
        note(v.unreadable.action, "unreadable", String::new());
        for c in &v.checks {
            note(
                c.action,
                &format!("check:{}", c.id),
                format!("（{}）", c.description),
            );
        }
        let who = if groups.len() > 1 {
            format!("{}：", names(ids))
        } else {
            String::new()
        };
        parts.push(format!(
            "{who}{}",
            fill(r.validity, &[&excluded.join(sep), &flagged.join(sep)])
        ));
    }
    let mut text = parts.join(r.list_sep);
    if data.decisions > 0 {
        text.push_str(&fill(r.manual, &[&data.decisions.to_string()]));
    }
    text
}
