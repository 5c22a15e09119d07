//! The Python `numpy.ndarray` type: strided views over shared buffers, and conversions between
//! Python objects and [`Dense`] arrays.
//!
//! An array is a window (`offset`, `shape`, `strides`, in elements) onto a buffer shared by every
//! view of it, so slicing, `.T` and `.reshape` of contiguous arrays copy nothing and writes through a
//! view reach the parent, as in numpy. Operations that compute new values copy their operands into a
//! [`Dense`] first: arrays are tiny (ARC grids are at most 30x30), so one copy costs less than
//! the bookkeeping a strided kernel per operation would need.

use super::dense::{
    checked_size, float_to_int, promote, DType, Data, Dense, NpError, NpErrorKind, Scalar,
};
use crate::exec::budget;
use rustpython_vm::builtins::{
    PyBaseExceptionRef, PyFloat, PyInt, PyList, PyRange, PyStr, PyTuple, PyType,
};
use rustpython_vm::{AsObject, PyObject, PyObjectRef, PyPayload, PyResult, VirtualMachine};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Storage shared by an array and all its views.
#[derive(Debug)]
pub struct Buffer(RwLock<Data>);

impl Buffer {
    /// Reads the elements (a poisoned lock still holds valid data: writers never panic midway).
    pub fn read(&self) -> RwLockReadGuard<'_, Data> {
        self.0.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes the elements.
    pub fn write(&self) -> RwLockWriteGuard<'_, Data> {
        self.0.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// `numpy.ndarray`: a strided view (`offset`, `shape`, `strides`, counted in elements) over a
/// shared [`Buffer`]. The layout never changes after creation; only buffer contents do.
#[rustpython_vm::pyclass(module = "numpy", name = "ndarray")]
#[derive(Debug, PyPayload)]
pub struct PyNdArray {
    pub(super) buf: Arc<Buffer>,
    pub(super) dtype: DType,
    pub(super) offset: usize,
    pub(super) shape: Vec<usize>,
    pub(super) strides: Vec<isize>,
}

/// Charges native work over `n` elements to the program's step budget.
pub(super) fn charge(n: usize) {
    let _ = budget::charge_elements(n);
}

/// Row-major strides of a contiguous array of `shape`.
pub(super) fn contiguous_strides(shape: &[usize]) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut acc: isize = 1;
    for (s, &d) in strides.iter_mut().zip(shape).rev() {
        *s = acc;
        acc = acc.saturating_mul(d.max(1) as isize);
    }
    strides
}

/// Buffer offsets of every element of a strided layout, in row-major order.
pub(super) fn layout_offsets(offset: usize, shape: &[usize], strides: &[isize]) -> Vec<usize> {
    let n: usize = shape.iter().product();
    let mut out = Vec::with_capacity(n);
    if n == 0 {
        return out;
    }
    let nd = shape.len();
    let mut idx = vec![0usize; nd];
    let mut pos = offset as isize;
    loop {
        out.push(pos.max(0) as usize);
        let mut d = nd;
        loop {
            if d == 0 {
                return out;
            }
            d -= 1;
            idx[d] += 1;
            pos += strides[d];
            if idx[d] < shape[d] {
                break;
            }
            pos -= strides[d] * shape[d] as isize;
            idx[d] = 0;
        }
    }
}

/// Elements of `data` at `offs` (missing offsets, which a correct layout never has, read as 0).
pub(super) fn gather(data: &Data, offs: &[usize]) -> Data {
    match data {
        Data::Bool(v) => Data::Bool(
            offs.iter()
                .map(|&o| v.get(o).copied().unwrap_or(false))
                .collect(),
        ),
        Data::Int(v) => Data::Int(
            offs.iter()
                .map(|&o| v.get(o).copied().unwrap_or(0))
                .collect(),
        ),
        Data::Float(v) => Data::Float(
            offs.iter()
                .map(|&o| v.get(o).copied().unwrap_or(0.0))
                .collect(),
        ),
    }
}

/// Writes `src` (same storage kind as `data`; one value is repeated) to `data` at `offs`.
pub(super) fn scatter(data: &mut Data, offs: &[usize], src: &Data) {
    fn put<T: Copy>(dst: &mut [T], offs: &[usize], src: &[T]) {
        if src.len() == 1 {
            for &o in offs {
                if let Some(slot) = dst.get_mut(o) {
                    *slot = src[0];
                }
            }
            return;
        }
        for (&o, &v) in offs.iter().zip(src) {
            if let Some(slot) = dst.get_mut(o) {
                *slot = v;
            }
        }
    }
    match (data, src) {
        (Data::Bool(d), Data::Bool(s)) => put(d, offs, s),
        (Data::Int(d), Data::Int(s)) => put(d, offs, s),
        (Data::Float(d), Data::Float(s)) => put(d, offs, s),
        _ => {}
    }
}

/// Element `i` of `data` as a [`Scalar`].
pub(super) fn data_get(data: &Data, i: usize) -> Scalar {
    match data {
        Data::Bool(v) => Scalar::Bool(v.get(i).copied().unwrap_or(false)),
        Data::Int(v) => Scalar::Int(v.get(i).copied().unwrap_or(0)),
        Data::Float(v) => Scalar::Float(v.get(i).copied().unwrap_or(0.0)),
    }
}

/// Casts one scalar to `dtype` (floats truncate, ints wrap), as assignment into an array does.
pub(super) fn cast_scalar(s: Scalar, dtype: DType) -> Scalar {
    match (s, dtype) {
        (_, DType::Bool) => Scalar::Bool(scalar_truthy(s)),
        (Scalar::Bool(b), d) if d.is_float() => Scalar::Float(b as u8 as f64),
        (Scalar::Int(i), d) if d.is_float() => Scalar::Float(d.wrap_float(i as f64)),
        (Scalar::Float(f), d) if d.is_float() => Scalar::Float(d.wrap_float(f)),
        (Scalar::Bool(b), d) => Scalar::Int(d.wrap_int(b as i64)),
        (Scalar::Int(i), d) => Scalar::Int(d.wrap_int(i)),
        (Scalar::Float(f), d) => Scalar::Int(float_to_int(f, d)),
    }
}

/// Whether a scalar is non-zero.
pub(super) fn scalar_truthy(s: Scalar) -> bool {
    match s {
        Scalar::Bool(b) => b,
        Scalar::Int(i) => i != 0,
        Scalar::Float(f) => f != 0.0,
    }
}

/// Writes one scalar (already cast) into `data` at `i`.
pub(super) fn data_set(data: &mut Data, i: usize, s: Scalar) {
    match (data, s) {
        (Data::Bool(v), Scalar::Bool(b)) => {
            if let Some(slot) = v.get_mut(i) {
                *slot = b;
            }
        }
        (Data::Int(v), Scalar::Int(x)) => {
            if let Some(slot) = v.get_mut(i) {
                *slot = x;
            }
        }
        (Data::Float(v), Scalar::Float(x)) => {
            if let Some(slot) = v.get_mut(i) {
                *slot = x;
            }
        }
        _ => {}
    }
}

/// A one-element storage of `dtype` holding `s` (cast).
pub(super) fn scalar_data(s: Scalar, dtype: DType) -> Data {
    match cast_scalar(s, dtype) {
        Scalar::Bool(b) => Data::Bool(vec![b]),
        Scalar::Int(i) => Data::Int(vec![i]),
        Scalar::Float(f) => Data::Float(vec![f]),
    }
}

/// The dtype a Python scalar gets on its own.
pub(super) fn scalar_dtype(s: Scalar) -> DType {
    match s {
        Scalar::Bool(_) => DType::Bool,
        Scalar::Int(_) => DType::Int64,
        Scalar::Float(_) => DType::Float64,
    }
}

impl PyNdArray {
    /// A new array owning `d`'s storage.
    pub fn from_dense_value(d: Dense) -> PyNdArray {
        let strides = contiguous_strides(&d.shape);
        PyNdArray {
            buf: Arc::new(Buffer(RwLock::new(d.data))),
            dtype: d.dtype,
            offset: 0,
            shape: d.shape,
            strides,
        }
    }

    /// A view with another layout over the same buffer.
    pub(super) fn view(&self, offset: usize, shape: Vec<usize>, strides: Vec<isize>) -> PyNdArray {
        PyNdArray {
            buf: Arc::clone(&self.buf),
            dtype: self.dtype,
            offset,
            shape,
            strides,
        }
    }

    /// Number of elements.
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// Whether the layout is row-major contiguous (so a reshape can be a view).
    pub(super) fn is_contiguous(&self) -> bool {
        let mut acc: isize = 1;
        for (&d, &s) in self.shape.iter().zip(&self.strides).rev() {
            if d != 1 && s != acc {
                return false;
            }
            acc *= d as isize;
        }
        true
    }

    /// Buffer offsets of the elements, row-major.
    pub(super) fn offsets(&self) -> Vec<usize> {
        layout_offsets(self.offset, &self.shape, &self.strides)
    }

    /// Copies the elements into an owned array.
    pub fn to_dense_value(&self) -> Dense {
        let n = self.size();
        charge(n);
        let data = self.buf.read();
        let out = if self.is_contiguous() && self.offset == 0 && data.len() == n {
            data.clone()
        } else if self.is_contiguous() {
            let end = self.offset + n;
            match &*data {
                Data::Bool(v) => Data::Bool(v.get(self.offset..end).unwrap_or(&[]).to_vec()),
                Data::Int(v) => Data::Int(v.get(self.offset..end).unwrap_or(&[]).to_vec()),
                Data::Float(v) => Data::Float(v.get(self.offset..end).unwrap_or(&[]).to_vec()),
            }
        } else {
            gather(&data, &self.offsets())
        };
        Dense {
            dtype: self.dtype,
            shape: self.shape.clone(),
            data: out,
        }
    }

    /// Writes `src` (broadcast to this view's shape, cast to its dtype) into the view.
    pub(super) fn assign_dense(&self, src: &Dense) -> Result<(), NpError> {
        let src = broadcast_data(src, &self.shape, self.dtype)?;
        let offs = self.offsets();
        charge(offs.len());
        scatter(&mut self.buf.write(), &offs, &src);
        Ok(())
    }
}

/// `src` cast to `dtype` and broadcast to `shape` (a one-element result stays one element: the
/// scatter repeats it).
pub(super) fn broadcast_data(src: &Dense, shape: &[usize], dtype: DType) -> Result<Data, NpError> {
    let cast = if src.dtype == dtype || (src.dtype.is_int() && dtype == DType::Int64) {
        src.data.clone()
    } else {
        src.astype(dtype).data
    };
    if src.shape == shape || src.size() == 1 {
        return Ok(cast);
    }
    let fail = || {
        NpError::value(format!(
            "could not broadcast input array from shape {} into shape {}",
            shape_str(&src.shape),
            shape_str(shape)
        ))
    };
    if src.shape.len() > shape.len() {
        // Leading length-1 axes of the source may be dropped.
        let extra = src.shape.len() - shape.len();
        if src.shape.iter().take(extra).any(|&d| d != 1) {
            return Err(fail());
        }
    }
    let nd = shape.len();
    let mut strides = vec![0isize; nd];
    let src_strides = contiguous_strides(&src.shape);
    for k in 0..src.shape.len().min(nd) {
        let sd = src.shape[src.shape.len() - 1 - k];
        let td = shape[nd - 1 - k];
        if sd == td {
            strides[nd - 1 - k] = src_strides[src.shape.len() - 1 - k];
        } else if sd != 1 {
            return Err(fail());
        }
    }
    Ok(gather(&cast, &layout_offsets(0, shape, &strides)))
}

/// numpy's way of printing a shape: `(3,)`, `(2, 3)`.
pub fn shape_str(shape: &[usize]) -> String {
    match shape {
        [d] => format!("({d},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Maps an [`NpError`] to the matching Python exception.
pub fn np_err(e: NpError, vm: &VirtualMachine) -> PyBaseExceptionRef {
    match e.kind {
        NpErrorKind::Value => vm.new_value_error(e.message),
        NpErrorKind::Type => vm.new_type_error(e.message),
        NpErrorKind::Index => vm.new_index_error(e.message),
        NpErrorKind::Memory => vm.new_memory_error(e.message),
        NpErrorKind::NotImplemented => vm.new_not_implemented_error(e.message),
        NpErrorKind::Overflow => vm.new_overflow_error(e.message),
        NpErrorKind::Axis => axis_error(&e.message, vm),
        NpErrorKind::UFuncType => super::scalar_api::numpy_error("UFuncTypeError", &e.message, vm),
    }
}

/// A `numpy.exceptions.AxisError` with `message`.
fn axis_error(message: &str, vm: &VirtualMachine) -> PyBaseExceptionRef {
    super::scalar_api::numpy_error("AxisError", message, vm)
}

/// Extension to turn `Result<T, NpError>` into a `PyResult<T>`.
pub trait NpResultExt<T> {
    /// Converts the error into the matching Python exception.
    fn py(self, vm: &VirtualMachine) -> PyResult<T>;
}

impl<T> NpResultExt<T> for Result<T, NpError> {
    fn py(self, vm: &VirtualMachine) -> PyResult<T> {
        self.map_err(|e| np_err(e, vm))
    }
}

/// Reads a Python `bool`/`int`/`float` (not subclass-agnostic beyond what `int` allows).
pub fn py_scalar(obj: &PyObject, vm: &VirtualMachine) -> PyResult<Option<Scalar>> {
    if obj.class().is(vm.ctx.types.bool_type) {
        return Ok(Some(Scalar::Bool(obj.is(&vm.ctx.true_value))));
    }
    if let Some(b) = super::bool_scalar::np_bool_value(obj) {
        return Ok(Some(Scalar::Bool(b)));
    }
    if let Some(i) = obj.downcast_ref::<PyInt>() {
        if let Ok(v) = i64::try_from(i.as_bigint()) {
            return Ok(Some(Scalar::Int(v)));
        }
        // `np.uint64` values of 2^63 and more are kept as their bit pattern.
        return match u64::try_from(i.as_bigint()) {
            Ok(v) if super::scalars::instance_dtype(obj, vm) == Some(DType::UInt64) => {
                Ok(Some(Scalar::Int(v as i64)))
            }
            _ => Err(vm.new_overflow_error("Python int too large to convert to C long")),
        };
    }
    if let Some(f) = obj.downcast_ref::<PyFloat>() {
        return Ok(Some(Scalar::Float(f.to_f64())));
    }
    Ok(None)
}

/// Reads a Python or numpy scalar with the dtype it carries: numpy scalars keep theirs, Python
/// numbers get the default one.
pub fn py_scalar_typed(obj: &PyObject, vm: &VirtualMachine) -> PyResult<Option<(Scalar, DType)>> {
    Ok(py_scalar(obj, vm)?.map(|s| {
        let d = super::scalars::instance_dtype(obj, vm).unwrap_or_else(|| scalar_dtype(s));
        (s, d)
    }))
}

/// Wraps an owned array as a new Python `ndarray` (0-d arrays stay arrays).
pub fn from_dense(d: Dense, vm: &VirtualMachine) -> PyObjectRef {
    PyNdArray::from_dense_value(d).into_pyobject(vm)
}

/// Wraps a result: 0-d arrays become Python scalars, as numpy returns scalars from ufuncs and
/// reductions.
pub fn from_dense_or_scalar(d: Dense, vm: &VirtualMachine) -> PyObjectRef {
    if d.shape.is_empty() {
        return super::scalars::scalar_to_py(data_get(&d.data, 0), d.dtype, vm);
    }
    from_dense(d, vm)
}

/// An operand converted for arithmetic: the array plus whether it was a bare Python scalar, which
/// numpy treats as "weak" (it does not widen the other operand's dtype).
pub struct Operand {
    /// The values.
    pub dense: Dense,
    /// Whether it came from a Python `int`/`float`/`bool`.
    pub weak: bool,
}

/// Converts any array-like for arithmetic.
pub fn to_operand(obj: &PyObject, vm: &VirtualMachine) -> PyResult<Operand> {
    if let Some(s) = py_scalar(obj, vm)? {
        // numpy scalars (`a[0, 0]`) keep their dtype; bare Python numbers are weak.
        let typed = super::scalars::instance_dtype(obj, vm);
        let dtype = typed.unwrap_or_else(|| scalar_dtype(s));
        return Ok(Operand {
            dense: Dense {
                dtype,
                shape: vec![],
                data: scalar_data(s, dtype),
            },
            weak: typed.is_none(),
        });
    }
    Ok(Operand {
        dense: to_dense(obj, vm)?,
        weak: false,
    })
}

/// Converts any array-like (an `ndarray`, nested lists/tuples of numbers, a Python scalar) into an
/// owned array with numpy's inferred dtype.
pub fn to_dense(obj: &PyObject, vm: &VirtualMachine) -> PyResult<Dense> {
    Ok(collect_dense(obj, vm)?.0)
}

/// Whether `obj` is a Python `int`/`float`/`bool` (numpy's "weak" scalars), not a numpy scalar.
pub(super) fn is_python_number(obj: &PyObject, vm: &VirtualMachine) -> bool {
    let cls = obj.class();
    cls.is(vm.ctx.types.int_type)
        || cls.is(vm.ctx.types.float_type)
        || cls.is(vm.ctx.types.bool_type)
        || (super::scalars::instance_dtype(obj, vm).is_none()
            && super::bool_scalar::np_bool_value(obj).is_none()
            && (obj.downcast_ref::<PyInt>().is_some() || obj.downcast_ref::<PyFloat>().is_some()))
}

/// [`to_dense`], plus the values that came from Python numbers (numpy 2 checks those against an
/// explicit integer dtype: see `coerce.rs`).
pub(super) fn collect_dense(obj: &PyObject, vm: &VirtualMachine) -> PyResult<(Dense, Vec<Scalar>)> {
    if let Some(a) = obj.downcast_ref::<PyNdArray>() {
        return Ok((a.to_dense_value(), Vec::new()));
    }
    if let Some((s, dtype)) = py_scalar_typed(obj, vm)? {
        let weak = if is_python_number(obj, vm) {
            vec![s]
        } else {
            Vec::new()
        };
        let d = Dense {
            dtype,
            shape: vec![],
            data: scalar_data(s, dtype),
        };
        return Ok((d, weak));
    }
    let mut shape = Vec::new();
    detect_shape(obj, &mut shape, vm)?;
    let n = checked_size(&shape).py(vm)?;
    charge(n);
    let mut acc = Collector {
        values: Vec::with_capacity(n),
        dtype: None,
        python: Vec::new(),
    };
    collect(obj, 0, &shape, &mut acc, vm)?;
    let dtype = acc.dtype.unwrap_or(DType::Float64);
    let data = match dtype {
        DType::Bool => Data::Bool(acc.values.iter().map(|&s| scalar_truthy(s)).collect()),
        d if d.is_float() => Data::Float(
            acc.values
                .iter()
                .map(|&s| match cast_scalar(s, d) {
                    Scalar::Float(f) => f,
                    _ => 0.0,
                })
                .collect(),
        ),
        d => Data::Int(
            acc.values
                .iter()
                .map(|&s| match cast_scalar(s, d) {
                    Scalar::Int(i) => i,
                    _ => 0,
                })
                .collect(),
        ),
    };
    Ok((Dense { dtype, shape, data }, acc.python))
}

/// Items of a list/tuple/range, or `None` for anything else.
fn seq_items(obj: &PyObject, vm: &VirtualMachine) -> PyResult<Option<Vec<PyObjectRef>>> {
    if let Some(l) = obj.downcast_ref::<PyList>() {
        return Ok(Some(l.borrow_vec().to_vec()));
    }
    if let Some(t) = obj.downcast_ref::<PyTuple>() {
        return Ok(Some(t.as_slice().to_vec()));
    }
    if obj.downcast_ref::<PyRange>().is_some() {
        let items: Vec<PyObjectRef> = obj.to_owned().try_into_value(vm)?;
        return Ok(Some(items));
    }
    Ok(None)
}

fn unsupported_element(obj: &PyObject, vm: &VirtualMachine) -> PyBaseExceptionRef {
    if obj.downcast_ref::<PyStr>().is_some() {
        return vm.new_not_implemented_error("numpy: string arrays are not supported");
    }
    vm.new_not_implemented_error(format!(
        "numpy: arrays of '{}' objects are not supported",
        obj.class().name()
    ))
}

/// The shape implied by following first elements down.
fn detect_shape(obj: &PyObject, shape: &mut Vec<usize>, vm: &VirtualMachine) -> PyResult<()> {
    if let Some(a) = obj.downcast_ref::<PyNdArray>() {
        shape.extend_from_slice(&a.shape);
        return Ok(());
    }
    if py_scalar(obj, vm)?.is_some() {
        return Ok(());
    }
    let Some(items) = seq_items(obj, vm)? else {
        return Err(unsupported_element(obj, vm));
    };
    if shape.len() >= 32 {
        return Err(vm.new_value_error("maximum supported dimension for an ndarray is 32"));
    }
    shape.push(items.len());
    match items.first() {
        Some(first) => detect_shape(first, shape, vm),
        None => Ok(()),
    }
}

struct Collector {
    values: Vec<Scalar>,
    dtype: Option<DType>,
    /// The values that were Python numbers.
    python: Vec<Scalar>,
}

impl Collector {
    fn note(&mut self, d: DType) {
        self.dtype = Some(match self.dtype {
            None => d,
            Some(cur) => promote(cur, d),
        });
    }
}

fn inhomogeneous(depth: usize, shape: &[usize], vm: &VirtualMachine) -> PyBaseExceptionRef {
    let part = shape.get(..depth).unwrap_or(shape);
    vm.new_value_error(format!(
        "setting an array element with a sequence. The requested array has an inhomogeneous \
         shape after {depth} dimensions. The detected shape was {} + inhomogeneous part.",
        shape_str(part)
    ))
}

/// Appends the elements of `obj` (expected to have `shape[depth..]`) in row-major order.
fn collect(
    obj: &PyObject,
    depth: usize,
    shape: &[usize],
    acc: &mut Collector,
    vm: &VirtualMachine,
) -> PyResult<()> {
    if let Some(a) = obj.downcast_ref::<PyNdArray>() {
        if shape.get(depth..) != Some(&a.shape[..]) {
            return Err(inhomogeneous(depth, shape, vm));
        }
        let d = a.to_dense_value();
        acc.note(d.dtype);
        acc.values
            .extend((0..d.size()).map(|i| data_get(&d.data, i)));
        return Ok(());
    }
    if let Some((s, dtype)) = py_scalar_typed(obj, vm)? {
        if depth != shape.len() {
            return Err(inhomogeneous(depth, shape, vm));
        }
        acc.note(dtype);
        acc.values.push(s);
        if is_python_number(obj, vm) {
            acc.python.push(s);
        }
        return Ok(());
    }
    let Some(items) = seq_items(obj, vm)? else {
        return Err(unsupported_element(obj, vm));
    };
    if shape.get(depth) != Some(&items.len()) {
        return Err(inhomogeneous(depth, shape, vm));
    }
    for item in &items {
        collect(item, depth + 1, shape, acc, vm)?;
    }
    Ok(())
}

/// Parses a `dtype=` argument: a dtype object, `int`/`float`/`bool`, or a name like `'uint8'`.
pub fn parse_dtype(obj: &PyObject, vm: &VirtualMachine) -> PyResult<DType> {
    if let Some(d) = obj.downcast_ref::<PyDType>() {
        return Ok(d.dtype);
    }
    if let Some(t) = obj.downcast_ref::<PyType>() {
        if let Some(d) = super::scalars::class_dtype(obj) {
            return Ok(d);
        }
        if obj.is(vm.ctx.types.int_type) {
            return Ok(DType::Int64);
        }
        if obj.is(vm.ctx.types.float_type) {
            return Ok(DType::Float64);
        }
        if obj.is(vm.ctx.types.bool_type) {
            return Ok(DType::Bool);
        }
        if obj.is(vm.ctx.types.object_type) {
            return Err(vm.new_not_implemented_error("numpy: object arrays are not supported"));
        }
        return Err(
            vm.new_not_implemented_error(format!("numpy: dtype {} is not supported", t.name()))
        );
    }
    if let Some(s) = obj.downcast_ref::<PyStr>() {
        let name = s.to_string_lossy();
        return dtype_from_name(&name).ok_or_else(|| {
            if name == "O" || name == "object" {
                vm.new_not_implemented_error("numpy: object arrays are not supported")
            } else {
                vm.new_type_error(format!("data type '{name}' not understood"))
            }
        });
    }
    Err(vm.new_type_error(format!(
        "Cannot interpret '{}' as a data type",
        obj.repr(vm)
            .map(|r| r.to_string_lossy().into_owned())
            .unwrap_or_default()
    )))
}

/// The dtype a name (`'int64'`, `'i8'`, `'bool'`, ...) stands for.
pub fn dtype_from_name(name: &str) -> Option<DType> {
    Some(match name {
        "int64" | "int" | "int_" | "intp" | "i8" | "l" | "long" | "<i8" | "q" | "longlong" => {
            DType::Int64
        }
        "int32" | "i4" | "i" | "<i4" | "intc" => DType::Int32,
        "int16" | "i2" | "h" | "<i2" | "short" => DType::Int16,
        "int8" | "i1" | "b" | "byte" => DType::Int8,
        "uint8" | "u1" | "B" | "ubyte" => DType::UInt8,
        "uint16" | "u2" | "H" | "<u2" | "ushort" => DType::UInt16,
        "uint32" | "u4" | "I" | "<u4" | "uintc" => DType::UInt32,
        "uint64" | "u8" | "L" | "<u8" | "uint" | "uintp" | "Q" | "ulonglong" => DType::UInt64,
        "bool" | "bool_" | "?" | "b1" => DType::Bool,
        "float64" | "float" | "f8" | "d" | "double" | "<f8" | "float_" => DType::Float64,
        "float32" | "f4" | "f" | "<f4" | "single" => DType::Float32,
        _ => return None,
    })
}

/// Optional `dtype=` argument (`None` or absent → `None`).
pub fn opt_dtype(obj: Option<&PyObjectRef>, vm: &VirtualMachine) -> PyResult<Option<DType>> {
    match obj {
        Some(o) if !vm.is_none(o) => parse_dtype(o, vm).map(Some),
        _ => Ok(None),
    }
}

/// numpy's one-letter kind of a dtype.
pub fn dtype_kind(d: DType) -> &'static str {
    match d {
        DType::Bool => "b",
        d if d.is_unsigned() => "u",
        d if d.is_float() => "f",
        _ => "i",
    }
}

/// Bytes per element of a dtype.
pub fn dtype_itemsize(d: DType) -> usize {
    d.itemsize()
}

/// A numpy dtype (`arr.dtype`, `np.dtype('uint8')`). Every dtype compares equal to its names, to
/// its scalar class (`np.int64`) and to the Python type it stands for (`int` for `int64`).
#[rustpython_vm::pyclass(module = "numpy", name = "dtype")]
#[derive(Debug, PyPayload)]
pub struct PyDType {
    /// The element type.
    pub dtype: DType,
}

impl PyDType {
    /// Whether `other` names this dtype.
    pub(super) fn matches(&self, other: &PyObject, vm: &VirtualMachine) -> bool {
        match parse_dtype(other, vm) {
            Ok(d) => d == self.dtype,
            Err(_) => false,
        }
    }

    /// `dtype(x)`: the value converted to this dtype, as `np.int64(x)` does.
    pub(super) fn convert(&self, value: Option<&PyObjectRef>, vm: &VirtualMachine) -> PyResult {
        super::scalars::convert(self.dtype, value, vm)
    }
}
