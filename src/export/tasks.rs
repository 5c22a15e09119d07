//! The tasks a run was solved on, loaded from the data root and split it recorded (or the ones the
//! user names instead), each file once.

use super::source::SourceRun;
use super::ExportError;
use crate::task::{self, embedded_sample, Split, Task};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where tasks come from when the recorded place is not the one to use.
#[derive(Clone, Debug, Default)]
pub struct TaskOverride {
    /// Use this data root instead of each run's.
    pub data_root: Option<PathBuf>,
    /// Use this split instead of each run's.
    pub split: Option<Split>,
}

/// A data root and the name of a split.
type SetKey = (String, &'static str);

/// Tasks by id for a set of runs.
pub struct TaskBook {
    /// (data root, split name) → tasks by id.
    sets: HashMap<SetKey, HashMap<String, Arc<Task>>>,
    /// Per run: the key of its set.
    run_sets: Vec<SetKey>,
}

fn parse_split(run: &SourceRun) -> Result<Split, ExportError> {
    match run.info.split.as_str() {
        "training" => Ok(Split::Training),
        "evaluation" => Ok(Split::Evaluation),
        "test" => Ok(Split::Test),
        other => Err(ExportError::Data(format!(
            "run {} recorded split {other:?}, which is not training, evaluation or test; pass --split",
            run.info.run_id
        ))),
    }
}

fn load_set(
    root: &str,
    split: Split,
    run: &SourceRun,
    overridden: bool,
) -> Result<Vec<Task>, ExportError> {
    if root == embedded_sample::LABEL {
        return embedded_sample::load(split).map_err(|e| ExportError::Data(e.to_string()));
    }
    let dir = Path::new(root);
    if !dir.is_dir() {
        return Err(ExportError::Data(if overridden {
            format!("--data-root {root}: not a directory")
        } else {
            format!(
                "run {} was solved on data root {root}, which is not a directory here: pass --data-root DIR",
                run.info.run_id
            )
        }));
    }
    task::load_split(dir, split).map_err(|e| ExportError::Data(e.to_string()))
}

impl TaskBook {
    /// Loads the task files of `runs`.
    pub fn load(runs: &[SourceRun], over: &TaskOverride) -> Result<TaskBook, ExportError> {
        let mut sets: HashMap<SetKey, HashMap<String, Arc<Task>>> = HashMap::new();
        let mut run_sets = Vec::new();
        for run in runs {
            let root = match &over.data_root {
                Some(r) => r.display().to_string(),
                None => run.info.data_root.clone(),
            };
            let split = match over.split {
                Some(s) => s,
                None => parse_split(run)?,
            };
            let key = (root.clone(), split.as_str());
            if !sets.contains_key(&key) {
                let tasks = load_set(&root, split, run, over.data_root.is_some())?;
                sets.insert(
                    key.clone(),
                    tasks
                        .into_iter()
                        .map(|t| (t.id.clone(), Arc::new(t)))
                        .collect(),
                );
            }
            run_sets.push(key);
        }
        Ok(TaskBook { sets, run_sets })
    }

    /// The task `id` as run `run` (an index into the runs given to [`TaskBook::load`]) saw it.
    pub fn task(&self, run: usize, id: &str) -> Result<Arc<Task>, ExportError> {
        let key = &self.run_sets[run];
        self.sets[key].get(id).cloned().ok_or_else(|| {
            ExportError::Data(format!(
                "task {id} is not in {}: pass --data-root/--split naming the data the run used",
                Path::new(&key.0)
                    .join(format!("arc-agi_{}_challenges.json", key.1))
                    .display()
            ))
        })
    }

    /// The task `id` from the first run whose data holds it.
    pub fn any(&self, id: &str) -> Result<Arc<Task>, ExportError> {
        for key in &self.run_sets {
            if let Some(t) = self.sets[key].get(id) {
                return Ok(t.clone());
            }
        }
        self.task(0, id)
    }
}
