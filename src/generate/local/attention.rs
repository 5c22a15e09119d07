//! Attention over the KV arena ([`super::cache::KvArena`]).
//!
//! A sequence's keys and values are contiguous runs ("segments") of the arena: a task's prompt is
//! one segment that all its samples share, each sample's generated tokens another. Decoding runs
//! one [`segment_attention`] per layer for every row of the batch, whatever task it belongs to:
//! each row attends to the union of its segments with an online softmax in f32. The shared prompt
//! is stored once; on a GPU the rows of one task read it through the cache. A prefix shared by
//! several prompts (a task's common part under several refinement prompts) is one more segment in
//! those rows' lists.
//!
//! Prefill attends within one prompt, causally, with matmuls ([`prefill_attention`]) over the
//! prompt's segment as a strided view of the arena.

use candle_core::backend::BackendStorage;
use candle_core::{
    CpuStorage, CustomOp3, DType, Device, InplaceOp3, Layout, Result, Shape, Tensor,
};
use rayon::prelude::*;

/// Most query heads per block of the CUDA kernel (`ATT_MAX_GROUP`); larger groups take several.
pub const KERNEL_MAX_GROUP: usize = 8;
/// Threads per block of the CUDA kernel (`ATT_THREADS`), also the largest head dimension.
pub const KERNEL_THREADS: usize = 256;

/// Which arena segments each row of a step attends to, on the host and on the device.
pub struct SegmentTable {
    /// Per row: (first segment, segment count).
    rows: Vec<u32>,
    /// (arena start, length) pairs.
    segments: Vec<u32>,
    /// Copies of both on a GPU (the CPU reads the host vectors).
    #[cfg_attr(not(feature = "cuda"), allow(dead_code))]
    on_device: Option<(Tensor, Tensor)>,
}

impl SegmentTable {
    /// A table of `rows`, each a list of (arena start, length) segments, copied to `device` once
    /// for all layers.
    pub fn new(rows: &[Vec<(usize, usize)>], device: &Device) -> Result<SegmentTable> {
        let mut meta = Vec::with_capacity(2 * rows.len());
        let mut segments = Vec::new();
        for row in rows {
            meta.push((segments.len() / 2) as u32);
            meta.push(row.len() as u32);
            for &(start, len) in row {
                segments.push(start as u32);
                segments.push(len as u32);
            }
        }
        if segments.is_empty() {
            // Devices refuse empty buffers; rows with no segment never read this.
            segments = vec![0, 0];
        }
        // No copy for an empty table (a step without decode rows never attends through it).
        let on_device = if device.is_cpu() || meta.is_empty() {
            None
        } else {
            Some((
                Tensor::from_slice(&meta, meta.len(), device)?,
                Tensor::from_slice(&segments, segments.len(), device)?,
            ))
        };
        Ok(SegmentTable {
            rows: meta,
            segments,
            on_device,
        })
    }

    /// Rows described.
    pub fn len(&self) -> usize {
        self.rows.len() / 2
    }

    /// True when no row is described.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn row(&self, r: usize) -> impl Iterator<Item = (usize, usize)> + Clone + '_ {
        let (first, count) = (self.rows[2 * r] as usize, self.rows[2 * r + 1] as usize);
        (first..first + count).map(|s| {
            (
                self.segments[2 * s] as usize,
                self.segments[2 * s + 1] as usize,
            )
        })
    }
}

/// Decode attention of every row of a step: `q [rows, heads, d]` against `keys, values [kv_heads,
/// capacity, d]` (one layer of the arena), row `r` seeing the arena tokens of its segments in
/// `table`. Query head `h` uses key/value head `h / (heads / kv_heads)`. Returns `[rows, heads,
/// d]` in `q`'s dtype.
pub fn segment_attention(
    q: &Tensor,
    keys: &Tensor,
    values: &Tensor,
    table: &SegmentTable,
    scale: f64,
) -> Result<Tensor> {
    let (rows, heads, d) = q.dims3()?;
    let (kv, _, kd) = keys.dims3()?;
    if rows != table.len() || kd != d || keys.dims() != values.dims() || heads % kv != 0 {
        candle_core::bail!(
            "segment attention: q {:?}, keys {:?}, values {:?}, {} table rows",
            q.dims(),
            keys.dims(),
            values.dims(),
            table.len()
        );
    }
    if d > KERNEL_THREADS {
        candle_core::bail!("head_dim {d} is larger than {KERNEL_THREADS}");
    }
    let q = q.contiguous()?;
    q.apply_op3_no_bwd(
        keys,
        values,
        &SegmentAttention {
            table,
            scale: scale as f32,
        },
    )
}

struct SegmentAttention<'a> {
    table: &'a SegmentTable,
    scale: f32,
}

/// One row's attention for the query heads of one kv head, in f32 (the CPU reference).
#[allow(clippy::too_many_arguments)]
fn attend_row<T: candle_core::WithDType>(
    q: &[T],
    keys: &[T],
    values: &[T],
    segments: impl Iterator<Item = (usize, usize)> + Clone,
    kv_head: usize,
    capacity: usize,
    d: usize,
    scale: f32,
    out: &mut [T],
) {
    let base = kv_head * capacity * d;
    for (h, o) in out.chunks_mut(d).enumerate() {
        let qh: Vec<f32> = q[h * d..(h + 1) * d]
            .iter()
            .map(|x| x.to_f64() as f32)
            .collect();
        let (mut max, mut sum) = (f32::NEG_INFINITY, 0f32);
        let mut acc = vec![0f32; d];
        for (start, len) in segments.clone() {
            for t in start..start + len {
                let k = &keys[base + t * d..base + (t + 1) * d];
                let s = qh
                    .iter()
                    .zip(k)
                    .map(|(a, b)| a * b.to_f64() as f32)
                    .sum::<f32>()
                    * scale;
                let m = max.max(s);
                let (old, new) = ((max - m).exp(), (s - m).exp());
                let v = &values[base + t * d..base + (t + 1) * d];
                for (a, x) in acc.iter_mut().zip(v) {
                    *a = *a * old + new * x.to_f64() as f32;
                }
                sum = sum * old + new;
                max = m;
            }
        }
        for (o, a) in o.iter_mut().zip(&acc) {
            *o = T::from_f64(if sum > 0.0 { f64::from(a / sum) } else { 0.0 });
        }
    }
}

fn attention_cpu<T: candle_core::WithDType>(
    q: &[T],
    keys: &[T],
    values: &[T],
    dims: (usize, usize, usize, usize, usize),
    op: &SegmentAttention<'_>,
) -> Vec<T> {
    let (rows, heads, d, kv, capacity) = dims;
    let group = heads / kv;
    let mut out = vec![T::from_f64(0.0); rows * heads * d];
    out.par_chunks_mut(group * d)
        .enumerate()
        .for_each(|(i, o)| {
            let (r, h) = (i / kv, i % kv);
            let qrow = &q[(r * heads + h * group) * d..(r * heads + (h + 1) * group) * d];
            attend_row(
                qrow,
                keys,
                values,
                op.table.row(r),
                h,
                capacity,
                d,
                op.scale,
                o,
            );
        });
    out
}

/// The contiguous contents of a CPU tensor of element type `T`.
fn cpu_slice<'a, T: candle_core::WithDType>(s: &'a CpuStorage, l: &Layout) -> Result<&'a [T]> {
    let all = T::cpu_storage_as_slice(s)?;
    match l.contiguous_offsets() {
        Some((a, b)) => Ok(&all[a..b]),
        None => candle_core::bail!("expected a contiguous tensor"),
    }
}

impl CustomOp3 for SegmentAttention<'_> {
    fn name(&self) -> &'static str {
        "segment-attention"
    }

    fn cpu_fwd(
        &self,
        s1: &CpuStorage,
        l1: &Layout,
        s2: &CpuStorage,
        l2: &Layout,
        s3: &CpuStorage,
        l3: &Layout,
    ) -> Result<(CpuStorage, Shape)> {
        let (rows, heads, d) = l1.shape().dims3()?;
        let (kv, capacity, _) = l2.shape().dims3()?;
        let dims = (rows, heads, d, kv, capacity);
        let storage = match s1 {
            CpuStorage::F32(_) => CpuStorage::F32(attention_cpu(
                cpu_slice(s1, l1)?,
                cpu_slice(s2, l2)?,
                cpu_slice(s3, l3)?,
                dims,
                self,
            )),
            CpuStorage::BF16(_) => CpuStorage::BF16(attention_cpu(
                cpu_slice(s1, l1)?,
                cpu_slice(s2, l2)?,
                cpu_slice(s3, l3)?,
                dims,
                self,
            )),
            CpuStorage::F16(_) => CpuStorage::F16(attention_cpu(
                cpu_slice(s1, l1)?,
                cpu_slice(s2, l2)?,
                cpu_slice(s3, l3)?,
                dims,
                self,
            )),
            other => candle_core::bail!("segment attention: unsupported dtype {:?}", other.dtype()),
        };
        Ok((storage, l1.shape().clone()))
    }

    #[cfg(feature = "cuda")]
    fn cuda_fwd(
        &self,
        s1: &candle_core::CudaStorage,
        l1: &Layout,
        s2: &candle_core::CudaStorage,
        l2: &Layout,
        s3: &candle_core::CudaStorage,
        l3: &Layout,
    ) -> Result<(candle_core::CudaStorage, Shape)> {
        cuda::segment_attention(self.table, self.scale, (s1, l1), (s2, l2), (s3, l3))
    }
}

/// Token positions of one step's new keys and values in the arena, on the device once for all
/// layers.
pub struct ArenaSlots {
    positions: Vec<u32>,
    positions_dev: Tensor,
}

impl ArenaSlots {
    /// Slots for tokens `0..positions.len()` of a step.
    pub fn new(positions: Vec<u32>, device: &Device) -> Result<ArenaSlots> {
        let positions_dev = Tensor::from_slice(&positions, positions.len(), device)?;
        Ok(ArenaSlots {
            positions,
            positions_dev,
        })
    }

    /// Tokens placed.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// True when no token is placed.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }
}

/// Writes `src [tokens, kv_heads, d]` into `arena [kv_heads, capacity, d]` at the tokens' slots.
pub fn scatter_into(arena: &Tensor, src: &Tensor, slots: &ArenaSlots) -> Result<()> {
    let (t, kv, d) = src.dims3()?;
    let (akv, capacity, ad) = arena.dims3()?;
    if t != slots.len() || kv != akv || d != ad {
        candle_core::bail!(
            "arena write: {:?} into {:?} at {} slots",
            src.dims(),
            arena.dims(),
            slots.len()
        );
    }
    if let Some(p) = slots.positions.iter().find(|&&p| p as usize >= capacity) {
        candle_core::bail!("arena write at {p}, past its {capacity} tokens");
    }
    super::opcount::inplace();
    let src = src.contiguous()?;
    arena.inplace_op3(&src, &slots.positions_dev, &ScatterOp)
}

struct ScatterOp;

fn scatter_cpu<T: Copy>(dst: &mut [T], src: &[T], positions: &[u32], kv: usize, cap: usize) {
    let d = src.len() / positions.len().max(1) / kv.max(1);
    for (t, &p) in positions.iter().enumerate() {
        for h in 0..kv {
            let from = (t * kv + h) * d;
            let to = (h * cap + p as usize) * d;
            dst[to..to + d].copy_from_slice(&src[from..from + d]);
        }
    }
}

impl InplaceOp3 for ScatterOp {
    fn name(&self) -> &'static str {
        "arena-scatter"
    }

    fn cpu_fwd(
        &self,
        dst: &mut CpuStorage,
        dst_l: &Layout,
        src: &CpuStorage,
        src_l: &Layout,
        pos: &CpuStorage,
        pos_l: &Layout,
    ) -> Result<()> {
        let (kv, cap, _) = dst_l.shape().dims3()?;
        if dst_l.contiguous_offsets() != Some((0, dst_l.shape().elem_count())) {
            candle_core::bail!("the arena must be a whole contiguous tensor");
        }
        let positions: &[u32] = cpu_slice(pos, pos_l)?;
        match (dst, src) {
            (CpuStorage::F32(d), s @ CpuStorage::F32(_)) => {
                scatter_cpu(d, cpu_slice(s, src_l)?, positions, kv, cap)
            }
            (CpuStorage::BF16(d), s @ CpuStorage::BF16(_)) => {
                scatter_cpu(d, cpu_slice(s, src_l)?, positions, kv, cap)
            }
            (CpuStorage::F16(d), s @ CpuStorage::F16(_)) => {
                scatter_cpu(d, cpu_slice(s, src_l)?, positions, kv, cap)
            }
            (d, s) => candle_core::bail!("arena write: {:?} into {:?}", s.dtype(), d.dtype()),
        }
        Ok(())
    }

    #[cfg(feature = "cuda")]
    fn cuda_fwd(
        &self,
        dst: &mut candle_core::CudaStorage,
        dst_l: &Layout,
        src: &candle_core::CudaStorage,
        src_l: &Layout,
        pos: &candle_core::CudaStorage,
        pos_l: &Layout,
    ) -> Result<()> {
        cuda::scatter(dst, dst_l, (src, src_l), (pos, pos_l))
    }
}

/// Softmax of causal attention scores `[.., c, len]` (f32, contiguous) whose chunk starts at key
/// `offset`: row `i` sees keys `0..=offset + i`, the rest get exactly 0. On the CPU, instead of
/// masking with -inf and a full-row softmax: that one's sum is vectorised over the whole row, so
/// a row's result depended on how many masked keys followed it; here the sum runs over the
/// visible keys in order (the same arithmetic as the full-row softmax's scalar path).
struct CausalSoftmax {
    offset: usize,
}

impl candle_core::CustomOp1 for CausalSoftmax {
    fn name(&self) -> &'static str {
        "causal-softmax"
    }

    fn cpu_fwd(&self, storage: &CpuStorage, layout: &Layout) -> Result<(CpuStorage, Shape)> {
        let scores: &[f32] = cpu_slice(storage, layout)?;
        let dims = layout.shape().dims();
        let (c, len) = match dims {
            [.., c, len] => (*c, *len),
            _ => candle_core::bail!("causal softmax of {dims:?}"),
        };
        let mut out = vec![0f32; scores.len()];
        out.par_chunks_mut(len)
            .zip(scores.par_chunks(len))
            .enumerate()
            .for_each(|(r, (dst, src))| {
                let visible = (self.offset + r % c + 1).min(len);
                let max = src[..visible]
                    .iter()
                    .copied()
                    .fold(f32::NEG_INFINITY, f32::max);
                let mut sum = 0f32;
                for (d, s) in dst[..visible].iter_mut().zip(src) {
                    *d = (*s - max).exp();
                    sum += *d;
                }
                for d in &mut dst[..visible] {
                    *d /= sum;
                }
            });
        Ok((CpuStorage::F32(out), layout.shape().clone()))
    }
}

/// Keys per block of a prefill chunk's weighted sum of values on the CPU (see
/// [`prefill_attention`]): the CPU matmul's (gemm's) smallest reduction block, so each block is
/// one uninterrupted sum.
pub const PREFILL_KEY_BLOCK: usize = 512;

/// Fewest keys in one product of weights and values on the CPU (gemm takes another path for a
/// reduction of one or two terms).
const MIN_PRODUCT_KEYS: usize = 3;

/// Causal attention of a prefill chunk: `q [c, heads, d]` at positions `offset..offset + c` against
/// `k, v [kv, offset + c, d]` (the prompt so far, this chunk included). Returns `[c, heads, d]`.
pub fn prefill_attention(
    q: &Tensor,
    k: &Tensor,
    v: &Tensor,
    offset: usize,
    scale: f64,
) -> Result<Tensor> {
    let (c, heads, d) = q.dims3()?;
    let (kv, len, _) = k.dims3()?;
    let group = heads / kv;
    let qp = q
        .reshape((c, kv, group, d))?
        .permute((1, 2, 0, 3))?
        .contiguous()?
        .reshape((kv, group * c, d))?;
    let scores = (qp.matmul(&k.t()?)? * scale)?
        .to_dtype(DType::F32)?
        .reshape((kv, group, c, len))?;
    let probs = if q.device().is_cpu() {
        scores.apply_op1_no_bwd(&CausalSoftmax { offset })?
    } else {
        let mask: Vec<f32> = (0..c)
            .flat_map(|i| {
                (0..len).map(move |j| {
                    if j <= offset + i {
                        0.0
                    } else {
                        f32::NEG_INFINITY
                    }
                })
            })
            .collect();
        let mask = Tensor::from_vec(mask, (c, len), q.device())?;
        candle_nn::ops::softmax_last_dim(&scores.broadcast_add(&mask)?)?
    };
    let probs = probs.reshape((kv, group * c, len))?.to_dtype(v.dtype())?;
    // Weighted values in blocks of keys at fixed positions from the prompt's start, added in
    // order: a matmul's reduction is split where its shape says, so one product over all keys
    // would round a token's output differently depending on how many keys the chunk sees (its
    // masked ones are exact zeros, but they move the split). Blocked, this product no longer
    // depends on the chunking, with or without a shared prefix before the run. (Other products
    // of a step still may in their last bits, so sharing keeps tokens, not every logit's last
    // bit: see tests/prefix_sharing.rs.)
    // (The CPU only: on a GPU the library picks its kernels by shape anyway, and many small
    // products would cost more launches than they save.)
    let block = if v.device().is_cpu() {
        PREFILL_KEY_BLOCK
    } else {
        len
    };
    let mut out: Option<Tensor> = None;
    for start in (0..len).step_by(block) {
        let n = block.min(len - start);
        let (mut p, mut vb) = (probs.narrow(2, start, n)?, v.narrow(1, start, n)?);
        if v.device().is_cpu() && n < MIN_PRODUCT_KEYS {
            // gemm sums one or two terms its own way; zero keys make it a regular product.
            let pad = MIN_PRODUCT_KEYS - n;
            p = Tensor::cat(
                &[
                    &p,
                    &Tensor::zeros((kv, group * c, pad), p.dtype(), p.device())?,
                ],
                2,
            )?;
            vb = Tensor::cat(
                &[&vb, &Tensor::zeros((kv, pad, d), vb.dtype(), vb.device())?],
                1,
            )?;
        }
        let part = p.matmul(&vb)?;
        out = Some(match out {
            None => part,
            Some(sum) => (sum + part)?,
        });
    }
    out.expect("at least one key")
        .reshape((kv, group, c, d))?
        .permute((2, 0, 1, 3))?
        .contiguous()?
        .reshape((c, heads, d))
}

#[cfg(feature = "cuda")]
mod cuda {
    use super::{SegmentTable, KERNEL_MAX_GROUP, KERNEL_THREADS};
    use candle_core::backend::BackendStorage;
    use candle_core::cuda_backend::cudarc::driver::{
        CudaSlice, DeviceRepr, LaunchConfig, PushKernelArg,
    };
    use candle_core::cuda_backend::WrapErr;
    use candle_core::{CudaStorage, DType, Layout, Result, Shape, Storage, Tensor};

    const MODULE: &str = "arc_solver_attention";

    fn suffix(dtype: DType) -> Result<&'static str> {
        Ok(match dtype {
            DType::F32 => "f32",
            DType::F16 => "f16",
            DType::BF16 => "bf16",
            other => candle_core::bail!("attention kernels have no {other:?} version"),
        })
    }

    /// Runs `f` with the device buffer of a contiguous u32 tensor.
    fn with_u32<R>(t: &Tensor, f: impl FnOnce(&CudaSlice<u32>) -> Result<R>) -> Result<R> {
        let (storage, layout) = t.storage_and_layout();
        let Storage::Cuda(s) = &*storage else {
            candle_core::bail!("segment table is not on the GPU");
        };
        if layout.start_offset() != 0 || !layout.is_contiguous() {
            candle_core::bail!("segment table must be contiguous");
        }
        f(s.as_cuda_slice::<u32>()?)
    }

    fn slice<'a, T: candle_core::cuda_backend::CudaDType + DeviceRepr>(
        s: &'a CudaStorage,
        l: &Layout,
    ) -> Result<candle_core::cuda_backend::cudarc::driver::CudaView<'a, T>> {
        match l.contiguous_offsets() {
            Some((a, b)) => Ok(s.as_cuda_slice::<T>()?.slice(a..b)),
            None => candle_core::bail!("attention needs contiguous tensors"),
        }
    }

    pub fn segment_attention(
        table: &SegmentTable,
        scale: f32,
        (sq, lq): (&CudaStorage, &Layout),
        (sk, lk): (&CudaStorage, &Layout),
        (sv, lv): (&CudaStorage, &Layout),
    ) -> Result<(CudaStorage, Shape)> {
        let dev = &sq.device;
        let dtype = sq.dtype();
        let (rows, heads, d) = lq.shape().dims3()?;
        let (kv, capacity, _) = lk.shape().dims3()?;
        let group = heads / kv;
        let chunks = group.div_ceil(KERNEL_MAX_GROUP);
        let name = format!("segment_attention_{}", suffix(dtype)?);
        let func = dev.get_or_load_custom_func(
            &name,
            MODULE,
            crate::generate::local::kernels::ATTENTION_PTX,
        )?;
        let cfg = LaunchConfig {
            grid_dim: ((rows * kv * chunks) as u32, 1, 1),
            block_dim: (KERNEL_THREADS as u32, 1, 1),
            shared_mem_bytes: 0,
        };
        let dims = [kv as u32, group as u32, d as u32, capacity as u32];
        macro_rules! launch {
            ($t:ty) => {{
                let (q, k, v) = (
                    slice::<$t>(sq, lq)?,
                    slice::<$t>(sk, lk)?,
                    slice::<$t>(sv, lv)?,
                );
                let out = dev.alloc_zeros::<$t>(rows * heads * d)?;
                let Some((rows_dev, segments_dev)) = &table.on_device else {
                    candle_core::bail!("segment table is not on the GPU");
                };
                with_u32(rows_dev, |meta| {
                    with_u32(segments_dev, |segs| {
                        let mut b = func.builder();
                        b.arg(&q).arg(&k).arg(&v).arg(&out).arg(meta).arg(segs);
                        b.arg(&dims[0])
                            .arg(&dims[1])
                            .arg(&dims[2])
                            .arg(&dims[3])
                            .arg(&scale);
                        // SAFETY: argument types match the kernel; the host checked shapes, and
                        // segments lie inside the arena (the allocator hands out its ranges).
                        unsafe { b.launch(cfg) }.w()?;
                        Ok(())
                    })
                })?;
                CudaStorage::wrap_cuda_slice(out, dev.clone())
            }};
        }
        let out = match dtype {
            DType::F32 => launch!(f32),
            DType::F16 => launch!(half::f16),
            DType::BF16 => launch!(half::bf16),
            other => candle_core::bail!("attention kernels have no {other:?} version"),
        };
        Ok((out, lq.shape().clone()))
    }

    pub fn scatter(
        dst: &mut CudaStorage,
        dst_l: &Layout,
        (src, src_l): (&CudaStorage, &Layout),
        (pos, pos_l): (&CudaStorage, &Layout),
    ) -> Result<()> {
        let dev = dst.device.clone();
        let dtype = dst.dtype();
        let (kv, capacity, d) = dst_l.shape().dims3()?;
        let tokens = pos_l.shape().elem_count();
        let name = format!("kv_scatter_{}", suffix(dtype)?);
        let func = dev.get_or_load_custom_func(
            &name,
            MODULE,
            crate::generate::local::kernels::ATTENTION_PTX,
        )?;
        let cfg = LaunchConfig {
            grid_dim: (tokens as u32, 1, 1),
            block_dim: (KERNEL_THREADS as u32, 1, 1),
            shared_mem_bytes: 0,
        };
        let dims = [kv as u32, d as u32, capacity as u32];
        let positions = slice::<u32>(pos, pos_l)?;
        macro_rules! launch {
            ($t:ty) => {{
                let s = slice::<$t>(src, src_l)?;
                let out = dst.as_cuda_slice_mut::<$t>()?;
                let mut b = func.builder();
                b.arg(out)
                    .arg(&s)
                    .arg(&positions)
                    .arg(&dims[0])
                    .arg(&dims[1])
                    .arg(&dims[2]);
                // SAFETY: argument types match the kernel; the host checked every position is
                // inside the arena.
                unsafe { b.launch(cfg) }.w()?;
            }};
        }
        match dtype {
            DType::F32 => launch!(f32),
            DType::F16 => launch!(half::f16),
            DType::BF16 => launch!(half::bf16),
            other => candle_core::bail!("attention kernels have no {other:?} version"),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain attention of one query row over explicit key/value rows.
    fn naive(q: &[f32], keys: &[Vec<f32>], values: &[Vec<f32>], scale: f32) -> Vec<f32> {
        let s: Vec<f32> = keys
            .iter()
            .map(|k| q.iter().zip(k).map(|(a, b)| a * b).sum::<f32>() * scale)
            .collect();
        let m = s.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
        let e: Vec<f32> = s.iter().map(|x| (x - m).exp()).collect();
        let z: f32 = e.iter().sum();
        let d = values[0].len();
        (0..d)
            .map(|j| e.iter().zip(values).map(|(w, v)| w * v[j]).sum::<f32>() / z)
            .collect()
    }

    fn rand(shape: &[usize], seed: u64) -> Tensor {
        // Deterministic values without a RNG dependency in tests.
        let n: usize = shape.iter().product();
        let v: Vec<f32> = (0..n)
            .map(|i| (((i as u64 + 1) * (seed * 2 + 7919)) % 1000) as f32 / 250.0 - 2.0)
            .collect();
        Tensor::from_vec(v, shape, &Device::Cpu).unwrap()
    }

    #[test]
    fn segment_attention_equals_attention_over_each_rows_tokens() {
        let (rows, heads, kv, d, cap) = (3, 4, 2, 4, 40);
        let group = heads / kv;
        let q = rand(&[rows, heads, d], 1);
        let keys = rand(&[kv, cap, d], 2);
        let values = rand(&[kv, cap, d], 3);
        // Rows 0 and 1 share a prompt (tokens 0..5) and own suffixes; row 2 has one segment.
        let segs = vec![vec![(0, 5), (20, 3)], vec![(0, 5), (30, 2)], vec![(10, 7)]];
        let table = SegmentTable::new(&segs, &Device::Cpu).unwrap();
        let scale = 0.5;
        let got = segment_attention(&q, &keys, &values, &table, scale as f64)
            .unwrap()
            .to_vec3::<f32>()
            .unwrap();
        let (q, keys, values) = (
            q.to_vec3::<f32>().unwrap(),
            keys.to_vec3::<f32>().unwrap(),
            values.to_vec3::<f32>().unwrap(),
        );
        for r in 0..rows {
            for h in 0..heads {
                let g = h / group;
                let tokens: Vec<usize> = segs[r].iter().flat_map(|&(s, l)| s..s + l).collect();
                let ks: Vec<Vec<f32>> = tokens.iter().map(|&t| keys[g][t].clone()).collect();
                let vs: Vec<Vec<f32>> = tokens.iter().map(|&t| values[g][t].clone()).collect();
                let want = naive(&q[r][h], &ks, &vs, scale);
                for (a, b) in got[r][h].iter().zip(&want) {
                    assert!((a - b).abs() < 1e-5, "row {r} head {h}: {a} vs {b}");
                }
            }
        }
        // Shapes that do not fit are errors.
        let short = SegmentTable::new(&segs[..2], &Device::Cpu).unwrap();
        let q = rand(&[rows, heads, d], 1);
        let keys = rand(&[kv, cap, d], 2);
        assert!(segment_attention(&q, &keys, &keys, &short, 0.5).is_err());
    }

    #[test]
    fn scatter_writes_each_token_at_its_slot() {
        let (kv, cap, d) = (2, 6, 3);
        let arena = Tensor::zeros((kv, cap, d), DType::F32, &Device::Cpu).unwrap();
        let src = rand(&[2, kv, d], 4);
        let slots = ArenaSlots::new(vec![4, 1], &Device::Cpu).unwrap();
        scatter_into(&arena, &src, &slots).unwrap();
        let a = arena.to_vec3::<f32>().unwrap();
        let s = src.to_vec3::<f32>().unwrap();
        for h in 0..kv {
            assert_eq!(a[h][4], s[0][h]);
            assert_eq!(a[h][1], s[1][h]);
            assert_eq!(a[h][0], vec![0.0; d]);
        }
        let past = ArenaSlots::new(vec![6, 0], &Device::Cpu).unwrap();
        assert!(scatter_into(&arena, &src, &past).is_err());
    }

    #[test]
    fn prefill_chunk_is_causal() {
        let (c, heads, kv, d, offset) = (3, 2, 1, 4, 2);
        let q = rand(&[c, heads, d], 6);
        let k = rand(&[kv, offset + c, d], 7);
        let v = rand(&[kv, offset + c, d], 8);
        let got = prefill_attention(&q, &k, &v, offset, 0.5)
            .unwrap()
            .to_vec3::<f32>()
            .unwrap();
        let (qv, kv_, vv) = (
            q.to_vec3::<f32>().unwrap(),
            k.to_vec3::<f32>().unwrap(),
            v.to_vec3::<f32>().unwrap(),
        );
        for i in 0..c {
            for h in 0..heads {
                let visible = offset + i + 1;
                let want = naive(&qv[i][h], &kv_[0][..visible], &vv[0][..visible], 0.5);
                for (a, b) in got[i][h].iter().zip(&want) {
                    assert!((a - b).abs() < 1e-5, "row {i} head {h}: {a} vs {b}");
                }
            }
        }
    }
}
