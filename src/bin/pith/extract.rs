//! `pith extract`: one page to stdout (or a file), or a whole folder in one process.

use crate::args::{ExtractArgs, Source, Target};
use crate::error::{report, CliError, Result};
use crate::guard;
use crate::input::{self, InputError};
use crate::render::Format;
use std::collections::HashMap;
use std::ffi::OsString;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Runs `pith extract`.
pub fn run(args: &ExtractArgs) -> Result<()> {
    match &args.target {
        Target::Single { source, out } => run_single(args, source, out.as_deref()),
        Target::Batch { dir, out } => run_batch(args, dir, out),
    }
}

fn run_single(args: &ExtractArgs, source: &Source, out: Option<&Path>) -> Result<()> {
    let (name, bytes) = match source {
        Source::Stdin => (Path::new("stdin"), input::read_stdin(args.max_bytes)),
        Source::File(path) => (path.as_path(), input::read_file(path, args.max_bytes)),
    };
    let bytes = bytes.map_err(|e| CliError::at(name, e))?;
    let rendered = annotate_and_render(&bytes, args, args.url.clone())
        .map_err(|why| CliError::at(name, why))?;
    match out {
        Some(path) => fs::write(path, rendered).map_err(|e| CliError::at(path, InputError::Io(e))),
        None => write_stdout(rendered.as_bytes()),
    }
}

/// Writes to stdout; a reader that went away (`pith ... | head`) is not an error.
fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(CliError::Failed(format!(
            "writing output: {}",
            InputError::Io(e)
        ))),
        _ => Ok(()),
    }
}

/// Annotates one page's bytes and renders it; a library panic becomes an error message.
fn annotate_and_render(
    bytes: &[u8],
    args: &ExtractArgs,
    url: Option<String>,
) -> std::result::Result<String, String> {
    let options = pith::Options {
        input: args.input,
        url,
        max_bytes: args.max_bytes,
        block_html: args.block_html.unwrap_or(args.format.block_html()),
    };
    let format = args.format;
    guard::catch(|| {
        pith::annotate_bytes(bytes, &options)
            .map(|annotation| format.render(&annotation))
            .map_err(|e| library_error_message(&e))
    })?
}

/// The library's errors in the command's words (`--max-bytes`, not `max_bytes`).
pub fn library_error_message(e: &pith::Error) -> String {
    match e {
        pith::Error::TooLarge { size, limit } => InputError::TooLarge {
            size: Some(*size as u64),
            limit: *limit,
            decompressed: false,
        }
        .to_string(),
        other => other.to_string(),
    }
}

fn run_batch(args: &ExtractArgs, dir: &Path, out: &Path) -> Result<()> {
    let files = list_files(dir)?;
    fs::create_dir_all(out).map_err(|e| CliError::at(out, InputError::Io(e)))?;
    if same_dir(dir, out) {
        return Err(CliError::Usage(
            "--out must be a different folder from --batch (outputs could overwrite inputs)"
                .to_string(),
        ));
    }
    let mut written: HashMap<OsString, PathBuf> = HashMap::new();
    let mut failed = 0;
    for file in &files {
        let name = output_name(file, args.format);
        if let Some(first) = written.get(&name) {
            report(format!(
                "{}: skipped, {} already written from {} (same stem)",
                file.display(),
                out.join(&name).display(),
                first.display()
            ));
            failed += 1;
            continue;
        }
        match batch_one(args, file, &out.join(&name)) {
            Ok(()) => {
                written.insert(name, file.clone());
            }
            Err(e) => {
                report(e);
                failed += 1;
            }
        }
    }
    if failed > 0 {
        return Err(CliError::Failed(format!(
            "{failed} of {} files in {} failed",
            files.len(),
            dir.display()
        )));
    }
    Ok(())
}

fn batch_one(args: &ExtractArgs, file: &Path, dest: &Path) -> Result<()> {
    let bytes = input::read_file(file, args.max_bytes).map_err(|e| CliError::at(file, e))?;
    let rendered =
        annotate_and_render(&bytes, args, None).map_err(|why| CliError::at(file, why))?;
    fs::write(dest, rendered).map_err(|e| CliError::at(dest, InputError::Io(e)))
}

/// The regular files of `dir`, not recursive, dotfiles skipped, sorted by name.
fn list_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = fs::read_dir(dir).map_err(|e| CliError::at(dir, InputError::Io(e)))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| CliError::at(dir, InputError::Io(e)))?
            .path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if !hidden && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The output file name for an input: its stem (without `.gz` and one more extension) plus
/// the format's extension. `a.html.gz` → `a.json`, `notes.txt` → `notes.json`, `page` → `page.json`.
pub fn output_name(input: &Path, format: Format) -> OsString {
    let mut base = PathBuf::from(input.file_name().unwrap_or_default());
    if base
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        base = PathBuf::from(base.file_stem().unwrap_or_default());
    }
    let mut name = base.file_stem().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(format.extension());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_keep_the_stem() {
        let name = |p: &str, f| output_name(Path::new(p), f).into_string().unwrap();
        assert_eq!(name("in/a.html.gz", Format::Json), "a.json");
        assert_eq!(name("in/a.HTML.GZ", Format::Text), "a.txt");
        assert_eq!(name("notes.txt", Format::Markdown), "notes.md");
        assert_eq!(name("page", Format::Html), "page.html");
        assert_eq!(name("page.gz", Format::Json), "page.json");
        assert_eq!(name("v1.2.html", Format::Json), "v1.2.json");
    }
}
