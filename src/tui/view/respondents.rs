//! The respondents view: the population's responses under a filter (all, flagged, excluded), each
//! with its status and the rules that caught it.

use super::{shown_columns, window};
use crate::model::Dataset;
use crate::survey::headers::MetaField;
use crate::tui::app::{App, Filter};
use crate::tui::widgets::{Column, color, fit, layout, widest};
use crate::validity::{Review, rule_label};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table};

/// What a rule is called on screen; a questionnaire's own check by its description.
pub(super) fn finding_label(app: &App, rule: &str) -> String {
    let described = rule.strip_prefix("check:").and_then(|id| {
        let survey = app.data.as_ref()?.survey(app.population);
        let check = survey.validity.checks.iter().find(|c| c.id == id)?;
        (!check.description.is_empty()).then(|| check.description.clone())
    });
    described.unwrap_or_else(|| rule_label(app.lang, rule))
}

/// The open response, or the table of responses under the filter.
pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.lang.strings().tui;
    let Some(data) = &app.data else { return };
    let Some(review) = app.review(app.population) else {
        return;
    };
    let dataset = data.dataset(app.population);
    if app.detail
        && let Some(row) = app.selected_row()
    {
        super::respondent::draw(app, data, review, frame, area, row);
        return;
    }
    let block = Block::default().borders(Borders::ALL).title(title(app));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.listed.is_empty() {
        frame.render_widget(Paragraph::new(t.nothing_listed), inner);
        return;
    }
    let height = usize::from(inner.height.saturating_sub(1));
    let rows: Vec<(Vec<String>, Style)> = window(app.listed.len(), app.selected, height)
        .map(|i| {
            let (cells, style) = cells(app, dataset, review, app.listed[i]);
            let style = if i == app.selected {
                style.add_modifier(Modifier::REVERSED)
            } else {
                style
            };
            (cells, style)
        })
        .collect();
    let heads = t.respondent_columns;
    let need = |c: usize| {
        widest(
            rows.iter()
                .map(|(cells, _)| cells[c].as_str())
                .chain([heads[c]]),
        )
    };
    // Columns as wide as the responses on screen need. A narrow window leaves out the file row,
    // the submission time and the duration, and cuts the rules, keeping 序号, status and why.
    let columns = [
        Column::fixed(need(0)).or_drop(4),
        Column::fixed(need(1)),
        Column::fixed(need(2)).or_drop(3),
        Column::fixed(need(3)).or_drop(1),
        Column::fixed(need(4)),
        Column::cut(need(5), 10, 2),
    ];
    let widths = layout(&columns, usize::from(inner.width));
    let (shown, constraints) = shown_columns(&widths);
    let rows: Vec<Row> = rows
        .iter()
        .map(|(cells, style)| {
            Row::new(
                shown
                    .iter()
                    .map(|&c| fit(&cells[c], widths[c].unwrap_or(0))),
            )
            .style(*style)
        })
        .collect();
    let header = Row::new(shown.iter().map(|&c| heads[c]))
        .style(Style::default().add_modifier(Modifier::BOLD));
    frame.render_widget(Table::new(rows, constraints).header(header), inner);
}

/// The filters, the one in force highlighted, and how many responses it lists.
fn title(app: &App) -> Line<'static> {
    let t = &app.lang.strings().tui;
    let mut title: Vec<Span> = [Filter::All, Filter::Flagged, Filter::Excluded]
        .iter()
        .zip(t.filters)
        .map(|(f, name)| {
            let style = if *f == app.filter {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            Span::styled(format!(" {name} "), style)
        })
        .collect();
    title.push(Span::raw(format!(" {} ", app.listed.len())));
    Line::from(title)
}

/// One response's row (file row, 序号, submitted, duration, status, why), coloured by status.
fn cells(app: &App, dataset: &Dataset, review: &Review, row: usize) -> (Vec<String>, Style) {
    let t = &app.lang.strings().tui;
    let (source, local) = dataset.locate(row);
    let findings = review.findings_for(row);
    let (status, style) = match (review.excluded_by(row), review.decisions.get(&row)) {
        (Some(rule), _) => (
            format!(
                "{}{}{}",
                t.excluded,
                t.colon,
                finding_label(app, &rule.name())
            ),
            color(app.colors, Color::Red),
        ),
        (None, Some(_)) if !findings.is_empty() => {
            (t.reinstated.to_string(), color(app.colors, Color::Green))
        }
        (None, _) if !findings.is_empty() => {
            (t.flagged.to_string(), color(app.colors, Color::Yellow))
        }
        _ => (t.valid.to_string(), Style::default()),
    };
    let mut why: Vec<String> = findings
        .iter()
        .map(|f| finding_label(app, &f.rule().name()))
        .collect();
    why.dedup();
    let meta = |field| fit(&dataset.meta_display(row, field).unwrap_or_default(), 19);
    let cells = vec![
        source.table.file_row(local).to_string(),
        fit(&dataset.respondent(row), 10),
        meta(MetaField::Submitted),
        meta(MetaField::Duration),
        status,
        why.join(t.list),
    ];
    (cells, style)
}
