//! One response open: when and how it came in, what the audit found, any decision, every answer.

use super::respondents::finding_label;
use super::{emphasis, list_label};
use crate::model::Dataset;
use crate::survey::headers::MetaField;
use crate::tui::app::App;
use crate::tui::data::Data;
use crate::tui::widgets::{color, pad, width};
use crate::validity::{Evidence, Review};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// One response: when and how it came in, what the audit found, any decision, every answer.
pub(super) fn draw(
    app: &App,
    data: &Data,
    review: &Review,
    frame: &mut Frame,
    area: Rect,
    row: usize,
) {
    let dataset = data.dataset(app.population);
    let title =
        crate::text::visible(&crate::validity::describe_row(dataset, row, app.lang)).into_owned();
    let mut lines = audit_lines(app, data.survey(app.population), dataset, review, row);
    lines.extend(answer_lines(app, data, row, area.width));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(app.scroll).unwrap_or(u16::MAX), 0))
            .block(Block::default().borders(Borders::ALL).title(title)),
        area,
    );
}

/// When and how the response came in, the rules that caught it, and the evaluator's decision.
fn audit_lines(
    app: &App,
    survey: &crate::survey::Survey,
    dataset: &Dataset,
    review: &Review,
    row: usize,
) -> Vec<Line<'static>> {
    let t = &app.lang.strings().tui;
    let mut lines: Vec<Line> = Vec::new();
    let meta: Vec<String> = [
        MetaField::Submitted,
        MetaField::Duration,
        MetaField::Ip,
        MetaField::Source,
    ]
    .iter()
    .filter_map(|f| dataset.meta_display(row, *f))
    .collect();
    lines.push(Line::raw(
        crate::text::visible(&meta.join("  ")).into_owned(),
    ));
    let findings = review.findings_for(row);
    if !findings.is_empty() {
        lines.push(Line::styled(
            t.findings,
            Style::default().add_modifier(Modifier::BOLD),
        ));
        for f in findings {
            let style = if review.effective_action(f) == crate::survey::validity::Action::Exclude {
                color(app.colors, Color::Red)
            } else {
                color(app.colors, Color::Yellow)
            };
            let described = f.describe(survey, dataset, app.lang);
            let text = match &f.evidence {
                // A declared check's evidence opens with its description, its label here too.
                Evidence::Check(check) if !check.description.is_empty() => described,
                _ => format!(
                    "{}{}{}",
                    finding_label(app, &f.rule().name()),
                    t.colon,
                    described
                ),
            };
            lines.push(Line::styled(
                crate::text::visible(&format!("  {text}")).into_owned(),
                style,
            ));
        }
    }
    if let Some(d) = review.decisions.get(&row) {
        lines.push(Line::styled(
            t.decision,
            Style::default().add_modifier(Modifier::BOLD),
        ));
        let verb = if d.decision == crate::validity::log::Verdict::Exclude {
            t.exclude
        } else {
            t.include
        };
        lines.push(Line::raw(
            crate::text::visible(&format!("  {} {}{}{}", d.time, verb, t.colon, d.reason))
                .into_owned(),
        ));
    }
    lines
}

/// Every answer, in one column after the questions padded to the widest (up to half the window).
fn answer_lines(app: &App, data: &Data, row: usize, cols: u16) -> Vec<Line<'static>> {
    let t = &app.lang.strings().tui;
    let dataset = data.dataset(app.population);
    let mut lines = vec![Line::styled(
        t.answers,
        Style::default().add_modifier(Modifier::BOLD),
    )];
    let questions = data.questions(app.population);
    let half = usize::from(cols.saturating_sub(6)) / 2;
    let label = |qi: usize, q: &crate::survey::Question| {
        list_label(&q.id, &data.question_text(app.population, qi, q), half)
    };
    let label_cols = questions
        .iter()
        .map(|&(qi, q)| width(&label(qi, q)))
        .max()
        .unwrap_or(0)
        .min(half);
    for &(qi, q) in &questions {
        let Some(answers) = &dataset.answers[qi] else {
            continue;
        };
        lines.push(Line::from(vec![
            Span::raw(format!("  {}  ", pad(&label(qi, q), label_cols))),
            Span::styled(
                crate::text::visible(&answers.get(row).text).into_owned(),
                emphasis(app),
            ),
        ]));
    }
    lines
}
