//! Per-request engine options on the tiny fixture model (CPU): log-probabilities, streamed
//! deltas that add up to the completion without leaking stop-string text, and cancellation.

use arc_solver::generate::local::chat::render_messages;
use arc_solver::generate::local::engine::{
    Engine, EngineEvent, EngineOptions, EngineRequest, RequestOptions,
};
use arc_solver::generate::local::loader::{load_model, ModelFiles};
use arc_solver::generate::local::logprobs::{token_logprobs, TokenLogprobs};
use arc_solver::generate::local::qwen::Solo;
use arc_solver::generate::local::tokenizer::ChatTokenizer;
use arc_solver::generate::{Completion, FinishReason, SamplingParams};
use candle_core::{DType, Device};
use crossbeam_channel::Receiver;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

fn model_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny-qwen2")
}

/// The fixture's tokenizer, loaded once (its JSON is 8 MB).
fn tokenizer() -> Arc<ChatTokenizer> {
    static TOKENIZER: OnceLock<Arc<ChatTokenizer>> = OnceLock::new();
    TOKENIZER
        .get_or_init(|| Arc::new(ChatTokenizer::from_dir(&model_dir()).unwrap()))
        .clone()
}

fn engine(max_batch: usize) -> Engine {
    let files = ModelFiles::open(&model_dir()).unwrap();
    let model = load_model(&files, None, DType::F32, &Device::Cpu).unwrap();
    let options = EngineOptions {
        max_batch,
        kv_budget: Some(1 << 30),
        ..EngineOptions::default()
    };
    Engine::new(model, Some(tokenizer()), options).unwrap()
}

fn prompt(user: &str) -> Vec<u32> {
    let text = render_messages([("system", "You are terse."), ("user", user)], false);
    tokenizer().encode(&text).unwrap()
}

fn sampling(temperature: f32, max_new_tokens: usize, seed: u64) -> SamplingParams {
    SamplingParams {
        temperature,
        max_new_tokens,
        seed,
        ..SamplingParams::default()
    }
}

/// Submits a request and returns its event receiver.
fn submit(
    engine: &mut Engine,
    prompt: Vec<u32>,
    n: usize,
    sampling: SamplingParams,
    options: RequestOptions,
) -> Receiver<EngineEvent> {
    let (tx, rx) = crossbeam_channel::unbounded();
    engine.submit(EngineRequest {
        prompt,
        n,
        sampling,
        options,
        events: tx,
    });
    rx
}

/// What one sample reported: its deltas' text, their log-probabilities, and the final event.
#[derive(Default)]
struct Reported {
    deltas: String,
    delta_logprobs: Vec<TokenLogprobs>,
    completion: Option<Completion>,
    logprobs: Option<Vec<TokenLogprobs>>,
}

fn collect(rx: &Receiver<EngineEvent>, n: usize) -> Vec<Reported> {
    let mut out: Vec<Reported> = (0..n).map(|_| Reported::default()).collect();
    for event in rx.try_iter() {
        match event {
            EngineEvent::Delta {
                index,
                text,
                logprobs,
            } => {
                let r = &mut out[index];
                assert!(r.completion.is_none(), "a delta after the sample finished");
                r.deltas.push_str(&text);
                r.delta_logprobs.extend(logprobs.unwrap_or_default());
            }
            EngineEvent::Sample {
                index,
                completion,
                logprobs,
            } => {
                out[index].completion = Some(completion);
                out[index].logprobs = logprobs;
            }
            EngineEvent::Failed(e) => panic!("request failed: {e}"),
        }
    }
    out
}

fn run(
    prompt: Vec<u32>,
    n: usize,
    sampling: SamplingParams,
    options: RequestOptions,
) -> Vec<Reported> {
    let mut engine = engine(16);
    let rx = submit(&mut engine, prompt, n, sampling, options);
    engine.run_to_completion();
    collect(&rx, n)
}

#[test]
fn logprobs_describe_the_raw_distribution_and_do_not_change_sampling() {
    let p = prompt("Count to three.");
    let with = RequestOptions {
        logprobs: Some(3),
        ..RequestOptions::default()
    };
    let sampled = run(p.clone(), 3, sampling(1.0, 12, 5), with.clone());
    let plain = run(
        p.clone(),
        3,
        sampling(1.0, 12, 5),
        RequestOptions::default(),
    );
    for (a, b) in sampled.iter().zip(&plain) {
        let (ca, cb) = (
            a.completion.as_ref().unwrap(),
            b.completion.as_ref().unwrap(),
        );
        assert_eq!(ca.text, cb.text, "asking for logprobs changed the draw");
        assert!(b.logprobs.is_none());
        let lps = a.logprobs.as_ref().unwrap();
        // One entry per content token: every generated token but an ending eos.
        let eos = ca.finish_reason == FinishReason::Stop;
        assert_eq!(lps.len() as u64, ca.completion_tokens - u64::from(eos));
        for lp in lps {
            assert_eq!(lp.top.len(), 3);
            assert!(lp.top.windows(2).all(|w| w[0].1 >= w[1].1));
            assert!(lp.logprob <= lp.top[0].1 + 1e-6 && lp.top[0].1 <= 0.0);
        }
    }
    // Greedy: the chosen token is the most likely one, and the first token's entry is the
    // log-softmax of the prompt's last logits.
    let greedy = run(p.clone(), 1, sampling(0.0, 8, 0), with);
    let lps = greedy[0].logprobs.clone().unwrap();
    for lp in &lps {
        assert_eq!((lp.token, lp.logprob), lp.top[0]);
    }
    let files = ModelFiles::open(&model_dir()).unwrap();
    let model = load_model(&files, None, DType::F32, &Device::Cpu).unwrap();
    let mut solo = Solo::new(&model, p.len(), 1).unwrap();
    let logits: Vec<f32> = solo.prefill_all(&p, 64).unwrap().to_vec1().unwrap();
    let first = token_logprobs(&logits, lps[0].token, 3);
    assert!((first.logprob - lps[0].logprob).abs() < 1e-4);
    assert_eq!(
        first.top.iter().map(|t| t.0).collect::<Vec<_>>(),
        lps[0].top.iter().map(|t| t.0).collect::<Vec<_>>()
    );
    // The token texts spell the completion (no stop string cut it).
    let tok = tokenizer();
    let bytes: Vec<u8> = lps.iter().flat_map(|l| tok.token_bytes(l.token)).collect();
    let text = &greedy[0].completion.as_ref().unwrap().text;
    assert_eq!(String::from_utf8_lossy(&bytes), text.as_str());
}

#[test]
fn streamed_deltas_add_up_to_the_completion_and_never_leak_stop_text() {
    let p = prompt("Write a story.");
    let stream = RequestOptions {
        stream: true,
        logprobs: Some(0),
        ..RequestOptions::default()
    };
    let plain = run(
        p.clone(),
        4,
        sampling(1.0, 16, 9),
        RequestOptions::default(),
    );
    let streamed = run(p.clone(), 4, sampling(1.0, 16, 9), stream.clone());
    for (a, b) in plain.iter().zip(&streamed) {
        let done = b.completion.as_ref().unwrap();
        assert_eq!(a.completion.as_ref().unwrap().text, done.text);
        assert_eq!(b.deltas, done.text);
        assert_eq!(Some(&b.delta_logprobs), b.logprobs.as_ref());
    }
    // A stop string taken from the middle of sample 0's text: the text ends before it, and no
    // delta ever carried any of it.
    let text = &plain[0].completion.as_ref().unwrap().text;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    assert!(chars.len() > 6, "sample too short: {text:?}");
    let (start, end) = (chars[3].0, chars[6].0);
    let stop = text[start..end].to_string();
    let mut params = sampling(1.0, 16, 9);
    params.stop = vec![stop.clone()];
    let cut = run(p, 1, params, stream);
    let done = cut[0].completion.as_ref().unwrap();
    assert_eq!(done.text, text[..text.find(&stop).unwrap()]);
    assert_eq!(cut[0].deltas, done.text);
    assert_eq!(done.finish_reason, FinishReason::Stop);
}

#[test]
fn cancelled_requests_leave_the_batch_and_the_queue() {
    let mut busy = engine(6);
    let cancel = Arc::new(AtomicBool::new(false));
    let cancelled = RequestOptions {
        stream: true,
        cancel: Some(cancel.clone()),
        ..RequestOptions::default()
    };
    let kept = sampling(1.0, 10, 2);
    // The cancelled request takes 4 rows; the other one starts 2 samples in the 2 rows left,
    // and its other 2 wait for rows.
    let a = submit(
        &mut busy,
        prompt("one"),
        4,
        sampling(1.0, 200, 1),
        cancelled,
    );
    let b = submit(
        &mut busy,
        prompt("two"),
        4,
        kept.clone(),
        RequestOptions::default(),
    );
    for _ in 0..3 {
        busy.step();
    }
    assert_eq!(busy.live_rows(), 6);
    assert!(
        a.try_iter().count() > 0,
        "the streaming request sent deltas"
    );
    cancel.store(true, Ordering::Relaxed);
    busy.step();
    // Its rows are gone, and the freed rows went to the waiting samples.
    assert_eq!(busy.live_rows(), 4);
    busy.run_to_completion();
    assert!(busy.is_idle());
    assert_eq!(a.try_iter().count(), 0, "nothing is sent after the cancel");
    // The other request is unaffected: the same completions as alone.
    let alone = run(prompt("two"), 4, kept, RequestOptions::default());
    for (x, y) in collect(&b, 4).iter().zip(&alone) {
        assert!(x.completion.is_some());
        assert_eq!(x.completion, y.completion);
    }

    // A cancelled request still waiting for rows never starts.
    let mut engine = engine(2);
    let cancel = Arc::new(AtomicBool::new(false));
    let options = RequestOptions {
        cancel: Some(cancel.clone()),
        ..RequestOptions::default()
    };
    let first = submit(
        &mut engine,
        prompt("x"),
        2,
        sampling(1.0, 6, 3),
        Default::default(),
    );
    let waiting = submit(&mut engine, prompt("y"), 2, sampling(1.0, 6, 4), options);
    engine.step();
    cancel.store(true, Ordering::Relaxed);
    engine.run_to_completion();
    assert_eq!(
        collect(&first, 2)
            .iter()
            .filter(|r| r.completion.is_some())
            .count(),
        2
    );
    assert!(waiting.try_iter().next().is_none());
}
