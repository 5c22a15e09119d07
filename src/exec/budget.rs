//! The deterministic step budget of the program running on this thread.
//!
//! Python code is charged one step per function start and per jump (every loop iteration jumps,
//! so any non-terminating Python code is charged without bound); native numpy work is charged per
//! element it touches. The same program on the same inputs uses the same number of steps on any
//! machine, so its verdict does not depend on load, unlike the wall-time backstop.

use std::cell::Cell;

thread_local! {
    static USED: Cell<u64> = const { Cell::new(0) };
    static LIMIT: Cell<u64> = const { Cell::new(u64::MAX) };
}

/// Elements of native array work that cost one step: a step is roughly one Python loop iteration,
/// which costs about as much as processing this many elements natively.
pub const ELEMENTS_PER_STEP: u64 = 64;

/// Starts a new budget of `limit` steps for the program about to run on this thread.
pub fn reset(limit: u64) {
    USED.with(|u| u.set(0));
    LIMIT.with(|l| l.set(limit));
}

/// Steps used since the last [`reset`].
pub fn used() -> u64 {
    USED.with(|u| u.get())
}

/// Charges `steps` and says whether the budget is now exhausted.
pub fn charge(steps: u64) -> bool {
    let used = USED.with(|u| {
        let v = u.get().saturating_add(steps);
        u.set(v);
        v
    });
    used > LIMIT.with(|l| l.get())
}

/// Charges native work over `elements` array elements (rounded up to whole steps).
pub fn charge_elements(elements: usize) -> bool {
    charge((elements as u64).div_ceil(ELEMENTS_PER_STEP))
}

/// Whether the budget is exhausted.
pub fn exhausted() -> bool {
    used() > LIMIT.with(|l| l.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charges_accumulate_until_the_limit() {
        reset(10);
        assert!(!charge(4));
        assert!(!charge_elements(ELEMENTS_PER_STEP as usize * 6));
        assert_eq!(used(), 10);
        assert!(!exhausted());
        assert!(charge(1));
        assert!(exhausted());
        reset(10);
        assert_eq!(used(), 0);
    }
}
