//! Admission: how many samples of a waiting request may join the decode batch now, under a row
//! limit and a KV-cache byte budget; and the row limit itself when none is given: as many rows as
//! the KV budget holds for the requested lengths, capped where the device's roofline says more
//! rows stop paying. Pure arithmetic, so it is tested without a model.

use candle_core::{DType, Device};

/// Limits of one engine's decode batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchBudget {
    /// Most sample rows decoded together (`--max-batch`).
    pub max_rows: usize,
    /// Bytes of KV cache the batch may hold (`--kv-budget`, else estimated from free memory).
    pub kv_bytes: usize,
}

/// What is in the batch now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchUsage {
    /// Live sample rows.
    pub rows: usize,
    /// KV bytes reserved: resident prompt runs (each shared run once) plus each live row's
    /// worst-case suffix.
    pub kv_bytes: usize,
}

/// A waiting request, as admission sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Demand {
    /// Prompt tokens.
    pub prompt_tokens: usize,
    /// Samples not yet started.
    pub samples: usize,
    /// Most tokens one sample may generate.
    pub max_new_tokens: usize,
    /// Of `prompt_tokens`: the leading ones already in the arena (a prefix shared with resident
    /// prompts), counted in the usage.
    pub resident_tokens: usize,
}

/// Admission verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Admission {
    /// Start this many samples now (at least one).
    Start(usize),
    /// Not now; retry when rows finish.
    Wait,
    /// Never fits, even alone in an empty batch.
    Reject(String),
}

/// Decides how many of `demand`'s samples start now. Each row reserves its worst case
/// (`max_new_tokens` of suffix), so a batch that was admitted can never run out of KV memory.
pub fn admit(
    budget: BatchBudget,
    usage: BatchUsage,
    demand: Demand,
    kv_bytes_per_token: usize,
) -> Admission {
    let prefix = demand.prompt_tokens.saturating_sub(demand.resident_tokens) * kv_bytes_per_token;
    let per_row = demand.max_new_tokens.max(1) * kv_bytes_per_token;
    let alone = prefix + per_row;
    if alone > budget.kv_bytes {
        return Admission::Reject(format!(
            "a {}-token prompt plus {} new tokens needs {} MiB of KV cache; the budget is {} MiB \
             (lower --max-new-tokens or raise --kv-budget)",
            demand.prompt_tokens,
            demand.max_new_tokens,
            alone >> 20,
            budget.kv_bytes >> 20
        ));
    }
    let free_rows = budget.max_rows.saturating_sub(usage.rows);
    let free_bytes = budget.kv_bytes.saturating_sub(usage.kv_bytes);
    let by_bytes = free_bytes.saturating_sub(prefix) / per_row;
    let n = demand
        .samples
        .min(free_rows)
        .min(if free_bytes < prefix { 0 } else { by_bytes });
    if n == 0 {
        Admission::Wait
    } else {
        Admission::Start(n)
    }
}

/// The requests an engine expects, for sizing its batch ([`auto_max_batch`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowLengths {
    /// Prompt tokens of a request.
    pub prompt_tokens: usize,
    /// Most tokens a sample generates (each row reserves this much KV).
    pub max_new_tokens: usize,
    /// Samples sharing one prompt (the prompt's KV is counted once for them).
    pub samples_per_prompt: usize,
}

impl Default for RowLengths {
    /// ARC-sized: SOAR prompts of about 4k tokens, 2k-token programs, 8 samples a task.
    fn default() -> Self {
        RowLengths {
            prompt_tokens: 4096,
            max_new_tokens: 2048,
            samples_per_prompt: 8,
        }
    }
}

/// Rows a decode step can carry before it stops being bound by reading the weights: a step reads
/// every weight once (`params · dtype_bytes / bandwidth` seconds) and does `2 · params` flops per
/// row (`2 · params · rows / flops` seconds); past `rows = flops · dtype_bytes / (2 ·
/// bandwidth)` the arithmetic takes longer than the read and more rows stop adding throughput.
/// Rounded down to a multiple of 8, at least 8.
pub fn knee_rows(bandwidth: f64, flops: f64, dtype_bytes: usize) -> usize {
    let rows = flops * dtype_bytes as f64 / (2.0 * bandwidth.max(1.0));
    ((rows as usize) / 8 * 8).max(8)
}

/// Memory bandwidth (bytes/s) and dense 16-bit tensor throughput (flop/s) of GPUs by name (the
/// first entry whose words all appear in the device's name), from their data sheets.
pub const GPU_SPECS: &[(&str, f64, f64)] = &[
    ("H200", 4.8e12, 989e12),
    ("H100 PCIe", 2.0e12, 756e12),
    ("H100", 3.35e12, 989e12),
    ("A100 80GB", 2.04e12, 312e12),
    ("A100", 1.56e12, 312e12),
    ("L40S", 864e9, 362e12),
    ("L40", 864e9, 181e12),
    ("L4", 300e9, 121e12),
    ("A10G", 600e9, 70e12),
    ("A10", 600e9, 125e12),
    ("T4", 320e9, 65e12),
    ("V100", 900e9, 125e12),
    ("4090", 1.0e12, 165e12),
    ("3090", 936e9, 71e12),
];

/// The [`GPU_SPECS`] entry for a device name.
pub fn gpu_spec(name: &str) -> Option<(&'static str, f64, f64)> {
    GPU_SPECS
        .iter()
        .find(|(key, _, _)| key.split(' ').all(|w| name.contains(w)))
        .copied()
}

/// Row limit past which a step on `device` stops paying ([`knee_rows`] of its specs): 64 on the
/// CPU (compute-bound early), 256 for a GPU not in [`GPU_SPECS`].
pub fn roofline_rows(device: &Device, dtype: DType) -> usize {
    if device.is_cpu() {
        return 64;
    }
    match super::loader::device_name(device)
        .as_deref()
        .and_then(gpu_spec)
    {
        Some((_, bandwidth, flops)) => knee_rows(bandwidth, flops, dtype.size_in_bytes().max(2)),
        None => 256,
    }
}

/// The default row limit: as many rows as `kv_budget` holds when each reserves `max_new_tokens`
/// of KV plus its share of a prompt, but no more than `knee` (see [`knee_rows`]); at least 1.
pub fn auto_max_batch(
    kv_budget: usize,
    kv_bytes_per_token: usize,
    lengths: RowLengths,
    knee: usize,
) -> usize {
    let share = lengths
        .prompt_tokens
        .div_ceil(lengths.samples_per_prompt.max(1));
    let per_row = (lengths.max_new_tokens.max(1) + share) * kv_bytes_per_token.max(1);
    (kv_budget / per_row).min(knee).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUDGET: BatchBudget = BatchBudget {
        max_rows: 8,
        kv_bytes: 1000,
    };

    fn demand(prompt: usize, samples: usize, max_new: usize, resident: bool) -> Demand {
        Demand {
            prompt_tokens: prompt,
            samples,
            max_new_tokens: max_new,
            resident_tokens: if resident { prompt } else { 0 },
        }
    }

    #[test]
    fn fills_rows_then_bytes() {
        // 1 byte per token: prefix 100, each row 50.
        assert_eq!(
            admit(BUDGET, BatchUsage::default(), demand(100, 4, 50, false), 1),
            Admission::Start(4)
        );
        assert_eq!(
            admit(BUDGET, BatchUsage::default(), demand(100, 20, 50, false), 1),
            Admission::Start(8)
        );
        let usage = BatchUsage {
            rows: 2,
            kv_bytes: 700,
        };
        // 300 free: prefix 100 leaves 200 → 4 rows of 50, capped by 6 free rows.
        assert_eq!(
            admit(BUDGET, usage, demand(100, 20, 50, false), 1),
            Admission::Start(4)
        );
        // A resident prompt costs nothing more; a resident prefix only the rest.
        assert_eq!(
            admit(BUDGET, usage, demand(100, 20, 50, true), 1),
            Admission::Start(6)
        );
        let part = Demand {
            resident_tokens: 60,
            ..demand(100, 20, 50, false)
        };
        // 300 free: the 40 new prompt tokens leave 260 → 5 rows.
        assert_eq!(admit(BUDGET, usage, part, 1), Admission::Start(5));
    }

    #[test]
    fn waits_when_full_and_rejects_what_never_fits() {
        let full = BatchUsage {
            rows: 8,
            kv_bytes: 100,
        };
        assert_eq!(
            admit(BUDGET, full, demand(10, 1, 10, false), 1),
            Admission::Wait
        );
        let bytes_full = BatchUsage {
            rows: 1,
            kv_bytes: 990,
        };
        assert_eq!(
            admit(BUDGET, bytes_full, demand(10, 1, 10, false), 1),
            Admission::Wait
        );
        match admit(BUDGET, BatchUsage::default(), demand(900, 1, 200, false), 1) {
            Admission::Reject(msg) => assert!(msg.contains("--kv-budget"), "{msg}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn batch_size_follows_memory_until_the_knee() {
        // An L4 in bf16: compute catches up with the weight read at ~400 rows.
        assert_eq!(knee_rows(300e9, 121e12, 2), 400);
        assert_eq!(knee_rows(1e12, 1e9, 2), 8);
        let lengths = RowLengths {
            prompt_tokens: 4000,
            max_new_tokens: 1000,
            samples_per_prompt: 8,
        };
        // 1500 tokens a row at 1 KiB each: 10 MiB holds 6 rows.
        assert_eq!(auto_max_batch(10 << 20, 1024, lengths, 400), 6);
        assert_eq!(auto_max_batch(10 << 30, 1024, lengths, 400), 400);
        assert_eq!(auto_max_batch(0, 1024, lengths, 400), 1);
        assert_eq!(gpu_spec("NVIDIA L4").map(|s| s.0), Some("L4"));
        assert_eq!(gpu_spec("NVIDIA A100-SXM4-40GB").map(|s| s.0), Some("A100"));
        assert_eq!(
            gpu_spec("NVIDIA A100 80GB PCIe").map(|s| s.0),
            Some("A100 80GB")
        );
        assert_eq!(gpu_spec("NVIDIA H100 80GB HBM3").map(|s| s.0), Some("H100"));
        assert_eq!(gpu_spec("Tesla T4").map(|s| s.0), Some("T4"));
        assert_eq!(gpu_spec("Radeon"), None);
        assert_eq!(roofline_rows(&Device::Cpu, DType::F32), 64);
    }
}
