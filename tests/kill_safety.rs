//! The submission on disk stays valid when a run is killed at any point between (or during) tasks.

mod common;

use arc_solver::submission::Submission;
use arc_solver::task::load_challenges;
use common::{bin, task, write_split};
use serde_json::json;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn submission_valid_after_sigkill_at_many_points() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut challenges = serde_json::Map::new();
    let mut lines = String::new();
    for i in 0..40 {
        let id = format!("{i:08x}");
        challenges.insert(
            id.clone(),
            task(&[(json!([[1, 2]]), json!([[2, 1]]))], &[json!([[i % 10]])]),
        );
        // A program that takes a little while, so kills land between and inside tasks.
        let code = "def transform(g):\n    x = 0\n    for i in range(30000):\n        x += i\n    return [row[::-1] for row in g]\n";
        lines.push_str(&json!({"task_id": id, "code": code}).to_string());
        lines.push('\n');
    }
    write_split(&data, &serde_json::Value::Object(challenges), None);
    std::fs::write(dir.path().join("replay.jsonl"), lines).unwrap();
    let tasks = load_challenges(&data.join("arc-agi_evaluation_challenges.json")).unwrap();
    let sub_path = dir.path().join("submission.json");
    let mut checked_existing = 0;
    for (k, delay_ms) in [30u64, 120, 250, 400, 700, 1100, 1600, 2500]
        .into_iter()
        .enumerate()
    {
        let _ = std::fs::remove_file(&sub_path);
        let mut child = Command::new(bin())
            .args([
                "solve",
                "--data-root",
                "data",
                "--replay",
                "replay.jsonl",
                "--quiet",
                "--workers",
                "1",
            ])
            .args(["--db", &format!("s{k}.db")])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(delay_ms) {
            std::thread::sleep(Duration::from_millis(5));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        if sub_path.exists() {
            checked_existing += 1;
            let sub = Submission::read(&sub_path).expect("parseable after kill");
            assert!(
                sub.problems(&tasks).is_empty(),
                "valid after kill at {delay_ms} ms"
            );
        }
    }
    assert!(
        checked_existing >= 3,
        "the file existed at only {checked_existing} kill points"
    );
}
