//! The `scipy` and `scipy.ndimage` modules: bindings over the algorithms in `ndimage.rs`.

use super::args::bind;
use super::array::{from_dense, to_dense, NpResultExt};
use super::dense::Dense;
use super::functions::NativeFn;
use super::ndimage;
use rustpython_vm::builtins::PySlice;
use rustpython_vm::function::FuncArgs;
use rustpython_vm::{PyPayload, PyResult, VirtualMachine};

fn structure(b: &super::args::Bound, vm: &VirtualMachine) -> PyResult<Option<Dense>> {
    b.get("structure", vm).map(|s| to_dense(s, vm)).transpose()
}

fn label(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("label", args, &["input", "structure", "output"], 1, vm)?;
    if b.get("output", vm).is_some() {
        return Err(vm.new_not_implemented_error("scipy.ndimage.label: output= is not supported"));
    }
    let input = to_dense(b.req("input", vm)?, vm)?;
    let (labels, n) = ndimage::label(&input, structure(&b, vm)?.as_ref()).py(vm)?;
    Ok(vm
        .ctx
        .new_tuple(vec![from_dense(labels, vm), vm.ctx.new_int(n).into()])
        .into())
}

fn find_objects(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind("find_objects", args, &["input", "max_label"], 1, vm)?;
    let input = to_dense(b.req("input", vm)?, vm)?;
    let max_label = match b.int("max_label", 0, vm)? {
        m if m > 0 => Some(m as usize),
        _ => None,
    };
    let boxes = ndimage::find_objects(&input, max_label).py(vm)?;
    let items = boxes
        .into_iter()
        .map(|bb| match bb {
            None => vm.ctx.none(),
            Some(bb) => {
                let slices = bb
                    .into_iter()
                    .map(|(s, e)| {
                        PySlice {
                            start: Some(vm.ctx.new_int(s).into()),
                            stop: vm.ctx.new_int(e).into(),
                            step: None,
                        }
                        .into_pyobject(vm)
                    })
                    .collect();
                vm.ctx.new_tuple(slices).into()
            }
        })
        .collect();
    Ok(vm.ctx.new_list(items).into())
}

fn binary_fill_holes(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "binary_fill_holes",
        args,
        &["input", "structure", "output", "origin"],
        1,
        vm,
    )?;
    let input = to_dense(b.req("input", vm)?, vm)?;
    let d = ndimage::binary_fill_holes(&input, structure(&b, vm)?.as_ref()).py(vm)?;
    Ok(from_dense(d, vm))
}

const MORPH_ARGS: &[&str] = &[
    "input",
    "structure",
    "iterations",
    "mask",
    "output",
    "border_value",
    "origin",
    "brute_force",
];

fn morph(name: &'static str, dilate: bool, args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(name, args, MORPH_ARGS, 1, vm)?;
    if b.get("mask", vm).is_some() || b.get("output", vm).is_some() {
        return Err(vm.new_not_implemented_error(format!(
            "scipy.ndimage.{name}: mask= and output= are not supported"
        )));
    }
    let input = to_dense(b.req("input", vm)?, vm)?;
    let st = structure(&b, vm)?;
    let iterations = b.int("iterations", 1, vm)?;
    let border = b.int("border_value", 0, vm)? != 0;
    let d = if dilate {
        ndimage::binary_dilation(&input, st.as_ref(), iterations, border)
    } else {
        ndimage::binary_erosion(&input, st.as_ref(), iterations, border)
    }
    .py(vm)?;
    Ok(from_dense(d, vm))
}

fn binary_dilation(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    morph("binary_dilation", true, args, vm)
}

fn binary_erosion(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    morph("binary_erosion", false, args, vm)
}

fn generate_binary_structure(args: FuncArgs, vm: &VirtualMachine) -> PyResult {
    let b = bind(
        "generate_binary_structure",
        args,
        &["rank", "connectivity"],
        2,
        vm,
    )?;
    let rank = b.int("rank", 0, vm)?;
    let conn = b.int("connectivity", 1, vm)?;
    if !(0..=8).contains(&rank) {
        return Err(vm.new_value_error("rank must be between 0 and 8"));
    }
    let d = ndimage::generate_binary_structure(rank as usize, conn.max(0) as usize).py(vm)?;
    Ok(from_dense(d, vm))
}

/// The functions of `scipy.ndimage`, by name.
pub const NDIMAGE_FUNCTIONS: &[(&str, NativeFn)] = &[
    ("label", label),
    ("find_objects", find_objects),
    ("binary_fill_holes", binary_fill_holes),
    ("binary_dilation", binary_dilation),
    ("binary_erosion", binary_erosion),
    ("generate_binary_structure", generate_binary_structure),
];
