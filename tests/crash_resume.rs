//! Crash safety and resume: `kill -9` at random points of a library run never leaves an invalid
//! submission, and resuming until done gives the same tasks, submission and metrics as an
//! uninterrupted run; SIGTERM ends a run cleanly (exit 143) and it resumes the same way.
//!
//! These run on 40 real ARC-AGI-1 tasks, so they need the data sets and are ignored by default;
//! `.ci/run` runs them (`cargo test -- --include-ignored`).

mod common;

use common::{arc_data, bin, text};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TASKS: usize = 40;

/// A data root with the first 40 ARC-AGI-1 evaluation tasks (written once per test process).
fn data_root() -> PathBuf {
    static ROOT: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let source = arc_data().join("arc-prize-2024");
        let read = |name: &str| -> serde_json::Map<String, Value> {
            let text = std::fs::read_to_string(source.join(name)).unwrap();
            serde_json::from_str(&text).unwrap()
        };
        let challenges = read("arc-agi_evaluation_challenges.json");
        let solutions = read("arc-agi_evaluation_solutions.json");
        let ids: Vec<&String> = challenges.keys().take(TASKS).collect();
        let pick = |all: &serde_json::Map<String, Value>| -> Value {
            Value::Object(
                ids.iter()
                    .map(|id| ((*id).clone(), all[*id].clone()))
                    .collect(),
            )
        };
        let dir = tempfile::tempdir().unwrap();
        common::write_split(dir.path(), &pick(&challenges), Some(&pick(&solutions)));
        dir
    })
    .path()
    .to_path_buf()
}

fn challenges() -> PathBuf {
    data_root().join("arc-agi_evaluation_challenges.json")
}

fn solve_cmd(dir: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args(["solve", "--data-root"])
        .arg(data_root())
        .args(["--split", "evaluation", "--attempts", "24", "--quiet"])
        .args(extra)
        .current_dir(dir)
        .env_remove("ARC_DATA_ROOT")
        .env_remove("ARC_PROGRAMS_DB");
    cmd
}

/// Metrics of a finished run as JSON, without its wall time.
fn metrics(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "{}", text(out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut m = v["runs"][0]["metrics"].clone();
    m.as_object_mut().unwrap().remove("wall_seconds");
    m
}

/// Metrics and submission of one uninterrupted run, shared by the tests.
fn reference() -> &'static (Value, String) {
    static REFERENCE: std::sync::OnceLock<(Value, String)> = std::sync::OnceLock::new();
    REFERENCE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = solve_cmd(dir.path(), &["--json"]).output().unwrap();
        let sub = std::fs::read_to_string(dir.path().join("submission.json")).unwrap();
        (metrics(&out), sub)
    })
}

/// The submission must parse and answer every task whenever it exists.
fn check_submission(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let sub: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("submission unreadable ({e}): {text:.200}"));
    assert_eq!(sub.as_object().unwrap().len(), TASKS);
}

fn validate(dir: &Path) {
    let out = Command::new(bin())
        .arg("validate")
        .arg(dir.join("submission.json"))
        .arg("--challenges")
        .arg(challenges())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
}

/// Whether the store holds an unfinished run.
fn has_unfinished_run(dir: &Path) -> bool {
    let db = dir.join("runs/programs.db");
    if !db.exists() {
        return false;
    }
    // The file may exist before its tables do (a run just starting).
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT COUNT(*) FROM runs WHERE metrics IS NULL", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok_and(|n| n > 0)
}

/// Watches the submission while `child` runs for `wait`, then kills it with SIGKILL; returns
/// whether it was still running.
fn run_then_kill(mut child: Child, dir: &Path, wait: Duration) -> bool {
    let until = Instant::now() + wait;
    while Instant::now() < until {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if dir.join("submission.json").exists() {
            check_submission(&dir.join("submission.json"));
        }
        std::thread::sleep(Duration::from_millis(15));
    }
    let running = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    running
}

#[test]
#[ignore = "needs the ARC data sets (40 ARC-AGI-1 evaluation tasks): ARC_DATA_DIR (default ../shared/arc-data)"]
fn kill_9_at_random_points_then_resume_matches_an_uninterrupted_run() {
    let (reference_metrics, reference_sub) = reference();

    let dir = tempfile::tempdir().unwrap();
    let mut waits = Vec::new();
    let mut killed_mid_run = 0;
    for _ in 0..4 {
        let wait = Duration::from_millis(rand::Rng::gen_range(&mut rand::thread_rng(), 150..1500));
        waits.push(wait);
        let resume: &[&str] = if has_unfinished_run(dir.path()) {
            &["--resume", "last"]
        } else {
            &[]
        };
        let child = solve_cmd(dir.path(), resume)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        killed_mid_run += usize::from(run_then_kill(child, dir.path(), wait));
        if dir.path().join("submission.json").exists() {
            check_submission(&dir.path().join("submission.json"));
            validate(dir.path());
        }
    }
    assert!(killed_mid_run > 0, "no kill landed during a run: {waits:?}");
    let resume: &[&str] = if has_unfinished_run(dir.path()) {
        &["--resume", "last", "--json"]
    } else {
        &["--json"]
    };
    let resumed = solve_cmd(dir.path(), resume).output().unwrap();
    assert_eq!(
        &metrics(&resumed),
        reference_metrics,
        "kills after {waits:?}: {}",
        text(&resumed)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("submission.json")).unwrap(),
        *reference_sub,
        "kills after {waits:?}"
    );
    validate(dir.path());
}

#[test]
#[ignore = "needs the ARC data sets (40 ARC-AGI-1 evaluation tasks): ARC_DATA_DIR (default ../shared/arc-data)"]
fn sigterm_finishes_the_write_exits_143_and_the_run_resumes() {
    let (reference_metrics, _) = reference();

    let dir = tempfile::tempdir().unwrap();
    let child = solve_cmd(dir.path(), &[])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Let it finish a few tasks, then ask it to stop.
    let started = Instant::now();
    while !has_unfinished_run(dir.path()) && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(400));
    // SAFETY: sending a signal to our own child process.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGTERM);
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(143), "{stderr}");
    assert!(
        stderr.contains("interrupted") && stderr.contains("--resume"),
        "{stderr}"
    );
    validate(dir.path());
    assert!(has_unfinished_run(dir.path()));

    let resumed = solve_cmd(dir.path(), &["--resume", "last", "--json"])
        .output()
        .unwrap();
    assert_eq!(&metrics(&resumed), reference_metrics, "{}", text(&resumed));
    assert!(!has_unfinished_run(dir.path()));
}

/// Needs no data: the embedded sample tasks.
#[test]
fn resume_errors_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::run_in(dir.path(), &["solve", "--resume", "last"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("no unfinished run"), "{}", text(&out));
    let out = common::run_in(dir.path(), &["solve", "--resume", "nope-123"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("no such run"), "{}", text(&out));
}
