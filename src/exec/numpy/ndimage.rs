//! Pure-Rust `scipy.ndimage` algorithms over owned arrays ([`Dense`]).
//!
//! SKELETON: signatures are fixed (the binding layer calls them); bodies are being written.

use super::dense::{Dense, NpError};

/// Bounding box of one object: `(start, stop)` per axis, as `find_objects`' slices.
pub type BoundingBox = Vec<(usize, usize)>;

fn todo(name: &str) -> NpError {
    NpError::not_implemented(format!("scipy.ndimage.{name} is not implemented yet"))
}

/// `generate_binary_structure(rank, connectivity)`: a `3^rank` bool array.
pub fn generate_binary_structure(_rank: usize, _connectivity: usize) -> Result<Dense, NpError> {
    Err(todo("generate_binary_structure"))
}

/// `label(input, structure)`: `int32` labels numbered in row-major order of first appearance,
/// and the number of features. `structure=None` means cross-shaped (4-connectivity in 2-D).
pub fn label(_input: &Dense, _structure: Option<&Dense>) -> Result<(Dense, usize), NpError> {
    Err(todo("label"))
}

/// `find_objects(labels, max_label)`: for each label 1..=max (max defaults to the largest label),
/// the bounding box as one `(start, stop)` per axis, or `None` when the label is absent.
pub fn find_objects(
    _labels: &Dense,
    _max_label: Option<usize>,
) -> Result<Vec<Option<BoundingBox>>, NpError> {
    Err(todo("find_objects"))
}

/// `binary_fill_holes(input, structure)`: bool result.
pub fn binary_fill_holes(_input: &Dense, _structure: Option<&Dense>) -> Result<Dense, NpError> {
    Err(todo("binary_fill_holes"))
}

/// `binary_dilation(input, structure, iterations, border_value)`: `iterations < 1` repeats until
/// nothing changes, as scipy does.
pub fn binary_dilation(
    _input: &Dense,
    _structure: Option<&Dense>,
    _iterations: i64,
    _border_value: bool,
) -> Result<Dense, NpError> {
    Err(todo("binary_dilation"))
}

/// `binary_erosion(input, structure, iterations, border_value)`.
pub fn binary_erosion(
    _input: &Dense,
    _structure: Option<&Dense>,
    _iterations: i64,
    _border_value: bool,
) -> Result<Dense, NpError> {
    Err(todo("binary_erosion"))
}
