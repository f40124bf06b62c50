//! The library's one error type.
//!
//! Every variant names the input it is about, so the binary can print a single line that a user can act
//! on without a backtrace. A finding is never an error: errors are only for input clausediff cannot read.

use std::path::PathBuf;

/// Why clausediff could not read or process an input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file does not exist.
    #[error("{path}: no such file")]
    NotFound {
        /// The path as the user gave it.
        path: String,
    },
    /// The path names a directory where a file was expected.
    #[error("{path}: is a directory, not a file")]
    IsDirectory {
        /// The path as the user gave it.
        path: String,
    },
    /// One side of a comparison is a folder and the other is not.
    #[error("{folder} is a folder and {other} is not: compare two folders or two files")]
    FolderAndFile {
        /// The side that is a folder.
        folder: String,
        /// The side that is a file (or `-`, standard input).
        other: String,
    },
    /// Reading failed for another reason (permissions, I/O).
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The path as the user gave it, or `-` for standard input.
        path: String,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The bytes are not UTF-8.
    #[error("{path}: invalid UTF-8 at byte {byte}")]
    InvalidUtf8 {
        /// The path as the user gave it.
        path: String,
        /// Offset of the first byte that is not valid UTF-8.
        byte: usize,
    },
    /// The bytes are not valid in the encoding the draft is in (UTF-16, or one it declares).
    #[error("{path}: not valid {encoding} at byte {byte} (the bytes there cannot be decoded)")]
    Undecodable {
        /// The path as the user gave it.
        path: String,
        /// The encoding's name (`UTF-16LE`, `windows-1252`).
        encoding: &'static str,
        /// Offset of the first byte that cannot be decoded.
        byte: usize,
    },
    /// A document in a structured format (HTML, Word, PDF, XML) that cannot be read as one: what is
    /// wrong, in a sentence (`no main text: the page holds only navigation, scripts or markup`).
    #[error("{path}: {message}")]
    Unreadable {
        /// The path as the user gave it.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The input holds NUL bytes, so it is not a text draft.
    #[error("{path}: binary file (NUL byte at offset {byte}), not a text draft")]
    Binary {
        /// The path as the user gave it.
        path: String,
        /// Offset of the first NUL byte.
        byte: usize,
    },
    /// The input is larger than the size limit, so it was refused before being read whole.
    #[error("{path}: larger than the input size limit of {} (--max-input-size)", size(*.limit))]
    TooLarge {
        /// The path as the user gave it, or `-` for standard input.
        path: String,
        /// The limit, in bytes.
        limit: u64,
    },
    /// A `REV:PATH` input could not be read through git.
    #[error("{spec}: {message}")]
    Git {
        /// The input as the user gave it.
        spec: String,
        /// What git said.
        message: String,
    },
    /// The configuration is inconsistent (an unknown rule id, a bad glob).
    #[error("{path}: {message}")]
    Config {
        /// The configuration file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The external diff driver was called with arguments git does not send.
    #[error("git-driver: {0}")]
    Driver(String),
    /// Flags that do not go together (`history --format sarif` without `--summary`).
    #[error("{0}")]
    Usage(String),
    /// Both drafts were asked for on standard input.
    #[error("-: standard input can be read only once; give at most one draft as `-`")]
    StdinTwice,
    /// A lexicon or watchlist file is malformed.
    #[error("{path}:{line}:{column}: {message}")]
    Data {
        /// The file, as the user named it (`<built-in>/…` for data compiled in).
        path: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A baseline file of a version this clausediff does not read.
    #[error(
        "{path}: baseline schema `{schema}` is not one this clausediff reads ({expected}); rewrite it with `clausediff diff OLD NEW --write-baseline {path}`"
    )]
    BaselineVersion {
        /// The baseline file, as the user named it.
        path: String,
        /// The schema it names.
        schema: String,
        /// The schemas this version reads.
        expected: String,
    },
    /// Writing the report failed.
    #[error("{path}: cannot write: {source}")]
    Write {
        /// Where the report was going.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
}

/// A number of bytes as a person writes it: `256M` when it is a whole number of MiB (or KiB, GiB,
/// TiB), else `1000 bytes`.
fn size(bytes: u64) -> String {
    for (shift, unit) in [(40, 'T'), (30, 'G'), (20, 'M'), (10, 'K')] {
        if bytes >= 1 << shift && bytes.is_multiple_of(1 << shift) {
            return format!("{}{unit}", bytes >> shift);
        }
    }
    format!("{bytes} bytes")
}

/// A `Result` whose error is clausediff's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
