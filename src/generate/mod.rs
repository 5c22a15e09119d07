//! Backends that turn a task prompt into N completions, behind one [`Generator`] trait.
//!
//! Backends shipped here: [`local`] (a Qwen-family model run with candle), [`openai`] (any
//! OpenAI-compatible endpoint), [`replay`] (recorded completions or programs from JSONL) and the
//! built-in program [`crate::library`].

pub mod local;
pub mod openai;
pub mod replay;

use crate::prompt::Prompt;
use crate::task::Task;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// All sampling options in one place; model backends read what they support.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SamplingParams {
    /// Softmax temperature; 0 means greedy.
    pub temperature: f32,
    /// Nucleus sampling mass.
    pub top_p: f32,
    /// Keep only the k most likely tokens (0 = off).
    pub top_k: usize,
    /// Drop tokens below `min_p` × the top probability (0 = off).
    pub min_p: f32,
    /// Most tokens to generate per completion.
    pub max_new_tokens: usize,
    /// Seed: same seed, same completions.
    pub seed: u64,
    /// Generation ends when any of these strings appears (the text is cut before it).
    #[serde(default)]
    pub stop: Vec<String>,
}

impl Default for SamplingParams {
    fn default() -> Self {
        SamplingParams {
            temperature: 1.0,
            top_p: 1.0,
            top_k: 0,
            min_p: 0.0,
            max_new_tokens: 4096,
            seed: 0,
            stop: Vec::new(),
        }
    }
}

/// Why a completion ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FinishReason {
    /// End of sequence or a stop string.
    Stop,
    /// Hit `max_new_tokens`.
    Length,
    /// The backend failed for this sample (see [`Completion::error`]).
    Error,
}

/// One sampled completion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Completion {
    /// The answer text (what code extraction searches first).
    pub text: String,
    /// Separate reasoning text, when the backend returns one.
    pub reasoning: Option<String>,
    /// A program given directly (replay of bare programs); skips extraction.
    pub code: Option<String>,
    /// Tokens in the prompt (counted once per request by backends that share the prefix).
    pub prompt_tokens: u64,
    /// Tokens generated for this completion.
    pub completion_tokens: u64,
    /// Why generation stopped.
    pub finish_reason: FinishReason,
    /// Backend error message when `finish_reason` is `Error`.
    pub error: Option<String>,
    /// Label of the source (library program name, replay line), for reports.
    pub label: Option<String>,
}

impl Completion {
    /// A completion carrying a finished answer text.
    pub fn text(text: impl Into<String>) -> Completion {
        Completion {
            text: text.into(),
            reasoning: None,
            code: None,
            prompt_tokens: 0,
            completion_tokens: 0,
            finish_reason: FinishReason::Stop,
            error: None,
            label: None,
        }
    }

    /// A failed sample (counted as api-failure).
    pub fn failure(message: impl Into<String>) -> Completion {
        Completion {
            finish_reason: FinishReason::Error,
            error: Some(message.into()),
            ..Completion::text("")
        }
    }
}

/// Tells backends to stop early: a flag (set on SIGINT/SIGTERM) and an optional hard deadline.
/// Backends check it between steps and bound their waits by the deadline.
#[derive(Debug, Default)]
pub struct Cancellation {
    flag: AtomicBool,
    deadline: Option<Instant>,
}

impl Cancellation {
    /// Not cancelled; cancelled by itself at `deadline` when one is given.
    pub fn new(deadline: Option<Instant>) -> Cancellation {
        Cancellation {
            flag: AtomicBool::new(false),
            deadline,
        }
    }

    /// Cancels now.
    pub fn cancel(&self) {
        self.flag.store(true, Ordering::SeqCst);
    }

    /// Whether work should stop (cancelled, or past the deadline).
    pub fn is_cancelled(&self) -> bool {
        self.flag.load(Ordering::SeqCst) || self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    /// The hard deadline, if any.
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Time left before the deadline (`None` without one).
    pub fn time_left(&self) -> Option<Duration> {
        self.deadline
            .map(|d| d.saturating_duration_since(Instant::now()))
    }
}

/// What a backend is asked for: one task, its rendered prompt, how many samples, how to sample.
#[derive(Clone, Copy, Debug)]
pub struct GenerationRequest<'a> {
    /// The task (library backends read its train pairs; model backends use `prompt`).
    pub task: &'a Task,
    /// The rendered prompt.
    pub prompt: &'a Prompt,
    /// Samples wanted; `None` lets the backend choose (all recorded / all programs).
    pub n: Option<usize>,
    /// Sampling options.
    pub sampling: &'a SamplingParams,
    /// Number of the first sample asked for: samples the task already has from earlier passes.
    /// Backends make these samples differ from the earlier ones (the next recorded lines or
    /// programs, other random streams).
    pub first_sample: usize,
    /// When to give up.
    pub cancel: &'a Cancellation,
    /// Set when the prompt asks to repair a program ([`crate::search`]); `first_sample` is then
    /// the index the first child gets among the task's attempts.
    pub refines: Option<Refinement<'a>>,
}

/// The program a refinement request repairs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refinement<'a> {
    /// Its normalised-source hash ([`crate::program::source_hash`]).
    pub parent: &'a str,
    /// Children it had before this request.
    pub children_before: usize,
}

/// A source of completions.
pub trait Generator: Send + Sync {
    /// Backend name as recorded in the store (`library`, `replay`, `local`, `openai`).
    fn backend(&self) -> &str;
    /// Model name as recorded in the store.
    fn model(&self) -> String;
    /// Produces completions for one task. A returned `Err` fails the whole request (all its samples
    /// count as api-failure); per-sample failures are [`Completion::failure`] entries.
    ///
    /// A backend implements this or [`Generator::generate_each`] (each defaults to the other); the
    /// default collects what `generate_each` hands over.
    fn generate(&self, request: &GenerationRequest<'_>) -> anyhow::Result<Vec<Completion>> {
        let mut out = Vec::new();
        self.generate_each(request, &mut |c| out.push(c))?;
        Ok(out)
    }

    /// Tasks the solver keeps in flight at once when samples are `attempts` per task. Backends that
    /// batch several tasks' samples together ask for more than one.
    fn concurrent_tasks(&self, attempts: Option<usize>) -> usize {
        let _ = attempts;
        1
    }

    /// Hands over completions one at a time as they finish, so their programs can run while
    /// generation goes on. Backends that finish samples at different times override this; the
    /// default hands over [`Generator::generate`]'s results in order. An `Err` after some
    /// completions were handed over fails only the rest of the request.
    fn generate_each(
        &self,
        request: &GenerationRequest<'_>,
        sink: &mut dyn FnMut(Completion),
    ) -> anyhow::Result<()> {
        for completion in self.generate(request)? {
            sink(completion);
        }
        Ok(())
    }

    /// Whether the backend answers refinement prompts: models do; a backend that ignores the
    /// prompt (the program library) does not.
    fn can_refine(&self) -> bool {
        true
    }

    /// How many more completions the backend holds for `task`: fresh samples from number
    /// `first_sample` on, or, for `refines`, children of that parent from its `children_before`
    /// on. `None`: no limit (a model samples as many as asked).
    fn available(
        &self,
        task: &Task,
        refines: Option<Refinement<'_>>,
        first_sample: usize,
    ) -> Option<usize> {
        let _ = (task, refines, first_sample);
        None
    }

    /// Backend counters since the last call (HTTP calls, retries, failures by class), recorded in
    /// the run summary; the call starts them afresh. `None` for backends without any.
    fn take_run_stats(&self) -> Option<serde_json::Value> {
        None
    }
}
