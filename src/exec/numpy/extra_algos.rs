//! Pure-Rust algorithms behind the less common numpy functions (`searchsorted`, `median`,
//! `percentile`, `lexsort`, `histogram`, `delete`, `insert`, `cumprod`, ...), over [`Dense`]
//! arrays. Like `algos.rs`, nothing here panics on user input and every result allocation is
//! checked with [`checked_size`] first.

use std::cmp::Ordering;

use super::dense::{checked_size, DType, Data, Dense, NpError};
use super::ops::{floats_of, ints_of, norm_axis};

pub use super::algos::{lanes, ravel, take};

/// Total order used for sorting/searching: numbers numerically, NaN last.
fn fcmp(x: f64, y: f64) -> Ordering {
    x.partial_cmp(&y)
        .unwrap_or_else(|| x.is_nan().cmp(&y.is_nan()))
}

/// `np.searchsorted(a, v, side)`: `a` is 1-D and sorted; the result has `v`'s shape.
pub fn searchsorted(a: &Dense, v: &Dense, right: bool) -> Result<Dense, NpError> {
    if a.ndim() != 1 {
        return Err(NpError::value("object too deep for desired array"));
    }
    let float = a.dtype == DType::Float64 || v.dtype == DType::Float64;
    let out: Vec<i64> = if float {
        let (hay, needles) = (floats_of(&a.data), floats_of(&v.data));
        needles
            .iter()
            .map(|&x| {
                hay.partition_point(|&h| {
                    let c = fcmp(h, x);
                    c == Ordering::Less || (right && c == Ordering::Equal)
                }) as i64
            })
            .collect()
    } else {
        let (hay, needles) = (ints_of(&a.data), ints_of(&v.data));
        needles
            .iter()
            .map(|&x| hay.partition_point(|&h| h < x || (right && h == x)) as i64)
            .collect()
    };
    Dense::ints(v.shape.clone(), out)
}

/// Lanes of `a` along `axis` (`None`: the flattened array) as float vectors, plus the shape the
/// reduced result has.
fn float_lanes(a: &Dense, axis: Option<isize>) -> Result<(Vec<Vec<f64>>, Vec<usize>), NpError> {
    let v = floats_of(&a.data);
    match axis {
        None => Ok((vec![v.into_owned()], vec![])),
        Some(ax) => {
            let ax = norm_axis(ax, a.ndim())?;
            let (outer, n, inner) = lanes(&a.shape, ax);
            let mut out = Vec::with_capacity(outer * inner);
            for o in 0..outer {
                for k in 0..inner {
                    out.push(
                        (0..n)
                            .map(|i| v.get((o * n + i) * inner + k).copied().unwrap_or(0.0))
                            .collect(),
                    );
                }
            }
            let mut shape = a.shape.clone();
            shape.remove(ax);
            Ok((out, shape))
        }
    }
}

/// `np.median(a, axis)`: `float64`; any NaN in a lane gives NaN.
pub fn median(a: &Dense, axis: Option<isize>) -> Result<Dense, NpError> {
    let (mut ls, shape) = float_lanes(a, axis)?;
    let vals = ls
        .iter_mut()
        .map(|l| {
            l.sort_by(|x, y| fcmp(*x, *y));
            let n = l.len();
            if n == 0 || l.iter().any(|x| x.is_nan()) {
                return f64::NAN;
            }
            if n % 2 == 1 {
                l[n / 2]
            } else {
                (l[n / 2 - 1] + l[n / 2]) / 2.0
            }
        })
        .collect();
    let d = Dense::floats(shape, vals)?;
    Ok(if a.dtype == DType::Float32 {
        d.astype(DType::Float32)
    } else {
        d
    })
}

/// numpy's `_lerp`: `a + (b - a) * t`, computed from `b` when `t >= 0.5`.
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let d = b - a;
    if t >= 0.5 {
        b - d * (1.0 - t)
    } else {
        a + d * t
    }
}

/// `np.quantile(a, qs, axis)` with the default linear method; `qs` are fractions in `[0, 1]`.
/// The result shape is `q_shape + reduced shape`.
pub fn quantile(
    a: &Dense,
    qs: &[f64],
    q_shape: &[usize],
    axis: Option<isize>,
) -> Result<Dense, NpError> {
    let (mut ls, shape) = float_lanes(a, axis)?;
    for l in ls.iter_mut() {
        l.sort_by(|x, y| fcmp(*x, *y));
    }
    let mut out = Vec::with_capacity(qs.len() * ls.len());
    for &q in qs {
        for l in &ls {
            let n = l.len();
            if n == 0 || l.iter().any(|x| x.is_nan()) {
                out.push(f64::NAN);
                continue;
            }
            let vi = (n - 1) as f64 * q;
            let prev = vi.floor();
            let (lo, hi) = if vi >= (n - 1) as f64 {
                (n - 1, n - 1)
            } else if vi < 0.0 {
                (0, 0)
            } else {
                (prev as usize, (prev as usize + 1).min(n - 1))
            };
            out.push(lerp(l[lo], l[hi], vi - prev));
        }
    }
    let mut full = q_shape.to_vec();
    full.extend(shape);
    Dense::floats(full, out)
}

/// `np.lexsort(keys)`: stable order sorting by the last key first; keys are equal-length 1-D.
pub fn lexsort(keys: &[Dense]) -> Result<Dense, NpError> {
    let n = keys.first().map_or(0, |k| k.size());
    if keys.iter().any(|k| k.size() != n) {
        return Err(NpError::value("all keys need to be the same shape"));
    }
    let cols: Vec<Vec<f64>> = keys
        .iter()
        .map(|k| floats_of(&k.data).into_owned())
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&x, &y| {
        for c in cols.iter().rev() {
            let o = fcmp(c[x], c[y]);
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    });
    Dense::ints(vec![n], order.into_iter().map(|i| i as i64).collect())
}

/// `np.histogram` counts of `values` over sorted `edges` (the last bin is closed).
pub fn histogram_counts(values: &[f64], edges: &[f64]) -> Vec<i64> {
    let nb = edges.len().saturating_sub(1);
    let mut counts = vec![0i64; nb];
    let (Some(&first), Some(&last)) = (edges.first(), edges.last()) else {
        return counts;
    };
    for &x in values {
        if x.is_nan() || x < first || x > last {
            continue;
        }
        let mut i = edges.partition_point(|&e| e <= x).saturating_sub(1);
        if i >= nb {
            i = nb.saturating_sub(1);
        }
        if let Some(c) = counts.get_mut(i) {
            *c += 1;
        }
    }
    counts
}

/// `np.linspace(start, stop, num)` with `endpoint=True`, computed as numpy does.
pub fn linspace(start: f64, stop: f64, num: usize, endpoint: bool) -> Vec<f64> {
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let delta = stop - start;
    let mut y: Vec<f64> = (0..num).map(|i| i as f64).collect();
    if div > 0 {
        let step = delta / div as f64;
        if step == 0.0 {
            y.iter_mut().for_each(|v| *v = *v / div as f64 * delta);
        } else {
            y.iter_mut().for_each(|v| *v *= step);
        }
    } else {
        y.iter_mut().for_each(|v| *v *= delta);
    }
    y.iter_mut().for_each(|v| *v += start);
    if endpoint && num > 1 {
        if let Some(l) = y.last_mut() {
            *l = stop;
        }
    }
    y
}

/// The slices `idx[0], idx[1], ...` of `a` along `axis`, stacked along that axis (indices must be
/// in range: they are produced by the caller's validation).
pub fn take_slices(a: &Dense, axis: usize, idx: &[usize]) -> Result<Dense, NpError> {
    let (outer, n, inner) = lanes(&a.shape, axis);
    let mut shape = a.shape.clone();
    if let Some(s) = shape.get_mut(axis) {
        *s = idx.len();
    }
    let total = checked_size(&shape)?;
    let mut pos = Vec::with_capacity(total);
    for o in 0..outer {
        for &i in idx {
            if i >= n {
                return Err(NpError::index(format!(
                    "index {i} is out of bounds for axis {axis} with size {n}"
                )));
            }
            for k in 0..inner {
                pos.push((o * n + i) * inner + k);
            }
        }
    }
    Ok(Dense {
        dtype: a.dtype,
        shape,
        data: take(&a.data, &pos),
    })
}

/// Builds an array of `a`'s shape with `axis` of length `len(src)`, whose slice `j` is `a`'s slice
/// `src[j]` when it is `Some`, and `values`' slice `k` (the k-th `None`) otherwise. `values` must
/// already have the dtype of `a` and the inserted shape.
pub fn interleave(
    a: &Dense,
    axis: usize,
    src: &[Option<usize>],
    values: &Dense,
) -> Result<Dense, NpError> {
    let (outer, n, inner) = lanes(&a.shape, axis);
    let m = src.iter().filter(|s| s.is_none()).count();
    let mut shape = a.shape.clone();
    if let Some(s) = shape.get_mut(axis) {
        *s = src.len();
    }
    let total = checked_size(&shape)?;
    // Positions into the concatenation [a's data, values' data].
    let off = a.size();
    let mut idx = Vec::with_capacity(total);
    for o in 0..outer {
        let mut k_new = 0usize;
        for s in src {
            for k in 0..inner {
                idx.push(match s {
                    Some(i) => (o * n + i) * inner + k,
                    None => off + (o * m + k_new) * inner + k,
                });
            }
            if s.is_none() {
                k_new += 1;
            }
        }
    }
    let joined = match (&a.data, &values.data) {
        (Data::Bool(x), Data::Bool(y)) => Data::Bool([x.as_slice(), y].concat()),
        (Data::Int(x), Data::Int(y)) => Data::Int([x.as_slice(), y].concat()),
        (Data::Float(x), Data::Float(y)) => Data::Float([x.as_slice(), y].concat()),
        _ => return Err(NpError::value("internal error: insert dtype mismatch")),
    };
    Ok(Dense {
        dtype: a.dtype,
        shape,
        data: take(&joined, &idx),
    })
}

/// `np.cumprod(a, axis)`: bools and integers multiply as `int64`, floats as `float64`.
pub fn cumprod(a: &Dense, axis: Option<isize>) -> Result<Dense, NpError> {
    let (src, ax) = match axis {
        None => (ravel(a), 0),
        Some(ax) => (a.clone(), norm_axis(ax, a.ndim())?),
    };
    Ok(super::algos::inclusive_scan(
        &src,
        ax,
        i64::wrapping_mul,
        |x, y| x * y,
    ))
}

/// Rounds half to even, as `np.rint` does.
pub fn rint(x: f64) -> f64 {
    x.round_ties_even()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_follow_numpy() {
        let a = Dense::ints(vec![5], vec![1, 2, 3, 4, 10]).unwrap();
        let r = quantile(&a, &[10.0 / 100.0, 55.0 / 100.0, 99.9 / 100.0], &[3], None).unwrap();
        assert_eq!(r.data, Data::Float(vec![1.4, 3.2, 9.976000000000003]));
        let m = median(&Dense::ints(vec![2, 2], vec![1, 5, 3, 2]).unwrap(), Some(1)).unwrap();
        assert_eq!(m.data, Data::Float(vec![3.0, 2.5]));
    }

    #[test]
    fn histogram_and_linspace() {
        let e = linspace(1.0, 9.0, 11, true);
        assert_eq!(e[1], 1.8);
        let c = histogram_counts(&[1.0, 2.0, 2.0, 3.0, 9.0], &e);
        assert_eq!(c, vec![1, 2, 1, 0, 0, 0, 0, 0, 0, 1]);
    }
}
