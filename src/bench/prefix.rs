//! `bench prefix`: what prompt-prefix sharing saves on a refinement round, counted, not timed.
//!
//! Several drafts of one task (the built-in library's programs that fit its train pairs, run by
//! the executor) are rendered as `soar-refine-v1` prompts; each asks for K samples, and all are
//! submitted to one engine together, as a refinement round's requests reach it. The same round
//! runs with prefix sharing off (every prompt prefilled whole) and on (the part common to the
//! drafts once), in the same process, and the table shows the prompt tokens prefilled, the KV
//! bytes handed out (prompt runs, everything) and at the peak, and whether every sample got the
//! same tokens both ways.

use crate::exec::{ExecConfig, Executor};
use crate::generate::local::chat::render_chatml;
use crate::generate::local::engine::{
    Engine, EngineOptions, EngineRequest, EngineStats, RequestOptions,
};
use crate::generate::local::loader::{self, DTypeChoice, DeviceSpec, ModelFiles};
use crate::generate::local::tokenizer::ChatTokenizer;
use crate::generate::SamplingParams;
use crate::library::LibraryGenerator;
use crate::prompt::{refine, Draft, PromptTemplate, REFINE_PROMPT_VERSION};
use crate::task::{Grid, Task};
use anyhow::{bail, Context};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// What to run.
#[derive(Clone, Debug)]
pub struct PrefixBenchOptions {
    /// Model directory (with its tokenizer).
    pub model: PathBuf,
    /// The task whose drafts are refined.
    pub task: Task,
    /// Drafts (parents) refined together.
    pub drafts: usize,
    /// Samples (children) per draft.
    pub samples: usize,
    /// Tokens generated per sample.
    pub max_new_tokens: usize,
    /// Device.
    pub device: DeviceSpec,
    /// Dtype.
    pub dtype: DTypeChoice,
    /// Sampling seed (draft i uses seed + i).
    pub seed: u64,
}

/// One run of the round.
#[derive(Clone, Debug, Serialize)]
pub struct PrefixBenchRow {
    /// Prefix sharing on.
    pub sharing: bool,
    /// Prompt tokens of the requests.
    pub prompt_tokens: u64,
    /// Prompt tokens prefilled (computed).
    pub prefill_tokens: u64,
    /// Prompt tokens found in the arena instead.
    pub shared_prompt_tokens: u64,
    /// KV bytes allocated for prompt runs.
    pub prompt_kv_bytes: u64,
    /// KV bytes allocated in all (prompt runs and sample rows).
    pub kv_bytes: u64,
    /// Most KV bytes held at once.
    pub peak_kv_bytes: usize,
    /// Wall time of the round (for information; the machine may be shared).
    pub seconds: f64,
}

/// The benchmark's result.
#[derive(Clone, Debug, Serialize)]
pub struct PrefixBenchReport {
    /// Model directory.
    pub model: String,
    /// Device and dtype.
    pub device: String,
    /// Task id.
    pub task: String,
    /// The drafts' names (library programs).
    pub drafts: Vec<String>,
    /// Samples per draft.
    pub samples: usize,
    /// Tokens generated per sample.
    pub max_new_tokens: usize,
    /// Tokens of each draft's prompt.
    pub prompt_lengths: Vec<usize>,
    /// Tokens of the ChatML text every refinement prompt of the task starts with (system
    /// message, instructions, task), tokenised alone.
    pub task_part_tokens: usize,
    /// Without sharing, then with.
    pub rows: Vec<PrefixBenchRow>,
    /// Every sample's tokens were the same in both runs.
    pub identical: bool,
}

/// The refinement prompts (ChatML text) of up to `drafts` library programs that fit `task`, each
/// run on the task's inputs, with their names; and the text common to every refinement prompt
/// of the task.
pub fn refinement_prompts(
    task: &Task,
    drafts: usize,
) -> anyhow::Result<(Vec<(String, String)>, String)> {
    let template = PromptTemplate::load(REFINE_PROMPT_VERSION)?;
    let programs = LibraryGenerator::offered(&task.train);
    if programs.len() < drafts {
        bail!(
            "task {}: the library has {} programs for it, fewer than --drafts {drafts}",
            task.id,
            programs.len()
        );
    }
    let executor = Executor::new(ExecConfig {
        workers: 1,
        ..ExecConfig::default()
    })?;
    let inputs = Arc::new(task.all_inputs());
    let mut prompts = Vec::new();
    for (name, code) in programs.into_iter().take(drafts) {
        let run = executor.run(&code, inputs.clone());
        let outputs: Vec<Option<Grid>> = run.outputs.into_iter().map(Result::ok).collect();
        let (train, test) = outputs.split_at(task.train.len().min(outputs.len()));
        let draft = Draft {
            code: &code,
            train_outputs: train,
            test_outputs: test,
        };
        let text = render_chatml(&template.render_refinement(task, &draft), false);
        prompts.push((name.to_string(), text));
    }
    // The ChatML text up to the end of the task part (everything before the draft).
    let task_part = refine::task_part(&template, task);
    let common = prompts
        .first()
        .and_then(|(_, text)| {
            text.find(&task_part)
                .map(|at| text[..at + task_part.len()].to_string())
        })
        .unwrap_or_default();
    Ok((prompts, common))
}

/// Every draft's samples submitted together, run to the end: the samples' tokens and the
/// counters.
fn round(
    engine: &mut Engine,
    prompts: &[Vec<u32>],
    opts: &PrefixBenchOptions,
) -> anyhow::Result<(Vec<Vec<Vec<u32>>>, EngineStats)> {
    engine.reset_stats();
    let mut receivers = Vec::new();
    for (i, prompt) in prompts.iter().enumerate() {
        let (tx, rx) = crossbeam_channel::unbounded();
        engine.submit(EngineRequest {
            prompt: prompt.clone(),
            n: opts.samples,
            sampling: SamplingParams {
                max_new_tokens: opts.max_new_tokens,
                seed: opts.seed.wrapping_add(i as u64),
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
    let mut tokens = Vec::new();
    for rx in receivers {
        let mut samples = vec![Vec::new(); opts.samples];
        for (index, sample) in super::sample_tokens(rx.try_iter(), "benchmark request")? {
            samples[index] = sample;
        }
        tokens.push(samples);
    }
    if engine.kv_bytes_in_use() != 0 {
        bail!(
            "{} KV bytes still held after the round",
            engine.kv_bytes_in_use()
        );
    }
    Ok((tokens, engine.stats()))
}

/// Runs the round without and with sharing.
pub fn run(opts: &PrefixBenchOptions) -> anyhow::Result<PrefixBenchReport> {
    if opts.drafts == 0 || opts.samples == 0 || opts.max_new_tokens == 0 {
        bail!("--drafts, --samples and --max-new-tokens must be at least 1");
    }
    let (drafts, common) = refinement_prompts(&opts.task, opts.drafts)?;
    let tokenizer = Arc::new(ChatTokenizer::from_dir(&opts.model)?);
    let prompts = drafts
        .iter()
        .map(|(_, text)| tokenizer.encode(text))
        .collect::<Result<Vec<_>, _>>()?;
    let files = ModelFiles::open(&opts.model)?;
    let device = loader::open_device(&opts.device)?;
    let dtype = loader::resolve_dtype(opts.dtype, &device);
    let mut rows = Vec::new();
    let mut outputs = Vec::new();
    let mut model = Some(loader::load_model(&files, None, dtype, &device)?);
    for sharing in [false, true] {
        let options = EngineOptions {
            // Every sample in the batch at once, as in a solve round that fits.
            max_batch: opts.drafts * opts.samples,
            kv_budget: Some(
                (prompts.iter().map(Vec::len).sum::<usize>()
                    + opts.drafts * opts.samples * opts.max_new_tokens)
                    * files.config.kv_bytes_per_token(dtype.size_in_bytes())
                    * 2,
            ),
            prefix_sharing: sharing,
            ..EngineOptions::default()
        };
        let mut engine = Engine::new(
            model.take().context("model")?,
            Some(tokenizer.clone()),
            options,
        )?;
        let started = Instant::now();
        let (tokens, s) = round(&mut engine, &prompts, opts)?;
        rows.push(PrefixBenchRow {
            sharing,
            prompt_tokens: s.prompt_tokens,
            prefill_tokens: s.prefill_tokens,
            shared_prompt_tokens: s.shared_prompt_tokens,
            prompt_kv_bytes: s.prompt_kv_allocated_bytes,
            kv_bytes: s.kv_allocated_bytes,
            peak_kv_bytes: s.peak_kv_bytes,
            seconds: started.elapsed().as_secs_f64(),
        });
        outputs.push(tokens);
        model = Some(engine.into_model());
    }
    Ok(PrefixBenchReport {
        model: opts.model.display().to_string(),
        device: format!("{} {dtype:?}", opts.device),
        task: opts.task.id.clone(),
        drafts: drafts.into_iter().map(|(name, _)| name).collect(),
        samples: opts.samples,
        max_new_tokens: opts.max_new_tokens,
        prompt_lengths: prompts.iter().map(Vec::len).collect(),
        task_part_tokens: tokenizer.encode(&common)?.len(),
        identical: outputs[0] == outputs[1],
        rows,
    })
}

/// The table.
pub fn render(r: &PrefixBenchReport) -> String {
    let mib = |b: u64| b as f64 / (1 << 20) as f64;
    let mut s = format!(
        "bench prefix: {} on {}, task {}: {} drafts × {} samples, {} new tokens each\n\
         drafts: {}\n\
         prompt tokens per draft: {:?}; the task part (system, instructions, grids): {} tokens\n\n",
        r.model,
        r.device,
        r.task,
        r.drafts.len(),
        r.samples,
        r.max_new_tokens,
        r.drafts.join(", "),
        r.prompt_lengths,
        r.task_part_tokens,
    );
    s.push_str(&format!(
        "{:<8} {:>13} {:>14} {:>13} {:>16} {:>15} {:>12} {:>9}\n",
        "sharing",
        "prompt tokens",
        "prefill tokens",
        "shared tokens",
        "prompt KV MiB",
        "all KV MiB",
        "peak KV MiB",
        "seconds"
    ));
    for row in &r.rows {
        s.push_str(&format!(
            "{:<8} {:>13} {:>14} {:>13} {:>16.2} {:>15.2} {:>12.2} {:>9.2}\n",
            if row.sharing { "on" } else { "off" },
            row.prompt_tokens,
            row.prefill_tokens,
            row.shared_prompt_tokens,
            mib(row.prompt_kv_bytes),
            mib(row.kv_bytes),
            mib(row.peak_kv_bytes as u64),
            row.seconds,
        ));
    }
    if let [off, on] = r.rows.as_slice() {
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { f64::NAN };
        s.push_str(&format!(
            "{:<8} {:>13} {:>14.3} {:>13} {:>16.3} {:>15.3} {:>12.3}\n",
            "on/off",
            "",
            ratio(on.prefill_tokens as f64, off.prefill_tokens as f64),
            "",
            ratio(on.prompt_kv_bytes as f64, off.prompt_kv_bytes as f64),
            ratio(on.kv_bytes as f64, off.kv_bytes as f64),
            ratio(on.peak_kv_bytes as f64, off.peak_kv_bytes as f64),
        ));
    }
    s.push_str(&format!(
        "\nsame tokens in every sample with and without sharing: {}\n",
        if r.identical { "yes" } else { "NO" }
    ));
    s
}
