//! The Python-visible methods of `ndarray`, and the operator helpers its slots (`slots.rs`) use.

use super::algos;
use super::args::{bind, bind_varargs, int_list, to_i64, Bound};
use super::array::{
    contiguous_strides, data_get, from_dense, from_dense_or_scalar, opt_dtype, parse_dtype,
    py_scalar, shape_str, to_dense, to_operand, NpResultExt, Operand, PyDType, PyNdArray,
};
use super::dense::{Dense, Scalar};
use super::ops::{self, BinOp, Reduce, UnaryOp};
use super::scalars::plain_to_py;
use rustpython_vm::builtins::{PyList, PyStrRef, PyTuple, PyTupleRef};
use rustpython_vm::function::FuncArgs;
use rustpython_vm::types::{
    AsMapping, AsNumber, AsSequence, Comparable, GetAttr, Hashable, Iterable, Representable,
};
use rustpython_vm::{AsObject, PyObject, PyObjectRef, PyPayload, PyRef, PyResult, VirtualMachine};

/// Converts the other operand of an operator, or `None` when numpy would not treat it as an
/// array (so Python can try the reflected operation or report unsupported operand types).
pub(super) fn operand_opt(obj: &PyObject, vm: &VirtualMachine) -> PyResult<Option<Operand>> {
    let arrayish = obj.downcast_ref::<PyNdArray>().is_some()
        || obj.downcast_ref::<PyList>().is_some()
        || obj.downcast_ref::<PyTuple>().is_some()
        || py_scalar(obj, vm)?.is_some();
    if !arrayish {
        return Ok(None);
    }
    to_operand(obj, vm).map(Some)
}

/// numpy's error for an arithmetic ufunc between an array and a string (no loop for them).
fn string_operand(op: BinOp, vm: &VirtualMachine) -> rustpython_vm::builtins::PyBaseExceptionRef {
    super::scalar_api::numpy_error(
        "UFuncTypeError",
        &format!(
            "ufunc '{}' did not contain a loop with signature matching types",
            op.ufunc()
        ),
        vm,
    )
}

pub(super) fn binop(a: &PyObject, b: &PyObject, op: BinOp, vm: &VirtualMachine) -> PyResult {
    let is_str = |o: &PyObject| o.downcast_ref::<rustpython_vm::builtins::PyStr>().is_some();
    if !op.is_comparison() && (is_str(a) || is_str(b)) {
        return Err(string_operand(op, vm));
    }
    let (Some(x), Some(y)) = (operand_opt(a, vm)?, operand_opt(b, vm)?) else {
        return Ok(vm.ctx.not_implemented());
    };
    let d = ops::binary(op, &x, &y).py(vm)?;
    Ok(from_dense_or_scalar(d, vm))
}

pub(super) fn inplace(a: &PyObject, b: &PyObject, op: BinOp, vm: &VirtualMachine) -> PyResult {
    let Some(zelf) = a.downcast_ref::<PyNdArray>() else {
        return Ok(vm.ctx.not_implemented());
    };
    let Some(y) = operand_opt(b, vm)? else {
        return Ok(vm.ctx.not_implemented());
    };
    let x = Operand {
        dense: zelf.to_dense_value(),
        weak: false,
    };
    let d = ops::binary(op, &x, &y).py(vm)?;
    if !super::dense::can_cast(d.dtype, zelf.dtype, "same_kind").unwrap_or(false) {
        return Err(super::scalar_api::numpy_error(
            "UFuncTypeError",
            &format!(
                "Cannot cast ufunc '{}' output from dtype('{}') to dtype('{}') with casting rule \
             'same_kind'",
                op.ufunc(),
                d.dtype.name(),
                zelf.dtype.name()
            ),
            vm,
        ));
    }
    if d.shape != zelf.shape {
        return Err(vm.new_value_error(format!(
            "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
            shape_str(&zelf.shape),
            shape_str(&d.shape)
        )));
    }
    zelf.assign_dense(&d).py(vm)?;
    Ok(a.to_owned())
}

pub(super) fn matmul(a: &PyObject, b: &PyObject, vm: &VirtualMachine) -> PyResult {
    let (Some(x), Some(y)) = (operand_opt(a, vm)?, operand_opt(b, vm)?) else {
        return Ok(vm.ctx.not_implemented());
    };
    if x.dense.shape.is_empty() || y.dense.shape.is_empty() {
        return Err(vm.new_value_error(
            "matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with \
             signature (n?,k),(k,m?)->(n?,m?) requires 1)",
        ));
    }
    let d = algos::dot(&x.dense, &y.dense).py(vm)?;
    Ok(from_dense_or_scalar(d, vm))
}

pub(super) fn unop(num: &PyObject, op: UnaryOp, vm: &VirtualMachine) -> PyResult {
    let d = to_dense(num, vm)?;
    Ok(from_dense_or_scalar(ops::unary(op, &d).py(vm)?, vm))
}

pub(super) fn single_value(obj: &PyObject, vm: &VirtualMachine) -> PyResult<Scalar> {
    let d = to_dense(obj, vm)?;
    if !d.shape.is_empty() {
        return Err(
            vm.new_type_error("only 0-dimensional arrays can be converted to Python scalars")
        );
    }
    Ok(data_get(&d.data, 0))
}

/// Nested Python lists of the elements (`tolist()`).
pub(super) fn tolist(d: &Dense, vm: &VirtualMachine) -> PyObjectRef {
    fn rec(
        d: &Dense,
        axis: usize,
        base: usize,
        strides: &[isize],
        vm: &VirtualMachine,
    ) -> PyObjectRef {
        if axis == d.shape.len() {
            return plain_to_py(data_get(&d.data, base), vm);
        }
        let step = strides[axis] as usize;
        let items = (0..d.shape[axis])
            .map(|i| rec(d, axis + 1, base + i * step, strides, vm))
            .collect();
        vm.ctx.new_list(items).into()
    }
    rec(d, 0, 0, &contiguous_strides(&d.shape), vm)
}

/// Parses `axis=`/`keepdims=` and reduces (shared by methods and `np.sum` & co.).
pub(super) fn reduce_bound(d: &Dense, op: Reduce, b: &Bound, vm: &VirtualMachine) -> PyResult {
    let axes = b.axes("axis", vm)?;
    let keepdims = b.flag("keepdims", false, vm)?;
    if matches!(op, Reduce::ArgMax | Reduce::ArgMin) && axes.as_ref().is_some_and(|a| a.len() != 1)
    {
        return Err(vm.new_type_error("'tuple' object cannot be interpreted as an integer"));
    }
    let r = ops::reduce(d, op, axes.as_deref(), keepdims).py(vm)?;
    Ok(from_dense_or_scalar(r, vm))
}

const REDUCE_ARGS: &[&str] = &["axis", "dtype", "out", "keepdims"];

impl PyNdArray {
    fn reduce_method(
        &self,
        name: &'static str,
        op: Reduce,
        args: FuncArgs,
        vm: &VirtualMachine,
    ) -> PyResult {
        let b = bind(name, args, REDUCE_ARGS, 0, vm)?;
        let d = self.to_dense_value();
        let d = match opt_dtype(b.get("dtype", vm), vm)? {
            Some(t) => d.astype(t),
            None => d,
        };
        reduce_bound(&d, op, &b, vm)
    }

    /// `reshape` target: an int, a tuple/list, or several ints; one `-1` is inferred.
    pub(super) fn reshaped(&self, dims: Vec<i64>, vm: &VirtualMachine) -> PyResult<PyNdArray> {
        let shape = infer_shape(self.size(), &dims, vm)?;
        if self.is_contiguous() {
            let strides = contiguous_strides(&shape);
            return Ok(self.view(self.offset, shape, strides));
        }
        let mut d = self.to_dense_value();
        d.shape = shape;
        Ok(PyNdArray::from_dense_value(d))
    }

    /// A view with axes permuted (`None`: reversed).
    pub(super) fn transposed(
        &self,
        axes: Option<Vec<i64>>,
        vm: &VirtualMachine,
    ) -> PyResult<PyNdArray> {
        let nd = self.shape.len();
        let perm: Vec<usize> = match axes {
            None => (0..nd).rev().collect(),
            Some(list) => {
                if list.len() != nd {
                    return Err(vm.new_value_error("axes don't match array"));
                }
                let mut seen = vec![false; nd];
                let mut perm = Vec::with_capacity(nd);
                for a in list {
                    let k = ops::norm_axis(a as isize, nd).py(vm)?;
                    if seen[k] {
                        return Err(vm.new_value_error("repeated axis in transpose"));
                    }
                    seen[k] = true;
                    perm.push(k);
                }
                perm
            }
        };
        Ok(self.view(
            self.offset,
            perm.iter().map(|&k| self.shape[k]).collect(),
            perm.iter().map(|&k| self.strides[k]).collect(),
        ))
    }
}

/// A reshape target with `-1` resolved.
pub(super) fn infer_shape(size: usize, dims: &[i64], vm: &VirtualMachine) -> PyResult<Vec<usize>> {
    let unknown = dims.iter().filter(|&&d| d < 0).count();
    if unknown > 1 || dims.iter().any(|&d| d < -1) {
        return Err(vm.new_value_error(if unknown > 1 {
            "can only specify one unknown dimension"
        } else {
            "negative dimensions not allowed"
        }));
    }
    let known: usize = dims
        .iter()
        .filter(|&&d| d >= 0)
        .map(|&d| d as usize)
        .product();
    let fail = || {
        let shown: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
        let shape = if shown.len() == 1 {
            format!("({},)", shown[0])
        } else {
            format!("({})", shown.join(","))
        };
        vm.new_value_error(format!(
            "cannot reshape array of size {size} into shape {shape}"
        ))
    };
    let shape: Vec<usize> = dims
        .iter()
        .map(|&d| {
            if d < 0 {
                if known == 0 || !size.is_multiple_of(known) {
                    Err(fail())
                } else {
                    Ok(size / known)
                }
            } else {
                Ok(d as usize)
            }
        })
        .collect::<PyResult<_>>()?;
    if shape.iter().product::<usize>() != size {
        return Err(fail());
    }
    Ok(shape)
}

/// Dimensions given either as one sequence argument or as several int arguments.
pub(super) fn dims_from_args(args: &[PyObjectRef], vm: &VirtualMachine) -> PyResult<Vec<i64>> {
    match args {
        [one] => int_list(one, vm),
        many => many.iter().map(|o| to_i64(o, vm)).collect(),
    }
}

// IMMUTABLETYPE: the type object is shared by every program, so `np.ndarray.sum = None` must fail.
#[rustpython_vm::pyclass(
    flags(IMMUTABLETYPE),
    with(
        AsMapping,
        AsSequence,
        AsNumber,
        Comparable,
        GetAttr,
        Hashable,
        Iterable,
        Representable
    )
)]
impl PyNdArray {
    #[pygetset]
    fn shape(&self, vm: &VirtualMachine) -> PyTupleRef {
        let items = self
            .shape
            .iter()
            .map(|&d| vm.ctx.new_int(d).into())
            .collect();
        vm.ctx.new_tuple(items)
    }

    #[pygetset]
    fn ndim(&self) -> usize {
        self.shape.len()
    }

    #[pygetset(name = "size")]
    fn size_attr(&self) -> usize {
        self.size()
    }

    #[pygetset]
    fn itemsize(&self) -> usize {
        super::array::dtype_itemsize(self.dtype)
    }

    #[pygetset]
    fn nbytes(&self) -> usize {
        super::array::dtype_itemsize(self.dtype) * self.size()
    }

    #[pygetset]
    fn dtype(&self, vm: &VirtualMachine) -> PyObjectRef {
        PyDType { dtype: self.dtype }.into_pyobject(vm)
    }

    #[pygetset(name = "T")]
    fn t(&self, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        Ok(self.transposed(None, vm)?.into_pyobject(vm))
    }

    #[pygetset]
    fn flat(zelf: PyRef<Self>, vm: &VirtualMachine) -> PyObjectRef {
        super::flatiter::flat(zelf, vm)
    }

    #[pymethod]
    fn tobytes(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind("tobytes", args, &["order"], 0, vm)?;
        b.only("order", "C", vm)?;
        Ok(super::flatiter::tobytes(self, vm))
    }

    #[pymethod]
    fn copy(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind("copy", args, &["order"], 0, vm)?;
        b.only("order", "C", vm)?;
        Ok(from_dense(self.to_dense_value(), vm))
    }

    #[pymethod]
    fn __copy__(&self, vm: &VirtualMachine) -> PyObjectRef {
        from_dense(self.to_dense_value(), vm)
    }

    #[pymethod]
    fn __deepcopy__(&self, _memo: PyObjectRef, vm: &VirtualMachine) -> PyObjectRef {
        from_dense(self.to_dense_value(), vm)
    }

    #[pymethod]
    fn tolist(&self, vm: &VirtualMachine) -> PyObjectRef {
        tolist(&self.to_dense_value(), vm)
    }

    #[pymethod]
    fn astype(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind(
            "astype",
            args,
            &["dtype", "order", "casting", "subok", "copy"],
            1,
            vm,
        )?;
        let dtype = parse_dtype(b.req("dtype", vm)?, vm)?;
        if let Some(rule) = b.get("casting", vm) {
            let rule = rule.str(vm)?.to_string_lossy().into_owned();
            match super::dense::can_cast(self.dtype, dtype, &rule) {
                None => {
                    return Err(vm.new_value_error(
                        "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'",
                    ))
                }
                Some(false) => {
                    return Err(vm.new_type_error(format!(
                        "Cannot cast array data from dtype('{}') to dtype('{}') according to the \
                         rule '{rule}'",
                        self.dtype.name(),
                        dtype.name()
                    )))
                }
                Some(true) => {}
            }
        }
        Ok(from_dense(self.to_dense_value().astype(dtype), vm))
    }

    #[pymethod]
    fn flatten(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind("flatten", args, &["order"], 0, vm)?;
        b.only("order", "C", vm)?;
        let d = self.to_dense_value();
        let n = d.size();
        Ok(from_dense(
            Dense {
                shape: vec![n],
                ..d
            },
            vm,
        ))
    }

    #[pymethod]
    fn ravel(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind("ravel", args, &["order"], 0, vm)?;
        b.only("order", "C", vm)?;
        Ok(self.reshaped(vec![-1], vm)?.into_pyobject(vm))
    }

    #[pymethod]
    fn reshape(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind_varargs("reshape", args, &[], vm)?;
        b.only("order", "C", vm).ok();
        if b.rest.is_empty() {
            return Err(vm.new_type_error("reshape() takes exactly 1 argument (0 given)"));
        }
        let dims = dims_from_args(&b.rest, vm)?;
        Ok(self.reshaped(dims, vm)?.into_pyobject(vm))
    }

    #[pymethod]
    fn transpose(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let axes = match args.args.as_slice() {
            [] => None,
            [one] if vm.is_none(one) => None,
            list => Some(dims_from_args(list, vm)?),
        };
        Ok(self.transposed(axes, vm)?.into_pyobject(vm))
    }

    #[pymethod]
    fn swapaxes(&self, a: PyObjectRef, b: PyObjectRef, vm: &VirtualMachine) -> PyResult {
        let nd = self.shape.len();
        let i = ops::norm_axis(to_i64(&a, vm)? as isize, nd).py(vm)?;
        let j = ops::norm_axis(to_i64(&b, vm)? as isize, nd).py(vm)?;
        let mut perm: Vec<i64> = (0..nd as i64).collect();
        perm.swap(i, j);
        Ok(self.transposed(Some(perm), vm)?.into_pyobject(vm))
    }

    #[pymethod]
    fn squeeze(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind("squeeze", args, &["axis"], 0, vm)?;
        Ok(squeeze_view(self, b.axes("axis", vm)?, vm)?.into_pyobject(vm))
    }

    #[pymethod]
    fn fill(&self, value: PyObjectRef, vm: &VirtualMachine) -> PyResult<()> {
        super::coerce::check_py_value(&value, self.dtype, vm)?;
        let d = to_dense(&value, vm)?;
        if d.size() != 1 {
            return Err(vm.new_value_error("setting an array element with a sequence."));
        }
        self.assign_dense(&d).py(vm)
    }

    #[pymethod]
    fn item(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let d = self.to_dense_value();
        let flat = match args.args.as_slice() {
            [] => {
                if d.size() != 1 {
                    return Err(vm.new_value_error(
                        "can only convert an array of size 1 to a Python scalar",
                    ));
                }
                0
            }
            [one] if one.downcast_ref::<PyTuple>().is_none() => {
                let i = to_i64(one, vm)?;
                let n = d.size() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(
                        vm.new_index_error(format!("index {i} is out of bounds for size {n}"))
                    );
                }
                j as usize
            }
            many => {
                let idx = dims_from_args(many, vm)?;
                if idx.len() != d.shape.len() {
                    return Err(vm.new_value_error("incorrect number of indices for array"));
                }
                let strides = contiguous_strides(&d.shape);
                let mut off = 0usize;
                for (k, &i) in idx.iter().enumerate() {
                    let n = d.shape[k] as i64;
                    let j = if i < 0 { i + n } else { i };
                    if j < 0 || j >= n {
                        return Err(vm.new_index_error(format!(
                            "index {i} is out of bounds for axis {k} with size {n}"
                        )));
                    }
                    off += j as usize * strides[k] as usize;
                }
                off
            }
        };
        Ok(plain_to_py(data_get(&d.data, flat), vm))
    }

    #[pymethod]
    fn sum(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        self.reduce_method("sum", Reduce::Sum, args, vm)
    }

    #[pymethod]
    fn prod(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        self.reduce_method("prod", Reduce::Prod, args, vm)
    }

    #[pymethod]
    fn min(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        self.reduce_method("min", Reduce::Min, args, vm)
    }

    #[pymethod]
    fn max(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        self.reduce_method("max", Reduce::Max, args, vm)
    }

    #[pymethod]
    fn mean(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        self.reduce_method("mean", Reduce::Mean, args, vm)
    }

    #[pymethod]
    fn std(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        self.reduce_method("std", Reduce::Std, args, vm)
    }

    #[pymethod]
    fn var(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        self.reduce_method("var", Reduce::Var, args, vm)
    }

    #[pymethod]
    fn any(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        self.reduce_method("any", Reduce::Any, args, vm)
    }

    #[pymethod]
    fn all(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        self.reduce_method("all", Reduce::All, args, vm)
    }

    #[pymethod]
    fn argmax(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        self.reduce_method("argmax", Reduce::ArgMax, args, vm)
    }

    #[pymethod]
    fn argmin(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        self.reduce_method("argmin", Reduce::ArgMin, args, vm)
    }

    #[pymethod]
    fn nonzero(&self, vm: &VirtualMachine) -> PyResult {
        let parts = algos::nonzero(&self.to_dense_value()).py(vm)?;
        let items = parts.into_iter().map(|d| from_dense(d, vm)).collect();
        Ok(vm.ctx.new_tuple(items).into())
    }

    #[pymethod]
    fn sort(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult<()> {
        let b = bind("sort", args, &["axis", "kind", "order"], 0, vm)?;
        let axis = b.axis("axis", vm)?.unwrap_or(-1);
        let sorted = algos::sort(&self.to_dense_value(), Some(axis)).py(vm)?;
        self.assign_dense(&sorted).py(vm)
    }

    #[pymethod]
    fn argsort(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind("argsort", args, &["axis", "kind", "order"], 0, vm)?;
        let axis = match b.raw("axis") {
            Some(v) if vm.is_none(v) => None,
            _ => Some(b.axis("axis", vm)?.unwrap_or(-1)),
        };
        Ok(from_dense(
            algos::argsort(&self.to_dense_value(), axis).py(vm)?,
            vm,
        ))
    }

    #[pymethod]
    fn cumsum(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind("cumsum", args, &["axis", "dtype", "out"], 0, vm)?;
        let d = algos::cumsum(&self.to_dense_value(), b.axis("axis", vm)?).py(vm)?;
        Ok(from_dense(d, vm))
    }

    #[pymethod]
    fn cumprod(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind("cumprod", args, &["axis", "dtype", "out"], 0, vm)?;
        let d = super::extra_algos::cumprod(&self.to_dense_value(), b.axis("axis", vm)?).py(vm)?;
        Ok(from_dense(d, vm))
    }

    #[pymethod]
    fn diagonal(zelf: PyRef<Self>, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        call_module("diagonal", zelf, args, vm)
    }

    #[pymethod]
    fn trace(zelf: PyRef<Self>, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        call_module("trace", zelf, args, vm)
    }

    #[pymethod]
    fn take(zelf: PyRef<Self>, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        call_module("take", zelf, args, vm)
    }

    #[pymethod]
    fn searchsorted(zelf: PyRef<Self>, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        call_module("searchsorted", zelf, args, vm)
    }

    /// Real arrays are their own conjugate (a copy, as numpy returns).
    #[pymethod]
    fn conj(&self, vm: &VirtualMachine) -> PyResult {
        Ok(from_dense(self.to_dense_value(), vm))
    }

    #[pymethod]
    fn conjugate(&self, vm: &VirtualMachine) -> PyResult {
        Ok(from_dense(self.to_dense_value(), vm))
    }

    #[pymethod]
    fn repeat(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind("repeat", args, &["repeats", "axis"], 1, vm)?;
        super::functions::repeat_impl(self.to_dense_value(), &b, vm)
    }

    #[pymethod]
    fn clip(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind("clip", args, &["min", "max", "out"], 0, vm)?;
        super::ufuncs::clip_impl(
            Operand {
                dense: self.to_dense_value(),
                weak: false,
            },
            b.get("min", vm),
            b.get("max", vm),
            vm,
        )
    }

    #[pymethod]
    fn round(&self, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        let b = bind("round", args, &["decimals", "out"], 0, vm)?;
        let decimals = b.int("decimals", 0, vm)?;
        Ok(from_dense(ops::round(&self.to_dense_value(), decimals), vm))
    }

    #[pymethod]
    fn dot(zelf: PyRef<Self>, other: PyObjectRef, vm: &VirtualMachine) -> PyResult {
        matmul(zelf.as_object(), &other, vm)
    }

    #[pymethod]
    fn __array__(zelf: PyRef<Self>) -> PyRef<Self> {
        zelf
    }

    #[pyslot]
    fn slot_str(zelf: &PyObject, vm: &VirtualMachine) -> PyResult<PyStrRef> {
        let d = to_dense(zelf, vm)?;
        Ok(vm.ctx.new_str(super::repr::str(&d)))
    }
}

/// `a.name(*args)` as `numpy.name(a, *args)` (methods that are module functions in numpy too).
fn call_module(
    name: &'static str,
    zelf: PyRef<PyNdArray>,
    mut args: FuncArgs,
    vm: &VirtualMachine,
) -> PyResult {
    let np = vm
        .sys_module
        .get_attr("modules", vm)?
        .get_item("numpy", vm)?;
    let f = np.get_attr(name, vm)?;
    args.prepend_arg(zelf.into());
    f.call(args, vm)
}

/// `squeeze`: a view without length-1 axes (all of them, or the given ones).
pub(super) fn squeeze_view(
    a: &PyNdArray,
    axes: Option<Vec<isize>>,
    vm: &VirtualMachine,
) -> PyResult<PyNdArray> {
    let nd = a.shape.len();
    let mut drop = vec![false; nd];
    match axes {
        None => {
            for (k, &d) in a.shape.iter().enumerate() {
                drop[k] = d == 1;
            }
        }
        Some(list) => {
            for ax in list {
                let k = ops::norm_axis(ax, nd).py(vm)?;
                if a.shape[k] != 1 {
                    return Err(vm.new_value_error(
                        "cannot select an axis to squeeze out which has size not equal to one",
                    ));
                }
                drop[k] = true;
            }
        }
    }
    let keep = |k: &usize| !drop[*k];
    Ok(a.view(
        a.offset,
        (0..nd).filter(keep).map(|k| a.shape[k]).collect(),
        (0..nd).filter(keep).map(|k| a.strides[k]).collect(),
    ))
}
