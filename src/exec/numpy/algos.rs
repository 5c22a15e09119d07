//! Pure-Rust numpy algorithms over owned arrays ([`Dense`]).
//!
//! Axis arguments are numpy-style (negative counts from the end) and are validated here; the
//! binding layer only parses Python arguments. Results follow numpy's dtype rules. Every result
//! allocation is checked against [`MAX_ELEMENTS`](super::dense::MAX_ELEMENTS) first (a
//! `MemoryError`), and no input makes these functions panic.

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

/// numpy's `AxisError` text (an `IndexError`/`ValueError` subclass; reported as `IndexError`).
fn axis_error(axis: isize, ndim: usize) -> NpError {
    NpError::index(format!(
        "axis {axis} is out of bounds for array of dimension {ndim}"
    ))
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
fn for_each_index(shape: &[usize], mut f: impl FnMut(&[usize])) {
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

/// Picks `data[i]` for every `i` in `idx` (indices are produced internally and in range).
fn take(data: &Data, idx: &[usize]) -> Data {
    each!(data, v => idx.iter().map(|&i| v[i]).collect())
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
fn ravel(a: &Dense) -> Dense {
    Dense {
        dtype: a.dtype,
        shape: vec![a.size()],
        data: a.data.clone(),
    }
}

/// `(outer, len, inner)` of iterating lanes along `axis`.
fn lanes(shape: &[usize], axis: usize) -> (usize, usize, usize) {
    let outer = shape[..axis].iter().product();
    let inner = shape[axis + 1..].iter().product();
    (outer, shape[axis], inner)
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

// ---------------------------------------------------------------------------------------------
// unique
// ---------------------------------------------------------------------------------------------

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

/// Groups `rows` (count `n`) compared by `cmp`: returns the stable sorted order and, per group,
/// its first position in that order.
fn group_rows(n: usize, cmp: impl Fn(usize, usize) -> Ordering) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&x, &y| cmp(x, y));
    let mut starts = Vec::new();
    for (pos, &r) in order.iter().enumerate() {
        if pos == 0 || cmp(order[pos - 1], r) != Ordering::Equal {
            starts.push(pos);
        }
    }
    (order, starts)
}

/// `np.unique(a, axis=axis)`; `axis` is `None` (flatten) or an axis whose slices are compared.
///
/// `inverse` and `counts` are per element (or per slice along `axis`); NaNs compare equal to each
/// other (numpy 2's `equal_nan=True`).
pub fn unique(a: &Dense, axis: Option<isize>) -> Result<Unique, NpError> {
    let (moved, ax) = match axis {
        None => (ravel(a), 0usize),
        Some(ax) => {
            let ax = norm_axis(ax, a.ndim())?;
            let mut perm = vec![ax];
            perm.extend((0..a.ndim()).filter(|&d| d != ax));
            (transpose(a, &perm), ax)
        }
    };
    let n = moved.shape[0];
    let row = moved.shape[1..].iter().product::<usize>();
    let (order, starts) = visit!(&moved.data, v => group_rows(n, |x, y| {
        let (rx, ry) = (&v[x * row..(x + 1) * row], &v[y * row..(y + 1) * row]);
        rx.iter()
            .zip(ry)
            .map(|(p, q)| p.order(*q))
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    }));
    let mut index = Vec::with_capacity(starts.len());
    let mut counts = Vec::with_capacity(starts.len());
    let mut inverse = vec![0i64; n];
    let mut src = Vec::with_capacity(starts.len() * row);
    for (g, &s) in starts.iter().enumerate() {
        let end = starts.get(g + 1).copied().unwrap_or(n);
        let first = order[s];
        index.push(first as i64);
        counts.push((end - s) as i64);
        for &r in &order[s..end] {
            inverse[r] = g as i64;
        }
        src.extend(first * row..(first + 1) * row);
    }
    let mut shape = moved.shape.clone();
    shape[0] = starts.len();
    let vals = Dense {
        dtype: a.dtype,
        shape,
        data: take(&moved.data, &src),
    };
    let values = if axis.is_some() {
        // Move the compared axis back from the front to `ax`.
        let mut perm: Vec<usize> = (1..a.ndim()).collect();
        perm.insert(ax, 0);
        transpose(&vals, &perm)
    } else {
        vals
    };
    Ok(Unique {
        values,
        index,
        inverse,
        counts,
    })
}

// ---------------------------------------------------------------------------------------------
// Shape manipulation (in `algos_shape.rs`)
// ---------------------------------------------------------------------------------------------

#[path = "algos_shape.rs"]
mod shape;
pub use shape::{concatenate, flip, kron, pad, repeat, roll, rot90, stack, tile, PadMode};

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

// ---------------------------------------------------------------------------------------------
// Sorting and counting
// ---------------------------------------------------------------------------------------------

/// For every lane along `axis` (after optional flattening), the stable sorted order as flat
/// source indices, plus the lane-local positions.
/// `zero_d_as_1d`: whether a 0-d `a` is treated as 1-D (`argsort`) or rejected (`sort`).
fn sort_plan(
    a: &Dense,
    axis: Option<isize>,
    zero_d_as_1d: bool,
) -> Result<(Dense, Vec<usize>, Vec<i64>), NpError> {
    let (src, ax) = match axis {
        None => (ravel(a), 0),
        Some(ax) if zero_d_as_1d => check_axis(a, ax)?,
        Some(ax) => (a.clone(), norm_axis(ax, a.ndim())?),
    };
    let (outer, n, inner) = lanes(&src.shape, ax);
    let mut flat = vec![0usize; src.size()];
    let mut local = vec![0i64; src.size()];
    visit!(&src.data, v => {
        let mut order: Vec<usize> = Vec::with_capacity(n);
        for o in 0..outer {
            for k in 0..inner {
                let base = o * n * inner + k;
                order.clear();
                order.extend(0..n);
                order.sort_by(|&x, &y| v[base + x * inner].order(v[base + y * inner]));
                for (pos, &i) in order.iter().enumerate() {
                    flat[base + pos * inner] = base + i * inner;
                    local[base + pos * inner] = i as i64;
                }
            }
        }
    });
    Ok((src, flat, local))
}

/// `np.sort(a, axis)` (stable); `axis=None` sorts the flattened array.
pub fn sort(a: &Dense, axis: Option<isize>) -> Result<Dense, NpError> {
    let (src, flat, _) = sort_plan(a, axis, false)?;
    Ok(Dense {
        dtype: src.dtype,
        data: take(&src.data, &flat),
        shape: src.shape,
    })
}

/// `np.argsort(a, axis)` (stable, `int64` result); `axis=None` works on the flattened array.
pub fn argsort(a: &Dense, axis: Option<isize>) -> Result<Dense, NpError> {
    let (src, _, local) = sort_plan(a, axis, true)?;
    Dense::ints(src.shape, local)
}

/// `np.bincount(a, weights, minlength)`: `a` is 1-D non-negative ints (or bools).
pub fn bincount(a: &Dense, weights: Option<&Dense>, minlength: usize) -> Result<Dense, NpError> {
    match a.ndim() {
        0 => {
            return Err(NpError::value(
                "object of too small depth for desired array",
            ))
        }
        1 => {}
        _ => return Err(NpError::value("object too deep for desired array")),
    }
    let vals: Vec<i64> = match &a.data {
        Data::Bool(v) => v.iter().map(|&b| b as i64).collect(),
        Data::Int(v) => v.clone(),
        Data::Float(_) => {
            return Err(NpError::type_error(
                "Cannot cast array data from dtype('float64') to dtype('int64') according to \
                 the rule 'safe'",
            ))
        }
    };
    if vals.iter().any(|&x| x < 0) {
        return Err(NpError::value(
            "'list' argument must have no negative elements",
        ));
    }
    let w = match weights {
        Some(w) => {
            if w.size() != vals.len() || w.ndim() != 1 {
                return Err(NpError::value(
                    "The weights and list don't have the same length.",
                ));
            }
            match w.astype(DType::Float64).data {
                Data::Float(f) => Some(f),
                _ => None,
            }
        }
        None => None,
    };
    let max = vals.iter().copied().max().map_or(0, |m| m as u64 as usize);
    let len = if vals.is_empty() {
        0
    } else {
        max.saturating_add(1)
    }
    .max(minlength);
    checked_size(&[len])?;
    match w {
        Some(w) => {
            let mut out = vec![0.0f64; len];
            for (&x, &wt) in vals.iter().zip(&w) {
                out[x as usize] += wt;
            }
            Dense::floats(vec![len], out)
        }
        None => {
            let mut out = vec![0i64; len];
            for &x in &vals {
                out[x as usize] += 1;
            }
            Dense::ints(vec![len], out)
        }
    }
}

/// `np.diag(a, k)`: 1-D → 2-D diagonal matrix, 2-D → its k-th diagonal.
pub fn diag(a: &Dense, k: i64) -> Result<Dense, NpError> {
    match a.ndim() {
        1 => {
            let n = a.shape[0];
            let side = (n as u128 + k.unsigned_abs() as u128).min(usize::MAX as u128) as usize;
            let total = checked_size(&[side, side])?;
            // Element (i, i + k) for k >= 0, (i - k, i) otherwise; the rest are zeros, which
            // sit at index `n` of the pool.
            let mut idx = vec![n; total];
            let (r0, c0) = if k >= 0 {
                (0, k as usize)
            } else {
                (k.unsigned_abs() as usize, 0)
            };
            for (i, slot) in (0..n).map(|i| (r0 + i) * side + c0 + i).enumerate() {
                idx[slot] = i;
            }
            let zero = Dense {
                dtype: a.dtype,
                shape: vec![1],
                data: zeros(a.dtype, 1),
            };
            let pool = join_data(a.dtype, &[a.clone(), zero]);
            Ok(Dense {
                dtype: a.dtype,
                shape: vec![side, side],
                data: take(&pool, &idx),
            })
        }
        2 => diagonal(a, k),
        _ => Err(NpError::value("Input must be 1- or 2-d.")),
    }
}

/// `np.diagonal(a, offset)` (axes 0 and 1; for more than two dimensions the diagonal becomes the
/// last axis, as in numpy).
pub fn diagonal(a: &Dense, offset: i64) -> Result<Dense, NpError> {
    if a.ndim() < 2 {
        return Err(NpError::value(
            "diag requires an array of at least two dimensions",
        ));
    }
    let (n0, n1) = (a.shape[0] as i128, a.shape[1] as i128);
    let off = offset as i128;
    let (r0, c0) = if off >= 0 { (0, off) } else { (-off, 0) };
    let len = (n0 - r0).min(n1 - c0).max(0) as usize;
    let mut out_shape = a.shape[2..].to_vec();
    out_shape.push(len);
    checked_size(&out_shape)?;
    let st = strides(&a.shape);
    let (r0, c0) = (r0 as usize, c0 as usize);
    let mut idx = Vec::new();
    for_each_index(&out_shape, |ix| {
        let (rest, j) = ix.split_at(ix.len() - 1);
        let base: usize = rest.iter().zip(&st[2..]).map(|(&i, &s)| i * s).sum();
        idx.push(base + (r0 + j[0]) * st[0] + (c0 + j[0]) * st[1]);
    });
    Ok(Dense {
        dtype: a.dtype,
        shape: out_shape,
        data: take(&a.data, &idx),
    })
}

/// Multi-index of every truthy element, in row-major order.
fn nonzero_coords(a: &Dense) -> Vec<Vec<usize>> {
    let t = truthy(a);
    let mut out = Vec::new();
    let mut flat = 0;
    if a.ndim() == 0 {
        if t.first() == Some(&true) {
            out.push(Vec::new());
        }
        return out;
    }
    for_each_index(&a.shape, |ix| {
        if t[flat] {
            out.push(ix.to_vec());
        }
        flat += 1;
    });
    out
}

/// `np.argwhere(a)`: `(count, ndim)` `int64` coordinates of non-zero elements, row-major order.
pub fn argwhere(a: &Dense) -> Result<Dense, NpError> {
    let coords = nonzero_coords(a);
    let shape = vec![coords.len(), a.ndim()];
    let data = coords.iter().flatten().map(|&i| i as i64).collect();
    Dense::ints(shape, data)
}

/// `np.nonzero(a)`: one `int64` index array per axis.
pub fn nonzero(a: &Dense) -> Result<Vec<Dense>, NpError> {
    if a.ndim() == 0 {
        return Err(NpError::value(
            "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() \
             instead.",
        ));
    }
    let coords = nonzero_coords(a);
    (0..a.ndim())
        .map(|d| {
            Dense::ints(
                vec![coords.len()],
                coords.iter().map(|c| c[d] as i64).collect(),
            )
        })
        .collect()
}

/// `np.count_nonzero(a, axis)`: `None` counts everything (0-d `int64` result).
pub fn count_nonzero(a: &Dense, axis: Option<isize>) -> Result<Dense, NpError> {
    let t = truthy(a);
    let Some(axis) = axis else {
        return Dense::ints(vec![], vec![t.iter().filter(|&&x| x).count() as i64]);
    };
    if a.ndim() == 0 {
        // numpy accepts axis 0 / -1 on a 0-d array here.
        norm_axis(axis, 1).map_err(|_| axis_error(axis, 0))?;
        return count_nonzero(a, None);
    }
    let ax = norm_axis(axis, a.ndim())?;
    let (outer, n, inner) = lanes(&a.shape, ax);
    let mut out = vec![0i64; outer * inner];
    for o in 0..outer {
        for i in 0..n {
            for k in 0..inner {
                out[o * inner + k] += t[(o * n + i) * inner + k] as i64;
            }
        }
    }
    let mut shape = a.shape.clone();
    shape.remove(ax);
    Dense::ints(shape, out)
}

/// `np.isin(element, test_elements, invert)`: bool array shaped like `element`. Values compare
/// numerically after dtype promotion; NaN is never found.
pub fn isin(element: &Dense, test: &Dense, invert: bool) -> Result<Dense, NpError> {
    let dtype = promote(element.dtype, test.dtype);
    let (e, t) = (element.astype(dtype), test.astype(dtype));
    let found: Vec<bool> = match (&e.data, &t.data) {
        (Data::Bool(x), Data::Bool(y)) => x.iter().map(|v| y.contains(v)).collect(),
        (Data::Int(x), Data::Int(y)) => {
            let mut s = y.clone();
            s.sort_unstable();
            x.iter().map(|v| s.binary_search(v).is_ok()).collect()
        }
        (Data::Float(x), Data::Float(y)) => {
            let mut s: Vec<f64> = y.iter().copied().filter(|v| !v.is_nan()).collect();
            s.sort_unstable_by(|p, q| p.order(*q));
            x.iter()
                .map(|v| !v.is_nan() && s.binary_search_by(|p| p.order(*v)).is_ok())
                .collect()
        }
        _ => Vec::new(),
    };
    Dense::bools(
        element.shape.clone(),
        found.into_iter().map(|f| f != invert).collect(),
    )
}

/// `np.meshgrid(*xs, indexing='xy'|'ij')`: each input is flattened first; every output has its
/// input's dtype.
pub fn meshgrid(xs: &[Dense], indexing_ij: bool) -> Result<Vec<Dense>, NpError> {
    let k = xs.len();
    let mut shape: Vec<usize> = xs.iter().map(|x| x.size()).collect();
    // axis_of[i]: the output axis that input i varies along.
    let mut axis_of: Vec<usize> = (0..k).collect();
    if !indexing_ij && k >= 2 {
        shape.swap(0, 1);
        axis_of.swap(0, 1);
    }
    checked_size(&shape)?;
    let mut out = Vec::with_capacity(k);
    for (i, x) in xs.iter().enumerate() {
        let mut idx = Vec::new();
        for_each_index(&shape, |ix| idx.push(ix[axis_of[i]]));
        out.push(Dense {
            dtype: x.dtype,
            shape: shape.clone(),
            data: take(&x.data, &idx),
        });
    }
    Ok(out)
}

/// `np.indices(shape)`: `int64` array of shape `(len(shape), *shape)`.
pub fn indices(shape: &[usize]) -> Result<Dense, NpError> {
    let mut out_shape = vec![shape.len()];
    out_shape.extend_from_slice(shape);
    let n = checked_size(&out_shape)?;
    let mut data = vec![0i64; n];
    let per = if shape.is_empty() { 0 } else { n / shape.len() };
    let mut flat = 0;
    for_each_index(shape, |ix| {
        for (d, &i) in ix.iter().enumerate() {
            data[d * per + flat] = i as i64;
        }
        flat += 1;
    });
    Dense::ints(out_shape, data)
}

/// `np.eye(n, m, k, dtype)`.
pub fn eye(n: usize, m: usize, k: i64, dtype: DType) -> Result<Dense, NpError> {
    let total = checked_size(&[n, m])?;
    let mut ones = vec![false; total];
    for i in 0..n {
        let j = i as i128 + k as i128;
        if j >= 0 && j < m as i128 {
            ones[i * m + j as usize] = true;
        }
    }
    Ok(Dense::bools(vec![n, m], ones)?.astype(dtype))
}

/// `np.dot(a, b)`: a 0-d operand multiplies elementwise; otherwise the last axis of `a` is
/// contracted with the second-to-last of `b` (its only axis when 1-D), as numpy's N-d `dot`.
pub fn dot(a: &Dense, b: &Dense) -> Result<Dense, NpError> {
    let dtype = promote(a.dtype, b.dtype);
    let (ca, cb) = (a.astype(dtype), b.astype(dtype));
    if a.ndim() == 0 || b.ndim() == 0 {
        let shape = if a.ndim() == 0 {
            b.shape.clone()
        } else {
            a.shape.clone()
        };
        let pairs: Vec<(usize, usize)> = if a.ndim() == 0 {
            (0..b.size()).map(|j| (0, j)).collect()
        } else {
            (0..a.size()).map(|i| (i, 0)).collect()
        };
        let data = mul_pairs(dtype, &ca.data, &cb.data, &pairs);
        return Ok(Dense { dtype, shape, data });
    }
    let k = a.shape[a.ndim() - 1];
    let bk_axis = if b.ndim() >= 2 { b.ndim() - 2 } else { 0 };
    if b.shape[bk_axis] != k {
        return Err(NpError::value(format!(
            "shapes {} and {} not aligned: {k} (dim {}) != {} (dim {bk_axis})",
            shape_text(&a.shape),
            shape_text(&b.shape),
            a.ndim() - 1,
            b.shape[bk_axis]
        )));
    }
    let p: usize = a.shape[..a.ndim() - 1].iter().product();
    let m = if b.ndim() >= 2 {
        b.shape[b.ndim() - 1]
    } else {
        1
    };
    let q: usize = b.shape[..bk_axis].iter().product();
    let mut out_shape = a.shape[..a.ndim() - 1].to_vec();
    out_shape.extend_from_slice(&b.shape[..bk_axis]);
    if b.ndim() >= 2 {
        out_shape.push(m);
    }
    let n = checked_size(&out_shape)?;
    let bidx = |qi: usize, ki: usize, mi: usize| (qi * k + ki) * m + mi;
    let data = match (&ca.data, &cb.data) {
        (Data::Bool(x), Data::Bool(y)) => {
            let mut out = Vec::with_capacity(n);
            for pi in 0..p {
                for qi in 0..q {
                    for mi in 0..m {
                        out.push((0..k).any(|ki| x[pi * k + ki] && y[bidx(qi, ki, mi)]));
                    }
                }
            }
            Data::Bool(out)
        }
        (Data::Int(x), Data::Int(y)) => {
            let mut out = Vec::with_capacity(n);
            for pi in 0..p {
                for qi in 0..q {
                    for mi in 0..m {
                        let s = (0..k).fold(0i64, |s, ki| {
                            s.wrapping_add(x[pi * k + ki].wrapping_mul(y[bidx(qi, ki, mi)]))
                        });
                        out.push(dtype.wrap_int(s));
                    }
                }
            }
            Data::Int(out)
        }
        (Data::Float(x), Data::Float(y)) => {
            let mut out = Vec::with_capacity(n);
            for pi in 0..p {
                for qi in 0..q {
                    for mi in 0..m {
                        out.push(
                            (0..k).fold(0.0, |s, ki| s + x[pi * k + ki] * y[bidx(qi, ki, mi)]),
                        );
                    }
                }
            }
            Data::Float(out)
        }
        _ => zeros(dtype, 0),
    };
    Ok(Dense {
        dtype,
        shape: out_shape,
        data,
    })
}

/// `np.array_equal(a, b)`: same shape and equal elements (values compare across dtypes after
/// promotion; NaN is never equal).
pub fn array_equal(a: &Dense, b: &Dense) -> bool {
    if a.shape != b.shape {
        return false;
    }
    let dtype = promote(a.dtype, b.dtype);
    a.astype(dtype).data == b.astype(dtype).data
}

/// `np.cumsum(a, axis)`: `axis=None` works on the flattened array; bools and integers sum as
/// `int64` (numpy gives `uint64` for `uint8`; values agree), floats as `float64`.
pub fn cumsum(a: &Dense, axis: Option<isize>) -> Result<Dense, NpError> {
    let (src, ax) = match axis {
        None => (ravel(a), 0),
        Some(ax) => check_axis(a, ax)?,
    };
    let (outer, n, inner) = lanes(&src.shape, ax);
    let dtype = if src.dtype == DType::Float64 {
        DType::Float64
    } else {
        DType::Int64
    };
    let mut c = src.astype(dtype);
    match &mut c.data {
        Data::Int(v) => {
            for o in 0..outer {
                for i in 1..n {
                    for k in 0..inner {
                        let at = (o * n + i) * inner + k;
                        v[at] = v[at].wrapping_add(v[at - inner]);
                    }
                }
            }
        }
        Data::Float(v) => {
            for o in 0..outer {
                for i in 1..n {
                    for k in 0..inner {
                        let at = (o * n + i) * inner + k;
                        v[at] += v[at - inner];
                    }
                }
            }
        }
        Data::Bool(_) => {}
    }
    Ok(c)
}

/// `np.diff(a, n=1, axis)`: keeps the dtype; bools give `a[i+1] != a[i]`, integers wrap.
pub fn diff(a: &Dense, axis: isize) -> Result<Dense, NpError> {
    if a.ndim() == 0 {
        return Err(NpError::value(
            "diff requires input that is at least one dimensional",
        ));
    }
    let ax = norm_axis(axis, a.ndim())?;
    let (outer, n, inner) = lanes(&a.shape, ax);
    let m = n.saturating_sub(1);
    let mut pairs = Vec::with_capacity(outer * m * inner);
    for o in 0..outer {
        for i in 0..m {
            for k in 0..inner {
                let at = (o * n + i) * inner + k;
                pairs.push((at + inner, at));
            }
        }
    }
    let data = match &a.data {
        Data::Bool(v) => Data::Bool(pairs.iter().map(|&(x, y)| v[x] != v[y]).collect()),
        Data::Int(v) => Data::Int(
            pairs
                .iter()
                .map(|&(x, y)| a.dtype.wrap_int(v[x].wrapping_sub(v[y])))
                .collect(),
        ),
        Data::Float(v) => Data::Float(pairs.iter().map(|&(x, y)| v[x] - v[y]).collect()),
    };
    let mut shape = a.shape.clone();
    shape[ax] = m;
    Ok(Dense {
        dtype: a.dtype,
        shape,
        data,
    })
}

/// `np.triu(a, k)` (`lower=false`) or `np.tril(a, k)` (`lower=true`) on the last two axes; a 1-D
/// `a` is broadcast to a square matrix first, as numpy does.
pub fn tri_part(a: &Dense, k: i64, lower: bool) -> Result<Dense, NpError> {
    let src = match a.ndim() {
        0 => {
            return Err(NpError::type_error(
                "tri() missing 1 required positional argument: 'N'",
            ))
        }
        1 => {
            let n = a.shape[0];
            checked_size(&[n, n])?;
            let idx: Vec<usize> = (0..n * n).map(|i| i % n.max(1)).collect();
            Dense {
                dtype: a.dtype,
                shape: vec![n, n],
                data: take(&a.data, &idx),
            }
        }
        _ => a.clone(),
    };
    let nd = src.ndim();
    let (rows, cols) = (src.shape[nd - 2], src.shape[nd - 1]);
    let zero = Dense {
        dtype: a.dtype,
        shape: vec![1],
        data: zeros(a.dtype, 1),
    };
    let pool = join_data(a.dtype, &[src.clone(), zero]);
    let idx: Vec<usize> = (0..src.size())
        .map(|f| {
            let (i, j) = ((f / cols.max(1)) % rows.max(1), f % cols.max(1));
            let d = j as i128 - i as i128;
            let keep = if lower {
                d <= k as i128
            } else {
                d >= k as i128
            };
            if keep {
                f
            } else {
                src.size()
            }
        })
        .collect();
    Ok(Dense {
        dtype: a.dtype,
        shape: src.shape,
        data: take(&pool, &idx),
    })
}

#[cfg(test)]
mod tests {
    //! Expected values come from numpy 2.4.
    use super::super::dense::NpErrorKind;
    use super::*;

    fn ints(shape: &[usize], v: &[i64]) -> Dense {
        Dense::ints(shape.to_vec(), v.to_vec()).unwrap()
    }

    fn typed(dtype: DType, shape: &[usize], v: &[i64]) -> Dense {
        Dense::new(dtype, shape.to_vec(), Data::Int(v.to_vec())).unwrap()
    }

    fn iv(d: &Dense) -> Vec<i64> {
        match &d.data {
            Data::Int(v) => v.clone(),
            Data::Bool(v) => v.iter().map(|&b| b as i64).collect(),
            Data::Float(v) => v.iter().map(|&f| f as i64).collect(),
        }
    }

    fn arange(shape: &[usize]) -> Dense {
        let n: usize = shape.iter().product();
        ints(shape, &(0..n as i64).collect::<Vec<_>>())
    }

    #[test]
    fn unique_flat_with_all_outputs() {
        let u = unique(&ints(&[5], &[3, 1, 2, 1, 3]), None).unwrap();
        assert_eq!(u.values, ints(&[3], &[1, 2, 3]));
        assert_eq!(u.index, vec![1, 2, 0]);
        assert_eq!(u.inverse, vec![2, 0, 1, 0, 2]);
        assert_eq!(u.counts, vec![2, 1, 2]);
        let z = unique(&ints(&[], &[7]), None).unwrap();
        assert_eq!(z.values, ints(&[1], &[7]));
        let e = unique(&ints(&[0], &[]), None).unwrap();
        assert_eq!(e.values.shape, vec![0]);
    }

    #[test]
    fn unique_rows_and_columns() {
        let a = ints(&[3, 2], &[1, 0, 0, 1, 1, 0]);
        let u = unique(&a, Some(0)).unwrap();
        assert_eq!(u.values, ints(&[2, 2], &[0, 1, 1, 0]));
        assert_eq!(
            (u.index, u.inverse, u.counts),
            (vec![1, 0], vec![1, 0, 1], vec![1, 2])
        );
        let c = unique(&ints(&[2, 3], &[1, 0, 1, 0, 1, 0]), Some(-1)).unwrap();
        assert_eq!(c.values, ints(&[2, 2], &[0, 1, 1, 0]));
        assert_eq!(c.inverse, vec![1, 0, 1]);
        // (3, 0) rows: one (empty) unique row, as numpy.
        let e = unique(&ints(&[3, 0], &[]), Some(0)).unwrap();
        assert_eq!((e.values.shape, e.counts), (vec![1, 0], vec![3]));
        let err = unique(&ints(&[], &[5]), Some(0)).unwrap_err();
        assert_eq!(
            err.message,
            "axis 0 is out of bounds for array of dimension 0"
        );
    }

    #[test]
    fn rot90_all_k_and_errors() {
        let a = arange(&[2, 3]);
        assert_eq!(iv(&rot90(&a, 1, (0, 1)).unwrap()), vec![2, 5, 1, 4, 0, 3]);
        assert_eq!(rot90(&a, 1, (0, 1)).unwrap().shape, vec![3, 2]);
        assert_eq!(iv(&rot90(&a, -1, (0, 1)).unwrap()), vec![3, 0, 4, 1, 5, 2]);
        assert_eq!(iv(&rot90(&a, 7, (0, 1)).unwrap()), vec![3, 0, 4, 1, 5, 2]);
        assert_eq!(iv(&rot90(&a, 2, (0, 1)).unwrap()), vec![5, 4, 3, 2, 1, 0]);
        assert_eq!(rot90(&a, 4, (0, 1)).unwrap(), a);
        let b = arange(&[2, 2, 2]);
        assert_eq!(
            iv(&rot90(&b, 1, (1, 2)).unwrap()),
            vec![1, 3, 0, 2, 5, 7, 4, 6]
        );
        let e = rot90(&a, 1, (0, -2)).unwrap_err();
        assert_eq!(e.message, "Axes must be different.");
        let e = rot90(&arange(&[3]), 1, (0, 1)).unwrap_err();
        assert_eq!(e.message, "Axes must be different.");
        let e = rot90(&b, 1, (0, 4)).unwrap_err();
        assert_eq!(e.message, "Axes=(0, 4) out of range for array of ndim=3.");
    }

    #[test]
    fn flip_axes() {
        let a = arange(&[2, 3]);
        assert_eq!(iv(&flip(&a, None).unwrap()), vec![5, 4, 3, 2, 1, 0]);
        assert_eq!(iv(&flip(&a, Some(&[-1])).unwrap()), vec![2, 1, 0, 5, 4, 3]);
        assert_eq!(
            flip(&a, Some(&[0, 0])).unwrap_err().message,
            "repeated axis"
        );
        let e = flip(&a, Some(&[2])).unwrap_err();
        assert_eq!(
            (e.kind, e.message.as_str()),
            (
                NpErrorKind::Index,
                "axis 2 is out of bounds for array of dimension 2"
            )
        );
        assert_eq!(flip(&ints(&[], &[4]), None).unwrap(), ints(&[], &[4]));
    }

    #[test]
    fn pad_modes() {
        let a = arange(&[3]);
        let p = |w, m: PadMode| iv(&pad(&a, &[w], &m).unwrap());
        assert_eq!(
            p((5, 4), PadMode::Reflect),
            vec![1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2]
        );
        assert_eq!(
            p((4, 4), PadMode::Symmetric),
            vec![2, 2, 1, 0, 0, 1, 2, 2, 1, 0, 0]
        );
        assert_eq!(p((4, 2), PadMode::Wrap), vec![2, 0, 1, 2, 0, 1, 2, 0, 1]);
        assert_eq!(p((2, 1), PadMode::Edge), vec![0, 0, 0, 1, 2, 2]);
        // Later axes win at the corners.
        let b = arange(&[2, 2]);
        let vals = vec![
            (Scalar::Int(7), Scalar::Int(8)),
            (Scalar::Int(5), Scalar::Int(6)),
        ];
        let r = pad(&b, &[(1, 1), (1, 1)], &PadMode::Constant(vals)).unwrap();
        assert_eq!(iv(&r), vec![5, 7, 7, 6, 5, 0, 1, 6, 5, 2, 3, 6, 5, 8, 8, 6]);
        // Values are cast to the array dtype.
        let u = typed(DType::UInt8, &[2], &[1, 2]);
        let c = PadMode::Constant(vec![(Scalar::Int(300), Scalar::Float(-2.7))]);
        assert_eq!(
            pad(&u, &[(1, 1)], &c).unwrap(),
            typed(DType::UInt8, &[4], &[44, 1, 2, 254])
        );
        let e = pad(&ints(&[0, 2], &[]), &[(1, 0), (1, 1)], &PadMode::Edge).unwrap_err();
        assert_eq!(
            e.message,
            "can't extend empty axis 0 using modes other than 'constant' or 'empty'"
        );
        assert_eq!(
            pad(&ints(&[0, 2], &[]), &[(0, 0), (1, 1)], &PadMode::Edge)
                .unwrap()
                .shape,
            vec![0, 4]
        );
        let z = PadMode::Constant(vec![(Scalar::Int(0), Scalar::Int(0))]);
        assert_eq!(
            pad(&ints(&[0], &[]), &[(1, 1)], &z).unwrap(),
            ints(&[2], &[0, 0])
        );
        let big = pad(&a, &[(usize::MAX, 1)], &PadMode::Edge).unwrap_err();
        assert_eq!(big.kind, NpErrorKind::Memory);
    }

    #[test]
    fn tile_and_repeat() {
        let r = tile(&ints(&[2], &[1, 2]), &[2, 2]).unwrap();
        assert_eq!(
            (r.shape.clone(), iv(&r)),
            (vec![2, 4], vec![1, 2, 1, 2, 1, 2, 1, 2])
        );
        assert_eq!(
            iv(&tile(&arange(&[2, 2]), &[2]).unwrap()),
            vec![0, 1, 0, 1, 2, 3, 2, 3]
        );
        assert_eq!(tile(&ints(&[], &[1]), &[]).unwrap(), ints(&[], &[1]));
        assert_eq!(tile(&ints(&[2], &[1, 2]), &[0]).unwrap().shape, vec![0]);
        let e = tile(&ints(&[1], &[1]), &[1_000_000, 1_000_000]).unwrap_err();
        assert_eq!(e.kind, NpErrorKind::Memory);
        let e = tile(&ints(&[2], &[1, 2]), &[usize::MAX]).unwrap_err();
        assert_eq!(e.kind, NpErrorKind::Memory);
        let m = ints(&[2, 2], &[1, 2, 3, 4]);
        assert_eq!(
            iv(&repeat(&m, &[1, 2], Some(-1)).unwrap()),
            vec![1, 2, 2, 3, 4, 4]
        );
        assert_eq!(
            iv(&repeat(&m, &[2], None).unwrap()),
            vec![1, 1, 2, 2, 3, 3, 4, 4]
        );
        assert_eq!(
            repeat(&ints(&[], &[3]), &[2], Some(0)).unwrap(),
            ints(&[2], &[3, 3])
        );
        let e = repeat(&ints(&[3], &[1, 2, 3]), &[1, 2], None).unwrap_err();
        assert_eq!(
            e.message,
            "operands could not be broadcast together with shape (3,) (2,)"
        );
        let e = repeat(&ints(&[1], &[1]), &[usize::MAX], None).unwrap_err();
        assert_eq!(e.kind, NpErrorKind::Memory);
    }

    #[test]
    fn kron_promotes() {
        let a = typed(DType::Int8, &[2, 2], &[1, 0, 0, 1]);
        let b = typed(DType::UInt8, &[2, 2], &[1, 2, 3, 4]);
        let k = kron(&a, &b).unwrap();
        assert_eq!(k.dtype, DType::Int16);
        assert_eq!(k.shape, vec![4, 4]);
        assert_eq!(iv(&k)[..8], [1, 2, 0, 0, 3, 4, 0, 0]);
        let s = kron(&ints(&[], &[2]), &ints(&[], &[3])).unwrap();
        assert_eq!(s, ints(&[], &[6]));
        let bb = kron(
            &Dense::bools(vec![2], vec![true, false]).unwrap(),
            &Dense::bools(vec![2], vec![true, true]).unwrap(),
        )
        .unwrap();
        assert_eq!(
            bb,
            Dense::bools(vec![4], vec![true, true, false, false]).unwrap()
        );
    }

    #[test]
    fn concatenate_and_stack() {
        let a = arange(&[2, 2]);
        let f = Dense::floats(vec![1, 2], vec![0.5, 1.5]).unwrap();
        let c = concatenate(&[a.clone(), f.clone()], Some(0)).unwrap();
        assert_eq!(
            c,
            Dense::floats(vec![3, 2], vec![0.0, 1.0, 2.0, 3.0, 0.5, 1.5]).unwrap()
        );
        let c = concatenate(&[a.clone(), arange(&[2, 1])], Some(-1)).unwrap();
        assert_eq!(iv(&c), vec![0, 1, 0, 2, 3, 1]);
        assert_eq!(
            iv(&concatenate(&[a.clone(), ints(&[], &[9])], None).unwrap()),
            vec![0, 1, 2, 3, 9]
        );
        let e = concatenate(&[arange(&[2, 3]), arange(&[2, 2])], Some(0)).unwrap_err();
        assert_eq!(
            e.message,
            "all the input array dimensions except for the concatenation axis must match exactly, \
             but along dimension 1, the array at index 0 has size 3 and the array at index 1 has size 2"
        );
        let e = concatenate(&[a.clone(), arange(&[2])], Some(0)).unwrap_err();
        assert!(e
            .message
            .starts_with("all the input arrays must have same number of dimensions"));
        let e = concatenate(&[ints(&[], &[1]), ints(&[], &[2])], Some(0)).unwrap_err();
        assert_eq!(e.message, "zero-dimensional arrays cannot be concatenated");
        assert_eq!(
            concatenate(&[], None).unwrap_err().message,
            "need at least one array to concatenate"
        );
        assert_eq!(
            concatenate(std::slice::from_ref(&a), Some(2))
                .unwrap_err()
                .kind,
            NpErrorKind::Index
        );
        let s = stack(&[arange(&[2]), ints(&[2], &[5, 6])], -1).unwrap();
        assert_eq!((s.shape.clone(), iv(&s)), (vec![2, 2], vec![0, 5, 1, 6]));
        assert_eq!(
            stack(&[arange(&[2]), arange(&[3])], 0).unwrap_err().message,
            "all input arrays must have the same shape"
        );
        assert_eq!(
            stack(&[arange(&[2])], 2).unwrap_err().message,
            "axis 2 is out of bounds for array of dimension 2"
        );
        assert_eq!(
            stack(&[ints(&[], &[1]), ints(&[], &[2])], 0).unwrap(),
            ints(&[2], &[1, 2])
        );
    }

    #[test]
    fn roll_shifts() {
        let a = arange(&[2, 3]);
        assert_eq!(
            iv(&roll(&a, &[1, -1], Some(&[0, 1])).unwrap()),
            vec![4, 5, 3, 1, 2, 0]
        );
        assert_eq!(iv(&roll(&a, &[2], None).unwrap()), vec![4, 5, 0, 1, 2, 3]);
        assert_eq!(roll(&a, &[2], None).unwrap().shape, vec![2, 3]);
        assert_eq!(
            iv(&roll(&arange(&[6]), &[1, 2], None).unwrap()),
            vec![3, 4, 5, 0, 1, 2]
        );
        assert_eq!(
            iv(&roll(&a, &[i64::MIN], Some(&[1])).unwrap()),
            iv(&roll(&a, &[1], Some(&[1])).unwrap())
        );
        assert!(roll(&a, &[1, 2], Some(&[0, 1, 1]))
            .unwrap_err()
            .message
            .starts_with("shape mismatch"));
        assert_eq!(
            roll(&a, &[1], Some(&[-3])).unwrap_err().message,
            "axis -3 is out of bounds for array of dimension 2"
        );
        assert_eq!(roll(&ints(&[0], &[]), &[3], None).unwrap().shape, vec![0]);
    }

    #[test]
    fn sort_and_argsort() {
        let a = ints(&[2, 3], &[3, 1, 2, 1, 1, 0]);
        assert_eq!(iv(&sort(&a, Some(-1)).unwrap()), vec![1, 2, 3, 0, 1, 1]);
        assert_eq!(iv(&argsort(&a, Some(0)).unwrap()), vec![1, 0, 1, 0, 1, 0]);
        assert_eq!(iv(&argsort(&a, None).unwrap()), vec![5, 1, 3, 4, 2, 0]);
        let f = Dense::floats(vec![4], vec![2.0, f64::NAN, -1.0, 2.0]).unwrap();
        assert_eq!(iv(&argsort(&f, Some(0)).unwrap()), vec![2, 0, 3, 1]);
        let s = sort(&f, None).unwrap();
        let Data::Float(v) = &s.data else { panic!() };
        assert_eq!(&v[..3], &[-1.0, 2.0, 2.0]);
        assert!(v[3].is_nan());
        // numpy treats a 0-d array as 1-D in argsort but not in sort.
        assert_eq!(
            argsort(&ints(&[], &[5]), Some(-1)).unwrap(),
            ints(&[1], &[0])
        );
        assert_eq!(
            sort(&ints(&[], &[5]), Some(-1)).unwrap_err().message,
            "axis -1 is out of bounds for array of dimension 0"
        );
        let b = Dense::bools(vec![3], vec![true, false, true]).unwrap();
        assert_eq!(
            sort(&b, Some(0)).unwrap(),
            Dense::bools(vec![3], vec![false, true, true]).unwrap()
        );
    }

    #[test]
    fn bincount_cases() {
        assert_eq!(
            bincount(&ints(&[3], &[0, 2, 2]), None, 0).unwrap(),
            ints(&[3], &[1, 0, 2])
        );
        let w = Dense::floats(vec![3], vec![0.5, 1.0, 2.0]).unwrap();
        let r = bincount(&ints(&[3], &[0, 2, 2]), Some(&w), 4).unwrap();
        assert_eq!(r, Dense::floats(vec![4], vec![0.5, 0.0, 3.0, 0.0]).unwrap());
        let b = Dense::bools(vec![3], vec![true, false, true]).unwrap();
        assert_eq!(bincount(&b, None, 0).unwrap(), ints(&[2], &[1, 2]));
        assert_eq!(
            bincount(&ints(&[0], &[]), None, 2).unwrap(),
            ints(&[2], &[0, 0])
        );
        let e = bincount(&ints(&[1], &[-1]), None, 0).unwrap_err();
        assert_eq!(e.message, "'list' argument must have no negative elements");
        assert_eq!(
            bincount(&ints(&[1, 1], &[1]), None, 0).unwrap_err().message,
            "object too deep for desired array"
        );
        assert_eq!(
            bincount(&ints(&[], &[1]), None, 0).unwrap_err().message,
            "object of too small depth for desired array"
        );
        let e = bincount(&Dense::floats(vec![1], vec![1.0]).unwrap(), None, 0).unwrap_err();
        assert_eq!(e.kind, NpErrorKind::Type);
        let e = bincount(&ints(&[2], &[1, 2]), Some(&w), 0).unwrap_err();
        assert_eq!(
            e.message,
            "The weights and list don't have the same length."
        );
        assert_eq!(
            bincount(&ints(&[1], &[i64::MAX]), None, 0)
                .unwrap_err()
                .kind,
            NpErrorKind::Memory
        );
    }

    #[test]
    fn diag_and_diagonal() {
        let d = diag(&ints(&[2], &[1, 2]), -1).unwrap();
        assert_eq!(
            (d.shape.clone(), iv(&d)),
            (vec![3, 3], vec![0, 0, 0, 1, 0, 0, 0, 2, 0])
        );
        assert_eq!(iv(&diag(&arange(&[3, 3]), 1).unwrap()), vec![1, 5]);
        assert_eq!(diag(&arange(&[2, 2]), 5).unwrap().shape, vec![0]);
        assert_eq!(
            diag(&arange(&[2, 2, 2]), 0).unwrap_err().message,
            "Input must be 1- or 2-d."
        );
        assert_eq!(
            diagonal(&arange(&[2]), 0).unwrap_err().message,
            "diag requires an array of at least two dimensions"
        );
        assert_eq!(iv(&diagonal(&arange(&[3, 2]), -1).unwrap()), vec![2, 5]);
        assert_eq!(
            diag(&ints(&[2], &[1, 2]), i64::MIN).unwrap_err().kind,
            NpErrorKind::Memory
        );
        let b = diag(&Dense::bools(vec![1], vec![true]).unwrap(), 1).unwrap();
        assert_eq!(
            b,
            Dense::bools(vec![2, 2], vec![false, true, false, false]).unwrap()
        );
    }

    #[test]
    fn nonzero_family() {
        let a = ints(&[2, 2], &[0, 1, 2, 0]);
        assert_eq!(argwhere(&a).unwrap(), ints(&[2, 2], &[0, 1, 1, 0]));
        let nz = nonzero(&a).unwrap();
        assert_eq!((iv(&nz[0]), iv(&nz[1])), (vec![0, 1], vec![1, 0]));
        assert_eq!(argwhere(&ints(&[], &[5])).unwrap().shape, vec![1, 0]);
        assert_eq!(argwhere(&ints(&[], &[0])).unwrap().shape, vec![0, 0]);
        assert!(nonzero(&ints(&[], &[1]))
            .unwrap_err()
            .message
            .starts_with("Calling nonzero on 0d arrays"));
        let c = ints(&[3, 2], &[0, 1, 2, 0, 3, 3]);
        assert_eq!(count_nonzero(&c, Some(-1)).unwrap(), ints(&[3], &[1, 1, 2]));
        assert_eq!(count_nonzero(&c, None).unwrap(), ints(&[], &[4]));
        assert_eq!(
            count_nonzero(&ints(&[], &[7]), Some(0)).unwrap(),
            ints(&[], &[1])
        );
        assert_eq!(
            count_nonzero(&c, Some(2)).unwrap_err().kind,
            NpErrorKind::Index
        );
        let f = Dense::floats(vec![3], vec![0.0, -0.0, f64::NAN]).unwrap();
        assert_eq!(count_nonzero(&f, None).unwrap(), ints(&[], &[1]));
    }

    #[test]
    fn isin_across_dtypes() {
        let e = ints(&[2, 2], &[1, 2, 3, 4]);
        let t = Dense::floats(vec![2], vec![1.0, 4.0]).unwrap();
        assert_eq!(
            isin(&e, &t, false).unwrap(),
            Dense::bools(vec![2, 2], vec![true, false, false, true]).unwrap()
        );
        assert_eq!(
            isin(&e, &t, true).unwrap(),
            Dense::bools(vec![2, 2], vec![false, true, true, false]).unwrap()
        );
        let n = Dense::floats(vec![1], vec![f64::NAN]).unwrap();
        assert_eq!(
            isin(&n, &n, false).unwrap(),
            Dense::bools(vec![1], vec![false]).unwrap()
        );
        let b = Dense::bools(vec![], vec![true]).unwrap();
        assert_eq!(
            isin(&b, &ints(&[1], &[1]), false).unwrap(),
            Dense::bools(vec![], vec![true]).unwrap()
        );
    }

    #[test]
    fn meshgrid_indices_eye() {
        let g = meshgrid(
            &[
                ints(&[3], &[1, 2, 3]),
                Dense::floats(vec![2], vec![4.0, 5.0]).unwrap(),
            ],
            false,
        )
        .unwrap();
        assert_eq!(g[0], ints(&[2, 3], &[1, 2, 3, 1, 2, 3]));
        assert_eq!(
            g[1],
            Dense::floats(vec![2, 3], vec![4.0, 4.0, 4.0, 5.0, 5.0, 5.0]).unwrap()
        );
        let g = meshgrid(&[ints(&[3], &[1, 2, 3]), ints(&[2], &[4, 5])], true).unwrap();
        assert_eq!(g[0], ints(&[3, 2], &[1, 1, 2, 2, 3, 3]));
        assert!(meshgrid(&[], false).unwrap().is_empty());
        assert_eq!(
            iv(&indices(&[2, 3]).unwrap()),
            vec![0, 0, 0, 1, 1, 1, 0, 1, 2, 0, 1, 2]
        );
        assert_eq!(indices(&[]).unwrap().shape, vec![0]);
        let e = eye(2, 3, 1, DType::Bool).unwrap();
        assert_eq!(
            e,
            Dense::bools(vec![2, 3], vec![false, true, false, false, false, true]).unwrap()
        );
        assert_eq!(
            eye(2, 2, i64::MIN, DType::Int64).unwrap(),
            ints(&[2, 2], &[0; 4])
        );
        assert_eq!(
            eye(1 << 20, 1 << 20, 0, DType::Int64).unwrap_err().kind,
            NpErrorKind::Memory
        );
    }

    #[test]
    fn dot_shapes_and_errors() {
        let a = arange(&[2, 3]);
        assert_eq!(dot(&a, &arange(&[3])).unwrap(), ints(&[2], &[5, 14]));
        assert_eq!(dot(&arange(&[2]), &a).unwrap(), ints(&[3], &[3, 4, 5]));
        assert_eq!(
            dot(&ints(&[2], &[1, 2]), &ints(&[2], &[3, 4])).unwrap(),
            ints(&[], &[11])
        );
        let m = dot(&a, &arange(&[3, 2])).unwrap();
        assert_eq!(m, ints(&[2, 2], &[10, 13, 28, 40]));
        let s = dot(&Dense::floats(vec![], vec![0.5]).unwrap(), &a).unwrap();
        assert_eq!(
            s,
            Dense::floats(vec![2, 3], vec![0.0, 0.5, 1.0, 1.5, 2.0, 2.5]).unwrap()
        );
        let e = dot(&a, &a).unwrap_err();
        assert_eq!(
            e.message,
            "shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)"
        );
        let e = dot(&arange(&[3]), &arange(&[2])).unwrap_err();
        assert_eq!(
            e.message,
            "shapes (3,) and (2,) not aligned: 3 (dim 0) != 2 (dim 0)"
        );
        let i8s = typed(DType::Int8, &[2], &[100, 100]);
        assert_eq!(
            dot(&i8s, &typed(DType::Int8, &[2], &[2, 1])).unwrap(),
            typed(DType::Int8, &[], &[44])
        );
        let t = Dense::bools(vec![2], vec![true, true]).unwrap();
        assert_eq!(
            dot(&t, &t).unwrap(),
            Dense::bools(vec![], vec![true]).unwrap()
        );
        assert_eq!(
            dot(&arange(&[2, 0]), &arange(&[0, 3])).unwrap(),
            ints(&[2, 3], &[0; 6])
        );
        assert_eq!(
            dot(&arange(&[2, 2, 3]), &arange(&[2, 3, 4])).unwrap().shape,
            vec![2, 2, 2, 4]
        );
    }

    #[test]
    fn array_equal_values() {
        let a = ints(&[2], &[1, 0]);
        assert!(array_equal(
            &a,
            &Dense::floats(vec![2], vec![1.0, 0.0]).unwrap()
        ));
        assert!(array_equal(
            &a,
            &Dense::bools(vec![2], vec![true, false]).unwrap()
        ));
        assert!(!array_equal(&a, &ints(&[1, 2], &[1, 0])));
        assert!(!array_equal(&a, &ints(&[2], &[1, 1])));
        let n = Dense::floats(vec![1], vec![f64::NAN]).unwrap();
        assert!(!array_equal(&n, &n));
        assert!(array_equal(
            &ints(&[0, 3], &[]),
            &Dense::floats(vec![0, 3], vec![]).unwrap()
        ));
    }

    #[test]
    fn cumsum_and_diff() {
        let b = Dense::bools(vec![2, 2], vec![true, true, false, true]).unwrap();
        assert_eq!(cumsum(&b, Some(0)).unwrap(), ints(&[2, 2], &[1, 1, 1, 2]));
        assert_eq!(
            cumsum(&typed(DType::Int8, &[2], &[100, 100]), None).unwrap(),
            ints(&[2], &[100, 200])
        );
        assert_eq!(cumsum(&ints(&[], &[5]), Some(0)).unwrap(), ints(&[1], &[5]));
        assert_eq!(
            cumsum(&ints(&[], &[5]), Some(1)).unwrap_err().message,
            "axis 1 is out of bounds for array of dimension 1"
        );
        let f = Dense::floats(vec![3], vec![0.5, 1.0, 2.0]).unwrap();
        assert_eq!(
            cumsum(&f, Some(-1)).unwrap(),
            Dense::floats(vec![3], vec![0.5, 1.5, 3.5]).unwrap()
        );
        let bd = Dense::bools(vec![4], vec![true, false, false, true]).unwrap();
        assert_eq!(
            diff(&bd, -1).unwrap(),
            Dense::bools(vec![3], vec![true, false, true]).unwrap()
        );
        assert_eq!(
            diff(&ints(&[2, 2], &[1, 4, 9, 16]), 0).unwrap(),
            ints(&[1, 2], &[8, 12])
        );
        assert_eq!(
            diff(&typed(DType::UInt8, &[2], &[3, 1]), 0).unwrap(),
            typed(DType::UInt8, &[1], &[254])
        );
        assert_eq!(diff(&ints(&[0], &[]), 0).unwrap().shape, vec![0]);
        assert_eq!(
            diff(&ints(&[], &[1]), -1).unwrap_err().message,
            "diff requires input that is at least one dimensional"
        );
    }

    #[test]
    fn triu_tril() {
        assert_eq!(
            iv(&tri_part(&arange(&[3, 3]), -1, true).unwrap()),
            vec![0, 0, 0, 3, 0, 0, 6, 7, 0]
        );
        assert_eq!(
            iv(&tri_part(&arange(&[2, 3]), 1, false).unwrap()),
            vec![0, 1, 2, 0, 0, 5]
        );
        let v = tri_part(&ints(&[3], &[1, 2, 3]), 0, false).unwrap();
        assert_eq!(
            (v.shape.clone(), iv(&v)),
            (vec![3, 3], vec![1, 2, 3, 0, 2, 3, 0, 0, 3])
        );
        assert_eq!(
            tri_part(&ints(&[], &[1]), 0, false).unwrap_err().kind,
            NpErrorKind::Type
        );
        assert_eq!(
            tri_part(&ints(&[0, 2], &[]), 0, true).unwrap().shape,
            vec![0, 2]
        );
    }
}
