//! Tasks solved against attempts per task: for each task, pass@2 (the weighted vote over its
//! first k attempts), oracle (some of the first k right) and train-perfect (some of the first k
//! right on every train pair), at k = 1, 2, 4, … and at the task's last attempt.

use crate::score::Attempt;
use crate::tally::Votes;
use crate::task::Grid;

/// One task's values at the checkpoints it reached.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TaskCurve {
    /// (k, pass@2, oracle, train-perfect) at k = 1, 2, 4, … < n and at k = n (n attempts).
    pub points: Vec<(usize, f64, f64, bool)>,
    /// Whether the test outputs are known (pass@2 and oracle mean something).
    pub scored: bool,
}

impl TaskCurve {
    /// The values at `k` attempts (the last ones when the task has fewer).
    pub fn at(&self, k: usize) -> (f64, f64, bool) {
        self.points
            .iter()
            .rev()
            .find(|p| p.0 <= k)
            .map_or((0.0, 0.0, false), |p| (p.1, p.2, p.3))
    }

    /// Attempts the task has.
    pub fn attempts(&self) -> usize {
        self.points.last().map_or(0, |p| p.0)
    }
}

/// The curve of one task from its attempts in order, against `solutions` when known.
pub fn task_curve(attempts: &[Attempt], solutions: Option<&[Grid]>) -> TaskCurve {
    let n = attempts.len();
    let n_test = solutions.map_or(0, <[Grid]>::len);
    // The run's own incremental vote (pooled like `vote::weighted_majority`), not recomputed per
    // prefix.
    let mut votes = Votes::new(n_test);
    let mut oracle_hit = vec![false; n_test];
    let mut train_perfect = false;
    let mut points = Vec::new();
    let mut next_checkpoint = 1;
    for (k, a) in attempts.iter().enumerate() {
        train_perfect |= a.all_train_correct();
        if let Some(sols) = solutions {
            votes.add(a);
            for (i, sol) in sols.iter().enumerate() {
                if let Some(Some(grid)) = a.test_predictions.get(i) {
                    oracle_hit[i] |= grid == sol;
                }
            }
        }
        let done = k + 1;
        if done == next_checkpoint || done == n {
            let (pass2, oracle) = match solutions {
                Some(sols) if !sols.is_empty() => {
                    let right = sols
                        .iter()
                        .zip(votes.weighted())
                        .filter(|(s, top2)| top2.contains(s))
                        .count();
                    let hit = oracle_hit.iter().filter(|h| **h).count();
                    (
                        right as f64 / sols.len() as f64,
                        hit as f64 / sols.len() as f64,
                    )
                }
                _ => (0.0, 0.0),
            };
            points.push((done, pass2, oracle, train_perfect));
            while next_checkpoint <= done {
                next_checkpoint *= 2;
            }
        }
    }
    TaskCurve {
        points,
        scored: solutions.is_some(),
    }
}

/// The sums over tasks at each checkpoint.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunCurve {
    /// Attempts per task.
    pub k: Vec<usize>,
    /// Tasks solved (pass@2 scores summed).
    pub pass2: Vec<f64>,
    /// Tasks some attempt solved (oracle summed).
    pub oracle: Vec<f64>,
    /// Tasks with a train-perfect attempt.
    pub train_perfect: Vec<usize>,
    /// Tasks whose test outputs are known.
    pub scored_tasks: usize,
    /// Tasks.
    pub tasks: usize,
}

/// Adds up task curves at k = 1, 2, 4, … and the largest attempt count.
pub fn run_curve(tasks: &[TaskCurve]) -> RunCurve {
    let max = tasks.iter().map(TaskCurve::attempts).max().unwrap_or(0);
    let mut ks = Vec::new();
    let mut k = 1;
    while k < max {
        ks.push(k);
        k *= 2;
    }
    if max > 0 {
        ks.push(max);
    }
    let mut curve = RunCurve {
        scored_tasks: tasks.iter().filter(|t| t.scored).count(),
        tasks: tasks.len(),
        ..RunCurve::default()
    };
    for &k in &ks {
        let (mut p, mut o, mut t) = (0.0, 0.0, 0);
        for task in tasks {
            let (pass2, oracle, tp) = task.at(k);
            p += pass2;
            o += oracle;
            t += usize::from(tp);
        }
        curve.k.push(k);
        curve.pass2.push(p);
        curve.oracle.push(o);
        curve.train_perfect.push(t);
    }
    curve
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::Completion;
    use crate::score::Category;
    use crate::vote;

    fn attempt(pred: u8, train_right: bool, transduction: f64) -> Attempt {
        Attempt {
            task_id: "t".into(),
            index: 0,
            label: None,
            completion: Completion::text(""),
            code: Some("x".into()),
            train_correct: vec![train_right],
            train_pixel_accuracy: vec![],
            train_outputs: vec![],
            test_predictions: vec![Some(Grid(vec![vec![pred]]))],
            test_correct: None,
            errors: vec![],
            category: Category::Ok,
            transduction,
            exec_seconds: 0.0,
            parent: None,
            depth: 0,
        }
    }

    #[test]
    fn the_curve_vote_agrees_with_the_vote_module_at_every_prefix() {
        // A mix of weights, ties and late winners.
        let attempts: Vec<Attempt> = [
            (1, false, 0.0),
            (2, false, 0.0),
            (3, false, 0.0),
            (2, false, 0.0),
            (4, true, 0.9),
            (5, true, 0.0),
            (3, false, 0.0),
            (1, false, 0.0),
            (4, true, 0.0),
        ]
        .iter()
        .map(|&(p, r, t)| attempt(p, r, t))
        .collect();
        for n in 1..=attempts.len() {
            let prefix = &attempts[..n];
            let expected: Vec<Grid> = vote::top2(&vote::weighted_majority(prefix, 0));
            let mut running = Votes::new(1);
            for a in prefix {
                running.add(a);
            }
            let got: Vec<Grid> = running.weighted().remove(0);
            assert_eq!(got, expected, "prefix {n}");
        }
    }

    #[test]
    fn curves_rise_with_attempts_and_hold_after_the_last() {
        let sol = [Grid(vec![vec![5]])];
        // Right answer first predicted at attempt 6, train-perfect from attempt 6.
        let attempts: Vec<Attempt> = [1, 2, 3, 1, 2, 5, 5]
            .iter()
            .enumerate()
            .map(|(i, &p)| attempt(p, i >= 5, 0.0))
            .collect();
        let c = task_curve(&attempts, Some(&sol));
        assert_eq!(
            c.points.iter().map(|p| p.0).collect::<Vec<_>>(),
            vec![1, 2, 4, 7]
        );
        assert_eq!(c.at(4), (0.0, 0.0, false));
        assert_eq!(c.at(7), (1.0, 1.0, true));
        assert_eq!(c.at(100), (1.0, 1.0, true));
        let other = task_curve(&attempts[..3], Some(&sol));
        let run = run_curve(&[c, other]);
        assert_eq!(run.k, vec![1, 2, 4, 7]);
        assert_eq!(run.pass2, vec![0.0, 0.0, 0.0, 1.0]);
        assert_eq!(run.train_perfect, vec![0, 0, 0, 1]);
        assert_eq!(run.scored_tasks, 2);
    }
}
