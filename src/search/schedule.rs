//! How a task's attempts divide between fresh samples and refinements, and in what units.
//!
//! A task's first unit is its sampling pass (the sample share, `attempts − refinements`). The
//! refinement share (`--refine-fraction` of the attempts) then goes out in rounds of about a
//! [`REFINE_ROUNDS`]th of it, so that each round's parents come from the pool as the rounds before
//! left it. Under a time budget units are smaller than planned here; each unit is split so that
//! refinements stay the given share of everything the task has had.

use super::SearchSettings;

/// Rounds the refinement share is handed out in.
pub const REFINE_ROUNDS: usize = 4;

/// One task's division of `--attempts`.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    attempts: usize,
    fraction: f64,
    refine_target: usize,
    children_per_parent: usize,
    round: usize,
}

impl Schedule {
    /// The schedule of `attempts` per task.
    pub fn new(attempts: usize, settings: &SearchSettings) -> Schedule {
        let attempts = attempts.max(1);
        let k = settings.children_per_parent.max(1);
        let fraction = settings.refine_fraction.clamp(0.0, 1.0);
        // At least one fresh sample: refinements need something to refine.
        let refine_target = ((fraction * attempts as f64).round() as usize).min(attempts - 1);
        let round = refine_target
            .div_ceil(REFINE_ROUNDS)
            .max(k)
            .next_multiple_of(k);
        Schedule {
            attempts,
            fraction,
            refine_target,
            children_per_parent: k,
            round,
        }
    }

    /// Attempts that refine.
    pub fn refine_target(&self) -> usize {
        self.refine_target
    }

    /// The size of a task's first unit: its sampling pass.
    pub fn first_pass(&self) -> usize {
        self.attempts - self.refine_target
    }

    /// The most attempts in a later unit (`None`: no refinements, no later units).
    pub fn round(&self) -> Option<usize> {
        (self.refine_target > 0).then_some(self.round)
    }

    /// Splits a unit of `n` attempts of a task that has `fresh` fresh samples and `refined`
    /// refinements into (fresh, refinements): a task's first unit samples only; later ones keep
    /// refinements at their share of all the task's attempts.
    pub fn split(&self, n: usize, fresh: usize, refined: usize) -> (usize, usize) {
        if fresh + refined == 0 || self.refine_target == 0 {
            return (n, 0);
        }
        let after = fresh + refined + n;
        let wanted = ((self.fraction * after as f64).round() as usize).min(self.refine_target);
        let r = wanted.saturating_sub(refined).min(n);
        (n - r, r)
    }

    /// Children per parent request for `refinements` refinements: `--children-per-parent` each,
    /// the last one the rest.
    pub fn requests(&self, refinements: usize) -> Vec<usize> {
        let k = self.children_per_parent;
        (0..refinements.div_ceil(k))
            .map(|i| k.min(refinements - i * k))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(attempts: usize, fraction: f64, k: usize) -> Schedule {
        Schedule::new(
            attempts,
            &SearchSettings {
                refine_fraction: fraction,
                children_per_parent: k,
                ..SearchSettings::default()
            },
        )
    }

    /// The units of an unbudgeted task: first pass, then rounds until the attempts are spent.
    fn units(s: &Schedule) -> Vec<(usize, usize)> {
        let (mut fresh, mut refined) = (0, 0);
        let mut out = Vec::new();
        let mut n = s.first_pass();
        while fresh + refined < s.attempts {
            let (f, r) = s.split(n, fresh, refined);
            out.push((f, r));
            fresh += f;
            refined += r;
            n = s.round().unwrap_or(0).min(s.attempts - fresh - refined);
        }
        out
    }

    #[test]
    fn half_of_sixteen_in_rounds_of_four() {
        let s = schedule(16, 0.5, 4);
        assert_eq!(
            (s.first_pass(), s.refine_target(), s.round()),
            (8, 8, Some(4))
        );
        assert_eq!(units(&s), [(8, 0), (0, 4), (0, 4)]);
    }

    #[test]
    fn kaggle_sized_search_refines_in_four_rounds() {
        let s = schedule(2000, 0.5, 4);
        assert_eq!(s.round(), Some(252));
        let u = units(&s);
        assert_eq!(u[0], (1000, 0));
        assert_eq!(u.iter().map(|x| x.1).sum::<usize>(), 1000);
        assert!(u[1..].iter().all(|&(f, _)| f == 0), "{u:?}");
        assert_eq!(u.len(), 5);
    }

    #[test]
    fn small_fractions_and_edges() {
        // A tenth of 100: rounds of one parent's worth.
        let s = schedule(100, 0.1, 4);
        assert_eq!(units(&s), [(90, 0), (0, 4), (0, 4), (0, 2)]);
        // No refinement: one unit of everything.
        let s = schedule(10, 0.0, 4);
        assert_eq!((s.first_pass(), s.round()), (10, None));
        assert_eq!(units(&s), [(10, 0)]);
        // One attempt cannot refine; a near-1 fraction still leaves one sample.
        assert_eq!(schedule(1, 0.9, 4).round(), None);
        assert_eq!(schedule(8, 0.99, 4).first_pass(), 1);
    }

    #[test]
    fn budgeted_units_keep_the_share() {
        // A probe of 2, then units of 3: refinements catch up to half of everything.
        let s = schedule(8, 0.5, 4);
        assert_eq!(s.split(2, 0, 0), (2, 0));
        assert_eq!(s.split(3, 2, 0), (0, 3));
        assert_eq!(s.split(3, 2, 3), (2, 1));
        // The refinement share is never exceeded.
        assert_eq!(s.split(4, 4, 4), (4, 0));
    }

    #[test]
    fn requests_of_k_children() {
        let s = schedule(16, 0.5, 4);
        assert_eq!(s.requests(10), [4, 4, 2]);
        assert_eq!(s.requests(0), Vec::<usize>::new());
    }
}
