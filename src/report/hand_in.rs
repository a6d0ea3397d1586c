//! The hand-in report: everything `wenjuan report` writes — `report.md` and `report.docx` (a
//! 社会满意度评价报告, the same blocks in both), `report.xlsx` (its tables) and `charts/*.svg`
//! (bars with interval whiskers, embedded in the Word document as pictures) — computed from a
//! study and rendered in memory, so that every target can be checked before anything is written.

use super::document::{self, GroupBreakdown, ReportData};
use super::{charts, docx, svg, workbook, xlsx};
use crate::error::{Error, Result};
use crate::figures::Settings;
use crate::figures::compare;
use crate::figures::study::Study;
use crate::figures::summary;
use crate::i18n::Lang;
use crate::validity::audit;

/// Computes everything the report shows and renders it: each file's name within the report folder
/// (`report.md`, `report.xlsx`, `charts/…svg`) and its bytes.
pub fn files(study: &Study, settings: Settings, lang: Lang) -> Result<Vec<(String, Vec<u8>)>> {
    let summary = study.summary(settings, None, false)?;
    let mut breakdowns = Vec::new();
    let mut tests = Vec::new();
    let mut checks = Vec::new();
    let mut validity = Vec::new();
    let mut decisions = 0usize;
    for (l, reviews) in study.surveys.iter().zip(&study.reviews) {
        for (dataset, review) in l.datasets.iter().zip(reviews) {
            let population = &l.survey.populations[dataset.population];
            for g in &l.survey.groups {
                if g.population.as_ref().is_some_and(|p| p != &population.id) {
                    continue;
                }
                // A group some population lacks is simply not broken down there.
                let Ok(group_tests) =
                    compare::tests_by(&l.survey, dataset, review, &g.id, settings)
                else {
                    continue;
                };
                tests.extend(group_tests);
                let by = summary::summarize_population(
                    &l.survey,
                    dataset,
                    Some(review),
                    Some(&g.id),
                    settings,
                )?;
                if let Some(b) = by.breakdown {
                    let grouping = crate::figures::groups::resolve(&l.survey, dataset, &g.id)?;
                    let means = crate::figures::means::compare_means(
                        &l.survey,
                        dataset,
                        Some(&review.keep()),
                        &grouping,
                        settings,
                    )?;
                    breakdowns.push(GroupBreakdown {
                        population_id: population.id.clone(),
                        population: population.name.clone(),
                        group_id: g.id.clone(),
                        group: g.name.clone(),
                        breakdown: b,
                        means,
                    });
                }
            }
            checks.push(audit::audit_rows(
                &population.id,
                &population.name,
                &l.survey,
                dataset,
                review,
                lang,
            ));
            validity.push((population.id.clone(), l.survey.validity.clone()));
            decisions += review.decisions.len();
        }
    }
    let mut differences = Vec::new();
    let ids: Vec<String> = summary.populations.iter().map(|p| p.id.clone()).collect();
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            differences.extend(compare::between_populations(study, a, b, settings)?);
        }
    }

    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut chart_files = Vec::new();
    for p in &summary.populations {
        for q in &p.questions {
            if let Some(chart) = charts::question(q, settings, lang) {
                let name = format!("charts/{}-{}.svg", file_safe(&p.id), file_safe(&q.id));
                files.push((name.clone(), svg::render(&chart).into_bytes()));
                chart_files.push((p.id.clone(), q.id.clone(), name));
            }
        }
        if let Some(chart) = charts::dimensions(&p.name, &p.dimensions, settings, lang) {
            let name = format!("charts/{}-dimensions.svg", file_safe(&p.id));
            files.push((name.clone(), svg::render(&chart).into_bytes()));
            chart_files.push((p.id.clone(), "dimensions".into(), name));
        }
    }
    // Every questionnaire the report covers, each once.
    let mut titles: Vec<&str> = Vec::new();
    for l in &study.surveys {
        let t = l.survey.title.as_str();
        if !t.is_empty() && !titles.contains(&t) {
            titles.push(t);
        }
    }
    let title = titles.join(lang.strings().report.list_sep);
    // The cover from the definitions: each line as the questionnaires state it, each distinct
    // value once (a study of two projects names both).
    let mut meta = crate::survey::ReportMeta::default();
    let sep = lang.strings().report.list_sep;
    for l in &study.surveys {
        let m = &l.survey.report;
        for (mine, theirs) in [
            (&mut meta.project, &m.project),
            (&mut meta.client, &m.client),
            (&mut meta.evaluator, &m.evaluator),
            (&mut meta.date, &m.date),
        ] {
            let Some(theirs) = theirs.as_ref().filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            match mine {
                Some(v) if v.split(sep).any(|x| x == theirs) => {}
                Some(v) => *v = format!("{v}{sep}{theirs}"),
                None => *mine = Some(theirs.clone()),
            }
        }
    }
    let written_at = crate::validity::log::now();
    let data = ReportData {
        title,
        meta,
        generated: written_at[..10].to_string(),
        summary: &summary,
        breakdowns,
        tests,
        differences,
        checks,
        validity,
        decisions,
        charts: chart_files,
    };
    let blocks = document::report_blocks(&data, lang);
    files.push((
        "report.md".into(),
        super::blocks::to_markdown(&blocks).into_bytes(),
    ));
    let chart_svg = |name: &str| -> Option<String> {
        files
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, bytes)| String::from_utf8(bytes.clone()).ok())
    };
    let word = docx::render(&blocks, &chart_svg, &written_at, lang)
        .map_err(|e| Error::input(crate::msg!(document_failed, e)))?;
    files.push(("report.docx".into(), word));
    let workbook = xlsx::write_workbook(&workbook::sheets(&data, lang))
        .map_err(|e| Error::input(crate::msg!(workbook_failed, e)))?;
    files.push(("report.xlsx".into(), workbook));
    Ok(files)
}

/// Ids may hold any letter; file names keep letters, digits, `-` and `_`.
fn file_safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
