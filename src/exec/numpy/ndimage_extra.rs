//! More of `scipy.ndimage`: label measurements (`sum`/`sum_labels`, `maximum`, `minimum`,
//! `mean`, `center_of_mass`), `correlate`/`convolve` with scipy's boundary modes,
//! `binary_opening`/`binary_closing`, `zoom` with `order=0`, and the legacy
//! `scipy.ndimage.measurements` submodule.

use super::args::{bind, int_list, Bound};
use super::array::{
    charge, from_dense, from_dense_or_scalar, opt_dtype, py_scalar, to_dense, NpResultExt,
};
use super::dense::{checked_size, DType, Dense, NpError, Scalar};
use super::extra_algos::take;
use super::functions::NativeFn;
use super::ndimage;
use super::ops::{self, floats_of, Reduce};
use rustpython_vm::builtins::{PyModule, PyStr};
use rustpython_vm::function::FuncArgs;
use rustpython_vm::{AsObject, Py, PyObjectRef, PyRef, PyResult, VirtualMachine};

/// Which elements a measurement looks at: all, labels > 0, one label, or one group per label.
enum Groups {
    One(Vec<usize>),
    Many(Vec<Vec<usize>>),
}

/// Parses `input`, `labels`, `index` into the input and its element groups.
fn groups(b: &Bound, vm: &VirtualMachine) -> PyResult<(Dense, Groups)> {
    let input = to_dense(b.req("input", vm)?, vm)?;
    charge(input.size());
    let Some(labels) = b.get("labels", vm) else {
        return Ok((input.clone(), Groups::One((0..input.size()).collect())));
    };
    let labels = to_dense(labels, vm)?;
    let shape = ops::broadcast_shapes(&input.shape, &labels.shape).py(vm)?;
    let (ii, il) = (
        ops::broadcast_index(&input.shape, &shape),
        ops::broadcast_index(&labels.shape, &shape),
    );
    let input = Dense {
        dtype: input.dtype,
        data: take(&input.data, &ii),
        shape,
    };
    let lab = floats_of(&labels.data);
    let lab: Vec<f64> = il
        .iter()
        .map(|&i| lab.get(i).copied().unwrap_or(0.0))
        .collect();
    let select = |f: &dyn Fn(f64) -> bool| -> Vec<usize> {
        lab.iter()
            .enumerate()
            .filter(|(_, &l)| f(l))
            .map(|(i, _)| i)
            .collect()
    };
    let Some(index) = b.get("index", vm) else {
        return Ok((input, Groups::One(select(&|l| l > 0.0))));
    };
    if let Some(s) = py_scalar(index, vm)? {
        let v = floats_of(&super::array::scalar_data(s, DType::Float64))[0];
        return Ok((input, Groups::One(select(&|l| l == v))));
    }
    let idx = to_dense(index, vm)?;
    if idx.ndim() == 0 {
        let v = floats_of(&idx.data).first().copied().unwrap_or(0.0);
        return Ok((input, Groups::One(select(&|l| l == v))));
    }
    let wanted = floats_of(&idx.data).into_owned();
    charge(wanted.len());
    let mut many: Vec<Vec<usize>> = vec![vec![]; wanted.len()];
    // Map label value -> positions in `wanted` (labels are small integers in practice).
    for (i, &l) in lab.iter().enumerate() {
        for (k, &w) in wanted.iter().enumerate() {
            if w == l {
                many[k].push(i);
            }
        }
    }
    Ok((input, Groups::Many(many)))
}

fn subset(d: &Dense, idx: &[usize]) -> Dense {
    Dense {
        dtype: d.dtype,
        shape: vec![idx.len()],
        data: take(&d.data, idx),
    }
}

const MEASURE_ARGS: &[&str] = &["input", "labels", "index"];

fn sum_labels(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("sum_labels", args, MEASURE_ARGS, 1, vm)?;
    match groups(&b, vm)? {
        (d, Groups::One(idx)) => {
            let r = ops::reduce(&subset(&d, &idx), Reduce::Sum, None, false).py(vm)?;
            Ok(from_dense_or_scalar(r, vm))
        }
        (d, Groups::Many(gs)) => {
            let v = floats_of(&d.data);
            let sums = gs
                .iter()
                .map(|g| {
                    g.iter()
                        .map(|&i| v.get(i).copied().unwrap_or(0.0))
                        .fold(0.0, |s, x| s + x)
                })
                .collect();
            Ok(from_dense(Dense::floats(vec![gs.len()], sums).py(vm)?, vm))
        }
    }
}

fn extreme(name: &'static str, max: bool, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(name, args, MEASURE_ARGS, 1, vm)?;
    let op = if max { Reduce::Max } else { Reduce::Min };
    let one = |d: &Dense, idx: &[usize]| -> PyResult<Dense> {
        if idx.is_empty() {
            return Ok(Dense::ints(vec![], vec![0]).py(vm)?.astype(d.dtype));
        }
        ops::reduce(&subset(d, idx), op, None, false).py(vm)
    };
    match groups(&b, vm)? {
        (d, Groups::One(idx)) => Ok(from_dense_or_scalar(one(&d, &idx)?, vm)),
        (d, Groups::Many(gs)) => {
            let parts = gs
                .iter()
                .map(|g| one(&d, g))
                .collect::<PyResult<Vec<_>>>()?;
            let mut out = Dense::ints(vec![0], vec![]).py(vm)?.astype(d.dtype);
            if !parts.is_empty() {
                let flat: Vec<Dense> = parts
                    .into_iter()
                    .map(|mut p| {
                        p.shape = vec![1];
                        p
                    })
                    .collect();
                out = super::algos::concatenate(&flat, Some(0)).py(vm)?;
            }
            Ok(from_dense(out, vm))
        }
    }
}

fn maximum(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    extreme("maximum", true, args, vm)
}

fn minimum(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    extreme("minimum", false, args, vm)
}

fn mean(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("mean", args, MEASURE_ARGS, 1, vm)?;
    let avg = |d: &Dense, idx: &[usize]| -> f64 {
        let v = floats_of(&d.data);
        let s: f64 = idx
            .iter()
            .map(|&i| v.get(i).copied().unwrap_or(0.0))
            .fold(0.0, |s, x| s + x);
        s / idx.len() as f64
    };
    match groups(&b, vm)? {
        (d, Groups::One(idx)) => {
            let r = ops::reduce(&subset(&d, &idx), Reduce::Sum, None, false).py(vm)?;
            let s = floats_of(&r.data).first().copied().unwrap_or(0.0);
            Ok(vm.ctx.new_float(s / idx.len() as f64).into())
        }
        (d, Groups::Many(gs)) => {
            let vals = gs.iter().map(|g| avg(&d, g)).collect();
            Ok(from_dense(Dense::floats(vec![gs.len()], vals).py(vm)?, vm))
        }
    }
}

fn center_of_mass(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("center_of_mass", args, MEASURE_ARGS, 1, vm)?;
    let (d, gs) = groups(&b, vm)?;
    let v = floats_of(&d.data).into_owned();
    let shape = d.shape.clone();
    let coords = |i: usize| -> Vec<f64> {
        let mut rem = i;
        let mut c = vec![0.0; shape.len()];
        for (k, &n) in shape.iter().enumerate().rev() {
            let n = n.max(1);
            c[k] = (rem % n) as f64;
            rem /= n;
        }
        c
    };
    let com = |idx: &[usize]| -> PyObjectRef {
        let total: f64 = idx
            .iter()
            .map(|&i| v.get(i).copied().unwrap_or(0.0))
            .fold(0.0, |s, x| s + x);
        let mut acc = vec![0.0; shape.len()];
        for &i in idx {
            let w = v.get(i).copied().unwrap_or(0.0);
            for (a, c) in acc.iter_mut().zip(coords(i)) {
                *a += w * c;
            }
        }
        let items = acc
            .into_iter()
            .map(|a| super::scalars::scalar_to_py(Scalar::Float(a / total), DType::Float64, vm))
            .collect();
        vm.ctx.new_tuple(items).into()
    };
    Ok(match gs {
        Groups::One(idx) => com(&idx),
        Groups::Many(gs) => vm.ctx.new_list(gs.iter().map(|g| com(g)).collect()).into(),
    })
}

/// A scipy boundary mode for filters.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Reflect,
    Mirror,
    Nearest,
    Wrap,
    Constant,
}

/// Maps a possibly out-of-range position `i` on an axis of length `n` into range, or `None` for
/// the constant value.
fn boundary(i: i64, n: usize, mode: Mode) -> Option<usize> {
    let n = n as i64;
    if (0..n).contains(&i) {
        return Some(i as usize);
    }
    let j = match mode {
        Mode::Constant => return None,
        Mode::Nearest => i.clamp(0, n - 1),
        Mode::Wrap => i.rem_euclid(n),
        Mode::Reflect => {
            let m = i.rem_euclid(2 * n);
            if m >= n {
                2 * n - 1 - m
            } else {
                m
            }
        }
        Mode::Mirror => {
            if n == 1 {
                0
            } else {
                let m = i.rem_euclid(2 * n - 2);
                if m >= n {
                    2 * n - 2 - m
                } else {
                    m
                }
            }
        }
    };
    Some(j.max(0) as usize)
}

/// `correlate(input, weights)` with per-axis `offsets` (`size // 2 + origin`).
fn correlate_dense(
    input: &Dense,
    weights: &Dense,
    offsets: &[i64],
    mode: Mode,
    cval: f64,
) -> Result<Vec<f64>, NpError> {
    let x = floats_of(&input.data);
    let w = floats_of(&weights.data);
    let nd = input.ndim();
    let n = input.size();
    charge(n.saturating_mul(weights.size()));
    // Non-zero weight taps: (weight, per-axis displacement).
    let mut taps: Vec<(f64, Vec<i64>)> = Vec::new();
    for (k, &wk) in w.iter().enumerate() {
        if wk == 0.0 {
            continue;
        }
        let mut rem = k;
        let mut disp = vec![0i64; nd];
        for d in (0..nd).rev() {
            let s = weights.shape[d].max(1);
            disp[d] = (rem % s) as i64 - offsets[d];
            rem /= s;
        }
        taps.push((wk, disp));
    }
    let strides = super::array::contiguous_strides(&input.shape);
    let mut out = vec![0.0; n];
    let mut pos = vec![0usize; nd];
    for (flat, o) in out.iter_mut().enumerate() {
        let mut rem = flat;
        for d in (0..nd).rev() {
            let s = input.shape[d].max(1);
            pos[d] = rem % s;
            rem /= s;
        }
        let mut acc = 0.0;
        for (wk, disp) in &taps {
            let mut at = 0usize;
            let mut constant = false;
            for d in 0..nd {
                match boundary(pos[d] as i64 + disp[d], input.shape[d], mode) {
                    Some(j) => at += j * strides[d] as usize,
                    None => {
                        constant = true;
                        break;
                    }
                }
            }
            acc += wk
                * if constant {
                    cval
                } else {
                    x.get(at).copied().unwrap_or(0.0)
                };
        }
        *o = acc;
    }
    Ok(out)
}

fn filter_fn(name: &'static str, convolve: bool, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        name,
        args,
        &[
            "input", "weights", "output", "mode", "cval", "origin", "axes",
        ],
        2,
        vm,
    )?;
    let input = to_dense(b.req("input", vm)?, vm)?;
    let mut weights = to_dense(b.req("weights", vm)?, vm)?;
    if b.get("axes", vm).is_some() {
        return Err(
            vm.new_not_implemented_error(format!("scipy.ndimage.{name}: axes= is not supported"))
        );
    }
    if weights.ndim() != input.ndim() {
        return Err(vm.new_runtime_error(format!(
            "weights.ndim ({}) must match len(axes) ({})",
            weights.ndim(),
            input.ndim()
        )));
    }
    let mode = match b.get("mode", vm) {
        None => Mode::Reflect,
        Some(m) => {
            let text = m
                .downcast_ref::<PyStr>()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            match text.as_str() {
                "reflect" | "grid-mirror" => Mode::Reflect,
                "mirror" => Mode::Mirror,
                "nearest" => Mode::Nearest,
                "wrap" | "grid-wrap" => Mode::Wrap,
                "constant" | "grid-constant" => Mode::Constant,
                _ => return Err(vm.new_runtime_error("boundary mode not supported")),
            }
        }
    };
    let cval = match b.get("cval", vm) {
        Some(c) => floats_of(&to_dense(c, vm)?.data)
            .first()
            .copied()
            .unwrap_or(0.0),
        None => 0.0,
    };
    let nd = input.ndim();
    let mut origins = match b.get("origin", vm) {
        Some(o) => int_list(o, vm)?,
        None => vec![0],
    };
    if origins.len() == 1 {
        origins = vec![origins[0]; nd];
    }
    if origins.len() != nd {
        return Err(vm.new_runtime_error("sequence argument must have length equal to input rank"));
    }
    if convolve {
        let rev = super::algos::flip(&weights, None).py(vm)?;
        weights = rev;
        for (o, &s) in origins.iter_mut().zip(&weights.shape) {
            *o = -*o - if s % 2 == 0 { 1 } else { 0 };
        }
    }
    for (d, &o) in origins.iter().enumerate() {
        let s = weights.shape.get(d).copied().unwrap_or(1) as i64;
        if o < -(s / 2) || o > (s - 1) / 2 {
            return Err(vm.new_value_error("invalid origin"));
        }
    }
    let offsets: Vec<i64> = origins
        .iter()
        .zip(&weights.shape)
        .map(|(&o, &s)| s as i64 / 2 + o)
        .collect();
    let vals = correlate_dense(&input, &weights, &offsets, mode, cval).py(vm)?;
    let out_dtype = opt_dtype(b.get("output", vm), vm)?.unwrap_or(input.dtype);
    let r = Dense::floats(input.shape.clone(), vals).py(vm)?;
    Ok(from_dense(r.astype(out_dtype), vm))
}

fn correlate(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    filter_fn("correlate", false, args, vm)
}

fn convolve(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    filter_fn("convolve", true, args, vm)
}

fn open_close(name: &'static str, opening: bool, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        name,
        args,
        &[
            "input",
            "structure",
            "iterations",
            "output",
            "origin",
            "mask",
            "border_value",
            "brute_force",
        ],
        1,
        vm,
    )?;
    if b.get("mask", vm).is_some() || b.get("output", vm).is_some() {
        return Err(vm.new_not_implemented_error(format!(
            "scipy.ndimage.{name}: mask= and output= are not supported"
        )));
    }
    let input = to_dense(b.req("input", vm)?, vm)?;
    let st = b
        .get("structure", vm)
        .map(|s| to_dense(s, vm))
        .transpose()?;
    let it = b.int("iterations", 1, vm)?;
    let border = b.int("border_value", 0, vm)? != 0;
    let r = if opening {
        let e = ndimage::binary_erosion(&input, st.as_ref(), it, border).py(vm)?;
        ndimage::binary_dilation(&e, st.as_ref(), it, border)
    } else {
        let d = ndimage::binary_dilation(&input, st.as_ref(), it, border).py(vm)?;
        ndimage::binary_erosion(&d, st.as_ref(), it, border)
    }
    .py(vm)?;
    Ok(from_dense(r, vm))
}

fn binary_opening(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    open_close("binary_opening", true, args, vm)
}

fn binary_closing(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    open_close("binary_closing", false, args, vm)
}

/// `zoom(input, zoom, order=0)`: nearest-neighbour resampling as scipy does it (corner-aligned
/// grid, `floor(x + 0.5)`); spline orders are not supported.
fn zoom(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "zoom",
        args,
        &[
            "input",
            "zoom",
            "output",
            "order",
            "mode",
            "cval",
            "prefilter",
            "grid_mode",
        ],
        2,
        vm,
    )?;
    if b.int("order", 3, vm)? != 0 {
        return Err(vm.new_not_implemented_error("scipy.ndimage.zoom: only order=0 is supported"));
    }
    if b.flag("grid_mode", false, vm)? {
        return Err(
            vm.new_not_implemented_error("scipy.ndimage.zoom: grid_mode=True is not supported")
        );
    }
    let input = to_dense(b.req("input", vm)?, vm)?;
    let nd = input.ndim();
    let z = floats_of(&to_dense(b.req("zoom", vm)?, vm)?.data).into_owned();
    let factors: Vec<f64> = match z.len() {
        1 => vec![z[0]; nd],
        k if k == nd => z,
        _ => {
            return Err(
                vm.new_runtime_error("sequence argument must have length equal to input rank")
            )
        }
    };
    let out_shape: Vec<usize> = input
        .shape
        .iter()
        .zip(&factors)
        .map(|(&n, &f)| (n as f64 * f).round_ties_even().max(0.0) as usize)
        .collect();
    let total = checked_size(&out_shape).py(vm)?;
    charge(total);
    let maps: Vec<Vec<usize>> = input
        .shape
        .iter()
        .zip(&out_shape)
        .map(|(&n, &m)| {
            let ratio = if m > 1 {
                (n as f64 - 1.0) / (m as f64 - 1.0)
            } else {
                1.0
            };
            (0..m)
                .map(|i| {
                    ((i as f64 * ratio + 0.5).floor().max(0.0) as usize).min(n.saturating_sub(1))
                })
                .collect()
        })
        .collect();
    let strides = super::array::contiguous_strides(&input.shape);
    let mut idx = Vec::with_capacity(total);
    let mut pos = vec![0usize; nd];
    for flat in 0..total {
        let mut rem = flat;
        for d in (0..nd).rev() {
            let s = out_shape[d].max(1);
            pos[d] = rem % s;
            rem /= s;
        }
        idx.push(
            (0..nd)
                .map(|d| maps[d].get(pos[d]).copied().unwrap_or(0) * strides[d] as usize)
                .sum(),
        );
    }
    let mut r = Dense {
        dtype: input.dtype,
        shape: out_shape,
        data: take(&input.data, &idx),
    };
    if let Some(t) = opt_dtype(b.get("output", vm), vm)? {
        r = r.astype(t);
    }
    Ok(from_dense(r, vm))
}

/// The functions this file adds to `scipy.ndimage`, by name.
pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("sum", sum_labels),
    ("sum_labels", sum_labels),
    ("maximum", maximum),
    ("minimum", minimum),
    ("mean", mean),
    ("center_of_mass", center_of_mass),
    ("correlate", correlate),
    ("convolve", convolve),
    ("binary_opening", binary_opening),
    ("binary_closing", binary_closing),
    ("zoom", zoom),
];

/// Builds the legacy `scipy.ndimage.measurements` module (the label functions) and attaches it
/// to `ndi`.
pub fn install_measurements(ndi: &Py<PyModule>, vm: &VirtualMachine) -> PyResult<PyRef<PyModule>> {
    let m = vm.new_module("scipy.ndimage.measurements", vm.ctx.new_dict(), None);
    for name in [
        "label",
        "find_objects",
        "sum",
        "sum_labels",
        "maximum",
        "minimum",
        "mean",
        "center_of_mass",
    ] {
        let f = ndi.as_object().get_attr(name, vm)?;
        m.as_object().set_attr(name, f, vm)?;
    }
    ndi.as_object().set_attr("measurements", m.clone(), vm)?;
    Ok(m)
}
