//! Composite figures (mean of items, respondent mean; unweighted and post-stratified) and weighted
//! item shares, computed by the built binary, against R's survey package
//! (tests/data/make_composite_reference.R wrote the fixture and the reference values).

mod common;
use common::*;
use std::collections::HashMap;

fn reference() -> HashMap<String, [f64; 3]> {
    let text = std::fs::read_to_string(root().join("tests/data/composite_reference.csv")).unwrap();
    csv_rows(&text)
        .iter()
        .map(|r| {
            (
                r["figure"].clone(),
                [num(r, "value"), num(r, "ci_low"), num(r, "ci_high")],
            )
        })
        .collect()
}

fn close(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() < 1e-9 * want.abs().max(1.0),
        "{what}: {got} vs R {want}"
    );
}

#[test]
fn composite_indicators_match_r_survey() {
    let want = reference();
    let r = run(&["indicators", "--survey", &fixture("composite.toml")]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    // Six lines, then the table's total.
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[6]["indicator"], "total");
    for row in &rows[..6] {
        let id = &row["indicator"];
        let [value, low, high] = want[id];
        close(num(row, "value"), value, &format!("{id} value"));
        close(num(row, "ci_low"), low, &format!("{id} ci_low"));
        close(num(row, "ci_high"), high, &format!("{id} ci_high"));
        assert_eq!(row["n"], "80");
    }
}

#[test]
fn weighted_item_shares_match_r_survey_at_kish_effective_size() {
    let want = reference();
    let r = run(&[
        "summarize",
        "--weighted",
        "--survey",
        &fixture("composite.toml"),
    ]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    for i in 1..=4 {
        let q = format!("q2_{i}");
        let got = row(&rows, &[("question", &q), ("statistic", "positive_share")]);
        let [value, low, high] = want[&format!("weighted_share_q2_{i}")];
        close(num(got, "estimate"), value, &q);
        close(num(got, "ci_low"), low, &q);
        close(num(got, "ci_high"), high, &q);
        // The effective size is reported and smaller than the raw n under unequal weights.
        let eff = row(&rows, &[("question", &q), ("statistic", "effective_n")]);
        assert!(num(eff, "estimate") < num(got, "n"));
    }
    // Unweighted figures stay available without the flag.
    let plain = csv_rows(&run(&["summarize", "--survey", &fixture("composite.toml")]).stdout);
    assert!(plain.iter().all(|r| r["statistic"] != "effective_n"));
}
