//! Messages about questionnaire definitions (`surveys/*.toml`): what is wrong and on which line,
//! what `wenjuan init` noticed while inferring one, and the comments it writes into the TOML.
//! Each field is a template (`{}` placeholders, or `{0}`, `{1}` … by position) in both
//! languages, declared side by side so that a translation cannot lose a placeholder unnoticed
//! (the test below compares them). Keys and ids (`validity.speeder`, `number`, `item = "…"`) are
//! code and stay as written in both languages; the line goes in the error's location, not here.

/// Declares [`DefinitionMessages`], its two tables [`ZH`] and [`EN`], and (for the test) the
/// list of (field, Chinese, English), from one entry per message:
/// `/// what the placeholders hold` `name { zh: "…", en: "…" }`.
macro_rules! messages {
    ($( $(#[$doc:meta])* $name:ident { zh: $zh:expr, en: $en:expr $(,)? } )*) => {
        /// One field per message; its documentation says what the placeholders hold.
        pub struct DefinitionMessages {
            $( $(#[$doc])* pub $name: &'static str, )*
        }

        pub static ZH: DefinitionMessages = DefinitionMessages { $( $name: $zh, )* };

        pub static EN: DefinitionMessages = DefinitionMessages { $( $name: $en, )* };

        #[cfg(test)]
        const PAIRS: &[(&str, &str, &str)] = &[ $( (stringify!($name), $zh, $en), )* ];
    };
}

messages! {
    // Reading the file.

    not_utf8 {
        zh: "定义文件必须是 UTF-8 编码的文本",
        en: "a definition must be UTF-8 text",
    }
    /// `{}` the TOML reader's own words (unknown key, wrong type …).
    toml_error {
        zh: "定义文件格式有误：{}",
        en: "{}",
    }
    /// `{}` the id.
    id_invalid {
        zh: "id「{}」无效：不能为空，只能由字母、数字、'_'、'-' 或 '.' 组成",
        en: "id '{}' must be non-empty and made of letters, digits, '_', '-' or '.'",
    }

    // [[population]]

    /// `{}` population id.
    population_twice {
        zh: "调查对象「{}」重复声明",
        en: "population '{}' is declared twice",
    }
    /// `{}` population id.
    population_size_zero {
        zh: "调查对象「{}」：size（总体人数）必须是正整数",
        en: "population '{}': size must be a positive number of people",
    }
    no_population {
        zh: "定义文件没有声明任何调查对象：请添加 [[population]]，写明 id 和数据文件 files",
        en: "the definition declares no population: add a [[population]] with an id and its files",
    }

    // [[scale]]

    /// `{}` scale id.
    scale_twice {
        zh: "量表「{}」重复声明",
        en: "scale '{}' is declared twice",
    }
    /// `{}` scale id.
    scale_no_levels {
        zh: "量表「{}」没有任何等级（levels）",
        en: "scale '{}' has no levels",
    }
    /// `{}` scale id, `{}` the level's label, `{}` its score.
    score_not_finite {
        zh: "量表「{}」：选项「{}」的分值为 {}；分值必须是有限的数",
        en: "scale '{}': level '{}' has score {}; a score must be a finite number",
    }
    /// `{}` scale id, `{}` what was given, `{}` the measures known.
    unknown_measure {
        zh: "量表「{}」：measure「{}」无效，应为 {} 之一",
        en: "scale '{}': measure '{}' is not one of {}",
    }
    /// `{}` scale id, `{}` the label.
    scale_label_twice {
        zh: "量表「{}」：标签「{}」同时用于两个等级",
        en: "scale '{}': the label '{}' is given to two levels",
    }

    // [[question]]

    /// `{}` question id, `{}` the population named, `{}` the declared populations.
    question_unknown_population {
        zh: "题目「{}」指定的调查对象「{}」未声明（已声明：{}）",
        en: "question '{}' names population '{}', which is not declared (declared: {})",
    }
    /// `{}` question id, `{}` the line where it is first used.
    question_id_reused {
        zh: "题目 id「{}」已在第 {} 行用于同一调查对象",
        en: "question id '{}' is already used on line {} for the same population",
    }
    /// `{}` question id.
    question_no_locator {
        zh: "题目「{}」没有说明对应哪一列：请给出 number（问卷星题号）、header、contains 或 column（列的位置）之一",
        en: "question '{}' says nothing about its column: give number (问卷星's question number), header, contains or column (its position)",
    }
    /// `{}` question id.
    question_many_locators {
        zh: "题目「{}」同时给出了 number、header、contains、column 中的多项：只保留一项",
        en: "question '{}' gives more than one of number, header, contains and column: keep one",
    }
    /// `{}` question id.
    item_without_number {
        zh: "题目「{}」：item 须与 number 一起使用",
        en: "question '{}': item goes with number",
    }
    /// `{}` question id, `{}` the kind written.
    question_kind_unknown {
        zh: "题目「{}」：kind「{}」无效，应为 single、multiple、ranking 或 text",
        en: "question '{}': kind '{}' is not one of single, multiple, ranking, text",
    }
    /// `{}` question id.
    text_takes_no_scale {
        zh: "题目「{}」是填空题（自由文本）：不能设 scale 或 options",
        en: "question '{}' is free text: it takes no scale or options",
    }
    /// `{}` question id.
    scale_and_options {
        zh: "题目「{}」同时给出了 scale 和 options：只保留一项",
        en: "question '{}' gives both scale and options: keep one",
    }
    /// `{}` question id, `{}` the built-in scales.
    question_needs_scale {
        zh: "题目「{}」需要一个量表（[[scale]] 中声明的或内置的：{}）或一组选项 options",
        en: "question '{}' needs a scale (one of [[scale]] or built-in: {}) or a list of options",
    }
    /// `{}` question id, `{}` the scale named, `{}` the scales there are.
    unknown_scale {
        zh: "题目「{}」使用的量表「{}」既未声明，也不是内置量表（可用：{}）",
        en: "question '{}' uses scale '{}', which is neither declared nor built in (known: {})",
    }
    /// `{}` question id.
    empty_options {
        zh: "题目「{}」的选项列表 options 为空",
        en: "question '{}' has an empty list of options",
    }
    /// `{}` question id, `{}` the option.
    option_twice {
        zh: "题目「{}」：选项「{}」重复列出",
        en: "question '{}': option '{}' is listed twice",
    }

    no_question {
        zh: "定义文件没有声明任何题目：请添加 [[question]] 条目",
        en: "the definition declares no question: add [[question]] entries",
    }

    // [[group]], [[weighting]], [[indicator]]

    /// `{}` group id.
    group_twice {
        zh: "分组「{}」重复声明",
        en: "group '{}' is declared twice",
    }
    /// `{}` group id, `{}` the question named.
    group_question_not_single {
        zh: "分组「{}」：题目「{}」不是已声明的单选题",
        en: "group '{}': question '{}' is not a declared single-choice question",
    }
    /// `{}` group id.
    group_source {
        zh: "分组「{}」：请给出 question = \"…\" 或 meta = \"…\"（如「来源」这样的列）二者之一",
        en: "group '{}': give either question = \"…\" or meta = \"…\" (a column such as 来源)",
    }
    /// `{}` group id, `{}` the population named.
    group_unknown_population {
        zh: "分组「{}」指定的调查对象「{}」未声明",
        en: "group '{}' names population '{}', which is not declared",
    }
    /// `{}` group id, `{}` the level.
    group_level_twice {
        zh: "分组「{}」：等级「{}」被合并到了两个组中",
        en: "group '{}': level '{}' is merged into two groups",
    }
    /// `{}` population id.
    weighted_twice {
        zh: "调查对象「{}」重复设置了加权",
        en: "population '{}' is weighted twice",
    }
    /// `{}` the population named.
    weighting_unknown_population {
        zh: "加权设置指定的调查对象「{}」未声明",
        en: "weighting names population '{}', which is not declared",
    }
    /// `{}` the question named in `by`, `{}` population id.
    weighting_by_not_single {
        zh: "加权设置：「{}」不是调查对象「{}」的单选题",
        en: "weighting: '{}' is not a single-choice question of population '{}'",
    }
    /// `{}` the stratum.
    weighting_target_invalid {
        zh: "加权设置：「{}」的目标值必须是非负数（人数或比例）",
        en: "weighting: the target of '{}' must be a non-negative number (people or a share)",
    }
    weighting_no_targets {
        zh: "加权设置：请在 targets 中给出每一层的人数（或比例）",
        en: "weighting: give the size (or share) of each stratum in targets",
    }
    /// `{}` indicator id.
    indicator_twice {
        zh: "指标「{}」重复声明",
        en: "indicator '{}' is declared twice",
    }
    /// `{}` indicator id, `{}` population id.
    indicator_weighted_without_weighting {
        zh: "指标「{}」设为加权（weighted），但调查对象「{}」没有 [[weighting]] 加权设置",
        en: "indicator '{}' is weighted but population '{}' has no [[weighting]]",
    }
    /// `{}` indicator id, `{}` what is wrong with it (one of the `indicator_…` messages below).
    indicator_problem {
        zh: "指标「{}」：{}",
        en: "indicator '{}': {}",
    }
    /// `{}` population id.
    indicator_unknown_population {
        zh: "调查对象「{}」未声明",
        en: "population '{}' is not declared",
    }
    /// `{}` the figure written.
    indicator_figure_unknown {
        zh: "figure「{}」无效，应为 positive_share 或 mean_score",
        en: "figure '{}' is not positive_share or mean_score",
    }
    /// `{}` the combination written.
    indicator_combine_unknown {
        zh: "combine「{}」无效，应为 mean_of_items 或 respondent_mean",
        en: "combine '{}' is not mean_of_items or respondent_mean",
    }
    indicator_questions_or_dimension {
        zh: "请给出 questions = [\"q6_1\", …] 或 dimension = \"…\" 二者之一",
        en: "give either questions = [\"q6_1\", …] or dimension = \"…\"",
    }
    indicator_no_question {
        zh: "没有匹配的题目",
        en: "no question matches",
    }
    /// `{}` question id, `{}` population id.
    indicator_question_not_asked {
        zh: "题目「{}」不在调查对象「{}」的问卷中",
        en: "question '{}' is not asked of population '{}'",
    }
    /// `{}` question id.
    indicator_question_not_positive {
        zh: "题目「{}」必须是单选题，且其量表有正面等级（positive）",
        en: "question '{}' must be a single-choice question whose scale has positive levels",
    }
    /// `{}` question id.
    indicator_question_not_scored {
        zh: "题目「{}」必须是单选题，且其量表的每个等级都有分值（score）",
        en: "question '{}' must be a single-choice question whose scale scores every level",
    }
    indicator_target_not_number {
        zh: "target（目标值）必须是数字，如 0.9、90 或 \"90%\"",
        en: "target must be a number such as 0.9, 90 or \"90%\"",
    }
    /// `{}` the target.
    indicator_target_not_share {
        zh: "target 为 {}，不是 0 到 1 之间的比例",
        en: "target {} is not a share between 0 and 1",
    }
    indicator_points_invalid {
        zh: "points（分值）必须是非负数",
        en: "points must be a non-negative number",
    }
    indicator_per_point_invalid {
        zh: "per_point 必须是非负数",
        en: "per_point must be a non-negative number",
    }
    indicator_deduction_needs_per_point {
        zh: "扣分制（rule = \"deduction\"）需要 per_point（低于目标值每 1 个百分点扣的分数）",
        en: "rule deduction needs per_point (points off per percentage point below target)",
    }
    indicator_steps_invalid {
        zh: "steps 必须是由非负数组成的 [界限, 系数] 对",
        en: "steps must be [bound, coefficient] pairs of non-negative numbers",
    }
    /// `{}` the rule written.
    indicator_rule_unknown {
        zh: "rule「{}」无效，应为 proportional、stepped、deduction 或 threshold",
        en: "rule '{}' is not proportional, stepped, deduction or threshold",
    }
    indicator_steps_without_stepped {
        zh: "steps 须与 rule = \"stepped\" 一起使用",
        en: "steps go with rule = \"stepped\"",
    }
    indicator_per_point_without_deduction {
        zh: "per_point 须与 rule = \"deduction\" 一起使用",
        en: "per_point goes with rule = \"deduction\"",
    }

    // [validity] and [[validity.check]]

    /// `{}` the rule (`speeder` …), `{}` the action written.
    action_unknown {
        zh: "validity.{}：action「{}」无效，应为 flag、exclude 或 off",
        en: "validity.{}: action '{}' is not one of flag, exclude, off",
    }
    /// `{}` the fraction written.
    speeder_fraction {
        zh: "validity.speeder：fraction 为 {}，必须介于 0 和 1 之间（占中位数的比例）",
        en: "validity.speeder: fraction {} must be between 0 and 1 (a share of the median)",
    }
    /// `{}` question id.
    required_unknown {
        zh: "validity.incomplete：必答题目「{}」未声明",
        en: "validity.incomplete: required question '{}' is not declared",
    }
    min_items_too_small {
        zh: "validity.straight_lining：min_items 至少为 2",
        en: "validity.straight_lining: min_items must be at least 2",
    }
    /// `{}` question id.
    block_question_unknown {
        zh: "validity.straight_lining：题组 blocks 中的题目「{}」未声明",
        en: "validity.straight_lining: block question '{}' is not declared",
    }
    /// `{}` what was written.
    not_a_date {
        zh: "validity.out_of_window：「{}」不是日期（请写成 2023-12-07 或 2023-12-07 08:00）",
        en: "validity.out_of_window: '{}' is not a date (write 2023-12-07 or 2023-12-07 08:00)",
    }
    window_empty {
        zh: "validity.out_of_window：请给出 start、end 或两者",
        en: "validity.out_of_window: give start, end or both",
    }
    /// `{}` check id.
    check_twice {
        zh: "校验「{}」重复声明",
        en: "check '{}' is declared twice",
    }
    /// `{}` check id.
    check_require {
        zh: "校验「{}」：require 需要 blank = true 或 in = [等级] 二者之一",
        en: "check '{}': require needs either blank = true or in = [levels]",
    }
    /// `{}` check id, `{}` the population named.
    check_unknown_population {
        zh: "校验「{}」指定的调查对象「{}」未声明",
        en: "check '{}' names population '{}', which is not declared",
    }
    /// `{}` check id, `{}` the action written.
    check_action_unknown {
        zh: "校验「{}」：action「{}」无效，应为 flag、exclude 或 off",
        en: "check '{}': action '{}' is not one of flag, exclude, off",
    }
    /// `{}` check id, `{}` what is wrong (`check_level_not_on_scale`, `check_question_unknown`).
    check_problem {
        zh: "校验「{}」：{}",
        en: "check '{}': {}",
    }
    /// `{}` question id.
    check_level_not_on_scale {
        zh: "为题目「{}」列出的等级不在其量表中",
        en: "a level listed for question '{}' is not on its scale",
    }
    /// `{}` question id.
    check_question_unknown {
        zh: "题目「{}」未声明",
        en: "question '{}' is not declared",
    }

    // Inferring a questionnaire from exports (`wenjuan init`, and reading without a definition).

    no_export_to_infer {
        zh: "没有可用于推断问卷的导出文件",
        en: "no export to infer a questionnaire from",
    }
    /// `{}` how the questions differ (`layout_question_differs` or `layout_count_differs`).
    different_layout {
        zh: "这个导出文件的题目与第一个文件不同（{}）；没有定义文件时，所有文件按同一份问卷读取——请分别汇总，或编写定义文件，每份问卷设一个调查对象（wenjuan init）",
        en: "this export has different questions from the first file ({}); without a definition all files are read as one questionnaire — summarize them separately, or write a definition with one population per questionnaire (wenjuan init)",
    }
    /// `{0}` the question in the first file, `{1}` the first file, `{2}` the question here.
    layout_question_differs {
        zh: "{1} 中为「{0}」，此处为「{2}」",
        en: "「{0}」 in {1} but 「{2}」 here",
    }
    /// `{0}` question columns here, `{1}` in the first file, `{2}` the first file.
    layout_count_differs {
        zh: "此处有 {0} 个题目列，{2} 中有 {1} 个",
        en: "{0} question columns here, {1} in {2}",
    }
    /// `{}` what to check (one of the `note_…` messages).
    note {
        zh: "请核对：{}",
        en: "note: {}",
    }
    note_no_answers {
        zh: "导出文件中没有任何答案：按填空题（自由文本）处理",
        en: "no answers in the export: taken as free text",
    }
    /// `{}` built-in scale id, `{}` the answers with their counts.
    note_unknown_answers {
        zh: "以下答案不属于内置量表「{}」的任何等级：{}",
        en: "answers that fit no level of the built-in scale '{}': {}",
    }
    /// `{}` the column's position.
    note_by_position {
        zh: "该列的题号与其他列重复、表头也不唯一：按位置（第 {} 列）定位；导出文件的列顺序变化时请改用 header = \"…\"",
        en: "this column's number is shared and its header is not unique: found by position (column {}); if the export's columns move, use header = \"…\" instead",
    }
    /// `{}` how many options.
    note_ranking {
        zh: "排序题（答案以 → 连接）：共 {} 个选项，报告每个选项的平均排名和综合得分",
        en: "a ranking (answers joined by →) of {} options: each option's average rank and score are reported",
    }
    /// `{}` the labels said equally strongly.
    note_equal_levels {
        zh: "以下答案措辞强度相同，分列为不同等级、得分相同（未合并）：{}",
        en: "these answers say the same equally strongly: kept as levels of their own with one score (not merged): {}",
    }
    /// `{}` the answers with their counts.
    note_unread_answers {
        zh: "以下答案的措辞无法判断等级，列为无法识别、不计入 n：{}",
        en: "answers whose words give no level, reported as unknown and not counted in n: {}",
    }
    /// `{}` the theme, `{}` the question.
    theme_question {
        zh: "主题「{}」：question「{}」不是定义中的填空题（kind = \"text\"）",
        en: "theme '{}': question '{}' is not a declared free-text question (kind = \"text\")",
    }
    /// `{}` the theme.
    theme_keywords {
        zh: "主题「{}」：keywords 至少要有一个关键词",
        en: "theme '{}': keywords needs at least one word",
    }
    grading_invalid {
        zh: "[grading]：bands 应为 [等级名称, 最低总分] 的列表，例如 [[\"优秀\", 85], [\"良好\", 75], [\"一般\", 60], [\"较差\", 0]]",
        en: "[grading]: bands must be a list of [grade, lowest total], e.g. [[\"优秀\", 85], [\"良好\", 75], [\"一般\", 60], [\"较差\", 0]]",
    }
    indicator_entered_with_population {
        zh: "value 或 score 用于评价组录入的指标，不能同时给出 population（由调查计算的指标）",
        en: "value and score are for a line the evaluators enter; a line with a population is computed from the survey",
    }
    indicator_survey_without_population {
        zh: "questions、dimension 与 weighted 需要 population（由调查计算的指标）",
        en: "questions, dimension and weighted need a population (a line computed from the survey)",
    }
    /// `{}` the score, `{}` the points.
    indicator_score_invalid {
        zh: "score {} 应在 0 与分值 {} 之间",
        en: "score {} must be between 0 and the points, {}",
    }
    indicator_entered_needs {
        zh: "评价组录入的指标需要 score（直接给出得分），或 value 与 target（按计分规则计算得分）；由调查计算的指标需要 population",
        en: "a line the evaluators enter needs score (the points earned), or value and target (scored by the rule); a line computed from the survey needs population",
    }
    /// `{}` the built-in scale.
    note_builtin_scale {
        zh: "答案与内置量表「{}」的等级一一对应（标签按导出文件的写法显示）",
        en: "the answers map one-to-one onto the built-in scale '{}' (labels shown as the export writes them)",
    }
    note_zero_score {
        zh: "答案为分数且含 0：按问卷星“按分数”下载中“说不清”类选项记 0 分处理，0 列为不适用、不计入 n",
        en: "scores with a 0: read as a 问卷星 按分数 download, where a \"cannot say\" option scores 0; 0 is not applicable and not counted in n",
    }
    note_recommendation {
        zh: "0–10 分推荐意愿题：推荐者为 9–10 分、中立者 7–8 分、贬损者 0–6 分；净推荐值 NPS = 推荐者比例 − 贬损者比例",
        en: "a 0–10 likelihood to recommend: promoters 9–10, passives 7–8, detractors 0–6; NPS = promoters' share − detractors' share",
    }
    /// `{}` highest, `{}` lowest, `{}` the lowest positive score.
    note_scores {
        zh: "答案为分数：量表从 {} 分（最好）到 {} 分，平均得分即答案的平均；正向比例计入 {} 分及以上（中间以上）",
        en: "answers are scores: the scale runs from {} (best) to {}; the mean score is the answers' mean; the positive share counts {} and above (above the middle)",
    }
    /// `{}` the levels best first, `{}` those counted.
    note_ordered_neutral {
        zh: "量表由答案的措辞推断：{}；正向比例计入中间档（一般）以上的 {}",
        en: "scale read from the answers' words: {}; the positive share counts the levels above the neutral one: {}",
    }
    /// `{}` the levels best first, `{}` those counted, `{}` the middle level.
    note_ordered_middle {
        zh: "量表由答案的措辞推断：{}；没有“一般”档，居中的「{2}」视为中间档，正向比例只计入 {1}（许多报告把「{2}」也计为正向：可在此量表中把它设为 positive = true）",
        en: "scale read from the answers' words: {}; with no neutral level, the middle one, '{2}', is taken as neutral and the positive share counts only {1} (many reports count '{2}' too: set positive = true on it here)",
    }
    /// `{}` the levels best first, `{}` those counted.
    note_ordered_half {
        zh: "量表由答案的措辞推断：{}；没有中间档，正向比例计入上半部分 {}",
        en: "scale read from the answers' words: {}; with no neutral level, the positive share counts the upper half: {}",
    }
    note_option_numbers {
        zh: "答案是选项编号（按序号导出）：请按问卷中的顺序把选项文字写入量表",
        en: "answers are option numbers (a 按序号 export): write the option labels into the scale, in questionnaire order",
    }

    // The comments `wenjuan init` writes into the definition (each line becomes a `# ` comment).

    init_header {
        zh: "wenjuan 问卷定义文件，由 `wenjuan init` 根据以下导出文件推断生成：",
        en: "wenjuan questionnaire definition, inferred by `wenjuan init` from:",
    }
    /// `{}` the file, `{}` its format, `{}` the number of responses.
    init_source {
        zh: "{}（{}，{} 份答卷）",
        en: "{} ({}, {} responses)",
    }
    /// `{}` the file, `{}` its format, `{}` its encoding, `{}` the number of responses.
    init_source_encoded {
        zh: "{}（{}，{}，{} 份答卷）",
        en: "{} ({}, {}, {} responses)",
    }
    init_instructions {
        zh: "请逐一核对下面的题目和量表（尤其是分值 score 和正面等级 positive），然后这样使用：\n  \
             wenjuan summarize --survey <本文件>\n\
             格式说明见 docs/survey-format.md。文件路径相对于本文件所在的文件夹。",
        en: "Check every question and scale below (especially scores and positive levels), then use it with\n  \
             wenjuan summarize --survey <this file>\n\
             The format is described in docs/survey-format.md. File paths are relative to this file's folder.",
    }
    /// After the commented `size = 400`.
    init_size {
        zh: "调查对象的总体人数（已知时填写）：置信区间将据此做有限总体校正",
        en: "how many people the population has, when known: intervals then use the finite population correction",
    }
    init_scales {
        zh: "量表：等级按从好到差排列。score：该等级在平均得分中的分值；\n\
             positive：计入正面比例（知晓率、满意率）；aliases：该等级的其他写法；\n\
             code：按序号导出时该等级的选项编号（默认为其位置，第一项为 1）。\n\
             not_applicable：「不清楚」之类的答案，单独列出，不计入有效样本 n。",
        en: "Scales: levels from best to worst. score: points of the level in the mean score;\n\
             positive: counts toward the positive share (知晓率, 满意率); aliases: other spellings of the level;\n\
             code: the option number a 按序号 export writes (default: the level's position, 1 for the first).\n\
             not_applicable: answers such as 不清楚 that are reported but not counted in n.",
    }
    init_questions {
        zh: "题目：id（用于输出结果）；怎样找到对应的列（number = 问卷星的题号，\n\
             矩阵题另以 item = 破折号后的行标题；或用 header = \"…\" / contains = \"…\"）；\n\
             kind（single 单选、multiple 多选或 text 填空）；scale 或 options；可选的 dimension（维度）。",
        en: "Questions: id (used in the output), how to find the column (number = 问卷星's question number,\n\
             with item = the matrix row after the em dash; or header = \"…\" / contains = \"…\"),\n\
             kind (single, multiple or text), scale or options, and an optional dimension.",
    }
    init_indicators {
        zh: "指标：本次调查所支撑的绩效评价指标（去掉行首的 # 并按需修改）。\n\
             指标值 = 所列题目的正面比例（或平均得分），按计分规则 rule 与目标值 target 比较得分；\n\
             再根据置信区间判定 met（达标）/ not_met（未达标）/ inconclusive（不确定）。详见 docs/survey-format.md。",
        en: "Indicators: the lines of the evaluation table the survey feeds (uncomment and adapt).\n\
             value = the questions' positive share (or mean score), scored against the target by the rule;\n\
             the verdict is met / not_met / inconclusive from the interval. See docs/survey-format.md.",
    }
    /// After the example's `questions = […]`.
    init_or_dimension {
        zh: "或：dimension = \"…\"",
        en: "or: dimension = \"…\"",
    }
    /// After the example's `figure = "positive_share"`.
    init_or_mean_score {
        zh: "或 \"mean_score\"（平均得分，目标值以分计）",
        en: "or \"mean_score\" (target in score units)",
    }
    /// After the example's `combine = "mean_of_items"`.
    init_or_respondent_mean {
        zh: "或 \"respondent_mean\"（先求每位受访者的平均分）",
        en: "or \"respondent_mean\"",
    }
    /// After the example's `steps = […]`.
    init_steps {
        zh: "实际值/目标值 ≥ 界限 → 系数（默认的阶梯）",
        en: "value/target ≥ bound → coefficient (the default)",
    }
    /// After the example's `per_point = 0.5`.
    init_per_point {
        zh: "用于 rule = \"deduction\"：低于目标值每 1 个百分点扣的分数",
        en: "with rule = \"deduction\": points off per percentage point below the target",
    }

    // [[weighting]] with method = "rake" (raking to margins).

    /// `{}` the method written.
    weighting_method_unknown {
        zh: "加权设置：未知的方法「{}」（可用 \"poststratify\" 事后分层，或 \"rake\" 按边际迭代加权）",
        en: "weighting: unknown method '{}' (use \"poststratify\" or \"rake\")",
    }
    weighting_rake_keys_without_rake {
        zh: "加权设置：margin、bounds、max_iterations、tolerance 只用于 method = \"rake\"",
        en: "weighting: margin, bounds, max_iterations and tolerance apply only to method = \"rake\"",
    }
    weighting_rake_with_by {
        zh: "加权设置：method = \"rake\" 时用 [[weighting.margin]]（每个边际各写 by 与 targets），不要直接写 by 与 targets",
        en: "weighting: with method = \"rake\" give each margin's by and targets in [[weighting.margin]], not by and targets directly",
    }
    weighting_rake_margins {
        zh: "加权设置：method = \"rake\" 需要至少两个边际（[[weighting.margin]]，如乡镇与年龄）；只有一个边际时用事后分层",
        en: "weighting: method = \"rake\" needs at least two margins ([[weighting.margin]], e.g. township and age); with one, post-stratify",
    }
    /// `{}` lower bound, `{}` upper bound.
    weighting_bounds_invalid {
        zh: "加权设置：bounds = [{}, {}] 无效；应为相对平均权重的 [下限, 上限]，0 ≤ 下限 ≤ 1 ≤ 上限",
        en: "weighting: bounds = [{}, {}] is invalid; give [lower, upper] relative to the mean weight, 0 ≤ lower ≤ 1 ≤ upper",
    }
    /// `{}` the number written.
    weighting_iterations_invalid {
        zh: "加权设置：max_iterations = {} 无效；应为 1 到 1000000 之间的整数",
        en: "weighting: max_iterations = {} is invalid; give a whole number from 1 to 1000000",
    }
    /// `{}` the number written.
    weighting_tolerance_invalid {
        zh: "加权设置：tolerance = {} 无效；应为 0 到 1 之间的比例（如 1e-10）",
        en: "weighting: tolerance = {} is invalid; give a share between 0 and 1 (e.g. 1e-10)",
    }
}

#[cfg(test)]
mod tests {
    use super::PAIRS;

    /// The `{}` count and the set of `{n}` of a template (a brace around anything else is text).
    fn placeholders(t: &str) -> (usize, std::collections::BTreeSet<usize>) {
        let (mut plain, mut positional) = (0, std::collections::BTreeSet::new());
        let mut rest = t;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            let inside = &after[..close];
            if inside.is_empty() {
                plain += 1;
            } else if let Ok(n) = inside.parse::<usize>() {
                positional.insert(n);
            }
            rest = &after[close + 1..];
        }
        (plain, positional)
    }

    #[test]
    fn both_languages_have_the_same_placeholders() {
        for (name, zh, en) in PAIRS {
            assert_eq!(
                placeholders(zh),
                placeholders(en),
                "{name}: zh {zh:?} and en {en:?} differ in their placeholders"
            );
        }
    }

    #[test]
    fn every_message_is_written_in_both_languages() {
        for (name, zh, en) in PAIRS {
            let chinese = zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert!(chinese, "{name}: {zh:?} has no Chinese");
            assert!(!en.trim().is_empty(), "{name}");
            assert_ne!(zh, en, "{name} is not translated");
        }
    }
}
