//! Which text encoding an export is in: a byte-order mark if there is one, else strict UTF-8 if
//! every distinct value decodes as UTF-8, else GB18030 (the superset of GBK and GB2312 that Excel on
//! Chinese Windows writes). The user can force either with `--encoding`.

use std::fmt;
use std::str::FromStr;

/// What the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    #[default]
    Auto,
    Utf8,
    Gb18030,
}

impl FromStr for EncodingChoice {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Ok(EncodingChoice::Auto),
            "utf-8" | "utf8" | "utf-8-sig" => Ok(EncodingChoice::Utf8),
            "gbk" | "gb2312" | "gb18030" | "cp936" | "gb-18030" => Ok(EncodingChoice::Gb18030),
            other => Err(format!(
                "unknown encoding '{other}': expected auto, utf-8 or gbk (gb18030)"
            )),
        }
    }
}

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Gb18030 => "gb18030",
        }
    }

    /// Decodes one value, or `None` when its bytes are not valid in this encoding. UTF-16 files are
    /// converted to UTF-8 before parsing, so their values decode as UTF-8.
    pub fn decode(self, bytes: &[u8]) -> Option<String> {
        match self {
            Encoding::Gb18030 => encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(bytes)
                .map(|s| s.into_owned()),
            _ => std::str::from_utf8(bytes).ok().map(str::to_owned),
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A byte-order mark at the start of a file: the encoding it announces and its length.
pub fn sniff_bom(prefix: &[u8]) -> Option<(Encoding, usize)> {
    if prefix.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Some((Encoding::Utf8Bom, 3))
    } else if prefix.starts_with(&[0xFF, 0xFE]) {
        Some((Encoding::Utf16Le, 2))
    } else if prefix.starts_with(&[0xFE, 0xFF]) {
        Some((Encoding::Utf16Be, 2))
    } else {
        None
    }
}

/// Converts a whole UTF-16 file body (after its BOM) to UTF-8, or `None` if it is malformed.
pub fn utf16_to_utf8(encoding: Encoding, body: &[u8]) -> Option<String> {
    let codec = match encoding {
        Encoding::Utf16Le => encoding_rs::UTF_16LE,
        _ => encoding_rs::UTF_16BE,
    };
    codec
        .decode_without_bom_handling_and_without_replacement(body)
        .map(|s| s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_bytes_decode_and_are_not_utf8() {
        let gbk = b"\xb7\xc7\xb3\xa3\xc2\xfa\xd2\xe2"; // 非常满意
        assert_eq!(Encoding::Utf8.decode(gbk), None);
        assert_eq!(Encoding::Gb18030.decode(gbk).as_deref(), Some("非常满意"));
    }

    #[test]
    fn choices_parse_with_common_spellings() {
        assert_eq!("GBK".parse(), Ok(EncodingChoice::Gb18030));
        assert_eq!("utf8".parse(), Ok(EncodingChoice::Utf8));
        assert!("latin1".parse::<EncodingChoice>().is_err());
    }
}
