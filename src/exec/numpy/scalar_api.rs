//! The Python-visible API of numpy scalars (`numpy.generic` and its subclasses): `item`, `tolist`,
//! `astype`, `round`/`__round__` (numpy's rounding: `np.float64(2.675).round(2) == 2.68`),
//! `is_integer`, `__format__`, `__copy__`, `dtype`/`shape`/`itemsize`/..., comparisons that return
//! `np.bool_`, hashing like the Python number of the same value, and numpy's `repr`
//! (`np.float32(0.1)`).
//!
//! numpy implements the array-like rest of `numpy.generic` (`sum`, `reshape`, `clip`, `flatten`,
//! ...) by turning the scalar into a 0-d array, calling the array method and turning a 0-d result
//! back into a scalar; the `getattro` slot here does the same for the names in [`DELEGATED`]
//! (through `_scalar_getattr` in [`ABSTRACT_CLASSES`]), so those follow the array methods.

use super::array::{cast_scalar, parse_dtype, PyDType};
use super::bool_scalar::np_bool;
use super::dense::{DType, Scalar};
use super::scalar_ops::{num, Num};
use super::scalars::{plain_to_py_typed, scalar_to_py, value_of};
use rustpython_vm::builtins::{PyFloat, PyInt, PyStr};
use rustpython_vm::common::hash::{hash_bigint, hash_float, PyHash};
use rustpython_vm::function::{Either, FuncArgs, PyComparisonValue};
use rustpython_vm::types::PyComparisonOp;
use rustpython_vm::{AsObject, Py, PyObject, PyObjectRef, PyPayload, PyResult, VirtualMachine};

/// Names of `numpy.generic` that scalars get from their 0-d array (the rest are implemented
/// natively below). Derived from `dir(numpy.generic)` in numpy 2.4.
pub const DELEGATED: &[&str] = &[
    "all",
    "any",
    "argmax",
    "argmin",
    "argsort",
    "clip",
    "conj",
    "copy",
    "cumprod",
    "cumsum",
    "diagonal",
    "fill",
    "flat",
    "flatten",
    "max",
    "mean",
    "min",
    "nonzero",
    "prod",
    "ravel",
    "repeat",
    "reshape",
    "squeeze",
    "std",
    "sum",
    "swapaxes",
    "take",
    "tobytes",
    "trace",
    "transpose",
    "var",
];

/// Python for the abstract `np.number`, `np.inexact` and `np.generic` (instance checks span the
/// native int, float and bool classes) and for the delegation of [`DELEGATED`] names.
pub const ABSTRACT_CLASSES: &str = "\
class _AbstractScalarMeta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, cls._members)
    def __subclasscheck__(cls, sub):
        return sub is cls or issubclass(sub, cls._members)
class number(metaclass=_AbstractScalarMeta):
    __slots__ = ()
    __module__ = 'numpy'
    _members = (_integer, _floating)
class inexact(metaclass=_AbstractScalarMeta):
    __slots__ = ()
    __module__ = 'numpy'
    _members = (_floating,)
class generic(metaclass=_AbstractScalarMeta):
    __slots__ = ()
    __module__ = 'numpy'
    _members = (_integer, _floating, _bool)
def _unwrap(v):
    if isinstance(v, _ndarray) and v.ndim == 0:
        return v[()]
    return v
def _scalar_getattr(obj, name):
    if name in _DELEGATED:
        attr = getattr(_asarray(obj), name)
        if not callable(attr):
            return _unwrap(attr)
        def method(*args, **kwargs):
            return _unwrap(attr(*args, **kwargs))
        return method
    raise AttributeError(f\"'numpy.{type(obj).__name__}' object has no attribute '{name}'\")
";

/// `getattro` of the scalar classes: the class's own attributes, then the [`DELEGATED`] names.
pub fn getattro(obj: &PyObject, name: &Py<PyStr>, vm: &VirtualMachine) -> PyResult {
    if let Some(v) = obj.generic_getattr_opt(name, None, vm)? {
        return Ok(v);
    }
    // Integer-only attributes (a `#[pygetset]` cannot come through `scalar_methods!`).
    if obj.downcast_ref::<PyInt>().is_some() {
        match name.as_wtf8().as_bytes() {
            b"numerator" => return Ok(obj.to_owned()),
            b"denominator" => return Ok(vm.ctx.new_int(1).into()),
            _ => {}
        }
    }
    let modules = vm.sys_module.get_attr("modules", vm)?;
    let np = modules.get_item("numpy", vm)?;
    let f = np.get_attr("_scalar_getattr", vm)?;
    f.call((obj.to_owned(), name.to_owned()), vm)
}

/// `hash(x)`: the hash of the Python number of the same value (so dict keys mix the two).
pub fn hash(obj: &PyObject, _vm: &VirtualMachine) -> PyResult<PyHash> {
    if let Some(i) = obj.downcast_ref::<PyInt>() {
        return Ok(hash_bigint(i.as_bigint()));
    }
    if let Some(f) = obj.downcast_ref::<PyFloat>() {
        let v = f.to_f64();
        return Ok(hash_float(v).unwrap_or_else(|| {
            rustpython_vm::common::hash::hash_pointer(obj as *const PyObject as usize)
        }));
    }
    Ok(0)
}

/// An exception of class `name` from `numpy.exceptions` (`AxisError`, `UFuncTypeError`), or a
/// `TypeError` when the class is not there.
pub fn numpy_error(
    name: &'static str,
    message: &str,
    vm: &VirtualMachine,
) -> rustpython_vm::builtins::PyBaseExceptionRef {
    let made = vm
        .sys_module
        .get_attr("modules", vm)
        .and_then(|m| m.get_item("numpy.exceptions", vm))
        .and_then(|m| m.get_attr(name, vm))
        .and_then(|c| c.call((message.to_owned(),), vm));
    match made.map(|e| e.downcast::<rustpython_vm::builtins::PyBaseException>()) {
        Ok(Ok(e)) => e,
        _ => vm.new_type_error(message.to_owned()),
    }
}

/// An integer operand as `i128` (`uint64` bit patterns read unsigned).
fn wide(v: i64, d: Option<DType>) -> i128 {
    if d == Some(DType::UInt64) {
        v as u64 as i128
    } else {
        v as i128
    }
}

fn compare_values<T: PartialOrd>(op: PyComparisonOp, x: T, y: T) -> bool {
    match op {
        PyComparisonOp::Lt => x < y,
        PyComparisonOp::Le => x <= y,
        PyComparisonOp::Eq => x == y,
        PyComparisonOp::Ne => x != y,
        PyComparisonOp::Gt => x > y,
        PyComparisonOp::Ge => x >= y,
    }
}

/// `a op b` for a numpy scalar `a`: an `np.bool_` for numbers (numpy compares by value after
/// promotion), `NotImplemented` for arrays (the array answers) and other objects.
pub fn richcompare(
    a: &PyObject,
    b: &PyObject,
    op: PyComparisonOp,
    vm: &VirtualMachine,
) -> PyResult<Either<PyObjectRef, PyComparisonValue>> {
    // Fast path: integer payloads hold the exact value (uint64 included), whatever the dtypes.
    if let (Some(x), Some(y)) = (a.downcast_ref::<PyInt>(), b.downcast_ref::<PyInt>()) {
        if !b.class().is(vm.ctx.types.bool_type) {
            let r = compare_values(op, x.as_bigint(), y.as_bigint());
            return Ok(Either::A(np_bool(r, vm)));
        }
    }
    let (Some(x), Some(y)) = (num(a, vm), num(b, vm)) else {
        if b.downcast_ref::<PyInt>().is_some() && !b.class().is(vm.ctx.types.bool_type) {
            // A Python int beyond int64: compare the Python values.
            let plain = super::scalar_ops::plain(a, vm);
            let r = plain.rich_compare_bool(b, op, vm)?;
            return Ok(Either::A(np_bool(r, vm)));
        }
        return Ok(Either::B(PyComparisonValue::NotImplemented));
    };
    let r = match (x, y) {
        (Num::Int(x, dx), Num::Int(y, dy)) => compare_values(op, wide(x, dx), wide(y, dy)),
        (Num::Float(x, _), Num::Float(y, _)) => compare_values(op, x, y),
        (Num::Int(x, dx), Num::Float(y, _)) => compare_values(op, wide(x, dx) as f64, y),
        (Num::Float(x, _), Num::Int(y, dy)) => compare_values(op, x, wide(y, dy) as f64),
    };
    Ok(Either::A(np_bool(r, vm)))
}

/// `float32` text the way numpy prints it: the shortest digits that read back as the same
/// `float32`, positional for 1e-4 <= |x| < 1e6, else scientific (`1e+20`).
pub fn float32_text(f: f64) -> String {
    let x = f as f32;
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    let a = (x as f64).abs();
    if a == 0.0 || (1e-4..1e6).contains(&a) {
        let s = format!("{x}");
        return if s.contains('.') { s } else { s + ".0" };
    }
    let s = format!("{x:e}");
    match s.split_once('e') {
        Some((mantissa, exp)) => {
            let (sign, digits) = match exp.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', exp),
            };
            format!("{mantissa}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

/// `str(x)` of a numpy scalar.
pub fn str_of(obj: &PyObject, vm: &VirtualMachine) -> PyResult<String> {
    let (s, d) = value_of(obj, vm)?;
    Ok(match (s, d) {
        (Scalar::Float(f), DType::Float32) => float32_text(f),
        _ => plain_to_py_typed(s, d, vm)
            .str(vm)?
            .to_string_lossy()
            .into_owned(),
    })
}

/// `repr(x)`: `np.int64(3)`, `np.float32(0.1)`, `np.True_`.
pub fn repr_of(obj: &PyObject, vm: &VirtualMachine) -> PyResult<String> {
    let (s, d) = value_of(obj, vm)?;
    Ok(match s {
        Scalar::Bool(b) => if b { "np.True_" } else { "np.False_" }.to_owned(),
        Scalar::Float(_) if d == DType::Float64 => format!(
            "np.float64({})",
            plain_to_py_typed(s, d, vm).repr(vm)?.to_string_lossy()
        ),
        _ => format!("np.{}({})", d.name(), str_of(obj, vm)?),
    })
}

/// numpy's `round(x, decimals)`: multiply, round half to even, divide (in the value's own
/// precision), so `np.round(2.675, 2) == 2.68` where Python's `round` gives 2.67.
pub fn round_value(s: Scalar, d: DType, decimals: i64) -> Scalar {
    let decimals = decimals.clamp(-400, 400) as i32;
    match s {
        Scalar::Bool(_) => s,
        Scalar::Int(_) if decimals >= 0 => s,
        Scalar::Int(i) => {
            let f = 10f64.powi(-decimals);
            let r = (super::dense::int_to_float(i, d) / f).round_ties_even() * f;
            Scalar::Int(super::dense::float_to_int(r, d))
        }
        Scalar::Float(x) if d == DType::Float32 => {
            let x = x as f32;
            let r = if decimals >= 0 {
                let f = 10f32.powi(decimals);
                (x * f).round_ties_even() / f
            } else {
                let f = 10f32.powi(-decimals);
                (x / f).round_ties_even() * f
            };
            Scalar::Float(r as f64)
        }
        Scalar::Float(x) => Scalar::Float(if decimals >= 0 {
            let f = 10f64.powi(decimals);
            let y = x * f;
            if y.is_infinite() {
                x
            } else {
                y.round_ties_even() / f
            }
        } else {
            let f = 10f64.powi(-decimals);
            (x / f).round_ties_even() * f
        }),
    }
}

/// `x.round(decimals=0)`: a scalar of the same type.
pub fn round(obj: &PyObject, decimals: Option<&PyObjectRef>, vm: &VirtualMachine) -> PyResult {
    let (s, d) = value_of(obj, vm)?;
    if d == DType::Bool {
        // numpy rounds bools in float16, which this module does not have.
        return Err(numpy_error(
            "UFuncTypeError",
            "ufunc 'round' not supported for boolean input in this module",
            vm,
        ));
    }
    let decimals = match decimals {
        Some(v) if !vm.is_none(v) => super::args::to_i64(v, vm)?,
        _ => 0,
    };
    Ok(scalar_to_py(round_value(s, d, decimals), d, vm))
}

/// `round(x)` (a Python `int`, half to even) and `round(x, n)` (a numpy scalar).
pub fn dunder_round(
    obj: &PyObject,
    ndigits: Option<&PyObjectRef>,
    vm: &VirtualMachine,
) -> PyResult {
    if ndigits.is_some_and(|n| !vm.is_none(n)) {
        return round(obj, ndigits, vm);
    }
    let (s, d) = value_of(obj, vm)?;
    match s {
        Scalar::Float(f) => {
            if f.is_nan() {
                return Err(vm.new_value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(vm.new_overflow_error("cannot convert float infinity to integer"));
            }
            let r = f.round_ties_even();
            Ok(vm
                .ctx
                .new_int(rustpython_vm::builtins::try_f64_to_bigint(r, vm)?)
                .into())
        }
        _ => Ok(plain_to_py_typed(cast_scalar(s, DType::Int64), d, vm)),
    }
}

/// `x.item(*args)`: no argument, `0`, `-1` or `()` name the only element.
pub fn item_at(obj: &PyObject, args: &FuncArgs, vm: &VirtualMachine) -> PyResult {
    match args.args.as_slice() {
        [] => {}
        [i] if i
            .downcast_ref::<rustpython_vm::builtins::PyTuple>()
            .is_some_and(|t| t.is_empty()) => {}
        [i] => {
            let k = super::args::to_i64(i, vm)?;
            if k != 0 && k != -1 {
                return Err(vm.new_index_error(format!("index {k} is out of bounds for size 1")));
            }
        }
        _ => return Err(vm.new_value_error("incorrect number of indices for array")),
    }
    item(obj, vm)
}

/// `x.item()` / `x.tolist()`: the Python number.
pub fn item(obj: &PyObject, vm: &VirtualMachine) -> PyResult {
    let (s, d) = value_of(obj, vm)?;
    Ok(plain_to_py_typed(s, d, vm))
}

/// `x.astype(dtype)`: numpy's C cast to another scalar type.
pub fn astype(obj: &PyObject, dtype: &PyObject, vm: &VirtualMachine) -> PyResult {
    let to = parse_dtype(dtype, vm)?;
    let (s, _) = value_of(obj, vm)?;
    Ok(scalar_to_py(cast_scalar(s, to), to, vm))
}

/// `x.dtype`.
pub fn dtype_of(obj: &PyObject, vm: &VirtualMachine) -> PyResult {
    Ok(PyDType {
        dtype: value_of(obj, vm)?.1,
    }
    .into_pyobject(vm))
}

/// `x.is_integer()`.
pub fn is_integer(obj: &PyObject, vm: &VirtualMachine) -> PyResult<bool> {
    Ok(match value_of(obj, vm)?.0 {
        Scalar::Float(f) => f.is_finite() && f.fract() == 0.0,
        _ => true,
    })
}

/// `format(x, spec)`: `str(x)` for an empty spec, else the Python number formatted (a bool as
/// the int it is, as numpy does).
pub fn format(obj: &PyObject, spec: &PyObject, vm: &VirtualMachine) -> PyResult {
    let spec_text = spec.str(vm)?;
    if spec_text.as_wtf8().is_empty() {
        return Ok(vm.ctx.new_str(str_of(obj, vm)?).into());
    }
    let (s, d) = value_of(obj, vm)?;
    let plain = match s {
        Scalar::Bool(b) => vm.ctx.new_int(b as i64).into(),
        _ => plain_to_py_typed(s, d, vm),
    };
    vm.call_method(&plain, "__format__", (spec.to_owned(),))
}

/// `x.imag`: zero of the same type.
pub fn imag(obj: &PyObject, vm: &VirtualMachine) -> PyResult {
    let (_, d) = value_of(obj, vm)?;
    Ok(scalar_to_py(cast_scalar(Scalar::Int(0), d), d, vm))
}

/// `x.itemsize`.
pub fn itemsize(obj: &PyObject, vm: &VirtualMachine) -> PyResult<usize> {
    Ok(value_of(obj, vm)?.1.itemsize())
}

/// Implements the slot traits every scalar class shares (number protocol, comparisons, hash,
/// attribute lookup, repr) for `$ident`.
macro_rules! scalar_slots {
    ($ident:ident) => {
        impl rustpython_vm::types::AsNumber for $ident {
            fn as_number() -> &'static rustpython_vm::protocol::PyNumberMethods {
                &super::scalar_ops::SCALAR_NUMBER_METHODS
            }
        }

        impl rustpython_vm::types::Comparable for $ident {
            fn slot_richcompare(
                zelf: &rustpython_vm::PyObject,
                other: &rustpython_vm::PyObject,
                op: rustpython_vm::types::PyComparisonOp,
                vm: &rustpython_vm::VirtualMachine,
            ) -> rustpython_vm::PyResult<
                rustpython_vm::function::Either<
                    rustpython_vm::PyObjectRef,
                    rustpython_vm::function::PyComparisonValue,
                >,
            > {
                super::scalar_api::richcompare(zelf, other, op, vm)
            }

            fn cmp(
                zelf: &rustpython_vm::Py<Self>,
                other: &rustpython_vm::PyObject,
                op: rustpython_vm::types::PyComparisonOp,
                vm: &rustpython_vm::VirtualMachine,
            ) -> rustpython_vm::PyResult<rustpython_vm::function::PyComparisonValue> {
                use rustpython_vm::AsObject;
                Ok(
                    match super::scalar_api::richcompare(zelf.as_object(), other, op, vm)? {
                        rustpython_vm::function::Either::A(obj) => {
                            rustpython_vm::function::PyComparisonValue::Implemented(
                                obj.try_to_bool(vm)?,
                            )
                        }
                        rustpython_vm::function::Either::B(v) => v,
                    },
                )
            }
        }

        impl rustpython_vm::types::Hashable for $ident {
            fn hash(
                zelf: &rustpython_vm::Py<Self>,
                vm: &rustpython_vm::VirtualMachine,
            ) -> rustpython_vm::PyResult<rustpython_vm::common::hash::PyHash> {
                use rustpython_vm::AsObject;
                super::scalar_api::hash(zelf.as_object(), vm)
            }
        }

        impl rustpython_vm::types::GetAttr for $ident {
            fn getattro(
                zelf: &rustpython_vm::Py<Self>,
                name: &rustpython_vm::Py<rustpython_vm::builtins::PyStr>,
                vm: &rustpython_vm::VirtualMachine,
            ) -> rustpython_vm::PyResult {
                use rustpython_vm::AsObject;
                super::scalar_api::getattro(zelf.as_object(), name, vm)
            }
        }

        impl rustpython_vm::types::Representable for $ident {
            fn repr_str(
                zelf: &rustpython_vm::Py<Self>,
                vm: &rustpython_vm::VirtualMachine,
            ) -> rustpython_vm::PyResult<String> {
                use rustpython_vm::AsObject;
                super::scalar_api::repr_of(zelf.as_object(), vm)
            }
        }
    };
}
pub(super) use scalar_slots;

/// The `#[pyclass]` impl block of a scalar base class: the methods and attributes every numpy
/// scalar has, plus `$extra` items. The class implements `Constructor`, `AsNumber`, `Comparable`,
/// `Hashable`, `GetAttr` and `Representable` (names in scope where the macro is used).
macro_rules! scalar_methods {
    ($ident:ident, { $($extra:tt)* }) => {
        #[rustpython_vm::pyclass(
            flags(BASETYPE, IMMUTABLETYPE),
            with(Constructor, AsNumber, Comparable, Hashable, GetAttr, Representable)
        )]
        impl $ident {
            #[pyslot]
            fn slot_str(
                zelf: &rustpython_vm::PyObject,
                vm: &rustpython_vm::VirtualMachine,
            ) -> rustpython_vm::PyResult<rustpython_vm::builtins::PyStrRef> {
                Ok(vm.ctx.new_str(super::scalar_api::str_of(zelf, vm)?))
            }

            #[pymethod]
            fn item(
                zelf: rustpython_vm::PyRef<Self>,
                args: rustpython_vm::function::FuncArgs,
                vm: &rustpython_vm::VirtualMachine,
            ) -> rustpython_vm::PyResult {
                super::scalar_api::item_at(zelf.as_object(), &args, vm)
            }

            #[pymethod]
            fn tolist(
                zelf: rustpython_vm::PyRef<Self>,
                vm: &rustpython_vm::VirtualMachine,
            ) -> rustpython_vm::PyResult {
                super::scalar_api::item(zelf.as_object(), vm)
            }

            #[pymethod]
            fn astype(
                zelf: rustpython_vm::PyRef<Self>,
                args: rustpython_vm::function::FuncArgs,
                vm: &rustpython_vm::VirtualMachine,
            ) -> rustpython_vm::PyResult {
                let b = super::args::bind(
                    "astype",
                    args,
                    &["dtype", "order", "casting", "subok", "copy"],
                    1,
                    vm,
                )?;
                super::scalar_api::astype(zelf.as_object(), b.req("dtype", vm)?, vm)
            }

            #[pymethod]
            fn round(
                zelf: rustpython_vm::PyRef<Self>,
                args: rustpython_vm::function::FuncArgs,
                vm: &rustpython_vm::VirtualMachine,
            ) -> rustpython_vm::PyResult {
                let b = super::args::bind("round", args, &["decimals", "out"], 0, vm)?;
                super::scalar_api::round(zelf.as_object(), b.get("decimals", vm), vm)
            }

            #[pymethod]
            fn __format__(
                zelf: rustpython_vm::PyRef<Self>,
                spec: rustpython_vm::PyObjectRef,
                vm: &rustpython_vm::VirtualMachine,
            ) -> rustpython_vm::PyResult {
                super::scalar_api::format(zelf.as_object(), &spec, vm)
            }

            #[pymethod]
            fn __copy__(zelf: rustpython_vm::PyRef<Self>) -> rustpython_vm::PyRef<Self> {
                zelf
            }

            #[pymethod]
            fn __deepcopy__(
                zelf: rustpython_vm::PyRef<Self>,
                _memo: rustpython_vm::PyObjectRef,
            ) -> rustpython_vm::PyRef<Self> {
                zelf
            }

            #[pymethod]
            fn conjugate(zelf: rustpython_vm::PyRef<Self>) -> rustpython_vm::PyRef<Self> {
                zelf
            }

            #[pygetset]
            fn dtype(
                zelf: rustpython_vm::PyRef<Self>,
                vm: &rustpython_vm::VirtualMachine,
            ) -> rustpython_vm::PyResult {
                super::scalar_api::dtype_of(zelf.as_object(), vm)
            }

            #[pygetset]
            fn shape(&self, vm: &rustpython_vm::VirtualMachine) -> rustpython_vm::PyObjectRef {
                vm.ctx.empty_tuple.clone().into()
            }

            #[pygetset]
            fn strides(&self, vm: &rustpython_vm::VirtualMachine) -> rustpython_vm::PyObjectRef {
                vm.ctx.empty_tuple.clone().into()
            }

            #[pygetset]
            fn ndim(&self) -> usize {
                0
            }

            #[pygetset]
            fn size(&self) -> usize {
                1
            }

            #[pygetset]
            fn itemsize(
                zelf: rustpython_vm::PyRef<Self>,
                vm: &rustpython_vm::VirtualMachine,
            ) -> rustpython_vm::PyResult<usize> {
                super::scalar_api::itemsize(zelf.as_object(), vm)
            }

            #[pygetset]
            fn nbytes(
                zelf: rustpython_vm::PyRef<Self>,
                vm: &rustpython_vm::VirtualMachine,
            ) -> rustpython_vm::PyResult<usize> {
                super::scalar_api::itemsize(zelf.as_object(), vm)
            }

            #[pygetset]
            fn real(zelf: rustpython_vm::PyRef<Self>) -> rustpython_vm::PyRef<Self> {
                zelf
            }

            #[pygetset]
            fn imag(
                zelf: rustpython_vm::PyRef<Self>,
                vm: &rustpython_vm::VirtualMachine,
            ) -> rustpython_vm::PyResult {
                super::scalar_api::imag(zelf.as_object(), vm)
            }

            #[pygetset(name = "T")]
            fn transposed(zelf: rustpython_vm::PyRef<Self>) -> rustpython_vm::PyRef<Self> {
                zelf
            }

            #[pygetset]
            fn base(&self, vm: &rustpython_vm::VirtualMachine) -> rustpython_vm::PyObjectRef {
                vm.ctx.none()
            }

            $($extra)*
        }
    };
}
pub(super) use scalar_methods;
