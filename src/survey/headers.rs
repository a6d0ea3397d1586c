//! Reading an export's header row: which columns are metadata (序号, 提交答卷时间, 所用时间, 来自IP …)
//! and which are questions, with their number, text, matrix item and, in a 按序号 export, the option
//! a 0/1 column stands for.
//!
//! 问卷星 writes `3、题干` (also `3. 题干`, `第3题`, `Q3`); a matrix row or fill-in field joins the
//! stem to its item with an em dash (`5、请评价…—交通出行`); a 按序号 multiple-choice question becomes
//! one column per option, `4. 题干(选项1)` then `4(选项2)`.

use super::labels;
use crate::ingest::{ColumnKind, Table};

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
    // 腾讯问卷
    ("用户类型", MetaField::Other),
    ("referrer", MetaField::Other),
    ("ua", MetaField::Other),
    ("user agent", MetaField::Other),
    ("useragent", MetaField::Other),
    ("清洗数据结果", MetaField::Other),
    ("用户标识", MetaField::RespondentKey),
    ("答题状态", MetaField::Other),
    // 金数据
    ("提交人", MetaField::RespondentKey),
    ("填写人", MetaField::RespondentKey),
    ("修改时间", MetaField::Other),
    ("更新时间", MetaField::Other),
    ("创建时间", MetaField::Other),
    ("填写时长", MetaField::Duration),
    ("填写地点", MetaField::Other),
    ("渠道", MetaField::Source),
    ("来源ip", MetaField::Ip),
];

/// Metadata whose header varies after a fixed start: 腾讯问卷's 地理位置（省）, 地理位置（市） and
/// 自定义字段…, 金数据's 微信… columns.
const META_PREFIXES: &[(&str, MetaField)] = &[
    ("地理位置", MetaField::Other),
    ("自定义字段", MetaField::Other),
    ("微信", MetaField::Other),
];

fn meta_field(key: &str) -> Option<MetaField> {
    META.iter()
        .find(|(name, _)| *name == key)
        .or_else(|| META_PREFIXES.iter().find(|(p, _)| key.starts_with(p)))
        .map(|&(_, field)| field)
}

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
    /// In a 按序号 export, the option this 0/1 column stands for; in a 腾讯问卷 export, the option
    /// after the colon whose cells say whether it was chosen.
    pub option: Option<String>,
    /// The item or option follows a colon (腾讯问卷's `5.题目:选项`) rather than an em dash or a
    /// bracket.
    pub colon: bool,
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
    let parsed: Vec<Option<(u32, String, bool)>> = normalized
        .iter()
        .map(|h| {
            let (number, text, bare) = parse_number(h)?;
            // Old 按序号 files write `5、(选项1)`: a number and nothing but the option.
            let bare = bare || trailing_bracket(&text).is_some_and(|(stem, _)| stem.is_empty());
            Some((number, text, bare))
        })
        .collect();
    let mut numbers: std::collections::HashMap<u32, Siblings> = Default::default();
    for (number, text, bare) in parsed.iter().flatten() {
        numbers.entry(*number).or_default().add(text, *bare);
    }
    let mut roles = Vec::with_capacity(headers.len());
    for (i, header) in normalized.iter().enumerate() {
        if header.is_empty() {
            roles.push(HeaderRole::Blank);
            continue;
        }
        let key = labels::match_key(header);
        if let Some(field) = meta_field(&key) {
            roles.push(HeaderRole::Meta(field));
            continue;
        }
        let Some((number, text, bare_option)) = parsed[i].clone() else {
            roles.push(HeaderRole::Plain(header.clone()));
            continue;
        };
        let group = numbers.get(&number).cloned().unwrap_or_default();
        let siblings = group.count;
        let option_group = siblings > 1 && group.any_bare;
        let text = text.trim_end_matches([':', '：']).trim().to_string();
        let mut q = QuestionHeader {
            number,
            stem: text.clone(),
            text,
            item: None,
            option: None,
            colon: false,
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
        } else if siblings > 1 {
            split_item(&mut q, &group);
        }
        roles.push(HeaderRole::Question(q));
    }
    roles
}

/// What the columns sharing one question number have in common, which tells how to read each.
#[derive(Debug, Clone, Default)]
struct Siblings {
    count: usize,
    /// One is a bare option, `4(选项2)` or `5、(选项1)`: the group is 按序号 option columns.
    any_bare: bool,
    /// One joins stem and item with an em dash (问卷星 matrix rows and fill-in fields).
    any_dash: bool,
    /// The stem before the last colon, when every sibling has the same one (腾讯问卷 writes
    /// `5.题目:选项` and `6.题目:行`); `None` when they disagree or one has no colon.
    colon_stem: Option<String>,
    colons_agree: bool,
}

impl Siblings {
    fn add(&mut self, text: &str, bare: bool) {
        let stem = text
            .trim_end_matches([':', '：'])
            .rsplit_once([':', '：'])
            .map(|(stem, _)| stem.trim().to_string());
        self.colons_agree = match (self.count, &stem, &self.colon_stem) {
            (0, Some(_), _) => true,
            (_, Some(s), Some(first)) => self.colons_agree && s == first,
            _ => false,
        };
        if self.count == 0 {
            self.colon_stem = stem;
        }
        self.count += 1;
        self.any_bare |= bare;
        self.any_dash |= text.contains('—');
    }
}

/// A column that shares its number with others: its matrix row, fill-in field or 腾讯问卷 option
/// after the em dash or the common colon; in a 问卷星 多项填空 whose later fields drop the stem
/// (`12、您家庭的情况—家庭常住人口（人）`, `12、每月水费（元）`), the whole text.
fn split_item(q: &mut QuestionHeader, group: &Siblings) {
    if let Some(pos) = q.text.rfind('—') {
        let item = q.text[pos + '—'.len_utf8()..].trim().to_string();
        let stem = q.text[..pos].trim_end_matches('—').trim().to_string();
        if !item.is_empty() {
            q.item = Some(item);
            q.stem = stem;
        }
    } else if group.colons_agree
        && let Some(stem) = &group.colon_stem
        && let Some((_, item)) = q.text.rsplit_once([':', '：'])
        && !item.trim().is_empty()
    {
        q.item = Some(item.trim().to_string());
        q.stem = stem.clone();
        q.colon = true;
    } else if group.any_dash {
        q.item = Some(q.text.clone());
    }
}

/// A 按序号 export writes option numbers and codes blanks as -2 and skips as -3; it is recognised
/// by its 0/1 option columns.
pub fn is_number_download(roles: &[HeaderRole]) -> bool {
    roles
        .iter()
        .any(|r| matches!(r, HeaderRole::Question(h) if h.option.is_some() && !h.colon))
}

/// The roles of a table's columns, read from the headers and, where the headers leave it open, the
/// cells: 腾讯问卷 writes a multiple-choice question as one column per option after a colon
/// (`5.题目:选项`), exactly as it writes a matrix's rows (`6.题目:行`); option columns hold only
/// "chosen or not" (1/0, 选中, or the option's own text), rows hold answers on a scale.
pub fn classify_table(table: &Table) -> Vec<HeaderRole> {
    let mut roles = classify_all(&table.headers);
    matrix_rows_without_numbers(table, &mut roles);
    let mut groups: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
    for (col, role) in roles.iter().enumerate() {
        if let HeaderRole::Question(h) = role
            && h.colon
            && h.item.is_some()
        {
            groups.entry(h.number).or_default().push(col);
        }
    }
    for cols in groups.values() {
        let item = |c: usize| match &roles[c] {
            HeaderRole::Question(h) => h.item.clone().unwrap_or_default(),
            _ => String::new(),
        };
        let verdicts: Vec<Option<bool>> = cols
            .iter()
            .map(|&c| option_cells(table, c, &item(c)))
            .collect();
        if verdicts.iter().all(Option::is_some) && verdicts.contains(&Some(true)) {
            for &c in cols {
                if let HeaderRole::Question(h) = &mut roles[c] {
                    h.option = h.item.take();
                }
            }
        }
    }
    roles
}

/// Older 问卷星 downloads number only a matrix's first row (`13、题干—外观`) and head the other rows
/// with their text alone (`界面美观度`): an unnumbered column right after such a row, answered
/// from the same labels, is another row of it.
fn matrix_rows_without_numbers(table: &Table, roles: &mut [HeaderRole]) {
    let mut i = 0;
    while i < roles.len() {
        let HeaderRole::Question(h) = &roles[i] else {
            i += 1;
            continue;
        };
        let Some(dash) = h.text.rfind('—').filter(|_| h.option.is_none() && !h.colon) else {
            i += 1;
            continue;
        };
        let (number, text) = (h.number, h.text.clone());
        let mut j = i + 1;
        while j < roles.len()
            && matches!(roles[j], HeaderRole::Plain(_))
            && same_answers(table, i, j)
        {
            j += 1;
        }
        if j > i + 1 {
            let stem = text[..dash].trim_end_matches('—').trim().to_string();
            let item = text[dash + '—'.len_utf8()..].trim().to_string();
            if let HeaderRole::Question(h) = &mut roles[i] {
                h.stem = stem.clone();
                h.item = Some(item);
            }
            for role in &mut roles[i + 1..j] {
                if let HeaderRole::Plain(row) = role {
                    *role = HeaderRole::Question(QuestionHeader {
                        number,
                        text: row.clone(),
                        stem: stem.clone(),
                        item: Some(row.clone()),
                        option: None,
                        colon: false,
                    });
                }
            }
        }
        i = j;
    }
}

/// Whether at least four in five answers in column `b` are also answers in column `a`.
fn same_answers(table: &Table, a: usize, b: usize) -> bool {
    use crate::ingest::Column;
    let (Some(Column::Text(a)), Some(Column::Text(b))) =
        (table.columns.get(a), table.columns.get(b))
    else {
        return false;
    };
    let known: std::collections::HashSet<String> = a
        .values
        .iter()
        .map(|v| labels::match_key(v))
        .filter(|v| !v.is_empty() && labels::marker(v).is_none())
        .collect();
    let counts = b.codes.histogram(b.values.len(), None);
    let (mut shared, mut answered) = (0u64, 0u64);
    for (value, n) in b.values.iter().zip(counts) {
        let key = labels::match_key(value);
        if n == 0 || key.is_empty() || labels::marker(&key).is_some() {
            continue;
        }
        answered += n;
        if known.contains(&key) {
            shared += n;
        }
    }
    answered > 0 && shared * 5 >= answered * 4
}

/// Whether a column's cells read as "chosen or not": `None` when a cell is something else (a
/// scale label, free text); else whether any cell says chosen. An "other" option's column may
/// hold the text written in it.
fn option_cells(table: &Table, column: usize, option: &str) -> Option<bool> {
    let crate::ingest::Column::Text(c) = table.columns.get(column)? else {
        return None;
    };
    let other = option.starts_with("其他") || option.starts_with("其它");
    let option_key = labels::match_key(option);
    let mut chosen = false;
    for value in &c.values {
        let v = labels::normalize(value);
        match v.as_ref() {
            "" | "0" | "未选中" | "未选" | labels::BLANK | labels::SKIP => {}
            "1" | "选中" | "√" | "✓" => chosen = true,
            v if labels::match_key(v) == option_key => chosen = true,
            _ if other => chosen = true,
            _ => return None,
        }
    }
    Some(chosen)
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

    #[test]
    fn fill_in_fields_that_drop_the_stem() {
        let r = roles(&["12、您家庭的情况—家庭常住人口（人）", "12、每月水费（元）"]);
        assert_eq!(question(&r[0]).item.as_deref(), Some("家庭常住人口（人）"));
        assert_eq!(question(&r[1]).item.as_deref(), Some("每月水费（元）"));
    }

    #[test]
    fn old_number_download_option_headers() {
        let r = roles(&["5、(选项1)", "5、(选项2)", "6、您的年龄"]);
        assert_eq!(question(&r[0]).option.as_deref(), Some("选项1"));
        assert_eq!(question(&r[1]).option.as_deref(), Some("选项2"));
        assert!(is_number_download(&r));
    }

    #[test]
    fn tencent_columns_after_a_common_colon() {
        let r = roles(&[
            "5.您了解规划的渠道:政府网站",
            "5.您了解规划的渠道:微信公众号",
            "6.请评价:交通出行",
            "6.请评价:公园绿地",
            "7.您的满意程度：",
        ]);
        assert_eq!(question(&r[0]).item.as_deref(), Some("政府网站"));
        assert_eq!(question(&r[1]).stem, "您了解规划的渠道");
        assert_eq!(question(&r[3]).item.as_deref(), Some("公园绿地"));
        assert_eq!(question(&r[4]).item, None);
    }
}
