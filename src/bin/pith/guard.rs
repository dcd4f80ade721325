//! Panic containment: a page that makes the library panic is reported as one error line, and
//! a batch or benchmark run carries on with the next page. No backtrace is ever printed.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    /// Whether a panic on this thread will be caught and reported by [`catch`].
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Replaces the default panic message (and its backtrace hint) with one `pith:` line for
/// panics nobody catches; panics inside [`catch`] stay silent, their caller reports them.
pub fn install_hook() {
    panic::set_hook(Box::new(|info| {
        if !GUARDED.with(Cell::get) {
            let place = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            crate::error::report(format!(
                "internal error: {}{place}",
                payload_message(info.payload())
            ));
        }
    }));
}

/// Runs `f`, turning a panic into `Err(message)`.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let was_guarded = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was_guarded));
    result.map_err(|payload| format!("internal error: {}", payload_message(&*payload)))
}

fn payload_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_message() {
        install_hook();
        let got = catch(|| -> u32 { panic!("boom on page 7") });
        assert_eq!(got, Err("internal error: boom on page 7".to_string()));
        assert_eq!(catch(|| 5), Ok(5));
    }
}
