//! `arc-solver serve` over real loopback HTTP, on the tiny fixture model (CPU): model listing,
//! seeded and greedy choices, identity with the local backend, usage, logprobs, streaming,
//! errors, and concurrent requests.

use arc_solver::generate::local::chat::render_chatml;
use arc_solver::generate::local::engine::{EngineEvent, EngineOptions, RequestOptions};
use arc_solver::generate::local::loader::{DTypeChoice, DeviceSpec};
use arc_solver::generate::local::{LocalGenerator, LocalOptions};
use arc_solver::generate::SamplingParams;
use arc_solver::prompt::Prompt;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A `serve` child process, killed on drop (its log is printed when the test failed).
struct Server {
    child: Child,
    url: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let model = fixture("tiny-qwen2");
        let mut child = Command::new(env!("CARGO_BIN_EXE_arc-solver"))
            .arg("serve")
            .arg("--model")
            .arg(&model)
            .args(["--devices", "cpu", "--port", "0", "--max-batch", "16"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        // Drain stderr so the server never blocks on a full pipe.
        let log = Arc::new(Mutex::new(String::new()));
        let mut stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = stderr.read(&mut buf) {
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let mut server = Server {
            child,
            url: String::new(),
            log,
        };
        // On failure the guard kills the child and prints its log.
        let Some(addr) = line.trim().strip_prefix("listening on ") else {
            let _ = server.child.wait();
            panic!("no listening line: {line:?}");
        };
        server.url = addr.to_string();
        server
    }

    fn post(&self, body: &Value) -> (u16, Value) {
        answer(
            agent()
                .post(&format!("{}/v1/chat/completions", self.url))
                .send_json(body),
        )
    }

    /// A successful chat completion.
    fn chat(&self, body: &Value) -> Value {
        let (status, reply) = self.post(body);
        assert_eq!(status, 200, "{reply}");
        reply
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("server log:\n{}", self.log.lock().unwrap());
        }
    }
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(120))
        .build()
}

/// Status and JSON body, error statuses included.
fn answer(result: Result<ureq::Response, ureq::Error>) -> (u16, Value) {
    let response = match result {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("transport error: {e}"),
    };
    (response.status(), response.into_json().unwrap())
}

const SYSTEM: &str = "You write Python.";
const USER: &str = "Solve the task: rotate the grid.";

/// A [system, user] request as `solve --backend openai` sends it.
fn request(n: usize, seed: u64, temperature: f32, max_tokens: usize) -> Value {
    json!({
        "model": "tiny-qwen2",
        "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": USER}],
        "n": n, "seed": seed, "temperature": temperature, "max_tokens": max_tokens,
    })
}

fn contents(answer: &Value) -> Vec<String> {
    let choices = answer["choices"].as_array().unwrap();
    for (i, c) in choices.iter().enumerate() {
        assert_eq!(c["index"], i, "choices in index order");
        assert_eq!(c["message"]["role"], "assistant");
    }
    choices
        .iter()
        .map(|c| c["message"]["content"].as_str().unwrap().to_string())
        .collect()
}

/// What the local backend generates for the same prompt: its own path (ChatML of the task
/// prompt, encoded, sampled by an engine in this process).
fn local_backend(n: usize, sampling: SamplingParams) -> Vec<String> {
    let options = LocalOptions {
        model_dir: fixture("tiny-qwen2"),
        label: None,
        adapter: None,
        dtype: DTypeChoice::Auto,
        devices: vec![DeviceSpec::Cpu],
        engine: EngineOptions {
            max_batch: 16,
            ..EngineOptions::default()
        },
        no_think: false,
    };
    let generator = LocalGenerator::load(&options).unwrap();
    let prompt = Prompt {
        version: "test".into(),
        system: SYSTEM.into(),
        user: USER.into(),
    };
    let ids = generator
        .tokenizer()
        .encode(&render_chatml(&prompt, false))
        .unwrap();
    let mut submission = generator
        .submit(ids, n, sampling, RequestOptions::default())
        .unwrap();
    let mut texts = vec![String::new(); n];
    while let Some(event) = submission.next_event().unwrap() {
        if let EngineEvent::Sample {
            index, completion, ..
        } = event
        {
            texts[index] = completion.text;
        }
    }
    texts
}

#[test]
fn seeded_choices_are_reproducible_counted_and_identical_to_the_local_backend() {
    let server = Server::start(&[]);
    let first = server.chat(&request(4, 7, 1.0, 12));
    let texts = contents(&first);
    assert_eq!(texts.len(), 4);
    assert_eq!(first["object"], "chat.completion");
    assert!(first["id"].as_str().unwrap().starts_with("chatcmpl-"));
    assert_eq!(first["model"], "tiny-qwen2");
    let distinct: std::collections::BTreeSet<_> = texts.iter().collect();
    assert!(distinct.len() > 1, "sampled choices all equal: {texts:?}");
    assert_eq!(contents(&server.chat(&request(4, 7, 1.0, 12))), texts);
    assert_ne!(contents(&server.chat(&request(4, 8, 1.0, 12))), texts);

    // The same tokens as the local backend's own path.
    let sampling = SamplingParams {
        temperature: 1.0,
        max_new_tokens: 12,
        seed: 7,
        ..SamplingParams::default()
    };
    assert_eq!(local_backend(4, sampling), texts);

    // Usage: the prompt once, the completions summed; 12 tokens each hit the limit.
    let usage = &first["usage"];
    let prompt_tokens = usage["prompt_tokens"].as_u64().unwrap();
    let tok =
        arc_solver::generate::local::tokenizer::ChatTokenizer::from_dir(&fixture("tiny-qwen2"))
            .unwrap();
    let prompt = Prompt {
        version: "test".into(),
        system: SYSTEM.into(),
        user: USER.into(),
    };
    let rendered = tok.encode(&render_chatml(&prompt, false)).unwrap();
    assert_eq!(prompt_tokens, rendered.len() as u64);
    assert_eq!(usage["completion_tokens"], 48);
    assert_eq!(usage["total_tokens"], prompt_tokens + 48);
    for c in first["choices"].as_array().unwrap() {
        assert_eq!(c["finish_reason"], "length");
        assert!(c["logprobs"].is_null());
    }

    // Greedy choices are all the same.
    let greedy = contents(&server.chat(&request(2, 1, 0.0, 10)));
    assert_eq!(greedy[0], greedy[1]);
}

#[test]
fn logprobs_are_sorted_raw_log_probabilities_whose_bytes_spell_the_content() {
    let server = Server::start(&[]);
    let mut body = request(1, 3, 0.0, 10);
    body["logprobs"] = json!(true);
    body["top_logprobs"] = json!(5);
    let greedy = server.chat(&body);
    let choice = &greedy["choices"][0];
    let entries = choice["logprobs"]["content"].as_array().unwrap();
    assert_eq!(entries.len(), 10);
    let mut bytes = Vec::new();
    for e in entries {
        let top = e["top_logprobs"].as_array().unwrap();
        assert_eq!(top.len(), 5);
        let values: Vec<f64> = top.iter().map(|t| t["logprob"].as_f64().unwrap()).collect();
        assert!(values.windows(2).all(|w| w[0] >= w[1]), "{values:?}");
        assert!(values.iter().all(|&v| v <= 0.0));
        // Greedy: the chosen token is the most likely one.
        assert_eq!(e["token"], top[0]["token"]);
        assert_eq!(e["logprob"], top[0]["logprob"]);
        let token_bytes: Vec<u8> = serde_json::from_value(e["bytes"].clone()).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&token_bytes),
            e["token"].as_str().unwrap()
        );
        bytes.extend(token_bytes);
    }
    let content = choice["message"]["content"].as_str().unwrap();
    assert_eq!(String::from_utf8_lossy(&bytes), content);

    // Sampled: the chosen token is at most as likely as the top one; no alternatives asked.
    let mut body = request(2, 3, 1.0, 8);
    body["logprobs"] = json!(true);
    let sampled = server.chat(&body);
    for c in sampled["choices"].as_array().unwrap() {
        for e in c["logprobs"]["content"].as_array().unwrap() {
            assert!(e["logprob"].as_f64().unwrap() <= 0.0);
            assert!(e["top_logprobs"].as_array().unwrap().is_empty());
        }
    }
}

/// The `data:` payloads of a server-sent-events body.
fn sse_events(response: ureq::Response) -> Vec<String> {
    assert_eq!(response.content_type(), "text/event-stream");
    let mut events = Vec::new();
    for line in BufReader::new(response.into_reader()).lines() {
        let line = line.unwrap();
        if let Some(data) = line.strip_prefix("data: ") {
            events.push(data.to_string());
        } else {
            assert!(line.is_empty(), "unexpected line {line:?}");
        }
    }
    events
}

#[test]
fn streamed_deltas_add_up_to_the_plain_answer() {
    let server = Server::start(&[]);
    let plain = server.chat(&request(2, 11, 1.0, 16));
    let mut body = request(2, 11, 1.0, 16);
    body["stream"] = json!(true);
    body["stream_options"] = json!({"include_usage": true});
    let response = agent()
        .post(&format!("{}/v1/chat/completions", server.url))
        .send_json(&body)
        .unwrap();
    let events = sse_events(response);
    assert_eq!(events.last().map(String::as_str), Some("[DONE]"));
    let chunks: Vec<Value> = events[..events.len() - 1]
        .iter()
        .map(|e| serde_json::from_str(e).unwrap())
        .collect();
    let mut texts = vec![String::new(); 2];
    let mut roles = [false; 2];
    let mut finished = vec![None; 2];
    for chunk in &chunks[..chunks.len() - 1] {
        assert_eq!(chunk["object"], "chat.completion.chunk");
        assert_eq!(chunk["id"], chunks[0]["id"]);
        let choice = &chunk["choices"][0];
        let i = choice["index"].as_u64().unwrap() as usize;
        assert!(finished[i].is_none(), "a chunk after the finish reason");
        if choice["delta"]["role"] == "assistant" {
            roles[i] = true;
        }
        assert!(roles[i], "content before the role");
        texts[i].push_str(choice["delta"]["content"].as_str().unwrap_or(""));
        if let Some(reason) = choice["finish_reason"].as_str() {
            finished[i] = Some(reason.to_string());
        }
    }
    assert_eq!(texts, contents(&plain));
    for (i, reason) in finished.iter().enumerate() {
        assert_eq!(
            reason.as_deref(),
            plain["choices"][i]["finish_reason"].as_str()
        );
    }
    let usage_chunk = chunks.last().unwrap();
    assert!(usage_chunk["choices"].as_array().unwrap().is_empty());
    assert_eq!(usage_chunk["usage"], plain["usage"]);
}

#[test]
fn bad_requests_get_openai_errors() {
    let server = Server::start(&[]);
    let (status, models) = answer(agent().get(&format!("{}/v1/models", server.url)).call());
    assert_eq!(status, 200);
    assert_eq!(models["data"][0]["id"], "tiny-qwen2");

    let error = |body: Value, want_status: u16, want_param: &str| {
        let (status, reply) = server.post(&body);
        assert_eq!(status, want_status, "{body} -> {reply}");
        assert_eq!(reply["error"]["type"], "invalid_request_error", "{reply}");
        if !want_param.is_empty() {
            assert_eq!(reply["error"]["param"], want_param, "{reply}");
        }
        reply
    };
    let with = |key: &str, value: Value| {
        let mut body = request(1, 0, 1.0, 4);
        body[key] = value;
        body
    };
    let unknown = error(with("model", json!("gpt-9")), 404, "model");
    assert_eq!(unknown["error"]["code"], "model_not_found");
    error(with("n", json!(0)), 400, "n");
    error(with("n", json!(129)), 400, "n");
    error(with("top_p", json!(1.5)), 400, "top_p");
    error(with("top_p", json!(0)), 400, "top_p");
    error(with("temperature", json!(-0.5)), 400, "temperature");
    error(with("top_logprobs", json!(3)), 400, "top_logprobs");
    let mut too_many = with("logprobs", json!(true));
    too_many["top_logprobs"] = json!(21);
    error(too_many, 400, "top_logprobs");
    error(with("messages", json!([])), 400, "messages");
    let tool = json!([{"role": "tool", "content": "x"}]);
    error(with("messages", tool), 400, "messages.[0].role");
    error(with("max_tokens", json!(40_000)), 400, "max_tokens");
    // A prompt longer than the model's 32768 positions.
    let long = json!([{"role": "user", "content": "hello ".repeat(40_000)}]);
    error(with("messages", long), 400, "messages");

    let chat = format!("{}/v1/chat/completions", server.url);
    let (status, reply) = answer(agent().post(&chat).send_string("{\"model\": "));
    assert_eq!(status, 400, "{reply}");
    let (status, _) = answer(
        agent()
            .get(&format!("{}/v1/completions", server.url))
            .call(),
    );
    assert_eq!(status, 404);
    let (status, _) = answer(agent().get(&chat).call());
    assert_eq!(status, 405);
}

#[test]
fn concurrent_requests_match_sequential_ones_and_adapters_are_separate_models() {
    let lora = fixture("tiny-qwen2-lora");
    let server = Server::start(&["--lora", lora.to_str().unwrap()]);
    let (_, models) = answer(agent().get(&format!("{}/v1/models", server.url)).call());
    let ids: Vec<&str> = models["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["tiny-qwen2", "tiny-qwen2-lora"]);

    // Four requests at once (two with the same prompt and seed) decode in one batch and give
    // what each gives alone.
    let bodies: Vec<Value> = [(2, 1), (3, 2), (1, 3), (2, 1)]
        .iter()
        .map(|&(n, seed)| request(n, seed, 1.0, 10))
        .collect();
    let url = server.url.clone();
    let concurrent: Vec<Vec<String>> = std::thread::scope(|s| {
        let handles: Vec<_> = bodies
            .iter()
            .map(|body| {
                let url = url.clone();
                s.spawn(move || {
                    let (status, reply) = answer(
                        agent()
                            .post(&format!("{url}/v1/chat/completions"))
                            .send_json(body),
                    );
                    assert_eq!(status, 200, "{reply}");
                    contents(&reply)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (body, got) in bodies.iter().zip(&concurrent) {
        assert_eq!(got, &contents(&server.chat(body)));
    }
    assert_eq!(concurrent[0], concurrent[3]);

    // The adapter answers under its name and as base+adapter, and differs from the base.
    let mut body = request(4, 5, 1.0, 10);
    let base = contents(&server.chat(&body));
    body["model"] = json!("tiny-qwen2-lora");
    let adapted = contents(&server.chat(&body));
    body["model"] = json!("tiny-qwen2+tiny-qwen2-lora");
    assert_eq!(contents(&server.chat(&body)), adapted);
    assert_ne!(adapted, base);
}
