//! Untrusted text (answers, labels, headers from an export) made safe to print: control
//! characters, escape sequences and bidirectional overrides become visible symbols, so that no
//! answer can move the cursor, recolour the terminal or reorder what the evaluator reads.

use std::borrow::Cow;

/// A character that could move the cursor, recolour the terminal or reorder the text around it.
pub fn is_hazard(c: char) -> bool {
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

/// A whole document (CSV, JSON, Markdown, SVG, TOML) with the same hazards made visible as in
/// [`visible`], except the line breaks and tabs that give it its shape (`\r` only before `\n`).
pub fn visible_document(text: &str) -> Cow<'_, str> {
    let keep = |c: char, next: Option<char>| match c {
        '\n' | '\t' => true,
        '\r' => next == Some('\n'),
        _ => false,
    };
    let mut chars = text.chars().peekable();
    let mut clean = true;
    while let Some(c) = chars.next() {
        if is_hazard(c) && !keep(c, chars.peek().copied()) {
            clean = false;
            break;
        }
    }
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_hazard(c) && !keep(c, chars.peek().copied()) {
            out.push_str(&visible(c.encode_utf8(&mut [0; 4])));
        } else {
            out.push(c);
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

    #[test]
    fn documents_keep_their_lines() {
        assert_eq!(visible_document("a,b\r\nc\td\n"), "a,b\r\nc\td\n");
        assert_eq!(
            visible_document("x\u{1b}]0;title\u{7}\n\u{9b}\u{202e}y\rz"),
            "x␛]0;title␇\n<U+009B><U+202E>y␍z"
        );
    }
}
