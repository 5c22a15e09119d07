//! Diagonals, coordinate grids, products and cumulative sums for [`algos`](super).

use super::super::dense::{checked_size, promote, DType, Data, Dense, NpError};
use super::*;

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
    Ok(inclusive_scan(&src, ax, i64::wrapping_add, |x, y| x + y))
}

/// Running `op` along axis `ax` (`cumsum`, `cumprod`): bools and signed integers in `int64`,
/// unsigned ones in `uint64`, floats in their own width.
pub fn inclusive_scan(
    src: &Dense,
    ax: usize,
    int_op: fn(i64, i64) -> i64,
    float_op: fn(f64, f64) -> f64,
) -> Dense {
    let (outer, n, inner) = lanes(&src.shape, ax);
    let dtype = match src.dtype {
        d if d.is_float() => d,
        d if d.is_unsigned() => DType::UInt64,
        _ => DType::Int64,
    };
    let mut c = src.astype(dtype);
    fn run<T: Copy>(v: &mut [T], (outer, n, inner): (usize, usize, usize), op: fn(T, T) -> T) {
        for o in 0..outer {
            for i in 1..n {
                for k in 0..inner {
                    let at = (o * n + i) * inner + k;
                    v[at] = op(v[at], v[at - inner]);
                }
            }
        }
    }
    match &mut c.data {
        Data::Int(v) => run(v, (outer, n, inner), int_op),
        Data::Float(v) => {
            run(v, (outer, n, inner), float_op);
            v.iter_mut().for_each(|x| *x = dtype.wrap_float(*x));
        }
        Data::Bool(_) => {}
    }
    c
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
