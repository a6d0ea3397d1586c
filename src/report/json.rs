//! The summary as JSON, for scripts that prefer structure to rows. Numbers keep full precision;
//! an undefined bound (a mean from one answer) is `null`.

use crate::figures::summary::Summary;
use crate::stats::Estimate;
use serde_json::{Value, json};

fn number(x: f64) -> Value {
    if x.is_finite() { json!(x) } else { Value::Null }
}

fn estimate(e: Option<Estimate>) -> Value {
    match e {
        Some(e) => {
            json!({ "estimate": number(e.estimate), "ci_low": number(e.low), "ci_high": number(e.high) })
        }
        None => Value::Null,
    }
}

/// Rule name → count, as a JSON object.
pub fn counts(pairs: &[(String, u64)]) -> Value {
    Value::Object(pairs.iter().map(|(k, n)| (k.clone(), json!(n))).collect())
}

pub fn to_value(summary: &Summary) -> Value {
    let populations: Vec<Value> = summary
        .populations
        .iter()
        .map(|p| {
            let questions: Vec<Value> = p
                .questions
                .iter()
                .map(|q| {
                    json!({
                        "id": q.id,
                        "text": q.text,
                        "kind": q.kind.name(),
                        "scale": q.scale,
                        "dimension": q.dimension,
                        "n": q.n,
                        "levels": q.levels.iter().map(|l| json!({
                            "label": l.label,
                            "count": l.count,
                            "positive": l.positive,
                            "share": estimate(l.share),
                        })).collect::<Vec<_>>(),
                        "measure": q.measure.name(),
                        "positive_share": q.positive.as_ref().map(|s| json!({
                            "levels": s.levels, "count": s.count, "n": s.n, "share": estimate(s.share),
                        })),
                        "mean_score": q.mean.as_ref().map(|m| json!({ "n": m.n, "mean": estimate(m.mean) })),
                        "not_counted": q.not_counted.iter().map(|n| json!({
                            "kind": n.kind.name(), "label": n.label, "count": n.count,
                        })).collect::<Vec<_>>(),
                        "ranking": q.ranking.iter().map(|r| json!({
                            "option": r.label, "n": r.n,
                            "mean_rank": number(r.mean_rank), "score": number(r.score),
                        })).collect::<Vec<_>>(),
                        "nps": q.nps.as_ref().map(|s| json!({
                            "promoters": s.promoters, "passives": s.passives,
                            "detractors": s.detractors, "n": s.n, "nps": estimate(s.nps),
                        })),
                    })
                })
                .collect();
            json!({
                "id": p.id,
                "name": p.name,
                "size": p.size,
                "files": p.files.iter().map(|f| json!({
                    "path": f.path, "format": f.format, "encoding": f.encoding, "rows": f.rows,
                })).collect::<Vec<_>>(),
                "responses": {
                    "received": p.accounting.received,
                    "valid": p.accounting.valid,
                    "excluded": counts(&p.accounting.excluded),
                    "flagged": counts(&p.accounting.flagged),
                    "all_responses": p.all_responses,
                },
                "questions": questions,
            })
        })
        .collect();
    json!({
        "method": {
            "interval": summary.settings.method.name(),
            "confidence": summary.settings.conf.level(),
        },
        "populations": populations,
    })
}

pub fn write(summary: &Summary) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&to_value(summary)).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
