//! What a run keeps per task between units: the search state, the running votes and the metric
//! summary — no attempts. A run without a store also keeps the sources and outputs of the task's
//! programs, which refinement prompts need (with a store they are read back from it).

use crate::metrics::{TaskResult, TaskSummary};
use crate::score::Attempt;
use crate::search::pool::parse_hash;
use crate::search::TaskSearch;
use crate::store::StoredProgram;
use crate::tally::Votes;
use crate::task::Task;
use std::collections::HashMap;

/// Why a task gets no more units, as the store records it.
pub(crate) const CLOSED_SOLVED: &str = "solved";
/// The backend had nothing more for the task.
pub(crate) const CLOSED_EXHAUSTED: &str = "exhausted";

/// One task's state in a run.
pub(crate) struct TaskState {
    pub search: TaskSearch,
    pub votes: Votes,
    pub summary: TaskSummary,
    /// Sources and outputs by program hash, kept only when there is no store to read them from.
    pub programs: Option<HashMap<u64, StoredProgram>>,
    /// Why the task gets no more units.
    pub closed: Option<String>,
    /// Some unit of the task finished (in this run or the one resumed).
    pub touched: bool,
}

impl TaskState {
    pub fn new(task: &Task, keep_programs: bool) -> TaskState {
        TaskState {
            search: TaskSearch::default(),
            votes: Votes::new(task.test.len()),
            summary: TaskSummary::new(task.test.len()),
            programs: keep_programs.then(HashMap::new),
            closed: None,
            touched: false,
        }
    }

    /// Counts one attempt (in attempt order). An attempt read back from the store gets its pixel
    /// accuracies from its train outputs first.
    pub fn add(&mut self, task: &Task, attempt: &mut Attempt) {
        if attempt.train_pixel_accuracy.len() != task.train.len() {
            attempt.train_pixel_accuracy = task
                .train
                .iter()
                .enumerate()
                .map(|(i, pair)| {
                    attempt
                        .train_outputs
                        .get(i)
                        .and_then(Option::as_ref)
                        .map_or(0.0, |g| g.pixel_accuracy(&pair.output))
                })
                .collect();
        }
        let parent_right = attempt
            .parent
            .as_deref()
            .and_then(parse_hash)
            .and_then(|h| self.search.pool.get(h))
            .map(|p| p.right());
        if let Some(programs) = &mut self.programs {
            if let Some(hash) = attempt.source_hash().as_deref().and_then(parse_hash) {
                programs.entry(hash).or_insert_with(|| StoredProgram {
                    code: attempt.code.clone().unwrap_or_default(),
                    train_outputs: attempt.train_outputs.clone(),
                    test_outputs: attempt.test_predictions.clone(),
                });
            }
        }
        self.search.add(attempt);
        self.votes.add(attempt);
        self.summary.add(attempt, parent_right);
        self.touched = true;
    }

    /// Closes the task; stopping early records the attempts it saves against `target`.
    pub fn close(&mut self, why: &str, target: usize) {
        if why == CLOSED_SOLVED {
            self.summary.saved_by_early_stop = Some(target.saturating_sub(self.search.attempts()));
        }
        self.closed = Some(why.to_string());
    }

    /// The task's result so far.
    pub fn result(&self, task: &Task) -> TaskResult {
        TaskResult {
            task_id: task.id.clone(),
            summary: self.summary.clone(),
            weighted: self.votes.weighted(),
            weighted_fresh: self.votes.weighted_fresh(),
            train_majority: self.votes.train_majority(),
            solutions: task.solutions.clone(),
        }
    }
}
