//! Reading an export's header row: which columns are metadata (序号, 提交答卷时间, 所用时间, 来自IP …)
//! and which are questions, with their number, text, matrix item and, in a 按序号 export, the option
//! a 0/1 column stands for.
//!
//! 问卷星 writes `3、题干` (also `3. 题干`, `第3题`, `Q3`); a matrix row or fill-in field joins the
//! stem to its item with an em dash (`5、请评价…—交通出行`); a 按序号 multiple-choice question becomes
//! one column per option, `4. 题干(选项1)` then `4(选项2)`.

use super::labels;
use crate::ingest::ColumnKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetaField {
    /// 序号: the export's own respondent number.
    Id,
    /// 提交答卷时间.
    Submitted,
    /// 所用时间.
    Duration,
    /// 来源.
    Source,
    /// 来源详情.
    SourceDetail,
    /// 来自IP.
    Ip,
    /// A platform user id (用户ID, openid): identifies a respondent across submissions.
    RespondentKey,
    /// 总分 of a scored questionnaire.
    TotalScore,
    /// Other platform columns (填写设备, 操作系统, 开始答题时间 …).
    Other,
}

impl MetaField {
    pub fn column_kind(self) -> ColumnKind {
        match self {
            MetaField::Id => ColumnKind::Integer,
            MetaField::Submitted => ColumnKind::Timestamp,
            MetaField::Duration => ColumnKind::Seconds,
            MetaField::Ip => ColumnKind::Ip,
            _ => ColumnKind::Text,
        }
    }
}

const META: &[(&str, MetaField)] = &[
    ("序号", MetaField::Id),
    ("编号", MetaField::Id),
    ("答卷编号", MetaField::Id),
    ("答卷序号", MetaField::Id),
    ("id", MetaField::Id),
    ("提交答卷时间", MetaField::Submitted),
    ("提交时间", MetaField::Submitted),
    ("答卷提交时间", MetaField::Submitted),
    ("结束答题时间", MetaField::Submitted),
    ("填写时间", MetaField::Submitted),
    ("所用时间", MetaField::Duration),
    ("答题时长", MetaField::Duration),
    ("作答时长", MetaField::Duration),
    ("填写用时", MetaField::Duration),
    ("用时", MetaField::Duration),
    ("来源", MetaField::Source),
    ("来源渠道", MetaField::Source),
    ("来源详情", MetaField::SourceDetail),
    ("来自ip", MetaField::Ip),
    ("ip", MetaField::Ip),
    ("ip地址", MetaField::Ip),
    ("填写ip", MetaField::Ip),
    ("用户id", MetaField::RespondentKey),
    ("openid", MetaField::RespondentKey),
    ("微信openid", MetaField::RespondentKey),
    ("总分", MetaField::TotalScore),
    ("开始答题时间", MetaField::Other),
    ("填写设备", MetaField::Other),
    ("操作系统", MetaField::Other),
    ("浏览器", MetaField::Other),
    ("地理位置", MetaField::Other),
    ("微信昵称", MetaField::Other),
    ("昵称", MetaField::Other),
];

/// A question header taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionHeader {
    pub number: u32,
    /// The header without its number (and without a trailing colon), item included.
    pub text: String,
    /// The part before the em dash, or the whole text.
    pub stem: String,
    /// The matrix row or fill-in field after the em dash, when several columns share the number.
    pub item: Option<String>,
    /// In a 按序号 export, the option this 0/1 column stands for.
    pub option: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderRole {
    Meta(MetaField),
    Question(QuestionHeader),
    /// Neither numbered nor known metadata (a plain CSV's `township`, `score`): treated as a
    /// question named by its header.
    Plain(String),
    /// A blank header.
    Blank,
}

/// Classifies every header of an export; columns are read together because items and options are
/// only recognisable next to their siblings.
pub fn classify_all(headers: &[String]) -> Vec<HeaderRole> {
    let normalized: Vec<String> = headers.iter().map(|h| display_header(h)).collect();
    let parsed: Vec<Option<(u32, String, bool)>> =
        normalized.iter().map(|h| parse_number(h)).collect();
    // Per question number: how many columns carry it, and whether one is a bare option `4(选项2)`.
    let mut numbers: std::collections::HashMap<u32, (usize, bool)> = Default::default();
    for (number, _, bare) in parsed.iter().flatten() {
        let entry = numbers.entry(*number).or_default();
        entry.0 += 1;
        entry.1 |= *bare;
    }
    let mut roles = Vec::with_capacity(headers.len());
    for (i, header) in normalized.iter().enumerate() {
        if header.is_empty() {
            roles.push(HeaderRole::Blank);
            continue;
        }
        let key = labels::match_key(header);
        if let Some(&(_, field)) = META.iter().find(|(name, _)| *name == key) {
            roles.push(HeaderRole::Meta(field));
            continue;
        }
        let Some((number, text, bare_option)) = parsed[i].clone() else {
            roles.push(HeaderRole::Plain(header.clone()));
            continue;
        };
        let (siblings, any_bare) = numbers.get(&number).copied().unwrap_or((1, false));
        let option_group = siblings > 1 && any_bare;
        let text = text.trim_end_matches([':', '：']).trim().to_string();
        let mut q = QuestionHeader {
            number,
            stem: text.clone(),
            text,
            item: None,
            option: None,
        };
        if option_group {
            // `4. 题干(选项1)` or `4(选项2)`: the trailing bracket names the option.
            if let Some((stem, option)) = trailing_bracket(&q.text) {
                q.option = Some(option.to_string());
                q.stem = stem.trim_end_matches([':', '：']).trim().to_string();
                if bare_option {
                    q.stem.clear();
                }
            }
        } else if siblings > 1
            && let Some(pos) = q.text.rfind('—')
        {
            let item = q.text[pos + '—'.len_utf8()..].trim().to_string();
            let stem = q.text[..pos].trim_end_matches('—').trim().to_string();
            if !item.is_empty() {
                q.item = Some(item);
                q.stem = stem;
            }
        }
        roles.push(HeaderRole::Question(q));
    }
    roles
}

/// A 按序号 export writes option numbers and codes blanks as -2 and skips as -3; it is recognised
/// by its 0/1 option columns.
pub fn is_number_download(roles: &[HeaderRole]) -> bool {
    roles
        .iter()
        .any(|r| matches!(r, HeaderRole::Question(h) if h.option.is_some()))
}

/// A header as shown: trimmed, with the question-number prefix (`３、`, `第４题`) folded to ASCII so
/// it can be parsed, the rest as written (full-width brackets and question marks are kept).
fn display_header(raw: &str) -> String {
    let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let prefix_len: usize = trimmed
        .char_indices()
        .take_while(|&(_, c)| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || matches!(
                    c,
                    '第' | '题'
                        | 'Q'
                        | 'q'
                        | 'Ｑ'
                        | '、'
                        | '.'
                        | '．'
                        | ':'
                        | '：'
                        | ' '
                        | '\u{3000}'
                )
        })
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (prefix, rest) = trimmed.split_at(prefix_len);
    let mut out: String = prefix
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    if !out.is_empty()
        && !rest.is_empty()
        && out.ends_with(|c: char| c.is_ascii_alphanumeric())
        && rest.starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        out.push(' ');
    }
    out.push_str(rest.trim());
    out
}

/// How each column should be stored while reading: metadata parsed, everything else as text.
pub fn column_kinds(headers: &[String]) -> Vec<ColumnKind> {
    classify_all(headers)
        .iter()
        .map(|role| match role {
            HeaderRole::Meta(field) => field.column_kind(),
            _ => ColumnKind::Text,
        })
        .collect()
}

/// `3、题干` → (3, "题干", false); `4(选项2)` → (4, "(选项2)", true); `第4题(选项)`, `Q3. 题干`.
fn parse_number(header: &str) -> Option<(u32, String, bool)> {
    let (s, prefixed) = match header.strip_prefix('第') {
        Some(rest) => (rest, true),
        None => match header.strip_prefix(['Q', 'q']) {
            Some(rest) => (rest, true),
            None => (header, false),
        },
    };
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let number: u32 = s[..digits].parse().ok()?;
    let rest = &s[digits..];
    let rest = if header.starts_with('第') {
        rest.strip_prefix('题')?
    } else {
        rest
    };
    let mut chars = rest.chars();
    match chars.next() {
        None => Some((number, String::new(), false)),
        Some('、' | '：' | ':' | ')' | '）' | '．') => {
            Some((number, chars.as_str().trim().to_string(), false))
        }
        // `3. 题干` but not `3.5分`.
        Some('.') if !chars.as_str().starts_with(|c: char| c.is_ascii_digit()) => {
            Some((number, chars.as_str().trim().to_string(), false))
        }
        Some('(' | '（') => Some((number, rest.trim().to_string(), true)),
        Some(' ') if prefixed => Some((number, chars.as_str().trim().to_string(), false)),
        _ if header.starts_with('第') => Some((number, rest.trim().to_string(), false)),
        _ => None,
    }
}

/// `题干(选项1)` → ("题干", "选项1").
fn trailing_bracket(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_end();
    let close = text.chars().last()?;
    let open = match close {
        ')' => '(',
        '）' => '（',
        _ => return None,
    };
    let start = text.rfind(open)?;
    let option = &text[start + open.len_utf8()..text.len() - close.len_utf8()];
    Some((&text[..start], option.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(headers: &[&str]) -> Vec<HeaderRole> {
        classify_all(&headers.iter().map(|h| h.to_string()).collect::<Vec<_>>())
    }

    fn question(role: &HeaderRole) -> &QuestionHeader {
        match role {
            HeaderRole::Question(q) => q,
            other => panic!("not a question: {other:?}"),
        }
    }

    #[test]
    fn metadata_and_numbered_questions() {
        let r = roles(&[
            "序号",
            "提交答卷时间",
            "所用时间",
            "来自IP",
            "3、您对规划的了解程度：",
            "7. 总体满意度",
        ]);
        assert_eq!(r[0], HeaderRole::Meta(MetaField::Id));
        assert_eq!(r[3], HeaderRole::Meta(MetaField::Ip));
        let q = question(&r[4]);
        assert_eq!(
            (q.number, q.text.as_str(), q.item.as_ref()),
            (3, "您对规划的了解程度", None)
        );
        assert_eq!(question(&r[5]).number, 7);
    }

    #[test]
    fn matrix_items_split_only_with_siblings() {
        let r = roles(&[
            "5、请评价—交通出行",
            "5、请评价—公园绿地",
            "6、规划—实施情况",
        ]);
        let q = question(&r[0]);
        assert_eq!(
            (q.stem.as_str(), q.item.as_deref()),
            ("请评价", Some("交通出行"))
        );
        assert_eq!(question(&r[1]).item.as_deref(), Some("公园绿地"));
        // A lone column keeps its em dash as part of the text.
        assert_eq!(question(&r[2]).item, None);
        assert_eq!(question(&r[2]).text, "规划—实施情况");
    }

    #[test]
    fn number_download_option_columns() {
        let r = roles(&[
            "4. 您通过哪些渠道了解(政府网站)",
            "4(微信公众号)",
            "4(其他)",
            "5. 年龄(周岁)",
        ]);
        let first = question(&r[0]);
        assert_eq!(first.option.as_deref(), Some("政府网站"));
        assert_eq!(first.stem, "您通过哪些渠道了解");
        assert_eq!(question(&r[1]).option.as_deref(), Some("微信公众号"));
        // A lone question whose text ends in brackets is not an option column.
        assert_eq!(question(&r[3]).option, None);
        let old = roles(&["第4题(选项1)", "第4题(选项2)"]);
        assert_eq!(question(&old[1]).option.as_deref(), Some("选项2"));
    }

    #[test]
    fn full_width_digits_and_false_numbers() {
        let r = roles(&[
            "３、您对…",
            "2021年满意度",
            "Q2 How satisfied",
            "3.5分制评价",
        ]);
        assert_eq!(question(&r[0]).number, 3);
        assert_eq!(r[1], HeaderRole::Plain("2021年满意度".into()));
        assert_eq!(question(&r[2]).text, "How satisfied");
        assert_eq!(r[3], HeaderRole::Plain("3.5分制评价".into()));
    }
}
