//! `solve --refine-fraction 0.5 --attempts 16` end to end on the tiny fixture model (CPU), with the
//! local backend and with the openai backend against `arc-solver serve`: the run goes through its
//! sampling pass and rounds, every attempt is stored with its lineage columns, and — a random
//! model writes no program, so there is no parent — the refinement share is spent on fresh
//! samples. Both backends make the same completions (the same seeds per unit).

mod common;

use common::{fixture, serve, text};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn solve(dir: &Path, backend_args: &[&str]) -> Value {
    let mut args = vec![
        "solve",
        "--limit",
        "1",
        "--attempts",
        "16",
        "--refine-fraction",
        "0.5",
        "--max-tokens",
        "8",
        "--seed",
        "5",
        "--min-p",
        "0",
        "--in-process",
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

/// (index, completion, parent, depth, prompt version) of every stored attempt, and the task's
/// progress row.
type Row = (i64, String, Option<String>, i64, String);

fn stored(dir: &Path) -> (Vec<Row>, (i64, Option<String>)) {
    let db = rusqlite::Connection::open(dir.join("runs/programs.db")).unwrap();
    let rows = db
        .prepare(
            "SELECT attempt_index, completion, parent_hash, depth, prompt_version FROM attempts
             ORDER BY attempt_index",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let progress = db
        .query_row("SELECT attempts, closed FROM task_progress", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    (rows, progress)
}

fn check(run: &Value, dir: &Path) -> Vec<Row> {
    let m = &run["metrics"];
    assert_eq!(m["attempts"], 16, "{m}");
    assert_eq!(m["refinements"], 0, "{m}");
    assert_eq!(m["api_failure_rate"], 0.0, "{m}");
    // The sampling pass and two rounds of four.
    assert_eq!(run["search"]["units"], 3, "{}", run["search"]);
    assert_eq!(run["search"]["refine_requests"], 0);
    let (rows, progress) = stored(dir);
    assert_eq!(progress, (16, None));
    assert_eq!(
        rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        (0..16).collect::<Vec<i64>>()
    );
    assert!(rows
        .iter()
        .all(|r| r.2.is_none() && r.3 == 0 && r.4 == "soar-v1"));
    rows
}

#[test]
fn refinement_runs_on_the_local_engine_and_over_serve() {
    let model = fixture("tiny-qwen2");
    let local_dir = tempfile::tempdir().unwrap();
    let local = solve(
        local_dir.path(),
        &["--model", model.to_str().unwrap(), "--devices", "cpu"],
    );
    let local_rows = check(&local["runs"][0], local_dir.path());

    let server = serve(&model);
    let remote_dir = tempfile::tempdir().unwrap();
    let remote = solve(
        remote_dir.path(),
        &["--base-url", &server.base_url, "--model", "tiny-qwen2"],
    );
    assert_eq!(remote["runs"][0]["run"]["backend"], "openai");
    let remote_rows = check(&remote["runs"][0], remote_dir.path());
    // The same seed per unit on both paths: the same completions.
    assert_eq!(local_rows, remote_rows);
}
