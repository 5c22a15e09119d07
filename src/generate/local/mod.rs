//! The `local` backend: Qwen-family models run in-process with candle (CPU, or CUDA with the `cuda`
//! feature). Each task's prompt is prefilled once; its N samples decode as one batch over a
//! shared-prefix KV cache, together with the samples of other tasks in flight.
//!
//! Layout: [`config`] → [`qwen`] (model) with [`attention`] over the KV arena of [`cache`];
//! [`loader`] and [`lora`] read weights; [`tokenizer`] and [`chat`] turn text into ids and back;
//! [`sampler`] (the algorithm) and [`sample_op`] (run on the device, with [`logprobs`]) choose
//! tokens; [`kernels`] holds the CUDA kernels' PTX; [`scheduler`], [`engine`] and its steps run one
//! device, its prompts in the prefix tree of [`prefix`]; [`LocalGenerator`] spreads requests over
//! the devices' engines, for the `local` backend ([`Generator`]) and for `serve`
//! ([`LocalGenerator::submit`]). [`opcount`] counts tensor operations for `bench gen`.

pub mod attention;
pub mod cache;
pub mod chat;
pub mod config;
pub mod engine;
pub mod hub;
pub mod kernels;
pub mod loader;
pub mod logprobs;
pub mod lora;
pub mod opcount;
pub mod prefix;
pub mod qwen;
pub mod sample_op;
pub mod sampler;
pub mod scheduler;
mod sequence;
mod step;
mod token_bytes;
pub mod tokenizer;

use crate::generate::{Completion, GenerationRequest, Generator, SamplingParams};
use anyhow::{anyhow, Context};
use crossbeam_channel::{Receiver, Sender};
use engine::{Engine, EngineEvent, EngineOptions, EngineRequest, EngineStats, RequestOptions};
use loader::{DTypeChoice, DeviceSpec, ModelFiles};
use lora::LoraAdapter;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;
use tokenizer::ChatTokenizer;

/// What to load and how to run it.
#[derive(Clone, Debug)]
pub struct LocalOptions {
    /// Model directory (already resolved from a hub id).
    pub model_dir: PathBuf,
    /// Model name in the store (the hub id it came from); default: the directory's name.
    pub label: Option<String>,
    /// LoRA adapter merged at load.
    pub adapter: Option<PathBuf>,
    /// Weight and activation dtype.
    pub dtype: DTypeChoice,
    /// One engine per device.
    pub devices: Vec<DeviceSpec>,
    /// Batch limits of each engine.
    pub engine: EngineOptions,
    /// Qwen3 no-think prompt form.
    pub no_think: bool,
}

struct EngineHandle {
    requests: Option<Sender<EngineRequest>>,
    /// Samples sent and not yet finished, to pick the least loaded device.
    outstanding: Arc<AtomicUsize>,
    /// Tasks and prompts of the requests in flight there, so another request of the same task,
    /// or one that shares most of its prompt with one of them, goes to the same engine (and
    /// shares its KV cache).
    live: Arc<Mutex<LivePrompts>>,
    /// The engine's counters after its latest step.
    stats: Arc<Mutex<EngineStats>>,
    thread: Option<JoinHandle<()>>,
}

/// A request in flight on one engine.
struct LivePrompt {
    /// Its submission's key.
    key: u64,
    /// The task it is for, when the caller said.
    task: Option<String>,
    prompt: Arc<[u32]>,
}

/// Requests in flight on one engine, by submission.
#[derive(Default)]
struct LivePrompts {
    next: u64,
    prompts: Vec<LivePrompt>,
}

impl LivePrompts {
    /// Longest run of tokens `prompt` starts with in common with a prompt in flight.
    fn longest_common(&self, prompt: &[u32]) -> usize {
        self.prompts
            .iter()
            .map(|l| {
                l.prompt
                    .iter()
                    .zip(prompt)
                    .take_while(|(a, b)| a == b)
                    .count()
            })
            .max()
            .unwrap_or(0)
    }

    /// A request of `task` is in flight.
    fn has_task(&self, task: &str) -> bool {
        self.prompts.iter().any(|l| l.task.as_deref() == Some(task))
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A poisoned lock only means another thread panicked; the data is plain bookkeeping.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The `local` generator: one engine thread per device.
pub struct LocalGenerator {
    engines: Vec<EngineHandle>,
    tokenizer: Arc<ChatTokenizer>,
    name: String,
    adapter: Option<String>,
    no_think: bool,
    max_batch: usize,
    max_positions: usize,
    prefix_sharing: bool,
}

/// The engine thread a request was for has stopped (it panicked, or the generator is being
/// dropped).
#[derive(Debug, thiserror::Error)]
#[error("the engine thread has stopped")]
pub struct EngineGone;

/// A request in flight on one engine (from [`LocalGenerator::submit`]): its events, in order,
/// until every sample has finished. Dropping it cancels what has not finished, so a caller that
/// stops listening (a client that went away) frees its batch rows at the engine's next step.
pub struct Submission {
    events: Receiver<EngineEvent>,
    n: usize,
    finished: usize,
    failed: bool,
    /// The engine's count of unfinished samples, kept right as samples finish or are abandoned.
    outstanding: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    /// Its entry in the engine's prompts in flight, removed on drop.
    live: Option<(Arc<Mutex<LivePrompts>>, u64)>,
    engine: usize,
}

impl Submission {
    /// The next event, waiting for it: `Ok(None)` once every sample has finished or after the
    /// request's [`EngineEvent::Failed`].
    pub fn next_event(&mut self) -> Result<Option<EngineEvent>, EngineGone> {
        loop {
            if let Some(event) = self.next_event_within(Duration::from_secs(3600))? {
                return Ok(event);
            }
        }
    }

    /// Like [`Submission::next_event`], but waits at most `wait`: `Ok(None)` when nothing came.
    pub fn next_event_within(
        &mut self,
        wait: Duration,
    ) -> Result<Option<Option<EngineEvent>>, EngineGone> {
        if self.failed || self.finished >= self.n {
            return Ok(Some(None));
        }
        let event = match self.events.recv_timeout(wait) {
            Ok(event) => event,
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => return Ok(None),
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => return Err(EngineGone),
        };
        match &event {
            EngineEvent::Sample { .. } => {
                self.finished += 1;
                self.outstanding.fetch_sub(1, Ordering::Relaxed);
            }
            EngineEvent::Failed(_) => self.failed = true,
            EngineEvent::Delta { .. } => {}
        }
        Ok(Some(Some(event)))
    }

    /// Samples requested.
    pub fn samples(&self) -> usize {
        self.n
    }

    /// The engine (device, in `--devices` order) it went to.
    pub fn engine(&self) -> usize {
        self.engine
    }

    /// Asks the engine to drop what has not finished (also done on drop).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl Drop for Submission {
    fn drop(&mut self) {
        self.cancel();
        let unfinished = self.n - self.finished.min(self.n);
        self.outstanding.fetch_sub(unfinished, Ordering::Relaxed);
        if let Some((live, key)) = self.live.take() {
            lock(&live).prompts.retain(|l| l.key != key);
        }
    }
}

impl LocalGenerator {
    /// Loads the model (and adapter) on every device; fails if any device fails.
    pub fn load(options: &LocalOptions) -> anyhow::Result<LocalGenerator> {
        let files = ModelFiles::open(&options.model_dir)?;
        let tokenizer = Arc::new(ChatTokenizer::from_dir(&options.model_dir)?);
        let adapter = options
            .adapter
            .as_deref()
            .map(LoraAdapter::load)
            .transpose()?
            .map(Arc::new);
        let max_positions = files.config.max_position_embeddings;
        let mut name = options.label.clone().unwrap_or_else(|| {
            options.model_dir.file_name().map_or_else(
                || options.model_dir.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        });
        if let Some(a) = &adapter {
            name = format!("{name}+{}", a.name);
        }
        if options.devices.is_empty() {
            anyhow::bail!("no devices to run on");
        }
        let mut engines = Vec::new();
        // The largest engine batch (each engine sizes its own when --max-batch is not given).
        let mut max_batch = 1;
        for &device in &options.devices {
            let (tx, rx) = crossbeam_channel::unbounded::<EngineRequest>();
            let (ready_tx, ready_rx) = crossbeam_channel::bounded::<Result<usize, String>>(1);
            let (files, adapter, tokenizer) = (files.clone(), adapter.clone(), tokenizer.clone());
            let (dtype, engine_options) = (options.dtype, options.engine);
            let stats: Arc<Mutex<EngineStats>> = Arc::default();
            let published = stats.clone();
            let thread = std::thread::Builder::new()
                .name(format!("engine-{device}"))
                .spawn(move || {
                    let loaded = (|| -> Result<Engine, loader::LoadError> {
                        let dev = loader::open_device(&device)?;
                        let dtype = loader::resolve_dtype(dtype, &dev);
                        let model = loader::load_model(&files, adapter.as_deref(), dtype, &dev)?;
                        Engine::new(model, Some(tokenizer), engine_options).map_err(|e| {
                            loader::LoadError::Device(format!("cannot allocate the KV arena: {e}"))
                        })
                    })();
                    match loaded {
                        Ok(engine) => {
                            let _ = ready_tx.send(Ok(engine.budget().max_rows));
                            engine.serve(rx, Some(&published));
                        }
                        Err(e) => {
                            let _ = ready_tx.send(Err(format!("{device}: {e}")));
                        }
                    }
                })
                .context("cannot start an engine thread")?;
            engines.push(EngineHandle {
                requests: Some(tx),
                outstanding: Arc::default(),
                live: Arc::default(),
                stats,
                thread: Some(thread),
            });
            let rows = ready_rx
                .recv()
                .map_err(|_| anyhow!("{device}: engine thread died while loading"))?
                .map_err(|e| anyhow!(e))?;
            max_batch = max_batch.max(rows);
        }
        Ok(LocalGenerator {
            engines,
            tokenizer,
            name,
            adapter: adapter.map(|a| a.name.clone()),
            no_think: options.no_think,
            max_batch,
            max_positions,
            prefix_sharing: options.engine.prefix_sharing,
        })
    }

    /// Each engine's counters (in `--devices` order) as of its latest step.
    pub fn engine_stats(&self) -> Vec<EngineStats> {
        self.engines.iter().map(|e| *lock(&e.stats)).collect()
    }

    /// The engine for a prompt: the least loaded one, unless prefix sharing is on and another
    /// engine at most a batch busier has a request in flight of the same `task`, or (callers
    /// that name no task, such as `serve`) one whose prompt shares at least half of this one
    /// more than anything on the least loaded engine does; then that one, so the shared part is
    /// prefilled and stored once. (Every refinement prompt starts with the same template text,
    /// a few hundred tokens: the task's grids are what make sharing pay.)
    fn pick_engine(&self, task: Option<&str>, prompt: &[u32]) -> usize {
        let load = |i: usize| self.engines[i].outstanding.load(Ordering::Relaxed);
        let least = (0..self.engines.len())
            .min_by_key(|&i| load(i))
            .unwrap_or(0);
        if !self.prefix_sharing || self.engines.len() < 2 {
            return least;
        }
        let near = |i: usize| load(i) <= load(least) + self.max_batch;
        if let Some(task) = task {
            if let Some(i) = (0..self.engines.len())
                .filter(|&i| near(i) && lock(&self.engines[i].live).has_task(task))
                .min_by_key(|&i| load(i))
            {
                return i;
            }
        }
        let shared: Vec<usize> = self
            .engines
            .iter()
            .map(|e| lock(&e.live).longest_common(prompt))
            .collect();
        let best = (0..self.engines.len())
            .max_by_key(|&i| (shared[i], std::cmp::Reverse(load(i))))
            .unwrap_or(least);
        let gain = shared[best] - shared[least];
        if gain > 0 && 2 * gain >= prompt.len() && near(best) {
            best
        } else {
            least
        }
    }

    /// The tokenizer prompts are encoded with.
    pub fn tokenizer(&self) -> &Arc<ChatTokenizer> {
        &self.tokenizer
    }

    /// The merged adapter's name (its directory's name), if one was merged.
    pub fn adapter(&self) -> Option<&str> {
        self.adapter.as_deref()
    }

    /// Whether prompts take Qwen3's no-think form by default (`--no-think`).
    pub fn no_think(&self) -> bool {
        self.no_think
    }

    /// The model's positions (`max_position_embeddings`): prompt plus generated tokens must fit.
    pub fn max_positions(&self) -> usize {
        self.max_positions
    }

    /// Sends `n` samples of an encoded prompt to an engine and returns at once; the events come
    /// through the [`Submission`]. Requests are never serialised here: each engine batches
    /// whatever it has, and requests whose prompts start alike share the common part's prefill.
    /// The engine is the least loaded one, or the one already running a request that shares
    /// most of this prompt (see [`LocalGenerator::pick_engine`]). `options.cancel` is created
    /// when absent (the submission's drop sets it).
    pub fn submit(
        &self,
        prompt: Vec<u32>,
        n: usize,
        sampling: SamplingParams,
        options: RequestOptions,
    ) -> Result<Submission, EngineGone> {
        self.submit_for_task(None, prompt, n, sampling, options)
    }

    /// [`LocalGenerator::submit`] for a request of `task`: with several engines and prefix
    /// sharing on, requests of one task go to one engine while any of them is in flight (unless
    /// it is more than a batch busier than the least loaded one).
    pub fn submit_for_task(
        &self,
        task: Option<&str>,
        prompt: Vec<u32>,
        n: usize,
        sampling: SamplingParams,
        mut options: RequestOptions,
    ) -> Result<Submission, EngineGone> {
        let index = self.pick_engine(task, &prompt);
        let engine = self.engines.get(index).ok_or(EngineGone)?;
        let (tx, rx) = crossbeam_channel::unbounded();
        let cancel = options.cancel.get_or_insert_with(Arc::default).clone();
        engine.outstanding.fetch_add(n, Ordering::Relaxed);
        let live = (self.prefix_sharing && self.engines.len() > 1 && n > 0).then(|| {
            let mut live = lock(&engine.live);
            let key = live.next;
            live.next += 1;
            live.prompts.push(LivePrompt {
                key,
                task: task.map(str::to_string),
                prompt: Arc::from(prompt.as_slice()),
            });
            (engine.live.clone(), key)
        });
        // Built before sending so a failed send still gives the count back (on drop).
        let submission = Submission {
            events: rx,
            n,
            finished: 0,
            failed: false,
            outstanding: engine.outstanding.clone(),
            cancel,
            live,
            engine: index,
        };
        if n > 0 {
            let requests = engine.requests.as_ref().ok_or(EngineGone)?;
            let request = EngineRequest {
                prompt,
                n,
                sampling,
                options,
                events: tx,
            };
            requests.send(request).map_err(|_| EngineGone)?;
        }
        Ok(submission)
    }
}

impl Generator for LocalGenerator {
    fn backend(&self) -> &str {
        "local"
    }

    fn model(&self) -> String {
        self.name.clone()
    }

    fn concurrent_tasks(&self, attempts: Option<usize>) -> usize {
        // Enough tasks to fill every engine's batch, plus one waiting per engine so a prefill is
        // ready when rows free up.
        let per_engine = self.max_batch.div_ceil(attempts.unwrap_or(1).max(1)) + 1;
        self.engines.len() * per_engine
    }

    fn generate_each(
        &self,
        request: &GenerationRequest<'_>,
        sink: &mut dyn FnMut(Completion),
    ) -> anyhow::Result<()> {
        let n = request.n.unwrap_or(1).max(1);
        let text = chat::render_chatml(request.prompt, self.no_think);
        let prompt = self.tokenizer.encode(&text)?;
        let options = RequestOptions::default();
        // Later passes of a task draw from other streams: the seed moves by the samples it has,
        // as the openai backend's request seed does (so both agree through `serve`).
        let mut sampling = request.sampling.clone();
        sampling.seed = sampling.seed.wrapping_add(request.first_sample as u64);
        let mut submission =
            self.submit_for_task(Some(&request.task.id), prompt, n, sampling, options)?;
        loop {
            // Dropping the submission on return cancels what the engine has not finished.
            let event = match submission.next_event_within(Duration::from_millis(50))? {
                None if request.cancel.is_cancelled() => anyhow::bail!("cancelled"),
                None => continue,
                Some(None) => break,
                Some(Some(event)) => event,
            };
            match event {
                EngineEvent::Sample { completion, .. } => sink(completion),
                EngineEvent::Failed(e) => return Err(anyhow!(e)),
                EngineEvent::Delta { .. } => {}
            }
        }
        Ok(())
    }
}

impl Drop for LocalGenerator {
    fn drop(&mut self) {
        // Closing the request channels ends each engine's loop once its work is done.
        for e in &mut self.engines {
            e.requests.take();
        }
        for e in &mut self.engines {
            if let Some(t) = e.thread.take() {
                let _ = t.join();
            }
        }
    }
}
