//! Each validity rule on a small export that plants the case next to its near miss, and the
//! accounting invariant under any sequence of decisions.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use wenjuan::model::load::{Inputs, load};
use wenjuan::validity::{self, Rule};

const ITEMS: usize = 8;

/// One response: 序号, seconds taken, IP, and answers to q1 and the eight matrix items of q2.
struct Response<'a> {
    seconds: u32,
    ip: &'a str,
    gender: &'a str,
    items: [&'a str; ITEMS],
}

/// The header line of the exports here: 序号 … 来自IP, q1, and the eight items of q2.
fn header() -> String {
    let mut text = String::from("序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、您的性别：");
    for i in 0..ITEMS {
        let _ = write!(text, ",2、您对以下方面的满意程度—方面{}", i + 1);
    }
    text.push('\n');
    text
}

fn export(dir: &Path, responses: &[Response]) -> PathBuf {
    let mut text = header();
    for (i, r) in responses.iter().enumerate() {
        let _ = write!(
            text,
            "{},2024/7/1 {}:{:02}:00,{}秒,微信,N/A,{},{}",
            i + 1,
            8 + i / 60,
            i % 60,
            r.seconds,
            r.ip,
            r.gender
        );
        for item in r.items {
            let _ = write!(text, ",{item}");
        }
        text.push('\n');
    }
    let path = dir.join("export.csv");
    std::fs::write(&path, text).unwrap();
    path
}

const A: [&str; ITEMS] = [
    "满意",
    "一般",
    "满意",
    "非常满意",
    "满意",
    "不满意",
    "满意",
    "一般",
];
const B: [&str; ITEMS] = [
    "一般",
    "满意",
    "满意",
    "满意",
    "非常满意",
    "满意",
    "一般",
    "满意",
];

/// A distinct address for respondent `i` (leaked: a test's handful of strings).
fn ip(i: usize) -> &'static str {
    Box::leak(format!("10.0.9.{i}").into_boxed_str())
}

fn honest(seconds: u32, ip: &'static str, items: [&'static str; ITEMS]) -> Response<'static> {
    Response {
        seconds,
        ip,
        gender: "女",
        items,
    }
}

/// (1-based row, rule) of every finding.
fn findings(path: &Path) -> Vec<(usize, Rule)> {
    let loaded = load(&Inputs {
        files: vec![path.to_path_buf()],
        ..Inputs::default()
    })
    .unwrap();
    let l = &loaded[0];
    let review = validity::review(&l.survey, &l.datasets[0]).unwrap();
    review
        .findings
        .iter()
        .map(|f| (f.row + 1, f.rule().clone()))
        .collect()
}

/// The review of an export whose text is `text`.
fn review_of(text: String) -> validity::Review {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.csv");
    std::fs::write(&path, text).unwrap();
    let loaded = load(&Inputs {
        files: vec![path],
        ..Inputs::default()
    })
    .unwrap();
    validity::review(&loaded[0].survey, &loaded[0].datasets[0]).unwrap()
}

fn rows_for(found: &[(usize, Rule)], rule: Rule) -> Vec<usize> {
    found
        .iter()
        .filter(|(_, r)| *r == rule)
        .map(|(row, _)| *row)
        .collect()
}

#[test]
fn speeders_below_a_third_of_the_median_and_not_at_forty_percent() {
    let dir = tempfile::tempdir().unwrap();
    let mut rs: Vec<Response> = (0..9)
        .map(|i| {
            honest(
                100,
                ["1.1.1.1", "1.1.1.2", "1.1.1.3"][i % 3],
                if i % 2 == 0 { A } else { B },
            )
        })
        .collect();
    rs[2].gender = "男";
    rs[4].gender = "男";
    rs.push(honest(40, "2.2.2.2", A)); // 40% of the median 100: not a speeder
    rs.push(honest(30, "3.3.3.3", B)); // 30%: a speeder
    let found = findings(&export(dir.path(), &rs));
    assert_eq!(rows_for(&found, Rule::Speeder), [11]);
}

#[test]
fn duplicates_need_the_same_answers_and_the_later_one_goes() {
    let dir = tempfile::tempdir().unwrap();
    let rs = vec![
        honest(100, "10.0.0.1", A),
        honest(100, "10.0.0.1", B), // same office IP, different answers: not a duplicate
        honest(100, "10.0.0.2", A), // same answers, other IP: not a duplicate
        honest(100, "10.0.0.1", A), // same IP and answers as row 1, later: the duplicate
    ];
    let found = findings(&export(dir.path(), &rs));
    assert_eq!(rows_for(&found, Rule::Duplicate), [4]);
}

#[test]
fn blank_forms_are_blank_not_duplicates_of_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let empty = ["(空)"; ITEMS];
    let rs = vec![
        honest(100, "10.0.0.1", A),
        Response {
            seconds: 100,
            ip: "10.0.0.9",
            gender: "(空)",
            items: empty,
        },
        Response {
            seconds: 100,
            ip: "10.0.0.9",
            gender: "(空)",
            items: empty,
        },
    ];
    let found = findings(&export(dir.path(), &rs));
    assert_eq!(rows_for(&found, Rule::Blank), [2, 3]);
    assert!(rows_for(&found, Rule::Duplicate).is_empty());
    assert!(
        rows_for(&found, Rule::Incomplete).is_empty(),
        "a blank form is not also incomplete"
    );
}

#[test]
fn straight_lining_needs_every_rated_item_alike() {
    let dir = tempfile::tempdir().unwrap();
    let mut one_off = ["满意"; ITEMS];
    one_off[5] = "一般";
    let mut with_na = ["满意"; ITEMS];
    with_na[0] = "不清楚";
    let rs = vec![
        honest(100, "10.0.0.1", ["满意"; ITEMS]), // all eight alike: flagged
        honest(100, "10.0.0.2", one_off),         // one differs: not
        honest(100, "10.0.0.3", with_na),         // only seven rated: below the block size
        honest(100, "10.0.0.4", A),
    ];
    let found = findings(&export(dir.path(), &rs));
    assert_eq!(rows_for(&found, Rule::StraightLining), [1]);
}

#[test]
fn incomplete_and_unknown_labels_are_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let mut gap = A;
    gap[3] = "(空)";
    let mut odd = B;
    odd[1] = "还行";
    // One blank among sixty answers: the question is evidently required, so it is a fault.
    let mut rs = vec![honest(100, "10.0.0.1", gap), honest(100, "10.0.0.2", odd)];
    rs.extend((3..=60).map(|i| honest(100, ip(i), A)));
    let found = findings(&export(dir.path(), &rs));
    assert_eq!(rows_for(&found, Rule::Incomplete), [1]);
    assert_eq!(rows_for(&found, Rule::UnknownLabel), [2]);
    // Left blank by a fifth: optional, and blanks in it are no fault.
    let dir = tempfile::tempdir().unwrap();
    let mut rs: Vec<_> = (1..=10).map(|i| honest(100, ip(i), gap)).collect();
    rs.extend((11..=50).map(|i| honest(100, ip(i), A)));
    let found = findings(&export(dir.path(), &rs));
    assert!(rows_for(&found, Rule::Incomplete).is_empty());
}

#[test]
fn accounting_holds_under_any_sequence_of_decisions() {
    use wenjuan::validity::log::{Decision, Verdict};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = load(&Inputs {
        surveys: vec![root.join("surveys/health-check.toml")],
        ..Inputs::default()
    })
    .unwrap();
    let l = &loaded[0];
    let dataset = &l.datasets[0];
    let mut review = validity::review(&l.survey, dataset).unwrap();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for step in 0..300 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let row = (state % dataset.rows as u64) as usize;
        let verdict = if state.is_multiple_of(3) {
            Verdict::Include
        } else {
            Verdict::Exclude
        };
        let rule = ["manual", "speeder", "duplicate"][(state % 5 % 3) as usize];
        review.apply(
            row,
            Decision {
                time: String::new(),
                row: row as u64 + 1,
                respondent: String::new(),
                decision: verdict,
                rule: rule.into(),
                reason: format!("step {step}"),
            },
        );
        let total = review.accounting(0..dataset.rows);
        let excluded: u64 = total.excluded.iter().map(|(_, n)| n).sum();
        assert_eq!(total.received, total.valid + excluded, "step {step}");
        assert_eq!(
            total.valid as usize,
            review.keep().iter().filter(|&&k| k).count()
        );
        let last = review.decisions.get(&row).unwrap();
        assert_eq!(
            review.is_valid(row),
            last.decision == Verdict::Include,
            "the latest decision wins"
        );
    }
}

#[test]
fn resubmissions_beyond_one_block_of_candidates_each_find_their_original() {
    // 35,000 respondents each submit, then twice more the same answers from the same IP: 70,000
    // candidate pairs, more than are confirmed in one block.
    const PEOPLE: usize = 35_000;
    let mut text = header();
    let levels = ["非常满意", "满意", "一般", "不满意"];
    let mut row = 0usize;
    let mut original_of = Vec::new();
    for round in 0..3 {
        for p in 0..PEOPLE {
            row += 1;
            let t = row;
            let _ = write!(
                text,
                "{row},2024/7/{} {}:{:02}:{:02},300秒,微信,N/A,10.{}.{}.{},女",
                1 + t / 86_400,
                t % 86_400 / 3600,
                t % 3600 / 60,
                t % 60,
                p / 65_536,
                p / 256 % 256,
                p % 256
            );
            for i in 0..ITEMS {
                let _ = write!(text, ",{}", levels[(p / (i + 1) + i) % levels.len()]);
            }
            text.push('\n');
            original_of.push((round > 0).then_some(p));
        }
    }
    let review = review_of(text);
    let mut duplicates = 0;
    for f in &review.findings {
        if let validity::Evidence::Duplicate { first, .. } = f.evidence {
            assert_eq!(*f.rule(), Rule::Duplicate);
            assert_eq!(Some(first), original_of[f.row], "row {}", f.row + 1);
            duplicates += 1;
        }
    }
    assert_eq!(duplicates, 2 * PEOPLE);
}

#[test]
fn a_repeated_serial_and_a_resubmission_name_their_originals_in_row_order() {
    // Row 4 repeats row 2's 序号; row 3 resubmits row 1's answers from its IP.
    let mut text = header();
    for (serial, ip, items) in [
        (1, "10.0.0.1", A),
        (2, "10.0.0.2", B),
        (3, "10.0.0.1", A),
        (2, "10.0.0.4", A),
    ] {
        let _ = write!(
            text,
            "{serial},2024/7/1 8:0{serial}:00,300秒,微信,N/A,{ip},女"
        );
        for item in items {
            let _ = write!(text, ",{item}");
        }
        text.push('\n');
    }
    let review = review_of(text);
    let found: Vec<(usize, &validity::Evidence)> = review
        .findings
        .iter()
        .filter(|f| *f.rule() == Rule::Duplicate)
        .map(|f| (f.row, &f.evidence))
        .collect();
    assert_eq!(
        found,
        [
            (
                2,
                &validity::Evidence::Duplicate {
                    first: 0,
                    by: wenjuan::survey::headers::MetaField::Ip
                }
            ),
            (3, &validity::Evidence::RepeatedId { first: 1 }),
        ]
    );
}
