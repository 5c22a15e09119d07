//! Owned, C-contiguous n-d arrays: the value type that numpy's algorithms work on.
//!
//! The Python-facing `ndarray` (in `array.rs`) holds strided views over shared buffers; module
//! functions copy their operands into a [`Dense`], run a pure-Rust algorithm (in `algos.rs` or
//! `ndimage.rs`) and wrap the result back. Keeping the algorithms free of interpreter types makes
//! them testable on plain vectors.

use std::fmt;

/// Element type of an array, as numpy names it.
///
/// Every integer width is stored as `i64` ([`Data::Int`]); the dtype decides how values wrap when
/// an array is created or written to (see [`DType::wrap_int`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DType {
    /// `bool_`
    Bool,
    /// `int8`
    Int8,
    /// `int16`
    Int16,
    /// `int32`
    Int32,
    /// `int64` (numpy's default integer, `int_`)
    Int64,
    /// `uint8`
    UInt8,
    /// `float64` (numpy's default float)
    Float64,
}

impl DType {
    /// numpy's name for the dtype (`"int64"`, `"bool"`, ...).
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int8 => "int8",
            DType::Int16 => "int16",
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::UInt8 => "uint8",
            DType::Float64 => "float64",
        }
    }

    /// Whether values of this dtype are stored as [`Data::Int`].
    pub fn is_int(self) -> bool {
        !matches!(self, DType::Bool | DType::Float64)
    }

    /// Wraps an integer to this dtype's width, as numpy's C casts do (`int8(200) == -56`).
    pub fn wrap_int(self, v: i64) -> i64 {
        match self {
            DType::Int8 => v as i8 as i64,
            DType::Int16 => v as i16 as i64,
            DType::Int32 => v as i32 as i64,
            DType::UInt8 => v as u8 as i64,
            _ => v,
        }
    }
}

/// Element storage. Ints of every width are `i64`, already wrapped to the array's dtype.
#[derive(Clone, Debug, PartialEq)]
pub enum Data {
    /// For [`DType::Bool`].
    Bool(Vec<bool>),
    /// For every integer dtype.
    Int(Vec<i64>),
    /// For [`DType::Float64`].
    Float(Vec<f64>),
}

impl Data {
    /// Number of elements.
    pub fn len(&self) -> usize {
        match self {
            Data::Bool(v) => v.len(),
            Data::Int(v) => v.len(),
            Data::Float(v) => v.len(),
        }
    }

    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// An owned C-contiguous (row-major) array.
#[derive(Clone, Debug, PartialEq)]
pub struct Dense {
    /// Element type; decides which [`Data`] variant `data` is.
    pub dtype: DType,
    /// Extent of each axis; empty for a 0-d array (one element).
    pub shape: Vec<usize>,
    /// `shape.iter().product()` elements in row-major order.
    pub data: Data,
}

impl Dense {
    /// Builds an array, checking that `data` matches `dtype` and `shape`.
    pub fn new(dtype: DType, shape: Vec<usize>, data: Data) -> Result<Dense, NpError> {
        let kind_ok = match (&data, dtype) {
            (Data::Bool(_), DType::Bool) | (Data::Float(_), DType::Float64) => true,
            (Data::Int(_), d) => d.is_int(),
            _ => false,
        };
        if !kind_ok {
            return Err(NpError::value(format!(
                "storage does not match dtype {}",
                dtype.name()
            )));
        }
        let n: usize = shape.iter().product();
        if n != data.len() {
            return Err(NpError::value(format!(
                "cannot reshape array of size {} into shape {:?}",
                data.len(),
                shape
            )));
        }
        Ok(Dense { dtype, shape, data })
    }

    /// An `int64` array.
    pub fn ints(shape: Vec<usize>, values: Vec<i64>) -> Result<Dense, NpError> {
        Dense::new(DType::Int64, shape, Data::Int(values))
    }

    /// A `bool` array.
    pub fn bools(shape: Vec<usize>, values: Vec<bool>) -> Result<Dense, NpError> {
        Dense::new(DType::Bool, shape, Data::Bool(values))
    }

    /// A `float64` array.
    pub fn floats(shape: Vec<usize>, values: Vec<f64>) -> Result<Dense, NpError> {
        Dense::new(DType::Float64, shape, Data::Float(values))
    }

    /// Number of elements.
    pub fn size(&self) -> usize {
        self.data.len()
    }

    /// Number of axes.
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }
}

/// Which Python exception an [`NpError`] becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NpErrorKind {
    /// `ValueError`
    Value,
    /// `TypeError`
    Type,
    /// `IndexError`
    Index,
    /// `MemoryError` (a result larger than the array size limit)
    Memory,
    /// `NotImplementedError` (a numpy feature this module does not have)
    NotImplemented,
}

/// An error from an array algorithm, mapped to the matching Python exception by the binding layer.
#[derive(Clone, Debug, PartialEq)]
pub struct NpError {
    /// Exception class.
    pub kind: NpErrorKind,
    /// Message, worded like numpy's where practical.
    pub message: String,
}

impl NpError {
    /// A `ValueError`.
    pub fn value(message: impl Into<String>) -> NpError {
        NpError {
            kind: NpErrorKind::Value,
            message: message.into(),
        }
    }

    /// A `TypeError`.
    pub fn type_error(message: impl Into<String>) -> NpError {
        NpError {
            kind: NpErrorKind::Type,
            message: message.into(),
        }
    }

    /// An `IndexError`.
    pub fn index(message: impl Into<String>) -> NpError {
        NpError {
            kind: NpErrorKind::Index,
            message: message.into(),
        }
    }

    /// A `NotImplementedError`.
    pub fn not_implemented(message: impl Into<String>) -> NpError {
        NpError {
            kind: NpErrorKind::NotImplemented,
            message: message.into(),
        }
    }
}

impl fmt::Display for NpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for NpError {}

/// Most elements one array may hold (2^27 ≈ 134 M, about 1 GiB of `i64`): larger requests get a
/// `MemoryError` before anything is allocated.
pub const MAX_ELEMENTS: usize = 1 << 27;

/// Checks a requested shape against [`MAX_ELEMENTS`] without overflowing.
pub fn checked_size(shape: &[usize]) -> Result<usize, NpError> {
    let mut n: usize = 1;
    for &d in shape {
        n = n
            .checked_mul(d)
            .filter(|&n| n <= MAX_ELEMENTS)
            .ok_or_else(|| NpError {
                kind: NpErrorKind::Memory,
                message: format!("Unable to allocate array with shape {shape:?}"),
            })?;
    }
    Ok(n)
}

/// One element value, used for fill values and scalar operands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    /// A `bool_` value.
    Bool(bool),
    /// Any integer value.
    Int(i64),
    /// A `float64` value.
    Float(f64),
}

/// The dtype numpy gives the result of combining `a` and `b` (e.g. in `a + b` or `concatenate`):
/// bool < integers < float64, and the wider integer between two integer dtypes. Mixed
/// signed/unsigned pairs promote to the next signed width that holds both.
pub fn promote(a: DType, b: DType) -> DType {
    use DType::*;
    if a == b {
        return a;
    }
    match (a, b) {
        (Float64, _) | (_, Float64) => Float64,
        (Bool, x) | (x, Bool) => x,
        (UInt8, Int8) | (Int8, UInt8) => Int16,
        (UInt8, x) | (x, UInt8) => x,
        (x, y) => {
            let rank = |d: DType| match d {
                Int8 => 0,
                Int16 => 1,
                Int32 => 2,
                _ => 3,
            };
            if rank(x) >= rank(y) {
                x
            } else {
                y
            }
        }
    }
}

impl Dense {
    /// Converts to `dtype` the way `ndarray.astype` does: floats truncate toward zero, ints wrap to
    /// the target width, anything non-zero is `True`.
    pub fn astype(&self, dtype: DType) -> Dense {
        let data = match (&self.data, dtype) {
            (_, DType::Bool) => Data::Bool(match &self.data {
                Data::Bool(v) => v.clone(),
                Data::Int(v) => v.iter().map(|&x| x != 0).collect(),
                Data::Float(v) => v.iter().map(|&x| x != 0.0).collect(),
            }),
            (_, DType::Float64) => Data::Float(match &self.data {
                Data::Bool(v) => v.iter().map(|&x| x as u8 as f64).collect(),
                Data::Int(v) => v.iter().map(|&x| x as f64).collect(),
                Data::Float(v) => v.clone(),
            }),
            (_, d) => Data::Int(match &self.data {
                Data::Bool(v) => v.iter().map(|&x| x as i64).collect(),
                Data::Int(v) => v.iter().map(|&x| d.wrap_int(x)).collect(),
                Data::Float(v) => v.iter().map(|&x| d.wrap_int(x as i64)).collect(),
            }),
        };
        Dense {
            dtype,
            shape: self.shape.clone(),
            data,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn promotion_follows_numpy() {
        assert_eq!(promote(DType::Bool, DType::Int64), DType::Int64);
        assert_eq!(promote(DType::Int8, DType::Int32), DType::Int32);
        assert_eq!(promote(DType::UInt8, DType::Int8), DType::Int16);
        assert_eq!(promote(DType::Int64, DType::Float64), DType::Float64);
    }

    #[test]
    fn astype_truncates_and_wraps() {
        let f = Dense::floats(vec![3], vec![-1.7, 2.9, 300.0]).unwrap();
        assert_eq!(f.astype(DType::Int64).data, Data::Int(vec![-1, 2, 300]));
        assert_eq!(f.astype(DType::UInt8).data, Data::Int(vec![255, 2, 44]));
        assert_eq!(
            f.astype(DType::Bool).data,
            Data::Bool(vec![true, true, true])
        );
    }

    #[test]
    fn oversized_shapes_are_memory_errors() {
        let err = checked_size(&[1_000_000, 1_000_000]).unwrap_err();
        assert_eq!(err.kind, NpErrorKind::Memory);
        assert_eq!(checked_size(&[30, 30]).unwrap(), 900);
    }
}
