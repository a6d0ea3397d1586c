//! Messages about reading inputs: export files (encodings, quoting, workbooks, rows and columns),
//! notes on how a file was read, and which definitions, populations and files a command reads.
//!
//! Each message is declared once below with its Chinese and its English template (`{}`
//! placeholders filled in order, or `{0}`, `{1}` … by position, so a translation may reorder);
//! the doc comment says what the placeholders hold. The file, data row, line and column an error
//! is about are its location (its file, row, line and column), shown before the message.

use super::Message;

/// Declares [`IngestMessages`], its two tables [`ZH`] and [`EN`], and (for the tests) the list
/// of every message's name with its two templates, from one list of
/// `name { zh: "…", en: "…" }` entries.
macro_rules! messages {
    ($($(#[$doc:meta])* $name:ident { zh: $zh:literal, en: $en:literal $(,)? })*) => {
        pub struct IngestMessages {
            $($(#[$doc])* pub $name: &'static str,)*
        }

        pub static ZH: IngestMessages = IngestMessages { $($name: $zh,)* };

        pub static EN: IngestMessages = IngestMessages { $($name: $en,)* };

        /// Every message: its name, its Chinese and its English template.
        #[cfg(test)]
        const ALL: &[(&str, &str, &str)] = &[$((stringify!($name), $zh, $en),)*];
    };
}

messages! {
    // ---- Which inputs ------------------------------------------------------------------------

    file_not_found {
        zh: "文件不存在",
        en: "file not found",
    }
    /// `{}` the definition, `{}` the line of its population.
    file_not_found_listed {
        zh: "文件不存在（由定义文件 {} 第 {} 行列出；定义中的路径相对于定义文件所在的文件夹）",
        en: "file not found (listed in {}, line {}; paths in a definition are relative to its folder)",
    }
    /// `{}` the definition.
    file_not_found_listed_no_line {
        zh: "文件不存在（由定义文件 {} 列出；定义中的路径相对于定义文件所在的文件夹）",
        en: "file not found (listed in {}; paths in a definition are relative to its folder)",
    }
    /// `{}` what the operating system said.
    read_failed {
        zh: "无法读取该文件（{}）",
        en: "could not read the file ({})",
    }
    reader_thread_panicked {
        zh: "无法读取该文件：一个读取线程意外中止（这是 wenjuan 的缺陷，请报告）",
        en: "could not read the file: a reader thread panicked (a bug in wenjuan; please report it)",
    }
    is_directory {
        zh: "这是一个文件夹，不是导出文件",
        en: "is a directory, not an export file",
    }
    no_input {
        zh: "没有输入：请给出导出文件（wenjuan summarize responses/public.csv）或问卷定义\
             （--survey surveys/plan.toml），或在含有 surveys/ 和 responses/ 的文件夹中运行",
        en: "no input: name export files (wenjuan summarize responses/public.csv), a definition \
             (--survey surveys/plan.toml), or run in a folder with surveys/ and responses/",
    }
    /// `{}` the folder that should hold the definitions.
    no_definitions_in {
        zh: "没有输入：{}/ 中没有 .toml 问卷定义；请给出导出文件，或用 --survey 指定问卷定义",
        en: "no input: {}/ has no .toml definitions; name export files or a definition with --survey",
    }
    files_need_one_survey {
        zh: "命令行中给出的导出文件只能配合一个 --survey 使用；读取多个问卷定义时，\
             请在每个定义中用 files 列出各自的导出文件",
        en: "export files on the command line go with one --survey; with several definitions, \
             list the files in each",
    }
    /// `{}` the population's id.
    population_without_files {
        zh: "调查对象「{}」没有导出文件：请在定义中用 files = [\"…\"] 列出，或在命令行中给出",
        en: "population '{}' has no export files: list them with files = [\"…\"] or pass them on \
             the command line",
    }
    /// `{}` the population's id, `{}` the other definition that uses it.
    population_id_reused {
        zh: "调查对象编号「{}」在 {} 中也已使用；同时读取的多个定义中，调查对象编号不能重复",
        en: "population id '{}' is also used by {}; ids must differ across the definitions read \
             together",
    }
    /// `{0}` the population asked for, `{1}` the definition, `{2}` the populations it declares.
    no_population {
        zh: "{1} 中没有调查对象「{0}」；其中的调查对象有：{2}",
        en: "no population '{0}' in {1}; it declares: {2}",
    }
    /// `{}` an export file, `{}` the populations of the definition.
    which_population {
        zh: "{} 属于哪个调查对象？定义中有多个调查对象（{}）；请用 --population 指定调查对象编号",
        en: "which population is {}? the definition has several ({}); say --population ID",
    }
    /// Between the items of a list (of population ids, of worksheets): `{}` the items so far,
    /// `{}` the next one.
    list {
        zh: "{}、{}",
        en: "{}, {}",
    }
    /// A note on how a file was read, shown as a warning: `{}` the file, `{}` the note.
    file_note {
        zh: "{}：{}",
        en: "{}: {}",
    }

    // ---- What kind of file -------------------------------------------------------------------

    file_empty {
        zh: "文件是空的（0 字节）：应为带表头行的 CSV 或 XLSX 导出文件",
        en: "the file is empty (0 bytes): expected a CSV or XLSX export with a header row",
    }
    markup {
        zh: "这是网页（HTML）或 XML 文件，不是工作簿，也不是 CSV 导出文件；请用 Excel 打开后\
             另存为 .xlsx，或重新下载 CSV 格式的导出文件",
        en: "this is a web page (HTML) or XML file, not a workbook or a CSV export; open it in \
             Excel and save it as .xlsx, or download the CSV export",
    }
    /// `{}` the file's extension.
    markup_named {
        zh: "这是扩展名为 .{} 的网页（HTML）或 XML 文件，不是工作簿，也不是 CSV 导出文件；\
             请用 Excel 打开后另存为 .xlsx，或重新下载 CSV 格式的导出文件",
        en: "this is a web page (HTML) or XML file named .{}, not a workbook or a CSV export; \
             open it in Excel and save it as .xlsx, or download the CSV export",
    }
    /// `{}` what the file is (one of the `kind_…` below).
    not_an_export {
        zh: "这是{}，不是问卷导出文件：应为从问卷平台下载的 CSV 或 XLSX 文件",
        en: "this is {}, not a survey export: expected a CSV or XLSX file downloaded from the \
             survey platform",
    }
    kind_pdf {
        zh: "一个 PDF 文档",
        en: "a PDF document",
    }
    kind_png {
        zh: "一张 PNG 图片",
        en: "a PNG image",
    }
    kind_jpeg {
        zh: "一张 JPEG 图片",
        en: "a JPEG image",
    }
    kind_gif {
        zh: "一张 GIF 图片",
        en: "a GIF image",
    }
    kind_gzip {
        zh: "一个 gzip 压缩包",
        en: "a gzip archive",
    }
    kind_rar {
        zh: "一个 RAR 压缩包",
        en: "a RAR archive",
    }
    kind_7z {
        zh: "一个 7-Zip 压缩包",
        en: "a 7-Zip archive",
    }
    neither_workbook_nor_text {
        zh: "这个文件既不是工作簿（.xlsx 是 zip 压缩包，.xls 是 OLE2 文档），也不是文本，\
             不是问卷导出文件：应为从问卷平台下载的 CSV 或 XLSX 文件",
        en: "this is neither a workbook (an .xlsx is a zip archive, an .xls an OLE2 document) nor \
             text, not a survey export: expected a CSV or XLSX file downloaded from the survey \
             platform",
    }
    /// A note: `{}` the file's extension, `{}` the format it was read as (CSV, TSV).
    note_text_named_workbook {
        zh: "文件扩展名为 .{}，内容却是文本，已按 {} 文件读取",
        en: "the file is named .{} but holds text; it was read as a {} file",
    }

    // ---- CSV: encodings ----------------------------------------------------------------------

    /// `{0}` the encoding the byte-order mark announces.
    bom_not_valid {
        zh: "文件开头是 {0} 字节顺序标记（BOM），但内容不是有效的 {0} 编码",
        en: "the file starts with a {0} byte-order mark but is not valid {0}",
    }
    /// `{}` where the first NUL byte is (bytes from the start).
    binary_data {
        zh: "这不是 CSV 导出文件：其中含有二进制数据（偏移 {} 字节处有 NUL 字节）；应为从问卷平台\
             下载的 CSV 或 XLSX 文件",
        en: "this is not a CSV export: it holds binary data (a NUL byte at offset {}); expected a \
             CSV or XLSX file downloaded from the survey platform",
    }
    /// A note.
    note_bom_but_gbk {
        zh: "文件开头有 UTF-8 字节顺序标记（BOM），但正文是 GBK/GB18030 编码；已按 GB18030 读取",
        en: "the file starts with a UTF-8 byte-order mark but its text is GBK/GB18030; it was \
             read as GB18030",
    }
    header_cell_unreadable {
        zh: "这个表头单元格既不是 UTF-8 编码，也不是 GBK/GB18030 编码；这是 CSV 导出文件吗？",
        en: "the header cell is neither UTF-8 nor GBK/GB18030; is this a CSV export?",
    }
    /// `{}` the encoding asked for.
    header_cell_not_valid {
        zh: "这个表头单元格不是有效的 {} 编码；请改用 --encoding auto",
        en: "the header cell is not valid {}; try --encoding auto",
    }
    /// `{}` the encoding, `{}` a hint (`hint_mixed_encodings` or `hint_other_encoding`).
    cell_not_valid {
        zh: "这个单元格不是有效的 {} 编码（{}）",
        en: "this cell is not valid {} ({})",
    }
    hint_mixed_encodings {
        zh: "这是表头所用的编码；没有哪一种编码能读出所有单元格，说明文件混用了多种编码，或在此处已损坏",
        en: "the encoding of the header; no one encoding reads every cell, so the file mixes \
             encodings or is damaged here",
    }
    hint_other_encoding {
        zh: "请改用 --encoding auto，或换用 utf-8 和 gbk 中的另一种",
        en: "try --encoding auto, or the other of utf-8 and gbk",
    }

    // ---- CSV: rows and quotes ----------------------------------------------------------------

    /// `{}` what the CSV reader said.
    not_csv {
        zh: "无法按 CSV 格式读取该文件：{}",
        en: "could not read the file as CSV: {}",
    }
    no_header_row {
        zh: "文件是空的：应有一行表头（序号、提交答卷时间、1、……）和每份答卷一行数据",
        en: "the file is empty: expected a header row (序号, 提交答卷时间, 1、… ) and one row per \
             response",
    }
    /// `{}` the data row, `{}` its line in the file, `{}` its number of fields, `{}` the
    /// header's, `{}` empty or `ragged_quoted`.
    ragged {
        zh: "数据第 {} 行（文件第 {} 行）有 {} 个字段，而表头有 {} 列；导出文件的每一行都应\
             每列一个单元格{}",
        en: "row {} (line {}) has {} fields but the header has {}; every row of an export must \
             have one cell per column{}",
    }
    /// The end of `ragged`: `{}` the column, `{}` the line its quoted field starts on, `{}` the
    /// line it ends on.
    ragged_quoted {
        zh: "；该行第 {} 列是一个带引号的字段，从文件第 {} 行一直延续到第 {} 行：\
             其中多出的一个 \" 把几行连成了一行",
        en: "; column {} of it is a quoted field running from line {} to line {}: a stray \" \
             there joins rows into one",
    }
    /// `{}` how many lines follow.
    quote_never_closed {
        zh: "这里有一个引号字段开始后始终没有闭合：文件余下的内容（还有 {} 行）都会被读成这一个\
             单元格，这些行上的答卷将会丢失；请删除多余的 \"，或在答案结束处补上闭合的引号",
        en: "a quoted field opens here and is never closed: the rest of the file ({} more \
             line(s)) would become this one cell and the responses on those lines would be \
             lost; remove the stray \" or close the quote where the answer ends",
    }
    /// `{}` the line where the quote closes, `{}` how many lines lie in between.
    quote_closes_late {
        zh: "这里有一个引号字段开始，直到文件第 {} 行才闭合：中间 {} 行本是完整的数据行，\
             会被并入这一个单元格；请删除多余的 \"，或在答案结束处补上闭合的引号",
        en: "a quoted field opens here and only closes on line {}: {} line(s) in between read as \
             whole rows and would become part of this one cell; remove the stray \" or close \
             the quote where the answer ends",
    }

    // ---- Workbooks ---------------------------------------------------------------------------

    password_protected {
        zh: "工作簿设有密码保护：请用 Excel 打开，取消密码后保存，或改为导出 CSV",
        en: "the workbook is password-protected: open it in Excel, remove the password and save \
             it, or export CSV",
    }
    /// `{}` what the zip reader said.
    zip_damaged {
        zh: "工作簿已损坏或不完整（无法读取其 zip 压缩包：{}）；是否下载中断了？请重新下载，\
             或用 Excel 打开后重新保存",
        en: "the workbook is damaged or incomplete (its zip archive cannot be read: {}); was the \
             download cut short? Download it again, or open it in Excel and save it again",
    }
    /// `{}` what the workbook reader said.
    zip_not_workbook {
        zh: "这是一个 zip 压缩包，但不是 Excel 工作簿（{}）；应为 .xlsx 导出文件",
        en: "this is a zip archive but not an Excel workbook ({}); expected an .xlsx export",
    }
    /// `{}` what the workbook reader said.
    xls_unreadable {
        zh: "这看起来是旧版 Excel .xls 工作簿，但无法读取（{}）；请用 Excel 打开后另存为 .xlsx，\
             或改为导出 CSV",
        en: "this looks like an old Excel .xls workbook but it could not be read ({}); open it in \
             Excel and save it as .xlsx, or export CSV",
    }
    /// `{}` what the workbook reader said.
    workbook_unopenable {
        zh: "无法打开工作簿：文件已损坏，或不是 Excel 工作簿（{}）；请用 Excel 打开后重新保存，\
             或改为导出 CSV",
        en: "could not open the workbook: it is damaged or not an Excel workbook ({}); open it \
             in Excel and save it again, or export CSV",
    }
    /// `{}` the worksheet asked for with `--sheet`, `{}` the workbook's worksheets.
    no_such_sheet {
        zh: "没有名为「{}」的工作表；该工作簿中的工作表有：{}",
        en: "no worksheet named '{}'; the workbook has: {}",
    }
    no_worksheets {
        zh: "工作簿中没有工作表",
        en: "the workbook has no worksheets",
    }
    /// `{}` the worksheet, `{}` what its reader said when it failed.
    sheet_reader_failed {
        zh: "无法读取工作表「{}」：工作簿格式有误（读取程序出错：{}）；请用 Excel 打开后重新保存，\
             或改为导出 CSV",
        en: "could not read worksheet '{}': the workbook is malformed (the reader failed: {}); \
             open it in Excel and save it again, or export CSV",
    }
    /// `{}` what the reader said when it failed.
    workbook_reader_failed {
        zh: "无法读取工作簿：工作簿格式有误（读取程序出错：{}）；请用 Excel 打开后重新保存，\
             或改为导出 CSV",
        en: "could not read the workbook: the workbook is malformed (the reader failed: {}); \
             open it in Excel and save it again, or export CSV",
    }
    /// When the reader failed without saying why.
    reader_failed_silently {
        zh: "未给出原因",
        en: "no reason given",
    }
    /// `{}` the worksheet, `{}` what the workbook reader said.
    sheet_damaged {
        zh: "无法读取工作表「{}」：工作簿已损坏（{}）；请用 Excel 打开后重新保存，或改为导出 CSV",
        en: "could not read worksheet '{}': the workbook is damaged ({}); open it in Excel and \
             save it again, or export CSV",
    }
    /// `{}` the worksheet, `{}` the cell (`A1` notation).
    cell_beyond_sheet {
        zh: "工作表「{}」在 {} 处有单元格，超出了工作表所能容纳的最大范围（XFD1048576）：工作簿\
             已损坏；请用 Excel 打开后重新保存",
        en: "worksheet '{}' has a cell at {}, beyond the largest sheet a workbook can hold \
             (XFD1048576): the workbook is damaged; open it in Excel and save it again",
    }
    /// `{}` the sheet, `{}` what kind of sheet it is (as the workbook reader names it).
    not_a_worksheet {
        zh: "「{}」不是工作表（而是 {}）；请用 --sheet 指定存放答卷数据的工作表",
        en: "'{}' is not a worksheet (it is a {}); name the sheet that holds the responses with \
             --sheet",
    }
    /// `{}` the worksheet.
    sheet_empty {
        zh: "工作表「{}」是空的：第一行应为表头",
        en: "worksheet '{}' is empty: expected a header row",
    }
    /// `{}` the worksheet.
    sheet_no_header {
        zh: "工作表「{}」的第一行是空的：第一行应为表头",
        en: "worksheet '{}' has an empty first row: expected the header",
    }
    /// A note: `{}` the file's extension, `{}` what it is (one of the `kind_…` below).
    note_named_other_format {
        zh: "文件扩展名为 .{}，实际上是{}，已按实际格式读取",
        en: "the file is named .{} but is {}; it was read as such",
    }
    kind_xls {
        zh: "一个旧版 Excel .xls 工作簿",
        en: "an old Excel .xls workbook",
    }
    kind_xlsb {
        zh: "一个 Excel 二进制 .xlsb 工作簿",
        en: "an Excel binary .xlsb workbook",
    }
    kind_ods {
        zh: "一个 OpenDocument .ods 电子表格",
        en: "an OpenDocument .ods spreadsheet",
    }
    kind_xlsx {
        zh: "一个 Excel .xlsx 工作簿",
        en: "an Excel .xlsx workbook",
    }
}

/// `items` as one message, joined with the reader's list separator (`、` or `, `).
pub fn list<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> Message {
    let mut items = items.into_iter();
    let first = Message::raw(items.next().map(|i| i.to_string()).unwrap_or_default());
    items.fold(first, |so_far, item| crate::msg!(ingest.list, so_far, item))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// The placeholders of a template: for each, the value it takes (by order or by position).
    fn placeholders(template: &str) -> (Vec<usize>, bool, bool) {
        let (mut used, mut in_order, mut by_position) = (Vec::new(), false, false);
        let mut next = 0;
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            let inside = &after[..close];
            if inside.is_empty() {
                used.push(next);
                next += 1;
                in_order = true;
            } else if let Ok(i) = inside.parse::<usize>() {
                used.push(i);
                by_position = true;
            }
            rest = &after[close + 1..];
        }
        used.sort_unstable();
        used.dedup();
        (used, in_order, by_position)
    }

    #[test]
    fn both_languages_take_the_same_values() {
        // A template that loses or gains a placeholder in translation drops or misplaces a value.
        for (name, zh, en) in ALL {
            let (zh_used, zh_order, zh_position) = placeholders(zh);
            let (en_used, en_order, en_position) = placeholders(en);
            assert_eq!(zh_used, en_used, "{name}: {zh:?} / {en:?}");
            // `{}` counts on its own, past any `{n}`: mixing the two misplaces values.
            assert!(
                !(zh_order && zh_position),
                "{name}: {zh:?} mixes {{}} and {{n}}"
            );
            assert!(
                !(en_order && en_position),
                "{name}: {en:?} mixes {{}} and {{n}}"
            );
            // Every value is used (none is silently dropped by both).
            assert!(
                zh_used.iter().enumerate().all(|(i, &u)| i == u),
                "{name}: {zh:?} skips a value"
            );
        }
    }

    #[test]
    fn every_message_is_translated() {
        for (name, zh, en) in ALL {
            assert!(!zh.is_empty() && !en.is_empty(), "{name}");
            assert_ne!(zh, en, "{name}: the Chinese is the English");
        }
    }

    #[test]
    fn the_placeholder_check_sees_a_dropped_or_reordered_value() {
        assert_eq!(placeholders("{} of {}").0, [0, 1]);
        assert_eq!(placeholders("{1} 中的 {0}").0, [0, 1]);
        assert_ne!(placeholders("{} of {}").0, placeholders("{}").0);
        assert_eq!(placeholders("{{x}} {}").0, [0]);
    }

    #[test]
    fn lists_are_joined_in_the_reader_language() {
        let l = list(["public", "staff", "firms"]);
        assert_eq!(l.render(Lang::Zh), "public、staff、firms");
        assert_eq!(l.render(Lang::En), "public, staff, firms");
        assert_eq!(list(Vec::<String>::new()).render(Lang::En), "");
        assert_eq!(list(["one"]).render(Lang::Zh), "one");
    }
}
