//! KV caches of the shared-prefix layout: one [`PrefixCache`] per task holds the prompt's keys and
//! values once; one [`SuffixCache`] per task holds what each of its samples generated.

use super::config::QwenConfig;
use candle_core::{DType, Device, Result, Tensor};

/// Zero-filled key and value tensors of one shape for every layer.
fn zeroed_layers(
    cfg: &QwenConfig,
    shape: &[usize],
    dtype: DType,
    device: &Device,
) -> Result<(Vec<Tensor>, Vec<Tensor>)> {
    let layer = || Tensor::zeros(shape, dtype, device);
    let keys = (0..cfg.num_hidden_layers)
        .map(|_| layer())
        .collect::<Result<_>>()?;
    let values = (0..cfg.num_hidden_layers)
        .map(|_| layer())
        .collect::<Result<_>>()?;
    Ok((keys, values))
}

/// Device bytes of key and value tensors.
fn bytes_of(keys: &[Tensor], values: &[Tensor]) -> usize {
    keys.iter()
        .chain(values)
        .map(|t| t.elem_count() * t.dtype().size_in_bytes())
        .sum()
}

/// Keys and values of a task's prompt, per layer `[kv_heads, capacity, head_dim]`, written once by
/// prefill and then only read: every sample of the task attends to this one copy.
pub struct PrefixCache {
    keys: Vec<Tensor>,
    values: Vec<Tensor>,
    len: usize,
}

impl PrefixCache {
    /// An empty cache sized for exactly `capacity` prompt tokens.
    pub fn new(cfg: &QwenConfig, capacity: usize, dtype: DType, device: &Device) -> Result<Self> {
        let shape = [cfg.num_key_value_heads, capacity.max(1), cfg.head_dim];
        let (keys, values) = zeroed_layers(cfg, &shape, dtype, device)?;
        Ok(PrefixCache {
            keys,
            values,
            len: 0,
        })
    }

    /// Prompt tokens stored.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True before prefill.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Tokens it can hold.
    pub fn capacity(&self) -> usize {
        self.keys.first().map_or(0, |k| k.dims()[1])
    }

    /// Writes a chunk's `[kv_heads, c, head_dim]` keys and values of one layer after the stored ones.
    pub(super) fn write(&self, layer: usize, k: &Tensor, v: &Tensor) -> Result<()> {
        self.keys[layer].slice_set(&k.contiguous()?, 1, self.len)?;
        self.values[layer].slice_set(&v.contiguous()?, 1, self.len)
    }

    /// The first `len` keys and values of a layer.
    pub(super) fn view(&self, layer: usize, len: usize) -> Result<(Tensor, Tensor)> {
        Ok((
            self.keys[layer].narrow(1, 0, len)?,
            self.values[layer].narrow(1, 0, len)?,
        ))
    }

    /// Marks `n` more tokens as stored (after every layer wrote them).
    pub(super) fn advance(&mut self, n: usize) {
        self.len += n;
    }

    /// Device bytes held.
    pub fn bytes(&self) -> usize {
        bytes_of(&self.keys, &self.values)
    }
}

/// Keys and values each sample of a task generated, per layer `[rows, kv_heads, capacity,
/// head_dim]`. All rows of a task start decoding together, so they share one length; finished rows
/// are dropped with [`SuffixCache::retain_rows`] so they stop costing memory and compute.
pub struct SuffixCache {
    keys: Vec<Tensor>,
    values: Vec<Tensor>,
    len: usize,
}

/// Suffix capacity grows in steps of at least this many tokens.
const SUFFIX_GROWTH: usize = 64;

impl SuffixCache {
    /// An empty cache for `rows` samples.
    pub fn new(
        cfg: &QwenConfig,
        rows: usize,
        capacity: usize,
        dtype: DType,
        device: &Device,
    ) -> Result<Self> {
        let shape = [rows, cfg.num_key_value_heads, capacity.max(1), cfg.head_dim];
        let (keys, values) = zeroed_layers(cfg, &shape, dtype, device)?;
        Ok(SuffixCache {
            keys,
            values,
            len: 0,
        })
    }

    /// Tokens stored per row.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True before the first decode step.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Rows (live samples).
    pub fn rows(&self) -> usize {
        self.keys.first().map_or(0, |k| k.dims()[0])
    }

    fn capacity(&self) -> usize {
        self.keys.first().map_or(0, |k| k.dims()[2])
    }

    /// Makes room for one more token per row, growing capacity by half again (at least
    /// [`SUFFIX_GROWTH`]) so samples that stop early never pay for `max_new_tokens` of memory.
    pub(super) fn reserve_one(&mut self) -> Result<()> {
        if self.len < self.capacity() {
            return Ok(());
        }
        let grown = self.capacity() + (self.capacity() / 2).max(SUFFIX_GROWTH);
        for t in self.keys.iter_mut().chain(self.values.iter_mut()) {
            let (rows, heads, _, dim) = t.dims4()?;
            let bigger = Tensor::zeros((rows, heads, grown, dim), t.dtype(), t.device())?;
            bigger.slice_set(t, 2, 0)?;
            *t = bigger;
        }
        Ok(())
    }

    /// Writes one token's `[rows, kv_heads, 1, head_dim]` keys and values of one layer.
    pub(super) fn write(&self, layer: usize, k: &Tensor, v: &Tensor) -> Result<()> {
        super::opcount::inplace();
        super::opcount::inplace();
        self.keys[layer].slice_set(&k.contiguous()?, 2, self.len)?;
        self.values[layer].slice_set(&v.contiguous()?, 2, self.len)
    }

    /// The first `len` tokens of every row of a layer.
    pub(super) fn view(&self, layer: usize, len: usize) -> Result<(Tensor, Tensor)> {
        Ok((
            self.keys[layer].narrow(2, 0, len)?,
            self.values[layer].narrow(2, 0, len)?,
        ))
    }

    /// Marks one more token stored (after every layer wrote it).
    pub(super) fn advance(&mut self) {
        self.len += 1;
    }

    /// Keeps only the given rows, in the given order.
    pub fn retain_rows(&mut self, rows: &[usize]) -> Result<()> {
        if rows.len() == self.rows() && rows.iter().enumerate().all(|(i, &r)| i == r) {
            return Ok(());
        }
        let device = self.keys[0].device().clone();
        let index = Tensor::from_vec(
            rows.iter().map(|&r| r as u32).collect::<Vec<_>>(),
            rows.len(),
            &device,
        )?;
        for t in self.keys.iter_mut().chain(self.values.iter_mut()) {
            *t = t.index_select(&index, 0)?;
        }
        Ok(())
    }

    /// Device bytes held.
    pub fn bytes(&self) -> usize {
        bytes_of(&self.keys, &self.values)
    }
}
