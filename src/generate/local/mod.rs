//! The `local` backend: Qwen-family models run in-process with candle (CPU, or CUDA with the `cuda`
//! feature). Each task's prompt is prefilled once; its N samples decode as one batch over a
//! shared-prefix KV cache, together with the samples of other tasks in flight.
//!
//! Layout: [`config`] → [`qwen`] (model) with [`attention`] and [`cache`]; [`loader`] and [`lora`]
//! read weights; [`tokenizer`], [`chat`] and [`sampler`] turn text into ids and back; [`scheduler`]
//! and [`engine`] run one device; [`LocalGenerator`] spreads tasks over the devices' engines.

pub mod attention;
pub mod cache;
pub mod chat;
pub mod config;
pub mod engine;
pub mod hub;
pub mod loader;
pub mod lora;
pub mod qwen;
pub mod sampler;
pub mod scheduler;
pub mod tokenizer;

use crate::generate::{Completion, GenerationRequest, Generator};
use anyhow::{anyhow, Context};
use crossbeam_channel::Sender;
use engine::{Engine, EngineEvent, EngineOptions, EngineRequest};
use loader::{DTypeChoice, DeviceSpec, ModelFiles};
use lora::LoraAdapter;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
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
    thread: Option<JoinHandle<()>>,
}

/// The `local` generator: one engine thread per device.
pub struct LocalGenerator {
    engines: Vec<EngineHandle>,
    tokenizer: Arc<ChatTokenizer>,
    name: String,
    no_think: bool,
    max_batch: usize,
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
        for &device in &options.devices {
            let (tx, rx) = crossbeam_channel::unbounded::<EngineRequest>();
            let (ready_tx, ready_rx) = crossbeam_channel::bounded::<Result<(), String>>(1);
            let (files, adapter, tokenizer) = (files.clone(), adapter.clone(), tokenizer.clone());
            let (dtype, engine_options) = (options.dtype, options.engine);
            let thread = std::thread::Builder::new()
                .name(format!("engine-{device}"))
                .spawn(move || {
                    let loaded = (|| -> Result<Engine, loader::LoadError> {
                        let dev = loader::open_device(&device)?;
                        let dtype = loader::resolve_dtype(dtype, &dev);
                        let model = loader::load_model(&files, adapter.as_deref(), dtype, &dev)?;
                        Ok(Engine::new(model, Some(tokenizer), engine_options))
                    })();
                    match loaded {
                        Ok(engine) => {
                            let _ = ready_tx.send(Ok(()));
                            engine.serve(rx);
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
                thread: Some(thread),
            });
            ready_rx
                .recv()
                .map_err(|_| anyhow!("{device}: engine thread died while loading"))?
                .map_err(|e| anyhow!(e))?;
        }
        Ok(LocalGenerator {
            engines,
            tokenizer,
            name,
            no_think: options.no_think,
            max_batch: options.engine.max_batch.max(1),
        })
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

    fn generate(&self, request: &GenerationRequest<'_>) -> anyhow::Result<Vec<Completion>> {
        let mut out = Vec::new();
        self.generate_each(request, &mut |c| out.push(c))?;
        Ok(out)
    }

    fn generate_each(
        &self,
        request: &GenerationRequest<'_>,
        sink: &mut dyn FnMut(Completion),
    ) -> anyhow::Result<()> {
        let n = request.n.unwrap_or(1).max(1);
        let text = chat::render_chatml(request.prompt, self.no_think);
        let prompt = self.tokenizer.encode(&text)?;
        let engine = self
            .engines
            .iter()
            .min_by_key(|e| e.outstanding.load(Ordering::Relaxed))
            .expect("at least one engine");
        let (tx, rx) = crossbeam_channel::unbounded();
        engine.outstanding.fetch_add(n, Ordering::Relaxed);
        let sent = engine
            .requests
            .as_ref()
            .expect("engine open while the generator lives")
            .send(EngineRequest {
                prompt,
                n,
                sampling: request.sampling.clone(),
                events: tx,
            });
        let mut received = 0;
        let result = (|| {
            sent.map_err(|_| anyhow!("the engine thread has stopped"))?;
            while received < n {
                match rx.recv() {
                    Ok(EngineEvent::Sample { completion, .. }) => {
                        received += 1;
                        engine.outstanding.fetch_sub(1, Ordering::Relaxed);
                        sink(completion);
                    }
                    Ok(EngineEvent::Failed(e)) => return Err(anyhow!(e)),
                    Err(_) => return Err(anyhow!("the engine thread has stopped")),
                }
            }
            Ok(())
        })();
        engine
            .outstanding
            .fetch_sub(n - received, Ordering::Relaxed);
        result
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
