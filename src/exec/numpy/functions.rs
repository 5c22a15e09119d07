//! Module-level numpy functions: construction, elementwise ufuncs, reductions and comparisons.
//! Shape manipulation lives in `shaping.rs`.

use super::algos;
use super::args::{bind, bind_varargs, int_list, to_i64, to_shape, Bound};
use super::array::{
    charge, from_dense, from_dense_or_scalar, opt_dtype, py_scalar, scalar_data, scalar_dtype,
    to_dense, to_operand, NpResultExt, Operand, PyNdArray,
};
use super::dense::{checked_size, DType, Data, Dense, Scalar};
use super::ops::{self, broadcast_index, broadcast_shapes};
use rustpython_vm::function::FuncArgs;
use rustpython_vm::{PyObjectRef, PyPayload, PyResult, VirtualMachine};

/// A native module function.
pub type NativeFn = fn(FuncArgs, &VirtualMachine) -> PyResult;

/// Converts `x` to an array-like operand (weak when it is a Python scalar).
fn operand(obj: &PyObjectRef, vm: &VirtualMachine) -> PyResult<Operand> {
    to_operand(obj, vm)
}

fn dense_arg(b: &Bound, name: &str, vm: &VirtualMachine) -> PyResult<Dense> {
    to_dense(b.req(name, vm)?, vm)
}

fn filled(shape: Vec<usize>, value: Scalar, dtype: DType) -> Dense {
    let n: usize = shape.iter().product();
    charge(n);
    let data = match scalar_data(value, dtype) {
        Data::Bool(v) => Data::Bool(vec![v.first().copied().unwrap_or(false); n]),
        Data::Int(v) => Data::Int(vec![v.first().copied().unwrap_or(0); n]),
        Data::Float(v) => Data::Float(vec![v.first().copied().unwrap_or(0.0); n]),
    };
    Dense { dtype, shape, data }
}

/// Checks `order=`: memory order does not change values, so any valid order is accepted.
fn no_order(b: &Bound, vm: &VirtualMachine) -> PyResult<()> {
    if let Some(v) = b.get("order", vm) {
        let text = v.str(vm)?.to_string_lossy().into_owned();
        if !matches!(text.as_str(), "C" | "F" | "A" | "K") {
            return Err(vm.new_value_error(format!(
                "order must be one of 'C', 'F', 'A', or 'K' (got '{text}')"
            )));
        }
    }
    Ok(())
}

fn array(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "array",
        args,
        &["object", "dtype", "copy", "order", "subok", "ndmin", "like"],
        1,
        vm,
    )?;
    no_order(&b, vm)?;
    let dtype = opt_dtype(b.get("dtype", vm), vm)?;
    let mut d = super::coerce::to_dense_as(b.req("object", vm)?, dtype, vm)?;
    let ndmin = b.int("ndmin", 0, vm)?.max(0) as usize;
    while d.shape.len() < ndmin {
        d.shape.insert(0, 1);
    }
    Ok(from_dense(d, vm))
}

fn asarray(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "asarray",
        args,
        &["a", "dtype", "order", "copy", "like"],
        1,
        vm,
    )?;
    no_order(&b, vm)?;
    let a = b.req("a", vm)?;
    let dtype = opt_dtype(b.get("dtype", vm), vm)?;
    if let Some(arr) = a.downcast_ref::<PyNdArray>() {
        if dtype.is_none() || dtype == Some(arr.dtype) {
            return Ok(a.clone());
        }
    }
    Ok(from_dense(super::coerce::to_dense_as(a, dtype, vm)?, vm))
}

fn fill_fn(name: &'static str, value: i64, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(name, args, &["shape", "dtype", "order", "like"], 1, vm)?;
    no_order(&b, vm)?;
    let shape = to_shape(b.req("shape", vm)?, vm)?;
    let dtype = opt_dtype(b.get("dtype", vm), vm)?.unwrap_or(DType::Float64);
    Ok(from_dense(filled(shape, Scalar::Int(value), dtype), vm))
}

fn zeros(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    fill_fn("zeros", 0, args, vm)
}

fn ones(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    fill_fn("ones", 1, args, vm)
}

fn empty(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    fill_fn("empty", 0, args, vm)
}

/// An array of `shape` filled from `fill` (a scalar or anything broadcastable).
fn full_of(
    shape: Vec<usize>,
    fill: &PyObjectRef,
    dtype: Option<DType>,
    vm: &VirtualMachine,
) -> PyResult {
    if let Some(s) = py_scalar(fill, vm)? {
        let dtype = dtype.unwrap_or(scalar_dtype(s));
        super::coerce::check_py_value(fill, dtype, vm)?;
        return Ok(from_dense(filled(shape, s, dtype), vm));
    }
    let src = to_dense(fill, vm)?;
    let dtype = dtype.unwrap_or(src.dtype);
    let out = PyNdArray::from_dense_value(filled(shape, Scalar::Int(0), dtype));
    out.assign_dense(&src).py(vm)?;
    Ok(out.into_pyobject(vm))
}

fn full(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "full",
        args,
        &["shape", "fill_value", "dtype", "order", "like"],
        2,
        vm,
    )?;
    no_order(&b, vm)?;
    let shape = to_shape(b.req("shape", vm)?, vm)?;
    full_of(
        shape,
        b.req("fill_value", vm)?,
        opt_dtype(b.get("dtype", vm), vm)?,
        vm,
    )
}

fn like_fn(
    name: &'static str,
    value: Option<i64>,
    args: FuncArgs,
    vm: &VirtualMachine,
) -> PyResult {
    let names: &'static [&'static str] = if value.is_some() {
        &["a", "dtype", "order", "subok", "shape"]
    } else {
        &["a", "fill_value", "dtype", "order", "subok", "shape"]
    };
    let b = bind(name, args, names, if value.is_some() { 1 } else { 2 }, vm)?;
    no_order(&b, vm)?;
    let a = to_dense(b.req("a", vm)?, vm)?;
    let dtype = opt_dtype(b.get("dtype", vm), vm)?.unwrap_or(a.dtype);
    let shape = match b.get("shape", vm) {
        Some(s) => to_shape(s, vm)?,
        None => a.shape,
    };
    match value {
        Some(v) => Ok(from_dense(filled(shape, Scalar::Int(v), dtype), vm)),
        None => full_of(shape, b.req("fill_value", vm)?, Some(dtype), vm),
    }
}

fn zeros_like(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    like_fn("zeros_like", Some(0), args, vm)
}

fn ones_like(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    like_fn("ones_like", Some(1), args, vm)
}

fn empty_like(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    like_fn("empty_like", Some(0), args, vm)
}

fn full_like(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    like_fn("full_like", None, args, vm)
}

fn arange(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "arange",
        args,
        &["start", "stop", "step", "dtype", "like"],
        1,
        vm,
    )?;
    let num = |name: &str| -> PyResult<Option<Scalar>> {
        match b.get(name, vm) {
            None => Ok(None),
            Some(v) => match py_scalar(v, vm)? {
                Some(s) => Ok(Some(s)),
                None => Ok(Some(Scalar::Int(to_i64(v, vm)?))),
            },
        }
    };
    let (start, stop) = match (num("start")?, num("stop")?) {
        (Some(s), None) => (Scalar::Int(0), s),
        (Some(a), Some(z)) => (a, z),
        (None, Some(z)) => (Scalar::Int(0), z),
        (None, None) => return Err(vm.new_type_error("arange() requires stop to be specified.")),
    };
    let step = num("step")?.unwrap_or(Scalar::Int(1));
    let dtype = opt_dtype(b.get("dtype", vm), vm)?;
    let is_float = [start, stop, step]
        .iter()
        .any(|s| matches!(s, Scalar::Float(_)));
    let f = |s: Scalar| match s {
        Scalar::Float(x) => x,
        Scalar::Int(i) => i as f64,
        Scalar::Bool(b) => b as u8 as f64,
    };
    if f(step) == 0.0 {
        return Err(vm.new_zero_division_error("division by zero"));
    }
    let len = ((f(stop) - f(start)) / f(step)).ceil().max(0.0);
    let len = checked_size(&[len.min(usize::MAX as f64) as usize]).py(vm)?;
    charge(len);
    let d = if is_float {
        let (a, s) = (f(start), f(step));
        Dense::floats(vec![len], (0..len).map(|i| a + i as f64 * s).collect()).py(vm)?
    } else {
        let i = |s: Scalar| match s {
            Scalar::Int(i) => i,
            Scalar::Bool(b) => b as i64,
            Scalar::Float(x) => x as i64,
        };
        let (a, s) = (i(start), i(step));
        Dense::ints(
            vec![len],
            (0..len as i64)
                .map(|k| a.wrapping_add(k.wrapping_mul(s)))
                .collect(),
        )
        .py(vm)?
    };
    Ok(from_dense(dtype.map_or(d.clone(), |t| d.astype(t)), vm))
}

fn eye(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "eye",
        args,
        &["N", "M", "k", "dtype", "order", "like"],
        1,
        vm,
    )?;
    let n = to_shape(b.req("N", vm)?, vm)?.first().copied().unwrap_or(0);
    let m = match b.get("M", vm) {
        Some(v) => to_shape(v, vm)?.first().copied().unwrap_or(0),
        None => n,
    };
    let dtype = opt_dtype(b.get("dtype", vm), vm)?.unwrap_or(DType::Float64);
    checked_size(&[n, m]).py(vm)?;
    Ok(from_dense(
        algos::eye(n, m, b.int("k", 0, vm)?, dtype).py(vm)?,
        vm,
    ))
}

fn identity(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("identity", args, &["n", "dtype", "like"], 1, vm)?;
    let n = to_shape(b.req("n", vm)?, vm)?.first().copied().unwrap_or(0);
    let dtype = opt_dtype(b.get("dtype", vm), vm)?.unwrap_or(DType::Float64);
    checked_size(&[n, n]).py(vm)?;
    Ok(from_dense(algos::eye(n, n, 0, dtype).py(vm)?, vm))
}

fn indices(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("indices", args, &["dimensions", "dtype", "sparse"], 1, vm)?;
    let shape = to_shape(b.req("dimensions", vm)?, vm)?;
    let mut full = vec![shape.len()];
    full.extend_from_slice(&shape);
    checked_size(&full).py(vm)?;
    let d = algos::indices(&shape).py(vm)?;
    let d = match opt_dtype(b.get("dtype", vm), vm)? {
        Some(t) if t != d.dtype => d.astype(t),
        _ => d,
    };
    Ok(from_dense(d, vm))
}

/// `np.where(cond, x, y)`, or `np.nonzero(cond)` with one argument.
fn where_(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("where", args, &["condition", "x", "y"], 1, vm)?;
    let cond = dense_arg(&b, "condition", vm)?;
    let (x, y) = match (b.raw("x"), b.raw("y")) {
        (None, None) => return nonzero_tuple(&cond, vm),
        (Some(x), Some(y)) => (operand(x, vm)?, operand(y, vm)?),
        _ => return Err(vm.new_value_error("either both or neither of x and y should be given")),
    };
    let dtype = ops::operand_dtype(&x, &y);
    let shape = broadcast_shapes(&cond.shape, &x.dense.shape)
        .and_then(|s| broadcast_shapes(&s, &y.dense.shape))
        .py(vm)?;
    let n = checked_size(&shape).py(vm)?;
    charge(n);
    let (ic, ix, iy) = (
        broadcast_index(&cond.shape, &shape),
        broadcast_index(&x.dense.shape, &shape),
        broadcast_index(&y.dense.shape, &shape),
    );
    let c = ops::bools_of(&cond.data);
    let (xd, yd) = (x.dense.astype(dtype).data, y.dense.astype(dtype).data);
    fn select<T: Copy>(
        c: &[bool],
        ic: &[usize],
        p: &[T],
        ix: &[usize],
        q: &[T],
        iy: &[usize],
    ) -> Vec<T> {
        (0..ic.len())
            .map(|k| if c[ic[k]] { p[ix[k]] } else { q[iy[k]] })
            .collect()
    }
    let data = match (&xd, &yd) {
        (Data::Bool(p), Data::Bool(q)) => Data::Bool(select(&c, &ic, p, &ix, q, &iy)),
        (Data::Int(p), Data::Int(q)) => Data::Int(select(&c, &ic, p, &ix, q, &iy)),
        (Data::Float(p), Data::Float(q)) => Data::Float(select(&c, &ic, p, &ix, q, &iy)),
        _ => return Err(vm.new_type_error("where: mismatched operand storage")),
    };
    Ok(from_dense_or_scalar(Dense { dtype, shape, data }, vm))
}

fn nonzero_tuple(d: &Dense, vm: &VirtualMachine) -> PyResult {
    let parts = algos::nonzero(d).py(vm)?;
    let items = parts.into_iter().map(|p| from_dense(p, vm)).collect();
    Ok(vm.ctx.new_tuple(items).into())
}

fn nonzero(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("nonzero", args, &["a"], 1, vm)?;
    nonzero_tuple(&dense_arg(&b, "a", vm)?, vm)
}

fn argwhere(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("argwhere", args, &["a"], 1, vm)?;
    Ok(from_dense(
        algos::argwhere(&dense_arg(&b, "a", vm)?).py(vm)?,
        vm,
    ))
}

fn count_nonzero(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("count_nonzero", args, &["a", "axis", "keepdims"], 1, vm)?;
    let d = algos::count_nonzero(&dense_arg(&b, "a", vm)?, b.axis("axis", vm)?).py(vm)?;
    Ok(from_dense_or_scalar(d, vm))
}

fn isin(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "isin",
        args,
        &[
            "element",
            "test_elements",
            "assume_unique",
            "invert",
            "kind",
        ],
        2,
        vm,
    )?;
    let d = algos::isin(
        &dense_arg(&b, "element", vm)?,
        &dense_arg(&b, "test_elements", vm)?,
        b.flag("invert", false, vm)?,
    )
    .py(vm)?;
    Ok(from_dense_or_scalar(d, vm))
}

fn unique(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "unique",
        args,
        &[
            "ar",
            "return_index",
            "return_inverse",
            "return_counts",
            "axis",
            "equal_nan",
            "sorted",
        ],
        1,
        vm,
    )?;
    let d = dense_arg(&b, "ar", vm)?;
    let axis = b.axis("axis", vm)?;
    let u = algos::unique(&d, axis).py(vm)?;
    let flags = [
        b.flag("return_index", false, vm)?,
        b.flag("return_inverse", false, vm)?,
        b.flag("return_counts", false, vm)?,
    ];
    let values = from_dense(u.values, vm);
    if !flags.iter().any(|&f| f) {
        return Ok(values);
    }
    let ints = |v: Vec<i64>, shape: Vec<usize>| -> PyResult<PyObjectRef> {
        Ok(from_dense(Dense::ints(shape, v).py(vm)?, vm))
    };
    let mut out = vec![values];
    if flags[0] {
        let n = u.index.len();
        out.push(ints(u.index, vec![n])?);
    }
    if flags[1] {
        let n = u.inverse.len();
        // numpy 2 shapes the inverse like the input when flattening.
        let shape = if axis.is_none() && d.shape.iter().product::<usize>() == n {
            d.shape.clone()
        } else {
            vec![n]
        };
        out.push(ints(u.inverse, shape)?);
    }
    if flags[2] {
        let n = u.counts.len();
        out.push(ints(u.counts, vec![n])?);
    }
    Ok(vm.ctx.new_tuple(out).into())
}

fn bincount(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("bincount", args, &["x", "weights", "minlength"], 1, vm)?;
    let w = match b.get("weights", vm) {
        Some(w) => Some(to_dense(w, vm)?),
        None => None,
    };
    let minlength = usize::try_from(b.int("minlength", 0, vm)?)
        .map_err(|_| vm.new_value_error("'minlength' must not be negative"))?;
    let mut x = dense_arg(&b, "x", vm)?;
    if x.size() == 0 && x.dtype == DType::Float64 {
        // numpy accepts an empty list (inferred float64) as no values.
        x = x.astype(DType::Int64);
    }
    let d = algos::bincount(&x, w.as_ref(), minlength).py(vm)?;
    Ok(from_dense(d, vm))
}

fn cumsum(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("cumsum", args, &["a", "axis", "dtype", "out"], 1, vm)?;
    Ok(from_dense(
        algos::cumsum(&dense_arg(&b, "a", vm)?, b.axis("axis", vm)?).py(vm)?,
        vm,
    ))
}

fn diff(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "diff",
        args,
        &["a", "n", "axis", "prepend", "append"],
        1,
        vm,
    )?;
    let mut d = dense_arg(&b, "a", vm)?;
    let axis = b.axis("axis", vm)?.unwrap_or(-1);
    for _ in 0..b.int("n", 1, vm)?.max(0) {
        d = algos::diff(&d, axis).py(vm)?;
    }
    Ok(from_dense(d, vm))
}

fn dot(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("dot", args, &["a", "b", "out"], 2, vm)?;
    let d = algos::dot(&dense_arg(&b, "a", vm)?, &dense_arg(&b, "b", vm)?).py(vm)?;
    Ok(from_dense_or_scalar(d, vm))
}

fn copy(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("copy", args, &["a", "order", "subok"], 1, vm)?;
    no_order(&b, vm)?;
    Ok(from_dense(dense_arg(&b, "a", vm)?, vm))
}

fn shape(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("shape", args, &["a"], 1, vm)?;
    let d = dense_arg(&b, "a", vm)?;
    let items = d.shape.iter().map(|&n| vm.ctx.new_int(n).into()).collect();
    Ok(vm.ctx.new_tuple(items).into())
}

fn size(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("size", args, &["a", "axis"], 1, vm)?;
    let d = dense_arg(&b, "a", vm)?;
    Ok(match b.axis("axis", vm)? {
        None => vm.ctx.new_int(d.size()).into(),
        Some(ax) => vm
            .ctx
            .new_int(d.shape[ops::norm_axis(ax, d.ndim()).py(vm)?])
            .into(),
    })
}

fn ndim(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("ndim", args, &["a"], 1, vm)?;
    Ok(vm.ctx.new_int(dense_arg(&b, "a", vm)?.ndim()).into())
}

/// Iterator over `(index_tuple, value)` pairs.
fn ndenumerate(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("ndenumerate", args, &["arr"], 1, vm)?;
    let d = dense_arg(&b, "arr", vm)?;
    let idx = index_tuples(&d.shape, vm);
    let items: Vec<PyObjectRef> = idx
        .into_iter()
        .enumerate()
        .map(|(k, t)| {
            let v = super::scalars::scalar_to_py(super::array::data_get(&d.data, k), d.dtype, vm);
            vm.ctx.new_tuple(vec![t, v]).into()
        })
        .collect();
    let list: PyObjectRef = vm.ctx.new_list(items).into();
    list.get_iter(vm).map(Into::into)
}

/// Every index tuple of `shape`, row-major.
fn index_tuples(shape: &[usize], vm: &VirtualMachine) -> Vec<PyObjectRef> {
    let n: usize = shape.iter().product();
    charge(n);
    let mut out = Vec::with_capacity(n);
    let mut idx = vec![0usize; shape.len()];
    for _ in 0..n {
        out.push(
            vm.ctx
                .new_tuple(idx.iter().map(|&i| vm.ctx.new_int(i).into()).collect())
                .into(),
        );
        for d in (0..shape.len()).rev() {
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    out
}

fn ndindex(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind_varargs("ndindex", args, &[], vm)?;
    let dims = super::methods::dims_from_args(&b.rest, vm)?;
    let shape: Vec<usize> = dims.iter().map(|&d| d.max(0) as usize).collect();
    checked_size(&shape).py(vm)?;
    let list: PyObjectRef = vm.ctx.new_list(index_tuples(&shape, vm)).into();
    list.get_iter(vm).map(Into::into)
}

/// `repeat` arguments (`repeats` int or sequence, `axis`) applied to `d`.
pub(super) fn repeat_impl(d: Dense, b: &Bound, vm: &VirtualMachine) -> PyResult {
    let reps = int_list(b.req("repeats", vm)?, vm)?
        .into_iter()
        .map(|r| {
            usize::try_from(r)
                .map_err(|_| vm.new_value_error("repeats may not contain negative values."))
        })
        .collect::<PyResult<Vec<_>>>()?;
    let total = reps
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .saturating_mul(d.size().max(1));
    checked_size(&[total]).py(vm)?;
    Ok(from_dense(
        algos::repeat(&d, &reps, b.axis("axis", vm)?).py(vm)?,
        vm,
    ))
}

fn repeat(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("repeat", args, &["a", "repeats", "axis"], 2, vm)?;
    repeat_impl(dense_arg(&b, "a", vm)?, &b, vm)
}

/// The functions this file provides, by numpy name.
pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("array", array),
    ("asarray", asarray),
    ("asanyarray", asarray),
    ("zeros", zeros),
    ("ones", ones),
    ("empty", empty),
    ("full", full),
    ("zeros_like", zeros_like),
    ("ones_like", ones_like),
    ("empty_like", empty_like),
    ("full_like", full_like),
    ("arange", arange),
    ("eye", eye),
    ("identity", identity),
    ("indices", indices),
    ("where", where_),
    ("nonzero", nonzero),
    ("argwhere", argwhere),
    ("count_nonzero", count_nonzero),
    ("isin", isin),
    ("unique", unique),
    ("bincount", bincount),
    ("cumsum", cumsum),
    ("diff", diff),
    ("dot", dot),
    ("matmul", dot),
    ("copy", copy),
    ("shape", shape),
    ("size", size),
    ("ndim", ndim),
    ("ndenumerate", ndenumerate),
    ("ndindex", ndindex),
    ("repeat", repeat),
];
