//! The one error type of the library: what went wrong, and where (file, line, row, column),
//! so that every message names something a person can open and fix.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in the input an error was found. Every part is optional because not every error has
/// every part: a definition has lines, an export has data rows and columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    pub file: Option<PathBuf>,
    /// 1-based line of a text file (used for questionnaire definitions).
    pub line: Option<usize>,
    /// 1-based data row of an export (the header is not a data row).
    pub row: Option<u64>,
    /// The column's header as written in the export, or its 1-based number when it has none.
    pub column: Option<String>,
}

/// What kind of failure, which decides the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input (export, definition, review log) is malformed or does not fit.
    Input,
    /// The command line asks for something impossible.
    Usage,
    /// Reading or writing failed at the operating-system level.
    Io,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub at: Location,
    pub message: String,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn input(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Input,
            at: Location::default(),
            message: message.into(),
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Usage,
            ..Error::input(message)
        }
    }

    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        Error {
            kind: ErrorKind::Io,
            at: Location {
                file: Some(path.to_path_buf()),
                ..Location::default()
            },
            message: err.to_string(),
        }
    }

    pub fn in_file(mut self, path: &Path) -> Self {
        self.at.file = Some(path.to_path_buf());
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.at.line = Some(line);
        self
    }

    pub fn at_row(mut self, row: u64) -> Self {
        self.at.row = Some(row);
        self
    }

    pub fn at_column(mut self, column: impl Into<String>) -> Self {
        self.at.column = Some(column.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(file) = &self.at.file {
            parts.push(file.display().to_string());
        }
        if let Some(line) = self.at.line {
            parts.push(format!("line {line}"));
        }
        if let Some(row) = self.at.row {
            parts.push(format!("row {row}"));
        }
        if let Some(column) = &self.at.column {
            parts.push(format!("column {column}"));
        }
        if parts.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", parts.join(", "), self.message)
        }
    }
}

impl std::error::Error for Error {}
