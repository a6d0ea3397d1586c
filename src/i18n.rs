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
    /// `{}` file row.
    pub row_ref: &'static str,
    /// `{}` file row, `{}` respondent number.
    pub row_ref_id: &'static str,
    /// `{}` seconds taken, `{}` median, `{}` limit.
    pub ev_speeder: &'static str,
    /// `{}` the first submission, `{}` the shared IP or user id.
    pub ev_duplicate: &'static str,
    /// `{}` the repeated 序号, `{}` where it first appeared.
    pub ev_repeated_id: &'static str,
    pub ev_blank: &'static str,
    /// `{}` the questions left blank.
    pub ev_incomplete: &'static str,
    /// `{}` number of items, `{}` the level.
    pub ev_straight: &'static str,
    /// `{}` question = label pairs.
    pub ev_unknown: &'static str,
    /// `{}` submission time, `{}` the window.
    pub ev_window: &'static str,
    /// `{}` the answers that break a check.
    pub ev_check_but: &'static str,
    pub excluded: &'static str,
    pub flagged: &'static str,
    pub all_responses_note: &'static str,
    pub reinstated: &'static str,
    pub confirmed: &'static str,
    pub check_title: &'static str,
    pub nothing_caught: &'static str,
    pub check_columns: [&'static str; 6],
    pub accounting_columns: [&'static str; 5],
    pub action_exclude: &'static str,
    pub action_flag: &'static str,
    pub total: &'static str,
    /// `{}` row, `{}` respondent, `{}` log path.
    pub decided_exclude: &'static str,
    pub decided_include: &'static str,
    pub no_indicators: &'static str,
    pub ind_name: &'static str,
    pub ind_value: &'static str,
    pub ind_target: &'static str,
    pub ind_points: &'static str,
    pub ind_score: &'static str,
    pub ind_verdict: &'static str,
    pub ind_more: &'static str,
    pub verdict_note: &'static str,
    pub compare_columns: [&'static str; 9],
    pub between_columns: [&'static str; 5],
    pub small_expected: &'static str,
    pub plan_columns: [&'static str; 5],
    pub plan_note: &'static str,
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
    row_ref: "第 {} 行",
    row_ref_id: "第 {} 行（序号 {}）",
    ev_speeder: "所用时间 {}秒，中位数 {}秒（低于 {}秒即判为过快）",
    ev_duplicate: "与{}答案完全相同，来自同一 {}",
    ev_repeated_id: "序号 {} 重复（首次出现在{}）",
    ev_blank: "所有题目均未作答",
    ev_incomplete: "必答题未作答：{}",
    ev_straight: "{} 道量表题全部选择“{}”",
    ev_unknown: "答案不在量表中：{}",
    ev_window: "提交于 {}，不在调查期 {} 内",
    ev_check_but: "，却 {}",
    excluded: "剔除",
    flagged: "待复核",
    all_responses_note: "（按全部答卷计算，未剔除无效问卷）",
    reinstated: "评价人员已恢复",
    confirmed: "评价人员确认剔除",
    check_title: "问卷有效性核查",
    nothing_caught: "未发现需要复核的答卷。",
    check_columns: ["文件", "行", "序号", "规则", "处理", "依据"],
    accounting_columns: ["文件", "收回", "有效", "剔除", "待复核"],
    action_exclude: "剔除",
    action_flag: "待复核",
    total: "合计",
    decided_exclude: "已剔除第 {} 行（序号 {}），决定已记入 {}",
    decided_include: "已恢复第 {} 行（序号 {}），决定已记入 {}",
    no_indicators: "定义中没有 [[indicator]]：没有可计分的指标（wenjuan init 会写出示例）",
    ind_name: "指标",
    ind_value: "指标值",
    ind_target: "目标值",
    ind_points: "分值",
    ind_score: "得分",
    ind_verdict: "结论",
    ind_more: "尚需有效问卷",
    compare_columns: [
        "题目",
        "调查对象",
        "n",
        "χ²",
        "自由度",
        "p 值",
        "Cramér's V",
        "差异最大的组（与其余各组之差）",
        "提示",
    ],
    between_columns: [
        "题目",
        "甲",
        "乙",
        "差值（百分点）",
        "95% 置信区间（Newcombe）",
    ],
    small_expected: "期望频数过小，结果仅供参考",
    plan_columns: ["允许误差", "置信水平", "预期比例 p", "总体规模", "样本量"],
    plan_note: "按 Cochran 公式 n₀ = z²·p(1−p)/e² 计算，已知总体规模时作有限总体校正 n = n₀/(1 + (n₀−1)/N)，向上取整；给定样本量时反算其可达到的允许误差。",
    verdict_note: "结论：整个置信区间不低于目标值为“达标”，整个区间低于目标值为“未达标”，目标值落在区间内为“不确定”，并给出按当前比例约需再增加的有效问卷数。得分按指标值本身计算。",
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
    row_ref: "row {}",
    row_ref_id: "row {} (序号 {})",
    ev_speeder: "took {} s; median {} s (under {} s counts as too fast)",
    ev_duplicate: "same answers as {}, from the same {}",
    ev_repeated_id: "序号 {} repeated (first at {})",
    ev_blank: "nothing answered",
    ev_incomplete: "required questions left blank: {}",
    ev_straight: "{} rated items all answered “{}”",
    ev_unknown: "answers that fit no level: {}",
    ev_window: "submitted {}, outside the fieldwork window {}",
    ev_check_but: ", yet {}",
    excluded: "Excluded",
    flagged: "Flagged for review",
    all_responses_note: " (computed on every response, none excluded)",
    reinstated: "reinstated by the evaluator",
    confirmed: "exclusion confirmed by the evaluator",
    check_title: "Response validity check",
    nothing_caught: "No response needs review.",
    check_columns: ["File", "Row", "序号", "Rule", "Action", "Evidence"],
    accounting_columns: ["File", "Received", "Valid", "Excluded", "Flagged"],
    action_exclude: "exclude",
    action_flag: "flag",
    total: "Total",
    decided_exclude: "Excluded row {} (序号 {}); the decision is kept in {}",
    decided_include: "Reinstated row {} (序号 {}); the decision is kept in {}",
    no_indicators: "the definition declares no [[indicator]]: nothing to score (wenjuan init writes an example)",
    ind_name: "Indicator",
    ind_value: "Value",
    ind_target: "Target",
    ind_points: "Points",
    ind_score: "Score",
    ind_verdict: "Verdict",
    ind_more: "More responses needed",
    compare_columns: [
        "Question",
        "Population",
        "n",
        "χ²",
        "df",
        "p-value",
        "Cramér's V",
        "Group furthest from the rest (difference)",
        "Note",
    ],
    between_columns: ["Question", "A", "B", "Difference (pp)", "95% CI (Newcombe)"],
    small_expected: "expected counts too small: treat with caution",
    plan_columns: [
        "Margin",
        "Confidence",
        "Expected share p",
        "Population size",
        "Sample size",
    ],
    plan_note: "Cochran's formula n₀ = z²·p(1−p)/e², with the finite population correction n = n₀/(1 + (n₀−1)/N) when the population size is known, rounded up; for a given sample size, the margin it achieves.",
    verdict_note: "Verdict: met when the whole confidence interval is at or above the target, not met when it is all below, inconclusive when the target lies inside it — with about how many more valid responses would settle it at the observed value. Scores use the value itself.",
};

/// A validity rule's name as a person reads it (`duplicate` → 重复提交); `check:<id>` keeps its id.
pub fn rule_label(lang: Lang, rule: &str) -> String {
    let zh = lang == Lang::Zh;
    let known = match rule {
        "manual" => Some(("人工剔除", "excluded by the evaluator")),
        "blank" => Some(("空白问卷", "blank form")),
        "duplicate" => Some(("重复提交", "duplicate")),
        "incomplete" => Some(("未答完", "incomplete")),
        "speeder" => Some(("答题过快", "speeder")),
        "straight_lining" => Some(("直线作答", "straight-lining")),
        "unknown_label" => Some(("无法识别的答案", "unknown label")),
        "out_of_window" => Some(("不在调查期内", "outside fieldwork")),
        _ => None,
    };
    match (known, rule.strip_prefix("check:")) {
        (Some((z, e)), _) => (if zh { z } else { e }).to_string(),
        (None, Some(id)) => format!(
            "{}{id}",
            if zh {
                "校验未通过："
            } else {
                "failed check: "
            }
        ),
        (None, None) => rule.to_string(),
    }
}

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
