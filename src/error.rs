//! The crate's one error type.

use core::fmt;
use std::path::{Path, PathBuf};

/// An error from building an [`Extractor`](crate::Extractor) (a malformed gazetteer or
/// lexicon file) or from parsing input metadata (an invalid publication date).
///
/// Extraction itself never fails. The message says what is wrong and where, so that it
/// can be shown to users as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum ErrorKind {
    InvalidDate { text: String },
    Io { path: PathBuf, message: String },
    Parse { source: String, line: usize, message: String },
}

impl Error {
    pub(crate) fn invalid_date(text: &str) -> Error {
        Error { kind: ErrorKind::InvalidDate { text: text.to_string() } }
    }

    pub(crate) fn io(path: &Path, err: &std::io::Error) -> Error {
        Error { kind: ErrorKind::Io { path: path.to_path_buf(), message: err.to_string() } }
    }

    /// A malformed line in a data file; `source` names the file, `line` is 1-based.
    pub(crate) fn parse(source: &str, line: usize, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Parse { source: source.to_string(), line, message: message.into() },
        }
    }

    /// The 1-based line of the data file at fault, when the error is about a file's content.
    pub fn line(&self) -> Option<usize> {
        match self.kind {
            ErrorKind::Parse { line, .. } => Some(line),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::InvalidDate { text } => write!(
                f,
                "invalid publication date {text:?}: expected a calendar date such as 2025-03-19, 2025-03-19T08:00:00Z, 20250319 or Wed, 19 Mar 2025 08:00:00 GMT"
            ),
            ErrorKind::Io { path, message } => {
                write!(f, "cannot read {}: {message}", path.display())
            }
            ErrorKind::Parse { source, line, message } => {
                write!(f, "{source}, line {line}: {message}")
            }
        }
    }
}

impl std::error::Error for Error {}
