//! One engine per device: owns the model and the KV arena, admits requests into a continuous
//! batch, prefills each prompt once, and decodes every live sample of every admitted request
//! together.
//!
//! Each [`Engine::step`] is one forward pass: every decode row advances by one token, and prompts
//! waiting to be prefilled advance by up to a budget of tokens ([`EngineOptions::prefill_chunk`]),
//! so a long prompt admitted while others decode is prefilled in chunks between their tokens
//! instead of freezing them. A request's samples may start in several parts when the batch is
//! full; the parts share the one prompt in the arena, as do requests with the same prompt while
//! one of them is alive. Finished samples leave the batch at once (their arena range is freed),
//! and their completions are handed out as they finish. Per request, [`RequestOptions`] ask for
//! log-probabilities, for text streamed as it is generated, and carry a flag that cancels the
//! request. The step itself is in [`super::step`].

use super::cache::{KvArena, Range};
use super::loader::memory_info;
use super::logprobs::TokenLogprobs;
use super::qwen::QwenModel;
use super::sampler::{sample_seed, DrawStream};
use super::scheduler::{
    admit, auto_max_batch, Admission, BatchBudget, BatchUsage, Demand, RowLengths,
};
use super::sequence::Sequence;
use super::tokenizer::ChatTokenizer;
use crate::generate::{Completion, FinishReason, SamplingParams};
use candle_core::{Result, Tensor};
use crossbeam_channel::{Receiver, Sender};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Limits of an engine.
#[derive(Clone, Copy, Debug)]
pub struct EngineOptions {
    /// Most sample rows decoded together; 0 sizes the batch from the KV budget and `lengths`,
    /// capped where the device's roofline says more rows stop paying
    /// ([`super::scheduler::auto_max_batch`]).
    pub max_batch: usize,
    /// KV-cache bytes (the arena); `None`: 80 % of the device memory free after loading.
    pub kv_budget: Option<usize>,
    /// Prompt tokens prefilled per step, across prompts; 0: [`DEFAULT_PREFILL_BUDGET`]. A chunk is
    /// also kept small enough that its attention scores stay near 256 MiB.
    pub prefill_chunk: usize,
    /// The requests expected, for sizing the batch when `max_batch` is 0.
    pub lengths: RowLengths,
    /// Benchmarks: synchronise the device between the parts of a step (so their times are
    /// theirs) and read its memory after every step into [`EngineStats::peak_memory`].
    pub profile: bool,
    /// Keep a [`StepRecord`] per step (see [`Engine::timeline`]).
    pub record_timeline: bool,
    /// Prefill every admitted prompt before the next decode step (how the engine worked before
    /// chunked prefill: running samples wait). Benchmarks use it so their decode steps run at the
    /// full batch.
    pub prefill_first: bool,
}

/// Prompt tokens prefilled per step when [`EngineOptions::prefill_chunk`] is 0.
pub const DEFAULT_PREFILL_BUDGET: usize = 512;

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            max_batch: 64,
            kv_budget: None,
            prefill_chunk: 0,
            lengths: RowLengths::default(),
            profile: false,
            record_timeline: false,
            prefill_first: false,
        }
    }
}

/// What an engine reports about a request.
#[derive(Debug)]
pub enum EngineEvent {
    /// Streaming requests: new final text of sample `index`. A sample's deltas, in order, add up
    /// to its completion's text exactly; its [`EngineEvent::Sample`] follows the last one.
    Delta {
        /// Sample number within the request (0-based).
        index: usize,
        /// The new text (never text a stop string will cut).
        text: String,
        /// Log-probabilities of the tokens generated since the previous delta, when asked for.
        logprobs: Option<Vec<TokenLogprobs>>,
    },
    /// Sample `index` finished.
    Sample {
        /// Sample number within the request (0-based).
        index: usize,
        /// Its completion.
        completion: Completion,
        /// Log-probabilities of its content tokens (not of an end-of-sequence token), when asked
        /// for.
        logprobs: Option<Vec<TokenLogprobs>>,
    },
    /// The request failed; no more events follow for it.
    Failed(String),
}

/// Per-request options beyond sampling. The default asks for nothing extra.
#[derive(Clone, Debug, Default)]
pub struct RequestOptions {
    /// Report each generated token's log-probability with this many most likely alternatives
    /// (`Some(0)`: the chosen token only; at most [`super::logprobs::MAX_TOP_LOGPROBS`]).
    pub logprobs: Option<usize>,
    /// Send [`EngineEvent::Delta`]s as text becomes final.
    pub stream: bool,
    /// Once set, the engine drops the request at its next step (waiting, or its rows in the
    /// batch, freeing their KV cache) and sends nothing more for it.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl RequestOptions {
    /// Whether the request was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

/// One prompt to sample `n` completions from.
pub struct EngineRequest {
    /// Prompt token ids.
    pub prompt: Vec<u32>,
    /// Samples wanted.
    pub n: usize,
    /// How to sample (seed, stop strings, length included).
    pub sampling: SamplingParams,
    /// Log-probabilities, streaming, cancellation.
    pub options: RequestOptions,
    /// Where the events go.
    pub events: Sender<EngineEvent>,
}

/// Throughput counters, for benchmarks and logs.
#[derive(Clone, Copy, Debug, Default)]
pub struct EngineStats {
    /// Prompt tokens prefilled.
    pub prefill_tokens: u64,
    /// Time of the steps that prefilled (decode rows they also ran included).
    pub prefill_time: Duration,
    /// Tokens produced by decode rows (one per live row per step).
    pub decode_tokens: u64,
    /// Steps with decode rows.
    pub decode_steps: u64,
    /// Steps with decode rows and nothing to prefill ("decode-only").
    pub decode_only_steps: u64,
    /// Tokens of the decode-only steps.
    pub decode_only_tokens: u64,
    /// Time of the decode-only steps, sampling included.
    pub decode_time: Duration,
    /// Of `decode_time`: the decoder layers (embedding to last hidden state).
    pub forward_time: Duration,
    /// Of `decode_time`: the LM head (final norm, vocabulary projection, f32 logits).
    pub lm_head_time: Duration,
    /// Of `decode_time`: choosing the tokens (and log-probabilities) from the logits.
    pub sample_time: Duration,
    /// Of `decode_time`: the rest, on the host (step tables, copies of the chosen ids,
    /// bookkeeping, streaming).
    pub host_time: Duration,
    /// Most rows decoded in one step.
    pub peak_rows: usize,
    /// Most KV bytes in use at once (arena tokens handed out × bytes per token).
    pub peak_kv_bytes: usize,
    /// Most device memory in use after a step (process RSS on the CPU), when profiling.
    pub peak_memory: usize,
}

/// What one step did (see [`EngineOptions::record_timeline`]).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct StepRecord {
    /// Decode rows that advanced.
    pub decode_rows: usize,
    /// Prompt tokens prefilled.
    pub prefill_tokens: usize,
    /// Wall time of the step.
    pub seconds: f64,
}

/// A prompt in the arena, prefilled (or being prefilled) once for every request part that uses it.
pub(super) struct Prompt {
    pub id: u64,
    pub tokens: Vec<u32>,
    /// Its arena tokens.
    pub range: Range,
    /// Tokens prefilled so far.
    pub prefilled: usize,
    /// f32 logits `[1, vocab]` after the last token, once prefilled: every sample's first draw.
    pub last_logits: Option<Tensor>,
    /// Request parts (waiting or started) that use it; freed at 0.
    pub users: usize,
}

impl Prompt {
    pub fn is_prefilled(&self) -> bool {
        self.prefilled == self.tokens.len()
    }
}

struct Waiting {
    request: EngineRequest,
    next_sample: usize,
    /// The prompt its first part was admitted with (one user of it).
    prompt: Option<u64>,
}

/// Samples of one request part over one prompt. Not started while the prompt is being
/// prefilled; started once each drew its first token, then a row each of the decode batch.
pub(super) struct Group {
    pub prompt: u64,
    pub started: bool,
    pub sequences: Vec<Sequence>,
    /// Sequences (by index) that ended this step, with why: reported and dropped together.
    pub finishing: Vec<(usize, FinishReason)>,
    pub prompt_tokens: usize,
    pub sampling: SamplingParams,
    pub options: RequestOptions,
    pub events: Sender<EngineEvent>,
}

/// The engine of one device.
pub struct Engine {
    pub(super) model: QwenModel,
    /// Ends samples at eos and renders their text; without one (benchmarks of random weights)
    /// samples run to their length and carry no text.
    pub(super) tokenizer: Option<Arc<ChatTokenizer>>,
    budget: BatchBudget,
    pub(super) prefill_budget: usize,
    pub(super) prefill_first: bool,
    pub(super) profile: bool,
    pub(super) kv_bytes_per_token: usize,
    pub(super) arena: KvArena,
    /// Live prompts in admission order (the order they are prefilled in).
    pub(super) prompts: Vec<Prompt>,
    next_prompt: u64,
    waiting: VecDeque<Waiting>,
    pub(super) groups: Vec<Group>,
    pub(super) stats: EngineStats,
    pub(super) timeline: Option<Vec<StepRecord>>,
}

impl Engine {
    /// An engine over a loaded model, with its KV arena. Without `kv_budget`, 80 % of the memory
    /// free now (after the weights were loaded) goes to the arena.
    pub fn new(
        model: QwenModel,
        tokenizer: Option<Arc<ChatTokenizer>>,
        options: EngineOptions,
    ) -> Result<Engine> {
        let cfg = model.config();
        let kv_bytes_per_token = cfg.kv_bytes_per_token(model.dtype().size_in_bytes());
        let kv_bytes = options.kv_budget.unwrap_or_else(|| {
            memory_info(model.device()).map_or(4 << 30, |(free, _)| free / 5 * 4)
        });
        // Slots are u32 on the device.
        let capacity = (kv_bytes / kv_bytes_per_token.max(1)).min(u32::MAX as usize);
        let max_rows = match options.max_batch {
            0 => auto_max_batch(
                capacity * kv_bytes_per_token,
                kv_bytes_per_token,
                options.lengths,
                super::scheduler::roofline_rows(model.device(), model.dtype()),
            ),
            n => n,
        };
        let arena = KvArena::new(cfg, capacity, model.dtype(), model.device())?;
        Ok(Engine {
            budget: BatchBudget {
                max_rows,
                kv_bytes: capacity * kv_bytes_per_token,
            },
            prefill_budget: match options.prefill_chunk {
                0 => DEFAULT_PREFILL_BUDGET,
                n => n,
            },
            prefill_first: options.prefill_first,
            profile: options.profile,
            kv_bytes_per_token,
            arena,
            model,
            tokenizer,
            prompts: Vec::new(),
            next_prompt: 0,
            waiting: VecDeque::new(),
            groups: Vec::new(),
            stats: EngineStats::default(),
            timeline: options.record_timeline.then(Vec::new),
        })
    }

    /// The batch limits in force.
    pub fn budget(&self) -> BatchBudget {
        self.budget
    }

    /// Counters so far.
    pub fn stats(&self) -> EngineStats {
        self.stats
    }

    /// Starts the counters (and the timeline) afresh.
    pub fn reset_stats(&mut self) {
        self.stats = EngineStats::default();
        if let Some(t) = &mut self.timeline {
            t.clear();
        }
    }

    /// The steps recorded since the last reset (empty unless [`EngineOptions::record_timeline`]).
    pub fn timeline(&self) -> &[StepRecord] {
        self.timeline.as_deref().unwrap_or_default()
    }

    /// The model.
    pub fn model(&self) -> &QwenModel {
        &self.model
    }

    /// The model back (the arena is freed).
    pub fn into_model(self) -> QwenModel {
        self.model
    }

    /// Prompt tokens prefilled per step.
    pub fn prefill_budget(&self) -> usize {
        self.prefill_budget
    }

    /// Queues a request; it starts at the next [`Engine::step`] that has room.
    pub fn submit(&mut self, request: EngineRequest) {
        if request.n == 0 || request.options.is_cancelled() {
            return;
        }
        self.waiting.push_back(Waiting {
            request,
            next_sample: 0,
            prompt: None,
        });
    }

    /// Nothing queued or running.
    pub fn is_idle(&self) -> bool {
        self.waiting.is_empty() && self.groups.is_empty()
    }

    /// Sample rows in the decode batch now.
    pub fn live_rows(&self) -> usize {
        self.groups
            .iter()
            .filter(|g| g.started)
            .map(|g| g.sequences.len())
            .sum()
    }

    /// Serves requests from a channel until it closes and all work is done.
    pub fn serve(mut self, requests: Receiver<EngineRequest>) {
        loop {
            if self.is_idle() {
                match requests.recv() {
                    Ok(r) => self.submit(r),
                    Err(_) => return,
                }
            }
            while let Ok(r) = requests.try_recv() {
                self.submit(r);
            }
            self.step();
        }
    }

    /// Runs until every submitted request has finished.
    pub fn run_to_completion(&mut self) {
        while !self.is_idle() {
            self.step();
        }
    }

    /// Admits what fits, then runs one step (decode rows and prefill chunks). Errors fail the
    /// requests involved (they get an [`EngineEvent::Failed`]) and the engine goes on with the
    /// rest.
    pub fn step(&mut self) {
        self.drop_cancelled();
        self.admit_waiting();
        if !self.groups.is_empty() {
            if let Err(e) = self.run_step() {
                // Every request with a part in the step fails (its prompt may be the cause);
                // requests not yet admitted go on.
                let why = format!("step failed: {e}");
                for g in std::mem::take(&mut self.groups) {
                    let _ = g.events.send(EngineEvent::Failed(why.clone()));
                    self.release_group(g);
                }
                for w in std::mem::take(&mut self.waiting) {
                    match w.prompt {
                        Some(id) => {
                            let _ = w.request.events.send(EngineEvent::Failed(why.clone()));
                            self.prompt_mut(id).users -= 1;
                        }
                        None => self.waiting.push_back(w),
                    }
                }
            }
        }
        self.release_unused_prompts();
    }

    /// Forgets cancelled requests: waiting ones leave the queue, started ones their rows (their
    /// arena ranges go with them, and a prompt nobody else uses is freed).
    fn drop_cancelled(&mut self) {
        let mut kept = VecDeque::with_capacity(self.waiting.len());
        for w in std::mem::take(&mut self.waiting) {
            if w.request.options.is_cancelled() {
                if let Some(id) = w.prompt {
                    self.prompt_mut(id).users -= 1;
                }
            } else {
                kept.push_back(w);
            }
        }
        self.waiting = kept;
        for g in std::mem::take(&mut self.groups) {
            if g.options.is_cancelled() {
                self.release_group(g);
            } else {
                self.groups.push(g);
            }
        }
    }

    pub(super) fn prompt_mut(&mut self, id: u64) -> &mut Prompt {
        self.prompts
            .iter_mut()
            .find(|p| p.id == id)
            .expect("live prompt")
    }

    pub(super) fn prompt(&self, id: u64) -> &Prompt {
        self.prompts
            .iter()
            .find(|p| p.id == id)
            .expect("live prompt")
    }

    /// Frees a group's rows and its hold on its prompt.
    pub(super) fn release_group(&mut self, g: Group) {
        for s in &g.sequences {
            self.arena.release(s.suffix);
        }
        self.prompt_mut(g.prompt).users -= 1;
    }

    /// Frees the arena ranges of prompts nobody uses.
    fn release_unused_prompts(&mut self) {
        let arena = &mut self.arena;
        self.prompts.retain(|p| {
            if p.users == 0 {
                arena.release(p.range);
            }
            p.users > 0
        });
    }

    fn usage(&self) -> BatchUsage {
        let allocator = self.arena.allocator();
        BatchUsage {
            rows: self.groups.iter().map(|g| g.sequences.len()).sum(),
            kv_bytes: (allocator.capacity() - allocator.free_tokens()) * self.kv_bytes_per_token,
        }
    }

    /// Starts samples of waiting requests, in arrival order, while they fit: their prompt gets an
    /// arena range (unless it is there already) and each sample a range for its tokens.
    fn admit_waiting(&mut self) {
        while let Some(front) = self.waiting.front() {
            let req = &front.request;
            let max_positions = self.model.config().max_position_embeddings;
            if req.prompt.is_empty() || req.prompt.len() >= max_positions {
                let w = self.waiting.pop_front().expect("front exists");
                let why = if w.request.prompt.is_empty() {
                    "empty prompt".to_string()
                } else {
                    format!(
                        "prompt of {} tokens is longer than the model's {max_positions} positions",
                        w.request.prompt.len()
                    )
                };
                let _ = w
                    .request
                    .events
                    .send(EngineEvent::Failed(format!("prefill failed: {why}")));
                continue;
            }
            let resident = front.prompt.or_else(|| {
                self.prompts
                    .iter()
                    .find(|p| p.tokens == req.prompt)
                    .map(|p| p.id)
            });
            let demand = Demand {
                prompt_tokens: req.prompt.len(),
                samples: req.n - front.next_sample,
                max_new_tokens: req.sampling.max_new_tokens,
                prefix_resident: resident.is_some(),
            };
            let n = match admit(self.budget, self.usage(), demand, self.kv_bytes_per_token) {
                Admission::Start(n) => n,
                Admission::Wait => return,
                Admission::Reject(why) => {
                    let w = self.waiting.pop_front().expect("front exists");
                    let _ = w.request.events.send(EngineEvent::Failed(why));
                    continue;
                }
            };
            let mut w = self.waiting.pop_front().expect("front exists");
            let prompt_id = match resident {
                Some(id) => id,
                None => match self.arena.allocate(w.request.prompt.len()) {
                    Ok(Some(range)) => {
                        let id = self.next_prompt;
                        self.next_prompt += 1;
                        self.prompts.push(Prompt {
                            id,
                            tokens: w.request.prompt.clone(),
                            range,
                            prefilled: 0,
                            last_logits: None,
                            users: 0,
                        });
                        id
                    }
                    Ok(None) => {
                        // No contiguous run that long now: wait for rows to finish.
                        self.waiting.push_front(w);
                        return;
                    }
                    Err(e) => {
                        let _ = w.request.events.send(EngineEvent::Failed(format!("{e}")));
                        continue;
                    }
                },
            };
            let sequences = match self.reserve_rows(&w, n) {
                Ok(s) => s,
                Err(e) => {
                    let _ = w.request.events.send(EngineEvent::Failed(format!("{e}")));
                    if let Some(id) = w.prompt {
                        self.prompt_mut(id).users -= 1;
                    }
                    continue;
                }
            };
            if sequences.is_empty() {
                // The arena is fragmented: wait for rows to finish.
                if w.prompt.is_none() {
                    w.prompt = Some(prompt_id);
                    self.prompt_mut(prompt_id).users += 1;
                }
                self.waiting.push_front(w);
                return;
            }
            w.next_sample += sequences.len();
            let group = Group {
                prompt: prompt_id,
                started: false,
                sequences,
                finishing: Vec::new(),
                prompt_tokens: w.request.prompt.len(),
                sampling: w.request.sampling.clone(),
                options: w.request.options.clone(),
                events: w.request.events.clone(),
            };
            self.prompt_mut(prompt_id).users += 1;
            self.groups.push(group);
            if w.next_sample < w.request.n {
                if w.prompt.is_none() {
                    w.prompt = Some(prompt_id);
                    self.prompt_mut(prompt_id).users += 1;
                }
                self.waiting.push_front(w);
            } else if let Some(id) = w.prompt {
                self.prompt_mut(id).users -= 1;
            }
        }
    }

    /// Arena ranges for up to `n` more samples of a waiting request (fewer when the free space is
    /// fragmented), as sequences not yet started.
    fn reserve_rows(&mut self, w: &Waiting, n: usize) -> Result<Vec<Sequence>> {
        let req = &w.request;
        let mut sequences = Vec::with_capacity(n);
        for index in w.next_sample..w.next_sample + n {
            // The last generated token is never fed back, so max_new_tokens - 1 slots suffice;
            // one more keeps a 1-token request's range non-empty.
            let Some(suffix) = self.arena.allocate(req.sampling.max_new_tokens.max(1))? else {
                break;
            };
            let draws = DrawStream::new(sample_seed(req.sampling.seed, index));
            let stop = req.sampling.stop.clone();
            sequences.push(Sequence::new(
                index,
                draws,
                suffix,
                stop,
                req.options.logprobs.is_some(),
            ));
        }
        Ok(sequences)
    }
}
