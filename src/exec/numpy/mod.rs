//! A native, numpy-compatible module (and `scipy.ndimage`) for the embedded interpreter.
//!
//! ARC programs written by LLMs use a small, stable part of numpy on tiny integer grids. This
//! module implements that part in Rust with numpy's semantics (dtypes, views, broadcasting,
//! indexing); anything outside it raises `AttributeError`/`NotImplementedError` with a clear
//! message, and the run summary counts those by name.
//!
//! - `dense.rs`: owned contiguous arrays ([`dense::Dense`]) and errors;
//! - `algos.rs`, `ndimage.rs`: pure-Rust algorithms over `Dense`;
//! - `array.rs`: the Python `ndarray` type (strided views over shared buffers) and conversions;
//! - `functions.rs`: module-level functions (`np.where`, `np.unique`, ...);
//! - `scipy.rs`: the `scipy` and `scipy.ndimage` modules.

pub mod algos;
pub mod dense;
pub mod ndimage;
