//! numpy scalar types: `np.int64`, `np.int32`, `np.int16`, `np.int8`, `np.uint8` (subclasses of
//! Python `int`), `np.float64` (a subclass of `float`) and `np.bool_`.
//!
//! Element access and full reductions return these, as numpy does, so `a[0, 0].item()`,
//! `x.dtype` and `isinstance(x, np.integer)` work. Each integer class is a native subclass of
//! `int` whose payload is a plain `PyInt`, so instances hash, compare and index like ints and
//! `downcast_ref::<PyInt>()` accepts them; likewise `np.float64` over `PyFloat`. Arithmetic
//! returns numpy scalars (see `scalar_ops.rs`); comparisons return Python `bool`s. Bool elements
//! are `np.True_`/`np.False_` (see `bool_scalar.rs`).
//!
//! Small integers are cached per class (like CPython's small ints), so reading a grid cell costs
//! no allocation.

use super::array::{cast_scalar, from_dense_or_scalar, parse_dtype, py_scalar, to_dense, PyDType};
use super::bool_scalar::{np_bool, NpBool};
use super::dense::{DType, Scalar};
use rustpython_vm::builtins::{PyFloat, PyInt, PyStr, PyStrRef, PyType, PyTypeRef};
use rustpython_vm::class::{PyClassImpl, StaticType};
use rustpython_vm::function::FuncArgs;
use rustpython_vm::protocol::PyNumberMethods;
use rustpython_vm::types::{AsNumber, Constructor, Representable};
use rustpython_vm::{
    AsObject, Py, PyObject, PyObjectRef, PyPayload, PyRef, PyResult, VirtualMachine,
};
use std::cell::OnceCell;
use std::mem::ManuallyDrop;

/// `numpy.integer`: the base of every integer scalar class (a subclass of `int` here).
#[rustpython_vm::pyclass(module = "numpy", name = "integer", base = PyInt)]
#[repr(transparent)]
#[derive(Debug)]
pub struct NpInteger(PyInt);

/// `numpy.signedinteger`.
#[rustpython_vm::pyclass(module = "numpy", name = "signedinteger", base = NpInteger)]
#[repr(transparent)]
#[derive(Debug)]
pub struct NpSignedInteger(NpInteger);

/// `numpy.unsignedinteger`.
#[rustpython_vm::pyclass(module = "numpy", name = "unsignedinteger", base = NpInteger)]
#[repr(transparent)]
#[derive(Debug)]
pub struct NpUnsignedInteger(NpInteger);

/// `numpy.floating`: the base of `float64` (a subclass of `float` here).
#[rustpython_vm::pyclass(module = "numpy", name = "floating", base = PyFloat)]
#[repr(transparent)]
#[derive(Debug)]
pub struct NpFloating(PyFloat);

/// Defines one concrete scalar class over `$base`, constructed by converting to `$dtype`.
macro_rules! leaf_class {
    ($(#[$doc:meta])* $ident:ident, $name:literal, $base:ident, $dtype:expr) => {
        $(#[$doc])*
        #[rustpython_vm::pyclass(module = "numpy", name = $name, base = $base)]
        #[repr(transparent)]
        #[derive(Debug)]
        pub struct $ident($base);

        impl Constructor for $ident {
            type Args = FuncArgs;

            fn slot_new(_cls: PyTypeRef, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
                construct($dtype, &args, vm)
            }

            fn py_new(_cls: &Py<PyType>, _args: FuncArgs, vm: &VirtualMachine) -> PyResult<Self> {
                Err(vm.new_type_error(concat!("cannot create 'numpy.", $name, "' this way")))
            }
        }

        // Right-hand number slots are not inherited from a native base: set them on each class.
        impl AsNumber for $ident {
            fn as_number() -> &'static PyNumberMethods {
                &super::scalar_ops::SCALAR_NUMBER_METHODS
            }
        }

        #[rustpython_vm::pyclass(flags(IMMUTABLETYPE), with(Constructor, AsNumber))]
        impl $ident {}
    };
}

leaf_class!(
    /// `numpy.int64` (also `np.int_`, `np.intp`).
    NpInt64, "int64", NpSignedInteger, DType::Int64
);
leaf_class!(
    /// `numpy.int32`.
    NpInt32, "int32", NpSignedInteger, DType::Int32
);
leaf_class!(
    /// `numpy.int16`.
    NpInt16, "int16", NpSignedInteger, DType::Int16
);
leaf_class!(
    /// `numpy.int8`.
    NpInt8, "int8", NpSignedInteger, DType::Int8
);
leaf_class!(
    /// `numpy.uint8`.
    NpUInt8, "uint8", NpUnsignedInteger, DType::UInt8
);
leaf_class!(
    /// `numpy.float64` (also `np.double`).
    NpFloat64, "float64", NpFloating, DType::Float64
);

/// Creates every scalar class (bases first); `install` calls it before anything else needs them.
pub fn make_types() -> Vec<(&'static str, PyTypeRef)> {
    vec![
        ("integer", NpInteger::make_static_type()),
        ("signedinteger", NpSignedInteger::make_static_type()),
        ("unsignedinteger", NpUnsignedInteger::make_static_type()),
        ("floating", NpFloating::make_static_type()),
        ("int64", NpInt64::make_static_type()),
        ("int_", NpInt64::make_static_type()),
        ("intp", NpInt64::make_static_type()),
        ("int32", NpInt32::make_static_type()),
        ("int16", NpInt16::make_static_type()),
        ("int8", NpInt8::make_static_type()),
        ("uint8", NpUInt8::make_static_type()),
        ("float64", NpFloat64::make_static_type()),
        ("double", NpFloat64::make_static_type()),
        ("bool_", NpBool::make_static_type()),
        ("bool", NpBool::make_static_type()),
    ]
}

/// The scalar class of a dtype (`dtype.type`).
pub fn dtype_class(d: DType) -> PyTypeRef {
    match d {
        DType::Bool => NpBool::make_static_type(),
        DType::Int8 => NpInt8::make_static_type(),
        DType::Int16 => NpInt16::make_static_type(),
        DType::Int32 => NpInt32::make_static_type(),
        DType::Int64 => NpInt64::make_static_type(),
        DType::UInt8 => NpUInt8::make_static_type(),
        DType::Float64 => NpFloat64::make_static_type(),
    }
}

/// Whether `cls` is the (already created) static type of `T`.
fn is_class<T: StaticType>(cls: &PyObject) -> bool {
    T::static_cell().get().is_some_and(|t| cls.is(t))
}

/// The dtype a scalar class stands for (`np.int64` → `Int64`), or `None` for other objects.
pub fn class_dtype(cls: &PyObject) -> Option<DType> {
    Some(if is_class::<NpInt64>(cls) {
        DType::Int64
    } else if is_class::<NpUInt8>(cls) {
        DType::UInt8
    } else if is_class::<NpFloat64>(cls) {
        DType::Float64
    } else if is_class::<NpBool>(cls) {
        DType::Bool
    } else if is_class::<NpInt32>(cls) {
        DType::Int32
    } else if is_class::<NpInt16>(cls) {
        DType::Int16
    } else if is_class::<NpInt8>(cls) {
        DType::Int8
    } else {
        return None;
    })
}

/// The dtype of a numpy scalar instance, or `None` for plain Python numbers and other objects.
pub fn instance_dtype(obj: &PyObject, vm: &VirtualMachine) -> Option<DType> {
    let cls = obj.class();
    if cls.is(vm.ctx.types.int_type)
        || cls.is(vm.ctx.types.bool_type)
        || cls.is(vm.ctx.types.float_type)
    {
        return None;
    }
    class_dtype(cls.as_object())
}

/// Smallest and largest cached integer value.
const CACHE_MIN: i64 = -8;
const CACHE_MAX: i64 = 255;

thread_local! {
    /// Cached small values of each integer class, indexed by [`int_slot`]. Never dropped: the
    /// objects are immutable and live as long as the worker thread.
    static SMALL: [OnceCell<ManuallyDrop<Vec<PyObjectRef>>>; 5] = Default::default();
}

/// Position of an integer dtype in [`SMALL`].
fn int_slot(d: DType) -> usize {
    match d {
        DType::Int32 => 1,
        DType::Int16 => 2,
        DType::Int8 => 3,
        DType::UInt8 => 4,
        _ => 0,
    }
}

/// A fresh integer scalar of dtype `d` (values are already wrapped to the dtype).
fn alloc_int(v: i64, d: DType, vm: &VirtualMachine) -> PyObjectRef {
    let int = PyInt::from(v);
    match d {
        DType::Int32 => NpInt32(NpSignedInteger(NpInteger(int)))
            .into_ref(&vm.ctx)
            .into(),
        DType::Int16 => NpInt16(NpSignedInteger(NpInteger(int)))
            .into_ref(&vm.ctx)
            .into(),
        DType::Int8 => NpInt8(NpSignedInteger(NpInteger(int)))
            .into_ref(&vm.ctx)
            .into(),
        DType::UInt8 => NpUInt8(NpUnsignedInteger(NpInteger(int)))
            .into_ref(&vm.ctx)
            .into(),
        _ => NpInt64(NpSignedInteger(NpInteger(int)))
            .into_ref(&vm.ctx)
            .into(),
    }
}

/// The numpy integer scalar `v` of dtype `d`.
pub fn int_scalar(v: i64, d: DType, vm: &VirtualMachine) -> PyObjectRef {
    if !(CACHE_MIN..=CACHE_MAX).contains(&v) {
        return alloc_int(v, d, vm);
    }
    SMALL.with(|cells| {
        let cached = cells[int_slot(d)].get_or_init(|| {
            ManuallyDrop::new(
                (CACHE_MIN..=CACHE_MAX)
                    .map(|i| alloc_int(i, d, vm))
                    .collect(),
            )
        });
        cached[(v - CACHE_MIN) as usize].clone()
    })
}

/// The numpy scalar for one element of a `dtype` array: `np.int64(3)`, `np.float64(1.5)`, or a
/// cached `np.True_`/`np.False_` for bool arrays.
pub fn scalar_to_py(s: Scalar, dtype: DType, vm: &VirtualMachine) -> PyObjectRef {
    match s {
        Scalar::Bool(b) => np_bool(b, vm),
        Scalar::Int(i) => int_scalar(i, dtype, vm),
        Scalar::Float(f) => NpFloat64(NpFloating(PyFloat::from(f)))
            .into_ref(&vm.ctx)
            .into(),
    }
}

/// A plain Python `int`/`float`/`bool` for one element (`.item()`, `.tolist()`).
pub fn plain_to_py(s: Scalar, vm: &VirtualMachine) -> PyObjectRef {
    match s {
        Scalar::Bool(b) => vm.ctx.new_bool(b).into(),
        Scalar::Int(i) => vm.ctx.new_int(i).into(),
        Scalar::Float(f) => vm.ctx.new_float(f).into(),
    }
}

/// `np.int64(x)` and friends: a scalar of `dtype`, or an array for array-like input. Python
/// numbers out of an integer dtype's range raise `OverflowError`, as in numpy 2.
pub(super) fn construct(dtype: DType, args: &FuncArgs, vm: &VirtualMachine) -> PyResult {
    if !args.kwargs.is_empty() || args.args.len() > 1 {
        return Err(vm.new_type_error(format!(
            "numpy.{}() takes at most 1 positional argument",
            dtype.name()
        )));
    }
    convert(dtype, args.args.first(), vm)
}

/// Converts `value` (absent: zero) to `dtype`, as `np.int64(value)` does.
pub fn convert(dtype: DType, value: Option<&PyObjectRef>, vm: &VirtualMachine) -> PyResult {
    let Some(value) = value else {
        return Ok(scalar_to_py(cast_scalar(Scalar::Int(0), dtype), dtype, vm));
    };
    if let Some(s) = py_scalar(value, vm)? {
        if dtype.is_int() && instance_dtype(value, vm).is_none() {
            check_bounds(s, dtype, vm)?;
        }
        return Ok(scalar_to_py(cast_scalar(s, dtype), dtype, vm));
    }
    if let Some(s) = value.downcast_ref::<PyStr>() {
        let text = s.to_string_lossy();
        let text = text.trim();
        let parsed = match dtype {
            DType::Float64 => text.parse::<f64>().ok().map(Scalar::Float),
            DType::Bool => Some(Scalar::Bool(!text.is_empty())),
            _ => text.parse::<i64>().ok().map(Scalar::Int),
        };
        let Some(parsed) = parsed else {
            return Err(vm.new_value_error(if dtype == DType::Float64 {
                format!("could not convert string to float: '{text}'")
            } else {
                format!("invalid literal for int() with base 10: '{text}'")
            }));
        };
        if dtype.is_int() {
            check_bounds(parsed, dtype, vm)?;
        }
        return Ok(scalar_to_py(cast_scalar(parsed, dtype), dtype, vm));
    }
    if vm.is_none(value) {
        return Err(vm.new_type_error(
            "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
        ));
    }
    let d = to_dense(value, vm)?;
    Ok(from_dense_or_scalar(d.astype(dtype), vm))
}

/// numpy 2's check that a Python number fits an integer dtype.
fn check_bounds(s: Scalar, dtype: DType, vm: &VirtualMachine) -> PyResult<()> {
    let v = match s {
        Scalar::Int(i) => i,
        Scalar::Float(f) if f.is_finite() => f.trunc() as i64,
        _ => return Ok(()),
    };
    if dtype.wrap_int(v) != v {
        return Err(vm.new_overflow_error(format!(
            "Python integer {v} out of bounds for {}",
            dtype.name()
        )));
    }
    Ok(())
}

/// The value and dtype of a numpy scalar instance (falls back to `int64`/`float64`).
fn value_of(zelf: &PyObject, vm: &VirtualMachine) -> PyResult<(Scalar, DType)> {
    let s = py_scalar(zelf, vm)?.unwrap_or(Scalar::Int(0));
    let d = instance_dtype(zelf, vm).unwrap_or(match s {
        Scalar::Float(_) => DType::Float64,
        _ => DType::Int64,
    });
    Ok((s, d))
}

/// Methods shared by integer and float scalars.
fn item(zelf: &PyObject, vm: &VirtualMachine) -> PyResult {
    Ok(plain_to_py(value_of(zelf, vm)?.0, vm))
}

fn dtype_of(zelf: &PyObject, vm: &VirtualMachine) -> PyResult {
    Ok(PyDType {
        dtype: value_of(zelf, vm)?.1,
    }
    .into_pyobject(vm))
}

fn astype(zelf: &PyObject, dtype: &PyObject, vm: &VirtualMachine) -> PyResult {
    let to = parse_dtype(dtype, vm)?;
    let (s, _) = value_of(zelf, vm)?;
    Ok(scalar_to_py(cast_scalar(s, to), to, vm))
}

fn repr_of(zelf: &PyObject, vm: &VirtualMachine) -> PyResult<String> {
    let plain = item(zelf, vm)?.repr(vm)?;
    Ok(format!(
        "np.{}({})",
        zelf.class().name(),
        plain.to_string_lossy()
    ))
}

fn str_of(zelf: &PyObject, vm: &VirtualMachine) -> PyResult<PyStrRef> {
    item(zelf, vm)?.str(vm)
}

/// Defines the numpy-scalar methods on an abstract base class.
macro_rules! scalar_methods {
    ($ident:ident) => {
        impl AsNumber for $ident {
            fn as_number() -> &'static PyNumberMethods {
                &super::scalar_ops::SCALAR_NUMBER_METHODS
            }
        }

        impl Representable for $ident {
            fn repr_str(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<String> {
                repr_of(zelf.as_object(), vm)
            }
        }

        #[rustpython_vm::pyclass(
            flags(BASETYPE, IMMUTABLETYPE),
            with(Representable, Constructor, AsNumber)
        )]
        impl $ident {
            #[pyslot]
            fn slot_str(zelf: &PyObject, vm: &VirtualMachine) -> PyResult<PyStrRef> {
                str_of(zelf, vm)
            }

            #[pymethod]
            fn item(zelf: PyRef<Self>, _args: FuncArgs, vm: &VirtualMachine) -> PyResult {
                item(zelf.as_object(), vm)
            }

            #[pymethod]
            fn tolist(zelf: PyRef<Self>, vm: &VirtualMachine) -> PyResult {
                item(zelf.as_object(), vm)
            }

            #[pymethod]
            fn astype(zelf: PyRef<Self>, dtype: PyObjectRef, vm: &VirtualMachine) -> PyResult {
                astype(zelf.as_object(), &dtype, vm)
            }

            #[pygetset]
            fn dtype(zelf: PyRef<Self>, vm: &VirtualMachine) -> PyResult {
                dtype_of(zelf.as_object(), vm)
            }

            #[pygetset]
            fn shape(&self, vm: &VirtualMachine) -> PyObjectRef {
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
        }
    };
}

/// Makes an abstract class refuse instances, as numpy's `np.integer(3)` does.
macro_rules! abstract_constructor {
    ($ident:ident, $name:literal) => {
        impl Constructor for $ident {
            type Args = FuncArgs;

            fn slot_new(_cls: PyTypeRef, _args: FuncArgs, vm: &VirtualMachine) -> PyResult {
                Err(vm.new_type_error(concat!("cannot create 'numpy.", $name, "' instances")))
            }

            fn py_new(_cls: &Py<PyType>, _args: FuncArgs, vm: &VirtualMachine) -> PyResult<Self> {
                Err(vm.new_type_error(concat!("cannot create 'numpy.", $name, "' instances")))
            }
        }
    };
}

scalar_methods!(NpInteger);
scalar_methods!(NpFloating);
abstract_constructor!(NpInteger, "integer");
abstract_constructor!(NpFloating, "floating");
abstract_constructor!(NpSignedInteger, "signedinteger");
abstract_constructor!(NpUnsignedInteger, "unsignedinteger");

#[rustpython_vm::pyclass(flags(BASETYPE, IMMUTABLETYPE), with(Constructor))]
impl NpSignedInteger {}

#[rustpython_vm::pyclass(flags(BASETYPE, IMMUTABLETYPE), with(Constructor))]
impl NpUnsignedInteger {}

/// Python for the abstract `np.number` (int and float scalars) and `np.generic` (also bools).
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
class generic(metaclass=_AbstractScalarMeta):
    __slots__ = ()
    __module__ = 'numpy'
    _members = (_integer, _floating, _bool)
";
