//! numpy scalar types: the integer classes (`np.int8` .. `np.int64`, `np.uint8` .. `np.uint64`),
//! `np.float64` (a subclass of `float`, as in numpy), `np.float32` and `np.bool_`.
//!
//! Element access and full reductions return these, as numpy does, so `a[0, 0].item()`,
//! `x.dtype` and `isinstance(x, np.integer)` work. Each integer class is a native class whose
//! payload is a plain `PyInt`, so the interpreter's own integer paths (`downcast_ref::<PyInt>()`,
//! list indexing, `range`, `%d`) accept them without a copy; likewise the float classes over
//! `PyFloat`. But in numpy 2 `np.int64` is *not* an `int` and `np.float32` not a `float`: after
//! the classes are built, [`make_types`] takes `int` (and `float` for `float32`) out of their MRO, so
//! `isinstance`, `issubclass` and attribute lookup see numpy's hierarchy while the slots copied at
//! creation (hash, number protocol) keep working. The Python-visible API (methods, comparisons,
//! `repr`) lives in `scalar_api.rs`, arithmetic in `scalar_ops.rs`, `np.bool_` in `bool_scalar.rs`.
//!
//! Small integers are cached per class (like CPython's small ints), so reading a grid cell costs
//! no allocation.

use super::array::{cast_scalar, from_dense_or_scalar, py_scalar};
use super::bool_scalar::{np_bool, NpBool};
use super::dense::{DType, Scalar};
use rustpython_vm::builtins::{PyFloat, PyInt, PyStr, PyType, PyTypeRef};
use rustpython_vm::class::PyClassImpl;
use rustpython_vm::function::FuncArgs;
use rustpython_vm::types::{AsNumber, Comparable, Constructor, GetAttr, Hashable, Representable};
use rustpython_vm::{
    AsObject, Py, PyObject, PyObjectRef, PyPayload, PyRef, PyResult, VirtualMachine,
};
use std::cell::OnceCell;
use std::mem::ManuallyDrop;

/// `numpy.integer`: the base of every integer scalar class (its payload is a `PyInt`; `int` is
/// taken out of its MRO by [`make_types`]).
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

/// `numpy.floating`: the base of `float64` (a subclass of `float`, as in numpy) and `float32`
/// (which is not: [`make_types`] takes `float` out of its MRO).
#[rustpython_vm::pyclass(module = "numpy", name = "floating", base = PyFloat)]
#[repr(transparent)]
#[derive(Debug)]
pub struct NpFloating(PyFloat);

/// Defines one concrete scalar class over `$base`, constructed by converting to `$dtype`. Slots
/// are set on every class rather than trusted to inheritance from a native base.
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

        super::scalar_api::scalar_slots!($ident);

        #[rustpython_vm::pyclass(
            flags(IMMUTABLETYPE),
            with(Constructor, AsNumber, Comparable, Hashable, GetAttr, Representable)
        )]
        impl $ident {}
    };
}

leaf_class!(
    /// `numpy.int64` (also `np.int_`, `np.intp`, `np.long`).
    NpInt64, "int64", NpSignedInteger, DType::Int64
);
leaf_class!(
    /// `numpy.int32` (also `np.intc`).
    NpInt32, "int32", NpSignedInteger, DType::Int32
);
leaf_class!(
    /// `numpy.int16` (also `np.short`).
    NpInt16, "int16", NpSignedInteger, DType::Int16
);
leaf_class!(
    /// `numpy.int8` (also `np.byte`).
    NpInt8, "int8", NpSignedInteger, DType::Int8
);
leaf_class!(
    /// `numpy.uint8` (also `np.ubyte`).
    NpUInt8, "uint8", NpUnsignedInteger, DType::UInt8
);
leaf_class!(
    /// `numpy.uint16` (also `np.ushort`).
    NpUInt16, "uint16", NpUnsignedInteger, DType::UInt16
);
leaf_class!(
    /// `numpy.uint32` (also `np.uintc`).
    NpUInt32, "uint32", NpUnsignedInteger, DType::UInt32
);
leaf_class!(
    /// `numpy.uint64` (also `np.uint`, `np.uintp`, `np.ulong`).
    NpUInt64, "uint64", NpUnsignedInteger, DType::UInt64
);
leaf_class!(
    /// `numpy.float64` (also `np.double`).
    NpFloat64, "float64", NpFloating, DType::Float64
);
leaf_class!(
    /// `numpy.float32` (also `np.single`).
    NpFloat32, "float32", NpFloating, DType::Float32
);

/// Removes `drop` from the MRO of `cls` (see the module docs).
fn drop_from_mro(cls: &Py<PyType>, drop: &Py<PyType>) {
    cls.mro.write().retain(|t| !t.is(drop));
    cls.modified();
}

thread_local! {
    /// Whether this thread's scalar classes have numpy's MRO yet. Static types (and the
    /// interpreter's `int`/`float`) are per thread without rustpython's `threading` feature, so
    /// the fix is made once per thread, before any program runs on it.
    static NUMPY_MRO: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Creates every scalar class (bases first), gives them numpy 2's hierarchy, and returns the
/// names `numpy` exports them under; `install` calls it before anything else needs them.
pub fn make_types(vm: &VirtualMachine) -> Vec<(&'static str, PyTypeRef)> {
    let types = vec![
        ("integer", NpInteger::make_static_type()),
        ("signedinteger", NpSignedInteger::make_static_type()),
        ("unsignedinteger", NpUnsignedInteger::make_static_type()),
        ("floating", NpFloating::make_static_type()),
        ("int64", NpInt64::make_static_type()),
        ("int_", NpInt64::make_static_type()),
        ("intp", NpInt64::make_static_type()),
        ("long", NpInt64::make_static_type()),
        ("longlong", NpInt64::make_static_type()),
        ("int32", NpInt32::make_static_type()),
        ("intc", NpInt32::make_static_type()),
        ("int16", NpInt16::make_static_type()),
        ("short", NpInt16::make_static_type()),
        ("int8", NpInt8::make_static_type()),
        ("byte", NpInt8::make_static_type()),
        ("uint8", NpUInt8::make_static_type()),
        ("ubyte", NpUInt8::make_static_type()),
        ("uint16", NpUInt16::make_static_type()),
        ("ushort", NpUInt16::make_static_type()),
        ("uint32", NpUInt32::make_static_type()),
        ("uintc", NpUInt32::make_static_type()),
        ("uint64", NpUInt64::make_static_type()),
        ("uint", NpUInt64::make_static_type()),
        ("uintp", NpUInt64::make_static_type()),
        ("ulong", NpUInt64::make_static_type()),
        ("ulonglong", NpUInt64::make_static_type()),
        ("float64", NpFloat64::make_static_type()),
        ("double", NpFloat64::make_static_type()),
        ("float32", NpFloat32::make_static_type()),
        ("single", NpFloat32::make_static_type()),
        ("bool_", NpBool::make_static_type()),
        ("bool", NpBool::make_static_type()),
    ];
    if !NUMPY_MRO.replace(true) {
        for (name, cls) in &types {
            if *name == "floating" || *name == "float64" || *name == "double" {
                continue;
            }
            if *name == "float32" {
                drop_from_mro(cls, vm.ctx.types.float_type);
            } else {
                drop_from_mro(cls, vm.ctx.types.int_type);
            }
        }
    }
    types
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
        DType::UInt16 => NpUInt16::make_static_type(),
        DType::UInt32 => NpUInt32::make_static_type(),
        DType::UInt64 => NpUInt64::make_static_type(),
        DType::Float32 => NpFloat32::make_static_type(),
        DType::Float64 => NpFloat64::make_static_type(),
    }
}

thread_local! {
    /// This thread's scalar classes (as addresses) with their dtypes, most frequent first, so
    /// telling a numpy scalar's dtype costs one thread-local access and a few comparisons.
    static CLASS_DTYPES: OnceCell<[(usize, DType); 11]> = const { OnceCell::new() };
}

/// The dtype a scalar class stands for (`np.int64` → `Int64`), or `None` for other objects.
pub fn class_dtype(cls: &PyObject) -> Option<DType> {
    let addr = cls as *const PyObject as usize;
    CLASS_DTYPES.with(|cell| {
        let table = cell.get_or_init(|| {
            // Grid cells are int64, uint8 or bool; the rest are rare.
            [
                DType::Int64,
                DType::UInt8,
                DType::Float64,
                DType::Bool,
                DType::Int32,
                DType::Int16,
                DType::Int8,
                DType::Float32,
                DType::UInt16,
                DType::UInt32,
                DType::UInt64,
            ]
            .map(|d| (dtype_class(d).as_object() as *const PyObject as usize, d))
        });
        table.iter().find(|(a, _)| *a == addr).map(|(_, d)| *d)
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
    static SMALL: [OnceCell<ManuallyDrop<Vec<PyObjectRef>>>; 8] = Default::default();
}

/// Position of an integer dtype in [`SMALL`].
fn int_slot(d: DType) -> usize {
    match d {
        DType::Int32 => 1,
        DType::Int16 => 2,
        DType::Int8 => 3,
        DType::UInt8 => 4,
        DType::UInt16 => 5,
        DType::UInt32 => 6,
        DType::UInt64 => 7,
        _ => 0,
    }
}

/// A fresh integer scalar of dtype `d` (values are already wrapped to the dtype; `uint64`
/// values are bit patterns and become their unsigned value).
fn alloc_int(v: i64, d: DType, vm: &VirtualMachine) -> PyObjectRef {
    let int = if d == DType::UInt64 {
        PyInt::from(v as u64)
    } else {
        PyInt::from(v)
    };
    let signed = |i| NpSignedInteger(NpInteger(i));
    let unsigned = |i| NpUnsignedInteger(NpInteger(i));
    match d {
        DType::Int32 => NpInt32(signed(int)).into_ref(&vm.ctx).into(),
        DType::Int16 => NpInt16(signed(int)).into_ref(&vm.ctx).into(),
        DType::Int8 => NpInt8(signed(int)).into_ref(&vm.ctx).into(),
        DType::UInt8 => NpUInt8(unsigned(int)).into_ref(&vm.ctx).into(),
        DType::UInt16 => NpUInt16(unsigned(int)).into_ref(&vm.ctx).into(),
        DType::UInt32 => NpUInt32(unsigned(int)).into_ref(&vm.ctx).into(),
        DType::UInt64 => NpUInt64(unsigned(int)).into_ref(&vm.ctx).into(),
        _ => NpInt64(signed(int)).into_ref(&vm.ctx).into(),
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

/// The numpy float scalar `f` of dtype `d` (`float32` or `float64`; `f` already rounded).
pub fn float_scalar(f: f64, d: DType, vm: &VirtualMachine) -> PyObjectRef {
    let payload = NpFloating(PyFloat::from(f));
    if d == DType::Float32 {
        NpFloat32(payload).into_ref(&vm.ctx).into()
    } else {
        NpFloat64(payload).into_ref(&vm.ctx).into()
    }
}

/// The numpy scalar for one element of a `dtype` array: `np.int64(3)`, `np.float64(1.5)`, or a
/// cached `np.True_`/`np.False_` for bool arrays.
pub fn scalar_to_py(s: Scalar, dtype: DType, vm: &VirtualMachine) -> PyObjectRef {
    match s {
        Scalar::Bool(b) => np_bool(b, vm),
        Scalar::Int(i) => int_scalar(i, dtype, vm),
        Scalar::Float(f) => float_scalar(f, dtype, vm),
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

/// [`plain_to_py`] for an element of `dtype` (`uint64` bit patterns read unsigned).
pub fn plain_to_py_typed(s: Scalar, dtype: DType, vm: &VirtualMachine) -> PyObjectRef {
    match s {
        Scalar::Int(i) if dtype == DType::UInt64 => vm.ctx.new_int(i as u64).into(),
        _ => plain_to_py(s, vm),
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
    if dtype == DType::UInt64 && value.class().is(vm.ctx.types.int_type) {
        // uint64 holds Python ints up to 2^64 - 1 (kept as their bit pattern).
        if let Some(v) = value
            .downcast_ref::<PyInt>()
            .and_then(|i| u64::try_from(i.as_bigint()).ok())
        {
            return Ok(int_scalar(v as i64, dtype, vm));
        }
    }
    if let Some(s) = py_scalar(value, vm)? {
        if instance_dtype(value, vm).is_none() && super::bool_scalar::np_bool_value(value).is_none()
        {
            super::coerce::check_py_number(s, dtype, vm)?;
        }
        return Ok(scalar_to_py(cast_scalar(s, dtype), dtype, vm));
    }
    if let Some(s) = value.downcast_ref::<PyStr>() {
        let text = s.to_string_lossy();
        let text = text.trim();
        let parsed = match dtype {
            d if d.is_float() => text.parse::<f64>().ok().map(Scalar::Float),
            DType::Bool => Some(Scalar::Bool(!text.is_empty())),
            _ => text.parse::<i64>().ok().map(Scalar::Int),
        };
        let Some(parsed) = parsed else {
            return Err(vm.new_value_error(if dtype.is_float() {
                format!("could not convert string to float: '{text}'")
            } else {
                format!("invalid literal for int() with base 10: '{text}'")
            }));
        };
        super::coerce::check_py_number(parsed, dtype, vm)?;
        return Ok(scalar_to_py(cast_scalar(parsed, dtype), dtype, vm));
    }
    if vm.is_none(value) {
        if dtype.is_float() {
            return Ok(scalar_to_py(Scalar::Float(f64::NAN), dtype, vm));
        }
        return Err(vm.new_type_error(
            "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
        ));
    }
    let d = super::coerce::to_dense_as(value, Some(dtype), vm)?;
    Ok(from_dense_or_scalar(d, vm))
}

/// The value and dtype of a numpy scalar instance (falls back to `int64`/`float64`).
pub(super) fn value_of(zelf: &PyObject, vm: &VirtualMachine) -> PyResult<(Scalar, DType)> {
    let s = py_scalar(zelf, vm)?.unwrap_or(Scalar::Int(0));
    let d = instance_dtype(zelf, vm).unwrap_or(match s {
        Scalar::Float(_) => DType::Float64,
        Scalar::Bool(_) => DType::Bool,
        Scalar::Int(_) => DType::Int64,
    });
    Ok((s, d))
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

abstract_constructor!(NpInteger, "integer");
abstract_constructor!(NpFloating, "floating");
abstract_constructor!(NpSignedInteger, "signedinteger");
abstract_constructor!(NpUnsignedInteger, "unsignedinteger");

super::scalar_api::scalar_slots!(NpSignedInteger);
super::scalar_api::scalar_slots!(NpUnsignedInteger);

#[rustpython_vm::pyclass(
    flags(BASETYPE, IMMUTABLETYPE),
    with(Constructor, AsNumber, Comparable, Hashable, GetAttr, Representable)
)]
impl NpSignedInteger {}

#[rustpython_vm::pyclass(
    flags(BASETYPE, IMMUTABLETYPE),
    with(Constructor, AsNumber, Comparable, Hashable, GetAttr, Representable)
)]
impl NpUnsignedInteger {}

super::scalar_api::scalar_slots!(NpInteger);
super::scalar_api::scalar_methods!(NpInteger, {
    #[pymethod]
    fn __round__(zelf: PyRef<Self>, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = super::args::bind("__round__", args, &["ndigits"], 0, vm)?;
        super::scalar_api::dunder_round(zelf.as_object(), b.get("ndigits", vm), vm)
    }

    #[pymethod]
    fn is_integer(&self) -> bool {
        true
    }

    #[pymethod]
    fn bit_count(zelf: PyRef<Self>, vm: &VirtualMachine) -> PyResult {
        let v = super::scalar_api::item(zelf.as_object(), vm)?;
        vm.call_method(&v, "bit_count", ())
    }
});

super::scalar_api::scalar_slots!(NpFloating);
super::scalar_api::scalar_methods!(NpFloating, {
    #[pymethod]
    fn __round__(zelf: PyRef<Self>, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = super::args::bind("__round__", args, &["ndigits"], 0, vm)?;
        super::scalar_api::dunder_round(zelf.as_object(), b.get("ndigits", vm), vm)
    }

    #[pymethod]
    fn is_integer(zelf: PyRef<Self>, vm: &VirtualMachine) -> PyResult<bool> {
        super::scalar_api::is_integer(zelf.as_object(), vm)
    }

    #[pymethod]
    fn as_integer_ratio(zelf: PyRef<Self>, vm: &VirtualMachine) -> PyResult {
        let v = super::scalar_api::item(zelf.as_object(), vm)?;
        vm.call_method(&v, "as_integer_ratio", ())
    }
});
