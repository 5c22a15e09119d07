//! One task's search state and the plan of its next unit of work: how many fresh samples, and
//! which parents get how many children.
//!
//! The plan depends only on the task's attempts so far (in attempt order), the settings and a
//! random stream seeded by the unit's first attempt index, so a run rebuilt from the store plans
//! exactly what the uninterrupted run did.

use super::parent::{choose, Arm};
use super::{Pool, Schedule, SearchSettings};
use crate::score::Attempt;
use rand::rngs::StdRng;
use rand::SeedableRng;

/// One parent's share of a unit: a single request for `n` children.
#[derive(Clone, Debug, PartialEq)]
pub struct Pick {
    /// The parent's source hash.
    pub parent: u64,
    /// Children asked for.
    pub n: usize,
    /// Children the parent had before this request (which recorded children a replay hands over).
    pub children_before: usize,
    /// The children's depth (the parent's + 1).
    pub depth: usize,
    /// Train pairs the parent got right (what a child has to beat).
    pub parent_right: usize,
}

/// What one unit of a task asks for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnitPlan {
    /// Fresh samples.
    pub fresh: usize,
    /// Refinement requests, in the order their children are numbered.
    pub picks: Vec<Pick>,
}

impl UnitPlan {
    /// Attempts the unit makes.
    pub fn total(&self) -> usize {
        self.fresh + self.picks.iter().map(|p| p.n).sum::<usize>()
    }
}

/// How many more completions a backend holds for a task's fresh samples (`parent` `None`) or for
/// a parent's children, counting from `from`; `None`: no limit.
pub type Availability<'a> = dyn FnMut(Option<u64>, usize) -> Option<usize> + 'a;

/// A task's search state: its pool and how many of each kind of attempt it has.
#[derive(Clone, Debug, Default)]
pub struct TaskSearch {
    /// The task's programs.
    pub pool: Pool,
    /// Fresh samples made.
    pub fresh: usize,
    /// Refinements made.
    pub refined: usize,
}

/// The random stream of a unit: from the run's seed, the task and the unit's first attempt.
pub fn unit_rng(seed: u64, task_id: &str, first_attempt: usize) -> StdRng {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in task_id
        .bytes()
        .chain(seed.to_le_bytes())
        .chain((first_attempt as u64).to_le_bytes())
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    StdRng::seed_from_u64(h)
}

impl TaskSearch {
    /// Counts one scored attempt (in attempt order).
    pub fn add(&mut self, attempt: &Attempt) {
        self.pool.add(attempt);
        if attempt.parent.is_some() {
            self.refined += 1;
        } else {
            self.fresh += 1;
        }
    }

    /// Attempts made.
    pub fn attempts(&self) -> usize {
        self.fresh + self.refined
    }

    /// Plans a unit of `n` attempts: the schedule's split, parents drawn one request at a time
    /// (each draw sees the children already planned), refinements without an eligible parent
    /// spent on fresh samples, and everything cut to what the backend holds.
    pub fn plan(
        &self,
        n: usize,
        schedule: &Schedule,
        settings: &SearchSettings,
        rng: &mut StdRng,
        available: &mut Availability<'_>,
    ) -> UnitPlan {
        let (mut fresh, refine) = schedule.split(n, self.fresh, self.refined);
        let entries = self.pool.entries();
        let eligible: Vec<usize> = (0..entries.len())
            .filter(|&i| entries[i].eligible(settings.refine_correct))
            .collect();
        // Children planned in this unit, per eligible position.
        let mut planned = vec![0usize; eligible.len()];
        let mut picks: Vec<Pick> = Vec::new();
        for want in schedule.requests(refine) {
            let mut room = Vec::new();
            let mut arms = Vec::new();
            for (slot, &i) in eligible.iter().enumerate() {
                let e = &entries[i];
                let left =
                    available(Some(e.hash), e.children + planned[slot]).unwrap_or(usize::MAX);
                if left > 0 {
                    room.push((slot, left));
                    arms.push(Arm {
                        q: e.q,
                        refined: e.children + planned[slot],
                    });
                }
            }
            let Some(chosen) = choose(settings.parent_selection, &arms, settings.rex_c, rng) else {
                fresh += want;
                continue;
            };
            let (slot, left) = room[chosen];
            let take = want.min(left);
            fresh += want - take;
            let e = &entries[eligible[slot]];
            match picks.iter_mut().find(|p| p.parent == e.hash) {
                Some(p) => p.n += take,
                None => picks.push(Pick {
                    parent: e.hash,
                    n: take,
                    children_before: e.children,
                    depth: e.depth + 1,
                    parent_right: e.right(),
                }),
            }
            planned[slot] += take;
        }
        if let Some(left) = available(None, self.fresh) {
            fresh = fresh.min(left);
        }
        UnitPlan { fresh, picks }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::pool::tests::attempt;
    use crate::search::ParentSelection;
    use rand::Rng;

    fn settings(selection: ParentSelection) -> SearchSettings {
        SearchSettings {
            refine_fraction: 0.5,
            children_per_parent: 2,
            parent_selection: selection,
            ..SearchSettings::default()
        }
    }

    fn unlimited(_: Option<u64>, _: usize) -> Option<usize> {
        None
    }

    #[test]
    fn first_unit_samples_then_the_best_parent_gets_the_children() {
        let s = settings(ParentSelection::Best);
        let schedule = Schedule::new(8, &s);
        let mut search = TaskSearch::default();
        let mut rng = unit_rng(0, "t", 0);
        let first = search.plan(4, &schedule, &s, &mut rng, &mut unlimited);
        assert_eq!(
            first,
            UnitPlan {
                fresh: 4,
                picks: vec![]
            }
        );
        search.add(&attempt(
            0,
            "def transform(g):\n    return 1",
            &[false, false],
            true,
        ));
        search.add(&attempt(
            1,
            "def transform(g):\n    return 2",
            &[true, false],
            true,
        ));
        search.add(&attempt(
            2,
            "def transform(g):\n    return 3",
            &[true, true],
            true,
        ));
        search.add(&attempt(
            3,
            "def transform(g):\n    return 4",
            &[true, false],
            false,
        ));
        let plan = search.plan(4, &schedule, &s, &mut rng, &mut unlimited);
        // Two requests of two; "best" picks the half-right complete program both times (the
        // train-perfect one needs --refine-correct, the incomplete one is never a parent).
        assert_eq!(plan.fresh, 0);
        assert_eq!(plan.picks.len(), 1);
        let p = &plan.picks[0];
        assert_eq!(
            (p.n, p.children_before, p.depth, p.parent_right),
            (4, 0, 1, 1)
        );
        assert_eq!(
            Some(p.parent),
            crate::search::pool::parse_hash(&crate::program::source_hash(
                "def transform(g):\n    return 2"
            ))
        );
    }

    #[test]
    fn no_eligible_parent_means_fresh_samples_and_availability_cuts() {
        let s = settings(ParentSelection::Rex);
        let schedule = Schedule::new(8, &s);
        let mut search = TaskSearch::default();
        search.add(&attempt(
            0,
            "def transform(g):\n    return 1",
            &[false, true],
            false,
        ));
        let mut rng = unit_rng(0, "t", 1);
        let plan = search.plan(4, &schedule, &s, &mut rng, &mut unlimited);
        assert_eq!(
            plan,
            UnitPlan {
                fresh: 4,
                picks: vec![]
            }
        );
        // A backend holding one child of the parent and two fresh samples.
        search.add(&attempt(
            1,
            "def transform(g):\n    return 2",
            &[false, true],
            true,
        ));
        let mut holds = |parent: Option<u64>, from: usize| match parent {
            Some(_) => Some(1usize.saturating_sub(from)),
            None => Some(2usize.saturating_sub(from - 2)),
        };
        let plan = search.plan(4, &schedule, &s, &mut rng, &mut holds);
        assert_eq!(plan.picks.len(), 1);
        assert_eq!(plan.picks[0].n, 1);
        assert_eq!(plan.fresh, 2, "three left over, two held");
    }

    #[test]
    fn the_plan_is_a_function_of_the_attempts_and_the_unit() {
        let s = settings(ParentSelection::Rex);
        let schedule = Schedule::new(40, &s);
        let mut search = TaskSearch::default();
        for i in 0..6 {
            let right = [i % 2 == 0, i % 3 == 0];
            search.add(&attempt(
                i,
                &format!("def transform(g):\n    return {i}"),
                &right,
                true,
            ));
        }
        let a = search.plan(8, &schedule, &s, &mut unit_rng(5, "t", 6), &mut unlimited);
        let b = search.plan(8, &schedule, &s, &mut unit_rng(5, "t", 6), &mut unlimited);
        assert_eq!(a, b);
        assert_eq!(a.total(), 8);
        assert_ne!(
            unit_rng(5, "t", 6).gen::<u64>(),
            unit_rng(5, "t", 7).gen::<u64>()
        );
    }
}
