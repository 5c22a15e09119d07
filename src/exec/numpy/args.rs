//! Binding numpy-style positional/keyword arguments by name, and small converters for the
//! argument kinds numpy functions share (axis, shape, bool flags).

use super::array::{py_scalar, NpResultExt};
use super::dense::Scalar;
use rustpython_vm::builtins::{PyList, PyTuple};
use rustpython_vm::function::FuncArgs;
use rustpython_vm::{PyObject, PyObjectRef, PyResult, VirtualMachine};

/// Arguments bound to parameter names; `None` values count as absent.
pub struct Bound {
    fname: &'static str,
    names: &'static [&'static str],
    values: Vec<Option<PyObjectRef>>,
    /// Extra positional arguments when the signature takes `*args` (see [`bind_varargs`]).
    pub rest: Vec<PyObjectRef>,
}

/// Binds `args` to `names` (positional first, then keywords); the first `required` are mandatory.
pub fn bind(
    fname: &'static str,
    args: FuncArgs,
    names: &'static [&'static str],
    required: usize,
    vm: &VirtualMachine,
) -> PyResult<Bound> {
    if args.args.len() > names.len() {
        return Err(vm.new_type_error(format!(
            "{fname}() takes at most {} positional arguments ({} given)",
            names.len(),
            args.args.len()
        )));
    }
    bind_inner(fname, args, names, required, vm)
}

/// Like [`bind`], but positional arguments beyond `names` go to [`Bound::rest`] (for `*args`).
pub fn bind_varargs(
    fname: &'static str,
    mut args: FuncArgs,
    names: &'static [&'static str],
    vm: &VirtualMachine,
) -> PyResult<Bound> {
    let rest = if args.args.len() > names.len() {
        args.args.split_off(names.len())
    } else {
        vec![]
    };
    let mut b = bind_inner(fname, args, names, 0, vm)?;
    b.rest = rest;
    Ok(b)
}

fn bind_inner(
    fname: &'static str,
    args: FuncArgs,
    names: &'static [&'static str],
    required: usize,
    vm: &VirtualMachine,
) -> PyResult<Bound> {
    let mut values: Vec<Option<PyObjectRef>> = vec![None; names.len()];
    for (slot, v) in values.iter_mut().zip(args.args) {
        *slot = Some(v);
    }
    for (k, v) in args.kwargs {
        let Some(pos) = names.iter().position(|n| *n == k) else {
            return Err(vm.new_type_error(format!(
                "{fname}() got an unexpected keyword argument '{k}'"
            )));
        };
        if values[pos].is_some() {
            return Err(vm.new_type_error(format!(
                "argument for {fname}() given by name ('{k}') and position ({})",
                pos + 1
            )));
        }
        values[pos] = Some(v);
    }
    for (i, name) in names.iter().enumerate().take(required) {
        if values[i].is_none() {
            return Err(vm.new_type_error(format!(
                "{fname}() missing required argument '{name}' (pos {})",
                i + 1
            )));
        }
    }
    Ok(Bound {
        fname,
        names,
        values,
        rest: vec![],
    })
}

impl Bound {
    fn pos(&self, name: &str) -> usize {
        self.names
            .iter()
            .position(|n| *n == name)
            .unwrap_or(usize::MAX)
    }

    /// The value given for `name`, if any (Python `None` included).
    pub fn raw(&self, name: &str) -> Option<&PyObjectRef> {
        self.values.get(self.pos(name)).and_then(|v| v.as_ref())
    }

    /// The value given for `name`, treating `None` as absent.
    pub fn get(&self, name: &str, vm: &VirtualMachine) -> Option<&PyObjectRef> {
        self.raw(name).filter(|v| !vm.is_none(v))
    }

    /// A required argument.
    pub fn req(&self, name: &str, vm: &VirtualMachine) -> PyResult<&PyObjectRef> {
        self.raw(name).ok_or_else(|| {
            vm.new_type_error(format!(
                "{}() missing required argument '{name}'",
                self.fname
            ))
        })
    }

    /// A boolean flag (default when absent).
    pub fn flag(&self, name: &str, default: bool, vm: &VirtualMachine) -> PyResult<bool> {
        match self.get(name, vm) {
            Some(v) => v.clone().try_to_bool(vm),
            None => Ok(default),
        }
    }

    /// An integer argument (default when absent).
    pub fn int(&self, name: &str, default: i64, vm: &VirtualMachine) -> PyResult<i64> {
        match self.get(name, vm) {
            Some(v) => to_i64(v, vm),
            None => Ok(default),
        }
    }

    /// An axis argument: `None`, an int, or (where `allow_tuple`) a tuple of ints.
    pub fn axes(&self, name: &str, vm: &VirtualMachine) -> PyResult<Option<Vec<isize>>> {
        match self.get(name, vm) {
            None => Ok(None),
            Some(v) => int_list(v, vm).map(|l| Some(l.into_iter().map(|x| x as isize).collect())),
        }
    }

    /// A single-axis argument.
    pub fn axis(&self, name: &str, vm: &VirtualMachine) -> PyResult<Option<isize>> {
        match self.get(name, vm) {
            None => Ok(None),
            Some(v) => to_i64(v, vm).map(|x| Some(x as isize)),
        }
    }

    /// Rejects an argument that is given with a value other than `allowed`.
    pub fn only(&self, name: &str, allowed: &str, vm: &VirtualMachine) -> PyResult<()> {
        if let Some(v) = self.get(name, vm) {
            let text = v.str(vm)?.to_string_lossy().into_owned();
            if text != allowed {
                return Err(vm.new_not_implemented_error(format!(
                    "numpy.{}: {name}={} is not supported",
                    self.fname,
                    v.repr(vm)?.to_string_lossy()
                )));
            }
        }
        Ok(())
    }
}

/// An integer (Python int, bool, or anything with `__index__`).
pub fn to_i64(obj: &PyObject, vm: &VirtualMachine) -> PyResult<i64> {
    match py_scalar(obj, vm)? {
        Some(Scalar::Int(i)) => Ok(i),
        Some(Scalar::Bool(b)) => Ok(b as i64),
        Some(Scalar::Float(_)) => {
            Err(vm.new_type_error("'float' object cannot be interpreted as an integer"))
        }
        None => {
            if let Some(a) = obj.downcast_ref::<super::array::PyNdArray>() {
                if a.size() == 1 && a.dtype.is_int() {
                    if let Scalar::Int(i) = super::array::data_get(&a.to_dense_value().data, 0) {
                        return Ok(i);
                    }
                }
            }
            let i = obj.try_index(vm)?;
            i64::try_from(i.as_bigint())
                .map_err(|_| vm.new_overflow_error("Python int too large to convert to C long"))
        }
    }
}

/// An int or a sequence of ints (shapes, axis tuples, reps).
pub fn int_list(obj: &PyObject, vm: &VirtualMachine) -> PyResult<Vec<i64>> {
    if let Some(t) = obj.downcast_ref::<PyTuple>() {
        return t.as_slice().iter().map(|o| to_i64(o, vm)).collect();
    }
    if let Some(l) = obj.downcast_ref::<PyList>() {
        return l.borrow_vec().iter().map(|o| to_i64(o, vm)).collect();
    }
    if let Some(a) = obj.downcast_ref::<super::array::PyNdArray>() {
        if a.shape.len() == 1 {
            let d = a.to_dense_value();
            if !a.dtype.is_int() && d.size() > 0 {
                return Err(vm.new_type_error("'float' object cannot be interpreted as an integer"));
            }
            return Ok(super::ops::ints_of(&d.data).into_owned());
        }
    }
    Ok(vec![to_i64(obj, vm)?])
}

/// A shape: an int or a sequence of non-negative ints.
pub fn to_shape(obj: &PyObject, vm: &VirtualMachine) -> PyResult<Vec<usize>> {
    let dims = int_list(obj, vm)?;
    let shape = dims
        .iter()
        .map(|&d| {
            usize::try_from(d)
                .map_err(|_| vm.new_value_error("negative dimensions are not allowed"))
        })
        .collect::<PyResult<Vec<_>>>()?;
    super::dense::checked_size(&shape).py(vm)?;
    Ok(shape)
}
