//! Shape manipulation for [`algos`](super): rotation, flipping, padding, tiling, repetition,
//! Kronecker products, joining and rolling; re-exported from `algos`, so callers use
//! `algos::pad` and friends.

use super::super::dense::{checked_size, promote, Data, Dense, NpError, NpErrorKind, Scalar};
use super::{
    cast_scalar, check_axis, empty, for_each_index, gather_axes, join_data, lanes, mul_pairs,
    norm_axes, norm_axis, ravel, strides, take, transpose,
};

/// `np.rot90(a, k, axes)`.
pub fn rot90(a: &Dense, k: i64, axes: (isize, isize)) -> Result<Dense, NpError> {
    let nd = a.ndim() as i128;
    let (a0, a1) = (axes.0 as i128, axes.1 as i128);
    if a0 == a1 || (a0 - a1).abs() == nd {
        return Err(NpError::value("Axes must be different."));
    }
    if a0 >= nd || a0 < -nd || a1 >= nd || a1 < -nd {
        return Err(NpError::value(format!(
            "Axes=({}, {}) out of range for array of ndim={}.",
            axes.0,
            axes.1,
            a.ndim()
        )));
    }
    let (x, y) = (norm_axis(axes.0, a.ndim())?, norm_axis(axes.1, a.ndim())?);
    let mut perm: Vec<usize> = (0..a.ndim()).collect();
    perm.swap(x, y);
    match k.rem_euclid(4) {
        0 => Ok(a.clone()),
        2 => flip_axes(a, &[x, y]),
        1 => Ok(transpose(&flip_axes(a, &[y])?, &perm)),
        _ => flip_axes(&transpose(a, &perm), &[y]),
    }
}

/// Reverses the (already normalized) `axes`.
fn flip_axes(a: &Dense, axes: &[usize]) -> Result<Dense, NpError> {
    let maps: Vec<Vec<usize>> = a
        .shape
        .iter()
        .enumerate()
        .map(|(d, &n)| {
            if axes.contains(&d) {
                (0..n).rev().collect()
            } else {
                (0..n).collect()
            }
        })
        .collect();
    gather_axes(a, a.shape.clone(), &maps)
}

/// `np.flip(a, axis)`: `None` flips every axis.
pub fn flip(a: &Dense, axes: Option<&[isize]>) -> Result<Dense, NpError> {
    let axes = match axes {
        None => (0..a.ndim()).collect(),
        Some(ax) => norm_axes(ax, a.ndim())?,
    };
    flip_axes(a, &axes)
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

/// Source position along an axis of length `n` (> 0) for padded offset `i` (relative to the
/// first original element), as numpy's iterated edge/wrap/reflect/symmetric padding gives.
fn pad_source(mode: &PadMode, n: usize, i: i128) -> usize {
    let n = n as i128;
    let r = match mode {
        PadMode::Wrap => i.rem_euclid(n),
        PadMode::Symmetric => {
            let r = i.rem_euclid(2 * n);
            if r < n {
                r
            } else {
                2 * n - 1 - r
            }
        }
        PadMode::Reflect if n > 1 => {
            let p = 2 * (n - 1);
            let r = i.rem_euclid(p);
            if r < n {
                r
            } else {
                p - r
            }
        }
        _ => i.clamp(0, n - 1),
    };
    r as usize
}

/// `np.pad(a, pad_width, mode)`: `widths` has one `(before, after)` per axis.
///
/// For `Constant`, `constant_values` has one pair per axis (or a single pair for all); values are
/// cast to `a`'s dtype; where pad areas of several axes meet, the later axis' value wins (as in
/// numpy).
pub fn pad(a: &Dense, widths: &[(usize, usize)], mode: &PadMode) -> Result<Dense, NpError> {
    let nd = a.ndim();
    if widths.len() != nd {
        return Err(NpError::value(format!(
            "operands could not be broadcast together with remapped shapes \
             [original->remapped]: ({},2)  and requested shape ({},2)",
            widths.len(),
            nd
        )));
    }
    let mut out_shape = Vec::with_capacity(nd);
    for (&n, &(l, r)) in a.shape.iter().zip(widths) {
        let d = n
            .checked_add(l)
            .and_then(|d| d.checked_add(r))
            .ok_or_else(|| too_big(&a.shape, &[2]))?;
        out_shape.push(d);
    }
    let total = checked_size(&out_shape)?;
    if let PadMode::Constant(values) = mode {
        if values.len() != nd && values.len() != 1 && nd > 0 {
            return Err(NpError::value(format!(
                "operands could not be broadcast together with remapped shapes \
                 [original->remapped]: ({},2)  and requested shape ({},2)",
                values.len(),
                nd
            )));
        }
        let pair = |d: usize| values.get(d).or_else(|| values.first()).copied();
        let fills: Vec<(Data, Data)> = (0..nd)
            .map(|d| {
                let (b, e) = pair(d).unwrap_or((Scalar::Int(0), Scalar::Int(0)));
                (cast_scalar(b, a.dtype), cast_scalar(e, a.dtype))
            })
            .collect();
        // Fill values are appended after `a`'s elements: axis d's (before, after) values sit at
        // `size + 2d` and `size + 2d + 1`.
        let mut parts = vec![a.clone()];
        for (b, e) in fills {
            for f in [b, e] {
                parts.push(Dense {
                    dtype: a.dtype,
                    shape: vec![1],
                    data: f,
                });
            }
        }
        let pool = join_data(a.dtype, &parts);
        let st = strides(&a.shape);
        let mut idx = Vec::with_capacity(total);
        for_each_index(&out_shape, |ix| {
            let mut src = 0usize;
            let mut hit = None;
            for (d, &i) in ix.iter().enumerate() {
                let l = widths[d].0;
                if i < l {
                    hit = Some(2 * d);
                } else if i - l >= a.shape[d] {
                    hit = Some(2 * d + 1);
                } else {
                    src += (i - l) * st[d];
                }
            }
            idx.push(hit.map_or(src, |h| a.size() + h));
        });
        return Ok(Dense {
            dtype: a.dtype,
            shape: out_shape,
            data: take(&pool, &idx),
        });
    }
    if a.size() == 0 {
        for (d, &(l, r)) in widths.iter().enumerate() {
            if a.shape[d] == 0 && (l > 0 || r > 0) {
                return Err(NpError::value(format!(
                    "can't extend empty axis {d} using modes other than 'constant' or 'empty'"
                )));
            }
        }
        return Ok(empty(a.dtype, out_shape));
    }
    if total == 0 {
        return Ok(empty(a.dtype, out_shape));
    }
    let maps: Vec<Vec<usize>> = (0..nd)
        .map(|d| {
            let l = widths[d].0 as i128;
            (0..out_shape[d])
                .map(|i| pad_source(mode, a.shape[d], i as i128 - l))
                .collect()
        })
        .collect();
    gather_axes(a, out_shape, &maps)
}

/// `np.tile(a, reps)`: `reps` longer than `a.ndim` prepends axes to `a`; shorter is padded with
/// leading 1s.
pub fn tile(a: &Dense, reps: &[usize]) -> Result<Dense, NpError> {
    let nd = a.ndim().max(reps.len());
    let mut shape = vec![1usize; nd - a.ndim()];
    shape.extend_from_slice(&a.shape);
    let mut r = vec![1usize; nd - reps.len()];
    r.extend_from_slice(reps);
    let mut out_shape = Vec::with_capacity(nd);
    for (&n, &k) in shape.iter().zip(&r) {
        out_shape.push(n.checked_mul(k).ok_or_else(|| too_big(&shape, &r))?);
    }
    if checked_size(&out_shape)? == 0 {
        return Ok(empty(a.dtype, out_shape));
    }
    let maps: Vec<Vec<usize>> = (0..nd)
        .map(|d| (0..out_shape[d]).map(|i| i % shape[d]).collect())
        .collect();
    let src = Dense {
        dtype: a.dtype,
        shape,
        data: a.data.clone(),
    };
    gather_axes(&src, out_shape, &maps)
}

/// The `MemoryError` for a result whose shape `a * b` overflows.
fn too_big(a: &[usize], b: &[usize]) -> NpError {
    let shape: Vec<u128> = a
        .iter()
        .zip(b)
        .map(|(&x, &y)| x as u128 * y as u128)
        .collect();
    NpError {
        kind: NpErrorKind::Memory,
        message: format!("Unable to allocate array with shape {shape:?}"),
    }
}

/// `np.repeat(a, repeats, axis)`: `repeats` has one entry (used for every element) or one per
/// element along `axis`; `axis=None` flattens first.
pub fn repeat(a: &Dense, repeats: &[usize], axis: Option<isize>) -> Result<Dense, NpError> {
    let (src, ax) = match axis {
        None => (ravel(a), 0),
        Some(ax) => check_axis(a, ax)?,
    };
    let n = src.shape[ax];
    if repeats.len() != 1 && repeats.len() != n {
        return Err(NpError::value(format!(
            "operands could not be broadcast together with shape ({n},) ({},)",
            repeats.len()
        )));
    }
    let rep = |i: usize| {
        if repeats.len() == 1 {
            repeats[0]
        } else {
            repeats[i]
        }
    };
    let mut total = 0usize;
    for i in 0..n {
        total = total
            .checked_add(rep(i))
            .ok_or_else(|| too_big(&[usize::MAX], &[2]))?;
    }
    let mut out_shape = src.shape.clone();
    out_shape[ax] = total;
    if checked_size(&out_shape)? == 0 {
        return Ok(empty(a.dtype, out_shape));
    }
    let maps: Vec<Vec<usize>> = (0..src.ndim())
        .map(|d| {
            if d == ax {
                (0..n)
                    .flat_map(|i| std::iter::repeat_n(i, rep(i)))
                    .collect()
            } else {
                (0..src.shape[d]).collect()
            }
        })
        .collect();
    gather_axes(&src, out_shape, &maps)
}

/// `np.kron(a, b)`.
pub fn kron(a: &Dense, b: &Dense) -> Result<Dense, NpError> {
    let nd = a.ndim().max(b.ndim());
    let mut sa = vec![1usize; nd - a.ndim()];
    sa.extend_from_slice(&a.shape);
    let mut sb = vec![1usize; nd - b.ndim()];
    sb.extend_from_slice(&b.shape);
    let mut out_shape = Vec::with_capacity(nd);
    for (&x, &y) in sa.iter().zip(&sb) {
        out_shape.push(x.checked_mul(y).ok_or_else(|| too_big(&sa, &sb))?);
    }
    let n = checked_size(&out_shape)?;
    let dtype = promote(a.dtype, b.dtype);
    let (ca, cb) = (a.astype(dtype), b.astype(dtype));
    let (sta, stb) = (strides(&sa), strides(&sb));
    let mut pairs = Vec::with_capacity(n);
    for_each_index(&out_shape, |ix| {
        let (mut i, mut j) = (0, 0);
        for d in 0..nd {
            i += ix[d] / sb[d] * sta[d];
            j += ix[d] % sb[d] * stb[d];
        }
        pairs.push((i, j));
    });
    Ok(Dense {
        dtype,
        shape: out_shape,
        data: mul_pairs(dtype, &ca.data, &cb.data, &pairs),
    })
}

/// `np.concatenate(arrays, axis)`: `axis=None` flattens each array first. The dtype is the
/// promotion of all inputs.
pub fn concatenate(arrays: &[Dense], axis: Option<isize>) -> Result<Dense, NpError> {
    let first = arrays
        .first()
        .ok_or_else(|| NpError::value("need at least one array to concatenate"))?;
    let flat: Vec<Dense>;
    let (arrays, ax) = match axis {
        None => {
            flat = arrays.iter().map(ravel).collect();
            (&flat[..], 0usize)
        }
        Some(ax) => {
            if first.ndim() == 0 {
                return Err(NpError::value(
                    "zero-dimensional arrays cannot be concatenated",
                ));
            }
            (arrays, norm_axis(ax, first.ndim())?)
        }
    };
    let nd = arrays[0].ndim();
    let mut total = 0usize;
    for (i, x) in arrays.iter().enumerate() {
        if x.ndim() != nd {
            return Err(NpError::value(format!(
                "all the input arrays must have same number of dimensions, but the array at \
                 index 0 has {nd} dimension(s) and the array at index {i} has {} dimension(s)",
                x.ndim()
            )));
        }
        for d in (0..nd).filter(|&d| d != ax) {
            if x.shape[d] != arrays[0].shape[d] {
                return Err(NpError::value(format!(
                    "all the input array dimensions except for the concatenation axis must \
                     match exactly, but along dimension {d}, the array at index 0 has size {} \
                     and the array at index {i} has size {}",
                    arrays[0].shape[d], x.shape[d]
                )));
            }
        }
        total = total
            .checked_add(x.shape[ax])
            .ok_or_else(|| too_big(&[usize::MAX], &[2]))?;
    }
    let dtype = arrays
        .iter()
        .skip(1)
        .fold(arrays[0].dtype, |d, x| promote(d, x.dtype));
    let mut out_shape = arrays[0].shape.clone();
    out_shape[ax] = total;
    let n = checked_size(&out_shape)?;
    let converted: Vec<Dense> = arrays.iter().map(|x| x.astype(dtype)).collect();
    let pool = join_data(dtype, &converted);
    let (outer, _, inner) = lanes(&out_shape, ax);
    let mut idx = Vec::with_capacity(n);
    for o in 0..outer {
        let mut base = 0usize;
        for x in arrays {
            let chunk = x.shape[ax] * inner;
            idx.extend(base + o * chunk..base + (o + 1) * chunk);
            base += x.size();
        }
    }
    Ok(Dense {
        dtype,
        shape: out_shape,
        data: take(&pool, &idx),
    })
}

/// `np.stack(arrays, axis)`: all shapes equal; a new axis is inserted at `axis`.
pub fn stack(arrays: &[Dense], axis: isize) -> Result<Dense, NpError> {
    let first = arrays
        .first()
        .ok_or_else(|| NpError::value("need at least one array to stack"))?;
    if arrays.iter().any(|x| x.shape != first.shape) {
        return Err(NpError::value("all input arrays must have the same shape"));
    }
    let ax = norm_axis(axis, first.ndim() + 1)?;
    let expanded: Vec<Dense> = arrays
        .iter()
        .map(|x| {
            let mut shape = x.shape.clone();
            shape.insert(ax, 1);
            Dense {
                dtype: x.dtype,
                shape,
                data: x.data.clone(),
            }
        })
        .collect();
    concatenate(&expanded, Some(ax as isize))
}

/// `np.roll(a, shift, axis)`: `axes=None` rolls the flattened array (by the sum of `shifts`, as
/// numpy's broadcasting gives); otherwise `shifts` and `axes` pair up (a single shift broadcasts
/// over several axes, a single axis takes every shift; shifts on one axis add up).
pub fn roll(a: &Dense, shifts: &[i64], axes: Option<&[isize]>) -> Result<Dense, NpError> {
    let (src, pairs): (Dense, Vec<(usize, i128)>) = match axes {
        None => (ravel(a), vec![(0, shifts.iter().map(|&s| s as i128).sum())]),
        Some(axes) => {
            for &ax in axes {
                norm_axis(ax, a.ndim())?;
            }
            let n = if shifts.len() == axes.len() || axes.len() == 1 {
                shifts.len()
            } else if shifts.len() == 1 {
                axes.len()
            } else {
                return Err(NpError::value(format!(
                    "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch \
                     is between arg 0 with shape ({},) and arg 1 with shape ({},).",
                    shifts.len(),
                    axes.len()
                )));
            };
            let mut pairs = Vec::with_capacity(n);
            for i in 0..n {
                let ax = axes[if axes.len() == 1 { 0 } else { i }];
                let s = shifts[if shifts.len() == 1 { 0 } else { i }];
                pairs.push((norm_axis(ax, a.ndim())?, s as i128));
            }
            (a.clone(), pairs)
        }
    };
    let mut total = vec![0i128; src.ndim()];
    for (ax, s) in pairs {
        total[ax] += s;
    }
    let maps: Vec<Vec<usize>> = (0..src.ndim())
        .map(|d| {
            let n = src.shape[d] as i128;
            (0..src.shape[d])
                .map(|i| (i as i128 - total[d]).rem_euclid(n.max(1)) as usize)
                .collect()
        })
        .collect();
    let mut out = gather_axes(&src, src.shape.clone(), &maps)?;
    out.shape = a.shape.clone();
    Ok(out)
}
