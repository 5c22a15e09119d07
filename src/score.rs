//! Scoring one attempt: train correctness, test predictions, a category, and transduction detection.

use crate::exec::{ExecError, ProgramRun};
use crate::extract::ExtractedCode;
use crate::generate::{Completion, FinishReason};
use crate::task::{Grid, Task};
use serde::{Deserialize, Serialize};

/// What happened to an attempt, first failure in pipeline order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// The backend failed to produce the completion.
    ApiFailure,
    /// The completion hit the token limit.
    MaxLength,
    /// No `transform` function was found.
    NoCode,
    /// The program raised on some input.
    ExecError,
    /// The program ran out of time.
    Timeout,
    /// The program returned something that is not a grid.
    InvalidOutput,
    /// The program returned a grid for every input.
    Ok,
}

impl Category {
    /// All categories in report order.
    pub const ALL: [Category; 7] = [
        Category::Ok,
        Category::ExecError,
        Category::Timeout,
        Category::InvalidOutput,
        Category::NoCode,
        Category::MaxLength,
        Category::ApiFailure,
    ];

    /// The kebab-case name used in reports and the store.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::ApiFailure => "api-failure",
            Category::MaxLength => "max-length",
            Category::NoCode => "no-code",
            Category::ExecError => "exec-error",
            Category::Timeout => "timeout",
            Category::InvalidOutput => "invalid-output",
            Category::Ok => "ok",
        }
    }
}

/// One scored attempt of one task.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// Task id.
    pub task_id: String,
    /// Position among the task's attempts.
    pub index: usize,
    /// Source label (library program name, replay line).
    pub label: Option<String>,
    /// The completion as generated.
    pub completion: Completion,
    /// The program that ran, if one was found.
    pub code: Option<String>,
    /// Whether each train output was reproduced exactly.
    pub train_correct: Vec<bool>,
    /// Fraction of matching cells per train pair (0 on shape mismatch or failure).
    pub train_pixel_accuracy: Vec<f64>,
    /// What the program returned for each train input (`None` where it raised or returned no
    /// grid): the feedback a refinement prompt shows, and the outputs of hindsight relabelling.
    #[serde(default)]
    pub train_outputs: Vec<Option<Grid>>,
    /// Prediction per test input.
    pub test_predictions: Vec<Option<Grid>>,
    /// Per test input correctness, when solutions are known.
    pub test_correct: Option<Vec<bool>>,
    /// Error per input (train then test), `None` where a grid came back.
    pub errors: Vec<Option<ExecError>>,
    /// The attempt's category.
    pub category: Category,
    /// Confidence in [0, 1] that the program hard-codes outputs.
    pub transduction: f64,
    /// Seconds spent executing.
    pub exec_seconds: f64,
    /// For a refinement: the [`crate::program::source_hash`] of the program it repaired.
    #[serde(default)]
    pub parent: Option<String>,
    /// Refinement depth: 0 for a fresh sample, the parent's depth + 1 for a refinement.
    #[serde(default)]
    pub depth: usize,
}

impl Attempt {
    /// Fraction of train pairs reproduced exactly.
    pub fn train_accuracy(&self) -> f64 {
        if self.train_correct.is_empty() {
            return 0.0;
        }
        self.train_correct.iter().filter(|c| **c).count() as f64 / self.train_correct.len() as f64
    }

    /// Whether every train pair is right.
    pub fn all_train_correct(&self) -> bool {
        !self.train_correct.is_empty() && self.train_correct.iter().all(|c| *c)
    }

    /// The hash of the program's normalised source (`None` without a program).
    pub fn source_hash(&self) -> Option<String> {
        self.code.as_deref().map(crate::program::source_hash)
    }
}

/// Scores one attempt. `run` is the program's result on `task.all_inputs()`.
pub fn score_attempt(
    task: &Task,
    index: usize,
    completion: Completion,
    extracted: Option<&ExtractedCode>,
    run: Option<&ProgramRun>,
) -> Attempt {
    let n_train = task.train.len();
    let n_inputs = n_train + task.test.len();
    let outputs: Vec<Result<Grid, ExecError>> = match run {
        Some(r) if r.outputs.len() == n_inputs => r.outputs.clone(),
        _ => Vec::new(),
    };
    let grid_at = |i: usize| outputs.get(i).and_then(|o| o.as_ref().ok());
    let train_correct: Vec<bool> = (0..n_train)
        .map(|i| grid_at(i) == Some(&task.train[i].output))
        .collect();
    let train_pixel_accuracy = (0..n_train)
        .map(|i| grid_at(i).map_or(0.0, |g| g.pixel_accuracy(&task.train[i].output)))
        .collect();
    let train_outputs: Vec<Option<Grid>> = (0..n_train).map(|i| grid_at(i).cloned()).collect();
    let test_predictions: Vec<Option<Grid>> =
        (n_train..n_inputs).map(|i| grid_at(i).cloned()).collect();
    let test_correct = task.solutions.as_ref().map(|sols| {
        sols.iter()
            .zip(&test_predictions)
            .map(|(s, p)| p.as_ref() == Some(s))
            .collect()
    });
    let errors: Vec<Option<ExecError>> =
        outputs.iter().map(|o| o.as_ref().err().cloned()).collect();
    let category = categorize(&completion, extracted.is_some(), &errors);
    let transduction = match (extracted, run) {
        (Some(code), Some(_)) if !outputs.is_empty() => {
            transduction_confidence(task, &code.code, &outputs)
        }
        _ => 0.0,
    };
    Attempt {
        task_id: task.id.clone(),
        index,
        label: completion.label.clone(),
        code: extracted.map(|e| e.code.clone()),
        completion,
        train_correct,
        train_pixel_accuracy,
        train_outputs,
        test_predictions,
        test_correct,
        errors,
        category,
        transduction,
        exec_seconds: run.map_or(0.0, |r| r.elapsed.as_secs_f64()),
        parent: None,
        depth: 0,
    }
}

fn categorize(completion: &Completion, has_code: bool, errors: &[Option<ExecError>]) -> Category {
    if completion.finish_reason == FinishReason::Error {
        return Category::ApiFailure;
    }
    if completion.finish_reason == FinishReason::Length {
        return Category::MaxLength;
    }
    if !has_code {
        return Category::NoCode;
    }
    let any = |pred: fn(&ExecError) -> bool| errors.iter().flatten().any(pred);
    if any(|e| matches!(e, ExecError::Timeout)) {
        Category::Timeout
    } else if any(|e| matches!(e, ExecError::Exception { .. } | ExecError::WorkerLost(_))) {
        Category::ExecError
    } else if any(|e| matches!(e, ExecError::InvalidOutput(_))) {
        Category::InvalidOutput
    } else {
        Category::Ok
    }
}

/// Literal grids of at least this many cells count as hard-coded outputs.
const MIN_LITERAL_CELLS: usize = 4;

/// Confidence in [0, 1] that a program hard-codes its answers rather than computing them.
///
/// Signals: a literal grid in the code equal to a train output or to the program's own output for a
/// test input (1.0); the same output for every input although the inputs differ (0.9 when the task's
/// train outputs differ from each other, 0.3 when they are all equal, since then a constant is the
/// rule).
pub fn transduction_confidence(
    task: &Task,
    code: &str,
    outputs: &[Result<Grid, ExecError>],
) -> f64 {
    let literals = literal_grids(code);
    let n_train = task.train.len();
    let test_outputs = outputs[n_train.min(outputs.len())..]
        .iter()
        .filter_map(|o| o.as_ref().ok());
    let mut targets: Vec<&Grid> = task.train.iter().map(|p| &p.output).collect();
    targets.extend(test_outputs);
    let literal_hit = literals
        .iter()
        .filter(|g| g.cells() >= MIN_LITERAL_CELLS)
        .any(|g| targets.contains(&g));
    if literal_hit {
        return 1.0;
    }
    let grids: Vec<&Grid> = outputs.iter().filter_map(|o| o.as_ref().ok()).collect();
    let inputs = task.all_inputs();
    let inputs_differ = inputs.windows(2).any(|w| w[0] != w[1]);
    if grids.len() == outputs.len()
        && grids.len() >= 2
        && inputs_differ
        && grids.windows(2).all(|w| w[0] == w[1])
    {
        let expected_constant = task.train.windows(2).all(|w| w[0].output == w[1].output);
        return if expected_constant { 0.3 } else { 0.9 };
    }
    0.0
}

/// Rectangular integer grids written literally in source: `[[1, 2], [3, 4]]`, tuples, or the prompt's
/// space-separated `[[1 2] [3 4]]` form. Values outside 0–9 are kept out (they cannot be outputs).
pub fn literal_grids(code: &str) -> Vec<Grid> {
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'[' | b'(') {
            if let Some((grid, end)) = parse_grid_at(bytes, i) {
                found.push(grid);
                i = end;
                continue;
            }
        }
        i += 1;
    }
    found
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'\\') {
        i += 1;
    }
    i
}

fn closing(open: u8) -> u8 {
    if open == b'[' {
        b']'
    } else {
        b')'
    }
}

/// Parses `[row, row, …]` at `i`, each row `[int, int, …]`; returns the grid and the index after it.
fn parse_grid_at(b: &[u8], i: usize) -> Option<(Grid, usize)> {
    let close = closing(b[i]);
    let mut j = skip_space(b, i + 1);
    let mut rows: Vec<Vec<i64>> = Vec::new();
    loop {
        if j >= b.len() {
            return None;
        }
        if b[j] == close && !rows.is_empty() {
            let grid = Grid::from_rows_i64(&rows).ok()?;
            return Some((grid, j + 1));
        }
        if !matches!(b[j], b'[' | b'(') {
            return None;
        }
        let (row, next) = parse_row_at(b, j)?;
        rows.push(row);
        j = skip_space(b, next);
        if j < b.len() && b[j] == b',' {
            j = skip_space(b, j + 1);
        }
    }
}

fn parse_row_at(b: &[u8], i: usize) -> Option<(Vec<i64>, usize)> {
    let close = closing(b[i]);
    let mut j = skip_space(b, i + 1);
    let mut row = Vec::new();
    loop {
        if j >= b.len() {
            return None;
        }
        if b[j] == close {
            return if row.is_empty() {
                None
            } else {
                Some((row, j + 1))
            };
        }
        let start = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if start == j {
            return None;
        }
        row.push(std::str::from_utf8(&b[start..j]).ok()?.parse().ok()?);
        j = skip_space(b, j);
        if j < b.len() && b[j] == b',' {
            j = skip_space(b, j + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::TrainPair;
    use std::time::Duration;

    fn g(rows: &[&[u8]]) -> Grid {
        Grid(rows.iter().map(|r| r.to_vec()).collect())
    }

    fn task() -> Task {
        Task {
            id: "t".into(),
            train: vec![
                TrainPair {
                    input: g(&[&[1, 0], &[0, 0]]),
                    output: g(&[&[0, 1], &[0, 0]]),
                },
                TrainPair {
                    input: g(&[&[2, 0], &[0, 0]]),
                    output: g(&[&[0, 2], &[0, 0]]),
                },
            ],
            test: vec![g(&[&[3, 0], &[0, 0]])],
            solutions: Some(vec![g(&[&[0, 3], &[0, 0]])]),
        }
    }

    #[test]
    fn literal_grids_found_in_all_forms() {
        let code = "X = [[1, 2], [3, 4]]\nY = ((5, 6),\n     (7, 8))\nZ = '[[1 2] [3 4]]'\nW = [1, 2]\nV = [[1, 2], [3]]";
        let found = literal_grids(code);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[1], g(&[&[5, 6], &[7, 8]]));
    }

    #[test]
    fn hardcoded_train_output_is_transductive() {
        let t = task();
        let outs = vec![
            Ok(g(&[&[0, 1], &[0, 0]])),
            Ok(g(&[&[0, 2], &[0, 0]])),
            Ok(g(&[&[0, 3], &[0, 0]])),
        ];
        let code = "def transform(g):\n    if g[0][0] == 1:\n        return [[0, 1], [0, 0]]\n    return [r[::-1] for r in g]";
        assert_eq!(transduction_confidence(&t, code, &outs), 1.0);
        let general = "def transform(g):\n    return [r[::-1] for r in g]";
        assert_eq!(transduction_confidence(&t, general, &outs), 0.0);
        let own_test = "def transform(g):\n    return [[0, 3], [0, 0]]";
        assert_eq!(transduction_confidence(&t, own_test, &outs), 1.0);
    }

    #[test]
    fn constant_output_is_transductive() {
        let t = task();
        let same = g(&[&[5, 5], &[5, 5]]);
        let outs = vec![Ok(same.clone()), Ok(same.clone()), Ok(same)];
        assert_eq!(
            transduction_confidence(&t, "def transform(g): return h(g)", &outs),
            0.9
        );
    }

    #[test]
    fn scoring_and_categories() {
        let t = task();
        let code = ExtractedCode {
            code: "def transform(g): ...".into(),
            source: crate::extract::CodeSource::Answer,
            form: crate::extract::CodeForm::PythonBlock,
        };
        let run = ProgramRun {
            outputs: vec![
                Ok(g(&[&[0, 1], &[0, 0]])),
                Ok(g(&[&[0, 2], &[0, 1]])),
                Err(ExecError::Exception {
                    name: "IndexError".into(),
                    message: "x".into(),
                }),
            ],
            elapsed: Duration::from_millis(5),
            steps: 10,
        };
        let a = score_attempt(&t, 0, Completion::text("x"), Some(&code), Some(&run));
        assert_eq!(a.train_correct, vec![true, false]);
        assert_eq!(a.train_pixel_accuracy, vec![1.0, 0.75]);
        assert_eq!(a.train_accuracy(), 0.5);
        assert_eq!(a.test_predictions, vec![None]);
        assert_eq!(a.test_correct, Some(vec![false]));
        assert_eq!(a.category, Category::ExecError);

        let none = score_attempt(&t, 1, Completion::text("no code"), None, None);
        assert_eq!(none.category, Category::NoCode);
        assert_eq!(none.train_correct, vec![false, false]);
        let failed = score_attempt(&t, 2, Completion::failure("503"), None, None);
        assert_eq!(failed.category, Category::ApiFailure);
        let mut long = Completion::text("```python\ndef transform(g");
        long.finish_reason = FinishReason::Length;
        assert_eq!(
            score_attempt(&t, 3, long, None, None).category,
            Category::MaxLength
        );
    }
}
