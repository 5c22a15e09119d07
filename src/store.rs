//! The program store: every attempt of every run in one SQLite file.
//!
//! Tables: `runs` (one row per run, with its configuration and final metrics as JSON), `attempts`
//! (completion, code, predictions, correctness, category, transduction, tokens, timings) and
//! `task_progress` (per task: attempts so far and, once it gets no more, why), written together
//! once per unit of work — so a run's writes grow with its attempts, not their square. `--resume`
//! rebuilds each task's search from its attempt rows in attempt order, and a refinement reads its
//! parent's source and outputs back from them. Each attempt row also keeps what the program
//! returned on the train inputs, its normalised-source hash ([`crate::program`]) and its lineage
//! (the parent's hash and the refinement depth); stores written before those columns get them on
//! open. `task_results` (each task's attempts as one JSON list, rewritten per unit) is what
//! earlier versions wrote; it is no longer written.

use crate::exec::ExecError;
use crate::generate::{Completion, FinishReason};
use crate::metrics::RunMetrics;
use crate::prompt::REFINE_PROMPT_VERSION;
use crate::score::{Attempt, Category};
use crate::task::Grid;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL,
    repeat_index INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    backend TEXT NOT NULL,
    model TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    split TEXT NOT NULL,
    data_root TEXT NOT NULL,
    config TEXT NOT NULL,
    metrics TEXT
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(run_id),
    task_id TEXT NOT NULL,
    attempt_index INTEGER NOT NULL,
    label TEXT,
    model TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    completion TEXT NOT NULL,
    reasoning TEXT,
    code TEXT,
    finish_reason TEXT NOT NULL,
    predictions TEXT NOT NULL,
    train_correct TEXT NOT NULL,
    train_accuracy REAL NOT NULL,
    test_correct TEXT,
    category TEXT NOT NULL,
    errors TEXT NOT NULL,
    transduction REAL NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    exec_seconds REAL NOT NULL,
    train_outputs TEXT,
    source_hash TEXT,
    parent_hash TEXT,
    depth INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS attempts_by_run_task ON attempts(run_id, task_id);
CREATE INDEX IF NOT EXISTS attempts_by_source ON attempts(run_id, task_id, source_hash);
CREATE TABLE IF NOT EXISTS task_results (
    run_id TEXT NOT NULL REFERENCES runs(run_id),
    task_id TEXT NOT NULL,
    attempts TEXT NOT NULL,
    PRIMARY KEY (run_id, task_id)
);
CREATE TABLE IF NOT EXISTS task_progress (
    run_id TEXT NOT NULL REFERENCES runs(run_id),
    task_id TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    closed TEXT,
    PRIMARY KEY (run_id, task_id)
);
"#;

/// Columns added to `attempts` after the first release, with their definitions: a store written
/// before them gets them on open (old rows read as NULL / 0).
const ADDED_ATTEMPT_COLUMNS: &[(&str, &str)] = &[
    ("train_outputs", "TEXT"),
    ("source_hash", "TEXT"),
    ("parent_hash", "TEXT"),
    ("depth", "INTEGER NOT NULL DEFAULT 0"),
];

/// Adds the columns of [`ADDED_ATTEMPT_COLUMNS`] that an older store lacks, then creates the
/// schema's indexes (some of which need those columns).
fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let tables = SCHEMA
        .split_inclusive(";")
        .filter(|s| !s.contains("CREATE INDEX"));
    conn.execute_batch(&tables.collect::<String>())?;
    let have: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('attempts')")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for (name, definition) in ADDED_ATTEMPT_COLUMNS {
        if !have.iter().any(|h| h == name) {
            conn.execute_batch(&format!(
                "ALTER TABLE attempts ADD COLUMN {name} {definition}"
            ))?;
        }
    }
    let indexes = SCHEMA
        .split_inclusive(";")
        .filter(|s| s.contains("CREATE INDEX"));
    conn.execute_batch(&indexes.collect::<String>())
}

/// What identifies a run in the store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunInfo {
    /// Unique run id.
    pub run_id: String,
    /// Shared by the repeats of one `--repeat-runs` invocation.
    pub group_id: String,
    /// 0-based repeat number within the group.
    pub repeat_index: usize,
    /// RFC 3339 start time.
    pub started_at: String,
    /// Backend name.
    pub backend: String,
    /// Model name.
    pub model: String,
    /// Prompt version.
    pub prompt_version: String,
    /// Split solved.
    pub split: String,
    /// Data root used.
    pub data_root: String,
    /// Full configuration as JSON.
    pub config: serde_json::Value,
}

/// A run read back from the store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredRun {
    /// Identity and configuration.
    pub info: RunInfo,
    /// Final metrics; `None` for a run that did not finish.
    pub metrics: Option<RunMetrics>,
}

/// The `runs` query of every reader (oldest first); map its rows with [`run_row`]. Readers that
/// open a store read-only (export, report) use it on their own connection.
pub const SELECT_RUNS: &str = "SELECT run_id, group_id, repeat_index, started_at, backend, model, \
     prompt_version, split, data_root, config, finished_at, metrics FROM runs ORDER BY started_at, run_id";

/// A row of `runs` as stored.
pub struct RunRow {
    /// Identity and configuration (a config that is not JSON reads as `null`).
    pub info: RunInfo,
    /// When it finished (`None`: unfinished or interrupted).
    pub finished_at: Option<String>,
    /// Final metrics, as the stored JSON text.
    pub metrics: Option<String>,
}

/// Reads a row of [`SELECT_RUNS`].
pub fn run_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RunRow> {
    let config: String = r.get(9)?;
    Ok(RunRow {
        info: RunInfo {
            run_id: r.get(0)?,
            group_id: r.get(1)?,
            repeat_index: r.get::<_, i64>(2)? as usize,
            started_at: r.get(3)?,
            backend: r.get(4)?,
            model: r.get(5)?,
            prompt_version: r.get(6)?,
            split: r.get(7)?,
            data_root: r.get(8)?,
            config: serde_json::from_str(&config).unwrap_or(serde_json::Value::Null),
        },
        finished_at: r.get(10)?,
        metrics: r.get(11)?,
    })
}

/// How far a task got in a run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskProgress {
    /// Attempts recorded.
    pub attempts: usize,
    /// Why it gets no more (`solved`: stopped early; `exhausted`: its backend had nothing more);
    /// `None` while it is open.
    pub closed: Option<String>,
}

/// A program's source and what it returned, read back for refining it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredProgram {
    /// The source as it ran.
    pub code: String,
    /// Output per train input (`None` where it raised or returned no grid).
    pub train_outputs: Vec<Option<Grid>>,
    /// Output per test input.
    pub test_outputs: Vec<Option<Grid>>,
}

/// An error as the store writes it (its display form), read back.
fn parse_exec_error(text: &str) -> ExecError {
    if text == "Timeout" {
        return ExecError::Timeout;
    }
    if let Some(rest) = text.strip_prefix("InvalidOutput: ") {
        return ExecError::InvalidOutput(rest.to_string());
    }
    if let Some(rest) = text.strip_prefix("WorkerLost: ") {
        return ExecError::WorkerLost(rest.to_string());
    }
    let (name, message) = text.split_once(": ").unwrap_or((text, ""));
    ExecError::Exception {
        name: name.to_string(),
        message: message.to_string(),
    }
}

/// An open program store.
pub struct ProgramStore {
    conn: Connection,
}

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

impl ProgramStore {
    /// Opens (creating when needed) the store at `path`.
    pub fn open(path: &Path) -> anyhow::Result<ProgramStore> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| anyhow::anyhow!("{}: cannot create directory: {e}", dir.display()))?;
        }
        let setup = || -> rusqlite::Result<Connection> {
            let conn = Connection::open(path)?;
            conn.busy_timeout(std::time::Duration::from_secs(10))?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            migrate(&conn)?;
            Ok(conn)
        };
        let conn = setup()
            .map_err(|e| anyhow::anyhow!("{}: cannot open program store: {e}", path.display()))?;
        Ok(ProgramStore { conn })
    }

    /// Records the start of a run.
    pub fn begin_run(&self, info: &RunInfo) -> anyhow::Result<()> {
        self.conn.execute(
            "INSERT INTO runs (run_id, group_id, repeat_index, started_at, backend, model, prompt_version, split, data_root, config)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                info.run_id,
                info.group_id,
                info.repeat_index as i64,
                info.started_at,
                info.backend,
                info.model,
                info.prompt_version,
                info.split,
                info.data_root,
                info.config.to_string()
            ],
        )?;
        Ok(())
    }

    /// Stores one unit of a task's work in a single transaction: its attempts, and how far the
    /// task has got. Refinements are recorded under the refinement prompt's version.
    pub fn record_unit(
        &mut self,
        info: &RunInfo,
        task_id: &str,
        attempts: &[Attempt],
        progress: &TaskProgress,
    ) -> anyhow::Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO task_progress (run_id, task_id, attempts, closed) VALUES (?1, ?2, ?3, ?4)",
            params![info.run_id, task_id, progress.attempts as i64, progress.closed],
        )?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO attempts (run_id, task_id, attempt_index, label, model, prompt_version, completion, reasoning,
                 code, finish_reason, predictions, train_correct, train_accuracy, test_correct, category, errors,
                 transduction, prompt_tokens, completion_tokens, exec_seconds, train_outputs, source_hash,
                 parent_hash, depth)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                 ?21, ?22, ?23, ?24)",
            )?;
            for a in attempts {
                let prompt_version = match a.parent {
                    Some(_) => REFINE_PROMPT_VERSION,
                    None => info.prompt_version.as_str(),
                };
                stmt.execute(params![
                    info.run_id,
                    a.task_id,
                    a.index as i64,
                    a.label,
                    info.model,
                    prompt_version,
                    a.completion.text,
                    a.completion.reasoning,
                    a.code,
                    json(&a.completion.finish_reason).trim_matches('"'),
                    json(&a.test_predictions),
                    json(&a.train_correct),
                    a.train_accuracy(),
                    a.test_correct.as_ref().map(json),
                    a.category.as_str(),
                    // A backend failure has no program to run: its message is the error.
                    match &a.completion.error {
                        Some(e) => json(&[e]),
                        None => json(
                            &a.errors
                                .iter()
                                .map(|e| e.as_ref().map(ToString::to_string))
                                .collect::<Vec<_>>()
                        ),
                    },
                    a.transduction,
                    a.completion.prompt_tokens as i64,
                    a.completion.completion_tokens as i64,
                    a.exec_seconds,
                    json(&a.train_outputs),
                    a.source_hash(),
                    a.parent,
                    a.depth as i64
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// How far each task of a run got, as [`ProgramStore::record_unit`] left it.
    pub fn progress(&self, run_id: &str) -> anyhow::Result<HashMap<String, TaskProgress>> {
        let mut stmt = self
            .conn
            .prepare("SELECT task_id, attempts, closed FROM task_progress WHERE run_id = ?1")?;
        let rows = stmt.query_map([run_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                TaskProgress {
                    attempts: r.get::<_, i64>(1)? as usize,
                    closed: r.get(2)?,
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Hands over a task's attempts in a run, in attempt order, as far as the search, the votes
    /// and the metrics need them: the completion's text and reasoning are left out, and the pixel
    /// accuracy per train pair is left empty (the caller computes it from the train outputs and
    /// the task).
    pub fn for_each_attempt(
        &self,
        run_id: &str,
        task_id: &str,
        f: &mut dyn FnMut(Attempt),
    ) -> anyhow::Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT attempt_index, label, code, finish_reason, predictions, train_correct, test_correct, category,
             errors, transduction, prompt_tokens, completion_tokens, exec_seconds, train_outputs, parent_hash, depth
             FROM attempts WHERE run_id = ?1 AND task_id = ?2 ORDER BY attempt_index",
        )?;
        let mut rows = stmt.query(params![run_id, task_id])?;
        while let Some(r) = rows.next()? {
            let index = r.get::<_, i64>(0)? as usize;
            let bad = |what: &str, e: &dyn std::fmt::Display| {
                anyhow::anyhow!(
                    "run {run_id}, task {task_id}, attempt {index}: stored {what} unreadable: {e}"
                )
            };
            let parse = |what: &str, text: Option<String>| -> anyhow::Result<serde_json::Value> {
                match text {
                    None => Ok(serde_json::Value::Null),
                    Some(t) => serde_json::from_str(&t).map_err(|e| bad(what, &e)),
                }
            };
            let category_name: String = r.get(7)?;
            let category = Category::ALL
                .into_iter()
                .find(|c| c.as_str() == category_name)
                .ok_or_else(|| bad("category", &category_name))?;
            let finish: String = r.get(3)?;
            let finish_reason: FinishReason =
                serde_json::from_value(serde_json::Value::String(finish.clone()))
                    .map_err(|_| bad("finish reason", &finish))?;
            let errors: Vec<Option<String>> =
                serde_json::from_value(parse("errors", r.get(8)?)?).unwrap_or_default();
            let mut completion = Completion::text("");
            completion.finish_reason = finish_reason;
            completion.label = r.get(1)?;
            completion.prompt_tokens = r.get::<_, i64>(10)? as u64;
            completion.completion_tokens = r.get::<_, i64>(11)? as u64;
            let program_errors = if category == Category::ApiFailure {
                completion.error = errors.into_iter().flatten().next();
                Vec::new()
            } else {
                errors
                    .into_iter()
                    .map(|e| e.map(|text| parse_exec_error(&text)))
                    .collect()
            };
            let grids = |what: &str, v: serde_json::Value| -> anyhow::Result<Vec<Option<Grid>>> {
                if v.is_null() {
                    return Ok(Vec::new());
                }
                serde_json::from_value(v).map_err(|e| bad(what, &e))
            };
            let attempt = Attempt {
                task_id: task_id.to_string(),
                index,
                label: completion.label.clone(),
                completion,
                code: r.get(2)?,
                train_correct: serde_json::from_value(parse("train_correct", r.get(5)?)?)
                    .map_err(|e| bad("train_correct", &e))?,
                train_pixel_accuracy: Vec::new(),
                train_outputs: grids("train_outputs", parse("train_outputs", r.get(13)?)?)?,
                test_predictions: grids("predictions", parse("predictions", r.get(4)?)?)?,
                test_correct: serde_json::from_value(parse("test_correct", r.get(6)?)?)
                    .map_err(|e| bad("test_correct", &e))?,
                errors: program_errors,
                category,
                transduction: r.get(9)?,
                exec_seconds: r.get(12)?,
                parent: r.get(14)?,
                depth: r.get::<_, i64>(15)? as usize,
            };
            f(attempt);
        }
        Ok(())
    }

    /// The source and outputs of a task's program, by normalised-source hash: those of the first
    /// attempt that produced it (`None` when no attempt of the run did).
    pub fn program(
        &self,
        run_id: &str,
        task_id: &str,
        source_hash: &str,
    ) -> anyhow::Result<Option<StoredProgram>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT code, train_outputs, predictions FROM attempts
             WHERE run_id = ?1 AND task_id = ?2 AND source_hash = ?3 AND code IS NOT NULL
             ORDER BY attempt_index LIMIT 1",
        )?;
        let row = stmt
            .query_row(params![run_id, task_id, source_hash], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .optional()?;
        let Some((code, train, test)) = row else {
            return Ok(None);
        };
        let unreadable = |e: serde_json::Error| {
            anyhow::anyhow!("run {run_id}, task {task_id}, program {source_hash}: stored outputs unreadable: {e}")
        };
        Ok(Some(StoredProgram {
            code,
            train_outputs: match train {
                Some(t) => serde_json::from_str(&t).map_err(unreadable)?,
                None => Vec::new(),
            },
            test_outputs: serde_json::from_str(&test).map_err(unreadable)?,
        }))
    }

    /// Marks a run as going on again (a resumed run): its final metrics are cleared.
    pub fn reopen_run(&self, run_id: &str) -> anyhow::Result<()> {
        self.conn.execute(
            "UPDATE runs SET finished_at = NULL, metrics = NULL WHERE run_id = ?1",
            [run_id],
        )?;
        Ok(())
    }

    /// Records a run's final metrics.
    pub fn finish_run(
        &self,
        run_id: &str,
        finished_at: &str,
        metrics: &RunMetrics,
    ) -> anyhow::Result<()> {
        self.conn.execute(
            "UPDATE runs SET finished_at = ?2, metrics = ?3 WHERE run_id = ?1",
            params![run_id, finished_at, json(metrics)],
        )?;
        Ok(())
    }

    /// All runs, oldest first.
    pub fn runs(&self) -> anyhow::Result<Vec<StoredRun>> {
        let mut stmt = self.conn.prepare(SELECT_RUNS)?;
        let rows = stmt.query_map([], run_row)?;
        rows.map(|row| {
            let row = row?;
            Ok(StoredRun {
                info: row.info,
                metrics: row.metrics.and_then(|m| serde_json::from_str(&m).ok()),
            })
        })
        .collect()
    }

    /// Number of attempts stored for a run.
    pub fn attempt_count(&self, run_id: &str) -> anyhow::Result<usize> {
        let n: Option<i64> = self
            .conn
            .query_row(
                "SELECT COUNT(*) FROM attempts WHERE run_id = ?1",
                [run_id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(n.unwrap_or(0) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_in_a_real_sqlite_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/programs.db");
        let mut store = ProgramStore::open(&path).unwrap();
        let info = RunInfo {
            run_id: "r1".into(),
            group_id: "g".into(),
            repeat_index: 0,
            started_at: "2026-01-01T00:00:00Z".into(),
            backend: "library".into(),
            model: "library-v1".into(),
            prompt_version: "soar-v1".into(),
            split: "evaluation".into(),
            data_root: "data/sample".into(),
            config: serde_json::json!({"attempts": 3}),
        };
        store.begin_run(&info).unwrap();
        let attempt = Attempt {
            task_id: "t".into(),
            index: 0,
            label: Some("flip".into()),
            completion: Completion::text("x"),
            code: Some("def transform(g): return g".into()),
            train_correct: vec![true],
            train_pixel_accuracy: vec![1.0],
            train_outputs: vec![Some(crate::task::Grid(vec![vec![1]]))],
            test_predictions: vec![None],
            test_correct: None,
            errors: vec![None, None],
            category: Category::Ok,
            transduction: 0.0,
            exec_seconds: 0.01,
            parent: Some("0123456789abcdef".into()),
            depth: 1,
        };
        // A second unit: a fresh sample that raised on one input and timed out on another, and
        // a backend failure.
        let mut second = attempt.clone();
        second.index = 1;
        second.code = Some("def transform(g):\n    return h(g)  # other\n".into());
        second.parent = None;
        second.depth = 0;
        second.category = Category::Timeout;
        second.train_outputs = vec![None];
        second.test_predictions = vec![Some(crate::task::Grid(vec![vec![2, 3]]))];
        second.test_correct = Some(vec![true]);
        second.errors = vec![
            Some(ExecError::Exception {
                name: "AttributeError".into(),
                message: "module 'numpy' has no attribute 'foo'".into(),
            }),
            Some(ExecError::Timeout),
        ];
        let mut third = Attempt {
            index: 2,
            code: None,
            completion: Completion::failure("HTTP 503"),
            category: Category::ApiFailure,
            errors: vec![],
            train_outputs: vec![],
            ..second.clone()
        };
        third.completion.prompt_tokens = 7;
        let progress = |attempts, closed: Option<&str>| TaskProgress {
            attempts,
            closed: closed.map(str::to_string),
        };
        store
            .record_unit(
                &info,
                "t",
                std::slice::from_ref(&attempt),
                &progress(1, None),
            )
            .unwrap();
        store
            .record_unit(
                &info,
                "t",
                &[second.clone(), third.clone()],
                &progress(3, Some("solved")),
            )
            .unwrap();
        assert_eq!(
            store.progress("r1").unwrap()["t"],
            progress(3, Some("solved"))
        );
        // Read back in attempt order with everything but the texts and pixel accuracies.
        let mut back = Vec::new();
        store
            .for_each_attempt("r1", "t", &mut |a| back.push(a))
            .unwrap();
        let without_texts = |mut a: Attempt| {
            a.train_pixel_accuracy.clear();
            a.completion.text.clear();
            a.completion.reasoning = None;
            // The attempt's label is its completion's (as scoring sets it).
            a.completion.label = a.label.clone();
            a
        };
        assert_eq!(
            back,
            vec![
                without_texts(attempt.clone()),
                without_texts(second.clone()),
                without_texts(third)
            ]
        );
        // A refinement is recorded under the refinement prompt's version.
        let versions: Vec<String> = store
            .conn
            .prepare("SELECT prompt_version FROM attempts ORDER BY attempt_index")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(versions, ["soar-refine-v1", "soar-v1", "soar-v1"]);
        // A program's source and outputs, by the hash of its normalised source.
        let hash = crate::program::source_hash("def transform(g):\n    return h(g)");
        let program = store.program("r1", "t", &hash).unwrap().unwrap();
        assert_eq!(program.code, second.code.clone().unwrap());
        assert_eq!(program.train_outputs, vec![None]);
        assert_eq!(program.test_outputs, second.test_predictions);
        assert_eq!(store.program("r1", "t", "0000000000000000").unwrap(), None);
        let metrics = RunMetrics {
            tasks: 1,
            ..RunMetrics::default()
        };
        store
            .finish_run("r1", "2026-01-01T00:01:00Z", &metrics)
            .unwrap();
        drop(store);
        let store = ProgramStore::open(&path).unwrap();
        let runs = store.runs().unwrap();
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].info, info);
        assert_eq!(runs[0].metrics.as_ref().unwrap().tasks, 1);
        assert_eq!(store.attempt_count("r1").unwrap(), 3);
    }

    #[test]
    fn lineage_and_train_outputs_are_stored_and_old_stores_gain_the_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        // A store as the first release wrote it: attempts without the added columns, one row.
        let old_schema = ADDED_ATTEMPT_COLUMNS.iter().fold(
            SCHEMA.replace("CREATE INDEX IF NOT EXISTS attempts_by_source ON attempts(run_id, task_id, source_hash);", ""),
            |schema, (name, definition)| schema.replace(&format!(",\n    {name} {definition}"), ""),
        );
        assert!(!old_schema.contains("parent_hash"));
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&old_schema).unwrap();
        conn.execute_batch(
            "INSERT INTO runs (run_id, group_id, repeat_index, started_at, backend, model, prompt_version, split,
             data_root, config) VALUES ('old', 'g', 0, '2025-01-01T00:00:00Z', 'library', 'm', 'soar-v1', 'evaluation', 'd', '{}');
             INSERT INTO attempts (run_id, task_id, attempt_index, model, prompt_version, completion, finish_reason,
             predictions, train_correct, train_accuracy, category, errors, transduction, prompt_tokens,
             completion_tokens, exec_seconds)
             VALUES ('old', 't', 0, 'm', 'soar-v1', '', 'stop', '[]', '[]', 0, 'ok', '[]', 0, 0, 0, 0)",
        )
        .unwrap();
        drop(conn);
        let mut store = ProgramStore::open(&path).unwrap();
        let info = RunInfo {
            run_id: "new".into(),
            group_id: "g".into(),
            repeat_index: 0,
            started_at: "2026-01-01T00:00:00Z".into(),
            backend: "replay".into(),
            model: "m".into(),
            prompt_version: "soar-refine-v1".into(),
            split: "evaluation".into(),
            data_root: "d".into(),
            config: serde_json::json!({}),
        };
        store.begin_run(&info).unwrap();
        let attempt = Attempt {
            task_id: "t".into(),
            index: 0,
            label: None,
            completion: Completion::text("x"),
            code: Some("def transform(g):\n    return g  # same\n".into()),
            train_correct: vec![false],
            train_pixel_accuracy: vec![0.5],
            train_outputs: vec![None],
            test_predictions: vec![None],
            test_correct: None,
            errors: vec![None, None],
            category: Category::Ok,
            transduction: 0.0,
            exec_seconds: 0.0,
            parent: Some("00000000000000ff".into()),
            depth: 2,
        };
        store
            .record_unit(&info, "t", &[attempt], &TaskProgress::default())
            .unwrap();
        type Row = (String, Option<String>, Option<String>, Option<String>, i64);
        let rows: Vec<Row> = store
            .conn
            .prepare("SELECT run_id, train_outputs, source_hash, parent_hash, depth FROM attempts ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows[0], ("old".into(), None, None, None, 0));
        assert_eq!(
            rows[1],
            (
                "new".into(),
                Some("[null]".into()),
                Some(crate::program::source_hash(
                    "def transform(g):\n    return g"
                )),
                Some("00000000000000ff".into()),
                2
            )
        );
    }

    #[test]
    fn a_non_database_file_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("not.db");
        std::fs::write(
            &path,
            "this is not sqlite, just text that is long enough to have a header",
        )
        .unwrap();
        let err = ProgramStore::open(&path).err().unwrap().to_string();
        assert!(err.contains("not.db"), "{err}");
    }
}
