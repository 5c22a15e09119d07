//! `numpy.ufunc`: the binary ufuncs (`np.add`, `np.maximum`, `np.logical_and`, ...) as callable
//! objects with numpy's `reduce`, `accumulate`, `outer` and `at` methods.

use super::args::{bind, int_list, Bound};
use super::array::{
    charge, from_dense, from_dense_or_scalar, opt_dtype, to_dense, to_operand, NpResultExt,
    Operand, PyNdArray,
};
use super::dense::{checked_size, DType, Data, Dense, NpError};
use super::extra::outer_op;
use super::extra_algos::{lanes, ravel, take};
use super::functions::NativeFn;
use super::index;
use super::ops::{self, norm_axis, BinOp};
use rustpython_vm::builtins::{PyModule, PyTuple};
use rustpython_vm::class::PyClassImpl;
use rustpython_vm::function::FuncArgs;
use rustpython_vm::types::{Callable, Representable};
use rustpython_vm::{AsObject, Py, PyObjectRef, PyPayload, PyResult, VirtualMachine};

/// A binary numpy ufunc: calling it applies the elementwise function; its methods reduce,
/// accumulate, build outer tables and update in place.
#[rustpython_vm::pyclass(module = "numpy", name = "ufunc")]
#[derive(Debug, PyPayload)]
pub struct PyUfunc {
    name: &'static str,
    op: BinOp,
    call: NativeFn,
}

/// The binary ufuncs that become [`PyUfunc`] objects, by numpy name.
const UFUNCS: &[(&str, BinOp)] = &[
    ("add", BinOp::Add),
    ("subtract", BinOp::Sub),
    ("multiply", BinOp::Mul),
    ("divide", BinOp::TrueDiv),
    ("true_divide", BinOp::TrueDiv),
    ("floor_divide", BinOp::FloorDiv),
    ("remainder", BinOp::Mod),
    ("mod", BinOp::Mod),
    ("power", BinOp::Pow),
    ("bitwise_and", BinOp::And),
    ("bitwise_or", BinOp::Or),
    ("bitwise_xor", BinOp::Xor),
    ("equal", BinOp::Eq),
    ("not_equal", BinOp::Ne),
    ("less", BinOp::Lt),
    ("less_equal", BinOp::Le),
    ("greater", BinOp::Gt),
    ("greater_equal", BinOp::Ge),
    ("maximum", BinOp::Maximum),
    ("minimum", BinOp::Minimum),
    ("logical_and", BinOp::LogicalAnd),
    ("logical_or", BinOp::LogicalOr),
    ("logical_xor", BinOp::LogicalXor),
];

/// Replaces the plain functions for the binary ufuncs in `np` with [`PyUfunc`] objects.
pub fn install(np: &Py<PyModule>, vm: &VirtualMachine) -> PyResult<()> {
    PyUfunc::make_static_type();
    for &(name, op) in UFUNCS {
        let Some(&(_, call)) = super::ufuncs::FUNCTIONS.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        let u = PyUfunc {
            name: op.ufunc(),
            op,
            call,
        };
        np.as_object().set_attr(name, u.into_pyobject(vm), vm)?;
    }
    Ok(())
}

fn strong(dense: Dense) -> Operand {
    Operand { dense, weak: false }
}

impl PyUfunc {
    /// The dtype a reduction or accumulation runs in: `add`/`multiply` widen bools and small
    /// integers to `int64`, logical ufuncs work on bools.
    fn work_dtype(&self, d: DType) -> DType {
        match self.op {
            BinOp::Add | BinOp::Mul if d != DType::Float64 => DType::Int64,
            BinOp::LogicalAnd | BinOp::LogicalOr | BinOp::LogicalXor => DType::Bool,
            _ => d,
        }
    }

    /// The identity element, for reducing an empty axis.
    fn identity(&self, dtype: DType) -> Option<Data> {
        let int = |i: i64| match dtype {
            DType::Bool => Data::Bool(vec![i != 0]),
            DType::Float64 => Data::Float(vec![i as f64]),
            _ => Data::Int(vec![i]),
        };
        match self.op {
            BinOp::Add | BinOp::Or | BinOp::Xor | BinOp::LogicalOr | BinOp::LogicalXor => {
                Some(int(0))
            }
            BinOp::Mul | BinOp::LogicalAnd => Some(int(1)),
            BinOp::And => Some(int(-1)),
            _ => None,
        }
    }

    /// The input for `reduce`/`accumulate`: converted, `dtype=` applied, cast to the work dtype.
    fn prepared(&self, b: &Bound, vm: &VirtualMachine) -> PyResult<Dense> {
        let mut d = to_dense(b.req("array", vm)?, vm)?;
        if let Some(t) = opt_dtype(b.get("dtype", vm), vm)? {
            d = d.astype(t);
        }
        let w = self.work_dtype(d.dtype);
        Ok(if w == d.dtype { d } else { d.astype(w) })
    }

    /// Slice `i` along `axis` (shape: `shape` without `axis`).
    fn slice(d: &Dense, axis: usize, i: usize) -> Dense {
        let (outer, n, inner) = lanes(&d.shape, axis);
        let idx: Vec<usize> = (0..outer)
            .flat_map(|o| (0..inner).map(move |k| (o * n + i) * inner + k))
            .collect();
        let mut shape = d.shape.clone();
        shape.remove(axis);
        Dense {
            dtype: d.dtype,
            shape,
            data: take(&d.data, &idx),
        }
    }

    /// Reduces `d` along one axis.
    fn reduce_axis(&self, d: &Dense, axis: usize) -> Result<Dense, NpError> {
        let n = d.shape.get(axis).copied().unwrap_or(0);
        charge(d.size());
        if n == 0 {
            let mut shape = d.shape.clone();
            shape.remove(axis);
            let size = checked_size(&shape)?;
            let id = self.identity(d.dtype).ok_or_else(|| {
                NpError::value(format!(
                    "zero-size array to reduction operation {} which has no identity",
                    self.name
                ))
            })?;
            return Ok(Dense {
                dtype: d.dtype,
                shape,
                data: take(&id, &vec![0; size]),
            });
        }
        let mut acc = Self::slice(d, axis, 0);
        for i in 1..n {
            acc = ops::binary(self.op, &strong(acc), &strong(Self::slice(d, axis, i)))?;
        }
        Ok(acc)
    }
}

#[rustpython_vm::pyclass(flags(IMMUTABLETYPE), with(Callable, Representable))]
impl PyUfunc {
    #[pygetset(name = "__name__")]
    fn name_attr(&self) -> &'static str {
        self.name
    }

    #[pygetset]
    fn nin(&self) -> usize {
        2
    }

    #[pygetset]
    fn nout(&self) -> usize {
        1
    }

    /// `ufunc.reduce(array, axis=0, dtype=None, out=None, keepdims=False, initial=None)`.
    #[pymethod]
    fn reduce(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind(
            "reduce",
            args,
            &[
                "array", "axis", "dtype", "out", "keepdims", "initial", "where",
            ],
            1,
            vm,
        )?;
        if b.get("out", vm).is_some() || b.get("where", vm).is_some() {
            return Err(vm.new_not_implemented_error(format!(
                "numpy.{}.reduce: out= and where= are not supported",
                self.name
            )));
        }
        let d = self.prepared(&b, vm)?;
        let nd = d.ndim();
        let axes: Vec<usize> = match b.raw("axis") {
            None => vec![0],
            Some(a) if vm.is_none(a) => (0..nd).collect(),
            Some(a) => int_list(a, vm)?
                .into_iter()
                .map(|x| norm_axis(x as isize, nd).py(vm))
                .collect::<PyResult<_>>()?,
        };
        if nd == 0 {
            if !axes.is_empty() && b.raw("axis").is_some_and(|a| !vm.is_none(a)) {
                return Err(super::array::np_err(NpError::axis(0, 0), vm));
            }
            return Ok(from_dense_or_scalar(d, vm));
        }
        let mut sorted = axes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        if sorted.len() != axes.len() {
            return Err(vm.new_value_error("duplicate value in 'axis'"));
        }
        let mut r = d;
        for &ax in sorted.iter().rev() {
            r = self.reduce_axis(&r, ax).py(vm)?;
        }
        if let Some(init) = b.get("initial", vm) {
            r = ops::binary(self.op, &strong(r), &to_operand(init, vm)?).py(vm)?;
        }
        if b.flag("keepdims", false, vm)? {
            for &ax in &sorted {
                r.shape.insert(ax.min(r.shape.len()), 1);
            }
        }
        Ok(from_dense_or_scalar(r, vm))
    }

    /// `ufunc.accumulate(array, axis=0, dtype=None)`.
    #[pymethod]
    fn accumulate(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind(
            "accumulate",
            args,
            &["array", "axis", "dtype", "out"],
            1,
            vm,
        )?;
        let d = self.prepared(&b, vm)?;
        let axis = match b.raw("axis") {
            None => 0,
            Some(a) if vm.is_none(a) => {
                if d.ndim() > 1 {
                    return Err(vm.new_value_error("accumulate does not allow multiple axes"));
                }
                0
            }
            Some(a) => norm_axis(super::args::to_i64(a, vm)? as isize, d.ndim()).py(vm)?,
        };
        if d.ndim() == 0 {
            return Err(vm.new_type_error("cannot perform accumulate with a 0-d array"));
        }
        charge(d.size());
        let (outer, n, inner) = lanes(&d.shape, axis);
        let mut slices: Vec<Dense> = Vec::with_capacity(n);
        for i in 0..n {
            let s = Self::slice(&d, axis, i);
            let next = match slices.last() {
                None => s,
                Some(prev) => ops::binary(self.op, &strong(prev.clone()), &strong(s)).py(vm)?,
            };
            slices.push(next);
        }
        let dtype = slices.last().map_or(d.dtype, |s| s.dtype);
        // Interleave the slices back along `axis`.
        let stacked: Vec<Dense> = slices.into_iter().map(|s| s.astype(dtype)).collect();
        let mut idx = Vec::with_capacity(d.size());
        for o in 0..outer {
            for i in 0..n {
                for k in 0..inner {
                    idx.push(i * outer * inner + o * inner + k);
                }
            }
        }
        let parts: Vec<Dense> = stacked
            .into_iter()
            .map(|mut s| {
                s.shape = vec![s.size()];
                s
            })
            .collect();
        let joined = if parts.is_empty() {
            d.astype(dtype)
        } else {
            super::algos::concatenate(&parts, Some(0)).py(vm)?
        };
        Ok(from_dense(
            Dense {
                dtype,
                shape: d.shape.clone(),
                data: take(&joined.data, &idx),
            },
            vm,
        ))
    }

    /// `ufunc.outer(A, B)`: the table `op(A[i..., None...], B)`.
    #[pymethod]
    fn outer(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind("outer", args, &["A", "B"], 2, vm)?;
        let x = to_dense(b.req("A", vm)?, vm)?;
        let y = to_dense(b.req("B", vm)?, vm)?;
        outer_op(self.op, x, y, vm)
    }

    /// `ufunc.at(a, indices, b)`: unbuffered in-place `a[i] = op(a[i], b)` for every index
    /// (repeated indices apply repeatedly).
    #[pymethod]
    fn at(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult<()> {
        let b = bind("at", args, &["a", "indices", "b"], 3, vm)?;
        let target = b.req("a", vm)?;
        let Some(arr) = target.downcast_ref::<PyNdArray>() else {
            return Err(vm.new_type_error("first operand must be an ndarray"));
        };
        let indices = b.req("indices", vm)?;
        let keys: Vec<PyObjectRef> = if let Some(t) = indices.downcast_ref::<PyTuple>() {
            let cols = t
                .as_slice()
                .iter()
                .map(|c| int_list(c, vm))
                .collect::<PyResult<Vec<_>>>()?;
            let n = cols.first().map_or(0, |c| c.len());
            (0..n)
                .map(|k| {
                    let items = cols
                        .iter()
                        .map(|c| vm.ctx.new_int(c.get(k).copied().unwrap_or(0)).into())
                        .collect();
                    vm.ctx.new_tuple(items).into()
                })
                .collect()
        } else {
            let flat = ravel(&to_dense(indices, vm)?);
            ops::ints_of(&flat.data)
                .iter()
                .map(|&i| vm.ctx.new_int(i).into())
                .collect()
        };
        let vals = to_dense(b.req("b", vm)?, vm)?;
        let per_key = vals.size() == keys.len() && vals.size() > 1;
        charge(keys.len());
        for (k, key) in keys.iter().enumerate() {
            let cur_obj = index::getitem(arr, key, vm)?;
            let cur = to_operand(&cur_obj, vm)?;
            let other = if per_key {
                Dense {
                    dtype: vals.dtype,
                    shape: vec![],
                    data: take(&vals.data, &[k]),
                }
            } else {
                vals.clone()
            };
            let r = ops::binary(self.op, &strong(cur.dense), &strong(other)).py(vm)?;
            index::setitem(arr, key, &from_dense(r, vm), vm)?;
        }
        Ok(())
    }
}

impl Callable for PyUfunc {
    type Args = FuncArgs;

    fn call(zelf: &Py<Self>, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        (zelf.call)(args, vm)
    }
}

impl Representable for PyUfunc {
    fn repr_str(zelf: &Py<Self>, _vm: &VirtualMachine) -> PyResult<String> {
        Ok(format!("<ufunc '{}'>", zelf.name))
    }
}
