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
/// an array is created or written to (see [`DType::wrap_int`]). `uint64` values keep their bit
/// pattern in the `i64` (values of 2^63 and more read as negative: see the module docs). Both
/// float widths are stored as `f64`; `float32` values are rounded to `f32` on every write
/// ([`DType::wrap_float`]).
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
    /// `uint16`
    UInt16,
    /// `uint32`
    UInt32,
    /// `uint64`
    UInt64,
    /// `float32`
    Float32,
    /// `float64` (numpy's default float)
    Float64,
}

impl DType {
    /// Every dtype, in numpy's type order (bool, signed ints, unsigned ints, floats).
    pub const ALL: [DType; 11] = [
        DType::Bool,
        DType::Int8,
        DType::Int16,
        DType::Int32,
        DType::Int64,
        DType::UInt8,
        DType::UInt16,
        DType::UInt32,
        DType::UInt64,
        DType::Float32,
        DType::Float64,
    ];

    /// numpy's name for the dtype (`"int64"`, `"bool"`, ...).
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int8 => "int8",
            DType::Int16 => "int16",
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::UInt8 => "uint8",
            DType::UInt16 => "uint16",
            DType::UInt32 => "uint32",
            DType::UInt64 => "uint64",
            DType::Float32 => "float32",
            DType::Float64 => "float64",
        }
    }

    /// Whether values of this dtype are stored as [`Data::Int`].
    pub fn is_int(self) -> bool {
        !matches!(self, DType::Bool | DType::Float32 | DType::Float64)
    }

    /// Whether values of this dtype are stored as [`Data::Float`].
    pub fn is_float(self) -> bool {
        matches!(self, DType::Float32 | DType::Float64)
    }

    /// Whether this is an unsigned integer dtype.
    pub fn is_unsigned(self) -> bool {
        matches!(
            self,
            DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64
        )
    }

    /// Bytes per element.
    pub fn itemsize(self) -> usize {
        match self {
            DType::Bool | DType::Int8 | DType::UInt8 => 1,
            DType::Int16 | DType::UInt16 => 2,
            DType::Int32 | DType::UInt32 | DType::Float32 => 4,
            _ => 8,
        }
    }

    /// Wraps an integer to this dtype's width, as numpy's C casts do (`int8(200) == -56`).
    pub fn wrap_int(self, v: i64) -> i64 {
        match self {
            DType::Int8 => v as i8 as i64,
            DType::Int16 => v as i16 as i64,
            DType::Int32 => v as i32 as i64,
            DType::UInt8 => v as u8 as i64,
            DType::UInt16 => v as u16 as i64,
            DType::UInt32 => v as u32 as i64,
            _ => v,
        }
    }

    /// Rounds a float to this dtype's precision (`float32` values go through `f32`).
    pub fn wrap_float(self, v: f64) -> f64 {
        match self {
            DType::Float32 => v as f32 as f64,
            _ => v,
        }
    }

    /// The smallest and largest value of an integer dtype, as `i128` (`uint64` included).
    pub fn int_range(self) -> (i128, i128) {
        match self {
            DType::Int8 => (i8::MIN as i128, i8::MAX as i128),
            DType::Int16 => (i16::MIN as i128, i16::MAX as i128),
            DType::Int32 => (i32::MIN as i128, i32::MAX as i128),
            DType::UInt8 => (0, u8::MAX as i128),
            DType::UInt16 => (0, u16::MAX as i128),
            DType::UInt32 => (0, u32::MAX as i128),
            DType::UInt64 => (0, u64::MAX as i128),
            DType::Bool => (0, 1),
            _ => (i64::MIN as i128, i64::MAX as i128),
        }
    }

    /// Whether a Python integer fits this integer dtype (numpy 2 raises `OverflowError` when a
    /// Python int that does not fit meets an array or scalar of this dtype).
    pub fn holds(self, v: i128) -> bool {
        let (lo, hi) = self.int_range();
        (lo..=hi).contains(&v)
    }
}

/// numpy's kind order for `same_kind` casting: bool < unsigned < signed < float.
fn kind_order(d: DType) -> u8 {
    match d {
        DType::Bool => 0,
        d if d.is_unsigned() => 1,
        d if d.is_float() => 3,
        _ => 2,
    }
}

/// `np.can_cast(from, to, casting)` for `"no"`, `"equiv"`, `"safe"`, `"same_kind"` and
/// `"unsafe"` (`None` for another rule name).
pub fn can_cast(from: DType, to: DType, casting: &str) -> Option<bool> {
    Some(match casting {
        "unsafe" => true,
        "no" | "equiv" => from == to,
        "safe" => from == to || promote(from, to) == to,
        "same_kind" => from == to || promote(from, to) == to || kind_order(from) <= kind_order(to),
        _ => return None,
    })
}

/// numpy's C cast of a float to an integer dtype: truncation toward zero; NaN and values outside
/// `int64` become `i64::MIN` (what x86's conversion gives), then wrap to the width.
pub fn float_to_int(f: f64, d: DType) -> i64 {
    const I64_RANGE: std::ops::Range<f64> = -9.223_372_036_854_776e18..9.223_372_036_854_776e18;
    const U64_RANGE: std::ops::Range<f64> = 0.0..1.844_674_407_370_955_2e19;
    let i = if I64_RANGE.contains(&f) {
        f as i64
    } else if d == DType::UInt64 && U64_RANGE.contains(&f) {
        f as u64 as i64
    } else {
        // NaN, infinities and values outside int64.
        i64::MIN
    };
    d.wrap_int(i)
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
            (Data::Bool(_), DType::Bool) => true,
            (Data::Float(_), d) => d.is_float(),
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
    /// `numpy.exceptions.AxisError` (a `ValueError` and `IndexError` subclass)
    Axis,
    /// `OverflowError` (a Python int that does not fit the dtype it meets)
    Overflow,
    /// numpy's `UFuncTypeError` (a `TypeError`: no ufunc loop for these dtypes)
    UFuncType,
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

    /// numpy's `AxisError` for `axis` on an array of `ndim` dimensions.
    pub fn axis(axis: isize, ndim: usize) -> NpError {
        NpError {
            kind: NpErrorKind::Axis,
            message: format!("axis {axis} is out of bounds for array of dimension {ndim}"),
        }
    }

    /// numpy's `UFuncTypeError`.
    pub fn ufunc_type(message: impl Into<String>) -> NpError {
        NpError {
            kind: NpErrorKind::UFuncType,
            message: message.into(),
        }
    }

    /// An `OverflowError`.
    pub fn overflow(message: impl Into<String>) -> NpError {
        NpError {
            kind: NpErrorKind::Overflow,
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
/// bool < integers < floats; the wider of two integers of one signedness; a signed/unsigned pair
/// goes to the next signed width that holds both (`uint64` with a signed int: `float64`); `float32`
/// with an integer of 16 bits or less stays `float32`, with a wider one becomes `float64`.
pub fn promote(a: DType, b: DType) -> DType {
    use DType::*;
    if a == b {
        return a;
    }
    let bits = |d: DType| 8 * d.itemsize();
    match (a, b) {
        (Bool, x) | (x, Bool) => x,
        (Float64, _) | (_, Float64) => Float64,
        (Float32, x) | (x, Float32) => {
            if x == Float32 || bits(x) <= 16 {
                Float32
            } else {
                Float64
            }
        }
        (x, y) if x.is_unsigned() == y.is_unsigned() => {
            if bits(x) >= bits(y) {
                x
            } else {
                y
            }
        }
        (x, y) => {
            let (u, s) = if x.is_unsigned() { (x, y) } else { (y, x) };
            if bits(s) > bits(u) {
                s
            } else {
                match u {
                    UInt8 => Int16,
                    UInt16 => Int32,
                    UInt32 => Int64,
                    _ => Float64,
                }
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
            (_, d) if d.is_float() => Data::Float(match &self.data {
                Data::Bool(v) => v.iter().map(|&x| x as u8 as f64).collect(),
                Data::Int(v) => v
                    .iter()
                    .map(|&x| d.wrap_float(int_to_float(x, self.dtype)))
                    .collect(),
                Data::Float(v) => v.iter().map(|&x| d.wrap_float(x)).collect(),
            }),
            (_, d) => Data::Int(match &self.data {
                Data::Bool(v) => v.iter().map(|&x| x as i64).collect(),
                Data::Int(v) => v.iter().map(|&x| d.wrap_int(x)).collect(),
                Data::Float(v) => v.iter().map(|&x| float_to_int(x, d)).collect(),
            }),
        };
        Dense {
            dtype,
            shape: self.shape.clone(),
            data,
        }
    }
}

/// An integer element of dtype `d` as `f64` (`uint64` values read unsigned).
pub fn int_to_float(v: i64, d: DType) -> f64 {
    if d == DType::UInt64 {
        v as u64 as f64
    } else {
        v as f64
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
        assert_eq!(promote(DType::UInt16, DType::Int16), DType::Int32);
        assert_eq!(promote(DType::UInt64, DType::Int8), DType::Float64);
        assert_eq!(promote(DType::UInt32, DType::UInt8), DType::UInt32);
        assert_eq!(promote(DType::Float32, DType::Int16), DType::Float32);
        assert_eq!(promote(DType::Float32, DType::Int32), DType::Float64);
        assert_eq!(promote(DType::Float32, DType::Bool), DType::Float32);
    }

    #[test]
    fn astype_truncates_and_wraps() {
        let f = Dense::floats(vec![3], vec![-1.7, 2.9, 300.0]).unwrap();
        assert_eq!(f.astype(DType::Int64).data, Data::Int(vec![-1, 2, 300]));
        assert_eq!(f.astype(DType::UInt8).data, Data::Int(vec![255, 2, 44]));
        let nan = Dense::floats(vec![2], vec![f64::NAN, f64::INFINITY]).unwrap();
        assert_eq!(
            nan.astype(DType::Int64).data,
            Data::Int(vec![i64::MIN, i64::MIN])
        );
        assert_eq!(
            f.astype(DType::Float32).data,
            Data::Float(vec![-1.7f32 as f64, 2.9f32 as f64, 300.0])
        );
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
