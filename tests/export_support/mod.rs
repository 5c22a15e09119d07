//! Stores for the export, subset and report tests: a real library run on embedded sample tasks,
//! and a store with refinement lineage written through the store's own writer.
#![allow(dead_code)]

use arc_solver::generate::Completion;
use arc_solver::score::{Attempt, Category};
use arc_solver::store::{ProgramStore, RunInfo};
use arc_solver::task::{embedded_sample, Grid, Split};
use std::path::{Path, PathBuf};

/// Sample tasks the library solves (the first three) and does not (the last two).
pub const TASKS: &str = "070068fa,19c5b732,29fde632,5137cdee,5a1eb167";

pub use crate::common::{run_in as run, text};

/// Runs `args` and asserts success.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(out.status.success(), "{args:?}: {}", text(&out));
    text(&out)
}

/// Runs `args`, asserts failure, returns the message.
pub fn fails(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        !out.status.success(),
        "{args:?} should fail: {}",
        text(&out)
    );
    text(&out)
}

/// A library run over [`TASKS`] (embedded sample): `dir/s.db`, plus `extra` solve flags.
pub fn library_store(dir: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec![
        "solve",
        "--tasks",
        TASKS,
        "--db",
        "s.db",
        "--out",
        "sub.json",
        "--runs-dir",
        "runs",
        "--quiet",
    ];
    args.extend_from_slice(extra);
    ok(dir, &args);
    dir.join("s.db")
}

/// Exports `dir/s.db` as every kind in every format (`KIND-FORMAT` folders in `dir`); returns
/// (kind, format, folder) in that order: solutions, hindsight, grids, each as jsonl then parquet.
pub fn export_every_kind(
    dir: &Path,
    val_fraction: &str,
) -> Vec<(&'static str, &'static str, PathBuf)> {
    let mut exports = Vec::new();
    for kind in ["solutions", "hindsight", "grids"] {
        for format in ["jsonl", "parquet"] {
            let out = format!("{kind}-{format}");
            ok(
                dir,
                &[
                    "export",
                    "--db",
                    "s.db",
                    "--kind",
                    kind,
                    "--format",
                    format,
                    "--out",
                    &out,
                    "--val-fraction",
                    val_fraction,
                ],
            );
            exports.push((kind, format, dir.join(out)));
        }
    }
    exports
}

fn g(rows: &[&[u8]]) -> Grid {
    Grid(rows.iter().map(|r| r.to_vec()).collect())
}

/// A store whose run `lineage` holds refinements on sample task 19c5b732: a wrong parent and a
/// child that repairs it (one train pair more right), written by `ProgramStore::record_unit`.
pub fn lineage_store(path: &Path) {
    let task = embedded_sample::load(Split::Evaluation)
        .unwrap()
        .into_iter()
        .find(|t| t.id == "19c5b732")
        .unwrap();
    let mut store = ProgramStore::open(path).unwrap();
    let info = RunInfo {
        run_id: "lineage".into(),
        group_id: "g".into(),
        repeat_index: 0,
        started_at: "2026-01-01T00:00:00Z".into(),
        backend: "replay".into(),
        model: "m".into(),
        prompt_version: "soar-v1".into(),
        split: "evaluation".into(),
        data_root: embedded_sample::LABEL.into(),
        config: serde_json::json!({}),
    };
    store.begin_run(&info).unwrap();
    let n_train = task.train.len();
    let scored = |code: &str, right: usize, parent: Option<String>, depth: usize| {
        let train_outputs: Vec<Option<Grid>> = task
            .train
            .iter()
            .enumerate()
            .map(|(i, p)| {
                Some(if i < right {
                    p.output.clone()
                } else {
                    g(&[&[9]])
                })
            })
            .collect();
        Attempt {
            task_id: task.id.clone(),
            index: depth,
            label: None,
            completion: Completion::text(code),
            code: Some(code.into()),
            train_correct: (0..n_train).map(|i| i < right).collect(),
            train_pixel_accuracy: vec![0.0; n_train],
            train_outputs,
            test_predictions: vec![Some(g(&[&[9]]))],
            test_correct: Some(vec![false]),
            errors: vec![None; n_train + 1],
            category: Category::Ok,
            transduction: 0.0,
            exec_seconds: 0.0,
            parent,
            depth,
        }
    };
    let parent = scored("def transform(grid):\n    return [[9]]\n", 0, None, 0);
    let child = scored(
        "def transform(grid):\n    return grid[::-1]\n",
        1,
        parent.source_hash(),
        1,
    );
    store
        .record_unit(
            &info,
            &task.id,
            &[parent, child],
            &arc_solver::store::TaskProgress {
                attempts: 2,
                closed: None,
            },
        )
        .unwrap();
}

/// A store as the first release wrote it (no train outputs, lineage or hashes) with one run of
/// two attempts on sample task 19c5b732, one of them right on every train pair.
pub fn old_store(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "CREATE TABLE runs (run_id TEXT PRIMARY KEY, group_id TEXT NOT NULL, repeat_index INTEGER NOT NULL,
         started_at TEXT NOT NULL, finished_at TEXT, backend TEXT NOT NULL, model TEXT NOT NULL,
         prompt_version TEXT NOT NULL, split TEXT NOT NULL, data_root TEXT NOT NULL, config TEXT NOT NULL, metrics TEXT);
         CREATE TABLE attempts (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, task_id TEXT NOT NULL,
         attempt_index INTEGER NOT NULL, label TEXT, model TEXT NOT NULL, prompt_version TEXT NOT NULL,
         completion TEXT NOT NULL, reasoning TEXT, code TEXT, finish_reason TEXT NOT NULL, predictions TEXT NOT NULL,
         train_correct TEXT NOT NULL, train_accuracy REAL NOT NULL, test_correct TEXT, category TEXT NOT NULL,
         errors TEXT NOT NULL, transduction REAL NOT NULL, prompt_tokens INTEGER NOT NULL,
         completion_tokens INTEGER NOT NULL, exec_seconds REAL NOT NULL);
         INSERT INTO runs VALUES ('old', 'g', 0, '2025-01-01T00:00:00Z', NULL, 'library', 'm', 'soar-v1',
         'evaluation', '<embedded>/data/sample', '{}', NULL);",
    )
    .unwrap();
    let task = embedded_sample::load(Split::Evaluation)
        .unwrap()
        .into_iter()
        .find(|t| t.id == "19c5b732")
        .unwrap();
    let solution = serde_json::to_string(&task.solutions.as_ref().unwrap()[0]).unwrap();
    for (i, (code, right)) in [
        ("def transform(grid):\n    return grid[::-1]\n", true),
        ("def transform(grid):\n    return grid\n", false),
    ]
    .iter()
    .enumerate()
    {
        let n = task.train.len();
        conn.execute(
            "INSERT INTO attempts (run_id, task_id, attempt_index, model, prompt_version, completion, code,
             finish_reason, predictions, train_correct, train_accuracy, test_correct, category, errors,
             transduction, prompt_tokens, completion_tokens, exec_seconds)
             VALUES ('old', '19c5b732', ?1, 'm', 'soar-v1', '', ?2, 'stop', ?3, ?4, ?5, ?6, 'ok', '[]', 0, 0, 0, 0)",
            rusqlite::params![
                i as i64,
                code,
                format!("[{}]", if *right { solution.clone() } else { "[[0]]".into() }),
                serde_json::to_string(&vec![*right; n]).unwrap(),
                if *right { 1.0 } else { 0.0 },
                format!("[{right}]"),
            ],
        )
        .unwrap();
    }
}
