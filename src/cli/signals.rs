//! How the process ends when it is told to, or when nobody reads its output any more.
//!
//! Rust ignores SIGPIPE, so a closed stdout (`clausediff diff a b | head -1`) shows up as a write
//! error. Like git and other Unix tools, clausediff then ends as SIGPIPE would have ended it: killed by
//! the signal, which a shell reports as status 141. On SIGINT, SIGTERM or SIGHUP while a report is
//! being written through a temporary file, the temporary file is removed first, then the process ends
//! as the signal would have ended it (shell status 130, 143, 129).
//!
//! The temporary files are kept in a process-wide list because a signal can arrive on any thread at
//! any point; the handler is installed the first time a temporary file is registered, so a run that
//! writes none keeps the default dispositions.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Mutex, MutexGuard, Once, PoisonError};

/// The exit status a shell shows for a process killed by SIGPIPE (128 + 13), used where the signal
/// cannot be raised.
pub const BROKEN_PIPE_STATUS: u8 = 141;

/// Temporary files to remove if the process is told to stop.
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs the signal handler once.
static HANDLER: Once = Once::new();

/// A temporary file in the list, taken off it when dropped (after the file was renamed or removed).
#[derive(Debug)]
pub struct Registered(PathBuf);

impl Drop for Registered {
    fn drop(&mut self) {
        unregister(&self.0);
    }
}

/// Adds a temporary file to the list before it is created, so no signal can leave it behind.
pub fn register(path: &Path) -> Registered {
    HANDLER.call_once(install);
    temporary().push(path.to_path_buf());
    Registered(path.to_path_buf())
}

/// Takes a path off the list.
fn unregister(path: &Path) {
    let mut list = temporary();
    if let Some(index) = list.iter().position(|p| p == path) {
        list.swap_remove(index);
    }
}

/// Removes every temporary file in the list; returns how many were removed.
pub fn remove_temporary_files() -> usize {
    temporary()
        .drain(..)
        .filter(|path| std::fs::remove_file(path).is_ok())
        .count()
}

/// The list, even if a thread panicked while holding it: the paths are still right.
fn temporary() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPORARY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Starts a thread that waits for SIGINT, SIGTERM or SIGHUP, removes the temporary files, and ends
/// the process as the signal would have. Returns once the handler is in place, so the temporary file
/// registered next is covered.
#[cfg(unix)]
fn install() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let (ready, installed) = std::sync::mpsc::channel();
    // The signals are caught on the thread that acts on them: if no thread can be started, they
    // keep their default action, which is still right for a run, only without the cleanup.
    let spawned = std::thread::Builder::new()
        .name("signals".to_string())
        .spawn(move || {
            let signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]);
            let _ = ready.send(());
            if let Some(signal) = signals.ok().and_then(|mut s| s.forever().next()) {
                remove_temporary_files();
                end_as_killed_by(signal);
            }
        });
    if spawned.is_ok() {
        let _ = installed.recv();
    }
}

#[cfg(not(unix))]
fn install() {}

/// Ends the process as the default action of `signal` would (restoring it and raising it again), so
/// the parent sees a process killed by the signal; exits with the shell's 128 + signal if it is
/// still alive.
#[cfg(unix)]
fn end_as_killed_by(signal: i32) -> ! {
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    // The one exit outside `main`: the signal thread has no caller to return a status to.
    std::process::exit(128 + signal)
}

/// What `main` returns when stdout was closed by its reader: the process is killed by SIGPIPE, as
/// git would be; where that cannot happen, the status a shell shows for it.
pub fn broken_pipe() -> ExitCode {
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGPIPE);
    }
    ExitCode::from(BROKEN_PIPE_STATUS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_files_are_removed_and_unregistered_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (kept, dropped) = (dir.path().join("kept"), dir.path().join("dropped"));
        let guard = register(&kept);
        std::fs::write(&kept, "partial").unwrap();
        {
            let _done = register(&dropped);
            std::fs::write(&dropped, "renamed away").unwrap();
        }
        remove_temporary_files();
        assert!(!kept.exists(), "a registered temporary file is removed");
        assert!(dropped.exists(), "a file taken off the list is left alone");
        drop(guard);
    }
}
