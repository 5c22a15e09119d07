//! Command-line interface: argument definitions and the `solve` command. The other subcommands live
//! in [`commands`]; terminal output in [`report`].

pub mod commands;
pub mod local;
pub mod report;

use crate::exec::process::{ProcessConfig, WORKER_SUBCOMMAND};
use crate::exec::{ExecConfig, Executor};
use crate::generate::local::LocalGenerator;
use crate::generate::replay::ReplayGenerator;
use crate::generate::{Generator, SamplingParams};
use crate::library::LibraryGenerator;
use crate::metrics::{spread, RunMetrics};
use crate::prompt::{PromptTemplate, DEFAULT_PROMPT_VERSION};
use crate::solve::{RunSettings, Solver};
use crate::store::{ProgramStore, RunInfo};
use crate::submission::write_atomic;
use crate::task::{self, Split, Task};
use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand, ValueEnum};
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
    Solve(SolveArgs),
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

/// Which backend generates completions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Backend {
    /// Built-in library of general programs (default).
    Library,
    /// Recorded completions or programs from `--replay FILE`.
    Replay,
    /// A Qwen-family model run in this process (`--model DIR`).
    Local,
}

/// Options of `solve`.
#[derive(Args, Debug)]
pub struct SolveArgs {
    #[command(flatten)]
    tasks: TaskArgs,
    /// Completion source [default: local when --model is given, replay when --replay is given,
    /// else library].
    #[arg(long, value_enum)]
    backend: Option<Backend>,
    /// JSONL of {"task_id", "completion"} or {"task_id", "code"} for the replay backend.
    #[arg(long)]
    replay: Option<PathBuf>,
    /// Samples per task [default: all the backend has].
    #[arg(long)]
    attempts: Option<usize>,
    /// Sampling temperature.
    #[arg(long, default_value_t = 1.0)]
    temperature: f32,
    /// Nucleus sampling mass.
    #[arg(long, default_value_t = 1.0)]
    top_p: f32,
    /// Top-k sampling (0 = off).
    #[arg(long, default_value_t = 0)]
    top_k: usize,
    /// Min-p sampling (0 = off).
    #[arg(long, default_value_t = 0.0)]
    min_p: f32,
    /// Most tokens per completion.
    #[arg(long, default_value_t = 4096)]
    max_new_tokens: usize,
    /// Sampling seed (repeat k uses seed + k).
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Stop generating when this string appears (repeatable).
    #[arg(long)]
    stop: Vec<String>,
    /// Prompt version: a built-in name or a directory with system.txt and user.txt.
    #[arg(long, default_value = DEFAULT_PROMPT_VERSION)]
    prompt_version: String,
    #[command(flatten)]
    exec: ExecOptions,
    #[command(flatten)]
    local: local::LocalArgs,
    /// Submission file, rewritten atomically after every task (with several --lora adapters:
    /// one file per adapter, named <stem>.<adapter>.json).
    #[arg(long, default_value = "submission.json")]
    out: PathBuf,
    /// Program store (SQLite).
    #[arg(long, env = "ARC_PROGRAMS_DB", default_value = "runs/programs.db")]
    db: PathBuf,
    /// Directory for per-run summaries (runs/<run-id>/summary.json).
    #[arg(long, default_value = "runs")]
    runs_dir: PathBuf,
    /// Repeat the run K times and report mean, std and 95 % CI per metric.
    #[arg(long, default_value_t = 1)]
    repeat_runs: usize,
    /// Print only the final metrics.
    #[arg(long)]
    quiet: bool,
    /// Print the final summary as JSON on stdout (implies --quiet).
    #[arg(long)]
    json: bool,
}

/// Parses arguments and runs the command.
pub fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Solve(args) => solve(args),
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
        Command::ExecWorker { memory_limit } => crate::exec::process::serve(memory_limit),
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

fn make_generator(args: &SolveArgs, adapter: Option<&Path>) -> anyhow::Result<Box<dyn Generator>> {
    let backend = args.backend.unwrap_or(if args.local.model.is_some() {
        Backend::Local
    } else if args.replay.is_some() {
        Backend::Replay
    } else {
        Backend::Library
    });
    if adapter.is_some() && backend != Backend::Local {
        bail!("--lora needs the local backend (--model DIR)");
    }
    Ok(match backend {
        Backend::Library => Box::new(LibraryGenerator::new()),
        Backend::Replay => {
            let path = args
                .replay
                .as_ref()
                .context("--backend replay needs --replay FILE")?;
            Box::new(ReplayGenerator::open(path)?)
        }
        Backend::Local => Box::new(LocalGenerator::load(
            &args.local.options(adapter.map(Path::to_path_buf))?,
        )?),
    })
}

/// The submission path of one adapter when several are evaluated in one invocation.
fn adapter_out(out: &Path, adapter: &Path) -> PathBuf {
    let stem = out
        .file_stem()
        .map_or_else(|| "submission".into(), |s| s.to_string_lossy().into_owned());
    let name = adapter
        .file_name()
        .map_or_else(|| "adapter".into(), |s| s.to_string_lossy().into_owned());
    out.with_file_name(format!("{stem}.{name}.json"))
}

fn new_run_id() -> String {
    let now = time::OffsetDateTime::now_utc();
    let stamp = now
        .format(time::macros::format_description!(
            "[year][month][day]-[hour][minute][second]"
        ))
        .unwrap_or_default();
    format!("{stamp}-{:04x}", rand::random::<u16>())
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn solve(args: SolveArgs) -> anyhow::Result<()> {
    if args.repeat_runs == 0 {
        bail!("--repeat-runs must be at least 1");
    }
    let (root, tasks) = load_tasks(&args.tasks)?;
    let template = PromptTemplate::load(&args.prompt_version)?;
    let exec_config = args.exec.config()?;
    let executor = Executor::new(exec_config.clone())?;
    let mut store = ProgramStore::open(&args.db)?;
    // Several adapters: each is merged and evaluated in turn, with its own runs and submission.
    let adapters: Vec<Option<&Path>> = match args.local.lora.as_slice() {
        [] => vec![None],
        many => many.iter().map(|p| Some(p.as_path())).collect(),
    };
    let mut by_adapter = Vec::new();
    for adapter in &adapters {
        let generator = make_generator(&args, *adapter)?;
        let out = match adapter {
            Some(a) if adapters.len() > 1 => adapter_out(&args.out, a),
            _ => args.out.clone(),
        };
        let ctx = RunContext {
            root: &root,
            tasks: &tasks,
            template: &template,
            executor: &executor,
            exec_config: &exec_config,
            out: &out,
        };
        let (summaries, spreads) = solve_repeats(&args, generator.as_ref(), &ctx, &mut store)?;
        by_adapter.push((generator.model(), summaries, spreads));
    }
    if args.json {
        let runs: Vec<_> = by_adapter
            .iter()
            .map(|(model, runs, spread)| serde_json::json!({"model": model, "runs": runs, "spread": spread}))
            .collect();
        let out = if runs.len() == 1 {
            let (_, runs, spread) = &by_adapter[0];
            serde_json::json!({ "runs": runs, "spread": spread })
        } else {
            serde_json::json!({ "adapters": runs })
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else if by_adapter.len() > 1 {
        report::print_adapter_table(&by_adapter);
    }
    Ok(())
}

/// What every repeat of a run shares.
struct RunContext<'a> {
    root: &'a Path,
    tasks: &'a [Task],
    template: &'a PromptTemplate,
    executor: &'a Executor,
    exec_config: &'a ExecConfig,
    out: &'a Path,
}

/// Runs `--repeat-runs` repeats with one generator; returns their summaries and the spread.
fn solve_repeats(
    args: &SolveArgs,
    generator: &dyn Generator,
    ctx: &RunContext<'_>,
    store: &mut ProgramStore,
) -> anyhow::Result<(Vec<serde_json::Value>, Vec<crate::metrics::Spread>)> {
    let (root, tasks, template, executor, exec_config) = (
        ctx.root,
        ctx.tasks,
        ctx.template,
        ctx.executor,
        ctx.exec_config,
    );
    let quiet = args.quiet || args.json;
    let group_id = new_run_id();
    let mut all_metrics: Vec<RunMetrics> = Vec::new();
    let mut summaries = Vec::new();
    for k in 0..args.repeat_runs {
        let run_id = if args.repeat_runs == 1 {
            group_id.clone()
        } else {
            format!("{group_id}-r{k}")
        };
        let sampling = SamplingParams {
            temperature: args.temperature,
            top_p: args.top_p,
            top_k: args.top_k,
            min_p: args.min_p,
            max_new_tokens: args.max_new_tokens,
            seed: args.seed + k as u64,
            stop: args.stop.clone(),
        };
        let config = serde_json::json!({
            "attempts": args.attempts,
            "sampling": sampling,
            "exec": exec_config,
            "subset": args.tasks.subset,
            "tasks": tasks.len(),
            "out": ctx.out,
            "local": (generator.backend() == "local").then(|| serde_json::json!({
                "model": args.local.model,
                "dtype": format!("{:?}", args.local.dtype).to_lowercase(),
                "devices": args.local.devices,
                "max_batch": args.local.max_batch,
                "kv_budget": args.local.kv_budget,
                "no_think": args.local.no_think,
            })),
        });
        let info = RunInfo {
            run_id: run_id.clone(),
            group_id: group_id.clone(),
            repeat_index: k,
            started_at: now_rfc3339(),
            backend: generator.backend().to_string(),
            model: generator.model(),
            prompt_version: template.version.clone(),
            split: args.tasks.split.to_string(),
            data_root: root.display().to_string(),
            config,
        };
        store.begin_run(&info)?;
        let settings = RunSettings {
            attempts: args.attempts,
            sampling,
            submission_path: ctx.out.to_path_buf(),
        };
        let mut reporter = report::Reporter::new(tasks.len(), quiet, &info);
        let mut solver = Solver {
            generator,
            executor,
            template,
            store: Some(&mut *store),
        };
        let outcome = solver.run(tasks, &settings, &info, &mut reporter)?;
        reporter.finish();
        store.finish_run(&run_id, &now_rfc3339(), &outcome.metrics)?;
        let summary = report::run_summary(&info, &outcome);
        let summary_path = args.runs_dir.join(&run_id).join("summary.json");
        write_atomic(
            &summary_path,
            serde_json::to_string_pretty(&summary)?.as_bytes(),
        )
        .with_context(|| format!("{}: cannot write run summary", summary_path.display()))?;
        if !args.json {
            report::print_metrics(&info, &outcome.metrics, ctx.out, &summary_path);
        }
        all_metrics.push(outcome.metrics);
        summaries.push(summary);
    }
    let spreads = spread(&all_metrics);
    if !args.json && args.repeat_runs > 1 {
        report::print_spread(&spreads);
    }
    Ok((summaries, spreads))
}
