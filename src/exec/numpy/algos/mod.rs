//! Pure-Rust numpy algorithms over owned arrays ([`Dense`]).
//!
//! Axis arguments are numpy-style (negative counts from the end) and are validated here; the
//! binding layer only parses Python arguments. Results follow numpy's dtype rules. Every result
//! allocation is checked against [`MAX_ELEMENTS`](super::dense::MAX_ELEMENTS) first (a
//! `MemoryError`), and no input makes these functions panic.
//!
//! Shared helpers live here; the algorithms are grouped in `shape.rs` (rotation, padding,
//! tiling, joining), `sort.rs` (unique, sorting, counting, searching) and `matrix.rs`
//! (diagonals, grids, products, cumulative sums).

use std::cmp::Ordering;

use super::dense::{checked_size, promote, DType, Data, Dense, NpError, Scalar};

/// Applies `$body` (generic over the element type) to the vector inside each [`Data`] variant,
/// rewrapping the result in the same variant.
macro_rules! each {
    ($data:expr, $v:ident => $body:expr) => {
        match $data {
            Data::Bool($v) => Data::Bool($body),
            Data::Int($v) => Data::Int($body),
            Data::Float($v) => Data::Float($body),
        }
    };
}

/// Applies `$body` to the vector inside each [`Data`] variant, for a result of one type.
macro_rules! visit {
    ($data:expr, $v:ident => $body:expr) => {
        match $data {
            Data::Bool($v) => $body,
            Data::Int($v) => $body,
            Data::Float($v) => $body,
        }
    };
}

/// Element operations shared by the three storage types.
trait Elem: Copy + PartialEq {
    /// numpy's sort order: `False < True`, integers numerically, floats with NaN last and
    /// `-0.0 == 0.0`.
    fn order(self, other: Self) -> Ordering;
    /// Truthiness (`x != 0`; NaN is truthy).
    fn nz(self) -> bool;
}

impl Elem for bool {
    fn order(self, other: Self) -> Ordering {
        self.cmp(&other)
    }
    fn nz(self) -> bool {
        self
    }
}

impl Elem for i64 {
    fn order(self, other: Self) -> Ordering {
        self.cmp(&other)
    }
    fn nz(self) -> bool {
        self != 0
    }
}

impl Elem for f64 {
    fn order(self, other: Self) -> Ordering {
        match (self.is_nan(), other.is_nan()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            _ => self.partial_cmp(&other).unwrap_or(Ordering::Equal),
        }
    }
    fn nz(self) -> bool {
        self != 0.0
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/// numpy's `AxisError` (an `IndexError`/`ValueError` subclass).
fn axis_error(axis: isize, ndim: usize) -> NpError {
    NpError::axis(axis, ndim)
}

/// Normalizes a possibly negative axis for an array of `ndim` dimensions.
fn norm_axis(axis: isize, ndim: usize) -> Result<usize, NpError> {
    let n = ndim as i128;
    let a = axis as i128;
    let r = if a < 0 { a + n } else { a };
    if r < 0 || r >= n {
        return Err(axis_error(axis, ndim));
    }
    Ok(r as usize)
}

/// numpy's `PyArray_CheckAxis`: a 0-d array counts as 1-D (so `axis` may be 0 or -1). Returns the
/// (possibly reshaped) array and the normalized axis.
fn check_axis(a: &Dense, axis: isize) -> Result<(Dense, usize), NpError> {
    if a.ndim() == 0 {
        let r = ravel(a);
        let ax = norm_axis(axis, 1)?;
        return Ok((r, ax));
    }
    Ok((a.clone(), norm_axis(axis, a.ndim())?))
}

/// Normalizes a list of axes, rejecting duplicates (`normalize_axis_tuple`).
fn norm_axes(axes: &[isize], ndim: usize) -> Result<Vec<usize>, NpError> {
    let mut out = Vec::with_capacity(axes.len().min(ndim + 1));
    for &a in axes {
        let n = norm_axis(a, ndim)?;
        if out.contains(&n) {
            return Err(NpError::value("repeated axis"));
        }
        out.push(n);
    }
    Ok(out)
}

/// Row-major strides (in elements) of `shape`.
fn strides(shape: &[usize]) -> Vec<usize> {
    let mut s = vec![1usize; shape.len()];
    for i in (0..shape.len().saturating_sub(1)).rev() {
        s[i] = s[i + 1].saturating_mul(shape[i + 1]);
    }
    s
}

/// Calls `f(multi_index)` for every position of `shape` in row-major order.
pub(super) fn for_each_index(shape: &[usize], mut f: impl FnMut(&[usize])) {
    if shape.contains(&0) {
        return;
    }
    let mut idx = vec![0usize; shape.len()];
    loop {
        f(&idx);
        let mut d = shape.len();
        loop {
            if d == 0 {
                return;
            }
            d -= 1;
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
}

/// Picks `data[i]` for every `i` in `idx` (an index out of range reads as zero).
pub fn take(data: &Data, idx: &[usize]) -> Data {
    each!(data, v => idx.iter().map(|&i| v.get(i).copied().unwrap_or_default()).collect())
}

/// `n` zeros (`False`, `0`, `0.0`) of `dtype`.
fn zeros(dtype: DType, n: usize) -> Data {
    match dtype {
        DType::Bool => Data::Bool(vec![false; n]),
        DType::Float64 => Data::Float(vec![0.0; n]),
        _ => Data::Int(vec![0; n]),
    }
}

/// An empty array of `dtype` and `shape` (whose size is 0).
fn empty(dtype: DType, shape: Vec<usize>) -> Dense {
    Dense {
        dtype,
        shape,
        data: zeros(dtype, 0),
    }
}

/// Builds an array whose element at each output position is `a`'s element at
/// `maps[axis][position along axis]` on every axis (a separable index map).
fn gather_axes(a: &Dense, out_shape: Vec<usize>, maps: &[Vec<usize>]) -> Result<Dense, NpError> {
    let n = checked_size(&out_shape)?;
    if n == 0 {
        return Ok(empty(a.dtype, out_shape));
    }
    let st = strides(&a.shape);
    let mut idx = Vec::with_capacity(n);
    for_each_index(&out_shape, |ix| {
        idx.push(
            ix.iter()
                .enumerate()
                .map(|(d, &i)| maps[d][i] * st[d])
                .sum(),
        );
    });
    Ok(Dense {
        dtype: a.dtype,
        shape: out_shape,
        data: take(&a.data, &idx),
    })
}

/// `np.transpose(a, perm)` as a copy.
fn transpose(a: &Dense, perm: &[usize]) -> Dense {
    let st = strides(&a.shape);
    let out_shape: Vec<usize> = perm.iter().map(|&p| a.shape[p]).collect();
    let mut idx = Vec::with_capacity(a.size());
    for_each_index(&out_shape, |ix| {
        idx.push(ix.iter().zip(perm).map(|(&i, &p)| i * st[p]).sum());
    });
    Dense {
        dtype: a.dtype,
        shape: out_shape,
        data: take(&a.data, &idx),
    }
}

/// A flattened copy (0-d becomes one element).
pub fn ravel(a: &Dense) -> Dense {
    Dense {
        dtype: a.dtype,
        shape: vec![a.size()],
        data: a.data.clone(),
    }
}

/// `(outer, len, inner)` of iterating lanes along `axis` (an axis past the shape is one lane of
/// length 1).
pub fn lanes(shape: &[usize], axis: usize) -> (usize, usize, usize) {
    let outer = shape.get(..axis).map_or(1, |s| s.iter().product());
    let inner = shape.get(axis + 1..).map_or(1, |s| s.iter().product());
    (outer, shape.get(axis).copied().unwrap_or(1), inner)
}

/// Python's tuple text for a shape: `(3,)`, `(2,3)`.
fn shape_text(shape: &[usize]) -> String {
    if shape.len() == 1 {
        return format!("({},)", shape[0]);
    }
    let parts: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    format!("({})", parts.join(","))
}

/// Truthiness of every element.
fn truthy(a: &Dense) -> Vec<bool> {
    visit!(&a.data, v => v.iter().map(|x| x.nz()).collect())
}

/// Concatenates same-variant storage (all parts already converted to one dtype).
fn join_data(dtype: DType, parts: &[Dense]) -> Data {
    let mut out = zeros(dtype, 0);
    for p in parts {
        match (&mut out, &p.data) {
            (Data::Bool(o), Data::Bool(v)) => o.extend_from_slice(v),
            (Data::Int(o), Data::Int(v)) => o.extend_from_slice(v),
            (Data::Float(o), Data::Float(v)) => o.extend_from_slice(v),
            _ => {}
        }
    }
    out
}

/// One element `x` of `dtype`, cast the way `astype` does.
fn cast_scalar(x: Scalar, dtype: DType) -> Data {
    let one = match x {
        Scalar::Bool(b) => Dense {
            dtype: DType::Bool,
            shape: vec![1],
            data: Data::Bool(vec![b]),
        },
        Scalar::Int(i) => Dense {
            dtype: DType::Int64,
            shape: vec![1],
            data: Data::Int(vec![i]),
        },
        Scalar::Float(f) => Dense {
            dtype: DType::Float64,
            shape: vec![1],
            data: Data::Float(vec![f]),
        },
    };
    one.astype(dtype).data
}

/// Elementwise product of same-dtype storages at index pairs (`bool` is logical and, integers
/// wrap to `dtype`).
fn mul_pairs(dtype: DType, a: &Data, b: &Data, pairs: &[(usize, usize)]) -> Data {
    match (a, b) {
        (Data::Bool(x), Data::Bool(y)) => {
            Data::Bool(pairs.iter().map(|&(i, j)| x[i] && y[j]).collect())
        }
        (Data::Int(x), Data::Int(y)) => Data::Int(
            pairs
                .iter()
                .map(|&(i, j)| dtype.wrap_int(x[i].wrapping_mul(y[j])))
                .collect(),
        ),
        (Data::Float(x), Data::Float(y)) => {
            Data::Float(pairs.iter().map(|&(i, j)| x[i] * y[j]).collect())
        }
        _ => zeros(dtype, 0),
    }
}

// The child modules come after `visit!` (macros are in scope only below their definition).
mod matrix;
mod shape;
mod sort;
#[cfg(test)]
mod tests;

pub use matrix::{
    array_equal, cumsum, diag, diagonal, diff, dot, eye, inclusive_scan, indices, meshgrid,
    tri_part,
};
pub use shape::{concatenate, flip, kron, pad, repeat, roll, rot90, stack, tile, PadMode};
pub use sort::{argsort, argwhere, bincount, count_nonzero, isin, nonzero, sort, unique, Unique};
