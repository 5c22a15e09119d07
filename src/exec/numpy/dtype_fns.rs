//! `np.result_type` and `np.can_cast`: numpy 2's promotion rules as functions.

use super::args::bind_varargs;
use super::array::{parse_dtype, to_operand, PyDType, PyNdArray};
use super::dense::{can_cast as can_cast_dtype, promote, DType};
use super::functions::NativeFn;
use rustpython_vm::function::FuncArgs;
use rustpython_vm::{PyObject, PyPayload, PyResult, VirtualMachine};

/// One argument of `result_type`: its dtype and whether it is a weak Python scalar.
fn dtype_of_arg(obj: &PyObject, vm: &VirtualMachine) -> PyResult<(DType, bool)> {
    if let Some(a) = obj.downcast_ref::<PyNdArray>() {
        return Ok((a.dtype, false));
    }
    if obj.downcast_ref::<PyDType>().is_some()
        || obj
            .downcast_ref::<rustpython_vm::builtins::PyType>()
            .is_some()
        || obj
            .downcast_ref::<rustpython_vm::builtins::PyStr>()
            .is_some()
    {
        return Ok((parse_dtype(obj, vm)?, false));
    }
    let op = to_operand(obj, vm)?;
    Ok((op.dense.dtype, op.weak))
}

/// numpy's kind rank for weak scalars: a weak Python scalar only matters when its kind is higher.
fn kind(d: DType) -> u8 {
    match d {
        DType::Bool => 0,
        d if d.is_float() => 2,
        _ => 1,
    }
}

/// `np.result_type(*arrays_and_dtypes)`.
fn result_type(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind_varargs("result_type", args, &[], vm)?;
    if b.rest.is_empty() {
        return Err(vm.new_value_error("at least one array or dtype is required"));
    }
    let parts = b
        .rest
        .iter()
        .map(|o| dtype_of_arg(o, vm))
        .collect::<PyResult<Vec<_>>>()?;
    let strong = parts
        .iter()
        .filter(|(_, weak)| !weak)
        .map(|(d, _)| *d)
        .reduce(promote);
    let mut out = match strong {
        Some(d) => d,
        None => parts
            .iter()
            .map(|(d, _)| *d)
            .reduce(promote)
            .unwrap_or(DType::Float64),
    };
    for &(d, weak) in &parts {
        // A weak Python int or float only counts when it is of a higher kind (its default
        // dtype then wins: int64 over bool, float64 over integers).
        if weak && kind(d) > kind(out) {
            out = d;
        }
    }
    Ok(PyDType { dtype: out }.into_pyobject(vm))
}

/// `np.can_cast(from_, to, casting='safe')`.
fn can_cast(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = super::args::bind("can_cast", args, &["from_", "to", "casting"], 2, vm)?;
    let (from, _) = dtype_of_arg(b.req("from_", vm)?, vm)?;
    let to = parse_dtype(b.req("to", vm)?, vm)?;
    let rule = match b.get("casting", vm) {
        Some(r) => r.str(vm)?.to_string_lossy().into_owned(),
        None => "safe".to_owned(),
    };
    let ok = can_cast_dtype(from, to, &rule).ok_or_else(|| {
        vm.new_value_error("casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'")
    })?;
    Ok(vm.ctx.new_bool(ok).into())
}

/// The functions this file adds to `numpy`.
pub const FUNCTIONS: &[(&str, NativeFn)] = &[("result_type", result_type), ("can_cast", can_cast)];
