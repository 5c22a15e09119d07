//! A task's program pool: one entry per distinct program (by normalised-source hash) with what
//! parent choice and early stopping need — correctness per train pair, the REX quality q, copies,
//! children, depth. Sources and outputs stay in the store; the solver reads a parent's back when
//! it refines it.

use super::HARD_CODED_FROM;
use crate::score::Attempt;
use std::collections::HashMap;

/// Weight of the same-shape pixel match in q: a program right on no pair but close on several
/// ranks above one that is far off, never above one more pair right.
pub const PIXEL_BONUS: f64 = 0.1;

/// One distinct program of a task.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolEntry {
    /// Hash of the normalised source ([`crate::program::source_hash`] as a number).
    pub hash: u64,
    /// Index of the first attempt that produced it (its source and outputs are that attempt's).
    pub first_index: usize,
    /// Whether each train output was right.
    pub train_correct: Box<[bool]>,
    /// REX quality in [0, 1]: share of train pairs right, plus [`PIXEL_BONUS`] × the mean pixel
    /// accuracy (0 on a size mismatch), capped at 1.
    pub q: f64,
    /// Returned a grid for every train input.
    pub complete: bool,
    /// The transduction check flagged it as hard-coding outputs.
    pub hard_coded: bool,
    /// Attempts that produced it (duplicates count in votes, not here).
    pub copies: usize,
    /// Refinement attempts made from it so far (REX's n).
    pub children: usize,
    /// 0 for a fresh sample, parent's depth + 1 for a refinement.
    pub depth: usize,
}

impl PoolEntry {
    /// Train pairs right.
    pub fn right(&self) -> usize {
        self.train_correct.iter().filter(|c| **c).count()
    }

    /// Right on every train pair.
    pub fn all_correct(&self) -> bool {
        !self.train_correct.is_empty() && self.train_correct.iter().all(|c| *c)
    }

    /// Counts towards early stopping: train-perfect and not hard-coded.
    pub fn solves(&self) -> bool {
        self.all_correct() && !self.hard_coded
    }

    /// May be refined: a grid for every train input, not hard-coded, and (unless `refine_correct`)
    /// not already right everywhere.
    pub fn eligible(&self, refine_correct: bool) -> bool {
        self.complete && !self.hard_coded && (refine_correct || !self.all_correct())
    }
}

/// The programs of one task, deduplicated by normalised source.
#[derive(Clone, Debug, Default)]
pub struct Pool {
    entries: Vec<PoolEntry>,
    by_hash: HashMap<u64, usize>,
    solving: usize,
}

/// A source hash as written by [`crate::program::source_hash`] (16 hex digits) as a number.
pub fn parse_hash(text: &str) -> Option<u64> {
    (text.len() == 16)
        .then(|| u64::from_str_radix(text, 16).ok())
        .flatten()
}

/// The written form of a hash number.
pub fn hash_text(hash: u64) -> String {
    format!("{hash:016x}")
}

impl Pool {
    /// Adds an attempt: a new program gets an entry, a copy of a known one is counted, and a
    /// refinement counts as a child of its parent. Returns the program's entry (`None` without
    /// a program).
    pub fn add(&mut self, attempt: &Attempt) -> Option<&PoolEntry> {
        if let Some(parent) = attempt.parent.as_deref().and_then(parse_hash) {
            if let Some(&i) = self.by_hash.get(&parent) {
                self.entries[i].children += 1;
            }
        }
        let hash = parse_hash(&attempt.source_hash()?)?;
        let i = match self.by_hash.get(&hash) {
            Some(&i) => {
                self.entries[i].copies += 1;
                i
            }
            None => {
                let entry = entry_of(hash, attempt);
                self.solving += usize::from(entry.solves());
                self.entries.push(entry);
                self.by_hash.insert(hash, self.entries.len() - 1);
                self.entries.len() - 1
            }
        };
        Some(&self.entries[i])
    }

    /// The entry of a program.
    pub fn get(&self, hash: u64) -> Option<&PoolEntry> {
        self.by_hash.get(&hash).map(|&i| &self.entries[i])
    }

    /// Every entry, in order of first appearance.
    pub fn entries(&self) -> &[PoolEntry] {
        &self.entries
    }

    /// Distinct programs that count towards early stopping.
    pub fn solving(&self) -> usize {
        self.solving
    }
}

fn entry_of(hash: u64, a: &Attempt) -> PoolEntry {
    let n = a.train_correct.len();
    let right = a.train_correct.iter().filter(|c| **c).count();
    let pixels = if n == 0 {
        0.0
    } else {
        a.train_pixel_accuracy.iter().sum::<f64>() / n as f64
    };
    let q = if n == 0 {
        0.0
    } else {
        (right as f64 / n as f64 + PIXEL_BONUS * pixels).min(1.0)
    };
    PoolEntry {
        hash,
        first_index: a.index,
        train_correct: a.train_correct.clone().into_boxed_slice(),
        q,
        complete: n > 0
            && a.train_outputs.len() == n
            && a.train_outputs.iter().all(Option::is_some),
        hard_coded: a.transduction >= HARD_CODED_FROM,
        copies: 1,
        children: 0,
        depth: a.depth,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::generate::Completion;
    use crate::score::Category;
    use crate::task::Grid;

    /// An attempt with `code` right on the pairs marked in `train`, with grids everywhere unless
    /// `complete` is false.
    pub(crate) fn attempt(index: usize, code: &str, train: &[bool], complete: bool) -> Attempt {
        Attempt {
            task_id: "t".into(),
            index,
            label: None,
            completion: Completion::text(""),
            code: Some(code.into()),
            train_correct: train.to_vec(),
            train_pixel_accuracy: train.iter().map(|&c| if c { 1.0 } else { 0.5 }).collect(),
            train_outputs: train
                .iter()
                .enumerate()
                .map(|(i, _)| (complete || i > 0).then(|| Grid(vec![vec![1]])))
                .collect(),
            test_predictions: vec![None],
            test_correct: None,
            errors: vec![],
            category: Category::Ok,
            transduction: 0.0,
            exec_seconds: 0.0,
            parent: None,
            depth: 0,
        }
    }

    #[test]
    fn copies_differing_in_comments_are_one_program() {
        let mut pool = Pool::default();
        pool.add(&attempt(
            0,
            "def transform(g):\n    return g",
            &[true, false],
            true,
        ));
        let again = attempt(
            1,
            "# same\ndef transform(g):   \n\n    return g  # it is\n",
            &[true, false],
            true,
        );
        let e = pool.add(&again).unwrap().clone();
        assert_eq!((e.copies, e.first_index), (2, 0));
        assert_eq!(pool.entries().len(), 1);
        // q: half the pairs right plus the pixel bonus (mean pixel accuracy 0.75).
        assert!((e.q - (0.5 + PIXEL_BONUS * 0.75)).abs() < 1e-12);
        let mut no_code = attempt(2, "", &[false], true);
        no_code.code = None;
        assert!(pool.add(&no_code).is_none());
    }

    #[test]
    fn children_depth_eligibility_and_solving() {
        let mut pool = Pool::default();
        let parent = pool
            .add(&attempt(
                0,
                "def transform(g):\n    return g",
                &[false, true],
                true,
            ))
            .unwrap()
            .clone();
        assert!(parent.eligible(false));
        let mut child = attempt(
            1,
            "def transform(g):\n    return g[::-1]",
            &[true, true],
            true,
        );
        child.parent = Some(hash_text(parent.hash));
        child.depth = 1;
        let c = pool.add(&child).unwrap().clone();
        assert_eq!(c.depth, 1);
        assert!((c.q - 1.0).abs() < 1e-12, "capped at 1");
        assert!(c.solves() && !c.eligible(false) && c.eligible(true));
        assert_eq!(pool.get(parent.hash).unwrap().children, 1);
        assert_eq!(pool.solving(), 1);
        // Raised on a train input: never a parent. Hard-coded: neither a parent nor solving.
        let partial = pool
            .add(&attempt(
                2,
                "def transform(g):\n    return 1",
                &[false, true],
                false,
            ))
            .unwrap();
        assert!(!partial.eligible(true));
        let mut literal = attempt(3, "def transform(g):\n    return 2", &[true, true], true);
        literal.transduction = 1.0;
        let l = pool.add(&literal).unwrap();
        assert!(!l.solves() && !l.eligible(true));
        assert_eq!(pool.solving(), 1);
    }

    #[test]
    fn hashes_parse_only_in_their_written_form() {
        assert_eq!(parse_hash("00000000000000ff"), Some(255));
        assert_eq!(hash_text(255), "00000000000000ff");
        assert_eq!(parse_hash("ff"), None);
        assert_eq!(parse_hash("zz000000000000ff"), None);
    }
}
