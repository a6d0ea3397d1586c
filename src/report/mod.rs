//! Writers of the summary: tidy CSV (the scripting contract), JSON, and Markdown tables to paste
//! into a report. Also the number formats and the guard against spreadsheet formula injection.

pub mod blocks;
pub mod charts;
pub mod check;
pub mod compare;
pub mod csv;
pub mod document;
pub mod docx;
pub mod hand_in;
pub mod indicators;
pub mod json;
pub mod markdown;
pub mod plan;
pub mod raster;
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

/// A file's path as a person reads it: relative to the current folder when the file is under
/// it (`responses/plan-public.csv`), as given otherwise.
pub fn shown_path(path: &str) -> String {
    let p = std::path::Path::new(path);
    if !p.is_absolute() {
        return path.to_string();
    }
    let Ok(here) = std::env::current_dir() else {
        return path.to_string();
    };
    if let Ok(rel) = p.strip_prefix(&here) {
        return rel.display().to_string();
    }
    // The same folder reached through a link.
    if let (Ok(here), Ok(p)) = (here.canonicalize(), p.canonicalize())
        && let Ok(rel) = p.strip_prefix(&here)
    {
        return rel.display().to_string();
    }
    path.to_string()
}

/// The punctuation of running text in a language.
pub struct Punct {
    pub colon: &'static str,
    pub comma: &'static str,
    pub semi: &'static str,
    pub open: &'static str,
    pub close: &'static str,
    /// Ends a sentence at the end of a line.
    pub stop: &'static str,
    /// Ends a sentence that another follows.
    pub next: &'static str,
    /// Between the items of a short list.
    pub list: &'static str,
    /// Between a word and a number or a bold figure: none in Chinese.
    pub space: &'static str,
}

pub fn punct(lang: Lang) -> Punct {
    match lang {
        Lang::Zh => Punct {
            colon: "：",
            comma: "，",
            semi: "；",
            open: "（",
            close: "）",
            stop: "。",
            next: "。",
            list: "、",
            space: "",
        },
        Lang::En => Punct {
            colon: ": ",
            comma: ", ",
            semi: "; ",
            open: " (",
            close: ")",
            stop: ".",
            next: ". ",
            list: ", ",
            space: " ",
        },
    }
}

/// A section's number as the report's language writes it: 一, 二 … 十一 …; 1, 2 … in English.
pub fn section_number(n: usize, lang: Lang) -> String {
    if lang == Lang::En {
        return n.to_string();
    }
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 => {
            let units = if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            };
            format!("{}十{units}", DIGITS[n / 10])
        }
        _ => n.to_string(),
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
    fn sections_are_numbered_as_the_language_writes_them() {
        let zh: Vec<String> = (1..=12).map(|n| section_number(n, Lang::Zh)).collect();
        assert_eq!(
            zh,
            [
                "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"
            ]
        );
        assert_eq!(section_number(20, Lang::Zh), "二十");
        assert_eq!(section_number(23, Lang::Zh), "二十三");
        assert_eq!(section_number(3, Lang::En), "3");
    }

    #[test]
    fn paths_outside_the_current_folder_are_kept() {
        assert_eq!(shown_path("responses/a.csv"), "responses/a.csv");
        let here = std::env::current_dir().unwrap();
        let inside = here.join("responses").join("a.csv");
        assert_eq!(
            shown_path(&inside.display().to_string()),
            std::path::Path::new("responses")
                .join("a.csv")
                .display()
                .to_string()
        );
        assert_eq!(shown_path("/nowhere/else/a.csv"), "/nowhere/else/a.csv");
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
