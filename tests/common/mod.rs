//! Helpers shared by the integration tests: running the binary and writing small task files.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// A committed fixture under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A running `serve`; killed on drop.
pub struct Served {
    child: Child,
    /// The OpenAI-compatible base URL (`http://127.0.0.1:PORT/v1`).
    pub base_url: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `arc-solver serve` on the model directory (CPU, a free loopback port) and waits until it
/// listens.
pub fn serve(model: &Path) -> Served {
    let mut child = Command::new(bin())
        .args(["serve", "--devices", "cpu", "--port", "0", "--model"])
        .arg(model)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    Served {
        child,
        base_url: format!("{addr}/v1"),
    }
}

/// Path of the built binary.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_arc-solver"))
}

/// Runs the binary with `args` in `dir`, with the data-root and store variables cleared.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env_remove("ARC_DATA_ROOT")
        .env_remove("ARC_PROGRAMS_DB")
        .output()
        .expect("binary runs")
}

/// stdout + stderr as text.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Writes `arc-agi_evaluation_{challenges,solutions}.json` into `dir`.
pub fn write_split(dir: &Path, challenges: &Value, solutions: Option<&Value>) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("arc-agi_evaluation_challenges.json"),
        challenges.to_string(),
    )
    .unwrap();
    if let Some(s) = solutions {
        std::fs::write(dir.join("arc-agi_evaluation_solutions.json"), s.to_string()).unwrap();
    }
}

/// A task in Kaggle form from (input, output) train pairs and test inputs.
pub fn task(train: &[(Value, Value)], test: &[Value]) -> Value {
    json!({
        "train": train.iter().map(|(i, o)| json!({"input": i, "output": o})).collect::<Vec<_>>(),
        "test": test.iter().map(|i| json!({"input": i})).collect::<Vec<_>>(),
    })
}

/// The full ARC data sets: `ARC_DATA_DIR`, or `../shared/arc-data` beside the repository. Tests
/// that call this are `#[ignore]`d (a fresh clone has no data); asked to run without the data, they
/// fail here with a message instead of passing.
pub fn arc_data() -> PathBuf {
    outside_dir(
        "ARC_DATA_DIR",
        "arc-data",
        "arc-prize-2024",
        "the ARC data sets",
    )
}

/// The interface specs: `ARC_SPECS_DIR`, or `../shared/specs` beside the repository (same rules as
/// [`arc_data`]).
pub fn specs_dir() -> PathBuf {
    outside_dir(
        "ARC_SPECS_DIR",
        "specs",
        "soar-prompt.json",
        "the interface specs",
    )
}

/// The project's golden prompt fixtures (copies of the specs and the tasks their examples use).
pub fn prompt_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/prompts")
}

fn outside_dir(var: &str, shared_name: &str, must_hold: &str, what: &str) -> PathBuf {
    let dir = std::env::var_os(var).map_or_else(
        || {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../shared")
                .join(shared_name)
        },
        PathBuf::from,
    );
    assert!(
        dir.join(must_hold).exists(),
        "this test needs {what}: {} holds no {must_hold}; set {var} to the folder that does",
        dir.display()
    );
    dir
}

/// Writes `challenges` and `programs` (JSON values, one per line) into `dir`, runs corpus mode
/// (`exec --programs`) with `extra` flags, and returns the output lines.
pub fn run_corpus_mode(
    dir: &Path,
    challenges: &Value,
    programs: &[Value],
    extra: &[&str],
) -> Vec<Value> {
    write_split(dir, challenges, None);
    let jsonl: String = programs.iter().map(|p| format!("{p}\n")).collect();
    std::fs::write(dir.join("p.jsonl"), jsonl).unwrap();
    let mut args = vec![
        "exec",
        "--programs",
        "p.jsonl",
        "--challenges",
        "arc-agi_evaluation_challenges.json",
        "--out",
        "o.jsonl",
    ];
    args.extend_from_slice(extra);
    let out = run_in(dir, &args);
    assert!(out.status.success(), "{}", text(&out));
    std::fs::read_to_string(dir.join("o.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
