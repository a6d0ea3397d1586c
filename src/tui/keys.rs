//! The key table: one list that drives dispatch, the hint bar and the help screen, so the three
//! can never disagree.

use super::action::{Action, Cmd, View};
use super::app::App;
use crate::i18n::Lang;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub struct Binding {
    pub keys: &'static [KeyCode],
    /// How the keys are written in the hint bar and help.
    pub label: &'static str,
    /// The views it works in; empty: every view.
    pub views: &'static [View],
    pub cmd: Cmd,
    pub zh: &'static str,
    pub en: &'static str,
    /// Shown in the hint bar of its views.
    pub hint: bool,
}

impl Binding {
    pub fn text(&self, lang: Lang) -> &'static str {
        if lang == Lang::Zh { self.zh } else { self.en }
    }

    pub fn applies(&self, view: View) -> bool {
        self.views.is_empty() || self.views.contains(&view)
    }
}

use KeyCode::*;
use View::*;

pub static BINDINGS: &[Binding] = &[
    Binding {
        keys: &[Char('1')],
        label: "1",
        views: &[],
        cmd: Cmd::Show(Overview),
        zh: "概览",
        en: "overview",
        hint: false,
    },
    Binding {
        keys: &[Char('2')],
        label: "2",
        views: &[],
        cmd: Cmd::Show(Questions),
        zh: "题目",
        en: "questions",
        hint: false,
    },
    Binding {
        keys: &[Char('3')],
        label: "3",
        views: &[],
        cmd: Cmd::Show(Groups),
        zh: "分组",
        en: "groups",
        hint: false,
    },
    Binding {
        keys: &[Char('4')],
        label: "4",
        views: &[],
        cmd: Cmd::Show(Respondents),
        zh: "答卷",
        en: "respondents",
        hint: false,
    },
    Binding {
        keys: &[Tab],
        label: "Tab",
        views: &[],
        cmd: Cmd::NextView,
        zh: "下一视图",
        en: "next view",
        hint: true,
    },
    Binding {
        keys: &[BackTab],
        label: "S-Tab",
        views: &[],
        cmd: Cmd::PrevView,
        zh: "上一视图",
        en: "previous view",
        hint: false,
    },
    Binding {
        keys: &[Up, Char('k')],
        label: "↑↓",
        views: &[Overview, Questions, Groups, Respondents],
        cmd: Cmd::Up,
        zh: "上移",
        en: "up",
        hint: true,
    },
    Binding {
        keys: &[Down, Char('j')],
        label: "↓/j",
        views: &[Overview, Questions, Groups, Respondents],
        cmd: Cmd::Down,
        zh: "下移",
        en: "down",
        hint: false,
    },
    Binding {
        keys: &[PageUp],
        label: "PgUp",
        views: &[Questions, Respondents],
        cmd: Cmd::PageUp,
        zh: "上翻一页",
        en: "page up",
        hint: false,
    },
    Binding {
        keys: &[PageDown, Char(' ')],
        label: "PgDn",
        views: &[Questions, Respondents],
        cmd: Cmd::PageDown,
        zh: "下翻一页",
        en: "page down",
        hint: false,
    },
    Binding {
        keys: &[Home, Char('g')],
        label: "Home",
        views: &[Questions, Respondents],
        cmd: Cmd::Home,
        zh: "第一项",
        en: "first",
        hint: false,
    },
    Binding {
        keys: &[End, Char('G')],
        label: "End",
        views: &[Questions, Respondents],
        cmd: Cmd::End,
        zh: "最后一项",
        en: "last",
        hint: false,
    },
    Binding {
        keys: &[Char('p'), Right],
        label: "p/→",
        views: &[Overview, Questions, Groups, Respondents],
        cmd: Cmd::NextPopulation,
        zh: "下一调查对象",
        en: "next population",
        hint: true,
    },
    Binding {
        keys: &[Char('P'), Left],
        label: "P/←",
        views: &[Overview, Questions, Groups, Respondents],
        cmd: Cmd::PrevPopulation,
        zh: "上一调查对象",
        en: "previous population",
        hint: false,
    },
    Binding {
        keys: &[Char('m')],
        label: "m",
        views: &[Overview, Questions, Groups],
        cmd: Cmd::CycleMethod,
        zh: "区间方法",
        en: "interval method",
        hint: true,
    },
    Binding {
        keys: &[Char('c')],
        label: "c",
        views: &[Overview, Questions, Groups],
        cmd: Cmd::CycleConfidence,
        zh: "置信水平",
        en: "confidence",
        hint: true,
    },
    Binding {
        keys: &[Char('b')],
        label: "b",
        views: &[Groups],
        cmd: Cmd::CycleGrouping,
        zh: "分组依据",
        en: "group by",
        hint: true,
    },
    Binding {
        keys: &[Char('f')],
        label: "f",
        views: &[Respondents],
        cmd: Cmd::CycleFilter,
        zh: "筛选：全部/待复核/已剔除",
        en: "filter: all/flagged/excluded",
        hint: true,
    },
    Binding {
        keys: &[Enter],
        label: "Enter",
        views: &[Respondents],
        cmd: Cmd::Open,
        zh: "查看答卷",
        en: "open response",
        hint: true,
    },
    Binding {
        keys: &[Char('x')],
        label: "x",
        views: &[Respondents],
        cmd: Cmd::Exclude,
        zh: "剔除（需填原因）",
        en: "exclude (with a reason)",
        hint: true,
    },
    Binding {
        keys: &[Char('i')],
        label: "i",
        views: &[Respondents],
        cmd: Cmd::Include,
        zh: "恢复（需填原因）",
        en: "reinstate (with a reason)",
        hint: true,
    },
    Binding {
        keys: &[Char('/')],
        label: "/",
        views: &[Questions, Groups],
        cmd: Cmd::Search,
        zh: "搜索题目",
        en: "search questions",
        hint: true,
    },
    Binding {
        keys: &[Char('n')],
        label: "n",
        views: &[Questions, Groups],
        cmd: Cmd::NextMatch,
        zh: "下一个匹配",
        en: "next match",
        hint: false,
    },
    Binding {
        keys: &[Char('?')],
        label: "?",
        views: &[],
        cmd: Cmd::Help,
        zh: "帮助",
        en: "help",
        hint: true,
    },
    Binding {
        keys: &[Esc],
        label: "Esc",
        views: &[],
        cmd: Cmd::Back,
        zh: "返回",
        en: "back",
        hint: false,
    },
    Binding {
        keys: &[Char('q')],
        label: "q",
        views: &[],
        cmd: Cmd::Quit,
        zh: "退出",
        en: "quit",
        hint: true,
    },
];

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
        return match key.code {
            Enter => Some(Action::Submit),
            Esc => Some(Action::Cmd(Cmd::Back)),
            Backspace => Some(Action::Backspace),
            Char(c) => Some(Action::Input(c)),
            _ => None,
        };
    }
    BINDINGS
        .iter()
        .find(|b| b.applies(app.view) && b.keys.contains(&key.code))
        .map(|b| Action::Cmd(b.cmd))
}

/// `label text · label text …` for the hint bar of `view`.
pub fn hints(view: View, lang: Lang) -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.hint && b.applies(view))
        .map(|b| (b.label, b.text(lang)))
        .collect()
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
            let h = hints(view, Lang::Zh);
            assert!(h.iter().any(|(k, _)| *k == "q"), "{view:?}");
            assert!(h.iter().any(|(k, _)| *k == "?"), "{view:?}");
        }
    }
}
