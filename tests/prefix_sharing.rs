//! Prompt-prefix sharing in the local engine, on real refinement prompts: several drafts of one
//! sample task (library programs run by the executor, rendered by `render_refinement`), each
//! asking for K seeded samples, all submitted together. With sharing the task part is prefilled
//! once instead of once per draft; the completions (tokens and log-probabilities) are the same
//! as without; the arena is empty once the requests are done, also when one is cancelled.

use arc_solver::exec::{ExecConfig, Executor};
use arc_solver::generate::local::chat::render_chatml;
use arc_solver::generate::local::engine::{
    Engine, EngineEvent, EngineOptions, EngineRequest, EngineStats, RequestOptions,
};
use arc_solver::generate::local::loader::{load_model, ModelFiles};
use arc_solver::generate::local::loader::{DTypeChoice, DeviceSpec};
use arc_solver::generate::local::lora::LoraAdapter;
use arc_solver::generate::local::prefix::MIN_SHARED_TOKENS;
use arc_solver::generate::local::tokenizer::ChatTokenizer;
use arc_solver::generate::local::{LocalGenerator, LocalOptions, Submission};
use arc_solver::generate::{
    Cancellation, Completion, GenerationRequest, Generator, Refinement, SamplingParams,
};
use arc_solver::library::LibraryGenerator;
use arc_solver::prompt::{refine, Draft, Prompt, PromptTemplate, REFINE_PROMPT_VERSION};
use arc_solver::task::{load_challenges, Grid, Task};
use candle_core::{DType, Device};
use crossbeam_channel::Receiver;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn tokenizer() -> Arc<ChatTokenizer> {
    static TOKENIZER: OnceLock<Arc<ChatTokenizer>> = OnceLock::new();
    TOKENIZER
        .get_or_init(|| Arc::new(ChatTokenizer::from_dir(&fixtures().join("tiny-qwen2")).unwrap()))
        .clone()
}

/// The sample task the drafts are for: small grids (prompts of about 1,500 tokens, still several
/// prefill chunks and key blocks), and library programs of its shape that do not solve it, so
/// the drafts differ in code and in the outputs shown.
const TASK: &str = "77a7c71a";

fn task() -> Task {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/sample/arc-agi_evaluation_challenges.json");
    load_challenges(&path)
        .unwrap()
        .into_iter()
        .find(|t| t.id == TASK)
        .unwrap()
}

/// Refinement prompts (ChatML token ids) of `drafts` library programs, each run on the task, and
/// the tokens of the text every refinement prompt of the task starts with.
fn refinement_prompts(drafts: usize) -> (Vec<Vec<u32>>, usize) {
    let task = task();
    let template = PromptTemplate::load(REFINE_PROMPT_VERSION).unwrap();
    let texts: Vec<String> = refinement_messages(&task, drafts)
        .iter()
        .map(|m| render_chatml(m, false))
        .collect();
    let prompts = texts
        .iter()
        .map(|t| tokenizer().encode(t).unwrap())
        .collect();
    // The ChatML text up to the end of the task part: the same for every draft.
    let user_start = texts[0].find(&template_head(&template)).unwrap();
    let common_text = &texts[0][..user_start + refine::task_part(&template, &task).len()];
    assert!(texts.iter().all(|t| t.starts_with(common_text)));
    let common_tokens = tokenizer().encode(common_text).unwrap().len();
    (prompts, common_tokens)
}

/// The refinement prompts (messages) of `drafts` library programs for `task`, each run on it.
fn refinement_messages(task: &Task, drafts: usize) -> Vec<Prompt> {
    let template = PromptTemplate::load(REFINE_PROMPT_VERSION).unwrap();
    let executor = Executor::new(ExecConfig {
        workers: 1,
        ..ExecConfig::default()
    })
    .unwrap();
    let programs = LibraryGenerator::offered(&task.train);
    assert!(programs.len() >= drafts, "{} programs", programs.len());
    let mut prompts = Vec::new();
    for (_, code) in programs.iter().take(drafts) {
        let run = executor.run(code, Arc::new(task.all_inputs()));
        let outputs: Vec<Option<Grid>> = run.outputs.into_iter().map(Result::ok).collect();
        let (train, test) = outputs.split_at(task.train.len());
        let draft = Draft {
            code,
            train_outputs: train,
            test_outputs: test,
        };
        prompts.push(template.render_refinement(task, &draft));
    }
    prompts
}

/// The user template's text before the task (where the user message's text starts).
fn template_head(template: &PromptTemplate) -> String {
    refine::task_part(template, &task())
        .split("# Task to solve:")
        .next()
        .unwrap()
        .to_string()
}

fn engine(model: &str, lora: Option<&str>, sharing: bool) -> Engine {
    let files = ModelFiles::open(&fixtures().join(model)).unwrap();
    let adapter = lora.map(|l| LoraAdapter::load(&fixtures().join(l)).unwrap());
    let model = load_model(&files, adapter.as_ref(), DType::F32, &Device::Cpu).unwrap();
    let options = EngineOptions {
        max_batch: 64,
        kv_budget: Some(256 << 20),
        prefix_sharing: sharing,
        ..EngineOptions::default()
    };
    Engine::new(model, Some(tokenizer()), options).unwrap()
}

fn sampling(seed: u64) -> SamplingParams {
    SamplingParams {
        temperature: 1.0,
        max_new_tokens: 12,
        seed,
        ..SamplingParams::default()
    }
}

/// A sample as compared: the completion, its tokens and their log-probabilities.
type Sample = (Completion, Vec<u32>, Vec<f32>);

fn submit(engine: &mut Engine, prompt: &[u32], k: usize, seed: u64) -> Receiver<EngineEvent> {
    submit_with(engine, prompt, k, seed, RequestOptions::default())
}

fn submit_with(
    engine: &mut Engine,
    prompt: &[u32],
    k: usize,
    seed: u64,
    mut options: RequestOptions,
) -> Receiver<EngineEvent> {
    let (tx, rx) = crossbeam_channel::unbounded();
    options.logprobs = Some(0);
    engine.submit(EngineRequest {
        prompt: prompt.to_vec(),
        n: k,
        sampling: sampling(seed),
        options,
        events: tx,
    });
    rx
}

fn collect(rx: &Receiver<EngineEvent>, k: usize) -> Vec<Sample> {
    let mut out: Vec<Option<Sample>> = vec![None; k];
    for event in rx.try_iter() {
        match event {
            EngineEvent::Sample {
                index,
                completion,
                logprobs,
            } => {
                let logprobs = logprobs.unwrap();
                let tokens = logprobs.iter().map(|l| l.token).collect();
                let values = logprobs.iter().map(|l| l.logprob).collect();
                out[index] = Some((completion, tokens, values));
            }
            EngineEvent::Failed(e) => panic!("request failed: {e}"),
            EngineEvent::Delta { .. } => {}
        }
    }
    out.into_iter()
        .map(|s| s.expect("every sample finished"))
        .collect()
}

/// The same completions token for token; log-probabilities equal up to rounding. With and
/// without sharing, prompts are prefilled in other chunks and the decode steps hold other rows
/// (the samples start at other steps); the engine keeps most of the CPU arithmetic independent
/// of that (see `attention::prefill_attention`), but not every last bit (the CPU matmul's
/// blocking follows the shapes), so log-probabilities may differ by a few ulps.
fn assert_same_samples(want: &[Vec<Sample>], got: &[Vec<Sample>], what: &str) {
    assert_eq!(want.len(), got.len());
    for (d, (w, g)) in want.iter().zip(got).enumerate() {
        assert_eq!(w.len(), g.len());
        for (i, (w, g)) in w.iter().zip(g).enumerate() {
            assert_eq!(w.0, g.0, "{what}: request {d} sample {i}: completion");
            assert_eq!(w.1, g.1, "{what}: request {d} sample {i}: tokens");
            assert_eq!(w.2.len(), g.2.len());
            for (t, (a, b)) in w.2.iter().zip(&g.2).enumerate() {
                assert!(
                    (a - b).abs() <= 1e-4 * a.abs().max(1.0),
                    "{what}: request {d} sample {i} token {t}: logprob {a} vs {b}"
                );
            }
        }
    }
}

/// Every draft's K samples, submitted together and run to the end.
fn run_all(engine: &mut Engine, prompts: &[Vec<u32>], k: usize) -> (Vec<Vec<Sample>>, EngineStats) {
    engine.reset_stats();
    let receivers: Vec<_> = prompts
        .iter()
        .enumerate()
        .map(|(i, p)| submit(engine, p, k, 100 + i as u64))
        .collect();
    engine.run_to_completion();
    let samples = receivers.iter().map(|rx| collect(rx, k)).collect();
    (samples, engine.stats())
}

/// Prompt tokens to prefill when every prompt shares the longest prefix it has with any earlier
/// one (at least [`MIN_SHARED_TOKENS`] long): the distinct prefixes of the set.
fn expected_prefill(prompts: &[Vec<u32>]) -> usize {
    let lcp = |a: &[u32], b: &[u32]| a.iter().zip(b).take_while(|(x, y)| x == y).count();
    prompts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let shared = prompts[..i].iter().map(|q| lcp(p, q)).max().unwrap_or(0);
            let shared = if shared >= MIN_SHARED_TOKENS {
                shared
            } else {
                0
            };
            // A whole prompt shared would need the logits of its last token: kept as its own.
            p.len() - shared.min(p.len() - 1)
        })
        .sum()
}

/// Distinct prefixes, counted directly (the trie the engine should build, one token a node).
fn distinct_prefixes(prompts: &[Vec<u32>]) -> usize {
    let mut seen: HashSet<&[u32]> = HashSet::new();
    for p in prompts {
        for end in 1..=p.len() {
            seen.insert(&p[..end]);
        }
    }
    seen.len()
}

fn check_sharing(model: &str, lora: Option<&str>) {
    const DRAFTS: usize = 3;
    const K: usize = 4;
    let (prompts, common) = refinement_prompts(DRAFTS);
    let total: usize = prompts.iter().map(Vec::len).sum();

    let mut plain = engine(model, lora, false);
    let (want, off) = run_all(&mut plain, &prompts, K);
    let mut shared = engine(model, lora, true);
    let (got, on) = run_all(&mut shared, &prompts, K);

    assert_same_samples(&want, &got, model);

    // Without sharing every prompt is prefilled whole; with it, the common part once.
    assert_eq!(off.prefill_tokens as usize, total, "{off:?}");
    assert_eq!(off.shared_prompt_tokens, 0);
    let expected = expected_prefill(&prompts);
    assert_eq!(expected, distinct_prefixes(&prompts));
    assert_eq!(on.prefill_tokens as usize, expected, "{on:?}");
    // The drafts share at least the system message and the task (give or take the token the
    // task part's last newline merges into).
    let saved = total - expected;
    assert!(
        saved >= (DRAFTS - 1) * (common - 2),
        "saved {saved} tokens, common part {common} tokens"
    );
    assert_eq!(on.prompt_tokens, off.prompt_tokens);
    assert_eq!(on.prompt_tokens as usize, total);
    assert_eq!(on.shared_prompt_tokens as usize, saved);

    // KV: prompt runs allocated once per distinct token; the sample rows the same either way.
    let per_token = shared.kv_bytes_per_token() as u64;
    assert_eq!(off.prompt_kv_allocated_bytes, total as u64 * per_token);
    assert_eq!(on.prompt_kv_allocated_bytes, expected as u64 * per_token);
    assert_eq!(
        off.kv_allocated_bytes - off.prompt_kv_allocated_bytes,
        on.kv_allocated_bytes - on.prompt_kv_allocated_bytes
    );
    assert_eq!(
        off.peak_kv_bytes - on.peak_kv_bytes,
        saved * per_token as usize,
        "every request was resident at once"
    );

    // Nothing left behind.
    for e in [&plain, &shared] {
        assert_eq!(e.kv_bytes_in_use(), 0);
        assert_eq!(e.resident_prompts(), (0, 0));
    }
}

#[test]
fn refinement_prompts_share_the_task_part_and_sample_the_same_tokens() {
    check_sharing("tiny-qwen2", None);
}

#[test]
fn the_same_holds_for_a_merged_lora_adapter() {
    check_sharing("tiny-qwen2", Some("tiny-qwen2-lora"));
}

#[test]
fn a_cancelled_request_frees_only_what_it_alone_held() {
    let (prompts, _) = refinement_prompts(3);
    const K: usize = 2;
    // Reference: the two requests that are not cancelled, without sharing.
    let mut plain = engine("tiny-qwen2", None, false);
    let a = submit(&mut plain, &prompts[0], K, 7);
    let c = submit(&mut plain, &prompts[2], K, 9);
    plain.run_to_completion();
    let want = (collect(&a, K), collect(&c, K));

    let mut shared = engine("tiny-qwen2", None, true);
    let cancel = Arc::new(AtomicBool::new(false));
    let a = submit(&mut shared, &prompts[0], K, 7);
    let b = submit_with(
        &mut shared,
        &prompts[1],
        K,
        8,
        RequestOptions {
            cancel: Some(cancel.clone()),
            ..RequestOptions::default()
        },
    );
    let c = submit(&mut shared, &prompts[2], K, 9);
    // Admitted: the shared task part, a run per draft (and a split where two drafts' code starts
    // alike), each draft's tokens once.
    shared.step();
    let (nodes, tokens) = shared.resident_prompts();
    assert!(nodes >= 4, "{nodes} runs");
    assert_eq!(tokens, distinct_prefixes(&prompts));
    // Cancelled while the prompts are still being prefilled: only its own run goes.
    cancel.store(true, Ordering::Relaxed);
    shared.step();
    assert_eq!(shared.resident_prompts().0, nodes - 1);
    assert_eq!(
        shared.resident_prompts().1,
        distinct_prefixes(&[prompts[0].clone(), prompts[2].clone()])
    );
    shared.run_to_completion();
    assert!(b
        .try_iter()
        .all(|e| !matches!(e, EngineEvent::Sample { .. })));
    assert_same_samples(
        &[want.0, want.1],
        &[collect(&a, K), collect(&c, K)],
        "cancel",
    );
    assert_eq!(shared.kv_bytes_in_use(), 0);
    assert_eq!(shared.resident_prompts(), (0, 0));
}

/// Two CPU engines, as `--devices cpu,cpu`.
fn two_engines(sharing: bool) -> LocalGenerator {
    LocalGenerator::load(&LocalOptions {
        model_dir: fixtures().join("tiny-qwen2"),
        label: None,
        adapter: None,
        dtype: DTypeChoice::F32,
        devices: vec![DeviceSpec::Cpu, DeviceSpec::Cpu],
        engine: EngineOptions {
            max_batch: 16,
            kv_budget: Some(64 << 20),
            prefix_sharing: sharing,
            ..EngineOptions::default()
        },
        no_think: false,
    })
    .unwrap()
}

/// Every sample's completion text, in sample order.
fn drain(mut submission: Submission) -> Vec<String> {
    let mut texts = vec![None; submission.samples()];
    while let Some(event) = submission.next_event().unwrap() {
        match event {
            EngineEvent::Sample {
                index, completion, ..
            } => texts[index] = Some(completion.text),
            EngineEvent::Failed(e) => panic!("request failed: {e}"),
            EngineEvent::Delta { .. } => {}
        }
    }
    texts.into_iter().map(Option::unwrap).collect()
}

/// The engines' counters once every engine has published the step that finished its requests.
fn settled_stats(generator: &LocalGenerator, prompt_tokens: u64) -> Vec<EngineStats> {
    for _ in 0..500 {
        let stats = generator.engine_stats();
        if stats.iter().map(|s| s.prompt_tokens).sum::<u64>() == prompt_tokens {
            return stats;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("engine counters never reached {prompt_tokens} prompt tokens");
}

/// With `--devices cpu,cpu`, a task's refinement requests (submitted together, another task's
/// among them) go to one engine and share its task part there; the other task's goes to the
/// other engine; the completions are those of the same run without sharing. Then the same
/// refinement requests as the solver sends them (`Generator::generate` from several threads,
/// with their lineage) give those completions again.
#[test]
fn local_generator_keeps_a_tasks_refinements_on_one_engine() {
    const K: usize = 2;
    let task = task();
    let other = load_challenges(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/sample/arc-agi_evaluation_challenges.json"),
    )
    .unwrap()
    .into_iter()
    .find(|t| t.id == "6c78a198")
    .unwrap();
    let mut messages: Vec<(&Task, Prompt)> = refinement_messages(&task, 3)
        .into_iter()
        .map(|m| (&task, m))
        .collect();
    // The other task's request comes second: the least loaded engine then is the idle one.
    messages.insert(1, (&other, refinement_messages(&other, 1).remove(0)));
    let prompts: Vec<Vec<u32>> = messages
        .iter()
        .map(|(_, m)| tokenizer().encode(&render_chatml(m, false)).unwrap())
        .collect();
    let total: u64 = prompts.iter().map(|p| p.len() as u64).sum();
    let sampling = |i: usize| SamplingParams {
        max_new_tokens: 8,
        seed: 40 + i as u64,
        ..SamplingParams::default()
    };

    let mut runs = Vec::new();
    for sharing in [false, true] {
        let generator = two_engines(sharing);
        let submissions: Vec<Submission> = messages
            .iter()
            .zip(&prompts)
            .enumerate()
            .map(|(i, ((t, _), p))| {
                generator
                    .submit_for_task(
                        Some(&t.id),
                        p.clone(),
                        K,
                        sampling(i),
                        RequestOptions::default(),
                    )
                    .unwrap()
            })
            .collect();
        let engines: Vec<usize> = submissions.iter().map(Submission::engine).collect();
        let texts: Vec<Vec<String>> = submissions.into_iter().map(drain).collect();
        let stats = settled_stats(&generator, total);
        if sharing {
            assert_eq!(engines, [0, 1, 0, 0], "the task's requests on one engine");
            let (own, rest) = (&stats[0], &stats[1]);
            assert!(
                own.shared_prompt_tokens as usize >= 2 * MIN_SHARED_TOKENS,
                "{own:?}"
            );
            assert_eq!(rest.shared_prompt_tokens, 0);
            let task_prompts = [&prompts[0], &prompts[2], &prompts[3]];
            assert_eq!(
                own.prefill_tokens as usize,
                expected_prefill(&task_prompts.map(|p| p.clone())),
                "{own:?}"
            );
        } else {
            // Spread by load alone: nothing shared.
            assert_eq!(engines, [0, 1, 0, 1]);
            assert!(stats.iter().all(|s| s.shared_prompt_tokens == 0));
        }
        runs.push(texts);
    }
    assert_eq!(
        runs[0], runs[1],
        "the same completions with and without sharing"
    );

    // As the solver asks: `Generator::generate` per parent, concurrently, with lineage.
    let generator = two_engines(true);
    let cancel = Cancellation::new(None);
    let parents: Vec<String> = (0..messages.len()).map(|i| format!("parent{i}")).collect();
    let samplings: Vec<SamplingParams> = (0..messages.len()).map(sampling).collect();
    let texts: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = messages
            .iter()
            .enumerate()
            .map(|(i, (t, m))| {
                let request = GenerationRequest {
                    task: t,
                    prompt: m,
                    n: Some(K),
                    sampling: &samplings[i],
                    first_sample: 0,
                    cancel: &cancel,
                    refines: Some(Refinement {
                        parent: &parents[i],
                        children_before: 0,
                    }),
                };
                let generator = &generator;
                scope.spawn(move || {
                    let out = generator.generate(&request).unwrap();
                    assert_eq!(out.len(), K);
                    out.into_iter().map(|c| c.text).collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (i, (got, want)) in texts.iter().zip(&runs[0]).enumerate() {
        let mut want = want.clone();
        let mut got = got.clone();
        // `generate` hands samples over as they finish.
        want.sort();
        got.sort();
        assert_eq!(got, want, "request {i}");
    }
    let stats = settled_stats(&generator, total);
    assert!(
        stats.iter().any(|s| s.shared_prompt_tokens > 0),
        "{stats:?}"
    );
}
