//! numpy functions that edit or combine arrays: `append`, `delete`, `insert`, `setdiff1d`,
//! `intersect1d`, `union1d`, `block` and `trim_zeros`.

use super::algos;
use super::args::bind;
use super::array::{broadcast_data, charge, from_dense, to_dense, NpResultExt, PyNdArray};
use super::dense::{checked_size, promote, DType, Dense, NpError};
use super::extra::{as_array, dense_arg};
use super::extra_algos as xa;
use super::functions::NativeFn;
use super::ops::{bools_of, ints_of, norm_axis};
use rustpython_vm::builtins::{PyList, PySlice};
use rustpython_vm::function::FuncArgs;
use rustpython_vm::{PyObject, PyPayload, PyResult, VirtualMachine};

/// `arr` and the axis to work on (`None`: the flattened array along axis 0).
fn target(arr: Dense, axis: Option<isize>) -> Result<(Dense, usize), NpError> {
    match axis {
        None => Ok((xa::ravel(&arr), 0)),
        Some(ax) => {
            let k = norm_axis(ax, arr.ndim())?;
            Ok((arr, k))
        }
    }
}

fn append(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("append", args, &["arr", "values", "axis"], 2, vm)?;
    let (a, v) = (dense_arg(&b, "arr", vm)?, dense_arg(&b, "values", vm)?);
    let axis = b.axis("axis", vm)?;
    let parts = match axis {
        None => vec![xa::ravel(&a), xa::ravel(&v)],
        Some(_) => vec![a, v],
    };
    charge(parts.iter().map(|p| p.size()).sum());
    Ok(from_dense(
        algos::concatenate(&parts, Some(axis.unwrap_or(0))).py(vm)?,
        vm,
    ))
}

fn bounds_error(i: i64, axis: usize, n: usize) -> NpError {
    NpError::index(format!(
        "index {i} is out of bounds for axis {axis} with size {n}"
    ))
}

/// Positions named by `obj` (an int, a slice, a list/array of ints, or a bool mask) along an axis
/// of length `n`, normalised to `0..n`.
fn positions(obj: &PyObject, axis: usize, n: usize, vm: &VirtualMachine) -> PyResult<Vec<usize>> {
    if let Some(s) = obj.downcast_ref::<PySlice>() {
        let (range, step, len) = s.to_saturated(vm)?.adjust_indices(n);
        let start = if step < 0 {
            range.end as isize - 1
        } else {
            range.start as isize
        };
        return Ok((0..len as isize)
            .map(|k| (start + k * step).max(0) as usize)
            .collect());
    }
    let d = to_dense(obj, vm)?;
    if d.dtype == DType::Bool {
        if d.size() != n {
            return Err(vm.new_value_error(format!(
                "boolean array argument obj to delete must be one dimensional and match the axis \
                 length of {n}"
            )));
        }
        return Ok(bools_of(&d.data)
            .iter()
            .enumerate()
            .filter(|(_, &t)| t)
            .map(|(i, _)| i)
            .collect());
    }
    if d.dtype == DType::Float64 {
        return Err(
            vm.new_index_error("arrays used as indices must be of integer (or boolean) type")
        );
    }
    ints_of(&d.data)
        .iter()
        .map(|&i| {
            let j = if i < 0 { i + n as i64 } else { i };
            usize::try_from(j)
                .ok()
                .filter(|&j| j < n)
                .ok_or_else(|| bounds_error(i, axis, n))
                .py(vm)
        })
        .collect()
}

fn delete(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("delete", args, &["arr", "obj", "axis"], 2, vm)?;
    let (a, ax) = target(dense_arg(&b, "arr", vm)?, b.axis("axis", vm)?).py(vm)?;
    let n = a.shape.get(ax).copied().unwrap_or(0);
    let drop = positions(b.req("obj", vm)?, ax, n, vm)?;
    let mut keep = vec![true; n];
    for i in drop {
        if let Some(k) = keep.get_mut(i) {
            *k = false;
        }
    }
    let idx: Vec<usize> = (0..n).filter(|&i| keep[i]).collect();
    charge(a.size());
    Ok(from_dense(xa::take_slices(&a, ax, &idx).py(vm)?, vm))
}

/// `values` cast to `dtype` with at least `ndim` axes (leading ones added), like
/// `np.array(values, ndmin=ndim, dtype=dtype)`.
fn with_ndmin(values: Dense, ndim: usize, dtype: DType) -> Dense {
    let mut v = values.astype(dtype);
    while v.shape.len() < ndim {
        v.shape.insert(0, 1);
    }
    v
}

/// `values` broadcast to `shape` as an owned array.
fn broadcast_to(values: &Dense, shape: Vec<usize>, vm: &VirtualMachine) -> PyResult<Dense> {
    let n = checked_size(&shape).py(vm)?;
    let mut data = broadcast_data(values, &shape, values.dtype).py(vm)?;
    if data.len() == 1 && n != 1 {
        data = xa::take(&data, &vec![0; n]);
    }
    Ok(Dense {
        dtype: values.dtype,
        shape,
        data,
    })
}

fn insert(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("insert", args, &["arr", "obj", "values", "axis"], 3, vm)?;
    let (a, ax) = target(dense_arg(&b, "arr", vm)?, b.axis("axis", vm)?).py(vm)?;
    let n = a.shape.get(ax).copied().unwrap_or(0);
    let obj = b.req("obj", vm)?;
    let values = dense_arg(&b, "values", vm)?;
    let (scalar_obj, raw): (bool, Vec<i64>) = if let Some(s) = obj.downcast_ref::<PySlice>() {
        let (range, step, len) = s.to_saturated(vm)?.adjust_indices(n);
        let start = if step < 0 {
            range.end as i64 - 1
        } else {
            range.start as i64
        };
        (
            false,
            (0..len as i64).map(|k| start + k * step as i64).collect(),
        )
    } else {
        let d = to_dense(obj, vm)?;
        if d.dtype == DType::Float64 || d.dtype == DType::Bool {
            return Err(
                vm.new_index_error("arrays used as indices must be of integer (or boolean) type")
            );
        }
        if d.ndim() > 1 {
            return Err(vm.new_value_error(
                "index array argument obj to insert must be one dimensional or scalar",
            ));
        }
        (d.ndim() == 0, ints_of(&d.data).into_owned())
    };
    let norm = |i: i64| -> PyResult<usize> {
        let j = if i < 0 { i + n as i64 } else { i };
        usize::try_from(j)
            .ok()
            .filter(|&j| j <= n)
            .ok_or_else(|| bounds_error(i, ax, n))
            .py(vm)
    };
    if raw.len() == 1 {
        let index = norm(raw[0])?;
        let mut v = with_ndmin(values, a.ndim(), a.dtype);
        if scalar_obj && v.ndim() > 0 {
            // np.moveaxis(values, 0, axis)
            let mut perm: Vec<usize> = (1..v.ndim()).collect();
            perm.insert(ax.min(perm.len()), 0);
            let moved = PyNdArray::from_dense_value(v);
            let t = moved.transposed(Some(perm.iter().map(|&p| p as i64).collect()), vm)?;
            v = t.to_dense_value();
        }
        let numnew = v.shape.get(ax).copied().unwrap_or(1);
        let mut slot = a.shape.clone();
        if let Some(s) = slot.get_mut(ax) {
            *s = numnew;
        }
        let block = broadcast_to(&v, slot, vm)?;
        let mut src: Vec<Option<usize>> = (0..index).map(Some).collect();
        src.extend(std::iter::repeat_n(None, numnew));
        src.extend((index..n).map(Some));
        charge(a.size() + block.size());
        return Ok(from_dense(xa::interleave(&a, ax, &src, &block).py(vm)?, vm));
    }
    let idx = raw
        .iter()
        .map(|&i| norm(i))
        .collect::<PyResult<Vec<usize>>>()?;
    let numnew = idx.len();
    let mut order: Vec<usize> = (0..numnew).collect();
    order.sort_by_key(|&k| idx[k]);
    let mut slot = a.shape.clone();
    if let Some(s) = slot.get_mut(ax) {
        *s = numnew;
    }
    let v = with_ndmin(values, a.ndim(), a.dtype);
    let block = broadcast_to(&v, slot, vm)?;
    let block = xa::take_slices(&block, ax, &order).py(vm)?;
    // Final positions: sorted index + its rank.
    let mut is_new = vec![false; n + numnew];
    for (rank, &k) in order.iter().enumerate() {
        if let Some(slot) = is_new.get_mut(idx[k] + rank) {
            *slot = true;
        }
    }
    let mut next_old = 0usize;
    let src: Vec<Option<usize>> = is_new
        .iter()
        .map(|&new| {
            if new {
                None
            } else {
                next_old += 1;
                Some(next_old - 1)
            }
        })
        .collect();
    charge(a.size() + block.size());
    Ok(from_dense(xa::interleave(&a, ax, &src, &block).py(vm)?, vm))
}

fn unique_values(d: &Dense, vm: &VirtualMachine) -> PyResult<Dense> {
    charge(d.size());
    Ok(algos::unique(d, None).py(vm)?.values)
}

/// Elements of `d` where `mask` is true (both 1-D of the same length).
fn masked(d: &Dense, mask: &Dense) -> Dense {
    let idx: Vec<usize> = bools_of(&mask.data)
        .iter()
        .enumerate()
        .filter(|(_, &t)| t)
        .map(|(i, _)| i)
        .collect();
    Dense {
        dtype: d.dtype,
        shape: vec![idx.len()],
        data: xa::take(&d.data, &idx),
    }
}

fn setdiff1d(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("setdiff1d", args, &["ar1", "ar2", "assume_unique"], 2, vm)?;
    let u = unique_values(&dense_arg(&b, "ar1", vm)?, vm)?;
    let other = dense_arg(&b, "ar2", vm)?;
    let mask = algos::isin(&u, &other, true).py(vm)?;
    Ok(from_dense(masked(&u, &mask), vm))
}

fn intersect1d(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "intersect1d",
        args,
        &["ar1", "ar2", "assume_unique", "return_indices"],
        2,
        vm,
    )?;
    if b.flag("return_indices", false, vm)? {
        return Err(
            vm.new_not_implemented_error("numpy.intersect1d: return_indices=True is not supported")
        );
    }
    let (x, y) = (dense_arg(&b, "ar1", vm)?, dense_arg(&b, "ar2", vm)?);
    let dtype = promote(x.dtype, y.dtype);
    let u = unique_values(&x.astype(dtype), vm)?;
    let mask = algos::isin(&u, &y, false).py(vm)?;
    Ok(from_dense(masked(&u, &mask), vm))
}

fn union1d(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("union1d", args, &["ar1", "ar2"], 2, vm)?;
    let (x, y) = (dense_arg(&b, "ar1", vm)?, dense_arg(&b, "ar2", vm)?);
    let joined = algos::concatenate(&[xa::ravel(&x), xa::ravel(&y)], Some(0)).py(vm)?;
    Ok(from_dense(unique_values(&joined, vm)?, vm))
}

/// Nesting depth of a `block` argument and the leaves in order, checking that depths agree.
fn block_depth(
    obj: &PyObject,
    depth: usize,
    path: &mut Vec<usize>,
    first: &mut Option<usize>,
    vm: &VirtualMachine,
) -> PyResult<()> {
    if let Some(l) = obj.downcast_ref::<PyList>() {
        let items = l.borrow_vec().to_vec();
        if items.is_empty() {
            return Err(vm.new_value_error("Lists cannot be empty"));
        }
        for (i, it) in items.iter().enumerate() {
            path.push(i);
            block_depth(it, depth + 1, path, first, vm)?;
            path.pop();
        }
        return Ok(());
    }
    match *first {
        None => *first = Some(depth),
        Some(f) if f != depth => {
            let idx: String = path.iter().map(|i| format!("[{i}]")).collect();
            return Err(vm.new_value_error(format!(
                "List depths are mismatched. First element was at depth {f}, but there is an \
                 element at depth {depth} (arrays{idx})"
            )));
        }
        _ => {}
    }
    Ok(())
}

fn block_concat(
    obj: &PyObject,
    level: usize,
    depth: usize,
    ndim: usize,
    vm: &VirtualMachine,
) -> PyResult<Dense> {
    if let Some(l) = obj.downcast_ref::<PyList>() {
        let parts = l
            .borrow_vec()
            .iter()
            .map(|it| block_concat(it, level + 1, depth, ndim, vm))
            .collect::<PyResult<Vec<_>>>()?;
        let axis = (ndim - depth + level) as isize;
        charge(parts.iter().map(|p| p.size()).sum());
        return algos::concatenate(&parts, Some(axis)).py(vm);
    }
    let mut d = to_dense(obj, vm)?;
    while d.shape.len() < ndim {
        d.shape.insert(0, 1);
    }
    Ok(d)
}

fn max_leaf_ndim(obj: &PyObject, vm: &VirtualMachine) -> PyResult<usize> {
    if let Some(l) = obj.downcast_ref::<PyList>() {
        let mut m = 0;
        for it in l.borrow_vec().iter() {
            m = m.max(max_leaf_ndim(it, vm)?);
        }
        return Ok(m);
    }
    Ok(to_dense(obj, vm)?.ndim())
}

fn block(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("block", args, &["arrays"], 1, vm)?;
    let arrays = b.req("arrays", vm)?;
    let mut first = None;
    block_depth(arrays, 0, &mut vec![], &mut first, vm)?;
    let depth = first.unwrap_or(0);
    let ndim = depth.max(max_leaf_ndim(arrays, vm)?);
    if depth == 0 {
        return Ok(from_dense(to_dense(arrays, vm)?, vm));
    }
    Ok(from_dense(block_concat(arrays, 0, depth, ndim, vm)?, vm))
}

fn trim_zeros(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("trim_zeros", args, &["filt", "trim", "axis"], 1, vm)?;
    let trim = match b.get("trim", vm) {
        Some(t) => t.str(vm)?.to_string_lossy().into_owned(),
        None => "fb".to_owned(),
    };
    let bad: String = trim
        .chars()
        .filter(|c| !matches!(c, 'f' | 'b' | 'F' | 'B'))
        .collect();
    if !bad.is_empty() {
        return Err(vm.new_value_error(format!("unexpected character(s) in `trim`: '{trim}'")));
    }
    let a = as_array(b.req("filt", vm)?, vm)?;
    if a.shape.len() != 1 {
        return Err(vm.new_not_implemented_error("numpy.trim_zeros: only 1-D input is supported"));
    }
    let d = a.to_dense_value();
    let nz = bools_of(&d.data);
    let n = nz.len();
    let lower = trim.to_ascii_lowercase();
    let start = if lower.contains('f') {
        nz.iter().position(|&t| t).unwrap_or(n)
    } else {
        0
    };
    let end = if lower.contains('b') {
        nz.iter()
            .rposition(|&t| t)
            .map_or(start, |p| p + 1)
            .max(start)
    } else {
        n
    };
    let offset = (a.offset as isize + start as isize * a.strides[0]).max(0) as usize;
    let view = a.view(offset, vec![end - start], a.strides.clone());
    Ok(view.into_pyobject(vm))
}

/// The functions this file provides, by numpy name.
pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("append", append),
    ("delete", delete),
    ("insert", insert),
    ("setdiff1d", setdiff1d),
    ("intersect1d", intersect1d),
    ("union1d", union1d),
    ("block", block),
    ("trim_zeros", trim_zeros),
];
