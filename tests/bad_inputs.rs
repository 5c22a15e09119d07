//! Every kind of bad task file is reported with its file and task id, and the command exits non-zero.

mod common;

use common::{run_in, task, text, write_split};
use serde_json::json;

fn solve_on(challenges: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("arc-agi_evaluation_challenges.json"), challenges).unwrap();
    let out = run_in(
        dir.path(),
        &["solve", "--data-root", data.to_str().unwrap(), "--quiet"],
    );
    let ok = out.status.success();
    assert!(
        !dir.path().join("submission.json").exists() || ok,
        "no submission for bad input"
    );
    (ok, text(&out))
}

fn bad_grid(grid: serde_json::Value) -> String {
    json!({ "good0001": task(&[(json!([[1]]), json!([[2]]))], &[json!([[1]])]),
            "bad00001": task(&[(grid, json!([[2]]))], &[json!([[1]])]) })
    .to_string()
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(
        dir.path(),
        &["solve", "--data-root", dir.path().to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(
        text(&out).contains("arc-agi_evaluation_challenges.json"),
        "{}",
        text(&out)
    );
    let out = run_in(dir.path(), &["solve", "--data-root", "/no/such/dir"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("/no/such/dir"));
}

#[test]
fn malformed_json() {
    let (ok, msg) = solve_on("{\"abc\": {\"train\": [");
    assert!(!ok);
    assert!(
        msg.contains("malformed JSON") && msg.contains("arc-agi_evaluation_challenges.json"),
        "{msg}"
    );
}

#[test]
fn non_rectangular_grid() {
    let (ok, msg) = solve_on(&bad_grid(json!([[1, 2], [3]])));
    assert!(!ok);
    assert!(
        msg.contains("bad00001") && msg.contains("not rectangular"),
        "{msg}"
    );
}

#[test]
fn values_outside_0_to_9() {
    for v in [json!([[1, 10]]), json!([[-1]])] {
        let (ok, msg) = solve_on(&bad_grid(v));
        assert!(!ok);
        assert!(
            msg.contains("bad00001") && msg.contains("colours are 0 to 9"),
            "{msg}"
        );
    }
}

#[test]
fn sizes_outside_1_to_30() {
    let (ok, msg) = solve_on(&bad_grid(json!([vec![0; 31]])));
    assert!(!ok);
    assert!(msg.contains("bad00001") && msg.contains("1 to 30"), "{msg}");
    let (ok, msg) = solve_on(&bad_grid(json!([])));
    assert!(!ok);
    assert!(msg.contains("bad00001") && msg.contains("empty"), "{msg}");
    let (ok, msg) = solve_on(&bad_grid(json!([[]])));
    assert!(!ok && msg.contains("bad00001"), "{msg}");
}

#[test]
fn bad_solutions_file_names_the_task() {
    let dir = tempfile::tempdir().unwrap();
    let challenges = json!({ "good0001": task(&[(json!([[1]]), json!([[2]]))], &[json!([[1]])]) });
    write_split(
        dir.path(),
        &challenges,
        Some(&json!({ "good0001": [[[1, 2], [3]]] })),
    );
    let out = run_in(
        dir.path(),
        &["solve", "--data-root", dir.path().to_str().unwrap()],
    );
    assert!(!out.status.success());
    let msg = text(&out);
    assert!(
        msg.contains("arc-agi_evaluation_solutions.json") && msg.contains("good0001"),
        "{msg}"
    );
}

#[test]
fn unknown_task_ids_and_subsets() {
    let dir = tempfile::tempdir().unwrap();
    let challenges = json!({ "good0001": task(&[(json!([[1]]), json!([[2]]))], &[json!([[1]])]) });
    write_split(dir.path(), &challenges, None);
    let root = dir.path().to_str().unwrap();
    let out = run_in(
        dir.path(),
        &["solve", "--data-root", root, "--tasks", "good0001,nope1234"],
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("nope1234"));
    let out = run_in(
        dir.path(),
        &["solve", "--data-root", root, "--subset", "no-such-subset"],
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("no-such-subset"));
}
