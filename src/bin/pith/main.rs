//! `pith`, the command-line tool: `pith extract` annotates pages, `pith bench` scores and
//! times the extraction on benchmark datasets. See `pith --help`.

mod args;
mod bench;
mod dataset;
mod error;
mod extract;
mod floors;
mod guard;
mod input;
mod meta_score;
mod render;
mod report;
mod score;
mod stats;

use args::{Command, HelpTopic};
use error::{CliError, Result};
use std::process::ExitCode;

// The tool allocates through mimalloc: ~6% less time per page than glibc malloc (Cargo.toml).
// The library leaves the allocator to its caller; the wasm build uses Rust's own.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    guard::install_hook();
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            error::report(&e);
            e.exit_code()
        }
    }
}

fn run() -> Result<()> {
    let command = args::parse(command_line()?)?;
    match command {
        Command::Help(topic) => {
            print!("{}", help_text(topic));
            Ok(())
        }
        Command::Version => {
            println!("pith {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Command::Extract(a) => extract::run(&a),
        Command::Bench(a) => bench::run(&a),
    }
}

/// The arguments after the program name; each must be valid UTF-8.
fn command_line() -> Result<Vec<String>> {
    std::env::args_os()
        .skip(1)
        .map(|a| {
            a.into_string()
                .map_err(|bad| CliError::Usage(format!("argument {bad:?} is not valid UTF-8")))
        })
        .collect()
}

fn help_text(topic: HelpTopic) -> &'static str {
    match topic {
        HelpTopic::General => args::HELP,
        HelpTopic::Extract => args::EXTRACT_HELP,
        HelpTopic::Bench => args::BENCH_HELP,
    }
}
