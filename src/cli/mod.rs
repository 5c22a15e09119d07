//! Command-line interface: argument definitions and the `solve` command. The other subcommands live
//! in [`commands`]; terminal output in [`report`].

pub mod commands;
pub mod export;
pub mod local;
pub mod openai;
pub mod report;
pub mod serve;
pub mod signals;
pub mod solve;

use crate::exec::process::{ProcessConfig, WORKER_SUBCOMMAND};
use crate::exec::ExecConfig;
use crate::task::{self, Split, Task};
use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Task-id lists shipped in `data/subsets/`, embedded at build time: (dataset/name, contents).
const SUBSETS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/subsets.rs"));

/// ARC-AGI program-synthesis solver.
#[derive(Parser, Debug)]
#[command(name = "arc-solver", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Solve tasks and write submission.json.
    Solve(Box<solve::SolveArgs>),
    /// Check a submission against a challenges file.
    Validate {
        /// Submission file.
        submission: PathBuf,
        /// Challenges file it answers.
        #[arg(long)]
        challenges: PathBuf,
    },
    /// Score a submission against a solutions file (Kaggle's rule).
    Score {
        /// Submission file.
        submission: PathBuf,
        /// Solutions file.
        #[arg(long)]
        solutions: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Run one program file on one task and show input, expected and produced grids.
    Exec(commands::ExecArgs),
    /// Print the rendered chat prompt (ChatML) of tasks.
    Prompt(commands::PromptArgs),
    /// Internal: a worker process of the executor (requests on stdin, results on stdout).
    #[command(name = WORKER_SUBCOMMAND, hide = true)]
    ExecWorker {
        /// Address-space limit in bytes.
        #[arg(long)]
        memory_limit: u64,
    },
    /// Benchmarks (tables with ratios against baselines measured in the same run).
    Bench {
        /// What to measure.
        #[command(subcommand)]
        what: BenchCommand,
    },
    /// Metrics of the runs in a program store, with mean/std/CI over repeats.
    Stats {
        /// Program store.
        #[arg(long, env = "ARC_PROGRAMS_DB", default_value = "runs/programs.db")]
        db: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Serve the local model over an OpenAI-compatible HTTP API.
    Serve(serve::ServeArgs),
    /// Training sets from program stores (solutions, hindsight, refine, grids; JSONL or Parquet).
    Export(export::ExportArgs),
    /// Task-id lists from a run (unsolved, solved, at most K solutions) for `solve --subset`.
    Subset(export::SubsetArgs),
    /// One self-contained HTML page showing a run.
    Report(export::ReportArgs),
}

/// Where tasks come from and which ones to take.
#[derive(Args, Debug, Clone)]
pub struct TaskArgs {
    /// Directory holding arc-agi_<split>_challenges.json [default: the embedded sample].
    #[arg(long, env = "ARC_DATA_ROOT")]
    pub data_root: Option<PathBuf>,
    /// Which challenge file to read.
    #[arg(long, value_enum, default_value_t = Split::Evaluation)]
    pub split: Split,
    /// A subset: a file of task ids, or the name of a shipped list (see data/subsets).
    #[arg(long)]
    pub subset: Option<String>,
    /// Comma-separated task ids.
    #[arg(long, value_delimiter = ',')]
    pub tasks: Vec<String>,
    /// Take at most N tasks.
    #[arg(long)]
    pub limit: Option<usize>,
}

/// The benchmarks.
#[derive(Subcommand, Debug)]
pub enum BenchCommand {
    /// Executor throughput and latency on a program corpus, against CPython in-process and with one
    /// subprocess per program.
    Exec(BenchExecArgs),
    /// Local engine prefill and decode throughput at several batch sizes, shared-prefix against
    /// independent sequences, with the memory-bandwidth roofline.
    Gen(BenchGenArgs),
    /// Export, report and subset on a generated store: rows/s and peak memory against a plain scan.
    Export(export::BenchExportArgs),
    /// The local engine's logits, greedy tokens and device operations for a reference prompt, as
    /// JSON (what scripts/gpu-check.sh compares with transformers or the committed references).
    Parity(BenchParityArgs),
    /// Step-budget calibration: steps each program uses against CPython's time for it, the budget
    /// the data asks for, and the programs the budget or the wall-time limit in force would stop.
    Steps(BenchStepsArgs),
    /// Prompt-prefix sharing on a refinement round (several drafts of one task, K samples each):
    /// prompt tokens prefilled and KV bytes allocated with and without it, and whether every
    /// sample's tokens are the same.
    Prefix(BenchPrefixArgs),
}

/// Arguments of `bench prefix`.
#[derive(Args, Debug)]
pub struct BenchPrefixArgs {
    /// Model directory, e.g. tests/fixtures/tiny-qwen2.
    #[arg(long)]
    pub model: PathBuf,
    /// Challenges file the task comes from.
    #[arg(long, default_value = "data/sample/arc-agi_evaluation_challenges.json")]
    pub challenges: PathBuf,
    /// The task whose drafts are refined (the library must have --drafts programs for it).
    #[arg(long, default_value = "bb7880f5")]
    pub task: String,
    /// Drafts (parents) refined together.
    #[arg(long, default_value_t = 4)]
    pub drafts: usize,
    /// Samples (children) per draft.
    #[arg(long, default_value_t = 4)]
    pub samples: usize,
    /// Tokens generated per sample.
    #[arg(long, default_value_t = 16)]
    pub max_new_tokens: usize,
    /// `cpu` or a GPU ordinal.
    #[arg(long, default_value = "cpu")]
    pub device: String,
    /// Weight and activation dtype.
    #[arg(long, value_enum, default_value_t = crate::generate::local::loader::DTypeChoice::F32)]
    pub dtype: crate::generate::local::loader::DTypeChoice,
    /// Also write the measurements as JSON here.
    #[arg(long)]
    pub json: Option<PathBuf>,
}

/// Arguments of `bench parity`.
#[derive(Args, Debug)]
pub struct BenchParityArgs {
    /// Model directory.
    #[arg(long)]
    pub model: PathBuf,
    /// LoRA adapter merged at load.
    #[arg(long)]
    pub lora: Option<PathBuf>,
    /// `cpu` or a GPU ordinal.
    #[arg(long, default_value = "cpu")]
    pub device: String,
    /// Weight and activation dtype.
    #[arg(long, value_enum, default_value_t = crate::generate::local::loader::DTypeChoice::F32)]
    pub dtype: crate::generate::local::loader::DTypeChoice,
    /// Reference file (tests/fixtures/reference/*.json): its prompts, columns and lengths.
    #[arg(long)]
    pub reference: PathBuf,
    /// Write the JSON here instead of stdout.
    #[arg(long)]
    pub json: Option<PathBuf>,
}

/// Arguments of `bench steps`.
#[derive(Args, Debug)]
pub struct BenchStepsArgs {
    /// Programs JSONL (`{"id", "task_id", "code"}` lines); repeat for several files.
    #[arg(long, default_values = ["tests/corpus/programs.jsonl", "tests/calibration/programs.jsonl"])]
    pub programs: Vec<PathBuf>,
    /// Challenges files the programs' tasks come from.
    #[arg(long, default_values = ["tests/corpus/challenges.json"])]
    pub challenges: Vec<PathBuf>,
    /// CPython with numpy and scipy.
    #[arg(long, default_value = "python3")]
    pub python: PathBuf,
    /// The CPython timer.
    #[arg(long, default_value = "scripts/cpython_times.py")]
    pub timer_script: PathBuf,
    /// CPython runs per program (the fastest counts).
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// CPython seconds within which a program must not run out of steps.
    #[arg(long, default_value_t = 0.5)]
    pub limit: f64,
    /// Factor between the data and the recommended budget.
    #[arg(long, default_value_t = 2.0)]
    pub margin: f64,
    /// Wall-time limit to check programs against, in seconds.
    #[arg(long, default_value_t = 2.0)]
    pub timeout: f64,
    /// Seconds a program may run here while its steps are counted.
    #[arg(long, default_value_t = 20.0)]
    pub measure_timeout: f64,
    /// The step budget to check [default: the built-in default].
    #[arg(long, default_value_t = crate::exec::DEFAULT_MAX_STEPS)]
    pub max_steps: u64,
    /// Also write the measurements as JSON here.
    #[arg(long)]
    pub json: Option<PathBuf>,
}

/// Arguments of `bench gen`.
#[derive(Args, Debug)]
pub struct BenchGenArgs {
    /// A built-in shape (tiny, qwen2.5-0.5b, qwen2.5-7b, qwen3-4b) or a model directory.
    #[arg(long, default_value = "tiny")]
    pub config: String,
    /// Random weights of the shape (always on for built-in shapes).
    #[arg(long)]
    pub random_weights: bool,
    /// `cpu` or a GPU ordinal.
    #[arg(long, default_value = "cpu")]
    pub device: String,
    /// Weight and activation dtype.
    #[arg(long, value_enum, default_value_t = crate::generate::local::loader::DTypeChoice::Auto)]
    pub dtype: crate::generate::local::loader::DTypeChoice,
    /// Prompt length in tokens.
    #[arg(long, default_value_t = 2048)]
    pub prompt_tokens: usize,
    /// Batch sizes.
    #[arg(long, value_delimiter = ',', default_values_t = [1, 8, 64])]
    pub batches: Vec<usize>,
    /// Decode steps per sample.
    #[arg(long, default_value_t = 16)]
    pub decode_steps: usize,
    /// Skip the independent-sequences baseline.
    #[arg(long)]
    pub no_independent: bool,
    /// Also show the step timeline of a prompt of this many tokens admitted while 8 samples
    /// decode, prefilled whole and in the default per-step budget (same tokens either way).
    #[arg(long)]
    pub timeline: Option<usize>,
    /// Also write the measurements as JSON here.
    #[arg(long)]
    pub json: Option<PathBuf>,
}

/// Arguments of `bench exec`.
#[derive(Args, Debug)]
pub struct BenchExecArgs {
    /// Programs JSONL (`{"id", "task_id", "code"}` lines).
    #[arg(long, default_value = "tests/corpus/programs.jsonl")]
    pub programs: PathBuf,
    /// Challenges files the programs' tasks come from.
    #[arg(long, default_values = ["tests/corpus/challenges.json"])]
    pub challenges: Vec<PathBuf>,
    /// Workers of the parallel configurations [default: all cores].
    #[arg(long)]
    pub workers: Option<usize>,
    /// Timed repetitions of each embedded configuration (the fastest counts).
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// CPython with numpy and scipy for the baselines.
    #[arg(long, default_value = "python3")]
    pub python: PathBuf,
    /// Skip the CPython baselines.
    #[arg(long)]
    pub no_cpython: bool,
    /// The CPython reference runner.
    #[arg(long, default_value = "scripts/reference_exec.py")]
    pub reference_script: PathBuf,
    /// Also write the measurements as JSON here.
    #[arg(long)]
    pub json: Option<PathBuf>,
}

/// How programs are executed (shared by `solve` and `exec`).
#[derive(Args, Debug, Clone)]
pub struct ExecOptions {
    /// Wall-time limit per program over all its inputs, in seconds.
    #[arg(long, default_value_t = 2.0)]
    pub timeout: f64,
    /// Deterministic step budget per program over all its inputs (one step per Python call or
    /// loop iteration, one per 64 elements of numpy work); 0 switches it off.
    #[arg(long, default_value_t = crate::exec::DEFAULT_MAX_STEPS)]
    pub max_steps: u64,
    /// Executor workers [default: all cores].
    #[arg(long)]
    pub workers: Option<usize>,
    /// Address-space limit of each worker process, in MiB.
    #[arg(long, default_value_t = 4096)]
    pub memory_limit_mb: u64,
    /// Run interpreters inside this process (faster start; a program that exhausts memory then
    /// aborts the whole run).
    #[arg(long)]
    pub in_process: bool,
}

impl ExecOptions {
    /// The executor configuration these flags describe.
    pub fn config(&self) -> anyhow::Result<ExecConfig> {
        if !(self.timeout > 0.0 && self.timeout.is_finite()) {
            bail!("--timeout must be a positive number of seconds");
        }
        let mut config = ExecConfig {
            timeout: Duration::from_secs_f64(self.timeout),
            max_steps: match self.max_steps {
                0 => crate::exec::budget::UNLIMITED,
                n => n,
            },
            ..ExecConfig::default()
        };
        if let Some(w) = self.workers {
            config.workers = w.max(1);
        }
        if !self.in_process {
            config.process = Some(ProcessConfig {
                exe: std::env::current_exe()
                    .context("cannot find this executable to start workers")?,
                memory_limit: self.memory_limit_mb.saturating_mul(1 << 20),
            });
        }
        Ok(config)
    }
}

/// Parses arguments and runs the command.
pub fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Solve(args) => solve::solve(*args),
        Command::Validate {
            submission,
            challenges,
        } => commands::validate(&submission, &challenges),
        Command::Score {
            submission,
            solutions,
            json,
        } => commands::score(&submission, &solutions, json),
        Command::Exec(args) => commands::exec(args),
        Command::Prompt(args) => commands::prompt(&args),
        Command::Stats { db, json } => commands::stats(&db, json),
        Command::Bench {
            what: BenchCommand::Exec(args),
        } => commands::bench_exec(&args),
        Command::Bench {
            what: BenchCommand::Gen(args),
        } => commands::bench_gen(&args),
        Command::Bench {
            what: BenchCommand::Parity(args),
        } => commands::bench_parity(&args),
        Command::Bench {
            what: BenchCommand::Steps(args),
        } => commands::bench_steps(&args),
        Command::Bench {
            what: BenchCommand::Prefix(args),
        } => commands::bench_prefix(&args),
        Command::ExecWorker { memory_limit } => crate::exec::process::serve(memory_limit),
        Command::Serve(args) => serve::run(args),
        Command::Export(args) => export::export(args),
        Command::Subset(args) => export::subset(args),
        Command::Report(args) => export::report(args),
        Command::Bench {
            what: BenchCommand::Export(args),
        } => export::bench_export(&args),
    }
}

/// Resolves a `--subset` value: an existing file, or a shipped list by `dataset/name` or `name`
/// (preferring the dataset named like the data root's directory).
pub fn resolve_subset(value: &str, data_root: &Path) -> anyhow::Result<(String, Vec<String>)> {
    let path = Path::new(value);
    if path.is_file() {
        return Ok((value.to_string(), task::read_subset(path)?));
    }
    let stem = value.trim_end_matches(".txt");
    let matches: Vec<&(&str, &str)> = SUBSETS
        .iter()
        .filter(|(name, _)| *name == stem || name.rsplit('/').next() == Some(stem))
        .collect();
    let root_name = data_root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let chosen = match matches.as_slice() {
        [] => bail!(
            "subset {value:?}: no such file and no shipped list of that name (shipped: {})",
            SUBSETS
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        [one] => *one,
        many => match many
            .iter()
            .find(|(n, _)| n.starts_with(&format!("{root_name}/")))
        {
            Some(m) => *m,
            None => bail!(
                "subset {value:?} is ambiguous: {}",
                many.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            ),
        },
    };
    Ok((chosen.0.to_string(), task::parse_subset(chosen.1)))
}

/// Loads and selects tasks as the flags say.
pub fn load_tasks(args: &TaskArgs) -> anyhow::Result<(PathBuf, Vec<Task>)> {
    let (root, mut tasks) = match &args.data_root {
        None => (
            PathBuf::from(task::embedded_sample::LABEL),
            task::embedded_sample::load(args.split)?,
        ),
        Some(root) if !root.is_dir() => bail!("data root {}: not a directory", root.display()),
        Some(root) => (root.clone(), task::load_split(root, args.split)?),
    };
    let source = task::challenges_path(&root, args.split);
    if let Some(subset) = &args.subset {
        let (_, ids) = resolve_subset(subset, &root)?;
        tasks = task::select_ids(tasks, &ids, &source)?;
    }
    if !args.tasks.is_empty() {
        tasks = task::select_ids(tasks, &args.tasks, &source)?;
    }
    if let Some(n) = args.limit {
        tasks.truncate(n);
    }
    if tasks.is_empty() {
        bail!("no tasks selected from {}", source.display());
    }
    Ok((root, tasks))
}
