//! Counting tensor operations, so `bench gen` can show how many a decode step issues per layer on
//! any device (a count, not a timing). Every candle operation that produces a tensor (views
//! included) gives it a fresh id from one global counter; in-place writes produce none, so the
//! model code counts those itself with [`inplace`].

use candle_core::{DType, Device, Tensor};
use std::sync::atomic::{AtomicUsize, Ordering};

static INPLACE: AtomicUsize = AtomicUsize::new(0);

/// Records one in-place tensor operation (a KV-cache write).
pub fn inplace() {
    INPLACE.fetch_add(1, Ordering::Relaxed);
}

/// Tensor operations issued so far in this process: tensors created plus in-place writes. Only
/// differences mean anything; the probe tensor it creates is not counted.
pub fn operations() -> usize {
    // candle exposes a tensor's id only through Debug (`TensorId(n)`), n from the global counter.
    let probe = Tensor::zeros((), DType::U8, &Device::Cpu).map(|t| format!("{:?}", t.id()));
    let created = probe
        .ok()
        .and_then(|s| {
            s.trim_start_matches("TensorId(")
                .trim_end_matches(')')
                .parse::<usize>()
                .ok()
        })
        .unwrap_or(0);
    // The probe took id `created`; operations before it took ids below.
    created.saturating_sub(1) + INPLACE.load(Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_created_tensors_and_inplace_writes() {
        // Other tests create tensors concurrently, so only a lower bound holds here.
        let before = operations();
        let a = Tensor::ones(4, DType::F32, &Device::Cpu).unwrap();
        let _b = (a.exp().unwrap() + 1.0).unwrap();
        inplace();
        assert!(operations() - before >= 4);
    }
}
