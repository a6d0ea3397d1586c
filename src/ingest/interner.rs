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
            slots: [0; SLOTS],
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
    /// Built from a few fixed-size loads: the first and last four or eight bytes cover every byte
    /// of a value of up to 16 bytes, and with the length they determine it.
    #[inline]
    fn of(value: &[u8]) -> Key {
        let len = value.len();
        let word4 = |b: &[u8]| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let word8 = |b: &[u8]| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        let (head, tail) = match len {
            0 => (0, 0),
            1..=3 => (
                u64::from(value[0])
                    | u64::from(value[len / 2]) << 8
                    | u64::from(value[len - 1]) << 16,
                0,
            ),
            4..=7 => (word4(value) | word4(&value[len - 4..]) << 32, 0),
            _ => (word8(value), word8(&value[len - 8..])),
        };
        Key { len, head, tail }
    }

    #[inline]
    fn slot(&self) -> usize {
        let mixed = self.head ^ self.tail.rotate_left(29) ^ self.len as u64;
        (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize
    }
}

pub struct Interner {
    /// Keys of the values, scanned while the dictionary is small.
    keys: Vec<Key>,
    /// A direct-mapped cache in front of the scan: slot → code + 1 (0 when empty). With random
    /// answers a scan's exit branch is unpredictable; a cache hit is one predictable comparison.
    slots: [u32; SLOTS],
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

    /// The code of `value`, adding it if it is new.
    #[inline]
    pub fn intern(&mut self, value: &[u8]) -> u32 {
        if self.table.is_none() {
            let key = Key::of(value);
            let slot = key.slot();
            let cached = self.slots[slot];
            if cached != 0 {
                let code = cached - 1;
                if self.keys[code as usize] == key && (key.len <= 16 || self.get(code) == value) {
                    return code;
                }
            }
            for (code, k) in self.keys.iter().enumerate() {
                if *k == key && (key.len <= 16 || self.get(code as u32) == value) {
                    self.slots[slot] = code as u32 + 1;
                    return code as u32;
                }
            }
            let code = self.push(value);
            self.keys.push(key);
            self.slots[slot] = code + 1;
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
    }
}
