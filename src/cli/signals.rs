//! SIGINT/SIGTERM: the first one asks the run to stop after the write in progress (the handler
//! only records it; a watcher thread cancels the run); the handler then resets itself, so a
//! second signal ends the process at once. The submission on disk is valid either way: it is
//! only ever replaced atomically.

use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

/// The signal received (0: none).
static RECEIVED: AtomicI32 = AtomicI32::new(0);

extern "C" fn record_signal(signal: libc::c_int) {
    // Only an atomic store: async-signal-safe.
    RECEIVED.store(signal, Ordering::SeqCst);
}

/// Installs the handlers (once per process).
pub fn install() {
    for signal in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: a zeroed sigaction with a handler that only stores an atomic is a valid
        // argument; SA_RESETHAND restores the default action after the first delivery.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = record_signal as *const () as usize;
            action.sa_flags = libc::SA_RESETHAND;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}

/// The signal received so far, if any.
pub fn received() -> Option<i32> {
    match RECEIVED.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// Runs `action` once a signal arrives (checked every 50 ms by a detached thread).
pub fn on_signal(action: impl FnOnce() + Send + 'static) {
    let _ = std::thread::Builder::new()
        .name("signal-watch".into())
        .spawn(move || loop {
            if received().is_some() {
                action();
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        });
}
