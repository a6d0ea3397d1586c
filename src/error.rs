//! The one error type of the library: what went wrong, and where (file, line, row, column),
//! so that every message names something a person can open and fix. The message is kept as a
//! template of the string table and rendered in the reader's language when shown.

use crate::i18n::{Lang, Message, fill};
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

/// What kind of failure. Every kind ends the command with exit status 2 ([`ErrorKind::exit_status`]);
/// the kind says whose fault it is, for a caller that wants to tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input (export, definition, review log) is malformed or does not fit.
    Input,
    /// The command line asks for something impossible.
    Usage,
    /// Reading or writing failed at the operating-system level.
    Io,
}

impl ErrorKind {
    /// The exit status of a command that fails this way: 2 for every kind, as documented in the
    /// README (0 success, 1 `check` found something, 2 an error).
    pub fn exit_status(self) -> u8 {
        match self {
            ErrorKind::Input | ErrorKind::Usage | ErrorKind::Io => 2,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub at: Location,
    pub message: Message,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn input(message: impl Into<Message>) -> Self {
        Error {
            kind: ErrorKind::Input,
            at: Location::default(),
            message: message.into(),
        }
    }

    pub fn usage(message: impl Into<Message>) -> Self {
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
            // The two a person meets most, in their language; the system's words otherwise.
            message: match err.kind() {
                std::io::ErrorKind::NotFound => crate::msg!(io_not_found),
                std::io::ErrorKind::PermissionDenied => crate::msg!(io_denied),
                _ => crate::msg!(io_failed, err),
            },
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

    /// The message in `lang`, after where it happened: `e.csv, row 15, column 3: …`.
    pub fn render(&self, lang: Lang) -> String {
        let e = &lang.strings().errors;
        let mut parts: Vec<String> = Vec::new();
        if let Some(file) = &self.at.file {
            parts.push(fill(e.at_file, &[&file.display().to_string()]));
        }
        if let Some(line) = self.at.line {
            parts.push(fill(e.at_line, &[&line.to_string()]));
        }
        if let Some(row) = self.at.row {
            parts.push(fill(e.at_row, &[&row.to_string()]));
        }
        if let Some(column) = &self.at.column {
            parts.push(fill(e.at_column, &[column]));
        }
        let message = self.message.render(lang);
        if parts.is_empty() {
            message
        } else {
            fill(e.located, &[&parts.join(e.location_separator), &message])
        }
    }
}

/// In the language the environment asks for; front ends that know the user's choice call
/// [`Error::render`].
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::from_env()))
    }
}

impl std::error::Error for Error {}
