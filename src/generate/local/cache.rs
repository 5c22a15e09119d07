//! The KV arena: every layer's keys and values of every sequence in one tensor per layer,
//! `[kv_heads, capacity, head_dim]`, handed out in contiguous token ranges. A task's prompt is one
//! range (written once by prefill, then read by all its samples); each sample's generated tokens
//! another, reserved for its longest length when it is admitted. The ranges are what
//! [`super::attention::segment_attention`] reads, as each row's list of segments.
//!
//! On a GPU the whole budget is allocated up front (growing later could need twice the memory
//! for the copy); on the CPU the tensors grow as ranges are used.

use super::config::QwenConfig;
use candle_core::{DType, Device, Result, Tensor};

/// A contiguous run of arena tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    /// First token.
    pub start: usize,
    /// Tokens.
    pub len: usize,
}

impl Range {
    /// One past the last token.
    pub fn end(&self) -> usize {
        self.start + self.len
    }
}

/// First-fit allocator of token ranges, free ranges kept sorted and merged.
#[derive(Clone, Debug)]
pub struct RangeAllocator {
    free: Vec<Range>,
    capacity: usize,
}

impl RangeAllocator {
    /// All of `0..capacity` free.
    pub fn new(capacity: usize) -> RangeAllocator {
        RangeAllocator {
            free: if capacity > 0 {
                vec![Range {
                    start: 0,
                    len: capacity,
                }]
            } else {
                Vec::new()
            },
            capacity,
        }
    }

    /// The lowest free range of `len` tokens (at least 1), or `None` when no free run is long
    /// enough.
    pub fn allocate(&mut self, len: usize) -> Option<Range> {
        let len = len.max(1);
        let i = self.free.iter().position(|r| r.len >= len)?;
        let range = Range {
            start: self.free[i].start,
            len,
        };
        self.free[i].start += len;
        self.free[i].len -= len;
        if self.free[i].len == 0 {
            self.free.remove(i);
        }
        Some(range)
    }

    /// Gives a range back.
    pub fn release(&mut self, range: Range) {
        debug_assert!(range.end() <= self.capacity);
        let i = self.free.partition_point(|r| r.start < range.start);
        self.free.insert(i, range);
        // Merge with the neighbours.
        if i + 1 < self.free.len() && self.free[i].end() == self.free[i + 1].start {
            self.free[i].len += self.free[i + 1].len;
            self.free.remove(i + 1);
        }
        if i > 0 && self.free[i - 1].end() == self.free[i].start {
            self.free[i - 1].len += self.free[i].len;
            self.free.remove(i);
        }
    }

    /// Tokens not handed out.
    pub fn free_tokens(&self) -> usize {
        self.free.iter().map(|r| r.len).sum()
    }

    /// Longest free run.
    pub fn largest_free(&self) -> usize {
        self.free.iter().map(|r| r.len).max().unwrap_or(0)
    }

    /// One past the highest token handed out (0 when nothing is).
    pub fn high_water(&self) -> usize {
        match self.free.last() {
            Some(last) if last.end() == self.capacity => last.start,
            _ => self.capacity,
        }
    }

    /// Tokens it manages.
    pub fn capacity(&self) -> usize {
        self.capacity
    }
}

/// The keys and values of every layer, and who holds which tokens.
pub struct KvArena {
    keys: Vec<Tensor>,
    values: Vec<Tensor>,
    allocator: RangeAllocator,
    /// Tokens the tensors hold now (the CPU grows them up to the allocator's capacity).
    physical: usize,
}

/// CPU arenas start with room for this many tokens and grow by half again as needed.
const CPU_INITIAL_TOKENS: usize = 4096;

impl KvArena {
    /// An arena of `capacity` tokens for `cfg`'s layers.
    pub fn new(cfg: &QwenConfig, capacity: usize, dtype: DType, device: &Device) -> Result<Self> {
        let physical = if device.is_cpu() {
            capacity.min(CPU_INITIAL_TOKENS)
        } else {
            capacity
        };
        let shape = [cfg.num_key_value_heads, physical.max(1), cfg.head_dim];
        let layer = || Tensor::zeros(&shape, dtype, device);
        let keys = (0..cfg.num_hidden_layers)
            .map(|_| layer())
            .collect::<Result<_>>()?;
        let values = (0..cfg.num_hidden_layers)
            .map(|_| layer())
            .collect::<Result<_>>()?;
        Ok(KvArena {
            keys,
            values,
            allocator: RangeAllocator::new(capacity),
            physical: physical.max(1),
        })
    }

    /// A range of `len` tokens, growing the tensors when it lies past them; `None` when no free
    /// run is long enough.
    pub fn allocate(&mut self, len: usize) -> Result<Option<Range>> {
        let Some(range) = self.allocator.allocate(len) else {
            return Ok(None);
        };
        if range.end() > self.physical {
            let grown = (self.physical + self.physical / 2)
                .max(range.end())
                .min(self.allocator.capacity());
            for t in self.keys.iter_mut().chain(self.values.iter_mut()) {
                let (heads, _, dim) = t.dims3()?;
                let bigger = Tensor::zeros((heads, grown, dim), t.dtype(), t.device())?;
                bigger.slice_set(t, 1, 0)?;
                *t = bigger;
            }
            self.physical = grown;
        }
        Ok(Some(range))
    }

    /// Gives a range back.
    pub fn release(&mut self, range: Range) {
        self.allocator.release(range);
    }

    /// The allocator's view (free tokens, largest run).
    pub fn allocator(&self) -> &RangeAllocator {
        &self.allocator
    }

    /// Keys and values of one layer, `[kv_heads, physical tokens, head_dim]`.
    pub fn layer(&self, layer: usize) -> (&Tensor, &Tensor) {
        (&self.keys[layer], &self.values[layer])
    }

    /// The keys and values of one layer at `range`, `[kv_heads, len, head_dim]` views.
    pub fn view(&self, layer: usize, range: Range) -> Result<(Tensor, Tensor)> {
        Ok((
            self.keys[layer].narrow(1, range.start, range.len)?,
            self.values[layer].narrow(1, range.start, range.len)?,
        ))
    }

    /// Device bytes held by the tensors.
    pub fn bytes(&self) -> usize {
        self.keys
            .iter()
            .chain(&self.values)
            .map(|t| t.elem_count() * t.dtype().size_in_bytes())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocator_hands_out_first_fit_and_merges_freed_runs() {
        let mut a = RangeAllocator::new(100);
        let x = a.allocate(30).unwrap();
        let y = a.allocate(30).unwrap();
        let z = a.allocate(30).unwrap();
        assert_eq!((x.start, y.start, z.start), (0, 30, 60));
        assert!(a.allocate(20).is_none());
        assert_eq!(a.high_water(), 90);
        a.release(y);
        // The hole is reused first.
        assert_eq!(a.allocate(10).unwrap().start, 30);
        a.release(x);
        // 0..30 and 40..60 are separate holes; freeing 30..40 joins them.
        assert_eq!(a.largest_free(), 30);
        a.release(Range { start: 30, len: 10 });
        assert_eq!(a.largest_free(), 60);
        a.release(z);
        assert_eq!(
            (a.free_tokens(), a.largest_free(), a.high_water()),
            (100, 100, 0)
        );
        assert_eq!(a.allocate(0).unwrap().len, 1, "empty requests take a token");
    }

    #[test]
    fn cpu_arena_grows_and_keeps_what_was_written() {
        let cfg = super::super::config::named_config("tiny").unwrap();
        let mut arena = KvArena::new(&cfg, 10_000, DType::F32, &Device::Cpu).unwrap();
        let first = arena.allocate(3).unwrap().unwrap();
        let (k, _) = arena.layer(0);
        let ones = Tensor::ones(
            (cfg.num_key_value_heads, 3, cfg.head_dim),
            DType::F32,
            &Device::Cpu,
        )
        .unwrap();
        k.slice_set(&ones, 1, first.start).unwrap();
        let before = arena.bytes();
        let far = arena.allocate(6000).unwrap().unwrap();
        assert!(far.end() <= 10_000 && arena.bytes() > before);
        let (k, _) = arena.view(0, first).unwrap();
        assert_eq!(
            k.sum_all().unwrap().to_scalar::<f32>().unwrap(),
            ones.elem_count() as f32
        );
        assert!(arena.allocate(5000).unwrap().is_none());
    }
}
