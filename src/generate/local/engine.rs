//! One engine per device: owns the model, admits requests into a continuous decode batch, prefills
//! each request's prompt once, and decodes every live sample of every admitted request together.
//!
//! A request's samples may start in several parts when the batch is full; the parts share the one
//! prefix cache, as do requests with the same prompt while one of them is alive. Finished samples
//! leave the batch at once (their suffix rows are dropped), and their completions are handed out
//! as they finish. Per request, [`RequestOptions`] ask for log-probabilities, for text streamed as
//! it is generated, and carry a flag that cancels the request.

use super::cache::{PrefixCache, SuffixCache};
use super::loader::memory_info;
use super::logprobs::{sample_row, token_logprobs, TokenLogprobs};
use super::qwen::{QwenModel, TaskKv};
use super::sampler::{sample_seed, Sampler};
use super::scheduler::{admit, Admission, BatchBudget, BatchUsage, Demand};
use super::sequence::Sequence;
use super::tokenizer::ChatTokenizer;
use crate::generate::{Completion, SamplingParams};
use candle_core::Result;
use crossbeam_channel::{Receiver, Sender};
use rayon::prelude::*;
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Limits of an engine.
#[derive(Clone, Copy, Debug)]
pub struct EngineOptions {
    /// Most sample rows decoded together.
    pub max_batch: usize,
    /// KV-cache bytes the batch may hold; `None`: 80 % of the device memory free after loading.
    pub kv_budget: Option<usize>,
    /// Prompt tokens per prefill chunk; 0 picks one that keeps attention scores near 256 MiB.
    pub prefill_chunk: usize,
    /// Read device memory use after every decode step into [`EngineStats::peak_memory`]
    /// (benchmarks; costs a driver call per step).
    pub track_memory: bool,
}

impl Default for EngineOptions {
    fn default() -> Self {
        EngineOptions {
            max_batch: 64,
            kv_budget: None,
            prefill_chunk: 0,
            track_memory: false,
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
    /// Time spent prefilling.
    pub prefill_time: Duration,
    /// Tokens produced by decode steps (one per live row per step).
    pub decode_tokens: u64,
    /// Decode steps run.
    pub decode_steps: u64,
    /// Time spent in decode steps, sampling included.
    pub decode_time: Duration,
    /// Of `decode_time`: the decoder layers (embedding to last hidden state).
    pub forward_time: Duration,
    /// Of `decode_time`: the LM head (final norm, vocabulary projection, f32 logits).
    pub lm_head_time: Duration,
    /// Of `decode_time`: choosing the tokens from the logits.
    pub sample_time: Duration,
    /// Of `decode_time`: the rest, on the host (copies to the host, bookkeeping, streaming).
    pub host_time: Duration,
    /// Most rows decoded in one step.
    pub peak_rows: usize,
    /// Most KV bytes held at once.
    pub peak_kv_bytes: usize,
    /// Most device memory in use after a decode step (process RSS on the CPU), when tracked.
    pub peak_memory: usize,
}

/// A prefilled prompt: its KV cache and the logits its samples draw their first token from.
/// Requests with the same prompt share one while any of them is alive.
struct SharedPrompt {
    tokens: Vec<u32>,
    cache: PrefixCache,
    last_logits: Vec<f32>,
}

struct Waiting {
    request: EngineRequest,
    next_sample: usize,
    prefix: Option<Rc<SharedPrompt>>,
}

struct Running {
    prefix: Rc<SharedPrompt>,
    suffix: SuffixCache,
    sequences: Vec<Sequence>,
    prompt_tokens: usize,
    sampling: SamplingParams,
    options: RequestOptions,
    events: Sender<EngineEvent>,
}

/// Attention scores of one prefill chunk are kept near this size.
const PREFILL_SCORE_BYTES: usize = 256 << 20;

/// The engine of one device.
pub struct Engine {
    model: QwenModel,
    /// Ends samples at eos and renders their text; without one (benchmarks of random weights)
    /// samples run to their length and carry no text.
    tokenizer: Option<Arc<ChatTokenizer>>,
    budget: BatchBudget,
    prefill_chunk: usize,
    track_memory: bool,
    kv_bytes_per_token: usize,
    waiting: VecDeque<Waiting>,
    running: Vec<Running>,
    stats: EngineStats,
}

impl Engine {
    /// An engine over a loaded model. Without `kv_budget`, 80 % of the memory free now (after the
    /// weights were loaded) goes to the KV cache.
    pub fn new(
        model: QwenModel,
        tokenizer: Option<Arc<ChatTokenizer>>,
        options: EngineOptions,
    ) -> Engine {
        let kv_bytes_per_token = model
            .config()
            .kv_bytes_per_token(model.dtype().size_in_bytes());
        let kv_bytes = options.kv_budget.unwrap_or_else(|| {
            memory_info(model.device()).map_or(4 << 30, |(free, _)| free / 5 * 4)
        });
        Engine {
            budget: BatchBudget {
                max_rows: options.max_batch.max(1),
                kv_bytes,
            },
            prefill_chunk: options.prefill_chunk,
            track_memory: options.track_memory,
            kv_bytes_per_token,
            model,
            tokenizer,
            waiting: VecDeque::new(),
            running: Vec::new(),
            stats: EngineStats::default(),
        }
    }

    /// The batch limits in force.
    pub fn budget(&self) -> BatchBudget {
        self.budget
    }

    /// Counters so far.
    pub fn stats(&self) -> EngineStats {
        self.stats
    }

    /// Starts the counters afresh.
    pub fn reset_stats(&mut self) {
        self.stats = EngineStats::default();
    }

    /// The model.
    pub fn model(&self) -> &QwenModel {
        &self.model
    }

    /// Queues a request; it starts at the next [`Engine::step`] that has room.
    pub fn submit(&mut self, request: EngineRequest) {
        if request.n == 0 || request.options.is_cancelled() {
            return;
        }
        self.waiting.push_back(Waiting {
            request,
            next_sample: 0,
            prefix: None,
        });
    }

    /// Nothing queued or running.
    pub fn is_idle(&self) -> bool {
        self.waiting.is_empty() && self.running.is_empty()
    }

    /// Sample rows in the decode batch now.
    pub fn live_rows(&self) -> usize {
        self.running.iter().map(|t| t.sequences.len()).sum()
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

    /// Admits what fits, then runs one decode step. Errors fail the requests involved (they get
    /// an [`EngineEvent::Failed`]) and the engine goes on with the rest.
    pub fn step(&mut self) {
        self.drop_cancelled();
        self.admit_waiting();
        if self.running.is_empty() {
            return;
        }
        if let Err(e) = self.decode_step() {
            for task in self.running.drain(..) {
                let _ = task
                    .events
                    .send(EngineEvent::Failed(format!("decode failed: {e}")));
            }
        }
    }

    /// Forgets cancelled requests: waiting ones leave the queue, running ones their rows (their
    /// suffix caches go with them, and a prefix cache nobody else shares is freed).
    fn drop_cancelled(&mut self) {
        self.waiting.retain(|w| !w.request.options.is_cancelled());
        self.running.retain(|t| !t.options.is_cancelled());
    }

    /// Prefix caches alive now (running or waiting with a started part), each once.
    fn resident_prefixes(&self) -> Vec<&Rc<SharedPrompt>> {
        let mut out: Vec<&Rc<SharedPrompt>> = Vec::new();
        let all = self
            .running
            .iter()
            .map(|t| &t.prefix)
            .chain(self.waiting.iter().filter_map(|w| w.prefix.as_ref()));
        for p in all {
            if !out.iter().any(|q| Rc::ptr_eq(p, q)) {
                out.push(p);
            }
        }
        out
    }

    fn usage(&self) -> BatchUsage {
        let mut usage = BatchUsage::default();
        for task in &self.running {
            usage.rows += task.sequences.len();
            usage.kv_bytes += task.sequences.len()
                * task.sampling.max_new_tokens.max(1)
                * self.kv_bytes_per_token;
        }
        usage.kv_bytes += self
            .resident_prefixes()
            .iter()
            .map(|p| p.cache.len() * self.kv_bytes_per_token)
            .sum::<usize>();
        usage
    }

    /// Starts samples of waiting requests, in arrival order, while they fit.
    fn admit_waiting(&mut self) {
        while let Some(front) = self.waiting.front() {
            let req = &front.request;
            let resident = front.prefix.clone().or_else(|| {
                self.resident_prefixes()
                    .into_iter()
                    .find(|p| p.tokens == req.prompt)
                    .cloned()
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
            w.prefix = resident;
            if w.prefix.is_none() {
                match self.prefill(&w.request.prompt) {
                    Ok(prompt) => w.prefix = Some(Rc::new(prompt)),
                    Err(e) => {
                        let _ = w
                            .request
                            .events
                            .send(EngineEvent::Failed(format!("prefill failed: {e}")));
                        continue;
                    }
                }
            }
            if let Err(e) = self.start_samples(&mut w, n) {
                let _ = w.request.events.send(EngineEvent::Failed(format!("{e}")));
                continue;
            }
            if w.next_sample < w.request.n {
                self.waiting.push_front(w);
            }
        }
    }

    fn prefill(&mut self, prompt: &[u32]) -> Result<SharedPrompt> {
        let started = Instant::now();
        let cfg = self.model.config();
        if prompt.is_empty() {
            candle_core::bail!("empty prompt");
        }
        if prompt.len() >= cfg.max_position_embeddings {
            candle_core::bail!(
                "prompt of {} tokens is longer than the model's {} positions",
                prompt.len(),
                cfg.max_position_embeddings
            );
        }
        let chunk = match self.prefill_chunk {
            0 => {
                (PREFILL_SCORE_BYTES / (cfg.num_attention_heads * prompt.len() * 4)).clamp(16, 512)
            }
            c => c,
        };
        let mut cache =
            PrefixCache::new(cfg, prompt.len(), self.model.dtype(), self.model.device())?;
        let last_logits = self
            .model
            .prefill(prompt, &mut cache, chunk)?
            .to_vec1::<f32>()?;
        self.stats.prefill_tokens += prompt.len() as u64;
        self.stats.prefill_time += started.elapsed();
        Ok(SharedPrompt {
            tokens: prompt.to_vec(),
            cache,
            last_logits,
        })
    }

    /// Starts the next `n` samples of a prefilled request: each draws its first token from the
    /// prompt's last logits, then joins the batch (unless that token already ended it).
    fn start_samples(&mut self, w: &mut Waiting, n: usize) -> Result<()> {
        let req = &w.request;
        let prefix = w.prefix.clone().expect("prefilled");
        let tokenizer = self.tokenizer.as_deref();
        let mut sequences = Vec::with_capacity(n);
        for index in w.next_sample..w.next_sample + n {
            let sampler = Sampler::new(&req.sampling, sample_seed(req.sampling.seed, index));
            let stop = req.sampling.stop.clone();
            let mut seq = Sequence::new(index, sampler, stop, req.options.logprobs.is_some());
            let mut logits = prefix.last_logits.clone();
            let token = seq.sampler.sample(&mut logits);
            let logprobs = req
                .options
                .logprobs
                .map(|top| token_logprobs(&prefix.last_logits, token, top));
            match seq.advance(tokenizer, token, logprobs, req.sampling.max_new_tokens) {
                Some(reason) => seq.finish(
                    tokenizer,
                    reason,
                    prefix.cache.len(),
                    req.options.stream,
                    &req.events,
                ),
                None => {
                    if req.options.stream {
                        seq.send_delta(&req.events);
                    }
                    sequences.push(seq);
                }
            }
        }
        w.next_sample += n;
        if sequences.is_empty() {
            return Ok(());
        }
        let cfg = self.model.config();
        let suffix = SuffixCache::new(
            cfg,
            sequences.len(),
            0,
            self.model.dtype(),
            self.model.device(),
        )?;
        self.running.push(Running {
            prompt_tokens: prefix.cache.len(),
            prefix,
            suffix,
            sequences,
            sampling: req.sampling.clone(),
            options: req.options.clone(),
            events: req.events.clone(),
        });
        Ok(())
    }

    fn decode_step(&mut self) -> Result<()> {
        let started = Instant::now();
        let tokens: Vec<u32> = self
            .running
            .iter()
            .flat_map(|t| t.sequences.iter().map(|s| s.last))
            .collect();
        let (forward, lm_head);
        let logits = {
            let mut kv: Vec<TaskKv<'_>> = self
                .running
                .iter_mut()
                .map(|t| TaskKv {
                    prefix: &t.prefix.cache,
                    suffix: &mut t.suffix,
                })
                .collect();
            let hidden = self.model.decode_hidden(&tokens, &mut kv)?;
            forward = started.elapsed();
            let head = Instant::now();
            let logits = self.model.logits(&hidden)?;
            lm_head = head.elapsed();
            logits
        };
        let vocab = logits.dim(1)?;
        let mut logits = logits.flatten_all()?.to_vec1::<f32>()?;
        self.stats.decode_steps += 1;
        self.stats.decode_tokens += tokens.len() as u64;
        self.stats.peak_rows = self.stats.peak_rows.max(tokens.len());
        let kv_now: usize = self.running.iter().map(|t| t.suffix.bytes()).sum::<usize>()
            + self
                .resident_prefixes()
                .iter()
                .map(|p| p.cache.bytes())
                .sum::<usize>();
        self.stats.peak_kv_bytes = self.stats.peak_kv_bytes.max(kv_now);
        if self.track_memory {
            let used = super::loader::memory_in_use(self.model.device()).unwrap_or(0);
            self.stats.peak_memory = self.stats.peak_memory.max(used);
        }
        // Sampling a ~152k-entry row costs a fraction of a millisecond; rows are independent (each
        // sample owns its random stream), so they are sampled in parallel.
        let sampling = Instant::now();
        let picks: Vec<(u32, Option<TokenLogprobs>)> = {
            let mut rows: Vec<(&mut Sampler, Option<usize>)> = self
                .running
                .iter_mut()
                .flat_map(|t| {
                    let top = t.options.logprobs;
                    t.sequences.iter_mut().map(move |s| (&mut s.sampler, top))
                })
                .collect();
            logits
                .par_chunks_mut(vocab)
                .zip(rows.par_iter_mut())
                .map(|(row, (sampler, top))| sample_row(sampler, row, *top))
                .collect()
        };
        let sample = sampling.elapsed();
        let mut next = picks.into_iter();
        let mut running = std::mem::take(&mut self.running);
        let tokenizer = self.tokenizer.as_deref();
        for task in &mut running {
            let mut keep = Vec::with_capacity(task.sequences.len());
            let mut live = Vec::with_capacity(task.sequences.len());
            let stream = task.options.stream;
            for (i, mut seq) in std::mem::take(&mut task.sequences).into_iter().enumerate() {
                let (token, logprobs) = next.next().expect("one token per row");
                match seq.advance(tokenizer, token, logprobs, task.sampling.max_new_tokens) {
                    Some(reason) => {
                        seq.finish(tokenizer, reason, task.prompt_tokens, stream, &task.events)
                    }
                    None => {
                        if stream {
                            seq.send_delta(&task.events);
                        }
                        keep.push(i);
                        live.push(seq);
                    }
                }
            }
            task.sequences = live;
            if !task.sequences.is_empty() {
                task.suffix.retain_rows(&keep)?;
            }
        }
        running.retain(|t| !t.sequences.is_empty());
        self.running = running;
        let elapsed = started.elapsed();
        self.stats.decode_time += elapsed;
        self.stats.forward_time += forward;
        self.stats.lm_head_time += lm_head;
        self.stats.sample_time += sample;
        self.stats.host_time += elapsed
            .saturating_sub(forward)
            .saturating_sub(lm_head)
            .saturating_sub(sample);
        Ok(())
    }
}
