//! A replay run on constructed tasks whose metrics, submission and store contents are worked out by
//! hand, plus `validate` and `score` on the result.

mod common;

use common::{run_in, task, text, write_split};
use serde_json::{json, Value};

const FLIP: &str = "def transform(g):\n    return [row[::-1] for row in g]\n";

fn setup(dir: &std::path::Path) {
    let challenges = json!({
        "aaaa0001": task(&[(json!([[1, 2]]), json!([[2, 1]])), (json!([[3, 4]]), json!([[4, 3]]))], &[json!([[5, 6]])]),
        "bbbb0002": task(&[(json!([[1]]), json!([[1, 1]])), (json!([[2]]), json!([[2, 2]]))], &[json!([[3]]), json!([[4]])]),
    });
    let solutions = json!({ "aaaa0001": [[[6, 5]]], "bbbb0002": [[[3, 3]], [[4, 4]]] });
    write_split(&dir.join("data"), &challenges, Some(&solutions));
    let fence = "```";
    let lines = [
        // A1: right everywhere (weight 1001).
        json!({"task_id": "aaaa0001", "code": FLIP, "prompt_tokens": 100, "completion_tokens": 10}),
        // A2: identity in a fenced block: ok, train 0/2 (weight 1).
        json!({"task_id": "aaaa0001", "completion": format!("Idea.\n{fence}python\ndef transform(g):\n    return g\n{fence}"), "completion_tokens": 20}),
        // A3: no code.
        json!({"task_id": "aaaa0001", "completion": "I give up."}),
        // A4: cut off at the token limit.
        json!({"task_id": "aaaa0001", "completion": format!("{fence}python\ndef transform(g):\n    return [r"), "finish_reason": "length"}),
        // B1: right on train and test 1, raises on test 2 (exec-error).
        json!({"task_id": "bbbb0002", "code": "def transform(g):\n    v = g[0][0]\n    if v == 4:\n        raise ValueError('four')\n    return [[v, v]]\n"}),
        // B2: never returns (timeout).
        json!({"task_id": "bbbb0002", "code": "def transform(g):\n    while True:\n        pass\n"}),
        // B3: constant output: train 1/2, transduction 0.9.
        json!({"task_id": "bbbb0002", "code": "def transform(g):\n    return [[1, 1]]\n"}),
        // B4: the backend failed.
        json!({"task_id": "bbbb0002", "error": "HTTP 503"}),
    ];
    let jsonl: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.join("replay.jsonl"), jsonl).unwrap();
}

/// `solve --json` on the replay set written by [`setup`], with `extra` flags; must succeed.
fn solve_replay(dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "solve",
        "--data-root",
        "data",
        "--replay",
        "replay.jsonl",
        "--json",
    ];
    args.extend_from_slice(extra);
    let out = run_in(dir, &args);
    assert!(out.status.success(), "{}", text(&out));
    out
}

#[test]
fn replay_metrics_match_hand_computation() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let out = solve_replay(dir.path(), &["--timeout", "0.5", "--db", "store.db"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let m = &report["runs"][0]["metrics"];
    let close = |key: &str, want: f64| {
        let got = m[key]
            .as_f64()
            .unwrap_or_else(|| panic!("{key} missing in {m}"));
        assert!((got - want).abs() < 1e-9, "{key}: got {got}, want {want}");
    };
    // A scores 1 (test right); B scores 1/2 (test 1 right, test 2 wrong) under both votes.
    close("pass2_weighted", 0.75);
    close("pass2_train_majority", 0.75);
    close("oracle", 0.75);
    close("all_train_correct", 1.0);
    close("min1_train_correct", 1.0);
    close("ok_rate", 3.0 / 8.0);
    close("no_code_rate", 1.0 / 8.0);
    close("max_length_rate", 1.0 / 8.0);
    close("exec_error_rate", 1.0 / 8.0);
    close("timeout_rate", 1.0 / 8.0);
    close("api_failure_rate", 1.0 / 8.0);
    close("invalid_output_rate", 0.0);
    assert_eq!(m["attempts"], 8);
    assert_eq!(m["prompt_tokens"], 100);
    assert_eq!(m["completion_tokens"], 30);

    // The submission holds the weighted top 2, with the test input as fallback second guess.
    let sub: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("submission.json")).unwrap())
            .unwrap();
    assert_eq!(
        sub["aaaa0001"][0],
        json!({"attempt_1": [[6, 5]], "attempt_2": [[5, 6]]})
    );
    assert_eq!(
        sub["bbbb0002"][0],
        json!({"attempt_1": [[3, 3]], "attempt_2": [[1, 1]]})
    );
    assert_eq!(
        sub["bbbb0002"][1],
        json!({"attempt_1": [[1, 1]], "attempt_2": [[4]]})
    );

    // validate and score agree.
    let ok = run_in(
        dir.path(),
        &[
            "validate",
            "submission.json",
            "--challenges",
            "data/arc-agi_evaluation_challenges.json",
        ],
    );
    assert!(ok.status.success(), "{}", text(&ok));
    let score = run_in(
        dir.path(),
        &[
            "score",
            "submission.json",
            "--solutions",
            "data/arc-agi_evaluation_solutions.json",
            "--json",
        ],
    );
    let s: Value = serde_json::from_slice(&score.stdout).unwrap();
    assert_eq!(s["score"], 0.75);

    // The store has every attempt, and stats reads it.
    let run_id = report["runs"][0]["run"]["run_id"]
        .as_str()
        .unwrap()
        .to_string();
    let conn = rusqlite::Connection::open(dir.path().join("store.db")).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM attempts WHERE run_id = ?1",
            [&run_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 8);
    let cats: Vec<String> = conn
        .prepare("SELECT category FROM attempts WHERE task_id = 'bbbb0002' ORDER BY attempt_index")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(cats, ["exec-error", "timeout", "ok", "api-failure"]);
    let trans: f64 = conn
        .query_row(
            "SELECT transduction FROM attempts WHERE task_id = 'bbbb0002' AND attempt_index = 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(trans, 0.9);
    assert!(dir
        .path()
        .join("runs")
        .join(&run_id)
        .join("summary.json")
        .exists());
    let stats = run_in(dir.path(), &["stats", "--db", "store.db"]);
    assert!(
        stats.status.success() && text(&stats).contains(&run_id),
        "{}",
        text(&stats)
    );
}

#[test]
fn repeat_runs_report_spread() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let out = solve_replay(
        dir.path(),
        &["--timeout", "0.3", "--repeat-runs", "2", "--db", "s.db"],
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["runs"].as_array().unwrap().len(), 2);
    let pass = report["spread"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "pass@2 (weighted)")
        .unwrap();
    assert_eq!(pass["n"], 2);
    assert_eq!(pass["mean"], 0.75);
    assert_eq!(pass["std"], 0.0);
}

#[test]
fn score_and_validate_reject_bad_submissions() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    std::fs::write(
        dir.path().join("sub.json"),
        json!({"aaaa0001": [{"attempt_1": [[1]]}]}).to_string(),
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &[
            "validate",
            "sub.json",
            "--challenges",
            "data/arc-agi_evaluation_challenges.json",
        ],
    );
    assert!(!out.status.success());
    std::fs::write(
        dir.path().join("sub.json"),
        json!({"aaaa0001": [{"attempt_1": [[1]], "attempt_2": [[1, 2], [3]]}]}).to_string(),
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &[
            "validate",
            "sub.json",
            "--challenges",
            "data/arc-agi_evaluation_challenges.json",
        ],
    );
    assert!(!out.status.success());
    let msg = text(&out);
    assert!(
        msg.contains("bbbb0002: missing") && msg.contains("not rectangular"),
        "{msg}"
    );
}
