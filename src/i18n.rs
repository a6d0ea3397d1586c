//! Every string a user reads, in Chinese (the default) and English, in one place.
//!
//! The language is `--lang zh|en`, else English when `LC_ALL`, `LC_MESSAGES` or `LANG` names an
//! English locale, else Chinese.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The language the environment asks for when no flag is given.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && !v.is_empty()
            {
                return if v.to_ascii_lowercase().starts_with("en") {
                    Lang::En
                } else {
                    Lang::Zh
                };
            }
        }
        Lang::Zh
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// User-visible words and phrases. Templates use `{}` placeholders filled in order.
pub struct Strings {
    pub figures_title: &'static str,
    pub population: &'static str,
    pub files: &'static str,
    pub received: &'static str,
    pub valid: &'static str,
    pub population_size: &'static str,
    pub method: &'static str,
    pub level: &'static str,
    pub option: &'static str,
    pub count: &'static str,
    pub share: &'static str,
    /// `{}` is the confidence level as a percentage.
    pub interval: &'static str,
    pub awareness_rate: &'static str,
    pub satisfaction_rate: &'static str,
    pub positive_share: &'static str,
    pub mean_score: &'static str,
    pub not_counted: &'static str,
    pub blank: &'static str,
    pub skip: &'static str,
    pub not_applicable: &'static str,
    pub unknown_label: &'static str,
    pub free_text_answers: &'static str,
    pub multiple_note: &'static str,
    pub no_answers: &'static str,
    pub fpc_note: &'static str,
    pub unit_people: &'static str,
    /// `{}` is a number of data rows.
    pub rows: &'static str,
    pub method_names: [&'static str; 5],
}

pub static ZH: Strings = Strings {
    figures_title: "问卷统计结果",
    population: "调查对象",
    files: "数据文件",
    received: "收回问卷",
    valid: "有效问卷",
    population_size: "总体规模",
    method: "区间估计方法",
    level: "选项",
    option: "选项",
    count: "人数",
    share: "占比",
    interval: "{}% 置信区间",
    awareness_rate: "知晓率",
    satisfaction_rate: "满意率",
    positive_share: "正向比例",
    mean_score: "平均得分",
    not_counted: "未计入",
    blank: "未作答",
    skip: "逻辑跳过",
    not_applicable: "无法评价",
    unknown_label: "未识别选项",
    free_text_answers: "填写人数",
    multiple_note: "多选题：占比为选择该项的人数占作答人数的比例，合计可超过 100%。",
    no_answers: "无有效作答",
    fpc_note: "已按总体规模作有限总体校正",
    unit_people: "人",
    rows: "{} 行",
    method_names: [
        "Wilson",
        "Clopper–Pearson 精确法",
        "Jeffreys",
        "Agresti–Coull",
        "Wald（正态近似）",
    ],
};

pub static EN: Strings = Strings {
    figures_title: "Survey figures",
    population: "Population",
    files: "Files",
    received: "Received",
    valid: "Valid",
    population_size: "Population size",
    method: "Interval method",
    level: "Level",
    option: "Option",
    count: "Count",
    share: "Share",
    interval: "{}% CI",
    awareness_rate: "Awareness rate",
    satisfaction_rate: "Satisfaction rate",
    positive_share: "Positive share",
    mean_score: "Mean score",
    not_counted: "Not counted",
    blank: "blank",
    skip: "skipped",
    not_applicable: "cannot say",
    unknown_label: "unknown label",
    free_text_answers: "Answered",
    multiple_note: "Multiple choice: shares are of respondents who answered, so they can add up to more than 100%.",
    no_answers: "no valid answers",
    fpc_note: "finite population correction applied",
    unit_people: "",
    rows: "{} rows",
    method_names: [
        "Wilson",
        "Clopper–Pearson exact",
        "Jeffreys",
        "Agresti–Coull",
        "Wald (normal approximation)",
    ],
};

/// Fills `{}` placeholders in order.
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut parts = template.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        out.push_str(values.get(i).copied().unwrap_or(""));
        out.push_str(part);
    }
    out
}
