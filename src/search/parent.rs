//! Choosing the program to refine.
//!
//! REX (Tang et al., NeurIPS 2024, as SOAR and the seed runner use it) treats each program as an
//! arm: θ ~ Beta(1 + C·q, 1 + C·(1 − q) + n) with q its quality and n the times it was already
//! refined, and the largest θ wins — good programs are refined often, but each refinement makes a
//! program less likely to be picked again, so others get their turn. `uniform` and `best` are the
//! baselines.

use rand::Rng;
use serde::{Deserialize, Serialize};

/// How parents are chosen (`--parent-selection`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ParentSelection {
    /// Thompson sampling over Beta posteriors (REX).
    Rex,
    /// Every eligible program equally likely.
    Uniform,
    /// Highest q; ties go to the program refined least, then the earliest.
    Best,
}

/// What parent choice knows of one eligible program.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Arm {
    /// Quality in [0, 1].
    pub q: f64,
    /// Times already refined.
    pub refined: usize,
}

/// The position of the chosen arm (`None` when there is none). `c` is REX's C.
pub fn choose(
    selection: ParentSelection,
    arms: &[Arm],
    c: f64,
    rng: &mut impl Rng,
) -> Option<usize> {
    if arms.is_empty() {
        return None;
    }
    match selection {
        ParentSelection::Uniform => Some(rng.gen_range(0..arms.len())),
        ParentSelection::Best => arms
            .iter()
            .enumerate()
            .max_by(|(i, a), (j, b)| {
                a.q.total_cmp(&b.q)
                    .then(b.refined.cmp(&a.refined))
                    .then(j.cmp(i))
            })
            .map(|(i, _)| i),
        ParentSelection::Rex => {
            let mut best = (0, f64::NEG_INFINITY);
            for (i, arm) in arms.iter().enumerate() {
                let q = arm.q.clamp(0.0, 1.0);
                let theta = beta(1.0 + c * q, 1.0 + c * (1.0 - q) + arm.refined as f64, rng);
                if theta > best.1 {
                    best = (i, theta);
                }
            }
            Some(best.0)
        }
    }
}

/// A draw from Beta(a, b), a, b > 0.
pub fn beta(a: f64, b: f64, rng: &mut impl Rng) -> f64 {
    let x = gamma(a, rng);
    let y = gamma(b, rng);
    if x + y > 0.0 {
        x / (x + y)
    } else {
        0.5
    }
}

/// A draw from Gamma(shape, 1) (Marsaglia and Tsang; shapes below 1 by the boost u^(1/shape)).
fn gamma(shape: f64, rng: &mut impl Rng) -> f64 {
    if shape < 1.0 {
        let u: f64 = rng.gen_range(f64::EPSILON..1.0);
        return gamma(shape + 1.0, rng) * u.powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = normal(rng);
        let v = (1.0 + c * x).powi(3);
        if v <= 0.0 {
            continue;
        }
        let u: f64 = rng.gen_range(f64::EPSILON..1.0);
        if u < 1.0 - 0.0331 * x.powi(4) || u.ln() < 0.5 * x * x + d * (1.0 - v + v.ln()) {
            return d * v;
        }
    }
}

/// A standard normal draw (Box–Muller).
fn normal(rng: &mut impl Rng) -> f64 {
    let u1: f64 = rng.gen_range(f64::EPSILON..1.0);
    let u2: f64 = rng.gen();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    const DRAWS: usize = 20_000;

    /// How often each arm wins over `DRAWS` REX draws with C = 20.
    fn shares(arms: &[Arm], seed: u64) -> Vec<f64> {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut wins = vec![0usize; arms.len()];
        for _ in 0..DRAWS {
            wins[choose(ParentSelection::Rex, arms, 20.0, &mut rng).unwrap()] += 1;
        }
        wins.iter().map(|&w| w as f64 / DRAWS as f64).collect()
    }

    #[test]
    fn beta_draws_have_the_right_mean_and_spread() {
        let mut rng = StdRng::seed_from_u64(7);
        for (a, b) in [
            (1.0, 1.0),
            (11.0, 11.0),
            (17.0, 5.0),
            (1.0, 41.0),
            (0.5, 0.5),
        ] {
            let xs: Vec<f64> = (0..DRAWS).map(|_| beta(a, b, &mut rng)).collect();
            let mean = xs.iter().sum::<f64>() / DRAWS as f64;
            let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / DRAWS as f64;
            let want_mean = a / (a + b);
            let want_var = a * b / ((a + b).powi(2) * (a + b + 1.0));
            // Five standard errors of the mean; the variance within 5 %.
            let se = (want_var / DRAWS as f64).sqrt();
            assert!(
                (mean - want_mean).abs() < 5.0 * se,
                "Beta({a},{b}) mean {mean}"
            );
            assert!(
                (var / want_var - 1.0).abs() < 0.05,
                "Beta({a},{b}) var {var}"
            );
            assert!(xs.iter().all(|x| (0.0..=1.0).contains(x)));
        }
    }

    #[test]
    fn higher_quality_is_chosen_more_often() {
        // Three fresh programs with 50, 60 and 70 % of the train pairs right. Over 20,000 draws a
        // share's standard error is at most 0.0036; the gaps asserted are over ten times that.
        let arms = [0.5, 0.6, 0.7].map(|q| Arm { q, refined: 0 });
        for seed in [1, 2, 3] {
            let s = shares(&arms, seed);
            assert!(
                s[2] > s[1] + 0.1 && s[1] > s[0] + 0.05,
                "seed {seed}: {s:?}"
            );
            assert!(s[0] > 0.02, "the weakest still gets tried: {s:?}");
        }
    }

    #[test]
    fn a_parents_share_falls_as_its_refinements_rise() {
        // Two equal programs; the first has been refined n times. Without refinements each wins
        // half the draws; every refinement moves the first's posterior down.
        let mut previous = 1.0;
        for n in [0, 3, 10, 40] {
            let arms = [Arm { q: 0.7, refined: n }, Arm { q: 0.7, refined: 0 }];
            let s = shares(&arms, 11)[0];
            if n == 0 {
                assert!((s - 0.5).abs() < 0.02, "{s}");
            } else {
                assert!(s < previous - 0.05, "n = {n}: {s} not below {previous}");
            }
            previous = s;
        }
        assert!(previous < 0.05, "after 40 refinements: {previous}");
    }

    #[test]
    fn best_and_uniform() {
        let arms = [
            Arm { q: 0.5, refined: 0 },
            Arm { q: 0.9, refined: 4 },
            Arm { q: 0.9, refined: 1 },
            Arm { q: 0.9, refined: 1 },
        ];
        let mut rng = StdRng::seed_from_u64(0);
        assert_eq!(
            choose(ParentSelection::Best, &arms, 20.0, &mut rng),
            Some(2)
        );
        let mut seen = [0usize; 4];
        for _ in 0..4000 {
            seen[choose(ParentSelection::Uniform, &arms, 20.0, &mut rng).unwrap()] += 1;
        }
        assert!(seen.iter().all(|&k| (850..1150).contains(&k)), "{seen:?}");
        assert_eq!(choose(ParentSelection::Rex, &[], 20.0, &mut rng), None);
    }
}
