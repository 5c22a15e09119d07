//! Admission: how many samples of a waiting request may join the decode batch now, under a row
//! limit and a KV-cache byte budget. Pure arithmetic, so it is tested without a model.

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
    /// KV bytes reserved: resident prefixes plus each live row's worst-case suffix.
    pub kv_bytes: usize,
}

/// A waiting request, as admission sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Demand {
    /// Prompt tokens (the prefix).
    pub prompt_tokens: usize,
    /// Samples not yet started.
    pub samples: usize,
    /// Most tokens one sample may generate.
    pub max_new_tokens: usize,
    /// Its prefix is already prefilled and counted in the usage.
    pub prefix_resident: bool,
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
    let prefix = if demand.prefix_resident {
        0
    } else {
        demand.prompt_tokens * kv_bytes_per_token
    };
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
            prefix_resident: resident,
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
        // A resident prefix costs nothing more.
        assert_eq!(
            admit(BUDGET, usage, demand(100, 20, 50, true), 1),
            Admission::Start(6)
        );
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
}
