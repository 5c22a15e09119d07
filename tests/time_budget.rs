//! `--time-budget` on the replay backend with an artificial delay per completion: samples per task
//! are planned so the run ends inside the budget with every task answered, a generous budget
//! gives every sample, and the hard deadline ends a run whose work cannot fit, with exit 0 and a
//! valid submission.

mod common;

use common::{bin, task, text, write_split};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const FLIP: &str = "def transform(g):\n    return [row[::-1] for row in g]\n";

/// `tasks` flip tasks with `per_task` recorded programs each.
fn setup(dir: &Path, tasks: usize, per_task: usize) {
    let mut challenges = serde_json::Map::new();
    let mut lines = String::new();
    for t in 0..tasks {
        let id = format!("{t:08x}");
        challenges.insert(
            id.clone(),
            task(
                &[
                    (json!([[1, 2]]), json!([[2, 1]])),
                    (json!([[3, 4]]), json!([[4, 3]])),
                ],
                &[json!([[t % 10, 5]])],
            ),
        );
        for _ in 0..per_task {
            lines.push_str(&format!("{}\n", json!({"task_id": id, "code": FLIP})));
        }
    }
    write_split(&dir.join("data"), &Value::Object(challenges), None);
    std::fs::write(dir.join("replay.jsonl"), lines).unwrap();
}

/// Runs solve with the budget; returns the output, its wall time and the stored attempts per task.
fn run(dir: &Path, args: &[&str]) -> (std::process::Output, Duration, Vec<usize>) {
    let mut all = vec![
        "solve",
        "--data-root",
        "data",
        "--replay",
        "replay.jsonl",
        "--quiet",
    ];
    all.extend_from_slice(args);
    let started = Instant::now();
    let out = common::run_in(dir, &all);
    let wall = started.elapsed();
    let conn = rusqlite::Connection::open(dir.join("runs/programs.db")).unwrap();
    let mut q = conn
        .prepare("SELECT task_id, COUNT(*) FROM attempts GROUP BY task_id ORDER BY task_id")
        .unwrap();
    let per_task = q
        .query_map([], |r| r.get::<_, i64>(1))
        .unwrap()
        .map(|n| n.unwrap() as usize)
        .collect();
    (out, wall, per_task)
}

fn validate(dir: &Path) {
    let out = Command::new(bin())
        .current_dir(dir)
        .args(["validate", "submission.json", "--challenges"])
        .arg("data/arc-agi_evaluation_challenges.json")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn a_tight_budget_gives_every_task_a_first_pass_and_ends_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path(), 12, 8);
    // All the work would take 12 × 8 × 0.1 = 9.6 s.
    let (out, wall, per_task) = run(
        dir.path(),
        &[
            "--attempts",
            "8",
            "--replay-delay",
            "0.1",
            "--time-budget",
            "4s",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(wall < Duration::from_millis(4600), "took {wall:?}");
    assert_eq!(per_task.len(), 12, "every task answered: {per_task:?}");
    assert!(per_task.iter().all(|&n| n >= 1), "{per_task:?}");
    let total: usize = per_task.iter().sum();
    assert!((24..96).contains(&total), "{total} samples: {per_task:?}");
    validate(dir.path());
}

#[test]
fn a_generous_budget_gives_every_sample() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path(), 6, 8);
    let (out, _, per_task) = run(
        dir.path(),
        &[
            "--attempts",
            "8",
            "--replay-delay",
            "0.01",
            "--time-budget",
            "2m",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    // The first task's probe (2 samples) is topped up by a second pass.
    assert_eq!(per_task, vec![8; 6]);
    validate(dir.path());
}

#[test]
fn the_hard_deadline_ends_the_run_with_exit_0_and_a_valid_submission() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path(), 3, 4);
    // One sample per second: the third task's first sample cannot finish by the deadline.
    let (out, wall, per_task) = run(
        dir.path(),
        &[
            "--attempts",
            "4",
            "--replay-delay",
            "1",
            "--time-budget",
            "2.5s",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(wall < Duration::from_millis(3200), "took {wall:?}");
    assert!(text(&out).contains("time budget reached"), "{}", text(&out));
    assert_eq!(per_task, vec![1, 1], "cut work is not recorded");
    validate(dir.path());
}
