//! From what the user named to the columnar model: which definitions, which files for which
//! population, reading every file once, inferring the questionnaire when there is no definition.
//! Shared by every command and the terminal UI.

use crate::error::{Error, Result};
use crate::i18n::Message;
use crate::ingest::{self, ReadOptions, Table};
use crate::model::{self, Dataset};
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
    let mut surveys = inputs.surveys.clone();
    if surveys.is_empty() && inputs.files.is_empty() {
        surveys = example_definitions()?;
    }
    if surveys.is_empty() {
        let tables = read_all(&inputs.files, &inputs.read)?;
        let population = inputs
            .population
            .clone()
            .unwrap_or_else(|| "all".to_string());
        let inferred = infer::infer(&tables, &population)?;
        let (datasets, warnings) = model::build(&inferred.survey, vec![tables])?;
        return Ok(vec![Loaded {
            survey: inferred.survey,
            datasets,
            notes: inferred.notes,
            warnings,
        }]);
    }
    if surveys.len() > 1 && !inputs.files.is_empty() {
        return Err(Error::usage(
            "export files on the command line go with one --survey; with several definitions, list the files in each",
        ));
    }
    let mut loaded: Vec<Loaded> = Vec::new();
    for path in &surveys {
        let mut survey = definition::load(path)?;
        if !inputs.files.is_empty() {
            assign_files(&mut survey, &inputs.files, inputs.population.as_deref())?;
        } else if let Some(wanted) = &inputs.population
            && survey.population(wanted).is_none()
        {
            return Err(unknown_population(&survey, wanted));
        }
        for p in &survey.populations {
            if p.files.is_empty() {
                let mut e = Error::input(format!(
                    "population '{}' has no export files: list them with files = [\"…\"] or pass them on the command line",
                    p.id
                ))
                .in_file(path);
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
                return Err(Error::input(format!(
                    "population id '{}' is also used by {}; ids must differ across the definitions read together",
                    p.id,
                    other.survey.source.as_deref().map(|s| s.display().to_string()).unwrap_or_default()
                ))
                .in_file(path));
            }
        }
        let mut tables = Vec::with_capacity(survey.populations.len());
        for p in &survey.populations {
            tables.push(read_all(&p.files, &inputs.read)?);
        }
        let (datasets, warnings) = model::build(&survey, tables)?;
        loaded.push(Loaded {
            survey,
            datasets,
            notes: Vec::new(),
            warnings,
        });
    }
    Ok(loaded)
}

/// The definitions of the bundled example (`./surveys/*.toml`), in name order.
fn example_definitions() -> Result<Vec<PathBuf>> {
    let dir = Path::new(EXAMPLE_SURVEYS);
    let entries = std::fs::read_dir(dir).map_err(|_| {
        Error::usage(
            "no input: name export files (wenjuan summarize responses/public.csv), a definition \
             (--survey surveys/plan.toml), or run in a folder with surveys/ and responses/",
        )
    })?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    found.sort();
    if found.is_empty() {
        return Err(Error::usage(format!(
            "no input: {}/ has no .toml definitions; name export files or a definition with --survey",
            dir.display()
        )));
    }
    Ok(found)
}

fn unknown_population(survey: &Survey, wanted: &str) -> Error {
    Error::usage(format!(
        "no population '{wanted}' in {}; it declares: {}",
        survey
            .source
            .as_deref()
            .map(|s| s.display().to_string())
            .unwrap_or_default(),
        survey
            .populations
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ))
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
                Error::usage(format!(
                    "which population is {}? the definition has several ({}); say --population ID",
                    file.display(),
                    survey
                        .populations
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
        assigned[owner].push(file.clone());
    }
    for (p, files) in survey.populations.iter_mut().zip(assigned) {
        p.files = files;
    }
    survey.populations.retain(|p| !p.files.is_empty());
    Ok(())
}

fn read_all(files: &[PathBuf], options: &ReadOptions) -> Result<Vec<Table>> {
    files
        .iter()
        .map(|f| {
            ingest::read_table(f, options, &column_kinds).map_err(|e| match e.kind {
                crate::ErrorKind::Io if !f.exists() => Error::input("file not found").in_file(f),
                _ => e,
            })
        })
        .collect()
}
