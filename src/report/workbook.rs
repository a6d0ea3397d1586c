//! The report's workbook (report.xlsx): one sheet per table of the report — indicators,
//! questions, dimensions, groups, tests and the validity audit — for Excel and WPS users.

use super::document::ReportData;
use super::xlsx::{Cell, Sheet};
use crate::figures::indicators::rule_text;
use crate::figures::summary::{self, Summary};
use crate::i18n::{Lang, rule_label};
use crate::report::check;
use crate::survey::analysis::Figure;

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn share_cells(e: Option<crate::stats::Estimate>) -> [Cell; 3] {
    match e {
        Some(e) => [
            Cell::Percent(e.estimate),
            Cell::Percent(e.low),
            Cell::Percent(e.high),
        ],
        None => [Cell::Empty, Cell::Empty, Cell::Empty],
    }
}

fn value_cell(figure: Figure, x: f64) -> Cell {
    match figure {
        Figure::PositiveShare => Cell::Percent(x),
        Figure::MeanScore => Cell::Number(x),
    }
}

fn question_rows(
    rows: &mut Vec<Vec<Cell>>,
    population: &str,
    group: &str,
    questions: &[summary::QuestionSummary],
    s: &'static crate::i18n::Strings,
) {
    for q in questions {
        for l in &q.levels {
            let mut row = vec![
                text(population),
                text(group),
                text(&q.id),
                text(&q.text),
                text(&l.label),
                Cell::Integer(l.count as i64),
                Cell::Integer(q.n as i64),
            ];
            row.extend(share_cells(l.share));
            rows.push(row);
        }
        if let Some(pos) = &q.positive {
            let name = crate::report::markdown::positive_name(s, q.scale.as_deref());
            let mut row = vec![
                text(population),
                text(group),
                text(&q.id),
                text(&q.text),
                text(name),
                Cell::Integer(pos.count as i64),
                Cell::Integer(pos.n as i64),
            ];
            row.extend(share_cells(pos.share));
            rows.push(row);
        }
        if let Some(m) = &q.mean
            && let Some(e) = m.mean
        {
            rows.push(vec![
                text(population),
                text(group),
                text(&q.id),
                text(&q.text),
                text(s.mean_score),
                Cell::Integer(m.n as i64),
                Cell::Integer(m.n as i64),
                Cell::Number(e.estimate),
                Cell::Number(e.low),
                Cell::Number(e.high),
            ]);
        }
    }
}

pub fn sheets(data: &ReportData, lang: Lang) -> Vec<Sheet> {
    let s = lang.strings();
    let r = &s.report;
    let summary: &Summary = data.summary;
    let zh = lang == Lang::Zh;
    let h = |zh_text: &[&str], en_text: &[&str]| -> Vec<String> {
        (if zh { zh_text } else { en_text })
            .iter()
            .map(|x| x.to_string())
            .collect()
    };
    let mut sheets = Vec::new();

    let indicators = Sheet {
        name: r.sheet_indicators.into(),
        headers: h(
            &[
                "指标",
                "名称",
                "调查对象",
                "指标值",
                "下限",
                "上限",
                "n",
                "目标值",
                "分值",
                "计分规则",
                "得分",
                "结论",
                "尚需有效问卷",
            ],
            &[
                "Indicator",
                "Name",
                "Population",
                "Value",
                "Low",
                "High",
                "n",
                "Target",
                "Points",
                "Rule",
                "Score",
                "Verdict",
                "More needed",
            ],
        ),
        rows: summary
            .indicators
            .iter()
            .map(|i| {
                vec![
                    text(&i.id),
                    text(&i.name),
                    text(&i.population_name),
                    value_cell(i.figure, i.value),
                    value_cell(i.figure, i.ci_low),
                    value_cell(i.figure, i.ci_high),
                    Cell::Integer(i.n as i64),
                    value_cell(i.figure, i.target),
                    Cell::Number(i.points),
                    text(&rule_text(&i.rule, i.figure, lang)),
                    Cell::Number(i.score),
                    text(i.verdict.label(lang)),
                    i.more_needed
                        .map_or(Cell::Empty, |m| Cell::Integer(m as i64)),
                ]
            })
            .collect(),
        notes: vec![s.verdict_note.to_string()],
    };
    sheets.push(indicators);

    let question_headers = h(
        &[
            "调查对象",
            "分组",
            "题号",
            "题目",
            "选项/指标",
            "人数",
            "n",
            "占比/得分",
            "下限",
            "上限",
        ],
        &[
            "Population",
            "Group",
            "Question",
            "Text",
            "Level / figure",
            "Count",
            "n",
            "Share / score",
            "Low",
            "High",
        ],
    );
    let mut rows = Vec::new();
    for p in &summary.populations {
        question_rows(&mut rows, &p.name, "", &p.questions, s);
    }
    let method = format!(
        "{} {}，{}",
        s.method_names[crate::report::method_index(summary.settings.method)],
        crate::report::conf_percent(summary.settings.conf.level()),
        r.method_shares
    );
    sheets.push(Sheet {
        name: r.sheet_questions.into(),
        headers: question_headers.clone(),
        rows,
        notes: vec![method],
    });

    let mut rows = Vec::new();
    for p in &summary.populations {
        for d in &p.dimensions {
            let (rate, low, high) =
                d.positive
                    .as_ref()
                    .map_or((Cell::Empty, Cell::Empty, Cell::Empty), |c| {
                        (
                            Cell::Percent(c.value),
                            Cell::Percent(c.low),
                            Cell::Percent(c.high),
                        )
                    });
            rows.push(vec![
                text(&p.name),
                text(&d.name),
                Cell::Integer(d.items.len() as i64),
                rate,
                low,
                high,
                d.mean
                    .as_ref()
                    .map_or(Cell::Empty, |c| Cell::Number(c.value)),
                d.reliability
                    .as_ref()
                    .map_or(Cell::Empty, |a| Cell::Decimal(a.alpha, 3)),
                d.reliability
                    .as_ref()
                    .map_or(Cell::Empty, |a| Cell::Integer(a.n as i64)),
            ]);
        }
    }
    sheets.push(Sheet {
        name: r.sheet_dimensions.into(),
        headers: h(
            &[
                "调查对象",
                "维度",
                "题数",
                "满意率",
                "下限",
                "上限",
                "平均得分",
                "Cronbach's α",
                "α 样本量",
            ],
            &[
                "Population",
                "Dimension",
                "Items",
                "Satisfaction",
                "Low",
                "High",
                "Mean score",
                "Cronbach's α",
                "α n",
            ],
        ),
        rows,
        notes: vec![r.method_composite.to_string()],
    });

    let mut rows = Vec::new();
    for (population, group, b) in &data.breakdowns {
        for g in &b.groups {
            question_rows(
                &mut rows,
                population,
                &format!("{group}：{}", g.label),
                &g.questions,
                s,
            );
        }
    }
    sheets.push(Sheet {
        name: r.sheet_groups.into(),
        headers: question_headers,
        rows,
        notes: Vec::new(),
    });

    let rows = data
        .tests
        .iter()
        .map(|t| {
            let test = t.test.as_ref();
            vec![
                text(&t.population),
                text(&t.by),
                text(&t.question),
                text(&t.text),
                Cell::Integer(t.n as i64),
                test.map_or(Cell::Empty, |x| Cell::Number(x.statistic)),
                test.map_or(Cell::Empty, |x| Cell::Integer(x.df as i64)),
                test.map_or(Cell::Empty, |x| Cell::Decimal(x.p_value, 4)),
                test.map_or(Cell::Empty, |x| Cell::Decimal(x.cramers_v, 3)),
                test.map_or(Cell::Empty, |x| Cell::Number(x.min_expected)),
                t.furthest.as_ref().map_or(Cell::Empty, |(g, _)| text(g)),
                t.furthest
                    .as_ref()
                    .map_or(Cell::Empty, |(_, d)| Cell::Percent(d.estimate)),
            ]
        })
        .collect();
    sheets.push(Sheet {
        name: r.sheet_tests.into(),
        headers: h(
            &[
                "调查对象",
                "分组",
                "题号",
                "题目",
                "n",
                "χ²",
                "自由度",
                "p 值",
                "Cramér's V",
                "最小期望频数",
                "差异最大的组",
                "与其余之差",
            ],
            &[
                "Population",
                "By",
                "Question",
                "Text",
                "n",
                "χ²",
                "df",
                "p-value",
                "Cramér's V",
                "Min expected",
                "Furthest group",
                "Difference",
            ],
        ),
        rows,
        notes: Vec::new(),
    });

    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for c in &data.checks {
        for row in &c.rows {
            rows.push(vec![
                text(&c.name),
                text(&row.file),
                Cell::Integer(row.row as i64),
                text(&row.respondent),
                text(&rule_label(lang, &row.rule)),
                text(if row.action == crate::survey::validity::Action::Exclude {
                    s.action_exclude
                } else {
                    s.action_flag
                }),
                text(&row.detail),
            ]);
        }
        notes.push(check::accounting_line(&c.name, &c.total, lang));
    }
    sheets.push(Sheet {
        name: r.sheet_validity.into(),
        headers: h(
            &["调查对象", "文件", "行", "序号", "规则", "处理", "依据"],
            &[
                "Population",
                "File",
                "Row",
                "序号",
                "Rule",
                "Action",
                "Evidence",
            ],
        ),
        rows,
        notes,
    });
    sheets
}
