//! What a run leaves behind for the next fine-tune: training sets from program stores.
//!
//! `arc-solver export` streams the chosen runs' attempts task by task ([`source`]), picks examples
//! per kind ([`select`]), renders them as chat messages with the prompt version the model will see
//! ([`render`]) and writes `train` / `validation` files split by task plus `dataset_info.json`
//! ([`write`]). [`subset`] writes task-id lists from a run; [`bench`] measures export at scale.

pub mod bench;
pub mod render;
pub mod select;
pub mod source;
pub mod subset;
pub mod tasks;
pub mod write;

use crate::prompt::Draft;
use crate::prompt::PromptTemplate;
use render::{GridsRow, ProgramRow, Row};
use select::{Filter, Picked, SelectOptions, Skips};
use serde::Serialize;
use source::{RunChoice, StoreSource, StoredAttempt};
use std::collections::BTreeSet;
use std::path::PathBuf;
use tasks::{TaskBook, TaskOverride};
use write::{DatasetWriter, Format, Split, WrittenFile};

/// Errors of export, subset and report.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// No store file.
    #[error("{0}: no program store here (run `arc-solver solve` first or pass --db)")]
    NoStore(PathBuf),
    /// The store could not be read.
    #[error("{path}: {message}")]
    Store {
        /// Store file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The store(s) hold no runs.
    #[error("{0}: the program store holds no runs (run `arc-solver solve` first)")]
    EmptyStore(String),
    /// A run id that is in no store.
    #[error("run {id}: no such run in the program store (runs: {known})")]
    UnknownRun {
        /// The id asked for.
        id: String,
        /// Ids there are.
        known: String,
    },
    /// `--kind refine` on runs that recorded no refinements.
    #[error(
        "--kind refine needs refinement lineage, and run(s) {0} have none (no attempt has a parent program): \
         solve with refinement to record it, or choose another --kind"
    )]
    NoLineage(String),
    /// A bad flag value.
    #[error("{0}")]
    Usage(String),
    /// Task data missing or unreadable.
    #[error("{0}")]
    Data(String),
    /// An output could not be written.
    #[error("{path}: cannot write: {message}")]
    Output {
        /// The path.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The Parquet encoder failed.
    #[error("parquet: {0}")]
    Parquet(String),
    /// Nothing to write.
    #[error("no {kind} examples in run(s) {runs} ({detail}); nothing written")]
    NoExamples {
        /// The kind.
        kind: &'static str,
        /// The runs read.
        runs: String,
        /// Counts of what was left out.
        detail: String,
    },
}

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Programs right on the task (train pairs, and test outputs when known).
    Solutions,
    /// Hindsight relabelling: each program that ran everywhere solves the task its outputs define.
    Hindsight,
    /// (parent feedback → better child) pairs from refinement lineage.
    Refine,
    /// Grids only: the tasks and their hindsight relabellings, no programs.
    Grids,
}

impl Kind {
    /// The name used in rows and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Solutions => "solutions",
            Kind::Hindsight => "hindsight",
            Kind::Refine => "refine",
            Kind::Grids => "grids",
        }
    }
}

/// Everything `export` needs.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// Program stores.
    pub dbs: Vec<PathBuf>,
    /// Runs to read (empty: every run).
    pub runs: Vec<String>,
    /// What to export.
    pub kind: Kind,
    /// File format.
    pub format: Format,
    /// Output directory.
    pub out: PathBuf,
    /// Per-task filter and limits.
    pub select: SelectOptions,
    /// Fraction of tasks held out as validation.
    pub val_fraction: f64,
    /// Prompt version of sampling examples.
    pub prompt_version: String,
    /// Where tasks come from, when not where the runs recorded.
    pub tasks: TaskOverride,
}

/// A run an export read, as `dataset_info.json` records it.
#[derive(Clone, Debug, Serialize)]
pub struct SourceInfo {
    /// Store file.
    pub db: PathBuf,
    /// Run id.
    pub run_id: String,
    /// Backend.
    pub backend: String,
    /// Model.
    pub model: String,
    /// Prompt version the run sampled with.
    pub prompt_version: String,
    /// Split and data root it solved.
    pub split: String,
    /// Data root.
    pub data_root: String,
    /// Start time.
    pub started_at: String,
}

/// Example counts of one split.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SplitCounts {
    /// Examples.
    pub examples: u64,
    /// Tasks with at least one example.
    pub tasks: u64,
    /// Examples from programs right on the original task.
    pub right: u64,
    /// Examples showing a hindsight-relabelled task.
    pub relabelled: u64,
}

/// `dataset_info.json`: where the examples came from, how they were picked and how many there are.
#[derive(Clone, Debug, Serialize)]
pub struct DatasetInfo {
    /// The kind.
    pub kind: Kind,
    /// The format.
    pub format: Format,
    /// Prompt version of the user messages (`null` for grids).
    pub prompt_version: Option<String>,
    /// The runs read.
    pub sources: Vec<SourceInfo>,
    /// The filter and limits.
    pub filter: Filter,
    /// `--max-per-task`.
    pub max_per_task: usize,
    /// `--max-transduction`.
    pub max_transduction: f64,
    /// `--val-fraction`.
    pub val_fraction: f64,
    /// Tasks read, and how many went to validation.
    pub tasks: usize,
    /// Tasks held out.
    pub validation_tasks: Vec<String>,
    /// Attempts read from the store(s).
    pub attempts_read: u64,
    /// Per split.
    pub train: SplitCounts,
    /// Per split.
    pub validation: SplitCounts,
    /// Attempts left out, by reason.
    pub skipped: Skips,
    /// Files written.
    pub files: Vec<WrittenFile>,
    /// arc-solver version that wrote it.
    pub arc_solver_version: &'static str,
    /// When (RFC 3339).
    pub created_at: String,
}

/// The tasks held out for validation: a stable choice (by a hash of the task id, so every kind
/// and every export of the same tasks agrees) of `round(fraction × n)` tasks, at least one when the
/// fraction is positive and there are two or more tasks.
pub fn validation_tasks(task_ids: &[String], fraction: f64) -> BTreeSet<String> {
    let n = task_ids.len();
    if fraction <= 0.0 || n < 2 {
        return BTreeSet::new();
    }
    let k = ((fraction * n as f64).round() as usize).clamp(1, n - 1);
    let mut by_hash: Vec<(String, &String)> = task_ids
        .iter()
        .map(|id| (crate::program::source_hash(&format!("split:{id}")), id))
        .collect();
    by_hash.sort();
    by_hash
        .into_iter()
        .take(k)
        .map(|(_, id)| id.clone())
        .collect()
}

fn check_options(opts: &ExportOptions) -> Result<(), ExportError> {
    if !(0.0..1.0).contains(&opts.val_fraction) {
        return Err(ExportError::Usage(format!(
            "--val-fraction {}: must be at least 0 and below 1",
            opts.val_fraction
        )));
    }
    if opts.select.max_per_task == 0 {
        return Err(ExportError::Usage(
            "--max-per-task must be at least 1".into(),
        ));
    }
    if !(0.0..=1.0).contains(&opts.select.max_transduction) {
        return Err(ExportError::Usage(format!(
            "--max-transduction {}: must be between 0 and 1",
            opts.select.max_transduction
        )));
    }
    Ok(())
}

/// Checks that `path` can take a file written atomically (not a directory or special file), before
/// any work is done.
pub fn check_file_out(path: &std::path::Path) -> Result<(), ExportError> {
    crate::submission::check_replaceable(path).map_err(|e| ExportError::Output {
        path: path.to_path_buf(),
        message: format!("--out: {e}; give a regular file"),
    })
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Renders one task's picked examples.
struct Renderer {
    kind: Kind,
    /// The prompt examples are rendered with (sampling or refinement version); none for grids.
    template: Option<PromptTemplate>,
}

impl Renderer {
    fn rows(
        &self,
        source: &StoreSource,
        original: &crate::task::Task,
        attempts: &[StoredAttempt],
        picked: Vec<Picked>,
    ) -> Vec<Row> {
        let mut rows = Vec::new();
        if self.kind == Kind::Grids {
            rows.push(Row::Grids(render::grids_row(original, "original", None)));
        }
        for p in picked {
            let a = &attempts[p.attempt];
            let code = a.code.as_deref().unwrap_or_default();
            let source_hash = a.source_hash.clone().unwrap_or_default();
            let (messages, prompt_version) = match (self.kind, &self.template) {
                (Kind::Grids, _) => {
                    if p.relabelled {
                        rows.push(Row::Grids(render::grids_row(
                            &p.task,
                            "hindsight",
                            Some(source_hash),
                        )));
                    }
                    continue;
                }
                (Kind::Refine, Some(template)) => {
                    let parent = &attempts[p.parent.unwrap_or(p.attempt)];
                    let outputs = parent.train_outputs.clone().unwrap_or_default();
                    let draft = Draft {
                        code: parent.code.as_deref().unwrap_or_default(),
                        train_outputs: &outputs,
                        test_outputs: &parent.predictions,
                    };
                    (
                        render::messages(template.render_refinement(&p.task, &draft), code),
                        template.version.clone(),
                    )
                }
                (_, Some(template)) => (
                    render::sampling_messages(template, &p.task, code),
                    template.version.clone(),
                ),
                _ => continue,
            };
            rows.push(Row::Program(ProgramRow {
                messages,
                task_id: original.id.clone(),
                kind: self.kind.as_str(),
                run_id: source.runs()[a.run].info.run_id.clone(),
                source_hash,
                parent_hash: p.parent.and(a.parent_hash.clone()),
                prompt_version,
                train_accuracy: a.train_accuracy(),
                right: p.right,
                relabelled: p.relabelled,
            }));
        }
        rows
    }
}

fn count(counts: &mut SplitCounts, row: &Row) {
    counts.examples += 1;
    match row {
        Row::Program(p) => {
            counts.right += u64::from(p.right);
            counts.relabelled += u64::from(p.relabelled);
        }
        Row::Grids(GridsRow { source, .. }) => {
            counts.relabelled += u64::from(*source == "hindsight");
        }
    }
}

/// Runs an export: reads, selects, renders and writes; returns what `dataset_info.json` holds.
pub fn export(opts: &ExportOptions) -> Result<DatasetInfo, ExportError> {
    check_options(opts)?;
    let choice = if opts.runs.is_empty() {
        RunChoice::All
    } else {
        RunChoice::Ids(&opts.runs)
    };
    let source = StoreSource::open(&opts.dbs, choice)?;
    let run_list = || {
        source
            .runs()
            .iter()
            .map(|r| r.info.run_id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let renderer = match opts.kind {
        Kind::Refine => {
            let without = source.runs_without_lineage()?;
            if without.len() == source.runs().len() {
                return Err(ExportError::NoLineage(without.join(", ")));
            }
            Renderer {
                kind: opts.kind,
                template: Some(
                    PromptTemplate::load(render::REFINE_PROMPT_VERSION)
                        .map_err(|e| ExportError::Usage(format!("refinement prompt: {e}")))?,
                ),
            }
        }
        Kind::Grids => Renderer {
            kind: opts.kind,
            template: None,
        },
        _ => Renderer {
            kind: opts.kind,
            template: Some(
                PromptTemplate::load(&opts.prompt_version)
                    .map_err(|e| ExportError::Usage(format!("--prompt-version: {e}")))?,
            ),
        },
    };
    let book = TaskBook::load(source.runs(), &opts.tasks)?;
    let task_ids = source.task_ids()?;
    let validation = validation_tasks(&task_ids, opts.val_fraction);
    let mut writer = DatasetWriter::new(&opts.out, opts.format, opts.kind == Kind::Grids)?;
    let mut skips = Skips::default();
    let mut attempts_read = 0u64;
    let (mut train, mut val) = (SplitCounts::default(), SplitCounts::default());
    for id in &task_ids {
        let attempts = source.task_attempts(id)?;
        attempts_read += attempts.len() as u64;
        let Some(first) = attempts.first() else {
            continue;
        };
        let task = book.task(first.run, id)?;
        let picked = match opts.kind {
            Kind::Solutions => select::solutions(&task, &attempts, &opts.select, &mut skips),
            Kind::Hindsight | Kind::Grids => {
                select::hindsight(&task, &attempts, &opts.select, &mut skips)
            }
            Kind::Refine => select::refinements(&task, &attempts, &opts.select, &mut skips),
        };
        let rows = renderer.rows(&source, &task, &attempts, picked);
        let (split, counts) = if validation.contains(id) {
            (Split::Validation, &mut val)
        } else {
            (Split::Train, &mut train)
        };
        counts.tasks += u64::from(!rows.is_empty());
        for row in rows {
            count(counts, &row);
            writer.push(split, row)?;
        }
    }
    if train.examples + val.examples == 0 {
        let detail = if skips.0.is_empty() {
            format!("{attempts_read} attempts read, none qualified")
        } else {
            format!(
                "{attempts_read} attempts read; left out: {}",
                skips
                    .0
                    .iter()
                    .map(|(k, v)| format!("{k} {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        return Err(ExportError::NoExamples {
            kind: opts.kind.as_str(),
            runs: run_list(),
            detail,
        });
    }
    let files = writer.finish()?;
    let info = DatasetInfo {
        kind: opts.kind,
        format: opts.format,
        prompt_version: match opts.kind {
            Kind::Grids => None,
            Kind::Refine => Some(render::REFINE_PROMPT_VERSION.into()),
            _ => renderer.template.as_ref().map(|t| t.version.clone()),
        },
        sources: source
            .runs()
            .iter()
            .map(|r| SourceInfo {
                db: r.db.clone(),
                run_id: r.info.run_id.clone(),
                backend: r.info.backend.clone(),
                model: r.info.model.clone(),
                prompt_version: r.info.prompt_version.clone(),
                split: r.info.split.clone(),
                data_root: r.info.data_root.clone(),
                started_at: r.info.started_at.clone(),
            })
            .collect(),
        filter: opts.select.filter,
        max_per_task: opts.select.max_per_task,
        max_transduction: opts.select.max_transduction,
        val_fraction: opts.val_fraction,
        tasks: task_ids.len(),
        validation_tasks: validation.into_iter().collect(),
        attempts_read,
        train,
        validation: val,
        skipped: skips,
        files,
        arc_solver_version: env!("CARGO_PKG_VERSION"),
        created_at: now_rfc3339(),
    };
    let path = opts.out.join("dataset_info.json");
    let text = serde_json::to_string_pretty(&info).map_err(|e| ExportError::Output {
        path: path.clone(),
        message: e.to_string(),
    })?;
    crate::submission::write_atomic(&path, text.as_bytes()).map_err(|e| ExportError::Output {
        path: path.clone(),
        message: e.to_string(),
    })?;
    Ok(info)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_split_is_stable_and_sized() {
        let ids: Vec<String> = (0..40).map(|i| format!("task{i:02}")).collect();
        let v = validation_tasks(&ids, 0.25);
        assert_eq!(v.len(), 10);
        // The same tasks whatever the order or the other ids present.
        let mut shuffled = ids.clone();
        shuffled.reverse();
        assert_eq!(validation_tasks(&shuffled, 0.25), v);
        let more: Vec<String> = ids.iter().cloned().chain(["zzz".to_string()]).collect();
        assert!(validation_tasks(&more, 0.25).len() >= 10);
        assert!(validation_tasks(&ids, 0.0).is_empty());
        assert_eq!(validation_tasks(&ids[..2], 0.01).len(), 1);
        assert!(validation_tasks(&ids[..1], 0.5).is_empty());
    }
}
