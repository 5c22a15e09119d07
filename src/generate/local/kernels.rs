//! PTX of the project's CUDA kernels (`kernels/*.cu`), compiled by `build.rs` with nvcc when the
//! `cuda` feature is on and loaded by the operations that launch them ([`super::sample_op`],
//! [`super::attention`]). The driver JIT-compiles the PTX for the GPU at first use.

/// `kernels/sampling.cu`: token sampling and log-probabilities.
#[cfg(feature = "cuda")]
pub const SAMPLING_PTX: &str = include_str!(concat!(env!("OUT_DIR"), "/sampling.ptx"));

/// `kernels/attention.cu`: decode attention over the KV arena, and its scattered writes.
#[cfg(feature = "cuda")]
pub const ATTENTION_PTX: &str = include_str!(concat!(env!("OUT_DIR"), "/attention.ptx"));
