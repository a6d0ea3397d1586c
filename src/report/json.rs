//! The summary as JSON, for scripts that prefer structure to rows: every figure of the CSV
//! contract — the accounting, each question's figures (with Kish's effective n when weighted),
//! each dimension's composites and reliability, and the breakdown by group. Numbers keep full
//! precision; an undefined bound (a mean from one answer) is `null`.

use crate::figures::composite::Composite;
use crate::figures::summary::{
    Breakdown, DimensionSummary, PopulationSummary, QuestionSummary, Summary,
};
use crate::figures::weighting::RowWeights;
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

fn question(q: &QuestionSummary) -> Value {
    json!({
        "id": q.id,
        "text": q.text,
        "kind": q.kind.name(),
        "scale": q.scale,
        "dimension": q.dimensions.first(),
        "dimensions": q.dimensions,
        "n": q.n,
        "effective_n": q.n_eff.map_or(Value::Null, number),
        "levels": q.levels.iter().map(|l| json!({
            "label": l.label,
            "count": l.count,
            "positive": l.positive,
            "share": estimate(l.share),
            "response_share": l.response_share.map_or(Value::Null, number),
            "deff": l.deff.map_or(Value::Null, number),
        })).collect::<Vec<_>>(),
        "measure": q.measure.name(),
        "positive_share": q.positive.as_ref().map(|s| json!({
            "levels": s.levels, "count": s.count, "n": s.n, "share": estimate(s.share),
            "deff": s.deff.map_or(Value::Null, number),
        })),
        "mean_score": q.mean.as_ref().map(|m| json!({
            "n": m.n, "mean": estimate(m.mean), "deff": m.deff.map_or(Value::Null, number),
            "sd": m.sd.map_or(Value::Null, number), "se": m.se.map_or(Value::Null, number),
        })),
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
        "said": q.said.as_ref().map(|s| json!({
            "views": s.n, "nothing": s.nothing,
            "themes": s.themes.iter().map(|t| json!({
                "name": t.name, "keywords": t.keywords, "count": t.count,
                "share": estimate(t.share), "examples": t.examples,
            })).collect::<Vec<_>>(),
            "keywords": s.keywords.iter().map(|(w, c)| json!({ "word": w, "count": c }))
                .collect::<Vec<_>>(),
        })),
    })
}

fn composite(c: &Option<Composite>) -> Value {
    match c {
        Some(c) => json!({
            "estimate": number(c.value),
            "ci_low": number(c.low),
            "ci_high": number(c.high),
            "n": c.n,
            "effective_n": number(c.n_eff),
        }),
        None => Value::Null,
    }
}

fn dimension(d: &DimensionSummary) -> Value {
    json!({
        "name": d.name,
        "items": d.items,
        "positive_share": composite(&d.positive),
        "mean_score": composite(&d.mean),
        "mean_sd": d.mean_sd.map_or(Value::Null, number),
        "mean_se": d.mean_se.map_or(Value::Null, number),
        "cronbach_alpha": d.reliability.as_ref().map(|r| json!({
            "alpha": number(r.alpha),
            "ci_low": d.alpha_ci.map_or(Value::Null, |c| number(c.low)),
            "ci_high": d.alpha_ci.map_or(Value::Null, |c| number(c.high)),
            "n": r.n,
            "items_used": r.items_used,
            "items": d.items.iter().zip(&r.items).map(|(id, i)| json!({
                "question": id,
                "constant": i.constant,
                "alpha_if_deleted": i.alpha_if_deleted.map_or(Value::Null, number),
                "item_rest_correlation": i.item_rest_correlation.map_or(Value::Null, number),
            })).collect::<Vec<_>>(),
        })),
    })
}

fn breakdown(b: &Breakdown) -> Value {
    json!({
        "by": b.by,
        "ungrouped": b.ungrouped,
        "groups": b.groups.iter().map(|g| json!({
            "label": g.label,
            "valid": g.valid,
            "questions": g.questions.iter().map(question).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// How the figures are weighted: post-stratification, Kish's effective n for the intervals, and
/// counts that stay unweighted respondents.
fn weighting(w: &RowWeights) -> Value {
    let mut v = json!({
        "method": if w.rake.is_some() { "raking" } else { "post_stratification" },
        "intervals": "kish_effective_n",
        "deff": "svymean_deff_replace",
        "counts": "unweighted",
        "without_stratum": w.without_stratum,
        "strata": w.strata.iter().map(|(k, n, share, weight)| json!({
            "stratum": k, "valid": n, "population_share": number(*share), "weight": number(*weight),
        })).collect::<Vec<_>>(),
    });
    if let Some(r) = &w.rake {
        v["raking"] = json!({
            "margins": r.margins,
            "iterations": r.iterations,
            "max_iterations": r.max_iterations,
            "discrepancy": number(r.discrepancy),
            "tolerance": number(r.tolerance),
            "converged": r.converged,
            "bounds": r.bounds.map(|(l, u)| json!([number(l), number(u)])),
            "at_bounds": r.at_bounds,
            "min_weight": number(r.min_weight),
            "max_weight": number(r.max_weight),
        });
    }
    v
}

fn population(p: &PopulationSummary) -> Value {
    json!({
        "id": p.id,
        "name": p.name,
        "size": p.size,
        "files": p.files.iter().map(|f| json!({
            "path": f.path, "format": f.format, "encoding": f.encoding, "rows": f.rows,
        })).collect::<Vec<_>>(),
        "responses": {
            "received": p.accounting.received,
            "filtered_out": p.accounting.filtered_out,
            "valid": p.accounting.valid,
            "excluded": counts(&p.accounting.excluded),
            "flagged": counts(&p.accounting.flagged),
            "all_responses": p.all_responses,
        },
        "weighting": p.weights.as_ref().map(weighting),
        "questions": p.questions.iter().map(question).collect::<Vec<_>>(),
        "dimensions": p.dimensions.iter().map(dimension).collect::<Vec<_>>(),
        "breakdown": p.breakdown.as_ref().map(breakdown),
    })
}

pub fn to_value(summary: &Summary) -> Value {
    json!({
        "filter": summary.filter,
        "method": {
            "interval": summary.settings.method.name(),
            "confidence": summary.settings.conf.level(),
            "weighted": summary.settings.weighted,
        },
        "populations": summary.populations.iter().map(population).collect::<Vec<_>>(),
    })
}

pub fn write(summary: &Summary) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&to_value(summary)).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
