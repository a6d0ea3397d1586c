//! From what the user named to the columnar model: which definitions, which files for which
//! population, reading every file once, inferring the questionnaire when there is no definition.
//! Shared by every command and the terminal UI.

use crate::error::{Error, Result};
use crate::i18n::{Message, ingest::list};
use crate::ingest::{self, ReadOptions, Table};
use crate::model::{self, Dataset};
use crate::msg;
use crate::survey::headers::column_kinds;
use crate::survey::infer::{self, Note};
use crate::survey::{Survey, definition};
use std::path::{Path, PathBuf};

/// What the user named on the command line.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub files: Vec<PathBuf>,
    pub surveys: Vec<PathBuf>,
    /// Population the files belong to (inferred mode: its name; with a definition: which one).
    pub population: Option<String>,
    pub read: ReadOptions,
    /// `--where` conditions, as written.
    pub filter: Vec<String>,
}

/// Where the bundled example lives, relative to the working directory.
pub const EXAMPLE_SURVEYS: &str = "surveys";

/// A questionnaire with every population's responses read.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub survey: Survey,
    pub datasets: Vec<Dataset>,
    pub notes: Vec<Note>,
    pub warnings: Vec<Message>,
}

impl Loaded {
    /// The export files the responses were read from.
    pub fn exports(&self) -> impl Iterator<Item = &Path> {
        self.datasets
            .iter()
            .flat_map(|d| &d.sources)
            .map(|s| s.table.path.as_path())
    }
}

pub fn load(inputs: &Inputs) -> Result<Vec<Loaded>> {
    load_with(inputs, &|_| ())
}

/// As `load`, calling `responses_read` with the exports once they are read and before a
/// questionnaire is inferred from them, so the caller can start preparing what it will need.
pub fn load_with(inputs: &Inputs, responses_read: &dyn Fn(&[Table])) -> Result<Vec<Loaded>> {
    let mut surveys = inputs.surveys.clone();
    if surveys.is_empty() && inputs.files.is_empty() {
        surveys = example_definitions()?;
    }
    if surveys.is_empty() {
        let tables = read_all(&inputs.files, &inputs.read, None)?;
        responses_read(&tables);
        let population = inputs
            .population
            .clone()
            .unwrap_or_else(|| population_of(&inputs.files));
        let inferred = infer::infer(&tables, &population)?;
        let mut warnings = file_notes(&tables);
        let (datasets, built) = model::build(&inferred.survey, vec![tables])?;
        warnings.extend(built);
        return Ok(vec![Loaded {
            survey: inferred.survey,
            datasets,
            notes: inferred.notes,
            warnings,
        }]);
    }
    if surveys.len() > 1 && !inputs.files.is_empty() {
        return Err(Error::usage(msg!(ingest.files_need_one_survey)));
    }
    let mut loaded: Vec<Loaded> = Vec::new();
    for path in &surveys {
        let mut survey = definition::load(path)?;
        let files_from_definition = inputs.files.is_empty();
        if !inputs.files.is_empty() {
            assign_files(&mut survey, &inputs.files, inputs.population.as_deref())?;
        } else if let Some(wanted) = &inputs.population
            && survey.population(wanted).is_none()
        {
            return Err(unknown_population(&survey, wanted));
        }
        for p in &survey.populations {
            if p.files.is_empty() {
                let mut e = Error::input(msg!(ingest.population_without_files, p.id)).in_file(path);
                if let Some(line) = p.line {
                    e = e.at_line(line);
                }
                return Err(e);
            }
        }
        for other in &loaded {
            if let Some(p) = survey
                .populations
                .iter()
                .find(|p| other.survey.population(&p.id).is_some())
            {
                let elsewhere = other
                    .survey
                    .source
                    .as_deref()
                    .map(|s| s.display().to_string())
                    .unwrap_or_default();
                return Err(
                    Error::input(msg!(ingest.population_id_reused, p.id, elsewhere)).in_file(path),
                );
            }
        }
        let mut tables = Vec::with_capacity(survey.populations.len());
        let mut warnings = Vec::new();
        for p in &survey.populations {
            let listed_in = match (&survey.source, files_from_definition) {
                (Some(definition), true) => Some((definition.as_path(), p.line)),
                _ => None,
            };
            let read = read_all(&p.files, &inputs.read, listed_in)?;
            warnings.extend(file_notes(&read));
            tables.push(read);
        }
        let (datasets, built) = model::build(&survey, tables)?;
        warnings.extend(built);
        loaded.push(Loaded {
            survey,
            datasets,
            notes: Vec::new(),
            warnings,
        });
    }
    Ok(loaded)
}

/// The population an export stands for when the user names none: the file's own name (its stem,
/// `plan-public` for `responses/plan-public.csv`) when there is one file, else `all`.
fn population_of(files: &[PathBuf]) -> String {
    let stem = match files {
        [one] => one.file_stem().map(|s| s.to_string_lossy().into_owned()),
        _ => None,
    };
    match stem {
        // An id is a plain word; anything else in a name is kept only in the displayed name.
        Some(s) if !s.is_empty() => s
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') {
                    c
                } else {
                    '_'
                }
            })
            .collect(),
        _ => "all".to_string(),
    }
}

/// The definitions of the bundled example (`./surveys/*.toml`), in name order.
fn example_definitions() -> Result<Vec<PathBuf>> {
    let dir = Path::new(EXAMPLE_SURVEYS);
    let entries = std::fs::read_dir(dir).map_err(|_| Error::usage(msg!(ingest.no_input)))?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    found.sort();
    if found.is_empty() {
        return Err(Error::usage(msg!(ingest.no_definitions_in, dir.display())));
    }
    Ok(found)
}

fn unknown_population(survey: &Survey, wanted: &str) -> Error {
    let source = survey
        .source
        .as_deref()
        .map(|s| s.display().to_string())
        .unwrap_or_default();
    let declared = list(survey.populations.iter().map(|p| &p.id));
    Error::usage(msg!(ingest.no_population, wanted, source, declared))
}

/// Files named on the command line replace the definition's: all to `--population` if given, to
/// the only population if there is one, else each to the population that lists a file of that name.
fn assign_files(survey: &mut Survey, files: &[PathBuf], population: Option<&str>) -> Result<()> {
    if let Some(wanted) = population {
        let idx = survey
            .populations
            .iter()
            .position(|p| p.id == wanted)
            .ok_or_else(|| unknown_population(survey, wanted))?;
        for (i, p) in survey.populations.iter_mut().enumerate() {
            p.files = if i == idx { files.to_vec() } else { Vec::new() };
        }
        survey.populations.retain(|p| !p.files.is_empty());
        return Ok(());
    }
    if survey.populations.len() == 1 {
        survey.populations[0].files = files.to_vec();
        return Ok(());
    }
    let mut assigned: Vec<Vec<PathBuf>> = vec![Vec::new(); survey.populations.len()];
    for file in files {
        let name = file.file_name();
        let owner = survey
            .populations
            .iter()
            .position(|p| p.files.iter().any(|f| f.file_name() == name))
            .ok_or_else(|| {
                let several = list(survey.populations.iter().map(|p| &p.id));
                Error::usage(msg!(ingest.which_population, file.display(), several))
            })?;
        assigned[owner].push(file.clone());
    }
    for (p, files) in survey.populations.iter_mut().zip(assigned) {
        p.files = files;
    }
    survey.populations.retain(|p| !p.files.is_empty());
    Ok(())
}

/// Reads every file; a missing one is named, with the definition and line that list it when they
/// do (paths there are relative to the definition's folder, a common surprise).
fn read_all(
    files: &[PathBuf],
    options: &ReadOptions,
    listed_in: Option<(&Path, Option<usize>)>,
) -> Result<Vec<Table>> {
    files
        .iter()
        .map(|f| {
            ingest::read_table(f, options, &column_kinds).map_err(|e| match e.kind {
                crate::ErrorKind::Io if !f.exists() => {
                    let message = match listed_in {
                        Some((definition, Some(line))) => {
                            msg!(ingest.file_not_found_listed, definition.display(), line)
                        }
                        Some((definition, None)) => {
                            msg!(ingest.file_not_found_listed_no_line, definition.display())
                        }
                        None => msg!(ingest.file_not_found),
                    };
                    Error::input(message).in_file(f)
                }
                _ => e,
            })
        })
        .collect()
}

/// What a person should know about how each file was read, as warnings naming the file.
fn file_notes(tables: &[Table]) -> Vec<Message> {
    tables
        .iter()
        .flat_map(|t| {
            t.notes
                .iter()
                .map(|note| msg!(ingest.file_note, t.path.display(), *note))
        })
        .collect()
}
