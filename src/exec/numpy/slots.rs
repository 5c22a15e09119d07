//! Protocol slots of `ndarray` (mapping, sequence, number, comparison, iteration, printing)
//! and the `dtype` type.

use super::array::{
    data_get, from_dense_or_scalar, parse_dtype, to_dense, NpResultExt, Operand, PyDType, PyNdArray,
};
use super::dense::{DType, Dense, Scalar};
use super::index;
use super::methods::{binop, inplace, matmul, operand_opt, single_value, unop};
use super::ops::{self, BinOp, UnaryOp};
use rustpython_vm::builtins::{PyStr, PyStrRef, PyType, PyTypeRef};
use rustpython_vm::function::{Either, FuncArgs, PyComparisonValue};
use rustpython_vm::protocol::{PyMappingMethods, PyNumberMethods, PySequenceMethods};
use rustpython_vm::types::{
    AsMapping, AsNumber, AsSequence, Callable, Comparable, Constructor, GetAttr, Hashable,
    Iterable, PyComparisonOp, Representable,
};
use rustpython_vm::{
    atomic_func, AsObject, Py, PyObject, PyObjectRef, PyRef, PyResult, VirtualMachine,
};

fn first_len(zelf: &PyNdArray, vm: &VirtualMachine) -> PyResult<usize> {
    zelf.shape
        .first()
        .copied()
        .ok_or_else(|| vm.new_type_error("len() of unsized object"))
}

impl AsMapping for PyNdArray {
    fn as_mapping() -> &'static PyMappingMethods {
        static AS_MAPPING: PyMappingMethods = PyMappingMethods {
            length: atomic_func!(|m, vm| first_len(PyNdArray::mapping_downcast(m), vm)),
            subscript: atomic_func!(|m, needle, vm| {
                index::getitem(PyNdArray::mapping_downcast(m), needle, vm)
            }),
            ass_subscript: atomic_func!(|m, needle, value, vm| {
                let zelf = PyNdArray::mapping_downcast(m);
                match value {
                    Some(v) => index::setitem(zelf, needle, &v, vm),
                    None => Err(vm.new_value_error("cannot delete array elements")),
                }
            }),
        };
        &AS_MAPPING
    }
}

impl AsSequence for PyNdArray {
    fn as_sequence() -> &'static PySequenceMethods {
        static AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
            length: atomic_func!(|s, vm| first_len(PyNdArray::sequence_downcast(s), vm)),
            contains: atomic_func!(|s, target, vm| {
                let zelf = PyNdArray::sequence_downcast(s);
                let Some(y) = operand_opt(target, vm)? else {
                    return Ok(false);
                };
                let x = Operand {
                    dense: zelf.to_dense_value(),
                    weak: false,
                };
                let eq = ops::binary(BinOp::Eq, &x, &y).py(vm)?;
                Ok(ops::bools_of(&eq.data).iter().any(|&b| b))
            }),
            ..PySequenceMethods::NOT_IMPLEMENTED
        };
        &AS_SEQUENCE
    }
}

impl AsNumber for PyNdArray {
    fn as_number() -> &'static PyNumberMethods {
        static AS_NUMBER: PyNumberMethods = PyNumberMethods {
            add: Some(|a, b, vm| binop(a, b, BinOp::Add, vm)),
            subtract: Some(|a, b, vm| binop(a, b, BinOp::Sub, vm)),
            multiply: Some(|a, b, vm| binop(a, b, BinOp::Mul, vm)),
            remainder: Some(|a, b, vm| binop(a, b, BinOp::Mod, vm)),
            power: Some(|a, b, _c, vm| binop(a, b, BinOp::Pow, vm)),
            negative: Some(|n, vm| unop(n.obj, UnaryOp::Neg, vm)),
            positive: Some(|n, vm| unop(n.obj, UnaryOp::Pos, vm)),
            absolute: Some(|n, vm| unop(n.obj, UnaryOp::Abs, vm)),
            boolean: Some(|n, vm| {
                let d = to_dense(n.obj, vm)?;
                match d.size() {
                    1 => Ok(super::array::scalar_truthy(data_get(&d.data, 0))),
                    0 => Err(vm.new_value_error(
                        "The truth value of an empty array is ambiguous. Use `array.size > 0` to \
                         check that an array is not empty.",
                    )),
                    _ => Err(vm.new_value_error(
                        "The truth value of an array with more than one element is ambiguous. \
                         Use a.any() or a.all()",
                    )),
                }
            }),
            invert: Some(|n, vm| unop(n.obj, UnaryOp::Invert, vm)),
            lshift: Some(|a, b, vm| binop(a, b, BinOp::LShift, vm)),
            rshift: Some(|a, b, vm| binop(a, b, BinOp::RShift, vm)),
            and: Some(|a, b, vm| binop(a, b, BinOp::And, vm)),
            xor: Some(|a, b, vm| binop(a, b, BinOp::Xor, vm)),
            or: Some(|a, b, vm| binop(a, b, BinOp::Or, vm)),
            int: Some(|n, vm| {
                Ok(match single_value(n.obj, vm)? {
                    Scalar::Float(f) => {
                        let f = vm.ctx.new_float(f);
                        f.as_object().try_int(vm)?.into()
                    }
                    Scalar::Bool(b) => vm.ctx.new_int(b as i64).into(),
                    Scalar::Int(i) => vm.ctx.new_int(i).into(),
                })
            }),
            float: Some(|n, vm| {
                Ok(match single_value(n.obj, vm)? {
                    Scalar::Float(f) => vm.ctx.new_float(f).into(),
                    Scalar::Bool(b) => vm.ctx.new_float(b as u8 as f64).into(),
                    Scalar::Int(i) => vm.ctx.new_float(i as f64).into(),
                })
            }),
            index: Some(|n, vm| {
                let a = n.obj.downcast_ref::<PyNdArray>();
                match (a, single_value(n.obj, vm)?) {
                    (Some(a), Scalar::Int(i)) if a.shape.is_empty() => Ok(vm.ctx.new_int(i).into()),
                    _ => Err(vm.new_type_error(
                        "only integer scalar arrays can be converted to a scalar index",
                    )),
                }
            }),
            inplace_add: Some(|a, b, vm| inplace(a, b, BinOp::Add, vm)),
            inplace_subtract: Some(|a, b, vm| inplace(a, b, BinOp::Sub, vm)),
            inplace_multiply: Some(|a, b, vm| inplace(a, b, BinOp::Mul, vm)),
            inplace_remainder: Some(|a, b, vm| inplace(a, b, BinOp::Mod, vm)),
            inplace_power: Some(|a, b, _c, vm| inplace(a, b, BinOp::Pow, vm)),
            inplace_lshift: Some(|a, b, vm| inplace(a, b, BinOp::LShift, vm)),
            inplace_rshift: Some(|a, b, vm| inplace(a, b, BinOp::RShift, vm)),
            inplace_and: Some(|a, b, vm| inplace(a, b, BinOp::And, vm)),
            inplace_xor: Some(|a, b, vm| inplace(a, b, BinOp::Xor, vm)),
            inplace_or: Some(|a, b, vm| inplace(a, b, BinOp::Or, vm)),
            floor_divide: Some(|a, b, vm| binop(a, b, BinOp::FloorDiv, vm)),
            true_divide: Some(|a, b, vm| binop(a, b, BinOp::TrueDiv, vm)),
            inplace_floor_divide: Some(|a, b, vm| inplace(a, b, BinOp::FloorDiv, vm)),
            inplace_true_divide: Some(|a, b, vm| inplace(a, b, BinOp::TrueDiv, vm)),
            matrix_multiply: Some(matmul),
            ..PyNumberMethods::NOT_IMPLEMENTED
        };
        &AS_NUMBER
    }
}

impl Comparable for PyNdArray {
    fn slot_richcompare(
        zelf: &PyObject,
        other: &PyObject,
        op: PyComparisonOp,
        vm: &VirtualMachine,
    ) -> PyResult<Either<PyObjectRef, PyComparisonValue>> {
        let bop = if op == PyComparisonOp::Lt {
            BinOp::Lt
        } else if op == PyComparisonOp::Le {
            BinOp::Le
        } else if op == PyComparisonOp::Eq {
            BinOp::Eq
        } else if op == PyComparisonOp::Ne {
            BinOp::Ne
        } else if op == PyComparisonOp::Gt {
            BinOp::Gt
        } else {
            BinOp::Ge
        };
        let Some(y) = operand_opt(other, vm)? else {
            if matches!(bop, BinOp::Eq | BinOp::Ne) {
                // numpy compares elementwise with anything: nothing equals a non-number.
                let a = to_dense(zelf, vm)?;
                let n = a.size();
                let d = Dense::bools(a.shape, vec![bop == BinOp::Ne; n]).py(vm)?;
                return Ok(Either::A(from_dense_or_scalar(d, vm)));
            }
            return Ok(Either::B(PyComparisonValue::NotImplemented));
        };
        let x = Operand {
            dense: to_dense(zelf, vm)?,
            weak: false,
        };
        let d = ops::binary(bop, &x, &y).py(vm)?;
        Ok(Either::A(from_dense_or_scalar(d, vm)))
    }

    fn cmp(
        _zelf: &Py<Self>,
        _other: &PyObject,
        _op: PyComparisonOp,
        _vm: &VirtualMachine,
    ) -> PyResult<PyComparisonValue> {
        Ok(PyComparisonValue::NotImplemented)
    }
}

impl GetAttr for PyNdArray {
    // Only to word misses like numpy ('numpy.ndarray' object has no attribute ...).
    fn getattro(zelf: &Py<Self>, name: &Py<PyStr>, vm: &VirtualMachine) -> PyResult {
        zelf.as_object()
            .generic_getattr_opt(name, None, vm)?
            .ok_or_else(|| {
                let msg = format!(
                    "'numpy.ndarray' object has no attribute '{}'",
                    name.to_string_lossy()
                );
                vm.new_attribute_error(msg)
            })
    }
}

impl Hashable for PyNdArray {
    fn hash(
        _zelf: &Py<Self>,
        vm: &VirtualMachine,
    ) -> PyResult<rustpython_vm::common::hash::PyHash> {
        Err(vm.new_type_error("unhashable type: 'numpy.ndarray'"))
    }
}

impl Iterable for PyNdArray {
    fn iter(zelf: PyRef<Self>, vm: &VirtualMachine) -> PyResult {
        let n = zelf
            .shape
            .first()
            .copied()
            .ok_or_else(|| vm.new_type_error("iteration over a 0-d array"))?;
        super::array::charge(zelf.size());
        let items: Vec<PyObjectRef> = (0..n).map(|i| index::row(&zelf, i, vm)).collect();
        let list: PyObjectRef = vm.ctx.new_list(items).into();
        list.get_iter(vm).map(Into::into)
    }
}

impl Representable for PyNdArray {
    fn repr_str(zelf: &Py<Self>, _vm: &VirtualMachine) -> PyResult<String> {
        Ok(super::repr::repr(&zelf.to_dense_value()))
    }
}

impl Constructor for PyDType {
    type Args = (PyObjectRef,);

    fn py_new(_cls: &Py<PyType>, (spec,): Self::Args, vm: &VirtualMachine) -> PyResult<Self> {
        Ok(PyDType {
            dtype: parse_dtype(&spec, vm)?,
        })
    }
}

#[rustpython_vm::pyclass(
    flags(IMMUTABLETYPE),
    with(Callable, Comparable, Hashable, Representable, Constructor)
)]
impl PyDType {
    #[pygetset]
    fn name(&self) -> &'static str {
        self.dtype.name()
    }

    #[pygetset(name = "__name__")]
    fn dunder_name(&self) -> &'static str {
        match self.dtype {
            DType::Bool => "bool_",
            d => d.name(),
        }
    }

    #[pygetset]
    fn kind(&self) -> &'static str {
        super::array::dtype_kind(self.dtype)
    }

    #[pygetset]
    fn itemsize(&self) -> usize {
        super::array::dtype_itemsize(self.dtype)
    }

    #[pygetset(name = "type")]
    fn type_(&self) -> PyTypeRef {
        super::scalars::dtype_class(self.dtype)
    }

    #[pyslot]
    fn slot_str(zelf: &PyObject, vm: &VirtualMachine) -> PyResult<PyStrRef> {
        let d = zelf
            .downcast_ref::<PyDType>()
            .map_or("?", |d| d.dtype.name());
        Ok(vm.ctx.new_str(d))
    }
}

impl Callable for PyDType {
    type Args = FuncArgs;

    fn call(zelf: &Py<Self>, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
        zelf.convert(args.args.first(), vm)
    }
}

impl Comparable for PyDType {
    fn cmp(
        zelf: &Py<Self>,
        other: &PyObject,
        op: PyComparisonOp,
        vm: &VirtualMachine,
    ) -> PyResult<PyComparisonValue> {
        if op == PyComparisonOp::Eq {
            Ok(PyComparisonValue::Implemented(zelf.matches(other, vm)))
        } else if op == PyComparisonOp::Ne {
            Ok(PyComparisonValue::Implemented(!zelf.matches(other, vm)))
        } else {
            Ok(PyComparisonValue::NotImplemented)
        }
    }
}

impl Hashable for PyDType {
    fn hash(zelf: &Py<Self>, vm: &VirtualMachine) -> PyResult<rustpython_vm::common::hash::PyHash> {
        vm.ctx.new_str(zelf.dtype.name()).as_object().hash(vm)
    }
}

impl Representable for PyDType {
    fn repr_str(zelf: &Py<Self>, _vm: &VirtualMachine) -> PyResult<String> {
        Ok(format!("dtype('{}')", zelf.dtype.name()))
    }
}
