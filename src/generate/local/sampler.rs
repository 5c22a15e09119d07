//! Picking the next token from one row of logits: the algorithm the device runs
//! (`kernels/sampling.cu`, through [`super::sample_op`]), written out here as the CPU reference.
//!
//! Filters run in vLLM's order: temperature, top-k, min-p, top-p, then a draw from the
//! renormalised survivors. (vLLM applies min-p before top-k; the two commute because min-p's
//! threshold is relative to the top probability, which top-k always keeps. Hugging Face applies
//! top-p before min-p, which keeps a few more tokens when both are set.)
//!
//! **Exactly reproducible.** The CUDA kernel and this code make the same choice for the same
//! inputs, bit for bit: every floating-point step is one IEEE-rounded operation (multiply, add,
//! floor, integer conversion; never a fused multiply-add) that both sides compute identically,
//! `exp` is [`exp_det`] (a polynomial both sides evaluate with the same operations), and all
//! sums are integer: a kept token weighs `⌊e^(x − max) · 2^44⌋`, so the order in which a GPU's
//! threads add weights cannot change a total. Tokens more than [`TAIL_NATS`] below the top weigh
//! nothing (each had under e^-30 ≈ 1e-13 of the top's probability).
//!
//! **Random numbers.** A sample's uniform at step `t` (its `t`-th generated token) is the `t`-th
//! `f64` of `StdRng` (ChaCha12, a counter-based keystream: words `2t` and `2t + 1`) seeded with
//! [`sample_seed`]; every step takes exactly one, greedy or not, so it is a pure function of (seed,
//! sample index, step) that batching cannot move, and it is the number the host sampler drew for
//! that token before sampling moved to the device (seeded outputs are what they were).

use crate::generate::SamplingParams;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Temperatures below this decode greedily.
const GREEDY_TEMPERATURE: f32 = 1e-5;

/// Tokens further than this below the top logit (after temperature) get no weight.
pub const TAIL_NATS: f32 = 30.0;

/// Fixed-point scale of token weights: `2^44`. With fewer than `2^20` tokens a row's total stays
/// below `2^64`.
pub const WEIGHT_SCALE: f32 = (1u64 << 44) as f32;

/// Largest vocabulary the integer weights can sum without overflow.
pub const MAX_VOCAB: usize = 1 << 20;

/// Seed for sample `sample_index` of a request seeded with `seed`: output `sample_index` of a
/// SplitMix64 generator started at `seed`. A fixed function of its inputs, so a sample draws the
/// same tokens whether it is decoded alone or in a batch.
pub fn sample_seed(seed: u64, sample_index: usize) -> u64 {
    const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut z = seed.wrapping_add(GOLDEN_GAMMA.wrapping_mul(sample_index as u64 + 1));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One sample's random numbers: a uniform in [0, 1) per step, from its own ChaCha12 stream.
#[derive(Clone, Debug)]
pub struct DrawStream {
    rng: StdRng,
    /// Uniforms taken so far (the next step's index).
    taken: usize,
}

impl DrawStream {
    /// The stream of a sample seeded with `seed` (for sample i of a request, pass
    /// [`sample_seed`]`(params.seed, i)`).
    pub fn new(seed: u64) -> DrawStream {
        DrawStream {
            rng: StdRng::seed_from_u64(seed),
            taken: 0,
        }
    }

    /// The next step's uniform (rand's `f64`: the top 53 bits of one u64, scaled to [0, 1)).
    pub fn next_uniform(&mut self) -> f64 {
        self.taken += 1;
        self.rng.gen::<f64>()
    }

    /// Steps drawn so far.
    pub fn steps(&self) -> usize {
        self.taken
    }
}

/// How one row is sampled, in the form the device reads it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowParams {
    /// Take the most likely token; nothing else is read.
    pub greedy: bool,
    /// `1 / temperature`, rounded to f32 once on the host.
    pub inv_temperature: f32,
    /// Keep only the `top_k` most likely tokens (0 = off).
    pub top_k: u32,
    /// Nucleus mass; 1 or more (or NaN) = off.
    pub top_p: f32,
    /// `ln(min(min_p, 1))` on the host; `-inf` = off.
    pub log_min_p: f32,
    /// This step's uniform in [0, 1).
    pub uniform: f64,
}

/// Number of f64 values per row in the device's parameter tensor.
pub const PARAM_FIELDS: usize = 7;

impl RowParams {
    /// A row of `params` drawing with `uniform`.
    pub fn new(params: &SamplingParams, uniform: f64) -> RowParams {
        let t = params.temperature;
        RowParams {
            // NaN temperatures count as greedy too.
            greedy: t.is_nan() || t < GREEDY_TEMPERATURE,
            inv_temperature: 1.0 / t,
            top_k: params.top_k.min(u32::MAX as usize) as u32,
            top_p: params.top_p,
            log_min_p: if params.min_p > 0.0 {
                params.min_p.min(1.0).ln()
            } else {
                f32::NEG_INFINITY
            },
            uniform,
        }
    }

    /// The f64 fields the device reads, with the logits row this row samples from.
    pub fn pack(&self, logits_row: usize) -> [f64; PARAM_FIELDS] {
        [
            f64::from(u8::from(self.greedy)),
            f64::from(self.inv_temperature),
            f64::from(self.top_k),
            f64::from(self.top_p),
            f64::from(self.log_min_p),
            self.uniform,
            logits_row as f64,
        ]
    }

    /// Reads back [`RowParams::pack`]: the parameters and the logits row.
    pub fn unpack(f: &[f64]) -> (RowParams, usize) {
        (
            RowParams {
                greedy: f[0] != 0.0,
                inv_temperature: f[1] as f32,
                top_k: f[2] as u32,
                top_p: f[3] as f32,
                log_min_p: f[4] as f32,
                uniform: f[5],
            },
            f[6] as usize,
        )
    }
}

/// A logit that can be picked: neither NaN nor -inf.
fn valid(x: f32) -> bool {
    x > f32::NEG_INFINITY
}

/// Index of the largest valid logit (the lowest index on ties), or 0 when none is valid.
pub fn argmax(logits: &[f32]) -> u32 {
    let mut best: Option<(usize, f32)> = None;
    for (id, &x) in logits.iter().enumerate() {
        if valid(x) && best.is_none_or(|(_, b)| x > b) {
            best = Some((id, x));
        }
    }
    best.map_or(0, |(id, _)| id as u32)
}

/// `e^x` for `x` in about [-31, 0], to about one ulp, computed identically by the kernel: Cody-Waite
/// reduction `x = k·ln2 + r`, a degree-6 Taylor polynomial for `e^r` in Horner form, and an exact
/// scaling by `2^k`. Every multiply and add is rounded on its own (no fused multiply-add: the kernel
/// writes them as `__fmul_rn`/`__fadd_rn`, and on CPUs without FMA a fused one would be a slow
/// library call). `exp_det(0) == 1`.
#[inline]
pub fn exp_det(x: f32) -> f32 {
    // Bit patterns, so the kernel's constants are the same floats (kernels/sampling.cu).
    const LOG2E: u32 = 0x3fb8_aa3b;
    const LN2_HI: u32 = 0x3f31_7200;
    const LN2_LO: u32 = 0x35bf_be8e;
    const C3: u32 = 0x3e2a_aaab;
    const C4: u32 = 0x3d2a_aaab;
    const C5: u32 = 0x3c08_8889;
    const C6: u32 = 0x3ab6_0b61;
    // 1.5·2^23: adding it rounds a small float to an integer, held in the low mantissa bits.
    const MAGIC: f32 = 12_582_912.0;
    // k = floor(x·log2e + 0.5), exactly (the kernel's floorf is exact too); float operations
    // only, so the loops over a row vectorise.
    let t = x * f32::from_bits(LOG2E) + 0.5;
    let nearest = (t + MAGIC) - MAGIC;
    let k = if nearest > t { nearest - 1.0 } else { nearest };
    // k has at most 7 bits and LN2_HI 16 trailing zero bits: k·LN2_HI is exact.
    let r = x - k * f32::from_bits(LN2_HI);
    let r = r - k * f32::from_bits(LN2_LO);
    let p = f32::from_bits(C6) * r + f32::from_bits(C5);
    let p = p * r + f32::from_bits(C4);
    let p = p * r + f32::from_bits(C3);
    let p = p * r + 0.5;
    let p = p * r + 1.0;
    let p = p * r + 1.0;
    // 2^k from its exponent field k + 127 (k is in [-46, 0] here, always normal).
    let biased = (k.max(-126.0) + (MAGIC + 127.0)).to_bits() & 0xff;
    p * f32::from_bits(biased << 23)
}

/// The fixed-point weight of a kept token `s` (temperature applied) below the row's top `max`.
pub fn weight(s: f32, max: f32) -> u64 {
    fixed(exp_det(s - max))
}

/// `⌊w · 2^44⌋` of a float weight in [0, 1] (below 2^45, so through i64: one instruction).
#[inline]
fn fixed(w: f32) -> u64 {
    (w * WEIGHT_SCALE) as i64 as u64
}

/// Ordering key of a float: larger floats, larger keys (for non-NaN values).
fn float_key(x: f32) -> u32 {
    let bits = x.to_bits();
    if bits & 0x8000_0000 != 0 {
        !bits
    } else {
        bits | 0x8000_0000
    }
}

/// `floor(u · mass)` as an index into `0..mass` (mass ≥ 1), in f64 as the kernel computes it.
pub fn scaled_target(uniform: f64, mass: u64) -> u64 {
    ((uniform * mass as f64).floor() as u64).min(mass - 1)
}

/// Weight floors (relative to the top token's weight) tried in turn when looking for the top-p
/// nucleus: sorting the tokens above a floor gives the heaviest tokens in order, and the floor is
/// lowered until they hold enough mass (a CPU shortcut; the result is the full sort's).
const TOP_P_FLOORS: [f32; 3] = [3.354_626_3e-4, 1.125_351_7e-7, 0.0];

thread_local! {
    /// Per-thread weights of the row being sampled, as floats then fixed-point (reused: rows are
    /// ~152k tokens).
    static WEIGHTS: std::cell::RefCell<(Vec<f32>, Vec<u64>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// The CPU reference of the device's sampling: picks the next token of one row of raw logits.
/// NaN and -inf logits are never picked unless every logit is one (then the result is 0); a +inf
/// logit (after temperature) is picked outright.
pub fn sample_reference(logits: &[f32], p: &RowParams) -> u32 {
    if p.greedy {
        return argmax(logits);
    }
    let scale = p.inv_temperature;
    let mut max = f32::NEG_INFINITY;
    for &x in logits {
        let s = x * scale;
        if s > max {
            max = s;
        }
    }
    if !max.is_finite() {
        // No valid logit (result 0), or a +inf one, which takes all the mass.
        let scaled: Vec<f32> = logits.iter().map(|&x| x * scale).collect();
        return argmax(&scaled);
    }
    // Candidates: within the tail of the top (NaN fails `>=`).
    let floor = max - TAIL_NATS;
    let mut cutoff = f32::NEG_INFINITY;
    if p.top_k > 0 {
        let mut values: Vec<f32> = logits
            .iter()
            .map(|&x| x * scale)
            .filter(|&s| s >= floor)
            .collect();
        if (p.top_k as usize) < values.len() {
            // The k-th largest value (counting ties).
            let (_, kth, _) = values.select_nth_unstable_by(p.top_k as usize - 1, |a, b| {
                float_key(*b).cmp(&float_key(*a))
            });
            cutoff = *kth;
        }
    }
    if p.log_min_p > f32::NEG_INFINITY {
        // p_i >= min_p * p_max  <=>  x_i >= max + ln(min_p).
        cutoff = cutoff.max(max + p.log_min_p);
    }
    let keep = floor.max(cutoff);
    if p.top_p < 1.0 {
        return draw_top_p(logits, scale, max, keep, p);
    }
    WEIGHTS.with(|buffers| {
        let (floats, fixed_weights) = &mut *buffers.borrow_mut();
        // Float weights first (a branch-free loop the compiler vectorises), then fixed point.
        floats.clear();
        floats.extend(logits.iter().map(|&x| {
            let s = x * scale;
            let w = exp_det(s - max);
            if s >= keep {
                w
            } else {
                0.0
            }
        }));
        fixed_weights.clear();
        let mut total = 0u64;
        fixed_weights.extend(floats.iter().map(|&w| {
            let f = fixed(w);
            total += f;
            f
        }));
        // In id order: the first token whose cumulative weight passes the target.
        let target = scaled_target(p.uniform, total);
        let mut acc = 0u64;
        for (id, &weight) in fixed_weights.iter().enumerate() {
            acc += weight;
            if acc > target {
                return id as u32;
            }
        }
        unreachable!("the cumulative weight reaches the total")
    })
}

/// The top-p draw over the tokens at or above `keep`: heaviest first (ties by id), the shortest
/// prefix holding `top_p` of the mass, then the draw in that order.
fn draw_top_p(logits: &[f32], scale: f32, max: f32, keep: f32, p: &RowParams) -> u32 {
    // Kept tokens as (weight, id, fixed weight).
    let kept: Vec<(f32, u32, u64)> = logits
        .iter()
        .enumerate()
        .filter_map(|(id, &x)| {
            let s = x * scale;
            (s >= keep).then(|| {
                let w = exp_det(s - max);
                (w, id as u32, fixed(w))
            })
        })
        .collect();
    let total: u64 = kept.iter().map(|k| k.2).sum();
    let needed = ((f64::from(p.top_p) * total as f64).ceil() as u64).clamp(1, total);
    let mut nucleus = Vec::new();
    for floor in TOP_P_FLOORS {
        nucleus = kept.iter().copied().filter(|k| k.0 >= floor).collect();
        nucleus.sort_unstable_by(|a, b| b.0.to_bits().cmp(&a.0.to_bits()).then(a.1.cmp(&b.1)));
        let mut mass = 0u64;
        if let Some(end) = nucleus.iter().position(|k| {
            mass += k.2;
            mass >= needed
        }) {
            nucleus.truncate(end + 1);
            break;
        }
    }
    let mass: u64 = nucleus.iter().map(|k| k.2).sum();
    let target = scaled_target(p.uniform, mass);
    let mut acc = 0u64;
    for k in &nucleus {
        acc += k.2;
        if acc > target {
            return k.1;
        }
    }
    unreachable!("the cumulative weight reaches the mass")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(temperature: f32, top_k: usize, top_p: f32, min_p: f32) -> SamplingParams {
        SamplingParams {
            temperature,
            top_k,
            top_p,
            min_p,
            ..SamplingParams::default()
        }
    }

    /// A peaked but spread row: logits of a 1000-token vocabulary.
    fn row() -> Vec<f32> {
        (0..1000)
            .map(|i| ((i * 7919) % 1000) as f32 / 100.0 - 5.0)
            .collect()
    }

    fn draws(p: &SamplingParams, seed: u64, logits: &[f32], n: usize) -> Vec<u32> {
        let mut stream = DrawStream::new(seed);
        (0..n)
            .map(|_| sample_reference(logits, &RowParams::new(p, stream.next_uniform())))
            .collect()
    }

    #[test]
    fn uniforms_are_the_chacha12_keystream_words_of_each_step() {
        let mut stream = DrawStream::new(sample_seed(7, 3));
        let got: Vec<f64> = (0..40).map(|_| stream.next_uniform()).collect();
        assert_eq!(stream.steps(), 40);
        // Step t is the t-th u64 of the keystream, top 53 bits over 2^53.
        let mut words = StdRng::seed_from_u64(sample_seed(7, 3));
        for (t, u) in got.iter().enumerate() {
            let word: u64 = words.gen();
            assert_eq!(*u, (word >> 11) as f64 / (1u64 << 53) as f64, "step {t}");
        }
        assert!(got.iter().all(|u| (0.0..1.0).contains(u)));
    }

    #[test]
    fn exp_det_is_close_to_exp_and_exact_at_zero() {
        assert_eq!(exp_det(0.0), 1.0);
        let mut x = -31.0f32;
        while x <= 0.0 {
            let (got, want) = (f64::from(exp_det(x)), f64::from(x).exp());
            assert!(((got - want) / want).abs() < 4e-7, "{x}: {got} vs {want}");
            x += 0.0137;
        }
        // Weights: the top token weighs 2^44, the tail's edge still weighs something.
        assert_eq!(weight(1.5, 1.5), 1 << 44);
        assert!(weight(-TAIL_NATS, 0.0) >= 1);
    }

    #[test]
    fn greedy_picks_the_lowest_index_maximum() {
        let g =
            |row: &[f32]| sample_reference(row, &RowParams::new(&params(0.0, 0, 1.0, 0.0), 0.5));
        assert_eq!(g(&[0.5, 2.0, -1.0, 2.0]), 1);
        assert_eq!(g(&[f32::NAN, 1.0, f32::NEG_INFINITY]), 1);
        assert_eq!(g(&row()), argmax(&row()));
        assert!(RowParams::new(&params(1e-6, 0, 1.0, 0.0), 0.0).greedy);
        assert!(RowParams::new(&params(f32::NAN, 0, 1.0, 0.0), 0.0).greedy);
    }

    #[test]
    fn invalid_rows_never_panic() {
        for p in [params(0.0, 0, 1.0, 0.0), params(1.0, 5, 0.9, 0.1)] {
            let s = |row: &[f32]| sample_reference(row, &RowParams::new(&p, 0.99));
            assert_eq!(s(&[]), 0);
            assert_eq!(s(&[f32::NAN, f32::NAN]), 0);
            assert_eq!(s(&[f32::NEG_INFINITY; 4]), 0);
            assert_eq!(s(&[f32::NAN, f32::NEG_INFINITY, 0.5]), 2);
            assert_eq!(s(&[1.0, f32::INFINITY, 2.0]), 1);
        }
        let s = |p: &SamplingParams| sample_reference(&[0.0, 1.0, 0.5], &RowParams::new(p, 0.3));
        assert_eq!(s(&params(1.0, 0, -1.0, 5.0)), 1);
        assert_eq!(s(&params(f32::NAN, 0, 1.0, 0.0)), 1);
    }

    #[test]
    fn params_survive_packing() {
        let p = RowParams::new(&params(0.7, 40, 0.9, 0.05), 0.123_456_789);
        assert_eq!(RowParams::unpack(&p.pack(12)), (p, 12));
        let off = RowParams::new(&params(1.0, 0, 1.0, 0.0), 0.5);
        assert_eq!(off.log_min_p, f32::NEG_INFINITY);
        assert_eq!(RowParams::unpack(&off.pack(0)).0, off);
    }

    #[test]
    fn same_seed_same_draws_and_different_seeds_differ() {
        let p = params(1.0, 0, 1.0, 0.0);
        let logits = vec![0.0; 64];
        assert_eq!(draws(&p, 42, &logits, 200), draws(&p, 42, &logits, 200));
        assert_ne!(draws(&p, 42, &logits, 200), draws(&p, 43, &logits, 200));
        let p = params(0.8, 40, 0.9, 0.02);
        assert_eq!(draws(&p, 7, &row(), 100), draws(&p, 7, &row(), 100));
    }

    #[test]
    fn sample_seed_is_splitmix64() {
        // The first SplitMix64 output from state 0 (reference value).
        assert_eq!(sample_seed(0, 0), 0xE220_A839_7B1D_CDAF);
        let seeds: Vec<u64> = (0..100).map(|i| sample_seed(5, i)).collect();
        let mut unique = seeds.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), seeds.len());
        assert_ne!(sample_seed(5, 0), sample_seed(6, 0));
    }

    #[test]
    fn degenerate_filters_equal_greedy() {
        let greedy = argmax(&row());
        for p in [
            params(1.0, 1, 1.0, 0.0),
            params(1.0, 0, 1e-6, 0.0),
            params(1.0, 0, 0.0, 0.0),
            params(1.0, 0, 1.0, 1.0),
            params(2.0, 0, 1.0, 1.0),
        ] {
            assert!(
                draws(&p, 9, &row(), 50).iter().all(|&t| t == greedy),
                "{p:?}"
            );
        }
    }

    #[test]
    fn filters_keep_only_allowed_tokens() {
        let logits = [2.0, 1.9, 1.8, 0.0, -1.0];
        let top_k = draws(&params(1.0, 2, 1.0, 0.0), 1, &logits, 2000);
        assert!(top_k.iter().all(|&t| t < 2));
        assert!(top_k.contains(&0) && top_k.contains(&1));
        // Probabilities ∝ e^x: min_p 0.5 keeps tokens with x >= 2 - ln 2 ≈ 1.31.
        let min_p = draws(&params(1.0, 0, 1.0, 0.5), 1, &logits, 2000);
        assert!(min_p.iter().all(|&t| t < 3) && min_p.contains(&2));
        // The top three hold ~0.41 + 0.37 + 0.33 of 1.31 ≈ 0.85 of the mass.
        let top_p = draws(&params(1.0, 0, 0.6, 0.0), 1, &logits, 2000);
        assert!(top_p.iter().all(|&t| t < 2) && top_p.contains(&1));
        let top_p = draws(&params(1.0, 0, 0.8, 0.0), 1, &logits, 2000);
        assert!(top_p.iter().all(|&t| t < 3) && top_p.contains(&2));
        // Ties at the top-k threshold are all kept.
        let tied = draws(&params(1.0, 1, 1.0, 0.0), 1, &[1.0, 0.0, 1.0], 500);
        assert!(tied.contains(&0) && tied.contains(&2) && !tied.contains(&1));
        // The far tail weighs nothing.
        let tail = draws(&params(1.0, 0, 1.0, 0.0), 1, &[0.0, -40.0, -40.0], 500);
        assert!(tail.iter().all(|&t| t == 0));
    }

    #[test]
    fn top_p_reaches_into_a_heavy_tail() {
        // One token at 0 and 20k at -10: the tail holds 20k·e^-10 ≈ 0.9 of the 1.9 mass, and
        // top_p 0.9 needs 1.71 of it.
        let mut logits = vec![-10.0f32; 20_001];
        logits[0] = 0.0;
        let picks = draws(&params(1.0, 0, 0.9, 0.0), 2, &logits, 100);
        // About 0.71 / 1.71 ≈ 42% of draws come from the tail.
        assert!(picks.iter().filter(|&&t| t != 0).count() > 20);
        // Equal logits: the nucleus is the lowest half of the ids (ties broken by id).
        let flat = vec![0.0; 10_000];
        let picks = draws(&params(1.0, 0, 0.5, 0.0), 2, &flat, 200);
        assert!(picks.iter().all(|&t| t < 5_000));
    }

    /// Chi-squared statistic of `counts` against probabilities `expected`.
    fn chi2(expected: &[f64], counts: &[usize], n: usize) -> f64 {
        expected
            .iter()
            .zip(counts)
            .map(|(p, &c)| (c as f64 - p * n as f64).powi(2) / (p * n as f64))
            .sum()
    }

    #[test]
    fn draws_match_the_softmax_distribution() {
        let probs = [0.1f64, 0.2, 0.3, 0.4];
        let logits: Vec<f32> = probs.iter().map(|p| p.ln() as f32).collect();
        let n = 20_000;
        let mut counts = [0usize; 4];
        for t in draws(&params(1.0, 0, 1.0, 0.0), 11, &logits, n) {
            counts[t as usize] += 1;
        }
        // 3 degrees of freedom: P(chi2 > 16.27) = 0.001.
        let c = chi2(&probs, &counts, n);
        assert!(c < 16.27, "chi2 {c}, counts {counts:?}");
        // Temperature 0.5 squares the probabilities: 0.01, 0.04, 0.09, 0.16 over 0.3.
        let mut counts = [0usize; 4];
        for t in draws(&params(0.5, 0, 1.0, 0.0), 12, &logits, n) {
            counts[t as usize] += 1;
        }
        let expected = [0.01 / 0.3, 0.04 / 0.3, 0.09 / 0.3, 0.16 / 0.3];
        let c = chi2(&expected, &counts, n);
        assert!(c < 16.27, "chi2 {c}, counts {counts:?}");
    }

    #[test]
    fn top_p_nucleus_is_renormalised() {
        // top_p 0.65 keeps {0.4, 0.3}: draws split 4:3.
        let probs = [0.1f64, 0.2, 0.3, 0.4];
        let logits: Vec<f32> = probs.iter().map(|p| p.ln() as f32).collect();
        let n = 20_000;
        let picks = draws(&params(1.0, 0, 0.65, 0.0), 13, &logits, n);
        assert!(picks.iter().all(|&t| t >= 2));
        let share = picks.iter().filter(|&&t| t == 3).count() as f64 / n as f64;
        assert!((share - 4.0 / 7.0).abs() < 0.02, "{share}");
    }

    #[test]
    fn draws_follow_the_uniform_through_the_cumulative_weights() {
        // Id order without top-p: u below the first token's share picks it, above picks the next.
        let logits = [0.0f32, 0.0];
        let p = |u| RowParams::new(&params(1.0, 0, 1.0, 0.0), u);
        assert_eq!(sample_reference(&logits, &p(0.0)), 0);
        assert_eq!(sample_reference(&logits, &p(0.499_999)), 0);
        assert_eq!(sample_reference(&logits, &p(0.5)), 1);
        assert_eq!(sample_reference(&logits, &p(0.999_999_9)), 1);
        // With top-p the order is heaviest first: token 1 comes before token 0.
        let logits = [0.0f32, 1.0];
        let p = |u| RowParams::new(&params(1.0, 0, 0.999, 0.0), u);
        assert_eq!(sample_reference(&logits, &p(0.0)), 1);
        assert_eq!(sample_reference(&logits, &p(0.999)), 0);
    }
}
