//! Per-row codes stored as narrowly as their largest value allows, so that a question column of
//! a million responses takes a megabyte and counting it is one pass over bytes.

/// One code per row; the width grows (u8 → u16 → u32) the first time a larger code arrives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Codes {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl Default for Codes {
    fn default() -> Self {
        Codes::U8(Vec::new())
    }
}

impl Codes {
    pub fn with_capacity(capacity: usize) -> Self {
        Codes::U8(Vec::with_capacity(capacity))
    }

    pub fn len(&self) -> usize {
        match self {
            Codes::U8(v) => v.len(),
            Codes::U16(v) => v.len(),
            Codes::U32(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline]
    pub fn get(&self, row: usize) -> u32 {
        match self {
            Codes::U8(v) => u32::from(v[row]),
            Codes::U16(v) => u32::from(v[row]),
            Codes::U32(v) => v[row],
        }
    }

    #[inline]
    pub fn push(&mut self, code: u32) {
        match self {
            Codes::U8(v) if code <= u32::from(u8::MAX) => v.push(code as u8),
            Codes::U16(v) if code <= u32::from(u16::MAX) => v.push(code as u16),
            Codes::U32(v) => v.push(code),
            _ => {
                self.widen_for(code);
                self.push(code);
            }
        }
    }

    /// Room for exactly `additional` more codes at the current width (a merge knows its total).
    pub fn reserve_exact(&mut self, additional: usize) {
        match self {
            Codes::U8(v) => v.reserve_exact(additional),
            Codes::U16(v) => v.reserve_exact(additional),
            Codes::U32(v) => v.reserve_exact(additional),
        }
    }

    /// Gives back capacity beyond the codes held (a parse reserves for an estimate of the rows).
    pub fn shrink_to_fit(&mut self) {
        match self {
            Codes::U8(v) => v.shrink_to_fit(),
            Codes::U16(v) => v.shrink_to_fit(),
            Codes::U32(v) => v.shrink_to_fit(),
        }
    }

    fn capacity(&self) -> usize {
        match self {
            Codes::U8(v) => v.capacity(),
            Codes::U16(v) => v.capacity(),
            Codes::U32(v) => v.capacity(),
        }
    }

    /// Re-encodes the existing codes in the narrowest width that can hold `code`, keeping the room
    /// reserved (doubled when there is none to spare).
    fn widen_for(&mut self, code: u32) {
        let rows: Vec<u32> = (0..self.len()).map(|r| self.get(r)).collect();
        let capacity = if self.capacity() > rows.len() {
            self.capacity()
        } else {
            rows.len().max(16) * 2
        };
        *self = if code <= u32::from(u16::MAX) {
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
                Codes::U8(_) => max <= u32::from(u8::MAX),
                Codes::U16(_) => max <= u32::from(u16::MAX),
                Codes::U32(_) => true,
            };
            if !fits {
                self.widen_for(max);
            }
        }
        for row in 0..other.len() {
            self.push(map[other.get(row) as usize]);
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
            Codes::U8(v) => v.iter().enumerate().for_each(|(r, &c)| f(r, u32::from(c))),
            Codes::U16(v) => v.iter().enumerate().for_each(|(r, &c)| f(r, u32::from(c))),
            Codes::U32(v) => v.iter().enumerate().for_each(|(r, &c)| f(r, c)),
        }
    }

    /// Bytes held, for memory accounting in the benchmark.
    pub fn heap_bytes(&self) -> usize {
        match self {
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
