//! Wall-time limits for programs running in embedded interpreters.
//!
//! RustPython checks a process-wide "signal pending" flag between bytecode instructions and then drains
//! the interpreter's own user-signal channel. The watchdog thread sends an interrupt into the channel of
//! every worker whose program is past its deadline, and keeps re-sending while the program runs: another
//! interpreter may clear the shared flag first, and a program may swallow one interrupt with a bare
//! `except:`. Each interrupt carries the program's generation number, so a stale one is a no-op.

use rustpython_vm::signal::{UserSignal, UserSignalSender};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often the watchdog looks at the deadlines.
const TICK: Duration = Duration::from_millis(2);

/// The per-worker meeting point of a worker and the watchdog.
#[derive(Default)]
pub struct InterruptSlot {
    sender: Mutex<Option<UserSignalSender>>,
    armed: Mutex<Option<(Instant, u64)>>,
    generation: AtomicU64,
    expired: AtomicBool,
    /// Whether an interrupt was sent to the current (or last) program; survives the guard.
    interrupted: AtomicBool,
}

impl InterruptSlot {
    /// Installs the interpreter's signal channel.
    pub fn set_sender(&self, sender: UserSignalSender) {
        *lock(&self.sender) = Some(sender);
    }

    /// Starts a program that must stop at `deadline`; the returned guard disarms on drop.
    pub fn arm(&self, deadline: Instant) -> ArmedGuard<'_> {
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.expired.store(false, Ordering::SeqCst);
        self.interrupted.store(false, Ordering::SeqCst);
        *lock(&self.armed) = Some((deadline, generation));
        ArmedGuard {
            slot: self,
            deadline,
        }
    }

    /// Ends the running program now, exactly as if its deadline had passed (used when its step
    /// budget runs out). The interrupt is raised by the interpreter between two instructions,
    /// the one place where RustPython unwinds a frame safely.
    pub fn expire_now(self: &Arc<Self>) {
        let Some((_, generation)) = *lock(&self.armed) else {
            return;
        };
        if !self.expired.swap(true, Ordering::SeqCst) {
            self.send_interrupt(generation);
        }
    }

    /// Called by the watchdog: interrupts the program if it is past its deadline.
    fn poke(self: &Arc<Self>, now: Instant) {
        let Some((at, generation)) = *lock(&self.armed) else {
            return;
        };
        if now < at {
            return;
        }
        self.expired.store(true, Ordering::SeqCst);
        self.send_interrupt(generation);
    }

    /// Queues an interrupt for program `generation`. When it fires it queues the next one, so the
    /// program is interrupted again at its next instruction: an `except:` handler gets no time to
    /// resume the loop it protects.
    fn send_interrupt(self: &Arc<Self>, generation: u64) {
        self.interrupted.store(true, Ordering::SeqCst);
        let slot = Arc::clone(self);
        let interrupt: UserSignal = Box::new(move |vm| {
            let current = slot.generation.load(Ordering::SeqCst) == generation;
            if !(current && slot.expired.load(Ordering::SeqCst)) {
                return Ok(());
            }
            slot.send_interrupt(generation);
            Err(vm.new_exception_msg(
                vm.ctx.exceptions.keyboard_interrupt.to_owned(),
                "program exceeded its time limit".into(),
            ))
        });
        if let Some(sender) = lock(&self.sender).as_ref() {
            let _ = sender.send(interrupt);
        }
    }
}

impl InterruptSlot {
    /// Whether the last program armed on this slot was sent an interrupt (its deadline or step
    /// budget ran out). RustPython 0.5 can trip an internal assertion when an interrupt lands
    /// inside an exception handler's set-up; the executor then reports a time-out, which is what
    /// the program was being stopped for.
    pub fn was_interrupted(&self) -> bool {
        self.interrupted.load(Ordering::SeqCst)
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
        self.slot.expired.load(Ordering::SeqCst) || Instant::now() >= self.deadline
    }
}

impl Drop for ArmedGuard<'_> {
    fn drop(&mut self) {
        *lock(&self.slot.armed) = None;
        self.slot.expired.store(false, Ordering::SeqCst);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding these locks cannot leave the data inconsistent (plain replacements).
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
