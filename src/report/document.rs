//! The hand-in report, in the shape of a 社会满意度评价报告: who it is for and by, the sample and
//! its validity accounting, the method (interval method, confidence, weights, the rule of every
//! indicator), overall and per-dimension satisfaction, awareness, the indicator table, what
//! people said, notable group differences, and every question's table in an appendix. Sections
//! and method items are numbered as they appear: a report without indicators has no gap where
//! they would be. Built as blocks, so Markdown and Word carry the same words and figures; tables
//! and figures are captioned and numbered (表1, 图1) as Chinese reports do.

use super::blocks::{self, Block, Column, Figure, Row, Span, Table};
use super::markdown::{self, interval, rule_counts};
use super::{Punct, conf_percent, method_index, percent, punct, section_number, shown_path};
use crate::figures::compare::{Difference, Independence};
use crate::figures::means::MeanComparison;
use crate::figures::summary::{Breakdown, PopulationSummary, QuestionSummary, Summary};
use crate::i18n::{Lang, Strings, fill};
use crate::report::indicators as indicator_table;
use crate::report::{p_value, points};
use crate::stats;
use crate::survey::Measure;
use crate::survey::QuestionKind;
use crate::survey::ReportMeta;
use crate::survey::validity::{Action, ValidityConfig};
use crate::validity::audit::PopulationCheck;
use crate::validity::rule_label;

/// One population's figures by one of its declared groups.
pub struct GroupBreakdown {
    pub population_id: String,
    pub population: String,
    pub group_id: String,
    pub group: String,
    pub breakdown: Breakdown,
    /// Every scored question's and dimension's mean score compared across the groups.
    pub means: Vec<MeanComparison>,
}

/// Everything the report shows, computed by the `report` command.
pub struct ReportData<'a> {
    pub title: String,
    pub generated: String,
    /// The project, client, evaluating organisation and date, from the definitions.
    pub meta: ReportMeta,
    pub summary: &'a Summary,
    /// Per population, its declared groups' breakdowns.
    pub breakdowns: Vec<GroupBreakdown>,
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

    /// A population's name from its id (the id when unknown).
    pub fn population_name<'b>(&'b self, id: &'b str) -> &'b str {
        self.summary
            .populations
            .iter()
            .find(|p| p.id == id)
            .map_or(id, |p| p.name.as_str())
    }

    /// A declared group's name from its population and id (the id when unknown).
    pub fn group_name<'b>(&'b self, population: &str, id: &'b str) -> &'b str {
        self.breakdowns
            .iter()
            .find(|b| b.population_id == population && b.group_id == id)
            .map_or(id, |b| b.group.as_str())
    }

    /// What a population's question's positive share is called (满意率, 知晓率 …).
    pub fn share_name(
        &self,
        s: &'static Strings,
        population: &str,
        question: &str,
    ) -> &'static str {
        self.summary
            .populations
            .iter()
            .find(|p| p.id == population)
            .and_then(|p| p.questions.iter().find(|q| q.id == question))
            .map_or(s.positive_share, |q| markdown::positive_name(s, q.measure))
    }
}

/// Significance level for "notable" differences in the report.
const ALPHA: f64 = 0.05;

/// The report's sections, in order; those with nothing to say are left out.
#[derive(Clone, Copy, PartialEq)]
enum Section {
    Sample,
    Method,
    Satisfaction,
    Awareness,
    Indicators,
    Said,
    Groups,
}

fn sections(data: &ReportData) -> Vec<Section> {
    let mut list = vec![Section::Sample, Section::Method];
    if data.summary.populations.iter().any(has_satisfaction) {
        list.push(Section::Satisfaction);
    }
    if data
        .summary
        .populations
        .iter()
        .any(|p| p.questions.iter().any(is_awareness))
    {
        list.push(Section::Awareness);
    }
    if !data.summary.indicators.is_empty() {
        list.push(Section::Indicators);
    }
    if data
        .summary
        .populations
        .iter()
        .any(|p| p.questions.iter().any(said_something))
    {
        list.push(Section::Said);
    }
    list.push(Section::Groups);
    list
}

/// `三、满意度评价结果` / `3. Satisfaction`.
fn heading(number: usize, title: &str, lang: Lang) -> Block {
    let r = &lang.strings().report;
    Block::heading(2, fill(r.section, &[&section_number(number, lang), title]))
}

/// The report in Markdown.
pub fn render(data: &ReportData, lang: Lang) -> String {
    blocks::to_markdown(&report_blocks(data, lang))
}

/// The report as blocks, captions numbered.
pub fn report_blocks(data: &ReportData, lang: Lang) -> Vec<Block> {
    let r = &lang.strings().report;
    let mut out = vec![Block::heading(1, r.title)];
    if !data.title.is_empty() {
        out.push(Block::Paragraph(vec![Span::strong(data.title.clone())]));
    }
    cover(&mut out, data, lang);
    out.push(Block::Quote(vec![Span::plain(fill(
        r.generated,
        &[&data.generated],
    ))]));
    let order = sections(data);
    let number_of = |section: Section| order.iter().position(|&x| x == section).map(|i| i + 1);
    for (i, &section) in order.iter().enumerate() {
        let n = i + 1;
        match section {
            Section::Sample => sample_section(&mut out, n, data, lang),
            Section::Method => {
                method_section(&mut out, n, number_of(Section::Indicators), data, lang)
            }
            Section::Satisfaction => satisfaction_section(&mut out, n, data, lang),
            Section::Awareness => awareness_section(&mut out, n, data, lang),
            Section::Indicators => indicators_section(&mut out, n, data, lang),
            Section::Said => said_section(&mut out, n, data, lang),
            Section::Groups => groups_section(&mut out, n, data, lang),
        }
    }
    appendix_section(&mut out, data, lang);
    blocks::number_captions(&mut out, lang);
    out
}

/// 项目名称、委托单位、评价机构、报告日期 — those the definition states; the date defaults to
/// the day the report was generated.
fn cover(out: &mut Vec<Block>, data: &ReportData, lang: Lang) {
    let r = &lang.strings().report;
    let p = punct(lang);
    let m = &data.meta;
    let date = m.date.clone().unwrap_or_else(|| data.generated.clone());
    for (name, value) in [
        (r.meta_project, m.project.as_deref()),
        (r.meta_client, m.client.as_deref()),
        (r.meta_evaluator, m.evaluator.as_deref()),
        (r.meta_date, Some(date.as_str())),
    ] {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            out.push(Block::text(format!("{name}{}{v}", p.colon)));
        }
    }
}

/// 调查概况: who was asked, what came back, and the precision it allows.
fn sample_section(out: &mut Vec<Block>, number: usize, data: &ReportData, lang: Lang) {
    let s = lang.strings();
    let r = &s.report;
    let settings = data.summary.settings;
    out.push(heading(number, r.h_sample, lang));
    let c = &r.sample_columns;
    let rows = data
        .summary
        .populations
        .iter()
        .map(|p| {
            let a = &p.accounting;
            let files: Vec<String> = p.files.iter().map(|f| shown_path(&f.path)).collect();
            // Of the responses the report is about: those meeting the filter, if any.
            let considered = a.received - a.filtered_out;
            let rate = if considered > 0 {
                percent(a.valid as f64 / considered as f64)
            } else {
                String::new()
            };
            Row::new(vec![
                p.name.clone(),
                files.join("\n"),
                a.received.to_string(),
                a.valid.to_string(),
                rate,
                rule_counts(&a.excluded, lang),
                rule_counts(&a.flagged, lang),
            ])
        })
        .collect();
    out.push(Block::Table(Table {
        caption: Some(r.sample_caption.to_string()),
        columns: vec![
            Column::text(c[0]),
            Column::text(c[1]),
            Column::number(c[2]),
            Column::number(c[3]),
            Column::number(c[4]),
            Column::text(c[5]),
            Column::text(c[6]),
        ],
        rows,
    }));
    if !data.summary.filter.is_empty() {
        let outside: Vec<String> = data
            .summary
            .populations
            .iter()
            .map(|p| format!("{} {}", p.name, p.accounting.filtered_out))
            .collect();
        out.push(Block::text(fill(
            r.filter_sentence,
            &[
                &data.summary.filter.join(s.filter_and),
                &outside.join(r.list_sep),
            ],
        )));
    }
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
        out.push(Block::text(fill(
            r.precision,
            &[&conf_percent(conf.level()), &precision.join(r.list_sep)],
        )));
    }
}

/// 评价方法: validity rules, interval method, population sizes, weights, composites, indicators —
/// numbered as they apply.
fn method_section(
    out: &mut Vec<Block>,
    number: usize,
    indicators_at: Option<usize>,
    data: &ReportData,
    lang: Lang,
) {
    let s = lang.strings();
    let r = &s.report;
    let p = punct(lang);
    let settings = data.summary.settings;
    let conf = settings.conf;
    out.push(heading(number, r.h_method, lang));
    // Each item, with the sub-items that detail it.
    let mut items: Vec<(String, Vec<String>)> = vec![validity_statement(data, lang)];
    if data.decisions > 0 {
        items.push((fill(r.manual, &[&data.decisions.to_string()]), Vec::new()));
    }
    let method = s.method_names[method_index(settings.method)];
    items.push((
        fill(r.method_interval, &[method, &conf_percent(conf.level())]),
        Vec::new(),
    ));
    let sized: Vec<String> = data
        .summary
        .populations
        .iter()
        .filter_map(|p| p.size.map(|n| format!("{} {n}", p.name)))
        .collect();
    if !sized.is_empty() {
        items.push((fill(r.method_fpc, &[&sized.join(r.list_sep)]), Vec::new()));
    }
    let (weighted, unweighted): (Vec<&PopulationSummary>, Vec<&PopulationSummary>) = data
        .summary
        .populations
        .iter()
        .partition(|p| p.weights.is_some());
    if weighted.is_empty() {
        items.push((r.method_unweighted.to_string(), Vec::new()));
    } else {
        for pop in &weighted {
            if let Some(w) = &pop.weights {
                let strata: Vec<String> = w
                    .strata
                    .iter()
                    .map(|(k, n, share, weight)| {
                        fill(
                            r.stratum_item,
                            &[k, &n.to_string(), &percent(*share), &format!("{weight:.3}")],
                        )
                    })
                    .collect();
                let text = match &w.rake {
                    Some(_) => fill(
                        r.method_raked,
                        &[
                            &pop.name,
                            &w.rake
                                .as_ref()
                                .map(|k| k.margins.join(p.list))
                                .unwrap_or_default(),
                            &strata.join(p.list),
                            &super::markdown::rake_lines(w, lang.strings()).join(p.list),
                        ],
                    ),
                    None => fill(r.method_weighted, &[&pop.name, &strata.join(p.list)]),
                };
                items.push((text, Vec::new()));
            }
        }
        if !unweighted.is_empty() {
            let names: Vec<&str> = unweighted.iter().map(|p| p.name.as_str()).collect();
            items.push((
                fill(r.method_unweighted_rest, &[&names.join(p.list)]),
                Vec::new(),
            ));
        }
    }
    items.push((r.method_shares.to_string(), Vec::new()));
    if data
        .summary
        .populations
        .iter()
        .any(|p| !p.dimensions.is_empty())
    {
        items.push((r.method_composite.to_string(), Vec::new()));
    }
    if let Some(at) = indicators_at {
        items.push((
            fill(r.method_indicators, &[&section_number(at, lang)]),
            Vec::new(),
        ));
    }
    for (i, (item, details)) in items.into_iter().enumerate() {
        out.push(Block::Item {
            number: Some(i + 1),
            depth: 0,
            spans: vec![Span::plain(item)],
        });
        for d in details {
            out.push(Block::Item {
                number: None,
                depth: 1,
                spans: vec![Span::plain(d)],
            });
        }
    }
}

fn has_satisfaction(p: &PopulationSummary) -> bool {
    !p.dimensions.is_empty() || !overall_satisfaction(p).is_empty()
}

/// Satisfaction questions outside any dimension: the overall ones.
fn overall_satisfaction(p: &PopulationSummary) -> Vec<&QuestionSummary> {
    p.questions
        .iter()
        .filter(|q| q.dimensions.is_empty() && q.kind == QuestionKind::Single && is_satisfaction(q))
        .collect()
}

/// `满意率（非常满意+满意）**86.17%**（95% 置信区间 84.10% – 88.00%；n = 1200，平均得分 83.05）`.
fn share_sentence(
    q: &QuestionSummary,
    ci_head: &str,
    with_mean: bool,
    lang: Lang,
) -> Option<Vec<Span>> {
    let s = lang.strings();
    let p = punct(lang);
    let pos = q.positive.as_ref()?;
    let e = pos.share?;
    let mean = q
        .mean
        .as_ref()
        .and_then(|m| m.mean)
        .filter(|_| with_mean)
        .map(|m| {
            format!(
                "{}{}",
                p.comma,
                fill(s.report.mean_inline, &[&format!("{:.2}", m.estimate)])
            )
        })
        .unwrap_or_default();
    Some(vec![
        Span::plain(format!(
            "{}{}",
            markdown::positive_label(s, q.measure, &pos.levels),
            p.space
        )),
        Span::strong(percent(e.estimate)),
        Span::plain(format!(
            "{}{ci_head} {}{}n = {}{mean}{}",
            p.open,
            interval(&e),
            p.semi,
            pos.n,
            p.close
        )),
    ])
}

/// 满意度: overall and per-dimension satisfaction, the weakest items, reliability.
fn satisfaction_section(out: &mut Vec<Block>, number: usize, data: &ReportData, lang: Lang) {
    let s = lang.strings();
    let r = &s.report;
    let p_ = punct(lang);
    let ci_head = fill(
        s.interval,
        &[&conf_percent(data.summary.settings.conf.level())],
    );
    out.push(heading(number, r.h_satisfaction, lang));
    for p in data
        .summary
        .populations
        .iter()
        .filter(|p| has_satisfaction(p))
    {
        out.push(Block::heading(3, p.name.clone()));
        for q in overall_satisfaction(p) {
            if let Some(sentence) = share_sentence(q, &ci_head, true, lang) {
                let mut spans = vec![Span::plain(format!("{}{}", q.text, p_.colon))];
                spans.extend(sentence);
                out.push(Block::bullet(spans));
            }
        }
        if p.dimensions.is_empty() {
            continue;
        }
        let items: Vec<&QuestionSummary> = p
            .questions
            .iter()
            .filter(|q| !q.dimensions.is_empty())
            .collect();
        let share = markdown::common_positive_name(s, items.iter().copied());
        let c = &r.dimension_columns;
        let rows = p
            .dimensions
            .iter()
            .map(|d| {
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
                Row::new(vec![
                    d.name.clone(),
                    d.items.len().to_string(),
                    rate,
                    ci,
                    mean,
                    alpha,
                ])
            })
            .collect();
        let caption = fill(s.dimensions_caption, &[&p.name]);
        out.push(Block::Table(Table {
            caption: Some(caption.clone()),
            columns: vec![
                Column::text(c[0]),
                Column::number(c[1]),
                Column::number(share),
                Column::text(ci_head.clone()),
                Column::number(c[2]),
                Column::number(c[3]),
            ],
            rows,
        }));
        if let Some(chart) = data.chart(&p.id, "dimensions") {
            out.push(Block::Figure(Figure {
                caption,
                chart: chart.to_string(),
            }));
        }
        // The weakest items: where satisfaction is lowest.
        let mut lowest: Vec<(&QuestionSummary, f64)> = items
            .iter()
            .filter(|q| is_satisfaction(q))
            .filter_map(|q| q.positive.as_ref()?.share.map(|e| (*q, e.estimate)))
            .collect();
        lowest.sort_by(|a, b| a.1.total_cmp(&b.1));
        let low: Vec<String> = lowest
            .iter()
            .take(3)
            .map(|(q, v)| format!("{}{}{}{}", q.text, p_.open, percent(*v), p_.close))
            .collect();
        if !low.is_empty() {
            out.push(Block::text(fill(r.lowest_items, &[&low.join(r.list_sep)])));
        }
        let weak_alpha: Vec<String> = p
            .dimensions
            .iter()
            .filter(|d| d.reliability.as_ref().is_some_and(|a| a.alpha < 0.7))
            .map(|d| d.name.clone())
            .collect();
        if !weak_alpha.is_empty() {
            out.push(Block::text(fill(
                r.low_alpha,
                &[&weak_alpha.join(r.list_sep)],
            )));
        }
    }
}

/// 知晓度: each population's awareness split and rate.
fn awareness_section(out: &mut Vec<Block>, number: usize, data: &ReportData, lang: Lang) {
    let s = lang.strings();
    let r = &s.report;
    let p_ = punct(lang);
    let ci_head = fill(
        s.interval,
        &[&conf_percent(data.summary.settings.conf.level())],
    );
    out.push(heading(number, r.h_awareness, lang));
    for p in &data.summary.populations {
        for q in p.questions.iter().filter(|q| is_awareness(q)) {
            let levels: Vec<String> = q
                .levels
                .iter()
                .filter_map(|l| {
                    l.share
                        .map(|e| format!("{} {}", l.label, percent(e.estimate)))
                })
                .collect();
            let mut spans = vec![Span::plain(format!(
                "{}{}{}{}",
                p.name,
                p_.colon,
                levels.join(r.list_sep),
                p_.next
            ))];
            spans.extend(share_sentence(q, &ci_head, false, lang).unwrap_or_default());
            spans.push(Span::plain(p_.stop));
            out.push(Block::bullet(spans));
        }
    }
}

/// 指标: the indicator table.
fn indicators_section(out: &mut Vec<Block>, number: usize, data: &ReportData, lang: Lang) {
    let r = &lang.strings().report;
    out.push(heading(number, r.h_indicators, lang));
    out.extend(indicator_table::blocks(
        &data.summary.tables,
        data.summary.settings,
        lang,
        true,
    ));
}

fn said_something(q: &QuestionSummary) -> bool {
    q.said.as_ref().is_some_and(|t| t.n > 0)
}

/// 意见和建议: per free-text question, where the views centre (the declared themes most
/// respondents touched, or the words most used), then the themes' table and a few answers.
fn said_section(out: &mut Vec<Block>, number: usize, data: &ReportData, lang: Lang) {
    let s = lang.strings();
    let r = &s.report;
    let p_ = punct(lang);
    let ci_head = fill(
        s.interval,
        &[&conf_percent(data.summary.settings.conf.level())],
    );
    out.push(heading(number, r.h_said, lang));
    for p in &data.summary.populations {
        for q in p.questions.iter().filter(|q| said_something(q)) {
            let Some(said) = &q.said else { continue };
            out.push(Block::heading(
                3,
                format!("{}{}{}", p.name, p_.colon, q.text),
            ));
            let mut themes: Vec<_> = said.themes.iter().filter(|t| t.count > 0).collect();
            themes.sort_by_key(|t| std::cmp::Reverse(t.count));
            let focus: Vec<String> = if themes.is_empty() {
                said.keywords
                    .iter()
                    .take(5)
                    .map(|(w, c)| fill(r.said_word_item, &[w, &c.to_string()]))
                    .collect()
            } else {
                themes
                    .iter()
                    .take(3)
                    .map(|t| {
                        fill(
                            r.said_theme_item,
                            &[
                                &t.name,
                                &t.count.to_string(),
                                &t.share.map(|e| percent(e.estimate)).unwrap_or_default(),
                            ],
                        )
                    })
                    .collect()
            };
            if !focus.is_empty() {
                let template = if themes.is_empty() {
                    r.said_words
                } else {
                    r.said_focus
                };
                out.push(Block::text(fill(
                    template,
                    &[&p.name, &focus.join(p_.list)],
                )));
            }
            let caption = fill(s.themes_caption, &[&format!("{} {}", q.id, q.text)]);
            out.extend(markdown::what_was_said(
                said,
                lang,
                &ci_head,
                Some(caption),
                data.summary.settings.weighted,
            ));
        }
    }
}

/// 群体差异: notable group differences, population differences and breakdowns.
fn groups_section(out: &mut Vec<Block>, number: usize, data: &ReportData, lang: Lang) {
    let s = lang.strings();
    let r = &s.report;
    let p_ = punct(lang);
    let ci_head = fill(
        s.interval,
        &[&conf_percent(data.summary.settings.conf.level())],
    );
    out.push(heading(number, r.h_groups, lang));
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
        out.push(Block::text(r.no_groups));
    } else if notable.is_empty() {
        out.push(Block::text(fill(r.no_differences, &[&ALPHA.to_string()])));
    } else {
        out.push(Block::text(fill(
            r.differences_intro,
            &[&ALPHA.to_string()],
        )));
        for t in notable {
            let Some(test) = t.test.as_ref() else {
                continue;
            };
            let furthest = t
                .furthest
                .as_ref()
                .map(|(g, d)| {
                    fill(
                        r.furthest,
                        &[
                            g,
                            data.share_name(s, &t.population, &t.question),
                            &points(d.estimate),
                            &ci_head,
                            &points(d.low),
                            &points(d.high),
                        ],
                    )
                })
                .unwrap_or_default();
            let p = if test.p_value < 0.001 {
                "< 0.001".to_string()
            } else {
                format!("= {}", p_value(test.p_value))
            };
            out.push(Block::bullet(vec![Span::plain(format!(
                "{}{}{}{}{}{}{}{}{}χ² = {:.2}{}df = {}{}p {p}{}Cramér's V = {:.3}{}{furthest}",
                t.text,
                p_.open,
                data.population_name(&t.population),
                p_.comma,
                r.by,
                p_.space,
                data.group_name(&t.population, &t.by),
                p_.close,
                p_.colon,
                test.statistic,
                p_.comma,
                test.df,
                p_.comma,
                p_.comma,
                test.cramers_v,
                p_.next,
            ))]));
        }
    }
    between(out, data, lang, &ci_head, &p_);
    for g in &data.breakdowns {
        breakdown_table(out, data, g, lang);
    }
}

/// Positive shares of the questions two populations were both asked, and their difference.
fn between(out: &mut Vec<Block>, data: &ReportData, lang: Lang, ci_head: &str, p_: &Punct) {
    let s = lang.strings();
    let r = &s.report;
    for pair in data
        .differences
        .chunk_by(|a, b| (&a.population_a, &a.population_b) == (&b.population_a, &b.population_b))
    {
        let a = data.population_name(&pair[0].population_a);
        let b = data.population_name(&pair[0].population_b);
        out.push(Block::text(fill(r.between_intro, &[a, b, a, b])));
        let newcombe = format!("{ci_head}{}Newcombe{}", p_.open, p_.close);
        let c = &s.between_columns;
        let rows = pair
            .iter()
            .map(|d| {
                let share = |x: u64, n: u64| {
                    if n > 0 {
                        format!(
                            "{}{}{x}/{n}{}",
                            percent(x as f64 / n as f64),
                            p_.open,
                            p_.close
                        )
                    } else {
                        String::new()
                    }
                };
                let (diff, ci) = match d.difference {
                    Some(e) => (
                        points(e.estimate),
                        format!("{} – {}", points(e.low), points(e.high)),
                    ),
                    None => Default::default(),
                };
                Row::new(vec![
                    format!(
                        "{}{}{}{}",
                        d.text,
                        p_.open,
                        data.share_name(s, &d.population_a, &d.question_a),
                        p_.close
                    ),
                    share(d.count_a, d.n_a),
                    share(d.count_b, d.n_b),
                    diff,
                    ci,
                ])
            })
            .collect();
        out.push(Block::Table(Table {
            caption: Some(fill(r.between_caption, &[a, b])),
            columns: vec![
                Column::text(c[0]),
                Column::number(a),
                Column::number(b),
                Column::number(c[3]),
                Column::text(newcombe),
            ],
            rows,
        }));
    }
}

/// One population's positive shares by the groups of one declared grouping.
fn breakdown_table(out: &mut Vec<Block>, data: &ReportData, g: &GroupBreakdown, lang: Lang) {
    let s = lang.strings();
    let r = &s.report;
    let b = &g.breakdown;
    let title = fill(r.breakdown_title, &[&g.population, &g.group]);
    out.push(Block::heading(3, title.clone()));
    let mut columns = vec![Column::text(r.group_column), Column::text(r.share_column)];
    columns.extend(b.groups.iter().map(|g| Column::number(g.label.clone())));
    let mut n_row = vec!["n".to_string(), String::new()];
    n_row.extend(b.groups.iter().map(|g| g.valid.to_string()));
    let mut rows = vec![Row::new(n_row)];
    if let Some(first) = b.groups.first() {
        for (i, q) in first.questions.iter().enumerate() {
            if q.positive.is_none() {
                continue;
            }
            let mut cells = vec![
                format!("{} {}", q.id, q.text),
                data.share_name(s, &g.population_id, &q.id).to_string(),
            ];
            cells.extend(b.groups.iter().map(|g| {
                g.questions
                    .get(i)
                    .and_then(|q| q.positive.as_ref()?.share)
                    .map(|e| percent(e.estimate))
                    .unwrap_or_default()
            }));
            rows.push(Row::new(cells));
        }
    }
    out.push(Block::Table(Table {
        caption: Some(title),
        columns,
        rows,
    }));
    means_table(out, data, g, lang);
    multiple_crosstabs(out, g, lang);
}

/// Each scored question's and dimension's mean score in every group, with the p of Welch's test
/// (it does not assume the groups' variances equal, as they seldom are).
fn means_table(out: &mut Vec<Block>, data: &ReportData, g: &GroupBreakdown, lang: Lang) {
    let s = lang.strings();
    let m = &s.means;
    let Some(first) = g.means.first() else {
        return;
    };
    let caption = fill(m.report_caption, &[&g.population, &g.group]);
    let mut columns = vec![Column::text(s.report.group_column)];
    columns.extend(first.groups.iter().map(|x| Column::number(x.label.clone())));
    columns.push(Column::number(m.report_p_column));
    let rows = g
        .means
        .iter()
        .map(|r| {
            let title = if r.question.starts_with("dimension:") {
                r.text.clone()
            } else {
                format!("{} {}", r.question, r.text)
            };
            let mut cells = vec![title];
            cells.extend(r.groups.iter().map(|x| {
                x.mean
                    .map(|e| format!("{:.2}", e.estimate))
                    .unwrap_or_default()
            }));
            let p = match r.k {
                2 => r.welch_t.map(|t| t.p_value),
                _ => r.welch_anova.map(|t| t.p_value),
            };
            cells.push(p.map(p_value).unwrap_or_else(|| "—".into()));
            Row::new(cells)
        })
        .collect();
    out.push(Block::Table(Table {
        caption: Some(caption),
        columns,
        rows,
    }));
    out.push(Block::text(fill(m.report_note, &[&g.group_id])));
    if data.summary.settings.weighted {
        out.push(Block::text(m.report_unweighted));
    }
}

/// Each multiple-choice question by the groups: per option, how many of each group chose it and
/// their share of the group's respondents (普及率), with the group's respondents as n.
fn multiple_crosstabs(out: &mut Vec<Block>, g: &GroupBreakdown, lang: Lang) {
    let s = lang.strings();
    let r = &s.report;
    let p = punct(lang);
    let b = &g.breakdown;
    let Some(first) = b.groups.first() else {
        return;
    };
    for (i, q) in first.questions.iter().enumerate() {
        if q.kind != QuestionKind::Multiple {
            continue;
        }
        let mut columns = vec![Column::text(s.option)];
        columns.extend(b.groups.iter().map(|g| Column::number(g.label.clone())));
        let mut n_row = vec!["n".to_string()];
        n_row.extend(b.groups.iter().map(|g| {
            g.questions
                .get(i)
                .map(|q| q.n.to_string())
                .unwrap_or_default()
        }));
        let mut rows = vec![Row::new(n_row)];
        for (k, level) in q.levels.iter().enumerate() {
            let mut cells = vec![level.label.clone()];
            cells.extend(b.groups.iter().map(|g| {
                g.questions
                    .get(i)
                    .and_then(|q| q.levels.get(k))
                    .map(|l| match l.share {
                        Some(e) => {
                            format!("{}{}{}{}", l.count, p.open, percent(e.estimate), p.close)
                        }
                        None => l.count.to_string(),
                    })
                    .unwrap_or_default()
            }));
            rows.push(Row::new(cells));
        }
        out.push(Block::Table(Table {
            caption: Some(fill(
                r.crosstab_caption,
                &[&format!("{} {}", q.id, q.text), &g.group],
            )),
            columns,
            rows,
        }));
        out.push(Block::text(r.crosstab_note));
    }
}

/// 附录: every question's table and chart, then the dimensions' composites and reliability.
fn appendix_section(out: &mut Vec<Block>, data: &ReportData, lang: Lang) {
    let s = lang.strings();
    let r = &s.report;
    let p_ = punct(lang);
    let ci_head = fill(
        s.interval,
        &[&conf_percent(data.summary.settings.conf.level())],
    );
    out.push(Block::heading(2, r.h_appendix));
    for p in &data.summary.populations {
        out.push(Block::heading(3, markdown::population_heading(p, &p_)));
        for q in &p.questions {
            out.extend(markdown::question(q, lang, &ci_head, 4, true));
            if let Some(chart) = data.chart(&p.id, &q.id) {
                out.push(Block::Figure(Figure {
                    caption: format!("{} {}", q.id, q.text),
                    chart: chart.to_string(),
                }));
            }
        }
        if !p.dimensions.is_empty() {
            out.push(Block::heading(4, s.h_dimensions));
            out.extend(markdown::dimensions(p, lang, &ci_head, true));
        }
    }
}

fn is_satisfaction(q: &QuestionSummary) -> bool {
    q.positive.is_some() && q.measure == Measure::Satisfaction
}

fn is_awareness(q: &QuestionSummary) -> bool {
    q.positive.is_some() && q.measure == Measure::Awareness
}

/// What counted as a valid response, rule by rule — per questionnaire, as sub-items, when their
/// rules differ.
fn validity_statement(data: &ReportData, lang: Lang) -> (String, Vec<String>) {
    let r = &lang.strings().report;
    let p = punct(lang);
    let names = |ids: &[&str]| -> String {
        ids.iter()
            .map(|id| data.population_name(id).to_string())
            .collect::<Vec<_>>()
            .join(p.list)
    };
    // Populations sharing one set of rules are described together.
    let mut groups: Vec<(&ValidityConfig, Vec<&str>)> = Vec::new();
    for (id, v) in &data.validity {
        match groups.iter_mut().find(|(c, _)| *c == v) {
            Some((_, ids)) => ids.push(id),
            None => groups.push((v, vec![id])),
        }
    }
    let parts: Vec<(String, String)> = groups
        .iter()
        .map(|(v, ids)| (names(ids), rules_statement(v, lang)))
        .collect();
    match parts.as_slice() {
        [(_, only)] => (
            format!("{}{}", fill(r.validity, &[only]), p.stop),
            Vec::new(),
        ),
        _ => (
            fill(r.validity, &[""]).trim_end().to_string(),
            parts
                .iter()
                .map(|(who, rules)| format!("{who}{}{rules}{}", p.colon, p.stop))
                .collect(),
        ),
    }
}

/// One set of validity rules in words: what excludes, what flags.
fn rules_statement(v: &ValidityConfig, lang: Lang) -> String {
    let r = &lang.strings().report;
    let p = punct(lang);
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
            format!("{}{}{}", p.open, v.window.written, p.close),
        );
    }
    note(v.unreadable.action, "unreadable", String::new());
    for c in &v.checks {
        let detail = if c.description.is_empty() {
            String::new()
        } else {
            format!("{}{}{}", p.open, c.description, p.close)
        };
        note(c.action, &format!("check:{}", c.id), detail);
    }
    let mut parts = Vec::new();
    if !excluded.is_empty() {
        parts.push(fill(r.validity_excluded, &[&excluded.join(p.list)]));
    }
    if !flagged.is_empty() {
        parts.push(fill(r.validity_flagged, &[&flagged.join(p.list)]));
    }
    if parts.is_empty() {
        r.validity_none.to_string()
    } else {
        parts.join(p.semi)
    }
}
