//! The columns of a table as read: text dictionary-encoded, metadata parsed into numbers.
//!
//! Builders collect raw bytes while a file is parsed (possibly several builders per column, one per
//! parallel chunk, merged afterwards); `finish` decodes the distinct values once the file's encoding
//! is known, so decoding costs one call per distinct value rather than one per cell.

use super::codes::Codes;
use super::interner::Interner;
use super::values;
use super::wholes::{self, Wholes};
use std::borrow::Cow;

/// How a column's cells are stored, decided from its header before any row is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Answers and any other text: a dictionary of distinct values and a code per row.
    Text,
    /// A whole number per row (序号).
    Integer,
    /// A date-time per row (提交答卷时间).
    Timestamp,
    /// A duration in seconds per row (所用时间).
    Seconds,
    /// An IP address with its place (来自IP).
    Ip,
}

/// Distinct values once, one code per row.
#[derive(Debug, Clone, Default)]
pub struct TextColumn {
    pub values: Vec<String>,
    pub codes: Codes,
}

impl TextColumn {
    pub fn value(&self, row: usize) -> &str {
        &self.values[self.codes.get(row) as usize]
    }
}

/// Values parsed per row, stored as `V` (four-byte seconds, or [`Wholes`]). A blank cell or one
/// that did not parse holds the type's `MISSING`; cells that did not parse are kept verbatim in
/// `unparsed` (sorted by row) so they can be shown.
#[derive(Debug, Clone, Default)]
pub struct Parsed<V> {
    pub values: V,
    pub unparsed: Vec<(u32, String)>,
}

pub trait Missing: Copy + PartialEq {
    const MISSING: Self;
}
impl Missing for i64 {
    const MISSING: i64 = wholes::MISSING;
}
impl Missing for u32 {
    const MISSING: u32 = u32::MAX;
}

/// How a parsed column holds its values.
pub trait Stored {
    type Item: Missing;
    fn at(&self, row: usize) -> Self::Item;
    fn rows(&self) -> usize;
}

impl Stored for Vec<u32> {
    type Item = u32;
    fn at(&self, row: usize) -> u32 {
        self[row]
    }
    fn rows(&self) -> usize {
        self.len()
    }
}

impl Stored for Wholes {
    type Item = i64;
    fn at(&self, row: usize) -> i64 {
        self.get(row)
    }
    fn rows(&self) -> usize {
        self.len()
    }
}

impl<V: Stored> Parsed<V> {
    pub fn get(&self, row: usize) -> Option<V::Item> {
        let v = self.values.at(row);
        (v != V::Item::MISSING).then_some(v)
    }

    fn raw(&self, row: usize) -> Option<&str> {
        let row = row as u32;
        self.unparsed
            .binary_search_by_key(&row, |(r, _)| *r)
            .ok()
            .map(|i| self.unparsed[i].1.as_str())
    }
}

/// 来自IP: the address as a key (IPv4 as its number; anything else numbered above 2³²), and the
/// place in brackets as a small dictionary.
#[derive(Debug, Clone, Default)]
pub struct IpColumn {
    pub keys: IpKeys,
    /// Addresses that are not IPv4, by `key - 2³²`.
    pub others: Vec<String>,
    pub places: TextColumn,
}

pub const IP_MISSING: u64 = u64::MAX;
const IP_OTHER: u64 = 1 << 32;

impl IpColumn {
    /// The address without its place, as written.
    pub fn address(&self, row: usize) -> Option<String> {
        match self.keys.get(row) {
            IP_MISSING => None,
            k if k >= IP_OTHER => Some(self.others[(k - IP_OTHER) as usize].clone()),
            k => Some(values::format_ipv4(k as u32)),
        }
    }
}

/// The per-row keys of an IP column in four bytes a row: an IPv4 address as itself. A row whose
/// key is anything else (a blank cell, an address that is not IPv4, 255.255.255.255 itself) holds
/// `ESCAPED` and finds its key among `escaped`, sorted by row. A column where such rows are
/// common keeps eight bytes a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IpKeys {
    Narrow {
        v4: Vec<u32>,
        escaped: Vec<(u32, u64)>,
    },
    Full(Vec<u64>),
}

const ESCAPED: u32 = u32::MAX;

impl Default for IpKeys {
    fn default() -> Self {
        IpKeys::Full(Vec::new())
    }
}

impl From<Vec<u64>> for IpKeys {
    fn from(keys: Vec<u64>) -> IpKeys {
        let escaped = keys.iter().filter(|&&k| k >= u64::from(ESCAPED)).count();
        // An escaped row costs sixteen bytes more: narrow only while that saves memory.
        if escaped * 4 >= keys.len() {
            return IpKeys::Full(keys);
        }
        let mut v4 = Vec::with_capacity(keys.len());
        let mut escaped = Vec::with_capacity(escaped);
        for (row, &k) in keys.iter().enumerate() {
            match u32::try_from(k) {
                Ok(a) if a != ESCAPED => v4.push(a),
                _ => {
                    v4.push(ESCAPED);
                    escaped.push((row as u32, k));
                }
            }
        }
        IpKeys::Narrow { v4, escaped }
    }
}

impl IpKeys {
    pub fn len(&self) -> usize {
        match self {
            IpKeys::Narrow { v4, .. } => v4.len(),
            IpKeys::Full(keys) => keys.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The row's key: `IP_MISSING` for a blank cell.
    #[inline]
    pub fn get(&self, row: usize) -> u64 {
        match self {
            IpKeys::Narrow { v4, escaped } => match v4[row] {
                ESCAPED => escaped
                    .binary_search_by_key(&(row as u32), |&(r, _)| r)
                    .map_or(IP_MISSING, |i| escaped[i].1),
                a => u64::from(a),
            },
            IpKeys::Full(keys) => keys[row],
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = u64> + '_ {
        (0..self.len()).map(|r| self.get(r))
    }

    fn heap_bytes(&self) -> usize {
        match self {
            IpKeys::Narrow { v4, escaped } => v4.capacity() * 4 + escaped.capacity() * 16,
            IpKeys::Full(keys) => keys.capacity() * 8,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Column {
    Text(TextColumn),
    Integer(Parsed<Wholes>),
    Timestamp(Parsed<Wholes>),
    Seconds(Parsed<Vec<u32>>),
    Ip(IpColumn),
}

impl Column {
    pub fn len(&self) -> usize {
        match self {
            Column::Text(c) => c.codes.len(),
            Column::Integer(c) | Column::Timestamp(c) => c.values.len(),
            Column::Seconds(c) => c.values.len(),
            Column::Ip(c) => c.keys.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cell as a person should read it: text as written (decoded), numbers re-formatted,
    /// unparsable cells verbatim.
    pub fn display(&self, row: usize) -> Cow<'_, str> {
        match self {
            Column::Text(c) => Cow::Borrowed(c.value(row)),
            Column::Integer(c) => match c.get(row) {
                Some(v) => Cow::Owned(v.to_string()),
                None => Cow::Borrowed(c.raw(row).unwrap_or("")),
            },
            Column::Timestamp(c) => match c.get(row) {
                Some(v) => Cow::Owned(values::format_timestamp(v)),
                None => Cow::Borrowed(c.raw(row).unwrap_or("")),
            },
            Column::Seconds(c) => match c.get(row) {
                Some(v) => Cow::Owned(format!("{v}秒")),
                None => Cow::Borrowed(c.raw(row).unwrap_or("")),
            },
            Column::Ip(c) => match c.address(row) {
                Some(a) => Cow::Owned(format!("{a}{}", c.places.value(row))),
                None => Cow::Borrowed(""),
            },
        }
    }

    pub fn heap_bytes(&self) -> usize {
        match self {
            Column::Text(c) => {
                c.codes.heap_bytes() + c.values.iter().map(|v| v.len() + 24).sum::<usize>()
            }
            Column::Integer(c) | Column::Timestamp(c) => c.values.heap_bytes(),
            Column::Seconds(c) => c.values.capacity() * 4,
            Column::Ip(c) => c.keys.heap_bytes() + c.places.codes.heap_bytes(),
        }
    }
}

/// A cell whose bytes are not valid in the file's encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadBytes {
    /// 0-based row within the table.
    pub row: u32,
}

/// Decodes raw bytes in the file's encoding; `None` when they are not valid in it. Called once
/// per distinct value, in the order [`Builder::raw_texts`] lists them, so values decoded ahead
/// of the finish can be handed out in turn.
pub type Decode<'a> = &'a mut dyn FnMut(&[u8]) -> Option<String>;

// One builder per column and chunk, so their size does not matter; boxing the interner would add
// an indirection on the per-cell path.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Builder {
    Text {
        dict: Interner,
        codes: Codes,
    },
    Integer(ParsedBuilder<i64>),
    Timestamp(ParsedBuilder<i64>),
    Seconds(ParsedBuilder<u32>),
    Ip {
        keys: Vec<u64>,
        others: Interner,
        places: Interner,
        place_codes: Codes,
    },
}

pub(crate) struct ParsedBuilder<T> {
    values: Vec<T>,
    unparsed: Vec<(u32, Box<[u8]>)>,
}

impl<T: Missing> ParsedBuilder<T> {
    fn new(capacity: usize) -> Self {
        ParsedBuilder {
            values: Vec::with_capacity(capacity),
            unparsed: Vec::new(),
        }
    }

    #[inline]
    fn push(&mut self, row: u32, cell: &[u8], parse: impl Fn(&[u8]) -> Option<T>) {
        if cell.trim_ascii().is_empty() {
            self.values.push(T::MISSING);
        } else if let Some(v) = parse(cell) {
            self.values.push(v);
        } else {
            self.values.push(T::MISSING);
            self.unparsed.push((row, cell.into()));
        }
    }

    fn reserve_exact(&mut self, additional: usize) {
        self.values.reserve_exact(additional);
    }

    fn append(&mut self, other: ParsedBuilder<T>, row_offset: u32) {
        self.values.extend(other.values);
        self.unparsed
            .extend(other.unparsed.into_iter().map(|(r, v)| (r + row_offset, v)));
    }

    fn finish<V: From<Vec<T>>>(mut self, decode: Decode) -> Result<Parsed<V>, BadBytes> {
        self.values.shrink_to_fit();
        let mut unparsed = Vec::with_capacity(self.unparsed.len());
        for (row, raw) in self.unparsed {
            unparsed.push((row, decode(&raw).ok_or(BadBytes { row })?));
        }
        Ok(Parsed {
            values: V::from(self.values),
            unparsed,
        })
    }
}

impl Builder {
    pub(crate) fn new(kind: ColumnKind, capacity: usize) -> Builder {
        match kind {
            ColumnKind::Text => Builder::Text {
                dict: Interner::default(),
                codes: Codes::with_capacity(capacity),
            },
            ColumnKind::Integer => Builder::Integer(ParsedBuilder::new(capacity)),
            ColumnKind::Timestamp => Builder::Timestamp(ParsedBuilder::new(capacity)),
            ColumnKind::Seconds => Builder::Seconds(ParsedBuilder::new(capacity)),
            ColumnKind::Ip => Builder::Ip {
                keys: Vec::with_capacity(capacity),
                others: Interner::default(),
                places: Interner::default(),
                place_codes: Codes::with_capacity(capacity),
            },
        }
    }

    /// Adds the cell of data row `row` (0-based within this builder).
    #[inline]
    pub(crate) fn push(&mut self, row: u32, cell: &[u8]) {
        match self {
            Builder::Text { dict, codes } => codes.push(dict.intern(cell)),
            Builder::Integer(b) => b.push(row, cell, values::parse_integer),
            Builder::Timestamp(b) => b.push(row, cell, values::parse_timestamp),
            Builder::Seconds(b) => b.push(row, cell, values::parse_seconds),
            Builder::Ip {
                keys,
                others,
                places,
                place_codes,
            } => {
                let cell = cell.trim_ascii();
                if cell.is_empty() {
                    keys.push(IP_MISSING);
                    place_codes.push(places.intern(b""));
                } else if let Some((addr, place)) = values::parse_ip(cell) {
                    keys.push(u64::from(addr));
                    place_codes.push(places.intern(place));
                } else {
                    // Keep the place apart from the address when the cell has one.
                    let (addr, place) = match cell.iter().position(|&b| b == b'(') {
                        Some(i) => (cell[..i].trim_ascii(), &cell[i..]),
                        None => (cell, &b""[..]),
                    };
                    keys.push(IP_OTHER + u64::from(others.intern(addr)));
                    place_codes.push(places.intern(place));
                }
            }
        }
    }

    /// Room for exactly `additional` more rows, so that merging chunks allocates each column once.
    pub(crate) fn reserve_exact(&mut self, additional: usize) {
        match self {
            Builder::Text { codes, .. } => codes.reserve_exact(additional),
            Builder::Integer(b) | Builder::Timestamp(b) => b.reserve_exact(additional),
            Builder::Seconds(b) => b.reserve_exact(additional),
            Builder::Ip {
                keys, place_codes, ..
            } => {
                keys.reserve_exact(additional);
                place_codes.reserve_exact(additional);
            }
        }
    }

    /// Room for the distinct texts of `others`, the builders of the chunks to be appended.
    pub(crate) fn reserve_texts<'a>(&mut self, others: impl Iterator<Item = &'a Builder>) {
        if let Builder::Text { dict, .. } = self {
            let (mut values, mut bytes) = (0, 0);
            for other in others {
                if let Builder::Text { dict: d, .. } = other {
                    values += d.len();
                    bytes += d.bytes();
                }
            }
            dict.reserve(values, bytes);
        }
    }

    /// Appends the rows of `other` (built from the chunk that follows this one).
    pub(crate) fn append(&mut self, other: Builder, row_offset: u32) {
        match (self, other) {
            (
                Builder::Text { dict, codes },
                Builder::Text {
                    dict: d2,
                    codes: c2,
                },
            ) => {
                let map: Vec<u32> = d2.iter().map(|v| dict.intern(v)).collect();
                codes.extend_mapped(&c2, &map);
            }
            (Builder::Integer(a), Builder::Integer(b)) => a.append(b, row_offset),
            (Builder::Timestamp(a), Builder::Timestamp(b)) => a.append(b, row_offset),
            (Builder::Seconds(a), Builder::Seconds(b)) => a.append(b, row_offset),
            (
                Builder::Ip {
                    keys,
                    others,
                    places,
                    place_codes,
                },
                Builder::Ip {
                    keys: k2,
                    others: o2,
                    places: p2,
                    place_codes: pc2,
                },
            ) => {
                let other_map: Vec<u64> = o2.iter().map(|v| u64::from(others.intern(v))).collect();
                keys.extend(k2.into_iter().map(|k| match k {
                    IP_MISSING => IP_MISSING,
                    k if k >= IP_OTHER => IP_OTHER + other_map[(k - IP_OTHER) as usize],
                    k => k,
                }));
                let place_map: Vec<u32> = p2.iter().map(|v| places.intern(v)).collect();
                place_codes.extend_mapped(&pc2, &place_map);
            }
            _ => unreachable!("chunks of one file share their column kinds"),
        }
    }

    /// How many distinct values this builder holds as text: its finish decodes each once, and a
    /// merge interns each again.
    pub(crate) fn distinct_texts(&self) -> usize {
        match self {
            Builder::Text { dict, .. } => dict.len(),
            Builder::Integer(b) | Builder::Timestamp(b) => b.unparsed.len(),
            Builder::Seconds(b) => b.unparsed.len(),
            Builder::Ip { others, places, .. } => others.len() + places.len(),
        }
    }

    /// Every distinct raw value this builder holds as text (for encoding detection).
    pub(crate) fn raw_texts(&self) -> Box<dyn Iterator<Item = &[u8]> + '_> {
        match self {
            Builder::Text { dict, .. } => Box::new(dict.iter()),
            Builder::Integer(b) | Builder::Timestamp(b) => {
                Box::new(b.unparsed.iter().map(|(_, v)| &v[..]))
            }
            Builder::Seconds(b) => Box::new(b.unparsed.iter().map(|(_, v)| &v[..])),
            Builder::Ip { others, places, .. } => Box::new(others.iter().chain(places.iter())),
        }
    }

    /// Every distinct raw value decoded as UTF-8, in the order `raw_texts` lists them; `None`
    /// when one is not UTF-8.
    pub(crate) fn decode_utf8(&self) -> Option<Vec<String>> {
        match self {
            Builder::Text { dict, .. } => dict.decode_utf8(),
            _ => self
                .raw_texts()
                .map(|raw| std::str::from_utf8(raw).ok().map(str::to_owned))
                .collect(),
        }
    }

    pub(crate) fn finish(self, decode: Decode) -> Result<Column, BadBytes> {
        fn decode_dict(
            dict: &Interner,
            codes: &Codes,
            decode: Decode,
        ) -> Result<Vec<String>, BadBytes> {
            let mut out = Vec::with_capacity(dict.len());
            for (code, raw) in dict.iter().enumerate() {
                match decode(raw) {
                    Some(s) => out.push(s),
                    None => {
                        let row = (0..codes.len())
                            .find(|&r| codes.get(r) == code as u32)
                            .unwrap_or(0);
                        return Err(BadBytes { row: row as u32 });
                    }
                }
            }
            Ok(out)
        }
        Ok(match self {
            Builder::Text { dict, mut codes } => {
                codes.shrink_to_fit();
                codes.pack();
                Column::Text(TextColumn {
                    values: decode_dict(&dict, &codes, decode)?,
                    codes,
                })
            }
            Builder::Integer(b) => Column::Integer(b.finish(decode)?),
            Builder::Timestamp(b) => Column::Timestamp(b.finish(decode)?),
            Builder::Seconds(b) => Column::Seconds(b.finish(decode)?),
            Builder::Ip {
                mut keys,
                others,
                places,
                mut place_codes,
            } => {
                keys.shrink_to_fit();
                place_codes.shrink_to_fit();
                place_codes.pack();
                let mut other_values = Vec::with_capacity(others.len());
                for (i, raw) in others.iter().enumerate() {
                    match decode(raw) {
                        Some(s) => other_values.push(s),
                        None => {
                            let key = IP_OTHER + i as u64;
                            let row = keys.iter().position(|&k| k == key).unwrap_or(0);
                            return Err(BadBytes { row: row as u32 });
                        }
                    }
                }
                let place_values = decode_dict(&places, &place_codes, decode)?;
                Column::Ip(IpColumn {
                    keys: IpKeys::from(keys),
                    others: other_values,
                    places: TextColumn {
                        values: place_values,
                        codes: place_codes,
                    },
                })
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_keys_in_four_bytes_read_back_every_kind_of_row() {
        let mut keys: Vec<u64> = (0..20).map(|i| 0x0A00_0000 + i).collect();
        keys[3] = IP_MISSING;
        keys[7] = IP_OTHER + 2; // not IPv4
        keys[11] = u64::from(u32::MAX); // 255.255.255.255 itself
        keys[12] = 0;
        let narrow = IpKeys::from(keys.clone());
        assert!(matches!(narrow, IpKeys::Narrow { .. }));
        assert_eq!(narrow.iter().collect::<Vec<_>>(), keys);
    }

    /// Values decoded ahead and handed out in turn finish every kind of column as decoding
    /// during the finish does, unparsed cells and places included.
    #[test]
    fn columns_finished_with_values_decoded_ahead_are_the_same() {
        let cells: [(ColumnKind, &[&str]); 5] = [
            (ColumnKind::Text, &["满意", "一般", "满意", "", "非常满意"]),
            (ColumnKind::Integer, &["1", "二", "3", "", "x"]),
            (
                ColumnKind::Timestamp,
                &["2024/7/1 8:00:00", "昨天", "", "不详"],
            ),
            (ColumnKind::Seconds, &["180秒", "很久", "", "3分钟"]),
            (
                ColumnKind::Ip,
                &[
                    "1.2.3.4(山西-晋城)",
                    "内网",
                    "",
                    "5.6.7.8(山西-长治)",
                    "未知地址",
                ],
            ),
        ];
        let build = || -> Vec<Builder> {
            cells
                .iter()
                .map(|(kind, values)| {
                    let mut b = Builder::new(*kind, 0);
                    for (row, v) in values.iter().enumerate() {
                        b.push(row as u32, v.as_bytes());
                    }
                    b
                })
                .collect()
        };
        let decoded = crate::ingest::decode_utf8(&build()).expect("all UTF-8");
        let ahead = crate::ingest::finish_decoded(build(), decoded);
        for (builder, ahead) in build().into_iter().zip(&ahead) {
            let during = builder
                .finish(&mut |raw: &[u8]| String::from_utf8(raw.to_vec()).ok())
                .expect("decodes");
            assert_eq!(format!("{during:?}"), format!("{ahead:?}"));
        }
        let mut gbk = build();
        gbk[2].push(9, &[0xC2, 0xFA]);
        assert!(crate::ingest::decode_utf8(&gbk).is_none());
    }

    #[test]
    fn ip_keys_stay_wide_when_most_rows_are_blank() {
        let keys = vec![IP_MISSING, IP_MISSING, 0x0A00_0001, IP_MISSING];
        let full = IpKeys::from(keys.clone());
        assert!(matches!(full, IpKeys::Full(_)));
        assert_eq!(full.iter().collect::<Vec<_>>(), keys);
        assert!(IpKeys::from(Vec::new()).is_empty());
    }
}
