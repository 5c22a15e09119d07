//! `solve --backend openai` against `arc-solver serve` (the tiny fixture model behind real loopback
//! HTTP) gives the same completions and metrics as `solve --backend local` with the same seed.

mod common;

use common::{fixture, serve, text};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn solve(dir: &Path, backend_args: &[&str]) -> Value {
    let mut args = vec![
        "solve",
        "--limit",
        "3",
        "--attempts",
        "3",
        "--max-tokens",
        "40",
        "--seed",
        "11",
        "--temperature",
        "1.0",
        "--min-p",
        "0",
        "--json",
    ];
    args.extend_from_slice(backend_args);
    let out = Command::new(common::bin())
        .args(&args)
        .current_dir(dir)
        .env_remove("ARC_DATA_ROOT")
        .env_remove("ARC_PROGRAMS_DB")
        .env_remove("OPENAI_API_KEY")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)))
}

/// (task, completion, finish reason) of every stored attempt, sorted.
fn completions(dir: &Path) -> Vec<(String, String, String)> {
    let db = rusqlite::Connection::open(dir.join("runs/programs.db")).unwrap();
    let mut q = db
        .prepare("SELECT task_id, completion, finish_reason FROM attempts")
        .unwrap();
    let mut rows: Vec<(String, String, String)> = q
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.sort();
    rows
}

#[test]
fn openai_backend_against_serve_matches_the_local_backend() {
    let model = fixture("tiny-qwen2");
    let server = serve(&model);
    let local_dir = tempfile::tempdir().unwrap();
    let remote_dir = tempfile::tempdir().unwrap();
    let local = solve(
        local_dir.path(),
        &["--model", model.to_str().unwrap(), "--devices", "cpu"],
    );
    let remote = solve(
        remote_dir.path(),
        &["--base-url", &server.base_url, "--model", "tiny-qwen2"],
    );
    let (local, remote) = (&local["runs"][0], &remote["runs"][0]);
    assert_eq!(remote["run"]["backend"], "openai");
    assert_eq!(local["run"]["backend"], "local");

    let (a, b) = (
        completions(local_dir.path()),
        completions(remote_dir.path()),
    );
    assert_eq!(a.len(), 9);
    assert_eq!(a, b, "the same seed must give the same completions");
    let distinct: std::collections::HashSet<&String> = a.iter().map(|r| &r.1).collect();
    assert!(
        distinct.len() > 3,
        "sampling at temperature 1 should vary: {distinct:?}"
    );

    let mut metrics = [local["metrics"].clone(), remote["metrics"].clone()];
    for m in &mut metrics {
        let m = m.as_object_mut().unwrap();
        m.remove("wall_seconds");
    }
    assert_eq!(metrics[0], metrics[1]);
    assert!(metrics[0]["completion_tokens"].as_u64().unwrap() > 0);
    assert_eq!(remote["backend_stats"]["n_per_request"], "honoured");
    assert_eq!(remote["backend_stats"]["http"]["calls"], 3);
}
