//! The command line's help in Chinese. The English is the doc comments of `crate::cli`, which
//! clap reads; this table gives each of them in Chinese, keyed by where it appears:
//! - `""`: the program's description, `"after_help"` the lines after its help;
//! - a subcommand's name: its description;
//! - an argument's id (its field name in `crate::cli`): its help wherever it appears;
//! - `"subcommand.id"`: its help in that subcommand, where it means something else there.
//!
//! A test checks that every argument and subcommand has an entry, and every entry is used.

pub const HELP_ZH: &[(&str, &str)] = &[
    (
        "",
        "把问卷导出（问卷星等平台）变成评价所需的数字：带置信区间的比例、有效性核查、指标得分",
    ),
    (
        "after_help",
        "不带命令时，wenjuan 在终端界面中打开自带示例（./surveys 与 ./responses）；\n\
         标准输出不是终端时，改为以 Markdown 输出示例的结果。\n\
         退出状态：0 成功，1 check 发现了标记或剔除的答卷，2 输入或用法有误。",
    ),
    ("tui", "在终端中浏览结果、分组与答卷（不带命令时即为此项）"),
    (
        "summarize",
        "每道题的结果：各选项比例、正向比例、平均分，均带置信区间",
    ),
    ("init", "根据导出推断问卷定义并输出，带注释，可作为起点"),
    ("check", "列出有效性规则发现的答卷及其依据，以及问卷核算"),
    (
        "exclude",
        "把一份答卷从结果中剔除，须写明原因（记入导出旁的复核日志）",
    ),
    ("include", "恢复被规则或先前决定剔除的答卷，须写明原因"),
    (
        "indicators",
        "为问卷定义中的指标计分，并对照各自目标给出结论",
    ),
    (
        "compare",
        "逐题与一个分组作卡方检验，或比较两个调查对象的正向比例",
    ),
    ("plan", "达到允许误差所需的样本量，或某个样本量能达到的误差"),
    (
        "report",
        "写出交付报告：report.md、report.docx、report.xlsx 与 charts/*.svg",
    ),
    ("help", "显示帮助"),
    ("version", "显示版本"),
    (
        "lang",
        "消息与报告的语言：zh（默认）或 en（LANG 为英文时也会选用）",
    ),
    (
        "files",
        "导出文件（CSV 或 XLSX）。既无文件也无 --survey 时：使用自带示例",
    ),
    ("survey", "问卷定义（TOML）；可重复，以读取多份"),
    (
        "population",
        "文件所属的调查对象（无定义时为其编号；默认取文件名，多个文件时为 \"all\"）",
    ),
    (
        "encoding",
        "CSV 文件的文字编码：auto（依次看 BOM、严格 UTF-8、GB18030）、utf-8 或 gbk",
    ),
    ("sheet", "从 XLSX 文件读取的工作表（默认第一张）"),
    (
        "filter",
        "只计入满足条件的答卷，例如 'q1 = 龙港镇'、'q2 in (18~30岁, 31~45岁)'、\
         '提交答卷时间 >= 2023-12-08'、'来源 = 微信'；可重复，须同时满足",
    ),
    (
        "ci",
        "比例的区间方法：wilson、exact（Clopper–Pearson）、jeffreys、agresti-coull、wald",
    ),
    ("conf", "区间的置信水平"),
    (
        "weighted",
        "对问卷定义设了权重（`[[weighting]]`）的调查对象作事后分层加权；区间随之采用 Kish 有效样本量",
    ),
    (
        "format",
        "输出格式：csv、json 或 md（默认按 -o 的扩展名，否则 csv）",
    ),
    (
        "output",
        "写入此文件（原子写入：要么完整写成，要么不写）而不是标准输出",
    ),
    (
        "summarize.all",
        "按全部答卷计算，不理会有效性规则与复核决定（供对照）",
    ),
    (
        "summarize.by",
        "另按一个分组、题目或列（乡镇、年龄段、来源）细分每项结果",
    ),
    (
        "compare.by",
        "逐题与之检验的分组、题目或列（乡镇、年龄段、来源）",
    ),
    ("between", "比较正向比例的两个调查对象，例如 public,staff"),
    (
        "means",
        "与 --by 同用：改为比较各组平均分（各组均值及区间，Welch t 检验或单因素与 Welch 方差分析，\
         Games–Howell 与 Tukey–Kramer 两两比较）",
    ),
    ("output_dir", "写入报告的文件夹（不存在则创建）"),
    (
        "margin",
        "要达到的允许误差（可重复，或以逗号分隔：0.03,0.05）；默认 0.05",
    ),
    ("n", "给出其能达到的误差的样本量（可重复，或以逗号分隔）"),
    ("plan.conf", "置信水平"),
    ("p", "预期比例（0.5 最保守）"),
    ("population_size", "总体规模，用于有限总体校正"),
    ("file", "答卷所在的导出文件（其复核日志保存在旁边）"),
    ("respondent", "答卷在导出中的编号（序号）"),
    (
        "row",
        "答卷在文件中的数据行号，从 1 起（用于没有序号或序号重复的导出）",
    ),
    ("reason", "原因（连同时间记入复核日志）"),
    ("rule", "此决定所确认的规则（speeder、duplicate …）"),
    ("exclude.sheet", "XLSX 导出的工作表"),
    ("include.sheet", "XLSX 导出的工作表"),
    ("exclude.encoding", "CSV 导出的文字编码：auto、utf-8 或 gbk"),
    ("include.encoding", "CSV 导出的文字编码：auto、utf-8 或 gbk"),
    ("init.files", "同一份问卷的导出文件（CSV 或 XLSX）"),
    (
        "init.population",
        "文件所属调查对象的编号（默认取文件名，多个文件时为 \"all\"）",
    ),
    ("init.encoding", "CSV 文件的文字编码：auto、utf-8 或 gbk"),
    (
        "init.output",
        "把定义写入此文件（其中的文件路径随之相对于它所在的文件夹）",
    ),
];

/// The Chinese help under `key` (see the top of this file).
pub fn help(key: &str) -> Option<&'static str> {
    HELP_ZH.iter().find(|(k, _)| *k == key).map(|(_, h)| *h)
}

/// The help sections' headings and the usage line's label, in Chinese.
pub const USAGE_ZH: &str = "用法：";
pub const ARGUMENTS_ZH: &str = "参数";
pub const OPTIONS_ZH: &str = "选项";
pub const COMMANDS_ZH: &str = "命令";
/// An argument's help, then its default value.
pub const DEFAULT_ZH: &str = "{}［默认：{}］";

/// A command line clap cannot parse, in Chinese: what was wrong, then where to read the usage.
pub const UNKNOWN_ARGUMENT_ZH: &str = "不认识的参数 {}";
pub const UNKNOWN_COMMAND_ZH: &str = "没有 {} 这个命令";
pub const INVALID_VALUE_ZH: &str = "{} 的值 {} 不对；可用的值：{}";
pub const VALUE_VALIDATION_ZH: &str = "{} 的值 {} 不对：{}";
pub const MISSING_ARGUMENT_ZH: &str = "缺少必需的参数：{}";
pub const MISSING_VALUE_ZH: &str = "{} 后面缺少值";
pub const CONFLICT_ZH: &str = "{} 不能与 {} 同时使用";
pub const TOO_MANY_ZH: &str = "多余的参数 {}";
pub const USAGE_HINT_ZH: &str = "用法：{}\n用 --help 查看全部选项。";
pub const MORE_HELP_ZH: &str = "用 --help 查看全部选项。";
