//! The program store: every attempt of every run in one SQLite file.
//!
//! Tables: `runs` (one row per run, with its configuration and final metrics as JSON), `attempts`
//! (completion, code, predictions, correctness, category, transduction, tokens, timings) and
//! `task_results` (every scored attempt of each finished task as JSON, written in the same
//! transaction as its attempt rows: what `--resume` reads back). Each attempt row also keeps what
//! the program returned on the train inputs, its normalised-source hash ([`crate::program`]) and its
//! lineage (the parent's hash and the refinement depth); stores written before those columns get
//! them on open.

use crate::metrics::RunMetrics;
use crate::score::Attempt;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
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

    /// Stores one task's attempts in a single transaction: `all` is every attempt the task has
    /// in this run, of which those from `new_from` on are new. The task then counts as finished
    /// with all of them (see [`ProgramStore::finished_tasks`]).
    pub fn record_task(
        &mut self,
        info: &RunInfo,
        task_id: &str,
        all: &[Attempt],
        new_from: usize,
    ) -> anyhow::Result<()> {
        let attempts = &all[new_from.min(all.len())..];
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO task_results (run_id, task_id, attempts) VALUES (?1, ?2, ?3)",
            params![info.run_id, task_id, json(&all)],
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
                stmt.execute(params![
                    info.run_id,
                    a.task_id,
                    a.index as i64,
                    a.label,
                    info.model,
                    info.prompt_version,
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

    /// Every finished task of a run with its attempts, as [`ProgramStore::record_task`] left them.
    pub fn finished_tasks(
        &self,
        run_id: &str,
    ) -> anyhow::Result<std::collections::HashMap<String, Vec<Attempt>>> {
        let mut stmt = self
            .conn
            .prepare("SELECT task_id, attempts FROM task_results WHERE run_id = ?1")?;
        let rows = stmt.query_map([run_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = std::collections::HashMap::new();
        for row in rows {
            let (task, attempts) = row?;
            let attempts: Vec<Attempt> = serde_json::from_str(&attempts).map_err(|e| {
                anyhow::anyhow!("run {run_id}, task {task}: stored attempts unreadable: {e}")
            })?;
            out.insert(task, attempts);
        }
        Ok(out)
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
        let mut stmt = self.conn.prepare(
            "SELECT run_id, group_id, repeat_index, started_at, backend, model, prompt_version, split, data_root, config, metrics
             FROM runs ORDER BY started_at, run_id",
        )?;
        let rows = stmt.query_map([], |r| {
            let config: String = r.get(9)?;
            let metrics: Option<String> = r.get(10)?;
            Ok(StoredRun {
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
                metrics: metrics.and_then(|m| serde_json::from_str(&m).ok()),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
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
    use crate::generate::Completion;
    use crate::score::Category;

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
        let mut second = attempt.clone();
        second.index = 1;
        store
            .record_task(&info, "t", std::slice::from_ref(&attempt), 0)
            .unwrap();
        // A later pass adds an attempt: one new row, and the task's result holds both.
        store
            .record_task(&info, "t", &[attempt.clone(), second.clone()], 1)
            .unwrap();
        assert_eq!(
            store.finished_tasks("r1").unwrap()["t"],
            vec![attempt, second]
        );
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
        assert_eq!(store.attempt_count("r1").unwrap(), 2);
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
        store.record_task(&info, "t", &[attempt], 0).unwrap();
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
