//! `bench parity`: what the engine computes on one device for a reference prompt, as JSON, for
//! `scripts/gpu-check.sh` to put against transformers (on a GPU) or against the committed
//! references (`tests/fixtures/reference/`, on the CPU).
//!
//! Reports the prompt's logits at every position and its incremental logits (at the reference's
//! columns), the greedy continuation, and the reference's batch prompts decoded greedily by the
//! engine as one shared batch and one sample at a time. On a GPU it also runs the device
//! operations against their CPU references on the model's own logits and on random attention
//! inputs: sampled ids must be equal, log-probabilities and attention outputs close.

use crate::generate::local::attention::{segment_attention, SegmentTable};
use crate::generate::local::engine::{Engine, EngineOptions, EngineRequest, RequestOptions};
use crate::generate::local::loader::{self, DTypeChoice, DeviceSpec, ModelFiles};
use crate::generate::local::logprobs::token_logprobs;
use crate::generate::local::lora::LoraAdapter;
use crate::generate::local::qwen::{QwenModel, Solo};
use crate::generate::local::sample_op::{self, LogprobRow, SampleRow};
use crate::generate::local::sampler::{argmax, sample_reference, DrawStream, RowParams};
use crate::generate::SamplingParams;
use anyhow::Context;
use candle_core::{Device, Tensor};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// What to run.
#[derive(Clone, Debug)]
pub struct ParityOptions {
    /// Model directory.
    pub model: PathBuf,
    /// LoRA adapter merged at load.
    pub lora: Option<PathBuf>,
    /// Device.
    pub device: DeviceSpec,
    /// Dtype.
    pub dtype: DTypeChoice,
    /// A reference file of `scripts/make_fixtures.py` (its prompts, columns and lengths are used).
    pub reference: PathBuf,
}

#[derive(Deserialize)]
struct RefIncremental {
    prefill: usize,
}

#[derive(Deserialize)]
struct RefBatch {
    input_ids: Vec<u32>,
    greedy: Vec<u32>,
}

#[derive(Deserialize)]
struct Reference {
    input_ids: Vec<u32>,
    columns: Vec<usize>,
    incremental_logits: RefIncremental,
    greedy: Vec<u32>,
    batch_prompts: Vec<RefBatch>,
}

/// The device operations against their CPU references.
#[derive(Clone, Debug, Default, Serialize)]
pub struct KernelCheck {
    /// Rows sampled (every sampling setting on every row of the model's logits).
    pub sampled_rows: usize,
    /// Of them, rows whose device id equals the CPU reference's.
    pub sampled_equal: usize,
    /// Largest log-probability difference, device vs CPU.
    pub logprobs_max_diff: f32,
    /// Rows whose top log-probability ids differ.
    pub logprobs_id_mismatches: usize,
    /// Largest attention output difference, device vs CPU (f32 inputs).
    pub attention_max_diff: f32,
}

/// The measurements.
#[derive(Clone, Debug, Serialize)]
pub struct ParityReport {
    /// Device label.
    pub device: String,
    /// Dtype label.
    pub dtype: String,
    /// Logits after each prompt position, at the reference's columns.
    pub prompt_logits: Vec<Vec<f32>>,
    /// Argmax over the whole vocabulary at each prompt position.
    pub prompt_argmax: Vec<u32>,
    /// Prefill of the first `prefill` tokens, then one token at a time (at the columns).
    pub incremental_logits: Vec<Vec<f32>>,
    /// Greedy continuation of the whole prompt (the reference's length).
    pub greedy: Vec<u32>,
    /// Each batch prompt's greedy continuation, decoded alone through the model API.
    pub batch_single: Vec<Vec<u32>>,
    /// The same, two greedy samples of every batch prompt decoded together by the engine (one
    /// list per sample).
    pub batch_shared: Vec<Vec<u32>>,
    /// The same through the engine with one row at a time.
    pub batch_separate: Vec<Vec<u32>>,
    /// Device operations against their CPU references (skipped on the CPU, where the device
    /// operations are the references).
    pub kernels: Option<KernelCheck>,
}

fn at(row: &[f32], columns: &[usize]) -> Vec<f32> {
    columns.iter().map(|&c| row[c]).collect()
}

fn greedy(model: &QwenModel, prompt: &[u32], steps: usize) -> anyhow::Result<Vec<u32>> {
    let mut solo = Solo::new(model, prompt.len(), steps)?;
    let mut logits: Vec<f32> = solo.prefill_all(prompt, 512)?.to_vec1()?;
    let mut out = Vec::new();
    for _ in 0..steps {
        let next = argmax(&logits);
        out.push(next);
        logits = solo.decode(next)?.to_vec1()?;
    }
    Ok(out)
}

/// Greedy tokens of two samples per prompt through an engine of `max_batch` rows.
fn engine_greedy(
    model: QwenModel,
    prompts: &[(Vec<u32>, usize)],
    max_batch: usize,
) -> anyhow::Result<(Vec<Vec<u32>>, QwenModel)> {
    let mut engine = Engine::new(
        model,
        None,
        EngineOptions {
            max_batch,
            kv_budget: Some(64 << 20),
            ..EngineOptions::default()
        },
    )?;
    let mut receivers = Vec::new();
    for (prompt, steps) in prompts {
        let (tx, rx) = crossbeam_channel::unbounded();
        engine.submit(EngineRequest {
            prompt: prompt.clone(),
            n: 2,
            sampling: SamplingParams {
                temperature: 0.0,
                max_new_tokens: *steps,
                ..SamplingParams::default()
            },
            options: RequestOptions {
                logprobs: Some(0),
                ..RequestOptions::default()
            },
            events: tx,
        });
        receivers.push(rx);
    }
    engine.run_to_completion();
    let mut out = Vec::new();
    for rx in receivers {
        let samples = super::sample_tokens(rx.try_iter(), "engine request")?;
        out.extend(samples.into_iter().map(|s| s.1));
    }
    Ok((out, engine.into_model()))
}

/// Samples and log-probabilities of `logits` (f32 `[n, vocab]` on the device) on the device and
/// on the CPU; attention of random inputs on both.
fn check_kernels(logits: &Tensor) -> anyhow::Result<KernelCheck> {
    let host: Vec<Vec<f32>> = logits.to_vec2()?;
    let settings = [
        (1.0, 0, 1.0, 0.0),
        (0.7, 0, 1.0, 0.0),
        (1.0, 40, 1.0, 0.0),
        (1.0, 0, 0.9, 0.0),
        (1.0, 0, 0.3, 0.0),
        (1.2, 0, 1.0, 0.05),
        (0.8, 50, 0.95, 0.02),
        (0.0, 0, 1.0, 0.0),
    ];
    let mut stream = DrawStream::new(17);
    let mut picks = Vec::new();
    for r in 0..host.len() {
        for &(temperature, top_k, top_p, min_p) in &settings {
            for _ in 0..4 {
                let p = SamplingParams {
                    temperature,
                    top_k,
                    top_p,
                    min_p,
                    ..SamplingParams::default()
                };
                picks.push(SampleRow {
                    logits_row: r,
                    params: RowParams::new(&p, stream.next_uniform()),
                });
            }
        }
    }
    let ids = sample_op::sample(logits, &picks)?;
    let sampled_equal = picks
        .iter()
        .zip(&ids)
        .filter(|(p, &id)| id == sample_reference(&host[p.logits_row], &p.params))
        .count();
    let asks: Vec<LogprobRow> = picks
        .iter()
        .zip(&ids)
        .map(|(p, &token)| LogprobRow {
            logits_row: p.logits_row,
            token,
            top: 5,
        })
        .collect();
    let (mut max_diff, mut mismatches) = (0f32, 0);
    for (a, lp) in asks.iter().zip(sample_op::logprobs(logits, &asks)?) {
        let want = token_logprobs(&host[a.logits_row], a.token, a.top);
        max_diff = max_diff.max((lp.logprob - want.logprob).abs());
        if lp.top.iter().map(|t| t.0).ne(want.top.iter().map(|t| t.0)) {
            mismatches += 1;
        }
        for (x, y) in lp.top.iter().zip(&want.top) {
            max_diff = max_diff.max((x.1 - y.1).abs());
        }
    }
    Ok(KernelCheck {
        sampled_rows: picks.len(),
        sampled_equal,
        logprobs_max_diff: max_diff,
        logprobs_id_mismatches: mismatches,
        attention_max_diff: check_attention(logits.device())?,
    })
}

/// Segment attention of random f32 inputs on `device` against the CPU.
fn check_attention(device: &Device) -> anyhow::Result<f32> {
    let (rows, heads, kv, d, cap) = (5, 28, 4, 128, 1200);
    let q = Tensor::randn(0f32, 1.0, (rows, heads, d), &Device::Cpu)?;
    let k = Tensor::randn(0f32, 1.0, (kv, cap, d), &Device::Cpu)?;
    let v = Tensor::randn(0f32, 1.0, (kv, cap, d), &Device::Cpu)?;
    let segs: Vec<Vec<(usize, usize)>> = vec![
        vec![(0, 700), (900, 5)],
        vec![(0, 700), (910, 1)],
        vec![(0, 700), (920, 33)],
        vec![(700, 150)],
        vec![(1000, 200), (950, 3)],
    ];
    let scale = 1.0 / (d as f64).sqrt();
    let want = segment_attention(&q, &k, &v, &SegmentTable::new(&segs, &Device::Cpu)?, scale)?;
    let got = segment_attention(
        &q.to_device(device)?,
        &k.to_device(device)?,
        &v.to_device(device)?,
        &SegmentTable::new(&segs, device)?,
        scale,
    )?
    .to_device(&Device::Cpu)?;
    Ok((got - want)?.abs()?.max_all()?.to_scalar::<f32>()?)
}

/// Runs the checks.
pub fn run(opts: &ParityOptions) -> anyhow::Result<ParityReport> {
    let text = std::fs::read_to_string(&opts.reference)
        .with_context(|| format!("{}: cannot read", opts.reference.display()))?;
    let r: Reference = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a reference file", opts.reference.display()))?;
    let device = loader::open_device(&opts.device)?;
    let dtype = loader::resolve_dtype(opts.dtype, &device);
    let files = ModelFiles::open(&opts.model)?;
    let adapter = opts.lora.as_deref().map(LoraAdapter::load).transpose()?;
    let model = loader::load_model(&files, adapter.as_ref(), dtype, &device)?;
    if r.columns.iter().any(|&c| c >= files.config.vocab_size) {
        anyhow::bail!("{}: columns past the vocabulary", opts.reference.display());
    }

    let mut solo = Solo::new(&model, r.input_ids.len(), 1)?;
    let all = solo.prefill(&r.input_ids, true)?;
    let rows: Vec<Vec<f32>> = all.to_vec2()?;
    let prompt_logits = rows.iter().map(|row| at(row, &r.columns)).collect();
    let prompt_argmax = rows.iter().map(|row| argmax(row)).collect();

    let k = r.incremental_logits.prefill;
    let mut solo = Solo::new(&model, k, r.input_ids.len() - k)?;
    let mut incremental = vec![at(
        &solo.prefill_all(&r.input_ids[..k], 3)?.to_vec1()?,
        &r.columns,
    )];
    for &tok in &r.input_ids[k..] {
        incremental.push(at(&solo.decode(tok)?.to_vec1()?, &r.columns));
    }
    drop(solo);

    let greedy_tokens = greedy(&model, &r.input_ids, r.greedy.len())?;
    let batch_single = r
        .batch_prompts
        .iter()
        .map(|b| greedy(&model, &b.input_ids, b.greedy.len()))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let kernels = if device.is_cpu() {
        None
    } else {
        Some(check_kernels(&all)?)
    };
    drop(all);
    let prompts: Vec<(Vec<u32>, usize)> = r
        .batch_prompts
        .iter()
        .map(|b| (b.input_ids.clone(), b.greedy.len()))
        .collect();
    let (batch_shared, model) = engine_greedy(model, &prompts, 64)?;
    let (batch_separate, _) = engine_greedy(model, &prompts, 1)?;
    Ok(ParityReport {
        device: opts.device.to_string(),
        dtype: format!("{dtype:?}").to_lowercase(),
        prompt_logits,
        prompt_argmax,
        incremental_logits: incremental,
        greedy: greedy_tokens,
        batch_single,
        batch_shared,
        batch_separate,
        kernels,
    })
}
