//! A dictionary of distinct byte strings: each value is stored once and named by a small code.
//!
//! Written here rather than taken from a crate because the hot loop of ingestion runs through it
//! (one lookup per cell, tens of millions per file) and the common case is special: a question
//! column has a handful of distinct labels, for which a scan of a few short slices beats hashing.
//! Values live in one arena, so a column of a million distinct free-text answers costs its bytes
//! plus a few bytes each, not an allocation each.

use hashbrown::HashTable;
use std::hash::BuildHasher;

/// Above this many distinct values, lookups go through a hash table instead of a scan.
const SCAN_LIMIT: usize = 24;
const SLOTS: usize = 64;

impl Default for Interner {
    fn default() -> Self {
        Interner {
            keys: Vec::new(),
            slots: [Slot::EMPTY; SLOTS],
            arena: Vec::new(),
            ends: Vec::new(),
            table: None,
            hasher: Default::default(),
        }
    }
}

/// A value's length and its first and last eight bytes: for values of up to 16 bytes (nearly every
/// answer label) equal keys mean equal values, so the scan compares three integers per entry and
/// never calls `memcmp`.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    len: usize,
    head: u64,
    tail: u64,
}

impl Key {
    /// Built from a few fixed-size loads: four-byte words at the start, at the end, after the
    /// first four bytes and before the last four cover every byte of a value of four to 16 bytes,
    /// and with the length they determine it. Where a value is shorter than eight the inner two
    /// words overlap the outer ones: clamped offsets rather than a branch on the length, which
    /// mispredicts on CJK labels (满意 is 6 bytes, 非常满意 12, both in every satisfaction column).
    #[inline]
    fn of(value: &[u8]) -> Key {
        let len = value.len();
        if len < 4 {
            let head = match len {
                0 => 0,
                _ => {
                    u64::from(value[0])
                        | u64::from(value[len / 2]) << 8
                        | u64::from(value[len - 1]) << 16
                }
            };
            return Key { len, head, tail: 0 };
        }
        // One 4-byte load each (indexing byte by byte made four loads and four bounds checks);
        // `at + 4 <= len` always holds below, so the fallback is never taken.
        let word4 = |at: usize| {
            value
                .get(at..)
                .and_then(<[u8]>::first_chunk::<4>)
                .map_or(0, |word| u64::from(u32::from_le_bytes(*word)))
        };
        let (first, last) = (word4(0), word4(len - 4));
        let (second, before_last) = (word4(4.min(len - 4)), word4(len.saturating_sub(8)));
        Key {
            len,
            head: first | second << 32,
            tail: before_last | last << 32,
        }
    }

    #[inline]
    fn slot(&self) -> usize {
        let mixed = self.head ^ self.tail.rotate_left(29) ^ self.len as u64;
        (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
    }
}

/// A cached value's key with its code.
#[derive(Clone, Copy)]
struct Slot {
    key: Key,
    code: u32,
}

impl Slot {
    /// No value is this long, so no key matches it.
    const EMPTY: Slot = Slot {
        key: Key {
            len: usize::MAX,
            head: 0,
            tail: 0,
        },
        code: 0,
    };
}

pub struct Interner {
    /// Keys of the values, scanned while the dictionary is small.
    keys: Vec<Key>,
    /// A direct-mapped cache in front of the scan. With random answers a scan's exit branch is
    /// unpredictable; a cache hit is one predictable comparison. The slot holds the key itself,
    /// so a hit reads one place rather than a code and then its key.
    slots: [Slot; SLOTS],
    arena: Vec<u8>,
    /// End offset in `arena` of each value; value `i` spans `ends[i-1]..ends[i]`.
    ends: Vec<usize>,
    table: Option<HashTable<u32>>,
    hasher: hashbrown::DefaultHashBuilder,
}

impl Interner {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, code: u32) -> &[u8] {
        let i = code as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.arena[start..self.ends[i]]
    }

    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len() as u32).map(|c| self.get(c))
    }

    /// How many bytes the values take together.
    pub fn bytes(&self) -> usize {
        self.arena.len()
    }

    /// Room for `additional` more values of `bytes` bytes in all: a dictionary merged from many
    /// chunks (a free-text column's millions of answers) then grows its table once, rather than
    /// hashing every value it holds again at each doubling.
    pub fn reserve(&mut self, additional: usize, bytes: usize) {
        self.arena.reserve(bytes);
        self.ends.reserve(additional);
        let (arena, ends, hasher) = (&self.arena, &self.ends, &self.hasher);
        if let Some(table) = self.table.as_mut() {
            table.reserve(additional, |&c| hasher.hash_one(slice(arena, ends, c)));
        }
    }

    /// The code of `value`, adding it if it is new.
    #[inline]
    pub fn intern(&mut self, value: &[u8]) -> u32 {
        if self.table.is_none() {
            let key = Key::of(value);
            let slot = key.slot();
            let cached = self.slots[slot];
            if cached.key == key && (key.len <= 16 || self.get(cached.code) == value) {
                return cached.code;
            }
            for (code, k) in self.keys.iter().enumerate() {
                if *k == key && (key.len <= 16 || self.get(code as u32) == value) {
                    let code = code as u32;
                    self.slots[slot] = Slot { key, code };
                    return code;
                }
            }
            let code = self.push(value);
            self.keys.push(key);
            self.slots[slot] = Slot { key, code };
            if self.len() > SCAN_LIMIT {
                self.build_table();
                self.keys = Vec::new();
            }
            return code;
        }
        let hash = self.hasher.hash_one(value);
        let found = {
            let (arena, ends) = (&self.arena, &self.ends);
            let table = self.table.as_ref().expect("checked above");
            table
                .find(hash, |&c| slice(arena, ends, c) == value)
                .copied()
        };
        if let Some(code) = found {
            return code;
        }
        let code = self.push(value);
        let (arena, ends, hasher) = (&self.arena, &self.ends, &self.hasher);
        if let Some(table) = self.table.as_mut() {
            table.insert_unique(hash, code, |&c| hasher.hash_one(slice(arena, ends, c)));
        }
        code
    }

    /// Every value as UTF-8 text, in code order; `None` when one is not UTF-8. The arena is
    /// checked in one pass (SIMD, where a free-text column's CJK answers take the standard
    /// library's per-byte path a value at a time), and a value read out of it is whole text
    /// exactly when it starts and ends on character boundaries.
    pub fn decode_utf8(&self) -> Option<Vec<String>> {
        let text = simdutf8::basic::from_utf8(&self.arena).ok()?;
        let mut start = 0;
        let mut out = Vec::with_capacity(self.len());
        for &end in &self.ends {
            out.push(text.get(start..end)?.to_owned());
            start = end;
        }
        Some(out)
    }

    fn push(&mut self, value: &[u8]) -> u32 {
        self.arena.extend_from_slice(value);
        self.ends.push(self.arena.len());
        (self.ends.len() - 1) as u32
    }

    fn build_table(&mut self) {
        let mut table = HashTable::with_capacity(self.len() * 2);
        for code in 0..self.len() as u32 {
            let value = slice(&self.arena, &self.ends, code);
            let hash = self.hasher.hash_one(value);
            let (arena, ends, hasher) = (&self.arena, &self.ends, &self.hasher);
            table.insert_unique(hash, code, |&c| hasher.hash_one(slice(arena, ends, c)));
        }
        self.table = Some(table);
    }
}

fn slice<'a>(arena: &'a [u8], ends: &[usize], code: u32) -> &'a [u8] {
    let i = code as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &arena[start..ends[i]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_tell_every_value_of_up_to_16_bytes_apart() {
        // Random values over a few bytes (so that many repeat and many differ in one byte only):
        // equal keys exactly when the values are equal.
        let mut by_key: std::collections::HashMap<(usize, u64, u64), Vec<u8>> = Default::default();
        let alphabet = [0u8, 1, b'a', 0xE6, 0xBB];
        let mut seed = 3u64;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 17) as usize;
            let value: Vec<u8> = (0..len)
                .map(|i| alphabet[(seed >> (8 + 2 * i)) as usize % 5])
                .collect();
            let k = Key::of(&value);
            let seen = by_key
                .entry((k.len, k.head, k.tail))
                .or_insert_with(|| value.clone());
            assert_eq!(*seen, value, "two values share a key");
        }
        assert!(
            by_key.len() > 50_000,
            "only {} distinct values",
            by_key.len()
        );
    }

    #[test]
    fn values_decode_as_utf8_only_when_each_is_whole_text() {
        let mut interner = Interner::default();
        for v in ["满意", "", "a", "非常满意", "不清楚"] {
            interner.intern(v.as_bytes());
        }
        assert_eq!(
            interner.decode_utf8().expect("UTF-8"),
            ["满意", "", "a", "非常满意", "不清楚"]
        );
        // Each half of 满 is no text, though the arena holds 满 whole.
        let mut split = Interner::default();
        split.intern(&"满".as_bytes()[..1]);
        split.intern(&"满".as_bytes()[1..]);
        assert!(split.decode_utf8().is_none());
        // GBK bytes of 满意.
        let mut gbk = Interner::default();
        gbk.intern(&[0xC2, 0xFA, 0xD2, 0xE2]);
        assert!(gbk.decode_utf8().is_none());
        assert_eq!(Interner::default().decode_utf8(), Some(Vec::new()));
    }

    #[test]
    fn same_value_same_code_across_the_scan_and_table_modes() {
        let mut interner = Interner::default();
        let values: Vec<String> = (0..100).map(|i| format!("value {i}")).collect();
        let codes: Vec<u32> = values
            .iter()
            .map(|v| interner.intern(v.as_bytes()))
            .collect();
        assert_eq!(codes, (0..100).collect::<Vec<u32>>());
        for (i, v) in values.iter().enumerate() {
            assert_eq!(interner.intern(v.as_bytes()), i as u32);
            assert_eq!(interner.get(i as u32), v.as_bytes());
        }
        assert_eq!(interner.intern(b""), 100);
        assert_eq!(interner.get(100), b"");
        // Room made ahead (as a merge does) keeps every code.
        interner.reserve(1000, 10_000);
        for i in 0..1000 {
            assert_eq!(interner.intern(format!("more {i}").as_bytes()), 101 + i);
        }
        for (i, v) in values.iter().enumerate() {
            assert_eq!(interner.intern(v.as_bytes()), i as u32);
        }
        assert_eq!(interner.len(), 1101);
        assert_eq!(
            interner.bytes(),
            interner.iter().map(<[u8]>::len).sum::<usize>()
        );
    }
}
