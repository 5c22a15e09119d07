//! `ndarray.__getitem__` / `__setitem__`: basic indexing (ints, slices, `None`, `...`) gives views,
//! advanced indexing (integer and boolean arrays) gathers or scatters, with numpy's placement of
//! the broadcast index dimensions and its error messages.

use super::array::{
    charge, from_dense, from_dense_or_scalar, gather, py_scalar, scatter, shape_str, to_dense,
    NpResultExt, PyNdArray,
};
use super::dense::{DType, Data, Dense, NpError, Scalar};
use super::ops::{broadcast_index, broadcast_shapes, ints_of};
use super::scalars::scalar_to_py;
use rustpython_vm::builtins::{PyInt, PySlice, PyTuple};
use rustpython_vm::sliceable::SaturatedSlice;
use rustpython_vm::{AsObject, PyObject, PyObjectRef, PyPayload, PyResult, VirtualMachine};

/// One item of an index expression.
enum Item {
    Int(i64),
    Slice(SaturatedSlice),
    NewAxis,
    Ellipsis,
    /// Integer index array (any int dtype).
    Array(Dense),
    /// Boolean mask.
    Mask(Dense),
}

const VALID: &str = "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and \
                     integer or boolean arrays are valid indices";

fn parse_item(obj: &PyObject, vm: &VirtualMachine) -> PyResult<Item> {
    if let Some(i) = obj.downcast_ref::<PyInt>() {
        if !obj.class().is(vm.ctx.types.bool_type) {
            return i64::try_from(i.as_bigint())
                .map(Item::Int)
                .map_err(|_| vm.new_index_error("cannot fit 'int' into an index-sized integer"));
        }
    }
    if let Some(s) = obj.downcast_ref::<PySlice>() {
        return Ok(Item::Slice(s.to_saturated(vm)?));
    }
    if vm.is_none(obj) {
        return Ok(Item::NewAxis);
    }
    if obj.is(&vm.ctx.ellipsis) {
        return Ok(Item::Ellipsis);
    }
    let is_seq = obj.downcast_ref::<PyNdArray>().is_some()
        || obj
            .downcast_ref::<rustpython_vm::builtins::PyList>()
            .is_some()
        || obj.downcast_ref::<PyTuple>().is_some();
    if !is_seq {
        if py_scalar(obj, vm)?.is_some() {
            return Err(vm.new_index_error(VALID));
        }
        return match obj.try_index_opt(vm) {
            Some(Ok(i)) => i64::try_from(i.as_bigint())
                .map(Item::Int)
                .map_err(|_| vm.new_index_error("cannot fit 'int' into an index-sized integer")),
            _ => Err(vm.new_index_error(VALID)),
        };
    }
    let d = to_dense(obj, vm)?;
    match d.data {
        Data::Bool(_) => Ok(Item::Mask(d)),
        Data::Int(_) => Ok(Item::Array(d)),
        Data::Float(_) if d.size() == 0 => Ok(Item::Array(Dense {
            dtype: super::dense::DType::Int64,
            shape: d.shape,
            data: Data::Int(vec![]),
        })),
        Data::Float(_) => {
            Err(vm.new_index_error("arrays used as indices must be of integer (or boolean) type"))
        }
    }
}

fn parse_key(key: &PyObject, vm: &VirtualMachine) -> PyResult<Vec<Item>> {
    if let Some(t) = key.downcast_ref::<PyTuple>() {
        return t.as_slice().iter().map(|o| parse_item(o, vm)).collect();
    }
    Ok(vec![parse_item(key, vm)?])
}

fn out_of_bounds(i: i64, axis: usize, size: usize) -> NpError {
    NpError::index(format!(
        "index {i} is out of bounds for axis {axis} with size {size}"
    ))
}

fn norm_index(i: i64, axis: usize, size: usize) -> Result<usize, NpError> {
    let n = size as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(out_of_bounds(i, axis, size));
    }
    Ok(j as usize)
}

/// Where an index expression points.
enum Target {
    /// A view (basic indexing).
    View {
        offset: usize,
        shape: Vec<usize>,
        strides: Vec<isize>,
    },
    /// Gathered elements (advanced indexing): result shape and buffer offsets.
    Gather {
        shape: Vec<usize>,
        offsets: Vec<usize>,
    },
}

/// One output axis while resolving: size, stride, and which advanced index feeds it.
struct Dim {
    size: usize,
    stride: isize,
    adv: Option<usize>,
}

fn resolve(a: &PyNdArray, items: Vec<Item>) -> Result<Target, NpError> {
    let nd = a.shape.len();
    let consumed: usize = items
        .iter()
        .map(|it| match it {
            Item::Int(_) | Item::Slice(_) | Item::Array(_) => 1,
            Item::Mask(m) => m.shape.len().max(1),
            _ => 0,
        })
        .sum();
    if items.iter().filter(|i| matches!(i, Item::Ellipsis)).count() > 1 {
        return Err(NpError::index(
            "an index can only have a single ellipsis ('...')",
        ));
    }
    if consumed > nd {
        return Err(NpError::index(format!(
            "too many indices for array: array is {nd}-dimensional, but {consumed} were indexed"
        )));
    }
    let has_adv = items
        .iter()
        .any(|i| matches!(i, Item::Array(_) | Item::Mask(_)));
    let mut offset = a.offset as isize;
    let mut dims: Vec<Dim> = Vec::with_capacity(nd + 1);
    let mut advs: Vec<Dense> = Vec::new();
    let mut axis = 0usize;
    let full = |axis: usize| Dim {
        size: a.shape[axis],
        stride: a.strides[axis],
        adv: None,
    };
    for item in items {
        match item {
            Item::Ellipsis => {
                for _ in 0..nd - consumed {
                    dims.push(full(axis));
                    axis += 1;
                }
            }
            Item::NewAxis => dims.push(Dim {
                size: 1,
                stride: 0,
                adv: None,
            }),
            Item::Int(i) => {
                let j = norm_index(i, axis, a.shape[axis])?;
                if has_adv {
                    // Next to index arrays, integers act as 0-d index arrays (numpy's placement).
                    dims.push(Dim {
                        size: a.shape[axis],
                        stride: a.strides[axis],
                        adv: Some(advs.len()),
                    });
                    advs.push(Dense::ints(vec![], vec![j as i64])?);
                } else {
                    offset += j as isize * a.strides[axis];
                }
                axis += 1;
            }
            Item::Slice(s) => {
                let (range, step, len) = s.adjust_indices(a.shape[axis]);
                let start = if step < 0 {
                    range.end as isize - 1
                } else {
                    range.start as isize
                };
                if len > 0 {
                    offset += start * a.strides[axis];
                }
                dims.push(Dim {
                    size: len,
                    stride: a.strides[axis] * step,
                    adv: None,
                });
                axis += 1;
            }
            Item::Array(d) => {
                let size = a.shape[axis];
                let vals = ints_of(&d.data)
                    .iter()
                    .map(|&i| norm_index(i, axis, size).map(|j| j as i64))
                    .collect::<Result<Vec<_>, _>>()?;
                dims.push(Dim {
                    size,
                    stride: a.strides[axis],
                    adv: Some(advs.len()),
                });
                advs.push(Dense::ints(d.shape, vals)?);
                axis += 1;
            }
            Item::Mask(m) => {
                let mshape = if m.shape.is_empty() {
                    vec![1]
                } else {
                    m.shape.clone()
                };
                for (k, &md) in mshape.iter().enumerate() {
                    let size = a.shape[axis + k];
                    if md != size {
                        return Err(NpError::index(format!(
                            "boolean index did not match indexed array along axis {}; size of \
                             axis is {size} but size of corresponding boolean axis is {md}",
                            axis + k
                        )));
                    }
                }
                let coords = mask_coords(&m, &mshape);
                for (k, c) in coords.into_iter().enumerate() {
                    dims.push(Dim {
                        size: a.shape[axis + k],
                        stride: a.strides[axis + k],
                        adv: Some(advs.len()),
                    });
                    let n = c.len();
                    advs.push(Dense::ints(vec![n], c)?);
                }
                axis += mshape.len();
            }
        }
    }
    while axis < nd {
        dims.push(full(axis));
        axis += 1;
    }
    if advs.is_empty() {
        return Ok(Target::View {
            offset: offset.max(0) as usize,
            shape: dims.iter().map(|d| d.size).collect(),
            strides: dims.iter().map(|d| d.stride).collect(),
        });
    }
    // Broadcast the index arrays together.
    let mut bshape: Vec<usize> = Vec::new();
    for d in &advs {
        bshape = broadcast_shapes(&bshape, &d.shape).map_err(|_| {
            let shapes: Vec<String> = advs
                .iter()
                .map(|d| shape_str(&d.shape).replace(", ", ","))
                .collect();
            NpError::index(format!(
                "shape mismatch: indexing arrays could not be broadcast together with shapes {} ",
                shapes.join(" ")
            ))
        })?;
    }
    let nb: usize = super::dense::checked_size(&bshape)?;
    let mut base = vec![0isize; nb];
    for d in dims.iter().filter(|d| d.adv.is_some()) {
        let idx = &advs[d.adv.unwrap_or(0)];
        let map = broadcast_index(&idx.shape, &bshape);
        let vals = ints_of(&idx.data);
        for (b, &m) in base.iter_mut().zip(&map) {
            *b += vals[m] as isize * d.stride;
        }
    }
    let adv_pos: Vec<usize> = (0..dims.len()).filter(|&k| dims[k].adv.is_some()).collect();
    let first = adv_pos[0];
    let last = adv_pos[adv_pos.len() - 1];
    let adjacent = last - first + 1 == adv_pos.len();
    let basic = |range: &mut dyn Iterator<Item = usize>| -> (Vec<usize>, Vec<isize>) {
        let mut s = vec![];
        let mut st = vec![];
        for k in range {
            if dims[k].adv.is_none() {
                s.push(dims[k].size);
                st.push(dims[k].stride);
            }
        }
        (s, st)
    };
    let (pre, post) = if adjacent {
        (basic(&mut (0..first)), basic(&mut (last + 1..dims.len())))
    } else {
        ((vec![], vec![]), basic(&mut (0..dims.len())))
    };
    let mut shape = pre.0.clone();
    shape.extend_from_slice(&bshape);
    shape.extend_from_slice(&post.0);
    let total = super::dense::checked_size(&shape)?;
    let mut offsets = Vec::with_capacity(total);
    // Relative offsets may be negative (reversed slices), so they are computed signed here.
    let signed = |shape: &[usize], strides: &[isize]| -> Vec<isize> {
        let mut out = vec![];
        let n: usize = shape.iter().product();
        if n == 0 {
            return out;
        }
        let mut idx = vec![0usize; shape.len()];
        for _ in 0..n {
            out.push(idx.iter().zip(strides).map(|(&i, &s)| i as isize * s).sum());
            for d in (0..shape.len()).rev() {
                idx[d] += 1;
                if idx[d] < shape[d] {
                    break;
                }
                idx[d] = 0;
            }
        }
        out
    };
    let pre_s = signed(&pre.0, &pre.1);
    let post_s = signed(&post.0, &post.1);
    for &p in &pre_s {
        for &b in &base {
            for &q in &post_s {
                offsets.push((offset + p + b + q).max(0) as usize);
            }
        }
    }
    Ok(Target::Gather { shape, offsets })
}

/// Coordinates (one list per mask axis) of the true elements of a mask, row-major.
fn mask_coords(m: &Dense, shape: &[usize]) -> Vec<Vec<i64>> {
    let mut coords = vec![Vec::new(); shape.len()];
    let truth = super::ops::bools_of(&m.data);
    let mut idx = vec![0usize; shape.len()];
    for &t in truth.iter() {
        if t {
            for (c, &i) in coords.iter_mut().zip(&idx) {
                c.push(i as i64);
            }
        }
        for d in (0..shape.len()).rev() {
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    coords
}

/// Reads an `(int, int, ...)` key naming one element, without building anything.
fn fast_offset(a: &PyNdArray, key: &PyObject, vm: &VirtualMachine) -> Option<PyResult<usize>> {
    let one = |obj: &PyObject| -> Option<i64> {
        if obj.class().is(vm.ctx.types.int_type) {
            obj.downcast_ref::<PyInt>()
                .and_then(|i| i64::try_from(i.as_bigint()).ok())
        } else {
            None
        }
    };
    let mut off = a.offset as isize;
    let mut visit = |k: usize, i: i64| -> PyResult<()> {
        let j = norm_index(i, k, a.shape[k]).py(vm)?;
        off += j as isize * a.strides[k];
        Ok(())
    };
    if let Some(t) = key.downcast_ref::<PyTuple>() {
        let items = t.as_slice();
        if items.len() != a.shape.len() {
            return None;
        }
        let vals: Option<Vec<i64>> = items.iter().map(|o| one(o)).collect();
        let vals = vals?;
        for (k, &i) in vals.iter().enumerate() {
            if let Err(e) = visit(k, i) {
                return Some(Err(e));
            }
        }
        return Some(Ok(off.max(0) as usize));
    }
    if a.shape.len() == 1 {
        let i = one(key)?;
        return Some(visit(0, i).map(|_| off.max(0) as usize));
    }
    None
}

/// `a[key]`.
pub fn getitem(a: &PyNdArray, key: &PyObject, vm: &VirtualMachine) -> PyResult {
    if let Some(off) = fast_offset(a, key, vm) {
        let off = off?;
        let data = a.buf.read();
        return Ok(scalar_to_py(
            super::array::data_get(&data, off),
            a.dtype,
            vm,
        ));
    }
    let items = parse_key(key, vm)?;
    match resolve(a, items).py(vm)? {
        Target::View {
            offset,
            shape,
            strides,
        } => {
            if shape.is_empty() {
                let data = a.buf.read();
                return Ok(scalar_to_py(
                    super::array::data_get(&data, offset),
                    a.dtype,
                    vm,
                ));
            }
            Ok(a.view(offset, shape, strides).into_pyobject(vm))
        }
        Target::Gather { shape, offsets } => {
            charge(offsets.len());
            let data = gather(&a.buf.read(), &offsets);
            let d = Dense {
                dtype: a.dtype,
                shape,
                data,
            };
            Ok(if d.shape.is_empty() {
                from_dense_or_scalar(d, vm)
            } else {
                from_dense(d, vm)
            })
        }
    }
}

/// `a[key] = value`.
pub fn setitem(
    a: &PyNdArray,
    key: &PyObject,
    value: &PyObject,
    vm: &VirtualMachine,
) -> PyResult<()> {
    if let Some(off) = fast_offset(a, key, vm) {
        let off = off?;
        let s = element_value(a.dtype, value, vm)?;
        let s = super::array::cast_scalar(s, a.dtype);
        super::array::data_set(&mut a.buf.write(), off, s);
        return Ok(());
    }
    // Convert the value before taking the write lock: it may be a view of this very buffer.
    let src = super::coerce::to_dense_as(value, Some(a.dtype), vm)?;
    let items = parse_key(key, vm)?;
    let nested = value
        .downcast_ref::<rustpython_vm::builtins::PyList>()
        .is_some()
        || value.downcast_ref::<PyTuple>().is_some();
    match resolve(a, items).py(vm)? {
        Target::View {
            offset,
            shape,
            strides,
        } => {
            if nested && src.ndim() > shape.len() {
                // Extra leading length-1 axes are dropped for arrays, not for nested lists.
                return Err(vm.new_value_error(format!(
                    "setting an array element with a sequence. The requested array would exceed \
                     the maximum number of dimension of {}.",
                    shape.len()
                )));
            }
            a.view(offset, shape, strides).assign_dense(&src).py(vm)
        }
        Target::Gather { shape, offsets } => {
            let data = super::array::broadcast_data(&src, &shape, a.dtype).map_err(|_| {
                vm.new_value_error(format!(
                    "shape mismatch: value array of shape {} could not be broadcast to indexing \
                     result of shape {}",
                    shape_str(&src.shape).replace(", ", ","),
                    shape_str(&shape).replace(", ", ",")
                ))
            })?;
            charge(offsets.len());
            if data.is_empty() && !offsets.is_empty() {
                return Ok(());
            }
            scatter(&mut a.buf.write(), &offsets, &data);
            Ok(())
        }
    }
}

/// The value for one element of an array of `dtype`, as numpy 2 converts it: Python numbers are
/// checked (`coerce.rs`), a sequence is refused the way `int()`/`float()` would refuse it.
fn element_value(dtype: DType, value: &PyObject, vm: &VirtualMachine) -> PyResult<Scalar> {
    if let Some(s) = py_scalar(value, vm)? {
        super::coerce::check_py_value(value, dtype, vm)?;
        return Ok(s);
    }
    let sequence = value
        .downcast_ref::<rustpython_vm::builtins::PyList>()
        .map(|l| l.borrow_vec().len())
        .or_else(|| value.downcast_ref::<PyTuple>().map(|t| t.len()));
    if value
        .downcast_ref::<rustpython_vm::builtins::PyStr>()
        .is_some()
    {
        // numpy parses a string the way `np.int64('3')` does.
        let parsed = super::scalars::convert(dtype, Some(&value.to_owned()), vm)?;
        return Ok(py_scalar(&parsed, vm)?.unwrap_or(Scalar::Int(0)));
    }
    if dtype == DType::Bool && sequence.is_none() {
        // numpy stores the truth of any object in a bool element.
        if vm.is_none(value) {
            return Ok(Scalar::Bool(false));
        }
        if let Some(arr) = value.downcast_ref::<PyNdArray>() {
            let d = arr.to_dense_value();
            if d.size() == 1 {
                return Ok(Scalar::Bool(super::array::scalar_truthy(
                    super::array::data_get(&d.data, 0),
                )));
            }
        }
    }
    match (dtype, sequence) {
        // numpy stores the truth of the object in a bool element.
        (DType::Bool, Some(n)) => return Ok(Scalar::Bool(n > 0)),
        (d, Some(_)) if d.is_int() => {
            return Err(vm.new_type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                value.class().name()
            )))
        }
        (d, None) if d.is_int() && vm.is_none(value) => {
            return Err(vm.new_type_error(
                "int() argument must be a string, a bytes-like object or a real number, not \
                 'NoneType'",
            ))
        }
        (d, None) if d.is_float() && vm.is_none(value) => return Ok(Scalar::Float(f64::NAN)),
        _ => {}
    }
    let d = to_dense(value, vm)?;
    if !d.shape.is_empty() {
        return Err(vm.new_value_error("setting an array element with a sequence."));
    }
    Ok(super::array::data_get(&d.data, 0))
}

/// Row `i` of `a` (a view, or a scalar for 1-D arrays), as iteration yields it.
pub fn row(a: &PyNdArray, i: usize, vm: &VirtualMachine) -> PyObjectRef {
    let off =
        (a.offset as isize + i as isize * a.strides.first().copied().unwrap_or(0)).max(0) as usize;
    if a.shape.len() <= 1 {
        let data = a.buf.read();
        return scalar_to_py(super::array::data_get(&data, off), a.dtype, vm);
    }
    a.view(off, a.shape[1..].to_vec(), a.strides[1..].to_vec())
        .into_pyobject(vm)
}
