//! One embedded RustPython interpreter that runs `transform(grid)` programs.
//!
//! An interpreter is expensive to build (stdlib init) and cheap to reuse, so a worker keeps one and runs
//! each program in a fresh global scope. Stdout/stderr go to a sink: programs print debugging text.

use super::budget;
use super::sandbox::{install_import_guard, prelude, Snapshot, PROGRAM_MODULE};
use super::watchdog::InterruptSlot;
use super::{ExecConfig, ExecError, ProgramResult};
use crate::task::Grid;
use rustpython_vm::builtins::{PyBaseExceptionRef, PyCode, PyInt, PyList, PyTuple};
use rustpython_vm::compiler::Mode;
use rustpython_vm::{
    AsObject, Interpreter, PyObjectRef, PyRef, PyResult, Settings, VirtualMachine,
};
use std::sync::Arc;
use std::time::Instant;

/// Most error text kept per failure.
const MAX_MESSAGE: usize = 300;

/// A reusable Python interpreter bound to one worker thread.
pub struct PythonVm {
    interpreter: Interpreter,
    slot: Arc<InterruptSlot>,
    snapshot: Snapshot,
}

impl PythonVm {
    /// Builds an interpreter with the frozen standard library, bound to the calling thread: its
    /// programs run on this thread, whose stop flag goes to `slot` for the watchdog.
    pub fn new(slot: Arc<InterruptSlot>) -> anyhow::Result<PythonVm> {
        let mut settings = Settings::default();
        settings.install_signal_handlers = false;
        settings.isolated = true;
        // A fixed string-hash seed: set and dict-of-str iteration order, and with it the path a
        // program takes and the steps it uses, must not differ between interpreters.
        settings.hash_seed = Some(0);
        slot.set_stop_flag(budget::stop_flag());
        let builder = Interpreter::builder(settings);
        let defs = rustpython_stdlib::stdlib_module_defs(&builder.ctx);
        let interpreter = builder
            .add_native_modules(&defs)
            .add_frozen_modules(rustpython_pylib::FROZEN_STDLIB)
            .build();
        // A fresh thread's budget is unlimited, but a worker that replaces a panicked
        // interpreter may still hold the spent budget of the program that panicked.
        budget::reset(budget::UNLIMITED);
        let snapshot = interpreter.enter(|vm| -> anyhow::Result<Snapshot> {
            // Native modules go into sys.modules first so the prelude preloads them like the rest.
            super::numpy::install(vm)
                .map_err(|e| anyhow::anyhow!("cannot install numpy: {}", describe(vm, &e)))?;
            let scope = vm.new_scope_with_builtins();
            let code = vm
                .compile(&prelude(), Mode::Exec, "<prelude>".to_owned())
                .map_err(|e| anyhow::anyhow!("prelude does not compile: {e}"))?;
            vm.run_code_obj(code, scope)
                .map_err(|e| anyhow::anyhow!("prelude failed: {}", describe(vm, &e)))?;
            install_import_guard(vm).map_err(|e| {
                anyhow::anyhow!("cannot install the import guard: {}", describe(vm, &e))
            })?;
            Snapshot::take(vm).map_err(|e| {
                anyhow::anyhow!("cannot snapshot the interpreter: {}", describe(vm, &e))
            })
        })?;
        Ok(PythonVm {
            interpreter,
            slot,
            snapshot,
        })
    }

    /// Runs `code` on each input in order; all inputs share one wall-time budget and one step
    /// budget.
    pub fn run(&self, code: &str, inputs: &[Grid], config: &ExecConfig) -> ProgramResult {
        let guard = self.slot.arm(Instant::now() + config.timeout);
        let budget = ProgramBudget::start(config.max_steps);
        let outputs = self.interpreter.enter(|vm| {
            vm.recursion_limit.set(config.recursion_limit);
            let outputs = run_program(vm, code, inputs, &guard);
            // Undo what the program changed in builtins and modules before the next one runs.
            // The budget stays in force meanwhile, so it ends only once that is done.
            self.snapshot.restore(vm);
            outputs
        });
        let steps = budget.used();
        drop(budget);
        drop(guard);
        ProgramResult { outputs, steps }
    }
}

/// The step budget of one program on this thread; unlimited again when dropped (a panic included),
/// so the interpreter's own Python code never runs against a spent budget.
struct ProgramBudget;

impl ProgramBudget {
    fn start(limit: u64) -> ProgramBudget {
        budget::reset(limit);
        ProgramBudget
    }

    fn used(&self) -> u64 {
        budget::used()
    }
}

impl Drop for ProgramBudget {
    fn drop(&mut self) {
        budget::reset(budget::UNLIMITED);
    }
}

fn run_program(
    vm: &VirtualMachine,
    code: &str,
    inputs: &[Grid],
    guard: &super::watchdog::ArmedGuard<'_>,
) -> Vec<Result<Grid, ExecError>> {
    let compiled = match vm.compile(code, Mode::Exec, "<program>".to_owned()) {
        Ok(c) => c,
        Err(e) => {
            return fail_all(
                inputs,
                ExecError::Exception {
                    name: "SyntaxError".into(),
                    message: truncate(&e.to_string()),
                },
            )
        }
    };
    run_compiled(vm, compiled, inputs, guard)
}

fn run_compiled(
    vm: &VirtualMachine,
    compiled: PyRef<PyCode>,
    inputs: &[Grid],
    guard: &super::watchdog::ArmedGuard<'_>,
) -> Vec<Result<Grid, ExecError>> {
    let scope = vm.new_scope_with_builtins();
    if let Err(e) = scope
        .globals
        .set_item("__name__", vm.ctx.new_str(PROGRAM_MODULE).into(), vm)
    {
        return fail_all(inputs, classify(vm, &e, guard));
    }
    if let Err(e) = vm.run_code_obj(compiled, scope.clone()) {
        return fail_all(inputs, classify(vm, &e, guard));
    }
    let transform = match scope.globals.get_item_opt("transform", vm) {
        Ok(Some(f)) if f.is_callable() => f,
        _ => {
            return fail_all(
                inputs,
                ExecError::Exception {
                    name: "NameError".into(),
                    message: "program defines no callable transform".into(),
                },
            )
        }
    };
    let mut out = Vec::with_capacity(inputs.len());
    for input in inputs {
        if guard.expired() || budget::exhausted() {
            out.push(Err(ExecError::Timeout));
            continue;
        }
        let arg = grid_to_py(vm, input);
        let result = match transform.call((arg,), vm) {
            // A budget spent after the last safe point (by native work) still decides the verdict,
            // so it is the same on every machine.
            Ok(_) if budget::exhausted() => Err(ExecError::Timeout),
            Ok(value) => py_to_grid(vm, &value),
            Err(e) => Err(classify(vm, &e, guard)),
        };
        out.push(result);
    }
    out
}

/// The same failure for every input.
fn fail_all(inputs: &[Grid], error: ExecError) -> Vec<Result<Grid, ExecError>> {
    ProgramResult::failed(inputs, error).outputs
}

/// Maps a Python exception to an [`ExecError`]. Past the deadline or the budget any exception is a
/// timeout: the stop unwinds as `KeyboardInterrupt`, and a native call may turn it into another
/// exception on its way out.
fn classify(
    vm: &VirtualMachine,
    exc: &PyBaseExceptionRef,
    guard: &super::watchdog::ArmedGuard<'_>,
) -> ExecError {
    if guard.expired() || budget::exhausted() {
        return ExecError::Timeout;
    }
    let name = exc.class().name().to_string();
    if name == "RecursionError" {
        return ExecError::Exception {
            name,
            message: "maximum recursion depth exceeded".into(),
        };
    }
    ExecError::Exception {
        name,
        message: truncate(&describe(vm, exc)),
    }
}

fn describe(vm: &VirtualMachine, exc: &PyBaseExceptionRef) -> String {
    exc.as_object()
        .str(vm)
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "<unprintable exception>".into())
}

fn truncate(s: &str) -> String {
    if s.len() <= MAX_MESSAGE {
        return s.to_string();
    }
    let mut end = MAX_MESSAGE;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// A fresh `list[list[int]]` for each call, so a program mutating its input changes nothing else.
fn grid_to_py(vm: &VirtualMachine, grid: &Grid) -> PyObjectRef {
    let rows = grid
        .rows()
        .iter()
        .map(|row| {
            let cells = row.iter().map(|&v| vm.ctx.new_int(v).into()).collect();
            vm.ctx.new_list(cells).into()
        })
        .collect();
    vm.ctx.new_list(rows).into()
}

/// Items of a list or tuple; objects with `tolist()` (numpy-like) are converted first.
fn sequence_items(vm: &VirtualMachine, obj: &PyObjectRef) -> PyResult<Option<Vec<PyObjectRef>>> {
    if let Some(list) = obj.downcast_ref::<PyList>() {
        return Ok(Some(list.borrow_vec().to_vec()));
    }
    if let Some(tuple) = obj.downcast_ref::<PyTuple>() {
        return Ok(Some(tuple.as_slice().to_vec()));
    }
    if let Some(tolist) = vm.get_attribute_opt(obj.clone(), "tolist")? {
        // An array far larger than a grid is refused before `tolist()` builds millions of objects.
        if let Some(shape) = vm.get_attribute_opt(obj.clone(), "shape")? {
            if let Some(dims) = shape.downcast_ref::<PyTuple>() {
                let too_big = dims.iter().any(|d| {
                    d.try_to_value::<usize>(vm)
                        .is_ok_and(|d| d > crate::task::MAX_SIDE)
                });
                if too_big {
                    return Err(vm.new_value_error(format!(
                        "an array of shape {} is larger than 30 by 30",
                        shape.repr(vm)?
                    )));
                }
            }
        }
        let converted = tolist.call((), vm)?;
        if converted.downcast_ref::<PyList>().is_some()
            || converted.downcast_ref::<PyTuple>().is_some()
        {
            return sequence_items(vm, &converted);
        }
    }
    Ok(None)
}

/// Checks a returned value: rectangular list of lists of ints 0–9, 1–30 per side.
fn py_to_grid(vm: &VirtualMachine, value: &PyObjectRef) -> Result<Grid, ExecError> {
    let invalid = |msg: String| ExecError::InvalidOutput(msg);
    let type_name = |o: &PyObjectRef| o.class().name().to_string();
    let rows = match sequence_items(vm, value) {
        Ok(Some(rows)) => rows,
        Ok(None) => {
            return Err(invalid(format!(
                "returned {}, not a list of lists",
                type_name(value)
            )))
        }
        Err(e) => return Err(invalid(format!("tolist() failed: {}", describe(vm, &e)))),
    };
    if rows.len() > crate::task::MAX_SIDE {
        return Err(invalid(format!("{} rows; at most 30", rows.len())));
    }
    let mut cells: Vec<Vec<i64>> = Vec::with_capacity(rows.len());
    for row in &rows {
        let items = match sequence_items(vm, row) {
            Ok(Some(items)) => items,
            _ => return Err(invalid(format!("a row is {}, not a list", type_name(row)))),
        };
        if items.len() > crate::task::MAX_SIDE {
            return Err(invalid(format!(
                "a row has {} cells; at most 30",
                items.len()
            )));
        }
        let mut out_row = Vec::with_capacity(items.len());
        for item in &items {
            if let Some(b) = crate::exec::numpy::bool_scalar::np_bool_value(item) {
                out_row.push(b as i64);
                continue;
            }
            let Some(int) = item.downcast_ref::<PyInt>() else {
                return Err(invalid(format!(
                    "a cell is {}, not an int",
                    type_name(item)
                )));
            };
            let v: i64 = int.as_bigint().try_into().unwrap_or(i64::MAX);
            out_row.push(v);
        }
        cells.push(out_row);
    }
    Grid::from_rows_i64(&cells).map_err(|e| invalid(e.to_string()))
}
