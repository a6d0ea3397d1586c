//! The key table: one list that drives dispatch, the hint bar, the help screen and every sentence
//! that names a key ("按 b 换一个分组"), so they can never disagree.

use super::action::{Action, Cmd, View};
use super::app::App;
use crate::i18n::{KeyTexts, Lang};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub struct Binding {
    pub keys: &'static [KeyCode],
    /// How the keys are written in the hint bar and help.
    pub label: &'static str,
    /// The views it works in; empty: every view.
    pub views: &'static [View],
    pub cmd: Cmd,
    /// What it does, from the string table.
    pub text: fn(&KeyTexts) -> &'static str,
    /// Shown in the hint bar of its views when not 0; when the bar is short, the hints with the
    /// lowest priority give way first (help and quit, the highest, never do).
    pub hint: u8,
}

impl Binding {
    pub fn describe(&self, lang: Lang) -> &'static str {
        (self.text)(&lang.strings().tui.keys)
    }

    pub fn applies(&self, view: View) -> bool {
        self.views.is_empty() || self.views.contains(&view)
    }
}

use KeyCode::*;
use View::*;

/// Every key, in the order help lists them. Hints show in the hint bar of the binding's views.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(&[Char('1')], "1", &[], Cmd::Show(Overview), |k| k.overview, 0),
    bind(&[Char('2')], "2", &[], Cmd::Show(Questions), |k| k.questions, 0),
    bind(&[Char('3')], "3", &[], Cmd::Show(Groups), |k| k.groups, 0),
    bind(&[Char('4')], "4", &[], Cmd::Show(Respondents), |k| k.respondents, 0),
    bind(&[Tab], "Tab", &[], Cmd::NextView, |k| k.next_view, 5),
    bind(&[BackTab], "S-Tab", &[], Cmd::PrevView, |k| k.prev_view, 0),
    bind(&[Up, Char('k')], "↑/k", MOVE, Cmd::Up, |k| k.up, 0),
    bind(&[Down, Char('j')], "↓/j", MOVE, Cmd::Down, |k| k.down, 0),
    bind(&[PageUp], "PgUp", LISTS, Cmd::PageUp, |k| k.page_up, 0),
    bind(&[PageDown, Char(' ')], "PgDn", LISTS, Cmd::PageDown, |k| k.page_down, 0),
    bind(&[Home, Char('g')], "Home/g", LISTS, Cmd::Home, |k| k.first, 0),
    bind(&[End, Char('G')], "End/G", LISTS, Cmd::End, |k| k.last, 0),
    bind(&[Enter], "Enter", &[Overview], Cmd::Show(Questions), |k| k.open_question, 7),
    bind(&[Enter], "Enter", &[Questions], Cmd::ReadAnswers, |k| k.read_answers, 1),
    bind(&[Char('p'), Right], "p/→", BROWSE, Cmd::NextPopulation, |k| k.next_population, 4),
    bind(&[Char('P'), Left], "P/←", BROWSE, Cmd::PrevPopulation, |k| k.prev_population, 0),
    bind(&[Char('m')], "m", FIGURES, Cmd::CycleMethod, |k| k.method, 3),
    bind(&[Char('c')], "c", FIGURES, Cmd::CycleConfidence, |k| k.confidence, 2),
    bind(&[Char('w')], "w", FIGURES, Cmd::ToggleWeights, |k| k.weights, 0),
    bind(&[Char('b')], "b", &[Groups], Cmd::CycleGrouping, |k| k.group_by, 7),
    bind(&[Char('f')], "f", &[Respondents], Cmd::CycleFilter, |k| k.filter, 5),
    bind(&[Char('f')], "f", &[Texts], Cmd::CycleFilter, |k| k.answers_filter, 4),
    bind(&[Enter], "Enter", &[Respondents, Texts], Cmd::Open, |k| k.open, 8),
    bind(&[Char('x')], "x", &[Respondents], Cmd::Exclude, |k| k.exclude, 7),
    bind(&[Char('i')], "i", &[Respondents], Cmd::Include, |k| k.include, 6),
    bind(&[Char('/')], "/", &[Questions, Groups], Cmd::Search, |k| k.search, 6),
    bind(&[Char('/')], "/", &[Texts], Cmd::Search, |k| k.search_answers, 6),
    bind(&[Char('n')], "n", &[Questions, Groups], Cmd::NextMatch, |k| k.next_match, 0),
    bind(&[Char('F')], "F", BROWSE, Cmd::Where, |k| k.where_filter, 4),
    bind(&[Char('R')], "R", BROWSE, Cmd::ClearWhere, |k| k.clear_filter, 0),
    bind(&[Char('s')], "s", &[Questions, Groups], Cmd::CycleSort, |k| k.sort, 1),
    bind(&[Char('e')], "e", &[Questions, Groups], Cmd::Export, |k| k.export, 2),
    bind(&[Char('?')], "?", &[], Cmd::Help, |k| k.help, HELP_AND_QUIT),
    bind(&[Esc], "Esc", &[], Cmd::Back, |k| k.back, 0),
    bind(&[Char('q')], "q", &[], Cmd::Quit, |k| k.quit, HELP_AND_QUIT),
];

/// The hint priority of help and quit: always in sight.
pub const HELP_AND_QUIT: u8 = u8::MAX;

const BROWSE: &[View] = &[Overview, Questions, Groups, Respondents];
const MOVE: &[View] = &[Overview, Questions, Groups, Respondents, Help, Texts];
const LISTS: &[View] = &[Overview, Questions, Groups, Respondents, Help, Texts];
const FIGURES: &[View] = &[Overview, Questions, Groups];

/// What a key does while the reason prompt or the search line is open, where every other key is
/// text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Submit,
    Cancel,
    Erase,
}

impl Edit {
    fn action(self) -> Action {
        match self {
            Edit::Submit => Action::Submit,
            Edit::Cancel => Action::Cmd(Cmd::Back),
            Edit::Erase => Action::Backspace,
        }
    }
}

/// The keys of a prompt or the search line.
pub static EDITING: &[(KeyCode, Edit)] = &[
    (Enter, Edit::Submit),
    (Esc, Edit::Cancel),
    (Backspace, Edit::Erase),
];

const fn bind(
    keys: &'static [KeyCode],
    label: &'static str,
    views: &'static [View],
    cmd: Cmd,
    text: fn(&KeyTexts) -> &'static str,
    hint: u8,
) -> Binding {
    Binding {
        keys,
        label,
        views,
        cmd,
        text,
        hint,
    }
}

/// The action a key press means in the app's current state: typed text while a prompt or search
/// is open, otherwise the first binding of the key that applies to the view.
pub fn dispatch(app: &App, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == Char('c') {
        return Some(Action::Cmd(Cmd::Quit));
    }
    if app.typing() {
        if let Some((_, edit)) = EDITING.iter().find(|(k, _)| *k == key.code) {
            return Some(edit.action());
        }
        return match key.code {
            Char(c) => Some(Action::Input(c)),
            _ => None,
        };
    }
    BINDINGS
        .iter()
        .find(|b| b.applies(app.view) && b.keys.contains(&key.code))
        .map(|b| Action::Cmd(b.cmd))
}

/// How a key is written in a sentence: its symbol or its name.
pub fn key_name(code: KeyCode) -> String {
    let name = match code {
        Up => "↑",
        Down => "↓",
        Left => "←",
        Right => "→",
        Enter => "Enter",
        Esc => "Esc",
        Tab => "Tab",
        BackTab => "S-Tab",
        Backspace => "Backspace",
        PageUp => "PgUp",
        PageDown => "PgDn",
        Home => "Home",
        End => "End",
        Char(' ') => "Space",
        Char(c) => return c.to_string(),
        other => return other.to_string(),
    };
    name.to_string()
}

/// The (first) key of a command, as a sentence names it.
pub fn key_of(cmd: Cmd) -> String {
    BINDINGS
        .iter()
        .find(|b| b.cmd == cmd)
        .and_then(|b| b.keys.first())
        .map_or_else(String::new, |&k| key_name(k))
}

/// The key of an edit in a prompt or the search line, as a sentence names it.
pub fn edit_key(edit: Edit) -> String {
    EDITING
        .iter()
        .find(|(_, e)| *e == edit)
        .map_or_else(String::new, |&(k, _)| key_name(k))
}

/// The bindings shown in the hint bar of `view`, in table order.
pub fn hints(view: View) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.hint > 0 && b.applies(view))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_view() {
        for view in View::ALL {
            let mut seen = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.applies(view)) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {view:?}");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn every_view_has_hints_and_quit() {
        for view in View::ALL {
            let labels: Vec<&str> = hints(view).map(|b| b.label).collect();
            assert!(labels.contains(&"q") && labels.contains(&"?"), "{view:?}");
            // Help and quit outlast every other hint.
            for b in hints(view).filter(|b| !matches!(b.cmd, Cmd::Help | Cmd::Quit)) {
                assert!(b.hint < HELP_AND_QUIT, "{:?}", b.cmd);
            }
        }
    }

    #[test]
    fn every_command_and_edit_has_a_key_to_name() {
        for b in BINDINGS {
            assert!(!key_of(b.cmd).is_empty(), "{:?}", b.cmd);
        }
        for edit in [Edit::Submit, Edit::Cancel, Edit::Erase] {
            assert!(!edit_key(edit).is_empty(), "{edit:?}");
        }
        assert_eq!(key_of(Cmd::CycleGrouping), "b");
        assert_eq!(key_of(Cmd::Up) + &key_of(Cmd::Down), "↑↓");
    }

    #[test]
    fn both_languages_leave_room_for_the_same_keys_and_values() {
        // A translation that drops a placeholder drops the key it names.
        fn count(t: &str) -> usize {
            crate::i18n::fill(t, &["\u{1}"; 8]).matches('\u{1}').count()
        }
        let (zh, en) = (&Lang::Zh.strings().tui, &Lang::En.strings().tui);
        for (z, e) in [
            (zh.same_question, en.same_question),
            (zh.prompt_hint, en.prompt_hint),
            (zh.already_excluded, en.already_excluded),
            (zh.already_valid, en.already_valid),
            (zh.search_found, en.search_found),
        ] {
            assert_eq!(count(z), count(e), "{z} / {e}");
            assert!(count(z) > 0, "{z}");
        }
        // And the other templates of the screens, for the values they place.
        for (z, e) in [
            (zh.n_answers, en.n_answers),
            (zh.chi_square, en.chi_square),
            (zh.furthest, en.furthest),
            (zh.failed, en.failed),
            (zh.internal_error, en.internal_error),
        ] {
            assert_eq!(count(z), count(e), "{z} / {e}");
            assert!(count(z) > 0, "{z}");
        }
    }
}
