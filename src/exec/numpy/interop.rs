//! Python `int`/`bool`/`float` defer to numpy scalars in mixed arithmetic and comparisons.
//!
//! In CPython `1 + np.int64(2)` reaches numpy because `int.__add__` does not know `np.int64`
//! (not an `int` subclass) and returns `NotImplemented`. Here numpy's integer scalars carry a
//! `PyInt` payload (see `scalars.rs`), so the interpreter's `int` slots would accept them and
//! answer with a plain `int` (no wrap-around, no `np.int64` result, Python's division by zero);
//! the same holds for `float` with `np.float32` and numpy integers. [`install`] wraps those slots
//! of `int`, `bool` and `float` once per thread: when the other operand is a numpy scalar the
//! wrapper returns `NotImplemented`, and the scalar's reflected slot (`scalar_ops.rs`,
//! `scalar_api.rs`) gives numpy's answer. Operations between Python numbers cost one class
//! comparison more.

use super::scalars::instance_dtype;
use rustpython_vm::builtins::PyType;
use rustpython_vm::function::{Either, PyComparisonValue};
use rustpython_vm::protocol::{PyNumberBinaryFunc, PyNumberTernaryFunc};
use rustpython_vm::types::PyComparisonOp;
use rustpython_vm::{AsObject, Py, PyObject, PyObjectRef, PyResult, VirtualMachine};
use std::cell::Cell;
use std::sync::OnceLock;

type RichCompare = fn(
    &PyObject,
    &PyObject,
    PyComparisonOp,
    &VirtualMachine,
) -> PyResult<Either<PyObjectRef, PyComparisonValue>>;

/// Whether `obj` is a numpy scalar whose own slots must answer (not `float64`, which is a real
/// `float` subclass and is asked first by the interpreter anyway).
#[inline]
fn is_np(obj: &PyObject, vm: &VirtualMachine) -> bool {
    let cls = obj.class();
    !cls.is(vm.ctx.types.int_type)
        && !cls.is(vm.ctx.types.float_type)
        && !cls.is(vm.ctx.types.bool_type)
        && instance_dtype(obj, vm).is_some()
}

/// Whether either operand is a numpy scalar (the common case, two Python numbers of one type,
/// is decided by one comparison).
#[inline]
fn either_np(a: &PyObject, b: &PyObject, vm: &VirtualMachine) -> bool {
    !a.class().is(b.class()) && (is_np(b, vm) || is_np(a, vm))
}

/// The original slots of one Python number type.
struct Originals {
    binary: [Option<PyNumberBinaryFunc>; BINARY_SLOTS],
    power: Option<PyNumberTernaryFunc>,
    richcompare: Option<RichCompare>,
}

const BINARY_SLOTS: usize = 12;

/// The original slots of `[int, bool, float]`. They are the same functions on every thread (the
/// interpreter's types are per thread without rustpython's `threading` feature, their slot
/// functions are not), so one process-wide copy serves all.
static ORIGINALS: OnceLock<[Originals; 3]> = OnceLock::new();

thread_local! {
    /// Whether this thread's `int`, `bool` and `float` have the wrappers.
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
}

/// Original binary slot `i` of type `t` (0: int, 1: bool, 2: float).
#[inline]
fn original_binary(t: usize, i: usize) -> Option<PyNumberBinaryFunc> {
    ORIGINALS.get().and_then(|o| o[t].binary[i])
}

fn original_power(t: usize) -> Option<PyNumberTernaryFunc> {
    ORIGINALS.get().and_then(|o| o[t].power)
}

fn original_compare(t: usize) -> Option<RichCompare> {
    ORIGINALS.get().and_then(|o| o[t].richcompare)
}

/// Loads (`f == None`) or replaces binary slot `i` of `t`, in [`Originals::binary`] order.
macro_rules! binary_slots {
    ($($i:literal => $field:ident),*) => {
        fn load_binary(t: &Py<PyType>, i: usize) -> Option<PyNumberBinaryFunc> {
            let n = &t.slots.as_number;
            match i {
                $($i => n.$field.load(),)*
                _ => None,
            }
        }

        fn store_binary(t: &Py<PyType>, i: usize, f: PyNumberBinaryFunc) {
            let n = &t.slots.as_number;
            match i {
                $($i => n.$field.store(Some(f)),)*
                _ => {}
            }
        }
    };
}

binary_slots!(
    0 => add, 1 => subtract, 2 => multiply, 3 => remainder, 4 => divmod, 5 => lshift,
    6 => rshift, 7 => and, 8 => xor, 9 => or, 10 => floor_divide, 11 => true_divide
);

/// One wrapper per (type, slot): plain `fn`s, since slots hold function pointers.
macro_rules! binary_wrappers {
    ($t:literal: $($i:literal),*) => {
        [$(
            {
                fn wrapper(a: &PyObject, b: &PyObject, vm: &VirtualMachine) -> PyResult {
                    if either_np(a, b, vm) {
                        return Ok(vm.ctx.not_implemented());
                    }
                    match original_binary($t, $i) {
                        Some(f) => f(a, b, vm),
                        None => Ok(vm.ctx.not_implemented()),
                    }
                }
                wrapper as PyNumberBinaryFunc
            }
        ),*]
    };
}

macro_rules! power_wrapper {
    ($t:literal) => {{
        fn wrapper(a: &PyObject, b: &PyObject, c: &PyObject, vm: &VirtualMachine) -> PyResult {
            if either_np(a, b, vm) {
                return Ok(vm.ctx.not_implemented());
            }
            match original_power($t) {
                Some(f) => f(a, b, c, vm),
                None => Ok(vm.ctx.not_implemented()),
            }
        }
        wrapper as PyNumberTernaryFunc
    }};
}

macro_rules! compare_wrapper {
    ($t:literal) => {{
        fn wrapper(
            a: &PyObject,
            b: &PyObject,
            op: PyComparisonOp,
            vm: &VirtualMachine,
        ) -> PyResult<Either<PyObjectRef, PyComparisonValue>> {
            if !a.class().is(b.class()) && is_np(b, vm) {
                return Ok(Either::B(PyComparisonValue::NotImplemented));
            }
            match original_compare($t) {
                Some(f) => f(a, b, op, vm),
                None => Ok(Either::B(PyComparisonValue::NotImplemented)),
            }
        }
        wrapper as RichCompare
    }};
}

/// Wraps the slots of `int`, `bool` and `float` (once per thread; idempotent).
pub fn install(vm: &VirtualMachine) {
    let types = [
        vm.ctx.types.int_type,
        vm.ctx.types.bool_type,
        vm.ctx.types.float_type,
    ];
    if INSTALLED.replace(true) {
        return;
    }
    // Read before any wrapper is stored on this thread (the slots are still the originals).
    ORIGINALS.get_or_init(|| {
        types.map(|t| Originals {
            binary: std::array::from_fn(|i| load_binary(t, i)),
            power: t.slots.as_number.power.load(),
            richcompare: t.slots.richcompare.load(),
        })
    });
    let binary: [[PyNumberBinaryFunc; BINARY_SLOTS]; 3] = [
        binary_wrappers!(0: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
        binary_wrappers!(1: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
        binary_wrappers!(2: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
    ];
    let power = [power_wrapper!(0), power_wrapper!(1), power_wrapper!(2)];
    let compare = [
        compare_wrapper!(0),
        compare_wrapper!(1),
        compare_wrapper!(2),
    ];
    for (k, t) in types.iter().enumerate() {
        for (i, &wrapper) in binary[k].iter().enumerate() {
            if load_binary(t, i).is_some() {
                store_binary(t, i, wrapper);
            }
        }
        if t.slots.as_number.power.load().is_some() {
            t.slots.as_number.power.store(Some(power[k]));
        }
        if t.slots.richcompare.load().is_some() {
            t.slots.richcompare.store(Some(compare[k]));
        }
    }
}
