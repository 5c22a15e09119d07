//! Arithmetic on numpy scalars, with numpy 2's result types: `np.int64(3) + 1` is `np.int64(4)`,
//! `np.uint8(250) + np.uint8(10)` wraps to `np.uint8(4)`, `np.int8(1) + np.uint8(1)` is an
//! `int16`, `np.float32(1.5) + np.int16(2)` a `float32`, `np.int64(1) + 1.5` a `float64`. Python
//! numbers are "weak": they take the scalar's dtype (a Python float with an integer scalar gives
//! `float64`), and a Python int that does not fit an integer scalar's dtype raises
//! `OverflowError`. Integer division by zero gives 0 and float division by zero gives inf/nan, as
//! numpy does (without its warning).
//!
//! Operands this module does not model (arrays, sequences, huge ints) fall back: arrays handle
//! the operation themselves; anything else is computed on the plain Python values.

use super::array::{py_scalar, PyNdArray};
use super::bool_scalar::{bool_like, np_bool, np_bool_value};
use super::dense::{int_to_float, promote, DType, Scalar};
use super::scalars::{instance_dtype, int_scalar, plain_to_py, scalar_to_py};
use rustpython_vm::protocol::{PyNumber, PyNumberMethods};
use rustpython_vm::{AsObject, PyObject, PyObjectRef, PyResult, VirtualMachine};

/// The scalar operations are the arithmetic and bitwise subset of the array ones.
use super::ops::BinOp as Op;

/// One operand: an integer or a float with its dtype (`None`: a weak Python number).
#[derive(Clone, Copy)]
pub(super) enum Num {
    /// An integer (or bool) value.
    Int(i64, Option<DType>),
    /// A float value.
    Float(f64, Option<DType>),
}

/// The operand `obj` as a number, or `None` for anything that is not a (numpy) number.
pub(super) fn num(obj: &PyObject, vm: &VirtualMachine) -> Option<Num> {
    if let Some(b) = np_bool_value(obj) {
        return Some(Num::Int(b as i64, Some(DType::Bool)));
    }
    match py_scalar(obj, vm).ok()?? {
        Scalar::Bool(b) => Some(Num::Int(b as i64, None)),
        Scalar::Int(i) => Some(Num::Int(i, instance_dtype(obj, vm))),
        Scalar::Float(f) => Some(Num::Float(f, instance_dtype(obj, vm))),
    }
}

/// The operand as a plain Python number (numpy scalars lose their class), for fallbacks.
pub(super) fn plain(obj: &PyObject, vm: &VirtualMachine) -> PyObjectRef {
    match instance_dtype(obj, vm) {
        Some(_) => match py_scalar(obj, vm) {
            Ok(Some(s)) => plain_to_py(s, vm),
            _ => obj.to_owned(),
        },
        None => obj.to_owned(),
    }
}

/// `a op b` for plain Python values.
fn fallback(a: &PyObject, b: &PyObject, op: Op, vm: &VirtualMachine) -> PyResult {
    let (a, b) = (plain(a, vm), plain(b, vm));
    match op {
        Op::Add => vm._add(&a, &b),
        Op::Sub => vm._sub(&a, &b),
        Op::Mul => vm._mul(&a, &b),
        Op::TrueDiv => vm._truediv(&a, &b),
        Op::FloorDiv => vm._floordiv(&a, &b),
        Op::Mod => vm._mod(&a, &b),
        Op::Pow => vm.call_method(&a, "__pow__", (b,)),
        Op::And => vm._and(&a, &b),
        Op::Or => vm._or(&a, &b),
        Op::Xor => vm._xor(&a, &b),
        Op::LShift => vm._lshift(&a, &b),
        Op::RShift => vm._rshift(&a, &b),
        // Comparisons and the other array-only operations never reach scalar arithmetic.
        _ => Ok(vm.ctx.not_implemented()),
    }
}

/// numpy 2's check that a weak Python int fits the other operand's dtype.
fn fits(v: i64, d: DType, vm: &VirtualMachine) -> PyResult<()> {
    super::coerce::check_py_number(Scalar::Int(v), d, vm)
}

fn binop(a: &PyObject, b: &PyObject, op: Op, vm: &VirtualMachine) -> PyResult {
    if a.downcast_ref::<PyNdArray>().is_some() || b.downcast_ref::<PyNdArray>().is_some() {
        return Ok(vm.ctx.not_implemented());
    }
    if let (Some(x), Some(y)) = (bool_like(a, vm), bool_like(b, vm)) {
        if np_bool_value(a).is_some() || np_bool_value(b).is_some() {
            return bool_op(x, y, op, vm);
        }
    }
    let (Some(x), Some(y)) = (num(a, vm), num(b, vm)) else {
        return huge_int(a, b, vm).map_or_else(|| fallback(a, b, op, vm), Err);
    };
    match (x, y) {
        (Num::Int(x, dx), Num::Int(y, dy)) => {
            let d = match (dx, dy) {
                (Some(p), Some(q)) => promote(p, q),
                (Some(DType::Bool), None) | (None, Some(DType::Bool)) => DType::Int64,
                (Some(p), None) => {
                    if op != Op::TrueDiv {
                        fits(y, p, vm)?;
                    }
                    p
                }
                (None, Some(q)) => {
                    if op != Op::TrueDiv {
                        fits(x, q, vm)?;
                    }
                    q
                }
                (None, None) => return fallback(a, b, op, vm),
            };
            if d.is_float() {
                // `uint64` with a signed integer: numpy computes in float64.
                let (fx, fy) = (
                    int_to_float(x, dx.unwrap_or(DType::Int64)),
                    int_to_float(y, dy.unwrap_or(DType::Int64)),
                );
                return float_op(fx, fy, d, op, a, b, vm);
            }
            int_op(x, y, d, op, vm)
        }
        (Num::Float(x, dx), Num::Float(y, dy)) => {
            let d = match (dx, dy) {
                (Some(p), Some(q)) => promote(p, q),
                (Some(p), None) | (None, Some(p)) => p,
                (None, None) => return fallback(a, b, op, vm),
            };
            float_op(x, y, d, op, a, b, vm)
        }
        (Num::Float(x, dx), Num::Int(y, dy)) => {
            let d = float_mix(dx, dy);
            float_op(
                x,
                int_to_float(y, dy.unwrap_or(DType::Int64)),
                d,
                op,
                a,
                b,
                vm,
            )
        }
        (Num::Int(x, dx), Num::Float(y, dy)) => {
            let d = float_mix(dy, dx);
            float_op(
                int_to_float(x, dx.unwrap_or(DType::Int64)),
                y,
                d,
                op,
                a,
                b,
                vm,
            )
        }
    }
}

/// The float dtype of a float operand (dtype `f`, `None` when weak) combined with an integer one.
fn float_mix(f: Option<DType>, i: Option<DType>) -> DType {
    match (f, i) {
        (Some(f), Some(i)) => promote(f, i),
        (Some(f), None) => f,
        // A weak Python float with an integer (or bool) scalar: the default float.
        (None, _) => DType::Float64,
    }
}

/// numpy 2's `OverflowError` for a Python int beyond int64 meeting an integer scalar.
fn huge_int(
    a: &PyObject,
    b: &PyObject,
    vm: &VirtualMachine,
) -> Option<rustpython_vm::builtins::PyBaseExceptionRef> {
    let huge = |o: &PyObject| {
        o.downcast_ref::<rustpython_vm::builtins::PyInt>().is_some()
            && instance_dtype(o, vm).is_none()
            && py_scalar(o, vm).is_err()
    };
    let int_scalar = |o: &PyObject| instance_dtype(o, vm).is_some_and(|d| d.is_int());
    ((huge(a) && int_scalar(b)) || (huge(b) && int_scalar(a)))
        .then(|| vm.new_overflow_error("Python int too large to convert to C long"))
}

/// `x op y` for two bools, at least one an `np.bool_`: `+`, `*`, `&`, `|`, `^` are logical and
/// give `np.bool_`; `-` is refused as numpy does; the rest compute in `int8` like numpy's loops.
fn bool_op(x: bool, y: bool, op: Op, vm: &VirtualMachine) -> PyResult {
    Ok(match op {
        Op::Add | Op::Or => np_bool(x | y, vm),
        Op::Mul | Op::And => np_bool(x & y, vm),
        Op::Xor => np_bool(x ^ y, vm),
        Op::Sub => {
            return Err(vm.new_type_error(
                "numpy boolean subtract, the `-` operator, is not supported, use the \
                 bitwise_xor, the `^` operator, or the logical_xor function instead.",
            ))
        }
        _ => return int_op(x as i64, y as i64, DType::Int8, op, vm),
    })
}

/// `x op y` in integer dtype `d` (values wrap to its width).
fn int_op(x: i64, y: i64, d: DType, op: Op, vm: &VirtualMachine) -> PyResult {
    let r = match op {
        Op::Add => x.wrapping_add(y),
        Op::Sub => x.wrapping_sub(y),
        Op::Mul => x.wrapping_mul(y),
        Op::TrueDiv => return Ok(float(x as f64 / y as f64, vm)),
        Op::FloorDiv if y == 0 => 0,
        Op::FloorDiv => {
            let q = x.wrapping_div(y);
            if (x % y != 0) && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            }
        }
        Op::Mod if y == 0 => 0,
        Op::Mod => {
            let m = x.wrapping_rem(y);
            if m != 0 && ((m < 0) != (y < 0)) {
                m + y
            } else {
                m
            }
        }
        Op::Pow if y < 0 => {
            return Err(vm.new_value_error("Integers to negative integer powers are not allowed."))
        }
        Op::Pow => wrapping_pow(x, y as u64),
        Op::And => x & y,
        Op::Or => x | y,
        Op::Xor => x ^ y,
        Op::LShift if !(0..64).contains(&y) => 0,
        Op::LShift => x.wrapping_shl(y as u32),
        Op::RShift if !(0..64).contains(&y) => {
            if x < 0 {
                -1
            } else {
                0
            }
        }
        Op::RShift => x >> y,
        _ => return Ok(vm.ctx.not_implemented()),
    };
    Ok(int_scalar(d.wrap_int(r), d, vm))
}

fn wrapping_pow(mut base: i64, mut exp: u64) -> i64 {
    let mut acc: i64 = 1;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        exp >>= 1;
    }
    acc
}

fn float(f: f64, vm: &VirtualMachine) -> PyObjectRef {
    scalar_to_py(Scalar::Float(f), DType::Float64, vm)
}

/// `x op y` in float dtype `d` (division by zero gives inf/nan); bitwise operators raise numpy's
/// `TypeError`.
fn float_op(
    x: f64,
    y: f64,
    d: DType,
    op: Op,
    a: &PyObject,
    b: &PyObject,
    vm: &VirtualMachine,
) -> PyResult {
    let modulo = |x: f64, y: f64| {
        let m = x % y;
        if m == 0.0 {
            // numpy gives the zero the divisor's sign.
            0.0f64.copysign(y)
        } else if (m < 0.0) != (y < 0.0) {
            m + y
        } else {
            m
        }
    };
    let r = match op {
        Op::Add => x + y,
        Op::Sub => x - y,
        Op::Mul => x * y,
        Op::TrueDiv => x / y,
        Op::Pow if d == DType::Float32 => (x as f32).powf(y as f32) as f64,
        Op::Pow => x.powf(y),
        Op::FloorDiv if y == 0.0 => x / y,
        Op::FloorDiv => ((x - modulo(x, y)) / y).round(),
        Op::Mod if y == 0.0 => f64::NAN,
        Op::Mod => modulo(x, y),
        Op::And | Op::Or | Op::Xor | Op::LShift | Op::RShift => {
            return Err(vm.new_type_error(format!(
                "ufunc '{}' not supported for the input types, and the inputs could not be \
                 safely coerced to any supported types according to the casting rule ''safe''",
                op.ufunc()
            )))
        }
        _ => return fallback(a, b, op, vm),
    };
    Ok(scalar_to_py(Scalar::Float(d.wrap_float(r)), d, vm))
}

fn unop(n: PyNumber, op: fn(i64) -> i64, fop: fn(f64) -> f64, vm: &VirtualMachine) -> PyResult {
    match num(n.obj, vm) {
        Some(Num::Int(x, d)) => {
            let d = d.unwrap_or(DType::Int64);
            Ok(int_scalar(d.wrap_int(op(x)), d, vm))
        }
        Some(Num::Float(f, d)) => {
            let d = d.unwrap_or(DType::Float64);
            Ok(scalar_to_py(Scalar::Float(d.wrap_float(fop(f))), d, vm))
        }
        None => Err(vm.new_type_error("bad operand type for a numpy scalar operation")),
    }
}

/// Number slots of the numpy scalar classes (the rest are inherited from `int`/`float`).
pub static SCALAR_NUMBER_METHODS: PyNumberMethods = PyNumberMethods {
    add: Some(|a, b, vm| binop(a, b, Op::Add, vm)),
    subtract: Some(|a, b, vm| binop(a, b, Op::Sub, vm)),
    multiply: Some(|a, b, vm| binop(a, b, Op::Mul, vm)),
    remainder: Some(|a, b, vm| binop(a, b, Op::Mod, vm)),
    power: Some(|a, b, c, vm| {
        if vm.is_none(c) {
            binop(a, b, Op::Pow, vm)
        } else {
            vm.call_method(&plain(a, vm), "__pow__", (plain(b, vm), c.to_owned()))
        }
    }),
    negative: Some(|n, vm| unop(n, i64::wrapping_neg, |f| -f, vm)),
    positive: Some(|n, vm| unop(n, |x| x, |f| f, vm)),
    absolute: Some(|n, vm| unop(n, i64::wrapping_abs, f64::abs, vm)),
    invert: Some(|n, vm| match num(n.obj, vm) {
        Some(Num::Int(x, d)) => {
            let d = d.unwrap_or(DType::Int64);
            Ok(int_scalar(d.wrap_int(!x), d, vm))
        }
        _ => vm._invert(&plain(n.obj, vm)),
    }),
    lshift: Some(|a, b, vm| binop(a, b, Op::LShift, vm)),
    rshift: Some(|a, b, vm| binop(a, b, Op::RShift, vm)),
    and: Some(|a, b, vm| binop(a, b, Op::And, vm)),
    xor: Some(|a, b, vm| binop(a, b, Op::Xor, vm)),
    or: Some(|a, b, vm| binop(a, b, Op::Or, vm)),
    divmod: Some(|a, b, vm| {
        let q = binop(a, b, Op::FloorDiv, vm)?;
        if q.is(&vm.ctx.not_implemented) {
            return Ok(q);
        }
        let r = binop(a, b, Op::Mod, vm)?;
        Ok(vm.ctx.new_tuple(vec![q, r]).into())
    }),
    floor_divide: Some(|a, b, vm| binop(a, b, Op::FloorDiv, vm)),
    true_divide: Some(|a, b, vm| binop(a, b, Op::TrueDiv, vm)),
    ..PyNumberMethods::NOT_IMPLEMENTED
};
