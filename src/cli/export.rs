//! The `export`, `subset`, `report` and `bench export` subcommands: what a run leaves behind.

use crate::export::select::{Filter, SelectOptions};
use crate::export::subset::{self, SubsetRule};
use crate::export::tasks::TaskOverride;
use crate::export::write::Format;
use crate::export::{self, ExportOptions, Kind};
use crate::html_report::{self, ReportOptions};
use crate::task::Split;
use anyhow::bail;
use clap::Args;
use std::path::PathBuf;

/// Where the runs' tasks come from when not where they recorded.
#[derive(Args, Debug, Clone)]
pub struct TaskSourceArgs {
    /// Read tasks from this data root instead of the one each run recorded.
    #[arg(long)]
    pub data_root: Option<PathBuf>,
    /// Read this split instead of the one each run recorded.
    #[arg(long, value_enum)]
    pub split: Option<Split>,
}

impl TaskSourceArgs {
    fn over(&self) -> TaskOverride {
        TaskOverride {
            data_root: self.data_root.clone(),
            split: self.split,
        }
    }
}

/// Options of `export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Program store(s) to read (repeatable).
    #[arg(long, env = "ARC_PROGRAMS_DB", default_value = "runs/programs.db")]
    pub db: Vec<PathBuf>,
    /// Runs to read (repeatable) [default: every run in the store(s)].
    #[arg(long = "run")]
    pub runs: Vec<String>,
    /// What to export.
    #[arg(long, value_enum)]
    pub kind: Kind,
    /// File format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Output directory: train.<ext>, validation.<ext> and dataset_info.json go there.
    #[arg(long)]
    pub out: PathBuf,
    /// How the examples of a task are picked.
    #[arg(long, value_enum, default_value_t = Filter::Greedy)]
    pub filter: Filter,
    /// Most examples per task.
    #[arg(long, default_value_t = 50)]
    pub max_per_task: usize,
    /// Fraction of tasks held out as the validation split.
    #[arg(long, default_value_t = 0.1)]
    pub val_fraction: f64,
    /// Programs with a transduction confidence at or above this count as hard-coded and are left
    /// out.
    #[arg(long, default_value_t = crate::search::HARD_CODED_FROM)]
    pub max_transduction: f64,
    /// Prompt version of the user messages (solutions and hindsight).
    #[arg(long, default_value = crate::prompt::DEFAULT_PROMPT_VERSION)]
    pub prompt_version: String,
    #[command(flatten)]
    tasks: TaskSourceArgs,
    /// Print dataset_info.json instead of the summary.
    #[arg(long)]
    pub json: bool,
}

/// Options of `subset`.
#[derive(Args, Debug)]
pub struct SubsetArgs {
    /// Program store.
    #[arg(long, env = "ARC_PROGRAMS_DB", default_value = "runs/programs.db")]
    pub db: PathBuf,
    /// The run [default: the latest].
    #[arg(long)]
    pub run: Option<String>,
    /// Tasks the run solved (pass@2 right on every test input).
    #[arg(long, group = "rule")]
    pub solved: bool,
    /// Tasks the run did not solve.
    #[arg(long, group = "rule")]
    pub unsolved: bool,
    /// Tasks with at most K distinct programs right on every train pair.
    #[arg(long, group = "rule", value_name = "K")]
    pub max_solutions: Option<usize>,
    /// The list to write (one task id per line; `solve --subset FILE` reads it).
    #[arg(long)]
    pub out: PathBuf,
}

/// Options of `report`.
#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The run [default: the latest].
    pub run: Option<String>,
    /// Program store.
    #[arg(long, env = "ARC_PROGRAMS_DB", default_value = "runs/programs.db")]
    pub db: PathBuf,
    /// The HTML file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Programs shown per task.
    #[arg(long, default_value_t = 3)]
    pub top_programs: usize,
    /// Task sections open when the page loads.
    #[arg(long, default_value_t = 3)]
    pub open_tasks: usize,
    #[command(flatten)]
    tasks: TaskSourceArgs,
}

/// Options of `bench export`.
#[derive(Args, Debug)]
pub struct BenchExportArgs {
    /// The generated store (made when missing; reused when it has the asked shape).
    #[arg(long, default_value = "target/bench-export/programs.db")]
    pub db: PathBuf,
    /// Attempts in the store.
    #[arg(long, default_value_t = 1_000_000)]
    pub attempts: usize,
    /// Tasks (the attempts are spread evenly).
    #[arg(long, default_value_t = 400)]
    pub tasks: usize,
    /// Runs the attempts are split into (the first is also measured alone).
    #[arg(long, default_value_t = 10)]
    pub runs: usize,
    /// Where the exports and the report go.
    #[arg(long, default_value = "target/bench-export/out")]
    pub out: PathBuf,
    /// Also write the measurements as JSON here.
    #[arg(long)]
    pub json: Option<PathBuf>,
}

/// `export`.
pub fn export(args: ExportArgs) -> anyhow::Result<()> {
    let opts = ExportOptions {
        dbs: args.db,
        runs: args.runs,
        kind: args.kind,
        format: args.format,
        out: args.out,
        select: SelectOptions {
            filter: args.filter,
            max_per_task: args.max_per_task,
            max_transduction: args.max_transduction,
        },
        val_fraction: args.val_fraction,
        prompt_version: args.prompt_version,
        tasks: args.tasks.over(),
    };
    let info = export::export(&opts)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&info)?);
        return Ok(());
    }
    println!(
        "{} examples ({} train over {} tasks, {} validation over {} tasks) from {} attempts of {} run(s)",
        info.kind.as_str(),
        info.train.examples,
        info.train.tasks,
        info.validation.examples,
        info.validation.tasks,
        info.attempts_read,
        info.sources.len()
    );
    for f in &info.files {
        println!(
            "  {:<10} {:>8} rows {:>12} bytes  {}",
            f.split,
            f.rows,
            f.bytes,
            f.path.display()
        );
    }
    println!(
        "  {:<10} {}",
        "info",
        opts.out.join("dataset_info.json").display()
    );
    if !info.skipped.0.is_empty() {
        let parts: Vec<String> = info
            .skipped
            .0
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        println!("  left out: {}", parts.join(", "));
    }
    Ok(())
}

/// `subset`.
pub fn subset(args: SubsetArgs) -> anyhow::Result<()> {
    let rule = match (args.solved, args.unsolved, args.max_solutions) {
        (true, false, None) => SubsetRule::Solved,
        (false, true, None) => SubsetRule::Unsolved,
        (false, false, Some(k)) => SubsetRule::MaxSolutions(k),
        _ => bail!("subset needs one of --solved, --unsolved or --max-solutions K"),
    };
    export::check_file_out(&args.out)?;
    let picked = subset::pick(std::slice::from_ref(&args.db), args.run.as_deref(), rule)?;
    subset::write(&args.out, &picked, rule)?;
    println!(
        "{} of {} tasks of run {} ({}) → {}",
        picked.ids.len(),
        picked.tasks_in_run,
        picked.run.info.run_id,
        rule.flag(),
        args.out.display()
    );
    if picked.ids.is_empty() {
        eprintln!("warning: the list is empty (`solve --subset` would select no tasks)");
    }
    Ok(())
}

/// `report`.
pub fn report(args: ReportArgs) -> anyhow::Result<()> {
    let summary = html_report::write_report(&ReportOptions {
        dbs: vec![args.db],
        run: args.run,
        out: args.out.clone(),
        top_programs: args.top_programs,
        open_tasks: args.open_tasks,
        tasks: args.tasks.over(),
    })?;
    println!(
        "run {}: {} tasks, {} attempts → {} ({:.1} KiB in {:.2} s)",
        summary.run_id,
        summary.tasks,
        summary.attempts,
        args.out.display(),
        summary.bytes as f64 / 1024.0,
        summary.seconds
    );
    Ok(())
}

/// `bench export`.
pub fn bench_export(args: &BenchExportArgs) -> anyhow::Result<()> {
    let report = export::bench::run(&export::bench::BenchOptions {
        db: args.db.clone(),
        attempts: args.attempts,
        tasks: args.tasks,
        runs: args.runs,
        out: args.out.clone(),
    })?;
    print!("{}", export::bench::render(&report));
    if let Some(path) = &args.json {
        crate::submission::write_atomic(path, serde_json::to_string_pretty(&report)?.as_bytes())
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))?;
    }
    Ok(())
}
