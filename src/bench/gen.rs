//! `bench gen`: local engine throughput on real model shapes.
//!
//! For each batch size B, N = B samples of one prompt decode with the prompt prefilled once and
//! its KV shared (the engine's normal path), against B independent sequences (B different prompts
//! of the same length, each prefilled and cached on its own), in the same process. Decode speed is
//! also put against the memory-bandwidth roofline: a decode step must read every weight once, so
//! steps/s can be at most bandwidth ÷ weight bytes, with the bandwidth measured here (a large
//! on-device copy on a GPU, a parallel read on the CPU).
//!
//! It also shows where a decode step's time goes (layers, LM head, sampling, the rest of the
//! host's work) and how many tensor operations a layer issues per step (counted, so the numbers
//! mean the same on any device); the batch size the engine would choose for the 7B shape on 24 GB
//! and 80 GB GPUs (computed from the KV budget and the roofline); and, with `--timeline`, a step
//! timeline of a long prompt admitted while other samples decode.

use crate::generate::local::config::{named_config, QwenConfig};
use crate::generate::local::engine::RequestOptions;
use crate::generate::local::engine::{
    Engine, EngineEvent, EngineOptions, EngineRequest, EngineStats, StepRecord,
    DEFAULT_PREFILL_BUDGET,
};
use crate::generate::local::loader::{self, DTypeChoice, DeviceSpec, ModelFiles};
use crate::generate::local::qwen::QwenModel;
use crate::generate::local::scheduler::{auto_max_batch, gpu_spec, knee_rows, RowLengths};
use crate::generate::SamplingParams;
use anyhow::Context;
use candle_core::{DType, Device, Tensor};
use serde::Serialize;
use std::path::PathBuf;
use std::time::Instant;

/// Which weights to run.
#[derive(Clone, Debug)]
pub enum ModelSource {
    /// A built-in shape (see [`crate::generate::local::config::named_config`]), random weights.
    Named(String, QwenConfig),
    /// A model directory; with `random` only its config is read.
    Dir {
        /// The directory.
        path: PathBuf,
        /// Random weights of its shape instead of its checkpoint.
        random: bool,
    },
}

/// What to measure.
#[derive(Clone, Debug)]
pub struct GenBenchOptions {
    /// The model.
    pub model: ModelSource,
    /// Device to run on.
    pub device: DeviceSpec,
    /// Dtype.
    pub dtype: DTypeChoice,
    /// Prompt length (ARC prompts are 1–16 k tokens).
    pub prompt_tokens: usize,
    /// Batch sizes.
    pub batches: Vec<usize>,
    /// Decode steps per sample.
    pub decode_steps: usize,
    /// Also run the independent-sequences baseline.
    pub independent: bool,
    /// Prompt tokens of the timeline's long prompt (0: no timeline).
    pub timeline_prompt: usize,
}

/// One measured configuration.
#[derive(Clone, Debug, Serialize)]
pub struct GenBenchRow {
    /// Samples decoded together.
    pub batch: usize,
    /// `shared` (one prompt, prefix once) or `independent` (B prompts).
    pub mode: String,
    /// Prompt tokens prefilled.
    pub prefill_tokens: u64,
    /// Prefill seconds.
    pub prefill_s: f64,
    /// Tokens produced by decode steps.
    pub decode_tokens: u64,
    /// Decode steps.
    pub decode_steps: u64,
    /// Decode seconds (sampling included).
    pub decode_s: f64,
    /// Peak KV-cache bytes.
    pub kv_bytes: usize,
    /// Peak device memory in use (process RSS on the CPU).
    pub memory_bytes: usize,
    /// Of `decode_s`: decoder layers.
    pub forward_s: f64,
    /// Of `decode_s`: LM head.
    pub lm_head_s: f64,
    /// Of `decode_s`: choosing tokens from the logits.
    pub sample_s: f64,
    /// Of `decode_s`: host work besides sampling (copies, bookkeeping).
    pub host_s: f64,
    /// Tensor operations per decoder layer per decode step.
    pub ops_per_layer: f64,
    /// Tasks (distinct prompts) decoding together.
    pub tasks: usize,
}

impl GenBenchRow {
    /// Decode tokens per second.
    pub fn decode_tok_s(&self) -> f64 {
        self.decode_tokens as f64 / self.decode_s.max(1e-9)
    }
    /// Milliseconds per decode step.
    pub fn ms_per_step(&self) -> f64 {
        1e3 * self.decode_s / (self.decode_steps.max(1) as f64)
    }
    /// Prefill plus decode seconds: time to all B samples.
    pub fn total_s(&self) -> f64 {
        self.prefill_s + self.decode_s
    }
}

/// The whole measurement.
#[derive(Clone, Debug, Serialize)]
pub struct GenBenchReport {
    /// Model label.
    pub model: String,
    /// Random weights.
    pub random_weights: bool,
    /// Device label.
    pub device: String,
    /// Dtype label.
    pub dtype: String,
    /// Parameters.
    pub parameters: usize,
    /// Bytes of weights read per decode step.
    pub weight_bytes: usize,
    /// Measured memory bandwidth, bytes/s.
    pub bandwidth: f64,
    /// Prompt length.
    pub prompt_tokens: usize,
    /// Prefill tokens/s of one prompt at batch 1.
    pub prefill_tok_s: f64,
    /// Rows in batch order, shared then independent.
    pub rows: Vec<GenBenchRow>,
    /// The batch sizes the engine would choose for the 7B shape.
    pub batch_choices: Vec<BatchChoice>,
    /// The long-prompt timeline, when asked for.
    pub timeline: Option<Timeline>,
    /// Device and build facts (GPU name, driver and build CUDA versions, kernels' PTX ISA).
    pub device_info: Vec<(String, String)>,
}

/// The default `--max-batch` for one device size (see [`auto_max_batch`]).
#[derive(Clone, Debug, Serialize)]
pub struct BatchChoice {
    /// Model shape.
    pub model: String,
    /// GPU whose specs the roofline uses.
    pub gpu: String,
    /// Device memory.
    pub memory_bytes: usize,
    /// KV budget: 80 % of what the weights and a 1 GiB working reserve leave.
    pub kv_budget: usize,
    /// Requested lengths.
    pub lengths: (usize, usize, usize),
    /// Rows that fit the budget.
    pub fits: usize,
    /// Rows where compute catches up with the weight read.
    pub knee: usize,
    /// The default: the smaller.
    pub chosen: usize,
}

/// Steps of a long prompt admitted while other samples decode, at two prefill budgets.
#[derive(Clone, Debug, Serialize)]
pub struct Timeline {
    /// Samples already decoding.
    pub decoding: usize,
    /// Tokens of the long prompt.
    pub prompt_tokens: usize,
    /// (budget, steps) for a budget of the whole prompt (no chunking) and the default one.
    pub runs: Vec<(usize, Vec<StepRecord>)>,
    /// Whether every sample's tokens were the same in both runs.
    pub identical: bool,
}

/// Deterministic ids below `vocab` (content does not change the arithmetic).
fn prompt_ids(len: usize, vocab: usize, seed: u64) -> Vec<u32> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let top = vocab.min(151_643) as u64;
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % top) as u32
        })
        .collect()
}

/// Memory bandwidth, best of three: on a GPU a large on-device copy (bytes read + written); on the
/// CPU a parallel read of a large buffer, as a decode step reads the weights with every core.
fn memory_bandwidth(device: &Device, dtype: DType) -> candle_core::Result<f64> {
    let bytes = 512usize << 20;
    let mut best = f64::INFINITY;
    if device.is_cpu() {
        use rayon::prelude::*;
        let buf: Vec<u64> = (0..bytes as u64 / 8).collect();
        for _ in 0..3 {
            let t = Instant::now();
            // XOR vectorises, so this is bound by memory, not by a chain of float adds.
            let sum = buf
                .par_chunks(1 << 16)
                .map(|c| c.iter().fold(0u64, |a, &b| a ^ b))
                .reduce(|| 0, |a, b| a ^ b);
            best = best.min(t.elapsed().as_secs_f64());
            std::hint::black_box(sum);
        }
        return Ok(bytes as f64 / best);
    }
    let src = Tensor::zeros(bytes / dtype.size_in_bytes(), dtype, device)?;
    for _ in 0..3 {
        let t = Instant::now();
        let dst = src.copy()?;
        device.synchronize()?;
        best = best.min(t.elapsed().as_secs_f64());
        drop(dst);
    }
    Ok(2.0 * bytes as f64 / best)
}

/// Submits requests, runs them to the end, and returns the engine's counters for them.
fn round(
    engine: &mut Engine,
    prompts: Vec<(Vec<u32>, usize)>,
    sampling: &SamplingParams,
) -> anyhow::Result<EngineStats> {
    engine.reset_stats();
    let (tx, rx) = crossbeam_channel::unbounded();
    for (prompt, n) in prompts {
        engine.submit(EngineRequest {
            prompt,
            n,
            sampling: sampling.clone(),
            options: Default::default(),
            events: tx.clone(),
        });
    }
    drop(tx);
    engine.run_to_completion();
    for event in rx.iter() {
        if let EngineEvent::Failed(e) = event {
            anyhow::bail!("benchmark request failed: {e}");
        }
    }
    Ok(engine.stats())
}

fn row(batch: usize, mode: &str, s: EngineStats, ops_per_layer: f64, tasks: usize) -> GenBenchRow {
    GenBenchRow {
        batch,
        mode: mode.to_string(),
        prefill_tokens: s.prefill_tokens,
        prefill_s: s.prefill_time.as_secs_f64(),
        decode_tokens: s.decode_only_tokens,
        decode_steps: s.decode_only_steps,
        decode_s: s.decode_time.as_secs_f64(),
        kv_bytes: s.peak_kv_bytes,
        memory_bytes: s.peak_memory,
        forward_s: s.forward_time.as_secs_f64(),
        lm_head_s: s.lm_head_time.as_secs_f64(),
        sample_s: s.sample_time.as_secs_f64(),
        host_s: s.host_time.as_secs_f64(),
        ops_per_layer,
        tasks,
    }
}

/// Runs the benchmark.
pub fn run(opts: &GenBenchOptions) -> anyhow::Result<GenBenchReport> {
    let device = loader::open_device(&opts.device)?;
    let dtype = loader::resolve_dtype(opts.dtype, &device);
    let (label, random, model) = match &opts.model {
        ModelSource::Named(name, cfg) => (
            name.clone(),
            true,
            loader::random_model(cfg, dtype, &device)?,
        ),
        ModelSource::Dir { path, random } => {
            let files = ModelFiles::open(path)?;
            let model = if *random {
                loader::random_model(&files.config, dtype, &device)?
            } else {
                loader::load_model(&files, None, dtype, &device)?
            };
            (path.display().to_string(), *random, model)
        }
    };
    let cfg = model.config().clone();
    if opts.prompt_tokens == 0
        || opts.prompt_tokens + opts.decode_steps + 1 >= cfg.max_position_embeddings
    {
        anyhow::bail!(
            "--prompt-tokens must be between 1 and {} for this model",
            cfg.max_position_embeddings - opts.decode_steps - 2
        );
    }
    let max_batch = opts.batches.iter().copied().max().unwrap_or(1).max(1);
    let bandwidth = memory_bandwidth(&device, dtype).context("measuring memory bandwidth")?;
    let device_info = device_info(&device);
    // KV for the largest round: B samples' tokens and B prompts (independent mode) or one.
    let prompts = if opts.independent { max_batch } else { 1 };
    let kv_tokens = prompts * opts.prompt_tokens
        + max_batch * (opts.decode_steps + 2)
        + opts.prompt_tokens
        + 1024;
    let kv_budget = kv_tokens * cfg.kv_bytes_per_token(dtype.size_in_bytes());
    let mut engine = Engine::new(
        model,
        None,
        EngineOptions {
            max_batch,
            kv_budget: Some(kv_budget),
            profile: true,
            // Every prompt of a round before its decode steps, so they run at the full batch.
            prefill_first: true,
            ..EngineOptions::default()
        },
    )?;
    let sampling = SamplingParams {
        max_new_tokens: opts.decode_steps + 1,
        ..SamplingParams::default()
    };
    let vocab = cfg.vocab_size;
    // Warm-up (first-call allocations, kernel loads), then batch-1 prefill speed.
    round(&mut engine, vec![(prompt_ids(64, vocab, 99), 1)], &sampling)?;
    let single = round(
        &mut engine,
        vec![(prompt_ids(opts.prompt_tokens, vocab, 0), 1)],
        &sampling,
    )?;
    let prefill_tok_s = single.prefill_tokens as f64 / single.prefill_time.as_secs_f64().max(1e-9);
    let mut rows = Vec::new();
    for &b in &opts.batches {
        engine.model().take_ops_per_layer();
        let shared = round(
            &mut engine,
            vec![(prompt_ids(opts.prompt_tokens, vocab, 1), b)],
            &sampling,
        )?;
        let ops = engine.model().take_ops_per_layer().unwrap_or(0.0);
        rows.push(row(b, "shared", shared, ops, 1));
        if opts.independent {
            let prompts = (0..b)
                .map(|i| (prompt_ids(opts.prompt_tokens, vocab, 100 + i as u64), 1))
                .collect();
            let independent = round(&mut engine, prompts, &sampling)?;
            let ops = engine.model().take_ops_per_layer().unwrap_or(0.0);
            rows.push(row(b, "independent", independent, ops, b));
        }
    }
    let timeline = if opts.timeline_prompt > 0 {
        Some(timeline(engine.into_model(), opts.timeline_prompt)?)
    } else {
        None
    };
    Ok(GenBenchReport {
        batch_choices: batch_choices(),
        timeline,
        device_info,
        model: label,
        random_weights: random,
        device: opts.device.to_string(),
        dtype: format!("{dtype:?}").to_lowercase(),
        parameters: cfg.parameter_count(),
        weight_bytes: cfg.parameter_count() * dtype.size_in_bytes(),
        bandwidth,
        prompt_tokens: opts.prompt_tokens,
        prefill_tok_s,
        rows,
    })
}

/// Device and build facts for the report's header.
fn device_info(device: &Device) -> Vec<(String, String)> {
    let mut info = Vec::new();
    if let Some(name) = loader::device_name(device) {
        info.push(("gpu".into(), name));
    }
    if let Some((_, total)) = loader::memory_info(device) {
        info.push((
            "memory".into(),
            format!("{:.1} GiB", total as f64 / (1u64 << 30) as f64),
        ));
    }
    if let Some(v) = loader::driver_cuda_version() {
        info.push(("driver CUDA".into(), loader::cuda_version_text(v)));
    }
    if let Some(v) = loader::built_cuda_version() {
        info.push(("built with CUDA".into(), loader::cuda_version_text(v)));
    }
    if let Some(isa) = loader::kernels_ptx_isa() {
        info.push(("kernels PTX ISA".into(), isa.to_string()));
    }
    if let Some((major, minor)) = loader::compute_capability(device) {
        info.push(("compute capability".into(), format!("{major}.{minor}")));
    }
    info
}

/// The default `--max-batch` of the 7B shape in bf16 on 24 GB and 80 GB GPUs.
pub fn batch_choices() -> Vec<BatchChoice> {
    let cfg = named_config("qwen2.5-7b").expect("built-in shape");
    let weights = cfg.parameter_count() * 2;
    let per_token = cfg.kv_bytes_per_token(2);
    let gib = 1usize << 30;
    let mut out = Vec::new();
    for (gpu, memory) in [
        ("L4", 24 * gib),
        ("A100 80GB", 80 * gib),
        ("H100", 80 * gib),
    ] {
        let (_, bandwidth, flops) = gpu_spec(gpu).expect("known GPU");
        let kv_budget = memory.saturating_sub(weights + gib) / 5 * 4;
        let knee = knee_rows(bandwidth, flops, 2);
        for lengths in [
            RowLengths::default(),
            RowLengths {
                max_new_tokens: 512,
                ..RowLengths::default()
            },
        ] {
            let fits = auto_max_batch(kv_budget, per_token, lengths, usize::MAX);
            out.push(BatchChoice {
                model: "qwen2.5-7b".into(),
                gpu: gpu.into(),
                memory_bytes: memory,
                kv_budget,
                lengths: (
                    lengths.prompt_tokens,
                    lengths.max_new_tokens,
                    lengths.samples_per_prompt,
                ),
                fits,
                knee,
                chosen: auto_max_batch(kv_budget, per_token, lengths, knee),
            });
        }
    }
    out
}

/// Samples already decoding when the long prompt arrives.
const TIMELINE_DECODING: usize = 8;

/// Steps of a `prompt_tokens` prompt admitted while 8 samples decode, with the whole prompt in one
/// step and with the default prefill budget; the same tokens must come out of both.
fn timeline(mut model: QwenModel, prompt_tokens: usize) -> anyhow::Result<Timeline> {
    let cfg = model.config().clone();
    if prompt_tokens + 16 >= cfg.max_position_embeddings {
        anyhow::bail!(
            "--timeline takes prompts shorter than {} tokens",
            cfg.max_position_embeddings - 16
        );
    }
    // The running samples outlast the chunked prefill by a few steps.
    let new_tokens = 8 + prompt_tokens.div_ceil(DEFAULT_PREFILL_BUDGET);
    let per_token = cfg.kv_bytes_per_token(model.dtype().size_in_bytes());
    let kv_budget = (prompt_tokens + 64 + (TIMELINE_DECODING + 2) * new_tokens + 1024) * per_token;
    let mut runs = Vec::new();
    let mut outputs = Vec::new();
    for budget in [prompt_tokens, 0] {
        let mut engine = Engine::new(
            model,
            None,
            EngineOptions {
                max_batch: 16,
                kv_budget: Some(kv_budget),
                prefill_chunk: budget,
                record_timeline: true,
                ..EngineOptions::default()
            },
        )?;
        let sampling = SamplingParams {
            max_new_tokens: new_tokens,
            seed: 3,
            ..SamplingParams::default()
        };
        let tokens_of = RequestOptions {
            logprobs: Some(0),
            ..RequestOptions::default()
        };
        let (tx, rx) = crossbeam_channel::unbounded();
        engine.submit(EngineRequest {
            prompt: prompt_ids(64, cfg.vocab_size, 7),
            n: TIMELINE_DECODING,
            sampling: sampling.clone(),
            options: tokens_of.clone(),
            events: tx.clone(),
        });
        for _ in 0..4 {
            engine.step();
        }
        engine.submit(EngineRequest {
            prompt: prompt_ids(prompt_tokens, cfg.vocab_size, 8),
            n: 2,
            sampling: SamplingParams {
                max_new_tokens: 8,
                ..sampling
            },
            options: tokens_of,
            events: tx,
        });
        engine.run_to_completion();
        outputs.push(super::sample_tokens(rx.try_iter(), "timeline request")?);
        runs.push((engine.prefill_budget(), engine.timeline().to_vec()));
        model = engine.into_model();
    }
    Ok(Timeline {
        decoding: TIMELINE_DECODING,
        prompt_tokens,
        runs,
        identical: outputs[0] == outputs[1],
    })
}

/// The report as a table.
pub fn render(r: &GenBenchReport) -> String {
    let mib = |b: usize| b as f64 / (1 << 20) as f64;
    let roofline_steps = r.bandwidth / r.weight_bytes.max(1) as f64;
    let mut s = format!(
        "bench gen: {}{}, {:.3} B parameters, {} on {}, prompt {} tokens\n\
         weights {:.0} MiB; memory bandwidth {:.1} GB/s → roofline {:.1} decode steps/s ({:.2} ms/step)\n\
         prefill at batch 1: {:.0} tokens/s\n\n",
        r.model,
        if r.random_weights { " (random weights)" } else { "" },
        r.parameters as f64 / 1e9,
        r.dtype,
        r.device,
        r.prompt_tokens,
        mib(r.weight_bytes),
        r.bandwidth / 1e9,
        roofline_steps,
        1e3 / roofline_steps,
        r.prefill_tok_s,
    );
    for (k, v) in &r.device_info {
        s.push_str(&format!("{k}: {v}\n"));
    }
    if !r.device_info.is_empty() {
        s.push('\n');
    }
    s.push_str(&format!(
        "{:>6} {:<12} {:>10} {:>13} {:>9} {:>10} {:>9} {:>9} {:>13} {:>13}\n",
        "batch",
        "mode",
        "prefill s",
        "decode tok/s",
        "ms/step",
        "×roofline",
        "KV MiB",
        "mem MiB",
        "decode ×indep",
        "total ×indep"
    ));
    for row in &r.rows {
        let baseline = r
            .rows
            .iter()
            .find(|o| o.batch == row.batch && o.mode == "independent");
        let ratio = |f: &dyn Fn(&GenBenchRow) -> f64| match baseline {
            Some(b) if row.mode == "shared" => format!("{:.2}", f(row) / f(b)),
            _ => "-".into(),
        };
        s.push_str(&format!(
            "{:>6} {:<12} {:>10.3} {:>13.1} {:>9.2} {:>10.2} {:>9.1} {:>9.0} {:>13} {:>13}\n",
            row.batch,
            row.mode,
            row.prefill_s,
            row.decode_tok_s(),
            row.ms_per_step(),
            (1e3 / row.ms_per_step()) / roofline_steps,
            mib(row.kv_bytes),
            mib(row.memory_bytes),
            ratio(&|x| x.decode_tok_s()),
            ratio(&|x| 1.0 / x.total_s()),
        ));
    }
    s.push_str(&format!(
        "\ndecode step, ms per step: layers, LM head, sampling (on the device: only ids come back), \
         the host's other work; tensor operations per layer per step\n\
         {:>6} {:<12} {:>6} {:>9} {:>9} {:>9} {:>9} {:>11}\n",
        "batch", "mode", "tasks", "layers", "LM head", "sampling", "host", "ops/layer"
    ));
    for row in &r.rows {
        let per_step = |t: f64| 1e3 * t / row.decode_steps.max(1) as f64;
        s.push_str(&format!(
            "{:>6} {:<12} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>9.3} {:>11.1}\n",
            row.batch,
            row.mode,
            row.tasks,
            per_step(row.forward_s),
            per_step(row.lm_head_s),
            per_step(row.sample_s),
            per_step(row.host_s),
            row.ops_per_layer,
        ));
    }
    s.push_str(&render_batch_choices(&r.batch_choices));
    if let Some(t) = &r.timeline {
        s.push_str(&render_timeline(t));
    }
    s.push_str(
        "\n×roofline: decode steps/s ÷ (bandwidth ÷ weight bytes); decode ×indep and total ×indep: \
         shared-prefix speed ÷ independent-sequences speed (decode tokens/s, and 1 ÷ time to all B samples).\n",
    );
    s
}

/// The batch-size table.
fn render_batch_choices(choices: &[BatchChoice]) -> String {
    let gib = |b: usize| b as f64 / (1u64 << 30) as f64;
    let mut s = String::from(
        "\ndefault --max-batch (computed): rows the KV budget holds at the requested lengths, \
         capped at the roofline knee (rows where a step's arithmetic catches up with its weight read)\n",
    );
    s.push_str(&format!(
        "{:<11} {:<10} {:>7} {:>8} {:>22} {:>6} {:>6} {:>7}\n",
        "model", "gpu", "memory", "KV GiB", "prompt/new/samples", "fits", "knee", "chosen"
    ));
    for c in choices {
        s.push_str(&format!(
            "{:<11} {:<10} {:>5.0}GB {:>8.1} {:>22} {:>6} {:>6} {:>7}\n",
            c.model,
            c.gpu,
            gib(c.memory_bytes),
            gib(c.kv_budget),
            format!("{}/{}/{}", c.lengths.0, c.lengths.1, c.lengths.2),
            c.fits,
            c.knee,
            c.chosen
        ));
    }
    s
}

/// The timeline: one line per step while the long prompt is prefilled, for each budget.
fn render_timeline(t: &Timeline) -> String {
    let mut s = format!(
        "\ntimeline: a {}-token prompt arrives while {} samples decode (steps from its arrival)\n",
        t.prompt_tokens, t.decoding
    );
    for (budget, steps) in &t.runs {
        // From the step that starts the long prompt to two steps after its prefill ends.
        let first = steps
            .iter()
            .position(|r| r.prefill_tokens > 64)
            .unwrap_or(0);
        let last = steps
            .iter()
            .rposition(|r| r.prefill_tokens > 0)
            .map_or(steps.len(), |i| (i + 3).min(steps.len()));
        let stall = steps[first..last]
            .iter()
            .filter(|r| r.decode_rows > 0)
            .map(|r| r.seconds)
            .fold(0.0, f64::max);
        s.push_str(&format!(
            "prefill budget {budget} tokens/step: longest step with decode rows {:.1} ms\n",
            1e3 * stall
        ));
        s.push_str("  step  decode rows  prefill tokens        ms\n");
        for (i, r) in steps[first..last].iter().enumerate() {
            s.push_str(&format!(
                "  {:>4}  {:>11}  {:>14}  {:>8.1}\n",
                i,
                r.decode_rows,
                r.prefill_tokens,
                1e3 * r.seconds
            ));
        }
    }
    s.push_str(&format!(
        "same tokens for every sample with both budgets: {}\n",
        if t.identical { "yes" } else { "NO" }
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_choices_grow_with_memory_and_stop_at_the_knee() {
        let c = batch_choices();
        let l4 = c.iter().find(|c| c.gpu == "L4").unwrap();
        let a100 = c.iter().find(|c| c.gpu == "A100 80GB").unwrap();
        assert!(l4.chosen >= 1 && l4.chosen <= l4.fits.min(l4.knee));
        assert!(a100.kv_budget > l4.kv_budget && a100.chosen > l4.chosen);
        assert!(c.iter().all(|c| c.chosen == c.fits.min(c.knee).max(1)));
    }

    #[test]
    fn prompt_ids_are_deterministic_and_in_range() {
        let a = prompt_ids(100, 500, 1);
        assert_eq!(a, prompt_ids(100, 500, 1));
        assert_ne!(a, prompt_ids(100, 500, 2));
        assert!(a.iter().all(|&t| t < 500));
    }
}
