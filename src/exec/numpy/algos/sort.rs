//! Unique values, sorting, counting and searching for [`algos`](super).

use super::super::dense::{DType, Data, Dense, NpError};
use super::*;

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
