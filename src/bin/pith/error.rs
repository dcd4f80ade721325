//! The command's errors: each becomes one `pith: ...` line on stderr and a non-zero exit.

use std::fmt;
use std::path::Path;
use std::process::ExitCode;

/// Exit status for a failed run (bad input, unreadable file, scores below their floors...).
pub const EXIT_FAILURE: u8 = 1;
/// Exit status for a command line that could not be understood.
pub const EXIT_USAGE: u8 = 2;

/// Why the command failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CliError {
    /// The command line is wrong (unknown flag, missing value...).
    Usage(String),
    /// The command was understood but could not be carried out.
    Failed(String),
}

impl CliError {
    /// A failure about one file: `path: why`.
    pub fn at(path: &Path, why: impl fmt::Display) -> Self {
        CliError::Failed(format!("{}: {why}", path.display()))
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(match self {
            CliError::Usage(_) => EXIT_USAGE,
            CliError::Failed(_) => EXIT_FAILURE,
        })
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(why) => write!(f, "{why} (see `pith --help`)"),
            CliError::Failed(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for CliError {}

/// Shorthand for the command's results.
pub type Result<T> = std::result::Result<T, CliError>;

/// Prints one error line on stderr, the way every error of the command is reported.
pub fn report(message: impl fmt::Display) {
    eprintln!("pith: {message}");
}
