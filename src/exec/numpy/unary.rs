//! Elementwise unary operations (`-a`, `abs`, `~`, `np.sign`, `np.sqrt`, ...) and `np.round`,
//! with numpy's result dtypes.

use super::dense::{DType, Data, Dense, NpError, Scalar};
use super::ops::{bools_of, floats_of};

/// A unary elementwise operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-a`
    Neg,
    /// `+a`
    Pos,
    /// `abs(a)`
    Abs,
    /// `~a`
    Invert,
    /// `np.logical_not`
    Not,
    /// `np.sign`
    Sign,
    /// `np.floor`
    Floor,
    /// `np.ceil`
    Ceil,
    /// `np.sqrt`
    Sqrt,
    /// `np.isnan`
    IsNan,
}

/// Applies a unary operation elementwise.
pub fn unary(op: UnaryOp, a: &Dense) -> Result<Dense, NpError> {
    use UnaryOp::*;
    super::array::charge(a.size());
    let shape = a.shape.clone();
    let out = |dtype, data| {
        Ok(Dense {
            dtype,
            shape: shape.clone(),
            data,
        })
    };
    match (op, &a.data) {
        (Not, d) => out(
            DType::Bool,
            Data::Bool(bools_of(d).iter().map(|b| !b).collect()),
        ),
        (IsNan, d) => out(
            DType::Bool,
            Data::Bool(floats_of(d).iter().map(|f| f.is_nan()).collect()),
        ),
        (Sqrt, d) => {
            // numpy's float result for integer input holds it exactly: float32 up to 16 bits
            // (float16 for 8 bits, which this module computes in float64).
            let dtype = match a.dtype {
                DType::Float32 | DType::Int16 | DType::UInt16 => DType::Float32,
                _ => DType::Float64,
            };
            out(
                dtype,
                Data::Float(
                    floats_of(d)
                        .iter()
                        .map(|f| dtype.wrap_float(f.sqrt()))
                        .collect(),
                ),
            )
        }
        (Pos, _) | (Floor | Ceil, Data::Int(_) | Data::Bool(_)) => Ok(a.clone()),
        (Abs, Data::Bool(_)) => Ok(a.clone()),
        (Neg, Data::Bool(_)) => Err(NpError::type_error(
            "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator \
             or the logical_not function instead.",
        )),
        (Invert, Data::Bool(v)) => out(DType::Bool, Data::Bool(v.iter().map(|b| !b).collect())),
        (Sign, Data::Bool(_)) => Err(NpError::ufunc_type(
            "ufunc 'sign' did not contain a loop with signature matching types <class \
             'numpy.dtypes.BoolDType'> -> None",
        )),
        (Invert, Data::Float(_)) => Err(NpError::type_error(
            "ufunc 'invert' not supported for the input types, and the inputs could not be safely \
             coerced to any supported types according to the casting rule ''safe''",
        )),
        (_, Data::Int(v)) => {
            let f: fn(i64) -> i64 = match op {
                Neg => |x| x.wrapping_neg(),
                Abs => |x| x.wrapping_abs(),
                Invert => |x| !x,
                _ => |x| x.signum(),
            };
            out(
                a.dtype,
                Data::Int(v.iter().map(|&x| a.dtype.wrap_int(f(x))).collect()),
            )
        }
        (_, Data::Float(v)) => {
            let f: fn(f64) -> f64 = match op {
                Neg => |x| -x,
                Abs => f64::abs,
                Floor => f64::floor,
                Ceil => f64::ceil,
                _ => |x| {
                    if x.is_nan() {
                        x
                    } else if x == 0.0 {
                        0.0
                    } else {
                        x.signum()
                    }
                },
            };
            out(a.dtype, Data::Float(v.iter().map(|&x| f(x)).collect()))
        }
    }
}

/// `np.round(a, decimals)`: numpy's rounding (scale, round half to even, unscale) in the
/// array's own dtype.
pub fn round(a: &Dense, decimals: i64) -> Dense {
    let n = a.size();
    let data = match &a.data {
        Data::Bool(_) => return a.clone(),
        Data::Int(_) if decimals >= 0 => return a.clone(),
        Data::Int(v) => Data::Int(
            v.iter()
                .map(
                    |&x| match super::scalar_api::round_value(Scalar::Int(x), a.dtype, decimals) {
                        Scalar::Int(r) => r,
                        _ => x,
                    },
                )
                .collect(),
        ),
        Data::Float(v) => Data::Float(
            v.iter()
                .map(|&x| {
                    match super::scalar_api::round_value(Scalar::Float(x), a.dtype, decimals) {
                        Scalar::Float(r) => r,
                        _ => x,
                    }
                })
                .collect(),
        ),
    };
    debug_assert_eq!(data.len(), n);
    Dense {
        dtype: a.dtype,
        shape: a.shape.clone(),
        data,
    }
}
