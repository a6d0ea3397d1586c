//! `wenjuan report -o DIR`: the hand-in outputs (`report.md`, `report.docx`, `report.xlsx`,
//! `charts/*.svg`),
//! every target checked against the inputs before any is written, each written atomically.

use crate::cli::ReportArgs;
use crate::error::{Error, Result};
use crate::figures::Settings;
use crate::figures::study::Purpose;
use crate::i18n::Lang;
use crate::model::load::Inputs;
use crate::output;
use crate::report::hand_in;
use std::path::PathBuf;

pub fn run(args: &ReportArgs, lang: Lang) -> Result<()> {
    let study = super::load_study(&Inputs::from(&args.input), Purpose::Figures, lang)?;
    let settings = Settings::from(&args.figures);
    let dir = &args.output_dir;
    let files: Vec<(PathBuf, Vec<u8>)> = hand_in::files(&study, settings, lang)?
        .into_iter()
        .map(|(name, bytes)| (dir.join(name), bytes))
        .collect();
    let protected = super::protected(&study.surveys);
    for (path, _) in &files {
        protected.guard(path)?;
    }
    if !crate::report::raster::has_cjk_font() {
        output::warn(lang, &crate::msg!(no_cjk_font));
    }
    std::fs::create_dir_all(dir.join("charts")).map_err(|e| Error::io(dir, &e))?;
    output::write_all(&files, &protected)?;
    for (path, _) in &files {
        output::say(&path.display().to_string());
    }
    Ok(())
}
