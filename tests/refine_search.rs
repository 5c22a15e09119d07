//! The search end to end: refinement finds a fix that sampling alone never does (a scripted
//! OpenAI-compatible server on loopback answers a refinement prompt with the right program only
//! when it shows one particular parent's feedback), the winner's lineage points at that parent,
//! `kill -9` in the middle of a refinement round resumes to exactly the uninterrupted run, early
//! stopping frees attempts, and bad flags or replay lines are clear errors.

mod common;

use arc_solver::program::source_hash;
use common::{run_in, task, text, write_split};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Right on no train pair of the flip tasks below.
const IDENTITY: &str = "def transform(g):\n    return [row[:] for row in g]";
/// Right on the first train pair only (it flips rows starting below 2).
const SPECIAL: &str =
    "def transform(g):\n    if g[0][0] < 2:\n        return [row[::-1] for row in g]\n    return [row[:] for row in g]";
/// Raises: never a parent.
const RAISER: &str = "def transform(g):\n    raise ValueError('no')";
/// Wrong everywhere, but a grid of the right size.
const BROKEN: &str = "def transform(g):\n    return [[0 for _ in row] for row in g]";
/// The rule.
const FIX: &str = "def transform(g):\n    return [row[::-1] for row in g]";

fn fenced(code: &str) -> String {
    format!("```python\n{code}\n```")
}

/// Flip tasks `t0000000`, `t0000001`, … with train pairs [[1 2]]→[[2 1]], [[3 4]]→[[4 3]] and one
/// test input each.
fn write_flip_tasks(dir: &Path, n: usize) -> Vec<String> {
    let mut challenges = serde_json::Map::new();
    let mut solutions = serde_json::Map::new();
    let mut ids = Vec::new();
    for t in 0..n {
        let id = format!("t{t:07}");
        let row = [5 + t as i64 % 4, 9];
        challenges.insert(
            id.clone(),
            task(
                &[
                    (json!([[1, 2]]), json!([[2, 1]])),
                    (json!([[3, 4]]), json!([[4, 3]])),
                ],
                &[json!([row])],
            ),
        );
        solutions.insert(id.clone(), json!([[[row[1], row[0]]]]));
        ids.push(id);
    }
    write_split(
        &dir.join("data"),
        &Value::Object(challenges),
        Some(&Value::Object(solutions)),
    );
    ids
}

/// One request as the scripted server saw it.
#[derive(Clone, Debug)]
struct Seen {
    n: u64,
    system: String,
    user: String,
}

/// A chat-completions server that answers sampling prompts with a cycle of drafts, and
/// refinement prompts with [`FIX`] when they show [`SPECIAL`]'s feedback, [`BROKEN`] otherwise.
fn start_server() -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let log = log.clone();
            std::thread::spawn(move || handle(stream, &log));
        }
    });
    (url, seen)
}

fn handle(mut stream: TcpStream, log: &Mutex<Vec<Seen>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut length = 0usize;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let n = body["n"].as_u64().unwrap_or(1);
    let message = |role: &str| {
        body["messages"]
            .as_array()
            .and_then(|m| m.iter().find(|m| m["role"] == role))
            .and_then(|m| m["content"].as_str())
            .unwrap_or("")
            .to_string()
    };
    let (system, user) = (message("system"), message("user"));
    let texts: Vec<String> = if user.contains("Previous implementation:") {
        let shows_special = user.contains(&fenced(SPECIAL))
            && user.contains("correctly worked on 1/2 train input-output pairs");
        vec![fenced(if shows_special { FIX } else { BROKEN }); n as usize]
    } else {
        let cycle = [IDENTITY, SPECIAL, RAISER];
        (0..n as usize).map(|i| fenced(cycle[i % 3])).collect()
    };
    log.lock().unwrap().push(Seen { n, system, user });
    let reply = json!({
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "model": body["model"],
        "choices": texts.iter().enumerate().map(|(i, t)| json!({
            "index": i,
            "message": {"role": "assistant", "content": t},
            "finish_reason": "stop",
        })).collect::<Vec<_>>(),
        "usage": {"prompt_tokens": 100, "completion_tokens": 10 * n, "total_tokens": 100 + 10 * n},
    })
    .to_string();
    let _ = write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{reply}",
        reply.len()
    );
    let _ = stream.flush();
}

fn solve_json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["solve", "--data-root", "data", "--json"];
    all.extend_from_slice(args);
    let out = Command::new(common::bin())
        .args(&all)
        .current_dir(dir)
        .env_remove("ARC_DATA_ROOT")
        .env_remove("ARC_PROGRAMS_DB")
        .env_remove("OPENAI_API_KEY")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)))
}

/// (task, index, source hash, parent hash, depth, prompt version) of every stored attempt.
type Lineage = (String, i64, Option<String>, Option<String>, i64, String);

fn lineage(db: &Path) -> Vec<Lineage> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut q = conn
        .prepare(
            "SELECT task_id, attempt_index, source_hash, parent_hash, depth, prompt_version FROM attempts
             ORDER BY task_id, attempt_index",
        )
        .unwrap();
    let rows = q
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows
}

#[test]
fn refinement_finds_the_fix_sampling_misses_and_the_winner_descends_from_the_right_parent() {
    let (url, seen) = start_server();
    let openai = [
        "--base-url",
        url.as_str(),
        "--model",
        "scripted",
        "--attempts",
        "16",
    ];

    // Sampling only: the drafts never solve the task.
    let dir = tempfile::tempdir().unwrap();
    write_flip_tasks(dir.path(), 1);
    let mut args = openai.to_vec();
    args.extend(["--refine-fraction", "0"]);
    let plain = solve_json(dir.path(), &args);
    let m = &plain["runs"][0]["metrics"];
    assert_eq!(m["pass2_weighted"], 0.0, "{m}");
    assert_eq!(m["attempts"], 16);
    assert_eq!(m["refinements"], 0);
    assert!(seen
        .lock()
        .unwrap()
        .iter()
        .all(|s| !s.user.contains("Previous implementation:")));

    // Half the attempts refine: the first sampling pass (8), then two rounds of one parent × 4.
    seen.lock().unwrap().clear();
    let dir = tempfile::tempdir().unwrap();
    write_flip_tasks(dir.path(), 1);
    let mut args = openai.to_vec();
    args.extend(["--refine-fraction", "0.5"]);
    let refined = solve_json(dir.path(), &args);
    let run = &refined["runs"][0];
    let m = &run["metrics"];
    assert_eq!(m["pass2_weighted"], 1.0, "{m}");
    assert_eq!(m["pass2_weighted_sampling"], 0.0, "{m}");
    assert_eq!(m["oracle_sampling"], 0.0, "{m}");
    assert_eq!(m["attempts"], 16);
    assert_eq!(m["refinements"], 8);
    assert_eq!(m["tasks_first_solved_by_refinement"], 1, "{m}");
    assert_eq!(m["tasks_first_train_perfect_by_refinement"], 1, "{m}");
    assert_eq!(m["winner_mean_depth"], 1.0, "{m}");
    assert!(m["refinements_beat_parent"].as_f64().unwrap() > 0.0, "{m}");
    assert_eq!(run["search"]["refine_requests"], 2, "{}", run["search"]);

    // Every refinement went out as one request for its 4 children, with the refinement prompt.
    let requests = seen.lock().unwrap().clone();
    let refinements: Vec<&Seen> = requests
        .iter()
        .filter(|s| s.user.contains("Previous implementation:"))
        .collect();
    assert_eq!(refinements.len(), 2, "{requests:#?}");
    assert!(refinements.iter().all(|s| s.n == 4));
    assert!(refinements.iter().all(|s| s
        .user
        .contains("tasks by repairing Python code implementations")
        && s.system.contains("by reasoning and generating Python code")));

    // The store: the train-perfect programs are refinements of SPECIAL at depth 1, recorded
    // under the refinement prompt; fresh samples have no parent.
    let rows = lineage(&dir.path().join("runs/programs.db"));
    assert_eq!(rows.len(), 16);
    let fix = source_hash(FIX);
    let winners: Vec<&Lineage> = rows
        .iter()
        .filter(|r| r.2.as_deref() == Some(&fix))
        .collect();
    assert!(!winners.is_empty(), "{rows:#?}");
    for w in &winners {
        assert_eq!(w.3.as_deref(), Some(source_hash(SPECIAL).as_str()), "{w:?}");
        assert_eq!((w.4, w.5.as_str()), (1, "soar-refine-v1"));
    }
    assert!(rows[..8]
        .iter()
        .all(|r| r.3.is_none() && r.4 == 0 && r.5 == "soar-v1"));
    assert!(rows[8..].iter().all(|r| r.3.is_some() && r.4 == 1));

    // `stats` shows the search columns.
    let stats = run_in(dir.path(), &["stats"]);
    assert!(
        text(&stats).contains("pass@2 smp") && text(&stats).contains("refined"),
        "{}",
        text(&stats)
    );
}

/// Replay lines for the flip tasks: `fresh` first-pass drafts and, per parent, recorded children.
fn replay_lines(ids: &[String], fresh: &[&str], children: &[(&str, Vec<&str>)]) -> String {
    let mut out = String::new();
    for id in ids {
        for code in fresh {
            out.push_str(&format!("{}\n", json!({"task_id": id, "code": code})));
        }
        for (parent, kids) in children {
            for kid in kids {
                out.push_str(&format!(
                    "{}\n",
                    json!({"task_id": id, "parent": source_hash(parent), "completion": fenced(kid)})
                ));
            }
        }
    }
    out
}

fn replay_solve(dir: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(common::bin());
    cmd.args(["solve", "--data-root", "data", "--replay", "replay.jsonl"])
        .args(["--attempts", "12", "--refine-fraction", "0.5"])
        .args(["--children-per-parent", "2", "--in-process", "--quiet"])
        .args(extra)
        .current_dir(dir)
        .env_remove("ARC_DATA_ROOT")
        .env_remove("ARC_PROGRAMS_DB");
    cmd
}

fn setup_replayed_search(dir: &Path) {
    let ids = write_flip_tasks(dir, 5);
    let lines = replay_lines(
        &ids,
        &[IDENTITY, SPECIAL, RAISER, IDENTITY, SPECIAL, BROKEN],
        &[
            (
                IDENTITY,
                vec![BROKEN, IDENTITY, BROKEN, BROKEN, BROKEN, BROKEN],
            ),
            (SPECIAL, vec![BROKEN, FIX, SPECIAL, BROKEN, FIX, FIX]),
            (
                BROKEN,
                vec![IDENTITY, BROKEN, SPECIAL, BROKEN, BROKEN, BROKEN],
            ),
        ],
    );
    std::fs::write(dir.join("replay.jsonl"), lines).unwrap();
}

/// Metrics without the wall time.
fn metrics_of(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "{}", text(out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut m = v["runs"][0]["metrics"].clone();
    m.as_object_mut().unwrap().remove("wall_seconds");
    m
}

fn has_unfinished_run(dir: &Path) -> bool {
    let db = dir.join("runs/programs.db");
    db.exists()
        && rusqlite::Connection::open(db)
            .unwrap()
            .query_row("SELECT COUNT(*) FROM runs WHERE metrics IS NULL", [], |r| {
                r.get::<_, i64>(0)
            })
            .is_ok_and(|n| n > 0)
}

#[test]
fn kill_9_during_refinement_rounds_then_resume_equals_an_uninterrupted_run() {
    let clean = tempfile::tempdir().unwrap();
    setup_replayed_search(clean.path());
    let reference = replay_solve(clean.path(), &["--json"]).output().unwrap();
    let reference_metrics = metrics_of(&reference);
    assert_eq!(reference_metrics["refinements"], 30, "{reference_metrics}");
    let reference_rows = lineage(&clean.path().join("runs/programs.db"));

    let dir = tempfile::tempdir().unwrap();
    setup_replayed_search(dir.path());
    let refined_rows = |dir: &Path| -> i64 {
        let db = dir.join("runs/programs.db");
        if !db.exists() {
            return 0;
        }
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row("SELECT COUNT(*) FROM attempts WHERE depth > 0", [], |r| {
                r.get(0)
            })
            .unwrap_or(0)
    };
    // Each time: run (resuming) until another refinement unit is stored, then kill -9 a little
    // later, in the middle of the next refinement round.
    let mut kills = Vec::new();
    for _ in 0..3 {
        let before = refined_rows(dir.path());
        let mut args: Vec<&str> = vec!["--replay-delay", "0.02"];
        if has_unfinished_run(dir.path()) {
            args.extend(["--resume", "last"]);
        }
        let mut child = replay_solve(dir.path(), &args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let give_up = Instant::now() + Duration::from_secs(30);
        while child.try_wait().unwrap().is_none()
            && refined_rows(dir.path()) == before
            && Instant::now() < give_up
        {
            std::thread::sleep(Duration::from_millis(5));
        }
        let after = Duration::from_millis(rand::Rng::gen_range(&mut rand::thread_rng(), 0..40));
        std::thread::sleep(after);
        if child.try_wait().unwrap().is_none() {
            let _ = child.kill();
            kills.push((before, after));
        }
        let _ = child.wait();
    }
    assert!(kills.len() >= 2, "too few kills landed: {kills:?}");
    let resume: &[&str] = if has_unfinished_run(dir.path()) {
        &["--resume", "last", "--json"]
    } else {
        &["--json"]
    };
    let resumed = replay_solve(dir.path(), resume).output().unwrap();
    assert_eq!(metrics_of(&resumed), reference_metrics, "kills {kills:?}");
    assert_eq!(
        lineage(&dir.path().join("runs/programs.db")),
        reference_rows,
        "kills {kills:?}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("submission.json")).unwrap(),
        std::fs::read_to_string(clean.path().join("submission.json")).unwrap()
    );
}

#[test]
fn early_stop_frees_the_attempts_of_solved_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let ids = write_flip_tasks(dir.path(), 2);
    // Task 0: seven distinct train-perfect programs in its first pass, then more drafts.
    // Task 1: nothing right; its refinements go to SPECIAL and IDENTITY.
    let perfect: Vec<String> = (0..7)
        .map(|i| format!("def transform(g):\n    v = {i}\n    return [row[::-1] for row in g]"))
        .collect();
    let mut lines = String::new();
    for code in perfect.iter().map(String::as_str).chain([IDENTITY; 9]) {
        lines.push_str(&format!("{}\n", json!({"task_id": ids[0], "code": code})));
    }
    lines.push_str(&replay_lines(
        &ids[1..],
        &[
            IDENTITY, SPECIAL, IDENTITY, SPECIAL, IDENTITY, SPECIAL, IDENTITY, SPECIAL,
        ],
        &[(IDENTITY, vec![BROKEN; 8]), (SPECIAL, vec![BROKEN; 8])],
    ));
    std::fs::write(dir.path().join("replay.jsonl"), lines).unwrap();
    let solve = |stop: &str| {
        let out = Command::new(common::bin())
            .current_dir(dir.path())
            .env_remove("ARC_DATA_ROOT")
            .env_remove("ARC_PROGRAMS_DB")
            .args(["solve", "--data-root", "data", "--replay", "replay.jsonl"])
            .args(["--attempts", "16", "--refine-fraction", "0.5", "--json"])
            .args(["--in-process", "--db", &format!("{stop}.db")])
            .args(["--stop-after-solved", stop])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["runs"][0].clone()
    };
    let stopped = solve("7");
    let m = &stopped["metrics"];
    assert_eq!(m["tasks_stopped_early"], 1, "{m}");
    assert_eq!(m["attempts_saved"], 8, "{m}");
    assert_eq!(m["attempts"], 8 + 16, "{m}");
    assert_eq!(stopped["tasks"][0]["saved_by_early_stop"], 8);
    assert_eq!(m["pass2_weighted"], 0.5, "{m}");
    // Without early stop the solved task takes its whole share, and the answer is the same.
    let unstopped = solve("0");
    let m = &unstopped["metrics"];
    assert_eq!(m["tasks_stopped_early"], 0, "{m}");
    assert_eq!(m["attempts"], 16 + 16, "{m}");
    assert_eq!(m["pass2_weighted"], 0.5, "{m}");
}

#[test]
fn bad_flags_and_replay_lines_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let ids = write_flip_tasks(dir.path(), 1);
    std::fs::write(
        dir.path().join("plain.jsonl"),
        format!("{}\n", json!({"task_id": ids[0], "code": IDENTITY})),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("orphan.jsonl"),
        format!(
            "{}\n{}\n",
            json!({"task_id": ids[0], "code": IDENTITY}),
            json!({"task_id": ids[0], "parent": source_hash(FIX), "code": FIX})
        ),
    )
    .unwrap();
    let replay = ["--replay", "plain.jsonl"];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--attempts", "0"], "--attempts must be at least 1"),
        (
            vec!["--attempts", "4", "--refine-fraction", "1"],
            "--refine-fraction",
        ),
        (
            vec!["--attempts", "4", "--refine-fraction", "-0.5"],
            "--refine-fraction",
        ),
        (
            vec!["--attempts", "4", "--children-per-parent", "0"],
            "--children-per-parent",
        ),
        (vec!["--attempts", "4", "--rex-c", "0"], "--rex-c"),
        (vec!["--attempts", "4", "--rex-c", "-2"], "--rex-c"),
        (
            vec!["--attempts", "4", "--parent-selection", "worst"],
            "--parent-selection",
        ),
        (vec!["--refine-fraction", "0.5"], "give --attempts N"),
        (
            vec!["--attempts", "4", "--refine-fraction", "0.5"],
            "library backend cannot refine",
        ),
        (
            [
                &replay[..],
                &["--attempts", "4", "--refine-fraction", "0.5"],
            ]
            .concat(),
            "no refinement lines",
        ),
        (
            vec!["--replay", "orphan.jsonl", "--attempts", "4"],
            "orphan.jsonl:2: parent",
        ),
    ];
    for (args, want) in cases {
        let mut all = vec!["solve", "--data-root", "data"];
        all.extend(&args);
        let out = run_in(dir.path(), &all);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(
            text(&out).contains(want) && !text(&out).contains("panicked"),
            "{args:?}: {}",
            text(&out)
        );
    }
    // None of them started a run.
    assert!(!dir.path().join("runs/programs.db").exists() || !has_unfinished_run(dir.path()));
}
