//! Filter, sort and export in the terminal UI (issue 13): `F` restricts every figure to the
//! responses meeting conditions typed as `--where` takes them, `R` lifts them, `s` sorts the
//! table on screen and `e` writes it to a CSV or XLSX file.

use super::action::{Effect, Entry, EntryKind, View};
use super::app::{App, Tone};
use super::compute::{FilterJob, Filtered};
use super::keys::key_of;
use super::table;
use crate::error::Error;
use crate::i18n::fill;
use crate::model::filter::{Condition, Filter};
use std::path::PathBuf;
use std::sync::Arc;

/// The conditions typed in one go: split at 且 or a word "and", a piece that is no condition by
/// itself (no operator: the 便利 of `q5 = 安全且便利`) kept with the one before it.
pub fn conditions(typed: &str) -> crate::Result<Vec<Condition>> {
    let mut pieces: Vec<String> = Vec::new();
    for (joint, piece) in split_and(typed) {
        match pieces.last_mut() {
            Some(last) if Condition::parse(&piece).is_err() => {
                last.push_str(&joint);
                last.push_str(&piece);
            }
            _ => pieces.push(piece),
        }
    }
    pieces
        .iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| Condition::parse(p))
        .collect()
}

/// The pieces between 且 and whole words "and" (any case), each with what came before it.
fn split_and(typed: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let (mut joint, mut current) = (String::new(), String::new());
    for word in typed.split_inclusive(char::is_whitespace) {
        if word.trim().eq_ignore_ascii_case("and") {
            out.push((std::mem::take(&mut joint), std::mem::take(&mut current)));
            joint = word.to_string();
            continue;
        }
        for (i, part) in word.split('且').enumerate() {
            if i > 0 {
                out.push((std::mem::take(&mut joint), std::mem::take(&mut current)));
                joint = "且".to_string();
            }
            current.push_str(part);
        }
    }
    out.push((joint, current));
    out
}

impl App {
    /// Opens the filter prompt, or the export prompt with a file name to start from.
    pub(super) fn open_entry(&mut self, kind: EntryKind) -> Vec<Effect> {
        let input = match kind {
            EntryKind::Where => String::new(),
            EntryKind::Export => {
                if table::on_screen(self).is_none() {
                    let t = &self.lang.strings().tui;
                    self.say(t.export_nothing.to_string(), Tone::Info);
                    return Vec::new();
                }
                table::suggested_name(self)
            }
        };
        self.entry = Some(Entry { kind, input });
        Vec::new()
    }

    /// The conditions typed are added to those on (an empty line lifts them); they are worked
    /// out off the UI's thread and applied when they come back.
    pub(super) fn submit_where(&mut self, typed: String) -> Vec<Effect> {
        if typed.trim().is_empty() {
            return if self.where_filter.is_some() {
                self.clear_where()
            } else {
                Vec::new()
            };
        }
        let new = match conditions(&typed) {
            Ok(c) => c,
            Err(e) => {
                self.say(e.render(self.lang), Tone::Problem);
                return Vec::new();
            }
        };
        let Some(data) = self.data.clone() else {
            return Vec::new();
        };
        let survey = data.populations[self.population].survey;
        // Added to the conditions on, when they are this questionnaire's.
        let mut filter = match &self.where_filter {
            Some(f) if self.where_survey == survey => f.clone(),
            _ => Filter::default(),
        };
        filter.conditions.extend(new);
        self.filter_asked += 1;
        let t = &self.lang.strings().tui;
        self.say(t.filtering.to_string(), Tone::Info);
        vec![Effect::Filter(FilterJob {
            data,
            generation: self.filter_asked,
            survey,
            filter,
        })]
    }

    /// A filter worked out: applied to every population that has what it names, unless the
    /// population on screen cannot take it (then it says why and the figures stay as they were).
    pub(super) fn filtered(&mut self, f: Filtered) -> Vec<Effect> {
        if f.generation != self.filter_asked {
            return Vec::new();
        }
        let Some(data) = self.data.clone() else {
            return Vec::new();
        };
        if let Some(Some(Err(e))) = f.rows.get(self.population) {
            self.say(e.render(self.lang), Tone::Problem);
            return Vec::new();
        }
        let t = &self.lang.strings().tui;
        let written = f.filter.written(t.filter_and);
        let mut whole = Vec::new();
        let mut none = Vec::new();
        let mut meet = 0;
        for (p, rows) in f.rows.into_iter().enumerate() {
            let at = data.populations[p];
            let review = Arc::make_mut(&mut self.reviews[at.survey][at.dataset]);
            match rows {
                Some(Ok(within)) => {
                    let n = within.iter().filter(|&&w| w).count();
                    if p == self.population {
                        meet = n;
                    } else if n == 0 {
                        // A mistyped option, or a question number that means another question.
                        none.push(data.name(p).1.to_string());
                    }
                    review.restrict(within);
                }
                Some(Err(_)) => {
                    review.lift();
                    whole.push(data.name(p).1.to_string());
                }
                // Another questionnaire: its question ids mean other questions.
                None => review.lift(),
            }
        }
        let received = data.dataset(self.population).rows;
        let mut message = fill(
            t.filter_applied,
            &[
                &written,
                data.name(self.population).1,
                &received.to_string(),
                &meet.to_string(),
            ],
        );
        if !none.is_empty() {
            message.push_str(&fill(t.filter_none_in, &[&none.join(t.list)]));
        }
        if !whole.is_empty() {
            message.push_str(&fill(t.filter_whole, &[&whole.join(t.list)]));
        }
        if data.surveys.len() > 1 {
            message.push_str(&fill(
                t.filter_survey,
                &[&data.surveys[f.survey].survey.title],
            ));
        }
        self.where_filter = Some(f.filter);
        self.where_survey = f.survey;
        self.say(crate::text::visible(&message).into_owned(), Tone::Info);
        self.refilter()
    }

    /// Lifts the filter: every figure on every response again.
    pub(super) fn clear_where(&mut self) -> Vec<Effect> {
        let t = &self.lang.strings().tui;
        // A filter still being worked out is dropped too.
        self.filter_asked += 1;
        if self.where_filter.take().is_none() {
            self.say(
                fill(t.no_filter, &[&key_of(super::action::Cmd::Where)]),
                Tone::Info,
            );
            return Vec::new();
        }
        for review in self.reviews.iter_mut().flatten() {
            Arc::make_mut(review).lift();
        }
        self.say(t.filter_cleared.to_string(), Tone::Info);
        self.refilter()
    }

    /// After the filter changed: count, list and compute everything again.
    fn refilter(&mut self) -> Vec<Effect> {
        let populations = self.data.as_ref().map_or(0, |d| d.populations.len());
        for p in 0..populations {
            self.account(p);
        }
        let open = self.selected_row();
        self.relist();
        if self.selected_row() != open {
            self.detail = false;
        }
        self.relist_texts();
        for summary in &mut self.summaries {
            *summary = None;
        }
        let mut effects = self.recompute();
        effects.extend(self.reevaluate(0..self.indicators.len()));
        effects
    }

    /// The next order of the levels and groups tables.
    pub(super) fn cycle_sort(&mut self) -> Vec<Effect> {
        self.sort = self.sort.next();
        let t = &self.lang.strings().tui;
        self.say(
            fill(t.sorted, &[t.sort_orders[self.sort.index()]]),
            Tone::Info,
        );
        Vec::new()
    }

    /// Writes the table on screen to the file named: XLSX for `.xlsx`, else CSV.
    pub(super) fn submit_export(&mut self, typed: String) -> Vec<Effect> {
        let t = &self.lang.strings().tui;
        let name = typed.trim();
        if name.is_empty() {
            self.say(t.export_name_required.to_string(), Tone::Problem);
            self.entry = Some(Entry {
                kind: EntryKind::Export,
                input: typed,
            });
            return Vec::new();
        }
        let (Some(data), Some(shown)) = (self.data.clone(), table::on_screen(self)) else {
            self.say(t.export_nothing.to_string(), Tone::Info);
            return Vec::new();
        };
        let path = PathBuf::from(name);
        let xlsx = path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("xlsx"));
        let bytes = if xlsx {
            match table::workbook(&shown) {
                Ok(b) => b,
                Err(e) => {
                    self.say(e.render(self.lang), Tone::Problem);
                    return Vec::new();
                }
            }
        } else {
            table::csv(&shown)
        };
        vec![Effect::Export {
            path,
            bytes,
            rows: shown.rows.len(),
            protected: crate::cmd::protected(data.surveys.iter()),
        }]
    }

    /// The table written, or why not.
    pub(super) fn exported(&mut self, result: crate::Result<(usize, PathBuf)>) {
        match result {
            Ok((rows, path)) => {
                let t = &self.lang.strings().tui;
                let message = fill(
                    t.exported,
                    &[&rows.to_string(), &path.display().to_string()],
                );
                self.say(crate::text::visible(&message).into_owned(), Tone::Done);
            }
            Err(e) => self.say(render(&e, self.lang), Tone::Problem),
        }
    }

    /// Whether the view on screen has a table to sort and export.
    pub fn has_table(&self) -> bool {
        matches!(self.view, View::Questions | View::Groups)
    }
}

fn render(e: &Error, lang: crate::i18n::Lang) -> String {
    crate::text::visible(&e.render(lang)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(typed: &str) -> Vec<String> {
        conditions(typed)
            .unwrap()
            .into_iter()
            .map(|c| c.written)
            .collect()
    }

    #[test]
    fn conditions_join_with_qie_or_and() {
        assert_eq!(written("q1 = 龙港镇"), ["q1 = 龙港镇"]);
        assert_eq!(
            written("q1 = 龙港镇 且 q2 in (18~30岁, 31~45岁)"),
            ["q1 = 龙港镇", "q2 in (18~30岁, 31~45岁)"]
        );
        assert_eq!(written("q1 = a AND q2 != b"), ["q1 = a", "q2 != b"]);
        assert_eq!(written("q1=a且q2=b"), ["q1=a", "q2=b"]);
        // 且 inside a value stays in it.
        assert_eq!(written("q5 = 安全且便利"), ["q5 = 安全且便利"]);
        assert_eq!(
            written("q5 = 安全且便利 且 q1 = 城区"),
            ["q5 = 安全且便利", "q1 = 城区"]
        );
        assert!(conditions("龙港镇").is_err());
        assert!(conditions("q1 龙港镇 且 q2 = a").is_err());
    }
}
