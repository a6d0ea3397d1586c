//! Making labels comparable: answers in the wild carry stray spaces, full-width characters and
//! trailing punctuation ("满意 ", "（空）", "不满意。"), and differ in case when they are English.

use std::borrow::Cow;

/// 问卷星's marker for an empty optional answer (after normalisation of full-width brackets).
pub const BLANK: &str = "(空)";
/// 问卷星's marker for a question skipped by the questionnaire's logic.
pub const SKIP: &str = "(跳过)";
/// Joins the options of a multiple-choice answer in a 按文本 export.
pub const MULTI_SEPARATOR: char = '┋';

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
    let needs_work = raw
        .chars()
        .any(|c| is_space(c) || (0xFF01..=0xFF5E).contains(&(c as u32)))
        || raw.ends_with(TRAILING);
    if !needs_work {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    let mut prev: Option<char> = None;
    for c in raw.chars().map(fold_width) {
        if is_space(c) {
            pending_space = true;
            continue;
        }
        // One space survives between two non-Chinese words ("very satisfied"), none elsewhere.
        if pending_space && prev.is_some_and(|p| !is_cjk(p)) && !is_cjk(c) {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
        prev = Some(c);
    }
    // "..." is an ellipsis, not a full stop.
    while out.ends_with(TRAILING) && !out.ends_with("...") {
        out.pop();
    }
    Cow::Owned(out)
}

/// The key two labels are compared by: normalised, ASCII case folded.
pub fn match_key(raw: &str) -> String {
    let n = normalize(raw);
    if n.bytes().any(|b| b.is_ascii_uppercase()) {
        n.to_ascii_lowercase()
    } else {
        n.into_owned()
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
    match normalized {
        "" | BLANK | "(空白)" | "(未填)" | "(未作答)" => Some(Marker::Blank),
        SKIP | "(跳过题)" => Some(Marker::Skip),
        _ => None,
    }
}

/// As [`marker`], and in a 按序号 export also its codes: `-2` for empty, `-3` for skipped.
pub fn marker_in(normalized: &str, number_download: bool) -> Option<Marker> {
    match (normalized, number_download) {
        ("-2", true) => Some(Marker::Blank),
        ("-3", true) => Some(Marker::Skip),
        _ => marker(normalized),
    }
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
        assert_eq!(marker(&normalize("（空）")), Some(Marker::Blank));
        assert_eq!(marker("(跳过)"), Some(Marker::Skip));
        assert_eq!(marker("满意"), None);
    }
}
