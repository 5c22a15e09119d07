//! Module-level numpy functions that rearrange arrays: transposes, reshapes, flips, padding,
//! stacking and splitting. Views are returned where numpy returns views.

use super::algos::{self, PadMode};
use super::args::{bind, bind_varargs, int_list, to_i64, Bound};
use super::array::{from_dense, py_scalar, to_dense, NpResultExt, PyNdArray};
use super::dense::{checked_size, Dense, Scalar};
use super::functions::NativeFn;
use super::methods::squeeze_view;
use super::ops;
use rustpython_vm::builtins::{PyList, PyStr, PyTuple};
use rustpython_vm::function::FuncArgs;
use rustpython_vm::{PyObject, PyObjectRef, PyPayload, PyResult, VirtualMachine};

/// The argument as an `ndarray` (arrays as they are; anything else converted).
fn as_array(obj: &PyObject, vm: &VirtualMachine) -> PyResult<PyNdArray> {
    if let Some(a) = obj.downcast_ref::<PyNdArray>() {
        return Ok(a.view(a.offset, a.shape.clone(), a.strides.clone()));
    }
    Ok(PyNdArray::from_dense_value(to_dense(obj, vm)?))
}

fn dense_arg(b: &Bound, name: &str, vm: &VirtualMachine) -> PyResult<Dense> {
    to_dense(b.req(name, vm)?, vm)
}

/// The items of a sequence of arrays (`concatenate`'s first argument).
fn array_list(obj: &PyObject, vm: &VirtualMachine) -> PyResult<Vec<Dense>> {
    let items: Vec<PyObjectRef> = if let Some(l) = obj.downcast_ref::<PyList>() {
        l.borrow_vec().to_vec()
    } else if let Some(t) = obj.downcast_ref::<PyTuple>() {
        t.as_slice().to_vec()
    } else if let Some(a) = obj.downcast_ref::<PyNdArray>() {
        (0..a.shape.first().copied().unwrap_or(0))
            .map(|i| super::index::row(a, i, vm))
            .collect()
    } else {
        return Err(vm.new_type_error("expected a sequence of arrays"));
    };
    if items.is_empty() {
        return Err(vm.new_value_error("need at least one array to concatenate"));
    }
    items.iter().map(|o| to_dense(o, vm)).collect()
}

fn transpose(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("transpose", args, &["a", "axes"], 1, vm)?;
    let a = as_array(b.req("a", vm)?, vm)?;
    let axes = match b.get("axes", vm) {
        Some(v) => Some(int_list(v, vm)?),
        None => None,
    };
    Ok(a.transposed(axes, vm)?.into_pyobject(vm))
}

fn reshape(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "reshape",
        args,
        &["a", "shape", "order", "newshape", "copy"],
        1,
        vm,
    )?;
    b.only("order", "C", vm)?;
    let a = as_array(b.req("a", vm)?, vm)?;
    let shape = b
        .get("shape", vm)
        .or_else(|| b.get("newshape", vm))
        .ok_or_else(|| vm.new_type_error("reshape() missing required argument 'shape'"))?;
    Ok(a.reshaped(int_list(shape, vm)?, vm)?.into_pyobject(vm))
}

fn ravel(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("ravel", args, &["a", "order"], 1, vm)?;
    b.only("order", "C", vm)?;
    let a = as_array(b.req("a", vm)?, vm)?;
    Ok(a.reshaped(vec![-1], vm)?.into_pyobject(vm))
}

fn squeeze(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("squeeze", args, &["a", "axis"], 1, vm)?;
    let a = as_array(b.req("a", vm)?, vm)?;
    Ok(squeeze_view(&a, b.axes("axis", vm)?, vm)?.into_pyobject(vm))
}

fn expand_dims(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("expand_dims", args, &["a", "axis"], 2, vm)?;
    let a = as_array(b.req("a", vm)?, vm)?;
    let axes = int_list(b.req("axis", vm)?, vm)?;
    let nd = a.shape.len() + axes.len();
    let mut new_axes = Vec::with_capacity(axes.len());
    for ax in axes {
        new_axes.push(ops::norm_axis(ax as isize, nd).py(vm)?);
    }
    let (mut shape, mut strides) = (Vec::with_capacity(nd), Vec::with_capacity(nd));
    let mut src = a.shape.iter().zip(&a.strides);
    for k in 0..nd {
        if new_axes.contains(&k) {
            shape.push(1);
            strides.push(0);
        } else if let Some((&d, &s)) = src.next() {
            shape.push(d);
            strides.push(s);
        }
    }
    Ok(a.view(a.offset, shape, strides).into_pyobject(vm))
}

fn atleast_2d(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("atleast_2d", args, &["a"], 1, vm)?;
    let mut d = dense_arg(&b, "a", vm)?;
    while d.shape.len() < 2 {
        d.shape.insert(0, 1);
    }
    Ok(from_dense(d, vm))
}

fn rot90(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("rot90", args, &["m", "k", "axes"], 1, vm)?;
    let axes = match b.get("axes", vm) {
        Some(v) => match int_list(v, vm)?.as_slice() {
            [x, y] => (*x as isize, *y as isize),
            _ => return Err(vm.new_value_error("len(axes) must be 2.")),
        },
        None => (0, 1),
    };
    let d = dense_arg(&b, "m", vm)?;
    Ok(from_dense(
        algos::rot90(&d, b.int("k", 1, vm)?, axes).py(vm)?,
        vm,
    ))
}

fn flip(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("flip", args, &["m", "axis"], 1, vm)?;
    let axes = b.axes("axis", vm)?;
    let d = dense_arg(&b, "m", vm)?;
    Ok(from_dense(algos::flip(&d, axes.as_deref()).py(vm)?, vm))
}

fn flip_axis(name: &'static str, axis: isize, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(name, args, &["m"], 1, vm)?;
    let d = dense_arg(&b, "m", vm)?;
    let need = axis as usize + 1;
    if d.ndim() < need {
        return Err(vm.new_value_error(format!("Input must be >= {need}-d.")));
    }
    Ok(from_dense(algos::flip(&d, Some(&[axis])).py(vm)?, vm))
}

fn fliplr(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    flip_axis("fliplr", 1, args, vm)
}

fn flipud(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    flip_axis("flipud", 0, args, vm)
}

/// numpy's `pad_width` forms: `n`, `(n,)`, `(before, after)`, or one pair per axis.
fn pad_pairs(obj: &PyObject, ndim: usize, vm: &VirtualMachine) -> PyResult<Vec<(i64, i64)>> {
    let nested: Option<Vec<PyObjectRef>> = if let Some(t) = obj.downcast_ref::<PyTuple>() {
        Some(t.as_slice().to_vec())
    } else {
        obj.downcast_ref::<PyList>()
            .map(|l| l.borrow_vec().to_vec())
    };
    let pairs: Vec<(i64, i64)> = match nested {
        Some(items)
            if items
                .iter()
                .any(|i| py_scalar(i, vm).ok().flatten().is_none()) =>
        {
            items
                .iter()
                .map(|i| match int_list(i, vm)?.as_slice() {
                    [x] => Ok((*x, *x)),
                    [x, y] => Ok((*x, *y)),
                    _ => Err(vm.new_value_error("pad_width pairs must have one or two values")),
                })
                .collect::<PyResult<_>>()?
        }
        _ => match int_list(obj, vm)?.as_slice() {
            [x] => vec![(*x, *x)],
            [x, y] => vec![(*x, *y)],
            _ => return Err(vm.new_value_error("operands could not be broadcast together")),
        },
    };
    let pairs = match pairs.len() {
        1 => vec![pairs[0]; ndim],
        n if n == ndim => pairs,
        _ => {
            return Err(vm.new_value_error(format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: ({},2) and requested shape ({ndim},2)",
                pairs.len()
            )))
        }
    };
    if pairs.iter().any(|&(a, b)| a < 0 || b < 0) {
        return Err(vm.new_value_error("index can't contain negative values"));
    }
    Ok(pairs)
}

fn pad(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "pad",
        args,
        &["array", "pad_width", "mode", "constant_values"],
        2,
        vm,
    )?;
    let d = dense_arg(&b, "array", vm)?;
    let pairs = pad_pairs(b.req("pad_width", vm)?, d.ndim(), vm)?;
    let mode = match b.get("mode", vm) {
        Some(m) => m
            .downcast_ref::<PyStr>()
            .map(|s| s.to_string_lossy().into_owned())
            .ok_or_else(|| vm.new_type_error("mode must be a string"))?,
        None => "constant".to_string(),
    };
    let mode = match mode.as_str() {
        "constant" => {
            let values: Vec<(Scalar, Scalar)> =
                match b.get("constant_values", vm) {
                    None => vec![(Scalar::Int(0), Scalar::Int(0)); d.ndim()],
                    Some(v) => {
                        if let Some(s) = py_scalar(v, vm)? {
                            vec![(s, s); d.ndim()]
                        } else {
                            let c = to_dense(v, vm)?;
                            let vals: Vec<Scalar> = (0..c.size())
                                .map(|i| super::array::data_get(&c.data, i))
                                .collect();
                            match (c.shape.as_slice(), vals.as_slice()) {
                                ([1] | [1, 1], [s]) => vec![(*s, *s); d.ndim()],
                                ([2] | [1, 2], [x, y]) => vec![(*x, *y); d.ndim()],
                                ([n, 2], _) if *n == d.ndim() => {
                                    vals.chunks(2).map(|p| (p[0], p[1])).collect()
                                }
                                _ => return Err(vm.new_value_error(
                                    "constant_values could not be broadcast to the array's axes",
                                )),
                            }
                        }
                    }
                };
            PadMode::Constant(values)
        }
        "edge" => PadMode::Edge,
        "wrap" => PadMode::Wrap,
        "reflect" => PadMode::Reflect,
        "symmetric" => PadMode::Symmetric,
        other => {
            return Err(
                vm.new_not_implemented_error(format!("numpy.pad: mode='{other}' is not supported"))
            )
        }
    };
    let widths: Vec<(usize, usize)> = pairs
        .iter()
        .map(|&(a, b)| (a as usize, b as usize))
        .collect();
    let out_shape: Vec<usize> = d
        .shape
        .iter()
        .zip(&widths)
        .map(|(&n, &(a, b))| n.saturating_add(a).saturating_add(b))
        .collect();
    checked_size(&out_shape).py(vm)?;
    Ok(from_dense(algos::pad(&d, &widths, &mode).py(vm)?, vm))
}

fn tile(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("tile", args, &["A", "reps"], 2, vm)?;
    let d = dense_arg(&b, "A", vm)?;
    let reps = int_list(b.req("reps", vm)?, vm)?
        .into_iter()
        .map(|r| {
            usize::try_from(r)
                .map_err(|_| vm.new_value_error("negative dimensions are not allowed"))
        })
        .collect::<PyResult<Vec<_>>>()?;
    let total = reps
        .iter()
        .fold(d.size().max(1), |acc, &r| acc.saturating_mul(r));
    checked_size(&[total]).py(vm)?;
    Ok(from_dense(algos::tile(&d, &reps).py(vm)?, vm))
}

fn kron(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("kron", args, &["a", "b"], 2, vm)?;
    let (x, y) = (dense_arg(&b, "a", vm)?, dense_arg(&b, "b", vm)?);
    checked_size(&[x.size(), y.size()]).py(vm)?;
    Ok(from_dense(algos::kron(&x, &y).py(vm)?, vm))
}

fn concatenate(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "concatenate",
        args,
        &["arrays", "axis", "out", "dtype", "casting"],
        1,
        vm,
    )?;
    let arrays = array_list(b.req("arrays", vm)?, vm)?;
    let axis = match b.raw("axis") {
        Some(v) if vm.is_none(v) => None,
        _ => Some(b.axis("axis", vm)?.unwrap_or(0)),
    };
    Ok(from_dense(algos::concatenate(&arrays, axis).py(vm)?, vm))
}

fn with_min_ndim(mut arrays: Vec<Dense>, ndim: usize, column: bool) -> Vec<Dense> {
    for d in arrays.iter_mut() {
        if column && d.ndim() == 1 {
            d.shape.push(1);
        }
        while d.ndim() < ndim {
            match (ndim, d.ndim()) {
                (3, 2) => d.shape.push(1),
                (3, 1) | (3, 0) => {
                    d.shape.insert(0, 1);
                }
                _ => d.shape.insert(0, 1),
            }
        }
    }
    arrays
}

fn stack_fn(name: &'static str, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(name, args, &["tup", "dtype", "casting"], 1, vm)?;
    let arrays = array_list(b.req("tup", vm)?, vm)?;
    let d = match name {
        "hstack" => {
            let all_1d = arrays.iter().all(|d| d.ndim() <= 1);
            let arrays = with_min_ndim(arrays, 1, false);
            algos::concatenate(&arrays, Some(if all_1d { 0 } else { 1 }))
        }
        "vstack" => algos::concatenate(&with_min_ndim(arrays, 2, false), Some(0)),
        "column_stack" => algos::concatenate(&with_min_ndim(arrays, 2, true), Some(1)),
        _ => algos::concatenate(&with_min_ndim(arrays, 3, false), Some(2)),
    };
    Ok(from_dense(d.py(vm)?, vm))
}

fn hstack(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    stack_fn("hstack", args, vm)
}

fn vstack(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    stack_fn("vstack", args, vm)
}

fn column_stack(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    stack_fn("column_stack", args, vm)
}

fn dstack(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    stack_fn("dstack", args, vm)
}

fn stack(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "stack",
        args,
        &["arrays", "axis", "out", "dtype", "casting"],
        1,
        vm,
    )?;
    let arrays = array_list(b.req("arrays", vm)?, vm)?;
    let axis = b.axis("axis", vm)?.unwrap_or(0);
    Ok(from_dense(algos::stack(&arrays, axis).py(vm)?, vm))
}

fn roll(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("roll", args, &["a", "shift", "axis"], 2, vm)?;
    let d = dense_arg(&b, "a", vm)?;
    let shifts = int_list(b.req("shift", vm)?, vm)?;
    let axes = b.axes("axis", vm)?;
    Ok(from_dense(
        algos::roll(&d, &shifts, axes.as_deref()).py(vm)?,
        vm,
    ))
}

/// `axis` where `None` means "flatten" and absence means `default`.
fn axis_or_flat(b: &Bound, default: isize, vm: &VirtualMachine) -> PyResult<Option<isize>> {
    match b.raw("axis") {
        Some(v) if vm.is_none(v) => Ok(None),
        Some(v) => Ok(Some(to_i64(v, vm)? as isize)),
        None => Ok(Some(default)),
    }
}

fn sort(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "sort",
        args,
        &["a", "axis", "kind", "order", "stable"],
        1,
        vm,
    )?;
    let d = dense_arg(&b, "a", vm)?;
    Ok(from_dense(
        algos::sort(&d, axis_or_flat(&b, -1, vm)?).py(vm)?,
        vm,
    ))
}

fn argsort(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "argsort",
        args,
        &["a", "axis", "kind", "order", "stable"],
        1,
        vm,
    )?;
    let d = dense_arg(&b, "a", vm)?;
    Ok(from_dense(
        algos::argsort(&d, axis_or_flat(&b, -1, vm)?).py(vm)?,
        vm,
    ))
}

fn diag(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("diag", args, &["v", "k"], 1, vm)?;
    let d = dense_arg(&b, "v", vm)?;
    Ok(from_dense(algos::diag(&d, b.int("k", 0, vm)?).py(vm)?, vm))
}

fn diagonal(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("diagonal", args, &["a", "offset", "axis1", "axis2"], 1, vm)?;
    let d = dense_arg(&b, "a", vm)?;
    Ok(from_dense(
        algos::diagonal(&d, b.int("offset", 0, vm)?).py(vm)?,
        vm,
    ))
}

fn tri_fn(name: &'static str, lower: bool, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(name, args, &["m", "k"], 1, vm)?;
    let d = dense_arg(&b, "m", vm)?;
    Ok(from_dense(
        algos::tri_part(&d, b.int("k", 0, vm)?, lower).py(vm)?,
        vm,
    ))
}

fn triu(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    tri_fn("triu", false, args, vm)
}

fn tril(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    tri_fn("tril", true, args, vm)
}

fn meshgrid(mut args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    // Keyword-only options come off before the positional arrays are bound.
    let indexing = args.kwargs.swap_remove("indexing");
    let b = bind_varargs("meshgrid", args, &[], vm)?;
    let xs = b
        .rest
        .iter()
        .map(|o| to_dense(o, vm))
        .collect::<PyResult<Vec<_>>>()?;
    let ij = match indexing {
        Some(v) => match v.str(vm)?.to_string_lossy().as_ref() {
            "ij" => true,
            "xy" => false,
            other => {
                return Err(vm.new_value_error(format!(
                    "Valid values for `indexing` are 'xy' and 'ij', got {other:?}."
                )))
            }
        },
        None => false,
    };
    let total = xs
        .iter()
        .fold(1usize, |acc, d| acc.saturating_mul(d.size()));
    checked_size(&[total, xs.len()]).py(vm)?;
    let out = algos::meshgrid(&xs, ij).py(vm)?;
    let items = out.into_iter().map(|d| from_dense(d, vm)).collect();
    Ok(vm.ctx.new_tuple(items).into())
}

/// Views of `a` split along `axis` at `bounds` (consecutive `(start, stop)` pairs).
fn split_views(
    a: &PyNdArray,
    axis: usize,
    bounds: &[(usize, usize)],
    vm: &VirtualMachine,
) -> PyObjectRef {
    let items = bounds
        .iter()
        .map(|&(s, e)| {
            let mut shape = a.shape.clone();
            shape[axis] = e.saturating_sub(s);
            let off = (a.offset as isize + s as isize * a.strides[axis]).max(0) as usize;
            let off = if shape[axis] == 0 { a.offset } else { off };
            a.view(off, shape, a.strides.clone()).into_pyobject(vm)
        })
        .collect();
    vm.ctx.new_list(items).into()
}

fn split_impl(
    name: &'static str,
    equal: bool,
    default_axis: isize,
    args: FuncArgs,
    vm: &VirtualMachine,
) -> PyResult {
    let b = bind(name, args, &["ary", "indices_or_sections", "axis"], 2, vm)?;
    let a = as_array(b.req("ary", vm)?, vm)?;
    let mut axis_arg = b.axis("axis", vm)?.unwrap_or(default_axis);
    if name == "hsplit" && a.shape.len() == 1 {
        axis_arg = 0;
    }
    let axis = ops::norm_axis(axis_arg, a.shape.len()).py(vm)?;
    let n = a.shape[axis];
    let spec = b.req("indices_or_sections", vm)?;
    let bounds: Vec<(usize, usize)> = if let Some(Scalar::Int(k)) = py_scalar(spec, vm)? {
        if k <= 0 {
            return Err(vm.new_value_error("number sections must be larger than 0."));
        }
        let k = k as usize;
        if equal && n % k != 0 {
            return Err(vm.new_value_error("array split does not result in an equal division"));
        }
        let (q, r) = (n / k, n % k);
        let mut start = 0;
        (0..k)
            .map(|i| {
                let len = q + usize::from(i < r);
                let p = (start, start + len);
                start += len;
                p
            })
            .collect()
    } else {
        let cuts = int_list(spec, vm)?;
        let clampi = |x: i64| -> usize {
            let x = if x < 0 { x + n as i64 } else { x };
            x.clamp(0, n as i64) as usize
        };
        let mut prev = 0usize;
        let mut out = Vec::with_capacity(cuts.len() + 1);
        for c in cuts {
            let c = clampi(c);
            out.push((prev, c.max(prev)));
            prev = c;
        }
        out.push((prev, n.max(prev)));
        out
    };
    Ok(split_views(&a, axis, &bounds, vm))
}

fn split(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    split_impl("split", true, 0, args, vm)
}

fn array_split(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    split_impl("array_split", false, 0, args, vm)
}

fn hsplit(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    split_impl("hsplit", true, 1, args, vm)
}

fn vsplit(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    split_impl("vsplit", true, 0, args, vm)
}

fn swapaxes(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("swapaxes", args, &["a", "axis1", "axis2"], 3, vm)?;
    let a = as_array(b.req("a", vm)?, vm)?;
    let nd = a.shape.len();
    let i = ops::norm_axis(b.int("axis1", 0, vm)? as isize, nd).py(vm)?;
    let j = ops::norm_axis(b.int("axis2", 0, vm)? as isize, nd).py(vm)?;
    let mut perm: Vec<i64> = (0..nd as i64).collect();
    perm.swap(i, j);
    Ok(a.transposed(Some(perm), vm)?.into_pyobject(vm))
}

/// `np.atleast_1d`.
fn atleast_1d(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("atleast_1d", args, &["a"], 1, vm)?;
    let mut d = dense_arg(&b, "a", vm)?;
    if d.shape.is_empty() {
        d.shape.push(1);
    }
    Ok(from_dense(d, vm))
}

/// The functions this file provides, by numpy name.
pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("transpose", transpose),
    ("reshape", reshape),
    ("ravel", ravel),
    ("squeeze", squeeze),
    ("expand_dims", expand_dims),
    ("atleast_1d", atleast_1d),
    ("atleast_2d", atleast_2d),
    ("rot90", rot90),
    ("flip", flip),
    ("fliplr", fliplr),
    ("flipud", flipud),
    ("pad", pad),
    ("tile", tile),
    ("kron", kron),
    ("concatenate", concatenate),
    ("hstack", hstack),
    ("vstack", vstack),
    ("column_stack", column_stack),
    ("dstack", dstack),
    ("stack", stack),
    ("roll", roll),
    ("sort", sort),
    ("argsort", argsort),
    ("diag", diag),
    ("diagonal", diagonal),
    ("triu", triu),
    ("tril", tril),
    ("meshgrid", meshgrid),
    ("split", split),
    ("array_split", array_split),
    ("hsplit", hsplit),
    ("vsplit", vsplit),
    ("swapaxes", swapaxes),
];
