//! numpy 2's rules for Python numbers entering an integer array or scalar: a Python `int` must
//! fit the dtype (`np.array([300], dtype=np.uint8)`, `a[0] = -1` on a `uint8` array, `a + 300`
//! and `np.uint8(300)` raise `OverflowError`), and a Python `float` is truncated to a Python int
//! first (NaN raises `ValueError`, infinity `OverflowError`). numpy scalars and arrays are cast the
//! C way instead (`np.array([np.int64(300)], dtype=np.uint8)` wraps to 44).

use super::array::{collect_dense, is_python_number, py_scalar};
use super::dense::{DType, Dense, Scalar};
use rustpython_vm::{PyObject, PyResult, VirtualMachine};

/// numpy's message when a Python int does not fit `dtype`.
fn out_of_bounds(
    v: i128,
    dtype: DType,
    vm: &VirtualMachine,
) -> rustpython_vm::builtins::PyBaseExceptionRef {
    if dtype == DType::Int64 || v > u64::MAX as i128 || v < i64::MIN as i128 {
        vm.new_overflow_error("Python int too large to convert to C long")
    } else {
        vm.new_overflow_error(format!(
            "Python integer {v} out of bounds for {}",
            dtype.name()
        ))
    }
}

/// Checks one Python number (not a numpy scalar) about to become an element of `dtype`.
pub fn check_py_number(s: Scalar, dtype: DType, vm: &VirtualMachine) -> PyResult<()> {
    if !dtype.is_int() {
        return Ok(());
    }
    let v: i128 = match s {
        Scalar::Bool(_) => return Ok(()),
        Scalar::Int(i) => i as i128,
        Scalar::Float(f) => {
            if f.is_nan() {
                return Err(vm.new_value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(vm.new_overflow_error("cannot convert float infinity to integer"));
            }
            let t = f.trunc();
            if t.abs() >= 1.8e19 {
                return Err(vm.new_overflow_error("Python int too large to convert to C long"));
            }
            t as i128
        }
    };
    if dtype.holds(v) {
        Ok(())
    } else {
        Err(out_of_bounds(v, dtype, vm))
    }
}

/// Checks `obj` when it is a Python number (numpy scalars and everything else pass).
pub fn check_py_value(obj: &PyObject, dtype: DType, vm: &VirtualMachine) -> PyResult<()> {
    if dtype.is_int() && is_python_number(obj, vm) {
        if let Some(s) = py_scalar(obj, vm)? {
            check_py_number(s, dtype, vm)?;
        }
    }
    Ok(())
}

/// Converts an array-like to `dtype` (or its inferred dtype when `None`), as `np.array(obj,
/// dtype=...)` and assignment into an array of `dtype` do: Python numbers are checked, the rest is
/// cast.
pub fn to_dense_as(obj: &PyObject, dtype: Option<DType>, vm: &VirtualMachine) -> PyResult<Dense> {
    let (d, python) = collect_dense(obj, vm)?;
    let Some(t) = dtype else {
        return Ok(d);
    };
    if t.is_int() {
        for s in python {
            check_py_number(s, t, vm)?;
        }
    }
    Ok(if d.dtype == t { d } else { d.astype(t) })
}

#[cfg(test)]
mod tests {
    use super::super::tests::run;

    #[test]
    fn python_numbers_must_fit_integer_dtypes() {
        let cases = [
            (
                "r = np.array([255], dtype=np.uint8)",
                "array([255], dtype=uint8)",
            ),
            (
                "r = np.array([256], dtype=np.uint8)",
                "OverflowError: Python integer 256 out of bounds for uint8",
            ),
            (
                "r = np.zeros(2, np.uint16)\nr[0] = -1",
                "OverflowError: Python integer -1 out of bounds for uint16",
            ),
            (
                "r = np.array([255.9, -0.5], dtype=np.uint8)",
                "array([255,   0], dtype=uint8)",
            ),
            (
                "r = np.array([-1.5], dtype=np.uint8)",
                "OverflowError: Python integer -1 out of bounds for uint8",
            ),
            (
                "r = np.array([np.nan], dtype=int)",
                "ValueError: cannot convert float NaN to integer",
            ),
            (
                "r = np.array([300], dtype=np.float32)",
                "array([300.], dtype=float32)",
            ),
            (
                "r = np.array([np.int64(300)], dtype=np.uint8)",
                "array([44], dtype=uint8)",
            ),
            (
                "r = np.ones(2, np.uint8) + 256",
                "OverflowError: Python integer 256 out of bounds for uint8",
            ),
            ("r = np.ones(2, np.uint8) == 256", "array([False, False])"),
        ];
        for (code, want) in cases {
            assert_eq!(run(code), want, "{code}");
        }
    }
}
