//! Sampling and log-probabilities as device operations: the logits never leave the device; only the
//! chosen ids (and, for rows that ask, their log-probabilities) are copied to the host.
//!
//! On the CPU the operations run [`super::sampler::sample_reference`] and
//! [`super::logprobs::token_logprobs`] over the rows in parallel; on a GPU, the kernels of
//! `kernels/sampling.cu` (the same algorithm, see [`super::sampler`]).

use super::logprobs::{token_logprobs, TokenLogprobs, MAX_TOP_LOGPROBS};
use super::sampler::{sample_reference, RowParams, MAX_VOCAB, PARAM_FIELDS};
use candle_core::{CpuStorage, CustomOp2, DType, Device, Layout, Result, Shape, Tensor};
use rayon::prelude::*;

/// Threads per block of the sampling kernels (`SAMPLE_THREADS` in `kernels/sampling.cu`).
pub const KERNEL_THREADS: u32 = 1024;

/// A row to sample: which logits row, and how.
#[derive(Clone, Copy, Debug)]
pub struct SampleRow {
    /// Row of the logits tensor (several samples may draw from one row).
    pub logits_row: usize,
    /// The row's parameters and uniform.
    pub params: RowParams,
}

/// Picks one token per row on the logits' device: `logits` is f32 `[n, vocab]`; returns the ids,
/// in `rows` order.
pub fn sample(logits: &Tensor, rows: &[SampleRow]) -> Result<Vec<u32>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let (n, vocab) = logits.dims2()?;
    check(logits, n, vocab, rows.iter().map(|r| r.logits_row))?;
    let params: Vec<f64> = rows
        .iter()
        .flat_map(|r| r.params.pack(r.logits_row))
        .collect();
    let params = Tensor::from_vec(params, (rows.len(), PARAM_FIELDS), logits.device())?;
    let logits = logits.contiguous()?;
    logits.apply_op2_no_bwd(&params, &SampleOp)?.to_vec1()
}

/// A row whose log-probabilities are wanted.
#[derive(Clone, Copy, Debug)]
pub struct LogprobRow {
    /// Row of the logits tensor.
    pub logits_row: usize,
    /// The token that was chosen.
    pub token: u32,
    /// Alternatives wanted (at most [`MAX_TOP_LOGPROBS`]).
    pub top: usize,
}

/// The log-probabilities (temperature 1, before any filter) of each row's chosen token and of its
/// `top` most likely tokens, computed on the logits' device.
pub fn logprobs(logits: &Tensor, rows: &[LogprobRow]) -> Result<Vec<TokenLogprobs>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let (n, vocab) = logits.dims2()?;
    check(logits, n, vocab, rows.iter().map(|r| r.logits_row))?;
    let top = rows
        .iter()
        .map(|r| r.top.min(MAX_TOP_LOGPROBS))
        .max()
        .unwrap_or(0);
    let meta: Vec<u32> = rows
        .iter()
        .flat_map(|r| [r.logits_row as u32, r.token])
        .collect();
    let meta = Tensor::from_vec(meta, (rows.len(), 2), logits.device())?;
    let logits = logits.contiguous()?;
    let out: Vec<f32> = logits
        .apply_op2_no_bwd(&meta, &LogprobsOp { top })?
        .flatten_all()?
        .to_vec1()?;
    let width = 1 + 2 * top;
    Ok(rows
        .iter()
        .zip(out.chunks(width))
        .map(|(r, o)| TokenLogprobs {
            token: r.token,
            logprob: o[0],
            top: o[1..]
                .chunks(2)
                .take(r.top.min(MAX_TOP_LOGPROBS))
                .filter(|p| p[0] >= 0.0)
                .map(|p| (p[0] as u32, p[1]))
                .collect(),
        })
        .collect())
}

fn check(
    logits: &Tensor,
    n: usize,
    vocab: usize,
    mut rows: impl Iterator<Item = usize>,
) -> Result<()> {
    if logits.dtype() != DType::F32 {
        candle_core::bail!("sampling reads f32 logits, not {:?}", logits.dtype());
    }
    if vocab >= MAX_VOCAB {
        candle_core::bail!(
            "a vocabulary of {vocab} tokens is too large to sample (limit {MAX_VOCAB})"
        );
    }
    if let Some(bad) = rows.find(|&r| r >= n) {
        candle_core::bail!("logits row {bad} of {n}");
    }
    Ok(())
}

/// The f32 contents of a contiguous CPU tensor's storage.
fn cpu_f32<'a>(s: &'a CpuStorage, l: &Layout) -> Result<&'a [f32]> {
    match (s, l.contiguous_offsets()) {
        (CpuStorage::F32(v), Some((a, b))) => Ok(&v[a..b]),
        _ => candle_core::bail!("expected contiguous f32 logits"),
    }
}

/// `logits [n, vocab]` f32, `params [rows, 7]` f64 → ids `[rows]` u32.
struct SampleOp;

impl CustomOp2 for SampleOp {
    fn name(&self) -> &'static str {
        "sample-rows"
    }

    fn cpu_fwd(
        &self,
        s1: &CpuStorage,
        l1: &Layout,
        s2: &CpuStorage,
        l2: &Layout,
    ) -> Result<(CpuStorage, Shape)> {
        let logits = cpu_f32(s1, l1)?;
        let vocab = l1.dims()[1];
        let params = match (s2, l2.contiguous_offsets()) {
            (CpuStorage::F64(v), Some((a, b))) => &v[a..b],
            _ => candle_core::bail!("expected contiguous f64 sampling parameters"),
        };
        let ids: Vec<u32> = params
            .par_chunks(PARAM_FIELDS)
            .map(|f| {
                let (p, row) = RowParams::unpack(f);
                sample_reference(&logits[row * vocab..(row + 1) * vocab], &p)
            })
            .collect();
        let rows = ids.len();
        Ok((CpuStorage::U32(ids), Shape::from(rows)))
    }

    #[cfg(feature = "cuda")]
    fn cuda_fwd(
        &self,
        s1: &candle_core::CudaStorage,
        l1: &Layout,
        s2: &candle_core::CudaStorage,
        l2: &Layout,
    ) -> Result<(candle_core::CudaStorage, Shape)> {
        cuda::sample(s1, l1, s2, l2)
    }
}

/// `logits [n, vocab]` f32, `meta [rows, 2]` u32 (logits row, chosen id) → `[rows, 1 + 2·top]`
/// f32: the chosen token's log-probability, then (id, log-probability) pairs, id -1 for none.
struct LogprobsOp {
    top: usize,
}

impl CustomOp2 for LogprobsOp {
    fn name(&self) -> &'static str {
        "logprobs-rows"
    }

    fn cpu_fwd(
        &self,
        s1: &CpuStorage,
        l1: &Layout,
        s2: &CpuStorage,
        l2: &Layout,
    ) -> Result<(CpuStorage, Shape)> {
        let logits = cpu_f32(s1, l1)?;
        let vocab = l1.dims()[1];
        let meta = match (s2, l2.contiguous_offsets()) {
            (CpuStorage::U32(v), Some((a, b))) => &v[a..b],
            _ => candle_core::bail!("expected contiguous u32 logprob rows"),
        };
        let width = 1 + 2 * self.top;
        let out: Vec<f32> = meta
            .par_chunks(2)
            .flat_map_iter(|m| {
                let row = m[0] as usize;
                let lp = token_logprobs(&logits[row * vocab..(row + 1) * vocab], m[1], self.top);
                let mut o = vec![f32::NEG_INFINITY; width];
                o[0] = lp.logprob;
                for j in 0..self.top {
                    let (id, value) = lp
                        .top
                        .get(j)
                        .map_or((-1.0, f32::NEG_INFINITY), |t| (t.0 as f32, t.1));
                    o[1 + 2 * j] = id;
                    o[2 + 2 * j] = value;
                }
                o
            })
            .collect();
        let rows = meta.len() / 2;
        Ok((CpuStorage::F32(out), Shape::from((rows, width))))
    }

    #[cfg(feature = "cuda")]
    fn cuda_fwd(
        &self,
        s1: &candle_core::CudaStorage,
        l1: &Layout,
        s2: &candle_core::CudaStorage,
        l2: &Layout,
    ) -> Result<(candle_core::CudaStorage, Shape)> {
        cuda::logprobs(s1, l1, s2, l2, self.top)
    }
}

/// Whether `device` runs these operations on the host (the CPU reference).
pub fn on_host(device: &Device) -> bool {
    device.is_cpu()
}

#[cfg(feature = "cuda")]
mod cuda {
    use super::KERNEL_THREADS;
    use candle_core::cuda_backend::cudarc::driver::{LaunchConfig, PushKernelArg};
    use candle_core::cuda_backend::WrapErr;
    use candle_core::{CudaStorage, Layout, Result, Shape};

    const MODULE: &str = "arc_solver_sampling";

    fn launch_config(rows: usize) -> LaunchConfig {
        LaunchConfig {
            grid_dim: (rows as u32, 1, 1),
            block_dim: (KERNEL_THREADS, 1, 1),
            shared_mem_bytes: 0,
        }
    }

    pub fn sample(
        s1: &CudaStorage,
        l1: &Layout,
        s2: &CudaStorage,
        l2: &Layout,
    ) -> Result<(CudaStorage, Shape)> {
        let dev = &s1.device;
        let (Some((a1, b1)), Some((a2, b2))) = (l1.contiguous_offsets(), l2.contiguous_offsets())
        else {
            candle_core::bail!("sampling needs contiguous inputs");
        };
        let logits = s1.as_cuda_slice::<f32>()?.slice(a1..b1);
        let params = s2.as_cuda_slice::<f64>()?.slice(a2..b2);
        let vocab = l1.dims()[1] as u32;
        let rows = l2.dims()[0];
        let out = dev.alloc_zeros::<u32>(rows)?;
        let func = dev.get_or_load_custom_func(
            "sample_rows",
            MODULE,
            crate::generate::local::kernels::SAMPLING_PTX,
        )?;
        let mut builder = func.builder();
        builder.arg(&logits).arg(&vocab).arg(&params).arg(&out);
        // SAFETY: the arguments match the kernel's signature; every row reads `vocab` logits of
        // a row the host checked is in range, and writes one id.
        unsafe { builder.launch(launch_config(rows)) }.w()?;
        Ok((
            CudaStorage::wrap_cuda_slice(out, dev.clone()),
            Shape::from(rows),
        ))
    }

    pub fn logprobs(
        s1: &CudaStorage,
        l1: &Layout,
        s2: &CudaStorage,
        l2: &Layout,
        top: usize,
    ) -> Result<(CudaStorage, Shape)> {
        let dev = &s1.device;
        let (Some((a1, b1)), Some((a2, b2))) = (l1.contiguous_offsets(), l2.contiguous_offsets())
        else {
            candle_core::bail!("log-probabilities need contiguous inputs");
        };
        let logits = s1.as_cuda_slice::<f32>()?.slice(a1..b1);
        let meta = s2.as_cuda_slice::<u32>()?.slice(a2..b2);
        let vocab = l1.dims()[1] as u32;
        let rows = l2.dims()[0];
        let width = 1 + 2 * top;
        let out = dev.alloc_zeros::<f32>(rows * width)?;
        let func = dev.get_or_load_custom_func(
            "logprobs_rows",
            MODULE,
            crate::generate::local::kernels::SAMPLING_PTX,
        )?;
        let top = top as u32;
        let mut builder = func.builder();
        builder
            .arg(&logits)
            .arg(&vocab)
            .arg(&meta)
            .arg(&top)
            .arg(&out);
        // SAFETY: as in `sample`; each row writes its `width` outputs.
        unsafe { builder.launch(launch_config(rows)) }.w()?;
        Ok((
            CudaStorage::wrap_cuda_slice(out, dev.clone()),
            Shape::from((rows, width)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::local::sampler::{sample_reference, DrawStream};
    use crate::generate::SamplingParams;

    #[test]
    fn device_ops_on_the_cpu_equal_the_references() {
        let vocab = 3000;
        let rows: Vec<Vec<f32>> = (0..4)
            .map(|r| {
                (0..vocab)
                    .map(|i| (((i * 7919 + r * 131) % 997) as f32) / 80.0)
                    .collect()
            })
            .collect();
        let flat: Vec<f32> = rows.concat();
        let logits = Tensor::from_vec(flat, (4, vocab), &Device::Cpu).unwrap();
        let settings = [
            SamplingParams::default(),
            SamplingParams {
                temperature: 0.7,
                top_k: 40,
                top_p: 0.9,
                min_p: 0.05,
                ..SamplingParams::default()
            },
            SamplingParams {
                temperature: 0.0,
                ..SamplingParams::default()
            },
        ];
        let mut stream = DrawStream::new(5);
        let picks: Vec<SampleRow> = (0..9)
            .map(|i| SampleRow {
                logits_row: i % 4,
                params: RowParams::new(&settings[i % 3], stream.next_uniform()),
            })
            .collect();
        let ids = sample(&logits, &picks).unwrap();
        for (p, id) in picks.iter().zip(&ids) {
            assert_eq!(*id, sample_reference(&rows[p.logits_row], &p.params));
        }
        let asks: Vec<LogprobRow> = picks
            .iter()
            .zip(&ids)
            .map(|(p, &token)| LogprobRow {
                logits_row: p.logits_row,
                token,
                top: p.logits_row,
            })
            .collect();
        let lps = logprobs(&logits, &asks).unwrap();
        for (a, lp) in asks.iter().zip(&lps) {
            assert_eq!(*lp, token_logprobs(&rows[a.logits_row], a.token, a.top));
        }
        // Bad inputs are errors, not panics.
        let bad = [SampleRow {
            logits_row: 4,
            params: picks[0].params,
        }];
        assert!(sample(&logits, &bad).is_err());
        assert!(sample(&logits.to_dtype(DType::F64).unwrap(), &picks).is_err());
    }
}
