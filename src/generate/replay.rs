//! The `replay` backend: completions or bare programs recorded in a JSONL file.
//!
//! Each line is `{"task_id": …, "completion": …}` or `{"task_id": …, "code": …}`, optionally with
//! `reasoning`, `finish_reason` (`stop`/`length`/`error`), `error`, `prompt_tokens`, `completion_tokens`.
//! Lines of a task are returned in file order.
//!
//! A line with `"parent"` (a normalised-source hash, [`crate::program::source_hash`]) records a
//! refinement of that program, so a recorded search can be replayed: a refinement request for a
//! parent gets that parent's lines in file order, from the children it already has on. The parent
//! must be a program recorded on an earlier line of the same task.

use super::{Completion, FinishReason, GenerationRequest, Generator, Refinement};
use crate::task::Task;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReplayLine {
    task_id: String,
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    completion: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    reasoning: Option<String>,
    #[serde(default)]
    finish_reason: Option<FinishReason>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    prompt_tokens: u64,
    #[serde(default)]
    completion_tokens: u64,
    #[serde(default)]
    parent: Option<String>,
}

/// Errors reading a replay file.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// File path.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
    /// A line is not a valid record.
    #[error("{path}:{line}: {message}")]
    Line {
        /// File path.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Recorded completions keyed by task id (and parent, for refinements).
pub struct ReplayGenerator {
    source: PathBuf,
    by_task: HashMap<String, Vec<Completion>>,
    by_parent: HashMap<(String, String), Vec<Completion>>,
    delay: Duration,
}

/// The hash of the program a recorded completion carries, if it carries one.
fn program_hash(completion: &Completion) -> Option<String> {
    let code = match &completion.code {
        Some(code) => code.clone(),
        None => {
            crate::extract::extract_code(&completion.text, completion.reasoning.as_deref())?.code
        }
    };
    Some(crate::program::source_hash(&code))
}

impl ReplayGenerator {
    /// Reads a JSONL file; every line must parse and carry `completion` or `code`.
    pub fn open(path: &Path) -> Result<ReplayGenerator, ReplayError> {
        let text = std::fs::read_to_string(path).map_err(|source| ReplayError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut by_task: HashMap<String, Vec<Completion>> = HashMap::new();
        let mut by_parent: HashMap<(String, String), Vec<Completion>> = HashMap::new();
        // Programs recorded so far per task: what a refinement line may name as its parent.
        let mut programs: HashMap<String, HashSet<String>> = HashMap::new();
        for (i, raw) in text.lines().enumerate() {
            if raw.trim().is_empty() {
                continue;
            }
            let bad = |message: String| ReplayError::Line {
                path: path.to_path_buf(),
                line: i + 1,
                message,
            };
            let line: ReplayLine = serde_json::from_str(raw).map_err(|e| bad(e.to_string()))?;
            if line.completion.is_none() && line.code.is_none() && line.error.is_none() {
                return Err(bad("needs \"completion\", \"code\" or \"error\"".into()));
            }
            let finish_reason = line.finish_reason.unwrap_or(if line.error.is_some() {
                FinishReason::Error
            } else {
                FinishReason::Stop
            });
            let label = line
                .id
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .or_else(|| Some(format!("line {}", i + 1)));
            let completion = Completion {
                text: line.completion.unwrap_or_default(),
                reasoning: line.reasoning,
                code: line.code,
                prompt_tokens: line.prompt_tokens,
                completion_tokens: line.completion_tokens,
                finish_reason,
                error: line.error,
                label,
            };
            let known = programs.entry(line.task_id.clone()).or_default();
            if let Some(parent) = &line.parent {
                if crate::search::pool::parse_hash(parent).is_none() {
                    return Err(bad(format!(
                        "parent {parent:?}: expected a normalised-source hash (16 hex digits)"
                    )));
                }
                if !known.contains(parent) {
                    return Err(bad(format!(
                        "parent {parent} is no program recorded for task {} on an earlier line",
                        line.task_id
                    )));
                }
            }
            if let Some(hash) = program_hash(&completion) {
                known.insert(hash);
            }
            match line.parent {
                Some(parent) => by_parent
                    .entry((line.task_id, parent))
                    .or_default()
                    .push(completion),
                None => by_task.entry(line.task_id).or_default().push(completion),
            }
        }
        Ok(ReplayGenerator {
            source: path.to_path_buf(),
            by_task,
            by_parent,
            delay: Duration::ZERO,
        })
    }

    /// Hands each completion over only after `delay`, like a model producing it (for exercising
    /// time budgets and interruptions without one).
    pub fn with_delay(mut self, delay: Duration) -> ReplayGenerator {
        self.delay = delay;
        self
    }

    /// The recorded lines from where `task`'s fresh samples (or `refines`' children) stand on.
    fn rest(
        &self,
        task: &Task,
        refines: Option<Refinement<'_>>,
        first_sample: usize,
    ) -> &[Completion] {
        let (all, from) = match refines {
            None => (self.by_task.get(&task.id), first_sample),
            Some(r) => (
                self.by_parent.get(&(task.id.clone(), r.parent.to_string())),
                r.children_before,
            ),
        };
        let all = all.map_or(&[][..], Vec::as_slice);
        &all[from.min(all.len())..]
    }

    fn recorded(&self, request: &GenerationRequest<'_>) -> &[Completion] {
        let rest = self.rest(request.task, request.refines, request.first_sample);
        &rest[..request.n.unwrap_or(rest.len()).min(rest.len())]
    }
}

impl Generator for ReplayGenerator {
    fn backend(&self) -> &str {
        "replay"
    }

    fn model(&self) -> String {
        format!("replay:{}", self.source.display())
    }

    /// Only a file with refinement lines can answer refinement requests.
    fn can_refine(&self) -> bool {
        !self.by_parent.is_empty()
    }

    fn available(
        &self,
        task: &Task,
        refines: Option<Refinement<'_>>,
        first_sample: usize,
    ) -> Option<usize> {
        Some(self.rest(task, refines, first_sample).len())
    }

    fn generate_each(
        &self,
        request: &GenerationRequest<'_>,
        sink: &mut dyn FnMut(Completion),
    ) -> anyhow::Result<()> {
        for completion in self.recorded(request) {
            let ready = Instant::now() + self.delay;
            while Instant::now() < ready {
                if request.cancel.is_cancelled() {
                    anyhow::bail!("cancelled");
                }
                std::thread::sleep((ready - Instant::now()).min(Duration::from_millis(20)));
            }
            sink(completion.clone());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn parses_and_reports_bad_lines() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        writeln!(
            f,
            r#"{{"task_id": "a", "code": "def transform(g):\n    return g"}}"#
        )
        .unwrap();
        writeln!(f).unwrap();
        writeln!(f, r#"{{"task_id": "a", "completion": "text", "finish_reason": "length", "completion_tokens": 7}}"#).unwrap();
        let r = ReplayGenerator::open(f.path()).unwrap();
        assert_eq!(r.by_task["a"].len(), 2);
        assert_eq!(r.by_task["a"][1].finish_reason, FinishReason::Length);
        assert_eq!(r.by_task["a"][1].completion_tokens, 7);

        let mut bad = tempfile::NamedTempFile::new().unwrap();
        writeln!(bad, r#"{{"task_id": "a", "code": "x"}}"#).unwrap();
        writeln!(bad, r#"{{"task_id": "a"}}"#).unwrap();
        let err = ReplayGenerator::open(bad.path()).err().unwrap().to_string();
        assert!(err.contains(":2:"), "{err}");
        let mut bad = tempfile::NamedTempFile::new().unwrap();
        writeln!(bad, "not json").unwrap();
        assert!(ReplayGenerator::open(bad.path()).is_err());
    }

    #[test]
    fn refinement_lines_are_served_per_parent_and_must_name_a_recorded_program() {
        let parent = "def transform(g):\n    return g";
        let hash = crate::program::source_hash(parent);
        let fixed = "```python\ndef transform(g):\n    return g[::-1]\n```";
        let mut f = tempfile::NamedTempFile::new().unwrap();
        for line in [
            serde_json::json!({"task_id": "a", "completion": format!("```python\n{parent}\n```")}),
            serde_json::json!({"task_id": "a", "parent": hash, "completion": fixed}),
            serde_json::json!({"task_id": "a", "parent": hash, "code": "def transform(g):\n    return 1"}),
            serde_json::json!({"task_id": "a", "code": "def transform(g):\n    return 2"}),
        ] {
            writeln!(f, "{line}").unwrap();
        }
        let r = ReplayGenerator::open(f.path()).unwrap();
        assert!(r.can_refine());
        let task = Task {
            id: "a".into(),
            train: vec![],
            test: vec![],
            solutions: None,
        };
        let child = |before| Refinement {
            parent: &hash,
            children_before: before,
        };
        assert_eq!(r.available(&task, None, 0), Some(2));
        assert_eq!(r.available(&task, Some(child(0)), 5), Some(2));
        assert_eq!(r.available(&task, Some(child(1)), 5), Some(1));
        assert_eq!(r.rest(&task, Some(child(0)), 0)[0].text, fixed);
        assert_eq!(
            r.rest(&task, None, 1)[0].code.as_deref(),
            Some("def transform(g):\n    return 2")
        );

        // A parent no earlier line of the task recorded, or not a hash at all: file:line errors.
        for (parent, want) in [
            ("00000000000000ff", "no program recorded"),
            ("nope", "16 hex digits"),
        ] {
            let mut bad = tempfile::NamedTempFile::new().unwrap();
            writeln!(
                bad,
                r#"{{"task_id": "a", "code": "def transform(g):\n    return g"}}"#
            )
            .unwrap();
            writeln!(
                bad,
                r#"{{"task_id": "a", "parent": "{parent}", "code": "x = 1"}}"#
            )
            .unwrap();
            let err = ReplayGenerator::open(bad.path()).err().unwrap().to_string();
            assert!(err.contains(":2:") && err.contains(want), "{err}");
        }
        let mut other_task = tempfile::NamedTempFile::new().unwrap();
        writeln!(
            other_task,
            r#"{{"task_id": "a", "code": "def transform(g):\n    return g"}}"#
        )
        .unwrap();
        writeln!(
            other_task,
            r#"{{"task_id": "b", "parent": "{hash}", "code": "x = 1"}}"#
        )
        .unwrap();
        assert!(ReplayGenerator::open(other_task.path()).is_err());
    }
}
