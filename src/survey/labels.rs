//! Making labels comparable: answers in the wild carry stray spaces, full-width characters and
//! trailing punctuation ("满意 ", "（空）", "不满意。"), and differ in case when they are English.

use std::borrow::Cow;

/// 问卷星's marker for an empty optional answer (after normalisation of full-width brackets).
pub const BLANK: &str = "(空)";
/// 问卷星's marker for a question skipped by the questionnaire's logic.
pub const SKIP: &str = "(跳过)";
/// Joins the options of a multiple-choice answer in a 按文本 export.
pub const MULTI_SEPARATOR: char = '┋';
/// Joins the options of a ranking (排序) answer, first to last.
pub const RANK_SEPARATOR: char = '→';

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FA1F)
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00A0}')
}

/// Full-width ASCII forms (U+FF01–FF5E) and the ideographic space folded to ASCII.
fn fold_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// Sentence punctuation a label sometimes ends with ("不满意。").
const TRAILING: [char; 8] = ['。', '.', '，', ',', '；', ';', '!', '！'];

/// The label as it should be shown and matched: trimmed, full-width ASCII folded, spaces next to
/// Chinese characters removed, other runs of spaces collapsed, trailing sentence punctuation dropped.
pub fn normalize(raw: &str) -> Cow<'_, str> {
    let mut text = String::new();
    match normalize_into(raw, &mut text) {
        Some(kept) => Cow::Borrowed(kept),
        None => Cow::Owned(text),
    }
}

/// As [`normalize`], for a tally of many labels that keeps them in one buffer: a label that
/// normalising changes is written at the end of `out` (`None`); one it keeps as it is, bar
/// trailing punctuation, is that part of `raw` (`Some`), and `out` is left as it was.
pub fn normalize_into<'a>(raw: &'a str, out: &mut String) -> Option<&'a str> {
    // Asked of every distinct answer of every column (a third of a million suggestions in a large
    // export): the text between the characters it changes is copied in runs, not char by char.
    let Some(first_changed) = next_changed(raw, 0) else {
        return Some(without_trailing(raw));
    };
    let start = out.len();
    out.reserve(raw.len());
    let mut joined = Joined {
        text: out,
        pending_space: false,
        prev: None,
    };
    let mut next = Some(first_changed);
    let mut at = 0;
    loop {
        let (i, changed) = next.unwrap_or((raw.len(), ' '));
        joined.push(&raw[at..i]);
        if i == raw.len() {
            break;
        }
        let folded = fold_width(changed);
        if is_space(folded) {
            joined.pending_space = true;
        } else {
            joined.push(folded.encode_utf8(&mut [0; 4]));
        }
        at = i + changed.len_utf8();
        next = next_changed(raw, at);
    }
    let kept = without_trailing(&out[start..]).len();
    out.truncate(start + kept);
    None
}

/// A label being normalised: the text so far, and whether spaces were met since its last
/// character.
struct Joined<'o> {
    text: &'o mut String,
    pending_space: bool,
    prev: Option<char>,
}

impl Joined<'_> {
    fn push(&mut self, run: &str) {
        let (Some(first), Some(last)) = (run.chars().next(), run.chars().next_back()) else {
            return;
        };
        // One space survives between two non-Chinese words ("very satisfied"), none elsewhere.
        if self.pending_space && self.prev.is_some_and(|p| !is_cjk(p)) && !is_cjk(first) {
            self.text.push(' ');
        }
        self.pending_space = false;
        self.text.push_str(run);
        self.prev = Some(last);
    }
}

/// The first character at or after byte `from` that [`normalize`] changes — a space or a
/// full-width form — with its offset.
fn next_changed(s: &str, from: usize) -> Option<(usize, char)> {
    let bytes = s.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        // Those characters are ASCII whitespace or start with one of these bytes in UTF-8
        // (U+0085/U+00A0, U+1680, U+2000–U+205F, U+3000, U+FEFF and U+FF01–U+FF5E); none of them
        // is a continuation byte, so a match is the start of a character.
        if matches!(
            bytes[i],
            b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF
        ) {
            let c = s[i..].chars().next()?;
            if is_space(c) || (0xFF01..=0xFF5E).contains(&(c as u32)) {
                return Some((i, c));
            }
            i += c.len_utf8();
        } else {
            i += 1;
        }
    }
    None
}

/// `text` without the sentence punctuation it ends with; "..." is an ellipsis, not a full stop.
fn without_trailing(text: &str) -> &str {
    let mut t = text;
    while t.ends_with(TRAILING) && !t.ends_with("...") {
        let last = t.chars().next_back().map_or(0, char::len_utf8);
        t = &t[..t.len() - last];
    }
    t
}

/// The key two labels are compared by: normalised, an option letter (`C.一般了解`, as 腾讯问卷
/// writes answers) set aside, ASCII case folded.
pub fn match_key(raw: &str) -> String {
    let n = normalize(raw);
    let n = without_option_letter(&n);
    if n.bytes().any(|b| b.is_ascii_uppercase()) {
        n.to_ascii_lowercase()
    } else {
        n.to_string()
    }
}

/// A label without the option letter some platforms put before it (`C.一般了解` → `一般了解`;
/// `A、是`, `B．否`); a label that is only a letter, or `A.5` (a number), is left as it is.
pub fn without_option_letter(label: &str) -> &str {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(letter), Some('.' | '．' | '、')) if letter.is_ascii_uppercase() => {
            let rest = chars.as_str().trim_start();
            if rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit()) {
                label
            } else {
                rest
            }
        }
        _ => label,
    }
}

/// "Cannot say" answers: reported under their own label and never counted in n, on every scale
/// (a built-in one, one of the questionnaire's own, or yes/no). (label, other spellings).
pub const CANNOT_SAY: &[(&str, &[&str])] = &[
    ("不清楚", &[]),
    ("说不清", &["说不清楚", "说不好"]),
    ("不好说", &["很难说", "难说"]),
    ("无法评价", &["无法判断", "无法回答", "不便评价"]),
    ("不适用", &["not applicable"]),
    ("没接触过", &["未接触过", "没有接触", "未使用过", "没用过"]),
    ("don't know", &[]),
];

/// Whether `label` is a "cannot say" answer.
pub fn is_cannot_say(label: &str) -> bool {
    // The keys of the list and the most characters one has, made once: inference asks this of
    // every distinct label of a column, a third of a million in a large free-text one.
    static KEYS: std::sync::OnceLock<(Vec<String>, usize)> = std::sync::OnceLock::new();
    let (keys, longest) = KEYS.get_or_init(|| {
        let keys: Vec<String> = CANNOT_SAY
            .iter()
            .flat_map(|(l, aliases)| std::iter::once(l).chain(aliases.iter()))
            .map(|l| match_key(l))
            .collect();
        let longest = keys.iter().map(|k| k.chars().count()).max().unwrap_or(0);
        (keys, longest)
    });
    // As `match_key`, without making a string: lowercasing keeps the number of characters, so a
    // label longer than every key is none of them; an option letter and its mark are two more.
    if !may_be_at_most(label, longest + 2) {
        return false;
    }
    let normalized = normalize(label);
    let key = without_option_letter(&normalized);
    if key.bytes().any(|b| b.is_ascii_uppercase()) {
        let lower = key.to_ascii_lowercase();
        keys.contains(&lower)
    } else {
        keys.iter().any(|k| k == key)
    }
}

/// An "other" option with its text, `其他〖在公园看到展板〗`, split into (`其他`, `在公园看到展板`).
pub fn split_other(label: &str) -> (&str, Option<&str>) {
    for (open, close) in [('〖', '〗'), ('[', ']'), ('【', '】')] {
        if let Some(start) = label.find(open)
            && label.ends_with(close)
            && start > 0
        {
            let text = &label[start + open.len_utf8()..label.len() - close.len_utf8()];
            return (label[..start].trim_end(), Some(text));
        }
    }
    (label, None)
}

/// What an answer cell means before it is matched against a scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Blank,
    Skip,
}

/// Recognises the empty and skipped markers (after normalisation).
pub fn marker(normalized: &str) -> Option<Marker> {
    if BLANK_MARKERS.contains(&normalized) {
        Some(Marker::Blank)
    } else if SKIP_MARKERS.contains(&normalized) {
        Some(Marker::Skip)
    } else {
        None
    }
}

/// Labels that mark an empty answer; a lone dash is how some exports write one.
const BLANK_MARKERS: [&str; 6] = ["", BLANK, "(空白)", "(未填)", "(未作答)", "-"];
/// Labels that mark a question the questionnaire's logic skipped.
const SKIP_MARKERS: [&str; 2] = [SKIP, "(跳过题)"];
/// The most characters a marker has (of [`marker_in`] too).
pub const MARKER_CHARS: usize = 5;

/// Whether `raw` may have at most `n` characters once normalised: counts only the characters
/// normalisation always keeps (not spaces, not sentence punctuation), and stops after `n + 1`.
/// Rules out long answers — free text — before anything is made of them.
pub fn may_be_at_most(raw: &str, n: usize) -> bool {
    // Asked of every distinct answer (a free-text column has hundreds of thousands). First a
    // count of the bytes that surely start a kept character: an ASCII letter or digit, or the
    // lead byte of U+4000–U+9FFF (CJK ideographs, none a space or punctuation), sixteen bytes at
    // a time, which the compiler counts in vector registers. More of them than `n` settles it
    // without decoding; otherwise every character is looked at.
    let surely = |b: &u8| b.is_ascii_alphanumeric() || (0xE4..=0xE9).contains(b);
    let mut surely_kept = 0;
    let mut blocks = raw.as_bytes().chunks_exact(16);
    for block in &mut blocks {
        surely_kept += block.iter().filter(|b| surely(b)).count();
        if surely_kept > n {
            return false;
        }
    }
    if surely_kept + blocks.remainder().iter().filter(|b| surely(b)).count() > n {
        return false;
    }
    raw.chars()
        .filter(|&c| !is_space(c) && !TRAILING.contains(&fold_width(c)))
        .nth(n)
        .is_none()
}

/// Whether `label` holds the multiple-choice separator, and the ranking one. Both start with the
/// byte E2, rare in Chinese text, which is searched for; a search for either character keys on
/// its last byte, which thousands of Chinese characters end with.
pub fn separators(label: &str) -> (bool, bool) {
    let (mut multiple, mut ranking) = (false, false);
    for i in memchr::memchr_iter(0xE2, label.as_bytes()) {
        // E2 starts a character, so `i` is a boundary.
        let rest = &label[i..];
        multiple |= rest.starts_with(MULTI_SEPARATOR);
        ranking |= rest.starts_with(RANK_SEPARATOR);
    }
    (multiple, ranking)
}

/// As [`marker`], and where answers are numbers (a 按序号 or 按分数 download) also its codes:
/// `-2` for empty, `-3` for skipped.
pub fn marker_in(normalized: &str, numbers: bool) -> Option<Marker> {
    match (normalized, numbers) {
        ("-2", true) => Some(Marker::Blank),
        ("-3", true) => Some(Marker::Skip),
        _ => marker(normalized),
    }
}

/// A whole-number answer (`4`, `80`, `8分`), as 按序号 and 按分数 downloads and 0–10 ratings write.
pub fn number(label: &str) -> Option<i64> {
    label.trim().trim_end_matches('分').trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_the_noise_seen_in_exports() {
        assert_eq!(normalize("满意"), "满意");
        assert_eq!(normalize("满意 "), "满意");
        assert_eq!(normalize("\u{3000}非常 满意"), "非常满意");
        assert_eq!(normalize("（空）"), "(空)");
        assert_eq!(normalize("不满意。"), "不满意");
        assert_eq!(normalize("ＡＢＣ  d"), "ABC d");
        assert_eq!(normalize("18~30岁"), "18~30岁");
        assert_eq!(match_key("Very  Satisfied"), "very satisfied");
        assert_eq!(match_key("C.一般了解"), "一般了解");
        assert_eq!(match_key("A、是"), "是");
        assert_eq!(match_key("A.5"), "a.5");
        assert!(is_cannot_say("说不清楚"));
        assert!(is_cannot_say("B.不清楚"));
        assert!(!is_cannot_say("满意"));
        assert!(is_cannot_say("Not Applicable"));
        assert!(is_cannot_say("A. don't know"));
        assert!(!is_cannot_say("不清楚的地方很多"));
    }

    /// `normalize` as first written, one character at a time: the reference the faster one
    /// must agree with.
    fn normalize_char_by_char(raw: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        let mut prev: Option<char> = None;
        for c in raw.chars().map(fold_width) {
            if is_space(c) {
                pending_space = true;
                continue;
            }
            if pending_space && prev.is_some_and(|p| !is_cjk(p)) && !is_cjk(c) {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
            prev = Some(c);
        }
        while out.ends_with(TRAILING) && !out.ends_with("...") {
            out.pop();
        }
        out
    }

    #[test]
    fn normalises_as_one_character_at_a_time_would() {
        let alphabet: Vec<char> =
            " \t\n\r\u{3000}\u{a0}\u{200b}\u{feff}\u{2003}\u{85}\u{1680}\u{205f}\
            ab Z9.,;!。，；！（）ＡＢｚ０满意不清楚é€…~—\u{2014}\u{e9}\u{1f600}"
                .chars()
                .collect();
        let mut seed = 12345u64;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let len = (seed >> 59) as usize;
            let mut s = String::new();
            let mut x = seed;
            for _ in 0..len {
                x = x
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                s.push(alphabet[(x >> 33) as usize % alphabet.len()]);
            }
            assert_eq!(normalize(&s), normalize_char_by_char(&s), "{s:?}");
            // Written after what a buffer holds, which stays as it was.
            let mut out = String::from("前");
            let into = match normalize_into(&s, &mut out) {
                Some(kept) => {
                    assert_eq!(out, "前");
                    kept.to_string()
                }
                None => out.strip_prefix("前").expect("kept").to_string(),
            };
            assert_eq!(into, normalize_char_by_char(&s), "{s:?}");
            // The quick length test never rules out what normalises short enough, and says
            // exactly whether the characters normalising always keeps are at most n.
            assert!(may_be_at_most(&s, normalize(&s).chars().count()), "{s:?}");
            let kept = s
                .chars()
                .filter(|&c| !is_space(c) && !TRAILING.contains(&fold_width(c)))
                .count();
            for n in 0..8 {
                assert_eq!(may_be_at_most(&s, n), kept <= n, "{s:?} {n}");
            }
        }
        for s in ["...", "满意...", "a  b", " 满意 。", "！", "\u{3000}", ""] {
            assert_eq!(normalize(s), normalize_char_by_char(s), "{s:?}");
        }
    }

    #[test]
    fn separators_are_found_among_other_characters_starting_alike() {
        assert_eq!(separators("政府网站┋其他〖展板〗"), (true, false));
        assert_eq!(separators("停车→绿化→供水"), (false, true));
        assert_eq!(separators("甲┋乙→丙"), (true, true));
        // — … “ ” start with the same byte.
        assert_eq!(separators("不满意—“很差”…"), (false, false));
        assert_eq!(separators(""), (false, false));
        for c in ['┋', '→'] {
            assert_eq!(c.to_string().as_bytes()[0], 0xE2);
        }
    }

    #[test]
    fn other_option_text_is_split_off() {
        assert_eq!(
            split_other("其他〖在公园看到展板〗"),
            ("其他", Some("在公园看到展板"))
        );
        assert_eq!(split_other("政府网站"), ("政府网站", None));
    }

    #[test]
    fn markers() {
        for m in BLANK_MARKERS
            .iter()
            .chain(&SKIP_MARKERS)
            .chain(&["-2", "-3"])
        {
            assert!(m.chars().count() <= MARKER_CHARS, "{m}");
            assert!(may_be_at_most(m, MARKER_CHARS), "{m}");
        }
        assert!(may_be_at_most(" （ 空 ）。。 ", 4));
        assert!(!may_be_at_most("建议增加停车位", MARKER_CHARS));
        assert_eq!(marker("(跳过题)"), Some(Marker::Skip));
        assert_eq!(marker("-"), Some(Marker::Blank));
        assert_eq!(marker(&normalize("（空）")), Some(Marker::Blank));
        assert_eq!(marker("(跳过)"), Some(Marker::Skip));
        assert_eq!(marker("满意"), None);
    }
}
