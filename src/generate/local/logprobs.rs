//! Log-probabilities of generated tokens, as OpenAI's `logprobs` report them: the log-softmax of
//! the model's raw logits (temperature 1, before top-k, top-p and min-p), which is also what vLLM
//! returns by default. They describe the model, not the filtered distribution a token was drawn
//! from, so they are comparable across sampling settings.

/// Most alternatives a position may report (OpenAI's limit for `top_logprobs`).
pub const MAX_TOP_LOGPROBS: usize = 20;

/// The log-probabilities at one generated position.
#[derive(Clone, Debug, PartialEq)]
pub struct TokenLogprobs {
    /// The token that was generated.
    pub token: u32,
    /// Its natural-log probability (`-inf` for a NaN or `-inf` logit).
    pub logprob: f32,
    /// The most likely tokens and their log-probabilities, most likely first (ties: lower id
    /// first); as many as were asked for, fewer only when the row has fewer valid logits.
    pub top: Vec<(u32, f32)>,
}

/// The log-probabilities of `token` and of the `top` most likely tokens (at most
/// [`MAX_TOP_LOGPROBS`]) in one row of raw logits. NaN and `-inf` logits have probability 0.
pub fn token_logprobs(logits: &[f32], token: u32, top: usize) -> TokenLogprobs {
    let top = top.min(MAX_TOP_LOGPROBS);
    let max = logits
        .iter()
        .copied()
        .filter(|x| valid(*x))
        .fold(f32::NEG_INFINITY, f32::max);
    // log Σ e^x, shifted by the maximum so no term overflows; f64 sums keep 152k terms exact.
    let log_total = if max == f32::INFINITY {
        // A +inf logit takes all the mass; the others get -inf (inf - inf would be NaN).
        f64::INFINITY
    } else if max.is_finite() {
        let sum: f64 = logits
            .iter()
            .filter(|x| valid(**x))
            .map(|&x| f64::from(x - max).exp())
            .sum();
        f64::from(max) + sum.ln()
    } else {
        f64::NEG_INFINITY
    };
    let logprob = |x: f32| -> f32 {
        if !valid(x) {
            f32::NEG_INFINITY
        } else if x == f32::INFINITY {
            0.0
        } else {
            (f64::from(x) - log_total) as f32
        }
    };
    let chosen = logits
        .get(token as usize)
        .map_or(f32::NEG_INFINITY, |&x| logprob(x));
    TokenLogprobs {
        token,
        logprob: chosen,
        top: top_logits(logits, top)
            .into_iter()
            .map(|(x, id)| (id, logprob(x)))
            .collect(),
    }
}

/// A logit that has some probability: neither NaN nor `-inf`.
fn valid(x: f32) -> bool {
    x > f32::NEG_INFINITY
}

/// The `k` largest valid logits with their ids, largest first, lower id first among equals. One
/// pass with a small sorted buffer: `k` is at most 20 and rows are ~152k long, so almost every
/// logit is rejected by one comparison with the buffer's smallest.
fn top_logits(logits: &[f32], k: usize) -> Vec<(f32, u32)> {
    let mut best: Vec<(f32, u32)> = Vec::with_capacity(k + 1);
    if k == 0 {
        return best;
    }
    for (id, &x) in logits.iter().enumerate() {
        if !valid(x) || (best.len() == k && x <= best[k - 1].0) {
            continue;
        }
        // After every entry not smaller, so earlier (lower) ids stay first among equals.
        let at = best.partition_point(|&(y, _)| y >= x);
        best.insert(at, (x, id as u32));
        best.truncate(k);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logprobs_are_the_log_softmax_of_the_raw_row() {
        let probs = [0.1f64, 0.2, 0.3, 0.4];
        // Shifted logits: the softmax is unchanged.
        let logits: Vec<f32> = probs.iter().map(|p| p.ln() as f32 + 7.0).collect();
        let lp = token_logprobs(&logits, 1, 3);
        assert_eq!(lp.token, 1);
        assert!((lp.logprob - 0.2f32.ln()).abs() < 1e-5, "{}", lp.logprob);
        let ids: Vec<u32> = lp.top.iter().map(|t| t.0).collect();
        assert_eq!(ids, [3, 2, 1]);
        for (id, logprob) in &lp.top {
            assert!((logprob - (probs[*id as usize] as f32).ln()).abs() < 1e-5);
        }
        // Every token asked for: the probabilities sum to 1.
        let all = token_logprobs(&logits, 0, 4);
        let total: f32 = all.top.iter().map(|t| t.1.exp()).sum();
        assert!((total - 1.0).abs() < 1e-5);
        // No alternatives asked for; more asked than the limit gets the limit.
        assert!(token_logprobs(&logits, 0, 0).top.is_empty());
        let wide: Vec<f32> = (0..100).map(|i| i as f32 / 10.0).collect();
        assert_eq!(token_logprobs(&wide, 0, 50).top.len(), MAX_TOP_LOGPROBS);
    }

    #[test]
    fn ties_list_lower_ids_first_and_invalid_logits_have_no_mass() {
        let logits = [1.0, f32::NAN, 1.0, f32::NEG_INFINITY, 0.0];
        let lp = token_logprobs(&logits, 3, 5);
        assert_eq!(lp.logprob, f32::NEG_INFINITY);
        let ids: Vec<u32> = lp.top.iter().map(|t| t.0).collect();
        assert_eq!(ids, [0, 2, 4], "invalid logits are never listed");
        assert_eq!(lp.top[0].1, lp.top[1].1);
        // An id past the row and an all-invalid row give -inf, not a panic.
        assert_eq!(token_logprobs(&logits, 99, 1).logprob, f32::NEG_INFINITY);
        let none = token_logprobs(&[f32::NAN; 3], 0, 2);
        assert_eq!(none.logprob, f32::NEG_INFINITY);
        assert!(none.top.is_empty());
        // A +inf logit takes all the mass.
        let inf = token_logprobs(&[0.0, f32::INFINITY], 1, 2);
        assert_eq!(inf.logprob, 0.0);
        assert_eq!(inf.top, vec![(1, 0.0), (0, f32::NEG_INFINITY)]);
    }
}
