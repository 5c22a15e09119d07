//! Corpus mode: `exec --programs P.jsonl --challenges F.json --out O.jsonl` writes one line per
//! program, in order, with outputs on train inputs then test inputs and error names.

mod common;

use common::{run_corpus_mode, run_in, task, text};
use serde_json::{json, Value};

/// Writes one task and `programs` into `dir`, runs corpus mode with `extra` flags, returns the lines.
fn run_corpus(dir: &std::path::Path, programs: &[Value], extra: &[&str]) -> Vec<Value> {
    let challenges = json!({
        "aaaa0001": task(&[(json!([[1, 2]]), json!([[2, 1]]))], &[json!([[3, 4]])]),
    });
    run_corpus_mode(dir, &challenges, programs, extra)
}

#[test]
fn corpus_mode_output_format() {
    let dir = tempfile::tempdir().unwrap();
    let programs = [
        json!({"id": "flip", "task_id": "aaaa0001", "code": "def transform(g):\n    return [r[::-1] for r in g]\n"}),
        json!({"id": 2, "task_id": "aaaa0001", "code": "def transform(g):\n    if g[0][0] == 3:\n        return 'no'\n    return g\n"}),
        json!({"id": "loop", "task_id": "aaaa0001", "code": "def transform(g):\n    while True:\n        pass\n"}),
        json!({"id": "err", "task_id": "aaaa0001", "code": "def transform(g):\n    return g[9]\n"}),
        json!({"id": "missing", "task_id": "ffff0000", "code": "def transform(g):\n    return g\n"}),
    ];
    let lines = run_corpus(dir.path(), &programs, &["--timeout", "0.3"]);
    assert_eq!(lines.len(), 5);
    assert_eq!(
        lines[0],
        json!({"id": "flip", "task_id": "aaaa0001", "outputs": [[[2, 1]], [[4, 3]]], "errors": [null, null]})
    );
    assert_eq!(lines[1]["id"], 2);
    assert_eq!(lines[1]["outputs"], json!([[[1, 2]], null]));
    assert_eq!(lines[1]["errors"], json!([null, "InvalidOutput"]));
    assert_eq!(lines[2]["errors"], json!(["Timeout", "Timeout"]));
    assert_eq!(lines[3]["errors"], json!(["IndexError", "IndexError"]));
    assert_eq!(lines[4]["errors"], json!(["UnknownTask"]));

    std::fs::write(dir.path().join("bad.jsonl"), "{\"id\": 1}\n").unwrap();
    let out = run_in(
        dir.path(),
        &[
            "exec",
            "--programs",
            "bad.jsonl",
            "--challenges",
            "arc-agi_evaluation_challenges.json",
            "--out",
            "x.jsonl",
        ],
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("bad.jsonl:1"), "{}", text(&out));
}

#[test]
fn memory_bombs_and_native_hangs_end_only_their_program() {
    let dir = tempfile::tempdir().unwrap();
    let programs = [
        json!({"id": "list", "task_id": "aaaa0001", "code": "def transform(g):\n    x = [0] * 10**10\n    return g\n"}),
        json!({"id": "str", "task_id": "aaaa0001", "code": "def transform(g):\n    s = 'a' * 10**11\n    return g\n"}),
        json!({"id": "native", "task_id": "aaaa0001", "code": "def transform(g):\n    return [[sum(range(10**12)) % 10]]\n"}),
        json!({"id": "fine", "task_id": "aaaa0001", "code": "def transform(g):\n    return [r[::-1] for r in g]\n"}),
    ];
    let lines = run_corpus(
        dir.path(),
        &programs,
        &[
            "--timeout",
            "0.5",
            "--workers",
            "1",
            "--memory-limit-mb",
            "2048",
        ],
    );
    assert_eq!(lines[0]["errors"], json!(["MemoryError", "MemoryError"]));
    assert_eq!(lines[1]["errors"], json!(["MemoryError", "MemoryError"]));
    assert_eq!(lines[2]["errors"], json!(["Timeout", "Timeout"]));
    assert_eq!(lines[3]["outputs"], json!([[[2, 1]], [[4, 3]]]));
}
