//! A native, numpy-compatible module (and `scipy.ndimage`) for the embedded interpreter.
//!
//! ARC programs written by LLMs use a small, stable part of numpy on tiny integer grids. This
//! module implements that part in Rust with numpy's semantics (dtypes, views, broadcasting,
//! indexing); anything outside it raises `AttributeError`/`NotImplementedError` with a clear
//! message, and the run summary counts those by name.
//!
//! - `dense.rs`: owned contiguous arrays ([`dense::Dense`]) and errors;
//! - `algos.rs`, `ndimage.rs`: pure-Rust algorithms over `Dense`;
//! - `array.rs`: the Python `ndarray` type (strided views over shared buffers) and conversions;
//!   `index.rs` (indexing), `ops.rs` (broadcasting arithmetic, reductions), `methods.rs` (the
//!   Python-visible methods), `slots.rs` (protocol slots, `dtype`), `repr.rs` (printing);
//! - `scalars.rs`: numpy scalar classes (`np.int64`, `np.float64`, ...) that element access and
//!   reductions return, `scalar_api.rs` (their methods, comparisons, repr) and `scalar_ops.rs`
//!   (their arithmetic); `coerce.rs`: numpy 2's checks on Python numbers entering integer dtypes;
//! - `functions.rs`, `ufuncs.rs`, `shaping.rs`: module-level functions (`np.where`, ...);
//!   `unary.rs`: elementwise unary operations; `pylib.rs`: functions written in Python
//!   (`vectorize`, `select`, ...); `broadcast.rs`, `dtype_fns.rs`, `interop.rs` (Python numbers
//!   defer to numpy scalars);
//! - `scipy.rs`: the `scipy` and `scipy.ndimage` modules.

pub mod algos;
pub mod args;
pub mod array;
pub mod bool_scalar;
pub mod broadcast;
pub mod coerce;
pub mod dense;
pub mod dtype_fns;
pub mod extra;
pub mod extra_algos;
pub mod extra_edit;
pub mod flatiter;
pub mod functions;
pub mod index;
pub mod interop;
pub mod linalg;
pub mod methods;
pub mod ndimage;
pub mod ndimage_extra;
pub mod ops;
pub mod pylib;
pub mod repr;
pub mod scalar_api;
pub mod scalar_ops;
pub mod scalars;
pub mod scipy;
pub mod shaping;
pub mod slots;
pub mod ufunc_methods;
pub mod ufuncs;
pub mod unary;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_bool;
#[cfg(test)]
mod tests_errors;
#[cfg(test)]
mod tests_extra;
#[cfg(test)]
mod tests_scalar;

use array::{PyDType, PyNdArray};
use rustpython_vm::builtins::PyModule;
use rustpython_vm::class::PyClassImpl;
use rustpython_vm::{AsObject, Py, PyResult, VirtualMachine};

fn add_functions(
    module: &Py<PyModule>,
    fns: &[(&'static str, functions::NativeFn)],
    vm: &VirtualMachine,
) -> PyResult<()> {
    for &(name, f) in fns {
        module
            .as_object()
            .set_attr(name, vm.new_function(name, f), vm)?;
    }
    Ok(())
}

/// Builds the `numpy`, `scipy` and `scipy.ndimage` modules and registers them in `sys.modules`,
/// so `import numpy as np` and `from scipy.ndimage import label` find them.
pub fn install(vm: &VirtualMachine) -> PyResult<()> {
    let ndarray_type = PyNdArray::make_static_type();
    let dtype_type = PyDType::make_static_type();
    let np = vm.new_module("numpy", vm.ctx.new_dict(), None);
    add_functions(&np, functions::FUNCTIONS, vm)?;
    add_functions(&np, shaping::FUNCTIONS, vm)?;
    add_functions(&np, ufuncs::FUNCTIONS, vm)?;
    add_functions(&np, extra::FUNCTIONS, vm)?;
    add_functions(&np, extra_edit::FUNCTIONS, vm)?;
    add_functions(&np, broadcast::FUNCTIONS, vm)?;
    add_functions(&np, dtype_fns::FUNCTIONS, vm)?;
    ufunc_methods::install(&np, vm)?;
    let linalg_module = linalg::install(&np, vm)?;
    let set = |name: &'static str, value: rustpython_vm::PyObjectRef| {
        np.as_object().set_attr(name, value, vm)
    };
    set("ndarray", ndarray_type.into())?;
    set("dtype", dtype_type.into())?;
    interop::install(vm);
    for (name, cls) in scalars::make_types(vm) {
        set(name, cls.into())?;
    }
    // `np.number`, `np.inexact` and `np.generic` span the int, float and bool classes, and
    // scalars get the array-like part of their API from 0-d arrays: defined in Python.
    let scope = vm.new_scope_with_builtins();
    scope.globals.set_item(
        "_integer",
        scalars::NpInteger::make_static_type().into(),
        vm,
    )?;
    scope
        .globals
        .set_item("_bool", bool_scalar::NpBool::make_static_type().into(), vm)?;
    scope.globals.set_item(
        "_floating",
        scalars::NpFloating::make_static_type().into(),
        vm,
    )?;
    scope
        .globals
        .set_item("_ndarray", PyNdArray::make_static_type().into(), vm)?;
    scope
        .globals
        .set_item("_asarray", np.as_object().get_attr("asarray", vm)?, vm)?;
    let delegated: Vec<_> = scalar_api::DELEGATED
        .iter()
        .map(|n| vm.ctx.new_str(*n).into())
        .collect();
    scope
        .globals
        .set_item("_DELEGATED", vm.ctx.new_tuple(delegated).into(), vm)?;
    vm.run_string(
        scope.clone(),
        scalar_api::ABSTRACT_CLASSES,
        "<numpy>".to_owned(),
    )?;
    for name in ["number", "inexact", "generic", "_scalar_getattr"] {
        set(name, scope.globals.get_item(name, vm)?)?;
    }
    let prelude = vm.new_scope_with_builtins();
    prelude.globals.set_item("_np", np.clone().into(), vm)?;
    vm.run_string(prelude.clone(), pylib::PRELUDE, "<numpy>".to_owned())?;
    for &name in pylib::EXPORTS {
        set(name, prelude.globals.get_item(name, vm)?)?;
    }
    let exceptions = vm.new_module("numpy.exceptions", vm.ctx.new_dict(), None);
    for name in ["AxisError", "UFuncTypeError"] {
        exceptions
            .as_object()
            .set_attr(name, prelude.globals.get_item(name, vm)?, vm)?;
    }
    set("exceptions", exceptions.clone().into())?;
    let stride_tricks = vm.new_module("numpy.lib.stride_tricks", vm.ctx.new_dict(), None);
    stride_tricks.as_object().set_attr(
        "sliding_window_view",
        prelude.globals.get_item("sliding_window_view", vm)?,
        vm,
    )?;
    let lib = vm.new_module("numpy.lib", vm.ctx.new_dict(), None);
    lib.as_object()
        .set_attr("stride_tricks", stride_tricks.clone(), vm)?;
    set("lib", lib.clone().into())?;
    set("True_", bool_scalar::np_bool(true, vm))?;
    set("False_", bool_scalar::np_bool(false, vm))?;
    set("newaxis", vm.ctx.none())?;
    set("nan", vm.ctx.new_float(f64::NAN).into())?;
    set("inf", vm.ctx.new_float(f64::INFINITY).into())?;
    set("pi", vm.ctx.new_float(std::f64::consts::PI).into())?;
    set("e", vm.ctx.new_float(std::f64::consts::E).into())?;
    set("__version__", vm.ctx.new_str("2.4.0").into())?;

    let ndi = vm.new_module("scipy.ndimage", vm.ctx.new_dict(), None);
    add_functions(&ndi, scipy::NDIMAGE_FUNCTIONS, vm)?;
    add_functions(&ndi, ndimage_extra::FUNCTIONS, vm)?;
    let measurements = ndimage_extra::install_measurements(&ndi, vm)?;
    let sp = vm.new_module("scipy", vm.ctx.new_dict(), None);
    sp.as_object().set_attr("ndimage", ndi.clone(), vm)?;
    sp.as_object()
        .set_attr("__version__", vm.ctx.new_str("1.17.0"), vm)?;

    let modules = vm.sys_module.get_attr("modules", vm)?;
    modules.set_item("numpy", np.into(), vm)?;
    modules.set_item("numpy.linalg", linalg_module.into(), vm)?;
    modules.set_item("numpy.exceptions", exceptions.into(), vm)?;
    modules.set_item("numpy.lib", lib.into(), vm)?;
    modules.set_item("numpy.lib.stride_tricks", stride_tricks.into(), vm)?;
    modules.set_item("scipy", sp.into(), vm)?;
    modules.set_item("scipy.ndimage", ndi.into(), vm)?;
    modules.set_item("scipy.ndimage.measurements", measurements.into(), vm)?;
    Ok(())
}
