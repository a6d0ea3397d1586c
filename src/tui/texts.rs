//! What people said: the written answers to one free-text question (意见和建议), as the answers
//! view lists them — the valid responses' answers (or every response's), those that match the
//! search, which one is selected, where the list is scrolled to, and the respondent opened from
//! it. `App::update` changes this state; the view draws it.
//!
//! Blank and skipped answers are not listed, so the count is the question's n in the figures.

use super::data::Data;
use super::widgets::{width, wrap};
use crate::i18n::Lang;
use crate::model::Answers;
use crate::validity::Review;
use std::borrow::Cow;

/// Columns between the respondent and the answer.
pub const GAP: usize = 2;
/// The most the respondent column takes.
const ID_COLS: usize = 16;

#[derive(Debug, Clone)]
pub struct Texts {
    pub population: usize,
    /// Index into `Data::questions(population)`.
    pub question: usize,
    /// Index into the survey's questions.
    pub qi: usize,
    /// Every response's answer, excluded ones included; else the valid responses' only.
    pub all: bool,
    /// Population rows with an answer, in the export's order.
    pub rows: Vec<usize>,
    /// Per distinct answer: its text as shown, lower-cased, for the search.
    lower: Vec<String>,
    /// The search (case-insensitive substring); empty lists every answer.
    pub query: String,
    /// Indices into `rows` of the answers that match the search.
    pub matched: Vec<usize>,
    /// Index into `matched`.
    pub selected: usize,
    /// Index into `matched` of the first answer on screen.
    pub top: usize,
    /// The respondent opened from the list (a population row).
    pub open: Option<usize>,
    /// Valid responses, or every response when `all`, for the count line.
    pub base: usize,
    /// Columns the respondent column takes.
    pub id_cols: usize,
}

/// An answer's lines as shown: split at its line breaks (which never reach the terminal), every
/// other control character made visible.
pub fn display_lines(text: &str) -> Vec<Cow<'_, str>> {
    text.split('\n')
        .map(|l| crate::text::visible(l.strip_suffix('\r').unwrap_or(l)))
        .collect()
}

/// How a respondent is named beside an answer: the 序号 (or #file row), and `excluded` after it
/// when the response is excluded.
pub fn respondent_label(
    data: &Data,
    population: usize,
    review: &Review,
    row: usize,
    excluded: &str,
) -> String {
    let id = crate::text::visible(&data.dataset(population).respondent(row)).into_owned();
    if review.excluded_by(row).is_none() {
        id
    } else {
        format!("{id} {excluded}")
    }
}

impl Texts {
    /// The answers to question `question` of `population` under the review's decisions.
    pub fn new(
        data: &Data,
        review: &Review,
        population: usize,
        question: usize,
        all: bool,
        lang: Lang,
    ) -> Option<Texts> {
        let &(qi, _) = data.questions(population).get(question)?;
        let answers = data.dataset(population).answers.get(qi)?.as_ref()?;
        let lower = answers
            .distinct
            .iter()
            .map(|a| display_lines(&a.text).join("\n").to_lowercase())
            .collect();
        let mut texts = Texts {
            population,
            question,
            qi,
            all,
            rows: Vec::new(),
            lower,
            query: String::new(),
            matched: Vec::new(),
            selected: 0,
            top: 0,
            open: None,
            base: 0,
            id_cols: 0,
        };
        texts.relist(data, review, lang);
        Some(texts)
    }

    fn answers<'a>(&self, data: &'a Data) -> Option<&'a Answers> {
        data.dataset(self.population).answers.get(self.qi)?.as_ref()
    }

    /// Lists the answers again (after a decision, or between valid and every response), keeping
    /// the search and, as far as it goes, the selection.
    pub fn relist(&mut self, data: &Data, review: &Review, lang: Lang) {
        let excluded = lang.strings().texts.excluded;
        let Some(answers) = self.answers(data) else {
            return;
        };
        let rows = data.dataset(self.population).rows;
        let answered: Vec<bool> = answers
            .distinct
            .iter()
            .map(|a| a.value.is_answered())
            .collect();
        self.rows = (0..rows)
            .filter(|&r| {
                answered
                    .get(answers.codes.get(r) as usize)
                    .copied()
                    .unwrap_or(false)
                    && review.is_within(r)
                    && (self.all || review.is_valid(r))
            })
            .collect();
        // Under a filter, the responses outside it are neither listed nor counted.
        self.base = if self.all {
            (0..rows).filter(|&r| review.is_within(r)).count()
        } else {
            (0..rows).filter(|&r| review.is_valid(r)).count()
        };
        self.id_cols = self
            .rows
            .iter()
            .map(|&r| {
                width(&respondent_label(
                    data,
                    self.population,
                    review,
                    r,
                    excluded,
                ))
            })
            .max()
            .unwrap_or(0)
            .min(ID_COLS);
        let selected = self.selected_row();
        self.search(data, &self.query.clone());
        // The same answer stays selected when it is still listed.
        if let Some(at) = selected.and_then(|row| {
            self.matched
                .iter()
                .position(|&i| self.rows.get(i) == Some(&row))
        }) {
            self.selected = at;
            self.top = self.top.min(at);
        }
    }

    /// Lists the answers that contain `query` (ignoring case), from the first.
    pub fn search(&mut self, data: &Data, query: &str) {
        self.query = query.to_string();
        self.selected = 0;
        self.top = 0;
        let needle = query.to_lowercase();
        let Some(answers) = self.answers(data) else {
            self.matched.clear();
            return;
        };
        if needle.is_empty() {
            self.matched = (0..self.rows.len()).collect();
            return;
        }
        // Each distinct answer is searched once, however many respondents gave it.
        let hits: Vec<bool> = self.lower.iter().map(|t| t.contains(&needle)).collect();
        self.matched = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                hits.get(answers.codes.get(**r) as usize)
                    .copied()
                    .unwrap_or(false)
            })
            .map(|(i, _)| i)
            .collect();
    }

    /// The population row of the selected answer.
    pub fn selected_row(&self) -> Option<usize> {
        self.rows.get(*self.matched.get(self.selected)?).copied()
    }

    /// The population row of the `k`-th answer listed.
    pub fn row(&self, k: usize) -> Option<usize> {
        self.rows.get(*self.matched.get(k)?).copied()
    }

    /// The `k`-th answer listed, as written.
    pub fn text<'a>(&self, data: &'a Data, k: usize) -> &'a str {
        match (self.answers(data), self.row(k)) {
            (Some(a), Some(row)) => &a.get(row).text,
            _ => "",
        }
    }

    /// Columns an answer wraps in, in a list `cols` wide (inside its borders).
    pub fn text_cols(&self, cols: usize) -> usize {
        cols.saturating_sub(self.id_cols + GAP).max(2)
    }

    /// Lines the `k`-th answer takes in a list `cols` wide.
    pub fn height(&self, data: &Data, k: usize, cols: usize) -> usize {
        let text_cols = self.text_cols(cols);
        display_lines(self.text(data, k))
            .iter()
            .map(|l| wrap(l, text_cols).len())
            .sum()
    }

    /// The first answer on screen in a list `cols` × `lines`, from `top` as far as it keeps the
    /// selected answer in sight (whole, unless it is taller than the list).
    pub fn first_shown(&self, data: &Data, top: usize, cols: usize, lines: usize) -> usize {
        if top >= self.selected {
            return self.selected;
        }
        // Back from the selected answer while the answers fit (a screen's worth of work, however
        // far the selection is from `top`).
        let mut first = self.selected;
        let mut used = self.height(data, first, cols);
        while first > top {
            let above = self.height(data, first - 1, cols);
            if used + above > lines {
                break;
            }
            used += above;
            first -= 1;
        }
        first
    }

    /// How many answers from `from` fit whole in `lines` (at least one).
    pub fn fitting(&self, data: &Data, from: usize, cols: usize, lines: usize) -> usize {
        let mut used = 0;
        let mut count = 0;
        for k in from..self.matched.len() {
            used += self.height(data, k, cols);
            if used > lines {
                break;
            }
            count += 1;
        }
        count.max(1)
    }

    /// Moves the selection by `delta` answers, or by `delta` pages when `page` (the selection
    /// heading the page: the one after the page on screen, or the first of the page before),
    /// scrolling the list `cols` × `lines` so it stays in sight.
    pub fn step(&mut self, data: &Data, delta: isize, page: bool, cols: usize, lines: usize) {
        let len = self.matched.len();
        if len == 0 {
            return;
        }
        let last = len - 1;
        if page {
            for _ in 0..delta.unsigned_abs() {
                let top = self.first_shown(data, self.top, cols, lines);
                let below = top + self.fitting(data, top, cols, lines);
                if delta > 0 && below > last {
                    // The last page is on screen: to its last answer, the page where it is.
                    self.selected = last;
                    self.top = top;
                    continue;
                }
                let next = if delta > 0 {
                    below
                } else {
                    self.page_before(data, top, cols, lines)
                };
                self.selected = next;
                self.top = next;
            }
        } else {
            self.selected = (self.selected as isize)
                .saturating_add(delta)
                .clamp(0, last as isize) as usize;
        }
        self.top = self.first_shown(data, self.top, cols, lines);
    }

    /// The first answer of the page that ends just before `top`.
    fn page_before(&self, data: &Data, top: usize, cols: usize, lines: usize) -> usize {
        let mut first = top;
        let mut used = 0;
        while first > 0 {
            used += self.height(data, first - 1, cols);
            if used > lines && first < top {
                break;
            }
            first -= 1;
        }
        first
    }
}

/// The answers view's part of `App::update`.
impl super::app::App {
    /// The list's columns and lines in the window as the app last knew it: inside the borders,
    /// less the header, hint bar, count line and any status line. (The view keeps the selection
    /// in sight in whatever area it is drawn; this keeps the scrolling steady.)
    fn texts_room(&self) -> (usize, usize) {
        let status = usize::from(self.status.is_some() || self.searching);
        let (w, h) = (usize::from(self.size.0), usize::from(self.size.1));
        (w.saturating_sub(2), h.saturating_sub(5 + status).max(1))
    }

    /// Enter on a question: its written answers, when it is a free-text question. The same
    /// question opened again keeps its search and place.
    pub(super) fn read_answers(&mut self) -> Vec<super::action::Effect> {
        let Some(data) = self.data.clone() else {
            return Vec::new();
        };
        let questions = data.questions(self.population);
        let Some(&(_, q)) = questions.get(self.question) else {
            return Vec::new();
        };
        if q.kind != crate::survey::QuestionKind::Text {
            let s = self.lang.strings();
            let name = crate::text::visible(&q.id).into_owned();
            self.status = Some((
                crate::i18n::fill(s.texts.not_text, &[&name]),
                super::app::Tone::Info,
            ));
            return Vec::new();
        }
        let Some(review) = self.review(self.population).cloned() else {
            return Vec::new();
        };
        let same = self
            .texts
            .as_ref()
            .is_some_and(|t| t.population == self.population && t.question == self.question);
        if same {
            self.relist_texts();
        } else {
            self.texts = Texts::new(
                &data,
                &review,
                self.population,
                self.question,
                false,
                self.lang,
            );
        }
        if let Some(texts) = &mut self.texts {
            texts.open = None;
        }
        self.view = super::action::View::Texts;
        self.status = None;
        Vec::new()
    }

    /// Lists the open answers again under the decisions so far.
    pub(super) fn relist_texts(&mut self) {
        let (Some(data), Some(texts)) = (self.data.clone(), &self.texts) else {
            return;
        };
        let Some(review) = self.review(texts.population).cloned() else {
            return;
        };
        let lang = self.lang;
        if let Some(texts) = &mut self.texts {
            texts.relist(&data, &review, lang);
            if texts
                .open
                .is_some_and(|row| !texts.all && !review.is_valid(row))
            {
                texts.open = None;
            }
        }
    }

    /// ↑↓, pages, first and last: through the answers, or down the open respondent's.
    /// `delta` answers, or pages of them when `page`.
    pub(super) fn move_in_texts(&mut self, delta: isize, page: bool) -> Vec<super::action::Effect> {
        let (cols, lines) = self.texts_room();
        let Some(data) = self.data.clone() else {
            return Vec::new();
        };
        let open = self.texts.as_ref().and_then(|t| t.open);
        if let Some(row) = open {
            let by = if page {
                delta.saturating_mul(self.page() as isize)
            } else {
                delta
            };
            let max = self.response_lines(row).saturating_sub(1) as isize;
            self.scroll = (self.scroll as isize)
                .saturating_add(by)
                .clamp(0, max.max(0)) as usize;
            return Vec::new();
        }
        if let Some(texts) = &mut self.texts {
            texts.step(&data, delta, page, cols, lines);
        }
        Vec::new()
    }

    /// The search typed so far: the list narrows as it is typed.
    pub(super) fn search_texts(&mut self, query: String) {
        let Some(data) = self.data.clone() else {
            return;
        };
        if let Some(texts) = &mut self.texts {
            texts.search(&data, &query);
        }
    }

    /// Esc in the answers view closes what is open, innermost first: the search being typed
    /// (and with it the search), the respondent, the search; then back to the questions.
    pub(super) fn back_in_texts(&mut self) -> Vec<super::action::Effect> {
        let searching = std::mem::take(&mut self.searching);
        let Some(texts) = &mut self.texts else {
            self.view = super::action::View::Questions;
            return Vec::new();
        };
        if !searching && texts.open.take().is_some() {
            return Vec::new();
        }
        if searching || !texts.query.is_empty() {
            self.search_texts(String::new());
            return Vec::new();
        }
        if self.status.take().is_none() {
            self.view = super::action::View::Questions;
        }
        Vec::new()
    }

    /// `f`: every response's answer (the excluded ones marked), or the valid responses' only.
    pub(super) fn toggle_all_texts(&mut self) -> Vec<super::action::Effect> {
        let Some(texts) = &mut self.texts else {
            return Vec::new();
        };
        texts.all = !texts.all;
        texts.open = None;
        let s = &self.lang.strings().texts;
        let message = if texts.all {
            s.showing_all
        } else {
            s.showing_valid
        };
        self.status = Some((message.to_string(), super::app::Tone::Info));
        self.relist_texts();
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, fill};

    #[test]
    fn both_languages_place_the_same_values() {
        fn count(t: &str) -> usize {
            fill(t, &["\u{1}"; 8]).matches('\u{1}').count()
        }
        let (zh, en) = (&Lang::Zh.strings().texts, &Lang::En.strings().texts);
        for (z, e, n) in [
            (zh.count, en.count, 2),
            (zh.count_all, en.count_all, 2),
            (zh.found, en.found, 3),
            (zh.none_found, en.none_found, 2),
            (zh.not_text, en.not_text, 1),
            (zh.read_hint, en.read_hint, 1),
        ] {
            assert_eq!((count(z), count(e)), (n, n), "{z} / {e}");
        }
    }
}
