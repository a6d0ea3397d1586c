//! Messages about reading exports: encodings, quoting, workbooks, rows and columns.
//! Each field is a template (`{}` placeholders, or `{0}`, `{1}` … by position) in both
//! languages below.

pub struct IngestMessages {
    pub file_not_found: &'static str,
}

pub static ZH: IngestMessages = IngestMessages {
    file_not_found: "文件不存在",
};

pub static EN: IngestMessages = IngestMessages {
    file_not_found: "file not found",
};
