use std::time::Instant;
fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let threads = std::env::var("T")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(2);
    let t = Instant::now();
    let opts = wenjuan::ingest::ReadOptions {
        threads,
        ..Default::default()
    };
    let table =
        wenjuan::ingest::read_table(&path, &opts, &wenjuan::survey::headers::column_kinds).unwrap();
    eprintln!(
        "read: {:.3}s chunks={} rows={}",
        t.elapsed().as_secs_f64(),
        table.chunks,
        table.rows
    );
    drop(table);
    let t = Instant::now();
    let inputs = wenjuan::load::Inputs {
        files: vec![path],
        read: opts,
        ..Default::default()
    };
    let loaded = wenjuan::load::load(&inputs).unwrap();
    eprintln!("load: {:.3}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let reviews = wenjuan::validity::review_all(&loaded[0].survey, &loaded[0].datasets).unwrap();
    eprintln!("review: {:.3}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let s = wenjuan::summary::summarize(
        &loaded[0].survey,
        &loaded[0].datasets,
        Some(&reviews),
        Default::default(),
    )
    .unwrap();
    eprintln!(
        "summarize: {:.3}s {}",
        t.elapsed().as_secs_f64(),
        s.populations.len()
    );
}
