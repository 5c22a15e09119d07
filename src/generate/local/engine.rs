//! One engine per device: owns the model and the KV arena, admits requests into a continuous
//! batch, prefills each prompt once, and decodes every live sample of every admitted request
//! together.
//!
//! Each [`Engine::step`] is one forward pass: every decode row advances by one token, and prompts
//! waiting to be prefilled advance by up to a budget of tokens ([`EngineOptions::prefill_chunk`]),
//! so a long prompt admitted while others decode is prefilled in chunks between their tokens
//! instead of freezing them. A request's samples may start in several parts when the batch is
//! full; the parts share the one prompt in the arena. Requests whose prompts start alike share
//! the common run too, prefilled once ([`super::prefix`]: a tree of token runs; with
//! [`EngineOptions::prefix_sharing`] off, only identical prompts share). Finished samples leave
//! the batch at once (their arena range is freed), and their completions are handed out as they
//! finish. Per request, [`RequestOptions`] ask for log-probabilities, for text streamed as it is
//! generated, and carry a flag that cancels the request. The step itself is in [`super::step`].

use super::cache::{KvArena, Range};
use super::loader::memory_info;
use super::logprobs::TokenLogprobs;
use super::prefix::PrefixTree;
use super::qwen::QwenModel;
use super::sampler::{sample_seed, DrawStream};
use super::scheduler::{
    admit, auto_max_batch, Admission, BatchBudget, BatchUsage, Demand, RowLengths,
};
use super::sequence::Sequence;
use super::tokenizer::ChatTokenizer;
use crate::generate::{Completion, FinishReason, SamplingParams};
use candle_core::Result;
use crossbeam_channel::{Receiver, Sender};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
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
    /// Requests whose prompts start with the same tokens share that run's keys and values
    /// (prefilled once); off: only identical prompts share (`--no-prefix-sharing`).
    pub prefix_sharing: bool,
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
            prefix_sharing: true,
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
    /// Prompt tokens prefilled (computed).
    pub prefill_tokens: u64,
    /// Prompt tokens of the requests admitted (each request once, however many parts).
    pub prompt_tokens: u64,
    /// Of `prompt_tokens`: tokens found in the arena already (a resident prefix or the same
    /// prompt), so neither allocated nor prefilled again.
    pub shared_prompt_tokens: u64,
    /// KV bytes handed out over the run: prompt runs and sample rows (each allocation once).
    pub kv_allocated_bytes: u64,
    /// Of `kv_allocated_bytes`: for prompt runs.
    pub prompt_kv_allocated_bytes: u64,
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
    /// Most KV bytes in use at once (arena tokens handed out × bytes per token, after each
    /// allocation and each step).
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

struct Waiting {
    request: EngineRequest,
    next_sample: usize,
    /// The terminal prompt node its first part was admitted with (one hold on it).
    prompt: Option<u64>,
}

/// Samples of one request part over one prompt. Not started while the prompt is being
/// prefilled; started once each drew its first token, then a row each of the decode batch.
pub(super) struct Group {
    /// Its prompt's terminal node (one hold on it).
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
    /// Live prompts as a tree of token runs, in admission order (the order they are prefilled
    /// in).
    pub(super) prompts: PrefixTree,
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
            prompts: PrefixTree::new(options.prefix_sharing),
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

    /// KV bytes handed out now (prompt runs and sample rows); 0 once every request has finished.
    pub fn kv_bytes_in_use(&self) -> usize {
        let allocator = self.arena.allocator();
        (allocator.capacity() - allocator.free_tokens()) * self.kv_bytes_per_token
    }

    /// Prompt runs in the arena now (nodes of the prefix tree), and their tokens.
    pub fn resident_prompts(&self) -> (usize, usize) {
        (self.prompts.len(), self.prompts.resident_tokens())
    }

    /// KV bytes one token takes (keys and values of every layer).
    pub fn kv_bytes_per_token(&self) -> usize {
        self.kv_bytes_per_token
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

    /// Serves requests from a channel until it closes and all work is done; after every step the
    /// counters go to `stats` when given (for readers on other threads).
    pub fn serve(mut self, requests: Receiver<EngineRequest>, stats: Option<&Mutex<EngineStats>>) {
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
            if let Some(shared) = stats {
                // A poisoned lock only means a reader panicked; the counters are plain data.
                *shared.lock().unwrap_or_else(|e| e.into_inner()) = self.stats;
            }
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
                            self.prompts.unhold(id);
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
                    self.prompts.unhold(id);
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

    /// Frees a group's rows and its hold on its prompt.
    pub(super) fn release_group(&mut self, g: Group) {
        for s in &g.sequences {
            self.arena.release(s.suffix);
        }
        self.prompts.unhold(g.prompt);
    }

    /// Frees the arena ranges of prompt runs nobody uses.
    fn release_unused_prompts(&mut self) {
        self.prompts.free_unused(&mut self.arena);
    }

    /// A range of `len` arena tokens, counted in the stats.
    fn allocate(&mut self, len: usize, prompt: bool) -> Result<Option<Range>> {
        let range = self.arena.allocate(len)?;
        if let Some(r) = range {
            self.count_allocation(r.len, prompt);
        }
        Ok(range)
    }

    fn count_allocation(&mut self, tokens: usize, prompt: bool) {
        let bytes = (tokens * self.kv_bytes_per_token) as u64;
        self.stats.kv_allocated_bytes += bytes;
        if prompt {
            self.stats.prompt_kv_allocated_bytes += bytes;
        }
        self.stats.peak_kv_bytes = self.stats.peak_kv_bytes.max(self.kv_bytes_in_use());
    }

    fn usage(&self) -> BatchUsage {
        BatchUsage {
            rows: self.groups.iter().map(|g| g.sequences.len()).sum(),
            kv_bytes: self.kv_bytes_in_use(),
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
            // Prompt tokens already in the arena: all of them for a request that holds its
            // prompt (a later part), else the longest resident prefix it would share.
            let resident = match front.prompt {
                Some(_) => req.prompt.len(),
                None => self.prompts.resident(&req.prompt),
            };
            let demand = Demand {
                prompt_tokens: req.prompt.len(),
                samples: req.n - front.next_sample,
                max_new_tokens: req.sampling.max_new_tokens,
                resident_tokens: resident,
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
            let prompt_id = match w.prompt {
                Some(id) => id,
                None => match self.prompts.insert(&w.request.prompt, &mut self.arena) {
                    Ok(Some(id)) => {
                        let new = w.request.prompt.len() - resident;
                        if new > 0 {
                            self.count_allocation(new, true);
                        }
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
                        self.prompts.unhold(id);
                    }
                    continue;
                }
            };
            if w.prompt.is_none() {
                // The request's first part: count its prompt once.
                self.stats.prompt_tokens += w.request.prompt.len() as u64;
                self.stats.shared_prompt_tokens += resident as u64;
            }
            if sequences.is_empty() {
                // The arena is fragmented: wait for rows to finish.
                if w.prompt.is_none() {
                    w.prompt = Some(prompt_id);
                    self.prompts.hold(prompt_id);
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
            self.prompts.hold(prompt_id);
            self.groups.push(group);
            if w.next_sample < w.request.n {
                if w.prompt.is_none() {
                    w.prompt = Some(prompt_id);
                    self.prompts.hold(prompt_id);
                }
                self.waiting.push_front(w);
            } else if let Some(id) = w.prompt {
                self.prompts.unhold(id);
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
            let Some(suffix) = self.allocate(req.sampling.max_new_tokens.max(1), false)? else {
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
