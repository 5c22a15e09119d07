//! `np.bool_`: numpy's boolean scalar, with exactly two (per-thread cached) instances,
//! `np.True_` and `np.False_`. Elements of bool arrays and bool reductions return these.
//!
//! Unlike Python's `bool` it is not a subclass of `int` (so `operator.index` and `range` refuse
//! it), `~` is logical not, and `+`/`*` between bools are logical or/and (see `scalar_ops.rs`);
//! with integers it acts as a bool-dtype number (`np.True_ + 1 == np.int64(2)`). It hashes and
//! compares like the Python bool of the same value, so dict keys and `Counter`s mix the two.

use super::array::PyNdArray;
use super::dense::DType;
use super::scalars::construct;
use rustpython_vm::builtins::{PyStr, PyType, PyTypeRef};
use rustpython_vm::common::hash::PyHash;
use rustpython_vm::function::PyComparisonValue;
use rustpython_vm::function::{Either, FuncArgs};
use rustpython_vm::protocol::{PyNumber, PyNumberMethods};
use rustpython_vm::types::{
    AsNumber, Comparable, Constructor, GetAttr, Hashable, PyComparisonOp, Representable,
};
use rustpython_vm::{AsObject, Py, PyObject, PyObjectRef, PyPayload, PyResult, VirtualMachine};
use std::cell::OnceCell;
use std::mem::ManuallyDrop;

/// `numpy.bool_` (also `np.bool`): a boolean scalar holding `value`.
#[rustpython_vm::pyclass(module = "numpy", name = "bool")]
#[derive(Debug, PyPayload)]
pub struct NpBool {
    /// The truth value.
    pub value: bool,
}

thread_local! {
    /// `[np.False_, np.True_]` for this thread. Never dropped: the objects are immutable and
    /// live as long as the worker thread.
    static CACHED: OnceCell<ManuallyDrop<[PyObjectRef; 2]>> = const { OnceCell::new() };
}

/// The cached `np.True_` or `np.False_`.
pub fn np_bool(value: bool, vm: &VirtualMachine) -> PyObjectRef {
    CACHED.with(|cell| {
        let pair = cell.get_or_init(|| {
            ManuallyDrop::new([
                NpBool { value: false }.into_ref(&vm.ctx).into(),
                NpBool { value: true }.into_ref(&vm.ctx).into(),
            ])
        });
        pair[value as usize].clone()
    })
}

/// The value of an `np.bool_`, or `None` for other objects.
pub fn np_bool_value(obj: &PyObject) -> Option<bool> {
    obj.downcast_ref::<NpBool>().map(|b| b.value)
}

/// The value of an `np.bool_` or a Python `bool`, or `None` for other objects.
pub fn bool_like(obj: &PyObject, vm: &VirtualMachine) -> Option<bool> {
    if obj.class().is(vm.ctx.types.bool_type) {
        return Some(obj.is(&vm.ctx.true_value));
    }
    np_bool_value(obj)
}

impl Constructor for NpBool {
    type Args = FuncArgs;

    fn slot_new(_cls: PyTypeRef, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        construct(DType::Bool, &args, vm)
    }

    fn py_new(_cls: &Py<PyType>, _args: FuncArgs, vm: &VirtualMachine) -> PyResult<Self> {
        Err(vm.new_type_error("cannot create 'numpy.bool' this way"))
    }
}

impl Representable for NpBool {
    fn repr_str(zelf: &Py<Self>, _vm: &VirtualMachine) -> PyResult<String> {
        Ok(if zelf.value { "np.True_" } else { "np.False_" }.to_owned())
    }
}

impl Hashable for NpBool {
    fn hash(zelf: &Py<Self>, _vm: &VirtualMachine) -> PyResult<PyHash> {
        Ok(zelf.value as PyHash)
    }
}

impl Comparable for NpBool {
    fn slot_richcompare(
        zelf: &PyObject,
        other: &PyObject,
        op: PyComparisonOp,
        vm: &VirtualMachine,
    ) -> PyResult<Either<PyObjectRef, PyComparisonValue>> {
        if other.downcast_ref::<PyNdArray>().is_some() {
            return Ok(Either::B(PyComparisonValue::NotImplemented));
        }
        let mine = vm.ctx.new_bool(np_bool_value(zelf).unwrap_or(false));
        let theirs = super::scalar_ops::plain(other, vm);
        let r = mine.as_object().to_owned().rich_compare(theirs, op, vm)?;
        Ok(Either::A(match bool_like(&r, vm) {
            Some(b) => np_bool(b, vm),
            None => r,
        }))
    }

    fn cmp(
        zelf: &Py<Self>,
        other: &PyObject,
        op: PyComparisonOp,
        vm: &VirtualMachine,
    ) -> PyResult<PyComparisonValue> {
        let r = Self::slot_richcompare(zelf.as_object(), other, op, vm)?;
        Ok(match r {
            Either::A(obj) => PyComparisonValue::Implemented(obj.try_to_bool(vm)?),
            Either::B(v) => v,
        })
    }
}

fn value(n: PyNumber) -> bool {
    np_bool_value(n.obj).unwrap_or(false)
}

/// Number slots of `np.bool_`: binary operators go through `scalar_ops`.
static BOOL_NUMBER_METHODS: PyNumberMethods = PyNumberMethods {
    boolean: Some(|n, _vm| Ok(value(n))),
    int: Some(|n, vm| Ok(vm.ctx.new_int(value(n) as i64).into())),
    float: Some(|n, vm| Ok(vm.ctx.new_float(value(n) as i64 as f64).into())),
    negative: Some(|_n, vm| {
        Err(vm.new_type_error(
            "The numpy boolean negative, the `-` operator, is not supported, use the `~` \
             operator or the logical_not function instead.",
        ))
    }),
    positive: Some(|_n, vm| {
        Err(super::scalar_api::numpy_error(
            "UFuncTypeError",
            "ufunc 'positive' did not contain a loop with signature matching types \
             <class 'numpy.dtypes.BoolDType'> -> None",
            vm,
        ))
    }),
    absolute: Some(|n, vm| Ok(np_bool(value(n), vm))),
    invert: Some(|n, vm| Ok(np_bool(!value(n), vm))),
    ..super::scalar_ops::SCALAR_NUMBER_METHODS
};

impl AsNumber for NpBool {
    fn as_number() -> &'static PyNumberMethods {
        &BOOL_NUMBER_METHODS
    }
}

impl GetAttr for NpBool {
    fn getattro(zelf: &Py<Self>, name: &Py<PyStr>, vm: &VirtualMachine) -> PyResult {
        super::scalar_api::getattro(zelf.as_object(), name, vm)
    }
}

super::scalar_api::scalar_methods!(NpBool, {});
