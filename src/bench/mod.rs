//! Benchmarks printed as tables (`arc-solver bench ...`). Every number is reported next to a
//! baseline measured in the same invocation, as a ratio, so results compare across machines.

pub mod exec;
pub mod gen;
pub mod parity;
pub mod prefix;
pub mod steps;

use crate::generate::local::engine::EngineEvent;

/// Each finished sample's tokens by sample index (sorted), read from its log-probabilities: the
/// requests must ask for `logprobs: Some(0)`. A failed request is an error naming `what`.
fn sample_tokens(
    events: impl IntoIterator<Item = EngineEvent>,
    what: &str,
) -> anyhow::Result<Vec<(usize, Vec<u32>)>> {
    let mut samples = Vec::new();
    for event in events {
        match event {
            EngineEvent::Sample {
                index, logprobs, ..
            } => samples.push((
                index,
                logprobs
                    .unwrap_or_default()
                    .iter()
                    .map(|l| l.token)
                    .collect(),
            )),
            EngineEvent::Failed(e) => anyhow::bail!("{what} failed: {e}"),
            EngineEvent::Delta { .. } => {}
        }
    }
    samples.sort();
    Ok(samples)
}

/// The `q`-quantile (0..=1) of `values` by nearest rank; `None` when empty.
pub fn quantile(values: &[f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = (q.clamp(0.0, 1.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_by_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(quantile(&v, 0.5), Some(50.0));
        assert_eq!(quantile(&v, 0.99), Some(99.0));
        assert_eq!(quantile(&v, 1.0), Some(100.0));
        assert_eq!(quantile(&[3.0], 0.5), Some(3.0));
        assert_eq!(quantile(&[], 0.5), None);
    }
}
