//! Examples as rows: chat messages rendered with the prompt version the model will see, and the
//! grids-only form.

use crate::prompt::{Prompt, PromptTemplate};
use crate::task::{Grid, Task};
use serde::Serialize;

/// The refinement prompt version refine examples are rendered with.
pub const REFINE_PROMPT_VERSION: &str = "soar-refine-v1";

/// One chat message.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Message {
    /// `system`, `user` or `assistant`.
    pub role: &'static str,
    /// The text.
    pub content: String,
}

/// A training example with a program: chat messages plus what it came from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProgramRow {
    /// System, user (the prompt), assistant (the program in a python block).
    pub messages: Vec<Message>,
    /// The original task's id.
    pub task_id: String,
    /// `solutions`, `hindsight` or `refine`.
    pub kind: &'static str,
    /// The run the program comes from.
    pub run_id: String,
    /// Its normalised-source hash.
    pub source_hash: String,
    /// For refinements: the parent program's hash.
    pub parent_hash: Option<String>,
    /// Prompt version of the user message.
    pub prompt_version: String,
    /// Fraction of the original task's train pairs it got right.
    pub train_accuracy: f64,
    /// Right on the original task (train pairs and known test outputs).
    pub right: bool,
    /// The prompt shows a hindsight-relabelled task, not the original.
    pub relabelled: bool,
}

/// A grids-only example: a task (original or hindsight-relabelled), no program.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GridsRow {
    /// The original task's id.
    pub task_id: String,
    /// `original` or `hindsight`.
    pub source: &'static str,
    /// For hindsight tasks: the hash of the program whose outputs define it.
    pub source_hash: Option<String>,
    /// Train inputs.
    pub train_inputs: Vec<Grid>,
    /// Train outputs.
    pub train_outputs: Vec<Grid>,
    /// Test inputs.
    pub test_inputs: Vec<Grid>,
    /// Test outputs, when known.
    pub test_outputs: Option<Vec<Grid>>,
}

/// A row of either shape (one export holds one shape).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Row {
    /// Program kinds.
    Program(ProgramRow),
    /// `--kind grids`.
    Grids(GridsRow),
}

/// The assistant message of a program: the code in a python block.
pub fn assistant_program(code: &str) -> String {
    format!("```python\n{}\n```", code.trim_matches('\n').trim_end())
}

/// The three messages of an example.
pub fn messages(prompt: Prompt, code: &str) -> Vec<Message> {
    vec![
        Message {
            role: "system",
            content: prompt.system,
        },
        Message {
            role: "user",
            content: prompt.user,
        },
        Message {
            role: "assistant",
            content: assistant_program(code),
        },
    ]
}

/// The sampling prompt of `task` with `program` as the answer.
pub fn sampling_messages(template: &PromptTemplate, task: &Task, code: &str) -> Vec<Message> {
    messages(template.render(task), code)
}

/// The grids-only row of a task.
pub fn grids_row(task: &Task, source: &'static str, source_hash: Option<String>) -> GridsRow {
    GridsRow {
        task_id: task.id.clone(),
        source,
        source_hash,
        train_inputs: task.train.iter().map(|p| p.input.clone()).collect(),
        train_outputs: task.train.iter().map(|p| p.output.clone()).collect(),
        test_inputs: task.test.clone(),
        test_outputs: task.solutions.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::task::TrainPair;

    #[test]
    fn messages_are_system_user_and_the_program_in_a_python_block() {
        let template = PromptTemplate::load(crate::prompt::DEFAULT_PROMPT_VERSION).unwrap();
        let task = Task {
            id: "t".into(),
            train: vec![TrainPair {
                input: Grid(vec![vec![1, 2]]),
                output: Grid(vec![vec![2, 1]]),
            }],
            test: vec![Grid(vec![vec![3, 4]])],
            solutions: None,
        };
        let m = sampling_messages(
            &template,
            &task,
            "\ndef transform(g):\n    return [r[::-1] for r in g]\n\n",
        );
        let prompt = template.render(&task);
        assert_eq!(
            m.iter().map(|m| m.role).collect::<Vec<_>>(),
            ["system", "user", "assistant"]
        );
        assert_eq!(m[0].content, prompt.system);
        assert_eq!(m[1].content, prompt.user);
        assert!(m[1].content.contains("[[1 2]]"));
        assert_eq!(
            m[2].content,
            "```python\ndef transform(g):\n    return [r[::-1] for r in g]\n```"
        );
    }
}
