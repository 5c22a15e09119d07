//! Less common numpy module functions: searching (`searchsorted`, `flatnonzero`), statistics
//! (`ptp`, `median`, `percentile`, `quantile`, `histogram`, `nanmax`, `nanmin`), index helpers
//! (`ix_`, `unravel_index`, `ravel_multi_index`, `lexsort`), and `linspace`, `cumprod`, `rint`,
//! `outer`, `moveaxis`, `nditer`, `issubdtype`. Editing functions (`append`, `delete`,
//! `insert`, set operations, `block`, `trim_zeros`) live in `extra_edit.rs`.

use super::algos;
use super::args::{bind, bind_varargs, int_list, to_i64, Bound};
use super::array::{
    charge, from_dense, from_dense_or_scalar, parse_dtype, py_scalar, to_dense, NpResultExt,
    Operand, PyDType, PyNdArray,
};
use super::dense::{checked_size, DType, Data, Dense};
use super::extra_algos as xa;
use super::functions::NativeFn;
use super::ops::{self, floats_of, ints_of, norm_axis, BinOp, Reduce};
use rustpython_vm::builtins::{PyStr, PyType};
use rustpython_vm::function::FuncArgs;
use rustpython_vm::{AsObject, PyObject, PyObjectRef, PyPayload, PyResult, VirtualMachine};

pub(super) fn dense_arg(b: &Bound, name: &str, vm: &VirtualMachine) -> PyResult<Dense> {
    to_dense(b.req(name, vm)?, vm)
}

/// An `ndarray` for `obj`: the array itself (sharing memory) or a new one.
pub(super) fn as_array(obj: &PyObject, vm: &VirtualMachine) -> PyResult<PyNdArray> {
    if let Some(a) = obj.downcast_ref::<PyNdArray>() {
        return Ok(a.view(a.offset, a.shape.clone(), a.strides.clone()));
    }
    Ok(PyNdArray::from_dense_value(to_dense(obj, vm)?))
}

fn strong(dense: Dense) -> Operand {
    Operand { dense, weak: false }
}

/// `np.ix_(*args)`: open-mesh index arrays; bool masks become their nonzero positions.
fn ix_(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind_varargs("ix_", args, &[], vm)?;
    let n = b.rest.len();
    let mut out = Vec::with_capacity(n);
    for (k, obj) in b.rest.iter().enumerate() {
        let mut d = to_dense(obj, vm)?;
        if d.ndim() != 1 {
            return Err(vm.new_value_error("Cross index must be 1 dimensional"));
        }
        if d.dtype == DType::Bool {
            d = algos::nonzero(&d)
                .py(vm)?
                .into_iter()
                .next()
                .unwrap_or(Dense::ints(vec![0], vec![]).py(vm)?);
        } else if d.size() == 0 {
            d = d.astype(DType::Int64);
        } else if d.dtype == DType::Float64 {
            return Err(
                vm.new_index_error("arrays used as indices must be of integer (or boolean) type")
            );
        }
        let mut shape = vec![1usize; n];
        shape[k] = d.size();
        d.shape = shape;
        out.push(from_dense(d, vm));
    }
    Ok(vm.ctx.new_tuple(out).into())
}

fn searchsorted(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("searchsorted", args, &["a", "v", "side", "sorter"], 2, vm)?;
    let right = match b.get("side", vm) {
        None => false,
        Some(s) => match s.str(vm)?.to_string_lossy().as_ref() {
            "left" | "l" | "L" => false,
            "right" | "r" | "R" => true,
            other => {
                return Err(vm.new_value_error(format!(
                    "search side must be 'left' or 'right' (got '{other}')"
                )))
            }
        },
    };
    let mut a = dense_arg(&b, "a", vm)?;
    if let Some(s) = b.get("sorter", vm) {
        let idx: Vec<usize> = ints_of(&to_dense(s, vm)?.data)
            .iter()
            .map(|&i| usize::try_from(i).unwrap_or(usize::MAX))
            .collect();
        if idx.iter().any(|&i| i >= a.size()) {
            return Err(vm.new_value_error("Sorter index out of range."));
        }
        a = Dense {
            dtype: a.dtype,
            shape: vec![idx.len()],
            data: xa::take(&a.data, &idx),
        };
    }
    let v = dense_arg(&b, "v", vm)?;
    charge(v.size() + a.size());
    Ok(from_dense_or_scalar(
        xa::searchsorted(&a, &v, right).py(vm)?,
        vm,
    ))
}

fn ptp(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("ptp", args, &["a", "axis", "out", "keepdims"], 1, vm)?;
    let d = dense_arg(&b, "a", vm)?;
    let axes = b.axes("axis", vm)?;
    let keep = b.flag("keepdims", false, vm)?;
    let hi = ops::reduce(&d, Reduce::Max, axes.as_deref(), keep).py(vm)?;
    let lo = ops::reduce(&d, Reduce::Min, axes.as_deref(), keep).py(vm)?;
    let r = ops::binary(BinOp::Sub, &strong(hi), &strong(lo)).py(vm)?;
    Ok(from_dense_or_scalar(r, vm))
}

fn median(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "median",
        args,
        &["a", "axis", "out", "overwrite_input", "keepdims"],
        1,
        vm,
    )?;
    let d = dense_arg(&b, "a", vm)?;
    charge(d.size());
    Ok(from_dense_or_scalar(
        xa::median(&d, b.axis("axis", vm)?).py(vm)?,
        vm,
    ))
}

fn quantile_fn(name: &'static str, scale: f64, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        name,
        args,
        &[
            "a",
            "q",
            "axis",
            "out",
            "overwrite_input",
            "method",
            "keepdims",
        ],
        2,
        vm,
    )?;
    b.only("method", "linear", vm)?;
    let d = dense_arg(&b, "a", vm)?;
    let q = dense_arg(&b, "q", vm)?;
    let qs: Vec<f64> = floats_of(&q.data).iter().map(|&x| x / scale).collect();
    if qs.iter().any(|x| !(0.0..=1.0).contains(x)) {
        return Err(vm.new_value_error(if scale == 100.0 {
            "Percentiles must be in the range [0, 100]"
        } else {
            "Quantiles must be in the range [0, 1]"
        }));
    }
    charge(d.size().saturating_mul(qs.len().max(1)));
    let r = xa::quantile(&d, &qs, &q.shape, b.axis("axis", vm)?).py(vm)?;
    Ok(from_dense_or_scalar(r, vm))
}

fn percentile(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    quantile_fn("percentile", 100.0, args, vm)
}

fn quantile(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    quantile_fn("quantile", 1.0, args, vm)
}

fn lexsort(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("lexsort", args, &["keys", "axis"], 1, vm)?;
    let keys = dense_arg(&b, "keys", vm)?;
    let rows: Vec<Dense> = match keys.ndim() {
        0 => return Err(vm.new_type_error("need sequence of keys with len > 0 in lexsort")),
        1 => vec![keys],
        2 => {
            let (k, n) = (keys.shape[0], keys.shape[1]);
            (0..k)
                .map(|r| Dense {
                    dtype: keys.dtype,
                    shape: vec![n],
                    data: xa::take(&keys.data, &(r * n..(r + 1) * n).collect::<Vec<_>>()),
                })
                .collect()
        }
        _ => {
            return Err(vm.new_not_implemented_error(
                "numpy.lexsort: keys with more than 2 dimensions are not supported",
            ))
        }
    };
    charge(rows.iter().map(|r| r.size()).sum());
    Ok(from_dense(xa::lexsort(&rows).py(vm)?, vm))
}

fn unravel_index(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("unravel_index", args, &["indices", "shape", "order"], 2, vm)?;
    b.only("order", "C", vm)?;
    let idx = dense_arg(&b, "indices", vm)?;
    if idx.dtype == DType::Float64 {
        return Err(vm.new_type_error("only int indices permitted"));
    }
    let shape = super::args::to_shape(b.req("shape", vm)?, vm)?;
    let size: usize = shape.iter().product();
    charge(idx.size() * shape.len().max(1));
    let mut cols: Vec<Vec<i64>> = vec![Vec::with_capacity(idx.size()); shape.len()];
    for &i in ints_of(&idx.data).iter() {
        let Some(mut rem) = usize::try_from(i).ok().filter(|&u| u < size) else {
            return Err(vm.new_value_error(format!(
                "index {i} is out of bounds for array with size {size}"
            )));
        };
        for (d, col) in shape.iter().zip(cols.iter_mut()).rev() {
            col.push((rem % d) as i64);
            rem /= d;
        }
    }
    let items = cols
        .into_iter()
        .map(|c| {
            Ok(from_dense_or_scalar(
                Dense::ints(idx.shape.clone(), c).py(vm)?,
                vm,
            ))
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(vm.ctx.new_tuple(items).into())
}

fn ravel_multi_index(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "ravel_multi_index",
        args,
        &["multi_index", "dims", "mode", "order"],
        2,
        vm,
    )?;
    b.only("mode", "raise", vm)?;
    b.only("order", "C", vm)?;
    let dims = super::args::to_shape(b.req("dims", vm)?, vm)?;
    let coords: Vec<PyObjectRef> = b.req("multi_index", vm)?.try_to_value(vm)?;
    if coords.len() != dims.len() {
        return Err(vm.new_value_error(format!(
            "parameter multi_index must be a sequence of length {}",
            dims.len()
        )));
    }
    let arrays = coords
        .iter()
        .map(|c| to_dense(c, vm))
        .collect::<PyResult<Vec<_>>>()?;
    let mut shape: Vec<usize> = vec![];
    for a in &arrays {
        shape = ops::broadcast_shapes(&shape, &a.shape).py(vm)?;
    }
    let n = checked_size(&shape).py(vm)?;
    charge(n * dims.len().max(1));
    let mut out = vec![0i64; n];
    for (a, &d) in arrays.iter().zip(&dims) {
        let vals = ints_of(&a.data);
        let map = ops::broadcast_index(&a.shape, &shape);
        for (o, &m) in out.iter_mut().zip(&map) {
            let v = vals.get(m).copied().unwrap_or(-1);
            if v < 0 || v as usize >= d {
                return Err(vm.new_value_error("invalid entry in coordinates array"));
            }
            *o = *o * d as i64 + v;
        }
    }
    Ok(from_dense_or_scalar(Dense::ints(shape, out).py(vm)?, vm))
}

fn flatnonzero(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("flatnonzero", args, &["a"], 1, vm)?;
    let d = xa::ravel(&dense_arg(&b, "a", vm)?);
    let parts = algos::nonzero(&d).py(vm)?;
    let first = parts
        .into_iter()
        .next()
        .map_or_else(|| Dense::ints(vec![0], vec![]), Ok)
        .py(vm)?;
    Ok(from_dense(first, vm))
}

fn histogram(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "histogram",
        args,
        &["a", "bins", "range", "density", "weights"],
        1,
        vm,
    )?;
    if b.get("weights", vm).is_some() || b.flag("density", false, vm)? {
        return Err(vm.new_not_implemented_error(
            "numpy.histogram: density= and weights= are not supported",
        ));
    }
    let a = dense_arg(&b, "a", vm)?;
    let vals = floats_of(&a.data).into_owned();
    charge(vals.len());
    let bins = b.get("bins", vm);
    let edges_dense = match bins.map(|o| (o, py_scalar(o, vm))) {
        Some((o, Ok(None))) if o.downcast_ref::<PyStr>().is_none() => {
            let e = to_dense(o, vm)?;
            if e.ndim() != 1 {
                return Err(vm.new_value_error("`bins` must be 1d, when an array"));
            }
            let f = floats_of(&e.data);
            if f.windows(2).any(|w| w[1] < w[0]) {
                return Err(vm.new_value_error("`bins` must increase monotonically, when an array"));
            }
            e
        }
        Some((o, _)) if o.downcast_ref::<PyStr>().is_some() => {
            return Err(vm.new_not_implemented_error(
                "numpy.histogram: string bin estimators are not supported",
            ))
        }
        other => {
            let n = match other {
                Some((o, _)) => to_i64(o, vm)?,
                None => 10,
            };
            if n < 1 {
                return Err(vm.new_value_error("`bins` must be positive, when an integer"));
            }
            let n = checked_size(&[(n as usize).saturating_add(1)]).py(vm)? - 1;
            let (mut lo, mut hi) = match b.get("range", vm) {
                Some(r) => {
                    let r = to_dense(r, vm)?;
                    let f = floats_of(&r.data);
                    match f.as_ref() {
                        [lo, hi] => (*lo, *hi),
                        _ => {
                            return Err(vm.new_value_error("too many values to unpack (expected 2)"))
                        }
                    }
                }
                None if vals.is_empty() => (0.0, 1.0),
                None => vals
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &x| {
                        (l.min(x), h.max(x))
                    }),
            };
            if lo > hi {
                return Err(vm.new_value_error("max must be larger than min in range parameter."));
            }
            if !lo.is_finite() || !hi.is_finite() {
                return Err(
                    vm.new_value_error(format!("autodetected range of [{lo}, {hi}] is not finite"))
                );
            }
            if lo == hi {
                lo -= 0.5;
                hi += 0.5;
            }
            Dense::floats(vec![n + 1], xa::linspace(lo, hi, n + 1, true)).py(vm)?
        }
    };
    let edges = floats_of(&edges_dense.data).into_owned();
    let counts = xa::histogram_counts(&vals, &edges);
    let hist = Dense::ints(vec![counts.len()], counts).py(vm)?;
    Ok(vm
        .ctx
        .new_tuple(vec![from_dense(hist, vm), from_dense(edges_dense, vm)])
        .into())
}

fn linspace(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "linspace",
        args,
        &[
            "start", "stop", "num", "endpoint", "retstep", "dtype", "axis",
        ],
        2,
        vm,
    )?;
    let num_f = |name: &str| -> PyResult<f64> {
        let d = dense_arg(&b, name, vm)?;
        if d.size() != 1 {
            return Err(
                vm.new_not_implemented_error("numpy.linspace: array start/stop are not supported")
            );
        }
        Ok(floats_of(&d.data).first().copied().unwrap_or(0.0))
    };
    let (start, stop) = (num_f("start")?, num_f("stop")?);
    let num = b.int("num", 50, vm)?;
    if num < 0 {
        return Err(vm.new_value_error(format!("Number of samples, {num}, must be non-negative.")));
    }
    let num = checked_size(&[num as usize]).py(vm)?;
    charge(num);
    let endpoint = b.flag("endpoint", true, vm)?;
    let vals = xa::linspace(start, stop, num, endpoint);
    let mut d = Dense::floats(vec![num], vals).py(vm)?;
    if let Some(t) = super::array::opt_dtype(b.get("dtype", vm), vm)? {
        d = d.astype(t);
    }
    let arr = from_dense(d, vm);
    if b.flag("retstep", false, vm)? {
        let div = if endpoint { num.saturating_sub(1) } else { num };
        let step = if div > 0 {
            (stop - start) / div as f64
        } else {
            f64::NAN
        };
        return Ok(vm
            .ctx
            .new_tuple(vec![arr, vm.ctx.new_float(step).into()])
            .into());
    }
    Ok(arr)
}

fn cumprod(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("cumprod", args, &["a", "axis", "dtype", "out"], 1, vm)?;
    let d = dense_arg(&b, "a", vm)?;
    charge(d.size());
    Ok(from_dense(xa::cumprod(&d, b.axis("axis", vm)?).py(vm)?, vm))
}

fn rint(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("rint", args, &["x", "out", "where", "dtype"], 1, vm)?;
    let d = dense_arg(&b, "x", vm)?;
    charge(d.size());
    let vals = floats_of(&d.data).iter().map(|&x| xa::rint(x)).collect();
    Ok(from_dense_or_scalar(
        Dense::floats(d.shape.clone(), vals).py(vm)?,
        vm,
    ))
}

fn nan_reduce(name: &'static str, max: bool, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(name, args, &["a", "axis", "out", "keepdims"], 1, vm)?;
    let d = dense_arg(&b, "a", vm)?;
    let axes = b.axes("axis", vm)?;
    let keep = b.flag("keepdims", false, vm)?;
    let op = if max { Reduce::Max } else { Reduce::Min };
    let Data::Float(v) = &d.data else {
        return Ok(from_dense_or_scalar(
            ops::reduce(&d, op, axes.as_deref(), keep).py(vm)?,
            vm,
        ));
    };
    let fill = if max {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    };
    let filled = Dense {
        data: Data::Float(
            v.iter()
                .map(|&x| if x.is_nan() { fill } else { x })
                .collect(),
        ),
        ..d.clone()
    };
    let nan_mask = Dense {
        dtype: DType::Bool,
        shape: d.shape.clone(),
        data: Data::Bool(v.iter().map(|x| x.is_nan()).collect()),
    };
    let mut r = ops::reduce(&filled, op, axes.as_deref(), keep).py(vm)?;
    let all_nan = ops::reduce(&nan_mask, Reduce::All, axes.as_deref(), keep).py(vm)?;
    if let (Data::Float(rv), Data::Bool(m)) = (&mut r.data, &all_nan.data) {
        for (x, &nan) in rv.iter_mut().zip(m) {
            if nan {
                *x = f64::NAN;
            }
        }
    }
    Ok(from_dense_or_scalar(r, vm))
}

fn nanmax(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    nan_reduce("nanmax", true, args, vm)
}

fn nanmin(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    nan_reduce("nanmin", false, args, vm)
}

fn outer(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("outer", args, &["a", "b", "out"], 2, vm)?;
    let x = xa::ravel(&dense_arg(&b, "a", vm)?);
    let y = xa::ravel(&dense_arg(&b, "b", vm)?);
    outer_op(BinOp::Mul, x, y, vm)
}

/// `op(a[..., None...], b)`: the outer product shape `a.shape + b.shape`.
pub(super) fn outer_op(op: BinOp, mut x: Dense, y: Dense, vm: &VirtualMachine) -> PyResult {
    let mut full = x.shape.clone();
    full.extend(&y.shape);
    checked_size(&full).py(vm)?;
    x.shape.extend(std::iter::repeat_n(1, y.ndim()));
    let r = ops::binary(op, &strong(x), &strong(y)).py(vm)?;
    Ok(from_dense_or_scalar(r, vm))
}

fn moveaxis(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("moveaxis", args, &["a", "source", "destination"], 3, vm)?;
    let a = as_array(b.req("a", vm)?, vm)?;
    let nd = a.shape.len();
    let norm = |v: Vec<i64>| -> PyResult<Vec<usize>> {
        v.into_iter()
            .map(|x| norm_axis(x as isize, nd).py(vm))
            .collect()
    };
    let src = norm(int_list(b.req("source", vm)?, vm)?)?;
    let dst = norm(int_list(b.req("destination", vm)?, vm)?)?;
    if src.len() != dst.len() {
        return Err(vm.new_value_error(
            "`source` and `destination` arguments must have the same number of elements",
        ));
    }
    let mut order: Vec<usize> = (0..nd).filter(|k| !src.contains(k)).collect();
    let mut pairs: Vec<(usize, usize)> = dst.into_iter().zip(src).collect();
    pairs.sort();
    for (d, s) in pairs {
        order.insert(d.min(order.len()), s);
    }
    let perm = order.into_iter().map(|x| x as i64).collect();
    Ok(a.transposed(Some(perm), vm)?.into_pyobject(vm))
}

/// `np.nditer(a)`: iterates the elements in C order as 0-d arrays (read-only).
fn nditer(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "nditer",
        args,
        &["op", "flags", "op_flags", "op_dtypes", "order", "casting"],
        1,
        vm,
    )?;
    if b.get("op_flags", vm).is_some() || b.get("flags", vm).is_some() {
        return Err(
            vm.new_not_implemented_error("numpy.nditer: flags= and op_flags= are not supported")
        );
    }
    let d = dense_arg(&b, "op", vm)?;
    let items: Vec<PyObjectRef> = (0..d.size())
        .map(|i| {
            from_dense(
                Dense {
                    dtype: d.dtype,
                    shape: vec![],
                    data: xa::take(&d.data, &[i]),
                },
                vm,
            )
        })
        .collect();
    let list: PyObjectRef = vm.ctx.new_list(items).into();
    list.get_iter(vm).map(Into::into)
}

/// What an `issubdtype` second argument stands for.
enum Kind {
    Exact(DType),
    Test(fn(DType) -> bool),
}

fn subdtype_kind(obj: &PyObject, vm: &VirtualMachine) -> PyResult<Kind> {
    if let Some(d) = obj.downcast_ref::<PyDType>() {
        return Ok(Kind::Exact(d.dtype));
    }
    if obj.downcast_ref::<PyType>().is_some() || obj.get_attr("__name__", vm).is_ok() {
        if let Ok(name) = obj.get_attr("__name__", vm) {
            let name = name.str(vm)?.to_string_lossy().into_owned();
            let test: Option<fn(DType) -> bool> = match name.as_str() {
                "int" | "integer" => Some(|d| d.is_int()),
                "signedinteger" => Some(|d| d.is_int() && d != DType::UInt8),
                "unsignedinteger" => Some(|d| d == DType::UInt8),
                "float" | "floating" | "inexact" => Some(|d| d == DType::Float64),
                "number" => Some(|d| d != DType::Bool),
                "bool" | "bool_" => Some(|d| d == DType::Bool),
                "generic" => Some(|_| true),
                _ => None,
            };
            if let Some(t) = test {
                return Ok(Kind::Test(t));
            }
        }
    }
    Ok(Kind::Exact(parse_dtype(obj, vm)?))
}

fn issubdtype(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("issubdtype", args, &["arg1", "arg2"], 2, vm)?;
    let a1 = b.req("arg1", vm)?;
    let d1 = match subdtype_kind(a1, vm)? {
        Kind::Exact(d) => d,
        Kind::Test(_) => {
            // An abstract type as the first argument: only `generic`-style identity holds.
            let same = a1.is(b.req("arg2", vm)?);
            return Ok(vm.ctx.new_bool(same).into());
        }
    };
    let ok = match subdtype_kind(b.req("arg2", vm)?, vm)? {
        Kind::Exact(d) => d == d1,
        Kind::Test(t) => t(d1),
    };
    Ok(vm.ctx.new_bool(ok).into())
}

/// The functions this file provides, by numpy name.
pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("ix_", ix_),
    ("searchsorted", searchsorted),
    ("ptp", ptp),
    ("median", median),
    ("percentile", percentile),
    ("quantile", quantile),
    ("lexsort", lexsort),
    ("unravel_index", unravel_index),
    ("ravel_multi_index", ravel_multi_index),
    ("flatnonzero", flatnonzero),
    ("histogram", histogram),
    ("linspace", linspace),
    ("cumprod", cumprod),
    ("rint", rint),
    ("nanmax", nanmax),
    ("nanmin", nanmin),
    ("outer", outer),
    ("moveaxis", moveaxis),
    ("nditer", nditer),
    ("issubdtype", issubdtype),
];
