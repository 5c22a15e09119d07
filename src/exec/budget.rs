//! The deterministic step budget of the program running on this thread.
//!
//! Python code is charged one step per function start and per backward jump (every loop iteration
//! jumps back, so any non-terminating Python code is charged without bound; a forward jump is
//! charged only the first time it fires); native numpy work is charged per element it touches. The same program on the same inputs uses the same number of steps on any
//! machine, so its verdict does not depend on load, unlike the wall-time backstop.

use super::watchdog::InterruptSlot;
use rustpython_vm::builtins::{PyCode, PyTuple};
use rustpython_vm::bytecode::Instruction;
use rustpython_vm::compiler::Mode;
use rustpython_vm::function::FuncArgs;
use rustpython_vm::{AsObject, PyObjectRef, PyRef, PyResult, VirtualMachine};
use std::cell::Cell;
use std::sync::Arc;

thread_local! {
    static USED: Cell<u64> = const { Cell::new(0) };
    static LIMIT: Cell<u64> = const { Cell::new(u64::MAX) };
}

/// Elements of native array work that cost one step: a step is roughly one Python loop iteration,
/// which costs about as much as processing this many elements natively.
pub const ELEMENTS_PER_STEP: u64 = 64;

/// A budget that is never exhausted; the interpreter then reports no events at all.
pub const UNLIMITED: u64 = u64::MAX;

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

/// Connects the budget to an interpreter (see [`StepHook::install`]).
pub struct StepHook {
    /// `sys.monitoring.set_local_events`, kept here because programs must not reach it.
    set_local_events: PyObjectRef,
    /// `sys.monitoring.events.LINE`.
    line_event: PyObjectRef,
    /// `sys.monitoring.set_events`.
    set_events: PyObjectRef,
    /// `sys.monitoring.restart_events`: re-enables the jumps switched off during a program.
    restart_events: PyObjectRef,
    /// The global events the budget needs (`PY_START | JUMP`).
    counted_events: PyObjectRef,
    /// The monitoring tool id the hook uses.
    tool: PyObjectRef,
    /// Whether the global events are switched on (off for an unlimited budget, which then costs
    /// nothing).
    enabled: Cell<bool>,
}

impl StepHook {
    /// `sys.monitoring` calls back on every Python function start and every jump, charging one
    /// step each. Once the budget is spent the program is interrupted through `slot`, the same
    /// way as at its wall-time deadline: raising from the callback itself would unwind the frame
    /// at the jump's target, which RustPython 0.5 maps to the wrong exception handler. The
    /// interrupt re-arms itself, so a loop that swallows it stops at its next instruction.
    /// `sys.monitoring` is then removed from `sys` so programs cannot switch it off.
    pub fn install(vm: &VirtualMachine, slot: Arc<InterruptSlot>) -> PyResult<StepHook> {
        let disable = vm
            .sys_module
            .get_attr("monitoring", vm)?
            .get_attr("DISABLE", vm)?;
        let step = vm.new_function(
            "_arc_step",
            move |args: FuncArgs, vm: &VirtualMachine| -> PyObjectRef {
                if charge(1) {
                    slot.expire_now();
                }
                // A forward jump cannot repeat without a backward one or a call, which are
                // charged: switch it off after its first firing (cleared per program).
                if let [_, from, to] = args.args.as_slice() {
                    let offset = |o: &PyObjectRef| o.try_to_value::<u64>(vm).ok();
                    if let (Some(from), Some(to)) = (offset(from), offset(to)) {
                        if to > from {
                            return disable.clone();
                        }
                    }
                }
                vm.ctx.none()
            },
        );
        let scope = vm.new_scope_with_builtins();
        scope.globals.set_item("_arc_step", step.into(), vm)?;
        let code = vm
            .compile(HOOK_SETUP, Mode::Exec, "<step-budget>".to_owned())
            .map_err(|e| vm.new_runtime_error(format!("step hook does not compile: {e}")))?;
        vm.run_code_obj(code, scope.clone())?;
        let get = |name: &str| scope.globals.get_item(name, vm);
        Ok(StepHook {
            set_local_events: get("_set_local_events")?,
            line_event: get("_line_event")?,
            set_events: get("_set_events")?,
            restart_events: get("_restart_events")?,
            counted_events: get("_counted_events")?,
            tool: get("_tool")?,
            enabled: Cell::new(true),
        })
    }

    /// Switches counting on for a finite budget and off for [`UNLIMITED`], and re-enables the
    /// forward jumps the last program switched off (they are keyed by code address, which this
    /// program's code may reuse).
    pub fn configure(&self, vm: &VirtualMachine, max_steps: u64) -> PyResult<()> {
        self.restart_events.call((), vm)?;
        let enable = max_steps != UNLIMITED;
        if enable != self.enabled.get() {
            let events = if enable {
                self.counted_events.clone()
            } else {
                vm.ctx.new_int(0).into()
            };
            self.set_events.call((self.tool.clone(), events), vm)?;
            self.enabled.set(enable);
        }
        Ok(())
    }

    /// Makes the budget see every loop in `code` and the code nested in it, and returns the code
    /// objects that needed extra events, for [`StepHook::unwatch`] after the program.
    ///
    /// RustPython threads the jump at the end of a `try` body or handler into the loop's back
    /// edge as `JUMP_BACKWARD_NO_INTERRUPT`, which fires no `JUMP` event, so
    /// `while True: try: ... except: pass` would run free. Code containing that instruction gets
    /// `LINE` events as well: each iteration starts a line, so each is charged.
    pub fn watch(&self, vm: &VirtualMachine, code: &PyRef<PyCode>) -> PyResult<Vec<PyRef<PyCode>>> {
        let mut watched = Vec::new();
        if !self.enabled.get() {
            return Ok(watched);
        }
        let mut stack = vec![code.clone()];
        while let Some(code) = stack.pop() {
            let consts = code.as_object().get_attr("co_consts", vm)?;
            if let Some(consts) = consts.downcast_ref::<PyTuple>() {
                stack.extend(
                    consts
                        .iter()
                        .filter_map(|c| c.clone().downcast::<PyCode>().ok()),
                );
            }
            let uncounted = code
                .code
                .instructions
                .iter()
                .any(|unit| matches!(unit.op, Instruction::JumpBackwardNoInterrupt { .. }));
            if uncounted {
                self.set_local_events.call(
                    (self.tool.clone(), code.clone(), self.line_event.clone()),
                    vm,
                )?;
                watched.push(code);
            }
        }
        Ok(watched)
    }

    /// Switches off what [`StepHook::watch`] switched on (events are keyed by the code object's
    /// address, which a later code object may reuse).
    pub fn unwatch(&self, vm: &VirtualMachine, watched: Vec<PyRef<PyCode>>) {
        for code in watched {
            let _ = self
                .set_local_events
                .call((self.tool.clone(), code, vm.ctx.new_int(0)), vm);
        }
    }
}

const HOOK_SETUP: &str = r#"
import sys
_mon = sys.monitoring
_tool = _mon.PROFILER_ID
_mon.use_tool_id(_tool, "arc-solver step budget")
_mon.register_callback(_tool, _mon.events.PY_START, _arc_step)
_mon.register_callback(_tool, _mon.events.JUMP, _arc_step)
_mon.register_callback(_tool, _mon.events.LINE, _arc_step)
_counted_events = _mon.events.PY_START | _mon.events.JUMP
_mon.set_events(_tool, _counted_events)
_set_events = _mon.set_events
_restart_events = _mon.restart_events
_set_local_events = _mon.set_local_events
_line_event = _mon.events.LINE
del sys.monitoring
sys.modules.pop("sys.monitoring", None)
"#;

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
