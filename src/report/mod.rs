//! Writers of the summary: tidy CSV (the scripting contract), JSON, and Markdown tables to paste
//! into a report. Also the number formats and the guard against spreadsheet formula injection.

pub mod charts;
pub mod check;
pub mod compare;
pub mod csv;
pub mod document;
pub mod hand_in;
pub mod indicators;
pub mod json;
pub mod markdown;
pub mod plan;
pub mod svg;
pub mod workbook;
pub mod xlsx;

use crate::i18n::Lang;
use crate::stats::CiMethod;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Markdown,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "md" | "markdown" => Ok(Format::Markdown),
            other => Err(format!(
                "unknown format '{other}': expected csv, json or md"
            )),
        }
    }
}

impl Format {
    /// The format an output file's extension implies.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// A machine number: full precision (shortest round-trip form) with at least six decimals;
/// empty for NaN.
pub fn machine_number(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let s = format!("{x}");
    let decimals = s.split_once('.').map_or(0, |(_, d)| d.len());
    if decimals >= 6 { s } else { format!("{x:.6}") }
}

/// A share as reports print it: `23.51%`.
pub fn percent(x: f64) -> String {
    if x.is_finite() {
        format!("{:.2}%", x * 100.0)
    } else {
        String::new()
    }
}

/// A confidence level as a percentage without needless decimals: 95, 99.5.
pub fn conf_percent(conf: f64) -> String {
    let p = conf * 100.0;
    let s = format!("{p:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub fn method_index(method: CiMethod) -> usize {
    CiMethod::ALL.iter().position(|&m| m == method).unwrap_or(0)
}

/// Text from respondents may start with a formula (`=HYPERLINK(…)`): a spreadsheet would run it.
/// Such cells get a leading apostrophe, which spreadsheets show as text and do not evaluate.
pub fn neutralize_formula(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Every figure of a summary in the format asked for.
pub fn summary(summary: &crate::figures::summary::Summary, format: Format, lang: Lang) -> Vec<u8> {
    match format {
        Format::Csv => csv::write(summary),
        Format::Json => json::write(summary),
        Format::Markdown => markdown::write(summary, lang),
    }
}

/// p-values as reports print them.
pub fn p_value(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".into()
    } else {
        format!("{p:.3}")
    }
}

/// Signed percentage points: `+12.30` / `−4.10`.
pub fn points(d: f64) -> String {
    let pp = d * 100.0;
    if pp < 0.0 {
        format!("−{:.2}", -pp)
    } else {
        format!("+{pp:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_numbers_keep_precision_and_six_decimals() {
        assert_eq!(machine_number(0.5), "0.500000");
        assert_eq!(machine_number(1.0), "1.000000");
        assert_eq!(machine_number(67.0 / 285.0), "0.23508771929824562");
        assert_eq!(machine_number(f64::NAN), "");
        assert_eq!(machine_number(83.25), "83.250000");
    }

    #[test]
    fn percents_as_reports_write_them() {
        assert_eq!(percent(67.0 / 285.0), "23.51%");
        assert_eq!(percent(57.0 / 285.0), "20.00%");
        assert_eq!(percent(14.0 / 285.0), "4.91%");
        assert_eq!(conf_percent(0.95), "95");
        assert_eq!(conf_percent(0.995), "99.5");
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(
            neutralize_formula("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(neutralize_formula("@SUM"), "'@SUM");
        assert_eq!(neutralize_formula("满意"), "满意");
    }
}
