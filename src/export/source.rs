//! Reading runs back from program stores, one task at a time.
//!
//! The store is opened read-only with its own connection (it is never migrated or written here).
//! Attempts are read per (run, task) through the `attempts_by_run_task` index, and only the columns
//! that selection, voting and reports need: never the completion text. Memory therefore follows
//! the largest task, not the store. Columns added after the first release (`train_outputs`,
//! `source_hash`, `parent_hash`, `depth`) read as absent in stores that predate them.

use super::ExportError;
use crate::generate::Completion;
use crate::score::{Attempt, Category};
use crate::store::{run_row, RunInfo, SELECT_RUNS};
use crate::task::Grid;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};

/// One attempt as export, subset and report read it (no completion text).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredAttempt {
    /// Index of the run in [`StoreSource::runs`].
    pub run: usize,
    /// Task id.
    pub task_id: String,
    /// Position among the task's attempts in its run.
    pub index: usize,
    /// The program, when one was found.
    pub code: Option<String>,
    /// The attempt's category.
    pub category: Category,
    /// Whether each train output was reproduced.
    pub train_correct: Vec<bool>,
    /// Per test input correctness, when the run knew the solutions.
    pub test_correct: Option<Vec<bool>>,
    /// Prediction per test input.
    pub predictions: Vec<Option<Grid>>,
    /// What the program returned per train input; `None` for rows written before the column.
    pub train_outputs: Option<Vec<Option<Grid>>>,
    /// Confidence that the program hard-codes outputs.
    pub transduction: f64,
    /// Hash of the normalised source (computed from the code for rows without the column).
    pub source_hash: Option<String>,
    /// The parent's source hash, for a refinement.
    pub parent_hash: Option<String>,
    /// Refinement depth (0: fresh sample).
    pub depth: usize,
}

impl StoredAttempt {
    /// Train pairs reproduced exactly.
    pub fn train_right(&self) -> usize {
        self.train_correct.iter().filter(|c| **c).count()
    }

    /// Right on every train pair.
    pub fn all_train_correct(&self) -> bool {
        !self.train_correct.is_empty() && self.train_correct.iter().all(|c| *c)
    }

    /// Fraction of train pairs reproduced.
    pub fn train_accuracy(&self) -> f64 {
        if self.train_correct.is_empty() {
            0.0
        } else {
            self.train_right() as f64 / self.train_correct.len() as f64
        }
    }

    /// The scored-attempt form the voting code takes (completion text and errors left empty).
    pub fn to_attempt(&self) -> Attempt {
        Attempt {
            task_id: self.task_id.clone(),
            index: self.index,
            label: None,
            completion: Completion::text(""),
            code: self.code.clone(),
            train_correct: self.train_correct.clone(),
            train_pixel_accuracy: Vec::new(),
            train_outputs: self.train_outputs.clone().unwrap_or_default(),
            test_predictions: self.predictions.clone(),
            test_correct: self.test_correct.clone(),
            errors: Vec::new(),
            category: self.category,
            transduction: self.transduction,
            exec_seconds: 0.0,
            parent: self.parent_hash.clone(),
            depth: self.depth,
        }
    }
}

/// A run chosen from one store.
#[derive(Clone, Debug)]
pub struct SourceRun {
    /// The store file it is in.
    pub db: PathBuf,
    /// Index of that store in [`StoreSource`].
    pub store: usize,
    /// Identity and configuration.
    pub info: RunInfo,
    /// When it finished (`None`: unfinished or interrupted).
    pub finished_at: Option<String>,
    /// Final metrics as stored (JSON), when it finished.
    pub metrics: Option<serde_json::Value>,
}

struct OpenStore {
    path: PathBuf,
    conn: Connection,
    /// The SELECT list for attempts (NULL in place of columns this store lacks).
    columns: String,
}

/// Runs from one or more program stores, read one task at a time.
pub struct StoreSource {
    stores: Vec<OpenStore>,
    runs: Vec<SourceRun>,
}

const ATTEMPT_COLUMNS: [&str; 13] = [
    "task_id",
    "attempt_index",
    "code",
    "category",
    "train_correct",
    "test_correct",
    "predictions",
    "train_outputs",
    "transduction",
    "source_hash",
    "parent_hash",
    "depth",
    "id",
];

fn store_error(path: &Path, e: impl std::fmt::Display) -> ExportError {
    ExportError::Store {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

fn open_store(path: &Path) -> Result<OpenStore, ExportError> {
    if !path.is_file() {
        return Err(ExportError::NoStore(path.to_path_buf()));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| store_error(path, e))?;
    let _ = conn.busy_timeout(std::time::Duration::from_secs(10));
    let have: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('attempts')")
        .and_then(|mut s| {
            s.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        })
        .map_err(|e| store_error(path, format!("not a program store: {e}")))?;
    if have.is_empty() {
        return Err(store_error(path, "not a program store (no attempts table)"));
    }
    let columns = ATTEMPT_COLUMNS
        .iter()
        .map(|c| {
            if have.iter().any(|h| h == c) {
                (*c).to_string()
            } else if *c == "depth" {
                "0".to_string()
            } else {
                "NULL".to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    Ok(OpenStore {
        path: path.to_path_buf(),
        conn,
        columns,
    })
}

fn read_runs(store: &OpenStore, index: usize) -> Result<Vec<SourceRun>, ExportError> {
    let mut stmt = store
        .conn
        .prepare(SELECT_RUNS)
        .map_err(|e| store_error(&store.path, format!("not a program store: {e}")))?;
    let rows = stmt
        .query_map([], |r| {
            let row = run_row(r)?;
            Ok(SourceRun {
                db: store.path.clone(),
                store: index,
                info: row.info,
                finished_at: row.finished_at,
                metrics: row.metrics.and_then(|m| serde_json::from_str(&m).ok()),
            })
        })
        .map_err(|e| store_error(&store.path, e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| store_error(&store.path, e))
}

/// Which runs to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunChoice<'a> {
    /// These ids (each must be in some store).
    Ids(&'a [String]),
    /// Every run of every store.
    All,
    /// The run started last (over all stores).
    Latest,
}

impl StoreSource {
    /// Opens `dbs` read-only and picks the runs `choice` names. Unknown ids, missing files and
    /// stores without runs are errors.
    pub fn open(dbs: &[PathBuf], choice: RunChoice<'_>) -> Result<StoreSource, ExportError> {
        if dbs.is_empty() {
            return Err(ExportError::Usage(
                "give a program store with --db FILE".into(),
            ));
        }
        let mut stores = Vec::new();
        let mut all = Vec::new();
        for (i, db) in dbs.iter().enumerate() {
            let store = open_store(db)?;
            all.extend(read_runs(&store, i)?);
            stores.push(store);
        }
        if all.is_empty() {
            return Err(ExportError::EmptyStore(
                dbs.iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
        }
        let runs = match choice {
            RunChoice::All => all,
            RunChoice::Latest => {
                let latest = all
                    .into_iter()
                    .max_by(|a, b| {
                        (&a.info.started_at, &a.info.run_id)
                            .cmp(&(&b.info.started_at, &b.info.run_id))
                    })
                    .expect("not empty");
                vec![latest]
            }
            RunChoice::Ids(ids) => {
                let mut chosen = Vec::new();
                for id in ids {
                    let found: Vec<&SourceRun> =
                        all.iter().filter(|r| &r.info.run_id == id).collect();
                    if found.is_empty() {
                        let known: Vec<&str> = all.iter().map(|r| r.info.run_id.as_str()).collect();
                        return Err(ExportError::UnknownRun {
                            id: id.clone(),
                            known: summarise_ids(&known),
                        });
                    }
                    for run in found {
                        if !chosen.iter().any(|c: &SourceRun| {
                            c.info.run_id == run.info.run_id && c.store == run.store
                        }) {
                            chosen.push(run.clone());
                        }
                    }
                }
                chosen
            }
        };
        Ok(StoreSource { stores, runs })
    }

    /// The chosen runs.
    pub fn runs(&self) -> &[SourceRun] {
        &self.runs
    }

    /// Task ids with attempts in any chosen run, sorted.
    pub fn task_ids(&self) -> Result<Vec<String>, ExportError> {
        let mut ids = std::collections::BTreeSet::new();
        for run in &self.runs {
            let store = &self.stores[run.store];
            let mut stmt = store
                .conn
                .prepare_cached("SELECT DISTINCT task_id FROM attempts WHERE run_id = ?1")
                .map_err(|e| store_error(&store.path, e))?;
            let rows = stmt
                .query_map([&run.info.run_id], |r| r.get::<_, String>(0))
                .map_err(|e| store_error(&store.path, e))?;
            for id in rows {
                ids.insert(id.map_err(|e| store_error(&store.path, e))?);
            }
        }
        Ok(ids.into_iter().collect())
    }

    /// Whether any chosen run has refinements (attempts with a parent).
    pub fn runs_without_lineage(&self) -> Result<Vec<String>, ExportError> {
        let mut without = Vec::new();
        for run in &self.runs {
            let store = &self.stores[run.store];
            let has_column = store.columns.contains("parent_hash");
            let found: Option<i64> = if has_column {
                store
                    .conn
                    .query_row(
                        "SELECT 1 FROM attempts WHERE run_id = ?1 AND parent_hash IS NOT NULL LIMIT 1",
                        [&run.info.run_id],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(|e| store_error(&store.path, e))?
            } else {
                None
            };
            if found.is_none() {
                without.push(run.info.run_id.clone());
            }
        }
        Ok(without)
    }

    /// Every attempt of `task_id` in the chosen runs, run by run in attempt order.
    pub fn task_attempts(&self, task_id: &str) -> Result<Vec<StoredAttempt>, ExportError> {
        let mut out = Vec::new();
        for (run_index, run) in self.runs.iter().enumerate() {
            self.read_task(run_index, run, task_id, &mut out)?;
        }
        Ok(out)
    }

    /// Every attempt of `task_id` in the chosen run `run_index`, in attempt order.
    pub fn run_task_attempts(
        &self,
        run_index: usize,
        task_id: &str,
    ) -> Result<Vec<StoredAttempt>, ExportError> {
        let mut out = Vec::new();
        self.read_task(run_index, &self.runs[run_index], task_id, &mut out)?;
        Ok(out)
    }

    fn read_task(
        &self,
        run_index: usize,
        run: &SourceRun,
        task_id: &str,
        out: &mut Vec<StoredAttempt>,
    ) -> Result<(), ExportError> {
        let store = &self.stores[run.store];
        let sql = format!(
            "SELECT {} FROM attempts WHERE run_id = ?1 AND task_id = ?2 ORDER BY attempt_index, id",
            store.columns
        );
        let fail = |e: rusqlite::Error| store_error(&store.path, e);
        let mut stmt = store.conn.prepare_cached(&sql).map_err(fail)?;
        let mut rows = stmt
            .query(rusqlite::params![run.info.run_id, task_id])
            .map_err(fail)?;
        while let Some(row) = rows.next().map_err(fail)? {
            out.push(
                parse_row(row, run_index).map_err(|message| ExportError::Store {
                    path: store.path.clone(),
                    message: format!("run {}, task {task_id}: {message}", run.info.run_id),
                })?,
            );
        }
        Ok(())
    }

    /// Counts the rows a plain scan of the chosen runs returns (the baseline of `bench export`):
    /// the same columns as [`StoreSource::task_attempts`], nothing parsed.
    pub fn scan_count(&self) -> Result<u64, ExportError> {
        let mut n = 0u64;
        for run in &self.runs {
            let store = &self.stores[run.store];
            let fail = |e: rusqlite::Error| store_error(&store.path, e);
            let sql = format!(
                "SELECT {} FROM attempts WHERE run_id = ?1 ORDER BY task_id, attempt_index",
                store.columns
            );
            let mut stmt = store.conn.prepare(&sql).map_err(fail)?;
            let mut rows = stmt.query([&run.info.run_id]).map_err(fail)?;
            while let Some(row) = rows.next().map_err(fail)? {
                let _: Option<String> = row.get(6).map_err(fail)?;
                n += 1;
            }
        }
        Ok(n)
    }
}

fn summarise_ids(ids: &[&str]) -> String {
    const SHOWN: usize = 8;
    let mut text = ids.iter().rev().take(SHOWN).copied().collect::<Vec<_>>();
    text.reverse();
    let mut s = text.join(", ");
    if ids.len() > SHOWN {
        s = format!("{} more, then {s}", ids.len() - SHOWN);
    }
    s
}

fn json_column<T: serde::de::DeserializeOwned>(
    row: &rusqlite::Row<'_>,
    i: usize,
    name: &str,
) -> Result<Option<T>, String> {
    let text: Option<String> = row.get(i).map_err(|e| format!("{name}: {e}"))?;
    match text {
        None => Ok(None),
        Some(t) => serde_json::from_str(&t)
            .map(Some)
            .map_err(|e| format!("{name} unreadable: {e}")),
    }
}

fn parse_category(text: &str) -> Result<Category, String> {
    Category::ALL
        .iter()
        .copied()
        .find(|c| c.as_str() == text)
        .ok_or_else(|| format!("unknown category {text:?}"))
}

fn parse_row(row: &rusqlite::Row<'_>, run: usize) -> Result<StoredAttempt, String> {
    let get_err = |name: &str, e: rusqlite::Error| format!("{name}: {e}");
    let code: Option<String> = row.get(2).map_err(|e| get_err("code", e))?;
    let category: String = row.get(3).map_err(|e| get_err("category", e))?;
    let source_hash: Option<String> = row.get(9).map_err(|e| get_err("source_hash", e))?;
    let source_hash = source_hash.or_else(|| code.as_deref().map(crate::program::source_hash));
    Ok(StoredAttempt {
        run,
        task_id: row.get(0).map_err(|e| get_err("task_id", e))?,
        index: row
            .get::<_, i64>(1)
            .map_err(|e| get_err("attempt_index", e))?
            .max(0) as usize,
        category: parse_category(&category)?,
        train_correct: json_column(row, 4, "train_correct")?.unwrap_or_default(),
        test_correct: json_column(row, 5, "test_correct")?,
        predictions: json_column(row, 6, "predictions")?.unwrap_or_default(),
        train_outputs: json_column(row, 7, "train_outputs")?,
        transduction: row.get(8).map_err(|e| get_err("transduction", e))?,
        source_hash,
        parent_hash: row.get(10).map_err(|e| get_err("parent_hash", e))?,
        depth: row
            .get::<_, Option<i64>>(11)
            .map_err(|e| get_err("depth", e))?
            .unwrap_or(0)
            .max(0) as usize,
        code,
    })
}
