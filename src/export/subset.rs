//! `arc-solver subset`: task-id lists from a run, in the `data/subsets` format that `--subset`
//! reads (one id per line, `#` comments).

use super::source::{RunChoice, SourceRun, StoreSource, StoredAttempt};
use super::ExportError;
use crate::vote;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Which tasks go in the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubsetRule {
    /// Every test input right under the run's vote (pass@2 = 1).
    Solved,
    /// Not solved.
    Unsolved,
    /// At most this many distinct programs (by normalised source) right on every train pair.
    MaxSolutions(usize),
}

impl SubsetRule {
    /// The flag that names the rule.
    pub fn flag(self) -> String {
        match self {
            SubsetRule::Solved => "--solved".into(),
            SubsetRule::Unsolved => "--unsolved".into(),
            SubsetRule::MaxSolutions(k) => format!("--max-solutions {k}"),
        }
    }
}

/// A list of tasks picked from a run.
#[derive(Clone, Debug)]
pub struct Subset {
    /// The run.
    pub run: SourceRun,
    /// Tasks the run has attempts for.
    pub tasks_in_run: usize,
    /// The ids picked, sorted.
    pub ids: Vec<String>,
    /// Attempts read.
    pub attempts_read: usize,
}

/// Whether the weighted vote's top two answers are right on every test input; `None` when the run
/// did not know the test outputs. An answer is right when an attempt that predicted it was scored
/// right on that input (so no task files are needed).
pub fn solved(attempts: &[StoredAttempt]) -> Option<bool> {
    if !attempts.iter().any(|a| a.test_correct.is_some()) {
        return None;
    }
    let scored: Vec<crate::score::Attempt> = attempts.iter().map(|a| a.to_attempt()).collect();
    let n_test = attempts
        .iter()
        .map(|a| a.predictions.len())
        .max()
        .unwrap_or(0);
    if n_test == 0 {
        return Some(false);
    }
    Some((0..n_test).all(|i| {
        let top = vote::top2(&vote::weighted_majority(&scored, i));
        top.iter().any(|grid| {
            attempts.iter().any(|a| {
                a.predictions.get(i).and_then(Option::as_ref) == Some(grid)
                    && a.test_correct
                        .as_ref()
                        .is_some_and(|c| c.get(i) == Some(&true))
            })
        })
    }))
}

/// Distinct programs right on every train pair.
pub fn train_perfect_programs(attempts: &[StoredAttempt]) -> usize {
    attempts
        .iter()
        .filter(|a| a.code.is_some() && a.all_train_correct())
        .filter_map(|a| a.source_hash.as_deref())
        .collect::<HashSet<_>>()
        .len()
}

/// Picks the tasks of a run (`run`: an id, or the latest run) by `rule`.
pub fn pick(dbs: &[PathBuf], run: Option<&str>, rule: SubsetRule) -> Result<Subset, ExportError> {
    let ids_arg;
    let choice = match run {
        Some(id) => {
            ids_arg = [id.to_string()];
            RunChoice::Ids(&ids_arg)
        }
        None => RunChoice::Latest,
    };
    let source = StoreSource::open(dbs, choice)?;
    let the_run = source.runs()[0].clone();
    let task_ids = source.task_ids()?;
    let mut ids = Vec::new();
    let mut attempts_read = 0;
    for id in &task_ids {
        let attempts = source.run_task_attempts(0, id)?;
        attempts_read += attempts.len();
        let keep = match rule {
            SubsetRule::MaxSolutions(k) => train_perfect_programs(&attempts) <= k,
            SubsetRule::Solved | SubsetRule::Unsolved => {
                let Some(s) = solved(&attempts) else {
                    return Err(ExportError::Usage(format!(
                        "{}: run {} did not know the test outputs (task {id}), so solved and unsolved are \
                         unknown; use --max-solutions K (tasks with at most K train-perfect programs)",
                        rule.flag(),
                        the_run.info.run_id
                    )));
                };
                s == (rule == SubsetRule::Solved)
            }
        };
        if keep {
            ids.push(id.clone());
        }
    }
    Ok(Subset {
        run: the_run,
        tasks_in_run: task_ids.len(),
        ids,
        attempts_read,
    })
}

/// Writes the list atomically, with a comment saying where it came from.
pub fn write(path: &Path, subset: &Subset, rule: SubsetRule) -> Result<(), ExportError> {
    let mut text = format!(
        "# arc-solver subset {} of run {} ({} of {} tasks; {} split, {})\n",
        rule.flag(),
        subset.run.info.run_id,
        subset.ids.len(),
        subset.tasks_in_run,
        subset.run.info.split,
        subset.run.info.data_root
    );
    for id in &subset.ids {
        text.push_str(id);
        text.push('\n');
    }
    super::check_file_out(path)?;
    crate::submission::write_atomic(path, text.as_bytes()).map_err(|e| ExportError::Output {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}
