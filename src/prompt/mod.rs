//! Prompt rendering in the SOAR format, with versioned prompt texts.
//!
//! Fine-tuned SOAR models score far worse with any other wording, so the texts live byte-exact in
//! `src/prompts/<version>.{system,user}.txt` (the user text holds one `{task_content}` placeholder) and
//! the default version reproduces the published SOAR prompt byte for byte. The refinement prompt
//! ([`refine`], version `soar-refine-v1`) is a version of its own, rendered from a draft program's
//! real outputs.

pub mod refine;

use crate::task::{Grid, Task};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::Path;

/// The prompt version used when none is given.
pub const DEFAULT_PROMPT_VERSION: &str = "soar-v1";

/// Placeholder in the user template that the task content replaces.
pub const TASK_CONTENT_PLACEHOLDER: &str = "{task_content}";

pub use refine::{Draft, REFINE_PROMPT_VERSION};

/// Built-in prompt versions: (name, system text, user template).
const BUILTIN: &[(&str, &str, &str)] = &[
    (
        "soar-v1",
        include_str!("../prompts/soar-v1.system.txt"),
        include_str!("../prompts/soar-v1.user.txt"),
    ),
    (
        "soar-refine-v1",
        include_str!("../prompts/soar-refine-v1.system.txt"),
        include_str!("../prompts/soar-refine-v1.user.txt"),
    ),
];

/// A prompt version: system message and user template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PromptTemplate {
    /// Version name recorded with every attempt.
    pub version: String,
    /// System message.
    pub system: String,
    /// User message with one `{task_content}` placeholder.
    pub user_template: String,
}

/// A rendered prompt: chat messages for one task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prompt {
    /// Prompt version that produced it.
    pub version: String,
    /// System message.
    pub system: String,
    /// User message.
    pub user: String,
}

/// Errors selecting a prompt version.
#[derive(Debug, thiserror::Error)]
pub enum PromptError {
    /// Neither a built-in name nor a readable directory.
    #[error("unknown prompt version {0:?} (built-in: {1}); or give a directory holding system.txt and user.txt")]
    Unknown(String, String),
    /// A prompt file could not be read.
    #[error("{path}: cannot read prompt text: {source}")]
    Io {
        /// File path.
        path: String,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The user template lacks the placeholder.
    #[error("prompt {0}: user template has no {{task_content}} placeholder")]
    NoPlaceholder(String),
}

impl PromptTemplate {
    /// Names of the built-in versions.
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(n, _, _)| *n).collect()
    }

    /// Loads a built-in version by name, or a directory holding `system.txt` and `user.txt`.
    pub fn load(version: &str) -> Result<PromptTemplate, PromptError> {
        if let Some((name, system, user)) = BUILTIN.iter().find(|(n, _, _)| *n == version) {
            return Ok(PromptTemplate {
                version: (*name).to_string(),
                system: (*system).to_string(),
                user_template: (*user).to_string(),
            });
        }
        let dir = Path::new(version);
        if !dir.is_dir() {
            return Err(PromptError::Unknown(
                version.to_string(),
                Self::builtin_names().join(", "),
            ));
        }
        let read = |file: &str| {
            let path = dir.join(file);
            std::fs::read_to_string(&path).map_err(|source| PromptError::Io {
                path: path.display().to_string(),
                source,
            })
        };
        let template = PromptTemplate {
            version: dir
                .file_name()
                .map_or_else(|| version.to_string(), |n| n.to_string_lossy().into_owned()),
            system: read("system.txt")?,
            user_template: read("user.txt")?,
        };
        if !template.user_template.contains(TASK_CONTENT_PLACEHOLDER) {
            return Err(PromptError::NoPlaceholder(template.version));
        }
        Ok(template)
    }

    /// Renders the chat messages for a task.
    pub fn render(&self, task: &Task) -> Prompt {
        Prompt {
            version: self.version.clone(),
            system: self.system.clone(),
            user: self
                .user_template
                .replacen(TASK_CONTENT_PLACEHOLDER, &task_content(task), 1),
        }
    }
}

fn shape(grid: &Grid) -> String {
    format!("{} by {}", grid.width(), grid.height())
}

/// The task block of the SOAR prompt: train pairs then test inputs, grids as `[[a b] [c d]]`.
pub fn task_content(task: &Task) -> String {
    write_task(task, true)
}

/// The task block; `blank_after_last_pair`: whether a blank line also follows the last train pair
/// (the sampling prompt has one there, the refinement prompt only between pairs).
fn write_task(task: &Task, blank_after_last_pair: bool) -> String {
    let mut s = String::new();
    for (i, pair) in task.train.iter().enumerate() {
        if i > 0 && !blank_after_last_pair {
            s.push('\n');
        }
        let n = i + 1;
        let _ = writeln!(s, "## Input {n} (grid shape: {}):", shape(&pair.input));
        let _ = writeln!(s, "{}", pair.input);
        let _ = writeln!(s, "## Output {n} (grid shape: {}):", shape(&pair.output));
        let _ = writeln!(s, "{}", pair.output);
        if blank_after_last_pair {
            s.push('\n');
        }
    }
    for (i, input) in task.test.iter().enumerate() {
        let _ = writeln!(s, "## Test Input {} (grid shape: {}):", i + 1, shape(input));
        let _ = writeln!(s, "{input}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::TrainPair;

    #[test]
    fn shape_is_width_by_height() {
        let task = Task {
            id: "t".into(),
            train: vec![TrainPair {
                input: Grid(vec![vec![1, 2, 3]]),
                output: Grid(vec![vec![1], vec![2]]),
            }],
            test: vec![Grid(vec![vec![5]])],
            solutions: None,
        };
        assert_eq!(
            task_content(&task),
            "## Input 1 (grid shape: 3 by 1):\n[[1 2 3]]\n## Output 1 (grid shape: 1 by 2):\n[[1] [2]]\n\n## Test Input 1 (grid shape: 1 by 1):\n[[5]]\n"
        );
    }

    #[test]
    fn unknown_version_is_an_error() {
        assert!(matches!(
            PromptTemplate::load("no-such-version"),
            Err(PromptError::Unknown(..))
        ));
        assert!(PromptTemplate::load(DEFAULT_PROMPT_VERSION).is_ok());
    }
}
