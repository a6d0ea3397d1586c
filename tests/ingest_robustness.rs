//! No input makes wenjuan panic: the fixture exports cut short and with bytes flipped at seeded
//! random places are read and summarised, or rejected with an error — never a panic.

use std::path::Path;
use wenjuan::figures::Settings;
use wenjuan::figures::summary::summarize;
use wenjuan::model::load::{Inputs, load};

/// A small deterministic generator (xorshift64*), enough to pick cut points and bytes.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn try_all(bytes: &[u8], dir: &Path, name: &str) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let inputs = Inputs {
        files: vec![path],
        ..Inputs::default()
    };
    if let Ok(loaded) = load(&inputs) {
        for l in loaded {
            if let Ok(reviews) = wenjuan::validity::review_all(&l.survey, &l.datasets) {
                let _ = summarize(
                    &l.survey,
                    &l.datasets,
                    Some(&reviews),
                    None,
                    Settings::default(),
                );
            }
        }
    }
}

#[test]
fn mangled_exports_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut rng = Rng(0x5EED_2024);
    for name in [
        "wjx_text_utf8.csv",
        "wjx_text_gbk.csv",
        "wjx_number.csv",
        "unknown_labels.csv",
        "wjx_text.xlsx",
    ] {
        let original = std::fs::read(root.join(name)).unwrap();
        for round in 0..40 {
            let mut bytes = original.clone();
            match round % 4 {
                0 => bytes.truncate(rng.below(bytes.len())),
                1 => {
                    for _ in 0..8 {
                        let i = rng.below(bytes.len());
                        bytes[i] = rng.next() as u8;
                    }
                }
                2 => {
                    let i = rng.below(bytes.len());
                    let quote: &[u8] = if rng.next().is_multiple_of(2) {
                        b"\""
                    } else {
                        b"\xe2\x94\x8b,\r\n"
                    };
                    bytes.splice(i..i, quote.iter().copied());
                }
                _ => {
                    let i = rng.below(bytes.len());
                    let j = rng.below(bytes.len());
                    let (a, b) = (i.min(j), i.max(j));
                    bytes.drain(a..b);
                }
            }
            let ext = Path::new(name).extension().unwrap().to_str().unwrap();
            try_all(&bytes, dir.path(), &format!("m{round}.{ext}"));
        }
    }
}

#[test]
fn parallel_chunks_read_exactly_what_one_thread_reads() {
    use wenjuan::ingest::{ReadOptions, read_table};
    use wenjuan::survey::headers::column_kinds;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // plan-public.csv has a quoted multi-line comment; health-check.csv is GBK with CRLF.
    for file in [
        "responses/plan-public.csv",
        "responses/health-check.csv",
        "tests/fixtures/wjx_text_bom.csv",
    ] {
        let path = root.join(file);
        let one = read_table(
            &path,
            &ReadOptions {
                threads: 1,
                ..ReadOptions::default()
            },
            &column_kinds,
        )
        .unwrap();
        for threads in [2, 3, 7] {
            let many = ReadOptions {
                threads,
                parallel_min_bytes: 0,
                ..ReadOptions::default()
            };
            let t = read_table(&path, &many, &column_kinds).unwrap();
            assert_eq!(t.rows, one.rows, "{file} with {threads} threads");
            // Several chunks per thread, taken as threads free up.
            assert!(
                t.chunks >= threads,
                "{file} was split in {} for {threads} threads",
                t.chunks
            );
            assert_eq!(t.headers, one.headers);
            for c in 0..t.columns.len() {
                for r in 0..t.rows {
                    assert_eq!(
                        t.columns[c].display(r),
                        one.columns[c].display(r),
                        "{file} row {r} column {c}"
                    );
                }
            }
        }
    }
}
