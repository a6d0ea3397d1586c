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
    pub report: ReportStrings,
}

/// The words of the hand-in report (`wenjuan report`).
pub struct ReportStrings {
    pub title: &'static str,
    /// `{}` date.
    pub generated: &'static str,
    pub list_sep: &'static str,
    pub h_sample: &'static str,
    pub sample_columns: [&'static str; 7],
    /// `{}` confidence, `{}` items.
    pub precision: &'static str,
    /// `{}` population, `{}` n, `{}` margin.
    pub precision_item: &'static str,
    pub h_method: &'static str,
    /// `{}` excluded rules, `{}` flagged rules.
    pub validity: &'static str,
    /// `{}` decisions.
    pub manual: &'static str,
    /// `{}` fraction, `{}` floor.
    pub speeder_rule: &'static str,
    /// `{}` seconds.
    pub speeder_floor: &'static str,
    pub one_third: &'static str,
    /// `{}` items.
    pub straight_rule: &'static str,
    /// `{}` method, `{}` confidence.
    pub method_interval: &'static str,
    /// `{}` sizes.
    pub method_fpc: &'static str,
    pub method_unweighted: &'static str,
    /// `{}` population, `{}` strata.
    pub method_weighted: &'static str,
    pub method_shares: &'static str,
    pub method_composite: &'static str,
    pub method_indicators: &'static str,
    pub h_satisfaction: &'static str,
    pub dimension_columns: [&'static str; 6],
    /// `{}` items.
    pub lowest_items: &'static str,
    /// `{}` dimensions.
    pub low_alpha: &'static str,
    pub h_awareness: &'static str,
    pub h_indicators: &'static str,
    pub h_groups: &'static str,
    pub no_groups: &'static str,
    /// `{}` alpha.
    pub no_differences: &'static str,
    /// `{}` alpha.
    pub differences_intro: &'static str,
    /// `{}` group, `{}` difference, `{}` low, `{}` high.
    pub furthest: &'static str,
    pub by: &'static str,
    /// `{}` population, `{}` group.
    pub breakdown_title: &'static str,
    pub group_column: &'static str,
    pub h_appendix: &'static str,
    pub dimension_chart: &'static str,
    pub sheet_indicators: &'static str,
    pub sheet_questions: &'static str,
    pub sheet_dimensions: &'static str,
    pub sheet_groups: &'static str,
    pub sheet_tests: &'static str,
    pub sheet_validity: &'static str,
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
    report: ReportStrings {
        title: "问卷调查与社会满意度评价报告",
        generated: "本报告由 wenjuan 根据问卷导出数据生成（{}）。所有数字均可用 `wenjuan summarize` 复现；逐题明细见附录，表格版本见同目录下的 report.xlsx。",
        list_sep: "；",
        h_sample: "一、调查概况",
        sample_columns: [
            "调查对象",
            "数据文件",
            "收回问卷",
            "有效问卷",
            "有效率",
            "剔除",
            "待复核（仍计入）",
        ],
        precision: "样本精度：按 {}% 置信水平、p = 0.5 计算，{}。",
        precision_item: "{} {} 份有效问卷的允许误差为 ±{}",
        h_method: "二、评价方法",
        validity: "有效问卷认定：{}的问卷予以剔除；{}的问卷标记待复核，经评价人员核实前仍计入统计",
        manual: "。评价人员另作出 {} 项剔除或恢复决定，记录于各数据文件旁的复核日志",
        speeder_rule: "（所用时间低于全部答卷中位数的{}{}）",
        one_third: "三分之一",
        speeder_floor: "或低于 {} 秒",
        straight_rule: "（{} 道及以上量表题选择完全相同）",
        method_interval: "区间估计：比例采用 {} 方法，置信水平 {}%；平均得分采用 t 分布区间。",
        method_fpc: "有限总体校正：已知总体规模（{}）时，区间按有效样本量 n* = n(N−1)/(N−n) 计算，即方差乘以 (N−n)/(N−1)；平均得分的方差乘以 1 − n/N。",
        method_unweighted: "未加权：各项比例按有效问卷直接计算。",
        method_weighted: "事后分层加权（{}）：各层权重 = 总体占比 ÷ 样本占比，层（样本量，总体占比，权重）为 {}；加权结果的区间按 Kish 有效样本量计算。",
        method_shares: "满意率、知晓率为正向选项（如“非常满意”“满意”）占有效回答的比例；“不清楚”“说不清”、未作答与逻辑跳过不计入分母，单独列示。平均得分按各选项分值（默认 100/80/60/40/20）计算。",
        method_composite: "多题综合：维度满意率为各题满意率的平均值，其区间按泰勒线性化方差（与 R survey 包一致）求得的有效样本量计算；指标可声明为各题平均或先求每位受访者的平均再平均。Cronbach's α 衡量维度内各题的一致性（α ≥ 0.7 为可接受）。",
        method_indicators: "指标计分：见第五部分各指标的计分规则；结论以置信区间判断——区间整体不低于目标为达标，整体低于目标为未达标，目标落在区间内为不确定。",
        h_satisfaction: "三、满意度评价结果",
        dimension_columns: [
            "维度",
            "题数",
            "满意率",
            "95% 置信区间",
            "平均得分",
            "Cronbach's α",
        ],
        lowest_items: "满意率最低的方面：{}。",
        low_alpha: "以下维度 Cronbach's α 低于 0.7，各题一致性不足，合并解读需谨慎：{}。",
        h_awareness: "四、知晓度",
        h_indicators: "五、绩效指标评分",
        h_groups: "六、群体差异",
        no_groups: "定义中未声明分组（[[group]]），未作群体差异分析。",
        no_differences: "按声明的分组逐题作卡方独立性检验，在 {} 显著性水平下未发现显著差异。",
        differences_intro: "按声明的分组逐题作卡方独立性检验，以下差异在 {} 显著性水平下显著（期望频数过小的检验已略去）：",
        furthest: "与其余受访者差异最大的是 {}，满意率相差 {} 个百分点（95% 置信区间 {} 至 {}）。",
        by: "按",
        breakdown_title: "{}：按{}分组的正向比例",
        group_column: "题目",
        h_appendix: "附录：各题统计结果",
        dimension_chart: "：各维度满意率",
        sheet_indicators: "指标",
        sheet_questions: "各题统计",
        sheet_dimensions: "维度",
        sheet_groups: "分组",
        sheet_tests: "差异检验",
        sheet_validity: "有效性核查",
    },
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
    report: ReportStrings {
        title: "Survey and satisfaction evaluation report",
        generated: "Generated by wenjuan from the survey exports ({}). Every figure can be reproduced with `wenjuan summarize`; per-question details are in the appendix, the tables in report.xlsx beside this file.",
        list_sep: "; ",
        h_sample: "1. The sample",
        sample_columns: [
            "Population",
            "Files",
            "Received",
            "Valid",
            "Valid rate",
            "Excluded",
            "Flagged (still counted)",
        ],
        precision: "Precision: at {}% confidence and p = 0.5, {}.",
        precision_item: "{}: {} valid responses, a margin of ±{}",
        h_method: "2. Method",
        validity: "Valid responses: {} are excluded; {} are flagged for review and still counted until the evaluator decides",
        manual: ". The evaluator recorded {} decisions to exclude or reinstate responses, kept in the review logs beside the exports",
        speeder_rule: " (所用时间 under {} of the median{})",
        one_third: "one third",
        speeder_floor: " or under {} seconds",
        straight_rule: " (the same answer on {} or more rated items)",
        method_interval: "Intervals: {} for shares at {}% confidence; Student t for mean scores.",
        method_fpc: "Finite population correction: where the population size is known ({}), intervals use the effective size n* = n(N−1)/(N−n), i.e. the variance times (N−n)/(N−1); a mean's variance is multiplied by 1 − n/N.",
        method_unweighted: "Unweighted: shares are computed directly on the valid responses.",
        method_weighted: "Post-stratification ({}): each stratum weighted by its population share over its sample share; strata (responses, population share, weight): {}; weighted intervals use Kish's effective sample size.",
        method_shares: "Satisfaction and awareness rates are the share of positive levels among valid answers; 不清楚, blanks and logic skips are reported separately and not counted in n. Mean scores use the levels' scores (default 100/80/60/40/20).",
        method_composite: "Composites: a dimension's rate is the mean of its items' rates, with an interval at the effective size from the Taylor-linearized variance (as R's survey package computes it). Cronbach's α measures the items' consistency (α ≥ 0.7 is acceptable).",
        method_indicators: "Indicators are scored by the rules in section 5; verdicts read the interval: met when it lies wholly at or above the target, not met when wholly below, inconclusive otherwise.",
        h_satisfaction: "3. Satisfaction",
        dimension_columns: [
            "Dimension",
            "Items",
            "Satisfaction",
            "95% CI",
            "Mean score",
            "Cronbach's α",
        ],
        lowest_items: "Lowest satisfaction: {}.",
        low_alpha: "Cronbach's α is below 0.7 for these dimensions; read their composite with care: {}.",
        h_awareness: "4. Awareness",
        h_indicators: "5. Indicator scores",
        h_groups: "6. Group differences",
        no_groups: "The definition declares no groups ([[group]]); no group differences were tested.",
        no_differences: "Chi-square tests of independence by the declared groups found no difference significant at {}.",
        differences_intro: "Chi-square tests of independence by the declared groups; these differences are significant at {} (tests with too-small expected counts left out):",
        furthest: "{} differs most from the other respondents: {} percentage points (95% CI {} to {}).",
        by: "by",
        breakdown_title: "{}: positive shares by {}",
        group_column: "Question",
        h_appendix: "Appendix: every question",
        dimension_chart: ": satisfaction by dimension",
        sheet_indicators: "Indicators",
        sheet_questions: "Questions",
        sheet_dimensions: "Dimensions",
        sheet_groups: "Groups",
        sheet_tests: "Tests",
        sheet_validity: "Validity",
    },
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
