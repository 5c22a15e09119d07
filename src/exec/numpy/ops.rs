//! Elementwise arithmetic with broadcasting, unary functions and reductions over [`Dense`] arrays,
//! following numpy's dtype rules (including "weak" Python scalars, which do not widen an array's
//! dtype: `uint8_array + 1` stays `uint8`).

use super::array::{contiguous_strides, layout_offsets, shape_str, Operand};
use super::dense::{promote, DType, Data, Dense, NpError};
use std::borrow::Cow;

pub use super::unary::{round, unary, UnaryOp};

/// A binary elementwise operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    TrueDiv,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `np.maximum`
    Maximum,
    /// `np.minimum`
    Minimum,
    /// `np.logical_and`
    LogicalAnd,
    /// `np.logical_or`
    LogicalOr,
    /// `np.logical_xor`
    LogicalXor,
}

impl BinOp {
    /// numpy's ufunc name (used in error messages).
    pub fn ufunc(self) -> &'static str {
        use BinOp::*;
        match self {
            Add => "add",
            Sub => "subtract",
            Mul => "multiply",
            TrueDiv => "divide",
            FloorDiv => "floor_divide",
            Mod => "remainder",
            Pow => "power",
            And => "bitwise_and",
            Or => "bitwise_or",
            Xor => "bitwise_xor",
            LShift => "left_shift",
            RShift => "right_shift",
            Lt => "less",
            Le => "less_equal",
            Eq => "equal",
            Ne => "not_equal",
            Gt => "greater",
            Ge => "greater_equal",
            Maximum => "maximum",
            Minimum => "minimum",
            LogicalAnd => "logical_and",
            LogicalOr => "logical_or",
            LogicalXor => "logical_xor",
        }
    }

    /// Whether the operation is a comparison (`==`, `<`, ...).
    pub fn is_comparison(self) -> bool {
        use BinOp::*;
        matches!(self, Lt | Le | Eq | Ne | Gt | Ge)
    }

    fn is_logical(self) -> bool {
        matches!(
            self,
            BinOp::LogicalAnd | BinOp::LogicalOr | BinOp::LogicalXor
        )
    }
}

/// The shape two shapes broadcast to.
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> Result<Vec<usize>, NpError> {
    let nd = a.len().max(b.len());
    let mut out = vec![0; nd];
    for k in 0..nd {
        let da = if k < a.len() { a[a.len() - 1 - k] } else { 1 };
        let db = if k < b.len() { b[b.len() - 1 - k] } else { 1 };
        out[nd - 1 - k] = if da == db || db == 1 {
            da
        } else if da == 1 {
            db
        } else {
            let compact = |s: &[usize]| shape_str(s).replace(", ", ",");
            return Err(NpError::value(format!(
                "operands could not be broadcast together with shapes {} {} ",
                compact(a),
                compact(b)
            )));
        };
    }
    Ok(out)
}

/// Positions in `shape`'s row-major data of every element of the broadcast `out` shape.
pub fn broadcast_index(shape: &[usize], out: &[usize]) -> Vec<usize> {
    if shape == out {
        return (0..out.iter().product()).collect();
    }
    let src = contiguous_strides(shape);
    let nd = out.len();
    let mut strides = vec![0isize; nd];
    for k in 0..shape.len().min(nd) {
        if shape[shape.len() - 1 - k] != 1 {
            strides[nd - 1 - k] = src[shape.len() - 1 - k];
        }
    }
    layout_offsets(0, out, &strides)
}

/// Values as `i64` (bools as 0/1, floats truncated).
pub fn ints_of(d: &Data) -> Cow<'_, [i64]> {
    match d {
        Data::Int(v) => Cow::Borrowed(v),
        Data::Bool(v) => Cow::Owned(v.iter().map(|&b| b as i64).collect()),
        Data::Float(v) => Cow::Owned(v.iter().map(|&f| f as i64).collect()),
    }
}

/// Values as `f64`.
pub fn floats_of(d: &Data) -> Cow<'_, [f64]> {
    match d {
        Data::Float(v) => Cow::Borrowed(v),
        Data::Bool(v) => Cow::Owned(v.iter().map(|&b| b as u8 as f64).collect()),
        Data::Int(v) => Cow::Owned(v.iter().map(|&i| i as f64).collect()),
    }
}

/// Values as truth values.
pub fn bools_of(d: &Data) -> Cow<'_, [bool]> {
    match d {
        Data::Bool(v) => Cow::Borrowed(v),
        Data::Int(v) => Cow::Owned(v.iter().map(|&i| i != 0).collect()),
        Data::Float(v) => Cow::Owned(v.iter().map(|&f| f != 0.0).collect()),
    }
}

fn kind_rank(d: DType) -> u8 {
    match d {
        DType::Bool => 0,
        d if d.is_float() => 2,
        _ => 1,
    }
}

/// The dtype of `a op b` before op-specific adjustments, with weak-scalar rules.
pub fn operand_dtype(a: &Operand, b: &Operand) -> DType {
    let weak = |w: DType, s: DType| if kind_rank(w) <= kind_rank(s) { s } else { w };
    match (a.weak, b.weak) {
        (true, false) => weak(a.dense.dtype, b.dense.dtype),
        (false, true) => weak(b.dense.dtype, a.dense.dtype),
        _ => promote(a.dense.dtype, b.dense.dtype),
    }
}

fn unsupported(op: BinOp) -> NpError {
    NpError::type_error(format!(
        "ufunc '{}' not supported for the input types, and the inputs could not be safely coerced \
         to any supported types according to the casting rule ''safe''",
        op.ufunc()
    ))
}

/// The dtype `a op b` produces.
pub fn result_dtype(op: BinOp, a: &Operand, b: &Operand) -> Result<DType, NpError> {
    use BinOp::*;
    if op.is_comparison() || op.is_logical() {
        return Ok(DType::Bool);
    }
    let d = operand_dtype(a, b);
    let bool_and_weak_int = |x: &Operand, y: &Operand| {
        !x.weak && x.dense.dtype == DType::Bool && y.weak && y.dense.dtype.is_int()
    };
    if op == Pow && (bool_and_weak_int(a, b) || bool_and_weak_int(b, a)) {
        // numpy has no bool power loop and picks int8 for a Python int exponent.
        return Ok(DType::Int8);
    }
    Ok(match (op, d) {
        (TrueDiv, d) if d.is_float() => d,
        (TrueDiv, _) => DType::Float64,
        (Sub, DType::Bool) => {
            return Err(NpError::type_error(
                "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, \
                 the `^` operator, or the logical_xor function instead.",
            ))
        }
        (And | Or | Xor | LShift | RShift, d) if d.is_float() => return Err(unsupported(op)),
        (FloorDiv | Mod | Pow | LShift | RShift, DType::Bool) => DType::Int8,
        (_, d) => d,
    })
}

fn floor_div_i(a: i64, b: i64) -> i64 {
    if b == 0 {
        return 0;
    }
    let q = a.wrapping_div(b);
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

fn mod_i(a: i64, b: i64) -> i64 {
    if b == 0 {
        return 0;
    }
    let r = a.wrapping_rem(b);
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

fn mod_f(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        return f64::NAN;
    }
    let r = a % b;
    if r == 0.0 {
        // numpy gives the zero the divisor's sign.
        0.0f64.copysign(b)
    } else if (r < 0.0) != (b < 0.0) {
        r + b
    } else {
        r
    }
}

fn int_op(op: BinOp, x: i64, y: i64) -> Result<i64, NpError> {
    use BinOp::*;
    Ok(match op {
        Add => x.wrapping_add(y),
        Sub => x.wrapping_sub(y),
        Mul => x.wrapping_mul(y),
        FloorDiv => floor_div_i(x, y),
        Mod => mod_i(x, y),
        Pow => {
            if y < 0 {
                return Err(NpError::value(
                    "Integers to negative integer powers are not allowed.",
                ));
            }
            x.wrapping_pow(y.min(u32::MAX as i64) as u32)
        }
        And => x & y,
        Or => x | y,
        Xor => x ^ y,
        LShift if (0..64).contains(&y) => x.wrapping_shl(y as u32),
        LShift => 0,
        RShift if (0..64).contains(&y) => x >> y,
        RShift => -i64::from(x < 0),
        Maximum => x.max(y),
        Minimum => x.min(y),
        _ => 0,
    })
}

fn float_op(op: BinOp, x: f64, y: f64) -> f64 {
    use BinOp::*;
    match op {
        Add => x + y,
        Sub => x - y,
        Mul => x * y,
        TrueDiv => x / y,
        FloorDiv => {
            if y == 0.0 {
                x / y
            } else {
                (x / y).floor()
            }
        }
        Mod => mod_f(x, y),
        Pow => x.powf(y),
        Maximum => {
            if x.is_nan() || y.is_nan() {
                f64::NAN
            } else {
                x.max(y)
            }
        }
        Minimum => {
            if x.is_nan() || y.is_nan() {
                f64::NAN
            } else {
                x.min(y)
            }
        }
        _ => 0.0,
    }
}

fn compare<T: PartialOrd>(op: BinOp, x: T, y: T) -> bool {
    use BinOp::*;
    match op {
        Lt => x < y,
        Le => x <= y,
        Eq => x == y,
        Ne => x != y,
        Gt => x > y,
        _ => x >= y,
    }
}

/// numpy 2's check that a weak Python int operand fits the other operand's integer dtype
/// (`uint8_array + 300` raises; comparisons never do).
fn check_weak_int(op: BinOp, weak: &Operand, other: &Operand) -> Result<(), NpError> {
    // True division computes in floats: no integer cast, no overflow.
    if !weak.weak || other.weak || op.is_comparison() || op.is_logical() || op == BinOp::TrueDiv {
        return Ok(());
    }
    let d = other.dense.dtype;
    if let (Data::Int(v), true) = (&weak.dense.data, d.is_int()) {
        if let Some(&x) = v.first() {
            if weak.dense.dtype != DType::Bool && !d.holds(x as i128) {
                return Err(NpError::overflow(if d == DType::Int64 {
                    "Python int too large to convert to C long".to_string()
                } else {
                    format!("Python integer {x} out of bounds for {}", d.name())
                }));
            }
        }
    }
    Ok(())
}

/// `a op b` with broadcasting.
pub fn binary(op: BinOp, a: &Operand, b: &Operand) -> Result<Dense, NpError> {
    check_weak_int(op, a, b)?;
    check_weak_int(op, b, a)?;
    let shape = broadcast_shapes(&a.dense.shape, &b.dense.shape)?;
    let n = super::dense::checked_size(&shape)?;
    super::array::charge(n);
    let ia = broadcast_index(&a.dense.shape, &shape);
    let ib = broadcast_index(&b.dense.shape, &shape);
    let pairs = ia.iter().zip(&ib);
    let out_dtype = result_dtype(op, a, b)?;
    let data = if op.is_logical() {
        let (x, y) = (bools_of(&a.dense.data), bools_of(&b.dense.data));
        Data::Bool(
            pairs
                .map(|(&i, &j)| {
                    let (p, q) = (x[i], y[j]);
                    match op {
                        BinOp::LogicalAnd => p && q,
                        BinOp::LogicalOr => p || q,
                        _ => p != q,
                    }
                })
                .collect(),
        )
    } else if op.is_comparison() {
        let d = promote(a.dense.dtype, b.dense.dtype);
        if d.is_float() {
            let (x, y) = (floats_of(&a.dense.data), floats_of(&b.dense.data));
            Data::Bool(pairs.map(|(&i, &j)| compare(op, x[i], y[j])).collect())
        } else {
            let (x, y) = (ints_of(&a.dense.data), ints_of(&b.dense.data));
            Data::Bool(pairs.map(|(&i, &j)| compare(op, x[i], y[j])).collect())
        }
    } else if out_dtype.is_float() {
        let (x, y) = (floats_of(&a.dense.data), floats_of(&b.dense.data));
        Data::Float(if out_dtype == DType::Float32 && op == BinOp::Pow {
            // float32 powers come from `powf` in numpy, not from a rounded f64 power.
            pairs
                .map(|(&i, &j)| (x[i] as f32).powf(y[j] as f32) as f64)
                .collect()
        } else {
            pairs
                .map(|(&i, &j)| out_dtype.wrap_float(float_op(op, x[i], y[j])))
                .collect()
        })
    } else if out_dtype == DType::Bool {
        let (x, y) = (bools_of(&a.dense.data), bools_of(&b.dense.data));
        Data::Bool(
            pairs
                .map(|(&i, &j)| {
                    let (p, q) = (x[i], y[j]);
                    match op {
                        BinOp::Add | BinOp::Or | BinOp::Maximum => p || q,
                        BinOp::Mul | BinOp::And | BinOp::Minimum => p && q,
                        _ => p != q,
                    }
                })
                .collect(),
        )
    } else {
        let (x, y) = (ints_of(&a.dense.data), ints_of(&b.dense.data));
        let mut out = Vec::with_capacity(n);
        for (&i, &j) in pairs {
            out.push(out_dtype.wrap_int(int_op(op, x[i], y[j])?));
        }
        Data::Int(out)
    };
    Ok(Dense {
        dtype: out_dtype,
        shape,
        data,
    })
}

/// A reduction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reduce {
    /// `sum`
    Sum,
    /// `prod`
    Prod,
    /// `min`
    Min,
    /// `max`
    Max,
    /// `any`
    Any,
    /// `all`
    All,
    /// `mean`
    Mean,
    /// `std`
    Std,
    /// `var`
    Var,
    /// `argmax`
    ArgMax,
    /// `argmin`
    ArgMin,
}

impl Reduce {
    fn ufunc(self) -> &'static str {
        match self {
            Reduce::Min => "minimum",
            Reduce::Max => "maximum",
            Reduce::ArgMax => "argmax",
            Reduce::ArgMin => "argmin",
            _ => "reduce",
        }
    }
}

/// Normalises an axis against `ndim` (negative counts from the end).
pub fn norm_axis(axis: isize, ndim: usize) -> Result<usize, NpError> {
    let n = ndim as isize;
    let a = if axis < 0 { axis + n } else { axis };
    if a < 0 || a >= n {
        return Err(NpError::axis(axis, ndim));
    }
    Ok(a as usize)
}

/// Reduces `a` over `axes` (`None`: all axes). Arg-reductions take at most one axis.
pub fn reduce(
    a: &Dense,
    op: Reduce,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Dense, NpError> {
    super::array::charge(a.size());
    let nd = a.ndim();
    let mut reduced = vec![false; nd];
    match axes {
        None => reduced.iter_mut().for_each(|r| *r = true),
        Some(list) => {
            for &ax in list {
                if nd == 0 && (ax == 0 || ax == -1) {
                    // numpy lets 0-d arrays (and scalars) reduce over axis 0.
                    continue;
                }
                let k = norm_axis(ax, nd)?;
                if reduced[k] {
                    return Err(NpError::value("duplicate value in 'axis'"));
                }
                reduced[k] = true;
            }
        }
    }
    let arg = matches!(op, Reduce::ArgMax | Reduce::ArgMin);
    let strides = contiguous_strides(&a.shape);
    let (mut kept_shape, mut kept_strides, mut red_shape, mut red_strides) =
        (vec![], vec![], vec![], vec![]);
    for k in 0..nd {
        if reduced[k] {
            red_shape.push(a.shape[k]);
            red_strides.push(strides[k]);
        } else {
            kept_shape.push(a.shape[k]);
            kept_strides.push(strides[k]);
        }
    }
    if arg && axes.is_none() {
        // argmax over everything indexes the flattened array.
        red_shape = vec![a.size()];
        red_strides = vec![1];
    }
    let bases = layout_offsets(0, &kept_shape, &kept_strides);
    let group = layout_offsets(0, &red_shape, &red_strides);
    let group_len = group.len();
    if group_len == 0
        && matches!(
            op,
            Reduce::Min | Reduce::Max | Reduce::ArgMax | Reduce::ArgMin
        )
        && !bases.is_empty()
    {
        return Err(NpError::value(if arg {
            format!("attempt to get {} of an empty sequence", op.ufunc())
        } else {
            format!(
                "zero-size array to reduction operation {} which has no identity",
                op.ufunc()
            )
        }));
    }
    let out_dtype = match (op, a.dtype) {
        (Reduce::Any | Reduce::All, _) => DType::Bool,
        (Reduce::Mean | Reduce::Std | Reduce::Var, DType::Float32) => DType::Float32,
        (Reduce::Mean | Reduce::Std | Reduce::Var, _) => DType::Float64,
        (Reduce::ArgMax | Reduce::ArgMin, _) => DType::Int64,
        (Reduce::Sum | Reduce::Prod, d) if d.is_float() => d,
        // numpy sums small integers in the platform's (u)int64.
        (Reduce::Sum | Reduce::Prod, d) if d.is_unsigned() => DType::UInt64,
        (Reduce::Sum | Reduce::Prod, _) => DType::Int64,
        (_, d) => d,
    };
    let data = match op {
        Reduce::Any | Reduce::All | Reduce::Min | Reduce::Max if out_dtype == DType::Bool => {
            // On bools, `min` is `all` and `max` is `any`.
            let every = matches!(op, Reduce::All | Reduce::Min);
            let v = bools_of(&a.data);
            Data::Bool(
                bases
                    .iter()
                    .map(|&b| {
                        let mut it = group.iter().map(|&g| v[b + g]);
                        if every {
                            it.all(|x| x)
                        } else {
                            it.any(|x| x)
                        }
                    })
                    .collect(),
            )
        }
        Reduce::ArgMax | Reduce::ArgMin => {
            let v = floats_of(&a.data);
            let iv = ints_of(&a.data);
            let float = a.dtype.is_float();
            Data::Int(
                bases
                    .iter()
                    .map(|&b| {
                        let mut best = 0usize;
                        for (k, &g) in group.iter().enumerate().skip(1) {
                            let cur = group[best];
                            let better = if float {
                                let (x, y) = (v[b + g], v[b + cur]);
                                if y.is_nan() {
                                    false
                                } else if x.is_nan() {
                                    true
                                } else if op == Reduce::ArgMax {
                                    x > y
                                } else {
                                    x < y
                                }
                            } else if op == Reduce::ArgMax {
                                iv[b + g] > iv[b + cur]
                            } else {
                                iv[b + g] < iv[b + cur]
                            };
                            if better {
                                best = k;
                            }
                        }
                        best as i64
                    })
                    .collect(),
            )
        }
        _ if out_dtype.is_float() => {
            let v = floats_of(&a.data);
            Data::Float(
                bases
                    .iter()
                    .map(|&b| {
                        let vals = group.iter().map(|&g| v[b + g]);
                        let nf = group_len as f64;
                        match op {
                            Reduce::Sum => vals.fold(0.0, |s, x| s + x),
                            Reduce::Prod => vals.product(),
                            Reduce::Min => vals.fold(f64::INFINITY, |m, x| {
                                if m.is_nan() || x.is_nan() {
                                    f64::NAN
                                } else {
                                    m.min(x)
                                }
                            }),
                            Reduce::Max => vals.fold(f64::NEG_INFINITY, |m, x| {
                                if m.is_nan() || x.is_nan() {
                                    f64::NAN
                                } else {
                                    m.max(x)
                                }
                            }),
                            Reduce::Mean => vals.fold(0.0, |s, x| s + x) / nf,
                            _ => {
                                let mean = group.iter().map(|&g| v[b + g]).sum::<f64>() / nf;
                                let var = vals.map(|x| (x - mean) * (x - mean)).sum::<f64>() / nf;
                                if op == Reduce::Std {
                                    var.sqrt()
                                } else {
                                    var
                                }
                            }
                        }
                    })
                    .map(|x| out_dtype.wrap_float(x))
                    .collect(),
            )
        }
        _ => {
            let v = ints_of(&a.data);
            Data::Int(
                bases
                    .iter()
                    .map(|&b| {
                        let vals = group.iter().map(|&g| v[b + g]);
                        match op {
                            Reduce::Sum => vals.fold(0i64, |s, x| s.wrapping_add(x)),
                            Reduce::Prod => vals.fold(1i64, |s, x| s.wrapping_mul(x)),
                            Reduce::Min => vals.min().unwrap_or(0),
                            _ => vals.max().unwrap_or(0),
                        }
                    })
                    .collect(),
            )
        }
    };
    let shape = if keepdims {
        a.shape
            .iter()
            .zip(&reduced)
            .map(|(&d, &r)| if r { 1 } else { d })
            .collect()
    } else {
        kept_shape
    };
    Ok(Dense {
        dtype: out_dtype,
        shape,
        data,
    })
}
