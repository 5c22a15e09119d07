//! Running votes of one task, updated one attempt at a time, so a run keeps no attempt list: the
//! same rankings [`crate::vote`] computes from all attempts (weighted majority and train-majority,
//! ties by votes then first appearance), plus the weighted vote of the fresh samples alone.
//!
//! Every distinct predicted grid is kept once per test input; the tallies refer to it by number.

use crate::score::Attempt;
use crate::task::Grid;
use crate::vote::attempt_weight;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// The distinct grids predicted for one test input.
#[derive(Clone, Debug, Default)]
struct Grids {
    grids: Vec<Grid>,
    by_hash: HashMap<u64, Vec<usize>>,
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

impl Grids {
    fn id(&mut self, grid: &Grid) -> usize {
        let bucket = self.by_hash.entry(hash_of(grid)).or_default();
        if let Some(&id) = bucket.iter().find(|&&id| self.grids[id] == *grid) {
            return id;
        }
        self.grids.push(grid.clone());
        bucket.push(self.grids.len() - 1);
        self.grids.len() - 1
    }
}

/// Pooled weights per grid, in order of first vote.
#[derive(Clone, Debug, Default)]
struct Weighted {
    candidates: Vec<(usize, f64, usize)>,
    position: HashMap<usize, usize>,
}

impl Weighted {
    fn vote(&mut self, grid: usize, weight: f64) {
        match self.position.get(&grid) {
            Some(&p) => {
                self.candidates[p].1 += weight;
                self.candidates[p].2 += 1;
            }
            None => {
                self.position.insert(grid, self.candidates.len());
                self.candidates.push((grid, weight, 1));
            }
        }
    }

    fn ranked(&self) -> Vec<usize> {
        let mut c = self.candidates.clone();
        // Stable: equal score and votes keep first-vote order.
        c.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| b.2.cmp(&a.2)));
        c.into_iter().map(|(g, _, _)| g).collect()
    }
}

/// One vote per attempt among those with the best train accuracy so far.
#[derive(Clone, Debug, Default)]
struct Majority {
    best: Option<f64>,
    votes: Weighted,
}

impl Majority {
    fn vote(&mut self, grid: usize, accuracy: f64) {
        match self.best {
            Some(b) if accuracy < b => return,
            Some(b) if accuracy == b => {}
            _ => {
                self.best = Some(accuracy);
                self.votes = Weighted::default();
            }
        }
        self.votes.vote(grid, 1.0);
    }
}

/// A task's votes so far.
#[derive(Clone, Debug, Default)]
pub struct Votes {
    grids: Vec<Grids>,
    weighted: Vec<Weighted>,
    weighted_fresh: Vec<Weighted>,
    majority: Vec<Majority>,
}

impl Votes {
    /// Votes of a task with `n_test` test inputs.
    pub fn new(n_test: usize) -> Votes {
        Votes {
            grids: vec![Grids::default(); n_test],
            weighted: vec![Weighted::default(); n_test],
            weighted_fresh: vec![Weighted::default(); n_test],
            majority: vec![Majority::default(); n_test],
        }
    }

    /// Counts an attempt's predictions (in attempt order).
    pub fn add(&mut self, attempt: &Attempt) {
        let weight = attempt_weight(attempt);
        let accuracy = attempt.train_accuracy();
        for (i, grids) in self.grids.iter_mut().enumerate() {
            let Some(Some(grid)) = attempt.test_predictions.get(i) else {
                continue;
            };
            let id = grids.id(grid);
            self.weighted[i].vote(id, weight);
            if attempt.parent.is_none() {
                self.weighted_fresh[i].vote(id, weight);
            }
            self.majority[i].vote(id, accuracy);
        }
    }

    fn top2(&self, tallies: &[Weighted]) -> Vec<Vec<Grid>> {
        tallies
            .iter()
            .zip(&self.grids)
            .map(|(t, g)| {
                t.ranked()
                    .into_iter()
                    .take(2)
                    .map(|id| g.grids[id].clone())
                    .collect()
            })
            .collect()
    }

    /// Weighted-majority top 2 per test input over all attempts.
    pub fn weighted(&self) -> Vec<Vec<Grid>> {
        self.top2(&self.weighted)
    }

    /// Weighted-majority top 2 per test input over the fresh samples (no refinements).
    pub fn weighted_fresh(&self) -> Vec<Vec<Grid>> {
        self.top2(&self.weighted_fresh)
    }

    /// Train-majority top 2 per test input.
    pub fn train_majority(&self) -> Vec<Vec<Grid>> {
        let votes: Vec<Weighted> = self.majority.iter().map(|m| m.votes.clone()).collect();
        self.top2(&votes)
    }
}

/// A key for one prediction (equal predictions, equal keys; no prediction has one too).
pub fn prediction_key<G: Hash>(prediction: &Option<G>) -> u64 {
    hash_of(prediction)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::Completion;
    use crate::score::Category;
    use crate::vote;
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    fn random_attempt(rng: &mut StdRng, index: usize) -> Attempt {
        let pairs = 3;
        let train: Vec<bool> = (0..pairs).map(|_| rng.gen_bool(0.4)).collect();
        let prediction = |rng: &mut StdRng| {
            rng.gen_bool(0.8)
                .then(|| Grid(vec![vec![rng.gen_range(0..4u8), rng.gen_range(0..2u8)]]))
        };
        Attempt {
            task_id: "t".into(),
            index,
            label: None,
            completion: Completion::text(""),
            code: None,
            train_pixel_accuracy: vec![0.0; pairs],
            train_correct: train,
            train_outputs: vec![],
            test_predictions: vec![prediction(rng), prediction(rng)],
            test_correct: None,
            errors: vec![],
            category: Category::Ok,
            transduction: [0.0, 0.0, 0.3, 0.9, 1.0][rng.gen_range(0..5)],
            exec_seconds: 0.0,
            parent: rng.gen_bool(0.3).then(|| "0000000000000001".into()),
            depth: 0,
        }
    }

    #[test]
    fn running_votes_equal_votes_over_all_attempts() {
        for seed in 0..20 {
            let mut rng = StdRng::seed_from_u64(seed);
            let attempts: Vec<Attempt> = (0..rng.gen_range(0..200))
                .map(|i| random_attempt(&mut rng, i))
                .collect();
            let mut votes = Votes::new(2);
            attempts.iter().for_each(|a| votes.add(a));
            let fresh: Vec<Attempt> = attempts
                .iter()
                .filter(|a| a.parent.is_none())
                .cloned()
                .collect();
            for i in 0..2 {
                assert_eq!(
                    votes.weighted()[i],
                    vote::top2(&vote::weighted_majority(&attempts, i)),
                    "seed {seed}"
                );
                assert_eq!(
                    votes.train_majority()[i],
                    vote::top2(&vote::train_majority(&attempts, i)),
                    "seed {seed}"
                );
                assert_eq!(
                    votes.weighted_fresh()[i],
                    vote::top2(&vote::weighted_majority(&fresh, i)),
                    "seed {seed}"
                );
            }
        }
    }

    #[test]
    fn each_distinct_grid_is_kept_once() {
        let mut rng = StdRng::seed_from_u64(3);
        let mut votes = Votes::new(2);
        for i in 0..500 {
            votes.add(&random_attempt(&mut rng, i));
        }
        // 4 × 2 possible grids per test input.
        assert!(votes.grids.iter().all(|g| g.grids.len() <= 8));
        assert_eq!(
            prediction_key(&Some(Grid(vec![vec![1]]))),
            prediction_key(&Some(&Grid(vec![vec![1]])))
        );
        assert_ne!(
            prediction_key(&Some(Grid(vec![vec![1]]))),
            prediction_key::<Grid>(&None)
        );
    }
}
