//! Writing a questionnaire definition as commented TOML: what `wenjuan init` prints, so that nobody
//! writes a definition from scratch. Built-in scales are written out in full so their scores and
//! positive levels can be changed where they are used.

use super::infer::Note;
use super::{Locator, Measure, QuestionKind, Scale, Survey};
use crate::i18n::definition::DefinitionMessages;
use crate::i18n::{Lang, Message};
use std::fmt::Write;
use std::path::{Component, Path, PathBuf};

/// A TOML basic string. Written by hand rather than by the `toml` crate because a header or label
/// from an export may hold C1 controls or bidirectional overrides, which `toml` writes raw: here
/// they become `\uXXXX` escapes, so the definition still matches the export exactly and shows
/// nothing hidden.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if crate::text::is_hazard(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// `file` relative to the folder `base` (both taken from the working directory when relative).
pub fn relative_to(file: &Path, base: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let absolute = |p: &Path| -> Vec<String> {
        let full = if p.is_absolute() {
            p.to_path_buf()
        } else {
            cwd.join(p)
        };
        let mut parts: Vec<String> = Vec::new();
        for c in full.components() {
            match c {
                Component::ParentDir => {
                    parts.pop();
                }
                Component::CurDir => {}
                Component::RootDir | Component::Prefix(_) => parts.clear(),
                Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            }
        }
        parts
    };
    let (f, b) = (absolute(file), absolute(base));
    let common = f.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for part in &f[common..] {
        out.push(part);
    }
    out
}

fn scale_block(out: &mut String, scale: &Scale) {
    let _ = writeln!(out, "[[scale]]");
    let _ = writeln!(out, "id = {}", quote(&scale.id));
    if !scale.name.is_empty() {
        let _ = writeln!(out, "name = {}", quote(&scale.name));
    }
    if scale.measure != Measure::Other {
        let _ = writeln!(out, "measure = {}", quote(scale.measure.name()));
    }
    let _ = writeln!(out, "levels = [");
    for level in &scale.levels {
        let mut fields = vec![format!("label = {}", quote(&level.label))];
        if let Some(score) = level.score {
            fields.push(format!("score = {}", number(score)));
        }
        if level.positive {
            fields.push("positive = true".into());
        }
        if let Some(code) = level.code {
            fields.push(format!("code = {code}"));
        }
        if !level.aliases.is_empty() {
            fields.push(format!("aliases = {}", list(&level.aliases)));
        }
        let _ = writeln!(out, "  {{ {} }},", fields.join(", "));
    }
    let _ = writeln!(out, "]");
    if !scale.not_applicable.is_empty() {
        let labels: Vec<String> = scale
            .not_applicable
            .iter()
            .flat_map(|l| std::iter::once(l.label.clone()).chain(l.aliases.iter().cloned()))
            .collect();
        let _ = writeln!(out, "not_applicable = {}", list(&labels));
    }
    out.push('\n');
}

/// `text` as TOML comment lines, each line after `# `.
fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "# {line}");
    }
}

/// The definition as commented TOML, its comments in `lang`. File paths are written relative to
/// `base`, the folder the definition will be saved in; `provenance` lines say what it was
/// inferred from.
pub fn to_toml(
    survey: &Survey,
    notes: &[Note],
    base: &Path,
    provenance: &[Message],
    lang: Lang,
) -> String {
    let d = lang.strings().errors.definition;
    let mut out = String::new();
    comment(&mut out, d.init_header);
    for line in provenance {
        let _ = writeln!(out, "#   {}", crate::text::visible(&line.render(lang)));
    }
    comment(&mut out, d.init_instructions);
    out.push('\n');
    let _ = writeln!(out, "title = {}\n", quote(&survey.title));

    for p in &survey.populations {
        out.push_str("[[population]]\n");
        let _ = writeln!(out, "id = {}", quote(&p.id));
        let _ = writeln!(out, "name = {}", quote(&p.name));
        match p.size {
            Some(size) => {
                let _ = writeln!(out, "size = {size}");
            }
            None => {
                let _ = writeln!(out, "# size = 400   # {}", d.init_size);
            }
        }
        let files: Vec<String> = p
            .files
            .iter()
            .map(|f| relative_to(f, base).to_string_lossy().replace('\\', "/"))
            .collect();
        let _ = writeln!(out, "files = {}\n", list(&files));
    }

    // Scales shared by several questions (or built in) get a [[scale]] block; a question's own
    // options are written inline with it.
    let uses = |i: usize| {
        survey
            .questions
            .iter()
            .filter(|q| q.scale == Some(i))
            .count()
    };
    let shared: Vec<usize> = (0..survey.scales.len())
        .filter(|&i| {
            let s = &survey.scales[i];
            uses(i) > 1
                || !s.name.is_empty()
                || s.measure != Measure::Other
                || !s.not_applicable.is_empty()
                || s.levels.iter().any(|l| l.score.is_some() || l.positive)
        })
        .collect();
    if !shared.is_empty() {
        comment(&mut out, d.init_scales);
        out.push('\n');
        for &i in &shared {
            let scale = &survey.scales[i];
            // Why an inferred scale is what it is.
            for note in notes.iter().filter(|n| n.scale.as_ref() == Some(&scale.id)) {
                let text = crate::i18n::fill(d.note, &[&note.text.render(lang)]);
                let _ = writeln!(out, "# {}", crate::text::visible(&text.replace('\n', " ")));
            }
            scale_block(&mut out, scale);
        }
    }

    comment(&mut out, d.init_questions);
    out.push('\n');
    for q in &survey.questions {
        for note in notes
            .iter()
            .filter(|n| n.scale.is_none() && n.question == q.id)
        {
            let text = crate::i18n::fill(d.note, &[&note.text.render(lang)]);
            let _ = writeln!(out, "# {}", crate::text::visible(&text.replace('\n', " ")));
        }
        out.push_str("[[question]]\n");
        let _ = writeln!(out, "id = {}", quote(&q.id));
        match &q.locator {
            Locator::Number { number, item } => {
                let _ = writeln!(out, "number = {number}");
                if let Some(item) = item {
                    let _ = writeln!(out, "item = {}", quote(item));
                }
            }
            Locator::Header(h) => {
                let _ = writeln!(out, "header = {}", quote(h));
            }
            Locator::Contains(c) => {
                let _ = writeln!(out, "contains = {}", quote(c));
            }
            Locator::Column(n) => {
                let _ = writeln!(out, "column = {n}");
            }
        }
        if !q.text.is_empty() {
            let _ = writeln!(out, "text = {}", quote(&q.text));
        }
        match q.kind {
            QuestionKind::Single => {}
            QuestionKind::Multiple => out.push_str("kind = \"multiple\"\n"),
            QuestionKind::Text => out.push_str("kind = \"text\"\n"),
            QuestionKind::Ranking => out.push_str("kind = \"ranking\"\n"),
        }
        if let Some(i) = q.scale {
            if shared.contains(&i) {
                let _ = writeln!(out, "scale = {}", quote(&survey.scales[i].id));
            } else {
                let options: Vec<String> = survey.scales[i]
                    .levels
                    .iter()
                    .map(|l| l.label.clone())
                    .collect();
                let _ = writeln!(out, "options = {}", list(&options));
            }
        }
        match q.dimensions.as_slice() {
            [] => {}
            [d] => {
                let _ = writeln!(out, "dimension = {}", quote(d));
            }
            many => {
                let _ = writeln!(out, "dimension = {}", list(many));
            }
        }
        if !q.populations.is_empty() {
            let _ = writeln!(out, "population = {}", list(&q.populations));
        }
        out.push('\n');
    }
    indicator_block(&mut out, survey, d);
    out
}

/// A commented `[[indicator]]` to start from, on the questionnaire's satisfaction (else
/// awareness) questions.
fn indicator_block(out: &mut String, survey: &Survey, d: &DefinitionMessages) {
    let on_scale = |id: &str| -> Vec<String> {
        survey
            .questions
            .iter()
            .filter(|q| {
                q.kind == QuestionKind::Single && q.scale.is_some_and(|i| survey.scales[i].id == id)
            })
            .map(|q| quote(&q.id))
            .collect()
    };
    let (name, questions) = match (on_scale("satisfaction"), on_scale("awareness")) {
        (s, _) if !s.is_empty() => ("满意度", s),
        (_, a) if !a.is_empty() => ("知晓率", a),
        _ => ("满意度", vec![quote("q1")]),
    };
    let population = survey.populations.first().map_or("all", |p| p.id.as_str());
    comment(out, d.init_indicators);
    let _ = write!(
        out,
        "# [[indicator]]\n\
         # id = \"satisfaction\"\n\
         # name = \"{name}\"\n\
         # population = {}\n\
         # questions = [{}]       # {}\n\
         # figure = \"positive_share\"      # {}\n\
         # combine = \"mean_of_items\"      # {}\n\
         # target = \"90%\"\n\
         # points = 10\n\
         # rule = \"stepped\"               # proportional | stepped | deduction | threshold\n\
         # steps = [[0.9, 1.0], [0.8, 0.9], [0.7, 0.8], [0.6, 0.7], [0.3, 0.5], [0.0, 0.0]]   # {}\n\
         # per_point = 0.5               # {}\n",
        quote(population),
        questions.join(", "),
        d.init_or_dimension,
        d.init_or_mean_score,
        d.init_or_respondent_mean,
        d.init_steps,
        d.init_per_point,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_strings_read_back_exactly_and_hide_nothing() {
        let raw = "您的\"性别\"\\\u{1b}]0;x\u{7}\u{9b}2J\u{202e}反\n";
        let quoted = quote(raw);
        assert!(!quoted.chars().any(crate::text::is_hazard), "{quoted}");
        let back: toml::Value = toml::from_str(&format!("v = {quoted}")).unwrap();
        assert_eq!(back["v"].as_str(), Some(raw));
    }

    #[test]
    fn relative_paths_climb_out_of_the_definition_folder() {
        assert_eq!(
            relative_to(Path::new("responses/a.csv"), Path::new("surveys")),
            PathBuf::from("../responses/a.csv")
        );
        assert_eq!(
            relative_to(Path::new("a.csv"), Path::new(".")),
            PathBuf::from("a.csv")
        );
        assert_eq!(
            relative_to(Path::new("x/y/a.csv"), Path::new("x")),
            PathBuf::from("y/a.csv")
        );
    }
}
