//! Markdown tables of the figures, percentages as reports print them (23.51%), ready to paste into
//! an evaluation report. Text from the export is made visible-safe and table-safe.

use super::{conf_percent, method_index, percent};
use crate::figures::summary::{NotCountedKind, QuestionSummary, Summary};
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
    let conf = conf_percent(summary.settings.conf.level());
    let ci_head = fill(s.interval, &[&conf]);
    let mut out = String::new();
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    let _ = writeln!(out, "# {}\n", s.figures_title);
    let _ = writeln!(
        out,
        "{}{sep}{}，{}\n",
        s.method,
        s.method_names[method_index(summary.settings.method)],
        ci_head
    );
    for p in &summary.populations {
        let _ = writeln!(out, "## {}（{}）\n", cell(&p.name), cell(&p.id));
        for f in &p.files {
            let enc = f
                .encoding
                .as_deref()
                .map(|e| format!(", {e}"))
                .unwrap_or_default();
            let rows = fill(s.rows, &[&f.rows.to_string()]);
            let _ = writeln!(
                out,
                "- {}{sep}{}（{}{enc}，{rows}）",
                s.files,
                cell(&f.path),
                f.format
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
            "- {}{sep}{}；{}{sep}{}{all}",
            s.received, a.received, s.valid, a.valid
        );
        if !a.excluded.is_empty() {
            let _ = writeln!(
                out,
                "- {}{sep}{}",
                s.excluded,
                rule_counts(&a.excluded, lang)
            );
        }
        if !a.flagged.is_empty() {
            let _ = writeln!(out, "- {}{sep}{}", s.flagged, rule_counts(&a.flagged, lang));
        }
        if let Some(size) = p.size {
            let _ = writeln!(
                out,
                "- {}{sep}{}（{}）",
                s.population_size, size, s.fpc_note
            );
        }
        out.push('\n');
        for q in &p.questions {
            question(&mut out, q, s, &ci_head, sep);
        }
    }
    out.into_bytes()
}

pub fn question(
    out: &mut String,
    q: &QuestionSummary,
    s: &'static Strings,
    ci_head: &str,
    sep: &str,
) {
    let _ = writeln!(out, "### {} {}\n", cell(&q.id), cell(&q.text));
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
            "{}{sep}**{:.2}**（{ci_head} {:.2} – {:.2}；{}）\n",
            s.nps,
            e.estimate * 100.0,
            e.low * 100.0,
            e.high * 100.0,
            fill(
                s.nps_groups,
                &[
                    &nps.promoters.to_string(),
                    &nps.passives.to_string(),
                    &nps.detractors.to_string()
                ]
            )
        );
    }
    if let Some(pos) = &q.positive {
        let name = positive_label(s, q.measure, &pos.levels);
        match &pos.share {
            Some(e) => {
                let _ = writeln!(
                    out,
                    "{name}{sep}**{}**（{} / {}；{ci_head} {}）\n",
                    percent(e.estimate),
                    pos.count,
                    pos.n,
                    interval(e)
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
            format!("；{ci_head} {:.2} – {:.2}", e.low, e.high)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{}{sep}{:.2}（n = {}{ci}）\n",
            s.mean_score, e.estimate, mean.n
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
        let _ = writeln!(out, "{}{sep}{}\n", s.not_counted, items.join("，"));
    }
}
