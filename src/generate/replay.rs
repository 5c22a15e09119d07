//! The `replay` backend: completions or bare programs recorded in a JSONL file.
//!
//! Each line is `{"task_id": …, "completion": …}` or `{"task_id": …, "code": …}`, optionally with
//! `reasoning`, `finish_reason` (`stop`/`length`/`error`), `error`, `prompt_tokens`, `completion_tokens`.
//! Lines of a task are returned in file order.

use super::{Completion, FinishReason, GenerationRequest, Generator};
use serde::Deserialize;
use std::collections::HashMap;
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

/// Recorded completions keyed by task id.
pub struct ReplayGenerator {
    source: PathBuf,
    by_task: HashMap<String, Vec<Completion>>,
    delay: Duration,
}

impl ReplayGenerator {
    /// Reads a JSONL file; every line must parse and carry `completion` or `code`.
    pub fn open(path: &Path) -> Result<ReplayGenerator, ReplayError> {
        let text = std::fs::read_to_string(path).map_err(|source| ReplayError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut by_task: HashMap<String, Vec<Completion>> = HashMap::new();
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
            by_task.entry(line.task_id).or_default().push(completion);
        }
        Ok(ReplayGenerator {
            source: path.to_path_buf(),
            by_task,
            delay: Duration::ZERO,
        })
    }

    /// Hands each completion over only after `delay`, like a model producing it (for exercising
    /// time budgets and interruptions without one).
    pub fn with_delay(mut self, delay: Duration) -> ReplayGenerator {
        self.delay = delay;
        self
    }

    fn recorded(&self, request: &GenerationRequest<'_>) -> &[Completion] {
        let all = self
            .by_task
            .get(&request.task.id)
            .map_or(&[][..], Vec::as_slice);
        let rest = &all[request.first_sample.min(all.len())..];
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
}
