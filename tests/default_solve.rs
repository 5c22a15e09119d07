//! `solve` with no flags runs the library backend on the embedded sample from any directory and
//! writes a submission that `validate` accepts and `score` scores like the run's own metric.

mod common;

use arc_solver::submission::Submission;
use arc_solver::task::{embedded_sample, Split};
use common::{run_in, text};
use serde_json::Value;

#[test]
fn default_solve_on_the_embedded_sample() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["solve", "--json"]);
    assert!(out.status.success(), "{}", text(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let m = &report["runs"][0]["metrics"];
    assert_eq!(m["tasks"], 12);
    let pass2 = m["pass2_weighted"].as_f64().unwrap();
    // The sample mixes tasks the library solves with ones it cannot.
    assert!(pass2 > 0.3 && pass2 < 1.0, "pass@2 {pass2}");

    let tasks = embedded_sample::load(Split::Evaluation).unwrap();
    let sub = Submission::read(&dir.path().join("submission.json")).unwrap();
    assert!(sub.problems(&tasks).is_empty());
    let solutions = tasks
        .iter()
        .map(|t| (t.id.clone(), t.solutions.clone().unwrap()))
        .collect();
    let (score, n) = sub.score(&solutions);
    assert_eq!(n, 12);
    assert!(
        (score - pass2).abs() < 1e-12,
        "file scores {score}, run reported {pass2}"
    );
    assert!(dir.path().join("runs/programs.db").exists());

    // The embedded sample has only the evaluation split.
    let out = run_in(dir.path(), &["solve", "--split", "training"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("--data-root"), "{}", text(&out));
}
