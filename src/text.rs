//! Untrusted text (answers, labels, headers from an export) made safe to print: control
//! characters, escape sequences and bidirectional overrides become visible symbols, so that no
//! answer can move the cursor, recolour the terminal or reorder what the evaluator reads.

use std::borrow::Cow;

fn is_hazard(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// `text` with every control character shown as a symbol: C0 controls as their Unicode control
/// pictures (ESC → ␛, newline → ␊), DEL as ␡, others as `<U+XXXX>`.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hazard) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c as u32 {
            code @ 0x00..=0x1F => out.push(char::from_u32(0x2400 + code).unwrap_or('?')),
            0x7F => out.push('␡'),
            _ if is_hazard(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_visible() {
        assert_eq!(visible("\u{1b}[31m红色\u{1b}[0m"), "␛[31m红色␛[0m");
        assert_eq!(visible("a\nb"), "a␊b");
        assert_eq!(visible("\u{202E}abc"), "<U+202E>abc");
        assert_eq!(visible("非常满意"), "非常满意");
    }
}
