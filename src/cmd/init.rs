//! `wenjuan init`: a questionnaire definition inferred from exports, written as commented TOML.

use crate::cli::InitArgs;
use crate::error::Result;
use crate::i18n::{Lang, Message};
use crate::ingest::ReadOptions;
use crate::model::load::{self, Inputs};
use crate::output;
use crate::survey::write;
use std::path::Path;

pub fn run(args: &InitArgs, lang: Lang) -> Result<()> {
    let inputs = Inputs {
        files: args.files.clone(),
        surveys: Vec::new(),
        population: args.population.clone(),
        read: ReadOptions {
            encoding: args.encoding,
            sheet: args.sheet.clone(),
            ..ReadOptions::default()
        },
        filter: Vec::new(),
    };
    let loaded = load::load(&inputs)?;
    let protected = super::protected(&loaded);
    if let Some(path) = &args.output {
        protected.check(path)?;
    }
    let Some(l) = loaded.first() else {
        return Ok(());
    };
    // Paths are written relative to where the definition will live: the folder of -o, or the
    // current folder when it goes to standard output (`wenjuan init e.xlsx > def.toml`).
    let base = match &args.output {
        Some(path) => path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf(),
        None => Path::new(".").to_path_buf(),
    };
    let provenance: Vec<Message> = l
        .datasets
        .iter()
        .flat_map(|d| &d.sources)
        .map(|s| {
            let t = &s.table;
            match t.encoding {
                Some(e) => crate::msg!(
                    definition.init_source_encoded,
                    t.path.display(),
                    t.format,
                    e,
                    t.rows
                ),
                None => crate::msg!(definition.init_source, t.path.display(), t.format, t.rows),
            }
        })
        .collect();
    let text = write::to_toml(&l.survey, &l.notes, &base, &provenance, lang);
    output::emit(args.output.as_deref(), text.as_bytes(), &protected)
}
