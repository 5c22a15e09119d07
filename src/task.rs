//! ARC tasks: grids, train/test pairs, and loading Kaggle-format challenge files with validation.
//!
//! A data root holds `arc-agi_<split>_challenges.json` and, optionally, `arc-agi_<split>_solutions.json`
//! (the Kaggle layout). Every grid is checked on load: rectangular, 1–30 per side, values 0–9.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Largest grid side ARC allows.
pub const MAX_SIDE: usize = 30;

/// A rectangular grid of colours 0–9, stored row-major.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Grid(pub Vec<Vec<u8>>);

/// Why a grid is not a valid ARC grid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GridError {
    /// No rows, or a row with no cells.
    #[error("grid is empty")]
    Empty,
    /// Rows of different lengths.
    #[error("grid is not rectangular (row {row} has {len} cells, row 0 has {expected})")]
    Ragged {
        /// Offending row index.
        row: usize,
        /// Its length.
        len: usize,
        /// Length of row 0.
        expected: usize,
    },
    /// More than [`MAX_SIDE`] rows or columns.
    #[error("grid is {width} by {height}; each side must be 1 to 30")]
    TooLarge {
        /// Columns.
        width: usize,
        /// Rows.
        height: usize,
    },
    /// A cell outside 0–9.
    #[error("cell ({row}, {col}) holds {value}; colours are 0 to 9")]
    BadColour {
        /// Row index.
        row: usize,
        /// Column index.
        col: usize,
        /// The value found.
        value: i64,
    },
}

impl Grid {
    /// Builds a grid from rows of arbitrary integers, checking every ARC rule.
    pub fn from_rows_i64(rows: &[Vec<i64>]) -> Result<Grid, GridError> {
        let height = rows.len();
        let width = rows.first().map_or(0, Vec::len);
        if height == 0 || width == 0 {
            return Err(GridError::Empty);
        }
        for (r, row) in rows.iter().enumerate() {
            if row.len() != width {
                return Err(GridError::Ragged {
                    row: r,
                    len: row.len(),
                    expected: width,
                });
            }
        }
        if width > MAX_SIDE || height > MAX_SIDE {
            return Err(GridError::TooLarge { width, height });
        }
        let mut out = Vec::with_capacity(height);
        for (r, row) in rows.iter().enumerate() {
            let mut cells = Vec::with_capacity(width);
            for (c, &v) in row.iter().enumerate() {
                if !(0..=9).contains(&v) {
                    return Err(GridError::BadColour {
                        row: r,
                        col: c,
                        value: v,
                    });
                }
                cells.push(v as u8);
            }
            out.push(cells);
        }
        Ok(Grid(out))
    }

    /// Checks an already-built grid against the ARC rules.
    pub fn validate(&self) -> Result<(), GridError> {
        let rows: Vec<Vec<i64>> = self
            .0
            .iter()
            .map(|r| r.iter().map(|&v| i64::from(v)).collect())
            .collect();
        Grid::from_rows_i64(&rows).map(|_| ())
    }

    /// Number of columns.
    pub fn width(&self) -> usize {
        self.0.first().map_or(0, Vec::len)
    }

    /// Number of rows.
    pub fn height(&self) -> usize {
        self.0.len()
    }

    /// Number of cells.
    pub fn cells(&self) -> usize {
        self.width() * self.height()
    }

    /// Rows of the grid.
    pub fn rows(&self) -> &[Vec<u8>] {
        &self.0
    }

    /// Fraction of cells equal to `other`'s; 0 when the shapes differ.
    pub fn pixel_accuracy(&self, other: &Grid) -> f64 {
        if self.width() != other.width() || self.height() != other.height() || self.cells() == 0 {
            return 0.0;
        }
        let same = self
            .0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| a.iter().zip(b).filter(|(x, y)| x == y).count())
            .sum::<usize>();
        same as f64 / self.cells() as f64
    }
}

impl fmt::Display for Grid {
    /// The SOAR prompt form: `[[a b c] [d e f]]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (r, row) in self.0.iter().enumerate() {
            if r > 0 {
                f.write_str(" ")?;
            }
            f.write_str("[")?;
            for (c, v) in row.iter().enumerate() {
                if c > 0 {
                    f.write_str(" ")?;
                }
                write!(f, "{v}")?;
            }
            f.write_str("]")?;
        }
        f.write_str("]")
    }
}

/// One demonstration pair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainPair {
    /// Input grid.
    pub input: Grid,
    /// Output grid.
    pub output: Grid,
}

/// An ARC task: demonstrations, test inputs and (when known) the test outputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    /// Task id, e.g. `007bbfb7`.
    pub id: String,
    /// Demonstration pairs.
    pub train: Vec<TrainPair>,
    /// Test inputs.
    pub test: Vec<Grid>,
    /// Test outputs, one per test input, when a solutions file was loaded.
    pub solutions: Option<Vec<Grid>>,
}

impl Task {
    /// All inputs a program runs on: train inputs in order, then test inputs in order.
    pub fn all_inputs(&self) -> Vec<Grid> {
        self.train
            .iter()
            .map(|p| p.input.clone())
            .chain(self.test.iter().cloned())
            .collect()
    }
}

/// Which challenge file of a data root to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// `arc-agi_training_*`.
    Training,
    /// `arc-agi_evaluation_*`.
    Evaluation,
    /// `arc-agi_test_*` (Kaggle's hidden set; usually no solutions).
    Test,
}

impl Split {
    /// The name used in file names.
    pub fn as_str(self) -> &'static str {
        match self {
            Split::Training => "training",
            Split::Evaluation => "evaluation",
            Split::Test => "test",
        }
    }
}

impl fmt::Display for Split {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem found while loading task files; always names the file and, where it applies, the task.
#[derive(Debug, thiserror::Error)]
pub enum TaskLoadError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// File path.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The file is not JSON of the expected shape.
    #[error("{path}: malformed JSON: {message}")]
    Json {
        /// File path.
        path: PathBuf,
        /// Parser message.
        message: String,
    },
    /// A task's structure or a grid is invalid.
    #[error("{path}: task {task_id}: {message}")]
    Invalid {
        /// File path.
        path: PathBuf,
        /// Task id.
        task_id: String,
        /// What is wrong.
        message: String,
    },
    /// Requested task ids are not in the file.
    #[error("{path}: unknown task id(s): {ids}")]
    UnknownTasks {
        /// File path.
        path: PathBuf,
        /// Comma-separated ids.
        ids: String,
    },
}

#[derive(Deserialize)]
struct RawPair {
    input: Vec<Vec<i64>>,
    output: Option<Vec<Vec<i64>>>,
}

#[derive(Deserialize)]
struct RawTask {
    train: Vec<RawPair>,
    test: Vec<RawPair>,
}

/// Path of the challenges file for `split` under `root`.
pub fn challenges_path(root: &Path, split: Split) -> PathBuf {
    root.join(format!("arc-agi_{split}_challenges.json"))
}

/// Path of the solutions file for `split` under `root`.
pub fn solutions_path(root: &Path, split: Split) -> PathBuf {
    root.join(format!("arc-agi_{split}_solutions.json"))
}

fn read_text(path: &Path) -> Result<String, TaskLoadError> {
    std::fs::read_to_string(path).map_err(|source| TaskLoadError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn parse_json<T: serde::de::DeserializeOwned>(text: &str, path: &Path) -> Result<T, TaskLoadError> {
    serde_json::from_str(text).map_err(|e| TaskLoadError::Json {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

fn check_grid(
    path: &Path,
    task_id: &str,
    what: &str,
    rows: &[Vec<i64>],
) -> Result<Grid, TaskLoadError> {
    Grid::from_rows_i64(rows).map_err(|e| TaskLoadError::Invalid {
        path: path.to_path_buf(),
        task_id: task_id.to_string(),
        message: format!("{what}: {e}"),
    })
}

/// Loads every task of a challenges file (ids sorted), validating all grids.
pub fn load_challenges(path: &Path) -> Result<Vec<Task>, TaskLoadError> {
    parse_challenges(&read_text(path)?, path)
}

/// Parses challenges JSON; `path` names the source in errors.
pub fn parse_challenges(text: &str, path: &Path) -> Result<Vec<Task>, TaskLoadError> {
    let raw: BTreeMap<String, RawTask> = parse_json(text, path)?;
    let mut tasks = Vec::with_capacity(raw.len());
    for (id, t) in raw {
        let invalid = |message: String| TaskLoadError::Invalid {
            path: path.to_path_buf(),
            task_id: id.clone(),
            message,
        };
        if t.train.is_empty() {
            return Err(invalid("no train pairs".into()));
        }
        if t.test.is_empty() {
            return Err(invalid("no test inputs".into()));
        }
        let mut train = Vec::with_capacity(t.train.len());
        for (i, p) in t.train.iter().enumerate() {
            let input = check_grid(path, &id, &format!("train {} input", i + 1), &p.input)?;
            let Some(out) = &p.output else {
                return Err(invalid(format!("train {} has no output", i + 1)));
            };
            let output = check_grid(path, &id, &format!("train {} output", i + 1), out)?;
            train.push(TrainPair { input, output });
        }
        let mut test = Vec::with_capacity(t.test.len());
        for (i, p) in t.test.iter().enumerate() {
            test.push(check_grid(
                path,
                &id,
                &format!("test {} input", i + 1),
                &p.input,
            )?);
        }
        tasks.push(Task {
            id,
            train,
            test,
            solutions: None,
        });
    }
    Ok(tasks)
}

/// Attaches solutions from a Kaggle solutions file (`{id: [grid, …]}`) to `tasks`.
///
/// Tasks absent from the file keep `solutions: None`; a count mismatch is an error.
pub fn attach_solutions(tasks: &mut [Task], path: &Path) -> Result<(), TaskLoadError> {
    parse_solutions(tasks, &read_text(path)?, path)
}

/// Parses solutions JSON and attaches it to `tasks`; `path` names the source in errors.
pub fn parse_solutions(tasks: &mut [Task], text: &str, path: &Path) -> Result<(), TaskLoadError> {
    let raw: BTreeMap<String, Vec<Vec<Vec<i64>>>> = parse_json(text, path)?;
    for task in tasks.iter_mut() {
        let Some(grids) = raw.get(&task.id) else {
            continue;
        };
        if grids.len() != task.test.len() {
            return Err(TaskLoadError::Invalid {
                path: path.to_path_buf(),
                task_id: task.id.clone(),
                message: format!(
                    "{} solutions for {} test inputs",
                    grids.len(),
                    task.test.len()
                ),
            });
        }
        let mut sols = Vec::with_capacity(grids.len());
        for (i, g) in grids.iter().enumerate() {
            sols.push(check_grid(
                path,
                &task.id,
                &format!("solution {}", i + 1),
                g,
            )?);
        }
        task.solutions = Some(sols);
    }
    Ok(())
}

/// Loads a split from a data root: challenges, plus solutions when the file exists.
pub fn load_split(root: &Path, split: Split) -> Result<Vec<Task>, TaskLoadError> {
    let mut tasks = load_challenges(&challenges_path(root, split))?;
    let sol = solutions_path(root, split);
    if sol.exists() {
        attach_solutions(&mut tasks, &sol)?;
    }
    Ok(tasks)
}

/// The sample shipped in `data/sample/`, compiled into the binary so `solve` works from any directory.
pub mod embedded_sample {
    use super::*;

    /// How the embedded files are named in messages.
    pub const LABEL: &str = "<embedded>/data/sample";
    const CHALLENGES: &str = include_str!("../data/sample/arc-agi_evaluation_challenges.json");
    const SOLUTIONS: &str = include_str!("../data/sample/arc-agi_evaluation_solutions.json");

    /// The embedded sample's tasks with solutions; only the evaluation split exists.
    pub fn load(split: Split) -> Result<Vec<Task>, TaskLoadError> {
        let root = Path::new(LABEL);
        let path = challenges_path(root, split);
        if split != Split::Evaluation {
            return Err(TaskLoadError::Io {
                path,
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "the embedded sample has only the evaluation split; pass --data-root",
                ),
            });
        }
        let mut tasks = parse_challenges(CHALLENGES, &path)?;
        parse_solutions(&mut tasks, SOLUTIONS, &solutions_path(root, split))?;
        Ok(tasks)
    }
}

/// Keeps the tasks named in `ids` in that order; unknown ids are an error naming `source`.
pub fn select_ids(
    tasks: Vec<Task>,
    ids: &[String],
    source: &Path,
) -> Result<Vec<Task>, TaskLoadError> {
    let mut by_id: BTreeMap<String, Task> = tasks.into_iter().map(|t| (t.id.clone(), t)).collect();
    let missing: Vec<&str> = ids
        .iter()
        .filter(|id| !by_id.contains_key(id.as_str()))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        return Err(TaskLoadError::UnknownTasks {
            path: source.to_path_buf(),
            ids: missing.join(","),
        });
    }
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(t) = by_id.remove(id) {
            out.push(t);
        }
    }
    Ok(out)
}

/// Reads a subset file: one task id per line; blank lines and `#` comments ignored.
pub fn read_subset(path: &Path) -> Result<Vec<String>, TaskLoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| TaskLoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(parse_subset(&text))
}

/// Task ids of a subset list: one per line; blank lines and `#` comments ignored.
pub fn parse_subset(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_rules() {
        assert!(Grid::from_rows_i64(&[vec![0, 1], vec![2, 3]]).is_ok());
        assert_eq!(Grid::from_rows_i64(&[]), Err(GridError::Empty));
        assert_eq!(Grid::from_rows_i64(&[vec![]]), Err(GridError::Empty));
        assert!(matches!(
            Grid::from_rows_i64(&[vec![0, 1], vec![2]]),
            Err(GridError::Ragged { row: 1, .. })
        ));
        assert!(matches!(
            Grid::from_rows_i64(&[vec![0, 10]]),
            Err(GridError::BadColour { value: 10, .. })
        ));
        assert!(matches!(
            Grid::from_rows_i64(&[vec![-1]]),
            Err(GridError::BadColour { value: -1, .. })
        ));
        assert!(matches!(
            Grid::from_rows_i64(&[vec![0; 31]]),
            Err(GridError::TooLarge { width: 31, .. })
        ));
    }

    #[test]
    fn display_is_soar_form() {
        let g = Grid(vec![vec![0, 7], vec![7, 1]]);
        assert_eq!(g.to_string(), "[[0 7] [7 1]]");
        assert_eq!((g.width(), g.height()), (2, 2));
    }

    #[test]
    fn pixel_accuracy() {
        let a = Grid(vec![vec![1, 2], vec![3, 4]]);
        let b = Grid(vec![vec![1, 2], vec![3, 0]]);
        assert_eq!(a.pixel_accuracy(&b), 0.75);
        assert_eq!(a.pixel_accuracy(&Grid(vec![vec![1]])), 0.0);
    }
}
