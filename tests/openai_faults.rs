//! The `openai` backend against a fault-injecting HTTP server on loopback: 429 with Retry-After,
//! 500, a hang past the request timeout, a truncated body, malformed JSON, an answer without
//! choices, a non-retryable 400, and servers that refuse or ignore `n`. Every run must finish,
//! classify every attempt, make exactly the calls the retry policy allows, and lose nothing.

mod common;

use common::{task, text, write_split};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const FLIP: &str = "```python\ndef transform(g):\n    return [row[::-1] for row in g]\n```";

/// What the server does with one call.
#[derive(Clone, Debug)]
enum Act {
    /// An error status with a JSON error body (and `Retry-After` when given).
    Status(u16, &'static str, Option<&'static str>),
    /// Reads the request and says nothing for longer than the client waits.
    Hang,
    /// Announces a longer body than it sends, then closes.
    Truncated,
    /// 200 with a body that is not JSON.
    Malformed,
    /// 200 with `"choices": []`.
    NoChoices,
    /// 200 with one choice per (text, finish_reason), prompt 100 tokens, 10 per choice.
    Answer(Vec<(&'static str, &'static str)>),
}

/// One call as the server saw it.
#[derive(Clone, Debug)]
struct Seen {
    authorization: Option<String>,
    body: Value,
}

type Router = dyn Fn(&Value) -> Act + Send + Sync;

/// Starts the server; returns its base URL and the calls it sees.
fn start(router: Box<Router>) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let router: Arc<Router> = Arc::from(router);
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (router, log) = (router.clone(), log.clone());
            std::thread::spawn(move || handle(stream, &*router, &log));
        }
    });
    (url, seen)
}

fn handle(mut stream: TcpStream, router: &Router, log: &Mutex<Vec<Seen>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let (mut length, mut authorization) = (0usize, None);
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            match k.to_ascii_lowercase().as_str() {
                "content-length" => length = v.trim().parse().unwrap_or(0),
                "authorization" => authorization = Some(v.trim().to_string()),
                _ => {}
            }
        }
    }
    let mut body = vec![0u8; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let act = router(&body);
    let model = body["model"].clone();
    log.lock().unwrap().push(Seen {
        authorization,
        body,
    });
    let reply = |stream: &mut TcpStream, status: u16, extra: &str, body: &str| {
        let _ = write!(
            stream,
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
            body.len()
        );
    };
    match act {
        Act::Status(code, message, retry_after) => {
            let extra = retry_after.map_or(String::new(), |s| format!("Retry-After: {s}\r\n"));
            let body = json!({"error": {"message": message, "type": "test", "param": if message.starts_with("n ") {Some("n")} else {None}}});
            reply(&mut stream, code, &extra, &body.to_string());
        }
        Act::Hang => std::thread::sleep(Duration::from_secs(4)),
        Act::Truncated => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n{{\"choices\": [{{\"index\""
            );
        }
        Act::Malformed => reply(&mut stream, 200, "", "{\"choices\": [oops"),
        Act::NoChoices => reply(&mut stream, 200, "", r#"{"id":"x","choices":[]}"#),
        Act::Answer(choices) => {
            let body = json!({
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "model": model,
                "choices": choices.iter().enumerate().map(|(i, (text, finish))| json!({
                    "index": i,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": finish,
                })).collect::<Vec<_>>(),
                "usage": {"prompt_tokens": 100, "completion_tokens": 10 * choices.len(), "total_tokens": 100 + 10 * choices.len()},
            });
            reply(&mut stream, 200, "", &body.to_string());
        }
    }
    let _ = stream.flush();
}

/// Four flip tasks, told apart by their test inputs.
const MARKERS: [(&str, [i64; 3]); 4] = [
    ("aaaa0001", [1, 1, 2]),
    ("bbbb0002", [2, 2, 3]),
    ("cccc0003", [3, 3, 4]),
    ("dddd0004", [4, 4, 5]),
];

fn write_tasks(dir: &std::path::Path) {
    let mut challenges = serde_json::Map::new();
    let mut solutions = serde_json::Map::new();
    for (id, row) in MARKERS {
        let flipped: Vec<i64> = row.iter().rev().copied().collect();
        challenges.insert(
            id.into(),
            task(
                &[
                    (json!([[1, 2]]), json!([[2, 1]])),
                    (json!([[3, 4]]), json!([[4, 3]])),
                ],
                &[json!([row])],
            ),
        );
        solutions.insert(id.into(), json!([[flipped]]));
    }
    write_split(
        &dir.join("data"),
        &Value::Object(challenges),
        Some(&Value::Object(solutions)),
    );
}

/// The task a request is about, from its test input in the user message.
fn task_of(body: &Value) -> &'static str {
    let user = body["messages"]
        .as_array()
        .and_then(|m| m.last())
        .and_then(|m| m["content"].as_str())
        .unwrap_or("");
    MARKERS
        .iter()
        .find(|(_, row)| user.contains(&format!("[[{} {} {}]]", row[0], row[1], row[2])))
        .map_or("unknown", |(id, _)| id)
}

fn solve(dir: &std::path::Path, url: &str, attempts: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        "solve",
        "--data-root",
        "data",
        "--base-url",
        url,
        "--model",
        "fault-model",
        "--attempts",
        attempts,
        "--request-timeout",
        "1",
        "--retries",
        "3",
        "--retry-base",
        "0.01",
        "--retry-max",
        "0.05",
        "--json",
    ];
    args.extend_from_slice(extra);
    let out = std::process::Command::new(common::bin())
        .args(&args)
        .current_dir(dir)
        .env_remove("OPENAI_API_KEY")
        .env_remove("ARC_DATA_ROOT")
        .env_remove("ARC_PROGRAMS_DB")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)))
}

fn store_rows(dir: &std::path::Path, run_id: &str) -> Vec<(String, String, String)> {
    let db = rusqlite::Connection::open(dir.join("runs/programs.db")).unwrap();
    let mut q = db
        .prepare(
            "SELECT task_id, category, errors FROM attempts WHERE run_id = ?1 ORDER BY task_id, attempt_index",
        )
        .unwrap();
    let rows = q
        .query_map([run_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows
}

#[test]
fn every_fault_is_retried_as_specified_and_classified() {
    let dir = tempfile::tempdir().unwrap();
    write_tasks(dir.path());
    std::fs::write(dir.path().join(".env"), "OPENAI_API_KEY=sk-from-dotenv\n").unwrap();
    std::fs::write(
        dir.path().join("prices.json"),
        r#"{"models": {"fault-model": {"input": 1.0, "output": 2.0}}}"#,
    )
    .unwrap();
    let calls: Arc<Mutex<HashMap<&'static str, usize>>> = Arc::default();
    let router = {
        let calls = calls.clone();
        move |body: &Value| {
            let task = task_of(body);
            let k = {
                let mut c = calls.lock().unwrap();
                let k = c.entry(task).or_default();
                *k += 1;
                *k - 1
            };
            let script: Vec<Act> = match task {
                "aaaa0001" => vec![
                    Act::Status(429, "slow down", Some("0")),
                    Act::Status(500, "internal", None),
                    Act::Answer(vec![(FLIP, "stop"), (FLIP, "stop")]),
                ],
                "bbbb0002" => vec![Act::Hang, Act::Truncated, Act::Malformed, Act::NoChoices],
                "cccc0003" => vec![Act::Status(400, "messages: bad role", None)],
                _ => vec![Act::Answer(vec![
                    (FLIP, "stop"),
                    ("```python\ndef transform(g):\n    return [r", "length"),
                ])],
            };
            script
                .get(k)
                .cloned()
                .unwrap_or(Act::Status(418, "called too often", None))
        }
    };
    let (url, seen) = start(Box::new(router));
    let out = solve(
        dir.path(),
        &url,
        "2",
        &["--prices", "prices.json", "--lora-adapter", "my-adapter"],
    );
    let run = &out["runs"][0];
    let m = &run["metrics"];

    // Calls: 3 for A (429, 500, ok), 4 for B (all retryable, retries exhausted), 1 for C (400),
    // 1 for D.
    let per_task = calls.lock().unwrap().clone();
    assert_eq!(per_task.get("aaaa0001"), Some(&3), "{per_task:?}");
    assert_eq!(per_task.get("bbbb0002"), Some(&4), "{per_task:?}");
    assert_eq!(per_task.get("cccc0003"), Some(&1), "{per_task:?}");
    assert_eq!(per_task.get("dddd0004"), Some(&1), "{per_task:?}");
    let http = &run["backend_stats"]["http"];
    assert_eq!(http["calls"], 9, "{http}");
    assert_eq!(http["retries"], 5, "{http}");
    assert_eq!(http["failed_requests"], 2, "{http}");
    let failures = &http["failures"];
    for class in [
        "rate-limited",
        "server-error",
        "timeout",
        "connection",
        "malformed",
        "no-choices",
        "client-error",
    ] {
        assert_eq!(failures[class], 1, "{class}: {failures}");
    }
    assert_eq!(run["backend_stats"]["n_per_request"], "honoured");

    // Every attempt is stored and classified.
    let rows = store_rows(dir.path(), run["run"]["run_id"].as_str().unwrap());
    let cats: Vec<(&str, &str)> = rows
        .iter()
        .map(|(t, c, _)| (t.as_str(), c.as_str()))
        .collect();
    assert_eq!(
        cats,
        [
            ("aaaa0001", "ok"),
            ("aaaa0001", "ok"),
            ("bbbb0002", "api-failure"),
            ("bbbb0002", "api-failure"),
            ("cccc0003", "api-failure"),
            ("cccc0003", "api-failure"),
            ("dddd0004", "ok"),
            ("dddd0004", "max-length"),
        ]
    );
    assert!(
        rows[2].2.contains("no-choices") && rows[2].2.contains("after 4 calls"),
        "{}",
        rows[2].2
    );
    assert!(
        rows[4].2.contains("client-error") && rows[4].2.contains("HTTP 400"),
        "{}",
        rows[4].2
    );
    assert_eq!(m["attempts"], 8);
    assert_eq!(m["api_failure_rate"], 0.5);
    assert_eq!(m["max_length_rate"], 0.125);
    assert_eq!(m["pass2_weighted"], 0.5);
    // Tokens from the two answers, priced by the table.
    assert_eq!(m["prompt_tokens"], 200);
    assert_eq!(m["completion_tokens"], 40);
    let usd = m["cost_usd"].as_f64().unwrap();
    assert!((usd - (200.0 + 80.0) / 1e6).abs() < 1e-12, "{usd}");
    assert_eq!(run["cost"]["priced_as"], "fault-model");

    // The submission answers every task; the key came from .env.
    let sub: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("submission.json")).unwrap())
            .unwrap();
    assert_eq!(sub.as_object().unwrap().len(), 4);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 9);
    assert!(seen
        .iter()
        .all(|s| s.authorization.as_deref() == Some("Bearer sk-from-dotenv")));
    // `stats` shows the cost.
    let stats = common::run_in(dir.path(), &["stats"]);
    let stats = text(&stats);
    assert!(
        stats.contains("cost USD") && stats.contains("0.0003"),
        "{stats}"
    );
    assert!(
        stats.contains("total cost: $0.0003 over 1 priced run"),
        "{stats}"
    );
    // The adapter is asked for by name; the run records base+adapter (priced as the base).
    assert!(seen.iter().all(|s| s.body["model"] == "my-adapter"));
    assert_eq!(run["run"]["model"], "fault-model+my-adapter");
    // Self-hosted defaults: min_p 0.05 in the body, both samples in one request.
    assert!(seen
        .iter()
        .all(|s| s.body["n"] == 2 && s.body["min_p"].as_f64().unwrap() > 0.04));
}

/// Runs the four tasks against a server that answers n = 1 requests with one flip choice and
/// treats n > 1 with `on_n`; returns the run and the `n` of every call.
fn run_with_n_policy(on_n: fn(usize) -> Act) -> (Value, Vec<u64>) {
    let dir = tempfile::tempdir().unwrap();
    write_tasks(dir.path());
    let router = move |body: &Value| {
        let n = body["n"].as_u64().unwrap_or(1) as usize;
        if n > 1 {
            on_n(n)
        } else {
            Act::Answer(vec![(FLIP, "stop")])
        }
    };
    let (url, seen) = start(Box::new(router));
    let out = solve(dir.path(), &url, "3", &[]);
    let run = out["runs"][0].clone();
    let rows = store_rows(dir.path(), run["run"]["run_id"].as_str().unwrap());
    assert_eq!(rows.len(), 12, "{rows:?}");
    for (id, _) in MARKERS {
        assert_eq!(
            rows.iter().filter(|r| r.0 == id && r.1 == "ok").count(),
            3,
            "{rows:?}"
        );
    }
    let ns = seen
        .lock()
        .unwrap()
        .iter()
        .map(|s| s.body["n"].as_u64().unwrap_or(1))
        .collect();
    (run, ns)
}

#[test]
fn a_server_that_refuses_n_gets_one_request_per_sample() {
    let (run, ns) = run_with_n_policy(|_| Act::Status(400, "n must be 1 for this model", None));
    assert_eq!(run["backend_stats"]["n_per_request"], "one per request");
    assert_eq!(ns.iter().filter(|&&n| n == 1).count(), 12, "{ns:?}");
    // Only tasks that asked before the first refusal came back sent n > 1.
    assert!(
        (1..=4).contains(&ns.iter().filter(|&&n| n > 1).count()),
        "{ns:?}"
    );
    assert_eq!(run["metrics"]["api_failure_rate"], 0.0);
}

#[test]
fn a_server_that_ignores_n_gets_the_missing_samples_one_by_one() {
    let (run, ns) = run_with_n_policy(|_| Act::Answer(vec![(FLIP, "stop")]));
    assert_eq!(run["backend_stats"]["n_per_request"], "one per request");
    let asked_many = ns.iter().filter(|&&n| n > 1).count();
    assert!((1..=4).contains(&asked_many), "{ns:?}");
    // Each n > 1 call yielded one sample; the rest came one per call.
    assert_eq!(ns.len(), 12, "{ns:?}");
    assert_eq!(run["metrics"]["ok_rate"], 1.0);
}
