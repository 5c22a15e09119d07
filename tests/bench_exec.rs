//! `bench exec` runs every embedded configuration on a corpus and prints the table; with
//! `--json` the measurements are written too.

mod common;

use common::{run_in, text};
use std::path::Path;

#[test]
fn bench_exec_prints_every_configuration() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("bench.json");
    let out = run_in(
        dir.path(),
        &[
            "bench",
            "exec",
            "--programs",
            corpus.join("programs.jsonl").to_str().unwrap(),
            "--challenges",
            corpus.join("challenges.json").to_str().unwrap(),
            "--no-cpython",
            "--repeat",
            "1",
            "--workers",
            "2",
            "--json",
            json.to_str().unwrap(),
        ],
    );
    let shown = text(&out);
    assert!(out.status.success(), "{shown}");
    for row in [
        "embedded, 2 worker processes",
        "embedded, 2 threads",
        "embedded, 2 threads, no step budget",
        "embedded, 1 thread",
        "steps per program",
        "step budget cost",
    ] {
        assert!(shown.contains(row), "missing {row:?} in\n{shown}");
    }
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let embedded = report["embedded"].as_array().unwrap();
    assert_eq!(embedded.len(), 4);
    let programs = report["programs"].as_u64().unwrap() as usize;
    for m in embedded {
        assert_eq!(m["per_program_ms"].as_array().unwrap().len(), programs);
        assert!(m["wall_s"].as_f64().unwrap() > 0.0);
    }
    // Programs that run charge steps (at least their `transform` calls); only the few that fail
    // to compile or die at module level charge none.
    let idle = embedded[0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s.as_u64().unwrap() == 0)
        .count();
    assert!(
        idle * 50 < programs,
        "{idle} of {programs} programs charged no steps"
    );

    let missing = run_in(
        dir.path(),
        &["bench", "exec", "--programs", "nope.jsonl", "--no-cpython"],
    );
    assert!(!missing.status.success());
    assert!(text(&missing).contains("nope.jsonl"), "{}", text(&missing));
}
