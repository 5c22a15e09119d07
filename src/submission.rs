//! Kaggle's `submission.json`: building it, writing it atomically, validating and scoring it.
//!
//! Format: `{task_id: [{"attempt_1": grid, "attempt_2": grid}, …one per test input]}`. Every task and
//! test input is always present with both attempts, so the file is valid whenever it exists.

use crate::task::{Grid, Task};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Two guesses for one test input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptPair {
    /// First guess.
    pub attempt_1: Grid,
    /// Second guess.
    pub attempt_2: Grid,
}

/// A whole submission, task ids sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Submission(pub BTreeMap<String, Vec<AttemptPair>>);

/// Guess used when no program produced a prediction.
fn blank() -> Grid {
    Grid(vec![vec![0]])
}

/// Fills up to two guesses: predictions first, then the test input itself, then a 1×1 blank.
pub fn attempt_pair(predictions: &[Grid], test_input: &Grid) -> AttemptPair {
    let mut guesses: Vec<Grid> = predictions.iter().take(2).cloned().collect();
    for fallback in [test_input.clone(), blank()] {
        if guesses.len() < 2 && !guesses.contains(&fallback) {
            guesses.push(fallback);
        }
    }
    let attempt_2 = guesses.pop().unwrap_or_else(blank);
    let attempt_1 = guesses.pop().unwrap_or_else(|| attempt_2.clone());
    AttemptPair {
        attempt_1,
        attempt_2,
    }
}

impl Submission {
    /// A complete submission of fallback guesses for every task, written before any work starts.
    pub fn fallback(tasks: &[Task]) -> Submission {
        let mut sub = Submission::default();
        for task in tasks {
            sub.set_task(task, &vec![Vec::new(); task.test.len()]);
        }
        sub
    }

    /// Sets a task's guesses from ranked predictions per test input.
    pub fn set_task(&mut self, task: &Task, predictions: &[Vec<Grid>]) {
        let pairs = task
            .test
            .iter()
            .enumerate()
            .map(|(i, input)| {
                attempt_pair(predictions.get(i).map_or(&[][..], Vec::as_slice), input)
            })
            .collect();
        self.0.insert(task.id.clone(), pairs);
    }

    /// Reads a submission file.
    pub fn read(path: &Path) -> anyhow::Result<Submission> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?;
        serde_json::from_str(&text)
            .map_err(|e| anyhow::anyhow!("{}: not a submission: {e}", path.display()))
    }

    /// Writes the file atomically (temp file in the same directory, fsync, rename).
    pub fn write_atomic(&self, path: &Path) -> std::io::Result<()> {
        let json = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        write_atomic(path, &json)
    }

    /// Problems with this submission against the challenges it answers; empty when valid.
    pub fn problems(&self, tasks: &[Task]) -> Vec<String> {
        let mut problems = Vec::new();
        for task in tasks {
            let Some(pairs) = self.0.get(&task.id) else {
                problems.push(format!("task {}: missing", task.id));
                continue;
            };
            if pairs.len() != task.test.len() {
                problems.push(format!(
                    "task {}: {} entries for {} test inputs",
                    task.id,
                    pairs.len(),
                    task.test.len()
                ));
            }
            for (i, pair) in pairs.iter().enumerate() {
                for (name, grid) in [
                    ("attempt_1", &pair.attempt_1),
                    ("attempt_2", &pair.attempt_2),
                ] {
                    if let Err(e) = grid.validate() {
                        problems.push(format!("task {} test {}: {name}: {e}", task.id, i + 1));
                    }
                }
            }
        }
        let known: std::collections::HashSet<&str> = tasks.iter().map(|t| t.id.as_str()).collect();
        for id in self.0.keys().filter(|id| !known.contains(id.as_str())) {
            problems.push(format!("task {id}: not in the challenges"));
        }
        problems
    }

    /// Kaggle's score: per task, the fraction of test inputs where either attempt matches; averaged
    /// over the tasks that have solutions. Returns (score, tasks scored).
    pub fn score(&self, solutions: &BTreeMap<String, Vec<Grid>>) -> (f64, usize) {
        let mut total = 0.0;
        for (id, sols) in solutions {
            let pairs = self.0.get(id).map_or(&[][..], Vec::as_slice);
            let right = sols
                .iter()
                .enumerate()
                .filter(|(i, s)| {
                    pairs
                        .get(*i)
                        .is_some_and(|p| &p.attempt_1 == *s || &p.attempt_2 == *s)
                })
                .count();
            total += right as f64 / sols.len().max(1) as f64;
        }
        let n = solutions.len();
        (if n == 0 { 0.0 } else { total / n as f64 }, n)
    }
}

/// Checks that a file written atomically may replace `path`: it must not name a directory or a
/// special file (a device, a pipe, `/dev/stdout`), which the final rename would replace.
pub fn check_replaceable(path: &Path) -> std::io::Result<()> {
    let refuse = |what: &str| {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{} is {what}, not a regular file", path.display()),
        ))
    };
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => refuse("a directory"),
        Ok(m) if !m.is_file() => refuse("a special file"),
        _ => Ok(()),
    }
}

/// Writes `bytes` to `path` so that readers see either the old file or the complete new one.
/// A directory or special file at `path` is an error (see [`check_replaceable`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    check_replaceable(path)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::TrainPair;

    #[test]
    fn atomic_writes_refuse_directories_and_special_files() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(dir.path(), b"x").unwrap_err();
        assert!(err.to_string().contains("a directory"), "{err}");
        let err = write_atomic(Path::new("/dev/null"), b"x").unwrap_err();
        assert!(err.to_string().contains("a special file"), "{err}");
        // Still there, untouched.
        use std::os::unix::fs::FileTypeExt;
        assert!(Path::new("/dev/null")
            .metadata()
            .unwrap()
            .file_type()
            .is_char_device());
        let file = dir.path().join("f.json");
        write_atomic(&file, b"1").unwrap();
        write_atomic(&file, b"2").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"2");
    }

    fn g(v: u8) -> Grid {
        Grid(vec![vec![v]])
    }

    fn task(id: &str, tests: usize) -> Task {
        Task {
            id: id.into(),
            train: vec![TrainPair {
                input: g(1),
                output: g(2),
            }],
            test: (0..tests).map(|i| g(i as u8 + 3)).collect(),
            solutions: None,
        }
    }

    #[test]
    fn both_attempts_always_present_and_distinct() {
        let input = g(5);
        assert_eq!(
            attempt_pair(&[], &input),
            AttemptPair {
                attempt_1: g(5),
                attempt_2: g(0)
            }
        );
        assert_eq!(
            attempt_pair(&[g(7)], &input),
            AttemptPair {
                attempt_1: g(7),
                attempt_2: g(5)
            }
        );
        assert_eq!(
            attempt_pair(&[g(5)], &input),
            AttemptPair {
                attempt_1: g(5),
                attempt_2: g(0)
            }
        );
        assert_eq!(
            attempt_pair(&[g(0)], &g(0)),
            AttemptPair {
                attempt_1: g(0),
                attempt_2: g(0)
            }
        );
        assert_eq!(
            attempt_pair(&[g(7), g(8), g(9)], &input),
            AttemptPair {
                attempt_1: g(7),
                attempt_2: g(8)
            }
        );
    }

    #[test]
    fn validation_finds_missing_and_extra() {
        let tasks = vec![task("a", 2), task("b", 1)];
        let mut sub = Submission::fallback(&tasks);
        assert!(sub.problems(&tasks).is_empty());
        sub.0.remove("b");
        sub.0.insert("zzz".into(), vec![]);
        sub.0.get_mut("a").unwrap().pop();
        let p = sub.problems(&tasks);
        assert_eq!(p.len(), 3, "{p:?}");
    }

    #[test]
    fn kaggle_scoring_counts_either_attempt() {
        let tasks = vec![task("a", 2), task("b", 1)];
        let mut sub = Submission::fallback(&tasks);
        sub.set_task(&tasks[0], &[vec![g(9), g(1)], vec![g(2)]]);
        let mut sols = BTreeMap::new();
        sols.insert("a".to_string(), vec![g(1), g(6)]);
        sols.insert("b".to_string(), vec![g(3)]);
        // a: test 1 right via attempt_2, test 2 wrong → 0.5; b: fallback is the input, 3 → right.
        assert_eq!(sub.score(&sols), (0.75, 2));
    }

    #[test]
    fn atomic_write_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/submission.json");
        let sub = Submission::fallback(&[task("a", 1)]);
        sub.write_atomic(&path).unwrap();
        assert_eq!(Submission::read(&path).unwrap(), sub);
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }
}
