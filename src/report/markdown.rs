//! Markdown tables of the figures, percentages as reports print them (23.51%), ready to paste into
//! an evaluation report: every figure of the CSV contract — the accounting, each question's
//! shares, positive share, mean, rankings and NPS, the dimensions with their composites and
//! Cronbach's α, the breakdown by group — and, when weighted, how and with which effective n.
//! Text from the export is made visible-safe and table-safe.

use super::blocks::{Block, Column, Row, Span, Table, to_markdown};
use super::{Punct, conf_percent, method_index, percent, punct, shown_path};
use crate::figures::summary::{
    Breakdown, DimensionSummary, NotCountedKind, PopulationSummary, QuestionSummary, Summary,
};
use crate::figures::text::TextFigures;
use crate::figures::weighting::RowWeights;
use crate::i18n::{Lang, Strings, fill};
use crate::stats::Estimate;
use crate::survey::Measure;
use crate::survey::QuestionKind;
use crate::text::visible;
use crate::validity::rule_label;

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
    to_markdown(&summary_blocks(summary, lang)).into_bytes()
}

/// Every figure of a summary as report blocks: per population its files, accounting, weights,
/// questions, dimensions and breakdown.
pub fn summary_blocks(summary: &Summary, lang: Lang) -> Vec<Block> {
    let s = lang.strings();
    let p_ = punct(lang);
    let conf = conf_percent(summary.settings.conf.level());
    let ci_head = fill(s.interval, &[&conf]);
    let mut out = vec![
        Block::heading(1, s.figures_title),
        Block::text(format!(
            "{}{}{}{}{}",
            s.method,
            p_.colon,
            s.method_names[method_index(summary.settings.method)],
            p_.comma,
            ci_head
        )),
    ];
    let item = |text: String| Block::bullet(vec![Span::plain(text)]);
    for p in &summary.populations {
        out.push(Block::heading(2, population_heading(p, &p_)));
        for f in &p.files {
            let enc = f
                .encoding
                .as_deref()
                .map(|e| format!("{}{e}", p_.comma))
                .unwrap_or_default();
            let rows = fill(s.rows, &[&f.rows.to_string()]);
            out.push(item(format!(
                "{}{}{}{}{}{enc}{}{rows}{}",
                s.files,
                p_.colon,
                shown_path(&f.path),
                p_.open,
                f.format,
                p_.comma,
                p_.close
            )));
        }
        let a = &p.accounting;
        let all = if p.all_responses {
            s.all_responses_note
        } else {
            ""
        };
        if !summary.filter.is_empty() {
            out.push(item(format!(
                "{}{}{}{}{}",
                s.filter_line,
                p_.colon,
                summary.filter.join(s.filter_and),
                p_.semi,
                fill(s.filter_outside, &[&a.filtered_out.to_string()])
            )));
        }
        out.push(item(format!(
            "{}{}{}{}{}{}{}{all}",
            s.received, p_.colon, a.received, p_.semi, s.valid, p_.colon, a.valid
        )));
        if !a.excluded.is_empty() {
            out.push(item(format!(
                "{}{}{}",
                s.excluded,
                p_.colon,
                rule_counts(&a.excluded, lang)
            )));
        }
        if !a.flagged.is_empty() {
            out.push(item(format!(
                "{}{}{}",
                s.flagged,
                p_.colon,
                rule_counts(&a.flagged, lang)
            )));
        }
        if let Some(size) = p.size {
            out.push(item(format!(
                "{}{}{}{}{}{}",
                s.population_size, p_.colon, size, p_.open, s.fpc_note, p_.close
            )));
        }
        match &p.weights {
            Some(w) => {
                let note = if w.rake.is_some() {
                    s.raked_note
                } else {
                    s.weighted_note
                };
                out.push(item(format!("{}{}{}", s.weighting, p_.colon, note)));
                out.extend(rake_lines(w, s).into_iter().map(item));
                out.push(item(s.deff_note.to_string()));
                if w.without_stratum > 0 {
                    out.push(item(fill(
                        s.without_stratum,
                        &[&w.without_stratum.to_string()],
                    )));
                }
                out.push(strata(w, s, None));
            }
            None if summary.settings.weighted => out.push(item(s.not_weighted_note.to_string())),
            None => {}
        }
        for q in &p.questions {
            out.extend(question(q, lang, &ci_head, 3, false));
        }
        if !p.dimensions.is_empty() {
            out.push(Block::heading(3, s.h_dimensions));
            out.extend(dimensions(p, lang, &ci_head, false));
        }
        if let Some(b) = &p.breakdown {
            out.extend(breakdown(b, lang, &ci_head));
        }
    }
    out
}

/// `城镇居民（residents）`, or the id alone when it is the name.
pub fn population_heading(p: &PopulationSummary, punct: &Punct) -> String {
    if p.name == p.id || p.name.is_empty() {
        p.id.clone()
    } else {
        format!("{}{}{}{}", p.name, punct.open, p.id, punct.close)
    }
}

/// How raking went: its margins and sweeps, the bounds and the range of the weights; nothing for
/// a post-stratification.
pub fn rake_lines(w: &RowWeights, s: &'static Strings) -> Vec<String> {
    let Some(r) = &w.rake else {
        return Vec::new();
    };
    let margins = r.margins.join(" · ");
    let mut lines = vec![if r.converged {
        fill(
            s.rake_converged,
            &[
                &margins,
                &r.iterations.to_string(),
                &format!("{:.1e}", r.discrepancy),
            ],
        )
    } else {
        fill(
            s.rake_stopped,
            &[
                &margins,
                &r.iterations.to_string(),
                &format!("{:.3e}", r.discrepancy),
                &format!("{:e}", r.tolerance),
            ],
        )
    }];
    if let Some((lower, upper)) = r.bounds {
        lines.push(fill(
            s.rake_bounds,
            &[
                &lower.to_string(),
                &upper.to_string(),
                &r.at_bounds.to_string(),
            ],
        ));
    }
    lines.push(fill(
        s.rake_range,
        &[
            &format!("{:.4}", r.min_weight),
            &format!("{:.4}", r.max_weight),
        ],
    ));
    lines
}

/// The strata of a post-stratification: responses, population share and weight of each; or the
/// margin categories of a raking, with their mean weight.
pub fn strata(w: &RowWeights, s: &'static Strings, caption: Option<String>) -> Block {
    let c = if w.rake.is_some() {
        &s.margin_columns
    } else {
        &s.strata_columns
    };
    Block::Table(Table {
        caption,
        columns: vec![
            Column::text(c[0]),
            Column::number(c[1]),
            Column::number(c[2]),
            Column::number(c[3]),
        ],
        rows: w
            .strata
            .iter()
            .map(|(stratum, n, share, weight)| {
                Row::new(vec![
                    stratum.clone(),
                    n.to_string(),
                    percent(*share),
                    format!("{weight:.4}"),
                ])
            })
            .collect(),
    })
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
/// With `captioned`, the tables carry captions (the report numbers them).
pub fn dimensions(p: &PopulationSummary, lang: Lang, ci_head: &str, captioned: bool) -> Vec<Block> {
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
    let columns = vec![
        Column::text(c[0]),
        Column::text(c[1]),
        Column::number(share),
        Column::text(ci_head),
        Column::number(c[2]),
        Column::text(ci_head),
        Column::number(c[3]),
        Column::number(c[4]),
        Column::number(c[5]),
        Column::number(c[6]),
    ];
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
    let mut rows = Vec::with_capacity(p.dimensions.len());
    for d in &p.dimensions {
        let (rate, rate_ci, n_rate) = composite(&d.positive, true);
        let (mean, mean_ci, n_mean) = composite(&d.mean, false);
        let n = n_rate.or(n_mean).map(|n| n.to_string()).unwrap_or_default();
        let (alpha, alpha_n, used) = match &d.reliability {
            Some(r) => (
                // With Feldt's interval (issue 13).
                match d.alpha_ci {
                    Some(ci) => fill(
                        lang.strings().means.alpha_interval,
                        &[
                            &format!("{:.3}", r.alpha),
                            &format!("{:.3}", ci.low),
                            &format!("{:.3}", ci.high),
                        ],
                    ),
                    None => format!("{:.3}", r.alpha),
                },
                r.n.to_string(),
                format!("{} / {}", r.items_used, d.items.len()),
            ),
            None => Default::default(),
        };
        rows.push(Row::new(vec![
            d.name.clone(),
            d.items.join(p_.list),
            rate,
            rate_ci,
            mean,
            mean_ci,
            n,
            alpha,
            alpha_n,
            used,
        ]));
    }
    let caption = |text: &str| captioned.then(|| fill(text, &[&p.name]));
    let mut out = vec![Block::Table(Table {
        caption: caption(s.dimensions_caption),
        columns,
        rows,
    })];
    let with_items: Vec<&DimensionSummary> = p
        .dimensions
        .iter()
        .filter(|d| d.reliability.is_some())
        .collect();
    if !with_items.is_empty() {
        let c = &s.item_columns;
        let mut rows = Vec::new();
        for d in with_items {
            let Some(r) = &d.reliability else { continue };
            for (item, stats) in d.items.iter().zip(&r.items) {
                let text = p
                    .questions
                    .iter()
                    .find(|q| &q.id == item)
                    .map(|q| q.text.clone())
                    .unwrap_or_default();
                let three = |x: Option<f64>| x.map(|x| format!("{x:.3}")).unwrap_or_default();
                rows.push(Row::new(vec![
                    d.name.clone(),
                    item.clone(),
                    text,
                    three(stats.alpha_if_deleted),
                    three(stats.item_rest_correlation),
                ]));
            }
        }
        out.push(Block::Table(Table {
            caption: caption(s.items_caption),
            columns: vec![
                Column::text(c[0]),
                Column::text(c[1]),
                Column::text(c[2]),
                Column::number(c[3]),
                Column::number(c[4]),
            ],
            rows,
        }));
    }
    out.push(Block::text(s.dimension_note));
    out
}

/// The question figures again for each group.
fn breakdown(b: &Breakdown, lang: Lang, ci_head: &str) -> Vec<Block> {
    let s = lang.strings();
    let mut out = Vec::new();
    for g in &b.groups {
        out.push(Block::heading(
            3,
            fill(s.group_heading, &[&b.by, &g.label, &g.valid.to_string()]),
        ));
        for q in &g.questions {
            out.extend(question(q, lang, ci_head, 4, false));
        }
    }
    if b.ungrouped > 0 {
        out.push(Block::text(fill(
            s.ungrouped_note,
            &[&b.ungrouped.to_string()],
        )));
    }
    out
}

/// One question's figures, headed at `depth` (3 → `###`). With `captioned`, its tables carry
/// captions (the report numbers them).
pub fn question(
    q: &QuestionSummary,
    lang: Lang,
    ci_head: &str,
    depth: u8,
    captioned: bool,
) -> Vec<Block> {
    let s = lang.strings();
    let p = punct(lang);
    let sep = p.colon;
    let title = format!("{} {}", q.id, q.text);
    let caption = |text: Option<&str>| {
        captioned.then(|| match text {
            Some(t) => fill(t, &[&title]),
            None => title.clone(),
        })
    };
    let mut out = vec![Block::heading(depth, title.clone())];
    match q.kind {
        QuestionKind::Text => out.push(Block::text(format!("{}{sep}{}", s.free_text_answers, q.n))),
        _ => {
            let head = if q.kind == QuestionKind::Multiple {
                s.option
            } else {
                s.level
            };
            let multiple = q.kind == QuestionKind::Multiple;
            // Weighted: each share's design effect in a column of its own.
            let with_deff = q.n_eff.is_some();
            let mut rows: Vec<Row> = q
                .levels
                .iter()
                .map(|l| {
                    let (share, ci) = match &l.share {
                        Some(e) => (percent(e.estimate), interval(e)),
                        None => (String::new(), String::new()),
                    };
                    let mut cells = vec![l.label.clone(), l.count.to_string(), share, ci];
                    if multiple {
                        cells.push(l.response_share.map(percent).unwrap_or_default());
                    }
                    if with_deff {
                        cells.push(l.deff.map(|d| format!("{d:.2}")).unwrap_or_default());
                    }
                    Row::new(cells)
                })
                .collect();
            let mut n_row = vec!["n".into(), q.n.to_string(), String::new(), String::new()];
            let mut columns = vec![
                Column::text(head),
                Column::number(s.count),
                Column::number(if multiple { s.penetration } else { s.share }),
                Column::text(ci_head),
            ];
            if multiple {
                let choices: u64 = q.levels.iter().map(|l| l.count).sum();
                n_row.push(fill(s.choices, &[&choices.to_string()]));
                columns.push(Column::number(s.response_rate));
            }
            if with_deff {
                n_row.push(String::new());
                columns.push(Column::number(s.deff));
            }
            rows.push(Row::new(n_row));
            out.push(Block::Table(Table {
                caption: caption(None),
                columns,
                rows,
            }));
            if q.kind == QuestionKind::Multiple {
                out.push(Block::text(s.multiple_note));
            }
        }
    }
    if let Some(n_eff) = q.n_eff {
        out.push(Block::text(format!("{}{sep}{n_eff:.1}", s.effective_n)));
    }
    if !q.ranking.is_empty() {
        out.push(Block::Table(Table {
            caption: caption(Some(s.ranking_caption)),
            columns: vec![
                Column::text(s.option),
                Column::number("n"),
                Column::number(s.rank_mean),
                Column::number(s.rank_score),
            ],
            rows: q
                .ranking
                .iter()
                .map(|r| {
                    Row::new(vec![
                        r.label.clone(),
                        r.n.to_string(),
                        two_decimals(r.mean_rank),
                        two_decimals(r.score),
                    ])
                })
                .collect(),
        }));
        out.push(Block::text(s.rank_note));
    }
    if let Some(nps) = &q.nps
        && let Some(e) = &nps.nps
    {
        out.push(Block::Paragraph(vec![
            Span::plain(format!("{}{sep}", s.nps)),
            Span::strong(format!("{:.2}", e.estimate * 100.0)),
            Span::plain(format!(
                "{}{ci_head} {:.2} – {:.2}{}{}{}",
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
            )),
        ]));
    }
    if let Some(pos) = &q.positive {
        let name = positive_label(s, q.measure, &pos.levels);
        match &pos.share {
            Some(e) => out.push(Block::Paragraph(vec![
                Span::plain(format!("{name}{sep}")),
                Span::strong(percent(e.estimate)),
                Span::plain(format!(
                    "{}{} / {}{}{ci_head} {}{}{}",
                    p.open,
                    pos.count,
                    pos.n,
                    p.semi,
                    interval(e),
                    pos.deff
                        .map(|d| format!("{}{} {d:.2}", p.semi, s.deff))
                        .unwrap_or_default(),
                    p.close
                )),
            ])),
            None => out.push(Block::text(format!("{name}{sep}{}", s.no_answers))),
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
        let deff = mean
            .deff
            .map(|d| format!("{}{} {d:.2}", p.semi, s.deff))
            .unwrap_or_default();
        // The spread beside the mean (issue 13).
        let m = &lang.strings().means;
        let spread = match (mean.sd, mean.se) {
            (Some(sd), Some(se)) => format!(
                "{}{} {sd:.2}{}{} {se:.2}",
                p.semi, m.mean_columns[4], p.semi, m.mean_columns[5]
            ),
            _ => String::new(),
        };
        out.push(Block::text(format!(
            "{}{sep}{:.2}{}n = {}{ci}{spread}{deff}{}",
            s.mean_score, e.estimate, p.open, mean.n, p.close
        )));
    }
    if let Some(said) = &q.said {
        out.extend(what_was_said(
            said,
            lang,
            ci_head,
            caption(Some(s.themes_caption)),
            q.n_eff.is_some(),
        ));
    }
    if !q.not_counted.is_empty() {
        let items: Vec<String> = q
            .not_counted
            .iter()
            .map(|n| {
                let name = not_counted_name(s, n.kind);
                format!("{name} {} ×{}", n.label, n.count)
            })
            .collect();
        out.push(Block::text(format!(
            "{}{sep}{}",
            s.not_counted,
            items.join(p.comma)
        )));
    }
    out
}

/// A free-text question's findings: how many said something, each declared theme's share of
/// them with its interval and a few answers verbatim — or, with no themes, the top keywords.
pub fn what_was_said(
    said: &TextFigures,
    lang: Lang,
    ci_head: &str,
    caption: Option<String>,
    weighted: bool,
) -> Vec<Block> {
    let s = lang.strings();
    let p = punct(lang);
    let mut counts = fill(s.said_counts, &[&said.n.to_string()]);
    if said.nothing > 0 {
        counts.push_str(&fill(s.said_nothing, &[&said.nothing.to_string()]));
    }
    let mut out = vec![Block::text(counts)];
    if said.n == 0 {
        return out;
    }
    if said.themes.is_empty() {
        let words: Vec<String> = said
            .keywords
            .iter()
            .map(|(w, c)| format!("{w}{}{c}{}", p.open, p.close))
            .collect();
        if !words.is_empty() {
            out.push(Block::text(format!(
                "{}{}{}",
                s.said_keywords,
                p.colon,
                words.join(p.list)
            )));
        }
        return out;
    }
    let c = &s.theme_columns;
    out.push(Block::Table(Table {
        caption,
        columns: vec![
            Column::text(c[0]),
            Column::text(c[1]),
            Column::number(c[2]),
            Column::number(c[3]),
            Column::text(ci_head),
        ],
        rows: said
            .themes
            .iter()
            .map(|t| {
                let (share, ci) = match &t.share {
                    Some(e) => (percent(e.estimate), interval(e)),
                    None => Default::default(),
                };
                Row::new(vec![
                    t.name.clone(),
                    t.keywords.join(p.list),
                    t.count.to_string(),
                    share,
                    ci,
                ])
            })
            .collect(),
    }));
    let mut note = s.themes_note.to_string();
    if weighted {
        note.push_str(s.themes_unweighted);
    }
    out.push(Block::text(note));
    for t in said.themes.iter().filter(|t| !t.examples.is_empty()) {
        // An answer written over several lines is quoted on one.
        let quoted: Vec<String> = t
            .examples
            .iter()
            .map(|e| {
                let lines: Vec<&str> = e.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
                fill(s.quoted, &[&lines.join(" ")])
            })
            .collect();
        out.push(Block::bullet(vec![
            Span::strong(t.name.clone()),
            Span::plain(format!("{}{}", p.colon, quoted.join(p.list))),
        ]));
    }
    out
}
