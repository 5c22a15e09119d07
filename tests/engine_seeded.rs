//! Seeded and greedy engine outputs stay what they were: every sampling filter (temperature,
//! top-k, top-p, min-p, greedy) on the tiny fixture models, checked token by token against
//! `tests/fixtures/reference/engine-seeded.json`, which the engine wrote before sampling moved to
//! the device. Each request runs alone (its samples decode together), so the batch shapes are the
//! same in every run: the model's numerics depend on them (a one-row matmul rounds differently).
//!
//! `ARC_SOLVER_BLESS=1 cargo test --test engine_seeded` rewrites the file (only after a change
//! that is meant to change the draws).

use arc_solver::generate::local::chat::render_messages;
use arc_solver::generate::local::engine::{
    Engine, EngineEvent, EngineOptions, EngineRequest, RequestOptions,
};
use arc_solver::generate::local::loader::{load_model, ModelFiles};
use arc_solver::generate::local::tokenizer::ChatTokenizer;
use arc_solver::generate::SamplingParams;
use candle_core::{DType, Device};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// One sample as the golden file records it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Sample {
    text: String,
    finish: String,
    completion_tokens: u64,
    /// Content tokens (an ending eos is not listed).
    tokens: Vec<u32>,
    /// Their log-probabilities, 6 decimals.
    logprobs: Vec<f64>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Case {
    model: String,
    prompt: String,
    sampling: String,
    samples: Vec<Sample>,
}

/// The sampling settings covered: every filter alone and together.
fn settings() -> Vec<(&'static str, SamplingParams)> {
    let p = |temperature, top_k, top_p, min_p| SamplingParams {
        temperature,
        top_k,
        top_p,
        min_p,
        max_new_tokens: 12,
        seed: 1234,
        ..SamplingParams::default()
    };
    vec![
        ("greedy", p(0.0, 0, 1.0, 0.0)),
        ("t1", p(1.0, 0, 1.0, 0.0)),
        ("t0.7-k40", p(0.7, 40, 1.0, 0.0)),
        ("t1-p0.9", p(1.0, 0, 0.9, 0.0)),
        ("t1-p0.5", p(1.0, 0, 0.5, 0.0)),
        ("t1.3-minp0.1", p(1.3, 0, 1.0, 0.1)),
        ("t0.8-k50-p0.95-minp0.02", p(0.8, 50, 0.95, 0.02)),
    ]
}

const PROMPTS: [&str; 1] = ["Write a transform(grid) function."];
const MODELS: [&str; 2] = ["tiny-qwen2", "tiny-qwen3"];
const SAMPLES: usize = 3;

/// Runs every (prompt, setting) of one model, one request at a time, on one engine.
fn run_model(model_name: &str, prefill_budget: usize) -> Vec<Case> {
    let dir = fixtures().join(model_name);
    let tokenizer = Arc::new(ChatTokenizer::from_dir(&dir).unwrap());
    let files = ModelFiles::open(&dir).unwrap();
    let model = load_model(&files, None, DType::F32, &Device::Cpu).unwrap();
    let options = EngineOptions {
        max_batch: 8,
        kv_budget: Some(1 << 30),
        prefill_chunk: prefill_budget,
        ..EngineOptions::default()
    };
    let mut engine = Engine::new(model, Some(tokenizer.clone()), options).unwrap();
    let mut pending = Vec::new();
    for prompt in PROMPTS {
        let text = render_messages([("user", prompt)], false);
        let ids = tokenizer.encode(&text).unwrap();
        for (name, sampling) in settings() {
            let (tx, rx) = crossbeam_channel::unbounded();
            engine.submit(EngineRequest {
                prompt: ids.clone(),
                n: SAMPLES,
                sampling,
                options: RequestOptions {
                    logprobs: Some(0),
                    ..RequestOptions::default()
                },
                events: tx,
            });
            engine.run_to_completion();
            pending.push((prompt, name, rx));
        }
    }
    pending
        .into_iter()
        .map(|(prompt, name, rx)| {
            let mut samples: Vec<Option<Sample>> = vec![None; SAMPLES];
            for event in rx.try_iter() {
                match event {
                    EngineEvent::Sample {
                        index,
                        completion,
                        logprobs,
                    } => {
                        let lps = logprobs.unwrap_or_default();
                        samples[index] = Some(Sample {
                            text: completion.text,
                            finish: format!("{:?}", completion.finish_reason),
                            completion_tokens: completion.completion_tokens,
                            tokens: lps.iter().map(|l| l.token).collect(),
                            logprobs: lps
                                .iter()
                                .map(|l| (f64::from(l.logprob) * 1e6).round() / 1e6)
                                .collect(),
                        });
                    }
                    EngineEvent::Failed(e) => panic!("{model_name} {prompt} {name}: {e}"),
                    EngineEvent::Delta { .. } => {}
                }
            }
            Case {
                model: model_name.to_string(),
                prompt: prompt.to_string(),
                sampling: name.to_string(),
                samples: samples.into_iter().map(|s| s.expect("reported")).collect(),
            }
        })
        .collect()
}

fn golden_path() -> PathBuf {
    fixtures().join("reference/engine-seeded.json")
}

fn check(prefill_budget: usize) {
    let got: Vec<Case> = MODELS
        .iter()
        .flat_map(|m| run_model(m, prefill_budget))
        .collect();
    if std::env::var_os("ARC_SOLVER_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&got).unwrap();
        std::fs::write(golden_path(), text + "\n").unwrap();
        return;
    }
    let want: Vec<Case> =
        serde_json::from_str(&std::fs::read_to_string(golden_path()).unwrap()).unwrap();
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        let what = format!(
            "{} {:?} {} (prefill budget {prefill_budget})",
            g.model, g.prompt, g.sampling
        );
        assert_eq!(
            (&g.model, &g.prompt, &g.sampling),
            (&w.model, &w.prompt, &w.sampling)
        );
        for (i, (a, b)) in g.samples.iter().zip(&w.samples).enumerate() {
            assert_eq!(a.tokens, b.tokens, "{what} sample {i}: tokens");
            assert_eq!(a.text, b.text, "{what} sample {i}: text");
            assert_eq!(
                (&a.finish, a.completion_tokens),
                (&b.finish, b.completion_tokens),
                "{what} sample {i}"
            );
            for (x, y) in a.logprobs.iter().zip(&b.logprobs) {
                assert!(
                    (x - y).abs() < 1e-4,
                    "{what} sample {i}: logprob {x} vs {y}"
                );
            }
        }
    }
    // The file is not vacuous: sampled settings drew different samples.
    let sampled = want.iter().find(|c| c.sampling == "t1").unwrap();
    assert!(sampled
        .samples
        .windows(2)
        .any(|w| w[0].tokens != w[1].tokens));
}

#[test]
fn seeded_outputs_match_the_recorded_draws() {
    check(0);
}
