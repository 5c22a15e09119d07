//! Which attempts of a task become training examples, per kind, and the per-task filters.
//!
//! Everything here works on one task's attempts (pooled over the chosen runs) and is pure: the
//! callers stream tasks from the store and write what comes back.

use super::source::StoredAttempt;
use crate::score::{transduction_confidence, Category};
use crate::task::{Grid, Task, TrainPair};
use std::collections::{BTreeMap, HashSet};

/// How the at most `--max-per-task` examples of a task are picked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Filter {
    /// Best first: programs right on the task, then by train accuracy, then shorter.
    Greedy,
    /// Half from programs right on the task, half from wrong ones (best first within each half);
    /// a half that runs short is filled from the other.
    Balanced,
}

/// Limits shared by every kind.
#[derive(Clone, Copy, Debug)]
pub struct SelectOptions {
    /// Filter rule.
    pub filter: Filter,
    /// Most examples per task.
    pub max_per_task: usize,
    /// Programs with a transduction confidence at or above this count as hard-coded.
    pub max_transduction: f64,
}

/// Why attempts were left out, with counts (reported in `dataset_info.json`).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Skips(pub BTreeMap<&'static str, u64>);

impl Skips {
    /// Counts one attempt left out for `reason`.
    pub fn add(&mut self, reason: &'static str) {
        *self.0.entry(reason).or_insert(0) += 1;
    }

    /// Total left out.
    pub fn total(&self) -> u64 {
        self.0.values().sum()
    }
}

/// Reasons, as they appear in `dataset_info.json`.
pub mod reason {
    /// Same normalised source as an example already taken.
    pub const DUPLICATE: &str = "duplicate source";
    /// A hindsight task with the same outputs as one already taken.
    pub const SAME_OUTPUTS: &str = "same outputs as another program";
    /// Transduction confidence at or above the limit.
    pub const HARD_CODED: &str = "hard-coded";
    /// Right on train, wrong on a known test output.
    pub const WRONG_ON_TEST: &str = "right on train, wrong on test";
    /// Rows written before train outputs were stored.
    pub const NO_TRAIN_OUTPUTS: &str = "no recorded train outputs (older store)";
    /// Raised or returned no grid on some input.
    pub const FAILED_INPUT: &str = "failed on some input";
    /// Returned its input unchanged everywhere.
    pub const IDENTITY: &str = "identity";
    /// Returned the same grid for every input.
    pub const CONSTANT: &str = "constant output";
    /// Returned its input unchanged on some train input.
    pub const OUTPUT_IS_INPUT: &str = "an output equals its input";
    /// Its parent is not among the chosen runs' attempts.
    pub const PARENT_MISSING: &str = "parent not in the chosen runs";
    /// Its parent's outputs were not stored.
    pub const PARENT_NO_OUTPUTS: &str = "parent has no recorded outputs";
    /// Not more train pairs right than its parent.
    pub const NOT_BETTER: &str = "no better than its parent";
    /// Beyond `--max-per-task`.
    pub const OVER_LIMIT: &str = "over --max-per-task";
}

/// One picked example: the attempt (index into the task's attempts) and what it is trained on.
#[derive(Clone, Debug, PartialEq)]
pub struct Picked {
    /// The program's attempt.
    pub attempt: usize,
    /// For refinement pairs: the parent's attempt.
    pub parent: Option<usize>,
    /// The task the program is a solution of (the relabelled one for hindsight).
    pub task: Task,
    /// Whether the program is right on the original task (all train pairs, known test outputs).
    pub right: bool,
    /// Whether `task` is a hindsight relabelling (differs from the original).
    pub relabelled: bool,
}

struct Candidate {
    picked: Picked,
    score: f64,
    length: usize,
}

/// Whether the predictions match the task's known test outputs: from the task's solutions when
/// loaded, else from what the run recorded; `None` when unknown.
fn test_verdict(task: &Task, a: &StoredAttempt) -> Option<bool> {
    match &task.solutions {
        Some(sols) => Some(
            sols.len() == a.predictions.len()
                && sols
                    .iter()
                    .zip(&a.predictions)
                    .all(|(s, p)| p.as_ref() == Some(s)),
        ),
        None => a.test_correct.as_ref().map(|c| c.iter().all(|x| *x)),
    }
}

fn ran_everywhere(a: &StoredAttempt) -> bool {
    a.category == Category::Ok && a.predictions.iter().all(Option::is_some)
}

/// Right on the original task: every train pair, every known test output, no failure.
pub fn is_right(task: &Task, a: &StoredAttempt) -> bool {
    a.code.is_some()
        && a.all_train_correct()
        && ran_everywhere(a)
        && test_verdict(task, a) != Some(false)
}

/// `--kind solutions`: programs right on every train pair and on the known test outputs, not
/// hard-coded, one per normalised source.
pub fn solutions(
    task: &Task,
    attempts: &[StoredAttempt],
    opts: &SelectOptions,
    skips: &mut Skips,
) -> Vec<Picked> {
    let mut seen = HashSet::new();
    let mut candidates = Vec::new();
    for (i, a) in attempts.iter().enumerate() {
        let Some(code) = &a.code else { continue };
        if !a.all_train_correct() || !ran_everywhere(a) {
            continue;
        }
        if test_verdict(task, a) == Some(false) {
            skips.add(reason::WRONG_ON_TEST);
            continue;
        }
        if a.transduction >= opts.max_transduction {
            skips.add(reason::HARD_CODED);
            continue;
        }
        if !seen.insert(a.source_hash.clone()) {
            skips.add(reason::DUPLICATE);
            continue;
        }
        candidates.push(Candidate {
            picked: Picked {
                attempt: i,
                parent: None,
                task: task.clone(),
                right: true,
                relabelled: false,
            },
            score: 1.0,
            length: code.len(),
        });
    }
    pick(candidates, opts, skips)
}

/// The task a program that ran on every input defines: the original inputs with its outputs
/// (test outputs as the solutions). `None` when some output is missing.
pub fn relabelled_task(task: &Task, a: &StoredAttempt) -> Option<Task> {
    let outputs = a.train_outputs.as_ref()?;
    if outputs.len() != task.train.len() || a.predictions.len() != task.test.len() {
        return None;
    }
    let train = task
        .train
        .iter()
        .zip(outputs)
        .map(|(p, o)| {
            o.clone().map(|output| TrainPair {
                input: p.input.clone(),
                output,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let solutions = a.predictions.iter().cloned().collect::<Option<Vec<_>>>()?;
    Some(Task {
        id: task.id.clone(),
        train,
        test: task.test.clone(),
        solutions: Some(solutions),
    })
}

/// Why a relabelled task teaches nothing, if it does not.
fn trivial(task: &Task) -> Option<&'static str> {
    let pairs: Vec<(&Grid, &Grid)> = task
        .train
        .iter()
        .map(|p| (&p.input, &p.output))
        .chain(task.test.iter().zip(task.solutions.iter().flatten()))
        .collect();
    if pairs.iter().all(|(i, o)| i == o) {
        return Some(reason::IDENTITY);
    }
    let inputs_differ = pairs.windows(2).any(|w| w[0].0 != w[1].0);
    if pairs.len() >= 2 && inputs_differ && pairs.windows(2).all(|w| w[0].1 == w[1].1) {
        return Some(reason::CONSTANT);
    }
    if task.train.iter().any(|p| p.input == p.output) {
        return Some(reason::OUTPUT_IS_INPUT);
    }
    None
}

/// `--kind hindsight` (and the relabelled half of `--kind grids`): SOAR's hindsight relabelling.
/// Every program that ran on every input is a right solution of the task its own outputs define;
/// trivial and hard-coded ones are left out, as are repeats (by source, and for wrong programs by
/// outputs: two programs with the same outputs define the same task).
pub fn hindsight(
    task: &Task,
    attempts: &[StoredAttempt],
    opts: &SelectOptions,
    skips: &mut Skips,
) -> Vec<Picked> {
    let mut seen = HashSet::new();
    let mut seen_outputs: HashSet<(Vec<Grid>, Vec<Grid>)> = HashSet::new();
    let mut candidates = Vec::new();
    for (i, a) in attempts.iter().enumerate() {
        let Some(code) = &a.code else { continue };
        if a.category != Category::Ok {
            continue;
        }
        if a.train_outputs.is_none() {
            skips.add(reason::NO_TRAIN_OUTPUTS);
            continue;
        }
        // Copies are the common case: drop them before building anything.
        if seen.contains(&a.source_hash) {
            skips.add(reason::DUPLICATE);
            continue;
        }
        let Some(relabelled) = relabelled_task(task, a) else {
            skips.add(reason::FAILED_INPUT);
            continue;
        };
        seen.insert(a.source_hash.clone());
        if let Some(why) = trivial(&relabelled) {
            skips.add(why);
            continue;
        }
        let outputs: Vec<Result<Grid, crate::exec::ExecError>> = relabelled
            .train
            .iter()
            .map(|p| Ok(p.output.clone()))
            .chain(relabelled.solutions.iter().flatten().cloned().map(Ok))
            .collect();
        if a.transduction >= opts.max_transduction
            || transduction_confidence(&relabelled, code, &outputs) >= opts.max_transduction
        {
            skips.add(reason::HARD_CODED);
            continue;
        }
        let right = is_right(task, a);
        if !right {
            let key = (
                relabelled.train.iter().map(|p| p.output.clone()).collect(),
                relabelled.solutions.clone().unwrap_or_default(),
            );
            if !seen_outputs.insert(key) {
                skips.add(reason::SAME_OUTPUTS);
                continue;
            }
        }
        candidates.push(Candidate {
            picked: Picked {
                attempt: i,
                parent: None,
                task: relabelled,
                right,
                relabelled: !right,
            },
            score: a.train_accuracy(),
            length: code.len(),
        });
    }
    pick(candidates, opts, skips)
}

/// `--kind refine`: (parent → child) pairs from the lineage columns where the child got more train
/// pairs right than its parent. The parent is the first attempt with the parent's source hash that
/// has recorded outputs (its feedback is what the refinement prompt shows).
pub fn refinements(
    task: &Task,
    attempts: &[StoredAttempt],
    opts: &SelectOptions,
    skips: &mut Skips,
) -> Vec<Picked> {
    let mut by_hash: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, a) in attempts.iter().enumerate() {
        let (Some(hash), Some(_)) = (&a.source_hash, &a.code) else {
            continue;
        };
        match by_hash.get(hash.as_str()) {
            Some(&j) if attempts[j].train_outputs.is_some() || a.train_outputs.is_none() => {}
            _ => {
                by_hash.insert(hash, i);
            }
        }
    }
    let mut seen = HashSet::new();
    let mut candidates = Vec::new();
    for (i, child) in attempts.iter().enumerate() {
        let (Some(parent_hash), Some(code)) = (&child.parent_hash, &child.code) else {
            continue;
        };
        let Some(&p) = by_hash.get(parent_hash.as_str()) else {
            skips.add(reason::PARENT_MISSING);
            continue;
        };
        let parent = &attempts[p];
        if parent.train_outputs.is_none() {
            skips.add(reason::PARENT_NO_OUTPUTS);
            continue;
        }
        if child.train_right() <= parent.train_right() {
            skips.add(reason::NOT_BETTER);
            continue;
        }
        if child.transduction >= opts.max_transduction {
            skips.add(reason::HARD_CODED);
            continue;
        }
        if !seen.insert((parent_hash.clone(), child.source_hash.clone())) {
            skips.add(reason::DUPLICATE);
            continue;
        }
        candidates.push(Candidate {
            picked: Picked {
                attempt: i,
                parent: Some(p),
                task: task.clone(),
                right: is_right(task, child),
                relabelled: false,
            },
            score: child.train_accuracy() - parent.train_accuracy(),
            length: code.len(),
        });
    }
    pick(candidates, opts, skips)
}

/// Best first: higher score, then shorter program, then earlier attempt.
fn rank(candidates: &mut [Candidate]) {
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.length.cmp(&b.length))
            .then(a.picked.attempt.cmp(&b.picked.attempt))
    });
}

/// Applies the filter and the per-task limit.
fn pick(candidates: Vec<Candidate>, opts: &SelectOptions, skips: &mut Skips) -> Vec<Picked> {
    let limit = opts.max_per_task;
    let total = candidates.len();
    let (mut right, mut wrong): (Vec<Candidate>, Vec<Candidate>) =
        candidates.into_iter().partition(|c| c.picked.right);
    rank(&mut right);
    rank(&mut wrong);
    let chosen: Vec<Candidate> = match opts.filter {
        Filter::Greedy => right.into_iter().chain(wrong).take(limit).collect(),
        Filter::Balanced => {
            let half = limit.div_ceil(2);
            let n_right = right.len().min(half.max(limit.saturating_sub(wrong.len())));
            let n_wrong = wrong.len().min(limit - n_right);
            right
                .into_iter()
                .take(n_right)
                .chain(wrong.into_iter().take(n_wrong))
                .collect()
        }
    };
    for _ in chosen.len()..total {
        skips.add(reason::OVER_LIMIT);
    }
    chosen.into_iter().map(|c| c.picked).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(rows: &[&[u8]]) -> Grid {
        Grid(rows.iter().map(|r| r.to_vec()).collect())
    }

    /// Flip each row: train [1 0]→[0 1], [2 0]→[0 2]; test [3 0]→[0 3].
    fn task() -> Task {
        Task {
            id: "t".into(),
            train: vec![
                TrainPair {
                    input: g(&[&[1, 0]]),
                    output: g(&[&[0, 1]]),
                },
                TrainPair {
                    input: g(&[&[2, 0]]),
                    output: g(&[&[0, 2]]),
                },
            ],
            test: vec![g(&[&[3, 0]])],
            solutions: Some(vec![g(&[&[0, 3]])]),
        }
    }

    /// An attempt with these train outputs and test prediction.
    fn attempt(code: &str, train: [Grid; 2], test: Grid) -> StoredAttempt {
        let t = task();
        StoredAttempt {
            run: 0,
            task_id: "t".into(),
            index: 0,
            code: Some(code.into()),
            category: Category::Ok,
            train_correct: t
                .train
                .iter()
                .zip(&train)
                .map(|(p, o)| &p.output == o)
                .collect(),
            test_correct: Some(vec![t.solutions.as_ref().unwrap()[0] == test]),
            predictions: vec![Some(test)],
            train_outputs: Some(train.into_iter().map(Some).collect()),
            transduction: 0.0,
            source_hash: Some(crate::program::source_hash(code)),
            parent_hash: None,
            depth: 0,
        }
    }

    fn right(code: &str) -> StoredAttempt {
        attempt(code, [g(&[&[0, 1]]), g(&[&[0, 2]])], g(&[&[0, 3]]))
    }

    /// Wrong on the task but a fine hindsight task: colour 9 appended on the right.
    fn wrong(code: &str, fill: u8) -> StoredAttempt {
        attempt(code, [g(&[&[1, fill]]), g(&[&[2, fill]])], g(&[&[3, fill]]))
    }

    fn opts(filter: Filter, max: usize) -> SelectOptions {
        SelectOptions {
            filter,
            max_per_task: max,
            max_transduction: 0.5,
        }
    }

    #[test]
    fn solutions_are_right_deduplicated_and_not_hard_coded() {
        let t = task();
        let mut hard = right(
            "def transform(g):\n    return [[0, 1]] if g[0][0] == 1 else [r[::-1] for r in g]",
        );
        hard.transduction = 1.0;
        let mut wrong_test =
            right("def transform(g):\n    return [r[::-1] for r in g]  # v2\n    pass");
        wrong_test.predictions = vec![Some(g(&[&[9, 9]]))];
        let attempts = vec![
            right("def transform(g):\n    return [r[::-1] for r in g]"),
            // Same program, other comments: a duplicate.
            right("# flip\ndef transform(g):\n    return [r[::-1] for r in g]  # rows\n"),
            right("def transform(grid):\n    return [list(reversed(r)) for r in grid]"),
            hard,
            wrong_test,
            wrong("def transform(g):\n    return [[r[0], 9] for r in g]", 9),
        ];
        let mut skips = Skips::default();
        let picked = solutions(&t, &attempts, &opts(Filter::Greedy, 10), &mut skips);
        assert_eq!(
            picked.iter().map(|p| p.attempt).collect::<Vec<_>>(),
            vec![0, 2]
        );
        assert!(picked.iter().all(|p| p.right && !p.relabelled));
        assert_eq!(skips.0[reason::DUPLICATE], 1);
        assert_eq!(skips.0[reason::HARD_CODED], 1);
        assert_eq!(skips.0[reason::WRONG_ON_TEST], 1);
        // The limit keeps the shorter program first.
        let mut skips = Skips::default();
        let one = solutions(&t, &attempts, &opts(Filter::Greedy, 1), &mut skips);
        assert_eq!(one[0].attempt, 0);
        assert_eq!(skips.0[reason::OVER_LIMIT], 1);
    }

    #[test]
    fn hindsight_relabels_wrong_programs_and_skips_trivial_ones() {
        let t = task();
        let mut constant = attempt(
            "def transform(g):\n    return [[5, 5]]",
            [g(&[&[5, 5]]), g(&[&[5, 5]])],
            g(&[&[5, 5]]),
        );
        constant.transduction = 0.9;
        let identity = attempt(
            "def transform(g):\n    return g",
            [g(&[&[1, 0]]), g(&[&[2, 0]])],
            g(&[&[3, 0]]),
        );
        let half_identity = attempt(
            "def transform(g):\n    return g if g[0][0] == 1 else [[9, 9]]",
            [g(&[&[1, 0]]), g(&[&[9, 9]])],
            g(&[&[9, 9]]),
        );
        let mut old_row = wrong("def transform(g):\n    return [[r[0], 7] for r in g]", 7);
        old_row.train_outputs = None;
        let attempts = vec![
            wrong("def transform(g):\n    return [[r[0], 9] for r in g]", 9),
            // Different source, same outputs: the same relabelled task.
            wrong(
                "def transform(g):\n    return [[row[0], 9] for row in g]",
                9,
            ),
            wrong("def transform(g):\n    return [[r[0], 8] for r in g]", 8),
            right("def transform(g):\n    return [r[::-1] for r in g]"),
            identity,
            constant,
            half_identity,
            old_row,
        ];
        let mut skips = Skips::default();
        let picked = hindsight(&t, &attempts, &opts(Filter::Greedy, 10), &mut skips);
        assert_eq!(
            picked.iter().map(|p| p.attempt).collect::<Vec<_>>(),
            vec![3, 0, 2]
        );
        // The right program keeps the original task; the others define their own.
        assert_eq!(picked[0].task, t);
        assert!(!picked[0].relabelled && picked[1].relabelled);
        assert_eq!(picked[1].task.train[0].output, g(&[&[1, 9]]));
        assert_eq!(picked[1].task.solutions, Some(vec![g(&[&[3, 9]])]));
        assert_eq!(picked[1].task.train[0].input, t.train[0].input);
        for (why, n) in [
            (reason::SAME_OUTPUTS, 1),
            (reason::IDENTITY, 1),
            (reason::CONSTANT, 1),
            (reason::OUTPUT_IS_INPUT, 1),
            (reason::NO_TRAIN_OUTPUTS, 1),
        ] {
            assert_eq!(skips.0.get(why), Some(&n), "{why}: {skips:?}");
        }
    }

    #[test]
    fn a_literal_of_its_own_outputs_is_hard_coded_for_the_relabelled_task() {
        let t = task();
        let literal = attempt(
            "def transform(g):\n    return [[1, 9, 9, 9]] if g[0][0] == 1 else [[2, 9, 9, 9]]",
            [g(&[&[1, 9, 9, 9]]), g(&[&[2, 9, 9, 9]])],
            g(&[&[2, 9, 9, 9]]),
        );
        let mut skips = Skips::default();
        assert!(hindsight(&t, &[literal], &opts(Filter::Greedy, 10), &mut skips).is_empty());
        assert_eq!(skips.0[reason::HARD_CODED], 1);
    }

    #[test]
    fn balanced_takes_half_right_and_half_wrong() {
        let t = task();
        let mut attempts = Vec::new();
        for i in 0..4 {
            attempts.push(right(&format!(
                "def transform(g):\n    x = {i}\n    return [r[::-1] for r in g]"
            )));
        }
        for fill in [4, 5, 6, 7] {
            attempts.push(wrong(
                &format!("def transform(g):\n    return [[r[0], {fill}] for r in g]"),
                fill,
            ));
        }
        let mut skips = Skips::default();
        let greedy = hindsight(&t, &attempts, &opts(Filter::Greedy, 4), &mut skips);
        assert!(greedy.iter().all(|p| p.right));
        let balanced = hindsight(&t, &attempts, &opts(Filter::Balanced, 4), &mut skips);
        assert_eq!(balanced.iter().filter(|p| p.right).count(), 2);
        assert_eq!(balanced.iter().filter(|p| !p.right).count(), 2);
        // One side short: the other fills the limit.
        let balanced = hindsight(&t, &attempts[3..], &opts(Filter::Balanced, 4), &mut skips);
        assert_eq!(balanced.iter().filter(|p| p.right).count(), 1);
        assert_eq!(balanced.len(), 4);
        let balanced = hindsight(&t, &attempts[..5], &opts(Filter::Balanced, 3), &mut skips);
        assert_eq!(
            (balanced.iter().filter(|p| p.right).count(), balanced.len()),
            (2, 3)
        );
    }

    #[test]
    fn refinement_pairs_need_a_better_child_and_a_parent_with_outputs() {
        let t = task();
        let parent = wrong("def transform(g):\n    return [[r[0], 9] for r in g]", 9);
        let parent_hash = parent.source_hash.clone();
        let half = attempt(
            "def transform(g):\n    return [r[::-1] if r[0] == 1 else r for r in g]",
            [g(&[&[0, 1]]), g(&[&[2, 0]])],
            g(&[&[3, 0]]),
        );
        let with_parent = |mut a: StoredAttempt, parent: &Option<String>| {
            a.parent_hash = parent.clone();
            a.depth = 1;
            a
        };
        let child_right = with_parent(
            right("def transform(g):\n    return [r[::-1] for r in g]"),
            &parent_hash,
        );
        let child_half = with_parent(half.clone(), &parent_hash);
        let child_same = with_parent(
            wrong("def transform(g):\n    return [[r[0], 8] for r in g]", 8),
            &parent_hash,
        );
        let orphan = with_parent(
            right("def transform(g):\n    return [r[::-1] for r in g]  # x\n    pass"),
            &Some("0123456789abcdef".into()),
        );
        // A grandchild whose parent (child_half) is right on one pair: right is better.
        let grandchild = with_parent(
            right("def transform(grid):\n    return [r[::-1] for r in grid]"),
            &half.source_hash,
        );
        let attempts = vec![
            parent,
            child_right.clone(),
            child_half,
            child_same,
            orphan,
            child_right,
            grandchild,
        ];
        let mut skips = Skips::default();
        let picked = refinements(&t, &attempts, &opts(Filter::Greedy, 10), &mut skips);
        let pairs: Vec<(Option<usize>, usize)> =
            picked.iter().map(|p| (p.parent, p.attempt)).collect();
        assert_eq!(pairs, vec![(Some(0), 1), (Some(2), 6), (Some(0), 2)]);
        assert!(picked[0].right && !picked[2].right);
        assert_eq!(skips.0[reason::NOT_BETTER], 1);
        assert_eq!(skips.0[reason::PARENT_MISSING], 1);
        assert_eq!(skips.0[reason::DUPLICATE], 1);
    }
}
