//! Picking the next token from one row of logits.
//!
//! Filters run in vLLM's order: temperature, top-k, min-p, top-p, then a draw from the
//! renormalised survivors. (vLLM applies min-p before top-k; the two commute because min-p's
//! threshold is relative to the top probability, which top-k always keeps. Hugging Face applies
//! top-p before min-p, which keeps a few more tokens when both are set.) Vocabularies are ~152k
//! ids, so no step sorts the whole row: top-k selects, min-p is a cutoff in logit space, and top-p
//! sorts only the candidates above a cutoff that is lowered until they hold enough mass.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::generate::SamplingParams;

/// Temperatures below this decode greedily.
const GREEDY_TEMPERATURE: f32 = 1e-5;

/// Logit distances below the top (after temperature) tried as top-p candidate cutoffs; tokens
/// further than 32 nats below the top carry under e^-32 ≈ 1e-14 of the top's probability each.
const TOP_P_CUTOFFS: [f32; 4] = [8.0, 16.0, 32.0, f32::INFINITY];

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

/// Token sampler for one sample (it owns that sample's random stream).
#[derive(Clone, Debug)]
pub struct Sampler {
    temperature: f32,
    top_k: usize,
    top_p: f32,
    min_p: f32,
    rng: StdRng,
    /// Reused buffers: logits for top-k selection, (weight, id) candidates for top-p.
    values: Vec<f32>,
    candidates: Vec<(f32, u32)>,
}

impl Sampler {
    /// A sampler for `params`, drawing from a stream seeded with `seed` (for sample i of a
    /// request, pass [`sample_seed`]`(params.seed, i)`).
    pub fn new(params: &SamplingParams, seed: u64) -> Sampler {
        Sampler {
            temperature: params.temperature,
            top_k: params.top_k,
            top_p: params.top_p,
            min_p: params.min_p,
            rng: StdRng::seed_from_u64(seed),
            values: Vec::new(),
            candidates: Vec::new(),
        }
    }

    /// Whether this sampler always takes the most likely token (and never draws).
    pub fn is_greedy(&self) -> bool {
        // NaN temperatures count as greedy too.
        self.temperature.is_nan() || self.temperature < GREEDY_TEMPERATURE
    }

    /// Picks the next token from one row of logits, which it overwrites (with unnormalised
    /// probabilities). NaN and -inf logits are never picked unless every logit is one (then the
    /// result is 0); a +inf logit is picked outright.
    pub fn sample(&mut self, logits: &mut [f32]) -> u32 {
        if self.is_greedy() {
            return argmax(logits);
        }
        let inv_t = 1.0 / self.temperature;
        let mut max = f32::NEG_INFINITY;
        for x in logits.iter_mut() {
            *x *= inv_t;
            if *x > max {
                max = *x;
            }
        }
        if !max.is_finite() {
            // No valid logit (result 0), or a +inf one, which takes all the mass.
            return argmax(logits);
        }

        // Lowest logit kept by top-k and min-p (both keep everything tied with their threshold).
        let mut cutoff = f32::NEG_INFINITY;
        if self.top_k > 0 {
            self.values.clear();
            self.values
                .extend(logits.iter().copied().filter(|x| valid(*x)));
            if self.top_k < self.values.len() {
                let (_, kth, _) = self
                    .values
                    .select_nth_unstable_by(self.top_k - 1, |a, b| b.total_cmp(a));
                cutoff = *kth;
            }
        }
        if self.min_p > 0.0 {
            // p_i >= min_p * p_max  <=>  x_i >= max + ln(min_p).
            cutoff = cutoff.max(max + self.min_p.min(1.0).ln());
        }

        // From here the row holds unnormalised probabilities relative to the top token (0 for
        // dropped tokens), so each exp is computed once; f64 sums keep 152k terms exact enough.
        let mut total = 0.0f64;
        let mut kept = 0usize;
        for x in logits.iter_mut() {
            *x = if valid(*x) && *x >= cutoff {
                kept += 1;
                (*x - max).exp()
            } else {
                0.0
            };
            total += f64::from(*x);
        }

        if self.top_p < 1.0 {
            return self.draw_top_p(logits, kept, total);
        }
        let mut target = self.rng.gen::<f64>() * total;
        let mut last = None;
        for (id, &w) in logits.iter().enumerate() {
            if w > 0.0 {
                target -= f64::from(w);
                if target < 0.0 {
                    return id as u32;
                }
                last = Some(id);
            }
        }
        // Rounding left a sliver of mass: the last kept token takes it.
        last.map_or(0, |id| id as u32)
    }

    /// Top-p over a row of weights (`kept` of them non-zero, summing to `total`): keeps the
    /// heaviest tokens until they hold `top_p` of the mass, then draws among them.
    fn draw_top_p(&mut self, weights: &[f32], kept: usize, total: f64) -> u32 {
        let needed = f64::from(self.top_p.max(0.0)) * total;
        let mut nucleus = 0;
        for distance in TOP_P_CUTOFFS {
            // Candidates within `distance` nats of the top; widened until they hold enough mass.
            let floor = (-distance).exp();
            self.candidates.clear();
            self.candidates.extend(
                weights
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| **w > 0.0 && **w >= floor)
                    .map(|(id, w)| (*w, id as u32)),
            );
            // Heaviest first; ties by id so the draw is deterministic.
            self.candidates
                .sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut mass = 0.0;
            nucleus = 0;
            for &(w, _) in &self.candidates {
                mass += f64::from(w);
                nucleus += 1;
                if mass >= needed {
                    break;
                }
            }
            if mass >= needed || self.candidates.len() == kept {
                break;
            }
        }
        let nucleus = &self.candidates[..nucleus.max(1).min(self.candidates.len())];
        let nucleus_mass: f64 = nucleus.iter().map(|(w, _)| f64::from(*w)).sum();
        let mut target = self.rng.gen::<f64>() * nucleus_mass;
        for &(w, id) in nucleus {
            target -= f64::from(w);
            if target < 0.0 {
                return id;
            }
        }
        nucleus.last().map_or(0, |(_, id)| *id)
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
        let mut s = Sampler::new(p, seed);
        (0..n).map(|_| s.sample(&mut logits.to_vec())).collect()
    }

    #[test]
    fn greedy_picks_the_lowest_index_maximum() {
        let mut s = Sampler::new(&params(0.0, 0, 1.0, 0.0), 1);
        assert_eq!(s.sample(&mut [0.5, 2.0, -1.0, 2.0]), 1);
        assert_eq!(s.sample(&mut [f32::NAN, 1.0, f32::NEG_INFINITY]), 1);
        assert_eq!(s.sample(&mut row()), argmax(&row()));
        let mut s = Sampler::new(&params(1e-6, 0, 1.0, 0.0), 1);
        assert!(s.is_greedy());
        assert_eq!(s.sample(&mut [0.0, 3.0, 1.0]), 1);
    }

    #[test]
    fn invalid_rows_never_panic() {
        for p in [params(0.0, 0, 1.0, 0.0), params(1.0, 5, 0.9, 0.1)] {
            let mut s = Sampler::new(&p, 3);
            assert_eq!(s.sample(&mut []), 0);
            assert_eq!(s.sample(&mut [f32::NAN, f32::NAN]), 0);
            assert_eq!(s.sample(&mut [f32::NEG_INFINITY; 4]), 0);
            assert_eq!(s.sample(&mut [f32::NAN, f32::NEG_INFINITY, 0.5]), 2);
            assert_eq!(s.sample(&mut [1.0, f32::INFINITY, 2.0]), 1);
        }
        let mut s = Sampler::new(&params(1.0, 0, -1.0, 5.0), 3);
        assert_eq!(s.sample(&mut [0.0, 1.0, 0.5]), 1);
        let mut s = Sampler::new(&params(f32::NAN, 0, 1.0, 0.0), 3);
        assert_eq!(s.sample(&mut [0.0, 1.0, 0.5]), 1);
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
    }

    #[test]
    fn top_p_widens_its_candidates_when_the_tail_holds_the_mass() {
        // One token at 0 and 20k at -10: the tail (20k·e^-10 ≈ 0.9) lies beyond the first
        // candidate cutoff (8 nats), and top_p 0.9 needs 1.71 of the 1.9 mass: it must widen.
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

    #[test]
    fn draws_match_the_softmax_distribution() {
        let probs = [0.1f64, 0.2, 0.3, 0.4];
        let logits: Vec<f32> = probs.iter().map(|p| p.ln() as f32).collect();
        let n = 20_000;
        let mut counts = [0usize; 4];
        for t in draws(&params(1.0, 0, 1.0, 0.0), 11, &logits, n) {
            counts[t as usize] += 1;
        }
        let chi2: f64 = probs
            .iter()
            .zip(counts)
            .map(|(p, c)| (c as f64 - p * n as f64).powi(2) / (p * n as f64))
            .sum();
        // 3 degrees of freedom: P(chi2 > 16.27) = 0.001.
        assert!(chi2 < 16.27, "chi2 {chi2}, counts {counts:?}");
        // Temperature 0.5 squares the probabilities: 0.01, 0.04, 0.09, 0.16 over 0.3.
        let mut counts = [0usize; 4];
        for t in draws(&params(0.5, 0, 1.0, 0.0), 12, &logits, n) {
            counts[t as usize] += 1;
        }
        let expected = [0.01 / 0.3, 0.04 / 0.3, 0.09 / 0.3, 0.16 / 0.3];
        let chi2: f64 = expected
            .iter()
            .zip(counts)
            .map(|(p, c)| (c as f64 - p * n as f64).powi(2) / (p * n as f64))
            .sum();
        assert!(chi2 < 16.27, "chi2 {chi2}, counts {counts:?}");
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
}
