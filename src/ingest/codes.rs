//! Per-row codes stored as narrowly as their largest value allows, so that a question column of
//! a million responses takes half a megabyte to a megabyte and counting it is one pass over bytes.

/// One code per row; the width grows (u8 → u16 → u32) the first time a larger code arrives. A
/// finished column whose codes are all below 16 (a rating scale with its blanks and "cannot
/// say", a yes/no question) is packed two codes to a byte: the answer codes of a questionnaire
/// are most of the memory a run holds.
#[derive(Debug, Clone)]
pub enum Codes {
    /// Row `2i` in the low half of byte `i`, row `2i + 1` in the high half; `len` rows.
    U4 {
        packed: Vec<u8>,
        len: usize,
    },
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl Default for Codes {
    fn default() -> Self {
        Codes::U8(Vec::new())
    }
}

/// Equal when they hold the same codes, whatever their width.
impl PartialEq for Codes {
    fn eq(&self, other: &Codes) -> bool {
        self.len() == other.len() && (0..self.len()).all(|r| self.get(r) == other.get(r))
    }
}

impl Eq for Codes {}

impl Codes {
    pub fn with_capacity(capacity: usize) -> Self {
        Codes::U8(Vec::with_capacity(capacity))
    }

    pub fn len(&self) -> usize {
        match self {
            Codes::U4 { len, .. } => *len,
            Codes::U8(v) => v.len(),
            Codes::U16(v) => v.len(),
            Codes::U32(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline(always)]
    pub fn get(&self, row: usize) -> u32 {
        match self {
            Codes::U4 { packed, len } => {
                debug_assert!(row < *len, "row {row} of {len}");
                u32::from(packed[row / 2] >> ((row & 1) * 4) & 0xF)
            }
            Codes::U8(v) => u32::from(v[row]),
            Codes::U16(v) => u32::from(v[row]),
            Codes::U32(v) => v[row],
        }
    }

    #[inline]
    pub fn push(&mut self, code: u32) {
        // The parse's case first: a byte per row.
        if let Codes::U8(v) = self
            && code <= u32::from(u8::MAX)
        {
            v.push(code as u8);
            return;
        }
        self.push_other(code);
    }

    fn push_other(&mut self, code: u32) {
        match self {
            Codes::U4 { packed, len } if code < 16 => {
                if *len % 2 == 0 {
                    packed.push(code as u8);
                } else if let Some(last) = packed.last_mut() {
                    *last |= (code as u8) << 4;
                }
                *len += 1;
            }
            Codes::U8(v) if code <= u32::from(u8::MAX) => v.push(code as u8),
            Codes::U16(v) if code <= u32::from(u16::MAX) => v.push(code as u16),
            Codes::U32(v) => v.push(code),
            _ => {
                self.widen_for(code);
                self.push(code);
            }
        }
    }

    /// Packs two codes to a byte when every code is below 16 (done once a column is complete:
    /// the parse itself pushes whole bytes).
    pub fn pack(&mut self) {
        let Codes::U8(v) = self else {
            return;
        };
        // The largest code over the whole column (no early exit, so it vectorizes).
        if v.iter().fold(0u8, |most, &c| most.max(c)) >= 16 {
            return;
        }
        // Blocks of 32 codes into 16 bytes, a fixed-size loop the compiler unrolls without
        // bounds checks; then the codes left over, the odd last one alone in its byte.
        let mut packed = vec![0u8; v.len().div_ceil(2)];
        for (out, codes) in packed.chunks_exact_mut(16).zip(v.chunks_exact(32)) {
            for i in 0..16 {
                out[i] = codes[2 * i] | codes[2 * i + 1] << 4;
            }
        }
        for (i, out) in packed.iter_mut().enumerate().skip(v.len() / 32 * 16) {
            *out = v[2 * i] | v.get(2 * i + 1).map_or(0, |&high| high << 4);
        }
        *self = Codes::U4 {
            packed,
            len: v.len(),
        };
    }

    /// Room for exactly `additional` more codes at the current width (a merge knows its total).
    pub fn reserve_exact(&mut self, additional: usize) {
        match self {
            Codes::U4 { packed, len } => {
                packed.reserve_exact((*len + additional).div_ceil(2).saturating_sub(packed.len()))
            }
            Codes::U8(v) => v.reserve_exact(additional),
            Codes::U16(v) => v.reserve_exact(additional),
            Codes::U32(v) => v.reserve_exact(additional),
        }
    }

    /// Gives back capacity beyond the codes held (a parse reserves for an estimate of the rows).
    pub fn shrink_to_fit(&mut self) {
        match self {
            Codes::U4 { packed, .. } => packed.shrink_to_fit(),
            Codes::U8(v) => v.shrink_to_fit(),
            Codes::U16(v) => v.shrink_to_fit(),
            Codes::U32(v) => v.shrink_to_fit(),
        }
    }

    /// How many codes fit without reallocating.
    fn capacity(&self) -> usize {
        match self {
            Codes::U4 { packed, .. } => packed.capacity() * 2,
            Codes::U8(v) => v.capacity(),
            Codes::U16(v) => v.capacity(),
            Codes::U32(v) => v.capacity(),
        }
    }

    /// Re-encodes the existing codes in the narrowest whole-byte width that can hold `code`,
    /// keeping the room reserved (doubled when there is none to spare).
    fn widen_for(&mut self, code: u32) {
        let rows: Vec<u32> = (0..self.len()).map(|r| self.get(r)).collect();
        let capacity = if self.capacity() > rows.len() {
            self.capacity()
        } else {
            rows.len().max(16) * 2
        };
        *self = if code <= u32::from(u8::MAX) {
            let mut v = Vec::with_capacity(capacity);
            v.extend(rows.iter().map(|&c| c as u8));
            Codes::U8(v)
        } else if code <= u32::from(u16::MAX) {
            let mut v = Vec::with_capacity(capacity);
            v.extend(rows.iter().map(|&c| c as u16));
            Codes::U16(v)
        } else {
            let mut v = Vec::with_capacity(capacity);
            v.extend(rows);
            Codes::U32(v)
        };
    }

    /// Appends `other`'s codes translated through `map` (used to merge chunks read in parallel,
    /// whose dictionaries numbered the same values differently).
    pub fn extend_mapped(&mut self, other: &Codes, map: &[u32]) {
        if let Some(&max) = map.iter().max() {
            if other.is_empty() {
                return;
            }
            // Widen once up front instead of on the first large code.
            let fits = match self {
                Codes::U4 { .. } => max < 16,
                Codes::U8(_) => max <= u32::from(u8::MAX),
                Codes::U16(_) => max <= u32::from(u16::MAX),
                Codes::U32(_) => true,
            };
            if !fits {
                self.widen_for(max);
            }
        }
        // A merge maps every row of every column of the later chunks: a loop per pair of widths
        // rather than a width test per row.
        fn extend<D, S: Copy>(dst: &mut Vec<D>, src: &[S], map: impl Fn(S) -> D) {
            dst.extend(src.iter().map(|&c| map(c)));
        }
        let at = |c: u32| map[c as usize];
        match (&mut *self, other) {
            (Codes::U8(v), Codes::U8(o)) => {
                // The map fits a byte here (else `self` was widened above); indexed by a byte,
                // the table needs no bounds check.
                let mut table = [0u8; 256];
                for (t, &m) in table.iter_mut().zip(map) {
                    *t = m as u8;
                }
                extend(v, o, |c| table[usize::from(c)]);
            }
            (Codes::U16(v), Codes::U8(o)) => extend(v, o, |c| at(c.into()) as u16),
            (Codes::U16(v), Codes::U16(o)) => extend(v, o, |c| at(c.into()) as u16),
            (Codes::U32(v), Codes::U8(o)) => extend(v, o, |c| at(c.into())),
            (Codes::U32(v), Codes::U16(o)) => extend(v, o, |c| at(c.into())),
            (Codes::U32(v), Codes::U32(o)) => extend(v, o, at),
            _ => other.for_each(|_, code| self.push(map[code as usize])),
        }
    }

    /// Counts how many rows carry each code, over the rows `keep` allows (all rows when `None`).
    pub fn histogram(&self, distinct: usize, keep: Option<&[bool]>) -> Vec<u64> {
        let mut counts = vec![0u64; distinct];
        fn count<T: Copy + Into<u32>>(codes: &[T], counts: &mut [u64], keep: Option<&[bool]>) {
            match keep {
                None => {
                    // Four interleaved tallies: consecutive equal codes no longer wait on each
                    // other's store, which roughly doubles the speed on survey answers.
                    let mut lanes = vec![[0u64; 4]; counts.len()];
                    let mut chunks = codes.chunks_exact(4);
                    for c in &mut chunks {
                        lanes[c[0].into() as usize][0] += 1;
                        lanes[c[1].into() as usize][1] += 1;
                        lanes[c[2].into() as usize][2] += 1;
                        lanes[c[3].into() as usize][3] += 1;
                    }
                    for &c in chunks.remainder() {
                        lanes[c.into() as usize][0] += 1;
                    }
                    for (total, lane) in counts.iter_mut().zip(&lanes) {
                        *total += lane.iter().sum::<u64>();
                    }
                }
                Some(keep) => {
                    for (&c, &k) in codes.iter().zip(keep) {
                        counts[c.into() as usize] += u64::from(k);
                    }
                }
            }
        }
        match self {
            Codes::U4 { packed, len } => {
                let whole = len / 2;
                match keep {
                    None => {
                        // Count the bytes (two rows each), then split each byte into its codes.
                        let mut pairs = vec![0u64; 256];
                        count(&packed[..whole], &mut pairs, None);
                        for (byte, &n) in pairs.iter().enumerate() {
                            if n > 0 {
                                counts[byte & 0xF] += n;
                                counts[byte >> 4] += n;
                            }
                        }
                    }
                    Some(keep) => {
                        for (pair, k) in packed[..whole].iter().zip(keep.chunks_exact(2)) {
                            counts[usize::from(pair & 0xF)] += u64::from(k[0]);
                            counts[usize::from(pair >> 4)] += u64::from(k[1]);
                        }
                    }
                }
                if len % 2 == 1 {
                    let last = usize::from(packed[whole] & 0xF);
                    counts[last] += keep.map_or(1, |k| u64::from(k[len - 1]));
                }
            }
            Codes::U8(v) => count(v, &mut counts, keep),
            Codes::U16(v) => count(v, &mut counts, keep),
            Codes::U32(v) => count(v, &mut counts, keep),
        }
        counts
    }

    /// Calls `f(row, code)` for every row in order, with the width dispatch outside the loop.
    #[inline]
    pub fn for_each(&self, mut f: impl FnMut(usize, u32)) {
        match self {
            Codes::U4 { packed, len } => {
                for (i, &pair) in packed[..len / 2].iter().enumerate() {
                    f(2 * i, u32::from(pair & 0xF));
                    f(2 * i + 1, u32::from(pair >> 4));
                }
                if len % 2 == 1 {
                    f(len - 1, u32::from(packed[len / 2] & 0xF));
                }
            }
            Codes::U8(v) => v.iter().enumerate().for_each(|(r, &c)| f(r, u32::from(c))),
            Codes::U16(v) => v.iter().enumerate().for_each(|(r, &c)| f(r, u32::from(c))),
            Codes::U32(v) => v.iter().enumerate().for_each(|(r, &c)| f(r, c)),
        }
    }

    /// For each `i`, `acc[i] = f(acc[i], code of row start + i)`: a column folded into a value per
    /// row over a block of rows (an item's digit added to pattern numbers, a code to row
    /// signatures), in a loop over the column's own width (a packed column two rows to a byte)
    /// rather than a width test per row.
    #[inline]
    pub fn fold_into(&self, start: usize, acc: &mut [u32], f: impl Fn(u32, u32) -> u32) {
        #[inline]
        fn fold<T: Copy + Into<u32>>(codes: &[T], acc: &mut [u32], f: impl Fn(u32, u32) -> u32) {
            for (a, &c) in acc.iter_mut().zip(codes) {
                *a = f(*a, c.into());
            }
        }
        let end = start + acc.len();
        match self {
            Codes::U4 { packed, .. } if start.is_multiple_of(2) => {
                let mut pairs = acc.chunks_exact_mut(2);
                for (a, &pair) in pairs.by_ref().zip(&packed[start / 2..]) {
                    a[0] = f(a[0], u32::from(pair & 0xF));
                    a[1] = f(a[1], u32::from(pair >> 4));
                }
                if let [last] = pairs.into_remainder() {
                    *last = f(*last, self.get(end - 1));
                }
            }
            Codes::U4 { .. } => {
                for (i, a) in acc.iter_mut().enumerate() {
                    *a = f(*a, self.get(start + i));
                }
            }
            Codes::U8(v) => fold(&v[start..end], acc, f),
            Codes::U16(v) => fold(&v[start..end], acc, f),
            Codes::U32(v) => fold(&v[start..end], acc, f),
        }
    }

    /// For each pair of rows (the first in the high 32 bits, the other in the low), whether their
    /// codes are equal, and-ed into `same`. One loop per width: confirming millions of candidate
    /// resubmissions a column at a time, a match on the width for every code read took as long as
    /// the reads.
    pub fn same_at(&self, pairs: &[u64], same: &mut [bool]) {
        fn each(pairs: &[u64], same: &mut [bool], code: impl Fn(usize) -> u32) {
            for (same, &pair) in same.iter_mut().zip(pairs) {
                *same &= code((pair >> 32) as usize) == code(pair as u32 as usize);
            }
        }
        match self {
            Codes::U4 { packed, .. } => each(pairs, same, |row| {
                u32::from(packed[row / 2] >> ((row & 1) * 4) & 0xF)
            }),
            Codes::U8(v) => each(pairs, same, |row| u32::from(v[row])),
            Codes::U16(v) => each(pairs, same, |row| u32::from(v[row])),
            Codes::U32(v) => each(pairs, same, |row| v[row]),
        }
    }

    /// Calls `f(row)`, in order, for every row whose code `wanted` marks (indexed by code; codes
    /// past its end are not wanted). Packed codes go through a table a byte at a time, so a
    /// column where few rows qualify (a required question's blanks) is passed over quickly.
    pub fn rows_where(&self, wanted: &[bool], mut f: impl FnMut(usize)) {
        let want = |c: usize| wanted.get(c).copied().unwrap_or(false);
        match self {
            Codes::U4 { packed, len } => {
                // Bit 0: the low half (an even row) is wanted; bit 1: the high half.
                let mut table = [0u8; 256];
                for (b, t) in table.iter_mut().enumerate() {
                    *t = u8::from(want(b & 0xF)) | u8::from(want(b >> 4)) << 1;
                }
                for (i, &pair) in packed.iter().enumerate() {
                    let t = table[usize::from(pair)];
                    if t != 0 {
                        if t & 1 != 0 && 2 * i < *len {
                            f(2 * i);
                        }
                        if t & 2 != 0 && 2 * i + 1 < *len {
                            f(2 * i + 1);
                        }
                    }
                }
            }
            Codes::U8(v) => {
                let mut table = [false; 256];
                for (c, t) in table.iter_mut().enumerate() {
                    *t = want(c);
                }
                for (row, &c) in v.iter().enumerate() {
                    if table[usize::from(c)] {
                        f(row);
                    }
                }
            }
            _ => self.for_each(|row, c| {
                if want(c as usize) {
                    f(row);
                }
            }),
        }
    }

    /// Bytes held, for memory accounting in the benchmark.
    pub fn heap_bytes(&self) -> usize {
        match self {
            Codes::U4 { packed, .. } => packed.capacity(),
            Codes::U8(v) => v.capacity(),
            Codes::U16(v) => v.capacity() * 2,
            Codes::U32(v) => v.capacity() * 4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widens_and_keeps_earlier_codes() {
        let mut codes = Codes::default();
        codes.push(3);
        codes.push(300);
        codes.push(70_000);
        assert!(matches!(codes, Codes::U32(_)));
        assert_eq!(
            (0..3).map(|r| codes.get(r)).collect::<Vec<_>>(),
            [3, 300, 70_000]
        );
    }

    #[test]
    fn wanted_rows_agree_with_a_walk_through_every_row() {
        let mut seed = 5u32;
        // Nibbles (an odd number of rows, code 0 in the padding), bytes, and the wider widths.
        for (rows, max) in [
            (1001usize, 16u32),
            (1000, 16),
            (999, 200),
            (500, 60_000),
            (300, 1 << 20),
        ] {
            let mut codes = Codes::default();
            let mut plain = Vec::new();
            for _ in 0..rows {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                // The last row holds code 0, wanted by every mask: an odd column's last row sits
                // alone in its byte.
                let c = if plain.len() + 1 == rows {
                    0
                } else {
                    (seed >> 8) % max
                };
                codes.push(c);
                plain.push(c);
            }
            codes.pack();
            assert_eq!(matches!(codes, Codes::U4 { .. }), max <= 16);
            for pick in [0u32, 1, 3, 7] {
                // Codes 0, every `pick`-th and past the end of `wanted` tested alike.
                let wanted: Vec<bool> = (0..max.min(300))
                    .map(|c| c == 0 || (pick > 0 && c % pick == 1))
                    .collect();
                let mut got = Vec::new();
                codes.rows_where(&wanted, |row| got.push(row));
                let expected: Vec<usize> = (0..rows)
                    .filter(|&r| wanted.get(plain[r] as usize).copied().unwrap_or(false))
                    .collect();
                assert_eq!(
                    got, expected,
                    "{rows} rows of codes below {max}, pick {pick}"
                );
            }
        }
    }

    #[test]
    fn histogram_respects_the_filter() {
        let mut codes = Codes::default();
        for c in [0, 1, 1, 2, 1] {
            codes.push(c);
        }
        assert_eq!(codes.histogram(3, None), [1, 3, 1]);
        let keep = [true, false, true, true, false];
        assert_eq!(codes.histogram(3, Some(&keep)), [1, 1, 1]);
    }

    #[test]
    fn extend_mapped_translates_and_widens() {
        let mut a = Codes::default();
        a.push(0);
        let mut b = Codes::default();
        b.push(0);
        b.push(1);
        a.extend_mapped(&b, &[5, 1000]);
        assert_eq!((0..3).map(|r| a.get(r)).collect::<Vec<_>>(), [0, 5, 1000]);
    }

    /// Whatever the widths of the two sides, the appended rows read back as their codes mapped.
    #[test]
    fn extend_mapped_agrees_with_mapping_each_row_across_widths() {
        let with_max = |max: u32, rows: usize| {
            let mut c = Codes::default();
            for r in 0..rows {
                c.push((r as u32 * 7919) % (max + 1));
            }
            c.push(max);
            c
        };
        for self_max in [3u32, 200, 300, 70_000] {
            for other_max in [3u32, 200, 300, 70_000] {
                for map_max in [0u32, 255, 256, 65_535, 65_536] {
                    let mut a = with_max(self_max, 40);
                    let b = with_max(other_max, 50);
                    let map: Vec<u32> = (0..=other_max)
                        .map(|c| (c * 31 + 5) % (map_max + 1))
                        .collect();
                    let before: Vec<u32> = (0..a.len()).map(|r| a.get(r)).collect();
                    a.extend_mapped(&b, &map);
                    let mut want = before;
                    want.extend((0..b.len()).map(|r| map[b.get(r) as usize]));
                    let got: Vec<u32> = (0..a.len()).map(|r| a.get(r)).collect();
                    assert_eq!(got, want, "{self_max} {other_max} {map_max}");
                }
            }
        }
    }

    /// Pattern digits folded a block at a time are those read row by row, for every width, from
    /// an even and an odd first row, over blocks of even and odd length.
    #[test]
    fn folding_a_block_agrees_with_reading_each_row() {
        for max in [9u32, 200, 300, 70_000] {
            for rows in [1usize, 2, 7, 64] {
                let mut codes = Codes::default();
                for r in 0..rows {
                    codes.push((r as u32 * 7 + 3) % (max + 1));
                }
                codes.pack();
                for start in 0..rows {
                    for len in 0..=rows - start {
                        let mut acc: Vec<u32> = (0..len as u32).collect();
                        let want: Vec<u32> = (0..len)
                            .map(|i| acc[i] * 11 + codes.get(start + i))
                            .collect();
                        codes.fold_into(start, &mut acc, |a, c| a * 11 + c);
                        assert_eq!(acc, want, "max {max}, rows {rows}, {start}+{len}");
                    }
                }
            }
        }
    }

    /// Every operation on packed codes gives what the same codes give a byte each, for an even
    /// and an odd number of rows, filtered or not.
    #[test]
    fn packed_codes_read_count_and_grow_as_bytes_do() {
        for rows in [0usize, 1, 2, 7, 64, 1001] {
            let values: Vec<u32> = (0..rows).map(|r| ((r * 7 + r / 3) % 16) as u32).collect();
            let mut bytes = Codes::default();
            values.iter().for_each(|&c| bytes.push(c));
            let mut packed = bytes.clone();
            packed.pack();
            assert!(matches!(packed, Codes::U4 { .. }), "{rows}");
            assert_eq!(packed, bytes);
            assert_eq!(packed.histogram(16, None), bytes.histogram(16, None));
            let keep: Vec<bool> = (0..rows).map(|r| r % 3 != 1).collect();
            assert_eq!(
                packed.histogram(16, Some(&keep)),
                bytes.histogram(16, Some(&keep))
            );
            let mut seen = Vec::new();
            packed.for_each(|r, c| seen.push((r, c)));
            assert_eq!(seen, values.iter().copied().enumerate().collect::<Vec<_>>());
            // Growing: a small code stays packed, a large one widens to bytes.
            packed.reserve_exact(3);
            packed.push(15);
            assert!(matches!(packed, Codes::U4 { .. }));
            packed.extend_mapped(&bytes, &(0..16).collect::<Vec<_>>());
            packed.push(200);
            assert!(matches!(packed, Codes::U8(_)));
            let mut expected = values.clone();
            expected.push(15);
            expected.extend(&values);
            expected.push(200);
            assert_eq!(
                (0..packed.len()).map(|r| packed.get(r)).collect::<Vec<_>>(),
                expected
            );
        }
        let mut wide = Codes::default();
        wide.push(16);
        wide.pack();
        assert!(matches!(wide, Codes::U8(_)));
    }

    #[test]
    fn pairs_compare_as_their_codes_do_at_every_width() {
        let mut seed = 11u32;
        for (rows, max) in [
            (1001usize, 3u32),
            (1000, 16),
            (999, 200),
            (500, 60_000),
            (300, 1 << 20),
        ] {
            let mut codes = Codes::default();
            for _ in 0..rows {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                codes.push((seed >> 8) % max);
            }
            codes.pack();
            let pairs: Vec<u64> = (0..2000u64)
                .map(|i| {
                    let a = (i * 7919) % rows as u64;
                    let b = (i * 104_729 + i / 3) % rows as u64;
                    a << 32 | b
                })
                .collect();
            // Starting from a mix of verdicts: a false one stays false.
            let start: Vec<bool> = (0..pairs.len()).map(|i| i % 5 != 0).collect();
            let mut same = start.clone();
            codes.same_at(&pairs, &mut same);
            let expected: Vec<bool> = pairs
                .iter()
                .zip(&start)
                .map(|(&p, &s)| s && codes.get((p >> 32) as usize) == codes.get(p as u32 as usize))
                .collect();
            assert_eq!(same, expected, "{rows} rows of codes below {max}");
            assert!(same.iter().any(|&s| s) && same.iter().any(|&s| !s));
        }
    }

    #[test]
    fn widening_keeps_the_room_reserved() {
        let mut a = Codes::default();
        a.push(1);
        a.reserve_exact(1_000);
        let reserved = a.capacity();
        a.push(300);
        assert!(matches!(a, Codes::U16(_)));
        assert_eq!(a.capacity(), reserved);
        a.shrink_to_fit();
        assert_eq!(a.capacity(), 2);
        assert_eq!((0..2).map(|r| a.get(r)).collect::<Vec<_>>(), [1, 300]);
    }
}
