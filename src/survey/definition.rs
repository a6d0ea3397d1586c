//! Reading a questionnaire definition (TOML; the format is documented in `docs/survey-format.md`).
//!
//! Parsing is strict: an unknown key, a misspelt scale or a question that names no column is an
//! error naming the file, the line and the key, because a definition that is silently half-read
//! gives silently wrong figures.

use super::validity::{Action, Check, Requirement, ValidityConfig};
use super::{Level, Locator, Population, Question, QuestionKind, Scale, Survey, analysis, builtin};
use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::msg;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDef {
    title: Option<String>,
    #[serde(default)]
    population: Vec<Spanned<PopulationDef>>,
    #[serde(default)]
    scale: Vec<Spanned<ScaleDef>>,
    #[serde(default)]
    question: Vec<Spanned<QuestionDef>>,
    validity: Option<Spanned<ValidityDef>>,
    #[serde(default)]
    group: Vec<Spanned<analysis::GroupToml>>,
    #[serde(default)]
    weighting: Vec<Spanned<analysis::WeightingToml>>,
    #[serde(default)]
    indicator: Vec<Spanned<analysis::IndicatorToml>>,
    grading: Option<Spanned<analysis::GradingToml>>,
    #[serde(default)]
    theme: Vec<Spanned<analysis::ThemeToml>>,
    #[serde(default)]
    report: super::ReportMeta,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ValidityDef {
    speeder: Option<SpeederDef>,
    duplicate: Option<ActionDef>,
    blank: Option<ActionDef>,
    incomplete: Option<IncompleteDef>,
    straight_lining: Option<StraightDef>,
    unknown_label: Option<ActionDef>,
    out_of_window: Option<WindowDef>,
    unreadable: Option<ActionDef>,
    #[serde(default)]
    check: Vec<Spanned<CheckDef>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionDef {
    action: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeederDef {
    action: Option<String>,
    fraction: Option<f64>,
    floor: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IncompleteDef {
    action: Option<String>,
    required: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StraightDef {
    action: Option<String>,
    min_items: Option<usize>,
    blocks: Option<Vec<Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WindowDef {
    action: Option<String>,
    start: Option<Spanned<String>>,
    end: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckDef {
    id: String,
    description: Option<String>,
    action: Option<String>,
    population: Option<String>,
    #[serde(rename = "if")]
    condition: Option<ConditionDef>,
    require: RequireDef,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionDef {
    question: String,
    #[serde(rename = "in")]
    levels: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RequireDef {
    questions: Vec<String>,
    blank: Option<bool>,
    #[serde(rename = "in")]
    levels: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PopulationDef {
    id: String,
    name: Option<String>,
    size: Option<u64>,
    #[serde(default)]
    files: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleDef {
    id: String,
    name: Option<String>,
    measure: Option<String>,
    levels: Vec<LevelDef>,
    #[serde(default)]
    not_applicable: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelDef {
    label: String,
    #[serde(default)]
    aliases: Vec<String>,
    score: Option<f64>,
    #[serde(default)]
    positive: bool,
    code: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionDef {
    id: String,
    text: Option<String>,
    kind: Option<String>,
    number: Option<u32>,
    item: Option<String>,
    header: Option<String>,
    contains: Option<String>,
    /// The column's 1-based position, when nothing in its header tells it apart.
    column: Option<usize>,
    scale: Option<String>,
    options: Option<Vec<String>>,
    /// One dimension, or several: `dimension = ["环境", "总体"]`.
    dimension: Option<OneOrMany>,
    topic: Option<String>,
    population: Option<OneOrMany>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// 1-based line of a byte offset.
/// Line numbers of byte offsets, from the line starts found once (a definition may hold
/// thousands of items, each needing its line).
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(source: &str) -> LineIndex {
        LineIndex(memchr::memchr_iter(b'\n', source.as_bytes()).collect())
    }

    /// The 1-based line holding byte `offset`.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&newline| newline < offset) + 1
    }
}

/// Reads and validates the definition at `path`. File paths in it are relative to its folder.
pub fn load(path: &Path) -> Result<Survey> {
    let source = std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::InvalidData => Error::input(msg!(definition.not_utf8)).in_file(path),
        _ => Error::io(path, &e),
    })?;
    parse(&source, path)
}

/// Parses definition text; `path` names it in errors and anchors relative file paths.
pub fn parse(source: &str, path: &Path) -> Result<Survey> {
    let lines = LineIndex::new(source);
    let def: FileDef = toml::from_str(source).map_err(|e| {
        let err = Error::input(msg!(definition.toml_error, e.message().trim())).in_file(path);
        match e.span() {
            Some(span) => err.at_line(lines.line(span.start)),
            None => err,
        }
    })?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let populations = populations(&def.population, &lines, path, &base)?;
    let mut scales = scales(&def.scale, &lines, path)?;
    let questions = questions(&def.question, &populations, &mut scales, &lines, path)?;
    let mut survey = Survey {
        title: def.title.clone().unwrap_or_default(),
        source: Some(path.to_path_buf()),
        populations,
        scales,
        questions,
        validity: ValidityConfig::default(),
        groups: Vec::new(),
        weightings: Vec::new(),
        indicators: Vec::new(),
        grading: Default::default(),
        themes: Vec::new(),
        report: def.report.clone(),
    };
    if let Some(v) = &def.validity {
        let line = lines.line(v.span().start);
        survey.validity = validity(v.get_ref(), &survey, &lines, path, line)?;
    }
    analyses(&def, &mut survey, &lines, path)?;
    for t in &def.theme {
        let line = lines.line(t.span().start);
        let theme = analysis::theme(t.get_ref(), &survey, path, line)?;
        survey.themes.push(theme);
    }
    if let Some(g) = &def.grading {
        let line = lines.line(g.span().start);
        survey.grading = analysis::grading(g.get_ref(), path, line)?;
    }
    Ok(survey)
}

/// The `[[population]]` entries, with their files relative to the definition's folder `base`.
fn populations(
    defs: &[Spanned<PopulationDef>],
    lines: &LineIndex,
    path: &Path,
    base: &Path,
) -> Result<Vec<Population>> {
    let mut populations: Vec<Population> = Vec::new();
    for p in defs {
        let line = lines.line(p.span().start);
        let err = |m: Message| Error::input(m).in_file(path).at_line(line);
        let p = p.get_ref();
        check_id(&p.id).map_err(err)?;
        if populations.iter().any(|q| q.id == p.id) {
            return Err(err(msg!(definition.population_twice, p.id)));
        }
        if p.size == Some(0) {
            return Err(err(msg!(definition.population_size_zero, p.id)));
        }
        populations.push(Population {
            id: p.id.clone(),
            name: p.name.clone().unwrap_or_else(|| p.id.clone()),
            size: p.size,
            files: p.files.iter().map(|f| resolve(base, f)).collect(),
            line: Some(line),
        });
    }
    if populations.is_empty() {
        return Err(Error::input(msg!(definition.no_population)).in_file(path));
    }

    Ok(populations)
}

/// The `[[scale]]` entries, each checked for repeated labels and non-finite scores.
fn scales(defs: &[Spanned<ScaleDef>], lines: &LineIndex, path: &Path) -> Result<Vec<Scale>> {
    let mut scales: Vec<Scale> = Vec::new();
    for s in defs {
        let line = lines.line(s.span().start);
        let err = |m: Message| Error::input(m).in_file(path).at_line(line);
        let s = s.get_ref();
        check_id(&s.id).map_err(err)?;
        if scales.iter().any(|t| t.id == s.id) {
            return Err(err(msg!(definition.scale_twice, s.id)));
        }
        if s.levels.is_empty() {
            return Err(err(msg!(definition.scale_no_levels, s.id)));
        }
        if let Some(l) = s
            .levels
            .iter()
            .find(|l| l.score.is_some_and(|x| !x.is_finite()))
        {
            return Err(err(msg!(
                definition.score_not_finite,
                s.id,
                l.label,
                l.score.unwrap_or_default()
            )));
        }
        let levels: Vec<Level> = s
            .levels
            .iter()
            .map(|l| Level {
                label: l.label.clone(),
                aliases: l.aliases.clone(),
                score: l.score,
                positive: l.positive,
                code: l.code,
            })
            .collect();
        if let Some(dup) = first_repeated_label(&levels, &s.not_applicable) {
            return Err(err(msg!(definition.scale_label_twice, s.id, dup)));
        }
        let name = s.name.clone().unwrap_or_else(|| s.id.clone());
        let measure = match &s.measure {
            None => super::Measure::guess(&s.id, &name),
            Some(m) => super::Measure::parse(m).ok_or_else(|| {
                let known: Vec<&str> = super::Measure::ALL.iter().map(|m| m.name()).collect();
                err(msg!(definition.unknown_measure, s.id, m, known.join(", ")))
            })?,
        };
        scales.push(Scale {
            id: s.id.clone(),
            name,
            measure,
            levels,
            not_applicable: s.not_applicable.iter().map(|l| Level::new(l)).collect(),
            line: Some(line),
        });
    }

    Ok(scales)
}

/// The `[[question]]` entries: who is asked, how the column is found, which scale applies.
fn questions(
    defs: &[Spanned<QuestionDef>],
    populations: &[Population],
    // Built-in scales join the list as questions use them.
    scales: &mut Vec<Scale>,
    lines: &LineIndex,
    path: &Path,
) -> Result<Vec<Question>> {
    let mut questions: Vec<Question> = Vec::new();
    // Questions by id, so that a definition of thousands of questions is checked in linear time.
    let mut by_id: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for q in defs {
        let line = lines.line(q.span().start);
        let err = |m: Message| Error::input(m).in_file(path).at_line(line);
        let q = q.get_ref();
        check_id(&q.id).map_err(err)?;
        let pops: Vec<String> = match &q.population {
            None => Vec::new(),
            Some(OneOrMany::One(p)) => vec![p.clone()],
            Some(OneOrMany::Many(ps)) => ps.clone(),
        };
        for p in &pops {
            if !populations.iter().any(|x| &x.id == p) {
                let declared: Vec<&str> = populations.iter().map(|x| x.id.as_str()).collect();
                return Err(err(msg!(
                    definition.question_unknown_population,
                    q.id,
                    p,
                    declared.join(", ")
                )));
            }
        }
        let same_id = by_id.get(&q.id).map_or(&[][..], Vec::as_slice);
        let clash = same_id.iter().map(|&i| &questions[i]).find(|other| {
            other.populations.is_empty()
                || pops.is_empty()
                || other.populations.iter().any(|p| pops.contains(p))
        });
        if let Some(other) = clash {
            return Err(err(msg!(
                definition.question_id_reused,
                q.id,
                other.line.unwrap_or(0)
            )));
        }
        let locator = match (q.number, &q.header, &q.contains, q.column) {
            (Some(number), None, None, None) => Locator::Number {
                number,
                item: q.item.clone(),
            },
            (None, Some(h), None, None) => {
                Locator::Header(super::labels::normalize(h).into_owned())
            }
            (None, None, Some(c), None) => {
                Locator::Contains(super::labels::normalize(c).into_owned())
            }
            (None, None, None, Some(n)) if n >= 1 => Locator::Column(n),
            (None, None, None, None) => {
                return Err(err(msg!(definition.question_no_locator, q.id)));
            }
            _ => {
                return Err(err(msg!(definition.question_many_locators, q.id)));
            }
        };
        if q.item.is_some() && q.number.is_none() {
            return Err(err(msg!(definition.item_without_number, q.id)));
        }
        let kind = match q.kind.as_deref() {
            None | Some("single") => QuestionKind::Single,
            Some("multiple") => QuestionKind::Multiple,
            Some("text") => QuestionKind::Text,
            Some("ranking") => QuestionKind::Ranking,
            Some(other) => {
                return Err(err(msg!(definition.question_kind_unknown, q.id, other)));
            }
        };
        let scale = question_scale(q, kind, scales, line).map_err(err)?;
        by_id.entry(q.id.clone()).or_default().push(questions.len());
        questions.push(Question {
            id: q.id.clone(),
            text: q.text.clone().unwrap_or_default(),
            kind,
            scale,
            locator,
            dimensions: match &q.dimension {
                None => Vec::new(),
                Some(OneOrMany::One(d)) => vec![d.clone()],
                Some(OneOrMany::Many(ds)) => ds.clone(),
            },
            topic: q.topic.clone(),
            populations: pops,
            line: Some(line),
        });
    }
    if questions.is_empty() {
        return Err(Error::input(msg!(definition.no_question)).in_file(path));
    }

    Ok(questions)
}

/// The scale of a question: declared, built in (added to `scales` when first used), or made of
/// its options; a message when the question's fields do not say.
fn question_scale(
    q: &QuestionDef,
    kind: QuestionKind,
    scales: &mut Vec<Scale>,
    line: usize,
) -> std::result::Result<Option<usize>, Message> {
    Ok(match (kind, &q.scale, &q.options) {
        (QuestionKind::Text, None, None) => None,
        (QuestionKind::Text, _, _) => {
            return Err(msg!(definition.text_takes_no_scale, q.id));
        }
        (_, Some(_), Some(_)) => {
            return Err(msg!(definition.scale_and_options, q.id));
        }
        (_, None, None) => {
            return Err(msg!(
                definition.question_needs_scale,
                q.id,
                builtin::ids().join(", ")
            ));
        }
        (_, Some(name), None) => Some(match scales.iter().position(|s| &s.id == name) {
            Some(i) => i,
            None => match builtin::get(name) {
                Some(b) => {
                    scales.push(b);
                    scales.len() - 1
                }
                None => {
                    let mut known: Vec<&str> = scales.iter().map(|s| s.id.as_str()).collect();
                    known.extend(builtin::ids());
                    return Err(msg!(definition.unknown_scale, q.id, name, known.join(", ")));
                }
            },
        }),
        (_, None, Some(options)) => {
            if options.is_empty() {
                return Err(msg!(definition.empty_options, q.id));
            }
            let levels: Vec<Level> = options.iter().map(|o| Level::new(o)).collect();
            if let Some(dup) = first_repeated_label(&levels, &[]) {
                return Err(msg!(definition.option_twice, q.id, dup));
            }
            scales.push(Scale {
                id: format!("{}_options", q.id),
                name: String::new(),
                measure: super::Measure::Other,
                levels,
                not_applicable: Vec::new(),
                line: Some(line),
            });
            Some(scales.len() - 1)
        }
    })
}

/// The `[[group]]`, `[[weighting]]` and `[[indicator]]` entries, which refer to questions.
fn analyses(def: &FileDef, survey: &mut Survey, lines: &LineIndex, path: &Path) -> Result<()> {
    for g in &def.group {
        let line = lines.line(g.span().start);
        let group = analysis::group(g.get_ref(), survey, path, line)?;
        check_id(&group.id).map_err(|m| Error::input(m).in_file(path).at_line(line))?;
        if survey.groups.iter().any(|o| o.id == group.id) {
            return Err(Error::input(msg!(definition.group_twice, group.id))
                .in_file(path)
                .at_line(line));
        }
        survey.groups.push(group);
    }
    for w in &def.weighting {
        let line = lines.line(w.span().start);
        let weighting = analysis::weighting(w.get_ref(), survey, path, line)?;
        if survey
            .weightings
            .iter()
            .any(|o| o.population == weighting.population)
        {
            return Err(
                Error::input(msg!(definition.weighted_twice, weighting.population))
                    .in_file(path)
                    .at_line(line),
            );
        }
        survey.weightings.push(weighting);
    }
    for i in &def.indicator {
        let line = lines.line(i.span().start);
        let indicator = analysis::indicator(i.get_ref(), survey, path, line)?;
        check_id(&indicator.id).map_err(|m| Error::input(m).in_file(path).at_line(line))?;
        if survey.indicators.iter().any(|o| o.id == indicator.id) {
            return Err(Error::input(msg!(definition.indicator_twice, indicator.id))
                .in_file(path)
                .at_line(line));
        }
        if indicator.weighted
            && !survey
                .weightings
                .iter()
                .any(|w| w.population == indicator.population)
        {
            return Err(Error::input(msg!(
                definition.indicator_weighted_without_weighting,
                indicator.id,
                indicator.population
            ))
            .in_file(path)
            .at_line(line));
        }
        survey.indicators.push(indicator);
    }
    Ok(())
}

/// The `[validity]` table: rule settings over the defaults, and the declared checks.
fn validity(
    def: &ValidityDef,
    survey: &Survey,
    lines: &LineIndex,
    path: &Path,
    line: usize,
) -> Result<ValidityConfig> {
    let err = |m: Message| Error::input(m).in_file(path).at_line(line);
    let action = |a: &Option<String>, default: Action, rule: &str| -> Result<Action> {
        match a {
            None => Ok(default),
            Some(s) => {
                Action::parse(s).ok_or_else(|| err(msg!(definition.action_unknown, rule, s)))
            }
        }
    };
    let ids: std::collections::HashSet<&str> =
        survey.questions.iter().map(|q| q.id.as_str()).collect();
    let question_exists = |id: &str| ids.contains(id);
    let mut config = ValidityConfig::default();
    if let Some(d) = &def.speeder {
        config.speeder.action = action(&d.action, config.speeder.action, "speeder")?;
        if let Some(f) = d.fraction {
            if !(f > 0.0 && f < 1.0) {
                return Err(err(msg!(definition.speeder_fraction, f)));
            }
            config.speeder.fraction = f;
        }
        config.speeder.floor = d.floor;
    }
    if let Some(d) = &def.duplicate {
        config.duplicate.action = action(&d.action, config.duplicate.action, "duplicate")?;
    }
    if let Some(d) = &def.blank {
        config.blank.action = action(&d.action, config.blank.action, "blank")?;
    }
    if let Some(d) = &def.unknown_label {
        config.unknown_label.action =
            action(&d.action, config.unknown_label.action, "unknown_label")?;
    }
    if let Some(d) = &def.unreadable {
        config.unreadable.action = action(&d.action, config.unreadable.action, "unreadable")?;
    }
    if let Some(d) = &def.incomplete {
        config.incomplete.action = action(&d.action, config.incomplete.action, "incomplete")?;
        if let Some(ids) = &d.required {
            if let Some(bad) = ids.iter().find(|id| !question_exists(id)) {
                return Err(err(msg!(definition.required_unknown, bad)));
            }
            config.incomplete.required = Some(ids.clone());
        }
    }
    if let Some(d) = &def.straight_lining {
        config.straight_lining.action =
            action(&d.action, config.straight_lining.action, "straight_lining")?;
        if let Some(k) = d.min_items {
            if k < 2 {
                return Err(err(msg!(definition.min_items_too_small)));
            }
            config.straight_lining.min_items = k;
        }
        if let Some(blocks) = &d.blocks {
            if let Some(bad) = blocks.iter().flatten().find(|id| !question_exists(id)) {
                return Err(err(msg!(definition.block_question_unknown, bad)));
            }
            config.straight_lining.blocks = Some(blocks.clone());
        }
    }
    if let Some(d) = &def.out_of_window {
        config.window.action = action(&d.action, config.window.action, "out_of_window")?;
        let date = |s: &Option<Spanned<String>>, end: bool| -> Result<Option<i64>> {
            let Some(spanned) = s else { return Ok(None) };
            let s = spanned.get_ref();
            let t = crate::ingest::values::parse_timestamp(s.as_bytes()).ok_or_else(|| {
                err(msg!(definition.not_a_date, s)).at_line(lines.line(spanned.span().start))
            })?;
            // A bare end date includes that whole day.
            let bare = !s.contains(':');
            Ok(Some(if end && bare { t + 86_399 } else { t }))
        };
        config.window.start = date(&d.start, false)?;
        config.window.end = date(&d.end, true)?;
        if config.window.start.is_none() && config.window.end.is_none() {
            return Err(err(msg!(definition.window_empty)));
        }
        config.window.written = format!(
            "{}–{}",
            d.start.as_ref().map_or("…", |s| s.get_ref().as_str()),
            d.end.as_ref().map_or("…", |s| s.get_ref().as_str())
        );
    }
    config.checks = checks(&def.check, survey, lines, path)?;
    Ok(config)
}

/// The `[[validity.check]]` entries: attention and consistency checks over declared questions.
fn checks(
    defs: &[Spanned<CheckDef>],
    survey: &Survey,
    lines: &LineIndex,
    path: &Path,
) -> Result<Vec<Check>> {
    let mut checks: Vec<Check> = Vec::new();
    for c in defs {
        let cline = lines.line(c.span().start);
        let cerr = |m: Message| Error::input(m).in_file(path).at_line(cline);
        let c = c.get_ref();
        check_id(&c.id).map_err(cerr)?;
        if checks.iter().any(|o| o.id == c.id) {
            return Err(cerr(msg!(definition.check_twice, c.id)));
        }
        let require = match (&c.require.blank, &c.require.levels) {
            (Some(true), None) => Requirement::Blank(c.require.questions.clone()),
            (None | Some(false), Some(levels)) => {
                Requirement::In(c.require.questions.clone(), levels.clone())
            }
            _ => {
                return Err(cerr(msg!(definition.check_require, c.id)));
            }
        };
        if let Some(p) = &c.population
            && survey.population(p).is_none()
        {
            return Err(cerr(msg!(definition.check_unknown_population, c.id, p)));
        }
        let check = Check {
            id: c.id.clone(),
            description: c.description.clone().unwrap_or_else(|| c.id.clone()),
            action: match &c.action {
                None => Action::Flag,
                Some(a) => Action::parse(a)
                    .ok_or_else(|| cerr(msg!(definition.check_action_unknown, c.id, a)))?,
            },
            population: c.population.clone(),
            condition: c
                .condition
                .as_ref()
                .map(|d| (d.question.clone(), d.levels.clone())),
            require,
        };
        if let Some(problem) = super::validity::check_problems(survey, &check)
            .into_iter()
            .next()
        {
            return Err(cerr(msg!(definition.check_problem, c.id, problem)));
        }
        checks.push(check);
    }
    Ok(checks)
}

/// `file` relative to the definition's folder, tidied lexically (`surveys/../responses/a.csv` is
/// `responses/a.csv`) so messages show the path a person would type.
fn resolve(base: &Path, file: &str) -> PathBuf {
    let p = Path::new(file);
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir
                if matches!(
                    out.components().next_back(),
                    Some(std::path::Component::Normal(_))
                ) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Ids appear in CSV output and on the command line: keep them to letters, digits, `_`, `-`, `.`.
fn check_id(id: &str) -> std::result::Result<(), Message> {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        Ok(())
    } else {
        Err(msg!(definition.id_invalid, id))
    }
}

fn first_repeated_label(levels: &[Level], extra: &[String]) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    let labels = levels
        .iter()
        .flat_map(|l| std::iter::once(&l.label).chain(&l.aliases))
        .chain(extra);
    for label in labels {
        if !seen.insert(super::labels::match_key(label)) {
            return Some(label.clone());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Survey> {
        parse(s, Path::new("surveys/test.toml"))
    }

    const MINIMAL: &str = r#"
title = "测试"
[[population]]
id = "public"
files = ["../responses/p.csv"]

[[question]]
id = "q4"
number = 4
scale = "awareness"
"#;

    #[test]
    fn a_minimal_definition_uses_built_in_scales_and_relative_files() {
        let s = parse_str(MINIMAL).unwrap();
        assert_eq!(s.populations[0].files, [PathBuf::from("responses/p.csv")]);
        assert_eq!(
            s.questions[0].locator,
            Locator::Number {
                number: 4,
                item: None
            }
        );
        assert_eq!(s.scale_of(&s.questions[0]).unwrap().id, "awareness");
        assert_eq!(s.questions[0].line, Some(7));
    }

    #[test]
    fn unknown_keys_are_named_with_their_line() {
        let bad = MINIMAL.replace("scale = \"awareness\"", "scale = \"awareness\"\nscael = 1");
        let e = parse_str(&bad).unwrap_err();
        assert!(
            e.message.render(crate::i18n::Lang::En).contains("scael"),
            "{e}"
        );
        assert_eq!(e.at.line, Some(11));
    }

    #[test]
    fn unknown_scale_lists_the_known_ones() {
        let bad = MINIMAL.replace("awareness", "awarenes");
        let e = parse_str(&bad).unwrap_err();
        assert!(
            e.message.render(crate::i18n::Lang::En).contains("awarenes")
                && e.message
                    .render(crate::i18n::Lang::En)
                    .contains("satisfaction"),
            "{e}"
        );
        assert_eq!(e.at.line, Some(7));
    }

    #[test]
    fn messages_are_rendered_in_the_readers_language() {
        let bad = MINIMAL.replace("awareness", "awarenes");
        let e = parse_str(&bad).unwrap_err();
        assert!(
            e.message
                .render(crate::i18n::Lang::Zh)
                .starts_with("题目「q4」使用的量表「awarenes」既未声明，也不是内置量表（可用："),
            "{}",
            e.message.render(crate::i18n::Lang::Zh)
        );
        // A check's problem is a message inside the check's, in the same language.
        let check = format!(
            "{MINIMAL}\n[validity]\n[[validity.check]]\nid = \"c1\"\nrequire = {{ questions = [\"q9\"], blank = true }}\n"
        );
        let e = parse_str(&check).unwrap_err();
        assert_eq!(
            e.message.render(crate::i18n::Lang::En),
            "check 'c1': question 'q9' is not declared"
        );
        assert_eq!(
            e.message.render(crate::i18n::Lang::Zh),
            "校验「c1」：题目「q9」未声明"
        );
        assert_eq!(e.at.line, Some(13));
    }

    #[test]
    fn a_question_needs_exactly_one_locator() {
        let bad = MINIMAL.replace("number = 4", "");
        assert!(
            parse_str(&bad)
                .unwrap_err()
                .message
                .render(crate::i18n::Lang::En)
                .contains("number")
        );
        let bad = MINIMAL.replace("number = 4", "number = 4\nheader = \"x\"");
        assert!(
            parse_str(&bad)
                .unwrap_err()
                .message
                .render(crate::i18n::Lang::En)
                .contains("more than one")
        );
    }
}
