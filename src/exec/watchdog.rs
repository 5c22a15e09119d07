//! Wall-time limits for programs running in embedded interpreters.
//!
//! Every worker thread has a stop flag in the patched interpreter (`budget::stop_flag`), which its
//! frame loop reads at each safe point (a function start or a loop iteration), the same points
//! where the step budget is charged. The watchdog thread sets the flag of every worker whose
//! program is past its deadline; the program then stops at its next safe point and enters no more
//! exception handlers, so neither a bare `except:` nor a `finally` can keep it running. Code stuck
//! in one native call reaches no safe point: worker processes (`process.rs`) end those by a kill.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often the watchdog looks at the deadlines.
const TICK: Duration = Duration::from_millis(2);

/// The per-worker meeting point of a worker and the watchdog.
#[derive(Default)]
pub struct InterruptSlot {
    /// The worker's stop flag and the deadline of its running program. One lock, so the watchdog
    /// never sets the flag for a program that has already ended.
    state: Mutex<SlotState>,
}

#[derive(Default)]
struct SlotState {
    stop: Option<Arc<AtomicBool>>,
    deadline: Option<Instant>,
}

impl InterruptSlot {
    /// Installs the stop flag of the worker's interpreter thread (`budget::stop_flag()` called on
    /// that thread).
    pub fn set_stop_flag(&self, flag: Arc<AtomicBool>) {
        lock(&self.state).stop = Some(flag);
    }

    /// Starts a program that must stop at `deadline`; the returned guard disarms on drop.
    pub fn arm(&self, deadline: Instant) -> ArmedGuard<'_> {
        let mut state = lock(&self.state);
        state.set_stopped(false);
        state.deadline = Some(deadline);
        ArmedGuard {
            slot: self,
            deadline,
        }
    }

    /// Called by the watchdog: stops the program if it is past its deadline.
    fn poke(&self, now: Instant) {
        let state = lock(&self.state);
        if state.deadline.is_some_and(|at| now >= at) {
            state.set_stopped(true);
        }
    }

    fn stopped(&self) -> bool {
        let state = lock(&self.state);
        state
            .stop
            .as_ref()
            .is_some_and(|f| f.load(Ordering::SeqCst))
    }
}

impl SlotState {
    fn set_stopped(&self, stopped: bool) {
        if let Some(flag) = &self.stop {
            flag.store(stopped, Ordering::SeqCst);
        }
    }
}

/// A running program's hold on its slot.
pub struct ArmedGuard<'a> {
    slot: &'a InterruptSlot,
    deadline: Instant,
}

impl ArmedGuard<'_> {
    /// Whether the program has run past its deadline.
    pub fn expired(&self) -> bool {
        Instant::now() >= self.deadline || self.slot.stopped()
    }
}

impl Drop for ArmedGuard<'_> {
    fn drop(&mut self) {
        let mut state = lock(&self.slot.state);
        state.deadline = None;
        state.set_stopped(false);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding this lock cannot leave the data inconsistent (plain replacements).
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The watchdog thread; stops when dropped.
pub struct Watchdog {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Watchdog {
    /// Starts watching `slots`.
    pub fn spawn(slots: Vec<Arc<InterruptSlot>>) -> std::io::Result<Watchdog> {
        let stop = Arc::new(AtomicBool::new(false));
        let stop_flag = Arc::clone(&stop);
        let handle = std::thread::Builder::new()
            .name("exec-watchdog".into())
            .spawn(move || {
                while !stop_flag.load(Ordering::Relaxed) {
                    let now = Instant::now();
                    for slot in &slots {
                        slot.poke(now);
                    }
                    std::thread::sleep(TICK);
                }
            })?;
        Ok(Watchdog {
            stop,
            handle: Some(handle),
        })
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_is_set_only_while_a_program_is_past_its_deadline() {
        let slot = InterruptSlot::default();
        let flag = Arc::new(AtomicBool::new(false));
        slot.set_stop_flag(Arc::clone(&flag));
        let start = Instant::now();
        {
            let guard = slot.arm(start + Duration::from_secs(60));
            slot.poke(start);
            assert!(!flag.load(Ordering::SeqCst) && !guard.expired());
            slot.poke(start + Duration::from_secs(61));
            assert!(flag.load(Ordering::SeqCst) && guard.expired());
        }
        assert!(!flag.load(Ordering::SeqCst), "disarming clears the flag");
        slot.poke(start + Duration::from_secs(3600));
        assert!(!flag.load(Ordering::SeqCst), "no program, no stop");
        let _guard = slot.arm(start + Duration::from_secs(60));
        assert!(!flag.load(Ordering::SeqCst));
    }
}
