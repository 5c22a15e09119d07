//! The `numpy.linalg` submodule: `norm` (vector p-norms and the Frobenius / 1 / inf matrix
//! norms). Importable as `np.linalg`, `import numpy.linalg` and `from numpy.linalg import norm`.

use super::args::{bind, int_list};
use super::array::{charge, from_dense_or_scalar, py_scalar, to_dense, NpResultExt};
use super::dense::{Dense, NpError, Scalar};
use super::functions::NativeFn;
use super::ops::{self, floats_of, norm_axis, Reduce};
use rustpython_vm::builtins::{PyModule, PyStr};
use rustpython_vm::function::FuncArgs;
use rustpython_vm::{AsObject, Py, PyObject, PyRef, PyResult, VirtualMachine};

/// A norm order: a number (`1`, `2`, `inf`, ...) or a name (`'fro'`, `'nuc'`).
enum Ord {
    Default,
    Num(f64),
    Name(String),
}

fn parse_ord(obj: Option<&rustpython_vm::PyObjectRef>, vm: &VirtualMachine) -> PyResult<Ord> {
    let Some(o) = obj else {
        return Ok(Ord::Default);
    };
    if let Some(s) = o.downcast_ref::<PyStr>() {
        return Ok(Ord::Name(s.to_string_lossy().into_owned()));
    }
    match py_scalar(o, vm)? {
        Some(Scalar::Float(f)) => Ok(Ord::Num(f)),
        Some(Scalar::Int(i)) => Ok(Ord::Num(i as f64)),
        Some(Scalar::Bool(b)) => Ok(Ord::Num(b as u8 as f64)),
        None => Err(vm.new_value_error("Invalid norm order for vectors.")),
    }
}

fn map(d: &Dense, f: impl Fn(f64) -> f64) -> Dense {
    let v = floats_of(&d.data).iter().map(|&x| f(x)).collect();
    Dense {
        dtype: super::dense::DType::Float64,
        shape: d.shape.clone(),
        data: super::dense::Data::Float(v),
    }
}

fn sum(d: &Dense, axes: &[isize], keep: bool) -> Result<Dense, NpError> {
    ops::reduce(d, Reduce::Sum, Some(axes), keep)
}

/// Vector norm of `x` along `axis`.
fn vector_norm(x: &Dense, ord: &Ord, axis: isize, keep: bool) -> Result<Dense, NpError> {
    let ax = [axis];
    match ord {
        Ord::Default => Ok(map(&sum(&map(x, |v| v * v), &ax, keep)?, f64::sqrt)),
        Ord::Name(n) => Err(NpError::value(format!(
            "Invalid norm order '{n}' for vectors"
        ))),
        Ord::Num(p) => {
            let p = *p;
            if p == f64::INFINITY {
                ops::reduce(&map(x, f64::abs), Reduce::Max, Some(&ax), keep)
            } else if p == f64::NEG_INFINITY {
                ops::reduce(&map(x, f64::abs), Reduce::Min, Some(&ax), keep)
            } else if p == 0.0 {
                sum(&map(x, |v| (v != 0.0) as u8 as f64), &ax, keep)
            } else if p == 1.0 {
                sum(&map(x, f64::abs), &ax, keep)
            } else if p == 2.0 {
                Ok(map(&sum(&map(x, |v| v * v), &ax, keep)?, f64::sqrt))
            } else {
                let s = sum(&map(x, |v| v.abs().powf(p)), &ax, keep)?;
                Ok(map(&s, |v| v.powf(1.0 / p)))
            }
        }
    }
}

/// Matrix norm of `x` over the axes `(r, c)`.
fn matrix_norm(x: &Dense, ord: &Ord, r: usize, c: usize, keep: bool) -> Result<Dense, NpError> {
    let (ri, ci) = (r as isize, c as isize);
    let abs = map(x, f64::abs);
    // Reduce the larger axis index first so the other index stays valid.
    let two = |first: isize, then_op: Reduce| -> Result<Dense, NpError> {
        let s = sum(&abs, &[first], true)?;
        let other = if first == ri { ci } else { ri };
        let mut out = ops::reduce(&s, then_op, Some(&[other]), true)?;
        if !keep {
            out.shape = x
                .shape
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != r && *k != c)
                .map(|(_, &d)| d)
                .collect();
        }
        Ok(out)
    };
    match ord {
        Ord::Default => Ok(map(&sum(&map(x, |v| v * v), &[ri, ci], keep)?, f64::sqrt)),
        Ord::Name(n) if n == "fro" => {
            Ok(map(&sum(&map(x, |v| v * v), &[ri, ci], keep)?, f64::sqrt))
        }
        Ord::Num(p) if *p == 1.0 => two(ri, Reduce::Max),
        Ord::Num(p) if *p == -1.0 => two(ri, Reduce::Min),
        Ord::Num(p) if *p == f64::INFINITY => two(ci, Reduce::Max),
        Ord::Num(p) if *p == f64::NEG_INFINITY => two(ci, Reduce::Min),
        Ord::Num(p) if p.abs() == 2.0 => Err(NpError::not_implemented(
            "numpy.linalg.norm: the spectral norm (ord=2) of matrices is not supported",
        )),
        Ord::Name(n) if n == "nuc" => Err(NpError::not_implemented(
            "numpy.linalg.norm: the nuclear norm is not supported",
        )),
        _ => Err(NpError::value("Invalid norm order for matrices.")),
    }
}

fn norm(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("norm", args, &["x", "ord", "axis", "keepdims"], 1, vm)?;
    let x = to_dense(b.req("x", vm)?, vm)?;
    let x = x.astype(super::dense::DType::Float64);
    charge(x.size());
    let ord = parse_ord(b.get("ord", vm), vm)?;
    let keep = b.flag("keepdims", false, vm)?;
    let nd = x.ndim();
    let axes: Vec<usize> = match b.get("axis", vm) {
        Some(a) => int_list(a, vm)?
            .into_iter()
            .map(|k| norm_axis(k as isize, nd).py(vm))
            .collect::<PyResult<_>>()?,
        None => {
            if matches!(ord, Ord::Default) {
                let all: Vec<isize> = (0..nd as isize).collect();
                let r = map(&sum(&map(&x, |v| v * v), &all, keep).py(vm)?, f64::sqrt);
                return Ok(from_dense_or_scalar(r, vm));
            }
            (0..nd).collect()
        }
    };
    let r = match axes.as_slice() {
        [a] => vector_norm(&x, &ord, *a as isize, keep),
        [r, c] if r != c => matrix_norm(&x, &ord, *r, *c, keep),
        [_, _] => Err(NpError::value("Duplicate axes given.")),
        _ => Err(NpError::value("Improper number of dimensions to norm.")),
    }
    .py(vm)?;
    Ok(from_dense_or_scalar(r, vm))
}

/// The functions of `numpy.linalg`, by name.
pub const FUNCTIONS: &[(&str, NativeFn)] = &[("norm", norm)];

/// Builds `numpy.linalg`, attaches it to `np` and registers it in `sys.modules`.
pub fn install(np: &Py<PyModule>, vm: &VirtualMachine) -> PyResult<PyRef<PyModule>> {
    let m = vm.new_module("numpy.linalg", vm.ctx.new_dict(), None);
    for &(name, f) in FUNCTIONS {
        m.as_object().set_attr(name, vm.new_function(name, f), vm)?;
    }
    let obj: &PyObject = np.as_object();
    obj.set_attr("linalg", m.clone(), vm)?;
    Ok(m)
}
