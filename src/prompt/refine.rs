//! The refinement prompt (`soar-refine-v1`): the task, a draft program, and what the draft did on
//! every train and test input, asking for a repaired version.
//!
//! The format is the seed runner's, which refinement-tuned models were trained on, so it is kept
//! byte-exact (`tests/refine_prompt.rs` checks the five spec examples). The user message is the
//! task part (the template up to its placeholder, then `# Task to solve:` and the grids), which is
//! the same for every draft of a task, followed by the draft part (its code and feedback), which
//! differs: [`task_part`] gives the first, so an engine can share its K/V across drafts.
//!
//! The grids are those of the sampling prompt, except that no blank line follows the last train
//! pair. Feedback per train pair: a right output is shown; a wrong grid of the right size is shown with
//! the `actual→expected` difference grid; a wrong size with the size-mismatch line (height×width);
//! an input on which the draft raised or returned no grid shows no grid at all.

use super::{write_task, Prompt, PromptTemplate, TASK_CONTENT_PLACEHOLDER};
use crate::task::{Grid, Task};
use std::fmt::Write as _;

/// The built-in refinement prompt version.
pub const REFINE_PROMPT_VERSION: &str = "soar-refine-v1";

/// A draft program and what it returned on the task's inputs (`None` where it raised or returned
/// no grid), as the executor ran it.
#[derive(Clone, Copy, Debug)]
pub struct Draft<'a> {
    /// The program's source.
    pub code: &'a str,
    /// Its output per train input.
    pub train_outputs: &'a [Option<Grid>],
    /// Its output per test input.
    pub test_outputs: &'a [Option<Grid>],
}

impl PromptTemplate {
    /// The refinement prompt for `draft` on `task`: the task part, then the draft and its feedback.
    pub fn render_refinement(&self, task: &Task, draft: &Draft<'_>) -> Prompt {
        let content = format!(
            "# Task to solve:\n{}{}",
            write_task(task, false),
            draft_part(task, draft)
        );
        Prompt {
            version: self.version.clone(),
            system: self.system.clone(),
            user: self
                .user_template
                .replacen(TASK_CONTENT_PLACEHOLDER, &content, 1),
        }
    }
}

/// The leading part of every refinement user message of `task` under `template`: what all drafts
/// of one task share (the instructions and the task's grids).
pub fn task_part(template: &PromptTemplate, task: &Task) -> String {
    let head = template
        .user_template
        .split(TASK_CONTENT_PLACEHOLDER)
        .next()
        .unwrap_or_default();
    format!("{head}# Task to solve:\n{}", write_task(task, false))
}

fn shape(grid: &Grid) -> String {
    format!("{} by {}", grid.width(), grid.height())
}

/// Whether a grid is non-empty and rectangular (only such grids are shown; the executor reports
/// anything else as invalid output, so this guards hand-made inputs).
fn is_rectangular(grid: &Grid) -> bool {
    let width = grid.width();
    width > 0 && grid.rows().iter().all(|r| r.len() == width)
}

/// Output `i` when it is a grid that can be shown.
fn shown(outputs: &[Option<Grid>], i: usize) -> Option<&Grid> {
    outputs
        .get(i)
        .and_then(Option::as_ref)
        .filter(|g| is_rectangular(g))
}

/// The draft's code and feedback, from the blank line after the test inputs to the closing request.
fn draft_part(task: &Task, draft: &Draft<'_>) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "\nPrevious implementation:\n```python\n{}\n```\n\n",
        draft.code.trim_end()
    );
    let n_train = task.train.len();
    let correct: Vec<bool> = task
        .train
        .iter()
        .enumerate()
        .map(|(i, pair)| shown(draft.train_outputs, i) == Some(&pair.output))
        .collect();
    let right = correct.iter().filter(|c| **c).count();
    let _ = write!(
        s,
        "This implementation of transform function correctly worked on {right}/{n_train} train input-output pairs.\nDetailed results:\n"
    );
    for (i, pair) in task.train.iter().enumerate() {
        let verdict = if correct[i] { "correct" } else { "incorrect" };
        let _ = writeln!(
            s,
            "## Output {} computed by `transform` is {verdict}.",
            i + 1
        );
        let Some(actual) = shown(draft.train_outputs, i) else {
            continue;
        };
        write_result(&mut s, actual);
        if !correct[i] {
            s.push('\n');
            s.push_str(&difference(actual, &pair.output));
        }
    }
    for i in 0..task.test.len() {
        let _ = writeln!(
            s,
            "\n## Output Test {} computed by `transform` (we don't know if it is correct or not)",
            i + 1
        );
        if let Some(actual) = shown(draft.test_outputs, i) {
            write_result(&mut s, actual);
        }
    }
    if right == n_train {
        s.push_str(ALL_CORRECT);
    } else {
        let wrong: Vec<String> = (0..n_train)
            .filter(|&i| !correct[i])
            .map(|i| format!("Output {}", i + 1))
            .collect();
        let _ = write!(
            s,
            "\nThe previous code gives incorrect output grids for: {}. Now, you need to fix the code to produce correct output for all inputs.",
            wrong.join(", ")
        );
    }
    s
}

/// The closing text for a draft right on every train pair: asks it to generalise.
const ALL_CORRECT: &str = "The previous code gives correct output grids for all Train input.\nHowever, since this program will be evaluated on the Test input(s), you should carefully review the code to ensure it generalizes properly and doesn't just work by coincidence on the training examples. The goal is to make sure the program will also produce correct results for the transformation of Test input(s) to output(s). Consider if there are any edge cases, overfitting to specific patterns, or logical gaps that might cause the program to fail on the test cases.";

fn write_result(s: &mut String, actual: &Grid) {
    let _ = writeln!(
        s,
        "The execution gave the following results (grid shape: {}):\n{actual}",
        shape(actual)
    );
}

/// How a wrong output differs from the expected one: the `actual→expected` grid when the shapes
/// agree, else the size-mismatch line (sizes written height×width). Ends with a newline.
pub fn difference(actual: &Grid, expected: &Grid) -> String {
    let (ah, aw, eh, ew) = (
        actual.height(),
        actual.width(),
        expected.height(),
        expected.width(),
    );
    if ah != eh || aw != ew || !is_rectangular(actual) || !is_rectangular(expected) {
        return format!("Size mismatch: predicted grid is {ah}x{aw}, expected grid is {eh}x{ew}\n");
    }
    let cells: Vec<Vec<String>> = actual
        .rows()
        .iter()
        .zip(expected.rows())
        .map(|(a_row, e_row)| {
            a_row
                .iter()
                .zip(e_row)
                .map(|(a, e)| {
                    if a == e {
                        a.to_string()
                    } else {
                        format!("{a}→{e}")
                    }
                })
                .collect()
        })
        .collect();
    // Each column is as wide as its widest cell; cells are left-aligned (trailing spaces kept).
    let widths: Vec<usize> = (0..aw)
        .map(|c| {
            cells
                .iter()
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(1)
        })
        .collect();
    let mut s = String::from("Difference notation (actual→expected):\n");
    for row in &cells {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| format!("{cell:<w$}"))
            .collect();
        s.push_str(&line.join(" "));
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::TrainPair;

    fn g(rows: &[&[u8]]) -> Grid {
        Grid(rows.iter().map(|r| r.to_vec()).collect())
    }

    #[test]
    fn one_by_one_cells_differ_or_agree() {
        assert_eq!(
            difference(&g(&[&[3]]), &g(&[&[7]])),
            "Difference notation (actual→expected):\n3→7\n"
        );
        assert_eq!(
            difference(&g(&[&[3]]), &g(&[&[3]])),
            "Difference notation (actual→expected):\n3\n"
        );
    }

    #[test]
    fn columns_pad_to_their_widest_cell() {
        let d = difference(&g(&[&[0, 0, 0], &[1, 0, 0]]), &g(&[&[0, 0, 0], &[0, 0, 1]]));
        assert_eq!(
            d,
            "Difference notation (actual→expected):\n0   0 0  \n1→0 0 0→1\n"
        );
    }

    #[test]
    fn thirty_by_thirty_has_one_line_per_row_and_aligned_columns() {
        let actual = Grid(vec![vec![1; 30]; 30]);
        let mut expected = actual.clone();
        expected.0[29][0] = 2;
        expected.0[0][29] = 3;
        let d = difference(&actual, &expected);
        let lines: Vec<&str> = d.lines().skip(1).collect();
        assert_eq!(lines.len(), 30);
        // Column 0 and column 29 are three characters wide everywhere, the rest one.
        assert!(lines
            .iter()
            .all(|l| l.chars().count() == 28 * 2 + 3 + 1 + 3));
        assert!(lines[0].ends_with("1→3"), "{}", lines[0]);
        assert!(lines[29].starts_with("1→2 1"), "{}", lines[29]);
        assert!(lines[1].starts_with("1   1") && lines[1].ends_with("1  "));
    }

    #[test]
    fn size_lines_say_height_by_width() {
        assert_eq!(
            difference(&g(&[&[1, 2, 3]]), &g(&[&[1], &[2], &[3]])),
            "Size mismatch: predicted grid is 1x3, expected grid is 3x1\n"
        );
        // A ragged grid never takes the difference form.
        let ragged = g(&[&[1, 2], &[3]]);
        assert!(difference(&ragged, &g(&[&[1, 2], &[3, 4]])).starts_with("Size mismatch"));
    }

    fn task() -> Task {
        Task {
            id: "t".into(),
            train: vec![
                TrainPair {
                    input: g(&[&[1, 2]]),
                    output: g(&[&[2, 1]]),
                },
                TrainPair {
                    input: g(&[&[3, 4]]),
                    output: g(&[&[4, 3]]),
                },
            ],
            test: vec![g(&[&[5, 6]]), g(&[&[7, 8]])],
            solutions: None,
        }
    }

    #[test]
    fn raised_and_ragged_outputs_show_no_grid_and_every_test_input_gets_a_section() {
        let template = PromptTemplate::load(REFINE_PROMPT_VERSION).unwrap();
        let t = task();
        let train = [None, Some(g(&[&[4], &[3, 9]]))];
        let test = [Some(g(&[&[6, 5]])), None];
        let draft = Draft {
            code: "def transform(g):\n    raise ValueError\n\n",
            train_outputs: &train,
            test_outputs: &test,
        };
        let user = template.render_refinement(&t, &draft).user;
        let tail = user.split("Previous implementation:").nth(1).unwrap();
        assert_eq!(
            tail,
            "\n```python\ndef transform(g):\n    raise ValueError\n```\n\n\
             This implementation of transform function correctly worked on 0/2 train input-output pairs.\n\
             Detailed results:\n\
             ## Output 1 computed by `transform` is incorrect.\n\
             ## Output 2 computed by `transform` is incorrect.\n\
             \n## Output Test 1 computed by `transform` (we don't know if it is correct or not)\n\
             The execution gave the following results (grid shape: 2 by 1):\n[[6 5]]\n\
             \n## Output Test 2 computed by `transform` (we don't know if it is correct or not)\n\
             \nThe previous code gives incorrect output grids for: Output 1, Output 2. Now, you need to fix the code to produce correct output for all inputs."
        );
    }

    #[test]
    fn every_draft_of_a_task_starts_with_the_task_part() {
        let template = PromptTemplate::load(REFINE_PROMPT_VERSION).unwrap();
        let t = task();
        let shared = task_part(&template, &t);
        for code in ["def transform(g):\n    return g", "x = 1"] {
            let outputs = [Some(g(&[&[2, 1]])), Some(g(&[&[4, 3]]))];
            let draft = Draft {
                code,
                train_outputs: &outputs,
                test_outputs: &[],
            };
            let user = template.render_refinement(&t, &draft).user;
            assert!(user.starts_with(&shared));
            assert!(user[shared.len()..].starts_with("\nPrevious implementation:"));
        }
    }
}
