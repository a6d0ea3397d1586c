//! Benchmark baseline: the time a bare `csv`-crate parse of a file takes on one thread (read every
//! record as bytes, count fields), which bounds how fast any CSV summary can be.
//! Run: cargo run --release --example bare_parse -- FILE

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: bare_parse FILE")?;
    let start = Instant::now();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(&path)?;
    let mut record = csv::ByteRecord::new();
    let (mut records, mut fields) = (0u64, 0u64);
    while reader.read_byte_record(&mut record)? {
        records += 1;
        fields += record.len() as u64;
    }
    println!(
        "{records} records, {fields} fields in {:.3} s",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
