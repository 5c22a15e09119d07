//! Pure-Rust numpy algorithms over owned arrays ([`Dense`]).
//!
//! Axis arguments are numpy-style (negative counts from the end) and are validated here; the
//! binding layer only parses Python arguments. Results follow numpy's dtype rules.
//!
//! SKELETON: signatures are fixed (the binding layer calls them); bodies are being written.

use super::dense::{DType, Dense, NpError, Scalar};

fn todo(name: &str) -> NpError {
    NpError::not_implemented(format!("numpy.{name} is not implemented yet"))
}

/// Result of `np.unique`: sorted unique values (or rows for `axis=0`) plus the optional outputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Unique {
    /// Sorted unique values (1-D), or unique rows sorted lexicographically (for `axis=0`).
    pub values: Dense,
    /// First index of each unique value in the flattened input (`return_index`).
    pub index: Vec<i64>,
    /// For every input element (or row), the position of its value in `values` (`return_inverse`).
    pub inverse: Vec<i64>,
    /// Occurrences of each unique value (`return_counts`).
    pub counts: Vec<i64>,
}

/// `np.unique(a, axis=axis)`; `axis` is `None` (flatten) or an axis whose slices are compared.
pub fn unique(_a: &Dense, _axis: Option<isize>) -> Result<Unique, NpError> {
    Err(todo("unique"))
}

/// `np.rot90(a, k, axes)`.
pub fn rot90(_a: &Dense, _k: i64, _axes: (isize, isize)) -> Result<Dense, NpError> {
    Err(todo("rot90"))
}

/// `np.flip(a, axis)`: `None` flips every axis.
pub fn flip(_a: &Dense, _axes: Option<&[isize]>) -> Result<Dense, NpError> {
    Err(todo("flip"))
}

/// How `np.pad` fills the border.
#[derive(Clone, Debug, PartialEq)]
pub enum PadMode {
    /// `mode='constant'` with `constant_values`: `(before, after)` per axis.
    Constant(Vec<(Scalar, Scalar)>),
    /// `mode='edge'`
    Edge,
    /// `mode='wrap'`
    Wrap,
    /// `mode='reflect'`
    Reflect,
    /// `mode='symmetric'`
    Symmetric,
}

/// `np.pad(a, pad_width, mode)`: `widths` has one `(before, after)` per axis.
pub fn pad(_a: &Dense, _widths: &[(usize, usize)], _mode: &PadMode) -> Result<Dense, NpError> {
    Err(todo("pad"))
}

/// `np.tile(a, reps)`.
pub fn tile(_a: &Dense, _reps: &[usize]) -> Result<Dense, NpError> {
    Err(todo("tile"))
}

/// `np.repeat(a, repeats, axis)`: `repeats` has one entry (used for every element) or one per
/// element along `axis`; `axis=None` flattens first.
pub fn repeat(_a: &Dense, _repeats: &[usize], _axis: Option<isize>) -> Result<Dense, NpError> {
    Err(todo("repeat"))
}

/// `np.kron(a, b)`.
pub fn kron(_a: &Dense, _b: &Dense) -> Result<Dense, NpError> {
    Err(todo("kron"))
}

/// `np.concatenate(arrays, axis)`: `axis=None` flattens each array first. The dtype is the
/// promotion of all inputs.
pub fn concatenate(_arrays: &[Dense], _axis: Option<isize>) -> Result<Dense, NpError> {
    Err(todo("concatenate"))
}

/// `np.stack(arrays, axis)`: all shapes equal; a new axis is inserted at `axis`.
pub fn stack(_arrays: &[Dense], _axis: isize) -> Result<Dense, NpError> {
    Err(todo("stack"))
}

/// `np.roll(a, shift, axis)`: `axes=None` rolls the flattened array by `shifts[0]`; otherwise
/// `shifts` and `axes` pair up (a single shift broadcasts over several axes).
pub fn roll(_a: &Dense, _shifts: &[i64], _axes: Option<&[isize]>) -> Result<Dense, NpError> {
    Err(todo("roll"))
}

/// `np.sort(a, axis)` (stable); `axis=None` sorts the flattened array.
pub fn sort(_a: &Dense, _axis: Option<isize>) -> Result<Dense, NpError> {
    Err(todo("sort"))
}

/// `np.argsort(a, axis)` (stable, `int64` result); `axis=None` works on the flattened array.
pub fn argsort(_a: &Dense, _axis: Option<isize>) -> Result<Dense, NpError> {
    Err(todo("argsort"))
}

/// `np.bincount(a, weights, minlength)`: `a` is 1-D non-negative ints.
pub fn bincount(_a: &Dense, _weights: Option<&Dense>, _minlength: usize) -> Result<Dense, NpError> {
    Err(todo("bincount"))
}

/// `np.diag(a, k)`: 1-D → 2-D diagonal matrix, 2-D → its k-th diagonal.
pub fn diag(_a: &Dense, _k: i64) -> Result<Dense, NpError> {
    Err(todo("diag"))
}

/// `np.diagonal(a, offset)` for 2-D `a`.
pub fn diagonal(_a: &Dense, _offset: i64) -> Result<Dense, NpError> {
    Err(todo("diagonal"))
}

/// `np.argwhere(a)`: `(count, ndim)` `int64` coordinates of non-zero elements, row-major order.
pub fn argwhere(_a: &Dense) -> Result<Dense, NpError> {
    Err(todo("argwhere"))
}

/// `np.nonzero(a)`: one `int64` index array per axis.
pub fn nonzero(_a: &Dense) -> Result<Vec<Dense>, NpError> {
    Err(todo("nonzero"))
}

/// `np.count_nonzero(a, axis)`: `None` counts everything (0-d `int64` result).
pub fn count_nonzero(_a: &Dense, _axis: Option<isize>) -> Result<Dense, NpError> {
    Err(todo("count_nonzero"))
}

/// `np.isin(element, test_elements, invert)`: bool array shaped like `element`.
pub fn isin(_element: &Dense, _test: &Dense, _invert: bool) -> Result<Dense, NpError> {
    Err(todo("isin"))
}

/// `np.meshgrid(*xs, indexing='xy'|'ij')`: each input is flattened first.
pub fn meshgrid(_xs: &[Dense], _indexing_ij: bool) -> Result<Vec<Dense>, NpError> {
    Err(todo("meshgrid"))
}

/// `np.indices(shape)`: `int64` array of shape `(len(shape), *shape)`.
pub fn indices(_shape: &[usize]) -> Result<Dense, NpError> {
    Err(todo("indices"))
}

/// `np.eye(n, m, k, dtype)`.
pub fn eye(_n: usize, _m: usize, _k: i64, _dtype: DType) -> Result<Dense, NpError> {
    Err(todo("eye"))
}

/// `np.dot(a, b)` / `a @ b` for 0-, 1- and 2-D operands.
pub fn dot(_a: &Dense, _b: &Dense) -> Result<Dense, NpError> {
    Err(todo("dot"))
}

/// `np.array_equal(a, b)`: same shape and equal elements (values compare across dtypes).
pub fn array_equal(_a: &Dense, _b: &Dense) -> bool {
    false
}

/// `np.cumsum(a, axis)`: `axis=None` works on the flattened array; bools sum as `int64`.
pub fn cumsum(_a: &Dense, _axis: Option<isize>) -> Result<Dense, NpError> {
    Err(todo("cumsum"))
}

/// `np.diff(a, n=1, axis=-1)`.
pub fn diff(_a: &Dense, _axis: isize) -> Result<Dense, NpError> {
    Err(todo("diff"))
}

/// `np.triu(a, k)` (`lower=false`) or `np.tril(a, k)` (`lower=true`) for 2-D `a`.
pub fn tri_part(_a: &Dense, _k: i64, _lower: bool) -> Result<Dense, NpError> {
    Err(todo("triu"))
}
