//! The overview: every population's responses accounted for, every questionnaire's indicators
//! with their verdicts, and the population's headline figures — each question's positive share
//! (or mean score) with its interval — so the first screen shows figures even for a bare export.

use super::{
    emphasis, list_label, loading, message, population_label, score_span, shown_columns, window,
};
use crate::figures::indicators::{IndicatorResult, IndicatorTable, Verdict};
use crate::figures::summary::QuestionSummary;
use crate::i18n::fill;
use crate::report::markdown::{positive_label, positive_name};
use crate::report::percent;
use crate::survey::analysis::Figure;
use crate::tui::app::App;
use crate::tui::data::Data;
use crate::tui::widgets::{Column, bar, color, fit, layout, widest, width};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

/// The fewest rows worth giving the headline figures under the indicators: borders, heading and
/// the selected question (so the arrow keys visibly move through them).
const HEADLINE_ROWS: u16 = 4;

/// The overview, or until the data is open, how far reading it has got (or why it failed): keys
/// other than help and quit wait for the data, so this is the view a person sees meanwhile.
pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if let Some(failed) = &app.failed {
        loading::failed(app, failed, frame, area);
        return;
    }
    let Some(data) = &app.data else {
        loading::progress(app, frame, area);
        return;
    };
    let populations = data.populations.len() as u16;
    let [top, rest] =
        Layout::vertical([Constraint::Length(populations + 3), Constraint::Fill(1)]).areas(area);
    population_table(app, data, frame, top);
    // Without indicators the headline figures are the overview; with them, they go under the
    // indicator table when there is room.
    if !data.surveys.iter().any(|l| !l.survey.indicators.is_empty()) {
        headline_table(app, data, frame, rest);
        return;
    }
    let indicators = Indicators::gather(app, data);
    let wanted = indicators.height(app, rest.width);
    if rest.height >= wanted + HEADLINE_ROWS {
        let [top, bottom] =
            Layout::vertical([Constraint::Length(wanted), Constraint::Fill(1)]).areas(rest);
        indicators.draw(app, frame, top);
        headline_table(app, data, frame, bottom);
    } else {
        indicators.draw(app, frame, rest);
    }
}

/// Every population's responses accounted for: received, valid, excluded, flagged and why.
fn population_table(app: &App, data: &Data, frame: &mut Frame, area: Rect) {
    let t = &app.lang.strings().tui;
    // Under a filter, the responses outside it have a column of their own beside those received
    // (received = filtered out + valid + excluded).
    let filtering = app.where_filter.is_some();
    let mut heads = t.population_columns.to_vec();
    if filtering {
        heads.insert(2, t.filtered_column);
    }
    let count = |i: usize, most: u64| Column::fixed(width(heads[i]).max(most.to_string().len()));
    let accounts: Vec<_> = app.accounting.iter().flatten().collect();
    let most = |f: &dyn Fn(&crate::validity::Accounting) -> u64| {
        accounts.iter().map(|a| f(a)).max().unwrap_or(0)
    };
    let excluded = |a: &crate::validity::Accounting| a.excluded.iter().map(|(_, n)| n).sum::<u64>();
    let reasons: Vec<String> = (0..data.populations.len())
        .map(|p| match app.accounting.get(p).and_then(|a| a.as_ref()) {
            Some(a) => crate::report::markdown::rule_counts(&a.excluded, app.lang),
            None => String::new(),
        })
        .collect();
    let names: Vec<String> = (0..data.populations.len())
        .map(|p| population_label(app, p, usize::MAX))
        .collect();
    // The name gives way last: the reasons are cut, then left out, before it is. Where the
    // names with their ids do not fit, the names alone are what the column needs.
    let inner = usize::from(area.width.saturating_sub(2));
    let full = widest(names.iter().map(String::as_str).chain([heads[0]]));
    let short = widest(
        (0..data.populations.len())
            .map(|p| data.name(p).1)
            .chain([heads[0]]),
    );
    let last = heads.len() - 1;
    let mut columns = vec![
        Column::cut(full, 8, 1),
        count(1, most(&|a| a.received)),
        count(last - 3, most(&|a| a.valid)),
        count(last - 2, most(&excluded)),
        count(last - 1, most(&|a| a.flagged_responses)),
        Column::cut(
            widest(reasons.iter().map(String::as_str).chain([heads[last]])),
            12,
            3,
        )
        .or_drop(2),
    ];
    if filtering {
        columns.insert(2, count(2, most(&|a| a.filtered_out)));
    }
    let mut widths = layout(&columns, inner);
    if widths[0].is_some_and(|w| w < full) {
        columns[0] = Column::cut(short, 8, 1);
        widths = layout(&columns, inner);
    }
    let (shown, constraints) = shown_columns(&widths);
    let name_cols = widths[0].unwrap_or(0);
    let rows: Vec<Row> = (0..data.populations.len())
        .map(|p| {
            let mut cells = vec![population_label(app, p, name_cols)];
            match app.accounting.get(p).and_then(|a| a.as_ref()) {
                Some(a) => cells.extend([
                    a.received.to_string(),
                    a.valid.to_string(),
                    excluded(a).to_string(),
                    a.flagged_responses.to_string(),
                    reasons[p].clone(),
                ]),
                None => cells.extend([
                    t.computing.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]),
            }
            if filtering {
                // A population the filter cannot apply to is shown whole: a dash, not 0.
                let out = match (
                    app.accounting.get(p).and_then(|a| a.as_ref()),
                    app.review(p),
                ) {
                    (Some(a), Some(r)) if r.is_filtered() => a.filtered_out.to_string(),
                    (Some(_), _) => "—".to_string(),
                    (None, _) => String::new(),
                };
                cells.insert(2, out);
            }
            let style = if p == app.population {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            Row::new(
                shown
                    .iter()
                    .map(|&c| fit(&cells[c], widths[c].unwrap_or(0))),
            )
            .style(style)
        })
        .collect();
    let header = Row::new(shown.iter().map(|&c| heads[c]))
        .style(Style::default().add_modifier(Modifier::BOLD));
    frame.render_widget(
        Table::new(rows, constraints)
            .header(header)
            .block(Block::default().borders(Borders::ALL).title(t.populations)),
        area,
    );
}

/// One row of the indicator panel.
enum IndicatorRow<'a> {
    /// A line the survey feeds, with its value, interval and verdict.
    Line(&'a IndicatorResult),
    /// A table's lines the evaluators scored, as one row: how many, their score and points.
    Entered(usize, f64, f64),
    /// A table's total and grade.
    Total(&'a IndicatorTable, bool),
}

/// What the indicator panel shows: per questionnaire, the lines its survey feeds, the lines its
/// evaluators scored as one row, and its total and grade; and the questionnaires whose
/// indicators could not be evaluated.
struct Indicators<'a> {
    rows: Vec<IndicatorRow<'a>>,
    problems: Vec<String>,
    /// Some are being evaluated again.
    stale: bool,
}

impl<'a> Indicators<'a> {
    fn gather(app: &'a App, data: &Data) -> Indicators<'a> {
        let t = &app.lang.strings().tui;
        let mut problems = Vec::new();
        let tables: Vec<&IndicatorTable> = app
            .indicators
            .iter()
            .enumerate()
            .filter_map(|(survey, state)| match state {
                Some(Ok(table)) if !table.lines.is_empty() => Some(table),
                Some(Err(e)) => {
                    problems.push(format!(
                        "{}{}{}",
                        data.surveys[survey].survey.title,
                        t.colon,
                        e.render(app.lang)
                    ));
                    None
                }
                _ => None,
            })
            .collect();
        let several = tables.len() > 1;
        let mut rows = Vec::new();
        for table in tables {
            rows.extend(
                table
                    .lines
                    .iter()
                    .filter(|l| !l.entered)
                    .map(IndicatorRow::Line),
            );
            let entered: Vec<_> = table.lines.iter().filter(|l| l.entered).collect();
            if !entered.is_empty() {
                rows.push(IndicatorRow::Entered(
                    entered.len(),
                    entered.iter().map(|l| l.score).sum(),
                    entered.iter().map(|l| l.points).sum(),
                ));
            }
            rows.push(IndicatorRow::Total(table, several));
        }
        Indicators {
            rows,
            problems,
            stale: (0..data.surveys.len()).any(|s| app.indicators_stale(s)),
        }
    }

    fn lines(&self) -> impl Iterator<Item = &'a IndicatorResult> + '_ {
        self.rows.iter().filter_map(|r| match r {
            IndicatorRow::Line(l) => Some(*l),
            _ => None,
        })
    }

    /// The rows the table and its notes take in `cols` columns, borders included.
    fn height(&self, app: &App, cols: u16) -> u16 {
        let inner = usize::from(cols.saturating_sub(2)).max(1);
        let wrapped = |lines: &[Line]| -> usize {
            lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum()
        };
        let body = if self.rows.is_empty() {
            1
        } else {
            let notes = notes(app, self.lines(), &self.problems);
            let notes = if notes.is_empty() {
                0
            } else {
                1 + wrapped(&notes)
            };
            1 + self.rows.len() + notes
        };
        (body + 2).min(usize::from(u16::MAX)) as u16
    }

    /// The table, coloured (and worded) by verdict, with its notes beneath.
    fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        let t = &app.lang.strings().tui;
        let title = if self.stale {
            format!("{} …", t.indicators)
        } else {
            t.indicators.to_string()
        };
        let block = Block::default().borders(Borders::ALL).title(title);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.rows.is_empty() {
            let text = match self.problems.first() {
                Some(p) => crate::text::visible(p).into_owned(),
                None => t.computing.to_string(),
            };
            message(frame, inner, &text);
            return;
        }
        let notes = notes(app, self.lines(), &self.problems);
        let [table_area, notes_area] = Layout::vertical([
            Constraint::Length(self.rows.len() as u16 + 2),
            Constraint::Fill(1),
        ])
        .areas(inner);
        frame.render_widget(Paragraph::new(notes).wrap(Wrap { trim: true }), notes_area);
        let mut cells: Vec<[String; 7]> = self.rows.iter().map(|r| row_cells(app, r)).collect();
        let heads = t.indicator_columns;
        let need = |c: usize| widest(cells.iter().map(|r| r[c].as_str()).chain([heads[c]]));
        // A narrow window leaves out the population and the score, then cuts the name, then
        // leaves out the target and the interval: the name, value and verdict stay. A wide one
        // draws the value and its interval against the target.
        // A total named after its questionnaire is cut rather than widen the names.
        let names = widest(
            self.rows
                .iter()
                .zip(&cells)
                .filter(|(r, _)| !matches!(r, IndicatorRow::Total(_, true)))
                .map(|(_, c)| c[0].as_str())
                .chain([heads[0]]),
        );
        let columns = [
            Column::cut(names, 12, 4),
            Column::fixed(need(1)).or_drop(6),
            Column::fixed(need(2)),
            Column::fixed(need(3)).or_drop(2),
            Column::fixed(need(4)).or_drop(3),
            Column::fixed(need(5)).or_drop(5),
            Column::fixed(need(6)),
            Column::bar(12).or_drop(7),
        ];
        let widths = layout(&columns, usize::from(inner.width));
        // Without the score column, the evaluators' lines and the totals say theirs after the name.
        if widths[5].is_none() {
            for (row, c) in self.rows.iter().zip(&mut cells) {
                match row {
                    IndicatorRow::Line(_) => {}
                    IndicatorRow::Entered(..) => c[0] = format!("{}{}{}", c[0], t.colon, c[5]),
                    // The score before the questionnaire's name, which may be cut.
                    IndicatorRow::Total(table, several) => {
                        let total = app.lang.strings().total;
                        c[0] = format!("{total}{}{}", t.colon, c[5]);
                        if *several {
                            c[0] = format!("{} {}", c[0], crate::text::visible(&table.title));
                        }
                    }
                }
            }
        }
        let (shown, constraints) = shown_columns(&widths);
        let bar_cols = widths[7].unwrap_or(0);
        let span = mean_span(self.lines());
        let rows: Vec<Row> = self
            .rows
            .iter()
            .zip(&cells)
            .map(|(r, cells)| {
                let style = match r {
                    IndicatorRow::Line(l) => verdict_style(app, l.verdict),
                    IndicatorRow::Entered(..) => Style::default(),
                    IndicatorRow::Total(t, _) if t.grade_uncertain() => {
                        color(app.colors, Color::Yellow).add_modifier(Modifier::BOLD)
                    }
                    IndicatorRow::Total(..) => Style::default().add_modifier(Modifier::BOLD),
                };
                let row = shown.iter().map(|&c| match (c, r) {
                    (7, IndicatorRow::Line(l)) => Cell::from(target_bar(l, span, bar_cols, app)),
                    (7, _) => Cell::from(""),
                    (c, _) => Cell::from(fit(&cells[c], widths[c].unwrap_or(0))),
                });
                Row::new(row).style(style)
            })
            .collect();
        let header = Row::new(shown.iter().map(|&c| heads.get(c).copied().unwrap_or("")))
            .style(Style::default().add_modifier(Modifier::BOLD));
        frame.render_widget(Table::new(rows, constraints).header(header), table_area);
    }
}

fn verdict_style(app: &App, verdict: Verdict) -> Style {
    match verdict {
        Verdict::Met => color(app.colors, Color::Green),
        Verdict::NotMet => color(app.colors, Color::Red),
        Verdict::Inconclusive => color(app.colors, Color::Yellow),
        Verdict::NoData | Verdict::Entered => Style::default(),
    }
}

/// A row's cells: name, population, value, interval, target, score, verdict (a total's grade).
fn row_cells(app: &App, row: &IndicatorRow) -> [String; 7] {
    let t = &app.lang.strings().tui;
    let score = |score: f64, points: f64| format!("{score:.2}/{points}");
    match row {
        IndicatorRow::Line(r) => indicator_cells(app, r),
        IndicatorRow::Entered(count, got, points) => [
            fill(t.entered_lines, &[&count.to_string()]),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            score(*got, *points),
            String::new(),
        ],
        IndicatorRow::Total(table, several) => {
            let name = if *several {
                fill(t.total_of, &[&crate::text::visible(&table.title)])
            } else {
                app.lang.strings().total.to_string()
            };
            let grade =
                |g: &Option<String>| crate::text::visible(g.as_deref().unwrap_or("")).into_owned();
            let verdict = if table.grade_uncertain() {
                fill(
                    t.grade_between,
                    &[&grade(&table.low.1), &grade(&table.high.1)],
                )
            } else {
                grade(&table.grade)
            };
            [
                name,
                String::new(),
                percent(table.rate() / 100.0),
                String::new(),
                String::new(),
                score(table.score, table.points),
                verdict,
            ]
        }
    }
}

/// One indicator's cells: name, population, value, interval, target, score, verdict.
fn indicator_cells(app: &App, r: &IndicatorResult) -> [String; 7] {
    let show = |x: f64| crate::report::indicators::show(r.figure, x);
    let interval = if r.ci_low.is_finite() {
        format!("{}–{}", show(r.ci_low), show(r.ci_high))
    } else {
        String::new()
    };
    [
        crate::text::visible(&r.name).into_owned(),
        crate::text::visible(&r.population_name).into_owned(),
        show(r.value),
        interval,
        show(r.target),
        format!("{:.2}/{}", r.score, r.points),
        r.verdict.label(app.lang).to_string(),
    ]
}

/// The span mean-score indicators are drawn over: 0 to 100, or to the largest of them.
fn mean_span<'a>(shown: impl Iterator<Item = &'a IndicatorResult>) -> f64 {
    shown
        .filter(|r| r.figure == Figure::MeanScore)
        .flat_map(|r| [r.value, r.ci_high, r.target])
        .filter(|x| x.is_finite())
        .fold(100.0, f64::max)
}

/// An indicator's value and interval as a bar, its target marked on it (┃).
fn target_bar(r: &IndicatorResult, span: f64, cols: usize, app: &App) -> Line<'static> {
    let scale = |x: f64| match r.figure {
        Figure::PositiveShare => x,
        Figure::MeanScore => x / span,
    };
    let fill = color(app.colors, Color::Blue);
    let mut line = bar(
        scale(r.value),
        scale(r.ci_low),
        scale(r.ci_high),
        cols,
        fill,
    );
    if cols > 0 && r.target.is_finite() && !line.spans.is_empty() {
        let at = ((scale(r.target).clamp(0.0, 1.0) * cols as f64).round() as usize).min(cols - 1);
        let span = &mut line.spans[at];
        span.content = "┃".into();
        span.style = span.style.add_modifier(Modifier::BOLD);
    }
    line
}

/// Beneath the indicator table: how many valid responses would settle an inconclusive verdict
/// (or that none realistically would), and the questionnaires whose indicators could not be
/// evaluated.
fn notes<'a>(
    app: &App,
    shown: impl Iterator<Item = &'a IndicatorResult>,
    problems: &[String],
) -> Vec<Line<'static>> {
    let s = app.lang.strings();
    let t = &s.tui;
    let mut notes: Vec<Line> = shown
        .filter_map(|r| {
            let what = match (r.more_needed, r.too_close) {
                (Some(m), _) => format!("{} {m}", s.ind_more),
                (None, true) => s.too_close.to_string(),
                _ => return None,
            };
            let note = format!("{}{}{what}", crate::text::visible(&r.name), t.colon);
            Some(Line::styled(note, color(app.colors, Color::Yellow)))
        })
        .collect();
    notes.extend(problems.iter().map(|p| {
        Line::styled(
            crate::text::visible(p).into_owned(),
            color(app.colors, Color::Red),
        )
    }));
    notes
}

/// A question's headline figure as the overview shows it.
struct Headline {
    /// What the figure is: 知晓率（非常了解+了解一些）, 平均得分, 选择最多：女 …
    name: String,
    /// The same in fewer words, for a narrow window: 知晓率, 女 …
    short: String,
    value: String,
    interval: String,
    n: String,
    /// The figure and its interval scaled to [0, 1], to draw as a bar.
    bar: Option<(f64, f64, f64)>,
}

impl Headline {
    /// The figure's name in `cols` columns: in full, or in fewer words when that does not fit.
    fn named(&self, cols: usize) -> &str {
        if width(&self.name) > cols && !self.short.is_empty() {
            &self.short
        } else {
            &self.name
        }
    }
}

/// A question's headline figure: its positive share, else its mean score, else (a ranking) the
/// option ranked first, else its most chosen level, else (free text) how many answered.
fn headline(app: &App, data: &Data, q: &QuestionSummary, qi: usize) -> Headline {
    let s = app.lang.strings();
    let t = &s.tui;
    let share = |e: &crate::stats::Estimate| {
        (
            percent(e.estimate),
            format!("{}–{}", percent(e.low), percent(e.high)),
            Some((e.estimate, e.low, e.high)),
        )
    };
    let none = || ("—".to_string(), String::new(), None);
    let mut h = Headline {
        name: String::new(),
        short: String::new(),
        value: String::new(),
        interval: String::new(),
        n: q.n.to_string(),
        bar: None,
    };
    if let Some(pos) = &q.positive {
        h.name = positive_label(s, q.measure, &pos.levels);
        h.short = positive_name(s, q.measure).to_string();
        (h.value, h.interval, h.bar) = pos.share.as_ref().map_or_else(none, share);
        h.n = pos.n.to_string();
    } else if let Some(m) = &q.mean {
        h.name = s.mean_score.to_string();
        h.n = m.n.to_string();
        let survey = data.survey(app.population);
        let (low, high) = score_span(survey, &survey.questions[qi]);
        let scale = |x: f64| (x - low) / (high - low);
        (h.value, h.interval, h.bar) = match &m.mean {
            Some(e) if e.low.is_finite() => (
                format!("{:.2}", e.estimate),
                format!("{:.2}–{:.2}", e.low, e.high),
                Some((scale(e.estimate), scale(e.low), scale(e.high))),
            ),
            Some(e) => (format!("{:.2}", e.estimate), String::new(), None),
            None => none(),
        };
    } else if let Some(first) = q
        .ranking
        .iter()
        .filter(|r| r.mean_rank.is_finite())
        .min_by(|a, b| a.mean_rank.total_cmp(&b.mean_rank))
    {
        h.short = crate::text::visible(&first.label).into_owned();
        h.name = fill(t.ranked_first, &[&h.short]);
        h.value = format!("{:.2}", first.mean_rank);
        h.n = first.n.to_string();
    } else if let Some(most) = q
        .levels
        .iter()
        .filter(|l| l.count > 0)
        .max_by_key(|l| l.count)
    {
        h.short = crate::text::visible(&most.label).into_owned();
        h.name = fill(t.most_chosen, &[&h.short]);
        (h.value, h.interval, h.bar) = most.share.as_ref().map_or_else(none, share);
    } else if q.kind == crate::survey::QuestionKind::Text {
        h.name = s.free_text_answers.to_string();
        h.value = q.n.to_string();
        h.n = String::new();
    } else {
        h.value = "—".to_string();
    }
    h
}

/// The population's questions, each with its headline figure and interval (a bar of it where
/// there is room), a page at a time, the selected one reversed; "…" while they are computed.
fn headline_table(app: &App, data: &Data, frame: &mut Frame, area: Rect) {
    let t = &app.lang.strings().tui;
    let questions = data.questions(app.population);
    let name = population_label(app, app.population, usize::from(area.width / 2));
    let title = format!(
        "{} {}/{}",
        fill(t.headline, &[&name]),
        (app.question + 1).min(questions.len()),
        questions.len()
    );
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if questions.is_empty() {
        message(frame, inner, t.no_questions);
        return;
    }
    let summary = app.summary(app.population);
    let texts: Vec<String> = questions
        .iter()
        .map(|&(qi, q)| format!("{} {}", q.id, data.question_text(app.population, qi, q)))
        .collect();
    let figures: Vec<Option<Headline>> = questions
        .iter()
        .enumerate()
        .map(|(i, &(qi, _))| {
            let q = summary?.questions.get(i)?;
            Some(headline(app, data, q, qi))
        })
        .collect();
    let heads = t.headline_columns;
    let need = |c: usize, f: fn(&Headline) -> &str| {
        widest(figures.iter().flatten().map(f).chain([heads[c], "…"]))
    };
    // What gives way first in a narrow window: the bar, the question's shared stem, n, the
    // figure's name, then the interval.
    let columns = [
        Column::cut(
            widest(texts.iter().map(String::as_str).chain([heads[0]])),
            16,
            5,
        ),
        Column::cut(need(1, |h| &h.name), 10, 3),
        Column::fixed(need(2, |h| &h.value)),
        Column::fixed(need(3, |h| &h.interval)).or_drop(2),
        Column::fixed(need(4, |h| &h.n)).or_drop(4),
        Column::bar(10).or_drop(6),
    ];
    let widths = layout(&columns, usize::from(inner.width));
    let (shown, constraints) = shown_columns(&widths);
    let cols = |c: usize| widths[c].unwrap_or(0);
    let fill_style = color(app.colors, Color::Blue);
    let height = usize::from(inner.height.saturating_sub(1));
    let rows: Vec<Row> = window(questions.len(), app.question, height)
        .map(|i| {
            let (qi, q) = questions[i];
            let text = data.question_text(app.population, qi, q);
            let label = fit(&list_label(&q.id, &text, cols(0)), cols(0));
            let cells: Vec<Cell> =
                match &figures[i] {
                    Some(h) => vec![
                        Cell::from(label),
                        Cell::from(fit(h.named(cols(1)), cols(1))),
                        Cell::from(Line::styled(h.value.clone(), emphasis(app))),
                        Cell::from(h.interval.clone()),
                        Cell::from(h.n.clone()),
                        Cell::from(h.bar.map_or_else(Line::default, |(v, l, h)| {
                            bar(v, l, h, cols(5), fill_style)
                        })),
                    ],
                    None => vec![
                        Cell::from(label),
                        Cell::from(""),
                        Cell::from("…"),
                        Cell::from(""),
                        Cell::from(""),
                        Cell::from(""),
                    ],
                };
            let row: Vec<Cell> = shown.iter().map(|&c| cells[c].clone()).collect();
            let style = if i == app.question {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            Row::new(row).style(style)
        })
        .collect();
    let header = Row::new(shown.iter().map(|&c| heads.get(c).copied().unwrap_or("")))
        .style(Style::default().add_modifier(Modifier::BOLD));
    frame.render_widget(Table::new(rows, constraints).header(header), inner);
}
