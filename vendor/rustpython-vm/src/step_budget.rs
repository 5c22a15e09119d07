//! A deterministic step budget and a stop flag, checked by the frame loop at safe points.
//!
//! (arc-solver patch; see `vendor/README.md` in the arc-solver repository.)
//!
//! Each thread has a step counter, a limit, and a stop flag that any thread may set (a watchdog
//! sets it at a wall-time deadline). The frame loop charges one step at every *safe point*: the
//! instruction after a `RESUME` (a function starts or a generator resumes) and the target of every
//! backward jump (a loop iteration, `JUMP_BACKWARD_NO_INTERRUPT` included). Native code may charge
//! more with [`charge`]. Once the budget is spent or the flag is set, the program is *stopped*:
//! every safe point raises `KeyboardInterrupt`, and while stopped an exception unwinds frames
//! without entering any `except`/`finally`/`with` handler, so a program cannot swallow its stop,
//! and no handler's set-up can be caught half done.
//!
//! The count depends only on the code that runs, so the same program on the same inputs uses the
//! same steps on every machine.

use crate::{VirtualMachine, builtins::PyBaseExceptionRef};
use alloc::sync::Arc;
use core::cell::Cell;
use core::sync::atomic::{AtomicBool, Ordering};

/// A limit that is never reached.
pub const UNLIMITED: u64 = u64::MAX;

struct Budget {
    used: Cell<u64>,
    limit: Cell<u64>,
    stop: Arc<AtomicBool>,
}

std::thread_local! {
    static BUDGET: Budget = Budget {
        used: Cell::new(0),
        limit: Cell::new(UNLIMITED),
        stop: Arc::new(AtomicBool::new(false)),
    };
}

/// Starts a new budget of `limit` steps on this thread (the stop flag is left as it is).
pub fn start(limit: u64) {
    BUDGET.with(|b| {
        b.used.set(0);
        b.limit.set(limit);
    });
}

/// Steps used on this thread since the last [`start`].
pub fn used() -> u64 {
    BUDGET.with(|b| b.used.get())
}

/// Charges `steps` to this thread's budget; returns whether the program is now stopped.
pub fn charge(steps: u64) -> bool {
    BUDGET.with(|b| {
        let used = b.used.get().saturating_add(steps);
        b.used.set(used);
        used > b.limit.get() || b.stop.load(Ordering::Relaxed)
    })
}

/// Whether this thread's budget is spent.
pub fn exhausted() -> bool {
    BUDGET.with(|b| b.used.get() > b.limit.get())
}

/// This thread's stop flag. Setting it (from any thread) stops the program running on this
/// thread at its next safe point; clearing it is the owner's job before the next program.
pub fn stop_flag() -> Arc<AtomicBool> {
    BUDGET.with(|b| Arc::clone(&b.stop))
}

/// Whether the program on this thread is stopped: its budget is spent or its stop flag is set.
pub fn stopped() -> bool {
    BUDGET.with(|b| b.used.get() > b.limit.get() || b.stop.load(Ordering::Relaxed))
}

/// Whether safe points count steps (process-wide; see [`set_counting`]).
static COUNTING: AtomicBool = AtomicBool::new(true);

/// Switches step counting at safe points off (`false`) or on for the whole process. Off, safe
/// points count nothing, so no budget runs out, but they still honour the stop flag (the wall-time
/// deadline). This exists so a benchmark can measure what the budget costs, and for nothing else.
pub fn set_counting(on: bool) {
    COUNTING.store(on, Ordering::Relaxed);
}

/// One safe point: charges a step and says whether the program must stop here.
#[inline(always)]
pub(crate) fn safe_point() -> bool {
    if !COUNTING.load(Ordering::Relaxed) {
        return BUDGET.with(|b| b.stop.load(Ordering::Relaxed));
    }
    BUDGET.with(|b| {
        let used = b.used.get() + 1;
        b.used.set(used);
        used > b.limit.get() || b.stop.load(Ordering::Relaxed)
    })
}

/// The exception a stopped program raises at its safe points.
#[cold]
pub(crate) fn stop_exception(vm: &VirtualMachine) -> PyBaseExceptionRef {
    let why = if exhausted() {
        "program exceeded its step budget"
    } else {
        "program exceeded its time limit"
    };
    vm.new_exception_msg(vm.ctx.exceptions.keyboard_interrupt.to_owned(), why.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_until_the_limit_and_the_flag() {
        start(3);
        assert!(!safe_point());
        assert!(!charge(2));
        assert_eq!(used(), 3);
        assert!(!stopped());
        assert!(safe_point());
        assert!(exhausted() && stopped());
        start(UNLIMITED);
        assert!(!stopped());
        let flag = stop_flag();
        flag.store(true, Ordering::Relaxed);
        assert!(stopped() && !exhausted());
        flag.store(false, Ordering::Relaxed);
        assert!(!stopped());
    }
}
