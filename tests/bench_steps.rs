//! `bench steps` counts every program's steps with no limit, times it under CPython
//! (`scripts/cpython_times.py`), and prints the buckets, the recommendation and the programs the
//! budget in force would stop; with `--json` the measurements are written too.

mod common;

use common::{run_in, task, text};
use serde_json::{json, Value};
use std::path::Path;

#[test]
fn bench_steps_tables_steps_against_cpython_time() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let challenges = json!({
        "aaaa0001": task(&[(json!([[1, 2], [3, 4]]), json!([[1, 2], [3, 4]]))], &[json!([[5]])]),
    });
    std::fs::write(dir.path().join("c.json"), challenges.to_string()).unwrap();
    // Plain Python (the system python3 need not have numpy): a loop of a known length, a
    // function per cell, a program that raises, and one of an unknown task (left out).
    let programs = [
        ("loop", "aaaa0001", "def transform(g):\n    s = 0\n    for i in range(20000):\n        s += i\n    return g\n"),
        ("calls", "aaaa0001", "def f(v):\n    return v\ndef transform(g):\n    return [[f(v) for v in row] for row in g]\n"),
        ("raises", "aaaa0001", "def transform(g):\n    return g[9]\n"),
        ("unknown", "zzzz9999", "def transform(g):\n    return g\n"),
    ];
    let jsonl: String = programs
        .iter()
        .map(|(id, t, code)| format!("{}\n", json!({"id": id, "task_id": t, "code": code})))
        .collect();
    std::fs::write(dir.path().join("p.jsonl"), jsonl).unwrap();
    let script = root.join("scripts/cpython_times.py");
    let out = run_in(
        dir.path(),
        &[
            "bench",
            "steps",
            "--programs",
            "p.jsonl",
            "--challenges",
            "c.json",
            "--python",
            "python3",
            "--timer-script",
            script.to_str().unwrap(),
            "--repeat",
            "1",
            "--max-steps",
            "30000",
            "--json",
            "steps.json",
        ],
    );
    let shown = text(&out);
    assert!(out.status.success(), "{shown}");
    for row in [
        "3 programs",
        "[0, 0.001)",
        "programs CPython finishes within 0.5 s",
        "recommended budget",
        "budget in force 30000: stops 1 of them: loop",
        "wall-time limit 2 s: 0 of them",
    ] {
        assert!(shown.contains(row), "missing {row:?} in\n{shown}");
    }
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("steps.json")).unwrap())
            .unwrap();
    let rows = report["programs"].as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["loop", "calls", "raises"]);
    let steps = |i: usize| rows[i]["steps"].as_u64().unwrap();
    // Two inputs, each 20000 loop iterations and a call.
    assert!((40_000..40_100).contains(&steps(0)), "{}", steps(0));
    assert!(steps(1) > 3 && steps(2) > 0);
    assert!(rows.iter().all(|r| r["complete"] == json!(true)));
    assert!(rows.iter().all(|r| r["cpython_ms"].as_f64().unwrap() > 0.0));
}
