//! `ndarray.flat` (`numpy.flatiter`: a 1-D window onto an array that reads and writes through to
//! it) and `ndarray.tobytes()`.

use super::array::{charge, data_get, from_dense, NpResultExt, PyNdArray};
use super::dense::{Data, Dense};
use super::index;
use super::scalars::scalar_to_py;
use rustpython_vm::builtins::PyInt;
use rustpython_vm::class::PyClassImpl;
use rustpython_vm::protocol::PyMappingMethods;
use rustpython_vm::types::{AsMapping, Iterable};
use rustpython_vm::{
    atomic_func, PyObject, PyObjectRef, PyPayload, PyRef, PyResult, VirtualMachine,
};

/// `numpy.flatiter`: indexing `a.flat[i]`, `a.flat[[0, 5]]`, `a.flat[1:3]` reads `a` in C order;
/// assigning through it writes into `a`.
#[rustpython_vm::pyclass(module = "numpy", name = "flatiter")]
#[derive(Debug, PyPayload)]
pub struct PyFlatIter {
    base: PyRef<PyNdArray>,
}

/// `a.flat` for the array `a`.
pub fn flat(base: PyRef<PyNdArray>, vm: &VirtualMachine) -> PyObjectRef {
    PyFlatIter::make_static_type();
    PyFlatIter { base }.into_pyobject(vm)
}

impl PyFlatIter {
    /// A 1-D array over the elements: a view when the base is contiguous, else a copy (`true`).
    fn flat_array(&self) -> (PyNdArray, bool) {
        let a = &self.base;
        let n = a.size();
        if a.is_contiguous() {
            return (a.view(a.offset, vec![n], vec![1]), false);
        }
        let d = a.to_dense_value();
        (
            PyNdArray::from_dense_value(Dense {
                shape: vec![n],
                ..d
            }),
            true,
        )
    }

    /// numpy's flatiter bounds message for an integer key.
    fn check_int(&self, key: &PyObject, vm: &VirtualMachine) -> PyResult<()> {
        if let Some(i) = key.downcast_ref::<PyInt>() {
            let n = self.base.size();
            let ok =
                i64::try_from(i.as_bigint()).is_ok_and(|i| (-(n as i64)..n as i64).contains(&i));
            if !ok {
                return Err(vm.new_index_error(format!(
                    "index {} is out of bounds for size {n}",
                    i.as_bigint()
                )));
            }
        }
        Ok(())
    }

    fn get(&self, key: &PyObject, vm: &VirtualMachine) -> PyResult {
        self.check_int(key, vm)?;
        let (view, _) = self.flat_array();
        let r = index::getitem(&view, key, vm)?;
        // numpy returns copies from flatiter indexing (never views of the base).
        if let Some(arr) = r.downcast_ref::<PyNdArray>() {
            return Ok(from_dense(arr.to_dense_value(), vm));
        }
        Ok(r)
    }

    fn set(&self, key: &PyObject, value: &PyObject, vm: &VirtualMachine) -> PyResult<()> {
        self.check_int(key, vm)?;
        let (view, copied) = self.flat_array();
        index::setitem(&view, key, value, vm)?;
        if copied {
            let mut d = view.to_dense_value();
            d.shape = self.base.shape.clone();
            self.base.assign_dense(&d).py(vm)?;
        }
        Ok(())
    }
}

#[rustpython_vm::pyclass(flags(IMMUTABLETYPE), with(AsMapping, Iterable))]
impl PyFlatIter {
    #[pygetset]
    fn base(&self) -> PyRef<PyNdArray> {
        self.base.clone()
    }

    #[pymethod]
    fn copy(&self, vm: &VirtualMachine) -> PyObjectRef {
        let d = self.base.to_dense_value();
        let n = d.size();
        from_dense(
            Dense {
                shape: vec![n],
                ..d
            },
            vm,
        )
    }
}

impl AsMapping for PyFlatIter {
    fn as_mapping() -> &'static PyMappingMethods {
        static AS_MAPPING: PyMappingMethods = PyMappingMethods {
            length: atomic_func!(|m, _vm| Ok(PyFlatIter::mapping_downcast(m).base.size())),
            subscript: atomic_func!(|m, needle, vm| PyFlatIter::mapping_downcast(m).get(needle, vm)),
            ass_subscript: atomic_func!(|m, needle, value, vm| {
                let zelf = PyFlatIter::mapping_downcast(m);
                match value {
                    Some(v) => zelf.set(needle, &v, vm),
                    None => Err(vm.new_type_error("Cannot delete array elements.")),
                }
            }),
        };
        &AS_MAPPING
    }
}

impl Iterable for PyFlatIter {
    fn iter(zelf: PyRef<Self>, vm: &VirtualMachine) -> PyResult {
        let d = zelf.base.to_dense_value();
        let items: Vec<PyObjectRef> = (0..d.size())
            .map(|i| scalar_to_py(data_get(&d.data, i), d.dtype, vm))
            .collect();
        let list: PyObjectRef = vm.ctx.new_list(items).into();
        list.get_iter(vm).map(Into::into)
    }
}

/// `a.tobytes()`: the elements in C order, each in its dtype's width, little-endian.
pub fn tobytes(a: &PyNdArray, vm: &VirtualMachine) -> PyObjectRef {
    let d = a.to_dense_value();
    let width = super::array::dtype_itemsize(d.dtype);
    charge(d.size() * width);
    let mut out = Vec::with_capacity(d.size() * width);
    match &d.data {
        Data::Bool(v) => out.extend(v.iter().map(|&b| b as u8)),
        Data::Int(v) => {
            for &x in v {
                out.extend_from_slice(x.to_le_bytes().get(..width).unwrap_or(&[]));
            }
        }
        Data::Float(v) if width == 4 => {
            for &x in v {
                out.extend_from_slice(&(x as f32).to_le_bytes());
            }
        }
        Data::Float(v) => {
            for &x in v {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
    }
    vm.ctx.new_bytes(out).into()
}
