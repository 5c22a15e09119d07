//! The deterministic step budget of the program running on this thread.
//!
//! The counter lives in the patched interpreter (`vendor/rustpython-vm`, module `step_budget`),
//! whose frame loop charges one step at every safe point: each Python function start or generator
//! resume, and each backward jump (every loop iteration jumps back, so any non-terminating Python
//! code is charged without bound). Native numpy work is charged here, per element it touches. The
//! same program on the same inputs uses the same number of steps on any machine, so its verdict
//! does not depend on load, unlike the wall-time backstop.
//!
//! When the budget is spent the interpreter stops the program at its next safe point, and from
//! then on the program enters no `except`/`finally` handler, so it cannot swallow its stop.

use rustpython_vm::step_budget;

pub use rustpython_vm::step_budget::{exhausted, set_counting, stop_flag, used, UNLIMITED};

/// Elements of native array work that cost one step: a step is roughly one Python loop iteration,
/// which costs about as much as processing this many elements natively.
pub const ELEMENTS_PER_STEP: u64 = 64;

/// Starts a new budget of `limit` steps for the program about to run on this thread.
pub fn reset(limit: u64) {
    step_budget::start(limit);
}

/// Charges `steps` and says whether the program must now stop (budget spent or deadline passed).
pub fn charge(steps: u64) -> bool {
    step_budget::charge(steps)
}

/// Charges native work over `elements` array elements (rounded up to whole steps).
pub fn charge_elements(elements: usize) -> bool {
    charge((elements as u64).div_ceil(ELEMENTS_PER_STEP))
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
        reset(UNLIMITED);
    }
}
