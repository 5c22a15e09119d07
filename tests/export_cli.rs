//! `export`, `subset` and `report` end to end on real stores: a library run over sample tasks, a
//! store with refinement lineage, and a store from before the lineage columns; and every bad input
//! the commands must refuse clearly without leaving half files.

mod common;
mod export_support;

use export_support::{
    export_every_kind, fails, library_store, lineage_store, ok, old_store, run, TASKS,
};
use serde_json::Value;
use std::path::Path;

fn info(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("dataset_info.json")).unwrap()).unwrap()
}

fn jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_kind_and_format_from_a_library_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    library_store(d, &[]);
    let mut counts = Vec::new();
    for (kind, format, out) in export_every_kind(d, "0.2") {
        let i = info(&out);
        assert_eq!(i["kind"], kind);
        assert_eq!(i["format"], format);
        assert_eq!(i["tasks"], 5);
        assert_eq!(i["validation_tasks"].as_array().unwrap().len(), 1);
        assert_eq!(i["sources"][0]["backend"], "library");
        let total = i["train"]["examples"].as_u64().unwrap()
            + i["validation"]["examples"].as_u64().unwrap();
        assert!(total > 0, "{kind}: {i}");
        for f in i["files"].as_array().unwrap() {
            let path = out.join(format!("{}.{format}", f["split"].as_str().unwrap()));
            assert_eq!(
                std::fs::metadata(&path).unwrap().len(),
                f["bytes"].as_u64().unwrap()
            );
        }
        counts.push((kind, format, total, i["files"].clone()));
    }
    // Both formats hold the same examples.
    for pair in counts.chunks(2) {
        assert_eq!(pair[0].2, pair[1].2, "{} jsonl vs parquet", pair[0].0);
    }
    // Solutions: right programs of the three solved tasks, one per normalised source, each a
    // system/user/assistant conversation whose user message is the task's sampling prompt.
    let i = info(&d.join("solutions-jsonl"));
    let val_task = i["validation_tasks"][0].as_str().unwrap().to_string();
    let mut rows = jsonl(&d.join("solutions-jsonl/train.jsonl"));
    if d.join("solutions-jsonl/validation.jsonl").exists() {
        rows.extend(jsonl(&d.join("solutions-jsonl/validation.jsonl")));
    }
    let tasks: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| r["task_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        tasks.into_iter().collect::<Vec<_>>(),
        ["070068fa", "19c5b732", "29fde632"]
    );
    let mut hashes = std::collections::HashSet::new();
    for r in &rows {
        assert!(r["right"].as_bool().unwrap() && !r["relabelled"].as_bool().unwrap());
        assert!(hashes.insert(r["source_hash"].as_str().unwrap().to_string()));
        let m = r["messages"].as_array().unwrap();
        assert_eq!(m[0]["role"], "system");
        assert!(m[1]["content"]
            .as_str()
            .unwrap()
            .contains("# Task to solve:"));
        let answer = m[2]["content"].as_str().unwrap();
        assert!(answer.starts_with("```python\n") && answer.contains("def transform"));
        assert_eq!(r["prompt_version"], "soar-v1");
    }
    // The split is by task: the held-out task's examples are all in validation.
    for r in jsonl(&d.join("solutions-jsonl/train.jsonl")) {
        assert_ne!(r["task_id"].as_str().unwrap(), val_task);
    }
    // Hindsight: relabelled tasks show the program's own outputs.
    let h = jsonl(&d.join("hindsight-jsonl/train.jsonl"));
    assert!(h.iter().any(|r| r["relabelled"] == true));
    let hi = info(&d.join("hindsight-jsonl"));
    assert!(hi["skipped"]["identity"].as_u64().unwrap() > 0, "{hi}");
    // Grids: an original row per task plus relabelled ones, no messages.
    let g = jsonl(&d.join("grids-jsonl/train.jsonl"));
    assert_eq!(
        g.iter().filter(|r| r["source"] == "original").count(),
        4,
        "one per train task"
    );
    assert!(g.iter().all(|r| r.get("messages").is_none()));
}

#[test]
fn greedy_and_balanced_limits_per_task() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    library_store(d, &[]);
    for (filter, out) in [("greedy", "g"), ("balanced", "b")] {
        ok(
            d,
            &[
                "export",
                "--db",
                "s.db",
                "--kind",
                "hindsight",
                "--filter",
                filter,
                "--max-per-task",
                "4",
                "--val-fraction",
                "0",
                "--out",
                out,
            ],
        );
    }
    let per_task = |out: &str| {
        let mut m: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
        for r in jsonl(&d.join(out).join("train.jsonl")) {
            let e = m.entry(r["task_id"].as_str().unwrap().into()).or_default();
            if r["right"] == true {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
        m
    };
    let (greedy, balanced) = (per_task("g"), per_task("b"));
    for (task, (right, wrong)) in &greedy {
        assert!(right + wrong <= 4);
        // Greedy takes right programs first.
        if *right < 4 {
            assert!(balanced[task].0 <= *right);
        }
    }
    // A solved task with several right programs and many wrong ones gets 2 + 2 when balanced.
    assert!(
        balanced.values().any(|&(r, w)| r == 2 && w == 2),
        "{balanced:?}"
    );
    assert!(greedy.values().any(|&(r, _)| r > 2), "{greedy:?}");
}

#[test]
fn subset_lists_feed_solve() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    library_store(d, &[]);
    ok(
        d,
        &[
            "subset",
            "--db",
            "s.db",
            "--unsolved",
            "--out",
            "unsolved.txt",
        ],
    );
    ok(
        d,
        &["subset", "--db", "s.db", "--solved", "--out", "solved.txt"],
    );
    ok(
        d,
        &[
            "subset",
            "--db",
            "s.db",
            "--max-solutions",
            "0",
            "--out",
            "none.txt",
        ],
    );
    let ids = |f: &str| arc_solver::task::read_subset(&d.join(f)).unwrap();
    assert_eq!(ids("solved.txt"), ["070068fa", "19c5b732", "29fde632"]);
    assert_eq!(ids("unsolved.txt"), ["5137cdee", "5a1eb167"]);
    assert_eq!(ids("none.txt"), ids("unsolved.txt"));
    // solve --subset accepts the list and runs exactly those tasks.
    let out = run(
        d,
        &[
            "solve",
            "--subset",
            "unsolved.txt",
            "--db",
            "second.db",
            "--out",
            "s2.json",
            "--runs-dir",
            "runs",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", export_support::text(&out));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["runs"][0]["metrics"]["tasks"], 2, "{summary}");
    // Bad choices are errors.
    let err = fails(d, &["subset", "--db", "s.db", "--out", "x.txt"]);
    assert!(
        err.contains("--solved, --unsolved or --max-solutions"),
        "{err}"
    );
    let err = fails(
        d,
        &[
            "subset", "--db", "s.db", "--run", "nope", "--solved", "--out", "x.txt",
        ],
    );
    assert!(err.contains("run nope: no such run"), "{err}");
    assert!(!d.join("x.txt").exists());
    // A run that did not know the test outputs cannot say solved or unsolved.
    let data = d.join("no-solutions");
    std::fs::create_dir(&data).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/sample/arc-agi_evaluation_challenges.json"),
        data.join("arc-agi_evaluation_challenges.json"),
    )
    .unwrap();
    ok(
        d,
        &[
            "solve",
            "--data-root",
            "no-solutions",
            "--tasks",
            "19c5b732",
            "--db",
            "n.db",
            "--out",
            "n.json",
            "--runs-dir",
            "runs",
            "--quiet",
        ],
    );
    let err = fails(
        d,
        &["subset", "--db", "n.db", "--unsolved", "--out", "x.txt"],
    );
    assert!(
        err.contains("did not know the test outputs") && err.contains("--max-solutions"),
        "{err}"
    );
    ok(
        d,
        &[
            "subset",
            "--db",
            "n.db",
            "--max-solutions",
            "0",
            "--out",
            "x.txt",
        ],
    );
    assert!(ids("x.txt").is_empty());
}

#[test]
fn solve_report_writes_the_page_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    library_store(d, &["--report", "run.html"]);
    let page = std::fs::read_to_string(d.join("run.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    for id in TASKS.split(',') {
        assert!(page.contains(&format!("id=\"task-{id}\"")), "{id}");
    }
    // The same page from `report` (latest run), with the metrics and the plot.
    let out = ok(d, &["report", "--db", "s.db", "--out", "again.html"]);
    assert!(out.contains("5 tasks"), "{out}");
    let again = std::fs::read_to_string(d.join("again.html")).unwrap();
    assert!(again.contains("pass@2 (weighted)") && again.contains("<svg class=\"plot\""));
    assert!(again.contains("data-status=\"solved\""));
    assert!(!again.contains("http://") && !again.contains("https://"));
}

#[test]
fn refine_needs_lineage_and_renders_the_refinement_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    library_store(d, &[]);
    let err = fails(
        d,
        &["export", "--db", "s.db", "--kind", "refine", "--out", "r"],
    );
    assert!(
        err.contains("--kind refine needs refinement lineage"),
        "{err}"
    );
    assert!(!d.join("r").exists() || std::fs::read_dir(d.join("r")).unwrap().count() == 0);
    lineage_store(&d.join("l.db"));
    ok(
        d,
        &[
            "export",
            "--db",
            "l.db",
            "--kind",
            "refine",
            "--out",
            "r",
            "--val-fraction",
            "0",
        ],
    );
    // One (parent feedback → better child) example, rendered with the refinement prompt.
    let rows = jsonl(&d.join("r/train.jsonl"));
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0];
    assert_eq!(row["prompt_version"], "soar-refine-v1");
    assert!(row["parent_hash"].as_str().is_some_and(|h| h.len() == 16));
    let user = row["messages"][1]["content"].as_str().unwrap();
    assert!(
        user.contains(
            "Previous implementation:\n```python\ndef transform(grid):\n    return [[9]]"
        ),
        "{user}"
    );
    assert!(user.contains("correctly worked on 0/"), "{user}");
    let answer = row["messages"][2]["content"].as_str().unwrap();
    assert!(answer.contains("return grid[::-1]"), "{answer}");
    // The lineage store's other kinds work, and the report draws its refinement tree.
    ok(
        d,
        &[
            "export",
            "--db",
            "l.db",
            "--kind",
            "hindsight",
            "--out",
            "h",
            "--val-fraction",
            "0",
        ],
    );
    ok(d, &["report", "--db", "l.db", "--out", "l.html"]);
    let page = std::fs::read_to_string(d.join("l.html")).unwrap();
    assert!(
        page.contains("Refinement tree") && page.contains("1/2 train · depth 1"),
        "tree"
    );
}

#[test]
fn old_stores_export_and_their_rows_without_outputs_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    old_store(&d.join("s.db"));
    // Read as it is (export never migrates a store).
    ok(
        d,
        &[
            "export",
            "--db",
            "s.db",
            "--kind",
            "solutions",
            "--out",
            "sol",
            "--val-fraction",
            "0",
        ],
    );
    assert_eq!(info(&d.join("sol"))["train"]["examples"], 1);
    let err = fails(
        d,
        &[
            "export",
            "--db",
            "s.db",
            "--kind",
            "hindsight",
            "--out",
            "h",
        ],
    );
    assert!(
        err.contains("no recorded train outputs (older store) 2"),
        "{err}"
    );
    // A newer run in the same store (solve migrates it): hindsight works and counts the old rows.
    library_store(d, &[]);
    ok(
        d,
        &[
            "export",
            "--db",
            "s.db",
            "--kind",
            "hindsight",
            "--out",
            "h2",
        ],
    );
    let i = info(&d.join("h2"));
    assert_eq!(
        i["skipped"]["no recorded train outputs (older store)"], 2,
        "{i}"
    );
    assert_eq!(i["sources"].as_array().unwrap().len(), 2);
    let err = fails(
        d,
        &[
            "report",
            "old",
            "--db",
            "s.db",
            "--out",
            "old.html",
            "--data-root",
            "nowhere",
        ],
    );
    assert!(
        err.contains("nowhere") && err.contains("not a directory"),
        "{err}"
    );
}

#[test]
fn bad_inputs_are_clear_errors_and_leave_no_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let err = fails(
        d,
        &[
            "export",
            "--db",
            "missing.db",
            "--kind",
            "solutions",
            "--out",
            "o",
        ],
    );
    assert!(err.contains("missing.db: no program store here"), "{err}");
    // An empty store: the schema but no runs.
    arc_solver::store::ProgramStore::open(&d.join("empty.db")).unwrap();
    let err = fails(
        d,
        &[
            "export",
            "--db",
            "empty.db",
            "--kind",
            "solutions",
            "--out",
            "o",
        ],
    );
    assert!(err.contains("holds no runs"), "{err}");
    let err = fails(d, &["report", "--db", "empty.db", "--out", "r.html"]);
    assert!(err.contains("holds no runs"), "{err}");
    std::fs::write(
        d.join("text.db"),
        "not a database, just some text that is long enough",
    )
    .unwrap();
    let err = fails(
        d,
        &["export", "--db", "text.db", "--kind", "grids", "--out", "o"],
    );
    assert!(err.contains("text.db"), "{err}");
    library_store(d, &[]);
    let err = fails(
        d,
        &[
            "export",
            "--db",
            "s.db",
            "--run",
            "no-such-run",
            "--kind",
            "solutions",
            "--out",
            "o",
        ],
    );
    assert!(err.contains("run no-such-run: no such run"), "{err}");
    let err = fails(
        d,
        &["report", "no-such-run", "--db", "s.db", "--out", "r.html"],
    );
    assert!(err.contains("run no-such-run: no such run"), "{err}");
    for (flag, value, says) in [
        ("--val-fraction", "1.5", "--val-fraction 1.5"),
        ("--max-per-task", "0", "--max-per-task must be at least 1"),
        ("--prompt-version", "nope", "--prompt-version"),
    ] {
        let err = fails(
            d,
            &[
                "export",
                "--db",
                "s.db",
                "--kind",
                "solutions",
                "--out",
                "o",
                flag,
                value,
            ],
        );
        assert!(err.contains(says), "{flag}: {err}");
    }
    assert!(!d.join("o").exists() && !d.join("r.html").exists());
    // Unwritable outputs: a file where the directory should be, a read-only directory.
    std::fs::write(d.join("file"), "x").unwrap();
    let err = fails(
        d,
        &[
            "export",
            "--db",
            "s.db",
            "--kind",
            "solutions",
            "--out",
            "file",
        ],
    );
    assert!(err.contains("--out must name a directory"), "{err}");
    let ro = d.join("ro");
    std::fs::create_dir(&ro).unwrap();
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&ro, perms).unwrap();
    let probe = ro.join("probe");
    if std::fs::write(&probe, "x").is_err() {
        // (root ignores the mode: then this case cannot be made here.)
        let err = fails(
            d,
            &[
                "export",
                "--db",
                "s.db",
                "--kind",
                "solutions",
                "--out",
                "ro/x",
            ],
        );
        assert!(err.contains("cannot write"), "{err}");
        let err = fails(d, &["report", "--db", "s.db", "--out", "ro/r.html"]);
        assert!(err.contains("cannot write"), "{err}");
    }
    let err = fails(d, &["report", "--db", "s.db", "--out", "ro"]);
    assert!(err.contains("is a directory"), "{err}");
    let err = fails(
        d,
        &["subset", "--db", "s.db", "--solved", "--out", "/dev/null"],
    );
    assert!(err.contains("special file"), "{err}");
    // Nothing qualifies: an error, and no file.
    let out = run(
        d,
        &[
            "export",
            "--db",
            "s.db",
            "--kind",
            "solutions",
            "--out",
            "empty-kind",
            "--max-transduction",
            "0",
        ],
    );
    assert!(!out.status.success());
    assert!(export_support::text(&out).contains("nothing written"));
    assert!(!d.join("empty-kind/train.jsonl").exists());
}
