//! `np.broadcast_to` and `np.broadcast_shapes`.

use super::args::{bind, bind_varargs, int_list};
use super::array::{broadcast_data, from_dense, shape_str, to_dense, NpResultExt};
use super::dense::{checked_size, Dense};
use super::functions::NativeFn;
use super::ops::broadcast_shapes as broadcast_pair;
use rustpython_vm::function::FuncArgs;
use rustpython_vm::{PyResult, VirtualMachine};

/// numpy's message when `shape` cannot take `from`.
fn not_broadcastable(from: &[usize], shape: &[usize]) -> String {
    format!(
        "operands could not be broadcast together with remapped shapes [original->remapped]: \
         {}  and requested shape {}",
        shape_str(from).replace(", ", ","),
        shape_str(shape).replace(", ", ",")
    )
}

/// `np.broadcast_to(array, shape)`: a new array (numpy returns a read-only view; programs only
/// read it).
fn broadcast_to(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("broadcast_to", args, &["array", "shape", "subok"], 2, vm)?;
    let src = to_dense(b.req("array", vm)?, vm)?;
    let dims = int_list(b.req("shape", vm)?, vm)?;
    if dims.iter().any(|&d| d < 0) {
        return Err(vm.new_value_error("all elements of broadcast shape must be non-negative"));
    }
    let shape: Vec<usize> = dims.iter().map(|&d| d as usize).collect();
    checked_size(&shape).py(vm)?;
    let fits = src.shape.len() <= shape.len()
        && broadcast_pair(&src.shape, &shape).is_ok_and(|s| s == shape);
    if !fits {
        return Err(vm.new_value_error(not_broadcastable(&src.shape, &shape)));
    }
    let data = broadcast_data(&src, &shape, src.dtype).py(vm)?;
    let n: usize = shape.iter().product();
    let data = if data.len() == n {
        data
    } else {
        // A one-element source stays one element in `broadcast_data`: repeat it.
        super::algos::take(&data, &vec![0; n])
    };
    Ok(from_dense(
        Dense {
            dtype: src.dtype,
            shape,
            data,
        },
        vm,
    ))
}

/// `np.broadcast_shapes(*shapes)`.
fn broadcast_shapes(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind_varargs("broadcast_shapes", args, &[], vm)?;
    let mut out: Vec<usize> = Vec::new();
    for s in &b.rest {
        let dims: Vec<usize> = int_list(s, vm)?
            .iter()
            .map(|&d| d.max(0) as usize)
            .collect();
        out = broadcast_pair(&out, &dims).map_err(|_| {
            vm.new_value_error(format!(
                "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is \
                 between arg 0 with shape {} and arg 1 with shape {}.",
                shape_str(&out),
                shape_str(&dims)
            ))
        })?;
    }
    let items = out.iter().map(|&d| vm.ctx.new_int(d).into()).collect();
    Ok(vm.ctx.new_tuple(items).into())
}

/// The functions this file adds to `numpy`.
pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("broadcast_to", broadcast_to),
    ("broadcast_shapes", broadcast_shapes),
];
