//! `wenjuan plan` as a user runs it: sample sizes for a margin, and the margin a sample achieves.

mod common;
use common::*;

#[test]
fn plan_sample_sizes() {
    let r = run(&[
        "plan",
        "--margin",
        "0.05",
        "--n",
        "285",
        "--population-size",
        "1300000",
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.lines().next(),
        Some("margin,conf,p,population_size,n")
    );
    let rows = csv_rows(&r.stdout);
    assert_eq!(rows[0]["n"], "385");
    assert!((num(&rows[1], "margin") - 0.05804).abs() < 1e-4);
    let r = run(&["plan", "--margin", "0.05", "--population-size", "400"]);
    assert_eq!(csv_rows(&r.stdout)[0]["n"], "197");
    assert_eq!(run(&["plan", "--margin", "1.5"]).status, 2);
}
