//! Corpus mode: run many programs from a JSONL file on their tasks and write one JSONL line per
//! program. This format is a fixed interface other tools (and `scripts/reference_exec.py`) rely on.
//!
//! Input line: `{"id": …, "task_id": "…", "code": "…"}`. Output line:
//! `{"id": …, "task_id": "…", "outputs": [grid or null, …], "errors": [null or "ErrorName", …]}` with
//! one entry per train input, then per test input. Errors are the exception class name, `Timeout`
//! or `InvalidOutput`; a task id missing from the challenges gives empty lists and one
//! `UnknownTask` error.

use super::gaps;
use super::Executor;
use crate::task::{Grid, Task};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// One program to run.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CorpusProgram {
    /// Caller's id, echoed back unchanged (string or number).
    pub id: serde_json::Value,
    /// Task whose inputs to run on.
    pub task_id: String,
    /// Python source defining `transform`.
    pub code: String,
}

/// One program's results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorpusResult {
    /// The program's id.
    pub id: serde_json::Value,
    /// Its task.
    pub task_id: String,
    /// Output per input (train inputs, then test inputs); `None` where it failed.
    pub outputs: Vec<Option<Grid>>,
    /// Error name per input; `None` where a grid came back.
    pub errors: Vec<Option<String>>,
    /// numpy/scipy features the program needed but the embedded modules lack (not written out:
    /// the output format is fixed).
    #[serde(skip)]
    pub missing_features: Vec<String>,
}

/// Reads a programs JSONL file; a bad line is an error naming `path:line`.
pub fn read_programs(path: &Path) -> anyhow::Result<Vec<CorpusProgram>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .map_err(|e| anyhow::anyhow!("{}:{}: {e}", path.display(), i + 1))
        })
        .collect()
}

/// Each task's inputs (train, then test), shared by all programs on that task.
pub fn task_inputs(tasks: &[Task]) -> HashMap<&str, Arc<Vec<Grid>>> {
    tasks
        .iter()
        .map(|t| (t.id.as_str(), Arc::new(t.all_inputs())))
        .collect()
}

/// (program, inputs) pairs for [`Executor::run_many`], in corpus order; programs whose task is
/// unknown are left out.
pub fn jobs<'a>(
    programs: &'a [CorpusProgram],
    inputs: &HashMap<&str, Arc<Vec<Grid>>>,
) -> Vec<(&'a str, Arc<Vec<Grid>>)> {
    programs
        .iter()
        .filter_map(|p| {
            inputs
                .get(p.task_id.as_str())
                .map(|i| (p.code.as_str(), Arc::clone(i)))
        })
        .collect()
}

/// Runs every program on its task's inputs, in parallel; results in input order.
pub fn run_corpus(
    executor: &Executor,
    programs: &[CorpusProgram],
    tasks: &[Task],
) -> Vec<CorpusResult> {
    let inputs = task_inputs(tasks);
    let jobs = jobs(programs, &inputs);
    let mut runs = executor.run_many(&jobs).into_iter();
    programs
        .iter()
        .map(|p| {
            let run = inputs
                .contains_key(p.task_id.as_str())
                .then(|| runs.next())
                .flatten();
            let missing_features = run.as_ref().map_or_else(Vec::new, |r| {
                gaps::count_missing([r.outputs.iter().filter_map(|o| o.as_ref().err())])
                    .into_keys()
                    .collect()
            });
            let (outputs, errors) = match run {
                Some(run) => run
                    .outputs
                    .into_iter()
                    .map(|o| match o {
                        Ok(g) => (Some(g), None),
                        Err(e) => (None, Some(e.name().to_string())),
                    })
                    .unzip(),
                None => (Vec::new(), vec![Some("UnknownTask".to_string())]),
            };
            CorpusResult {
                id: p.id.clone(),
                task_id: p.task_id.clone(),
                outputs,
                errors,
                missing_features,
            }
        })
        .collect()
}

/// Writes results as JSONL, atomically.
pub fn write_results(path: &Path, results: &[CorpusResult]) -> anyhow::Result<()> {
    let mut out = String::new();
    for r in results {
        out.push_str(&serde_json::to_string(r)?);
        out.push('\n');
    }
    crate::submission::write_atomic(path, out.as_bytes())
        .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))
}
