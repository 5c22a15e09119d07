//! Elementwise ufuncs (`np.add`, `np.maximum`, `np.clip`, ...), reductions (`np.sum`, ...) and
//! closeness tests as module functions.

use super::algos;
use super::args::bind;
use super::array::{
    charge, from_dense_or_scalar, opt_dtype, py_scalar, to_dense, to_operand, NpResultExt, Operand,
};
use super::dense::{DType, Data, Dense, Scalar};
use super::functions::NativeFn;
use super::methods::reduce_bound;
use super::ops::{self, broadcast_index, broadcast_shapes, BinOp, Reduce, UnaryOp};
use rustpython_vm::function::FuncArgs;
use rustpython_vm::{PyObjectRef, PyResult, VirtualMachine};

fn operand(obj: &PyObjectRef, vm: &VirtualMachine) -> PyResult<Operand> {
    to_operand(obj, vm)
}

fn dense_arg(b: &super::args::Bound, name: &str, vm: &VirtualMachine) -> PyResult<Dense> {
    to_dense(b.req(name, vm)?, vm)
}

fn reduce_fn(name: &'static str, op: Reduce, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        name,
        args,
        &["a", "axis", "dtype", "out", "keepdims", "initial", "where"],
        1,
        vm,
    )?;
    if b.get("out", vm).is_some() || b.get("initial", vm).is_some() || b.get("where", vm).is_some()
    {
        return Err(vm.new_not_implemented_error(format!(
            "numpy.{name}: out=, initial= and where= are not supported"
        )));
    }
    let mut d = dense_arg(&b, "a", vm)?;
    if let Some(t) = opt_dtype(b.get("dtype", vm), vm)? {
        d = d.astype(t);
    }
    reduce_bound(&d, op, &b, vm)
}

macro_rules! reducers {
    ($($fname:ident => $name:literal, $op:expr;)*) => {
        $(fn $fname(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
            reduce_fn($name, $op, args, vm)
        })*
    };
}

reducers! {
    sum => "sum", Reduce::Sum;
    prod => "prod", Reduce::Prod;
    any => "any", Reduce::Any;
    all => "all", Reduce::All;
    min => "min", Reduce::Min;
    max => "max", Reduce::Max;
    amin => "amin", Reduce::Min;
    amax => "amax", Reduce::Max;
    mean => "mean", Reduce::Mean;
    std => "std", Reduce::Std;
    var => "var", Reduce::Var;
}

fn arg_reduce(name: &'static str, op: Reduce, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(name, args, &["a", "axis", "out", "keepdims"], 1, vm)?;
    reduce_bound(&dense_arg(&b, "a", vm)?, op, &b, vm)
}

fn argmax(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    arg_reduce("argmax", Reduce::ArgMax, args, vm)
}

fn argmin(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    arg_reduce("argmin", Reduce::ArgMin, args, vm)
}

fn binary_fn(name: &'static str, op: BinOp, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(name, args, &["x1", "x2", "out", "where", "dtype"], 2, vm)?;
    if b.get("out", vm).is_some() {
        return Err(vm.new_not_implemented_error(format!("numpy.{name}: out= is not supported")));
    }
    let (x, y) = (
        operand(b.req("x1", vm)?, vm)?,
        operand(b.req("x2", vm)?, vm)?,
    );
    Ok(from_dense_or_scalar(ops::binary(op, &x, &y).py(vm)?, vm))
}

macro_rules! binaries {
    ($($fname:ident => $name:literal, $op:expr;)*) => {
        $(fn $fname(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
            binary_fn($name, $op, args, vm)
        })*
    };
}

binaries! {
    add => "add", BinOp::Add;
    subtract => "subtract", BinOp::Sub;
    multiply => "multiply", BinOp::Mul;
    divide => "divide", BinOp::TrueDiv;
    floor_divide => "floor_divide", BinOp::FloorDiv;
    remainder => "remainder", BinOp::Mod;
    power => "power", BinOp::Pow;
    bitwise_and => "bitwise_and", BinOp::And;
    bitwise_or => "bitwise_or", BinOp::Or;
    bitwise_xor => "bitwise_xor", BinOp::Xor;
    equal => "equal", BinOp::Eq;
    not_equal => "not_equal", BinOp::Ne;
    less => "less", BinOp::Lt;
    less_equal => "less_equal", BinOp::Le;
    greater => "greater", BinOp::Gt;
    greater_equal => "greater_equal", BinOp::Ge;
    maximum => "maximum", BinOp::Maximum;
    minimum => "minimum", BinOp::Minimum;
    logical_and => "logical_and", BinOp::LogicalAnd;
    logical_or => "logical_or", BinOp::LogicalOr;
    logical_xor => "logical_xor", BinOp::LogicalXor;
}

fn unary_fn(name: &'static str, op: UnaryOp, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(name, args, &["x", "out", "where", "dtype"], 1, vm)?;
    let d = dense_arg(&b, "x", vm)?;
    Ok(from_dense_or_scalar(ops::unary(op, &d).py(vm)?, vm))
}

macro_rules! unaries {
    ($($fname:ident => $name:literal, $op:expr;)*) => {
        $(fn $fname(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
            unary_fn($name, $op, args, vm)
        })*
    };
}

unaries! {
    abs => "abs", UnaryOp::Abs;
    negative => "negative", UnaryOp::Neg;
    invert => "invert", UnaryOp::Invert;
    logical_not => "logical_not", UnaryOp::Not;
    sign => "sign", UnaryOp::Sign;
    floor => "floor", UnaryOp::Floor;
    ceil => "ceil", UnaryOp::Ceil;
    sqrt => "sqrt", UnaryOp::Sqrt;
    isnan => "isnan", UnaryOp::IsNan;
}

fn round(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("round", args, &["a", "decimals", "out"], 1, vm)?;
    let d = dense_arg(&b, "a", vm)?;
    Ok(from_dense_or_scalar(
        ops::round(&d, b.int("decimals", 0, vm)?),
        vm,
    ))
}

/// A Python-int bound outside `dtype`'s range clips like the range's end (numpy does not raise
/// for clip bounds the way it does for arithmetic).
fn clamp_weak_bound(b: &mut Operand, dtype: super::dense::DType) {
    if !b.weak || !dtype.is_int() {
        return;
    }
    if let super::dense::Data::Int(v) = &mut b.dense.data {
        let (lo, hi) = dtype.int_range();
        for x in v.iter_mut() {
            *x = (*x as i128).clamp(lo, hi.min(i64::MAX as i128)) as i64;
        }
    }
}

/// `clip(a, lo, hi)` with numpy's dtype rules (Python scalar bounds do not widen `a`).
pub(super) fn clip_impl(
    a: Operand,
    lo: Option<&PyObjectRef>,
    hi: Option<&PyObjectRef>,
    vm: &VirtualMachine,
) -> PyResult {
    if lo.is_none() && hi.is_none() {
        return Err(vm.new_value_error("One of max or min must be given"));
    }
    let mut cur = a;
    for (bound, op) in [(lo, BinOp::Maximum), (hi, BinOp::Minimum)] {
        if let Some(v) = bound {
            let mut b = operand(v, vm)?;
            clamp_weak_bound(&mut b, cur.dense.dtype);
            let d = ops::binary(op, &cur, &b).py(vm)?;
            cur = Operand {
                dense: d,
                weak: false,
            };
        }
    }
    Ok(from_dense_or_scalar(cur.dense, vm))
}

fn clip(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("clip", args, &["a", "a_min", "a_max", "out"], 1, vm)?;
    let a = operand(b.req("a", vm)?, vm)?;
    clip_impl(
        Operand {
            dense: a.dense,
            weak: false,
        },
        b.get("a_min", vm),
        b.get("a_max", vm),
        vm,
    )
}

fn array_equal(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("array_equal", args, &["a1", "a2", "equal_nan"], 2, vm)?;
    let (x, y) = (dense_arg(&b, "a1", vm)?, dense_arg(&b, "a2", vm)?);
    charge(x.size());
    Ok(vm.ctx.new_bool(algos::array_equal(&x, &y)).into())
}

fn array_equiv(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("array_equiv", args, &["a1", "a2"], 2, vm)?;
    let (x, y) = (
        operand(b.req("a1", vm)?, vm)?,
        operand(b.req("a2", vm)?, vm)?,
    );
    let ok = match ops::binary(BinOp::Eq, &x, &y) {
        Ok(d) => ops::bools_of(&d.data).iter().all(|&t| t),
        Err(_) => false,
    };
    Ok(vm.ctx.new_bool(ok).into())
}

/// Elementwise `|a - b| <= atol + rtol * |b|` (NaNs equal only with `equal_nan`).
fn close(args: FuncArgs, name: &'static str, vm: &VirtualMachine) -> PyResult<Dense> {
    let b = bind(name, args, &["a", "b", "rtol", "atol", "equal_nan"], 2, vm)?;
    let x = operand(b.req("a", vm)?, vm)?;
    let y = operand(b.req("b", vm)?, vm)?;
    let num = |n: &str, d: f64| -> PyResult<f64> {
        match b.get(n, vm) {
            Some(v) => match py_scalar(v, vm)? {
                Some(Scalar::Float(f)) => Ok(f),
                Some(Scalar::Int(i)) => Ok(i as f64),
                _ => Err(vm.new_type_error(format!("{n} must be a number"))),
            },
            None => Ok(d),
        }
    };
    let (rtol, atol) = (num("rtol", 1e-5)?, num("atol", 1e-8)?);
    let equal_nan = b.flag("equal_nan", false, vm)?;
    let shape = broadcast_shapes(&x.dense.shape, &y.dense.shape).py(vm)?;
    let (ix, iy) = (
        broadcast_index(&x.dense.shape, &shape),
        broadcast_index(&y.dense.shape, &shape),
    );
    charge(ix.len());
    let (p, q) = (ops::floats_of(&x.dense.data), ops::floats_of(&y.dense.data));
    let data = ix
        .iter()
        .zip(&iy)
        .map(|(&i, &j)| {
            let (a, b) = (p[i], q[j]);
            if a.is_nan() || b.is_nan() {
                equal_nan && a.is_nan() && b.is_nan()
            } else if a.is_infinite() || b.is_infinite() {
                a == b
            } else {
                (a - b).abs() <= atol + rtol * b.abs()
            }
        })
        .collect();
    Ok(Dense {
        dtype: DType::Bool,
        shape,
        data: Data::Bool(data),
    })
}

fn isclose(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    Ok(from_dense_or_scalar(close(args, "isclose", vm)?, vm))
}

fn allclose(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let d = close(args, "allclose", vm)?;
    Ok(vm
        .ctx
        .new_bool(ops::bools_of(&d.data).iter().all(|&t| t))
        .into())
}

/// The functions this file provides, by numpy name.
pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("sum", sum),
    ("prod", prod),
    ("any", any),
    ("all", all),
    ("min", min),
    ("max", max),
    ("amin", amin),
    ("amax", amax),
    ("mean", mean),
    ("std", std),
    ("var", var),
    ("argmax", argmax),
    ("argmin", argmin),
    ("add", add),
    ("subtract", subtract),
    ("multiply", multiply),
    ("divide", divide),
    ("true_divide", divide),
    ("floor_divide", floor_divide),
    ("remainder", remainder),
    ("mod", remainder),
    ("power", power),
    ("bitwise_and", bitwise_and),
    ("bitwise_or", bitwise_or),
    ("bitwise_xor", bitwise_xor),
    ("equal", equal),
    ("not_equal", not_equal),
    ("less", less),
    ("less_equal", less_equal),
    ("greater", greater),
    ("greater_equal", greater_equal),
    ("maximum", maximum),
    ("minimum", minimum),
    ("logical_and", logical_and),
    ("logical_or", logical_or),
    ("logical_xor", logical_xor),
    ("logical_not", logical_not),
    ("abs", abs),
    ("absolute", abs),
    ("negative", negative),
    ("invert", invert),
    ("bitwise_not", invert),
    ("sign", sign),
    ("floor", floor),
    ("ceil", ceil),
    ("sqrt", sqrt),
    ("isnan", isnan),
    ("round", round),
    ("around", round),
    ("clip", clip),
    ("array_equal", array_equal),
    ("array_equiv", array_equiv),
    ("isclose", isclose),
    ("allclose", allclose),
];
