//! The local engine against transformers/peft reference outputs on the tiny fixture checkpoints
//! (`scripts/make_fixtures.py`): prompt and incremental logits, greedy continuations, LoRA merges,
//! and shared-prefix batching giving the same tokens as separate runs.

use arc_solver::generate::local::engine::{
    Engine, EngineEvent, EngineOptions, EngineRequest, EngineStats, RequestOptions, StepRecord,
};
use arc_solver::generate::local::loader::{load_model, ModelFiles};
use arc_solver::generate::local::lora::LoraAdapter;
use arc_solver::generate::local::qwen::{QwenModel, Solo};
use arc_solver::generate::local::tokenizer::ChatTokenizer;
use arc_solver::generate::{Completion, FinishReason, SamplingParams};
use candle_core::{DType, Device};
use serde::Deserialize;
use std::path::Path;
use std::sync::Arc;

const FIXTURES: &str = "tests/fixtures";

#[derive(Deserialize)]
struct PromptLogits {
    logits: Vec<Vec<f32>>,
    argmax: Vec<u32>,
}

#[derive(Deserialize)]
struct IncrementalLogits {
    prefill: usize,
    logits: Vec<Vec<f32>>,
}

#[derive(Deserialize)]
struct BatchPrompt {
    input_ids: Vec<u32>,
    greedy: Vec<u32>,
}

#[derive(Deserialize)]
struct Reference {
    model: String,
    adapter: Option<String>,
    input_ids: Vec<u32>,
    columns: Vec<usize>,
    prompt_logits: PromptLogits,
    incremental_logits: IncrementalLogits,
    greedy: Vec<u32>,
    batch_prompts: Vec<BatchPrompt>,
}

fn reference(name: &str) -> Reference {
    let path = Path::new(FIXTURES)
        .join("reference")
        .join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn model_for(r: &Reference) -> QwenModel {
    let files = ModelFiles::open(&Path::new(FIXTURES).join(&r.model)).unwrap();
    let adapter = r
        .adapter
        .as_ref()
        .map(|a| LoraAdapter::load(&Path::new(FIXTURES).join(a)).unwrap());
    load_model(&files, adapter.as_ref(), DType::F32, &Device::Cpu).unwrap()
}

fn assert_close(got: &[f32], columns: &[usize], want: &[f32], what: &str) {
    let mut worst = 0f32;
    for (&c, &w) in columns.iter().zip(want) {
        worst = worst.max((got[c] - w).abs());
    }
    assert!(worst < 2e-3, "{what}: max abs diff {worst}");
}

/// Greedy decoding through the model API: prefill, then one decode step per token.
fn greedy(model: &QwenModel, prompt: &[u32], steps: usize) -> Vec<u32> {
    let mut solo = Solo::new(model, prompt.len(), steps).unwrap();
    let mut logits = solo
        .prefill_all(prompt, 4)
        .unwrap()
        .to_vec1::<f32>()
        .unwrap();
    let mut out = Vec::new();
    for _ in 0..steps {
        let next = arc_solver::generate::local::sampler::argmax(&logits);
        out.push(next);
        logits = solo.decode(next).unwrap().to_vec1().unwrap();
    }
    out
}

fn check_reference(name: &str) {
    let r = reference(name);
    let model = model_for(&r);
    // Whole prompt in one forward, every position's logits.
    let mut solo = Solo::new(&model, r.input_ids.len(), 1).unwrap();
    let all = solo
        .prefill(&r.input_ids, true)
        .unwrap()
        .to_vec2::<f32>()
        .unwrap();
    for (pos, row) in all.iter().enumerate() {
        assert_close(
            row,
            &r.columns,
            &r.prompt_logits.logits[pos],
            &format!("{name} prompt pos {pos}"),
        );
        let top = arc_solver::generate::local::sampler::argmax(row);
        assert_eq!(top, r.prompt_logits.argmax[pos], "{name} argmax at {pos}");
    }
    // Prefill a part, then one token at a time through the segment attention.
    let k = r.incremental_logits.prefill;
    let mut solo = Solo::new(&model, k, r.input_ids.len() - k).unwrap();
    let first = solo
        .prefill_all(&r.input_ids[..k], 3)
        .unwrap()
        .to_vec1::<f32>()
        .unwrap();
    assert_close(
        &first,
        &r.columns,
        &r.incremental_logits.logits[0],
        &format!("{name} prefill"),
    );
    for (step, &tok) in r.input_ids[k..].iter().enumerate() {
        let row = solo.decode(tok).unwrap().to_vec1::<f32>().unwrap();
        assert_close(
            &row,
            &r.columns,
            &r.incremental_logits.logits[step + 1],
            &format!("{name} step {step}"),
        );
    }
    assert_eq!(
        greedy(&model, &r.input_ids, r.greedy.len()),
        r.greedy,
        "{name} greedy"
    );
    for (i, b) in r.batch_prompts.iter().enumerate() {
        assert_eq!(
            greedy(&model, &b.input_ids, b.greedy.len()),
            b.greedy,
            "{name} batch prompt {i}"
        );
    }
}

#[test]
fn qwen2_tied_matches_transformers() {
    check_reference("tiny-qwen2");
}

#[test]
fn qwen3_sharded_qk_norm_linear_rope_matches_transformers() {
    check_reference("tiny-qwen3");
}

#[test]
fn qwen2_untied_matches_transformers() {
    check_reference("tiny-qwen2-untied");
}

#[test]
fn lora_merge_matches_peft() {
    check_reference("tiny-qwen2+tiny-qwen2-lora");
}

#[test]
fn rslora_merge_matches_peft() {
    check_reference("tiny-qwen2-untied+tiny-qwen2-untied-lora-rslora");
}

/// An engine over `model` with the fixture's tokenizer.
fn engine(model: QwenModel, max_batch: usize, kv_budget: usize) -> Engine {
    let tokenizer =
        Arc::new(ChatTokenizer::from_dir(&Path::new(FIXTURES).join("tiny-qwen2")).unwrap());
    let options = EngineOptions {
        max_batch,
        kv_budget: Some(kv_budget),
        ..EngineOptions::default()
    };
    Engine::new(model, Some(tokenizer), options).unwrap()
}

/// Runs requests through one engine and returns each request's completions by sample index.
fn run_engine(
    model: QwenModel,
    max_batch: usize,
    requests: Vec<(Vec<u32>, usize, SamplingParams)>,
) -> Vec<Vec<Completion>> {
    run_engine_stats(model, max_batch, requests).0
}

/// [`run_engine`], also returning the engine's counters.
fn run_engine_stats(
    model: QwenModel,
    max_batch: usize,
    requests: Vec<(Vec<u32>, usize, SamplingParams)>,
) -> (Vec<Vec<Completion>>, EngineStats) {
    let mut engine = engine(model, max_batch, 1 << 30);
    let mut receivers = Vec::new();
    for (prompt, n, sampling) in requests {
        let (tx, rx) = crossbeam_channel::unbounded();
        engine.submit(EngineRequest {
            prompt,
            n,
            sampling,
            options: Default::default(),
            events: tx,
        });
        receivers.push((rx, n));
    }
    engine.run_to_completion();
    let stats = engine.stats();
    let out = receivers
        .into_iter()
        .map(|(rx, n)| {
            let mut out: Vec<Option<Completion>> = vec![None; n];
            for event in rx.try_iter() {
                match event {
                    EngineEvent::Sample {
                        index, completion, ..
                    } => out[index] = Some(completion),
                    EngineEvent::Failed(e) => panic!("request failed: {e}"),
                    EngineEvent::Delta { .. } => panic!("delta without streaming"),
                }
            }
            out.into_iter()
                .map(|c| c.expect("every sample reported"))
                .collect()
        })
        .collect();
    (out, stats)
}

fn tiny_qwen2() -> QwenModel {
    model_for(&reference("tiny-qwen2"))
}

#[test]
fn shared_prefix_batch_equals_separate_runs() {
    let r = reference("tiny-qwen2");
    let sampling = SamplingParams {
        temperature: 1.0,
        // The reference greedy continuations are 8 tokens long.
        max_new_tokens: 8,
        seed: 7,
        ..SamplingParams::default()
    };
    let greedy_params = SamplingParams {
        temperature: 0.0,
        ..sampling.clone()
    };
    // Three different prompts (different prefix lengths), 4 sampled + greedy samples each, all in
    // one batch…
    let requests: Vec<_> = r
        .batch_prompts
        .iter()
        .flat_map(|b| {
            [
                (b.input_ids.clone(), 4, sampling.clone()),
                (b.input_ids.clone(), 2, greedy_params.clone()),
            ]
        })
        .collect();
    let (batched, stats) = run_engine_stats(tiny_qwen2(), 64, requests.clone());
    // …and every sample alone (batch of one row, a fresh prefix per request part).
    let separate = run_engine(tiny_qwen2(), 1, requests);
    let mut distinct = std::collections::BTreeSet::new();
    for (b, s) in batched.iter().zip(&separate) {
        for (cb, cs) in b.iter().zip(s) {
            assert_eq!(cb.text, cs.text);
            assert_eq!(cb.completion_tokens, cs.completion_tokens);
            distinct.insert(cb.text.clone());
        }
    }
    // Sampled rows differ from each other (the test would pass vacuously otherwise).
    assert!(
        distinct.len() >= 6,
        "only {} distinct texts",
        distinct.len()
    );
    // Finished samples stop costing compute: every decode row produced a token some live sample
    // kept (each sample's first token comes from its prompt's prefill).
    let kept: u64 = batched
        .iter()
        .flatten()
        .map(|c| c.completion_tokens - 1)
        .sum();
    assert_eq!(stats.decode_tokens, kept);
    assert_eq!(stats.peak_rows, 18);
    // Each prompt was prefilled once, for all its samples and both of its requests together.
    let prompts: u64 = r
        .batch_prompts
        .iter()
        .map(|b| b.input_ids.len() as u64)
        .sum();
    assert_eq!(stats.prefill_tokens, prompts);
    // Greedy samples reproduce transformers' greedy continuation.
    let tok = ChatTokenizer::from_dir(&Path::new(FIXTURES).join("tiny-qwen2")).unwrap();
    for (i, b) in r.batch_prompts.iter().enumerate() {
        let want: Vec<u32> = b
            .greedy
            .iter()
            .copied()
            .take_while(|t| !tok.is_eos(*t))
            .collect();
        let text = &batched[2 * i + 1][0].text;
        assert_eq!(text, &tok.decode(&want).unwrap(), "prompt {i}");
    }
}

#[test]
fn seeded_sampling_is_reproducible_and_lengths_are_reported() {
    let r = reference("tiny-qwen2");
    let sampling = SamplingParams {
        temperature: 1.0,
        top_p: 0.95,
        top_k: 50,
        max_new_tokens: 6,
        seed: 3,
        ..SamplingParams::default()
    };
    let prompt = r.batch_prompts[1].input_ids.clone();
    let a = run_engine(tiny_qwen2(), 8, vec![(prompt.clone(), 3, sampling.clone())]);
    let b = run_engine(tiny_qwen2(), 8, vec![(prompt.clone(), 3, sampling.clone())]);
    assert_eq!(a, b);
    let other = run_engine(
        tiny_qwen2(),
        8,
        vec![(
            prompt,
            3,
            SamplingParams {
                seed: 4,
                ..sampling
            },
        )],
    );
    assert_ne!(a, other);
    for c in &a[0] {
        assert!(c.completion_tokens <= 6);
        if c.finish_reason == FinishReason::Length {
            assert_eq!(c.completion_tokens, 6);
        }
    }
    // The prompt is counted once per request.
    let prompt_tokens: u64 = a[0].iter().map(|c| c.prompt_tokens).sum();
    assert_eq!(prompt_tokens, r.batch_prompts[1].input_ids.len() as u64);
}

#[test]
fn a_request_larger_than_the_batch_starts_in_parts_over_one_prefill() {
    let r = reference("tiny-qwen2");
    let sampling = SamplingParams {
        temperature: 1.0,
        max_new_tokens: 5,
        seed: 11,
        ..SamplingParams::default()
    };
    let prompt = r.batch_prompts[2].input_ids.clone();
    let (whole, _) = run_engine_stats(
        tiny_qwen2(),
        64,
        vec![(prompt.clone(), 10, sampling.clone())],
    );
    let (parts, stats) = run_engine_stats(tiny_qwen2(), 4, vec![(prompt.clone(), 10, sampling)]);
    assert_eq!(whole, parts);
    assert!(stats.peak_rows <= 4);
    assert_eq!(
        stats.prefill_tokens,
        prompt.len() as u64,
        "one prefill for all parts"
    );
}

#[test]
fn requests_that_never_fit_the_kv_budget_fail_alone() {
    let model = tiny_qwen2();
    // 2 layers × 2 kv heads × 4 dims × 2 (K, V) × 4 bytes = 128 bytes per token.
    let per_token = model.config().kv_bytes_per_token(4);
    assert_eq!(per_token, 128);
    let mut engine = engine(model, 8, per_token * 100);
    let params = |max_new| SamplingParams {
        max_new_tokens: max_new,
        ..SamplingParams::default()
    };
    let (big_tx, big_rx) = crossbeam_channel::unbounded();
    let (ok_tx, ok_rx) = crossbeam_channel::unbounded();
    engine.submit(EngineRequest {
        prompt: vec![1; 50],
        n: 1,
        sampling: params(60),
        options: Default::default(),
        events: big_tx,
    });
    engine.submit(EngineRequest {
        prompt: vec![1; 20],
        n: 3,
        sampling: params(20),
        options: Default::default(),
        events: ok_tx,
    });
    engine.run_to_completion();
    match big_rx.try_recv().unwrap() {
        EngineEvent::Failed(msg) => assert!(msg.contains("--kv-budget"), "{msg}"),
        other => panic!("{other:?}"),
    }
    // 20 prompt + 3 × 20 reserved = 80 ≤ 100 tokens: all three run.
    assert_eq!(
        ok_rx
            .try_iter()
            .filter(|e| matches!(e, EngineEvent::Sample { .. }))
            .count(),
        3
    );
}

/// Runs a short request for a few steps, then admits a longer prompt, with `budget` prompt tokens
/// prefilled per step; returns every sample's tokens and the step timeline.
fn interleaved(budget: usize) -> (Vec<Vec<u32>>, Vec<StepRecord>) {
    let r = reference("tiny-qwen2");
    let tokenizer =
        Arc::new(ChatTokenizer::from_dir(&Path::new(FIXTURES).join("tiny-qwen2")).unwrap());
    let options = EngineOptions {
        max_batch: 8,
        kv_budget: Some(1 << 24),
        prefill_chunk: budget,
        record_timeline: true,
        ..EngineOptions::default()
    };
    let mut engine = Engine::new(tiny_qwen2(), Some(tokenizer), options).unwrap();
    let with_tokens = RequestOptions {
        logprobs: Some(0),
        ..RequestOptions::default()
    };
    let sampling = |max_new| SamplingParams {
        temperature: 1.0,
        max_new_tokens: max_new,
        seed: 21,
        ..SamplingParams::default()
    };
    let (tx_a, rx_a) = crossbeam_channel::unbounded();
    engine.submit(EngineRequest {
        prompt: r.batch_prompts[2].input_ids.clone(),
        n: 3,
        sampling: sampling(24),
        options: with_tokens.clone(),
        events: tx_a,
    });
    for _ in 0..3 {
        engine.step();
    }
    // A 60-token prompt: the reference prompt five times over.
    let long: Vec<u32> = r.input_ids.iter().cycle().take(60).copied().collect();
    let (tx_b, rx_b) = crossbeam_channel::unbounded();
    engine.submit(EngineRequest {
        prompt: long,
        n: 2,
        sampling: sampling(4),
        options: with_tokens,
        events: tx_b,
    });
    engine.run_to_completion();
    let mut tokens = Vec::new();
    for rx in [rx_a, rx_b] {
        let mut samples: Vec<(usize, Vec<u32>)> = rx
            .try_iter()
            .filter_map(|e| match e {
                EngineEvent::Sample {
                    index, logprobs, ..
                } => Some((index, logprobs.unwrap().iter().map(|l| l.token).collect())),
                EngineEvent::Failed(e) => panic!("{e}"),
                EngineEvent::Delta { .. } => None,
            })
            .collect();
        samples.sort();
        tokens.extend(samples.into_iter().map(|s| s.1));
    }
    (tokens, engine.timeline().to_vec())
}

#[test]
fn a_long_prompt_is_prefilled_between_decode_steps_without_changing_any_token() {
    let (whole, whole_steps) = interleaved(10_000);
    let (chunked, steps) = interleaved(8);
    assert_eq!(whole, chunked);
    assert_eq!(whole.len(), 5);
    // Whole: the 60-token prompt goes in one step, with the decode rows of that step.
    assert!(whole_steps.iter().any(|s| s.prefill_tokens == 60));
    // Chunked: never more than the budget in a step, and the running samples advance in every
    // step of the prefill (60 tokens at 8 a step: 8 steps, each with 3 decode rows).
    assert!(steps.iter().all(|s| s.prefill_tokens <= 8));
    let overlapping = steps
        .iter()
        .filter(|s| s.prefill_tokens > 0 && s.decode_rows == 3)
        .count();
    assert!(overlapping >= 7, "{steps:?}");
    let prefilled: usize = steps.iter().map(|s| s.prefill_tokens).sum();
    let short = reference("tiny-qwen2").batch_prompts[2].input_ids.len();
    assert_eq!(prefilled, short + 60);
}

#[test]
fn the_default_batch_is_what_the_kv_budget_holds_at_the_expected_lengths() {
    let model = tiny_qwen2();
    let per_token = model.config().kv_bytes_per_token(4);
    // Default lengths: 2048 new tokens a row plus an eighth of a 4096-token prompt.
    let row = (2048 + 4096 / 8) * per_token;
    let options = EngineOptions {
        max_batch: 0,
        kv_budget: Some(10 * row + row / 2),
        ..EngineOptions::default()
    };
    let engine = Engine::new(model, None, options).unwrap();
    assert_eq!(engine.budget().max_rows, 10);
    // Plenty of memory: the CPU's cap.
    let options = EngineOptions {
        max_batch: 0,
        kv_budget: Some(1000 * row),
        ..EngineOptions::default()
    };
    assert_eq!(
        Engine::new(tiny_qwen2(), None, options)
            .unwrap()
            .budget()
            .max_rows,
        64
    );
}
