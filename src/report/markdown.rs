//! Markdown tables of the figures, percentages as reports print them (23.51%), ready to paste into
//! an evaluation report: every figure of the CSV contract — the accounting, each question's
//! shares, positive share, mean, rankings and NPS, the dimensions with their composites and
//! Cronbach's α, the breakdown by group — and, when weighted, how and with which effective n.
//! Text from the export is made visible-safe and table-safe.

use super::{Punct, conf_percent, method_index, percent, punct, shown_path};
use crate::figures::summary::{
    Breakdown, DimensionSummary, NotCountedKind, PopulationSummary, QuestionSummary, Summary,
};
use crate::figures::weighting::RowWeights;
use crate::i18n::{Lang, Strings, fill};
use crate::stats::Estimate;
use crate::survey::Measure;
use crate::survey::QuestionKind;
use crate::text::visible;
use crate::validity::rule_label;
use std::fmt::Write;

/// Text safe inside a Markdown table cell.
pub fn cell(text: &str) -> String {
    visible(text).replace('|', "\\|")
}

/// `18.97% – 28.76%`, or empty when undefined.
pub fn interval(e: &Estimate) -> String {
    if e.low.is_finite() && e.high.is_finite() {
        format!("{} – {}", percent(e.low), percent(e.high))
    } else {
        String::new()
    }
}

/// What a question's positive share is called: 满意率 on a satisfaction scale, 知晓率 on an
/// awareness scale, and so on; the generic name otherwise.
pub fn positive_name(s: &'static Strings, measure: Measure) -> &'static str {
    match measure {
        Measure::Awareness => s.awareness_rate,
        Measure::Satisfaction => s.satisfaction_rate,
        Measure::Agreement => s.agreement_rate,
        Measure::Importance => s.importance_rate,
        Measure::Rating => s.rating_rate,
        Measure::Recommendation => s.promoter_rate,
        Measure::Other => s.positive_share,
    }
}

/// The positive share's name with the levels it counts: 满意率（非常满意、满意）.
pub fn positive_label(s: &'static Strings, measure: Measure, levels: &[String]) -> String {
    fill(
        s.positive_with_levels,
        &[positive_name(s, measure), &levels.join(s.level_separator)],
    )
}

fn two_decimals(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.2}")
    } else {
        String::new()
    }
}

pub fn not_counted_name(s: &'static Strings, kind: NotCountedKind) -> &'static str {
    match kind {
        NotCountedKind::Blank => s.blank,
        NotCountedKind::Skip => s.skip,
        NotCountedKind::NotApplicable => s.not_applicable,
        NotCountedKind::Unknown => s.unknown_label,
    }
}

/// `重复提交 3，空白问卷 2`.
pub fn rule_counts(counts: &[(String, u64)], lang: Lang) -> String {
    let sep = if lang == Lang::Zh { "，" } else { ", " };
    counts
        .iter()
        .map(|(rule, n)| format!("{} {n}", rule_label(lang, rule)))
        .collect::<Vec<_>>()
        .join(sep)
}

pub fn write(summary: &Summary, lang: Lang) -> Vec<u8> {
    let s = lang.strings();
    let p_ = punct(lang);
    let conf = conf_percent(summary.settings.conf.level());
    let ci_head = fill(s.interval, &[&conf]);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", s.figures_title);
    let _ = writeln!(
        out,
        "{}{}{}{}{}\n",
        s.method,
        p_.colon,
        s.method_names[method_index(summary.settings.method)],
        p_.comma,
        ci_head
    );
    for p in &summary.populations {
        let _ = writeln!(out, "## {}\n", population_heading(p, &p_));
        for f in &p.files {
            let enc = f
                .encoding
                .as_deref()
                .map(|e| format!("{}{e}", p_.comma))
                .unwrap_or_default();
            let rows = fill(s.rows, &[&f.rows.to_string()]);
            let _ = writeln!(
                out,
                "- {}{}{}{}{}{enc}{}{rows}{}",
                s.files,
                p_.colon,
                cell(&shown_path(&f.path)),
                p_.open,
                f.format,
                p_.comma,
                p_.close
            );
        }
        let a = &p.accounting;
        let all = if p.all_responses {
            s.all_responses_note
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "- {}{}{}{}{}{}{}{all}",
            s.received, p_.colon, a.received, p_.semi, s.valid, p_.colon, a.valid
        );
        if !a.excluded.is_empty() {
            let _ = writeln!(
                out,
                "- {}{}{}",
                s.excluded,
                p_.colon,
                rule_counts(&a.excluded, lang)
            );
        }
        if !a.flagged.is_empty() {
            let _ = writeln!(
                out,
                "- {}{}{}",
                s.flagged,
                p_.colon,
                rule_counts(&a.flagged, lang)
            );
        }
        if let Some(size) = p.size {
            let _ = writeln!(
                out,
                "- {}{}{}{}{}{}",
                s.population_size, p_.colon, size, p_.open, s.fpc_note, p_.close
            );
        }
        match &p.weights {
            Some(w) => {
                let _ = writeln!(out, "- {}{}{}", s.weighting, p_.colon, s.weighted_note);
                if w.without_stratum > 0 {
                    let _ = writeln!(
                        out,
                        "- {}",
                        fill(s.without_stratum, &[&w.without_stratum.to_string()])
                    );
                }
                out.push('\n');
                strata(&mut out, w, s);
            }
            None if summary.settings.weighted => {
                let _ = writeln!(out, "- {}", s.not_weighted_note);
            }
            None => {}
        }
        out.push('\n');
        for q in &p.questions {
            question(&mut out, q, lang, &ci_head, 3);
        }
        if !p.dimensions.is_empty() {
            let _ = writeln!(out, "### {}\n", s.h_dimensions);
            dimensions(&mut out, p, lang, &ci_head);
        }
        if let Some(b) = &p.breakdown {
            breakdown(&mut out, b, lang, &ci_head);
        }
    }
    out.into_bytes()
}

/// `城镇居民（residents）`, or the id alone when it is the name.
pub fn population_heading(p: &PopulationSummary, punct: &Punct) -> String {
    if p.name == p.id || p.name.is_empty() {
        cell(&p.id)
    } else {
        format!(
            "{}{}{}{}",
            cell(&p.name),
            punct.open,
            cell(&p.id),
            punct.close
        )
    }
}

/// The strata of a post-stratification: responses, population share and weight of each.
fn strata(out: &mut String, w: &RowWeights, s: &'static Strings) {
    let _ = writeln!(out, "| {} |", s.strata_columns.join(" | "));
    let _ = writeln!(out, "|---|---:|---:|---:|");
    for (stratum, n, share, weight) in &w.strata {
        let _ = writeln!(
            out,
            "| {} | {n} | {} | {weight:.4} |",
            cell(stratum),
            percent(*share)
        );
    }
}

/// What the positive shares of a set of questions are called: their common name (满意率 …), or
/// the generic one when they measure different things.
pub fn common_positive_name<'a>(
    s: &'static Strings,
    questions: impl IntoIterator<Item = &'a QuestionSummary>,
) -> &'static str {
    let mut measures = questions
        .into_iter()
        .filter(|q| q.positive.is_some())
        .map(|q| q.measure);
    match measures.next() {
        Some(first) if measures.all(|m| m == first) => positive_name(s, first),
        _ => s.positive_share,
    }
}

/// The dimensions of a population: each composite with its interval, Cronbach's α with the
/// respondents and items it used, then each item's α if deleted and item–rest correlation.
pub fn dimensions(out: &mut String, p: &PopulationSummary, lang: Lang, ci_head: &str) {
    let s = lang.strings();
    let p_ = punct(lang);
    let items_of = |d: &DimensionSummary| -> Vec<&QuestionSummary> {
        d.items
            .iter()
            .filter_map(|id| p.questions.iter().find(|q| &q.id == id))
            .collect()
    };
    let share = common_positive_name(s, p.dimensions.iter().flat_map(|d| items_of(d).into_iter()));
    let c = &s.dimension_columns;
    let _ = writeln!(
        out,
        "| {} | {} | {share} | {ci_head} | {} | {ci_head} | {} | {} | {} | {} |",
        c[0], c[1], c[2], c[3], c[4], c[5], c[6]
    );
    let _ = writeln!(out, "|---|---|---:|---|---:|---|---:|---:|---:|---:|");
    let composite = |c: &Option<crate::figures::composite::Composite>, pct: bool| match c {
        Some(c) => {
            let show = |x: f64| {
                if !x.is_finite() {
                    String::new()
                } else if pct {
                    percent(x)
                } else {
                    format!("{x:.2}")
                }
            };
            let ci = if c.low.is_finite() && c.high.is_finite() {
                format!("{} – {}", show(c.low), show(c.high))
            } else {
                String::new()
            };
            (show(c.value), ci, Some(c.n))
        }
        None => (String::new(), String::new(), None),
    };
    for d in &p.dimensions {
        let (rate, rate_ci, n_rate) = composite(&d.positive, true);
        let (mean, mean_ci, n_mean) = composite(&d.mean, false);
        let n = n_rate.or(n_mean).map(|n| n.to_string()).unwrap_or_default();
        let (alpha, alpha_n, used) = match &d.reliability {
            Some(r) => (
                format!("{:.3}", r.alpha),
                r.n.to_string(),
                format!("{} / {}", r.items_used, d.items.len()),
            ),
            None => Default::default(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {rate} | {rate_ci} | {mean} | {mean_ci} | {n} | {alpha} | {alpha_n} | {used} |",
            cell(&d.name),
            d.items
                .iter()
                .map(|i| cell(i))
                .collect::<Vec<_>>()
                .join(p_.list),
        );
    }
    out.push('\n');
    let with_items: Vec<&DimensionSummary> = p
        .dimensions
        .iter()
        .filter(|d| d.reliability.is_some())
        .collect();
    if !with_items.is_empty() {
        let _ = writeln!(out, "| {} |", s.item_columns.join(" | "));
        let _ = writeln!(out, "|---|---|---|---:|---:|");
        for d in with_items {
            let Some(r) = &d.reliability else { continue };
            for (item, stats) in d.items.iter().zip(&r.items) {
                let text = p
                    .questions
                    .iter()
                    .find(|q| &q.id == item)
                    .map(|q| cell(&q.text))
                    .unwrap_or_default();
                let three = |x: Option<f64>| x.map(|x| format!("{x:.3}")).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "| {} | {} | {text} | {} | {} |",
                    cell(&d.name),
                    cell(item),
                    three(stats.alpha_if_deleted),
                    three(stats.item_rest_correlation)
                );
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}\n", s.dimension_note);
}

/// The question figures again for each group.
fn breakdown(out: &mut String, b: &Breakdown, lang: Lang, ci_head: &str) {
    let s = lang.strings();
    for g in &b.groups {
        let _ = writeln!(
            out,
            "### {}\n",
            fill(
                s.group_heading,
                &[&cell(&b.by), &cell(&g.label), &g.valid.to_string()]
            )
        );
        for q in &g.questions {
            question(out, q, lang, ci_head, 4);
        }
    }
    if b.ungrouped > 0 {
        let _ = writeln!(
            out,
            "{}\n",
            fill(s.ungrouped_note, &[&b.ungrouped.to_string()])
        );
    }
}

/// One question's figures, headed at `depth` (3 → `###`).
pub fn question(out: &mut String, q: &QuestionSummary, lang: Lang, ci_head: &str, depth: usize) {
    let s = lang.strings();
    let p = punct(lang);
    let sep = p.colon;
    let _ = writeln!(
        out,
        "{} {} {}\n",
        "#".repeat(depth),
        cell(&q.id),
        cell(&q.text)
    );
    match q.kind {
        QuestionKind::Text => {
            let _ = writeln!(out, "{}{sep}{}\n", s.free_text_answers, q.n);
        }
        _ => {
            let head = if q.kind == QuestionKind::Multiple {
                s.option
            } else {
                s.level
            };
            let _ = writeln!(out, "| {head} | {} | {} | {ci_head} |", s.count, s.share);
            let _ = writeln!(out, "|---|---:|---:|---|");
            for l in &q.levels {
                let (share, ci) = match &l.share {
                    Some(e) => (percent(e.estimate), interval(e)),
                    None => (String::new(), String::new()),
                };
                let _ = writeln!(out, "| {} | {} | {share} | {ci} |", cell(&l.label), l.count);
            }
            let _ = writeln!(out, "| n | {} | | |\n", q.n);
            if q.kind == QuestionKind::Multiple {
                let _ = writeln!(out, "{}\n", s.multiple_note);
            }
        }
    }
    if let Some(n_eff) = q.n_eff {
        let _ = writeln!(out, "{}{sep}{n_eff:.1}\n", s.effective_n);
    }
    if !q.ranking.is_empty() {
        let _ = writeln!(
            out,
            "| {} | n | {} | {} |",
            s.option, s.rank_mean, s.rank_score
        );
        let _ = writeln!(out, "|---|---:|---:|---:|");
        for r in &q.ranking {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&r.label),
                r.n,
                two_decimals(r.mean_rank),
                two_decimals(r.score)
            );
        }
        let _ = writeln!(out, "\n{}\n", s.rank_note);
    }
    if let Some(nps) = &q.nps
        && let Some(e) = &nps.nps
    {
        let _ = writeln!(
            out,
            "{}{sep}**{:.2}**{}{ci_head} {:.2} – {:.2}{}{}{}\n",
            s.nps,
            e.estimate * 100.0,
            p.open,
            e.low * 100.0,
            e.high * 100.0,
            p.semi,
            fill(
                s.nps_groups,
                &[
                    &nps.promoters.to_string(),
                    &nps.passives.to_string(),
                    &nps.detractors.to_string()
                ]
            ),
            p.close
        );
    }
    if let Some(pos) = &q.positive {
        let name = positive_label(s, q.measure, &pos.levels);
        match &pos.share {
            Some(e) => {
                let _ = writeln!(
                    out,
                    "{name}{sep}**{}**{}{} / {}{}{ci_head} {}{}\n",
                    percent(e.estimate),
                    p.open,
                    pos.count,
                    pos.n,
                    p.semi,
                    interval(e),
                    p.close
                );
            }
            None => {
                let _ = writeln!(out, "{name}{sep}{}\n", s.no_answers);
            }
        }
    }
    if let Some(mean) = &q.mean
        && let Some(e) = &mean.mean
    {
        let ci = if e.low.is_finite() {
            format!("{}{ci_head} {:.2} – {:.2}", p.semi, e.low, e.high)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{}{sep}{:.2}{}n = {}{ci}{}\n",
            s.mean_score, e.estimate, p.open, mean.n, p.close
        );
    }
    if !q.not_counted.is_empty() {
        let items: Vec<String> = q
            .not_counted
            .iter()
            .map(|n| {
                let name = not_counted_name(s, n.kind);
                format!("{name} {} ×{}", cell(&n.label), n.count)
            })
            .collect();
        let _ = writeln!(out, "{}{sep}{}\n", s.not_counted, items.join(p.comma));
    }
}
