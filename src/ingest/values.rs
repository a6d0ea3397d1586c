//! Parsing the metadata cells of an export (序号, 提交答卷时间, 所用时间, 来自IP) from raw bytes.
//!
//! These run once per row on columns where nearly every value is distinct, so they parse the bytes
//! directly instead of building strings. Byte-level parsing also works before the encoding is
//! known: the digits and separators are ASCII in UTF-8 and GBK alike, and the one non-ASCII unit
//! that matters (秒/分/时 in 所用时间) is recognised in both encodings.
//!
//! Dates are naive civil date-times exactly as the export writes them (问卷星 writes Beijing time
//! with no zone); they are stored as seconds since 1970-01-01 00:00:00 of that same clock.
//! The civil-day arithmetic is Howard Hinnant's `days_from_civil`, a dozen lines; a date crate
//! would add a dependency for less than this file needs and parse slower on the hot path.

/// Seconds since 1970-01-01 00:00:00 on the export's own clock.
pub type Timestamp = i64;

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month, day) of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

pub fn timestamp(
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
) -> Timestamp {
    days_from_civil(year, month, day) * 86_400
        + i64::from(hour) * 3600
        + i64::from(minute) * 60
        + i64::from(second)
}

/// Formats as 问卷星 writes it, zero-padded so that text order is time order: `2024/07/15 10:23:45`.
pub fn format_timestamp(t: Timestamp) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}/{m:02}/{d:02} {:02}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

fn trim_ascii(bytes: &[u8]) -> &[u8] {
    bytes.trim_ascii()
}

/// Reads an unsigned decimal number at the start of `bytes`, returning it and the rest.
fn take_number(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 18 {
        return None;
    }
    let mut value = 0u64;
    for &b in &bytes[..digits] {
        value = value * 10 + u64::from(b - b'0');
    }
    Some((value, &bytes[digits..]))
}

/// `2024/7/15 10:23:45`, `2024-07-15 10:23`, `2024-07-15T10:23:45.5`, or a bare date.
pub fn parse_timestamp(bytes: &[u8]) -> Option<Timestamp> {
    let s = trim_ascii(bytes);
    let (year, rest) = take_number(s)?;
    let sep = *rest.first()?;
    if !(sep == b'/' || sep == b'-' || sep == b'.') || !(1000..=9999).contains(&year) {
        return None;
    }
    let (month, rest) = take_number(&rest[1..])?;
    if rest.first() != Some(&sep) {
        return None;
    }
    let (day, rest) = take_number(&rest[1..])?;
    let (year, month, day) = (year as i64, month as u32, day as u32);
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let rest = rest.trim_ascii_start();
    let rest = rest.strip_prefix(b"T").unwrap_or(rest);
    if rest.is_empty() {
        return Some(timestamp(year, month, day, 0, 0, 0));
    }
    let (hour, rest) = take_number(rest)?;
    let rest = rest.strip_prefix(b":")?;
    let (minute, rest) = take_number(rest)?;
    let (second, rest) = match rest.strip_prefix(b":") {
        Some(r) => take_number(r)?,
        None => (0, rest),
    };
    // Fractions of a second (from spreadsheets) are dropped: 问卷星 records whole seconds.
    let rest = match rest.strip_prefix(b".") {
        Some(r) => &r[r.iter().take_while(|b| b.is_ascii_digit()).count()..],
        None => rest,
    };
    if !rest.trim_ascii().is_empty() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some(timestamp(
        year,
        month,
        day,
        hour as u32,
        minute as u32,
        second.min(59) as u32,
    ))
}

/// Time units as they appear after a number in 所用时间, in UTF-8 and in GBK.
const UNITS: &[(&[u8], u64)] = &[
    // Longer units first, so that 秒钟 is not read as 秒 followed by junk.
    ("秒钟".as_bytes(), 1),
    ("分钟".as_bytes(), 60),
    (b"\xb7\xd6\xd6\xd3", 60), // 分钟 in GBK
    ("小时".as_bytes(), 3600),
    (b"\xd0\xa1\xca\xb1", 3600), // 小时 in GBK
    ("秒".as_bytes(), 1),
    (b"\xc3\xeb", 1), // 秒 in GBK
    ("分".as_bytes(), 60),
    (b"\xb7\xd6", 60), // 分 in GBK
    ("时".as_bytes(), 3600),
    (b"\xca\xb1", 3600), // 时 in GBK
    (b"s", 1),
    (b"m", 60),
    (b"h", 3600),
];

/// `95秒`, `2分15秒`, `1小时2分`, `95` (plain seconds) or `0:01:35`.
pub fn parse_seconds(bytes: &[u8]) -> Option<u32> {
    let s = trim_ascii(bytes);
    if s.contains(&b':') {
        let mut total = 0u64;
        for part in s.split(|&b| b == b':') {
            let (v, rest) = take_number(part.trim_ascii())?;
            if !rest.is_empty() {
                return None;
            }
            total = total * 60 + v;
        }
        return u32::try_from(total).ok();
    }
    let mut rest = s;
    let mut total = 0u64;
    while !rest.is_empty() {
        let (value, after) = take_number(rest)?;
        let after = after.trim_ascii_start();
        if after.is_empty() {
            total += value;
            break;
        }
        let (unit, scale) = UNITS.iter().find(|(u, _)| after.starts_with(u))?;
        total += value * scale;
        rest = after[unit.len()..].trim_ascii_start();
    }
    if s.is_empty() {
        return None;
    }
    u32::try_from(total).ok()
}

/// A whole number, also as a spreadsheet writes it (`17.0`).
pub fn parse_integer(bytes: &[u8]) -> Option<i64> {
    let s = trim_ascii(bytes);
    let (negative, digits) = match s.strip_prefix(b"-") {
        Some(d) => (true, d),
        None => (false, s),
    };
    let (value, rest) = take_number(digits)?;
    let rest = match rest.strip_prefix(b".") {
        Some(frac) if frac.iter().all(|&b| b == b'0') => &[][..],
        _ => rest,
    };
    if !rest.is_empty() {
        return None;
    }
    let value = i64::try_from(value).ok()?;
    Some(if negative { -value } else { value })
}

/// `61.134.22.7(山西-阳泉)` → the IPv4 address and the bytes of the place in brackets.
pub fn parse_ip(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let s = trim_ascii(bytes);
    let mut rest = s;
    let mut addr = 0u32;
    for i in 0..4 {
        let (octet, after) = take_number(rest)?;
        if octet > 255 {
            return None;
        }
        addr = (addr << 8) | octet as u32;
        rest = after;
        if i < 3 {
            rest = rest.strip_prefix(b".")?;
        }
    }
    let place = rest.trim_ascii();
    Some((addr, place))
}

pub fn format_ipv4(addr: u32) -> String {
    let [a, b, c, d] = addr.to_be_bytes();
    format!("{a}.{b}.{c}.{d}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days_round_trip() {
        for days in [-800_000i64, -1, 0, 1, 19_000, 20_000, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(
            days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28),
            2
        );
    }

    #[test]
    fn timestamps_in_the_forms_exports_use() {
        let t = parse_timestamp(b"2024/7/15 10:23:45").unwrap();
        assert_eq!(format_timestamp(t), "2024/07/15 10:23:45");
        assert_eq!(parse_timestamp(b"2024-07-15 10:23:45"), Some(t));
        assert_eq!(parse_timestamp(b" 2024-07-15T10:23:45.250 "), Some(t));
        assert_eq!(parse_timestamp(b"2024/7/15 10:23"), Some(t - 45));
        assert_eq!(
            parse_timestamp(b"2024/7/15"),
            Some(t - 10 * 3600 - 23 * 60 - 45)
        );
        for bad in [
            &b"2024/2/30 10:00:00"[..],
            b"15/7/2024",
            b"2024/13/1",
            b"",
            b"2024/7/15 25:00",
        ] {
            assert_eq!(
                parse_timestamp(bad),
                None,
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn durations_in_utf8_and_gbk() {
        assert_eq!(parse_seconds("95秒".as_bytes()), Some(95));
        assert_eq!(parse_seconds(b"95\xc3\xeb"), Some(95));
        assert_eq!(parse_seconds("2分15秒".as_bytes()), Some(135));
        assert_eq!(parse_seconds(b"2\xb7\xd615\xc3\xeb"), Some(135));
        assert_eq!(parse_seconds("1小时2分".as_bytes()), Some(3720));
        assert_eq!(parse_seconds(b"95"), Some(95));
        assert_eq!(parse_seconds(b"0:01:35"), Some(95));
        assert_eq!(parse_seconds(b""), None);
        assert_eq!(parse_seconds("很快".as_bytes()), None);
    }

    #[test]
    fn integers_and_ips() {
        assert_eq!(parse_integer(b" 17 "), Some(17));
        assert_eq!(parse_integer(b"17.0"), Some(17));
        assert_eq!(parse_integer(b"17.5"), None);
        assert_eq!(parse_integer(b"-3"), Some(-3));
        assert_eq!(parse_integer(b"A17"), None);
        let (addr, place) = parse_ip("61.134.22.7(山西-阳泉)".as_bytes()).unwrap();
        assert_eq!(format_ipv4(addr), "61.134.22.7");
        assert_eq!(place, "(山西-阳泉)".as_bytes());
        assert_eq!(parse_ip("240e::1(广东)".as_bytes()), None);
        assert_eq!(parse_ip(b"1.2.3.256"), None);
    }
}
